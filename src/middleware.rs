//! Cross-cutting request handling: error localization and request metrics.
use std::time::Instant;

use actix_web::{
    Error, HttpMessage, HttpRequest,
    body::{BoxBody, MessageBody},
    dev::{ServiceRequest, ServiceResponse},
    error::JsonPayloadError,
    http::header::ACCEPT_LANGUAGE,
    middleware::Next,
    web,
};

use crate::{
    error::{ApiError, ErrorPayload, FieldErrors},
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
    let method = req.method().to_string();
    let res = next.call(req).await?;
    if let Some(state) = state {
        let route = res
            .request()
            .match_pattern()
            .unwrap_or_else(|| "unmatched".into());
        state
            .metrics
            .observe(&method, &route, res.status().as_u16(), started.elapsed());
    }
    Ok(res)
}

/// Turns the JSON extractor's failures into our error codes.
pub fn json_error(err: JsonPayloadError, _req: &HttpRequest) -> Error {
    let api = match &err {
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => {
            ApiError::PayloadTooLarge {
                limit_kib: crate::startup::BODY_LIMIT / 1024,
            }
        }
        JsonPayloadError::ContentType => ApiError::UnsupportedMediaType,
        JsonPayloadError::Deserialize(e) if e.is_data() => {
            ApiError::Validation(field_errors_of(&e.to_string()))
        }
        other => ApiError::MalformedBody(other.to_string()),
    };
    api.into()
}

/// Reads which field serde complained about (`unknown field `role``, `missing field `x``).
fn field_errors_of(message: &str) -> FieldErrors {
    let field = |prefix: &str| {
        message
            .strip_prefix(prefix)
            .and_then(|rest| rest.split('`').next())
            .map(str::to_string)
    };
    let (name, rule) = if let Some(f) = field("unknown field `") {
        (f, "unknown_field")
    } else if let Some(f) = field("missing field `") {
        (f, "required")
    } else {
        ("body".to_string(), "invalid_value")
    };
    FieldErrors::from([(name, vec![rule.to_string()])])
}

pub async fn not_found() -> Result<actix_web::HttpResponse, ApiError> {
    Err(ApiError::NotFound)
}

pub async fn method_not_allowed() -> Result<actix_web::HttpResponse, ApiError> {
    Err(ApiError::MethodNotAllowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_offending_field() {
        let f = field_errors_of("unknown field `role`, expected one of `full_name`");
        assert_eq!(f["role"], vec!["unknown_field"]);
        assert_eq!(
            field_errors_of("missing field `phone` at line 1")["phone"],
            vec!["required"]
        );
        assert_eq!(
            field_errors_of("invalid type: integer")["body"],
            vec!["invalid_value"]
        );
    }
}
