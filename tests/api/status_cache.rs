//! `GET /v1/me/status` is served from a cache while nothing it depends on changes; every
//! change that could alter it must end the cached answer, on this replica and others.
use reqwest::Method;
use serde_json::{Value, json};

use crate::{
    helpers::{TestApp, spawn_app, spawn_app_with},
    papers::Zone,
};

async fn status(app: &TestApp, token: &str) -> Value {
    let r = app.get_as("/v1/me/status", token).await;
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

/// The officer revokes the zone's paper of `kind`.
async fn revoke(app: &TestApp, z: &Zone, kind: &str) {
    assert_eq!(app.revoke(z, kind, "giả mạo").await.status(), 200);
}

#[tokio::test]
async fn a_cached_status_ends_with_each_change_it_depends_on() {
    let app = spawn_app().await;
    let z = app
        .legal_worker("pingxiang", "+84912700101", "91451481MA5KXXX101", 100)
        .await;
    let w = &z.worker.access;
    let first = status(&app, w).await;
    assert_eq!(first["verdict"]["legal"], true);
    assert_eq!(status(&app, w).await, first, "served again unchanged");

    // The worker's own paper: the work permit revoked.
    revoke(&app, &z, "cn_work_permit").await;
    let after = status(&app, w).await;
    assert_eq!(after["verdict"]["legal"], false);
    assert_eq!(
        after["verdict"]["failures"][0]["code"],
        "work_permit_invalid"
    );

    // A new permit, then a paper that is not the worker's: the employer's permit.
    let start = first["on"].as_str().unwrap();
    app.record(
        &z.officer,
        &format!("/v1/workers/{}/papers", z.worker.user_id),
        json!({ "kind": "cn_work_permit", "number": "W-NEW-101", "authority": "凭祥市人社局",
                "issued_on": start, "valid_from": start, "expires_on": "2099-01-01",
                "employer_id": z.employer_id }),
    )
    .await;
    assert_eq!(
        status(&app, w).await["verdict"]["legal"],
        true,
        "new permit seen"
    );
    revoke(&app, &z, "employer_permit").await;
    let after = status(&app, w).await;
    assert_eq!(after["verdict"]["legal"], false, "{after}");

    // The worker's own language.
    let vi = after["next_step"]["message"].clone();
    let r = app
        .send(Method::PATCH, "/v1/me", w, json!({ "language": "zh" }))
        .await;
    assert_eq!(r.status(), 200);
    let zh = status(&app, w).await;
    assert_ne!(zh["next_step"]["message"], vi, "now in Chinese: {zh}");
}

#[tokio::test]
#[ignore = "needs Redis (replicas share versions through it); run by .ci/run"]
async fn a_change_on_one_replica_ends_the_status_cached_on_another() {
    assert!(std::env::var("TEST_REDIS_URL").is_ok(), "TEST_REDIS_URL");
    let a = spawn_app().await;
    let (url, prefix) = (
        a.state.config.database_url.clone(),
        a.state.config.kv_prefix.clone(),
    );
    let b = spawn_app_with(|c| {
        c.database_url = url;
        c.kv_prefix = prefix;
    })
    .await;
    let z = a
        .legal_worker("dongxing", "+84912700102", "91451481MA5KXXX102", 100)
        .await;
    assert_eq!(status(&b, &z.worker.access).await["verdict"]["legal"], true);
    revoke(&a, &z, "cn_health_certificate").await;
    let on_b = status(&b, &z.worker.access).await;
    assert_eq!(
        on_b["verdict"]["legal"], false,
        "replica B sees A's change: {on_b}"
    );
}
