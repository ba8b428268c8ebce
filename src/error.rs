//! One error type for the whole API. Each variant has a stable snake_case code that is
//! also its Fluent message id; the words are chosen per request by `localize_errors`.
use std::collections::BTreeMap;

use actix_web::{
    HttpResponse, ResponseError,
    http::{StatusCode, header},
};
use fluent_bundle::FluentValue;
use serde::Serialize;

use crate::i18n::{self, Lang};

/// Field name → list of failed rule codes (e.g. `{"full_name": ["length"]}`).
pub type FieldErrors = BTreeMap<String, Vec<String>>;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("malformed body: {0}")]
    MalformedBody(String),
    #[error("payload too large")]
    PayloadTooLarge { limit_kib: usize },
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("validation failed: {0:?}")]
    Validation(FieldErrors),
    #[error("invalid phone")]
    InvalidPhone,
    #[error("too many requests, retry after {retry_after_secs}s")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("unauthorized")]
    Unauthorized,
    #[error("token expired")]
    TokenExpired,
    #[error("invalid code")]
    InvalidCode,
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("invalid refresh token")]
    InvalidRefreshToken,
    #[error("refresh token reused")]
    RefreshTokenReused,
    #[error("staff must use password login")]
    UsePasswordLogin,
    #[error("account disabled")]
    AccountDisabled,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// `allow` lists the path's methods, for the `Allow` header.
    #[error("method not allowed")]
    MethodNotAllowed { allow: String },
    #[error("user exists")]
    UserExists,
    #[error("paper number already active")]
    PaperNumberTaken,
    #[error("licence number already registered")]
    LicenceNumberTaken,
    #[error("employer permit not valid through the start date")]
    EmployerPermitInvalid,
    #[error("renewal limit reached")]
    RenewalLimitReached,
    #[error("paper not active")]
    PaperNotActive,
    #[error("no matching paper")]
    NoMatchingPaper,
    #[error("invalid state transition")]
    InvalidTransition,
    #[error("message too long: {segments} segments, {allowed} allowed")]
    MessageTooLong { segments: usize, allowed: usize },
    #[error("key-value store unavailable: {0}")]
    KvUnavailable(String),
    #[error("database unavailable: {0}")]
    DatabaseUnavailable(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// Every code the API answers with: documented in `openapi.yaml`, worded in `locales/`.
pub const CODES: &[&str] = &[
    "malformed_body",
    "payload_too_large",
    "unsupported_media_type",
    "validation_failed",
    "invalid_phone",
    "too_many_requests",
    "unauthorized",
    "token_expired",
    "invalid_code",
    "invalid_credentials",
    "invalid_refresh_token",
    "refresh_token_reused",
    "use_password_login",
    "account_disabled",
    "forbidden",
    "not_found",
    "method_not_allowed",
    "user_exists",
    "paper_number_taken",
    "licence_number_taken",
    "employer_permit_invalid",
    "renewal_limit_reached",
    "paper_not_active",
    "no_matching_paper",
    "invalid_transition",
    "message_too_long",
    "kv_unavailable",
    "database_unavailable",
    "internal",
];

impl ApiError {
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::MalformedBody(_) => "malformed_body",
            ApiError::PayloadTooLarge { .. } => "payload_too_large",
            ApiError::UnsupportedMediaType => "unsupported_media_type",
            ApiError::Validation(_) => "validation_failed",
            ApiError::InvalidPhone => "invalid_phone",
            ApiError::TooManyRequests { .. } => "too_many_requests",
            ApiError::Unauthorized => "unauthorized",
            ApiError::TokenExpired => "token_expired",
            ApiError::InvalidCode => "invalid_code",
            ApiError::InvalidCredentials => "invalid_credentials",
            ApiError::InvalidRefreshToken => "invalid_refresh_token",
            ApiError::RefreshTokenReused => "refresh_token_reused",
            ApiError::UsePasswordLogin => "use_password_login",
            ApiError::AccountDisabled => "account_disabled",
            ApiError::Forbidden => "forbidden",
            ApiError::NotFound => "not_found",
            ApiError::MethodNotAllowed { .. } => "method_not_allowed",
            ApiError::UserExists => "user_exists",
            ApiError::PaperNumberTaken => "paper_number_taken",
            ApiError::LicenceNumberTaken => "licence_number_taken",
            ApiError::EmployerPermitInvalid => "employer_permit_invalid",
            ApiError::RenewalLimitReached => "renewal_limit_reached",
            ApiError::PaperNotActive => "paper_not_active",
            ApiError::NoMatchingPaper => "no_matching_paper",
            ApiError::InvalidTransition => "invalid_transition",
            ApiError::MessageTooLong { .. } => "message_too_long",
            ApiError::KvUnavailable(_) => "kv_unavailable",
            ApiError::DatabaseUnavailable(_) => "database_unavailable",
            ApiError::Internal(_) => "internal",
        }
    }

    /// A single-field validation error.
    pub fn field(field: &str, rule: &str) -> ApiError {
        ApiError::Validation(BTreeMap::from([(
            field.to_string(),
            vec![rule.to_string()],
        )]))
    }

    fn payload(&self) -> ErrorPayload {
        let (args, details) = match self {
            ApiError::PayloadTooLarge { limit_kib } => {
                (vec![("limit_kib", *limit_kib as u64)], None)
            }
            ApiError::TooManyRequests { retry_after_secs } => (
                vec![("minutes", retry_after_secs.div_ceil(60).max(1))],
                None,
            ),
            ApiError::Validation(fields) => (vec![], Some(serde_json::json!({ "fields": fields }))),
            ApiError::MessageTooLong { segments, allowed } => (
                vec![("segments", *segments as u64), ("allowed", *allowed as u64)],
                Some(serde_json::json!({ "segments": segments, "allowed": allowed })),
            ),
            _ => (vec![], None),
        };
        ErrorPayload {
            code: self.code(),
            args,
            details,
        }
    }
}

/// What a response needs to be (re)rendered in the request's language.
#[derive(Debug, Clone)]
pub struct ErrorPayload {
    pub code: &'static str,
    pub args: Vec<(&'static str, u64)>,
    pub details: Option<serde_json::Value>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    details: Option<&'a serde_json::Value>,
}

impl ErrorPayload {
    pub fn render(&self, lang: Lang) -> String {
        let args: Vec<(&str, FluentValue)> = self
            .args
            .iter()
            .map(|(k, v)| (*k, FluentValue::from(*v)))
            .collect();
        let body = ErrorBody {
            error: self.code,
            message: i18n::t(lang, self.code, &args),
            details: self.details.as_ref(),
        };
        serde_json::to_string(&body).expect("error body serializes")
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::MalformedBody(_) => StatusCode::BAD_REQUEST,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Validation(_) | ApiError::InvalidPhone | ApiError::MessageTooLong { .. } => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unauthorized
            | ApiError::TokenExpired
            | ApiError::InvalidCode
            | ApiError::InvalidCredentials
            | ApiError::InvalidRefreshToken
            | ApiError::RefreshTokenReused => StatusCode::UNAUTHORIZED,
            ApiError::UsePasswordLogin | ApiError::AccountDisabled | ApiError::Forbidden => {
                StatusCode::FORBIDDEN
            }
            ApiError::NotFound | ApiError::NoMatchingPaper => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::UserExists
            | ApiError::PaperNumberTaken
            | ApiError::LicenceNumberTaken
            | ApiError::EmployerPermitInvalid
            | ApiError::RenewalLimitReached
            | ApiError::PaperNotActive
            | ApiError::InvalidTransition => StatusCode::CONFLICT,
            ApiError::KvUnavailable(_) | ApiError::DatabaseUnavailable(_) => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            ApiError::Internal(e) => tracing::error!(error = ?e, "internal error"),
            ApiError::KvUnavailable(e) | ApiError::DatabaseUnavailable(e) => {
                tracing::warn!(code = self.code(), cause = %e, "dependency unavailable")
            }
            _ => {}
        }
        let payload = self.payload();
        let mut response = HttpResponse::build(self.status_code());
        response.content_type("application/json; charset=utf-8");
        if let ApiError::TooManyRequests { retry_after_secs } = self {
            response.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
        }
        if let ApiError::Unauthorized | ApiError::TokenExpired = self {
            response.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
        }
        if let ApiError::MethodNotAllowed { allow } = self {
            response.insert_header((header::ALLOW, allow.as_str()));
        }
        let mut response = response.body(payload.render(Lang::Vi));
        response.extensions_mut().insert(payload);
        response
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => ApiError::NotFound,
            e if connection_lost(&e) => ApiError::DatabaseUnavailable(e.to_string()),
            other => ApiError::Internal(anyhow::Error::new(other).context("database query")),
        }
    }
}

/// A query that failed because the server went away under it (restart, failover): the
/// same 503 as a pool that cannot connect, not an unknown failure.
fn connection_lost(e: &diesel::result::Error) -> bool {
    use diesel::result::{DatabaseErrorKind, Error};
    match e {
        Error::DatabaseError(DatabaseErrorKind::ClosedConnection, _) => true,
        Error::DatabaseError(_, info) => {
            let m = info.message();
            m.starts_with("terminating connection")
                || m.contains("server closed the connection")
                || m.contains("the database system is shutting down")
                || m.contains("the database system is starting up")
                || m.contains("no connection to the server")
        }
        _ => false,
    }
}

impl From<validator::ValidationErrors> for ApiError {
    fn from(errors: validator::ValidationErrors) -> Self {
        let fields = errors
            .field_errors()
            .into_iter()
            .map(|(field, errs)| {
                (
                    field.to_string(),
                    errs.iter().map(|e| e.code.to_string()).collect(),
                )
            })
            .collect();
        ApiError::Validation(fields)
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_connection_lost_under_a_query_is_503_and_other_database_errors_500() {
        use diesel::result::{DatabaseErrorKind, Error};
        let db = |kind, message: &str| Error::DatabaseError(kind, Box::new(message.to_string()));
        for lost in [
            db(
                DatabaseErrorKind::Unknown,
                "terminating connection due to administrator command",
            ),
            db(DatabaseErrorKind::ClosedConnection, ""),
            db(
                DatabaseErrorKind::Unknown,
                "server closed the connection unexpectedly",
            ),
        ] {
            let e = ApiError::from(lost);
            assert_eq!(e.status_code(), StatusCode::SERVICE_UNAVAILABLE, "{e:?}");
        }
        let other = ApiError::from(db(DatabaseErrorKind::Unknown, "syntax error at or near"));
        assert_eq!(other.status_code(), StatusCode::INTERNAL_SERVER_ERROR);
    }

    /// One of each variant; the match makes adding a variant without listing it here a
    /// compile error.
    fn one_of_each() -> Vec<ApiError> {
        let all = vec![
            ApiError::MalformedBody(String::new()),
            ApiError::PayloadTooLarge { limit_kib: 64 },
            ApiError::UnsupportedMediaType,
            ApiError::Validation(FieldErrors::new()),
            ApiError::InvalidPhone,
            ApiError::TooManyRequests {
                retry_after_secs: 90,
            },
            ApiError::Unauthorized,
            ApiError::TokenExpired,
            ApiError::InvalidCode,
            ApiError::InvalidCredentials,
            ApiError::InvalidRefreshToken,
            ApiError::RefreshTokenReused,
            ApiError::UsePasswordLogin,
            ApiError::AccountDisabled,
            ApiError::Forbidden,
            ApiError::NotFound,
            ApiError::MethodNotAllowed {
                allow: "GET".into(),
            },
            ApiError::UserExists,
            ApiError::PaperNumberTaken,
            ApiError::LicenceNumberTaken,
            ApiError::EmployerPermitInvalid,
            ApiError::RenewalLimitReached,
            ApiError::PaperNotActive,
            ApiError::NoMatchingPaper,
            ApiError::InvalidTransition,
            ApiError::MessageTooLong {
                segments: 3,
                allowed: 2,
            },
            ApiError::KvUnavailable(String::new()),
            ApiError::DatabaseUnavailable(String::new()),
            ApiError::Internal(anyhow::anyhow!("boom")),
        ];
        for e in &all {
            match e {
                ApiError::MalformedBody(_)
                | ApiError::PayloadTooLarge { .. }
                | ApiError::UnsupportedMediaType
                | ApiError::Validation(_)
                | ApiError::InvalidPhone
                | ApiError::TooManyRequests { .. }
                | ApiError::Unauthorized
                | ApiError::TokenExpired
                | ApiError::InvalidCode
                | ApiError::InvalidCredentials
                | ApiError::InvalidRefreshToken
                | ApiError::RefreshTokenReused
                | ApiError::UsePasswordLogin
                | ApiError::AccountDisabled
                | ApiError::Forbidden
                | ApiError::NotFound
                | ApiError::MethodNotAllowed { .. }
                | ApiError::UserExists
                | ApiError::PaperNumberTaken
                | ApiError::LicenceNumberTaken
                | ApiError::EmployerPermitInvalid
                | ApiError::RenewalLimitReached
                | ApiError::PaperNotActive
                | ApiError::NoMatchingPaper
                | ApiError::InvalidTransition
                | ApiError::MessageTooLong { .. }
                | ApiError::KvUnavailable(_)
                | ApiError::DatabaseUnavailable(_)
                | ApiError::Internal(_) => {}
            }
        }
        all
    }

    #[test]
    fn every_code_is_listed_once_and_worded_in_every_language() {
        let codes: Vec<&str> = one_of_each().iter().map(ApiError::code).collect();
        assert_eq!(codes, CODES, "CODES lists every variant's code, in order");
        for e in one_of_each() {
            let payload = e.payload();
            for lang in Lang::ALL {
                let body: serde_json::Value = serde_json::from_str(&payload.render(lang)).unwrap();
                let message = body["message"].as_str().unwrap();
                assert_ne!(
                    message,
                    e.code(),
                    "{} has no {} message",
                    e.code(),
                    lang.code()
                );
                let args: Vec<(&str, FluentValue)> = payload
                    .args
                    .iter()
                    .map(|(k, v)| (*k, FluentValue::from(*v)))
                    .collect();
                assert!(
                    i18n::try_format(lang, e.code(), &args).is_ok(),
                    "{} in {}",
                    e.code(),
                    lang.code()
                );
            }
        }
    }

    #[test]
    fn internal_errors_never_show_their_cause() {
        let e = ApiError::Internal(anyhow::anyhow!("password=hunter2 at db.internal"));
        let body = e.payload().render(Lang::En);
        assert!(
            !body.contains("hunter2") && !body.contains("db.internal"),
            "{body}"
        );
        assert_eq!(e.status_code(), StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[test]
    fn rate_limit_messages_round_up_to_whole_minutes() {
        let e = ApiError::TooManyRequests {
            retry_after_secs: 61,
        };
        assert!(e.payload().render(Lang::En).contains("in 2 minutes"));
    }
}
