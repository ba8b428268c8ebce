//! USSD: every menu for a registered and an unregistered phone in three languages,
//! screens within 182 characters, paging, replays, both endpoints, auth, Redis down.
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app_with};

const TOKEN: &str = "ussd-token-for-tests";

async fn app() -> TestApp {
    spawn_app_with(|c| c.ussd.token = Some(TOKEN.into())).await
}

fn form(session: &str, phone: &str, text: &str) -> String {
    serde_urlencoded::to_string([
        ("sessionId", session),
        ("serviceCode", "*384*123#"),
        ("phoneNumber", phone),
        ("networkCode", "45201"),
        ("text", text),
    ])
    .unwrap()
}

async fn dial(app: &TestApp, session: &str, phone: &str, text: &str) -> String {
    let r = app
        .request(
            Method::POST,
            &format!("/v1/ussd/africastalking?token={TOKEN}"),
        )
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(session, phone, text))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{text}");
    let body = r.text().await.unwrap();
    assert!(
        body.starts_with("CON ") || body.starts_with("END "),
        "{body}"
    );
    assert!(
        body[4..].chars().count() <= 182,
        "{} chars: {body}",
        body[4..].chars().count()
    );
    body
}

async fn post_vacancy(app: &TestApp) -> Value {
    app.add_centre("pingxiang").await;
    let centre = app
        .sign_in_staff("centre_staff", Some("centre:pingxiang"))
        .await;
    let start = (chrono::Utc::now() + chrono::TimeDelta::days(10))
        .format("%Y-%m-%d")
        .to_string();
    let r = app
        .send(Method::POST, "/v1/vacancies", &centre.access, json!({
            "title_vi": "Công nhân phân loại hoa quả xuất khẩu", "title_zh": "出口水果分拣工",
            "description_vi": "Phân loại, đóng gói hoa quả; có hợp đồng.", "description_zh": "水果分拣包装，签合同。",
            "zone": "pingxiang", "workplace": "Bằng Tường", "wage_min": 3200, "wage_max": 3900,
            "headcount": 4, "skills": ["fruit_sorting"], "start_on": start,
            "hours": "08:00-17:00", "contact": "Trung tâm"
        }))
        .await;
    assert_eq!(r.status(), 201);
    r.json().await.unwrap()
}

#[tokio::test]
async fn a_registered_worker_walks_every_menu() {
    let app = app().await;
    let z = app
        .legal_worker("pingxiang", "+84912991001", "91451481MA5KUSD001", 100)
        .await;
    let v = post_vacancy(&app).await;
    let phone = "+84912991001";
    let main = dial(&app, "s1", phone, "").await;
    assert!(
        main.starts_with("CON cuakhau\n1 Tinh trang giay to"),
        "unaccented: {main}"
    );
    let status = dial(&app, "s1", phone, "1").await;
    assert!(status.contains("hop phap"), "{status}");
    assert!(
        status.contains("\nGiay thong hanh bien gioi: con 700 ngay\n"),
        "one line each: {status}"
    );
    let rest = dial(&app, "s1", phone, "1*9").await;
    assert_ne!(rest, status, "the status runs over two pages");
    let jobs = dial(&app, "s1", phone, "2").await;
    assert!(jobs.contains("1 Cong nhan phan loai"), "{jobs}");
    let detail = dial(&app, "s1", phone, "2*1").await;
    assert!(
        detail.contains("3200-3900") && detail.contains("1 Ung tuyen"),
        "{detail}"
    );
    let applied = dial(&app, "s1", phone, "2*1*1").await;
    assert!(
        applied.starts_with("END ") && applied.contains(v["code"].as_str().unwrap()),
        "{applied}"
    );
    assert_eq!(
        dial(&app, "s1", phone, "2*1*1").await,
        applied,
        "a replay is the same screen"
    );
    let mine: Vec<Value> = app
        .get_as("/v1/me/job-applications", &z.worker.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine.len(), 1, "one application however often replayed");
    assert_eq!(mine[0]["channel"], "ussd");

    let topics = dial(&app, "s2", phone, "3").await;
    assert!(
        topics.contains("1 ") && topics.contains("9 Tiep"),
        "{topics}"
    );
    assert!(topics.is_ascii(), "the titles unaccented: {topics}");
    let again = dial(&app, "s3", phone, "3").await;
    assert_eq!(again, topics, "the kept titles show the same");
    let hotlines = dial(&app, "s2", phone, "3*9*9*3").await;
    assert!(
        hotlines.contains("Lang Son"),
        "topic 9 is the hotlines: {hotlines}"
    );
    let next = dial(&app, "s2", phone, "3*9*9*3*9").await;
    assert_ne!(next, hotlines, "the next page");
    assert!(next.contains("02053"), "{next}");
    let invalid = dial(&app, "s3", phone, "7").await;
    assert!(
        invalid.starts_with("CON Lua chon khong hop le.\ncuakhau"),
        "{invalid}"
    );
    assert_eq!(dial(&app, "s3", phone, "1*0").await, main, "0 goes back");
    assert_eq!(
        dial(&app, "s3", phone, "3*1*00").await,
        main,
        "00 goes home"
    );
}

#[tokio::test]
async fn recruiters_reports_and_languages() {
    let app = app().await;
    let sup = app
        .sign_in_staff("supervisor", Some("province:lang_son"))
        .await;
    let r = app
        .send(
            Method::POST,
            "/v1/agencies",
            &sup.access,
            json!({
                "licence_number": "LS-77", "name_vi": "Công ty Hòa Bình", "name_zh": "和平公司",
                "country": "VN", "province": "Lạng Sơn", "activities": ["tuyển dụng"],
                "valid_until": "2030-01-01", "state": "revoked", "source": "QĐ 7"
            }),
        )
        .await;
    assert_eq!(r.status(), 201);
    let stranger = "+84912991099";
    assert!(
        dial(&app, "a1", stranger, "1")
            .await
            .contains("chua dang ky")
    );
    assert!(
        dial(&app, "a1", stranger, "2")
            .await
            .contains("chua dang ky")
    );
    let prompt = dial(&app, "a2", stranger, "4").await;
    assert!(prompt.contains("giay phep"), "{prompt}");
    let answer = dial(&app, "a2", stranger, "4*hoa binh").await;
    assert!(
        answer.contains("LS-77") && answer.contains("THU HOI"),
        "{answer}"
    );

    let filed = dial(&app, "a3", stranger, "5*2*Chu giu ho chieu*1").await;
    assert!(
        filed.starts_with("END ") && filed.contains("BC-"),
        "{filed}"
    );
    assert_eq!(
        dial(&app, "a3", stranger, "5*2*Chu giu ho chieu*1").await,
        filed,
        "a replay shows the same case, files nothing"
    );
    let reports: Vec<Value> = app
        .get_as("/v1/reports", &sup.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0]["category"], "passport_confiscation");
    assert_eq!(reports[0]["anonymous"], true);
    assert_eq!(reports[0]["channel"], "ussd");

    let zh = dial(&app, "a4", stranger, "6*2").await;
    assert!(zh.contains("证件状态"), "{zh}");
    let later = dial(&app, "a5", stranger, "").await;
    assert!(
        later.contains("证件状态"),
        "remembered for the phone: {later}"
    );
    let en = dial(&app, "a6", stranger, "6*3*1").await;
    assert!(en.contains("not registered"), "{en}");

    let long = "x".repeat(10_000);
    let r = dial(&app, "a7", stranger, &long).await;
    assert!(r.starts_with("END "), "{r}");
}

#[tokio::test]
async fn every_screen_fits_in_every_language() {
    let app = app().await;
    let z = app
        .legal_worker("pingxiang", "+84912991002", "91451481MA5KUSD002", 5)
        .await;
    let r = app
        .request(Method::PATCH, "/v1/me")
        .bearer_auth(&z.worker.access)
        .json(&json!({ "full_name": "Nguyễn Thị Phương Thảo Hoàng Đặng Vũ Lương" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    post_vacancy(&app).await;
    let mut paths: Vec<String> = [
        "", "1", "1*9", "2", "2*1", "3", "3*9", "3*9*9", "3*9*9*9", "4", "5", "5*1", "5*1*1", "6",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for n in 1..=3 {
        for page in 0..4 {
            paths.push(format!("3*{n}{}", "*9".repeat(page)));
        }
    }
    for (i, lang) in ["1", "2", "3"].iter().enumerate() {
        for p in &paths {
            let text = if p.is_empty() {
                format!("6*{lang}")
            } else {
                format!("6*{lang}*{p}")
            };
            dial(&app, &format!("f{i}"), "+84912991002", &text).await;
        }
    }
}

#[tokio::test]
async fn the_session_endpoint_keeps_the_path_and_strangers_get_401() {
    let app = app().await;
    let step = |input: &str| {
        let app = &app;
        let body = json!({ "session_id": "j1", "phone": "+84912991098", "input": input });
        async move {
            let r = app
                .request(Method::POST, "/v1/ussd/session")
                .header("x-ussd-token", TOKEN)
                .json(&body)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200);
            r.json::<Value>().await.unwrap()
        }
    };
    let first = step("").await;
    assert_eq!(first["continue"], true);
    assert!(first["text"].as_str().unwrap().starts_with("cuakhau"));
    let s = step("5").await;
    assert!(s["text"].as_str().unwrap().contains("Loai vi pham"), "{s}");
    step("8").await;
    step("1").await;
    let end = step("2").await;
    assert_eq!(end["continue"], false);
    assert!(end["text"].as_str().unwrap().contains("BC-"), "{end}");
    let again = step("").await;
    assert!(
        again["text"].as_str().unwrap().starts_with("cuakhau"),
        "a new session after the end"
    );

    for (path, token) in [
        ("/v1/ussd/africastalking", "wrong"),
        ("/v1/ussd/session", ""),
    ] {
        let r = app
            .request(Method::POST, path)
            .header("x-ussd-token", token)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form("x", "+84912991098", ""))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401, "{path}");
    }
    let r = app
        .request(
            Method::POST,
            &format!("/v1/ussd/africastalking?token={TOKEN}"),
        )
        .header("content-type", "application/x-www-form-urlencoded")
        .body("text=1")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400, "missing fields");
}

#[tokio::test]
async fn redis_down_ends_politely() {
    let app = spawn_app_with(|c| {
        c.ussd.token = Some(TOKEN.into());
        c.redis_url = Some("redis://127.0.0.1:1".into());
    })
    .await;
    let r = dial(&app, "r1", "+84912991097", "").await;
    assert!(r.starts_with("END ") && r.contains("ban"), "{r}");
}

#[tokio::test]
async fn an_allow_listed_gateway_needs_no_token() {
    let app = spawn_app_with(|c| c.ussd.allow_ips = vec!["127.0.0.1".into()]).await;
    let r = app
        .request(Method::POST, "/v1/ussd/africastalking")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form("g1", "+84912991096", ""))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().starts_with("CON cuakhau"));
}

/// Guidance pages are kept between requests; an edit shows on the very next screen (the
/// edit bumps the version that every USSD request reads).
#[tokio::test]
async fn a_guidance_edit_shows_on_the_next_screen() {
    use cuakhau::domain::{guidance::number_of, ussd::TOPICS_PER_PAGE};
    let app = app().await;
    let n = number_of("hotlines").unwrap();
    let list = format!("3{}", "*9".repeat((n - 1) / TOPICS_PER_PAGE));
    let topic = format!("3*{}", (n - 1) % TOPICS_PER_PAGE + 1);
    let topic = if list == "3" {
        topic
    } else {
        format!("{list}*{}", &topic[2..])
    };
    let before = (
        dial(&app, "g1", "+84912991095", &list).await,
        dial(&app, "g2", "+84912991095", &topic).await,
    );
    // Asked again: the same (kept) screens.
    assert_eq!(dial(&app, "g3", "+84912991095", &list).await, before.0);
    assert_eq!(dial(&app, "g4", "+84912991095", &topic).await, before.1);
    let sup = app
        .sign_in_staff("supervisor", Some("province:lang_son"))
        .await;
    let r = app
        .request(Method::PUT, "/v1/guidance/hotlines")
        .bearer_auth(&sup.access)
        .json(&json!({
            "language": "vi",
            "title": "Đường dây nóng mới",
            "sms": "cuakhau: gọi Sở LĐTBXH Lạng Sơn 02053 775 469.",
            "body": "Gọi Sở Lao động Lạng Sơn: 02053 775 469. Cấp cứu: 120."
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let after = dial(&app, "g5", "+84912991095", &list).await;
    assert!(after.contains("Duong day nong moi"), "{after}");
    assert!(!before.0.contains("Duong day nong moi"), "{}", before.0);
    let after = dial(&app, "g6", "+84912991095", &topic).await;
    assert!(
        after.contains("Duong day nong moi. Goi So Lao dong Lang Son"),
        "{after}"
    );
}

/// The caller's account is kept between requests; a profile change shows on the next
/// screen (the change bumps the phone's account version, read with every request), and
/// a phone that registers is known at once (unknown phones are never kept).
#[tokio::test]
async fn a_profile_change_or_a_new_account_shows_on_the_next_screen() {
    let app = app().await;
    let phone = "+84912991094";
    let stranger = dial(&app, "p1", phone, "1").await;
    let worker = app.sign_in_worker(phone).await;
    let registered = dial(&app, "p2", phone, "1").await;
    assert_ne!(stranger, registered, "the new account is seen at once");
    let main = dial(&app, "p3", phone, "").await;
    assert!(main.contains("1 Tinh trang"), "{main}");
    let r = app
        .request(Method::PATCH, "/v1/me")
        .bearer_auth(&worker.access)
        .json(&json!({ "language": "zh" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let main = dial(&app, "p4", phone, "").await;
    assert!(main.contains("1 证件状态"), "{main}");
}
