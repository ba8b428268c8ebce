//! Abuse reports: anyone files (anonymously if they wish), the reporter follows the case,
//! supervisors triage in their zone.
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::{
    db::models::users,
    domain::Phone,
    error::{ApiError, ApiResult},
    extractors::{AuthUser, ClientIp, Json, Language, MaybeUser},
    route,
    routes::Route,
    services::{
        rate_limit::{self, Limit},
        reports::{self, Channel, NewReport, Reporter, Transition},
        status::today_in,
    },
    state::AppState,
};

pub fn routes() -> Vec<Route> {
    vec![
        route!(POST "/v1/reports" => file),
        route!(GET "/v1/reports" => list),
        route!(GET "/v1/reports/{case}" => case),
        route!(GET "/v1/reports/{case}/status" => status),
        route!(POST "/v1/reports/{case}/transitions" => transition),
    ]
}

pub async fn file(
    state: web::Data<AppState>,
    user: MaybeUser,
    ip: ClientIp,
    lang: Language,
    body: Json<NewReport>,
) -> ApiResult<HttpResponse> {
    reports::within_limits(
        state.kv.as_ref(),
        state.config.reports_per_hour,
        Some(&ip.0),
        user.0.as_ref().map(|u| u.id.as_str()),
        None,
    )
    .await?;
    let input = body.into_inner();
    let today = today_in("Asia/Shanghai");
    let filed = state
        .db
        .run(move |conn| {
            let reporter = match &user.0 {
                Some(u) => {
                    let row = users::find(conn, u.id.as_str())?.ok_or(ApiError::Unauthorized)?;
                    Reporter {
                        phone: row.phone.as_deref().and_then(|p| Phone::parse(p).ok()),
                        user_id: Some(row.id),
                    }
                }
                None => Reporter::default(),
            };
            reports::file(conn, input, reporter, Channel::App, lang.0, today)
        })
        .await?;
    Ok(HttpResponse::Created().json(filed))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    state: Option<String>,
    category: Option<String>,
}

pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<ListQuery>,
) -> ApiResult<HttpResponse> {
    let (actor, q) = (user.0, query.into_inner());
    let rows = state
        .db
        .run(move |conn| reports::list(conn, &actor, q.state.as_deref(), q.category.as_deref()))
        .await?;
    Ok(HttpResponse::Ok().json(rows))
}

pub async fn case(
    state: web::Data<AppState>,
    user: AuthUser,
    case: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let (actor, case) = (user.0, case.into_inner());
    let view = state
        .db
        .run(move |conn| reports::case(conn, &actor, &case))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

#[derive(Debug, Deserialize)]
pub struct StatusQuery {
    secret: Option<String>,
}

/// The reporter's view: by the secret (anonymous) or signed in as the reporter.
pub async fn status(
    state: web::Data<AppState>,
    user: MaybeUser,
    ip: ClientIp,
    lang: Language,
    case: web::Path<String>,
    query: web::Query<StatusQuery>,
) -> ApiResult<HttpResponse> {
    let max = state.config.public_lookups_per_hour;
    rate_limit::hit(
        state.kv.as_ref(),
        Limit::per_hour("report-status-ip", max),
        &ip.0,
    )
    .await?;
    let (case, secret) = (case.into_inner(), query.into_inner().secret);
    let view = state
        .db
        .run(move |conn| reports::status(conn, &case, secret.as_deref(), user.0.as_ref(), lang.0))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

pub async fn transition(
    state: web::Data<AppState>,
    user: AuthUser,
    case: web::Path<String>,
    body: Json<Transition>,
) -> ApiResult<HttpResponse> {
    let (actor, case, t) = (user.0, case.into_inner(), body.into_inner());
    let settings = state.config.sms.clone();
    let view = state
        .db
        .run(move |conn| reports::transition(conn, &actor, &case, t, &settings))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}
