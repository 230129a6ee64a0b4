//! `dbtool migrate lint` through the binary on the fixture migrations in
//! tests/fixtures/lint, and the pre-flight check against a real PostgreSQL
//! with a blocking transaction held open on a second connection.

use std::path::PathBuf;
use std::time::Duration;

use dbtool::lint::preflight::{self, Reason};
use dbtool::lint::{relations_locked, LockMode, PgVersion};

use crate::common::{stderr, stdout, TestEnv};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lint/migrations")
}

/// A test env whose `migrations/` holds the fixture migrations.
fn env_with_fixtures() -> TestEnv {
    let env = TestEnv::new();
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_str().unwrap().to_string();
        env.write(
            &format!("migrations/{name}"),
            &std::fs::read_to_string(&p).unwrap(),
        );
    }
    env
}

fn findings(out: &std::process::Output) -> Vec<serde_json::Value> {
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)));
    v.as_array().unwrap().clone()
}

fn summary(f: &[serde_json::Value]) -> Vec<(String, String, u64, u64)> {
    f.iter()
        .map(|x| {
            (
                x["file"].as_str().unwrap().to_string(),
                x["rule"].as_str().unwrap().to_string(),
                x["line"].as_u64().unwrap(),
                x["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn json_findings_for_the_default_location() {
    let env = env_with_fixtures();
    let out = env
        .cmd()
        .args(["--output-format", "json", "migrate", "lint"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let f = findings(&out);
    for x in &f {
        for key in [
            "rule", "severity", "file", "line", "column", "message", "help",
        ] {
            assert!(!x[key].is_null(), "{key} missing in {x}");
        }
    }
    let m = |f: &str| format!("migrations/{f}");
    assert_eq!(
        summary(&f),
        vec![
            (
                m("V1__create_orders.sql"),
                "prefer-text-field".into(),
                12,
                17
            ),
            (
                m("V2__unsafe_changes.sql"),
                "adding-required-field".into(),
                2,
                31
            ),
            (
                m("V2__unsafe_changes.sql"),
                "require-statement-timeout".into(),
                2,
                1
            ),
            (
                m("V2__unsafe_changes.sql"),
                "require-concurrent-index-creation".into(),
                3,
                1
            ),
            (
                m("V2__unsafe_changes.sql"),
                "constraint-missing-not-valid".into(),
                4,
                24
            ),
            (
                m("V2__unsafe_changes.sql"),
                "changing-column-type".into(),
                5,
                45
            ),
            (m("V4__reviewed.sql"), "renaming-column".into(), 3, 1),
            (m("V5__broken.sql"), "parse-error".into(), 2, 20),
            (
                m("V5__broken.sql"),
                "backfill-in-ddl-transaction".into(),
                3,
                1
            ),
            (
                m("V5__broken.sql"),
                "ban-unbounded-update-delete".into(),
                3,
                1
            ),
        ],
        "{}",
        stdout(&out)
    );
    let sev = |rule: &str| {
        f.iter().find(|x| x["rule"] == rule).unwrap()["severity"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(sev("prefer-text-field"), "warning");
    assert_eq!(sev("parse-error"), "error");
    assert_eq!(sev("require-statement-timeout"), "info");
    assert!(
        stderr(&out).contains("lint: 7 errors, 2 warnings, 1 note in 6 files"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn human_output_has_location_excerpt_and_caret() {
    let env = env_with_fixtures();
    let out = env
        .cmd()
        .args([
            "migrate",
            "lint",
            "migrations/V2__unsafe_changes.sql",
            "--include",
            "constraint-missing-not-valid",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let expected = "\
error[constraint-missing-not-valid]: CHECK constraint `orders_amount_positive` is validated under ACCESS EXCLUSIVE on `orders`; add it NOT VALID
 --> migrations/V2__unsafe_changes.sql:4:24
  |
4 | ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0);
  |                        ^
";
    assert!(text.starts_with(expected), "{text}");
    assert!(text.contains(" = help: ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0) NOT VALID;"), "{text}");
}

#[test]
fn warnings_only_exit_zero_unless_denied() {
    let env = env_with_fixtures();
    let out = env
        .cmd()
        .args(["migrate", "lint", "migrations/V1__create_orders.sql"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = env
        .cmd()
        .args([
            "migrate",
            "lint",
            "--deny-warnings",
            "migrations/V1__create_orders.sql",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn gcc_github_and_sarif_formats() {
    let env = env_with_fixtures();
    let args = ["migrate", "lint", "migrations/V4__reviewed.sql", "--format"];
    let out = env.cmd().args(args).arg("gcc").output().unwrap();
    assert_eq!(
        stdout(&out),
        "migrations/V4__reviewed.sql:3:1: error: renaming `customers.email` to `email_address` breaks running code that uses the old name [renaming-column]\n"
    );
    let out = env.cmd().args(args).arg("github").output().unwrap();
    assert!(
        stdout(&out).starts_with(
            "::error file=migrations/V4__reviewed.sql,line=3,col=1,title=renaming-column::renaming"
        ),
        "{}",
        stdout(&out)
    );
    let out = env.cmd().args(args).arg("sarif").output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["runs"][0]["results"][0]["ruleId"], "renaming-column");
}

#[test]
fn explain_shows_the_lock_model() {
    let env = env_with_fixtures();
    let out = env
        .cmd()
        .args([
            "migrate",
            "lint",
            "--explain",
            "migrations/V2__unsafe_changes.sql",
            "--include",
            "renaming-table",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Location"), "{text}");
    let line = text
        .lines()
        .find(|l| l.contains("CREATE INDEX orders_status_idx"))
        .unwrap();
    assert!(
        line.contains("orders") && line.contains("SHARE") && line.contains("yes"),
        "{line}"
    );
    let out = env
        .cmd()
        .args([
            "--output-format",
            "json",
            "migrate",
            "lint",
            "--explain",
            "migrations/V3__index_concurrently.sql",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["statements"][0]["in_transaction"], false);
    assert_eq!(
        v["statements"][0]["locks"][0]["mode"],
        "SHARE_UPDATE_EXCLUSIVE"
    );
}

#[test]
fn lint_config_and_pg_version() {
    let env = env_with_fixtures();
    env.write(
        "extra/V1__add.sql",
        "ALTER TABLE t ADD COLUMN n bigint DEFAULT 0;\n",
    );
    let out = env
        .cmd()
        .args(["migrate", "lint", "extra", "--pg-version", "10"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("adding-field-with-default"),
        "{}",
        stdout(&out)
    );
    let out = env
        .cmd()
        .args(["migrate", "lint", "extra", "--pg-version", "16"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    env.write("dbtool.toml", "[migrate]\nlocations = [\"extra\"]\n\n[lint]\npg_version = \"10\"\n[lint.rules]\nadding-field-with-default = \"warning\"\n");
    let out = env
        .cmd()
        .args(["--output-format", "json", "migrate", "lint"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(findings(&out)[0]["severity"], "warning");
}

#[test]
fn changed_since_lints_only_new_files() {
    let env = env_with_fixtures();
    std::fs::remove_dir_all(env.work.join(".git")).unwrap();
    let git = |args: &[&str]| {
        let s = std::process::Command::new("git")
            .args([
                "-c",
                "user.email=t@example.com",
                "-c",
                "user.name=t",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .current_dir(&env.work)
            .output()
            .unwrap();
        assert!(
            s.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&s.stderr)
        );
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "base"]);
    env.write("migrations/V6__drop.sql", "DROP TABLE orders;\n");
    let out = env
        .cmd()
        .args([
            "--output-format",
            "json",
            "migrate",
            "lint",
            "--changed-since",
            "HEAD",
        ])
        .output()
        .unwrap();
    let f = findings(&out);
    assert_eq!(
        summary(&f),
        vec![(
            "migrations/V6__drop.sql".to_string(),
            "ban-drop-table".to_string(),
            1,
            1
        )]
    );
    let out = env
        .cmd()
        .args(["migrate", "lint", "--changed-since", "no-such-ref"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn missing_default_location_is_a_usage_error() {
    let env = TestEnv::new();
    let out = env.cmd().args(["migrate", "lint"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("migrations: no such file or directory"),
        "{}",
        stderr(&out)
    );
}

#[tokio::test]
async fn preflight_names_the_session_holding_a_conflicting_lock() {
    let db = crate::testkit::fresh_database().await.unwrap();
    let setup = db.connect().await.unwrap();
    setup
        .batch_execute("CREATE TABLE events (id bigint); CREATE TABLE other (id bigint);")
        .await
        .unwrap();

    // A second session reads `events` in a transaction it keeps open.
    let mut blocking = db.clone();
    blocking.application_name = Some("blocking-worker".into());
    let blocker = blocking.connect().await.unwrap();
    let blocker_pid: i32 = blocker
        .query_one("SELECT pg_backend_pid()", &[])
        .await
        .unwrap()
        .get(0);
    blocker
        .batch_execute("BEGIN; SELECT count(*) FROM events;")
        .await
        .unwrap();

    let checker = db.connect().await.unwrap();
    let only_locks = preflight::Options {
        long_transaction: None,
    };
    let wanted = relations_locked(
        "ALTER TABLE events ADD COLUMN note text;",
        PgVersion::LATEST,
    );
    let found = preflight::check(&checker, &wanted, &only_locks)
        .await
        .unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    let b = &found[0];
    assert_eq!(
        (b.pid, b.application.as_str(), b.state.as_str()),
        (blocker_pid, "blocking-worker", "idle in transaction")
    );
    assert!(
        b.query.contains("SELECT count(*) FROM events"),
        "{}",
        b.query
    );
    assert_eq!(
        b.reasons,
        vec![Reason::HoldsLock {
            relation: "events".into(),
            held: LockMode::AccessShare,
            wanted: LockMode::AccessExclusive
        }]
    );
    assert!(
        b.describe()
            .contains("holds ACCESS SHARE on events (the migration needs ACCESS EXCLUSIVE)"),
        "{}",
        b.describe()
    );

    // CREATE INDEX CONCURRENTLY does not conflict with readers; other tables do not matter.
    let wanted = relations_locked(
        "CREATE INDEX CONCURRENTLY i ON events (id);",
        PgVersion::LATEST,
    );
    assert!(preflight::check(&checker, &wanted, &only_locks)
        .await
        .unwrap()
        .is_empty());
    let wanted_other =
        relations_locked("ALTER TABLE other ADD COLUMN note text;", PgVersion::LATEST);
    assert!(preflight::check(&checker, &wanted_other, &only_locks)
        .await
        .unwrap()
        .is_empty());

    // Long transactions are reported when asked for.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let long = preflight::Options {
        long_transaction: Some(Duration::from_secs(1)),
    };
    let found = preflight::check(&checker, &wanted_other, &long)
        .await
        .unwrap();
    assert!(
        matches!(found[0].reasons[0], Reason::LongTransaction { seconds } if seconds >= 1.0),
        "{found:?}"
    );

    // The gate `dbtool migrate` runs before each migration.
    use dbtool::lint::deploy::{preflight_gate, PreflightMode};
    let sql = "ALTER TABLE events ADD COLUMN note text;";
    let err = preflight_gate(
        &checker,
        "V9__note.sql",
        sql,
        PgVersion::LATEST,
        PreflightMode::Refuse,
        Duration::ZERO,
    )
    .await
    .unwrap_err();
    let msg = format!("{err:#}");
    assert!(
        msg.contains("V9__note.sql: blocked by 1 session(s)") && msg.contains("blocking-worker"),
        "{msg}"
    );
    let err = preflight_gate(
        &checker,
        "V9__note.sql",
        sql,
        PgVersion::LATEST,
        PreflightMode::Wait,
        Duration::from_millis(200),
    )
    .await
    .unwrap_err();
    assert!(
        format!("{err:#}").contains("still blocked after 200ms"),
        "{err:#}"
    );
    assert!(preflight_gate(
        &checker,
        "V9__note.sql",
        sql,
        PgVersion::LATEST,
        PreflightMode::Off,
        Duration::ZERO
    )
    .await
    .unwrap()
    .is_empty());

    // Waiting: clear once the blocker commits.
    let wanted = relations_locked(
        "ALTER TABLE events ADD COLUMN note text;",
        PgVersion::LATEST,
    );
    let release = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        blocker.batch_execute("COMMIT").await.unwrap();
        blocker
    });
    let left = preflight::wait_until_clear(
        &checker,
        &wanted,
        &only_locks,
        Duration::from_secs(10),
        Duration::from_millis(50),
    )
    .await
    .unwrap();
    assert!(left.is_empty(), "{left:?}");
    drop(release.await.unwrap());
}

#[test]
fn lint_squawk_aliases_and_non_transactional_files() {
    let env = TestEnv::new();
    // executeInTransaction=false: the file's own BEGIN … COMMIT blocks are
    // not nested in a dbtool transaction.
    env.write(
        "m/V1__blocks.sql",
        "BEGIN;\nALTER TABLE IF EXISTS t ADD COLUMN IF NOT EXISTS c text;\nCOMMIT;\nBEGIN;\nSELECT 1;\nCOMMIT;\n",
    );
    env.write("m/V1__blocks.sql.conf", "executeInTransaction=false\n");
    env.write("m/V2__vacuum.sql", "VACUUM FULL events;\n");
    let out = env
        .cmd()
        .args(["--output-format", "json", "migrate", "lint", "m"])
        .output()
        .unwrap();
    let rules: Vec<String> = findings(&out)
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect();
    assert!(
        !rules.iter().any(|r| r == "transaction-nesting"),
        "{rules:?}"
    );
    assert!(rules.iter().any(|r| r == "ban-vacuum-full"), "{rules:?}");
    // squawk's id works on the command line and in dbtool.toml.
    let out = env
        .cmd()
        .args([
            "--output-format",
            "json",
            "migrate",
            "lint",
            "m",
            "--exclude",
            "prefer-repack",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(findings(&out)
        .iter()
        .all(|f| f["rule"] != "ban-vacuum-full"));
    env.write("dbtool.toml", "[lint]\nexclude = [\"prefer-repack\"]\n");
    let out = env
        .cmd()
        .args(["--output-format", "json", "migrate", "lint", "m"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // A misspelt alias is still a usage error with a suggestion.
    let out = env
        .cmd()
        .args(["migrate", "lint", "m", "--include", "prefer-repak"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("prefer-repack"), "{}", stderr(&out));
}

/// The PostgreSQL behaviour the issue-20 rule changes rely on, shown on the
/// test server: duplicate assignments are rejected, long identifiers are
/// truncated to 63 bytes, system catalogs cannot be reindexed concurrently,
/// and (12+) SET NOT NULL skips its scan when a validated CHECK proves it.
#[tokio::test]
async fn lint_postgres_evidence_for_issue_20_rules() {
    let db = crate::testkit::fresh_database().await.unwrap();
    let c = db.connect().await.unwrap();
    let version: i32 = c
        .query_one("SELECT current_setting('server_version_num')::int", &[])
        .await
        .unwrap()
        .get(0);
    c.batch_execute("CREATE TABLE accounts (id bigint, owner_id bigint); INSERT INTO accounts SELECT g, g FROM generate_series(1, 10) g;")
        .await
        .unwrap();
    let err = |e: tokio_postgres::Error| {
        e.as_db_error()
            .map(|d| d.message().to_string())
            .unwrap_or_default()
    };
    // ban-duplicate-column-assignments
    let e = c
        .batch_execute("UPDATE accounts SET owner_id = 1, owner_id = 2")
        .await
        .unwrap_err();
    assert!(err(e).contains("multiple assignments to same column"));
    let e = c
        .batch_execute("CREATE TABLE dup (a int, a text)")
        .await
        .unwrap_err();
    assert!(err(e).contains("specified more than once"));
    // identifier-too-long: two names sharing 63 bytes collide.
    let p = "n".repeat(63);
    c.batch_execute(&format!("CREATE TABLE {p}_first (id bigint)"))
        .await
        .unwrap();
    let e = c
        .batch_execute(&format!("CREATE TABLE {p}_second (id bigint)"))
        .await
        .unwrap_err();
    assert!(err(e).contains("already exists"));
    // require-concurrent-reindex: no CONCURRENTLY for REINDEX SYSTEM.
    if version >= 120000 {
        let dbname: String = c
            .query_one("SELECT current_database()", &[])
            .await
            .unwrap()
            .get(0);
        let e = c
            .batch_execute(&format!("REINDEX SYSTEM CONCURRENTLY \"{dbname}\""))
            .await
            .unwrap_err();
        let m = err(e);
        assert!(m.contains("concurrently"), "{m}");
    }
    // adding-not-nullable-field: the verification scan shows in this
    // transaction's sequential-scan count, and is gone with a valid CHECK.
    if version >= 120000 {
        let scans = |sql: &'static str| {
            let c = &c;
            async move {
                c.batch_execute("BEGIN").await.unwrap();
                let before: i64 = c.query_one("SELECT coalesce(seq_scan, 0) FROM pg_stat_xact_user_tables WHERE relname = 'accounts'", &[]).await.unwrap().get(0);
                c.batch_execute(sql).await.unwrap();
                let after: i64 = c.query_one("SELECT coalesce(seq_scan, 0) FROM pg_stat_xact_user_tables WHERE relname = 'accounts'", &[]).await.unwrap().get(0);
                c.batch_execute("ROLLBACK").await.unwrap();
                after - before
            }
        };
        let plain = scans("ALTER TABLE accounts ALTER COLUMN owner_id SET NOT NULL").await;
        c.batch_execute(
            "ALTER TABLE accounts ADD CONSTRAINT accounts_owner_nn CHECK (owner_id IS NOT NULL)",
        )
        .await
        .unwrap();
        let with_check = scans("ALTER TABLE accounts ALTER COLUMN owner_id SET NOT NULL").await;
        assert!(plain >= 1, "SET NOT NULL did not scan ({plain})");
        assert_eq!(with_check, 0, "SET NOT NULL scanned despite a valid CHECK");
    }
}
