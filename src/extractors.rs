//! Request extractors: the signed-in user, role checks, the client's address.
use std::future::{Ready, ready};

use actix_web::{
    FromRequest, HttpMessage, HttpRequest, dev::Payload, http::header::AUTHORIZATION, web,
};

use crate::{
    domain::Role, error::ApiError, middleware::RequestLang, services::tokens::Principal,
    state::AppState,
};

/// The signed-in user, from a valid `Authorization: Bearer` access token.
#[derive(Debug, Clone)]
pub struct AuthUser(pub Principal);

fn authenticate(req: &HttpRequest) -> Result<Principal, ApiError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| anyhow::anyhow!("app state missing"))?;
    let header = req
        .headers()
        .get(AUTHORIZATION)
        .ok_or(ApiError::Unauthorized)?;
    let token = header
        .to_str()
        .ok()
        .and_then(|h| {
            h.strip_prefix("Bearer ")
                .or_else(|| h.strip_prefix("bearer "))
        })
        .ok_or(ApiError::Unauthorized)?;
    let principal = state.tokens.verify(token.trim())?;
    req.extensions_mut().insert(RequestLang(principal.lang));
    Ok(principal)
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Ready<Result<AuthUser, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(authenticate(req).map(AuthUser))
    }
}

/// A signed-in admin; anyone else gets 403.
#[derive(Debug, Clone)]
pub struct AdminUser(pub Principal);

impl FromRequest for AdminUser {
    type Error = ApiError;
    type Future = Ready<Result<AdminUser, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(authenticate(req).and_then(|p| {
            if p.role == Role::Admin {
                Ok(AdminUser(p))
            } else {
                Err(ApiError::Forbidden)
            }
        }))
    }
}

/// The client's address for rate limits: the peer, or `X-Forwarded-For` when configured.
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

impl FromRequest for ClientIp {
    type Error = ApiError;
    type Future = Ready<Result<ClientIp, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let trust = req
            .app_data::<web::Data<AppState>>()
            .is_some_and(|s| s.config.trust_forwarded_for);
        let info = req.connection_info();
        let addr = if trust {
            info.realip_remote_addr()
        } else {
            info.peer_addr()
        };
        let ip = addr
            .map(|a| {
                a.parse::<std::net::SocketAddr>()
                    .map_or_else(|_| a.to_string(), |s| s.ip().to_string())
            })
            .unwrap_or_else(|| "unknown".into());
        ready(Ok(ClientIp(ip)))
    }
}
