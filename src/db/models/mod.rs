//! Row types and their queries, one file per table (or pair of close tables).
pub mod agencies;
pub mod applications;
pub mod audit;
pub mod centres;
pub mod employers;
pub mod guidance;
pub mod inbound;
pub mod jobs;
pub mod outbox;
pub mod papers;
pub mod refresh_tokens;
pub mod reminders;
pub mod reports;
pub mod statistics;
pub mod users;
