//! Every error path answers with its stable code, in Vietnamese by default and in
//! Chinese when the client asks for it.
use cuakhau::i18n::Lang;
use reqwest::{Method, RequestBuilder};
use serde_json::json;

use crate::helpers::{TestApp, assert_error, spawn_app};

/// (description, expected status, expected code, request)
fn cases(app: &TestApp, worker_token: &str) -> Vec<(u16, &'static str, RequestBuilder)> {
    let post = |path: &str| app.request(Method::POST, path);
    vec![
        (
            400,
            "malformed_body",
            post("/v1/auth/otp/request")
                .header("content-type", "application/json")
                .body("{\"phone\":"),
        ),
        (
            413,
            "payload_too_large",
            post("/v1/auth/otp/request").json(&json!({ "phone": "x".repeat(70 * 1024) })),
        ),
        (
            415,
            "unsupported_media_type",
            post("/v1/auth/otp/request")
                .header("content-type", "text/plain")
                .body("phone"),
        ),
        (
            422,
            "validation_failed",
            post("/v1/auth/otp/request").json(&json!({ "telephone": "0912345678" })),
        ),
        (
            422,
            "invalid_phone",
            post("/v1/auth/otp/request").json(&json!({ "phone": "+1 415 555 0123" })),
        ),
        (401, "unauthorized", app.request(Method::GET, "/v1/me")),
        (
            401,
            "invalid_code",
            post("/v1/auth/otp/verify").json(&json!({ "phone": "0912345678", "code": "123456" })),
        ),
        (
            401,
            "invalid_credentials",
            post("/v1/auth/login").json(&json!({ "login": "a@b.org", "password": "x" })),
        ),
        (
            401,
            "invalid_refresh_token",
            post("/v1/auth/refresh").json(&json!({ "refresh_token": "abc" })),
        ),
        (
            403,
            "forbidden",
            app.request(Method::POST, "/v1/admin/users")
                .bearer_auth(worker_token)
                .json(&json!({})),
        ),
        (
            404,
            "not_found",
            app.request(Method::GET, "/v1/nothing-here"),
        ),
        (
            405,
            "method_not_allowed",
            app.request(Method::DELETE, "/v1/me"),
        ),
    ]
}

#[tokio::test]
async fn every_error_has_its_code_in_vietnamese_by_default_and_chinese_on_request() {
    let app = spawn_app().await;
    let worker = app.sign_in_worker("+84912333000").await;
    for (lang, header) in [
        (Lang::Vi, None),
        (Lang::Zh, Some("zh-CN,zh;q=0.9")),
        (Lang::En, Some("en-US")),
    ] {
        for (status, code, request) in cases(&app, &worker.access) {
            let request = match header {
                Some(h) => request.header("accept-language", h),
                None => request,
            };
            let r = request.send().await.unwrap();
            // A signed-in worker's stored preference (Vietnamese) wins over the header.
            let expected = if code == "forbidden" { Lang::Vi } else { lang };
            assert_error(r, status, code, expected).await;
        }
    }
}

#[tokio::test]
async fn unsupported_languages_fall_back_to_vietnamese() {
    let app = spawn_app().await;
    let r = app
        .request(Method::GET, "/v1/me")
        .header("accept-language", "fr-FR, de;q=0.5")
        .send()
        .await
        .unwrap();
    assert_error(r, 401, "unauthorized", Lang::Vi).await;
}

#[tokio::test]
async fn conflict_and_rate_limit_errors_are_localized_too() {
    let app = spawn_app_limited().await;
    let admin = app.sign_in_staff("admin", None).await;
    let body = json!({ "role": "officer", "scope": "zone:pingxiang", "email": "same@example.org" });
    let create = || {
        app.request(Method::POST, "/v1/admin/users")
            .bearer_auth(&admin.access)
            .json(&body)
    };
    assert_eq!(create().send().await.unwrap().status(), 201);
    // The admin's own preference (English) wins over the browser's.
    assert_error(
        create()
            .header("accept-language", "zh")
            .send()
            .await
            .unwrap(),
        409,
        "user_exists",
        Lang::En,
    )
    .await;

    app.post("/v1/auth/otp/request", json!({ "phone": "+84912333001" }))
        .await;
    let r = app
        .request(Method::POST, "/v1/auth/otp/request")
        .header("accept-language", "zh")
        .json(&json!({ "phone": "+84912333001" }))
        .send()
        .await
        .unwrap();
    assert_error(r, 429, "too_many_requests", Lang::Zh).await;
}

async fn spawn_app_limited() -> TestApp {
    crate::helpers::spawn_app_with(|c| c.otp_per_phone_per_hour = 1).await
}

#[tokio::test]
async fn an_unknown_failure_is_an_opaque_500() {
    let app = spawn_app().await;
    let worker = app.sign_in_worker("+84912333002").await;
    // Break the storage under the running server.
    app.state
        .db
        .run(|c| {
            use diesel::RunQueryDsl;
            diesel::sql_query("DROP TABLE refresh_tokens").execute(c)?;
            Ok(())
        })
        .await
        .unwrap();
    for (lang, header) in [(Lang::Vi, "vi"), (Lang::Zh, "zh")] {
        let r = app
            .request(Method::POST, "/v1/auth/refresh")
            .header("accept-language", header)
            .json(&json!({ "refresh_token": worker.refresh }))
            .send()
            .await
            .unwrap();
        let body = assert_error(r, 500, "internal", lang).await;
        let text = body.to_string();
        assert!(
            !text.contains("refresh_tokens") && !text.contains("table"),
            "{text}"
        );
        assert!(body.get("details").is_none());
    }
}

#[tokio::test]
async fn a_method_a_known_path_does_not_serve_is_405_with_the_methods_it_does() {
    let app = spawn_app().await;
    for (method, path, allow) in [
        (Method::DELETE, "/v1/me", "GET, PATCH"),
        (Method::from_bytes(b"TRACE").unwrap(), "/health/live", "GET"),
        (Method::PUT, "/v1/auth/login", "POST"),
    ] {
        let r = app.request(method, path).send().await.unwrap();
        assert_eq!(r.status(), 405, "{path}");
        let got = r
            .headers()
            .get("allow")
            .map(|v| v.to_str().unwrap().to_string());
        assert_eq!(got.as_deref(), Some(allow), "{path}");
    }
}
