//! Expiry reminders: planned from the papers about to lapse (through the expiry index),
//! sent inside the worker's delivery window, exactly once — the outbox row and the
//! reminder's `sent` mark are written in one transaction.
use chrono::{DateTime, Days, TimeDelta, Utc};
use chrono_tz::Tz;
use fluent_bundle::FluentValue;

use crate::{
    config::SmsSettings,
    db::{
        DbConnection,
        models::{reminders, reminders::ReminderRow, users},
    },
    domain::{
        Phone,
        papers::PaperKind,
        reminders::{EXPIRED, ReminderRules, after_outage, due_at, next_window, planned_offsets},
    },
    error::ApiResult,
    i18n::{self, Lang},
    services::status,
    sms::{self, Outbound, Queued, SmsKind},
    views::status::paper_name,
};

fn tz_of(name: &str) -> Tz {
    name.parse().unwrap_or(chrono_tz::Asia::Shanghai)
}

/// Plans every reminder still ahead for papers lapsing soon that have none planned for
/// their current expiry. Idempotent; any replica may run it. (Renewals and revocations
/// cancel the old plan in their own transaction; the sender re-checks the paper.)
pub fn plan(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    rules: &ReminderRules,
) -> ApiResult<usize> {
    let naive_now = now.naive_utc();
    let horizon = rules.offsets_days.iter().copied().max().unwrap_or(0).max(0) as u64;
    let today = now.date_naive();
    let papers = reminders::unplanned(conn, today - Days::new(2), today + Days::new(horizon + 1))?;
    let mut rows = Vec::new();
    for paper in papers {
        let tz = tz_of(&paper.time_zone);
        let local_today = now.with_timezone(&tz).date_naive();
        for offset in planned_offsets(paper.expires_on, local_today, rules) {
            rows.push(ReminderRow {
                id: uuid::Uuid::now_v7().to_string(),
                paper_id: paper.paper_id.clone(),
                worker_id: paper.worker_id.clone(),
                expires_on: paper.expires_on,
                offset_days: offset as i32,
                due_at: due_at(paper.expires_on, offset, tz, rules).naive_utc(),
                state: "planned".into(),
                outbox_id: None,
                created_at: naive_now,
                updated_at: naive_now,
            });
        }
    }
    let planned = reminders::insert_all(conn, &rows)?;
    Ok(planned)
}

/// The reminder's text in the worker's language. No paper numbers.
pub fn text(
    lang: Lang,
    kind: PaperKind,
    expires_on: chrono::NaiveDate,
    offset: i64,
    renewals_left: Option<u32>,
    centre: Option<&str>,
) -> String {
    let centre = centre
        .map(str::to_string)
        .unwrap_or_else(|| i18n::t(lang, "centre-nearest", &[]));
    let mut args = vec![
        ("paper", FluentValue::from(paper_name(lang, kind))),
        ("days", FluentValue::from(offset)),
        (
            "date",
            FluentValue::from(i18n::format_date(lang, expires_on)),
        ),
        ("centre", FluentValue::from(centre)),
    ];
    let id = match (offset, renewals_left) {
        (EXPIRED, _) => "sms-reminder-expired",
        (0, _) => "sms-reminder-today",
        (_, Some(n)) => {
            args.push(("renewals", FluentValue::from(n)));
            "sms-reminder-renewals"
        }
        (_, None) => "sms-reminder",
    };
    i18n::t(lang, id, &args)
}

/// What one pass of the sender did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    pub sent: usize,
    pub superseded: usize,
    pub skipped: usize,
    pub cancelled: usize,
}

/// Sends the due reminders whose worker's window is open: per paper only the latest
/// (after an outage, one message, not a burst).
pub fn send_due(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    rules: &ReminderRules,
    paper_rules: &crate::domain::papers::PaperRules,
    settings: &SmsSettings,
) -> ApiResult<Sent> {
    let naive_now = now.naive_utc();
    let due = reminders::due(conn, naive_now, 1000)?;
    let mut by_paper: std::collections::BTreeMap<(String, chrono::NaiveDate), Vec<ReminderRow>> =
        Default::default();
    for r in due {
        by_paper
            .entry((r.paper_id.clone(), r.expires_on))
            .or_default()
            .push(r);
    }
    // Workers and papers of the whole pass in two queries, not two per reminder.
    let ids = |f: fn(&ReminderRow) -> &String| -> Vec<String> {
        let mut v: Vec<String> = by_paper.values().flatten().map(|r| f(r).clone()).collect();
        v.sort();
        v.dedup();
        v
    };
    let workers: std::collections::HashMap<String, users::UserRow> =
        users::find_many(conn, &ids(|r| &r.worker_id))?
            .into_iter()
            .map(|u| (u.id.clone(), u))
            .collect();
    let papers: std::collections::HashMap<String, crate::db::models::papers::PaperRow> =
        crate::db::models::papers::find_many(conn, &ids(|r| &r.paper_id))?
            .into_iter()
            .map(|p| (p.id.clone(), p))
            .collect();
    let mut out = Sent::default();
    for (_, rows) in by_paper {
        let offsets: Vec<i64> = rows.iter().map(|r| i64::from(r.offset_days)).collect();
        let (latest, older) = after_outage(&offsets);
        for r in rows
            .iter()
            .filter(|r| older.contains(&i64::from(r.offset_days)))
        {
            out.superseded += reminders::finish(conn, &r.id, "superseded", None, naive_now)?;
        }
        let Some(r) = rows
            .into_iter()
            .find(|r| Some(i64::from(r.offset_days)) == latest)
        else {
            continue;
        };
        let Some(worker) = workers.get(&r.worker_id) else {
            continue;
        };
        let tz = tz_of(&worker.time_zone);
        if next_window(now, tz, rules) != now {
            continue; // night where the worker is: the next pass after 08:00 sends it
        }
        let phone = worker.phone.as_deref().and_then(|p| Phone::parse(p).ok());
        let (Some(phone), true) = (phone, worker.sms_opt_in) else {
            out.skipped += reminders::finish(conn, &r.id, "skipped_no_opt_in", None, naive_now)?;
            continue;
        };
        let lang = Lang::parse(&worker.language).unwrap_or_default();
        let paper = papers.get(&r.paper_id);
        let in_force = paper
            .as_ref()
            .filter(|p| p.state == "active" && p.expires_on == r.expires_on);
        let Some(kind) = in_force.and_then(|p| p.kind.parse::<PaperKind>().ok()) else {
            // Renewed, revoked or corrected since planning: the old date is moot.
            out.cancelled += reminders::finish(conn, &r.id, "cancelled", None, naive_now)?;
            continue;
        };
        let renewals_left = paper_rules
            .max_renewals(kind)
            .map(|max| max.saturating_sub(paper.as_ref().map_or(0, |p| p.renewals.max(0) as u32)));
        let centre = status::centre_name(conn, &worker.id, lang)?;
        let body = text(
            lang,
            kind,
            r.expires_on,
            i64::from(r.offset_days),
            renewals_left,
            centre.as_deref(),
        );
        let key = format!("reminder:{}", r.id);
        let outcome = crate::db::write_transaction(conn, |conn| {
            let msg = Outbound {
                recipient: &phone,
                body: &body,
                lang,
                kind: SmsKind::Reminder,
                idempotency_key: &key,
                expires_at: Some(naive_now + TimeDelta::days(2)),
                essential: false,
            };
            let queued = sms::queue(conn, &msg, settings, naive_now)?;
            let state = if queued == Queued::SkippedOptedOut {
                "skipped_opted_out"
            } else {
                "sent"
            };
            let id = crate::db::models::outbox::id_for_key(conn, &key)?;
            Ok((
                reminders::finish(conn, &r.id, state, id.as_deref(), naive_now)?,
                state,
            ))
        });
        // Another sender racing for the same reminder loses on the outbox's unique key
        // (on PostgreSQL as an error): its work is already done, so carry on.
        let outcome = match outcome {
            Ok(o) => o,
            Err(e) if crate::db::is_unique_violation_in(&e) => {
                tracing::debug!(reminder = %r.id, "another sender queued this reminder");
                continue;
            }
            Err(e) => {
                tracing::warn!(reminder = %r.id, error = ?e, "reminder not sent in this pass");
                continue;
            }
        };
        match outcome {
            (1, "sent") => out.sent += 1,
            (1, _) => out.skipped += 1,
            _ => {}
        }
    }
    Ok(out)
}

/// The weekly digest to every employer with a contact phone, in Chinese, once per week
/// (the idempotency key names the week). Returns how many were queued.
pub fn send_digests(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    rules: &ReminderRules,
    paper_rules: &crate::domain::papers::PaperRules,
    settings: &SmsSettings,
) -> ApiResult<usize> {
    let Some(week) = crate::domain::reminders::digest_week(now, rules) else {
        return Ok(0);
    };
    let today = now.with_timezone(&chrono_tz::Asia::Shanghai).date_naive();
    let lang = Lang::Zh;
    let mut queued = 0;
    for e in crate::db::models::employers::with_contact_phone(conn)? {
        let Some(phone) = e
            .contact_phone
            .as_deref()
            .and_then(|p| Phone::parse(p).ok())
        else {
            continue;
        };
        let key = format!("digest:{}:{week}", e.id);
        if crate::db::models::outbox::id_for_key(conn, &key)?.is_some() {
            continue;
        }
        let lapsing = crate::services::employer::employees(conn, &e.id, today, 30, paper_rules)?
            .iter()
            .filter(|w| !w.lapsing.is_empty())
            .count();
        let report = crate::services::employer::compliance(conn, &e.id, today, paper_rules)?;
        let permit = match (
            report.employer_permit.status.is_valid(),
            report.employer_permit.days_left,
        ) {
            (true, Some(days)) => i18n::t(
                lang,
                "digest-permit-valid",
                &[(
                    "date",
                    FluentValue::from(i18n::format_date(lang, today + TimeDelta::days(days))),
                )],
            ),
            _ => i18n::t(lang, "digest-permit-invalid", &[]),
        };
        let body = i18n::t(
            lang,
            "sms-employer-digest",
            &[
                ("workers", FluentValue::from(lapsing)),
                ("gaps", FluentValue::from(report.gaps.len())),
                ("permit", FluentValue::from(permit)),
            ],
        );
        let msg = Outbound {
            recipient: &phone,
            body: &body,
            lang,
            kind: SmsKind::Notice,
            idempotency_key: &key,
            expires_at: None,
            essential: false,
        };
        if sms::queue(conn, &msg, settings, now.naive_utc())? == Queued::Queued {
            queued += 1;
        }
    }
    Ok(queued)
}
