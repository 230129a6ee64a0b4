//! The AWS side of `dbtool cname`: Route53 (ListHostedZonesByName,
//! ListResourceRecordSets, ChangeResourceRecordSets, GetChange) and RDS
//! (DescribeDBInstances to name the instance behind each value,
//! AddTagsToResource, StopDBInstance).

use std::time::Duration;

use aws_sdk_route53::types::{
    Change, ChangeAction, ChangeBatch, ChangeStatus, ResourceRecord, ResourceRecordSet, RrType,
};

use super::{normalize, Record};
use crate::error::UserError;
use crate::printer::Printer;

fn r53_err<E>(what: impl Into<String>, e: aws_sdk_route53::error::SdkError<E>) -> anyhow::Error
where
    E: std::error::Error + Send + Sync + 'static,
{
    UserError::runtime(what.into())
        .source(anyhow::anyhow!(
            "{}",
            aws_sdk_route53::error::DisplayErrorContext(e)
        ))
        .into()
}

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
pub async fn resolve_zone(r53: &aws_sdk_route53::Client, zone: &str) -> anyhow::Result<Zone> {
    if !zone.contains('.') {
        let out = r53
            .get_hosted_zone()
            .id(bare_id(zone))
            .send()
            .await
            .map_err(|e| r53_err(format!("hosted zone `{zone}` not found"), e))?;
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
        .list_hosted_zones_by_name()
        .dns_name(&want)
        .send()
        .await
        .map_err(|e| r53_err("ListHostedZonesByName failed", e))?;
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
pub async fn records(
    r53: &aws_sdk_route53::Client,
    zone_id: &str,
    name: &str,
) -> anyhow::Result<Vec<Record>> {
    let want = normalize(name);
    let mut out = Vec::new();
    let mut start: Option<(String, Option<RrType>, Option<String>)> =
        Some((want.clone(), None, None));
    let mut pages = 0;
    while let Some((sname, stype, sid)) = start.take() {
        pages += 1;
        let page = r53
            .list_resource_record_sets()
            .hosted_zone_id(zone_id)
            .start_record_name(sname)
            .set_start_record_type(stype)
            .set_start_record_identifier(sid)
            .send()
            .await
            .map_err(|e| r53_err(format!("cannot list the records of zone {zone_id}"), e))?;
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
    r53: &aws_sdk_route53::Client,
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
        .change_resource_record_sets()
        .hosted_zone_id(zone_id)
        .change_batch(batch.build()?)
        .send()
        .await
        .map_err(|e| r53_err("ChangeResourceRecordSets failed; nothing was changed", e))?;
    Ok(out
        .change_info()
        .map(|c| c.id().to_string())
        .unwrap_or_default())
}

/// Polls GetChange until INSYNC.
pub async fn wait_insync(
    r53: &aws_sdk_route53::Client,
    change_id: &str,
    interval: Duration,
    printer: &Printer,
) -> anyhow::Result<()> {
    let spinner = printer.spinner(format!("waiting for change {change_id} to be INSYNC"));
    loop {
        let out = r53
            .get_change()
            .id(change_id.trim_start_matches("/change/"))
            .send()
            .await
            .map_err(|e| r53_err(format!("GetChange {change_id} failed"), e))?;
        if out.change_info().map(|c| c.status()) == Some(&ChangeStatus::Insync) {
            spinner.finish_and_clear();
            return Ok(());
        }
        tokio::time::sleep(interval).await;
    }
}

/// An RDS instance as `cname` needs it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DbInstanceInfo {
    pub id: String,
    pub address: Option<String>,
    pub status: String,
    pub arn: Option<String>,
}

/// Every RDS instance of the account and region.
pub async fn instances(rds: &aws_sdk_rds::Client) -> anyhow::Result<Vec<DbInstanceInfo>> {
    let mut out = Vec::new();
    let mut marker: Option<String> = None;
    loop {
        let page = rds
            .describe_db_instances()
            .set_marker(marker.take())
            .send()
            .await
            .map_err(|e| {
                UserError::runtime("cannot list RDS instances").source(anyhow::anyhow!(
                    "{}",
                    aws_sdk_rds::error::DisplayErrorContext(e)
                ))
            })?;
        for i in page.db_instances() {
            out.push(DbInstanceInfo {
                id: i.db_instance_identifier().unwrap_or_default().to_string(),
                address: i.endpoint().and_then(|e| e.address()).map(str::to_string),
                status: i.db_instance_status().unwrap_or("unknown").to_string(),
                arn: i.db_instance_arn().map(str::to_string),
            });
        }
        match page.marker() {
            Some(m) if !m.is_empty() => marker = Some(m.to_string()),
            _ => break,
        }
    }
    Ok(out)
}

/// The instance whose endpoint is `value`. Pure.
pub fn owner<'a>(instances: &'a [DbInstanceInfo], value: &str) -> Option<&'a DbInstanceInfo> {
    instances.iter().find(|i| {
        i.address
            .as_deref()
            .is_some_and(|a| normalize(a) == normalize(value))
    })
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
        }];
        assert_eq!(
            owner(&list, "NotifyDB.abc.eu-west-2.rds.amazonaws.com.").map(|i| i.id.as_str()),
            Some("notifydb")
        );
        assert!(owner(&list, "other.example").is_none());
        assert_eq!(bare_id("/hostedzone/Z123"), "Z123");
    }
}
