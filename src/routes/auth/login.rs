use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::{
    error::ApiResult, extractors::ClientIp, extractors::Json, services::auth, state::AppState,
    views::SessionView,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// E-mail or phone number.
    login: String,
    password: String,
}

pub async fn handler(
    state: web::Data<AppState>,
    ip: ClientIp,
    body: Json<Body>,
) -> ApiResult<HttpResponse> {
    let session = auth::login(&state, &body.login, &body.password, &ip.0).await?;
    Ok(HttpResponse::Ok().json(SessionView::from(session)))
}
