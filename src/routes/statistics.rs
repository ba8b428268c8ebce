//! `GET /v1/statistics?period=&from=&scope=`: periodic figures for supervisors (and
//! centre staff for their own zone), as JSON or, with `Accept: text/csv`, as CSV.
use actix_web::{HttpRequest, HttpResponse, http::header, web};
use chrono::NaiveDate;
use serde::Deserialize;

use crate::{
    domain::periods::Period,
    error::ApiResult,
    extractors::{AuthUser, Language},
    route,
    routes::Route,
    services::statistics,
    state::AppState,
};

pub fn routes() -> Vec<Route> {
    vec![route!(GET "/v1/statistics" => handler)]
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Query {
    period: Period,
    from: NaiveDate,
    scope: Option<String>,
    #[allow(dead_code)]
    lang: Option<String>,
}

pub async fn handler(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
    lang: Language,
    query: web::Query<Query>,
) -> ApiResult<HttpResponse> {
    let (actor, q) = (user.0, query.into_inner());
    let figures = state
        .db
        .run(move |conn| statistics::compute(conn, &actor, q.period, q.from, q.scope.as_deref()))
        .await?;
    let wants_csv = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/csv"));
    if wants_csv {
        let name = format!("cuakhau-{}-{}.csv", q_period(&figures), figures.from);
        return Ok(HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header((
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ))
            .body(statistics::csv(&figures, lang.0)));
    }
    Ok(HttpResponse::Ok().json(figures))
}

fn q_period(s: &statistics::Statistics) -> &'static str {
    match s.period {
        Period::Month => "month",
        Period::Quarter => "quarter",
        Period::Half => "half",
        Period::Year => "year",
    }
}
