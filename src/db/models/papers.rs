use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::{DbConnection, schema::papers};

#[derive(Debug, Clone, Queryable, Insertable, serde::Serialize)]
#[diesel(table_name = papers)]
pub struct PaperRow {
    pub id: String,
    pub kind: String,
    pub number: String,
    pub authority: String,
    pub issued_on: NaiveDate,
    pub valid_from: NaiveDate,
    pub expires_on: NaiveDate,
    pub state: String,
    pub renewals: i32,
    pub series_start: NaiveDate,
    pub worker_id: Option<String>,
    pub employer_id: Option<String>,
    pub zone: String,
    pub entered_on: Option<NaiveDate>,
    pub supersedes_id: Option<String>,
    pub revoked_reason: Option<String>,
    pub recorded_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// Many papers at once (the scale generator).
pub fn insert_many(conn: &mut DbConnection, rows: &[PaperRow]) -> QueryResult<usize> {
    Ok(crate::insert_batches!(conn, papers::table, rows, 1000))
}

pub fn insert(conn: &mut DbConnection, row: &PaperRow) -> QueryResult<()> {
    diesel::insert_into(papers::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<PaperRow>> {
    papers::table.find(id).first(conn).optional()
}

/// Every paper a worker holds, newest first.
/// Papers by id, in one query (any order).
pub fn find_many(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<PaperRow>> {
    papers::table
        .filter(papers::id.eq_any(ids.to_vec()))
        .load(conn)
}

pub fn of_worker(conn: &mut DbConnection, worker_id: &str) -> QueryResult<Vec<PaperRow>> {
    papers::table
        .filter(papers::worker_id.eq(worker_id))
        .filter(papers::kind.eq_any([
            "vn_border_pass",
            "cn_residence_permit",
            "cn_stay_permit",
            "cn_work_permit",
            "cn_health_certificate",
        ]))
        .order((papers::valid_from.desc(), papers::created_at.desc()))
        .load(conn)
}

/// The employer's own papers and those it holds for `worker_id` (if given).
pub fn of_employer(
    conn: &mut DbConnection,
    employer_id: &str,
    worker_id: Option<&str>,
) -> QueryResult<Vec<PaperRow>> {
    let mut query = papers::table
        .filter(papers::employer_id.eq(employer_id))
        .into_boxed();
    query = match worker_id {
        Some(w) => query.filter(
            papers::worker_id
                .is_null()
                .or(papers::worker_id.eq(w.to_string())),
        ),
        None => query.filter(papers::worker_id.is_null()),
    };
    query
        .filter(papers::kind.ne("cn_work_permit"))
        .order((papers::valid_from.desc(), papers::created_at.desc()))
        .load(conn)
}

/// Papers with this number (any kind, any state).
pub fn by_number(conn: &mut DbConnection, number: &str) -> QueryResult<Vec<PaperRow>> {
    papers::table
        .filter(papers::number.eq(number))
        .order(papers::created_at.desc())
        .load(conn)
}

/// Moves an active paper to `state`; 0 rows if it was no longer active.
pub fn end_active(
    conn: &mut DbConnection,
    id: &str,
    state: &str,
    reason: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(papers::table.find(id).filter(papers::state.eq("active")))
        .set((
            papers::state.eq(state),
            papers::revoked_reason.eq(reason),
            papers::updated_at.eq(now),
        ))
        .execute(conn)
}

/// Whether the worker has any paper recorded in `zone`.
pub fn worker_has_paper_in_zone(
    conn: &mut DbConnection,
    worker_id: &str,
    zone: &str,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        papers::table
            .filter(papers::worker_id.eq(worker_id))
            .filter(papers::zone.eq(zone)),
    ))
    .get_result(conn)
}

/// Workers with a paper recorded in `zone`, or employed by an employer there on `on`.
pub fn workers_in_zone(
    conn: &mut DbConnection,
    zone: &str,
    on: chrono::NaiveDate,
) -> QueryResult<Vec<String>> {
    use crate::db::schema::{employers, employments};
    let mut ids: Vec<String> = papers::table
        .filter(papers::zone.eq(zone))
        .filter(papers::worker_id.is_not_null())
        .select(papers::worker_id.assume_not_null())
        .distinct()
        .load(conn)?;
    let employer_ids: Vec<String> = employers::table
        .filter(employers::zone.eq(zone))
        .select(employers::id)
        .load(conn)?;
    let employed: Vec<String> = employments::table
        .filter(employments::employer_id.eq_any(employer_ids))
        .filter(employments::end_on.is_null().or(employments::end_on.ge(on)))
        .select(employments::worker_id)
        .load(conn)?;
    ids.extend(employed);
    ids.sort();
    ids.dedup();
    Ok(ids)
}
