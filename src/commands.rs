//! The command line: serve, migrate, worker, admin create-user, seed-demo, openapi.
use std::{io::Read, path::PathBuf, sync::Arc};

use clap::{Args, Parser, Subcommand};

use crate::{
    config::Config,
    db::{self, Db},
    services::{accounts, demo},
    startup::{self, Application},
};

#[derive(Parser)]
#[command(
    name = "cuakhau",
    version,
    about = "Papers, status and reminders for Vietnamese border workers in Guangxi"
)]
pub struct Cli {
    /// TOML settings file (also CUAKHAU_CONFIG).
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the API (and the background loops unless run_jobs = false). The default.
    Serve,
    /// Apply pending database migrations and exit.
    Migrate {
        /// Revert every migration instead (destroys data).
        #[arg(long)]
        down_all: bool,
    },
    /// Run only the background loops (outbox dispatcher…), no HTTP.
    Worker,
    /// Administration.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Load demo data (idempotent).
    SeedDemo,
    /// Print the OpenAPI contract.
    Openapi,
    /// Generate workers and papers at scale for benchmarks (batched inserts).
    SeedScale(SeedScaleArgs),
    /// Run one reminder-planning pass now (or as if at --at) and print what it did.
    PlanReminders {
        /// RFC 3339 instant to plan as of (default: now).
        #[arg(long)]
        at: Option<chrono::DateTime<chrono::Utc>>,
    },
}

#[derive(Args)]
pub struct SeedScaleArgs {
    /// Workers to add (each gets four papers).
    #[arg(long, default_value_t = 10_000)]
    workers: u64,
    /// Expiries spread evenly over this many days from 30 days ago.
    #[arg(long, default_value_t = 365)]
    spread_days: u64,
    /// Day the spread is measured from (default: today, UTC).
    #[arg(long)]
    today: Option<chrono::NaiveDate>,
    #[arg(long, default_value_t = 2026)]
    seed: u64,
    /// Open vacancies to add as well (posted by a generated centre).
    #[arg(long, default_value_t = 0)]
    vacancies: u64,
}

#[derive(Subcommand)]
pub enum AdminCommand {
    /// Create a staff user; prints a one-time password unless --password-stdin is given.
    CreateUser(CreateUserArgs),
}

#[derive(Args)]
pub struct CreateUserArgs {
    /// employer, centre_staff, officer, supervisor or admin
    #[arg(long)]
    role: String,
    /// centre:<code>, zone:<zone>, province:<province> or employer:<id>
    #[arg(long)]
    scope: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    #[arg(long)]
    email: Option<String>,
    #[arg(long)]
    name: Option<String>,
    /// Read the password from standard input instead of generating one.
    #[arg(long)]
    password_stdin: bool,
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = Config::load(cli.config)?;
    crate::telemetry::init(&config);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            tracing::info!(?config, "starting");
            let app = Application::build(config).await?;
            tracing::info!(port = app.port(), "listening");
            app.run_until_stopped().await
        }
        Command::Migrate { down_all } => {
            let target = db::DbTarget::parse(&config.database_url);
            let mut conn = target.connect()?;
            let versions = if down_all {
                db::revert_all_migrations(&mut conn)?
            } else {
                db::run_migrations(&mut conn)?
            };
            println!(
                "{} {} migration(s): {versions:?}",
                if down_all { "reverted" } else { "applied" },
                versions.len()
            );
            Ok(())
        }
        Command::Worker => {
            let state = tokio::task::spawn_blocking(move || startup::build_state(config)).await??;
            let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
            let jobs = tokio::spawn(crate::jobs::run_all(Arc::clone(&state), stop_rx));
            shutdown_signal().await?;
            let _ = stop_tx.send(true);
            jobs.await?
        }
        Command::Admin(AdminCommand::CreateUser(args)) => create_user(config, args),
        Command::SeedDemo => {
            let db = Db::connect(&config.database_url, 1)?;
            db.migrate()?;
            let added = db
                .run_sync(demo::seed)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!(
                "demo data: {added} record(s) added; staff password {}",
                demo::DEMO_PASSWORD
            );
            for s in &demo::STAFF {
                println!(
                    "  {:<13} {:<26} {}",
                    s.role.as_str(),
                    s.email,
                    s.scope.unwrap_or("-")
                );
            }
            for (phone, name, ..) in demo::WORKERS {
                println!("  worker        {phone:<26} {name}");
            }
            Ok(())
        }
        Command::SeedScale(args) => seed_scale(config, args),
        Command::PlanReminders { at } => {
            let db = Db::connect(&config.database_url, 1)?;
            let now = at.unwrap_or_else(chrono::Utc::now);
            let rules = config.reminders.clone();
            let started = std::time::Instant::now();
            let planned = db
                .run_sync(move |c| crate::services::reminders::plan(c, now, &rules))
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!(
                "planned {planned} reminder(s) as of {now} in {:.3} s",
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::Openapi => {
            print!("{}", crate::OPENAPI);
            Ok(())
        }
    }
}

fn seed_scale(config: Config, args: SeedScaleArgs) -> anyhow::Result<()> {
    use crate::services::scale;
    let db = Db::connect(&config.database_url, 1)?;
    db.migrate()?;
    let started = std::time::Instant::now();
    let (users, papers, vacancies) = db
        .run_sync(move |c| {
            let now = chrono::Utc::now().naive_utc();
            let officer = scale::officer(c, now)?;
            let spec = scale::ScaleSpec {
                workers: args.workers,
                spread_days: args.spread_days,
                today: args.today.unwrap_or(now.date()),
                seed: args.seed,
            };
            let start = scale::generated_workers(c)?;
            let (users, papers) = scale::generate(c, &spec, start, &officer, now)?;
            let vacancies =
                scale::generate_vacancies(c, args.vacancies, spec.today, args.seed, &officer, now)?;
            Ok((users, papers, vacancies))
        })
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!(
        "added {users} worker(s), {papers} paper(s) and {vacancies} vacancies in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// SIGTERM (orchestrators) or Ctrl-C.
async fn shutdown_signal() -> anyhow::Result<()> {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    tokio::select! {
        r = tokio::signal::ctrl_c() => r?,
        _ = term.recv() => {}
    }
    Ok(())
}

fn create_user(config: Config, args: CreateUserArgs) -> anyhow::Result<()> {
    let password = if args.password_stdin {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        Some(s.trim_end_matches(['\n', '\r']).to_string())
    } else {
        None
    };
    let request = accounts::CreateStaffRequest {
        role: args.role,
        scope: args.scope,
        phone: args.phone,
        email: args.email,
        full_name: args.name,
        language: None,
        password,
    };
    let staff = accounts::NewStaff::try_from(request).map_err(describe)?;
    let db = Db::connect(&config.database_url, 1)?;
    db.migrate()?;
    let (user, generated) = db
        .run_sync(|conn| {
            let prepared = accounts::prepare(staff)?;
            let user = accounts::insert_staff(conn, &prepared)?;
            Ok((user, prepared.generated_password))
        })
        .map_err(describe)?;
    println!(
        "created {} {} ({})",
        user.role,
        user.id,
        user.email.or(user.phone).unwrap_or_default()
    );
    if let Some(p) = generated {
        println!("one-time password (shown once): {p}");
    }
    Ok(())
}

fn describe(e: crate::error::ApiError) -> anyhow::Error {
    match e {
        crate::error::ApiError::Validation(fields) => anyhow::anyhow!("invalid: {fields:?}"),
        other => anyhow::anyhow!("{other}"),
    }
}
