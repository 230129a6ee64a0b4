//! What `dbtool migrate` calls at deploy time: lint the pending migrations
//! (with the applied ones as context) and decide whether to stop, and the
//! pre-flight gate (`--preflight wait|refuse|off`) before each migration.
//! The decisions are pure; `preflight_gate` queries PostgreSQL.

use std::time::Duration;

use crate::error::UserError;
use crate::lint::LintMode;

use super::preflight::{self, Blocker};
use super::{Finding, LintOptions, RelationLock, Severity, Source};

/// Rules about how a migration is written (types, style, robustness on a
/// rerun), not about what it does to a live database: `dbtool migrate lint`
/// and CI report them; a deploy does not.
pub const AUTHORING_RULES: &[&str] = &[
    "prefer-bigint-over-int",
    "prefer-bigint-over-smallint",
    "prefer-identity",
    "prefer-text-field",
    "prefer-timestamp-tz",
    "ban-char-field",
    "prefer-jsonb",
    "prefer-robust-stmts",
    "require-statement-timeout",
    "require-table-schema",
    "require-enum-value-ordering",
];

/// Beyond this many findings, a deploy prints one line per finding.
pub const FULL_FINDINGS: usize = 10;
/// Beyond this many one-line findings, the rest is counted.
pub const LISTED_FINDINGS: usize = 20;

/// What the deploy-time lint found.
#[derive(Debug, Default)]
pub struct DeployLint {
    /// The findings that matter for this deploy (no authoring rules; no
    /// lock findings on tables created earlier in the run).
    pub findings: Vec<Finding>,
    /// Per migration (the index in `sources`), for pending ones: the
    /// relations it locks, from the same parse (the pre-flight gate's input).
    pub locked: Vec<Option<Vec<RelationLock>>>,
}

/// `--preflight`: what to do when sessions would block a migration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum PreflightMode {
    /// Wait (up to --preflight-timeout) for the blocking sessions to finish
    #[default]
    Wait,
    /// Stop before the migration and name the blocking sessions
    Refuse,
    /// Do not check
    Off,
}

/// Flags `dbtool migrate` (up) takes for linting and pre-flight; flatten
/// into the migrate options.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct DeployLintArgs {
    /// Stop before applying anything when pending migrations have lint errors
    #[arg(long, global = true, conflicts_with = "allow_unsafe")]
    pub deny_unsafe: bool,

    /// Apply even when the environment says lint = "refuse"
    #[arg(long, global = true)]
    pub allow_unsafe: bool,

    /// Check for sessions that would block each migration: wait, refuse or off
    #[arg(long, global = true, value_name = "MODE", default_value = "wait")]
    pub preflight: PreflightMode,

    /// How long --preflight wait waits for blocking sessions
    #[arg(long, global = true, value_name = "DURATION", default_value = "60s", value_parser = crate::text::parse_duration)]
    pub preflight_timeout: Duration,
}

/// Lints every migration in order (applied ones give context: tables and
/// column types they created) and returns the findings of those marked in
/// `pending` that matter at deploy time, and the relations each pending
/// one locks. The pending migrations are one run: a table one of them
/// creates is new for the later ones. `sources` are the resolved
/// migrations, placeholders replaced.
pub fn lint_pending(sources: &[Source], pending: &[bool], opts: &LintOptions) -> DeployLint {
    let is_pending = |i: usize| pending.get(i).copied().unwrap_or(false);
    let mut out = DeployLint {
        findings: Vec::new(),
        locked: vec![None; sources.len()],
    };
    let threads = super::threads();
    let _ = super::lint_run_in_order(
        sources.len(),
        |i| Ok::<_, std::convert::Infallible>(sources[i].clone()),
        opts,
        threads,
        is_pending,
        |i, report| {
            if is_pending(i) {
                out.findings.extend(
                    report
                        .findings
                        .into_iter()
                        .filter(|f| !AUTHORING_RULES.contains(&f.rule)),
                );
                out.locked[i] = Some(report.locked);
            }
        },
    );
    out
}

/// The findings as a deploy prints them: each in full when there are few;
/// otherwise one line each (errors first), at most [`LISTED_FINDINGS`],
/// then how many more `dbtool migrate lint` shows.
pub fn text(findings: &[Finding], paint: &dyn Fn(Severity, &str) -> String) -> String {
    if findings.len() <= FULL_FINDINGS {
        return super::report::text(findings, paint);
    }
    lines(findings, LISTED_FINDINGS, paint)
}

/// One `file:line:col: severity[rule] message` line per finding, errors first,
/// at most `max`, then "… and N more (dbtool migrate lint)".
pub fn lines(findings: &[Finding], max: usize, paint: &dyn Fn(Severity, &str) -> String) -> String {
    let mut sorted: Vec<&Finding> = findings.iter().collect();
    sorted.sort_by_key(|f| std::cmp::Reverse(f.severity));
    let mut out = String::new();
    for f in sorted.iter().take(max) {
        let head = paint(f.severity, &format!("{}[{}]", f.severity, f.rule));
        out.push_str(&format!(
            "{}:{}:{}: {head} {}\n",
            f.file, f.line, f.column, f.message
        ));
    }
    if sorted.len() > max {
        out.push_str(&format!(
            "… and {} more (dbtool migrate lint)\n",
            sorted.len() - max
        ));
    }
    out
}

/// Whether error-level findings stop `dbtool migrate` before anything is
/// applied: `--allow-unsafe` never; `--deny-unsafe` or the environment's
/// `lint = "refuse"` when there is an error; otherwise (the default, `warn`)
/// the findings are printed and the run goes on, as with Flyway.
pub fn refuses(
    findings: &[Finding],
    mode: Option<LintMode>,
    deny_unsafe: bool,
    allow_unsafe: bool,
) -> bool {
    if allow_unsafe {
        return false;
    }
    let errors = findings.iter().any(|f| f.severity == Severity::Error);
    errors && (deny_unsafe || mode == Some(LintMode::Refuse))
}

/// The error `dbtool migrate` returns when [`refuses`] says so: it lists
/// the errors that caused it.
pub fn refusal(findings: &[Finding]) -> UserError {
    let errors: Vec<Finding> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .cloned()
        .collect();
    let n = errors.len();
    let list = lines(&errors, LISTED_FINDINGS, &|_, s| s.to_string());
    UserError::runtime(format!(
        "{n} lint error{} in pending migrations; nothing was applied:\n{}",
        if n == 1 { "" } else { "s" },
        list.trim_end()
    ))
    .hint("fix them (dbtool migrate lint), mark reviewed ones with `-- dbtool:ignore <rule> <reason>`, or pass --allow-unsafe")
}

/// Before one migration: finds the sessions that would block it (from the
/// lock model of `sql`) and waits for them or refuses, per `mode`: see
/// [`preflight_gate_for`].
pub async fn preflight_gate(
    client: &tokio_postgres::Client,
    script: &str,
    sql: &str,
    pg: super::PgVersion,
    mode: PreflightMode,
    timeout: Duration,
) -> anyhow::Result<Vec<Blocker>> {
    if mode == PreflightMode::Off {
        return Ok(Vec::new());
    }
    let wanted = super::relations_locked(sql, pg);
    let concurrently = sql.to_ascii_lowercase().contains("concurrently");
    preflight_gate_for(client, script, &wanted, concurrently, mode, timeout).await
}

/// Before one migration: finds the sessions that would block it (holding
/// locks that conflict with `wanted`, the migration's lock model) and waits
/// for them or refuses, per `mode`. `concurrently`: the migration builds
/// or drops an index CONCURRENTLY, so long transactions block it too.
/// Returns the blockers seen (empty when clear); `Err` names them when
/// refusing or when they are still there after `timeout`.
pub async fn preflight_gate_for(
    client: &tokio_postgres::Client,
    script: &str,
    wanted: &[RelationLock],
    concurrently: bool,
    mode: PreflightMode,
    timeout: Duration,
) -> anyhow::Result<Vec<Blocker>> {
    if mode == PreflightMode::Off || wanted.is_empty() {
        return Ok(Vec::new());
    }
    let opts = preflight::Options {
        long_transaction: concurrently.then(|| Duration::from_secs(60)),
    };
    let blockers = match mode {
        PreflightMode::Wait => {
            preflight::wait_until_clear(client, wanted, &opts, timeout, Duration::from_millis(500))
                .await?
        }
        _ => preflight::check(client, wanted, &opts).await?,
    };
    if blockers.is_empty() {
        return Ok(blockers);
    }
    let list: Vec<String> = blockers
        .iter()
        .map(|b| format!("  {}", b.describe()))
        .collect();
    let what = if mode == PreflightMode::Wait {
        format!(
            "still blocked after {}",
            humantime::format_duration(timeout)
        )
    } else {
        "blocked".to_string()
    };
    Err(UserError::runtime(format!(
        "{script}: {what} by {} session(s):\n{}",
        blockers.len(),
        list.join("\n")
    ))
    .hint(preflight_hint(mode))
    .into())
}

/// What to do when the pre-flight gate stops: never the mode that just
/// gave up (after `wait` timed out, waiting longer is the option).
pub fn preflight_hint(mode: PreflightMode) -> &'static str {
    match mode {
        PreflightMode::Wait => "nothing was applied from this migration on; wait for them to finish or end them with SELECT pg_terminate_backend(<pid>), then rerun, or wait longer with --preflight-timeout",
        _ => "nothing was applied from this migration on; wait for them to finish, end them with SELECT pg_terminate_backend(<pid>), or run with --preflight wait (bounded by --preflight-timeout)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(file: &str, text: &str) -> Source {
        Source {
            file: file.into(),
            text: text.into(),
            execute_in_transaction: None,
        }
    }

    #[test]
    fn pending_migrations_use_applied_ones_as_context() {
        let sources = vec![
            src("V1.sql", "CREATE TABLE t (name varchar(10)); DROP TABLE x;"),
            src(
                "V2.sql",
                "ALTER TABLE t ALTER COLUMN name TYPE text;\nALTER TABLE t DROP COLUMN c;",
            ),
        ];
        let f = lint_pending(&sources, &[false, true], &LintOptions::default()).findings;
        let rules: Vec<&str> = f.iter().map(|f| f.rule).collect();
        // V1's DROP TABLE is not reported; V2's type change is known to be safe.
        assert_eq!(rules, vec!["ban-drop-column"]);
    }

    #[test]
    fn tables_created_earlier_in_the_run_are_new() {
        let sources = vec![
            src("V1.sql", "CREATE TABLE old (id bigint, v bigint);"),
            src("V2.sql", "CREATE TABLE fresh (id bigint, v bigint);"),
            src(
                "V3.sql",
                "CREATE INDEX fresh_v ON fresh (v);\nCREATE INDEX old_v ON old (v);\nALTER TABLE fresh ADD CONSTRAINT c CHECK (v > 0);",
            ),
        ];
        let d = lint_pending(&sources, &[false, true, true], &LintOptions::default());
        let hits: Vec<(&str, usize)> = d.findings.iter().map(|f| (f.rule, f.line)).collect();
        // Only `old` existed before the run (V1 is applied).
        assert_eq!(hits, vec![("require-concurrent-index-creation", 2)]);
        // The pre-flight input: what V3 locks, from the same parse; V1 is not pending.
        assert!(d.locked[0].is_none());
        let v3: Vec<&str> = d.locked[2]
            .as_ref()
            .unwrap()
            .iter()
            .map(|l| l.relation.as_str())
            .collect();
        assert_eq!(v3, vec!["old"], "new tables need no pre-flight");
        // Applied, V2's table is old too.
        let d = lint_pending(&sources, &[false, false, true], &LintOptions::default());
        assert_eq!(d.findings.len(), 3, "{:?}", d.findings);
    }

    #[test]
    fn authoring_rules_are_not_reported_at_deploy_time() {
        for id in AUTHORING_RULES {
            assert!(
                crate::lint::rules::rule(id).is_some(),
                "{id} is not a rule id"
            );
        }
        let sources = vec![src(
            "V1.sql",
            "CREATE TABLE t (id int PRIMARY KEY, name varchar(20), at timestamp);",
        )];
        let all = crate::lint::lint_source(
            &sources[0],
            &LintOptions::default(),
            &mut crate::lint::Schema::default(),
        );
        assert!(all.findings.len() >= 3, "{:?}", all.findings);
        assert!(lint_pending(&sources, &[true], &LintOptions::default())
            .findings
            .is_empty());
    }

    #[test]
    fn many_findings_are_one_line_each_errors_first_and_capped() {
        let mut sql = String::from("ALTER TABLE t ALTER COLUMN a TYPE bigint;\n");
        for i in 0..25 {
            sql.push_str(&format!("CREATE INDEX i{i} ON t (c{i});\n"));
        }
        let f = lint_pending(&[src("V2.sql", &sql)], &[true], &LintOptions::default()).findings;
        assert_eq!(f.len(), 26);
        let t = text(&f, &|_, s| s.to_string());
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines.len(), LISTED_FINDINGS + 1, "{t}");
        assert!(
            lines[0].starts_with("V2.sql:1:35: error[changing-column-type] "),
            "{t}"
        );
        assert!(
            lines[1].starts_with("V2.sql:2:1: error[require-concurrent-index-creation] "),
            "{t}"
        );
        assert_eq!(lines[20], "… and 6 more (dbtool migrate lint)");
        // A few: in full, as `dbtool migrate lint` shows them.
        let few = &f[..3];
        assert_eq!(
            text(few, &|_, s| s.to_string()),
            crate::lint::report::text(few, &|_, s| s.to_string())
        );
        let r = refusal(&f);
        assert!(r.message.starts_with("26 lint errors in pending migrations; nothing was applied:\nV2.sql:1:35: error[changing-column-type]"), "{}", r.message);
    }

    #[test]
    fn refusal_rules() {
        let f = lint_pending(
            &[src("V1.sql", "ALTER TABLE t DROP COLUMN c;")],
            &[true],
            &LintOptions::default(),
        )
        .findings;
        assert!(!refuses(&f, None, false, false), "default: warn and apply");
        assert!(!refuses(&f, Some(LintMode::Warn), false, false));
        assert!(refuses(&f, Some(LintMode::Refuse), false, false));
        assert!(refuses(&f, None, true, false));
        assert!(
            !refuses(&f, Some(LintMode::Refuse), true, true),
            "--allow-unsafe wins"
        );
        let warnings = lint_pending(
            &[src("V1.sql", "CREATE TABLE n (id int);")],
            &[true],
            &LintOptions::default(),
        )
        .findings;
        assert!(
            !refuses(&warnings, Some(LintMode::Refuse), true, false),
            "warnings never refuse"
        );
        assert!(refusal(&f)
            .message
            .contains("1 lint error in pending migrations"));
    }

    #[test]
    fn the_hint_never_suggests_the_mode_that_gave_up() {
        assert!(!preflight_hint(PreflightMode::Wait).contains("--preflight wait"));
        assert!(preflight_hint(PreflightMode::Wait).contains("--preflight-timeout"));
        assert!(preflight_hint(PreflightMode::Refuse).contains("--preflight wait"));
    }

    #[test]
    fn flags_parse() {
        use clap::Parser;
        #[derive(Debug, Parser)]
        struct Cli {
            #[command(flatten)]
            d: DeployLintArgs,
        }
        let c = Cli::try_parse_from([
            "x",
            "--deny-unsafe",
            "--preflight",
            "refuse",
            "--preflight-timeout",
            "5s",
        ])
        .unwrap();
        assert!(
            c.d.deny_unsafe
                && c.d.preflight == PreflightMode::Refuse
                && c.d.preflight_timeout == Duration::from_secs(5)
        );
        assert!(Cli::try_parse_from(["x", "--deny-unsafe", "--allow-unsafe"]).is_err());
        assert_eq!(
            Cli::try_parse_from(["x"]).unwrap().d.preflight,
            PreflightMode::Wait
        );
    }
}
