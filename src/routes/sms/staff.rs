use actix_web::{HttpResponse, web};

use crate::{
    error::ApiResult,
    extractors::{AuthUser, Json},
    services::{messages, status::today_in},
    state::AppState,
};

/// `GET /v1/messages?to=&state=&kind=`
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<messages::MessageQuery>,
) -> ApiResult<HttpResponse> {
    let (actor, q) = (user.0, query.into_inner());
    let today = today_in("Asia/Shanghai");
    let rows = state
        .db
        .run(move |conn| messages::list(conn, &actor, q, today))
        .await?;
    Ok(HttpResponse::Ok().json(rows))
}

/// `POST /v1/broadcasts`
pub async fn broadcast(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<messages::Broadcast>,
) -> ApiResult<HttpResponse> {
    let (actor, req) = (user.0, body.into_inner());
    let settings = state.config.sms.clone();
    let today = today_in("Asia/Shanghai");
    let result = state
        .db
        .run(move |conn| messages::broadcast(conn, &actor, req, &settings, today))
        .await?;
    Ok(HttpResponse::Accepted().json(result))
}
