use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::{DbConnection, schema::guidance_revisions as g};

#[derive(Debug, Clone, Queryable, Insertable, serde::Serialize)]
#[diesel(table_name = g)]
pub struct RevisionRow {
    pub id: String,
    pub topic: String,
    pub language: String,
    pub revision: i32,
    pub title: String,
    pub sms: String,
    pub body: String,
    pub author_id: String,
    pub created_at: NaiveDateTime,
}

/// The newest edit of a topic in a language, if any.
pub fn latest(
    conn: &mut DbConnection,
    topic: &str,
    lang: &str,
) -> QueryResult<Option<RevisionRow>> {
    g::table
        .filter(g::topic.eq(topic))
        .filter(g::language.eq(lang))
        .order(g::revision.desc())
        .first(conn)
        .optional()
}

/// The newest edit of every topic edited in `lang`.
pub fn latest_all(conn: &mut DbConnection, lang: &str) -> QueryResult<Vec<RevisionRow>> {
    let rows: Vec<RevisionRow> = g::table
        .filter(g::language.eq(lang))
        .order((g::topic.asc(), g::revision.desc()))
        .load(conn)?;
    let mut out: Vec<RevisionRow> = Vec::new();
    for r in rows {
        if out.last().is_none_or(|l| l.topic != r.topic) {
            out.push(r);
        }
    }
    Ok(out)
}

/// Every edit of a topic, newest first.
pub fn history(conn: &mut DbConnection, topic: &str) -> QueryResult<Vec<RevisionRow>> {
    g::table
        .filter(g::topic.eq(topic))
        .order((g::revision.desc(), g::language.asc()))
        .load(conn)
}

pub fn insert(conn: &mut DbConnection, row: &RevisionRow) -> QueryResult<()> {
    diesel::insert_into(g::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}
