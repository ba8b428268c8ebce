//! OWASP API Top 10 checks that apply here: object- and function-level authorization on
//! the newer resources, mass assignment, resource limits, and security headers.
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::spawn_app;

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let app = spawn_app().await;
    for (method, path) in [
        (Method::GET, "/health/live"),
        (Method::GET, "/v1/guidance"),
        (Method::GET, "/v1/nowhere"),
        (Method::GET, "/v1/me"),
    ] {
        let r = app.request(method, path).send().await.unwrap();
        let h = r.headers();
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert_eq!(h["cache-control"], "no-store", "{path}");
        assert!(h.contains_key("content-security-policy"), "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
    }
}

#[tokio::test]
async fn a_worker_cannot_call_staff_functions() {
    let app = spawn_app().await;
    let w = app.sign_in_worker("+84912995001").await;
    let calls: Vec<(Method, &str, Value)> = vec![
        (Method::POST, "/v1/agencies", json!({})),
        (Method::PUT, "/v1/agencies/x", json!({})),
        (
            Method::PUT,
            "/v1/guidance/hotlines",
            json!({"language":"vi","title":"abc","sms":"cuakhau: x y z w","body":"xxxxxxxxxxxxxxxxxxxxxxxx"}),
        ),
        (Method::GET, "/v1/guidance/hotlines/revisions", Value::Null),
        (Method::GET, "/v1/reports", Value::Null),
        (
            Method::GET,
            "/v1/statistics?period=month&from=2026-10-01",
            Value::Null,
        ),
        (Method::POST, "/v1/vacancies", json!({})),
        (Method::POST, "/v1/broadcasts", json!({"text":"x"})),
        (Method::GET, "/v1/reminders", Value::Null),
        (Method::GET, "/v1/messages", Value::Null),
        (Method::POST, "/v1/admin/users", json!({})),
    ];
    for (method, path, body) in calls {
        let mut r = app.request(method.clone(), path).bearer_auth(&w.access);
        if !body.is_null() {
            r = r.json(&body);
        }
        let status = r.send().await.unwrap().status().as_u16();
        assert!(
            matches!(status, 403 | 404 | 422),
            "{method} {path}: {status} — a worker must not get through"
        );
        assert_ne!(status, 200, "{method} {path}");
    }
}

#[tokio::test]
async fn one_workers_job_application_is_not_anothers() {
    let app = spawn_app().await;
    app.add_centre("pingxiang").await;
    let centre = app
        .sign_in_staff("centre_staff", Some("centre:pingxiang"))
        .await;
    let start = (chrono::Utc::now() + chrono::TimeDelta::days(10))
        .format("%Y-%m-%d")
        .to_string();
    let v: Value = app
        .send(Method::POST, "/v1/vacancies", &centre.access, json!({
            "title_vi": "Bốc xếp", "title_zh": "装卸", "description_vi": "Bốc xếp hàng hóa tại kho.",
            "description_zh": "仓库装卸货物。", "zone": "pingxiang", "workplace": "Kho", "wage_min": 3000,
            "wage_max": 3500, "headcount": 2, "skills": ["warehouse"], "start_on": start,
            "hours": "8-17", "contact": "TT"
        }))
        .await
        .json()
        .await
        .unwrap();
    let a = app.sign_in_worker("+84912995002").await;
    let b = app.sign_in_worker("+84912995003").await;
    let app_a: Value = app
        .send(
            Method::POST,
            &format!("/v1/vacancies/{}/applications", v["id"].as_str().unwrap()),
            &a.access,
            json!({}),
        )
        .await
        .json()
        .await
        .unwrap();
    let r = app
        .send(
            Method::POST,
            &format!(
                "/v1/job-applications/{}/withdrawal",
                app_a["id"].as_str().unwrap()
            ),
            &b.access,
            json!({}),
        )
        .await;
    assert_eq!(r.status(), 404, "B cannot withdraw A's application");
    let mine: Vec<Value> = app
        .get_as("/v1/me/job-applications", &b.access)
        .await
        .json()
        .await
        .unwrap();
    assert!(mine.is_empty(), "B sees none of A's");
    let r = app
        .get_as(
            &format!("/v1/vacancies/{}/applications", v["id"].as_str().unwrap()),
            &b.access,
        )
        .await;
    assert_eq!(r.status(), 404, "a worker never sees the inbox");
}

#[tokio::test]
async fn fields_the_client_may_not_set_are_refused() {
    let app = spawn_app().await;
    let w = app.sign_in_worker("+84912995004").await;
    for (method, path, body) in [
        (
            Method::POST,
            "/v1/reports",
            json!({"category":"other","details":"x","state":"closed"}),
        ),
        (
            Method::POST,
            "/v1/reports",
            json!({"category":"other","details":"x","case_number":"BC-2026-000001"}),
        ),
        (
            Method::PUT,
            "/v1/me/job-profile",
            json!({"skills":[],"user_id":"someone-else"}),
        ),
        (Method::PATCH, "/v1/me", json!({"role":"admin"})),
    ] {
        let r = app
            .request(method.clone(), path)
            .bearer_auth(&w.access)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert!(
            r.status().is_client_error(),
            "{method} {path} {body}: {}",
            r.status()
        );
    }
    let me: Value = app.get_as("/v1/me", &w.access).await.json().await.unwrap();
    assert_eq!(me["role"], "worker");
}

#[tokio::test]
async fn list_sizes_are_capped() {
    let app = spawn_app().await;
    app.add_centre("pingxiang").await;
    let centre = app
        .sign_in_staff("centre_staff", Some("centre:pingxiang"))
        .await;
    let start = (chrono::Utc::now() + chrono::TimeDelta::days(10))
        .format("%Y-%m-%d")
        .to_string();
    for i in 0..52 {
        let r = app
            .send(Method::POST, "/v1/vacancies", &centre.access, json!({
                "title_vi": format!("Việc số {i}"), "title_zh": "岗位", "description_vi": "Mô tả công việc đủ dài.",
                "description_zh": "岗位描述。", "zone": "pingxiang", "workplace": "Kho", "wage_min": 3000,
                "wage_max": 3500, "headcount": 1, "skills": ["warehouse"], "start_on": start,
                "hours": "8-17", "contact": "TT"
            }))
            .await;
        assert_eq!(r.status(), 201);
    }
    let w = app.sign_in_worker("+84912995005").await;
    for path in [
        "/v1/vacancies?limit=100000",
        "/v1/me/vacancies?limit=100000",
    ] {
        let r = app.get_as(path, &w.access).await;
        assert_eq!(r.status(), 422, "a page is at most 50: {path}");
    }
    let page: Value = app
        .get_as("/v1/vacancies?limit=50", &w.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        page["items"].as_array().unwrap().len(),
        50,
        "at most 50 a page"
    );
    assert!(page["next_cursor"].is_string());
    let ranked: Vec<Value> = app
        .get_as("/v1/me/vacancies?limit=50", &w.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(ranked.len(), 50);
    let r = app
        .request(Method::POST, "/v1/reports")
        .json(&json!({"category":"other","details":"x".repeat(70_000)}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413, "bodies are limited");
}
