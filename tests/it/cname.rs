//! `dbtool cname show|switch` against moto (Route53 and RDS, requests checked
//! with moto's recorder) and, for the open-connection report, a real
//! PostgreSQL standing in for the old instance.

use crate::common::{stderr, stdout, TestEnv};
use crate::restore::{moto_env, rds_client, sdk_config};
use crate::testkit::{MotoGuard, Recorded};
use aws_sdk_route53::types::{
    Change, ChangeAction, ChangeBatch, ResourceRecord, ResourceRecordSet, RrType,
};

pub const RECORD: &str = "db.example.internal";

async fn create_instance(moto: &MotoGuard, id: &str) -> String {
    let rds = rds_client(moto).await;
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

async fn r53(moto: &MotoGuard) -> aws_sdk_route53::Client {
    aws_sdk_route53::Client::new(&sdk_config(moto).await)
}

pub async fn create_zone(moto: &MotoGuard, name: &str, reference: &str) -> String {
    let out = r53(moto)
        .await
        .create_hosted_zone()
        .name(name)
        .caller_reference(reference)
        .send()
        .await
        .unwrap();
    out.hosted_zone()
        .unwrap()
        .id()
        .trim_start_matches("/hostedzone/")
        .to_string()
}

pub async fn put_records(moto: &MotoGuard, zone: &str, sets: Vec<ResourceRecordSet>) {
    let mut batch = ChangeBatch::builder();
    for s in sets {
        batch = batch.changes(
            Change::builder()
                .action(ChangeAction::Create)
                .resource_record_set(s)
                .build()
                .unwrap(),
        );
    }
    r53(moto)
        .await
        .change_resource_record_sets()
        .hosted_zone_id(zone)
        .change_batch(batch.build().unwrap())
        .send()
        .await
        .unwrap();
}

pub fn rrset(rtype: RrType, value: &str, set: Option<(&str, i64)>) -> ResourceRecordSet {
    let mut b = ResourceRecordSet::builder()
        .name(RECORD)
        .r#type(rtype)
        .ttl(60)
        .resource_records(ResourceRecord::builder().value(value).build().unwrap());
    if let Some((id, w)) = set {
        b = b.set_identifier(id).weight(w);
    }
    b.build().unwrap()
}

/// Zone, old and new instances; returns (zone id, old endpoint, new endpoint).
async fn world(moto: &MotoGuard) -> (String, String, String) {
    let zone = create_zone(moto, "example.internal", "one").await;
    let old = create_instance(moto, "notifydb").await;
    let new = create_instance(moto, "notifydb-restore").await;
    (zone, old, new)
}

pub fn changes(calls: &[Recorded]) -> Vec<&Recorded> {
    calls
        .iter()
        .filter(|c| c.method == "POST" && c.url.contains("/rrset"))
        .collect()
}

pub fn switch_cmd(env: &TestEnv, extra: &[&str]) -> std::process::Output {
    env.cmd()
        .args([
            "cname",
            "switch",
            "--zone",
            "example.internal",
            "--record",
            RECORD,
            "--yes",
            "--skip-connect-check",
            "--no-wait-ttl",
            "--poll-interval",
            "50ms",
        ])
        .args(extra)
        .output()
        .unwrap()
}

fn show_json(env: &TestEnv) -> serde_json::Value {
    let out = env
        .cmd()
        .args([
            "cname",
            "show",
            "--zone",
            "example.internal",
            "--record",
            RECORD,
            "--output-format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[tokio::test]
async fn simple_switch_then_rollback() {
    let moto = crate::testkit::moto().unwrap();
    let (zone, old, new) = world(&moto).await;
    put_records(&moto, &zone, vec![rrset(RrType::Cname, &old, None)]).await;
    let env = moto_env(&moto);

    let out = env
        .cmd()
        .args(["cname", "show", "--zone", &zone, "--record", RECORD])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("simple CNAME"), "{text}");
    assert!(
        text.contains(&old) && text.contains("notifydb  available"),
        "{text}"
    );

    moto.start_recording().unwrap();
    let out = switch_cmd(&env, &["--to", "notifydb-restore"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let calls = moto.recorded().unwrap();
    let ch = changes(&calls);
    assert_eq!(ch.len(), 1, "{calls:?}");
    let body = &ch[0].body;
    assert_eq!(body.matches("<Action>UPSERT</Action>").count(), 1, "{body}");
    assert!(body.contains(&format!("<Value>{new}</Value>")), "{body}");
    assert!(body.contains("<TTL>60</TTL>"), "{body}");
    assert!(
        calls
            .iter()
            .any(|c| c.method == "GET" && c.url.contains("/change/")),
        "GetChange polled: {calls:?}"
    );
    let tag = calls
        .iter()
        .find(|c| c.action().as_deref() == Some("AddTagsToResource"))
        .expect("tagged");
    assert_eq!(
        tag.param("Tags.Tag.1.Key").as_deref(),
        Some("dbtool:cname-switch")
    );
    assert!(tag
        .param("Tags.Tag.1.Value")
        .unwrap()
        .contains(&format!("{old} -> {new}")));
    for s in ["[1/6]", "[2/6]", "[3/6]", "[4/6]", "[5/6]", "[6/6]"] {
        assert!(err.contains(s), "{s}: {err}");
    }
    assert!(err.contains(&format!("old: {old}")), "{err}");
    assert!(err.contains(&format!("new: {new}")), "{err}");
    let v = show_json(&env);
    assert_eq!(v["records"][0]["values"][0], new.as_str());
    assert_eq!(v["records"][0]["instance"], "notifydb-restore");
    assert!(env
        .home
        .join(".local/state/dbtool/cname-history.jsonl")
        .exists());

    // Switching again to the same instance is refused, nothing changed.
    moto.start_recording().unwrap();
    let out = switch_cmd(&env, &["--to", "notifydb-restore"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("already points at"),
        "{}",
        stderr(&out)
    );
    assert!(changes(&moto.recorded().unwrap()).is_empty());

    moto.start_recording().unwrap();
    let out = switch_cmd(&env, &["--rollback"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let calls = moto.recorded().unwrap();
    let ch = changes(&calls);
    assert_eq!(ch.len(), 1);
    assert!(
        ch[0].body.contains(&format!("<Value>{old}</Value>")),
        "{}",
        ch[0].body
    );
    assert_eq!(show_json(&env)["records"][0]["instance"], "notifydb");
}

#[tokio::test]
async fn weighted_gradual_then_full_with_stop_old() {
    let moto = crate::testkit::moto().unwrap();
    let (zone, old, new) = world(&moto).await;
    put_records(
        &moto,
        &zone,
        vec![rrset(RrType::Cname, &old, Some(("blue", 100)))],
    )
    .await;
    let env = moto_env(&moto);
    // The latest `dbtool restore` target is the default.
    std::fs::create_dir_all(env.home.join(".local/state/dbtool")).unwrap();
    std::fs::write(
        env.home.join(".local/state/dbtool/restores.jsonl"),
        "{\"started\":\"2026-01-01T00:00:00Z\",\"source\":\"notifydb\",\"target\":\"notifydb-restore\",\"restore_time\":\"latest\"}\n",
    )
    .unwrap();

    moto.start_recording().unwrap();
    let out = switch_cmd(&env, &["--weight", "10"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let calls = moto.recorded().unwrap();
    let ch = changes(&calls);
    assert_eq!(ch.len(), 1, "one atomic batch");
    let body = &ch[0].body;
    assert_eq!(body.matches("<Action>UPSERT</Action>").count(), 2, "{body}");
    assert!(
        body.contains("<SetIdentifier>blue</SetIdentifier><Weight>90</Weight>")
            || body.contains("<Weight>90</Weight>"),
        "{body}"
    );
    assert!(
        body.contains("<SetIdentifier>notifydb-restore</SetIdentifier>"),
        "{body}"
    );
    assert!(body.contains("<Weight>10</Weight>"), "{body}");
    assert!(calls
        .iter()
        .all(|c| c.action().as_deref() != Some("StopDBInstance")));

    let v = show_json(&env);
    let recs = v["records"].as_array().unwrap();
    assert_eq!(recs.len(), 2);
    let w = |inst: &str| recs.iter().find(|r| r["instance"] == inst).unwrap()["weight"].clone();
    assert_eq!(w("notifydb"), 90);
    assert_eq!(w("notifydb-restore"), 10);

    moto.start_recording().unwrap();
    let out = switch_cmd(
        &env,
        &["--to", "notifydb-restore", "--stop-old", "--snapshot"],
    );
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let calls = moto.recorded().unwrap();
    let ch = changes(&calls);
    assert_eq!(ch.len(), 1);
    assert!(
        ch[0].body.contains("<Weight>0</Weight>") && ch[0].body.contains("<Weight>100</Weight>"),
        "{}",
        ch[0].body
    );
    assert!(ch[0].body.contains(&new));
    let stop: Vec<_> = calls
        .iter()
        .filter(|c| c.action().as_deref() == Some("StopDBInstance"))
        .collect();
    assert_eq!(stop.len(), 1, "{calls:?}");
    assert_eq!(
        stop[0].param("DBInstanceIdentifier").as_deref(),
        Some("notifydb")
    );
    assert!(stop[0]
        .param("DBSnapshotIdentifier")
        .unwrap()
        .starts_with("notifydb-before-stop-"));
    assert!(err.contains("starts again by itself after 7 days"), "{err}");
    assert!(
        err.contains("cannot list the connections on notifydb"),
        "{err}"
    );
    assert!(err.contains("--old-url"), "{err}");
}

#[tokio::test]
async fn refusals_change_nothing() {
    let moto = crate::testkit::moto().unwrap();
    let (zone, old, new) = world(&moto).await;
    let env = moto_env(&moto);
    moto.start_recording().unwrap();

    // Record missing.
    let out = switch_cmd(&env, &["--to", "notifydb-restore"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no record `db.example.internal`"),
        "{}",
        stderr(&out)
    );

    // Mixed simple and weighted.
    put_records(
        &moto,
        &zone,
        vec![
            rrset(RrType::Cname, &old, Some(("blue", 100))),
            rrset(RrType::Cname, &new, None),
        ],
    )
    .await;
    let out = switch_cmd(&env, &["--to", "notifydb-restore"]);
    assert!(
        stderr(&out).contains("mixes simple and weighted"),
        "{}",
        stderr(&out)
    );

    // Target missing, then not available.
    let other = create_zone(&moto, "other.internal", "two").await;
    let out = env
        .cmd()
        .args([
            "cname",
            "switch",
            "--zone",
            &other,
            "--record",
            "db.other.internal",
            "--to",
            "nosuch",
            "--yes",
        ])
        .output()
        .unwrap();
    assert!(stderr(&out).contains("no record"), "{}", stderr(&out));
    let a_zone = create_zone(&moto, "a.internal", "three").await;
    let mut a = rrset(RrType::A, "10.0.0.1", None);
    a.name = "db.a.internal".into();
    put_records(&moto, &a_zone, vec![a]).await;
    let out = env
        .cmd()
        .args([
            "cname",
            "switch",
            "--zone",
            "a.internal",
            "--record",
            "db.a.internal",
            "--to",
            "notifydb-restore",
            "--yes",
        ])
        .output()
        .unwrap();
    assert!(stderr(&out).contains("has a A record"), "{}", stderr(&out));

    let simple_zone = create_zone(&moto, "simple.internal", "four").await;
    let mut c = rrset(RrType::Cname, &old, None);
    c.name = "db.simple.internal".into();
    put_records(&moto, &simple_zone, vec![c]).await;
    let args = |to: &str| {
        env.cmd()
            .args([
                "cname",
                "switch",
                "--zone",
                "simple.internal",
                "--record",
                "db.simple.internal",
                "--to",
                to,
                "--yes",
                "--no-wait-ttl",
            ])
            .output()
            .unwrap()
    };
    let out = args("nosuch");
    assert!(
        stderr(&out).contains("no RDS instance or Aurora cluster `nosuch`; nothing was changed"),
        "{}",
        stderr(&out)
    );
    rds_client(&moto)
        .await
        .stop_db_instance()
        .db_instance_identifier("notifydb-restore")
        .send()
        .await
        .unwrap();
    moto.start_recording().unwrap();
    let out = args("notifydb-restore");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is `stopped`, not available"),
        "{}",
        stderr(&out)
    );

    // Two zones with one name.
    create_zone(&moto, "simple.internal", "five").await;
    let out = args("notifydb-restore");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("several hosted zones are named `simple.internal`"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains(&simple_zone), "{}", stderr(&out));

    let calls = moto.recorded().unwrap();
    assert!(changes(&calls).is_empty(), "{calls:?}");
    assert!(calls
        .iter()
        .all(|c| c.action().as_deref() != Some("StopDBInstance")));
}

#[tokio::test]
async fn dry_run_changes_nothing() {
    let moto = crate::testkit::moto().unwrap();
    let (zone, old, new) = world(&moto).await;
    put_records(&moto, &zone, vec![rrset(RrType::Cname, &old, None)]).await;
    let env = moto_env(&moto);
    moto.start_recording().unwrap();
    let out = switch_cmd(
        &env,
        &[
            "--to",
            "notifydb-restore",
            "--dry-run",
            "--output-format",
            "json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["upserts"][0]["values"][0], new.as_str());
    assert_eq!(v["before"][0]["values"][0], old.as_str());
    let calls = moto.recorded().unwrap();
    assert!(changes(&calls).is_empty());
    assert!(calls
        .iter()
        .all(|c| c.action().as_deref() != Some("AddTagsToResource")));
}

/// A real PostgreSQL stands in for the old instance (`--old-url`); an
/// application connection left open there is reported.
#[tokio::test]
async fn open_connections_on_the_old_database_are_reported() {
    let moto = crate::testkit::moto().unwrap();
    let (zone, old, _new) = world(&moto).await;
    put_records(&moto, &zone, vec![rrset(RrType::Cname, &old, None)]).await;
    let db = crate::testkit::fresh_database().await.unwrap();
    let app = db.connect().await.unwrap();
    app.batch_execute("SET application_name = 'lingering-app'")
        .await
        .unwrap();
    let env = moto_env(&moto);
    let out = switch_cmd(
        &env,
        &["--to", "notifydb-restore", "--old-url", &db.url(true)],
    );
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("client connection(s) still open"), "{err}");
    assert!(err.contains("lingering-app"), "{err}");
    assert!(err.contains("--stop-old"), "{err}");
    drop(app);
}

/// `--rollback` after `--stop-old`: the old instance is stopped. Without
/// `--yes` and no terminal it refuses and changes nothing; `--dry-run` says
/// it would start it; with `--yes` it starts it (StartDBInstance), waits for
/// it to be available, then switches back.
#[tokio::test]
async fn rollback_after_stop_old_starts_the_old_instance_first() {
    let moto = crate::testkit::moto().unwrap();
    let (zone, old, _new) = world(&moto).await;
    put_records(&moto, &zone, vec![rrset(RrType::Cname, &old, None)]).await;
    let env = moto_env(&moto);
    let out = switch_cmd(&env, &["--to", "notifydb-restore", "--stop-old"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rds = rds_client(&moto).await;
    let status = |rds: aws_sdk_rds::Client| async move {
        rds.describe_db_instances()
            .db_instance_identifier("notifydb")
            .send()
            .await
            .unwrap()
            .db_instances()[0]
            .db_instance_status()
            .unwrap()
            .to_string()
    };
    assert_eq!(status(rds.clone()).await, "stopped");

    // No terminal, no --yes: refused before anything changes.
    moto.start_recording().unwrap();
    let out = env
        .cmd()
        .args([
            "cname",
            "switch",
            "--zone",
            "example.internal",
            "--record",
            RECORD,
            "--rollback",
            "--skip-connect-check",
            "--no-wait-ttl",
            "--poll-interval",
            "50ms",
        ])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("`notifydb` is stopped"), "{err}");
    assert!(err.contains("Start `notifydb`"), "{err}");
    assert!(err.contains("--yes"), "{err}");
    let calls = moto.recorded().unwrap();
    assert!(changes(&calls).is_empty(), "{calls:?}");
    assert!(calls
        .iter()
        .all(|c| c.action().as_deref() != Some("StartDBInstance")));

    // Dry run: says what it would do, does nothing.
    moto.start_recording().unwrap();
    let out = switch_cmd(&env, &["--rollback", "--dry-run"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("would start `notifydb`"), "{err}");
    let calls = moto.recorded().unwrap();
    assert!(changes(&calls).is_empty(), "{calls:?}");
    assert!(calls
        .iter()
        .all(|c| c.action().as_deref() != Some("StartDBInstance")));

    // --yes: start, wait, switch back.
    moto.start_recording().unwrap();
    let out = switch_cmd(&env, &["--rollback"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let calls = moto.recorded().unwrap();
    let start: Vec<usize> = calls
        .iter()
        .enumerate()
        .filter(|(_, c)| c.action().as_deref() == Some("StartDBInstance"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(start.len(), 1, "{calls:?}");
    assert_eq!(
        calls[start[0]].param("DBInstanceIdentifier").as_deref(),
        Some("notifydb")
    );
    let change = calls
        .iter()
        .position(|c| c.method == "POST" && c.url.contains("/rrset"))
        .expect("switched back");
    assert!(start[0] < change, "started before switching back");
    assert!(
        calls[change]
            .body
            .contains(&format!("<Value>{old}</Value>")),
        "{}",
        calls[change].body
    );
    assert!(err.contains("`notifydb` is available"), "{err}");
    assert_eq!(status(rds).await, "available");
    assert_eq!(show_json(&env)["records"][0]["instance"], "notifydb");
}

/// Ctrl-C while waiting the TTL: the record is already switched; dbtool says
/// so, which steps were skipped and what to run next, and exits 130.
#[tokio::test]
async fn ctrl_c_during_the_ttl_wait_says_what_was_done() {
    use std::io::BufRead;
    let moto = crate::testkit::moto().unwrap();
    let (zone, old, new) = world(&moto).await;
    put_records(&moto, &zone, vec![rrset(RrType::Cname, &old, None)]).await;
    let env = moto_env(&moto);
    let mut child = env
        .std_cmd()
        .args([
            "cname",
            "switch",
            "--zone",
            "example.internal",
            "--record",
            RECORD,
            "--to",
            "notifydb-restore",
            "--yes",
            "--skip-connect-check",
            "--poll-interval",
            "50ms",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut reader = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut seen = String::new();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !seen.contains("[5/6]") {
        let mut line = String::new();
        assert!(
            reader.read_line(&mut line).unwrap() > 0,
            "ended early: {seen}"
        );
        seen.push_str(&line);
        assert!(std::time::Instant::now() < deadline, "{seen}");
    }
    std::thread::sleep(std::time::Duration::from_millis(300));
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(child.id() as i32),
        nix::sys::signal::Signal::SIGINT,
    )
    .unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut reader, &mut rest).unwrap();
    let status = child.wait().unwrap();
    let err = format!("{seen}{rest}");
    assert_eq!(status.code(), Some(130), "{err}");
    assert!(err.contains("record switched at "), "{err}");
    assert!(err.contains("steps 5–6 skipped"), "{err}");
    assert!(err.contains("dbtool cname switch --rollback"), "{err}");
    assert!(err.contains("dbtool cname show"), "{err}");
    // The switch itself happened and is recorded for --rollback.
    assert_eq!(show_json(&env)["records"][0]["values"][0], new.as_str());
    assert!(env
        .home
        .join(".local/state/dbtool/cname-history.jsonl")
        .exists());
}
