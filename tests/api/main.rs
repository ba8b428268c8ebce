//! API tests: one binary, a real server per test on port 0, a fresh database per test
//! (SQLite file, or a PostgreSQL database when TEST_DATABASE_URL is set) and Redis when
//! TEST_REDIS_URL is set.
mod admin;
mod applications;
mod auth;
mod bad_input;
mod cli;
mod delivery_reports;
mod errors;
mod exit;
mod fake_provider;
mod health;
mod helpers;
mod jobs;
mod kannel;
mod migrations;
mod openapi;
mod outbox;
mod papers;
mod profile;
mod redis_outage;
mod registry;
mod reminders;
mod reports;
mod security;
mod sms;
mod statistics;
mod status_cache;
mod tokens;
mod ussd;
