use cuakhau::i18n::Lang;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{assert_error, spawn_app};

#[tokio::test]
async fn worker_reads_and_updates_their_own_profile() {
    let app = spawn_app().await;
    let w = app.sign_in_worker("+84912222000").await;
    let r = app
        .request(Method::PATCH, "/v1/me")
        .bearer_auth(&w.access)
        .json(&json!({
            "full_name": "Nguyễn Thị Lan",
            "birth_date": "1996-04-30",
            "home_province": "Lạng Sơn",
            "home_district": "Cao Lộc",
            "time_zone": "Asia/Ho_Chi_Minh",
            "sms_opt_in": true
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let me: Value = app.get_as("/v1/me", &w.access).await.json().await.unwrap();
    assert_eq!(me["full_name"], "Nguyễn Thị Lan");
    assert_eq!(me["birth_date"], "1996-04-30");
    assert_eq!(me["home_district"], "Cao Lộc");
    assert_eq!(me["time_zone"], "Asia/Ho_Chi_Minh");
    assert_eq!(me["sms_opt_in"], true);
    assert_eq!(me["language"], "vi");
}

#[tokio::test]
async fn role_scope_and_other_unknown_fields_are_rejected_and_nothing_changes() {
    let app = spawn_app().await;
    let w = app.sign_in_worker("+84912222001").await;
    for body in [
        json!({ "full_name": "Kẻ Gian", "role": "admin" }),
        json!({ "scope": "zone:dongxing" }),
        json!({ "phone": "+84912222999" }),
        json!({ "id": "someone-else", "full_name": "Kẻ Gian" }),
    ] {
        let r = app
            .request(Method::PATCH, "/v1/me")
            .bearer_auth(&w.access)
            .json(&body)
            .send()
            .await
            .unwrap();
        let err = assert_error(r, 422, "validation_failed", Lang::Vi).await;
        let field = body
            .as_object()
            .unwrap()
            .keys()
            .find(|k| *k != "full_name")
            .unwrap()
            .clone();
        assert_eq!(
            err["details"]["fields"][&field][0], "unknown_field",
            "{err}"
        );
    }
    let me: Value = app.get_as("/v1/me", &w.access).await.json().await.unwrap();
    assert_eq!(me["role"], "worker");
    assert_eq!(me["full_name"], Value::Null);
    assert_eq!(me["phone"], "+84912222001");
}

#[tokio::test]
async fn invalid_values_are_422_with_the_failing_fields() {
    let app = spawn_app().await;
    let w = app.sign_in_worker("+84912222002").await;
    let r = app
        .request(Method::PATCH, "/v1/me")
        .bearer_auth(&w.access)
        .json(&json!({ "full_name": "", "time_zone": "Asia/Atlantis", "birth_date": "2020-01-01" }))
        .send()
        .await
        .unwrap();
    let err = assert_error(r, 422, "validation_failed", Lang::Vi).await;
    let fields = &err["details"]["fields"];
    assert!(
        fields["full_name"]
            .as_array()
            .unwrap()
            .contains(&json!("length")),
        "{err}"
    );
    assert_eq!(fields["time_zone"][0], "unknown_time_zone");
    assert_eq!(fields["birth_date"][0], "too_young");
    let r = app
        .request(Method::PATCH, "/v1/me")
        .bearer_auth(&w.access)
        .json(&json!({ "language": "fr" }))
        .send()
        .await
        .unwrap();
    let err = assert_error(r, 422, "validation_failed", Lang::Vi).await;
    assert_eq!(
        err["details"]["fields"]["language"][0], "invalid_value",
        "{err}"
    );
    let me: Value = app.get_as("/v1/me", &w.access).await.json().await.unwrap();
    assert_eq!(me["time_zone"], "Asia/Shanghai", "nothing half-stored");
}

#[tokio::test]
async fn a_worker_cannot_read_or_change_another_users_profile() {
    let app = spawn_app().await;
    let a = app.sign_in_worker("+84912222003").await;
    let b = app.sign_in_worker("+84912222004").await;

    // The only way to another user's record is the admin API: forbidden to workers.
    let r = app
        .get_as(&format!("/v1/admin/users/{}", b.user_id), &a.access)
        .await;
    assert_error(r, 403, "forbidden", Lang::Vi).await;

    // /v1/me is always the caller's own record.
    let r = app
        .request(Method::PATCH, "/v1/me")
        .bearer_auth(&a.access)
        .json(&json!({ "full_name": "Người A" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let me_b: Value = app.get_as("/v1/me", &b.access).await.json().await.unwrap();
    assert_eq!(me_b["id"], b.user_id.as_str());
    assert_eq!(me_b["full_name"], Value::Null);
    let me_a: Value = app.get_as("/v1/me", &a.access).await.json().await.unwrap();
    assert_eq!(me_a["full_name"], "Người A");
}

#[tokio::test]
async fn preferred_language_chooses_the_language_of_errors() {
    let app = spawn_app().await;
    let w = app.sign_in_worker("+84912222005").await;
    let r = app
        .request(Method::PATCH, "/v1/me")
        .bearer_auth(&w.access)
        .json(&json!({ "language": "zh" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    // Even with an English browser, the stored preference wins.
    let r = app
        .request(Method::PATCH, "/v1/me")
        .bearer_auth(&w.access)
        .header("accept-language", "en")
        .json(&json!({ "time_zone": "Nowhere/Nothing" }))
        .send()
        .await
        .unwrap();
    assert_error(r, 422, "validation_failed", Lang::Zh).await;
    // A refreshed token carries the new preference for every route.
    let r = app
        .post("/v1/auth/refresh", json!({ "refresh_token": w.refresh }))
        .await;
    let fresh = crate::helpers::tokens_of(r.json().await.unwrap());
    let r = app.get_as("/v1/admin/users/x", &fresh.access).await;
    assert_error(r, 403, "forbidden", Lang::Zh).await;
}
