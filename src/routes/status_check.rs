//! `POST /v1/status-check`: like a work-pass check by phone, without an account.
use actix_web::{HttpResponse, web};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::{
    domain::papers::{PaperKind, PaperStatus},
    error::{ApiError, ApiResult},
    extractors::{ClientIp, Json},
    i18n::Lang,
    route,
    routes::Route,
    services::{rate_limit, rate_limit::Limit, status},
    state::AppState,
    views::status::{FailureView, failure_views, paper_name, verdict_summary},
};

pub fn routes() -> Vec<Route> {
    vec![route!(POST "/v1/status-check" => handler)]
}

#[derive(Debug, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Body {
    #[validate(length(min = 1, max = 64))]
    paper_number: String,
    birth_date: NaiveDate,
}

#[derive(Debug, Serialize)]
struct CheckView {
    kind: PaperKind,
    name: String,
    status: PaperStatus,
    expires_on: NaiveDate,
    legal: bool,
    summary: String,
    failures: Vec<FailureView>,
}

pub async fn handler(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    ip: ClientIp,
    body: Json<Body>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    body.validate()?;
    let per_hour = state.config.status_checks_per_hour;
    let kv = state.kv.as_ref();
    rate_limit::hit(kv, Limit::per_hour("check-ip", per_hour), &ip.0).await?;
    let number = body.paper_number.trim().to_uppercase();
    rate_limit::hit(kv, Limit::per_hour("check-number", per_hour), &number).await?;
    let rules = state.config.papers.clone();
    let on = status::today_in("Asia/Shanghai");
    let raw_number = body.paper_number.trim().to_string();
    let found = state
        .db
        .run(move |conn| status::check_paper(conn, &raw_number, body.birth_date, on, &rules))
        .await?
        .ok_or(ApiError::NoMatchingPaper)?;
    let lang = req
        .headers()
        .get(actix_web::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_accept_language)
        .unwrap_or_default();
    let v = found.verdict;
    let summary = verdict_summary(lang, v.legal);
    Ok(HttpResponse::Ok().json(CheckView {
        kind: found.kind,
        name: paper_name(lang, found.kind),
        status: found.status,
        expires_on: found.expires_on,
        legal: v.legal,
        summary,
        failures: failure_views(lang, &v),
    }))
}
