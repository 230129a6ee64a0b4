//! `dbtool doctor` reports real tools and the sandbox state.

use crate::common::{stderr, stdout, TestEnv};

#[test]
fn doctor_reports_tools_config_and_sandbox() {
    let env = TestEnv::new();
    let out = env.cmd().args(["doctor", "--offline"]).output().unwrap();
    let text = stdout(&out);
    assert!(out.status.success(), "{text}\n{}", stderr(&out));
    assert!(text.contains("✓ psql"), "{text}");
    assert!(text.contains("config           no dbtool.toml"), "{text}");
    assert!(text.contains("! sandbox          not created"), "{text}");
    assert!(
        text.contains("aws credentials  skipped (--offline)"),
        "{text}"
    );
}

#[test]
fn doctor_json_and_failure_exit() {
    let env = TestEnv::new().env("DBTOOL_PSQL", "/nonexistent/psql");
    let out = env
        .cmd()
        .args(["doctor", "--offline", "--output-format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "a missing psql fails doctor");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let psql = v
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["check"] == "psql")
        .unwrap();
    assert_eq!(psql["status"], "fail");
    assert_eq!(psql["detail"], "not found");
}

#[test]
fn doctor_checks_ca_bundle() {
    let env = TestEnv::new();
    env.write(
        "dbtool.toml",
        "ca_bundle = \"/nonexistent/global-bundle.pem\"\n",
    );
    let out = env.cmd().args(["doctor", "--offline"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("✗ ca bundle        /nonexistent/global-bundle.pem does not exist"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn doctor_sees_aws_identity_through_moto() {
    let moto = crate::testkit::moto().unwrap();
    let env = TestEnv::with_moto(&moto);
    let out = env.cmd().args(["doctor"]).output().unwrap();
    assert!(
        stdout(&out).contains("✓ aws credentials  arn:aws:sts::123456789012:user/moto"),
        "{}",
        stdout(&out)
    );
}

/// The default target says whether it is an Aurora cluster or an RDS instance.
#[test]
fn doctor_names_aurora_clusters_and_rds_instances() {
    let env = TestEnv::new();
    env.write(
        "dbtool.toml",
        "region = \"eu-west-2\"\ndefault_environment = \"aurora\"\n\
         [environments.aurora]\ncluster = \"fam\"\n[environments.aurora.roles.readonly]\nendpoint = \"reader\"\n\
         [environments.rds]\ninstance = \"notifydb\"\n",
    );
    let out = env.cmd().args(["doctor", "--offline"]).output().unwrap();
    let text = stdout(&out);
    assert!(
        text.contains("Aurora cluster `fam`: its reader endpoint is looked up when connecting"),
        "{text}\n{}",
        stderr(&out)
    );
    let out = env
        .cmd()
        .args(["--env", "rds", "doctor", "--offline"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(
        text.contains("RDS instance `notifydb`: its endpoint is looked up when connecting"),
        "{text}\n{}",
        stderr(&out)
    );
}
