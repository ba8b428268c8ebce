//! Abuse reports: anonymous and signed-in filing, the reporter's view, triage in scope
//! with SMS notices, and SMS keywords (BC, BC AN, KT, HD <n>).
use cuakhau::{db::models::outbox, i18n::Lang};
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_error, spawn_app, spawn_app_with};

async fn file(app: &TestApp, token: Option<&str>, body: Value) -> reqwest::Response {
    let mut r = app.request(Method::POST, "/v1/reports").json(&body);
    if let Some(t) = token {
        r = r.bearer_auth(t);
    }
    r.send().await.unwrap()
}

async fn sms_to(app: &TestApp, phone: &str) -> Vec<outbox::OutboundRow> {
    let phone = phone.to_string();
    app.state
        .db
        .run(move |c| Ok(outbox::for_recipient(c, &phone)?))
        .await
        .unwrap()
}

#[tokio::test]
async fn an_anonymous_report_keeps_nothing_identifying_and_a_wrong_secret_is_not_found() {
    let app = spawn_app().await;
    let r = file(
        &app,
        None,
        json!({
            "category": "passport_confiscation",
            "details": "<script>alert(1)</script> Chủ giữ hộ chiếu của 5 người",
            "named_party": "Xưởng may X",
            "zone": "pingxiang",
            "happened_on": "2026-11-01"
        }),
    )
    .await;
    assert_eq!(r.status(), 201);
    let filed: Value = r.json().await.unwrap();
    let case = filed["case_number"].as_str().unwrap().to_string();
    assert!(case.starts_with("BC-20") && case.len() == 14, "{case}");
    let secret = filed["secret"].as_str().unwrap().to_string();
    let c = case.clone();
    let row = app
        .state
        .db
        .run(move |conn| Ok(cuakhau::db::models::reports::by_case(conn, &c)?))
        .await
        .unwrap()
        .unwrap();
    assert!(row.reporter_id.is_none() && row.reporter_phone.is_none());
    assert_ne!(row.secret_hash.as_deref(), Some(secret.as_str()));
    assert!(row.details.starts_with("<script>"), "stored as given");

    let r = app
        .request(
            Method::GET,
            &format!("/v1/reports/{case}/status?secret={secret}"),
        )
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["state"], "new");
    assert_eq!(v["state_text"], "received");
    assert!(v.get("details").is_none());
    for path in [
        format!("/v1/reports/{case}/status?secret=WRONG234"),
        format!("/v1/reports/{case}/status"),
        format!("/v1/reports/BC-2026-999999/status?secret={secret}"),
    ] {
        let r = app.request(Method::GET, &path).send().await.unwrap();
        assert_error(r, 404, "not_found", Lang::Vi).await;
    }
    // Bad input: nothing stored.
    for bad in [
        json!({ "category": "gossip", "details": "x" }),
        json!({ "category": "other", "details": "" }),
        json!({ "category": "other", "details": "x", "happened_on": "2999-01-01" }),
        json!({ "category": "other", "details": "x", "agency_id": "nope" }),
        json!({ "category": "other", "details": "x", "extra": 1 }),
    ] {
        assert!(
            file(&app, None, bad.clone())
                .await
                .status()
                .is_client_error(),
            "{bad}"
        );
    }
    let sup = app
        .sign_in_staff("supervisor", Some("province:lang_son"))
        .await;
    let all: Value = app
        .get_as("/v1/reports", &sup.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(all.as_array().unwrap().len(), 1);
    assert_eq!(all[0]["anonymous"], true);
}

#[tokio::test]
async fn triage_stays_in_scope_moves_by_the_rules_and_tells_the_reporter() {
    let app = spawn_app().await;
    let worker = app.sign_in_worker("+84912970001").await;
    let r = file(
        &app,
        Some(&worker.access),
        json!({ "category": "wage_arrears", "details": "Chưa trả lương 2 tháng", "zone": "pingxiang" }),
    )
    .await;
    assert_eq!(r.status(), 201);
    let filed: Value = r.json().await.unwrap();
    assert!(filed.get("secret").is_none());
    let case = filed["case_number"].as_str().unwrap().to_string();
    // The reporter follows their own case signed in; another worker cannot.
    let mine = app
        .get_as(&format!("/v1/reports/{case}/status"), &worker.access)
        .await;
    assert_eq!(mine.status(), 200);
    let other = app.sign_in_worker("+84912970002").await;
    let r = app
        .get_as(&format!("/v1/reports/{case}/status"), &other.access)
        .await;
    assert_eq!(r.status(), 404);

    let here = app
        .sign_in_staff("supervisor", Some("zone:pingxiang"))
        .await;
    let there = app.sign_in_staff("supervisor", Some("zone:dongxing")).await;
    let officer = app.sign_in_staff("officer", Some("zone:pingxiang")).await;
    assert_eq!(
        app.get_as(&format!("/v1/reports/{case}"), &there.access)
            .await
            .status(),
        404
    );
    let list: Value = app
        .get_as("/v1/reports", &there.access)
        .await
        .json()
        .await
        .unwrap();
    assert!(list.as_array().unwrap().is_empty());
    assert_eq!(
        app.get_as("/v1/reports", &officer.access).await.status(),
        403
    );
    assert_eq!(
        app.get_as("/v1/reports", &worker.access).await.status(),
        403
    );
    let v: Value = app
        .get_as(&format!("/v1/reports/{case}"), &here.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(v["reporter_phone"], "+84912970001");

    let mv = |token: String, state: &'static str| {
        let (app, case) = (&app, case.clone());
        async move {
            app.request(Method::POST, &format!("/v1/reports/{case}/transitions"))
                .bearer_auth(token)
                .json(&json!({ "state": state, "note": "ghi chú" }))
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(
        mv(there.access.clone(), "investigating").await.status(),
        404
    );
    assert_error(
        mv(here.access.clone(), "referred").await,
        409,
        "invalid_transition",
        Lang::Zh,
    )
    .await;
    for state in ["investigating", "referred", "closed"] {
        let r = mv(here.access.clone(), state).await;
        assert_eq!(r.status(), 200, "{state}");
    }
    assert_eq!(mv(here.access.clone(), "investigating").await.status(), 409);
    let v: Value = app
        .get_as(&format!("/v1/reports/{case}"), &here.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(v["state"], "closed");
    assert_eq!(v["events"].as_array().unwrap().len(), 3);
    let notices: Vec<String> = sms_to(&app, "+84912970001")
        .await
        .into_iter()
        .filter(|m| m.kind == "notice")
        .map(|m| m.body)
        .collect();
    assert_eq!(notices.len(), 3, "{notices:?}");
    assert!(notices.iter().all(|b| b.contains(&case)), "{notices:?}");
}

#[tokio::test]
async fn reports_are_rate_limited_per_address() {
    let app = spawn_app_with(|c| c.reports_per_hour = 2).await;
    for _ in 0..2 {
        let r = file(&app, None, json!({ "category": "other", "details": "x" })).await;
        assert_eq!(r.status(), 201);
    }
    let r = file(&app, None, json!({ "category": "other", "details": "x" })).await;
    assert_error(r, 429, "too_many_requests", Lang::Vi).await;
}

const SECRET: &str = "hook-secret-for-tests";

async fn mo(app: &TestApp, from: &str, text: &str, id: &str) {
    let body = json!({ "from": from, "text": text, "id": id }).to_string();
    let sig = cuakhau::routes::sms::signature(SECRET, body.as_bytes());
    let r = app
        .request(Method::POST, "/v1/webhooks/sms/inbound")
        .header("x-signature", sig)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

async fn reply(app: &TestApp, phone: &str, id: &str) -> String {
    sms_to(app, phone)
        .await
        .into_iter()
        .find(|m| m.idempotency_key.ends_with(&format!(":{id}")))
        .unwrap_or_else(|| panic!("no reply to {id}"))
        .body
}

#[tokio::test]
async fn sms_keywords_report_check_recruiters_and_send_guidance() {
    let app = spawn_app_with(|c| c.sms.webhook_secret = Some(SECRET.into())).await;
    let phone = "+84912970010";
    mo(&app, phone, "BC Chủ giữ hộ chiếu của tôi", "s1").await;
    let text = reply(&app, phone, "s1").await;
    assert!(text.contains("BC-20"), "{text}");
    let sup = app
        .sign_in_staff("supervisor", Some("province:lang_son"))
        .await;
    let all: Value = app
        .get_as("/v1/reports", &sup.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(all[0]["details"], "Chủ giữ hộ chiếu của tôi");
    assert_eq!(all[0]["channel"], "sms");
    assert_eq!(all[0]["reporter_phone"], phone);

    mo(&app, phone, "bc an Công ty lừa đảo thu phí", "s2").await;
    let text = reply(&app, phone, "s2").await;
    assert!(
        text.to_lowercase().contains("an danh") || text.contains("ẩn danh"),
        "{text}"
    );
    let all: Value = app
        .get_as("/v1/reports", &sup.access)
        .await
        .json()
        .await
        .unwrap();
    let anon = all
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["details"] == "Công ty lừa đảo thu phí")
        .unwrap();
    assert_eq!(anon["anonymous"], true);
    assert!(anon["reporter_phone"].is_null());

    // The reporter asks how the case is going, from the same phone only.
    let case = text
        .split_whitespace()
        .find(|w| w.starts_with("BC-"))
        .map(|w| w.trim_end_matches(['.', ',']).to_string())
        .unwrap();
    let first = reply(&app, phone, "s1").await;
    let first_case = first
        .split_whitespace()
        .find(|w| w.starts_with("BC-"))
        .map(|w| w.trim_end_matches(['.', ',']).to_string())
        .unwrap();
    mo(&app, phone, &format!("bc {first_case}"), "s9").await;
    let status = reply(&app, phone, "s9").await;
    assert!(
        status.contains(&first_case) && status.contains("nhận"),
        "{status}"
    );
    mo(&app, "+84912970011", &format!("BC {first_case}"), "s10").await;
    assert!(
        !reply(&app, "+84912970011", "s10")
            .await
            .contains(&first_case)
    );
    mo(&app, phone, &format!("BC {case}"), "s11").await;
    assert!(
        !reply(&app, phone, "s11").await.contains("đã nhận"),
        "anonymous: not by phone"
    );

    mo(&app, phone, "BC", "s3").await;
    assert!(reply(&app, phone, "s3").await.contains("BC AN"));

    let r = app
        .request(Method::POST, "/v1/agencies")
        .bearer_auth(&sup.access)
        .json(&json!({
            "licence_number": "LS-009", "name_vi": "Công ty Hòa Bình", "name_zh": "和平公司",
            "country": "VN", "province": "Lạng Sơn", "activities": ["tuyển dụng"],
            "valid_until": "2030-01-01", "state": "suspended", "source": "QĐ 1/2026"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    mo(&app, phone, "KT hoa binh", "s4").await;
    let text = reply(&app, phone, "s4").await;
    assert!(
        text.contains("LS-009") && text.to_uppercase().contains("DINH CHI"),
        "{text}"
    );
    mo(&app, phone, "kt ls-009", "s5").await;
    assert!(reply(&app, phone, "s5").await.contains("LS-009"));
    mo(&app, phone, "KT Ma Quỷ", "s6").await;
    assert!(reply(&app, phone, "s6").await.contains("Ma Qu"));

    mo(&app, phone, "HD 9", "s7").await;
    let text = reply(&app, phone, "s7").await;
    assert!(text.contains("02053 775 469"), "{text}");
    mo(&app, phone, "HD 99", "s8").await;
    assert!(
        reply(&app, phone, "s8").await.contains("KT"),
        "unknown topic: help"
    );
}
