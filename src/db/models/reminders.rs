use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::{
    DbConnection,
    schema::{papers, reminders as r, users},
};

#[derive(Debug, Clone, Queryable, Insertable, serde::Serialize)]
#[diesel(table_name = r)]
pub struct ReminderRow {
    pub id: String,
    pub paper_id: String,
    pub worker_id: String,
    pub expires_on: NaiveDate,
    pub offset_days: i32,
    pub due_at: NaiveDateTime,
    pub state: String,
    pub outbox_id: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A worker paper in force that has no reminder planned yet for its current expiry.
#[derive(Debug, Clone, Queryable)]
pub struct Unplanned {
    pub paper_id: String,
    pub worker_id: String,
    pub expires_on: NaiveDate,
    pub time_zone: String,
}

/// Worker papers in force whose expiry falls in [from, to] and that have no reminder for
/// that expiry yet — read through the expiry index, so the cost follows the papers
/// lapsing soon, not all papers held. The worker's time zone comes in the same query.
pub fn unplanned(
    conn: &mut DbConnection,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<Unplanned>> {
    papers::table
        .inner_join(users::table.on(users::id.nullable().eq(papers::worker_id)))
        .filter(papers::state.eq("active"))
        .filter(papers::expires_on.ge(from))
        .filter(papers::expires_on.le(to))
        .filter(papers::kind.eq_any([
            "vn_border_pass",
            "cn_residence_permit",
            "cn_stay_permit",
            "cn_work_permit",
            "cn_health_certificate",
        ]))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            r::table
                .filter(r::paper_id.eq(papers::id))
                .filter(r::expires_on.eq(papers::expires_on)),
        )))
        .select((papers::id, users::id, papers::expires_on, users::time_zone))
        .load(conn)
}

/// Inserts planned reminders in one transaction. A concurrent planner that got there
/// first makes it fail on the unique key; the next pass re-reads what is still missing.
pub fn insert_all(conn: &mut DbConnection, rows: &[ReminderRow]) -> crate::error::ApiResult<usize> {
    let inserted = crate::db::write_transaction(conn, |conn| {
        Ok(crate::insert_batches!(conn, r::table, rows, 500))
    });
    match inserted {
        Err(e) if crate::db::is_unique_violation_in(&e) => Ok(0),
        other => other,
    }
}

/// Cancels what is still planned for a paper that was just renewed or revoked.
pub fn cancel_for_paper(
    conn: &mut DbConnection,
    paper_id: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        r::table
            .filter(r::paper_id.eq(paper_id))
            .filter(r::state.eq("planned")),
    )
    .set((r::state.eq("cancelled"), r::updated_at.eq(now)))
    .execute(conn)
}

/// Planned reminders due by `now`, oldest first.
pub fn due(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<ReminderRow>> {
    r::table
        .filter(r::state.eq("planned"))
        .filter(r::due_at.le(now))
        .order(r::due_at.asc())
        .limit(limit)
        .load(conn)
}

/// Moves a planned reminder to `state`; 0 rows if another sender got there first.
pub fn finish(
    conn: &mut DbConnection,
    id: &str,
    state: &str,
    outbox_id: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(r::table.find(id).filter(r::state.eq("planned")))
        .set((
            r::state.eq(state),
            r::outbox_id.eq(outbox_id),
            r::updated_at.eq(now),
        ))
        .execute(conn)
}

pub fn of_worker(conn: &mut DbConnection, worker_id: &str) -> QueryResult<Vec<ReminderRow>> {
    r::table
        .filter(r::worker_id.eq(worker_id))
        .order(r::due_at.asc())
        .load(conn)
}

/// Reminders about papers recorded in `zone` (all zones when `None`), newest due first.
pub fn search(
    conn: &mut DbConnection,
    zone: Option<&str>,
    state: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<ReminderRow>> {
    let mut q = r::table
        .inner_join(papers::table.on(papers::id.eq(r::paper_id)))
        .into_boxed();
    if let Some(z) = zone {
        q = q.filter(papers::zone.eq(z.to_string()));
    }
    if let Some(s) = state {
        q = q.filter(r::state.eq(s.to_string()));
    }
    q.select(r::all_columns)
        .order(r::due_at.desc())
        .limit(limit)
        .load(conn)
}
