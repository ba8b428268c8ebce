//! `GET /v1/audit?subject=paper:<id>`: the history of one record, for supervisors.
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::{
    db::models::audit,
    domain::Role,
    error::{ApiError, ApiResult},
    extractors::AuthUser,
    route,
    routes::Route,
    state::AppState,
    views::papers::AuditView,
};

pub fn routes() -> Vec<Route> {
    vec![route!(GET "/v1/audit" => handler)]
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Query {
    /// `<type>:<id>`, e.g. `paper:0194…`, `worker:0194…`, `employer:0194…`.
    subject: String,
}

pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<Query>,
) -> ApiResult<HttpResponse> {
    if !matches!(user.0.role, Role::Supervisor | Role::Admin) {
        return Err(ApiError::Forbidden);
    }
    let (kind, id) = query
        .subject
        .split_once(':')
        .map(|(k, i)| (k.to_string(), i.to_string()))
        .ok_or_else(|| ApiError::field("subject", "malformed"))?;
    let rows = state
        .db
        .run(move |conn| Ok(audit::for_subject(conn, &kind, &id, 500)?))
        .await?;
    Ok(HttpResponse::Ok().json(rows.into_iter().map(AuditView::from).collect::<Vec<_>>()))
}
