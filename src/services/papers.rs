//! Officers' records: employers, employments and papers, each change audited.
use chrono::{NaiveDate, TimeDelta};
use serde::Deserialize;
use validator::Validate;

use crate::{
    db::{
        DbConnection, is_unique_violation,
        models::{
            employers, employers::EmployerRow, employers::EmploymentRow, papers, papers::PaperRow,
            users,
        },
    },
    domain::{
        Role,
        papers::{
            Holder, PaperKind, PaperRules, PaperState, RenewalError, check_new_paper, renewal_term,
        },
    },
    error::{ApiError, ApiResult, FieldErrors},
    services::{access, audit, now, tokens::Principal},
};

fn fields(errors: impl IntoIterator<Item = (&'static str, &'static str)>) -> ApiError {
    let mut map = FieldErrors::new();
    for (f, r) in errors {
        map.entry(f.to_string()).or_default().push(r.to_string());
    }
    ApiError::Validation(map)
}

fn validated<T: Validate>(v: &T) -> ApiResult<()> {
    v.validate().map_err(ApiError::from)
}

/// `POST /v1/workers/{id}/papers` and `POST /v1/employers/{id}/papers`.
#[derive(Debug, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct RecordPaper {
    pub kind: PaperKind,
    #[validate(length(min = 1, max = 64))]
    pub number: String,
    #[validate(length(min = 1, max = 200))]
    pub authority: String,
    pub issued_on: NaiveDate,
    pub valid_from: NaiveDate,
    /// The standard term when absent (residence, stay, health); required otherwise.
    pub expires_on: Option<NaiveDate>,
    /// The employer a work permit is tied to.
    pub employer_id: Option<String>,
    /// For papers an employer holds for one worker (agreement, insurances).
    pub worker_id: Option<String>,
    /// Day of the last entry on a border pass (opens the 72-hour window).
    pub entered_on: Option<NaiveDate>,
}

/// Stores a paper row; a number already active for its kind is a 409.
fn insert_row(conn: &mut DbConnection, row: &PaperRow) -> ApiResult<()> {
    papers::insert(conn, row).map_err(|e| {
        if is_unique_violation(&e) {
            ApiError::PaperNumberTaken
        } else {
            e.into()
        }
    })
}

struct Holders {
    worker_id: Option<String>,
    employer_id: Option<String>,
}

fn insert_paper(
    conn: &mut DbConnection,
    actor: &Principal,
    req: RecordPaper,
    holders: Holders,
    zone: String,
    rules: &PaperRules,
    today: NaiveDate,
) -> ApiResult<PaperRow> {
    let expires_on = check_new_paper(
        req.kind,
        req.issued_on,
        req.valid_from,
        req.expires_on,
        today,
        rules,
    )
    .map_err(fields)?;
    let now = now();
    let row = PaperRow {
        id: uuid::Uuid::now_v7().to_string(),
        kind: req.kind.as_str().into(),
        number: req.number.trim().to_string(),
        authority: req.authority.trim().to_string(),
        issued_on: req.issued_on,
        valid_from: req.valid_from,
        expires_on,
        state: PaperState::Active.as_str().into(),
        renewals: 0,
        series_start: req.valid_from,
        worker_id: holders.worker_id,
        employer_id: holders.employer_id,
        zone,
        entered_on: req
            .entered_on
            .filter(|_| req.kind == PaperKind::VnBorderPass),
        supersedes_id: None,
        revoked_reason: None,
        recorded_by: actor.id.0.clone(),
        created_at: now,
        updated_at: now,
    };
    insert_row(conn, &row)?;
    audit::record(
        conn,
        actor,
        "paper.recorded",
        ("paper", &row.id),
        audit::NONE,
        Some(&row),
    )?;
    Ok(row)
}

/// An officer records one of a worker's own papers.
pub fn record_worker_paper(
    conn: &mut DbConnection,
    actor: &Principal,
    worker_id: &str,
    req: RecordPaper,
    rules: &PaperRules,
    today: NaiveDate,
) -> ApiResult<PaperRow> {
    validated(&req)?;
    let zone = access::can_record_for_worker(conn, actor, worker_id)?;
    if req.kind.holder() != Holder::Worker {
        return Err(fields([("kind", "not_a_worker_paper")]));
    }
    if req.worker_id.is_some() {
        return Err(fields([("worker_id", "not_allowed")]));
    }
    let employer_id = match (req.kind, req.employer_id.as_deref()) {
        (PaperKind::CnWorkPermit, None) => return Err(fields([("employer_id", "required")])),
        (PaperKind::CnWorkPermit, Some(id)) => {
            employers::find(conn, id)?
                .ok_or_else(|| fields([("employer_id", "unknown_employer")]))?;
            Some(id.to_string())
        }
        (_, Some(_)) => return Err(fields([("employer_id", "not_allowed")])),
        (_, None) => None,
    };
    crate::db::write_transaction(conn, |conn| {
        let holders = Holders {
            worker_id: Some(worker_id.to_string()),
            employer_id,
        };
        insert_paper(conn, actor, req, holders, zone, rules, today)
    })
}

/// An officer records a paper the employer holds (its permit, or one for a worker).
pub fn record_employer_paper(
    conn: &mut DbConnection,
    actor: &Principal,
    employer_id: &str,
    req: RecordPaper,
    rules: &PaperRules,
    today: NaiveDate,
) -> ApiResult<PaperRow> {
    validated(&req)?;
    let employer = access::can_manage_employer(conn, actor, employer_id)?;
    if req
        .employer_id
        .as_deref()
        .is_some_and(|id| id != employer_id)
    {
        return Err(fields([("employer_id", "not_allowed")]));
    }
    let worker_id = match (req.kind.holder(), req.worker_id.as_deref()) {
        (Holder::Worker, _) => return Err(fields([("kind", "not_an_employer_paper")])),
        (Holder::Employer, None) => None,
        (Holder::Employer, Some(_)) => return Err(fields([("worker_id", "not_allowed")])),
        (Holder::EmployerForWorker, None) => return Err(fields([("worker_id", "required")])),
        (Holder::EmployerForWorker, Some(w)) => {
            let is_worker = users::is_worker(conn, w)?;
            if !is_worker {
                return Err(fields([("worker_id", "unknown_worker")]));
            }
            Some(w.to_string())
        }
    };
    crate::db::write_transaction(conn, |conn| {
        let holders = Holders {
            worker_id,
            employer_id: Some(employer.id.clone()),
        };
        insert_paper(
            conn,
            actor,
            req,
            holders,
            employer.zone.clone(),
            rules,
            today,
        )
    })
}

#[derive(Debug, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Renewal {
    /// The new expiry; the standard extension when absent (where there is one).
    pub expires_on: Option<NaiveDate>,
    /// A new number, when the renewed paper has one.
    #[validate(length(min = 1, max = 64))]
    pub number: Option<String>,
    pub issued_on: Option<NaiveDate>,
}

/// Renews a paper: a new active row continues it, the old row is superseded.
pub fn renew(
    conn: &mut DbConnection,
    actor: &Principal,
    paper_id: &str,
    req: Renewal,
    rules: &PaperRules,
    today: NaiveDate,
) -> ApiResult<PaperRow> {
    validated(&req)?;
    let old = access::can_change_paper(conn, actor, paper_id)?;
    if old.expires_on < today {
        // A lapsed paper is not renewed: a new one is issued.
        return Err(ApiError::PaperNotActive);
    }
    let paper = crate::services::status::to_domain(&old)?;
    let expires_on = renewal_term(&paper, req.expires_on, rules).map_err(|e| match e {
        RenewalError::NotActive => ApiError::PaperNotActive,
        RenewalError::LimitReached => ApiError::RenewalLimitReached,
        RenewalError::ExtensionTooLong => fields([("expires_on", "too_long")]),
        RenewalError::ExpiryRequired => fields([("expires_on", "required")]),
        RenewalError::NotAnExtension => fields([("expires_on", "not_an_extension")]),
    })?;
    let issued_on = req.issued_on.unwrap_or(today);
    if issued_on > today {
        return Err(fields([("issued_on", "in_future")]));
    }
    let now = now();
    let new = PaperRow {
        id: uuid::Uuid::now_v7().to_string(),
        number: req
            .number
            .map(|n| n.trim().to_string())
            .unwrap_or_else(|| old.number.clone()),
        issued_on,
        expires_on,
        renewals: old.renewals + 1,
        state: PaperState::Active.as_str().into(),
        supersedes_id: Some(old.id.clone()),
        recorded_by: actor.id.0.clone(),
        created_at: now,
        updated_at: now,
        ..old.clone()
    };
    crate::db::write_transaction(conn, |conn| {
        if end_paper(conn, &old.id, PaperState::Superseded, None, now)? == 0 {
            return Err(ApiError::PaperNotActive);
        }
        insert_row(conn, &new)?;
        audit::record(
            conn,
            actor,
            "paper.renewed",
            ("paper", &old.id),
            Some(&old),
            Some(&new),
        )?;
        audit::record(
            conn,
            actor,
            "paper.recorded",
            ("paper", &new.id),
            audit::NONE,
            Some(&new),
        )?;
        if let Some(worker_id) = &new.worker_id {
            crate::services::applications::after_renewal(conn, actor, worker_id)?;
        }
        Ok(new)
    })
}

#[derive(Debug, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Revocation {
    #[validate(length(min = 3, max = 500))]
    pub reason: String,
}

/// Ends an active paper and cancels the reminders still planned for it (the planner
/// plans its successor's). 0 when the paper was no longer active.
fn end_paper(
    conn: &mut DbConnection,
    id: &str,
    state: PaperState,
    reason: Option<&str>,
    now: chrono::NaiveDateTime,
) -> ApiResult<usize> {
    let ended = papers::end_active(conn, id, state.as_str(), reason, now)?;
    if ended > 0 {
        crate::db::models::reminders::cancel_for_paper(conn, id, now)?;
    }
    Ok(ended)
}

pub fn revoke(
    conn: &mut DbConnection,
    actor: &Principal,
    paper_id: &str,
    req: Revocation,
) -> ApiResult<PaperRow> {
    validated(&req)?;
    let old = access::can_change_paper(conn, actor, paper_id)?;
    crate::db::write_transaction(conn, |conn| {
        let now = now();
        if end_paper(
            conn,
            &old.id,
            PaperState::Revoked,
            Some(req.reason.trim()),
            now,
        )? == 0
        {
            return Err(ApiError::PaperNotActive);
        }
        let new = papers::find(conn, &old.id)?.ok_or(ApiError::NotFound)?;
        audit::record(
            conn,
            actor,
            "paper.revoked",
            ("paper", &old.id),
            Some(&old),
            Some(&new),
        )?;
        Ok(new)
    })
}

/// `POST /v1/employers`.
#[derive(Debug, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct NewEmployer {
    #[validate(length(min = 1, max = 200))]
    pub name_zh: String,
    #[validate(length(min = 1, max = 200))]
    pub name_vi: Option<String>,
    /// Unified social credit code (统一社会信用代码): 18 characters.
    #[validate(length(equal = 18))]
    pub credit_code: String,
    #[validate(length(min = 1, max = 100))]
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
}

/// An officer registers an employer in their zone.
pub fn create_employer(
    conn: &mut DbConnection,
    actor: &Principal,
    req: NewEmployer,
) -> ApiResult<EmployerRow> {
    validated(&req)?;
    let zone = match actor.role {
        Role::Officer => access::staff_zone(conn, actor)?.ok_or(ApiError::Forbidden)?,
        _ => return Err(ApiError::Forbidden),
    };
    let phone = match req.contact_phone.as_deref() {
        Some(p) => Some(
            crate::domain::Phone::parse(p)
                .map_err(|_| fields([("contact_phone", "invalid_phone")]))?,
        ),
        None => None,
    };
    let now = now();
    let row = EmployerRow {
        id: uuid::Uuid::now_v7().to_string(),
        name_zh: req.name_zh.trim().into(),
        name_vi: req.name_vi.map(|n| n.trim().to_string()),
        credit_code: req.credit_code.trim().to_uppercase(),
        zone,
        contact_name: req.contact_name,
        contact_phone: phone.map(|p| p.to_string()),
        created_at: now,
        updated_at: now,
    };
    crate::db::write_transaction(conn, |conn| {
        match employers::insert(conn, &row) {
            Ok(()) => {}
            Err(e) if is_unique_violation(&e) => return Err(fields([("credit_code", "taken")])),
            Err(e) => return Err(e.into()),
        }
        audit::record(
            conn,
            actor,
            "employer.created",
            ("employer", &row.id),
            audit::NONE,
            Some(&row),
        )?;
        Ok(row)
    })
}

/// `POST /v1/employers/{id}/employments`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewEmployment {
    pub worker_id: String,
    pub start_on: NaiveDate,
    pub end_on: Option<NaiveDate>,
}

/// Records that a worker works for an employer; an open earlier employment ends the day
/// before.
pub fn add_employment(
    conn: &mut DbConnection,
    actor: &Principal,
    employer_id: &str,
    req: NewEmployment,
) -> ApiResult<EmploymentRow> {
    let employer = access::can_manage_employer(conn, actor, employer_id)?;
    if req.end_on.is_some_and(|end| end < req.start_on) {
        return Err(fields([("end_on", "before_start")]));
    }
    if !users::is_worker(conn, &req.worker_id)? {
        return Err(fields([("worker_id", "unknown_worker")]));
    }
    let now = now();
    let row = EmploymentRow {
        id: uuid::Uuid::now_v7().to_string(),
        worker_id: req.worker_id.clone(),
        employer_id: employer.id,
        start_on: req.start_on,
        end_on: req.end_on,
        created_at: now,
        updated_at: now,
    };
    crate::db::write_transaction(conn, |conn| {
        employers::close_open_employments(
            conn,
            &req.worker_id,
            req.start_on - TimeDelta::days(1),
            now,
        )?;
        employers::insert_employment(conn, &row)?;
        audit::record(
            conn,
            actor,
            "employment.recorded",
            ("worker", &row.worker_id),
            audit::NONE,
            Some(&row),
        )?;
        Ok(row)
    })
}
