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
/// method answers 405 rather than 404. Paths that share their first two segments
/// (`/v1/ussd/…`) sit in one scope: the router tries each scope's prefix and then only
/// that scope's paths, not every path of the table in turn (a request for the last
/// path of the table had tested some sixty others first).
pub fn configure(cfg: &mut web::ServiceConfig) {
    let routes = table();
    let mut groups: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
    for r in &routes {
        let prefix = scope_of(r.path);
        match groups.iter_mut().find(|(p, _)| *p == prefix) {
            Some((_, paths)) if paths.contains(&r.path) => {}
            Some((_, paths)) => paths.push(r.path),
            None => groups.push((prefix, vec![r.path])),
        }
    }
    for (prefix, paths) in groups {
        if paths.len() == 1 {
            cfg.service(resource(&routes, paths[0], paths[0]));
            continue;
        }
        let scope = paths.iter().fold(web::scope(prefix), |scope, path| {
            scope.service(resource(&routes, path, &path[prefix.len()..]))
        });
        cfg.service(scope);
    }
}

/// The first two segments of a path: `/v1/workers/{id}` → `/v1/workers`.
fn scope_of(path: &'static str) -> &'static str {
    let end = path
        .match_indices('/')
        .nth(2)
        .map_or(path.len(), |(i, _)| i);
    &path[..end]
}

/// The resource for `path` (registered as `rest` within its scope), with every
/// method the table serves there and a 405 naming them for any other.
fn resource(routes: &[Route], path: &str, rest: &str) -> Resource {
    let served: Vec<&Route> = routes.iter().filter(|r| r.path == path).collect();
    let allow = served
        .iter()
        .map(|r| r.method.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    served
        .iter()
        .fold(web::resource(rest), |res, r| (r.add)(res))
        .default_service(crate::middleware::method_not_allowed(allow))
}

#[cfg(test)]
mod tests {
    use super::scope_of;

    #[test]
    fn scopes_are_the_first_two_segments() {
        assert_eq!(scope_of("/v1/workers/{id}/papers"), "/v1/workers");
        assert_eq!(scope_of("/v1/me"), "/v1/me");
        assert_eq!(scope_of("/health/live"), "/health/live");
        assert_eq!(scope_of("/metrics"), "/metrics");
    }
}
