//! USSD gateways: Africa's Talking (form fields, the whole path in `text`, answers
//! `CON …`/`END …`) and a JSON session endpoint for gateways that send one input at a
//! time (the path is kept in the key-value store). Authenticated by a token or an
//! allow-listed address; a busy key-value store or database ends the session politely.
use std::borrow::Cow;

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use chrono::NaiveDate;

use crate::{
    config::SmsSettings,
    db::{DbConnection, models::users::UserRow},
    domain::{Phone, papers::PaperRules},
    error::{ApiError, ApiResult},
    extractors::ClientIp,
    i18n::{self, Lang},
    route,
    routes::{
        Route,
        sms::{form_value, token_matches},
    },
    services::{
        account_cache,
        guidance_cache::{self, GuidanceCache},
        reports::Filed,
        status::today_in,
        ussd::{self, Answer, Deps, Earlier, Request},
    },
    state::AppState,
    views::ussd::{Nav, Screen, compose},
};

pub fn routes() -> Vec<Route> {
    vec![
        route!(POST "/v1/ussd/africastalking" => africastalking),
        route!(POST "/v1/ussd/session" => session),
    ]
}

/// The token first; the caller's address is worked out only when the token fails.
fn authorize(state: &AppState, req: &HttpRequest) -> ApiResult<()> {
    let settings = &state.config.ussd;
    let header = req
        .headers()
        .get("x-ussd-token")
        .and_then(|v| v.to_str().ok())
        .map(Cow::Borrowed);
    let given = header.or_else(|| form_value(req.query_string().as_bytes(), "token"));
    let by_token = token_matches(settings.token.as_deref(), given.as_deref());
    if by_token
        || (!settings.allow_ips.is_empty() && settings.allow_ips.contains(&ClientIp::of(req).0))
    {
        Ok(())
    } else {
        Err(ApiError::Unauthorized)
    }
}

/// Africa's Talking's form: `sessionId`, `serviceCode`, `phoneNumber` (required),
/// `networkCode`, `text` (the inputs so far joined by `*`); other fields are ignored.
/// Read straight from the body: values that need no decoding are borrowed from it.
struct AtForm<'a> {
    session_id: Cow<'a, str>,
    phone_number: Cow<'a, str>,
    text: Cow<'a, str>,
}

impl<'a> AtForm<'a> {
    fn parse(body: &'a [u8]) -> ApiResult<AtForm<'a>> {
        let (mut session_id, mut service_code, mut phone_number, mut text) =
            (None, None, None, None);
        for (k, v) in form_urlencoded::parse(body) {
            let slot = match k.as_ref() {
                "sessionId" => &mut session_id,
                "serviceCode" => &mut service_code,
                "phoneNumber" => &mut phone_number,
                "text" => &mut text,
                _ => continue,
            };
            if slot.replace(v).is_some() {
                return Err(ApiError::MalformedBody(format!("duplicate field `{k}`")));
            }
        }
        match (session_id, service_code, phone_number) {
            (Some(session_id), Some(_), Some(phone_number))
                if !session_id.is_empty() && !phone_number.is_empty() =>
            {
                Ok(AtForm {
                    session_id,
                    phone_number,
                    text: text.unwrap_or_default(),
                })
            }
            _ => Err(ApiError::MalformedBody(
                "sessionId, serviceCode and phoneNumber are required".into(),
            )),
        }
    }
}

fn lang_key(phone: &str) -> String {
    format!("ussd:lang:{phone}")
}

fn filed_key(session: &str) -> String {
    format!("ussd:filed:{session}")
}

fn busy(lang: Lang) -> Screen {
    compose(
        lang,
        &i18n::t(lang, "ussd-busy", &[]),
        Nav::None,
        false,
        true,
    )
}

/// What a request knows before it walks the menu.
#[derive(Clone)]
struct Known {
    phone: Option<Phone>,
    remembered: Option<Lang>,
    guidance_version: Option<String>,
    account: Option<std::sync::Arc<UserRow>>,
}

/// One screen for `inputs`; every failure becomes a polite ending screen.
async fn answer(
    state: &AppState,
    session_id: &str,
    phone_raw: &str,
    inputs: Vec<String>,
) -> Screen {
    let phone = Phone::parse(phone_raw).ok();
    let key = phone.as_ref().map(|p| p.to_string()).unwrap_or_default();
    let kv = state.kv.as_ref();
    // Values that change rarely, kept beside this replica until Redis says they changed:
    // most requests make no round trip for them.
    let (remembered, guidance_version, account_version) = match kv
        .get_many_kept(&[
            &lang_key(&key),
            guidance_cache::VERSION_KEY,
            &account_cache::version_key(&key),
        ])
        .await
    {
        Ok(got) => {
            let mut got = got.into_iter();
            let remembered = got.next().flatten();
            (
                remembered.as_deref().and_then(Lang::parse),
                got.next().flatten(),
                got.next().flatten(),
            )
        }
        Err(e) => {
            tracing::warn!(error = %e, "ussd: key-value store unavailable");
            return busy(Lang::Vi);
        }
    };
    let lang = remembered.unwrap_or_default();
    let known = Known {
        account: phone
            .as_ref()
            .and_then(|_| state.account_cache.get(&key, account_version.as_deref())),
        phone,
        remembered,
        guidance_version,
    };
    let mut earlier = Earlier::NotAsked;
    let outcome = loop {
        match screen_for(state, &known, &inputs, earlier.clone()).await {
            Ok(Answer::Ready(r)) => break Ok(*r),
            // Asked for only on a screen that files, and then read afresh (never kept:
            // a replay must see the report its request before filed).
            Ok(Answer::NeedsEarlier) if matches!(earlier, Earlier::NotAsked) => {
                earlier = match kv.get(&filed_key(session_id)).await {
                    Ok(v) => match v.and_then(|v| serde_json::from_str::<Filed>(&v).ok()) {
                        Some(f) => Earlier::Filed(f),
                        None => Earlier::Nothing,
                    },
                    Err(e) => {
                        tracing::warn!(error = %e, "ussd: key-value store unavailable");
                        return busy(lang);
                    }
                };
            }
            Ok(Answer::NeedsDb | Answer::NeedsEarlier) => {
                break Err(ApiError::Internal(anyhow::anyhow!(
                    "ussd: a screen asked twice for what it was given"
                )));
            }
            Err(e) => break Err(e),
        }
    };
    let response = match outcome {
        Ok(r) => r,
        Err(e) => {
            tracing::error!(error = %e, "ussd: request failed");
            return busy(lang);
        }
    };
    if let Some(row) = response.looked_up {
        state.account_cache.put(key.clone(), account_version, row);
    }
    let year = std::time::Duration::from_secs(365 * 24 * 3600);
    if let Some(l) = response.language
        && !key.is_empty()
        && kv.set(&lang_key(&key), l.code(), year).await.is_err()
    {
        return busy(l);
    }
    if let Some(f) = &response.filed {
        let ttl = std::time::Duration::from_secs(state.config.ussd.session_ttl_secs.max(60));
        let json = serde_json::to_string(f).unwrap_or_default();
        if let Err(e) = kv.set(&filed_key(session_id), &json, ttl).await {
            tracing::warn!(error = %e, "ussd: could not remember the filed report");
        }
    }
    response.screen
}

/// The screen, first from memory on this thread; only a screen that needs the database
/// takes a connection (and a blocking thread).
async fn screen_for(
    state: &AppState,
    known: &Known,
    inputs: &[String],
    earlier: Earlier,
) -> ApiResult<Answer> {
    let today = today_in("Asia/Shanghai");
    let (rules, settings) = (&state.config.papers, &state.config.sms);
    let guidance = state.guidance_cache.as_ref();
    match pass(
        None,
        known,
        inputs,
        earlier.clone(),
        (rules, settings, guidance, today),
    )? {
        Answer::NeedsDb => {}
        done => return Ok(done),
    }
    let (rules, settings) = (rules.clone(), settings.clone());
    let guidance = state.guidance_cache.clone();
    let (known, inputs) = (known.clone(), inputs.to_vec());
    state
        .db
        .run(move |conn| {
            let with = (&rules, &settings, guidance.as_ref(), today);
            pass(Some(conn), &known, &inputs, earlier, with)
        })
        .await
}

type With<'a> = (
    &'a PaperRules,
    &'a SmsSettings,
    &'a GuidanceCache,
    NaiveDate,
);

fn pass(
    conn: Option<&mut DbConnection>,
    known: &Known,
    inputs: &[String],
    earlier: Earlier,
    (rules, settings, guidance, today): With<'_>,
) -> ApiResult<Answer> {
    let deps = Deps {
        today,
        rules,
        settings,
        guidance,
        guidance_version: known.guidance_version.as_deref(),
    };
    let request = Request {
        phone: known.phone.as_ref(),
        inputs,
        remembered: known.remembered,
        filed: earlier,
        account: known.account.clone(),
    };
    ussd::respond(conn, request, &deps)
}

/// `POST /v1/ussd/africastalking`.
pub async fn africastalking(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    authorize(&state, &req)?;
    let form = AtForm::parse(&body)?;
    let inputs: Vec<String> = if form.text.is_empty() {
        Vec::new()
    } else {
        form.text.split('*').map(str::to_string).collect()
    };
    let screen = answer(&state, &form.session_id, &form.phone_number, inputs).await;
    let prefix = if screen.end { "END " } else { "CON " };
    Ok(HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body(format!("{prefix}{}", screen.text)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionInput {
    session_id: String,
    phone: String,
    /// The latest input; empty on the first request.
    #[serde(default)]
    input: String,
}

#[derive(Debug, Serialize)]
struct SessionScreen {
    #[serde(rename = "continue")]
    more: bool,
    text: String,
}

/// `POST /v1/ussd/session`: the path so far lives in the key-value store.
pub async fn session(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    authorize(&state, &req)?;
    let b: SessionInput =
        serde_json::from_slice(&body).map_err(|e| ApiError::MalformedBody(e.to_string()))?;
    if b.session_id.is_empty() || b.session_id.len() > 100 {
        return Err(ApiError::field("session_id", "length"));
    }
    let key = format!("ussd:path:{}", b.session_id);
    let ttl = std::time::Duration::from_secs(state.config.ussd.session_ttl_secs.max(30));
    let kv = state.kv.as_ref();
    let screen = match kv.get(&key).await {
        Err(_) => busy(Lang::Vi),
        Ok(stored) => {
            let mut path: Vec<String> = stored
                .and_then(|s| serde_json::from_str(&s).ok())
                .unwrap_or_default();
            if !b.input.is_empty() {
                path.push(b.input.clone());
            }
            let json = serde_json::to_string(&path).unwrap_or_default();
            match kv.set(&key, &json, ttl).await {
                Err(_) => busy(Lang::Vi),
                Ok(()) => answer(&state, &b.session_id, &b.phone, path).await,
            }
        }
    };
    if screen.end {
        let _ = kv.delete(&key).await;
    }
    Ok(HttpResponse::Ok().json(SessionScreen {
        more: !screen.end,
        text: screen.text,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_is_decoded_required_fields_checked_and_duplicates_refused() {
        let body =
            b"sessionId=s1&serviceCode=%2A384%23&phoneNumber=%2B84+912&networkCode=&text=3%2A1&x=y";
        let form = AtForm::parse(body).unwrap();
        assert_eq!(form.session_id, "s1");
        assert_eq!(form.phone_number, "+84 912", "percent and plus decoded");
        assert_eq!(form.text, "3*1");
        assert!(matches!(form.session_id, Cow::Borrowed(_)), "not copied");
        let first = AtForm::parse(b"sessionId=s&serviceCode=c&phoneNumber=p").unwrap();
        assert_eq!(first.text, "", "no text on the first request");
        for bad in [
            &b"text=1"[..],
            b"sessionId=s&phoneNumber=p",
            b"sessionId=&serviceCode=c&phoneNumber=p",
            b"sessionId=s&serviceCode=c&phoneNumber=",
            b"sessionId=s&serviceCode=c&phoneNumber=p&text=1&text=2",
        ] {
            assert!(
                matches!(AtForm::parse(bad), Err(ApiError::MalformedBody(_))),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
        assert_eq!(
            form_value(b"a=1&token=t%3Dx&token=2", "token").as_deref(),
            Some("t=x")
        );
        assert_eq!(form_value(b"a=1", "token"), None);
    }
}
