//! An employer's view: which of its workers are legal, what lapses soon, and which of
//! its own papers and insurances are missing.
use chrono::NaiveDate;
use serde::Serialize;

use crate::{
    db::{
        DbConnection,
        models::{employers, papers, users},
    },
    domain::{
        papers::{Assessment, PaperKind, PaperRules, assess, current},
        verdict::{Failure, Verdict},
    },
    error::ApiResult,
    services::status::{self, NumberVisibility},
};

#[derive(Debug, Serialize)]
pub struct Lapsing {
    pub kind: PaperKind,
    pub expires_on: NaiveDate,
    pub days_left: i64,
    /// Never the border pass number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Employee {
    pub worker_id: String,
    pub full_name: Option<String>,
    pub start_on: NaiveDate,
    pub end_on: Option<NaiveDate>,
    pub verdict: Verdict,
    pub lapsing: Vec<Lapsing>,
}

/// The employer's current workers, each with the verdict and what lapses within `within`
/// days.
pub fn employees(
    conn: &mut DbConnection,
    employer_id: &str,
    on: NaiveDate,
    within: i64,
    rules: &PaperRules,
) -> ApiResult<Vec<Employee>> {
    let mut out = Vec::new();
    for e in employers::current_employments(conn, employer_id, on)? {
        let s = status::worker_status(
            conn,
            &e.worker_id,
            on,
            rules,
            NumberVisibility::EmploymentOnly,
        )?;
        let lapsing = s
            .papers
            .iter()
            .filter_map(|line| {
                let (days, expires_on) = (line.assessment.days_left?, line.expires_on?);
                (line.assessment.status.is_valid() && days <= within).then(|| Lapsing {
                    kind: line.assessment.kind,
                    expires_on,
                    days_left: days,
                    number: line.number.clone(),
                })
            })
            .collect();
        let full_name = users::find(conn, &e.worker_id)?.and_then(|u| u.full_name);
        out.push(Employee {
            worker_id: e.worker_id,
            full_name,
            start_on: e.start_on,
            end_on: e.end_on,
            verdict: s.verdict,
            lapsing,
        });
    }
    Ok(out)
}

#[derive(Debug, Serialize)]
pub struct WorkerGap {
    pub worker_id: String,
    pub failures: Vec<Failure>,
}

#[derive(Debug, Serialize)]
pub struct Compliance {
    pub employer_permit: Assessment,
    /// Workers for whom an agreement or insurance is missing or lapsed.
    pub gaps: Vec<WorkerGap>,
}

const EMPLOYER_HELD: [PaperKind; 3] = [
    PaperKind::LabourAgreement,
    PaperKind::AccidentInsurance,
    PaperKind::WorkInjuryInsurance,
];

pub fn compliance(
    conn: &mut DbConnection,
    employer_id: &str,
    on: NaiveDate,
    rules: &PaperRules,
) -> ApiResult<Compliance> {
    let own: Vec<_> = papers::of_employer(conn, employer_id, None)?
        .iter()
        .map(status::to_domain)
        .collect::<ApiResult<_>>()?;
    let permit = current(&own, PaperKind::EmployerPermit, on);
    let employer_permit = assess(PaperKind::EmployerPermit, permit, on, rules);
    let mut gaps = Vec::new();
    for e in employers::current_employments(conn, employer_id, on)? {
        let held: Vec<_> = papers::of_employer(conn, employer_id, Some(&e.worker_id))?
            .iter()
            .filter(|p| p.worker_id.as_deref() == Some(e.worker_id.as_str()))
            .map(status::to_domain)
            .collect::<ApiResult<_>>()?;
        let failures: Vec<Failure> = EMPLOYER_HELD
            .iter()
            .filter_map(|&kind| {
                let a = assess(kind, current(&held, kind, on), on, rules);
                (!a.status.is_valid()).then_some(Failure {
                    code: "missing_or_lapsed",
                    kind: Some(kind),
                    status: Some(a.status),
                })
            })
            .collect();
        if !failures.is_empty() {
            gaps.push(WorkerGap {
                worker_id: e.worker_id,
                failures,
            });
        }
    }
    Ok(Compliance {
        employer_permit,
        gaps,
    })
}
