//! The database CNAME in Route53: pure planning of a switch (simple or
//! weighted records, rollback) and the local switch history
//! `$XDG_STATE_HOME/dbtool/cname-history.jsonl`; the Route53 and RDS calls
//! live in `route53`. The planning touches nothing.

pub mod route53;

use std::io::Write;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::UserError;

/// Tag on the new instance recording the last switch to it.
pub const TAG_SWITCH: &str = "dbtool:cname-switch";

/// One Route53 record set of the CNAME's name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub name: String,
    #[serde(rename = "type")]
    pub rtype: String,
    pub ttl: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub set_identifier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<i64>,
    pub values: Vec<String>,
}

impl Record {
    /// The single value of a CNAME.
    pub fn value(&self) -> &str {
        self.values.first().map(String::as_str).unwrap_or("")
    }
}

/// The shape of the record: one simple CNAME or weighted CNAMEs.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Simple(Record),
    Weighted(Vec<Record>),
}

impl Shape {
    pub fn records(&self) -> Vec<Record> {
        match self {
            Shape::Simple(r) => vec![r.clone()],
            Shape::Weighted(v) => v.clone(),
        }
    }
}

/// `Db.Example.internal` → `db.example.internal.` for comparisons.
pub fn normalize(name: &str) -> String {
    let n = name.trim().to_ascii_lowercase();
    if n.ends_with('.') {
        n
    } else {
        format!("{n}.")
    }
}

fn same_host(a: &str, b: &str) -> bool {
    normalize(a) == normalize(b)
}

/// Checks the records found under `name`: present, all CNAMEs, not mixed.
pub fn classify(name: &str, records: &[Record]) -> Result<Shape, UserError> {
    let mine: Vec<&Record> = records
        .iter()
        .filter(|r| same_host(&r.name, name))
        .collect();
    if mine.is_empty() {
        return Err(
            UserError::runtime(format!("no record `{name}` in the zone"))
                .hint("check --record (or `[environments.X.cname] record`) and --zone"),
        );
    }
    if let Some(r) = mine.iter().find(|r| r.rtype != "CNAME") {
        return Err(UserError::runtime(format!(
            "`{name}` has a {} record: dbtool only switches CNAMEs",
            r.rtype
        ))
        .hint("switch alias or address records in Route53 directly"));
    }
    let weighted = mine.iter().filter(|r| r.weight.is_some()).count();
    if weighted == 0 {
        if mine.len() > 1 {
            return Err(UserError::runtime(format!(
                "`{name}` has {} routing records that are neither simple nor weighted",
                mine.len()
            )));
        }
        return Ok(Shape::Simple(mine[0].clone()));
    }
    if weighted != mine.len() {
        return Err(UserError::runtime(format!(
            "`{name}` mixes simple and weighted records; nothing was changed"
        ))
        .hint("make them all weighted (or one simple record) in Route53 first"));
    }
    Ok(Shape::Weighted(mine.into_iter().cloned().collect()))
}

/// A planned change: the records before and after, and the UPSERTs that get
/// from one to the other in one atomic batch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SwitchPlan {
    pub before: Vec<Record>,
    pub after: Vec<Record>,
    pub upserts: Vec<Record>,
}

impl SwitchPlan {
    fn from(before: Vec<Record>, after: Vec<Record>) -> SwitchPlan {
        let upserts = after
            .iter()
            .filter(|a| !before.contains(a))
            .cloned()
            .collect();
        SwitchPlan {
            before,
            after,
            upserts,
        }
    }

    pub fn ttl(&self) -> i64 {
        self.after.iter().filter_map(|r| r.ttl).max().unwrap_or(0)
    }
}

/// One line per record: `value (weight N)`.
pub fn describe_records(records: &[Record]) -> Vec<String> {
    records
        .iter()
        .map(|r| match (r.weight, &r.set_identifier) {
            (Some(w), Some(id)) => format!("{} [{id}] weight {w}", r.value()),
            _ => r.value().to_string(),
        })
        .collect()
}

/// Points the record at `endpoint`: UPSERT of a simple CNAME, or for weighted
/// records weight `weight` (default 100) on the new endpoint and `100 - weight`
/// on every other record, creating a record set named `new_id` if none points
/// at the endpoint yet.
pub fn plan_switch(
    shape: &Shape,
    endpoint: &str,
    new_id: &str,
    weight: Option<u8>,
) -> Result<SwitchPlan, UserError> {
    let endpoint = endpoint.trim_end_matches('.').to_string();
    match shape {
        Shape::Simple(r) => {
            if weight.is_some() {
                return Err(UserError::usage(format!(
                    "--weight needs weighted records; `{}` is a simple CNAME",
                    r.name
                )));
            }
            if same_host(r.value(), &endpoint) {
                return Err(UserError::runtime(format!(
                    "`{}` already points at {endpoint}; nothing to do",
                    r.name
                )));
            }
            let mut new = r.clone();
            new.values = vec![endpoint];
            Ok(SwitchPlan::from(vec![r.clone()], vec![new]))
        }
        Shape::Weighted(records) => {
            let w = weight.unwrap_or(100) as i64;
            if w > 100 {
                return Err(UserError::usage("--weight is a share in percent: 0 to 100"));
            }
            let mut after = Vec::new();
            let mut found = false;
            for r in records {
                let mut n = r.clone();
                if same_host(r.value(), &endpoint) {
                    n.weight = Some(w);
                    found = true;
                } else {
                    n.weight = Some(100 - w);
                }
                after.push(n);
            }
            if !found {
                let first = &records[0];
                let mut id = new_id.to_string();
                while records
                    .iter()
                    .any(|r| r.set_identifier.as_deref() == Some(id.as_str()))
                {
                    id.push_str("-new");
                }
                after.push(Record {
                    name: first.name.clone(),
                    rtype: "CNAME".into(),
                    ttl: first.ttl,
                    set_identifier: Some(id),
                    weight: Some(w),
                    values: vec![endpoint.clone()],
                });
            }
            if after == *records {
                return Err(UserError::runtime(format!(
                    "`{}` already sends weight {w} to {endpoint}; nothing to do",
                    first_name(records)
                )));
            }
            Ok(SwitchPlan::from(records.clone(), after))
        }
    }
}

fn first_name(records: &[Record]) -> &str {
    records.first().map(|r| r.name.as_str()).unwrap_or("")
}

/// Back to `previous` (the `before` of the last switch): its records as they
/// were, and weight 0 on weighted records that did not exist then.
pub fn plan_rollback(shape: &Shape, previous: &[Record]) -> Result<SwitchPlan, UserError> {
    let current = shape.records();
    let mut after: Vec<Record> = previous.to_vec();
    if let Shape::Weighted(records) = shape {
        for r in records {
            let known = previous
                .iter()
                .any(|p| p.set_identifier == r.set_identifier);
            if !known {
                let mut n = r.clone();
                n.weight = Some(0);
                after.push(n);
            }
        }
    }
    let kinds_match = matches!(
        (shape, previous.first().and_then(|p| p.weight)),
        (Shape::Simple(_), None) | (Shape::Weighted(_), Some(_))
    );
    if !kinds_match {
        return Err(UserError::runtime(
            "the record changed shape (simple/weighted) since the switch; roll back by hand",
        ));
    }
    let plan = SwitchPlan::from(current, after);
    if plan.upserts.is_empty() {
        return Err(UserError::runtime(
            "the record already has its previous value; nothing to roll back",
        ));
    }
    Ok(plan)
}

/// The value applications mostly get: the simple value, or the highest weight.
pub fn main_value(records: &[Record]) -> Option<String> {
    records
        .iter()
        .max_by_key(|r| r.weight.unwrap_or(1))
        .filter(|r| r.weight != Some(0))
        .map(|r| r.value().trim_end_matches('.').to_string())
}

/// Values that carry traffic (weight > 0) before but not after the change.
pub fn values_losing_traffic(plan: &SwitchPlan) -> Vec<String> {
    let live = |rs: &[Record]| -> Vec<String> {
        rs.iter()
            .filter(|r| r.weight != Some(0))
            .map(|r| normalize(r.value()))
            .collect()
    };
    let after = live(&plan.after);
    let mut out: Vec<String> = live(&plan.before)
        .into_iter()
        .filter(|v| !after.contains(v))
        .map(|v| v.trim_end_matches('.').to_string())
        .collect();
    out.dedup();
    out
}

/// One line of the switch history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SwitchRecord {
    pub time: DateTime<Utc>,
    pub zone_id: String,
    pub record: String,
    /// The instance switched to.
    pub to_instance: String,
    pub before: Vec<Record>,
    pub after: Vec<Record>,
    pub rollback: bool,
}

/// `$XDG_STATE_HOME/dbtool/cname-history.jsonl`.
pub fn history_path() -> PathBuf {
    crate::paths::state_home()
        .join("dbtool")
        .join("cname-history.jsonl")
}

pub fn append_history(r: &SwitchRecord) -> anyhow::Result<()> {
    let path = history_path();
    if let Some(d) = path.parent() {
        std::fs::create_dir_all(d)?;
    }
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)?;
    writeln!(f, "{}", serde_json::to_string(r)?)?;
    Ok(())
}

pub fn history() -> Vec<SwitchRecord> {
    std::fs::read_to_string(history_path())
        .map(|t| {
            t.lines()
                .filter_map(|l| serde_json::from_str(l).ok())
                .collect()
        })
        .unwrap_or_default()
}

/// The last switch of this record in this zone. Pure.
pub fn last_switch<'a>(
    history: &'a [SwitchRecord],
    zone_id: &str,
    record: &str,
) -> Option<&'a SwitchRecord> {
    history
        .iter()
        .rev()
        .find(|h| h.zone_id == zone_id && same_host(&h.record, record))
}

/// The tag value recording a switch (Route53 tag values stop at 256 characters).
pub fn switch_tag_value(time: DateTime<Utc>, record: &str, old: &str, new: &str) -> String {
    let mut v = format!(
        "{} {} {} -> {}",
        time.format("%Y-%m-%dT%H:%M:%SZ"),
        record.trim_end_matches('.'),
        old,
        new
    );
    v.truncate(256);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn simple(v: &str) -> Record {
        Record {
            name: "db.example.internal.".into(),
            rtype: "CNAME".into(),
            ttl: Some(60),
            set_identifier: None,
            weight: None,
            values: vec![v.into()],
        }
    }

    fn weighted(id: &str, w: i64, v: &str) -> Record {
        Record {
            set_identifier: Some(id.into()),
            weight: Some(w),
            ..simple(v)
        }
    }

    #[test]
    fn classify_refusals() {
        assert!(classify("db.example.internal", &[])
            .unwrap_err()
            .message
            .contains("no record"));
        let mut a = simple("x");
        a.rtype = "A".into();
        assert!(classify("db.example.internal", &[a])
            .unwrap_err()
            .message
            .contains("only switches CNAMEs"));
        let mixed = [simple("a"), weighted("b", 1, "b")];
        assert!(classify("db.example.internal", &mixed)
            .unwrap_err()
            .message
            .contains("mixes simple and weighted"));
        assert_eq!(
            classify("DB.example.internal", &[simple("a")]).unwrap(),
            Shape::Simple(simple("a"))
        );
    }

    #[test]
    fn simple_switch_upserts_one_record() {
        let p = plan_switch(&Shape::Simple(simple("old.rds")), "new.rds.", "new", None).unwrap();
        assert_eq!(p.upserts, vec![simple("new.rds")]);
        assert_eq!(p.ttl(), 60);
        assert_eq!(values_losing_traffic(&p), vec!["old.rds"]);
        assert!(plan_switch(&Shape::Simple(simple("new.rds")), "new.rds", "n", None).is_err());
        assert!(plan_switch(&Shape::Simple(simple("old")), "new", "n", Some(10)).is_err());
    }

    #[test]
    fn weighted_switch_moves_the_weight() {
        let shape = Shape::Weighted(vec![
            weighted("blue", 100, "old.rds"),
            weighted("green", 0, "new.rds"),
        ]);
        let p = plan_switch(&shape, "new.rds", "new", None).unwrap();
        assert_eq!(
            p.upserts,
            vec![
                weighted("blue", 0, "old.rds"),
                weighted("green", 100, "new.rds")
            ]
        );
        let p = plan_switch(&shape, "new.rds", "new", Some(10)).unwrap();
        assert_eq!(
            p.upserts,
            vec![
                weighted("blue", 90, "old.rds"),
                weighted("green", 10, "new.rds")
            ]
        );
        assert!(values_losing_traffic(&p).is_empty(), "old still has 90");
        assert!(plan_switch(&shape, "new.rds", "new", Some(101)).is_err());
    }

    #[test]
    fn weighted_switch_creates_a_record_set_when_needed() {
        let shape = Shape::Weighted(vec![weighted("restore", 100, "old.rds")]);
        let p = plan_switch(&shape, "new.rds", "restore", None).unwrap();
        assert_eq!(
            p.upserts,
            vec![
                weighted("restore", 0, "old.rds"),
                weighted("restore-new", 100, "new.rds")
            ]
        );
    }

    #[test]
    fn rollback_restores_the_previous_records() {
        let before = vec![simple("old.rds")];
        let p = plan_rollback(&Shape::Simple(simple("new.rds")), &before).unwrap();
        assert_eq!(p.upserts, before);
        assert!(plan_rollback(&Shape::Simple(simple("old.rds")), &before).is_err());

        let before = vec![weighted("blue", 100, "old.rds")];
        let now = Shape::Weighted(vec![
            weighted("blue", 0, "old.rds"),
            weighted("n", 100, "new.rds"),
        ]);
        let p = plan_rollback(&now, &before).unwrap();
        assert_eq!(
            p.upserts,
            vec![
                weighted("blue", 100, "old.rds"),
                weighted("n", 0, "new.rds")
            ]
        );
        assert!(plan_rollback(&Shape::Simple(simple("x")), &before).is_err());
    }

    #[test]
    fn main_value_and_history_lookup() {
        assert_eq!(
            main_value(&[weighted("a", 0, "a."), weighted("b", 100, "b.")]).as_deref(),
            Some("b")
        );
        assert_eq!(main_value(&[simple("s.")]).as_deref(), Some("s"));
        let h = |z: &str, r: &str, to: &str| SwitchRecord {
            time: Utc::now(),
            zone_id: z.into(),
            record: r.into(),
            to_instance: to.into(),
            before: vec![],
            after: vec![],
            rollback: false,
        };
        let hist = vec![
            h("Z1", "db.x.", "a"),
            h("Z2", "db.x.", "b"),
            h("Z1", "db.x", "c"),
        ];
        assert_eq!(last_switch(&hist, "Z1", "DB.x.").unwrap().to_instance, "c");
        assert!(last_switch(&hist, "Z3", "db.x").is_none());
        let long = "x".repeat(300);
        assert_eq!(switch_tag_value(Utc::now(), &long, "a", "b").len(), 256);
    }
}
