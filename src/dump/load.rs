//! Loads a dump into a database with pg_restore (`--no-owner --no-privileges`
//! and friends): optional CREATE DATABASE, progress by TOC entries, errors
//! grouped and classified (objects only RDS has, e.g. extensions missing
//! locally, are reported but not fatal unless strict). Spawns pg_restore;
//! talks to PostgreSQL.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use serde::Serialize;
use tokio::io::{AsyncBufReadExt, BufReader};

use crate::error::UserError;
use crate::pg::ConnInfo;
use crate::printer::Printer;

/// The flags that make a dump of RDS load into any local server.
pub const PORTABLE_FLAGS: &[&str] = &[
    "--no-owner",
    "--no-privileges",
    "--no-publications",
    "--no-subscriptions",
    "--no-security-labels",
    "--no-tablespaces",
];

/// One pg_restore error with its context lines.
#[derive(Debug, Clone, Serialize)]
pub struct RestoreError {
    /// pg_restore's lines, verbatim.
    pub lines: Vec<String>,
    /// Caused by something the local server lacks (an extension, a role…).
    pub environment_only: bool,
}

/// Groups pg_restore's stderr into errors: a block starts at `from TOC
/// entry` or `error:` and takes the lines that are not pg_restore log lines.
pub fn group_errors(lines: &[String]) -> Vec<RestoreError> {
    let mut blocks: Vec<Vec<String>> = Vec::new();
    let mut open = false;
    let mut after_toc = false;
    for l in lines {
        if l.starts_with("pg_restore: from TOC entry") {
            blocks.push(vec![l.clone()]);
            open = true;
            after_toc = true;
        } else if l.starts_with("pg_restore: error:") {
            if after_toc {
                blocks.last_mut().expect("block").push(l.clone());
            } else {
                blocks.push(vec![l.clone()]);
            }
            open = true;
            after_toc = false;
        } else if l.starts_with("pg_restore: ") {
            open = false;
            after_toc = false;
        } else if open {
            blocks.last_mut().expect("block").push(l.clone());
        }
    }
    blocks
        .into_iter()
        .filter(|b| b.iter().any(|l| l.starts_with("pg_restore: error:")))
        .map(|mut lines| {
            while lines.last().is_some_and(|l| l.trim().is_empty()) {
                lines.pop();
            }
            let text = lines.join("\n").to_lowercase();
            let environment_only = (text.contains("extension")
                && (text.contains("is not available")
                    || text.contains("could not open extension control file")
                    || text.contains("must be owner of extension")))
                || (text.contains("role \"") && text.contains("does not exist"))
                || text.contains("rds_")
                || text.contains("rdsadmin")
                || text.contains("must be superuser")
                || text.contains("permission denied to create extension")
                || text.contains("event trigger");
            RestoreError {
                lines,
                environment_only,
            }
        })
        .collect()
}

/// What a load did.
#[derive(Debug, Clone, Serialize)]
pub struct LoadOutcome {
    pub database: String,
    pub errors: Vec<RestoreError>,
    pub seconds: f64,
    pub interrupted: bool,
}

/// `CREATE DATABASE name` on the server of `conn` (over its `postgres` database).
pub async fn create_database(conn: &ConnInfo, name: &str) -> anyhow::Result<()> {
    let admin = match conn.with_dbname("postgres").connect().await {
        Ok(c) => c,
        Err(_) => conn.with_dbname("template1").connect().await?,
    };
    let exists = admin
        .query_opt("SELECT 1 FROM pg_database WHERE datname = $1", &[&name])
        .await?
        .is_some();
    if exists {
        return Err(UserError::usage(format!("database `{name}` already exists"))
            .hint("load into it without --create (add --clean to replace what it holds), or choose another name with --into")
            .into());
    }
    admin
        .batch_execute(&format!(
            "CREATE DATABASE {}",
            super::pattern::quote_ident(name)
        ))
        .await
        .map_err(|e| UserError::runtime(format!("cannot create database `{name}`")).source(e))?;
    Ok(())
}

/// Runs pg_restore into `conn`'s database with `entries` TOC entries for the bar.
#[allow(clippy::too_many_arguments)]
pub async fn run(
    printer: &Printer,
    conn: &ConnInfo,
    pg_restore: &Path,
    file: &Path,
    entries: usize,
    jobs: u32,
    clean: bool,
) -> anyhow::Result<LoadOutcome> {
    let mut cmd = crate::process::command(pg_restore);
    cmd.args(PORTABLE_FLAGS).arg("--verbose");
    if jobs > 1 {
        cmd.arg(format!("--jobs={jobs}"));
    }
    if clean {
        cmd.args(["--clean", "--if-exists"]);
    }
    cmd.arg(format!("--dbname={}", conn.dbname))
        .arg(file)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    crate::process::set_conn_async(&mut cmd, conn);
    let started = Instant::now();
    let mut child = cmd.spawn().map_err(|e| {
        UserError::runtime(format!("cannot run {}", pg_restore.display())).source(e)
    })?;
    let pid = child.id();
    let bar = printer.progress_bar(
        entries as u64,
        "{spinner} loading [{bar:30}] {pos}/{len} items ETA {eta} {wide_msg}",
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    let stderr = child.stderr.take().expect("piped stderr");
    let reader = {
        let bar = bar.clone();
        let verbose = printer.verbose > 0 && !printer.quiet;
        tokio::spawn(async move {
            let mut all = Vec::new();
            let mut lines = BufReader::new(stderr).lines();
            while let Ok(Some(line)) = lines.next_line().await {
                if verbose {
                    bar.suspend(|| eprintln!("{line}"));
                }
                if let Some(rest) = line.strip_prefix("pg_restore: ") {
                    let step = [
                        "creating ",
                        "processing data",
                        "executing ",
                        "finished item ",
                        "processing item ",
                    ]
                    .iter()
                    .any(|p| rest.starts_with(p));
                    if step {
                        bar.inc(1);
                        bar.set_message(rest.chars().take(60).collect::<String>());
                    }
                    if !rest.starts_with("creating ")
                        && !rest.starts_with("processing ")
                        && !rest.starts_with("executing ")
                        && !rest.starts_with("finished item ")
                        && !rest.starts_with("launching item ")
                        && !rest.starts_with("connecting ")
                        && !rest.starts_with("entering ")
                    {
                        all.push(line);
                    }
                } else {
                    all.push(line);
                }
            }
            all
        })
    };
    let mut sigterm = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    let status = tokio::select! {
        s = child.wait() => Some(s?),
        _ = tokio::signal::ctrl_c() => None,
        _ = sigterm.recv() => None,
    };
    let interrupted = status.is_none();
    if interrupted {
        if let Some(pid) = pid {
            let _ = nix::sys::signal::kill(
                nix::unistd::Pid::from_raw(pid as i32),
                nix::sys::signal::Signal::SIGTERM,
            );
        }
        let _ = child.wait().await;
    }
    let lines = reader.await.unwrap_or_default();
    bar.finish_and_clear();
    let errors = group_errors(&lines);
    if let Some(s) = status {
        if !s.success() && errors.is_empty() {
            // pg_restore failed before restoring anything (cannot connect, bad file).
            let text: Vec<String> = lines
                .iter()
                .filter(|l| !l.starts_with("pg_restore: warning:"))
                .cloned()
                .collect();
            let joined = text.join("\n");
            let hint = if joined.contains("does not exist") && joined.contains("database") {
                "create it first: add --create"
            } else if joined.contains("unsupported version") {
                "the archive was written by a newer pg_dump: install a newer PostgreSQL client or set DBTOOL_PG_RESTORE"
            } else {
                "pg_restore's messages are above; run again with -v to see its whole log"
            };
            return Err(UserError::runtime("pg_restore failed")
                .source(anyhow::anyhow!(joined))
                .hint(hint)
                .into());
        }
    }
    Ok(LoadOutcome {
        database: conn.dbname.clone(),
        errors,
        seconds: started.elapsed().as_secs_f64(),
        interrupted,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(str::to_string).collect()
    }

    #[test]
    fn groups_and_classifies_errors() {
        let log = lines(
            "pg_restore: creating EXTENSION \"postgis\"
pg_restore: from TOC entry 2; 3079 16400 EXTENSION postgis (no owner)
pg_restore: error: could not execute query: ERROR:  extension \"postgis\" is not available
DETAIL:  Could not open extension control file \"/usr/share/postgresql/15/extension/postgis.control\": No such file or directory.
Command was: CREATE EXTENSION IF NOT EXISTS postgis WITH SCHEMA public;
pg_restore: creating TABLE \"public.a\"
pg_restore: from TOC entry 3269; 2606 70822 FK CONSTRAINT b b_id_fkey postgres
pg_restore: error: could not execute query: ERROR:  insert or update on table \"b\" violates foreign key constraint \"b_id_fkey\"
Command was: ALTER TABLE ONLY public.b ADD CONSTRAINT b_id_fkey FOREIGN KEY (id) REFERENCES public.a(id);
pg_restore: warning: errors ignored on restore: 2",
        );
        let errs = group_errors(&log);
        assert_eq!(errs.len(), 2);
        assert!(errs[0].environment_only);
        assert_eq!(errs[0].lines.len(), 4);
        assert!(!errs[1].environment_only);
        assert!(errs[1].lines[2].starts_with("Command was: ALTER TABLE"));
    }
}
