//! Engine version upgrades of an RDS instance or an Aurora cluster: pure
//! planning (`plan`), the availability probe (`probe`), and the RDS calls
//! that read and carry them out (DescribeDBInstances, DescribeDBClusters,
//! DescribeDBEngineVersions, DescribePendingMaintenanceActions,
//! ModifyDBInstance, ModifyDBCluster). Touches the RDS API.

pub mod plan;
pub mod probe;

use std::time::{Duration, Instant};

use crate::aws::error::AwsResultExt;
use crate::aws::Rds;
use crate::error::UserError;
use crate::printer::Printer;
use plan::Current;

/// The current engine, version and settings of an instance or cluster.
pub async fn current(rds: &Rds, id: &str, cluster: bool) -> anyhow::Result<Current> {
    if cluster {
        let c = crate::restore::cluster::find(rds, id)
            .await?
            .ok_or_else(|| UserError::runtime(format!("Aurora cluster `{id}` not found")))?;
        let mut auto_minor = Vec::new();
        for m in c.db_cluster_members() {
            let Some(mid) = m.db_instance_identifier() else {
                continue;
            };
            let inst = crate::restore::find_instance(rds, mid).await?;
            auto_minor.push((
                mid.to_string(),
                inst.and_then(|i| i.auto_minor_version_upgrade()),
            ));
        }
        Ok(Current {
            id: id.to_string(),
            cluster: true,
            arn: c.db_cluster_arn().map(str::to_string),
            engine: c.engine().unwrap_or("aurora-postgresql").to_string(),
            engine_version: c.engine_version().unwrap_or_default().to_string(),
            status: c.status().unwrap_or("unknown").to_string(),
            auto_minor,
            maintenance_window: c.preferred_maintenance_window().map(str::to_string),
        })
    } else {
        let i = crate::restore::instance(rds, id).await?;
        Ok(Current {
            id: id.to_string(),
            cluster: false,
            arn: i.db_instance_arn().map(str::to_string),
            engine: i.engine().unwrap_or("postgres").to_string(),
            engine_version: i.engine_version().unwrap_or_default().to_string(),
            status: i.db_instance_status().unwrap_or("unknown").to_string(),
            auto_minor: vec![(id.to_string(), i.auto_minor_version_upgrade())],
            maintenance_window: i.preferred_maintenance_window().map(str::to_string),
        })
    }
}

/// Why a read the plan needs failed, in one line (the AWS code and message).
fn unavailable(action: &str, e: &crate::aws::error::AwsError) -> String {
    if e.is_transient() {
        format!("{action} failed: {e}; a server error: the endpoint may not implement it (moto does not), or retry later")
    } else {
        format!("{action} failed: {e}")
    }
}

/// DescribeDBEngineVersions for the current engine and version; `Err` is
/// the reason it could not be read (the plan shows it, `apply` then checks
/// versions by their numbers only).
pub async fn engine_versions(
    rds: &Rds,
    current: &Current,
) -> Result<Vec<aws_sdk_rds::types::DbEngineVersion>, String> {
    rds.client
        .describe_db_engine_versions()
        .engine(&current.engine)
        .engine_version(&current.engine_version)
        .send()
        .await
        .aws(&rds.api)
        .map(|o| o.db_engine_versions().to_vec())
        .map_err(|e| unavailable("DescribeDBEngineVersions", &e))
}

/// DescribePendingMaintenanceActions for the resource's ARN.
pub async fn pending_actions(
    rds: &Rds,
    current: &Current,
) -> Result<Vec<aws_sdk_rds::types::ResourcePendingMaintenanceActions>, String> {
    let mut req = rds.client.describe_pending_maintenance_actions();
    if let Some(arn) = &current.arn {
        req = req.resource_identifier(arn);
    }
    req.send()
        .await
        .aws(&rds.api)
        .map(|o| o.pending_maintenance_actions().to_vec())
        .map_err(|e| unavailable("DescribePendingMaintenanceActions", &e))
}

/// ModifyDBInstance (or ModifyDBCluster) with EngineVersion and
/// ApplyImmediately, AllowMajorVersionUpgrade for a major one.
pub async fn start_upgrade(rds: &Rds, current: &Current, up: &plan::Upgrade) -> anyhow::Result<()> {
    let id = &current.id;
    let fail = |e: crate::aws::error::AwsError| {
        e.user(format!(
            "cannot upgrade `{id}` to {} {}; nothing was changed",
            current.engine, up.to
        ))
    };
    if current.cluster {
        let mut req = rds
            .client
            .modify_db_cluster()
            .db_cluster_identifier(id)
            .engine_version(&up.to)
            .apply_immediately(true);
        if up.major {
            req = req.allow_major_version_upgrade(true);
        }
        req.send().await.aws(&rds.api).map_err(fail)?;
    } else {
        let mut req = rds
            .client
            .modify_db_instance()
            .db_instance_identifier(id)
            .engine_version(&up.to)
            .apply_immediately(true);
        if up.major {
            req = req.allow_major_version_upgrade(true);
        }
        req.send().await.aws(&rds.api).map_err(fail)?;
    }
    Ok(())
}

/// Sets AutoMinorVersionUpgrade on the instance (or each member instance of
/// a cluster), without ApplyImmediately: the next maintenance window applies it.
pub async fn set_auto_minor(rds: &Rds, current: &Current, on: bool) -> anyhow::Result<()> {
    for (inst, _) in &current.auto_minor {
        rds.client
            .modify_db_instance()
            .db_instance_identifier(inst)
            .auto_minor_version_upgrade(on)
            .send()
            .await
            .aws(&rds.api)
            .map_err(|e| {
                e.user(format!(
                    "cannot set AutoMinorVersionUpgrade on RDS instance `{inst}`"
                ))
            })?;
    }
    Ok(())
}

/// How waiting for the upgrade ended.
#[derive(Debug, PartialEq)]
pub enum Waited {
    /// Available on the new version, after this long.
    Done(Duration),
    Interrupted,
}

/// Polls until the instance (or cluster) is `available` on `version`,
/// showing status changes; Ctrl-C stops waiting (the upgrade goes on).
pub async fn wait_upgraded(
    rds: &Rds,
    current: &Current,
    version: &str,
    interval: Duration,
    printer: &Printer,
) -> anyhow::Result<Waited> {
    let id = &current.id;
    let started = Instant::now();
    let spinner = printer.spinner(format!("waiting for `{id}` to run {version}"));
    let mut last = String::new();
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    loop {
        let now = tokio::select! {
            r = self::current(rds, id, current.cluster) => r?,
            _ = &mut ctrl_c => { spinner.finish_and_clear(); return Ok(Waited::Interrupted); }
        };
        let seen = format!("{} on {}", now.status, now.engine_version);
        if seen != last {
            let after = probe::show(started.elapsed());
            spinner.suspend(|| printer.status(format!("  {id}: {seen} (after {after})")));
            spinner.set_message(format!("`{id}` is {seen}"));
            last = seen;
        }
        if now.status == "available" && now.engine_version == version {
            spinner.finish_and_clear();
            return Ok(Waited::Done(started.elapsed()));
        }
        if crate::restore::plan::is_failed_status(&now.status) {
            spinner.finish_and_clear();
            return Err(UserError::runtime(format!(
                "`{id}` is `{}` while upgrading to {version}",
                now.status
            ))
            .hint(format!(
                "see the RDS events of `{id}` (`aws rds describe-events --source-identifier {id} --source-type {}`)",
                if current.cluster { "db-cluster" } else { "db-instance" }
            ))
            .into());
        }
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = &mut ctrl_c => { spinner.finish_and_clear(); return Ok(Waited::Interrupted); }
        }
    }
}
