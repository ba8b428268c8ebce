use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::{DbConnection, schema::centres};

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = centres)]
pub struct CentreRow {
    pub id: String,
    pub code: String,
    pub name_vi: String,
    pub name_zh: String,
    pub zone: String,
    pub address: String,
    pub phone: String,
    pub hours: String,
    pub created_at: NaiveDateTime,
}

pub fn find_by_code(conn: &mut DbConnection, code: &str) -> QueryResult<Option<CentreRow>> {
    centres::table
        .filter(centres::code.eq(code))
        .first(conn)
        .optional()
}

pub fn insert(conn: &mut DbConnection, row: &CentreRow) -> QueryResult<()> {
    diesel::insert_into(centres::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find_by_zone(conn: &mut DbConnection, zone: &str) -> QueryResult<Option<CentreRow>> {
    centres::table
        .filter(centres::zone.eq(zone))
        .order(centres::created_at.asc())
        .first(conn)
        .optional()
}

/// Every centre, oldest first (the guidance's centres topic lists them).
pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<CentreRow>> {
    centres::table
        .order((centres::created_at.asc(), centres::code.asc()))
        .load(conn)
}
