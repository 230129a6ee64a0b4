//! Reads the facts a dump plan needs from the source database's catalog:
//! schemas, relations with `pg_table_size` and `reltuples`, partitions, view
//! and foreign-key dependencies, the server version. Talks to PostgreSQL
//! (read-only queries).

use anyhow::Context as _;

use super::plan::{Catalog, ForeignKey, RelKind, Relation};

const USER_SCHEMAS: &str = "n.nspname NOT IN ('pg_catalog', 'information_schema') \
     AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

const EXACT_SIZE: &str = "pg_table_size(c.oid)";
const ESTIMATED_SIZE: &str = "(c.relpages::int8 + coalesce((SELECT t.relpages FROM pg_class t WHERE t.oid = c.reltoastrelid), 0)) \
     * current_setting('block_size')::int8";

/// Relations with their size computed by `size` (an SQL expression over `c`).
/// Extension member tables are not dumped by pg_dump: they are left out.
fn relations_sql(size: &str) -> String {
    format!(
        "SELECT c.oid::int8, n.nspname::text, c.relname::text, c.relkind::text,
                CASE WHEN c.relkind IN ('r', 'm') THEN {size} ELSE 0 END::int8,
                c.reltuples::float8,
                (SELECT i.inhparent::int8 FROM pg_inherits i
                  WHERE i.inhrelid = c.oid AND c.relispartition LIMIT 1),
                has_schema_privilege(n.oid, 'USAGE') AND has_table_privilege(c.oid, 'SELECT')
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND {USER_SCHEMAS}
            AND NOT EXISTS (SELECT 1 FROM pg_depend d
                             WHERE d.classid = 'pg_class'::regclass
                               AND d.objid = c.oid AND d.deptype = 'e')
          ORDER BY 2, 3"
    )
}

/// Loads the catalog facts over `client`.
pub async fn load(client: &tokio_postgres::Client) -> anyhow::Result<Catalog> {
    let num: i32 = client
        .query_one("SELECT current_setting('server_version_num')::int", &[])
        .await
        .context("reading the server version")?
        .get(0);
    let visible: Vec<String> = client
        .query_one("SELECT current_schemas(false)::text[]", &[])
        .await?
        .get(0);
    let schemas = client
        .query(
            &format!("SELECT n.nspname::text FROM pg_namespace n WHERE {USER_SCHEMAS} ORDER BY 1"),
            &[],
        )
        .await
        .context("listing schemas")?
        .iter()
        .map(|r| r.get::<_, String>(0))
        .collect();
    // pg_table_size waits for a table locked ACCESS EXCLUSIVE (an ALTER TABLE
    // in progress): give up after a while and estimate from relpages instead.
    client.batch_execute("SET lock_timeout = '2s'").await?;
    let sized = client.query(&relations_sql(EXACT_SIZE), &[]).await;
    let (rows, sizes_estimated) = match sized {
        Ok(rows) => (rows, false),
        Err(e) if e.code() == Some(&tokio_postgres::error::SqlState::LOCK_NOT_AVAILABLE) => {
            let rows = client
                .query(&relations_sql(ESTIMATED_SIZE), &[])
                .await
                .context("listing tables and their sizes")?;
            (rows, true)
        }
        Err(e) => return Err(anyhow::Error::new(e).context("listing tables and their sizes")),
    };
    client.batch_execute("RESET lock_timeout").await?;
    let relations = rows
        .iter()
        .filter_map(|r| {
            Some(Relation {
                oid: r.get(0),
                schema: r.get(1),
                name: r.get(2),
                kind: RelKind::from_relkind(r.get::<_, String>(3).as_str())?,
                size: r.get(4),
                rows: r.get(5),
                parent: r.get(6),
                readable: r.get(7),
            })
        })
        .collect();
    let view_deps = client
        .query(
            "SELECT DISTINCT r.ev_class::int8, d.refobjid::int8
               FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid
              WHERE d.classid = 'pg_rewrite'::regclass
                AND d.refclassid = 'pg_class'::regclass
                AND d.refobjid <> r.ev_class",
            &[],
        )
        .await
        .context("reading view dependencies")?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let foreign_keys = client
        .query(
            "SELECT conname::text, conrelid::int8, confrelid::int8 FROM pg_constraint
              WHERE contype = 'f' AND conparentid = 0",
            &[],
        )
        .await
        .context("reading foreign keys")?
        .iter()
        .map(|r| ForeignKey {
            name: r.get(0),
            table: r.get(1),
            references: r.get(2),
        })
        .collect();
    Ok(Catalog {
        sizes_estimated,
        server_major: (num / 10000) as u32,
        visible_schemas: visible,
        schemas,
        relations,
        view_deps,
        foreign_keys,
    })
}
