//! Who may see which worker, paper and employer: one place for every rule, so every
//! channel and route asks the same question. A refusal is `NotFound`, never
//! `Forbidden`, so ids cannot be probed.
use chrono::NaiveDate;

use crate::{
    db::{
        DbConnection,
        models::{centres, employers, papers, users},
    },
    domain::{Role, Scope},
    error::{ApiError, ApiResult},
    services::tokens::Principal,
};

/// The zone an officer's or a centre's staff authority covers.
pub fn staff_zone(conn: &mut DbConnection, p: &Principal) -> ApiResult<Option<String>> {
    Ok(match (&p.role, &p.scope) {
        (Role::Officer | Role::Supervisor, Some(Scope::Zone(z))) => Some(z.clone()),
        (Role::CentreStaff, Some(Scope::Centre(code))) => {
            centres::find_by_code(conn, code)?.map(|c| c.zone)
        }
        _ => None,
    })
}

/// The centre a centre-staff account works at.
pub fn own_centre(conn: &mut DbConnection, p: &Principal) -> ApiResult<Option<centres::CentreRow>> {
    Ok(match (&p.role, &p.scope) {
        (Role::CentreStaff, Some(Scope::Centre(code))) => centres::find_by_code(conn, code)?,
        _ => None,
    })
}

/// The employer a signed-in employer account acts for.
pub fn own_employer(p: &Principal) -> Option<&str> {
    match (&p.role, &p.scope) {
        (Role::Employer, Some(Scope::Employer(id))) => Some(id),
        _ => None,
    }
}

/// Whether the worker is linked to `zone`: a paper recorded there, or an employer there.
fn worker_in_zone(
    conn: &mut DbConnection,
    worker_id: &str,
    zone: &str,
    on: NaiveDate,
) -> ApiResult<bool> {
    if papers::worker_has_paper_in_zone(conn, worker_id, zone)? {
        return Ok(true);
    }
    for e in employers::employments_of_worker(conn, worker_id)? {
        if e.end_on.is_none_or(|end| end >= on)
            && employers::find(conn, &e.employer_id)?.is_some_and(|emp| emp.zone == zone)
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether the employer employs the worker on `on` (or from a later start).
fn employs(
    conn: &mut DbConnection,
    employer_id: &str,
    worker_id: &str,
    on: NaiveDate,
) -> ApiResult<bool> {
    Ok(employers::current_employments(conn, employer_id, on)?
        .iter()
        .any(|e| e.worker_id == worker_id))
}

/// May `p` read this worker's papers and status? Supervisors and admins read everything
/// (supervisors' reads are audited by the caller).
pub fn can_read_worker(
    conn: &mut DbConnection,
    p: &Principal,
    worker_id: &str,
    on: NaiveDate,
) -> ApiResult<()> {
    let allowed = match p.role {
        Role::Worker => p.id.0 == worker_id,
        Role::Supervisor | Role::Admin => true,
        Role::Officer | Role::CentreStaff => match staff_zone(conn, p)? {
            Some(zone) => worker_in_zone(conn, worker_id, &zone, on)?,
            None => false,
        },
        Role::Employer => match own_employer(p) {
            Some(id) => employs(conn, id, worker_id, on)?,
            None => false,
        },
    };
    let is_worker = users::is_worker(conn, worker_id)?;
    if allowed && is_worker {
        Ok(())
    } else {
        Err(ApiError::NotFound)
    }
}

/// May `p` record papers for this worker? Officers may, for any worker: recording is
/// what links a worker to their zone.
pub fn can_record_for_worker(
    conn: &mut DbConnection,
    p: &Principal,
    worker_id: &str,
) -> ApiResult<String> {
    let zone = match p.role {
        Role::Officer => staff_zone(conn, p)?,
        _ => None,
    };
    let is_worker = users::is_worker(conn, worker_id)?;
    match zone {
        Some(zone) if is_worker => Ok(zone),
        Some(_) => Err(ApiError::NotFound),
        None => Err(ApiError::Forbidden),
    }
}

/// May `p` record or change this employer's papers? Officers of the employer's zone.
pub fn can_manage_employer(
    conn: &mut DbConnection,
    p: &Principal,
    employer_id: &str,
) -> ApiResult<employers::EmployerRow> {
    if p.role != Role::Officer {
        return Err(ApiError::Forbidden);
    }
    let zone = staff_zone(conn, p)?;
    match employers::find(conn, employer_id)? {
        Some(e) if Some(&e.zone) == zone.as_ref() => Ok(e),
        _ => Err(ApiError::NotFound),
    }
}

/// May `p` renew or revoke this paper? Officers of the zone it was recorded in.
pub fn can_change_paper(
    conn: &mut DbConnection,
    p: &Principal,
    paper_id: &str,
) -> ApiResult<papers::PaperRow> {
    if p.role != Role::Officer {
        return Err(ApiError::Forbidden);
    }
    let zone = staff_zone(conn, p)?;
    match papers::find(conn, paper_id)? {
        Some(paper) if Some(&paper.zone) == zone.as_ref() => Ok(paper),
        _ => Err(ApiError::NotFound),
    }
}
