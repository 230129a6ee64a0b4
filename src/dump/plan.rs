//! Pure dump planning: from catalog facts (tables, sizes, partitions, view and
//! foreign-key dependencies), the requested filters and pg_dump's version to a
//! `DumpPlan`: the pg_dump arguments (no connection details, no secrets), what
//! is dumped or skipped with sizes, and warnings. Touches no external system.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::pattern::{quote_ident, quote_table, NamePattern};
use crate::error::UserError;

/// The kind of a relation (`pg_class.relkind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RelKind {
    Table,
    Partitioned,
    View,
    MaterializedView,
    Foreign,
}

impl RelKind {
    /// From `pg_class.relkind`.
    pub fn from_relkind(k: &str) -> Option<RelKind> {
        Some(match k {
            "r" => RelKind::Table,
            "p" => RelKind::Partitioned,
            "v" => RelKind::View,
            "m" => RelKind::MaterializedView,
            "f" => RelKind::Foreign,
            _ => return None,
        })
    }

    /// Whether pg_dump copies rows of it (views have none; a materialized
    /// view is refreshed at restore; foreign tables only with
    /// --include-foreign-data; a partitioned table's rows are in its partitions).
    pub fn has_data(self) -> bool {
        matches!(self, RelKind::Table)
    }

    pub fn label(self) -> &'static str {
        match self {
            RelKind::Table => "table",
            RelKind::Partitioned => "partitioned table",
            RelKind::View => "view",
            RelKind::MaterializedView => "materialized view",
            RelKind::Foreign => "foreign table",
        }
    }
}

/// One relation of the source database.
#[derive(Debug, Clone)]
pub struct Relation {
    pub oid: i64,
    pub schema: String,
    pub name: String,
    pub kind: RelKind,
    /// `pg_table_size` in bytes (0 for views and partitioned parents).
    pub size: i64,
    /// `reltuples`: estimated rows, negative when never analysed.
    pub rows: f64,
    /// The partitioned table this is a partition of.
    pub parent: Option<i64>,
    /// The dump user may read it (schema USAGE and table SELECT).
    pub readable: bool,
}

/// A foreign key (the top-level constraint, not its per-partition clones).
#[derive(Debug, Clone)]
pub struct ForeignKey {
    pub name: String,
    /// The referencing table.
    pub table: i64,
    /// The referenced table.
    pub references: i64,
}

/// What planning needs to know about the source database.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// `server_version_num / 10000`.
    pub server_major: u32,
    /// Schemas on the default search path (unqualified patterns match there).
    pub visible_schemas: Vec<String>,
    /// Every user schema.
    pub schemas: Vec<String>,
    pub relations: Vec<Relation>,
    /// (view or materialized view, relation it reads).
    pub view_deps: Vec<(i64, i64)>,
    pub foreign_keys: Vec<ForeignKey>,
    /// Sizes come from `relpages` because a table was locked.
    pub sizes_estimated: bool,
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// pg_dump's compressed archive (-Fc), for pg_restore
    #[default]
    Custom,
    /// A directory of compressed files (-Fd), the only format for --jobs
    Directory,
    /// An SQL script (-Fp), for psql
    Plain,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Custom => "custom",
            Format::Directory => "directory",
            Format::Plain => "plain",
        }
    }

    /// The usual file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Custom => "dump",
            Format::Directory => "dir",
            Format::Plain => "sql",
        }
    }
}

/// The requested filters (a preset merged with the flags).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Filters {
    pub exclude_schemas: Vec<String>,
    pub exclude_tables: Vec<String>,
    pub exclude_table_data: Vec<String>,
    pub include_tables: Vec<String>,
}

impl Filters {
    /// Adds another set (flags after the preset).
    pub fn extend(&mut self, other: &Filters) {
        self.exclude_schemas
            .extend(other.exclude_schemas.iter().cloned());
        self.exclude_tables
            .extend(other.exclude_tables.iter().cloned());
        self.exclude_table_data
            .extend(other.exclude_table_data.iter().cloned());
        self.include_tables
            .extend(other.include_tables.iter().cloned());
    }
}

/// How pg_dump is to be run.
#[derive(Debug, Clone)]
pub struct Options {
    pub format: Format,
    pub jobs: u32,
    /// pg_dump's major version: 16+ has the `…-and-children` options.
    pub pg_dump_major: u32,
}

/// What happens to one relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Definition and rows.
    Dumped,
    /// Definition only (`--exclude-table-data`).
    DataExcluded,
    /// Left out, definition included (`--exclude-table`).
    Excluded,
    /// Its schema is left out.
    SchemaExcluded,
    /// Not among `--include-table`.
    NotIncluded,
}

impl Status {
    pub fn definition_dumped(self) -> bool {
        matches!(self, Status::Dumped | Status::DataExcluded)
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Dumped => "dump",
            Status::DataExcluded => "definition only",
            Status::Excluded => "excluded",
            Status::SchemaExcluded => "schema excluded",
            Status::NotIncluded => "not included",
        }
    }
}

/// One relation in the plan.
#[derive(Debug, Clone, Serialize)]
pub struct PlannedRelation {
    #[serde(skip)]
    pub oid: i64,
    pub schema: String,
    pub name: String,
    pub kind: RelKind,
    pub size: i64,
    /// Estimated rows (None when never analysed).
    pub rows: Option<i64>,
    pub status: Status,
    /// The pattern or parent that decided the status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// `schema.name` of the partitioned table this is a partition of.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partition_of: Option<String>,
}

impl PlannedRelation {
    pub fn qualified(&self) -> String {
        format!("{}.{}", self.schema, self.name)
    }

    /// Whether pg_dump writes rows of this relation.
    pub fn data_dumped(&self) -> bool {
        self.status == Status::Dumped && self.kind.has_data()
    }
}

/// A warning shown before dumping.
#[derive(Debug, Clone, Serialize)]
pub struct Warning {
    pub kind: WarningKind,
    pub message: String,
    /// Objects concerned (qualified names).
    pub objects: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// Views or foreign keys depend on a relation whose definition is not dumped.
    BrokenDependency,
    /// Included rows reference rows that are not dumped.
    ForeignKeyData,
    /// An exclusion pattern matched nothing.
    UnmatchedPattern,
    /// The dump user cannot read relations pg_dump would read: it will fail.
    Unreadable,
}

/// The plan: pg_dump's arguments and what they do.
#[derive(Debug, Clone, Serialize)]
pub struct DumpPlan {
    pub format: Format,
    pub jobs: u32,
    /// pg_dump arguments without the connection and the output file.
    pub args: Vec<String>,
    pub relations: Vec<PlannedRelation>,
    pub excluded_schemas: Vec<String>,
    pub warnings: Vec<Warning>,
    /// Bytes of table data dumped / skipped.
    pub data_bytes: i64,
    pub skipped_bytes: i64,
    /// A rough estimate of the dump's size.
    pub estimated_bytes: i64,
}

impl DumpPlan {
    /// Relations whose rows are dumped, i.e. what progress is measured in.
    pub fn data_relations(&self) -> impl Iterator<Item = &PlannedRelation> {
        self.relations.iter().filter(|r| r.data_dumped())
    }

    /// Relations pg_dump needs but the dump user cannot read.
    pub fn unreadable(&self) -> Option<&Warning> {
        self.warnings
            .iter()
            .find(|w| w.kind == WarningKind::Unreadable)
    }

    /// Foreign keys from dumped rows to rows left out.
    pub fn fk_data_warnings(&self) -> impl Iterator<Item = &Warning> {
        self.warnings
            .iter()
            .filter(|w| w.kind == WarningKind::ForeignKeyData)
    }
}

fn parse_all(
    patterns: &[String],
    parse: fn(&str) -> Result<NamePattern, String>,
) -> Result<Vec<NamePattern>, UserError> {
    patterns
        .iter()
        .map(|p| {
            parse(p).map_err(|e| {
                UserError::usage(format!("bad pattern {e}")).hint(
                    "patterns are pg_dump's: schema.table, * and ? wildcards, \"Quoted\" names",
                )
            })
        })
        .collect()
}

/// Plans a dump. Errors are usage errors (bad pattern, `--include-table`
/// matching nothing, `--jobs` without the directory format).
pub fn plan(catalog: &Catalog, filters: &Filters, opts: &Options) -> Result<DumpPlan, UserError> {
    if opts.jobs > 1 && opts.format != Format::Directory {
        return Err(UserError::usage("--jobs needs --format directory")
            .hint("pg_dump dumps in parallel only into a directory: add --format directory"));
    }
    if opts.jobs == 0 {
        return Err(UserError::usage("--jobs must be at least 1"));
    }
    let schema_pats = parse_all(&filters.exclude_schemas, NamePattern::schema)?;
    let excl_pats = parse_all(&filters.exclude_tables, NamePattern::table)?;
    let data_pats = parse_all(&filters.exclude_table_data, NamePattern::table)?;
    let incl_pats = parse_all(&filters.include_tables, NamePattern::table)?;
    let visible = &catalog.visible_schemas;

    let by_oid: BTreeMap<i64, &Relation> = catalog.relations.iter().map(|r| (r.oid, r)).collect();
    let mut children: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for r in &catalog.relations {
        if let Some(p) = r.parent {
            children.entry(p).or_default().push(r.oid);
        }
    }
    let descendants = |oid: i64| -> Vec<i64> {
        let mut out = Vec::new();
        let mut stack = vec![oid];
        while let Some(o) = stack.pop() {
            for c in children.get(&o).into_iter().flatten() {
                out.push(*c);
                stack.push(*c);
            }
        }
        out
    };
    let mut warnings = Vec::new();
    let unmatched = |kind: &str, p: &NamePattern| Warning {
        kind: WarningKind::UnmatchedPattern,
        message: format!("{kind} pattern `{}` matches nothing", p.text),
        objects: vec![],
        hint: None,
    };

    // Schemas.
    let mut excluded_schemas = BTreeSet::new();
    for p in &schema_pats {
        let hits: Vec<&String> = catalog
            .schemas
            .iter()
            .filter(|s| p.matches_schema(s))
            .collect();
        if hits.is_empty() {
            warnings.push(unmatched("--exclude-schema", p));
        }
        excluded_schemas.extend(hits.into_iter().cloned());
    }

    // Status of every relation, with the reason.
    let mut status: BTreeMap<i64, (Status, Option<String>)> = BTreeMap::new();
    for r in &catalog.relations {
        let s = if excluded_schemas.contains(&r.schema) {
            (Status::SchemaExcluded, Some(format!("schema {}", r.schema)))
        } else {
            (Status::Dumped, None)
        };
        status.insert(r.oid, s);
    }
    // Roots matched directly by a pattern (for the …-and-children options),
    // and every relation each pattern class reaches.
    type StatusMap = BTreeMap<i64, (Status, Option<String>)>;
    let apply = |status: &mut StatusMap,
                 pats: &[NamePattern],
                 flag: &str,
                 new: Status,
                 only_from: &[Status],
                 warnings: &mut Vec<Warning>|
     -> (BTreeSet<i64>, BTreeSet<i64>) {
        let mut roots = BTreeSet::new();
        let mut all = BTreeSet::new();
        for p in pats {
            let hits: Vec<&Relation> = catalog
                .relations
                .iter()
                .filter(|r| !excluded_schemas.contains(&r.schema))
                .filter(|r| p.matches_table(&r.schema, &r.name, visible))
                .collect();
            if hits.is_empty() && new != Status::NotIncluded {
                warnings.push(unmatched(flag, p));
            }
            for h in hits {
                roots.insert(h.oid);
                all.insert(h.oid);
                for d in descendants(h.oid) {
                    all.insert(d);
                }
            }
        }
        for oid in &all {
            let entry = status.get_mut(oid).expect("known relation");
            if only_from.contains(&entry.0) {
                let rel = by_oid[oid];
                let why = match rel
                    .parent
                    .filter(|p| all.contains(p) && !roots.contains(oid))
                {
                    Some(p) => format!("{flag}: partition of {}", qualified(by_oid[&p])),
                    None => flag.to_string(),
                };
                *entry = (new, Some(why));
            }
        }
        (roots, all)
    };

    let mut include_roots = BTreeSet::new();
    let mut include_all = BTreeSet::new();
    if !incl_pats.is_empty() {
        for p in &incl_pats {
            let any = catalog.relations.iter().any(|r| {
                !excluded_schemas.contains(&r.schema)
                    && p.matches_table(&r.schema, &r.name, visible)
            });
            if !any {
                return Err(UserError::usage(format!(
                    "--include-table pattern `{}` matches no table",
                    p.text
                ))
                .hint("unqualified names match the search path only; write schema.table"));
            }
        }
        let (roots, all) = apply(
            &mut status,
            &incl_pats,
            "--include-table",
            Status::Dumped,
            &[],
            &mut warnings,
        );
        include_roots = roots;
        include_all = all;
        for (oid, s) in status.iter_mut() {
            if s.0 == Status::Dumped && !include_all.contains(oid) {
                *s = (Status::NotIncluded, None);
            }
        }
    }
    let (excl_roots, excl_all) = apply(
        &mut status,
        &excl_pats,
        "--exclude-table",
        Status::Excluded,
        &[Status::Dumped],
        &mut warnings,
    );
    let (data_roots, data_all) = apply(
        &mut status,
        &data_pats,
        "--exclude-table-data",
        Status::DataExcluded,
        &[Status::Dumped],
        &mut warnings,
    );

    // pg_dump arguments.
    let mut args = vec![
        format!("--format={}", opts.format.as_str()),
        "--verbose".into(),
    ];
    if opts.jobs > 1 {
        args.push(format!("--jobs={}", opts.jobs));
    }
    for s in &excluded_schemas {
        args.push(format!("--exclude-schema={}", quote_ident(s)));
    }
    let with_children = opts.pg_dump_major >= 16;
    let mut flags = |roots: &BTreeSet<i64>, all: &BTreeSet<i64>, flag: &str| {
        let covered: BTreeSet<i64> = if with_children {
            roots
                .iter()
                .filter(|o| children.contains_key(o))
                .flat_map(|o| descendants(*o))
                .collect()
        } else {
            BTreeSet::new()
        };
        let list: Vec<i64> = if with_children {
            roots
                .iter()
                .copied()
                .filter(|o| !covered.contains(o))
                .collect()
        } else {
            all.iter().copied().collect()
        };
        let mut names: Vec<(String, &str)> = list
            .into_iter()
            .map(|o| {
                let r = by_oid[&o];
                let f = if with_children && children.contains_key(&o) {
                    "-and-children"
                } else {
                    ""
                };
                (quote_table(&r.schema, &r.name), f)
            })
            .collect();
        names.sort();
        for (n, suffix) in names {
            args.push(format!("{flag}{suffix}={n}"));
        }
    };
    flags(&include_roots, &include_all, "--table");
    flags(&excl_roots, &excl_all, "--exclude-table");
    flags(&data_roots, &data_all, "--exclude-table-data");

    let relations: Vec<PlannedRelation> = catalog
        .relations
        .iter()
        .map(|r| {
            let (s, why) = status[&r.oid].clone();
            PlannedRelation {
                oid: r.oid,
                schema: r.schema.clone(),
                name: r.name.clone(),
                kind: r.kind,
                size: r.size,
                rows: (r.rows >= 0.0).then_some(r.rows as i64),
                status: s,
                reason: why,
                partition_of: r.parent.and_then(|p| by_oid.get(&p)).map(|p| qualified(p)),
            }
        })
        .collect();
    let st = |oid: i64| status.get(&oid).map(|s| s.0);

    // Objects that depend on a relation whose definition is not dumped.
    let mut broken: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for (view, table) in &catalog.view_deps {
        if let (Some(vs), Some(ts)) = (st(*view), st(*table)) {
            if vs.definition_dumped() && !ts.definition_dumped() {
                broken.entry(*table).or_default().push(format!(
                    "{} {}",
                    by_oid[view].kind.label(),
                    qualified(by_oid[view])
                ));
            }
        }
    }
    let mut fk_data: Vec<(&ForeignKey, &Relation, &Relation)> = Vec::new();
    for fk in &catalog.foreign_keys {
        let (Some(rs), Some(ts)) = (st(fk.table), st(fk.references)) else {
            continue;
        };
        let (r, t) = (by_oid[&fk.table], by_oid[&fk.references]);
        if rs.definition_dumped() && !ts.definition_dumped() {
            broken.entry(fk.references).or_default().push(format!(
                "foreign key {} on {}",
                fk.name,
                qualified(r)
            ));
        } else if rs == Status::Dumped && ts == Status::DataExcluded && fk.table != fk.references {
            fk_data.push((fk, r, t));
        }
    }
    for (table, mut objects) in broken {
        objects.sort();
        objects.dedup();
        let t = by_oid[&table];
        let (s, _) = &status[&table];
        let flag = match s {
            Status::SchemaExcluded => "--exclude-schema",
            Status::NotIncluded => "--include-table",
            _ => "--exclude-table",
        };
        warnings.push(Warning {
            kind: WarningKind::BrokenDependency,
            message: format!(
                "{} {} is left out ({flag}) but {} depend on it: pg_restore will fail to create them",
                t.kind.label(),
                qualified(t),
                if objects.len() == 1 { "1 object".to_string() } else { format!("{} objects", objects.len()) }
            ),
            objects,
            hint: (*s == Status::Excluded).then(|| {
                format!(
                    "to keep the definition and skip only the rows, use --exclude-table-data {} instead",
                    qualified(t)
                )
            }),
        });
    }
    for (fk, r, t) in fk_data {
        warnings.push(Warning {
            kind: WarningKind::ForeignKeyData,
            message: format!(
                "foreign key {} on {} references {}, whose rows are not dumped: pg_restore will fail to add that constraint",
                fk.name,
                qualified(r),
                qualified(t)
            ),
            objects: vec![qualified(r), qualified(t)],
            hint: Some(format!(
                "add --exclude-table-data {} (its rows reference the skipped ones), or pass --no-fk-check to dump anyway",
                qualified(r)
            )),
        });
    }

    let unreadable: Vec<String> = relations
        .iter()
        .filter(|r| r.status.definition_dumped())
        .filter(|r| matches!(r.kind, RelKind::Table | RelKind::Partitioned))
        .filter(|r| by_oid.get(&r.oid).is_some_and(|x| !x.readable))
        .map(PlannedRelation::qualified)
        .collect();
    if !unreadable.is_empty() {
        warnings.push(Warning {
            kind: WarningKind::Unreadable,
            message: format!(
                "the dump user cannot read {} relation(s) pg_dump would lock and read: it would fail with `permission denied`",
                unreadable.len()
            ),
            hint: Some(format!(
                "leave them out (--exclude-table {} or --exclude-schema), or dump with a role that can read them (--role, --user)",
                unreadable[0]
            )),
            objects: unreadable,
        });
    }

    let data_bytes: i64 = relations
        .iter()
        .filter(|r| r.data_dumped())
        .map(|r| r.size)
        .sum();
    let skipped_bytes: i64 = relations
        .iter()
        .filter(|r| r.kind.has_data() && !r.data_dumped())
        .map(|r| r.size)
        .sum();
    // COPY text is about the size of the heap; custom and directory
    // archives are compressed (gzip level 6 typically leaves about a third).
    let estimated_bytes = match opts.format {
        Format::Plain => data_bytes,
        _ => data_bytes / 3,
    };
    Ok(DumpPlan {
        format: opts.format,
        jobs: opts.jobs,
        args,
        relations,
        excluded_schemas: excluded_schemas.into_iter().collect(),
        warnings,
        data_bytes,
        skipped_bytes,
        estimated_bytes,
    })
}

fn qualified(r: &Relation) -> String {
    format!("{}.{}", r.schema, r.name)
}

/// Bytes as a short human string: `0 B`, `8.0 KiB`, `1.5 GiB`.
pub fn human_bytes(n: i64) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n.max(0) as f64;
    let mut u = 0;
    while v >= 1024.0 && u + 1 < units.len() {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{} B", n.max(0))
    } else {
        format!("{v:.1} {}", units[u])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(
        oid: i64,
        schema: &str,
        name: &str,
        kind: RelKind,
        size: i64,
        parent: Option<i64>,
    ) -> Relation {
        Relation {
            oid,
            schema: schema.into(),
            name: name.into(),
            kind,
            size,
            rows: 10.0,
            parent,
            readable: true,
        }
    }

    /// public.orders (big) ← public.order_lines (FK), view public.recent_orders
    /// on orders, public.events partitioned into two, and schema pglogical.
    fn catalog() -> Catalog {
        Catalog {
            server_major: 15,
            visible_schemas: vec!["public".into()],
            schemas: vec!["public".into(), "pglogical".into(), "hint_plan".into()],
            relations: vec![
                rel(1, "public", "orders", RelKind::Table, 1_000_000, None),
                rel(2, "public", "order_lines", RelKind::Table, 5_000, None),
                rel(3, "public", "recent_orders", RelKind::View, 0, None),
                rel(4, "public", "events", RelKind::Partitioned, 0, None),
                rel(5, "public", "events_2024", RelKind::Table, 300, Some(4)),
                rel(6, "public", "events_2025", RelKind::Table, 700, Some(4)),
                rel(7, "pglogical", "node", RelKind::Table, 100, None),
                rel(8, "public", "customers", RelKind::Table, 50, None),
            ],
            view_deps: vec![(3, 1)],
            foreign_keys: vec![
                ForeignKey {
                    name: "order_lines_order_fk".into(),
                    table: 2,
                    references: 1,
                },
                ForeignKey {
                    name: "orders_customer_fk".into(),
                    table: 1,
                    references: 8,
                },
            ],
            sizes_estimated: false,
        }
    }

    fn opts(major: u32) -> Options {
        Options {
            format: Format::Custom,
            jobs: 1,
            pg_dump_major: major,
        }
    }

    fn status(p: &DumpPlan, name: &str) -> Status {
        p.relations.iter().find(|r| r.name == name).unwrap().status
    }

    #[test]
    fn exclude_data_keeps_definitions_and_expands_partitions_before_16() {
        let f = Filters {
            exclude_schemas: vec!["pglogical".into(), "hint_plan".into()],
            exclude_table_data: vec!["public.events".into()],
            ..Default::default()
        };
        let p = plan(&catalog(), &f, &opts(15)).unwrap();
        assert_eq!(status(&p, "events"), Status::DataExcluded);
        assert_eq!(status(&p, "events_2024"), Status::DataExcluded);
        assert_eq!(status(&p, "node"), Status::SchemaExcluded);
        assert_eq!(status(&p, "orders"), Status::Dumped);
        assert_eq!(
            p.args,
            vec![
                "--format=custom",
                "--verbose",
                "--exclude-schema=\"hint_plan\"",
                "--exclude-schema=\"pglogical\"",
                "--exclude-table-data=\"public\".\"events\"",
                "--exclude-table-data=\"public\".\"events_2024\"",
                "--exclude-table-data=\"public\".\"events_2025\"",
            ]
        );
        assert!(p.warnings.is_empty(), "{:?}", p.warnings);
        assert_eq!(p.data_bytes, 1_005_050);
        assert_eq!(p.skipped_bytes, 1_100);
        let r = p
            .relations
            .iter()
            .find(|r| r.name == "events_2025")
            .unwrap();
        assert_eq!(
            r.reason.as_deref(),
            Some("--exclude-table-data: partition of public.events")
        );
    }

    #[test]
    fn pg16_uses_and_children_options() {
        let f = Filters {
            exclude_table_data: vec!["events".into()],
            exclude_tables: vec!["public.events_2024".into()],
            ..Default::default()
        };
        let p = plan(&catalog(), &f, &opts(16)).unwrap();
        assert!(p
            .args
            .contains(&"--exclude-table-data-and-children=\"public\".\"events\"".to_string()));
        assert!(p
            .args
            .contains(&"--exclude-table=\"public\".\"events_2024\"".to_string()));
        assert_eq!(status(&p, "events_2024"), Status::Excluded);
        assert_eq!(status(&p, "events_2025"), Status::DataExcluded);
        assert!(!p.args.iter().any(|a| a.contains("events_2025")));
    }

    #[test]
    fn excluding_a_definition_warns_about_views_and_fks() {
        let f = Filters {
            exclude_tables: vec!["public.orders".into()],
            ..Default::default()
        };
        let p = plan(&catalog(), &f, &opts(15)).unwrap();
        let w: Vec<&Warning> = p
            .warnings
            .iter()
            .filter(|w| w.kind == WarningKind::BrokenDependency)
            .collect();
        assert_eq!(w.len(), 1);
        assert_eq!(
            w[0].objects,
            vec![
                "foreign key order_lines_order_fk on public.order_lines",
                "view public.recent_orders"
            ]
        );
        assert!(w[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("--exclude-table-data public.orders"));
        assert_eq!(p.fk_data_warnings().count(), 0);
    }

    #[test]
    fn fk_from_included_rows_to_skipped_rows() {
        let f = Filters {
            exclude_table_data: vec!["public.orders".into()],
            ..Default::default()
        };
        let p = plan(&catalog(), &f, &opts(15)).unwrap();
        let w: Vec<&Warning> = p.fk_data_warnings().collect();
        assert_eq!(w.len(), 1);
        assert!(w[0]
            .message
            .contains("order_lines_order_fk on public.order_lines references public.orders"));
        assert!(w[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("--exclude-table-data public.order_lines"));
        // Skipping the referencing rows too silences it.
        let f = Filters {
            exclude_table_data: vec!["public.order*".into()],
            ..Default::default()
        };
        let p = plan(&catalog(), &f, &opts(15)).unwrap();
        assert_eq!(p.fk_data_warnings().count(), 0);
    }

    #[test]
    fn include_tables_expands_partitions_and_errors_when_unmatched() {
        let f = Filters {
            include_tables: vec!["public.events".into()],
            ..Default::default()
        };
        let p = plan(&catalog(), &f, &opts(15)).unwrap();
        assert_eq!(status(&p, "events_2025"), Status::Dumped);
        assert_eq!(status(&p, "orders"), Status::NotIncluded);
        assert!(p
            .args
            .contains(&"--table=\"public\".\"events_2024\"".to_string()));
        let f = Filters {
            include_tables: vec!["nope".into()],
            ..Default::default()
        };
        let e = plan(&catalog(), &f, &opts(15)).unwrap_err();
        assert!(e.message.contains("matches no table"));
        // Including order_lines without orders breaks its foreign key.
        let f = Filters {
            include_tables: vec!["public.order_lines".into()],
            ..Default::default()
        };
        let p = plan(&catalog(), &f, &opts(15)).unwrap();
        assert_eq!(p.warnings.len(), 1);
        assert!(p.warnings[0].message.contains("--include-table"));
    }

    #[test]
    fn unmatched_exclusions_warn_and_jobs_need_directory() {
        let f = Filters {
            exclude_table_data: vec!["public.nothing".into()],
            ..Default::default()
        };
        let p = plan(&catalog(), &f, &opts(15)).unwrap();
        assert_eq!(p.warnings[0].kind, WarningKind::UnmatchedPattern);
        let o = Options {
            format: Format::Custom,
            jobs: 2,
            pg_dump_major: 15,
        };
        assert!(plan(&catalog(), &Filters::default(), &o).is_err());
        let o = Options {
            format: Format::Directory,
            jobs: 2,
            pg_dump_major: 15,
        };
        let p = plan(&catalog(), &Filters::default(), &o).unwrap();
        assert!(p.args.contains(&"--jobs=2".to_string()));
    }

    #[test]
    fn unreadable_tables_are_named_unless_left_out() {
        let mut c = catalog();
        c.relations[6].readable = false; // pglogical.node
        let p = plan(&c, &Filters::default(), &opts(15)).unwrap();
        assert_eq!(p.unreadable().unwrap().objects, vec!["pglogical.node"]);
        let f = Filters {
            exclude_schemas: vec!["pglogical".into()],
            ..Default::default()
        };
        assert!(plan(&c, &f, &opts(15)).unwrap().unreadable().is_none());
    }

    #[test]
    fn human_sizes() {
        assert_eq!(human_bytes(0), "0 B");
        assert_eq!(human_bytes(8192), "8.0 KiB");
        assert_eq!(human_bytes(1536 * 1024 * 1024), "1.5 GiB");
    }
}
