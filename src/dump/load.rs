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
    /// The archive entry it belongs to (`TABLE DATA`, `EXTENSION`…) and its tag.
    pub entry: Option<(String, String)>,
    /// Caused by something the local server lacks (an extension, a role…).
    pub environment_only: bool,
}

/// Archive entry kinds, longest first (pg_dump's `desc` strings).
const DESCS: &[&str] = &[
    "PUBLICATION TABLES IN SCHEMA",
    "MATERIALIZED VIEW DATA",
    "TEXT SEARCH CONFIGURATION",
    "TEXT SEARCH DICTIONARY",
    "TEXT SEARCH TEMPLATE",
    "TEXT SEARCH PARSER",
    "PUBLICATION TABLE",
    "SEQUENCE OWNED BY",
    "DATABASE PROPERTIES",
    "PROCEDURAL LANGUAGE",
    "MATERIALIZED VIEW",
    "CHECK CONSTRAINT",
    "DOMAIN CONSTRAINT",
    "FOREIGN TABLE",
    "EVENT TRIGGER",
    "FK CONSTRAINT",
    "SEQUENCE SET",
    "USER MAPPING",
    "LARGE OBJECT",
    "ROW SECURITY",
    "DEFAULT ACL",
    "TABLE DATA",
];

/// `pg_restore: from TOC entry 3269; 2606 70822 FK CONSTRAINT b b_id_fkey postgres`
/// → (`FK CONSTRAINT`, `b b_id_fkey`). The line is `dumpId; tableoid oid desc tag owner`.
pub fn toc_entry(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix("pg_restore: from TOC entry ")?;
    let (_, rest) = rest.split_once("; ")?;
    let mut parts = rest.splitn(3, ' ');
    let _tableoid = parts.next()?;
    let _oid = parts.next()?;
    let rest = parts.next()?;
    let desc = DESCS
        .iter()
        .find(|d| rest.starts_with(*d) && rest[d.len()..].starts_with(' '))
        .map(|d| d.to_string())
        .unwrap_or_else(|| rest.split(' ').next().unwrap_or_default().to_string());
    let tail = rest[desc.len()..].trim();
    // The owner is the last word (or "(no owner)").
    let tag = match tail.strip_suffix("(no owner)") {
        Some(t) => t.trim().to_string(),
        None => tail
            .rsplit_once(' ')
            .map(|(t, _)| t.to_string())
            .unwrap_or_default(),
    };
    Some((desc, tag))
}

/// Whether an error is about something only the source server (RDS) has,
/// decided by the archive entry it belongs to — never by words in the
/// message (a table called `records_archive` holds `rds_`).
fn environment_only(entry: Option<&(String, String)>, text: &str) -> bool {
    let Some((desc, tag)) = entry else {
        return false;
    };
    let missing_role = text.contains("role \"") && text.contains("does not exist");
    match desc.as_str() {
        // Extensions the local server lacks, or may not create; their comments.
        "EXTENSION" => true,
        "COMMENT" => tag.starts_with("EXTENSION "),
        // Replication and server-wide objects a local copy does not need.
        "EVENT TRIGGER"
        | "PUBLICATION"
        | "PUBLICATION TABLE"
        | "PUBLICATION TABLES IN SCHEMA"
        | "SUBSCRIPTION"
        | "PROCEDURAL LANGUAGE"
        | "DEFAULT ACL"
        | "ACL"
        | "USER MAPPING"
        | "SERVER" => true,
        // Objects that name a role only RDS has.
        "POLICY" | "SCHEMA" => missing_role,
        _ => false,
    }
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
            let text = lines.join("\n");
            let entry = lines.iter().find_map(|l| toc_entry(l));
            let environment_only = environment_only(entry.as_ref(), &text);
            RestoreError {
                lines,
                entry,
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
    /// pg_restore died by this signal (it did not finish).
    pub killed_by: Option<i32>,
    /// pg_restore's exit code, when it exited.
    pub exit_code: Option<i32>,
}

impl LoadOutcome {
    /// Tables whose rows failed to load (failed TABLE DATA entries).
    pub fn incomplete_tables(&self) -> Vec<String> {
        self.errors
            .iter()
            .filter_map(|e| match &e.entry {
                Some((d, tag)) if d == "TABLE DATA" => Some(tag.clone()),
                _ => None,
            })
            .collect()
    }
}

/// The tables the archive defines that do not exist in the loaded database
/// (what the table of contents promised, checked against the catalog).
pub async fn missing_tables(
    conn: &ConnInfo,
    tables: &[super::toc::TocTable],
) -> anyhow::Result<Vec<String>> {
    let client = conn.connect().await?;
    let mut missing = Vec::new();
    for t in tables {
        let name = format!(
            "{}.{}",
            super::pattern::quote_ident(&t.schema),
            super::pattern::quote_ident(&t.name)
        );
        let row = client
            .query_one("SELECT to_regclass($1) IS NOT NULL", &[&name])
            .await?;
        if !row.get::<_, bool>(0) {
            missing.push(format!("{}.{}", t.schema, t.name));
        }
    }
    Ok(missing)
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
    use std::os::unix::process::ExitStatusExt;
    Ok(LoadOutcome {
        database: conn.dbname.clone(),
        errors,
        seconds: started.elapsed().as_secs_f64(),
        interrupted,
        killed_by: status.and_then(|s| s.signal()),
        exit_code: status.and_then(|s| s.code()),
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

    #[test]
    fn classified_by_entry_not_by_words() {
        // A COPY failing in a table whose name holds `rds_` is data loss, not RDS.
        let log = lines(
            "pg_restore: from TOC entry 4012; 0 70901 TABLE DATA public records_archive postgres
pg_restore: error: COPY failed for table \"records_archive\": ERROR:  duplicate key value violates unique constraint \"records_archive_pkey\"
pg_restore: from TOC entry 5; 2615 2200 SCHEMA rds_tools rdsadmin
pg_restore: error: could not execute query: ERROR:  role \"rdsadmin\" does not exist
pg_restore: from TOC entry 6; 3466 16500 EVENT TRIGGER rds_ddl (no owner)
pg_restore: error: could not execute query: ERROR:  permission denied to create event trigger \"rds_ddl\"",
        );
        let errs = group_errors(&log);
        assert_eq!(errs.len(), 3);
        assert_eq!(
            errs[0].entry,
            Some(("TABLE DATA".into(), "public records_archive".into()))
        );
        assert!(!errs[0].environment_only, "a failed COPY is never skipped");
        assert!(errs[1].environment_only);
        assert!(errs[2].environment_only);
        assert_eq!(
            toc_entry("pg_restore: from TOC entry 3269; 2606 70822 FK CONSTRAINT public b b_id_fkey postgres"),
            Some(("FK CONSTRAINT".into(), "public b b_id_fkey".into()))
        );
        assert_eq!(toc_entry("pg_restore: creating TABLE"), None);
    }
}
