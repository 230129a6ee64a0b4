//! `dbtool migrate lint --trace`: statement kinds run on a throwaway
//! PostgreSQL, their measured locks and rewrites beside the lock model's;
//! the agreement table of docs/lint.md comes from here (regenerate with
//! `DBTOOL_BLESS=1 cargo test --test it trace`).

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

/// The schema the traced statements run on (applied, not traced).
const BASE: &str = "\
create table customers (id bigint primary key);
create table events (id bigint primary key, customer_id bigint, kind varchar(20), n int, note text, created_at timestamptz default now());
create table scratch (id int);
create materialized view event_counts as select customer_id, count(*) as n from events group by customer_id;
create unique index event_counts_customer on event_counts (customer_id);
create table measurements (id int, at date) partition by range (at);
create table measurements_2026 (id int, at date);
create table measurements_2025 partition of measurements for values from ('2025-01-01') to ('2026-01-01');
create table line_items (id int, event_id bigint references events (id));
create function noop() returns trigger language plpgsql as $$ begin return new; end $$;
create index events_n_idx on events (n);
create index events_note_idx on events (note);
";

/// (statement kind, statement): each agrees with the model.
const KINDS: &[(&str, &str)] = &[
    ("ADD COLUMN", "alter table events add column extra text"),
    ("ADD COLUMN with a constant DEFAULT", "alter table events add column flag boolean default false"),
    ("ADD COLUMN with a volatile DEFAULT", "alter table events add column uid uuid default gen_random_uuid()"),
    ("SET DEFAULT", "alter table events alter column kind set default 'x'"),
    ("SET NOT NULL", "alter table events alter column kind set not null"),
    ("DROP NOT NULL", "alter table events alter column kind drop not null"),
    ("ALTER TYPE int to bigint", "alter table events alter column n type bigint"),
    ("ALTER TYPE varchar(n) to text", "alter table events alter column kind type text"),
    ("SET STATISTICS", "alter table events alter column kind set statistics 200"),
    ("ADD CONSTRAINT CHECK", "alter table events add constraint n_positive check (n > 0)"),
    ("ADD CONSTRAINT CHECK NOT VALID", "alter table events add constraint n_small check (n < 1000000) not valid"),
    ("VALIDATE CONSTRAINT", "alter table events validate constraint n_small"),
    ("ADD FOREIGN KEY", "alter table events add constraint events_customer_fk foreign key (customer_id) references customers (id)"),
    ("ADD FOREIGN KEY NOT VALID", "alter table line_items add constraint line_items_fk2 foreign key (event_id) references events (id) not valid"),
    ("ADD UNIQUE constraint", "alter table events add constraint events_uid_key unique (uid)"),
    ("DROP CONSTRAINT", "alter table events drop constraint events_uid_key"),
    ("CREATE INDEX", "create index events_kind_idx on events (kind)"),
    ("CREATE INDEX CONCURRENTLY", "create index concurrently events_created_idx on events (created_at)"),
    ("DROP INDEX", "drop index events_kind_idx"),
    ("DROP INDEX CONCURRENTLY", "drop index concurrently events_created_idx"),
    ("REINDEX TABLE", "reindex table events"),
    ("REINDEX INDEX CONCURRENTLY", "reindex index concurrently events_n_idx"),
    ("RENAME INDEX", "alter index events_note_idx rename to events_note_ix"),
    ("RENAME COLUMN", "alter table events rename column note to remark"),
    ("DROP COLUMN", "alter table events drop column remark"),
    ("RENAME TABLE", "alter table scratch rename to scratch2"),
    ("COMMENT ON TABLE", "comment on table events is 'business events'"),
    ("CREATE TRIGGER", "create trigger events_noop before insert on events for each row execute function noop()"),
    ("DISABLE TRIGGER", "alter table events disable trigger events_noop"),
    ("SET (fillfactor)", "alter table events set (fillfactor = 70)"),
    ("SET UNLOGGED", "alter table scratch2 set unlogged"),
    ("SET LOGGED", "alter table scratch2 set logged"),
    ("TRUNCATE", "truncate scratch2"),
    ("LOCK TABLE … IN SHARE MODE", "lock table scratch2 in share mode"),
    ("UPDATE", "update scratch2 set id = 1"),
    ("REFRESH MATERIALIZED VIEW", "refresh materialized view event_counts"),
    ("REFRESH MATERIALIZED VIEW CONCURRENTLY", "refresh materialized view concurrently event_counts"),
    ("ATTACH PARTITION", "alter table measurements attach partition measurements_2026 for values from ('2026-01-01') to ('2027-01-01')"),
    ("DETACH PARTITION", "alter table measurements detach partition measurements_2025"),
    ("CLUSTER", "cluster events using events_pkey"),
    ("VACUUM", "vacuum events"),
    ("VACUUM FULL", "vacuum full events"),
];

/// (statement kind, statement, the difference measured): what the model
/// cannot know from the statement alone (documented in docs/lint.md).
const DIFFERS: &[(&str, &str, &str)] = &[
    (
        "ALTER TYPE varchar(n) to varchar(m)",
        "alter table customers add column code varchar(10); alter table customers alter column code type varchar(20)",
        "customers: the model predicts a rewrite, measured no rewrite",
    ),
    (
        "DROP TABLE of a referencing table",
        "drop table line_items",
        "public.events: measured ACCESS EXCLUSIVE, the model predicts no lock",
    ),
];

fn mode(v: &serde_json::Value) -> String {
    v.as_str().unwrap_or_default().replace('_', " ")
}

/// `ACCESS EXCLUSIVE on events (rewrite)` from the JSON's `lock`.
fn predicted(t: &serde_json::Value) -> String {
    let all: Vec<String> = t["lock"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            format!(
                "{} on {}{}",
                mode(&l["mode"]),
                l["relation"].as_str().unwrap(),
                if l["rewrite"] == true {
                    " (rewrite)"
                } else {
                    ""
                }
            )
        })
        .collect();
    if all.is_empty() {
        "-".into()
    } else {
        all.join(", ")
    }
}

/// The measured locks the model speaks of: named relations, and any other
/// lock stronger than a read that is not on an index. For a statement
/// watched from outside (CONCURRENTLY, VACUUM), only tables: whether the
/// watcher also sees its short index lock is a matter of timing.
fn measured(t: &serde_json::Value) -> String {
    let watched = t["measured"]["in_transaction"] == false;
    let names: Vec<&str> = t["lock"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["relation"].as_str().unwrap())
        .collect();
    let all: Vec<String> = t["measured"]["locks"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| {
            let rel = l["relation"].as_str().unwrap();
            let short = rel.strip_prefix("public.").unwrap_or(rel);
            let m = mode(&l["mode"]);
            let named = names.contains(&short) || names.contains(&rel);
            let read = m == "ACCESS SHARE" || m == "ROW SHARE";
            let shown = if watched {
                l["index"] == false && (named || !read)
            } else {
                named || (!read && l["index"] == false)
            };
            shown.then(|| {
                format!(
                    "{m} on {short}{}",
                    if l["rewrite"] == true {
                        " (rewrite)"
                    } else {
                        ""
                    }
                )
            })
        })
        .collect();
    if all.is_empty() {
        "-".into()
    } else {
        all.join(", ")
    }
}

#[test]
fn trace_measures_each_statement_kind_as_the_model_predicts() {
    let env = TestEnv::new();
    env.write("migrations/V1__base.sql", BASE);
    let mut kinds = String::new();
    for (_, sql) in KINDS {
        kinds.push_str(sql);
        kinds.push_str(";\n");
    }
    env.write("migrations/V2__kinds.sql", &kinds);
    let mut differs = String::new();
    for (_, sql, _) in DIFFERS {
        differs.push_str(sql);
        differs.push_str(";\n");
    }
    env.write("migrations/V3__differs.sql", &differs);
    env.write("migrations/V4__later.sql", "select pg_sleep(60);\n");

    // V1 applied first (it comes before the first file traced), V4 never run.
    let out = env
        .cmd()
        .args(["migrate", "lint", "--trace", "--output-format", "json"])
        .args(["migrations/V2__kinds.sql", "migrations/V3__differs.sql"])
        .timeout(std::time::Duration::from_secs(50))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("tracing 2 file(s) on a throwaway PostgreSQL")
            && stderr(&out).contains("(1 applied first)"),
        "{}",
        stderr(&out)
    );
    let traced: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let (agree, differ): (Vec<_>, Vec<_>) = traced
        .iter()
        .partition(|t| t["file"].as_str().unwrap().ends_with("V2__kinds.sql"));
    assert_eq!(agree.len(), KINDS.len(), "{traced:#?}");
    assert_eq!(differ.len(), 3, "{traced:#?}");
    let mut table = String::from(
        "| Statement kind | Statement | Predicted (model) | Measured (PostgreSQL) |\n|---|---|---|---|\n",
    );
    for ((kind, sql), t) in KINDS.iter().zip(&agree) {
        assert_eq!(t["statement"].as_str().unwrap(), *sql);
        assert!(t["error"].is_null(), "{kind}: {t:#}");
        assert_eq!(
            t["mismatches"].as_array().unwrap().len(),
            0,
            "{kind}: {t:#}"
        );
        assert!(t["measured"]["duration_ms"].as_f64().unwrap() >= 0.0);
        table.push_str(&format!(
            "| {kind} | `{sql}` | {} | {} |\n",
            predicted(t),
            measured(t)
        ));
    }
    // The ones the model cannot know, each with its one documented difference.
    let mut notes = String::from(
        "| Statement kind | Statement | Predicted (model) | Measured (PostgreSQL) |\n|---|---|---|---|\n",
    );
    for ((kind, _, diff), t) in DIFFERS.iter().zip(differ.iter().skip(1)) {
        let got: Vec<&str> = t["mismatches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m.as_str().unwrap())
            .collect();
        assert_eq!(got, [*diff], "{kind}: {t:#}");
        notes.push_str(&format!(
            "| {kind} | `{}` | {} | {} |\n",
            t["statement"].as_str().unwrap(),
            predicted(t),
            measured(t)
        ));
    }
    let want = format!("{table}\n{notes}");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/lint.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let (begin, end) = ("<!-- trace-table:begin -->\n", "<!-- trace-table:end -->");
    let i = doc.find(begin).expect("trace-table:begin marker") + begin.len();
    let j = doc.find(end).expect("trace-table:end marker");
    if doc[i..j] != want {
        if std::env::var_os("DBTOOL_BLESS").is_some() {
            std::fs::write(&path, format!("{}{want}{}", &doc[..i], &doc[j..])).unwrap();
        } else {
            panic!("docs/lint.md's trace table is stale: run `DBTOOL_BLESS=1 cargo test --test it trace` and commit\n{want}");
        }
    }
    assert!(
        rehearsal_dirs(&env).is_empty(),
        "{:?}",
        rehearsal_dirs(&env)
    );

    // Text: a table with a mark per statement and the differences below it.
    let out = env
        .cmd()
        .args(["migrate", "lint", "--trace", "migrations/V3__differs.sql"])
        .timeout(std::time::Duration::from_secs(50))
        .output()
        .unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}\n{}", stderr(&out));
    assert!(
        text.contains("≠ migrations/V3__differs.sql:1: customers: the model predicts a rewrite, measured no rewrite"),
        "{text}"
    );
    assert!(
        stderr(&out).contains("trace: 2 difference(s) between the lock model and PostgreSQL"),
        "{}",
        stderr(&out)
    );
}

/// A failing statement is named (file and line) and the rest is not run;
/// an undefined placeholder is an error naming it (and the cluster is removed).
#[test]
fn trace_names_a_failing_statement_and_placeholders() {
    let env = TestEnv::new();
    env.write(
        "migrations/V1__a.sql",
        "create table a (id int);\n\nalter table a add column b nosuchtype;\nalter table a add column c int;\n",
    );
    let out = env
        .cmd()
        .args(["migrate", "lint", "--trace"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("migrations/V1__a.sql:3: type \"nosuchtype\" does not exist"),
        "{}",
        stderr(&out)
    );
    assert!(!stdout(&out).contains("add column c"), "{}", stdout(&out));
    assert!(rehearsal_dirs(&env).is_empty());

    env.write("migrations/V1__a.sql", "create table ${name} (id int);\n");
    let out = env
        .cmd()
        .args(["migrate", "lint", "--trace"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("migrations/V1__a.sql:1:14: placeholder `${name}` has no value"),
        "{}",
        stderr(&out)
    );
    env.write(
        "dbtool.toml",
        "[migrate.placeholders]\nname = \"from_config\"\n",
    );
    let out = env
        .cmd()
        .args(["migrate", "lint", "--trace"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("create table from_config"),
        "{}",
        stdout(&out)
    );
}

/// Ctrl-C removes the cluster at once; after a kill -9 the next run does.
#[test]
fn interrupted_traces_leave_nothing_behind() {
    let env = TestEnv::new();
    env.write("migrations/V1__slow.sql", "select pg_sleep(30);\n");
    for signal in [
        nix::sys::signal::Signal::SIGINT,
        nix::sys::signal::Signal::SIGKILL,
    ] {
        let child = env
            .std_cmd()
            .args(["migrate", "lint", "--trace"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
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
    env.write("migrations/V1__slow.sql", "select 1;\n");
    let out = env
        .cmd()
        .args(["migrate", "lint", "--trace"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        rehearsal_dirs(&env).is_empty(),
        "{:?}",
        rehearsal_dirs(&env)
    );
}

/// A throwaway cluster that cannot start (as root, the server user cannot
/// enter the data directory's parent) leaves no directory behind.
#[test]
fn a_cluster_that_cannot_start_leaves_nothing_behind() {
    if !nix::unistd::Uid::effective().is_root() {
        return;
    }
    let env = TestEnv::new();
    env.write("migrations/V1__a.sql", "create table a (id int);\n");
    let private = env.path().join("private");
    std::fs::create_dir_all(&private).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o700)).unwrap();
    let out = env
        .cmd()
        .env("XDG_DATA_HOME", &private)
        .args(["migrate", "lint", "--trace"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot start the throwaway PostgreSQL cluster"),
        "{}",
        stderr(&out)
    );
    let left: Vec<_> = std::fs::read_dir(private.join("dbtool/rehearsal"))
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "{left:?}");
}

/// Applies `migrations/` on `url` up to `version` (the target's history).
fn apply_up_to(env: &TestEnv, url: &str, version: &str) {
    let out = env
        .cmd()
        .args(["migrate", "--url", url, "--target-version", version])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

async fn relation_count(client: &tokio_postgres::Client) -> i64 {
    count(client, "select count(*) from pg_class").await
}

/// The one bigint a query returns (a count).
async fn count(client: &tokio_postgres::Client, sql: &str) -> i64 {
    client.query_one(sql, &[]).await.unwrap().get(0)
}

/// Other sessions of the database left idle in a transaction.
async fn open_transactions(client: &tokio_postgres::Client) -> i64 {
    count(
        client,
        "select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state like 'idle in transaction%'",
    )
    .await
}

/// `--trace --target=TARGET`: the throwaway cluster gets exactly the
/// target's applied versions (v1, v2), only the pending v3 is traced (it
/// alters v2's table), and the target is not changed.
#[tokio::test]
async fn trace_target_prepares_the_applied_versions_and_traces_the_pending_ones() {
    let db = crate::testkit::fresh_database().await.unwrap();
    let client = db.connect().await.unwrap();
    let env = TestEnv::new();
    env.write("migrations/V1__a.sql", "create table a (id int);\n");
    env.write(
        "migrations/V2__b.sql",
        "create table b (id int primary key, name text);\n",
    );
    env.write(
        "migrations/V3__c.sql",
        "alter table b add column c int;\ncreate index b_c_idx on b (c);\n",
    );
    let url = db.url(true);
    apply_up_to(&env, &url, "2");
    let before = relation_count(&client).await;
    let out = env
        .cmd()
        .args(["migrate", "lint", "--trace", "--output-format", "json"])
        .arg(format!("--target={url}"))
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["mode"], "throwaway", "{v:#}");
    assert_eq!(v["prepared"], serde_json::json!(["v1", "v2"]), "{v:#}");
    assert_eq!(v["traced"], serde_json::json!(["v3"]), "{v:#}");
    let statements = v["statements"].as_array().unwrap();
    assert_eq!(statements.len(), 2, "{v:#}");
    assert!(statements
        .iter()
        .all(|s| s["file"].as_str().unwrap().ends_with("V3__c.sql")
            && s["error"].is_null()
            && s["mismatches"].as_array().unwrap().is_empty()));
    assert_eq!(
        statements[0]["measured"]["locks"][0]["relation"], "public.b",
        "{v:#}"
    );
    assert!(
        stderr(&out).contains("applied migrations (v1, v2), then tracing v3"),
        "{}",
        stderr(&out)
    );
    // Read-only on the target; the throwaway cluster is gone.
    assert_eq!(relation_count(&client).await, before);
    assert!(rehearsal_dirs(&env).is_empty());

    // Nothing pending: nothing to trace.
    apply_up_to(&env, &url, "3");
    let out = env
        .cmd()
        .args(["migrate", "lint", "--trace"])
        .arg(format!("--target={url}"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("nothing pending") && stderr(&out).contains("v1, v2, v3"),
        "{}",
        stderr(&out)
    );
}

/// `--on` is refused, before anything connects, on a production
/// environment (by name or by its URL) and on a database dbtool.toml does
/// not know.
#[tokio::test]
async fn trace_on_is_refused_on_production_and_unknown_databases() {
    let db = crate::testkit::fresh_database().await.unwrap();
    let client = db.connect().await.unwrap();
    let env = TestEnv::new();
    env.write("migrations/V1__a.sql", "create table a (id int);\n");
    let url = db.url(true);
    let before = relation_count(&client).await;
    let refused = |args: &[&str], want: &str| {
        let out = env
            .cmd()
            .args(["migrate", "lint", "--trace"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains(want), "{want} in {}", stderr(&out));
        assert!(stderr(&out).contains("hint:"), "{}", stderr(&out));
        assert!(!stderr(&out).contains("password"), "{}", stderr(&out));
    };
    refused(
        &["--on", &url],
        "it is neither the sandbox nor a configured non-production environment",
    );
    env.write(
        "dbtool.toml",
        &format!("[environments.prod]\nurl = \"{url}\"\nproduction = true\n"),
    );
    refused(&["--on", "prod"], "it is a production database");
    refused(&["--on", &url], "it is a production database");
    // Nothing ran: no history table, no table a.
    assert_eq!(relation_count(&client).await, before);

    // The same URL is allowed once it is a non-production environment's.
    env.write(
        "dbtool.toml",
        &format!("[environments.copy]\nurl = \"{url}\"\n"),
    );
    let out = env
        .cmd()
        .args(["migrate", "lint", "--trace", "--on", &url])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("(environment `copy`, not production)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(relation_count(&client).await, before);
}

/// The allowed case: a non-production environment with data. Each locked
/// table's size and the duration are reported; a non-transactional
/// statement is not run; a mode an earlier statement took is marked held;
/// afterwards the database is as it was, with no transaction left open.
#[tokio::test]
async fn trace_on_a_copy_reports_sizes_and_leaves_it_unchanged() {
    let db = crate::testkit::fresh_database().await.unwrap();
    let client = db.connect().await.unwrap();
    let env = TestEnv::new();
    env.write(
        "migrations/V1__events.sql",
        "create table events (id bigint primary key, payload text);\n\
         insert into events select g, repeat('x', 200) from generate_series(1, 50000) g;\n",
    );
    env.write(
        "migrations/V2__pending.sql",
        "alter table events add column n int default 1;\n\
         create index concurrently events_n_idx on events (n);\n\
         alter table events alter column n type bigint;\n",
    );
    let url = db.url(true);
    apply_up_to(&env, &url, "1");
    env.write(
        "dbtool.toml",
        &format!("[environments.copy]\nurl = \"{url}\"\n"),
    );
    let before = relation_count(&client).await;
    let out = env
        .cmd()
        .args([
            "migrate",
            "lint",
            "--trace",
            "--on",
            "copy",
            "--output-format",
            "json",
        ])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}\n{}", stderr(&out), stdout(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["mode"], "on", "{v:#}");
    assert_eq!(v["prepared"], serde_json::json!(["v1"]), "{v:#}");
    let s = v["statements"].as_array().unwrap();
    assert_eq!(s.len(), 3, "{v:#}");
    let lock = &s[0]["measured"]["locks"][0];
    assert_eq!(lock["relation"], "public.events", "{v:#}");
    assert_eq!(lock["mode"], "ACCESS_EXCLUSIVE", "{v:#}");
    assert!(lock["size_bytes"].as_i64().unwrap() > 10_000_000, "{v:#}");
    assert!(lock["size"].as_str().unwrap().ends_with("MB"), "{v:#}");
    assert!(s[0]["measured"]["duration_ms"].as_f64().unwrap() > 0.0);
    assert_eq!(
        s[1]["not_run"],
        "not run: non-transactional, measured only on a throwaway cluster"
    );
    assert!(s[1]["measured"].is_null());
    let held = &s[2]["measured"]["locks"][0];
    assert_eq!(held["held_before"], true, "{v:#}");
    assert_eq!(held["rewrite"], true, "{v:#}");
    assert!(s
        .iter()
        .all(|t| t["mismatches"].as_array().unwrap().is_empty()));

    // Text: the sentence with the size and the time.
    let out = env
        .cmd()
        .args(["migrate", "lint", "--trace", "--on", "copy"])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("migrations/V2__pending.sql:1: ACCESS EXCLUSIVE on public.events (")
            && text.contains(" MB) for "),
        "{text}"
    );
    assert!(
        text.contains("migrations/V2__pending.sql:2: not run: non-transactional, measured only on a throwaway cluster"),
        "{text}"
    );
    assert!(
        stderr(&out).contains("1 non-transactional statement(s) not run"),
        "{}",
        stderr(&out)
    );

    // Nothing left behind: the same relations, no column n, no open transaction.
    assert_eq!(relation_count(&client).await, before);
    let n = count(&client, "select count(*) from information_schema.columns where table_name = 'events' and column_name = 'n'").await;
    assert_eq!(n, 0);
    assert_eq!(open_transactions(&client).await, 0);
}

/// Ctrl-C or kill -9 in the middle of `--on`: the transaction dies with
/// the connection; the copy is unchanged.
#[tokio::test]
async fn an_interrupted_or_killed_trace_on_leaves_the_copy_unchanged() {
    let db = crate::testkit::fresh_database().await.unwrap();
    let client = db.connect().await.unwrap();
    let env = TestEnv::new();
    env.write("migrations/V1__a.sql", "create table a (id int);\n");
    env.write(
        "migrations/V2__slow.sql",
        "create table killed (id int);\nalter table a add column b int;\nselect pg_sleep(30);\n",
    );
    let url = db.url(true);
    apply_up_to(&env, &url, "1");
    env.write(
        "dbtool.toml",
        &format!("[environments.copy]\nurl = \"{url}\"\n"),
    );
    let before = relation_count(&client).await;
    for signal in [
        nix::sys::signal::Signal::SIGINT,
        nix::sys::signal::Signal::SIGKILL,
    ] {
        let child = env
            .std_cmd()
            .args(["migrate", "lint", "--trace", "--on", "copy"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let sleeping = "select count(*) from pg_stat_activity where datname = current_database() and state = 'active' and query like '%pg_sleep(30)%' and pid <> pg_backend_pid()";
        let start = std::time::Instant::now();
        loop {
            let n: i64 = client.query_one(sleeping, &[]).await.unwrap().get(0);
            if n > 0 {
                break;
            }
            assert!(
                start.elapsed().as_secs() < 30,
                "the trace never reached pg_sleep"
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        nix::sys::signal::kill(nix::unistd::Pid::from_raw(child.id() as i32), signal).unwrap();
        let out = child.wait_with_output().unwrap();
        if signal == nix::sys::signal::Signal::SIGINT {
            assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
            assert!(
                stderr(&out).contains("nothing was changed"),
                "{}",
                stderr(&out)
            );
        }
        // The server notices the closed connection and rolls back.
        let start = std::time::Instant::now();
        loop {
            let n: i64 = client.query_one(sleeping, &[]).await.unwrap().get(0);
            if n == 0 {
                break;
            }
            assert!(
                start.elapsed().as_secs() < 20,
                "the backend outlived its client"
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(relation_count(&client).await, before);
        let killed = count(
            &client,
            "select count(*) from pg_class where relname = 'killed'",
        )
        .await;
        assert_eq!(killed, 0);
        assert_eq!(open_transactions(&client).await, 0);
    }
}

/// With no environments the default target is the sandbox: `--target`
/// without a value prepares v1 and traces v2; `--on sandbox` is allowed
/// and leaves it as it was.
#[test]
fn the_sandbox_is_the_default_target_and_an_allowed_copy() {
    let env = TestEnv::new();
    env.write("migrations/V1__a.sql", "create table a (id int);\n");
    let out = env.cmd().args(["sandbox", "up"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let out = env.cmd().args(["migrate", "--yes"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    env.write("migrations/V2__b.sql", "alter table a add column b int;\n");
    for args in [&["--target"][..], &["--on", "sandbox"][..]] {
        let out = env
            .cmd()
            .args(["migrate", "lint", "--trace", "--output-format", "json"])
            .args(args)
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(
            v["target"].as_str().unwrap().starts_with("sandbox"),
            "{v:#}"
        );
        assert_eq!(v["prepared"], serde_json::json!(["v1"]), "{v:#}");
        assert_eq!(v["traced"], serde_json::json!(["v2"]), "{v:#}");
        assert_eq!(v["statements"].as_array().unwrap().len(), 1, "{v:#}");
    }
    // v2 is still pending: nothing was applied by either trace.
    let out = env
        .cmd()
        .args(["migrate", "info", "--output-format", "json"])
        .output()
        .unwrap();
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(info[1]["state"], "Pending", "{info:#}");
    assert!(rehearsal_dirs(&env).is_empty());
}
