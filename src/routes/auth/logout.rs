use actix_web::{HttpResponse, web};

use super::RefreshTokenBody;
use crate::{error::ApiResult, services::auth, state::AppState};

/// Always 204: it does not tell whether the token existed.
pub async fn handler(
    state: web::Data<AppState>,
    body: web::Json<RefreshTokenBody>,
) -> ApiResult<HttpResponse> {
    auth::logout(&state, &body.refresh_token).await?;
    Ok(HttpResponse::NoContent().finish())
}
