//! The restore plan: which settings of the source instance the restored copy
//! gets at restore time (RestoreDBInstanceToPointInTime) and which afterwards
//! (ModifyDBInstance), plus `--override key=value`. Pure: built from a
//! DescribeDBInstances result; touches nothing.

use aws_sdk_rds::types::DbInstance;
use serde::Serialize;

use crate::error::UserError;

/// Tag naming the instance a restore came from.
pub const TAG_RESTORED_FROM: &str = "dbtool:restored-from";
/// Tag holding the restore time (`2023-10-02T10:00:00Z` or `latest`).
pub const TAG_RESTORE_TIME: &str = "dbtool:restore-time";

/// When a setting is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// In the RestoreDBInstanceToPointInTime request.
    Restore,
    /// With ModifyDBInstance once the instance is available.
    AfterRestore,
    /// Not sent: the source uses the engine's default group (`default.…` /
    /// `default:…`), and AWS picks the default of the restored engine
    /// version itself (a default's name need not exist under that name).
    LeftToAws,
}

/// Whether a parameter or option group name is one of AWS's engine defaults.
pub fn is_default_group(name: &str) -> bool {
    name.starts_with("default.") || name.starts_with("default:")
}

/// The type of a setting's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Str,
    Int,
    Bool,
    List,
}

/// A setting's value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Str(String),
    Int(i32),
    Bool(bool),
    List(Vec<String>),
}

impl Value {
    /// As a request's string field (any value, as text).
    pub fn string(&self) -> Option<String> {
        match self {
            Value::Str(s) => Some(s.clone()),
            other => Some(other.to_string()),
        }
    }

    pub fn int(&self) -> Option<i32> {
        match self {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }

    pub fn boolean(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// As a list field (a single string is a list of one).
    pub fn list(&self) -> Option<Vec<String>> {
        match self {
            Value::List(l) => Some(l.clone()),
            Value::Str(s) => Some(vec![s.clone()]),
            _ => None,
        }
    }

    /// A number written as text (Serverless v2 capacities).
    pub fn float(&self) -> Option<f64> {
        self.string().and_then(|s| s.parse().ok())
    }
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Str(s) => f.write_str(s),
            Value::Int(i) => write!(f, "{i}"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::List(l) if l.is_empty() => f.write_str("(none)"),
            Value::List(l) => f.write_str(&l.join(",")),
        }
    }
}

/// Every setting dbtool copies, in the order shown: (key, kind, phase).
pub const SETTINGS: &[(&str, Kind, Phase)] = &[
    ("db_instance_class", Kind::Str, Phase::Restore),
    ("db_subnet_group_name", Kind::Str, Phase::Restore),
    ("vpc_security_group_ids", Kind::List, Phase::Restore),
    ("db_parameter_group_name", Kind::Str, Phase::Restore),
    ("option_group_name", Kind::Str, Phase::Restore),
    ("multi_az", Kind::Bool, Phase::Restore),
    ("storage_type", Kind::Str, Phase::Restore),
    ("allocated_storage", Kind::Int, Phase::Restore),
    ("iops", Kind::Int, Phase::Restore),
    ("storage_throughput", Kind::Int, Phase::Restore),
    ("max_allocated_storage", Kind::Int, Phase::Restore),
    ("publicly_accessible", Kind::Bool, Phase::Restore),
    (
        "enable_iam_database_authentication",
        Kind::Bool,
        Phase::Restore,
    ),
    ("deletion_protection", Kind::Bool, Phase::Restore),
    ("copy_tags_to_snapshot", Kind::Bool, Phase::Restore),
    ("enable_cloudwatch_logs_exports", Kind::List, Phase::Restore),
    ("ca_certificate_identifier", Kind::Str, Phase::Restore),
    ("network_type", Kind::Str, Phase::Restore),
    ("port", Kind::Int, Phase::Restore),
    ("monitoring_interval", Kind::Int, Phase::AfterRestore),
    ("monitoring_role_arn", Kind::Str, Phase::AfterRestore),
    (
        "enable_performance_insights",
        Kind::Bool,
        Phase::AfterRestore,
    ),
    (
        "performance_insights_kms_key_id",
        Kind::Str,
        Phase::AfterRestore,
    ),
    (
        "performance_insights_retention_period",
        Kind::Int,
        Phase::AfterRestore,
    ),
    (
        "preferred_maintenance_window",
        Kind::Str,
        Phase::AfterRestore,
    ),
    ("preferred_backup_window", Kind::Str, Phase::AfterRestore),
    ("backup_retention_period", Kind::Int, Phase::AfterRestore),
    (
        "auto_minor_version_upgrade",
        Kind::Bool,
        Phase::AfterRestore,
    ),
];

/// One setting of the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Setting {
    pub key: &'static str,
    pub value: Value,
    pub phase: Phase,
    /// Set by `--override` rather than copied from the source.
    pub overridden: bool,
}

/// What a restore will do.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RestorePlan {
    pub source: String,
    pub target: String,
    /// None for `--latest`.
    pub restore_time: Option<chrono::DateTime<chrono::Utc>>,
    pub settings: Vec<Setting>,
    pub tags: Vec<(String, String)>,
    /// Restored from this snapshot (RestoreDBInstanceFromDBSnapshot), not
    /// to a point in time.
    pub from_snapshot: Option<String>,
    /// Where the settings came from, when not from the live source.
    pub settings_from: Option<String>,
}

impl RestorePlan {
    /// The plan of a restore from `snapshot`: the restore-time tag becomes
    /// `snapshot:ID` (what a rerun resumes on), and settings the snapshot
    /// API cannot take move to the ModifyDBInstance afterwards.
    pub fn from_snapshot(mut self, snapshot: &str, settings_from: Option<String>) -> RestorePlan {
        self.from_snapshot = Some(snapshot.to_string());
        self.settings_from = settings_from;
        let tag = self.time_tag();
        for (k, v) in &mut self.tags {
            if k == TAG_RESTORE_TIME {
                *v = tag.clone();
            }
        }
        for s in &mut self.settings {
            if s.key == "max_allocated_storage" && s.phase == Phase::Restore {
                s.phase = Phase::AfterRestore;
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

    pub fn phase(&self, phase: Phase) -> impl Iterator<Item = &Setting> {
        self.settings.iter().filter(move |s| s.phase == phase)
    }

    /// The value of the `dbtool:restore-time` tag: a time, `latest`, or
    /// `snapshot:ID`.
    pub fn time_tag(&self) -> String {
        match &self.from_snapshot {
            Some(id) => format!("snapshot:{id}"),
            None => restore_time_tag(self.restore_time),
        }
    }
}

/// `2023-10-02T10:00:00Z` or `latest`.
pub fn restore_time_tag(t: Option<chrono::DateTime<chrono::Utc>>) -> String {
    t.map(crate::restore::time::format_utc)
        .unwrap_or_else(|| "latest".into())
}

/// The settings AWS would otherwise default, read from the source.
pub fn source_settings(src: &DbInstance) -> Vec<(&'static str, Value)> {
    let mut out: Vec<(&'static str, Value)> = Vec::new();
    let mut s = |k: &'static str, v: Option<&str>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            out.push((k, Value::Str(v.to_string())));
        }
    };
    s("db_instance_class", src.db_instance_class());
    s(
        "db_subnet_group_name",
        src.db_subnet_group().and_then(|g| g.db_subnet_group_name()),
    );
    let mut values: Vec<(&'static str, Value)> = std::mem::take(&mut out);
    let sgs: Vec<String> = src
        .vpc_security_groups()
        .iter()
        .filter_map(|g| g.vpc_security_group_id().map(str::to_string))
        .collect();
    if !sgs.is_empty() {
        values.push(("vpc_security_group_ids", Value::List(sgs)));
    }
    let str_of = |v: Option<&str>| {
        v.filter(|v| !v.is_empty())
            .map(|v| Value::Str(v.to_string()))
    };
    let storage_type = src.storage_type().unwrap_or_default().to_string();
    let allocated = src.allocated_storage();
    let mut push = |k: &'static str, v: Option<Value>| {
        if let Some(v) = v {
            values.push((k, v));
        }
    };
    push(
        "db_parameter_group_name",
        str_of(
            src.db_parameter_groups()
                .first()
                .and_then(|g| g.db_parameter_group_name()),
        ),
    );
    push(
        "option_group_name",
        str_of(
            src.option_group_memberships()
                .first()
                .and_then(|g| g.option_group_name()),
        ),
    );
    push("multi_az", src.multi_az().map(Value::Bool));
    push("storage_type", str_of(src.storage_type()));
    push("allocated_storage", allocated.map(Value::Int));
    // IOPS and throughput only exist for provisioned storage; gp3 below 400 GiB
    // has a fixed baseline that AWS refuses to be given explicitly.
    let provisioned = matches!(storage_type.as_str(), "io1" | "io2")
        || (storage_type == "gp3" && allocated.unwrap_or(0) >= 400);
    if provisioned {
        push("iops", src.iops().map(Value::Int));
    }
    if storage_type == "gp3" && allocated.unwrap_or(0) >= 400 {
        push(
            "storage_throughput",
            src.storage_throughput().map(Value::Int),
        );
    }
    push(
        "max_allocated_storage",
        src.max_allocated_storage().map(Value::Int),
    );
    push(
        "publicly_accessible",
        src.publicly_accessible().map(Value::Bool),
    );
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
    push(
        "ca_certificate_identifier",
        str_of(src.ca_certificate_identifier()),
    );
    push("network_type", str_of(src.network_type()));
    push(
        "port",
        src.endpoint()
            .and_then(|e| e.port())
            .or(src.db_instance_port().filter(|p| *p > 0))
            .map(Value::Int),
    );
    let interval = src.monitoring_interval().unwrap_or(0);
    if interval > 0 {
        push("monitoring_interval", Some(Value::Int(interval)));
        push("monitoring_role_arn", str_of(src.monitoring_role_arn()));
    }
    if src.performance_insights_enabled() == Some(true) {
        push("enable_performance_insights", Some(Value::Bool(true)));
        push(
            "performance_insights_kms_key_id",
            str_of(src.performance_insights_kms_key_id()),
        );
        push(
            "performance_insights_retention_period",
            src.performance_insights_retention_period().map(Value::Int),
        );
    }
    push(
        "preferred_maintenance_window",
        str_of(src.preferred_maintenance_window()),
    );
    push(
        "preferred_backup_window",
        str_of(src.preferred_backup_window()),
    );
    push(
        "backup_retention_period",
        src.backup_retention_period()
            .filter(|d| *d > 0)
            .map(Value::Int),
    );
    push(
        "auto_minor_version_upgrade",
        src.auto_minor_version_upgrade().map(Value::Bool),
    );
    values
}

/// The valid `--override` keys of `table`, for error messages.
pub fn valid_keys_in(table: &[(&str, Kind, Phase)]) -> String {
    table
        .iter()
        .map(|(k, _, _)| *k)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The valid `--override` keys of an instance restore.
pub fn valid_keys() -> String {
    valid_keys_in(SETTINGS)
}

/// Parses one `--override key=value` of an instance restore.
pub fn parse_override(text: &str) -> Result<(&'static str, Value), UserError> {
    parse_override_in(text, SETTINGS)
}

/// Parses one `--override key=value` against `table`'s keys and types.
pub fn parse_override_in(
    text: &str,
    table: &'static [(&'static str, Kind, Phase)],
) -> Result<(&'static str, Value), UserError> {
    let Some((key, value)) = text.split_once('=') else {
        return Err(
            UserError::usage(format!("--override `{text}` is not key=value"))
                .hint(format!("valid keys: {}", valid_keys_in(table))),
        );
    };
    let key = key.trim().replace('-', "_");
    let Some((k, kind, _)) = table.iter().find(|(k, _, _)| *k == key) else {
        return Err(UserError::usage(format!("unknown --override key `{key}`"))
            .hint(format!("valid keys: {}", valid_keys_in(table))));
    };
    let value = value.trim();
    let bad = |what: &str| UserError::usage(format!("--override {k}: `{value}` is not {what}"));
    let v = match kind {
        Kind::Str => Value::Str(value.to_string()),
        Kind::Int => Value::Int(value.parse().map_err(|_| bad("an integer"))?),
        Kind::Bool => Value::Bool(match value.to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" | "1" => true,
            "false" | "no" | "off" | "0" => false,
            _ => return Err(bad("true or false")),
        }),
        Kind::List => Value::List(
            value
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        ),
    };
    Ok((k, v))
}

/// Builds the plan: the source's settings in [`SETTINGS`] order, overrides
/// applied, the source's tags plus dbtool's own.
pub fn plan(
    source: &str,
    target: &str,
    restore_time: Option<chrono::DateTime<chrono::Utc>>,
    src: &DbInstance,
    overrides: &[String],
) -> Result<RestorePlan, UserError> {
    let copied = source_settings(src);
    let mut over = Vec::new();
    for o in overrides {
        over.push(parse_override(o)?);
    }
    let mut settings = Vec::new();
    for (key, _, phase) in SETTINGS {
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
                && matches!(*key, "db_parameter_group_name" | "option_group_name")
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
    let mut tags = source_tags(src.tag_list());
    tags.push((TAG_RESTORED_FROM.into(), source.to_string()));
    tags.push((TAG_RESTORE_TIME.into(), restore_time_tag(restore_time)));
    Ok(RestorePlan {
        source: source.to_string(),
        target: target.to_string(),
        restore_time,
        settings,
        tags,
        from_snapshot: None,
        settings_from: None,
    })
}

/// The source's tags a restored copy keeps: all but dbtool's own and AWS's.
pub fn source_tags(tags: &[aws_sdk_rds::types::Tag]) -> Vec<(String, String)> {
    tags.iter()
        .filter_map(|t| {
            Some((
                t.key()?.to_string(),
                t.value().unwrap_or_default().to_string(),
            ))
        })
        .filter(|(k, _)| !k.starts_with("dbtool:") && !k.starts_with("aws:"))
        .collect()
}

/// Whether an existing target is a restore of `source` at `time_tag` (then
/// dbtool resumes waiting instead of refusing).
pub fn same_restore(target_tags: &[(String, String)], source: &str, time_tag: &str) -> bool {
    let get = |k: &str| {
        target_tags
            .iter()
            .find(|(tk, _)| tk == k)
            .map(|(_, v)| v.as_str())
    };
    get(TAG_RESTORED_FROM) == Some(source) && get(TAG_RESTORE_TIME) == Some(time_tag)
}

/// Instance states after which waiting is pointless.
pub fn is_failed_status(status: &str) -> bool {
    matches!(
        status,
        "failed"
            | "incompatible-restore"
            | "incompatible-parameters"
            | "incompatible-network"
            | "incompatible-option-group"
            | "storage-full"
            | "deleting"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_rds::types::{
        DbParameterGroupStatus, DbSubnetGroup, Endpoint, OptionGroupMembership, Tag,
        VpcSecurityGroupMembership,
    };

    fn source(storage: &str, allocated: i32) -> DbInstance {
        DbInstance::builder()
            .db_instance_identifier("notifydb")
            .db_instance_class("db.r6g.large")
            .db_subnet_group(
                DbSubnetGroup::builder()
                    .db_subnet_group_name("private")
                    .build(),
            )
            .vpc_security_groups(
                VpcSecurityGroupMembership::builder()
                    .vpc_security_group_id("sg-1")
                    .build(),
            )
            .vpc_security_groups(
                VpcSecurityGroupMembership::builder()
                    .vpc_security_group_id("sg-2")
                    .build(),
            )
            .db_parameter_groups(
                DbParameterGroupStatus::builder()
                    .db_parameter_group_name("pg15-custom")
                    .build(),
            )
            .option_group_memberships(
                OptionGroupMembership::builder()
                    .option_group_name("og-custom")
                    .build(),
            )
            .multi_az(true)
            .storage_type(storage)
            .allocated_storage(allocated)
            .iops(3000)
            .storage_throughput(125)
            .max_allocated_storage(1000)
            .publicly_accessible(false)
            .iam_database_authentication_enabled(true)
            .deletion_protection(true)
            .copy_tags_to_snapshot(true)
            .enabled_cloudwatch_logs_exports("postgresql")
            .enabled_cloudwatch_logs_exports("upgrade")
            .ca_certificate_identifier("rds-ca-rsa2048-g1")
            .network_type("IPV4")
            .endpoint(Endpoint::builder().port(5432).build())
            .monitoring_interval(60)
            .monitoring_role_arn("arn:aws:iam::1:role/mon")
            .performance_insights_enabled(true)
            .performance_insights_kms_key_id("kms-1")
            .performance_insights_retention_period(7)
            .preferred_maintenance_window("sun:03:00-sun:04:00")
            .preferred_backup_window("01:00-02:00")
            .backup_retention_period(14)
            .auto_minor_version_upgrade(false)
            .tag_list(Tag::builder().key("team").value("notify").build())
            .tag_list(
                Tag::builder()
                    .key("dbtool:restored-from")
                    .value("old")
                    .build(),
            )
            .build()
    }

    #[test]
    fn copies_every_setting_in_its_phase() {
        let p = plan(
            "notifydb",
            "notifydb-restore",
            None,
            &source("gp2", 100),
            &[],
        )
        .unwrap();
        let get = |k| p.get(k).unwrap().to_string();
        assert_eq!(get("db_subnet_group_name"), "private");
        assert_eq!(get("vpc_security_group_ids"), "sg-1,sg-2");
        assert_eq!(get("db_parameter_group_name"), "pg15-custom");
        assert_eq!(get("option_group_name"), "og-custom");
        assert_eq!(get("storage_type"), "gp2");
        assert_eq!(get("enable_cloudwatch_logs_exports"), "postgresql,upgrade");
        assert_eq!(get("enable_iam_database_authentication"), "true");
        assert_eq!(get("port"), "5432");
        assert!(p.get("iops").is_none(), "gp2 has no provisioned IOPS");
        let after: Vec<&str> = p.phase(Phase::AfterRestore).map(|s| s.key).collect();
        assert_eq!(
            after,
            vec![
                "monitoring_interval",
                "monitoring_role_arn",
                "enable_performance_insights",
                "performance_insights_kms_key_id",
                "performance_insights_retention_period",
                "preferred_maintenance_window",
                "preferred_backup_window",
                "backup_retention_period",
                "auto_minor_version_upgrade"
            ]
        );
        assert_eq!(
            p.tags,
            vec![
                ("team".to_string(), "notify".to_string()),
                (TAG_RESTORED_FROM.to_string(), "notifydb".to_string()),
                (TAG_RESTORE_TIME.to_string(), "latest".to_string()),
            ]
        );
    }

    #[test]
    fn default_groups_are_left_to_aws_unless_overridden() {
        let mut src = source("gp2", 100);
        src.db_parameter_groups = Some(vec![DbParameterGroupStatus::builder()
            .db_parameter_group_name("default.postgres15")
            .build()]);
        src.option_group_memberships = Some(vec![OptionGroupMembership::builder()
            .option_group_name("default:postgres-15-4")
            .build()]);
        let p = plan("a", "b", None, &src, &[]).unwrap();
        let phase =
            |p: &RestorePlan, k: &str| p.settings.iter().find(|s| s.key == k).unwrap().phase;
        assert_eq!(phase(&p, "db_parameter_group_name"), Phase::LeftToAws);
        assert_eq!(phase(&p, "option_group_name"), Phase::LeftToAws);
        assert!(p
            .phase(Phase::Restore)
            .all(|s| s.key != "option_group_name" && s.key != "db_parameter_group_name"));
        let p = plan(
            "a",
            "b",
            None,
            &src,
            &["option_group_name=default:postgres-15".into()],
        )
        .unwrap();
        assert_eq!(phase(&p, "option_group_name"), Phase::Restore);
        assert!(!is_default_group("defaults-custom") && !is_default_group("pg15-custom"));
    }

    #[test]
    fn iops_only_for_provisioned_storage() {
        let p = plan("a", "b", None, &source("gp3", 100), &[]).unwrap();
        assert!(p.get("iops").is_none() && p.get("storage_throughput").is_none());
        let p = plan("a", "b", None, &source("gp3", 500), &[]).unwrap();
        assert_eq!(p.get("iops"), Some(&Value::Int(3000)));
        assert_eq!(p.get("storage_throughput"), Some(&Value::Int(125)));
        let p = plan("a", "b", None, &source("io1", 100), &[]).unwrap();
        assert_eq!(p.get("iops"), Some(&Value::Int(3000)));
        assert!(p.get("storage_throughput").is_none());
    }

    #[test]
    fn overrides_replace_and_are_marked() {
        let p = plan(
            "a",
            "b",
            None,
            &source("gp2", 100),
            &[
                "multi_az=false".into(),
                "db-instance-class=db.t3.large".into(),
            ],
        )
        .unwrap();
        let s = p.settings.iter().find(|s| s.key == "multi_az").unwrap();
        assert_eq!((s.value.clone(), s.overridden), (Value::Bool(false), true));
        assert_eq!(
            p.get("db_instance_class"),
            Some(&Value::Str("db.t3.large".into()))
        );
    }

    #[test]
    fn bad_overrides_list_valid_keys() {
        let e = parse_override("colour=blue").unwrap_err();
        assert!(e.message.contains("unknown --override key `colour`"));
        assert!(e.hint.unwrap().contains("vpc_security_group_ids"));
        assert!(parse_override("multi_az").is_err());
        assert!(parse_override("port=abc")
            .unwrap_err()
            .message
            .contains("integer"));
        assert!(parse_override("multi_az=maybe").is_err());
        assert_eq!(
            parse_override("vpc_security_group_ids=sg-a, sg-b")
                .unwrap()
                .1,
            Value::List(vec!["sg-a".into(), "sg-b".into()])
        );
    }

    #[test]
    fn resume_needs_same_source_and_time() {
        let tags = vec![
            (TAG_RESTORED_FROM.to_string(), "src".to_string()),
            (
                TAG_RESTORE_TIME.to_string(),
                "2023-10-02T10:00:00Z".to_string(),
            ),
        ];
        assert!(same_restore(&tags, "src", "2023-10-02T10:00:00Z"));
        assert!(!same_restore(&tags, "src", "latest"));
        assert!(!same_restore(&tags, "other", "2023-10-02T10:00:00Z"));
        assert!(!same_restore(&[], "src", "latest"));
    }

    #[test]
    fn failed_states() {
        assert!(is_failed_status("incompatible-restore"));
        assert!(is_failed_status("storage-full"));
        assert!(!is_failed_status("creating"));
        assert!(!is_failed_status("available"));
    }
}
