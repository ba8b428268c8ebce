//! What every request handler and background loop shares.
use std::sync::Arc;

use crate::{
    config::Config,
    db::Db,
    kv::Kv,
    metrics::Metrics,
    services::{
        account_cache::AccountCache, delivery_reports::DeliveryReports,
        guidance_cache::GuidanceCache, status_cache::StatusCache, tokens::TokenKeys,
    },
};

pub struct AppState {
    pub config: Arc<Config>,
    pub db: Db,
    pub kv: Kv,
    pub tokens: TokenKeys,
    pub metrics: Metrics,
    pub status_cache: StatusCache,
    pub guidance_cache: Arc<GuidanceCache>,
    pub account_cache: AccountCache,
    pub delivery_reports: DeliveryReports,
}
