//! Outbound SMS: every message is first a row in the outbox (`queue`); the dispatcher
//! (`jobs::outbox`) hands due rows to the configured provider. Inbound keywords and
//! delivery reports arrive on the webhooks in `routes::sms`.
pub mod providers;

use chrono::{NaiveDateTime, TimeDelta};

use crate::{
    config::SmsSettings,
    db::{
        DbConnection,
        models::{inbound, outbox},
    },
    domain::{
        Phone,
        ids::MessageId,
        sms_text::{self, Prepared},
    },
    error::{ApiError, ApiResult},
    i18n::Lang,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmsKind {
    Otp,
    Reminder,
    Reply,
    Notice,
    Broadcast,
}

impl SmsKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SmsKind::Otp => "otp",
            SmsKind::Reminder => "reminder",
            SmsKind::Reply => "reply",
            SmsKind::Notice => "notice",
            SmsKind::Broadcast => "broadcast",
        }
    }

    pub fn parse(s: &str) -> Option<SmsKind> {
        [
            SmsKind::Otp,
            SmsKind::Reminder,
            SmsKind::Reply,
            SmsKind::Notice,
            SmsKind::Broadcast,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// The diacritics policy for a kind of message in a language: `<kind>_<lang>`, else
/// `<kind>`, else the default.
pub fn policy_for(settings: &SmsSettings, kind: SmsKind, lang: Lang) -> sms_text::DiacriticsPolicy {
    let by = &settings.diacritics_by;
    by.get(&format!("{}_{}", kind.as_str(), lang.code()))
        .or_else(|| by.get(kind.as_str()))
        .copied()
        .unwrap_or(settings.diacritics)
}

/// How many segments a message of this kind may take.
pub fn cap_for(settings: &SmsSettings, kind: SmsKind) -> usize {
    if kind == SmsKind::Otp {
        settings.max_segments_otp
    } else {
        settings.max_segments
    }
}

/// A message to queue. The idempotency key makes queuing the same message twice a no-op.
#[derive(Debug)]
pub struct Outbound<'a> {
    pub recipient: &'a Phone,
    pub body: &'a str,
    pub lang: Lang,
    pub kind: SmsKind,
    pub idempotency_key: &'a str,
    /// Not worth sending after this (an OTP after its code expired).
    pub expires_at: Option<NaiveDateTime>,
    /// Sent even to a number that opted out: sign-in codes and the opt-out confirmation.
    pub essential: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Queued {
    Queued,
    /// The same idempotency key was queued before.
    Duplicate,
    /// Recorded, not sent: the recipient opted out.
    SkippedOptedOut,
}

/// The text as it will go out for this kind and language (diacritics policy, segment cap).
pub fn prepare(
    settings: &SmsSettings,
    kind: SmsKind,
    lang: Lang,
    body: &str,
) -> ApiResult<Prepared> {
    let cap = cap_for(settings, kind);
    sms_text::prepare(
        body,
        lang == Lang::Zh,
        policy_for(settings, kind, lang),
        cap,
    )
    .map_err(|t| ApiError::MessageTooLong {
        segments: t.segments,
        allowed: t.allowed,
    })
}

/// Writes the message to the outbox: prepared for the air, skipped if the recipient
/// opted out, deferred a day if they reached the daily cap.
pub fn queue(
    conn: &mut DbConnection,
    msg: &Outbound<'_>,
    settings: &SmsSettings,
    now: NaiveDateTime,
) -> ApiResult<Queued> {
    let prepared = prepare(settings, msg.kind, msg.lang, msg.body)?;
    // STOP is honoured for every kind but the essential ones. (Whether a worker opted in
    // to proactive messages such as reminders is the sender's question.)
    let opted_out = !msg.essential && inbound::is_opted_out(conn, msg.recipient.as_str())?;
    let mut next_attempt_at = now;
    // The daily cap holds back proactive messages, not answers the person asked for.
    if !msg.essential && !matches!(msg.kind, SmsKind::Otp | SmsKind::Reply) && !opted_out {
        let sent_today =
            outbox::count_recent_non_otp(conn, msg.recipient.as_str(), now - TimeDelta::days(1))?;
        if sent_today >= settings.per_recipient_daily_cap {
            next_attempt_at = now + TimeDelta::days(1);
        }
    }
    let id = MessageId::generate();
    let inserted = outbox::insert(
        conn,
        &outbox::NewOutbound {
            id: id.as_str(),
            recipient: msg.recipient.as_str(),
            body: &prepared.text,
            language: msg.lang.code(),
            kind: msg.kind.as_str(),
            idempotency_key: msg.idempotency_key,
            state: if opted_out {
                "skipped_opted_out"
            } else {
                "queued"
            },
            next_attempt_at,
            expires_at: msg.expires_at,
            created_at: now,
            updated_at: now,
            encoding: prepared.cost.encoding.as_str(),
            segments: prepared.cost.segments as i32,
        },
    )?;
    Ok(match (inserted, opted_out) {
        (false, _) => Queued::Duplicate,
        (true, true) => Queued::SkippedOptedOut,
        (true, false) => Queued::Queued,
    })
}
