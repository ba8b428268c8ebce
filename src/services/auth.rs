//! Signing in: workers by an SMS code, staff by password; refresh-token rotation.
use std::time::Duration;

use chrono::TimeDelta;
use fluent_bundle::FluentValue;

use crate::{
    db::models::{users, users::UserRow},
    domain::{Phone, Role, UserId},
    error::{ApiError, ApiResult},
    i18n::{self, Lang},
    services::{
        now, passwords, rate_limit,
        rate_limit::Limit,
        sessions::{self, Session},
    },
    sms::{self, Outbound, SmsKind},
    state::AppState,
};

fn otp_key(phone: &Phone) -> String {
    format!("otp:{phone}")
}

fn otp_attempts_key(phone: &Phone) -> String {
    format!("otp-attempts:{phone}")
}

/// The OTP SMS text in `lang`, always a single SMS.
pub fn otp_text(lang: Lang, code: &str, ttl: Duration) -> String {
    let minutes = ttl.as_secs().div_ceil(60);
    i18n::t(
        lang,
        "sms-otp",
        &[
            ("code", FluentValue::from(code)),
            ("minutes", FluentValue::from(minutes)),
        ],
    )
}

/// `POST /v1/auth/otp/request`: same answer whether or not the phone is known.
pub async fn request_otp(state: &AppState, phone: &str, client_ip: &str) -> ApiResult<Duration> {
    let phone = Phone::parse(phone).map_err(|_| ApiError::InvalidPhone)?;
    let cfg = &state.config;
    let kv = state.kv.as_ref();
    rate_limit::hit(
        kv,
        Limit::per_hour("otp-ip", cfg.otp_per_ip_per_hour),
        client_ip,
    )
    .await?;
    rate_limit::hit(
        kv,
        Limit::per_hour("otp-phone", cfg.otp_per_phone_per_hour),
        phone.as_str(),
    )
    .await?;

    let code = format!("{:06}", rand::random_range(0..1_000_000u32));
    let ttl = Duration::from_secs(cfg.otp_ttl_secs);
    kv.set(
        &otp_key(&phone),
        &state.tokens.keyed_hash(&[phone.as_str(), &code]),
        ttl,
    )
    .await?;
    kv.delete(&otp_attempts_key(&phone)).await?;

    let recipient = phone.clone();
    let settings = state.config.sms.clone();
    state
        .db
        .run(move |conn| {
            let lang = users::find_by_phone(conn, recipient.as_str())?
                .and_then(|u| Lang::parse(&u.language))
                .unwrap_or_default();
            let now = now();
            sms::queue(
                conn,
                &Outbound {
                    recipient: &recipient,
                    body: &otp_text(lang, &code, ttl),
                    lang,
                    kind: SmsKind::Otp,
                    idempotency_key: &format!("otp:{recipient}:{}", uuid::Uuid::now_v7()),
                    expires_at: Some(now + TimeDelta::seconds(ttl.as_secs() as i64)),
                    essential: true,
                },
                &settings,
                now,
            )
        })
        .await?;
    Ok(ttl)
}

/// `POST /v1/auth/otp/verify`: the first successful sign-in creates the worker.
pub async fn verify_otp(state: &AppState, phone: &str, code: &str) -> ApiResult<Session> {
    let phone = Phone::parse(phone).map_err(|_| ApiError::InvalidPhone)?;
    let kv = state.kv.as_ref();
    let key = otp_key(&phone);
    let Some(stored) = kv.get(&key).await? else {
        return Err(ApiError::InvalidCode);
    };
    // Every attempt is counted before the comparison, so parallel guesses cannot try
    // more codes than the budget allows.
    let max = u64::from(state.config.otp_max_attempts);
    let ttl = Duration::from_secs(state.config.otp_ttl_secs);
    let attempt = kv.incr(&otp_attempts_key(&phone), ttl).await?;
    if attempt.value > max {
        kv.delete(&key).await?;
        return Err(ApiError::InvalidCode);
    }
    let offered = state.tokens.keyed_hash(&[phone.as_str(), code.trim()]);
    if offered != stored {
        if attempt.value >= max {
            kv.delete(&key).await?;
            tracing::info!("OTP invalidated after too many wrong codes");
        }
        return Err(ApiError::InvalidCode);
    }
    // Consuming the code is atomic: of two simultaneous verifications only one wins.
    if !kv.delete(&key).await? {
        return Err(ApiError::InvalidCode);
    }
    let user = state
        .db
        .run(move |conn| find_or_create_worker(conn, &phone))
        .await?;
    if user.role != Role::Worker.as_str() {
        return Err(ApiError::UsePasswordLogin);
    }
    if user.disabled {
        return Err(ApiError::AccountDisabled);
    }
    sessions::start(state, user).await
}

fn find_or_create_worker(conn: &mut crate::db::DbConnection, phone: &Phone) -> ApiResult<UserRow> {
    if let Some(user) = users::find_by_phone(conn, phone.as_str())? {
        return Ok(user);
    }
    let now = now();
    let id = UserId::generate();
    let inserted = users::insert(
        conn,
        &users::NewUser::worker(id.as_str(), phone.as_str(), now),
    );
    match inserted {
        Ok(()) => {}
        // Someone signed in with the same phone at the same moment: use theirs.
        Err(e) if crate::db::is_unique_violation(&e) => {}
        Err(e) => return Err(e.into()),
    }
    users::find_by_phone(conn, phone.as_str())?.ok_or(ApiError::NotFound)
}

/// `POST /v1/auth/login` for staff. The slow password check runs off the database pool.
pub async fn login(
    state: &AppState,
    login: &str,
    password: &str,
    client_ip: &str,
) -> ApiResult<Session> {
    rate_limit::hit(
        state.kv.as_ref(),
        Limit::per_hour("login-ip", state.config.login_per_ip_per_hour),
        client_ip,
    )
    .await?;
    let login = login.trim().to_string();
    let user = state
        .db
        .run(move |conn| {
            Ok(if login.contains('@') {
                users::find_by_email(conn, &login.to_lowercase())?
            } else {
                match Phone::parse(&login) {
                    Ok(phone) => users::find_by_phone(conn, phone.as_str())?,
                    Err(_) => None,
                }
            })
        })
        .await?
        .filter(|u| !u.disabled);
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    let password = password.to_string();
    let ok = actix_web::rt::task::spawn_blocking(move || {
        passwords::verify(&password, stored.as_deref())
    })
    .await
    .map_err(|e| anyhow::anyhow!("password check panicked: {e}"))?;
    match user {
        Some(user) if ok => sessions::start(state, user).await,
        _ => Err(ApiError::InvalidCredentials),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn otp_text_is_one_sms_in_every_language_and_carries_the_code() {
        for lang in Lang::ALL {
            let text = otp_text(lang, "987604", Duration::from_secs(300));
            assert!(text.contains("987604"), "{text}");
            assert!(
                text.replace("987604", "").contains('5'),
                "minutes missing: {text}"
            );
            // 70 characters fit one SMS even in UCS-2, the costliest encoding.
            assert!(
                text.chars().count() <= 70,
                "{} chars: {text}",
                text.chars().count()
            );
        }
        assert!(otp_text(Lang::Vi, "000001", Duration::from_secs(300)).contains("phút"));
    }
}
