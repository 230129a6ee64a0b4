//! RDS instance and Aurora cluster lookup (DescribeDBInstances,
//! DescribeDBClusters), the choice of a cluster's endpoint, and reading a
//! region from an RDS endpoint host name. Touches the RDS API.

use super::error::AwsResultExt;
use crate::error::UserError;

/// What dbtool needs to know about an instance to connect to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    pub id: String,
    pub address: Option<String>,
    pub port: Option<u16>,
    pub status: String,
    pub iam_auth: bool,
    pub db_name: Option<String>,
    /// The Secrets Manager secret RDS manages for the master user (`ManageMasterUserPassword`).
    pub master_user_secret: Option<String>,
    pub master_username: Option<String>,
    /// The Aurora cluster this instance is a member of.
    pub cluster: Option<String>,
    /// Log types exported to CloudWatch Logs (`EnabledCloudwatchLogsExports`).
    pub log_exports: Vec<String>,
}

/// What dbtool needs to know about an Aurora DB cluster to connect to it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cluster {
    pub id: String,
    pub status: String,
    /// The writer (cluster) endpoint.
    pub endpoint: Option<String>,
    pub reader_endpoint: Option<String>,
    /// Addresses of the cluster's custom endpoints.
    pub custom_endpoints: Vec<String>,
    pub port: Option<u16>,
    pub iam_auth: bool,
    pub db_name: Option<String>,
    pub master_user_secret: Option<String>,
    pub master_username: Option<String>,
    /// `provisioned` (also Serverless v2), `serverless` (v1), …
    pub engine_mode: Option<String>,
    /// Member instances and whether each is the writer.
    pub members: Vec<(String, bool)>,
}

/// Whether an instance or cluster in this state answers connections
/// (`backing-up`, `modifying`, `maintenance`… do; `stopped`, `creating`,
/// `rebooting`, `starting` do not).
pub fn serves_connections(status: &str) -> bool {
    matches!(
        status,
        "available"
            | "backing-up"
            | "modifying"
            | "maintenance"
            | "storage-optimization"
            | "configuring-enhanced-monitoring"
            | "configuring-log-exports"
            | "configuring-iam-database-auth"
            | "renaming"
    )
}

/// An RDS identifier found in the account: an instance or a cluster.
#[derive(Debug, Clone, PartialEq)]
pub enum Db {
    Instance(Instance),
    Cluster(Cluster),
}

/// Which endpoint of an Aurora cluster a connection goes to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "name")]
pub enum Endpoint {
    Writer,
    Reader,
    /// A custom endpoint, by name.
    Custom(String),
}

impl Endpoint {
    /// `writer`, `reader`, or a custom endpoint's name.
    pub fn parse(s: &str) -> Endpoint {
        match s.to_ascii_lowercase().as_str() {
            "writer" => Endpoint::Writer,
            "reader" => Endpoint::Reader,
            _ => Endpoint::Custom(s.to_string()),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Endpoint::Writer => "writer endpoint".into(),
            Endpoint::Reader => "reader endpoint".into(),
            Endpoint::Custom(n) => format!("custom endpoint `{n}`"),
        }
    }
}

impl Cluster {
    /// The address of `endpoint`, or an error naming what the cluster has.
    pub fn address(&self, endpoint: &Endpoint) -> Result<String, UserError> {
        let id = &self.id;
        let missing = || {
            UserError::runtime(format!(
                "Aurora cluster `{id}` has no {} yet",
                endpoint.describe()
            ))
            .hint("it is still being created; retry in a minute")
        };
        match endpoint {
            Endpoint::Writer => self.endpoint.clone().ok_or_else(missing),
            Endpoint::Reader => self.reader_endpoint.clone().ok_or_else(missing),
            Endpoint::Custom(name) => self
                .custom_endpoints
                .iter()
                .find(|a| a.split('.').next().is_some_and(|l| l.eq_ignore_ascii_case(name)))
                .cloned()
                .ok_or_else(|| {
                    let names: Vec<&str> = self
                        .custom_endpoints
                        .iter()
                        .filter_map(|a| a.split('.').next())
                        .collect();
                    UserError::usage(format!(
                        "Aurora cluster `{id}` has no custom endpoint `{name}`"
                    ))
                    .hint(if names.is_empty() {
                        "it has none: use `endpoint = \"writer\"` or `\"reader\"`, or create one with `aws rds create-db-cluster-endpoint`".to_string()
                    } else {
                        format!("its custom endpoints: {}; or `writer`, `reader`", names.join(", "))
                    })
                }),
        }
    }

    /// Why dbtool cannot connect to this cluster, if it cannot.
    pub fn unusable(&self) -> Option<UserError> {
        let id = &self.id;
        if self.engine_mode.as_deref() == Some("serverless") {
            return Some(
                UserError::runtime(format!(
                    "Aurora cluster `{id}` is Aurora Serverless v1 (EngineMode=serverless), which dbtool does not support"
                ))
                .hint("Serverless v1 is end-of-life; upgrade the cluster to Serverless v2 (provisioned engine mode with db.serverless instances)"),
            );
        }
        if !serves_connections(&self.status) {
            return Some(
                UserError::runtime(format!("Aurora cluster `{id}` is `{}`, not available", self.status))
                    .hint(format!("wait until it is available (`aws rds wait db-cluster-available --db-cluster-identifier {id}`) and retry")),
            );
        }
        if self.members.is_empty() {
            return Some(
                UserError::runtime(format!("Aurora cluster `{id}` has no instances: nothing answers on its endpoints"))
                    .hint(format!("add one: `aws rds create-db-instance --db-cluster-identifier {id} --db-instance-identifier {id}-1 --engine aurora-postgresql --db-instance-class db.r6g.large`")),
            );
        }
        None
    }
}

/// The instance, or an error naming it when it does not exist.
pub async fn describe(config: &aws_config::SdkConfig, id: &str) -> anyhow::Result<Instance> {
    find(config, id, None).await?.ok_or_else(|| {
        UserError::runtime(format!("RDS instance `{id}` not found"))
            .hint("check the identifier and the region (`region` in dbtool.toml or AWS_REGION)")
            .into()
    })
}

/// The instance, or `None` when RDS says there is none of that name
/// (DBInstanceNotFound); any other failure is an error.
/// `profile` names the AWS profile in hints.
pub async fn find(
    config: &aws_config::SdkConfig,
    id: &str,
    profile: Option<&str>,
) -> anyhow::Result<Option<Instance>> {
    let rds = super::Rds::new(config, profile);
    let out = match rds
        .client
        .describe_db_instances()
        .db_instance_identifier(id)
        .send()
        .await
        .aws(&rds.api)
    {
        Ok(out) => out,
        Err(e) if e.is("DBInstanceNotFound") => return Ok(None),
        Err(e) => {
            return Err(e
                .user(format!("cannot describe RDS instance `{id}`"))
                .into())
        }
    };
    let Some(inst) = out.db_instances().first() else {
        return Ok(None);
    };
    Ok(Some(Instance {
        id: id.to_string(),
        address: inst
            .endpoint()
            .and_then(|e| e.address())
            .map(str::to_string),
        port: inst.endpoint().and_then(|e| e.port()).map(|p| p as u16),
        status: inst.db_instance_status().unwrap_or("unknown").to_string(),
        iam_auth: inst.iam_database_authentication_enabled().unwrap_or(false),
        db_name: inst.db_name().map(str::to_string),
        master_user_secret: inst
            .master_user_secret()
            .and_then(|m| m.secret_arn())
            .map(str::to_string),
        master_username: inst.master_username().map(str::to_string),
        cluster: inst.db_cluster_identifier().map(str::to_string),
        log_exports: inst
            .enabled_cloudwatch_logs_exports()
            .iter()
            .map(|s| s.to_string())
            .collect(),
    }))
}

/// The cluster, or `None` when RDS says there is none of that name
/// (DBClusterNotFound); any other failure is an error.
pub async fn find_cluster(
    config: &aws_config::SdkConfig,
    id: &str,
    profile: Option<&str>,
) -> anyhow::Result<Option<Cluster>> {
    let rds = super::Rds::new(config, profile);
    let out = match rds
        .client
        .describe_db_clusters()
        .db_cluster_identifier(id)
        .send()
        .await
        .aws(&rds.api)
    {
        Ok(out) => out,
        Err(e) if e.is("DBClusterNotFound") => return Ok(None),
        Err(e) => {
            return Err(e
                .user(format!("cannot describe Aurora cluster `{id}`"))
                .into())
        }
    };
    Ok(out.db_clusters().first().map(|c| cluster_of(id, c)))
}

/// dbtool's view of a DescribeDBClusters entry.
pub fn cluster_of(id: &str, c: &aws_sdk_rds::types::DbCluster) -> Cluster {
    Cluster {
        id: c.db_cluster_identifier().unwrap_or(id).to_string(),
        status: c.status().unwrap_or("unknown").to_string(),
        endpoint: c.endpoint().map(str::to_string),
        reader_endpoint: c.reader_endpoint().map(str::to_string),
        custom_endpoints: c.custom_endpoints().to_vec(),
        port: c.port().map(|p| p as u16),
        iam_auth: c.iam_database_authentication_enabled().unwrap_or(false),
        db_name: c.database_name().map(str::to_string),
        master_user_secret: c
            .master_user_secret()
            .and_then(|m| m.secret_arn())
            .map(str::to_string),
        master_username: c.master_username().map(str::to_string),
        engine_mode: c.engine_mode().map(str::to_string),
        members: c
            .db_cluster_members()
            .iter()
            .filter_map(|m| {
                m.db_instance_identifier()
                    .map(|i| (i.to_string(), m.is_cluster_writer().unwrap_or(false)))
            })
            .collect(),
    }
}

/// An instance or, when there is no instance of that name, a cluster
/// (`cluster_first`: the other way round, for `cluster = "ID"`).
pub async fn find_db(
    config: &aws_config::SdkConfig,
    id: &str,
    profile: Option<&str>,
    cluster_first: bool,
) -> anyhow::Result<Option<Db>> {
    if cluster_first {
        if let Some(c) = find_cluster(config, id, profile).await? {
            return Ok(Some(Db::Cluster(c)));
        }
    }
    if let Some(i) = find(config, id, profile).await? {
        // A writer instance named like its cluster: the name means the
        // cluster (whose endpoint follows failovers).
        if i.cluster.as_deref() == Some(id) {
            if let Some(c) = find_cluster(config, id, profile).await? {
                return Ok(Some(Db::Cluster(c)));
            }
        }
        return Ok(Some(Db::Instance(i)));
    }
    if !cluster_first {
        if let Some(c) = find_cluster(config, id, profile).await? {
            return Ok(Some(Db::Cluster(c)));
        }
    }
    Ok(None)
}
/// Whether a host name is an RDS endpoint.
pub fn is_rds_host(host: &str) -> bool {
    let h = host.trim_end_matches('.').to_ascii_lowercase();
    h.ends_with(".rds.amazonaws.com") || h.ends_with(".rds.amazonaws.com.cn")
}

/// The region in an RDS endpoint: `name.uid.eu-west-2.rds.amazonaws.com` → `eu-west-2`.
pub fn region_from_host(host: &str) -> Option<String> {
    if !is_rds_host(host) {
        return None;
    }
    let labels: Vec<&str> = host.trim_end_matches('.').split('.').collect();
    let i = labels.iter().position(|l| l.eq_ignore_ascii_case("rds"))?;
    (i >= 1).then(|| labels[i - 1].to_string())
}

/// The instance identifier in an RDS endpoint (its first label).
pub fn instance_from_host(host: &str) -> Option<String> {
    is_rds_host(host).then(|| host.split('.').next().unwrap_or_default().to_string())
}

/// The canonical name of `host` as the system resolver reports it (follows
/// CNAMEs), or None when it cannot be resolved.
pub fn canonical_name(host: &str) -> Option<String> {
    use std::ffi::{CStr, CString};
    let c_host = CString::new(host).ok()?;
    let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
    hints.ai_flags = libc::AI_CANONNAME;
    hints.ai_socktype = libc::SOCK_STREAM;
    let mut res: *mut libc::addrinfo = std::ptr::null_mut();
    let rc = unsafe { libc::getaddrinfo(c_host.as_ptr(), std::ptr::null(), &hints, &mut res) };
    if rc != 0 || res.is_null() {
        return None;
    }
    let name = unsafe {
        let p = (*res).ai_canonname;
        let n = if p.is_null() {
            None
        } else {
            Some(CStr::from_ptr(p).to_string_lossy().to_string())
        };
        libc::freeaddrinfo(res);
        n
    };
    name
}

/// The message for a cluster whose IAM database authentication is off.
pub fn cluster_iam_disabled_error(id: &str) -> UserError {
    UserError::runtime(format!("IAM database authentication is disabled on Aurora cluster `{id}`"))
        .hint(format!(
            "enable it in the console (Modify cluster → Database authentication → Password and IAM) or with \
             `aws rds modify-db-cluster --db-cluster-identifier {id} --enable-iam-database-authentication --apply-immediately`"
        ))
}

/// The message for an instance whose IAM database authentication is off.
pub fn iam_disabled_error(id: &str) -> UserError {
    UserError::runtime(format!("IAM database authentication is disabled on RDS instance `{id}`"))
        .hint(format!(
            "enable it in the console (Modify → Database authentication → Password and IAM) or with \
             `aws rds modify-db-instance --db-instance-identifier {id} --enable-iam-database-authentication --apply-immediately`"
        ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_region_and_instance_from_host() {
        let h = "database_name.database_uid.eu-west-2.rds.amazonaws.com";
        assert!(is_rds_host(h));
        assert_eq!(region_from_host(h).as_deref(), Some("eu-west-2"));
        assert_eq!(instance_from_host(h).as_deref(), Some("database_name"));
        assert_eq!(region_from_host("db.example.internal"), None);
        assert_eq!(
            region_from_host("x.y.cn-north-1.rds.amazonaws.com.cn.").as_deref(),
            Some("cn-north-1")
        );
    }

    fn cluster() -> Cluster {
        Cluster {
            id: "fam".into(),
            status: "available".into(),
            endpoint: Some("fam.cluster-abc.eu-west-2.rds.amazonaws.com".into()),
            reader_endpoint: Some("fam.cluster-ro-abc.eu-west-2.rds.amazonaws.com".into()),
            custom_endpoints: vec!["reports.cluster-custom-abc.eu-west-2.rds.amazonaws.com".into()],
            members: vec![("fam-1".into(), true)],
            ..Cluster::default()
        }
    }

    #[test]
    fn cluster_endpoints_by_choice() {
        let c = cluster();
        assert!(c
            .address(&Endpoint::Writer)
            .unwrap()
            .starts_with("fam.cluster-abc"));
        assert!(c
            .address(&Endpoint::Reader)
            .unwrap()
            .starts_with("fam.cluster-ro-"));
        assert!(c
            .address(&Endpoint::parse("reports"))
            .unwrap()
            .starts_with("reports.cluster-custom-"));
        let e = c.address(&Endpoint::parse("report")).unwrap_err();
        assert_eq!(
            e.message,
            "Aurora cluster `fam` has no custom endpoint `report`"
        );
        assert!(e.hint.unwrap().contains("reports"));
        assert!(c.unusable().is_none());
    }

    #[test]
    fn unusable_clusters_say_why() {
        let mut c = cluster();
        c.engine_mode = Some("serverless".into());
        assert!(c.unusable().unwrap().message.contains("Serverless v1"));
        let mut c = cluster();
        c.members.clear();
        assert!(c.unusable().unwrap().message.contains("no instances"));
        let mut c = cluster();
        c.status = "backing-up".into();
        assert!(c.unusable().is_none(), "a cluster backing up still serves");
        c.status = "stopped".into();
        assert!(c
            .unusable()
            .unwrap()
            .message
            .contains("`stopped`, not available"));
    }

    #[test]
    fn localhost_has_a_canonical_name() {
        assert!(canonical_name("localhost").is_some());
        assert_eq!(canonical_name("no-such-host.invalid"), None);
    }
}
