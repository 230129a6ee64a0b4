//! Unit tests of the rules: for each rule a flagged case and a safe case,
//! plus context (same-file tables, transactions, versions), inline ignores
//! and parse errors. Pure.

use super::*;

fn run(sql: &str, opts: &LintOptions) -> Vec<Finding> {
    let src = Source {
        file: "V1__t.sql".into(),
        text: sql.into(),
        execute_in_transaction: None,
    };
    lint_source(&src, opts, &mut Schema::default()).findings
}

fn rules_v(sql: &str, pg: PgVersion) -> Vec<String> {
    let opts = LintOptions {
        pg_version: pg,
        ..LintOptions::default()
    };
    run(sql, &opts)
        .into_iter()
        .map(|f| f.rule.to_string())
        .collect()
}

fn rules(sql: &str) -> Vec<String> {
    rules_v(sql, PgVersion::LATEST)
}

#[track_caller]
fn flags(sql: &str, rule: &str) {
    let r = rules(sql);
    assert!(
        r.iter().any(|x| x == rule),
        "expected {rule} for {sql:?}, got {r:?}"
    );
}

#[track_caller]
fn clean(sql: &str, rule: &str) {
    let r = rules(sql);
    assert!(
        !r.iter().any(|x| x == rule),
        "did not expect {rule} for {sql:?}, got {r:?}"
    );
}

#[test]
fn every_rule_is_documented_once() {
    let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    ids.sort();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate rule ids");
    for r in RULES {
        assert!(
            !r.why.is_empty() && !r.safe.is_empty() && !r.summary.is_empty(),
            "{}",
            r.id
        );
    }
    let doc = include_str!("../../docs/lint.md");
    for r in RULES {
        assert!(
            doc.contains(&format!("### `{}`", r.id)),
            "docs/lint.md lacks a section for {}",
            r.id
        );
    }
}

#[test]
fn index_rules() {
    flags(
        "CREATE INDEX i ON events (a);",
        "require-concurrent-index-creation",
    );
    clean(
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON events (a);",
        "require-concurrent-index-creation",
    );
    // Tables created in the same file are exempt.
    clean(
        "CREATE TABLE events (a int); CREATE INDEX i ON events (a);",
        "require-concurrent-index-creation",
    );
    flags("DROP INDEX i;", "require-concurrent-index-deletion");
    clean(
        "DROP INDEX CONCURRENTLY IF EXISTS i;",
        "require-concurrent-index-deletion",
    );
    flags("REINDEX TABLE events;", "require-concurrent-reindex");
    clean(
        "REINDEX TABLE CONCURRENTLY events;",
        "require-concurrent-reindex",
    );
}

#[test]
fn concurrently_in_transactions() {
    // A CONCURRENTLY file is non-transactional: alone it is fine.
    clean(
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON events (a);",
        "ban-concurrent-index-creation-in-transaction",
    );
    flags(
        "BEGIN; CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON events (a); COMMIT;",
        "ban-concurrent-index-creation-in-transaction",
    );
    // executeInTransaction=true forces a transaction.
    let src = Source {
        file: "V1.sql".into(),
        text: "CREATE INDEX CONCURRENTLY i ON t (a);".into(),
        execute_in_transaction: Some(true),
    };
    let f = lint_source(&src, &LintOptions::default(), &mut Schema::default()).findings;
    assert!(f
        .iter()
        .any(|f| f.rule == "ban-concurrent-index-creation-in-transaction"
            && f.severity == Severity::Error));
    // Mixed with other statements: a warning (refused unless `mixed`).
    let f = run("ALTER TABLE t ADD COLUMN IF NOT EXISTS b text; CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (b);", &LintOptions::default());
    assert!(
        f.iter()
            .any(|f| f.rule == "ban-concurrent-index-creation-in-transaction"
                && f.severity == Severity::Warning),
        "{f:?}"
    );
}

#[test]
fn pg14_concurrent_index_bug() {
    let sql = "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON events (a);";
    assert!(rules_v(sql, PgVersion::new(14, 2)).contains(&"concurrent-index-pg14-bug".to_string()));
    assert!(!rules_v(sql, PgVersion::new(14, 4)).contains(&"concurrent-index-pg14-bug".to_string()));
    assert!(!rules_v(sql, PgVersion::new(15, 0)).contains(&"concurrent-index-pg14-bug".to_string()));
}

#[test]
fn constraints() {
    flags(
        "ALTER TABLE orders ADD CONSTRAINT c CHECK (amount > 0);",
        "constraint-missing-not-valid",
    );
    clean(
        "ALTER TABLE orders ADD CONSTRAINT c CHECK (amount > 0) NOT VALID;",
        "constraint-missing-not-valid",
    );
    flags(
        "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (cid) REFERENCES customers (id);",
        "adding-foreign-key-constraint",
    );
    flags(
        "ALTER TABLE orders ADD COLUMN cid bigint REFERENCES customers (id);",
        "adding-foreign-key-constraint",
    );
    clean("ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (cid) REFERENCES customers (id) NOT VALID;", "adding-foreign-key-constraint");
    clean(
        "CREATE TABLE orders (cid bigint REFERENCES customers (id));",
        "adding-foreign-key-constraint",
    );
    flags(
        "ALTER TABLE items ADD PRIMARY KEY (id);",
        "adding-serial-primary-key-field",
    );
    clean(
        "ALTER TABLE items ADD CONSTRAINT items_pkey PRIMARY KEY USING INDEX items_idx;",
        "adding-serial-primary-key-field",
    );
    flags(
        "ALTER TABLE users ADD CONSTRAINT u UNIQUE (email);",
        "disallowed-unique-constraint",
    );
    clean(
        "ALTER TABLE users ADD CONSTRAINT u UNIQUE USING INDEX users_email_idx;",
        "disallowed-unique-constraint",
    );
    flags(
        "ALTER TABLE r ADD CONSTRAINT x EXCLUDE USING gist (during WITH &&);",
        "ban-exclusion-constraint",
    );
    clean(
        "CREATE TABLE r (during tstzrange, EXCLUDE USING gist (during WITH &&));",
        "ban-exclusion-constraint",
    );
    flags(
        "ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey;",
        "dropping-foreign-key",
    );
    clean(
        "ALTER TABLE orders DROP CONSTRAINT orders_amount_check;",
        "dropping-foreign-key",
    );
}

#[test]
fn validate_in_same_transaction() {
    flags(
        "ALTER TABLE o ADD CONSTRAINT fk FOREIGN KEY (c) REFERENCES p (id) NOT VALID; ALTER TABLE o VALIDATE CONSTRAINT fk;",
        "validate-in-same-transaction",
    );
    clean(
        "ALTER TABLE o VALIDATE CONSTRAINT fk;",
        "validate-in-same-transaction",
    );
}

#[test]
fn add_column_defaults_depend_on_version() {
    flags(
        "ALTER TABLE e ADD COLUMN r uuid DEFAULT gen_random_uuid();",
        "adding-field-with-default",
    );
    clean(
        "ALTER TABLE e ADD COLUMN n int DEFAULT 0;",
        "adding-field-with-default",
    );
    clean(
        "ALTER TABLE e ADD COLUMN at timestamptz DEFAULT now();",
        "adding-field-with-default",
    );
    clean(
        "ALTER TABLE e ADD COLUMN p jsonb DEFAULT '{}'::jsonb;",
        "adding-field-with-default",
    );
    assert!(rules_v(
        "ALTER TABLE e ADD COLUMN n bigint DEFAULT 0;",
        PgVersion::new(10, 0)
    )
    .contains(&"adding-field-with-default".to_string()));
    flags(
        "ALTER TABLE e ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY;",
        "adding-field-with-default",
    );
    flags(
        "ALTER TABLE e ADD COLUMN s bigserial;",
        "adding-serial-column",
    );
    clean("ALTER TABLE e ADD COLUMN s bigint;", "adding-serial-column");
    flags(
        "ALTER TABLE e ADD COLUMN t bigint NOT NULL;",
        "adding-required-field",
    );
    clean(
        "ALTER TABLE e ADD COLUMN t bigint NOT NULL DEFAULT 0;",
        "adding-required-field",
    );
    flags(
        "ALTER TABLE e ALTER COLUMN t SET NOT NULL;",
        "adding-not-nullable-field",
    );
    clean(
        "CREATE TABLE e (t int); ALTER TABLE e ALTER COLUMN t SET NOT NULL;",
        "adding-not-nullable-field",
    );
}

#[test]
fn column_type_changes() {
    flags(
        "ALTER TABLE e ALTER COLUMN amount TYPE bigint;",
        "changing-column-type",
    );
    // Known old type from an earlier file of the run: binary-coercible changes pass.
    let opts = LintOptions::default();
    let mut schema = Schema::default();
    let first = Source {
        file: "V1.sql".into(),
        text: "CREATE TABLE e (name varchar(50), n numeric(10,2), k int);".into(),
        execute_in_transaction: None,
    };
    lint_source(&first, &opts, &mut schema);
    let second = Source {
        file: "V2.sql".into(),
        text: "ALTER TABLE e ALTER COLUMN name TYPE text;\nALTER TABLE e ALTER COLUMN n TYPE numeric(12,2);\nALTER TABLE e ALTER COLUMN k TYPE bigint;".into(),
        execute_in_transaction: None,
    };
    let f = lint_source(&second, &opts, &mut schema).findings;
    let ct: Vec<&Finding> = f
        .iter()
        .filter(|f| f.rule == "changing-column-type")
        .collect();
    assert_eq!(ct.len(), 1, "{f:?}");
    assert_eq!(ct[0].line, 3);
    assert!(
        ct[0].message.contains("from int4 to int8"),
        "{}",
        ct[0].message
    );
    // Unknown old type, target text: a warning, not an error.
    let f = run("ALTER TABLE e ALTER COLUMN name TYPE text;", &opts);
    assert_eq!(
        f.iter()
            .find(|f| f.rule == "changing-column-type")
            .unwrap()
            .severity,
        Severity::Warning
    );
}

#[test]
fn renames_and_drops() {
    flags("ALTER TABLE users RENAME COLUMN a TO b;", "renaming-column");
    clean(
        "CREATE TABLE users (a int); ALTER TABLE users RENAME COLUMN a TO b;",
        "renaming-column",
    );
    flags("ALTER TABLE users RENAME TO clients;", "renaming-table");
    clean(
        "ALTER INDEX users_idx RENAME TO clients_idx;",
        "renaming-table",
    );
    flags("ALTER TABLE users DROP COLUMN legacy;", "ban-drop-column");
    clean(
        "ALTER TABLE users ADD COLUMN legacy text;",
        "ban-drop-column",
    );
    flags("DROP TABLE legacy;", "ban-drop-table");
    clean(
        "CREATE TABLE tmp (a int); DROP TABLE tmp;",
        "ban-drop-table",
    );
    flags("DROP VIEW report;", "ban-drop-view");
    clean(
        "CREATE OR REPLACE VIEW report AS SELECT 1;",
        "ban-drop-view",
    );
    flags("DROP FUNCTION f(int);", "ban-drop-function");
    clean(
        "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 1';",
        "ban-drop-function",
    );
    flags("DROP TYPE mood;", "ban-drop-type");
    flags("DROP OPERATOR @> (cube, cube);", "ban-drop-type");
    clean("CREATE TYPE mood AS ENUM ('a');", "ban-drop-type");
    flags("DROP DATABASE prod;", "ban-drop-database");
    clean("CREATE DATABASE scratch;", "ban-drop-database");
    flags(
        "ALTER TABLE users ALTER COLUMN nick DROP NOT NULL;",
        "ban-drop-not-null",
    );
    clean(
        "ALTER TABLE users ALTER COLUMN nick SET DEFAULT '';",
        "ban-drop-not-null",
    );
    flags("TRUNCATE staging CASCADE;", "ban-truncate-cascade");
    clean("TRUNCATE staging;", "ban-truncate-cascade");
}

#[test]
fn transactions_and_robustness() {
    flags(
        "ALTER TABLE t ADD COLUMN c text; COMMIT; ALTER TABLE t ADD COLUMN d text;",
        "transaction-nesting",
    );
    flags(
        "BEGIN; ALTER TABLE t ADD COLUMN c text; COMMIT; BEGIN; SELECT 1; COMMIT;",
        "transaction-nesting",
    );
    // A whole-file wrapper is the migration's own transaction (as with Flyway).
    clean(
        "BEGIN; ALTER TABLE t ADD COLUMN c text; COMMIT;",
        "transaction-nesting",
    );
    clean("ALTER TABLE t ADD COLUMN c text;", "transaction-nesting");
    // Non-transactional file (CONCURRENTLY): robustness matters.
    flags(
        "CREATE INDEX CONCURRENTLY i ON t (a);",
        "prefer-robust-stmts",
    );
    clean(
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);",
        "prefer-robust-stmts",
    );
    // In a transactional file it does not.
    clean("CREATE TABLE t (a bigint);", "prefer-robust-stmts");
}

#[test]
fn timeouts() {
    let off = LintOptions {
        engine_lock_timeout: false,
        ..LintOptions::default()
    };
    let r: Vec<String> = run("ALTER TABLE t ADD COLUMN c text;", &off)
        .into_iter()
        .map(|f| f.rule.to_string())
        .collect();
    assert!(r.contains(&"require-lock-timeout".to_string()));
    let r: Vec<String> = run(
        "SET lock_timeout = '2s'; ALTER TABLE t ADD COLUMN c text;",
        &off,
    )
    .into_iter()
    .map(|f| f.rule.to_string())
    .collect();
    assert!(!r.contains(&"require-lock-timeout".to_string()), "{r:?}");
    // dbtool's migrate sets lock_timeout by default.
    clean("ALTER TABLE t ADD COLUMN c text;", "require-lock-timeout");
    flags(
        "ALTER TABLE t ALTER COLUMN c SET NOT NULL;",
        "require-statement-timeout",
    );
    clean(
        "SET statement_timeout = '1min'; ALTER TABLE t ALTER COLUMN c SET NOT NULL;",
        "require-statement-timeout",
    );
}

#[test]
fn type_hygiene() {
    flags("CREATE TABLE t (id int);", "prefer-bigint-over-int");
    clean("CREATE TABLE t (id bigint);", "prefer-bigint-over-int");
    flags(
        "CREATE TABLE t (p smallint);",
        "prefer-bigint-over-smallint",
    );
    clean("CREATE TABLE t (p bigint);", "prefer-bigint-over-smallint");
    flags("CREATE TABLE t (id bigserial);", "prefer-identity");
    clean(
        "CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY);",
        "prefer-identity",
    );
    flags("CREATE TABLE t (n varchar(20));", "prefer-text-field");
    clean("CREATE TABLE t (n varchar);", "prefer-text-field");
    flags("CREATE TABLE t (at timestamp);", "prefer-timestamp-tz");
    clean("CREATE TABLE t (at timestamptz);", "prefer-timestamp-tz");
    flags("CREATE TABLE t (c char(3));", "ban-char-field");
    clean("CREATE TABLE t (c text);", "ban-char-field");
    flags("ALTER TABLE t ADD COLUMN p json;", "prefer-jsonb");
    clean("ALTER TABLE t ADD COLUMN p jsonb;", "prefer-jsonb");
}

#[test]
fn rewrites_and_maintenance() {
    flags("REFRESH MATERIALIZED VIEW v;", "require-concurrent-refresh");
    clean(
        "REFRESH MATERIALIZED VIEW CONCURRENTLY v;",
        "require-concurrent-refresh",
    );
    flags("VACUUM FULL events;", "ban-vacuum-full");
    clean("VACUUM (ANALYZE) events;", "ban-vacuum-full");
    flags("CLUSTER events USING events_pkey;", "ban-cluster");
    clean("ANALYZE events;", "ban-cluster");
    flags("ALTER TABLE events SET LOGGED;", "ban-set-logged-unlogged");
    clean(
        "CREATE UNLOGGED TABLE scratch (a int);",
        "ban-set-logged-unlogged",
    );
    flags(
        "ALTER TABLE events SET TABLESPACE fast;",
        "ban-set-tablespace",
    );
    clean(
        "CREATE TABLE e2 (a int) TABLESPACE fast;",
        "ban-set-tablespace",
    );
    flags(
        "ALTER TABLE m ATTACH PARTITION m2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');",
        "attach-partition-without-check",
    );
    clean(
        "ALTER TABLE m2024 ADD CONSTRAINT b CHECK (ts >= '2024-01-01') NOT VALID;\nALTER TABLE m ATTACH PARTITION m2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');",
        "attach-partition-without-check",
    );
    flags(
        "ALTER TABLE m DETACH PARTITION m2020;",
        "require-concurrent-detach-partition",
    );
    clean(
        "ALTER TABLE m DETACH PARTITION m2020 CONCURRENTLY;",
        "require-concurrent-detach-partition",
    );
}

#[test]
fn triggers_and_dml() {
    flags(
        "CREATE TRIGGER a AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION f();",
        "create-trigger-on-hot-table",
    );
    clean("CREATE TABLE events (a int); CREATE TRIGGER a AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION f();", "create-trigger-on-hot-table");
    let hot = LintOptions {
        config: LintConfig {
            hot_tables: vec!["orders".into()],
            ..LintConfig::default()
        },
        ..LintOptions::default()
    };
    let f = run(
        "CREATE TRIGGER a AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION f();",
        &hot,
    );
    assert!(f.is_empty(), "{f:?}");
    flags("UPDATE events SET a = 1;", "ban-unbounded-update-delete");
    flags("DELETE FROM events;", "ban-unbounded-update-delete");
    clean(
        "UPDATE events SET a = 1 WHERE id < 1000;",
        "ban-unbounded-update-delete",
    );
    flags(
        "ALTER TABLE events ADD COLUMN t bigint; UPDATE events SET t = 0 WHERE id < 100;",
        "backfill-in-ddl-transaction",
    );
    clean(
        "UPDATE events SET t = 0 WHERE id < 100;",
        "backfill-in-ddl-transaction",
    );
}

#[test]
fn enums_and_domains() {
    let sql = "ALTER TYPE mood ADD VALUE 'meh'; CREATE TABLE x (m mood);";
    assert!(rules_v(sql, PgVersion::new(11, 0))
        .contains(&"alter-enum-add-value-in-transaction".to_string()));
    assert!(!rules_v(sql, PgVersion::new(12, 0))
        .contains(&"alter-enum-add-value-in-transaction".to_string()));
    assert!(
        !rules_v("ALTER TYPE mood ADD VALUE 'meh';", PgVersion::new(11, 0))
            .contains(&"alter-enum-add-value-in-transaction".to_string())
    );
    flags(
        "CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');",
        "ban-create-domain-with-constraint",
    );
    clean(
        "CREATE DOMAIN email AS text;",
        "ban-create-domain-with-constraint",
    );
    flags(
        "ALTER DOMAIN email ADD CONSTRAINT at CHECK (VALUE LIKE '%@%');",
        "ban-alter-domain-with-add-constraint",
    );
    clean(
        "ALTER DOMAIN email ADD CONSTRAINT at CHECK (VALUE LIKE '%@%') NOT VALID;",
        "ban-alter-domain-with-add-constraint",
    );
}

#[test]
fn inline_ignores() {
    let sql = "-- dbtool:ignore ban-drop-column the column is unused since 2024\nALTER TABLE t DROP COLUMN a;\nALTER TABLE t DROP COLUMN b;\n";
    let f = run(sql, &LintOptions::default());
    let drops: Vec<usize> = f
        .iter()
        .filter(|f| f.rule == "ban-drop-column")
        .map(|f| f.line)
        .collect();
    assert_eq!(drops, vec![3]);
    let sql = "ALTER TABLE t DROP COLUMN a; -- dbtool:ignore ban-drop-column,renaming-column\nALTER TABLE t DROP COLUMN b;";
    let drops: Vec<usize> = run(sql, &LintOptions::default())
        .iter()
        .filter(|f| f.rule == "ban-drop-column")
        .map(|f| f.line)
        .collect();
    assert_eq!(drops, vec![2]);
    let sql =
        "-- dbtool:ignore-file all reviewed by DBA\nALTER TABLE t DROP COLUMN a;\nDROP TABLE x;";
    assert!(run(sql, &LintOptions::default()).is_empty());
    // A misspelt rule id is reported, with a suggestion.
    let f = run(
        "-- dbtool:ignore ban-drop-colum\nALTER TABLE t DROP COLUMN a;",
        &LintOptions::default(),
    );
    assert_eq!(f[0].rule, "unknown-rule");
    assert_eq!((f[0].line, f[0].column), (1, 4));
    assert!(
        f[0].message.contains("did you mean `ban-drop-column`"),
        "{}",
        f[0].message
    );
    assert_eq!(f[1].rule, "ban-drop-column");
    // A plain mention outside a comment does nothing.
    let sql = "SELECT 'dbtool:ignore ban-drop-column';\nALTER TABLE t DROP COLUMN a;";
    assert_eq!(rules(sql), vec!["ban-drop-column"]);
}

#[test]
fn include_exclude_and_config_severity() {
    let sql = "ALTER TABLE t DROP COLUMN a; CREATE TABLE n (id int);";
    let ex = LintOptions {
        exclude: vec!["ban-drop-column".into()],
        ..LintOptions::default()
    };
    assert_eq!(
        run(sql, &ex)
            .into_iter()
            .map(|f| f.rule.to_string())
            .collect::<Vec<_>>(),
        vec!["prefer-bigint-over-int"]
    );
    let inc = LintOptions {
        include: vec!["ban-drop-column".into()],
        ..LintOptions::default()
    };
    assert_eq!(
        run(sql, &inc)
            .into_iter()
            .map(|f| f.rule.to_string())
            .collect::<Vec<_>>(),
        vec!["ban-drop-column"]
    );
    let mut cfg = LintConfig::default();
    cfg.rules
        .insert("ban-drop-column".into(), config::RuleSetting::Warning);
    let f = run(
        sql,
        &LintOptions {
            config: cfg,
            ..LintOptions::default()
        },
    );
    assert_eq!(f[0].severity, Severity::Warning);
    assert!(!has_failures(&f, false));
    assert!(has_failures(&f, true));
}

#[test]
fn parse_errors_are_findings_and_do_not_stop_the_file() {
    let sql = "CREATE TABLE a (id bigint);\nALTER TABLE t DROPP COLUMN x;\nALTER TABLE t DROP COLUMN y;\n";
    let f = run(sql, &LintOptions::default());
    assert_eq!(f[0].rule, "parse-error");
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!((f[0].line, f[0].column), (2, 15), "{:?}", f[0]);
    assert!(f[0].message.contains("syntax error"), "{}", f[0].message);
    assert_eq!(f[1].rule, "ban-drop-column");
    assert_eq!(f[1].line, 3);
    // A file the lexer cannot split is one finding.
    let f = run("select 1;\nselect 'oops", &LintOptions::default());
    assert_eq!((f[0].rule, f[0].line), ("parse-error", 2));
}

#[test]
fn positions_placeholders_and_psql_syntax() {
    let sql = "-- header\nCREATE TABLE t (\n  id bigint,\n  name varchar(10)\n);\nGRANT SELECT ON t TO ${reader_role};\n\\set x 1\nCOPY t FROM stdin;\n1\tx\n\\.\nDROP INDEX i;\n";
    let f = run(sql, &LintOptions::default());
    let rules: Vec<(&str, usize, usize)> = f.iter().map(|f| (f.rule, f.line, f.column)).collect();
    assert_eq!(
        rules,
        vec![
            ("prefer-text-field", 4, 8),
            ("require-concurrent-index-deletion", 11, 1)
        ]
    );
    assert_eq!(f[0].source_line, "  name varchar(10)");
    assert_eq!(neutralize_placeholders("a ${b:c} d"), "a _b_c__ d");
}

#[test]
fn versions_parse() {
    assert_eq!(PgVersion::parse("14.2").unwrap(), PgVersion::new(14, 2));
    assert_eq!(
        PgVersion::parse("16").unwrap(),
        PgVersion {
            major: 16,
            minor: None
        }
    );
    assert_eq!(PgVersion::parse("140003").unwrap(), PgVersion::new(14, 3));
    assert_eq!(PgVersion::parse("9.6").unwrap().major, 9);
    assert_eq!(PgVersion::from_num(90624).major, 9);
    assert_eq!(PgVersion::new(11, 0).num(), 110000);
    assert!(PgVersion::parse("x").is_err());
    assert_eq!(PgVersion::new(14, 2).to_string(), "14.2");
}

#[test]
fn relations_locked_for_preflight() {
    let l = relations_locked("CREATE TABLE n (id bigint);\nCREATE INDEX i ON n (id);\nALTER TABLE events ADD COLUMN x text;\nCREATE INDEX j ON events (x);", PgVersion::LATEST);
    assert_eq!(l.len(), 1, "{l:?}");
    assert_eq!(
        (l[0].relation.as_str(), l[0].mode),
        ("events", LockMode::AccessExclusive)
    );
}

#[test]
fn parallel_linting_keeps_order_and_schema_context() {
    // File 0 declares the column; file i > 0 changes it to text (binary-coercible
    // only with the knowledge from file 0) and drops a column.
    let sources: Vec<Source> = (0..40)
        .map(|i| Source {
            file: format!("V{i}.sql"),
            text: if i == 0 {
                "CREATE TABLE t (name varchar(10));".into()
            } else {
                format!(
                    "ALTER TABLE t ALTER COLUMN name TYPE text;\nALTER TABLE t DROP COLUMN c{i};"
                )
            },
            execute_in_transaction: None,
        })
        .collect();
    let run_with = |threads: usize| {
        let mut seen = Vec::new();
        lint_in_order(
            sources.len(),
            |i| Ok::<_, String>(sources[i].clone()),
            &LintOptions::default(),
            threads,
            |i, r| seen.push((i, r.findings.iter().map(|f| f.rule).collect::<Vec<_>>())),
        )
        .unwrap();
        seen
    };
    let sequential = run_with(1);
    assert_eq!(sequential, run_with(2));
    assert_eq!(sequential, run_with(4));
    assert_eq!(sequential[1].1, vec!["ban-drop-column"]);
    assert!(sequential.iter().map(|(i, _)| *i).eq(0..40));
    for threads in [2, 3, 4] {
        // Files after the one that fails to load are never reported.
        let mut reported = Vec::new();
        let err = lint_in_order(
            10,
            |i| {
                if i == 3 {
                    Err("boom")
                } else {
                    Ok(sources[0].clone())
                }
            },
            &LintOptions::default(),
            threads,
            |i, _| reported.push(i),
        );
        assert_eq!(err, Err("boom"));
        assert_eq!(reported, vec![0, 1, 2], "{threads} threads");
    }
}

/// Files are read at most a window ahead of the rules, even while one
/// slow file holds the rules up (the thread running them prepares files
/// too, and must not run ahead of that file without bound).
#[test]
fn lint_in_order_reads_a_bounded_window_ahead() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let loaded = AtomicUsize::new(0);
    let threads = 2;
    let mut max_ahead = 0;
    lint_in_order(
        40,
        |i| {
            if i == 1 {
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
            loaded.fetch_add(1, Ordering::SeqCst);
            Ok::<_, String>(Source {
                file: format!("V{i}.sql"),
                text: "SELECT 1;".into(),
                execute_in_transaction: None,
            })
        },
        &LintOptions::default(),
        threads,
        |i, _| max_ahead = max_ahead.max(loaded.load(Ordering::SeqCst) - (i + 1)),
    )
    .unwrap();
    assert_eq!(loaded.load(Ordering::SeqCst), 40);
    // The window (threads + 1) plus a file in hand per thread.
    assert!(max_ahead <= 2 * threads + 1, "read {max_ahead} files ahead");
}

#[test]
fn odd_inputs_do_not_panic() {
    let inputs = [
        "",
        "-- only a comment\n",
        "/* unterminated",
        "\u{feff}CREATE TABLE t (id bigint);",
        "select 'héllo' ; ALTER TABLE \"Ünïcode\" DROP COLUMN \"ç\";",
        "DO $$ BEGIN RAISE NOTICE 'x'; END $$;",
        "CREATE FUNCTION f() RETURNS int AS $body$ select 1 $body",
        "\\set ON_ERROR_STOP on\n\\i other.sql\n",
        "COPY t FROM stdin;\n1\n2\n",
        "select 1\0;",
        ";;;",
        "ALTER TABLE t ADD COLUMN c int DEFAULT (SELECT 1);",
        "ALTER TABLE ONLY t ALTER COLUMN c TYPE int USING c::int, ALTER COLUMN d SET DEFAULT 1;",
        "CREATE INDEX ON t USING gin (payload jsonb_path_ops) WHERE deleted_at IS NULL;",
        "EXPLAIN ANALYZE UPDATE t SET a = 1;",
        "WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x;",
    ];
    for text in inputs {
        let src = Source {
            file: "x.sql".into(),
            text: text.into(),
            execute_in_transaction: None,
        };
        let r = lint_source(
            &src,
            &LintOptions {
                explain: true,
                ..LintOptions::default()
            },
            &mut Schema::default(),
        );
        for f in &r.findings {
            assert!(f.line >= 1 && f.column >= 1, "{text:?}: {f:?}");
        }
    }
    // Columns count characters, not bytes.
    let f = run(
        "select 'é'; ALTER TABLE t DROP COLUMN c;",
        &LintOptions::default(),
    );
    assert_eq!((f[0].line, f[0].column), (1, 13));
}

fn rules_with(sql: &str, opts: &LintOptions, in_tx: Option<bool>) -> Vec<String> {
    let src = Source {
        file: "V1__t.sql".into(),
        text: sql.into(),
        execute_in_transaction: in_tx,
    };
    lint_source(&src, opts, &mut Schema::default())
        .findings
        .into_iter()
        .map(|f| f.rule.to_string())
        .collect()
}

fn count(sql: &str, rule: &str) -> usize {
    rules(sql).iter().filter(|r| *r == rule).count()
}

#[test]
fn duplicate_column_assignments() {
    let rule = "ban-duplicate-column-assignments";
    flags(
        "UPDATE invoices SET total = 1, total = 2 WHERE id = 7;",
        rule,
    );
    // Unquoted names fold to lower case; a quoted lower-case name is the same column.
    flags(
        "UPDATE invoices SET Total = 1, \"total\" = 2 WHERE id = 7;",
        rule,
    );
    // A multiple-column assignment counts each column.
    flags(
        "UPDATE invoices SET (total, tax) = (1, 2), tax = 3 WHERE id = 7;",
        rule,
    );
    // The whole column and a field of it.
    flags(
        "UPDATE shapes SET origin = ROW(0, 0), origin.x = 1 WHERE id = 1;",
        rule,
    );
    flags(
        "INSERT INTO invoices (id, total) VALUES (1, 2) ON CONFLICT (id) DO UPDATE SET total = excluded.total, total = 0;",
        rule,
    );
    flags(
        "INSERT INTO invoices (id, total, id) VALUES (1, 2, 3);",
        rule,
    );
    flags(
        "MERGE INTO invoices i USING staged s ON i.id = s.id WHEN MATCHED THEN UPDATE SET total = s.total, total = 0;",
        rule,
    );
    flags(
        "CREATE TABLE ledger (amount bigint, note text, amount numeric);",
        rule,
    );
    flags(
        "CREATE FOREIGN TABLE remote_ledger (amount bigint, amount text) SERVER archive;",
        rule,
    );
    flags("CREATE VIEW v_ledger (a, b, a) AS SELECT 1, 2, 3;", rule);
    flags(
        "CREATE VIEW v_ledger AS SELECT l.amount, x.amount FROM ledger l, ledger x;",
        rule,
    );
    // Two names that differ only after byte 63 are one column to PostgreSQL.
    let p = "c".repeat(63);
    flags(
        &format!("UPDATE invoices SET {p}_one = 1, {p}_two = 2 WHERE id = 1;"),
        rule,
    );
    // Reported once per duplicated column.
    assert_eq!(
        count("UPDATE t SET a = 1, a = 2, a = 3 WHERE id = 1;", rule),
        1
    );

    clean("UPDATE invoices SET total = 1, tax = 2 WHERE id = 7;", rule);
    // Different fields or elements of one column are allowed.
    clean(
        "UPDATE shapes SET origin.x = 1, origin.y = 2 WHERE id = 1;",
        rule,
    );
    clean(
        "UPDATE grids SET cells[1] = 0, cells[2] = 0 WHERE id = 1;",
        rule,
    );
    clean(
        "INSERT INTO invoices (id, total) VALUES (1, 2) ON CONFLICT (id) DO UPDATE SET total = excluded.total;",
        rule,
    );
    clean("CREATE TABLE ledger (amount bigint, note text);", rule);
    clean(
        "CREATE VIEW v_ledger AS SELECT l.amount, x.amount AS other FROM ledger l, ledger x;",
        rule,
    );
}

#[test]
fn identifiers_over_63_bytes() {
    let rule = "identifier-too-long";
    let long = format!("orders_{}", "x".repeat(60)); // 67 bytes
    let exact = "y".repeat(63);
    flags(&format!("CREATE TABLE {long} (id bigint);"), rule);
    flags(&format!("ALTER TABLE orders ADD COLUMN {long} text;"), rule);
    flags(
        &format!("CREATE INDEX CONCURRENTLY IF NOT EXISTS {long} ON orders (id);"),
        rule,
    );
    flags(
        &format!("ALTER TABLE orders ADD CONSTRAINT {long} CHECK (id > 0) NOT VALID;"),
        rule,
    );
    // Quoted identifiers keep their case but are truncated all the same.
    flags(
        &format!("CREATE TABLE \"Orders{}\" (id bigint);", "Z".repeat(60)),
        rule,
    );
    // Multi-byte characters: 22 × 3 bytes = 66 bytes in 22 characters.
    flags(
        &format!("CREATE TABLE \"{}\" (id bigint);", "€".repeat(22)),
        rule,
    );
    let msg = &run(
        &format!("CREATE TABLE {long} (id bigint);"),
        &LintOptions::default(),
    )[0];
    assert!(
        msg.message.contains("truncates it to 63") && msg.message.contains("collides"),
        "{}",
        msg.message
    );
    assert_eq!(msg.column, 14);

    clean(&format!("CREATE TABLE {exact} (id bigint);"), rule);
    clean(
        &format!("CREATE TABLE \"{}\" (id bigint);", "€".repeat(21)),
        rule,
    );
    // A long string constant or comment is not an identifier.
    clean(
        &format!("-- {long}\nINSERT INTO notes (body) VALUES ('{long}');"),
        rule,
    );
    assert_eq!(super::rules::truncate_identifier(&"€".repeat(22)).len(), 63);
}

#[test]
fn enum_values_need_a_position() {
    let rule = "require-enum-value-ordering";
    flags("ALTER TYPE order_status ADD VALUE 'refunded';", rule);
    flags(
        "ALTER TYPE billing.order_status ADD VALUE IF NOT EXISTS 'refunded';",
        rule,
    );
    clean(
        "ALTER TYPE order_status ADD VALUE 'refunded' AFTER 'paid';",
        rule,
    );
    clean(
        "ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'draft' BEFORE 'open';",
        rule,
    );
    clean(
        "ALTER TYPE order_status RENAME VALUE 'open' TO 'opened';",
        rule,
    );
}

#[test]
fn table_schema_is_opt_in() {
    let rule = "require-table-schema";
    // Off by default.
    clean("CREATE TABLE invoices (id bigint);", rule);
    let on = |how: u8| {
        let mut opts = LintOptions::default();
        match how {
            0 => {
                opts.config
                    .rules
                    .insert(rule.into(), config::RuleSetting::Warning);
            }
            1 => opts.include = vec![rule.into()],
            _ => opts.config.include = vec![rule.into()],
        }
        opts
    };
    for how in 0..3 {
        let opts = on(how);
        let has = |sql: &str| rules_with(sql, &opts, None).iter().any(|r| r == rule);
        assert!(has("CREATE TABLE invoices (id bigint);"));
        assert!(has("ALTER TABLE invoices ADD COLUMN note text;"));
        assert!(has("DROP TABLE invoices;"));
        assert!(has("CREATE TABLE invoices_copy AS SELECT 1 AS id;"));
        assert!(!has("CREATE TABLE app.invoices (id bigint);"));
        assert!(!has("ALTER TABLE app.invoices ADD COLUMN note text;"));
        assert!(!has("DROP TABLE IF EXISTS app.invoices;"));
        assert!(!has(
            "CREATE TEMP TABLE scratch (id bigint) ON COMMIT DROP;"
        ));
        assert!(!has("CREATE TEMPORARY TABLE scratch AS SELECT 1 AS id;"));
        // ALTER INDEX / ALTER VIEW are not tables.
        assert!(!has("ALTER INDEX invoices_idx SET (fillfactor = 90);"));
    }
    // Set to "off" explicitly: still off.
    let mut opts = LintOptions::default();
    opts.config
        .rules
        .insert(rule.into(), config::RuleSetting::Off);
    assert!(
        !rules_with("CREATE TABLE invoices (id bigint);", &opts, None)
            .iter()
            .any(|r| r == rule)
    );
}

#[test]
fn uncommitted_transactions() {
    let rule = "ban-uncommitted-transaction";
    let non_tx = |sql: &str| rules_with(sql, &LintOptions::default(), Some(false));
    let has = |r: Vec<String>| r.iter().any(|x| x == rule);
    assert!(has(non_tx("BEGIN;\nCREATE TABLE ledger (id bigint);")));
    assert!(has(non_tx(
        "START TRANSACTION;\nCREATE TABLE ledger (id bigint);"
    )));
    assert!(has(non_tx("BEGIN WORK;\nCREATE TABLE ledger (id bigint);")));
    assert!(has(non_tx(
        "BEGIN; CREATE TABLE a (id bigint); COMMIT;\nBEGIN; CREATE TABLE b (id bigint);"
    )));
    // Whatever the file's transaction mode.
    flags("BEGIN;\nCREATE TABLE ledger (id bigint);", rule);
    assert!(!has(non_tx(
        "BEGIN; CREATE TABLE ledger (id bigint); COMMIT;"
    )));
    assert!(!has(non_tx(
        "BEGIN; CREATE TABLE ledger (id bigint); ROLLBACK;"
    )));
    assert!(!has(non_tx("CREATE TABLE ledger (id bigint);")));
    assert!(!has(non_tx("BEGIN; BEGIN; COMMIT;")));
    clean("BEGIN; CREATE TABLE ledger (id bigint); COMMIT;", rule);
    // Reported at the BEGIN that is left open.
    let f = lint_source(
        &Source {
            file: "V1.sql".into(),
            text: "BEGIN; SELECT 1; COMMIT;\n\nBEGIN;\nSELECT 2;".into(),
            execute_in_transaction: Some(false),
        },
        &LintOptions::default(),
        &mut Schema::default(),
    )
    .findings;
    let f = f.iter().find(|f| f.rule == rule).unwrap();
    assert_eq!((f.line, f.column), (3, 1));
}

#[test]
fn squawk_ids_are_aliases() {
    let with = |f: &dyn Fn(&mut LintOptions)| {
        let mut o = LintOptions::default();
        f(&mut o);
        o
    };
    let vacuum = "VACUUM FULL events;";
    let detach = "ALTER TABLE measurements DETACH PARTITION measurements_2020;";
    let has =
        |sql: &str, o: &LintOptions, rule: &str| rules_with(sql, o, None).iter().any(|r| r == rule);
    // --exclude / [lint] exclude
    let o = with(&|o| o.exclude = vec!["prefer-repack".into()]);
    assert!(!has(vacuum, &o, "ban-vacuum-full"));
    assert!(!has("CLUSTER events USING events_pkey;", &o, "ban-cluster"));
    let o = with(&|o| o.config.exclude = vec!["require-concurrent-partition-detach".into()]);
    assert!(!has(detach, &o, "require-concurrent-detach-partition"));
    assert!(has(
        detach,
        &LintOptions::default(),
        "require-concurrent-detach-partition"
    ));
    // --include
    let o = with(&|o| o.include = vec!["prefer-repack".into()]);
    assert!(has(vacuum, &o, "ban-vacuum-full"));
    assert!(!has(detach, &o, "require-concurrent-detach-partition"));
    // [lint.rules] under the alias; the dbtool id wins when both are set.
    let o = with(&|o| {
        o.config
            .rules
            .insert("prefer-repack".into(), config::RuleSetting::Off);
    });
    assert!(!has(vacuum, &o, "ban-vacuum-full"));
    let o = with(&|o| {
        o.config
            .rules
            .insert("prefer-repack".into(), config::RuleSetting::Off);
        o.config
            .rules
            .insert("ban-cluster".into(), config::RuleSetting::Warning);
    });
    let f = run("CLUSTER events USING events_pkey;", &o);
    assert!(f
        .iter()
        .any(|f| f.rule == "ban-cluster" && f.severity == Severity::Warning));
    // Validation accepts them.
    let c: LintConfig = toml::from_str(
        "exclude = [\"prefer-repack\"]\ninclude = [\"require-concurrent-partition-detach\"]\n[rules]\nprefer-big-int = \"off\"\nrequire-timeout-settings = \"warning\"\n",
    )
    .unwrap();
    c.validate().unwrap();
    let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    assert!(config::check_rule_id("prefer-repack", &ids).is_ok());
    let e = config::check_rule_id("prefer-repak", &ids).unwrap_err();
    assert!(e.contains("did you mean `prefer-repack`"), "{e}");
    // Ignore comments.
    clean(
        "-- dbtool:ignore prefer-repack reviewed\nVACUUM FULL events;",
        "ban-vacuum-full",
    );
    clean(
        "-- dbtool:ignore-file require-concurrent-partition-detach\nALTER TABLE measurements DETACH PARTITION measurements_2020;",
        "require-concurrent-detach-partition",
    );
    clean(
        "-- dbtool:ignore prefer-repack\nVACUUM FULL events;",
        "unknown-rule",
    );
}

#[test]
fn squawk_ignore_comments() {
    let drop_col = "ALTER TABLE t DROP COLUMN c;";
    clean(
        &format!("-- squawk-ignore ban-drop-column\n{drop_col}"),
        "ban-drop-column",
    );
    clean(
        &format!("/* squawk-ignore ban-drop-column */\n{drop_col}"),
        "ban-drop-column",
    );
    // Comma-separated with spaces, and a trailing comment after `--`.
    let sql = format!("-- squawk-ignore renaming-column, ban-drop-column -- reviewed\n{drop_col}");
    clean(&sql, "ban-drop-column");
    clean(&sql, "unknown-rule");
    // Only the next statement.
    flags(
        &format!("-- squawk-ignore ban-drop-column\n{drop_col}\nALTER TABLE t DROP COLUMN d;"),
        "ban-drop-column",
    );
    // Whole file, with rules or (no rule) every rule.
    clean(
        &format!("SELECT 1;\n-- squawk-ignore-file ban-drop-column, renaming-column\n{drop_col}\nALTER TABLE t DROP COLUMN d;"),
        "ban-drop-column",
    );
    let all = rules(&format!("-- squawk-ignore-file\n{drop_col}\nDROP TABLE t;"));
    assert!(all.is_empty(), "{all:?}");
    // squawk's aliases work in squawk's comments too.
    clean(
        "-- squawk-ignore prefer-repack\nVACUUM FULL events;",
        "ban-vacuum-full",
    );
    // An unknown name is reported, as in dbtool's own comments.
    flags(
        &format!("-- squawk-ignore ban-drop-colum\n{drop_col}"),
        "unknown-rule",
    );
    // Not a marker: `squawk-ignored`, or outside a comment.
    flags(
        &format!("-- squawk-ignored ban-drop-column\n{drop_col}"),
        "ban-drop-column",
    );
    flags(
        &format!("INSERT INTO notes VALUES ('squawk-ignore ban-drop-column');\n{drop_col}"),
        "ban-drop-column",
    );
}

#[test]
fn set_not_null_after_a_validated_check() {
    let rule = "adding-not-nullable-field";
    // Regression (issue 20): PostgreSQL 12+ proves NOT NULL from a valid
    // CHECK (col IS NOT NULL) and skips the scan.
    let added_valid = "ALTER TABLE accounts ADD CONSTRAINT accounts_owner_nn CHECK (owner_id IS NOT NULL);\nALTER TABLE accounts ALTER COLUMN owner_id SET NOT NULL;";
    clean(added_valid, rule);
    let validated = "ALTER TABLE accounts ADD CONSTRAINT accounts_owner_nn CHECK (owner_id IS NOT NULL) NOT VALID;\nALTER TABLE accounts VALIDATE CONSTRAINT accounts_owner_nn;\nALTER TABLE accounts ALTER COLUMN owner_id SET NOT NULL;";
    clean(validated, rule);
    // Inside an AND, and with the generated name of an unnamed constraint.
    clean(
        "ALTER TABLE accounts ADD CHECK (owner_id IS NOT NULL AND owner_id > 0) NOT VALID;\nALTER TABLE accounts VALIDATE CONSTRAINT accounts_owner_id_check;\nALTER TABLE accounts ALTER COLUMN owner_id SET NOT NULL;",
        rule,
    );
    // Across files of one run: validated in V1, SET NOT NULL in V2.
    let opts = LintOptions::default();
    let mut schema = Schema::default();
    let src = |text: &str| Source {
        file: "V.sql".into(),
        text: text.into(),
        execute_in_transaction: None,
    };
    lint_source(&src("ALTER TABLE accounts ADD CONSTRAINT accounts_owner_nn CHECK (owner_id IS NOT NULL) NOT VALID;"), &opts, &mut schema);
    lint_source(
        &src("ALTER TABLE accounts VALIDATE CONSTRAINT accounts_owner_nn;"),
        &opts,
        &mut schema,
    );
    let f = lint_source(
        &src("ALTER TABLE accounts ALTER COLUMN owner_id SET NOT NULL;"),
        &opts,
        &mut schema,
    )
    .findings;
    assert!(!f.iter().any(|f| f.rule == rule), "{f:?}");

    // Still flagged: not validated, another column, dropped, PostgreSQL 11.
    let not_valid = "ALTER TABLE accounts ADD CONSTRAINT accounts_owner_nn CHECK (owner_id IS NOT NULL) NOT VALID;\nALTER TABLE accounts ALTER COLUMN owner_id SET NOT NULL;";
    flags(not_valid, rule);
    let m = run(not_valid, &LintOptions::default());
    assert!(
        m.iter()
            .any(|f| f.rule == rule && f.message.contains("VALIDATE CONSTRAINT")),
        "{m:?}"
    );
    flags(
        "ALTER TABLE accounts ADD CONSTRAINT c CHECK (region IS NOT NULL);\nALTER TABLE accounts ALTER COLUMN owner_id SET NOT NULL;",
        rule,
    );
    flags(
        "ALTER TABLE accounts ADD CONSTRAINT c CHECK (owner_id IS NOT NULL OR region IS NOT NULL);\nALTER TABLE accounts ALTER COLUMN owner_id SET NOT NULL;",
        rule,
    );
    flags(
        "ALTER TABLE accounts ADD CONSTRAINT c CHECK (owner_id IS NOT NULL);\nALTER TABLE accounts DROP CONSTRAINT c;\nALTER TABLE accounts ALTER COLUMN owner_id SET NOT NULL;",
        rule,
    );
    flags(
        "ALTER TABLE other ADD CONSTRAINT c CHECK (owner_id IS NOT NULL);\nALTER TABLE accounts ALTER COLUMN owner_id SET NOT NULL;",
        rule,
    );
    assert!(rules_v(added_valid, PgVersion::new(11, 0))
        .iter()
        .any(|r| r == rule));
}

#[test]
fn reindex_system_and_database() {
    let rule = "require-concurrent-reindex";
    // Regression (issue 20): PostgreSQL refuses CONCURRENTLY for system
    // catalogs ("cannot reindex system catalogs concurrently"), and `mydb`
    // is not a table.
    clean("REINDEX SYSTEM mydb;", rule);
    clean("REINDEX SYSTEM;", rule);
    // DATABASE and SCHEMA do have a CONCURRENTLY form (user tables).
    flags("REINDEX DATABASE mydb;", rule);
    flags("REINDEX SCHEMA billing;", rule);
    let m = run("REINDEX DATABASE mydb;", &LintOptions::default());
    assert!(
        m.iter()
            .any(|f| f.rule == rule && f.message.contains("REINDEX DATABASE")),
        "{m:?}"
    );
    clean("REINDEX DATABASE CONCURRENTLY mydb;", rule);
    clean("REINDEX (CONCURRENTLY) TABLE invoices;", rule);
    flags("REINDEX INDEX invoices_pkey;", rule);
}

#[test]
fn robust_statements_outside_a_transaction() {
    let rule = "prefer-robust-stmts";
    let non_tx = |sql: &str| {
        rules_with(sql, &LintOptions::default(), Some(false))
            .into_iter()
            .filter(|r| r == rule)
            .count()
    };
    // Regressions (issue 20).
    assert_eq!(non_tx("DROP TYPE invoice_state;"), 1);
    assert_eq!(non_tx("DROP TYPE IF EXISTS invoice_state;"), 0);
    assert_eq!(
        non_tx("ALTER TABLE invoices DROP CONSTRAINT invoices_total_check;"),
        1
    );
    assert_eq!(
        non_tx("ALTER TABLE invoices DROP CONSTRAINT IF EXISTS invoices_total_check;"),
        0
    );
    // DROP … IF EXISTS then ADD of the same name reruns cleanly, once.
    assert_eq!(
        non_tx("ALTER TABLE invoices DROP CONSTRAINT IF EXISTS inv_uniq;\nALTER TABLE invoices ADD CONSTRAINT inv_uniq UNIQUE USING INDEX inv_idx;"),
        0
    );
    assert_eq!(
        non_tx("ALTER TABLE invoices DROP CONSTRAINT IF EXISTS inv_uniq;\nALTER TABLE invoices ADD CONSTRAINT inv_uniq UNIQUE USING INDEX inv_idx;\nALTER TABLE invoices ADD CONSTRAINT inv_uniq UNIQUE USING INDEX inv_idx2;"),
        1
    );
    assert_eq!(non_tx("ALTER TABLE invoices ADD CONSTRAINT inv_fk FOREIGN KEY (c) REFERENCES customers (id) NOT VALID;"), 1);
    // In a transaction a failure rolls everything back: nothing to say.
    assert_eq!(
        rules_with(
            "DROP TYPE invoice_state; ALTER TABLE invoices DROP CONSTRAINT c;",
            &LintOptions::default(),
            Some(true)
        )
        .iter()
        .filter(|r| *r == rule)
        .count(),
        0
    );
    // An unnamed concurrent index: the rerun builds a second index.
    let m = run(
        "CREATE INDEX CONCURRENTLY ON invoices (customer_id);",
        &LintOptions::default(),
    );
    let f = m.iter().find(|f| f.rule == rule).unwrap();
    assert!(
        f.message.contains("second index")
            && f.message.contains("_idx1")
            && !f.message.contains("retry fails"),
        "{}",
        f.message
    );
    let m = run(
        "CREATE INDEX CONCURRENTLY invoices_c_idx ON invoices (customer_id);",
        &LintOptions::default(),
    );
    assert!(m
        .iter()
        .any(|f| f.rule == rule && f.message.contains("IF NOT EXISTS")));
}

#[test]
fn transaction_nesting_in_non_transactional_files() {
    let rule = "transaction-nesting";
    let non_tx = |sql: &str| rules_with(sql, &LintOptions::default(), Some(false));
    let has = |r: Vec<String>| r.iter().any(|x| x == rule);
    // Regression (issue 20): executeInTransaction=false means dbtool opens no
    // transaction, so the file's own BEGIN … COMMIT blocks nest in nothing.
    assert!(!has(non_tx(
        "BEGIN;\nALTER TABLE t ADD COLUMN c text;\nCOMMIT;"
    )));
    assert!(!has(non_tx(
        "BEGIN; SELECT 1; COMMIT;\nBEGIN; SELECT 2; COMMIT;"
    )));
    assert!(!has(non_tx(
        "SELECT 1;\nBEGIN; SELECT 2; COMMIT;\nSELECT 3;"
    )));
    assert!(!has(non_tx("BEGIN; SELECT 1; ROLLBACK;")));
    // Still wrong there: a BEGIN inside a BEGIN, a COMMIT with nothing open.
    assert!(has(non_tx("BEGIN; BEGIN; SELECT 1; COMMIT;")));
    assert!(has(non_tx("BEGIN; SELECT 1; COMMIT; COMMIT;")));
    // Transactional files (dbtool's own transaction) are unchanged.
    flags("SELECT 1; COMMIT; SELECT 2;", rule);
}

/// Fixes from measuring against squawk's rule tests (issue 20, part 2):
/// each case below was a wrong or missing finding.
#[test]
fn parity_fixes_duplicate_output_columns() {
    let rule = "ban-duplicate-column-assignments";
    // PostgreSQL names unnamed constants `?column?`: two of them collide.
    flags("CREATE VIEW totals AS SELECT 1, 2;", rule);
    flags("CREATE VIEW totals AS SELECT o.id, c.id FROM orders o JOIN customers c ON c.id = o.customer_id;", rule);
    flags(
        "CREATE VIEW totals AS SELECT count(*), count(id) FROM orders;",
        rule,
    );
    flags("CREATE VIEW totals AS SELECT '1'::int, '2'::int;", rule);
    // SELECT … INTO and CREATE TABLE … AS create a table from the targets.
    flags("SELECT 1 AS n, 2 AS n INTO scratch;", rule);
    flags("CREATE TABLE scratch AS SELECT id, id FROM orders;", rule);
    clean("SELECT 1 AS n, 2 AS m INTO scratch;", rule);
    clean(
        "CREATE TABLE scratch (a, b) AS SELECT id, id FROM orders;",
        rule,
    );
    clean(
        "CREATE VIEW totals AS SELECT o.id, o.total FROM orders o;",
        rule,
    );
    // Names PostgreSQL derives from a cast's column stay the column's.
    clean(
        "CREATE VIEW totals AS SELECT id::text, total::text FROM orders;",
        rule,
    );
    // Expressions the rule cannot name are not compared.
    clean(
        "CREATE VIEW totals AS SELECT CASE WHEN a THEN 1 END, EXISTS (SELECT 1) FROM t;",
        rule,
    );
}

#[test]
fn parity_fixes_domains_casts_foreign_tables() {
    flags("ALTER DOMAIN email DROP NOT NULL;", "ban-drop-not-null");
    flags(
        "ALTER DOMAIN email SET NOT NULL;",
        "adding-not-nullable-field",
    );
    clean(
        "ALTER DOMAIN email SET DEFAULT '';",
        "adding-not-nullable-field",
    );
    flags("DROP CAST IF EXISTS (text AS money);", "ban-drop-type");
    flags(
        "DROP FOREIGN TABLE IF EXISTS remote_orders;",
        "ban-drop-table",
    );
    clean(
        "CREATE FOREIGN TABLE remote_orders (id bigint) SERVER s;\nDROP FOREIGN TABLE remote_orders;",
        "ban-drop-table",
    );
}

#[test]
fn parity_fixes_temporary_tables_and_volatile_defaults() {
    let robust = |sql: &str| {
        rules_with(sql, &LintOptions::default(), Some(false))
            .into_iter()
            .filter(|r| r == "prefer-robust-stmts")
            .count()
    };
    // ON COMMIT DROP: gone when the statement's transaction ends.
    assert_eq!(
        robust("CREATE TEMP TABLE staging (id bigint) ON COMMIT DROP;"),
        0
    );
    assert_eq!(robust("CREATE TEMP TABLE staging (id bigint);"), 1);
    assert_eq!(
        robust("CREATE TEMP TABLE staging (id bigint) ON COMMIT DELETE ROWS;"),
        1
    );
    // now() takes no argument: now(123) is not the stable now().
    let d = "adding-field-with-default";
    flags(
        "ALTER TABLE events ADD COLUMN seen_at timestamptz DEFAULT now(123);",
        d,
    );
    clean(
        "ALTER TABLE events ADD COLUMN seen_at timestamptz DEFAULT now();",
        d,
    );
    clean(
        "ALTER TABLE events ADD COLUMN tag text DEFAULT lower('A');",
        d,
    );
}

#[test]
fn parity_fixes_not_null_helper_from_an_earlier_migration() {
    let rule = "adding-not-nullable-field";
    // The recipe's last step, when its ADD CONSTRAINT … NOT VALID ran in a
    // migration this run does not include: validate, SET NOT NULL, drop.
    for name in ["orders_customer_id_not_null", "customer_id_not_null"] {
        clean(
            &format!("ALTER TABLE orders VALIDATE CONSTRAINT {name};\nALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;\nALTER TABLE orders DROP CONSTRAINT {name};"),
            rule,
        );
    }
    // Not the recipe: no drop, another column, a name that says nothing,
    // PostgreSQL 11.
    flags("ALTER TABLE orders VALIDATE CONSTRAINT customer_id_not_null;\nALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;", rule);
    flags("ALTER TABLE orders VALIDATE CONSTRAINT customer_id_not_null;\nALTER TABLE orders ALTER COLUMN region SET NOT NULL;\nALTER TABLE orders DROP CONSTRAINT customer_id_not_null;", rule);
    flags("ALTER TABLE orders VALIDATE CONSTRAINT orders_check;\nALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;\nALTER TABLE orders DROP CONSTRAINT orders_check;", rule);
    flags("ALTER TABLE orders VALIDATE CONSTRAINT orders_not_null;\nALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;\nALTER TABLE orders DROP CONSTRAINT orders_not_null;", rule);
    assert!(rules_v(
        "ALTER TABLE orders VALIDATE CONSTRAINT customer_id_not_null;\nALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;\nALTER TABLE orders DROP CONSTRAINT customer_id_not_null;",
        PgVersion::new(11, 0)
    )
    .iter()
    .any(|r| r == rule));
}

#[test]
fn parity_fixes_statement_timeout_when_nothing_bounds_the_wait() {
    let opts = LintOptions {
        engine_lock_timeout: false,
        ..LintOptions::default()
    };
    let st = |sql: &str, o: &LintOptions| {
        run(sql, o)
            .into_iter()
            .filter(|f| f.rule == "require-statement-timeout")
            .count()
    };
    // lock_timeout off: statement_timeout is the only bound on the wait.
    assert_eq!(st("ALTER TABLE events ADD COLUMN note text;", &opts), 1);
    assert_eq!(
        st(
            "SET lock_timeout = '2s';\nALTER TABLE events ADD COLUMN note text;",
            &opts
        ),
        0
    );
    assert_eq!(
        st(
            "SET statement_timeout = '1min';\nALTER TABLE events ADD COLUMN note text;",
            &opts
        ),
        0
    );
    // dbtool's own lock_timeout bounds it: no note for an instant change.
    assert_eq!(
        st(
            "ALTER TABLE events ADD COLUMN note text;",
            &LintOptions::default()
        ),
        0
    );
}

/// Help snippets use the statement's own names (issue 18): one case per
/// rule whose safe alternative is SQL. Each `(sql, rule, expected lines)`.
#[test]
fn help_uses_the_statements_names() {
    let cases: &[(&str, &str, &[&str])] = &[
        ("CREATE INDEX foo_idx ON orders (customer_id);", "require-concurrent-index-creation",
            &["CREATE INDEX CONCURRENTLY IF NOT EXISTS foo_idx ON orders USING btree (customer_id);"]),
        ("CREATE UNIQUE INDEX ON orders (lower(email)) WHERE deleted_at IS NULL;", "require-concurrent-index-creation",
            &["CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_expr_idx ON orders USING btree (lower(email)) WHERE deleted_at IS NULL;"]),
        ("DROP INDEX orders_old_idx;", "require-concurrent-index-deletion", &["DROP INDEX CONCURRENTLY IF EXISTS orders_old_idx;"]),
        ("REINDEX INDEX orders_customer_idx;", "require-concurrent-reindex", &["REINDEX (CONCURRENTLY) INDEX orders_customer_idx;"]),
        ("ALTER TABLE m DETACH PARTITION m_2020;", "require-concurrent-detach-partition", &["ALTER TABLE m DETACH PARTITION m_2020 CONCURRENTLY;"]),
        ("ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0);", "constraint-missing-not-valid",
            &["ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0) NOT VALID;", "ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;"]),
        ("ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id);", "adding-foreign-key-constraint",
            &["ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;", "ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;"]),
        ("ALTER TABLE orders ADD COLUMN region_id bigint REFERENCES regions (id);", "adding-foreign-key-constraint",
            &["ALTER TABLE orders ADD COLUMN region_id bigint;", "ALTER TABLE orders ADD CONSTRAINT orders_region_id_fkey FOREIGN KEY (region_id) REFERENCES regions (id) NOT VALID;"]),
        ("ALTER TABLE orders ADD COLUMN request_id uuid DEFAULT gen_random_uuid();", "adding-field-with-default",
            &["ALTER TABLE orders ADD COLUMN request_id uuid; -- instant", "ALTER TABLE orders ALTER COLUMN request_id SET DEFAULT gen_random_uuid(); -- new rows only",
              "UPDATE orders SET request_id = gen_random_uuid() WHERE id BETWEEN 1 AND 10000 AND request_id IS NULL;"]),
        ("ALTER TABLE orders ADD COLUMN tenant_id bigint NOT NULL;", "adding-required-field", &["ALTER TABLE orders ADD COLUMN tenant_id bigint NOT NULL DEFAULT 0;"]),
        ("ALTER TABLE orders ALTER COLUMN shipped_at SET NOT NULL;", "adding-not-nullable-field",
            &["ALTER TABLE orders ADD CONSTRAINT orders_shipped_at_not_null CHECK (shipped_at IS NOT NULL) NOT VALID;", "ALTER TABLE orders ALTER COLUMN shipped_at SET NOT NULL;"]),
        ("ALTER TABLE orders ADD PRIMARY KEY (id);", "adding-serial-primary-key-field",
            &["CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_pkey_idx ON orders (id);", "ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_pkey_idx;"]),
        ("ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);", "disallowed-unique-constraint",
            &["CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);", "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;"]),
        ("ALTER TABLE orders ALTER COLUMN amount TYPE bigint;", "changing-column-type",
            &["ALTER TABLE orders ADD COLUMN amount_new bigint;", "UPDATE orders SET amount_new = amount WHERE id BETWEEN 1 AND 10000;"]),
        ("CREATE TABLE notes (body varchar(40));\nALTER TABLE orders RENAME COLUMN note TO comment;", "renaming-column",
            &["-- ALTER TABLE orders ADD COLUMN comment <the type of note>;"]),
        ("ALTER TABLE orders RENAME TO purchases;", "renaming-table",
            &["ALTER TABLE orders RENAME TO purchases;", "CREATE VIEW orders AS SELECT * FROM purchases; -- simple views are updatable"]),
        ("ALTER TABLE customers DROP COLUMN legacy;", "ban-drop-column", &["ALTER TABLE customers DROP IF EXISTS legacy;"]),
        ("DROP TABLE old_orders;", "ban-drop-table", &["DROP TABLE IF EXISTS old_orders;"]),
        ("DROP MATERIALIZED VIEW order_report;", "ban-drop-view", &["DROP MATERIALIZED VIEW IF EXISTS order_report;"]),
        ("DROP FUNCTION score(bigint);", "ban-drop-function", &["DROP FUNCTION IF EXISTS score(bigint);"]),
        ("DROP TYPE order_state;", "ban-drop-type", &["DROP TYPE IF EXISTS order_state;"]),
        ("ALTER TABLE customers ALTER COLUMN nickname DROP NOT NULL;", "ban-drop-not-null", &["ALTER TABLE customers ALTER COLUMN nickname DROP NOT NULL;"]),
        ("TRUNCATE orders, lines CASCADE;", "ban-truncate-cascade", &["TRUNCATE orders, lines; -- name each table, without CASCADE"]),
        ("BEGIN;\nCREATE INDEX CONCURRENTLY orders_x_idx ON orders (x);\nCOMMIT;", "ban-concurrent-index-creation-in-transaction",
            &["CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_x_idx ON orders USING btree (x);"]),
        ("CREATE TABLE t (id serial, code varchar(20), at timestamp, c char(3), payload json, n smallint);", "prefer-text-field",
            &["    code text CONSTRAINT t_code_len CHECK (char_length(code) <= 20),"]),
        ("CREATE TABLE t (id serial, code varchar(20));", "prefer-bigint-over-int", &["    id bigint GENERATED ALWAYS AS IDENTITY,"]),
        ("CREATE TABLE t (n smallint);", "prefer-bigint-over-smallint", &["    n bigint,"]),
        ("ALTER TABLE customers ADD COLUMN seq bigserial;", "prefer-identity", &["ALTER TABLE customers ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;"]),
        ("ALTER TABLE events ALTER COLUMN at TYPE timestamp;", "prefer-timestamp-tz", &["ALTER TABLE events ALTER COLUMN at TYPE timestamptz;"]),
        ("CREATE TABLE t (c char(3));", "ban-char-field", &["    c text CONSTRAINT t_c_len CHECK (char_length(c) = 3),"]),
        ("ALTER TABLE events ADD COLUMN payload json;", "prefer-jsonb", &["ALTER TABLE events ADD COLUMN payload jsonb;"]),
        ("ALTER TABLE customers ADD COLUMN seq serial;", "adding-serial-column",
            &["ALTER TABLE customers ADD COLUMN seq bigint;", "CREATE SEQUENCE customers_seq_seq OWNED BY customers.seq;", "ALTER TABLE customers ALTER COLUMN seq SET DEFAULT nextval('customers_seq_seq');"]),
        ("REFRESH MATERIALIZED VIEW order_counts;", "require-concurrent-refresh", &["REFRESH MATERIALIZED VIEW CONCURRENTLY order_counts;"]),
        ("VACUUM FULL orders, lines;", "ban-vacuum-full", &["VACUUM (ANALYZE) orders, lines;"]),
        ("ALTER TABLE m ATTACH PARTITION m_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');", "attach-partition-without-check",
            &["ALTER TABLE m_2024 VALIDATE CONSTRAINT m_2024_bound;", "ALTER TABLE m ATTACH PARTITION m_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');"]),
        ("CREATE TRIGGER audit AFTER INSERT ON customers FOR EACH ROW EXECUTE FUNCTION audit();", "create-trigger-on-hot-table",
            &["CREATE TRIGGER audit AFTER INSERT ON customers FOR EACH ROW EXECUTE FUNCTION audit();"]),
        ("UPDATE customers SET status = 'x';", "ban-unbounded-update-delete", &["UPDATE customers SET status = 'x' WHERE id BETWEEN 1 AND 10000;"]),
        ("ALTER TABLE customers ADD COLUMN tier int;\nUPDATE customers SET tier = 1 WHERE id < 10;", "backfill-in-ddl-transaction",
            &["UPDATE customers SET tier = 1 WHERE id < 10;"]),
        ("ALTER TABLE orders ADD CONSTRAINT orders_c_fk FOREIGN KEY (c) REFERENCES c (id) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_c_fk;", "validate-in-same-transaction",
            &["ALTER TABLE orders VALIDATE CONSTRAINT orders_c_fk;"]),
        ("ALTER TABLE customers DROP CONSTRAINT customers_region_fk;", "dropping-foreign-key", &["ALTER TABLE customers DROP CONSTRAINT IF EXISTS customers_region_fk;"]),
        ("CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');", "ban-create-domain-with-constraint", &["CREATE DOMAIN email AS text;"]),
        ("ALTER DOMAIN email ADD CONSTRAINT email_at CHECK (VALUE LIKE '%@%');", "ban-alter-domain-with-add-constraint",
            &["ALTER DOMAIN email ADD CONSTRAINT email_at CHECK (value LIKE '%@%') NOT VALID;", "ALTER DOMAIN email VALIDATE CONSTRAINT email_at;"]),
        ("UPDATE customers SET a = 1, b = 2, a = 3 WHERE id = 1;", "ban-duplicate-column-assignments",
            &["UPDATE customers SET b = 2, a = 3 WHERE id = 1; -- each column once (the last assignment kept)"]),
        ("ALTER TYPE mood ADD VALUE 'meh';", "require-enum-value-ordering", &["ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh' AFTER 'existing_value'; -- the value it sorts after (or BEFORE …)"]),
        ("ALTER TABLE invoices ADD COLUMN note text;", "require-table-schema", &["ALTER TABLE public.invoices ADD COLUMN note text; -- the schema you mean"]),
    ];
    let opts = LintOptions {
        include: RULES.iter().map(|r| r.id.to_string()).collect(),
        ..LintOptions::default()
    };
    for (sql, rule, want) in cases {
        let f = run(sql, &opts);
        let Some(hit) = f.iter().find(|f| f.rule == *rule) else {
            panic!("{rule} not reported for {sql:?}: {f:?}");
        };
        for line in *want {
            assert!(
                hit.help.lines().any(|l| l == *line),
                "{rule} on {sql:?}: expected help line\n{line}\ngot\n{}",
                hit.help
            );
        }
        // The canned example's names never leak into a filled-in help.
        let canned = rules::rule(rule).unwrap().safe;
        if hit.help != canned {
            for fake in [
                "events_created_at_idx",
                "measurements_2020",
                "legacy_events",
            ] {
                assert!(!hit.help.contains(fake), "{rule}: {}", hit.help);
            }
        }
    }
}

/// Outside a transaction and with lock_timeout off, the timeout and
/// robustness rules repeat the statement with the fix.
#[test]
fn help_for_timeouts_and_reruns() {
    let opts = LintOptions {
        engine_lock_timeout: false,
        ..LintOptions::default()
    };
    let src = Source {
        file: "V1__t.sql".into(),
        text: "CREATE INDEX CONCURRENTLY orders_x_idx ON orders (x);".into(),
        execute_in_transaction: Some(false),
    };
    let f = lint_source(&src, &opts, &mut Schema::default()).findings;
    let help = |rule: &str| {
        f.iter()
            .find(|x| x.rule == rule)
            .map(|x| x.help.to_string())
            .unwrap_or_else(|| panic!("{rule} missing: {f:?}"))
    };
    assert_eq!(
        help("prefer-robust-stmts"),
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_x_idx ON orders USING btree (x);"
    );
    assert_eq!(help("require-lock-timeout"), "SET lock_timeout = '5s';\nCREATE INDEX CONCURRENTLY orders_x_idx ON orders USING btree (x);");
    // identifier-too-long says what PostgreSQL keeps.
    let long = format!("CREATE TABLE {} (id bigint);", "t".repeat(70));
    let f = run(&long, &LintOptions::default());
    let h = &f
        .iter()
        .find(|x| x.rule == "identifier-too-long")
        .unwrap()
        .help;
    assert!(
        h.contains(&"t".repeat(63)) && !h.contains(&"t".repeat(64)),
        "{h}"
    );
}

#[test]
fn drop_schema_and_revoke() {
    flags(
        "DROP SCHEMA IF EXISTS reporting CASCADE;",
        "ban-drop-schema",
    );
    clean("CREATE SCHEMA reporting;", "ban-drop-schema");
    for sql in [
        "REVOKE SELECT ON reports FROM reporting_app;",
        "ALTER DEFAULT PRIVILEGES REVOKE SELECT ON TABLES FROM reporting_app;",
        "DROP OWNED BY reporting_app;",
        "DROP ROLE reporting_app;",
    ] {
        flags(sql, "ban-revoke");
    }
    clean("GRANT SELECT ON reports TO reporting_app;", "ban-revoke");
    clean(
        "ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO reporting_app;",
        "ban-revoke",
    );
    clean("REASSIGN OWNED BY reporting_app TO admin;", "ban-revoke");
    let f = run("DROP SCHEMA reporting CASCADE;", &LintOptions::default());
    let h = &f.iter().find(|x| x.rule == "ban-drop-schema").unwrap().help;
    assert!(h.ends_with("DROP SCHEMA IF EXISTS reporting;"), "{h}");
    let f = run(
        "REVOKE SELECT ON ledger FROM billing;",
        &LintOptions::default(),
    );
    let h = &f.iter().find(|x| x.rule == "ban-revoke").unwrap().help;
    assert!(
        h.ends_with("\nREVOKE select ON ledger FROM billing;")
            || h.ends_with("\nREVOKE SELECT ON ledger FROM billing;"),
        "{h}"
    );
}
