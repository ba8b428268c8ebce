use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::{
    DbConnection,
    schema::{employers, employments},
};

#[derive(Debug, Clone, Queryable, Insertable, serde::Serialize)]
#[diesel(table_name = employers)]
pub struct EmployerRow {
    pub id: String,
    pub name_zh: String,
    pub name_vi: Option<String>,
    pub credit_code: String,
    pub zone: String,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable, serde::Serialize)]
#[diesel(table_name = employments)]
pub struct EmploymentRow {
    pub id: String,
    pub worker_id: String,
    pub employer_id: String,
    pub start_on: NaiveDate,
    pub end_on: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &EmployerRow) -> QueryResult<()> {
    diesel::insert_into(employers::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<EmployerRow>> {
    employers::table.find(id).first(conn).optional()
}

pub fn find_by_credit_code(
    conn: &mut DbConnection,
    code: &str,
) -> QueryResult<Option<EmployerRow>> {
    employers::table
        .filter(employers::credit_code.eq(code))
        .first(conn)
        .optional()
}

pub fn insert_employment(conn: &mut DbConnection, row: &EmploymentRow) -> QueryResult<()> {
    diesel::insert_into(employments::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// A worker's employments, latest start first.
pub fn employments_of_worker(
    conn: &mut DbConnection,
    worker_id: &str,
) -> QueryResult<Vec<EmploymentRow>> {
    employments::table
        .filter(employments::worker_id.eq(worker_id))
        .order((employments::start_on.desc(), employments::created_at.desc()))
        .load(conn)
}

/// Employments of an employer that cover `on` (started, not ended).
pub fn current_employments(
    conn: &mut DbConnection,
    employer_id: &str,
    on: NaiveDate,
) -> QueryResult<Vec<EmploymentRow>> {
    employments::table
        .filter(employments::employer_id.eq(employer_id))
        .filter(employments::start_on.le(on))
        .filter(employments::end_on.is_null().or(employments::end_on.ge(on)))
        .order(employments::start_on.asc())
        .load(conn)
}

/// Ends a worker's open employments the day before a new one starts.
pub fn close_open_employments(
    conn: &mut DbConnection,
    worker_id: &str,
    last_day: NaiveDate,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        employments::table
            .filter(employments::worker_id.eq(worker_id))
            .filter(employments::end_on.is_null())
            .filter(employments::start_on.le(last_day)),
    )
    .set((
        employments::end_on.eq(last_day),
        employments::updated_at.eq(now),
    ))
    .execute(conn)
}

/// Employers with a contact phone (who can receive the weekly digest).
pub fn with_contact_phone(conn: &mut DbConnection) -> QueryResult<Vec<EmployerRow>> {
    employers::table
        .filter(employers::contact_phone.is_not_null())
        .order(employers::created_at.asc())
        .load(conn)
}
