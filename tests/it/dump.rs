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
    assert!(!Path::new(&format!("{file}.partial")).exists());
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
    assert!(Path::new(&format!("{file}.partial")).exists());
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
    assert!(!Path::new(&format!("{file}.partial")).exists());
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
