//! Building and running the application: used by `main` and by the tests (port 0).
use std::{net::TcpListener, sync::Arc, time::Duration};

use actix_web::{App, HttpServer, dev::Server, middleware::from_fn, web};
use tokio::sync::watch;
use tracing_actix_web::TracingLogger;

use crate::{
    config::Config,
    db::Db,
    kv,
    metrics::Metrics,
    middleware, routes,
    services::{demo, tokens},
    state::AppState,
};

/// Largest accepted request body.
pub const BODY_LIMIT: usize = 64 * 1024;

/// Opens storage, applies migrations and loads demo data when configured.
pub fn build_state(config: Config) -> anyhow::Result<Arc<AppState>> {
    let db = Db::connect(&config.database_url, config.database_pool_size)?;
    let applied = db.migrate()?;
    if !applied.is_empty() {
        tracing::info!(?applied, "migrations applied");
    }
    if config.demo_data_enabled() {
        let added = db.run_sync(demo::seed)?;
        if added > 0 {
            tracing::info!(added, "demo data loaded (see README for the demo accounts)");
        }
    }
    let kv = kv::from_config(config.redis_url.as_deref(), &config.kv_prefix)?;
    let secret = match &config.jwt_secret {
        Some(s) => s.as_bytes().to_vec(),
        None => {
            tracing::warn!(
                "no CUAKHAU_JWT_SECRET: using a random one; tokens end with this process"
            );
            tokens::dev_secret()
        }
    };
    let tokens = tokens::TokenKeys::new(&secret, Duration::from_secs(config.access_token_ttl_secs));
    Ok(Arc::new(AppState {
        config: Arc::new(config),
        db,
        kv,
        tokens,
        metrics: Metrics::default(),
        status_cache: Default::default(),
        guidance_cache: std::sync::Arc::new(crate::services::guidance_cache::new()),
        account_cache: crate::services::account_cache::new(),
        delivery_reports: Default::default(),
    }))
}

pub struct Application {
    port: u16,
    server: Server,
    state: Arc<AppState>,
}

impl Application {
    pub async fn build(config: Config) -> anyhow::Result<Application> {
        let listener = TcpListener::bind((config.host.as_str(), config.port))?;
        let state = actix_web::rt::task::spawn_blocking(move || build_state(config)).await??;
        let port = listener.local_addr()?.port();
        let data = web::Data::from(state.clone());
        let server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .app_data(web::PayloadConfig::default().limit(BODY_LIMIT))
                .app_data(web::QueryConfig::default().error_handler(|e, _| {
                    tracing::debug!(error = %e, "bad query string");
                    crate::error::ApiError::field("query", "invalid_value").into()
                }))
                .wrap(from_fn(middleware::localize_errors))
                .wrap(middleware::security_headers())
                .wrap(from_fn(middleware::record_metrics))
                .wrap(TracingLogger::<crate::telemetry::RequestSpan>::new())
                .configure(routes::configure)
                .default_service(web::to(middleware::not_found))
        })
        .listen(listener)?
        .shutdown_timeout(20)
        .run();
        Ok(Application {
            port,
            server,
            state,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn state(&self) -> Arc<AppState> {
        self.state.clone()
    }

    /// Serves until SIGTERM/SIGINT (graceful: in-flight requests finish), running the
    /// background loops alongside when configured.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        let (stop_tx, stop_rx) = watch::channel(false);
        let jobs = self
            .state
            .config
            .run_jobs
            .then(|| tokio::spawn(crate::jobs::run_all(self.state.clone(), stop_rx)));
        let served = self.server.await;
        let _ = stop_tx.send(true);
        if let Some(jobs) = jobs {
            jobs.await??;
        }
        Ok(served?)
    }
}
