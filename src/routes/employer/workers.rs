use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::{
    error::{ApiError, ApiResult},
    extractors::AuthUser,
    services::{employer, status::today_in},
    state::AppState,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Query {
    /// Days ahead to look for lapsing papers (default 30).
    expiring_within: Option<i64>,
}

pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<Query>,
) -> ApiResult<HttpResponse> {
    let employer_id = super::employer_of(&user.0)?;
    let within = query.expiring_within.unwrap_or(30);
    if !(0..=366).contains(&within) {
        return Err(ApiError::field("expiring_within", "range"));
    }
    let rules = state.config.papers.clone();
    let on = today_in("Asia/Shanghai");
    let list = state
        .db
        .run(move |conn| employer::employees(conn, &employer_id, on, within, &rules))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}
