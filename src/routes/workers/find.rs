use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::{
    db::models::{papers, users},
    domain::{Phone, Role},
    error::{ApiError, ApiResult},
    extractors::AuthUser,
    services::audit,
    state::AppState,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Query {
    phone: Option<String>,
    paper_number: Option<String>,
}

/// Only what is needed to pick the right person.
#[derive(Debug, Serialize)]
pub struct FoundWorker {
    id: String,
    full_name: Option<String>,
    phone: Option<String>,
}

/// Officers and centre staff find a worker by phone or paper number. Every search is
/// audited.
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<Query>,
) -> ApiResult<HttpResponse> {
    let actor = user.0;
    if !matches!(actor.role, Role::Officer | Role::CentreStaff) {
        return Err(ApiError::Forbidden);
    }
    let Query {
        phone,
        paper_number,
    } = query.into_inner();
    let phone = match phone.as_deref() {
        Some(p) => Some(Phone::parse(p).map_err(|_| ApiError::InvalidPhone)?),
        None => None,
    };
    let number = paper_number
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty());
    if phone.is_none() && number.is_none() {
        return Err(ApiError::field("phone", "phone_or_paper_number_required"));
    }
    let found = state
        .db
        .run(move |conn| {
            let holders: Vec<String> = match &number {
                Some(n) => papers::by_number(conn, n)?
                    .into_iter()
                    .filter_map(|p| p.worker_id)
                    .collect(),
                None => vec![],
            };
            let rows = users::find_workers(conn, phone.as_ref().map(|p| p.as_str()), &holders)?;
            let search = (phone.map(|p| p.to_string()), number);
            audit::record(
                conn,
                &actor,
                "worker.searched",
                ("search", "workers"),
                Some(&search),
                Some(&rows.len()),
            )?;
            Ok(rows)
        })
        .await?;
    let view: Vec<FoundWorker> = found
        .into_iter()
        .map(|u| FoundWorker {
            id: u.id,
            full_name: u.full_name,
            phone: u.phone,
        })
        .collect();
    Ok(HttpResponse::Ok().json(view))
}
