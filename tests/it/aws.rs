//! The moto harness is reachable through the real AWS SDK, and its recorder
//! shows the exact requests. AWS failures reach the user through the one
//! `aws::error` mapping: `code: message`, hints keyed by code, "cannot reach"
//! for network failures, "no AWS credentials" when there are none, and never
//! Rust `Debug` text.

use crate::common::{stderr, stdout, TestEnv};

#[tokio::test]
async fn sts_get_caller_identity_round_trip() {
    let moto = crate::testkit::moto().unwrap();
    moto.start_recording().unwrap();
    let config = moto.sdk_config().await;
    let id = dbtool::aws::caller_identity(&config).await.unwrap();
    assert_eq!(id.account, "123456789012");
    let recorded = moto.recorded().unwrap();
    let actions: Vec<String> = recorded.iter().filter_map(|r| r.action()).collect();
    assert_eq!(actions, vec!["GetCallerIdentity".to_string()]);
}

/// Marks of Rust `Debug` output and of the SDK's `DisplayErrorContext`.
pub fn assert_no_debug_text(err: &str) {
    for mark in [
        "DispatchFailure",
        "ConnectorError",
        "ServiceError {",
        "SdkBody",
        "Response {",
        "CredentialsNotLoaded(",
        "ProviderChainError",
        "Some(",
        "Os { code",
        "kind: ",
        "Error {",
        "raw:",
    ] {
        assert!(!err.contains(mark), "Debug text `{mark}` in:\n{err}");
    }
}

/// A 127.0.0.1 port nobody listens on.
fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

fn unreachable_env(port: u16) -> TestEnv {
    TestEnv::new()
        .env("AWS_ENDPOINT_URL", format!("http://127.0.0.1:{port}"))
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_REGION", "eu-west-2")
        .env("AWS_EC2_METADATA_DISABLED", "true")
}

/// An endpoint nobody answers on (moto stopped, a wrong AWS_ENDPOINT_URL):
/// every service says "cannot reach <service> at <endpoint>" with a network
/// hint, and never blames the credentials or the IAM policy.
#[test]
fn an_unreachable_endpoint_is_cannot_reach_for_every_service() {
    let port = closed_port();
    let env = unreachable_env(port);
    let endpoint = format!("http://127.0.0.1:{port}");
    for (service, args) in [
        (
            "RDS",
            vec!["restore", "--source", "notifydb", "--latest", "--dry-run"],
        ),
        ("RDS", vec!["env", "notifydb"]),
        (
            "Route53",
            vec![
                "cname",
                "show",
                "--zone",
                "example.internal",
                "--record",
                "db.example.internal",
            ],
        ),
        ("STS", vec!["whoami"]),
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains(&format!("cannot reach {service} at {endpoint}")),
            "{args:?}: {err}"
        );
        assert!(err.contains("connection refused"), "{args:?}: {err}");
        assert!(err.contains("AWS_ENDPOINT_URL"), "{args:?}: {err}");
        assert!(!err.contains("rds:DescribeDBInstances"), "{args:?}: {err}");
        assert!(!err.contains("credentials allow"), "{args:?}: {err}");
        assert_no_debug_text(&err);
        assert_eq!(stdout(&out), "", "{args:?}");
    }
}

/// A service error is `code: message`, with a hint keyed by the code; the
/// request id only with `-v`.
#[test]
fn a_missing_instance_is_db_instance_not_found_with_a_hint() {
    let moto = crate::testkit::moto().unwrap();
    let env = TestEnv::with_moto(&moto);
    let out = env
        .cmd()
        .args(["restore", "--source", "nosuchdb", "--latest", "--dry-run"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("DBInstanceNotFound: "), "{err}");
    assert!(err.contains("nosuchdb"), "{err}");
    assert!(
        err.contains("hint: check the instance identifier and the region (eu-west-2)"),
        "{err}"
    );
    assert!(!err.contains("request id"), "{err}");
    assert_no_debug_text(&err);

    let out = env
        .cmd()
        .args([
            "-v",
            "restore",
            "--source",
            "nosuchdb",
            "--latest",
            "--dry-run",
        ])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(err.contains("request id: "), "{err}");
    assert_no_debug_text(&err);

    // `dbtool env NAME`: not configured and not an instance is a usage
    // error with "did you mean" (the access pipeline), still without Debug text.
    let out = env.cmd().args(["env", "nosuchdb"]).output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("unknown target `nosuchdb`: not in dbtool.toml and no RDS instance"),
        "{err}"
    );
    assert_no_debug_text(&err);
}

/// Route53: an unknown zone id is NoSuchHostedZone with a hint.
#[test]
fn an_unknown_zone_is_no_such_hosted_zone() {
    let moto = crate::testkit::moto().unwrap();
    let env = TestEnv::with_moto(&moto);
    let out = env
        .cmd()
        .args([
            "cname",
            "show",
            "--zone",
            "Z0NOSUCHZONE",
            "--record",
            "db.example.internal",
        ])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("NoSuchHostedZone: "), "{err}");
    assert!(err.contains("hint: check --zone"), "{err}");
    assert_no_debug_text(&err);
}

/// No credentials anywhere: "no AWS credentials", naming the profile (or the
/// default chain) and the ways to provide them.
#[test]
fn no_credentials_at_all_says_so_and_how_to_provide_them() {
    let port = closed_port();
    let env = TestEnv::new()
        .env("AWS_ENDPOINT_URL", format!("http://127.0.0.1:{port}"))
        .env("AWS_REGION", "eu-west-2")
        .env("AWS_EC2_METADATA_DISABLED", "true");
    let out = env
        .cmd()
        .args(["restore", "--source", "notifydb", "--latest", "--dry-run"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error: no AWS credentials (default credential chain)"),
        "{err}"
    );
    assert!(err.contains("AWS_PROFILE"), "{err}");
    assert!(err.contains("AWS_ACCESS_KEY_ID"), "{err}");
    assert!(err.contains("aws sso login"), "{err}");
    assert_no_debug_text(&err);

    // A profile that is not defined anywhere is named as such.
    let out = env
        .cmd()
        .env("AWS_PROFILE", "ops")
        .args(["restore", "--source", "notifydb", "--latest", "--dry-run"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("profile `ops`"), "{err}");
    assert!(err.contains("aws configure sso --profile ops"), "{err}");
    assert_no_debug_text(&err);

    // A profile with no credentials in it (and no SSO login).
    let aws_dir = env.home.join(".aws");
    std::fs::create_dir_all(&aws_dir).unwrap();
    std::fs::write(
        aws_dir.join("config"),
        "[profile ops]\nregion = eu-west-2\n",
    )
    .unwrap();
    let out = env
        .cmd()
        .env("AWS_PROFILE", "ops")
        .args(["whoami"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("no AWS credentials (profile `ops`)"), "{err}");
    assert!(err.contains("aws sso login --profile ops"), "{err}");
    assert_no_debug_text(&err);
}
