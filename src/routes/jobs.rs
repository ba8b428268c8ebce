//! Vacancies, job profiles and job applications.
use actix_web::{HttpResponse, web};
use chrono::NaiveDate;
use serde::Deserialize;

use crate::{
    db::models::jobs::Filter,
    domain::agencies::search_key,
    error::ApiResult,
    extractors::{AuthUser, Json, Language},
    route,
    routes::Route,
    services::status_cache::{self, Changed},
    services::{
        job_applications::{self, Channel, Decision},
        jobs::{self, JobProfile, NewVacancy},
        status::today_in,
    },
    state::AppState,
};

pub fn routes() -> Vec<Route> {
    vec![
        route!(GET "/v1/skills" => skills),
        route!(GET "/v1/vacancies" => list),
        route!(POST "/v1/vacancies" => create),
        route!(GET "/v1/vacancies/{id}" => get),
        route!(POST "/v1/vacancies/{id}/state" => set_state),
        route!(GET "/v1/vacancies/{id}/applications" => inbox),
        route!(POST "/v1/vacancies/{id}/applications" => apply),
        route!(POST "/v1/vacancies/{id}/decisions" => decide),
        route!(GET "/v1/vacancies/{id}/candidates" => candidates),
        route!(GET "/v1/me/vacancies" => mine),
        route!(GET "/v1/me/job-profile" => get_profile),
        route!(PUT "/v1/me/job-profile" => put_profile),
        route!(GET "/v1/me/job-applications" => my_applications),
        route!(POST "/v1/job-applications/{id}/withdrawal" => withdraw),
    ]
}

fn today() -> NaiveDate {
    today_in("Asia/Shanghai")
}

pub async fn skills(state: web::Data<AppState>, lang: Language) -> ApiResult<HttpResponse> {
    let rows = state.db.run(move |c| jobs::skills(c, lang.0)).await?;
    Ok(HttpResponse::Ok().json(rows))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    zone: Option<String>,
    skill: Option<String>,
    min_wage: Option<i32>,
    start_from: Option<NaiveDate>,
    q: Option<String>,
    cursor: Option<String>,
    limit: Option<i64>,
    lang: Option<String>,
}

pub async fn list(
    state: web::Data<AppState>,
    _user: AuthUser,
    lang: Language,
    query: web::Query<ListQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.into_inner();
    let _ = q.lang;
    let page = state
        .db
        .run(move |c| {
            let f = Filter {
                zones: q.zone.into_iter().collect(),
                skills: q.skill.into_iter().collect(),
                min_wage: q.min_wage,
                start_from: q.start_from,
                text: q.q.as_deref().map(search_key).filter(|t| !t.is_empty()),
                after: q.cursor.as_deref().map(jobs::parse_cursor).transpose()?,
                id: None,
            };
            jobs::list(c, &f, lang.0, today(), q.limit.unwrap_or(20))
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    lang: Language,
    body: Json<NewVacancy>,
) -> ApiResult<HttpResponse> {
    let (actor, n) = (user.0, body.into_inner());
    let v = state
        .db
        .run(move |c| {
            let row = jobs::create(c, &actor, n, today())?;
            let all = crate::db::models::jobs::all_skills(c)?;
            Ok(jobs::view(row, &all, lang.0))
        })
        .await?;
    Ok(HttpResponse::Created().json(v))
}

pub async fn get(
    state: web::Data<AppState>,
    user: AuthUser,
    lang: Language,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let (actor, id) = (user.0, id.into_inner());
    let v = state
        .db
        .run(move |c| jobs::get(c, &actor, &id, lang.0, today()))
        .await?;
    Ok(HttpResponse::Ok().json(v))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateBody {
    state: String,
}

pub async fn set_state(
    state: web::Data<AppState>,
    user: AuthUser,
    lang: Language,
    id: web::Path<String>,
    body: Json<StateBody>,
) -> ApiResult<HttpResponse> {
    let (actor, id, to) = (user.0, id.into_inner(), body.into_inner().state);
    let v = state
        .db
        .run(move |c| {
            let row = jobs::set_state(c, &actor, &id, &to, today())?;
            let all = crate::db::models::jobs::all_skills(c)?;
            Ok(jobs::view(row, &all, lang.0))
        })
        .await?;
    Ok(HttpResponse::Ok().json(v))
}

pub async fn inbox(
    state: web::Data<AppState>,
    user: AuthUser,
    lang: Language,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let (actor, id) = (user.0, id.into_inner());
    let rules = state.config.papers.clone();
    let rows = state
        .db
        .run(move |c| job_applications::inbox(c, &actor, &id, lang.0, today(), &rules))
        .await?;
    Ok(HttpResponse::Ok().json(rows))
}

pub async fn candidates(
    state: web::Data<AppState>,
    user: AuthUser,
    lang: Language,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let (actor, id) = (user.0, id.into_inner());
    let rules = state.config.papers.clone();
    let rows = state
        .db
        .run(move |c| job_applications::candidates(c, &actor, &id, lang.0, today(), &rules))
        .await?;
    Ok(HttpResponse::Ok().json(rows))
}

pub async fn apply(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let (actor, id) = (user.0, id.into_inner());
    let settings = state.config.sms.clone();
    let row = state
        .db
        .run(move |c| job_applications::apply(c, &actor, &id, Channel::App, today(), &settings))
        .await?;
    Ok(HttpResponse::Created().json(row))
}

pub async fn decide(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: Json<Decision>,
) -> ApiResult<HttpResponse> {
    let (actor, id, d) = (user.0, id.into_inner(), body.into_inner());
    let settings = state.config.sms.clone();
    let rows = state
        .db
        .run(move |c| job_applications::decide(c, &actor, &id, d, &settings))
        .await?;
    // Hiring records an employment, which the worker's status shows.
    for hired in rows.iter().filter(|r| r.state == "hired") {
        status_cache::changed(state.kv.as_ref(), Changed::Worker(&hired.worker_id)).await;
    }
    Ok(HttpResponse::Ok().json(rows))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MineQuery {
    limit: Option<usize>,
    lang: Option<String>,
}

pub async fn mine(
    state: web::Data<AppState>,
    user: AuthUser,
    lang: Language,
    query: web::Query<MineQuery>,
) -> ApiResult<HttpResponse> {
    let actor = user.0;
    let q = query.into_inner();
    let _ = q.lang;
    let limit = q.limit.unwrap_or(20);
    let rules = state.config.papers.clone();
    let rows = state
        .db
        .run(move |c| jobs::for_worker(c, &actor, lang.0, today(), &rules, limit))
        .await?;
    Ok(HttpResponse::Ok().json(rows))
}

pub async fn get_profile(state: web::Data<AppState>, user: AuthUser) -> ApiResult<HttpResponse> {
    let actor = user.0;
    let p = state.db.run(move |c| jobs::job_profile(c, &actor)).await?;
    Ok(HttpResponse::Ok().json(p))
}

pub async fn put_profile(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<JobProfile>,
) -> ApiResult<HttpResponse> {
    let (actor, p) = (user.0, body.into_inner());
    let p = state
        .db
        .run(move |c| jobs::save_job_profile(c, &actor, p))
        .await?;
    Ok(HttpResponse::Ok().json(p))
}

pub async fn my_applications(
    state: web::Data<AppState>,
    user: AuthUser,
) -> ApiResult<HttpResponse> {
    let actor = user.0;
    let rows = state
        .db
        .run(move |c| job_applications::mine(c, &actor))
        .await?;
    Ok(HttpResponse::Ok().json(rows))
}

pub async fn withdraw(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let (actor, id) = (user.0, id.into_inner());
    let settings = state.config.sms.clone();
    let row = state
        .db
        .run(move |c| job_applications::withdraw(c, &actor, &id, &settings))
        .await?;
    Ok(HttpResponse::Ok().json(row))
}
