//! The outbox dispatcher: claims due messages with a lease, sends, records the outcome.
use std::{sync::Arc, time::Duration};

use chrono::TimeDelta;
use futures_util::{StreamExt, stream};
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

const BATCH: i64 = 200;
/// Most outcomes written in one transaction (see `dispatch_once`).
const RECORD_EVERY: usize = 32;

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

/// Exponential backoff from 30 s, doubling per attempt, capped at an hour, with up to
/// 50 % random jitter so retries of many messages do not arrive together.
pub fn backoff(attempts: i32) -> TimeDelta {
    let base = 30i64.saturating_mul(1i64 << attempts.clamp(0, 7)).min(3600);
    TimeDelta::seconds(base + rand::random_range(0..=base / 2))
}

/// How long a claim lasts: a minute more than the slowest batch could take (every
/// request timing out, at the configured concurrency and pace), so a live dispatcher
/// never loses its rows to another.
pub fn lease_for(s: &crate::config::SmsSettings) -> TimeDelta {
    let rounds = BATCH / s.concurrency.max(1) as i64 + 1;
    let pacing_ms = BATCH * 1000 / i64::from(s.rate_per_second.max(1));
    TimeDelta::seconds(60) + TimeDelta::milliseconds(rounds * s.timeout_ms as i64 + pacing_ms)
}

type Outcome = (outbox::OutboundRow, Result<Option<String>, SendError>);

/// Records what the provider said about some messages of a batch, in one transaction.
fn record(
    conn: &mut crate::db::DbConnection,
    outcomes: Vec<Outcome>,
    token: &str,
    provider: &str,
    max_attempts: i32,
) -> ApiResult<()> {
    crate::db::write_transaction(conn, |conn| {
        let now = now();
        // Accepted without a provider id (Kannel): one statement for all of them.
        let plain: Vec<String> = outcomes
            .iter()
            .filter(|(m, o)| matches!(o, Ok(None)) && m.kind != SmsKind::Otp.as_str())
            .map(|(m, _)| m.id.clone())
            .collect();
        outbox::mark_sent_many(conn, &plain, token, provider, now)?;
        for (message, outcome) in outcomes {
            match outcome {
                Ok(None) if message.kind != SmsKind::Otp.as_str() => {}
                Ok(provider_id) => {
                    outbox::mark_sent(
                        conn,
                        &message.id,
                        token,
                        provider,
                        provider_id.as_deref(),
                        now,
                    )?;
                    // A sign-in code is not kept once it is on its way.
                    if message.kind == SmsKind::Otp.as_str() {
                        outbox::redact(conn, &message.id)?;
                    }
                }
                Err(SendError::Temporary(e)) if message.attempts + 1 < max_attempts => {
                    let retry_at = now + backoff(message.attempts);
                    outbox::mark_attempt_failed(conn, &message.id, token, &e, Some(retry_at), now)?;
                }
                Err(SendError::Temporary(e) | SendError::Permanent(e)) => {
                    tracing::warn!(id = %message.id, error = %e, "SMS failed for good");
                    outbox::mark_attempt_failed(conn, &message.id, token, &e, None, now)?;
                    if message.kind == SmsKind::Otp.as_str() {
                        outbox::redact(conn, &message.id)?;
                    }
                }
            }
        }
        Ok(())
    })
}

/// One pass: expire stale rows, claim a batch, send each. Returns how many were claimed.
pub async fn dispatch_once(
    state: &AppState,
    provider: &dyn SmsProvider,
    worker: &str,
) -> ApiResult<usize> {
    let token = format!("{worker}:{}", uuid::Uuid::now_v7());
    let claim_token = token.clone();
    let lease = lease_for(&state.config.sms);
    let (stale, batch) = state
        .db
        .run(move |conn| {
            let now = now();
            outbox::expire_overdue(conn, now)?;
            let stale = outbox::count_stale_sending(conn, now)?;
            Ok((
                stale,
                outbox::claim_due(conn, now, now + lease, BATCH, &claim_token)?,
            ))
        })
        .await?;
    for _ in 0..stale {
        // Rows whose dispatcher died mid-send: the window in which a crash can duplicate.
        state
            .metrics
            .count("cuakhau_sms_dispatched_total", "reclaimed_after_crash");
    }
    let claimed = batch.len();
    let max_attempts = state.config.sms.max_attempts;
    let pace = Duration::from_secs_f64(1.0 / f64::from(state.config.sms.rate_per_second));
    let concurrency = state.config.sms.concurrency.max(1);
    let started = tokio::time::Instant::now();
    let name = provider.name();
    // Up to `concurrency` messages in flight; the i-th starts no earlier than i / rate.
    // Outcomes go to a writer running alongside, which writes whatever has arrived (at
    // most RECORD_EVERY) in one transaction while the sends go on — a send never waits
    // for a write, a write never for a send. A crash between the provider's answers and
    // their write leaves those rows `sending`, to be sent again once the lease runs out
    // (counted as `reclaimed_after_crash`): the in-flight messages, one answer waiting
    // for room in the queue, the queue (RECORD_EVERY) and the chunk being written — not
    // the whole batch. A failed write ends the pass at once: the sends still going are
    // dropped, so nothing more goes out whose outcome could not be written.
    let (answered, mut to_write) = tokio::sync::mpsc::channel::<Outcome>(RECORD_EVERY);
    let sends = async move {
        let mut answers = stream::iter(batch.into_iter().enumerate())
            .map(|(i, message)| async move {
                tokio::time::sleep_until(started + pace.mul_f64(i as f64)).await;
                let outcome = provider.send(&message).await;
                (message, outcome)
            })
            .buffer_unordered(concurrency);
        while let Some(outcome) = answers.next().await {
            if answered.send(outcome).await.is_err() {
                break; // the writer has ended; its error is the pass's
            }
        }
        ApiResult::Ok(())
    };
    let writes = async move {
        let mut chunk = Vec::with_capacity(RECORD_EVERY);
        while to_write.recv_many(&mut chunk, RECORD_EVERY).await > 0 {
            let outcomes = std::mem::take(&mut chunk);
            for (message, outcome) in &outcomes {
                let label = match outcome {
                    Ok(_) => "sent",
                    Err(SendError::Temporary(_)) if message.attempts + 1 < max_attempts => "retry",
                    Err(_) => "failed",
                };
                state.metrics.count("cuakhau_sms_dispatched_total", label);
            }
            let token = token.clone();
            state
                .db
                .run(move |conn| record(conn, outcomes, &token, name, max_attempts))
                .await?;
        }
        ApiResult::Ok(())
    };
    tokio::try_join!(sends, writes)?;
    Ok(claimed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lease_outlasts_a_batch_of_timeouts() {
        let s = crate::config::SmsSettings {
            timeout_ms: 5000,
            concurrency: 8,
            rate_per_second: 50,
            ..Default::default()
        };
        // 200 messages, 8 at a time, all timing out after 5 s: 26 rounds = 130 s, plus 4 s
        // of pacing at 50/s.
        assert_eq!(lease_for(&s), TimeDelta::seconds(60 + 130 + 4));
    }

    #[test]
    fn backoff_grows_is_capped_and_jittered() {
        for _ in 0..50 {
            let first = backoff(0).num_seconds();
            assert!((30..=45).contains(&first), "{first}");
            let third = backoff(2).num_seconds();
            assert!((120..=180).contains(&third), "{third}");
            let late = backoff(30).num_seconds();
            assert!((3600..=5400).contains(&late), "{late}");
        }
    }
}
