//! `dbtool roles plan|apply|check` through the binary on a real PostgreSQL:
//! the worked example of docs/roles.md applied as written, drift, pruning,
//! confirmations and passwords. Roles are cluster-wide and tests share one
//! cluster, so each test names its roles with a unique suffix and drops them.

use std::process::Output;

use dbtool::pg::ConnInfo;

use crate::common::{stderr, stdout, TestEnv};

/// A fresh database, and a superuser connection to it.
struct Db {
    conn: ConnInfo,
    admin: tokio_postgres::Client,
}

impl Db {
    async fn fresh() -> Db {
        let conn = crate::testkit::fresh_database()
            .await
            .expect("test database");
        let admin = conn.connect().await.expect("connect as admin");
        Db { conn, admin }
    }

    fn url(&self) -> String {
        self.conn.url(true)
    }

    /// Connects as `user` with `password`.
    async fn connect_as(&self, user: &str, password: &str) -> tokio_postgres::Client {
        let c = ConnInfo {
            user: user.into(),
            password: Some(password.into()),
            ..self.conn.clone()
        };
        c.connect()
            .await
            .unwrap_or_else(|e| panic!("connect as {user}: {e:#}"))
    }

    async fn role_exists(&self, role: &str) -> bool {
        self.admin
            .query_opt("SELECT 1 FROM pg_roles WHERE rolname = $1", &[&role])
            .await
            .unwrap()
            .is_some()
    }

    /// Drops the database, then the roles (which then hold nothing).
    async fn cleanup(self, roles: &[&str]) {
        let Db { conn, admin } = self;
        drop(admin);
        let server = conn.with_dbname("postgres").connect().await.unwrap();
        let db = dbtool::roles::sql::quote_ident(&conn.dbname);
        let _ = server
            .batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"))
            .await;
        for r in roles {
            let _ = server
                .batch_execute(&format!(
                    "DROP ROLE IF EXISTS {}",
                    dbtool::roles::sql::quote_ident(r)
                ))
                .await;
        }
    }
}

/// A short unique suffix for role names.
fn suffix() -> String {
    format!("{}_{}", std::process::id(), rand::random::<u32>())
}

fn run(env: &TestEnv, db: &Db, args: &[&str]) -> Output {
    let mut cmd = env.cmd();
    cmd.args(["roles"]).args(args).args(["--url", &db.url()]);
    cmd.output().unwrap()
}

/// The first ```toml block of docs/roles.md.
fn doc_example() -> String {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/roles.md")).unwrap();
    let start = doc
        .find("```toml\n")
        .expect("a ```toml block in docs/roles.md")
        + "```toml\n".len();
    let len = doc[start..].find("```").unwrap();
    doc[start..start + len].to_string()
}

fn assert_no_secret(outputs: &[&Output], secrets: &[&str]) {
    for o in outputs {
        for s in secrets {
            assert!(
                !stdout(o).contains(s) && !stderr(o).contains(s),
                "a password was printed:\n{}\n{}",
                stdout(o),
                stderr(o)
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn worked_example_applies_idempotently_and_detects_drift() {
    let db = Db::fresh().await;
    // The example's role names are fixed and roles are cluster-wide: one test
    // process at a time uses them (test processes may share a server).
    let lock = db.conn.with_dbname("postgres").connect().await.unwrap();
    lock.execute("SELECT pg_advisory_lock(7260601)", &[])
        .await
        .unwrap();
    let (pw_ro, pw_write, pw_app) = ("ro-Secret-91f2", "write-Secret-7c1e", "app-Secret-e5d0");
    let env = TestEnv::new()
        .env("DBTOOL_PASSWORD_READONLY", pw_ro)
        .env("DBTOOL_PASSWORD_WRITE", pw_write)
        .env("DBTOOL_PASSWORD_APP", pw_app);
    env.write("dbtool.toml", &doc_example());
    let mut outputs = Vec::new();

    let plan = run(&env, &db, &["plan"]);
    assert_eq!(plan.status.code(), Some(0), "{}", stderr(&plan));
    let sql = stdout(&plan);
    assert!(
        sql.contains("CREATE ROLE app LOGIN PASSWORD <from $DBTOOL_PASSWORD_APP>;"),
        "{sql}"
    );
    assert!(sql.contains("CREATE ROLE app_owner NOLOGIN;"), "{sql}");
    assert!(
        sql.contains("ALTER SCHEMA public OWNER TO app_owner;"),
        "{sql}"
    );
    assert!(
        sql.contains("ALTER ROLE write SET role = 'app_owner';"),
        "{sql}"
    );

    let json = env
        .cmd()
        .args([
            "--output-format",
            "json",
            "roles",
            "plan",
            "--url",
            &db.url(),
        ])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).expect("one JSON document");
    assert_eq!(doc["in_sync"], false);
    assert!(
        doc["changes"][0]["sql"]
            .as_str()
            .unwrap()
            .starts_with("CREATE ROLE"),
        "{doc}"
    );

    let apply = run(&env, &db, &["apply", "--yes"]);
    assert_eq!(apply.status.code(), Some(0), "{}", stderr(&apply));
    assert!(
        stderr(&apply).contains("in one transaction"),
        "{}",
        stderr(&apply)
    );

    // The second run has nothing to do.
    let again = run(&env, &db, &["apply", "--yes"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(stdout(&again), "", "second apply planned something");
    let plan2 = run(&env, &db, &["plan"]);
    assert_eq!(stdout(&plan2), "");
    let check = run(&env, &db, &["check"]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}\n{}",
        stdout(&check),
        stderr(&check)
    );

    // The app logs in, becomes app_owner, and creates a table: readonly can read it.
    let app = db.connect_as("app", pw_app).await;
    let who: String = app
        .query_one("SELECT current_user::text", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(who, "app_owner");
    app.batch_execute("CREATE TABLE items (id bigserial PRIMARY KEY, name text); INSERT INTO items (name) VALUES ('a')")
        .await
        .unwrap();
    let owner: String = db
        .admin
        .query_one(
            "SELECT tableowner::text FROM pg_tables WHERE tablename = 'items'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(owner, "app_owner");
    let ro = db.connect_as("readonly", pw_ro).await;
    let n: i64 = ro
        .query_one("SELECT count(*) FROM items", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(n, 1);
    let err = ro
        .batch_execute("INSERT INTO items (name) VALUES ('b')")
        .await
        .unwrap_err();
    assert_eq!(
        err.code(),
        Some(&tokio_postgres::error::SqlState::INSUFFICIENT_PRIVILEGE),
        "{err}"
    );
    assert!(
        err.as_db_error()
            .unwrap()
            .message()
            .contains("permission denied"),
        "{err}"
    );
    let write = db.connect_as("write", pw_write).await;
    write
        .batch_execute("INSERT INTO items (name) VALUES ('w')")
        .await
        .unwrap();
    drop((app, ro, write));

    // Default privileges covered the new table and its sequence: still in sync.
    let check = run(&env, &db, &["check"]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}\n{}",
        stdout(&check),
        stderr(&check)
    );

    // A manual GRANT outside the configuration is drift; apply revokes it.
    db.admin
        .batch_execute("GRANT INSERT ON items TO readonly")
        .await
        .unwrap();
    let drift = run(&env, &db, &["check"]);
    assert_eq!(drift.status.code(), Some(1), "{}", stderr(&drift));
    assert!(
        stdout(&drift).contains("`readonly` has INSERT on `public.items`, not declared"),
        "{}",
        stdout(&drift)
    );
    assert!(
        stdout(&drift).contains("REVOKE INSERT ON TABLE public.items FROM readonly;"),
        "{}",
        stdout(&drift)
    );
    let json = env
        .cmd()
        .args([
            "--output-format",
            "json",
            "roles",
            "check",
            "--url",
            &db.url(),
        ])
        .output()
        .unwrap();
    assert_eq!(json.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["changes"][0]["kind"], "revoke", "{doc}");
    let fix = run(&env, &db, &["apply", "--yes"]);
    assert_eq!(fix.status.code(), Some(0), "{}", stderr(&fix));
    assert_eq!(
        stdout(&fix).trim(),
        "REVOKE INSERT ON TABLE public.items FROM readonly;"
    );
    let check = run(&env, &db, &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));

    // Objects created by someone else are handed to app_owner; many at once
    // get one schema-wide grant per role.
    db.admin
        .batch_execute(
            "CREATE TABLE a (x int); CREATE TABLE b (x int); CREATE VIEW v AS SELECT * FROM a; \
             CREATE MATERIALIZED VIEW m AS SELECT * FROM b",
        )
        .await
        .unwrap();
    let handover = run(&env, &db, &["apply", "--yes"]);
    assert_eq!(handover.status.code(), Some(0), "{}", stderr(&handover));
    let sql = stdout(&handover);
    for line in [
        "ALTER TABLE public.a OWNER TO app_owner;",
        "ALTER VIEW public.v OWNER TO app_owner;",
        "ALTER MATERIALIZED VIEW public.m OWNER TO app_owner;",
        "GRANT SELECT ON ALL TABLES IN SCHEMA public TO readonly;",
    ] {
        assert!(sql.contains(line), "{line} missing from:\n{sql}");
    }
    let check = run(&env, &db, &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));

    outputs.extend([
        &plan, &json, &apply, &again, &plan2, &check, &drift, &fix, &handover,
    ]);
    assert_no_secret(&outputs, &[pw_ro, pw_write, pw_app]);
    db.cleanup(&["readonly", "write", "app", "app_owner"]).await;
    drop(lock);
}

#[tokio::test(flavor = "multi_thread")]
async fn changed_password_is_detected_where_the_server_checks_passwords() {
    let db = Db::fresh().await;
    let s = suffix();
    let user = format!("pwuser_{s}");
    let env = TestEnv::new()
        .env("PW_OLD", "first-Secret-1")
        .env("PW_NEW", "second-Secret-2");
    env.write(
        "dbtool.toml",
        &format!("[roles.{user}]\npassword_env = \"PW_OLD\"\n"),
    );
    let apply = run(&env, &db, &["apply", "--yes"]);
    assert_eq!(apply.status.code(), Some(0), "{}", stderr(&apply));
    assert!(db.role_exists(&user).await);

    // A server that trusts every login cannot tell passwords apart.
    let trusting = ConnInfo {
        user: user.clone(),
        password: Some("wrong".into()),
        ..db.conn.clone()
    }
    .connect()
    .await
    .is_ok();
    env.write(
        "dbtool.toml",
        &format!("[roles.{user}]\npassword_env = \"PW_NEW\"\n"),
    );
    let plan = run(&env, &db, &["plan"]);
    assert_eq!(plan.status.code(), Some(0), "{}", stderr(&plan));
    if trusting {
        assert_eq!(stdout(&plan), "");
    } else {
        assert_eq!(
            stdout(&plan).trim(),
            format!("ALTER ROLE {user} PASSWORD <from $PW_NEW>;")
        );
        let apply2 = run(&env, &db, &["apply", "--yes"]);
        assert_eq!(apply2.status.code(), Some(0), "{}", stderr(&apply2));
        db.connect_as(&user, "second-Secret-2").await;
        assert_eq!(stdout(&run(&env, &db, &["plan"])), "");
        assert_no_secret(&[&apply2], &["first-Secret-1", "second-Secret-2"]);
    }
    let forced = run(&env, &db, &["apply", "--yes", "--set-passwords"]);
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert_eq!(
        stdout(&forced).trim(),
        format!("ALTER ROLE {user} PASSWORD <from $PW_NEW>;")
    );
    assert_no_secret(
        &[&apply, &plan, &forced],
        &["first-Secret-1", "second-Secret-2"],
    );
    db.cleanup(&[&user]).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn undeclared_roles_are_reported_and_dropped_only_with_prune() {
    let db = Db::fresh().await;
    let s = suffix();
    let (own, ro, extra, elsewhere) = (
        format!("own_{s}"),
        format!("ro_{s}"),
        format!("extra_{s}"),
        format!("elsewhere_{s}"),
    );
    let env = TestEnv::new();
    env.write(
        "dbtool.toml",
        &format!("[roles.{own}]\nlogin = false\nschemas = {{ public = \"owner\" }}\n\n[roles.{ro}]\nschemas = {{ public = \"readonly\" }}\n"),
    );
    let apply = run(&env, &db, &["apply", "--yes"]);
    assert_eq!(apply.status.code(), Some(0), "{}", stderr(&apply));
    db.admin
        .batch_execute(&format!(
            "SET ROLE {own}; CREATE TABLE t (x int); RESET ROLE; \
             CREATE ROLE {extra} LOGIN; GRANT SELECT ON t TO {extra}; GRANT {ro} TO {extra}; \
             CREATE ROLE {elsewhere} LOGIN"
        ))
        .await
        .unwrap();

    let plan = run(&env, &db, &["plan"]);
    assert_eq!(plan.status.code(), Some(0), "{}", stderr(&plan));
    assert_eq!(
        stdout(&plan),
        "",
        "undeclared roles are not changed without --prune"
    );
    assert!(
        stderr(&plan).contains(&format!("role `{extra}` is not declared")),
        "{}",
        stderr(&plan)
    );
    assert!(
        !stderr(&plan).contains(&elsewhere),
        "a role without access here is not reported: {}",
        stderr(&plan)
    );
    let check = run(&env, &db, &["check"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stdout(&check).contains(&format!(
            "role `{extra}` is not declared (member of `{ro}`; SELECT on `public.t`)"
        )),
        "{}",
        stdout(&check)
    );
    let apply = run(&env, &db, &["apply", "--yes"]);
    assert_eq!(apply.status.code(), Some(0), "{}", stderr(&apply));
    assert!(db.role_exists(&extra).await, "dropped without --prune");

    let pruned = run(&env, &db, &["apply", "--prune", "--yes"]);
    assert_eq!(pruned.status.code(), Some(0), "{}", stderr(&pruned));
    assert!(
        stdout(&pruned).contains(&format!("DROP ROLE {extra};")),
        "{}",
        stdout(&pruned)
    );
    assert!(!db.role_exists(&extra).await);
    assert!(
        db.role_exists(&elsewhere).await,
        "roles without access here are never pruned"
    );
    assert_eq!(run(&env, &db, &["check"]).status.code(), Some(0));
    db.cleanup(&[&own, &ro, &extra, &elsewhere]).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn apply_without_a_terminal_needs_yes_and_passwords() {
    let db = Db::fresh().await;
    let user = format!("refused_{}", suffix());
    let env = TestEnv::new().env("DBTOOL_FORCE_NONINTERACTIVE", "1");
    env.write(
        "dbtool.toml",
        &format!("[roles.{user}]\npassword_env = \"PW_UNSET_{}\"\n", suffix()),
    );
    // A production environment asks, and without a terminal refuses without --yes.
    env.write(
        "dbtool.toml",
        &format!(
            "[environments.prod]\nurl = \"{}\"\nproduction = true\n[roles.{user}]\npassword_env = \"PW_UNSET_{}\"\n",
            db.url(),
            suffix()
        ),
    );
    let out = env.cmd().args(["roles", "apply", "prod"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("pass --yes"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("`prod` is a production environment: apply 1 change(s) to prod · "),
        "{}",
        stderr(&out)
    );
    assert!(!db.role_exists(&user).await);
    env.write(
        "dbtool.toml",
        &format!("[roles.{user}]\npassword_env = \"PW_UNSET_{}\"\n", suffix()),
    );

    let out = run(&env, &db, &["apply", "--yes"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("is not set"), "{}", stderr(&out));
    assert!(!db.role_exists(&user).await);

    let out = run(&env, &db, &["apply", "--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(&format!(
            "CREATE ROLE {user} LOGIN PASSWORD <from $PW_UNSET_"
        )),
        "{}",
        stdout(&out)
    );
    assert!(!db.role_exists(&user).await);
    db.cleanup(&[&user]).await;
}

#[test]
fn config_errors_are_usage_errors() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "roles",
            "plan",
            "--url",
            "postgresql://nobody@127.0.0.1:1/x",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("declares no roles"),
        "{}",
        stderr(&out)
    );

    env.write("dbtool.toml", "[roles.a]\nschemas = { public = \"owner\" }\n[roles.b]\nschemas = { public = \"owner\" }\n");
    let out = env
        .cmd()
        .args([
            "roles",
            "check",
            "--url",
            "postgresql://nobody@127.0.0.1:1/x",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("two owners"), "{}", stderr(&out));
}

/// Like the RDS master user: CREATEROLE, owner of the database, not a superuser.
#[tokio::test(flavor = "multi_thread")]
async fn works_as_a_non_superuser_admin_like_on_rds() {
    let db = Db::fresh().await;
    let s = suffix();
    let (master, own, app, ro) = (
        format!("master_{s}"),
        format!("own_{s}"),
        format!("app_{s}"),
        format!("ro_{s}"),
    );
    db.admin
        .batch_execute(&format!(
            "CREATE ROLE {master} LOGIN CREATEROLE PASSWORD 'master-pw'; ALTER DATABASE {} OWNER TO {master}",
            dbtool::roles::sql::quote_ident(&db.conn.dbname)
        ))
        .await
        .unwrap();
    let as_master = ConnInfo {
        user: master.clone(),
        password: Some("master-pw".into()),
        ..db.conn.clone()
    };
    let env = TestEnv::new()
        .env("PW_APP", "app-pw-1")
        .env("PW_RO", "ro-pw-1");
    env.write(
        "dbtool.toml",
        &format!(
            "[roles.{own}]\nlogin = false\nschemas = {{ public = \"owner\" }}\n\n\
             [roles.{app}]\npassword_env = \"PW_APP\"\nassume = \"{own}\"\nschemas = {{ public = \"readwrite\" }}\n\n\
             [roles.{ro}]\npassword_env = \"PW_RO\"\nschemas = {{ public = \"readonly\" }}\n"
        ),
    );
    let url = as_master.url(true);
    let out = env
        .cmd()
        .args(["roles", "apply", "--yes", "--url", &url])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}\n{}",
        stdout(&out),
        stderr(&out)
    );
    let sql = stdout(&out);
    assert!(sql.contains(&format!("GRANT {own} TO {master};")), "{sql}");
    assert!(
        !sql.contains("SUPERUSER") && !sql.contains("BYPASSRLS"),
        "{sql}"
    );

    let app_client = db.connect_as(&app, "app-pw-1").await;
    app_client
        .batch_execute("CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, x int)")
        .await
        .unwrap();
    drop(app_client);
    let ro_client = db.connect_as(&ro, "ro-pw-1").await;
    ro_client.query("SELECT * FROM t", &[]).await.unwrap();
    drop(ro_client);
    let out = env
        .cmd()
        .args(["roles", "check", "--url", &url])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}\n{}",
        stdout(&out),
        stderr(&out)
    );
    db.cleanup(&[&app, &ro, &own, &master]).await;
}
