use cuakhau::i18n::Lang;
use serde_json::{Value, json};

use crate::helpers::{assert_error, spawn_app, spawn_app_with, tokens_of};

#[tokio::test]
async fn worker_signs_in_with_the_code_from_the_outbox_and_is_created_once() {
    let app = spawn_app().await;
    let r = app
        .post("/v1/auth/otp/request", json!({ "phone": "0912 345 678" }))
        .await;
    assert_eq!(r.status(), 202);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["expires_in"], 300);

    // The SMS is a Vietnamese row in the outbox, addressed in E.164.
    let code = app.latest_code("+84912345678").await;
    let r = app
        .post(
            "/v1/auth/otp/verify",
            json!({ "phone": "+84912345678", "code": code }),
        )
        .await;
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 900);
    assert_eq!(body["user"]["role"], "worker");
    assert_eq!(body["user"]["phone"], "+84912345678");
    assert_eq!(body["user"]["language"], "vi");
    assert_eq!(body["user"]["time_zone"], "Asia/Shanghai");
    let first = tokens_of(body);

    let me: Value = app
        .get_as("/v1/me", &first.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["id"], first.user_id.as_str());

    // A code works once.
    let r = app
        .post(
            "/v1/auth/otp/verify",
            json!({ "phone": "+84912345678", "code": code }),
        )
        .await;
    assert_error(r, 401, "invalid_code", Lang::Vi).await;

    // Signing in again finds the same worker.
    let again = app.sign_in_worker("+84 912 345 678").await;
    assert_eq!(again.user_id, first.user_id);
}

#[tokio::test]
async fn otp_sms_is_vietnamese_one_message_and_expires_with_the_code() {
    let app = spawn_app().await;
    app.post("/v1/auth/otp/request", json!({ "phone": "+84987654321" }))
        .await;
    let phone = "+84987654321".to_string();
    let rows = app
        .state
        .db
        .run(move |c| Ok(cuakhau::db::models::outbox::for_recipient(c, &phone)?))
        .await
        .unwrap();
    let sms = &rows[0];
    assert_eq!((sms.kind.as_str(), sms.language.as_str()), ("otp", "vi"));
    assert!(sms.body.contains("phút"), "{}", sms.body);
    assert!(sms.body.chars().count() <= 70);
    let expires = sms.expires_at.expect("OTP SMS has a deadline");
    assert_eq!((expires - sms.created_at).num_seconds(), 300);
}

#[tokio::test]
async fn five_wrong_codes_invalidate_the_code() {
    let app = spawn_app().await;
    let phone = "+84912000111";
    app.post("/v1/auth/otp/request", json!({ "phone": phone }))
        .await;
    let code = app.latest_code(phone).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        let r = app
            .post(
                "/v1/auth/otp/verify",
                json!({ "phone": phone, "code": wrong }),
            )
            .await;
        assert_error(r, 401, "invalid_code", Lang::Vi).await;
    }
    let r = app
        .post(
            "/v1/auth/otp/verify",
            json!({ "phone": phone, "code": code }),
        )
        .await;
    assert_error(r, 401, "invalid_code", Lang::Vi).await;

    // A new code works again.
    let tokens = app.sign_in_worker(phone).await;
    assert!(!tokens.access.is_empty());
}

#[tokio::test]
async fn four_wrong_codes_still_leave_the_right_one_usable() {
    let app = spawn_app().await;
    let phone = "+84912000222";
    app.post("/v1/auth/otp/request", json!({ "phone": phone }))
        .await;
    let code = app.latest_code(phone).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..4 {
        app.post(
            "/v1/auth/otp/verify",
            json!({ "phone": phone, "code": wrong }),
        )
        .await;
    }
    let r = app
        .post(
            "/v1/auth/otp/verify",
            json!({ "phone": phone, "code": code }),
        )
        .await;
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn sixth_code_request_for_a_phone_in_an_hour_is_429_with_retry_after() {
    let app = spawn_app().await;
    for _ in 0..5 {
        let r = app
            .post("/v1/auth/otp/request", json!({ "phone": "+84912000333" }))
            .await;
        assert_eq!(r.status(), 202);
    }
    let r = app
        .post("/v1/auth/otp/request", json!({ "phone": "+84912000333" }))
        .await;
    let retry: u64 = r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((3000..=3600).contains(&retry), "{retry}");
    assert_error(r, 429, "too_many_requests", Lang::Vi).await;
    // Another phone is not limited by this one.
    let r = app
        .post("/v1/auth/otp/request", json!({ "phone": "+84912000334" }))
        .await;
    assert_eq!(r.status(), 202);
    // Nothing extra was queued for the limited phone.
    let phone = "+84912000333".to_string();
    let rows = app
        .state
        .db
        .run(move |c| Ok(cuakhau::db::models::outbox::for_recipient(c, &phone)?))
        .await
        .unwrap();
    assert_eq!(rows.len(), 5);
}

#[tokio::test]
async fn twenty_first_code_request_from_one_address_is_429() {
    let app = spawn_app().await;
    for i in 0..20 {
        let r = app
            .post(
                "/v1/auth/otp/request",
                json!({ "phone": format!("+849120004{i:02}") }),
            )
            .await;
        assert_eq!(r.status(), 202, "request {i}");
    }
    let r = app
        .post("/v1/auth/otp/request", json!({ "phone": "+84912000499" }))
        .await;
    assert_error(r, 429, "too_many_requests", Lang::Vi).await;
}

#[tokio::test]
async fn the_answer_does_not_reveal_whether_a_phone_is_registered() {
    let app = spawn_app().await;
    app.sign_in_worker("+84912000555").await;
    let known: Value = app
        .post("/v1/auth/otp/request", json!({ "phone": "+84912000555" }))
        .await
        .json()
        .await
        .unwrap();
    let unknown: Value = app
        .post("/v1/auth/otp/request", json!({ "phone": "+84912000556" }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(known, unknown);
}

#[tokio::test]
async fn chinese_numbers_sign_in_too() {
    let app = spawn_app().await;
    let tokens = app.sign_in_worker("13800138000").await;
    let me: Value = app
        .get_as("/v1/me", &tokens.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["phone"], "+8613800138000");
}

#[tokio::test]
async fn refresh_rotates_and_a_reused_token_revokes_the_family() {
    let app = spawn_app().await;
    let first = app.sign_in_worker("+84912000666").await;

    let r = app
        .post(
            "/v1/auth/refresh",
            json!({ "refresh_token": first.refresh }),
        )
        .await;
    assert_eq!(r.status(), 200);
    let second = tokens_of(r.json().await.unwrap());
    assert_ne!(second.refresh, first.refresh);
    assert_eq!(second.user_id, first.user_id);
    assert_eq!(app.get_as("/v1/me", &second.access).await.status(), 200);

    // The old token again: someone stole it. The whole family goes.
    let r = app
        .post(
            "/v1/auth/refresh",
            json!({ "refresh_token": first.refresh }),
        )
        .await;
    assert_error(r, 401, "refresh_token_reused", Lang::Vi).await;
    let r = app
        .post(
            "/v1/auth/refresh",
            json!({ "refresh_token": second.refresh }),
        )
        .await;
    assert_error(r, 401, "refresh_token_reused", Lang::Vi).await;

    // Another session of the same worker is untouched.
    let other = app.sign_in_worker("+84912000666").await;
    let r = app
        .post(
            "/v1/auth/refresh",
            json!({ "refresh_token": other.refresh }),
        )
        .await;
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn unknown_and_expired_refresh_tokens_are_rejected() {
    let app = spawn_app_with(|c| c.refresh_token_ttl_days = 0).await;
    let tokens = app.sign_in_worker("+84912000777").await;
    let r = app
        .post(
            "/v1/auth/refresh",
            json!({ "refresh_token": tokens.refresh }),
        )
        .await;
    assert_error(r, 401, "invalid_refresh_token", Lang::Vi).await;
    let r = app
        .post(
            "/v1/auth/refresh",
            json!({ "refresh_token": "f".repeat(64) }),
        )
        .await;
    assert_error(r, 401, "invalid_refresh_token", Lang::Vi).await;
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = spawn_app().await;
    let tokens = app.sign_in_worker("+84912000888").await;
    let r = app
        .post(
            "/v1/auth/logout",
            json!({ "refresh_token": tokens.refresh }),
        )
        .await;
    assert_eq!(r.status(), 204);
    let r = app
        .post(
            "/v1/auth/refresh",
            json!({ "refresh_token": tokens.refresh }),
        )
        .await;
    assert_eq!(r.status(), 401);
    // Logging out an unknown token says nothing either way.
    let r = app
        .post("/v1/auth/logout", json!({ "refresh_token": "nope" }))
        .await;
    assert_eq!(r.status(), 204);
}

#[tokio::test]
async fn staff_sign_in_with_password_not_sms() {
    let app = spawn_app().await;
    let officer = app.sign_in_staff("officer", Some("zone:dongxing")).await;
    let me: Value = app
        .get_as("/v1/me", &officer.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["role"], "officer");
    assert_eq!(me["scope"], "zone:dongxing");

    let r = app
        .post(
            "/v1/auth/login",
            json!({ "login": me["email"], "password": "wrong-password!" }),
        )
        .await;
    assert_error(r, 401, "invalid_credentials", Lang::Vi).await;
    let r = app
        .post(
            "/v1/auth/login",
            json!({ "login": "nobody@example.org", "password": "whatever-pass" }),
        )
        .await;
    assert_error(r, 401, "invalid_credentials", Lang::Vi).await;
}

#[tokio::test]
async fn a_staff_phone_cannot_sign_in_by_sms_code() {
    let app = spawn_app().await;
    app.add_centre("pingxiang").await;
    let admin = app.sign_in_staff("admin", None).await;
    let r = app
        .request(reqwest::Method::POST, "/v1/admin/users")
        .bearer_auth(&admin.access)
        .json(&json!({ "role": "centre_staff", "scope": "centre:pingxiang", "phone": "+84912000999" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    app.post("/v1/auth/otp/request", json!({ "phone": "+84912000999" }))
        .await;
    let code = app.latest_code("+84912000999").await;
    let r = app
        .post(
            "/v1/auth/otp/verify",
            json!({ "phone": "+84912000999", "code": code }),
        )
        .await;
    assert_error(r, 403, "use_password_login", Lang::Vi).await;
}

#[tokio::test]
async fn parallel_guesses_cannot_try_more_codes_than_the_budget() {
    let app = spawn_app().await;
    let phone = "+84912000123";
    app.post("/v1/auth/otp/request", json!({ "phone": phone }))
        .await;
    let code = app.latest_code(phone).await;
    let guesses = (0..20).map(|i| {
        let guess = format!("{:06}", (code.parse::<u32>().unwrap() + 1 + i) % 1_000_000);
        app.post(
            "/v1/auth/otp/verify",
            json!({ "phone": phone, "code": guess }),
        )
    });
    for r in futures_util::future::join_all(guesses).await {
        assert_eq!(r.status(), 401);
    }
    // The budget is spent: even the right code no longer works.
    let r = app
        .post(
            "/v1/auth/otp/verify",
            json!({ "phone": phone, "code": code }),
        )
        .await;
    assert_error(r, 401, "invalid_code", Lang::Vi).await;
}

#[tokio::test]
async fn a_disabled_worker_cannot_sign_in_or_refresh() {
    let app = spawn_app().await;
    let phone = "+84912000124";
    let tokens = app.sign_in_worker(phone).await;
    app.state
        .db
        .run(|c| {
            use cuakhau::db::schema::users;
            use diesel::prelude::*;
            diesel::update(users::table.filter(users::phone.eq("+84912000124")))
                .set(users::disabled.eq(true))
                .execute(c)?;
            Ok(())
        })
        .await
        .unwrap();
    app.post("/v1/auth/otp/request", json!({ "phone": phone }))
        .await;
    let code = app.latest_code(phone).await;
    let r = app
        .post(
            "/v1/auth/otp/verify",
            json!({ "phone": phone, "code": code }),
        )
        .await;
    assert_error(r, 403, "account_disabled", Lang::Vi).await;
    let r = app
        .post(
            "/v1/auth/refresh",
            json!({ "refresh_token": tokens.refresh }),
        )
        .await;
    assert_error(r, 401, "invalid_refresh_token", Lang::Vi).await;
}

#[tokio::test]
async fn racing_refreshes_with_one_token_leave_no_live_session() {
    let app = spawn_app().await;
    let tokens = app.sign_in_worker("+84912000125").await;
    let attempts = (0..6).map(|_| {
        app.post(
            "/v1/auth/refresh",
            json!({ "refresh_token": tokens.refresh }),
        )
    });
    let mut successors = Vec::new();
    for r in futures_util::future::join_all(attempts).await {
        match r.status().as_u16() {
            200 => successors.push(tokens_of(r.json().await.unwrap()).refresh),
            401 => {}
            other => panic!("unexpected {other}"),
        }
    }
    assert!(successors.len() <= 1, "one token rotates at most once");
    // Someone replayed it, so the family is revoked, successor included.
    for s in successors {
        let r = app
            .post("/v1/auth/refresh", json!({ "refresh_token": s }))
            .await;
        assert_eq!(r.status(), 401);
    }
}
