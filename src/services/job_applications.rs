//! Applying for a vacancy (app, SMS `VIEC <code>`, USSD), withdrawing, and the owner's
//! inbox and decisions. Every state change sends the worker a Vietnamese SMS through the
//! outbox in the same transaction; `hired` records the employment the verdict uses.
use chrono::{NaiveDate, TimeDelta};
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::{
    config::SmsSettings,
    db::{
        DbConnection,
        models::{
            employers::{self, EmploymentRow},
            jobs::{self, ApplicationRow, VacancyRow},
            users,
        },
    },
    domain::{
        Phone, Role,
        matching::{self, Offer},
        papers::PaperRules,
        vacancies,
    },
    error::{ApiError, ApiResult},
    i18n::{self, Lang},
    services::{audit, jobs as vacs, now, tokens::Principal},
    sms::{self, Outbound, SmsKind},
};

pub use crate::domain::channel::Channel;

/// The vacancy as the scoring function sees it.
fn offer_of(v: &VacancyRow) -> Offer<'_> {
    Offer {
        id: &v.id,
        skills: matching::set_of(&v.skills),
        zone: &v.zone,
        wage_min: v.wage_min,
        wage_max: v.wage_max,
        start_on: v.start_on,
    }
}

/// Queues the worker's SMS about their application (opt-out honoured by the queue).
fn notify(
    conn: &mut DbConnection,
    worker_id: &str,
    v: &VacancyRow,
    app_id: &str,
    state: &str,
    settings: &SmsSettings,
) -> ApiResult<()> {
    let Some(w) = users::find(conn, worker_id)? else {
        return Ok(());
    };
    let Some(phone) = w.phone.as_deref().and_then(|p| Phone::parse(p).ok()) else {
        return Ok(());
    };
    let lang = Lang::parse(&w.language).unwrap_or_default();
    let title = if lang == Lang::Zh {
        &v.title_zh
    } else {
        &v.title_vi
    };
    let body = i18n::t(
        lang,
        &format!("sms-job-{state}"),
        &[
            ("title", title.clone().into()),
            ("code", v.code.clone().into()),
        ],
    );
    let key = format!("job:{app_id}:{state}");
    sms::queue(
        conn,
        &Outbound {
            recipient: &phone,
            body: &body,
            lang,
            kind: SmsKind::Notice,
            idempotency_key: &key,
            expires_at: Some(now() + TimeDelta::days(3)),
            essential: false,
        },
        settings,
        now(),
    )?;
    Ok(())
}

/// A worker applies for a vacancy shown today. Applying twice is one application; a
/// withdrawn one is reopened.
pub fn apply(
    conn: &mut DbConnection,
    actor: &Principal,
    vacancy_id: &str,
    channel: Channel,
    today: NaiveDate,
    settings: &SmsSettings,
) -> ApiResult<ApplicationRow> {
    if actor.role != Role::Worker {
        return Err(ApiError::Forbidden);
    }
    let v = vacs::shown_one(conn, vacancy_id, today)?.ok_or(ApiError::NotFound)?;
    crate::db::write_transaction(conn, |conn| {
        let at = now();
        let row = match jobs::application_of(conn, &v.id, actor.id.as_str())? {
            Some(a) if a.state != "withdrawn" => return Ok(a),
            Some(a) => {
                jobs::set_application_state(conn, &a.id, "withdrawn", "applied", None, at)?;
                jobs::find_application(conn, &a.id)?.ok_or(ApiError::NotFound)?
            }
            None => {
                let row = ApplicationRow {
                    id: uuid::Uuid::now_v7().to_string(),
                    vacancy_id: v.id.clone(),
                    worker_id: actor.id.0.clone(),
                    state: "applied".into(),
                    channel: channel.as_str().into(),
                    reason: None,
                    created_at: at,
                    updated_at: at,
                };
                jobs::insert_application(conn, &row)?;
                row
            }
        };
        notify(conn, &row.worker_id, &v, &row.id, "applied", settings)?;
        Ok(row)
    })
}

pub fn withdraw(
    conn: &mut DbConnection,
    actor: &Principal,
    application_id: &str,
    settings: &SmsSettings,
) -> ApiResult<ApplicationRow> {
    let a = jobs::find_application(conn, application_id)?
        .filter(|a| a.worker_id == actor.id.as_str())
        .ok_or(ApiError::NotFound)?;
    if !vacancies::application_may_move(&a.state, "withdrawn") {
        return Err(ApiError::InvalidTransition);
    }
    let v = jobs::find_vacancy(conn, &a.vacancy_id)?.ok_or(ApiError::NotFound)?;
    crate::db::write_transaction(conn, |conn| {
        if jobs::set_application_state(conn, &a.id, &a.state, "withdrawn", None, now())? == 0 {
            return Err(ApiError::InvalidTransition);
        }
        notify(conn, &a.worker_id, &v, &a.id, "withdrawn", settings)?;
        jobs::find_application(conn, &a.id)?.ok_or(ApiError::NotFound)
    })
}

pub fn mine(conn: &mut DbConnection, actor: &Principal) -> ApiResult<Vec<ApplicationRow>> {
    Ok(jobs::applications_of_worker(conn, actor.id.as_str())?)
}

/// An applicant as the vacancy's owner sees them: before shortlisting no phone number
/// or birth date.
#[derive(Debug, Serialize)]
pub struct Applicant {
    pub application_id: String,
    pub state: String,
    pub display_name: String,
    pub skills: Vec<String>,
    pub zones: Vec<String>,
    pub available_from: Option<NaiveDate>,
    pub score: u32,
    pub explanation: Vec<String>,
    pub papers_cover_start: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<NaiveDate>,
}

/// Given name and initial only ("An N."): enough to tell applicants apart.
fn display_name(full: Option<&str>) -> String {
    let Some(full) = full.filter(|f| !f.trim().is_empty()) else {
        return "—".into();
    };
    let words: Vec<&str> = full.split_whitespace().collect();
    let given = words.last().copied().unwrap_or_default();
    match words.first().and_then(|f| f.chars().next()) {
        Some(initial) if words.len() > 1 => format!("{given} {initial}."),
        _ => given.to_string(),
    }
}

/// The vacancy's applications, best match first (the same scoring as the worker's list).
pub fn inbox(
    conn: &mut DbConnection,
    actor: &Principal,
    vacancy_id: &str,
    lang: Lang,
    today: NaiveDate,
    rules: &PaperRules,
) -> ApiResult<Vec<Applicant>> {
    let v = vacs::owned(conn, actor, vacancy_id)?;
    let offer = offer_of(&v);
    let mut out = Vec::new();
    for a in jobs::applications_for(conn, &v.id)? {
        let (seeker, _) = vacs::seeker(conn, &a.worker_id, today, rules)?;
        let score = matching::score(&seeker, &offer);
        let user = users::find(conn, &a.worker_id)?;
        let visible = vacancies::contact_visible(&a.state);
        out.push(Applicant {
            display_name: display_name(user.as_ref().and_then(|u| u.full_name.as_deref())),
            phone: user
                .as_ref()
                .and_then(|u| u.phone.clone())
                .filter(|_| visible),
            birth_date: user.as_ref().and_then(|u| u.birth_date).filter(|_| visible),
            skills: seeker.skills.iter().cloned().collect(),
            zones: seeker.zones.iter().cloned().collect(),
            available_from: seeker.available_from,
            explanation: score
                .reasons
                .iter()
                .map(|r| vacs::reason_text(lang, r))
                .collect(),
            score: score.points,
            papers_cover_start: score.papers_cover_start,
            application_id: a.id,
            state: a.state,
        });
    }
    out.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(a.application_id.cmp(&b.application_id))
    });
    Ok(out)
}

/// `GET /v1/vacancies/{id}/candidates`: workers who match (the database narrows by
/// skill or zone in their job profile), are legal to work today, ranked by the same
/// score — without phone or birth date.
pub fn candidates(
    conn: &mut DbConnection,
    actor: &Principal,
    vacancy_id: &str,
    lang: Lang,
    today: NaiveDate,
    rules: &PaperRules,
) -> ApiResult<Vec<Applicant>> {
    let v = vacs::owned(conn, actor, vacancy_id)?;
    let skills: Vec<String> = matching::set_of(&v.skills).into_iter().collect();
    let offer = offer_of(&v);
    let mut out = Vec::new();
    for p in jobs::profiles_matching(conn, &skills, &v.zone, 300)? {
        let (seeker, status) = vacs::seeker(conn, &p.user_id, today, rules)?;
        if !status.verdict.legal {
            continue; // not legal today: papers first (the worker sees the next step)
        }
        let score = matching::score(&seeker, &offer);
        let user = users::find(conn, &p.user_id)?;
        let state = jobs::application_of(conn, &v.id, &p.user_id)?.map(|a| a.state);
        out.push(Applicant {
            application_id: String::new(),
            state: state.unwrap_or_else(|| "not_applied".into()),
            display_name: display_name(user.as_ref().and_then(|u| u.full_name.as_deref())),
            skills: seeker.skills.iter().cloned().collect(),
            zones: seeker.zones.iter().cloned().collect(),
            available_from: seeker.available_from,
            explanation: score
                .reasons
                .iter()
                .map(|r| vacs::reason_text(lang, r))
                .collect(),
            score: score.points,
            papers_cover_start: score.papers_cover_start,
            phone: None,
            birth_date: None,
        });
    }
    out.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(a.display_name.cmp(&b.display_name))
    });
    Ok(out)
}

/// `POST /v1/vacancies/{id}/decisions`: one decision for several applications.
#[derive(Debug, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    #[validate(length(min = 1, max = 200))]
    pub application_ids: Vec<String>,
    /// `shortlisted`, `rejected` or `hired`.
    pub state: String,
    #[validate(length(max = 500))]
    pub reason: Option<String>,
}

/// Applies a decision to every listed application of the vacancy, all or nothing.
pub fn decide(
    conn: &mut DbConnection,
    actor: &Principal,
    vacancy_id: &str,
    d: Decision,
    settings: &SmsSettings,
) -> ApiResult<Vec<ApplicationRow>> {
    d.validate()?;
    if !matches!(d.state.as_str(), "shortlisted" | "rejected" | "hired") {
        return Err(ApiError::field("state", "unknown"));
    }
    let v = vacs::owned(conn, actor, vacancy_id)?;
    crate::db::write_transaction(conn, |conn| {
        let at = now();
        let mut out = Vec::new();
        for id in &d.application_ids {
            let a = jobs::find_application(conn, id)?
                .filter(|a| a.vacancy_id == v.id)
                .ok_or(ApiError::NotFound)?;
            if !vacancies::application_may_move(&a.state, &d.state)
                || jobs::set_application_state(
                    conn,
                    &a.id,
                    &a.state,
                    &d.state,
                    d.reason.as_deref(),
                    at,
                )? == 0
            {
                return Err(ApiError::InvalidTransition);
            }
            if d.state == "hired"
                && let Some(employer_id) = &v.employer_id
            {
                let start = v.start_on.max(at.date());
                employers::close_open_employments(
                    conn,
                    &a.worker_id,
                    start - TimeDelta::days(1),
                    at,
                )?;
                let employment = EmploymentRow {
                    id: uuid::Uuid::now_v7().to_string(),
                    worker_id: a.worker_id.clone(),
                    employer_id: employer_id.clone(),
                    start_on: start,
                    end_on: v.end_on.filter(|e| *e >= start),
                    created_at: at,
                    updated_at: at,
                };
                employers::insert_employment(conn, &employment)?;
                audit::record(
                    conn,
                    actor,
                    "employment.recorded",
                    ("worker", &a.worker_id),
                    audit::NONE,
                    Some(&employment),
                )?;
            }
            notify(conn, &a.worker_id, &v, &a.id, &d.state, settings)?;
            out.push(jobs::find_application(conn, &a.id)?.ok_or(ApiError::NotFound)?);
        }
        audit::record(
            conn,
            actor,
            "job_applications.decided",
            ("vacancy", &v.id),
            audit::NONE,
            Some(&out),
        )?;
        Ok(out)
    })
}

/// `VIEC`: the worker's top three vacancies with their codes, in one SMS.
pub fn sms_top(
    conn: &mut DbConnection,
    actor: &Principal,
    lang: Lang,
    today: NaiveDate,
    rules: &PaperRules,
) -> ApiResult<String> {
    let top = vacs::for_worker(conn, actor, lang, today, rules, 3)?;
    if top.is_empty() {
        return Ok(i18n::t(lang, "sms-jobs-none", &[]));
    }
    let lines: Vec<String> = top
        .iter()
        .map(|m| {
            format!(
                "{} {} {}-{} CNY",
                m.vacancy.code,
                m.vacancy.title.chars().take(28).collect::<String>(),
                m.vacancy.wage_min,
                m.vacancy.wage_max
            )
        })
        .collect();
    Ok(i18n::t(
        lang,
        "sms-jobs-top",
        &[("jobs", lines.join("; ").into())],
    ))
}

/// `VIEC <code>`: apply by SMS.
pub fn sms_apply(
    conn: &mut DbConnection,
    actor: &Principal,
    code: &str,
    lang: Lang,
    today: NaiveDate,
    settings: &SmsSettings,
) -> ApiResult<Option<String>> {
    let code = code.trim().to_uppercase();
    let Some(v) = jobs::vacancy_by_code(conn, &code)? else {
        return Ok(Some(i18n::t(
            lang,
            "sms-jobs-unknown-code",
            &[("code", code.into())],
        )));
    };
    match apply(conn, actor, &v.id, Channel::Sms, today, settings) {
        // The confirmation goes out as the application's own notice.
        Ok(_) => Ok(None),
        Err(ApiError::NotFound) => Ok(Some(i18n::t(
            lang,
            "sms-jobs-unknown-code",
            &[("code", code.into())],
        ))),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::display_name;

    #[test]
    fn display_names_keep_the_given_name_and_an_initial() {
        assert_eq!(display_name(Some("Nguyễn Văn An")), "An N.");
        assert_eq!(display_name(Some("Mai")), "Mai");
        assert_eq!(display_name(None), "—");
    }
}
