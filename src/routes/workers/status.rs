use actix_web::{HttpResponse, web};
use chrono::NaiveDate;
use serde::Deserialize;

use crate::{
    domain::Role,
    error::ApiResult,
    extractors::AuthUser,
    services::{
        access, audit,
        status::{self, NumberVisibility},
    },
    state::AppState,
    views::status::StatusView,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Query {
    on: Option<NaiveDate>,
}

/// A worker's status as their officer, centre, employer or a supervisor may see it.
/// Employers never see the border pass number; supervisors' reads are audited.
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    query: web::Query<Query>,
) -> ApiResult<HttpResponse> {
    let (actor, id) = (user.0, id.into_inner());
    let rules = state.config.papers.clone();
    let today = status::today_in("Asia/Shanghai");
    let on = query.on.unwrap_or(today);
    let lang = actor.lang;
    let (s, centre) = state
        .db
        .run(move |conn| {
            // Who may read is decided for today, whatever day the status is asked for.
            access::can_read_worker(conn, &actor, &id, today)?;
            let numbers = if actor.role == Role::Employer {
                NumberVisibility::EmploymentOnly
            } else {
                NumberVisibility::All
            };
            let s = status::worker_status(conn, &id, on, &rules, numbers)?;
            if actor.role == Role::Supervisor {
                audit::record(
                    conn,
                    &actor,
                    "worker.status.read",
                    ("worker", &id),
                    audit::NONE,
                    audit::NONE,
                )?;
            }
            Ok((s, status::centre_name(conn, &id, lang)?))
        })
        .await?;
    Ok(HttpResponse::Ok().json(StatusView::render(s, lang, centre.as_deref())))
}
