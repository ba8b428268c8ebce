//! A sweep of hostile and odd input: each answer a clear 4xx with its code and nothing
//! stored — or, for text that is merely unusual (SQL- or HTML-looking, emoji, right-to-
//! left), stored exactly as given and returned as data.
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::spawn_app;

async fn report_count(app: &crate::helpers::TestApp) -> usize {
    app.state
        .db
        .run(|c| Ok(cuakhau::db::models::reports::search(c, None, None, None, 1000)?.len()))
        .await
        .unwrap()
}

#[tokio::test]
async fn malformed_bodies_are_4xx_with_a_code_and_store_nothing() {
    let app = spawn_app().await;
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let cases: Vec<(&str, Vec<u8>, u16, &str)> = vec![
        (
            "application/json",
            b"{\"category\":\"other\",\"details\":".to_vec(),
            400,
            "malformed_body",
        ),
        // Not the shape a report has (and serde refuses nesting past 128 levels anyway).
        (
            "application/json",
            deep.into_bytes(),
            422,
            "validation_failed",
        ),
        (
            "application/json",
            vec![b'{', b'"', 0xff, 0xfe, b'"', b':', b'1', b'}'],
            400,
            "malformed_body",
        ),
        (
            "application/json",
            br#"{"category":"other","details":"x","happened_on":"2026-02-30"}"#.to_vec(),
            422,
            "validation_failed",
        ),
        (
            "application/json",
            format!(r#"{{"category":"other","details":"{}"}}"#, "x".repeat(2001)).into_bytes(),
            422,
            "validation_failed",
        ),
        (
            "application/json",
            br#"{"category":"other","details":"   "}"#.to_vec(),
            422,
            "validation_failed",
        ),
        (
            "text/plain",
            b"category=other".to_vec(),
            415,
            "unsupported_media_type",
        ),
    ];
    for (ct, body, status, code) in cases {
        let r = app
            .request(Method::POST, "/v1/reports")
            .header("content-type", ct)
            .body(body.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status().as_u16(),
            status,
            "{}",
            String::from_utf8_lossy(&body[..body.len().min(60)])
        );
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["error"], code, "{v}");
    }
    assert_eq!(report_count(&app).await, 0, "nothing stored");
}

#[tokio::test]
async fn unusual_text_is_stored_as_given_and_never_interpreted() {
    let app = spawn_app().await;
    let texts = [
        "'; DROP TABLE abuse_reports; --",
        "<img src=x onerror=alert(1)>",
        "Chủ nợ lương 😡🙏 two months",
        "صاحب العمل لم يدفع",
        "x\u{202e}cod.exe",
    ];
    for t in texts {
        let r = app
            .request(Method::POST, "/v1/reports")
            .json(
                &json!({ "category": "wage_arrears", "details": t, "named_party": t, "place": t }),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201, "{t}");
    }
    let sup = app
        .sign_in_staff("supervisor", Some("province:lang_son"))
        .await;
    let r = app.get_as("/v1/reports", &sup.access).await;
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let all: Vec<Value> = r.json().await.unwrap();
    assert_eq!(all.len(), texts.len());
    for t in texts {
        assert!(
            all.iter()
                .any(|r| r["details"] == t && r["named_party"] == t),
            "{t} kept as given"
        );
    }
    // A name with emoji and right-to-left text is a name like any other.
    let w = app.sign_in_worker("+84912996001").await;
    let r = app
        .request(Method::PATCH, "/v1/me")
        .bearer_auth(&w.access)
        .json(&json!({ "full_name": "Mai 🌸 مریم" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let me: Value = app.get_as("/v1/me", &w.access).await.json().await.unwrap();
    assert_eq!(me["full_name"], "Mai 🌸 مریم");
}

#[tokio::test]
async fn impossible_dates_and_query_values_are_refused() {
    let app = spawn_app().await;
    let sup = app
        .sign_in_staff("supervisor", Some("province:lang_son"))
        .await;
    for path in [
        "/v1/statistics?period=month&from=2026-02-30",
        "/v1/statistics?period=month&from=yesterday",
        "/v1/statistics?period=decade&from=2026-01-01",
    ] {
        let r = app.get_as(path, &sup.access).await;
        assert_eq!(r.status(), 422, "{path}");
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["error"], "validation_failed", "{path}: {v}");
    }
    let w = app.sign_in_worker("+84912996002").await;
    for path in [
        "/v1/me/status?on=2026-13-01",
        "/v1/vacancies?min_wage=lots",
        "/v1/vacancies?start_from=2026-02-30",
        // Found by the contract fuzzer: out-of-range pages and languages were served.
        "/v1/vacancies?limit=51",
        "/v1/vacancies?limit=0",
        "/v1/me/vacancies?limit=51",
        "/v1/skills?lang=fr",
        "/v1/guidance?lang=",
        "/v1/guidance?lang=vi&lang=zh",
    ] {
        let r = app.get_as(path, &w.access).await;
        assert_eq!(r.status(), 422, "{path}");
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["error"], "validation_failed", "{path}: {v}");
    }
    for path in ["/v1/reports?state=open", "/v1/reports?category=gossip"] {
        let r = app.get_as(path, &sup.access).await;
        assert_eq!(r.status(), 422, "{path}");
    }
    // A zone with a comma would split in storage (zones are kept comma-joined).
    let r = app
        .request(Method::PUT, "/v1/me/job-profile")
        .bearer_auth(&w.access)
        .json(&json!({ "zones": ["pingxiang,baise"] }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let v: Value = app
        .get_as("/v1/me/job-profile", &w.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(v["zones"], json!([]), "nothing stored: {v}");
}
