//! Credentials from AWS Secrets Manager and SSM Parameter Store (moto), used
//! against a real PostgreSQL with password authentication: the values work,
//! and they appear nowhere dbtool prints.

use dbtool::pg::ConnInfo;

use crate::common::{stderr, stdout, TestEnv};
use crate::testkit::MotoGuard;

async fn put_parameter(moto: &MotoGuard, name: &str, value: &str, secure: bool) {
    let ssm = aws_sdk_ssm::Client::new(&moto.sdk_config().await);
    ssm.put_parameter()
        .name(name)
        .value(value)
        .r#type(if secure {
            aws_sdk_ssm::types::ParameterType::SecureString
        } else {
            aws_sdk_ssm::types::ParameterType::String
        })
        .overwrite(true)
        .send()
        .await
        .unwrap();
}

async fn put_secret(moto: &MotoGuard, name: &str, value: &str) {
    let sm = aws_sdk_secretsmanager::Client::new(&moto.sdk_config().await);
    sm.create_secret()
        .name(name)
        .secret_string(value)
        .send()
        .await
        .unwrap();
}

/// A login role with a password nobody types.
async fn login_role(db: &ConnInfo) -> (String, String) {
    let name = format!("api_{}_{}", std::process::id(), rand::random::<u32>());
    let password = format!("S3cr3t-{}", rand::random::<u64>());
    db.connect()
        .await
        .unwrap()
        .batch_execute(&format!(
            "CREATE ROLE {name} LOGIN PASSWORD '{password}'; GRANT CONNECT ON DATABASE \"{}\" TO {name}",
            db.dbname
        ))
        .await
        .unwrap();
    (name, password)
}

fn project(db: &ConnInfo, roles: &str) -> String {
    format!(
        "[environments.tm]\nhost = \"{}\"\nport = {}\ndatabase = \"{}\"\nauth = \"password\"\nsslmode = \"disable\"\n{roles}",
        db.host, db.port, db.dbname
    )
}

fn assert_hidden(out: &std::process::Output, secret: &str) {
    assert!(
        !stdout(out).contains(secret),
        "secret on stdout: {}",
        stdout(out)
    );
    assert!(
        !stderr(out).contains(secret),
        "secret on stderr: {}",
        stderr(out)
    );
}

#[tokio::test]
async fn role_user_and_password_from_ssm_log_in() {
    let moto = crate::testkit::moto().unwrap();
    let db = crate::testkit::fresh_database().await.unwrap();
    let (user, password) = login_role(&db).await;
    put_parameter(&moto, "/tm-apps-db/api/username", &user, false).await;
    put_parameter(&moto, "/tm-apps-db/api/password", &password, true).await;
    let env = TestEnv::with_moto(&moto);
    env.write(
        "dbtool.toml",
        &project(
            &db,
            "[environments.tm.roles.api]\nuser = { ssm = \"/tm-apps-db/api/username\" }\npassword = { ssm = \"/tm-apps-db/api/password\" }\n",
        ),
    );
    let out = env
        .cmd()
        .args([
            "connect",
            "tm",
            "--role",
            "api",
            "--",
            "psql",
            "-XAtc",
            "SELECT current_user",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), user);
    assert_hidden(&out, &password);
    // The plan names the sources, not the values.
    let out = env
        .cmd()
        .args(["connect", "tm", "--role", "api", "--dry-run"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("<from ssm:/tm-apps-db/api/username>"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("read from ssm:/tm-apps-db/api/password"),
        "{}",
        stdout(&out)
    );
    assert_hidden(&out, &password);
    // The audit log holds the user, never the password.
    let log = std::fs::read_to_string(env.home.join(".local/state/dbtool/audit.log")).unwrap();
    assert!(!log.contains(&password));
}

#[tokio::test]
async fn environment_password_from_a_json_secret() {
    let moto = crate::testkit::moto().unwrap();
    let db = crate::testkit::fresh_database().await.unwrap();
    let (user, password) = login_role(&db).await;
    put_secret(
        &moto,
        "notify/api",
        &serde_json::json!({ "username": user, "password": password }).to_string(),
    )
    .await;
    let env = TestEnv::with_moto(&moto);
    env.write(
        "dbtool.toml",
        &format!(
            "{}password = {{ secretsmanager = \"notify/api\", key = \"password\" }}\n[environments.tm.roles.readonly]\nuser = {{ secretsmanager = \"notify/api\", key = \"username\" }}\n",
            project(&db, "")
        ),
    );
    let out = env
        .cmd()
        .args(["env", "tm", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["PGUSER"], user.as_str());
    assert_eq!(
        v["PGPASSWORD"],
        password.as_str(),
        "env prints what psql needs, as before"
    );
    assert!(!stderr(&out).contains(&password));
}

#[tokio::test]
async fn missing_values_are_errors_naming_the_key_and_line() {
    let moto = crate::testkit::moto().unwrap();
    let db = crate::testkit::fresh_database().await.unwrap();
    put_secret(&moto, "notify/api", "{\"username\":\"api\"}").await;
    let env = TestEnv::with_moto(&moto);
    env.write(
        "dbtool.toml",
        &project(
            &db,
            "[environments.tm.roles.a]\npassword = { ssm = \"/nope\" }\n[environments.tm.roles.b]\npassword = { secretsmanager = \"notify/api\", key = \"password\" }\n\
             [environments.tm.roles.c]\npassword = { secretsmanager = \"notify/missing\" }\n",
        ),
    );
    let run = |role: &str| {
        env.cmd()
            .args(["env", "tm", "--role", role])
            .output()
            .unwrap()
    };
    let out = run("a");
    let se = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{se}");
    assert!(se.contains("dbtool.toml:8:12 (environments.tm.roles.a.password): parameter `/nope` not found in SSM"), "{se}");
    assert_eq!(stdout(&out), "");
    let se = stderr(&run("b"));
    assert!(
        se.contains(
            "(environments.tm.roles.b.password): secret `notify/api` has no key `password`"
        ),
        "{se}"
    );
    assert!(se.contains("its keys are: username"), "{se}");
    let se = stderr(&run("c"));
    assert!(
        se.contains("secret `notify/missing` not found in Secrets Manager"),
        "{se}"
    );
    // A literal password is refused when the file is read.
    env.write(
        "dbtool.toml",
        &project(&db, "[environments.tm.roles.a]\npassword = \"hunter2\"\n"),
    );
    let out = run("a");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("dbtool.toml:8:12"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("secrets are never written in dbtool.toml"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("hunter2"), "{}", stderr(&out));
}

#[tokio::test]
async fn roles_apply_sets_passwords_from_ssm() {
    let moto = crate::testkit::moto().unwrap();
    let db = crate::testkit::fresh_database().await.unwrap();
    let user = format!("api_{}_{}", std::process::id(), rand::random::<u32>());
    let password = format!("Pw-{}", rand::random::<u64>());
    put_parameter(&moto, "/tm-apps-db/api/password", &password, true).await;
    let env = TestEnv::with_moto(&moto);
    env.write(
        "dbtool.toml",
        &format!("[roles.{user}]\npassword = {{ ssm = \"/tm-apps-db/api/password\" }}\n"),
    );
    let out = env
        .cmd()
        .args(["roles", "apply", "--url", &db.url(true), "--yes"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(&format!(
            "CREATE ROLE {user} LOGIN PASSWORD <from ssm:/tm-apps-db/api/password>;"
        )),
        "{}",
        stdout(&out)
    );
    assert_hidden(&out, &password);
    // The password works for a login.
    let login = ConnInfo {
        user: user.clone(),
        password: Some(password.clone()),
        ..db.clone()
    };
    login
        .connect()
        .await
        .expect("login with the password from SSM");
    // Re-running changes nothing: the password is checked, not reset.
    let out = env
        .cmd()
        .args(["roles", "check", "--url", &db.url(true)])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    db.connect()
        .await
        .unwrap()
        .batch_execute(&format!("DROP ROLE {user}"))
        .await
        .unwrap();
}

async fn current_secret(moto: &MotoGuard, name: &str) -> String {
    let sm = aws_sdk_secretsmanager::Client::new(&moto.sdk_config().await);
    sm.get_secret_value()
        .secret_id(name)
        .version_stage("AWSCURRENT")
        .send()
        .await
        .unwrap()
        .secret_string()
        .unwrap()
        .to_string()
}

async fn can_log_in(db: &ConnInfo, user: &str, password: &str) -> bool {
    ConnInfo {
        user: user.into(),
        password: Some(password.into()),
        ..db.clone()
    }
    .connect()
    .await
    .is_ok()
}

#[tokio::test]
async fn roles_rotate_through_secrets_manager() {
    let moto = crate::testkit::moto().unwrap();
    let db = crate::testkit::fresh_database().await.unwrap();
    let (user, old) = login_role(&db).await;
    let secret =
        serde_json::json!({ "username": user, "password": old, "engine": "postgres" }).to_string();
    put_secret(&moto, "fam/api", &secret).await;
    let env = TestEnv::with_moto(&moto);
    env.write(
        "dbtool.toml",
        &format!(
            "[roles.{user}]\npassword = {{ secretsmanager = \"fam/api\", key = \"password\" }}\n"
        ),
    );
    // --dry-run shows the steps and calls nothing.
    moto.start_recording().unwrap();
    let out = env
        .cmd()
        .args([
            "roles",
            "rotate",
            &user,
            "--url",
            &db.url(true),
            "--dry-run",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("staged AWSPENDING"),
        "{}",
        stdout(&out)
    );
    assert!(
        moto.recorded().unwrap().is_empty(),
        "a dry run calls no AWS API"
    );
    assert!(can_log_in(&db, &user, &old).await);

    let out = env
        .cmd()
        .args(["roles", "rotate", &user, "--url", &db.url(true), "--yes"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let now: serde_json::Value =
        serde_json::from_str(&current_secret(&moto, "fam/api").await).unwrap();
    let new = now["password"].as_str().unwrap().to_string();
    assert_ne!(new, old);
    assert_eq!(new.len(), 32);
    assert_eq!(now["username"], user.as_str(), "other keys are kept");
    assert_eq!(now["engine"], "postgres");
    assert_hidden(&out, &new);
    assert_hidden(&out, &old);
    assert!(
        can_log_in(&db, &user, &new).await,
        "the new password logs in"
    );
    assert!(
        !can_log_in(&db, &user, &old).await,
        "the old one no longer does"
    );

    // A source read from another version stage is refused before anything is read.
    env.write(
        "dbtool.toml",
        &format!("[roles.{user}]\npassword = {{ secretsmanager = \"fam/api\", key = \"password\", version_stage = \"AWSPENDING\" }}\n"),
    );
    let out = env
        .cmd()
        .args(["roles", "rotate", &user, "--url", &db.url(true), "--yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("rotation writes AWSCURRENT"),
        "{}",
        stderr(&out)
    );
    env.write(
        "dbtool.toml",
        &format!(
            "[roles.{user}]\npassword = {{ secretsmanager = \"fam/api\", key = \"password\" }}\n"
        ),
    );
    // A failure after PostgreSQL changed (the login is refused): the old
    // password is put back and the secret's current version is untouched.
    db.connect()
        .await
        .unwrap()
        .batch_execute(&format!("ALTER ROLE {user} CONNECTION LIMIT 0"))
        .await
        .unwrap();
    let out = env
        .cmd()
        .args(["roles", "rotate", &user, "--url", &db.url(true), "--yes"])
        .output()
        .unwrap();
    let se = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{se}");
    assert!(se.contains("step 5 failed (log in as"), "{se}");
    assert!(
        se.contains("the old password was set again in PostgreSQL"),
        "{se}"
    );
    db.connect()
        .await
        .unwrap()
        .batch_execute(&format!("ALTER ROLE {user} CONNECTION LIMIT -1"))
        .await
        .unwrap();
    let still: serde_json::Value =
        serde_json::from_str(&current_secret(&moto, "fam/api").await).unwrap();
    assert_eq!(still["password"], new.as_str(), "AWSCURRENT did not move");
    assert!(
        can_log_in(&db, &user, &new).await,
        "the password before the failed run still works"
    );
    db.connect()
        .await
        .unwrap()
        .batch_execute(&format!("DROP OWNED BY {user}; DROP ROLE {user}"))
        .await
        .unwrap();
}

#[tokio::test]
async fn roles_rotate_through_ssm_and_refusals() {
    let moto = crate::testkit::moto().unwrap();
    let db = crate::testkit::fresh_database().await.unwrap();
    let (user, old) = login_role(&db).await;
    put_parameter(&moto, "/tm-apps-db/api/password", &old, true).await;
    let env = TestEnv::with_moto(&moto).env("OTHER_PW", "x");
    env.write(
        "dbtool.toml",
        &format!(
            "[roles.{user}]\npassword = {{ ssm = \"/tm-apps-db/api/password\" }}\n[roles.byvar]\npassword_env = \"OTHER_PW\"\n"
        ),
    );
    let out = env
        .cmd()
        .args(["roles", "rotate", &user, "--url", &db.url(true), "--yes"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let ssm = aws_sdk_ssm::Client::new(&moto.sdk_config().await);
    let new = ssm
        .get_parameter()
        .name("/tm-apps-db/api/password")
        .with_decryption(true)
        .send()
        .await
        .unwrap()
        .parameter()
        .unwrap()
        .value()
        .unwrap()
        .to_string();
    assert_ne!(new, old);
    assert!(can_log_in(&db, &user, &new).await);
    assert_hidden(&out, &new);
    assert!(
        ssm.get_parameter()
            .name("/tm-apps-db/api/password.dbtool-pending")
            .send()
            .await
            .is_err(),
        "the parked copy is deleted once the value is live"
    );
    let out = env
        .cmd()
        .args(["roles", "rotate", "byvar", "--url", &db.url(true), "--yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("comes from $OTHER_PW, which dbtool cannot write"),
        "{}",
        stderr(&out)
    );
    let out = env
        .cmd()
        .args(["roles", "rotate", "nobody", "--url", &db.url(true), "--yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    db.connect()
        .await
        .unwrap()
        .batch_execute(&format!("DROP OWNED BY {user}; DROP ROLE {user}"))
        .await
        .unwrap();
}

/// Placeholders from Secrets Manager (the Aurora team's layout): the role the
/// migration creates logs in with the secret's password, which appears in no
/// output, dry run or history row.
#[tokio::test]
async fn placeholders_from_secrets_manager() {
    let moto = crate::testkit::moto().unwrap();
    let db = crate::testkit::fresh_database().await.unwrap();
    let user = format!("api_{}_{}", std::process::id(), rand::random::<u32>());
    let password = format!("Pw-{}", rand::random::<u64>());
    put_secret(
        &moto,
        "fam/api-db-user",
        &serde_json::json!({ "username": user, "password": password }).to_string(),
    )
    .await;
    let env = TestEnv::with_moto(&moto).env("DBTOOL_DATABASE_URL", db.url(true));
    env.write(
        "dbtool.toml",
        "[migrate.placeholders]\napi_db_username = { secretsmanager = \"fam/api-db-user\", key = \"username\" }\n\
         api_db_password = { secretsmanager = \"fam/api-db-user\", key = \"password\" }\n",
    );
    env.write(
        "migrations/V1__add_roles.sql",
        "CREATE ROLE ${api_db_username} LOGIN PASSWORD '${api_db_password}';\nGRANT CONNECT ON DATABASE ${flyway:database} TO ${api_db_username};\n",
    );
    let out = env.cmd().args(["migrate", "--dry-run"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_hidden(&out, &password);
    assert_hidden(&out, &user);
    let out = env.cmd().args(["migrate", "-v"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_hidden(&out, &password);
    assert!(
        can_log_in(&db, &user, &password).await,
        "the role logs in with the secret's password"
    );
    let client = db.connect().await.unwrap();
    let rows = client
        .query("SELECT coalesce(description,'') || script || coalesce(installed_by,'') FROM flyway_schema_history", &[])
        .await
        .unwrap();
    for r in rows {
        let text: String = r.get(0);
        assert!(!text.contains(&password), "{text}");
    }
    // info and validate need no values: they work without AWS at all.
    let offline = TestEnv::new().env("DBTOOL_DATABASE_URL", db.url(true));
    offline.write(
        "dbtool.toml",
        &std::fs::read_to_string(env.work.join("dbtool.toml")).unwrap(),
    );
    offline.write(
        "migrations/V1__add_roles.sql",
        &std::fs::read_to_string(env.work.join("migrations/V1__add_roles.sql")).unwrap(),
    );
    let out = offline
        .cmd()
        .args(["migrate", "validate"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    client
        .batch_execute(&format!("DROP OWNED BY {user}; DROP ROLE {user}"))
        .await
        .unwrap();
}

/// The admin role of an instance whose master password RDS manages in
/// Secrets Manager: its username and password, with no configuration.
#[tokio::test]
async fn admin_uses_the_rds_managed_master_secret() {
    let moto = crate::testkit::moto().unwrap();
    let rds = aws_sdk_rds::Client::new(&moto.sdk_config().await);
    let out = rds
        .create_db_instance()
        .db_instance_identifier("legacydb")
        .db_instance_class("db.t3.micro")
        .engine("postgres")
        .allocated_storage(20)
        .master_username("dbmaster")
        .manage_master_user_password(true)
        .db_name("legacy")
        .send()
        .await
        .unwrap();
    let arn = out
        .db_instance()
        .and_then(|i| i.master_user_secret())
        .and_then(|s| s.secret_arn())
        .expect("moto returns MasterUserSecret")
        .to_string();
    let sm = aws_sdk_secretsmanager::Client::new(&moto.sdk_config().await);
    let secret: serde_json::Value = serde_json::from_str(
        sm.get_secret_value()
            .secret_id(&arn)
            .send()
            .await
            .unwrap()
            .secret_string()
            .unwrap(),
    )
    .unwrap();
    let env = TestEnv::with_moto(&moto);
    let out = env
        .cmd()
        .args([
            "env", "legacydb", "--role", "admin", "--yes", "--format", "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["PGUSER"], secret["username"]);
    assert_eq!(v["PGPASSWORD"], secret["password"]);
    assert!(!stderr(&out).contains(secret["password"].as_str().unwrap()));
    // readonly is not the master user: IAM is off, so it says how to turn it on.
    let out = env.cmd().args(["env", "legacydb"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("IAM database authentication is disabled"),
        "{}",
        stderr(&out)
    );
}
