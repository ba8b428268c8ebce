//! May this worker work legally today? (seed 000 §三). Legal only if, on that day, the
//! border pass is valid, a residence or stay permit is valid (or the entry window is
//! open), the work permit is valid and names the current employer, the health
//! certificate is valid, and that employer holds a valid permit, a labour agreement
//! covering the day and both insurances for this worker.
use chrono::{NaiveDate, TimeDelta};
use serde::Serialize;

use super::papers::{Assessment, Paper, PaperKind, PaperRules, PaperStatus, assess, current};

/// The worker's current employment.
#[derive(Debug, Clone, PartialEq)]
pub struct Employment {
    pub employer_id: String,
    pub start: NaiveDate,
    /// Last day of work; open-ended when `None`.
    pub end: Option<NaiveDate>,
}

impl Employment {
    pub fn covers(&self, on: NaiveDate) -> bool {
        self.start <= on && self.end.is_none_or(|end| on <= end)
    }
}

/// Everything the verdict needs about one worker.
#[derive(Debug, Clone, Default)]
pub struct Situation {
    /// The worker's own papers.
    pub worker_papers: Vec<Paper>,
    pub employment: Option<Employment>,
    /// The employer's permit and the papers it holds for this worker.
    pub employer_papers: Vec<Paper>,
    /// Day of the last entry on the border pass.
    pub last_entry: Option<NaiveDate>,
}

/// One unmet condition: a stable code (a Fluent id `verdict-<code>`), and the paper
/// concerned.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failure {
    pub code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<PaperKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<PaperStatus>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    pub on: NaiveDate,
    pub legal: bool,
    pub failures: Vec<Failure>,
    /// When legal: the first day it stops being so if nothing changes.
    pub legal_until: Option<NaiveDate>,
}

pub const WORKER_KINDS: [PaperKind; 5] = [
    PaperKind::VnBorderPass,
    PaperKind::CnResidencePermit,
    PaperKind::CnStayPermit,
    PaperKind::CnWorkPermit,
    PaperKind::CnHealthCertificate,
];

/// Every paper that matters to a worker, with its status on `on`.
pub fn assessments<'a>(
    s: &'a Situation,
    on: NaiveDate,
    rules: &PaperRules,
) -> Vec<(Option<&'a Paper>, Assessment)> {
    PaperKind::ALL
        .iter()
        .map(|&kind| {
            let pool = if WORKER_KINDS.contains(&kind) {
                &s.worker_papers
            } else {
                &s.employer_papers
            };
            let paper = current(pool, kind, on);
            (paper, assess(kind, paper, on, rules))
        })
        .collect()
}

/// Conditions checked so far: what failed, and when each one that holds stops holding.
struct Tally<'a> {
    on: NaiveDate,
    rules: &'a PaperRules,
    failures: Vec<Failure>,
    ends: Vec<NaiveDate>,
}

impl Tally<'_> {
    fn holds_until(&mut self, end: NaiveDate) {
        self.ends.push(end);
    }

    fn fail(&mut self, code: &'static str, kind: Option<PaperKind>, status: Option<PaperStatus>) {
        self.failures.push(Failure { code, kind, status });
    }

    /// The current paper of `kind` in `pool` (for `employer`, if given) must be valid.
    fn require(
        &mut self,
        pool: &[Paper],
        kind: PaperKind,
        code: &'static str,
        employer: Option<&str>,
    ) {
        let paper = current(pool, kind, self.on)
            .filter(|p| employer.is_none() || p.employer_id.as_deref() == employer);
        let status = assess(kind, paper, self.on, self.rules).status;
        match paper {
            Some(p) if status.is_valid() => self.holds_until(p.expires_on + TimeDelta::days(1)),
            _ => self.fail(code, Some(kind), Some(status)),
        }
    }
}

pub fn verdict(s: &Situation, on: NaiveDate, rules: &PaperRules) -> Verdict {
    let mut t = Tally {
        on,
        rules,
        failures: Vec::new(),
        ends: Vec::new(),
    };
    let w = &s.worker_papers;
    t.require(w, PaperKind::VnBorderPass, "border_pass_invalid", None);

    let permit_end = [PaperKind::CnResidencePermit, PaperKind::CnStayPermit]
        .into_iter()
        .filter_map(|k| current(w, k, on))
        .filter(|p| assess(p.kind, Some(p), on, rules).status.is_valid())
        .map(|p| p.expires_on + TimeDelta::days(1))
        .max();
    // The entry window in whole days: 72 hours from an entry day covers that day and the
    // two after it.
    let window_days = ((rules.entry_stay_hours + 23) / 24).max(1);
    let window_end = s
        .last_entry
        .filter(|e| *e <= on)
        .map(|e| e + TimeDelta::days(window_days))
        .filter(|end| on < *end);
    match permit_end.or(window_end) {
        Some(end) => t.holds_until(end),
        None => {
            let residence = current(w, PaperKind::CnResidencePermit, on);
            let status = assess(PaperKind::CnResidencePermit, residence, on, rules).status;
            t.fail(
                "no_residence_or_stay_permit",
                Some(PaperKind::CnResidencePermit),
                Some(status),
            );
        }
    }

    let employer = s
        .employment
        .as_ref()
        .filter(|e| e.covers(on))
        .map(|e| e.employer_id.as_str());
    let permit = current(w, PaperKind::CnWorkPermit, on);
    let permit_valid = permit.is_some_and(|p| assess(p.kind, Some(p), on, rules).status.is_valid());
    if permit_valid
        && employer.is_some()
        && permit.and_then(|p| p.employer_id.as_deref()) != employer
    {
        t.fail(
            "work_permit_other_employer",
            Some(PaperKind::CnWorkPermit),
            None,
        );
    } else {
        t.require(w, PaperKind::CnWorkPermit, "work_permit_invalid", None);
    }
    t.require(
        w,
        PaperKind::CnHealthCertificate,
        "health_certificate_invalid",
        None,
    );

    match employer {
        None => t.fail("no_employment", None, None),
        Some(id) => {
            if let Some(end) = s.employment.as_ref().and_then(|e| e.end) {
                t.holds_until(end + TimeDelta::days(1));
            }
            let e = &s.employer_papers;
            t.require(
                e,
                PaperKind::EmployerPermit,
                "employer_permit_invalid",
                Some(id),
            );
            t.require(
                e,
                PaperKind::LabourAgreement,
                "labour_agreement_invalid",
                Some(id),
            );
            t.require(
                e,
                PaperKind::AccidentInsurance,
                "accident_insurance_invalid",
                Some(id),
            );
            t.require(
                e,
                PaperKind::WorkInjuryInsurance,
                "work_injury_insurance_invalid",
                Some(id),
            );
        }
    }
    let legal = t.failures.is_empty();
    Verdict {
        on,
        legal,
        legal_until: if legal {
            t.ends.into_iter().min()
        } else {
            None
        },
        failures: t.failures,
    }
}

/// What the worker should do next, most urgent first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum NextStep {
    /// Nothing to do; the next paper to lapse, if any.
    AllInOrder {
        next_expiry: Option<NaiveDate>,
        kind: Option<PaperKind>,
    },
    /// Renew before it lapses.
    Renew {
        kind: PaperKind,
        days_left: i64,
        renewals_left: Option<u32>,
        renew_by: NaiveDate,
    },
    /// No renewal left: leave China before the permit lapses.
    MustExit { kind: PaperKind, by: NaiveDate },
    /// A paper of the worker is missing, expired or revoked: get a new one.
    Obtain { kind: PaperKind },
    /// Something only the employer can fix (permit, agreement, insurance, employment).
    AskEmployer { failure: &'static str },
}

pub fn next_step(s: &Situation, v: &Verdict, rules: &PaperRules) -> NextStep {
    if let Some(f) = v.failures.first() {
        return match (f.code, f.kind) {
            (_, Some(kind)) if WORKER_KINDS.contains(&kind) => NextStep::Obtain { kind },
            (code, _) => NextStep::AskEmployer { failure: code },
        };
    }
    let soonest = assessments(s, v.on, rules)
        .into_iter()
        .filter(|(p, a)| {
            p.is_some() && WORKER_KINDS.contains(&a.kind) && a.status == PaperStatus::ExpiringSoon
        })
        .min_by_key(|(_, a)| a.days_left);
    match soonest {
        Some((Some(p), a)) if a.can_renew => NextStep::Renew {
            kind: a.kind,
            days_left: a.days_left.unwrap_or(0),
            renewals_left: a.renewals_left,
            renew_by: p.expires_on,
        },
        Some((Some(p), a)) if a.renewals_left == Some(0) => NextStep::MustExit {
            kind: a.kind,
            by: p.expires_on,
        },
        Some((_, a)) => NextStep::Obtain { kind: a.kind },
        None => NextStep::AllInOrder {
            next_expiry: v.legal_until.map(|d| d - TimeDelta::days(1)),
            kind: assessments(s, v.on, rules)
                .into_iter()
                .filter(|(p, a)| p.is_some() && a.status.is_valid())
                .min_by_key(|(_, a)| a.days_left)
                .map(|(_, a)| a.kind),
        },
    }
}

#[cfg(test)]
#[path = "verdict_tests.rs"]
mod tests;
