//! "Are my papers in order, and can I work legally today?" One use case for every
//! channel: it returns a plain struct that REST renders as JSON, and SMS and USSD will
//! render as one text or one screen.
use chrono::NaiveDate;
use serde::Serialize;

use crate::{
    db::{
        DbConnection,
        models::{employers, papers, papers::PaperRow},
    },
    domain::{
        papers::{Assessment, Paper, PaperKind, PaperRules, PaperState},
        verdict::{self, Employment, NextStep, Situation, Verdict},
    },
    error::ApiResult,
};

pub fn to_domain(row: &PaperRow) -> ApiResult<Paper> {
    Ok(Paper {
        id: row.id.clone(),
        kind: row
            .kind
            .parse()
            .map_err(|_| anyhow::anyhow!("paper {} has unknown kind {}", row.id, row.kind))?,
        valid_from: row.valid_from,
        expires_on: row.expires_on,
        state: PaperState::parse(&row.state)
            .ok_or_else(|| anyhow::anyhow!("paper {} has bad state", row.id))?,
        renewals: row.renewals.max(0) as u32,
        series_start: row.series_start,
        employer_id: row.employer_id.clone(),
    })
}

/// One paper in a status answer. The number is there only for readers allowed to see
/// it (never in SMS).
#[derive(Debug, Clone, Serialize)]
pub struct PaperLine {
    #[serde(flatten)]
    pub assessment: Assessment,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paper_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_on: Option<NaiveDate>,
}

/// The whole answer for one worker on one day.
#[derive(Debug, Clone, Serialize)]
pub struct WorkerStatus {
    pub worker_id: String,
    pub on: NaiveDate,
    pub papers: Vec<PaperLine>,
    pub verdict: Verdict,
    pub next_step: NextStep,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub employer_id: Option<String>,
}

/// What a reader may see of paper numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberVisibility {
    /// The worker, officers, supervisors.
    All,
    /// Employers: numbers of employment papers, never the border pass's.
    EmploymentOnly,
    /// Anonymous checks: none.
    None,
}

/// Loads what the verdict needs about one worker on `on`.
pub fn situation(
    conn: &mut DbConnection,
    worker_id: &str,
    on: NaiveDate,
) -> ApiResult<(Situation, Vec<PaperRow>)> {
    let worker_rows = papers::of_worker(conn, worker_id)?;
    let employment = employers::employments_of_worker(conn, worker_id)?
        .into_iter()
        .find(|e| e.start_on <= on && e.end_on.is_none_or(|end| end >= on));
    let employer_rows = match &employment {
        Some(e) => papers::of_employer(conn, &e.employer_id, Some(worker_id))?,
        None => vec![],
    };
    let last_entry = worker_rows
        .iter()
        .filter(|p| {
            p.kind == PaperKind::VnBorderPass.as_str() && p.state != PaperState::Revoked.as_str()
        })
        .filter_map(|p| p.entered_on)
        .max();
    let situation = Situation {
        worker_papers: worker_rows
            .iter()
            .map(to_domain)
            .collect::<ApiResult<_>>()?,
        employer_papers: employer_rows
            .iter()
            .map(to_domain)
            .collect::<ApiResult<_>>()?,
        employment: employment.map(|e| Employment {
            employer_id: e.employer_id,
            start: e.start_on,
            end: e.end_on,
        }),
        last_entry,
    };
    let mut rows = worker_rows;
    rows.extend(employer_rows);
    Ok((situation, rows))
}

/// Where this worker should go: the centre of their employer's zone, else of the zone
/// their latest paper was recorded in.
pub fn centre_name(
    conn: &mut DbConnection,
    worker_id: &str,
    lang: crate::i18n::Lang,
) -> ApiResult<Option<String>> {
    let employer_zone = match employers::employments_of_worker(conn, worker_id)?.first() {
        Some(e) => employers::find(conn, &e.employer_id)?.map(|e| e.zone),
        None => None,
    };
    let zone = match employer_zone {
        Some(z) => Some(z),
        None => papers::of_worker(conn, worker_id)?
            .first()
            .map(|p| p.zone.clone()),
    };
    let Some(zone) = zone else { return Ok(None) };
    Ok(
        crate::db::models::centres::find_by_zone(conn, &zone)?.map(|c| match lang {
            crate::i18n::Lang::Zh => c.name_zh,
            _ => c.name_vi,
        }),
    )
}

/// A stored time zone name (IANA; Guangxi's when unknown).
pub fn time_zone(name: &str) -> chrono_tz::Tz {
    name.parse().unwrap_or(chrono_tz::Asia::Shanghai)
}

/// Today in a time zone (IANA name; Guangxi's when unknown).
pub fn today_in(name: &str) -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&time_zone(name))
        .date_naive()
}

pub fn worker_status(
    conn: &mut DbConnection,
    worker_id: &str,
    on: NaiveDate,
    rules: &PaperRules,
    numbers: NumberVisibility,
) -> ApiResult<WorkerStatus> {
    let (situation, rows) = situation(conn, worker_id, on)?;
    let verdict = verdict::verdict(&situation, on, rules);
    let next_step = verdict::next_step(&situation, &verdict, rules);
    let papers = verdict::assessments(&situation, on, rules)
        .into_iter()
        .map(|(paper, assessment)| {
            let row = paper.and_then(|p| rows.iter().find(|r| r.id == p.id));
            let show_number = match numbers {
                NumberVisibility::All => true,
                NumberVisibility::EmploymentOnly => assessment.kind != PaperKind::VnBorderPass,
                NumberVisibility::None => false,
            };
            PaperLine {
                paper_id: row
                    .filter(|_| numbers != NumberVisibility::None)
                    .map(|r| r.id.clone()),
                number: row.filter(|_| show_number).map(|r| r.number.clone()),
                valid_from: row.map(|r| r.valid_from),
                expires_on: row.map(|r| r.expires_on),
                assessment,
            }
        })
        .collect();
    Ok(WorkerStatus {
        worker_id: worker_id.to_string(),
        on,
        papers,
        employer_id: situation.employment.as_ref().map(|e| e.employer_id.clone()),
        verdict,
        next_step,
    })
}

/// The answer to an anonymous check: the paper's validity and the holder's verdict,
/// nothing else personal.
#[derive(Debug, Clone, Serialize)]
pub struct PaperCheck {
    pub kind: PaperKind,
    pub status: crate::domain::papers::PaperStatus,
    pub expires_on: NaiveDate,
    pub verdict: Verdict,
}

/// Finds the worker paper with `number` whose holder was born on `birth_date`. "No such
/// paper" and "wrong birth date" are the same `None`.
pub fn check_paper(
    conn: &mut DbConnection,
    number: &str,
    birth_date: NaiveDate,
    on: NaiveDate,
    rules: &PaperRules,
) -> ApiResult<Option<PaperCheck>> {
    let candidates = papers::by_number(conn, number.trim())?;
    for row in candidates
        .iter()
        .filter(|p| p.state != PaperState::Superseded.as_str())
    {
        let Some(worker_id) = &row.worker_id else {
            continue;
        };
        let kind: PaperKind = row.kind.parse().map_err(|_| anyhow::anyhow!("bad kind"))?;
        if !verdict::WORKER_KINDS.contains(&kind) {
            continue;
        }
        let holder = crate::db::models::users::find(conn, worker_id)?;
        if holder.and_then(|u| u.birth_date) != Some(birth_date) {
            continue;
        }
        let paper = to_domain(row)?;
        let (situation, _) = situation(conn, worker_id, on)?;
        return Ok(Some(PaperCheck {
            kind,
            status: crate::domain::papers::assess(kind, Some(&paper), on, rules).status,
            expires_on: row.expires_on,
            verdict: verdict::verdict(&situation, on, rules),
        }));
    }
    Ok(None)
}
