//! The SMS gateway's HTTP side: inbound keywords and delivery reports from Kannel and
//! HTTP aggregators, and the cost estimate for operators.
mod dlr;
mod estimate;
mod inbound;
mod staff;

use std::borrow::Cow;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::{error::ApiError, route, routes::Route, state::AppState};

pub fn routes() -> Vec<Route> {
    vec![
        route!(GET "/v1/webhooks/kannel/mo" => inbound::kannel),
        route!(POST "/v1/webhooks/kannel/mo" => inbound::kannel),
        route!(POST "/v1/webhooks/sms/inbound" => inbound::json),
        route!(GET "/v1/webhooks/kannel/dlr" => dlr::kannel),
        route!(POST "/v1/webhooks/sms/dlr" => dlr::json),
        route!(GET "/v1/messages/estimate" => estimate::handler),
        route!(GET "/v1/messages" => staff::list),
        route!(POST "/v1/broadcasts" => staff::broadcast),
    ]
}

/// Equal without telling by its timing where they differ.
pub(crate) fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Whether a configured, non-empty secret was given (compared in constant time).
pub(crate) fn token_matches(secret: Option<&str>, given: Option<&str>) -> bool {
    match (secret, given) {
        (Some(secret), Some(given)) => {
            !secret.is_empty() && same(secret.as_bytes(), given.as_bytes())
        }
        _ => false,
    }
}

/// Kannel callbacks carry `sms.kannel_token` as `token=`. None configured: refused.
fn check_token(state: &AppState, token: Option<&str>) -> Result<(), ApiError> {
    if token_matches(state.config.sms.kannel_token.as_deref(), token) {
        Ok(())
    } else {
        Err(ApiError::Unauthorized)
    }
}

/// The value of `name` in a form-encoded string (`a=1&b=2`: a query string or a form
/// body), decoded, borrowed unless it needed decoding; the first if it appears twice.
pub(crate) fn form_value<'a>(form: &'a [u8], name: &str) -> Option<Cow<'a, str>> {
    form_urlencoded::parse(form).find_map(|(k, v)| (k == name).then_some(v))
}

/// `token=` from the query string.
fn query_token(req: &actix_web::HttpRequest) -> Option<Cow<'_, str>> {
    form_value(req.query_string().as_bytes(), "token")
}

/// The signature a JSON webhook must carry: `X-Signature: sha256=<hex HMAC of the body>`.
pub fn signature(secret: &str, body: &[u8]) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(body);
    format!(
        "sha256={}",
        crate::services::tokens::hex(&mac.finalize().into_bytes())
    )
}

fn check_signature(
    state: &AppState,
    req: &actix_web::HttpRequest,
    body: &[u8],
) -> Result<(), ApiError> {
    let Some(secret) = state
        .config
        .sms
        .webhook_secret
        .as_ref()
        .filter(|s| !s.is_empty())
    else {
        return Err(ApiError::Unauthorized);
    };
    let given = req
        .headers()
        .get("x-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if same(signature(secret, body).as_bytes(), given.as_bytes()) {
        Ok(())
    } else {
        Err(ApiError::Unauthorized)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_depend_on_secret_and_body() {
        let a = signature("secret", b"{\"a\":1}");
        assert!(a.starts_with("sha256=") && a.len() == 7 + 64);
        assert_ne!(a, signature("secret", b"{\"a\":2}"));
        assert_ne!(a, signature("other", b"{\"a\":1}"));
        // RFC 4231 test case 2.
        assert_eq!(
            signature("Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert!(same(b"abc", b"abc") && !same(b"abc", b"abd") && !same(b"abc", b"ab"));
    }
}
