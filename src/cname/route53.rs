//! The AWS side of `dbtool cname`: Route53 (ListHostedZonesByName,
//! ListResourceRecordSets, ChangeResourceRecordSets, GetChange) and RDS
//! (DescribeDBInstances to name the instance behind each value,
//! AddTagsToResource, StopDBInstance).

use std::time::Duration;

use aws_sdk_route53::types::{
    Change, ChangeAction, ChangeBatch, ChangeStatus, ResourceRecord, ResourceRecordSet, RrType,
};

use super::{normalize, Record};
use crate::aws::error::AwsResultExt;
use crate::aws::{Rds, Route53};
use crate::error::UserError;
use crate::printer::Printer;

/// A hosted zone: its bare id (no `/hostedzone/`) and name.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Zone {
    pub id: String,
    pub name: String,
}

fn bare_id(id: &str) -> String {
    id.trim_start_matches("/hostedzone/").to_string()
}

/// A zone given by id (no dot) or by name (ListHostedZonesByName; several
/// zones of that name are an error listing their ids).
pub async fn resolve_zone(r53: &Route53, zone: &str) -> anyhow::Result<Zone> {
    if !zone.contains('.') {
        let out = r53
            .client
            .get_hosted_zone()
            .id(bare_id(zone))
            .send()
            .await
            .aws(&r53.api)
            .map_err(|e| {
                if e.is("NoSuchHostedZone") {
                    e.user(format!("hosted zone `{zone}` not found"))
                } else {
                    e.user(format!("cannot read hosted zone `{zone}`"))
                }
            })?;
        let z = out
            .hosted_zone()
            .ok_or_else(|| UserError::runtime(format!("hosted zone `{zone}` not found")))?;
        return Ok(Zone {
            id: bare_id(z.id()),
            name: z.name().to_string(),
        });
    }
    let want = normalize(zone);
    let out = r53
        .client
        .list_hosted_zones_by_name()
        .dns_name(&want)
        .send()
        .await
        .aws(&r53.api)
        .map_err(|e| e.user(format!("cannot look up hosted zone `{zone}`")))?;
    let matches: Vec<Zone> = out
        .hosted_zones()
        .iter()
        .filter(|z| normalize(z.name()) == want)
        .map(|z| Zone {
            id: bare_id(z.id()),
            name: z.name().to_string(),
        })
        .collect();
    match matches.len() {
        0 => Err(UserError::runtime(format!("no hosted zone named `{zone}`"))
            .hint("check --zone (or `[environments.X.cname] zone`) and the AWS account")
            .into()),
        1 => Ok(matches.into_iter().next().expect("one zone")),
        _ => {
            let ids: Vec<String> = matches.iter().map(|z| z.id.clone()).collect();
            Err(UserError::usage(format!(
                "several hosted zones are named `{zone}`: {}",
                ids.join(", ")
            ))
            .hint("pass the zone id with --zone (public and private zones can share a name)")
            .into())
        }
    }
}

/// Every record set named `name` in the zone.
pub async fn records(r53: &Route53, zone_id: &str, name: &str) -> anyhow::Result<Vec<Record>> {
    let want = normalize(name);
    let mut out = Vec::new();
    let mut start: Option<(String, Option<RrType>, Option<String>)> =
        Some((want.clone(), None, None));
    let mut pages = 0;
    while let Some((sname, stype, sid)) = start.take() {
        pages += 1;
        let page = r53
            .client
            .list_resource_record_sets()
            .hosted_zone_id(zone_id)
            .start_record_name(sname)
            .set_start_record_type(stype)
            .set_start_record_identifier(sid)
            .send()
            .await
            .aws(&r53.api)
            .map_err(|e| e.user(format!("cannot list the records of zone {zone_id}")))?;
        let mut past = false;
        for r in page.resource_record_sets() {
            if normalize(r.name()) == want {
                out.push(Record {
                    name: r.name().to_string(),
                    rtype: r.r#type().as_str().to_string(),
                    ttl: r.ttl(),
                    set_identifier: r.set_identifier().map(str::to_string),
                    weight: r.weight(),
                    values: r
                        .resource_records()
                        .iter()
                        .map(|v| v.value().to_string())
                        .collect(),
                });
            } else if !out.is_empty() {
                past = true;
            }
        }
        if page.is_truncated() && !past && pages < 50 {
            if let Some(n) = page.next_record_name() {
                start = Some((
                    n.to_string(),
                    page.next_record_type().cloned(),
                    page.next_record_identifier().map(str::to_string),
                ));
            }
        }
    }
    Ok(out)
}

fn to_rrset(r: &Record) -> anyhow::Result<ResourceRecordSet> {
    let mut b = ResourceRecordSet::builder()
        .name(&r.name)
        .r#type(RrType::from(r.rtype.as_str()))
        .set_ttl(r.ttl)
        .set_set_identifier(r.set_identifier.clone())
        .set_weight(r.weight);
    for v in &r.values {
        b = b.resource_records(ResourceRecord::builder().value(v).build()?);
    }
    Ok(b.build()?)
}

/// One atomic ChangeResourceRecordSets batch of UPSERTs; returns the change id.
pub async fn upsert(
    r53: &Route53,
    zone_id: &str,
    records: &[Record],
    comment: &str,
) -> anyhow::Result<String> {
    let mut batch = ChangeBatch::builder().comment(comment);
    for r in records {
        batch = batch.changes(
            Change::builder()
                .action(ChangeAction::Upsert)
                .resource_record_set(to_rrset(r)?)
                .build()?,
        );
    }
    let out = r53
        .client
        .change_resource_record_sets()
        .hosted_zone_id(zone_id)
        .change_batch(batch.build()?)
        .send()
        .await
        .aws(&r53.api)
        .map_err(|e| e.user("ChangeResourceRecordSets failed; nothing was changed"))?;
    Ok(out
        .change_info()
        .map(|c| c.id().to_string())
        .unwrap_or_default())
}

/// Polls GetChange until INSYNC.
pub async fn wait_insync(
    r53: &Route53,
    change_id: &str,
    interval: Duration,
    printer: &Printer,
) -> anyhow::Result<()> {
    let spinner = printer.spinner(format!("waiting for change {change_id} to be INSYNC"));
    loop {
        let out = r53
            .client
            .get_change()
            .id(change_id.trim_start_matches("/change/"))
            .send()
            .await
            .aws(&r53.api)
            .map_err(|e| e.user(format!("GetChange {change_id} failed")))?;
        if out.change_info().map(|c| c.status()) == Some(&ChangeStatus::Insync) {
            spinner.finish_and_clear();
            return Ok(());
        }
        tokio::time::sleep(interval).await;
    }
}

/// An RDS instance or Aurora cluster as `cname` needs it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DbInstanceInfo {
    pub id: String,
    /// The instance's endpoint, or the cluster's writer endpoint.
    pub address: Option<String>,
    pub status: String,
    /// An Aurora cluster (else an RDS instance).
    pub cluster: bool,
    /// A cluster's reader endpoint.
    pub reader_address: Option<String>,
    /// The cluster an instance is a member of.
    pub member_of: Option<String>,
    /// A cluster's writer instance, when it has one.
    pub writer: Option<String>,
    /// The writer instance answers connections (clusters only).
    pub writer_ready: bool,
    pub arn: Option<String>,
}

impl DbInstanceInfo {
    /// "RDS instance" or "Aurora cluster".
    pub fn kind(&self) -> &'static str {
        if self.cluster {
            "Aurora cluster"
        } else {
            "RDS instance"
        }
    }
}

/// The database named `id`: an Aurora cluster before an instance of the
/// same name (a record points at a cluster's writer endpoint, which follows
/// failovers, not at one member). Pure.
pub fn by_id<'a>(dbs: &'a [DbInstanceInfo], id: &str) -> Option<&'a DbInstanceInfo> {
    dbs.iter()
        .find(|d| d.cluster && d.id == id)
        .or_else(|| dbs.iter().find(|d| !d.cluster && d.id == id))
}

/// Every RDS instance and Aurora cluster of the account and region.
pub async fn instances(rds: &Rds) -> anyhow::Result<Vec<DbInstanceInfo>> {
    let mut out = Vec::new();
    let mut marker: Option<String> = None;
    loop {
        let page = rds
            .client
            .describe_db_instances()
            .set_marker(marker.take())
            .send()
            .await
            .aws(&rds.api)
            .map_err(|e| e.user("cannot list RDS instances"))?;
        for i in page.db_instances() {
            out.push(DbInstanceInfo {
                id: i.db_instance_identifier().unwrap_or_default().to_string(),
                address: i.endpoint().and_then(|e| e.address()).map(str::to_string),
                status: i.db_instance_status().unwrap_or("unknown").to_string(),
                arn: i.db_instance_arn().map(str::to_string),
                cluster: false,
                reader_address: None,
                member_of: i.db_cluster_identifier().map(str::to_string),
                writer: None,
                writer_ready: false,
            });
        }
        match page.marker() {
            Some(m) if !m.is_empty() => marker = Some(m.to_string()),
            _ => break,
        }
    }
    loop {
        let page = rds
            .client
            .describe_db_clusters()
            .set_marker(marker.take())
            .send()
            .await
            .aws(&rds.api)
            .map_err(|e| e.user("cannot list Aurora clusters"))?;
        for c in page.db_clusters() {
            let writer = c
                .db_cluster_members()
                .iter()
                .find(|m| m.is_cluster_writer() == Some(true))
                .and_then(|m| m.db_instance_identifier())
                .map(str::to_string);
            let writer_ready = writer.as_deref().is_some_and(|w| {
                out.iter().any(|i: &DbInstanceInfo| {
                    !i.cluster && i.id == w && crate::aws::rds::serves_connections(&i.status)
                })
            });
            out.push(DbInstanceInfo {
                id: c.db_cluster_identifier().unwrap_or_default().to_string(),
                address: c.endpoint().map(str::to_string),
                status: c.status().unwrap_or("unknown").to_string(),
                arn: c.db_cluster_arn().map(str::to_string),
                cluster: true,
                reader_address: c.reader_endpoint().map(str::to_string),
                member_of: None,
                writer,
                writer_ready,
            });
        }
        match page.marker() {
            Some(m) if !m.is_empty() => marker = Some(m.to_string()),
            _ => break,
        }
    }
    Ok(out)
}

/// The instance or cluster whose endpoint (a cluster's writer or reader
/// endpoint) is `value`. Pure.
pub fn owner<'a>(instances: &'a [DbInstanceInfo], value: &str) -> Option<&'a DbInstanceInfo> {
    let is = |a: &Option<String>| {
        a.as_deref()
            .is_some_and(|a| normalize(a) == normalize(value))
    };
    instances
        .iter()
        .find(|i| is(&i.address))
        .or_else(|| instances.iter().find(|i| is(&i.reader_address)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owner_matches_endpoints_loosely() {
        let list = vec![DbInstanceInfo {
            id: "notifydb".into(),
            address: Some("notifydb.abc.eu-west-2.rds.amazonaws.com".into()),
            status: "available".into(),
            arn: None,
            cluster: false,
            reader_address: None,
            member_of: None,
            writer: None,
            writer_ready: false,
        }];
        assert_eq!(
            owner(&list, "NotifyDB.abc.eu-west-2.rds.amazonaws.com.").map(|i| i.id.as_str()),
            Some("notifydb")
        );
        assert!(owner(&list, "other.example").is_none());
        assert_eq!(bare_id("/hostedzone/Z123"), "Z123");
    }
}
