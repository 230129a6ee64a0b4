//! `dbtool upgrade` against moto (requests checked with its recorder; moto
//! answers DescribeDBEngineVersions and DescribePendingMaintenanceActions
//! with errors, which the plan must show, not crash on) and the probe
//! against a real sandbox PostgreSQL that the test restarts.

use std::time::{Duration, Instant};

use crate::aws::assert_no_debug_text;
use crate::common::{stderr, stdout, TestEnv};
use crate::testkit::{MotoGuard, Recorded};

async fn rds(moto: &MotoGuard) -> aws_sdk_rds::Client {
    aws_sdk_rds::Client::new(&moto.sdk_config().await)
}

async fn create_instance(moto: &MotoGuard, id: &str) {
    rds(moto)
        .await
        .create_db_instance()
        .db_instance_identifier(id)
        .db_instance_class("db.t3.micro")
        .engine("postgres")
        .engine_version("15.4")
        .allocated_storage(20)
        .master_username("postgres")
        .master_user_password("not-used-12345")
        .auto_minor_version_upgrade(false)
        .preferred_maintenance_window("sun:05:00-sun:05:30")
        .send()
        .await
        .unwrap();
}

fn calls_named<'a>(calls: &'a [Recorded], action: &str) -> Vec<&'a Recorded> {
    calls
        .iter()
        .filter(|c| c.action().as_deref() == Some(action))
        .collect()
}

fn assert_no_mutation(calls: &[Recorded]) {
    for c in calls {
        let a = c.action().unwrap_or_default();
        assert!(
            !a.starts_with("Modify") && !a.starts_with("Reboot"),
            "mutating call {a}: {c:?}"
        );
    }
}

const CONFIG: &str = "region = \"eu-west-2\"\n\
    [environments.staging]\ninstance = \"stagingdb\"\n\
    [environments.prod]\ninstance = \"proddb\"\nproduction = true\n\
    [environments.fam]\ncluster = \"fam\"\n\
    [environments.local]\nsandbox = true\n";

async fn engine_version(moto: &MotoGuard, id: &str) -> String {
    rds(moto)
        .await
        .describe_db_instances()
        .db_instance_identifier(id)
        .send()
        .await
        .unwrap()
        .db_instances()[0]
        .engine_version()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn plan_shows_what_moto_answers_and_says_what_it_would_not() {
    let moto = crate::testkit::moto().unwrap();
    create_instance(&moto, "stagingdb").await;
    let env = TestEnv::with_moto(&moto);
    env.write("dbtool.toml", CONFIG);
    moto.start_recording().unwrap();
    let out = env
        .cmd()
        .args(["upgrade", "staging", "plan"])
        .output()
        .unwrap();
    let (o, e) = (stdout(&out), stderr(&out));
    assert!(out.status.success(), "{e}");
    assert!(
        o.contains("RDS instance `stagingdb`: postgres 15.4 (available)"),
        "{o}"
    );
    assert!(o.contains("auto minor version upgrade: off"), "{o}");
    assert!(
        o.contains("maintenance window: sun:05:00-sun:05:30 UTC; next Sun "),
        "{o}"
    );
    assert!(
        o.contains("upgrade targets: unknown (DescribeDBEngineVersions failed: "),
        "{o}"
    );
    assert!(
        o.contains("pending maintenance: unknown (DescribePendingMaintenanceActions failed: "),
        "{o}"
    );
    assert!(
        e.contains("some of the plan could not be read from RDS"),
        "{e}"
    );
    assert_no_debug_text(&o);
    assert_no_debug_text(&e);
    let calls = moto.recorded().unwrap();
    // (The SDK retries moto's HTTP 500 answers.)
    let pma = calls_named(&calls, "DescribePendingMaintenanceActions");
    assert!(!pma.is_empty(), "{calls:?}");
    assert_eq!(
        pma[0].param("ResourceIdentifier").as_deref(),
        Some("arn:aws:rds:eu-west-2:123456789012:db:stagingdb")
    );
    let dev = calls_named(&calls, "DescribeDBEngineVersions");
    assert_eq!(dev[0].param("EngineVersion").as_deref(), Some("15.4"));
    assert_no_mutation(&calls);

    // JSON: the parts and the reasons.
    let out = env
        .cmd()
        .args(["upgrade", "staging", "plan", "--output-format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["current"]["engine_version"], "15.4");
    assert!(v["targets"].is_null());
    assert!(v["targets_error"]
        .as_str()
        .unwrap()
        .starts_with("DescribeDBEngineVersions failed"));
    assert!(v["maintenance_window"]["next_start"].is_string());

    // The sandbox is not an RDS database.
    let out = env
        .cmd()
        .args(["upgrade", "local", "plan"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("upgrades are of RDS instances and Aurora clusters"),
        "{}",
        stderr(&out)
    );

    // An unknown id: a clear error.
    let out = env
        .cmd()
        .args(["upgrade", "nosuchdb", "plan"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("no RDS instance or Aurora cluster `nosuchdb`"));
}

#[tokio::test]
async fn apply_dry_run_major_refused_then_upgrade_and_schedule() {
    let moto = crate::testkit::moto().unwrap();
    create_instance(&moto, "stagingdb").await;
    create_instance(&moto, "proddb").await;
    let env = TestEnv::with_moto(&moto).env("DBTOOL_POLL_INTERVAL", "100ms");
    env.write("dbtool.toml", CONFIG);
    let up = |args: &[&str]| env.cmd().arg("upgrade").args(args).output().unwrap();

    // Dry run: the plan and the request, no mutating call.
    moto.start_recording().unwrap();
    let out = up(&["staging", "apply", "--to", "15.7", "--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let e = stderr(&out);
    assert!(e.contains("will upgrade `stagingdb` from postgres 15.4 to 15.7: ModifyDBInstance EngineVersion=15.7 ApplyImmediately=true"), "{e}");
    assert!(
        e.contains("could not be checked against RDS's valid upgrade targets"),
        "{e}"
    );
    assert!(e.contains("dry run: nothing was changed"), "{e}");
    // A major version, and no terminal without --yes: refused before any change.
    let out = up(&["staging", "apply", "--to", "16.1", "--yes"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is a major version upgrade; nothing was changed"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("--allow-major"));
    let out = up(&["staging", "apply", "--to", "15.7"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("pass --yes"), "{}", stderr(&out));
    let out = up(&["staging", "apply", "--to", "15.4", "--yes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nothing to upgrade"));
    let out = up(&["staging", "apply"]);
    assert_eq!(out.status.code(), Some(2), "--to or --schedule is needed");
    assert_no_mutation(&moto.recorded().unwrap());
    assert_eq!(engine_version(&moto, "stagingdb").await, "15.4");

    // The upgrade: one ModifyDBInstance, then waited until available on 15.7.
    moto.start_recording().unwrap();
    let out = up(&["staging", "apply", "--to", "15.7", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("`stagingdb` is available on postgres 15.7"),
        "{}",
        stderr(&out)
    );
    let calls = moto.recorded().unwrap();
    let m = calls_named(&calls, "ModifyDBInstance");
    assert_eq!(m.len(), 1, "{calls:?}");
    assert_eq!(
        m[0].param("DBInstanceIdentifier").as_deref(),
        Some("stagingdb")
    );
    assert_eq!(m[0].param("EngineVersion").as_deref(), Some("15.7"));
    assert_eq!(m[0].param("ApplyImmediately").as_deref(), Some("true"));
    assert_eq!(m[0].param("AllowMajorVersionUpgrade"), None);
    assert_eq!(engine_version(&moto, "stagingdb").await, "15.7");

    // A major one with --allow-major sends AllowMajorVersionUpgrade.
    moto.start_recording().unwrap();
    let out = up(&["staging", "apply", "--to", "16.1", "--allow-major", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let calls = moto.recorded().unwrap();
    let m = calls_named(&calls, "ModifyDBInstance");
    assert_eq!(
        m[0].param("AllowMajorVersionUpgrade").as_deref(),
        Some("true")
    );

    // --schedule: AutoMinorVersionUpgrade=true, not immediately; the way back printed.
    moto.start_recording().unwrap();
    let out = up(&["prod", "apply", "--schedule", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("aws rds modify-db-instance --db-instance-identifier proddb --no-auto-minor-version-upgrade"),
        "{}",
        stdout(&out)
    );
    let calls = moto.recorded().unwrap();
    let m = calls_named(&calls, "ModifyDBInstance");
    assert_eq!(m.len(), 1, "{calls:?}");
    assert_eq!(
        m[0].param("AutoMinorVersionUpgrade").as_deref(),
        Some("true")
    );
    assert_eq!(m[0].param("ApplyImmediately"), None);
    assert_eq!(m[0].param("EngineVersion"), None);
    let out = up(&["prod", "plan"]);
    assert!(
        stdout(&out).contains("auto minor version upgrade: on"),
        "{}",
        stdout(&out)
    );
    // --schedule --dry-run changes nothing.
    moto.start_recording().unwrap();
    let out = up(&["staging", "apply", "--schedule", "--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_no_mutation(&moto.recorded().unwrap());
}

#[tokio::test]
async fn aurora_upgrades_the_cluster() {
    let moto = crate::testkit::moto().unwrap();
    crate::aurora::create_cluster(&moto, "fam", false, &["fam-1"]).await;
    let env = TestEnv::with_moto(&moto).env("DBTOOL_POLL_INTERVAL", "100ms");
    env.write("dbtool.toml", CONFIG);
    let out = env.cmd().args(["upgrade", "fam", "plan"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let o = stdout(&out);
    assert!(
        o.contains("Aurora cluster `fam`: aurora-postgresql 15.4"),
        "{o}"
    );
    assert!(o.contains("(member `fam-1`)"), "{o}");
    let out = env
        .cmd()
        .args(["upgrade", "fam-1", "plan"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("Aurora upgrades the engine of the whole cluster"));

    moto.start_recording().unwrap();
    let out = env
        .cmd()
        .args(["upgrade", "fam", "apply", "--to", "15.7", "--yes"])
        .output()
        .unwrap();
    let calls = moto.recorded().unwrap();
    let m = calls_named(&calls, "ModifyDBCluster");
    assert_eq!(m.len(), 1, "{calls:?}\n{}", stderr(&out));
    assert_eq!(m[0].param("DBClusterIdentifier").as_deref(), Some("fam"));
    assert_eq!(m[0].param("EngineVersion").as_deref(), Some("15.7"));
    assert_eq!(m[0].param("ApplyImmediately").as_deref(), Some("true"));
    assert!(calls_named(&calls, "ModifyDBInstance").is_empty());
    assert!(out.status.success(), "{}", stderr(&out));
}

fn sandbox_url(env: &TestEnv) -> String {
    let out = env.cmd().args(["sandbox", "up"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out).trim().to_string()
}

#[test]
fn probe_sees_one_window_of_about_the_restart() {
    let env = TestEnv::new();
    let url = sandbox_url(&env);
    let probe = env
        .std_cmd()
        .args([
            "upgrade",
            "probe",
            "--url",
            &url,
            "--for",
            "9s",
            "--output-format",
            "json",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_secs(2));
    let began = Instant::now();
    let down = env.cmd().args(["sandbox", "down"]).output().unwrap();
    assert!(down.status.success(), "{}", stderr(&down));
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(sandbox_url(&env), url, "the sandbox comes back on its port");
    let restart = began.elapsed();
    let out = probe.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)));
    let windows = v["windows"].as_array().unwrap();
    assert_eq!(windows.len(), 1, "{v}");
    let w = &windows[0];
    let length = w["recovered"].as_f64().unwrap() - w["first_failure"].as_f64().unwrap();
    let r = restart.as_secs_f64();
    eprintln!("restart took {r:.2} s, the probe saw {length:.2} s: {v}");
    assert!(
        length > r - 1.0 && length < r + 1.0,
        "window {length} s, restart {r} s: {v}"
    );
    assert!(w["first_failure"].as_f64().unwrap() > 1.5, "{v}");
    assert!(v["attempts"].as_u64().unwrap() > 20, "{v}");
    assert!(v["longest_gap"].as_f64().unwrap() >= length, "{v}");
}

#[tokio::test]
async fn apply_with_a_probe_reports_it() {
    let moto = crate::testkit::moto().unwrap();
    create_instance(&moto, "stagingdb").await;
    let env = TestEnv::with_moto(&moto).env("DBTOOL_POLL_INTERVAL", "100ms");
    env.write("dbtool.toml", CONFIG);
    let url = sandbox_url(&env);
    let out = env
        .cmd()
        .args([
            "upgrade", "staging", "apply", "--to", "15.7", "--yes", "--probe", &url,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("probe: "), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("0 unavailability window(s)"),
        "{}",
        stdout(&out)
    );
    let out = env
        .cmd()
        .args([
            "upgrade",
            "staging",
            "apply",
            "--to",
            "15.8",
            "--yes",
            "--probe",
            "mysql://x",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--probe: "), "{}", stderr(&out));
}
