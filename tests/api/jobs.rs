//! Vacancies and matching: permits gate who may post and what is shown, explained
//! ranking, accent-insensitive search with cursors, applications by REST and SMS with
//! their notices, candidate privacy before shortlisting, and wrong-owner 404s.
use chrono::{TimeDelta, Utc};
use cuakhau::db::models::outbox;
use reqwest::Method;
use serde_json::{Value, json};

use crate::{
    helpers::{TestApp, Tokens, spawn_app, spawn_app_with},
    papers::Zone,
};

fn day(n: i64) -> String {
    (Utc::now()
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .date_naive()
        + TimeDelta::days(n))
    .format("%Y-%m-%d")
    .to_string()
}

fn vacancy(
    title_vi: &str,
    title_zh: &str,
    zone: &str,
    skills: &[&str],
    wage: (i32, i32),
    start: i64,
) -> Value {
    json!({
        "title_vi": title_vi, "title_zh": title_zh,
        "description_vi": format!("{title_vi}: làm việc theo ca, có hợp đồng và bảo hiểm."),
        "description_zh": format!("{title_zh}，签订劳动合同，购买保险。"),
        "zone": zone, "workplace": "Khu công nghiệp Bằng Tường",
        "wage_min": wage.0, "wage_max": wage.1, "headcount": 5,
        "skills": skills, "start_on": day(start),
        "housing": true, "meals": true, "hours": "08:00-17:00", "contact": "Phòng nhân sự"
    })
}

async fn post(app: &TestApp, who: &Tokens, body: Value) -> reqwest::Response {
    app.send(Method::POST, "/v1/vacancies", &who.access, body)
        .await
}

async fn employer_of(app: &TestApp, z: &Zone) -> Tokens {
    app.sign_in_staff("employer", Some(&format!("employer:{}", z.employer_id)))
        .await
}

async fn notices(app: &TestApp, phone: &str) -> Vec<String> {
    let phone = phone.to_string();
    app.state
        .db
        .run(move |c| Ok(outbox::for_recipient(c, &phone)?))
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.idempotency_key.starts_with("job:"))
        .map(|m| m.body)
        .collect()
}

#[tokio::test]
async fn only_permitted_employers_post_and_a_lapsed_permit_hides_their_vacancies() {
    let app = spawn_app().await;
    let z = app
        .legal_worker("pingxiang", "+84912990001", "91451481MA5KJOB001", 120)
        .await;
    let employer = employer_of(&app, &z).await;
    let r = post(
        &app,
        &employer,
        vacancy(
            "Phân loại hoa quả",
            "水果分拣",
            "pingxiang",
            &["fruit_sorting"],
            (3000, 3800),
            10,
        ),
    )
    .await;
    assert_eq!(r.status(), 201, "{}", r.text().await.unwrap());
    // The permit lapses in 300 days: a vacancy starting after that may not open.
    let r = post(
        &app,
        &employer,
        vacancy(
            "Kho",
            "仓库",
            "pingxiang",
            &["warehouse"],
            (3000, 3500),
            400,
        ),
    )
    .await;
    crate::helpers::assert_error(r, 409, "employer_permit_invalid", cuakhau::i18n::Lang::Zh).await;
    let worker = &z.worker;
    let (_, listed) = list(&app, worker, "").await;
    assert_eq!(listed.len(), 1);

    let r = app.revoke(&z, "employer_permit", "kiểm tra").await;
    assert_eq!(r.status(), 200);
    assert!(
        list(&app, worker, "").await.1.is_empty(),
        "hidden while no permit"
    );
    app.record(
        &z.officer,
        &format!("/v1/employers/{}/papers", z.employer_id),
        json!({ "kind": "employer_permit", "number": "EP-NEW-1", "authority": "凭祥市人社局",
                "issued_on": day(0), "valid_from": day(0), "expires_on": day(365) }),
    )
    .await;
    assert_eq!(
        list(&app, worker, "").await.1.len(),
        1,
        "back with a new permit"
    );

    // Workers and officers do not post.
    for who in [worker, &z.officer] {
        let r = post(
            &app,
            who,
            vacancy("X việc", "X", "pingxiang", &["sewing"], (1, 2), 5),
        )
        .await;
        assert_eq!(r.status(), 403);
    }
}

async fn list(app: &TestApp, who: &Tokens, query: &str) -> (Option<String>, Vec<Value>) {
    let r = app
        .get_as(&format!("/v1/vacancies?{query}"), &who.access)
        .await;
    assert_eq!(r.status(), 200);
    let page: Value = r.json().await.unwrap();
    (
        page["next_cursor"].as_str().map(String::from),
        page["items"].as_array().unwrap().clone(),
    )
}

#[tokio::test]
async fn search_ignores_accents_finds_chinese_and_pages_with_a_cursor() {
    let app = spawn_app().await;
    app.add_centre("pingxiang").await;
    let centre = app
        .sign_in_staff("centre_staff", Some("centre:pingxiang"))
        .await;
    for (i, (vi, zh)) in [
        ("Công nhân đóng gói trái cây", "水果包装工"),
        ("Thợ may công nghiệp", "缝纫工"),
        ("Lái xe nâng kho lạnh", "冷库叉车司机"),
    ]
    .into_iter()
    .enumerate()
    {
        let r = post(
            &app,
            &centre,
            vacancy(
                vi,
                zh,
                "pingxiang",
                &["warehouse"],
                (3000, 4000),
                5 + i as i64,
            ),
        )
        .await;
        assert_eq!(r.status(), 201);
    }
    let worker = app.sign_in_worker("+84912990010").await;
    let (_, found) = list(&app, &worker, "q=dong%20goi%20trai%20cay").await;
    assert_eq!(found.len(), 1);
    let (_, found) = list(&app, &worker, &format!("q={}", "叉车")).await;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["title_zh"], "冷库叉车司机");
    let (cursor, first) = list(&app, &worker, "limit=2").await;
    assert_eq!(first.len(), 2);
    let (none, rest) = list(
        &app,
        &worker,
        &format!("limit=2&cursor={}", cursor.unwrap()),
    )
    .await;
    assert_eq!(rest.len(), 1);
    assert!(none.is_none());
    let mut ids: Vec<&str> = first
        .iter()
        .chain(&rest)
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    ids.dedup();
    assert_eq!(ids.len(), 3, "no vacancy twice, none lost");
    let r = app
        .get_as("/v1/vacancies?cursor=nonsense", &worker.access)
        .await;
    assert_eq!(r.status(), 422);
}

#[tokio::test]
async fn a_worker_sees_vacancies_ranked_with_reasons_and_applies_by_app_and_sms() {
    let secret = "hook-secret-for-tests";
    let app = spawn_app_with(|c| c.sms.webhook_secret = Some(secret.into())).await;
    let z = app
        .legal_worker("pingxiang", "+84912990020", "91451481MA5KJOB020", 20)
        .await;
    let employer = employer_of(&app, &z).await;
    let good: Value = post(
        &app,
        &employer,
        vacancy(
            "Phân loại hoa quả",
            "水果分拣",
            "pingxiang",
            &["fruit_sorting", "warehouse"],
            (3200, 4000),
            10,
        ),
    )
    .await
    .json()
    .await
    .unwrap();
    let far: Value = post(
        &app,
        &employer,
        vacancy("May mặc", "缝纫", "dongxing", &["sewing"], (2500, 2800), 10),
    )
    .await
    .json()
    .await
    .unwrap();
    let late: Value = post(
        &app,
        &employer,
        vacancy(
            "Kho lạnh",
            "冷库",
            "pingxiang",
            &["warehouse"],
            (3000, 3600),
            60,
        ),
    )
    .await
    .json()
    .await
    .unwrap();
    let w = &z.worker;
    let r = app
        .send(
            Method::PUT,
            "/v1/me/job-profile",
            &w.access,
            json!({
                "skills": ["fruit_sorting", "warehouse"], "zones": ["pingxiang"], "min_wage": 3000
            }),
        )
        .await;
    assert_eq!(r.status(), 200);
    let r = app
        .send(
            Method::PUT,
            "/v1/me/job-profile",
            &w.access,
            json!({ "skills": ["juggling"] }),
        )
        .await;
    assert_eq!(r.status(), 422);
    let ranked: Vec<Value> = app
        .get_as("/v1/me/vacancies", &w.access)
        .await
        .json()
        .await
        .unwrap();
    let order: Vec<&str> = ranked
        .iter()
        .map(|m| m["vacancy"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        order,
        [good["id"].as_str().unwrap(), late["id"].as_str().unwrap()],
        "neither the zone nor the skills of the sewing job: narrowed out"
    );
    assert!(!order.contains(&far["id"].as_str().unwrap()));
    assert_eq!(ranked[0]["score"], 100);
    let why = ranked[0]["explanation"].as_array().unwrap();
    assert!(why.iter().any(|e| e == "2/2 kỹ năng phù hợp"), "{why:?}");
    // The residence permit lapses in 20 days: the 60-day vacancy is marked, with a next step.
    assert_eq!(ranked[1]["papers_cover_start"], false);
    assert!(ranked[1]["next_step"].as_str().is_some());
    assert_eq!(ranked[0]["papers_cover_start"], true);

    // Apply by app: one application however often; the worker gets one notice.
    let vid = good["id"].as_str().unwrap();
    let path = format!("/v1/vacancies/{vid}/applications");
    let a: Value = app
        .send(Method::POST, &path, &w.access, json!({}))
        .await
        .json()
        .await
        .unwrap();
    let again: Value = app
        .send(Method::POST, &path, &w.access, json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(a["id"], again["id"]);
    assert_eq!(notices(&app, "+84912990020").await.len(), 1);

    // By SMS: VIEC lists codes, VIEC <code> applies.
    let mo = |text: &str, id: &str| {
        let body = json!({ "from": "+84912990020", "text": text, "id": id }).to_string();
        let sig = cuakhau::routes::sms::signature(secret, body.as_bytes());
        let app = &app;
        async move {
            let r = app
                .request(Method::POST, "/v1/webhooks/sms/inbound")
                .header("x-signature", sig)
                .body(body)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200);
        }
    };
    mo("viec", "v1").await;
    let phone = "+84912990020".to_string();
    let top = app
        .state
        .db
        .run(move |c| Ok(outbox::for_recipient(c, &phone)?))
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.idempotency_key.ends_with(":v1"))
        .unwrap()
        .body;
    assert!(top.contains(late["code"].as_str().unwrap()), "{top}");
    mo(
        &format!("VIEC {}", late["code"].as_str().unwrap().to_lowercase()),
        "v2",
    )
    .await;
    let mine: Vec<Value> = app
        .get_as("/v1/me/job-applications", &w.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine.len(), 2);
    assert!(
        mine.iter()
            .any(|a| a["channel"] == "sms" && a["vacancy_id"] == late["id"])
    );

    // Withdraw any time; an SMS confirms.
    let r = app
        .send(
            Method::POST,
            &format!(
                "/v1/job-applications/{}/withdrawal",
                a["id"].as_str().unwrap()
            ),
            &w.access,
            json!({}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let texts = notices(&app, "+84912990020").await;
    assert_eq!(texts.len(), 3, "{texts:?}");
    assert!(
        texts
            .iter()
            .any(|t| t.contains("rút đơn") || t.contains("rut don")),
        "{texts:?}"
    );
}

#[tokio::test]
async fn owners_see_no_contacts_before_shortlisting_and_hiring_records_the_employment() {
    let app = spawn_app().await;
    let z = app
        .legal_worker("pingxiang", "+84912990030", "91451481MA5KJOB030", 120)
        .await;
    let other = app
        .legal_worker("pingxiang", "+84912990031", "91451481MA5KJOB031", 120)
        .await;
    let employer = employer_of(&app, &z).await;
    let stranger = employer_of(&app, &other).await;
    let v: Value = post(
        &app,
        &employer,
        vacancy(
            "Bốc xếp kho",
            "仓库装卸",
            "pingxiang",
            &["warehouse"],
            (3000, 3500),
            5,
        ),
    )
    .await
    .json()
    .await
    .unwrap();
    let vid = v["id"].as_str().unwrap();
    // The other zone's worker applies (z's worker is already employed by z).
    let a: Value = app
        .send(
            Method::POST,
            &format!("/v1/vacancies/{vid}/applications"),
            &other.worker.access,
            json!({}),
        )
        .await
        .json()
        .await
        .unwrap();
    let inbox = |who: Tokens| {
        let app = &app;
        let path = format!("/v1/vacancies/{vid}/applications");
        async move { app.get_as(&path, &who.access).await }
    };
    let before: Vec<Value> = inbox(employer.clone()).await.json().await.unwrap();
    assert_eq!(before.len(), 1);
    assert!(before[0].get("phone").is_none() && before[0].get("birth_date").is_none());
    assert_eq!(
        inbox(stranger.clone()).await.status(),
        404,
        "another employer"
    );
    assert_eq!(inbox(other.worker.clone()).await.status(), 404);
    let decide = |who: &Tokens, state: &str| {
        let app = &app;
        let (path, token) = (format!("/v1/vacancies/{vid}/decisions"), who.access.clone());
        let body = json!({ "application_ids": [a["id"]], "state": state, "reason": "phù hợp" });
        async move { app.send(Method::POST, &path, &token, body).await }
    };
    assert_eq!(decide(&stranger, "shortlisted").await.status(), 404);
    assert_eq!(
        decide(&employer, "hired").await.status(),
        409,
        "shortlist first"
    );
    assert_eq!(decide(&employer, "shortlisted").await.status(), 200);
    let after: Vec<Value> = inbox(employer.clone()).await.json().await.unwrap();
    assert_eq!(after[0]["phone"], "+84912990031");
    assert_eq!(decide(&employer, "hired").await.status(), 200);
    let texts = notices(&app, "+84912990031").await;
    assert_eq!(texts.len(), 3, "applied, shortlisted, hired: {texts:?}");
    assert!(
        texts
            .iter()
            .any(|t| t.contains("Bốc xếp kho") && t.contains(v["code"].as_str().unwrap()))
    );
    // The employment now counts for the worker's verdict: employed by z's employer.
    let worker_id = other.worker.user_id.clone();
    let employer_id = z.employer_id.clone();
    let employed = app
        .state
        .db
        .run(move |c| {
            Ok(cuakhau::db::models::employers::employments_of_worker(
                c, &worker_id,
            )?)
        })
        .await
        .unwrap();
    assert!(
        employed
            .iter()
            .any(|e| e.employer_id == employer_id && e.end_on.is_none()),
        "{employed:?}"
    );
    // Candidates: ranked, without contacts.
    let r = app
        .get_as(&format!("/v1/vacancies/{vid}/candidates"), &employer.access)
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        app.get_as(&format!("/v1/vacancies/{vid}/candidates"), &stranger.access)
            .await
            .status(),
        404
    );
    let r = app
        .send(
            Method::POST,
            &format!("/v1/vacancies/{vid}/state"),
            &employer.access,
            json!({ "state": "filled" }),
        )
        .await;
    assert_eq!(r.status(), 200);
    assert!(
        list(&app, &z.worker, "").await.1.is_empty(),
        "a filled vacancy is not shown"
    );
}

#[tokio::test]
async fn vacancies_past_their_end_expire() {
    let app = spawn_app().await;
    app.add_centre("pingxiang").await;
    let centre = app
        .sign_in_staff("centre_staff", Some("centre:pingxiang"))
        .await;
    let mut body = vacancy(
        "Thu hoạch mía",
        "收甘蔗",
        "pingxiang",
        &["farming"],
        (3000, 3300),
        -20,
    );
    body["end_on"] = json!(day(-1));
    let v: Value = post(&app, &centre, body).await.json().await.unwrap();
    let expired = app
        .state
        .db
        .run(|c| {
            cuakhau::services::jobs::expire(c, cuakhau::services::status::today_in("Asia/Shanghai"))
        })
        .await
        .unwrap();
    assert_eq!(expired, 1);
    let r: Value = app
        .get_as(
            &format!("/v1/vacancies/{}", v["id"].as_str().unwrap()),
            &centre.access,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(r["state"], "expired");
}
