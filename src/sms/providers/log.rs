use async_trait::async_trait;

use super::{SendError, SmsProvider};
use crate::db::models::outbox::Outgoing;

/// Writes each message to the log instead of a phone network: the embedded default,
/// so a developer can sign in from the log.
pub struct LogProvider;

#[async_trait]
impl SmsProvider for LogProvider {
    fn name(&self) -> &'static str {
        "log"
    }

    async fn send(&self, m: &Outgoing) -> Result<Option<String>, SendError> {
        tracing::info!(
            target: "cuakhau::sms",
            id = %m.id,
            to = %m.recipient,
            kind = %m.kind,
            text = %m.body,
            "SMS (log provider)"
        );
        Ok(Some(format!("log-{}", m.id)))
    }
}
