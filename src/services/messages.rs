//! Staff views of the outbox and centre broadcasts.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{
    config::SmsSettings,
    db::{
        DbConnection,
        models::{outbox, papers, users},
    },
    domain::{Phone, Role, Scope},
    error::{ApiError, ApiResult},
    i18n::Lang,
    services::{access, now, tokens::Principal},
    sms::{self, Outbound, Queued, SmsKind},
};

/// `+84912345678` → `+84912***678`: enough to tell messages apart, not to call.
pub fn mask(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() <= 8 {
        return "***".into();
    }
    let (head, tail) = (chars.len() - 3 - 3, chars.len() - 3);
    chars[..head]
        .iter()
        .chain("***".chars().collect::<Vec<_>>().iter())
        .chain(chars[tail..].iter())
        .collect()
}

#[derive(Debug, Serialize)]
pub struct MessageLine {
    pub id: String,
    pub recipient: String,
    pub kind: String,
    pub state: String,
    pub language: String,
    pub encoding: String,
    pub segments: i32,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: chrono::NaiveDateTime,
    pub sent_at: Option<chrono::NaiveDateTime>,
    /// Never the text of a sign-in code.
    pub body: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageQuery {
    pub to: Option<String>,
    pub state: Option<String>,
    pub kind: Option<String>,
}

/// Admins see every message; centre staff the messages to workers of their centre's
/// zone, with phone numbers masked.
pub fn list(
    conn: &mut DbConnection,
    p: &Principal,
    q: MessageQuery,
    today: NaiveDate,
) -> ApiResult<Vec<MessageLine>> {
    let to = match q.to.as_deref() {
        Some(t) => Some(Phone::parse(t).map_err(|_| ApiError::InvalidPhone)?),
        None => None,
    };
    let zone_workers: Option<Vec<String>> = match p.role {
        Role::Admin => None,
        Role::CentreStaff => {
            let zone = access::staff_zone(conn, p)?.ok_or(ApiError::Forbidden)?;
            let ids = papers::workers_in_zone(conn, &zone, today)?;
            Some(users::phones_of(conn, &ids)?)
        }
        _ => return Err(ApiError::Forbidden),
    };
    let rows = outbox::search(
        conn,
        to.as_ref().map(|t| t.as_str()),
        q.state.as_deref(),
        q.kind.as_deref(),
        zone_workers.as_deref(),
        200,
    )?;
    Ok(rows
        .into_iter()
        .map(|r| MessageLine {
            recipient: if p.role == Role::Admin {
                r.recipient.clone()
            } else {
                mask(&r.recipient)
            },
            body: (r.kind != "otp").then(|| r.body.clone()),
            id: r.id,
            kind: r.kind,
            state: r.state,
            language: r.language,
            encoding: r.encoding,
            segments: r.segments,
            attempts: r.attempts,
            // Provider errors may quote the request; only admins see them.
            last_error: r.last_error.filter(|_| p.role == Role::Admin),
            created_at: r.created_at,
            sent_at: r.sent_at,
        })
        .collect())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Broadcast {
    /// One Vietnamese notice.
    pub text: String,
    /// Only workers from this Vietnamese home province (as written, or its slug such as
    /// `lang_son`; accents and case ignored).
    #[serde(default)]
    pub home_province: Option<String>,
}

/// `Lạng Sơn` → `lang_son`: how scopes name Vietnamese provinces.
pub fn province_slug(name: &str) -> String {
    crate::domain::agencies::search_key(name).replace([' ', '-'], "_")
}

#[derive(Debug, Serialize)]
pub struct BroadcastResult {
    pub broadcast_id: String,
    pub recipients: usize,
    pub queued: usize,
    pub skipped_opted_out: usize,
}

/// Centre staff send one notice to the opted-in workers of their centre's zone, through
/// the outbox and its caps. A text too long is refused before anything is queued.
pub fn broadcast(
    conn: &mut DbConnection,
    p: &Principal,
    req: Broadcast,
    settings: &SmsSettings,
    today: NaiveDate,
) -> ApiResult<BroadcastResult> {
    let text = req.text.trim();
    if text.is_empty() {
        return Err(ApiError::field("text", "required"));
    }
    sms::prepare(settings, SmsKind::Broadcast, Lang::Vi, text)?;
    let wanted = req.home_province.as_deref().map(province_slug);
    // Centre staff reach their zone (optionally only workers from one home province);
    // a Vietnamese province's supervisors reach the workers from their province.
    let (audience, mut workers) = match (&p.role, &p.scope) {
        (Role::CentreStaff, _) => {
            let zone = access::staff_zone(conn, p)?.ok_or(ApiError::Forbidden)?;
            let ids = papers::workers_in_zone(conn, &zone, today)?;
            (format!("zone:{zone}"), users::opted_in_workers(conn, &ids)?)
        }
        (Role::Supervisor, Some(Scope::Province(own))) => {
            if wanted.as_ref().is_some_and(|w| w != own) {
                return Err(ApiError::Forbidden);
            }
            let names: Vec<String> = users::home_provinces(conn)?
                .into_iter()
                .filter(|n| province_slug(n) == *own)
                .collect();
            (
                format!("province:{own}"),
                users::opted_in_workers_from(conn, &names)?,
            )
        }
        _ => return Err(ApiError::Forbidden),
    };
    if let Some(w) = &wanted {
        workers.retain(|u| u.home_province.as_deref().map(province_slug).as_ref() == Some(w));
    }
    let broadcast_id = uuid::Uuid::now_v7().to_string();
    crate::db::write_transaction(conn, |conn| {
        let now = now();
        let mut result = BroadcastResult {
            broadcast_id: broadcast_id.clone(),
            recipients: workers.len(),
            queued: 0,
            skipped_opted_out: 0,
        };
        for w in &workers {
            let Some(phone) = w.phone.as_deref().and_then(|p| Phone::parse(p).ok()) else {
                continue;
            };
            let msg = Outbound {
                recipient: &phone,
                body: text,
                lang: Lang::Vi,
                kind: SmsKind::Broadcast,
                idempotency_key: &format!("broadcast:{broadcast_id}:{}", w.id),
                expires_at: None,
                essential: false,
            };
            match sms::queue(conn, &msg, settings, now)? {
                Queued::Queued => result.queued += 1,
                Queued::SkippedOptedOut => result.skipped_opted_out += 1,
                Queued::Duplicate => {}
            }
        }
        crate::services::audit::record(
            conn,
            p,
            "broadcast.sent",
            audience.split_once(':').unwrap_or(("zone", &audience)),
            Some(&text),
            Some(&result.recipients),
        )?;
        Ok(result)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn masks_the_middle_of_a_phone_number() {
        assert_eq!(super::mask("+84912345678"), "+84912***678");
        assert_eq!(super::mask("+8613800138000"), "+8613800***000");
        assert_eq!(super::mask("123"), "***");
    }
}
