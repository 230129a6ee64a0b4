//! `dbtool sandbox`: a real PostgreSQL round trip, idempotence, concurrency
//! and bad input.

use std::os::unix::fs::PermissionsExt;

use crate::common::{stderr, stdout, TestEnv};

async fn query_one(url: &str, sql: &str) -> String {
    let conn = dbtool::pg::ConnInfo::from_url(url).unwrap();
    let client = conn.connect().await.unwrap();
    let row = client.query_one(sql, &[]).await.unwrap();
    row.get::<_, String>(0)
}

#[tokio::test]
async fn up_status_env_down_reset_round_trip() {
    let env = TestEnv::new();
    let out = env.cmd().args(["sandbox", "up"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let url = stdout(&out).trim().to_string();
    assert!(url.starts_with("postgresql://postgres:"), "{url}");
    assert!(stderr(&out).contains("sandbox running: PostgreSQL"));
    assert_eq!(
        query_one(&url, "select 'hello ' || current_user").await,
        "hello postgres"
    );

    // The password is stored 0600 and only listens on 127.0.0.1.
    let pw = env.sandbox_dir().join("password");
    assert_eq!(
        std::fs::metadata(&pw).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(
        query_one(&url, "select current_setting('listen_addresses')").await,
        "127.0.0.1"
    );

    // Idempotent: a second `up` prints the same URL.
    let again = env.cmd().args(["sandbox", "up"]).output().unwrap();
    assert!(again.status.success());
    assert_eq!(stdout(&again).trim(), url);
    assert!(stderr(&again).contains("already running"));

    let status = env
        .cmd()
        .args(["sandbox", "status", "--output-format", "json"])
        .output()
        .unwrap();
    assert!(status.status.success());
    let v: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(v["running"], true);
    assert!(!stdout(&status).contains(pw.to_str().unwrap()));

    // `env` output, evaluated by a real shell, lets psql connect.
    let envout = env.cmd().args(["sandbox", "env"]).output().unwrap();
    assert!(envout.status.success());
    let script = format!("{}\npsql -XAtc 'select 40 + 2'", stdout(&envout));
    let psql = std::process::Command::new("sh")
        .arg("-c")
        .arg(&script)
        .env_remove("PGSERVICE")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&psql.stdout).trim(),
        "42",
        "{}",
        String::from_utf8_lossy(&psql.stderr)
    );

    let down = env.cmd().args(["sandbox", "down"]).output().unwrap();
    assert!(down.status.success());
    let status = env.cmd().args(["sandbox", "status"]).output().unwrap();
    assert_eq!(
        status.status.code(),
        Some(3),
        "stopped sandbox: status exits 3"
    );
    assert!(stdout(&status).contains("state: stopped"));

    // Data survives down/up.
    let up = env.cmd().args(["sandbox", "up"]).output().unwrap();
    let url2 = stdout(&up).trim().to_string();
    assert_eq!(query_one(&url2, "select 'back'").await, "back");

    // reset refuses without a terminal, then wipes with --yes.
    let refused = env.cmd().args(["sandbox", "reset"]).output().unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("pass --yes"));
    assert!(env.sandbox_dir().exists());
    let reset = env
        .cmd()
        .args(["sandbox", "reset", "--yes"])
        .output()
        .unwrap();
    assert!(reset.status.success(), "{}", stderr(&reset));
    assert!(!env.sandbox_dir().exists());
}

#[test]
fn two_concurrent_ups_make_one_cluster() {
    let env = TestEnv::new();
    let spawn = || {
        env.std_cmd()
            .args(["sandbox", "up"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(a.status.success(), "{}", stderr(&a));
    assert!(b.status.success(), "{}", stderr(&b));
    assert_eq!(stdout(&a), stdout(&b), "both print the same URL");
    let pids = std::fs::read_to_string(env.sandbox_dir().join("data/postmaster.pid")).unwrap();
    assert!(!pids.is_empty());
}

#[test]
fn port_in_use_is_an_error_and_leaves_nothing_running() {
    let env = TestEnv::new();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let out = env
        .cmd()
        .args(["sandbox", "up", "--port", &port])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!("port {port} on 127.0.0.1 is in use")),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("hint:"));
    let sb = dbtool::sandbox::Sandbox::new(env.sandbox_dir());
    assert!(sb.running_pid().is_none());
}

#[test]
fn missing_initdb_is_a_clear_error() {
    let env = TestEnv::new().env("DBTOOL_INITDB", "/nonexistent/initdb");
    let out = env.cmd().args(["sandbox", "up"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("DBTOOL_INITDB is set to /nonexistent/initdb"),
        "{err}"
    );
    assert!(
        !env.sandbox_dir().join("data").exists(),
        "nothing half-created"
    );
}

#[test]
fn directory_of_another_user_is_refused() {
    let env = TestEnv::new();
    let dir = env.path().join("foreign");
    std::fs::create_dir_all(&dir).unwrap();
    // chown needs root; as a normal user, point at a root-owned directory.
    let target = if nix::unistd::geteuid().is_root() {
        nix::unistd::chown(&dir, Some(nix::unistd::Uid::from_raw(65534)), None).unwrap();
        dir.clone()
    } else {
        std::path::PathBuf::from("/")
    };
    let out = env
        .cmd()
        .args(["sandbox", "up", "--dir"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("belongs to another user"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn commands_default_to_a_stopped_sandbox_with_a_hint() {
    let env = TestEnv::new();
    let out = env.cmd().args(["sandbox", "env"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("hint: start it with `dbtool sandbox up`"));
    assert_eq!(stdout(&out), "");
}

fn state_port(env: &TestEnv) -> u16 {
    let text = std::fs::read_to_string(env.sandbox_dir().join("sandbox.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["port"].as_u64().unwrap() as u16
}

#[test]
fn port_zero_and_privileged_ports_are_usage_errors() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["sandbox", "up", "--port", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--port"), "{}", stderr(&out));
    assert!(!env.sandbox_dir().join("data").exists(), "nothing created");

    // Below the unprivileged range the server (never root) cannot listen:
    // refused up front instead of a failed start that remembered the port.
    let start: u16 = std::fs::read_to_string("/proc/sys/net/ipv4/ip_unprivileged_port_start")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(1024);
    if start > 80 {
        let out = env
            .cmd()
            .args(["sandbox", "up", "--port", "80"])
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains("port 80"), "{err}");
        assert!(err.contains(&format!("{start}")), "{err}");
        assert!(!err.contains("reset"), "{err}");
        assert!(!env.sandbox_dir().join("sandbox.json").exists(), "{err}");
    }
}

/// A start that fails with `--port P` leaves the remembered port alone, and
/// the hint offers `up --port N`, never `reset` (which deletes the data).
#[test]
fn a_failed_up_with_a_port_does_not_remember_it() {
    let env = TestEnv::new();
    let out = env.cmd().args(["sandbox", "up"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let first = state_port(&env);
    let down = env.cmd().args(["sandbox", "down"]).output().unwrap();
    assert!(down.status.success(), "{}", stderr(&down));

    // Make the next start fail: an address nobody here owns.
    let auto = env.sandbox_dir().join("data/postgresql.auto.conf");
    let original = std::fs::read_to_string(&auto).unwrap();
    std::fs::write(&auto, format!("{original}listen_addresses = '192.0.2.1'\n")).unwrap();
    let other = dbtool::sandbox::free_port().unwrap();
    let out = env
        .cmd()
        .args(["sandbox", "up", "--port", &other.to_string()])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("did not start"), "{err}");
    assert!(!err.contains("reset"), "{err}");
    assert!(err.contains("dbtool sandbox up --port"), "{err}");
    assert!(err.contains("the data is kept"), "{err}");
    assert_eq!(
        state_port(&env),
        first,
        "the failed port was not remembered"
    );

    // Fixed, a plain `up` comes back on the remembered port with the data.
    std::fs::write(&auto, original).unwrap();
    let out = env.cmd().args(["sandbox", "up"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(state_port(&env), first);
}
