use std::time::Duration;

use cuakhau::{
    db::models::outbox,
    domain::Phone,
    i18n::Lang,
    services::now,
    sms::{self, Outbound, Queued, SmsKind},
};
use serde_json::json;

#[tokio::test]
async fn the_dispatcher_delivers_queued_sms_and_forgets_sign_in_codes() {
    let app = crate::helpers::spawn_app_with(|c| c.run_jobs = true).await;
    app.post("/v1/auth/otp/request", json!({ "phone": "+84912555000" }))
        .await;
    let mut state = String::new();
    for _ in 0..100 {
        let rows = app
            .state
            .db
            .run(|c| Ok(outbox::for_recipient(c, "+84912555000")?))
            .await
            .unwrap();
        state = rows[0].state.clone();
        if state == "sent" {
            assert_eq!(rows[0].provider.as_deref(), Some("log"));
            assert_eq!(rows[0].attempts, 1);
            assert!(rows[0].claimed_until.is_none());
            assert_eq!(
                rows[0].body,
                outbox::REDACTED,
                "the code is not kept after sending"
            );
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("message still {state}");
}

#[tokio::test]
async fn queueing_is_idempotent_and_claims_never_overlap() {
    let app = spawn_app_with_no_jobs().await;
    let phone = Phone::parse("+84912555001").unwrap();
    let settings = app.state.config.sms.clone();
    let queued = app
        .state
        .db
        .run(move |c| {
            let now = now();
            let msg = |key: &'static str| Outbound {
                recipient: &phone,
                body: "Xin chào",
                lang: Lang::Vi,
                kind: SmsKind::Notice,
                idempotency_key: key,
                expires_at: None,
                essential: false,
            };
            let a = sms::queue(c, &msg("k1"), &settings, now)?;
            let again = sms::queue(c, &msg("k1"), &settings, now)?;
            let b = sms::queue(c, &msg("k2"), &settings, now)?;
            Ok((a, again, b))
        })
        .await
        .unwrap();
    assert_eq!(
        queued,
        (Queued::Queued, Queued::Duplicate, Queued::Queued),
        "the same key queues once"
    );

    let (first, second) = app
        .state
        .db
        .run(|c| {
            let now = now();
            let lease = now + chrono::TimeDelta::seconds(60);
            let first = outbox::claim_due(c, now, lease, 10, "worker-a")?;
            let second = outbox::claim_due(c, now, lease, 10, "worker-b")?;
            Ok((first, second))
        })
        .await
        .unwrap();
    assert_eq!(first.len(), 2);
    assert!(second.is_empty(), "a leased row is not claimed twice");

    // When the lease runs out (the claimer crashed), the row is due again.
    let later = app
        .state
        .db
        .run(|c| {
            let later = now() + chrono::TimeDelta::seconds(120);
            Ok(outbox::claim_due(
                c,
                later,
                later + chrono::TimeDelta::seconds(60),
                10,
                "worker-c",
            )?)
        })
        .await
        .unwrap();
    assert_eq!(later.len(), 2);
}

#[tokio::test]
async fn an_otp_not_sent_in_time_expires_instead_of_arriving_late() {
    let app = spawn_app_with_no_jobs().await;
    app.post("/v1/auth/otp/request", json!({ "phone": "+84912555002" }))
        .await;
    let expired = app
        .state
        .db
        .run(|c| {
            let later = now() + chrono::TimeDelta::seconds(301);
            Ok(outbox::expire_overdue(c, later)?)
        })
        .await
        .unwrap();
    assert_eq!(expired, 1);
    let rows = app
        .state
        .db
        .run(|c| Ok(outbox::for_recipient(c, "+84912555002")?))
        .await
        .unwrap();
    assert_eq!(rows[0].state, "expired");
    assert_eq!(rows[0].body, outbox::REDACTED);
}

async fn spawn_app_with_no_jobs() -> crate::helpers::TestApp {
    crate::helpers::spawn_app_with(|c| c.run_jobs = false).await
}
