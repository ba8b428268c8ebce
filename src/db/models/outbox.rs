//! The outbox: every outbound SMS is a row here before any provider sees it.
use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::{DbConnection, is_unique_violation, reused, schema::outbound_messages as om};

#[derive(Debug, Clone, Queryable)]
#[diesel(table_name = om)]
pub struct OutboundRow {
    pub id: String,
    pub recipient: String,
    pub body: String,
    pub language: String,
    pub kind: String,
    pub idempotency_key: String,
    pub state: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub expires_at: Option<NaiveDateTime>,
    pub claimed_until: Option<NaiveDateTime>,
    pub claim_token: Option<String>,
    pub provider: Option<String>,
    pub provider_message_id: Option<String>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    pub encoding: String,
    pub segments: i32,
}

/// A claimed message, as much of it as sending and recording the outcome need: all
/// that a claim reads back (decoding every column of each row was a tenth of the
/// dispatcher's database time).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = om)]
pub struct Outgoing {
    pub id: String,
    pub recipient: String,
    pub body: String,
    pub kind: String,
    pub encoding: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    /// The claim it was taken under (set by the claim's own UPDATE), which each outcome
    /// write checks.
    #[diesel(select_expression = om::claim_token.assume_not_null())]
    #[diesel(select_expression_type = diesel::dsl::AssumeNotNull<om::claim_token>)]
    pub claim_token: String,
}

/// `Outgoing`'s columns as a plain tuple: `as_select` does not build through the
/// multi-backend connection inside a RETURNING.
fn outgoing_columns() -> <Outgoing as Selectable<Multi>>::SelectExpression {
    <Outgoing as Selectable<Multi>>::construct_selection()
}

type Multi = <DbConnection as diesel::Connection>::Backend;

#[derive(Debug, Insertable)]
#[diesel(table_name = om)]
pub struct NewOutbound<'a> {
    pub id: &'a str,
    pub recipient: &'a str,
    pub body: &'a str,
    pub language: &'a str,
    pub kind: &'a str,
    pub idempotency_key: &'a str,
    pub state: &'a str,
    pub next_attempt_at: NaiveDateTime,
    pub expires_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub encoding: &'a str,
    pub segments: i32,
}

/// Queues a message. Returns false when a message with the same idempotency key exists.
pub fn insert(conn: &mut DbConnection, row: &NewOutbound<'_>) -> QueryResult<bool> {
    // Look first: inside a PostgreSQL transaction a unique violation would abort it.
    let exists: bool = diesel::select(diesel::dsl::exists(
        om::table.filter(om::idempotency_key.eq(row.idempotency_key)),
    ))
    .get_result(conn)?;
    if exists {
        return Ok(false);
    }
    match diesel::insert_into(om::table).values(row).execute(conn) {
        Ok(_) => Ok(true),
        Err(e) if is_unique_violation(&e) => Ok(false),
        Err(e) => Err(e),
    }
}

/// `state` as an expression no index serves, for statements that name their rows by
/// id (or by deadline) and only re-check the state. Without statistics SQLite's planner
/// guesses an equality on the (state, next_attempt_at) index selects ~10 rows and
/// prefers it to the primary key: every claim and every outcome write then walked all
/// queued rows — a drain of N messages cost O(N²) (600 ms a claim at 20 000 queued).
fn unindexed_state() -> diesel::dsl::Concat<om::state, &'static str> {
    om::state.concat("")
}

/// What replaces the text of a message that must not be kept (a sign-in code).
pub const REDACTED: &str = "[redacted]";

/// Marks queued rows whose deadline has passed as expired (an OTP older than its TTL);
/// their text is dropped, since only short-lived messages have deadlines.
pub fn expire_overdue(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<usize> {
    let waiting = unindexed_state().eq("queued").or(unindexed_state()
        .eq("sending")
        .and(om::claimed_until.lt(now)));
    reused(
        diesel::update(
            om::table
                .filter(om::expires_at.is_not_null())
                .filter(om::expires_at.lt(now))
                .filter(waiting),
        )
        .set((
            om::state.eq("expired"),
            om::body.eq(REDACTED),
            om::updated_at.eq(now),
            om::claimed_until.eq(None::<NaiveDateTime>),
        ))
        .returning(om::id),
    )
    .changed(conn)
}

// The claim's subqueries read the table under another name (diesel's rule for a table
// that appears twice in one statement).
diesel::alias!(om as due: DueAlias);

/// Claims up to `limit` due rows with a lease until `lease_until`, moving them to
/// `sending`, oldest first. A `sending` row whose lease ran out (its dispatcher died) is
/// due again, before any queued row: it may have reached the provider, so `reclaimed`
/// counts those (`Claimed::reclaimed`). Each of the two statements picks its rows in a subquery on the
/// (state, next_attempt_at) index — two range reads, not one OR that would scan the whole
/// table — and re-checks them in the UPDATE, so two claimers never hold the same row. Both
/// keep one shape whatever the batch, so their prepared statements are reused (an `IN`
/// list of ids is prepared anew on SQLite every time).
pub fn claim_due(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    lease_until: NaiveDateTime,
    limit: i64,
    token: &str,
) -> QueryResult<Claimed> {
    let claim = (
        om::state.eq("sending"),
        om::claimed_until.eq(lease_until),
        om::claim_token.eq(token),
    );
    let stale = due
        .filter(due.field(om::state).eq("sending"))
        .filter(due.field(om::claimed_until).lt(now))
        .order(due.field(om::next_attempt_at).asc())
        .limit(limit)
        .select(due.field(om::id));
    let mut rows: Vec<Outgoing> = reused(
        diesel::update(
            om::table
                .filter(om::id.eq_any(stale))
                .filter(unindexed_state().eq("sending"))
                .filter(om::claimed_until.lt(now)),
        )
        .set(claim)
        .returning(outgoing_columns()),
    )
    .get_results(conn)?;
    in_claim_order(&mut rows);
    let reclaimed = rows.len();
    let room = limit - rows.len() as i64;
    if room > 0 {
        let until = due.field(om::claimed_until);
        let queued = due
            .filter(due.field(om::state).eq("queued"))
            .filter(due.field(om::next_attempt_at).le(now))
            .filter(until.is_null().or(until.lt(now)))
            .order(due.field(om::next_attempt_at).asc())
            .limit(room)
            .select(due.field(om::id));
        let mut fresh: Vec<Outgoing> = reused(
            diesel::update(
                om::table
                    .filter(om::id.eq_any(queued))
                    .filter(unindexed_state().eq("queued"))
                    .filter(om::next_attempt_at.le(now))
                    .filter(om::claimed_until.is_null().or(om::claimed_until.lt(now))),
            )
            .set(claim)
            .returning(outgoing_columns()),
        )
        .get_results(conn)?;
        in_claim_order(&mut fresh);
        rows.append(&mut fresh);
    }
    Ok(Claimed { rows, reclaimed })
}

/// What a claim took: the rows, oldest due first, and how many of them (the first ones)
/// were `sending` under a lease that ran out — they may have reached the provider already.
#[derive(Debug)]
pub struct Claimed {
    pub rows: Vec<Outgoing>,
    pub reclaimed: usize,
}

/// RETURNING gives rows in no particular order: oldest due first, then as queued (ids
/// are time-ordered: `Uuid::now_v7`, monotonic within the process).
fn in_claim_order(rows: &mut [Outgoing]) {
    rows.sort_by(|a, b| (a.next_attempt_at, &a.id).cmp(&(b.next_attempt_at, &b.id)));
}

/// Records that the provider accepted a claimed message. Returns 1 if it was marked
/// sent, 0 if not (a report finished it first: it keeps its final state, and gets the
/// provider and the attempt the mark would have given).
pub fn mark_sent(
    conn: &mut DbConnection,
    id: &str,
    token: &str,
    provider: &str,
    provider_message_id: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    mark_sent_ids(
        conn,
        &[id.to_string()],
        token,
        provider,
        provider_message_id,
        now,
    )
}

/// Rows of this claim that a delivery report finished before the sent mark came: they
/// no longer match a mark's `sending`, and the report did not know the provider. They
/// keep their final state and get what the mark would have given.
fn complete_overtaken(
    conn: &mut DbConnection,
    ids: &[String],
    token: &str,
    provider: &str,
    provider_message_id: Option<&str>,
) -> QueryResult<usize> {
    reused(
        diesel::update(
            om::table
                .filter(om::id.eq_any(ids))
                .filter(om::claim_token.eq(token))
                .filter(om::provider.is_null())
                .filter(
                    unindexed_state()
                        .eq("delivered")
                        .or(unindexed_state().eq("failed")),
                ),
        )
        .set((
            om::attempts.eq(om::attempts + 1),
            om::provider.eq(provider),
            om::provider_message_id.eq(provider_message_id),
        ))
        .returning(om::id),
    )
    .changed(conn)
}

/// Drops the text of a message once it no longer needs sending (sign-in codes).
pub fn redact(conn: &mut DbConnection, id: &str) -> QueryResult<usize> {
    diesel::update(om::table.find(id))
        .set(om::body.eq(REDACTED))
        .execute(conn)
}

/// Records that the provider accepted these claimed messages, in one statement (the
/// provider gave no ids of its own, as Kannel does not). Returns how many were marked
/// sent; those a report finished first are treated as in `mark_sent`.
pub fn mark_sent_many(
    conn: &mut DbConnection,
    ids: &[String],
    token: &str,
    provider: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    mark_sent_ids(conn, ids, token, provider, None, now)
}

/// The sent mark of `mark_sent` and `mark_sent_many`: rows still `sending` under this
/// claim become `sent`; the rest of the claim that a report finished first is completed.
fn mark_sent_ids(
    conn: &mut DbConnection,
    ids: &[String],
    token: &str,
    provider: &str,
    provider_message_id: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let rows = om::table
        .filter(om::id.eq_any(ids))
        .filter(om::claim_token.eq(token))
        .filter(unindexed_state().eq("sending"));
    let sent = (
        om::state.eq("sent"),
        om::attempts.eq(om::attempts + 1),
        om::provider.eq(provider),
        om::sent_at.eq(now),
        om::updated_at.eq(now),
        om::claimed_until.eq(None::<NaiveDateTime>),
    );
    // A column that is SET has its index entry rewritten, even to the NULL it holds
    // (no send before the mark gave the row a provider id): without one, leave it out.
    let marked = match provider_message_id {
        Some(provider_id) => reused(
            diesel::update(rows)
                .set((sent, om::provider_message_id.eq(provider_id)))
                .returning(om::id),
        )
        .changed(conn)?,
        None => reused(diesel::update(rows).set(sent).returning(om::id)).changed(conn)?,
    };
    if marked < ids.len() {
        complete_overtaken(conn, ids, token, provider, provider_message_id)?;
    }
    Ok(marked)
}

/// Records a failed attempt: retried at `retry_at`, or failed for good when `None`.
pub fn mark_attempt_failed(
    conn: &mut DbConnection,
    id: &str,
    token: &str,
    error: &str,
    retry_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let state = if retry_at.is_some() {
        "queued"
    } else {
        "failed"
    };
    // Only a row still `sending` under this claim: a report may have finished it meanwhile.
    reused(
        diesel::update(
            om::table
                .find(id)
                .filter(om::claim_token.eq(token))
                .filter(om::state.eq("sending")),
        )
        .set((
            om::state.eq(state),
            om::attempts.eq(om::attempts + 1),
            om::last_error.eq(error),
            om::next_attempt_at.eq(retry_at.unwrap_or(now)),
            om::updated_at.eq(now),
            om::claimed_until.eq(None::<NaiveDateTime>),
        ))
        .returning(om::id),
    )
    .changed(conn)
}

/// Messages to one recipient, newest first.
pub fn for_recipient(conn: &mut DbConnection, recipient: &str) -> QueryResult<Vec<OutboundRow>> {
    om::table
        .filter(om::recipient.eq(recipient))
        .order((om::created_at.desc(), om::id.desc()))
        .load(conn)
}

/// Applies a delivery report to the message with this outbox id and gives its state
/// after (`None`: no such message). Reports may come before the `sent` mark or twice:
/// `delivered` and `failed` are final and win over `queued`/`sending`/`sent`, and a
/// final state is never overwritten. One statement for a report that changes the row
/// (the usual case): its SET reads the row as it was before.
pub fn record_delivery(
    conn: &mut DbConnection,
    id: &str,
    delivered: bool,
    reason: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<Option<String>> {
    use diesel::{dsl::case_when, sql_types::Nullable, sql_types::Timestamp};
    let state = if delivered { "delivered" } else { "failed" };
    // A report means the provider had it: one that overtook the sent mark sets it.
    let overtook = om::sent_at
        .is_null()
        .and(om::state.eq_any(["sending", "sent"]));
    let sent_at = case_when(overtook, now.into_sql::<Nullable<Timestamp>>()).otherwise(om::sent_at);
    let applied = reused(
        diesel::update(
            om::table
                .find(id)
                .filter(om::state.eq_any(["queued", "sending", "sent"])),
        )
        .set((
            om::sent_at.eq(sent_at),
            om::state.eq(state),
            om::last_error.eq(reason),
            om::updated_at.eq(now),
            om::claimed_until.eq(None::<NaiveDateTime>),
        ))
        .returning(om::state),
    )
    .get_result(conn)
    .optional()?;
    if applied.is_some() {
        return Ok(applied);
    }
    // Final already (a second report), or unknown.
    om::table.find(id).select(om::state).first(conn).optional()
}

/// The outbox id of a message the provider knows by its own id.
pub fn id_for_provider_id(
    conn: &mut DbConnection,
    provider_message_id: &str,
) -> QueryResult<Option<String>> {
    om::table
        .filter(om::provider_message_id.eq(provider_message_id))
        .select(om::id)
        .first(conn)
        .optional()
}

/// Non-OTP messages queued to `recipient` since `since` (the per-recipient daily cap).
pub fn count_recent_non_otp(
    conn: &mut DbConnection,
    recipient: &str,
    since: NaiveDateTime,
) -> QueryResult<i64> {
    om::table
        .filter(om::recipient.eq(recipient))
        .filter(om::kind.ne("otp"))
        .filter(om::created_at.ge(since))
        .filter(om::state.ne("skipped_opted_out"))
        .count()
        .get_result(conn)
}

/// Age in seconds of the oldest queued message, for the metrics.
pub fn oldest_queued(conn: &mut DbConnection) -> QueryResult<Option<NaiveDateTime>> {
    om::table
        .filter(om::state.eq("queued"))
        .select(diesel::dsl::min(om::created_at))
        .first(conn)
}

/// How many messages are in each state.
pub fn count_by_state(conn: &mut DbConnection) -> QueryResult<Vec<(String, i64)>> {
    om::table
        .group_by(om::state)
        .select((om::state, diesel::dsl::count_star()))
        .load(conn)
}

/// Recent messages, newest first, filtered by recipient, state and kind.
pub fn search(
    conn: &mut DbConnection,
    to: Option<&str>,
    state: Option<&str>,
    kind: Option<&str>,
    among: Option<&[String]>,
    limit: i64,
) -> QueryResult<Vec<OutboundRow>> {
    let mut q = om::table.into_boxed();
    if let Some(recipients) = among {
        q = q.filter(om::recipient.eq_any(recipients.to_vec()));
    }
    if let Some(to) = to {
        q = q.filter(om::recipient.eq(to.to_string()));
    }
    if let Some(state) = state {
        q = q.filter(om::state.eq(state.to_string()));
    }
    if let Some(kind) = kind {
        q = q.filter(om::kind.eq(kind.to_string()));
    }
    q.order((om::created_at.desc(), om::id.desc()))
        .limit(limit)
        .load(conn)
}

/// The id of the message queued with this idempotency key.
pub fn id_for_key(conn: &mut DbConnection, key: &str) -> QueryResult<Option<String>> {
    om::table
        .filter(om::idempotency_key.eq(key))
        .select(om::id)
        .first(conn)
        .optional()
}
