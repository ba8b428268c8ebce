//! cuakhau: keeps Vietnamese border residents working legally in Guangxi.
//!
//! One core (`domain` rules, `services` use cases) behind three channels: REST, SMS
//! (keywords in, Vietnamese texts out) and, next, USSD. Storage is `db` (SQLite or
//! PostgreSQL); shared ephemeral state is `kv` (in-process or Redis).
pub mod commands;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod extractors;
pub mod i18n;
pub mod jobs;
pub mod kv;
pub mod metrics;
pub mod middleware;
pub mod routes;
pub mod services;
pub mod sms;
pub mod startup;
pub mod state;
pub mod telemetry;
#[cfg(test)]
pub(crate) mod test_support;
pub mod views;

/// The contract, as served by `cuakhau openapi`.
pub const OPENAPI: &str = include_str!("../openapi.yaml");
