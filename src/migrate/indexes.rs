//! INVALID indexes around migrations: a `CREATE INDEX CONCURRENTLY` that
//! failed or was killed leaves an index with `indisvalid = false`, and a
//! rerun's `IF NOT EXISTS` skips it. Finds the indexes a migration names
//! (pure, with pg_query) and asks PostgreSQL which of them, or which new
//! ones, are invalid (reads `pg_index`; touches PostgreSQL, read-only).

use pg_query::protobuf::{ObjectType, ReindexObjectType};
use pg_query::NodeEnum;
use tokio_postgres::Client;

use super::history::quote_ident;
use super::sql::Statement;

/// An index a migration creates or rebuilds, by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedIndex {
    /// The schema written in the statement, if any.
    pub schema: Option<String>,
    pub name: String,
    /// The table of a CREATE INDEX (`schema.table` as written), which
    /// decides the index's schema when none is written.
    pub table: Option<String>,
    /// Created (CREATE INDEX) rather than rebuilt (REINDEX INDEX).
    pub create: bool,
    /// A DROP INDEX of the same name comes earlier in the migration (the
    /// robust pattern `DROP INDEX CONCURRENTLY IF EXISTS x; CREATE …`).
    pub dropped_before: bool,
}

/// The indexes `statements` of `sql` create or rebuild, in order. Statements
/// that do not parse (placeholders, psql syntax) are skipped.
pub fn named_indexes(sql: &str, statements: &[Statement]) -> Vec<NamedIndex> {
    let mut out: Vec<NamedIndex> = Vec::new();
    let mut dropped: Vec<String> = Vec::new();
    for s in statements {
        let w: Vec<&str> = s.words.iter().take(4).map(String::as_str).collect();
        let relevant = matches!(
            w.as_slice(),
            ["create", "index", ..]
                | ["create", "unique", "index", ..]
                | ["drop", "index", ..]
                | ["reindex", ..]
        );
        if !relevant {
            continue;
        }
        let Ok(parsed) = crate::pg::parse::parse(s.text(sql)) else {
            continue;
        };
        for node in &parsed {
            match node {
                NodeEnum::IndexStmt(i) if !i.idxname.is_empty() => {
                    let table = i.relation.as_ref().map(|r| {
                        if r.schemaname.is_empty() {
                            quote_ident(&r.relname)
                        } else {
                            format!("{}.{}", quote_ident(&r.schemaname), quote_ident(&r.relname))
                        }
                    });
                    out.push(NamedIndex {
                        schema: None,
                        dropped_before: dropped.contains(&i.idxname),
                        name: i.idxname.clone(),
                        table,
                        create: true,
                    });
                }
                NodeEnum::ReindexStmt(r) if r.kind() == ReindexObjectType::ReindexObjectIndex => {
                    if let Some(rv) = &r.relation {
                        out.push(NamedIndex {
                            schema: (!rv.schemaname.is_empty()).then(|| rv.schemaname.clone()),
                            name: rv.relname.clone(),
                            table: None,
                            create: false,
                            dropped_before: dropped.contains(&rv.relname),
                        });
                    }
                }
                NodeEnum::DropStmt(d) if d.remove_type() == ObjectType::ObjectIndex => {
                    for o in &d.objects {
                        if let Some(NodeEnum::List(l)) = o.node.as_ref() {
                            if let Some(NodeEnum::String(last)) =
                                l.items.last().and_then(|n| n.node.as_ref())
                            {
                                dropped.push(last.sval.clone());
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// An index PostgreSQL marks INVALID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidIndex {
    pub oid: i64,
    /// `"schema"."name"`.
    pub qualified: String,
    pub table: String,
}

const INVALID_SQL: &str = "SELECT i.indexrelid::bigint, format('%I.%I', n.nspname, c.relname), format('%I.%I', tn.nspname, t.relname)
   FROM pg_catalog.pg_index i
   JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
   JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
   JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
  WHERE NOT i.indisvalid AND c.relkind = 'i'";

fn invalid_of(r: &tokio_postgres::Row) -> InvalidIndex {
    InvalidIndex {
        oid: r.get(0),
        qualified: r.get(1),
        table: r.get(2),
    }
}

/// Every invalid index of the database (partitioned parents, whose
/// invalidity means "not every partition attached yet", are left out).
pub async fn all_invalid(client: &Client) -> anyhow::Result<Vec<InvalidIndex>> {
    let rows = client.query(INVALID_SQL, &[]).await?;
    Ok(rows.iter().map(invalid_of).collect())
}

/// The invalid index that has the name of `ix`: in the schema written, else
/// the schema of its table, else the first schema of search_path holding it.
pub async fn invalid_named(
    client: &Client,
    ix: &NamedIndex,
) -> anyhow::Result<Option<InvalidIndex>> {
    let sql = format!(
        "{INVALID_SQL} AND c.relname::text = $1::text AND n.nspname::text = COALESCE($2::text, (SELECT tn2.nspname::text FROM pg_catalog.pg_class t2 JOIN pg_catalog.pg_namespace tn2 ON tn2.oid = t2.relnamespace WHERE t2.oid = to_regclass($3::text)), (SELECT s::text FROM unnest(current_schemas(false)) WITH ORDINALITY AS x(s, o) WHERE EXISTS (SELECT 1 FROM pg_catalog.pg_class c3 JOIN pg_catalog.pg_namespace n3 ON n3.oid = c3.relnamespace WHERE n3.nspname = x.s AND c3.relname::text = $1::text) ORDER BY o LIMIT 1))"
    );
    let rows = client
        .query(&sql, &[&ix.name, &ix.schema, &ix.table])
        .await?;
    Ok(rows.first().map(invalid_of))
}

/// What to do about invalid indexes, named in full.
pub fn fix_hint(invalid: &[InvalidIndex]) -> String {
    let drops: Vec<String> = invalid
        .iter()
        .map(|i| format!("DROP INDEX CONCURRENTLY {};", i.qualified))
        .collect();
    let reindex: Vec<String> = invalid
        .iter()
        .map(|i| format!("REINDEX INDEX CONCURRENTLY {};", i.qualified))
        .collect();
    format!(
        "drop it and let the migration build it again: {} — or rebuild it in place: {}",
        drops.join(" "),
        reindex.join(" ")
    )
}

/// `"public"."t_x" (on "public"."t")`, comma-separated.
pub fn describe(invalid: &[InvalidIndex]) -> String {
    invalid
        .iter()
        .map(|i| format!("{} (on {})", i.qualified, i.table))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(sql: &str) -> Vec<NamedIndex> {
        named_indexes(sql, &crate::migrate::sql::split(sql).unwrap())
    }

    #[test]
    fn finds_created_rebuilt_and_dropped_indexes() {
        let n = names(
            "create index concurrently if not exists t_x on app.t (x);\n\
             drop index concurrently if exists old_i;\n\
             create unique index concurrently old_i on t (y);\n\
             reindex index concurrently audit.big_i;\n\
             create index on t (z);\n\
             select 'create index nope on t (a)';",
        );
        assert_eq!(
            n,
            vec![
                NamedIndex {
                    schema: None,
                    name: "t_x".into(),
                    table: Some("\"app\".\"t\"".into()),
                    create: true,
                    dropped_before: false
                },
                NamedIndex {
                    schema: None,
                    name: "old_i".into(),
                    table: Some("\"t\"".into()),
                    create: true,
                    dropped_before: true
                },
                NamedIndex {
                    schema: Some("audit".into()),
                    name: "big_i".into(),
                    table: None,
                    create: false,
                    dropped_before: false
                },
            ]
        );
        assert!(names("create index ${name} on t (a);").is_empty());
    }

    #[test]
    fn hint_names_both_fixes() {
        let h = fix_hint(&[InvalidIndex {
            oid: 1,
            qualified: "\"public\".\"t_x\"".into(),
            table: "\"public\".\"t\"".into(),
        }]);
        assert!(
            h.contains("DROP INDEX CONCURRENTLY \"public\".\"t_x\";"),
            "{h}"
        );
        assert!(
            h.contains("REINDEX INDEX CONCURRENTLY \"public\".\"t_x\";"),
            "{h}"
        );
    }
}
