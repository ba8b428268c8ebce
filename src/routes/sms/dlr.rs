use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::{
    error::ApiResult, extractors::json, services::delivery_reports::Report, state::AppState,
};

/// Applies a report; an unknown id is logged and answered 200 so the provider stops.
async fn apply(
    state: &AppState,
    id: Option<String>,
    provider_id: Option<String>,
    delivered: bool,
    reason: Option<String>,
) -> ApiResult<()> {
    let report = Report {
        id,
        provider_id,
        delivered,
        reason,
    };
    let found = state.delivery_reports.apply(&state.db, report).await?;
    match found {
        Some(row) => {
            state.metrics.count(
                "cuakhau_sms_reports_total",
                if delivered { "delivered" } else { "failed" },
            );
            tracing::info!(id = %row.id, state = %row.state, "delivery report");
        }
        None => tracing::warn!("delivery report for an unknown message"),
    }
    Ok(())
}

/// Kannel's `dlr-url`: `?token=…&status=%d&id=<outbox id>`.
#[derive(Debug, Deserialize)]
pub struct KannelDlr {
    status: u32,
    id: String,
}

pub async fn kannel(state: web::Data<AppState>, req: HttpRequest) -> ApiResult<HttpResponse> {
    // Authenticate before reading anything else: a stranger gets 401, never 400.
    super::check_token(&state, super::query_token(&req).as_deref())?;
    let q = web::Query::<KannelDlr>::from_query(req.query_string())
        .map_err(|_| crate::error::ApiError::field("query", "invalid_value"))?
        .into_inner();
    // Kannel's report types: 1 delivered, 2 failed, 4 buffered, 8 accepted by the SMSC,
    // 16 rejected by the SMSC. Only the final ones change the row.
    match q.status {
        1 => apply(&state, Some(q.id), None, true, None).await?,
        2 | 16 => {
            apply(
                &state,
                Some(q.id),
                None,
                false,
                Some(format!("kannel report {}", q.status)),
            )
            .await?
        }
        _ => {}
    }
    Ok(HttpResponse::Ok().finish())
}

#[derive(Debug, Deserialize)]
pub struct JsonDlr {
    /// Our outbox id, sent as `reference`.
    reference: Option<String>,
    /// Or the provider's own message id.
    id: Option<String>,
    status: String,
    reason: Option<String>,
}

pub async fn json(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    super::check_signature(&state, &req, &body)?;
    let r: JsonDlr = json::parse(&body)?;
    match r.status.as_str() {
        "delivered" => apply(&state, r.reference, r.id, true, None).await?,
        "failed" | "undeliverable" | "rejected" => {
            apply(&state, r.reference, r.id, false, r.reason).await?
        }
        other => tracing::info!(status = other, "non-final delivery report ignored"),
    }
    Ok(HttpResponse::Ok().finish())
}
