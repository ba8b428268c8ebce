//! A real HTTP server standing in for an SMS provider that cannot run here (a carrier's
//! HTTP API), so provider code is tested over a socket, not against a trait double.
use std::{
    net::TcpListener,
    sync::{Arc, Mutex},
    time::Duration,
};

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};

#[derive(Debug, Clone)]
pub enum Mode {
    /// Kannel: `0: Accepted for delivery`; JSON: `{"id": "prov-<n>"}`.
    Accept,
    Status(u16),
    /// Answer after this long.
    Slow(Duration),
    /// 200 with a body that is not what the provider promised.
    Malformed,
    /// Kannel: holds the first request until this many have arrived, then accepts it;
    /// answers 503 if they have not after 10 s.
    HoldFirstUntil(usize),
}

#[derive(Debug, Clone)]
pub struct Recorded {
    pub query: String,
    pub body: String,
    pub authorization: Option<String>,
    pub at: std::time::Instant,
}

#[derive(Clone)]
pub struct FakeProvider {
    pub url: String,
    pub requests: Arc<Mutex<Vec<Recorded>>>,
    pub mode: Arc<Mutex<Mode>>,
}

impl FakeProvider {
    pub fn start() -> FakeProvider {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
        let fake = FakeProvider {
            url,
            requests: Arc::default(),
            mode: Arc::new(Mutex::new(Mode::Accept)),
        };
        let shared = fake.clone();
        let server = HttpServer::new(move || {
            App::new()
                .app_data(web::Data::new(shared.clone()))
                .default_service(web::to(answer))
        })
        .workers(1)
        .listen(listener)
        .unwrap()
        .run();
        tokio::spawn(server);
        fake
    }

    pub fn set(&self, mode: Mode) {
        *self.mode.lock().unwrap() = mode;
    }

    pub fn received(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }
}

async fn answer(fake: web::Data<FakeProvider>, req: HttpRequest, body: web::Bytes) -> HttpResponse {
    let n = {
        let mut requests = fake.requests.lock().unwrap();
        requests.push(Recorded {
            query: req.query_string().to_string(),
            body: String::from_utf8_lossy(&body).into_owned(),
            authorization: req
                .headers()
                .get("authorization")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string),
            at: std::time::Instant::now(),
        });
        requests.len()
    };
    let mode = fake.mode.lock().unwrap().clone();
    let kannel = req.path().starts_with("/cgi-bin/sendsms");
    match mode {
        Mode::Accept if kannel => HttpResponse::Accepted().body("0: Accepted for delivery"),
        Mode::Accept => HttpResponse::Ok().json(serde_json::json!({ "id": format!("prov-{n}") })),
        Mode::Status(code) => {
            HttpResponse::build(actix_web::http::StatusCode::from_u16(code).unwrap())
                .body("provider says no")
        }
        Mode::Slow(d) => {
            tokio::time::sleep(d).await;
            HttpResponse::Ok().json(serde_json::json!({ "id": "late" }))
        }
        Mode::Malformed => HttpResponse::Ok().body("<html>ok?</html>"),
        Mode::HoldFirstUntil(_) if n > 1 => {
            HttpResponse::Accepted().body("0: Accepted for delivery")
        }
        Mode::HoldFirstUntil(until) => {
            let deadline = std::time::Instant::now() + Duration::from_secs(10);
            while fake.requests.lock().unwrap().len() < until {
                if std::time::Instant::now() > deadline {
                    return HttpResponse::ServiceUnavailable().body("held too long");
                }
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            HttpResponse::Accepted().body("0: Accepted for delivery")
        }
    }
}
