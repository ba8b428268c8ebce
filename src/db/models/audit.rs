use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::{DbConnection, schema::audit_log};

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = audit_log)]
pub struct AuditRow {
    pub id: String,
    pub actor_id: String,
    pub actor_role: String,
    pub action: String,
    pub subject_type: String,
    pub subject_id: String,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &AuditRow) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Records about one subject, oldest first.
pub fn for_subject(
    conn: &mut DbConnection,
    subject_type: &str,
    subject_id: &str,
    limit: i64,
) -> QueryResult<Vec<AuditRow>> {
    audit_log::table
        .filter(audit_log::subject_type.eq(subject_type))
        .filter(audit_log::subject_id.eq(subject_id))
        .order((audit_log::created_at.asc(), audit_log::id.asc()))
        .limit(limit)
        .load(conn)
}
