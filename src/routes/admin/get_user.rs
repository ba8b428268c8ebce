use actix_web::{HttpResponse, web};

use crate::{
    db::models::users, error::ApiError, error::ApiResult, extractors::AdminUser, state::AppState,
    views::UserView,
};

pub async fn handler(
    state: web::Data<AppState>,
    _admin: AdminUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let row = state
        .db
        .run(move |conn| users::find(conn, &id)?.ok_or(ApiError::NotFound))
        .await?;
    Ok(HttpResponse::Ok().json(UserView::from(row)))
}
