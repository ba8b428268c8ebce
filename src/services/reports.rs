//! Abuse reports: filed by app (signed in or anonymous), SMS (`BC`) or USSD; triaged by
//! supervisors in their zone; a reporter who left a phone is told of every step by SMS.
//! An anonymous report keeps no account, phone or address — only a hashed secret.
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use validator::Validate;

use crate::{
    config::SmsSettings,
    db::{
        DbConnection,
        models::{
            agencies,
            reports::{self as r, EventRow, ReportRow},
        },
    },
    domain::{Phone, Role, Scope, reports},
    error::{ApiError, ApiResult},
    i18n::{self, Lang},
    services::{audit, now, tokens::Principal},
    sms::{self, Outbound, SmsKind},
};

pub use crate::domain::channel::Channel;

/// `POST /v1/reports`.
#[derive(Debug, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct NewReport {
    #[validate(custom(function = "category"))]
    pub category: String,
    #[validate(length(min = 1, max = 2000))]
    pub details: String,
    #[validate(length(max = 200))]
    pub named_party: Option<String>,
    pub agency_id: Option<String>,
    #[validate(length(max = 200))]
    pub place: Option<String>,
    #[validate(length(max = 64))]
    pub zone: Option<String>,
    pub happened_on: Option<NaiveDate>,
    /// A signed-in worker may still report anonymously.
    #[serde(default)]
    pub anonymous: bool,
}

fn category(c: &str) -> Result<(), validator::ValidationError> {
    if reports::is_category(c) {
        Ok(())
    } else {
        Err(validator::ValidationError::new("category"))
    }
}

/// Who files: nobody known (anonymous), or a user and/or a phone.
#[derive(Debug, Clone, Default)]
pub struct Reporter {
    pub user_id: Option<String>,
    pub phone: Option<Phone>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Filed {
    pub case_number: String,
    /// Only for anonymous reports: with the case number, the way to check its status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    pub state: String,
}

fn hash(secret: &str) -> String {
    format!("{:x}", Sha256::digest(secret.as_bytes()))
}

fn new_secret() -> String {
    // No 0/O, 1/I/L: read aloud or typed on a keypad without confusion.
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let bytes: [u8; 8] = rand::random();
    bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect()
}

/// The abuse limits on filing, the same for every channel: at most `per_hour` reports
/// from one address, one account and one phone (whichever are known).
pub async fn within_limits(
    kv: &dyn crate::kv::KvStore,
    per_hour: u32,
    ip: Option<&str>,
    user_id: Option<&str>,
    phone: Option<&str>,
) -> ApiResult<()> {
    use crate::services::rate_limit::{Limit, hit};
    for (name, subject) in [
        ("report-ip", ip),
        ("report-user", user_id),
        ("report-phone", phone),
    ] {
        if let Some(subject) = subject {
            hit(kv, Limit::per_hour(name, per_hour), subject).await?;
        }
    }
    Ok(())
}

/// Files a report. Anonymous (no reporter, or `anonymous`) keeps neither account nor
/// phone and returns a secret; a case number is unique (retried on a concurrent clash).
pub fn file(
    conn: &mut DbConnection,
    input: NewReport,
    reporter: Reporter,
    channel: Channel,
    lang: Lang,
    today: NaiveDate,
) -> ApiResult<Filed> {
    input.validate()?;
    if input.details.trim().is_empty() {
        return Err(ApiError::field("details", "length"));
    }
    if input.happened_on.is_some_and(|d| d > today) {
        return Err(ApiError::field("happened_on", "future"));
    }
    let anonymous = input.anonymous || (reporter.user_id.is_none() && reporter.phone.is_none());
    let secret = anonymous.then(new_secret);
    for attempt in 0..3 {
        let filed = crate::db::write_transaction(conn, |conn| {
            if let Some(id) = &input.agency_id
                && agencies::find(conn, id)?.is_none()
            {
                return Err(ApiError::field("agency_id", "unknown"));
            }
            let seq = r::next_seq(conn)?;
            let at = now();
            let row = ReportRow {
                id: uuid::Uuid::now_v7().to_string(),
                seq,
                case_number: reports::case_number(today.year(), seq),
                category: input.category.clone(),
                details: input.details.trim().to_string(),
                named_party: clean(&input.named_party),
                agency_id: input.agency_id.clone(),
                place: clean(&input.place),
                zone: clean(&input.zone),
                happened_on: input.happened_on,
                channel: channel.as_str().into(),
                reporter_id: if anonymous {
                    None
                } else {
                    reporter.user_id.clone()
                },
                reporter_phone: if anonymous {
                    None
                } else {
                    reporter.phone.as_ref().map(|p| p.to_string())
                },
                secret_hash: secret.as_deref().map(hash),
                language: lang.code().into(),
                state: "new".into(),
                created_at: at,
                updated_at: at,
            };
            r::insert(conn, &row)?;
            Ok(row.case_number)
        });
        match filed {
            Ok(case_number) => {
                return Ok(Filed {
                    case_number,
                    secret,
                    state: "new".into(),
                });
            }
            Err(e) if attempt < 2 && crate::db::is_unique_violation_in(&e) => {}
            Err(e) => return Err(e),
        }
    }
    Err(anyhow::anyhow!("case number clashed three times").into())
}

fn clean(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
}

/// What a reporter sees of their case.
#[derive(Debug, Clone, Serialize)]
pub struct ReporterView {
    pub case_number: String,
    pub category: String,
    pub state: String,
    pub state_text: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

fn reporter_view(row: ReportRow, lang: Lang) -> ReporterView {
    ReporterView {
        state_text: i18n::t(lang, &format!("report-state-{}", row.state), &[]),
        case_number: row.case_number,
        category: row.category,
        state: row.state,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

/// The reporter's view of a case: by the secret, or as the signed-in reporter. Anything
/// else — a wrong secret included — is "not found".
pub fn status(
    conn: &mut DbConnection,
    case_number: &str,
    secret: Option<&str>,
    user: Option<&Principal>,
    lang: Lang,
) -> ApiResult<ReporterView> {
    let row = r::by_case(conn, &reports::normalize_case_number(case_number))?
        .ok_or(ApiError::NotFound)?;
    let by_secret = match (secret, &row.secret_hash) {
        (Some(s), Some(h)) => hash(&reports::normalize_case_number(s)) == *h,
        _ => false,
    };
    let by_user = user.is_some_and(|u| row.reporter_id.as_deref() == Some(u.id.0.as_str()));
    if by_secret || by_user {
        Ok(reporter_view(row, lang))
    } else {
        Err(ApiError::NotFound)
    }
}

/// `BC <case number>` by SMS: the state of a case filed from this very phone, or
/// `None` (not found, or not this phone's — the same answer).
pub fn status_by_phone(
    conn: &mut DbConnection,
    case_number: &str,
    phone: &Phone,
    lang: Lang,
) -> ApiResult<Option<ReporterView>> {
    Ok(
        r::by_case(conn, &reports::normalize_case_number(case_number))?
            .filter(|row| row.reporter_phone.as_deref() == Some(phone.as_str()))
            .map(|row| reporter_view(row, lang)),
    )
}

/// What supervisors see: everything the reporter gave, and the triage history.
#[derive(Debug, Clone, Serialize)]
pub struct CaseView {
    pub case_number: String,
    pub category: String,
    pub details: String,
    pub named_party: Option<String>,
    pub agency_id: Option<String>,
    pub place: Option<String>,
    pub zone: Option<String>,
    pub happened_on: Option<NaiveDate>,
    pub channel: String,
    pub anonymous: bool,
    pub reporter_phone: Option<String>,
    pub state: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub events: Vec<EventRow>,
}

fn case_view(row: ReportRow, events: Vec<EventRow>) -> CaseView {
    CaseView {
        anonymous: row.reporter_id.is_none() && row.reporter_phone.is_none(),
        case_number: row.case_number,
        category: row.category,
        details: row.details,
        named_party: row.named_party,
        agency_id: row.agency_id,
        place: row.place,
        zone: row.zone,
        happened_on: row.happened_on,
        channel: row.channel,
        reporter_phone: row.reporter_phone,
        state: row.state,
        created_at: row.created_at,
        updated_at: row.updated_at,
        events,
    }
}

/// The zone a triager is limited to (`None` = every zone); non-triagers are refused.
fn triage_zone(actor: &Principal) -> ApiResult<Option<String>> {
    match (&actor.role, &actor.scope) {
        (Role::Supervisor, Some(Scope::Zone(z))) => Ok(Some(z.clone())),
        (Role::Supervisor | Role::Admin, _) => Ok(None),
        _ => Err(ApiError::Forbidden),
    }
}

fn in_scope(actor: &Principal, row: &ReportRow) -> ApiResult<()> {
    match triage_zone(actor)? {
        Some(z) if row.zone.as_deref() != Some(z.as_str()) => Err(ApiError::NotFound),
        _ => Ok(()),
    }
}

pub fn list(
    conn: &mut DbConnection,
    actor: &Principal,
    state: Option<&str>,
    category: Option<&str>,
) -> ApiResult<Vec<CaseView>> {
    let zone = triage_zone(actor)?;
    if state.is_some_and(|s| !reports::STATES.contains(&s)) {
        return Err(ApiError::field("state", "unknown"));
    }
    if category.is_some_and(|c| !reports::is_category(c)) {
        return Err(ApiError::field("category", "unknown"));
    }
    Ok(r::search(conn, zone.as_deref(), state, category, 500)?
        .into_iter()
        .map(|row| case_view(row, Vec::new()))
        .collect())
}

pub fn case(conn: &mut DbConnection, actor: &Principal, case_number: &str) -> ApiResult<CaseView> {
    let row = r::by_case(conn, &reports::normalize_case_number(case_number))?
        .ok_or(ApiError::NotFound)?;
    in_scope(actor, &row)?;
    let events = r::events(conn, &row.id)?;
    Ok(case_view(row, events))
}

/// `POST /v1/reports/{case}/transitions`.
#[derive(Debug, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    #[validate(length(min = 1, max = 20))]
    pub state: String,
    #[validate(length(min = 1, max = 2000))]
    pub note: String,
}

/// Moves a case one step with a note; a reporter who left a phone gets an SMS about it
/// (queued in the same transaction; opt-out honoured by the queue).
pub fn transition(
    conn: &mut DbConnection,
    actor: &Principal,
    case_number: &str,
    t: Transition,
    settings: &SmsSettings,
) -> ApiResult<CaseView> {
    t.validate()?;
    if !reports::STATES.contains(&t.state.as_str()) {
        return Err(ApiError::field("state", "unknown"));
    }
    let row = r::by_case(conn, &reports::normalize_case_number(case_number))?
        .ok_or(ApiError::NotFound)?;
    in_scope(actor, &row)?;
    if !reports::may_move(&row.state, &t.state) {
        return Err(ApiError::InvalidTransition);
    }
    crate::db::write_transaction(conn, |conn| {
        let at = now();
        if r::set_state(conn, &row.id, &row.state, &t.state, at)? == 0 {
            return Err(ApiError::InvalidTransition);
        }
        let event = EventRow {
            id: uuid::Uuid::now_v7().to_string(),
            report_id: row.id.clone(),
            actor_id: actor.id.0.clone(),
            from_state: row.state.clone(),
            to_state: t.state.clone(),
            note: t.note.trim().into(),
            created_at: at,
        };
        r::insert_event(conn, &event)?;
        audit::record(
            conn,
            actor,
            "report.moved",
            ("report", &row.id),
            audit::NONE,
            Some(&event),
        )?;
        if let Some(phone) = row
            .reporter_phone
            .as_deref()
            .and_then(|p| Phone::parse(p).ok())
        {
            let lang = Lang::parse(&row.language).unwrap_or_default();
            let state = i18n::t(lang, &format!("report-state-{}", t.state), &[]);
            let body = i18n::t(
                lang,
                "sms-report-moved",
                &[
                    ("case", row.case_number.clone().into()),
                    ("state", state.into()),
                ],
            );
            let key = format!("report:{}", event.id);
            sms::queue(
                conn,
                &Outbound {
                    recipient: &phone,
                    body: &body,
                    lang,
                    kind: SmsKind::Notice,
                    idempotency_key: &key,
                    expires_at: None,
                    essential: false,
                },
                settings,
                at,
            )?;
        }
        let row = r::by_case(conn, &row.case_number)?.ok_or(ApiError::NotFound)?;
        let events = r::events(conn, &row.id)?;
        Ok(case_view(row, events))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_unambiguous_and_hashed() {
        let s = new_secret();
        assert_eq!(s.len(), 8);
        assert!(!s.contains(['0', 'O', '1', 'I', 'L']), "{s}");
        assert_ne!(hash(&s), s);
        assert_eq!(hash(&s), hash(&s));
        assert_ne!(new_secret(), new_secret());
    }
}
