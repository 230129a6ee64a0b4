//! `dbtool connect` and `dbtool env` against a real PostgreSQL and moto:
//! roles, confirmation, audit log, exit codes, MFA assume-role, credential
//! cache, instance lookup, and the IAM token checked against botocore.

use std::process::Stdio;

use crate::common::{stderr, stdout, TestEnv};

/// A database with a login role `ro_<n>` (password in `RO_PASSWORD`) and a
/// dbtool.toml whose environment `local` points at it.
async fn local_env() -> (TestEnv, String) {
    let conn = crate::testkit::fresh_database().await.unwrap();
    let ro = format!("ro_{}", rand_suffix());
    let client = conn.connect().await.unwrap();
    client.batch_execute(&format!("CREATE ROLE {ro} LOGIN PASSWORD 'ro-secret-pw'; GRANT CONNECT ON DATABASE \"{}\" TO {ro}", conn.dbname)).await.unwrap();
    let env = TestEnv::new().env("RO_PASSWORD", "ro-secret-pw");
    env.write(
        "dbtool.toml",
        &format!(
            "[environments.local]\nurl = \"{}\"\n\n[environments.local.roles.readonly]\nuser = \"{ro}\"\npassword_env = \"RO_PASSWORD\"\n\n\
             [environments.local.roles.admin]\nuser = \"{}\"\n",
            conn.url(true),
            conn.user
        ),
    );
    (env, ro)
}

fn rand_suffix() -> String {
    format!("{}_{}", std::process::id(), rand::random::<u32>())
}

#[tokio::test]
async fn connect_as_readonly_runs_psql_as_that_user() {
    let (env, ro) = local_env().await;
    let out = env
        .cmd()
        .args([
            "connect",
            "--role",
            "readonly",
            "local",
            "--",
            "psql",
            "-XAtc",
            "select current_user",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), ro);
    let err = stderr(&out);
    assert!(err.contains("connecting to local · "), "{err}");
    assert!(err.contains(&format!("as {ro} (role readonly)")), "{err}");
    // The audit log has one line, without the password.
    let log = std::fs::read_to_string(env.home.join(".local/state/dbtool/audit.log")).unwrap();
    assert_eq!(log.lines().count(), 1);
    let entry: serde_json::Value = serde_json::from_str(log.trim()).unwrap();
    assert_eq!(entry["role"], "readonly");
    assert_eq!(entry["db_user"], ro.as_str());
    assert_eq!(entry["client"], "psql");
    assert!(!log.contains("ro-secret-pw"));
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(env.home.join(".local/state/dbtool/audit.log"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[tokio::test]
async fn readonly_application_name_and_db_connect_alias() {
    let (env, ro) = local_env().await;
    let out = env
        .cmd()
        .args([
            "db-connect",
            "local",
            "--",
            "psql",
            "-XAtc",
            "select current_setting('application_name')",
        ])
        .env("USER", "alice")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "dbtool/readonly/alice");
    let _ = ro;
}

#[tokio::test]
async fn secrets_go_through_the_environment_and_exit_codes_pass_through() {
    let (env, _) = local_env().await;
    // The child sees PGPASSWORD in its environment and not in its argv.
    let out = env
        .cmd()
        .args([
            "connect",
            "local",
            "--",
            "sh",
            "-c",
            "echo \"$PGPASSWORD|$0|$*\"",
            "argzero",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "ro-secret-pw|argzero|");
    assert!(!stderr(&out).contains("ro-secret-pw"));
    let out = env
        .cmd()
        .args(["connect", "local", "--", "sh", "-c", "exit 7"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(7));
    let out = env
        .cmd()
        .args(["connect", "local", "--", "no-such-client-xyz"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("client `no-such-client-xyz` not found"));
}

#[tokio::test]
async fn admin_needs_confirmation_and_refuses_without_a_terminal() {
    let (env, _) = local_env().await;
    let out = env
        .cmd()
        .args(["connect", "--role", "admin", "local", "--", "true"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("ADMIN ACCESS"), "{err}");
    assert!(err.contains("pass --yes"), "{err}");
    assert!(
        !env.home.join(".local/state/dbtool/audit.log").exists(),
        "nothing connected"
    );
    let out = env
        .cmd()
        .args([
            "connect", "--role", "admin", "--yes", "local", "--", "psql", "-XAtc", "select 1",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

/// On a pseudo-terminal (util-linux `script`), the prompt is shown and answered.
#[tokio::test]
async fn admin_confirmation_on_a_pseudo_terminal() {
    if which::which("script").is_err() {
        panic!("`script` (util-linux) is needed for the pty test");
    }
    let (env, _) = local_env().await;
    let bin = assert_cmd::cargo::cargo_bin("dbtool");
    for (answer, expect_ok) in [("y", true), ("n", false)] {
        // dbtool's own exit code, printed inside the pty: `script`'s exit
        // status can be lost when its stdin closes first.
        let inner = format!(
            "{} connect --role admin local -- psql -XAt -P pager=off -c \"select 'RES' || 'ULT=' || 40+2\"; echo EXIT=$?",
            bin.display()
        );
        let mut cmd = env.std_cmd();
        let mut child = std::process::Command::new("script")
            .args(["-qec", &inner, "/dev/null"])
            .env_clear()
            .envs(
                cmd.get_envs()
                    .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))),
            )
            .env("TERM", "dumb")
            .current_dir(&env.work)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let _ = &mut cmd;
        use std::io::Write;
        std::thread::sleep(std::time::Duration::from_millis(1500));
        child
            .stdin
            .as_mut()
            .unwrap()
            .write_all(format!("{answer}\n").as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("admin access is for emergencies only"),
            "{text}"
        );
        let code = if expect_ok { "EXIT=0" } else { "EXIT=1" };
        assert!(text.contains(code), "answer {answer}: {text}");
        // A marker the command line does not contain, and no port or name can.
        assert_eq!(
            text.contains("RESULT=42"),
            expect_ok,
            "answer {answer}: {text}"
        );
    }
}

#[tokio::test]
async fn env_prints_only_variables_that_work_in_a_shell() {
    let (env, ro) = local_env().await;
    let out = env.cmd().args(["env", "local"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.lines().all(|l| l.starts_with("export PG")), "{text}");
    let script = format!("{text}\npsql -XAtc 'select current_user'");
    let psql = std::process::Command::new("sh")
        .arg("-c")
        .arg(&script)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap())
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&psql.stdout).trim(),
        ro,
        "{}",
        String::from_utf8_lossy(&psql.stderr)
    );
    for format in ["fish", "dotenv", "json"] {
        let out = env
            .cmd()
            .args(["env", "local", "--format", format])
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(stdout(&out).contains("PGUSER"), "{format}");
    }
    let v: serde_json::Value = serde_json::from_slice(
        &env.cmd()
            .args(["env", "local", "--format", "json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(v["PGUSER"], ro.as_str());
}

#[test]
fn unknown_role_and_target_are_clear_errors() {
    let env = TestEnv::new();
    env.write("dbtool.toml", "[environments.staging]\nhost = \"db.internal\"\n[environments.staging.roles.readonly]\nuser = \"ro\"\n");
    let out = env
        .cmd()
        .args(["env", "staging", "--role", "writer"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("environment `staging` has no role `writer`"),
        "{}",
        stderr(&out)
    );
    assert_eq!(stdout(&out), "");
    let out = env.cmd().args(["env", "stagin"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("did you mean `staging`?"));
}

fn moto_env(moto: &crate::testkit::MotoGuard) -> TestEnv {
    TestEnv::with_moto(moto)
}

const MFA_CONFIG: &str = "region = \"eu-west-2\"\n[environments.prod]\nhost = \"notifydb.abc123.eu-west-2.rds.amazonaws.com\"\ndatabase = \"notify\"\nauth = \"iam\"\n\
    [environments.prod.roles.readonly]\nuser = \"readonly\"\nrole_arn = \"arn:aws:iam::123456789012:role/db-readonly\"\nmfa_serial = \"arn:aws:iam::123456789012:mfa/alice\"\nduration = \"1h\"\nexternal_id = \"ext-1\"\n";

#[test]
fn env_assumes_the_role_with_mfa_once_then_uses_the_cache() {
    let moto = crate::testkit::moto().unwrap();
    let env = moto_env(&moto);
    env.write("dbtool.toml", MFA_CONFIG);
    moto.start_recording().unwrap();
    let out = env
        .cmd()
        .args(["env", "prod", "--mfa-code", "123456"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("export PGHOST=notifydb.abc123.eu-west-2.rds.amazonaws.com"),
        "{text}"
    );
    assert!(
        text.contains("export PGSSLMODE=require"),
        "no CA bundle configured: {text}"
    );
    assert!(text.contains("export PGPASSWORD='notifydb.abc123.eu-west-2.rds.amazonaws.com:5432/?Action=connect&DBUser=readonly&X-Amz-Algorithm=AWS4-HMAC-SHA256"), "{text}");
    assert!(stderr(&out).contains("no CA bundle configured"));
    let calls = moto.recorded().unwrap();
    let assume: Vec<_> = calls
        .iter()
        .filter(|c| c.action().as_deref() == Some("AssumeRole"))
        .collect();
    assert_eq!(assume.len(), 1, "{calls:?}");
    let a = assume[0];
    assert_eq!(
        a.param("RoleArn").as_deref(),
        Some("arn:aws:iam::123456789012:role/db-readonly")
    );
    assert_eq!(
        a.param("SerialNumber").as_deref(),
        Some("arn:aws:iam::123456789012:mfa/alice")
    );
    assert_eq!(a.param("TokenCode").as_deref(), Some("123456"));
    assert_eq!(a.param("DurationSeconds").as_deref(), Some("3600"));
    assert_eq!(a.param("ExternalId").as_deref(), Some("ext-1"));
    assert!(a.param("RoleSessionName").unwrap().starts_with("dbtool-"));
    assert!(
        calls
            .iter()
            .all(|c| c.action().as_deref() != Some("GetSessionToken")),
        "no role chaining"
    );

    // The session is cached 0600; a second run makes no STS call and needs no code.
    let cache = env.home.join(".cache/dbtool/aws");
    let files: Vec<_> = std::fs::read_dir(&cache).unwrap().flatten().collect();
    assert_eq!(files.len(), 1);
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        files[0].metadata().unwrap().permissions().mode() & 0o777,
        0o600
    );
    moto.start_recording().unwrap();
    let out = env.cmd().args(["env", "prod"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let calls = moto.recorded().unwrap();
    assert!(
        calls
            .iter()
            .all(|c| !c.url.contains("sts") && c.action().as_deref() != Some("AssumeRole")),
        "{calls:?}"
    );

    // whoami lists the session; logout clears it; then the code is needed again.
    let who = env.cmd().args(["whoami", "prod"]).output().unwrap();
    assert!(
        stdout(&who).contains("arn:aws:iam::123456789012:role/db-readonly  valid until"),
        "{}",
        stdout(&who)
    );
    let out = env.cmd().arg("logout").output().unwrap();
    assert!(stderr(&out).contains("removed 1 cached AWS session(s)"));
    let out = env.cmd().args(["env", "prod"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("an MFA code is needed for arn:aws:iam::123456789012:mfa/alice"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("--mfa-code"));
    assert_eq!(stdout(&out), "");
}

#[test]
fn bad_mfa_code_is_refused_before_calling_sts() {
    let moto = crate::testkit::moto().unwrap();
    let env = moto_env(&moto);
    env.write("dbtool.toml", MFA_CONFIG);
    moto.start_recording().unwrap();
    let out = env
        .cmd()
        .args(["env", "prod", "--mfa-code", "12ab"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("an MFA code is 6 digits"));
    assert!(moto
        .recorded()
        .unwrap()
        .iter()
        .all(|c| c.action().as_deref() != Some("AssumeRole")));
}

async fn create_instance(moto: &crate::testkit::MotoGuard, id: &str, iam: bool) {
    let config = moto.sdk_config().await;
    let rds = aws_sdk_rds::Client::new(&config);
    rds.create_db_instance()
        .db_instance_identifier(id)
        .db_instance_class("db.t3.micro")
        .engine("postgres")
        .allocated_storage(20)
        .master_username("postgres")
        .master_user_password("not-used-12345")
        .db_name("notify")
        .enable_iam_database_authentication(iam)
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn instance_identifier_resolves_to_its_endpoint() {
    let moto = crate::testkit::moto().unwrap();
    create_instance(&moto, "notifydb", true).await;
    let env = moto_env(&moto);
    moto.start_recording().unwrap();
    let out = env
        .cmd()
        .args(["env", "notifydb", "--role", "write", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let host = v["PGHOST"].as_str().unwrap();
    assert!(host.starts_with("notifydb."), "{host}");
    assert_eq!(v["PGUSER"], "write");
    assert_eq!(v["PGDATABASE"], "notify");
    assert!(v["PGPASSWORD"]
        .as_str()
        .unwrap()
        .starts_with(&format!("{host}:5432/?Action=connect&DBUser=write")));
    let calls = moto.recorded().unwrap();
    let describe: Vec<_> = calls
        .iter()
        .filter(|c| c.action().as_deref() == Some("DescribeDBInstances"))
        .collect();
    assert_eq!(describe.len(), 1);
    assert_eq!(
        describe[0].param("DBInstanceIdentifier").as_deref(),
        Some("notifydb")
    );

    let out = env.cmd().args(["env", "nosuchdb"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown target `nosuchdb`: not in dbtool.toml and no RDS instance or Aurora cluster of that name in eu-west-2"),
        "{}",
        stderr(&out)
    );
    // A near miss of an instance in the account is suggested.
    let out = env.cmd().args(["env", "notifyd"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean `notifydb`?"),
        "{}",
        stderr(&out)
    );
}

#[tokio::test]
async fn iam_disabled_instance_says_how_to_enable_it() {
    let moto = crate::testkit::moto().unwrap();
    create_instance(&moto, "legacydb", false).await;
    let env = moto_env(&moto);
    let out = env.cmd().args(["env", "legacydb"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("IAM database authentication is disabled on RDS instance `legacydb`"),
        "{err}"
    );
    assert!(
        err.contains("--enable-iam-database-authentication"),
        "{err}"
    );
    assert_eq!(stdout(&out), "");
}

/// The token is byte-for-byte what botocore's generate_db_auth_token makes
/// with the same credentials and time.
#[tokio::test]
async fn token_matches_botocore() {
    let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_724_709_600);
    let sdk = aws_config::SdkConfig::builder()
        .credentials_provider(
            aws_credential_types::provider::SharedCredentialsProvider::new(
                aws_credential_types::Credentials::new(
                    "AKIDEXAMPLE",
                    "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                    Some("tok/en+=".into()),
                    None,
                    "t",
                ),
            ),
        )
        .time_source(aws_smithy_async::time::StaticTimeSource::new(when))
        .build();
    let host = "notifydb.abc123.eu-west-2.rds.amazonaws.com";
    let ours = dbtool::aws::iam::token(&sdk, host, 5432, "readonly", "eu-west-2")
        .await
        .unwrap();
    let python = crate::testkit::target_dir().join("moto-venv/bin/python");
    let script = format!(
        "import datetime, botocore.session, botocore.auth\n\
         botocore.auth.get_current_datetime = lambda *a, **k: datetime.datetime(2024, 8, 26, 22, 0, 0)\n\
         s = botocore.session.get_session()\n\
         c = s.create_client('rds', region_name='eu-west-2', aws_access_key_id='AKIDEXAMPLE', aws_secret_access_key='wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', aws_session_token='tok/en+=')\n\
         print(c.generate_db_auth_token('{host}', 5432, 'readonly', 'eu-west-2'), end='')\n"
    );
    let out = std::process::Command::new(python)
        .arg("-c")
        .arg(script)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(ours, String::from_utf8(out.stdout).unwrap());
}

/// The old postgres.env.sh case: an RDS host and keys in the environment. The
/// token is signed locally; there is no AWS endpoint to call at all.
#[test]
fn env_for_an_rds_host_signs_locally_without_network() {
    let env = TestEnv::new()
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env(
            "AWS_SECRET_ACCESS_KEY",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        )
        .env("AWS_ENDPOINT_URL", "http://127.0.0.1:9");
    let out = env
        .cmd()
        .args([
            "env",
            "database_name.database_uid.eu-west-2.rds.amazonaws.com",
            "--role",
            "write",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["PGHOST"],
        "database_name.database_uid.eu-west-2.rds.amazonaws.com"
    );
    assert_eq!(v["PGUSER"], "write");
    assert_eq!(v["PGSSLMODE"], "require");
    let token = v["PGPASSWORD"].as_str().unwrap();
    assert!(token.starts_with("database_name.database_uid.eu-west-2.rds.amazonaws.com:5432/?Action=connect&DBUser=write&"), "{token}");
    assert!(token.contains("X-Amz-Credential=AKIDEXAMPLE%2F"), "{token}");
    assert!(
        token.contains("%2Feu-west-2%2Frds-db%2Faws4_request"),
        "region read from the host name: {token}"
    );
    assert!(token.contains("X-Amz-Expires=900"));
    assert!(
        !stderr(&out).contains(token),
        "the token is never printed on stderr"
    );
}

/// `--refresh`: the token goes into a 0600 PGPASSFILE (not PGPASSWORD) that
/// the client can reread on reconnect, and the file is gone afterwards.
#[test]
fn refresh_keeps_the_token_in_a_private_passfile() {
    let env = TestEnv::new().env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE").env(
        "AWS_SECRET_ACCESS_KEY",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    );
    let script = "test -z \"$PGPASSWORD\" || exit 9; stat -c %a \"$PGPASSFILE\"; cat \"$PGPASSFILE\"; echo \"$PGPASSFILE\"";
    let out = env
        .cmd()
        .args([
            "connect",
            "--refresh",
            "db.uid.eu-west-2.rds.amazonaws.com",
            "--",
            "sh",
            "-c",
            script,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "600");
    assert!(
        lines[1].starts_with("db.uid.eu-west-2.rds.amazonaws.com:5432:postgres:readonly:db.uid.eu-west-2.rds.amazonaws.com\\:5432/?Action=connect&DBUser=readonly&"),
        "{}",
        lines[1]
    );
    assert!(
        !std::path::Path::new(lines[2]).exists(),
        "the passfile is removed when the client exits"
    );
}

/// A profile in ~/.aws/config with `role_arn`, `source_profile` and
/// `mfa_serial` (what aws-config cannot do: it ignores the MFA device): dbtool
/// assumes the role itself with the code, then reuses the cached session.
#[test]
fn mfa_profiles_in_aws_config_are_assumed_with_the_code() {
    let moto = crate::testkit::moto().unwrap();
    let env = moto_env(&moto).env("AWS_PROFILE", "prod-admin");
    let aws = env.home.join(".aws");
    std::fs::create_dir_all(&aws).unwrap();
    std::fs::write(
        aws.join("credentials"),
        "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n",
    )
    .unwrap();
    std::fs::write(
        aws.join("config"),
        "[profile prod-admin]\nrole_arn = arn:aws:iam::210987654321:role/db-admin\nsource_profile = base\n\
         mfa_serial = arn:aws:iam::123456789012:mfa/bob\nregion = eu-west-2\nduration_seconds = 7200\n",
    )
    .unwrap();
    let run = |args: &[&str]| {
        env.cmd()
            .env_remove("AWS_ACCESS_KEY_ID")
            .env_remove("AWS_SECRET_ACCESS_KEY")
            .args(args)
            .output()
            .unwrap()
    };
    moto.start_recording().unwrap();
    let out = run(&[
        "env",
        "notifydb.abc123.eu-west-2.rds.amazonaws.com",
        "--mfa-code",
        "654321",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("X-Amz-Credential="),
        "{}",
        stdout(&out)
    );
    let calls = moto.recorded().unwrap();
    let assume: Vec<_> = calls
        .iter()
        .filter(|c| c.action().as_deref() == Some("AssumeRole"))
        .collect();
    assert_eq!(assume.len(), 1, "{calls:?}");
    assert_eq!(
        assume[0].param("RoleArn").as_deref(),
        Some("arn:aws:iam::210987654321:role/db-admin")
    );
    assert_eq!(
        assume[0].param("SerialNumber").as_deref(),
        Some("arn:aws:iam::123456789012:mfa/bob")
    );
    assert_eq!(assume[0].param("TokenCode").as_deref(), Some("654321"));
    assert_eq!(assume[0].param("DurationSeconds").as_deref(), Some("7200"));

    moto.start_recording().unwrap();
    let out = run(&["env", "notifydb.abc123.eu-west-2.rds.amazonaws.com"]);
    assert!(
        out.status.success(),
        "cached: no code needed: {}",
        stderr(&out)
    );
    assert!(moto
        .recorded()
        .unwrap()
        .iter()
        .all(|c| c.action().as_deref() != Some("AssumeRole")));
}

/// Issue 12 item 17: the client dies with a SIGKILLed dbtool.
#[tokio::test]
async fn the_client_dies_with_a_killed_dbtool() {
    let db = crate::testkit::fresh_database().await.unwrap();
    let env = TestEnv::new();
    let pidfile = env.work.join("client.pid");
    let mut child = env
        .std_cmd()
        .args([
            "connect",
            "--url",
            &db.url(true),
            "--",
            "sh",
            "-c",
            &format!("echo $$ > {}; exec sleep 1000", pidfile.display()),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // A live process (not a zombie left for an init that does not reap).
    let alive = |pid: &str| {
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .map(|s| {
                s.rsplit(") ")
                    .next()
                    .is_some_and(|rest| !rest.starts_with('Z'))
            })
            .unwrap_or(false)
    };
    let start = std::time::Instant::now();
    let pid = loop {
        if let Some(pid) = std::fs::read_to_string(&pidfile)
            .ok()
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
        {
            if std::fs::read(format!("/proc/{pid}/cmdline")).is_ok_and(|c| c.starts_with(b"sleep"))
            {
                break pid;
            }
        }
        assert!(start.elapsed().as_secs() < 20, "the client never started");
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(alive(&pid));
    child.kill().unwrap();
    child.wait().unwrap();
    let start = std::time::Instant::now();
    while alive(&pid) {
        assert!(start.elapsed().as_secs() < 10, "the client outlived dbtool");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}
