//! Guidance on the legal way: public reading in the asker's language; supervisors edit
//! with a revision history.
use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::{
    error::ApiResult,
    extractors::{AuthUser, Json, Language},
    route,
    routes::Route,
    services::{
        guidance::{self, Edit, Topic},
        guidance_cache,
    },
    state::AppState,
};

pub fn routes() -> Vec<Route> {
    vec![
        route!(GET "/v1/guidance" => list),
        route!(GET "/v1/guidance/{topic}" => get),
        route!(PUT "/v1/guidance/{topic}" => put),
        route!(GET "/v1/guidance/{topic}/revisions" => revisions),
    ]
}

#[derive(Debug, Serialize)]
struct TopicView {
    #[serde(flatten)]
    topic: Topic,
    /// The body in USSD screens (never cut mid-word).
    ussd_pages: Vec<String>,
}

fn view(topic: Topic) -> TopicView {
    TopicView {
        ussd_pages: guidance::ussd_pages(&topic),
        topic,
    }
}

pub async fn list(state: web::Data<AppState>, lang: Language) -> ApiResult<HttpResponse> {
    let topics = state
        .db
        .run(move |conn| guidance::list(conn, lang.0))
        .await?;
    Ok(HttpResponse::Ok().json(topics))
}

pub async fn get(
    state: web::Data<AppState>,
    lang: Language,
    topic: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let topic = topic.into_inner();
    let t = state
        .db
        .run(move |conn| guidance::current(conn, &topic, lang.0))
        .await?;
    Ok(HttpResponse::Ok().json(view(t)))
}

pub async fn put(
    state: web::Data<AppState>,
    user: AuthUser,
    topic: web::Path<String>,
    body: Json<Edit>,
) -> ApiResult<HttpResponse> {
    let (actor, topic, edit) = (user.0, topic.into_inner(), body.into_inner());
    let settings = state.config.sms.clone();
    let t = state
        .db
        .run(move |conn| guidance::edit(conn, &actor, &topic, edit, &settings))
        .await?;
    guidance_cache::changed(state.kv.as_ref()).await;
    Ok(HttpResponse::Ok().json(view(t)))
}

pub async fn revisions(
    state: web::Data<AppState>,
    user: AuthUser,
    topic: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let (actor, topic) = (user.0, topic.into_inner());
    let rows = state
        .db
        .run(move |conn| guidance::history(conn, &actor, &topic))
        .await?;
    Ok(HttpResponse::Ok().json(rows))
}
