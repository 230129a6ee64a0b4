//! What `dbtool migrate` calls at deploy time: lint the pending migrations
//! (with the applied ones as context) and decide whether to stop, and the
//! pre-flight gate (`--preflight wait|refuse|off`) before each migration.
//! The decisions are pure; `preflight_gate` queries PostgreSQL.

use std::time::Duration;

use crate::error::UserError;
use crate::lint::LintMode;

use super::preflight::{self, Blocker};
use super::{Finding, LintOptions, PgVersion, Severity, Source};

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
/// `pending`. `sources` are the resolved migrations, placeholders replaced.
pub fn lint_pending(sources: &[Source], pending: &[bool], opts: &LintOptions) -> Vec<Finding> {
    let mut findings = Vec::new();
    let _ = super::lint_in_order(
        sources.len(),
        |i| Ok::<_, std::convert::Infallible>(sources[i].clone()),
        opts,
        1,
        |i, report| {
            if pending.get(i).copied().unwrap_or(false) {
                findings.extend(report.findings);
            }
        },
    );
    findings
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

/// The error `dbtool migrate` returns when [`refuses`] says so.
pub fn refusal(findings: &[Finding]) -> UserError {
    let n = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    UserError::runtime(format!("{n} lint error{} in pending migrations; nothing was applied", if n == 1 { "" } else { "s" }))
        .hint("fix them (dbtool migrate lint), mark reviewed ones with `-- dbtool:ignore <rule> <reason>`, or pass --allow-unsafe")
}

/// Before one migration: finds the sessions that would block it (from the
/// lock model of `sql`) and waits for them or refuses, per `mode`. Returns
/// the blockers seen (empty when clear); `Err` names them when refusing or
/// when they are still there after `timeout`.
pub async fn preflight_gate(
    client: &tokio_postgres::Client,
    script: &str,
    sql: &str,
    pg: PgVersion,
    mode: PreflightMode,
    timeout: Duration,
) -> anyhow::Result<Vec<Blocker>> {
    if mode == PreflightMode::Off {
        return Ok(Vec::new());
    }
    let wanted = super::relations_locked(sql, pg);
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    // Long transactions matter to CONCURRENTLY (it waits for all of them).
    let concurrently = sql.to_ascii_lowercase().contains("concurrently");
    let opts = preflight::Options {
        long_transaction: concurrently.then(|| Duration::from_secs(60)),
    };
    let blockers = match mode {
        PreflightMode::Wait => {
            preflight::wait_until_clear(client, &wanted, &opts, timeout, Duration::from_millis(500))
                .await?
        }
        _ => preflight::check(client, &wanted, &opts).await?,
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
        let f = lint_pending(&sources, &[false, true], &LintOptions::default());
        let rules: Vec<&str> = f.iter().map(|f| f.rule).collect();
        // V1's DROP TABLE is not reported; V2's type change is known to be safe.
        assert_eq!(rules, vec!["ban-drop-column"]);
    }

    #[test]
    fn refusal_rules() {
        let f = lint_pending(
            &[src("V1.sql", "ALTER TABLE t DROP COLUMN c;")],
            &[true],
            &LintOptions::default(),
        );
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
        );
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
