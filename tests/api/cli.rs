//! The binary's own commands, run as an operator would.
use std::{
    io::Write,
    process::{Command, Stdio},
};

use serde_json::json;

use crate::helpers::{TestDb, spawn_app_with};

fn cuakhau(db: &TestDb) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cuakhau"));
    cmd.env("CUAKHAU_DATABASE_URL", &db.url)
        .env("CUAKHAU_LOG_LEVEL", "warn")
        .env_remove("CUAKHAU_REDIS_URL");
    cmd
}

#[tokio::test]
async fn admin_create_user_prints_a_one_time_password_that_signs_in() {
    let db = TestDb::new();
    let out = cuakhau(&db)
        .args([
            "admin",
            "create-user",
            "--role",
            "supervisor",
            "--scope",
            "province:lang_son",
            "--email",
            "sv@example.org",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let password = stdout
        .lines()
        .find_map(|l| l.strip_prefix("one-time password (shown once): "))
        .expect(&stdout)
        .to_string();

    let app = spawn_app_with(|c| c.database_url = db.url.clone()).await;
    let r = app
        .post(
            "/v1/auth/login",
            json!({ "login": "sv@example.org", "password": password }),
        )
        .await;
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn admin_create_user_reads_a_password_from_stdin_and_rejects_bad_input() {
    let db = TestDb::new();
    let mut child = cuakhau(&db)
        .args([
            "admin",
            "create-user",
            "--role",
            "admin",
            "--email",
            "ops@example.org",
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"operator-password-1\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stdout).contains("one-time password"));

    let out = cuakhau(&db)
        .args([
            "admin",
            "create-user",
            "--role",
            "officer",
            "--email",
            "x@example.org",
        ])
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "an officer without a zone is refused"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("scope"));

    let app = spawn_app_with(|c| c.database_url = db.url.clone()).await;
    let r = app
        .post(
            "/v1/auth/login",
            json!({ "login": "ops@example.org", "password": "operator-password-1" }),
        )
        .await;
    assert_eq!(r.status(), 200);
    let r = app
        .post(
            "/v1/auth/login",
            json!({ "login": "x@example.org", "password": "anything-at-all" }),
        )
        .await;
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn seed_demo_is_idempotent_and_demo_staff_can_sign_in() {
    let db = TestDb::new();
    let first = cuakhau(&db).arg("seed-demo").output().unwrap();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(String::from_utf8_lossy(&first.stdout).contains("27 record(s) added"));
    let second = cuakhau(&db).arg("seed-demo").output().unwrap();
    assert!(String::from_utf8_lossy(&second.stdout).contains("0 record(s) added"));

    let app = spawn_app_with(|c| c.database_url = db.url.clone()).await;
    let r = app
        .post("/v1/auth/login", json!({ "login": "officer@cuakhau.demo", "password": cuakhau::services::demo::DEMO_PASSWORD }))
        .await;
    assert_eq!(r.status(), 200);
    let worker = app.sign_in_worker("+84912345678").await;
    let me: serde_json::Value = app
        .get_as("/v1/me", &worker.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["full_name"], "Nguyễn Văn An");
    // The registry: three agencies, one revoked; two reports, one anonymous.
    let revoked: serde_json::Value = app
        .request(reqwest::Method::GET, "/v1/agencies?q=dong%20dang")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(revoked[0]["standing"], "revoked", "{revoked}");
    let r = app
        .post("/v1/auth/login", json!({ "login": "supervisor@cuakhau.demo", "password": cuakhau::services::demo::DEMO_PASSWORD }))
        .await;
    let sup = crate::helpers::tokens_of(r.json().await.unwrap());
    let reports: serde_json::Value = app
        .get_as("/v1/reports", &sup.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(reports.as_array().map(Vec::len), Some(2), "{reports}");
    assert_eq!(
        reports
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["anonymous"] == true)
            .count(),
        1
    );
}

#[test]
fn migrate_command_applies_and_reverts() {
    let db = TestDb::new();
    let count = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite"))
        .unwrap()
        .count();
    let up = cuakhau(&db).arg("migrate").output().unwrap();
    assert!(
        up.status.success(),
        "{}",
        String::from_utf8_lossy(&up.stderr)
    );
    assert!(String::from_utf8_lossy(&up.stdout).starts_with(&format!("applied {count} ")));
    let again = cuakhau(&db).arg("migrate").output().unwrap();
    assert!(String::from_utf8_lossy(&again.stdout).starts_with("applied 0"));
    let down = cuakhau(&db)
        .args(["migrate", "--down-all"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&down.stdout).starts_with(&format!("reverted {count} ")));
    let mut conn = db.connect();
    assert!(cuakhau::db::table_names(&mut conn).unwrap().is_empty());
}

#[test]
fn production_mode_refuses_to_start_without_a_secret() {
    let db = TestDb::new();
    let out = cuakhau(&db)
        .arg("migrate")
        .env("CUAKHAU_ENVIRONMENT", "production")
        .env_remove("CUAKHAU_JWT_SECRET")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("CUAKHAU_JWT_SECRET"));
}
