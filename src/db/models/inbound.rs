use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::{
    DbConnection, is_unique_violation,
    schema::{inbound_messages as im, sms_opt_outs},
};

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = im)]
pub struct InboundRow {
    pub id: String,
    pub provider: String,
    pub provider_message_id: String,
    pub sender: String,
    pub body: String,
    pub command: Option<String>,
    pub received_at: NaiveDateTime,
}

/// Records an inbound message; false if this provider delivered the same id before.
pub fn insert_once(conn: &mut DbConnection, row: &InboundRow) -> QueryResult<bool> {
    // Look first: inside a PostgreSQL transaction a unique violation would abort it.
    let seen: bool = diesel::select(diesel::dsl::exists(
        im::table
            .filter(im::provider.eq(&row.provider))
            .filter(im::provider_message_id.eq(&row.provider_message_id)),
    ))
    .get_result(conn)?;
    if seen {
        return Ok(false);
    }
    match diesel::insert_into(im::table).values(row).execute(conn) {
        Ok(_) => Ok(true),
        Err(e) if is_unique_violation(&e) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Records that a number sent STOP (once).
pub fn opt_out(conn: &mut DbConnection, phone: &str, now: NaiveDateTime) -> QueryResult<()> {
    if is_opted_out(conn, phone)? {
        return Ok(());
    }
    match diesel::insert_into(sms_opt_outs::table)
        .values((
            sms_opt_outs::phone.eq(phone),
            sms_opt_outs::created_at.eq(now),
        ))
        .execute(conn)
    {
        Ok(_) => Ok(()),
        Err(e) if is_unique_violation(&e) => Ok(()),
        Err(e) => Err(e),
    }
}

pub fn opt_in(conn: &mut DbConnection, phone: &str) -> QueryResult<usize> {
    diesel::delete(sms_opt_outs::table.find(phone)).execute(conn)
}

pub fn is_opted_out(conn: &mut DbConnection, phone: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(sms_opt_outs::table.find(phone))).get_result(conn)
}
