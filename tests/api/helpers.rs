use std::{path::PathBuf, sync::Arc};

use cuakhau::{
    config::Config,
    db::{Backend, DbConnection, DbTarget, models::outbox},
    services::accounts::{self, CreateStaffRequest, NewStaff},
    startup::Application,
    state::AppState,
};
use diesel::RunQueryDsl;
use reqwest::{Method, RequestBuilder, Response};
use serde_json::{Value, json};

/// A database of its own for one test, removed when the test ends.
pub struct TestDb {
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    File(PathBuf),
    Postgres { admin_url: String, name: String },
}

impl TestDb {
    pub fn new() -> TestDb {
        let id = uuid::Uuid::new_v4().simple().to_string();
        match std::env::var("TEST_DATABASE_URL") {
            Ok(admin_url) if DbTarget::parse(&admin_url).backend == Backend::Postgres => {
                let name = format!("cuakhau_test_{id}");
                // Through the project's own connect, like every connection here (it
                // sets OpenSSL up not to clean up at exit; see `db::DbTarget::connect`).
                let mut admin = DbTarget::parse(&admin_url)
                    .connect()
                    .expect("TEST_DATABASE_URL reachable");
                diesel::sql_query(format!("CREATE DATABASE {name}"))
                    .execute(&mut admin)
                    .expect("create test database");
                let base = admin_url
                    .rsplit_once('/')
                    .map_or(admin_url.as_str(), |(b, _)| b);
                TestDb {
                    url: format!("{base}/{name}"),
                    cleanup: Cleanup::Postgres { admin_url, name },
                }
            }
            _ => {
                let path = std::env::temp_dir().join(format!("cuakhau-test-{id}.db"));
                TestDb {
                    url: path.display().to_string(),
                    cleanup: Cleanup::File(path),
                }
            }
        }
    }

    pub fn connect(&self) -> DbConnection {
        DbTarget::parse(&self.url)
            .connect()
            .expect("test database connection")
    }

    pub fn backend(&self) -> Backend {
        DbTarget::parse(&self.url).backend
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::Postgres { admin_url, name } => {
                if let Ok(mut admin) = DbTarget::parse(admin_url).connect() {
                    let _ =
                        diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                            .execute(&mut admin);
                }
            }
        }
    }
}

/// Settings for one test app; change what the test is about, keep the rest.
pub fn test_config(db: &TestDb) -> Config {
    Config {
        port: 0,
        database_url: db.url.clone(),
        redis_url: std::env::var("TEST_REDIS_URL").ok(),
        kv_prefix: format!("test:{}:", uuid::Uuid::new_v4().simple()),
        jwt_secret: Some("test-secret-test-secret-test-secret!".into()),
        demo_data: Some(false),
        outbox_poll_ms: 50,
        // Tests read codes from the outbox; the dispatcher test turns the loop on.
        run_jobs: false,
        log_level: std::env::var("TEST_LOG").unwrap_or_else(|_| "off".into()),
        ..Config::default()
    }
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub state: Arc<AppState>,
    #[allow(dead_code)] // keeps the database alive as long as the app
    pub db: TestDb,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(change: impl FnOnce(&mut Config)) -> TestApp {
    let db = TestDb::new();
    let mut config = test_config(&db);
    change(&mut config);
    if std::env::var("TEST_LOG").is_ok() {
        cuakhau::telemetry::init(&config);
    }
    let app = Application::build(config).await.expect("app builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let state = app.state();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    TestApp {
        address,
        client,
        state,
        db,
    }
}

#[derive(Clone)]
pub struct Tokens {
    pub access: String,
    pub refresh: String,
    pub user_id: String,
}

impl TestApp {
    /// Runs raw SQL statements, in order, on the test's database.
    pub async fn execute_sql(&self, sql: Vec<String>) {
        self.state
            .db
            .run(move |c| {
                for s in &sql {
                    diesel::sql_query(s.as_str()).execute(c)?;
                }
                Ok(())
            })
            .await
            .unwrap();
    }

    /// From now on, any update that sets an outbox row's state to `state` fails inside
    /// the database (a trigger); `allow_outbox_state` takes it away.
    pub async fn refuse_outbox_state(&self, state: &str) {
        let sql = match self.state.db.backend() {
            cuakhau::db::Backend::Sqlite => vec![format!(
                "CREATE TRIGGER no_{state} BEFORE UPDATE ON outbound_messages \
                 WHEN NEW.state = '{state}' BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )],
            cuakhau::db::Backend::Postgres => vec![
                format!(
                    "CREATE FUNCTION refuse_{state}() RETURNS trigger AS $$ \
                     BEGIN RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql"
                ),
                format!(
                    "CREATE TRIGGER no_{state} BEFORE UPDATE ON outbound_messages FOR EACH ROW \
                     WHEN (NEW.state = '{state}') EXECUTE FUNCTION refuse_{state}()"
                ),
            ],
        };
        self.execute_sql(sql).await;
    }

    pub async fn allow_outbox_state(&self, state: &str) {
        let sql = match self.state.db.backend() {
            cuakhau::db::Backend::Sqlite => format!("DROP TRIGGER no_{state}"),
            cuakhau::db::Backend::Postgres => {
                format!("DROP TRIGGER no_{state} ON outbound_messages")
            }
        };
        self.execute_sql(vec![sql]).await;
    }

    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.client
            .request(method, format!("{}{path}", self.address))
    }

    pub async fn post(&self, path: &str, body: Value) -> Response {
        self.request(Method::POST, path)
            .json(&body)
            .send()
            .await
            .expect("request sent")
    }

    pub async fn get_as(&self, path: &str, token: &str) -> Response {
        self.request(Method::GET, path)
            .bearer_auth(token)
            .send()
            .await
            .expect("request sent")
    }

    /// The newest code texted to `phone`, read from the outbox.
    pub async fn latest_code(&self, phone: &str) -> String {
        let phone = cuakhau::domain::Phone::parse(phone)
            .expect("valid phone")
            .to_string();
        let rows = self
            .state
            .db
            .run(move |c| Ok(outbox::for_recipient(c, &phone)?))
            .await
            .unwrap();
        let body = &rows.first().expect("an SMS was queued").body;
        body.split(|c: char| !c.is_ascii_digit())
            .find(|w| w.len() == 6)
            .unwrap_or_else(|| panic!("no code in {body:?}"))
            .to_string()
    }

    /// Signs a worker in by SMS code, as a phone would.
    pub async fn sign_in_worker(&self, phone: &str) -> Tokens {
        let r = self
            .post("/v1/auth/otp/request", json!({ "phone": phone }))
            .await;
        assert_eq!(r.status(), 202, "{}", r.text().await.unwrap());
        let code = self.latest_code(phone).await;
        let r = self
            .post(
                "/v1/auth/otp/verify",
                json!({ "phone": phone, "code": code }),
            )
            .await;
        assert_eq!(r.status(), 200);
        tokens_of(r.json().await.unwrap())
    }

    /// Adds an employment centre in Pingxiang, unless it exists (staff scopes must name a
    /// known one).
    pub async fn add_centre(&self, code: &str) {
        let row = cuakhau::db::models::centres::CentreRow {
            id: uuid::Uuid::now_v7().to_string(),
            code: code.into(),
            name_vi: format!("Trung tâm {code}"),
            name_zh: format!("{code} 服务中心"),
            zone: "pingxiang".into(),
            address: "Pingxiang".into(),
            phone: "+867710000000".into(),
            hours: "08:00-17:00".into(),
            created_at: cuakhau::services::now(),
        };
        self.state
            .db
            .run(move |c| {
                use cuakhau::db::models::centres;
                if centres::find_by_code(c, &row.code)?.is_none() {
                    centres::insert(c, &row)?;
                }
                Ok(())
            })
            .await
            .unwrap();
    }

    /// Creates a staff user directly and signs them in by password.
    pub async fn sign_in_staff(&self, role: &str, scope: Option<&str>) -> Tokens {
        if let Some(code) = scope.and_then(|s| s.strip_prefix("centre:")) {
            self.add_centre(code).await;
        }
        let email = format!("{}-{}@example.org", role, uuid::Uuid::new_v4().simple());
        let request = CreateStaffRequest {
            role: role.into(),
            scope: scope.map(Into::into),
            email: Some(email.clone()),
            password: Some("a-long-staff-password".into()),
            ..Default::default()
        };
        let staff = NewStaff::try_from(request).expect("valid staff");
        self.state
            .db
            .run(move |c| accounts::insert_staff(c, &accounts::prepare(staff)?))
            .await
            .expect("staff created");
        let r = self
            .post(
                "/v1/auth/login",
                json!({ "login": email, "password": "a-long-staff-password" }),
            )
            .await;
        assert_eq!(r.status(), 200);
        tokens_of(r.json().await.unwrap())
    }
}

pub fn tokens_of(body: Value) -> Tokens {
    Tokens {
        access: body["access_token"].as_str().expect("access_token").into(),
        refresh: body["refresh_token"]
            .as_str()
            .expect("refresh_token")
            .into(),
        user_id: body["user"]["id"].as_str().expect("user.id").into(),
    }
}

/// Asserts an error response: status, stable code, and a message in `lang`.
pub async fn assert_error(
    r: Response,
    status: u16,
    code: &str,
    lang: cuakhau::i18n::Lang,
) -> Value {
    assert_eq!(r.status().as_u16(), status, "expected {code}");
    let body: Value = r.json().await.expect("JSON error body");
    assert_eq!(body["error"], code, "{body}");
    let message = body["message"].as_str().expect("message");
    let args = [
        ("minutes", 1.into()),
        ("limit_kib", 64.into()),
        ("segments", 1.into()),
        ("allowed", 1.into()),
    ];
    let expected_start = cuakhau::i18n::t(lang, code, &args);
    // Compare the words before the first number: the numbers are the response's own.
    let prefix: String = expected_start
        .chars()
        .take_while(|c| !c.is_ascii_digit())
        .take(8)
        .collect();
    assert!(
        message.starts_with(&prefix),
        "{code}: {message:?} is not in {lang:?} ({expected_start:?})"
    );
    body
}
