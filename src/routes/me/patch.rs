use actix_web::{HttpRequest, HttpResponse, web};

use crate::{
    domain::profile::ProfilePatch, error::ApiResult, extractors::AuthUser, services::accounts,
    state::AppState, views::UserView,
};

/// Changes only the caller's own profile; role, scope and phone are not fields here.
pub async fn handler(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<ProfilePatch>,
) -> ApiResult<HttpResponse> {
    let id = user.0.id;
    let patch = body.into_inner();
    let today = chrono::Utc::now().date_naive();
    let row = state
        .db
        .run(move |conn| accounts::update_profile(conn, &id, patch, today))
        .await?;
    super::use_language_of(&req, &row);
    Ok(HttpResponse::Ok().json(UserView::from(row)))
}
