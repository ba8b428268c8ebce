//! USSD screens: a body, an optional "invalid choice" line, and the navigation line —
//! never more than 182 characters; Vietnamese goes unaccented (many handsets and
//! gateways show only GSM characters).
use std::{
    collections::HashMap,
    sync::{LazyLock, RwLock},
};

use crate::{
    domain::{guidance::pages, sms_text::unaccent, ussd::MAX_SCREEN},
    i18n::{self, Lang},
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screen {
    pub text: String,
    /// The session ends with this screen.
    pub end: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// No navigation line (main menu, ending screens).
    None,
    Back,
    More,
}

/// A message without arguments as the phone shows it (unaccented in Vietnamese), made
/// once per language: menus and navigation lines are on every screen.
pub fn phrase(lang: Lang, id: &'static str) -> String {
    type Made = HashMap<(Lang, &'static str), String>;
    static MADE: LazyLock<RwLock<Made>> = LazyLock::new(RwLock::default);
    if let Some(made) = MADE
        .read()
        .unwrap_or_else(|p| p.into_inner())
        .get(&(lang, id))
    {
        return made.clone();
    }
    let made = for_phone(lang, &i18n::t(lang, id, &[]));
    let mut all = MADE.write().unwrap_or_else(|p| p.into_inner());
    all.insert((lang, id), made.clone());
    made
}

/// As the phone will show it.
pub fn for_phone(lang: Lang, text: &str) -> String {
    if lang == Lang::Vi {
        unaccent(text)
    } else {
        text.to_string()
    }
}

fn len(s: &str) -> usize {
    s.chars().count()
}

/// Characters a page of content may use, leaving room for both extra lines.
pub fn body_width(lang: Lang) -> usize {
    MAX_SCREEN - len(&phrase(lang, "ussd-nav-more")) - len(&phrase(lang, "ussd-invalid")) - 2
}

/// `text` in pages that fit a screen with its extra lines.
pub fn paged(lang: Lang, text: &str) -> Vec<String> {
    let p = pages(&for_phone(lang, text), body_width(lang));
    if p.is_empty() { vec![String::new()] } else { p }
}

/// The screen. A body too long (it should have been paged) is cut between words.
pub fn compose(lang: Lang, body: &str, nav: Nav, invalid: bool, end: bool) -> Screen {
    let nav_line = match nav {
        Nav::None => None,
        Nav::Back => Some(phrase(lang, "ussd-nav-back")),
        Nav::More => Some(phrase(lang, "ussd-nav-more")),
    };
    let invalid_line = invalid.then(|| phrase(lang, "ussd-invalid"));
    let extra: usize = [&nav_line, &invalid_line]
        .iter()
        .filter_map(|l| l.as_ref().map(|l| len(l) + 1))
        .sum();
    let mut body = for_phone(lang, body.trim());
    if len(&body) + extra > MAX_SCREEN {
        let keep = lines_within(&body, MAX_SCREEN - extra);
        body = keep;
    }
    let mut parts: Vec<String> = Vec::new();
    if let Some(l) = invalid_line {
        parts.push(l);
    }
    parts.push(body);
    if let Some(l) = nav_line {
        parts.push(l);
    }
    Screen {
        text: parts.join("\n"),
        end,
    }
}

/// The longest prefix of `text`, by whole lines and then whole words, within `width`.
fn lines_within(text: &str, width: usize) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let sep = usize::from(!out.is_empty());
        if len(&out) + sep + len(line) <= width {
            if sep == 1 {
                out.push('\n');
            }
            out.push_str(line);
            continue;
        }
        let room = width.saturating_sub(len(&out) + sep);
        if let Some(first) = pages(line, room.max(1)).into_iter().next()
            && len(&first) <= room
        {
            if sep == 1 {
                out.push('\n');
            }
            out.push_str(&first);
        }
        break;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_are_the_messages_as_the_phone_shows_them() {
        for lang in Lang::ALL {
            for id in ["ussd-main", "ussd-nav-back", "ussd-invalid"] {
                let made = phrase(lang, id);
                assert_eq!(made, for_phone(lang, &i18n::t(lang, id, &[])));
                assert_eq!(phrase(lang, id), made, "the same the second time");
            }
        }
        let main = phrase(Lang::Vi, "ussd-main");
        assert!(
            main.contains("Tinh trang giay to"),
            "unaccented Vietnamese: {main}"
        );
    }

    #[test]
    fn screens_fit_and_vietnamese_is_unaccented() {
        let long = "Giấy phép cư trú tạm thời của bạn còn hiệu lực ".repeat(10);
        for lang in [Lang::Vi, Lang::Zh, Lang::En] {
            for nav in [Nav::None, Nav::Back, Nav::More] {
                for invalid in [false, true] {
                    let s = compose(lang, &long, nav, invalid, false);
                    assert!(len(&s.text) <= MAX_SCREEN, "{lang:?} {nav:?} {invalid}");
                }
            }
            for page in paged(lang, &long) {
                let s = compose(lang, &page, Nav::More, true, false);
                assert!(s.text.contains(&page), "a page fits whole");
            }
        }
        let s = compose(Lang::Vi, "Đường dây nóng", Nav::Back, false, false);
        assert!(s.text.starts_with("Duong day nong"), "{}", s.text);
    }
}
