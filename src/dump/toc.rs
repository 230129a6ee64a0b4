//! A dump's table of contents (`pg_restore -l`) parsed and summarised:
//! header, schemas, tables with or without data, counts of other objects.
//! Parsing is pure; `read` runs pg_restore.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::error::UserError;

/// Entry types, longest first so `TABLE DATA` wins over `TABLE`.
const TYPES: &[&str] = &[
    "MATERIALIZED VIEW DATA",
    "TEXT SEARCH CONFIGURATION",
    "TEXT SEARCH DICTIONARY",
    "TEXT SEARCH TEMPLATE",
    "TEXT SEARCH PARSER",
    "FOREIGN DATA WRAPPER",
    "PROCEDURAL LANGUAGE",
    "MATERIALIZED VIEW",
    "SEQUENCE OWNED BY",
    "PUBLICATION TABLES IN SCHEMA",
    "PUBLICATION TABLE",
    "CHECK CONSTRAINT",
    "OPERATOR FAMILY",
    "OPERATOR CLASS",
    "FK CONSTRAINT",
    "EVENT TRIGGER",
    "FOREIGN TABLE",
    "INDEX ATTACH",
    "LARGE OBJECT",
    "SEQUENCE SET",
    "TABLE ATTACH",
    "USER MAPPING",
    "DEFAULT ACL",
    "SHELL TYPE",
    "TABLE DATA",
    "BLOB DATA",
];

/// One TOC line: `215; 1259 70814 TABLE public orders postgres`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub id: u32,
    pub kind: String,
    /// `None` for `-`.
    pub schema: Option<String>,
    pub name: String,
    pub owner: String,
}

/// Parses one non-comment line.
pub fn parse_entry(line: &str) -> Option<Entry> {
    let (id, rest) = line.split_once(';')?;
    let id = id.trim().parse().ok()?;
    let mut it = rest.trim_start().splitn(3, ' ');
    let (_catalog, _oid, rest) = (it.next()?, it.next()?, it.next()?);
    let kind = TYPES
        .iter()
        .find(|t| rest.starts_with(*t) && rest[t.len()..].starts_with(' '))
        .map(|t| t.to_string())
        .unwrap_or_else(|| rest.split(' ').next().unwrap_or_default().to_string());
    let rest = rest[kind.len()..].strip_prefix(' ')?;
    let (schema, rest) = rest.split_once(' ')?;
    let (name, owner) = if let Some(n) = rest.strip_suffix(' ') {
        (n.to_string(), String::new())
    } else {
        match rest.rsplit_once(' ') {
            Some((n, o)) => (n.to_string(), o.to_string()),
            None => (rest.to_string(), String::new()),
        }
    };
    Some(Entry {
        id,
        kind,
        schema: (schema != "-").then(|| schema.to_string()),
        name,
        owner,
    })
}

/// A table in the summary.
#[derive(Debug, Clone, Serialize)]
pub struct TocTable {
    pub schema: String,
    pub name: String,
    pub data: bool,
    /// It is attached to a partitioned table.
    pub partition: bool,
}

/// A schema in the summary.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TocSchema {
    pub tables: usize,
    pub with_data: usize,
    pub without_data: usize,
}

/// The summarised table of contents.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Toc {
    /// Header fields (`dbname`, `Format`, `Dumped from database version`…).
    pub header: BTreeMap<String, String>,
    pub entries: usize,
    pub schemas: BTreeMap<String, TocSchema>,
    pub tables: Vec<TocTable>,
    /// Other entries by type.
    pub objects: BTreeMap<String, usize>,
}

/// Summarises `pg_restore -l` output.
pub fn summarise(text: &str) -> Toc {
    let mut toc = Toc::default();
    let mut entries = Vec::new();
    for line in text.lines() {
        if let Some(c) = line.strip_prefix(';') {
            if let Some((k, v)) = c.split_once(':') {
                let k = k.trim();
                if !k.is_empty() && !k.contains("Selected TOC") {
                    toc.header.insert(k.to_string(), v.trim().to_string());
                }
            }
            continue;
        }
        if let Some(e) = parse_entry(line) {
            entries.push(e);
        }
    }
    toc.entries = entries.len();
    let key = |e: &Entry| (e.schema.clone().unwrap_or_default(), e.name.clone());
    let data: std::collections::BTreeSet<(String, String)> = entries
        .iter()
        .filter(|e| e.kind == "TABLE DATA")
        .map(key)
        .collect();
    let attached: std::collections::BTreeSet<(String, String)> = entries
        .iter()
        .filter(|e| e.kind == "TABLE ATTACH")
        .map(key)
        .collect();
    for e in &entries {
        match e.kind.as_str() {
            "SCHEMA" => {
                toc.schemas.entry(e.name.clone()).or_default();
            }
            "TABLE" => {
                let k = key(e);
                let t = TocTable {
                    data: data.contains(&k),
                    partition: attached.contains(&k),
                    schema: k.0,
                    name: k.1,
                };
                let s = toc.schemas.entry(t.schema.clone()).or_default();
                s.tables += 1;
                if t.data {
                    s.with_data += 1;
                } else {
                    s.without_data += 1;
                }
                toc.tables.push(t);
            }
            "TABLE DATA" | "TABLE ATTACH" => {}
            other => *toc.objects.entry(other.to_lowercase()).or_default() += 1,
        }
    }
    toc
}

/// What kind of dump a path holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveKind {
    Custom,
    Directory,
    Plain,
}

/// Looks at a dump: a directory with toc.dat, a custom archive (`PGDMP`), else plain SQL.
pub fn archive_kind(path: &Path) -> Result<ArchiveKind, UserError> {
    if path.is_dir() {
        if path.join("toc.dat").is_file() {
            return Ok(ArchiveKind::Directory);
        }
        return Err(UserError::usage(format!(
            "{} is a directory without toc.dat: not a pg_dump directory archive",
            path.display()
        )));
    }
    let mut head = [0u8; 5];
    use std::io::Read;
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .map_err(|e| {
            UserError::usage(format!("cannot read {}", path.display()))
                .source(e)
                .hint("give the path of a file written by `dbtool dump` or `pg_dump`")
        })?;
    if n == 5 && &head == b"PGDMP" {
        Ok(ArchiveKind::Custom)
    } else {
        Ok(ArchiveKind::Plain)
    }
}

/// Runs `pg_restore -l` on a custom or directory archive.
pub async fn read(pg_restore: &Path, path: &Path) -> anyhow::Result<Toc> {
    if archive_kind(path)? == ArchiveKind::Plain {
        return Err(UserError::usage(format!(
            "{} is a plain SQL dump: it has no table of contents",
            path.display()
        ))
        .hint("plain dumps are SQL scripts: read them, or load them with `psql -f FILE`")
        .into());
    }
    let out = crate::process::command(pg_restore)
        .arg("--list")
        .arg(path)
        .output()
        .await
        .map_err(|e| {
            UserError::runtime(format!("cannot run {}", pg_restore.display())).source(e)
        })?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr).trim().to_string();
        let hint = if err.contains("unsupported version") {
            "the archive was written by a newer pg_dump: install a newer PostgreSQL client (pg_restore) or set DBTOOL_PG_RESTORE"
        } else {
            "check that the file is a complete pg_dump archive (custom or directory format)"
        };
        return Err(
            UserError::runtime(format!("pg_restore cannot read {}", path.display()))
                .source(anyhow::anyhow!(err))
                .hint(hint)
                .into(),
        );
    }
    Ok(summarise(&String::from_utf8_lossy(&out.stdout)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = ";
; Archive created at 2026-11-21 12:57:55 UTC
;     dbname: toc_probe
;     Format: CUSTOM
;     Dumped from database version: 15.20 (Debian 15.20-0+deb12u1)
;
; Selected TOC Entries:
;
2; 3079 70837 EXTENSION - pg_trgm 
3425; 0 0 COMMENT - EXTENSION pg_trgm 
215; 1259 70814 TABLE public a postgres
3426; 0 0 COMMENT public TABLE a postgres
216; 1259 70819 TABLE public b postgres
220; 1259 70918 MATERIALIZED VIEW public mv postgres
218; 1259 70831 TABLE public p postgres
219; 1259 70834 TABLE public p1 postgres
217; 1259 70827 VIEW public v postgres
3266; 0 0 TABLE ATTACH public p1 postgres
3414; 0 70814 TABLE DATA public a postgres
3416; 0 70834 TABLE DATA public p1 postgres
3269; 2606 70822 FK CONSTRAINT public b b_id_fkey postgres
3417; 0 70918 MATERIALIZED VIEW DATA public mv postgres
";

    #[test]
    fn parses_entries_with_odd_names() {
        let e = parse_entry("3426; 0 0 COMMENT public TABLE a postgres").unwrap();
        assert_eq!(
            (e.kind.as_str(), e.name.as_str(), e.owner.as_str()),
            ("COMMENT", "TABLE a", "postgres")
        );
        let e = parse_entry("2; 3079 70837 EXTENSION - pg_trgm ").unwrap();
        assert_eq!(e.schema, None);
        assert_eq!(e.name, "pg_trgm");
        let e = parse_entry("3414; 0 70814 TABLE DATA public a postgres").unwrap();
        assert_eq!(e.kind, "TABLE DATA");
        assert!(parse_entry("; comment").is_none());
    }

    #[test]
    fn summarises_tables_and_objects() {
        let toc = summarise(LIST);
        assert_eq!(toc.header["dbname"], "toc_probe");
        assert_eq!(toc.header["Format"], "CUSTOM");
        assert_eq!(toc.entries, 14);
        let s = &toc.schemas["public"];
        assert_eq!((s.tables, s.with_data, s.without_data), (4, 2, 2));
        let p1 = toc.tables.iter().find(|t| t.name == "p1").unwrap();
        assert!(p1.data && p1.partition);
        assert!(!toc.tables.iter().find(|t| t.name == "b").unwrap().data);
        assert_eq!(toc.objects["fk constraint"], 1);
        assert_eq!(toc.objects["materialized view"], 1);
        assert_eq!(toc.objects["extension"], 1);
    }
}
