use clap::Parser;

/// mimalloc: a request is many small, short-lived allocations, which glibc's malloc
/// served at a tenth of the USSD path's CPU (bench/README.md, session 7).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    cuakhau::commands::run(cuakhau::commands::Cli::parse()).await
}
