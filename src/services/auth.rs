//! Signing in: workers by an SMS code, staff by password; refresh-token rotation.
use std::time::Duration;

use chrono::{NaiveDateTime, TimeDelta};
use fluent_bundle::FluentValue;

use crate::{
    db::models::{refresh_tokens, refresh_tokens::RefreshTokenRow, users, users::UserRow},
    domain::{Phone, Role, UserId},
    error::{ApiError, ApiResult},
    i18n::{self, Lang},
    services::{now, passwords, rate_limit, rate_limit::Limit, tokens},
    sms::{self, Outbound, SmsKind},
    state::AppState,
};

/// What a successful sign-in or refresh returns.
#[derive(Debug, Clone)]
pub struct Session {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_in: u64,
    pub user: UserRow,
}

fn otp_key(phone: &Phone) -> String {
    format!("otp:{phone}")
}

fn otp_failures_key(phone: &Phone) -> String {
    format!("otp-fail:{phone}")
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
    kv.delete(&otp_failures_key(&phone)).await?;

    let recipient = phone.clone();
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
                },
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
    let offered = state.tokens.keyed_hash(&[phone.as_str(), code.trim()]);
    if offered != stored {
        let ttl = Duration::from_secs(state.config.otp_ttl_secs);
        let failures = kv.incr(&otp_failures_key(&phone), ttl).await?;
        if failures.value >= u64::from(state.config.otp_max_attempts) {
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
    start_session(state, user).await
}

fn find_or_create_worker(conn: &mut crate::db::DbConnection, phone: &Phone) -> ApiResult<UserRow> {
    if let Some(user) = users::find_by_phone(conn, phone.as_str())? {
        return Ok(user);
    }
    let now = now();
    let id = UserId::generate();
    let inserted = users::insert(
        conn,
        &users::NewUser {
            id: id.as_str(),
            role: Role::Worker.as_str(),
            scope: None,
            phone: Some(phone.as_str()),
            email: None,
            password_hash: None,
            full_name: None,
            birth_date: None,
            home_province: None,
            home_district: None,
            language: Lang::Vi.code(),
            time_zone: "Asia/Shanghai",
            sms_opt_in: false,
            created_at: now,
            updated_at: now,
        },
    );
    match inserted {
        Ok(()) => {}
        // Someone signed in with the same phone at the same moment: use theirs.
        Err(e) if crate::db::is_unique_violation(&e) => {}
        Err(e) => return Err(e.into()),
    }
    users::find_by_phone(conn, phone.as_str())?.ok_or(ApiError::NotFound)
}

/// `POST /v1/auth/login` for staff.
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
    let password = password.to_string();
    let user = state
        .db
        .run(move |conn| {
            let user = if login.contains('@') {
                users::find_by_email(conn, &login.to_lowercase())?
            } else {
                match Phone::parse(&login) {
                    Ok(phone) => users::find_by_phone(conn, phone.as_str())?,
                    Err(_) => None,
                }
            };
            let user = user.filter(|u| !u.disabled);
            let ok = passwords::verify(
                &password,
                user.as_ref().and_then(|u| u.password_hash.as_deref()),
            );
            match user {
                Some(u) if ok => Ok(u),
                _ => Err(ApiError::InvalidCredentials),
            }
        })
        .await?;
    start_session(state, user).await
}

/// Principal of a stored user, as a token carries it.
pub fn principal(user: &UserRow) -> ApiResult<tokens::Principal> {
    Ok(tokens::Principal {
        id: UserId(user.id.clone()),
        role: user
            .role
            .parse()
            .map_err(|_| anyhow::anyhow!("user {} has unknown role {}", user.id, user.role))?,
        scope: match &user.scope {
            Some(s) => Some(
                s.parse()
                    .map_err(|e| anyhow::anyhow!("user {} has bad scope {s}: {e}", user.id))?,
            ),
            None => None,
        },
        lang: Lang::parse(&user.language).unwrap_or_default(),
    })
}

async fn start_session(state: &AppState, user: UserRow) -> ApiResult<Session> {
    let family = uuid::Uuid::now_v7().to_string();
    issue(state, user, family).await
}

/// Issues an access token and a new refresh token in `family`.
async fn issue(state: &AppState, user: UserRow, family: String) -> ApiResult<Session> {
    let access_token = state
        .tokens
        .issue(&principal(&user)?, chrono::Utc::now().timestamp())?;
    let refresh_token = tokens::random_token();
    let now = now();
    let row = RefreshTokenRow {
        id: uuid::Uuid::now_v7().to_string(),
        user_id: user.id.clone(),
        family_id: family,
        token_hash: tokens::sha256_hex(&refresh_token),
        created_at: now,
        expires_at: now + TimeDelta::days(i64::from(state.config.refresh_token_ttl_days)),
        used_at: None,
        revoked_at: None,
    };
    state
        .db
        .run(move |conn| Ok(refresh_tokens::insert(conn, &row)?))
        .await?;
    Ok(Session {
        access_token,
        refresh_token,
        expires_in: state.tokens.access_ttl.as_secs(),
        user,
    })
}

enum RefreshOutcome {
    Rotate(Box<UserRow>, String),
    Reused,
    Invalid,
}

fn check_refresh(
    conn: &mut crate::db::DbConnection,
    hash: &str,
    now: NaiveDateTime,
) -> ApiResult<RefreshOutcome> {
    let Some(token) = refresh_tokens::find_by_hash(conn, hash)? else {
        return Ok(RefreshOutcome::Invalid);
    };
    if token.used_at.is_some() || token.revoked_at.is_some() {
        refresh_tokens::revoke_family(conn, &token.family_id, now)?;
        return Ok(RefreshOutcome::Reused);
    }
    if token.expires_at <= now {
        return Ok(RefreshOutcome::Invalid);
    }
    if refresh_tokens::mark_used(conn, &token.id, now)? == 0 {
        // Used by a concurrent request between our read and our write.
        refresh_tokens::revoke_family(conn, &token.family_id, now)?;
        return Ok(RefreshOutcome::Reused);
    }
    match users::find(conn, &token.user_id)?.filter(|u| !u.disabled) {
        Some(user) => Ok(RefreshOutcome::Rotate(Box::new(user), token.family_id)),
        None => Ok(RefreshOutcome::Invalid),
    }
}

/// `POST /v1/auth/refresh`: rotates; a reused old token revokes the whole family.
pub async fn refresh(state: &AppState, refresh_token: &str) -> ApiResult<Session> {
    let hash = tokens::sha256_hex(refresh_token.trim());
    match state
        .db
        .run(move |conn| check_refresh(conn, &hash, now()))
        .await?
    {
        RefreshOutcome::Rotate(user, family) => issue(state, *user, family).await,
        RefreshOutcome::Reused => {
            tracing::warn!("refresh token reused; token family revoked");
            Err(ApiError::RefreshTokenReused)
        }
        RefreshOutcome::Invalid => Err(ApiError::InvalidRefreshToken),
    }
}

/// `POST /v1/auth/logout`: ends the session the refresh token belongs to.
pub async fn logout(state: &AppState, refresh_token: &str) -> ApiResult<()> {
    let hash = tokens::sha256_hex(refresh_token.trim());
    state
        .db
        .run(move |conn| {
            if let Some(token) = refresh_tokens::find_by_hash(conn, &hash)? {
                refresh_tokens::revoke_family(conn, &token.family_id, now())?;
            }
            Ok(())
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn otp_text_is_one_sms_in_every_language_and_carries_the_code() {
        for lang in Lang::ALL {
            let text = otp_text(lang, "123456", Duration::from_secs(300));
            assert!(text.contains("123456") && text.contains('5'), "{text}");
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
