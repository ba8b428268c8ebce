//! Vacancies from centres and verified employers, workers' job profiles, and the ranked
//! list a worker sees. Applications are in `job_applications`.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::{
    db::{
        DbConnection,
        models::{
            jobs::{self, Filter, ProfileRow, VacancyRow},
            papers,
        },
    },
    domain::{
        Role,
        agencies::search_key,
        matching::{self, Offer, Reason, Seeker, set_of},
        papers::PaperRules,
        vacancies,
    },
    error::{ApiError, ApiResult},
    i18n::{self, Lang},
    services::{access, audit, now, status, tokens::Principal},
    views::status::next_step_text,
};

#[derive(Debug, Clone, Serialize)]
pub struct SkillView {
    pub code: String,
    pub label: String,
}

fn label(row: &jobs::SkillRow, lang: Lang) -> String {
    match lang {
        Lang::Vi => row.label_vi.clone(),
        Lang::Zh => row.label_zh.clone(),
        Lang::En => row.label_en.clone(),
    }
}

pub fn skills(conn: &mut DbConnection, lang: Lang) -> ApiResult<Vec<SkillView>> {
    Ok(jobs::all_skills(conn)?
        .iter()
        .map(|s| SkillView {
            code: s.code.clone(),
            label: label(s, lang),
        })
        .collect())
}

fn check_skills(conn: &mut DbConnection, codes: &[String], field: &str) -> ApiResult<()> {
    let known = jobs::all_skills(conn)?;
    if codes.iter().all(|c| known.iter().any(|k| &k.code == c)) {
        Ok(())
    } else {
        Err(ApiError::field(field, "unknown_skill"))
    }
}

/// `PUT /v1/me/job-profile`.
#[derive(Debug, Clone, Deserialize, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct JobProfile {
    #[validate(length(max = 12))]
    #[serde(default)]
    pub skills: Vec<String>,
    #[validate(length(max = 6))]
    #[serde(default)]
    pub zones: Vec<String>,
    #[validate(range(min = 0, max = 100_000))]
    pub min_wage: Option<i32>,
    pub available_from: Option<NaiveDate>,
}

fn worker_only(actor: &Principal) -> ApiResult<()> {
    if actor.role == Role::Worker {
        Ok(())
    } else {
        Err(ApiError::NotFound)
    }
}

pub fn job_profile(conn: &mut DbConnection, actor: &Principal) -> ApiResult<JobProfile> {
    worker_only(actor)?;
    Ok(match jobs::profile(conn, actor.id.as_str())? {
        Some(p) => JobProfile {
            skills: set_of(&p.skills).into_iter().collect(),
            zones: set_of(&p.zones).into_iter().collect(),
            min_wage: p.min_wage,
            available_from: p.available_from,
        },
        None => JobProfile {
            skills: vec![],
            zones: vec![],
            min_wage: None,
            available_from: None,
        },
    })
}

pub fn save_job_profile(
    conn: &mut DbConnection,
    actor: &Principal,
    p: JobProfile,
) -> ApiResult<JobProfile> {
    worker_only(actor)?;
    p.validate()?;
    check_skills(conn, &p.skills, "skills")?;
    // Zones are stored comma-joined: a comma inside one would split it.
    if p.zones
        .iter()
        .any(|z| z.is_empty() || z.chars().count() > 40 || z.contains(','))
    {
        return Err(ApiError::field("zones", "length"));
    }
    let row = ProfileRow {
        user_id: actor.id.0.clone(),
        skills: p.skills.join(","),
        zones: p.zones.join(","),
        min_wage: p.min_wage,
        available_from: p.available_from,
        updated_at: now(),
    };
    crate::db::write_transaction(conn, |conn| Ok(jobs::save_profile(conn, &row)?))?;
    job_profile(conn, actor)
}

/// `POST /v1/vacancies`.
#[derive(Debug, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct NewVacancy {
    #[validate(length(min = 3, max = 120))]
    pub title_vi: String,
    #[validate(length(min = 2, max = 120))]
    pub title_zh: String,
    #[validate(length(min = 10, max = 4000))]
    pub description_vi: String,
    #[validate(length(min = 5, max = 4000))]
    pub description_zh: String,
    #[validate(length(min = 2, max = 40))]
    pub zone: String,
    #[validate(length(min = 2, max = 200))]
    pub workplace: String,
    #[validate(range(min = 1, max = 100_000))]
    pub wage_min: i32,
    #[validate(range(min = 1, max = 100_000))]
    pub wage_max: i32,
    #[validate(range(min = 1, max = 10_000))]
    pub headcount: i32,
    #[validate(length(min = 1, max = 8))]
    pub skills: Vec<String>,
    pub start_on: NaiveDate,
    pub end_on: Option<NaiveDate>,
    #[serde(default)]
    pub housing: bool,
    #[serde(default)]
    pub meals: bool,
    #[validate(length(min = 2, max = 200))]
    pub hours: String,
    #[validate(length(min = 2, max = 200))]
    pub contact: String,
    /// Centre staff may post for an employer; employers always post for themselves.
    pub employer_id: Option<String>,
    /// Open at once (default) or keep as a draft.
    #[serde(default = "yes")]
    pub open: bool,
}

fn yes() -> bool {
    true
}

/// An employer may open a vacancy only while its employer permit is valid through the
/// vacancy's start date.
fn check_permit(
    conn: &mut DbConnection,
    employer_id: Option<&str>,
    start_on: NaiveDate,
    today: NaiveDate,
) -> ApiResult<()> {
    let Some(e) = employer_id else {
        return Ok(());
    };
    let ok = papers::of_employer(conn, e, None)?.iter().any(|p| {
        p.kind == "employer_permit"
            && p.state == "active"
            && p.valid_from <= today
            && p.expires_on >= start_on
    });
    if ok {
        Ok(())
    } else {
        Err(ApiError::EmployerPermitInvalid)
    }
}

fn new_code(conn: &mut DbConnection) -> ApiResult<String> {
    for _ in 0..10 {
        let code = vacancies::short_code(rand::random());
        if !jobs::code_taken(conn, &code)? {
            return Ok(code);
        }
    }
    Err(anyhow::anyhow!("no free vacancy code after 10 tries").into())
}

pub fn create(
    conn: &mut DbConnection,
    actor: &Principal,
    n: NewVacancy,
    today: NaiveDate,
) -> ApiResult<VacancyRow> {
    let (centre_id, employer_id) = match actor.role {
        Role::Employer => {
            let own = access::own_employer(actor).ok_or(ApiError::Forbidden)?;
            if n.employer_id.as_deref().is_some_and(|e| e != own) {
                return Err(ApiError::Forbidden);
            }
            (None, Some(own.to_string()))
        }
        Role::CentreStaff => {
            let centre = access::own_centre(conn, actor)?.ok_or(ApiError::Forbidden)?;
            if let Some(e) = &n.employer_id
                && crate::db::models::employers::find(conn, e)?.is_none()
            {
                return Err(ApiError::field("employer_id", "unknown"));
            }
            (Some(centre.id), n.employer_id.clone())
        }
        _ => return Err(ApiError::Forbidden),
    };
    n.validate()?;
    if n.wage_max < n.wage_min {
        return Err(ApiError::field("wage_max", "below_wage_min"));
    }
    if n.end_on.is_some_and(|e| e < n.start_on) {
        return Err(ApiError::field("end_on", "before_start"));
    }
    check_skills(conn, &n.skills, "skills")?;
    if n.open {
        check_permit(conn, employer_id.as_deref(), n.start_on, today)?;
    }
    let at = now();
    let mut skills = n.skills.clone();
    skills.sort();
    skills.dedup();
    crate::db::write_transaction(conn, |conn| {
        let row = VacancyRow {
            id: uuid::Uuid::now_v7().to_string(),
            code: new_code(conn)?,
            centre_id,
            employer_id,
            posted_by: actor.id.0.clone(),
            search_text: format!(
                "{} | {} | {} | {}",
                search_key(&n.title_vi),
                search_key(&n.title_zh),
                search_key(&n.description_vi),
                search_key(&n.description_zh)
            ),
            title_vi: n.title_vi.trim().into(),
            title_zh: n.title_zh.trim().into(),
            description_vi: n.description_vi.trim().into(),
            description_zh: n.description_zh.trim().into(),
            zone: n.zone.trim().into(),
            workplace: n.workplace.trim().into(),
            wage_min: n.wage_min,
            wage_max: n.wage_max,
            headcount: n.headcount,
            skills: skills.join(","),
            start_on: n.start_on,
            end_on: n.end_on,
            housing: n.housing,
            meals: n.meals,
            hours: n.hours.trim().into(),
            contact: n.contact.trim().into(),
            state: if n.open { "open" } else { "draft" }.into(),
            created_at: at,
            updated_at: at,
        };
        jobs::insert_vacancy(conn, &row, &skills)?;
        audit::record(
            conn,
            actor,
            "vacancy.created",
            ("vacancy", &row.id),
            audit::NONE,
            Some(&row),
        )?;
        Ok(row)
    })
}

/// Marks open vacancies past their end date `expired` (the housekeeping loop).
pub fn expire(conn: &mut DbConnection, today: NaiveDate) -> ApiResult<usize> {
    Ok(jobs::expire_past(conn, today, now())?)
}

/// The vacancy, if `actor` posted it (the employer) or keeps its zone (centre staff);
/// anyone else: not found.
pub fn owned(conn: &mut DbConnection, actor: &Principal, id: &str) -> ApiResult<VacancyRow> {
    let v = jobs::find_vacancy(conn, id)?.ok_or(ApiError::NotFound)?;
    let ok = match actor.role {
        Role::Admin => true,
        Role::Employer => access::own_employer(actor) == v.employer_id.as_deref(),
        Role::CentreStaff => access::staff_zone(conn, actor)?.as_deref() == Some(v.zone.as_str()),
        _ => false,
    };
    if ok { Ok(v) } else { Err(ApiError::NotFound) }
}

pub fn set_state(
    conn: &mut DbConnection,
    actor: &Principal,
    id: &str,
    to: &str,
    today: NaiveDate,
) -> ApiResult<VacancyRow> {
    let v = owned(conn, actor, id)?;
    if !vacancies::vacancy_may_move(&v.state, to) {
        return Err(ApiError::InvalidTransition);
    }
    if to == "open" {
        check_permit(conn, v.employer_id.as_deref(), v.start_on, today)?;
    }
    crate::db::write_transaction(conn, |conn| {
        if jobs::set_vacancy_state(conn, &v.id, &v.state, to, now())? == 0 {
            return Err(ApiError::InvalidTransition);
        }
        let after = jobs::find_vacancy(conn, &v.id)?.ok_or(ApiError::NotFound)?;
        audit::record(
            conn,
            actor,
            "vacancy.state",
            ("vacancy", &v.id),
            Some(&v.state),
            Some(&after.state),
        )?;
        Ok(after)
    })
}

/// A vacancy as readers see it: title and description in their language.
#[derive(Debug, Clone, Serialize)]
pub struct VacancyView {
    pub id: String,
    pub code: String,
    pub title: String,
    pub description: String,
    pub title_vi: String,
    pub title_zh: String,
    pub zone: String,
    pub workplace: String,
    pub wage_min: i32,
    pub wage_max: i32,
    pub headcount: i32,
    pub skills: Vec<SkillView>,
    pub start_on: NaiveDate,
    pub end_on: Option<NaiveDate>,
    pub housing: bool,
    pub meals: bool,
    pub hours: String,
    pub contact: String,
    pub state: String,
    pub employer_id: Option<String>,
    pub centre_id: Option<String>,
}

pub fn view(v: VacancyRow, all: &[jobs::SkillRow], lang: Lang) -> VacancyView {
    let chinese = lang == Lang::Zh;
    VacancyView {
        title: if chinese { &v.title_zh } else { &v.title_vi }.clone(),
        description: if chinese {
            v.description_zh.clone()
        } else {
            v.description_vi.clone()
        },
        skills: set_of(&v.skills)
            .into_iter()
            .map(|code| SkillView {
                label: all
                    .iter()
                    .find(|s| s.code == code)
                    .map_or_else(|| code.clone(), |s| label(s, lang)),
                code,
            })
            .collect(),
        id: v.id,
        code: v.code,
        title_vi: v.title_vi,
        title_zh: v.title_zh,
        zone: v.zone,
        workplace: v.workplace,
        wage_min: v.wage_min,
        wage_max: v.wage_max,
        headcount: v.headcount,
        start_on: v.start_on,
        end_on: v.end_on,
        housing: v.housing,
        meals: v.meals,
        hours: v.hours,
        contact: v.contact,
        state: v.state,
        employer_id: v.employer_id,
        centre_id: v.centre_id,
    }
}

/// A page of vacancies and the cursor for the next one.
#[derive(Debug, Serialize)]
pub struct Page {
    pub items: Vec<VacancyView>,
    pub next_cursor: Option<String>,
}

/// Most vacancies one page lists (both lists; more is refused, not trimmed).
const MAX_PAGE: usize = 50;

fn check_page(limit: usize) -> ApiResult<()> {
    if (1..=MAX_PAGE).contains(&limit) {
        Ok(())
    } else {
        Err(ApiError::field("limit", "range"))
    }
}

pub fn cursor_of(v: &VacancyView) -> String {
    format!("{}_{}", v.start_on, v.id)
}

pub fn parse_cursor(c: &str) -> ApiResult<(NaiveDate, String)> {
    c.split_once('_')
        .and_then(|(d, id)| Some((d.parse().ok()?, id.to_string())))
        .ok_or_else(|| ApiError::field("cursor", "malformed"))
}

pub fn list(
    conn: &mut DbConnection,
    f: &Filter,
    lang: Lang,
    today: NaiveDate,
    limit: i64,
) -> ApiResult<Page> {
    check_page(usize::try_from(limit).unwrap_or(0))?;
    let all = jobs::all_skills(conn)?;
    let rows = jobs::shown(conn, f, today, limit + 1)?;
    let more = rows.len() as i64 > limit;
    let items: Vec<VacancyView> = rows
        .into_iter()
        .take(limit as usize)
        .map(|v| view(v, &all, lang))
        .collect();
    Ok(Page {
        next_cursor: if more {
            items.last().map(cursor_of)
        } else {
            None
        },
        items,
    })
}

/// One vacancy shown to anyone signed in: open and shown today, or owned by the asker.
pub fn get(
    conn: &mut DbConnection,
    actor: &Principal,
    id: &str,
    lang: Lang,
    today: NaiveDate,
) -> ApiResult<VacancyView> {
    let all = jobs::all_skills(conn)?;
    if let Ok(v) = owned(conn, actor, id) {
        return Ok(view(v, &all, lang));
    }
    let v = shown_one(conn, id, today)?.ok_or(ApiError::NotFound)?;
    Ok(view(v, &all, lang))
}

/// The vacancy if it is open and may be shown today.
pub fn shown_one(
    conn: &mut DbConnection,
    id: &str,
    today: NaiveDate,
) -> ApiResult<Option<VacancyRow>> {
    let f = Filter {
        id: Some(id.to_string()),
        ..Default::default()
    };
    Ok(jobs::shown(conn, &f, today, 1)?.into_iter().next())
}

/// A vacancy ranked for a worker, with the reasons in words.
#[derive(Debug, Serialize)]
pub struct Match {
    pub vacancy: VacancyView,
    pub score: u32,
    pub papers_cover_start: bool,
    pub reasons: Vec<Reason>,
    pub explanation: Vec<String>,
    /// When the papers do not cover the start date: what to do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_step: Option<String>,
}

pub fn reason_text(lang: Lang, r: &Reason) -> String {
    match r {
        Reason::Skills { matched, wanted } => i18n::t(
            lang,
            "match-skills",
            &[
                ("matched", (*matched as u64).into()),
                ("wanted", (*wanted as u64).into()),
            ],
        ),
        other => {
            let code = serde_json::to_value(other)
                .ok()
                .and_then(|v| v["code"].as_str().map(str::to_string))
                .unwrap_or_default();
            i18n::t(lang, &format!("match-{}", code.replace('_', "-")), &[])
        }
    }
}

/// The worker's seeker profile: job profile plus how long their papers allow work.
pub fn seeker(
    conn: &mut DbConnection,
    worker_id: &str,
    today: NaiveDate,
    rules: &PaperRules,
) -> ApiResult<(Seeker, status::WorkerStatus)> {
    let p = jobs::profile(conn, worker_id)?;
    let s = status::worker_status(
        conn,
        worker_id,
        today,
        rules,
        status::NumberVisibility::None,
    )?;
    Ok((
        Seeker {
            skills: p.as_ref().map(|p| set_of(&p.skills)).unwrap_or_default(),
            zones: p.as_ref().map(|p| set_of(&p.zones)).unwrap_or_default(),
            min_wage: p.as_ref().and_then(|p| p.min_wage),
            available_from: p.as_ref().and_then(|p| p.available_from),
            legal_until: s.verdict.legal_until,
        },
        s,
    ))
}

/// `GET /v1/me/vacancies`: the database narrows (open, shown, in the worker's zones or
/// skills), the scoring function ranks; at most `limit`.
pub fn for_worker(
    conn: &mut DbConnection,
    actor: &Principal,
    lang: Lang,
    today: NaiveDate,
    rules: &PaperRules,
    limit: usize,
) -> ApiResult<Vec<Match>> {
    worker_only(actor)?;
    check_page(limit)?;
    let (seeker, status) = seeker(conn, actor.id.as_str(), today, rules)?;
    // The database narrows (in the worker's zones; with one of their skills), reading
    // only what ranking needs; the texts are read for the few shown.
    let mut keys = Vec::new();
    if !seeker.zones.is_empty() {
        let f = Filter {
            zones: seeker.zones.iter().cloned().collect(),
            ..Default::default()
        };
        keys.extend(jobs::shown_keys(conn, &f, today, NARROW)?);
    }
    if !seeker.skills.is_empty() {
        let f = Filter {
            skills: seeker.skills.iter().cloned().collect(),
            ..Default::default()
        };
        keys.extend(jobs::shown_keys(conn, &f, today, NARROW)?);
    }
    if keys.is_empty() {
        keys = jobs::shown_keys(conn, &Filter::default(), today, NARROW)?;
    }
    keys.sort_by(|a, b| a.id.cmp(&b.id));
    keys.dedup_by(|a, b| a.id == b.id);
    let offers: Vec<Offer<'_>> = keys
        .iter()
        .map(|k| Offer {
            id: &k.id,
            skills: set_of(&k.skills),
            zone: &k.zone,
            wage_min: k.wage_min,
            wage_max: k.wage_max,
            start_on: k.start_on,
        })
        .collect();
    let ranked: Vec<_> = matching::rank(&seeker, &offers)
        .into_iter()
        .take(limit)
        .collect();
    let ids: Vec<String> = ranked.iter().map(|(o, _)| o.id.to_string()).collect();
    let rows = jobs::vacancies_by_ids(conn, &ids)?;
    let all = jobs::all_skills(conn)?;
    let centre = status::centre_name(conn, actor.id.as_str(), lang)?;
    let fix = next_step_text(lang, &status.next_step, centre.as_deref());
    Ok(ranked
        .into_iter()
        .filter_map(|(o, score)| {
            let row = rows.iter().find(|r| r.id == o.id)?.clone();
            Some(Match {
                explanation: score.reasons.iter().map(|r| reason_text(lang, r)).collect(),
                next_step: (!score.papers_cover_start).then(|| fix.clone()),
                vacancy: view(row, &all, lang),
                score: score.points,
                papers_cover_start: score.papers_cover_start,
                reasons: score.reasons,
            })
        })
        .collect())
}

/// How many vacancies each narrowing query hands to the ranking.
const NARROW: i64 = 200;
