//! Aurora cluster restores: the plan (which settings of the source cluster
//! the restored cluster gets in RestoreDBClusterToPointInTime, and one
//! CreateDBInstance per source member with that member's settings), built
//! purely from DescribeDBClusters/DescribeDBInstances results; and the AWS
//! calls that carry it out.

use aws_sdk_rds::types::{DbCluster, DbInstance, ServerlessV2ScalingConfiguration, Tag};
use serde::Serialize;

use super::plan::{
    is_default_group, parse_override_in, restore_time_tag, source_tags, Kind, Phase, Setting,
    Value, TAG_RESTORED_FROM, TAG_RESTORE_TIME,
};
use crate::aws::error::AwsResultExt;
use crate::aws::Rds;
use crate::error::UserError;

/// Tag of a cluster made by `restore --clone`.
pub const TAG_RESTORE_TYPE: &str = "dbtool:restore-type";

/// The cluster-level settings dbtool copies, in the order shown.
pub const CLUSTER_SETTINGS: &[(&str, Kind, Phase)] = &[
    ("db_subnet_group_name", Kind::Str, Phase::Restore),
    ("vpc_security_group_ids", Kind::List, Phase::Restore),
    ("db_cluster_parameter_group_name", Kind::Str, Phase::Restore),
    ("port", Kind::Int, Phase::Restore),
    ("kms_key_id", Kind::Str, Phase::Restore),
    (
        "enable_iam_database_authentication",
        Kind::Bool,
        Phase::Restore,
    ),
    ("deletion_protection", Kind::Bool, Phase::Restore),
    ("copy_tags_to_snapshot", Kind::Bool, Phase::Restore),
    ("enable_cloudwatch_logs_exports", Kind::List, Phase::Restore),
    ("serverless_v2_min_capacity", Kind::Str, Phase::Restore),
    ("serverless_v2_max_capacity", Kind::Str, Phase::Restore),
    ("network_type", Kind::Str, Phase::Restore),
    ("storage_type", Kind::Str, Phase::Restore),
];

/// One instance of the restored cluster, copied from a source member.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberPlan {
    pub source: String,
    pub target: String,
    /// The source member is the cluster's writer.
    pub writer: bool,
    /// CreateDBInstance settings: (key, value); JSON: an object.
    #[serde(serialize_with = "settings_object")]
    pub settings: Vec<(&'static str, Value)>,
}

fn settings_object<S: serde::Serializer>(
    settings: &[(&'static str, Value)],
    ser: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = ser.serialize_map(Some(settings.len()))?;
    for (k, v) in settings {
        map.serialize_entry(k, v)?;
    }
    map.end()
}

/// What an Aurora cluster restore will do.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterPlan {
    pub source: String,
    pub target: String,
    /// None for the latest restorable time.
    pub restore_time: Option<chrono::DateTime<chrono::Utc>>,
    /// `full-copy`, or `copy-on-write` for `--clone`.
    pub restore_type: &'static str,
    pub engine: String,
    /// Kept by the restore (RestoreDBClusterToPointInTime takes no version).
    pub engine_version: Option<String>,
    pub settings: Vec<Setting>,
    pub members: Vec<MemberPlan>,
    pub tags: Vec<(String, String)>,
    /// Restored from this cluster snapshot (RestoreDBClusterFromSnapshot).
    pub from_snapshot: Option<String>,
}

impl ClusterPlan {
    pub fn time_tag(&self) -> String {
        match &self.from_snapshot {
            Some(id) => format!("snapshot:{id}"),
            None => restore_time_tag(self.restore_time),
        }
    }

    /// The plan of a restore from cluster snapshot `id` at `engine_version`
    /// (the snapshot's: RestoreDBClusterFromSnapshot would otherwise pick the
    /// region's default version).
    pub fn from_snapshot(mut self, id: &str, engine_version: Option<String>) -> ClusterPlan {
        self.from_snapshot = Some(id.to_string());
        if engine_version.is_some() {
            self.engine_version = engine_version;
        }
        let tag = self.time_tag();
        for (k, v) in &mut self.tags {
            if k == TAG_RESTORE_TIME {
                *v = tag.clone();
            }
        }
        self
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.settings
            .iter()
            .find(|s| s.key == key)
            .map(|s| &s.value)
    }
}

/// Why a cluster cannot be restored by dbtool, if it cannot.
pub fn refuse(src: &DbCluster) -> Option<UserError> {
    let id = src.db_cluster_identifier().unwrap_or_default();
    if src.engine_mode() == Some("serverless") {
        return Some(
            UserError::usage(format!(
                "Aurora cluster `{id}` is Aurora Serverless v1 (EngineMode=serverless), which dbtool does not restore"
            ))
            .hint("restore it in the console or with `aws rds restore-db-cluster-to-point-in-time`; Serverless v1 is end-of-life, migrate it to Serverless v2"),
        );
    }
    if !src
        .engine()
        .unwrap_or("aurora-postgresql")
        .starts_with("aurora")
    {
        return Some(
            UserError::usage(format!(
                "`{id}` is a Multi-AZ DB cluster (engine {}), not an Aurora cluster: dbtool restores Aurora clusters and RDS instances",
                src.engine().unwrap_or_default()
            ))
            .hint(format!("restore it with `aws rds restore-db-cluster-to-point-in-time --source-db-cluster-identifier {id} …`")),
        );
    }
    if src.db_cluster_members().is_empty() {
        return Some(
            UserError::usage(format!(
                "Aurora cluster `{id}` has no instances: there is nothing to copy the restored cluster's instances from"
            ))
            .hint(format!(
                "add an instance to `{id}` first, or restore the cluster alone with `aws rds restore-db-cluster-to-point-in-time --source-db-cluster-identifier {id} …` and add instances with `aws rds create-db-instance --db-cluster-identifier …`"
            )),
        );
    }
    None
}

/// The identifier of the restored copy of member `member`: the source
/// cluster's prefix replaced by the target's (`fam-1` → `fam-restore-1`),
/// else `<target>-<member>`; at most 63 characters.
pub fn member_target(source: &str, target: &str, member: &str) -> String {
    let id = match member.strip_prefix(source) {
        Some(rest) if rest.starts_with('-') => format!("{target}{rest}"),
        Some("") => format!("{target}-1"),
        _ => format!("{target}-{member}"),
    };
    let mut id: String = id.chars().take(63).collect();
    while id.ends_with('-') {
        id.pop();
    }
    id
}

fn str_of(v: Option<&str>) -> Option<Value> {
    v.filter(|v| !v.is_empty())
        .map(|v| Value::Str(v.to_string()))
}

/// The source cluster's settings.
pub fn cluster_settings(src: &DbCluster) -> Vec<(&'static str, Value)> {
    let mut out: Vec<(&'static str, Value)> = Vec::new();
    let mut push = |k: &'static str, v: Option<Value>| {
        if let Some(v) = v {
            out.push((k, v));
        }
    };
    push("db_subnet_group_name", str_of(src.db_subnet_group()));
    let sgs: Vec<String> = src
        .vpc_security_groups()
        .iter()
        .filter_map(|g| g.vpc_security_group_id().map(str::to_string))
        .collect();
    push(
        "vpc_security_group_ids",
        (!sgs.is_empty()).then_some(Value::List(sgs)),
    );
    push(
        "db_cluster_parameter_group_name",
        str_of(src.db_cluster_parameter_group()),
    );
    push("port", src.port().map(Value::Int));
    if src.storage_encrypted() == Some(true) {
        push("kms_key_id", str_of(src.kms_key_id()));
    }
    push(
        "enable_iam_database_authentication",
        src.iam_database_authentication_enabled().map(Value::Bool),
    );
    push(
        "deletion_protection",
        src.deletion_protection().map(Value::Bool),
    );
    push(
        "copy_tags_to_snapshot",
        src.copy_tags_to_snapshot().map(Value::Bool),
    );
    push(
        "enable_cloudwatch_logs_exports",
        Some(Value::List(src.enabled_cloudwatch_logs_exports().to_vec())),
    );
    if let Some(s) = src.serverless_v2_scaling_configuration() {
        push(
            "serverless_v2_min_capacity",
            s.min_capacity().map(|c| Value::Str(c.to_string())),
        );
        push(
            "serverless_v2_max_capacity",
            s.max_capacity().map(|c| Value::Str(c.to_string())),
        );
    }
    push("network_type", str_of(src.network_type()));
    // I/O-Optimized (`aurora-iopt1`) is a billing choice worth keeping.
    push("storage_type", str_of(src.storage_type()));
    out
}

/// IAM roles associated with the cluster (S3 import/export…), which a
/// restore does not carry over: shown in the plan with the command that adds them.
pub fn not_copied(src: &DbCluster) -> Vec<String> {
    src.associated_roles()
        .iter()
        .filter_map(|r| {
            let arn = r.role_arn()?;
            Some(match r.feature_name() {
                Some(f) => format!("IAM role {arn} (feature {f}): `aws rds add-role-to-db-cluster --role-arn {arn} --feature-name {f} --db-cluster-identifier TARGET`"),
                None => format!("IAM role {arn}: `aws rds add-role-to-db-cluster --role-arn {arn} --db-cluster-identifier TARGET`"),
            })
        })
        .collect()
}

/// Checks overridden values AWS would refuse.
fn check_override(src: &DbCluster, key: &str, v: &Value) -> Result<(), UserError> {
    match key {
        "serverless_v2_min_capacity" | "serverless_v2_max_capacity" => {
            let ok = v
                .float()
                .is_some_and(|c| (0.0..=256.0).contains(&c) && (c * 2.0).fract() == 0.0);
            if !ok {
                return Err(UserError::usage(format!(
                    "--override {key}: `{v}` is not a capacity: 0 to 256 ACUs in steps of 0.5"
                )));
            }
        }
        "kms_key_id" if src.storage_encrypted() != Some(true) => {
            return Err(UserError::usage(
                "--override kms_key_id: the source cluster is not encrypted, and a restore keeps that",
            )
            .hint("restore, then encrypt through a snapshot copy (`aws rds copy-db-cluster-snapshot --kms-key-id …`)"));
        }
        _ => {}
    }
    Ok(())
}

/// A member's CreateDBInstance settings (availability zone left to AWS).
pub fn member_settings(inst: &DbInstance, promotion_tier: i32) -> Vec<(&'static str, Value)> {
    let mut out: Vec<(&'static str, Value)> = Vec::new();
    let mut push = |k: &'static str, v: Option<Value>| {
        if let Some(v) = v {
            out.push((k, v));
        }
    };
    push("db_instance_class", str_of(inst.db_instance_class()));
    push(
        "db_parameter_group_name",
        str_of(
            inst.db_parameter_groups()
                .first()
                .and_then(|g| g.db_parameter_group_name())
                .filter(|g| !is_default_group(g)),
        ),
    );
    if inst.performance_insights_enabled() == Some(true) {
        push("enable_performance_insights", Some(Value::Bool(true)));
        push(
            "performance_insights_kms_key_id",
            str_of(inst.performance_insights_kms_key_id()),
        );
        push(
            "performance_insights_retention_period",
            inst.performance_insights_retention_period().map(Value::Int),
        );
    }
    let interval = inst.monitoring_interval().unwrap_or(0);
    if interval > 0 {
        push("monitoring_interval", Some(Value::Int(interval)));
        push("monitoring_role_arn", str_of(inst.monitoring_role_arn()));
    }
    push(
        "promotion_tier",
        Some(Value::Int(inst.promotion_tier().unwrap_or(promotion_tier))),
    );
    push(
        "publicly_accessible",
        inst.publicly_accessible().map(Value::Bool),
    );
    push(
        "ca_certificate_identifier",
        str_of(inst.ca_certificate_identifier()),
    );
    push(
        "auto_minor_version_upgrade",
        inst.auto_minor_version_upgrade().map(Value::Bool),
    );
    out
}

/// Builds the plan: the cluster's settings (overrides applied, default
/// parameter groups left to AWS), one member plan per source member (the
/// writer first), the source's tags plus dbtool's own.
pub fn plan(
    src: &DbCluster,
    members: &[DbInstance],
    target: &str,
    restore_time: Option<chrono::DateTime<chrono::Utc>>,
    clone: bool,
    overrides: &[String],
) -> Result<ClusterPlan, UserError> {
    if let Some(e) = refuse(src) {
        return Err(e);
    }
    let source = src.db_cluster_identifier().unwrap_or_default().to_string();
    let copied = cluster_settings(src);
    let mut over = Vec::new();
    for o in overrides {
        let (k, v) = parse_override_in(o, CLUSTER_SETTINGS)?;
        check_override(src, k, &v)?;
        over.push((k, v));
    }
    let mut settings = Vec::new();
    for (key, _, phase) in CLUSTER_SETTINGS {
        let o = over.iter().rev().find(|(k, _)| k == key);
        let value = match o {
            Some((_, v)) => Some((v.clone(), true)),
            None => copied
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| (v.clone(), false)),
        };
        if let Some((value, overridden)) = value {
            let default_group = !overridden
                && *key == "db_cluster_parameter_group_name"
                && matches!(&value, Value::Str(v) if is_default_group(v));
            settings.push(Setting {
                key,
                value,
                phase: if default_group {
                    Phase::LeftToAws
                } else {
                    *phase
                },
                overridden,
            });
        }
    }
    let mut ordered: Vec<(String, bool)> = src
        .db_cluster_members()
        .iter()
        .filter_map(|m| {
            m.db_instance_identifier()
                .map(|i| (i.to_string(), m.is_cluster_writer().unwrap_or(false)))
        })
        .collect();
    ordered.sort_by_key(|(id, writer)| (!writer, id.clone()));
    let mut plans = Vec::new();
    for (i, (id, writer)) in ordered.iter().enumerate() {
        let inst = members
            .iter()
            .find(|m| m.db_instance_identifier() == Some(id.as_str()))
            .ok_or_else(|| {
                UserError::runtime(format!(
                    "member `{id}` of Aurora cluster `{source}` could not be described"
                ))
                .hint("retry; if it is being deleted, wait until it is gone")
            })?;
        let target_id = member_target(&source, target, id);
        if plans.iter().any(|p: &MemberPlan| p.target == target_id) {
            return Err(UserError::usage(format!(
                "two members of `{source}` would both be restored as `{target_id}`"
            ))
            .hint("pass a shorter --target"));
        }
        plans.push(MemberPlan {
            source: id.clone(),
            target: target_id,
            writer: *writer,
            settings: member_settings(inst, i.min(15) as i32),
        });
    }
    let mut tags = source_tags(src.tag_list());
    tags.push((TAG_RESTORED_FROM.into(), source.clone()));
    tags.push((TAG_RESTORE_TIME.into(), restore_time_tag(restore_time)));
    if clone {
        tags.push((TAG_RESTORE_TYPE.into(), "copy-on-write".into()));
    }
    Ok(ClusterPlan {
        source,
        target: target.to_string(),
        restore_time,
        restore_type: if clone { "copy-on-write" } else { "full-copy" },
        engine: src.engine().unwrap_or("aurora-postgresql").to_string(),
        engine_version: src.engine_version().map(str::to_string),
        settings,
        members: plans,
        tags,
        from_snapshot: None,
    })
}

fn tags(p: &ClusterPlan) -> Vec<Tag> {
    p.tags
        .iter()
        .map(|(k, v)| Tag::builder().key(k).value(v).build())
        .collect()
}

/// DescribeDBClusters for one cluster; `Ok(None)` when it does not exist.
pub async fn find(rds: &Rds, id: &str) -> anyhow::Result<Option<DbCluster>> {
    match rds
        .client
        .describe_db_clusters()
        .db_cluster_identifier(id)
        .send()
        .await
        .aws(&rds.api)
    {
        Ok(out) => Ok(out.db_clusters().first().cloned()),
        Err(e) if e.is("DBClusterNotFound") => Ok(None),
        Err(e) => Err(e
            .user(format!("cannot describe Aurora cluster `{id}`"))
            .into()),
    }
}

/// The cluster's members as DescribeDBInstances reports them.
pub async fn members(rds: &Rds, src: &DbCluster) -> anyhow::Result<Vec<DbInstance>> {
    let mut out = Vec::new();
    for m in src.db_cluster_members() {
        if let Some(id) = m.db_instance_identifier() {
            if let Some(i) = super::find_instance(rds, id).await? {
                out.push(i);
            }
        }
    }
    Ok(out)
}

/// Sets every restore-phase cluster setting of `$plan` on `$req` (the
/// point-in-time and the snapshot request have the same fields but are
/// different builder types), then the tags.
macro_rules! cluster_settings {
    ($req:ident, $plan:expr) => {{
        let (mut min, mut max) = (None, None);
        for s in $plan.settings.iter().filter(|s| s.phase == Phase::Restore) {
            let v = &s.value;
            $req = match s.key {
                "db_subnet_group_name" => $req.set_db_subnet_group_name(v.string()),
                "vpc_security_group_ids" => $req.set_vpc_security_group_ids(v.list()),
                "db_cluster_parameter_group_name" => {
                    $req.set_db_cluster_parameter_group_name(v.string())
                }
                "port" => $req.set_port(v.int()),
                "kms_key_id" => $req.set_kms_key_id(v.string()),
                "enable_iam_database_authentication" => {
                    $req.set_enable_iam_database_authentication(v.boolean())
                }
                "deletion_protection" => $req.set_deletion_protection(v.boolean()),
                "copy_tags_to_snapshot" => $req.set_copy_tags_to_snapshot(v.boolean()),
                "enable_cloudwatch_logs_exports" => {
                    $req.set_enable_cloudwatch_logs_exports(v.list().filter(|l| !l.is_empty()))
                }
                "network_type" => $req.set_network_type(v.string()),
                "storage_type" => $req.set_storage_type(v.string()),
                "serverless_v2_min_capacity" => {
                    min = v.float();
                    $req
                }
                "serverless_v2_max_capacity" => {
                    max = v.float();
                    $req
                }
                other => anyhow::bail!(
                    "internal error: cluster restore setting `{other}` has no request field; nothing was restored"
                ),
            };
        }
        if min.is_some() || max.is_some() {
            $req = $req.serverless_v2_scaling_configuration(
                ServerlessV2ScalingConfiguration::builder()
                    .set_min_capacity(min)
                    .set_max_capacity(max)
                    .build(),
            );
        }
        $req = $req.set_tags(Some(tags($plan)));
    }};
}

/// Sends RestoreDBClusterFromSnapshot with every cluster setting.
async fn start_from_snapshot(rds: &Rds, p: &ClusterPlan, snapshot: &str) -> anyhow::Result<()> {
    let mut req = rds
        .client
        .restore_db_cluster_from_snapshot()
        .snapshot_identifier(snapshot)
        .db_cluster_identifier(&p.target)
        .engine(&p.engine)
        .set_engine_version(p.engine_version.clone());
    cluster_settings!(req, p);
    req.send().await.aws(&rds.api).map_err(|e| {
        e.user(format!(
            "RestoreDBClusterFromSnapshot `{snapshot}` → `{}` failed; nothing was restored",
            p.target
        ))
    })?;
    Ok(())
}

/// Sends RestoreDBClusterToPointInTime (or, for a snapshot restore,
/// RestoreDBClusterFromSnapshot) with every cluster setting.
pub async fn start_restore(rds: &Rds, p: &ClusterPlan) -> anyhow::Result<()> {
    if let Some(snapshot) = &p.from_snapshot {
        return start_from_snapshot(rds, p, snapshot).await;
    }
    let mut req = rds
        .client
        .restore_db_cluster_to_point_in_time()
        .source_db_cluster_identifier(&p.source)
        .db_cluster_identifier(&p.target)
        .restore_type(p.restore_type);
    req = match p.restore_time {
        Some(t) => req.restore_to_time(aws_sdk_rds::primitives::DateTime::from_secs(t.timestamp())),
        None => req.use_latest_restorable_time(true),
    };
    cluster_settings!(req, p);
    req.send().await.aws(&rds.api).map_err(|e| {
        e.user(format!(
            "RestoreDBClusterToPointInTime `{}` → `{}` failed; nothing was restored",
            p.source, p.target
        ))
    })?;
    Ok(())
}

/// Sends CreateDBInstance for one member of the restored cluster.
pub async fn create_member(rds: &Rds, p: &ClusterPlan, m: &MemberPlan) -> anyhow::Result<()> {
    let mut req = rds
        .client
        .create_db_instance()
        .db_instance_identifier(&m.target)
        .db_cluster_identifier(&p.target)
        .engine(&p.engine);
    for (key, v) in &m.settings {
        req = match *key {
            "db_instance_class" => req.set_db_instance_class(v.string()),
            "db_parameter_group_name" => req.set_db_parameter_group_name(v.string()),
            "enable_performance_insights" => req.set_enable_performance_insights(v.boolean()),
            "performance_insights_kms_key_id" => req.set_performance_insights_kms_key_id(v.string()),
            "performance_insights_retention_period" => {
                req.set_performance_insights_retention_period(v.int())
            }
            "monitoring_interval" => req.set_monitoring_interval(v.int()),
            "monitoring_role_arn" => req.set_monitoring_role_arn(v.string()),
            "promotion_tier" => req.set_promotion_tier(v.int()),
            "publicly_accessible" => req.set_publicly_accessible(v.boolean()),
            "ca_certificate_identifier" => req.set_ca_certificate_identifier(v.string()),
            "auto_minor_version_upgrade" => req.set_auto_minor_version_upgrade(v.boolean()),
            other => anyhow::bail!("internal error: instance setting `{other}` has no request field; the instance was not created"),
        };
    }
    req = req.set_tags(Some(tags(p)));
    req.send().await.aws(&rds.api).map_err(|e| {
        e.user(format!(
            "CreateDBInstance `{}` in restored cluster `{}` failed",
            m.target, p.target
        ))
        .hint(format!(
            "the cluster `{}` exists; fix the cause and run `dbtool restore --wait-only --target {}` to add the missing instances",
            p.target, p.target
        ))
    })?;
    Ok(())
}

/// The window inputs of a cluster: its EarliestRestorableTime and
/// LatestRestorableTime, else its retention.
pub fn window_inputs(src: &DbCluster) -> super::window::WindowInputs {
    let earliest = src.earliest_restorable_time().and_then(super::to_chrono);
    let latest = src.latest_restorable_time().and_then(super::to_chrono);
    super::window::WindowInputs {
        restore_window: earliest.map(|e| (Some(e), latest)),
        retention_days: src.backup_retention_period(),
        latest_restorable: latest,
        basis: Some("the cluster's EarliestRestorableTime and LatestRestorableTime".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_rds::types::{DbClusterMember, DbParameterGroupStatus, VpcSecurityGroupMembership};

    fn source() -> DbCluster {
        DbCluster::builder()
            .db_cluster_identifier("fam")
            .engine("aurora-postgresql")
            .engine_version("15.4")
            .engine_mode("provisioned")
            .db_subnet_group("private")
            .vpc_security_groups(
                VpcSecurityGroupMembership::builder()
                    .vpc_security_group_id("sg-1")
                    .build(),
            )
            .db_cluster_parameter_group("default.aurora-postgresql15")
            .port(5432)
            .storage_encrypted(true)
            .storage_type("aurora-iopt1")
            .kms_key_id("kms-1")
            .iam_database_authentication_enabled(true)
            .deletion_protection(true)
            .copy_tags_to_snapshot(true)
            .enabled_cloudwatch_logs_exports("postgresql")
            .serverless_v2_scaling_configuration(
                aws_sdk_rds::types::ServerlessV2ScalingConfigurationInfo::builder()
                    .min_capacity(0.5)
                    .max_capacity(16.0)
                    .build(),
            )
            .db_cluster_members(
                DbClusterMember::builder()
                    .db_instance_identifier("fam-2")
                    .is_cluster_writer(false)
                    .build(),
            )
            .db_cluster_members(
                DbClusterMember::builder()
                    .db_instance_identifier("fam-1")
                    .is_cluster_writer(true)
                    .build(),
            )
            .tag_list(Tag::builder().key("team").value("fam").build())
            .tag_list(
                Tag::builder()
                    .key("dbtool:restored-from")
                    .value("x")
                    .build(),
            )
            .build()
    }

    fn member(id: &str, class: &str) -> DbInstance {
        DbInstance::builder()
            .db_instance_identifier(id)
            .db_instance_class(class)
            .db_parameter_groups(
                DbParameterGroupStatus::builder()
                    .db_parameter_group_name("fam-instance-params")
                    .build(),
            )
            .performance_insights_enabled(true)
            .performance_insights_retention_period(7)
            .monitoring_interval(60)
            .monitoring_role_arn("arn:aws:iam::1:role/mon")
            .promotion_tier(1)
            .publicly_accessible(false)
            .ca_certificate_identifier("rds-ca-rsa2048-g1")
            .build()
    }

    #[test]
    fn plan_copies_the_cluster_and_each_member_writer_first() {
        let members = [
            member("fam-1", "db.r6g.large"),
            member("fam-2", "db.r6g.xlarge"),
        ];
        let p = plan(&source(), &members, "fam-restore", None, false, &[]).unwrap();
        assert_eq!(p.restore_type, "full-copy");
        assert_eq!(
            p.get("db_subnet_group_name"),
            Some(&Value::Str("private".into()))
        );
        assert_eq!(p.get("kms_key_id"), Some(&Value::Str("kms-1".into())));
        assert_eq!(
            p.get("serverless_v2_max_capacity"),
            Some(&Value::Str("16".into()))
        );
        let group = p
            .settings
            .iter()
            .find(|s| s.key == "db_cluster_parameter_group_name")
            .unwrap();
        assert_eq!(
            group.phase,
            Phase::LeftToAws,
            "a default group is left to AWS"
        );
        assert_eq!(
            p.members
                .iter()
                .map(|m| m.target.as_str())
                .collect::<Vec<_>>(),
            ["fam-restore-1", "fam-restore-2"]
        );
        assert!(p.members[0].writer && !p.members[1].writer);
        assert!(p.members[1]
            .settings
            .contains(&("db_instance_class", Value::Str("db.r6g.xlarge".into()))));
        assert!(p.members[0].settings.contains(&(
            "monitoring_role_arn",
            Value::Str("arn:aws:iam::1:role/mon".into())
        )));
        assert!(p.members[0]
            .settings
            .contains(&("enable_performance_insights", Value::Bool(true))));
        assert!(p.members[0]
            .settings
            .contains(&("performance_insights_retention_period", Value::Int(7))));
        assert!(p.tags.contains(&("team".into(), "fam".into())));
        assert!(p.tags.contains(&(TAG_RESTORED_FROM.into(), "fam".into())));
        assert!(!p.tags.contains(&(TAG_RESTORED_FROM.into(), "x".into())));
        let p = plan(&source(), &members, "c", None, true, &["port=6543".into()]).unwrap();
        assert_eq!(p.restore_type, "copy-on-write");
        assert_eq!(p.get("port"), Some(&Value::Int(6543)));
        assert_eq!(
            p.get("storage_type"),
            Some(&Value::Str("aurora-iopt1".into()))
        );
        for bad in [
            "serverless_v2_max_capacity=-4",
            "serverless_v2_min_capacity=abc",
            "serverless_v2_max_capacity=1.3",
        ] {
            let e = plan(&source(), &members, "c", None, false, &[bad.into()]).unwrap_err();
            assert!(
                e.message.contains("is not a capacity"),
                "{bad}: {}",
                e.message
            );
        }
        let e = plan(
            &source(),
            &members,
            "c",
            None,
            false,
            &["multi_az=true".into()],
        )
        .unwrap_err();
        assert!(
            e.message.contains("unknown --override key `multi_az`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn refusals_for_serverless_v1_and_empty_clusters() {
        let v1 = DbCluster::builder()
            .db_cluster_identifier("v1")
            .engine_mode("serverless")
            .build();
        assert!(refuse(&v1).unwrap().message.contains("Serverless v1"));
        let empty = DbCluster::builder()
            .db_cluster_identifier("e")
            .engine_mode("provisioned")
            .build();
        assert!(refuse(&empty).unwrap().message.contains("has no instances"));
        assert!(refuse(&source()).is_none());
    }

    /// Every setting the plan can hold is sent (no `internal error`): the
    /// mapping in `start_restore` and `create_member` names each key.
    #[test]
    fn every_setting_has_a_request_field() {
        let code = include_str!("cluster.rs");
        let start = code.find("macro_rules! cluster_settings").unwrap();
        let pitr = code.find("async fn start_from_snapshot").unwrap();
        let member = code.find("pub async fn create_member").unwrap();
        for (k, _, _) in CLUSTER_SETTINGS {
            assert!(
                code[start..pitr].contains(&format!("\"{k}\" =>")),
                "{k} not sent"
            );
        }
        let members = [member_settings(
            &DbInstance::builder()
                .db_instance_class("c")
                .db_parameter_groups(
                    DbParameterGroupStatus::builder()
                        .db_parameter_group_name("p")
                        .build(),
                )
                .performance_insights_enabled(true)
                .performance_insights_kms_key_id("k")
                .performance_insights_retention_period(7)
                .monitoring_interval(60)
                .monitoring_role_arn("r")
                .publicly_accessible(true)
                .ca_certificate_identifier("ca")
                .auto_minor_version_upgrade(true)
                .build(),
            1,
        )];
        for (k, _) in &members[0] {
            assert!(
                code[member..].contains(&format!("\"{k}\" =>")),
                "{k} not sent"
            );
        }
    }

    #[test]
    fn member_targets_follow_the_cluster_name() {
        assert_eq!(
            member_target("fam", "fam-restore", "fam-1"),
            "fam-restore-1"
        );
        assert_eq!(member_target("fam", "x", "writer"), "x-writer");
        assert_eq!(member_target("fam", "x", "fam"), "x-1");
        assert_eq!(
            member_target("fam", "fam-restore", "family-1"),
            "fam-restore-family-1"
        );
        let long = "a".repeat(60);
        let t = member_target("fam", &long, "fam-instance-1");
        assert!(t.len() <= 63 && !t.ends_with('-'), "{t}");
    }
}
