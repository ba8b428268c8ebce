//! Row types and their queries, one file per table.
pub mod centres;
pub mod outbox;
pub mod refresh_tokens;
pub mod users;
