//! Storage: one diesel connection enum over SQLite and PostgreSQL, one r2d2 pool,
//! embedded migrations per backend. All SQL of the project lives under this module.
pub mod models;
mod reused;
pub mod schema;

use std::{sync::Arc, time::Duration};

use anyhow::Context;
use diesel::{
    Connection, RunQueryDsl,
    connection::SimpleConnection,
    r2d2::{self, ManageConnection},
};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

pub use self::reused::{Reused, reused};
use crate::error::ApiError;

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(diesel::SqliteConnection),
    Pg(diesel::PgConnection),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Where the database is, decided from the URL scheme (never by trial and error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbTarget {
    pub backend: Backend,
    /// What the driver receives: a PostgreSQL URL or a SQLite file path.
    pub location: String,
}

impl DbTarget {
    pub fn parse(url: &str) -> DbTarget {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            DbTarget {
                backend: Backend::Postgres,
                location: url.to_string(),
            }
        } else {
            let path = url
                .strip_prefix("sqlite://")
                .or_else(|| url.strip_prefix("sqlite:"))
                .unwrap_or(url);
            DbTarget {
                backend: Backend::Sqlite,
                location: path.to_string(),
            }
        }
    }

    /// Opens one connection, keeping the driver's own error.
    pub fn connect(&self) -> anyhow::Result<DbConnection> {
        Ok(match self.backend {
            Backend::Postgres => {
                tls_without_exit_cleanup();
                DbConnection::Pg(
                    diesel::PgConnection::establish(&self.location)
                        .context("connecting to PostgreSQL")?,
                )
            }
            Backend::Sqlite => {
                if let Some(dir) = std::path::Path::new(&self.location).parent()
                    && !dir.as_os_str().is_empty()
                    && self.location != ":memory:"
                {
                    std::fs::create_dir_all(dir)
                        .with_context(|| format!("creating directory {}", dir.display()))?;
                }
                let mut conn = diesel::SqliteConnection::establish(&self.location)
                    .with_context(|| format!("opening SQLite database {}", self.location))?;
                // The busy timeout first, on its own: every later statement waits
                // for locks instead of failing at once.
                conn.batch_execute("PRAGMA busy_timeout = 10000;")
                    .context("setting the SQLite busy timeout")?;
                // WAL is a property of the file: switch only once, since switching takes
                // a lock that the busy handler does not wait for.
                #[derive(diesel::QueryableByName)]
                struct Mode {
                    #[diesel(sql_type = diesel::sql_types::Text)]
                    journal_mode: String,
                }
                let mode = diesel::sql_query("PRAGMA journal_mode")
                    .get_result::<Mode>(&mut conn)
                    .context("reading the SQLite journal mode")?;
                if !mode.journal_mode.eq_ignore_ascii_case("wal") && self.location != ":memory:" {
                    conn.batch_execute("PRAGMA journal_mode = WAL;")
                        .context("switching SQLite to WAL")?;
                }
                conn.batch_execute("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
                    .context("setting SQLite pragmas")?;
                DbConnection::Sqlite(conn)
            }
        })
    }
}

/// libpq speaks TLS through the system OpenSSL, and whoever initialises OpenSSL first
/// decides whether it frees its state in an `atexit` handler. libpq would say yes; then a
/// process that exits while another thread still holds or uses a PostgreSQL connection
/// (a pool's connections, a worker loop, every test binary) may crash in that handler —
/// one run in four in a test with eight busy threads. Initialising it here first, with
/// `OPENSSL_INIT_NO_ATEXIT`, leaves the memory to the kernel as every process exit does.
fn tls_without_exit_cleanup() {
    openssl_sys::init();
}

/// r2d2 manager that opens the right variant itself.
pub struct DbManager(DbTarget);

#[derive(Debug, thiserror::Error)]
#[error("{0:#}")]
pub struct ConnectError(anyhow::Error);

impl ManageConnection for DbManager {
    type Connection = DbConnection;
    type Error = ConnectError;

    fn connect(&self) -> Result<DbConnection, ConnectError> {
        self.0.connect().map_err(ConnectError)
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), ConnectError> {
        // A SQLite connection is a handle on a local file: nothing can drop it between
        // uses, so no round of `SELECT 1` per checkout (4 % of a USSD request's CPU).
        if matches!(conn, DbConnection::Sqlite(_)) {
            return Ok(());
        }
        diesel::sql_query("SELECT 1")
            .execute(conn)
            .map(|_| ())
            .map_err(|e| ConnectError(e.into()))
    }

    fn has_broken(&self, _: &mut DbConnection) -> bool {
        false
    }
}

pub type Pool = r2d2::Pool<DbManager>;

/// The database handle shared by the whole application.
#[derive(Clone)]
pub struct Db {
    pool: Pool,
    backend: Backend,
    /// One permit per pooled connection: a request waits for a connection here, as a
    /// task, instead of on a blocking thread. Without it a burst of N requests parks N
    /// threads on the pool (tokio grows its blocking pool to 512 per runtime), and
    /// their stacks and allocator arenas stay after the burst.
    gate: Arc<tokio::sync::Semaphore>,
    /// SQLite only: one writer at a time (see `write`).
    writer: Option<Arc<tokio::sync::Semaphore>>,
}

/// How long a request waits for its turn at the pool (and then, at most as long again,
/// for the connection itself) before it is told the database is busy.
const CHECKOUT_WAIT: Duration = Duration::from_secs(5);

impl Db {
    pub fn connect(url: &str, size: u32) -> anyhow::Result<Db> {
        let target = DbTarget::parse(url);
        let backend = target.backend;
        // SQLite allows one writer; a small pool with a busy timeout avoids lock storms.
        let size = if backend == Backend::Sqlite {
            size.min(4)
        } else {
            size
        };
        if backend == Backend::Sqlite {
            // One connection first, alone, creates the file and switches it to WAL before
            // the pool opens several at once.
            target.connect()?;
        }
        let pool = r2d2::Pool::builder()
            .max_size(size)
            .connection_timeout(CHECKOUT_WAIT)
            .build(DbManager(target))
            .context("opening the database pool")?;
        let gate = Arc::new(tokio::sync::Semaphore::new(size as usize));
        let writer = (backend == Backend::Sqlite).then(|| Arc::new(tokio::sync::Semaphore::new(1)));
        Ok(Db {
            pool,
            backend,
            gate,
            writer,
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Runs `f` on a pooled connection on the blocking thread pool.
    pub async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let permit = tokio::time::timeout(CHECKOUT_WAIT, self.gate.clone().acquire_owned())
            .await
            .map_err(|_| ApiError::DatabaseUnavailable("no connection free in time".into()))?
            .map_err(|e| ApiError::Internal(e.into()))?;
        let pool = self.pool.clone();
        actix_web::rt::task::spawn_blocking(move || {
            let _permit = permit;
            let mut conn = pool
                .get()
                .map_err(|e| ApiError::DatabaseUnavailable(e.to_string()))?;
            f(&mut conn)
        })
        .await
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("database task panicked: {e}")))?
    }

    /// `run` for work that writes, where writers are many and their writes small
    /// (delivery reports beside the dispatcher's marks). SQLite lets one writer in at a
    /// time, and a writer that finds the lock taken sleeps in SQLite's busy handler —
    /// 1, 2, 5, 10… ms between tries, however soon the lock is free: under a stream of
    /// 100 µs writes that sleeping, not the writing, set the pace (a delivery report took
    /// 3 ms). Here this process's writers queue for their turn instead, first come first
    /// served, and the next one starts the moment the last one commits. Another process
    /// writing the same file still meets the busy timeout. On PostgreSQL, just `run`.
    pub async fn write<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let _turn = match &self.writer {
            Some(writer) => Some(
                tokio::time::timeout(CHECKOUT_WAIT, writer.clone().acquire_owned())
                    .await
                    .map_err(|_| ApiError::DatabaseUnavailable("no turn to write in time".into()))?
                    .map_err(|e| ApiError::Internal(e.into()))?,
            ),
            None => None,
        };
        self.run(f).await
    }

    /// The same as `run`, for synchronous callers (command line).
    pub fn run_sync<T>(
        &self,
        f: impl FnOnce(&mut DbConnection) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let mut conn = self
            .pool
            .get()
            .map_err(|e| ApiError::DatabaseUnavailable(e.to_string()))?;
        f(&mut conn)
    }

    pub fn migrate(&self) -> anyhow::Result<Vec<String>> {
        let mut conn = self
            .pool
            .get()
            .context("database connection for migrations")?;
        run_migrations(&mut conn)
    }

    pub async fn ping(&self) -> Result<(), ApiError> {
        self.run(|c| {
            diesel::sql_query("SELECT 1")
                .execute(c)
                .map(|_| ())
                .map_err(|e| ApiError::DatabaseUnavailable(e.to_string()))
        })
        .await
    }
}

fn migration_error(e: Box<dyn std::error::Error + Send + Sync>) -> anyhow::Error {
    anyhow::anyhow!("migration failed: {e}")
}

/// Applies pending migrations; returns the versions applied.
pub fn run_migrations(conn: &mut DbConnection) -> anyhow::Result<Vec<String>> {
    let applied = match conn {
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS),
        DbConnection::Pg(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS),
    }
    .map_err(migration_error)?;
    Ok(applied.into_iter().map(|v| v.to_string()).collect())
}

/// Reverts every migration (used by the migration round-trip test and `migrate --down-all`).
pub fn revert_all_migrations(conn: &mut DbConnection) -> anyhow::Result<Vec<String>> {
    let reverted = match conn {
        DbConnection::Sqlite(c) => c.revert_all_migrations(SQLITE_MIGRATIONS),
        DbConnection::Pg(c) => c.revert_all_migrations(POSTGRES_MIGRATIONS),
    }
    .map_err(migration_error)?;
    Ok(reverted.into_iter().map(|v| v.to_string()).collect())
}

/// Names of the user tables present (for migration tests).
pub fn table_names(conn: &mut DbConnection) -> anyhow::Result<Vec<String>> {
    #[derive(diesel::QueryableByName)]
    struct Name {
        #[diesel(sql_type = diesel::sql_types::Text)]
        name: String,
    }
    let sql = match conn {
        DbConnection::Sqlite(_) => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name <> '__diesel_schema_migrations' ORDER BY name"
        }
        DbConnection::Pg(_) => {
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() \
             AND table_name <> '__diesel_schema_migrations' ORDER BY table_name"
        }
    };
    Ok(diesel::sql_query(sql)
        .load::<Name>(conn)?
        .into_iter()
        .map(|n| n.name)
        .collect())
}

/// Runs `f` in a transaction that writes. On SQLite it starts with `BEGIN IMMEDIATE`,
/// taking the write lock up front (waiting up to the busy timeout), so two writers
/// never deadlock on a lock upgrade ("database is locked"); on PostgreSQL it is an
/// ordinary transaction. Inside another transaction it becomes a savepoint.
pub fn write_transaction<T>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    type Manager = <DbConnection as Connection>::TransactionManager;
    let nested = match conn {
        DbConnection::Sqlite(c) => AnsiTransactionManager::transaction_manager_status_mut(c)
            .transaction_depth()
            .map_err(ApiError::from)?
            .is_some(),
        DbConnection::Pg(c) => AnsiTransactionManager::transaction_manager_status_mut(c)
            .transaction_depth()
            .map_err(ApiError::from)?
            .is_some(),
    };
    if nested {
        return conn.transaction(f);
    }
    match conn {
        DbConnection::Sqlite(c) => {
            AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?
        }
        DbConnection::Pg(_) => Manager::begin_transaction(conn)?,
    }
    match f(conn) {
        Ok(value) => {
            Manager::commit_transaction(conn)?;
            Ok(value)
        }
        Err(e) => {
            if let Err(rollback) = Manager::rollback_transaction(conn) {
                tracing::error!(error = %rollback, "rollback failed");
            }
            Err(e)
        }
    }
}

/// Whether a diesel error is a unique-key violation (a duplicate prevented by the schema).
/// The same, for a query error already wrapped by `?` into an `ApiError` (as inside
/// `write_transaction`).
pub fn is_unique_violation_in(e: &ApiError) -> bool {
    matches!(e, ApiError::Internal(inner)
        if inner.downcast_ref::<diesel::result::Error>().is_some_and(is_unique_violation))
}

pub fn is_unique_violation(e: &diesel::result::Error) -> bool {
    matches!(
        e,
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)
    )
}

/// `%text%` for LIKE with `\\` as the escape character, so `%`, `_` and `\\` in
/// `text` match themselves.
pub fn like_pattern(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// Multi-row INSERT of `rows` into `table`, in chunks, on either backend (diesel's batch
/// insert is per backend, so the connection enum is matched here once).
#[macro_export]
macro_rules! insert_batches {
    ($conn:expr, $table:expr, $rows:expr, $chunk:expr) => {{
        let mut inserted = 0usize;
        for chunk in $rows.chunks($chunk) {
            inserted += match &mut *$conn {
                $crate::db::DbConnection::Sqlite(c) => {
                    diesel::insert_into($table).values(chunk).execute(c)?
                }
                $crate::db::DbConnection::Pg(c) => {
                    diesel::insert_into($table).values(chunk).execute(c)?
                }
            };
        }
        inserted
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_is_chosen_from_the_url_scheme() {
        assert_eq!(
            DbTarget::parse("postgres://u@h/db").backend,
            Backend::Postgres
        );
        assert_eq!(
            DbTarget::parse("postgresql://u@h/db").backend,
            Backend::Postgres
        );
        assert_eq!(
            DbTarget::parse("sqlite://data/x.db"),
            DbTarget {
                backend: Backend::Sqlite,
                location: "data/x.db".into()
            }
        );
        assert_eq!(
            DbTarget::parse("./data/cuakhau.db").location,
            "./data/cuakhau.db"
        );
    }

    /// A burst waits for connections as tasks: only about as many blocking threads as
    /// there are connections run the burst (without the gate, one thread per request).
    #[tokio::test(flavor = "current_thread")]
    async fn a_burst_does_not_park_a_thread_per_request() {
        let dir = std::env::temp_dir().join(format!("cuakhau-gate-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = Db::connect(dir.join("gate.db").to_str().unwrap(), 2).unwrap();
        let burst = (0..64).map(|_| {
            db.run(|_conn| {
                std::thread::sleep(Duration::from_millis(5));
                Ok(std::thread::current().id())
            })
        });
        let threads: std::collections::HashSet<_> = futures_util::future::join_all(burst)
            .await
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert!(
            threads.len() <= 8,
            "{} threads for 2 connections",
            threads.len()
        );
        std::fs::remove_dir_all(&dir).ok();
    }

    /// How many of 8 jobs of 10 ms ran at once, by `write` or by `run`.
    async fn most_at_once(db: &Db, write: bool) -> usize {
        use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
        let (now, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let mut work = Vec::new();
        for _ in 0..8 {
            let (now, most) = (now.clone(), most.clone());
            let f = move |_: &mut DbConnection| {
                most.fetch_max(now.fetch_add(1, SeqCst) + 1, SeqCst);
                std::thread::sleep(Duration::from_millis(10));
                now.fetch_sub(1, SeqCst);
                Ok(())
            };
            work.push(async move {
                if write {
                    db.write(f).await
                } else {
                    db.run(f).await
                }
            });
        }
        for r in futures_util::future::join_all(work).await {
            r.unwrap();
        }
        most.load(SeqCst)
    }

    /// On SQLite this process's writers take turns (`write`); plain `run`s do not wait
    /// for one another's turn.
    #[tokio::test(flavor = "current_thread")]
    async fn sqlite_writers_take_turns() {
        let dir = std::env::temp_dir().join(format!("cuakhau-turns-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = Db::connect(dir.join("turns.db").to_str().unwrap(), 4).unwrap();
        assert_eq!(most_at_once(&db, true).await, 1, "one writer at a time");
        assert!(most_at_once(&db, false).await > 1, "readers side by side");
        std::fs::remove_dir_all(&dir).ok();
    }

    /// See `.cargo/config.toml`: cached statements with a bound `LIMIT` stay prepared.
    #[test]
    fn sqlite_is_built_with_a_stable_query_planner() {
        #[derive(diesel::QueryableByName)]
        struct Opt {
            #[diesel(sql_type = diesel::sql_types::Text)]
            compile_options: String,
        }
        let mut conn = DbTarget::parse(":memory:").connect().unwrap();
        let opts = diesel::sql_query("PRAGMA compile_options")
            .load::<Opt>(&mut conn)
            .unwrap();
        assert!(
            opts.iter().any(|o| o.compile_options == "ENABLE_QPSG"),
            "SQLite built without ENABLE_QPSG"
        );
    }
}
