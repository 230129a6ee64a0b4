//! RDS instance lookup (DescribeDBInstances) and reading a region from an RDS
//! endpoint host name. Touches the RDS API.

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
    /// The Aurora cluster the instance belongs to.
    pub cluster: Option<String>,
    /// Log types exported to CloudWatch Logs (`EnabledCloudwatchLogsExports`).
    pub log_exports: Vec<String>,
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

    #[test]
    fn localhost_has_a_canonical_name() {
        assert!(canonical_name("localhost").is_some());
        assert_eq!(canonical_name("no-such-host.invalid"), None);
    }
}
