use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::{DbConnection, schema::agencies as a};

#[derive(Debug, Clone, Queryable, Insertable, AsChangeset, serde::Serialize)]
#[diesel(table_name = a)]
pub struct AgencyRow {
    pub id: String,
    pub licence_number: String,
    pub name_vi: String,
    pub name_zh: String,
    #[serde(skip)]
    pub search_text: String,
    pub country: String,
    pub province: String,
    pub activities: String,
    pub valid_until: NaiveDate,
    pub state: String,
    pub source: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &AgencyRow) -> QueryResult<()> {
    diesel::insert_into(a::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn update(conn: &mut DbConnection, row: &AgencyRow) -> QueryResult<usize> {
    diesel::update(a::table.find(&row.id))
        .set(row)
        .execute(conn)
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<AgencyRow>> {
    a::table.find(id).first(conn).optional()
}

pub fn by_licence(conn: &mut DbConnection, licence: &str) -> QueryResult<Option<AgencyRow>> {
    a::table
        .filter(a::licence_number.eq(licence))
        .first(conn)
        .optional()
}

/// Agencies whose search text contains `key` (already lower-cased and unaccented).
pub fn search(conn: &mut DbConnection, key: &str, limit: i64) -> QueryResult<Vec<AgencyRow>> {
    a::table
        .filter(
            a::search_text
                .like(crate::db::like_pattern(key))
                .escape('\\'),
        )
        .order((a::name_vi.asc(), a::id.asc()))
        .limit(limit)
        .load(conn)
}
