use actix_web::{HttpRequest, HttpResponse, web};

use crate::{
    db::models::users,
    domain::profile::ProfilePatch,
    error::ApiError,
    error::ApiResult,
    extractors::AuthUser,
    extractors::Json,
    services::account_cache,
    services::accounts,
    services::status_cache::{self, Changed},
    state::AppState,
    views::UserView,
};

/// Changes only the caller's own profile; role, scope and phone are not fields here.
pub async fn handler(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<ProfilePatch>,
) -> ApiResult<HttpResponse> {
    let id = user.0.id;
    let patch = body.into_inner();
    let today = chrono::Utc::now().date_naive();
    let (current, updated) = state
        .db
        .run(move |conn| {
            let current = users::find(conn, id.as_str())?.ok_or(ApiError::Unauthorized)?;
            Ok((current, accounts::update_profile(conn, &id, patch, today)))
        })
        .await?;
    if updated.is_ok() {
        status_cache::changed(state.kv.as_ref(), Changed::Worker(current.id.as_str())).await;
        if let Some(phone) = &current.phone {
            account_cache::changed(state.kv.as_ref(), phone).await;
        }
    }
    // Errors speak the stored language; success, the possibly new one.
    super::use_language_of(&req, updated.as_ref().unwrap_or(&current));
    Ok(HttpResponse::Ok().json(UserView::from(updated?)))
}
