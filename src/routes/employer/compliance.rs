use actix_web::{HttpResponse, web};

use crate::{
    error::ApiResult,
    extractors::AuthUser,
    services::{employer, status::today_in},
    state::AppState,
};

pub async fn handler(state: web::Data<AppState>, user: AuthUser) -> ApiResult<HttpResponse> {
    let employer_id = super::employer_of(&user.0)?;
    let rules = state.config.papers.clone();
    let on = today_in("Asia/Shanghai");
    let report = state
        .db
        .run(move |conn| employer::compliance(conn, &employer_id, on, &rules))
        .await?;
    Ok(HttpResponse::Ok().json(report))
}
