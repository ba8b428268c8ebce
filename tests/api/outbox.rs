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
            let first = outbox::claim_due(c, now, lease, 10, "worker-a")?.rows;
            let second = outbox::claim_due(c, now, lease, 10, "worker-b")?.rows;
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
            )?
            .rows)
        })
        .await
        .unwrap();
    assert_eq!(later.len(), 2);
}

#[tokio::test]
async fn a_claim_takes_abandoned_rows_first_then_the_oldest_due_and_no_more() {
    let app = spawn_app_with_no_jobs().await;
    // Whole seconds: PostgreSQL keeps microseconds, not nanoseconds.
    let t = chrono::SubsecRound::trunc_subsecs(now(), 0);
    let secs = chrono::TimeDelta::seconds;
    // Messages queued in an order other than when they are due (ids and insertion
    // follow the queueing), so that only ordering by due time gives the order expected.
    let queue = |due_in: Vec<(usize, i64)>| queue_due(&app, t, due_in);
    let key = |rows: &[outbox::Outgoing]| -> Vec<String> {
        rows.iter().map(|r| order_key(&r.recipient)).collect()
    };
    // The claimed rows as the table holds them.
    let stored = |rows: &[outbox::Outgoing]| {
        let db = app.state.db.clone();
        let to: Vec<String> = rows.iter().map(|r| r.recipient.clone()).collect();
        async move {
            db.run(move |c| {
                to.iter()
                    .map(|to| Ok(outbox::for_recipient(c, to)?.remove(0)))
                    .collect::<Result<Vec<_>, cuakhau::error::ApiError>>()
            })
            .await
            .unwrap()
        }
    };
    let claim = |at, until, limit, token: &'static str| {
        let db = app.state.db.clone();
        async move {
            db.run(move |c| Ok(outbox::claim_due(c, at, until, limit, token)?))
                .await
                .unwrap()
        }
    };
    // The last one is due only in a minute.
    queue(vec![(0, -20), (1, -50), (2, -30), (3, -40), (4, 60)]).await;
    // The two oldest, oldest first, under a 10 s lease.
    let first = claim(t, t + secs(10), 2, "a").await;
    assert_eq!(first.reclaimed, 0);
    let first = first.rows;
    assert_eq!(key(&first), ["order-1", "order-3"]);
    assert!(first.iter().all(|r| r.claim_token == "a"));
    for row in stored(&first).await {
        assert_eq!(row.idempotency_key, order_key(&row.recipient));
        assert_eq!(row.state, "sending");
        assert_eq!(row.claim_token.as_deref(), Some("a"));
        assert_eq!(row.claimed_until, Some(t + secs(10)));
    }
    // Then one is queued that was due before all of them.
    queue(vec![(5, -60)]).await;
    // At t + 30 that claimer's lease has run out: its rows come back before any queued
    // row, even one due earlier, and the limit holds (three in all).
    let second = claim(t + secs(30), t + secs(90), 3, "b").await;
    assert_eq!(second.reclaimed, 2, "the two abandoned rows");
    let second = second.rows;
    assert_eq!(key(&second), ["order-1", "order-3", "order-5"]);
    assert!(second.iter().all(|r| r.claim_token == "b"));
    assert!(
        stored(&second)
            .await
            .iter()
            .all(|r| r.claim_token.as_deref() == Some("b") && r.claimed_until == Some(t + secs(90)))
    );
    // What is left and due, oldest first, whatever the limit; the later one waits.
    let third = claim(t + secs(30), t + secs(90), 10, "c").await;
    assert_eq!(key(&third.rows), ["order-2", "order-0"]);
    assert_eq!(third.reclaimed, 0);
    assert!(
        claim(t + secs(30), t + secs(90), 10, "d")
            .await
            .rows
            .is_empty()
    );
    let last = claim(t + secs(61), t + secs(120), 10, "e").await;
    assert_eq!(key(&last.rows), ["order-4"]);
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

#[tokio::test]
async fn one_sent_mark_takes_many_ids_of_its_own_claim_only() {
    let app = spawn_app_with_no_jobs().await;
    let t = chrono::SubsecRound::trunc_subsecs(now(), 0);
    queue_due(&app, t, (0..4).map(|i| (i, -10)).collect()).await;
    let db = app.state.db.clone();
    let rows = db
        .run(move |c| {
            Ok(outbox::claim_due(
                c,
                t,
                t + chrono::TimeDelta::seconds(60),
                10,
                "a",
            )?)
        })
        .await
        .unwrap()
        .rows;
    assert_eq!(rows.len(), 4);
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mark = |ids: Vec<String>, token: &'static str| {
        let db = db.clone();
        async move {
            db.run(move |c| Ok(outbox::mark_sent_many(c, &ids, token, "kannel", now())?))
                .await
                .unwrap()
        }
    };
    let state = |i: usize| {
        let (db, to) = (db.clone(), rows[i].recipient.clone());
        async move {
            db.run(move |c| Ok(outbox::for_recipient(c, &to)?))
                .await
                .unwrap()
                .remove(0)
                .state
        }
    };
    // Two of the claim, an unknown id and an odd one (quote, comma, brackets): two marked.
    let odd = ["no-such-id".to_string(), "quote\"d, [x]".to_string()];
    let first = vec![
        ids[0].clone(),
        ids[2].clone(),
        odd[0].clone(),
        odd[1].clone(),
    ];
    assert_eq!(mark(first, "a").await, 2);
    assert_eq!(state(1).await, "sending", "not named");
    // Another claim's token marks nothing; a list of another length marks the rest.
    assert_eq!(mark(vec![ids[1].clone()], "b").await, 0);
    assert_eq!(state(1).await, "sending");
    assert_eq!(mark(vec![ids[1].clone(), ids[3].clone()], "a").await, 2);
    for i in 0..4 {
        assert_eq!(state(i).await, "sent");
    }
    assert_eq!(mark(vec![ids[0].clone()], "a").await, 0, "sent already");
}

#[tokio::test]
async fn the_dispatch_writes_are_prepared_once_per_connection_and_reused() {
    use std::sync::{Arc, Mutex};

    use diesel::{Connection, connection::InstrumentationEvent};
    let app = spawn_app_with_no_jobs().await;
    let t = chrono::SubsecRound::trunc_subsecs(now(), 0);
    queue_due(&app, t, (0..4).map(|i| (i, -10)).collect()).await;
    let (prepared, rows) = app
        .state
        .db
        .run(move |c| {
            let seen = Arc::new(Mutex::new(Vec::<String>::new()));
            let log = Arc::clone(&seen);
            c.set_instrumentation(move |event: InstrumentationEvent<'_>| {
                if let InstrumentationEvent::CacheQuery { sql, .. } = event {
                    log.lock().unwrap().push(sql.to_string());
                }
            });
            let lease = t + chrono::TimeDelta::seconds(60);
            let mut rows = Vec::new();
            // Two rounds of what a dispatch and its reports write, other rows each time.
            for token in ["a", "b"] {
                let claimed = outbox::claim_due(c, t, lease, 2, token)?.rows;
                let ids: Vec<String> = claimed.iter().map(|r| r.id.clone()).collect();
                assert_eq!(outbox::mark_sent_many(c, &ids, token, "kannel", t)?, 2);
                outbox::record_delivery(c, &ids[0], true, None, t)?;
                rows.extend(claimed.into_iter().map(|r| r.recipient));
            }
            c.set_instrumentation(|_: InstrumentationEvent<'_>| {});
            let states = rows
                .iter()
                .map(|to| {
                    let row = outbox::for_recipient(c, to)?.remove(0);
                    Ok((row.claim_token, row.state))
                })
                .collect::<Result<Vec<_>, diesel::result::Error>>()?;
            let prepared = seen.lock().unwrap().clone();
            Ok((prepared, states))
        })
        .await
        .unwrap();
    // The claim's two statements (abandoned rows, then queued ones), the sent mark and
    // the report's one: each prepared the first time only.
    let updates: Vec<&String> = prepared
        .iter()
        .filter(|s| s.starts_with("UPDATE"))
        .collect();
    assert_eq!(updates.len(), 4, "{updates:#?}");
    let distinct: std::collections::HashSet<&String> = updates.iter().copied().collect();
    assert_eq!(distinct.len(), 4, "four statements, none prepared twice");
    // Reused with the second round's values, they wrote the second round's rows.
    let some = |s: &str| Some(s.to_string());
    assert_eq!(
        rows,
        [
            (some("a"), "delivered".to_string()),
            (some("a"), "sent".to_string()),
            (some("b"), "delivered".to_string()),
            (some("b"), "sent".to_string()),
        ]
    );
}

/// The key `queue_due` gave the message it sent to `recipient` (`order-n` to +8491255510n).
fn order_key(recipient: &str) -> String {
    recipient.replace("+8491255510", "order-")
}

/// Queues one notice per (n, seconds from `t` until it is due), to +8491255510n.
async fn queue_due(
    app: &crate::helpers::TestApp,
    t: chrono::NaiveDateTime,
    due_in: Vec<(usize, i64)>,
) {
    let settings = app.state.config.sms.clone();
    app.state
        .db
        .run(move |c| {
            for (i, offset) in due_in {
                let phone = Phone::parse(&format!("+8491255510{i}")).unwrap();
                let key = format!("order-{i}");
                let msg = Outbound {
                    recipient: &phone,
                    body: "Xin chào",
                    lang: Lang::Vi,
                    kind: SmsKind::Notice,
                    idempotency_key: &key,
                    expires_at: None,
                    essential: false,
                };
                sms::queue(c, &msg, &settings, t + chrono::TimeDelta::seconds(offset))?;
            }
            Ok(())
        })
        .await
        .unwrap()
}

async fn spawn_app_with_no_jobs() -> crate::helpers::TestApp {
    crate::helpers::spawn_app_with(|c| c.run_jobs = false).await
}
