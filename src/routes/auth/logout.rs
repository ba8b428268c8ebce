use actix_web::{HttpResponse, web};

use super::RefreshTokenBody;
use crate::{error::ApiResult, extractors::Json, services::sessions, state::AppState};

/// Always 204: it does not tell whether the token existed.
pub async fn handler(
    state: web::Data<AppState>,
    body: Json<RefreshTokenBody>,
) -> ApiResult<HttpResponse> {
    sessions::logout(&state, &body.refresh_token).await?;
    Ok(HttpResponse::NoContent().finish())
}
