use actix_web::{HttpResponse, web};

use super::RefreshTokenBody;
use crate::{error::ApiResult, services::auth, state::AppState, views::SessionView};

pub async fn handler(
    state: web::Data<AppState>,
    body: web::Json<RefreshTokenBody>,
) -> ApiResult<HttpResponse> {
    let session = auth::refresh(&state, &body.refresh_token).await?;
    Ok(HttpResponse::Ok().json(SessionView::from(session)))
}
