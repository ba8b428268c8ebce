//! Use cases: each combines domain rules with storage, and is called by every channel.
pub mod access;
pub mod account_cache;
pub mod accounts;
pub mod agencies;
pub mod applications;
pub mod audit;
pub mod auth;
pub mod delivery_reports;
pub mod demo;
pub mod demo_jobs;
pub mod demo_registry;
pub mod employer;
pub mod guidance;
pub mod guidance_cache;
pub mod job_applications;
pub mod jobs;
pub mod messages;
pub mod papers;
pub mod passwords;
pub mod rate_limit;
pub mod reminders;
pub mod reports;
pub mod scale;
pub mod sessions;
pub mod sms_inbound;
pub mod statistics;
pub mod status;
pub mod status_cache;
pub mod tokens;
pub mod ussd;
pub mod versioned_cache;

/// The current time as stored in the database (UTC, no zone).
pub fn now() -> chrono::NaiveDateTime {
    chrono::Utc::now().naive_utc()
}
