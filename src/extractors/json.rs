//! JSON request bodies: our own extractor, so every failure is one of our error codes
//! and a wrong value names its field (`{"fields": {"language": ["invalid_value"]}}`).
use actix_web::{
    FromRequest, HttpMessage, HttpRequest, dev::Payload, error::PayloadError, http::header,
    web::Bytes,
};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;

use crate::{
    error::{ApiError, FieldErrors},
    startup::BODY_LIMIT,
};

/// A JSON body of type `T`, at most `BODY_LIMIT` bytes, `Content-Type: application/json`.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T> Json<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Json<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

fn too_large() -> ApiError {
    ApiError::PayloadTooLarge {
        limit_kib: BODY_LIMIT / 1024,
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Json<T>, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json = req
            .mime_type()
            .ok()
            .flatten()
            .is_some_and(|m| m.subtype() == mime::JSON || m.suffix() == Some(mime::JSON));
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        let body = Bytes::from_request(req, payload);
        Box::pin(async move {
            if declared.is_some_and(|n| n > BODY_LIMIT) {
                return Err(too_large());
            }
            if !is_json {
                return Err(ApiError::UnsupportedMediaType);
            }
            let bytes = body.await.map_err(|e| match e.as_error::<PayloadError>() {
                Some(PayloadError::Overflow) => too_large(),
                _ => ApiError::MalformedBody(e.to_string()),
            })?;
            parse(&bytes).map(Json)
        })
    }
}

/// Parses a JSON body, naming the field at fault.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_data() {
            ApiError::Validation(field_errors(&path, &inner.to_string()))
        } else {
            ApiError::MalformedBody(inner.to_string())
        }
    })?;
    de.end()
        .map_err(|e| ApiError::MalformedBody(e.to_string()))?;
    Ok(value)
}

/// Which field serde complained about, and why.
fn field_errors(path: &str, message: &str) -> FieldErrors {
    let named = |prefix: &str| {
        message
            .strip_prefix(prefix)
            .and_then(|rest| rest.split('`').next())
            .map(str::to_string)
    };
    let at = |name: String| {
        if path == "." || path.is_empty() {
            name
        } else {
            format!("{path}.{name}")
        }
    };
    let (field, rule) = if let Some(f) = named("unknown field `") {
        // The path already ends at the unknown key.
        let field = if path.ends_with(&f) {
            path.to_string()
        } else {
            at(f)
        };
        (field, "unknown_field")
    } else if let Some(f) = named("missing field `") {
        (at(f), "required")
    } else if path == "." || path.is_empty() {
        ("body".to_string(), "invalid_value")
    } else {
        (path.to_string(), "invalid_value")
    };
    FieldErrors::from([(field, vec![rule.to_string()])])
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        phone: String,
        lang: Option<crate::i18n::Lang>,
        birth: Option<chrono::NaiveDate>,
    }

    fn fields(json: &str) -> FieldErrors {
        match parse::<Body>(json.as_bytes()) {
            Err(ApiError::Validation(f)) => f,
            other => panic!("{json}: {other:?}"),
        }
    }

    #[test]
    fn each_failure_names_its_field() {
        assert_eq!(
            fields(r#"{"phone":"1","role":"admin"}"#)["role"],
            ["unknown_field"]
        );
        assert_eq!(fields(r#"{}"#)["phone"], ["required"]);
        assert_eq!(
            fields(r#"{"phone":"1","lang":"fr"}"#)["lang"],
            ["invalid_value"]
        );
        assert_eq!(
            fields(r#"{"phone":"1","birth":"31/12/1990"}"#)["birth"],
            ["invalid_value"]
        );
        assert_eq!(fields(r#"{"phone":5}"#)["phone"], ["invalid_value"]);
        assert_eq!(fields("42")["body"], ["invalid_value"]);
    }

    #[test]
    fn broken_json_is_malformed_not_invalid() {
        for json in [r#"{"phone":"#, "", r#"{"phone":"1"} trailing"#] {
            assert!(
                matches!(
                    parse::<Body>(json.as_bytes()),
                    Err(ApiError::MalformedBody(_))
                ),
                "{json}"
            );
        }
        assert!(parse::<Body>(br#"{"phone":"1"}"#).is_ok());
    }
}
