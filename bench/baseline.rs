//! The baseline every HTTP benchmark is divided by: a bare actix-web "hello world",
//! built from the same crate graph with the same release profile and the same default
//! worker count as cuakhau (`cargo build --release --example baseline`).
use actix_web::{App, HttpResponse, HttpServer, web};

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(18200);
    HttpServer::new(|| {
        App::new().route(
            "/",
            web::get().to(|| async { HttpResponse::Ok().body("hello world") }),
        )
    })
    .bind(("127.0.0.1", port))?
    .run()
    .await
}
