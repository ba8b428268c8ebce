use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::{DbConnection, schema::renewal_applications as ra};

#[derive(Debug, Clone, Queryable, Insertable, serde::Serialize)]
#[diesel(table_name = ra)]
pub struct ApplicationRow {
    pub id: String,
    pub worker_id: String,
    pub centre_id: String,
    pub kinds: String,
    pub state: String,
    pub pickup_on: Option<NaiveDate>,
    pub reason: Option<String>,
    pub note: Option<String>,
    pub decided_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &ApplicationRow) -> QueryResult<()> {
    diesel::insert_into(ra::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<ApplicationRow>> {
    ra::table.find(id).first(conn).optional()
}

pub fn of_worker(conn: &mut DbConnection, worker_id: &str) -> QueryResult<Vec<ApplicationRow>> {
    ra::table
        .filter(ra::worker_id.eq(worker_id))
        .order(ra::created_at.desc())
        .load(conn)
}

/// A centre's queue, oldest first, optionally in one state.
pub fn of_centre(
    conn: &mut DbConnection,
    centre_id: &str,
    state: Option<&str>,
) -> QueryResult<Vec<ApplicationRow>> {
    let mut q = ra::table.filter(ra::centre_id.eq(centre_id)).into_boxed();
    if let Some(s) = state {
        q = q.filter(ra::state.eq(s.to_string()));
    }
    q.order(ra::created_at.asc()).limit(500).load(conn)
}

/// Open applications of a worker in one state (to close them when papers are renewed).
pub fn of_worker_in_state(
    conn: &mut DbConnection,
    worker_id: &str,
    state: &str,
) -> QueryResult<Vec<ApplicationRow>> {
    ra::table
        .filter(ra::worker_id.eq(worker_id))
        .filter(ra::state.eq(state))
        .load(conn)
}

/// What a transition changes; `None` fields are left as they are.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = ra)]
pub struct Transition<'a> {
    pub state: &'a str,
    pub pickup_on: Option<NaiveDate>,
    pub reason: Option<&'a str>,
    pub decided_by: Option<&'a str>,
    pub updated_at: NaiveDateTime,
}

/// Moves an application out of state `from`; 0 rows if someone moved it first.
pub fn transition(
    conn: &mut DbConnection,
    id: &str,
    from: &str,
    change: &Transition<'_>,
) -> QueryResult<usize> {
    diesel::update(ra::table.find(id).filter(ra::state.eq(from)))
        .set(change)
        .execute(conn)
}
