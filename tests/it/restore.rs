//! `dbtool restore` against moto: the exact RDS calls and parameters seen by
//! moto's recorder (moto itself validates nothing and copies everything, so
//! only the requests show a forgotten setting), dry run, window checks,
//! resuming, refusals.

use chrono::{TimeDelta, Utc};

use crate::common::{stderr, stdout, TestEnv};
use crate::testkit::{MotoGuard, Recorded};

pub fn moto_env(moto: &MotoGuard) -> TestEnv {
    TestEnv::with_moto(moto)
}

pub async fn rds_client(moto: &MotoGuard) -> aws_sdk_rds::Client {
    aws_sdk_rds::Client::new(&sdk_config(moto).await)
}

pub async fn sdk_config(moto: &MotoGuard) -> aws_config::SdkConfig {
    moto.sdk_config().await
}

/// The default VPC's subnet ids (no EC2 SDK in the tree: botocore from the moto venv).
fn default_subnets(moto: &MotoGuard) -> Vec<String> {
    let python = crate::testkit::target_dir().join("moto-venv/bin/python");
    let script = format!(
        "import boto3\nc = boto3.client('ec2', endpoint_url='{}', region_name='eu-west-2', aws_access_key_id='testing', aws_secret_access_key='testing')\nprint(' '.join(s['SubnetId'] for s in c.describe_subnets()['Subnets'][:2]))",
        moto.moto.endpoint
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
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// A source instance with every non-default setting: gp2 storage, IAM auth,
/// deletion protection, Multi-AZ, custom subnet/parameter/option groups,
/// security groups, log exports, monitoring, windows, tags.
pub async fn create_rich_source(moto: &MotoGuard, id: &str) {
    let rds = rds_client(moto).await;
    rds.create_db_subnet_group()
        .db_subnet_group_name("private-db")
        .db_subnet_group_description("private subnets")
        .set_subnet_ids(Some(default_subnets(moto)))
        .send()
        .await
        .unwrap();
    rds.create_db_parameter_group()
        .db_parameter_group_name("pg-custom")
        .db_parameter_group_family("postgres13")
        .description("custom")
        .send()
        .await
        .unwrap();
    rds.create_option_group()
        .option_group_name("og-custom")
        .engine_name("postgres")
        .major_engine_version("13")
        .option_group_description("custom")
        .send()
        .await
        .unwrap();
    rds.create_db_instance()
        .db_instance_identifier(id)
        .db_instance_class("db.r6g.large")
        .engine("postgres")
        .allocated_storage(100)
        .max_allocated_storage(500)
        .storage_type("gp2")
        .master_username("postgres")
        .master_user_password("not-used-12345")
        .db_name("notify")
        .db_subnet_group_name("private-db")
        .vpc_security_group_ids("sg-0aaa1111")
        .vpc_security_group_ids("sg-0bbb2222")
        .db_parameter_group_name("pg-custom")
        .option_group_name("og-custom")
        .multi_az(true)
        .publicly_accessible(false)
        .enable_iam_database_authentication(true)
        .deletion_protection(true)
        .copy_tags_to_snapshot(true)
        .enable_cloudwatch_logs_exports("postgresql")
        .enable_cloudwatch_logs_exports("upgrade")
        .backup_retention_period(7)
        .preferred_backup_window("01:00-02:00")
        .preferred_maintenance_window("sun:03:00-sun:04:00")
        .monitoring_interval(60)
        .monitoring_role_arn("arn:aws:iam::123456789012:role/rds-monitoring")
        .auto_minor_version_upgrade(false)
        .port(5432)
        .tags(
            aws_sdk_rds::types::Tag::builder()
                .key("team")
                .value("notify")
                .build(),
        )
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

const MUTATING: &[&str] = &[
    "RestoreDBInstanceToPointInTime",
    "ModifyDBInstance",
    "AddTagsToResource",
    "StopDBInstance",
    "DeleteDBInstance",
];

fn assert_no_mutation(calls: &[Recorded]) {
    for c in calls {
        let a = c.action().unwrap_or_default();
        assert!(!MUTATING.contains(&a.as_str()), "mutating call {a}: {c:?}");
    }
}

fn ten_minutes_ago() -> String {
    (Utc::now() - TimeDelta::minutes(10))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

#[tokio::test]
async fn restore_carries_every_setting_then_modifies_the_rest() {
    let moto = crate::testkit::moto().unwrap();
    create_rich_source(&moto, "notifydb").await;
    let env = moto_env(&moto);
    let when = ten_minutes_ago();
    moto.start_recording().unwrap();
    let out = env
        .cmd()
        .args([
            "restore",
            "--source",
            "notifydb",
            "--to",
            &when,
            "--yes",
            "--poll-interval",
            "50ms",
        ])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let calls = moto.recorded().unwrap();
    let restore = calls_named(&calls, "RestoreDBInstanceToPointInTime");
    assert_eq!(restore.len(), 1, "{calls:?}");
    let r = restore[0];
    let expect = [
        ("SourceDBInstanceIdentifier", "notifydb"),
        ("TargetDBInstanceIdentifier", "notifydb-restore"),
        ("RestoreTime", when.as_str()),
        ("DBInstanceClass", "db.r6g.large"),
        ("DBSubnetGroupName", "private-db"),
        ("VpcSecurityGroupIds.VpcSecurityGroupId.1", "sg-0aaa1111"),
        ("VpcSecurityGroupIds.VpcSecurityGroupId.2", "sg-0bbb2222"),
        ("DBParameterGroupName", "pg-custom"),
        ("OptionGroupName", "og-custom"),
        ("MultiAZ", "true"),
        ("StorageType", "gp2"),
        ("AllocatedStorage", "100"),
        ("MaxAllocatedStorage", "500"),
        ("PubliclyAccessible", "false"),
        ("EnableIAMDatabaseAuthentication", "true"),
        ("DeletionProtection", "true"),
        ("CopyTagsToSnapshot", "true"),
        ("EnableCloudwatchLogsExports.member.1", "postgresql"),
        ("EnableCloudwatchLogsExports.member.2", "upgrade"),
        ("CACertificateIdentifier", "rds-ca-default"),
        ("Port", "5432"),
        ("Tags.Tag.1.Key", "team"),
        ("Tags.Tag.1.Value", "notify"),
        ("Tags.Tag.2.Key", "dbtool:restored-from"),
        ("Tags.Tag.2.Value", "notifydb"),
        ("Tags.Tag.3.Key", "dbtool:restore-time"),
        ("Tags.Tag.3.Value", when.as_str()),
    ];
    for (k, v) in expect {
        assert_eq!(r.param(k).as_deref(), Some(v), "{k} in {}", r.body);
    }
    assert_eq!(r.param("Iops"), None, "gp2 has no IOPS: {}", r.body);
    assert_eq!(r.param("StorageThroughput"), None);
    assert_eq!(r.param("UseLatestRestorableTime"), None);
    assert_eq!(r.param("AvailabilityZone"), None, "no AZ preference");

    let modify = calls_named(&calls, "ModifyDBInstance");
    assert_eq!(modify.len(), 1, "{calls:?}");
    let m = modify[0];
    for (k, v) in [
        ("DBInstanceIdentifier", "notifydb-restore"),
        ("ApplyImmediately", "true"),
        ("MonitoringInterval", "60"),
        (
            "MonitoringRoleArn",
            "arn:aws:iam::123456789012:role/rds-monitoring",
        ),
        ("PreferredMaintenanceWindow", "sun:03:00-sun:04:00"),
        ("PreferredBackupWindow", "01:00-02:00"),
        ("BackupRetentionPeriod", "7"),
        ("AutoMinorVersionUpgrade", "false"),
    ] {
        assert_eq!(m.param(k).as_deref(), Some(v), "{k} in {}", m.body);
    }
    // The Modify comes after the instance was seen available.
    let pos = |a: &str| {
        calls
            .iter()
            .position(|c| c.action().as_deref() == Some(a))
            .unwrap()
    };
    assert!(pos("RestoreDBInstanceToPointInTime") < pos("ModifyDBInstance"));

    assert!(
        err.contains(&format!("restore time: {when} (UTC)")),
        "{err}"
    );
    assert!(err.contains("notifydb-restore: available"), "{err}");
    assert!(
        err.contains("dbtool connect --role readonly notifydb-restore"),
        "{err}"
    );
    assert!(
        err.contains("dbtool cname switch --to notifydb-restore"),
        "{err}"
    );
    let text = stdout(&out);
    assert!(text.contains("db_subnet_group_name"), "{text}");
    assert!(text.contains("endpoint: notifydb-restore."), "{text}");
    let log = std::fs::read_to_string(env.home.join(".local/state/dbtool/restores.jsonl")).unwrap();
    assert!(log.contains("\"target\":\"notifydb-restore\""), "{log}");
}

#[tokio::test]
async fn latest_and_overrides() {
    let moto = crate::testkit::moto().unwrap();
    create_rich_source(&moto, "notifydb").await;
    let env = moto_env(&moto);
    moto.start_recording().unwrap();
    let out = env
        .cmd()
        .args([
            "restore",
            "--source",
            "notifydb",
            "--target",
            "copy1",
            "--latest",
            "--yes",
            "--override",
            "multi_az=false",
            "--override",
            "db_instance_class=db.t3.medium",
            "--no-wait",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let calls = moto.recorded().unwrap();
    let r = calls_named(&calls, "RestoreDBInstanceToPointInTime")[0];
    assert_eq!(r.param("UseLatestRestorableTime").as_deref(), Some("true"));
    assert_eq!(r.param("RestoreTime"), None);
    assert_eq!(r.param("MultiAZ").as_deref(), Some("false"));
    assert_eq!(r.param("DBInstanceClass").as_deref(), Some("db.t3.medium"));
    assert!(
        calls_named(&calls, "ModifyDBInstance").is_empty(),
        "--no-wait"
    );
    assert!(stderr(&out).contains("dbtool restore --wait-only --target copy1"));

    // --wait-only reads the source from the tag and applies the rest.
    moto.start_recording().unwrap();
    let out = env
        .cmd()
        .args([
            "restore",
            "--wait-only",
            "--target",
            "copy1",
            "--poll-interval",
            "50ms",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let calls = moto.recorded().unwrap();
    assert!(calls_named(&calls, "RestoreDBInstanceToPointInTime").is_empty());
    let m = calls_named(&calls, "ModifyDBInstance");
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].param("MonitoringInterval").as_deref(), Some("60"));

    let out = env
        .cmd()
        .args([
            "restore",
            "--source",
            "notifydb",
            "--latest",
            "--override",
            "colour=blue",
            "--dry-run",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown --override key `colour`"));
    assert!(stderr(&out).contains("vpc_security_group_ids"));
}

#[tokio::test]
async fn dry_run_makes_no_mutating_call_and_prints_json() {
    let moto = crate::testkit::moto().unwrap();
    create_rich_source(&moto, "notifydb").await;
    let env = moto_env(&moto);
    moto.start_recording().unwrap();
    let out = env
        .cmd()
        .args([
            "restore",
            "--source",
            "notifydb",
            "--to",
            "-10m",
            "--dry-run",
            "--output-format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_no_mutation(&moto.recorded().unwrap());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["target"], "notifydb-restore");
    assert_eq!(v["dry_run"], true);
    let settings = v["settings"].as_array().unwrap();
    let get = |k: &str| {
        settings
            .iter()
            .find(|s| s["key"] == k)
            .map(|s| s["value"].clone())
            .unwrap_or_default()
    };
    assert_eq!(get("storage_type"), "gp2");
    assert_eq!(
        get("vpc_security_group_ids"),
        serde_json::json!(["sg-0aaa1111", "sg-0bbb2222"])
    );
    assert_eq!(get("enable_iam_database_authentication"), true);
    assert!(stderr(&out).contains("dry run: nothing was changed"));
}

#[tokio::test]
async fn times_outside_the_window_make_no_restore_call() {
    let moto = crate::testkit::moto().unwrap();
    create_rich_source(&moto, "notifydb").await;
    let env = moto_env(&moto);
    moto.start_recording().unwrap();
    for (when, message) in [
        ("-30d".to_string(), "before the earliest restorable time"),
        (
            (Utc::now() + TimeDelta::hours(1)).to_rfc3339(),
            "in the future",
        ),
    ] {
        let out = env
            .cmd()
            .args(["restore", "--source", "notifydb", "--to", &when, "--yes"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{when}");
        let err = stderr(&out);
        assert!(err.contains(message), "{err}");
        assert!(err.contains("the restore window is"), "{err}");
    }
    let out = env
        .cmd()
        .args([
            "restore",
            "--source",
            "notifydb",
            "--to",
            "next tuesday",
            "--yes",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read `next tuesday` as a time"));
    let out = env
        .cmd()
        .args(["restore", "--source", "notifydb", "--yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--to TIME, --latest or --from-snapshot ID"));
    let calls = moto.recorded().unwrap();
    assert!(calls_named(&calls, "RestoreDBInstanceToPointInTime").is_empty());
    assert_no_mutation(&calls);
}

#[tokio::test]
async fn an_interrupted_restore_resumes_and_a_foreign_target_is_refused() {
    let moto = crate::testkit::moto().unwrap();
    create_rich_source(&moto, "notifydb").await;
    let env = moto_env(&moto);
    let when = ten_minutes_ago();
    let args = [
        "restore",
        "--source",
        "notifydb",
        "--to",
        &when,
        "--yes",
        "--no-wait",
    ];
    let out = env.cmd().args(args).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    moto.start_recording().unwrap();
    let out = env
        .cmd()
        .args([
            "restore",
            "--source",
            "notifydb",
            "--to",
            &when,
            "--yes",
            "--poll-interval",
            "50ms",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("resuming the wait"),
        "{}",
        stderr(&out)
    );
    let calls = moto.recorded().unwrap();
    assert!(
        calls_named(&calls, "RestoreDBInstanceToPointInTime").is_empty(),
        "{calls:?}"
    );
    assert_eq!(calls_named(&calls, "ModifyDBInstance").len(), 1);

    // Another time into the same target is refused, nothing changed.
    moto.start_recording().unwrap();
    let out = env
        .cmd()
        .args(["restore", "--source", "notifydb", "--latest", "--yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("RDS instance `notifydb-restore` already exists (a restore of `notifydb`)"),
        "{err}"
    );
    assert!(err.contains("--wait-only"), "{err}");
    assert_no_mutation(&moto.recorded().unwrap());
}

#[test]
fn config_supplies_source_target_and_zone() {
    let moto = crate::testkit::moto().unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(create_rich_source(&moto, "notifydb"));
    let env = moto_env(&moto);
    env.write(
        "dbtool.toml",
        "default_environment = \"prod\"\nregion = \"eu-west-2\"\n[environments.prod]\ninstance = \"notifydb\"\n[environments.prod.restore]\ntarget = \"notifydb-pitr\"\ntz = \"Europe/London\"\npoll_interval = \"50ms\"\n",
    );
    let local = (Utc::now() - TimeDelta::minutes(20))
        .with_timezone(&chrono_tz::Europe::London)
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let out = env
        .cmd()
        .args(["restore", "--to", &local, "--dry-run"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("local time in Europe/London"), "{err}");
    let text = stdout(&out);
    assert!(text.contains("source:       notifydb"), "{text}");
    assert!(text.contains("target:       notifydb-pitr"), "{text}");
}

/// Relative times beyond any representable instant were a panic (exit 101
/// with a backtrace): now a usage error naming the accepted range, before
/// any AWS call.
#[test]
fn absurd_relative_times_are_usage_errors_not_panics() {
    let env = TestEnv::new();
    for when in [
        "1000000000 days ago",
        "9999999999999999 s ago",
        "-9999999999999999999999h",
        "106751991167300 days ago",
        "9223372036854775807 seconds ago",
        "3000000 days 1s ago",
        "-99999999999m",
    ] {
        let out = env
            .cmd()
            .args(["restore", "--source", "notifydb", "--to", when, "--dry-run"])
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{when}: {err}");
        assert!(!err.contains("panicked"), "{when}: {err}");
        assert!(err.contains("is too far back"), "{when}: {err}");
        assert!(err.contains("at most 3650 days"), "{when}: {err}");
    }
}

/// A source with the engine's default parameter and option groups: the
/// request leaves them out so AWS picks the defaults of the engine version
/// (moto names the option group `default:postgres-15-4`, which does not
/// exist, so passing it back fails as it would on AWS for another version).
#[tokio::test]
async fn default_groups_are_left_out_of_the_restore_request() {
    let moto = crate::testkit::moto().unwrap();
    let rds = rds_client(&moto).await;
    rds.create_db_instance()
        .db_instance_identifier("plaindb")
        .db_instance_class("db.t3.micro")
        .engine("postgres")
        .engine_version("15.4")
        .allocated_storage(20)
        .master_username("postgres")
        .master_user_password("not-used-12345")
        .send()
        .await
        .unwrap();
    let src = rds
        .describe_db_instances()
        .db_instance_identifier("plaindb")
        .send()
        .await
        .unwrap();
    let src = &src.db_instances()[0];
    let og = src.option_group_memberships()[0]
        .option_group_name()
        .unwrap()
        .to_string();
    let pg = src.db_parameter_groups()[0]
        .db_parameter_group_name()
        .unwrap()
        .to_string();
    assert!(og.starts_with("default:"), "{og}");
    assert!(pg.starts_with("default."), "{pg}");

    let env = moto_env(&moto);
    moto.start_recording().unwrap();
    let out = env
        .cmd()
        .args([
            "restore",
            "--source",
            "plaindb",
            "--latest",
            "--yes",
            "--poll-interval",
            "50ms",
        ])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let calls = moto.recorded().unwrap();
    let restore = calls_named(&calls, "RestoreDBInstanceToPointInTime");
    assert_eq!(restore.len(), 1, "{calls:?}");
    assert_eq!(
        restore[0].param("OptionGroupName"),
        None,
        "{}",
        restore[0].body
    );
    assert_eq!(
        restore[0].param("DBParameterGroupName"),
        None,
        "{}",
        restore[0].body
    );
    // The plan says so instead of hiding it.
    let text = stdout(&out);
    assert!(text.contains(&format!("{og} (engine default")), "{text}");

    // An explicit override still goes into the request.
    moto.start_recording().unwrap();
    let out = env
        .cmd()
        .args([
            "restore",
            "--source",
            "plaindb",
            "--target",
            "plaindb-2",
            "--latest",
            "--yes",
            "--no-wait",
            "--override",
            &format!("db_parameter_group_name={pg}"),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let calls = moto.recorded().unwrap();
    let restore = calls_named(&calls, "RestoreDBInstanceToPointInTime");
    assert_eq!(
        restore[0].param("DBParameterGroupName").as_deref(),
        Some(pg.as_str())
    );
}
