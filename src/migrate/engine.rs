//! The migration engine on PostgreSQL: the advisory lock on its own session
//! (watched: every history write is conditional on still holding it),
//! schema and history-table creation, applying migrations (one transaction
//! each, sent so that the server stops at the first failing statement, or
//! statement by statement for non-transactional ones) with lock_timeout and
//! retries, INVALID-index checks, callbacks, baseline, repair, clean and
//! undo. Everything it shows of a script or a server error is redacted of
//! secret placeholder values. Touches PostgreSQL (two sessions: the work
//! session and the lock session).

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use serde::Serialize;
use tokio_postgres::error::{ErrorPosition, SqlState};
use tokio_postgres::{Client, SimpleQueryMessage};

use crate::error::UserError;
use crate::pg::ConnInfo;
use crate::printer::Printer;

use super::history::{
    self, quote_ident, AppliedMigration, HistoryTable, LockGuard, NewRow, MIGRATION_START_SQL,
    SCHEMA_DESCRIPTION,
};
use super::indexes;
use super::naming::Kind;
use super::placeholders::{Redactor, SqlText};
use super::resolve::{Callback, Resolved, ResolvedMigration};
use super::settings::Settings;
use super::sql::{self, Statement, StatementKind};
use super::state::{self, HistorySummary, InfoEntry, InfoOptions, State};

/// A migration split and checked, ready to run.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The statements to run (a file's own leading BEGIN and trailing COMMIT
    /// are not among them: the migration's transaction replaces them).
    pub statements: Vec<Statement>,
    pub transactional: bool,
    /// The file's own `BEGIN …` when it carries transaction modes
    /// (`BEGIN ISOLATION LEVEL SERIALIZABLE`): the migration's transaction
    /// starts with it instead of a plain BEGIN.
    pub begin: Option<String>,
}

/// Splits a script and decides how it runs: in a transaction unless a
/// statement cannot (or `executeInTransaction=false`). Mixing both kinds is an
/// error unless `mixed`. psql meta-commands are refused. In a transactional
/// migration, a leading BEGIN with a trailing COMMIT (as whole-file wrappers
/// are written for Flyway) becomes the migration's transaction; any other
/// transaction control is refused, naming the line and the fix. Error texts
/// show the redacted script.
pub fn prepare(
    m_script: &str,
    sql: &SqlText,
    force: Option<bool>,
    mixed: bool,
    server_version: i32,
) -> Result<Prepared, String> {
    let sql_text = sql.expose();
    let mut statements = sql::split(sql_text).map_err(|e| {
        let (line, column) = file_position(sql, e.line, e.column);
        format!("{m_script}:{line}:{column}: {}", e.message)
    })?;
    if let Some(meta) = statements
        .iter()
        .find(|s| s.kind == StatementKind::MetaCommand)
    {
        let (line, column) = sql.line_col(meta.range.start);
        return Err(format!(
            "{m_script}:{line}:{column}: psql meta-command `{}` cannot run in a migration (neither Flyway nor dbtool runs psql commands)",
            sql.shown(meta.range.clone())
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
                let (line, column) = sql.line_col(first.range.start);
                return Err(format!(
                    "{m_script}:{line}:{column}: `{}` cannot run in a transaction, but the file also holds statements that can; split the file, or set mixed = true to run all of it outside a transaction",
                    first_line(&sql.shown(first.range.clone()))
                ));
            }
            non_tx.is_empty()
        }
    };
    let mut begin = None;
    if transactional {
        let refs: Vec<&Statement> = statements.iter().collect();
        if sql::is_transaction_wrapper(&refs) {
            statements.pop();
            let b = statements.remove(0);
            if has_transaction_modes(&b) {
                begin = Some(b.text(sql_text).to_string());
            }
        } else if let Some(s) = misplaced_transaction_control(&statements) {
            return Err(transaction_control_error(m_script, sql, s));
        }
    }
    Ok(Prepared {
        statements,
        transactional,
        begin,
    })
}

/// The position in the file as written of a split error (line/column of
/// the replaced text).
fn file_position(sql: &SqlText, line: usize, column: usize) -> (usize, usize) {
    let text = sql.expose();
    let mut off = 0usize;
    for (n, l) in text.split_inclusive('\n').enumerate() {
        if n + 1 == line {
            off += l
                .char_indices()
                .nth(column.saturating_sub(1))
                .map(|(i, _)| i)
                .unwrap_or(l.len());
            return sql.line_col(off);
        }
        off += l.len();
    }
    (line, column)
}

/// The transaction control to name when a file is not a clean wrapper: the
/// first one other than a leading BEGIN or a trailing COMMIT (which would be
/// fine), else that unpaired BEGIN or COMMIT.
fn misplaced_transaction_control(statements: &[Statement]) -> Option<&Statement> {
    let last = statements.len().saturating_sub(1);
    let ctl: Vec<(usize, &Statement)> = statements
        .iter()
        .enumerate()
        .filter(|(_, s)| s.transaction_control().is_some())
        .collect();
    let allowed = |i: usize, s: &Statement| {
        (i == 0 && s.transaction_control() == Some(sql::TxControl::Begin))
            || (i == last && i > 0 && s.transaction_control() == Some(sql::TxControl::Commit))
    };
    ctl.iter()
        .find(|(i, s)| !allowed(*i, s))
        .or_else(|| ctl.first())
        .map(|(_, s)| *s)
}

/// Whether a BEGIN / START TRANSACTION carries modes (isolation level,
/// read only, deferrable).
fn has_transaction_modes(s: &Statement) -> bool {
    let w: Vec<&str> = s.words.iter().map(String::as_str).collect();
    let base = match w.as_slice() {
        ["begin", "work" | "transaction", ..] => 2,
        ["begin", ..] => 1,
        _ => 2, // start transaction
    };
    w.len() > base
}

fn transaction_control_error(script: &str, sql: &SqlText, s: &Statement) -> String {
    let (line, column) = sql.line_col(s.range.start);
    format!(
        "{script}:{line}:{column}: `{}` is transaction control inside a migration dbtool runs as one transaction with its history row (the statements after it would run outside that transaction); only a BEGIN as the first statement with a COMMIT as the last is accepted, and then makes that transaction. Fix: split the file at line {line}, or set executeInTransaction=false in {script}.conf to run it statement by statement with its own transaction control",
        first_line(&sql.shown(s.range.clone()))
    )
}

/// The statements of a callback that runs inside a migration's
/// transaction (`beforeEachMigrate`, `afterEachMigrate`): no psql
/// meta-commands, no transaction control (a BEGIN … COMMIT wrapper is
/// dropped; with transaction modes it is refused).
fn callback_in_transaction(cb: &Callback, server_version: i32) -> Result<Vec<Statement>, String> {
    let sql = cb.runnable()?;
    let p = prepare(&cb.script, sql, Some(true), false, server_version)?;
    if p.begin.is_some() {
        return Err(format!(
            "{}: a callback run inside each migration's transaction cannot set transaction modes (its BEGIN …); remove its BEGIN and COMMIT",
            cb.script
        ));
    }
    Ok(p.statements)
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

/// The lock session: a connection of its own holding the advisory lock.
struct LockSession {
    client: Client,
    pid: i32,
}

/// A PostgreSQL error from running migration SQL, as shown: message,
/// detail and hint with every secret placeholder value redacted. It stands
/// in for the driver's error (whose text would quote values in clear); the
/// SQLSTATE is kept.
#[derive(Debug)]
pub struct ServerError {
    pub code: Option<SqlState>,
    text: String,
}

impl ServerError {
    pub fn new(e: &tokio_postgres::Error, redactor: &Redactor) -> ServerError {
        let text = match e.as_db_error() {
            Some(d) => {
                let mut t = format!("{}: {}", d.severity(), d.message());
                if let Some(detail) = d.detail() {
                    t.push_str(&format!("\nDETAIL: {detail}"));
                }
                if let Some(hint) = d.hint() {
                    t.push_str(&format!("\nHINT: {hint}"));
                }
                t
            }
            None => e.to_string(),
        };
        ServerError {
            code: e.code().cloned(),
            text: redactor.redact(&text),
        }
    }
}

impl std::fmt::Display for ServerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::error::Error for ServerError {}

/// Where one piece of SQL sent to the server comes from, for errors.
#[derive(Clone, Copy)]
enum Origin<'a> {
    /// dbtool's own SQL (BEGIN, SET LOCAL, the start marker, COMMIT).
    Setup,
    /// The check that the lock is still held, before the migration runs.
    LockCheck,
    Callback(&'a Callback, &'a Statement),
    Stmt(&'a ResolvedMigration, &'a Statement),
    /// The history row of this migration.
    History(&'a ResolvedMigration),
    /// The COMMIT that ends the migration's request.
    Commit(&'a ResolvedMigration),
}

/// One statement to send: its text (the replaced SQL) and, for `COPY …
/// FROM stdin`, the data.
struct Piece<'a> {
    origin: Origin<'a>,
    sql: Cow<'a, str>,
    copy: Option<&'a str>,
}

/// What the server answered for one piece.
#[derive(Debug, Clone, Default)]
struct PieceOut {
    /// Whether the server's answers could be matched to the pieces.
    known: bool,
    rows: u64,
    /// The first column of the first row, when it returned rows.
    value: Option<String>,
}

/// Why [`Engine::run_pieces`] stopped.
enum RunError {
    /// The piece at `index` failed; `offset` is the server's error
    /// position as a byte offset in the piece's text.
    Statement {
        index: usize,
        offset: Option<usize>,
        error: tokio_postgres::Error,
    },
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
    /// Hides secret placeholder values in server messages.
    pub redactor: Redactor,
    printer: Printer,
    lock: Option<LockSession>,
    /// Migrations already split and checked in this run, by script and
    /// checksum: the plan made before confirming and the one made under
    /// the lock split each file once.
    prepared: std::sync::Mutex<HashMap<(String, i32), Prepared>>,
}

/// `--preflight` settings: before each migration, look for sessions holding
/// locks on the relations it will lock (lint's lock model) and wait or refuse.
#[derive(Debug, Clone)]
pub struct Preflight {
    pub mode: crate::lint::deploy::PreflightMode,
    pub timeout: std::time::Duration,
    /// Per migration (index in the resolved set): the relations it locks,
    /// from the deploy-time lint's parse; `None`: parse it here.
    pub locked: Vec<Option<Vec<crate::lint::RelationLock>>>,
}

fn pg_err(e: anyhow::Error, what: &str) -> anyhow::Error {
    anyhow::Error::new(UserError::runtime(what.to_string()).source(e))
}

/// The settings that keep a dbtool session out of the server's idle
/// timeouts (a database default of `idle_session_timeout` would end the
/// lock session while the other one migrates). PostgreSQL before 14 has no
/// `idle_session_timeout`.
pub fn session_keepalive_sql(server_version: i32) -> &'static str {
    if server_version >= 140000 {
        "SET idle_session_timeout = 0; SET idle_in_transaction_session_timeout = 0"
    } else {
        "SET idle_in_transaction_session_timeout = 0"
    }
}

/// Callback events `migrate` runs; their placeholders must all have values
/// before anything runs.
const MIGRATE_EVENTS: &[&str] = &[
    "beforeMigrate",
    "beforeEachMigrate",
    "afterEachMigrate",
    "afterEachMigrateError",
    "afterMigrate",
    "afterMigrateApplied",
    "afterMigrateError",
];

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
        // While it waits for the lock, the work session is idle too.
        let _ = client
            .batch_execute(session_keepalive_sql(server_version))
            .await;
        let table = HistoryTable {
            schema: settings.schemas[0].clone(),
            table: settings.table.clone(),
        };
        let redactor = Redactor::new(
            settings
                .placeholders
                .iter()
                .filter(|(_, v)| v.secret)
                .map(|(k, v)| (k.clone(), v.value.clone())),
        );
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
            redactor,
            prepared: Default::default(),
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

    /// The session holding the migration lock now, if any (for `info` and
    /// `validate`, whose view of a running migration is a moment of it).
    pub async fn lock_holder(&self) -> Option<Blocker> {
        lock_holders(&self.client, self.table.lock_key())
            .await
            .ok()
            .and_then(|h| h.into_iter().next())
    }

    /// Takes Flyway's advisory lock on a separate session, waiting up to
    /// `lock_wait` with a message naming the holder. The lock session is kept
    /// out of the server's idle timeouts.
    pub async fn acquire_lock(&mut self) -> anyhow::Result<()> {
        if self.lock.is_some() {
            return Ok(());
        }
        let mut lock_conn = self.conn.clone();
        lock_conn.application_name = Some("dbtool migrate (lock)".into());
        let lock = lock_conn.connect().await?;
        lock.batch_execute(session_keepalive_sql(self.server_version))
            .await
            .map_err(|e| {
                anyhow::Error::new(
                    UserError::runtime("cannot set up the migration lock session")
                        .source(ServerError::new(&e, &self.redactor)),
                )
            })?;
        let key = self.table.lock_key();
        let started = Instant::now();
        let mut told = false;
        loop {
            let row = lock
                .query_one("SELECT pg_try_advisory_lock($1), pg_backend_pid()", &[&key])
                .await?;
            let got: bool = row.get(0);
            if got {
                if told {
                    self.printer.status(format!(
                        "Got the migration lock after {:.1}s",
                        started.elapsed().as_secs_f64()
                    ));
                }
                self.lock = Some(LockSession {
                    client: lock,
                    pid: row.get(1),
                });
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
                .client
                .query_one("SELECT pg_advisory_unlock($1)", &[&self.table.lock_key()])
                .await;
        }
    }

    /// The condition history writes carry: the lock session still holds
    /// the lock. An error when no lock is held (a history write without the
    /// lock is a bug, never done).
    fn guard(&self) -> anyhow::Result<LockGuard> {
        match &self.lock {
            Some(l) => Ok(LockGuard {
                pid: l.pid,
                key: self.table.lock_key(),
            }),
            None => Err(UserError::runtime(format!(
                "internal error: a write to {} without the migration lock was refused",
                self.table.qualified()
            ))
            .into()),
        }
    }

    /// "lost the migration lock", with what it means and what to check.
    fn lost_lock(&self, when: &str, consequence: &str) -> anyhow::Error {
        let pid = self
            .lock
            .as_ref()
            .map(|l| format!(", session pid {}", l.pid))
            .unwrap_or_default();
        UserError::runtime(format!(
            "lost the migration lock (advisory lock {} on {}{pid}) {when}",
            self.table.lock_key(),
            self.table.qualified()
        ))
        .hint(format!(
            "{consequence}. Another runner may have started meanwhile. Check what ended the lock session (application `dbtool migrate (lock)`): pg_terminate_backend, idle_session_timeout or a proxy/network timeout (RDS Proxy, PgBouncer, a load balancer), a failover; then look at `dbtool migrate info` before rerunning"
        ))
        .into()
    }

    /// Checks, on the lock session, that it is alive and still holds the
    /// lock (granted in `pg_locks` for this database's key).
    pub async fn ensure_lock(&self, when: &str, consequence: &str) -> anyhow::Result<()> {
        let guard = self.guard()?;
        let lock = self.lock.as_ref().expect("guard checked the lock");
        if lock.client.is_closed() {
            return Err(self.lost_lock(when, consequence));
        }
        let held = lock
            .client
            .query_one(&format!("SELECT {}", guard.held_sql()), &[])
            .await
            .map(|r| r.get::<_, bool>(0))
            .unwrap_or(false);
        if held {
            Ok(())
        } else {
            Err(self.lost_lock(when, consequence))
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

    /// Creates the schemas and the history table in one transaction,
    /// committed only while the lock is held.
    async fn run_setup(&self, sqls: &[String]) -> anyhow::Result<()> {
        if sqls.is_empty() {
            return Ok(());
        }
        let r = async {
            self.client
                .batch_execute(&format!("BEGIN;\n{}", sqls.join("\n")))
                .await
                .map_err(|e| {
                    anyhow::Error::new(
                        UserError::runtime(format!(
                            "cannot create the history table {}",
                            self.table.qualified()
                        ))
                        .source(ServerError::new(&e, &self.redactor))
                        .hint(
                            "the user needs CREATE on the database (for schemas) and on the schema",
                        ),
                    )
                })?;
            self.ensure_lock("before creating the history table", "nothing was created")
                .await?;
            self.client.batch_execute("COMMIT").await?;
            anyhow::Ok(())
        }
        .await;
        if r.is_err() {
            let _ = self.client.batch_execute("ROLLBACK").await;
        }
        r
    }

    /// Everything `migrate` needs before applying: validation and the plan,
    /// then (unless `dry_run`) the history table. Every check that can
    /// refuse (failed rows, validation, a file that cannot run, a missing
    /// placeholder value) comes before anything is created. Call with the
    /// lock held.
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
        let mut applied = if exists {
            self.applied().await?
        } else {
            Vec::new()
        };
        if baseline {
            let row = self.baseline_row(1);
            applied.push(AppliedMigration {
                installed_rank: row.installed_rank,
                version: Some(self.settings.baseline_version.clone()),
                version_text: row.version.clone(),
                description: row.description.clone(),
                kind: row.kind.clone(),
                script: row.script.clone(),
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
        // Whether a repeatable changed needs its placeholder values.
        if let Some(m) = resolved
            .migrations
            .iter()
            .find(|m| m.kind == Kind::Repeatable && !m.checksum_known)
        {
            return Err(UserError::usage(format!(
                "{} (migrate needs it to tell whether the repeatable migration changed)",
                m.placeholder_error.clone().unwrap_or_default()
            ))
            .hint("nothing was applied")
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
        let refuse =
            |e: String| anyhow::Error::new(UserError::usage(e).hint("nothing was applied"));
        for &i in &steps {
            let m = &resolved.migrations[i];
            let sql = m.runnable().map_err(refuse)?;
            let key = (m.script.clone(), m.checksum);
            let cached = self.prepared.lock().ok().and_then(|c| c.get(&key).cloned());
            let p = match cached {
                Some(p) => p,
                None => {
                    let p = prepare(
                        &m.script,
                        sql,
                        m.config.execute_in_transaction,
                        self.settings.mixed,
                        self.server_version,
                    )
                    .map_err(refuse)?;
                    if let Ok(mut c) = self.prepared.lock() {
                        c.insert(key, p.clone());
                    }
                    p
                }
            };
            if p.begin.is_some() && self.settings.group {
                return Err(refuse(format!(
                    "{}: its BEGIN sets transaction modes, which cannot apply when group = true runs every migration in one transaction; turn group off for this run (--group=false)",
                    m.script
                )));
            }
            prepared.push((i, p));
        }
        if !prepared.is_empty() {
            for cb in resolved
                .callbacks
                .iter()
                .filter(|c| MIGRATE_EVENTS.contains(&c.event))
            {
                cb.runnable().map_err(refuse)?;
            }
            for event in ["beforeEachMigrate", "afterEachMigrate"] {
                for cb in resolved.callbacks_for(event) {
                    callback_in_transaction(cb, self.server_version).map_err(refuse)?;
                }
            }
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
        if !dry_run {
            self.run_setup(&setup).await?;
        }
        Ok(Plan {
            setup,
            steps: prepared,
            current: summary.current.map(|v| v.as_str().to_string()),
            next_rank,
        })
    }

    /// Prints the SQL a plan would run (`--dry-run`), secret placeholder
    /// values redacted.
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
                out.push_str(p.begin.as_deref().unwrap_or("BEGIN"));
                out.push_str(";\n");
                out.push_str(&lt);
            } else if !p.transactional {
                out.push_str(&self.lock_timeout_sql(false));
            }
            for cb in self.callbacks(resolved, "beforeEachMigrate") {
                out.push_str(&format!(
                    "-- callback {}\n{}\n",
                    cb.script,
                    cb.sql.shown_all().trim_end()
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
                    cb.sql.shown_all().trim_end()
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

    fn callback_error(&self, cb: &Callback, e: &tokio_postgres::Error) -> anyhow::Error {
        anyhow::Error::new(
            UserError::runtime(format!("callback {} failed", cb.script))
                .source(ServerError::new(e, &self.redactor)),
        )
    }

    /// Runs callbacks of an event outside any migration (autocommit: each
    /// callback is one request, which the server stops at its first error).
    pub async fn run_callbacks(&self, resolved: &Resolved, event: &str) -> anyhow::Result<()> {
        for cb in resolved.callbacks_for(event) {
            self.printer.verbose(format!("callback {}", cb.script));
            let sql = cb
                .runnable()
                .map_err(|e| anyhow::Error::new(UserError::usage(e)))?;
            self.client
                .batch_execute(sql.expose())
                .await
                .map_err(|e| self.callback_error(cb, &e))?;
        }
        Ok(())
    }

    /// Sends pieces in order and stops at the first error. With `batch`,
    /// consecutive pieces go in one request (the server stops at the first
    /// failing statement of a request and never runs the rest); without it,
    /// one request each. COPY data goes with its statement. The server must
    /// complete exactly one statement per piece.
    async fn run_pieces(
        &self,
        pieces: &[Piece<'_>],
        batch: bool,
    ) -> Result<Vec<PieceOut>, RunError> {
        let mut out: Vec<PieceOut> = Vec::with_capacity(pieces.len());
        let mut i = 0;
        while i < pieces.len() {
            if let Some(data) = pieces[i].copy {
                let r = async {
                    let sink = self
                        .client
                        .copy_in::<_, std::io::Cursor<Vec<u8>>>(pieces[i].sql.as_ref())
                        .await?;
                    futures_util::pin_mut!(sink);
                    sink.send(std::io::Cursor::new(data.as_bytes().to_vec()))
                        .await?;
                    sink.finish().await
                }
                .await;
                match r {
                    Ok(rows) => out.push(PieceOut {
                        known: true,
                        rows,
                        value: None,
                    }),
                    Err(error) => {
                        let offset = server_offset(&pieces[i].sql, &error);
                        return Err(RunError::Statement {
                            index: i,
                            offset,
                            error,
                        });
                    }
                }
                i += 1;
                continue;
            }
            let end = if batch {
                pieces[i..]
                    .iter()
                    .position(|p| p.copy.is_some())
                    .map(|k| i + k)
                    .unwrap_or(pieces.len())
            } else {
                i + 1
            };
            let mut text = String::new();
            let mut starts = Vec::with_capacity(end - i);
            for p in &pieces[i..end] {
                starts.push(text.len());
                text.push_str(&p.sql);
                text.push_str(";\n");
            }
            let fail = |error: tokio_postgres::Error, done: usize| {
                let (index, offset) = match server_offset(&text, &error) {
                    Some(off) => {
                        let k = starts.iter().rposition(|&s| s <= off).unwrap_or(0);
                        let within = (off - starts[k]).min(pieces[i + k].sql.len());
                        (i + k, Some(within))
                    }
                    None => ((i + done).min(end - 1), None),
                };
                RunError::Statement {
                    index,
                    offset,
                    error,
                }
            };
            let stream = match self.client.simple_query_raw(&text).await {
                Ok(s) => s,
                Err(e) => return Err(fail(e, 0)),
            };
            futures_util::pin_mut!(stream);
            let mut done = 0usize;
            let mut value: Option<String> = None;
            while let Some(msg) = stream.next().await {
                match msg {
                    Ok(SimpleQueryMessage::CommandComplete(rows)) => {
                        out.push(PieceOut {
                            known: true,
                            rows,
                            value: value.take(),
                        });
                        done += 1;
                    }
                    Ok(SimpleQueryMessage::Row(r)) => {
                        if value.is_none() {
                            value = r.get(0).map(str::to_string);
                        }
                    }
                    Ok(_) => {}
                    Err(e) => return Err(fail(e, done)),
                }
            }
            if done != end - i {
                // Everything sent ran (the request ended without an error),
                // but dbtool's split disagrees with the server's parser:
                // only the attribution of row counts is off.
                self.printer.warn(format!(
                    "dbtool sent {} statement(s) in one request but the server ran {done}; all of them succeeded (please report the file: its split differs from PostgreSQL's)",
                    end - i
                ));
                out.truncate(i);
                out.resize(end, PieceOut::default());
            }
            i = end;
        }
        Ok(out)
    }

    /// The error of a failed piece, named after where it came from.
    fn piece_error(&self, pieces: &[Piece<'_>], e: RunError) -> anyhow::Error {
        match e {
            RunError::Statement {
                index,
                offset,
                error,
            } => match pieces[index].origin {
                Origin::Stmt(m, s) => self.statement_error(m, s, offset, &error),
                Origin::Callback(cb, st) => {
                    let (line, _) = cb.sql.line_col(st.range.start);
                    anyhow::Error::new(
                        UserError::runtime(format!(
                            "callback {} failed at line {line}\n  statement at line {line}: {}",
                            cb.script,
                            first_line(&cb.sql.shown(st.range.clone()))
                        ))
                        .source(ServerError::new(&error, &self.redactor)),
                    )
                }
                Origin::Setup | Origin::LockCheck => anyhow::Error::new(
                    UserError::runtime("cannot run the migration's transaction")
                        .source(ServerError::new(&error, &self.redactor)),
                ),
                Origin::Commit(m) => self.commit_error(&m.script, &error),
                Origin::History(m) => anyhow::Error::new(
                    UserError::runtime(format!(
                        "cannot record {} in {}",
                        m.script,
                        self.table.qualified()
                    ))
                    .source(ServerError::new(&error, &self.redactor)),
                ),
            },
        }
    }

    /// Whether a failed piece is the lock check or the guarded history row
    /// failing because the lock is no longer held.
    fn lost_lock_in(pieces: &[Piece<'_>], e: &RunError) -> bool {
        let RunError::Statement { index, error, .. } = e;
        matches!(
            pieces[*index].origin,
            Origin::LockCheck | Origin::History(_)
        ) && error.code() == Some(&SqlState::DIVISION_BY_ZERO)
    }

    /// An error naming the file, the line and column (in the file as
    /// written) and the statement, redacted.
    fn statement_error(
        &self,
        m: &ResolvedMigration,
        s: &Statement,
        offset: Option<usize>,
        e: &tokio_postgres::Error,
    ) -> anyhow::Error {
        let (line, col) = match offset {
            Some(off) => m.sql.line_col(s.range.start + off.min(s.range.len())),
            None => m.sql.line_col(s.range.start),
        };
        let (sline, _) = m.sql.line_col(s.range.start);
        let msg = match e.as_db_error() {
            Some(d) => self.redactor.redact(d.message()),
            None => self.redactor.redact(&e.to_string()),
        };
        anyhow::Error::new(
            UserError::runtime(format!(
                "migration {} failed at line {line}, column {col}: {msg}\n  statement at line {sline}: {}",
                m.script,
                first_line(&m.sql.shown(s.range.clone()))
            ))
            .source(ServerError::new(e, &self.redactor)),
        )
    }

    /// The pieces of one migration inside a transaction: the lock check, the
    /// start marker, the callbacks around it, its statements, and its
    /// history row (written only while the lock is held).
    fn migration_pieces<'a>(
        &self,
        m: &'a ResolvedMigration,
        p: &'a Prepared,
        rank: i32,
        before: &'a [(&'a Callback, Vec<Statement>)],
        after: &'a [(&'a Callback, Vec<Statement>)],
        guard: &LockGuard,
    ) -> Vec<Piece<'a>> {
        let mut pieces = vec![
            Piece {
                origin: Origin::LockCheck,
                sql: Cow::Owned(guard.check_sql()),
                copy: None,
            },
            Piece {
                origin: Origin::Setup,
                sql: Cow::Borrowed(MIGRATION_START_SQL),
                copy: None,
            },
        ];
        let callback = |pieces: &mut Vec<Piece<'a>>, cbs: &'a [(&'a Callback, Vec<Statement>)]| {
            for (cb, stmts) in cbs {
                for s in stmts {
                    pieces.push(statement_piece(Origin::Callback(cb, s), cb.sql.expose(), s));
                }
            }
        };
        callback(&mut pieces, before);
        for s in &p.statements {
            pieces.push(statement_piece(Origin::Stmt(m, s), m.sql.expose(), s));
        }
        callback(&mut pieces, after);
        pieces.push(Piece {
            origin: Origin::History(m),
            sql: Cow::Owned(
                self.table
                    .insert_timed_guarded(&self.row_for(m, rank, 0, true), guard),
            ),
            copy: None,
        });
        pieces
    }

    fn tx_callbacks<'r>(
        &self,
        resolved: &'r Resolved,
        event: &'r str,
    ) -> anyhow::Result<Vec<(&'r Callback, Vec<Statement>)>> {
        resolved
            .callbacks_for(event)
            .map(|cb| {
                callback_in_transaction(cb, self.server_version)
                    .map(|st| (cb, st))
                    .map_err(|e| anyhow::Error::new(UserError::usage(e)))
            })
            .collect()
    }

    /// Refuses a migration that creates an index whose name is taken by an
    /// INVALID index (a failed or killed build): `IF NOT EXISTS` would skip
    /// it and the migration would be recorded without a usable index.
    async fn check_invalid_indexes_before(
        &self,
        m: &ResolvedMigration,
        p: &Prepared,
    ) -> anyhow::Result<()> {
        let mut invalid = Vec::new();
        for ix in indexes::named_indexes(m.sql.expose(), &p.statements) {
            if !ix.create || ix.dropped_before {
                continue;
            }
            if let Some(i) = indexes::invalid_named(&self.client, &ix).await? {
                invalid.push(i);
            }
        }
        if invalid.is_empty() {
            return Ok(());
        }
        Err(UserError::runtime(format!(
            "{}: index {} exists but is INVALID (left by an index build that failed or was interrupted); the migration would skip it (IF NOT EXISTS) or fail on it, so it was not run",
            m.script,
            indexes::describe(&invalid)
        ))
        .hint(format!("nothing was applied; {}, then rerun `dbtool migrate`", indexes::fix_hint(&invalid)))
        .into())
    }

    /// After a non-transactional migration: the invalid indexes it names or
    /// created (new since `before`).
    async fn invalid_indexes_after(
        &self,
        m: &ResolvedMigration,
        p: &Prepared,
        before: &[indexes::InvalidIndex],
    ) -> anyhow::Result<Vec<indexes::InvalidIndex>> {
        let mut out: Vec<indexes::InvalidIndex> = indexes::all_invalid(&self.client)
            .await?
            .into_iter()
            .filter(|i| !before.iter().any(|b| b.oid == i.oid))
            .collect();
        for ix in indexes::named_indexes(m.sql.expose(), &p.statements) {
            if let Some(i) = indexes::invalid_named(&self.client, &ix).await? {
                if !out.iter().any(|o| o.oid == i.oid) {
                    out.push(i);
                }
            }
        }
        Ok(out)
    }

    /// Applies a plan.
    pub async fn apply(&self, resolved: &Resolved, plan: &Plan) -> anyhow::Result<MigrateReport> {
        let started = Instant::now();
        let mut report = MigrateReport {
            schema_version_before: plan.current.clone(),
            ..Default::default()
        };
        self.set_search_path().await?;
        self.run_callbacks(resolved, "beforeMigrate").await?;
        // On a terminal, one progress line (the migration running, its
        // place in the run, the time so far) under the applied ones;
        // elsewhere (CI logs) only one line per applied migration.
        let pb = self
            .printer
            .progress_bar(plan.steps.len() as u64, "{spinner} {msg} [{elapsed}]");
        if self.printer.progress {
            pb.enable_steady_tick(Duration::from_millis(200));
        }
        let total = plan.steps.len();
        // No INVALID index now (the usual case): none can appear before a
        // later migration of this run either (a transaction cannot leave one;
        // a non-transactional migration that does fails), so the per-file
        // check is needed only when there is one.
        let invalid_now = !indexes::all_invalid(&self.client).await?.is_empty();
        let result = if self.settings.group {
            self.apply_group(resolved, plan, &mut report, invalid_now)
                .await
        } else {
            let mut rank = plan.next_rank;
            let mut r = Ok(());
            for (n, (i, p)) in plan.steps.iter().enumerate() {
                let m = &resolved.migrations[*i];
                pb.set_message(format!(
                    "{} ({}/{total})",
                    m.version
                        .as_ref()
                        .map(|v| format!("v{v}"))
                        .unwrap_or_else(|| m.script.clone()),
                    n + 1
                ));
                let before = async {
                    if invalid_now {
                        self.check_invalid_indexes_before(m, p).await?;
                    }
                    self.preflight_check(*i, m).await
                };
                if let Err(e) = before.await {
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
                            "{} {} ({ms} ms{}{})",
                            m.version
                                .as_ref()
                                .map(|v| format!("v{v}"))
                                .unwrap_or_else(|| "repeatable".into()),
                            m.script,
                            if p.transactional {
                                ""
                            } else {
                                ", outside a transaction"
                            },
                            if retries > 0 {
                                format!(", {retries} retries")
                            } else {
                                String::new()
                            }
                        );
                        pb.inc(1);
                        pb.suspend(|| self.printer.success(&line));
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
        pb.finish_and_clear();
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
    async fn preflight_check(&self, index: usize, m: &ResolvedMigration) -> anyhow::Result<()> {
        let Some(pf) = &self.preflight else {
            return Ok(());
        };
        if pf.mode == crate::lint::deploy::PreflightMode::Off {
            return Ok(());
        }
        let client = self
            .lock
            .as_ref()
            .map(|l| &l.client)
            .unwrap_or(&self.client);
        let pg = crate::lint::PgVersion::from_num(self.server_version);
        // Secrets are not needed to know which relations are locked.
        let text = m.sql.lint_text();
        // The same question the gate asks (long transactions matter to CONCURRENTLY),
        // asked once here so a wait is announced instead of silent.
        let concurrently = text.to_ascii_lowercase().contains("concurrently");
        let opts = crate::lint::preflight::Options {
            long_transaction: concurrently.then(|| Duration::from_secs(60)),
        };
        let wanted = match pf.locked.get(index) {
            Some(Some(locked)) => locked.clone(),
            _ => crate::lint::relations_locked(&text, pg),
        };
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
                self.printer
                    .status(format!("  {}", self.redactor.redact(&b.describe())));
            }
        }
        crate::lint::deploy::preflight_gate_for(
            client,
            &m.script,
            &wanted,
            concurrently,
            pf.mode,
            pf.timeout,
        )
        .await
        .map_err(|e| self.redacted(e))?;
        Ok(())
    }

    /// An error whose message quotes other sessions' queries, with secret
    /// placeholder values hidden (another runner may be running them).
    fn redacted(&self, e: anyhow::Error) -> anyhow::Error {
        match e.downcast::<UserError>() {
            Ok(mut u) => {
                u.message = self.redactor.redact(&u.message);
                anyhow::Error::new(u)
            }
            Err(e) => e,
        }
    }

    /// Every migration of the plan in one transaction; each migration is one
    /// request (stopping at its first error) with its guarded history row.
    async fn apply_group(
        &self,
        resolved: &Resolved,
        plan: &Plan,
        report: &mut MigrateReport,
        invalid_now: bool,
    ) -> anyhow::Result<()> {
        let guard = self.guard()?;
        let before_cbs = self.tx_callbacks(resolved, "beforeEachMigrate")?;
        let after_cbs = self.tx_callbacks(resolved, "afterEachMigrate")?;
        if invalid_now {
            for (i, p) in &plan.steps {
                self.check_invalid_indexes_before(&resolved.migrations[*i], p)
                    .await?;
            }
        }
        self.client
            .batch_execute(&format!("BEGIN;\n{}", self.lock_timeout_sql(true)))
            .await?;
        let rolled_back =
            "the group ran in one transaction and was rolled back: nothing was applied";
        for (n, (i, p)) in plan.steps.iter().enumerate() {
            let rank = plan.next_rank + n as i32;
            let m = &resolved.migrations[*i];
            let pieces = self.migration_pieces(m, p, rank, &before_cbs, &after_cbs, &guard);
            let r = self.run_pieces(&pieces, true).await;
            let err = match r {
                Ok(out) => match out.get(pieces.len() - 1) {
                    Some(h) if h.rows == 1 || !h.known => {
                        report.applied.push(AppliedReport {
                            version: m.version.as_ref().map(|v| v.as_str().to_string()),
                            description: m.description.clone(),
                            script: m.script.clone(),
                            kind: m.kind.history_type().into(),
                            execution_time_ms: h
                                .value
                                .as_deref()
                                .and_then(|v| v.parse().ok())
                                .unwrap_or(0),
                            retries: 0,
                        });
                        continue;
                    }
                    _ => self.lost_lock(&format!("before recording {}", m.script), rolled_back),
                },
                Err(e) if Self::lost_lock_in(&pieces, &e) => {
                    self.lost_lock(&format!("while applying {}", m.script), rolled_back)
                }
                Err(e) => with_hint(
                    self.piece_error(&pieces, e),
                    &format!("{rolled_back}; fix the file and rerun `dbtool migrate`"),
                ),
            };
            let _ = self.client.batch_execute("ROLLBACK").await;
            report.applied.clear();
            return Err(err);
        }
        if let Err(e) = self
            .ensure_lock("before committing the group", rolled_back)
            .await
        {
            let _ = self.client.batch_execute("ROLLBACK").await;
            report.applied.clear();
            return Err(e);
        }
        if let Err(e) = self.client.batch_execute("COMMIT").await {
            report.applied.clear();
            return Err(self.commit_error("the group", &e));
        }
        Ok(())
    }

    /// A failed COMMIT: deferred constraints, serialization, or a lost
    /// connection (then whether it committed is unknown).
    fn commit_error(&self, what: &str, e: &tokio_postgres::Error) -> anyhow::Error {
        let hint = if e.as_db_error().is_some() {
            "the transaction was rolled back: nothing was applied. Fix the cause (often a deferred constraint) and rerun `dbtool migrate`".to_string()
        } else {
            "the connection failed during COMMIT, so whether it committed is unknown: check `dbtool migrate info` before rerunning".to_string()
        };
        UserError::runtime(format!("COMMIT of {what} failed"))
            .source(ServerError::new(e, &self.redactor))
            .hint(hint)
            .into()
    }

    /// One transactional migration with its history row, retried on lock
    /// timeout. BEGIN, a check that the lock is held, the callbacks, the
    /// statements, the history row and COMMIT go in one request, which the
    /// server stops at the first failing statement: no statement after a
    /// failure runs, whatever it is, and COMMIT runs only after the history
    /// row was written, which happens only while the lock is held.
    async fn apply_transactional(
        &self,
        resolved: &Resolved,
        m: &ResolvedMigration,
        p: &Prepared,
        rank: i32,
    ) -> anyhow::Result<(i32, u32)> {
        let guard = self.guard()?;
        let before_cbs = self.tx_callbacks(resolved, "beforeEachMigrate")?;
        let after_cbs = self.tx_callbacks(resolved, "afterEachMigrate")?;
        let begin = p.begin.clone().unwrap_or_else(|| "BEGIN".into());
        let lock_timeout = self.lock_timeout_sql(true);
        let rolled_back = format!("{} was rolled back: nothing of it was applied", m.script);
        let mut attempt = 0u32;
        loop {
            let mut pieces = vec![
                Piece {
                    origin: Origin::Setup,
                    sql: Cow::Borrowed(begin.as_str()),
                    copy: None,
                },
                Piece {
                    origin: Origin::Setup,
                    sql: Cow::Borrowed(lock_timeout.trim_end().trim_end_matches(';')),
                    copy: None,
                },
            ];
            pieces.extend(self.migration_pieces(m, p, rank, &before_cbs, &after_cbs, &guard));
            let history_at = pieces.len() - 1;
            pieces.push(Piece {
                origin: Origin::Commit(m),
                sql: Cow::Borrowed("COMMIT"),
                copy: None,
            });
            let t = Instant::now();
            let blockers: RefCell<Vec<Blocker>> = RefCell::new(Vec::new());
            let res = self
                .watch_blockers(self.run_pieces(&pieces, true), &blockers)
                .await;
            let out = match res {
                Ok(out) => out,
                Err(e) => {
                    let _ = self.client.batch_execute("ROLLBACK").await;
                    let _ = self
                        .run_event_outside(resolved, "afterEachMigrateError")
                        .await;
                    if Self::lost_lock_in(&pieces, &e) {
                        let when = match pieces[match &e {
                            RunError::Statement { index, .. } => *index,
                        }]
                        .origin
                        {
                            Origin::LockCheck => format!("before {}", m.script),
                            _ => format!("before recording {}", m.script),
                        };
                        return Err(self.lost_lock(&when, &rolled_back));
                    }
                    let RunError::Statement { error, .. } = &e;
                    let connection_lost = error.as_db_error().is_none();
                    let e = self.piece_error(&pieces, e);
                    if connection_lost {
                        return Err(with_hint(e, &format!("the connection failed while {} ran: PostgreSQL rolls it back unless its COMMIT had been reached; check `dbtool migrate info` before rerunning", m.script)));
                    }
                    let who = blockers.borrow().clone();
                    if is_lock_timeout(&e) {
                        let held = self.redactor.redact(&describe_blockers(&who));
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
            };
            // The guarded INSERT fails rather than write nothing; its row
            // count is checked all the same.
            let h = out.get(history_at).cloned().unwrap_or_default();
            if h.known && h.rows != 1 {
                return Err(UserError::runtime(format!(
                    "{} was committed, but its history row reports {} row(s) written",
                    m.script, h.rows
                ))
                .hint("look at `dbtool migrate info` and the history table before rerunning")
                .into());
            }
            let ms = h
                .value
                .as_deref()
                .and_then(|v| v.parse().ok())
                .unwrap_or(t.elapsed().as_millis() as i32);
            return Ok((ms, attempt));
        }
    }

    /// Runs `work` while polling, from the lock session, which backends block
    /// the work session (for the lock timeout report).
    async fn watch_blockers<T, E>(
        &self,
        work: impl std::future::Future<Output = Result<T, E>>,
        out: &RefCell<Vec<Blocker>>,
    ) -> Result<T, E> {
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
                if let Ok(b) = blockers_of(&lock.client, self.backend_pid).await {
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
    /// interrupted run is visible), statements one by one (stopping at the
    /// first error), a check that it left no INVALID index, then the row
    /// marked successful. Both history writes happen only while the lock is
    /// held.
    async fn apply_non_transactional(
        &self,
        resolved: &Resolved,
        m: &ResolvedMigration,
        p: &Prepared,
        rank: i32,
    ) -> anyhow::Result<(i32, u32)> {
        let guard = self.guard()?;
        let t = Instant::now();
        let invalid_before = indexes::all_invalid(&self.client).await?;
        let n = history::insert(
            &self.client,
            &self.table,
            &self.row_for(m, rank, 0, false),
            &guard,
        )
        .await?;
        if n != 1 {
            return Err(self.lost_lock(
                &format!("before starting {}", m.script),
                &format!("{} was not started", m.script),
            ));
        }
        self.client
            .batch_execute(&self.lock_timeout_sql(false))
            .await?;
        let pieces: Vec<Piece> = p
            .statements
            .iter()
            .map(|s| statement_piece(Origin::Stmt(m, s), m.sql.expose(), s))
            .collect();
        let res = async {
            self.run_callbacks(resolved, "beforeEachMigrate").await?;
            self.run_pieces(&pieces, false)
                .await
                .map_err(|e| self.piece_error(&pieces, e))?;
            self.run_callbacks(resolved, "afterEachMigrate").await?;
            let invalid = self.invalid_indexes_after(m, p, &invalid_before).await?;
            if !invalid.is_empty() {
                return Err(UserError::runtime(format!(
                    "migration {} left INVALID index(es) {}: an index build failed or was interrupted, or IF NOT EXISTS skipped an invalid leftover",
                    m.script,
                    indexes::describe(&invalid)
                ))
                .hint(format!(
                    "its row stays success = false; {}, then run `dbtool migrate repair` and rerun `dbtool migrate`",
                    indexes::fix_hint(&invalid)
                ))
                .into());
            }
            anyhow::Ok(())
        }
        .await;
        // A failure inside the file's own BEGIN leaves an aborted
        // transaction: end it so the row can be updated.
        if res.is_err() {
            let _ = self.client.batch_execute("ROLLBACK").await;
        }
        let _ = self.client.batch_execute("RESET lock_timeout").await;
        let ms = t.elapsed().as_millis() as i32;
        match res {
            Ok(()) => {
                let n = history::finish(&self.client, &self.table, rank, ms, true, &guard).await?;
                if n != 1 {
                    return Err(self.lost_lock(
                        &format!("before recording {}", m.script),
                        &format!("the statements of {} ran, but its row stays success = false: check that they did what they should (nothing else interfered), run `dbtool migrate repair`, then rerun", m.script),
                    ));
                }
                Ok((ms, 0))
            }
            Err(e) => {
                let _ = history::finish(&self.client, &self.table, rank, ms, false, &guard).await;
                let _ = self.run_callbacks(resolved, "afterEachMigrateError").await;
                Err(with_hint(e, "this migration runs outside a transaction: the statements before the failing one were applied and a failed row (success = false) was recorded. Undo or finish them by hand, run `dbtool migrate repair`, then rerun `dbtool migrate`"))
            }
        }
    }
    /// `baseline`: creates the history table and a BASELINE row.
    /// What `baseline` would do, without doing it (`--dry-run`).
    pub async fn baseline_dry_run(&self) -> anyhow::Result<String> {
        if let Some(done) = self.baseline_check().await? {
            return Ok(done);
        }
        Ok(format!(
            "would create {} if missing and record the baseline at version {} ({})",
            self.table.qualified(),
            self.settings.baseline_version,
            self.settings.baseline_description
        ))
    }

    /// Refuses a baseline on a history that holds migrations; `Some` when
    /// it is already baselined at the configured version.
    async fn baseline_check(&self) -> anyhow::Result<Option<String>> {
        let applied = self.applied().await?;
        let real: Vec<&AppliedMigration> = applied.iter().filter(|a| a.kind != "SCHEMA").collect();
        if let Some(b) = real.iter().find(|a| a.kind == "BASELINE") {
            if b.version.as_ref() == Some(&self.settings.baseline_version) {
                return Ok(Some(format!(
                    "already baselined at version {}",
                    self.settings.baseline_version
                )));
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
        Ok(None)
    }

    pub async fn baseline(&self) -> anyhow::Result<String> {
        if let Some(done) = self.baseline_check().await? {
            return Ok(done);
        }
        let setup = self.setup_sql(false).await?;
        self.run_setup(&setup).await?;
        let rank = history::next_rank(&self.client, &self.table).await?;
        let n = history::insert(
            &self.client,
            &self.table,
            &self.baseline_row(rank),
            &self.guard()?,
        )
        .await?;
        if n != 1 {
            return Err(self.lost_lock(
                "before writing the baseline row",
                "the history table exists but holds no baseline row; rerun `dbtool migrate baseline`",
            ));
        }
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
        self.client.batch_execute("BEGIN").await?;
        let r = self.repair_in_transaction(resolved).await;
        let r = match r {
            Ok(done) => match self
                .ensure_lock(
                    "before committing the repair",
                    "nothing was repaired (rolled back)",
                )
                .await
            {
                Ok(()) => self
                    .client
                    .batch_execute("COMMIT")
                    .await
                    .map(|_| done)
                    .map_err(|e| self.commit_error("the repair", &e)),
                Err(e) => Err(e),
            },
            Err(e) => Err(e),
        };
        if r.is_err() {
            let _ = self.client.batch_execute("ROLLBACK").await;
        }
        r
    }

    /// What `repair` would do: run in a transaction that is rolled back.
    pub async fn repair_dry_run(&mut self, resolved: &Resolved) -> anyhow::Result<Vec<String>> {
        self.client.batch_execute("BEGIN").await?;
        let r = self.repair_in_transaction(resolved).await;
        self.client.batch_execute("ROLLBACK").await?;
        r
    }

    async fn repair_in_transaction(&self, resolved: &Resolved) -> anyhow::Result<Vec<String>> {
        // No history table: nothing to repair (and nothing to create).
        if !history::exists(&self.client, &self.table).await? {
            return Ok(Vec::new());
        }
        let applied = self.applied().await?;
        let (entries, _) = state::info(resolved, &applied, &self.info_options());
        let mut done = Vec::new();
        let guard = self.guard()?;
        let tx = &self.client;
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
                        let n = tx
                            .execute(
                                &format!("UPDATE {q} SET checksum = $2, description = $3, type = $4 WHERE installed_rank = $1"),
                                &[&a.installed_rank, &r.checksum, &history::abbreviate(&r.description, 200), &r.kind.history_type()],
                            )
                            .await?;
                        if n != 1 {
                            return Err(UserError::runtime(format!(
                                "repair: the row of {} (rank {}) changed while repairing; nothing was repaired",
                                r.script, a.installed_rank
                            ))
                            .hint("another runner changed the history: look at `dbtool migrate info`, then rerun repair")
                            .into());
                        }
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
                    if history::insert(tx, &self.table, &row, &guard).await? != 1 {
                        return Err(
                            self.lost_lock("while repairing", "nothing was repaired (rolled back)")
                        );
                    }
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
        Ok(done)
    }

    /// `clean`: drops every object in the schemas (schemas dbtool/Flyway
    /// created, per the SCHEMA row, are dropped entirely).
    /// What `clean` would drop: run in a transaction that is rolled back.
    pub async fn clean_dry_run(&self) -> anyhow::Result<Vec<String>> {
        self.client.batch_execute("BEGIN").await?;
        let r = self.clean().await;
        self.client.batch_execute("ROLLBACK").await?;
        Ok(r?
            .into_iter()
            .map(|d| d.replacen("dropped", "would drop", 1))
            .collect())
    }

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
            let p = u
                .runnable()
                .and_then(|sql| {
                    prepare(
                        &u.script,
                        sql,
                        u.config.execute_in_transaction,
                        self.settings.mixed,
                        self.server_version,
                    )
                })
                .map_err(|e| anyhow::Error::new(UserError::usage(e).hint("nothing was undone")))?;
            self.ensure_lock(
                &format!("before {}", u.script),
                &format!("{} was not run", u.script),
            )
            .await?;
            self.check_invalid_indexes_before(u, &p).await?;
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

/// A statement as the dry run shows it: redacted, with its COPY data.
fn statement_sql(sql: &SqlText, s: &Statement) -> String {
    match &s.kind {
        StatementKind::CopyFromStdin { data } => {
            format!(
                "{};\n{}\\.",
                sql.shown(s.range.clone()),
                sql.shown(data.clone())
            )
        }
        _ => format!("{};", sql.shown(s.range.clone())),
    }
}

/// The piece that sends one statement of `script` (the replaced text).
fn statement_piece<'a>(origin: Origin<'a>, script: &'a str, s: &'a Statement) -> Piece<'a> {
    match &s.kind {
        StatementKind::CopyFromStdin { data } => Piece {
            origin,
            sql: Cow::Borrowed(s.text(script)),
            copy: Some(&script[data.clone()]),
        },
        _ => Piece {
            origin,
            sql: Cow::Borrowed(s.text(script)),
            copy: None,
        },
    }
}

/// The server's error position as a byte offset in the text sent.
fn server_offset(text: &str, e: &tokio_postgres::Error) -> Option<usize> {
    match e.as_db_error().and_then(|d| d.position()) {
        Some(ErrorPosition::Original(p)) => Some(sql::char_position_to_offset(text, *p as usize)),
        _ => None,
    }
}

fn is_lock_timeout(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<ServerError>()
            .and_then(|s| s.code.as_ref())
            == Some(&SqlState::LOCK_NOT_AVAILABLE)
            || c.downcast_ref::<tokio_postgres::Error>()
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

/// Resolves the files for a run, as a usage error naming the file. An
/// undefined placeholder is no error here: it is kept on the file, for the
/// commands that run it (`info`, `validate`, `clean` never need values).
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

    fn prep(sql: &str, force: Option<bool>, mixed: bool) -> Result<Prepared, String> {
        prepare("V1__a.sql", &SqlText::plain(sql), force, mixed, 150000)
    }

    #[test]
    fn prepare_decides_transactions() {
        let p = prep(
            "create table a (x int);\ncreate index i on a (x);",
            None,
            false,
        )
        .unwrap();
        assert!(p.transactional);
        assert_eq!(p.statements.len(), 2);
        let p = prep(
            "create index concurrently i on a (x);\nvacuum a;",
            None,
            false,
        )
        .unwrap();
        assert!(!p.transactional);
        let err = prep(
            "create table a (x int);\ncreate index concurrently i on a (x);",
            None,
            false,
        )
        .unwrap_err();
        assert!(
            err.starts_with(
                "V1__a.sql:2:1: `create index concurrently i on a (x)` cannot run in a transaction"
            ),
            "{err}"
        );
        let p = prep(
            "create table a (x int);\ncreate index concurrently i on a (x);",
            None,
            true,
        )
        .unwrap();
        assert!(!p.transactional);
        let p = prep("select 1;", Some(false), false).unwrap();
        assert!(!p.transactional);
        let err = prep("select 1;\n\\connect other\n", None, false).unwrap_err();
        assert!(
            err.contains("V1__a.sql:2:1: psql meta-command `\\connect other`"),
            "{err}"
        );
    }

    #[test]
    fn a_begin_commit_wrapper_becomes_the_migration_transaction() {
        let p = prep(
            "-- c\nBEGIN;\ncreate table a (x int);\nCOMMIT;\n",
            None,
            false,
        )
        .unwrap();
        assert!(p.transactional);
        assert_eq!(p.statements.len(), 1);
        assert_eq!(p.begin, None);
        let p = prep(
            "start transaction isolation level serializable;\nselect 1;\nend;",
            None,
            false,
        )
        .unwrap();
        assert_eq!(
            p.begin.as_deref(),
            Some("start transaction isolation level serializable")
        );
        let p = prep("BEGIN WORK;\nselect 1;\nCOMMIT WORK;", None, false).unwrap();
        assert_eq!((p.statements.len(), p.begin), (1, None));
        // Savepoints are not transaction control.
        let p = prep(
            "savepoint s;\nselect 1;\nrelease savepoint s;\nrollback to s;",
            None,
            false,
        )
        .unwrap();
        assert_eq!(p.statements.len(), 4);
        // Outside a transaction the file's own control is kept.
        let p = prep("begin;\nselect 1;\ncommit;", Some(false), false).unwrap();
        assert_eq!(p.statements.len(), 3);
    }

    #[test]
    fn transaction_control_elsewhere_is_refused_with_line_and_fix() {
        for (sql, line) in [
            ("create table a (x int);\ncommit;\nselect 1;", 2),
            ("begin;\nselect 1;", 1),
            ("select 1;\ncommit;", 2),
            ("begin;\nselect 1;\nrollback;", 3),
            ("begin;\nselect 1;\ncommit;\nbegin;\nselect 2;\ncommit;", 3),
            ("select 1;\nprepare transaction 'x';", 2),
            ("begin;\nselect 1;\ncommit and chain;", 3),
            ("select 1;\n  ABORT;", 2),
        ] {
            let err = prep(sql, None, false).unwrap_err();
            assert!(
                err.starts_with(&format!("V1__a.sql:{line}:")),
                "{sql}: {err}"
            );
            assert!(
                err.contains("executeInTransaction=false in V1__a.sql.conf"),
                "{err}"
            );
            assert!(
                err.contains(&format!("split the file at line {line}")),
                "{err}"
            );
            let err = prep(sql, Some(true), false).unwrap_err();
            assert!(err.starts_with(&format!("V1__a.sql:{line}:")), "{err}");
        }
        // BEGIN inside bodies is not transaction control.
        assert!(prep(
            "create function f() returns int language plpgsql as $$ begin commit; return 1; end $$;\ndo $$ begin perform 1; end $$;",
            None,
            false
        )
        .is_ok());
    }

    #[test]
    fn errors_show_secrets_redacted_and_positions_in_the_file() {
        let mut ph = crate::migrate::placeholders::Placeholders::new();
        ph.insert("db_password", "hunter2");
        let t = ph
            .replace("select 1;\nalter role x password '${db_password}';\ncommit;\n")
            .unwrap();
        let err = prepare("V1__a.sql", &t, None, false, 150000).unwrap_err();
        assert!(err.starts_with("V1__a.sql:3:1: `commit`"), "{err}");
        let t = ph
            .replace("select '${db_password}';\n\\set x '${db_password}'\n")
            .unwrap();
        let err = prepare("V1__a.sql", &t, None, false, 150000).unwrap_err();
        assert!(!err.contains("hunter2"), "{err}");
        assert!(err.contains("<placeholder db_password>"), "{err}");
    }

    #[test]
    fn keepalive_settings_by_server_version() {
        assert!(session_keepalive_sql(140000).contains("idle_session_timeout = 0"));
        assert!(session_keepalive_sql(150004).contains("idle_in_transaction_session_timeout = 0"));
        let old = session_keepalive_sql(130012);
        assert!(!old.contains("idle_session_timeout ="), "{old}");
        assert!(old.contains("idle_in_transaction_session_timeout = 0"));
    }
}
