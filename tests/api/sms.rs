//! The SMS gateway: encoding, providers over real HTTP, webhooks, keywords, reports.
use std::time::Duration;

use cuakhau::{
    db::models::outbox::{self, OutboundRow},
    domain::Phone,
    i18n::Lang,
    jobs::outbox::{self as dispatcher, BATCH, dispatch_once},
    services::now,
    sms::{self, Outbound, Queued, SmsKind, providers},
};
use reqwest::Method;
use serde_json::{Value, json};

use crate::{
    fake_provider::{FakeProvider, Mode},
    helpers::{TestApp, assert_error, spawn_app_with},
};

pub(crate) const SECRET: &str = "hook-secret-for-tests";

pub(crate) async fn gateway_app(provider: &str, fake: &FakeProvider) -> TestApp {
    let (provider, url) = (provider.to_string(), fake.url.clone());
    spawn_app_with(move |c| {
        c.sms.provider = provider;
        c.sms.kannel_url = url.clone();
        c.sms.kannel_password = Some("kannel-test".into());
        c.sms.http_url = format!("{url}/send");
        c.sms.http_token = Some("provider-token".into());
        c.sms.webhook_secret = Some(SECRET.into());
        c.sms.kannel_token = Some(SECRET.into());
        c.sms.timeout_ms = 500;
        c.sms.rate_per_second = 1000;
    })
    .await
}

pub(crate) async fn queue_notice(app: &TestApp, to: &str, body: &str, key: &str) -> Queued {
    let (to, body, key) = (Phone::parse(to).unwrap(), body.to_string(), key.to_string());
    let settings = app.state.config.sms.clone();
    app.state
        .db
        .run(move |c| {
            let msg = Outbound {
                recipient: &to,
                body: &body,
                lang: Lang::Vi,
                kind: SmsKind::Notice,
                idempotency_key: &key,
                expires_at: None,
                essential: false,
            };
            sms::queue(c, &msg, &settings, now())
        })
        .await
        .unwrap()
}

pub(crate) async fn messages_to(app: &TestApp, to: &str) -> Vec<OutboundRow> {
    let to = Phone::parse(to).unwrap().to_string();
    app.state
        .db
        .run(move |c| Ok(outbox::for_recipient(c, &to)?))
        .await
        .unwrap()
}

pub(crate) async fn dispatch(app: &TestApp) -> usize {
    let provider = providers::from_config(&app.state.config.sms).unwrap();
    dispatch_once(&app.state, provider.as_ref(), "test")
        .await
        .unwrap()
}

/// Makes failed-and-retrying messages due now instead of after their backoff.
async fn make_due(app: &TestApp) {
    app.state
        .db
        .run(|c| {
            use cuakhau::db::schema::outbound_messages as om;
            use diesel::prelude::*;
            diesel::update(om::table.filter(om::state.eq("queued")))
                .set(om::next_attempt_at.eq(now()))
                .execute(c)?;
            Ok(())
        })
        .await
        .unwrap();
}

#[tokio::test]
async fn vietnamese_goes_to_kannel_as_ucs2_with_a_delivery_report_url() {
    let fake = FakeProvider::start();
    let app = gateway_app("kannel", &fake).await;
    assert_eq!(
        queue_notice(&app, "+84912900001", "Giấy phép cư trú còn 9 ngày.", "k1").await,
        Queued::Queued
    );
    assert_eq!(
        queue_notice(&app, "+84912900001", "Hello", "k2").await,
        Queued::Queued
    );
    assert_eq!(dispatch(&app).await, 2);
    let sent = fake.received();
    assert_eq!(sent.len(), 2);
    // Sent concurrently: which arrived first is not fixed.
    let parse =
        |query: &str| -> Vec<(String, String)> { serde_urlencoded::from_str(query).unwrap() };
    let (vi_sent, plain_sent) = if parse(&sent[0].query).iter().any(|(_, v)| v == "Hello") {
        (&sent[1], &sent[0])
    } else {
        (&sent[0], &sent[1])
    };
    let q = parse(&vi_sent.query);
    let get = |k: &str| q.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
    assert_eq!(get("text").as_deref(), Some("Giấy phép cư trú còn 9 ngày."));
    assert_eq!(get("to").as_deref(), Some("+84912900001"));
    assert_eq!(get("coding").as_deref(), Some("2"));
    assert_eq!(get("password").as_deref(), Some("kannel-test"));
    let rows = messages_to(&app, "+84912900001").await;
    let vi = rows.iter().find(|r| r.idempotency_key == "k1").unwrap();
    assert_eq!(
        (vi.state.as_str(), vi.encoding.as_str(), vi.segments),
        ("sent", "ucs2", 1)
    );
    let dlr = get("dlr-url").unwrap();
    assert!(
        dlr.contains(&vi.id) && dlr.contains("status=%d") && dlr.contains(SECRET),
        "{dlr}"
    );
    let plain = parse(&plain_sent.query);
    assert!(
        !plain.iter().any(|(k, _)| k == "coding"),
        "GSM-7 text goes without coding=2"
    );

    // Kannel reports: 8 (accepted by the SMSC) changes nothing, 1 is delivered.
    let report = |status: u32, token: &str| {
        format!(
            "/v1/webhooks/kannel/dlr?token={token}&status={status}&id={}",
            vi.id
        )
    };
    assert_eq!(
        app.request(Method::GET, &report(8, SECRET))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        messages_to(&app, "+84912900001")
            .await
            .iter()
            .find(|r| r.id == vi.id)
            .unwrap()
            .state,
        "sent"
    );
    let r = app
        .request(Method::GET, &report(1, "wrong"))
        .send()
        .await
        .unwrap();
    assert_error(r, 401, "unauthorized", Lang::Vi).await;
    for _ in 0..2 {
        assert_eq!(
            app.request(Method::GET, &report(1, SECRET))
                .send()
                .await
                .unwrap()
                .status(),
            200
        );
    }
    assert_eq!(
        messages_to(&app, "+84912900001")
            .await
            .iter()
            .find(|r| r.id == vi.id)
            .unwrap()
            .state,
        "delivered"
    );
    // A later failure report does not undo a delivery; an unknown id is 200 and ignored.
    app.request(Method::GET, &report(16, SECRET))
        .send()
        .await
        .unwrap();
    assert_eq!(
        messages_to(&app, "+84912900001")
            .await
            .iter()
            .find(|r| r.id == vi.id)
            .unwrap()
            .state,
        "delivered"
    );
    let r = app
        .request(
            Method::GET,
            &format!("/v1/webhooks/kannel/dlr?token={SECRET}&status=1&id=nope"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn http_provider_success_errors_timeouts_and_odd_answers() {
    let fake = FakeProvider::start();
    let app = gateway_app("http_json", &fake).await;
    queue_notice(&app, "+84912900002", "Xin chao", "ok").await;
    dispatch(&app).await;
    let rows = messages_to(&app, "+84912900002").await;
    assert_eq!(
        (
            rows[0].state.as_str(),
            rows[0].provider_message_id.as_deref()
        ),
        ("sent", Some("prov-1"))
    );
    let request = &fake.received()[0];
    assert_eq!(
        request.authorization.as_deref(),
        Some("Bearer provider-token")
    );
    let body: Value = serde_json::from_str(&request.body).unwrap();
    assert_eq!(
        body,
        json!({ "to": "+84912900002", "text": "Xin chao", "reference": rows[0].id })
    );

    // 500 and timeouts are retried later; 400 fails for good; an odd 200 counts as sent.
    for (mode, key) in [
        (Mode::Status(500), "e500"),
        (Mode::Slow(Duration::from_secs(3)), "slow"),
        (Mode::Status(400), "e400"),
        (Mode::Malformed, "odd"),
    ] {
        fake.set(mode);
        queue_notice(&app, "+84912900003", key, key).await;
        dispatch(&app).await;
    }
    let rows = messages_to(&app, "+84912900003").await;
    let by_key = |k: &str| {
        rows.iter()
            .find(|r| r.idempotency_key == k)
            .unwrap()
            .clone()
    };
    let e500 = by_key("e500");
    assert_eq!((e500.state.as_str(), e500.attempts), ("queued", 1));
    assert!(e500.last_error.as_deref().unwrap().contains("500"));
    assert!(
        e500.next_attempt_at > now() + chrono::TimeDelta::seconds(25),
        "backs off"
    );
    let slow = by_key("slow");
    assert_eq!(slow.state, "queued");
    assert!(
        slow.last_error.as_deref().unwrap().contains("transport"),
        "{:?}",
        slow.last_error
    );
    assert_eq!(by_key("e400").state, "failed");
    let odd = by_key("odd");
    assert_eq!(
        (odd.state.as_str(), odd.provider_message_id.clone()),
        ("sent", None)
    );

    // Signed JSON delivery report by the provider's own id.
    let report =
        json!({ "id": "prov-1", "status": "failed", "reason": "absent subscriber" }).to_string();
    let r = app
        .request(Method::POST, "/v1/webhooks/sms/dlr")
        .header("x-signature", "sha256=00")
        .body(report.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let sig = cuakhau::routes::sms::signature(SECRET, report.as_bytes());
    let r = app
        .request(Method::POST, "/v1/webhooks/sms/dlr")
        .header("x-signature", sig)
        .body(report)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let rows = messages_to(&app, "+84912900002").await;
    assert_eq!(
        (rows[0].state.as_str(), rows[0].last_error.as_deref()),
        ("failed", Some("absent subscriber"))
    );
}

#[tokio::test]
async fn a_provider_outage_loses_nothing() {
    let fake = FakeProvider::start();
    let app = gateway_app("http_json", &fake).await;
    fake.set(Mode::Status(503));
    for i in 0..5 {
        queue_notice(
            &app,
            "+84912900004",
            &format!("tin {i}"),
            &format!("outage-{i}"),
        )
        .await;
    }
    dispatch(&app).await;
    assert!(
        messages_to(&app, "+84912900004")
            .await
            .iter()
            .all(|r| r.state == "queued" && r.attempts == 1)
    );
    fake.set(Mode::Accept);
    make_due(&app).await;
    dispatch(&app).await;
    let rows = messages_to(&app, "+84912900004").await;
    assert!(
        rows.iter().all(|r| r.state == "sent" && r.attempts == 2),
        "{rows:?}"
    );
    // Each message reached the provider exactly twice: once refused, once accepted.
    let mut texts: Vec<String> = fake
        .received()
        .iter()
        .map(|r| {
            serde_json::from_str::<Value>(&r.body).unwrap()["text"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    texts.sort();
    texts.dedup_by(|a, b| a == b);
    assert_eq!(texts.len(), 5);
    assert_eq!(fake.received().len(), 10);
}

#[tokio::test]
async fn a_dead_dispatchers_lease_runs_out_and_every_message_goes_once() {
    let fake = FakeProvider::start();
    let app = gateway_app("http_json", &fake).await;
    for i in 0..3 {
        queue_notice(
            &app,
            "+84912900005",
            &format!("m{i}"),
            &format!("crash-{i}"),
        )
        .await;
    }
    // A dispatcher claims the batch and dies before sending anything.
    let claimed = app
        .state
        .db
        .run(|c| {
            Ok(
                outbox::claim_due(c, now(), now() + chrono::TimeDelta::seconds(60), 10, "dead")?
                    .rows,
            )
        })
        .await
        .unwrap();
    assert_eq!(claimed.len(), 3);
    assert_eq!(dispatch(&app).await, 0, "leased rows are not taken");
    // Its lease runs out.
    app.state
        .db
        .run(|c| {
            use cuakhau::db::schema::outbound_messages as om;
            use diesel::prelude::*;
            diesel::update(om::table)
                .set(om::claimed_until.eq(now() - chrono::TimeDelta::seconds(1)))
                .execute(c)?;
            Ok(())
        })
        .await
        .unwrap();
    assert_eq!(dispatch(&app).await, 3);
    assert_eq!(dispatch(&app).await, 0);
    assert_eq!(fake.received().len(), 3, "each message once");
    let metrics = app
        .request(Method::GET, "/metrics")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("cuakhau_sms_dispatched_total{outcome=\"reclaimed_after_crash\"} 3"),
        "{metrics}"
    );
    assert!(metrics.contains("cuakhau_sms_dispatched_total{outcome=\"sent\"} 3"));
    assert!(
        messages_to(&app, "+84912900005")
            .await
            .iter()
            .all(|r| r.state == "sent")
    );
}

#[tokio::test]
async fn keywords_by_kannel_get_answers_in_the_senders_language() {
    let fake = FakeProvider::start();
    let app = gateway_app("kannel", &fake).await;
    let z = app
        .legal_worker("pingxiang", "+84912900006", "91451481MA5KSMS006", 100)
        .await;
    let mo = |text: &str, id: &str, token: &str| {
        format!(
            "/v1/webhooks/kannel/mo?from=%2B84912900006&text={}&id={id}&token={token}",
            urlencode(text)
        )
    };
    assert_error(
        app.request(Method::GET, &mo("TT", "m1", "bad"))
            .send()
            .await
            .unwrap(),
        401,
        "unauthorized",
        Lang::Vi,
    )
    .await;
    for _ in 0..2 {
        // Kannel delivering the same message twice: answered once.
        assert_eq!(
            app.request(Method::GET, &mo("  trạng  thái ", "m1", SECRET))
                .send()
                .await
                .unwrap()
                .status(),
            200
        );
    }
    let replies: Vec<OutboundRow> = messages_to(&app, "+84912900006")
        .await
        .into_iter()
        .filter(|r| r.kind == "reply")
        .collect();
    assert_eq!(replies.len(), 1);
    assert_eq!(
        replies[0].state, "queued",
        "a reply goes out even without an opt-in to reminders"
    );
    let text = &replies[0].body;
    assert!(
        text.contains("hop phap") || text.contains("hợp pháp"),
        "{text}"
    );
    assert!(
        !text.contains("W+84912900006") && !text.contains("R+84912900006"),
        "no paper numbers in SMS: {text}"
    );
    assert!(replies[0].segments <= 2);

    // DUNG: opted out, confirmed (that message passes); later notices are skipped.
    app.request(
        Method::POST,
        &format!("/v1/webhooks/kannel/mo?token={SECRET}"),
    )
    .header("content-type", "application/x-www-form-urlencoded")
    .body("from=%2B84912900006&text=D%E1%BB%AANG&id=m2")
    .send()
    .await
    .unwrap();
    let rows = messages_to(&app, "+84912900006").await;
    assert_eq!(rows[0].state, "queued", "the opt-out confirmation goes out");
    assert!(rows[0].body.contains("BAT"), "{}", rows[0].body);
    assert_eq!(
        queue_notice(&app, "+84912900006", "Thông báo", "after-stop").await,
        Queued::SkippedOptedOut
    );
    let me: Value = app
        .get_as("/v1/me", &z.worker.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["sms_opt_in"], false);
    app.request(Method::GET, &mo("bat", "m3", SECRET))
        .send()
        .await
        .unwrap();
    assert_eq!(
        queue_notice(&app, "+84912900006", "Thông báo", "after-start").await,
        Queued::Queued
    );

    // Anything else: the help text, listing the registered keywords.
    app.request(Method::GET, &mo("xin chào", "m4", SECRET))
        .send()
        .await
        .unwrap();
    let rows = messages_to(&app, "+84912900006").await;
    let help = rows
        .iter()
        .find(|r| r.idempotency_key == "reply:kannel:m4")
        .unwrap();
    assert!(help.body.contains("TT, HD, DUNG, BAT"), "{}", help.body);
}

#[tokio::test]
async fn signed_json_inbound_from_an_unknown_number_explains_how_to_register() {
    let fake = FakeProvider::start();
    let app = gateway_app("http_json", &fake).await;
    let body = json!({ "from": "+8613800138000", "text": "状态", "id": "x1" }).to_string();
    let r = app
        .request(Method::POST, "/v1/webhooks/sms/inbound")
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_error(r, 401, "unauthorized", Lang::Vi).await;
    let sig = cuakhau::routes::sms::signature(SECRET, body.as_bytes());
    let r = app
        .request(Method::POST, "/v1/webhooks/sms/inbound")
        .header("x-signature", sig)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let rows = messages_to(&app, "+8613800138000").await;
    assert!(
        rows[0].body.contains("chua dang ky") || rows[0].body.contains("chưa đăng ký"),
        "{}",
        rows[0].body
    );
}

#[tokio::test]
async fn operators_see_what_a_text_costs_and_too_long_is_refused() {
    let fake = FakeProvider::start();
    let app = gateway_app("log", &fake).await;
    let staff = app
        .sign_in_staff("centre_staff", Some("centre:pingxiang"))
        .await;
    let url = format!(
        "/v1/messages/estimate?text={}&lang=vi",
        urlencode(&"Giấy phép cư trú hết hạn. ".repeat(4))
    );
    let e: Value = app.get_as(&url, &staff.access).await.json().await.unwrap();
    assert_eq!(e["original"]["encoding"], "ucs2");
    assert_eq!(e["original"]["segments"], 2);
    assert_eq!(e["fits"], true);
    let url = format!(
        "/v1/messages/estimate?text={}&lang=vi",
        urlencode(&"Giấy phép cư trú hết hạn. ".repeat(6))
    );
    let e: Value = app.get_as(&url, &staff.access).await.json().await.unwrap();
    assert_eq!(
        (e["cost"]["encoding"].as_str(), e["fits"].as_bool()),
        (Some("gsm7"), Some(true)),
        "{e}"
    );
    assert!(e["text"].as_str().unwrap().starts_with("Giay phep cu tru"));
    let worker = app.sign_in_worker("+84912900007").await;
    assert_error(
        app.get_as(&url, &worker.access).await,
        403,
        "forbidden",
        Lang::Vi,
    )
    .await;

    let to = Phone::parse("+84912900007").unwrap();
    let settings = app.state.config.sms.clone();
    let huge = "Thông báo rất dài. ".repeat(40);
    let err = app
        .state
        .db
        .run(move |c| {
            let msg = Outbound {
                recipient: &to,
                body: &huge,
                lang: Lang::Vi,
                kind: SmsKind::Notice,
                idempotency_key: "huge",
                expires_at: None,
                essential: false,
            };
            Ok(sms::queue(c, &msg, &settings, now()))
        })
        .await
        .unwrap();
    assert!(
        matches!(
            err,
            Err(cuakhau::error::ApiError::MessageTooLong { allowed: 2, .. })
        ),
        "{err:?}"
    );
    assert!(
        messages_to(&app, "+84912900007")
            .await
            .iter()
            .all(|r| r.idempotency_key != "huge"),
        "nothing stored"
    );
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn a_centre_broadcasts_to_its_opted_in_workers_and_sees_its_messages_masked() {
    let fake = FakeProvider::start();
    let app = gateway_app("log", &fake).await;
    let a = app
        .legal_worker("pingxiang", "+84912900010", "91451481MA5KSMS010", 100)
        .await;
    let b = app
        .legal_worker("pingxiang", "+84912900011", "91451481MA5KSMS011", 100)
        .await;
    let far = app
        .legal_worker("dongxing", "+84912900012", "91451481MA5KSMS012", 100)
        .await;
    for (w, on) in [(&a.worker, true), (&b.worker, false), (&far.worker, true)] {
        let r = app
            .request(Method::PATCH, "/v1/me")
            .bearer_auth(&w.access)
            .json(&json!({ "sms_opt_in": on }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
    }
    let centre = app
        .sign_in_staff("centre_staff", Some("centre:pingxiang"))
        .await;
    let r = app
        .send(
            Method::POST,
            "/v1/broadcasts",
            &centre.access,
            json!({ "text": "Trung tâm nghỉ ngày 1/1. Xin cảm ơn." }),
        )
        .await;
    assert_eq!(r.status(), 202);
    let result: Value = r.json().await.unwrap();
    assert_eq!(
        (result["recipients"].as_u64(), result["queued"].as_u64()),
        (Some(1), Some(1)),
        "only A: opted in and in the zone"
    );
    assert_eq!(
        messages_to(&app, "+84912900010")
            .await
            .iter()
            .filter(|m| m.kind == "broadcast")
            .count(),
        1
    );
    assert_eq!(
        messages_to(&app, "+84912900011")
            .await
            .iter()
            .filter(|m| m.kind == "broadcast")
            .count(),
        0
    );
    assert_eq!(
        messages_to(&app, "+84912900012")
            .await
            .iter()
            .filter(|m| m.kind == "broadcast")
            .count(),
        0
    );

    let r = app
        .send(
            Method::POST,
            "/v1/broadcasts",
            &centre.access,
            json!({ "text": "Thông báo dài. ".repeat(60) }),
        )
        .await;
    assert_error(r, 422, "message_too_long", Lang::Zh).await;
    let r = app
        .send(
            Method::POST,
            "/v1/broadcasts",
            &a.worker.access,
            json!({ "text": "x" }),
        )
        .await;
    assert_error(r, 403, "forbidden", Lang::Vi).await;

    // The centre's list: its zone's workers only, numbers masked, no sign-in codes.
    let list: Value = app
        .get_as("/v1/messages", &centre.access)
        .await
        .json()
        .await
        .unwrap();
    let list = list.as_array().unwrap();
    assert!(!list.is_empty());
    assert!(
        list.iter()
            .all(|m| m["recipient"].as_str().unwrap().contains("***")),
        "{list:?}"
    );
    assert!(
        list.iter().all(|m| m["recipient"] != "+84912***012"),
        "another zone's worker"
    );
    assert!(
        list.iter()
            .filter(|m| m["kind"] == "otp")
            .all(|m| m["body"].is_null())
    );
    let admin = app.sign_in_staff("admin", None).await;
    let all: Value = app
        .get_as("/v1/messages?to=0912900012&kind=otp", &admin.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(all[0]["recipient"], "+84912900012");
    assert_error(
        app.get_as("/v1/messages", &a.worker.access).await,
        403,
        "forbidden",
        Lang::Vi,
    )
    .await;
}

#[tokio::test]
async fn a_report_that_overtakes_the_sent_mark_is_kept() {
    let fake = FakeProvider::start();
    let app = gateway_app("kannel", &fake).await;
    queue_notice(&app, "+84912900013", "Xin chao", "early").await;
    queue_notice(&app, "+84912900014", "Xin chao", "early-too").await;
    // Claimed (state `sending`), not yet marked sent, when the reports arrive.
    let claimed = app
        .state
        .db
        .run(|c| {
            Ok(
                outbox::claim_due(c, now(), now() + chrono::TimeDelta::seconds(60), 10, "slow")?
                    .rows,
            )
        })
        .await
        .unwrap();
    assert_eq!(claimed.len(), 2);
    for (m, status) in claimed.iter().zip([1, 2]) {
        let r = app
            .request(
                Method::GET,
                &format!(
                    "/v1/webhooks/kannel/dlr?token={SECRET}&status={status}&id={}",
                    m.id
                ),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
    }
    // The late sent marks (one alone, one in a batch) do not undo the reports, but the
    // rows learn the provider and count the attempt.
    let (one, many) = (claimed[0].id.clone(), vec![claimed[1].id.clone()]);
    let marked = app
        .state
        .db
        .run(move |c| {
            Ok((
                outbox::mark_sent(c, &one, "slow", "kannel", None, now())?,
                outbox::mark_sent_many(c, &many, "slow", "kannel", now())?,
            ))
        })
        .await
        .unwrap();
    assert_eq!(marked, (0, 0));
    for (to, state) in [("+84912900013", "delivered"), ("+84912900014", "failed")] {
        let row = &messages_to(&app, to).await[0];
        assert_eq!(row.state, state, "{to}");
        assert_eq!(row.provider.as_deref(), Some("kannel"), "{to}");
        assert_eq!(row.attempts, 1, "{to}");
        assert!(row.sent_at.is_some(), "{to}");
    }
    // A mark under another claim token leaves them alone.
    let other = vec![claimed[0].id.clone()];
    let again = app
        .state
        .db
        .run(move |c| {
            Ok(outbox::mark_sent_many(
                c,
                &other,
                "someone-else",
                "kannel",
                now(),
            )?)
        })
        .await
        .unwrap();
    assert_eq!(again, 0);
    assert_eq!(messages_to(&app, "+84912900013").await[0].attempts, 1);
}

#[tokio::test]
async fn errors_never_keep_the_providers_url_and_strangers_get_401_before_400() {
    let fake = FakeProvider::start();
    let app = gateway_app("kannel", &fake).await;
    fake.set(Mode::Slow(Duration::from_secs(3)));
    queue_notice(&app, "+84912900014", "Mã bí mật 123456", "timeout").await;
    dispatch(&app).await;
    let row = messages_to(&app, "+84912900014").await.remove(0);
    let error = row.last_error.unwrap();
    assert!(
        !error.contains("kannel-test") && !error.contains(SECRET) && !error.contains("123456"),
        "{error}"
    );

    // A report or an MO with a wrong token and nonsense fields: 401, not 400.
    let r = app
        .request(Method::GET, "/v1/webhooks/kannel/dlr?token=nope&status=abc")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let r = app
        .request(Method::GET, "/v1/webhooks/kannel/mo?token=nope")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn stop_twice_is_still_one_opt_out_and_two_confirmations() {
    let fake = FakeProvider::start();
    let app = gateway_app("log", &fake).await;
    for id in ["s1", "s2"] {
        let r = app
            .request(
                Method::GET,
                &format!(
                    "/v1/webhooks/kannel/mo?from=%2B84912900015&text=STOP&id={id}&token={SECRET}"
                ),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{id}");
    }
    let confirmations = messages_to(&app, "+84912900015")
        .await
        .into_iter()
        .filter(|m| m.kind == "reply" && m.state == "queued")
        .count();
    assert_eq!(confirmations, 2);
}

#[tokio::test]
async fn the_diacritics_policy_is_chosen_per_kind_and_language() {
    use cuakhau::domain::sms_text::DiacriticsPolicy;
    let app = spawn_app_with(|c| {
        c.sms.diacritics = DiacriticsPolicy::Auto;
        c.sms.diacritics_by = [
            ("reminder".to_string(), DiacriticsPolicy::Strip),
            ("reminder_en".to_string(), DiacriticsPolicy::Keep),
        ]
        .into();
    })
    .await;
    let staff = app
        .sign_in_staff("centre_staff", Some("centre:pingxiang"))
        .await;
    let text = urlencode("Giấy phép hết hạn");
    let estimate = |kind: &str, lang: &str| {
        let url = format!("/v1/messages/estimate?text={text}&lang={lang}&kind={kind}");
        let (app, token) = (&app, staff.access.clone());
        async move {
            let e: Value = app.get_as(&url, &token).await.json().await.unwrap();
            e["text"].as_str().unwrap().to_string()
        }
    };
    assert_eq!(
        estimate("notice", "vi").await,
        "Giấy phép hết hạn",
        "auto keeps what fits"
    );
    assert_eq!(
        estimate("reminder", "vi").await,
        "Giay phep het han",
        "kind: strip"
    );
    assert_eq!(
        estimate("reminder", "en").await,
        "Giấy phép hết hạn",
        "kind and language: keep"
    );
    let r = app
        .get_as(
            &format!("/v1/messages/estimate?text={text}&kind=fax"),
            &staff.access,
        )
        .await;
    assert_eq!(r.status(), 422);
    // The queue applies the same choice.
    let phone = Phone::parse("+84912900099").unwrap();
    let row = app
        .state
        .db
        .run(move |c| {
            let settings = cuakhau::config::SmsSettings {
                diacritics_by: [("reminder".to_string(), DiacriticsPolicy::Strip)].into(),
                ..Default::default()
            };
            sms::queue(
                c,
                &Outbound {
                    recipient: &phone,
                    body: "Đến hạn gia hạn",
                    lang: Lang::Vi,
                    kind: SmsKind::Reminder,
                    idempotency_key: "policy-1",
                    expires_at: None,
                    essential: false,
                },
                &settings,
                now(),
            )?;
            Ok(outbox::for_recipient(c, "+84912900099")?)
        })
        .await
        .unwrap();
    assert_eq!(row[0].body, "Den han gia han");
}

#[tokio::test]
async fn broadcasts_reach_a_vietnamese_province() {
    let app = spawn_app_with(|_| {}).await;
    let mut ids = Vec::new();
    for (phone, credit, province) in [
        ("+84912900031", "91451481MA5KPRV031", "Lạng Sơn"),
        ("+84912900032", "91451481MA5KPRV032", "Cao Bằng"),
        ("+84912900033", "91451481MA5KPRV033", "lạng sơn"),
    ] {
        let z = app.legal_worker("pingxiang", phone, credit, 100).await;
        let r = app
            .request(Method::PATCH, "/v1/me")
            .bearer_auth(&z.worker.access)
            .json(&json!({ "sms_opt_in": true, "home_province": province }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        ids.push(phone);
    }
    let province = app
        .sign_in_staff("supervisor", Some("province:lang_son"))
        .await;
    let r = app
        .send(
            Method::POST,
            "/v1/broadcasts",
            &province.access,
            json!({ "text": "Thông báo của Sở." }),
        )
        .await;
    assert_eq!(r.status(), 202);
    let result: Value = r.json().await.unwrap();
    assert_eq!(result["queued"], 2, "{result}");
    let r = app
        .send(
            Method::POST,
            "/v1/broadcasts",
            &province.access,
            json!({ "text": "x", "home_province": "Cao Bằng" }),
        )
        .await;
    assert_eq!(r.status(), 403, "another province's workers");
    let centre = app
        .sign_in_staff("centre_staff", Some("centre:pingxiang"))
        .await;
    let r = app
        .send(
            Method::POST,
            "/v1/broadcasts",
            &centre.access,
            json!({ "text": "Cho người Cao Bằng.", "home_province": "cao_bang" }),
        )
        .await;
    let result: Value = r.json().await.unwrap();
    assert_eq!(result["queued"], 1, "{result}");
    let to = |phone: &'static str| {
        let app = &app;
        async move {
            messages_to(app, phone)
                .await
                .into_iter()
                .filter(|m| m.kind == "broadcast")
                .count()
        }
    };
    assert_eq!(
        (to(ids[0]).await, to(ids[1]).await, to(ids[2]).await),
        (1, 1, 1)
    );
}

#[tokio::test]
async fn the_kannel_token_and_the_json_signing_key_are_separate_secrets() {
    let app = spawn_app_with(|c| {
        c.sms.webhook_secret = Some("json-signing-key".into());
        c.sms.kannel_token = Some("kannel-url-token".into());
    })
    .await;
    let mo = |token: &str| {
        format!("/v1/webhooks/kannel/mo?from=%2B84912900041&text=HD&id=k1&token={token}")
    };
    let r = app
        .request(Method::GET, &mo("json-signing-key"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401, "the HMAC key is not a Kannel token");
    let r = app
        .request(Method::GET, &mo("kannel-url-token"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body = json!({ "from": "+84912900041", "text": "HD", "id": "j1" }).to_string();
    let r = app
        .request(Method::POST, "/v1/webhooks/sms/inbound")
        .header(
            "x-signature",
            cuakhau::routes::sms::signature("kannel-url-token", body.as_bytes()),
        )
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401, "the Kannel token does not sign JSON");
    let r = app
        .request(Method::POST, "/v1/webhooks/sms/inbound")
        .header(
            "x-signature",
            cuakhau::routes::sms::signature("json-signing-key", body.as_bytes()),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

/// A write that fails mid-batch ends the pass with its error at once: the sends still
/// going are dropped (not sent with outcomes nobody can write), and nothing hangs.
#[tokio::test]
async fn a_failed_outcome_write_ends_the_pass_and_stops_sending() {
    let fake = FakeProvider::start();
    let app = gateway_app("kannel", &fake).await;
    for i in 0..100 {
        let to = format!("+849129002{i:02}");
        assert_eq!(
            queue_notice(&app, &to, "Hello", &format!("f{i}")).await,
            Queued::Queued
        );
    }
    // Every "sent" mark now fails inside the database.
    app.refuse_outbox_state("sent").await;
    let provider = providers::from_config(&app.state.config.sms).unwrap();
    let pass = tokio::time::timeout(
        Duration::from_secs(20),
        dispatch_once(&app.state, provider.as_ref(), "test"),
    )
    .await
    .expect("the pass ends instead of hanging");
    assert!(pass.is_err(), "the write's error is the pass's");
    let sent = fake.received().len();
    assert!(
        sent < 100,
        "sending stopped after the failed write ({sent} sent)"
    );
}

/// The dispatcher claims the next batch while the last messages of the one before are
/// still out. The provider holds the first request until a request of the second batch
/// arrives: a dispatcher that waited for each batch to finish would wait 10 s for a 503.
#[tokio::test]
async fn the_next_batch_goes_out_while_the_last_one_is_still_in_flight() {
    let fake = FakeProvider::start();
    let app = gateway_app("kannel", &fake).await;
    let total = BATCH as usize + 1;
    for i in 0..total {
        let to = format!("+84912901{i:03}");
        assert_eq!(
            queue_notice(&app, &to, "Hello", &format!("b{i}")).await,
            Queued::Queued
        );
    }
    fake.set(Mode::HoldFirstUntil(total));
    let provider = providers::from_config(&app.state.config.sms).unwrap();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let running = tokio::spawn(dispatcher::run(app.state.clone(), provider, stopped));
    let mut sent = 0;
    for _ in 0..200 {
        sent = app
            .state
            .db
            .run(|c| {
                Ok(outbox::count_by_state(c)?
                    .into_iter()
                    .find(|(s, _)| s == "sent")
                    .map_or(0, |(_, n)| n))
            })
            .await
            .unwrap();
        if sent == total as i64 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    stop.send(true).unwrap();
    tokio::time::timeout(Duration::from_secs(10), running)
        .await
        .expect("the dispatcher stops when told")
        .unwrap();
    assert_eq!(sent, total as i64, "every message sent within 10 s");
    assert_eq!(fake.received().len(), total, "each exactly once");
}

/// The provider's rate limit holds: six messages at 10 a second leave at least 500 ms
/// apart first to last (a lower bound, however fast the machine; the assertion leaves
/// 100 ms for the first request's extra latency, a new connection, under a busy suite).
#[tokio::test]
async fn sends_keep_to_the_providers_rate() {
    let fake = FakeProvider::start();
    let app = {
        let url = fake.url.clone();
        crate::helpers::spawn_app_with(move |c| {
            c.sms.provider = "kannel".into();
            c.sms.kannel_url = url.clone();
            c.sms.kannel_password = Some("kannel-test".into());
            c.sms.rate_per_second = 10;
        })
        .await
    };
    for i in 0..6 {
        let to = format!("+849129030{i:02}");
        assert_eq!(
            queue_notice(&app, &to, "Hello", &format!("r{i}")).await,
            Queued::Queued
        );
    }
    assert_eq!(dispatch(&app).await, 6);
    let mut at: Vec<_> = fake.received().iter().map(|r| r.at).collect();
    at.sort();
    assert_eq!(at.len(), 6);
    let span = at[5] - at[0];
    assert!(span >= Duration::from_millis(400), "{span:?}");
}
