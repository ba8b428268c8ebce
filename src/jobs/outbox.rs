//! The outbox dispatcher: claims due messages with a lease, sends, records the outcome.
use std::{sync::Arc, time::Duration};

use chrono::TimeDelta;
use futures_util::{StreamExt, stream};
use tokio::sync::{mpsc, watch};

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

/// The runtime timer's resolution.
const TIMER_TICK: Duration = Duration::from_millis(1);
/// Rows claimed at a time.
pub const BATCH: i64 = 200;
/// Most outcomes written in one transaction (see `pipeline`).
const RECORD_EVERY: usize = 32;
/// How long the writer waits for more answers before it writes what it has. Each write
/// is a hand-off to a blocking thread and a commit, whose cost is mostly fixed: at the
/// 2–4 k msg/s Kannel takes here, 3 ms gathered 8–12 answers a write and the writes took
/// 46 µs of CPU per message; 15 ms fills most chunks (28 µs). A row's `sent` mark is
/// that much later. The crash window's bound is unchanged (see `pipeline`), but at
/// moderate rates more of it is used.
const GATHER: Duration = Duration::from_millis(15);

pub async fn run(
    state: Arc<AppState>,
    provider: Box<dyn SmsProvider>,
    mut stop: watch::Receiver<bool>,
) {
    let poll = Duration::from_millis(state.config.outbox_poll_ms);
    let worker = uuid::Uuid::new_v4().to_string();
    tracing::info!(provider = provider.name(), "outbox dispatcher started");
    while !*stop.borrow() {
        // Runs until stopped; it ends early only when an outcome could not be written.
        if let Err(e) = pipeline(&state, provider.as_ref(), &worker, Some(stop.clone())).await {
            tracing::warn!(error = %e, "outbox dispatch failed; will retry");
            tokio::select! {
                _ = tokio::time::sleep(poll) => {}
                _ = stop.changed() => {}
            }
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
    // A batch is claimed while rows of the one before are still queued (`queue_for`) and
    // in flight (`concurrency`): its last row waits for those too.
    let concurrency = s.concurrency.max(1) as i64;
    let ahead = BATCH + queue_for(s) as i64 + concurrency;
    let rounds = ahead / concurrency + 1;
    let pacing_ms = ahead * 1000 / i64::from(s.rate_per_second.max(1));
    TimeDelta::seconds(60) + TimeDelta::milliseconds(rounds * s.timeout_ms as i64 + pacing_ms)
}

/// Claimed rows waiting for a send: enough that the next claim is done before they are.
fn queue_for(s: &crate::config::SmsSettings) -> usize {
    s.concurrency.max(64)
}

type Outcome = (outbox::Outgoing, Result<Option<String>, SendError>);

/// Records what the provider said about some claimed messages, in one transaction. Each
/// mark is checked against the claim token the row was claimed with.
fn record(
    conn: &mut crate::db::DbConnection,
    outcomes: Vec<Outcome>,
    provider: &str,
    max_attempts: i32,
) -> ApiResult<()> {
    crate::db::write_transaction(conn, |conn| {
        let now = now();
        // Accepted without a provider id (Kannel): one statement per claim for all of
        // them (a chunk rarely spans more than two claims).
        let mut plain: Vec<(String, Vec<String>)> = Vec::new();
        for (m, _) in outcomes
            .iter()
            .filter(|(m, o)| matches!(o, Ok(None)) && m.kind != SmsKind::Otp.as_str())
        {
            match plain.iter_mut().find(|(t, _)| *t == m.claim_token) {
                Some((_, ids)) => ids.push(m.id.clone()),
                None => plain.push((m.claim_token.clone(), vec![m.id.clone()])),
            }
        }
        for (claim, ids) in &plain {
            outbox::mark_sent_many(conn, ids, claim, provider, now)?;
        }
        for (message, outcome) in outcomes {
            let token = &message.claim_token;
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

/// One pass: expire stale rows, claim one batch, send each, record the outcomes. Returns
/// how many were claimed. `run` does the same without stopping between batches.
pub async fn dispatch_once(
    state: &AppState,
    provider: &dyn SmsProvider,
    worker: &str,
) -> ApiResult<usize> {
    pipeline(state, provider, worker, None).await
}

/// Three stages joined by bounded queues: claims (one batch after another, until `stop`
/// turns true; a single batch without `stop`), sends (at most `concurrency` in flight,
/// paced to `rate_per_second`) and outcome writes (whatever has arrived, at most
/// RECORD_EVERY per transaction).
///
/// The next batch is claimed as soon as the last row of the previous one is queued for
/// sending, so sends never drain to one in flight between batches — a provider that
/// answers a lone request late (Kannel takes ~40 ms, the delayed-ACK timer) no longer
/// stalls every batch. A send never waits for a write, nor a write for a send.
///
/// A crash between the provider's answers and their write leaves those rows `sending`,
/// to be sent again once the lease runs out (counted as `reclaimed_after_crash`): the
/// in-flight messages, one answer waiting for room in the queue, the queue (RECORD_EVERY)
/// and the chunk being written — not the whole batch. A failed write ends the pipeline at
/// once: the sends still going are dropped, so nothing more goes out whose outcome could
/// not be written; claimed rows not yet sent wait for their lease to run out.
async fn pipeline(
    state: &AppState,
    provider: &dyn SmsProvider,
    worker: &str,
    stop: Option<watch::Receiver<bool>>,
) -> ApiResult<usize> {
    let (to_send, claimed) = mpsc::channel::<outbox::Outgoing>(queue_for(&state.config.sms));
    let (answered, to_write) = mpsc::channel::<Outcome>(RECORD_EVERY);
    let (claims, (), ()) = tokio::try_join!(
        claim(state, worker, to_send, stop),
        send(state, provider, claimed, answered),
        write(state, provider.name(), to_write),
    )?;
    Ok(claims)
}

/// Claims batches into `to_send` until stopped (or once, without `stop`); returns how
/// many rows it claimed. Dropping `to_send` at the end lets the sends drain and finish.
async fn claim(
    state: &AppState,
    worker: &str,
    to_send: mpsc::Sender<outbox::Outgoing>,
    mut stop: Option<watch::Receiver<bool>>,
) -> ApiResult<usize> {
    let poll = Duration::from_millis(state.config.outbox_poll_ms);
    let lease = lease_for(&state.config.sms);
    let mut claimed = 0;
    loop {
        let batch = match claim_batch(state, worker, lease).await {
            Ok(batch) => batch,
            // A database blip: keep sending what is claimed, try again after a while.
            Err(e) if stop.is_some() => {
                tracing::warn!(error = %e, "outbox claim failed; will retry");
                Vec::new()
            }
            Err(e) => return Err(e),
        };
        let full = batch.len() as i64 == BATCH;
        claimed += batch.len();
        for message in batch {
            if to_send.send(message).await.is_err() {
                return Ok(claimed); // the sends have ended; their error is the pipeline's
            }
        }
        let Some(stop) = stop.as_mut() else {
            return Ok(claimed);
        };
        if *stop.borrow() {
            return Ok(claimed);
        }
        if !full {
            tokio::select! {
                _ = tokio::time::sleep(poll) => {}
                _ = stop.changed() => {}
            }
        }
    }
}

/// Expires stale rows and claims one batch under a fresh claim token.
async fn claim_batch(
    state: &AppState,
    worker: &str,
    lease: TimeDelta,
) -> ApiResult<Vec<outbox::Outgoing>> {
    let token = format!("{worker}:{}", uuid::Uuid::now_v7());
    let claimed = state
        .db
        .write(move |conn| {
            let now = now();
            outbox::expire_overdue(conn, now)?;
            Ok(outbox::claim_due(conn, now, now + lease, BATCH, &token)?)
        })
        .await?;
    for _ in 0..claimed.reclaimed {
        // Rows whose dispatcher died mid-send: the window in which a crash can duplicate.
        state
            .metrics
            .count("cuakhau_sms_dispatched_total", "reclaimed_after_crash");
    }
    Ok(claimed.rows)
}

/// Sends what is claimed, `concurrency` at a time, each no earlier than one interval of
/// the provider's rate after the one before.
async fn send(
    state: &AppState,
    provider: &dyn SmsProvider,
    claimed: mpsc::Receiver<outbox::Outgoing>,
    answered: mpsc::Sender<Outcome>,
) -> ApiResult<()> {
    let mut pacer = Pacer::new(
        state.config.sms.rate_per_second,
        tokio::time::Instant::now(),
    );
    let answers = stream::unfold(claimed, |mut claimed| async move {
        claimed.recv().await.map(|message| (message, claimed))
    })
    .map(|message| {
        // Slots are taken in claim order when a send can start.
        let slot = pacer.take(tokio::time::Instant::now());
        async move {
            if let Some(slot) = slot {
                tokio::time::sleep_until(slot).await;
            }
            let outcome = provider.send(&message).await;
            (message, outcome)
        }
    })
    .buffer_unordered(state.config.sms.concurrency.max(1));
    let mut answers = std::pin::pin!(answers);
    while let Some(outcome) = answers.next().await {
        if answered.send(outcome).await.is_err() {
            break; // the writer has ended; its error is the pipeline's
        }
    }
    Ok(())
}

/// Spaces sends one interval of the provider's rate apart. An idle spell does not save
/// up a burst: a slot is never earlier than the moment it is taken.
struct Pacer {
    pace: Duration,
    next: tokio::time::Instant,
}

impl Pacer {
    fn new(rate_per_second: u32, now: tokio::time::Instant) -> Pacer {
        Pacer {
            pace: Duration::from_secs_f64(1.0 / f64::from(rate_per_second.max(1))),
            next: now,
        }
    }

    /// When the next send may start; `None` for now. The timer ticks every millisecond
    /// and rounds a deadline up to its next tick, so a slot less than a tick away goes
    /// now (the slots still advance: the rate holds, at most a tick's worth goes early).
    fn take(&mut self, now: tokio::time::Instant) -> Option<tokio::time::Instant> {
        let slot = self.next.max(now);
        self.next = slot + self.pace;
        (slot > now + TIMER_TICK).then_some(slot)
    }
}

/// Writes outcomes as they arrive, whatever is there (at most RECORD_EVERY) at a time.
async fn write(
    state: &AppState,
    provider: &'static str,
    mut to_write: mpsc::Receiver<Outcome>,
) -> ApiResult<()> {
    let max_attempts = state.config.sms.max_attempts;
    let mut chunk = Vec::with_capacity(RECORD_EVERY);
    while to_write.recv_many(&mut chunk, RECORD_EVERY).await > 0 {
        // Answers come one by one; gather for a moment so that one transaction (one
        // hand-off to a blocking thread, one commit) writes many of them, not two or
        // three. The answers not yet written stay within RECORD_EVERY all the same.
        let gather_until = tokio::time::Instant::now() + GATHER;
        while chunk.len() < RECORD_EVERY {
            let room = RECORD_EVERY - chunk.len();
            match tokio::time::timeout_at(gather_until, to_write.recv_many(&mut chunk, room)).await
            {
                Ok(0) | Err(_) => break, // the sends have ended, or time is up
                Ok(_) => {}
            }
        }
        let outcomes = std::mem::take(&mut chunk);
        for (message, outcome) in &outcomes {
            let label = match outcome {
                Ok(_) => "sent",
                Err(SendError::Temporary(_)) if message.attempts + 1 < max_attempts => "retry",
                Err(_) => "failed",
            };
            state.metrics.count("cuakhau_sms_dispatched_total", label);
        }
        state
            .db
            .write(move |conn| record(conn, outcomes, provider, max_attempts))
            .await?;
    }
    Ok(())
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
        // 200 messages behind 64 queued and 8 in flight of the batch before, 8 at a time,
        // all timing out after 5 s: 35 rounds = 175 s, plus 5.44 s of pacing at 50/s.
        assert_eq!(
            lease_for(&s),
            TimeDelta::seconds(60 + 175) + TimeDelta::milliseconds(5440)
        );
    }

    #[test]
    fn the_pacer_spaces_sends_and_saves_up_no_burst() {
        let t0 = tokio::time::Instant::now();
        let ms = Duration::from_millis;
        let mut p = Pacer::new(50, t0);
        assert_eq!(p.take(t0), None, "the first goes at once");
        assert_eq!(p.take(t0), Some(t0 + ms(20)));
        assert_eq!(p.take(t0 + ms(5)), Some(t0 + ms(40)));
        // After a second of nothing, one goes at once and the next waits again.
        let later = t0 + ms(1000);
        assert_eq!(p.take(later), None);
        assert_eq!(p.take(later), Some(later + ms(20)));
        // Slots under a timer tick away go now; the slots still advance.
        let mut fast = Pacer::new(10_000, t0);
        let now: Vec<bool> = (0..15).map(|_| fast.take(t0).is_none()).collect();
        assert_eq!(now.iter().filter(|n| **n).count(), 11, "{now:?}");
        assert_eq!(fast.take(t0), Some(t0 + Duration::from_micros(1500)));
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
