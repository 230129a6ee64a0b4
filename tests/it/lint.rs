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

/// Findings are streamed file by file; a file that cannot be loaded stops
/// the run with exit 2, and what was written is still whole: the findings
/// of the files before it, in a closed JSON array (text: full findings).
#[test]
fn unreadable_file_midway_stops_with_closed_output() {
    let env = TestEnv::new();
    env.write(
        "m/V1__index.sql",
        "CREATE INDEX orders_idx ON orders (customer_id);\n",
    );
    env.write("m/V2__bad.sql", "SELECT 1;\n");
    env.write("m/V2__bad.sql.conf", "executeInTransaction=maybe\n");
    env.write("m/V3__drop.sql", "ALTER TABLE orders DROP COLUMN note;\n");
    let out = env
        .cmd()
        .args(["migrate", "lint", "m", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("V2__bad.sql.conf:1"),
        "{}",
        stderr(&out)
    );
    let f = findings(&out);
    assert!(!f.is_empty());
    assert!(
        f.iter()
            .all(|x| x["file"].as_str().unwrap().ends_with("V1__index.sql")),
        "{}",
        stdout(&out)
    );
    let out = env.cmd().args(["migrate", "lint", "m"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(text.contains("require-concurrent-index-creation"), "{text}");
    assert!(!text.contains("ban-drop-column"), "{text}");
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

/// How the test server shows who is right in a row of the squawk table.
enum Evidence {
    /// PostgreSQL refuses the statement: its message.
    Rejects,
    /// Refused when run inside a transaction block (as a migration tool that
    /// wraps each file runs it).
    RejectsInTransaction,
    /// Runs a second time without error.
    RunsTwice,
    /// Run twice: the indexes on the table afterwards.
    IndexesAfterTwoRuns(&'static str),
    /// Whether the table keeps its data file (no rewrite).
    Filenode(&'static str),
    /// The lock modes this session holds on the table, inside a transaction.
    LocksOn(&'static str),
    /// Locks on user tables held inside a transaction.
    TableLocks,
    /// While the statement's lock is held in a transaction, an UPDATE of the
    /// table from another session (lock_timeout 500 ms).
    ConcurrentUpdate(&'static str),
    /// Rows in the table afterwards.
    Rows(&'static str),
}

/// One disagreement with squawk's rule tests, as a case of our own.
struct Disagreement {
    /// squawk's rule and what it says (from measuring its tests).
    squawk: &'static str,
    /// The rules compared: squawk's and dbtool's counterparts.
    compare: &'static [&'static str],
    /// The migration dbtool lints.
    sql: &'static str,
    /// Linted as `executeInTransaction=false` (squawk's default assumption).
    non_transactional: bool,
    /// dbtool's migrate sets lock_timeout (`false`: `lock_timeout = "0s"`).
    engine_lock_timeout: bool,
    /// Run on the test server first.
    setup: &'static str,
    /// What the server runs for the evidence (default: `sql`).
    evidence_sql: Option<&'static str>,
    evidence: Evidence,
}

const DISAGREEMENTS: &[Disagreement] = &[
    Disagreement {
        squawk: "`ban-char-field` on `code char(3)`",
        compare: &["ban-char-field", "parse-error"],
        sql: "CREATE TABLE codes (code char(3), tags text ARRAY[]);",
        non_transactional: true,
        engine_lock_timeout: true,
        setup: "",
        evidence_sql: None,
        evidence: Evidence::Rejects,
    },
    Disagreement {
        squawk: "`ban-char-field`",
        compare: &["ban-char-field", "parse-error"],
        sql: "CREATE TABLE flags (flag \"char\"(4));",
        non_transactional: true,
        engine_lock_timeout: true,
        setup: "",
        evidence_sql: None,
        evidence: Evidence::Rejects,
    },
    Disagreement {
        squawk: "`ban-char-field`",
        compare: &["ban-char-field", "parse-error"],
        sql: "CREATE TABLE names (name \"character\"(10));",
        non_transactional: true,
        engine_lock_timeout: true,
        setup: "",
        evidence_sql: None,
        evidence: Evidence::Rejects,
    },
    Disagreement {
        squawk: "`prefer-robust-stmts`: not rerunnable outside a transaction",
        compare: &["prefer-robust-stmts"],
        sql: "ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;",
        non_transactional: true,
        engine_lock_timeout: true,
        setup: "CREATE TABLE tenants (id bigint)",
        evidence_sql: None,
        evidence: Evidence::RunsTwice,
    },
    Disagreement {
        squawk: "`prefer-robust-stmts`: not rerunnable outside a transaction",
        compare: &["prefer-robust-stmts"],
        sql: "ALTER TABLE tenants DISABLE ROW LEVEL SECURITY;",
        non_transactional: true,
        engine_lock_timeout: true,
        setup: "",
        evidence_sql: None,
        evidence: Evidence::RunsTwice,
    },
    Disagreement {
        squawk: "`prefer-robust-stmts`: not rerunnable outside a transaction",
        compare: &["prefer-robust-stmts"],
        sql: "ALTER TABLE tenants ALTER COLUMN id SET NOT NULL;",
        non_transactional: true,
        engine_lock_timeout: true,
        setup: "",
        evidence_sql: None,
        evidence: Evidence::RunsTwice,
    },
    Disagreement {
        squawk: "nothing (`prefer-robust-stmts` looks at named indexes only)",
        compare: &["prefer-robust-stmts"],
        sql: "CREATE INDEX CONCURRENTLY ON visits (visited_at);",
        non_transactional: true,
        engine_lock_timeout: true,
        setup: "CREATE TABLE visits (visited_at timestamptz)",
        evidence_sql: None,
        evidence: Evidence::IndexesAfterTwoRuns("visits"),
    },
    Disagreement {
        squawk: "nothing (assume-in-transaction: a lone CONCURRENTLY is fine)",
        compare: &["ban-concurrent-index-creation-in-transaction"],
        sql: "CREATE INDEX CONCURRENTLY IF NOT EXISTS visits_at_idx ON visits (visited_at);\nALTER TABLE visits ADD COLUMN note text;",
        non_transactional: false,
        engine_lock_timeout: true,
        setup: "",
        evidence_sql: None,
        evidence: Evidence::RejectsInTransaction,
    },
    Disagreement {
        squawk: "`require-statement-timeout`",
        compare: &["require-lock-timeout", "require-statement-timeout"],
        sql: "SET lock_timeout = '2s';\nALTER TABLE invoices ADD COLUMN note text;",
        non_transactional: true,
        engine_lock_timeout: false,
        setup: "CREATE TABLE invoices (id bigint); INSERT INTO invoices SELECT generate_series(1, 100)",
        evidence_sql: Some("ALTER TABLE invoices ADD COLUMN note text"),
        evidence: Evidence::Filenode("invoices"),
    },
    Disagreement {
        squawk: "`require-lock-timeout`, `require-statement-timeout`",
        compare: &["require-lock-timeout", "require-statement-timeout"],
        sql: "CREATE TYPE mood AS ENUM ('sad', 'ok');",
        non_transactional: true,
        engine_lock_timeout: false,
        setup: "",
        evidence_sql: None,
        evidence: Evidence::TableLocks,
    },
    Disagreement {
        squawk: "`require-lock-timeout`, `require-statement-timeout`",
        compare: &["require-lock-timeout", "require-statement-timeout"],
        sql: "LOCK TABLE ledger IN ACCESS SHARE MODE;",
        non_transactional: true,
        engine_lock_timeout: false,
        setup: "CREATE TABLE ledger (id bigint PRIMARY KEY); INSERT INTO ledger VALUES (1)",
        evidence_sql: None,
        evidence: Evidence::ConcurrentUpdate("ledger"),
    },
    Disagreement {
        squawk: "`require-lock-timeout`, `require-statement-timeout`",
        compare: &["require-lock-timeout", "require-statement-timeout"],
        sql: "CREATE TABLE signups (id bigint);\nALTER TABLE signups ADD COLUMN email text;",
        non_transactional: true,
        engine_lock_timeout: false,
        setup: "",
        evidence_sql: None,
        evidence: Evidence::Rows("signups"),
    },
    Disagreement {
        squawk: "`constraint-missing-not-valid` (and `adding-foreign-key-constraint`)",
        compare: &["constraint-missing-not-valid", "adding-foreign-key-constraint"],
        sql: "ALTER TABLE payments ADD CONSTRAINT payments_ledger_fk FOREIGN KEY (ledger_id) REFERENCES ledger (id);",
        non_transactional: true,
        engine_lock_timeout: true,
        setup: "CREATE TABLE payments (ledger_id bigint, amount int)",
        evidence_sql: None,
        evidence: Evidence::LocksOn("payments"),
    },
    Disagreement {
        squawk: "`constraint-missing-not-valid` on the VALIDATE",
        compare: &["constraint-missing-not-valid", "validate-in-same-transaction"],
        sql: "BEGIN;\nALTER TABLE payments ADD CONSTRAINT payments_amount_check CHECK (amount > 0) NOT VALID;\nALTER TABLE payments VALIDATE CONSTRAINT payments_amount_check;\nCOMMIT;",
        non_transactional: true,
        engine_lock_timeout: true,
        setup: "",
        evidence_sql: Some("ALTER TABLE payments ADD CONSTRAINT payments_amount_check CHECK (amount > 0) NOT VALID"),
        evidence: Evidence::LocksOn("payments"),
    },
    Disagreement {
        squawk: "nothing before PostgreSQL 19 (`prefer-repack` suggests REPACK)",
        compare: &["ban-cluster"],
        sql: "CLUSTER ledger USING ledger_pkey;",
        non_transactional: true,
        engine_lock_timeout: true,
        setup: "",
        evidence_sql: None,
        evidence: Evidence::LocksOn("ledger"),
    },
    Disagreement {
        squawk: "nothing before PostgreSQL 19 (`prefer-repack` suggests REPACK)",
        compare: &["ban-vacuum-full"],
        sql: "VACUUM FULL ledger;",
        non_transactional: true,
        engine_lock_timeout: true,
        setup: "",
        evidence_sql: None,
        evidence: Evidence::Filenode("ledger"),
    },
];

/// What dbtool reports for a row: the rule ids, or "nothing".
fn dbtool_says(d: &Disagreement) -> String {
    let opts = dbtool::lint::LintOptions {
        engine_lock_timeout: d.engine_lock_timeout,
        ..Default::default()
    };
    let src = dbtool::lint::Source {
        file: "V1__case.sql".into(),
        text: d.sql.into(),
        execute_in_transaction: d.non_transactional.then_some(false),
    };
    let mut ids: Vec<String> = dbtool::lint::lint_source(&src, &opts, &mut Default::default())
        .findings
        .iter()
        .filter(|f| d.compare.contains(&f.rule))
        .map(|f| format!("`{}`", f.rule))
        .collect();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        "nothing".into()
    } else {
        ids.join(", ")
    }
}

/// What the test server shows for a row.
async fn postgres_shows(db: &dbtool::pg::ConnInfo, d: &Disagreement) -> String {
    let c = db.connect().await.unwrap();
    if !d.setup.is_empty() {
        c.batch_execute(d.setup).await.unwrap();
    }
    let sql = d.evidence_sql.unwrap_or(d.sql);
    let msg = |e: tokio_postgres::Error| {
        e.as_db_error()
            .map(|d| d.message().to_string())
            .unwrap_or_else(|| e.to_string())
    };
    let text = |q: String| {
        let c = &c;
        async move {
            let row = c.query_one(&q, &[]).await.unwrap();
            row.get::<_, Option<String>>(0).unwrap_or_default()
        }
    };
    match d.evidence {
        Evidence::Rejects => match c.batch_execute(sql).await {
            Err(e) => format!("ERROR: {}", msg(e)),
            Ok(()) => "accepted".into(),
        },
        Evidence::RejectsInTransaction => {
            let r = c.batch_execute(&format!("BEGIN; {sql}")).await;
            c.batch_execute("ROLLBACK").await.unwrap();
            match r {
                Err(e) => format!("in a transaction: ERROR: {}", msg(e)),
                Ok(()) => "accepted in a transaction".into(),
            }
        }
        Evidence::RunsTwice => {
            c.batch_execute(sql).await.unwrap();
            match c.batch_execute(sql).await {
                Ok(()) => "a second run succeeds".into(),
                Err(e) => format!("a second run fails: {}", msg(e)),
            }
        }
        Evidence::IndexesAfterTwoRuns(t) => {
            c.batch_execute(sql).await.unwrap();
            c.batch_execute(sql).await.unwrap();
            let names = text(format!("SELECT string_agg(indexname, ', ' ORDER BY indexname) FROM pg_indexes WHERE tablename = '{t}'")).await;
            format!("run twice, it leaves two indexes: {names}")
        }
        Evidence::Filenode(t) => {
            let q = format!("SELECT pg_relation_filenode('{t}')::text");
            let before = text(q.clone()).await;
            c.batch_execute(sql).await.unwrap();
            let after = text(q).await;
            if before == after {
                "no rewrite: the table keeps its data file".into()
            } else {
                "the table is rewritten (new data file)".into()
            }
        }
        Evidence::LocksOn(t) => {
            c.batch_execute(&format!("BEGIN; {sql}")).await.unwrap();
            let modes = text(format!("SELECT string_agg(DISTINCT mode, ', ') FROM pg_locks WHERE pid = pg_backend_pid() AND relation = '{t}'::regclass")).await;
            c.batch_execute("ROLLBACK").await.unwrap();
            format!("holds {modes} on `{t}`")
        }
        Evidence::TableLocks => {
            c.batch_execute(&format!("BEGIN; {sql}")).await.unwrap();
            let n = text("SELECT count(*)::text FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' AND relation >= 16384".into()).await;
            c.batch_execute("ROLLBACK").await.unwrap();
            format!("locks on tables: {n}")
        }
        Evidence::ConcurrentUpdate(t) => {
            c.batch_execute(&format!("BEGIN; {sql}")).await.unwrap();
            let other = db.connect().await.unwrap();
            let r = other
                .batch_execute(&format!(
                    "SET lock_timeout = '500ms'; UPDATE {t} SET id = id"
                ))
                .await;
            c.batch_execute("ROLLBACK").await.unwrap();
            match r {
                Ok(()) => "while it is held, another session's UPDATE runs at once".into(),
                Err(e) => format!("another session's UPDATE waits: {}", msg(e)),
            }
        }
        Evidence::Rows(t) => {
            c.batch_execute(sql).await.unwrap();
            let n = text(format!("SELECT count(*)::text FROM {t}")).await;
            format!("the table is new: {n} rows, no running code uses it")
        }
    }
}

/// The "squawk says / dbtool says / PostgreSQL shows" table in docs/lint.md,
/// generated from [`DISAGREEMENTS`] run through dbtool's lint and on the
/// test server. Stale: fails; `DBTOOL_BLESS=1` rewrites it.
#[tokio::test]
async fn lint_squawk_disagreements_table_is_true() {
    let db = crate::testkit::fresh_database().await.unwrap();
    let version: String = db
        .connect()
        .await
        .unwrap()
        .query_one("SELECT current_setting('server_version')", &[])
        .await
        .unwrap()
        .get(0);
    let mut table = format!(
        "Generated by `tests/it/lint.rs` (`lint_squawk_disagreements_table_is_true`) on PostgreSQL {}.\n\n| squawk says | migration | dbtool says | PostgreSQL shows |\n|---|---|---|---|\n",
        version.split_whitespace().next().unwrap_or_default()
    );
    for d in DISAGREEMENTS {
        let pg = postgres_shows(&db, d).await;
        let mode = if d.non_transactional {
            "outside a transaction"
        } else {
            "in dbtool's transaction"
        };
        let lt = if d.engine_lock_timeout {
            ""
        } else {
            ", `lock_timeout = \"0s\"`"
        };
        table.push_str(&format!(
            "| {} | `{}` ({mode}{lt}) | {} | {} |\n",
            d.squawk,
            d.sql.replace('\n', " "),
            dbtool_says(d),
            pg.replace('|', "\\|"),
        ));
    }
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/lint.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let (begin, end) = (
        "<!-- squawk-disagreements:begin -->\n",
        "<!-- squawk-disagreements:end -->",
    );
    let i = doc.find(begin).expect("squawk-disagreements:begin marker") + begin.len();
    let j = doc.find(end).expect("squawk-disagreements:end marker");
    if doc[i..j] != table {
        if std::env::var_os("DBTOOL_BLESS").is_some() {
            std::fs::write(&path, format!("{}{table}{}", &doc[..i], &doc[j..])).unwrap();
        } else {
            panic!("docs/lint.md's squawk table is stale: run `DBTOOL_BLESS=1 cargo test --test it lint_squawk` and commit\n{table}");
        }
    }
}

/// Issue 18: the help of a finding uses the statement's own names, in text
/// and JSON; the rule reference keeps the canned example.
#[test]
fn lint_help_uses_the_statements_names() {
    let env = TestEnv::new();
    env.write(
        "migrations/V1__idx.sql",
        "CREATE INDEX foo_idx ON orders (customer_id);\n",
    );
    let out = env
        .cmd()
        .args(["migrate", "lint", "--format", "json"])
        .output()
        .unwrap();
    let f = findings(&out);
    let help = f[0]["help"].as_str().unwrap();
    assert!(
        help.contains(
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS foo_idx ON orders USING btree (customer_id);"
        ),
        "{help}"
    );
    assert!(!help.contains("events"), "{help}");
    let out = env.cmd().args(["migrate", "lint"]).output().unwrap();
    let text = stdout(&out);
    assert!(
        text.contains("= help: -- in a migration of its own")
            && text.contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS foo_idx ON orders"),
        "{text}"
    );
    let doc =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/lint.md"))
            .unwrap();
    assert!(doc.contains(
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS events_created_at_idx ON events (created_at);"
    ));
}
