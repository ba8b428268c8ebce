//! Employers in the pilot zones, their papers and their employees.
mod add_employment;
mod create;
mod record_paper;

use crate::{route, routes::Route};

pub fn routes() -> Vec<Route> {
    vec![
        route!(POST "/v1/employers" => create::handler),
        route!(POST "/v1/employers/{id}/papers" => record_paper::handler),
        route!(POST "/v1/employers/{id}/employments" => add_employment::handler),
    ]
}
