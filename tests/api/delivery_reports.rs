//! Delivery reports arriving many at a time: written in groups, each answered only once
//! its group has committed, and a group that cannot be written refused whole.
use futures_util::future::join_all;
use reqwest::Method;

use crate::{
    fake_provider::FakeProvider,
    helpers::TestApp,
    sms::{SECRET, dispatch, gateway_app, messages_to, queue_notice},
};

/// Queues and sends `n` notices; their outbox ids, in order.
async fn sent(app: &TestApp, n: usize, prefix: &str) -> Vec<String> {
    let phones: Vec<String> = (0..n).map(|i| format!("+8491290{prefix}{i:02}")).collect();
    for (i, to) in phones.iter().enumerate() {
        queue_notice(app, to, "Xin chao", &format!("{prefix}-{i}")).await;
    }
    assert_eq!(dispatch(app).await, n);
    let mut ids = Vec::new();
    for to in &phones {
        let m = messages_to(app, to).await;
        assert_eq!(m[0].state, "sent");
        ids.push(m[0].id.clone());
    }
    ids
}

async fn report(app: &TestApp, status: u32, id: &str) -> u16 {
    app.request(
        Method::GET,
        &format!("/v1/webhooks/kannel/dlr?token={SECRET}&status={status}&id={id}"),
    )
    .send()
    .await
    .unwrap()
    .status()
    .as_u16()
}

/// Whether each of the `n` messages sent by `sent(app, n, prefix)` is in `state`.
async fn all_in(app: &TestApp, prefix: &str, n: usize, state: &str) -> bool {
    for i in 0..n {
        if messages_to(app, &format!("+8491290{prefix}{i:02}")).await[0].state != state {
            return false;
        }
    }
    true
}

#[tokio::test]
async fn a_burst_of_reports_is_applied_and_each_answered() {
    let fake = FakeProvider::start();
    let app = gateway_app("kannel", &fake).await;
    let ids = sent(&app, 30, "71").await;
    // All at once: final reports, the SMSC's "accepted" ones, and reports for nothing.
    let mut calls = Vec::new();
    for id in &ids {
        calls.push(report(&app, 1, id));
        calls.push(report(&app, 8, id));
    }
    for i in 0..5 {
        calls.push(report(&app, 1, if i % 2 == 0 { "nope" } else { "gone" }));
    }
    let answers = join_all(calls).await;
    assert!(answers.iter().all(|s| *s == 200), "{answers:?}");
    assert!(all_in(&app, "71", 30, "delivered").await);
}

#[tokio::test]
async fn a_group_that_cannot_be_written_is_refused_whole_and_written_when_sent_again() {
    let fake = FakeProvider::start();
    let app = gateway_app("kannel", &fake).await;
    let ids = sent(&app, 12, "72").await;
    app.refuse_outbox_state("delivered").await;
    let answers = join_all(ids.iter().map(|id| report(&app, 1, id))).await;
    assert!(answers.iter().all(|s| *s == 503), "{answers:?}");
    assert!(all_in(&app, "72", 12, "sent").await, "nothing half-written");
    // The provider sends them again, as it does after a 503.
    app.allow_outbox_state("delivered").await;
    let answers = join_all(ids.iter().map(|id| report(&app, 1, id))).await;
    assert!(answers.iter().all(|s| *s == 200), "{answers:?}");
    assert!(all_in(&app, "72", 12, "delivered").await);
}
