//! The outbox dispatcher: claims due messages with a lease, sends, records the outcome.
use std::{sync::Arc, time::Duration};

use chrono::TimeDelta;
use tokio::sync::watch;

use crate::{
    db::models::outbox,
    error::ApiResult,
    services::now,
    sms::{
        SmsKind,
        providers::{SendError, SmsProvider},
    },
    state::AppState,
};

const BATCH: i64 = 50;
const LEASE: TimeDelta = TimeDelta::seconds(60);
const MAX_ATTEMPTS: i32 = 5;

pub async fn run(
    state: Arc<AppState>,
    provider: Box<dyn SmsProvider>,
    mut stop: watch::Receiver<bool>,
) {
    let poll = Duration::from_millis(state.config.outbox_poll_ms);
    let worker = uuid::Uuid::new_v4().to_string();
    tracing::info!(provider = provider.name(), "outbox dispatcher started");
    while !*stop.borrow() {
        match dispatch_once(&state, provider.as_ref(), &worker).await {
            Ok(n) if n as i64 == BATCH => continue,
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "outbox dispatch failed; will retry"),
        }
        tokio::select! {
            _ = tokio::time::sleep(poll) => {}
            _ = stop.changed() => {}
        }
    }
    tracing::info!("outbox dispatcher stopped");
}

/// One pass: expire stale rows, claim a batch, send each. Returns how many were claimed.
pub async fn dispatch_once(
    state: &AppState,
    provider: &dyn SmsProvider,
    worker: &str,
) -> ApiResult<usize> {
    let token = format!("{worker}:{}", uuid::Uuid::now_v7());
    let claim_token = token.clone();
    let batch = state
        .db
        .run(move |conn| {
            let now = now();
            outbox::expire_overdue(conn, now)?;
            Ok(outbox::claim_due(
                conn,
                now,
                now + LEASE,
                BATCH,
                &claim_token,
            )?)
        })
        .await?;
    let claimed = batch.len();
    for message in batch {
        let outcome = provider.send(&message).await;
        let token = token.clone();
        let name = provider.name();
        state
            .db
            .run(move |conn| {
                let now = now();
                match outcome {
                    Ok(provider_id) => {
                        let marked = outbox::mark_sent(
                            conn,
                            &message.id,
                            &token,
                            name,
                            provider_id.as_deref(),
                            now,
                        )?;
                        // A sign-in code is not kept once it is on its way.
                        if message.kind == SmsKind::Otp.as_str() {
                            outbox::redact(conn, &message.id)?;
                        }
                        marked
                    }
                    Err(SendError::Temporary(e)) if message.attempts + 1 < MAX_ATTEMPTS => {
                        let backoff = TimeDelta::seconds(30 * 2i64.pow(message.attempts as u32));
                        outbox::mark_attempt_failed(
                            conn,
                            &message.id,
                            &token,
                            &e,
                            Some(now + backoff),
                            now,
                        )?
                    }
                    Err(SendError::Temporary(e) | SendError::Permanent(e)) => {
                        outbox::mark_attempt_failed(conn, &message.id, &token, &e, None, now)?
                    }
                };
                Ok(())
            })
            .await?;
    }
    Ok(claimed)
}
