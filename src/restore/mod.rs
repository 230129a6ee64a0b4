//! Point-in-time restore of an RDS instance or an Aurora cluster to a
//! faithful copy: pure planning (`time`, `window`, `plan`, `cluster`) and the
//! AWS calls that carry it out (RDS DescribeDBInstances,
//! DescribeDBInstanceAutomatedBackups, RestoreDBInstanceToPointInTime,
//! ModifyDBInstance; for clusters DescribeDBClusters,
//! RestoreDBClusterToPointInTime, CreateDBInstance), plus the local restore
//! log `$XDG_STATE_HOME/dbtool/restores.jsonl`.

pub mod cluster;
pub mod plan;
pub mod time;
pub mod window;

use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use aws_sdk_rds::types::{DbInstance, Tag};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::aws::error::{AwsError, AwsResultExt};
use crate::aws::Rds;
use crate::error::UserError;
use crate::printer::Printer;
use plan::{Phase, RestorePlan};

/// Converts an SDK timestamp.
pub fn to_chrono(t: &aws_sdk_rds::primitives::DateTime) -> Option<DateTime<Utc>> {
    DateTime::<Utc>::from_timestamp(t.secs(), t.subsec_nanos())
}

async fn describe(rds: &Rds, id: &str) -> Result<Option<DbInstance>, AwsError> {
    let out = rds
        .client
        .describe_db_instances()
        .db_instance_identifier(id)
        .send()
        .await
        .aws(&rds.api)?;
    Ok(out.db_instances().first().cloned())
}

/// DescribeDBInstances for one instance; `Ok(None)` when it does not exist.
pub async fn find_instance(rds: &Rds, id: &str) -> anyhow::Result<Option<DbInstance>> {
    match describe(rds, id).await {
        Ok(i) => Ok(i),
        Err(e) if e.is("DBInstanceNotFound") => Ok(None),
        Err(e) => Err(e
            .user(format!("cannot describe RDS instance `{id}`"))
            .into()),
    }
}

/// DescribeDBInstances for an instance that must exist.
pub async fn instance(rds: &Rds, id: &str) -> anyhow::Result<DbInstance> {
    match describe(rds, id).await {
        Ok(Some(i)) => Ok(i),
        Ok(None) => Err(UserError::runtime(format!("RDS instance `{id}` not found"))
            .hint("check the identifier and the region (`region` in dbtool.toml or AWS_REGION)")
            .into()),
        Err(e) if e.is("DBInstanceNotFound") => {
            Err(e.user(format!("RDS instance `{id}` not found")).into())
        }
        Err(e) => Err(e
            .user(format!("cannot describe RDS instance `{id}`"))
            .into()),
    }
}

/// An instance's tags as pairs.
pub fn tags_of(inst: &DbInstance) -> Vec<(String, String)> {
    inst.tag_list()
        .iter()
        .filter_map(|t| {
            Some((
                t.key()?.to_string(),
                t.value().unwrap_or_default().to_string(),
            ))
        })
        .collect()
}

/// The window inputs: the automated backups' RestoreWindow and the instance's
/// retention and LatestRestorableTime.
pub async fn window_inputs(rds: &Rds, src: &DbInstance) -> anyhow::Result<window::WindowInputs> {
    let id = src.db_instance_identifier().unwrap_or_default();
    let mut restore_window = None;
    match rds
        .client
        .describe_db_instance_automated_backups()
        .db_instance_identifier(id)
        .send()
        .await
        .aws(&rds.api)
    {
        Ok(out) => {
            let mut backups: Vec<_> = out.db_instance_automated_backups().to_vec();
            // The active backups of the live instance first (retained ones of a
            // deleted instance with the same name may follow).
            backups.sort_by_key(|b| b.status() != Some("active"));
            if let Some(w) = backups.iter().find_map(|b| b.restore_window()) {
                restore_window = Some((
                    w.earliest_time().and_then(to_chrono),
                    w.latest_time().and_then(to_chrono),
                ));
            }
        }
        Err(e) => {
            return Err(e
                .user(format!("cannot read the automated backups of `{id}`"))
                .into())
        }
    }
    Ok(window::WindowInputs {
        restore_window,
        retention_days: src.backup_retention_period(),
        latest_restorable: src.latest_restorable_time().and_then(to_chrono),
        basis: None,
    })
}

/// Sends RestoreDBInstanceToPointInTime with every restore-phase setting.
pub async fn start_restore(rds: &Rds, p: &RestorePlan) -> anyhow::Result<()> {
    let mut req = rds
        .client
        .restore_db_instance_to_point_in_time()
        .source_db_instance_identifier(&p.source)
        .target_db_instance_identifier(&p.target);
    req = match p.restore_time {
        Some(t) => req.restore_time(aws_sdk_rds::primitives::DateTime::from_secs(t.timestamp())),
        None => req.use_latest_restorable_time(true),
    };
    for s in p.phase(Phase::Restore) {
        let v = &s.value;
        req = match s.key {
            "db_instance_class" => req.set_db_instance_class(v.string()),
            "db_subnet_group_name" => req.set_db_subnet_group_name(v.string()),
            "vpc_security_group_ids" => req.set_vpc_security_group_ids(v.list()),
            "db_parameter_group_name" => req.set_db_parameter_group_name(v.string()),
            "option_group_name" => req.set_option_group_name(v.string()),
            "multi_az" => req.set_multi_az(v.boolean()),
            "storage_type" => req.set_storage_type(v.string()),
            "allocated_storage" => req.set_allocated_storage(v.int()),
            "iops" => req.set_iops(v.int()),
            "storage_throughput" => req.set_storage_throughput(v.int()),
            "max_allocated_storage" => req.set_max_allocated_storage(v.int()),
            "publicly_accessible" => req.set_publicly_accessible(v.boolean()),
            "enable_iam_database_authentication" => {
                req.set_enable_iam_database_authentication(v.boolean())
            }
            "deletion_protection" => req.set_deletion_protection(v.boolean()),
            "copy_tags_to_snapshot" => req.set_copy_tags_to_snapshot(v.boolean()),
            "enable_cloudwatch_logs_exports" => {
                req.set_enable_cloudwatch_logs_exports(v.list().filter(|l| !l.is_empty()))
            }
            "ca_certificate_identifier" => req.set_ca_certificate_identifier(v.string()),
            "network_type" => req.set_network_type(v.string()),
            "port" => req.set_port(v.int()),
            other => anyhow::bail!("internal error: restore setting `{other}` has no request field; nothing was restored"),
        };
    }
    for (k, v) in &p.tags {
        req = req.tags(Tag::builder().key(k).value(v).build());
    }
    req.send().await.aws(&rds.api).map_err(|e| {
        e.user(format!(
            "RestoreDBInstanceToPointInTime `{}` → `{}` failed; nothing was restored",
            p.source, p.target
        ))
    })?;
    Ok(())
}

/// Sends RestoreDBInstanceFromDBSnapshot with every restore-phase setting.
pub async fn start_restore_from_snapshot(
    rds: &Rds,
    p: &RestorePlan,
    snapshot: &str,
) -> anyhow::Result<()> {
    let mut req = rds
        .client
        .restore_db_instance_from_db_snapshot()
        .db_snapshot_identifier(snapshot)
        .db_instance_identifier(&p.target);
    for s in p.phase(Phase::Restore) {
        let v = &s.value;
        req = match s.key {
            "db_instance_class" => req.set_db_instance_class(v.string()),
            "db_subnet_group_name" => req.set_db_subnet_group_name(v.string()),
            "vpc_security_group_ids" => req.set_vpc_security_group_ids(v.list()),
            "db_parameter_group_name" => req.set_db_parameter_group_name(v.string()),
            "option_group_name" => req.set_option_group_name(v.string()),
            "multi_az" => req.set_multi_az(v.boolean()),
            "storage_type" => req.set_storage_type(v.string()),
            "allocated_storage" => req.set_allocated_storage(v.int()),
            "iops" => req.set_iops(v.int()),
            "storage_throughput" => req.set_storage_throughput(v.int()),
            "publicly_accessible" => req.set_publicly_accessible(v.boolean()),
            "enable_iam_database_authentication" => {
                req.set_enable_iam_database_authentication(v.boolean())
            }
            "deletion_protection" => req.set_deletion_protection(v.boolean()),
            "copy_tags_to_snapshot" => req.set_copy_tags_to_snapshot(v.boolean()),
            "enable_cloudwatch_logs_exports" => {
                req.set_enable_cloudwatch_logs_exports(v.list().filter(|l| !l.is_empty()))
            }
            "ca_certificate_identifier" => req.set_ca_certificate_identifier(v.string()),
            "network_type" => req.set_network_type(v.string()),
            "port" => req.set_port(v.int()),
            other => anyhow::bail!(
                "internal error: restore setting `{other}` has no RestoreDBInstanceFromDBSnapshot field; nothing was restored"
            ),
        };
    }
    for (k, v) in &p.tags {
        req = req.tags(Tag::builder().key(k).value(v).build());
    }
    req.send().await.aws(&rds.api).map_err(|e| {
        e.user(format!(
            "RestoreDBInstanceFromDBSnapshot `{snapshot}` → `{}` failed; nothing was restored",
            p.target
        ))
    })?;
    Ok(())
}

/// What a snapshot says about the instance it was taken of, as an instance
/// description for the plan (when the source instance no longer exists):
/// storage, port, option group, IAM authentication, tags. Instance class,
/// subnet group, security groups and parameter group are not in a snapshot.
pub async fn instance_from_snapshot(rds: &Rds, snapshot: &str) -> anyhow::Result<DbInstance> {
    let out = rds
        .client
        .describe_db_snapshots()
        .db_snapshot_identifier(snapshot)
        .send()
        .await
        .aws(&rds.api)
        .map_err(|e| e.user(format!("cannot describe snapshot `{snapshot}`")))?;
    let s = out
        .db_snapshots()
        .first()
        .ok_or_else(|| UserError::runtime(format!("snapshot `{snapshot}` not found")))?;
    let mut b = DbInstance::builder()
        .set_db_instance_identifier(s.db_instance_identifier().map(str::to_string))
        .set_allocated_storage(s.allocated_storage())
        .set_storage_type(s.storage_type().map(str::to_string))
        .set_iops(s.iops())
        .set_storage_throughput(s.storage_throughput())
        .set_iam_database_authentication_enabled(s.iam_database_authentication_enabled())
        .set_tag_list(Some(s.tag_list().to_vec()))
        .set_db_instance_port(s.port());
    if let Some(og) = s.option_group_name() {
        b = b.option_group_memberships(
            aws_sdk_rds::types::OptionGroupMembership::builder()
                .option_group_name(og)
                .build(),
        );
    }
    Ok(b.build())
}

/// Applies the after-restore settings with one ModifyDBInstance
/// (ApplyImmediately); returns false when there was nothing to apply.
pub async fn apply_after_restore(rds: &Rds, p: &RestorePlan) -> anyhow::Result<bool> {
    let settings: Vec<_> = p.phase(Phase::AfterRestore).collect();
    if settings.is_empty() {
        return Ok(false);
    }
    let mut req = rds
        .client
        .modify_db_instance()
        .db_instance_identifier(&p.target)
        .apply_immediately(true);
    for s in settings {
        let v = &s.value;
        req = match s.key {
            "monitoring_interval" => req.set_monitoring_interval(v.int()),
            "monitoring_role_arn" => req.set_monitoring_role_arn(v.string()),
            "enable_performance_insights" => req.set_enable_performance_insights(v.boolean()),
            "performance_insights_kms_key_id" => {
                req.set_performance_insights_kms_key_id(v.string())
            }
            "performance_insights_retention_period" => {
                req.set_performance_insights_retention_period(v.int())
            }
            "preferred_maintenance_window" => req.set_preferred_maintenance_window(v.string()),
            "preferred_backup_window" => req.set_preferred_backup_window(v.string()),
            "backup_retention_period" => req.set_backup_retention_period(v.int()),
            "auto_minor_version_upgrade" => req.set_auto_minor_version_upgrade(v.boolean()),
            "max_allocated_storage" => req.set_max_allocated_storage(v.int()),
            other => {
                anyhow::bail!("internal error: setting `{other}` has no ModifyDBInstance field")
            }
        };
    }
    req.send().await.aws(&rds.api).map_err(|e| {
        e.user(format!(
            "ModifyDBInstance `{}` (settings after restore) failed",
            p.target
        ))
    })?;
    Ok(true)
}

/// How waiting ended.
#[derive(Debug)]
pub enum Waited<T> {
    Available(T),
    Interrupted,
}

/// How waiting for an instance ended.
pub type WaitOutcome = Waited<Box<DbInstance>>;

/// Polls DescribeDBInstances until `available`, showing status transitions
/// and elapsed time; fails fast on a failed state; Ctrl-C stops waiting.
pub async fn wait_available(
    rds: &Rds,
    id: &str,
    interval: Duration,
    printer: &Printer,
) -> anyhow::Result<WaitOutcome> {
    wait_for("RDS instance", id, interval, printer, || async {
        Ok(find_instance(rds, id).await?.map(|i| {
            let status = i.db_instance_status().unwrap_or("unknown").to_string();
            (status, Box::new(i))
        }))
    })
    .await
}

/// Polls DescribeDBClusters until the cluster is `available`.
pub async fn wait_cluster_available(
    rds: &Rds,
    id: &str,
    interval: Duration,
    printer: &Printer,
) -> anyhow::Result<Waited<()>> {
    wait_for("Aurora cluster", id, interval, printer, || async {
        Ok(cluster::find(rds, id)
            .await?
            .map(|c| (c.status().unwrap_or("unknown").to_string(), ())))
    })
    .await
}

/// Polls `fetch` (status and value, `None` when the resource is gone) until
/// the status is `available`, showing transitions and elapsed time; fails
/// fast on a failed state; Ctrl-C stops waiting (not what is awaited).
async fn wait_for<T, F, Fut>(
    kind: &str,
    id: &str,
    interval: Duration,
    printer: &Printer,
    mut fetch: F,
) -> anyhow::Result<Waited<T>>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<Option<(String, T)>>>,
{
    let started = Instant::now();
    let spinner = printer.spinner(format!("waiting for `{id}`"));
    let mut last = String::new();
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    loop {
        let found = tokio::select! {
            r = fetch() => r?,
            _ = &mut ctrl_c => { spinner.finish_and_clear(); return Ok(Waited::Interrupted); }
        };
        let Some((status, value)) = found else {
            spinner.finish_and_clear();
            return Err(
                UserError::runtime(format!("{kind} `{id}` disappeared while waiting")).into(),
            );
        };
        let elapsed = time::humanize(chrono::TimeDelta::seconds(
            started.elapsed().as_secs() as i64
        ));
        if status != last {
            spinner.suspend(|| printer.status(format!("  {id}: {status} (after {elapsed})")));
            spinner.set_message(format!("`{id}` is {status}"));
            last = status.clone();
        }
        if status == "available" {
            spinner.finish_and_clear();
            return Ok(Waited::Available(value));
        }
        if plan::is_failed_status(&status) {
            spinner.finish_and_clear();
            let source_type = if kind == "Aurora cluster" {
                "db-cluster"
            } else {
                "db-instance"
            };
            return Err(UserError::runtime(format!(
                "{kind} `{id}` is `{status}`: the restore did not succeed"
            ))
            .hint(format!(
                "see the RDS events of `{id}` in the console (or `aws rds describe-events --source-identifier {id} --source-type {source_type}`), fix the cause, delete `{id}` and restore again"
            ))
            .into());
        }
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = &mut ctrl_c => { spinner.finish_and_clear(); return Ok(Waited::Interrupted); }
        }
    }
}

/// One line of `restores.jsonl`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RestoreRecord {
    pub started: DateTime<Utc>,
    pub source: String,
    pub target: String,
    /// `2023-10-02T10:00:00Z` or `latest`.
    pub restore_time: String,
}

/// `$XDG_STATE_HOME/dbtool/restores.jsonl`.
pub fn log_path() -> PathBuf {
    crate::paths::state_home()
        .join("dbtool")
        .join("restores.jsonl")
}

/// Appends a started restore to the local log.
pub fn log_restore(record: &RestoreRecord) -> anyhow::Result<()> {
    let path = log_path();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)?;
    writeln!(f, "{}", serde_json::to_string(record)?)?;
    Ok(())
}

/// Every logged restore, oldest first (unreadable lines skipped).
pub fn logged_restores() -> Vec<RestoreRecord> {
    std::fs::read_to_string(log_path())
        .map(|t| {
            t.lines()
                .filter_map(|l| serde_json::from_str(l).ok())
                .collect()
        })
        .unwrap_or_default()
}

/// The most recent restore target, of `source` when given. Pure.
pub fn latest_target(records: &[RestoreRecord], source: Option<&str>) -> Option<String> {
    records
        .iter()
        .rev()
        .find(|r| source.is_none_or(|s| r.source == s))
        .map(|r| r.target.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latest_target_prefers_the_source() {
        let r = |s: &str, t: &str| RestoreRecord {
            started: Utc::now(),
            source: s.into(),
            target: t.into(),
            restore_time: "latest".into(),
        };
        let log = vec![r("a", "a-restore"), r("b", "b-restore"), r("a", "a-2")];
        assert_eq!(latest_target(&log, Some("a")).as_deref(), Some("a-2"));
        assert_eq!(latest_target(&log, Some("b")).as_deref(), Some("b-restore"));
        assert_eq!(latest_target(&log, None).as_deref(), Some("a-2"));
        assert_eq!(latest_target(&log, Some("c")), None);
    }
}
