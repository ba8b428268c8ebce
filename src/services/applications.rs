//! Renewal applications: submitted by a worker, decided and handed out by their centre,
//! moved to "ready for pick-up" when the officer records the renewals.
use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::{
    db::{
        DbConnection,
        models::{
            applications::{self, ApplicationRow, Transition},
            centres, papers,
        },
    },
    domain::{
        Role, Scope,
        applications::{Action, ApplicationState},
        papers::{Holder, PaperKind, PaperState},
    },
    error::{ApiError, ApiResult},
    services::{audit, now, tokens::Principal},
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Submit {
    /// The papers to renew.
    pub kinds: Vec<PaperKind>,
    /// Code of the centre where the worker will collect them.
    pub centre: String,
    pub note: Option<String>,
}

fn kinds_of(row: &ApplicationRow) -> Vec<PaperKind> {
    row.kinds
        .split(',')
        .filter_map(|k| k.parse().ok())
        .collect()
}

/// A worker applies to renew some of their papers at one centre.
pub fn submit(
    conn: &mut DbConnection,
    worker: &Principal,
    req: Submit,
) -> ApiResult<ApplicationRow> {
    if worker.role != Role::Worker {
        return Err(ApiError::Forbidden);
    }
    let kinds: BTreeSet<PaperKind> = req.kinds.iter().copied().collect();
    if kinds.is_empty() || kinds.len() != req.kinds.len() {
        return Err(ApiError::field("kinds", "one_each_at_least_one"));
    }
    if kinds.iter().any(|k| k.holder() != Holder::Worker) {
        return Err(ApiError::field("kinds", "not_a_worker_paper"));
    }
    if req.note.as_ref().is_some_and(|n| n.chars().count() > 500) {
        return Err(ApiError::field("note", "length"));
    }
    let held = papers::of_worker(conn, worker.id.as_str())?;
    let has_active = |k: &PaperKind| {
        held.iter()
            .any(|p| p.kind == k.as_str() && p.state == PaperState::Active.as_str())
    };
    if !kinds.iter().all(has_active) {
        return Err(ApiError::field("kinds", "no_such_paper"));
    }
    let centre = centres::find_by_code(conn, req.centre.trim())?
        .ok_or_else(|| ApiError::field("centre", "unknown_centre"))?;
    let now = now();
    let row = ApplicationRow {
        id: uuid::Uuid::now_v7().to_string(),
        worker_id: worker.id.0.clone(),
        centre_id: centre.id,
        kinds: kinds
            .iter()
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join(","),
        state: ApplicationState::Submitted.as_str().into(),
        pickup_on: None,
        reason: None,
        note: req
            .note
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty()),
        decided_by: None,
        created_at: now,
        updated_at: now,
    };
    crate::db::write_transaction(conn, |conn| {
        applications::insert(conn, &row)?;
        audit::record(
            conn,
            worker,
            "application.submitted",
            ("application", &row.id),
            audit::NONE,
            Some(&row),
        )?;
        Ok(row)
    })
}

/// The centre a centre-staff account works at.
fn staff_centre(conn: &mut DbConnection, p: &Principal) -> ApiResult<String> {
    match (p.role, &p.scope) {
        (Role::CentreStaff, Some(Scope::Centre(code))) => Ok(centres::find_by_code(conn, code)?
            .ok_or(ApiError::Forbidden)?
            .id),
        _ => Err(ApiError::Forbidden),
    }
}

pub fn queue(
    conn: &mut DbConnection,
    staff: &Principal,
    state: Option<ApplicationState>,
) -> ApiResult<Vec<ApplicationRow>> {
    let centre = staff_centre(conn, staff)?;
    Ok(applications::of_centre(
        conn,
        &centre,
        state.map(|s| s.as_str()),
    )?)
}

/// How a centre decides, or a worker withdraws.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub approve: bool,
    /// Required to approve: when the papers can be collected.
    pub pickup_on: Option<NaiveDate>,
    /// Required to reject.
    pub reason: Option<String>,
}

fn load_for(conn: &mut DbConnection, p: &Principal, id: &str) -> ApiResult<ApplicationRow> {
    let row = applications::find(conn, id)?.ok_or(ApiError::NotFound)?;
    let allowed = match p.role {
        Role::Worker => row.worker_id == p.id.0,
        Role::CentreStaff => staff_centre(conn, p).is_ok_and(|c| c == row.centre_id),
        _ => false,
    };
    if allowed {
        Ok(row)
    } else {
        Err(ApiError::NotFound)
    }
}

/// What a step records besides the new state.
#[derive(Debug, Default)]
struct Details<'a> {
    pickup_on: Option<NaiveDate>,
    reason: Option<&'a str>,
    decided_by: Option<&'a str>,
}

fn apply(
    conn: &mut DbConnection,
    actor: &Principal,
    row: ApplicationRow,
    action: Action,
    details: Details<'_>,
) -> ApiResult<ApplicationRow> {
    let from = ApplicationState::parse(&row.state)
        .ok_or_else(|| anyhow::anyhow!("bad state {}", row.state))?;
    let to = from.after(action).ok_or(ApiError::InvalidTransition)?;
    let change = Transition {
        state: to.as_str(),
        pickup_on: details.pickup_on,
        reason: details.reason,
        decided_by: details.decided_by,
        updated_at: now(),
    };
    crate::db::write_transaction(conn, |conn| {
        if applications::transition(conn, &row.id, from.as_str(), &change)? == 0 {
            return Err(ApiError::InvalidTransition);
        }
        let after = applications::find(conn, &row.id)?.ok_or(ApiError::NotFound)?;
        let action = format!("application.{}", to.as_str());
        audit::record(
            conn,
            actor,
            &action,
            ("application", &row.id),
            Some(&row),
            Some(&after),
        )?;
        Ok(after)
    })
}

pub fn decide(
    conn: &mut DbConnection,
    staff: &Principal,
    id: &str,
    d: Decision,
    today: NaiveDate,
) -> ApiResult<ApplicationRow> {
    if staff.role != Role::CentreStaff {
        return Err(ApiError::Forbidden);
    }
    let row = load_for(conn, staff, id)?;
    let decided_by = Some(staff.id.as_str());
    if d.approve {
        let pickup = d
            .pickup_on
            .ok_or_else(|| ApiError::field("pickup_on", "required"))?;
        if pickup < today {
            return Err(ApiError::field("pickup_on", "in_past"));
        }
        apply(
            conn,
            staff,
            row,
            Action::Approve,
            Details {
                pickup_on: Some(pickup),
                decided_by,
                ..Default::default()
            },
        )
    } else {
        let reason = d
            .reason
            .map(|r| r.trim().to_string())
            .filter(|r| r.chars().count() >= 3);
        let reason = reason.ok_or_else(|| ApiError::field("reason", "required"))?;
        apply(
            conn,
            staff,
            row,
            Action::Reject,
            Details {
                reason: Some(&reason),
                decided_by,
                ..Default::default()
            },
        )
    }
}

/// A step without data: withdraw (worker), mark ready or collected (centre staff).
pub fn step(
    conn: &mut DbConnection,
    actor: &Principal,
    id: &str,
    action: Action,
) -> ApiResult<ApplicationRow> {
    let allowed = match action {
        Action::Withdraw => actor.role == Role::Worker,
        Action::MarkReady | Action::MarkCollected => actor.role == Role::CentreStaff,
        Action::Approve | Action::Reject => false,
    };
    if !allowed {
        return Err(ApiError::Forbidden);
    }
    let row = load_for(conn, actor, id)?;
    apply(conn, actor, row, action, Details::default())
}

/// After an officer renews a paper: each approved application of this worker whose
/// papers have all been renewed since it was submitted is ready for pick-up.
pub fn after_renewal(
    conn: &mut DbConnection,
    officer: &Principal,
    worker_id: &str,
) -> ApiResult<()> {
    let held = papers::of_worker(conn, worker_id)?;
    for app in
        applications::of_worker_in_state(conn, worker_id, ApplicationState::Approved.as_str())?
    {
        let renewed = |k: &PaperKind| {
            held.iter().any(|p| {
                p.kind == k.as_str()
                    && p.state == PaperState::Active.as_str()
                    && p.supersedes_id.is_some()
                    && p.created_at >= app.created_at
            })
        };
        if kinds_of(&app).iter().all(renewed) {
            apply(conn, officer, app, Action::MarkReady, Details::default())?;
        }
    }
    Ok(())
}
