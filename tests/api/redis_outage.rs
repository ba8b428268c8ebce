//! Redis down must not take the server down: what needs it answers 503, the rest works.
use std::{
    net::TcpListener,
    process::{Child, Command, Stdio},
    time::Duration,
};

use cuakhau::{
    domain::{Role, UserId},
    i18n::Lang,
    services::tokens::Principal,
};
use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_error, spawn_app_with};

async fn token_for_new_worker(app: &TestApp, phone: &'static str) -> String {
    let id = UserId::generate();
    let stored = id.clone();
    app.state
        .db
        .run(move |c| {
            let now = cuakhau::services::now();
            cuakhau::db::models::users::insert(
                c,
                &cuakhau::db::models::users::NewUser::worker(stored.as_str(), phone, now),
            )?;
            Ok(())
        })
        .await
        .unwrap();
    let p = Principal {
        id,
        role: Role::Worker,
        scope: None,
        lang: Lang::Vi,
    };
    app.state
        .tokens
        .issue(&p, chrono::Utc::now().timestamp())
        .unwrap()
}

async fn assert_degraded(app: &TestApp, token: &str) {
    let r = app
        .post("/v1/auth/otp/request", json!({ "phone": "+84912666000" }))
        .await;
    assert_error(r, 503, "kv_unavailable", Lang::Vi).await;
    let r = app
        .post(
            "/v1/auth/login",
            json!({ "login": "a@example.org", "password": "whatever-pass" }),
        )
        .await;
    assert_error(r, 503, "kv_unavailable", Lang::Vi).await;
    let r = app
        .request(reqwest::Method::POST, "/v1/auth/otp/request")
        .header("accept-language", "zh")
        .json(&json!({ "phone": "+84912666000" }))
        .send()
        .await
        .unwrap();
    assert_error(r, 503, "kv_unavailable", Lang::Zh).await;
    assert_eq!(
        app.request(reqwest::Method::GET, "/health/live")
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let ready = app
        .request(reqwest::Method::GET, "/health/ready")
        .send()
        .await
        .unwrap();
    assert_eq!(ready.status(), 503);
    let ready: Value = ready.json().await.unwrap();
    assert_eq!(
        (ready["database"].as_str(), ready["kv"].as_str()),
        (Some("ok"), Some("down"))
    );
    // Signed-in work that needs no shared state goes on.
    assert_eq!(app.get_as("/v1/me", token).await.status(), 200);
}

#[tokio::test]
async fn unreachable_redis_gives_503_on_sign_in_and_the_rest_keeps_working() {
    let app = spawn_app_with(|c| c.redis_url = Some("redis://127.0.0.1:1".into())).await;
    let token = token_for_new_worker(&app, "+84912666001").await;
    assert_degraded(&app, &token).await;
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start_redis(port: u16) -> Child {
    let mut child = Command::new("redis-server")
        .args([
            "--port",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ])
        .stdout(Stdio::null())
        .spawn()
        .expect("redis-server on PATH");
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return child;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("redis-server did not start");
}

#[tokio::test]
#[ignore = "needs redis-server on PATH; run by .ci/run"]
async fn redis_stopped_then_restarted() {
    let port = free_port();
    let mut redis = start_redis(port);
    let app = spawn_app_with(|c| c.redis_url = Some(format!("redis://127.0.0.1:{port}"))).await;
    let token = app.sign_in_worker("+84912666002").await.access;

    redis.kill().unwrap();
    redis.wait().unwrap();
    assert_degraded(&app, &token).await;

    // Back again: sign-in recovers without restarting cuakhau.
    let mut redis = start_redis(port);
    let mut recovered = false;
    for _ in 0..50 {
        let r = app
            .post("/v1/auth/otp/request", json!({ "phone": "+84912666003" }))
            .await;
        if r.status() == 202 {
            recovered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    redis.kill().unwrap();
    let _ = redis.wait();
    assert!(recovered, "sign-in works again once Redis is back");
}
