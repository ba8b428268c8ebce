use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;

use crate::{
    db::models::users,
    domain::guidance::{number_of, topic_for},
    error::{ApiError, ApiResult},
    extractors::AuthUser,
    i18n::Lang,
    services::status::{self, NumberVisibility},
    state::AppState,
    views::status::{failure_views, next_step_text, verdict_summary},
};

#[derive(Debug, Serialize)]
struct Step {
    /// The failing condition's code, or `next_step`.
    code: &'static str,
    message: String,
    /// The guidance topic that explains what to do (`HD <number>` by SMS).
    topic: &'static str,
    topic_number: usize,
}

#[derive(Debug, Serialize)]
struct NextSteps {
    legal: bool,
    summary: String,
    legal_until: Option<chrono::NaiveDate>,
    steps: Vec<Step>,
}

fn step(code: &'static str, message: String, topic: &'static str) -> Step {
    Step {
        code,
        message,
        topic,
        topic_number: number_of(topic).unwrap_or(0),
    }
}

/// `GET /v1/me/next-steps`: what to do, from the worker's own verdict, each step with
/// the guidance topic that explains it.
pub async fn handler(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
) -> ApiResult<HttpResponse> {
    let id = user.0.id;
    let rules = state.config.papers.clone();
    let (row, s, centre) = state
        .db
        .run(move |conn| {
            let row = users::find(conn, id.as_str())?.ok_or(ApiError::Unauthorized)?;
            if row.role != "worker" {
                return Err(ApiError::NotFound);
            }
            let on = status::today_in(&row.time_zone);
            let lang = Lang::parse(&row.language).unwrap_or_default();
            let s = status::worker_status(conn, id.as_str(), on, &rules, NumberVisibility::None)?;
            let centre = status::centre_name(conn, id.as_str(), lang)?;
            Ok((row, s, centre))
        })
        .await?;
    super::use_language_of(&req, &row);
    let lang = Lang::parse(&row.language).unwrap_or_default();
    let mut steps: Vec<Step> = failure_views(lang, &s.verdict)
        .into_iter()
        .map(|f| {
            let topic = f.kind.map_or("employer-papers", topic_for);
            step(f.code, f.message, topic)
        })
        .collect();
    let next_topic = match &s.next_step {
        crate::domain::verdict::NextStep::Renew { kind, .. }
        | crate::domain::verdict::NextStep::MustExit { kind, .. }
        | crate::domain::verdict::NextStep::Obtain { kind } => topic_for(*kind),
        crate::domain::verdict::NextStep::AskEmployer { .. } => "employer-papers",
        crate::domain::verdict::NextStep::AllInOrder { .. } => "rights",
    };
    steps.push(step(
        "next_step",
        next_step_text(lang, &s.next_step, centre.as_deref()),
        next_topic,
    ));
    if !s.verdict.legal {
        steps.push(step(
            "papers_lapsed",
            crate::i18n::t(lang, "guide-papers-lapsed-title", &[]),
            "papers-lapsed",
        ));
    }
    Ok(HttpResponse::Ok().json(NextSteps {
        legal: s.verdict.legal,
        summary: verdict_summary(lang, s.verdict.legal),
        legal_until: s.verdict.legal_until,
        steps,
    }))
}
