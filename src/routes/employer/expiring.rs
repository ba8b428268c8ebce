use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::{
    domain::papers::Assessment,
    error::ApiResult,
    extractors::AuthUser,
    services::{employer, status::today_in},
    state::AppState,
};

#[derive(Debug, Serialize)]
struct Expiring {
    /// How many of the employer's workers have a paper lapsing within 30 days.
    workers_with_lapsing_papers: usize,
    workers: Vec<employer::Employee>,
    employer_permit: Assessment,
    /// Workers whose agreement or insurance is missing or lapsed.
    gaps: Vec<employer::WorkerGap>,
}

/// What the weekly digest says, on demand: lapsing papers within 30 days and the
/// employer's own permit and insurance gaps.
pub async fn handler(state: web::Data<AppState>, user: AuthUser) -> ApiResult<HttpResponse> {
    let employer_id = super::employer_of(&user.0)?;
    let rules = state.config.papers.clone();
    let on = today_in("Asia/Shanghai");
    let view = state
        .db
        .run(move |conn| {
            let workers: Vec<_> = employer::employees(conn, &employer_id, on, 30, &rules)?
                .into_iter()
                .filter(|w| !w.lapsing.is_empty())
                .collect();
            let c = employer::compliance(conn, &employer_id, on, &rules)?;
            Ok(Expiring {
                workers_with_lapsing_papers: workers.len(),
                workers,
                employer_permit: c.employer_permit,
                gaps: c.gaps,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}
