//! Helpers for unit tests that need application state but no real storage.
use std::{sync::Arc, time::Duration};

use crate::{
    config::Config, db::Db, kv::MemoryKv, metrics::Metrics, services::tokens::TokenKeys,
    state::AppState,
};

/// State over an in-memory SQLite database (not migrated) and the in-process store.
pub fn state_with(config: Config) -> Arc<AppState> {
    Arc::new(AppState {
        db: Db::connect(":memory:", 1).expect("in-memory SQLite"),
        kv: Arc::new(MemoryKv::new("unit:")),
        tokens: TokenKeys::new(
            b"unit-test-secret-unit-test-secret",
            Duration::from_secs(900),
        ),
        metrics: Metrics::default(),
        status_cache: Default::default(),
        guidance_cache: std::sync::Arc::new(crate::services::guidance_cache::new()),
        account_cache: crate::services::account_cache::new(),
        delivery_reports: Default::default(),
        config: Arc::new(config),
    })
}
