//! Which RDS database a snapshot command (or `migrate --snapshot`) is
//! about: a configured environment's `instance`/`cluster`, or an identifier
//! given as TARGET with the AWS identity of `--env`/`default_environment`.
//! Planning is pure; `find` asks RDS what the identifier is.

use serde::Serialize;

use super::Db;
use crate::aws::credentials::AwsSpec;
use crate::aws::rds;
use crate::config::{Config, Environment};
use crate::error::UserError;

/// The database a snapshot is of, before RDS was asked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DbTarget {
    pub id: String,
    /// Configured as an Aurora `cluster`.
    pub cluster_hint: bool,
    #[serde(skip)]
    pub aws: AwsSpec,
    /// The environment it belongs to (or lends its AWS identity).
    pub environment: Option<String>,
    pub production: bool,
}

/// The words of the messages: which command plans a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Snapshot,
    Upgrade,
}

impl Purpose {
    fn why(self) -> &'static str {
        match self {
            Purpose::Snapshot => "snapshots are RDS snapshots",
            Purpose::Upgrade => "upgrades are of RDS instances and Aurora clusters",
        }
    }

    fn example(self) -> &'static str {
        match self {
            Purpose::Snapshot => "`dbtool snapshot create ID`",
            Purpose::Upgrade => "`dbtool upgrade ID plan`",
        }
    }

    fn verb(self) -> &'static str {
        match self {
            Purpose::Snapshot => "snapshot",
            Purpose::Upgrade => "upgrade",
        }
    }
}

fn of_env(
    config: &Config,
    name: &str,
    env: &Environment,
    purpose: Purpose,
) -> Result<DbTarget, UserError> {
    let Some(id) = env.instance.clone().or_else(|| env.cluster.clone()) else {
        let what = if env.sandbox {
            "the local sandbox"
        } else {
            "not an RDS database (no `instance` or `cluster`)"
        };
        return Err(UserError::usage(format!(
            "environment `{name}` is {what}: {}",
            purpose.why()
        ))
        .hint(format!(
            "set `instance = \"ID\"` or `cluster = \"ID\"` in [environments.{name}] (it may keep its `url`/`host` for connections), or name the instance: {}",
            purpose.example()
        )));
    };
    Ok(DbTarget {
        id,
        cluster_hint: env.instance.is_none(),
        aws: AwsSpec::of_environment(Some(config), Some(env)),
        environment: Some(name.to_string()),
        production: env.production,
    })
}

/// Plans the database of TARGET (an environment name, an environment's
/// instance/cluster id, or any identifier) or, without one, of the selected
/// environment (`--env`, DBTOOL_ENV, `default_environment`). Pure.
pub fn plan(
    config: Option<&Config>,
    env_name: Option<&str>,
    target: Option<&str>,
) -> Result<DbTarget, UserError> {
    plan_for(config, env_name, target, Purpose::Snapshot)
}

/// [`plan`], with messages worded for `purpose`'s command. Pure.
pub fn plan_for(
    config: Option<&Config>,
    env_name: Option<&str>,
    target: Option<&str>,
    purpose: Purpose,
) -> Result<DbTarget, UserError> {
    if let (Some(c), Some(t)) = (config, target) {
        if let Some((name, env)) = c.environments.get_key_value(t) {
            return of_env(c, name, env, purpose);
        }
        let owners: Vec<(&String, &Environment)> = c
            .environments
            .iter()
            .filter(|(_, e)| e.instance.as_deref() == Some(t) || e.cluster.as_deref() == Some(t))
            .collect();
        if let [(name, env)] = owners.as_slice() {
            return of_env(c, name, env, purpose);
        }
    }
    if let Some(t) = target {
        if !crate::access::is_instance_identifier(t) {
            return Err(UserError::usage(format!(
                "`{t}` is neither a configured environment nor an RDS instance or cluster identifier"
            ))
            .hint("name an environment of dbtool.toml, or an identifier (letters, digits, hyphens)"));
        }
        let lender = crate::access::selected_environment(config, env_name)?;
        let aws = AwsSpec::of_environment(config, lender.map(|(_, e)| e));
        let environment = lender.map(|(name, _)| name.to_string());
        return Ok(DbTarget {
            id: t.to_string(),
            cluster_hint: false,
            aws,
            environment,
            production: false,
        });
    }
    match (config, crate::access::selected_environment(config, env_name)?) {
        (Some(c), Some((name, env))) => of_env(c, name, env, purpose),
        _ => Err(UserError::usage(format!("no database to {}: name a TARGET", purpose.verb()))
            .hint("an environment of dbtool.toml (with `instance` or `cluster`), or an RDS instance or Aurora cluster identifier; or set `default_environment`")),
    }
}

/// Asks RDS what the identifier is: an instance (not an Aurora member: those
/// are snapshotted with their cluster) or a cluster, and that it can be
/// snapshotted now.
pub async fn find(sdk: &aws_config::SdkConfig, t: &DbTarget) -> anyhow::Result<Db> {
    let id = &t.id;
    match rds::find_db(sdk, id, t.aws.profile.as_deref(), t.cluster_hint).await? {
        None => Err(UserError::runtime(format!(
            "no RDS instance or Aurora cluster `{id}` in {}",
            t.aws.region.as_deref().unwrap_or("this region")
        ))
        .hint("check the identifier and the region (`region` in dbtool.toml or AWS_REGION)")
        .into()),
        Some(rds::Db::Instance(i)) => {
            if let Some(c) = &i.cluster {
                return Err(UserError::usage(format!(
                    "`{id}` is an instance of Aurora cluster `{c}`: Aurora snapshots are of the whole cluster"
                ))
                .hint(format!("snapshot the cluster: `dbtool snapshot create {c}`"))
                .into());
            }
            if i.status == "stopped" || i.status == "stopping" {
                return Err(UserError::runtime(format!(
                    "RDS instance `{id}` is {}: dbtool takes snapshots of running databases only",
                    i.status
                ))
                .hint(format!("start it (`aws rds start-db-instance --db-instance-identifier {id}`) and retry"))
                .into());
            }
            Ok(Db {
                id: id.clone(),
                cluster: false,
            })
        }
        Some(rds::Db::Cluster(c)) => {
            if c.status == "stopped" || c.status == "stopping" {
                return Err(UserError::runtime(format!(
                    "Aurora cluster `{id}` is {}: dbtool takes snapshots of running databases only",
                    c.status
                ))
                .hint(format!(
                    "start it (`aws rds start-db-cluster --db-cluster-identifier {id}`) and retry"
                ))
                .into());
            }
            Ok(Db {
                id: c.id,
                cluster: true,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> Config {
        crate::config::parse(text, "dbtool.toml").unwrap()
    }

    #[test]
    fn environments_identifiers_and_refusals() {
        let c = config(
            "region = \"eu-west-2\"\ndefault_environment = \"prod\"\n\
             [environments.prod]\ninstance = \"notifydb\"\nproduction = true\nprofile = \"p\"\n\
             [environments.fam]\ncluster = \"fam-aurora\"\n\
             [environments.local]\nsandbox = true\n\
             [environments.tunnel]\nurl = \"postgresql://u@127.0.0.1:6543/db\"\ninstance = \"private-db\"\n",
        );
        let t = plan(Some(&c), None, None).unwrap();
        assert_eq!(
            (t.id.as_str(), t.production, t.cluster_hint),
            ("notifydb", true, false)
        );
        assert_eq!(t.aws.profile.as_deref(), Some("p"));
        let t = plan(Some(&c), None, Some("fam-aurora")).unwrap();
        assert_eq!((t.id.as_str(), t.cluster_hint), ("fam-aurora", true));
        assert_eq!(t.environment.as_deref(), Some("fam"));
        let t = plan(Some(&c), None, Some("tunnel")).unwrap();
        assert_eq!(t.id, "private-db");
        // An unconfigured identifier borrows the selected environment's identity.
        let t = plan(Some(&c), None, Some("notifydb-restore")).unwrap();
        assert_eq!(t.aws.profile.as_deref(), Some("p"));
        assert!(!t.production);
        let e = plan(Some(&c), None, Some("local")).unwrap_err();
        assert!(e.message.contains("the local sandbox"), "{}", e.message);
        let e = plan(Some(&c), None, Some("db.example.com")).unwrap_err();
        assert!(
            e.message.contains("neither a configured environment"),
            "{}",
            e.message
        );
        let e = plan(None, None, None).unwrap_err();
        assert!(
            e.message.contains("no database to snapshot"),
            "{}",
            e.message
        );
    }
}
