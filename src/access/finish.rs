//! The effects of target resolution, in order: find an RDS instance's or
//! Aurora cluster's endpoint (DescribeDBInstances, DescribeDBClusters; "did
//! you mean" over configured names and the account's instances and clusters
//! when it is not there), follow a CNAME to the RDS
//! endpoint a token must be signed for, ask the session confirmation (before
//! any MFA prompt when the host is already known), load the role's AWS
//! credentials (assume-role, MFA, cache) and mint the IAM token. Touches STS,
//! RDS and DNS.

use chrono::Utc;

use super::policy::{self, Intent};
use super::{Environ, Field, Found, Planned, Resolved};
use crate::aws::credentials::{self, MfaOptions};
use crate::aws::{iam, rds};
use crate::config::AuthMode;
use crate::error::UserError;
use crate::pg::SslMode;
use crate::printer::Printer;

/// Completes a planned target: endpoint known, confirmation decided (and
/// asked for sessions), token in `conn.password` for IAM targets.
pub async fn finish(
    planned: Planned,
    environ: &Environ,
    mfa: &MfaOptions,
    yes: bool,
    printer: &Printer,
) -> anyhow::Result<Resolved> {
    let mut asked = false;
    let ask_session = |p: &Planned| -> anyhow::Result<()> { ask_if_session(p, yes, printer) };
    if !planned.needs_aws() {
        let mut p = planned;
        read_pending(&mut p, environ, None).await?;
        ask_session(&p)?;
        return Ok(done(p, None, None));
    }
    let mut p = planned;
    // The host and user are known: ask before any credential or MFA prompt.
    if p.instance.is_none() && !p.pending.iter().any(|v| v.source.needs_aws()) {
        ask_session(&p)?;
        asked = true;
    }
    // Signing a token needs no HTTP client; looking an instance up does.
    // The signing-only configuration has no HTTP client: only when no AWS API
    // is called (no instance lookup, no value to read, no identity to ask).
    let api_calls = p.instance.is_some()
        || p.pending.iter().any(|v| v.source.needs_aws())
        || p.local_user.is_none();
    let sdk = match credentials::env_only(&p.aws).filter(|_| !api_calls) {
        Some(signing_only) => signing_only,
        None => match credentials::load(&p.aws, mfa, printer).await {
            Ok(sdk) => sdk,
            Err(e) => return Err(with_suggestion(&p, e)),
        },
    };
    if p.aws.region.is_none() {
        p.aws.region = sdk.region().map(|reg| reg.to_string());
    }
    read_pending(&mut p, environ, Some(&sdk)).await?;
    if let Some(id) = p.instance.clone() {
        let profile = p.aws.source_profile.clone().or(p.aws.profile.clone());
        let db = match rds::find_db(&sdk, &id, profile.as_deref(), p.cluster_first).await {
            Ok(Some(db)) => db,
            Ok(None) => return Err(not_found(&p, &sdk, &id).await),
            Err(e) => return Err(with_suggestion(&p, e)),
        };
        let reach = match db {
            rds::Db::Instance(inst) => {
                instance_reach(&p, inst, &sdk, profile.as_deref(), printer).await?
            }
            rds::Db::Cluster(c) => cluster_reach(&p, c)?,
        };
        p.conn.host = reach.address;
        p.conn.port = reach.port;
        if p.conn.dbname.is_empty() {
            p.conn.dbname = reach.db_name.unwrap_or_else(|| "postgres".into());
        }
        p.found = Some(reach.found);
        // The admin role and an RDS-managed master secret: its username and
        // password, with no configuration, when IAM cannot be used.
        let managed = reach.master_user_secret.clone().filter(|_| {
            p.role == super::Role::Admin
                && p.conn.password.is_none()
                && (p.auth == AuthMode::Password || !reach.iam_auth)
        });
        if let Some(arn) = managed {
            read_master_secret(&mut p, environ, &sdk, &arn).await?;
        } else if p.auth == AuthMode::Iam && !reach.iam_auth {
            return Err(reach.iam_disabled.into());
        }
    }
    if p.conn.dbname.is_empty() {
        p.conn.dbname = "postgres".into();
    }
    if p.auth != AuthMode::Iam {
        if !asked {
            ask_session(&p)?;
        }
        return Ok(done(p, None, None));
    }
    // Tokens are signed for the instance endpoint, never a CNAME.
    if !rds::is_rds_host(&p.conn.host) && !p.conn.host.starts_with('/') {
        match rds::canonical_name(&p.conn.host) {
            Some(canon) if rds::is_rds_host(&canon) => {
                printer.status(format!(
                    "{} is a CNAME of {}: connecting to and signing the token for the RDS endpoint",
                    p.conn.host,
                    canon.trim_end_matches('.')
                ));
                p.conn.host = canon.trim_end_matches('.').to_string();
            }
            Some(_) => printer.warn(format!(
                "{} is not an RDS endpoint: the IAM token is signed for that name, and RDS accepts it only if it is the instance's endpoint",
                p.conn.host
            )),
            None => printer.warn(format!(
                "{} does not resolve from here (a private zone?): the IAM token is signed for that name and RDS will refuse it; \
                 set `instance = \"...\"` in the environment so dbtool finds the endpoint, or connect through the endpoint itself",
                p.conn.host
            )),
        }
    }
    if !asked {
        ask_session(&p)?;
    }
    if p.conn.sslmode == SslMode::Require && p.conn.sslrootcert.is_none() {
        printer.warn("no CA bundle configured: TLS is encrypted but the server is not verified (set `ca_bundle` in dbtool.toml)");
    }
    let region = p
        .aws
        .region
        .clone()
        .or_else(|| rds::region_from_host(&p.conn.host))
        .ok_or_else(|| {
            UserError::usage("no AWS region for the IAM token")
                .hint("set `region` in dbtool.toml or AWS_REGION")
        })?;
    let token = iam::token(&sdk, &p.conn.host, p.conn.port, &p.conn.user, &region).await?;
    let expires = Utc::now() + iam::TOKEN_LIFETIME;
    let mut conn = p.conn.clone();
    conn.password = Some(token);
    // Nobody known locally: name the AWS identity in logs instead.
    let who = match &p.local_user {
        Some(_) => None,
        None => crate::aws::caller_identity(&sdk)
            .await
            .ok()
            .map(|id| id.arn.rsplit('/').next().unwrap_or(&id.arn).to_string()),
    };
    let mut r = done(p, Some(expires), who);
    r.conn = conn;
    Ok(r)
}

/// Where a looked-up instance or cluster is reached, and what it allows.
struct Reach {
    address: String,
    port: u16,
    db_name: Option<String>,
    iam_auth: bool,
    master_user_secret: Option<String>,
    /// The error for IAM authentication being off (instance or cluster wording).
    iam_disabled: UserError,
    found: Found,
}

/// An RDS instance: its own endpoint. An Aurora member's IAM setting and
/// master secret are the cluster's.
async fn instance_reach(
    p: &Planned,
    inst: rds::Instance,
    sdk: &aws_config::SdkConfig,
    profile: Option<&str>,
    printer: &Printer,
) -> anyhow::Result<Reach> {
    let id = inst.id.clone();
    if p.cluster_first {
        return Err(UserError::usage(format!(
            "`{id}` is configured as an Aurora `cluster`, but it is an RDS instance{}",
            inst.cluster
                .as_deref()
                .map(|c| format!(" (a member of cluster `{c}`)"))
                .unwrap_or_default()
        ))
        .hint(match &inst.cluster {
            Some(c) => format!("set `cluster = \"{c}\"` in dbtool.toml"),
            None => format!("set `instance = \"{id}\"` instead of `cluster` in dbtool.toml"),
        })
        .into());
    }
    if p.endpoint.is_some() {
        return Err(UserError::usage(format!(
            "--reader: `{id}` is an RDS instance, not an Aurora cluster"
        ))
        .hint(match &inst.cluster {
            Some(c) => format!("`{id}` is a member of Aurora cluster `{c}`: `dbtool connect {c} --reader`, or name the replica instance itself without --reader"),
            None => "leave out --reader: an instance has one endpoint".into(),
        })
        .into());
    }
    if !rds::serves_connections(&inst.status) {
        return Err(UserError::runtime(format!("RDS instance `{id}` is `{}`, not available", inst.status))
            .hint(format!("wait until it is available (`aws rds wait db-instance-available --db-instance-identifier {id}`) and retry"))
            .into());
    }
    let address = inst.address.clone().ok_or_else(|| {
        UserError::runtime(format!("RDS instance `{id}` has no endpoint yet"))
            .hint("it is still being created; retry in a minute")
    })?;
    let mut reach = Reach {
        address,
        port: inst.port.unwrap_or(5432),
        db_name: inst.db_name.clone(),
        iam_auth: inst.iam_auth,
        master_user_secret: inst.master_user_secret.clone(),
        iam_disabled: rds::iam_disabled_error(&id),
        found: Found::Instance {
            id: id.clone(),
            cluster: inst.cluster.clone(),
        },
    };
    if let Some(cid) = &inst.cluster {
        printer.status(format!(
            "`{id}` is an instance of Aurora cluster `{cid}`: connecting to the instance's own endpoint"
        ));
        if let Some(c) = rds::find_cluster(sdk, cid, profile).await? {
            reach.iam_auth = c.iam_auth;
            reach.iam_disabled = rds::cluster_iam_disabled_error(cid);
            reach.db_name = reach.db_name.or(c.db_name);
            reach.master_user_secret = reach.master_user_secret.or(c.master_user_secret);
        }
    }
    Ok(reach)
}

/// An Aurora cluster: the endpoint asked for (the writer by default).
fn cluster_reach(p: &Planned, c: rds::Cluster) -> anyhow::Result<Reach> {
    if let Some(e) = c.unusable() {
        return Err(e.into());
    }
    let endpoint = p.endpoint.clone().unwrap_or(rds::Endpoint::Writer);
    let address = c.address(&endpoint)?;
    Ok(Reach {
        address,
        port: c.port.unwrap_or(5432),
        db_name: c.db_name.clone(),
        iam_auth: c.iam_auth,
        master_user_secret: c.master_user_secret.clone(),
        iam_disabled: rds::cluster_iam_disabled_error(&c.id),
        found: Found::Cluster {
            id: c.id.clone(),
            endpoint,
        },
    })
}

/// Reads the values dbtool.toml names by their source (user, password),
/// with the target's AWS identity. Errors name the key and line that asked.
async fn read_pending(
    p: &mut Planned,
    environ: &Environ,
    sdk: Option<&aws_config::SdkConfig>,
) -> anyhow::Result<()> {
    for v in std::mem::take(&mut p.pending) {
        let value = crate::secrets::fetch(&v.source, environ, sdk)
            .await
            .map_err(|e| UserError::runtime(format!("{}: {}", v.at, e.message)).hint(e.hint))?;
        match v.field {
            Field::User => p.conn.user = value.expose().to_string(),
            Field::Password => p.conn.password = Some(value.expose().to_string()),
        }
    }
    Ok(())
}

fn done(
    p: Planned,
    token_expires: Option<chrono::DateTime<Utc>>,
    aws_user: Option<String>,
) -> Resolved {
    let confirmation = policy::confirmation(&p, p.intent);
    let local_user = p
        .local_user
        .clone()
        .or(aws_user)
        .unwrap_or_else(|| format!("uid{}", nix::unistd::getuid()));
    let mut conn = p.conn.clone();
    let mut r = Resolved {
        planned: p,
        conn: conn.clone(),
        token_expires,
        confirmation,
        local_user,
    };
    if conn.application_name.is_none() {
        conn.application_name = Some(r.application_name());
    }
    r.conn = conn;
    r
}

fn ask_if_session(p: &Planned, yes: bool, printer: &Printer) -> anyhow::Result<()> {
    if p.intent != Intent::Session {
        return Ok(());
    }
    let Some(c) = policy::confirmation(p, Intent::Session) else {
        return Ok(());
    };
    if c.admin {
        printer.warn(format!(
            "{} — connecting as `{}` to {}. Everything you run is logged server-side; prefer readonly.",
            printer.paint(anstyle::AnsiColor::Red, "ADMIN ACCESS"),
            p.conn.shown_user(),
            p.describe()
        ));
    }
    c.ask(
        printer,
        &format!("connect as `{}` to", p.conn.shown_user()),
        &p.describe(),
        &p.conn.dbname,
        yes,
    )
}

/// The master user's credentials from the secret RDS manages for it.
async fn read_master_secret(
    p: &mut Planned,
    environ: &Environ,
    sdk: &aws_config::SdkConfig,
    arn: &str,
) -> anyhow::Result<()> {
    let field = |key: &str| crate::secrets::Source::SecretsManager {
        secretsmanager: arn.to_string(),
        key: Some(key.to_string()),
        version_stage: None,
    };
    let at = format!(
        "the master user secret of `{}` (RDS-managed)",
        p.instance.clone().unwrap_or_default()
    );
    let read = |e: crate::secrets::FetchError| {
        UserError::runtime(format!("{at}: {}", e.message)).hint(e.hint)
    };
    let user = crate::secrets::fetch(&field("username"), environ, Some(sdk))
        .await
        .map_err(read)?;
    let password = crate::secrets::fetch(&field("password"), environ, Some(sdk))
        .await
        .map_err(read)?;
    p.conn.user = user.expose().to_string();
    p.conn.password = Some(password.expose().to_string());
    p.auth = AuthMode::Password;
    p.password =
        super::PasswordSource::Stored(format!("secretsmanager:{arn} (RDS-managed master secret)"));
    Ok(())
}

/// A failed AWS step for a TARGET that may just be a typo of a configured name.
fn with_suggestion(p: &Planned, err: anyhow::Error) -> anyhow::Error {
    match (&p.suggestion, &p.instance) {
        (Some(s), Some(id)) => UserError::usage(format!(
            "unknown target `{id}`: not in dbtool.toml, and looking it up as an RDS instance failed"
        ))
        .source(err)
        .hint(format!("did you mean `{s}`?"))
        .into(),
        _ => err,
    }
}

/// An instance that does not exist: "did you mean" over the configured
/// names and the account's instances.
async fn not_found(p: &Planned, sdk: &aws_config::SdkConfig, id: &str) -> anyhow::Error {
    let mut names: Vec<String> = instance_identifiers(sdk).await;
    if let Some(s) = &p.suggestion {
        names.push(s.clone());
    }
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let region = p.aws.region.clone().unwrap_or_else(|| "?".into());
    let err = UserError::usage(format!(
        "unknown target `{id}`: not in dbtool.toml and no RDS instance or Aurora cluster of that name in {region}"
    ));
    match crate::text::nearest(id, &refs) {
        Some(n) => err.hint(format!("did you mean `{n}`?")),
        None => err.hint("check the name and the region (`region` in dbtool.toml, AWS_REGION); an instance in another account needs --env NAME for that environment's AWS profile"),
    }
    .into()
}

/// The account's instance and cluster identifiers in the region (first
/// 500 of each), for
/// suggestions; empty when they cannot be listed.
async fn instance_identifiers(sdk: &aws_config::SdkConfig) -> Vec<String> {
    let client = aws_sdk_rds::Client::new(sdk);
    let mut out = Vec::new();
    let mut pages = client
        .describe_db_instances()
        .max_records(100)
        .into_paginator()
        .send();
    while let Some(Ok(page)) = pages.next().await {
        out.extend(
            page.db_instances()
                .iter()
                .filter_map(|i| i.db_instance_identifier().map(str::to_string)),
        );
        if out.len() >= 500 {
            break;
        }
    }
    let mut clusters = client
        .describe_db_clusters()
        .max_records(100)
        .into_paginator()
        .send();
    while let Some(Ok(page)) = clusters.next().await {
        out.extend(
            page.db_clusters()
                .iter()
                .filter_map(|c| c.db_cluster_identifier().map(str::to_string)),
        );
        if out.len() >= 1000 {
            break;
        }
    }
    out
}
