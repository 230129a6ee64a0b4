//! Manual snapshots of RDS instances and Aurora clusters: identifier rules,
//! default names, the prune plan (pure), and the RDS calls
//! (CreateDBSnapshot/CreateDBClusterSnapshot, Describe…, Delete…).

pub mod target;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::aws::error::AwsResultExt;
use crate::aws::Rds;
use crate::error::UserError;
use crate::printer::Printer;

/// Who took a snapshot (the AWS caller identity); marks dbtool's snapshots.
pub const TAG_CREATED_BY: &str = "dbtool:created-by";
/// Why: `manual`, `pre-migrate`, or the `--reason` given.
pub const TAG_REASON: &str = "dbtool:reason";
/// The highest applied schema version before a `migrate --snapshot` run.
pub const TAG_SCHEMA_VERSION: &str = "dbtool:schema-version";
/// The reason `migrate --snapshot` records.
pub const REASON_PRE_MIGRATE: &str = "pre-migrate";

/// The database a snapshot is of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Db {
    pub id: String,
    /// An Aurora cluster (cluster snapshots), else an RDS instance.
    pub cluster: bool,
}

impl Db {
    /// "RDS instance `x`" or "Aurora cluster `x`".
    pub fn describe(&self) -> String {
        if self.cluster {
            format!("Aurora cluster `{}`", self.id)
        } else {
            format!("RDS instance `{}`", self.id)
        }
    }
}

/// One snapshot as dbtool shows and plans it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snapshot {
    pub id: String,
    pub db: String,
    pub cluster: bool,
    /// `manual`, `automated`, `shared`, `public`, `awsbackup`…
    #[serde(rename = "type")]
    pub kind: String,
    pub created: Option<DateTime<Utc>>,
    /// Allocated storage in GiB (instances; clusters report none).
    pub size_gib: Option<i32>,
    pub status: String,
    pub percent: Option<i32>,
    pub engine_version: Option<String>,
    pub tags: BTreeMap<String, String>,
}

impl Snapshot {
    /// Taken by dbtool (its `dbtool:created-by` tag) as a manual snapshot.
    pub fn by_dbtool(&self) -> bool {
        self.kind == "manual" && self.tags.contains_key(TAG_CREATED_BY)
    }
}

/// AWS's rules for snapshot identifiers: 1–255 letters, digits and hyphens,
/// starting with a letter, no two hyphens in a row, not ending with one.
pub fn validate_id(id: &str, flag: &str) -> Result<(), UserError> {
    let bad = |why: &str| {
        UserError::usage(format!(
            "{flag}: `{id}` is not a valid snapshot identifier: {why}"
        ))
        .hint("1–255 letters, digits and hyphens, starting with a letter, e.g. notifydb-before-v42")
    };
    if id.is_empty() {
        return Err(bad("it is empty"));
    }
    if id.len() > 255 {
        return Err(bad("it is longer than 255 characters"));
    }
    if !id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Err(bad("it must start with a letter"));
    }
    if let Some(c) = id.chars().find(|c| !c.is_ascii_alphanumeric() && *c != '-') {
        return Err(bad(&format!(
            "`{}` is not a letter, digit or hyphen",
            c.escape_debug()
        )));
    }
    if id.contains("--") {
        return Err(bad("it has two hyphens in a row"));
    }
    if id.ends_with('-') {
        return Err(bad("it ends with a hyphen"));
    }
    Ok(())
}

/// `<db>-<yyyymmddThhmmss>` in UTC, lowercased as AWS stores identifiers
/// (`notifydb-20231002t100000`), cut to fit 255 characters.
pub fn default_name(db: &str, now: DateTime<Utc>) -> String {
    let stamp = now.format("%Y%m%dt%H%M%S").to_string();
    let mut base: String = db.to_ascii_lowercase().chars().take(255 - 16).collect();
    while base.ends_with('-') {
        base.pop();
    }
    format!("{base}-{stamp}")
}

/// What pruning would delete, and why each other snapshot stays.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrunePlan {
    pub delete: Vec<Snapshot>,
    /// (snapshot id, why it is kept)
    pub keep: Vec<(String, String)>,
}

/// The prune plan over one database's snapshots: of dbtool's manual
/// snapshots (with `reason` when given), keep the newest `keep`; never touch
/// automated, shared or untagged snapshots, one still `creating`, or the only
/// manual snapshot newer than the latest automated one. Pure.
pub fn prune_plan(snapshots: &[Snapshot], keep: usize, reason: Option<&str>) -> PrunePlan {
    let mut sorted: Vec<&Snapshot> = snapshots.iter().collect();
    sorted.sort_by_key(|s| std::cmp::Reverse(s.created));
    let latest_automated = sorted
        .iter()
        .filter(|s| s.kind == "automated")
        .filter_map(|s| s.created)
        .max();
    let newer_manual: Vec<&str> = sorted
        .iter()
        .filter(|s| s.kind == "manual" && s.status == "available")
        .filter(|s| match (s.created, latest_automated) {
            (Some(c), Some(a)) => c > a,
            (_, None) => true,
            (None, _) => false,
        })
        .map(|s| s.id.as_str())
        .collect();
    let mut plan = PrunePlan {
        delete: Vec::new(),
        keep: Vec::new(),
    };
    let mut kept_of_ours = 0;
    for s in sorted {
        let why = if s.kind != "manual" {
            Some(format!("{} snapshot: never pruned", s.kind))
        } else if !s.tags.contains_key(TAG_CREATED_BY) {
            Some("not taken by dbtool".to_string())
        } else if reason.is_some_and(|r| s.tags.get(TAG_REASON).map(String::as_str) != Some(r)) {
            Some(format!(
                "reason `{}`, not `{}`",
                s.tags.get(TAG_REASON).map(String::as_str).unwrap_or("none"),
                reason.unwrap_or_default()
            ))
        } else if kept_of_ours < keep {
            kept_of_ours += 1;
            Some(format!("one of the newest {keep}"))
        } else if s.status != "available" {
            Some(format!("`{}`, not available", s.status))
        } else if newer_manual == [s.id.as_str()] {
            Some("the only manual snapshot newer than the latest automated one".to_string())
        } else {
            None
        };
        match why {
            Some(w) => plan.keep.push((s.id.clone(), w)),
            None => plan.delete.push(s.clone()),
        }
    }
    plan
}

fn tags_map(tags: &[aws_sdk_rds::types::Tag]) -> BTreeMap<String, String> {
    tags.iter()
        .filter_map(|t| {
            Some((
                t.key()?.to_string(),
                t.value().unwrap_or_default().to_string(),
            ))
        })
        .collect()
}

fn of_instance_snapshot(s: &aws_sdk_rds::types::DbSnapshot) -> Snapshot {
    Snapshot {
        id: s.db_snapshot_identifier().unwrap_or_default().to_string(),
        db: s.db_instance_identifier().unwrap_or_default().to_string(),
        cluster: false,
        kind: s.snapshot_type().unwrap_or("manual").to_string(),
        created: s.snapshot_create_time().and_then(crate::restore::to_chrono),
        size_gib: s.allocated_storage(),
        status: s.status().unwrap_or("unknown").to_string(),
        percent: s.percent_progress(),
        engine_version: s.engine_version().map(str::to_string),
        tags: tags_map(s.tag_list()),
    }
}

fn of_cluster_snapshot(s: &aws_sdk_rds::types::DbClusterSnapshot) -> Snapshot {
    Snapshot {
        id: s
            .db_cluster_snapshot_identifier()
            .unwrap_or_default()
            .to_string(),
        db: s.db_cluster_identifier().unwrap_or_default().to_string(),
        cluster: true,
        kind: s.snapshot_type().unwrap_or("manual").to_string(),
        created: s.snapshot_create_time().and_then(crate::restore::to_chrono),
        size_gib: s.allocated_storage().filter(|g| *g > 0),
        status: s.status().unwrap_or("unknown").to_string(),
        percent: s.percent_progress(),
        engine_version: s.engine_version().map(str::to_string),
        tags: tags_map(s.tag_list()),
    }
}

/// Every snapshot of `db` (manual and automated), newest first.
pub async fn list(rds: &Rds, db: &Db) -> anyhow::Result<Vec<Snapshot>> {
    let mut out = Vec::new();
    if db.cluster {
        let mut pages = rds
            .client
            .describe_db_cluster_snapshots()
            .db_cluster_identifier(&db.id)
            .into_paginator()
            .send();
        while let Some(page) = pages.next().await {
            let page = page
                .aws(&rds.api)
                .map_err(|e| e.user(format!("cannot list the snapshots of {}", db.describe())))?;
            out.extend(page.db_cluster_snapshots().iter().map(of_cluster_snapshot));
        }
    } else {
        let mut pages = rds
            .client
            .describe_db_snapshots()
            .db_instance_identifier(&db.id)
            .into_paginator()
            .send();
        while let Some(page) = pages.next().await {
            let page = page
                .aws(&rds.api)
                .map_err(|e| e.user(format!("cannot list the snapshots of {}", db.describe())))?;
            out.extend(page.db_snapshots().iter().map(of_instance_snapshot));
        }
    }
    out.sort_by_key(|s| std::cmp::Reverse(s.created));
    Ok(out)
}

/// The snapshot `id` (instance snapshots first, then cluster snapshots), or None.
pub async fn find(rds: &Rds, id: &str) -> anyhow::Result<Option<Snapshot>> {
    match rds
        .client
        .describe_db_snapshots()
        .db_snapshot_identifier(id)
        .send()
        .await
        .aws(&rds.api)
    {
        Ok(out) => {
            if let Some(s) = out.db_snapshots().first() {
                return Ok(Some(of_instance_snapshot(s)));
            }
        }
        Err(e) if e.is("DBSnapshotNotFound") => {}
        Err(e) => return Err(e.user(format!("cannot describe snapshot `{id}`")).into()),
    }
    match rds
        .client
        .describe_db_cluster_snapshots()
        .db_cluster_snapshot_identifier(id)
        .send()
        .await
        .aws(&rds.api)
    {
        Ok(out) => Ok(out.db_cluster_snapshots().first().map(of_cluster_snapshot)),
        Err(e) if e.is("DBClusterSnapshotNotFound") => Ok(None),
        Err(e) => Err(e.user(format!("cannot describe snapshot `{id}`")).into()),
    }
}

/// CreateDBSnapshot / CreateDBClusterSnapshot with `tags`.
pub async fn create(
    rds: &Rds,
    db: &Db,
    name: &str,
    tags: &[(String, String)],
) -> anyhow::Result<()> {
    let tags: Vec<aws_sdk_rds::types::Tag> = tags
        .iter()
        .map(|(k, v)| aws_sdk_rds::types::Tag::builder().key(k).value(v).build())
        .collect();
    let taken = |e: &crate::aws::error::AwsError| {
        e.is("DBSnapshotAlreadyExists") || e.is("DBClusterSnapshotAlreadyExistsFault")
    };
    let result = if db.cluster {
        rds.client
            .create_db_cluster_snapshot()
            .db_cluster_identifier(&db.id)
            .db_cluster_snapshot_identifier(name)
            .set_tags(Some(tags))
            .send()
            .await
            .aws(&rds.api)
            .map(|_| ())
    } else {
        rds.client
            .create_db_snapshot()
            .db_instance_identifier(&db.id)
            .db_snapshot_identifier(name)
            .set_tags(Some(tags))
            .send()
            .await
            .aws(&rds.api)
            .map(|_| ())
    };
    result.map_err(|e| {
        if taken(&e) {
            UserError::usage(format!(
                "a snapshot named `{name}` already exists; nothing was created"
            ))
            .hint("pass another --name, or leave it out for a timestamped one")
        } else {
            e.user(format!(
                "creating snapshot `{name}` of {} failed",
                db.describe()
            ))
        }
        .into()
    })
}

/// How waiting for a snapshot ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Waited {
    Available,
    Interrupted,
}

/// Polls until the snapshot is `available`, showing PercentProgress; a
/// `failed` snapshot is an error; Ctrl-C stops waiting (not the snapshot).
pub async fn wait(
    rds: &Rds,
    name: &str,
    interval: Duration,
    printer: &Printer,
) -> anyhow::Result<Waited> {
    let started = Instant::now();
    let spinner = printer.spinner(format!("snapshot `{name}`"));
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    let mut last = String::new();
    loop {
        let found = tokio::select! {
            r = find(rds, name) => r?,
            _ = &mut ctrl_c => { spinner.finish_and_clear(); return Ok(Waited::Interrupted); }
        };
        let Some(s) = found else {
            spinner.finish_and_clear();
            return Err(
                UserError::runtime(format!("snapshot `{name}` disappeared while waiting")).into(),
            );
        };
        let line = format!(
            "{} {}% (after {}s)",
            s.status,
            s.percent.unwrap_or(0),
            started.elapsed().as_secs()
        );
        if s.status != last {
            spinner.suspend(|| printer.status(format!("  {name}: {line}")));
            last = s.status.clone();
        }
        spinner.set_message(format!("snapshot `{name}`: {line}"));
        match s.status.as_str() {
            "available" => {
                spinner.finish_and_clear();
                return Ok(Waited::Available);
            }
            "failed" | "error" | "deleting" => {
                spinner.finish_and_clear();
                return Err(UserError::runtime(format!("snapshot `{name}` is `{}`", s.status))
                    .hint(format!("see the RDS events (`aws rds describe-events --source-identifier {name} --source-type db-snapshot`)"))
                    .into());
            }
            _ => {}
        }
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = &mut ctrl_c => { spinner.finish_and_clear(); return Ok(Waited::Interrupted); }
        }
    }
}

/// DeleteDBSnapshot / DeleteDBClusterSnapshot.
pub async fn delete(rds: &Rds, s: &Snapshot) -> anyhow::Result<()> {
    let result = if s.cluster {
        rds.client
            .delete_db_cluster_snapshot()
            .db_cluster_snapshot_identifier(&s.id)
            .send()
            .await
            .aws(&rds.api)
            .map(|_| ())
    } else {
        rds.client
            .delete_db_snapshot()
            .db_snapshot_identifier(&s.id)
            .send()
            .await
            .aws(&rds.api)
            .map(|_| ())
    };
    result.map_err(|e| {
        e.user(format!("deleting snapshot `{}` failed", s.id))
            .into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn snap(id: &str, kind: &str, hour: u32, ours: bool, status: &str) -> Snapshot {
        let mut tags = BTreeMap::new();
        if ours {
            tags.insert(
                TAG_CREATED_BY.to_string(),
                "arn:aws:iam::1:user/a".to_string(),
            );
            tags.insert(TAG_REASON.to_string(), REASON_PRE_MIGRATE.to_string());
        }
        Snapshot {
            id: id.into(),
            db: "db".into(),
            cluster: false,
            kind: kind.into(),
            created: Some(Utc.with_ymd_and_hms(2023, 10, 2, hour, 0, 0).unwrap()),
            size_gib: Some(20),
            status: status.into(),
            percent: Some(100),
            engine_version: None,
            tags,
        }
    }

    #[test]
    fn identifiers_follow_aws_rules() {
        for ok in ["a", "notifydb-20231002t100000", &"a".repeat(255)] {
            assert!(validate_id(ok, "--name").is_ok(), "{ok}");
        }
        for (bad, why) in [
            ("", "empty"),
            ("1abc", "start with a letter"),
            ("a--b", "two hyphens"),
            ("ab-", "ends with a hyphen"),
            ("a_b", "`_`"),
            ("añb", "`ñ`"),
            (&"a".repeat(256), "longer than 255"),
        ] {
            let e = validate_id(bad, "--name").unwrap_err();
            assert!(e.message.contains(why), "{bad}: {}", e.message);
        }
        let now = Utc.with_ymd_and_hms(2023, 10, 2, 10, 0, 0).unwrap();
        assert_eq!(default_name("NotifyDB", now), "notifydb-20231002t100000");
        assert!(validate_id(&default_name(&"a".repeat(300), now), "x").is_ok());
    }

    #[test]
    fn prune_keeps_the_newest_of_ours_and_never_touches_the_rest() {
        let all = vec![
            snap("ours-1", "manual", 1, true, "available"),
            snap("ours-2", "manual", 2, true, "available"),
            snap("ours-3", "manual", 3, true, "available"),
            snap("auto-4", "automated", 4, false, "available"),
            snap("theirs-5", "manual", 5, false, "available"),
            snap("ours-6", "manual", 6, true, "creating"),
        ];
        let p = prune_plan(&all, 1, Some(REASON_PRE_MIGRATE));
        let deleted: Vec<&str> = p.delete.iter().map(|s| s.id.as_str()).collect();
        // ours-6 is the newest kept; ours-1..3 go; automated and untagged stay.
        assert_eq!(deleted, ["ours-3", "ours-2", "ours-1"]);
        assert!(p
            .keep
            .iter()
            .any(|(id, w)| id == "auto-4" && w.contains("never pruned")));
        assert!(p
            .keep
            .iter()
            .any(|(id, w)| id == "theirs-5" && w.contains("not taken by dbtool")));
        // A creating snapshot beyond the kept ones is not deleted.
        let p = prune_plan(&all, 0, None);
        assert!(p
            .keep
            .iter()
            .any(|(id, w)| id == "ours-6" && w.contains("creating")));
    }

    #[test]
    fn the_only_manual_snapshot_newer_than_the_automated_one_stays() {
        let all = vec![
            snap("auto", "automated", 1, false, "available"),
            snap("ours", "manual", 2, true, "available"),
        ];
        let p = prune_plan(&all, 0, None);
        assert!(p.delete.is_empty(), "{p:?}");
        assert!(p
            .keep
            .iter()
            .any(|(_, w)| w.contains("the only manual snapshot newer")));
    }
}
