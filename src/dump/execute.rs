//! Runs pg_dump for a plan: the version check, a temporary output renamed on
//! success (removed on failure, Ctrl-C or SIGTERM), the password through the
//! environment only, a progress bar fed by pg_dump's `--verbose` log and
//! `pg_stat_progress_copy` (PG 14+, on a side connection), and the summary.
//! Spawns pg_dump; talks to PostgreSQL; writes the dump file or directory.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::Serialize;
use tokio::io::{AsyncBufReadExt, BufReader};

use super::plan::{human_bytes, DumpPlan, Format};
use super::progress::{parse_line, Line, Tracker};
use crate::error::UserError;
use crate::pg::ConnInfo;
use crate::printer::Printer;

/// pg_dump must be at least as new as the server. Pure.
pub fn check_version(
    pg_dump: &Path,
    version: Option<(u32, String)>,
    server_major: u32,
) -> Result<u32, UserError> {
    let Some((major, text)) = version else {
        return Err(UserError::runtime(format!(
            "cannot tell the version of {}",
            pg_dump.display()
        ))
        .hint("check that it is PostgreSQL's pg_dump (`pg_dump --version`), or point DBTOOL_PG_DUMP at one"));
    };
    if major < server_major {
        return Err(UserError::runtime(format!(
            "pg_dump {text} ({}) is older than the server (PostgreSQL {server_major}): pg_dump refuses newer servers",
            pg_dump.display()
        ))
        .hint(format!(
            "install pg_dump {server_major} or newer: `apt-get install postgresql-client-{server_major}` (PGDG repository) or `brew install postgresql@{server_major}`; then put it first in PATH or set DBTOOL_PG_DUMP (or DBTOOL_PG_BIN)"
        )));
    }
    Ok(major)
}

/// One table in the summary.
#[derive(Debug, Clone, Serialize)]
pub struct TableSummary {
    pub table: String,
    /// The planner's row estimate (else rows seen by pg_stat_progress_copy).
    pub rows: Option<i64>,
    pub rows_estimated: bool,
    pub size: i64,
    pub seconds: f64,
}

/// What a finished dump did.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub file: PathBuf,
    pub format: Format,
    pub tables: Vec<TableSummary>,
    pub data_bytes: i64,
    /// Size of the dump on disk.
    pub output_bytes: u64,
    pub seconds: f64,
    /// pg_dump's warnings.
    pub warnings: Vec<String>,
}

fn remove_path(p: &Path) {
    // Only ever the partial path this run made.
    let _ = super::output::remove_ours(p);
}

fn disk_size(p: &Path) -> u64 {
    if p.is_dir() {
        walkdir::WalkDir::new(p)
            .into_iter()
            .flatten()
            .filter_map(|e| e.metadata().ok())
            .filter(|m| m.is_file())
            .map(|m| m.len())
            .sum()
    } else {
        std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)
    }
}

/// A hint for pg_dump's error lines.
pub fn error_hint(lines: &[String]) -> String {
    let text = lines.join("\n").to_lowercase();
    if text.contains("permission denied") {
        "the dump user cannot read an object named above: leave it out (--exclude-schema, --exclude-table) or dump with a role that can read it (--role, --user)".into()
    } else if text.contains("server version mismatch")
        || text.contains("aborting because of server version")
    {
        "pg_dump is older than the server: install a newer PostgreSQL client".into()
    } else if text.contains("could not obtain lock") || text.contains("lock timeout") {
        "another session holds a conflicting lock (e.g. ALTER TABLE): retry when it is done".into()
    } else if text.contains("no space left") {
        "the disk is full: free space or write elsewhere with -f".into()
    } else if text.contains("connection to server") || text.contains("could not connect") {
        "check that the server is reachable and the credentials are valid (`dbtool connect` with the same target)".into()
    } else {
        "pg_dump's own messages are above; run again with -v to see its whole log".into()
    }
}

/// Runs pg_dump for `plan` into `output` and returns the summary.
pub async fn run(
    printer: &Printer,
    conn: &ConnInfo,
    pg_dump: &Path,
    plan: &DumpPlan,
    out: &super::output::Output,
    server_major: u32,
) -> anyhow::Result<Summary> {
    let output = out.path.as_path();
    let partial = out.partial.clone();
    for stale in super::output::remove_stale(out) {
        printer.status(format!(
            "removed {} left by an interrupted dump",
            stale.display()
        ));
    }
    let app = format!("dbtool-dump-{}", std::process::id());
    let mut child_conn = conn.clone();
    child_conn.application_name = Some(app.clone());
    let mut cmd = crate::process::command(pg_dump);
    crate::process::set_conn_async(&mut cmd, &child_conn);
    cmd.args(&plan.args)
        .arg(format!("--file={}", partial.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    printer.verbose(format!(
        "running {} {} --file={}",
        pg_dump.display(),
        plan.args.join(" "),
        partial.display()
    ));
    let started = Instant::now();
    let mut child = cmd
        .spawn()
        .map_err(|e| UserError::runtime(format!("cannot run {}", pg_dump.display())).source(e))?;
    let pid = child.id();

    let sequential = plan.jobs <= 1;
    let tracker = Arc::new(Mutex::new(Tracker::new(
        plan.data_relations()
            .map(|r| (r.qualified(), r.size))
            .collect::<Vec<_>>()
            .iter()
            .map(|(n, s)| (n.as_str(), *s)),
        sequential,
    )));
    let total = tracker.lock().expect("tracker").total();
    let bar = printer.progress_bar(
        total,
        "{spinner} dumping [{bar:30}] {percent:>3}% {binary_bytes}/{binary_total_bytes} ETA {eta} {wide_msg}",
    );
    bar.enable_steady_tick(Duration::from_millis(200));

    // stderr reader: drives the tracker, collects errors and warnings.
    let stderr = child.stderr.take().expect("piped stderr");
    let reader = {
        let tracker = tracker.clone();
        let bar = bar.clone();
        let verbose = printer.verbose > 0 && !printer.quiet;
        tokio::spawn(async move {
            let mut errors = Vec::new();
            let mut warnings = Vec::new();
            let mut lines = BufReader::new(stderr).lines();
            while let Ok(Some(line)) = lines.next_line().await {
                if verbose {
                    bar.suspend(|| eprintln!("{line}"));
                }
                let mut t = tracker.lock().expect("tracker");
                match parse_line("pg_dump", &line) {
                    Line::TableStarted(name) => t.start(&name, Instant::now()),
                    Line::TableFinished(name) => t.finish_named(&name, Instant::now()),
                    Line::Error(_) => errors.push(line),
                    Line::Warning(_) => warnings.push(line),
                    Line::Other => {
                        if !line.starts_with("pg_dump: ") && !errors.is_empty() {
                            // Continuation of an error (e.g. `Command was: …`).
                            errors.push(line);
                        }
                    }
                }
                bar.set_position(t.position());
                bar.set_message(t.current().join(", "));
            }
            (errors, warnings)
        })
    };

    // Side connection: pg_stat_progress_copy samples of pg_dump's COPYs.
    let poller = (server_major >= 14).then(|| {
        let tracker = tracker.clone();
        let bar = bar.clone();
        let conn = conn.clone();
        let app = app.clone();
        tokio::spawn(async move {
            let Ok(client) = conn.connect().await else {
                return;
            };
            let sql = "SELECT n.nspname || '.' || c.relname, p.bytes_processed, p.tuples_processed
                         FROM pg_stat_progress_copy p
                         JOIN pg_stat_activity a ON a.pid = p.pid
                         JOIN pg_class c ON c.oid = p.relid
                         JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE a.application_name = $1";
            loop {
                tokio::time::sleep(Duration::from_millis(500)).await;
                let Ok(rows) = client.query(sql, &[&app]).await else {
                    return;
                };
                let mut t = tracker.lock().expect("tracker");
                for r in rows {
                    t.copy_sample(r.get(0), r.get(1), r.get(2));
                }
                bar.set_position(t.position());
            }
        })
    });

    let mut sigterm = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    let status = tokio::select! {
        s = child.wait() => Some(s?),
        _ = tokio::signal::ctrl_c() => None,
        _ = sigterm.recv() => None,
    };
    if let Some(p) = &poller {
        p.abort();
    }
    let Some(status) = status else {
        if let Some(pid) = pid {
            let _ = nix::sys::signal::kill(
                nix::unistd::Pid::from_raw(pid as i32),
                nix::sys::signal::Signal::SIGTERM,
            );
        }
        let _ = child.wait().await;
        remove_path(&partial);
        bar.finish_and_clear();
        return Err(UserError::runtime(format!(
            "interrupted: pg_dump stopped, nothing was written to {}",
            output.display()
        ))
        .hint("run the same command again to start over")
        .into());
    };
    let (errors, warnings) = reader.await.unwrap_or_default();
    bar.finish_and_clear();
    if !status.success() {
        remove_path(&partial);
        let code = status
            .code()
            .map(|c| format!("exit code {c}"))
            .unwrap_or_else(|| "killed by a signal".into());
        let mut err = UserError::runtime(format!("pg_dump failed ({code}); no dump was written"))
            .hint(error_hint(&errors));
        if !errors.is_empty() {
            err = err.source(anyhow::anyhow!(errors.join("\n")));
        }
        return Err(err.into());
    }
    if let Err(e) = super::output::commit(out) {
        return Err(e.into());
    }
    let seconds = started.elapsed().as_secs_f64();
    let mut t = tracker.lock().expect("tracker");
    t.finish_all(Instant::now());
    let tables = plan
        .data_relations()
        .map(|r| {
            let done = t.finished().iter().find(|d| d.table == r.qualified());
            // pg_stat_progress_copy samples undercount; the planner's
            // estimate comes first, the samples only when it has none.
            let seen = done.and_then(|d| d.rows_seen);
            TableSummary {
                table: r.qualified(),
                rows: r.rows.or(seen),
                rows_estimated: true,
                size: r.size,
                seconds: done.map(|d| d.elapsed.as_secs_f64()).unwrap_or(0.0),
            }
        })
        .collect();
    Ok(Summary {
        file: output.to_path_buf(),
        format: plan.format,
        tables,
        data_bytes: plan.data_bytes,
        output_bytes: disk_size(output),
        seconds,
        warnings,
    })
}

/// The summary as table rows (largest tables first, at most `limit`), plus a total line.
pub fn summary_rows(s: &Summary, limit: usize) -> Vec<Vec<String>> {
    let mut rows = vec![vec![
        "table".to_string(),
        "rows".to_string(),
        "size".to_string(),
        "time".to_string(),
    ]];
    let mut tables: Vec<&TableSummary> = s.tables.iter().collect();
    tables.sort_by(|a, b| b.size.cmp(&a.size).then(a.table.cmp(&b.table)));
    let fmt_rows = |t: &TableSummary| match t.rows {
        Some(n) if t.rows_estimated => format!("~{n}"),
        Some(n) => n.to_string(),
        None => "?".into(),
    };
    for t in tables.iter().take(limit) {
        rows.push(vec![
            t.table.clone(),
            fmt_rows(t),
            human_bytes(t.size),
            format!("{:.1}s", t.seconds),
        ]);
    }
    if tables.len() > limit {
        let rest = &tables[limit..];
        rows.push(vec![
            format!("… {} more", rest.len()),
            String::new(),
            human_bytes(rest.iter().map(|t| t.size).sum()),
            format!("{:.1}s", rest.iter().map(|t| t.seconds).sum::<f64>()),
        ]);
    }
    rows.push(vec![
        format!("total: {} tables", s.tables.len()),
        String::new(),
        human_bytes(s.data_bytes),
        format!("{:.1}s", s.seconds),
    ]);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_pg_dump_names_the_package() {
        let e = check_version(
            Path::new("/usr/bin/pg_dump"),
            Some((15, "15.20".into())),
            17,
        )
        .unwrap_err();
        assert!(e.message.contains("pg_dump 15.20"), "{}", e.message);
        assert!(e.hint.unwrap().contains("postgresql-client-17"));
        assert_eq!(
            check_version(Path::new("pg_dump"), Some((17, "17.2".into())), 15).unwrap(),
            17
        );
        assert!(check_version(Path::new("x"), None, 15).is_err());
    }

    #[test]
    fn hints_follow_errors() {
        assert!(error_hint(&[
            "pg_dump: error: query failed: ERROR:  permission denied for schema x".into()
        ])
        .contains("--exclude-schema"));
        assert!(error_hint(&[]).contains("-v"));
    }
}
