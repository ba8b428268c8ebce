//! The reminder loop: plan, then send what is due (and expire vacancies past their end). Safe on any number of replicas: plans
//! are unique per (paper, expiry, offset) and a reminder is marked and queued in one
//! transaction.
use std::{sync::Arc, time::Duration};

use tokio::sync::watch;

use crate::{services::reminders, state::AppState};

pub async fn run(state: Arc<AppState>, mut stop: watch::Receiver<bool>) {
    let every = Duration::from_secs(state.config.reminders_poll_secs.max(1));
    tracing::info!("reminder loop started");
    while !*stop.borrow() {
        let (rules, settings) = (state.config.reminders.clone(), state.config.sms.clone());
        let paper_rules = state.config.papers.clone();
        let pass = state
            .db
            .run(move |conn| {
                let now = chrono::Utc::now();
                let planned = reminders::plan(conn, now, &rules)?;
                crate::services::jobs::expire(
                    conn,
                    crate::services::status::today_in("Asia/Shanghai"),
                )?;
                reminders::send_digests(conn, now, &rules, &paper_rules, &settings)?;
                Ok((
                    planned,
                    reminders::send_due(conn, now, &rules, &paper_rules, &settings)?,
                ))
            })
            .await;
        match pass {
            Ok((planned, sent)) if planned > 0 || sent.sent > 0 => {
                tracing::info!(planned, ?sent, "reminders")
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "reminder pass failed; will retry"),
        }
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = stop.changed() => {}
        }
    }
}
