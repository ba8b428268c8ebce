//! Guidance (shipped and edited, three languages, SMS and USSD forms), next steps, and
//! the licensed-recruiter registry.
use cuakhau::{domain::sms_text::cost, i18n::Lang};
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_error, spawn_app};

async fn get_json(app: &TestApp, path: &str, lang: &str) -> (u16, Value) {
    let r = app
        .request(Method::GET, path)
        .header("accept-language", lang)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn guidance_reads_in_three_languages_with_sms_and_ussd_forms() {
    let app = spawn_app().await;
    app.add_centre("pingxiang").await;
    let mut titles = Vec::new();
    for lang in ["vi", "zh", "en"] {
        let (status, list) = get_json(&app, "/v1/guidance", lang).await;
        assert_eq!(status, 200);
        let list = list.as_array().unwrap();
        assert!(list.len() >= 12);
        assert_eq!(list[0]["number"], 1);
        assert_eq!(list[8]["topic"], "hotlines");
        titles.push(list[0]["title"].as_str().unwrap().to_string());
        let (status, t) = get_json(&app, "/v1/guidance/hotlines", lang).await;
        assert_eq!(status, 200);
        assert_eq!(t["language"], lang);
        let body = t["body"].as_str().unwrap();
        assert!(
            body.contains("02053 775 469") && body.contains("876 682"),
            "{body}"
        );
        assert!(cost(t["sms"].as_str().unwrap()).segments <= 2 || lang == "vi");
        for page in t["ussd_pages"].as_array().unwrap() {
            assert!(page.as_str().unwrap().chars().count() <= 182);
        }
    }
    assert_eq!(titles.len(), 3);
    assert!(
        titles[0] != titles[1] && titles[1] != titles[2],
        "{titles:?}"
    );
    // ?lang= wins over Accept-Language; the centres topic lists the configured centres.
    let (_, t) = get_json(&app, "/v1/guidance/centres?lang=zh", "vi").await;
    assert_eq!(t["language"], "zh");
    assert!(
        t["body"].as_str().unwrap().contains("pingxiang")
            || t["body"].as_str().unwrap().contains("凭祥"),
        "{}",
        t["body"]
    );
    let (status, _) = get_json(&app, "/v1/guidance/nope", "vi").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn supervisors_edit_guidance_with_history_and_others_cannot() {
    let app = spawn_app().await;
    let sup = app
        .sign_in_staff("supervisor", Some("province:lang_son"))
        .await;
    let officer = app.sign_in_staff("officer", Some("zone:pingxiang")).await;
    let worker = app.sign_in_worker("+84912960001").await;
    let edit = json!({
        "language": "vi",
        "title": "Đường dây nóng mới",
        "sms": "cuakhau: gọi Sở LĐTBXH Lạng Sơn 02053 775 469 hoặc 02053 876 682.",
        "body": "Gọi Sở Lao động Lạng Sơn: 02053 775 469 hoặc 02053 876 682. Cấp cứu: 120."
    });
    for who in [&officer, &worker] {
        let r = app
            .request(Method::PUT, "/v1/guidance/hotlines")
            .bearer_auth(&who.access)
            .json(&edit)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403);
    }
    for (n, title) in [(1, "Đường dây nóng mới"), (2, "Đường dây nóng (sửa lần 2)")]
    {
        let mut e = edit.clone();
        e["title"] = json!(title);
        let r = app
            .request(Method::PUT, "/v1/guidance/hotlines")
            .bearer_auth(&sup.access)
            .json(&e)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let t: Value = r.json().await.unwrap();
        assert_eq!(t["revision"], n);
    }
    let (_, t) = get_json(&app, "/v1/guidance/hotlines", "vi").await;
    assert_eq!(t["title"], "Đường dây nóng (sửa lần 2)");
    let (_, t) = get_json(&app, "/v1/guidance/hotlines", "zh").await;
    assert_eq!(t["revision"], 0, "other languages keep the shipped text");
    let r = app
        .get_as("/v1/guidance/hotlines/revisions", &sup.access)
        .await;
    let history: Value = r.json().await.unwrap();
    assert_eq!(history.as_array().unwrap().len(), 2);
    assert_eq!(history[0]["revision"], 2);
    // An SMS form that cannot fit two segments is refused and nothing is stored.
    let mut long = edit.clone();
    long["sms"] = json!("Nội dung rất dài ".repeat(25));
    let r = app
        .request(Method::PUT, "/v1/guidance/hotlines")
        .bearer_auth(&sup.access)
        .json(&long)
        .send()
        .await
        .unwrap();
    assert!(r.status() == 422, "{}", r.status());
    let (_, t) = get_json(&app, "/v1/guidance/hotlines", "vi").await;
    assert_eq!(t["revision"], 2);
    let r = app
        .get_as("/v1/audit?subject=guidance:hotlines", &sup.access)
        .await;
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn next_steps_follow_the_workers_own_verdict() {
    let app = spawn_app().await;
    let fresh = app.sign_in_worker("+84912960002").await;
    let r = app.get_as("/v1/me/next-steps", &fresh.access).await;
    assert_eq!(r.status(), 200);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["legal"], false);
    let topics: Vec<&str> = v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["topic"].as_str().unwrap())
        .collect();
    assert!(topics.contains(&"border-pass"), "{topics:?}");
    assert!(topics.contains(&"papers-lapsed"), "{topics:?}");
    let z = app
        .legal_worker("pingxiang", "+84912960003", "91451481MA5KNXT003", 20)
        .await;
    let v: Value = app
        .get_as("/v1/me/next-steps", &z.worker.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(v["legal"], true);
    let last = v["steps"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["topic"], "residence-permit", "{v}");
    assert_eq!(last["topic_number"], 3);
    let staff = app.sign_in_staff("officer", Some("zone:pingxiang")).await;
    assert_eq!(
        app.get_as("/v1/me/next-steps", &staff.access)
            .await
            .status(),
        404
    );
}

fn agency(licence: &str, name_vi: &str, name_zh: &str, state: &str, until: &str) -> Value {
    json!({
        "licence_number": licence,
        "name_vi": name_vi,
        "name_zh": name_zh,
        "country": "VN",
        "province": "Lạng Sơn",
        "activities": ["tuyển dụng", "đưa lao động sang Quảng Tây"],
        "valid_until": until,
        "state": state,
        "source": "Quyết định cấp phép của Sở LĐTBXH"
    })
}

#[tokio::test]
async fn the_registry_answers_anyone_plainly_and_only_supervisors_keep_it() {
    let app = spawn_app().await;
    let sup = app
        .sign_in_staff("supervisor", Some("province:lang_son"))
        .await;
    let worker = app.sign_in_worker("+84912960004").await;
    let body = agency(
        "ls-001",
        "Công ty Hòa Bình Đồng Đăng",
        "和平劳务公司",
        "active",
        "2030-12-31",
    );
    let r = app
        .request(Method::POST, "/v1/agencies")
        .bearer_auth(&worker.access)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_error(r, 403, "forbidden", Lang::Vi).await;
    let r = app
        .request(Method::POST, "/v1/agencies")
        .bearer_auth(&sup.access)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let created: Value = r.json().await.unwrap();
    assert_eq!(created["licence_number"], "LS-001");
    assert_eq!(created["may_recruit"], true);
    let r = app
        .request(Method::POST, "/v1/agencies")
        .bearer_auth(&sup.access)
        .json(&agency(" ls-001 ", "Khác", "其他", "active", "2030-01-01"))
        .send()
        .await
        .unwrap();
    assert_error(r, 409, "licence_number_taken", Lang::Vi).await;
    let r = app
        .request(Method::POST, "/v1/agencies")
        .bearer_auth(&sup.access)
        .json(&json!({ "licence_number": "X1" }))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error());

    // Anyone, no account: accents, case and partial names; Chinese substrings.
    for q in ["Cong ty Hoa Binh", "hòa bình", "DONG DANG", "和平"] {
        let (status, found) = get_json(&app, &format!("/v1/agencies?q={q}"), "vi").await;
        assert_eq!(status, 200, "{q}");
        assert_eq!(found.as_array().unwrap().len(), 1, "{q}: {found}");
        assert!(found[0]["answer"].as_str().unwrap().contains("ĐƯỢC PHÉP"));
        assert!(found[0].get("search_text").is_none());
    }
    let (_, none) = get_json(&app, "/v1/agencies?q=Binh%20An", "vi").await;
    assert!(none.as_array().unwrap().is_empty());
    let (status, _) = get_json(&app, "/v1/agencies?q=a", "vi").await;
    assert_eq!(status, 422);

    // Revoked: the answer says so, in the asker's language, and what to do.
    let id = created["id"].as_str().unwrap();
    let r = app
        .request(Method::PUT, &format!("/v1/agencies/{id}"))
        .bearer_auth(&sup.access)
        .json(&agency(
            "LS-001",
            "Công ty Hòa Bình Đồng Đăng",
            "和平劳务公司",
            "revoked",
            "2030-12-31",
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let (status, a) = get_json(&app, "/v1/agencies/by-licence/ls-001", "zh").await;
    assert_eq!(status, 200);
    assert_eq!(a["may_recruit"], false);
    assert_eq!(a["standing"], "revoked");
    assert!(a["answer"].as_str().unwrap().contains("吊销"), "{a}");
    let (status, _) = get_json(&app, "/v1/agencies/by-licence/NOPE", "vi").await;
    assert_eq!(status, 404);
    let r = app
        .get_as(&format!("/v1/audit?subject=agency:{id}"), &sup.access)
        .await;
    let audit: Value = r.json().await.unwrap();
    assert_eq!(audit.as_array().map(Vec::len), Some(2), "{audit}");
}

#[tokio::test]
async fn an_active_licence_past_its_date_has_expired_and_lookups_are_rate_limited() {
    let app = crate::helpers::spawn_app_with(|c| c.public_lookups_per_hour = 3).await;
    let sup = app.sign_in_staff("admin", None).await;
    let r = app
        .request(Method::POST, "/v1/agencies")
        .bearer_auth(&sup.access)
        .json(&agency(
            "CN-77",
            "Công ty Cũ",
            "旧公司",
            "active",
            "2020-01-01",
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let (_, a) = get_json(&app, "/v1/agencies/by-licence/CN-77", "en").await;
    assert_eq!(a["standing"], "expired");
    assert!(a["answer"].as_str().unwrap().contains("EXPIRED"));
    get_json(&app, "/v1/agencies?q=cu", "en").await;
    get_json(&app, "/v1/agencies?q=cu", "en").await;
    let r = app
        .request(Method::GET, "/v1/agencies?q=cu")
        .send()
        .await
        .unwrap();
    assert_error(r, 429, "too_many_requests", Lang::Vi).await;
}
