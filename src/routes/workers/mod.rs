//! Staff work on workers: find them, record their papers, read their status.
mod find;
mod record_paper;
mod status;

use crate::{route, routes::Route};

pub fn routes() -> Vec<Route> {
    vec![
        route!(GET "/v1/workers" => find::handler),
        route!(POST "/v1/workers/{id}/papers" => record_paper::handler),
        route!(GET "/v1/workers/{id}/status" => status::handler),
    ]
}
