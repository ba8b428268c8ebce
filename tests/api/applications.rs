//! Renewal applications: one form from the worker, one window at the centre.
use chrono::{TimeDelta, Utc};
use cuakhau::i18n::Lang;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{assert_error, spawn_app};

fn in_days(n: i64) -> String {
    (Utc::now()
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .date_naive()
        + TimeDelta::days(n))
    .format("%Y-%m-%d")
    .to_string()
}

#[tokio::test]
async fn from_form_to_window() {
    let app = spawn_app().await;
    let z = app
        .legal_worker("pingxiang", "+84912800001", "91451481MA5KYYYY01", 12)
        .await;
    let centre = app
        .sign_in_staff("centre_staff", Some("centre:pingxiang"))
        .await;

    let r = app.send(Method::POST, "/v1/me/renewal-applications", &z.worker.access, json!({ "kinds": ["cn_residence_permit"], "centre": "pingxiang", "note": "Tôi làm ca sáng" })).await;
    assert_eq!(r.status(), 201);
    let application: Value = r.json().await.unwrap();
    assert_eq!(application["state"], "submitted");
    let id = application["id"].as_str().unwrap().to_string();
    let mine: Value = app
        .get_as("/v1/me/renewal-applications", &z.worker.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine[0]["id"], id.as_str());

    let queue: Value = app
        .get_as(
            "/v1/centre/renewal-applications?state=submitted",
            &centre.access,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(queue.as_array().unwrap().len(), 1);
    let decide = format!("/v1/renewal-applications/{id}/decision");
    let r = app
        .send(
            Method::POST,
            &decide,
            &centre.access,
            json!({ "approve": true }),
        )
        .await;
    let err = assert_error(r, 422, "validation_failed", Lang::Zh).await;
    assert_eq!(err["details"]["fields"]["pickup_on"][0], "required");
    let r = app
        .send(
            Method::POST,
            &decide,
            &centre.access,
            json!({ "approve": true, "pickup_on": in_days(5) }),
        )
        .await;
    assert_eq!(r.status(), 200);
    let approved: Value = r.json().await.unwrap();
    assert_eq!(
        (approved["state"].as_str(), approved["pickup_on"].as_str()),
        (Some("approved"), Some(in_days(5).as_str()))
    );

    // The officer records the renewal: the application is ready at the window.
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
    let mine: Value = app
        .get_as("/v1/me/renewal-applications", &z.worker.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine[0]["state"], "ready_for_pickup");
    assert_eq!(mine[0]["pickup_on"], in_days(5), "the pick-up date stays");

    let r = app
        .send(
            Method::POST,
            &format!("/v1/renewal-applications/{id}/collected"),
            &centre.access,
            json!({}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let r = app
        .send(
            Method::POST,
            &format!("/v1/me/renewal-applications/{id}/withdrawal"),
            &z.worker.access,
            json!({}),
        )
        .await;
    assert_error(r, 409, "invalid_transition", Lang::Vi).await;
}

#[tokio::test]
async fn rejection_needs_a_reason_and_withdrawal_is_the_workers_own() {
    let app = spawn_app().await;
    let z = app
        .legal_worker("pingxiang", "+84912800002", "91451481MA5KYYYY02", 12)
        .await;
    let centre = app
        .sign_in_staff("centre_staff", Some("centre:pingxiang"))
        .await;
    let submit =
        json!({ "kinds": ["cn_health_certificate", "cn_residence_permit"], "centre": "pingxiang" });
    let a: Value = app
        .send(
            Method::POST,
            "/v1/me/renewal-applications",
            &z.worker.access,
            submit.clone(),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        a["kinds"],
        json!(["cn_residence_permit", "cn_health_certificate"])
    );
    let decide = format!(
        "/v1/renewal-applications/{}/decision",
        a["id"].as_str().unwrap()
    );
    let r = app
        .send(
            Method::POST,
            &decide,
            &centre.access,
            json!({ "approve": false }),
        )
        .await;
    assert_error(r, 422, "validation_failed", Lang::Zh).await;
    let r = app
        .send(
            Method::POST,
            &decide,
            &centre.access,
            json!({ "approve": false, "reason": "Thiếu ảnh 3x4" }),
        )
        .await;
    let rejected: Value = r.json().await.unwrap();
    assert_eq!(
        (rejected["state"].as_str(), rejected["reason"].as_str()),
        (Some("rejected"), Some("Thiếu ảnh 3x4"))
    );

    // Another worker cannot touch it; neither can another centre.
    let b: Value = app
        .send(
            Method::POST,
            "/v1/me/renewal-applications",
            &z.worker.access,
            submit,
        )
        .await
        .json()
        .await
        .unwrap();
    let other = app.sign_in_worker("+84912800003").await;
    let withdraw = format!(
        "/v1/me/renewal-applications/{}/withdrawal",
        b["id"].as_str().unwrap()
    );
    assert_error(
        app.send(Method::POST, &withdraw, &other.access, json!({}))
            .await,
        404,
        "not_found",
        Lang::Vi,
    )
    .await;
    let elsewhere = app
        .sign_in_staff("centre_staff", Some("centre:dongxing-centre"))
        .await;
    let decide = format!(
        "/v1/renewal-applications/{}/decision",
        b["id"].as_str().unwrap()
    );
    let r = app
        .send(
            Method::POST,
            &decide,
            &elsewhere.access,
            json!({ "approve": true, "pickup_on": in_days(1) }),
        )
        .await;
    assert_error(r, 404, "not_found", Lang::Zh).await;
    let queue: Value = app
        .get_as("/v1/centre/renewal-applications", &elsewhere.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(queue, json!([]));
    // Workers do not decide.
    let r = app
        .send(
            Method::POST,
            &decide,
            &z.worker.access,
            json!({ "approve": true, "pickup_on": in_days(1) }),
        )
        .await;
    assert_error(r, 403, "forbidden", Lang::Vi).await;

    let r = app
        .send(Method::POST, &withdraw, &z.worker.access, json!({}))
        .await;
    assert_eq!(r.json::<Value>().await.unwrap()["state"], "withdrawn");
}

#[tokio::test]
async fn a_form_must_name_papers_the_worker_holds_and_a_real_centre() {
    let app = spawn_app().await;
    let z = app
        .legal_worker("pingxiang", "+84912800004", "91451481MA5KYYYY04", 12)
        .await;
    app.add_centre("pingxiang").await;
    for (body, field, rule) in [
        (
            json!({ "kinds": ["cn_stay_permit"], "centre": "pingxiang" }),
            "kinds",
            "no_such_paper",
        ),
        (
            json!({ "kinds": ["employer_permit"], "centre": "pingxiang" }),
            "kinds",
            "not_a_worker_paper",
        ),
        (
            json!({ "kinds": [], "centre": "pingxiang" }),
            "kinds",
            "one_each_at_least_one",
        ),
        (
            json!({ "kinds": ["cn_residence_permit"], "centre": "atlantis" }),
            "centre",
            "unknown_centre",
        ),
    ] {
        let r = app
            .send(
                Method::POST,
                "/v1/me/renewal-applications",
                &z.worker.access,
                body.clone(),
            )
            .await;
        let err = assert_error(r, 422, "validation_failed", Lang::Vi).await;
        assert_eq!(err["details"]["fields"][field][0], rule, "{body}");
    }
    let mine: Value = app
        .get_as("/v1/me/renewal-applications", &z.worker.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine, json!([]));
}
