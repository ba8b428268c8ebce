use actix_web::{HttpResponse, web};

use crate::{
    db::models::papers, error::ApiResult, extractors::AuthUser, state::AppState,
    views::papers::PaperView,
};

/// Every paper recorded for the worker, renewed and revoked ones included, newest first.
pub async fn handler(state: web::Data<AppState>, user: AuthUser) -> ApiResult<HttpResponse> {
    let id = user.0.id;
    let rows = state
        .db
        .run(move |conn| Ok(papers::of_worker(conn, id.as_str())?))
        .await?;
    Ok(HttpResponse::Ok().json(rows.into_iter().map(PaperView::from).collect::<Vec<_>>()))
}
