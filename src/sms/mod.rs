//! Outbound SMS: every message is first a row in the outbox (`queue`); the dispatcher
//! (`jobs::outbox`) hands due rows to the configured provider.
pub mod providers;

use chrono::NaiveDateTime;

use crate::{
    db::{DbConnection, models::outbox},
    domain::{Phone, ids::MessageId},
    error::ApiResult,
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
}

/// Writes the message to the outbox. Returns false if it was already queued.
pub fn queue(conn: &mut DbConnection, msg: &Outbound<'_>, now: NaiveDateTime) -> ApiResult<bool> {
    let id = MessageId::generate();
    Ok(outbox::insert(
        conn,
        &outbox::NewOutbound {
            id: id.as_str(),
            recipient: msg.recipient.as_str(),
            body: msg.body,
            language: msg.lang.code(),
            kind: msg.kind.as_str(),
            idempotency_key: msg.idempotency_key,
            state: "queued",
            next_attempt_at: now,
            expires_at: msg.expires_at,
            created_at: now,
            updated_at: now,
        },
    )?)
}
