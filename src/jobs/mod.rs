//! Background loops. They claim work with leases, so any number of replicas may run them.
pub mod outbox;
pub mod reminders;

use std::sync::Arc;

use tokio::sync::watch;

use crate::state::AppState;

/// Runs every loop until `stop` turns true.
pub async fn run_all(state: Arc<AppState>, stop: watch::Receiver<bool>) -> anyhow::Result<()> {
    let provider = crate::sms::providers::from_config(&state.config.sms)?;
    let reminders = tokio::spawn(reminders::run(state.clone(), stop.clone()));
    outbox::run(state, provider, stop).await;
    reminders.await?;
    Ok(())
}
