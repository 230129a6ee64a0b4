//! `dbtool migrate` end to end: the real binary against a real PostgreSQL
//! (a fresh database per test): every command and state, Flyway-written
//! history, placeholders, non-transactional files, concurrent runners, a
//! killed run, lock timeouts and the migration lock.

use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use dbtool::pg::ConnInfo;
use serde_json::Value;

use crate::common::{stderr, stdout, TestEnv};

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
        let env = TestEnv::new().env("DBTOOL_DATABASE_URL", conn.url(true));
        Db { env, conn, client }
    }

    fn write(&self, rel: &str, content: &str) {
        self.env.write(&format!("migrations/{rel}"), content);
    }

    fn write_bytes(&self, rel: &str, content: &[u8]) {
        let p = self.env.work.join("migrations").join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }

    fn run(&self, args: &[&str]) -> Output {
        let mut c = self.env.cmd();
        c.arg("migrate").args(args);
        c.output().expect("run dbtool")
    }

    fn ok(&self, args: &[&str]) -> Output {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "dbtool migrate {args:?} failed:\n{}\n{}",
            stdout(&out),
            stderr(&out)
        );
        out
    }

    fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(code),
            "dbtool migrate {args:?}:\n{}\n{}",
            stdout(&out),
            stderr(&out)
        );
        stderr(&out)
    }

    async fn history(&self) -> Vec<(i32, Option<String>, String, String, Option<i32>, bool)> {
        self.history_in("\"public\".\"flyway_schema_history\"")
            .await
    }

    async fn history_in(
        &self,
        table: &str,
    ) -> Vec<(i32, Option<String>, String, String, Option<i32>, bool)> {
        self.client
            .query(&format!("SELECT installed_rank, version, description, type, checksum, success FROM {table} ORDER BY installed_rank"), &[])
            .await
            .unwrap()
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5)))
            .collect()
    }

    async fn scalar_i64(&self, sql: &str) -> i64 {
        self.client.query_one(sql, &[]).await.unwrap().get(0)
    }

    async fn table_exists(&self, name: &str) -> bool {
        self.client
            .query_one("SELECT to_regclass($1) IS NOT NULL", &[&name])
            .await
            .unwrap()
            .get(0)
    }

    fn info_json(&self) -> Vec<Value> {
        let out = self.ok(&["info", "--output-format", "json"]);
        serde_json::from_slice::<Value>(&out.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    }
}

fn states(info: &[Value]) -> Vec<(String, String)> {
    info.iter()
        .map(|e| {
            (
                e["version"].as_str().unwrap_or("").to_string(),
                e["state"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn s(v: &str, st: &str) -> (String, String) {
    (v.to_string(), st.to_string())
}

#[tokio::test(flavor = "multi_thread")]
async fn applies_versioned_and_repeatable_with_flyway_checksums() {
    let db = Db::new().await;
    // BOM + CRLF: Flyway's checksum ignores both.
    db.write_bytes("V1__init.sql", b"\xef\xbb\xbfCREATE TABLE t (id int);\r\n");
    db.write(
        "sub/V1_1__add row.sql",
        "insert into t values (1);\ninsert into t values (2);\n",
    );
    db.write(
        "R__view.sql",
        "create or replace view v as select * from t;\n",
    );
    db.write("README.md", "not a migration");
    let out = db.ok(&[]);
    assert!(
        stderr(&out).contains("applied 3 migration(s)"),
        "{}",
        stderr(&out)
    );
    let h = db.history().await;
    assert_eq!(h.len(), 3);
    assert_eq!(
        h[0],
        (
            1,
            Some("1".into()),
            "init".into(),
            "SQL".into(),
            Some(92137680),
            true
        )
    );
    assert_eq!(
        (h[1].1.as_deref(), h[1].2.as_str()),
        (Some("1.1"), "add row")
    );
    assert_eq!((h[2].1.clone(), h[2].2.as_str()), (None, "view"));
    let script: String = db
        .client
        .query_one(
            "SELECT script FROM flyway_schema_history WHERE installed_rank = 2",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(script, "sub/V1_1__add row.sql");
    assert_eq!(db.scalar_i64("SELECT count(*) FROM v").await, 2);

    // The exact Flyway DDL.
    let cols: Vec<(String, String, bool)> = db
        .client
        .query(
            "SELECT column_name::text, data_type::text, is_nullable = 'YES' FROM information_schema.columns WHERE table_name = 'flyway_schema_history' ORDER BY ordinal_position",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    let names: Vec<&str> = cols.iter().map(|c| c.0.as_str()).collect();
    assert_eq!(
        names,
        [
            "installed_rank",
            "version",
            "description",
            "type",
            "script",
            "checksum",
            "installed_by",
            "installed_on",
            "execution_time",
            "success"
        ]
    );
    assert_eq!(cols[7].1, "timestamp without time zone");
    assert!(cols[1].2 && cols[5].2 && !cols[2].2);
    assert_eq!(db.scalar_i64("SELECT count(*) FROM pg_indexes WHERE indexname IN ('flyway_schema_history_pk', 'flyway_schema_history_s_idx')").await, 2);

    // Second run: nothing to do; info JSON has Flyway's keys.
    let out = db.ok(&[]);
    assert!(stderr(&out).contains("up to date"), "{}", stderr(&out));
    let info = db.info_json();
    let keys: Vec<&String> = info[0].as_object().unwrap().keys().collect();
    for k in [
        "category",
        "version",
        "description",
        "type",
        "script",
        "checksum",
        "installed_rank",
        "installed_on",
        "state",
        "execution_time",
    ] {
        assert!(keys.iter().any(|x| *x == k), "missing {k} in {keys:?}");
    }
    assert_eq!(
        states(&info),
        vec![s("1", "Success"), s("1.1", "Success"), s("", "Success")]
    );
    let text = stdout(&db.ok(&["info"]));
    assert!(text.starts_with("Category"), "{text}");
    assert!(text.contains("Repeatable"), "{text}");

    // A changed repeatable runs again; the old row becomes Superseded.
    db.write(
        "R__view.sql",
        "create or replace view v as select id, 1 as one from t;\n",
    );
    assert_eq!(states(&db.info_json())[2], s("", "Outdated"));
    db.ok(&[]);
    assert_eq!(
        states(&db.info_json())[2..],
        [s("", "Superseded"), s("", "Success")]
    );
    db.ok(&["validate"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn reads_a_history_written_by_flyway() {
    let db = Db::new().await;
    let ddl = dbtool::migrate::HistoryTable {
        schema: "public".into(),
        table: "flyway_schema_history".into(),
    }
    .create_sql();
    db.client.batch_execute(&ddl).await.unwrap();
    db.client
        .batch_execute("CREATE TABLE legacy (id int); CREATE TABLE two (id int);")
        .await
        .unwrap();
    db.write("V2__two.sql", "CREATE TABLE two (id int);\n");
    db.write("U2__two.sql", "DROP TABLE two;\n");
    db.write("V3__three.sql", "CREATE TABLE three (id int);\n");
    db.write("V4__four.sql", "CREATE TABLE four (id int);\n");
    let v2 = dbtool::migrate::checksum::checksum("CREATE TABLE two (id int);\n");
    let u2 = dbtool::migrate::checksum::checksum("DROP TABLE two;\n");
    let v3 = dbtool::migrate::checksum::checksum("CREATE TABLE three (id int);\n");
    db.client
        .batch_execute(&format!(
            "INSERT INTO flyway_schema_history VALUES
               (0, NULL, '<< Flyway Schema Creation >>', 'SCHEMA', '\"public\"', NULL, 'flyway', now(), 0, true),
               (1, '1', '<< Flyway Baseline >>', 'BASELINE', '<< Flyway Baseline >>', NULL, 'flyway', now(), 0, true),
               (2, '2', 'two', 'SQL', 'V2__two.sql', {v2}, 'flyway', now(), 12, true),
               (3, '2', 'two', 'UNDO_SQL', 'U2__two.sql', {u2}, 'flyway', now(), 3, true),
               (4, '2', 'two', 'SQL', 'V2__two.sql', {v2}, 'flyway', now(), 9, true),
               (5, '3', 'three', 'SQL', 'V3__three.sql', {v3}, 'flyway', now(), 4, true),
               (6, '2.5', 'java', 'JDBC', 'db.migration.V2_5__java', NULL, 'flyway', now(), 4, true),
               (7, '2.5', 'java', 'DELETE', 'db.migration.V2_5__java', NULL, 'flyway', now(), 0, true)"
        ))
        .await
        .unwrap();
    db.client
        .batch_execute("CREATE TABLE three (id int);")
        .await
        .unwrap();
    let info = db.info_json();
    assert_eq!(
        states(&info),
        vec![
            s("", "Success"),
            s("1", "Baseline"),
            s("2", "Undone"),
            s("2", "Success"),
            s("2", "Success"),
            s("3", "Success"),
            s("2.5", "Deleted"),
            s("4", "Pending"),
            s("2", "Available"),
        ]
    );
    assert_eq!(info[3]["category"], "Undo");
    db.ok(&["validate", "--allow-pending"]);
    db.ok(&[]);
    let h = db.history().await;
    assert_eq!(
        h.last().unwrap(),
        &(
            8,
            Some("4".into()),
            "four".into(),
            "SQL".into(),
            Some(dbtool::migrate::checksum::checksum(
                "CREATE TABLE four (id int);\n"
            )),
            true
        )
    );
    db.ok(&["validate"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn placeholders_defined_undefined_and_builtin() {
    let db = Db::new().await;
    db.write(
        "V1__p.sql",
        "CREATE TABLE p (k text, v text);\n-- comment ${Owner}\nINSERT INTO p VALUES ('owner', '${owner}'), ('env', '${from_env}'), ('schema', '${flyway:defaultSchema}'), ('table', '${flyway:table}'), ('user', '${flyway:user}'), ('db', '${flyway:database}'), ('file', '${flyway:filename}');\nDO $$ BEGIN PERFORM '${owner}'; END $$;\n",
    );
    db.write("V2__q.sql", "SELECT 1;\nSELECT '${nope}';\n");
    let err = db.fails(
        &[
            "--placeholder",
            "owner=alice",
            "--placeholder",
            "from_env=x",
        ],
        2,
    );
    assert!(
        err.contains("V2__q.sql:2:9: no value for placeholder `${nope}`"),
        "{err}"
    );
    assert!(
        !db.table_exists("flyway_schema_history").await,
        "nothing may run before placeholders are checked"
    );
    std::fs::remove_file(db.env.work.join("migrations/V2__q.sql")).unwrap();
    let mut c = db.env.cmd();
    c.args(["migrate", "--placeholder", "OWNER=alice"])
        .env("FLYWAY_PLACEHOLDERS_FROM_ENV", "e");
    let out = c.output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: Vec<(String, String)> = db
        .client
        .query("SELECT k, v FROM p ORDER BY k", &[])
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let get = |k: &str| rows.iter().find(|r| r.0 == k).unwrap().1.clone();
    assert_eq!(get("owner"), "alice");
    assert_eq!(get("env"), "e");
    assert_eq!(get("schema"), "public");
    assert_eq!(get("table"), "flyway_schema_history");
    assert_eq!(get("user"), db.conn.user);
    assert_eq!(get("db"), db.conn.dbname);
    assert_eq!(get("file"), "V1__p.sql");
    // The versioned checksum is taken before replacement.
    let raw = std::fs::read_to_string(db.env.work.join("migrations/V1__p.sql")).unwrap();
    assert_eq!(
        db.history().await[0].4,
        Some(dbtool::migrate::checksum::checksum(&raw))
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn invalid_utf8_and_bad_names() {
    let db = Db::new().await;
    db.write_bytes("V1__bad.sql", b"select 1;\nselect '\xff';\n");
    let err = db.fails(&[], 2);
    assert!(
        err.contains("V1__bad.sql: invalid UTF-8 at line 2, column 9"),
        "{err}"
    );
    std::fs::remove_file(db.env.work.join("migrations/V1__bad.sql")).unwrap();
    db.write("V1__ok.sql", "select 1;");
    db.write("v2_lower.sql", "select 1;");
    let out = db.ok(&[]);
    assert!(
        stderr(&out).contains("skipped 1 file(s) whose names are not migrations: v2_lower.sql"),
        "{}",
        stderr(&out)
    );
    let err = db.fails(&["--validate-migration-naming"], 2);
    assert!(err.contains("v2_lower.sql"), "{err}");
    db.write("V1_0__dup.sql", "select 1;");
    std::fs::remove_file(db.env.work.join("migrations/v2_lower.sql")).unwrap();
    let err = db.fails(&[], 2);
    assert!(
        err.contains("V1__ok.sql") && err.contains("V1_0__dup.sql"),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn transactional_failure_leaves_nothing_behind() {
    let db = Db::new().await;
    db.write("V1__ok.sql", "create table ok (id int);\n");
    db.write(
        "V2__bad.sql",
        "create table a (id int);\n\ninsert into a values (1);\nselect  nope from a;\n",
    );
    let err = db.fails(&[], 1);
    assert!(
        err.contains(
            "migration V2__bad.sql failed at line 4, column 9: column \"nope\" does not exist"
        ),
        "{err}"
    );
    assert!(err.contains("nothing was applied"), "{err}");
    assert!(!db.table_exists("a").await);
    assert_eq!(db.history().await.len(), 1);
    db.write("V2__bad.sql", "create table a (id int);\n");
    db.ok(&[]);
    assert_eq!(db.history().await.len(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn non_transactional_files_and_repair() {
    let db = Db::new().await;
    db.write("V1__t.sql", "create table t (id int);\n");
    db.write("V2__idx.sql", "create index concurrently t_id on t (id);\n");
    db.write(
        "V3__mixed.sql",
        "create table u (id int);\ncreate index concurrently u_id on u (id);\n",
    );
    let err = db.fails(&[], 2);
    assert!(err.contains("V3__mixed.sql:2:1: `create index concurrently u_id on u (id)` cannot run in a transaction"), "{err}");
    assert!(!db.table_exists("flyway_schema_history").await || db.history().await.is_empty());
    // mixed = true runs the whole file outside a transaction; a failure leaves a failed row.
    db.write(
        "V3__mixed.sql",
        "create table u (id int);\ncreate index concurrently u_id on u (id);\nselect nope;\n",
    );
    let err = db.fails(&["--mixed"], 1);
    assert!(
        err.contains("V3__mixed.sql failed at line 3, column 8"),
        "{err}"
    );
    assert!(err.contains("repair"), "{err}");
    let h = db.history().await;
    assert_eq!(h.len(), 3);
    assert!(h[1].5, "V2 (concurrently) succeeded");
    assert_eq!((h[2].1.as_deref(), h[2].5), (Some("3"), false));
    assert!(
        db.table_exists("u").await,
        "statements before the failure stay applied"
    );
    assert_eq!(states(&db.info_json())[2], s("3", "Failed"));
    let err = db.fails(&["--mixed"], 1);
    assert!(
        err.contains("failed migration") && err.contains("repair"),
        "{err}"
    );
    assert!(db.fails(&["validate"], 1).contains("failed migration"));
    db.ok(&["repair"]);
    assert_eq!(db.history().await.len(), 2);
    db.client.batch_execute("DROP TABLE u").await.unwrap();
    db.write(
        "V3__mixed.sql",
        "create table u (id int);\ncreate index concurrently u_id on u (id);\n",
    );
    db.ok(&["--mixed"]);
    assert!(db.history().await.iter().all(|r| r.5));
    // executeInTransaction=false in <script>.sql.conf.
    db.write("V4__vac.sql", "select 1;\nvacuum t;\n");
    db.write("V4__vac.sql.conf", "executeInTransaction=false\n");
    db.ok(&[]);
    assert_eq!(db.history().await.len(), 4);
}

#[tokio::test(flavor = "multi_thread")]
async fn checksum_change_then_repair_realigns() {
    let db = Db::new().await;
    db.write("V1__a.sql", "create table a (id int);\n");
    db.write("V2__b.sql", "create table b (id int);\n");
    db.ok(&[]);
    db.write("V1__a.sql", "create table a (id int); -- edited\n");
    let err = db.fails(&[], 1);
    assert!(err.contains("checksum mismatch for version 1"), "{err}");
    db.ok(&["repair"]);
    db.ok(&["validate"]);
    // A file removed: Missing, then repair writes a DELETE row.
    std::fs::remove_file(db.env.work.join("migrations/V2__b.sql")).unwrap();
    db.write("V3__c.sql", "select 1;\n");
    assert_eq!(states(&db.info_json())[1], s("2", "Missing"));
    assert!(db.fails(&["validate"], 1).contains("not resolved locally"));
    db.ok(&["repair"]);
    let h = db.history().await;
    assert_eq!(h.last().unwrap().3, "DELETE");
    assert_eq!(states(&db.info_json())[1], s("2", "Deleted"));
    db.ok(&[]);
    db.ok(&["validate"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn baseline_and_baseline_on_migrate() {
    let db = Db::new().await;
    db.client
        .batch_execute("CREATE TABLE existing (id int)")
        .await
        .unwrap();
    db.write("V1__old.sql", "CREATE TABLE existing (id int);\n");
    db.write("V2__new.sql", "CREATE TABLE newer (id int);\n");
    let err = db.fails(&[], 1);
    assert!(err.contains("non-empty schema"), "{err}");
    assert!(err.contains("baseline"), "{err}");
    db.ok(&["--baseline-on-migrate"]);
    let h = db.history().await;
    assert_eq!(
        h[0],
        (
            1,
            Some("1".into()),
            "<< Flyway Baseline >>".into(),
            "BASELINE".into(),
            None,
            true
        )
    );
    assert_eq!(h[1].1.as_deref(), Some("2"));
    assert_eq!(
        states(&db.info_json()),
        vec![s("1", "Baseline"), s("2", "Success")]
    );

    let db = Db::new().await;
    db.client
        .batch_execute("CREATE TABLE existing (id int)")
        .await
        .unwrap();
    db.write("V1__old.sql", "CREATE TABLE existing (id int);\n");
    db.write("V5__new.sql", "CREATE TABLE newer (id int);\n");
    db.ok(&[
        "baseline",
        "--baseline-version",
        "3",
        "--baseline-description",
        "legacy",
    ]);
    assert_eq!(db.history().await[0].1.as_deref(), Some("3"));
    assert!(db.fails(&["baseline"], 1).contains("already baselined"));
    assert_eq!(
        states(&db.info_json()),
        vec![
            s("3", "Baseline"),
            s("1", "Below Baseline"),
            s("5", "Pending")
        ]
    );
    db.ok(&[]);
    assert!(db.table_exists("newer").await);
}

#[tokio::test(flavor = "multi_thread")]
async fn out_of_order_target_ignored_and_future() {
    let db = Db::new().await;
    db.write("V1__a.sql", "select 1;\n");
    db.write("V3__c.sql", "select 3;\n");
    db.ok(&["--target-version", "1"]);
    assert_eq!(
        states(&db.info_json()),
        vec![s("1", "Success"), s("3", "Pending")]
    );
    let out = db.ok(&["info", "--target-version", "1", "--output-format", "json"]);
    let info: Vec<Value> = serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(states(&info)[1], s("3", "Above Target"));
    db.ok(&[]);
    db.write("V2__b.sql", "select 2;\n");
    assert_eq!(states(&db.info_json())[2], s("2", "Ignored"));
    assert!(db
        .fails(&[], 1)
        .contains("not applied to database: version 2"));
    db.ok(&["--out-of-order"]);
    assert_eq!(states(&db.info_json())[2], s("2", "Out of Order"));
    // An applied version with no file above the highest file: Future.
    std::fs::remove_file(db.env.work.join("migrations/V3__c.sql")).unwrap();
    std::fs::remove_file(db.env.work.join("migrations/V2__b.sql")).unwrap();
    assert_eq!(states(&db.info_json())[1], s("3", "Future"));
    db.ok(&["validate"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn undo_with_u_files() {
    let db = Db::new().await;
    db.write("V1__a.sql", "create table a (id int);\n");
    db.write("V2__b.sql", "create table b (id int);\n");
    db.write("U2__b.sql", "drop table b;\n");
    db.ok(&[]);
    let err = db.fails(&["undo", "--count", "2"], 1);
    assert!(err.contains("no undo file for version 1"), "{err}");
    db.ok(&["undo"]);
    assert!(!db.table_exists("b").await);
    let h = db.history().await;
    assert_eq!(
        (h[2].1.as_deref(), h[2].3.as_str()),
        (Some("2"), "UNDO_SQL")
    );
    assert_eq!(
        states(&db.info_json()),
        vec![
            s("1", "Success"),
            s("2", "Undone"),
            s("2", "Success"),
            s("2", "Pending")
        ]
    );
    db.ok(&[]);
    assert!(db.table_exists("b").await);
    assert_eq!(db.history().await.len(), 4);
}

#[tokio::test(flavor = "multi_thread")]
async fn dry_run_changes_nothing() {
    let db = Db::new().await;
    db.write(
        "V1__a.sql",
        "create table a (name text default '${who}');\n",
    );
    db.write(
        "V2__idx.sql",
        "create index concurrently a_i on a (name);\n",
    );
    let out = db.ok(&["--dry-run", "--placeholder", "who=bob"]);
    let sql = stdout(&out);
    assert!(
        sql.contains(
            "BEGIN;\nSET LOCAL lock_timeout = '5000ms';\ncreate table a (name text default 'bob');"
        ),
        "{sql}"
    );
    assert!(sql.contains("COMMIT;"), "{sql}");
    assert!(
        sql.contains("-- V2__idx.sql (version 2, outside a transaction, statement by statement)"),
        "{sql}"
    );
    assert!(
        sql.contains("CREATE TABLE \"public\".\"flyway_schema_history\""),
        "{sql}"
    );
    assert!(!db.table_exists("flyway_schema_history").await);
    assert!(!db.table_exists("a").await);
}

#[tokio::test(flavor = "multi_thread")]
async fn clean_refusals_and_clean() {
    let db = Db::new().await;
    db.write("V1__a.sql", "create table a (id int); create type mood as enum ('ok'); create function f() returns int language sql as 'select 1';\n");
    db.ok(&[]);
    assert!(db.fails(&["clean"], 2).contains("clean is disabled"));
    let url = db.conn.url(true);
    db.env.write("dbtool.toml", &format!("[environments.prod]\nurl = \"{url}\"\nproduction = true\n[migrate]\nclean_disabled = false\n"));
    let mut c = db.env.cmd();
    let out = c
        .args(["migrate", "clean", "prod", "--allow-clean", "--yes"])
        .env_remove("DBTOOL_DATABASE_URL")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("production"), "{}", stderr(&out));
    // The same server named by a URL is still production's server: refused too.
    let out = db.run(&["clean", "--allow-clean", "--yes"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is the server of environment `prod`"),
        "{}",
        stderr(&out)
    );
    db.env
        .write("dbtool.toml", "[migrate]\nclean_disabled = false\n");
    // Not the sandbox: clean is a typed confirmation, or --yes without a terminal.
    let refused = db.fails(&["clean"], 2);
    assert!(
        refused.contains("this is not the local sandbox: drop every object in"),
        "{refused}"
    );
    db.ok(&["clean", "--yes"]);
    assert!(!db.table_exists("a").await);
    assert!(!db.table_exists("flyway_schema_history").await);
    assert_eq!(
        db.scalar_i64("SELECT count(*) FROM pg_type WHERE typname = 'mood'")
            .await,
        0
    );
    db.ok(&[]);
    assert!(db.table_exists("a").await);
}

#[tokio::test(flavor = "multi_thread")]
async fn confirmation_on_confirm_environments() {
    let db = Db::new().await;
    db.write("V1__a.sql", "select 1;\n");
    let url = db.conn.url(true);
    db.env.write(
        "dbtool.toml",
        &format!("[environments.staging]\nurl = \"{url}\"\nconfirm = true\n"),
    );
    let out = db
        .env
        .std_cmd()
        .args(["migrate", "staging"])
        .env_remove("DBTOOL_DATABASE_URL")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    assert!(
        !db.table_exists("flyway_schema_history").await,
        "nothing changes before the answer"
    );
    let mut c = db.env.cmd();
    let out = c
        .args(["migrate", "staging", "--yes"])
        .env_remove("DBTOOL_DATABASE_URL")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(db.history().await.len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn flyway_configuration_is_honoured() {
    let db = Db::new().await;
    db.env.write("sql/V1__a.sql", "create table a (id int);\n");
    db.env.write(
        "flyway.conf",
        "flyway.table=my_history\nflyway.schemas=app,audit\nflyway.placeholders.x=1\n",
    );
    let jdbc = format!(
        "jdbc:postgresql://{}:{}/{}?sslmode=disable",
        db.conn.host, db.conn.port, db.conn.dbname
    );
    let mut c = db.env.cmd();
    c.args(["migrate"])
        .env_remove("DBTOOL_DATABASE_URL")
        .env("FLYWAY_URL", jdbc)
        .env("FLYWAY_USER", &db.conn.user)
        .env("FLYWAY_LOCATIONS", "filesystem:sql");
    if let Some(p) = &db.conn.password {
        c.env("FLYWAY_PASSWORD", p);
    }
    let out = c.output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let h = db.history_in("\"app\".\"my_history\"").await;
    assert_eq!(
        h[0],
        (
            0,
            None,
            "<< Flyway Schema Creation >>".into(),
            "SCHEMA".into(),
            None,
            true
        )
    );
    let script: String = db
        .client
        .query_one(
            "SELECT script FROM app.my_history WHERE installed_rank = 0",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(script, "\"app\",\"audit\"");
    assert_eq!(h[1].1.as_deref(), Some("1"));
    assert!(
        db.table_exists("app.a").await,
        "search_path puts the default schema first"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn new_creates_the_next_file() {
    let env = TestEnv::new();
    env.write("migrations/V000041__x.sql", "select 1;\n");
    let out = env
        .cmd()
        .args(["migrate", "new", "add", "users"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out)
            .trim()
            .ends_with("migrations/V000042__add_users.sql"),
        "{}",
        stdout(&out)
    );
    assert!(env.work.join("migrations/V000042__add_users.sql").is_file());
}

#[tokio::test(flavor = "multi_thread")]
async fn concurrent_runners_apply_each_migration_once() {
    let db = Db::new().await;
    db.write("V0__log.sql", "create table log (v int);\n");
    for i in 1..=15 {
        db.write(
            &format!("V{i}__m.sql"),
            &format!("insert into log values ({i});\nselect pg_sleep(0.02);\n"),
        );
    }
    let children: Vec<_> = (0..3)
        .map(|_| {
            let mut c = db.env.std_cmd();
            c.args(["migrate"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for ch in children {
        let out = ch.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    assert_eq!(db.scalar_i64("SELECT count(*) FROM log").await, 15);
    assert_eq!(db.scalar_i64("SELECT count(DISTINCT v) FROM log").await, 15);
    assert_eq!(db.history().await.len(), 16);
}

#[tokio::test(flavor = "multi_thread")]
async fn killed_run_leaves_a_consistent_history() {
    let db = Db::new().await;
    db.write("V1__a.sql", "create table a (id int);\n");
    db.write(
        "V2__slow.sql",
        "create table b (id int);\nselect pg_sleep(${sleep});\n",
    );
    let mut child = db
        .env
        .std_cmd()
        .args(["migrate", "--placeholder", "sleep=30"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        let n = db
            .scalar_i64(&format!("SELECT count(*) FROM pg_stat_activity WHERE datname = '{}' AND pid <> pg_backend_pid() AND query LIKE '%select pg_sleep(30)%'", db.conn.dbname))
            .await;
        if n > 0 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the slow migration never started"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    child.kill().unwrap();
    child.wait().unwrap();
    // V1 committed, V2 never did: its transaction dies with the connection.
    let h = db.history().await;
    assert_eq!(h.len(), 1, "{h:?}");
    let out = db.ok(&["--placeholder", "sleep=0"]);
    assert!(stderr(&out).contains("V2__slow.sql"), "{}", stderr(&out));
    let h = db.history().await;
    assert_eq!(
        h.iter().map(|r| r.1.clone().unwrap()).collect::<Vec<_>>(),
        vec!["1", "2"]
    );
    assert!(h.iter().all(|r| r.5));
}

#[tokio::test(flavor = "multi_thread")]
async fn lock_timeout_retries_and_names_the_blocker() {
    let db = Db::new().await;
    db.write("V1__t.sql", "create table t (id int);\n");
    db.ok(&[]);
    db.write("V2__alter.sql", "alter table t add column x int;\n");
    let blocker = db.conn.connect().await.unwrap();
    blocker
        .batch_execute(
            "SET application_name = 'the_blocker'; BEGIN; LOCK TABLE t IN ACCESS SHARE MODE;",
        )
        .await
        .unwrap();
    let pid: i32 = blocker
        .query_one("SELECT pg_backend_pid()", &[])
        .await
        .unwrap()
        .get(0);
    // Pre-flight off: this test is about lock_timeout and its retries.
    let err = db.fails(
        &[
            "--lock-timeout",
            "300ms",
            "--lock-retries",
            "1",
            "--preflight",
            "off",
        ],
        1,
    );
    assert!(err.contains("retry 1 of 1"), "{err}");
    assert!(err.contains(&format!("blocked by pid {pid}")), "{err}");
    assert!(err.contains("the_blocker"), "{err}");
    assert!(err.contains("gave up after 1 retries"), "{err}");
    assert_eq!(db.history().await.len(), 1);
    blocker.batch_execute("ROLLBACK").await.unwrap();
    db.ok(&["--lock-timeout", "300ms", "--preflight", "off"]);
    assert_eq!(db.history().await.len(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn waits_for_the_migration_lock_within_a_bound() {
    let db = Db::new().await;
    db.write("V1__t.sql", "create table t (id int);\n");
    let holder = db.conn.connect().await.unwrap();
    holder
        .batch_execute(
            "SET application_name = 'other_runner'; SELECT pg_advisory_lock(77433833903597)",
        )
        .await
        .unwrap();
    let t = Instant::now();
    let err = db.fails(&["--lock-wait", "1s"], 1);
    assert!(t.elapsed() >= Duration::from_secs(1));
    assert!(
        err.contains("Waiting for the migration lock held by pid"),
        "{err}"
    );
    assert!(err.contains("other_runner"), "{err}");
    assert!(err.contains("--lock-wait"), "{err}");
    holder
        .batch_execute("SELECT pg_advisory_unlock(77433833903597)")
        .await
        .unwrap();
    db.ok(&[]);
}

#[tokio::test(flavor = "multi_thread")]
async fn callbacks_run_around_migrations() {
    let db = Db::new().await;
    db.write(
        "beforeMigrate.sql",
        "create table if not exists cb (e text);\ninsert into cb values ('before');\n",
    );
    db.write(
        "afterEachMigrate__log.sql",
        "insert into cb values ('each');\n",
    );
    db.write("afterMigrate.sql", "insert into cb values ('after');\n");
    db.write("V1__a.sql", "select 1;\n");
    db.write("V2__b.sql", "select 2;\n");
    db.ok(&[]);
    let events: Vec<String> = db
        .client
        .query("SELECT e FROM cb", &[])
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(events, vec!["before", "each", "each", "after"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn copy_from_stdin_and_begin_atomic() {
    let db = Db::new().await;
    db.write(
        "V1__data.sql",
        "create table d (id int, name text);\nCOPY d (id, name) FROM stdin;\n1\tit's\n2\t;semi\n\\.\ncreate function two() returns int language sql begin atomic select 1; select 2; end;\n",
    );
    db.ok(&[]);
    assert_eq!(db.scalar_i64("SELECT count(*) FROM d").await, 2);
    let v: i32 = db
        .client
        .query_one("SELECT two()", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(v, 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn group_is_all_or_nothing_and_json_reports() {
    let db = Db::new().await;
    db.write("V1__a.sql", "create table a (id int);\n");
    db.write("V2__b.sql", "create table b (id int);\nselect nope;\n");
    let err = db.fails(&["--group"], 1);
    assert!(err.contains("V2__b.sql failed at line 2"), "{err}");
    assert!(!db.table_exists("a").await, "the whole group rolls back");
    assert!(db.history().await.is_empty());
    db.write("V2__b.sql", "create table b (id int);\n");
    let out = db.ok(&["--group", "--output-format", "json"]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["schema_version_after"], "2");
    assert_eq!(report["applied"].as_array().unwrap().len(), 2);
    assert_eq!(report["applied"][0]["script"], "V1__a.sql");
    let out = db.ok(&["validate", "--output-format", "json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["valid"], true);
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_flyway_shaped_corpus() {
    let db = Db::new().await;
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/migrate/flyway-corpus");
    copy_dir(&fixture, &db.env.work);
    let out = db.ok(&[]);
    assert!(
        stderr(&out).contains("applied 6 migration(s)"),
        "{}",
        stderr(&out)
    );
    let h = db.history_in("schema_history").await;
    let versions: Vec<Option<&str>> = h.iter().map(|r| r.1.as_deref()).collect();
    assert_eq!(
        versions,
        vec![
            Some("000001"),
            Some("000002"),
            Some("000003"),
            Some("202401011200001"),
            None,
            None
        ]
    );
    assert_eq!(h[1].2, "add email column");
    assert_eq!(h[2].2, "index.sql");
    let lf =
        "CREATE TABLE account (id bigint PRIMARY KEY, owner text NOT NULL DEFAULT '${appRole}');\n";
    assert_eq!(h[0].4, Some(dbtool::migrate::checksum::checksum(lf)));
    let script: String = db
        .client
        .query_one(
            "SELECT script FROM schema_history WHERE version = '202401011200001'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(script, "2024/V202401011200001__audit.sql");
    let owner: String = db
        .client
        .query_one("SELECT column_default FROM information_schema.columns WHERE table_name = 'account' AND column_name = 'owner'", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(owner, "'app'::text");
    assert_eq!(
        db.scalar_i64("SELECT count(*) FROM audit WHERE what LIKE 'migrated by %'")
            .await,
        1
    );
    // ${flyway:timestamp} changes the repeatable's checksum: it runs on every migrate.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    db.ok(&[]);
    let h = db.history_in("schema_history").await;
    assert_eq!(h.len(), 7);
    assert_eq!(h[6].2, "refreshed view");
    // A second later the timestamp differs again, so the repeatable is pending
    // (outdated) once more: validate accepts that only with --allow-pending.
    db.ok(&["validate", "--allow-pending"]);
}

/// Deploy-time lint: findings are printed and the run goes on by default (as
/// with Flyway); `--deny-unsafe` or `lint = "refuse"` stops before anything
/// is applied; `--allow-unsafe` overrides the environment.
#[tokio::test]
async fn migrate_lints_pending_migrations_before_applying() {
    let db = Db::new().await;
    db.write(
        "V1__orders.sql",
        "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);\n",
    );
    db.ok(&[]);
    db.write(
        "V2__index.sql",
        "CREATE INDEX orders_customer_idx ON orders (customer_id);\n",
    );

    let err = db.fails(&["--deny-unsafe"], 1);
    assert!(err.contains("require-concurrent-index-creation"), "{err}");
    assert!(err.contains("migrations/V2__index.sql:1:1"), "{err}");
    assert!(
        err.contains("1 lint error in pending migrations; nothing was applied"),
        "{err}"
    );
    assert_eq!(db.history().await.len(), 1, "V2 not applied");

    // An environment marked lint = "refuse" refuses the same way…
    db.env.write(
        "dbtool.toml",
        &format!(
            "[environments.prod]\nurl = \"{}\"\nlint = \"refuse\"\n",
            db.conn.url(true)
        ),
    );
    let out = db
        .env
        .cmd()
        .env_remove("DBTOOL_DATABASE_URL")
        .args(["migrate", "prod"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("nothing was applied"));
    // …unless --allow-unsafe.
    let out = db
        .env
        .cmd()
        .env_remove("DBTOOL_DATABASE_URL")
        .args(["migrate", "prod", "--allow-unsafe"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("require-concurrent-index-creation"),
        "findings still shown"
    );
    assert_eq!(db.history().await.len(), 2);

    // By default (no lint setting): printed, applied anyway.
    db.write(
        "V3__index2.sql",
        "CREATE INDEX orders_id_customer_idx ON orders (id, customer_id);\n",
    );
    let out = db.ok(&[]);
    assert!(
        stderr(&out).contains("require-concurrent-index-creation"),
        "{}",
        stderr(&out)
    );
    assert_eq!(db.history().await.len(), 3);
}

/// Pre-flight: a session holding a lock on the table a migration needs is
/// named before the migration runs (refuse), or waited for (wait).
#[tokio::test]
async fn preflight_names_or_waits_for_blocking_sessions() {
    let db = Db::new().await;
    db.write(
        "V1__t.sql",
        "CREATE TABLE accounts (id bigint PRIMARY KEY);\n",
    );
    db.ok(&[]);
    db.write(
        "V2__col.sql",
        "ALTER TABLE accounts ADD COLUMN note text;\n",
    );

    let blocker = db.conn.connect().await.unwrap();
    blocker
        .batch_execute("SET application_name = 'long-report'; BEGIN; SELECT * FROM accounts;")
        .await
        .unwrap();

    let err = db.fails(&["--preflight", "refuse"], 1);
    assert!(
        err.contains("V2__col.sql: blocked by 1 session(s)"),
        "{err}"
    );
    assert!(err.contains("long-report"), "{err}");
    assert_eq!(db.history().await.len(), 1);

    let started = Instant::now();
    let err = db.fails(
        &["up", "--preflight", "wait", "--preflight-timeout", "1s"],
        1,
    );
    assert!(err.contains("waiting up to 1s for 1 session(s)"), "{err}");
    assert!(err.contains("still blocked after 1s"), "{err}");
    // Item 13: after `--preflight wait` timed out, suggesting it is no help.
    assert!(
        !err.contains("--preflight wait"),
        "the hint must not suggest the mode that just timed out: {err}"
    );
    assert!(err.contains("--preflight-timeout"), "{err}");
    assert!(started.elapsed() >= Duration::from_secs(1));

    // The blocker finishes while dbtool waits: the migration then runs.
    let db_env = db.env.std_cmd();
    let mut cmd = db_env;
    let child = cmd
        .args(["migrate", "--preflight-timeout", "30s"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    blocker.batch_execute("COMMIT").await.unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("waiting up to 30s"),
        "{}",
        stderr(&out)
    );
    assert_eq!(db.history().await.len(), 2);
}

/// Flyway's per-statement callbacks are not run: dbtool says so instead of
/// silently skipping them.
#[tokio::test]
async fn statement_level_callbacks_are_reported_not_skipped_silently() {
    let db = Db::new().await;
    db.write("V1__t.sql", "CREATE TABLE t (id bigint);\n");
    db.write("beforeEachMigrateStatement.sql", "SELECT 1;\n");
    let out = db.ok(&[]);
    assert!(
        stderr(&out).contains(
            "statement-level callbacks are not run by dbtool: beforeEachMigrateStatement.sql"
        ),
        "{}",
        stderr(&out)
    );
}

// ---------------------------------------------------------------------------
// Issue 12: nothing lost, nothing half-done.

impl Db {
    /// `dbtool migrate ARGS` started in the background, output captured.
    fn spawn(&self, args: &[&str]) -> std::process::Child {
        let mut c = self.env.std_cmd();
        c.arg("migrate")
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn dbtool")
    }

    /// Waits (up to 30 s) until another session of this database runs a
    /// request containing `prefix` (a transactional migration is one request).
    async fn wait_for_query(&self, prefix: &str) {
        let started = Instant::now();
        loop {
            let n = self
                .scalar_i64(&format!(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = '{}' AND pid <> pg_backend_pid() AND state = 'active' AND query LIKE '%{}%'",
                    self.conn.dbname,
                    prefix.replace('\'', "''")
                ))
                .await;
            if n > 0 {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "no session ever ran `{prefix}`"
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// How many sessions hold dbtool's (Flyway's) migration lock in this database.
    async fn lock_holders(&self) -> i64 {
        self.scalar_i64(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid::bigint = (77433833903597 >> 32) AND objid::bigint = (77433833903597 & 4294967295) AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        )
        .await
    }

    async fn count(&self, table: &str) -> i64 {
        self.scalar_i64(&format!("SELECT count(*) FROM {table}"))
            .await
    }
}

/// Item 4: a COMMIT in the middle of a transactional migration used to end
/// dbtool's transaction, so the statements after a failure ran in autocommit
/// and a Success row was recorded. Now the file is refused before anything
/// runs, naming the line and the fix; with executeInTransaction=false the
/// same file runs statement by statement and stops at the failure.
#[tokio::test(flavor = "multi_thread")]
async fn commit_mid_file_is_refused_before_anything_runs() {
    let db = Db::new().await;
    db.write("V1__base.sql", "create table base (id int);\n");
    db.write(
        "V2__commit.sql",
        "create table a (id int);\ncommit;\ninsert into a values (1);\nselect 1/0;\ninsert into a values (2);\n",
    );
    let err = db.fails(&[], 2);
    assert!(
        err.contains("V2__commit.sql:2:1: `commit`"),
        "names the file, line and statement: {err}"
    );
    assert!(
        err.contains("executeInTransaction=false") && err.contains("split"),
        "says how to fix it: {err}"
    );
    assert!(!db.table_exists("a").await, "nothing of V2 ran");
    assert!(
        !db.table_exists("base").await,
        "refused before anything runs, V1 included"
    );
    assert!(
        !db.table_exists("flyway_schema_history").await,
        "not even the history table is created"
    );
    // Other transaction control in the middle: ROLLBACK, END, PREPARE TRANSACTION.
    for ctl in [
        "rollback",
        "END",
        "prepare transaction 'x'",
        "abort",
        "begin",
    ] {
        db.write(
            "V2__commit.sql",
            &format!("create table a (id int);\n{ctl};\ninsert into a values (1);\n"),
        );
        let err = db.fails(&[], 2);
        assert!(err.contains("V2__commit.sql:2:1"), "{ctl}: {err}");
    }
    // Outside a transaction the user's COMMIT is theirs, and the run stops
    // at the failing statement: row 2 is never inserted.
    db.write(
        "V2__commit.sql",
        "create table a (id int);\ncommit;\ninsert into a values (1);\nselect 1/0;\ninsert into a values (2);\n",
    );
    db.write("V2__commit.sql.conf", "executeInTransaction=false\n");
    let err = db.fails(&[], 1);
    assert!(err.contains("division by zero"), "{err}");
    let rows: Vec<i32> = db
        .client
        .query("SELECT id FROM a ORDER BY id", &[])
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(rows, vec![1], "statements after the failed one never run");
    let h = db.history().await;
    assert_eq!(
        (h[1].1.as_deref(), h[1].5),
        (Some("2"), false),
        "a failed row, not Success: {h:?}"
    );
}

/// Item 4: files wrapped in BEGIN; … COMMIT; (as real Flyway corpora are)
/// run as the migration's own transaction with the history row inside it.
/// A failure inside leaves nothing, and statements after a failed one never
/// run, not even after a ROLLBACK TO SAVEPOINT.
#[tokio::test(flavor = "multi_thread")]
async fn begin_commit_wrapped_files_run_as_one_transaction() {
    let db = Db::new().await;
    db.write(
        "V1__wrapped.sql",
        "-- wrapped like in the corpus\nBEGIN;\ncreate table w (id int, iso text);\ninsert into w values (1, current_setting('transaction_isolation'));\nCOMMIT;\n",
    );
    db.write(
        "V2__serializable.sql",
        "BEGIN ISOLATION LEVEL SERIALIZABLE;\ninsert into w values (2, current_setting('transaction_isolation'));\nEND;\n",
    );
    let out = db.ok(&[]);
    assert!(
        !stderr(&out).contains("WARNING"),
        "no nested-transaction warnings: {}",
        stderr(&out)
    );
    let h = db.history().await;
    assert_eq!(h.len(), 2, "{h:?}");
    assert!(h.iter().all(|r| r.5));
    let iso: Vec<(i32, String)> = db
        .client
        .query("SELECT id, iso FROM w ORDER BY id", &[])
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert_eq!(
        iso,
        vec![(1, "read committed".into()), (2, "serializable".into())],
        "the file's own BEGIN options apply to the migration's transaction"
    );

    // A failure inside a wrapped file: nothing applied, no history row.
    db.write(
        "V3__wrapped_bad.sql",
        "BEGIN;\ninsert into w values (3, 'x');\nselect 1/0;\ninsert into w values (4, 'x');\nCOMMIT;\n",
    );
    let err = db.fails(&[], 1);
    assert!(
        err.contains("V3__wrapped_bad.sql failed at line 3"),
        "{err}"
    );
    assert!(err.contains("nothing was applied"), "{err}");
    assert_eq!(db.count("w").await, 2, "rows 3 and 4 are not there");
    assert_eq!(db.history().await.len(), 2);

    // ROLLBACK TO SAVEPOINT after the failing statement must not revive the
    // transaction: the statements after a failure never run.
    db.write(
        "V3__wrapped_bad.sql",
        "insert into w values (5, 'x');\nsavepoint s;\nselect 1/0;\nrollback to savepoint s;\ninsert into w values (6, 'x');\n",
    );
    let err = db.fails(&[], 1);
    assert!(
        err.contains("V3__wrapped_bad.sql failed at line 3"),
        "{err}"
    );
    assert_eq!(db.count("w").await, 2, "rows 5 and 6 are not there");
    assert_eq!(db.history().await.len(), 2, "no row for V3");
}

/// Item 5: the lock session killed (pg_terminate_backend) while a
/// transactional migration runs: the migration is rolled back instead of
/// being recorded without the lock, and the run stops.
#[tokio::test(flavor = "multi_thread")]
async fn losing_the_lock_session_stops_a_transactional_run() {
    let db = Db::new().await;
    db.write("V1__a.sql", "create table a (id int);\n");
    db.write(
        "V2__slow.sql",
        "create table slow (id int);\nselect pg_sleep(2);\n",
    );
    db.write("V3__three.sql", "create table three (id int);\n");
    let child = db.spawn(&[]);
    db.wait_for_query("select pg_sleep(2)").await;
    let killed = db
        .scalar_i64(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid::bigint = (77433833903597 & 4294967295) AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        )
        .await;
    assert_eq!(killed, 1, "the lock session was found");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("lost the migration lock"), "{err}");
    assert!(err.contains("V2__slow.sql"), "{err}");
    assert!(!db.table_exists("slow").await, "V2 was rolled back");
    assert!(!db.table_exists("three").await, "V3 never ran");
    let h = db.history().await;
    assert_eq!(h.len(), 1, "{h:?}");
    // The next run applies the rest.
    db.ok(&[]);
    assert_eq!(db.history().await.len(), 3);
}

/// Item 5: the same during a non-transactional migration: its row stays
/// `success = false` (the statements ran, but without the lock nothing says
/// no other runner interfered) instead of being marked successful.
#[tokio::test(flavor = "multi_thread")]
async fn losing_the_lock_session_during_a_non_transactional_migration() {
    let db = Db::new().await;
    db.write("V1__a.sql", "create table a (id int);\n");
    db.write("V2__slow.sql", "select pg_sleep(2);\n");
    db.write("V2__slow.sql.conf", "executeInTransaction=false\n");
    db.write("V3__three.sql", "create table three (id int);\n");
    let child = db.spawn(&[]);
    db.wait_for_query("select pg_sleep(2)").await;
    db.scalar_i64(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid::bigint = (77433833903597 & 4294967295) AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
    )
    .await;
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("lost the migration lock"),
        "{}",
        stderr(&out)
    );
    let h = db.history().await;
    assert_eq!(h.len(), 2, "{h:?}");
    assert_eq!((h[1].1.as_deref(), h[1].5), (Some("2"), false), "{h:?}");
    assert!(!db.table_exists("three").await);
}

/// Item 5: `idle_session_timeout` on the database must not end the idle
/// lock session while a long migration runs on the other session.
#[tokio::test(flavor = "multi_thread")]
async fn idle_session_timeout_does_not_end_the_lock_session() {
    let db = Db::new().await;
    // A database default, set by the server's administrator.
    let admin = crate::testkit::admin().unwrap().connect().await.unwrap();
    admin
        .batch_execute(&format!(
            "ALTER DATABASE \"{}\" SET idle_session_timeout = '500ms'; ALTER DATABASE \"{}\" SET idle_in_transaction_session_timeout = '500ms'",
            db.conn.dbname, db.conn.dbname
        ))
        .await
        .unwrap();
    db.write("V1__slow.sql", "select pg_sleep(2.5);\n");
    let child = db.spawn(&[]);
    db.wait_for_query("select pg_sleep(2.5)").await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        db.lock_holders().await,
        1,
        "the lock is still held while the migration runs"
    );
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(db.history().await.len(), 1);
}

/// Item 6: a CREATE INDEX CONCURRENTLY killed half-way leaves an INVALID
/// index; after repair, the rerun's IF NOT EXISTS skips it. That must not
/// be recorded as Success: the invalid index is reported with the fix
/// before the migration runs.
#[tokio::test(flavor = "multi_thread")]
async fn invalid_index_left_by_a_killed_build_is_not_success() {
    let db = Db::new().await;
    db.write("V1__t.sql", "create table t (id int, x int);\n");
    db.ok(&[]);
    db.write(
        "V2__idx.sql",
        "create index concurrently if not exists t_x on t (x);\n",
    );
    // A writer keeps the build waiting; dbtool is killed meanwhile.
    let writer = db.conn.connect().await.unwrap();
    writer
        .batch_execute("BEGIN; INSERT INTO t VALUES (1, 1);")
        .await
        .unwrap();
    let mut child = db.spawn(&["--preflight", "off"]);
    db.wait_for_query("create index concurrently").await;
    child.kill().unwrap();
    child.wait().unwrap();
    // The server notices the dead client (client_connection_check_interval).
    let started = Instant::now();
    while db
        .scalar_i64(&format!("SELECT count(*) FROM pg_stat_activity WHERE datname = '{}' AND query LIKE 'create index concurrently%'", db.conn.dbname))
        .await
        > 0
    {
        assert!(started.elapsed() < Duration::from_secs(30));
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    writer.batch_execute("COMMIT").await.unwrap();
    assert_eq!(
        db.scalar_i64(
            "SELECT count(*) FROM pg_index WHERE indexrelid = 't_x'::regclass AND NOT indisvalid"
        )
        .await,
        1,
        "the killed build left an invalid index"
    );
    db.ok(&["repair"]);
    let err = db.fails(&[], 1);
    assert!(err.contains("INVALID"), "{err}");
    assert!(err.contains("t_x"), "{err}");
    assert!(
        err.contains("DROP INDEX CONCURRENTLY") && err.contains("REINDEX INDEX CONCURRENTLY"),
        "names both fixes: {err}"
    );
    let h = db.history().await;
    assert!(
        !h.iter().any(|r| r.1.as_deref() == Some("2") && r.5),
        "V2 is not recorded as Success: {h:?}"
    );
    // The fix works.
    db.client
        .batch_execute("DROP INDEX CONCURRENTLY t_x")
        .await
        .unwrap();
    db.ok(&["repair"]);
    db.ok(&[]);
    assert_eq!(
        db.scalar_i64(
            "SELECT count(*) FROM pg_index WHERE indexrelid = 't_x'::regclass AND indisvalid"
        )
        .await,
        1
    );
}

/// Item 6: after a non-transactional migration, an index it names that is
/// left INVALID fails the migration (row stays success = false).
#[tokio::test(flavor = "multi_thread")]
async fn non_transactional_migration_leaving_an_invalid_index_fails() {
    let db = Db::new().await;
    db.write("V1__t.sql", "create table t (id int, x int);\n");
    // What a build the server aborted leaves behind, simulated (superuser).
    db.write(
        "V2__idx.sql",
        "create index concurrently if not exists t_x on t (x);\nupdate pg_index set indisvalid = false where indexrelid = 't_x'::regclass;\n",
    );
    db.write("V2__idx.sql.conf", "executeInTransaction=false\n");
    let err = db.fails(&[], 1);
    assert!(err.contains("INVALID"), "{err}");
    assert!(err.contains("t_x"), "{err}");
    let h = db.history().await;
    assert_eq!((h[1].1.as_deref(), h[1].5), (Some("2"), false), "{h:?}");
}

/// Item 7: eight runners on a fresh database, several trials: every runner
/// succeeds (the others wait for the lock, then find nothing to do), each
/// migration is applied exactly once.
#[tokio::test(flavor = "multi_thread")]
async fn eight_concurrent_runners_on_a_fresh_database() {
    for trial in 0..3 {
        let db = Db::new().await;
        db.write("V1__log.sql", "create table log (v int);\n");
        db.write(
            "V2__slow.sql",
            "insert into log values (2);\nselect pg_sleep(0.8);\n",
        );
        db.write("V2__slow.sql.conf", "executeInTransaction=false\n");
        db.write("V3__more.sql", "insert into log values (3);\n");
        db.write(
            "R__view.sql",
            "create or replace view vlog as select * from log;\n",
        );
        // Four start together on the empty database, four more while the
        // first is inside the non-transactional V2.
        let mut children: Vec<_> = (0..4).map(|_| db.spawn(&["--lock-wait", "60s"])).collect();
        for _ in 0..4 {
            tokio::time::sleep(Duration::from_millis(200)).await;
            children.push(db.spawn(&["--lock-wait", "60s"]));
        }
        for ch in children {
            let out = ch.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "trial {trial}: a runner failed:\n{}",
                stderr(&out)
            );
        }
        assert_eq!(db.count("log").await, 2, "trial {trial}");
        let h = db.history().await;
        assert_eq!(h.len(), 4, "trial {trial}: {h:?}");
        assert!(h.iter().all(|r| r.5), "trial {trial}: {h:?}");
    }
}

/// Item 7: runner B started while A is inside a long non-transactional
/// migration waits for the lock and then reports what it found, instead of
/// failing on A's in-progress (success = false) row.
#[tokio::test(flavor = "multi_thread")]
async fn a_second_runner_waits_for_a_long_non_transactional_migration() {
    let db = Db::new().await;
    db.write("V1__t.sql", "create table t (id int);\n");
    db.write("V2__long.sql", "select pg_sleep(2);\n");
    db.write("V2__long.sql.conf", "executeInTransaction=false\n");
    let a = db.spawn(&[]);
    db.wait_for_query("select pg_sleep(2)").await;
    let b = db.spawn(&["--lock-wait", "60s"]);
    let out_b = b.wait_with_output().unwrap();
    let out_a = a.wait_with_output().unwrap();
    assert!(out_a.status.success(), "A: {}", stderr(&out_a));
    assert!(out_b.status.success(), "B: {}", stderr(&out_b));
    let err_b = stderr(&out_b);
    assert!(
        err_b.contains("Waiting for the migration lock"),
        "B says it waits: {err_b}"
    );
    assert!(
        err_b.contains("up to date"),
        "B reports what it found: {err_b}"
    );
    let h = db.history().await;
    assert_eq!(h.len(), 2);
    assert!(h.iter().all(|r| r.5));
}

/// Item 11: a secret placeholder (name with password/secret/token/key, or
/// listed in secret_placeholders) never appears in errors, dry runs or the
/// server's own error text; it is shown as `<placeholder name>`.
#[tokio::test(flavor = "multi_thread")]
async fn secret_placeholders_are_never_shown() {
    let db = Db::new().await;
    let secret = "s3cr3t-Value-42";
    let other = "0ther-Hidden-7";
    db.write(
        "V1__role.sql",
        "create table t (id int);\nALTER ROLE no_such_role PASSWORD '${api_db_password}';\n",
    );
    db.env.write(
        "dbtool.toml",
        "[migrate]\nsecret_placeholders = [\"app_pw\"]\n",
    );
    let run = |args: &[&str]| {
        let mut c = db.env.cmd();
        c.arg("migrate")
            .args(args)
            .env("FLYWAY_PLACEHOLDERS_API_DB_PASSWORD", secret)
            .env("FLYWAY_PLACEHOLDERS_APP_PW", other);
        c.output().unwrap()
    };
    let out = run(&["-v"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(!all.contains(secret), "the secret leaked: {all}");
    assert!(
        all.contains("PASSWORD '<placeholder api_db_password>'"),
        "the statement is shown redacted: {all}"
    );
    // The server repeats the value in its own message.
    db.write("V1__role.sql", "select '${app_pw}'::int;\n");
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(!all.contains(other), "the secret leaked: {all}");
    assert!(all.contains("<placeholder app_pw>"), "{all}");
    // Dry run (text and JSON).
    db.write(
        "V1__role.sql",
        "ALTER ROLE no_such_role PASSWORD '${api_db_password}';\nselect '${app_pw}';\n",
    );
    for args in [
        &["--dry-run"][..],
        &["--dry-run", "--output-format", "json"][..],
    ] {
        let out = run(args);
        assert!(out.status.success(), "{}", stderr(&out));
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert!(!all.contains(secret) && !all.contains(other), "{all}");
        assert!(all.contains("<placeholder api_db_password>"), "{all}");
        assert!(all.contains("<placeholder app_pw>"), "{all}");
    }
}

/// Item 11: info, validate and clean read no placeholder values: an
/// undefined placeholder in an applied file is no error for them.
#[tokio::test(flavor = "multi_thread")]
async fn info_validate_and_clean_need_no_placeholder_values() {
    let db = Db::new().await;
    db.write(
        "V1__a.sql",
        "create table a (pw text default '${api_token}');\n",
    );
    db.write(
        "R__v.sql",
        "create or replace view v as select '${who}' as who;\n",
    );
    let mut c = db.env.cmd();
    let out = c
        .args(["migrate", "--placeholder", "who=me"])
        .env("FLYWAY_PLACEHOLDERS_API_TOKEN", "tok-123")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // No values now.
    let info = db.info_json();
    assert_eq!(
        states(&info),
        vec![s("1", "Success"), s("", "Success")],
        "{info:?}"
    );
    db.ok(&["validate"]);
    // migrate itself still needs them (for the repeatable's checksum).
    let err = db.fails(&[], 2);
    assert!(err.contains("no value for placeholder `${who}`"), "{err}");
    db.ok(&["clean", "--allow-clean", "--yes"]);
    assert!(!db.table_exists("a").await);
}

/// Item 12: --lock-timeout outside PostgreSQL's range (1 ms to INT_MAX ms,
/// about 24.8 days; 0 = off) is a usage error naming the flag or the key,
/// never a silent `0ms` or a runtime error.
#[tokio::test(flavor = "multi_thread")]
async fn lock_timeout_out_of_range_is_a_usage_error() {
    let db = Db::new().await;
    db.write("V1__a.sql", "create table a (id int);\n");
    for bad in ["25d", "2147483648ms", "500us", "1ns"] {
        let err = db.fails(&["--lock-timeout", bad, "--dry-run"], 2);
        assert!(err.contains("--lock-timeout"), "{bad}: {err}");
        assert!(
            err.contains("1ms") && err.contains("24d"),
            "{bad}: names the range: {err}"
        );
    }
    let out = db.ok(&["--lock-timeout", "2147483647ms", "--dry-run"]);
    assert!(stdout(&out).contains("SET LOCAL lock_timeout = '2147483647ms'"));
    let out = db.ok(&["--lock-timeout", "0", "--dry-run"]);
    assert!(stdout(&out).contains("SET LOCAL lock_timeout = '0ms'"));
    db.env
        .write("dbtool.toml", "[migrate]\nlock_timeout = \"30d\"\n");
    let err = db.fails(&["--dry-run"], 2);
    assert!(err.contains("dbtool.toml:2"), "{err}");
    assert!(err.contains("lock_timeout"), "{err}");
    db.env
        .write("dbtool.toml", "[migrate]\nlock_timeout = \"100us\"\n");
    let err = db.fails(&["--dry-run"], 2);
    assert!(err.contains("dbtool.toml:2"), "{err}");
    assert!(!db.table_exists("flyway_schema_history").await);
}

/// Item 16: a wrong-case suffix and similar near-misses are reported, not
/// skipped silently.
#[tokio::test(flavor = "multi_thread")]
async fn near_miss_suffixes_are_reported() {
    let db = Db::new().await;
    db.write("V1__ok.sql", "select 1;\n");
    db.write("V2__x.SQL", "select 2;\n");
    db.write("V3__y.sql ", "select 3;\n");
    db.write("R__z.Sql", "select 4;\n");
    db.write("V1__ok.sql.conf", "executeInTransaction=true\n");
    db.write("notes.txt", "not sql at all\n");
    let out = db.ok(&[]);
    let err = stderr(&out);
    for f in ["V2__x.SQL", "V3__y.sql ", "R__z.Sql"] {
        assert!(
            err.contains(&format!("{f} (not a migration: suffix must be .sql")),
            "{f}: {err}"
        );
    }
    assert!(!err.contains("notes.txt"), "{err}");
    assert!(!err.contains("V1__ok.sql.conf"), "{err}");
    let err = db.fails(&["--validate-migration-naming"], 2);
    assert!(err.contains("V2__x.SQL"), "{err}");
}

/// `migrate drift` finds nothing after applying the Flyway-shaped corpus
/// (placeholders, a nested location, repeatables, a callback).
#[tokio::test(flavor = "multi_thread")]
async fn drift_is_clean_after_applying_the_corpus() {
    let db = Db::new().await;
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/migrate/flyway-corpus");
    copy_dir(&fixture, &db.env.work);
    db.ok(&[]);
    // R__refreshed_view builds a view from ${flyway:timestamp}: it differs
    // by construction (drift reports it), so it is left out here.
    let out = db.run(&["drift"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("~ view public.refreshed"),
        "{}",
        stdout(&out)
    );
    let out = db.run(&["drift", "--ignore", "view:public.refreshed"]);
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    assert!(stderr(&out).contains("no drift"), "{}", stderr(&out));
}
