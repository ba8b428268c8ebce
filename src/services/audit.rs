//! The audit trail: who did what to which record, with the record before and after.
use serde::Serialize;

use crate::{
    db::{DbConnection, models::audit},
    error::ApiResult,
    services::{now, tokens::Principal},
};

/// Writes one audit record in the caller's transaction.
pub fn record<B: Serialize, A: Serialize>(
    conn: &mut DbConnection,
    actor: &Principal,
    action: &str,
    subject: (&str, &str),
    before: Option<&B>,
    after: Option<&A>,
) -> ApiResult<()> {
    let json = |v: Option<String>| v;
    audit::insert(
        conn,
        &audit::AuditRow {
            id: uuid::Uuid::now_v7().to_string(),
            actor_id: actor.id.0.clone(),
            actor_role: actor.role.as_str().to_string(),
            action: action.to_string(),
            subject_type: subject.0.to_string(),
            subject_id: subject.1.to_string(),
            before_json: json(
                before
                    .map(|b| serde_json::to_string(b))
                    .transpose()
                    .map_err(anyhow::Error::from)?,
            ),
            after_json: json(
                after
                    .map(|a| serde_json::to_string(a))
                    .transpose()
                    .map_err(anyhow::Error::from)?,
            ),
            created_at: now(),
        },
    )?;
    Ok(())
}

/// Nothing, for the side of a change that does not exist (before a creation).
pub const NONE: Option<&()> = None;
