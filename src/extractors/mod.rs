//! Request extractors: the signed-in user, role checks, the client's address.
pub mod json;

pub use self::json::Json;

use std::future::{Ready, ready};

use actix_web::{
    FromRequest, HttpMessage, HttpRequest,
    dev::Payload,
    http::header::{ACCEPT_LANGUAGE, AUTHORIZATION},
    web,
};

use crate::{
    domain::Role, error::ApiError, i18n::Lang, middleware::RequestLang,
    services::tokens::Principal, state::AppState,
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

/// The signed-in user if a bearer token is sent (it must then be valid), else nobody:
/// for the public routes that do more for a signed-in worker.
#[derive(Debug, Clone)]
pub struct MaybeUser(pub Option<Principal>);

impl FromRequest for MaybeUser {
    type Error = ApiError;
    type Future = Ready<Result<MaybeUser, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        if req.headers().get(AUTHORIZATION).is_none() {
            return ready(Ok(MaybeUser(None)));
        }
        ready(authenticate(req).map(|p| MaybeUser(Some(p))))
    }
}

/// The language to answer in: `?lang=`, else the signed-in user's preference, else
/// `Accept-Language`, else Vietnamese. `?lang=` is an API parameter: anything but `vi`,
/// `zh` or `en` is refused (422), where a header is read leniently.
#[derive(Debug, Clone, Copy)]
pub struct Language(pub Lang);

impl FromRequest for Language {
    type Error = ApiError;
    type Future = Ready<Result<Language, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let asked = match web::Query::<LangQuery>::from_query(req.query_string()) {
            Ok(q) => match q.into_inner().lang.as_deref() {
                None => None,
                Some("vi") => Some(Lang::Vi),
                Some("zh") => Some(Lang::Zh),
                Some("en") => Some(Lang::En),
                Some(_) => return ready(Err(ApiError::field("lang", "unknown_language"))),
            },
            // Only a repeated or undecodable `lang` fails here (other fields are ignored).
            Err(_)
                if req
                    .query_string()
                    .split('&')
                    .any(|kv| kv.split('=').next() == Some("lang")) =>
            {
                return ready(Err(ApiError::field("lang", "unknown_language")));
            }
            Err(_) => None,
        };
        let lang = asked
            .or_else(|| req.extensions().get::<RequestLang>().map(|l| l.0))
            .or_else(|| {
                req.headers()
                    .get(ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(Lang::from_accept_language)
            })
            .unwrap_or_default();
        ready(Ok(Language(lang)))
    }
}

#[derive(serde::Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

/// The client's address for rate limits: the peer, or `X-Forwarded-For` when configured.
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

impl FromRequest for ClientIp {
    type Error = ApiError;
    type Future = Ready<Result<ClientIp, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(ClientIp::of(req)))
    }
}

impl ClientIp {
    /// The caller's address, for handlers that need it only sometimes (formatting it
    /// is a visible part of a cheap request's cost).
    pub fn of(req: &HttpRequest) -> ClientIp {
        let trust = req
            .app_data::<web::Data<AppState>>()
            .is_some_and(|s| s.config.trust_forwarded_for);
        // Behind our proxy, the last X-Forwarded-For entry is the one the proxy added;
        // earlier entries are whatever the client wrote.
        let forwarded = trust
            .then(|| req.headers().get("x-forwarded-for")?.to_str().ok())
            .flatten()
            .and_then(|h| h.rsplit(',').next())
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        let peer = req.peer_addr().map(|a| a.ip().to_string());
        ClientIp(forwarded.or(peer).unwrap_or_else(|| "unknown".into()))
    }
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    fn client_ip(trust: bool, forwarded: Option<&str>) -> String {
        let config = crate::config::Config {
            trust_forwarded_for: trust,
            ..Default::default()
        };
        let state = crate::test_support::state_with(config);
        let mut req = TestRequest::default()
            .peer_addr("10.0.0.9:4000".parse().unwrap())
            .app_data(web::Data::from(state));
        if let Some(f) = forwarded {
            req = req.insert_header(("x-forwarded-for", f));
        }
        let req = req.to_http_request();
        ClientIp::from_request(&req, &mut Payload::None)
            .into_inner()
            .unwrap()
            .0
    }

    #[test]
    fn forwarded_for_counts_only_behind_a_trusted_proxy_and_only_its_last_entry() {
        assert_eq!(client_ip(false, Some("1.2.3.4")), "10.0.0.9");
        assert_eq!(client_ip(true, Some("6.6.6.6, 1.2.3.4")), "1.2.3.4");
        assert_eq!(client_ip(true, None), "10.0.0.9");
    }
}
