//! The lint rules: their ids, default severities, the why (lock taken, what
//! it blocks) and the safe alternative as SQL, and the checks that apply
//! them to one parsed statement with the context of its file (tables created
//! earlier in the file, transaction state, target PostgreSQL version).
//! Pure; touches no external system.

use std::collections::{HashMap, HashSet};

use pg_query::protobuf::{
    self, AlterTableType as T, ConstrType, DropBehavior, ObjectType, TransactionStmtKind,
};
use pg_query::NodeEnum;

use super::ast::{self, ColumnInfo, TypeInfo};
use super::{PgVersion, Severity};

/// A rule's documentation.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    /// One line: what is flagged.
    pub summary: &'static str,
    /// Why it is unsafe: the lock taken and what it blocks.
    pub why: &'static str,
    /// The lock level, as in the PostgreSQL documentation.
    pub lock: &'static str,
    /// The safe alternative, as SQL.
    pub safe: &'static str,
    /// Whether squawk has a rule with this id.
    pub squawk: bool,
}

macro_rules! rule {
    ($id:literal, $sev:ident, $squawk:literal, $summary:literal, $lock:literal, $why:literal, $safe:literal) => {
        Rule {
            id: $id,
            severity: Severity::$sev,
            summary: $summary,
            lock: $lock,
            why: $why,
            safe: $safe,
            squawk: $squawk,
        }
    };
}

/// Every rule, in documentation order.
pub static RULES: &[Rule] = &[
    rule!("require-concurrent-index-creation", Error, true,
        "CREATE INDEX without CONCURRENTLY on an existing table",
        "SHARE",
        "CREATE INDEX holds a SHARE lock on the table for the whole index build: every INSERT, UPDATE and DELETE waits until the build finishes (minutes on a large table).",
        "-- in a migration of its own (dbtool runs it outside a transaction):\nCREATE INDEX CONCURRENTLY IF NOT EXISTS events_created_at_idx ON events (created_at);"),
    rule!("require-concurrent-index-deletion", Error, true,
        "DROP INDEX without CONCURRENTLY",
        "ACCESS EXCLUSIVE",
        "DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table: it waits behind every running query on the table and blocks all reads and writes queued behind it.",
        "-- in a migration of its own:\nDROP INDEX CONCURRENTLY IF EXISTS events_created_at_idx;"),
    rule!("require-concurrent-reindex", Error, true,
        "REINDEX without CONCURRENTLY",
        "SHARE (ACCESS EXCLUSIVE on the index)",
        "REINDEX locks out writes to the table and takes an ACCESS EXCLUSIVE lock on each index rebuilt, so queries using the index block too, for the length of the rebuild.",
        "-- PostgreSQL 12+, in a migration of its own:\nREINDEX INDEX CONCURRENTLY events_created_at_idx;"),
    rule!("require-concurrent-detach-partition", Error, false,
        "DETACH PARTITION without CONCURRENTLY",
        "ACCESS EXCLUSIVE on the parent",
        "DETACH PARTITION takes an ACCESS EXCLUSIVE lock on the partitioned table: every query on every partition waits.",
        "-- PostgreSQL 14+, in a migration of its own (cannot run in a transaction):\nALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY;"),
    rule!("constraint-missing-not-valid", Error, true,
        "ADD CONSTRAINT … CHECK without NOT VALID on an existing table",
        "ACCESS EXCLUSIVE",
        "Adding a CHECK constraint scans the whole table to validate it while holding an ACCESS EXCLUSIVE lock: reads and writes block for the length of the scan.",
        "ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0) NOT VALID;\n-- in a later migration (SHARE UPDATE EXCLUSIVE: reads and writes continue):\nALTER TABLE orders VALIDATE CONSTRAINT orders_amount_positive;"),
    rule!("adding-foreign-key-constraint", Error, true,
        "a FOREIGN KEY added to an existing table without NOT VALID",
        "SHARE ROW EXCLUSIVE on both tables",
        "Adding a foreign key validates every row while holding SHARE ROW EXCLUSIVE locks on the table and the referenced table: writes to both block for the length of the scan.",
        "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\n-- in a later migration (SHARE UPDATE EXCLUSIVE / ROW SHARE):\nALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;"),
    rule!("adding-field-with-default", Error, true,
        "ADD COLUMN with a volatile default (any default before PostgreSQL 11), identity or stored generated column",
        "ACCESS EXCLUSIVE",
        "The default must be computed for every existing row, so the table is rewritten under an ACCESS EXCLUSIVE lock: reads and writes block for the whole rewrite. Since PostgreSQL 11 a non-volatile default is stored in the catalog and is instant.",
        "ALTER TABLE events ADD COLUMN request_id uuid;                      -- instant\nALTER TABLE events ALTER COLUMN request_id SET DEFAULT gen_random_uuid(); -- new rows only\n-- backfill in batches, outside the DDL transaction:\nUPDATE events SET request_id = gen_random_uuid() WHERE id BETWEEN 1 AND 10000 AND request_id IS NULL;"),
    rule!("adding-required-field", Error, true,
        "ADD COLUMN … NOT NULL without a default",
        "ACCESS EXCLUSIVE",
        "Adding a NOT NULL column without a default fails on any table that has rows, and breaks INSERTs from application code that does not know the column yet.",
        "ALTER TABLE events ADD COLUMN tenant_id bigint NOT NULL DEFAULT 0;\n-- or: add it nullable, backfill, then add NOT NULL safely (see adding-not-nullable-field)"),
    rule!("adding-not-nullable-field", Error, true,
        "ALTER COLUMN … SET NOT NULL on an existing table",
        "ACCESS EXCLUSIVE",
        "SET NOT NULL scans the whole table to check for NULLs while holding an ACCESS EXCLUSIVE lock: reads and writes block for the length of the scan. Not flagged on PostgreSQL 12+ when a validated CHECK (col IS NOT NULL) on the column was added earlier in the file or run: PostgreSQL then proves the column has no NULLs from the constraint and skips the scan.",
        "ALTER TABLE events ADD CONSTRAINT events_tenant_id_not_null CHECK (tenant_id IS NOT NULL) NOT VALID;\n-- next migration:\nALTER TABLE events VALIDATE CONSTRAINT events_tenant_id_not_null;\n-- PostgreSQL 12+ then skips the scan:\nALTER TABLE events ALTER COLUMN tenant_id SET NOT NULL;\nALTER TABLE events DROP CONSTRAINT events_tenant_id_not_null;"),
    rule!("adding-serial-primary-key-field", Error, true,
        "ADD PRIMARY KEY without USING INDEX on an existing table",
        "ACCESS EXCLUSIVE",
        "Adding a primary key builds its unique index (and checks NOT NULL) while holding an ACCESS EXCLUSIVE lock: reads and writes block for the whole build.",
        "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS items_pkey_idx ON items (id);\n-- next migration:\nALTER TABLE items ADD CONSTRAINT items_pkey PRIMARY KEY USING INDEX items_pkey_idx;"),
    rule!("disallowed-unique-constraint", Error, true,
        "ADD UNIQUE without USING INDEX on an existing table",
        "ACCESS EXCLUSIVE",
        "Adding a UNIQUE constraint builds its index while holding an ACCESS EXCLUSIVE lock: reads and writes block for the whole build.",
        "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);\n-- next migration:\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;"),
    rule!("changing-column-type", Error, true,
        "ALTER COLUMN … TYPE that is not binary-coercible",
        "ACCESS EXCLUSIVE",
        "Changing a column's type rewrites the table and rebuilds its indexes under an ACCESS EXCLUSIVE lock: reads and writes block for the whole rewrite. varchar → text, widening varchar(n) or numeric(p,s), and dropping a length limit are exempt (no rewrite).",
        "ALTER TABLE events ADD COLUMN amount_new bigint;\n-- keep both in sync (trigger or application), backfill in batches:\nUPDATE events SET amount_new = amount WHERE id BETWEEN 1 AND 10000;\n-- then switch readers, and drop the old column in a later release"),
    rule!("renaming-column", Error, true,
        "RENAME COLUMN",
        "ACCESS EXCLUSIVE",
        "Running application code still uses the old name: every query naming it fails from the moment the migration commits until the new code is deployed.",
        "ALTER TABLE users ADD COLUMN full_name text;\n-- write both columns from the application, backfill, switch reads,\n-- then drop the old column in a later release"),
    rule!("renaming-table", Error, true,
        "RENAME TO on a table",
        "ACCESS EXCLUSIVE",
        "Running application code still uses the old name: every query on the table fails until the new code is deployed.",
        "ALTER TABLE customers RENAME TO clients;\nCREATE VIEW customers AS SELECT * FROM clients; -- simple views are updatable\n-- drop the view once no code uses the old name"),
    rule!("ban-drop-column", Error, true,
        "DROP COLUMN",
        "ACCESS EXCLUSIVE",
        "Running application code that selects or inserts the column fails as soon as the migration commits (ORMs often list every column).",
        "-- release 1: stop reading and writing the column in the application\n-- release 2:\nALTER TABLE users DROP COLUMN IF EXISTS legacy_flag;"),
    rule!("ban-drop-table", Error, true,
        "DROP TABLE",
        "ACCESS EXCLUSIVE",
        "Dropping a table loses its data for good and breaks any code still using it.",
        "-- release 1: stop using the table; release 2, after a backup:\nDROP TABLE IF EXISTS legacy_events;"),
    rule!("ban-drop-view", Warning, true,
        "DROP VIEW / DROP MATERIALIZED VIEW",
        "ACCESS EXCLUSIVE",
        "Running code that still queries the view fails as soon as the migration commits.",
        "-- release 1: stop using the view; release 2:\nDROP VIEW IF EXISTS legacy_report;"),
    rule!("ban-drop-function", Warning, true,
        "DROP FUNCTION / PROCEDURE / AGGREGATE",
        "—",
        "Running code, triggers, defaults and views that still call the function fail as soon as the migration commits.",
        "-- release 1: stop calling it; release 2:\nDROP FUNCTION IF EXISTS legacy_score(bigint);"),
    rule!("ban-drop-type", Warning, true,
        "DROP TYPE / DOMAIN / OPERATOR",
        "—",
        "Running code that casts to the type or uses the operator fails as soon as the migration commits (squawk files operators under this rule too).",
        "-- release 1: stop using it; release 2:\nDROP TYPE IF EXISTS legacy_status;"),
    rule!("ban-drop-database", Error, true,
        "DROP DATABASE",
        "ACCESS EXCLUSIVE (database)",
        "Dropping a database from a migration destroys every table in it, irreversibly.",
        "-- drop databases by hand, never from a migration"),
    rule!("ban-drop-schema", Error, true,
        "DROP SCHEMA",
        "ACCESS EXCLUSIVE on everything dropped",
        "Dropping a schema breaks code that still uses anything in it, and with CASCADE deletes every table, view and function in it, irreversibly.",
        "-- release 1: stop using its objects, move or drop them one by one; release 2:\nDROP SCHEMA IF EXISTS reporting RESTRICT;"),
    rule!("ban-revoke", Warning, true,
        "REVOKE, ALTER DEFAULT PRIVILEGES … REVOKE, DROP OWNED, DROP ROLE",
        "—",
        "Running code that still relies on the privilege (or the role) fails with \"permission denied\" as soon as the migration commits.",
        "-- release 1: deploy the code that no longer needs the privilege; release 2:\nREVOKE SELECT ON reports FROM reporting_app;"),
    rule!("ban-drop-not-null", Error, true,
        "ALTER COLUMN … DROP NOT NULL",
        "ACCESS EXCLUSIVE",
        "Code that relies on the column never being NULL breaks; a rollback cannot restore NOT NULL without a full scan once NULLs exist.",
        "-- make sure every reader handles NULL first, then:\nALTER TABLE users ALTER COLUMN nickname DROP NOT NULL;"),
    rule!("ban-truncate-cascade", Error, true,
        "TRUNCATE … CASCADE",
        "ACCESS EXCLUSIVE on every table reached",
        "CASCADE truncates every table with a foreign key to this one, recursively: data in tables you did not name is deleted.",
        "TRUNCATE TABLE staging_events; -- name each table, without CASCADE"),
    rule!("ban-concurrent-index-creation-in-transaction", Error, true,
        "CONCURRENTLY in a migration that runs in a transaction",
        "SHARE UPDATE EXCLUSIVE",
        "CREATE/DROP INDEX CONCURRENTLY and REINDEX CONCURRENTLY cannot run inside a transaction block: the migration fails. dbtool (like Flyway) runs a file outside a transaction when it contains such a statement, but only if nothing else in the file needs one (or `mixed` is set), and never after an explicit BEGIN.",
        "-- put the statement alone in its own migration file:\nCREATE INDEX CONCURRENTLY IF NOT EXISTS events_created_at_idx ON events (created_at);"),
    rule!("transaction-nesting", Error, true,
        "BEGIN/COMMIT/ROLLBACK inside a migration dbtool already wraps in a transaction",
        "—",
        "dbtool runs each migration in a transaction with its history row. A file wrapped in BEGIN; … COMMIT; (the first and the last statement) runs as that transaction, as with Flyway. Transaction control anywhere else would end the transaction early and run the statements after it outside it, without history: `dbtool migrate` refuses such a file before anything runs.",
        "-- keep BEGIN only as the first statement and COMMIT only as the last, or remove both:\nBEGIN;\n…\nCOMMIT;\n-- or split the file there, or set executeInTransaction=false in its .sql.conf"),
    rule!("prefer-robust-stmts", Warning, true,
        "a statement outside a transaction that fails when re-run",
        "—",
        "Statements that run outside a transaction (CONCURRENTLY files, executeInTransaction=false) are not rolled back when a later one fails; a retry then fails on what already exists (CREATE TABLE/INDEX, ADD COLUMN, ADD CONSTRAINT without a DROP CONSTRAINT IF EXISTS before it) or is already gone (DROP TABLE/INDEX/TYPE/DOMAIN, DROP COLUMN, DROP CONSTRAINT without IF EXISTS) unless each statement is idempotent. An unnamed CREATE INDEX CONCURRENTLY does not fail on a retry: it builds a second index (`…_idx1`). Beware: CREATE INDEX CONCURRENTLY IF NOT EXISTS also skips the INVALID index a failed or killed build leaves behind. `dbtool migrate` refuses to run a migration whose index name is taken by an INVALID index, and fails one that leaves an index INVALID; fix with DROP INDEX CONCURRENTLY (then rerun) or REINDEX INDEX CONCURRENTLY.",
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS events_created_at_idx ON events (created_at);\nDROP INDEX CONCURRENTLY IF EXISTS events_old_idx;"),
    rule!("require-lock-timeout", Warning, true,
        "a lock-taking statement with lock_timeout off",
        "any",
        "Without lock_timeout, DDL waiting behind a long transaction sits in the lock queue and every query on the table queues behind it: an outage. dbtool sets lock_timeout for each migration unless `[migrate] lock_timeout = \"0s\"`.",
        "SET lock_timeout = '5s';\nALTER TABLE events ADD COLUMN note text;"),
    rule!("require-statement-timeout", Info, true,
        "a statement that scans or rewrites an existing table with no statement_timeout",
        "any",
        "A scan or rewrite under a strong lock takes as long as the table is large; statement_timeout bounds how long traffic can be blocked.",
        "SET statement_timeout = '5min';"),
    rule!("prefer-bigint-over-int", Warning, true,
        "an int / serial column",
        "—",
        "32-bit keys and counters run out at 2,147,483,647; changing the type later rewrites the table.",
        "CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);"),
    rule!("prefer-bigint-over-smallint", Warning, true,
        "a smallint / smallserial column",
        "—",
        "16-bit values run out at 32,767; changing the type later rewrites the table.",
        "CREATE TABLE t (priority bigint);"),
    rule!("prefer-identity", Warning, true,
        "a serial / bigserial column",
        "—",
        "serial creates a sequence with separate ownership and permissions; identity columns are the SQL-standard replacement.",
        "CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);"),
    rule!("prefer-text-field", Warning, true,
        "a varchar(n) column",
        "—",
        "Raising a varchar limit is cheap, but lowering it rewrites; a CHECK constraint is easier to change (NOT VALID + VALIDATE) and text performs the same.",
        "CREATE TABLE t (name text CONSTRAINT t_name_len CHECK (char_length(name) <= 100));"),
    rule!("prefer-timestamp-tz", Warning, true,
        "a timestamp (without time zone) column",
        "—",
        "timestamp without time zone stores wall-clock time: values are ambiguous across time zones and DST.",
        "CREATE TABLE t (created_at timestamptz NOT NULL DEFAULT now());"),
    rule!("ban-char-field", Warning, true,
        "a char(n) column",
        "—",
        "char(n) pads with spaces and compares oddly; it is never faster than text.",
        "CREATE TABLE t (code text CONSTRAINT t_code_len CHECK (char_length(code) = 3));"),
    rule!("prefer-jsonb", Warning, false,
        "a json column",
        "—",
        "json stores text that is re-parsed on every access, cannot be indexed with GIN and has no equality operator (DISTINCT, GROUP BY and UNIQUE fail).",
        "CREATE TABLE t (payload jsonb NOT NULL DEFAULT '{}');"),
    rule!("adding-serial-column", Error, false,
        "ADD COLUMN … serial / bigserial on an existing table",
        "ACCESS EXCLUSIVE",
        "A serial column's default is nextval(), which is volatile: every existing row gets a value, so the table is rewritten under an ACCESS EXCLUSIVE lock.",
        "ALTER TABLE events ADD COLUMN seq bigint;\nCREATE SEQUENCE events_seq_seq OWNED BY events.seq;\nALTER TABLE events ALTER COLUMN seq SET DEFAULT nextval('events_seq_seq');\n-- backfill existing rows in batches"),
    rule!("require-concurrent-refresh", Warning, false,
        "REFRESH MATERIALIZED VIEW without CONCURRENTLY",
        "ACCESS EXCLUSIVE",
        "A plain refresh locks the view against reads for the whole recomputation.",
        "-- needs a unique index on the view:\nREFRESH MATERIALIZED VIEW CONCURRENTLY event_counts;"),
    rule!("ban-vacuum-full", Error, false,
        "VACUUM FULL",
        "ACCESS EXCLUSIVE",
        "VACUUM FULL rewrites the table under an ACCESS EXCLUSIVE lock: reads and writes block for the whole rewrite.",
        "-- plain VACUUM (SHARE UPDATE EXCLUSIVE) or pg_repack outside migrations:\nVACUUM (ANALYZE) events;"),
    rule!("ban-cluster", Error, false,
        "CLUSTER",
        "ACCESS EXCLUSIVE",
        "CLUSTER rewrites the table in index order under an ACCESS EXCLUSIVE lock: reads and writes block for the whole rewrite.",
        "-- use pg_repack --order-by outside migrations"),
    rule!("ban-set-logged-unlogged", Error, false,
        "ALTER TABLE … SET LOGGED / SET UNLOGGED",
        "ACCESS EXCLUSIVE",
        "Changing persistence rewrites the table (and writes it all to WAL for SET LOGGED) under an ACCESS EXCLUSIVE lock.",
        "-- create the new table with the wanted persistence, copy in batches, swap names in a short transaction"),
    rule!("ban-set-tablespace", Error, false,
        "ALTER TABLE/INDEX … SET TABLESPACE",
        "ACCESS EXCLUSIVE",
        "Moving a table copies every block under an ACCESS EXCLUSIVE lock: reads and writes block for the whole copy.",
        "-- use pg_repack --tablespace outside migrations, or create new objects in the tablespace"),
    rule!("attach-partition-without-check", Warning, false,
        "ATTACH PARTITION without a matching CHECK constraint on the partition",
        "ACCESS EXCLUSIVE on the partition, SHARE UPDATE EXCLUSIVE on the parent",
        "Attaching scans the partition to prove every row fits the bound, under an ACCESS EXCLUSIVE lock on the partition; a valid CHECK constraint that implies the bound skips the scan.",
        "ALTER TABLE measurements_2024 ADD CONSTRAINT m2024_bound CHECK (ts >= '2024-01-01' AND ts < '2025-01-01') NOT VALID;\nALTER TABLE measurements_2024 VALIDATE CONSTRAINT m2024_bound;\nALTER TABLE measurements ATTACH PARTITION measurements_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\nALTER TABLE measurements_2024 DROP CONSTRAINT m2024_bound;"),
    rule!("create-trigger-on-hot-table", Warning, false,
        "CREATE TRIGGER on an existing table",
        "SHARE ROW EXCLUSIVE",
        "CREATE TRIGGER blocks writes while it waits for and holds its lock, and the trigger then runs on every write to a busy table.",
        "SET lock_timeout = '2s';\nCREATE TRIGGER events_audit AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION audit();"),
    rule!("ban-unbounded-update-delete", Warning, false,
        "UPDATE or DELETE without WHERE on an existing table",
        "ROW EXCLUSIVE (row locks on every row)",
        "One statement touching every row holds row locks on all of them until the migration commits, bloats the table and can run for a long time.",
        "-- batch it, outside the DDL migration:\nUPDATE events SET tenant_id = 0 WHERE id BETWEEN 1 AND 10000 AND tenant_id IS NULL;"),
    rule!("backfill-in-ddl-transaction", Error, false,
        "UPDATE/DELETE/INSERT … SELECT on an existing table in the same transaction as DDL",
        "the DDL's lock, held until commit",
        "Locks taken by earlier DDL in the transaction are held until it commits: the backfill runs while reads and writes on the altered table are blocked.",
        "-- V10__add_column.sql:\nALTER TABLE events ADD COLUMN tenant_id bigint;\n-- V11__backfill_tenant.sql (its own migration, in batches):\nUPDATE events SET tenant_id = 0 WHERE id BETWEEN 1 AND 10000;"),
    rule!("validate-in-same-transaction", Error, false,
        "VALIDATE CONSTRAINT in the same transaction that added the constraint or took a stronger lock",
        "ACCESS EXCLUSIVE (held from ADD CONSTRAINT)",
        "NOT VALID only helps if validation runs in a later transaction: in the same one, the ACCESS EXCLUSIVE lock from ADD CONSTRAINT is still held during the validation scan.",
        "-- V10__add_fk.sql:\nALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\n-- V11__validate_fk.sql:\nALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;"),
    rule!("ban-exclusion-constraint", Error, false,
        "ADD CONSTRAINT … EXCLUDE on an existing table",
        "ACCESS EXCLUSIVE",
        "An exclusion constraint builds its index under an ACCESS EXCLUSIVE lock, and there is no safe path: it cannot be NOT VALID, and cannot be added USING INDEX.",
        "-- no online way: schedule a maintenance window, or enforce the rule in the application\n-- or with a trigger plus a unique/GiST index built CONCURRENTLY"),
    rule!("dropping-foreign-key", Warning, false,
        "DROP CONSTRAINT of a foreign key",
        "ACCESS EXCLUSIVE on both tables",
        "Dropping a foreign key removes triggers on both tables, taking ACCESS EXCLUSIVE locks on the table and on the referenced table: queries on either queue behind it.",
        "SET lock_timeout = '2s';\nALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_customer_fk;"),
    rule!("concurrent-index-pg14-bug", Error, false,
        "CREATE INDEX / REINDEX CONCURRENTLY on PostgreSQL 14.0–14.3",
        "SHARE UPDATE EXCLUSIVE",
        "PostgreSQL 14.0 to 14.3 can silently build corrupt indexes with CONCURRENTLY (rows written during the build can be missing); fixed in 14.4.",
        "-- upgrade to 14.4 or later first, then REINDEX the indexes built concurrently on 14.0–14.3 (amcheck finds them)"),
    rule!("alter-enum-add-value-in-transaction", Error, false,
        "ALTER TYPE … ADD VALUE with other statements on PostgreSQL < 12",
        "ACCESS EXCLUSIVE (type)",
        "Before PostgreSQL 12, ALTER TYPE … ADD VALUE cannot run inside a transaction block: the file runs outside a transaction, so mixing it with other statements loses atomicity (or is refused without `mixed`).",
        "-- its own migration file:\nALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh';"),
    rule!("ban-create-domain-with-constraint", Error, true,
        "CREATE DOMAIN … CHECK",
        "—",
        "Domain constraints cannot be altered or dropped without scanning every table that uses the domain.",
        "CREATE DOMAIN email AS text;\n-- put the CHECK on the columns instead"),
    rule!("ban-alter-domain-with-add-constraint", Error, true,
        "ALTER DOMAIN … ADD CONSTRAINT",
        "SHARE on every table using the domain",
        "Adding a domain constraint scans every column of every table that uses the domain, blocking their writes.",
        "ALTER DOMAIN email ADD CONSTRAINT email_at CHECK (VALUE LIKE '%@%') NOT VALID;\nALTER DOMAIN email VALIDATE CONSTRAINT email_at;"),
    rule!("ban-duplicate-column-assignments", Error, true,
        "a column assigned or named twice in one statement (UPDATE … SET, INSERT columns, ON CONFLICT DO UPDATE, MERGE, CREATE TABLE, CREATE VIEW)",
        "—",
        "PostgreSQL rejects the statement (\"multiple assignments to same column\", \"column specified more than once\"), so the migration fails when it runs. Names are compared as PostgreSQL folds and truncates them. Assigning different fields or elements of one column (`a.x`, `a[1]`) is allowed.",
        "UPDATE accounts SET status = 'closed', closed_at = now() WHERE id = 42; -- each column once"),
    rule!("identifier-too-long", Warning, true,
        "an identifier longer than 63 bytes",
        "—",
        "PostgreSQL silently truncates identifiers to 63 bytes (NAMEDATALEN - 1): the table, column, index or constraint gets a different name than the migration says, and two long names that share their first 63 bytes collide (\"already exists\"), or a later statement quietly refers to the other object.",
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_created_idx ON orders (customer_id, created_at); -- at most 63 bytes"),
    rule!("require-enum-value-ordering", Warning, true,
        "ALTER TYPE … ADD VALUE without BEFORE or AFTER",
        "—",
        "Without BEFORE/AFTER the new value goes to the end of the enum's sort order, which decides ORDER BY, comparisons (<, >) and range checks on the column: say where it belongs.",
        "ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded' AFTER 'paid';"),
    rule!("require-table-schema", Warning, true,
        "CREATE/ALTER/DROP TABLE with a name that is not schema-qualified (opt-in)",
        "—",
        "An unqualified name resolves through search_path, which differs between sessions, roles and tools: the migration can create or change a table in another schema than intended. Off by default, like squawk's: enable it with `[lint.rules] require-table-schema = \"warning\"` or `--include`. Temporary tables are exempt.",
        "CREATE TABLE app.invoices (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);\nALTER TABLE app.invoices ADD COLUMN note text;"),
    rule!("ban-uncommitted-transaction", Error, true,
        "BEGIN with no COMMIT or ROLLBACK after it in the file",
        "—",
        "The transaction is still open when the file ends, so whether its statements are committed depends on whatever runs next on the session (or is rolled back when the session closes), not on the migration. A migration should end every transaction it starts.",
        "-- end every transaction the file starts:\nBEGIN;\n…\nCOMMIT;"),
];

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// Rules that only run when enabled by name (`[lint.rules]`, `include`,
/// `--include`), like squawk's opt-in rules.
pub const OPT_IN: &[&str] = &["require-table-schema"];

/// Rule ids squawk uses for one or more dbtool rules: accepted wherever a
/// rule id is (configuration, ignore comments, `--include`/`--exclude`).
pub const ALIASES: &[(&str, &[&str])] = &[
    (
        "require-concurrent-partition-detach",
        &["require-concurrent-detach-partition"],
    ),
    ("prefer-repack", &["ban-vacuum-full", "ban-cluster"]),
    (
        "prefer-big-int",
        &["prefer-bigint-over-int", "prefer-bigint-over-smallint"],
    ),
    (
        "require-timeout-settings",
        &["require-lock-timeout", "require-statement-timeout"],
    ),
];

/// The dbtool rule ids an id (or a squawk alias) stands for: itself when it
/// is not an alias.
pub fn expand_alias(id: &str) -> Vec<&str> {
    match ALIASES.iter().find(|(a, _)| *a == id) {
        Some((_, ids)) => ids.to_vec(),
        None => vec![id],
    }
}

/// One rule violation in one statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub rule: &'static str,
    pub message: String,
    /// Byte offset in the statement text, when a node gives one.
    pub location: Option<usize>,
    /// Overrides the rule's default severity (before configuration).
    pub severity: Option<Severity>,
    /// The safe alternative with the statement's own names ([`super::help`]);
    /// `None`: the rule's canned [`Rule::safe`].
    pub help: Option<String>,
}

/// What earlier files of the same run taught us about the schema.
#[derive(Debug, Default, Clone)]
pub struct Schema {
    /// (bare table, column) → type. A B-tree: a corpus's thousands of
    /// columns fill it node by node, where a hash map's growth holds the
    /// old and the new table at once (6 MB at the peak of a 196-file lint).
    pub columns: std::collections::BTreeMap<(String, String), TypeInfo>,
    /// Names of foreign key constraints.
    pub foreign_keys: HashSet<String>,
    /// Tables with a CHECK constraint (partitions that can attach without a scan).
    pub checked_tables: HashSet<String>,
    /// CHECK constraints that prove a column NOT NULL (`CHECK (col IS NOT
    /// NULL)`, also inside an AND): constraint name → (bare table, column,
    /// validated). A validated one lets PostgreSQL 12+ skip SET NOT NULL's scan.
    pub not_null_checks: HashMap<String, (String, String, bool)>,
}

/// The state of one file while its statements are checked in order.
#[derive(Debug, Clone)]
pub struct FileState {
    pub pg: PgVersion,
    /// The migrate engine runs the file in one transaction.
    pub transactional: bool,
    /// Inside an explicit BEGIN … COMMIT (non-transactional files).
    pub explicit_tx: bool,
    /// dbtool's migrate sets lock_timeout itself.
    pub engine_lock_timeout: bool,
    /// Tables created earlier in this file (bare names).
    pub created: HashSet<String>,
    pub lock_timeout_set: bool,
    pub statement_timeout_set: bool,
    /// Existing tables locked SHARE ROW EXCLUSIVE or stronger by DDL in the current transaction.
    pub ddl_locked: Vec<String>,
    /// Constraints added NOT VALID in the current transaction.
    pub not_valid: HashSet<String>,
    /// Counts of other statements, for the "alone in its file" rules.
    pub statement_count: usize,
    pub hot_tables: Vec<String>,
    /// Constraints dropped earlier in this file → whether re-added since
    /// (a DROP CONSTRAINT IF EXISTS makes the next ADD of the name rerunnable).
    pub dropped_constraints: HashMap<String, bool>,
    /// (bare table, constraint) dropped anywhere in the file ([`FileState::prescan`]).
    pub dropped_in_file: HashSet<(String, String)>,
    reported_lock_timeout: bool,
    reported_statement_timeout: bool,
}

impl FileState {
    pub fn new(
        pg: PgVersion,
        transactional: bool,
        engine_lock_timeout: bool,
        statement_count: usize,
    ) -> FileState {
        FileState {
            pg,
            transactional,
            explicit_tx: false,
            engine_lock_timeout,
            created: HashSet::new(),
            lock_timeout_set: false,
            statement_timeout_set: false,
            ddl_locked: Vec::new(),
            not_valid: HashSet::new(),
            statement_count,
            hot_tables: Vec::new(),
            dropped_constraints: HashMap::new(),
            dropped_in_file: HashSet::new(),
            reported_lock_timeout: false,
            reported_statement_timeout: false,
        }
    }

    /// Looks at the whole file before its statements are checked: which
    /// constraints it drops (the NOT NULL recipe validates a helper CHECK
    /// added by an earlier migration, sets NOT NULL, then drops the helper).
    pub fn prescan<'a>(&mut self, nodes: impl Iterator<Item = &'a NodeEnum>) {
        for node in nodes {
            if let NodeEnum::AlterTableStmt(a) = node {
                let bare = ast::bare(&ast::rel_name(a.relation.as_ref())).to_string();
                for cmd in ast::alter_cmds(a) {
                    if cmd.subtype() == T::AtDropConstraint {
                        self.dropped_in_file
                            .insert((bare.clone(), cmd.name.clone()));
                    }
                }
            }
        }
    }

    pub fn in_tx(&self) -> bool {
        self.transactional || self.explicit_tx
    }

    fn existing(&self, rel: &str) -> bool {
        !rel.is_empty() && !self.created.contains(ast::bare(rel))
    }

    fn end_tx(&mut self) {
        self.ddl_locked.clear();
        self.not_valid.clear();
    }
}

struct Out<'a> {
    hits: &'a mut Vec<Hit>,
}

impl Out<'_> {
    fn hit(&mut self, rule: &'static str, message: impl Into<String>, location: Option<usize>) {
        self.hits.push(Hit {
            rule,
            message: message.into(),
            location,
            severity: None,
            help: None,
        });
    }
    fn hit_sev(
        &mut self,
        rule: &'static str,
        message: impl Into<String>,
        location: Option<usize>,
        sev: Severity,
    ) {
        self.hits.push(Hit {
            rule,
            message: message.into(),
            location,
            severity: Some(sev),
            help: None,
        });
    }
}

fn loc(l: i32) -> Option<usize> {
    (l >= 0).then_some(l as usize)
}

/// Checks one statement; updates the file state and schema knowledge.
pub fn check(
    node: &NodeEnum,
    locks: &[super::locks::RelationLock],
    st: &mut FileState,
    schema: &mut Schema,
) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut out = Out { hits: &mut hits };
    let pg = st.pg;
    match node {
        NodeEnum::CreateStmt(c) => {
            let rel = ast::rel_name(c.relation.as_ref());
            let bare = ast::bare(&rel).to_string();
            // A temporary table ON COMMIT DROP is gone when the statement's own
            // transaction ends: a rerun creates it again.
            let dropped_at_commit = c.relation.as_ref().is_some_and(|r| r.relpersistence == "t")
                && c.oncommit() == protobuf::OnCommitAction::OncommitDrop;
            if !st.in_tx() && !c.if_not_exists && !dropped_at_commit {
                out.hit(
                    "prefer-robust-stmts",
                    format!("CREATE TABLE `{rel}` without IF NOT EXISTS outside a transaction"),
                    None,
                );
            }
            table_schema(c.relation.as_ref(), "CREATE TABLE", &mut out);
            duplicate_names(
                c.table_elts.iter().filter_map(|e| match e.node.as_ref() {
                    Some(NodeEnum::ColumnDef(cd)) => Some((cd.colname.as_str(), loc(cd.location))),
                    _ => None,
                }),
                &format!("CREATE TABLE `{rel}`"),
                &mut out,
            );
            for elt in &c.table_elts {
                match elt.node.as_ref() {
                    Some(NodeEnum::ColumnDef(cd)) => {
                        let info = ColumnInfo::of(cd);
                        type_hygiene(&info, &mut out);
                        if let Some(t) = &info.type_info {
                            schema
                                .columns
                                .insert((bare.clone(), info.name.clone()), t.clone());
                        }
                        if info.check {
                            schema.checked_tables.insert(bare.clone());
                        }
                        for con in ast::constraints(&cd.constraints) {
                            if con.contype() == ConstrType::ConstrForeign && !con.conname.is_empty()
                            {
                                schema.foreign_keys.insert(con.conname.clone());
                            }
                        }
                    }
                    Some(NodeEnum::Constraint(con)) => match con.contype() {
                        ConstrType::ConstrForeign if !con.conname.is_empty() => {
                            schema.foreign_keys.insert(con.conname.clone());
                        }
                        ConstrType::ConstrCheck => {
                            schema.checked_tables.insert(bare.clone());
                        }
                        _ => {}
                    },
                    _ => {}
                }
            }
            st.created.insert(bare);
        }
        NodeEnum::SelectStmt(sel) if sel.into_clause.is_some() => {
            let rel = ast::rel_name(sel.into_clause.as_ref().and_then(|i| i.rel.as_ref()));
            duplicate_names(
                sel.target_list.iter().filter_map(output_column_name),
                &format!("SELECT … INTO `{rel}`"),
                &mut out,
            );
            if !rel.is_empty() {
                st.created.insert(ast::bare(&rel).to_string());
            }
        }
        NodeEnum::CreateTableAsStmt(c) => {
            let into_names = c.into.as_ref().is_some_and(|i| !i.col_names.is_empty());
            if let (false, Some(NodeEnum::SelectStmt(sel))) =
                (into_names, c.query.as_deref().and_then(|q| q.node.as_ref()))
            {
                duplicate_names(
                    sel.target_list.iter().filter_map(output_column_name),
                    &format!(
                        "CREATE TABLE `{}` AS",
                        ast::rel_name(c.into.as_ref().and_then(|i| i.rel.as_ref()))
                    ),
                    &mut out,
                );
            }
            if c.objtype() == ObjectType::ObjectTable {
                table_schema(
                    c.into.as_ref().and_then(|i| i.rel.as_ref()),
                    "CREATE TABLE … AS",
                    &mut out,
                );
            }
            if let Some(into) = c.into.as_ref() {
                st.created
                    .insert(ast::bare(&ast::rel_name(into.rel.as_ref())).to_string());
            }
        }
        NodeEnum::IndexStmt(i) => {
            let rel = ast::rel_name(i.relation.as_ref());
            if !i.concurrent && st.existing(&rel) {
                out.hit(
                    "require-concurrent-index-creation",
                    format!("CREATE INDEX on `{rel}` without CONCURRENTLY takes a SHARE lock: writes to `{rel}` block for the whole build"),
                    None,
                );
            }
            if i.concurrent {
                concurrently_checks(st, &mut out, "CREATE INDEX CONCURRENTLY", &rel, true);
                if !st.in_tx() && i.idxname.is_empty() {
                    out.hit("prefer-robust-stmts", "CREATE INDEX CONCURRENTLY without a name: a rerun does not fail, it builds a second index under the next generated name (`…_idx1`) beside the first (or beside the INVALID one a failed build left); name it and add IF NOT EXISTS", None);
                } else if !st.in_tx() && !i.if_not_exists {
                    out.hit("prefer-robust-stmts", "CREATE INDEX CONCURRENTLY without IF NOT EXISTS: a failed build leaves an INVALID index and the retry fails (with IF NOT EXISTS the retry skips it: check indisvalid, or let dbtool migrate do it)", None);
                }
            }
        }
        NodeEnum::DropStmt(d) => {
            let names = ast::drop_object_names(d);
            match d.remove_type() {
                ObjectType::ObjectIndex => {
                    if !d.concurrent {
                        for n in &names {
                            out.hit(
                                "require-concurrent-index-deletion",
                                format!("DROP INDEX `{n}` without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on its table"),
                                None,
                            );
                        }
                    } else {
                        concurrently_checks(
                            st,
                            &mut out,
                            "DROP INDEX CONCURRENTLY",
                            names.first().map(String::as_str).unwrap_or(""),
                            false,
                        );
                    }
                }
                ObjectType::ObjectView | ObjectType::ObjectMatview => {
                    for n in &names {
                        out.hit(
                            "ban-drop-view",
                            format!("DROP VIEW `{n}` breaks code that still queries it"),
                            None,
                        );
                    }
                }
                ObjectType::ObjectFunction
                | ObjectType::ObjectProcedure
                | ObjectType::ObjectRoutine
                | ObjectType::ObjectAggregate => {
                    out.hit(
                        "ban-drop-function",
                        "dropping a function breaks code, triggers and defaults that still call it",
                        None,
                    );
                }
                ObjectType::ObjectType | ObjectType::ObjectDomain | ObjectType::ObjectOperator => {
                    out.hit(
                        "ban-drop-type",
                        "dropping a type, domain or operator breaks code that still uses it",
                        None,
                    );
                }
                ObjectType::ObjectSchema => {
                    for n in &names {
                        out.hit(
                            "ban-drop-schema",
                            format!(
                                "DROP SCHEMA `{n}` breaks code that still uses its objects{}",
                                if d.behavior() == DropBehavior::DropCascade {
                                    ", and CASCADE deletes all of them"
                                } else {
                                    ""
                                }
                            ),
                            None,
                        );
                    }
                }
                ObjectType::ObjectCast => {
                    out.hit(
                        "ban-drop-type",
                        "dropping a cast breaks code and casts (`::`) that still use it",
                        None,
                    );
                }
                ObjectType::ObjectForeignTable => {
                    for n in names.iter().filter(|n| st.existing(n)) {
                        out.hit(
                            "ban-drop-table",
                            format!("DROP FOREIGN TABLE `{n}` breaks code that still uses it"),
                            None,
                        );
                    }
                }
                ObjectType::ObjectTable => {
                    for n in names.iter().filter(|n| !n.contains('.')) {
                        out.hit(
                            "require-table-schema",
                            format!("DROP TABLE `{n}`: the name is not schema-qualified, so search_path decides which table is dropped"),
                            None,
                        );
                    }
                    for n in names.iter().filter(|n| st.existing(n)) {
                        out.hit("ban-drop-table", format!("DROP TABLE `{n}` deletes its data and breaks code that still uses it"), None);
                    }
                }
                _ => {}
            }
            if !st.in_tx()
                && !d.missing_ok
                && matches!(
                    d.remove_type(),
                    ObjectType::ObjectIndex
                        | ObjectType::ObjectTable
                        | ObjectType::ObjectType
                        | ObjectType::ObjectDomain
                )
            {
                out.hit(
                    "prefer-robust-stmts",
                    "DROP without IF EXISTS outside a transaction fails when re-run",
                    None,
                );
            }
        }
        NodeEnum::ViewStmt(v) => {
            let view = ast::rel_name(v.view.as_ref());
            let what = format!("CREATE VIEW `{view}`");
            if !v.aliases.is_empty() {
                let names: Vec<&str> = v
                    .aliases
                    .iter()
                    .filter_map(|a| match a.node.as_ref() {
                        Some(NodeEnum::String(s)) => Some(s.sval.as_str()),
                        _ => None,
                    })
                    .collect();
                duplicate_names(names.into_iter().map(|n| (n, None)), &what, &mut out);
            } else if let Some(NodeEnum::SelectStmt(sel)) =
                v.query.as_deref().and_then(|q| q.node.as_ref())
            {
                duplicate_names(
                    sel.target_list.iter().filter_map(output_column_name),
                    &what,
                    &mut out,
                );
            }
        }
        NodeEnum::CreateForeignTableStmt(f) => {
            if let Some(c) = f.base_stmt.as_ref() {
                st.created
                    .insert(ast::bare(&ast::rel_name(c.relation.as_ref())).to_string());
                duplicate_names(
                    c.table_elts.iter().filter_map(|e| match e.node.as_ref() {
                        Some(NodeEnum::ColumnDef(cd)) => {
                            Some((cd.colname.as_str(), loc(cd.location)))
                        }
                        _ => None,
                    }),
                    &format!(
                        "CREATE FOREIGN TABLE `{}`",
                        ast::rel_name(c.relation.as_ref())
                    ),
                    &mut out,
                );
            }
        }
        NodeEnum::MergeStmt(m) => {
            let rel = ast::rel_name(m.relation.as_ref());
            for w in &m.merge_when_clauses {
                if let Some(NodeEnum::MergeWhenClause(w)) = w.node.as_ref() {
                    duplicate_assignments(&w.target_list, &format!("MERGE INTO `{rel}`"), &mut out);
                }
            }
        }
        NodeEnum::GrantStmt(g) if !g.is_grant => {
            out.hit(
                "ban-revoke",
                "REVOKE breaks running code that still uses the privilege",
                None,
            );
        }
        NodeEnum::AlterDefaultPrivilegesStmt(a)
            if a.action.as_ref().is_some_and(|g| !g.is_grant) =>
        {
            out.hit(
                "ban-revoke",
                "ALTER DEFAULT PRIVILEGES … REVOKE: objects created from now on lack the privilege running code may expect",
                None,
            );
        }
        NodeEnum::DropOwnedStmt(_) => {
            out.hit(
                "ban-revoke",
                "DROP OWNED drops the role's objects and revokes its privileges",
                None,
            );
        }
        NodeEnum::DropRoleStmt(_) => {
            out.hit(
                "ban-revoke",
                "DROP ROLE: sessions and code using the role lose their access",
                None,
            );
        }
        NodeEnum::DropdbStmt(d) => {
            out.hit(
                "ban-drop-database",
                format!("DROP DATABASE `{}` in a migration", d.dbname),
                None,
            );
        }
        NodeEnum::TruncateStmt(t) if t.behavior() == DropBehavior::DropCascade => {
            out.hit(
                "ban-truncate-cascade",
                "TRUNCATE … CASCADE also empties every table that references these ones",
                None,
            );
        }
        NodeEnum::RenameStmt(r) => {
            let rel = ast::rel_name(r.relation.as_ref());
            if st.existing(&rel) {
                match r.rename_type() {
                    ObjectType::ObjectColumn => out.hit(
                        "renaming-column",
                        format!("renaming `{rel}.{}` to `{}` breaks running code that uses the old name", r.subname, r.newname),
                        None,
                    ),
                    ObjectType::ObjectTable => out.hit(
                        "renaming-table",
                        format!("renaming `{rel}` to `{}` breaks running code that uses the old name", r.newname),
                        None,
                    ),
                    _ => {}
                }
            }
            if r.rename_type() == ObjectType::ObjectTable && !st.existing(&rel) {
                st.created.insert(r.newname.clone());
            }
        }
        NodeEnum::AlterTableStmt(a) => {
            let rel = ast::rel_name(a.relation.as_ref());
            if a.objtype() == ObjectType::ObjectTable {
                table_schema(a.relation.as_ref(), "ALTER TABLE", &mut out);
            }
            let existing = st.existing(&rel);
            for cmd in ast::alter_cmds(a) {
                alter_cmd(st, schema, &mut out, &rel, existing, cmd, pg);
            }
        }
        NodeEnum::ReindexStmt(r)
            if r.kind() == protobuf::ReindexObjectType::ReindexObjectSystem =>
        {
            // REINDEX SYSTEM rebuilds the system catalogs, which PostgreSQL
            // refuses to reindex CONCURRENTLY: there is no safer form.
        }
        NodeEnum::ReindexStmt(r) => {
            let concurrent = ast::has_option(&r.params, "concurrently");
            let kind = r.kind();
            let whole = matches!(
                kind,
                protobuf::ReindexObjectType::ReindexObjectSchema
                    | protobuf::ReindexObjectType::ReindexObjectDatabase
            );
            let name = if r.relation.is_some() {
                ast::rel_name(r.relation.as_ref())
            } else {
                r.name.clone()
            };
            if concurrent {
                concurrently_checks(st, &mut out, "REINDEX CONCURRENTLY", &name, true);
            } else if whole || st.existing(&name) {
                let sev = if pg.major < 12 {
                    Some(Severity::Warning)
                } else {
                    None
                };
                let msg = match kind {
                    protobuf::ReindexObjectType::ReindexObjectSchema => format!("REINDEX SCHEMA `{name}` without CONCURRENTLY blocks writes to every table in it (and queries using their indexes) for the rebuild"),
                    protobuf::ReindexObjectType::ReindexObjectDatabase => "REINDEX DATABASE without CONCURRENTLY blocks writes to every table of the database (and queries using their indexes) for the rebuild".to_string(),
                    _ => format!("REINDEX of `{name}` without CONCURRENTLY blocks writes (and queries using the index) for the rebuild"),
                };
                match sev {
                    Some(s) => out.hit_sev(
                        "require-concurrent-reindex",
                        format!("{msg}; CONCURRENTLY needs PostgreSQL 12"),
                        None,
                        s,
                    ),
                    None => out.hit("require-concurrent-reindex", msg, None),
                }
            }
        }
        NodeEnum::RefreshMatViewStmt(r) if !r.concurrent => {
            let rel = ast::rel_name(r.relation.as_ref());
            if st.existing(&rel) {
                out.hit("require-concurrent-refresh", format!("REFRESH MATERIALIZED VIEW `{rel}` locks it against reads for the whole refresh"), None);
            }
        }
        NodeEnum::VacuumStmt(v) if v.is_vacuumcmd && ast::has_option(&v.options, "full") => {
            out.hit(
                "ban-vacuum-full",
                "VACUUM FULL rewrites the table under an ACCESS EXCLUSIVE lock",
                None,
            );
        }
        NodeEnum::ClusterStmt(c) => {
            let rel = ast::rel_name(c.relation.as_ref());
            if rel.is_empty() || st.existing(&rel) {
                out.hit(
                    "ban-cluster",
                    "CLUSTER rewrites the table under an ACCESS EXCLUSIVE lock",
                    None,
                );
            }
        }
        NodeEnum::CreateTrigStmt(t) => {
            let rel = ast::rel_name(t.relation.as_ref());
            let hot = st.hot_tables.is_empty()
                || st
                    .hot_tables
                    .iter()
                    .any(|h| h == &rel || h == ast::bare(&rel));
            if st.existing(&rel) && hot {
                out.hit(
                    "create-trigger-on-hot-table",
                    format!("CREATE TRIGGER on `{rel}` takes a SHARE ROW EXCLUSIVE lock (blocks writes) and adds work to every write"),
                    None,
                );
            }
        }
        NodeEnum::UpdateStmt(u) => {
            let rel = ast::rel_name(u.relation.as_ref());
            duplicate_assignments(&u.target_list, &format!("UPDATE `{rel}` SET"), &mut out);
            dml(st, &mut out, "UPDATE", &rel, u.where_clause.is_none(), true)
        }
        NodeEnum::DeleteStmt(d) => dml(
            st,
            &mut out,
            "DELETE",
            &ast::rel_name(d.relation.as_ref()),
            d.where_clause.is_none(),
            true,
        ),
        NodeEnum::InsertStmt(i) => {
            let rel = ast::rel_name(i.relation.as_ref());
            duplicate_assignments(&i.cols, &format!("INSERT INTO `{rel}` columns"), &mut out);
            if let Some(oc) = i.on_conflict_clause.as_deref() {
                duplicate_assignments(
                    &oc.target_list,
                    &format!("INSERT INTO `{rel}` … ON CONFLICT DO UPDATE SET"),
                    &mut out,
                );
            }
            let from_select = i
                .select_stmt
                .as_deref()
                .is_some_and(|s| match s.node.as_ref() {
                    Some(NodeEnum::SelectStmt(sel)) => !sel.from_clause.is_empty(),
                    _ => false,
                });
            if from_select {
                dml(
                    st,
                    &mut out,
                    "INSERT … SELECT",
                    &ast::rel_name(i.relation.as_ref()),
                    false,
                    false,
                );
            }
        }
        NodeEnum::TransactionStmt(t) => match t.kind() {
            TransactionStmtKind::TransStmtBegin | TransactionStmtKind::TransStmtStart => {
                if st.transactional || st.explicit_tx {
                    out.hit(
                        "transaction-nesting",
                        "BEGIN inside a migration that already runs in a transaction",
                        None,
                    );
                } else {
                    st.explicit_tx = true;
                }
            }
            TransactionStmtKind::TransStmtCommit | TransactionStmtKind::TransStmtRollback => {
                if st.transactional {
                    out.hit(
                        "transaction-nesting",
                        "COMMIT/ROLLBACK ends the transaction dbtool opened for this migration (dbtool migrate refuses the file)",
                        None,
                    );
                } else if !st.explicit_tx {
                    out.hit(
                        "transaction-nesting",
                        "COMMIT/ROLLBACK with no transaction open: the file runs outside a transaction (executeInTransaction=false or a CONCURRENTLY file) and no BEGIN precedes it",
                        None,
                    );
                } else {
                    st.explicit_tx = false;
                }
                st.end_tx();
            }
            _ => {}
        },
        NodeEnum::VariableSetStmt(v) => {
            let zero = v.args.first().is_some_and(|a| match a.node.as_ref() {
                Some(NodeEnum::AConst(c)) => match c.val.as_ref() {
                    Some(protobuf::a_const::Val::Ival(i)) => i.ival == 0,
                    Some(protobuf::a_const::Val::Sval(s)) => {
                        let digits: String =
                            s.sval.chars().take_while(char::is_ascii_digit).collect();
                        !digits.is_empty() && digits.parse::<u64>() == Ok(0)
                    }
                    _ => false,
                },
                _ => false,
            });
            match v.name.as_str() {
                "lock_timeout" => st.lock_timeout_set = !zero,
                "statement_timeout" => st.statement_timeout_set = !zero,
                _ => {}
            }
        }
        NodeEnum::AlterEnumStmt(e) if e.old_val.is_empty() => {
            if pg.major < 12 && (st.statement_count > 1 || st.explicit_tx) {
                out.hit(
                    "alter-enum-add-value-in-transaction",
                    format!("ALTER TYPE … ADD VALUE cannot run in a transaction block on PostgreSQL {pg}: put it alone in its own migration"),
                    None,
                );
            }
            if e.new_val_neighbor.is_empty() {
                let ty: Vec<&str> = e
                    .type_name
                    .iter()
                    .filter_map(|n| match n.node.as_ref() {
                        Some(NodeEnum::String(s)) => Some(s.sval.as_str()),
                        _ => None,
                    })
                    .collect();
                out.hit(
                    "require-enum-value-ordering",
                    format!(
                        "ADD VALUE '{}' to `{}` without BEFORE or AFTER puts it last in the enum's sort order",
                        e.new_val,
                        ty.join(".")
                    ),
                    None,
                );
            }
        }
        NodeEnum::CreateDomainStmt(d)
            if ast::constraints(&d.constraints).any(|c| c.contype() == ConstrType::ConstrCheck) =>
        {
            out.hit(
                "ban-create-domain-with-constraint",
                "CREATE DOMAIN with a CHECK constraint",
                None,
            );
        }
        NodeEnum::AlterDomainStmt(d) if d.subtype == "N" => {
            out.hit(
                "ban-drop-not-null",
                format!("ALTER DOMAIN `{}` DROP NOT NULL: code that relies on columns of the domain never being NULL breaks", domain_name(&d.type_name)),
                None,
            );
        }
        NodeEnum::AlterDomainStmt(d) if d.subtype == "O" => {
            out.hit(
                "adding-not-nullable-field",
                format!("ALTER DOMAIN `{}` SET NOT NULL scans every column of every table that uses the domain", domain_name(&d.type_name)),
                None,
            );
        }
        NodeEnum::AlterDomainStmt(d) if d.subtype == "C" => {
            let not_valid = ast::constraint(d.def.as_deref()).is_some_and(|c| c.skip_validation);
            if !not_valid {
                out.hit(
                    "ban-alter-domain-with-add-constraint",
                    "ALTER DOMAIN … ADD CONSTRAINT scans every table using the domain",
                    None,
                );
            }
        }
        _ => {}
    }

    // Timeouts, from the lock model.
    let strong: Vec<&super::locks::RelationLock> = locks
        .iter()
        .filter(|l| l.mode > super::locks::LockMode::RowExclusive && st.existing(&l.relation))
        .collect();
    if !strong.is_empty()
        && !st.engine_lock_timeout
        && !st.lock_timeout_set
        && !st.reported_lock_timeout
    {
        st.reported_lock_timeout = true;
        let l = strong[0];
        out.hit(
            "require-lock-timeout",
            format!("takes {} on `{}` with lock_timeout off: queued behind a long transaction, it blocks all traffic on the table", l.mode, l.relation),
            None,
        );
    }
    let heavy = strong
        .iter()
        .find(|l| (l.rewrite || l.scan) && l.mode >= super::locks::LockMode::Share);
    let unbounded_wait = !st.engine_lock_timeout && !st.lock_timeout_set;
    if !st.statement_timeout_set && !st.reported_statement_timeout {
        if let Some(l) = heavy {
            st.reported_statement_timeout = true;
            out.hit(
                "require-statement-timeout",
                format!(
                    "{} `{}` under {} with no statement_timeout",
                    if l.rewrite { "rewrites" } else { "scans" },
                    l.relation,
                    l.mode
                ),
                None,
            );
        } else if let (Some(l), true) = (strong.first(), unbounded_wait) {
            // With lock_timeout off, statement_timeout (which counts the
            // time spent waiting for a lock) is the only bound on the wait.
            st.reported_statement_timeout = true;
            out.hit(
                "require-statement-timeout",
                format!(
                    "waits for {} on `{}` with neither lock_timeout nor statement_timeout: nothing bounds the wait",
                    l.mode, l.relation
                ),
                None,
            );
        }
    }
    let column_type = |table: &str, col: &str| {
        schema
            .columns
            .get(&(table.to_string(), col.to_string()))
            .map(type_str)
    };
    for h in hits.iter_mut().filter(|h| h.help.is_none()) {
        h.help = super::help::for_hit(h.rule, node, h.location, &column_type);
    }
    if st.in_tx() {
        for l in &strong {
            if l.mode >= super::locks::LockMode::ShareRowExclusive
                && !st.ddl_locked.contains(&l.relation)
            {
                st.ddl_locked.push(l.relation.clone());
            }
        }
    }
    hits
}

/// The column a NOT NULL helper constraint covers, from its name:
/// `<table>_<column>_not_null` or `<column>_not_null` (not `<table>_not_null`).
fn not_null_helper_column(table: &str, constraint: &str) -> Option<String> {
    let stem = constraint.strip_suffix("_not_null")?;
    if stem.is_empty() || stem == table {
        return None;
    }
    let col = stem
        .strip_prefix(table)
        .and_then(|r| r.strip_prefix('_'))
        .unwrap_or(stem);
    (!col.is_empty()).then(|| col.to_string())
}

/// A dotted name from a list of `String` nodes (`app.email`).
fn domain_name(names: &[protobuf::Node]) -> String {
    names
        .iter()
        .filter_map(|n| match n.node.as_ref() {
            Some(NodeEnum::String(s)) => Some(s.sval.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// The longest identifier PostgreSQL keeps (NAMEDATALEN - 1 bytes).
pub const MAX_IDENTIFIER_BYTES: usize = 63;

/// An identifier as PostgreSQL stores it: cut to 63 bytes, on a character
/// boundary.
pub fn truncate_identifier(name: &str) -> &str {
    if name.len() <= MAX_IDENTIFIER_BYTES {
        return name;
    }
    let mut end = MAX_IDENTIFIER_BYTES;
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    &name[..end]
}

/// `identifier-too-long` for one statement's text: every identifier token
/// (quoted or not) longer than 63 bytes, as PostgreSQL's scanner truncates
/// them. Offsets are in `stmt`.
pub fn long_identifiers(stmt: &str) -> Vec<Hit> {
    let mut hits = Vec::new();
    // Cheap pre-check: a run of more than 63 identifier bytes, or a quote.
    let mut run = 0usize;
    let mut candidate = stmt.contains('"');
    for b in stmt.bytes() {
        if b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80 {
            run += 1;
            if run > MAX_IDENTIFIER_BYTES {
                candidate = true;
                break;
            }
        } else {
            run = 0;
        }
    }
    if !candidate {
        return hits;
    }
    let Ok(scan) = pg_query::scan(stmt) else {
        return hits;
    };
    for t in &scan.tokens {
        if t.token != protobuf::Token::Ident as i32 {
            continue;
        }
        let (start, end) = (t.start.max(0) as usize, t.end.max(0) as usize);
        let Some(raw) = stmt.get(start..end) else {
            continue;
        };
        let name = match raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
            Some(q) => q.replace("\"\"", "\""),
            None => raw.to_lowercase(),
        };
        if name.len() > MAX_IDENTIFIER_BYTES {
            let kept = truncate_identifier(&name);
            hits.push(Hit {
                rule: "identifier-too-long",
                message: format!(
                    "identifier `{name}` is {} bytes: PostgreSQL truncates it to 63 (`{kept}`), so the object gets another name than written and collides with any other name sharing those 63 bytes",
                    name.len()
                ),
                location: Some(start),
                severity: None,
                help: Some(format!("-- name it in at most 63 bytes: PostgreSQL would keep `{kept}`")),
            });
        }
    }
    hits
}

/// `require-table-schema` for a table name.
fn table_schema(rv: Option<&protobuf::RangeVar>, what: &str, out: &mut Out<'_>) {
    let Some(rv) = rv else { return };
    if rv.schemaname.is_empty() && rv.relpersistence != "t" {
        out.hit(
            "require-table-schema",
            format!(
                "{what} `{}`: the name is not schema-qualified, so search_path decides which schema it is in",
                rv.relname
            ),
            loc(rv.location),
        );
    }
}

/// The output column name of a SELECT target, as PostgreSQL figures it
/// (`FigureColname`): the alias, else a column's or function's name, a
/// cast's type, `?column?` for constants and operators. `None` where the
/// rule is not sure (then the target is not compared).
fn output_column_name(n: &protobuf::Node) -> Option<(&str, Option<usize>)> {
    let Some(NodeEnum::ResTarget(r)) = n.node.as_ref() else {
        return None;
    };
    if !r.name.is_empty() {
        return Some((r.name.as_str(), loc(r.location)));
    }
    let (name, _) = figure_colname(r.val.as_deref()?)?;
    Some((name, loc(r.location)))
}

/// `FigureColnameInternal`: the name and whether it is a strong one (from a
/// column, function or CASE) rather than the `?column?` fallback.
fn figure_colname(n: &protobuf::Node) -> Option<(&str, bool)> {
    fn last(names: &[protobuf::Node]) -> Option<&str> {
        match names.last()?.node.as_ref()? {
            NodeEnum::String(s) => Some(s.sval.as_str()),
            _ => None,
        }
    }
    match n.node.as_ref()? {
        NodeEnum::ColumnRef(c) => last(&c.fields).map(|s| (s, true)),
        NodeEnum::FuncCall(f) => last(&f.funcname).map(|s| (s, true)),
        NodeEnum::TypeCast(c) => match c.arg.as_deref().and_then(figure_colname) {
            Some((name, true)) => Some((name, true)),
            _ => c
                .type_name
                .as_ref()
                .and_then(|t| last(&t.names))
                .map(|s| (s, true)),
        },
        NodeEnum::AConst(_) => Some(("?column?", false)),
        NodeEnum::AExpr(e) if e.kind() != protobuf::AExprKind::AexprNullif => {
            Some(("?column?", false))
        }
        _ => None,
    }
}

/// `ban-duplicate-column-assignments` for column definitions or names: one
/// hit per name given twice (compared after truncation to 63 bytes).
fn duplicate_names<'n>(
    names: impl Iterator<Item = (&'n str, Option<usize>)>,
    what: &str,
    out: &mut Out<'_>,
) {
    let mut seen: Vec<&str> = Vec::new();
    let mut reported: Vec<&str> = Vec::new();
    for (name, at) in names {
        let key = truncate_identifier(name);
        if seen.contains(&key) {
            if !reported.contains(&key) {
                reported.push(key);
                out.hit(
                    "ban-duplicate-column-assignments",
                    format!("{what}: column `{key}` is specified more than once (PostgreSQL rejects the statement)"),
                    at,
                );
            }
        } else {
            seen.push(key);
        }
    }
}

/// `ban-duplicate-column-assignments` for SET lists and INSERT column
/// lists (`ResTarget`s): a column assigned twice, unless every assignment
/// is to a part of it (`a.x`, `a[1]`).
fn duplicate_assignments(targets: &[protobuf::Node], what: &str, out: &mut Out<'_>) {
    let mut cols: Vec<(&str, bool, Option<usize>)> = Vec::new();
    for t in targets {
        if let Some(NodeEnum::ResTarget(r)) = t.node.as_ref() {
            if !r.name.is_empty() {
                cols.push((
                    truncate_identifier(&r.name),
                    !r.indirection.is_empty(),
                    loc(r.location),
                ));
            }
        }
    }
    let mut reported: Vec<&str> = Vec::new();
    for (i, (name, _, _)) in cols.iter().enumerate() {
        if reported.contains(name) {
            continue;
        }
        let same: Vec<&(&str, bool, Option<usize>)> =
            cols[i..].iter().filter(|c| c.0 == *name).collect();
        if same.len() >= 2 && !same.iter().all(|c| c.1) {
            reported.push(name);
            out.hit(
                "ban-duplicate-column-assignments",
                format!("{what}: column `{name}` is assigned more than once (PostgreSQL rejects the statement: multiple assignments to same column)"),
                same[1].2,
            );
        }
    }
}

fn concurrently_checks(st: &FileState, out: &mut Out<'_>, what: &str, rel: &str, builds: bool) {
    if st.in_tx() {
        let why = if st.explicit_tx {
            "after an explicit BEGIN"
        } else {
            "in a migration that runs in a transaction (the file has other statements, or executeInTransaction=true)"
        };
        out.hit(
            "ban-concurrent-index-creation-in-transaction",
            format!("{what} cannot run inside a transaction block: it is {why}"),
            None,
        );
    } else if st.statement_count > 1 {
        out.hit_sev(
            "ban-concurrent-index-creation-in-transaction",
            format!("{what} shares its file with other statements: dbtool refuses the file unless `mixed` is set, and then runs all of it without a transaction"),
            None,
            Severity::Warning,
        );
    }
    if builds && st.pg.major == 14 && st.pg.minor.is_some_and(|m| m < 4) && st.existing(rel) {
        out.hit(
            "concurrent-index-pg14-bug",
            format!(
                "{what} on PostgreSQL {} can build a corrupt index (fixed in 14.4)",
                st.pg
            ),
            None,
        );
    }
}

fn dml(
    st: &FileState,
    out: &mut Out<'_>,
    what: &str,
    rel: &str,
    no_where: bool,
    check_where: bool,
) {
    if !st.existing(rel) {
        return;
    }
    if st.in_tx() && !st.ddl_locked.is_empty() {
        out.hit(
            "backfill-in-ddl-transaction",
            format!(
                "{what} on `{rel}` runs in the same transaction as DDL that locked {}: those locks are held during the backfill",
                st.ddl_locked.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ")
            ),
            None,
        );
    }
    if check_where && no_where {
        out.hit(
            "ban-unbounded-update-delete",
            format!("{what} on `{rel}` without WHERE touches every row in one transaction"),
            None,
        );
    }
}

fn type_hygiene(info: &ColumnInfo, out: &mut Out<'_>) {
    let Some(t) = &info.type_info else { return };
    let at = t.location.or(info.location);
    let col = &info.name;
    match t.name.as_str() {
        "int4" | "serial" | "serial4" => out.hit(
            "prefer-bigint-over-int",
            format!("column `{col}` is a 32-bit integer; prefer bigint"),
            at,
        ),
        "int2" | "smallserial" | "serial2" => out.hit(
            "prefer-bigint-over-smallint",
            format!("column `{col}` is a 16-bit integer; prefer bigint"),
            at,
        ),
        "varchar" if !t.typmods.is_empty() => out.hit(
            "prefer-text-field",
            format!(
                "column `{col}` is varchar({}); prefer text with a CHECK",
                t.typmods[0]
            ),
            at,
        ),
        "timestamp" => out.hit(
            "prefer-timestamp-tz",
            format!("column `{col}` is timestamp without time zone; prefer timestamptz"),
            at,
        ),
        "bpchar" => out.hit(
            "ban-char-field",
            format!("column `{col}` is char(n); prefer text"),
            at,
        ),
        "json" => out.hit(
            "prefer-jsonb",
            format!("column `{col}` is json; prefer jsonb"),
            at,
        ),
        _ => {}
    }
    if t.is_serial() {
        out.hit(
            "prefer-identity",
            format!(
                "column `{col}` is {}; prefer GENERATED … AS IDENTITY",
                t.name
            ),
            at,
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn alter_cmd(
    st: &mut FileState,
    schema: &mut Schema,
    out: &mut Out<'_>,
    rel: &str,
    existing: bool,
    cmd: &protobuf::AlterTableCmd,
    pg: PgVersion,
) {
    let bare = ast::bare(rel).to_string();
    match cmd.subtype() {
        T::AtValidateConstraint => {
            if let Some(c) = schema.not_null_checks.get_mut(&cmd.name) {
                c.2 = true;
            } else if st
                .dropped_in_file
                .contains(&(bare.clone(), cmd.name.clone()))
            {
                // A constraint added by a migration this run did not see,
                // validated and dropped here around SET NOT NULL: the NOT
                // NULL recipe, when its name says which column it covers.
                if let Some(col) = not_null_helper_column(&bare, &cmd.name) {
                    schema
                        .not_null_checks
                        .insert(cmd.name.clone(), (bare.clone(), col, true));
                }
            }
        }
        T::AtDropConstraint => {
            schema.not_null_checks.remove(&cmd.name);
            st.dropped_constraints.insert(cmd.name.clone(), false);
            if !st.in_tx() && !cmd.missing_ok {
                out.hit(
                    "prefer-robust-stmts",
                    format!(
                        "DROP CONSTRAINT `{}` without IF EXISTS outside a transaction fails when re-run",
                        cmd.name
                    ),
                    None,
                );
            }
        }
        T::AtAddConstraint if !st.in_tx() => {
            if let Some(con) = ast::constraint(cmd.def.as_deref()) {
                let rerunnable = st
                    .dropped_constraints
                    .get_mut(&con.conname)
                    .filter(|readded| !**readded)
                    .map(|readded| *readded = true)
                    .is_some();
                if con.conname.is_empty() {
                    out.hit(
                        "prefer-robust-stmts",
                        "ADD CONSTRAINT without a name outside a transaction: a rerun does not fail, it adds a second copy under a new generated name; name it and drop it first with DROP CONSTRAINT IF EXISTS",
                        loc(con.location),
                    );
                } else if !rerunnable {
                    out.hit(
                        "prefer-robust-stmts",
                        format!("ADD CONSTRAINT `{}` outside a transaction fails when re-run (it already exists): precede it with DROP CONSTRAINT IF EXISTS `{}`", con.conname, con.conname),
                        loc(con.location),
                    );
                }
            }
        }
        _ => {}
    }
    match cmd.subtype() {
        T::AtAddColumn => {
            let Some(cd) = ast::column_def(cmd.def.as_deref()) else {
                return;
            };
            let info = ColumnInfo::of(cd);
            type_hygiene(&info, out);
            if let Some(t) = &info.type_info {
                schema
                    .columns
                    .insert((bare.clone(), info.name.clone()), t.clone());
            }
            if !st.in_tx() && !cmd.missing_ok {
                out.hit(
                    "prefer-robust-stmts",
                    format!(
                        "ADD COLUMN `{}` without IF NOT EXISTS outside a transaction",
                        info.name
                    ),
                    None,
                );
            }
            if !existing {
                return;
            }
            let col = &info.name;
            let at = info.location;
            if info.is_serial() {
                out.hit("adding-serial-column", format!("adding {} column `{col}` to `{rel}` rewrites the table under ACCESS EXCLUSIVE", info.type_info.as_ref().map(|t| t.name.as_str()).unwrap_or("serial")), at);
            } else if info.identity || info.generated_stored {
                let what = if info.identity {
                    "an identity"
                } else {
                    "a stored generated"
                };
                out.hit("adding-field-with-default", format!("adding {what} column `{col}` to `{rel}` rewrites the table under ACCESS EXCLUSIVE"), at);
            } else if info.rewrites(pg) {
                let msg = if pg.major < 11 {
                    format!("adding column `{col}` with a default rewrites `{rel}` on PostgreSQL {pg} (instant from 11 for non-volatile defaults)")
                } else {
                    format!("adding column `{col}` with a volatile default rewrites `{rel}` under ACCESS EXCLUSIVE")
                };
                out.hit(
                    "adding-field-with-default",
                    msg,
                    info.default_location.or(at),
                );
            }
            if info.not_null
                && info.default == ast::Volatility::None
                && !info.identity
                && !info.is_serial()
                && !info.generated_stored
            {
                out.hit(
                    "adding-required-field",
                    format!(
                        "NOT NULL column `{col}` without a default fails on a non-empty `{rel}`"
                    ),
                    at,
                );
            }
            if info.primary {
                out.hit("adding-serial-primary-key-field", format!("adding a primary key column `{col}` builds the index under ACCESS EXCLUSIVE on `{rel}`"), at);
            } else if info.unique_or_pk {
                out.hit(
                    "disallowed-unique-constraint",
                    format!(
                        "UNIQUE column `{col}` builds its index under ACCESS EXCLUSIVE on `{rel}`"
                    ),
                    at,
                );
            }
            if let Some(r) = &info.references {
                out.hit("adding-foreign-key-constraint", format!("REFERENCES `{r}` on new column `{col}` locks `{rel}` and `{r}` (SHARE ROW EXCLUSIVE)"), at);
            }
            if info.check {
                out.hit("constraint-missing-not-valid", format!("CHECK on new column `{col}` is validated under ACCESS EXCLUSIVE on `{rel}`"), at);
            }
        }
        T::AtSetNotNull if existing => {
            let checks: Vec<(&String, bool)> = schema
                .not_null_checks
                .iter()
                .filter(|(_, (t, c, _))| *t == bare && *c == cmd.name)
                .map(|(n, (_, _, v))| (n, *v))
                .collect();
            let proven = checks.iter().any(|(_, v)| *v);
            if proven && pg.major >= 12 {
                // PostgreSQL 12+: "existing constraints … are sufficient to
                // prove that it does not contain nulls": no scan.
            } else {
                let why = if proven {
                    format!(" (PostgreSQL {pg} scans even with a validated CHECK (… IS NOT NULL); 12+ skips the scan)")
                } else if let Some((n, _)) = checks.first() {
                    format!(" (CHECK constraint `{n}` proves it only once validated: VALIDATE CONSTRAINT it first, in an earlier migration)")
                } else {
                    String::new()
                };
                out.hit(
                    "adding-not-nullable-field",
                    format!(
                        "SET NOT NULL on `{rel}.{}` scans the table under ACCESS EXCLUSIVE{why}",
                        cmd.name
                    ),
                    None,
                );
            }
        }
        T::AtDropNotNull if existing => {
            out.hit(
                "ban-drop-not-null",
                format!("DROP NOT NULL on `{rel}.{}`", cmd.name),
                None,
            );
        }
        T::AtDropColumn => {
            if existing {
                out.hit(
                    "ban-drop-column",
                    format!(
                        "dropping `{rel}.{}` breaks running code that still reads or writes it",
                        cmd.name
                    ),
                    None,
                );
            }
            if !st.in_tx() && !cmd.missing_ok {
                out.hit(
                    "prefer-robust-stmts",
                    format!(
                        "DROP COLUMN `{}` without IF EXISTS outside a transaction",
                        cmd.name
                    ),
                    None,
                );
            }
        }
        T::AtAlterColumnType => {
            let Some(cd) = ast::column_def(cmd.def.as_deref()) else {
                return;
            };
            let Some(new) = cd.type_name.as_ref().map(TypeInfo::of) else {
                return;
            };
            let key = (bare.clone(), cmd.name.clone());
            let old = schema.columns.get(&key).cloned();
            let info = ColumnInfo {
                name: cmd.name.clone(),
                ..ColumnInfo::of(cd)
            };
            type_hygiene(&info, out);
            schema.columns.insert(key, new.clone());
            if !existing {
                return;
            }
            let using = cd.raw_default.is_some();
            match old {
                Some(old) if !using && old.binary_coercible_to(&new) => {}
                Some(old) => out.hit(
                    "changing-column-type",
                    format!("changing `{rel}.{}` from {} to {} rewrites the table under ACCESS EXCLUSIVE", cmd.name, type_str(&old), type_str(&new)),
                    new.location,
                ),
                None => {
                    let maybe_safe = !using && (new.name == "text" || (matches!(new.name.as_str(), "varchar" | "numeric")));
                    if maybe_safe {
                        out.hit_sev(
                            "changing-column-type",
                            format!("changing `{rel}.{}` to {} rewrites the table unless it is binary-coercible from the current type (varchar → text, a wider varchar/numeric)", cmd.name, type_str(&new)),
                            new.location,
                            Severity::Warning,
                        );
                    } else {
                        out.hit(
                            "changing-column-type",
                            format!("changing the type of `{rel}.{}` to {} rewrites the table under ACCESS EXCLUSIVE", cmd.name, type_str(&new)),
                            new.location,
                        );
                    }
                }
            }
        }
        T::AtAddConstraint => {
            let Some(con) = ast::constraint(cmd.def.as_deref()) else {
                return;
            };
            let name = if con.conname.is_empty() {
                String::new()
            } else {
                format!(" `{}`", con.conname)
            };
            let at = loc(con.location);
            match con.contype() {
                ConstrType::ConstrForeign => {
                    if !con.conname.is_empty() {
                        schema.foreign_keys.insert(con.conname.clone());
                    }
                    if con.skip_validation {
                        st.not_valid.insert(con.conname.clone());
                    } else if existing {
                        let r = ast::rel_name(con.pktable.as_ref());
                        out.hit("adding-foreign-key-constraint", format!("foreign key{name} is validated while `{rel}` and `{r}` are locked SHARE ROW EXCLUSIVE; add it NOT VALID"), at);
                    }
                }
                ConstrType::ConstrCheck => {
                    schema.checked_tables.insert(bare.clone());
                    for col in ast::not_null_columns(con.raw_expr.as_deref()) {
                        let name = if con.conname.is_empty() {
                            format!("{bare}_{col}_check")
                        } else {
                            con.conname.clone()
                        };
                        schema
                            .not_null_checks
                            .insert(name, (bare.clone(), col, !con.skip_validation));
                    }
                    if con.skip_validation {
                        st.not_valid.insert(con.conname.clone());
                    } else if existing {
                        out.hit("constraint-missing-not-valid", format!("CHECK constraint{name} is validated under ACCESS EXCLUSIVE on `{rel}`; add it NOT VALID"), at);
                    }
                }
                ConstrType::ConstrPrimary if existing && con.indexname.is_empty() => {
                    out.hit(
                        "adding-serial-primary-key-field",
                        format!(
                            "PRIMARY KEY{name} builds its index under ACCESS EXCLUSIVE on `{rel}`"
                        ),
                        at,
                    );
                }
                ConstrType::ConstrUnique if existing && con.indexname.is_empty() => {
                    out.hit("disallowed-unique-constraint", format!("UNIQUE constraint{name} builds its index under ACCESS EXCLUSIVE on `{rel}`"), at);
                }
                ConstrType::ConstrExclusion if existing => {
                    out.hit("ban-exclusion-constraint", format!("exclusion constraint{name} on `{rel}` builds its index under ACCESS EXCLUSIVE, and there is no online alternative"), at);
                }
                _ => {}
            }
        }
        T::AtValidateConstraint
            if st.in_tx()
                && (st.not_valid.contains(&cmd.name) || st.ddl_locked.iter().any(|t| t == rel)) =>
        {
            out.hit(
                "validate-in-same-transaction",
                format!("VALIDATE CONSTRAINT `{}` runs in the transaction that added it: the ACCESS EXCLUSIVE lock is still held during the scan", cmd.name),
                None,
            );
        }
        T::AtDropConstraint if existing => {
            let n = cmd.name.to_ascii_lowercase();
            let looks_fk = n.ends_with("_fkey") || n.ends_with("_fk") || n.starts_with("fk_");
            if schema.foreign_keys.contains(&cmd.name) || looks_fk {
                out.hit("dropping-foreign-key", format!("dropping foreign key `{}` takes ACCESS EXCLUSIVE locks on `{rel}` and the referenced table", cmd.name), None);
            }
        }
        T::AtSetLogged | T::AtSetUnLogged if existing => {
            let what = if cmd.subtype() == T::AtSetLogged {
                "SET LOGGED"
            } else {
                "SET UNLOGGED"
            };
            out.hit(
                "ban-set-logged-unlogged",
                format!("{what} rewrites `{rel}` under ACCESS EXCLUSIVE"),
                None,
            );
        }
        T::AtSetTableSpace if existing => {
            out.hit(
                "ban-set-tablespace",
                format!("SET TABLESPACE copies `{rel}` under ACCESS EXCLUSIVE"),
                None,
            );
        }
        T::AtAttachPartition => {
            let part = ast::partition_cmd(cmd.def.as_deref())
                .map(|p| ast::rel_name(p.name.as_ref()))
                .unwrap_or_default();
            if st.existing(&part) && !schema.checked_tables.contains(ast::bare(&part)) {
                out.hit(
                    "attach-partition-without-check",
                    format!("ATTACH PARTITION `{part}` scans it under ACCESS EXCLUSIVE: no CHECK constraint matching the bound was added first"),
                    None,
                );
            }
        }
        T::AtDetachPartition if existing => {
            let concurrent = ast::partition_cmd(cmd.def.as_deref()).is_some_and(|p| p.concurrent);
            if concurrent {
                if st.in_tx() {
                    out.hit(
                        "ban-concurrent-index-creation-in-transaction",
                        "DETACH PARTITION … CONCURRENTLY cannot run inside a transaction block",
                        None,
                    );
                }
            } else if pg.major >= 14 {
                out.hit(
                    "require-concurrent-detach-partition",
                    format!("DETACH PARTITION takes ACCESS EXCLUSIVE on `{rel}`; use CONCURRENTLY"),
                    None,
                );
            } else {
                out.hit_sev(
                    "require-concurrent-detach-partition",
                    format!("DETACH PARTITION takes ACCESS EXCLUSIVE on `{rel}` (CONCURRENTLY needs PostgreSQL 14)"),
                    None,
                    Severity::Warning,
                );
            }
        }
        _ => {}
    }
}

fn type_str(t: &TypeInfo) -> String {
    let mods = if t.typmods.is_empty() {
        String::new()
    } else {
        format!(
            "({})",
            t.typmods
                .iter()
                .map(|m| m.to_string())
                .collect::<Vec<_>>()
                .join(",")
        )
    };
    format!("{}{mods}{}", t.name, if t.array { "[]" } else { "" })
}
