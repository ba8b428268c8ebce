use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::{
    domain::Phone,
    error::{ApiError, ApiResult},
    extractors::json,
    services::{
        sms_inbound::{self, Incoming},
        status::today_in,
    },
    state::AppState,
};

/// What Kannel's `sms-service` get-url sends (`from=%p&text=%a&id=%I&token=…`).
#[derive(Debug, Deserialize)]
pub struct KannelMo {
    from: String,
    #[serde(default)]
    text: String,
    id: String,
}

async fn process(state: &AppState, msg: Incoming) -> ApiResult<()> {
    if crate::domain::keywords::parse(&msg.text).0 == Some(crate::domain::keywords::Command::Report)
    {
        let hit = crate::services::reports::within_limits(
            state.kv.as_ref(),
            state.config.reports_per_hour,
            None,
            None,
            Some(msg.sender.as_str()),
        );
        if let Err(ApiError::TooManyRequests { .. }) = hit.await {
            tracing::warn!("report by SMS over the hourly limit; dropped");
            return Ok(());
        }
    }
    let settings = state.config.sms.clone();
    let rules = state.config.papers.clone();
    let today = today_in("Asia/Shanghai");
    let outcome = state
        .db
        .run(move |conn| sms_inbound::handle(conn, &msg, &settings, &rules, today))
        .await?;
    tracing::info!(?outcome, "inbound SMS handled");
    Ok(())
}

fn sender(from: &str) -> ApiResult<Phone> {
    Phone::parse(from).map_err(|_| ApiError::InvalidPhone)
}

/// `GET` or `POST /v1/webhooks/kannel/mo`: fields in the query string or a form body.
pub async fn kannel(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let raw = if body.is_empty() {
        req.query_string().to_string()
    } else {
        String::from_utf8_lossy(&body).into_owned()
    };
    // Authenticate before reading anything else: the token may be in the query or the form.
    let token = super::query_token(&req).or_else(|| super::form_value(raw.as_bytes(), "token"));
    super::check_token(&state, token.as_deref())?;
    let mo = web::Query::<KannelMo>::from_query(&raw)
        .map_err(|_| ApiError::field("query", "invalid_value"))?
        .into_inner();
    let msg = Incoming {
        provider: "kannel",
        provider_message_id: mo.id,
        sender: sender(&mo.from)?,
        text: mo.text,
    };
    process(&state, msg).await?;
    Ok(HttpResponse::Ok().finish())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonMo {
    from: String,
    text: String,
    id: String,
}

/// `POST /v1/webhooks/sms/inbound`, signed with HMAC-SHA256 of the body.
pub async fn json(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    super::check_signature(&state, &req, &body)?;
    let mo: JsonMo = json::parse(&body)?;
    let msg = Incoming {
        provider: "http_json",
        provider_message_id: mo.id,
        sender: sender(&mo.from)?,
        text: mo.text,
    };
    process(&state, msg).await?;
    Ok(HttpResponse::Ok().finish())
}
