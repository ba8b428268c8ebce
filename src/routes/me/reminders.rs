use actix_web::{HttpResponse, web};

use crate::{db::models::reminders, error::ApiResult, extractors::AuthUser, state::AppState};

/// The worker's reminders: planned, sent and skipped, by due time. Workers without SMS
/// opt-in see here what they would have been sent.
pub async fn handler(state: web::Data<AppState>, user: AuthUser) -> ApiResult<HttpResponse> {
    let id = user.0.id;
    let rows = state
        .db
        .run(move |conn| Ok(reminders::of_worker(conn, id.as_str())?))
        .await?;
    Ok(HttpResponse::Ok().json(rows))
}
