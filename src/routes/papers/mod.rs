//! Changes to a recorded paper: renewal and revocation.
mod renew;
mod revoke;

use crate::{route, routes::Route};

pub fn routes() -> Vec<Route> {
    vec![
        route!(POST "/v1/papers/{id}/renewals" => renew::handler),
        route!(POST "/v1/papers/{id}/revocation" => revoke::handler),
    ]
}
