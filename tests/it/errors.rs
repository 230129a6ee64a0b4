//! Errors a user reads: PostgreSQL failures as SQLSTATE + message (and the
//! server's DETAIL/HINT) or the network failure's kind, with a hint chosen
//! from those, never by matching Debug text; and no source file formats an
//! error with Debug at all.

use crate::aws::assert_no_debug_text;
use crate::common::{stderr, TestEnv};

fn info(env: &TestEnv, url: &str) -> std::process::Output {
    env.cmd()
        .args(["migrate", "info", "--url", url])
        .output()
        .unwrap()
}

#[test]
fn a_refused_connection_names_the_kind_and_says_start_the_server() {
    let env = TestEnv::new();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = info(
        &env,
        &format!("postgresql://app:pw@127.0.0.1:{port}/notify"),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "error: cannot connect to postgresql://app@127.0.0.1:{port}/notify"
        )),
        "{err}"
    );
    assert!(err.contains("connection refused"), "{err}");
    assert!(err.contains("hint: is the server running"), "{err}");
    assert!(!err.contains("pw"), "no password in errors: {err}");
    assert_no_debug_text(&err);
}

#[test]
fn an_unknown_host_says_the_name_does_not_resolve() {
    let env = TestEnv::new();
    let out = info(&env, "postgresql://app@no-such-host.invalid:5432/notify");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("cannot resolve host name `no-such-host.invalid`"),
        "{err}"
    );
    assert!(err.contains("hint: check the host name"), "{err}");
    assert_no_debug_text(&err);
}

#[tokio::test]
async fn server_errors_show_sqlstate_and_a_hint_keyed_by_it() {
    let env = TestEnv::new();
    let db = crate::testkit::fresh_database().await.unwrap();
    let mut wrong = crate::testkit::admin().unwrap();
    wrong.password = Some("wrong-password".into());
    let out = info(&env, &wrong.url(true));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("password authentication failed"), "{err}");
    assert!(err.contains("(SQLSTATE 28P01)"), "{err}");
    assert!(err.contains("hint: the user or password is wrong"), "{err}");
    assert!(!err.contains("wrong-password"), "{err}");
    assert_no_debug_text(&err);

    let missing = db.with_dbname("no_such_database");
    let out = info(&env, &missing.url(true));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("(SQLSTATE 3D000)"), "{err}");
    assert!(
        err.contains("hint: database `no_such_database` does not exist"),
        "{err}"
    );
    assert_no_debug_text(&err);
}
/// The class, closed structurally: no source file formats an error with the
/// SDK's `DisplayErrorContext` (which appends Debug on purpose) or with `{:?}`.
#[test]
fn no_source_file_formats_errors_with_debug() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let debug_of_error = regex::Regex::new(
        r#"\{(e|err|error|source|cause)(:#)?:\??\?\}|"\{:\??#?\?\}",\s*(e|err|error)\b"#,
    )
    .unwrap();
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        if entry.path().extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        // Unit tests may print what they like.
        let shipped = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (i, line) in shipped.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            let rel = entry.path().strip_prefix(&src).unwrap().display();
            if line.contains("DisplayErrorContext") {
                found.push(format!("src/{rel}:{}: {}", i + 1, line.trim()));
            }
            if debug_of_error.is_match(line) {
                found.push(format!("src/{rel}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    // Every AWS call goes through the one mapping: `.send().await.aws(&api)`.
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        if entry.path().extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let shipped = text.split("#[cfg(test)]").next().unwrap_or_default();
        let squashed: String = shipped.split_whitespace().collect();
        let mut rest = squashed.as_str();
        while let Some(i) = rest.find(".send().await") {
            let after = &rest[i + ".send().await".len()..];
            if !after.starts_with(".aws(") {
                let rel = entry.path().strip_prefix(&src).unwrap().display();
                found.push(format!(
                    "src/{rel}: an AWS call not mapped with `.aws(&api)`: …{}…",
                    &rest[i.saturating_sub(60)..(i + 20).min(rest.len())]
                ));
            }
            rest = after;
        }
    }
    assert!(
        found.is_empty(),
        "errors formatted with Debug (use crate::aws::error / crate::pg::describe_error):\n{}",
        found.join("\n")
    );
}
