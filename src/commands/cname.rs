//! `dbtool cname show|switch`: show the database CNAME (Route53) and the RDS
//! instance or Aurora cluster behind each value; switch it to a restored one
//! carefully (check, confirm, one atomic batch, INSYNC, TTL wait, open
//! connections on the old database, optional stop), or roll back. Touches Route53, RDS,
//! PostgreSQL (SELECT 1, pg_stat_activity) and
//! `$XDG_STATE_HOME/dbtool/cname-history.jsonl`.

use std::time::Duration;

use chrono::Utc;
use serde_json::json;

use crate::access::{Intent, Role};
use crate::aws::credentials::{self, AwsSpec, MfaOptions};
use crate::aws::error::AwsResultExt;
use crate::cname::route53::{self, DbInstanceInfo, Zone};
use crate::cname::{self as domain, Record, Shape, SwitchPlan, SwitchRecord};
use crate::context::Context;
use crate::error::{ExitStatus, UserError};

#[derive(Debug, clap::Args)]
pub struct CnameArgs {
    #[command(subcommand)]
    pub command: CnameCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum CnameCommand {
    /// Show the record, its value(s) and the RDS instance or Aurora cluster behind each
    Show(ShowArgs),
    /// Point the record at another RDS instance or Aurora cluster (default: the latest `dbtool restore` target)
    Switch(SwitchArgs),
}

/// Which record.
#[derive(Debug, Clone, clap::Args)]
pub struct RecordArgs {
    /// Route53 hosted zone, by id or name (default: `[environments.X.cname] zone`)
    #[arg(long, value_name = "ZONE")]
    pub zone: Option<String>,

    /// Record name, e.g. db.example.internal (default: `[environments.X.cname] record`)
    #[arg(long, value_name = "NAME")]
    pub record: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    #[command(flatten)]
    pub record: RecordArgs,
}

#[derive(Debug, clap::Args)]
pub struct SwitchArgs {
    #[command(flatten)]
    pub record: RecordArgs,

    /// RDS instance or Aurora cluster (its writer endpoint) to point at (default: the most recent `dbtool restore` target of the configured source)
    #[arg(long, value_name = "ID", conflicts_with = "rollback")]
    pub to: Option<String>,

    /// Show what would change and change nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Confirm without asking
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// Stop the old instance or cluster afterwards so its remaining connections end (asks first)
    #[arg(long)]
    pub stop_old: bool,

    /// With --stop-old: take a snapshot of the old instance as it stops (not for Aurora clusters)
    #[arg(long, requires = "stop_old")]
    pub snapshot: bool,

    /// Do not wait the record's TTL after the change
    #[arg(long)]
    pub no_wait_ttl: bool,

    /// Skip the SELECT 1 on the new instance (for machines with no network path into the VPC)
    #[arg(long)]
    pub skip_connect_check: bool,

    /// For weighted records: percent of the traffic for the new instance (default 100; the rest to the others)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(0..=100))]
    pub weight: Option<u8>,

    /// Restore the value the record had before the last switch
    #[arg(long)]
    pub rollback: bool,

    /// Connection URL of the old database (e.g. through a tunnel) for the open-connection report
    #[arg(long, value_name = "URL")]
    pub old_url: Option<String>,

    /// How often to poll Route53 while waiting, e.g. 5s
    #[arg(long, value_name = "DURATION", env = crate::env_vars::DBTOOL_POLL_INTERVAL, value_parser = crate::text::parse_interval)]
    pub poll_interval: Option<Duration>,
}

struct Setup {
    aws: AwsSpec,
    zone: String,
    record: String,
    source: Option<String>,
    poll: Option<Duration>,
}

fn setup(ctx: &Context, args: &RecordArgs) -> Result<Setup, UserError> {
    let env = ctx.environment()?.map(|(_, e)| e);
    let cname = env.and_then(|e| e.cname.clone());
    let zone = args
        .zone
        .clone()
        .or(cname.as_ref().map(|c| c.zone.clone()))
        .ok_or_else(|| {
            UserError::usage("no hosted zone: pass --zone")
                .hint("or set `[environments.X.cname] zone` in dbtool.toml")
        })?;
    let record = args
        .record
        .clone()
        .or(cname.as_ref().map(|c| c.record.clone()))
        .ok_or_else(|| {
            UserError::usage("no record name: pass --record")
                .hint("or set `[environments.X.cname] record` in dbtool.toml")
        })?;
    Ok(Setup {
        aws: AwsSpec::of_environment(ctx.config(), env),
        zone,
        record,
        source: env.and_then(|e| {
            e.restore
                .as_ref()
                .and_then(|r| r.source.clone())
                .or(e.instance.clone())
        }),
        poll: env
            .and_then(|e| e.restore.as_ref())
            .and_then(|r| r.poll_interval),
    })
}

pub async fn run(ctx: &Context, args: &CnameArgs) -> anyhow::Result<ExitStatus> {
    match &args.command {
        CnameCommand::Show(a) => show(ctx, a).await,
        CnameCommand::Switch(a) => switch(ctx, a).await,
    }
}

struct Clients {
    r53: crate::aws::Route53,
    rds: crate::aws::Rds,
}

async fn clients(ctx: &Context, s: &Setup) -> anyhow::Result<Clients> {
    let sdk = credentials::load(&s.aws, &MfaOptions::default(), &ctx.printer).await?;
    let profile = s.aws.profile.as_deref();
    Ok(Clients {
        r53: crate::aws::Route53::new(&sdk, profile),
        rds: crate::aws::Rds::new(&sdk, profile),
    })
}

async fn show(ctx: &Context, args: &ShowArgs) -> anyhow::Result<ExitStatus> {
    let s = setup(ctx, &args.record)?;
    let c = clients(ctx, &s).await?;
    let zone = route53::resolve_zone(&c.r53, &s.zone).await?;
    let records = route53::records(&c.r53, &zone.id, &s.record).await?;
    let shape = domain::classify(&s.record, &records)?;
    let instances = route53::instances(&c.rds).await?;
    let rows_data: Vec<(Record, Option<&DbInstanceInfo>)> = shape
        .records()
        .into_iter()
        .map(|r| {
            let o = route53::owner(&instances, r.value());
            (r, o)
        })
        .collect();
    let kind = match shape {
        Shape::Simple(_) => "simple",
        Shape::Weighted(_) => "weighted",
    };
    if ctx.printer.is_json() {
        let recs: Vec<_> = rows_data
            .iter()
            .map(|(r, o)| {
                json!({
                    "type": r.rtype, "ttl": r.ttl, "set_identifier": r.set_identifier,
                    "weight": r.weight, "values": r.values,
                    "instance": o.map(|i| i.id.clone()), "status": o.map(|i| i.status.clone()),
                    "kind": o.map(|i| if i.cluster { "aurora-cluster" } else { "rds-instance" }),
                })
            })
            .collect();
        ctx.printer.json(&json!({
            "zone": zone, "record": domain::normalize(&s.record), "routing": kind, "records": recs,
        }))?;
        return Ok(ExitStatus::Success);
    }
    ctx.printer
        .data(format!("zone:    {} ({})", zone.name, zone.id));
    ctx.printer.data(format!(
        "record:  {} ({kind} CNAME)",
        domain::normalize(&s.record)
    ));
    let mut rows = vec![vec![
        "SET-ID".to_string(),
        "WEIGHT".into(),
        "TTL".into(),
        "VALUE".into(),
        "INSTANCE".into(),
        "STATUS".into(),
    ]];
    for (r, o) in &rows_data {
        rows.push(vec![
            r.set_identifier.clone().unwrap_or_else(|| "-".into()),
            r.weight
                .map(|w| w.to_string())
                .unwrap_or_else(|| "-".into()),
            r.ttl.map(|t| t.to_string()).unwrap_or_else(|| "-".into()),
            r.values.join(","),
            o.map(|i| {
                if i.cluster {
                    format!("{} (Aurora cluster)", i.id)
                } else {
                    i.id.clone()
                }
            })
            .unwrap_or_else(|| "(not an RDS instance or Aurora cluster here)".into()),
            o.map(|i| i.status.clone()).unwrap_or_else(|| "-".into()),
        ]);
    }
    ctx.printer.table(&rows);
    Ok(ExitStatus::Success)
}

fn step(ctx: &Context, n: u32, text: impl std::fmt::Display) {
    ctx.printer.status(format!("[{n}/6] {text}"));
}

async fn switch(ctx: &Context, args: &SwitchArgs) -> anyhow::Result<ExitStatus> {
    let s = setup(ctx, &args.record)?;
    let interval = args
        .poll_interval
        .or(s.poll)
        .unwrap_or(Duration::from_secs(5));
    let c = clients(ctx, &s).await?;
    let zone = route53::resolve_zone(&c.r53, &s.zone).await?;
    let records = route53::records(&c.r53, &zone.id, &s.record).await?;
    let shape = domain::classify(&s.record, &records)?;
    let instances = route53::instances(&c.rds).await?;

    // What to point at, and the plan.
    let (target_id, plan) = if args.rollback {
        let history = domain::history();
        let last = domain::last_switch(&history, &zone.id, &s.record).ok_or_else(|| {
            UserError::usage(format!(
                "no earlier switch of `{}` recorded in {}",
                s.record,
                domain::history_path().display()
            ))
        })?;
        let plan = domain::plan_rollback(&shape, &last.before)?;
        let value = domain::main_value(&last.before).unwrap_or_default();
        let id = route53::owner(&instances, &value)
            .map(|i| i.id.clone())
            .ok_or_else(|| {
                UserError::runtime(format!(
                    "the previous value {value} is not the endpoint of an RDS instance or Aurora cluster in this account and region"
                ))
                .hint("roll back in Route53 directly")
            })?;
        (id, plan)
    } else {
        let id = match &args.to {
            Some(id) => id.clone(),
            None => crate::restore::latest_target(&crate::restore::logged_restores(), s.source.as_deref())
                .ok_or_else(|| {
                    UserError::usage("no target instance: pass --to ID")
                        .hint("dbtool remembers the targets of `dbtool restore` run on this machine; none was found")
                })?,
        };
        let inst = route53::by_id(&instances, &id).ok_or_else(|| {
            UserError::runtime(format!(
                "no RDS instance or Aurora cluster `{id}`; nothing was changed"
            ))
            .hint("check the identifier and the region (`region` in dbtool.toml or AWS_REGION)")
        })?;
        let endpoint = inst.address.clone().ok_or_else(|| {
            UserError::runtime(format!(
                "`{id}` has no endpoint yet (status {})",
                inst.status
            ))
        })?;
        let plan = domain::plan_switch(&shape, &endpoint, &id, args.weight)?;
        (id, plan)
    };
    let losing_owners: Vec<&DbInstanceInfo> = domain::values_losing_traffic(&plan)
        .iter()
        .filter_map(|v| route53::owner(&instances, v))
        .collect();
    let old_clusters = losing_owners.iter().any(|o| o.cluster);
    if args.stop_old {
        if let Some(m) = losing_owners.iter().find(|o| o.member_of.is_some()) {
            let c = m.member_of.as_deref().unwrap_or_default();
            return Err(UserError::usage(format!(
                "--stop-old: the old value is the endpoint of `{}`, a member instance of Aurora cluster `{c}`; Aurora stops whole clusters; nothing was changed",
                m.id
            ))
            .hint(format!("switch without --stop-old, then stop the cluster if it is meant: `aws rds stop-db-cluster --db-cluster-identifier {c}`"))
            .into());
        }
    }
    if args.snapshot && old_clusters {
        return Err(UserError::usage(
            "--snapshot: an Aurora cluster takes no snapshot as it stops (StopDBCluster has no such option); nothing was changed",
        )
        .hint("take one first with `aws rds create-db-cluster-snapshot`, then run without --snapshot")
        .into());
    }
    // The target by the value the plan points at (a cluster's writer endpoint
    // or an instance's), else by its name.
    let mut target = domain::main_value(&plan.after)
        .and_then(|v| route53::owner(&instances, &v).filter(|i| i.id == target_id))
        .or_else(|| route53::by_id(&instances, &target_id))
        .cloned()
        .ok_or_else(|| {
            UserError::runtime(format!("no RDS instance or Aurora cluster `{target_id}`"))
        })?;

    // 1. The target is available and accepts a connection. Rolling back to
    // an instance that `--stop-old` stopped starts it first (asking).
    step(ctx, 1, format!("checking `{}`", target.id));
    let mut ready = target.status == "available";
    if !ready && args.rollback && matches!(target.status.as_str(), "stopped" | "starting") {
        match start_for_rollback(ctx, &c, &target, args, interval).await? {
            Started::Ready(t) => {
                target = t;
                ready = true;
            }
            Started::DryRun => {}
            Started::Interrupted => return Ok(ExitStatus::Code(130)),
        }
    } else if !ready {
        let hint = if target.status == "stopped" && target.cluster {
            format!(
                "start it (`aws rds start-db-cluster --db-cluster-identifier {id}`), wait until it is available, then switch again",
                id = target.id
            )
        } else if target.status == "stopped" {
            format!(
                "start it (`aws rds start-db-instance --db-instance-identifier {id}`), wait until it is available, then switch again",
                id = target.id
            )
        } else {
            format!(
                "wait for it: dbtool restore --wait-only --target {}",
                target.id
            )
        };
        return Err(UserError::runtime(format!(
            "`{}` is `{}`, not available; nothing was changed",
            target.id, target.status
        ))
        .hint(hint)
        .into());
    }
    // A cluster answers only through a writer instance: one that is
    // available, whatever --skip-connect-check says.
    if ready && target.cluster && !target.writer_ready {
        let why = match &target.writer {
            None => "it has no writer instance".to_string(),
            Some(w) => {
                let status = instances
                    .iter()
                    .find(|i| !i.cluster && i.id == *w)
                    .map(|i| i.status.clone())
                    .unwrap_or_else(|| "missing".into());
                format!("its writer instance `{w}` is `{status}`")
            }
        };
        return Err(UserError::runtime(format!(
            "Aurora cluster `{}` cannot answer on its endpoint: {why}; nothing was changed",
            target.id
        ))
        .hint(format!(
            "wait for its instances (`dbtool restore --wait-only --target {}` creates missing ones and waits), then switch again",
            target.id
        ))
        .into());
    }
    if !ready {
        // Dry run of a rollback to a stopped instance: nothing to connect to yet.
    } else if args.skip_connect_check {
        ctx.printer
            .warn("--skip-connect-check: not checking that the new instance accepts connections");
    } else {
        select_one(ctx, &target.id).await?;
        ctx.printer
            .success(format!("`{}` is available and answers SELECT 1", target.id));
    }

    // 2. Show the change and confirm.
    let ttl = plan.ttl();
    step(
        ctx,
        2,
        format!("change to {} (TTL {ttl}s):", domain::normalize(&s.record)),
    );
    print_change(ctx, &plan);
    if ctx.printer.is_json() {
        ctx.printer.json(&json!({
            "zone": zone, "record": domain::normalize(&s.record), "target": target.id,
            "rollback": args.rollback, "dry_run": args.dry_run,
            "before": plan.before, "after": plan.after, "upserts": plan.upserts, "ttl": ttl,
        }))?;
    }
    if args.dry_run {
        ctx.printer.status("dry run: nothing was changed");
        return Ok(ExitStatus::Success);
    }
    crate::prompt::confirm(
        &ctx.printer,
        &format!("Point {} at `{}`?", domain::normalize(&s.record), target.id),
        args.yes,
    )?;

    // 3. One atomic batch.
    let comment = format!(
        "dbtool cname switch{} to {}",
        if args.rollback { " --rollback" } else { "" },
        target.id
    );
    let change = route53::upsert(&c.r53, &zone.id, &plan.upserts, &comment).await?;
    let switched_at = Utc::now();
    step(
        ctx,
        3,
        format!(
            "changed in one batch ({} record set(s)), change {change}",
            plan.upserts.len()
        ),
    );
    record_switch(ctx, &c, &zone, &s.record, &target, &plan, args.rollback).await;

    // From here the record is switched: Ctrl-C stops the waiting, says what
    // was done and skipped, and what to run next.
    let interrupted = |from: u32| {
        let skipped = if from == 6 {
            "step 6 skipped".to_string()
        } else {
            format!("steps {from}–6 skipped")
        };
        ctx.printer.warn(format!(
            "interrupted: record switched at {} (change {change}); {skipped}",
            switched_at.format("%Y-%m-%dT%H:%M:%SZ")
        ));
        if from <= 4 {
            ctx.printer.status(
                "  not confirmed INSYNC yet: Route53 applies the change on its own within a minute",
            );
        }
        if from <= 5 {
            ctx.printer.status(format!(
                "  the TTL ({ttl}s) was not waited: resolvers may answer the old value until it passes"
            ));
        }
        ctx.printer
            .status("  connections still open on the old instance were not reported");
        if args.stop_old {
            ctx.printer.status("  the old instance was not stopped");
        }
        let which = format!(
            "--zone {} --record {}",
            s.zone,
            domain::normalize(&s.record).trim_end_matches('.')
        );
        ctx.printer
            .hint(format!("see the record now: `dbtool cname show {which}`"));
        ctx.printer.hint(format!(
            "undo the switch: `dbtool cname switch --rollback {which}`"
        ));
        Ok(ExitStatus::Code(130))
    };
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);

    // 4. INSYNC.
    tokio::select! {
        r = route53::wait_insync(&c.r53, &change, interval, &ctx.printer) => r?,
        _ = &mut ctrl_c => return interrupted(4),
    }
    step(ctx, 4, "the change is INSYNC on Route53's name servers");

    // 5. TTL.
    if args.no_wait_ttl {
        step(
            ctx,
            5,
            format!("not waiting the TTL ({ttl}s): resolvers may answer the old value until then"),
        );
    } else {
        step(
            ctx,
            5,
            format!(
                "waiting the TTL ({ttl}s) so resolvers drop the old answer (Ctrl-C stops waiting)"
            ),
        );
        tokio::select! {
            _ = countdown(ctx, ttl) => {}
            _ = &mut ctrl_c => return interrupted(5),
        }
    }

    // 6. Connections still on the old instance(s).
    let losing = domain::values_losing_traffic(&plan);
    let old: Vec<DbInstanceInfo> = losing
        .iter()
        .filter_map(|v| route53::owner(&instances, v).cloned())
        .collect();
    step(ctx, 6, "connections still open on the old instance");
    if old.is_empty() && args.old_url.is_none() {
        ctx.printer
            .status("  no old RDS instance or Aurora cluster loses traffic with this change");
    }
    let report = async {
        if let Some(url) = &args.old_url {
            report_connections(ctx, old.first().map(|i| i.id.as_str()), Some(url)).await;
        } else {
            for o in &old {
                report_connections(ctx, Some(&o.id), None).await;
            }
        }
    };
    tokio::select! {
        _ = report => {}
        _ = &mut ctrl_c => return interrupted(6),
    }
    if args.stop_old {
        for o in &old {
            ctx.printer.warn(format!(
                "a stopped {} starts again by itself after 7 days: delete `{}` or stop it again before then",
                o.kind(),
                o.id
            ));
            crate::prompt::confirm(
                &ctx.printer,
                &format!("Stop the old {} `{}`?", o.kind(), o.id),
                args.yes,
            )?;
            if o.cluster {
                c.rds
                    .client
                    .stop_db_cluster()
                    .db_cluster_identifier(&o.id)
                    .send()
                    .await
                    .aws(&c.rds.api)
                    .map_err(|e| e.user(format!("StopDBCluster `{}` failed", o.id)))?;
                ctx.printer
                    .success(format!("stopping Aurora cluster `{}`", o.id));
                continue;
            }
            let snapshot = args
                .snapshot
                .then(|| format!("{}-before-stop-{}", o.id, Utc::now().format("%Y%m%d%H%M")));
            c.rds
                .client
                .stop_db_instance()
                .db_instance_identifier(&o.id)
                .set_db_snapshot_identifier(snapshot.clone())
                .send()
                .await
                .aws(&c.rds.api)
                .map_err(|e| e.user(format!("StopDBInstance `{}` failed", o.id)))?;
            match snapshot {
                Some(sn) => ctx
                    .printer
                    .success(format!("stopping `{}` (snapshot {sn})", o.id)),
                None => ctx.printer.success(format!("stopping `{}`", o.id)),
            }
        }
    } else if !old.is_empty() {
        ctx.printer.hint(
            "DNS does not end open connections: stop the old instance (--stop-old) or restart the applications",
        );
    }
    ctx.printer.success(format!(
        "{} now points at `{}`",
        domain::normalize(&s.record),
        target.id
    ));
    if !args.rollback {
        ctx.printer
            .hint("undo with `dbtool cname switch --rollback`; then import the change into Terraform state");
    }
    Ok(ExitStatus::Success)
}

/// How starting a stopped instance for a rollback ended.
enum Started {
    /// Available now, with its current endpoint.
    Ready(DbInstanceInfo),
    /// `--dry-run`: said what would happen, did nothing.
    DryRun,
    /// Ctrl-C while waiting: said how to go on.
    Interrupted,
}

/// `--rollback` to an instance that is stopped (e.g. by `--stop-old`):
/// StartDBInstance (after confirming, or `--yes`), then wait until it is
/// available. An instance already `starting` is only waited for.
async fn start_for_rollback(
    ctx: &Context,
    c: &Clients,
    target: &DbInstanceInfo,
    args: &SwitchArgs,
    interval: Duration,
) -> anyhow::Result<Started> {
    let id = &target.id;
    let stopped = target.status == "stopped";
    ctx.printer.status(format!(
        "  `{id}` is {}: it must be running again before the record can point back at it",
        target.status
    ));
    if args.dry_run {
        ctx.printer.status(if stopped {
            format!("dry run: would start `{id}` (StartDBInstance), wait until it is available, then switch back")
        } else {
            format!("dry run: would wait until `{id}` is available, then switch back")
        });
        return Ok(Started::DryRun);
    }
    if stopped && target.cluster {
        crate::prompt::confirm(
            &ctx.printer,
            &format!("Start Aurora cluster `{id}` and switch back once it is available?"),
            args.yes,
        )?;
        c.rds
            .client
            .start_db_cluster()
            .db_cluster_identifier(id)
            .send()
            .await
            .aws(&c.rds.api)
            .map_err(|e| e.user(format!("StartDBCluster `{id}` failed; nothing was changed")))?;
        ctx.printer
            .success(format!("starting Aurora cluster `{id}`"));
    } else if stopped {
        crate::prompt::confirm(
            &ctx.printer,
            &format!("Start `{id}` and switch back once it is available?"),
            args.yes,
        )?;
        c.rds
            .client
            .start_db_instance()
            .db_instance_identifier(id)
            .send()
            .await
            .aws(&c.rds.api)
            .map_err(|e| {
                e.user(format!(
                    "StartDBInstance `{id}` failed; nothing was changed"
                ))
            })?;
        ctx.printer.success(format!("starting `{id}`"));
    }
    ctx.printer.status(format!(
        "waiting for `{id}` to become available (polling every {}; Ctrl-C stops waiting, not the start)",
        humantime::format_duration(interval)
    ));
    if target.cluster {
        return Ok(
            match crate::restore::wait_cluster_available(&c.rds, id, interval, &ctx.printer).await?
            {
                crate::restore::Waited::Available(()) => {
                    let mut t = target.clone();
                    t.status = "available".into();
                    // Its writer instance starts with it: wait for that too.
                    if let Some(w) = &target.writer {
                        match crate::restore::wait_available(&c.rds, w, interval, &ctx.printer)
                            .await?
                        {
                            crate::restore::Waited::Available(_) => t.writer_ready = true,
                            crate::restore::Waited::Interrupted => {
                                ctx.printer.warn(format!(
                                    "stopped waiting; `{id}` keeps starting in AWS; the record was not changed"
                                ));
                                return Ok(Started::Interrupted);
                            }
                        }
                    }
                    ctx.printer
                        .success(format!("Aurora cluster `{id}` is available"));
                    Started::Ready(t)
                }
                crate::restore::Waited::Interrupted => {
                    ctx.printer.warn(format!(
                        "stopped waiting; `{id}` keeps starting in AWS; the record was not changed"
                    ));
                    ctx.printer.hint(
                        "run `dbtool cname switch --rollback` again: it waits for the cluster and then switches back",
                    );
                    Started::Interrupted
                }
            },
        );
    }
    match crate::restore::wait_available(&c.rds, id, interval, &ctx.printer).await? {
        crate::restore::WaitOutcome::Available(inst) => {
            ctx.printer.success(format!("`{id}` is available"));
            Ok(Started::Ready(DbInstanceInfo {
                reader_address: None,
                member_of: target.member_of.clone(),
                writer: None,
                writer_ready: false,
                id: id.clone(),
                address: inst
                    .endpoint()
                    .and_then(|e| e.address())
                    .map(str::to_string)
                    .or_else(|| target.address.clone()),
                status: inst.db_instance_status().unwrap_or("available").to_string(),
                arn: inst
                    .db_instance_arn()
                    .map(str::to_string)
                    .or_else(|| target.arn.clone()),
                cluster: false,
            }))
        }
        crate::restore::WaitOutcome::Interrupted => {
            ctx.printer.warn(format!(
                "stopped waiting; `{id}` keeps starting in AWS; the record was not changed"
            ));
            ctx.printer.hint(
                "run `dbtool cname switch --rollback` again: it waits for the instance and then switches back",
            );
            Ok(Started::Interrupted)
        }
    }
}

/// `SELECT 1` on the instance through the connect machinery (readonly role).
async fn select_one(ctx: &Context, id: &str) -> anyhow::Result<()> {
    let fail = |e: anyhow::Error| -> anyhow::Error {
        UserError::runtime(format!("`{id}` does not accept a connection; nothing was changed"))
            .source(e)
            .hint("check security groups and the readonly role; --skip-connect-check skips this check when this machine has no network path into the VPC")
            .into()
    };
    let mut request = ctx.request_for(id, Intent::Read, Role::Readonly);
    request.force_writer = true;
    let resolved = ctx.resolve(&request, false).await.map_err(fail)?;
    let client = tokio::time::timeout(Duration::from_secs(20), resolved.conn.connect())
        .await
        .map_err(|_| fail(anyhow::anyhow!("timed out after 20 s")))?
        .map_err(fail)?;
    client
        .simple_query("SELECT 1")
        .await
        .map_err(|e| fail(e.into()))?;
    Ok(())
}

/// Client connections on the old database other than dbtool's and rdsadmin's.
async fn report_connections(ctx: &Context, id: Option<&str>, url: Option<&str>) {
    let name = id.unwrap_or("the old database");
    let result: anyhow::Result<Vec<tokio_postgres::Row>> = async {
        let conn = match url {
            Some(u) => crate::pg::ConnInfo::from_url(u).map_err(|e| anyhow::anyhow!("--old-url: {e}"))?,
            None => {
                let request = match id {
                    Some(id) => {
                        let mut r = ctx.request_for(id, Intent::Read, Role::Readonly);
                        r.force_writer = true;
                        r
                    }
                    None => crate::access::Request::new(Intent::Read, Role::Readonly),
                };
                ctx.resolve(&request, false).await?.conn
            }
        };
        let client = tokio::time::timeout(Duration::from_secs(20), conn.connect())
            .await
            .map_err(|_| anyhow::anyhow!("timed out after 20 s"))??;
        Ok(client
            .query(
                "SELECT pid, coalesce(usename, ''), coalesce(datname, ''), coalesce(application_name, ''), \
                 coalesce(client_addr::text, 'local'), coalesce(state, '') \
                 FROM pg_stat_activity \
                 WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() \
                 AND coalesce(usename, '') <> 'rdsadmin' ORDER BY datname, usename, pid",
                &[],
            )
            .await?)
    }
    .await;
    match result {
        Ok(rows) if rows.is_empty() => ctx
            .printer
            .status(format!("  {name}: no client connections open")),
        Ok(rows) => {
            ctx.printer.warn(format!(
                "{name}: {} client connection(s) still open",
                rows.len()
            ));
            for r in rows {
                let pid: i32 = r.get(0);
                let (user, db, app, addr, state): (String, String, String, String, String) =
                    (r.get(1), r.get(2), r.get(3), r.get(4), r.get(5));
                ctx.printer.status(format!(
                    "  pid {pid}  user {user}  db {db}  app {app}  from {addr}  {state}"
                ));
            }
        }
        Err(e) => {
            ctx.printer
                .warn(format!("cannot list the connections on {name}: {e:#}"));
            ctx.printer
                .hint("pass --old-url URL (e.g. through a tunnel) to check the old database");
        }
    }
}

fn print_change(ctx: &Context, plan: &SwitchPlan) {
    for line in domain::describe_records(&plan.before) {
        ctx.printer.status(format!("  old: {line}"));
    }
    for line in domain::describe_records(&plan.after) {
        ctx.printer.status(format!("  new: {line}"));
    }
}

async fn countdown(ctx: &Context, ttl: i64) {
    let spinner = ctx.printer.spinner(format!("{ttl}s left"));
    for left in (1..=ttl).rev() {
        spinner.set_message(format!("waiting the TTL: {left}s left"));
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    spinner.finish_and_clear();
}

/// History file and a tag on the new instance; failures only warn (the DNS
/// change itself succeeded).
async fn record_switch(
    ctx: &Context,
    c: &Clients,
    zone: &Zone,
    record: &str,
    target: &DbInstanceInfo,
    plan: &SwitchPlan,
    rollback: bool,
) {
    let now = Utc::now();
    let entry = SwitchRecord {
        time: now,
        zone_id: zone.id.clone(),
        record: domain::normalize(record),
        to_instance: target.id.clone(),
        before: plan.before.clone(),
        after: plan.after.clone(),
        rollback,
    };
    if let Err(e) = domain::append_history(&entry) {
        ctx.printer.warn(format!(
            "could not record the switch in {}: {e}",
            domain::history_path().display()
        ));
    }
    let Some(arn) = &target.arn else { return };
    let old = domain::main_value(&plan.before).unwrap_or_default();
    let new = domain::main_value(&plan.after).unwrap_or_default();
    let tag = aws_sdk_rds::types::Tag::builder()
        .key(domain::TAG_SWITCH)
        .value(domain::switch_tag_value(now, record, &old, &new))
        .build();
    if let Err(e) = c
        .rds
        .client
        .add_tags_to_resource()
        .resource_name(arn)
        .tags(tag)
        .send()
        .await
        .aws(&c.rds.api)
    {
        ctx.printer.warn(format!(
            "could not tag `{}` with the switch: {e}",
            target.id
        ));
        if let Some(h) = e.hint() {
            ctx.printer.hint(h);
        }
    }
}
