//! Turning a resolved target into a working connection: look up an RDS
//! instance's endpoint (DescribeDBInstances), follow a CNAME to the RDS
//! endpoint the token must be signed for, obtain AWS credentials for the role
//! (assume-role, MFA, cache) and mint the IAM token. Touches STS and RDS; the
//! planning it acts on is `crate::target` (pure).

use chrono::Utc;

use crate::aws::credentials::{self, MfaOptions};
use crate::aws::{iam, rds};
use crate::config::{AuthMode, SslMode};
use crate::error::UserError;
use crate::printer::Printer;
use crate::target::{Resolved, Source};

/// Completes `r` so that `r.conn` can connect: endpoint known, token in
/// `conn.password` for IAM targets. Local targets pass through untouched.
pub async fn finish(
    mut r: Resolved,
    mfa: &MfaOptions,
    printer: &Printer,
) -> anyhow::Result<Resolved> {
    if r.instance.is_none() && r.auth != AuthMode::Iam {
        return Ok(r);
    }
    // Signing a token needs no HTTP client; looking an instance up does.
    let sdk = match credentials::env_only(&r.aws).filter(|_| r.instance.is_none()) {
        Some(signing_only) => signing_only,
        None => credentials::load(&r.aws, mfa, printer).await?,
    };
    if r.aws.region.is_none() {
        r.aws.region = sdk.region().map(|reg| reg.to_string());
    }
    if let Some(id) = r.instance.clone() {
        let inst = rds::describe(&sdk, &id).await?;
        if inst.status != "available" {
            return Err(UserError::runtime(format!("RDS instance `{id}` is `{}`, not available", inst.status))
                .hint("wait until it is available (`aws rds wait db-instance-available --db-instance-identifier ID`) and retry")
                .into());
        }
        let address = inst.address.clone().ok_or_else(|| {
            UserError::runtime(format!("RDS instance `{id}` has no endpoint yet"))
        })?;
        r.conn.host = address;
        r.conn.port = inst.port.unwrap_or(5432);
        if r.conn.dbname.is_empty() {
            r.conn.dbname = inst.db_name.clone().unwrap_or_else(|| "postgres".into());
        }
        if r.source == Source::Instance
            && r.auth == AuthMode::Iam
            && !inst.iam_auth
            && std::env::var_os("PGPASSWORD").is_some()
        {
            r.auth = AuthMode::Password;
        }
        if r.auth == AuthMode::Iam && !inst.iam_auth {
            return Err(rds::iam_disabled_error(&id).into());
        }
    }
    if r.conn.dbname.is_empty() {
        r.conn.dbname = "postgres".into();
    }
    if r.auth != AuthMode::Iam {
        return Ok(r);
    }
    // Tokens are signed for the instance endpoint, never a CNAME.
    if !rds::is_rds_host(&r.conn.host) {
        match rds::canonical_name(&r.conn.host) {
            Some(canon) if rds::is_rds_host(&canon) => {
                printer.status(format!(
                    "{} is a CNAME of {}: connecting to and signing the token for the RDS endpoint",
                    r.conn.host,
                    canon.trim_end_matches('.')
                ));
                r.conn.host = canon.trim_end_matches('.').to_string();
            }
            _ => {}
        }
    }
    if r.conn.sslmode == SslMode::Require && r.conn.sslrootcert.is_none() {
        printer.warn("no CA bundle configured: TLS is encrypted but the server is not verified (set `ca_bundle` in dbtool.toml)");
    }
    let region = r
        .aws
        .region
        .clone()
        .or_else(|| rds::region_from_host(&r.conn.host))
        .ok_or_else(|| {
            UserError::usage("no AWS region for the IAM token")
                .hint("set `region` in dbtool.toml or AWS_REGION")
        })?;
    let token = iam::token(&sdk, &r.conn.host, r.conn.port, &r.conn.user, &region).await?;
    r.conn.password = Some(token);
    r.token_expires = Some(Utc::now() + iam::TOKEN_LIFETIME);
    Ok(r)
}

/// MFA options from the environment (`DBTOOL_MFA_CODE`), for commands without `--mfa-code`.
pub fn mfa_from_env() -> MfaOptions {
    MfaOptions {
        code: std::env::var("DBTOOL_MFA_CODE")
            .ok()
            .filter(|c| !c.is_empty()),
    }
}
