//! The Flyway schema history table on PostgreSQL: its exact DDL, reading rows
//! of every type Flyway writes, inserting and updating rows, and the advisory
//! lock key. Touches PostgreSQL (the history table).

use chrono::NaiveDateTime;
use tokio_postgres::GenericClient;

use super::version::Version;

/// Description of the row Flyway writes when it creates the schemas.
pub const SCHEMA_DESCRIPTION: &str = "<< Flyway Schema Creation >>";
/// Default description of a `baseline` row.
pub const BASELINE_DESCRIPTION: &str = "<< Flyway Baseline >>";
/// Flyway's advisory lock base: 0x466C79776179, "Flyway".
pub const LOCK_BASE: i64 = 77_431_708_279_161;

/// One row of the history table.
#[derive(Debug, Clone, PartialEq)]
pub struct AppliedMigration {
    pub installed_rank: i32,
    /// The version parsed (None for repeatables, SCHEMA rows, or text that is not a version).
    pub version: Option<Version>,
    /// The version exactly as stored.
    pub version_text: Option<String>,
    pub description: String,
    /// `type`: SQL, BASELINE, SCHEMA, DELETE, UNDO_SQL, SQL_BASELINE, JDBC…
    pub kind: String,
    pub script: String,
    pub checksum: Option<i32>,
    pub installed_by: String,
    pub installed_on: NaiveDateTime,
    /// Milliseconds.
    pub execution_time: i32,
    pub success: bool,
}

/// Where the history table is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryTable {
    pub schema: String,
    pub table: String,
}

/// `"name"` with embedded quotes doubled.
pub fn quote_ident(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// `'text'` with embedded quotes doubled.
pub fn quote_literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Java's `String.hashCode()` (UTF-16 code units, wrapping 31·h + c).
pub fn java_hash_code(s: &str) -> i32 {
    s.encode_utf16()
        .fold(0i32, |h, c| h.wrapping_mul(31).wrapping_add(c as i32))
}

impl HistoryTable {
    /// `"schema"."table"`.
    pub fn qualified(&self) -> String {
        format!("{}.{}", quote_ident(&self.schema), quote_ident(&self.table))
    }

    /// Flyway's advisory lock key for this table.
    pub fn lock_key(&self) -> i64 {
        LOCK_BASE + java_hash_code(&self.qualified()) as i64
    }

    /// Flyway's PostgreSQL DDL for the table and its index.
    pub fn create_sql(&self) -> String {
        let q = self.qualified();
        let pk = quote_ident(&format!("{}_pk", self.table));
        let idx = quote_ident(&format!("{}_s_idx", self.table));
        format!(
            "CREATE TABLE {q} (\n    \"installed_rank\" INT NOT NULL,\n    \"version\" VARCHAR(50),\n    \"description\" VARCHAR(200) NOT NULL,\n    \"type\" VARCHAR(20) NOT NULL,\n    \"script\" VARCHAR(1000) NOT NULL,\n    \"checksum\" INTEGER,\n    \"installed_by\" VARCHAR(100) NOT NULL,\n    \"installed_on\" TIMESTAMP NOT NULL DEFAULT now(),\n    \"execution_time\" INTEGER NOT NULL,\n    \"success\" BOOLEAN NOT NULL\n);\nALTER TABLE {q} ADD CONSTRAINT {pk} PRIMARY KEY (\"installed_rank\");\nCREATE INDEX {idx} ON {q} (\"success\");"
        )
    }

    /// The INSERT of a migration's row inside its transaction: literal
    /// values, the execution time measured by the server since
    /// [`MIGRATION_START_SQL`] ran, and written only while `guard`'s session
    /// holds the migration lock: otherwise the statement fails (see
    /// [`LockGuard::failing_sql`]), so a COMMIT sent after it never runs.
    /// Returns `execution_time`.
    pub fn insert_timed_guarded(&self, row: &NewRow, guard: &LockGuard) -> String {
        let opt = |v: &Option<String>| {
            v.as_deref()
                .map(quote_literal)
                .unwrap_or_else(|| "NULL".into())
        };
        format!(
            "INSERT INTO {} (\"installed_rank\", \"version\", \"description\", \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\") SELECT {}, {}, {}, {}, {}, {}::int, {}, (extract(epoch FROM clock_timestamp() - current_setting('dbtool.migration_start')::timestamptz) * 1000)::int, {} WHERE {} = 1 RETURNING \"execution_time\"",
            self.qualified(),
            row.installed_rank,
            opt(&row.version),
            quote_literal(&abbreviate(&row.description, 200)),
            quote_literal(&row.kind),
            quote_literal(&abbreviate(&row.script, 1000)),
            row.checksum.map(|c| c.to_string()).unwrap_or_else(|| "NULL".into()),
            quote_literal(&abbreviate(&row.installed_by, 100)),
            row.success,
            guard.failing_sql()
        )
    }

    /// The same INSERT with literal values, for `--dry-run` output.
    pub fn insert_literal(&self, row: &NewRow) -> String {
        let opt = |v: &Option<String>| {
            v.as_deref()
                .map(quote_literal)
                .unwrap_or_else(|| "NULL".into())
        };
        format!(
            "INSERT INTO {} (\"installed_rank\", \"version\", \"description\", \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\") VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {});",
            self.qualified(),
            row.installed_rank,
            opt(&row.version),
            quote_literal(&row.description),
            quote_literal(&row.kind),
            quote_literal(&row.script),
            row.checksum.map(|c| c.to_string()).unwrap_or_else(|| "NULL".into()),
            quote_literal(&row.installed_by),
            row.execution_time,
            row.success
        )
    }
}

/// Marks the start of a migration inside its transaction, for the
/// execution time [`HistoryTable::insert_timed_guarded`] records.
pub const MIGRATION_START_SQL: &str =
    "SELECT set_config('dbtool.migration_start', clock_timestamp()::text, true)";

/// The session holding the migration lock: history writes made during a run
/// carry a condition on it, so a row is never written once the lock is lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockGuard {
    /// Backend pid of the lock session.
    pub pid: i32,
    /// The advisory lock key ([`HistoryTable::lock_key`]).
    pub key: i64,
}

impl LockGuard {
    /// An SQL condition true while the lock session holds the lock in this
    /// database (advisory locks are per database).
    pub fn held_sql(&self) -> String {
        format!(
            "EXISTS (SELECT 1 FROM pg_catalog.pg_locks WHERE locktype = 'advisory' AND granted AND pid = {} AND objsubid = 1 AND classid::bigint = ({}::bigint >> 32) AND objid::bigint = ({}::bigint & 4294967295) AND database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database()))",
            self.pid, self.key, self.key
        )
    }

    /// An expression that is 1 while the lock is held and fails with
    /// `division_by_zero` (SQLSTATE 22012) once it is not: evaluated at run
    /// time (the condition is not a constant), it stops the request it is
    /// in, and everything after it.
    pub fn failing_sql(&self) -> String {
        format!("(1 / (CASE WHEN {} THEN 1 ELSE 0 END))", self.held_sql())
    }

    /// A statement that fails (as [`LockGuard::failing_sql`]) unless the lock
    /// is held.
    pub fn check_sql(&self) -> String {
        format!("SELECT {}", self.failing_sql())
    }
}

/// A row about to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRow {
    pub installed_rank: i32,
    pub version: Option<String>,
    pub description: String,
    pub kind: String,
    pub script: String,
    pub checksum: Option<i32>,
    pub installed_by: String,
    pub execution_time: i32,
    pub success: bool,
}

/// Flyway abbreviates descriptions longer than the column (200).
pub fn abbreviate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max - 3).collect();
        out.push_str("...");
        out
    }
}

/// Whether the history table exists.
pub async fn exists(client: &impl GenericClient, t: &HistoryTable) -> anyhow::Result<bool> {
    let row = client
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p'))",
            &[&t.schema, &t.table],
        )
        .await?;
    Ok(row.get(0))
}

/// Reads every row, by installed_rank. Missing table: no rows.
pub async fn read(
    client: &impl GenericClient,
    t: &HistoryTable,
) -> anyhow::Result<Vec<AppliedMigration>> {
    if !exists(client, t).await? {
        return Ok(Vec::new());
    }
    let rows = client
        .query(
            &format!(
                "SELECT installed_rank, version::text, description::text, type::text, script::text, checksum, installed_by::text, installed_on::timestamp, execution_time, success FROM {} ORDER BY installed_rank",
                t.qualified()
            ),
            &[],
        )
        .await?;
    Ok(rows
        .iter()
        .map(|r| {
            let version_text: Option<String> = r.get(1);
            AppliedMigration {
                installed_rank: r.get(0),
                version: version_text.as_deref().and_then(|v| Version::parse(v).ok()),
                version_text,
                description: r.get(2),
                kind: r.get(3),
                script: r.get(4),
                checksum: r.get(5),
                installed_by: r.get(6),
                installed_on: r.get(7),
                execution_time: r.get(8),
                success: r.get(9),
            }
        })
        .collect())
}

/// The next installed_rank (1 for an empty table).
pub async fn next_rank(client: &impl GenericClient, t: &HistoryTable) -> anyhow::Result<i32> {
    let row = client
        .query_one(
            &format!(
                "SELECT COALESCE(MAX(installed_rank), 0) + 1 FROM {}",
                t.qualified()
            ),
            &[],
        )
        .await?;
    Ok(row.get(0))
}

/// Inserts one row while `guard` holds the migration lock; returns the
/// number of rows written (1, or 0 when the lock is gone).
pub async fn insert(
    client: &impl GenericClient,
    t: &HistoryTable,
    row: &NewRow,
    guard: &LockGuard,
) -> anyhow::Result<u64> {
    let sql = format!(
        "INSERT INTO {} (\"installed_rank\", \"version\", \"description\", \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\") SELECT $1::int, $2::varchar, $3::varchar, $4::varchar, $5::varchar, $6::int, $7::varchar, $8::int, $9::bool WHERE {}",
        t.qualified(),
        guard.held_sql()
    );
    let n = client
        .execute(
            &sql,
            &[
                &row.installed_rank,
                &row.version,
                &abbreviate(&row.description, 200),
                &row.kind,
                &abbreviate(&row.script, 1000),
                &row.checksum,
                &abbreviate(&row.installed_by, 100),
                &row.execution_time,
                &row.success,
            ],
        )
        .await?;
    Ok(n)
}

/// Updates the row of `rank` while `guard` holds the migration lock:
/// `success = true` and the execution time (or only the time when
/// `success` is false); returns the number of rows updated (1, or 0).
pub async fn finish(
    client: &impl GenericClient,
    t: &HistoryTable,
    rank: i32,
    execution_time: i32,
    success: bool,
    guard: &LockGuard,
) -> anyhow::Result<u64> {
    let set = if success {
        "success = true, execution_time = $2, installed_on = now()"
    } else {
        "execution_time = $2"
    };
    let n = client
        .execute(
            &format!(
                "UPDATE {} SET {set} WHERE installed_rank = $1 AND {}",
                t.qualified(),
                guard.held_sql()
            ),
            &[&rank, &execution_time],
        )
        .await?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_key_matches_flyway() {
        let t = HistoryTable {
            schema: "public".into(),
            table: "flyway_schema_history".into(),
        };
        assert_eq!(t.lock_key(), 77_433_833_903_597);
        assert_eq!(java_hash_code(""), 0);
        assert_eq!(java_hash_code("hello"), 99_162_322);
    }

    #[test]
    fn ddl_names_pk_and_index_after_the_table() {
        let t = HistoryTable {
            schema: "app".into(),
            table: "hist".into(),
        };
        let ddl = t.create_sql();
        assert!(ddl
            .starts_with("CREATE TABLE \"app\".\"hist\" (\n    \"installed_rank\" INT NOT NULL,"));
        assert!(ddl.contains("ADD CONSTRAINT \"hist_pk\" PRIMARY KEY (\"installed_rank\")"));
        assert!(ddl.contains("CREATE INDEX \"hist_s_idx\" ON \"app\".\"hist\" (\"success\")"));
    }

    #[test]
    fn literal_insert_and_abbreviation() {
        let t = HistoryTable {
            schema: "public".into(),
            table: "h".into(),
        };
        let row = NewRow {
            installed_rank: 3,
            version: Some("1.1".into()),
            description: "it's".into(),
            kind: "SQL".into(),
            script: "V1_1__it's.sql".into(),
            checksum: Some(-5),
            installed_by: "me".into(),
            execution_time: 0,
            success: true,
        };
        assert!(t
            .insert_literal(&row)
            .ends_with("VALUES (3, '1.1', 'it''s', 'SQL', 'V1_1__it''s.sql', -5, 'me', 0, true);"));
        assert_eq!(abbreviate("abcdef", 5), "ab...");
        let guard = LockGuard {
            pid: 42,
            key: t.lock_key(),
        };
        let g = t.insert_timed_guarded(&row, &guard);
        assert!(g.contains("SELECT 3, '1.1', 'it''s', 'SQL', 'V1_1__it''s.sql', -5::int, 'me', (extract(epoch FROM clock_timestamp() - current_setting('dbtool.migration_start')::timestamptz) * 1000)::int, true WHERE (1 / (CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_locks WHERE locktype = 'advisory' AND granted AND pid = 42 "), "{g}");
        assert!(g.contains(" THEN 1 ELSE 0 END)) = 1 RETURNING"), "{g}");
        assert!(g.ends_with("RETURNING \"execution_time\""), "{g}");
    }
}
