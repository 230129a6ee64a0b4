//! `dbtool logs` against moto's CloudWatch Logs and RDS: four streams merged
//! in time order, filters, `--slow` with its summary, more than one page of
//! FilterLogEvents (seen by the recorder), `--follow` across a new stream
//! until Ctrl-C, a missing log group (the enable hint, then the log-file
//! fallback, which moto cannot serve: a clear error), bad input (exit 2).

use std::io::BufRead;
use std::time::{Duration, Instant};

use aws_sdk_cloudwatchlogs::types::InputLogEvent;
use chrono::{DateTime, TimeDelta, Utc};

use crate::common::{stderr, stdout, TestEnv};
use crate::testkit::MotoGuard;

const GROUP: &str = "/aws/rds/instance/notifydb/postgresql";

async fn logs_client(moto: &MotoGuard) -> aws_sdk_cloudwatchlogs::Client {
    aws_sdk_cloudwatchlogs::Client::new(&moto.sdk_config().await)
}

async fn create_instance(moto: &MotoGuard, id: &str) {
    let rds = aws_sdk_rds::Client::new(&moto.sdk_config().await);
    rds.create_db_instance()
        .db_instance_identifier(id)
        .db_instance_class("db.t4g.micro")
        .engine("postgres")
        .allocated_storage(20)
        .master_username("postgres")
        .master_user_password("not-used-12345")
        .send()
        .await
        .unwrap();
}

/// Puts `events` (time, stream, message) into GROUP, creating the group and streams.
async fn put(moto: &MotoGuard, group: &str, events: &[(DateTime<Utc>, &str, String)]) {
    let logs = logs_client(moto).await;
    let _ = logs.create_log_group().log_group_name(group).send().await;
    let mut streams: Vec<&str> = events.iter().map(|(_, s, _)| *s).collect();
    streams.sort();
    streams.dedup();
    for s in streams {
        let _ = logs
            .create_log_stream()
            .log_group_name(group)
            .log_stream_name(s)
            .send()
            .await;
        let mut mine: Vec<&(DateTime<Utc>, &str, String)> =
            events.iter().filter(|(_, st, _)| *st == s).collect();
        mine.sort_by_key(|(t, _, _)| *t);
        for chunk in mine.chunks(5000) {
            let batch: Vec<InputLogEvent> = chunk
                .iter()
                .map(|(t, _, m)| {
                    InputLogEvent::builder()
                        .timestamp(t.timestamp_millis())
                        .message(m.clone())
                        .build()
                        .unwrap()
                })
                .collect();
            logs.put_log_events()
                .log_group_name(group)
                .log_stream_name(s)
                .set_log_events(Some(batch))
                .send()
                .await
                .unwrap();
        }
    }
}

/// A line with RDS's default prefix.
fn line(t: DateTime<Utc>, user: &str, pid: u32, level: &str, message: &str) -> String {
    format!(
        "{}:10.0.1.5(40000):{user}@notify:[{pid}]:{level}:  {message}",
        t.format("%Y-%m-%d %H:%M:%S UTC")
    )
}

fn base() -> DateTime<Utc> {
    let t = Utc::now() - TimeDelta::minutes(30);
    DateTime::from_timestamp(t.timestamp(), 0).unwrap()
}

/// Twelve entries over four streams, given out of order: stream i holds
/// entries i, i+4, i+8.
fn four_stream_world(b: DateTime<Utc>) -> Vec<(DateTime<Utc>, &'static str, String)> {
    let streams = ["notifydb.0", "notifydb.1", "notifydb.2", "notifydb.3"];
    let mut out = Vec::new();
    for i in 0..12u32 {
        let t = b + TimeDelta::seconds(i as i64);
        let (user, level, msg) = match i {
            3 => ("app", "ERROR", "relation \"ordrs\" does not exist at character 15".to_string()),
            5 => ("batch", "LOG", "duration: 1500.250 ms  statement: SELECT * FROM orders WHERE id = 42".to_string()),
            7 => ("batch", "LOG", "duration: 700.000 ms  statement: SELECT * FROM orders WHERE id = 7".to_string()),
            8 => ("app", "LOG", "duration: 80.0 ms  statement: SELECT 1".to_string()),
            9 => ("app", "WARNING", "there is no transaction in progress".to_string()),
            10 => ("batch", "LOG", "duration: 900.5 ms  statement: UPDATE orders\n\tSET state = 'done'\n\tWHERE id = 3".to_string()),
            _ => ("app", "LOG", format!("entry {i}")),
        };
        let mut text = line(t, user, 100 + i, level, &msg);
        if i == 3 {
            text.push('\n');
            text.push_str(&line(t, user, 100 + i, "STATEMENT", "SELECT * FROM ordrs"));
        }
        out.push((t, streams[(i % 4) as usize], text));
    }
    out.reverse();
    out
}

fn moto_env(moto: &MotoGuard) -> TestEnv {
    TestEnv::with_moto(moto)
}

fn logs(env: &TestEnv, args: &[&str]) -> std::process::Output {
    env.cmd().arg("logs").args(args).output().unwrap()
}

/// FilterLogEvents requests the recorder saw, as JSON bodies.
fn filter_requests(moto: &MotoGuard) -> Vec<serde_json::Value> {
    moto.recorded()
        .unwrap()
        .into_iter()
        .filter_map(|r| serde_json::from_str::<serde_json::Value>(&r.body).ok())
        .filter(|b| b.get("logGroupName").is_some() && b.get("startTime").is_some())
        .collect()
}

#[tokio::test]
async fn four_streams_are_merged_in_time_order_with_details_kept() {
    let moto = crate::testkit::moto().unwrap();
    create_instance(&moto, "notifydb").await;
    let b = base();
    put(&moto, GROUP, &four_stream_world(b)).await;
    let env = moto_env(&moto);
    moto.start_recording().unwrap();
    let out = logs(&env, &["notifydb"]);
    let (text, err) = (stdout(&out), stderr(&out));
    assert!(out.status.success(), "{err}");
    let entry_lines: Vec<&str> = text.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(entry_lines.len(), 12, "{text}");
    for (i, l) in entry_lines.iter().enumerate() {
        let t = b + TimeDelta::seconds(i as i64);
        assert!(
            l.starts_with(&t.format("%Y-%m-%d %H:%M:%S UTC").to_string()),
            "line {i} out of order: {text}"
        );
    }
    assert!(entry_lines[0].contains("app@notify[100]") && entry_lines[0].ends_with("entry 0"));
    // The error's STATEMENT and the multi-line UPDATE stay under their entry.
    let all: Vec<&str> = text.lines().collect();
    let err_at = all.iter().position(|l| l.contains("ERROR")).unwrap();
    assert!(
        all[err_at + 1]
            .trim_start()
            .starts_with("STATEMENT: SELECT * FROM ordrs"),
        "{text}"
    );
    let upd = all
        .iter()
        .position(|l| l.contains("UPDATE orders"))
        .unwrap();
    assert_eq!(all[upd + 1].trim(), "SET state = 'done'", "{text}");
    assert_eq!(all[upd + 2].trim(), "WHERE id = 3", "{text}");
    assert!(
        err.contains(&format!(
            "read 12 event(s) from 4 stream(s) of {GROUP} in 1 page(s)"
        )),
        "{err}"
    );
    assert!(err.contains("12 entries shown"), "{err}");
    // One request over the whole group (no stream list), from --since's default.
    let reqs = filter_requests(&moto);
    assert_eq!(reqs.len(), 1, "{reqs:?}");
    assert_eq!(reqs[0]["logGroupName"], GROUP);
    assert!(reqs[0].get("logStreamNames").is_none());
    let start = reqs[0]["startTime"].as_i64().unwrap();
    let hour_ago = (Utc::now() - TimeDelta::hours(1)).timestamp_millis();
    assert!((start - hour_ago).abs() < 120_000, "{start} vs {hour_ago}");
}

#[tokio::test]
async fn grep_level_user_and_json() {
    let moto = crate::testkit::moto().unwrap();
    create_instance(&moto, "notifydb").await;
    put(&moto, GROUP, &four_stream_world(base())).await;
    let env = moto_env(&moto);

    let out = logs(&env, &["notifydb", "--grep", "ordrs"]);
    let text = stdout(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    // Matched in the STATEMENT line too: one entry, shown whole.
    assert_eq!(
        text.lines().filter(|l| !l.starts_with(' ')).count(),
        1,
        "{text}"
    );
    assert!(
        text.contains("relation \"ordrs\" does not exist")
            && text.contains("STATEMENT: SELECT * FROM ordrs"),
        "{text}"
    );
    assert!(stderr(&out).contains("1 entry shown"), "{}", stderr(&out));

    let out = logs(&env, &["notifydb", "--level", "error"]);
    let text = stdout(&out);
    let heads: Vec<&str> = text.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(heads.len(), 1, "{text}");
    assert!(heads[0].contains("ERROR"), "{text}");

    let out = logs(&env, &["notifydb", "--level", "warning"]);
    let text = stdout(&out);
    assert_eq!(
        text.lines().filter(|l| !l.starts_with(' ')).count(),
        2,
        "{text}"
    );

    let out = logs(&env, &["notifydb", "--user", "batch"]);
    let text = stdout(&out);
    assert_eq!(
        text.lines().filter(|l| !l.starts_with(' ')).count(),
        3,
        "{text}"
    );
    assert!(
        text.lines()
            .filter(|l| !l.starts_with(' '))
            .all(|l| l.contains("batch@notify")),
        "{text}"
    );

    let out = logs(
        &env,
        &["notifydb", "--output-format", "json", "--level", "error"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["source"]["log_group"], GROUP);
    let e = &doc["entries"][0];
    assert_eq!(doc["entries"].as_array().unwrap().len(), 1, "{doc}");
    assert_eq!(e["level"], "ERROR");
    assert_eq!(e["user"], "app");
    assert_eq!(e["database"], "notify");
    assert_eq!(e["pid"], 103);
    assert_eq!(e["client"], "10.0.1.5(40000)");
    assert_eq!(e["details"][0]["level"], "STATEMENT");
    assert_eq!(e["details"][0]["message"], "SELECT * FROM ordrs");
    assert!(e["time"].as_str().unwrap().ends_with('Z'), "{e}");
}

#[tokio::test]
async fn slow_keeps_long_statements_and_sums_them_by_fingerprint() {
    let moto = crate::testkit::moto().unwrap();
    create_instance(&moto, "notifydb").await;
    put(&moto, GROUP, &four_stream_world(base())).await;
    let env = moto_env(&moto);
    let out = logs(&env, &["notifydb", "--slow", "500ms"]);
    let (text, err) = (stdout(&out), stderr(&out));
    assert!(out.status.success(), "{err}");
    let heads: Vec<&str> = text
        .lines()
        .take_while(|l| !l.is_empty())
        .filter(|l| !l.starts_with(' '))
        .collect();
    assert_eq!(heads.len(), 3, "{text}");
    assert!(
        !text.contains("SELECT 1"),
        "80 ms is under the threshold: {text}"
    );
    let table: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("COUNT"))
        .collect();
    assert!(table[0].starts_with("COUNT  TOTAL"), "{text}");
    assert!(table[0].ends_with("STATEMENT (normalised)"), "{text}");
    let cells = |l: &str| -> Vec<String> {
        l.split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect()
    };
    // Two SELECTs differing only in their constant: one row, first (most time).
    assert_eq!(
        cells(table[2]),
        [
            "2",
            "2.20 s",
            "1.50 s",
            "1.10 s",
            "SELECT * FROM orders WHERE id = $1"
        ],
        "{text}"
    );
    assert_eq!(
        cells(table[3]),
        [
            "1",
            "900.5 ms",
            "900.5 ms",
            "900.5 ms",
            "UPDATE orders SET state = $1 WHERE id = $2"
        ],
        "{text}"
    );
    assert_eq!(table.len(), 4, "{text}");
    assert!(
        err.contains("slowest statements by total time: 2 of 2 shown"),
        "{err}"
    );

    let out = logs(
        &env,
        &["notifydb", "--slow", "1s", "--output-format", "json"],
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["entries"].as_array().unwrap().len(), 1, "{doc}");
    assert_eq!(doc["entries"][0]["duration_ms"], 1500.25);
    assert_eq!(doc["slow_summary"][0]["count"], 1);
    assert_eq!(doc["slow_summary"][0]["max_ms"], 1500.25);
}

#[tokio::test]
async fn every_page_is_read_to_the_end() {
    let moto = crate::testkit::moto().unwrap();
    create_instance(&moto, "notifydb").await;
    let b = base();
    // More than one page: moto (like AWS) returns at most 10,000 events a page.
    let n = 10_400u32;
    let streams = ["s0", "s1", "s2", "s3"];
    let events: Vec<(DateTime<Utc>, &str, String)> = (0..n)
        .map(|i| {
            let t = b + TimeDelta::milliseconds(i as i64 * 100);
            (
                t,
                streams[(i % 4) as usize],
                line(t, "app", i, "LOG", &format!("n={i}")),
            )
        })
        .collect();
    put(&moto, GROUP, &events).await;
    let env = moto_env(&moto);
    moto.start_recording().unwrap();
    let out = logs(&env, &["notifydb", "--output-format", "json"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let entries = doc["entries"].as_array().unwrap();
    assert_eq!(entries.len(), n as usize);
    // In time order across the pages and streams.
    for (i, e) in entries.iter().enumerate() {
        assert_eq!(e["pid"], i as u64, "entry {i}");
    }
    assert!(
        err.contains(&format!(
            "read {n} event(s) from 4 stream(s) of {GROUP} in 2 page(s)"
        )),
        "{err}"
    );
    let reqs = filter_requests(&moto);
    assert_eq!(reqs.len(), 2, "{reqs:?}");
    assert!(reqs[0].get("nextToken").is_none());
    assert!(reqs[1]["nextToken"].as_str().is_some_and(|t| !t.is_empty()));
}

#[tokio::test]
async fn a_missing_log_group_says_how_to_export_then_reads_the_log_files() {
    let moto = crate::testkit::moto().unwrap();
    create_instance(&moto, "notifydb").await;
    let env = moto_env(&moto);
    moto.start_recording().unwrap();
    let out = logs(&env, &["notifydb"]);
    let err = stderr(&out);
    assert!(
        err.contains(&format!("warning: log group {GROUP} does not exist: the PostgreSQL log is not exported to CloudWatch Logs")),
        "{err}"
    );
    assert!(
        err.contains("EnableCloudwatchLogsExports=postgresql"),
        "{err}"
    );
    assert!(
        err.contains(r#"aws rds modify-db-instance --db-instance-identifier notifydb --cloudwatch-logs-export-configuration '{"EnableLogTypes":["postgresql"]}'"#),
        "{err}"
    );
    // The fallback lists the files and downloads from the start; moto does
    // not implement DownloadDBLogFilePortion, so it ends in a clear error.
    assert!(
        err.contains("reading 1 of the 1 log file(s) of `notifydb`"),
        "{err}"
    );
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error: cannot download the log file `error/postgresql.log."),
        "{err}"
    );
    assert!(
        err.contains("of `notifydb` (DownloadDBLogFilePortion)"),
        "{err}"
    );
    crate::aws::assert_no_debug_text(&err);
    assert!(stdout(&out).is_empty());
    let calls = moto.recorded().unwrap();
    let actions: Vec<String> = calls.iter().filter_map(|c| c.action()).collect();
    assert!(
        actions.contains(&"DescribeDBLogFiles".to_string()),
        "{actions:?}"
    );
    let download = calls
        .iter()
        .find(|c| c.action().as_deref() == Some("DownloadDBLogFilePortion"))
        .expect("a download request");
    assert_eq!(download.param("Marker").as_deref(), Some("0"));
    assert_eq!(
        download.param("DBInstanceIdentifier").as_deref(),
        Some("notifydb")
    );
}

#[tokio::test]
async fn an_unknown_instance_is_named() {
    let moto = crate::testkit::moto().unwrap();
    let env = moto_env(&moto);
    let out = logs(&env, &["nodb"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error: RDS instance `nodb` not found"),
        "{err}"
    );
}

#[tokio::test]
async fn a_configured_environment_with_its_own_prefix() {
    let moto = crate::testkit::moto().unwrap();
    create_instance(&moto, "shopdb").await;
    let b = base();
    let ms = |t: DateTime<Utc>| t.format("%Y-%m-%d %H:%M:%S%.3f UTC").to_string();
    put(
        &moto,
        "/aws/rds/instance/shopdb/postgresql",
        &[
            (
                b,
                "shopdb",
                format!("{} [31] app@shop ERROR:  deadlock detected", ms(b)),
            ),
            (
                b + TimeDelta::seconds(1),
                "shopdb",
                format!(
                    "{} [9] LOG:  checkpoint complete",
                    ms(b + TimeDelta::seconds(1))
                ),
            ),
        ],
    )
    .await;
    let env = moto_env(&moto);
    env.write(
        "dbtool.toml",
        "[environments.shop]\ninstance = \"shopdb\"\nregion = \"eu-west-2\"\n\n[environments.shop.logs]\nlog_line_prefix = \"%m [%p] %q%u@%d \"\n",
    );
    let out = logs(
        &env,
        &["shop", "--level", "error", "--output-format", "json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["entries"].as_array().unwrap().len(), 1, "{doc}");
    assert_eq!(doc["entries"][0]["user"], "app");
    assert_eq!(doc["entries"][0]["pid"], 31);
    assert_eq!(doc["entries"][0]["message"], "deadlock detected");

    // The default prefix on these lines: nothing matches, and dbtool says so.
    env.write(
        "dbtool.toml",
        "[environments.shop]\ninstance = \"shopdb\"\n",
    );
    let out = logs(&env, &["--env", "shop"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("no line matched the log_line_prefix `%t:%r:%u@%d:[%p]:`"),
        "{err}"
    );
    assert!(err.contains("[environments.shop.logs]"), "{err}");
    assert_eq!(stdout(&out).lines().count(), 2);
}

#[test]
fn a_bad_prefix_in_dbtool_toml_is_a_configuration_error() {
    let env = TestEnv::new();
    env.write(
        "dbtool.toml",
        "[environments.shop]\ninstance = \"shopdb\"\n\n[environments.shop.logs]\nlog_line_prefix = \"%t %Z\"\n",
    );
    let out = logs(&env, &["shop"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("dbtool.toml:5:1: environment `shop`: bad `log_line_prefix`"),
        "{err}"
    );
    assert!(err.contains("unknown escape `%Z`"), "{err}");
}

#[test]
fn bad_input_names_the_flag_and_exits_2() {
    let env = TestEnv::new();
    for (args, needle) in [
        (vec!["x", "--since", "yesterday-ish"], "--since <TIME>"),
        (vec!["x", "--since", "99999d"], "too far back"),
        (
            vec!["x", "--until", "2999-01-01T00:00Z"],
            "is in the future",
        ),
        (vec!["x", "--slow", "-5ms"], "is negative"),
        (vec!["x", "--slow", "30d"], "more than 7 days"),
        (vec!["x", "--slow", "soon"], "--slow <DURATION>"),
        (vec!["x", "--grep", ""], "--grep <TEXT>"),
        (vec!["x", "--user", ""], "--user <USER>"),
        (vec!["x", "--level", "loud"], "--level <LEVEL>"),
        (vec!["x", "--follow", "--until", "1h"], "--until"),
        (vec!["x", "--poll-interval", "1s"], "--follow"),
        (vec!["x", "--follow", "--poll-interval", "0"], "more than 0"),
        (vec!["x", "--since", "1h", "--until", "2h"], "--until"),
        (vec!["sandbox"], "local sandbox"),
        (vec![], "name the RDS instance"),
        (
            vec!["--url", "postgresql://u@db.example.invalid/x"],
            "is not an RDS instance",
        ),
    ] {
        let out = logs(&env, &args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(stdout(&out).is_empty(), "{args:?}");
    }
    let out = logs(&env, &["x", "--since", "1h", "--until", "2h"]);
    let err = stderr(&out);
    assert!(err.contains("is not after --since"), "{err}");
    assert!(err.contains("hint:"), "{err}");
}

#[tokio::test]
async fn follow_shows_new_entries_across_a_new_stream_until_ctrl_c() {
    let moto = crate::testkit::moto().unwrap();
    create_instance(&moto, "notifydb").await;
    let now = Utc::now() - TimeDelta::seconds(5);
    put(
        &moto,
        GROUP,
        &[(now, "notifydb", line(now, "app", 1, "LOG", "before"))],
    )
    .await;
    let env = moto_env(&moto);
    let mut child = env
        .std_cmd()
        .args([
            "logs",
            "notifydb",
            "--follow",
            "--poll-interval",
            "100ms",
            "--since",
            "1m",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    let stdout_pipe = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for l in std::io::BufReader::new(stdout_pipe).lines() {
            let Ok(l) = l else { break };
            if tx.send(l).is_err() {
                break;
            }
        }
    });
    let wait_for = |needle: &str, seen: &mut Vec<String>| {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !seen.iter().any(|l| l.contains(needle)) {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(l) => seen.push(l),
                Err(_) => panic!("no `{needle}` within 30 s: {seen:?}"),
            }
        }
    };
    let mut seen = Vec::new();
    wait_for("before", &mut seen);
    // A rotated (new) stream and the old one both get new lines.
    let t = Utc::now();
    put(
        &moto,
        GROUP,
        &[
            (
                t,
                "notifydb.1",
                line(t, "app", 2, "ERROR", "after rotation"),
            ),
            (t, "notifydb", line(t, "app", 3, "LOG", "old stream again")),
        ],
    )
    .await;
    wait_for("after rotation", &mut seen);
    wait_for("old stream again", &mut seen);
    std::thread::sleep(Duration::from_millis(400));
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(child.id() as i32),
        nix::sys::signal::Signal::SIGINT,
    )
    .unwrap();
    let status = child.wait().unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert_eq!(status.code(), Some(130), "{err}");
    while let Ok(l) = rx.recv_timeout(Duration::from_millis(200)) {
        seen.push(l);
    }
    // Each entry once, although every poll reads the last seconds again.
    for needle in ["before", "after rotation", "old stream again"] {
        assert_eq!(
            seen.iter().filter(|l| l.contains(needle)).count(),
            1,
            "{seen:?}"
        );
    }
    assert!(
        err.contains(&format!(
            "stopped following {GROUP}: read 3 event(s) from 2 stream(s)"
        )),
        "{err}"
    );
}

#[tokio::test]
async fn an_aurora_member_reads_its_own_streams_of_the_cluster_group() {
    let moto = crate::testkit::moto().unwrap();
    let rds = aws_sdk_rds::Client::new(&moto.sdk_config().await);
    rds.create_db_cluster()
        .db_cluster_identifier("aur")
        .engine("aurora-postgresql")
        .master_username("postgres")
        .master_user_password("not-used-12345")
        .send()
        .await
        .unwrap();
    for id in ["aur-1", "aur-10"] {
        rds.create_db_instance()
            .db_instance_identifier(id)
            .db_instance_class("db.r6g.large")
            .engine("aurora-postgresql")
            .db_cluster_identifier("aur")
            .send()
            .await
            .unwrap();
    }
    let b = base();
    let group = "/aws/rds/cluster/aur/postgresql";
    put(
        &moto,
        group,
        &[
            (b, "aur-1", line(b, "app", 1, "LOG", "writer line")),
            (b, "aur-10", line(b, "app", 2, "LOG", "reader line")),
        ],
    )
    .await;
    let env = moto_env(&moto);
    moto.start_recording().unwrap();
    let out = logs(&env, &["aur-1"]);
    let (text, err) = (stdout(&out), stderr(&out));
    assert!(out.status.success(), "{err}");
    assert!(
        text.contains("writer line") && !text.contains("reader line"),
        "{text}"
    );
    assert!(
        err.contains(&format!("from 1 stream(s) of {group}")),
        "{err}"
    );
    let reqs = filter_requests(&moto);
    assert_eq!(reqs[0]["logGroupName"], group);
    assert_eq!(reqs[0]["logStreamNamePrefix"], "aur-1");
}
