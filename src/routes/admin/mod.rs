//! Administration: staff accounts.
mod create_user;
mod get_user;

use crate::{route, routes::Route};

pub fn routes() -> Vec<Route> {
    vec![
        route!(POST "/v1/admin/users" => create_user::handler),
        route!(GET "/v1/admin/users/{id}" => get_user::handler),
    ]
}
