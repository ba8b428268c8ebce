//! Officers' records and the legal-to-work status built from them.
use chrono::{Months, NaiveDate, TimeDelta, Utc};
use cuakhau::i18n::Lang;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, Tokens, assert_error, spawn_app};

fn today() -> NaiveDate {
    Utc::now()
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .date_naive()
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A zone with an officer, an employer, and a worker with a full set of papers.
pub struct Zone {
    pub officer: Tokens,
    pub employer_id: String,
    pub worker: Tokens,
    pub papers: Vec<Value>,
}

impl Zone {
    /// The id of the zone's paper of `kind`.
    pub fn paper_id(&self, kind: &str) -> &str {
        self.papers.iter().find(|p| p["kind"] == kind).unwrap()["id"]
            .as_str()
            .unwrap()
    }
}

impl TestApp {
    /// The zone's officer revokes its paper of `kind`.
    pub async fn revoke(&self, z: &Zone, kind: &str, reason: &str) -> reqwest::Response {
        let path = format!("/v1/papers/{}/revocation", z.paper_id(kind));
        self.send(
            Method::POST,
            &path,
            &z.officer.access,
            json!({ "reason": reason }),
        )
        .await
    }

    pub async fn send(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Value,
    ) -> reqwest::Response {
        self.request(method, path)
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    pub async fn create_employer(&self, officer: &Tokens, code: &str) -> String {
        let r = self
            .send(Method::POST, "/v1/employers", &officer.access, json!({
                "name_zh": "凭祥红棉水果贸易有限公司", "name_vi": "Công ty TNHH Thương mại Hồng Miên",
                "credit_code": code, "contact_phone": "0771 8520000"
            }))
            .await;
        assert_eq!(r.status(), 201, "{}", r.text().await.unwrap());
        r.json::<Value>().await.unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    }

    pub async fn record(&self, officer: &Tokens, path: &str, body: Value) -> Value {
        let r = self.send(Method::POST, path, &officer.access, body).await;
        assert_eq!(r.status(), 201, "{path}: {}", r.text().await.unwrap());
        r.json().await.unwrap()
    }

    /// Everything a worker needs to be legal today, residence permit lapsing in `residence_days`.
    pub async fn legal_worker(
        &self,
        zone: &str,
        phone: &str,
        credit_code: &str,
        residence_days: i64,
    ) -> Zone {
        let officer = self
            .sign_in_staff("officer", Some(&format!("zone:{zone}")))
            .await;
        let employer_id = self.create_employer(&officer, credit_code).await;
        let worker = self.sign_in_worker(phone).await;
        let w = &worker.user_id;
        let t = today();
        let start = ymd(t - TimeDelta::days(30));
        let year = ymd(t + TimeDelta::days(300));
        let mut papers = Vec::new();
        for (kind, number, expires, extra) in [
            (
                "vn_border_pass",
                format!("B{phone}"),
                ymd(t + TimeDelta::days(700)),
                json!({}),
            ),
            (
                "cn_residence_permit",
                format!("R{phone}"),
                ymd(t + TimeDelta::days(residence_days)),
                json!({}),
            ),
            (
                "cn_work_permit",
                format!("W{phone}"),
                year.clone(),
                json!({ "employer_id": employer_id }),
            ),
            (
                "cn_health_certificate",
                format!("H{phone}"),
                year.clone(),
                json!({}),
            ),
        ] {
            let mut body = json!({ "kind": kind, "number": number, "authority": "凭祥市公安局", "issued_on": start, "valid_from": start, "expires_on": expires });
            body.as_object_mut()
                .unwrap()
                .extend(extra.as_object().unwrap().clone());
            papers.push(
                self.record(&officer, &format!("/v1/workers/{w}/papers"), body)
                    .await,
            );
        }
        let r = self
            .send(
                Method::POST,
                &format!("/v1/employers/{employer_id}/employments"),
                &officer.access,
                json!({ "worker_id": w, "start_on": start }),
            )
            .await;
        assert_eq!(r.status(), 201);
        for (kind, for_worker) in [
            ("employer_permit", false),
            ("labour_agreement", true),
            ("accident_insurance", true),
            ("work_injury_insurance", true),
        ] {
            let mut body = json!({ "kind": kind, "number": format!("{kind}-{phone}"), "authority": "凭祥市人社局", "issued_on": start, "valid_from": start, "expires_on": year });
            if for_worker {
                body["worker_id"] = json!(w);
            }
            papers.push(
                self.record(
                    &officer,
                    &format!("/v1/employers/{employer_id}/papers"),
                    body,
                )
                .await,
            );
        }
        Zone {
            officer,
            employer_id,
            worker,
            papers,
        }
    }
}

#[tokio::test]
async fn a_worker_with_every_paper_is_legal_and_sees_why() {
    let app = spawn_app().await;
    let z = app
        .legal_worker("pingxiang", "+84912700001", "91451481MA5KXXXX01", 120)
        .await;
    let status: Value = app
        .get_as("/v1/me/status", &z.worker.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(status["verdict"]["legal"], true, "{status:#}");
    assert_eq!(
        status["verdict"]["summary"],
        "Bạn đang được làm việc hợp pháp."
    );
    assert_eq!(
        status["verdict"]["legal_until"],
        ymd(today() + TimeDelta::days(121))
    );
    assert_eq!(status["next_step"]["code"], "all_in_order");
    let papers = status["papers"].as_array().unwrap();
    assert_eq!(papers.len(), 9, "every kind is listed");
    let residence = papers
        .iter()
        .find(|p| p["kind"] == "cn_residence_permit")
        .unwrap();
    assert_eq!(
        (
            residence["status"].as_str(),
            residence["days_left"].as_i64()
        ),
        (Some("valid"), Some(120))
    );
    assert_eq!(residence["renewals_left"], 2);
    assert_eq!(residence["name"], "Giấy phép cư trú tạm thời");
    let stay = papers
        .iter()
        .find(|p| p["kind"] == "cn_stay_permit")
        .unwrap();
    assert_eq!(stay["status"], "missing");

    let mine: Value = app
        .get_as("/v1/me/papers", &z.worker.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine.as_array().unwrap().len(), 4, "the worker's own papers");
}

#[tokio::test]
async fn status_on_a_later_day_and_the_next_step_to_renew() {
    let app = spawn_app().await;
    let z = app
        .legal_worker("pingxiang", "+84912700002", "91451481MA5KXXXX02", 10)
        .await;
    let status: Value = app
        .get_as("/v1/me/status", &z.worker.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(status["verdict"]["legal"], true);
    assert_eq!(status["next_step"]["code"], "renew");
    assert_eq!(status["next_step"]["kind"], "cn_residence_permit");
    assert_eq!(status["next_step"]["days_left"], 10);
    let message = status["next_step"]["message"].as_str().unwrap();
    assert!(
        message.contains("10 ngày") && message.contains("Còn 2 lần gia hạn"),
        "{message}"
    );

    let later = ymd(today() + TimeDelta::days(11));
    let status: Value = app
        .get_as(&format!("/v1/me/status?on={later}"), &z.worker.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(status["verdict"]["legal"], false);
    assert_eq!(
        status["verdict"]["failures"][0]["code"],
        "no_residence_or_stay_permit"
    );
    assert_eq!(
        status["verdict"]["failures"][0]["message"],
        "Chưa có giấy phép cư trú hoặc lưu trú còn hiệu lực."
    );
    let r = app
        .get_as("/v1/me/status?on=yesterday", &z.worker.access)
        .await;
    assert_error(r, 422, "validation_failed", Lang::Vi).await;
}

#[tokio::test]
async fn renewal_extends_supersedes_and_stops_at_the_limit() {
    let app = spawn_app().await;
    let z = app
        .legal_worker("pingxiang", "+84912700003", "91451481MA5KXXXX03", 10)
        .await;
    let residence = z
        .papers
        .iter()
        .find(|p| p["kind"] == "cn_residence_permit")
        .unwrap();
    let old_expiry: NaiveDate = residence["expires_on"].as_str().unwrap().parse().unwrap();
    let first = app
        .record(
            &z.officer,
            &format!("/v1/papers/{}/renewals", residence["id"].as_str().unwrap()),
            json!({}),
        )
        .await;
    let expected = (old_expiry + TimeDelta::days(1))
        .checked_add_months(Months::new(3))
        .unwrap()
        - TimeDelta::days(1);
    assert_eq!(first["expires_on"], ymd(expected));
    assert_eq!(first["renewals"], 1);
    assert_eq!(first["supersedes_id"], residence["id"]);

    // The old paper is superseded: renewing it again is refused.
    let r = app
        .send(
            Method::POST,
            &format!("/v1/papers/{}/renewals", residence["id"].as_str().unwrap()),
            &z.officer.access,
            json!({}),
        )
        .await;
    assert_error(r, 409, "paper_not_active", Lang::Zh).await;

    // Too long an extension is refused with the field named.
    let path = format!("/v1/papers/{}/renewals", first["id"].as_str().unwrap());
    let r = app
        .send(
            Method::POST,
            &path,
            &z.officer.access,
            json!({ "expires_on": ymd(expected + TimeDelta::days(200)) }),
        )
        .await;
    let err = assert_error(r, 422, "validation_failed", Lang::Zh).await;
    assert_eq!(err["details"]["fields"]["expires_on"][0], "too_long");

    let second = app.record(&z.officer, &path, json!({})).await;
    assert_eq!(second["renewals"], 2);
    let r = app
        .send(
            Method::POST,
            &format!("/v1/papers/{}/renewals", second["id"].as_str().unwrap()),
            &z.officer.access,
            json!({}),
        )
        .await;
    assert_error(r, 409, "renewal_limit_reached", Lang::Zh).await;

    let status: Value = app
        .get_as("/v1/me/status", &z.worker.access)
        .await
        .json()
        .await
        .unwrap();
    let line = status["papers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"] == "cn_residence_permit")
        .unwrap()
        .clone();
    assert_eq!(
        (line["renewals_left"].as_i64(), line["can_renew"].as_bool()),
        (Some(0), Some(false))
    );

    // Every change is in the audit trail, which supervisors read.
    let supervisor = app
        .sign_in_staff("supervisor", Some("zone:pingxiang"))
        .await;
    let trail: Value = app
        .get_as(
            &format!(
                "/v1/audit?subject=paper:{}",
                residence["id"].as_str().unwrap()
            ),
            &supervisor.access,
        )
        .await
        .json()
        .await
        .unwrap();
    let actions: Vec<&str> = trail
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["paper.recorded", "paper.renewed"]);
    assert_eq!(trail[1]["before"]["state"], "active");
    assert_eq!(trail[1]["actor_role"], "officer");
    let r = app
        .get_as(
            &format!(
                "/v1/audit?subject=paper:{}",
                residence["id"].as_str().unwrap()
            ),
            &z.worker.access,
        )
        .await;
    assert_error(r, 403, "forbidden", Lang::Vi).await;
}

#[tokio::test]
async fn revocation_makes_the_worker_illegal_and_is_final() {
    let app = spawn_app().await;
    let z = app
        .legal_worker("dongxing", "+84912700004", "91451481MA5KXXXX04", 100)
        .await;
    let r = app.revoke(&z, "cn_work_permit", "giả mạo").await;
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    assert_eq!(
        (body["state"].as_str(), body["revoked_reason"].as_str()),
        (Some("revoked"), Some("giả mạo"))
    );
    let r = app.revoke(&z, "cn_work_permit", "again").await;
    assert_error(r, 409, "paper_not_active", Lang::Zh).await;

    let status: Value = app
        .get_as("/v1/me/status", &z.worker.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(status["verdict"]["legal"], false);
    assert_eq!(
        status["verdict"]["failures"][0]["code"],
        "work_permit_invalid"
    );
    assert_eq!(status["verdict"]["failures"][0]["status"], "revoked");
    assert_eq!(status["next_step"]["code"], "obtain");
}

#[tokio::test]
async fn bad_records_are_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let officer = app.sign_in_staff("officer", Some("zone:pingxiang")).await;
    let worker = app.sign_in_worker("+84912700005").await;
    let path = format!("/v1/workers/{}/papers", worker.user_id);
    let t = ymd(today());
    for (body, field, rule) in [
        (
            json!({ "kind": "cn_residence_permit", "number": "R1", "authority": "x", "issued_on": t, "valid_from": t, "expires_on": ymd(today() + TimeDelta::days(400)) }),
            "expires_on",
            "too_long",
        ),
        (
            json!({ "kind": "cn_work_permit", "number": "W1", "authority": "x", "issued_on": t, "valid_from": t, "expires_on": t }),
            "employer_id",
            "required",
        ),
        (
            json!({ "kind": "employer_permit", "number": "E1", "authority": "x", "issued_on": t, "valid_from": t, "expires_on": t }),
            "kind",
            "not_a_worker_paper",
        ),
        (
            json!({ "kind": "passport", "number": "P1", "authority": "x", "issued_on": t, "valid_from": t }),
            "kind",
            "invalid_value",
        ),
        (
            json!({ "kind": "vn_border_pass", "number": "", "authority": "x", "issued_on": t, "valid_from": t, "expires_on": t }),
            "number",
            "length",
        ),
        (
            json!({ "kind": "vn_border_pass", "number": "B1", "authority": "x", "issued_on": ymd(today() + TimeDelta::days(3)), "valid_from": ymd(today() + TimeDelta::days(3)), "expires_on": ymd(today() + TimeDelta::days(30)) }),
            "issued_on",
            "in_future",
        ),
    ] {
        let r = app
            .send(Method::POST, &path, &officer.access, body.clone())
            .await;
        let err = assert_error(r, 422, "validation_failed", Lang::Zh).await;
        assert_eq!(err["details"]["fields"][field][0], rule, "{body}: {err}");
    }
    let mine: Value = app
        .get_as("/v1/me/papers", &worker.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine, json!([]));

    // The same number cannot be active twice for one kind.
    let body = json!({ "kind": "vn_border_pass", "number": "B-DUP", "authority": "x", "issued_on": t, "valid_from": t, "expires_on": ymd(today() + TimeDelta::days(30)) });
    app.record(&officer, &path, body.clone()).await;
    let r = app.send(Method::POST, &path, &officer.access, body).await;
    assert_error(r, 409, "paper_number_taken", Lang::Zh).await;
}

#[tokio::test]
async fn only_officers_record_and_only_in_their_zone() {
    let app = spawn_app().await;
    let z = app
        .legal_worker("pingxiang", "+84912700006", "91451481MA5KXXXX06", 100)
        .await;
    let permit = &z.papers[0];
    let renew_path = format!("/v1/papers/{}/renewals", permit["id"].as_str().unwrap());
    let other_officer = app.sign_in_staff("officer", Some("zone:dongxing")).await;
    // Another zone's officer: the paper and the employer do not exist for them.
    let r = app
        .send(
            Method::POST,
            &renew_path,
            &other_officer.access,
            json!({ "expires_on": ymd(today() + TimeDelta::days(900)) }),
        )
        .await;
    assert_error(r, 404, "not_found", Lang::Zh).await;
    let r = app.send(Method::POST, &format!("/v1/employers/{}/papers", z.employer_id), &other_officer.access, json!({ "kind": "employer_permit", "number": "X", "authority": "x", "issued_on": ymd(today()), "valid_from": ymd(today()), "expires_on": ymd(today()) })).await;
    assert_error(r, 404, "not_found", Lang::Zh).await;
    let r = app
        .get_as(
            &format!("/v1/workers/{}/status", z.worker.user_id),
            &other_officer.access,
        )
        .await;
    assert_error(r, 404, "not_found", Lang::Zh).await;
    // Workers and centre staff cannot record at all.
    let r = app.send(Method::POST, &format!("/v1/workers/{}/papers", z.worker.user_id), &z.worker.access, json!({ "kind": "vn_border_pass", "number": "Z", "authority": "x", "issued_on": ymd(today()), "valid_from": ymd(today()), "expires_on": ymd(today()) })).await;
    assert_error(r, 403, "forbidden", Lang::Vi).await;
    let r = app
        .send(Method::POST, &renew_path, &z.worker.access, json!({}))
        .await;
    assert_error(r, 403, "forbidden", Lang::Vi).await;
    // The zone's own officer sees the worker.
    let r = app
        .get_as(
            &format!("/v1/workers/{}/status", z.worker.user_id),
            &z.officer.access,
        )
        .await;
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    assert_eq!(
        body["verdict"]["summary"], "可以合法务工。",
        "officers read Chinese"
    );
}

#[tokio::test]
async fn a_worker_sees_only_their_own_status_and_employers_only_their_workers() {
    let app = spawn_app().await;
    let a = app
        .legal_worker("pingxiang", "+84912700007", "91451481MA5KXXXX07", 100)
        .await;
    let other_worker = app.sign_in_worker("+84912700008").await;
    // A worker reading another worker's status through the staff route: 404, not 403.
    let r = app
        .get_as(
            &format!("/v1/workers/{}/status", a.worker.user_id),
            &other_worker.access,
        )
        .await;
    assert_error(r, 404, "not_found", Lang::Vi).await;
    // /v1/me/status is the caller's own: the other worker has no papers.
    let mine: Value = app
        .get_as("/v1/me/status", &other_worker.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine["worker_id"], other_worker.user_id.as_str());
    assert_eq!(mine["verdict"]["legal"], false);

    // The employer of A sees A, without the border pass number.
    let employer = app
        .sign_in_staff("employer", Some(&format!("employer:{}", a.employer_id)))
        .await;
    let r = app
        .get_as(
            &format!("/v1/workers/{}/status", a.worker.user_id),
            &employer.access,
        )
        .await;
    assert_eq!(r.status(), 200);
    let s: Value = r.json().await.unwrap();
    let pass = s["papers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"] == "vn_border_pass")
        .unwrap();
    assert!(pass.get("number").is_none(), "{pass}");
    let work = s["papers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"] == "cn_work_permit")
        .unwrap();
    assert_eq!(work["number"], "W+84912700007");
    // Another employer does not.
    let b = app
        .legal_worker("pingxiang", "+84912700009", "91451481MA5KXXXX09", 100)
        .await;
    let other_employer = app
        .sign_in_staff("employer", Some(&format!("employer:{}", b.employer_id)))
        .await;
    let r = app
        .get_as(
            &format!("/v1/workers/{}/status", a.worker.user_id),
            &other_employer.access,
        )
        .await;
    assert_error(r, 404, "not_found", Lang::Zh).await;

    // The employer's list: its own workers only, with what lapses soon.
    let list: Value = app
        .get_as("/v1/employer/workers?expiring_within=365", &employer.access)
        .await
        .json()
        .await
        .unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["worker_id"], a.worker.user_id.as_str());
    assert_eq!(list[0]["verdict"]["legal"], true);
    assert!(
        list[0]["lapsing"]
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["kind"] != "vn_border_pass" || l.get("number").is_none())
    );
    let r = app.get_as("/v1/employer/workers", &a.worker.access).await;
    assert_error(r, 403, "forbidden", Lang::Vi).await;
}

#[tokio::test]
async fn employer_compliance_lists_missing_insurance() {
    let app = spawn_app().await;
    let z = app
        .legal_worker("pingxiang", "+84912700010", "91451481MA5KXXXX10", 100)
        .await;
    app.revoke(&z, "accident_insurance", "policy cancelled")
        .await;
    let employer = app
        .sign_in_staff("employer", Some(&format!("employer:{}", z.employer_id)))
        .await;
    let report: Value = app
        .get_as("/v1/employer/compliance", &employer.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(report["employer_permit"]["status"], "valid");
    assert_eq!(report["gaps"][0]["worker_id"], z.worker.user_id.as_str());
    assert_eq!(
        report["gaps"][0]["failures"][0]["kind"],
        "accident_insurance"
    );
    assert_eq!(report["gaps"][0]["failures"][0]["status"], "revoked");
    let status: Value = app
        .get_as("/v1/me/status", &z.worker.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        status["verdict"]["failures"][0]["code"],
        "accident_insurance_invalid"
    );
    assert_eq!(status["next_step"]["code"], "ask_employer");
}

#[tokio::test]
async fn anyone_can_check_a_paper_with_its_number_and_the_birth_date_only() {
    let app = spawn_app().await;
    let z = app
        .legal_worker("pingxiang", "+84912700011", "91451481MA5KXXXX11", 100)
        .await;
    let r = app
        .request(Method::PATCH, "/v1/me")
        .bearer_auth(&z.worker.access)
        .json(&json!({ "birth_date": "1995-05-17" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = app
        .post(
            "/v1/status-check",
            json!({ "paper_number": "W+84912700011", "birth_date": "1995-05-17" }),
        )
        .await;
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    assert_eq!(
        (
            body["kind"].as_str(),
            body["status"].as_str(),
            body["legal"].as_bool()
        ),
        (Some("cn_work_permit"), Some("valid"), Some(true))
    );
    let text = body.to_string();
    assert!(
        !text.contains("+849127") && !text.contains("1995") && !text.contains(&z.worker.user_id),
        "nothing personal: {text}"
    );

    // Wrong birth date and unknown number: the same answer.
    let wrong: Value = app
        .post(
            "/v1/status-check",
            json!({ "paper_number": "W+84912700011", "birth_date": "1995-05-18" }),
        )
        .await
        .json()
        .await
        .unwrap();
    let unknown: Value = app
        .post(
            "/v1/status-check",
            json!({ "paper_number": "NOPE", "birth_date": "1995-05-17" }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(wrong, unknown);
    assert_eq!(wrong["error"], "no_matching_paper");
}

#[tokio::test]
async fn status_checks_are_rate_limited_per_number() {
    let app = crate::helpers::spawn_app_with(|c| c.status_checks_per_hour = 3).await;
    for _ in 0..3 {
        let r = app
            .post(
                "/v1/status-check",
                json!({ "paper_number": "X1", "birth_date": "1990-01-01" }),
            )
            .await;
        assert_eq!(r.status(), 404);
    }
    let r = app
        .post(
            "/v1/status-check",
            json!({ "paper_number": "X1", "birth_date": "1990-01-01" }),
        )
        .await;
    assert_error(r, 429, "too_many_requests", Lang::Vi).await;
}

#[tokio::test]
async fn officers_find_workers_by_phone_or_paper_number() {
    let app = spawn_app().await;
    let z = app
        .legal_worker("pingxiang", "+84912700012", "91451481MA5KXXXX12", 100)
        .await;
    let found: Value = app
        .get_as("/v1/workers?phone=0912700012", &z.officer.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(found[0]["id"], z.worker.user_id.as_str());
    let found: Value = app
        .get_as(
            "/v1/workers?paper_number=H%2B84912700012",
            &z.officer.access,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(found[0]["id"], z.worker.user_id.as_str());
    assert_error(
        app.get_as("/v1/workers?phone=0912700012", &z.worker.access)
            .await,
        403,
        "forbidden",
        Lang::Vi,
    )
    .await;
    assert_error(
        app.get_as("/v1/workers", &z.officer.access).await,
        422,
        "validation_failed",
        Lang::Zh,
    )
    .await;
}

#[tokio::test]
async fn employers_and_employments_are_recorded_by_their_zones_officers_only() {
    let app = spawn_app().await;
    let z = app
        .legal_worker("pingxiang", "+84912700013", "91451481MA5KXXXX13", 100)
        .await;
    let body = json!({ "name_zh": "东兴某公司", "credit_code": "91450681MA5KZZZZ01" });
    for token in [
        &z.worker.access,
        &app.sign_in_staff("centre_staff", Some("centre:pingxiang"))
            .await
            .access,
    ] {
        let r = app
            .send(Method::POST, "/v1/employers", token, body.clone())
            .await;
        assert_eq!(r.status(), 403);
    }
    let r = app
        .send(
            Method::POST,
            "/v1/employers",
            &z.officer.access,
            json!({ "name_zh": "x", "credit_code": "short" }),
        )
        .await;
    let err = assert_error(r, 422, "validation_failed", Lang::Zh).await;
    assert_eq!(err["details"]["fields"]["credit_code"][0], "length");
    let r = app
        .send(
            Method::POST,
            "/v1/employers",
            &z.officer.access,
            json!({ "name_zh": "重复", "credit_code": "91451481MA5KXXXX13" }),
        )
        .await;
    let err = assert_error(r, 422, "validation_failed", Lang::Zh).await;
    assert_eq!(err["details"]["fields"]["credit_code"][0], "taken");

    let other_officer = app.sign_in_staff("officer", Some("zone:dongxing")).await;
    let path = format!("/v1/employers/{}/employments", z.employer_id);
    let r = app
        .send(
            Method::POST,
            &path,
            &other_officer.access,
            json!({ "worker_id": z.worker.user_id, "start_on": "2026-01-01" }),
        )
        .await;
    assert_error(r, 404, "not_found", Lang::Zh).await;
    let r = app.send(Method::POST, &path, &z.officer.access, json!({ "worker_id": z.worker.user_id, "start_on": "2026-05-01", "end_on": "2026-04-01" })).await;
    let err = assert_error(r, 422, "validation_failed", Lang::Zh).await;
    assert_eq!(err["details"]["fields"]["end_on"][0], "before_start");
}

#[tokio::test]
async fn supervisors_read_any_worker_and_each_read_is_audited() {
    let app = spawn_app().await;
    let z = app
        .legal_worker("chongzuo", "+84912700014", "91451481MA5KXXXX14", 100)
        .await;
    let supervisor = app
        .sign_in_staff("supervisor", Some("province:lang_son"))
        .await;
    let r = app
        .get_as(
            &format!("/v1/workers/{}/status", z.worker.user_id),
            &supervisor.access,
        )
        .await;
    assert_eq!(r.status(), 200);
    let trail: Value = app
        .get_as(
            &format!("/v1/audit?subject=worker:{}", z.worker.user_id),
            &supervisor.access,
        )
        .await
        .json()
        .await
        .unwrap();
    let actions: Vec<&str> = trail
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    assert!(actions.contains(&"employment.recorded"), "{actions:?}");
    assert_eq!(actions.last(), Some(&"worker.status.read"));
    assert_eq!(
        trail.as_array().unwrap().last().unwrap()["actor_id"],
        supervisor.user_id.as_str()
    );
}

#[tokio::test]
async fn a_former_employer_cannot_look_back_and_a_future_one_cannot_look_ahead() {
    let app = spawn_app().await;
    let z = app
        .legal_worker("pingxiang", "+84912700015", "91451481MA5KXXXX15", 100)
        .await;
    let old_employer = app
        .sign_in_staff("employer", Some(&format!("employer:{}", z.employer_id)))
        .await;
    // The worker moves to a new employer from tomorrow... and the old one's time ends today.
    let new_id = app.create_employer(&z.officer, "91451481MA5KXXXX16").await;
    let tomorrow = ymd(today() + TimeDelta::days(1));
    let r = app
        .send(
            Method::POST,
            &format!("/v1/employers/{new_id}/employments"),
            &z.officer.access,
            json!({ "worker_id": z.worker.user_id, "start_on": tomorrow }),
        )
        .await;
    assert_eq!(r.status(), 201);
    let new_employer = app
        .sign_in_staff("employer", Some(&format!("employer:{new_id}")))
        .await;
    let path = format!("/v1/workers/{}/status", z.worker.user_id);
    assert_error(
        app.get_as(&path, &new_employer.access).await,
        404,
        "not_found",
        Lang::Zh,
    )
    .await;
    // Today the old employer still employs the worker; asking about the past changes nothing.
    assert_eq!(app.get_as(&path, &old_employer.access).await.status(), 200);
    let later = app
        .get_as(
            &format!("{path}?on={}", ymd(today() + TimeDelta::days(5))),
            &old_employer.access,
        )
        .await;
    assert_eq!(later.status(), 200, "access is decided for today");
    let list: Value = app
        .get_as("/v1/employer/workers", &new_employer.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list, json!([]), "not yet its worker");
}
