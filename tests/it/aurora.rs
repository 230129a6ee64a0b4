//! Aurora PostgreSQL clusters as targets (connect/env): writer, reader and
//! member endpoints with tokens signed for each, IAM checked on the cluster,
//! and the refusals. AWS is a moto server; requests are asserted with its
//! recorder.

use crate::common::{stderr, TestEnv};
use crate::testkit::MotoGuard;

/// A cluster with IAM as given and `members` instances (the first the writer).
pub async fn create_cluster(moto: &MotoGuard, id: &str, iam: bool, members: &[&str]) {
    let config = moto.sdk_config().await;
    let rds = aws_sdk_rds::Client::new(&config);
    rds.create_db_cluster()
        .db_cluster_identifier(id)
        .engine("aurora-postgresql")
        .engine_version("15.4")
        .master_username("postgres")
        .master_user_password("not-used-12345")
        .database_name("fam")
        .port(5432)
        .enable_iam_database_authentication(iam)
        .send()
        .await
        .unwrap();
    for m in members {
        rds.create_db_instance()
            .db_instance_identifier(*m)
            .db_cluster_identifier(id)
            .engine("aurora-postgresql")
            .db_instance_class("db.r6g.large")
            .send()
            .await
            .unwrap();
    }
}

/// The writer and reader endpoints moto gave the cluster.
async fn endpoints(moto: &MotoGuard, id: &str) -> (String, String) {
    let config = moto.sdk_config().await;
    let rds = aws_sdk_rds::Client::new(&config);
    let out = rds
        .describe_db_clusters()
        .db_cluster_identifier(id)
        .send()
        .await
        .unwrap();
    let c = &out.db_clusters()[0];
    (
        c.endpoint().unwrap().to_string(),
        c.reader_endpoint().unwrap().to_string(),
    )
}

fn env_json(env: &TestEnv, args: &[&str]) -> (serde_json::Value, String) {
    let mut all = vec!["env", "--format", "json"];
    all.extend_from_slice(args);
    let out = env.cmd().args(&all).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    (serde_json::from_slice(&out.stdout).unwrap(), stderr(&out))
}

/// The token is signed for the host connected to, as the user.
fn assert_token_for(v: &serde_json::Value, user: &str) {
    let host = v["PGHOST"].as_str().unwrap();
    let token = v["PGPASSWORD"].as_str().unwrap();
    assert!(
        token.starts_with(&format!("{host}:5432/?Action=connect&DBUser={user}&")),
        "{token}"
    );
    assert_eq!(v["PGUSER"], user);
    assert_eq!(v["PGSSLMODE"], "require");
}

#[tokio::test]
async fn writer_reader_and_member_endpoints_each_get_their_own_token() {
    let moto = crate::testkit::moto().unwrap();
    create_cluster(&moto, "fam-aurora", true, &["fam-aurora-1", "fam-aurora-2"]).await;
    let (writer, reader) = endpoints(&moto, "fam-aurora").await;
    assert_ne!(writer, reader);
    let env = TestEnv::with_moto(&moto);

    // An unconfigured cluster TARGET: the writer endpoint by default.
    moto.start_recording().unwrap();
    let (v, _) = env_json(&env, &["fam-aurora", "--role", "write"]);
    assert_eq!(v["PGHOST"], writer.as_str());
    assert_eq!(v["PGDATABASE"], "fam");
    assert_token_for(&v, "write");
    let calls = moto.recorded().unwrap();
    let clusters: Vec<_> = calls
        .iter()
        .filter(|c| c.action().as_deref() == Some("DescribeDBClusters"))
        .collect();
    assert_eq!(clusters.len(), 1, "{calls:?}");
    assert_eq!(
        clusters[0].param("DBClusterIdentifier").as_deref(),
        Some("fam-aurora")
    );

    // --reader: the reader endpoint, and a token signed for it.
    let (v, _) = env_json(&env, &["fam-aurora", "--reader"]);
    assert_eq!(v["PGHOST"], reader.as_str());
    assert_token_for(&v, "readonly");

    // A member instance: its own endpoint, and dbtool says whose it is.
    let (v, err) = env_json(&env, &["fam-aurora-2"]);
    let host = v["PGHOST"].as_str().unwrap();
    assert!(host.starts_with("fam-aurora-2."), "{host}");
    assert_token_for(&v, "readonly");
    assert!(
        err.contains("`fam-aurora-2` is an instance of Aurora cluster `fam-aurora`"),
        "{err}"
    );

    // A configured Aurora environment: readonly sessions go to the replicas.
    env.write(
        "dbtool.toml",
        "region = \"eu-west-2\"\n[environments.aurora]\ncluster = \"fam-aurora\"\ndatabase = \"fam\"\n\
         [environments.aurora.roles.readonly]\nendpoint = \"reader\"\n\
         [environments.aurora.roles.write]\nuser = \"app\"\n",
    );
    let (v, _) = env_json(&env, &["aurora"]);
    assert_eq!(v["PGHOST"], reader.as_str());
    assert_token_for(&v, "readonly");
    let (v, _) = env_json(&env, &["aurora", "--role", "write"]);
    assert_eq!(v["PGHOST"], writer.as_str());
    assert_token_for(&v, "app");
    // The cluster id as TARGET selects the environment.
    let (v, _) = env_json(&env, &["fam-aurora"]);
    assert_eq!(v["PGHOST"], reader.as_str());

    // A custom endpoint the cluster does not have is a clear error.
    env.write(
        "dbtool.toml",
        "region = \"eu-west-2\"\n[environments.aurora]\ncluster = \"fam-aurora\"\n\
         [environments.aurora.roles.readonly]\nendpoint = \"reports\"\n",
    );
    let out = env.cmd().args(["env", "aurora"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Aurora cluster `fam-aurora` has no custom endpoint `reports`"),
        "{}",
        stderr(&out)
    );
    assert!(stdout_empty(&out));
}

fn stdout_empty(out: &std::process::Output) -> bool {
    out.stdout.is_empty()
}

#[tokio::test]
async fn aurora_refusals_say_which_it_is_and_what_works() {
    let moto = crate::testkit::moto().unwrap();
    create_cluster(&moto, "noiam", false, &["noiam-1"]).await;
    create_cluster(&moto, "empty", true, &[]).await;
    create_cluster(&moto, "fam", true, &["fam-1"]).await;
    let env = TestEnv::with_moto(&moto);

    // IAM is checked on the cluster, and the fix is modify-db-cluster.
    for target in ["noiam", "noiam-1"] {
        let out = env.cmd().args(["env", target]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("IAM database authentication is disabled on Aurora cluster `noiam`"),
            "{err}"
        );
        assert!(
            err.contains("aws rds modify-db-cluster --db-cluster-identifier noiam --enable-iam-database-authentication"),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }

    // A cluster with no instances has nothing to connect to.
    let out = env.cmd().args(["env", "empty"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("Aurora cluster `empty` has no instances"),
        "{}",
        stderr(&out)
    );

    // --reader on an instance, a member, a URL: usage errors saying what works.
    let out = env
        .cmd()
        .args(["env", "fam-1", "--reader"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("--reader: `fam-1` is an RDS instance, not an Aurora cluster"),
        "{err}"
    );
    assert!(err.contains("dbtool connect fam --reader"), "{err}");
    let out = env
        .cmd()
        .args([
            "env",
            "--url",
            "postgresql://u@db.example.com/x",
            "--reader",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is not an Aurora cluster"),
        "{}",
        stderr(&out)
    );

    // --reader for a command that writes: refused before anything runs.
    let out = env
        .cmd()
        .args(["migrate", "fam", "--reader", "--dry-run"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("reader endpoint is read-only, and this command writes"),
        "{}",
        stderr(&out)
    );

    // A cluster configured as an instance's name, and the other way round.
    env.write(
        "dbtool.toml",
        "region = \"eu-west-2\"\n[environments.a]\ncluster = \"fam-1\"\n",
    );
    let out = env.cmd().args(["env", "a"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("`fam-1` is configured as an Aurora `cluster`, but it is an RDS instance (a member of cluster `fam`)"),
        "{err}"
    );
    assert!(err.contains("set `cluster = \"fam\"`"), "{err}");

    // Configuration errors at load: both instance and cluster; an endpoint
    // on a role of a non-Aurora environment.
    env.write(
        "dbtool.toml",
        "[environments.a]\ninstance = \"x\"\ncluster = \"y\"\n",
    );
    let out = env.cmd().args(["env", "a"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("sets both `instance` and `cluster`"),
        "{}",
        stderr(&out)
    );
    env.write(
        "dbtool.toml",
        "[environments.a]\ninstance = \"x\"\n[environments.a.roles.readonly]\nendpoint = \"reader\"\n",
    );
    let out = env.cmd().args(["env", "a"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("which only an Aurora cluster has"),
        "{}",
        stderr(&out)
    );

    // An unknown name: neither an instance nor a cluster, with a suggestion
    // over both.
    env.write("dbtool.toml", "region = \"eu-west-2\"\n");
    let out = env.cmd().args(["env", "famm"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("no RDS instance or Aurora cluster of that name"),
        "{err}"
    );
    assert!(err.contains("did you mean `fam"), "{err}");
}

/// A source cluster with every non-default setting dbtool copies, and two
/// members with their own classes and instance settings.
async fn create_rich_cluster(moto: &MotoGuard) {
    let config = moto.sdk_config().await;
    let rds = aws_sdk_rds::Client::new(&config);
    rds.create_db_cluster_parameter_group()
        .db_cluster_parameter_group_name("fam-cluster-params")
        .db_parameter_group_family("aurora-postgresql15")
        .description("custom")
        .send()
        .await
        .unwrap();
    rds.create_db_parameter_group()
        .db_parameter_group_name("fam-instance-params")
        .db_parameter_group_family("aurora-postgresql15")
        .description("custom")
        .send()
        .await
        .unwrap();
    rds.create_db_cluster()
        .db_cluster_identifier("fam")
        .engine("aurora-postgresql")
        .engine_version("15.4")
        .master_username("postgres")
        .master_user_password("not-used-12345")
        .database_name("fam")
        .port(5432)
        .vpc_security_group_ids("sg-0aaa1111")
        .db_cluster_parameter_group_name("fam-cluster-params")
        .storage_encrypted(true)
        .kms_key_id("arn:aws:kms:eu-west-2:123456789012:key/fam-key")
        .enable_iam_database_authentication(true)
        .deletion_protection(true)
        .copy_tags_to_snapshot(true)
        .enable_cloudwatch_logs_exports("postgresql")
        .backup_retention_period(7)
        .serverless_v2_scaling_configuration(
            aws_sdk_rds::types::ServerlessV2ScalingConfiguration::builder()
                .min_capacity(0.5)
                .max_capacity(16.0)
                .build(),
        )
        .tags(
            aws_sdk_rds::types::Tag::builder()
                .key("team")
                .value("fam")
                .build(),
        )
        .send()
        .await
        .unwrap();
    for (id, class, tier) in [("fam-1", "db.r6g.large", 0), ("fam-2", "db.r6g.xlarge", 2)] {
        rds.create_db_instance()
            .db_instance_identifier(id)
            .db_cluster_identifier("fam")
            .engine("aurora-postgresql")
            .db_instance_class(class)
            .db_parameter_group_name("fam-instance-params")
            .monitoring_interval(60)
            .monitoring_role_arn("arn:aws:iam::123456789012:role/rds-monitoring")
            .enable_performance_insights(true)
            .performance_insights_retention_period(7)
            .promotion_tier(tier)
            .publicly_accessible(false)
            .send()
            .await
            .unwrap();
    }
}

fn calls_named<'a>(
    calls: &'a [crate::testkit::Recorded],
    action: &str,
) -> Vec<&'a crate::testkit::Recorded> {
    calls
        .iter()
        .filter(|c| c.action().as_deref() == Some(action))
        .collect()
}

const MUTATING: &[&str] = &[
    "RestoreDBClusterToPointInTime",
    "RestoreDBInstanceToPointInTime",
    "CreateDBInstance",
    "ModifyDBInstance",
    "ModifyDBCluster",
    "AddTagsToResource",
];

fn assert_no_mutation(calls: &[crate::testkit::Recorded]) {
    for c in calls {
        let a = c.action().unwrap_or_default();
        assert!(!MUTATING.contains(&a.as_str()), "mutating call {a}: {c:?}");
    }
}

#[tokio::test]
async fn cluster_restore_carries_the_cluster_and_every_member() {
    use chrono::{TimeDelta, Utc};
    let moto = crate::testkit::moto().unwrap();
    create_rich_cluster(&moto).await;
    // moto's cluster is restorable from its creation on: a time after it
    // (seconds precision: the next whole second after the cluster exists).
    let when_t = Utc::now() + TimeDelta::seconds(1);
    let when = when_t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    while Utc::now() < when_t + TimeDelta::seconds(1) {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let env = TestEnv::with_moto(&moto);
    let restore = |extra: &[&str]| {
        let mut args = vec!["restore", "--source", "fam", "--poll-interval", "50ms"];
        args.extend_from_slice(extra);
        env.cmd().args(&args).output().unwrap()
    };

    // A dry run shows the plan and changes nothing.
    moto.start_recording().unwrap();
    let out = restore(&["--to", &when, "--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_no_mutation(&moto.recorded().unwrap());
    let plan = crate::common::stdout(&out);
    assert!(plan.contains("source:       Aurora cluster fam"), "{plan}");
    assert!(plan.contains("fam-restore-2"), "{plan}");
    assert!(plan.contains("db.r6g.xlarge"), "{plan}");

    // A time before the cluster's EarliestRestorableTime: refused, no call.
    moto.start_recording().unwrap();
    let out = restore(&["--to", "2 days ago", "--yes"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("before the earliest restorable time"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("the cluster's EarliestRestorableTime"),
        "{}",
        stderr(&out)
    );
    assert_no_mutation(&moto.recorded().unwrap());

    // A member instance as the source: Aurora restores whole clusters.
    let out = env
        .cmd()
        .args(["restore", "--source", "fam-2", "--latest", "--yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(
            "`fam-2` is an instance of Aurora cluster `fam`: Aurora restores whole clusters"
        ),
        "{err}"
    );
    assert!(
        err.contains("dbtool restore --source fam --latest"),
        "{err}"
    );

    // The restore: one RestoreDBClusterToPointInTime with every setting,
    // then one CreateDBInstance per member with that member's settings.
    moto.start_recording().unwrap();
    let out = restore(&["--to", &when, "--yes"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let calls = moto.recorded().unwrap();
    let r = calls_named(&calls, "RestoreDBClusterToPointInTime");
    assert_eq!(r.len(), 1, "{calls:?}");
    let r = r[0];
    for (k, v) in [
        ("SourceDBClusterIdentifier", "fam"),
        ("DBClusterIdentifier", "fam-restore"),
        ("RestoreType", "full-copy"),
        ("RestoreToTime", when.as_str()),
        ("VpcSecurityGroupIds.VpcSecurityGroupId.1", "sg-0aaa1111"),
        ("DBClusterParameterGroupName", "fam-cluster-params"),
        ("Port", "5432"),
        ("KmsKeyId", "arn:aws:kms:eu-west-2:123456789012:key/fam-key"),
        ("EnableIAMDatabaseAuthentication", "true"),
        ("DeletionProtection", "true"),
        ("CopyTagsToSnapshot", "true"),
        ("EnableCloudwatchLogsExports.member.1", "postgresql"),
        ("ServerlessV2ScalingConfiguration.MinCapacity", "0.5"),
        ("ServerlessV2ScalingConfiguration.MaxCapacity", "16.0"),
        ("Tags.Tag.1.Key", "team"),
        ("Tags.Tag.1.Value", "fam"),
        ("Tags.Tag.2.Key", "dbtool:restored-from"),
        ("Tags.Tag.2.Value", "fam"),
        ("Tags.Tag.3.Key", "dbtool:restore-time"),
        ("Tags.Tag.3.Value", when.as_str()),
    ] {
        assert_eq!(r.param(k).as_deref(), Some(v), "{k} in {}", r.body);
    }
    assert_eq!(r.param("UseLatestRestorableTime"), None);
    let creates = calls_named(&calls, "CreateDBInstance");
    assert_eq!(creates.len(), 2, "{calls:?}");
    for (c, (id, class, tier)) in creates.iter().zip([
        ("fam-restore-1", "db.r6g.large", "0"),
        ("fam-restore-2", "db.r6g.xlarge", "2"),
    ]) {
        for (k, v) in [
            ("DBInstanceIdentifier", id),
            ("DBClusterIdentifier", "fam-restore"),
            ("Engine", "aurora-postgresql"),
            ("DBInstanceClass", class),
            ("DBParameterGroupName", "fam-instance-params"),
            ("MonitoringInterval", "60"),
            (
                "MonitoringRoleArn",
                "arn:aws:iam::123456789012:role/rds-monitoring",
            ),
            // (Performance Insights: moto does not model it; the unit test
            // of the plan covers it.)
            ("PromotionTier", tier),
            ("PubliclyAccessible", "false"),
        ] {
            assert_eq!(c.param(k).as_deref(), Some(v), "{k} in {}", c.body);
        }
        assert_eq!(c.param("AvailabilityZone"), None, "AZ left to AWS");
    }
    let pos = |a: &str| calls.iter().position(|c| c.action().as_deref() == Some(a));
    // The instances are added once the restored cluster was seen available.
    let restored = pos("RestoreDBClusterToPointInTime").unwrap();
    let created = pos("CreateDBInstance").unwrap();
    assert!(
        calls[restored..created]
            .iter()
            .any(|c| c.action().as_deref() == Some("DescribeDBClusters")
                && c.param("DBClusterIdentifier").as_deref() == Some("fam-restore")),
        "no wait for the cluster between the restore and the instances: {calls:?}"
    );
    assert!(err.contains("are available"), "{err}");
    let text = crate::common::stdout(&out);
    assert!(
        text.contains("writer endpoint: fam-restore.cluster-"),
        "{text}"
    );

    // Running it again resumes: no second restore, no instance created twice.
    moto.start_recording().unwrap();
    let out = restore(&["--to", &when, "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("resuming"), "{}", stderr(&out));
    assert_no_mutation(&moto.recorded().unwrap());

    // A clone: copy-on-write at the latest restorable time.
    moto.start_recording().unwrap();
    let out = restore(&["--clone", "--target", "fam-clone", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let calls = moto.recorded().unwrap();
    let r = calls_named(&calls, "RestoreDBClusterToPointInTime");
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].param("RestoreType").as_deref(), Some("copy-on-write"));
    assert_eq!(
        r[0].param("UseLatestRestorableTime").as_deref(),
        Some("true")
    );
    assert_eq!(r[0].param("RestoreToTime"), None);
    assert_eq!(calls_named(&calls, "CreateDBInstance").len(), 2);
    // The same clone again, once finished: refused, not "resumed" with old data.
    moto.start_recording().unwrap();
    let out = restore(&["--clone", "--target", "fam-clone", "--yes"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("an earlier clone of `fam` at the latest time, finished"),
        "{}",
        stderr(&out)
    );
    // A full-copy restore into the clone's name: another restore, refused.
    let out = restore(&["--latest", "--target", "fam-clone", "--yes"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("(a clone of `fam`)"),
        "{}",
        stderr(&out)
    );
    assert_no_mutation(&moto.recorded().unwrap());

    // --clone with a time, or of an instance: usage errors, no call.
    moto.start_recording().unwrap();
    let out = restore(&["--clone", "--to", &when, "--yes"]);
    assert_eq!(out.status.code(), Some(2));
    create_cluster(&moto, "other", true, &[]).await;
    let out = env
        .cmd()
        .args(["restore", "--source", "other", "--latest", "--yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("Aurora cluster `other` has no instances"),
        "{}",
        stderr(&out)
    );
    assert_no_mutation(&moto.recorded().unwrap());
}

/// `cname switch --to CLUSTER` points the record at the cluster's writer
/// endpoint; `--stop-old` stops an old cluster with StopDBCluster; the
/// rollback starts it again and points back.
#[tokio::test]
async fn cname_switch_to_a_cluster_stop_old_and_rollback() {
    use crate::cname::{changes, create_zone, put_records, rrset, switch_cmd};
    use aws_sdk_route53::types::RrType;
    let moto = crate::testkit::moto().unwrap();
    let zone = create_zone(&moto, "example.internal", "aurora").await;
    create_cluster(&moto, "fam", true, &["fam-1"]).await;
    create_cluster(&moto, "fam-restore", true, &["fam-restore-1"]).await;
    let (old, _) = endpoints(&moto, "fam").await;
    let (new, _) = endpoints(&moto, "fam-restore").await;
    put_records(&moto, &zone, vec![rrset(RrType::Cname, &old, None)]).await;
    let env = TestEnv::with_moto(&moto);

    let out = env
        .cmd()
        .args([
            "cname",
            "show",
            "--zone",
            &zone,
            "--record",
            crate::cname::RECORD,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        crate::common::stdout(&out).contains("fam (Aurora cluster)"),
        "{}",
        crate::common::stdout(&out)
    );

    // --snapshot cannot apply to a cluster: refused before any change.
    moto.start_recording().unwrap();
    let out = switch_cmd(&env, &["--to", "fam-restore", "--stop-old", "--snapshot"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("create-db-cluster-snapshot"),
        "{}",
        stderr(&out)
    );
    assert!(changes(&moto.recorded().unwrap()).is_empty());

    moto.start_recording().unwrap();
    let out = switch_cmd(&env, &["--to", "fam-restore", "--stop-old"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let calls = moto.recorded().unwrap();
    let ch = changes(&calls);
    assert_eq!(ch.len(), 1, "{calls:?}");
    assert!(
        ch[0].body.contains(&format!("<Value>{new}</Value>")),
        "{}",
        ch[0].body
    );
    let stops = calls_named(&calls, "StopDBCluster");
    assert_eq!(stops.len(), 1, "{calls:?}");
    assert_eq!(
        stops[0].param("DBClusterIdentifier").as_deref(),
        Some("fam")
    );
    assert!(calls_named(&calls, "StopDBInstance").is_empty());
    assert!(
        err.contains("a stopped Aurora cluster starts again by itself after 7 days"),
        "{err}"
    );

    // Rollback: StartDBCluster, wait, then the old writer endpoint again.
    moto.start_recording().unwrap();
    let out = switch_cmd(&env, &["--rollback"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let calls = moto.recorded().unwrap();
    let starts = calls_named(&calls, "StartDBCluster");
    assert_eq!(starts.len(), 1, "{calls:?}");
    assert_eq!(
        starts[0].param("DBClusterIdentifier").as_deref(),
        Some("fam")
    );
    let ch = changes(&calls);
    assert_eq!(ch.len(), 1);
    assert!(
        ch[0].body.contains(&format!("<Value>{old}</Value>")),
        "{}",
        ch[0].body
    );
    let pos = |a: &str| calls.iter().position(|c| c.action().as_deref() == Some(a));
    let change_pos = calls
        .iter()
        .position(|c| c.method == "POST" && c.url.contains("/rrset"));
    assert!(
        pos("StartDBCluster") < change_pos,
        "started before switching back"
    );

    // A cluster whose instances are not there yet: refused even when the
    // connection check is skipped (nothing would answer on its endpoint).
    create_cluster(&moto, "fam-bare", true, &[]).await;
    moto.start_recording().unwrap();
    let out = switch_cmd(&env, &["--to", "fam-bare"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Aurora cluster `fam-bare` cannot answer on its endpoint: it has no writer instance; nothing was changed"),
        "{}",
        stderr(&out)
    );
    assert!(changes(&moto.recorded().unwrap()).is_empty());

    // An unknown target: neither an instance nor a cluster.
    let out = switch_cmd(&env, &["--to", "nope"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no RDS instance or Aurora cluster `nope`; nothing was changed"),
        "{}",
        stderr(&out)
    );
}

/// A writer instance named like its cluster: the name means the cluster
/// (its endpoint follows failovers), for connect and for restore.
#[tokio::test]
async fn a_writer_named_like_its_cluster_means_the_cluster() {
    let moto = crate::testkit::moto().unwrap();
    create_cluster(&moto, "same", true, &["same", "same-2"]).await;
    let (writer, reader) = endpoints(&moto, "same").await;
    let env = TestEnv::with_moto(&moto);
    let (v, _) = env_json(&env, &["same"]);
    assert_eq!(v["PGHOST"], writer.as_str());
    let (v, _) = env_json(&env, &["same", "--reader"]);
    assert_eq!(v["PGHOST"], reader.as_str());
    let out = env
        .cmd()
        .args(["restore", "--source", "same", "--latest", "--dry-run"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        crate::common::stdout(&out).contains("source:       Aurora cluster same"),
        "{}",
        crate::common::stdout(&out)
    );
}
