//! The access pipeline through the real binary: which target a command
//! reaches from TARGET, --url, --env, the environment variables and
//! dbtool.toml, as whom, with which password or token, and when it asks.
//! Real PostgreSQL for connections, moto for RDS lookups.

use std::process::Output;

use dbtool::pg::ConnInfo;

use crate::common::{stderr, stdout, TestEnv};
use crate::testkit::MotoGuard;

async fn create_instance(moto: &MotoGuard, id: &str) -> String {
    let rds = aws_sdk_rds::Client::new(&moto.sdk_config().await);
    let out = rds
        .create_db_instance()
        .db_instance_identifier(id)
        .db_instance_class("db.t3.micro")
        .engine("postgres")
        .allocated_storage(20)
        .master_username("postgres")
        .master_user_password("not-used-12345")
        .db_name("notify")
        .enable_iam_database_authentication(true)
        .send()
        .await
        .unwrap();
    out.db_instance()
        .unwrap()
        .endpoint()
        .unwrap()
        .address()
        .unwrap()
        .to_string()
}

fn env_json(out: &Output) -> serde_json::Value {
    assert!(out.status.success(), "{}", stderr(out));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

const PROJECT: &str = "region = \"eu-west-2\"\ndefault_environment = \"production\"\n\
    [environments.production]\ninstance = \"notifydb\"\ndatabase = \"notify\"\nproduction = true\n\
    [environments.production.roles.readonly]\nuser = \"ro_user\"\n\
    [environments.production.roles.write]\nuser = \"writer\"\n";

/// Behaviour 1: an instance that is not in dbtool.toml (a restored copy)
/// resolves with DescribeDBInstances in a configured project, for env,
/// connect, dump and cname switch's connection check alike.
#[tokio::test]
async fn unconfigured_instances_resolve_in_a_configured_project() {
    let moto = crate::testkit::moto().unwrap();
    create_instance(&moto, "notifydb").await;
    let restored = create_instance(&moto, "notifydb-restore").await;
    let env = TestEnv::with_moto(&moto);
    env.write("dbtool.toml", PROJECT);

    let v = env_json(
        &env.cmd()
            .args(["env", "notifydb-restore", "--format", "json"])
            .output()
            .unwrap(),
    );
    assert_eq!(v["PGHOST"], restored.as_str());
    // It borrows default_environment's roles: the readonly user, its database.
    assert_eq!(v["PGUSER"], "ro_user");
    assert_eq!(v["PGDATABASE"], "notify");
    assert!(v["PGPASSWORD"]
        .as_str()
        .unwrap()
        .contains("Action=connect&DBUser=ro_user"));

    // connect reaches the endpoint (the client is any program).
    let out = env
        .cmd()
        .args([
            "connect",
            "notifydb-restore",
            "--",
            "sh",
            "-c",
            "echo $PGHOST",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), restored);

    // dump gets as far as connecting to the restored endpoint.
    let out = env
        .cmd()
        .args(["dump", "notifydb-restore", "--dry-run"])
        .output()
        .unwrap();
    let se = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{se}");
    assert!(
        se.contains(&format!(
            "cannot connect to postgresql://ro_user@{restored}"
        )),
        "{se}"
    );
    assert!(!se.contains("unknown target"), "{se}");

    // Neither configured nor an instance: did you mean, over both.
    let out = env.cmd().args(["env", "notifydb-restor"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean `notifydb-restore`?"),
        "{}",
        stderr(&out)
    );
    let out = env.cmd().args(["env", "productoin"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean `production`?"),
        "{}",
        stderr(&out)
    );
}

/// Behaviour 1, cname switch: the connection check goes to the restored
/// instance's endpoint instead of failing on an unknown target.
#[tokio::test]
async fn cname_switch_checks_an_unconfigured_restore() {
    let moto = crate::testkit::moto().unwrap();
    let old = create_instance(&moto, "notifydb").await;
    let restored = create_instance(&moto, "notifydb-restore").await;
    let r53 = aws_sdk_route53::Client::new(&moto.sdk_config().await);
    let zone = r53
        .create_hosted_zone()
        .name("example.internal")
        .caller_reference("access-test")
        .send()
        .await
        .unwrap();
    let zone_id = zone
        .hosted_zone()
        .unwrap()
        .id()
        .trim_start_matches("/hostedzone/")
        .to_string();
    use aws_sdk_route53::types::*;
    let set = ResourceRecordSet::builder()
        .name("db.example.internal")
        .r#type(RrType::Cname)
        .ttl(60)
        .resource_records(ResourceRecord::builder().value(&old).build().unwrap())
        .build()
        .unwrap();
    r53.change_resource_record_sets()
        .hosted_zone_id(&zone_id)
        .change_batch(
            ChangeBatch::builder()
                .changes(
                    Change::builder()
                        .action(ChangeAction::Create)
                        .resource_record_set(set)
                        .build()
                        .unwrap(),
                )
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    let env = TestEnv::with_moto(&moto);
    env.write(
        "dbtool.toml",
        &format!("{PROJECT}[environments.production.cname]\nzone = \"example.internal\"\nrecord = \"db.example.internal\"\n"),
    );
    let out = env
        .cmd()
        .args([
            "cname",
            "switch",
            "--to",
            "notifydb-restore",
            "--yes",
            "--no-wait-ttl",
            "--poll-interval",
            "50ms",
        ])
        .output()
        .unwrap();
    let se = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{se}");
    assert!(
        se.contains("`notifydb-restore` does not accept a connection; nothing was changed"),
        "{se}"
    );
    assert!(
        se.contains(&restored),
        "the check went to the restored endpoint: {se}"
    );
}

/// Behaviour 2: a URL (or host) on RDS without a password gets an IAM token
/// and TLS, like a bare RDS host does.
#[test]
fn rds_urls_get_a_token_and_tls() {
    let moto = crate::testkit::moto().unwrap();
    let env = TestEnv::with_moto(&moto);
    let host = "notifydb-restore.abc123.eu-west-2.rds.amazonaws.com";
    let v = env_json(
        &env.cmd()
            .args([
                "env",
                "--url",
                &format!("postgresql://app_user@{host}/notify"),
                "--format",
                "json",
            ])
            .output()
            .unwrap(),
    );
    assert_eq!(v["PGHOST"], host);
    assert_eq!(v["PGUSER"], "app_user");
    assert_eq!(v["PGSSLMODE"], "require");
    let token = v["PGPASSWORD"].as_str().unwrap();
    assert!(
        token.starts_with(&format!("{host}:5432/?Action=connect&DBUser=app_user")),
        "{token}"
    );
    // The same through DATABASE_URL, as `dump --url` is documented.
    let v = env_json(
        &env.cmd()
            .env(
                "DATABASE_URL",
                format!("postgresql://app_user@{host}/notify"),
            )
            .args(["env", "--format", "json"])
            .output()
            .unwrap(),
    );
    assert!(v["PGPASSWORD"]
        .as_str()
        .unwrap()
        .contains("DBUser=app_user"));
}

/// Behaviour 3: PGHOST & co name the target when nothing else does, before
/// default_environment; the migrations image's contract works unchanged.
#[tokio::test]
async fn libpq_variables_name_the_target() {
    let db = crate::testkit::fresh_database().await.unwrap();
    let env = TestEnv::new();
    env.write(
        "dbtool.toml",
        "default_environment = \"staging\"\n[environments.staging]\nhost = \"staging.invalid\"\n",
    );
    env.write(
        "migrations/V1__create.sql",
        "CREATE TABLE from_pghost (id int);\n",
    );
    let libpq = |c: &mut assert_cmd::Command| {
        c.env("PGHOST", &db.host)
            .env("PGPORT", db.port.to_string())
            .env("PGUSER", &db.user)
            .env("PGDATABASE", &db.dbname)
            .env("PGPASSWORD", db.password.clone().unwrap_or_default())
            .env("PGSSLMODE", "disable");
    };
    let mut c = env.cmd();
    libpq(&mut c);
    let out = c.args(["migrate"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let client = db.connect().await.unwrap();
    let n: i64 = client
        .query_one(
            "SELECT count(*) FROM flyway_schema_history WHERE success",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(n, 1);
    // doctor says which source chose the target.
    let mut c = env.cmd();
    libpq(&mut c);
    let out = c.args(["doctor", "--offline"]).output().unwrap();
    let so = stdout(&out);
    assert!(
        so.contains(&format!(
            "{}@{}:{} (chosen by the libpq variables (PGHOST…))",
            db.dbname, db.host, db.port
        )),
        "{so}"
    );
    // --env wins over them.
    let mut c = env.cmd();
    libpq(&mut c);
    let out = c
        .args(["--env", "staging", "doctor", "--offline"])
        .output()
        .unwrap();
    assert!(
        stdout(&out).contains("staging · postgres@staging.invalid:5432 (chosen by --env)"),
        "{}",
        stdout(&out)
    );

    // USE_IAM_AUTH=1 with an RDS PGHOST mints a token for PGUSER (PGPASSWORD ignored).
    let moto = crate::testkit::moto().unwrap();
    let env = TestEnv::with_moto(&moto);
    let host = "notifydb.abc123.eu-west-2.rds.amazonaws.com";
    let v = env_json(
        &env.cmd()
            .env("PGHOST", host)
            .env("PGUSER", "migrator")
            .env("PGDATABASE", "notify")
            .env("PGPASSWORD", "stale-password")
            .env("USE_IAM_AUTH", "1")
            .args(["env", "--format", "json"])
            .output()
            .unwrap(),
    );
    assert_eq!(v["PGUSER"], "migrator");
    assert!(v["PGPASSWORD"]
        .as_str()
        .unwrap()
        .starts_with(&format!("{host}:5432/?Action=connect&DBUser=migrator")));
    assert_eq!(v["PGSSLMODE"], "require");
}

/// A login role with a password on the test server.
async fn login_role(db: &ConnInfo, prefix: &str) -> String {
    let name = format!("{prefix}_{}_{}", std::process::id(), rand::random::<u32>());
    let client = db.connect().await.unwrap();
    client
        .batch_execute(&format!(
            "CREATE ROLE {name} LOGIN PASSWORD 'pw-{name}'; GRANT ALL ON DATABASE \"{}\" TO {name}; GRANT ALL ON SCHEMA public TO {name}",
            db.dbname
        ))
        .await
        .unwrap();
    name
}

/// Behaviour 4: migrate takes --role/--user, and an environment can make
/// migrations run as the application user by default.
#[tokio::test]
async fn migrate_runs_as_the_configured_role() {
    let db = crate::testkit::fresh_database().await.unwrap();
    let app = login_role(&db, "app").await;
    let human = login_role(&db, "human").await;
    // People who write act through the owner's role, as in the runbooks.
    db.connect()
        .await
        .unwrap()
        .batch_execute(&format!("GRANT {app} TO {human}"))
        .await
        .unwrap();
    let env = TestEnv::new()
        .env("APP_PW", format!("pw-{app}"))
        .env("HUMAN_PW", format!("pw-{human}"));
    let url = db.with_dbname(&db.dbname);
    let url = format!(
        "postgresql://{}@{}:{}/{}?sslmode=disable",
        db.user, url.host, url.port, db.dbname
    );
    env.write(
        "dbtool.toml",
        &format!(
            "[environments.ci]\nurl = \"{url}\"\nauth = \"password\"\n\
             [environments.ci.roles.app]\nuser = \"{app}\"\npassword_env = \"APP_PW\"\n\
             [environments.ci.roles.write]\nuser = \"{human}\"\npassword_env = \"HUMAN_PW\"\n\
             [environments.ci.roles.readonly]\nuser = \"{human}\"\npassword_env = \"HUMAN_PW\"\n\
             [environments.ci.migrate]\nrole = \"app\"\n\
             [environments.appsonly]\nurl = \"{url}\"\nauth = \"password\"\n\
             [environments.appsonly.roles.app]\nuser = \"{app}\"\npassword_env = \"APP_PW\"\n\
             [environments.appsonly.migrate]\nrole = \"app\"\nread_role = \"app\"\n"
        ),
    );
    env.write("migrations/V1__a.sql", "CREATE TABLE a (id int);\n");
    env.write("migrations/V2__b.sql", "CREATE TABLE b (id int);\n");
    let out = env
        .cmd()
        .args(["migrate", "ci", "--target-version", "1"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let out = env
        .cmd()
        .args(["migrate", "ci", "--role", "write"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let client = db.connect().await.unwrap();
    let rows = client
        .query(
            "SELECT version, installed_by FROM flyway_schema_history ORDER BY installed_rank",
            &[],
        )
        .await
        .unwrap();
    let got: Vec<(String, String)> = rows.iter().map(|r| (r.get(0), r.get(1))).collect();
    assert_eq!(
        got,
        vec![("1".into(), app.clone()), ("2".into(), human.clone())]
    );
    // info uses the read role (readonly here): it works and says so much.
    let out = env.cmd().args(["migrate", "info", "ci"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // An environment that only knows the application role: both defaults are it.
    let out = env
        .cmd()
        .args(["migrate", "info", "appsonly"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let out = env
        .cmd()
        .args(["migrate", "validate", "appsonly"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // An unknown role is an error naming the configured ones.
    let out = env
        .cmd()
        .args(["migrate", "ci", "--role", "nobody"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("has no role `nobody`"),
        "{}",
        stderr(&out)
    );
}

/// Behaviour 5: `dump load` goes to the sandbox even with a
/// default_environment; anything else asks; the printed export connects.
#[tokio::test]
async fn dump_load_targets_the_sandbox_and_asks_for_anything_else() {
    let db = crate::testkit::fresh_database().await.unwrap();
    let client = db.connect().await.unwrap();
    client
        .batch_execute("CREATE TABLE loaded (id int); INSERT INTO loaded VALUES (1), (2);")
        .await
        .unwrap();
    let env = TestEnv::new();
    env.write(
        "dbtool.toml",
        "default_environment = \"staging\"\n[environments.staging]\nhost = \"staging.invalid\"\ndatabase = \"app\"\n",
    );
    let file = env.work.join("copy.dump");
    let out = env
        .cmd()
        .args(["dump", "--url", &db.url(true), "-f", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let out = env.cmd().args(["sandbox", "up"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let out = env
        .cmd()
        .args([
            "dump",
            "load",
            file.to_str().unwrap(),
            "--create",
            "--var",
            "SQLALCHEMY_DATABASE_URI",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let so = stdout(&out);
    let url = so
        .trim()
        .strip_prefix("export SQLALCHEMY_DATABASE_URI=")
        .unwrap_or_else(|| panic!("{so}"))
        .trim_matches('\'');
    assert!(
        url.contains("/copy"),
        "--create names the database after the file: {url}"
    );
    // The URL connects as printed (the sandbox's password included).
    let out = std::process::Command::new("psql")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap())
        .args(["-XAtc", "SELECT count(*) FROM loaded", url])
        .output()
        .unwrap();
    assert_eq!(stdout(&out).trim(), "2", "{}", stderr(&out));

    // DATABASE_URL names another server: refused without --yes, nothing loaded.
    let out = env
        .cmd()
        .env("DATABASE_URL", db.with_dbname("postgres").url(true))
        .args([
            "dump",
            "load",
            file.to_str().unwrap(),
            "--into",
            "never_created",
            "--create",
        ])
        .output()
        .unwrap();
    let se = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{se}");
    assert!(
        se.contains("(DATABASE_URL), which is not the local sandbox"),
        "{se}"
    );
    let exists: i64 = client
        .query_one(
            "SELECT count(*) FROM pg_database WHERE datname = 'never_created'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(exists, 0);
    // A bad variable name is a usage error.
    let out = env
        .cmd()
        .args(["dump", "load", file.to_str().unwrap(), "--var", "1X"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Behaviour 6: a service is read only when named, from PGSERVICEFILE.
#[tokio::test]
async fn named_services_are_read_from_pg_service_conf() {
    let db = crate::testkit::fresh_database().await.unwrap();
    let env = TestEnv::new();
    let file = env.write(
        "pg_service.conf",
        &format!(
            "# test\n[app]\nhost={}\nport={}\ndbname={}\nuser={}\npassword={}\nsslmode=disable\n",
            db.host,
            db.port,
            db.dbname,
            db.user,
            db.password.clone().unwrap_or_default()
        ),
    );
    for target in [vec!["service:app"], vec!["--url", "service=app"]] {
        let out = env
            .cmd()
            .env("PGSERVICEFILE", &file)
            .arg("connect")
            .args(&target)
            .args(["--", "psql", "-XAtc", "SELECT current_database()"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{target:?}: {}", stderr(&out));
        assert_eq!(stdout(&out).trim(), db.dbname);
    }
    let out = env
        .cmd()
        .env("PGSERVICEFILE", &file)
        .args(["env", "service:ap"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean `app`?"),
        "{}",
        stderr(&out)
    );
}

/// Behaviour 7: JDBC URLs keep their meaning: currentSchema is Flyway's
/// default schema, ssl=true is verify-full, unknown parameters are named.
#[tokio::test]
async fn jdbc_urls_keep_their_meaning() {
    let db = crate::testkit::fresh_database().await.unwrap();
    let client = db.connect().await.unwrap();
    client.batch_execute("CREATE SCHEMA app").await.unwrap();
    let env = TestEnv::new();
    env.write("migrations/V1__t.sql", "CREATE TABLE t (id int);\n");
    let jdbc = format!(
        "jdbc:postgresql://{}:{}/{}?currentSchema=app&user={}&password={}&sslmode=disable&prepareThreshold=0",
        db.host,
        db.port,
        db.dbname,
        db.user,
        db.password.clone().unwrap_or_default()
    );
    let out = env
        .cmd()
        .args(["migrate", "--url", &jdbc])
        .output()
        .unwrap();
    let se = stderr(&out);
    assert!(out.status.success(), "{se}");
    assert!(
        se.contains("URL parameter `prepareThreshold` is not used by dbtool"),
        "{se}"
    );
    assert!(
        !se.contains(&db.password.clone().unwrap_or_default()),
        "no password in warnings: {se}"
    );
    let n: i64 = client
        .query_one("SELECT count(*) FROM app.flyway_schema_history", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(n, 1);
    let t: i64 = client
        .query_one(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'app' AND tablename = 't'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(t, 1, "the migration ran with search_path = app");
    let v = env_json(
        &env.cmd()
            .args([
                "env",
                "--url",
                "jdbc:postgresql://db.example:5432/app?ssl=true&user=u&password=p",
                "--format",
                "json",
            ])
            .output()
            .unwrap(),
    );
    assert_eq!(v["PGSSLMODE"], "verify-full");
    assert_eq!(v["PGUSER"], "u");
}

/// Behaviour 8: a host that does not resolve gets a warning about the token.
#[test]
fn unresolvable_iam_host_warns_about_the_token() {
    let moto = crate::testkit::moto().unwrap();
    let env = TestEnv::with_moto(&moto);
    let out = env
        .cmd()
        .env("USE_IAM_AUTH", "1")
        .args(["env", "--url", "postgresql://app@db.private.invalid/notify"])
        .output()
        .unwrap();
    let se = stderr(&out);
    assert!(out.status.success(), "{se}");
    assert!(
        se.contains("db.private.invalid does not resolve from here"),
        "{se}"
    );
    assert!(se.contains("set `instance = \"...\"`"), "{se}");
}

/// Behaviour 9: prompts name the real endpoint; without $USER the local user
/// comes from the password database.
#[tokio::test]
async fn prompts_name_the_endpoint_and_user_is_never_empty() {
    let moto = crate::testkit::moto().unwrap();
    let endpoint = create_instance(&moto, "notifydb").await;
    let env = TestEnv::with_moto(&moto);
    env.write("dbtool.toml", PROJECT);
    let out = env
        .cmd()
        .env("DBTOOL_FORCE_NONINTERACTIVE", "1")
        .args(["connect", "production", "--role", "write", "--", "true"])
        .output()
        .unwrap();
    let se = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{se}");
    assert!(
        se.contains(&format!("write access to a production database: connect as `writer` to production · notify@{endpoint}:5432?")),
        "{se}"
    );

    // No USER: application_name and the audit log name the account.
    let db = crate::testkit::fresh_database().await.unwrap();
    let env = TestEnv::new();
    let me = nix::unistd::User::from_uid(nix::unistd::getuid())
        .unwrap()
        .unwrap()
        .name;
    let out = env
        .cmd()
        .env_remove("USER")
        .args([
            "connect",
            "--url",
            &db.url(true),
            "--",
            "psql",
            "-XAtc",
            "SHOW application_name",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), format!("dbtool/readonly/{me}"));
    let log = std::fs::read_to_string(env.home.join(".local/state/dbtool/audit.log")).unwrap();
    assert!(log.contains(&format!("\"user\":\"{me}\"")), "{log}");
}

/// Inherited PG* variables that dbtool does not use never reach a child.
#[tokio::test]
async fn children_get_only_dbtools_connection() {
    let db = crate::testkit::fresh_database().await.unwrap();
    let env = TestEnv::new();
    let out = env
        .cmd()
        .env("PGSERVICE", "elsewhere")
        .env("PGHOSTADDR", "192.0.2.1")
        .env("PGOPTIONS", "-c search_path=nowhere")
        .env("PGTZ", "UTC")
        .args([
            "connect",
            "--url",
            &db.url(true),
            "--",
            "sh",
            "-c",
            "env | grep ^PG | sort",
        ])
        .output()
        .unwrap();
    let so = stdout(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    for gone in ["PGSERVICE=", "PGHOSTADDR=", "PGOPTIONS="] {
        assert!(!so.contains(gone), "{gone} reached the child:\n{so}");
    }
    assert!(so.contains("PGTZ=UTC"), "formatting variables stay: {so}");
    assert!(so.contains(&format!("PGHOST={}", db.host)), "{so}");
    let warning = stderr(&out);
    for name in ["PGSERVICE", "PGHOSTADDR", "PGOPTIONS"] {
        assert!(
            warning.contains(name) && warning.contains("ignoring"),
            "{warning}"
        );
    }
}

/// Found by an adversarial review: each of these failed before its fix.
#[tokio::test]
async fn adversarial_review_regressions() {
    let db = crate::testkit::fresh_database().await.unwrap();
    let env = TestEnv::new();
    // A URL typed without its scheme is refused without echoing it or logging it.
    let out = env
        .cmd()
        .args([
            "connect",
            "app:S3cretPW@db.example.com:5432/app",
            "--",
            "true",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("looks like a connection URL without its scheme"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("S3cretPW"));
    assert!(!env.home.join(".local/state/dbtool/audit.log").exists());
    // An IAM token never travels without TLS.
    let moto = crate::testkit::moto().unwrap();
    let aws = TestEnv::with_moto(&moto);
    let out = aws
        .cmd()
        .args([
            "env",
            "--url",
            "postgresql://u@x.abc.eu-west-1.rds.amazonaws.com/x?sslmode=disable",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("RDS IAM authentication needs TLS"),
        "{}",
        stderr(&out)
    );
    aws.write("dbtool.toml", "[environments.cn]\nhost = \"db.internal.example.com\"\nauth = \"iam\"\nregion = \"eu-west-1\"\n");
    let v = env_json(
        &aws.cmd()
            .args(["env", "cn", "--format", "json"])
            .output()
            .unwrap(),
    );
    assert_eq!(v["PGSSLMODE"], "require");
    drop(moto);
    // --env beside --url is a usage error, not silently ignored.
    env.write(
        "dbtool.toml",
        &format!(
            "[environments.prod]\nurl = \"{}\"\nproduction = true\n",
            db.url(true)
        ),
    );
    let out = env
        .cmd()
        .args(["--env", "prod", "migrate", "--url", &db.url(true)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("both name the database"),
        "{}",
        stderr(&out)
    );
    // Production's server named by a URL keeps production's caution.
    env.write("migrations/V1__a.sql", "CREATE TABLE a (id int);\n");
    env.write(
        "dbtool.toml",
        &format!(
            "[environments.prod]\nurl = \"{}\"\nproduction = true\n",
            db.url(true)
        ),
    );
    let out = env
        .cmd()
        .env("DBTOOL_FORCE_NONINTERACTIVE", "1")
        .args(["migrate", "--url", &db.url(true)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("the server of a production environment: apply 1 migration(s)"),
        "{}",
        stderr(&out)
    );
    // --dry-run changes nothing for baseline, repair and clean.
    env.write("dbtool.toml", "[migrate]\nclean_disabled = false\n");
    let url = db.url(true);
    let out = env
        .cmd()
        .args(["migrate", "baseline", "--url", &url, "--dry-run"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("would create"), "{}", stdout(&out));
    let client = db.connect().await.unwrap();
    let history: i64 = client
        .query_one(
            "SELECT count(*) FROM pg_tables WHERE tablename = 'flyway_schema_history'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(history, 0, "baseline --dry-run created nothing");
    client
        .batch_execute("CREATE TABLE keep_me (id int)")
        .await
        .unwrap();
    let out = env
        .cmd()
        .args(["migrate", "clean", "--url", &url, "--dry-run"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("would drop"), "{}", stdout(&out));
    let kept: i64 = client
        .query_one(
            "SELECT count(*) FROM pg_tables WHERE tablename = 'keep_me'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(kept, 1, "clean --dry-run dropped nothing");
    let out = env
        .cmd()
        .args(["migrate", "repair", "--url", &url, "--dry-run"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // An invalid migrate role is an error, not a silent `write`.
    env.write(
        "dbtool.toml",
        &format!(
            "[environments.ci]\nurl = \"{url}\"\n[environments.ci.migrate]\nrole = \"app user\"\n"
        ),
    );
    let out = env
        .cmd()
        .args(["migrate", "ci", "--dry-run"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("migrate `role`"), "{}", stderr(&out));
    // Children: DATABASE_URL is the target, FLYWAY_* and DBTOOL_* URLs are gone.
    let out = env
        .cmd()
        .env("FLYWAY_URL", "jdbc:postgresql://elsewhere/x")
        .env("DATABASE_URL", "postgresql://elsewhere/x")
        .args([
            "connect",
            "--url",
            &url,
            "--",
            "sh",
            "-c",
            "echo \"[$DATABASE_URL] [$FLYWAY_URL] [$DBTOOL_DATABASE_URL]\"",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let so = stdout(&out);
    assert!(
        so.contains(&format!("@{}:{}/{}", db.host, db.port, db.dbname)),
        "{so}"
    );
    assert!(so.contains("] [] []"), "{so}");
}
