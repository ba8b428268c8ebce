//! Sessions: an access token plus a rotating refresh token. Refresh tokens of one
//! sign-in form a family; reusing a spent one revokes the whole family.
use chrono::{NaiveDateTime, TimeDelta};

use crate::{
    db::{
        DbConnection,
        models::{refresh_tokens, refresh_tokens::RefreshTokenRow, users, users::UserRow},
    },
    domain::UserId,
    error::{ApiError, ApiResult},
    i18n::Lang,
    services::{now, tokens},
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

/// A new refresh token (returned once to the client) and the row that stores its hash.
fn new_refresh(state: &AppState, user_id: &str, family: String) -> (String, RefreshTokenRow) {
    let token = tokens::random_token();
    let now = now();
    let row = RefreshTokenRow {
        id: uuid::Uuid::now_v7().to_string(),
        user_id: user_id.to_string(),
        family_id: family,
        token_hash: tokens::sha256_hex(&token),
        created_at: now,
        expires_at: now + TimeDelta::days(i64::from(state.config.refresh_token_ttl_days)),
        used_at: None,
        revoked_at: None,
    };
    (token, row)
}

fn session(state: &AppState, user: UserRow, refresh_token: String) -> ApiResult<Session> {
    let access_token = state
        .tokens
        .issue(&principal(&user)?, chrono::Utc::now().timestamp())?;
    Ok(Session {
        access_token,
        refresh_token,
        expires_in: state.tokens.access_ttl.as_secs(),
        user,
    })
}

/// Starts a new session (a new token family) for a user who just proved who they are.
pub async fn start(state: &AppState, user: UserRow) -> ApiResult<Session> {
    let (token, row) = new_refresh(state, &user.id, uuid::Uuid::now_v7().to_string());
    state
        .db
        .run(move |conn| Ok(refresh_tokens::insert(conn, &row)?))
        .await?;
    session(state, user, token)
}

enum Outcome {
    Rotated(Box<UserRow>),
    Reused,
    Invalid,
}

/// Spends the presented token and stores its successor, in one transaction: a replay
/// racing with the rotation either loses (and revokes the family, successor included)
/// or finds the token spent.
fn rotate(
    conn: &mut DbConnection,
    hash: &str,
    successor: &mut RefreshTokenRow,
    now: NaiveDateTime,
) -> ApiResult<Outcome> {
    let Some(token) = refresh_tokens::find_by_hash(conn, hash)? else {
        return Ok(Outcome::Invalid);
    };
    if token.used_at.is_some() || token.revoked_at.is_some() {
        refresh_tokens::revoke_family(conn, &token.family_id, now)?;
        return Ok(Outcome::Reused);
    }
    if token.expires_at <= now {
        return Ok(Outcome::Invalid);
    }
    if refresh_tokens::mark_used(conn, &token.id, now)? == 0 {
        refresh_tokens::revoke_family(conn, &token.family_id, now)?;
        return Ok(Outcome::Reused);
    }
    let Some(user) = users::find(conn, &token.user_id)?.filter(|u| !u.disabled) else {
        return Ok(Outcome::Invalid);
    };
    successor.user_id = user.id.clone();
    successor.family_id = token.family_id;
    refresh_tokens::insert(conn, successor)?;
    Ok(Outcome::Rotated(Box::new(user)))
}

/// `POST /v1/auth/refresh`.
pub async fn refresh(state: &AppState, refresh_token: &str) -> ApiResult<Session> {
    let hash = tokens::sha256_hex(refresh_token.trim());
    let (token, mut successor) = new_refresh(state, "", String::new());
    let outcome = state
        .db
        .run(move |conn| {
            crate::db::write_transaction(conn, |conn| rotate(conn, &hash, &mut successor, now()))
        })
        .await?;
    match outcome {
        Outcome::Rotated(user) => session(state, *user, token),
        Outcome::Reused => {
            tracing::warn!("refresh token reused; token family revoked");
            Err(ApiError::RefreshTokenReused)
        }
        Outcome::Invalid => Err(ApiError::InvalidRefreshToken),
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
