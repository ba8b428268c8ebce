//! The licensed-recruiter registry: supervisors keep it (every change audited); anyone
//! may look an agency up and is told plainly whether it may recruit today.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::{
    db::{
        DbConnection,
        models::{agencies as a, agencies::AgencyRow},
    },
    domain::{
        Role,
        agencies::{self, AgencyState, Standing, normalize_licence, search_key, standing},
    },
    error::{ApiError, ApiResult},
    i18n::{self, Lang},
    services::{audit, now, tokens::Principal},
};

/// What the public sees: the record, no personal data, and the answer in words.
#[derive(Debug, Clone, Serialize)]
pub struct AgencyView {
    pub id: String,
    pub licence_number: String,
    pub name_vi: String,
    pub name_zh: String,
    pub country: String,
    pub province: String,
    pub activities: Vec<String>,
    pub valid_until: NaiveDate,
    pub state: String,
    pub source: String,
    pub standing: Standing,
    pub may_recruit: bool,
    /// One plain sentence: may it recruit today, and if not why and what to do.
    pub answer: String,
}

pub fn view(row: AgencyRow, lang: Lang, today: NaiveDate) -> AgencyView {
    let state: AgencyState = row.state.parse().unwrap_or(AgencyState::Suspended);
    let standing = standing(state, row.valid_until, today);
    let answer = answer(lang, &row, standing);
    AgencyView {
        activities: row
            .activities
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
        id: row.id,
        licence_number: row.licence_number,
        name_vi: row.name_vi,
        name_zh: row.name_zh,
        country: row.country,
        province: row.province,
        valid_until: row.valid_until,
        state: row.state,
        source: row.source,
        may_recruit: standing == Standing::MayRecruit,
        standing,
        answer,
    }
}

fn answer(lang: Lang, row: &AgencyRow, standing: Standing) -> String {
    let name = if lang == Lang::Zh {
        &row.name_zh
    } else {
        &row.name_vi
    };
    i18n::t(
        lang,
        &format!("agency-{}", standing.as_str().replace('_', "-")),
        &[
            ("name", name.clone().into()),
            ("licence", row.licence_number.clone().into()),
            ("date", i18n::format_date(lang, row.valid_until).into()),
        ],
    )
}

/// The one-SMS answer when nothing matched.
pub fn not_found_text(lang: Lang, query: &str) -> String {
    i18n::t(
        lang,
        "agency-not-found",
        &[("query", query.to_string().into())],
    )
}

/// `GET /v1/agencies?q=`: by name (either language, any accents or case, partial) or
/// licence number.
pub fn search(
    conn: &mut DbConnection,
    q: &str,
    lang: Lang,
    today: NaiveDate,
) -> ApiResult<Vec<AgencyView>> {
    let key = search_key(q);
    if key.chars().count() < 2 {
        return Err(ApiError::field("q", "length"));
    }
    Ok(a::search(conn, &key, 20)?
        .into_iter()
        .map(|r| view(r, lang, today))
        .collect())
}

pub fn by_licence(
    conn: &mut DbConnection,
    licence: &str,
    lang: Lang,
    today: NaiveDate,
) -> ApiResult<AgencyView> {
    a::by_licence(conn, &normalize_licence(licence))?
        .map(|r| view(r, lang, today))
        .ok_or(ApiError::NotFound)
}

/// Text after `KT`: a licence number if one matches exactly, else the best name match.
pub fn lookup_text(
    conn: &mut DbConnection,
    query: &str,
    lang: Lang,
    today: NaiveDate,
) -> ApiResult<String> {
    let query = query.trim();
    if let Some(r) = a::by_licence(conn, &normalize_licence(query))? {
        return Ok(view(r, lang, today).answer);
    }
    let key = search_key(query);
    if key.chars().count() >= 2
        && let Some(r) = a::search(conn, &key, 1)?.into_iter().next()
    {
        return Ok(view(r, lang, today).answer);
    }
    Ok(not_found_text(lang, query))
}

/// `POST /v1/agencies` and `PATCH /v1/agencies/{id}` (every field, for simplicity and
/// a complete audit entry).
#[derive(Debug, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct AgencyInput {
    #[validate(length(min = 2, max = 40))]
    pub licence_number: String,
    #[validate(length(min = 2, max = 200))]
    pub name_vi: String,
    #[validate(length(min = 1, max = 200))]
    pub name_zh: String,
    #[validate(custom(function = "country"))]
    pub country: String,
    #[validate(length(min = 2, max = 100))]
    pub province: String,
    #[validate(length(min = 1, max = 10))]
    pub activities: Vec<String>,
    pub valid_until: NaiveDate,
    pub state: AgencyState,
    #[validate(length(min = 2, max = 300))]
    pub source: String,
}

fn country(c: &str) -> Result<(), validator::ValidationError> {
    if matches!(c, "VN" | "CN") {
        Ok(())
    } else {
        Err(validator::ValidationError::new("country"))
    }
}

fn may_keep(actor: &Principal) -> ApiResult<()> {
    if matches!(actor.role, Role::Supervisor | Role::Admin) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

fn row_from(id: String, i: &AgencyInput, created: chrono::NaiveDateTime) -> AgencyRow {
    let licence = normalize_licence(&i.licence_number);
    AgencyRow {
        id,
        search_text: agencies::search_text(&i.name_vi, &i.name_zh, &licence),
        licence_number: licence,
        name_vi: i.name_vi.trim().into(),
        name_zh: i.name_zh.trim().into(),
        country: i.country.clone(),
        province: i.province.trim().into(),
        activities: i
            .activities
            .iter()
            .map(|s| s.trim().replace(',', " "))
            .collect::<Vec<_>>()
            .join(","),
        valid_until: i.valid_until,
        state: i.state.as_str().into(),
        source: i.source.trim().into(),
        created_at: created,
        updated_at: now(),
    }
}

pub fn create(
    conn: &mut DbConnection,
    actor: &Principal,
    input: AgencyInput,
) -> ApiResult<AgencyRow> {
    may_keep(actor)?;
    input.validate()?;
    let row = row_from(uuid::Uuid::now_v7().to_string(), &input, now());
    crate::db::write_transaction(conn, |conn| {
        if a::by_licence(conn, &row.licence_number)?.is_some() {
            return Err(ApiError::LicenceNumberTaken);
        }
        a::insert(conn, &row)?;
        audit::record(
            conn,
            actor,
            "agency.created",
            ("agency", &row.id),
            audit::NONE,
            Some(&row),
        )?;
        Ok(row)
    })
}

pub fn update(
    conn: &mut DbConnection,
    actor: &Principal,
    id: &str,
    input: AgencyInput,
) -> ApiResult<AgencyRow> {
    may_keep(actor)?;
    input.validate()?;
    crate::db::write_transaction(conn, |conn| {
        let before = a::find(conn, id)?.ok_or(ApiError::NotFound)?;
        let row = row_from(before.id.clone(), &input, before.created_at);
        if let Some(other) = a::by_licence(conn, &row.licence_number)?
            && other.id != row.id
        {
            return Err(ApiError::LicenceNumberTaken);
        }
        a::update(conn, &row)?;
        audit::record(
            conn,
            actor,
            "agency.updated",
            ("agency", id),
            Some(&before),
            Some(&row),
        )?;
        Ok(row)
    })
}
