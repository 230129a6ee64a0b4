//! `dbtool dump`, `dump load` and `dump list` end to end: the real binary,
//! real pg_dump/pg_restore and a real PostgreSQL (fresh databases per test).

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use dbtool::pg::ConnInfo;

use crate::common::{stderr, stdout, TestEnv};

/// A source database: customers (100 rows) ← big_log (20 000 rows, FK to
/// customers) ← log_notes (FK to big_log), a view on big_log, events
/// partitioned by year, and a pglogical schema to leave out.
const SETUP: &str = "
CREATE SCHEMA pglogical;
CREATE TABLE pglogical.node (id int PRIMARY KEY, name text);
INSERT INTO pglogical.node VALUES (1, 'n1');
CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 100) g;
CREATE TABLE big_log (id bigint PRIMARY KEY, customer_id int REFERENCES customers, payload text);
INSERT INTO big_log SELECT g, g % 100 + 1, repeat('x', 200) FROM generate_series(1, 20000) g;
CREATE VIEW recent_log AS SELECT id, payload FROM big_log WHERE id > 10;
CREATE TABLE log_notes (id int PRIMARY KEY, log_id bigint REFERENCES big_log, note text);
INSERT INTO log_notes SELECT g, g, 'note' FROM generate_series(1, 10) g;
CREATE TABLE events (id int, at date NOT NULL, kind text) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
INSERT INTO events SELECT g, date '2024-06-01' + (g % 400), 'k' FROM generate_series(1, 1000) g;
ANALYZE;
";

const PRESET: &str = "[dump.presets.staging-lite]
exclude_schemas = [\"pglogical\"]
exclude_table_data = [\"public.big_log\", \"public.events\", \"public.log_notes\"]
";

struct Db {
    env: TestEnv,
    conn: ConnInfo,
    client: tokio_postgres::Client,
}

impl Db {
    async fn new() -> Db {
        let conn = crate::testkit::fresh_database()
            .await
            .expect("test database");
        let client = conn.connect().await.expect("connect");
        client.batch_execute(SETUP).await.expect("setup");
        let env = TestEnv::new().env("DBTOOL_DATABASE_URL", conn.url(true));
        env.write("dbtool.toml", PRESET);
        Db { env, conn, client }
    }

    fn run(&self, args: &[&str]) -> Output {
        self.env.cmd().args(args).output().expect("run dbtool")
    }

    fn ok(&self, args: &[&str]) -> Output {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "dbtool {args:?} failed:\n{}\n{}",
            stdout(&out),
            stderr(&out)
        );
        out
    }

    fn path(&self, name: &str) -> String {
        self.env.work.join(name).display().to_string()
    }
}

/// `pg_dump --schema-only` without the lines that legitimately differ.
fn schema_of(conn: &ConnInfo, exclude_schema: Option<&str>) -> Vec<String> {
    let mut c = Command::new(dbtool::tools::find(dbtool::tools::Tool::PgDump).unwrap());
    c.args(["--schema-only", "--no-owner", "--no-privileges"]);
    if let Some(s) = exclude_schema {
        c.arg(format!("--exclude-schema={s}"));
    }
    let out = c.envs(conn.pg_env()).output().expect("pg_dump");
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
        .lines()
        .filter(|l| {
            !(l.is_empty()
                || l.starts_with("--")
                || l.starts_with("\\restrict")
                || l.starts_with("\\unrestrict")
                || l.contains("OWNER TO")
                || l.starts_with("GRANT ")
                || l.starts_with("REVOKE "))
        })
        .map(str::to_string)
        .collect()
}

/// dbtool's partial outputs in a directory (`.NAME.dbtool-PID.partial`).
fn partials(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".partial"))
        .collect()
}

async fn count(client: &tokio_postgres::Client, table: &str) -> i64 {
    client
        .query_one(&format!("SELECT count(*) FROM {table}"), &[])
        .await
        .unwrap()
        .get(0)
}

async fn digest(client: &tokio_postgres::Client, table: &str) -> String {
    client
        .query_one(
            &format!("SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM {table} t"),
            &[],
        )
        .await
        .unwrap()
        .get(0)
}

#[tokio::test]
async fn preset_dump_loads_into_a_fresh_database_with_the_same_schema() {
    let db = Db::new().await;
    let file = db.path("copy.dump");
    let out = db.ok(&["dump", "--preset", "staging-lite", "-f", &file]);
    let (so, se) = (stdout(&out), stderr(&out));
    assert!(Path::new(&file).is_file());
    assert!(partials(&db.env.work).is_empty());
    // The plan (stderr) names what is skipped and why; the summary is on stdout.
    assert!(
        se.contains("definition only (--exclude-table-data)"),
        "{se}"
    );
    assert!(se.contains("public.events (+2 partitions)"), "{se}");
    assert!(se.contains("schema pglogical left out: 1 tables"), "{se}");
    assert!(!se.contains("warning:"), "{se}");
    assert!(so.contains("public.customers"), "{so}");
    assert!(so.contains("total: 1 tables"), "{so}");
    assert!(!so.contains("definition only"), "{so}");

    // dump list: tables with data or without.
    let out = db.ok(&["dump", "list", &file]);
    let list = stdout(&out);
    let data_of = |t: &str| {
        list.lines()
            .find(|l| l.split_whitespace().next() == Some(t))
            .unwrap_or_else(|| panic!("{t} not listed:\n{list}"))
            .split_whitespace()
            .last()
            .unwrap()
            .to_string()
    };
    assert_eq!(data_of("public.customers"), "yes");
    assert_eq!(data_of("public.big_log"), "no");
    assert!(!list.contains("pglogical"), "{list}");
    let out = db.ok(&["--output-format", "json", "dump", "list", &file]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["schemas"]["public"]["with_data"], 1);

    // Load into a new database on the same server.
    let target = format!("{}_copy", db.conn.dbname);
    let server = db.conn.with_dbname("postgres").url(true);
    let out = db.ok(&[
        "dump", "load", &file, "--url", &server, "--into", &target, "--create", "--yes",
    ]);
    let so = stdout(&out);
    assert!(so.starts_with("export DATABASE_URL="), "{so}");
    assert!(so.contains(&target), "{so}");
    let copy = db.conn.with_dbname(&target);
    let cc = copy.connect().await.unwrap();

    assert_eq!(
        schema_of(&db.conn, Some("pglogical")),
        schema_of(&copy, None)
    );
    for t in [
        "big_log",
        "log_notes",
        "events",
        "events_2024",
        "events_2025",
    ] {
        assert_eq!(count(&cc, t).await, 0, "{t} should exist and be empty");
    }
    assert!(count(&db.client, "events_2025").await > 0);
    assert_eq!(
        digest(&cc, "customers").await,
        digest(&db.client, "customers").await
    );
    let schemas: i64 = cc
        .query_one(
            "SELECT count(*) FROM pg_namespace WHERE nspname = 'pglogical'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(schemas, 0);

    // Loading again with --create refuses: the database exists.
    let out = db.run(&[
        "dump", "load", &file, "--url", &server, "--into", &target, "--create", "--yes",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("already exists"));
}

#[tokio::test]
async fn directory_format_in_parallel_and_json_summary() {
    let db = Db::new().await;
    let dir = db.path("copy.dir");
    let out = db.ok(&[
        "--output-format",
        "json",
        "dump",
        "--exclude-schema",
        "pglogical",
        "--format",
        "directory",
        "--jobs",
        "2",
        "-f",
        &dir,
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(Path::new(&dir).join("toc.dat").is_file());
    assert_eq!(v["summary"]["format"], "directory");
    assert_eq!(v["summary"]["tables"].as_array().unwrap().len(), 5);
    assert!(v["plan"]["args"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("--jobs=2")));
    let out = db.ok(&["dump", "list", &dir]);
    assert!(stdout(&out).contains("public.big_log"), "{}", stdout(&out));
    // --jobs needs the directory format.
    let out = db.run(&["dump", "--jobs", "2", "--dry-run"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--format directory"));
}

#[tokio::test]
async fn warns_about_views_and_foreign_keys_before_dumping() {
    let db = Db::new().await;
    // Dropping big_log's definition breaks the view and log_notes' foreign key.
    let out = db.ok(&["dump", "--exclude-table", "public.big_log", "--dry-run"]);
    let se = stderr(&out);
    assert!(
        se.contains("warning: table public.big_log is left out (--exclude-table) but 2 objects depend on it"),
        "{se}"
    );
    assert!(se.contains("- view public.recent_log"), "{se}");
    assert!(
        se.contains("- foreign key log_notes_log_id_fkey on public.log_notes"),
        "{se}"
    );
    assert!(
        se.contains("use --exclude-table-data public.big_log instead"),
        "{se}"
    );

    // Skipping customers' rows while big_log's rows reference them: refused
    // before anything is written, unless --no-fk-check.
    let file = db.path("fk.dump");
    let out = db.run(&[
        "dump",
        "--exclude-table-data",
        "public.customers",
        "-f",
        &file,
    ]);
    let se = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{se}");
    assert!(
        se.contains(
            "foreign key big_log_customer_id_fkey on public.big_log references public.customers"
        ),
        "{se}"
    );
    assert!(se.contains("--exclude-table-data public.big_log"), "{se}");
    assert!(!Path::new(&file).exists());
    let out = db.ok(&[
        "dump",
        "--exclude-table-data",
        "public.customers",
        "--no-fk-check",
        "-f",
        &file,
    ]);
    assert!(stderr(&out).contains("warning: foreign key big_log_customer_id_fkey"));
    assert!(Path::new(&file).is_file());

    // Loading it reports the constraint pg_restore could not add and fails.
    let target = format!("{}_fk", db.conn.dbname);
    let server = db.conn.with_dbname("postgres").url(true);
    let out = db.run(&[
        "dump", "load", &file, "--url", &server, "--into", &target, "--create", "--yes",
    ]);
    let se = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{se}");
    assert!(se.contains("violates foreign key constraint"), "{se}");
    assert!(
        se.contains("Command was: ALTER TABLE ONLY public.big_log"),
        "{se}"
    );
}

#[tokio::test]
async fn interrupted_dump_leaves_no_file() {
    let db = Db::new().await;
    // Another session holds a lock pg_dump waits for.
    let blocker = db.conn.connect().await.unwrap();
    blocker
        .batch_execute("BEGIN; LOCK TABLE customers IN ACCESS EXCLUSIVE MODE")
        .await
        .unwrap();
    let file = db.path("slow.dump");
    let child = db
        .env
        .std_cmd()
        .args(["dump", "--exclude-schema", "pglogical", "-f", &file])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // dbtool plans with estimated sizes (the lock) and pg_dump waits for it.
    let start = Instant::now();
    loop {
        let waiting: i64 = db
            .client
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'dbtool-dump-%' AND wait_event_type = 'Lock'",
                &[],
            )
            .await
            .unwrap()
            .get(0);
        if waiting > 0 {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "pg_dump never blocked"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // pg_dump writes beside the output (polled: a loaded machine may show
    // the waiting session before the directory listing shows the file).
    let start = Instant::now();
    while partials(&db.env.work).len() != 1 && start.elapsed() < Duration::from_secs(20) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        partials(&db.env.work).len(),
        1,
        "pg_dump writes beside the output: {:?}",
        std::fs::read_dir(&db.env.work)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect::<Vec<_>>()
    );
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(child.id() as i32),
        nix::sys::signal::Signal::SIGINT,
    )
    .unwrap();
    let out = tokio::task::spawn_blocking(move || child.wait_with_output())
        .await
        .unwrap()
        .unwrap();
    let se = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{se}");
    assert!(
        se.contains("interrupted: pg_dump stopped, nothing was written"),
        "{se}"
    );
    assert!(!Path::new(&file).exists());
    assert!(partials(&db.env.work).is_empty());
    blocker.batch_execute("ROLLBACK").await.unwrap();
}

#[tokio::test]
async fn old_pg_dump_is_refused_with_the_package_to_install() {
    let db = Db::new().await;
    let fake = db.env.path().join("old_pg_dump");
    std::fs::write(&fake, "#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = db
        .env
        .cmd()
        .env("DBTOOL_PG_DUMP", &fake)
        .args(["dump", "-f", &db.path("x.dump")])
        .output()
        .unwrap();
    let se = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{se}");
    let major: i32 = db
        .client
        .query_one(
            "SELECT current_setting('server_version_num')::int / 10000",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert!(
        se.contains(&format!(
            "error: pg_dump 9.6.24 ({}) is older than the server (PostgreSQL {major})",
            fake.display()
        )),
        "{se}"
    );
    assert!(
        se.contains(&format!("apt-get install postgresql-client-{major}")),
        "{se}"
    );
    assert!(!db.env.work.join("x.dump").exists());
}

#[tokio::test]
async fn load_refuses_a_configured_remote_environment_without_yes() {
    let db = Db::new().await;
    let file = db.path("small.dump");
    db.ok(&["dump", "--include-table", "public.customers", "-f", &file]);
    db.env.write(
        "dbtool.toml",
        "[environments.staging]\nhost = \"db.staging.internal\"\ndatabase = \"app\"\nauth = \"password\"\n",
    );
    let out = db
        .env
        .cmd()
        .env_remove("DBTOOL_DATABASE_URL")
        .args(["--env", "staging", "dump", "load", &file])
        .output()
        .unwrap();
    let se = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{se}");
    assert!(
        se.contains("refusing to load into staging · app@db.staging.internal:5432 (--env), which is not the local sandbox"),
        "{se}"
    );
    assert!(se.contains("--yes"), "{se}");
}

#[tokio::test]
async fn dry_run_plan_as_json_and_verbose_log() {
    let db = Db::new().await;
    let out = db.ok(&[
        "--output-format",
        "json",
        "dump",
        "--preset",
        "staging-lite",
        "--dry-run",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let status = |name: &str| {
        v["plan"]["relations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .unwrap_or_else(|| panic!("{name} not in plan"))["status"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(status("customers"), "dumped");
    assert_eq!(status("big_log"), "data_excluded");
    assert_eq!(status("events_2025"), "data_excluded");
    assert_eq!(status("node"), "schema_excluded");
    assert_eq!(
        v["plan"]["excluded_schemas"],
        serde_json::json!(["pglogical"])
    );
    assert!(v["plan"]["data_bytes"].as_i64().unwrap() > 0);
    // No file without a dump.
    assert_eq!(std::fs::read_dir(&db.env.work).unwrap().count(), 2);

    // -v passes pg_dump's own log through.
    let file = db.path("v.dump");
    let out = db.ok(&["-v", "dump", "--preset", "staging-lite", "-f", &file]);
    let se = stderr(&out);
    assert!(
        se.contains("pg_dump: dumping contents of table \"public.customers\""),
        "{se}"
    );
    assert!(
        !se.contains("dumping contents of table \"public.big_log\""),
        "{se}"
    );
}

/// Issue 12 item 1: `-f` never removes what dbtool did not make.
#[tokio::test]
async fn output_paths_never_lose_data() {
    let db = Db::new().await;
    let work = db.env.work.clone();
    let important = work.join("important");
    std::fs::create_dir(&important).unwrap();
    std::fs::write(important.join("keep.txt"), "precious").unwrap();
    std::fs::write(work.join("also-here.txt"), "precious").unwrap();
    let refused = |args: &[&str], what: &str| {
        let out = db.run(args);
        let se = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {se}");
        assert!(se.contains(what), "{args:?}: {se}");
    };
    refused(
        &["dump", "-f", "important"],
        "is a directory; a custom archive is a file",
    );
    refused(&["dump", "-f", "."], "not `.`, `..` or `/`");
    refused(
        &["dump", "-f", "..", "--format", "directory"],
        "not `.`, `..` or `/`",
    );
    refused(
        &["dump", "-f", "important", "--format", "directory"],
        "did not write",
    );
    refused(
        &["dump", "-f", "important", "--format", "plain"],
        "is a directory",
    );
    refused(&["dump", "-f", "no/such/dir/x.dump"], "does not exist");
    refused(
        &["dump", "-f", "also-here.txt", "--format", "directory"],
        "is a file",
    );
    std::os::unix::fs::symlink(&important, work.join("link")).unwrap();
    refused(&["dump", "-f", "link"], "is a directory");
    refused(
        &["dump", "-f", "link", "--format", "directory"],
        "symbolic link",
    );
    assert_eq!(
        std::fs::read_to_string(important.join("keep.txt")).unwrap(),
        "precious"
    );
    assert_eq!(
        std::fs::read_to_string(work.join("also-here.txt")).unwrap(),
        "precious"
    );

    // An existing file is replaced only by the finished dump.
    std::fs::write(work.join("old.dump"), "not a dump").unwrap();
    db.ok(&["dump", "--exclude-schema", "pglogical", "-f", "old.dump"]);
    assert_ne!(std::fs::read(work.join("old.dump")).unwrap(), b"not a dump");
    // A directory archive goes into an empty directory, then replaces its own.
    std::fs::create_dir(work.join("arch")).unwrap();
    for _ in 0..2 {
        db.ok(&[
            "dump",
            "--exclude-schema",
            "pglogical",
            "--format",
            "directory",
            "-f",
            "arch",
        ]);
        assert!(work.join("arch/toc.dat").is_file());
    }
    // A stale partial of a killed run is removed; a file of the user's with a similar name is not.
    std::fs::write(work.join(".x.dump.dbtool-999999999.partial"), "stale").unwrap();
    std::fs::write(work.join("x.dump.partial"), "mine").unwrap();
    db.ok(&["dump", "--exclude-schema", "pglogical", "-f", "x.dump"]);
    assert!(!work.join(".x.dump.dbtool-999999999.partial").exists());
    assert_eq!(
        std::fs::read_to_string(work.join("x.dump.partial")).unwrap(),
        "mine"
    );
    assert!(partials(&work).iter().all(|p| p == "x.dump.partial"));
}

/// Issue 12 item 3: a failed COPY in a table whose name holds `rds_` is a
/// failure ("partly loaded", naming the table), not an RDS-only object.
#[tokio::test]
async fn a_failed_copy_is_never_reported_as_loaded() {
    let db = Db::new().await;
    db.client
        .batch_execute("CREATE TABLE records_archive (id int PRIMARY KEY); INSERT INTO records_archive SELECT generate_series(1, 10);")
        .await
        .unwrap();
    let file = db.path("records.dump");
    db.ok(&["dump", "--exclude-schema", "pglogical", "-f", &file]);
    // The target already holds a row the COPY will collide with.
    let target = format!("{}_dup", db.conn.dbname);
    db.client
        .batch_execute(&format!("CREATE DATABASE \"{target}\""))
        .await
        .unwrap();
    let t = db.conn.with_dbname(&target);
    t.connect()
        .await
        .unwrap()
        .batch_execute("CREATE TABLE records_archive (id int PRIMARY KEY); INSERT INTO records_archive VALUES (5);")
        .await
        .unwrap();
    let server = db.conn.with_dbname("postgres").url(true);
    let out = db.run(&[
        "dump", "load", &file, "--url", &server, "--into", &target, "--yes",
    ]);
    let (so, se) = (stdout(&out), stderr(&out));
    assert_eq!(out.status.code(), Some(1), "{se}");
    assert!(
        se.contains(&format!("database `{target}` is partly loaded: rows of")),
        "{se}"
    );
    assert!(se.contains("records_archive"), "{se}");
    assert!(
        !se.contains("skipped an object the local server cannot create"),
        "{se}"
    );
    assert!(
        !so.contains("export DATABASE_URL"),
        "no success output: {so}"
    );
}

/// Issue 12 item 3: a pg_restore that died by a signal never reads as loaded,
/// even when the errors it printed were only RDS-only objects.
#[tokio::test]
async fn a_killed_pg_restore_is_a_failure() {
    let db = Db::new().await;
    let file = db.path("k.dump");
    db.ok(&["dump", "--exclude-schema", "pglogical", "-f", &file]);
    let real = which::which("pg_restore").unwrap();
    let wrapper = db.env.write(
        "fake_pg_restore",
        &format!(
            "#!/bin/sh\ncase \"$*\" in *--list*) exec {} \"$@\";; esac\n\
             echo 'pg_restore: from TOC entry 2; 3079 16400 EXTENSION postgis (no owner)' >&2\n\
             echo 'pg_restore: error: could not execute query: ERROR:  extension \"postgis\" is not available' >&2\n\
             kill -KILL $$\n",
            real.display()
        ),
    );
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    let target = format!("{}_k", db.conn.dbname);
    let server = db.conn.with_dbname("postgres").url(true);
    let out = db
        .env
        .cmd()
        .env("DBTOOL_PG_RESTORE", &wrapper)
        .args([
            "dump", "load", &file, "--url", &server, "--into", &target, "--create", "--yes",
        ])
        .output()
        .unwrap();
    let se = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{se}");
    assert!(
        se.contains("pg_restore was killed (signal 9) before it finished"),
        "{se}"
    );
    assert!(!stdout(&out).contains("export DATABASE_URL"));
}

/// Processes whose command line contains `needle` (from /proc).
fn processes_with(needle: &str) -> Vec<i32> {
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_string_lossy().parse::<i32>().ok())
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/cmdline"))
                .map(|c| {
                    String::from_utf8_lossy(&c)
                        .replace('\0', " ")
                        .contains(needle)
                })
                .unwrap_or(false)
        })
        .collect()
}

async fn wait_until(
    what: &str,
    mut cond: impl FnMut() -> std::pin::Pin<Box<dyn std::future::Future<Output = bool>>>,
) {
    let start = Instant::now();
    while !cond().await {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting: {what}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Issue 12 item 17: SIGKILL to dbtool takes pg_dump and pg_restore (and
/// their server sessions) with it.
#[tokio::test]
async fn children_die_with_a_killed_dbtool() {
    let db = Db::new().await;
    let blocker = db.conn.connect().await.unwrap();
    blocker
        .batch_execute("BEGIN; LOCK TABLE customers IN ACCESS EXCLUSIVE MODE")
        .await
        .unwrap();
    let mut child = db
        .env
        .std_cmd()
        .args([
            "dump",
            "--exclude-schema",
            "pglogical",
            "-f",
            "killed9.dump",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Sessions of this test's database only: other tests share the server.
    let dbname = db.conn.dbname.clone();
    let backends = |app: String| {
        let c = db.conn.clone();
        let dbname = dbname.clone();
        move || -> std::pin::Pin<Box<dyn std::future::Future<Output = i64>>> {
            let c = c.clone();
            let app = app.clone();
            let dbname = dbname.clone();
            Box::pin(async move {
                let client = c.connect().await.unwrap();
                client
                    .query_one(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE $1 AND datname = $2",
                        &[&app, &dbname],
                    )
                    .await
                    .unwrap()
                    .get(0)
            })
        }
    };
    let dumps = backends(format!("dbtool-dump-{}", child.id()));
    wait_until("pg_dump waits for the lock", || {
        let f = dumps();
        Box::pin(async move { f.await > 0 })
    })
    .await;
    assert!(
        !processes_with(".killed9.dump.dbtool-").is_empty(),
        "pg_dump runs"
    );
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    wait_until("pg_dump is gone", || {
        Box::pin(async { processes_with(".killed9.dump.dbtool-").is_empty() })
    })
    .await;
    wait_until("its session is gone", || {
        let f = dumps();
        Box::pin(async move { f.await == 0 })
    })
    .await;
    blocker.batch_execute("ROLLBACK").await.unwrap();
    // The next run removes the partial the killed one left.
    db.ok(&[
        "dump",
        "--exclude-schema",
        "pglogical",
        "-f",
        "killed9.dump",
    ]);
    assert!(partials(&db.env.work).is_empty());

    // dump load --clean waiting on a lock, then SIGKILL.
    let target = db.conn.with_dbname(&db.conn.dbname);
    let holder = target.connect().await.unwrap();
    holder
        .batch_execute("BEGIN; LOCK TABLE customers IN ACCESS SHARE MODE")
        .await
        .unwrap();
    let mut child = db
        .env
        .std_cmd()
        .args([
            "dump",
            "load",
            "killed9.dump",
            "--url",
            &target.url(true),
            "--clean",
            "--yes",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // pg_restore connects with the application_name dbtool gives it (dbtool/<role>/<user>).
    let restores = backends("dbtool/%".to_string());
    wait_until("pg_restore connects", || {
        let f = restores();
        Box::pin(async move { f.await > 0 })
    })
    .await;
    child.kill().unwrap();
    child.wait().unwrap();
    wait_until("pg_restore's session is gone", || {
        let f = restores();
        Box::pin(async move { f.await == 0 })
    })
    .await;
    holder.batch_execute("ROLLBACK").await.unwrap();
}

/// Issue 12 item 2: inherited PGSERVICE / PGHOSTADDR / PGSSLMODE / PGOPTIONS
/// cannot send dump, dump load --clean or psql to another database.
#[tokio::test]
async fn inherited_libpq_variables_cannot_redirect_children() {
    let db = Db::new().await; // A: the database dbtool is told to use
    let other = crate::testkit::fresh_database().await.unwrap(); // B: where the variables point
    let oc = other.connect().await.unwrap();
    oc.batch_execute("CREATE TABLE customers (id int PRIMARY KEY, name text); INSERT INTO customers VALUES (1, 'B keeps this');")
        .await
        .unwrap();
    let service = db.env.write(
        "pg_service.conf",
        &format!(
            "[elsewhere]\nhost={}\nport={}\ndbname={}\nuser={}\npassword={}\nsslmode=disable\n",
            other.host,
            other.port,
            other.dbname,
            other.user,
            other.password.clone().unwrap_or_default()
        ),
    );
    let redirecting = |c: &mut assert_cmd::Command| {
        c.env("PGSERVICEFILE", &service)
            .env("PGSERVICE", "elsewhere")
            .env("PGHOSTADDR", "127.0.0.1")
            .env("PGSSLMODE", "disable")
            .env("PGOPTIONS", "-c search_path=nowhere");
    };
    let mut c = db.env.cmd();
    redirecting(&mut c);
    let out = c
        .args(["dump", "--exclude-schema", "pglogical", "-f", "a.dump"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let list = db.run(&["dump", "list", "a.dump"]);
    assert!(
        stdout(&list).contains(&db.conn.dbname),
        "the dump read A: {}",
        stdout(&list)
    );
    assert!(
        stdout(&list).contains("public.big_log"),
        "{}",
        stdout(&list)
    );
    // Load --clean into a third database: B is untouched.
    let target = format!("{}_c", db.conn.dbname);
    let server = db.conn.with_dbname("postgres").url(true);
    let mut c = db.env.cmd();
    redirecting(&mut c);
    let out = c
        .args([
            "dump", "load", "a.dump", "--url", &server, "--into", &target, "--create", "--clean",
            "--yes",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let name: String = oc
        .query_one("SELECT name FROM customers WHERE id = 1", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(name, "B keeps this");
    let n: i64 = oc
        .query_one("SELECT count(*) FROM customers", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(n, 1, "nothing was loaded into B");
    // psql connects where the banner says.
    let mut c = db.env.cmd();
    redirecting(&mut c);
    let out = c
        .args([
            "connect",
            "--url",
            &db.conn.url(true),
            "--",
            "psql",
            "-XAtc",
            "SELECT current_database() || ' ' || current_setting('search_path')",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with(&format!("{} ", db.conn.dbname)),
        "{}",
        stdout(&out)
    );
    assert!(
        !stdout(&out).contains("nowhere"),
        "PGOPTIONS did not reach psql: {}",
        stdout(&out)
    );
}
