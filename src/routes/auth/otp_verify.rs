use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::{
    error::ApiResult, extractors::Json, services::auth, state::AppState, views::SessionView,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    phone: String,
    code: String,
}

pub async fn handler(state: web::Data<AppState>, body: Json<Body>) -> ApiResult<HttpResponse> {
    let session = auth::verify_otp(&state, &body.phone, &body.code).await?;
    Ok(HttpResponse::Ok().json(SessionView::from(session)))
}
