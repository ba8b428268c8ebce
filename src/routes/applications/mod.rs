//! Renewal applications: the worker's form, the centre's queue and decisions.
use actix_web::{HttpResponse, web};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::{
    db::models::applications::ApplicationRow,
    domain::applications::{Action, ApplicationState},
    error::ApiResult,
    extractors::{AuthUser, Json},
    route,
    routes::Route,
    services::{applications, status::today_in},
    state::AppState,
};

pub fn routes() -> Vec<Route> {
    vec![
        route!(POST "/v1/me/renewal-applications" => submit),
        route!(GET "/v1/me/renewal-applications" => mine),
        route!(POST "/v1/me/renewal-applications/{id}/withdrawal" => withdraw),
        route!(GET "/v1/centre/renewal-applications" => queue),
        route!(POST "/v1/renewal-applications/{id}/decision" => decide),
        route!(POST "/v1/renewal-applications/{id}/ready" => ready),
        route!(POST "/v1/renewal-applications/{id}/collected" => collected),
    ]
}

#[derive(Debug, Serialize)]
pub struct ApplicationView {
    id: String,
    worker_id: String,
    centre_id: String,
    kinds: Vec<String>,
    state: String,
    pickup_on: Option<NaiveDate>,
    reason: Option<String>,
    note: Option<String>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl From<ApplicationRow> for ApplicationView {
    fn from(a: ApplicationRow) -> Self {
        ApplicationView {
            id: a.id,
            worker_id: a.worker_id,
            centre_id: a.centre_id,
            kinds: a.kinds.split(',').map(str::to_string).collect(),
            state: a.state,
            pickup_on: a.pickup_on,
            reason: a.reason,
            note: a.note,
            created_at: a.created_at,
            updated_at: a.updated_at,
        }
    }
}

fn list(rows: Vec<ApplicationRow>) -> HttpResponse {
    HttpResponse::Ok().json(
        rows.into_iter()
            .map(ApplicationView::from)
            .collect::<Vec<_>>(),
    )
}

async fn submit(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<applications::Submit>,
) -> ApiResult<HttpResponse> {
    let (actor, req) = (user.0, body.into_inner());
    let row = state
        .db
        .run(move |conn| applications::submit(conn, &actor, req))
        .await?;
    Ok(HttpResponse::Created().json(ApplicationView::from(row)))
}

async fn mine(state: web::Data<AppState>, user: AuthUser) -> ApiResult<HttpResponse> {
    let id = user.0.id;
    let rows = state
        .db
        .run(move |conn| {
            Ok(crate::db::models::applications::of_worker(
                conn,
                id.as_str(),
            )?)
        })
        .await?;
    Ok(list(rows))
}

async fn run_step(
    state: web::Data<AppState>,
    user: AuthUser,
    id: String,
    action: Action,
) -> ApiResult<HttpResponse> {
    let actor = user.0;
    let row = state
        .db
        .run(move |conn| applications::step(conn, &actor, &id, action))
        .await?;
    Ok(HttpResponse::Ok().json(ApplicationView::from(row)))
}

async fn withdraw(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    run_step(state, user, id.into_inner(), Action::Withdraw).await
}

async fn ready(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    run_step(state, user, id.into_inner(), Action::MarkReady).await
}

async fn collected(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    run_step(state, user, id.into_inner(), Action::MarkCollected).await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueueQuery {
    state: Option<ApplicationState>,
}

async fn queue(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<QueueQuery>,
) -> ApiResult<HttpResponse> {
    let (actor, wanted) = (user.0, query.into_inner().state);
    let rows = state
        .db
        .run(move |conn| applications::queue(conn, &actor, wanted))
        .await?;
    Ok(list(rows))
}

async fn decide(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: Json<applications::Decision>,
) -> ApiResult<HttpResponse> {
    let (actor, id, d) = (user.0, id.into_inner(), body.into_inner());
    let today = today_in("Asia/Shanghai");
    let row = state
        .db
        .run(move |conn| applications::decide(conn, &actor, &id, d, today))
        .await?;
    Ok(HttpResponse::Ok().json(ApplicationView::from(row)))
}
