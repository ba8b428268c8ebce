//! Messages phones send to the service number: each is recorded once (by the
//! provider's id), matched against the keyword registry, and answered through the
//! outbox in the sender's language.
use chrono::NaiveDate;
use fluent_bundle::FluentValue;

use crate::{
    config::SmsSettings,
    db::{
        DbConnection,
        models::{inbound, users},
    },
    domain::{
        Phone,
        keywords::{self, Command},
        papers::PaperRules,
    },
    error::{ApiError, ApiResult},
    i18n::{self, Lang},
    services::{agencies, guidance, job_applications, now, reports, status},
    sms::{self, Outbound, SmsKind},
    views,
};

/// One inbound SMS as any provider delivers it.
#[derive(Debug, Clone)]
pub struct Incoming {
    pub provider: &'static str,
    pub provider_message_id: String,
    pub sender: Phone,
    pub text: String,
}

/// What happened, for the webhook's log and the tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handled {
    Duplicate,
    Replied(Option<Command>),
}

pub fn help_text(lang: Lang) -> String {
    let keywords = keywords::listed().join(", ");
    i18n::t(
        lang,
        "sms-help",
        &[("keywords", FluentValue::from(keywords))],
    )
}

/// `BC <text>` files a report keeping the phone; `BC AN <text>` files it anonymously.
fn report_by_sms(
    conn: &mut DbConnection,
    rest: &str,
    msg: &Incoming,
    worker: Option<&users::UserRow>,
    lang: Lang,
    today: NaiveDate,
) -> ApiResult<String> {
    let (anonymous, details) = match rest.split_once(char::is_whitespace) {
        Some((first, details)) if keywords::normalize(first) == "AN" => (true, details.trim()),
        _ if keywords::normalize(rest) == "AN" => (true, ""),
        _ => (false, rest),
    };
    if details.is_empty() {
        return Ok(i18n::t(lang, "sms-report-empty", &[]));
    }
    if !anonymous && crate::domain::reports::is_case_number(details) {
        return Ok(
            match reports::status_by_phone(conn, details, &msg.sender, lang)? {
                Some(v) => i18n::t(
                    lang,
                    "sms-report-moved",
                    &[
                        ("case", FluentValue::from(v.case_number)),
                        ("state", FluentValue::from(v.state_text)),
                    ],
                ),
                None => i18n::t(lang, "sms-report-unknown", &[]),
            },
        );
    }
    let filed = reports::file(
        conn,
        reports::NewReport {
            category: "other".into(),
            details: details.chars().take(2000).collect(),
            named_party: None,
            agency_id: None,
            place: None,
            zone: None,
            happened_on: None,
            anonymous,
        },
        reports::Reporter {
            user_id: worker.map(|w| w.id.clone()),
            phone: Some(msg.sender.clone()),
        },
        reports::Channel::Sms,
        lang,
        today,
    )?;
    let case = ("case", FluentValue::from(filed.case_number));
    Ok(match filed.secret {
        Some(secret) => i18n::t(
            lang,
            "sms-report-filed-anonymous",
            &[case, ("secret", FluentValue::from(secret))],
        ),
        None => i18n::t(lang, "sms-report-filed", &[case]),
    })
}

pub fn handle(
    conn: &mut DbConnection,
    msg: &Incoming,
    settings: &SmsSettings,
    rules: &PaperRules,
    today: NaiveDate,
) -> ApiResult<Handled> {
    let (command, rest) = keywords::parse_original(&msg.text);
    crate::db::write_transaction(conn, |conn| {
        let now = now();
        let row = inbound::InboundRow {
            id: uuid::Uuid::now_v7().to_string(),
            provider: msg.provider.to_string(),
            provider_message_id: msg.provider_message_id.clone(),
            sender: msg.sender.to_string(),
            body: msg.text.chars().take(1000).collect(),
            command: command.map(|c| format!("{c:?}").to_lowercase()),
            received_at: now,
        };
        if !inbound::insert_once(conn, &row)? {
            return Ok(Handled::Duplicate);
        }
        let user = users::find_by_phone(conn, msg.sender.as_str())?;
        let lang = user
            .as_ref()
            .and_then(|u| Lang::parse(&u.language))
            .unwrap_or_default();
        let worker = user.filter(|u| u.role == "worker");
        let (text, essential) = match (command, &worker) {
            (Some(Command::Status), Some(w)) => {
                let s = status::worker_status(
                    conn,
                    &w.id,
                    today,
                    rules,
                    status::NumberVisibility::None,
                )?;
                let centre = status::centre_name(conn, &w.id, lang)?;
                (views::status::sms_text(&s, lang, centre.as_deref()), false)
            }
            (Some(Command::Status), None) => (i18n::t(lang, "sms-unknown-number", &[]), false),
            (Some(Command::Stop), _) => {
                inbound::opt_out(conn, msg.sender.as_str(), now)?;
                if let Some(w) = &worker {
                    users::set_sms_opt_in(conn, &w.id, false, now)?;
                }
                (i18n::t(lang, "sms-stopped", &[]), true)
            }
            (Some(Command::Start), _) => {
                inbound::opt_in(conn, msg.sender.as_str())?;
                if let Some(w) = &worker {
                    users::set_sms_opt_in(conn, &w.id, true, now)?;
                }
                (i18n::t(lang, "sms-started", &[]), false)
            }
            (Some(Command::Help), _) => match rest.trim().parse::<usize>() {
                Ok(n) => (
                    guidance::sms_form(conn, n, lang)?.unwrap_or_else(|| help_text(lang)),
                    false,
                ),
                Err(_) => (help_text(lang), false),
            },
            (Some(Command::CheckAgency), _) if !rest.is_empty() => {
                (agencies::lookup_text(conn, &rest, lang, today)?, false)
            }
            (Some(Command::Report), _) => (
                report_by_sms(conn, &rest, msg, worker.as_ref(), lang, today)?,
                false,
            ),
            (Some(Command::Jobs), Some(w)) => {
                let actor = crate::services::sessions::principal(w)?;
                let jobs_today = status::today_in(&w.time_zone);
                if rest.is_empty() {
                    (
                        job_applications::sms_top(conn, &actor, lang, jobs_today, rules)?,
                        false,
                    )
                } else {
                    match job_applications::sms_apply(
                        conn, &actor, &rest, lang, jobs_today, settings,
                    )? {
                        Some(text) => (text, false),
                        // Confirmed by the application's own notice.
                        None => return Ok(Handled::Replied(command)),
                    }
                }
            }
            (Some(Command::Jobs), None) => (i18n::t(lang, "sms-jobs-register", &[]), false),
            (Some(Command::CheckAgency) | None, _) => (help_text(lang), false),
        };
        let reply = Outbound {
            recipient: &msg.sender,
            body: &text,
            lang,
            kind: SmsKind::Reply,
            idempotency_key: &format!("reply:{}:{}", msg.provider, msg.provider_message_id),
            expires_at: None,
            essential,
        };
        match sms::queue(conn, &reply, settings, now) {
            Ok(_) => {}
            Err(ApiError::MessageTooLong { segments, .. }) => {
                // A status too long even unaccented: send the help text instead of nothing.
                tracing::warn!(segments, "reply too long; sending help instead");
                let help = help_text(lang);
                sms::queue(
                    conn,
                    &Outbound {
                        body: &help,
                        ..reply
                    },
                    settings,
                    now,
                )?;
            }
            Err(e) => return Err(e),
        }
        Ok(Handled::Replied(command))
    })
}
