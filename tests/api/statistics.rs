//! Supervision figures on a hand-built data set: every number checked against a count
//! made by hand, including records one minute either side of the Asia/Shanghai month.
use chrono::{NaiveDate, NaiveDateTime};
use cuakhau::db::{
    DbConnection,
    models::{papers::PaperRow, users},
    schema::abuse_reports,
};
use diesel::prelude::*;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app};

fn ts(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn worker(c: &mut DbConnection, id: &str, phone: &str, at: &str, home: (&str, &str)) {
    users::insert(
        c,
        &users::NewUser {
            home_province: Some(home.0),
            home_district: Some(home.1),
            created_at: ts(at),
            ..users::NewUser::worker(id, phone, ts(at))
        },
    )
    .unwrap();
}

#[allow(clippy::too_many_arguments)]
fn paper(
    id: &str,
    worker: &str,
    kind: &str,
    (from, to): (&str, &str),
    state: &str,
    zone: &str,
    (created, updated): (&str, &str),
    supersedes: Option<&str>,
    officer: &str,
) -> PaperRow {
    PaperRow {
        id: id.into(),
        kind: kind.into(),
        number: format!("N-{id}"),
        authority: "test".into(),
        issued_on: day(from),
        valid_from: day(from),
        expires_on: day(to),
        state: state.into(),
        renewals: i32::from(supersedes.is_some()),
        series_start: day(from),
        worker_id: Some(worker.into()),
        employer_id: None,
        zone: zone.into(),
        entered_on: None,
        supersedes_id: supersedes.map(Into::into),
        revoked_reason: None,
        recorded_by: officer.into(),
        created_at: ts(created),
        updated_at: ts(updated),
    }
}

/// Times are UTC; the month is October 2026 in Shanghai = [09-30 16:00, 10-31 16:00) UTC.
async fn seed(app: &TestApp) {
    app.state
        .db
        .run(|c| {
            let officer = cuakhau::services::scale::officer(c, ts("2026-01-01 00:00"))?;
            worker(
                c,
                "w1",
                "+84912980001",
                "2026-10-05 02:00",
                ("Lạng Sơn", "Cao Lộc"),
            );
            worker(
                c,
                "w2",
                "+84912980002",
                "2026-09-30 15:59",
                ("Lạng Sơn", "Cao Lộc"),
            );
            worker(
                c,
                "w3",
                "+84912980003",
                "2026-10-31 15:59",
                ("Cao Bằng", "Hạ Lang"),
            );
            worker(
                c,
                "w4",
                "+84912980004",
                "2026-10-31 16:00",
                ("Cao Bằng", "Hạ Lang"),
            );
            let o = officer.as_str();
            let rows = [
                paper(
                    "p1",
                    "w1",
                    "cn_residence_permit",
                    ("2026-06-01", "2026-12-01"),
                    "active",
                    "pingxiang",
                    ("2026-10-05 03:00", "2026-10-05 03:00"),
                    None,
                    o,
                ),
                paper(
                    "p2",
                    "w2",
                    "cn_work_permit",
                    ("2026-01-01", "2026-10-15"),
                    "active",
                    "pingxiang",
                    ("2026-01-01 03:00", "2026-01-01 03:00"),
                    None,
                    o,
                ),
                paper(
                    "p3",
                    "w2",
                    "cn_residence_permit",
                    ("2026-04-01", "2026-10-20"),
                    "superseded",
                    "pingxiang",
                    ("2026-04-01 03:00", "2026-10-10 03:00"),
                    None,
                    o,
                ),
                paper(
                    "p4",
                    "w2",
                    "cn_residence_permit",
                    ("2026-10-20", "2027-01-20"),
                    "active",
                    "pingxiang",
                    ("2026-10-10 03:00", "2026-10-10 03:00"),
                    Some("p3"),
                    o,
                ),
                paper(
                    "p5",
                    "w3",
                    "cn_work_permit",
                    ("2026-10-31", "2027-10-31"),
                    "active",
                    "dongxing",
                    ("2026-10-31 10:00", "2026-10-31 10:00"),
                    None,
                    o,
                ),
                paper(
                    "p6",
                    "w1",
                    "cn_health_certificate",
                    ("2026-03-01", "2027-03-01"),
                    "revoked",
                    "pingxiang",
                    ("2026-03-01 03:00", "2026-10-20 03:00"),
                    None,
                    o,
                ),
            ];
            cuakhau::db::models::papers::insert_many(c, &rows)?;
            // Vacancies: one posted and filled in October, one posted in September,
            // one still a draft — in pingxiang.
            let centre = cuakhau::db::models::centres::CentreRow {
                id: "c1".into(),
                code: "stats".into(),
                name_vi: "TT".into(),
                name_zh: "中心".into(),
                zone: "pingxiang".into(),
                address: "-".into(),
                phone: "-".into(),
                hours: "-".into(),
                created_at: ts("2026-01-01 00:00"),
            };
            cuakhau::db::models::centres::insert(c, &centre)?;
            for (id, state, created, updated) in [
                ("v1", "filled", "2026-10-03 00:00", "2026-10-20 00:00"),
                ("v2", "open", "2026-09-30 15:00", "2026-09-30 15:00"),
                ("v3", "draft", "2026-10-04 00:00", "2026-10-04 00:00"),
            ] {
                let row = cuakhau::db::models::jobs::VacancyRow {
                    id: id.into(),
                    code: id.to_uppercase(),
                    centre_id: Some("c1".into()),
                    employer_id: None,
                    posted_by: officer.clone(),
                    title_vi: "Việc".into(),
                    title_zh: "岗位".into(),
                    description_vi: "Mô tả".into(),
                    description_zh: "描述".into(),
                    search_text: "viec".into(),
                    zone: "pingxiang".into(),
                    workplace: "-".into(),
                    wage_min: 3000,
                    wage_max: 3500,
                    headcount: 1,
                    skills: "warehouse".into(),
                    start_on: day("2026-11-01"),
                    end_on: None,
                    housing: false,
                    meals: false,
                    hours: "-".into(),
                    contact: "-".into(),
                    state: state.into(),
                    created_at: ts(created),
                    updated_at: ts(updated),
                };
                cuakhau::db::models::jobs::insert_vacancy(c, &row, &["warehouse".into()])?;
            }
            Ok(())
        })
        .await
        .unwrap();
    // Two reports: one inside October (Shanghai), one 30 minutes into November.
    for (details, at) in [
        ("trong tháng", "2026-10-02 01:00"),
        ("tháng sau", "2026-10-31 16:30"),
    ] {
        let r = app
            .request(Method::POST, "/v1/reports")
            .json(&json!({ "category": "wage_arrears", "details": details, "zone": "pingxiang" }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
        let details = details.to_string();
        app.state
            .db
            .run(move |c| {
                diesel::update(abuse_reports::table.filter(abuse_reports::details.eq(details)))
                    .set(abuse_reports::created_at.eq(ts(at)))
                    .execute(c)?;
                Ok(())
            })
            .await
            .unwrap();
    }
}

fn counts(v: &Value) -> Vec<(String, i64)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let key = match g["detail"].as_str() {
                Some(d) => format!("{}/{d}", g["key"].as_str().unwrap()),
                None => g["key"].as_str().unwrap().to_string(),
            };
            (key, g["count"].as_i64().unwrap())
        })
        .collect()
}

fn pairs(list: &[(&str, i64)]) -> Vec<(String, i64)> {
    list.iter().map(|(k, n)| (k.to_string(), *n)).collect()
}

#[tokio::test]
async fn monthly_figures_match_a_hand_count_at_the_shanghai_month_boundary() {
    let app = spawn_app().await;
    seed(&app).await;
    let sup = app
        .sign_in_staff("supervisor", Some("province:lang_son"))
        .await;
    let r = app
        .get_as("/v1/statistics?period=month&from=2026-10-01", &sup.access)
        .await;
    assert_eq!(r.status(), 200);
    let s: Value = r.json().await.unwrap();
    assert_eq!(s["scope"], "all");
    assert_eq!(s["to"], "2026-11-01");
    assert_eq!(
        counts(&s["workers_registered"]),
        pairs(&[("Cao Bằng/Hạ Lang", 1), ("Lạng Sơn/Cao Lộc", 1)])
    );
    assert_eq!(s["workers_total"], 3);
    assert_eq!(
        counts(&s["workers_active_by_zone"]),
        pairs(&[("dongxing", 1), ("pingxiang", 2)])
    );
    assert_eq!(
        counts(&s["papers_issued"]),
        pairs(&[("cn_residence_permit", 1), ("cn_work_permit", 1)])
    );
    assert_eq!(
        counts(&s["papers_renewed"]),
        pairs(&[("cn_residence_permit", 1)])
    );
    assert_eq!(
        counts(&s["papers_expired"]),
        pairs(&[("cn_work_permit", 1)])
    );
    assert_eq!(
        counts(&s["papers_revoked"]),
        pairs(&[("cn_health_certificate", 1)])
    );
    assert_eq!(s["workers_without_residence_permit"], 1);
    assert_eq!(
        (
            s["vacancies_posted"].as_i64(),
            s["vacancies_filled"].as_i64()
        ),
        (Some(1), Some(1)),
        "v2 was posted in September (Shanghai), v3 is a draft"
    );
    assert_eq!(
        counts(&s["reports_by_category"]),
        pairs(&[("wage_arrears", 1)])
    );
    assert_eq!(counts(&s["reports_by_state"]), pairs(&[("new", 1)]));
    assert!(s["sms"].is_array());

    // November sees the late worker and the late report.
    let s: Value = app
        .get_as("/v1/statistics?period=month&from=2026-11-01", &sup.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        counts(&s["workers_registered"]),
        pairs(&[("Cao Bằng/Hạ Lang", 1)])
    );
    assert_eq!(
        counts(&s["reports_by_category"]),
        pairs(&[("wage_arrears", 1)])
    );
    // The year holds both months.
    let s: Value = app
        .get_as("/v1/statistics?period=year&from=2026-01-01", &sup.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        counts(&s["reports_by_category"]),
        pairs(&[("wage_arrears", 2)])
    );
}

#[tokio::test]
async fn a_zone_sees_its_own_figures_only_and_csv_opens_with_localized_headers() {
    let app = spawn_app().await;
    seed(&app).await;
    let zone = app
        .sign_in_staff("supervisor", Some("zone:pingxiang"))
        .await;
    let s: Value = app
        .get_as("/v1/statistics?period=month&from=2026-10-01", &zone.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(s["scope"], "zone:pingxiang");
    assert_eq!(
        counts(&s["workers_registered"]),
        pairs(&[("Lạng Sơn/Cao Lộc", 1)])
    );
    assert_eq!(s["workers_total"], 2);
    assert_eq!(
        counts(&s["workers_active_by_zone"]),
        pairs(&[("pingxiang", 2)])
    );
    assert_eq!(s["workers_without_residence_permit"], 0);
    assert!(s["sms"].is_null());
    let path = "/v1/statistics?period=month&from=2026-10-01&scope=zone:dongxing";
    assert_eq!(app.get_as(path, &zone.access).await.status(), 403);
    // Centre staff: their centre's zone (the test centres are all in pingxiang).
    let centre = app.sign_in_staff("centre_staff", Some("centre:pxc")).await;
    let s: Value = app
        .get_as(
            "/v1/statistics?period=month&from=2026-10-01",
            &centre.access,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        counts(&s["workers_active_by_zone"]),
        pairs(&[("pingxiang", 2)])
    );
    let r = app.get_as(path, &centre.access).await;
    assert_eq!(r.status(), 403);
    let officer = app.sign_in_staff("officer", Some("zone:pingxiang")).await;
    let r = app
        .get_as(
            "/v1/statistics?period=month&from=2026-10-01",
            &officer.access,
        )
        .await;
    assert_eq!(r.status(), 403);
    let worker = app.sign_in_worker("+84912980009").await;
    assert_eq!(
        app.get_as(
            "/v1/statistics?period=month&from=2026-10-01",
            &worker.access
        )
        .await
        .status(),
        403
    );
    for bad in [
        "/v1/statistics?period=month&from=2026-10-02",
        "/v1/statistics?period=quarter&from=2026-11-01",
        "/v1/statistics?period=week&from=2026-10-01",
    ] {
        assert!(
            app.get_as(bad, &zone.access)
                .await
                .status()
                .is_client_error(),
            "{bad}"
        );
    }

    let r = app
        .request(Method::GET, "/v1/statistics?period=month&from=2026-10-01")
        .bearer_auth(&zone.access)
        .header("accept", "text/csv")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let bytes = r.bytes().await.unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("栏目,分组,明细,数量"),
        "zone supervisors read Chinese"
    );
    assert!(
        text.contains("新登记务工人员（省、县）,Lạng Sơn,Cao Lộc,1"),
        "{text}"
    );
    let r = app
        .request(
            Method::GET,
            "/v1/statistics?period=month&from=2026-10-01&lang=vi",
        )
        .bearer_auth(&zone.access)
        .header("accept", "text/csv")
        .send()
        .await
        .unwrap();
    let text = r.text().await.unwrap();
    assert!(
        text.trim_start_matches('\u{feff}')
            .starts_with("Mục,Nhóm,Chi tiết,Số lượng")
    );
}
