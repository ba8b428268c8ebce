use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::{
    domain::{
        Role,
        sms_text::{self, Cost},
    },
    error::{ApiError, ApiResult},
    extractors::AuthUser,
    i18n::Lang,
    sms::{self, SmsKind},
    state::AppState,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Query {
    text: String,
    lang: Option<Lang>,
    /// The message kind (`otp`, `reminder`, `reply`, `notice`, `broadcast`; default
    /// `notice`): its segment cap and diacritics policy apply.
    kind: Option<String>,
}

#[derive(Debug, Serialize)]
struct Estimate {
    /// The text as written.
    original: Cost,
    /// What would be sent, if it fits.
    text: Option<String>,
    cost: Option<Cost>,
    allowed_segments: usize,
    fits: bool,
}

/// The same calculation the outbox makes, for operators writing a message.
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<Query>,
) -> ApiResult<HttpResponse> {
    if user.0.role == Role::Worker {
        return Err(ApiError::Forbidden);
    }
    let q = query.into_inner();
    let kind = match q.kind.as_deref() {
        None => SmsKind::Notice,
        Some(k) => SmsKind::parse(k).ok_or_else(|| ApiError::field("kind", "unknown"))?,
    };
    let settings = &state.config.sms;
    let allowed = sms::cap_for(settings, kind);
    let prepared = sms::prepare(settings, kind, q.lang.unwrap_or_default(), &q.text).ok();
    Ok(HttpResponse::Ok().json(Estimate {
        original: sms_text::cost(&q.text),
        fits: prepared.is_some(),
        cost: prepared.as_ref().map(|p| p.cost),
        text: prepared.map(|p| p.text),
        allowed_segments: allowed,
    }))
}
