//! Ways to hand a message to the phone network. The SMS gateway issue adds Kannel and
//! HTTP aggregators beside `log`.
mod log;

use async_trait::async_trait;

pub use self::log::LogProvider;
use crate::db::models::outbox::OutboundRow;

/// What a provider said about one message.
#[derive(Debug)]
pub enum SendError {
    /// Worth trying again later (timeout, 5xx, throttling).
    Temporary(String),
    /// Will never succeed (bad number, rejected content).
    Permanent(String),
}

#[async_trait]
pub trait SmsProvider: Send + Sync {
    fn name(&self) -> &'static str;
    /// Hands one message over; returns the provider's message id if it gives one.
    async fn send(&self, message: &OutboundRow) -> Result<Option<String>, SendError>;
}

pub fn from_config(name: &str) -> anyhow::Result<Box<dyn SmsProvider>> {
    match name {
        "log" => Ok(Box::new(LogProvider)),
        other => anyhow::bail!("unknown SMS provider {other:?}"),
    }
}
