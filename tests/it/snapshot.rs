//! `dbtool snapshot` and `migrate --snapshot` against moto (requests checked
//! with its recorder) and, for migrations, a real PostgreSQL reached through
//! the environment's `url` while the snapshot is of its `instance`.

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
        .allocated_storage(20)
        .master_username("postgres")
        .master_user_password("not-used-12345")
        .backup_retention_period(7)
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
    "CreateDBSnapshot",
    "CreateDBClusterSnapshot",
    "DeleteDBSnapshot",
    "DeleteDBClusterSnapshot",
];

fn assert_no_mutation(calls: &[Recorded]) {
    for c in calls {
        let a = c.action().unwrap_or_default();
        assert!(!MUTATING.contains(&a.as_str()), "mutating call {a}: {c:?}");
    }
}

async fn snapshot_ids(moto: &MotoGuard, instance: &str) -> Vec<String> {
    let out = rds(moto)
        .await
        .describe_db_snapshots()
        .db_instance_identifier(instance)
        .send()
        .await
        .unwrap();
    let mut ids: Vec<String> = out
        .db_snapshots()
        .iter()
        .filter_map(|s| s.db_snapshot_identifier().map(str::to_string))
        .collect();
    ids.sort();
    ids
}

const CONFIG: &str = "region = \"eu-west-2\"\n\
    [environments.staging]\ninstance = \"stagingdb\"\n\
    [environments.prod]\ninstance = \"proddb\"\nproduction = true\n\
    [environments.local]\nsandbox = true\n\
    [environments.plain]\nhost = \"db.example.internal\"\n";

#[tokio::test]
async fn create_list_prune_and_delete() {
    let moto = crate::testkit::moto().unwrap();
    create_instance(&moto, "stagingdb").await;
    create_instance(&moto, "proddb").await;
    let env = TestEnv::with_moto(&moto);
    env.write("dbtool.toml", CONFIG);
    let snap = |args: &[&str]| env.cmd().arg("snapshot").args(args).output().unwrap();

    // Bad input and non-RDS targets: usage errors, no call.
    moto.start_recording().unwrap();
    for (args, want) in [
        (
            vec!["create", "staging", "--name", "bad--name"],
            "two hyphens in a row",
        ),
        (
            vec!["create", "staging", "--name", "9lives"],
            "start with a letter",
        ),
        (vec!["create", "local"], "the local sandbox"),
        (vec!["create", "plain"], "not an RDS database"),
        (vec!["delete", "a_b"], "not a valid snapshot identifier"),
    ] {
        let out = snap(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(want), "{args:?}: {}", stderr(&out));
    }
    assert_no_mutation(&moto.recorded().unwrap());

    // A dry run shows the name and tags, and creates nothing.
    let out = snap(&["create", "staging", "--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("snapshot: stagingdb-2"),
        "{}",
        stdout(&out)
    );
    assert_no_mutation(&moto.recorded().unwrap());

    // Create: the default name, the tags, the instance.
    moto.start_recording().unwrap();
    let out = snap(&["create", "staging", "--no-wait"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let calls = moto.recorded().unwrap();
    let c = calls_named(&calls, "CreateDBSnapshot");
    assert_eq!(c.len(), 1, "{calls:?}");
    assert_eq!(
        c[0].param("DBInstanceIdentifier").as_deref(),
        Some("stagingdb")
    );
    let first = c[0].param("DBSnapshotIdentifier").unwrap();
    assert!(first.starts_with("stagingdb-20"), "{first}");
    assert_eq!(
        c[0].param("Tags.Tag.1.Key").as_deref(),
        Some("dbtool:created-by")
    );
    assert!(
        c[0].param("Tags.Tag.1.Value")
            .unwrap()
            .starts_with("arn:aws:"),
        "{}",
        c[0].body
    );
    assert_eq!(
        c[0].param("Tags.Tag.2.Key").as_deref(),
        Some("dbtool:reason")
    );
    assert_eq!(c[0].param("Tags.Tag.2.Value").as_deref(), Some("manual"));

    // Named, waited for; the same name again is an error naming it.
    let out = snap(&[
        "create",
        "staging",
        "--name",
        "before-v2",
        "--wait",
        "--poll-interval",
        "50ms",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("snapshot `before-v2` is available"),
        "{}",
        stderr(&out)
    );
    let out = snap(&["create", "staging", "--name", "before-v2", "--no-wait"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("a snapshot named `before-v2` already exists"),
        "{}",
        stderr(&out)
    );

    // A snapshot someone else took, without dbtool's tags.
    rds(&moto)
        .await
        .create_db_snapshot()
        .db_instance_identifier("stagingdb")
        .db_snapshot_identifier("theirs")
        .send()
        .await
        .unwrap();
    let out = snap(&["create", "staging", "--name", "newest", "--no-wait"]);
    assert!(out.status.success(), "{}", stderr(&out));

    // List: JSON with types and tags.
    let out = env
        .cmd()
        .args(["snapshot", "list", "staging", "--output-format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v["snapshots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    for id in [first.as_str(), "before-v2", "theirs", "newest"] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }

    // Prune --keep 1: a dry run deletes nothing; then only dbtool's older ones go.
    moto.start_recording().unwrap();
    let out = snap(&["prune", "staging", "--keep", "1", "--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_no_mutation(&moto.recorded().unwrap());
    let out = snap(&["prune", "staging", "--keep", "1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // moto keeps an automated `rds:` snapshot too (backups are on): never pruned.
    let left = snapshot_ids(&moto, "stagingdb").await;
    assert_eq!(left.len(), 3, "{left:?}");
    assert!(
        left[0] == "newest" && left[1].starts_with("rds:stagingdb-") && left[2] == "theirs",
        "{left:?}\n{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("theirs  (not taken by dbtool)"),
        "{}",
        stderr(&out)
    );

    // Deleting a snapshot dbtool did not take asks: refused without a terminal.
    moto.start_recording().unwrap();
    let out = snap(&["delete", "theirs"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("a snapshot dbtool did not take"),
        "{}",
        stderr(&out)
    );
    assert_no_mutation(&moto.recorded().unwrap());
    let out = snap(&["delete", "theirs", "nosuch"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("snapshot `nosuch` not found; nothing was deleted"));
    assert_no_mutation(&moto.recorded().unwrap());
    let out = snap(&["delete", "theirs", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!snapshot_ids(&moto, "stagingdb")
        .await
        .contains(&"theirs".to_string()));

    // Production: pruning asks even for dbtool's own snapshots.
    for n in ["p1", "p2"] {
        let out = snap(&["create", "prod", "--name", n, "--no-wait"]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let out = snap(&["prune", "prod", "--keep", "1"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("confirmation needed"),
        "{}",
        stderr(&out)
    );
    let left = snapshot_ids(&moto, "proddb").await;
    assert!(
        left.contains(&"p1".to_string()) && left.contains(&"p2".to_string()),
        "{left:?}"
    );
}

#[tokio::test]
async fn aurora_clusters_are_snapshotted_whole() {
    let moto = crate::testkit::moto().unwrap();
    crate::aurora::create_cluster(&moto, "fam", true, &["fam-1"]).await;
    let env = TestEnv::with_moto(&moto);
    moto.start_recording().unwrap();
    let out = env
        .cmd()
        .args([
            "snapshot",
            "create",
            "fam",
            "--name",
            "fam-before",
            "--no-wait",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let calls = moto.recorded().unwrap();
    let c = calls_named(&calls, "CreateDBClusterSnapshot");
    assert_eq!(c.len(), 1, "{calls:?}");
    assert_eq!(c[0].param("DBClusterIdentifier").as_deref(), Some("fam"));
    assert_eq!(
        c[0].param("DBClusterSnapshotIdentifier").as_deref(),
        Some("fam-before")
    );
    let out = env
        .cmd()
        .args(["snapshot", "create", "fam-1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("Aurora snapshots are of the whole cluster"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("dbtool snapshot create fam"),
        "{}",
        stderr(&out)
    );
}

/// `migrate --snapshot`: one snapshot before the first migration is applied
/// (its creation time precedes the history rows), none when nothing is
/// pending, and `--keep-snapshots` prunes the older pre-migrate ones.
#[tokio::test]
async fn migrate_snapshots_before_applying_and_prunes() {
    let moto = crate::testkit::moto().unwrap();
    create_instance(&moto, "appdb").await;
    let conn = crate::testkit::fresh_database().await.unwrap();
    let client = conn.connect().await.unwrap();
    let env = TestEnv::with_moto(&moto);
    env.write(
        "dbtool.toml",
        &format!(
            "region = \"eu-west-2\"\n[environments.app]\nurl = \"{}\"\ninstance = \"appdb\"\n",
            conn.url(true)
        ),
    );
    env.write("migrations/V1__one.sql", "create table one (id int);\n");
    let migrate = |extra: &[&str]| {
        env.cmd()
            .args([
                "migrate",
                "app",
                "--snapshot",
                "--keep-snapshots",
                "1",
                "--yes",
            ])
            .args(extra)
            .env("DBTOOL_POLL_INTERVAL", "50ms")
            .output()
            .unwrap()
    };

    // A dry run says it would snapshot, and calls nothing.
    moto.start_recording().unwrap();
    let out = migrate(&["--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("would first snapshot `appdb`"),
        "{}",
        stderr(&out)
    );
    assert_no_mutation(&moto.recorded().unwrap());

    moto.start_recording().unwrap();
    let out = migrate(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let calls = moto.recorded().unwrap();
    let c = calls_named(&calls, "CreateDBSnapshot");
    assert_eq!(c.len(), 1, "{calls:?}");
    assert_eq!(c[0].param("DBInstanceIdentifier").as_deref(), Some("appdb"));
    assert_eq!(
        c[0].param("Tags.Tag.2.Value").as_deref(),
        Some("pre-migrate")
    );
    assert_eq!(
        c[0].param("Tags.Tag.3.Key").as_deref(),
        Some("dbtool:schema-version")
    );
    assert_eq!(c[0].param("Tags.Tag.3.Value").as_deref(), Some("none"));
    let err = stderr(&out);
    assert!(err.contains("snapshot before this run: `appdb-"), "{err}");
    // The snapshot was created before the migration's history row.
    let snap = rds(&moto)
        .await
        .describe_db_snapshots()
        .db_instance_identifier("appdb")
        .send()
        .await
        .unwrap();
    let ours = snap
        .db_snapshots()
        .iter()
        .find(|s| s.snapshot_type() == Some("manual"))
        .unwrap();
    let created = ours.snapshot_create_time().unwrap().secs();
    let row = client
        .query_one(
            "select extract(epoch from installed_on)::bigint from flyway_schema_history where version = '1'",
            &[],
        )
        .await
        .unwrap();
    let installed: i64 = row.get(0);
    assert!(
        created <= installed,
        "snapshot {created} after history row {installed}"
    );

    // Nothing pending: no snapshot.
    moto.start_recording().unwrap();
    let out = migrate(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_no_mutation(&moto.recorded().unwrap());

    // V2: a second snapshot (at schema version 1), then the first is pruned.
    // Snapshot names carry the second: wait for the next one.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    env.write("migrations/V2__two.sql", "create table two (id int);\n");
    moto.start_recording().unwrap();
    let out = migrate(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let calls = moto.recorded().unwrap();
    let c = calls_named(&calls, "CreateDBSnapshot");
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].param("Tags.Tag.3.Value").as_deref(), Some("1"));
    assert_eq!(
        calls_named(&calls, "DeleteDBSnapshot").len(),
        1,
        "{calls:?}"
    );
    let ours: Vec<String> = snapshot_ids(&moto, "appdb")
        .await
        .into_iter()
        .filter(|id| !id.starts_with("rds:"))
        .collect();
    assert_eq!(ours.len(), 1, "{ours:?}");

    // A failed snapshot stops the run before any SQL: the instance is gone.
    rds(&moto)
        .await
        .delete_db_instance()
        .db_instance_identifier("appdb")
        .skip_final_snapshot(true)
        .send()
        .await
        .unwrap();
    env.write("migrations/V3__three.sql", "create table three (id int);\n");
    let out = migrate(&[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("the pre-migrate snapshot failed; nothing was applied"),
        "{}",
        stderr(&out)
    );
    let n: i64 = client
        .query_one(
            "select count(*) from flyway_schema_history where version = '3'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(n, 0, "V3 must not be applied");

    // --snapshot on a target that is not on RDS: a usage error, before anything.
    let db2 = crate::testkit::fresh_database().await.unwrap();
    let out = env
        .cmd()
        .args(["migrate", "--url", &db2.url(true), "--snapshot", "--yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--snapshot:"), "{}", stderr(&out));
    let c2 = db2.connect().await.unwrap();
    let exists: bool = c2
        .query_one(
            "select to_regclass('flyway_schema_history') is not null",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert!(!exists, "nothing ran");
}

async fn tagged_snapshot(moto: &MotoGuard, instance: &str, id: &str, version: &str) {
    let tag = |k: &str, v: &str| aws_sdk_rds::types::Tag::builder().key(k).value(v).build();
    rds(moto)
        .await
        .create_db_snapshot()
        .db_instance_identifier(instance)
        .db_snapshot_identifier(id)
        .tags(tag(
            "dbtool:created-by",
            "arn:aws:iam::123456789012:user/ci",
        ))
        .tags(tag("dbtool:reason", "pre-migrate"))
        .tags(tag("dbtool:schema-version", version))
        .send()
        .await
        .unwrap();
}

/// `restore --from-snapshot`: RestoreDBInstanceFromDBSnapshot with the live
/// source's settings (or the snapshot's own when the source is gone),
/// `latest` and `before:VERSION`, resume, dry run; clusters with
/// RestoreDBClusterFromSnapshot at the snapshot's engine version.
#[tokio::test]
async fn restore_from_a_snapshot_carries_the_settings() {
    let moto = crate::testkit::moto().unwrap();
    crate::restore::create_rich_source(&moto, "notifydb").await;
    tagged_snapshot(&moto, "notifydb", "pm-3", "3").await;
    std::thread::sleep(std::time::Duration::from_millis(1100));
    tagged_snapshot(&moto, "notifydb", "pm-5", "5").await;
    let env = TestEnv::with_moto(&moto);
    let restore = |extra: &[&str]| {
        env.cmd()
            .args(["restore", "--poll-interval", "50ms"])
            .args(extra)
            .output()
            .unwrap()
    };

    // Dry run: the plan names the snapshot; no mutating call.
    moto.start_recording().unwrap();
    let out = restore(&["--from-snapshot", "pm-3", "--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("from:         snapshot pm-3"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("settings from the live source instance `notifydb`"),
        "{}",
        stderr(&out)
    );
    for c in moto.recorded().unwrap() {
        let a = c.action().unwrap_or_default();
        assert!(!a.starts_with("Restore") && !a.starts_with("Modify"), "{a}");
    }

    moto.start_recording().unwrap();
    let out = restore(&["--from-snapshot", "pm-3", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let calls = moto.recorded().unwrap();
    let r = calls_named(&calls, "RestoreDBInstanceFromDBSnapshot");
    assert_eq!(r.len(), 1, "{calls:?}");
    for (k, v) in [
        ("DBSnapshotIdentifier", "pm-3"),
        ("DBInstanceIdentifier", "notifydb-restore"),
        ("DBInstanceClass", "db.r6g.large"),
        ("DBSubnetGroupName", "private-db"),
        ("VpcSecurityGroupIds.VpcSecurityGroupId.1", "sg-0aaa1111"),
        ("DBParameterGroupName", "pg-custom"),
        ("OptionGroupName", "og-custom"),
        ("MultiAZ", "true"),
        ("EnableIAMDatabaseAuthentication", "true"),
        ("DeletionProtection", "true"),
        ("Tags.Tag.3.Key", "dbtool:restore-time"),
        ("Tags.Tag.3.Value", "snapshot:pm-3"),
    ] {
        assert_eq!(r[0].param(k).as_deref(), Some(v), "{k} in {}", r[0].body);
    }
    assert!(calls_named(&calls, "RestoreDBInstanceToPointInTime").is_empty());
    let m = calls_named(&calls, "ModifyDBInstance");
    assert_eq!(m.len(), 1, "{calls:?}");
    assert_eq!(
        m[0].param("MaxAllocatedStorage").as_deref(),
        Some("500"),
        "{}",
        m[0].body
    );

    // The same restore again resumes; another snapshot into that name is refused.
    moto.start_recording().unwrap();
    let out = restore(&["--from-snapshot", "pm-3", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("resuming"), "{}", stderr(&out));
    let out = restore(&["--from-snapshot", "pm-5", "--yes"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(calls_named(&moto.recorded().unwrap(), "RestoreDBInstanceFromDBSnapshot").is_empty());

    // before:VERSION picks dbtool's newest pre-migrate snapshot below it; latest the newest.
    moto.start_recording().unwrap();
    let out = restore(&[
        "--source",
        "notifydb",
        "--from-snapshot",
        "before:5",
        "--target",
        "b5",
        "--yes",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = restore(&[
        "--source",
        "notifydb",
        "--from-snapshot",
        "latest",
        "--target",
        "l1",
        "--yes",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let calls = moto.recorded().unwrap();
    let picked: Vec<String> = calls_named(&calls, "RestoreDBInstanceFromDBSnapshot")
        .iter()
        .map(|c| c.param("DBSnapshotIdentifier").unwrap())
        .collect();
    assert_eq!(picked, ["pm-3", "pm-5"]);
    let out = restore(&[
        "--source",
        "notifydb",
        "--from-snapshot",
        "before:3",
        "--yes",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no pre-migrate snapshot of `notifydb` below schema version 3"),
        "{}",
        stderr(&out)
    );

    // Bad input: a time with a snapshot, a bad id, a missing snapshot.
    for (args, want) in [
        (
            vec!["--from-snapshot", "pm-3", "--latest"],
            "cannot be used with",
        ),
        (vec!["--from-snapshot", "bad--id"], "two hyphens"),
        (vec!["--from-snapshot", "before:x.y"], "is not a version"),
        (
            vec!["--from-snapshot", "nosuch", "--yes"],
            "snapshot `nosuch` not found",
        ),
    ] {
        let out = restore(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(want), "{args:?}: {}", stderr(&out));
    }

    // The source instance is gone: the snapshot's own metadata, said so.
    create_instance(&moto, "gone").await;
    rds(&moto)
        .await
        .create_db_snapshot()
        .db_instance_identifier("gone")
        .db_snapshot_identifier("gone-final")
        .send()
        .await
        .unwrap();
    rds(&moto)
        .await
        .delete_db_instance()
        .db_instance_identifier("gone")
        .skip_final_snapshot(true)
        .send()
        .await
        .unwrap();
    let out = restore(&["--from-snapshot", "gone-final", "--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no longer exists"),
        "{}",
        stderr(&out)
    );

    // Aurora: RestoreDBClusterFromSnapshot at the snapshot's version, then the members.
    crate::aurora::create_cluster(&moto, "fam", true, &["fam-1"]).await;
    let out = env
        .cmd()
        .args([
            "snapshot",
            "create",
            "fam",
            "--name",
            "fam-snap",
            "--no-wait",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    moto.start_recording().unwrap();
    let out = restore(&["--from-snapshot", "fam-snap", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let calls = moto.recorded().unwrap();
    let r = calls_named(&calls, "RestoreDBClusterFromSnapshot");
    assert_eq!(r.len(), 1, "{calls:?}");
    for (k, v) in [
        ("SnapshotIdentifier", "fam-snap"),
        ("DBClusterIdentifier", "fam-restore"),
        ("Engine", "aurora-postgresql"),
        ("EngineVersion", "15.4"),
        ("EnableIAMDatabaseAuthentication", "true"),
    ] {
        assert_eq!(r[0].param(k).as_deref(), Some(v), "{k} in {}", r[0].body);
    }
    assert_eq!(calls_named(&calls, "CreateDBInstance").len(), 1);
}
