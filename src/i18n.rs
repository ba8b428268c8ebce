//! Fluent bundles for every language, built once from the `.ftl` files embedded at
//! compile time (see `build.rs`). All user-facing words come from here.
use std::{collections::BTreeSet, sync::LazyLock};

use fluent_bundle::{
    FluentArgs, FluentError, FluentResource, FluentValue,
    concurrent::FluentBundle,
    resolver::{ResolverError, errors::ReferenceKind},
};
use serde::{Deserialize, Serialize};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/locales.rs"));
}

/// A language cuakhau speaks. Vietnamese is the default for workers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Vi, Lang::Zh, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        let primary = s.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "vi" => Some(Lang::Vi),
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The best supported language of an `Accept-Language` header, by quality value.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut choices: Vec<(f32, usize, Lang)> = header
            .split(',')
            .enumerate()
            .filter_map(|(i, part)| {
                let mut pieces = part.split(';');
                let lang = Lang::parse(pieces.next()?)?;
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .unwrap_or(1.0);
                (q > 0.0).then_some((q, i, lang))
            })
            .collect();
        choices.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        choices.first().map(|c| c.2)
    }
}

struct Catalog {
    bundles: Vec<(Lang, FluentBundle<FluentResource>)>,
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    let bundles = Lang::ALL
        .iter()
        .map(|&lang| {
            let id: unic_langid::LanguageIdentifier =
                lang.code().parse().expect("valid language id");
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            bundle.set_use_isolating(false);
            for (_, name, source) in embedded::SOURCES
                .iter()
                .filter(|(l, _, _)| *l == lang.code())
            {
                let resource =
                    FluentResource::try_new(source.to_string()).unwrap_or_else(|(_, errors)| {
                        panic!("locales/{}/{name}: {errors:?}", lang.code())
                    });
                bundle
                    .add_resource(resource)
                    .unwrap_or_else(|errors| panic!("locales/{}/{name}: {errors:?}", lang.code()));
            }
            (lang, bundle)
        })
        .collect();
    Catalog { bundles }
});

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    &CATALOG
        .bundles
        .iter()
        .find(|(l, _)| *l == lang)
        .expect("every language has a bundle")
        .1
}

/// Formats message `id` in `lang`, reporting Fluent's errors (missing variables…).
pub fn try_format(
    lang: Lang,
    id: &str,
    args: &[(&str, FluentValue<'_>)],
) -> Result<String, Vec<FluentError>> {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return Err(vec![FluentError::ResolverError(ResolverError::Reference(
            ReferenceKind::Message {
                id: id.to_string(),
                attribute: None,
            },
        ))]);
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    let mut errors = Vec::new();
    let text = bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned();
    if errors.is_empty() {
        Ok(text)
    } else {
        Err(errors)
    }
}

/// Formats message `id` in `lang`; a missing message falls back to English and then
/// to the id itself, and is logged, so a missing translation never breaks a response.
pub fn t(lang: Lang, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    match try_format(lang, id, args) {
        Ok(text) => text,
        Err(errors) => {
            tracing::error!(lang = lang.code(), id, ?errors, "message failed to format");
            if lang != Lang::En
                && let Ok(text) = try_format(Lang::En, id, args)
            {
                return text;
            }
            id.to_string()
        }
    }
}

/// A date as readers of `lang` write it: 30/06/2026, 2026年6月30日, 2026-06-30.
pub fn format_date(lang: Lang, date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    match lang {
        Lang::Vi => date.format("%d/%m/%Y").to_string(),
        Lang::Zh => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
        Lang::En => date.format("%Y-%m-%d").to_string(),
    }
}

/// Every message id defined in `lang`.
pub fn message_ids(lang: Lang) -> BTreeSet<String> {
    embedded::SOURCES
        .iter()
        .filter(|(l, _, _)| *l == lang.code())
        .flat_map(|(_, _, source)| {
            let resource = FluentResource::try_new(source.to_string()).expect("parsed at start");
            resource
                .entries()
                .filter_map(|entry| match entry {
                    fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Variables a message needs, discovered by formatting it without any.
    fn variables(lang: Lang, id: &str) -> BTreeSet<String> {
        match try_format(lang, id, &[]) {
            Ok(_) => BTreeSet::new(),
            Err(errors) => errors
                .into_iter()
                .map(|e| match e {
                    FluentError::ResolverError(ResolverError::Reference(
                        ReferenceKind::Variable { id },
                    )) => id,
                    other => panic!("{}/{id}: {other:?}", lang.code()),
                })
                .collect(),
        }
    }

    #[test]
    fn every_message_exists_in_every_language_and_formats_with_its_arguments() {
        let all: BTreeSet<String> = Lang::ALL.iter().flat_map(|&l| message_ids(l)).collect();
        assert!(all.len() > 10, "catalogue unexpectedly small: {all:?}");
        for id in &all {
            let expected = variables(Lang::Vi, id);
            for lang in Lang::ALL {
                assert!(
                    message_ids(lang).contains(id),
                    "{id} missing in {}",
                    lang.code()
                );
                assert_eq!(
                    variables(lang, id),
                    expected,
                    "{id}: variables differ in {}",
                    lang.code()
                );
                let owned: Vec<String> = expected.iter().cloned().collect();
                let args: Vec<(&str, FluentValue)> = owned
                    .iter()
                    .map(|v| (v.as_str(), FluentValue::from(3)))
                    .collect();
                let text = try_format(lang, id, &args)
                    .unwrap_or_else(|e| panic!("{id}/{}: {e:?}", lang.code()));
                assert!(!text.trim().is_empty());
                assert!(!text.contains('\u{2068}'), "isolation marks must be off");
            }
        }
    }

    #[test]
    fn accept_language_picks_the_best_supported_language() {
        assert_eq!(
            Lang::from_accept_language("zh-CN,zh;q=0.9,en;q=0.8"),
            Some(Lang::Zh)
        );
        assert_eq!(
            Lang::from_accept_language("fr, en;q=0.5, vi;q=0.7"),
            Some(Lang::Vi)
        );
        assert_eq!(Lang::from_accept_language("fr, de"), None);
        assert_eq!(
            Lang::from_accept_language("en;q=0, zh;q=0.1"),
            Some(Lang::Zh)
        );
    }

    #[test]
    fn dates_in_each_readers_format() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 6, 3).unwrap();
        assert_eq!(format_date(Lang::Vi, d), "03/06/2026");
        assert_eq!(format_date(Lang::Zh, d), "2026年6月3日");
        assert_eq!(format_date(Lang::En, d), "2026-06-03");
    }

    #[test]
    fn formats_numbers_without_isolation_marks() {
        let text = t(
            Lang::Vi,
            "too_many_requests",
            &[("minutes", FluentValue::from(42))],
        );
        assert!(text.contains("42 phút"), "{text}");
    }
}
