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
    use crate::{db::models::outbox, metrics::Gauge};
    let read = state
        .db
        .run(|conn| Ok((outbox::count_by_state(conn)?, outbox::oldest_queued(conn)?)))
        .await;
    let mut gauges = Vec::new();
    match read {
        Ok((by_state, oldest)) => {
            let mut samples: Vec<(String, f64)> = [
                "queued",
                "sending",
                "sent",
                "delivered",
                "failed",
                "expired",
                "skipped_opted_out",
            ]
            .iter()
            .map(|s| (format!("{{state=\"{s}\"}}"), 0.0))
            .collect();
            for (s, n) in by_state {
                match samples
                    .iter_mut()
                    .find(|(label, _)| label.contains(&format!("\"{s}\"")))
                {
                    Some(sample) => sample.1 = n as f64,
                    None => samples.push((format!("{{state=\"{s}\"}}"), n as f64)),
                }
            }
            gauges.push(Gauge {
                name: "cuakhau_outbox_messages",
                help: "SMS in the outbox by state.",
                samples,
            });
            let age = oldest.map_or(0.0, |t| {
                (crate::services::now() - t).num_milliseconds().max(0) as f64 / 1000.0
            });
            gauges.push(Gauge {
                name: "cuakhau_outbox_oldest_queued_seconds",
                help: "Age of the oldest queued SMS.",
                samples: vec![(String::new(), age)],
            });
        }
        Err(e) => tracing::warn!(error = %e, "outbox metrics unavailable"),
    }
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(state.metrics.render(&gauges))
}
