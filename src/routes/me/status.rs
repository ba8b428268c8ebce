use actix_web::{HttpMessage, HttpRequest, HttpResponse, web};
use chrono::NaiveDate;
use serde::Deserialize;

use crate::{
    db::models::users,
    domain::Role,
    error::{ApiError, ApiResult},
    extractors::AuthUser,
    i18n::Lang,
    middleware::RequestLang,
    services::{
        status::{self, NumberVisibility},
        status_cache::{Rendered, StatusCache},
    },
    state::AppState,
    views::status::StatusView,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Query {
    /// The day to judge; today in the worker's time zone when absent.
    on: Option<NaiveDate>,
}

/// The worker's own papers, verdict and next step. Today's answer is served from the
/// status cache while nothing it depends on has changed (`services::status_cache`).
pub async fn handler(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<Query>,
) -> ApiResult<HttpResponse> {
    let id = user.0.id.as_str().to_string();
    // Another day, a staff token, or the store down: straight from the database.
    let version = match (query.on, user.0.role) {
        (None, Role::Worker) => StatusCache::version(state.kv.as_ref(), &id).await.ok(),
        _ => None,
    };
    if let Some(hit) = version
        .as_ref()
        .and_then(|v| state.status_cache.get(&id, v))
    {
        return Ok(answer(&req, hit));
    }
    let rendered = compute(&state, id.clone(), query.on).await?;
    if let Some(v) = version {
        state.status_cache.put(&id, v, rendered.clone());
    }
    Ok(answer(&req, rendered))
}

fn answer(req: &HttpRequest, r: Rendered) -> HttpResponse {
    req.extensions_mut().insert(RequestLang(r.lang));
    HttpResponse::Ok()
        .content_type("application/json")
        .body(r.body)
}

async fn compute(state: &AppState, id: String, on: Option<NaiveDate>) -> ApiResult<Rendered> {
    let rules = state.config.papers.clone();
    let (row, day, s, centre) = state
        .db
        .run(move |conn| {
            let row = users::find(conn, &id)?.ok_or(ApiError::Unauthorized)?;
            if row.role != "worker" {
                return Err(ApiError::NotFound);
            }
            let day = on.unwrap_or_else(|| status::today_in(&row.time_zone));
            let lang = Lang::parse(&row.language).unwrap_or_default();
            let s = status::worker_status(conn, &id, day, &rules, NumberVisibility::All)?;
            let centre = status::centre_name(conn, &id, lang)?;
            Ok((row, day, s, centre))
        })
        .await?;
    let lang = Lang::parse(&row.language).unwrap_or_default();
    let view = StatusView::render(s, lang, centre.as_deref());
    let body = serde_json::to_vec(&view).map_err(|e| ApiError::Internal(e.into()))?;
    Ok(Rendered {
        lang,
        time_zone: status::time_zone(&row.time_zone),
        day,
        body: body.into(),
    })
}
