use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::{
    error::ApiResult, extractors::ClientIp, extractors::Json, services::auth, state::AppState,
    views::OtpRequestedView,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    phone: String,
}

pub async fn handler(
    state: web::Data<AppState>,
    ip: ClientIp,
    body: Json<Body>,
) -> ApiResult<HttpResponse> {
    let ttl = auth::request_otp(&state, &body.phone, &ip.0).await?;
    Ok(HttpResponse::Accepted().json(OtpRequestedView {
        sent: true,
        expires_in: ttl.as_secs(),
    }))
}
