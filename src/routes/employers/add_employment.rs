use actix_web::{HttpResponse, web};

use crate::{
    error::ApiResult,
    extractors::{AuthUser, Json},
    services::papers,
    services::status_cache::{self, Changed},
    state::AppState,
    views::papers::EmploymentView,
};

/// An officer records that a worker works for this employer.
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: Json<papers::NewEmployment>,
) -> ApiResult<HttpResponse> {
    let (actor, id, req) = (user.0, id.into_inner(), body.into_inner());
    let row = state
        .db
        .run(move |conn| papers::add_employment(conn, &actor, &id, req))
        .await?;
    status_cache::changed(state.kv.as_ref(), Changed::Worker(&row.worker_id)).await;
    Ok(HttpResponse::Created().json(EmploymentView::from(row)))
}
