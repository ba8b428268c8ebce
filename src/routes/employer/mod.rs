//! The signed-in employer's own views (Chinese by default).
mod compliance;
mod expiring;
mod workers;

use crate::{
    domain::Role,
    error::{ApiError, ApiResult},
    route,
    routes::Route,
    services::{access, tokens::Principal},
};

pub fn routes() -> Vec<Route> {
    vec![
        route!(GET "/v1/employer/workers" => workers::handler),
        route!(GET "/v1/employer/compliance" => compliance::handler),
        route!(GET "/v1/employer/expiring" => expiring::handler),
    ]
}

/// The employer the caller acts for, or 403 for anyone who is not an employer account.
fn employer_of(p: &Principal) -> ApiResult<String> {
    match (p.role, access::own_employer(p)) {
        (Role::Employer, Some(id)) => Ok(id.to_string()),
        _ => Err(ApiError::Forbidden),
    }
}
