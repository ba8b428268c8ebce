//! Cross-cutting request handling: error localization and request metrics.
use std::time::Instant;

use actix_web::{
    Error, HttpMessage,
    body::{BoxBody, MessageBody},
    dev::{ServiceRequest, ServiceResponse},
    http::header::ACCEPT_LANGUAGE,
    middleware::Next,
    web,
};

use crate::{
    error::{ApiError, ErrorPayload},
    i18n::Lang,
    state::AppState,
};

/// The language of the signed-in user, set by the auth extractor or by handlers that
/// loaded the user; it wins over `Accept-Language`.
#[derive(Debug, Clone, Copy)]
pub struct RequestLang(pub Lang);

/// Re-renders error bodies in the request's language: the user's preference, else
/// `Accept-Language`, else Vietnamese.
pub async fn localize_errors(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let accepted = req
        .headers()
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_accept_language);
    let res = next.call(req).await?;
    let Some(payload) = res.response().extensions().get::<ErrorPayload>().cloned() else {
        return Ok(res.map_into_boxed_body());
    };
    let lang = res
        .request()
        .extensions()
        .get::<RequestLang>()
        .map(|l| l.0)
        .or(accepted)
        .unwrap_or_default();
    Ok(res.map_body(|head, _| {
        head.headers_mut()
            .remove(actix_web::http::header::CONTENT_LENGTH);
        BoxBody::new(payload.render(lang))
    }))
}

/// Counts every request by method, route pattern and status.
pub async fn record_metrics(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let started = Instant::now();
    let state = req.app_data::<web::Data<AppState>>().cloned();
    // Only standard methods become labels: a client must not create series at will.
    let method = match req.method().as_str() {
        "GET" => "GET",
        "POST" => "POST",
        "PUT" => "PUT",
        "PATCH" => "PATCH",
        "DELETE" => "DELETE",
        "HEAD" => "HEAD",
        "OPTIONS" => "OPTIONS",
        _ => "OTHER",
    };
    let res = next.call(req).await?;
    if let Some(state) = state {
        // Found when the request's span opened (empty: no route matched); looked up here
        // only if that span did not run.
        let kept = res
            .request()
            .extensions()
            .get::<crate::telemetry::RoutePattern>()
            .map(|r| r.0.clone());
        let looked_up;
        let route: &str = match &kept {
            Some(found) if found.is_empty() => "unmatched",
            Some(found) => found,
            None => {
                looked_up = res.request().match_pattern();
                looked_up.as_deref().unwrap_or("unmatched")
            }
        };
        state
            .metrics
            .observe(method, route, res.status().as_u16(), started.elapsed());
    }
    Ok(res)
}

pub async fn not_found() -> Result<actix_web::HttpResponse, ApiError> {
    Err(ApiError::NotFound)
}

/// The answer for a known path and a method it does not serve, naming those it does.
pub fn method_not_allowed(allow: String) -> actix_web::Route {
    actix_web::web::to(move || {
        let allow = allow.clone();
        async move { Err::<actix_web::HttpResponse, _>(ApiError::MethodNotAllowed { allow }) }
    })
}

/// Headers every answer carries: an API that is never framed, never sniffed, never
/// cached by the way (answers hold personal data), never leaks its URLs as a referrer.
pub fn security_headers() -> actix_web::middleware::DefaultHeaders {
    actix_web::middleware::DefaultHeaders::new()
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add((
            "Content-Security-Policy",
            "default-src 'none'; frame-ancestors 'none'",
        ))
        .add(("Referrer-Policy", "no-referrer"))
        .add(("Cache-Control", "no-store"))
}
