use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::{
    DbConnection, is_unique_violation,
    schema::{papers, reminders as r},
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

/// Plans a reminder unless one exists for the same (paper, expiry, offset).
pub fn insert_once(conn: &mut DbConnection, row: &ReminderRow) -> QueryResult<bool> {
    let exists: bool = diesel::select(diesel::dsl::exists(
        r::table
            .filter(r::paper_id.eq(&row.paper_id))
            .filter(r::expires_on.eq(row.expires_on))
            .filter(r::offset_days.eq(row.offset_days)),
    ))
    .get_result(conn)?;
    if exists {
        return Ok(false);
    }
    match diesel::insert_into(r::table).values(row).execute(conn) {
        Ok(_) => Ok(true),
        Err(e) if is_unique_violation(&e) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Worker papers in force whose expiry falls in [from, to] — read through the expiry index.
pub fn papers_expiring(
    conn: &mut DbConnection,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<(String, String, String, NaiveDate)>> {
    papers::table
        .filter(papers::state.eq("active"))
        .filter(papers::expires_on.ge(from))
        .filter(papers::expires_on.le(to))
        .filter(papers::worker_id.is_not_null())
        .filter(papers::kind.eq_any([
            "vn_border_pass",
            "cn_residence_permit",
            "cn_stay_permit",
            "cn_work_permit",
            "cn_health_certificate",
        ]))
        .select((
            papers::id,
            papers::worker_id.assume_not_null(),
            papers::kind,
            papers::expires_on,
        ))
        .load(conn)
}

/// Planned reminders whose paper is no longer in force or whose expiry changed.
pub fn cancel_stale(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<usize> {
    let stale: Vec<String> = r::table
        .inner_join(papers::table.on(papers::id.eq(r::paper_id)))
        .filter(r::state.eq("planned"))
        .filter(
            papers::state
                .ne("active")
                .or(papers::expires_on.ne(r::expires_on)),
        )
        .select(r::id)
        .load(conn)?;
    if stale.is_empty() {
        return Ok(0);
    }
    diesel::update(
        r::table
            .filter(r::id.eq_any(&stale))
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
