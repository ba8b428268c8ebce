use actix_web::{HttpRequest, HttpResponse, web};

use crate::{
    db::models::users, error::ApiError, error::ApiResult, extractors::AuthUser, state::AppState,
    views::UserView,
};

pub async fn handler(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
) -> ApiResult<HttpResponse> {
    let id = user.0.id;
    let row = state
        .db
        .run(move |conn| users::find(conn, id.as_str())?.ok_or(ApiError::Unauthorized))
        .await?;
    super::use_language_of(&req, &row);
    Ok(HttpResponse::Ok().json(UserView::from(row)))
}
