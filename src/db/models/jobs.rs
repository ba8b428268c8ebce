//! Skills, workers' job profiles, vacancies and job applications.
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::{
    DbConnection,
    schema::{
        job_applications as ja, job_profiles as jp, papers, skills, vacancies as v,
        vacancy_skills as vs,
    },
};

#[derive(Debug, Clone, Queryable, serde::Serialize)]
pub struct SkillRow {
    pub code: String,
    pub label_vi: String,
    pub label_zh: String,
    pub label_en: String,
}

pub fn all_skills(conn: &mut DbConnection) -> QueryResult<Vec<SkillRow>> {
    skills::table.order(skills::code.asc()).load(conn)
}

#[derive(Debug, Clone, Queryable, Insertable, AsChangeset)]
#[diesel(table_name = jp)]
pub struct ProfileRow {
    pub user_id: String,
    pub skills: String,
    pub zones: String,
    pub min_wage: Option<i32>,
    pub available_from: Option<NaiveDate>,
    pub updated_at: NaiveDateTime,
}

pub fn profile(conn: &mut DbConnection, user_id: &str) -> QueryResult<Option<ProfileRow>> {
    jp::table.find(user_id).first(conn).optional()
}

/// Inserts or replaces a worker's job profile (inside the caller's transaction).
pub fn save_profile(conn: &mut DbConnection, row: &ProfileRow) -> QueryResult<()> {
    if diesel::update(jp::table.find(&row.user_id))
        .set(row)
        .execute(conn)?
        == 0
    {
        diesel::insert_into(jp::table).values(row).execute(conn)?;
    }
    Ok(())
}

/// Workers whose job profile names one of `skills` or the `zone` (at most `limit`):
/// the candidates a vacancy's ranking starts from.
pub fn profiles_matching(
    conn: &mut DbConnection,
    skills: &[String],
    zone: &str,
    limit: i64,
) -> QueryResult<Vec<ProfileRow>> {
    let like = crate::db::like_pattern;
    let mut q = jp::table
        .filter(jp::zones.like(like(zone)).escape('\\'))
        .into_boxed();
    for s in skills {
        q = q.or_filter(jp::skills.like(like(s)).escape('\\'));
    }
    q.order(jp::user_id.asc()).limit(limit).load(conn)
}

#[derive(Debug, Clone, Queryable, Insertable, serde::Serialize)]
#[diesel(table_name = v)]
pub struct VacancyRow {
    pub id: String,
    pub code: String,
    pub centre_id: Option<String>,
    pub employer_id: Option<String>,
    pub posted_by: String,
    pub title_vi: String,
    pub title_zh: String,
    pub description_vi: String,
    pub description_zh: String,
    #[serde(skip)]
    pub search_text: String,
    pub zone: String,
    pub workplace: String,
    pub wage_min: i32,
    pub wage_max: i32,
    pub headcount: i32,
    pub skills: String,
    pub start_on: NaiveDate,
    pub end_on: Option<NaiveDate>,
    pub housing: bool,
    pub meals: bool,
    pub hours: String,
    pub contact: String,
    pub state: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn code_taken(conn: &mut DbConnection, code: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(v::table.filter(v::code.eq(code)))).get_result(conn)
}

/// A vacancy and its skill rows.
pub fn insert_vacancy(
    conn: &mut DbConnection,
    row: &VacancyRow,
    skill_codes: &[String],
) -> QueryResult<()> {
    diesel::insert_into(v::table).values(row).execute(conn)?;
    for s in skill_codes {
        diesel::insert_into(vs::table)
            .values((vs::vacancy_id.eq(&row.id), vs::skill.eq(s)))
            .execute(conn)?;
    }
    Ok(())
}

/// Many vacancies and their skill rows at once (the scale generator).
pub fn insert_vacancies(conn: &mut DbConnection, rows: &[VacancyRow]) -> QueryResult<usize> {
    let skill_rows: Vec<(String, String)> = rows
        .iter()
        .flat_map(|r| {
            r.skills
                .split(',')
                .filter(|s| !s.is_empty())
                .map(|s| (r.id.clone(), s.to_string()))
        })
        .collect();
    let n = crate::insert_batches!(conn, v::table, rows, 500);
    for chunk in skill_rows.chunks(1000) {
        let values: Vec<_> = chunk
            .iter()
            .map(|(id, s)| (vs::vacancy_id.eq(id), vs::skill.eq(s)))
            .collect();
        match &mut *conn {
            DbConnection::Sqlite(c) => diesel::insert_into(vs::table).values(&values).execute(c)?,
            DbConnection::Pg(c) => diesel::insert_into(vs::table).values(&values).execute(c)?,
        };
    }
    Ok(n)
}

pub fn find_vacancy(conn: &mut DbConnection, id: &str) -> QueryResult<Option<VacancyRow>> {
    v::table.find(id).first(conn).optional()
}

pub fn vacancy_by_code(conn: &mut DbConnection, code: &str) -> QueryResult<Option<VacancyRow>> {
    v::table.filter(v::code.eq(code)).first(conn).optional()
}

pub fn set_vacancy_state(
    conn: &mut DbConnection,
    id: &str,
    from: &str,
    to: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(v::table.find(id).filter(v::state.eq(from)))
        .set((v::state.eq(to), v::updated_at.eq(now)))
        .execute(conn)
}

/// Open vacancies whose last day has passed become `expired`.
pub fn expire_past(
    conn: &mut DbConnection,
    today: NaiveDate,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        v::table
            .filter(v::state.eq("open"))
            .filter(v::end_on.lt(today)),
    )
    .set((v::state.eq("expired"), v::updated_at.eq(now)))
    .execute(conn)
}

/// Filters for listing vacancies shown to workers.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub zones: Vec<String>,
    pub skills: Vec<String>,
    pub min_wage: Option<i32>,
    pub start_from: Option<NaiveDate>,
    /// Lower-cased, unaccented text to find in titles and descriptions.
    pub text: Option<String>,
    /// Resume after this (start_on, id).
    pub after: Option<(NaiveDate, String)>,
    /// Just this vacancy.
    pub id: Option<String>,
}

/// The fields ranking needs, without the texts.
#[derive(Debug, Clone, Queryable)]
pub struct OfferKey {
    pub id: String,
    pub skills: String,
    pub zone: String,
    pub wage_min: i32,
    pub wage_max: i32,
    pub start_on: NaiveDate,
}

/// Open vacancies that may be shown on `today` and match `f`: not past their end, and —
/// when an employer's — only while the employer holds an employer permit in force.
fn shown_query<'a>(f: &Filter, today: NaiveDate) -> v::BoxedQuery<'a, crate::db::MultiBackend> {
    let permit_in_force = diesel::dsl::exists(
        papers::table
            .filter(papers::employer_id.eq(v::employer_id))
            .filter(papers::kind.eq("employer_permit"))
            .filter(papers::state.eq("active"))
            .filter(papers::valid_from.le(today))
            .filter(papers::expires_on.ge(today)),
    );
    let mut q = v::table
        .filter(v::state.eq("open"))
        .filter(v::end_on.is_null().or(v::end_on.ge(today)))
        .filter(v::employer_id.is_null().or(permit_in_force))
        .into_boxed();
    if let Some(id) = &f.id {
        q = q.filter(v::id.eq(id.clone()));
    }
    if !f.zones.is_empty() {
        q = q.filter(v::zone.eq_any(f.zones.clone()));
    }
    if !f.skills.is_empty() {
        q = q.filter(diesel::dsl::exists(
            vs::table
                .filter(vs::vacancy_id.eq(v::id))
                .filter(vs::skill.eq_any(f.skills.clone())),
        ));
    }
    if let Some(w) = f.min_wage {
        q = q.filter(v::wage_max.ge(w));
    }
    if let Some(d) = f.start_from {
        q = q.filter(v::start_on.ge(d));
    }
    if let Some(t) = &f.text {
        q = q.filter(v::search_text.like(crate::db::like_pattern(t)).escape('\\'));
    }
    if let Some((d, id)) = &f.after {
        q = q.filter(
            v::start_on
                .gt(*d)
                .or(v::start_on.eq(*d).and(v::id.gt(id.clone()))),
        );
    }
    q.order((v::start_on.asc(), v::id.asc()))
}

/// Shown vacancies matching `f`, by start date then id.
pub fn shown(
    conn: &mut DbConnection,
    f: &Filter,
    today: NaiveDate,
    limit: i64,
) -> QueryResult<Vec<VacancyRow>> {
    shown_query(f, today).limit(limit).load(conn)
}

/// The same, only what ranking needs (cheap to read by the hundred).
pub fn shown_keys(
    conn: &mut DbConnection,
    f: &Filter,
    today: NaiveDate,
    limit: i64,
) -> QueryResult<Vec<OfferKey>> {
    shown_query(f, today)
        .select((
            v::id,
            v::skills,
            v::zone,
            v::wage_min,
            v::wage_max,
            v::start_on,
        ))
        .limit(limit)
        .load(conn)
}

/// Vacancies by id (any order).
pub fn vacancies_by_ids(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<VacancyRow>> {
    v::table.filter(v::id.eq_any(ids.to_vec())).load(conn)
}

/// Whether `user_id` has posted any vacancy.
pub fn has_posted(conn: &mut DbConnection, user_id: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        v::table.filter(v::posted_by.eq(user_id)),
    ))
    .get_result(conn)
}

#[derive(Debug, Clone, Queryable, Insertable, serde::Serialize)]
#[diesel(table_name = ja)]
pub struct ApplicationRow {
    pub id: String,
    pub vacancy_id: String,
    pub worker_id: String,
    pub state: String,
    pub channel: String,
    pub reason: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn application_of(
    conn: &mut DbConnection,
    vacancy_id: &str,
    worker_id: &str,
) -> QueryResult<Option<ApplicationRow>> {
    ja::table
        .filter(ja::vacancy_id.eq(vacancy_id))
        .filter(ja::worker_id.eq(worker_id))
        .first(conn)
        .optional()
}

pub fn find_application(conn: &mut DbConnection, id: &str) -> QueryResult<Option<ApplicationRow>> {
    ja::table.find(id).first(conn).optional()
}

pub fn insert_application(conn: &mut DbConnection, row: &ApplicationRow) -> QueryResult<()> {
    diesel::insert_into(ja::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Moves an application from `from` to `to` (with a reason); 0 if it moved meanwhile.
pub fn set_application_state(
    conn: &mut DbConnection,
    id: &str,
    from: &str,
    to: &str,
    reason: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(ja::table.find(id).filter(ja::state.eq(from)))
        .set((
            ja::state.eq(to),
            ja::reason.eq(reason),
            ja::updated_at.eq(now),
        ))
        .execute(conn)
}

pub fn applications_for(
    conn: &mut DbConnection,
    vacancy_id: &str,
) -> QueryResult<Vec<ApplicationRow>> {
    ja::table
        .filter(ja::vacancy_id.eq(vacancy_id))
        .order((ja::created_at.asc(), ja::id.asc()))
        .load(conn)
}

pub fn applications_of_worker(
    conn: &mut DbConnection,
    worker_id: &str,
) -> QueryResult<Vec<ApplicationRow>> {
    ja::table
        .filter(ja::worker_id.eq(worker_id))
        .order(ja::created_at.desc())
        .load(conn)
}
