//! Papers, employers and audit records as the API shows them.
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::db::models::{
    audit::AuditRow, employers::EmployerRow, employers::EmploymentRow, papers::PaperRow,
};

#[derive(Debug, Serialize)]
pub struct PaperView {
    pub id: String,
    pub kind: String,
    pub number: String,
    pub authority: String,
    pub issued_on: NaiveDate,
    pub valid_from: NaiveDate,
    pub expires_on: NaiveDate,
    pub state: String,
    pub renewals: i32,
    pub worker_id: Option<String>,
    pub employer_id: Option<String>,
    pub zone: String,
    pub entered_on: Option<NaiveDate>,
    pub supersedes_id: Option<String>,
    pub revoked_reason: Option<String>,
}

impl From<PaperRow> for PaperView {
    fn from(p: PaperRow) -> Self {
        PaperView {
            id: p.id,
            kind: p.kind,
            number: p.number,
            authority: p.authority,
            issued_on: p.issued_on,
            valid_from: p.valid_from,
            expires_on: p.expires_on,
            state: p.state,
            renewals: p.renewals,
            worker_id: p.worker_id,
            employer_id: p.employer_id,
            zone: p.zone,
            entered_on: p.entered_on,
            supersedes_id: p.supersedes_id,
            revoked_reason: p.revoked_reason,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct EmployerView {
    pub id: String,
    pub name_zh: String,
    pub name_vi: Option<String>,
    pub credit_code: String,
    pub zone: String,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
}

impl From<EmployerRow> for EmployerView {
    fn from(e: EmployerRow) -> Self {
        EmployerView {
            id: e.id,
            name_zh: e.name_zh,
            name_vi: e.name_vi,
            credit_code: e.credit_code,
            zone: e.zone,
            contact_name: e.contact_name,
            contact_phone: e.contact_phone,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct EmploymentView {
    pub id: String,
    pub worker_id: String,
    pub employer_id: String,
    pub start_on: NaiveDate,
    pub end_on: Option<NaiveDate>,
}

impl From<EmploymentRow> for EmploymentView {
    fn from(e: EmploymentRow) -> Self {
        EmploymentView {
            id: e.id,
            worker_id: e.worker_id,
            employer_id: e.employer_id,
            start_on: e.start_on,
            end_on: e.end_on,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct AuditView {
    pub id: String,
    pub actor_id: String,
    pub actor_role: String,
    pub action: String,
    pub subject: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub at: NaiveDateTime,
}

impl From<AuditRow> for AuditView {
    fn from(a: AuditRow) -> Self {
        let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
        AuditView {
            id: a.id,
            actor_id: a.actor_id,
            actor_role: a.actor_role,
            action: a.action,
            subject: format!("{}:{}", a.subject_type, a.subject_id),
            before: parse(a.before_json),
            after: parse(a.after_json),
            at: a.created_at,
        }
    }
}
