//! The migration engine on PostgreSQL: the advisory lock on its own session,
//! schema and history-table creation, applying migrations (one transaction
//! each, or statement by statement for non-transactional ones) with
//! lock_timeout and retries, callbacks, baseline, repair, clean and undo.
//! Touches PostgreSQL (two sessions: the work session and the lock session).

use std::cell::RefCell;
use std::time::{Duration, Instant};

use futures_util::SinkExt;
use serde::Serialize;
use tokio_postgres::error::{ErrorPosition, SqlState};
use tokio_postgres::Client;

use crate::error::UserError;
use crate::pg::ConnInfo;
use crate::printer::Printer;

use super::history::{
    self, quote_ident, AppliedMigration, HistoryTable, NewRow, SCHEMA_DESCRIPTION,
};
use super::naming::Kind;
use super::resolve::{Callback, Resolved, ResolvedMigration};
use super::settings::Settings;
use super::sql::{self, Statement, StatementKind};
use super::state::{self, HistorySummary, InfoEntry, InfoOptions, State};

/// A migration split and checked, ready to run.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub statements: Vec<Statement>,
    pub transactional: bool,
}

/// Splits a script and decides how it runs: in a transaction unless a
/// statement cannot (or `executeInTransaction=false`). Mixing both kinds is an
/// error unless `mixed`. psql meta-commands are refused.
pub fn prepare(
    m_script: &str,
    sql_text: &str,
    force: Option<bool>,
    mixed: bool,
    server_version: i32,
) -> Result<Prepared, String> {
    let statements = sql::split(sql_text)
        .map_err(|e| format!("{m_script}:{}:{}: {}", e.line, e.column, e.message))?;
    if let Some(meta) = statements
        .iter()
        .find(|s| s.kind == StatementKind::MetaCommand)
    {
        return Err(format!(
            "{m_script}:{}:{}: psql meta-command `{}` cannot run in a migration (neither Flyway nor dbtool runs psql commands)",
            meta.line,
            meta.column,
            meta.text(sql_text)
        ));
    }
    let non_tx: Vec<&Statement> = statements
        .iter()
        .filter(|s| s.is_non_transactional(server_version))
        .collect();
    let transactional = match force {
        Some(t) => t,
        None => {
            if !non_tx.is_empty() && non_tx.len() < statements.len() && !mixed {
                let first = non_tx[0];
                return Err(format!(
                    "{m_script}:{}:{}: `{}` cannot run in a transaction, but the file also holds statements that can; split the file, or set mixed = true to run all of it outside a transaction",
                    first.line,
                    first.column,
                    first_line(first.text(sql_text))
                ));
            }
            non_tx.is_empty()
        }
    };
    Ok(Prepared {
        statements,
        transactional,
    })
}

fn first_line(s: &str) -> String {
    let l = s.lines().next().unwrap_or_default();
    if l.chars().count() > 80 {
        format!("{}…", l.chars().take(80).collect::<String>())
    } else {
        l.to_string()
    }
}

/// The session holding another runner's lock, for the waiting message.
#[derive(Debug, Clone, Serialize)]
pub struct Blocker {
    pub pid: i32,
    pub application: String,
    pub user: String,
    pub state: String,
    pub query_start: String,
    pub query: String,
}

impl std::fmt::Display for Blocker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "pid {} (user {}, application `{}`, state {}, query started {}): {}",
            self.pid,
            self.user,
            self.application,
            self.state,
            self.query_start,
            first_line(&self.query)
        )
    }
}

/// One applied migration in a report.
#[derive(Debug, Clone, Serialize)]
pub struct AppliedReport {
    pub version: Option<String>,
    pub description: String,
    pub script: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub execution_time_ms: i64,
    pub retries: u32,
}

/// What `migrate` did.
#[derive(Debug, Clone, Serialize, Default)]
pub struct MigrateReport {
    pub schema_version_before: Option<String>,
    pub schema_version_after: Option<String>,
    pub applied: Vec<AppliedReport>,
    pub dry_run: bool,
    pub total_time_ms: i64,
}

/// A connected engine.
pub struct Engine {
    pub settings: Settings,
    pub conn: ConnInfo,
    pub client: Client,
    pub table: HistoryTable,
    /// `server_version_num`, e.g. 150004.
    pub server_version: i32,
    /// `installed_by` value: the setting, else the session user.
    pub installed_by: String,
    pub backend_pid: i32,
    /// Pre-flight before each migration (`--preflight`); None: no check.
    pub preflight: Option<Preflight>,
    printer: Printer,
    lock: Option<Client>,
}

/// `--preflight` settings: before each migration, look for sessions holding
/// locks on the relations it will lock (lint's lock model) and wait or refuse.
#[derive(Debug, Clone, Copy)]
pub struct Preflight {
    pub mode: crate::lint::deploy::PreflightMode,
    pub timeout: std::time::Duration,
}

fn pg_err(e: anyhow::Error, what: &str) -> anyhow::Error {
    anyhow::Error::new(UserError::runtime(what.to_string()).source(e))
}

impl Engine {
    /// Connects and reads the server version and user.
    pub async fn connect(
        conn: &ConnInfo,
        settings: &Settings,
        printer: &Printer,
    ) -> anyhow::Result<Engine> {
        let client = conn.connect().await?;
        let row = client
            .query_one("SELECT current_setting('server_version_num')::int, current_user::text, pg_backend_pid()", &[])
            .await?;
        let server_version: i32 = row.get(0);
        let user: String = row.get(1);
        if server_version >= 140000 {
            // A killed dbtool must not leave its migration running (and holding
            // locks) until the statement ends: the server checks the socket.
            let _ = client
                .batch_execute("SET client_connection_check_interval = '1s'")
                .await;
        }
        let table = HistoryTable {
            schema: settings.schemas[0].clone(),
            table: settings.table.clone(),
        };
        Ok(Engine {
            settings: settings.clone(),
            conn: conn.clone(),
            client,
            table,
            server_version,
            installed_by: settings.installed_by.clone().unwrap_or(user),
            backend_pid: row.get(2),
            printer: printer.clone(),
            lock: None,
            preflight: None,
        })
    }

    /// Reads the history rows (none when the table does not exist).
    pub async fn applied(&self) -> anyhow::Result<Vec<AppliedMigration>> {
        history::read(&self.client, &self.table).await.map_err(|e| {
            pg_err(
                e,
                &format!("cannot read the history table {}", self.table.qualified()),
            )
        })
    }

    /// `info` entries and the history summary.
    pub async fn info(
        &self,
        resolved: &Resolved,
    ) -> anyhow::Result<(Vec<AppliedMigration>, Vec<InfoEntry>, HistorySummary)> {
        let applied = self.applied().await?;
        let (entries, summary) = state::info(resolved, &applied, &self.info_options());
        Ok((applied, entries, summary))
    }

    pub fn info_options(&self) -> InfoOptions {
        InfoOptions {
            target: self.settings.target.clone(),
            out_of_order: self.settings.out_of_order,
        }
    }

    /// Takes Flyway's advisory lock on a separate session, waiting up to
    /// `lock_wait` with a message naming the holder.
    pub async fn acquire_lock(&mut self) -> anyhow::Result<()> {
        if self.lock.is_some() {
            return Ok(());
        }
        let lock = self.conn.connect().await?;
        let key = self.table.lock_key();
        let started = Instant::now();
        let mut told = false;
        loop {
            let got: bool = lock
                .query_one("SELECT pg_try_advisory_lock($1)", &[&key])
                .await?
                .get(0);
            if got {
                if told {
                    self.printer.status(format!(
                        "Got the migration lock after {:.1}s",
                        started.elapsed().as_secs_f64()
                    ));
                }
                self.lock = Some(lock);
                return Ok(());
            }
            let holders = lock_holders(&lock, key).await.unwrap_or_default();
            if started.elapsed() >= self.settings.lock_wait {
                let who = holders
                    .first()
                    .map(|h| h.to_string())
                    .unwrap_or_else(|| "another session".into());
                return Err(UserError::runtime(format!(
                    "another migration holds the lock on {} (advisory lock {key}); gave up after {}",
                    self.table.qualified(),
                    humantime::format_duration(Duration::from_secs(started.elapsed().as_secs()))
                ))
                .hint(format!(
                    "held by {who}; wait for it to finish, or raise --lock-wait (lock_wait in dbtool.toml)"
                ))
                .into());
            }
            if !told {
                let who = holders
                    .first()
                    .map(|h| h.to_string())
                    .unwrap_or_else(|| "another session".into());
                self.printer.status(format!(
                    "Waiting for the migration lock held by {who} (up to {})…",
                    humantime::format_duration(self.settings.lock_wait)
                ));
                told = true;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Releases the advisory lock (also released when the session ends).
    pub async fn release_lock(&mut self) {
        if let Some(lock) = self.lock.take() {
            let _ = lock
                .query_one("SELECT pg_advisory_unlock($1)", &[&self.table.lock_key()])
                .await;
        }
    }

    async fn missing_schemas(&self) -> anyhow::Result<Vec<String>> {
        let rows = self
            .client
            .query(
                "SELECT s FROM unnest($1::text[]) s WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = s)",
                &[&self.settings.schemas],
            )
            .await?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    /// Whether the schemas hold any table, view, sequence, function or type.
    async fn schemas_empty(&self) -> anyhow::Result<bool> {
        let row = self
            .client
            .query_one(
                "SELECT NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY($1))
                   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ANY($1))
                   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ANY($1) AND t.typtype IN ('e', 'd', 'r'))",
                &[&self.settings.schemas],
            )
            .await?;
        Ok(row.get(0))
    }

    /// The SQL that creates missing schemas, the history table and the SCHEMA
    /// row; empty when the table exists. `baseline` adds a BASELINE row.
    async fn setup_sql(&self, baseline: bool) -> anyhow::Result<Vec<String>> {
        if history::exists(&self.client, &self.table).await? {
            return Ok(Vec::new());
        }
        let missing = self.missing_schemas().await?;
        let mut sqls = Vec::new();
        for s in &missing {
            sqls.push(format!("CREATE SCHEMA IF NOT EXISTS {};", quote_ident(s)));
        }
        sqls.push(self.table.create_sql());
        if !missing.is_empty() {
            let script: Vec<String> = missing.iter().map(|s| quote_ident(s)).collect();
            sqls.push(self.table.insert_literal(&NewRow {
                installed_rank: 0,
                version: None,
                description: SCHEMA_DESCRIPTION.into(),
                kind: "SCHEMA".into(),
                script: script.join(","),
                checksum: None,
                installed_by: self.installed_by.clone(),
                execution_time: 0,
                success: true,
            }));
        }
        if baseline {
            sqls.push(self.table.insert_literal(&self.baseline_row(1)));
        }
        Ok(sqls)
    }

    fn baseline_row(&self, rank: i32) -> NewRow {
        NewRow {
            installed_rank: rank,
            version: Some(self.settings.baseline_version.as_str().to_string()),
            description: self.settings.baseline_description.clone(),
            kind: "BASELINE".into(),
            script: self.settings.baseline_description.clone(),
            checksum: None,
            installed_by: self.installed_by.clone(),
            execution_time: 0,
            success: true,
        }
    }

    async fn run_setup(&self, sqls: &[String]) -> anyhow::Result<()> {
        if sqls.is_empty() {
            return Ok(());
        }
        let text = format!("BEGIN;\n{}\nCOMMIT;", sqls.join("\n"));
        self.client.batch_execute(&text).await.map_err(|e| {
            anyhow::Error::new(
                UserError::runtime(format!(
                    "cannot create the history table {}",
                    self.table.qualified()
                ))
                .source(e)
                .hint("the user needs CREATE on the database (for schemas) and on the schema"),
            )
        })
    }

    /// Everything `migrate` needs before applying: setup (unless dry-run),
    /// validation and the plan. Call with the lock held (except dry-run).
    pub async fn plan(&self, resolved: &Resolved, dry_run: bool) -> anyhow::Result<Plan> {
        let exists = history::exists(&self.client, &self.table).await?;
        let mut baseline = false;
        if !exists && !self.schemas_empty().await? {
            if !self.settings.baseline_on_migrate {
                let names: Vec<String> = self
                    .settings
                    .schemas
                    .iter()
                    .map(|s| quote_ident(s))
                    .collect();
                return Err(UserError::runtime(format!(
                    "found non-empty schema(s) {} but no schema history table {}",
                    names.join(", "),
                    self.table.qualified()
                ))
                .hint("run `dbtool migrate baseline` first, or set baseline_on_migrate = true (FLYWAY_BASELINE_ON_MIGRATE=true)")
                .into());
            }
            baseline = true;
        }
        let setup = self.setup_sql(baseline).await?;
        if !dry_run {
            self.run_setup(&setup).await?;
        }
        let mut applied = if dry_run {
            Vec::new()
        } else {
            self.applied().await?
        };
        if dry_run && exists {
            applied = self.applied().await?;
        }
        if dry_run && baseline {
            applied.push(AppliedMigration {
                installed_rank: 1,
                version: Some(self.settings.baseline_version.clone()),
                version_text: Some(self.settings.baseline_version.as_str().into()),
                description: self.settings.baseline_description.clone(),
                kind: "BASELINE".into(),
                script: self.settings.baseline_description.clone(),
                checksum: None,
                installed_by: self.installed_by.clone(),
                installed_on: chrono::Utc::now().naive_utc(),
                execution_time: 0,
                success: true,
            });
        }
        let (entries, summary) = state::info(resolved, &applied, &self.info_options());
        if let Some(f) = entries.iter().find(|e| e.state.is_failed()) {
            return Err(UserError::runtime(format!(
                "the history holds a failed migration: {} ({}), so migrate refuses to continue",
                f.version.clone().unwrap_or_else(|| f.description.clone()),
                f.script
            ))
            .hint("a non-transactional migration (or an interrupted run) stopped half-way: undo or finish its changes by hand, then run `dbtool migrate repair` and migrate again")
            .into());
        }
        if self.settings.validate_on_migrate {
            let errors = state::validate(&entries, resolved, &applied, true);
            if !errors.is_empty() {
                return Err(validation_error(&errors));
            }
        }
        let steps =
            state::plan_migrate(&entries).map_err(|e| anyhow::Error::new(UserError::runtime(e)))?;
        let next_rank = applied.iter().map(|a| a.installed_rank).max().unwrap_or(0) + 1;
        let mut prepared = Vec::new();
        for &i in &steps {
            let m = &resolved.migrations[i];
            let p = prepare(
                &m.script,
                &m.sql,
                m.config.execute_in_transaction,
                self.settings.mixed,
                self.server_version,
            )
            .map_err(|e| anyhow::Error::new(UserError::usage(e).hint("nothing was applied")))?;
            prepared.push((i, p));
        }
        if self.settings.group {
            if let Some((i, _)) = prepared.iter().find(|(_, p)| !p.transactional) {
                return Err(UserError::usage(format!(
                    "group = true needs every migration in one transaction, but {} cannot run in a transaction",
                    resolved.migrations[*i].script
                ))
                .hint("turn group off for this run (--group=false)")
                .into());
            }
        }
        Ok(Plan {
            setup,
            steps: prepared,
            current: summary.current.map(|v| v.as_str().to_string()),
            next_rank,
        })
    }

    /// Prints the SQL a plan would run (`--dry-run`).
    pub fn dry_run_sql(&self, resolved: &Resolved, plan: &Plan) -> String {
        let mut out = String::new();
        let lt = self.lock_timeout_sql(true);
        if !plan.setup.is_empty() {
            out.push_str("-- create the schema history table\nBEGIN;\n");
            for s in &plan.setup {
                out.push_str(s);
                out.push('\n');
            }
            out.push_str("COMMIT;\n\n");
        }
        if self.settings.group && !plan.steps.is_empty() {
            out.push_str("BEGIN;\n");
            out.push_str(&lt);
        }
        for (n, (i, p)) in plan.steps.iter().enumerate() {
            let rank = plan.next_rank + n as i32;
            let m = &resolved.migrations[*i];
            out.push_str(&format!(
                "-- {} ({}{})\n",
                m.script,
                m.version
                    .as_ref()
                    .map(|v| format!("version {v}, "))
                    .unwrap_or_default(),
                if p.transactional {
                    "in a transaction"
                } else {
                    "outside a transaction, statement by statement"
                }
            ));
            if p.transactional && !self.settings.group {
                out.push_str("BEGIN;\n");
                out.push_str(&lt);
            } else if !p.transactional {
                out.push_str(&self.lock_timeout_sql(false));
            }
            for cb in self.callbacks(resolved, "beforeEachMigrate") {
                out.push_str(&format!(
                    "-- callback {}\n{}\n",
                    cb.script,
                    cb.sql.trim_end()
                ));
            }
            for s in &p.statements {
                out.push_str(&statement_sql(&m.sql, s));
                out.push('\n');
            }
            for cb in self.callbacks(resolved, "afterEachMigrate") {
                out.push_str(&format!(
                    "-- callback {}\n{}\n",
                    cb.script,
                    cb.sql.trim_end()
                ));
            }
            out.push_str(&self.table.insert_literal(&self.row_for(m, rank, 0, true)));
            out.push('\n');
            if p.transactional && !self.settings.group {
                out.push_str("COMMIT;\n");
            }
            out.push('\n');
        }
        if self.settings.group && !plan.steps.is_empty() {
            out.push_str("COMMIT;\n");
        }
        out
    }

    fn lock_timeout_sql(&self, local: bool) -> String {
        let ms = self.settings.lock_timeout.as_millis();
        format!(
            "SET {}lock_timeout = '{ms}ms';\n",
            if local { "LOCAL " } else { "" }
        )
    }

    fn callbacks<'r>(&self, resolved: &'r Resolved, event: &'r str) -> Vec<&'r Callback> {
        resolved.callbacks_for(event).collect()
    }

    fn row_for(&self, m: &ResolvedMigration, rank: i32, ms: i32, success: bool) -> NewRow {
        NewRow {
            installed_rank: rank,
            version: m.version.as_ref().map(|v| v.as_str().to_string()),
            description: m.description.clone(),
            kind: m.kind.history_type().into(),
            script: m.script.clone(),
            checksum: Some(m.checksum),
            installed_by: self.installed_by.clone(),
            execution_time: ms,
            success,
        }
    }

    async fn set_search_path(&self) -> anyhow::Result<()> {
        self.client
            .execute(
                "SELECT set_config('search_path', CASE WHEN current_setting('search_path') = '' THEN quote_ident($1) ELSE quote_ident($1) || ', ' || current_setting('search_path') END, false)",
                &[&self.settings.default_schema],
            )
            .await?;
        Ok(())
    }

    /// Runs callbacks of an event outside any migration (autocommit).
    pub async fn run_callbacks(&self, resolved: &Resolved, event: &str) -> anyhow::Result<()> {
        for cb in resolved.callbacks_for(event) {
            self.printer.verbose(format!("callback {}", cb.script));
            self.client.batch_execute(&cb.sql).await.map_err(|e| {
                anyhow::Error::new(
                    UserError::runtime(format!("callback {} failed", cb.script)).source(e),
                )
            })?;
        }
        Ok(())
    }

    /// Applies a plan. `on_step` is told before each migration starts.
    pub async fn apply(&self, resolved: &Resolved, plan: &Plan) -> anyhow::Result<MigrateReport> {
        let started = Instant::now();
        let mut report = MigrateReport {
            schema_version_before: plan.current.clone(),
            ..Default::default()
        };
        self.set_search_path().await?;
        self.run_callbacks(resolved, "beforeMigrate").await?;
        let pb = if plan.steps.len() > 5 {
            Some(
                self.printer
                    .progress_bar(plan.steps.len() as u64, "{bar:30} {pos}/{len} {msg}"),
            )
        } else {
            None
        };
        let result = if self.settings.group {
            self.apply_group(resolved, plan, &mut report).await
        } else {
            let mut rank = plan.next_rank;
            let mut r = Ok(());
            for (i, p) in &plan.steps {
                let m = &resolved.migrations[*i];
                if let Some(pb) = &pb {
                    pb.set_message(m.script.clone());
                }
                if let Err(e) = self.preflight_check(m).await {
                    r = Err(e);
                    break;
                }
                let res = if p.transactional {
                    self.apply_transactional(resolved, m, p, rank).await
                } else {
                    self.apply_non_transactional(resolved, m, p, rank).await
                };
                match res {
                    Ok((ms, retries)) => {
                        let line = format!(
                            "{} {} ({ms} ms{})",
                            m.version
                                .as_ref()
                                .map(|v| format!("v{v}"))
                                .unwrap_or_else(|| "repeatable".into()),
                            m.script,
                            if retries > 0 {
                                format!(", {retries} retries")
                            } else {
                                String::new()
                            }
                        );
                        match &pb {
                            Some(pb) => {
                                pb.inc(1);
                                pb.suspend(|| self.printer.success(&line));
                            }
                            None => self.printer.success(&line),
                        }
                        report.applied.push(AppliedReport {
                            version: m.version.as_ref().map(|v| v.as_str().to_string()),
                            description: m.description.clone(),
                            script: m.script.clone(),
                            kind: m.kind.history_type().into(),
                            execution_time_ms: ms as i64,
                            retries,
                        });
                        rank += 1;
                    }
                    Err(e) => {
                        r = Err(e);
                        break;
                    }
                }
            }
            r
        };
        if let Some(pb) = pb {
            pb.finish_and_clear();
        }
        if let Err(e) = result {
            let _ = self.run_callbacks(resolved, "afterMigrateError").await;
            return Err(e);
        }
        self.run_callbacks(resolved, "afterMigrate").await?;
        if !report.applied.is_empty() {
            self.run_callbacks(resolved, "afterMigrateApplied").await?;
        }
        report.schema_version_after = report
            .applied
            .iter()
            .rev()
            .find_map(|a| a.version.clone())
            .or(report.schema_version_before.clone());
        report.total_time_ms = started.elapsed().as_millis() as i64;
        Ok(report)
    }

    /// Runs the pre-flight gate for one migration on the lock session (a
    /// connection other than the one that migrates), if enabled.
    async fn preflight_check(&self, m: &ResolvedMigration) -> anyhow::Result<()> {
        let Some(pf) = self.preflight else {
            return Ok(());
        };
        let client = self.lock.as_ref().unwrap_or(&self.client);
        let pg = crate::lint::PgVersion::from_num(self.server_version);
        // The same question the gate asks (long transactions matter to CONCURRENTLY),
        // asked once here so a wait is announced instead of silent.
        let concurrently = m.sql.to_ascii_lowercase().contains("concurrently");
        let opts = crate::lint::preflight::Options {
            long_transaction: concurrently.then(|| Duration::from_secs(60)),
        };
        let wanted = crate::lint::relations_locked(&m.sql, pg);
        if wanted.is_empty() {
            return Ok(());
        }
        let blockers = crate::lint::preflight::check(client, &wanted, &opts)
            .await
            .unwrap_or_default();
        if !blockers.is_empty() && pf.mode == crate::lint::deploy::PreflightMode::Wait {
            self.printer.status(format!(
                "{}: waiting up to {} for {} session(s) holding conflicting locks:",
                m.script,
                humantime::format_duration(pf.timeout),
                blockers.len()
            ));
            for b in &blockers {
                self.printer.status(format!("  {}", b.describe()));
            }
        }
        crate::lint::deploy::preflight_gate(client, &m.script, &m.sql, pg, pf.mode, pf.timeout)
            .await?;
        Ok(())
    }

    async fn apply_group(
        &self,
        resolved: &Resolved,
        plan: &Plan,
        report: &mut MigrateReport,
    ) -> anyhow::Result<()> {
        self.client
            .batch_execute(&format!("BEGIN;\n{}", self.lock_timeout_sql(true)))
            .await?;
        for (n, (i, p)) in plan.steps.iter().enumerate() {
            let rank = plan.next_rank + n as i32;
            let m = &resolved.migrations[*i];
            let t = Instant::now();
            let r = async {
                self.run_event_in_tx(resolved, "beforeEachMigrate").await?;
                self.execute_statements(m, p, true).await?;
                self.run_event_in_tx(resolved, "afterEachMigrate").await?;
                let ms = t.elapsed().as_millis() as i32;
                history::insert(&self.client, &self.table, &self.row_for(m, rank, ms, true))
                    .await?;
                anyhow::Ok(ms)
            }
            .await;
            match r {
                Ok(ms) => {
                    report.applied.push(AppliedReport {
                        version: m.version.as_ref().map(|v| v.as_str().to_string()),
                        description: m.description.clone(),
                        script: m.script.clone(),
                        kind: m.kind.history_type().into(),
                        execution_time_ms: ms as i64,
                        retries: 0,
                    });
                }
                Err(e) => {
                    let _ = self.client.batch_execute("ROLLBACK").await;
                    report.applied.clear();
                    return Err(with_hint(e, "the group ran in one transaction and was rolled back: nothing was applied; fix the file and rerun `dbtool migrate`"));
                }
            }
        }
        self.client.batch_execute("COMMIT").await?;
        Ok(())
    }

    async fn run_event_in_tx(&self, resolved: &Resolved, event: &str) -> anyhow::Result<()> {
        for cb in resolved.callbacks_for(event) {
            self.client.batch_execute(&cb.sql).await.map_err(|e| {
                anyhow::Error::new(
                    UserError::runtime(format!("callback {} failed", cb.script)).source(e),
                )
            })?;
        }
        Ok(())
    }

    /// One transactional migration with its history row, retried on lock timeout.
    async fn apply_transactional(
        &self,
        resolved: &Resolved,
        m: &ResolvedMigration,
        p: &Prepared,
        rank: i32,
    ) -> anyhow::Result<(i32, u32)> {
        let mut attempt = 0u32;
        loop {
            let t = Instant::now();
            let blockers: RefCell<Vec<Blocker>> = RefCell::new(Vec::new());
            let work = async {
                if p.statements
                    .iter()
                    .any(|s| matches!(s.kind, StatementKind::CopyFromStdin { .. }))
                {
                    self.client
                        .batch_execute(&format!("BEGIN;\n{}", self.lock_timeout_sql(true)))
                        .await?;
                    self.run_event_in_tx(resolved, "beforeEachMigrate").await?;
                    self.execute_statements(m, p, true).await?;
                    self.run_event_in_tx(resolved, "afterEachMigrate").await?;
                    let ms = t.elapsed().as_millis() as i32;
                    history::insert(&self.client, &self.table, &self.row_for(m, rank, ms, true))
                        .await?;
                    self.client.batch_execute("COMMIT").await?;
                    return anyhow::Ok(ms);
                }
                self.pipelined(resolved, m, p, rank).await?;
                anyhow::Ok(t.elapsed().as_millis() as i32)
            };
            let res = self.watch_blockers(work, &blockers).await;
            match res {
                Ok(ms) => return Ok((ms, attempt)),
                Err(e) => {
                    let _ = self.client.batch_execute("ROLLBACK").await;
                    let _ = self
                        .run_event_outside(resolved, "afterEachMigrateError")
                        .await;
                    let who = blockers.borrow().clone();
                    if is_lock_timeout(&e) {
                        let held = describe_blockers(&who);
                        if attempt < self.settings.lock_retries {
                            attempt += 1;
                            let wait = Duration::from_millis(500 * 2u64.pow(attempt.min(4) - 1))
                                .min(Duration::from_secs(5));
                            self.printer.warn(format!(
                                "{}: lock_timeout ({}) expired waiting for a lock{held}; retry {attempt} of {} in {}",
                                m.script,
                                humantime::format_duration(self.settings.lock_timeout),
                                self.settings.lock_retries,
                                humantime::format_duration(wait)
                            ));
                            tokio::time::sleep(wait).await;
                            continue;
                        }
                        return Err(UserError::runtime(format!(
                            "{}: gave up after {} retries: lock_timeout ({}) expired waiting for a lock{held}",
                            m.script,
                            self.settings.lock_retries,
                            humantime::format_duration(self.settings.lock_timeout)
                        ))
                        .source(e)
                        .hint("nothing was applied (the migration was rolled back). Let the blocking session finish (or end it with pg_terminate_backend(pid)), then rerun; lock_timeout and lock_retries are configurable")
                        .into());
                    }
                    return Err(with_hint(e, "nothing was applied: the migration ran in a transaction and was rolled back. Fix the file and rerun `dbtool migrate`"));
                }
            }
        }
    }

    /// One transactional migration in a single round trip: BEGIN, the
    /// callbacks, the statements, the history row (execution time measured by
    /// the server) and COMMIT are pipelined. After a failure the rest fail
    /// in the aborted transaction and COMMIT turns into a rollback.
    async fn pipelined(
        &self,
        resolved: &Resolved,
        m: &ResolvedMigration,
        p: &Prepared,
        rank: i32,
    ) -> anyhow::Result<()> {
        enum Part<'a> {
            Setup,
            Callback(&'a Callback),
            Stmt(&'a Statement),
            History,
            Commit,
        }
        let begin = format!("BEGIN;\n{}", self.lock_timeout_sql(true));
        let insert = self.table.insert_timed(&self.row_for(m, rank, 0, true));
        let mut parts: Vec<(Part, &str)> = vec![(Part::Setup, begin.as_str())];
        for cb in resolved.callbacks_for("beforeEachMigrate") {
            parts.push((Part::Callback(cb), cb.sql.as_str()));
        }
        for s in &p.statements {
            parts.push((Part::Stmt(s), s.text(&m.sql)));
        }
        for cb in resolved.callbacks_for("afterEachMigrate") {
            parts.push((Part::Callback(cb), cb.sql.as_str()));
        }
        parts.push((Part::History, insert.as_str()));
        parts.push((Part::Commit, "COMMIT"));
        let results = futures_util::future::join_all(
            parts.iter().map(|(_, sql)| self.client.batch_execute(sql)),
        )
        .await;
        for ((part, _), r) in parts.iter().zip(results) {
            let Err(e) = r else { continue };
            return Err(match part {
                Part::Stmt(s) => statement_error(m, s, e),
                Part::Callback(cb) => anyhow::Error::new(
                    UserError::runtime(format!("callback {} failed", cb.script)).source(e),
                ),
                Part::Setup | Part::History | Part::Commit => anyhow::Error::new(
                    UserError::runtime(format!(
                        "cannot record {} in {}",
                        m.script,
                        self.table.qualified()
                    ))
                    .source(e),
                ),
            });
        }
        Ok(())
    }

    /// Runs `work` while polling, from the lock session, which backends block
    /// the work session (for the lock timeout report).
    async fn watch_blockers<T>(
        &self,
        work: impl std::future::Future<Output = anyhow::Result<T>>,
        out: &RefCell<Vec<Blocker>>,
    ) -> anyhow::Result<T> {
        let Some(lock) = &self.lock else {
            return work.await;
        };
        if self.settings.lock_timeout.is_zero() {
            return work.await;
        }
        let interval = (self.settings.lock_timeout / 4)
            .clamp(Duration::from_millis(50), Duration::from_secs(1));
        let poll = async {
            loop {
                tokio::time::sleep(interval).await;
                if let Ok(b) = blockers_of(lock, self.backend_pid).await {
                    if !b.is_empty() {
                        *out.borrow_mut() = b;
                    }
                }
            }
        };
        tokio::pin!(work);
        tokio::select! {
            r = &mut work => r,
            _ = poll => unreachable!("the poll loop never ends"),
        }
    }

    async fn run_event_outside(&self, resolved: &Resolved, event: &str) -> anyhow::Result<()> {
        self.run_callbacks(resolved, event).await
    }

    /// A non-transactional migration: a `success = false` row first (so an
    /// interrupted run is visible), statements one by one, then the row marked
    /// successful.
    async fn apply_non_transactional(
        &self,
        resolved: &Resolved,
        m: &ResolvedMigration,
        p: &Prepared,
        rank: i32,
    ) -> anyhow::Result<(i32, u32)> {
        let t = Instant::now();
        history::insert(&self.client, &self.table, &self.row_for(m, rank, 0, false)).await?;
        self.client
            .batch_execute(&self.lock_timeout_sql(false))
            .await?;
        let res = async {
            self.run_callbacks(resolved, "beforeEachMigrate").await?;
            self.execute_statements(m, p, false).await?;
            self.run_callbacks(resolved, "afterEachMigrate").await?;
            anyhow::Ok(())
        }
        .await;
        let _ = self.client.batch_execute("RESET lock_timeout").await;
        let ms = t.elapsed().as_millis() as i32;
        match res {
            Ok(()) => {
                self.client
                    .execute(
                        &format!(
                            "UPDATE {} SET success = true, execution_time = $2, installed_on = now() WHERE installed_rank = $1",
                            self.table.qualified()
                        ),
                        &[&rank, &ms],
                    )
                    .await?;
                Ok((ms, 0))
            }
            Err(e) => {
                let _ = self
                    .client
                    .execute(
                        &format!(
                            "UPDATE {} SET execution_time = $2 WHERE installed_rank = $1",
                            self.table.qualified()
                        ),
                        &[&rank, &ms],
                    )
                    .await;
                let _ = self.run_callbacks(resolved, "afterEachMigrateError").await;
                Err(with_hint(e, "this migration runs outside a transaction: the statements before the failing one were applied and a failed row (success = false) was recorded. Undo or finish them by hand, run `dbtool migrate repair`, then rerun `dbtool migrate`"))
            }
        }
    }

    /// Executes the statements of a migration; in a transaction they are
    /// pipelined (sent together), outside one, sent one at a time.
    async fn execute_statements(
        &self,
        m: &ResolvedMigration,
        p: &Prepared,
        in_tx: bool,
    ) -> anyhow::Result<()> {
        let has_copy = p
            .statements
            .iter()
            .any(|s| matches!(s.kind, StatementKind::CopyFromStdin { .. }));
        if in_tx && !has_copy && p.statements.len() > 1 {
            let futures = p
                .statements
                .iter()
                .map(|s| self.client.batch_execute(s.text(&m.sql)));
            let results = futures_util::future::join_all(futures).await;
            for (s, r) in p.statements.iter().zip(results) {
                if let Err(e) = r {
                    return Err(statement_error(m, s, e));
                }
            }
            return Ok(());
        }
        for s in &p.statements {
            match &s.kind {
                StatementKind::CopyFromStdin { data } => {
                    let r = async {
                        let sink = self
                            .client
                            .copy_in::<_, std::io::Cursor<Vec<u8>>>(s.text(&m.sql))
                            .await?;
                        futures_util::pin_mut!(sink);
                        sink.send(std::io::Cursor::new(
                            m.sql[data.clone()].as_bytes().to_vec(),
                        ))
                        .await?;
                        sink.finish().await?;
                        Ok::<_, tokio_postgres::Error>(())
                    }
                    .await;
                    r.map_err(|e| statement_error(m, s, e))?;
                }
                _ => {
                    self.client
                        .batch_execute(s.text(&m.sql))
                        .await
                        .map_err(|e| statement_error(m, s, e))?;
                }
            }
        }
        Ok(())
    }

    /// `baseline`: creates the history table and a BASELINE row.
    pub async fn baseline(&self) -> anyhow::Result<String> {
        let applied = self.applied().await?;
        let real: Vec<&AppliedMigration> = applied.iter().filter(|a| a.kind != "SCHEMA").collect();
        if let Some(b) = real.iter().find(|a| a.kind == "BASELINE") {
            if b.version.as_ref() == Some(&self.settings.baseline_version) {
                return Ok(format!(
                    "already baselined at version {}",
                    self.settings.baseline_version
                ));
            }
            return Err(UserError::runtime(format!(
                "the history is already baselined at version {}",
                b.version_text.clone().unwrap_or_default()
            ))
            .hint("baseline once per database; use `dbtool migrate info` to see the history")
            .into());
        }
        if !real.is_empty() {
            return Err(UserError::runtime(format!(
                "the history table {} already holds migrations; baseline refused",
                self.table.qualified()
            ))
            .hint(
                "baseline is for databases that were never migrated; run `dbtool migrate` instead",
            )
            .into());
        }
        let setup = self.setup_sql(false).await?;
        self.run_setup(&setup).await?;
        let rank = history::next_rank(&self.client, &self.table).await?;
        history::insert(&self.client, &self.table, &self.baseline_row(rank)).await?;
        Ok(format!(
            "baselined {} at version {} ({})",
            self.table.qualified(),
            self.settings.baseline_version,
            self.settings.baseline_description
        ))
    }

    /// `repair`: removes failed rows, realigns checksums, descriptions and
    /// types with the files, and marks missing migrations deleted (DELETE rows).
    pub async fn repair(&mut self, resolved: &Resolved) -> anyhow::Result<Vec<String>> {
        let applied = self.applied().await?;
        let (entries, _) = state::info(resolved, &applied, &self.info_options());
        let mut done = Vec::new();
        let tx = self.client.transaction().await?;
        let q = self.table.qualified();
        let n = tx
            .execute(&format!("DELETE FROM {q} WHERE NOT success"), &[])
            .await?;
        if n > 0 {
            done.push(format!("removed {n} failed migration row(s)"));
        }
        let mut rank = applied.iter().map(|a| a.installed_rank).max().unwrap_or(0) + 1;
        for e in &entries {
            let Some(ai) = e.applied else { continue };
            let a = &applied[ai];
            if !a.success {
                continue;
            }
            match e.state {
                State::Success | State::OutOfOrder | State::Outdated | State::Superseded
                    if a.kind == "SQL" || a.kind.ends_with("_BASELINE") =>
                {
                    // Repeatables re-run on checksum change: leave them alone.
                    if a.version.is_none() {
                        continue;
                    }
                    let Some(ri) = e.resolved else { continue };
                    let r = &resolved.migrations[ri];
                    if a.checksum != Some(r.checksum)
                        || a.description != r.description
                        || a.kind != r.kind.history_type()
                    {
                        tx.execute(
                            &format!("UPDATE {q} SET checksum = $2, description = $3, type = $4 WHERE installed_rank = $1"),
                            &[&a.installed_rank, &r.checksum, &history::abbreviate(&r.description, 200), &r.kind.history_type()],
                        )
                        .await?;
                        done.push(format!(
                            "realigned checksum/description of {} ({})",
                            e.version.clone().unwrap_or_default(),
                            r.script
                        ));
                    }
                }
                State::Missing => {
                    let row = NewRow {
                        installed_rank: rank,
                        version: a.version_text.clone(),
                        description: a.description.clone(),
                        kind: "DELETE".into(),
                        script: a.script.clone(),
                        checksum: a.checksum,
                        installed_by: self.installed_by.clone(),
                        execution_time: 0,
                        success: true,
                    };
                    history::insert(&tx, &self.table, &row).await?;
                    rank += 1;
                    done.push(format!(
                        "marked missing migration {} ({}) as deleted",
                        e.version.clone().unwrap_or_else(|| e.description.clone()),
                        a.script
                    ));
                }
                _ => {}
            }
        }
        tx.commit().await?;
        Ok(done)
    }

    /// `clean`: drops every object in the schemas (schemas dbtool/Flyway
    /// created, per the SCHEMA row, are dropped entirely).
    pub async fn clean(&self) -> anyhow::Result<Vec<String>> {
        let applied = self.applied().await.unwrap_or_default();
        let created: Vec<String> = applied
            .iter()
            .filter(|a| a.kind == "SCHEMA")
            .flat_map(|a| {
                a.script
                    .split(',')
                    .map(|s| s.trim().trim_matches('"').replace("\"\"", "\""))
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut done = Vec::new();
        for schema in &self.settings.schemas {
            if created.contains(schema) {
                self.client
                    .batch_execute(&format!(
                        "DROP SCHEMA IF EXISTS {} CASCADE",
                        quote_ident(schema)
                    ))
                    .await?;
                done.push(format!("dropped schema {}", quote_ident(schema)));
                continue;
            }
            let rows = self
                .client
                .query(
                    "SELECT format('DROP EXTENSION IF EXISTS %I CASCADE', e.extname) FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE n.nspname = $1
                     UNION ALL
                     SELECT format('DROP %s IF EXISTS %I.%I CASCADE', CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, n.nspname, c.relname)
                       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND NOT c.relispartition
                        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('e', 'a', 'i'))
                     UNION ALL
                     SELECT format('DROP %s IF EXISTS %I.%I(%s) CASCADE', CASE p.prokind WHEN 'a' THEN 'AGGREGATE' ELSE 'ROUTINE' END, n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))
                       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                      WHERE n.nspname = $1 AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
                     UNION ALL
                     SELECT format('DROP %s IF EXISTS %I.%I CASCADE', CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, n.nspname, t.typname)
                       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                      WHERE n.nspname = $1 AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
                        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e')",
                    &[schema],
                )
                .await?;
            let mut n = 0;
            for r in rows {
                let stmt: String = r.get(0);
                self.client.batch_execute(&stmt).await.map_err(|e| {
                    anyhow::Error::new(
                        UserError::runtime(format!("clean failed on `{stmt}`")).source(e),
                    )
                })?;
                n += 1;
            }
            done.push(format!(
                "dropped {n} object(s) in schema {}",
                quote_ident(schema)
            ));
        }
        Ok(done)
    }

    /// `undo`: reverts the latest applied versioned migrations with their `U`
    /// files (each in a transaction unless it cannot), writing UNDO_SQL rows.
    pub async fn undo(
        &self,
        resolved: &Resolved,
        targets: &[(AppliedMigration, ResolvedMigration)],
    ) -> anyhow::Result<Vec<AppliedReport>> {
        self.set_search_path().await?;
        let mut out = Vec::new();
        for (a, u) in targets {
            let p = prepare(
                &u.script,
                &u.sql,
                u.config.execute_in_transaction,
                self.settings.mixed,
                self.server_version,
            )
            .map_err(|e| anyhow::Error::new(UserError::usage(e)))?;
            let rank = history::next_rank(&self.client, &self.table).await?;
            let r = if p.transactional {
                self.apply_transactional(resolved, u, &p, rank).await
            } else {
                self.apply_non_transactional(resolved, u, &p, rank).await
            };
            let (ms, retries) = r?;
            self.printer.success(format!(
                "undid v{} with {} ({ms} ms)",
                a.version_text.clone().unwrap_or_default(),
                u.script
            ));
            out.push(AppliedReport {
                version: a.version_text.clone(),
                description: u.description.clone(),
                script: u.script.clone(),
                kind: "UNDO_SQL".into(),
                execution_time_ms: ms as i64,
                retries,
            });
        }
        Ok(out)
    }
}

/// A migrate plan: setup SQL, the migrations to apply (index into
/// `Resolved::migrations`, prepared), the current version and next rank.
#[derive(Debug, Clone)]
pub struct Plan {
    pub setup: Vec<String>,
    pub steps: Vec<(usize, Prepared)>,
    pub current: Option<String>,
    pub next_rank: i32,
}

/// Which applied migrations `undo` reverts, newest first: `count` of them, or
/// every one above `to`. Each needs its `U` file. Pure.
pub fn plan_undo(
    resolved: &Resolved,
    applied: &[AppliedMigration],
    entries: &[InfoEntry],
    count: usize,
    to: Option<&super::version::Version>,
) -> Result<Vec<(AppliedMigration, ResolvedMigration)>, String> {
    let mut live: Vec<&AppliedMigration> = entries
        .iter()
        .filter(|e| {
            matches!(e.state, State::Success | State::OutOfOrder) && e.category == "Versioned"
        })
        .filter_map(|e| e.applied.map(|i| &applied[i]))
        .filter(|a| a.kind == "SQL")
        .collect();
    live.sort_by_key(|a| std::cmp::Reverse(a.installed_rank));
    let chosen: Vec<&AppliedMigration> = match to {
        Some(t) => live
            .into_iter()
            .filter(|a| a.version.as_ref().is_some_and(|v| v > t))
            .collect(),
        None => live.into_iter().take(count).collect(),
    };
    if chosen.is_empty() {
        return Err("nothing to undo: no applied versioned migration (above the target)".into());
    }
    chosen
        .into_iter()
        .map(|a| {
            let v = a.version.as_ref().expect("versioned");
            match resolved.undo_for(v) {
                Some(u) => Ok((a.clone(), u.clone())),
                None => Err(format!(
                    "no undo file for version {v} ({}): add U{v}__<description>.sql",
                    a.script
                )),
            }
        })
        .collect()
}

fn statement_sql(script: &str, s: &Statement) -> String {
    match &s.kind {
        StatementKind::CopyFromStdin { data } => {
            format!("{};\n{}\\.", s.text(script), &script[data.clone()])
        }
        _ => format!("{};", s.text(script)),
    }
}

fn is_lock_timeout(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<tokio_postgres::Error>()
            .and_then(|p| p.code())
            == Some(&SqlState::LOCK_NOT_AVAILABLE)
    })
}

fn describe_blockers(b: &[Blocker]) -> String {
    if b.is_empty() {
        String::new()
    } else {
        format!(
            "; blocked by {}",
            b.iter()
                .map(|b| b.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        )
    }
}

/// Adds a hint to an error unless it has one.
fn with_hint(e: anyhow::Error, hint: &str) -> anyhow::Error {
    match e.downcast::<UserError>() {
        Ok(mut u) => {
            if u.hint.is_none() {
                u.hint = Some(hint.to_string());
            }
            anyhow::Error::new(u)
        }
        Err(e) => anyhow::Error::new(
            UserError::runtime(first_line(&e.to_string()))
                .source(e)
                .hint(hint),
        ),
    }
}

/// An error naming the file, the statement and the position the server gave.
fn statement_error(
    m: &ResolvedMigration,
    s: &Statement,
    e: tokio_postgres::Error,
) -> anyhow::Error {
    let text = s.text(&m.sql);
    let (line, col) = match e.as_db_error().and_then(|d| d.position()) {
        Some(ErrorPosition::Original(p)) => {
            let off = s.range.start + sql::char_position_to_offset(text, *p as usize);
            sql::line_col(&m.sql, off)
        }
        _ => (s.line, s.column),
    };
    let msg = e
        .as_db_error()
        .map(|d| d.message().to_string())
        .unwrap_or_else(|| e.to_string());
    anyhow::Error::new(
        UserError::runtime(format!(
            "migration {} failed at line {line}, column {col}: {msg}\n  statement at line {}: {}",
            m.script,
            s.line,
            first_line(text)
        ))
        .source(e),
    )
}

fn validation_error(errors: &[state::ValidationError]) -> anyhow::Error {
    let list: Vec<String> = errors
        .iter()
        .map(|e| format!("  - {}", e.message))
        .collect();
    let hint = errors.first().map(|e| e.hint.clone()).unwrap_or_default();
    UserError::runtime(format!(
        "validation failed ({} problem(s)):\n{}",
        errors.len(),
        list.join("\n")
    ))
    .hint(hint)
    .into()
}

/// The validation error shown by `validate` and `migrate`.
pub fn validation_failed(errors: &[state::ValidationError]) -> anyhow::Error {
    validation_error(errors)
}

/// The sessions holding the migration lock of this database (advisory locks
/// are per database: the same key in another database is another lock).
async fn lock_holders(client: &Client, key: i64) -> anyhow::Result<Vec<Blocker>> {
    let rows = client
        .query(
            "SELECT a.pid, coalesce(a.application_name, ''), coalesce(a.usename::text, ''), coalesce(a.state, ''), coalesce(a.query_start::text, ''), coalesce(a.query, '')
               FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
              WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = ($1::bigint >> 32) AND l.objid::bigint = ($1::bigint & 4294967295)
                AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            &[&key],
        )
        .await?;
    Ok(rows.iter().map(blocker_of).collect())
}

async fn blockers_of(client: &Client, pid: i32) -> anyhow::Result<Vec<Blocker>> {
    let rows = client
        .query(
            "SELECT a.pid, coalesce(a.application_name, ''), coalesce(a.usename::text, ''), coalesce(a.state, ''), coalesce(a.query_start::text, ''), coalesce(a.query, '')
               FROM pg_stat_activity a WHERE a.pid = ANY (pg_blocking_pids($1))",
            &[&pid],
        )
        .await?;
    Ok(rows.iter().map(blocker_of).collect())
}

fn blocker_of(r: &tokio_postgres::Row) -> Blocker {
    Blocker {
        pid: r.get(0),
        application: r.get(1),
        user: r.get(2),
        state: r.get(3),
        query_start: r.get(4),
        query: r.get(5),
    }
}

/// Resolves the files for a run, as a usage error naming the file.
pub fn load_files(
    settings: &Settings,
    placeholders: &super::placeholders::Placeholders,
) -> anyhow::Result<Resolved> {
    let p = settings.placeholder_replacement.then_some(placeholders);
    super::resolve::resolve(&settings.locations, p).map_err(|e| {
        UserError::usage(e)
            .hint("nothing was run; fix the file or the configuration and rerun")
            .into()
    })
}

/// Whether `kind` is one `migrate` applies.
pub fn is_migration(kind: Kind) -> bool {
    kind != Kind::Undo
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prepare_decides_transactions() {
        let p = prepare(
            "V1__a.sql",
            "create table a (x int);\ncreate index i on a (x);",
            None,
            false,
            150000,
        )
        .unwrap();
        assert!(p.transactional);
        assert_eq!(p.statements.len(), 2);
        let p = prepare(
            "V1__a.sql",
            "create index concurrently i on a (x);\nvacuum a;",
            None,
            false,
            150000,
        )
        .unwrap();
        assert!(!p.transactional);
        let err = prepare(
            "V1__a.sql",
            "create table a (x int);\ncreate index concurrently i on a (x);",
            None,
            false,
            150000,
        )
        .unwrap_err();
        assert!(
            err.starts_with(
                "V1__a.sql:2:1: `create index concurrently i on a (x)` cannot run in a transaction"
            ),
            "{err}"
        );
        let p = prepare(
            "V1__a.sql",
            "create table a (x int);\ncreate index concurrently i on a (x);",
            None,
            true,
            150000,
        )
        .unwrap();
        assert!(!p.transactional);
        let p = prepare("V1__a.sql", "select 1;", Some(false), false, 150000).unwrap();
        assert!(!p.transactional);
        let err = prepare(
            "V1__a.sql",
            "select 1;\n\\connect other\n",
            None,
            false,
            150000,
        )
        .unwrap_err();
        assert!(
            err.contains("V1__a.sql:2:1: psql meta-command `\\connect other`"),
            "{err}"
        );
    }
}
