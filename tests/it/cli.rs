//! Help text snapshots, global flags, exit codes of bad usage.

use crate::common::{stderr, TestEnv};

fn help(args: &[&str]) -> String {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .env_remove("DBTOOL_SANDBOX_DIR")
        .args(args)
        .arg("--help")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?} --help failed: {}",
        stderr(&out)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn top_level_help() {
    insta::assert_snapshot!("help_dbtool", help(&[]));
}

#[test]
fn sandbox_help() {
    insta::assert_snapshot!("help_sandbox", help(&["sandbox"]));
    insta::assert_snapshot!("help_sandbox_up", help(&["sandbox", "up"]));
}

#[test]
fn doctor_help() {
    insta::assert_snapshot!("help_doctor", help(&["doctor"]));
}

/// Every command's help, so a change to the CLI shows up in review.
#[test]
fn command_help() {
    for cmd in [
        "connect",
        "env",
        "whoami",
        "logout",
        "migrate",
        "roles",
        "dump",
        "restore",
        "cname",
        "logs",
        "completions",
    ] {
        insta::assert_snapshot!(format!("help_{cmd}"), help(&[cmd]));
    }
    for (cmd, sub) in [
        ("migrate", "lint"),
        ("migrate", "info"),
        ("cname", "switch"),
        ("roles", "apply"),
        ("dump", "load"),
    ] {
        insta::assert_snapshot!(format!("help_{cmd}_{sub}"), help(&[cmd, sub]));
    }
}

#[test]
fn unknown_command_is_usage_error() {
    let env = TestEnv::new();
    let out = env.cmd().arg("frobnicate").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unrecognized subcommand 'frobnicate'"));
}

#[test]
fn version_prints_package_version() {
    let env = TestEnv::new();
    let out = env.cmd().arg("--version").output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("dbtool {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn unknown_env_is_usage_error_with_suggestion() {
    let env = TestEnv::new();
    env.write(
        "dbtool.toml",
        "[environments.staging]\nhost = \"db.internal\"\n",
    );
    let out = env
        .cmd()
        .args(["--env", "stagign", "doctor", "--offline"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("error: unknown environment `stagign`"),
        "{err}"
    );
    assert!(err.contains("hint: did you mean `staging`?"), "{err}");
}

#[test]
fn env_without_config_is_usage_error() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["--env", "prod", "doctor", "--offline"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no dbtool.toml found"));
}
