//! Expiry reminders with an injected clock: each fires once, in the worker's window,
//! re-planned on renewal, one message after an outage, none for those who said no.
use chrono::{DateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use cuakhau::{
    db::models::{outbox, reminders},
    domain::reminders::ReminderRules,
    services::reminders::{Sent, plan, send_due},
};
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::TestApp;

fn today() -> chrono::NaiveDate {
    Utc::now()
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .date_naive()
}

/// `h:m` local time in `tz`, `days` from today.
fn local(days: i64, h: u32, m: u32, tz: Tz) -> DateTime<Utc> {
    let day = today()
        .checked_add_signed(chrono::TimeDelta::days(days))
        .unwrap();
    tz.from_local_datetime(&day.and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap()))
        .unwrap()
        .with_timezone(&Utc)
}

async fn run(app: &TestApp, now: DateTime<Utc>) -> Sent {
    let settings = app.state.config.sms.clone();
    app.state
        .db
        .run(move |c| {
            let rules = ReminderRules::default();
            plan(c, now, &rules)?;
            send_due(c, now, &rules, &Default::default(), &settings)
        })
        .await
        .unwrap()
}

async fn reminder_sms(app: &TestApp, phone: &str) -> Vec<outbox::OutboundRow> {
    let phone = phone.to_string();
    let rows = app
        .state
        .db
        .run(move |c| Ok(outbox::for_recipient(c, &phone)?))
        .await
        .unwrap();
    rows.into_iter().filter(|r| r.kind == "reminder").collect()
}

async fn opt_in(app: &TestApp, token: &str, on: bool, tz: &str) {
    let r = app
        .request(Method::PATCH, "/v1/me")
        .bearer_auth(token)
        .json(&json!({ "sms_opt_in": on, "time_zone": tz }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn each_reminder_fires_once_inside_the_window() {
    let app = crate::helpers::spawn_app().await;
    let z = app
        .legal_worker("pingxiang", "+84912950001", "91451481MA5KREM001", 10)
        .await;
    opt_in(&app, &z.worker.access, true, "Asia/Shanghai").await;
    let tz = chrono_tz::Asia::Shanghai;
    // Ten days before expiry: offsets 7, 3, 1, 0 and "expired" are ahead.
    let mut sent = 0;
    for day in 0..=12 {
        for (h, m) in [(3, 0), (10, 0), (10, 1), (22, 0)] {
            sent += run(&app, local(day, h, m, tz)).await.sent;
        }
    }
    assert_eq!(sent, 5);
    let sms = reminder_sms(&app, "+84912950001").await;
    assert_eq!(sms.len(), 5, "one SMS per reminder");
    // Sent in the morning window, never at 03:00 or 22:00 local.
    let worker = z.worker.user_id.clone();
    let rows = app
        .state
        .db
        .run(move |c| Ok(reminders::of_worker(c, &worker)?))
        .await
        .unwrap();
    let residence: Vec<_> = rows.iter().filter(|r| r.state == "sent").collect();
    assert!(
        residence.iter().any(|r| r.offset_days == -1),
        "the expired notice"
    );
    for r in &sms {
        let local_hour = chrono::Timelike::hour(&r.created_at.and_utc().with_timezone(&tz));
        assert!(
            (8..20).contains(&local_hour),
            "sent at {local_hour}:00 local"
        );
        assert!(
            !r.body.contains("R+84912950001"),
            "no paper number: {}",
            r.body
        );
    }
    let first = sms.iter().min_by_key(|r| r.created_at).unwrap();
    // Unaccented when the accented text would not fit two segments.
    let plain = cuakhau::domain::sms_text::unaccent(&first.body);
    assert!(
        plain.contains("7 ngay") && plain.contains("Giay phep cu tru tam thoi"),
        "{}",
        first.body
    );
    assert!(first.segments <= 2);
    let me: Value = app
        .get_as("/v1/me/reminders", &z.worker.access)
        .await
        .json()
        .await
        .unwrap();
    assert!(me.as_array().unwrap().len() >= 5);
}

#[tokio::test]
async fn the_window_is_the_workers_own_at_its_edges() {
    let app = crate::helpers::spawn_app().await;
    let z = app
        .legal_worker("pingxiang", "+84912950002", "91451481MA5KREM002", 7)
        .await;
    let tz = chrono_tz::Asia::Ho_Chi_Minh;
    opt_in(&app, &z.worker.access, true, "Asia/Ho_Chi_Minh").await;
    // The 7-day reminder is due today at 08:00 in Vietnam.
    assert_eq!(run(&app, local(0, 7, 59, tz)).await.sent, 0, "07:59");
    assert_eq!(run(&app, local(0, 8, 0, tz)).await.sent, 1, "08:00");
    // The 3-day reminder: not at 20:00, yes at 19:59.
    assert_eq!(run(&app, local(4, 20, 0, tz)).await.sent, 0, "20:00");
    assert_eq!(run(&app, local(4, 19, 59, tz)).await.sent, 1, "19:59");
    // 08:00 in Guangxi is still 07:00 in Vietnam: nothing for this worker.
    assert_eq!(
        run(&app, local(6, 8, 0, chrono_tz::Asia::Shanghai))
            .await
            .sent,
        0
    );
}

#[tokio::test]
async fn after_downtime_across_offsets_one_message_goes() {
    let app = crate::helpers::spawn_app().await;
    let z = app
        .legal_worker("pingxiang", "+84912950003", "91451481MA5KREM003", 10)
        .await;
    opt_in(&app, &z.worker.access, true, "Asia/Shanghai").await;
    let tz = chrono_tz::Asia::Shanghai;
    run(&app, local(0, 9, 0, tz)).await; // planned, nothing due yet
    // Down from day 0 until day 9: offsets 7, 3 and 1 all fell due meanwhile.
    let result = run(&app, local(9, 9, 0, tz)).await;
    assert_eq!((result.sent, result.superseded), (1, 2));
    let sms = reminder_sms(&app, "+84912950003").await;
    assert_eq!(sms.len(), 1);
    let plain = cuakhau::domain::sms_text::unaccent(&sms[0].body);
    assert!(
        plain.contains("sau 1 ngay"),
        "the most recent: {}",
        sms[0].body
    );
}

#[tokio::test]
async fn a_renewal_cancels_the_old_plan() {
    let app = crate::helpers::spawn_app().await;
    let z = app
        .legal_worker("pingxiang", "+84912950004", "91451481MA5KREM004", 10)
        .await;
    opt_in(&app, &z.worker.access, true, "Asia/Shanghai").await;
    let tz = chrono_tz::Asia::Shanghai;
    assert_eq!(
        run(&app, local(3, 9, 0, tz)).await.sent,
        1,
        "the 7-day reminder"
    );
    let residence = z
        .papers
        .iter()
        .find(|p| p["kind"] == "cn_residence_permit")
        .unwrap();
    app.record(
        &z.officer,
        &format!("/v1/papers/{}/renewals", residence["id"].as_str().unwrap()),
        json!({}),
    )
    .await;
    for day in 4..=12 {
        assert_eq!(
            run(&app, local(day, 9, 0, tz)).await.sent,
            0,
            "day {day}: nothing for the old date"
        );
    }
    let worker = z.worker.user_id.clone();
    let rows = app
        .state
        .db
        .run(move |c| Ok(reminders::of_worker(c, &worker)?))
        .await
        .unwrap();
    assert!(
        rows.iter().filter(|r| r.state == "cancelled").count() >= 4,
        "{rows:?}"
    );
    assert_eq!(reminder_sms(&app, "+84912950004").await.len(), 1);
}

#[tokio::test]
async fn no_opt_in_and_stop_are_recorded_as_skipped() {
    let app = crate::helpers::spawn_app().await;
    let quiet = app
        .legal_worker("pingxiang", "+84912950005", "91451481MA5KREM005", 7)
        .await;
    let tz = chrono_tz::Asia::Shanghai;
    let result = run(&app, local(0, 9, 0, tz)).await;
    assert_eq!((result.sent, result.skipped), (0, 1), "never opted in");
    let me: Value = app
        .get_as("/v1/me/reminders", &quiet.worker.access)
        .await
        .json()
        .await
        .unwrap();
    assert!(
        me.as_array()
            .unwrap()
            .iter()
            .any(|r| r["state"] == "skipped_no_opt_in")
    );
    assert!(
        me.as_array()
            .unwrap()
            .iter()
            .any(|r| r["state"] == "planned"),
        "the rest still visible in the app"
    );
    assert!(reminder_sms(&app, "+84912950005").await.is_empty());

    // Opted in, then sent STOP: recorded as skipped, nothing goes out.
    let stopped = app
        .legal_worker("pingxiang", "+84912950006", "91451481MA5KREM006", 7)
        .await;
    opt_in(&app, &stopped.worker.access, true, "Asia/Shanghai").await;
    app.state
        .db
        .run(|c| {
            Ok(cuakhau::db::models::inbound::opt_out(
                c,
                "+84912950006",
                cuakhau::services::now(),
            )?)
        })
        .await
        .unwrap();
    let result = run(&app, local(0, 9, 30, tz)).await;
    assert_eq!((result.sent, result.skipped), (0, 1));
    let me: Value = app
        .get_as("/v1/me/reminders", &stopped.worker.access)
        .await
        .json()
        .await
        .unwrap();
    assert!(
        me.as_array()
            .unwrap()
            .iter()
            .any(|r| r["state"] == "skipped_opted_out"),
        "{me}"
    );
}

#[tokio::test]
async fn two_planners_and_two_senders_at_once_make_one_sms_per_reminder() {
    let app = crate::helpers::spawn_app().await;
    let mut phones = Vec::new();
    for i in 0..4 {
        let phone = format!("+849129501{i:02}");
        let z = app
            .legal_worker("pingxiang", &phone, &format!("91451481MA5KRC{i:04}"), 7)
            .await;
        opt_in(&app, &z.worker.access, true, "Asia/Shanghai").await;
        phones.push(phone);
    }
    let now = local(0, 9, 0, chrono_tz::Asia::Shanghai);
    let (a, b, c, d) = tokio::join!(
        run(&app, now),
        run(&app, now),
        run(&app, now),
        run(&app, now)
    );
    assert_eq!(
        a.sent + b.sent + c.sent + d.sent,
        4,
        "each reminder sent by exactly one of them"
    );
    for phone in &phones {
        assert_eq!(reminder_sms(&app, phone).await.len(), 1, "{phone}");
    }
}

#[tokio::test]
async fn staff_see_reminders_of_their_zone_and_employers_the_digest() {
    let app = crate::helpers::spawn_app().await;
    let z = app
        .legal_worker("pingxiang", "+84912950201", "91451481MA5KREM201", 12)
        .await;
    run(&app, local(0, 9, 0, chrono_tz::Asia::Shanghai)).await;
    let list: Value = app
        .get_as("/v1/reminders?state=planned", &z.officer.access)
        .await
        .json()
        .await
        .unwrap();
    assert!(!list.as_array().unwrap().is_empty());
    let elsewhere = app.sign_in_staff("officer", Some("zone:dongxing")).await;
    let list: Value = app
        .get_as("/v1/reminders", &elsewhere.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list, json!([]));
    let r = app
        .get_as("/v1/reminders?zone=pingxiang", &elsewhere.access)
        .await;
    assert_eq!(r.status(), 403);
    assert_eq!(
        app.get_as("/v1/reminders", &z.worker.access).await.status(),
        403
    );

    let employer = app
        .sign_in_staff("employer", Some(&format!("employer:{}", z.employer_id)))
        .await;
    let digest: Value = app
        .get_as("/v1/employer/expiring", &employer.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(digest["workers_with_lapsing_papers"], 1, "{digest}");
    assert_eq!(
        digest["workers"][0]["lapsing"][0]["kind"],
        "cn_residence_permit"
    );
    assert_eq!(digest["employer_permit"]["status"], "valid");
}

#[tokio::test]
async fn employers_get_one_chinese_digest_a_week() {
    let app = crate::helpers::spawn_app().await;
    let z = app
        .legal_worker("pingxiang", "+84912950301", "91451481MA5KREM301", 12)
        .await;
    // Find the coming Monday, 09:30 Guangxi time.
    let tz = chrono_tz::Asia::Shanghai;
    let monday = (0..7)
        .find(|d| {
            chrono::Datelike::weekday(&(today() + chrono::TimeDelta::days(*d)))
                == chrono::Weekday::Mon
        })
        .unwrap();
    assert_eq!(
        digest(&app, local(monday, 8, 30, tz)).await,
        0,
        "before the hour"
    );
    assert_eq!(digest(&app, local(monday, 9, 30, tz)).await, 1);
    assert_eq!(
        digest(&app, local(monday, 11, 0, tz)).await,
        0,
        "once a week"
    );
    assert_eq!(
        digest(&app, local(monday + 1, 9, 30, tz)).await,
        0,
        "not on Tuesday"
    );
    // The employer's contact phone from the fixture.
    let sms = app
        .state
        .db
        .run(|c| Ok(outbox::for_recipient(c, "+867718520000")?))
        .await
        .unwrap();
    assert_eq!(sms.len(), 1, "{sms:?}");
    assert_eq!(sms[0].language, "zh");
    assert!(
        sms[0].body.contains("1 名工人的证件将在 30 天内到期") && sms[0].body.contains("有效至"),
        "{}",
        sms[0].body
    );
    let _ = z;
}

async fn digest(app: &TestApp, now: DateTime<Utc>) -> usize {
    let settings = app.state.config.sms.clone();
    app.state
        .db
        .run(move |c| {
            cuakhau::services::reminders::send_digests(
                c,
                now,
                &ReminderRules::default(),
                &Default::default(),
                &settings,
            )
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn a_revocation_cancels_at_once_and_a_stale_plan_is_never_sent() {
    let app = crate::helpers::spawn_app().await;
    let tz = chrono_tz::Asia::Shanghai;
    let (a, b) = (
        app.legal_worker("pingxiang", "+84912950021", "91451481MA5KREV021", 10)
            .await,
        app.legal_worker("pingxiang", "+84912950022", "91451481MA5KREV022", 10)
            .await,
    );
    for z in [&a, &b] {
        opt_in(&app, &z.worker.access, true, "Asia/Shanghai").await;
    }
    let now = local(0, 7, 0, tz);
    let planned = app
        .state
        .db
        .run(move |c| plan(c, now, &ReminderRules::default()))
        .await
        .unwrap();
    assert!(planned >= 8, "{planned}");
    let residence = |z: &crate::papers::Zone| {
        z.papers
            .iter()
            .find(|p| p["kind"] == "cn_residence_permit")
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // Through the service: cancelled in the same transaction, before any planner pass.
    let r = app
        .request(
            Method::POST,
            &format!("/v1/papers/{}/revocation", residence(&a)),
        )
        .bearer_auth(&a.officer.access)
        .json(&json!({ "reason": "left the zone" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let worker = a.worker.user_id.clone();
    let states: Vec<String> = app
        .state
        .db
        .run(move |c| Ok(reminders::of_worker(c, &worker)?))
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.state)
        .collect();
    assert!(
        !states.is_empty() && states.iter().all(|s| s == "cancelled"),
        "{states:?}"
    );
    // Behind the service's back (an operator's SQL): the sender
    // checks the paper before sending.
    let paper = residence(&b);
    let changed = app
        .state
        .db
        .run(move |c| {
            let at = (now - chrono::TimeDelta::days(30)).naive_utc();
            Ok(cuakhau::db::models::papers::end_active(
                c, &paper, "revoked", None, at,
            )?)
        })
        .await
        .unwrap();
    assert_eq!(changed, 1);
    let sent = run(&app, local(3, 9, 0, tz)).await;
    assert_eq!((sent.sent, sent.cancelled), (0, 1), "{sent:?}");
    for phone in ["+84912950021", "+84912950022"] {
        assert!(reminder_sms(&app, phone).await.is_empty(), "{phone}");
    }
}
