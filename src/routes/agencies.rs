//! The licensed-recruiter registry: public lookups (rate-limited, no account), kept by
//! supervisors.
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::{
    error::ApiResult,
    extractors::{AuthUser, ClientIp, Json, Language},
    route,
    routes::Route,
    services::{
        agencies::{self, AgencyInput},
        rate_limit::{self, Limit},
        status::today_in,
    },
    state::AppState,
};

pub fn routes() -> Vec<Route> {
    vec![
        route!(GET "/v1/agencies" => search),
        route!(POST "/v1/agencies" => create),
        route!(GET "/v1/agencies/by-licence/{number}" => by_licence),
        route!(PUT "/v1/agencies/{id}" => update),
    ]
}

#[derive(Debug, Deserialize)]
pub struct SearchQuery {
    q: String,
}

async fn limit(state: &AppState, ip: &ClientIp) -> ApiResult<()> {
    let max = state.config.public_lookups_per_hour;
    rate_limit::hit(state.kv.as_ref(), Limit::per_hour("agency-ip", max), &ip.0).await
}

pub async fn search(
    state: web::Data<AppState>,
    ip: ClientIp,
    lang: Language,
    query: web::Query<SearchQuery>,
) -> ApiResult<HttpResponse> {
    limit(&state, &ip).await?;
    let q = query.into_inner().q;
    let today = today_in("Asia/Shanghai");
    let found = state
        .db
        .run(move |conn| agencies::search(conn, &q, lang.0, today))
        .await?;
    Ok(HttpResponse::Ok().json(found))
}

pub async fn by_licence(
    state: web::Data<AppState>,
    ip: ClientIp,
    lang: Language,
    number: web::Path<String>,
) -> ApiResult<HttpResponse> {
    limit(&state, &ip).await?;
    let number = number.into_inner();
    let today = today_in("Asia/Shanghai");
    let found = state
        .db
        .run(move |conn| agencies::by_licence(conn, &number, lang.0, today))
        .await?;
    Ok(HttpResponse::Ok().json(found))
}

pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    lang: Language,
    body: Json<AgencyInput>,
) -> ApiResult<HttpResponse> {
    let (actor, input) = (user.0, body.into_inner());
    let today = today_in("Asia/Shanghai");
    let row = state
        .db
        .run(move |conn| agencies::create(conn, &actor, input))
        .await?;
    Ok(HttpResponse::Created().json(agencies::view(row, lang.0, today)))
}

pub async fn update(
    state: web::Data<AppState>,
    user: AuthUser,
    lang: Language,
    id: web::Path<String>,
    body: Json<AgencyInput>,
) -> ApiResult<HttpResponse> {
    let (actor, id, input) = (user.0, id.into_inner(), body.into_inner());
    let today = today_in("Asia/Shanghai");
    let row = state
        .db
        .run(move |conn| agencies::update(conn, &actor, &id, input))
        .await?;
    Ok(HttpResponse::Ok().json(agencies::view(row, lang.0, today)))
}
