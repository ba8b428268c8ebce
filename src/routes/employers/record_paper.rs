use actix_web::{HttpResponse, web};

use crate::{
    error::ApiResult,
    extractors::{AuthUser, Json},
    services::status_cache::{self, Changed},
    services::{papers, status::today_in},
    state::AppState,
    views::papers::PaperView,
};

/// An officer records the employer's permit, or a labour agreement or insurance it holds
/// for one worker.
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: Json<papers::RecordPaper>,
) -> ApiResult<HttpResponse> {
    let (actor, id, req) = (user.0, id.into_inner(), body.into_inner());
    let rules = state.config.papers.clone();
    let today = today_in("Asia/Shanghai");
    let row = state
        .db
        .run(move |conn| papers::record_employer_paper(conn, &actor, &id, req, &rules, today))
        .await?;
    status_cache::changed(state.kv.as_ref(), Changed::paper(&row)).await;
    Ok(HttpResponse::Created().json(PaperView::from(row)))
}
