//! What `dbtool migrate` prints and decides at deploy time on a real
//! corpus (issue: real corpora): lock findings only for relations that
//! existed before the run, no authoring rules, a compact block beyond a few
//! findings, one line per applied migration on a non-terminal, and
//! `lint = "refuse"` that can provision an empty database.

use std::fmt::Write as _;

use crate::common::{stderr, TestEnv};

/// A corpus with the shape of a public Flyway project: long tables with
/// style findings (varchar, timestamp, int), foreign keys to earlier
/// tables, indexes built without CONCURRENTLY on tables created by earlier
/// migrations, columns added to them with defaults, a `${schema}`
/// placeholder everywhere and files wrapped in BEGIN/COMMIT.
fn corpus(files: usize) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for n in 1..=files {
        let mut sql = format!("-- migration {n}\n");
        let t = format!("t{n}");
        writeln!(sql, "CREATE TABLE ${{schema}}.{t} (").unwrap();
        writeln!(sql, "    id int PRIMARY KEY,").unwrap();
        for c in 0..12 {
            writeln!(sql, "    c{c} varchar(255),").unwrap();
        }
        if n > 1 {
            writeln!(
                sql,
                "    parent_id int REFERENCES ${{schema}}.t{} (id),",
                n - 1
            )
            .unwrap();
        }
        writeln!(sql, "    created_at timestamp NOT NULL DEFAULT now()\n);").unwrap();
        if n > 1 {
            let prev = format!("t{}", n - 1);
            writeln!(
                sql,
                "CREATE INDEX {prev}_c0_idx ON ${{schema}}.{prev} (c0);"
            )
            .unwrap();
            writeln!(
                sql,
                "ALTER TABLE ${{schema}}.{prev} ADD COLUMN flag boolean NOT NULL DEFAULT false;"
            )
            .unwrap();
            writeln!(
                sql,
                "ALTER TABLE ${{schema}}.{prev} ADD CONSTRAINT {prev}_c1_check CHECK (c1 <> '');"
            )
            .unwrap();
        }
        if n % 5 == 0 {
            sql = format!("BEGIN;\n{sql}COMMIT;\n");
        }
        out.push((format!("V1.0.{n}__step_{n}.sql"), sql));
    }
    out
}

fn project(env: &TestEnv, url: &str, lint: &str) {
    env.write(
        "dbtool.toml",
        &format!(
            "[migrate]\nschemas = [\"app\"]\n\n[migrate.placeholders]\nschema = \"app\"\n\n\
             [environments.prod]\nurl = \"{url}\"\nlint = \"{lint}\"\n"
        ),
    );
}

fn migrate(env: &TestEnv, args: &[&str]) -> std::process::Output {
    env.cmd()
        .arg("migrate")
        .arg("prod")
        .args(args)
        .output()
        .expect("run dbtool")
}

#[tokio::test]
async fn provisioning_an_empty_database_is_quiet_and_passes_lint_refuse() {
    let conn = crate::testkit::fresh_database().await.unwrap();
    let env = TestEnv::new();
    project(&env, &conn.url(true), "refuse");
    let files = corpus(30);
    for (name, sql) in &files {
        env.write(&format!("migrations/{name}"), sql);
    }
    let out = migrate(&env, &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    // Every table is created by this run: no lock finding, and no style
    // finding (varchar, timestamp, int) at deploy time.
    for rule in [
        "require-concurrent-index-creation",
        "constraint-missing-not-valid",
        "prefer-text-field",
        "prefer-timestamp-tz",
        "prefer-bigint-over-int",
        "lint:",
    ] {
        assert!(!err.contains(rule), "{rule} at deploy time:\n{err}");
    }
    // One line per applied migration (not a plan line and an applied line),
    // then the summary.
    for (name, _) in &files {
        assert_eq!(err.matches(name.as_str()).count(), 1, "{name}:\n{err}");
    }
    let lines = err.lines().count();
    assert!(lines <= files.len() + 10, "{lines} lines:\n{err}");
    assert!(err.contains("applied 30 migration(s)"), "{err}");
    assert!(err.contains("v1.0.7 V1.0.7__step_7.sql ("), "{err}");

    // `migrate lint` (authoring, CI) still reports the style rules.
    let out = env
        .cmd()
        .args(["migrate", "lint", "migrations"])
        .output()
        .unwrap();
    let report = crate::common::stdout(&out);
    assert!(report.contains("prefer-text-field"), "{report}");
}

#[tokio::test]
async fn risky_files_on_a_populated_database_print_each_finding_in_full() {
    let conn = crate::testkit::fresh_database().await.unwrap();
    let env = TestEnv::new();
    project(&env, &conn.url(true), "warn");
    env.write(
        "migrations/V1__orders.sql",
        "CREATE TABLE ${schema}.orders (id bigint PRIMARY KEY, customer_id bigint, note text);\n",
    );
    assert!(migrate(&env, &[]).status.success());
    env.write(
        "migrations/V2__index.sql",
        "CREATE INDEX orders_customer_idx ON ${schema}.orders (customer_id);\n",
    );
    env.write(
        "migrations/V3__type.sql",
        "ALTER TABLE ${schema}.orders ALTER COLUMN note TYPE varchar(20);\n",
    );
    env.write(
        "migrations/V4__check.sql",
        "CREATE TABLE ${schema}.fresh (id bigint PRIMARY KEY, v int);\n\
         ALTER TABLE ${schema}.orders ADD CONSTRAINT orders_note_check CHECK (note <> '');\n",
    );
    env.write(
        "migrations/V5__fresh_index.sql",
        "CREATE INDEX fresh_v_idx ON ${schema}.fresh (v);\n",
    );
    let out = migrate(&env, &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    // In full: the arrow with the position, the source line, why and help.
    for (rule, at) in [
        (
            "require-concurrent-index-creation",
            "migrations/V2__index.sql:1:1",
        ),
        ("changing-column-type", "migrations/V3__type.sql:1:"),
        (
            "constraint-missing-not-valid",
            "migrations/V4__check.sql:2:",
        ),
    ] {
        assert!(err.contains(rule), "{rule}:\n{err}");
        assert!(err.contains(&format!("--> {at}")), "{at}:\n{err}");
    }
    assert!(err.contains("= help:"), "{err}");
    // `fresh` was created by this run (V4): its index (V5) is not a finding.
    assert!(!err.contains("V5__fresh_index.sql:"), "{err}");
    assert!(err.contains("lint: 3 errors"), "{err}");
}

#[tokio::test]
async fn refusal_lists_the_findings_and_many_findings_are_compact() {
    let conn = crate::testkit::fresh_database().await.unwrap();
    let env = TestEnv::new();
    project(&env, &conn.url(true), "refuse");
    let mut create = String::from("CREATE TABLE ${schema}.big (id bigint PRIMARY KEY");
    for c in 0..30 {
        write!(create, ", c{c} bigint").unwrap();
    }
    create.push_str(");\n");
    env.write("migrations/V1__big.sql", &create);
    assert!(migrate(&env, &[]).status.success());
    let mut risky = String::new();
    for c in 0..30 {
        writeln!(
            risky,
            "CREATE INDEX big_c{c}_idx ON ${{schema}}.big (c{c});"
        )
        .unwrap();
    }
    env.write("migrations/V2__indexes.sql", &risky);

    // lint = "refuse": nothing applied, and the message lists what caused it.
    let out = migrate(&env, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("30 lint errors in pending migrations; nothing was applied"),
        "{err}"
    );
    assert!(
        err.contains("migrations/V2__indexes.sql:1:1: error[require-concurrent-index-creation]"),
        "{err}"
    );
    assert!(err.contains("… and 10 more (dbtool migrate lint)"), "{err}");

    // Applied anyway (--allow-unsafe): the findings are one line each, capped.
    let out = migrate(&env, &["--allow-unsafe"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_eq!(
        err.matches("error[require-concurrent-index-creation]")
            .count(),
        20,
        "{err}"
    );
    assert!(err.contains("… and 10 more (dbtool migrate lint)"), "{err}");
    assert!(!err.contains("= help:"), "{err}");
    assert!(err.lines().count() < 30, "{err}");
}

/// `migrate lint` needs no placeholder values: an unset one is linted as
/// the identifier or literal where it stands.
#[test]
fn lint_needs_no_placeholder_values() {
    let env = TestEnv::new();
    env.write(
        "migrations/V1__t.sql",
        "CREATE TABLE ${schema}.t (id bigint PRIMARY KEY, owner text DEFAULT '${owner}');\n\
         GRANT SELECT ON ${schema}.t TO ${reader};\n",
    );
    let out = env
        .cmd()
        .args(["migrate", "lint", "--exclude", "prefer-robust-stmts"])
        .output()
        .unwrap();
    let all = format!("{}{}", crate::common::stdout(&out), stderr(&out));
    assert!(!all.contains("parse-error"), "{all}");
    assert!(!all.contains("placeholder"), "{all}");
    assert!(all.contains("0 errors"), "{all}");
}
