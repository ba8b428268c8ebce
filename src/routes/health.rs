//! Liveness, readiness and metrics for operators and orchestrators.
use actix_web::{HttpResponse, web};

use crate::{route, routes::Route, state::AppState, views::HealthView};

pub fn routes() -> Vec<Route> {
    vec![
        route!(GET "/health/live" => live),
        route!(GET "/health/ready" => ready),
        route!(GET "/metrics" => metrics),
    ]
}

/// The process answers. Depends on nothing else.
async fn live() -> HttpResponse {
    HttpResponse::Ok().json(HealthView {
        status: "ok",
        database: None,
        kv: None,
    })
}

/// The database answers, and the key-value store when one is configured.
async fn ready(state: web::Data<AppState>) -> HttpResponse {
    let db_ok = state.db.ping().await.is_ok();
    let kv_ok = state.kv.ping().await.is_ok();
    let view = HealthView {
        status: if db_ok && kv_ok { "ok" } else { "unavailable" },
        database: Some(if db_ok { "ok" } else { "down" }),
        kv: Some(if kv_ok { "ok" } else { "down" }),
    };
    if db_ok && kv_ok {
        HttpResponse::Ok().json(view)
    } else {
        HttpResponse::ServiceUnavailable().json(view)
    }
}

async fn metrics(state: web::Data<AppState>) -> HttpResponse {
    let queued = state
        .db
        .run(|conn| Ok(crate::db::models::outbox::count_in_state(conn, "queued")?))
        .await
        .map(|n| n as f64)
        .unwrap_or(f64::NAN);
    let body = state.metrics.render(&[(
        "cuakhau_outbox_queued",
        "SMS waiting in the outbox.",
        queued,
    )]);
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(body)
}
