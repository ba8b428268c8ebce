use clap::Parser;

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    cuakhau::commands::run(cuakhau::commands::Cli::parse()).await
}
