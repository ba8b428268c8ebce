//! Delivery reports, written in groups. A provider sends reports in bursts and several at
//! a time (Kannel: two per message, beside the dispatcher's own writes); one
//! transaction each made every report wait behind the others' commits. Each report
//! joins a shared queue and then waits for a turn to write; whoever gets the turn
//! writes everything queued in one transaction and answers each report's waiter, so a
//! burst of reports costs a few commits, not one each. A report is answered only after
//! the transaction that holds it has committed.
use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;

use crate::{
    db::{Db, DbConnection, models::outbox},
    error::{ApiError, ApiResult},
    services::now,
};

/// One report, naming the message by our id or by the provider's.
#[derive(Debug, Clone)]
pub struct Report {
    pub id: Option<String>,
    pub provider_id: Option<String>,
    pub delivered: bool,
    pub reason: Option<String>,
}

/// The message a report was about, after it was applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub id: String,
    pub state: String,
}

/// `None`: no such message. `Err`: the group's transaction failed (logged once).
type Answer = Result<Option<Applied>, ()>;
type Queue = Arc<Mutex<Vec<(Report, oneshot::Sender<Answer>)>>>;

/// Most reports in one transaction; the rest wait for the next turn.
const MOST: usize = 256;

#[derive(Default)]
pub struct DeliveryReports {
    queue: Queue,
}

impl DeliveryReports {
    /// Applies `report` (with whatever else is queued) and says which message it was.
    pub async fn apply(&self, db: &Db, report: Report) -> ApiResult<Option<Applied>> {
        let (answer, mut answered) = oneshot::channel();
        lock(&self.queue).push((report, answer));
        let queue = self.queue.clone();
        let turn = db.write(move |conn| {
            write_queued(conn, &queue);
            Ok(())
        });
        tokio::select! {
            biased;
            // Another report's turn wrote this one.
            got = &mut answered => return unpack(got),
            done = turn => done?,
        }
        unpack(answered.await)
    }
}

fn unpack(got: Result<Answer, oneshot::error::RecvError>) -> ApiResult<Option<Applied>> {
    match got {
        Ok(Ok(applied)) => Ok(applied),
        _ => Err(ApiError::DatabaseUnavailable(
            "delivery report not written".into(),
        )),
    }
}

fn lock(queue: &Queue) -> std::sync::MutexGuard<'_, Vec<(Report, oneshot::Sender<Answer>)>> {
    queue.lock().unwrap_or_else(|p| p.into_inner())
}

/// Takes what is queued (at most MOST) and writes it in one transaction.
fn write_queued(conn: &mut DbConnection, queue: &Queue) {
    let group: Vec<_> = {
        let mut queued = lock(queue);
        let n = queued.len().min(MOST);
        queued.drain(..n).collect()
    };
    if group.is_empty() {
        return;
    }
    let (reports, answers): (Vec<Report>, Vec<_>) = group.into_iter().unzip();
    let written = crate::db::write_transaction(conn, |conn| {
        let now = now();
        reports
            .iter()
            .map(|r| {
                let id = match (&r.id, &r.provider_id) {
                    (Some(id), _) => Some(id.clone()),
                    (None, Some(p)) => outbox::id_for_provider_id(conn, p)?,
                    (None, None) => None,
                };
                let Some(id) = id else { return Ok(None) };
                let state =
                    outbox::record_delivery(conn, &id, r.delivered, r.reason.as_deref(), now)?;
                Ok(state.map(|state| Applied { id, state }))
            })
            .collect::<ApiResult<Vec<_>>>()
    });
    match written {
        Ok(applied) => {
            for (answer, applied) in answers.into_iter().zip(applied) {
                let _ = answer.send(Ok(applied));
            }
        }
        Err(e) => {
            tracing::error!(error = %e, reports = answers.len(), "delivery reports not written");
            for answer in answers {
                let _ = answer.send(Err(()));
            }
        }
    }
}
