use actix_web::{HttpResponse, web};

use super::RefreshTokenBody;
use crate::{
    error::ApiResult, extractors::Json, services::sessions, state::AppState, views::SessionView,
};

pub async fn handler(
    state: web::Data<AppState>,
    body: Json<RefreshTokenBody>,
) -> ApiResult<HttpResponse> {
    let session = sessions::refresh(&state, &body.refresh_token).await?;
    Ok(HttpResponse::Ok().json(SessionView::from(session)))
}
