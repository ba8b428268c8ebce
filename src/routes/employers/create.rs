use actix_web::{HttpResponse, web};

use crate::{
    error::ApiResult,
    extractors::{AuthUser, Json},
    services::papers,
    state::AppState,
    views::papers::EmployerView,
};

/// An officer registers an employer in their zone.
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<papers::NewEmployer>,
) -> ApiResult<HttpResponse> {
    let (actor, req) = (user.0, body.into_inner());
    let row = state
        .db
        .run(move |conn| papers::create_employer(conn, &actor, req))
        .await?;
    Ok(HttpResponse::Created().json(EmployerView::from(row)))
}
