//! `dbtool migrate test`: a throwaway PostgreSQL (the sandbox code, never the
//! user's sandbox) that applies, validates, undoes and re-applies, and runs
//! repeatables twice; failures name the migration; the cluster is removed.

use crate::common::{stderr, stdout, TestEnv};

fn rehearsal_dirs(env: &TestEnv) -> Vec<String> {
    std::fs::read_dir(env.home.join(".local/share/dbtool/rehearsal"))
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn good_set(env: &TestEnv) {
    env.write(
        "migrations/V1__events.sql",
        "create table events (id bigint primary key);\n",
    );
    env.write(
        "migrations/V2__kind.sql",
        "alter table events add column kind text;\n",
    );
    env.write(
        "migrations/U2__kind.sql",
        "alter table events drop column kind;\n",
    );
    env.write(
        "migrations/R__recent.sql",
        "create or replace view recent as select id from events;\n",
    );
}

#[test]
fn a_good_set_passes_and_the_cluster_is_removed() {
    let env = TestEnv::new();
    good_set(&env);
    let junit = env.work.join("reports/migrations.xml");
    std::fs::create_dir_all(junit.parent().unwrap()).unwrap();
    let out = env
        .cmd()
        .args(["migrate", "test", "--junit"])
        .arg(&junit)
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(out.status.success(), "{text}\n{}", stderr(&out));
    assert!(text.contains("✓ V1__events.sql ("), "{text}");
    assert!(
        text.contains("✓ V2__kind.sql (") && text.contains("undo ✓"),
        "{text}"
    );
    assert!(
        text.contains("✓ R__recent.sql (") && text.contains("twice ✓"),
        "{text}"
    );
    assert!(
        stderr(&out)
            .contains("applied, validated, undone and re-applied, repeatables applied twice"),
        "{}",
        stderr(&out)
    );
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert!(xml.contains("tests=\"4\" failures=\"0\""), "{xml}");
    // Nothing is left running or on disk, and the user's sandbox was never made.
    assert!(
        rehearsal_dirs(&env).is_empty(),
        "{:?}",
        rehearsal_dirs(&env)
    );
    assert!(!env.sandbox_dir().exists());

    // JSON: the cases.
    let out = env
        .cmd()
        .args(["migrate", "test", "--output-format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["cases"].as_array().unwrap().len(), 3);
    assert_eq!(v["cases"][1]["undo"], true);
    assert_eq!(v["cases"][2]["rerun"], true);
}

#[test]
fn failures_name_the_migration() {
    // An undo that cannot run: a view depends on the column it drops.
    let env = TestEnv::new();
    good_set(&env);
    env.write(
        "migrations/R__recent.sql",
        "create or replace view recent as select id, kind from events;\n",
    );
    let out = env.cmd().args(["migrate", "test"]).output().unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}\n{}", stderr(&out));
    assert!(text.contains("✗ V2__kind.sql"), "{text}");
    assert!(text.contains("its undo U2__kind.sql failed"), "{text}");
    assert!(text.contains("other objects depend on it"), "{text}");

    // A broken migration: exit 1, the file and line named.
    let env = TestEnv::new();
    good_set(&env);
    env.write(
        "migrations/V3__broken.sql",
        "select 1;\nselect nope from events;\n",
    );
    let out = env.cmd().args(["migrate", "test"]).output().unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}\n{}", stderr(&out));
    assert!(text.contains("✗ V3__broken.sql"), "{text}");
    assert!(text.contains("line 2"), "{text}");
    assert!(rehearsal_dirs(&env).is_empty());

    // An undo that does not undo: applying V2 again fails.
    let env = TestEnv::new();
    good_set(&env);
    env.write("migrations/U2__kind.sql", "select 1;\n");
    let out = env.cmd().args(["migrate", "test"]).output().unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}\n{}", stderr(&out));
    assert!(text.contains("✗ V2__kind.sql"), "{text}");
    assert!(text.contains("the undo did not undo it"), "{text}");

    // A repeatable that fails the second time.
    let env = TestEnv::new();
    env.write(
        "migrations/V1__events.sql",
        "create table events (id bigint);\n",
    );
    env.write("migrations/R__once.sql", "create table once (id int);\n");
    let out = env.cmd().args(["migrate", "test"]).output().unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}\n{}", stderr(&out));
    assert!(text.contains("✗ R__once.sql"), "{text}");
    assert!(text.contains("applying it a second time failed"), "{text}");
    assert!(rehearsal_dirs(&env).is_empty());

    // --junit naming a directory: a usage error before any cluster starts.
    let out = env
        .cmd()
        .args(["migrate", "test", "--junit", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is a directory"), "{}", stderr(&out));
}

#[tokio::test]
async fn keep_leaves_a_cluster_that_answers_and_the_next_run_removes_it() {
    let env = TestEnv::new();
    good_set(&env);
    let out = env
        .cmd()
        .args(["migrate", "test", "--keep"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let url = text
        .lines()
        .find_map(|l| l.strip_prefix("url: "))
        .unwrap_or_else(|| panic!("no url in {text}"))
        .to_string();
    let conn = dbtool::pg::ConnInfo::from_url(&url).unwrap();
    let client = conn.connect().await.unwrap();
    let n: i64 = client
        .query_one("select count(*) from flyway_schema_history", &[])
        .await
        .unwrap()
        .get(0);
    assert!(n >= 3, "{n}");
    drop(client);
    assert_eq!(rehearsal_dirs(&env).len(), 1);
    let out = env.cmd().args(["migrate", "test"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        rehearsal_dirs(&env).is_empty(),
        "{:?}",
        rehearsal_dirs(&env)
    );
}

/// Ctrl-C removes the cluster at once; after a kill -9 the next run does.
#[test]
fn interrupted_runs_leave_nothing_behind() {
    let env = TestEnv::new();
    env.write("migrations/V1__slow.sql", "select pg_sleep(30);\n");
    for signal in [
        nix::sys::signal::Signal::SIGINT,
        nix::sys::signal::Signal::SIGKILL,
    ] {
        let child = env
            .std_cmd()
            .args(["migrate", "test"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Wait until the cluster is up and the slow migration runs.
        let start = std::time::Instant::now();
        while rehearsal_dirs(&env).is_empty() && start.elapsed().as_secs() < 30 {
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        std::thread::sleep(std::time::Duration::from_millis(2500));
        nix::sys::signal::kill(nix::unistd::Pid::from_raw(child.id() as i32), signal).unwrap();
        let out = child.wait_with_output().unwrap();
        if signal == nix::sys::signal::Signal::SIGINT {
            assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
            assert!(stderr(&out).contains("the throwaway cluster was stopped and removed"));
            assert!(
                rehearsal_dirs(&env).is_empty(),
                "{:?}",
                rehearsal_dirs(&env)
            );
        } else {
            assert_eq!(
                rehearsal_dirs(&env).len(),
                1,
                "a killed run leaves its cluster"
            );
        }
    }
    // The next run stops and removes the killed run's cluster.
    env.write("migrations/V1__slow.sql", "select 1;\n");
    let out = env.cmd().args(["migrate", "test"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        rehearsal_dirs(&env).is_empty(),
        "{:?}",
        rehearsal_dirs(&env)
    );
}

/// `migrate drift`: nothing on a fresh apply; then exactly what was done by
/// hand (an added column, a dropped index, a changed default, an invalid
/// index, an extra table), read-only on the target.
#[tokio::test]
async fn drift_reports_what_was_changed_by_hand() {
    let db = crate::testkit::fresh_database().await.unwrap();
    let client = db.connect().await.unwrap();
    let env = TestEnv::new();
    env.write(
        "migrations/V1__events.sql",
        "create table events (id bigint primary key, kind text default 'a', created_at timestamptz not null default now());\n\
         create index events_created_at_idx on events (created_at);\n",
    );
    env.write(
        "migrations/V2__users.sql",
        "create table users (id int primary key, email text unique);\n",
    );
    env.write("migrations/V3__later.sql", "create table later (id int);\n");
    let url = db.url(true);
    // Apply up to V2 only: V3 is pending and must not be expected.
    let out = env
        .cmd()
        .args(["migrate", "--url", &url, "--target-version", "2"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let drift = |extra: &[&str]| {
        env.cmd()
            .args(["migrate", "drift", "--url", &url])
            .args(extra)
            .output()
            .unwrap()
    };
    let out = drift(&[]);
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    assert!(stderr(&out).contains("no drift"), "{}", stderr(&out));

    client
        .batch_execute(
            "alter table events add column hotfix text;
             drop index events_created_at_idx;
             alter table events alter column kind set default 'b';
             create table extra (x int);
             insert into extra values (1), (1);",
        )
        .await
        .unwrap();
    // An invalid index: a unique build that fails leaves it behind.
    let _ = client
        .batch_execute("create unique index concurrently extra_x_dup on extra (x)")
        .await;
    let out = drift(&[]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}\n{}", stderr(&out));
    for want in [
        "+ column public.events.hotfix",
        "- index public.events_created_at_idx",
        "~ column public.events.kind: TARGET has `text DEFAULT 'b'::text`",
        "+ table public.extra",
        "+ index public.extra_x_dup",
    ] {
        assert!(text.contains(want), "{want} in {text}");
    }
    assert!(text.contains("INVALID"), "{text}");
    assert!(
        !text.contains("later"),
        "V3 is not applied, so not expected: {text}"
    );

    // --ignore and JSON.
    let out = drift(&["--ignore", "table:public.extra", "--output-format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let only: Vec<&str> = v["target_only"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    // The table and what is in it (its columns) are left out; an index is
    // an object of its own (`index:public.extra_*` would leave it out).
    assert!(
        !only
            .iter()
            .any(|o| *o == "table public.extra" || o.starts_with("column public.extra.")),
        "{only:?}"
    );
    assert!(only.contains(&"column public.events.hotfix"), "{only:?}");
    // The same from dbtool.toml, merged with --ignore.
    env.write(
        "dbtool.toml",
        "[migrate.drift]\nignore = [\"table:public.extra\", \"index:public.extra_*\"]\n",
    );
    let out = drift(&["--ignore", "column:public.events.hotfix"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}\n{}", stderr(&out));
    assert!(
        !text.contains("extra") && !text.contains("hotfix"),
        "{text}"
    );
    assert!(
        text.contains("- index public.events_created_at_idx")
            && text.contains("~ column public.events.kind"),
        "{text}"
    );
    std::fs::remove_file(env.work.join("dbtool.toml")).unwrap();
    let out = drift(&["--ignore", "nonsense"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("expected KIND:NAME"),
        "{}",
        stderr(&out)
    );

    // A changed file: the history check reports it before the comparison.
    env.write(
        "migrations/V2__users.sql",
        "create table users (id int primary key, email text);\n",
    );
    let out = drift(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("history does not match the files"),
        "{}",
        stdout(&out)
    );
}

/// `[migrate.drift] ignore` in dbtool.toml: a bad type or pattern is a
/// configuration error naming the key, before anything connects.
#[test]
fn drift_ignore_config_errors_name_the_key() {
    let env = TestEnv::new();
    env.write("migrations/V1__a.sql", "create table a (id int);\n");
    for (toml, want) in [
        (
            "[migrate.drift]\nignore = \"table:public.x\"\n",
            "dbtool.toml:2:10: invalid configuration at `ignore`",
        ),
        (
            "[migrate.drift]\nignore = [\"tabel:public.x\"]\n",
            "dbtool.toml:2:11: `migrate.drift.ignore`: `tabel:public.x`: `tabel` is not a kind",
        ),
        (
            "[environments.s]\nsandbox = true\n[environments.s.migrate.drift]\nignore = [\"public.x\"]\n",
            "`environments.s.migrate.drift.ignore`: `public.x`: expected KIND:NAME",
        ),
        (
            "[migrate.drift]\nignor = []\n",
            "unknown key `ignor`",
        ),
    ] {
        env.write("dbtool.toml", toml);
        let out = env
            .cmd()
            .args(["migrate", "drift", "--url", "postgres://u@127.0.0.1:1/x"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{toml}: {}", stderr(&out));
        assert!(stderr(&out).contains(want), "{want} in {}", stderr(&out));
    }
}

/// `migrate drift --grants`: privileges and owners; a GRANT made by hand is
/// reported exactly, a role that exists on the target only once (its grants
/// folded into that line), and nothing of it without `--grants`.
#[tokio::test]
async fn drift_grants_reports_hand_made_grants() {
    let db = crate::testkit::fresh_database().await.unwrap();
    let client = db.connect().await.unwrap();
    let env = TestEnv::new();
    env.write(
        "migrations/V1__events.sql",
        "create table events (id bigserial primary key, kind text);\n\
         grant select on events to public;\n\
         create function kinds() returns bigint language sql as 'select count(*) from events';\n",
    );
    let url = db.url(true);
    let out = env.cmd().args(["migrate", "--url", &url]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let drift = |extra: &[&str]| {
        env.cmd()
            .args(["migrate", "drift", "--url", &url])
            .args(extra)
            .output()
            .unwrap()
    };
    let out = drift(&["--grants"]);
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));

    let role = format!("drift_only_{}", std::process::id());
    client
        .batch_execute(&format!(
            "grant update on events to public;
             grant usage on sequence events_id_seq to public;
             revoke execute on function kinds() from public;
             create role {role};
             grant select, insert on events to {role};
             grant usage on schema public to {role};"
        ))
        .await
        .unwrap();
    // Without --grants: nothing of it.
    let out = drift(&[]);
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    let out = drift(&["--grants"]);
    let text = stdout(&out);
    let _ = client
        .batch_execute(&format!("drop owned by {role}; drop role {role}"))
        .await;
    assert_eq!(out.status.code(), Some(1), "{text}\n{}", stderr(&out));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "in TARGET only:",
            "  + grant sequence public.events_id_seq to PUBLIC",
            &format!("  + role {role}: exists in TARGET only (2 ownership(s)/privilege(s) of it not compared)"),
            "in migrations only:",
            "  - grant function public.kinds() to PUBLIC",
            "different:",
            "  ~ grant table public.events to PUBLIC: TARGET has `SELECT, UPDATE`, the migrations give `SELECT`",
        ],
        "{text}"
    );
    // role: leaves a role's grants out.
    let out = drift(&["--grants", "--ignore", &format!("role:{role}")]);
    assert!(!stdout(&out).contains(&role), "{}", stdout(&out));
}
