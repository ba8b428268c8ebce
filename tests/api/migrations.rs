use crate::helpers::TestDb;

#[test]
fn migrations_go_up_down_and_up_again() {
    let db = TestDb::new();
    let mut conn = db.connect();
    let applied = cuakhau::db::run_migrations(&mut conn).unwrap();
    assert!(!applied.is_empty());
    let tables = cuakhau::db::table_names(&mut conn).unwrap();
    for t in ["centres", "outbound_messages", "refresh_tokens", "users"] {
        assert!(
            tables.contains(&t.to_string()),
            "{t} missing on {:?}: {tables:?}",
            db.backend()
        );
    }
    let reverted = cuakhau::db::revert_all_migrations(&mut conn).unwrap();
    assert_eq!(reverted.len(), applied.len());
    assert!(
        cuakhau::db::table_names(&mut conn).unwrap().is_empty(),
        "every down removes what its up made"
    );
    assert_eq!(cuakhau::db::run_migrations(&mut conn).unwrap(), applied);
    assert_eq!(cuakhau::db::table_names(&mut conn).unwrap(), tables);
}

#[test]
fn both_backends_have_the_same_migrations() {
    let names = |dir: &str| {
        let mut v: Vec<String> =
            std::fs::read_dir(format!("{}/migrations/{dir}", env!("CARGO_MANIFEST_DIR")))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
        v.sort();
        v
    };
    assert_eq!(names("sqlite"), names("postgres"));
}
