//! A process may end while other threads still use PostgreSQL connections (a pool, a
//! worker loop, this very test binary); ending must not crash it.
use std::{process::Command, time::Duration};

use cuakhau::db::{Backend, DbTarget};
use diesel::RunQueryDsl;

const CHILD: &str = "CUAKHAU_TEST_EXIT_CHILD";
const NAME: &str = "exit::ending_while_threads_use_postgres_does_not_crash";

#[test]
#[ignore = "needs PostgreSQL (TEST_DATABASE_URL); run by .ci/run"]
fn ending_while_threads_use_postgres_does_not_crash() {
    let url = std::env::var("TEST_DATABASE_URL").expect("TEST_DATABASE_URL");
    let target = DbTarget::parse(&url);
    assert_eq!(target.backend, Backend::Postgres, "TEST_DATABASE_URL");
    if std::env::var_os(CHILD).is_some() {
        // The child: eight threads connect and query over TLS (if the server offers
        // it) without pause, and the test returns under them, so the harness ends the
        // process while they are mid-query. Before OpenSSL was told not to clean up
        // at exit, one such ending in four crashed (SIGSEGV in its atexit handler).
        for _ in 0..8 {
            let target = target.clone();
            std::thread::spawn(move || {
                loop {
                    if let Ok(mut conn) = target.connect() {
                        let _ = diesel::sql_query("SELECT 1").execute(&mut conn);
                    }
                }
            });
        }
        std::thread::sleep(Duration::from_millis(300));
        return;
    }
    let me = std::env::current_exe().unwrap();
    for round in 0..32 {
        let out = Command::new(&me)
            .args([NAME, "--exact", "--include-ignored", "--test-threads=1"])
            .env(CHILD, "1")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "round {round}: the child ended with {:?}\n{stdout}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains("1 passed"), "round {round}: {stdout}");
    }
}
