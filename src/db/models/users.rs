use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::{DbConnection, schema::users};

#[derive(Debug, Clone, Queryable, Identifiable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: String,
    pub role: String,
    pub scope: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub password_hash: Option<String>,
    pub full_name: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub home_province: Option<String>,
    pub home_district: Option<String>,
    pub language: String,
    pub time_zone: String,
    pub sms_opt_in: bool,
    pub disabled: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub id: &'a str,
    pub role: &'a str,
    pub scope: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
    pub password_hash: Option<&'a str>,
    pub full_name: Option<&'a str>,
    pub birth_date: Option<NaiveDate>,
    pub home_province: Option<&'a str>,
    pub home_district: Option<&'a str>,
    pub language: &'a str,
    pub time_zone: &'a str,
    pub sms_opt_in: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// Many users at once (the scale generator).
pub fn insert_many(conn: &mut DbConnection, rows: &[NewUser<'_>]) -> QueryResult<usize> {
    Ok(crate::insert_batches!(conn, users::table, rows, 1000))
}

impl<'a> NewUser<'a> {
    /// A worker's account as the first sign-in creates it: Vietnamese, Guangxi time, no
    /// SMS until they opt in.
    pub fn worker(id: &'a str, phone: &'a str, now: NaiveDateTime) -> NewUser<'a> {
        NewUser {
            id,
            role: "worker",
            scope: None,
            phone: Some(phone),
            email: None,
            password_hash: None,
            full_name: None,
            birth_date: None,
            home_province: None,
            home_district: None,
            language: "vi",
            time_zone: "Asia/Shanghai",
            sms_opt_in: false,
            created_at: now,
            updated_at: now,
        }
    }
}

/// Profile fields a user may change; `None` leaves a column as it is.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = users)]
pub struct ProfileChanges {
    pub full_name: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub home_province: Option<String>,
    pub home_district: Option<String>,
    pub language: Option<String>,
    pub time_zone: Option<String>,
    pub sms_opt_in: Option<bool>,
    pub updated_at: Option<NaiveDateTime>,
}

pub fn insert(conn: &mut DbConnection, user: &NewUser<'_>) -> QueryResult<()> {
    diesel::insert_into(users::table)
        .values(user)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<UserRow>> {
    users::table.find(id).first(conn).optional()
}

/// Users by id, in one query (any order; unknown ids are skipped).
pub fn find_many(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<UserRow>> {
    users::table
        .filter(users::id.eq_any(ids.to_vec()))
        .load(conn)
}

pub fn find_by_phone(conn: &mut DbConnection, phone: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .filter(users::phone.eq(phone))
        .first(conn)
        .optional()
}

pub fn find_by_email(conn: &mut DbConnection, email: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .filter(users::email.eq(email))
        .first(conn)
        .optional()
}

pub fn update_profile(
    conn: &mut DbConnection,
    id: &str,
    changes: &ProfileChanges,
) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set(changes)
        .execute(conn)
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    users::table.count().get_result(conn)
}

/// Workers with this phone or holding a paper with this number.
pub fn count_role(conn: &mut DbConnection, role: &str) -> QueryResult<i64> {
    users::table
        .filter(users::role.eq(role))
        .count()
        .get_result(conn)
}

pub fn find_workers(
    conn: &mut DbConnection,
    phone: Option<&str>,
    worker_ids: &[String],
) -> QueryResult<Vec<UserRow>> {
    let mut query = users::table.filter(users::role.eq("worker")).into_boxed();
    query = match phone {
        Some(p) => query.filter(
            users::phone
                .eq(p.to_string())
                .or(users::id.eq_any(worker_ids.to_vec())),
        ),
        None => query.filter(users::id.eq_any(worker_ids.to_vec())),
    };
    query.order(users::created_at.asc()).limit(20).load(conn)
}

/// Whether `id` is a worker's account.
pub fn is_worker(conn: &mut DbConnection, id: &str) -> QueryResult<bool> {
    Ok(find(conn, id)?.is_some_and(|u| u.role == "worker"))
}

pub fn set_sms_opt_in(
    conn: &mut DbConnection,
    id: &str,
    on: bool,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set((users::sms_opt_in.eq(on), users::updated_at.eq(now)))
        .execute(conn)
}

/// Workers who opted in to messages, among `ids`.
/// The home provinces workers have given, each once.
pub fn home_provinces(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    users::table
        .filter(users::role.eq("worker"))
        .filter(users::home_province.is_not_null())
        .select(users::home_province.assume_not_null())
        .distinct()
        .load(conn)
}

/// Opted-in workers with a phone whose home province is one of `provinces`.
pub fn opted_in_workers_from(
    conn: &mut DbConnection,
    provinces: &[String],
) -> QueryResult<Vec<UserRow>> {
    users::table
        .filter(users::role.eq("worker"))
        .filter(users::sms_opt_in.eq(true))
        .filter(users::phone.is_not_null())
        .filter(users::home_province.eq_any(provinces.to_vec()))
        .load(conn)
}

pub fn opted_in_workers(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<UserRow>> {
    users::table
        .filter(users::role.eq("worker"))
        .filter(users::sms_opt_in.eq(true))
        .filter(users::phone.is_not_null())
        .filter(users::id.eq_any(ids.to_vec()))
        .load(conn)
}

/// The phone numbers of these users.
pub fn phones_of(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<String>> {
    users::table
        .filter(users::id.eq_any(ids.to_vec()))
        .filter(users::phone.is_not_null())
        .select(users::phone.assume_not_null())
        .load(conn)
}
