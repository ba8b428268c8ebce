use cuakhau::i18n::Lang;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{assert_error, spawn_app};

#[tokio::test]
async fn admin_creates_staff_who_then_sign_in_with_the_one_time_password() {
    let app = spawn_app().await;
    let admin = app.sign_in_staff("admin", None).await;
    let r = app
        .request(Method::POST, "/v1/admin/users")
        .bearer_auth(&admin.access)
        .json(&json!({ "role": "officer", "scope": "zone:Dongxing", "email": "Li.Ming@Example.org", "full_name": "李明" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["user"]["scope"], "zone:dongxing");
    assert_eq!(body["user"]["email"], "li.ming@example.org");
    assert_eq!(body["user"]["language"], "zh", "officers read Chinese");
    assert!(body["user"].get("password_hash").is_none());
    let password = body["one_time_password"]
        .as_str()
        .expect("generated password shown once")
        .to_string();

    let r = app
        .post(
            "/v1/auth/login",
            json!({ "login": "li.ming@example.org", "password": password }),
        )
        .await;
    assert_eq!(r.status(), 200);
    let session: Value = r.json().await.unwrap();
    assert_eq!(session["user"]["role"], "officer");

    let id = body["user"]["id"].as_str().unwrap();
    let fetched: Value = app
        .get_as(&format!("/v1/admin/users/{id}"), &admin.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(fetched["full_name"], "李明");
    assert_error(
        app.get_as("/v1/admin/users/missing", &admin.access).await,
        404,
        "not_found",
        Lang::En,
    )
    .await;
}

#[tokio::test]
async fn a_chosen_password_is_not_echoed_and_staff_can_sign_in_by_phone() {
    let app = spawn_app().await;
    app.add_centre("dongxing").await;
    let admin = app.sign_in_staff("admin", None).await;
    let r = app
        .request(Method::POST, "/v1/admin/users")
        .bearer_auth(&admin.access)
        .json(&json!({ "role": "centre_staff", "scope": "centre:dongxing", "phone": "0977 000 111", "password": "centre-staff-pass" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let body: Value = r.json().await.unwrap();
    assert!(body.get("one_time_password").is_none());
    let r = app
        .post(
            "/v1/auth/login",
            json!({ "login": "+84977000111", "password": "centre-staff-pass" }),
        )
        .await;
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn invalid_staff_requests_store_nothing() {
    let app = spawn_app().await;
    let admin = app.sign_in_staff("admin", None).await;
    for (body, field, rule) in [
        (
            json!({ "role": "worker", "email": "w@example.org" }),
            "role",
            "not_staff",
        ),
        (
            json!({ "role": "officer", "email": "o@example.org" }),
            "scope",
            "required",
        ),
        (
            json!({ "role": "officer", "scope": "zone:hanoi", "email": "o@example.org" }),
            "scope",
            "unknown_scope",
        ),
        (
            json!({ "role": "admin", "email": "not-an-email" }),
            "email",
            "email",
        ),
        (
            json!({ "role": "admin" }),
            "email",
            "phone_or_email_required",
        ),
        (
            json!({ "role": "admin", "email": "a@example.org", "disabled": false }),
            "disabled",
            "unknown_field",
        ),
    ] {
        let r = app
            .request(Method::POST, "/v1/admin/users")
            .bearer_auth(&admin.access)
            .json(&body)
            .send()
            .await
            .unwrap();
        let err = assert_error(r, 422, "validation_failed", Lang::En).await;
        assert_eq!(err["details"]["fields"][field][0], rule, "{body} → {err}");
    }
    let count = app
        .state
        .db
        .run(|c| Ok(cuakhau::db::models::users::count(c)?))
        .await
        .unwrap();
    assert_eq!(count, 1, "only the admin exists");
}

#[tokio::test]
async fn only_admins_manage_users() {
    let app = spawn_app().await;
    let body = json!({ "role": "admin", "email": "evil@example.org" });
    for (role, scope, lang) in [
        ("officer", Some("zone:pingxiang"), Lang::Zh),
        ("supervisor", Some("province:lang_son"), Lang::Vi),
        ("centre_staff", Some("centre:x"), Lang::Zh),
        ("employer", None, Lang::Zh),
    ] {
        let staff = app.sign_in_staff(role, scope).await;
        let r = app
            .request(Method::POST, "/v1/admin/users")
            .bearer_auth(&staff.access)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_error(r, 403, "forbidden", lang).await;
    }
    let worker = app.sign_in_worker("+84912444000").await;
    let r = app
        .request(Method::POST, "/v1/admin/users")
        .bearer_auth(&worker.access)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_error(r, 403, "forbidden", Lang::Vi).await;
}
