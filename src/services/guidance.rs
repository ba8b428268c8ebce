//! Guidance on the legal way: the shipped text (revision 0, `locales/*/guidance.ftl`)
//! or a supervisor's latest edit, in the reader's language; its SMS form (checked to fit
//! at edit time) and its USSD pages come from the same revision.
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::{
    config::SmsSettings,
    db::{
        DbConnection,
        models::{centres, guidance as g, guidance::RevisionRow},
    },
    domain::{Role, guidance},
    error::{ApiError, ApiResult},
    i18n::{self, Lang},
    services::{audit, now, tokens::Principal},
    sms::{self, SmsKind},
};

/// USSD screens are 182 characters; a page leaves room for the menu line.
pub const USSD_PAGE: usize = 150;

#[derive(Debug, Clone, Serialize)]
pub struct Topic {
    pub topic: &'static str,
    pub number: usize,
    pub language: Lang,
    pub revision: i32,
    pub title: String,
    pub sms: String,
    pub body: String,
    pub updated_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicSummary {
    pub topic: &'static str,
    pub number: usize,
    pub title: String,
    pub revision: i32,
}

fn shipped(topic: &'static str, lang: Lang) -> Topic {
    let part = |p: &str| i18n::t(lang, &format!("guide-{topic}-{p}"), &[]);
    Topic {
        topic,
        number: guidance::number_of(topic).unwrap_or(0),
        language: lang,
        revision: 0,
        title: part("title"),
        sms: part("sms"),
        body: part("body"),
        updated_at: None,
    }
}

fn from_row(topic: &'static str, lang: Lang, r: RevisionRow) -> Topic {
    Topic {
        topic,
        number: guidance::number_of(topic).unwrap_or(0),
        language: lang,
        revision: r.revision,
        title: r.title,
        sms: r.sms,
        body: r.body,
        updated_at: Some(r.created_at),
    }
}

fn known(topic: &str) -> ApiResult<&'static str> {
    guidance::TOPICS
        .iter()
        .find(|t| **t == topic)
        .copied()
        .ok_or(ApiError::NotFound)
}

/// Every topic, numbered, with its current title.
pub fn list(conn: &mut DbConnection, lang: Lang) -> ApiResult<Vec<TopicSummary>> {
    let edited = g::latest_all(conn, lang.code())?;
    Ok(guidance::TOPICS
        .iter()
        .map(|t| {
            let (title, revision) = match edited.iter().find(|r| r.topic == *t) {
                Some(r) => (r.title.clone(), r.revision),
                None => (shipped(t, lang).title, 0),
            };
            TopicSummary {
                topic: t,
                number: guidance::number_of(t).unwrap_or(0),
                title,
                revision,
            }
        })
        .collect())
}

/// One topic as readers see it now. The centres topic ends with the live list of
/// centres (address, hours, phone).
pub fn current(conn: &mut DbConnection, topic: &str, lang: Lang) -> ApiResult<Topic> {
    let topic = known(topic)?;
    let mut t = match g::latest(conn, topic, lang.code())? {
        Some(r) => from_row(topic, lang, r),
        None => shipped(topic, lang),
    };
    if topic == "centres" {
        for c in centres::all(conn)? {
            let name = if lang == Lang::Zh {
                c.name_zh
            } else {
                c.name_vi
            };
            t.body.push_str(&format!(
                "\n\n{name}: {}. {}. {}",
                c.address, c.hours, c.phone
            ));
        }
    }
    Ok(t)
}

/// The SMS form of topic number `n` (for `HD <n>`), if there is such a topic.
pub fn sms_form(conn: &mut DbConnection, n: usize, lang: Lang) -> ApiResult<Option<String>> {
    match guidance::by_number(n) {
        Some(topic) => Ok(Some(current(conn, topic, lang)?.sms)),
        None => Ok(None),
    }
}

/// The topic's body in USSD pages (never cut mid-word).
pub fn ussd_pages(t: &Topic) -> Vec<String> {
    guidance::pages(&t.body, USSD_PAGE)
}

/// `PUT /v1/guidance/{topic}`.
#[derive(Debug, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Edit {
    pub language: Lang,
    #[validate(length(min = 3, max = 80))]
    pub title: String,
    #[validate(length(min = 10, max = 400))]
    pub sms: String,
    #[validate(length(min = 20, max = 8000))]
    pub body: String,
}

/// A supervisor's (or admin's) edit: the next revision, audited. The SMS form must fit
/// the reply cap after the diacritics policy, or nothing is stored.
pub fn edit(
    conn: &mut DbConnection,
    actor: &Principal,
    topic: &str,
    e: Edit,
    settings: &SmsSettings,
) -> ApiResult<Topic> {
    if !matches!(actor.role, Role::Supervisor | Role::Admin) {
        return Err(ApiError::Forbidden);
    }
    let topic = known(topic)?;
    e.validate()?;
    sms::prepare(settings, SmsKind::Reply, e.language, e.sms.trim())?;
    crate::db::write_transaction(conn, |conn| {
        let before = g::latest(conn, topic, e.language.code())?;
        let row = RevisionRow {
            id: uuid::Uuid::now_v7().to_string(),
            topic: topic.into(),
            language: e.language.code().into(),
            revision: before.as_ref().map_or(0, |r| r.revision) + 1,
            title: e.title.trim().into(),
            sms: e.sms.trim().into(),
            body: e.body.trim().into(),
            author_id: actor.id.0.clone(),
            created_at: now(),
        };
        g::insert(conn, &row)?;
        audit::record(
            conn,
            actor,
            "guidance.edited",
            ("guidance", topic),
            before.as_ref(),
            Some(&row),
        )?;
        Ok(from_row(topic, e.language, row))
    })
}

/// Every edit of a topic, newest first (supervisors and admins).
pub fn history(
    conn: &mut DbConnection,
    actor: &Principal,
    topic: &str,
) -> ApiResult<Vec<RevisionRow>> {
    if !matches!(actor.role, Role::Supervisor | Role::Admin) {
        return Err(ApiError::Forbidden);
    }
    let topic = known(topic)?;
    Ok(g::history(conn, topic)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_topic_exists_in_every_language_and_fits_sms_and_ussd() {
        let settings = SmsSettings::default();
        for lang in [Lang::Vi, Lang::Zh, Lang::En] {
            let ids = i18n::message_ids(lang);
            for topic in guidance::TOPICS {
                for part in ["title", "sms", "body"] {
                    let id = format!("guide-{topic}-{part}");
                    assert!(ids.contains(&id), "{id} missing in {lang:?}");
                }
                let t = shipped(topic, lang);
                let prepared = sms::prepare(&settings, SmsKind::Reply, lang, &t.sms)
                    .unwrap_or_else(|e| panic!("{topic} {lang:?} SMS too long: {e}"));
                assert!(prepared.cost.segments <= 2, "{topic} {lang:?}");
                let pages = ussd_pages(&t);
                assert!(pages.len() >= 2, "{topic} {lang:?} body is substantial");
                assert!(pages.iter().all(|p| p.chars().count() <= USSD_PAGE));
                assert!(
                    !t.body.contains('{'),
                    "{topic} {lang:?} has a stray placeable"
                );
            }
        }
    }
}
