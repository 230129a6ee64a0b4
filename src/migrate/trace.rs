//! `migrate lint --trace`: runs migrations statement by statement on a
//! throwaway PostgreSQL and measures what each one really locks (its own
//! backend's `pg_locks` rows), whether it rewrites a table (a changed
//! `pg_relation_filenode`) and how long it takes, beside the static lock
//! model's prediction. [`compare`] (prediction against measurement) is pure;
//! [`trace_files`] touches the throwaway cluster only; [`trace_on`] runs on
//! a database the user points at (`--on`), inside one transaction that is
//! rolled back, and never runs a non-transactional statement there.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use serde::Serialize;
use tokio_postgres::Client;

use crate::lint::locks::{self, LockMode, RelationLock};
use crate::lint::PgVersion;
use crate::migrate::sql::{self, StatementKind};
use crate::pg::ConnInfo;

/// A lock the statement's backend held (or waited for) on a relation that
/// existed before it ran.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeasuredLock {
    /// `schema.name`.
    pub relation: String,
    /// The strongest mode held or requested.
    pub mode: LockMode,
    /// Its `pg_relation_filenode` changed: the table was rewritten.
    pub rewrite: bool,
    /// An index (compared only when the model names it).
    pub index: bool,
    /// An index's table (`schema.name`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// `pg_total_relation_size` after the statement (tables and
    /// materialized views, `--on` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size_bytes: Option<i64>,
    /// The same in human units (`12 GB`), as `pg_size_pretty` writes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<String>,
    /// `--on`: the mode was already held by the run's transaction (an
    /// earlier statement took it), so this statement's request of it cannot
    /// be seen apart.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub held_before: bool,
}

/// What one statement did on the throwaway cluster.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measured {
    pub locks: Vec<MeasuredLock>,
    pub duration_ms: f64,
    /// Run inside a transaction that was rolled back (false: a statement
    /// that cannot run in one, run for real and watched from a second session).
    pub in_transaction: bool,
}

/// One traced statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Traced {
    pub file: String,
    pub line: usize,
    pub statement: String,
    /// The static model's prediction (relations that existed before).
    pub lock: Vec<RelationLock>,
    pub measured: Option<Measured>,
    /// Where the model and the measurement differ.
    pub mismatches: Vec<String>,
    /// PostgreSQL's error, when the statement failed.
    pub error: Option<String>,
    /// Why the statement was not run (`--on`: a non-transactional one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_run: Option<String>,
}

/// What `--on` says of a statement it does not run.
pub const NOT_RUN_NON_TRANSACTIONAL: &str =
    "not run: non-transactional, measured only on a throwaway cluster";

/// One file to run: its name, its SQL with placeholders replaced, whether
/// its statements are traced (false: applied only, to prepare the schema),
/// and the line of each byte offset.
pub struct TraceFile {
    pub file: String,
    pub sql: String,
    pub traced: bool,
    /// Byte offset in `sql` → line in the file.
    pub line_of: Box<dyn Fn(usize) -> usize + Send>,
    /// A byte range of `sql` as it may be shown (secret placeholder values
    /// replaced by their names).
    pub shown: Box<dyn Fn(std::ops::Range<usize>) -> String + Send>,
}

/// Whether the model's `relation` (as written: `events`, `public.events`)
/// is the measured `schema.name`. Unqualified names are looked up in
/// `public` (the throwaway's search_path). Pure.
pub fn same_relation(model: &str, measured: &str) -> bool {
    let model = model.trim_matches('"');
    if model.contains('.') {
        model == measured
    } else {
        measured == format!("public.{model}")
    }
}

/// The differences between the model's prediction and the measurement.
/// Relations only read (ACCESS SHARE or ROW SHARE, no rewrite) that the
/// model does not name are not differences: the model lists the locks that
/// block others, not every relation a statement reads. Indexes are compared
/// only when the model names them (an index shares its table's fate);
/// `table_of_index` gives the table of an index the model names. Pure.
pub fn compare(
    predicted: &[RelationLock],
    measured: &[MeasuredLock],
    table_of_index: &dyn Fn(&str) -> Option<String>,
) -> Vec<String> {
    let mut out = Vec::new();
    for p in predicted {
        // An index named by the model: its table locked in the same mode
        // (PostgreSQL locks the table first; the index lock can come and go
        // between two looks at a statement run outside a transaction).
        let table = table_of_index(&p.relation);
        let table_lock = table.as_deref().and_then(|t| {
            measured
                .iter()
                .find(|m| m.relation == t && m.mode == p.mode && !m.rewrite && !p.rewrite)
        });
        match measured
            .iter()
            .find(|m| same_relation(&p.relation, &m.relation))
        {
            None if table_lock.is_some() => {}
            None => out.push(format!(
                "{}: the model predicts {}, no lock was measured",
                p.relation, p.mode
            )),
            Some(m) => {
                if m.mode != p.mode {
                    out.push(format!(
                        "{}: the model predicts {}, measured {}",
                        p.relation, p.mode, m.mode
                    ));
                }
                if m.rewrite != p.rewrite {
                    out.push(format!(
                        "{}: the model predicts {}, measured {}",
                        p.relation,
                        if p.rewrite { "a rewrite" } else { "no rewrite" },
                        if m.rewrite { "a rewrite" } else { "no rewrite" }
                    ));
                }
            }
        }
    }
    for m in measured {
        let named = predicted
            .iter()
            .any(|p| same_relation(&p.relation, &m.relation));
        // DROP INDEX, ALTER INDEX: the model names the index; PostgreSQL
        // locks its table in the same mode, which the statement does not name.
        let table_of_named_index = predicted.iter().any(|p| {
            p.mode == m.mode && table_of_index(&p.relation).as_deref() == Some(m.relation.as_str())
        });
        // ACCESS SHARE and ROW SHARE on relations the statement does not
        // name: reads, and the foreign-key checks' `SELECT … FOR KEY SHARE`
        // on referencing tables (which the statement alone cannot tell).
        let read = matches!(m.mode, LockMode::AccessShare | LockMode::RowShare) && !m.rewrite;
        if named || table_of_named_index || m.index || read {
            continue;
        }
        out.push(format!(
            "{}: measured {}{}, the model predicts no lock",
            m.relation,
            m.mode,
            if m.rewrite { " and a rewrite" } else { "" }
        ));
    }
    out
}

/// A relation as the catalog had it before a statement.
#[derive(Debug, Clone)]
struct Rel {
    name: String,
    kind: char,
    filenode: Option<i64>,
    /// An index's table.
    table: Option<String>,
    /// The name quoted for SQL (`public."Events"`).
    quoted: String,
}

const RELATIONS_SQL: &str = "SELECT c.oid::bigint, n.nspname || '.' || c.relname, c.relkind::text,
        pg_relation_filenode(c.oid)::bigint, tn.nspname || '.' || t.relname,
        format('%I.%I', n.nspname, c.relname)
 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 LEFT JOIN pg_index i ON i.indexrelid = c.oid
 LEFT JOIN pg_class t ON t.oid = i.indrelid
 LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace
 WHERE c.oid >= 16384 AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
   AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'";

async fn relations(client: &Client) -> anyhow::Result<HashMap<i64, Rel>> {
    let mut out = HashMap::new();
    for row in client.query(RELATIONS_SQL, &[]).await? {
        let kind: String = row.get(2);
        out.insert(
            row.get::<_, i64>(0),
            Rel {
                name: row.get(1),
                kind: kind.chars().next().unwrap_or('r'),
                filenode: row.get(3),
                table: row.get(4),
                quoted: row.get(5),
            },
        );
    }
    Ok(out)
}

/// Relation locks of backend `pid` (granted or awaited: oid → mode), and
/// whether it waits for any lock, from one read of `pg_locks`.
async fn locks_of(client: &Client, pid: i32) -> anyhow::Result<(Vec<(i64, LockMode)>, bool)> {
    let rows = client
        .query(
            "SELECT relation::bigint, mode, granted,
                    locktype = 'relation' AND relation IS NOT NULL
                    AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
             FROM pg_locks WHERE pid = $1",
            &[&pid],
        )
        .await?;
    let waiting = rows.iter().any(|r| !r.get::<_, bool>(2));
    let locks = rows
        .iter()
        .filter(|r| r.get::<_, Option<bool>>(3) == Some(true))
        .filter_map(|r| {
            let mode: String = r.get(1);
            LockMode::from_pg_locks_name(&mode).map(|m| (r.get::<_, i64>(0), m))
        })
        .collect();
    Ok((locks, waiting))
}

/// Folds raw lock rows and the catalog before/after into measured locks:
/// relations created by the statement and system catalogs left out. After
/// TRUNCATE a new file is not a rewrite (no row is copied).
fn measured_locks(
    raw: &[(i64, LockMode)],
    before: &HashMap<i64, Rel>,
    after: &HashMap<i64, Rel>,
    truncate: bool,
) -> Vec<MeasuredLock> {
    let mut by_rel: BTreeMap<String, MeasuredLock> = BTreeMap::new();
    for (oid, mode) in raw {
        let Some(rel) = before.get(oid) else {
            continue;
        };
        let rewrite = !truncate
            && matches!(rel.kind, 'r' | 'm')
            && after
                .get(oid)
                .is_some_and(|a| a.filenode.is_some() && a.filenode != rel.filenode);
        let e = by_rel.entry(rel.name.clone()).or_insert(MeasuredLock {
            relation: rel.name.clone(),
            mode: *mode,
            rewrite,
            index: matches!(rel.kind, 'i' | 'I'),
            table: rel.table.clone(),
            size_bytes: None,
            size: None,
            held_before: false,
        });
        e.mode = e.mode.max(*mode);
        e.rewrite |= rewrite;
    }
    by_rel.into_values().collect()
}

/// The statements of a file that are run and traced: not psql
/// meta-commands, not the file's own BEGIN/COMMIT (the trace manages
/// transactions itself).
fn traceable_statements(f: &TraceFile) -> anyhow::Result<Vec<sql::Statement>> {
    let statements = sql::split(&f.sql).map_err(|e| {
        anyhow::anyhow!(
            "{}:{}:{}: cannot split the file into statements: {}",
            f.file,
            e.line,
            e.column,
            e.message
        )
    })?;
    Ok(statements
        .into_iter()
        .filter(|s| s.kind != StatementKind::MetaCommand && s.transaction_control().is_none())
        .collect())
}

/// The model's prediction for one statement, restricted to relations that
/// existed before it (a table the statement creates is nobody else's yet).
fn predicted(text: &str, pg: PgVersion, before: &HashMap<i64, Rel>) -> Vec<RelationLock> {
    let Ok(parsed) = crate::pg::parse::parse(text) else {
        return Vec::new();
    };
    let mut out: Vec<RelationLock> = Vec::new();
    for node in &parsed {
        for l in locks::statement_locks(node, pg) {
            if before.values().any(|r| same_relation(&l.relation, &r.name)) {
                crate::lint::add_lock(&mut out, &l);
            }
        }
    }
    out
}

fn server_message(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => db.message().to_string(),
        None => e.to_string(),
    }
}

/// Runs a transactional statement in a transaction that is rolled back,
/// measuring its locks and rewrites, then runs it for real (so the next
/// statement sees its effect).
async fn trace_in_transaction(
    client: &Client,
    text: &str,
) -> anyhow::Result<Result<(Vec<(i64, LockMode)>, HashMap<i64, Rel>, f64), String>> {
    client.batch_execute("BEGIN").await?;
    let pid: i32 = client
        .query_one("SELECT pg_backend_pid()", &[])
        .await?
        .get(0);
    let started = Instant::now();
    let r = client.batch_execute(text).await;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    if let Err(e) = r {
        client.batch_execute("ROLLBACK").await?;
        return Ok(Err(server_message(&e)));
    }
    let (raw, _) = locks_of(client, pid).await?;
    let after = relations(client).await?;
    client.batch_execute("ROLLBACK").await?;
    // For real, in a transaction of its own (LOCK TABLE needs one).
    if let Err(e) = in_own_transaction(client, text).await? {
        return Ok(Err(server_message(&e)));
    }
    Ok(Ok((raw, after, ms)))
}

/// Runs a statement in a transaction of its own: committed when it worked,
/// rolled back when it failed (the inner error).
async fn in_own_transaction(
    client: &Client,
    text: &str,
) -> anyhow::Result<Result<(), tokio_postgres::Error>> {
    client.batch_execute("BEGIN").await?;
    match client.batch_execute(text).await {
        Ok(()) => {
            client.batch_execute("COMMIT").await?;
            Ok(Ok(()))
        }
        Err(e) => {
            client.batch_execute("ROLLBACK").await?;
            Ok(Err(e))
        }
    }
}

/// Runs a statement that cannot run in a transaction (CREATE INDEX
/// CONCURRENTLY, VACUUM…) for real, watched from a second session: that
/// session first takes SHARE UPDATE EXCLUSIVE on the tables and
/// materialized views the model names (`blockers`: the statements that take
/// them, in a transaction rolled back afterwards), so the statement is
/// caught waiting for its lock, then lets it go and polls its locks until it
/// ends. The duration leaves the wait out.
async fn trace_outside_transaction(
    conn: &ConnInfo,
    client: &Client,
    text: &str,
    blockers: &[String],
) -> anyhow::Result<Result<(Vec<(i64, LockMode)>, f64), String>> {
    let tables = blockers;
    let watcher = conn.connect().await?;
    let pid: i32 = client
        .query_one("SELECT pg_backend_pid()", &[])
        .await?
        .get(0);
    watcher.batch_execute("BEGIN").await?;
    for t in tables {
        watcher.batch_execute(t).await?;
    }
    let mut seen: Vec<(i64, LockMode)> = Vec::new();
    let exec = client.batch_execute(text);
    tokio::pin!(exec);
    let mut released: Option<Instant> = None;
    let started = Instant::now();
    let (result, ended) = loop {
        tokio::select! {
            r = &mut exec => break (r, Instant::now()),
            _ = tokio::time::sleep(Duration::from_millis(2)) => {
                // One look: the relation locks and whether it waits, from
                // the same pg_locks snapshot (so a waiting request is
                // recorded before the wait is ended).
                let (locks, waiting) = locks_of(&watcher, pid).await?;
                for l in locks {
                    if !seen.contains(&l) {
                        seen.push(l);
                    }
                }
                if released.is_none()
                    && (waiting || tables.is_empty() || started.elapsed() > Duration::from_secs(5))
                {
                    watcher.batch_execute("ROLLBACK").await?;
                    released = Some(Instant::now());
                }
            }
        }
    };
    let from = released.unwrap_or(started);
    if released.is_none() {
        watcher.batch_execute("ROLLBACK").await?;
    }
    let ms = ended.saturating_duration_since(from).as_secs_f64() * 1000.0;
    match result {
        Ok(()) => Ok(Ok((seen, ms))),
        Err(e) => Ok(Err(server_message(&e))),
    }
}

/// The statements that hold SHARE UPDATE EXCLUSIVE on what the model says
/// a non-transactional statement locks: tables (an index: its table) with
/// LOCK TABLE, materialized views with a storage-parameter change (LOCK
/// TABLE refuses them). One per relation.
fn blockers(predicted: &[RelationLock], before: &HashMap<i64, Rel>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in predicted {
        let Some(rel) = before
            .values()
            .find(|r| same_relation(&l.relation, &r.name))
        else {
            continue;
        };
        let target = match rel.kind {
            'i' | 'I' => rel
                .table
                .as_ref()
                .and_then(|t| before.values().find(|r| &r.name == t)),
            _ => Some(rel),
        };
        let sql = match target {
            Some(r) if matches!(r.kind, 'r' | 'p') => {
                format!(
                    "LOCK TABLE {} IN SHARE UPDATE EXCLUSIVE MODE NOWAIT",
                    r.quoted
                )
            }
            Some(r) if r.kind == 'm' => format!(
                "ALTER MATERIALIZED VIEW {} SET (autovacuum_enabled = true)",
                r.quoted
            ),
            _ => continue,
        };
        if !out.contains(&sql) {
            out.push(sql);
        }
    }
    out
}

/// Traces `files` in order on the throwaway cluster `conn`: files with
/// `traced = false` are applied as they are; every statement of the others
/// is measured. Stops at the first statement that fails (the next ones
/// would fail for its sake).
pub async fn trace_files(
    conn: &ConnInfo,
    files: &[TraceFile],
    pg: PgVersion,
) -> anyhow::Result<Vec<Traced>> {
    let client = conn.connect().await?;
    let server_num: i32 = client
        .query_one("SELECT current_setting('server_version_num')::int", &[])
        .await?
        .get(0);
    let mut out = Vec::new();
    for f in files {
        for stmt in &traceable_statements(f)? {
            let text = stmt.text(&f.sql);
            if !f.traced {
                let applied = if stmt.is_non_transactional(server_num) {
                    client.batch_execute(text).await
                } else {
                    in_own_transaction(&client, text).await?
                };
                if let Err(e) = applied {
                    anyhow::bail!(
                        "{}:{}: preparing the throwaway schema failed: {}",
                        f.file,
                        (f.line_of)(stmt.range.start),
                        server_message(&e)
                    );
                }
                continue;
            }
            let before = relations(&client).await?;
            let lock = predicted(text, pg, &before);
            let transactional = !stmt.is_non_transactional(server_num);
            let mut t = Traced {
                file: f.file.clone(),
                line: (f.line_of)(stmt.range.start),
                statement: crate::lint::abbreviate(&(f.shown)(stmt.range.clone()), 160),
                lock,
                measured: None,
                mismatches: Vec::new(),
                error: None,
                not_run: None,
            };
            let outcome = if transactional {
                trace_in_transaction(&client, text).await?
            } else {
                let tables = blockers(&t.lock, &before);
                match trace_outside_transaction(conn, &client, text, &tables).await? {
                    Ok((raw, ms)) => {
                        let after = relations(&client).await?;
                        Ok((raw, after, ms))
                    }
                    Err(e) => Err(e),
                }
            };
            match outcome {
                Ok((raw, after, ms)) => {
                    let truncate = is_truncate(text);
                    let locks = measured_locks(&raw, &before, &after, truncate);
                    let table_of_index = |name: &str| {
                        before
                            .values()
                            .find(|r| matches!(r.kind, 'i' | 'I') && same_relation(name, &r.name))
                            .and_then(|r| r.table.clone())
                    };
                    t.mismatches = compare(&t.lock, &locks, &table_of_index);
                    t.measured = Some(Measured {
                        locks,
                        duration_ms: (ms * 1000.0).round() / 1000.0,
                        in_transaction: transactional,
                    });
                    out.push(t);
                }
                Err(e) => {
                    t.error = Some(e);
                    out.push(t);
                    return Ok(out);
                }
            }
        }
    }
    Ok(out)
}

/// `pg_total_relation_size` of each oid that still exists: oid → (bytes,
/// `pg_size_pretty`).
async fn sizes(client: &Client, oids: &[i64]) -> anyhow::Result<HashMap<i64, (i64, String)>> {
    let rows = client
        .query(
            "SELECT o, pg_total_relation_size(o::oid), pg_size_pretty(pg_total_relation_size(o::oid))
             FROM unnest($1::bigint[]) AS o",
            &[&oids],
        )
        .await?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            let bytes: Option<i64> = r.get(1);
            let pretty: Option<String> = r.get(2);
            Some((r.get::<_, i64>(0), (bytes?, pretty?)))
        })
        .collect())
}

/// `--on`: the statements of `files` (all traced) on the database `conn`
/// points at, inside ONE transaction that is rolled back at the end: each
/// statement in a savepoint (released, so the next one sees its effect),
/// its locks those its backend did not hold before it, each locked table's
/// size beside them. Non-transactional statements are not run (and
/// reported so). A dropped connection (Ctrl-C, kill) ends the transaction
/// without a commit; `client_connection_check_interval` (PostgreSQL 14+)
/// makes the server notice it during a long statement too.
pub async fn trace_on(
    conn: &ConnInfo,
    files: &[TraceFile],
    pg: PgVersion,
) -> anyhow::Result<Vec<Traced>> {
    let client = conn.connect().await?;
    let server_num: i32 = client
        .query_one("SELECT current_setting('server_version_num')::int", &[])
        .await?
        .get(0);
    if server_num >= 140000 {
        client
            .batch_execute("SET client_connection_check_interval = '1s'")
            .await?;
    }
    client
        .batch_execute("SET idle_in_transaction_session_timeout = '60s'")
        .await?;
    client.batch_execute("BEGIN").await?;
    let pid: i32 = client
        .query_one("SELECT pg_backend_pid()", &[])
        .await?
        .get(0);
    let r = trace_in_one_transaction(&client, files, pg, server_num, pid).await;
    // Whatever happened, nothing is kept.
    let rolled_back = client.batch_execute("ROLLBACK").await;
    let out = r?;
    rolled_back?;
    Ok(out)
}

async fn trace_in_one_transaction(
    client: &Client,
    files: &[TraceFile],
    pg: PgVersion,
    server_num: i32,
    pid: i32,
) -> anyhow::Result<Vec<Traced>> {
    let mut out = Vec::new();
    for f in files {
        for stmt in &traceable_statements(f)? {
            let text = stmt.text(&f.sql);
            let before = relations(client).await?;
            let mut t = Traced {
                file: f.file.clone(),
                line: (f.line_of)(stmt.range.start),
                statement: crate::lint::abbreviate(&(f.shown)(stmt.range.clone()), 160),
                lock: predicted(text, pg, &before),
                measured: None,
                mismatches: Vec::new(),
                error: None,
                not_run: None,
            };
            if stmt.is_non_transactional(server_num) {
                t.not_run = Some(NOT_RUN_NON_TRANSACTIONAL.into());
                out.push(t);
                continue;
            }
            let (held, _) = locks_of(client, pid).await?;
            client.batch_execute("SAVEPOINT dbtool_trace").await?;
            let started = Instant::now();
            let r = client.batch_execute(text).await;
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            if let Err(e) = r {
                client
                    .batch_execute("ROLLBACK TO SAVEPOINT dbtool_trace")
                    .await?;
                t.error = Some(server_message(&e));
                out.push(t);
                return Ok(out);
            }
            let (now, _) = locks_of(client, pid).await?;
            let after = relations(client).await?;
            let new: Vec<(i64, LockMode)> = now.into_iter().filter(|l| !held.contains(l)).collect();
            let truncate = is_truncate(text);
            let mut locks = measured_locks(&new, &before, &after, truncate);
            // A mode an earlier statement already took is held, not seen
            // anew (pg_locks has one row per mode): the predicted mode,
            // when held, counts as this statement's, marked `held_before`.
            for p in &t.lock {
                let Some((oid, rel)) = before
                    .iter()
                    .find(|(_, r)| same_relation(&p.relation, &r.name))
                else {
                    continue;
                };
                if !held.contains(&(*oid, p.mode)) {
                    continue;
                }
                match locks.iter_mut().find(|l| l.relation == rel.name) {
                    Some(l) if l.mode < p.mode => {
                        l.mode = p.mode;
                        l.held_before = true;
                    }
                    Some(_) => {}
                    None => {
                        let mut m = measured_locks(&[(*oid, p.mode)], &before, &after, truncate);
                        for l in &mut m {
                            l.held_before = true;
                        }
                        locks.extend(m);
                    }
                }
            }
            let tables: Vec<i64> = new
                .iter()
                .map(|(o, _)| *o)
                .chain(
                    before
                        .iter()
                        .filter(|(_, r)| locks.iter().any(|l| l.relation == r.name))
                        .map(|(o, _)| *o),
                )
                .filter(|o| {
                    before
                        .get(o)
                        .is_some_and(|r| matches!(r.kind, 'r' | 'm' | 'p'))
                })
                .collect();
            let sized = sizes(client, &tables).await?;
            for l in &mut locks {
                if let Some((_, (bytes, pretty))) = sized
                    .iter()
                    .find(|(o, _)| before.get(o).is_some_and(|r| r.name == l.relation))
                {
                    l.size_bytes = Some(*bytes);
                    l.size = Some(pretty.clone());
                }
            }
            client
                .batch_execute("RELEASE SAVEPOINT dbtool_trace")
                .await?;
            let table_of_index = |name: &str| {
                before
                    .values()
                    .find(|r| matches!(r.kind, 'i' | 'I') && same_relation(name, &r.name))
                    .and_then(|r| r.table.clone())
            };
            t.mismatches = compare(&t.lock, &locks, &table_of_index);
            t.measured = Some(Measured {
                locks,
                duration_ms: (ms * 1000.0).round() / 1000.0,
                in_transaction: true,
            });
            out.push(t);
        }
    }
    Ok(out)
}

/// Whether the text is a TRUNCATE (its new file is not a rewrite).
fn is_truncate(text: &str) -> bool {
    crate::pg::parse::parse(text).is_ok_and(|nodes| {
        nodes
            .iter()
            .any(|n| matches!(n, pg_query::NodeEnum::TruncateStmt(_)))
    })
}

/// A duration the way a person reads it: `850 ms`, `4.2 s`, `40 s`,
/// `3 min 5 s`. Pure.
pub fn human_duration(ms: f64) -> String {
    if ms < 1.0 {
        format!("{ms:.2} ms")
    } else if ms < 1000.0 {
        format!("{ms:.0} ms")
    } else if ms < 10_000.0 {
        format!("{:.1} s", ms / 1000.0)
    } else if ms < 60_000.0 {
        format!("{:.0} s", ms / 1000.0)
    } else {
        let s = (ms / 1000.0).round() as u64;
        format!("{} min {} s", s / 60, s % 60)
    }
}

/// `--on`'s sentences for one statement: `ACCESS EXCLUSIVE on public.events
/// (12 GB) for 40 s`, one per lock [`show_measured`] shows. Pure.
pub fn sized_lines(predicted: &[RelationLock], m: &Measured) -> Vec<String> {
    m.locks
        .iter()
        .filter(|l| shown_lock(predicted, l))
        .map(|l| {
            format!(
                "{} on {}{}{} for {}{}",
                l.mode,
                l.relation,
                l.size
                    .as_ref()
                    .map(|s| format!(" ({s})"))
                    .unwrap_or_default(),
                if l.rewrite { ", rewritten," } else { "" },
                human_duration(m.duration_ms),
                if l.held_before {
                    " (already held by an earlier statement)"
                } else {
                    ""
                }
            )
        })
        .collect()
}

/// Whether [`show_measured`] shows a lock: the model names its relation,
/// or it is more than a read and not on an index.
fn shown_lock(predicted: &[RelationLock], l: &MeasuredLock) -> bool {
    predicted
        .iter()
        .any(|p| same_relation(&p.relation, &l.relation))
        || !(l.index
            || (matches!(l.mode, LockMode::AccessShare | LockMode::RowShare) && !l.rewrite))
}

/// `ACCESS EXCLUSIVE on public.t (rewrite)`, joined: the text form. Pure.
pub fn show_predicted(locks: &[RelationLock]) -> String {
    if locks.is_empty() {
        return "-".into();
    }
    locks
        .iter()
        .map(|l| {
            format!(
                "{} on {}{}",
                l.mode,
                l.relation,
                if l.rewrite { " (rewrite)" } else { "" }
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The measured locks the same way (read-only and index locks the model
/// does not name left out, as [`compare`] does). Pure.
pub fn show_measured(predicted: &[RelationLock], m: &Measured) -> String {
    let shown: Vec<String> = m
        .locks
        .iter()
        .filter(|l| shown_lock(predicted, l))
        .map(|l| {
            let name = l.relation.strip_prefix("public.").unwrap_or(&l.relation);
            let name = predicted
                .iter()
                .find(|p| same_relation(&p.relation, &l.relation))
                .map(|p| p.relation.as_str())
                .unwrap_or(name);
            format!(
                "{} on {name}{}{}",
                l.mode,
                l.size
                    .as_ref()
                    .map(|s| format!(" ({s})"))
                    .unwrap_or_default(),
                if l.rewrite { " (rewrite)" } else { "" }
            )
        })
        .collect();
    if shown.is_empty() {
        "-".into()
    } else {
        shown.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use LockMode::*;

    fn p(rel: &str, mode: LockMode, rewrite: bool) -> RelationLock {
        RelationLock {
            relation: rel.into(),
            mode,
            rewrite,
            scan: false,
        }
    }

    fn m(rel: &str, mode: LockMode, rewrite: bool, index: bool) -> MeasuredLock {
        MeasuredLock {
            relation: rel.into(),
            mode,
            rewrite,
            index,
            table: None,
            size_bytes: None,
            size: None,
            held_before: false,
        }
    }

    #[test]
    fn durations_read_like_a_person_writes_them() {
        assert_eq!(human_duration(0.42), "0.42 ms");
        assert_eq!(human_duration(172.4), "172 ms");
        assert_eq!(human_duration(4_230.0), "4.2 s");
        assert_eq!(human_duration(40_400.0), "40 s");
        assert_eq!(human_duration(185_000.0), "3 min 5 s");
    }

    #[test]
    fn sized_lines_name_size_time_and_a_held_mode() {
        let mut l = m("public.events", AccessExclusive, true, false);
        l.size = Some("12 GB".into());
        l.held_before = true;
        let measured = Measured {
            locks: vec![l, m("public.users", AccessShare, false, false)],
            duration_ms: 40_000.0,
            in_transaction: true,
        };
        assert_eq!(
            sized_lines(&[p("events", AccessExclusive, true)], &measured),
            ["ACCESS EXCLUSIVE on public.events (12 GB), rewritten, for 40 s (already held by an earlier statement)"]
        );
    }

    #[test]
    fn names_match_qualified_or_in_public() {
        assert!(same_relation("events", "public.events"));
        assert!(same_relation("public.events", "public.events"));
        assert!(same_relation("app.events", "app.events"));
        assert!(!same_relation("events", "app.events"));
        assert!(!same_relation("event", "public.events"));
    }

    fn no_index(_: &str) -> Option<String> {
        None
    }

    fn events_index(name: &str) -> Option<String> {
        (name == "events_kind_idx").then(|| "public.events".to_string())
    }

    #[test]
    fn agreement_and_each_kind_of_mismatch() {
        // Agreement; a read of another relation and an index lock are not differences.
        assert!(compare(
            &[p("events", AccessExclusive, true)],
            &[
                m("public.events", AccessExclusive, true, false),
                m("public.users", AccessShare, false, false),
                m("public.events_pkey", AccessExclusive, false, true),
                m("public.customers", RowShare, false, false),
            ],
            &no_index
        )
        .is_empty());
        assert_eq!(
            compare(
                &[p("events", AccessExclusive, true)],
                &[m("public.events", ShareUpdateExclusive, false, false)],
                &no_index
            ),
            [
                "events: the model predicts ACCESS EXCLUSIVE, measured SHARE UPDATE EXCLUSIVE",
                "events: the model predicts a rewrite, measured no rewrite"
            ]
        );
        // DROP INDEX: the index's table in the index's mode is the model's lock.
        let mut idx = m("public.events_kind_idx", AccessExclusive, false, true);
        idx.table = Some("public.events".into());
        assert!(compare(
            &[p("events_kind_idx", AccessExclusive, false)],
            &[
                idx.clone(),
                m("public.events", AccessExclusive, false, false)
            ],
            &events_index
        )
        .is_empty());
        assert_eq!(
            compare(
                &[p("events_kind_idx", ShareUpdateExclusive, false)],
                &[idx, m("public.events", AccessExclusive, false, false)],
                &events_index
            )
            .len(),
            2
        );
        // The index's lock itself unseen: its table in the same mode is enough.
        assert!(compare(
            &[p("events_kind_idx", ShareUpdateExclusive, false)],
            &[m("public.events", ShareUpdateExclusive, false, false)],
            &events_index
        )
        .is_empty());
        assert_eq!(
            compare(&[p("events", Share, false)], &[], &no_index),
            ["events: the model predicts SHARE, no lock was measured"]
        );
        assert_eq!(
            compare(
                &[],
                &[m("public.users", ShareRowExclusive, false, false)],
                &no_index
            ),
            ["public.users: measured SHARE ROW EXCLUSIVE, the model predicts no lock"]
        );
    }

    #[test]
    fn measured_locks_fold_and_skip_new_relations() {
        let rel = |name: &str, kind: char, node: i64| Rel {
            name: name.into(),
            kind,
            filenode: Some(node),
            table: (kind == 'i').then(|| "public.t".to_string()),
            quoted: name.into(),
        };
        let before: HashMap<i64, Rel> = [
            (1, rel("public.t", 'r', 10)),
            (2, rel("public.t_pkey", 'i', 20)),
        ]
        .into();
        let after: HashMap<i64, Rel> = [
            (1, rel("public.t", 'r', 11)),
            (2, rel("public.t_pkey", 'i', 21)),
            (3, rel("public.new", 'r', 30)),
        ]
        .into();
        let got = measured_locks(
            &[
                (1, AccessShare),
                (1, AccessExclusive),
                (2, AccessExclusive),
                (3, AccessExclusive),
                (99, AccessShare),
            ],
            &before,
            &after,
            false,
        );
        let mut pkey = m("public.t_pkey", AccessExclusive, false, true);
        pkey.table = Some("public.t".into());
        assert_eq!(
            got,
            [m("public.t", AccessExclusive, true, false), pkey.clone()]
        );
        // TRUNCATE's new file is not a rewrite.
        let got = measured_locks(&[(1, AccessExclusive)], &before, &after, true);
        assert_eq!(got, [m("public.t", AccessExclusive, false, false)]);
    }
}
