use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::{
    DbConnection,
    schema::{abuse_reports as r, report_events as e},
};

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = r)]
pub struct ReportRow {
    pub id: String,
    pub seq: i64,
    pub case_number: String,
    pub category: String,
    pub details: String,
    pub named_party: Option<String>,
    pub agency_id: Option<String>,
    pub place: Option<String>,
    pub zone: Option<String>,
    pub happened_on: Option<NaiveDate>,
    pub channel: String,
    pub reporter_id: Option<String>,
    pub reporter_phone: Option<String>,
    pub secret_hash: Option<String>,
    pub language: String,
    pub state: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable, serde::Serialize)]
#[diesel(table_name = e)]
pub struct EventRow {
    pub id: String,
    pub report_id: String,
    pub actor_id: String,
    pub from_state: String,
    pub to_state: String,
    pub note: String,
    pub created_at: NaiveDateTime,
}

/// The next case sequence number (called inside the inserting write transaction).
pub fn next_seq(conn: &mut DbConnection) -> QueryResult<i64> {
    let max: Option<i64> = r::table.select(diesel::dsl::max(r::seq)).first(conn)?;
    Ok(max.unwrap_or(0) + 1)
}

pub fn insert(conn: &mut DbConnection, row: &ReportRow) -> QueryResult<()> {
    diesel::insert_into(r::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn by_case(conn: &mut DbConnection, case_number: &str) -> QueryResult<Option<ReportRow>> {
    r::table
        .filter(r::case_number.eq(case_number))
        .first(conn)
        .optional()
}

/// Reports for triage: in `zone` (all when `None`), optionally by state and category,
/// newest first.
pub fn search(
    conn: &mut DbConnection,
    zone: Option<&str>,
    state: Option<&str>,
    category: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<ReportRow>> {
    let mut q = r::table.into_boxed();
    if let Some(z) = zone {
        q = q.filter(r::zone.eq(z.to_string()));
    }
    if let Some(s) = state {
        q = q.filter(r::state.eq(s.to_string()));
    }
    if let Some(c) = category {
        q = q.filter(r::category.eq(c.to_string()));
    }
    q.order((r::created_at.desc(), r::seq.desc()))
        .limit(limit)
        .load(conn)
}

/// Moves a report from `from` to `to`; 0 rows if someone moved it first.
pub fn set_state(
    conn: &mut DbConnection,
    id: &str,
    from: &str,
    to: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(r::table.find(id).filter(r::state.eq(from)))
        .set((r::state.eq(to), r::updated_at.eq(now)))
        .execute(conn)
}

pub fn insert_event(conn: &mut DbConnection, row: &EventRow) -> QueryResult<()> {
    diesel::insert_into(e::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn events(conn: &mut DbConnection, report_id: &str) -> QueryResult<Vec<EventRow>> {
    e::table
        .filter(e::report_id.eq(report_id))
        .order(e::created_at.asc())
        .load(conn)
}
