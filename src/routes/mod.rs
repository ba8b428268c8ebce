//! The route table: every (method, path) the server serves, in one list. The server is
//! built from it and the OpenAPI test compares it with `openapi.yaml`.
pub mod admin;
pub mod agencies;
pub mod applications;
pub mod audit;
pub mod auth;
pub mod employer;
pub mod employers;
pub mod guidance;
pub mod health;
pub mod jobs;
pub mod me;
pub mod papers;
pub mod reminders;
pub mod reports;
pub mod sms;
pub mod statistics;
pub mod status_check;
pub mod ussd;
pub mod workers;

use actix_web::{Resource, http::Method, web};

/// One route: its method, its path (OpenAPI syntax) and how to add its handler.
pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub add: fn(Resource) -> Resource,
}

/// `route!(GET "/v1/me" => me::get::handler)`
#[macro_export]
macro_rules! route {
    ($method:ident $path:literal => $handler:path) => {
        $crate::routes::Route {
            method: actix_web::http::Method::$method,
            path: $path,
            add: |r| r.route(actix_web::web::method(actix_web::http::Method::$method).to($handler)),
        }
    };
}

pub fn table() -> Vec<Route> {
    [
        health::routes(),
        auth::routes(),
        me::routes(),
        admin::routes(),
        workers::routes(),
        employers::routes(),
        papers::routes(),
        employer::routes(),
        status_check::routes(),
        audit::routes(),
        applications::routes(),
        sms::routes(),
        reminders::routes(),
        guidance::routes(),
        agencies::routes(),
        reports::routes(),
        statistics::routes(),
        jobs::routes(),
        ussd::routes(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Registers every route, one resource per path, so a known path with an unknown
/// method answers 405 rather than 404.
pub fn configure(cfg: &mut web::ServiceConfig) {
    let routes = table();
    let mut paths: Vec<&'static str> = Vec::new();
    for r in &routes {
        if !paths.contains(&r.path) {
            paths.push(r.path);
        }
    }
    for path in paths {
        let served: Vec<&Route> = routes.iter().filter(|r| r.path == path).collect();
        let allow = served
            .iter()
            .map(|r| r.method.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let resource = served
            .iter()
            .fold(web::resource(path), |res, r| (r.add)(res))
            .default_service(crate::middleware::method_not_allowed(allow));
        cfg.service(resource);
    }
}
