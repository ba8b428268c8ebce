//! `GET /v1/reminders?state=&zone=`: reminders for staff, within their zone.
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::{
    db::models::reminders,
    domain::Role,
    error::{ApiError, ApiResult},
    extractors::AuthUser,
    route,
    routes::Route,
    services::access,
    state::AppState,
};

pub fn routes() -> Vec<Route> {
    vec![route!(GET "/v1/reminders" => handler)]
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Query {
    state: Option<String>,
    zone: Option<String>,
}

pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<Query>,
) -> ApiResult<HttpResponse> {
    let (actor, q) = (user.0, query.into_inner());
    let rows = state
        .db
        .run(move |conn| {
            let zone = match actor.role {
                Role::Admin | Role::Supervisor => q.zone,
                Role::Officer | Role::CentreStaff => {
                    let own = access::staff_zone(conn, &actor)?.ok_or(ApiError::Forbidden)?;
                    if q.zone.as_ref().is_some_and(|z| *z != own) {
                        return Err(ApiError::Forbidden);
                    }
                    Some(own)
                }
                _ => return Err(ApiError::Forbidden),
            };
            Ok(reminders::search(
                conn,
                zone.as_deref(),
                q.state.as_deref(),
                500,
            )?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(rows))
}
