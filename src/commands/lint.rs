//! `dbtool migrate lint`: checks migrations for statements that lock or
//! rewrite busy tables, break running code, or fail halfway; prints
//! findings as text, JSON, gcc lines, GitHub annotations or SARIF. Reads
//! migration files and dbtool.toml; runs `git` for `--changed-since`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use crate::context::Context;
use crate::error::{ExitStatus, UserError};
use crate::lint::{self, report, LintConfig, LintOptions, PgVersion, Severity};

/// Output formats of `migrate lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LintFormat {
    /// Human-readable findings with the source line and a caret
    Text,
    /// A JSON array of findings
    Json,
    /// One `file:line:col: severity: message [rule]` line per finding
    Gcc,
    /// GitHub Actions annotations (`::error file=…,line=…::…`)
    Github,
    /// SARIF 2.1.0, for code scanning
    Sarif,
}

/// Check migrations for zero-downtime hazards (locks, rewrites, breaking changes)
#[derive(Debug, Clone, Default, clap::Args)]
pub struct LintArgs {
    /// Files or directories to lint (default: the configured migration locations)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Target PostgreSQL version, e.g. 16 or 14.2 (default: [lint] pg_version, else 17)
    #[arg(long, value_name = "VERSION", env = "DBTOOL_LINT_PG_VERSION")]
    pub pg_version: Option<String>,

    /// Findings format (default: text, or json with --output-format json)
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<LintFormat>,

    /// Exit with status 1 when there are warnings, not only errors
    #[arg(long)]
    pub deny_warnings: bool,

    /// Skip these rules (comma-separated or repeated)
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub exclude: Vec<String>,

    /// Run only these rules (comma-separated or repeated)
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub include: Vec<String>,

    /// Show the lock model: each statement's locks, rewrites and scans
    #[arg(long)]
    pub explain: bool,

    /// Lint only files changed since this git ref (plus uncommitted and untracked ones)
    #[arg(long, value_name = "REF")]
    pub changed_since: Option<String>,

    /// List the rules with their default severity and exit
    #[arg(long)]
    pub list_rules: bool,

    /// Run the migrations on a throwaway PostgreSQL, statement by statement, and measure each one's locks, rewrites and time beside the lock model
    #[arg(long, conflicts_with_all = ["list_rules", "explain", "format"])]
    pub trace: bool,

    /// With --trace: prepare the throwaway PostgreSQL with what TARGET's history says is applied, then trace only TARGET's pending migrations (TARGET read only; without a value: the default target, as `migrate drift` picks it)
    #[arg(long = "target", value_name = "TARGET", num_args = 0..=1, require_equals = true, requires = "trace", conflicts_with_all = ["paths", "changed_since", "on"])]
    pub trace_target: Option<Option<String>>,

    /// With --trace: trace TARGET's pending migrations on TARGET itself (a sandbox or a non-production environment, e.g. a restored copy), in one transaction that is rolled back; sizes and durations are real
    #[arg(long, value_name = "TARGET", requires = "trace", conflicts_with_all = ["paths", "changed_since"])]
    pub on: Option<String>,
}

impl LintArgs {
    /// `--trace --target[=…]` or `--trace --on …`: a database is involved.
    pub fn traces_a_target(&self) -> bool {
        self.trace && (self.trace_target.is_some() || self.on.is_some())
    }
}

/// The `[lint]` table of the configuration file (default when absent);
/// its rule ids were checked when the file was loaded.
pub fn lint_config(ctx: &Context) -> anyhow::Result<LintConfig> {
    Ok(ctx.config().map(|c| c.lint.clone()).unwrap_or_default())
}

/// What `lint` takes from the migrate settings when run as `dbtool migrate
/// lint` (flags, FLYWAY_* variables, flyway.conf and dbtool.toml resolved).
#[derive(Debug, Clone)]
pub struct Defaults {
    /// Where migrations live (absolute, `filesystem:` stripped).
    pub locations: Vec<PathBuf>,
    /// Whether migrate sets `lock_timeout` itself (not `0s`).
    pub engine_lock_timeout: bool,
    /// The server's version, when the caller is connected (beats `[lint] pg_version`).
    pub server_version: Option<PgVersion>,
}

impl Defaults {
    /// From `[migrate]` in dbtool.toml only (`locations`, `lock_timeout`).
    pub fn from_config(ctx: &Context) -> anyhow::Result<Defaults> {
        let m = ctx.migrate_config();
        let locations = m
            .locations
            .unwrap_or_else(|| vec!["migrations".into()])
            .iter()
            .map(|l| crate::migrate::resolve::location_path(l).map(|p| ctx.cwd.join(p)))
            .collect::<Result<Vec<_>, _>>()
            .map_err(UserError::usage)?;
        Ok(Defaults {
            locations,
            engine_lock_timeout: m.lock_timeout.is_none_or(|d| !d.is_zero()),
            server_version: None,
        })
    }
}

/// Resolves the options `lint` runs with: flag > server version > config > default.
pub fn options(
    args: &LintArgs,
    config: LintConfig,
    defaults: &Defaults,
) -> anyhow::Result<LintOptions> {
    let ids: Vec<&str> = lint::RULES.iter().map(|r| r.id).collect();
    for (flag, list) in [("--exclude", &args.exclude), ("--include", &args.include)] {
        for id in list {
            lint::config::check_rule_id(id, &ids)
                .map_err(|e| UserError::usage(format!("{flag}: {e}")))?;
        }
    }
    let pg_version = match (
        &args.pg_version,
        defaults.server_version,
        &config.pg_version,
    ) {
        (Some(v), _, _) => {
            PgVersion::parse(v).map_err(|e| UserError::usage(format!("--pg-version: {e}")))?
        }
        (None, Some(server), _) => server,
        (None, None, Some(v)) => {
            PgVersion::parse(v).map_err(|e| UserError::usage(format!("[lint] pg_version: {e}")))?
        }
        (None, None, None) => PgVersion::LATEST,
    };
    let engine_lock_timeout = defaults.engine_lock_timeout;
    Ok(LintOptions {
        pg_version,
        config,
        include: args.include.clone(),
        exclude: args.exclude.clone(),
        engine_lock_timeout,
        explain: args.explain,
    })
}

/// `dbtool migrate lint` with defaults from `[migrate]` in dbtool.toml.
pub async fn run(ctx: &Context, args: &LintArgs) -> anyhow::Result<ExitStatus> {
    if args.list_rules {
        return list_rules(ctx);
    }
    let defaults = Defaults::from_config(ctx)?;
    run_with(ctx, args, &defaults).await
}

/// `dbtool migrate lint` with defaults resolved by the caller (the migrate
/// command passes its resolved settings).
pub async fn run_with(
    ctx: &Context,
    args: &LintArgs,
    defaults: &Defaults,
) -> anyhow::Result<ExitStatus> {
    let printer = &ctx.printer;
    if args.list_rules {
        return list_rules(ctx);
    }
    let config = lint_config(ctx)?;
    let deny_warnings = args.deny_warnings || config.deny_warnings;
    let opts = options(args, config, defaults)?;
    let (paths, defaulted) = if args.paths.is_empty() {
        (defaults.locations.clone(), true)
    } else {
        (args.paths.iter().map(|p| ctx.cwd.join(p)).collect(), false)
    };
    let files = lint::files::collect(&paths).map_err(|e| {
        let err = UserError::usage(e);
        if defaulted {
            err.hint(
                "pass the files or directories to lint, or set [migrate] locations in dbtool.toml",
            )
        } else {
            err
        }
    })?;
    let changed = match &args.changed_since {
        Some(r) => Some(
            lint::files::changed_since(r, &ctx.cwd)
                .map_err(|e| UserError::usage(format!("--changed-since {r}: {e}")))?,
        ),
        None => None,
    };
    if args.trace {
        return trace(ctx, defaults, &files, changed.as_ref()).await;
    }
    let format = args.format.unwrap_or(if printer.is_json() {
        LintFormat::Json
    } else {
        LintFormat::Text
    });
    let colour = printer.color && std::io::stdout().is_terminal();
    let paint = |s: Severity, t: &str| {
        if !colour {
            return t.to_string();
        }
        printer.paint(s.color(), t)
    };
    // Formats that are one entry per finding are written file by file as
    // the reports arrive, so a run holds one file's findings, not all of
    // them (a 196-file corpus has thousands). SARIF and --explain need the
    // whole set.
    let streamed = !args.explain && !matches!(format, LintFormat::Sarif);
    let mut out = report::Stream::new(std::io::BufWriter::new(std::io::stdout().lock()));
    let mut tally = report::Tally::default();
    let mut findings = Vec::new();
    let mut statements = Vec::new();
    let mut linted = 0usize;
    let threads = lint::threads();
    // Every file is read, in order, so what earlier ones create is known;
    // `--changed-since` only filters what is reported, and the changed
    // files are one run: a table an earlier one creates is new in later ones.
    let selected: Vec<bool> = files
        .iter()
        .map(|f| match &changed {
            Some(set) => f.canonicalize().is_ok_and(|c| set.contains(&c)),
            None => true,
        })
        .collect();
    let result = lint::lint_run_in_order(
        files.len(),
        |i| lint::files::load(&files[i], &lint::files::display_path(&files[i], &ctx.cwd)),
        &opts,
        threads,
        |i| changed.is_some() && selected[i],
        |i, report| {
            if !selected[i] {
                return;
            }
            linted += 1;
            tally.add(&report.findings);
            if !streamed {
                findings.extend(report.findings);
                if args.explain {
                    statements.extend(report.statements);
                }
                return;
            }
            match format {
                LintFormat::Json => out.json_items(&report.findings),
                LintFormat::Gcc => out.text(&report::gcc(&report.findings)),
                LintFormat::Github => out.text(&report::github(&report.findings)),
                _ => out.text(&report::text(&report.findings, &paint)),
            }
        },
    );
    if streamed {
        // Closed even when a file could not be read: what was written
        // stays well-formed, and the error (exit 2) follows on stderr.
        if format == LintFormat::Json {
            out.json_end();
        }
        out.finish()?;
    }
    result.map_err(UserError::usage)?;
    if !streamed {
        match format {
            LintFormat::Json => {
                write_json(&serde_json::json!({ "findings": findings, "statements": statements }))?;
            }
            LintFormat::Sarif => write_json(&report::sarif(&findings))?,
            _ => {
                if format == LintFormat::Text {
                    printer.table(&report::explain_rows(&statements));
                    printer.data("");
                }
                write_text(&match format {
                    LintFormat::Gcc => report::gcc(&findings),
                    LintFormat::Github => report::github(&findings),
                    _ => report::text(&findings, &paint),
                })?;
            }
        }
    }
    let summary = tally.summary(linted);
    if tally.fails(deny_warnings) {
        printer.status(format!("lint: {summary}"));
        if tally.errors > 0 {
            printer.hint("fix the statements, or silence a reviewed one with `-- dbtool:ignore <rule> <reason>` above it");
        }
        Ok(ExitStatus::Failure)
    } else {
        printer.success(format!("lint: {summary}"));
        Ok(ExitStatus::Success)
    }
}

/// `--trace`: the linted files (and the files before them, applied to
/// prepare the schema) on a throwaway PostgreSQL; each linted statement
/// measured beside the lock model. Exit 1 on a mismatch or a failure.
async fn trace(
    ctx: &Context,
    defaults: &Defaults,
    linted: &[PathBuf],
    changed: Option<&std::collections::HashSet<PathBuf>>,
) -> anyhow::Result<ExitStatus> {
    use crate::migrate::rehearsal::Throwaway;
    use crate::migrate::trace;
    let p = &ctx.printer;
    let canonical = |f: &PathBuf| f.canonicalize().unwrap_or_else(|_| f.clone());
    let traced: std::collections::HashSet<PathBuf> = linted
        .iter()
        .filter(|f| changed.is_none_or(|set| set.contains(&canonical(f))))
        .map(canonical)
        .collect();
    // Every migration in the locations and the linted files, in migration
    // order, up to the last traced one; undo files never run.
    let mut roots: Vec<PathBuf> = defaults
        .locations
        .iter()
        .filter(|l| l.is_dir())
        .cloned()
        .collect();
    roots.extend(linted.iter().cloned());
    let all = lint::files::collect(&roots).map_err(UserError::usage)?;
    let mut seen = std::collections::HashSet::new();
    let mut order: Vec<(PathBuf, bool)> = Vec::new();
    for f in all {
        let c = canonical(&f);
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let undo = matches!(
            crate::migrate::naming::parse_file_name(name),
            Ok(Some(crate::migrate::naming::Parsed::Migration {
                kind: crate::migrate::naming::Kind::Undo,
                ..
            }))
        );
        if undo || !seen.insert(c.clone()) {
            continue;
        }
        order.push((f, traced.contains(&c)));
    }
    let Some(last) = order.iter().rposition(|(_, t)| *t) else {
        p.success("trace: no statement to trace");
        return Ok(ExitStatus::Success);
    };
    order.truncate(last + 1);
    // Placeholders as migrate replaces them ([migrate] values; secret
    // sources are not read for a throwaway run).
    let layer = crate::migrate::settings::Layer {
        migrate: ctx.migrate_config(),
        ..Default::default()
    };
    let settings = crate::migrate::settings::Settings::from_layer(&layer, &ctx.cwd)
        .map_err(UserError::usage)?;
    // Ctrl-C from here on (also while the cluster starts) removes it.
    let mut interrupt = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())?;
    let cluster = Throwaway::start()?;
    let now = chrono::Local::now().naive_local();
    let placeholders = settings.placeholders_for(&cluster.conn.user, &cluster.conn.dbname, now);
    let mut files = Vec::new();
    for (path, is_traced) in &order {
        let shown = lint::files::display_path(path, &ctx.cwd);
        let source = lint::files::load(path, &shown).map_err(UserError::usage)?;
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        type ShownFn = Box<dyn Fn(std::ops::Range<usize>) -> String + Send>;
        let (sql, line_of, shown_fn): (String, Box<dyn Fn(usize) -> usize + Send>, ShownFn) =
            if settings.placeholder_replacement {
                let text = placeholders.for_file(name).replace(&source.text).map_err(|u| {
                    UserError::usage(format!(
                        "{shown}:{}:{}: placeholder `${{{}}}` has no value",
                        u.line, u.column, u.name
                    ))
                    .hint(
                        "set the placeholder in [migrate.placeholders]; --trace runs on a throwaway cluster and reads no secret sources",
                    )
                })?;
                let sql = text.expose().to_string();
                let shown_text = text.clone();
                (
                    sql,
                    Box::new(move |off| text.line_col(off).0),
                    Box::new(move |r| shown_text.shown(r)),
                )
            } else {
                let raw = source.text.clone();
                let shown_text = raw.clone();
                let text = source.text;
                (
                    raw,
                    Box::new(move |off| crate::text::line_col(&text, off).0),
                    Box::new(move |r: std::ops::Range<usize>| shown_text[r].to_string()),
                )
            };
        files.push(trace::TraceFile {
            file: shown,
            sql,
            traced: *is_traced,
            line_of,
            shown: shown_fn,
        });
    }
    let pg = {
        let c = cluster.conn.connect().await?;
        let n: i32 = c
            .query_one("SELECT current_setting('server_version_num')::int", &[])
            .await?
            .get(0);
        PgVersion::from_num(n)
    };
    p.status(format!(
        "tracing {} file(s) on a throwaway PostgreSQL {pg} ({} applied first)",
        traced.len(),
        files.iter().filter(|f| !f.traced).count()
    ));
    let outcome = tokio::select! {
        r = trace::trace_files(&cluster.conn, &files, pg) => r,
        _ = interrupt.recv() => {
            drop(cluster);
            p.warn("interrupted: the throwaway cluster was stopped and removed");
            return Ok(ExitStatus::Code(130));
        }
    };
    drop(cluster);
    let traced = match outcome {
        Ok(t) => t,
        Err(e) => {
            p.error(&e);
            p.hint("fix the migration (`dbtool migrate test` applies them all), then trace again");
            return Ok(ExitStatus::Failure);
        }
    };
    report_traced(ctx, &traced, pg, None)
}

/// Prints traced statements (a table, the differences below it; JSON: the
/// array, or `header` with it as `statements`) and returns the exit status:
/// 1 on a difference or a failed statement.
pub fn report_traced(
    ctx: &Context,
    traced: &[crate::migrate::trace::Traced],
    pg: PgVersion,
    header: Option<serde_json::Map<String, serde_json::Value>>,
) -> anyhow::Result<ExitStatus> {
    use crate::migrate::trace;
    let p = &ctx.printer;
    let mismatches: usize = traced.iter().map(|t| t.mismatches.len()).sum();
    let failed = traced.iter().find(|t| t.error.is_some());
    let not_run = traced.iter().filter(|t| t.not_run.is_some()).count();
    let sized = traced.iter().any(|t| {
        t.measured
            .as_ref()
            .is_some_and(|m| m.locks.iter().any(|l| l.size.is_some()))
    });
    if p.is_json() {
        match header {
            Some(mut h) => {
                h.insert("statements".into(), serde_json::to_value(traced)?);
                write_json(&h)?;
            }
            None => write_json(&traced)?,
        }
    } else {
        let mut rows = vec![["Statement", "Predicted", "Measured", "Time", ""]
            .map(String::from)
            .to_vec()];
        for t in traced {
            let (measured, time) = match (&t.measured, &t.not_run) {
                (Some(m), _) => (
                    trace::show_measured(&t.lock, m),
                    if sized {
                        trace::human_duration(m.duration_ms)
                    } else {
                        format!("{:.1} ms", m.duration_ms)
                    },
                ),
                (None, Some(_)) => ("not run".to_string(), String::new()),
                (None, None) => ("failed".to_string(), String::new()),
            };
            rows.push(vec![
                format!(
                    "{}:{} {}",
                    t.file,
                    t.line,
                    lint::abbreviate(&t.statement, 60)
                ),
                trace::show_predicted(&t.lock),
                measured,
                time,
                if t.not_run.is_some() {
                    "-".into()
                } else if t.mismatches.is_empty() && t.error.is_none() {
                    "✓".into()
                } else {
                    "≠".into()
                },
            ]);
        }
        p.table(&rows);
        for t in traced {
            if let (true, Some(m)) = (sized, &t.measured) {
                for line in trace::sized_lines(&t.lock, m) {
                    p.data(format!("{}:{}: {line}", t.file, t.line));
                }
            }
            if let Some(why) = &t.not_run {
                p.data(format!("{}:{}: {why}", t.file, t.line));
            }
            for m in &t.mismatches {
                p.data(format!("≠ {}:{}: {m}", t.file, t.line));
            }
        }
    }
    if let Some(t) = failed {
        p.error(&anyhow::anyhow!(
            "{}:{}: {}",
            t.file,
            t.line,
            t.error.as_deref().unwrap_or_default()
        ));
        p.hint("the statements after it were not traced");
        return Ok(ExitStatus::Failure);
    }
    let measured = traced.len() - not_run;
    let skipped = if not_run > 0 {
        format!(" ({not_run} non-transactional statement(s) not run)")
    } else {
        String::new()
    };
    if mismatches > 0 {
        p.warn(format!(
            "trace: {mismatches} difference(s) between the lock model and PostgreSQL {pg} in {measured} statement(s){skipped}",
        ));
        return Ok(ExitStatus::Failure);
    }
    p.success(format!(
        "trace: {measured} statement(s) measured on PostgreSQL {pg}, all as the lock model predicts{skipped}",
    ));
    Ok(ExitStatus::Success)
}

/// Pretty JSON on stdout through a buffer (findings can be many).
fn write_json<T: serde::Serialize + ?Sized>(value: &T) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

fn write_text(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

fn list_rules(ctx: &Context) -> anyhow::Result<ExitStatus> {
    if ctx.printer.is_json() {
        let rules: Vec<serde_json::Value> = lint::RULES
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.id, "severity": r.severity, "summary": r.summary,
                    "lock": r.lock, "why": r.why, "safe": r.safe,
                })
            })
            .collect();
        ctx.printer.json(&rules)?;
    } else {
        let mut rows = vec![vec![
            "Rule".to_string(),
            "Severity".to_string(),
            "Flags".to_string(),
        ]];
        for r in lint::RULES {
            rows.push(vec![
                r.id.to_string(),
                r.severity.to_string(),
                r.summary.to_string(),
            ]);
        }
        ctx.printer.table(&rows);
    }
    Ok(ExitStatus::Success)
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Debug, Parser)]
    struct Cli {
        #[command(flatten)]
        lint: LintArgs,
    }

    #[test]
    fn flags_parse() {
        let c = Cli::try_parse_from([
            "x",
            "migrations/V1__a.sql",
            "--pg-version",
            "14.2",
            "--format",
            "sarif",
            "--exclude",
            "ban-drop-column,renaming-table",
            "--include",
            "ban-drop-table",
            "--deny-warnings",
            "--explain",
            "--changed-since",
            "origin/main",
        ])
        .unwrap();
        assert_eq!(c.lint.paths, vec![PathBuf::from("migrations/V1__a.sql")]);
        assert_eq!(c.lint.exclude, vec!["ban-drop-column", "renaming-table"]);
        assert_eq!(c.lint.format, Some(LintFormat::Sarif));
        assert!(c.lint.deny_warnings && c.lint.explain);
    }

    #[tokio::test]
    async fn runs_on_a_directory_and_fails_on_errors() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("V1__create.sql"),
            "CREATE TABLE t (id bigint, name text);\nCREATE INDEX t_name ON t (name);\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("V2__drop.sql"),
            "ALTER TABLE t DROP COLUMN name;\n",
        )
        .unwrap();
        let ctx = Context::bare(crate::printer::Printer::plain());
        let args = LintArgs {
            paths: vec![dir.path().to_path_buf()],
            ..LintArgs::default()
        };
        assert_eq!(run(&ctx, &args).await.unwrap(), ExitStatus::Failure);
        let args = LintArgs {
            paths: vec![dir.path().to_path_buf()],
            exclude: vec!["ban-drop-column".into()],
            ..LintArgs::default()
        };
        assert_eq!(run(&ctx, &args).await.unwrap(), ExitStatus::Success);
        let args = LintArgs {
            paths: vec![dir.path().to_path_buf()],
            exclude: vec!["ban-drop-colum".into()],
            ..LintArgs::default()
        };
        let err = run(&ctx, &args).await.unwrap_err();
        assert!(
            err.to_string().contains("did you mean `ban-drop-column`"),
            "{err}"
        );
    }
}
