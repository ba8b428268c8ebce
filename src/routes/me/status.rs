use actix_web::{HttpRequest, HttpResponse, web};
use chrono::NaiveDate;
use serde::Deserialize;

use crate::{
    db::models::users,
    error::{ApiError, ApiResult},
    extractors::AuthUser,
    i18n::Lang,
    services::status::{self, NumberVisibility},
    state::AppState,
    views::status::StatusView,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Query {
    /// The day to judge; today in the worker's time zone when absent.
    on: Option<NaiveDate>,
}

/// The worker's own papers, verdict and next step.
pub async fn handler(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<Query>,
) -> ApiResult<HttpResponse> {
    let id = user.0.id;
    let rules = state.config.papers.clone();
    let on = query.on;
    let (row, status, centre) = state
        .db
        .run(move |conn| {
            let row = users::find(conn, id.as_str())?.ok_or(ApiError::Unauthorized)?;
            if row.role != "worker" {
                return Err(ApiError::NotFound);
            }
            let on = on.unwrap_or_else(|| status::today_in(&row.time_zone));
            let lang = Lang::parse(&row.language).unwrap_or_default();
            let s = status::worker_status(conn, id.as_str(), on, &rules, NumberVisibility::All)?;
            let centre = status::centre_name(conn, id.as_str(), lang)?;
            Ok((row, s, centre))
        })
        .await?;
    super::use_language_of(&req, &row);
    let lang = Lang::parse(&row.language).unwrap_or_default();
    Ok(HttpResponse::Ok().json(StatusView::render(status, lang, centre.as_deref())))
}
