use serde_json::{Value, json};

use crate::helpers::spawn_app;

#[tokio::test]
async fn live_and_ready_answer_when_everything_is_up() {
    let app = spawn_app().await;
    let live = app
        .request(reqwest::Method::GET, "/health/live")
        .send()
        .await
        .unwrap();
    assert_eq!(live.status(), 200);
    let ready: Value = app
        .request(reqwest::Method::GET, "/health/ready")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        ready,
        json!({ "status": "ok", "database": "ok", "kv": "ok" })
    );
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_status() {
    let app = spawn_app().await;
    app.request(reqwest::Method::GET, "/health/live")
        .send()
        .await
        .unwrap();
    app.request(reqwest::Method::GET, "/v1/me")
        .send()
        .await
        .unwrap();
    app.request(reqwest::Method::GET, "/v1/me")
        .send()
        .await
        .unwrap();
    let r = app
        .request(reqwest::Method::GET, "/metrics")
        .send()
        .await
        .unwrap();
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    let text = r.text().await.unwrap();
    assert!(
        text.contains(r#"cuakhau_http_requests_total{method="GET",route="/v1/me",status="401"} 2"#),
        "{text}"
    );
    assert!(text.contains(
        r#"cuakhau_http_requests_total{method="GET",route="/health/live",status="200"} 1"#
    ));
    assert!(text.contains("cuakhau_http_request_duration_seconds_bucket"));
    assert!(
        text.contains("cuakhau_outbox_messages{state=\"queued\"} 0"),
        "{text}"
    );
    assert!(text.contains("cuakhau_outbox_oldest_queued_seconds 0"));
}
