//! `dbtool upgrade [TARGET] plan|apply|probe`: engine version upgrades of an
//! RDS instance or Aurora cluster, planned from what RDS reports, applied
//! with a confirmation and waited for, with the downtime measured by a probe
//! that opens a fresh connection every 200 ms. Touches RDS, STS (through the
//! credential chain) and, with a probe, the PostgreSQL server probed.

use std::time::Duration;

use chrono::{Local, Utc};
use serde_json::json;

use crate::access::{ConfirmArgs, Intent, Role};
use crate::aws::credentials::{self, MfaOptions};
use crate::aws::rds;
use crate::context::Context;
use crate::error::{ExitStatus, UserError};
use crate::snapshot::target;
use crate::upgrade::{self as domain, plan, probe};

#[derive(Debug, clap::Args)]
pub struct UpgradeArgs {
    /// An environment of dbtool.toml (its `instance` or `cluster`), or an RDS instance or Aurora cluster id
    #[arg(value_name = "TARGET")]
    pub target: Option<String>,

    #[command(subcommand)]
    pub command: UpgradeCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum UpgradeCommand {
    /// Show the engine version, valid upgrade targets, pending maintenance and the maintenance window
    Plan,
    /// Upgrade to --to VERSION now and wait (or --schedule automatic minor upgrades)
    Apply(ApplyArgs),
    /// Measure unavailability: a fresh connection and SELECT 1 every 200 ms for a while
    Probe(ProbeArgs),
}

/// Where a probe connects.
#[derive(Debug, Clone, clap::Args)]
#[group(multiple = false)]
pub struct ProbeTarget {
    /// Probe this PostgreSQL URL through the upgrade
    #[arg(long = "probe", value_name = "URL")]
    pub probe_url: Option<String>,

    /// Probe this target (an environment or any TARGET dbtool connects to) through the upgrade, as readonly
    #[arg(long = "probe-target", value_name = "TARGET")]
    pub probe_target: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ApplyArgs {
    /// The engine version to upgrade to (one of the valid targets `plan` lists)
    #[arg(long, value_name = "VERSION", required_unless_present = "schedule")]
    pub to: Option<String>,

    /// Allow a major version upgrade (AllowMajorVersionUpgrade)
    #[arg(long)]
    pub allow_major: bool,

    /// Turn AutoMinorVersionUpgrade on instead, so the next maintenance window upgrades
    #[arg(long, conflicts_with_all = ["to", "allow_major", "probe_url", "probe_target"])]
    pub schedule: bool,

    #[command(flatten)]
    pub probe: ProbeTarget,

    #[command(flatten)]
    pub confirm: ConfirmArgs,

    /// How often to poll RDS while waiting, e.g. 10s
    #[arg(long, value_name = "DURATION", env = "DBTOOL_POLL_INTERVAL", value_parser = crate::text::parse_interval)]
    pub poll_interval: Option<Duration>,
}

#[derive(Debug, clap::Args)]
pub struct ProbeArgs {
    /// The PostgreSQL URL to probe
    #[arg(
        long,
        value_name = "URL",
        conflicts_with = "target",
        required_unless_present = "target"
    )]
    pub url: Option<String>,

    /// The target to probe (an environment or any TARGET dbtool connects to), as readonly
    #[arg(long, value_name = "TARGET")]
    pub target: Option<String>,

    /// How long to probe, e.g. 30s
    #[arg(long = "for", value_name = "DURATION", default_value = "10s", value_parser = crate::text::parse_interval)]
    pub duration: Duration,
}

pub async fn run(ctx: &Context, args: &UpgradeArgs) -> anyhow::Result<ExitStatus> {
    match &args.command {
        UpgradeCommand::Plan => run_plan(ctx, args.target.as_deref()).await,
        UpgradeCommand::Apply(a) => apply(ctx, args.target.as_deref(), a).await,
        UpgradeCommand::Probe(a) => {
            if args.target.is_some() {
                return Err(UserError::usage(
                    "`upgrade probe` takes --target or --url, not TARGET before it",
                )
                .hint("e.g. `dbtool upgrade probe --target staging --for 30s`")
                .into());
            }
            run_probe(ctx, a).await
        }
    }
}

/// TARGET's database, its RDS client, and whether it is production.
async fn open(
    ctx: &Context,
    target_arg: Option<&str>,
) -> anyhow::Result<(crate::aws::Rds, plan::Current, bool)> {
    let t = target::plan_for(
        ctx.config(),
        ctx.env_name(),
        target_arg,
        target::Purpose::Upgrade,
    )?;
    let sdk = credentials::load(&t.aws, &MfaOptions::default(), &ctx.printer).await?;
    let client = crate::aws::Rds::new(&sdk, t.aws.profile.as_deref());
    let id = &t.id;
    let cluster = match rds::find_db(&sdk, id, t.aws.profile.as_deref(), t.cluster_hint).await? {
        None => {
            return Err(UserError::runtime(format!(
                "no RDS instance or Aurora cluster `{id}` in {}",
                t.aws.region.as_deref().unwrap_or("this region")
            ))
            .hint("check the identifier and the region (`region` in dbtool.toml or AWS_REGION)")
            .into())
        }
        Some(rds::Db::Instance(i)) => {
            if let Some(c) = &i.cluster {
                return Err(UserError::usage(format!(
                    "`{id}` is an instance of Aurora cluster `{c}`: Aurora upgrades the engine of the whole cluster"
                ))
                .hint(format!("name the cluster: `dbtool upgrade {c} plan`"))
                .into());
            }
            false
        }
        Some(rds::Db::Cluster(_)) => true,
    };
    let current = domain::current(&client, id, cluster).await?;
    let production = t.production || production_db(ctx, id);
    Ok((client, current, production))
}

/// Whether `db_id` belongs to a production environment.
fn production_db(ctx: &Context, db_id: &str) -> bool {
    ctx.config().is_some_and(|c| {
        c.environments.values().any(|e| {
            e.production
                && (e.instance.as_deref() == Some(db_id) || e.cluster.as_deref() == Some(db_id))
        })
    })
}

/// Reads everything the plan shows; the reads moto and some IAM policies
/// refuse become part of the plan instead of failures.
async fn read_plan(rds: &crate::aws::Rds, current: plan::Current) -> plan::Plan {
    let versions = domain::engine_versions(rds, &current).await;
    let pending = domain::pending_actions(rds, &current).await;
    plan::plan(
        current,
        versions.as_deref().map_err(Clone::clone),
        pending.as_deref().map_err(Clone::clone),
        Utc::now(),
    )
}

fn plan_json(p: &plan::Plan) -> serde_json::Value {
    json!({
        "current": p.current,
        "targets": p.targets.as_ref().ok(),
        "targets_error": p.targets.as_ref().err(),
        "pending_maintenance": p.pending.as_ref().ok(),
        "pending_maintenance_error": p.pending.as_ref().err(),
        "maintenance_window": p.window,
    })
}

/// The plan as text lines (stdout).
fn plan_lines(p: &plan::Plan) -> Vec<String> {
    let c = &p.current;
    let kind = if c.cluster {
        "Aurora cluster"
    } else {
        "RDS instance"
    };
    let mut out = vec![format!(
        "{kind} `{}`: {} {} ({})",
        c.id, c.engine, c.engine_version, c.status
    )];
    if c.cluster {
        out.push(
            "  the engine version is the cluster's: ModifyDBCluster upgrades every member at once"
                .into(),
        );
    }
    for (inst, on) in &c.auto_minor {
        let v = match on {
            Some(true) => "on",
            Some(false) => "off",
            None => "unknown",
        };
        if c.cluster {
            out.push(format!("auto minor version upgrade: {v} (member `{inst}`)"));
        } else {
            out.push(format!("auto minor version upgrade: {v}"));
        }
    }
    match (&p.window, &c.maintenance_window) {
        (Some(w), _) => out.push(format!(
            "maintenance window: {} UTC; next {} – {} UTC ({} – {} local)",
            w.raw,
            w.next_start.format("%a %Y-%m-%d %H:%M"),
            w.next_end.format("%H:%M"),
            w.next_start
                .with_timezone(&Local)
                .format("%a %Y-%m-%d %H:%M %Z"),
            w.next_end.with_timezone(&Local).format("%H:%M"),
        )),
        (None, Some(raw)) => out.push(format!("maintenance window: {raw} (UTC)")),
        (None, None) => out.push("maintenance window: none set".into()),
    }
    match &p.targets {
        Ok(t) if t.is_empty() => {
            out.push("upgrade targets: none (RDS lists none for this version)".into())
        }
        Ok(t) => {
            out.push("upgrade targets:".into());
            for t in t {
                out.push(format!(
                    "  {:<12} {}{}",
                    t.version,
                    if t.major {
                        "major (needs --allow-major)"
                    } else {
                        "minor"
                    },
                    if t.auto_upgrade {
                        ", the automatic minor upgrade's target"
                    } else {
                        ""
                    }
                ));
            }
        }
        Err(e) => out.push(format!("upgrade targets: unknown ({e})")),
    }
    match &p.pending {
        Ok(a) if a.is_empty() => out.push("pending maintenance: none".into()),
        Ok(a) => {
            out.push("pending maintenance:".into());
            for a in a {
                let when = |t: &Option<chrono::DateTime<Utc>>, what: &str| {
                    t.map(|t| format!(", {what} {}", t.format("%Y-%m-%d %H:%M UTC")))
                        .unwrap_or_default()
                };
                out.push(format!(
                    "  {}{}{}{}{}{}",
                    a.action,
                    a.description
                        .as_deref()
                        .map(|d| format!(": {d}"))
                        .unwrap_or_default(),
                    a.opt_in_status
                        .as_deref()
                        .map(|s| format!(" (opt-in: {s})"))
                        .unwrap_or_default(),
                    when(&a.current_apply, "applies"),
                    when(&a.auto_applied_after, "auto-applied after"),
                    when(&a.forced_apply, "forced on"),
                ));
            }
        }
        Err(e) => out.push(format!("pending maintenance: unknown ({e})")),
    }
    out
}

/// Warnings for the parts of the plan RDS would not give.
fn warn_unreadable(ctx: &Context, p: &plan::Plan) {
    if p.targets.is_err() || p.pending.is_err() {
        ctx.printer.warn(
            "some of the plan could not be read from RDS (see `unknown` above); `apply` then checks --to by its version number only",
        );
        ctx.printer.hint("the IAM actions needed are rds:DescribeDBEngineVersions and rds:DescribePendingMaintenanceActions; `aws rds describe-db-engine-versions` shows the same");
    }
}

async fn run_plan(ctx: &Context, target_arg: Option<&str>) -> anyhow::Result<ExitStatus> {
    let (rds, current, _) = open(ctx, target_arg).await?;
    let p = read_plan(&rds, current).await;
    let printer = &ctx.printer;
    if printer.is_json() {
        printer.json(&plan_json(&p))?;
        return Ok(ExitStatus::Success);
    }
    for l in plan_lines(&p) {
        printer.data(l);
    }
    warn_unreadable(ctx, &p);
    Ok(ExitStatus::Success)
}

/// The connection a probe uses: a URL, or TARGET resolved as readonly.
async fn probe_conn(
    ctx: &Context,
    url: Option<&str>,
    target_arg: Option<&str>,
    yes: bool,
) -> anyhow::Result<Option<crate::pg::ConnInfo>> {
    if let Some(u) = url {
        return Ok(Some(
            crate::pg::ConnInfo::from_url(u)
                .map_err(|e| UserError::usage(format!("--probe: {e}")))?,
        ));
    }
    let Some(t) = target_arg else {
        return Ok(None);
    };
    let request = ctx.request_for(t, Intent::Read, Role::Readonly);
    Ok(Some(ctx.resolve(&request, yes).await?.conn))
}

fn print_probe(ctx: &Context, s: &probe::Summary) {
    for l in probe::report(s) {
        ctx.printer.data(l);
    }
}

async fn apply(
    ctx: &Context,
    target_arg: Option<&str>,
    args: &ApplyArgs,
) -> anyhow::Result<ExitStatus> {
    let (rds, current, production) = open(ctx, target_arg).await?;
    let p = read_plan(&rds, current).await;
    let printer = &ctx.printer;
    if !printer.is_json() {
        for l in plan_lines(&p) {
            printer.status(l);
        }
        warn_unreadable(ctx, &p);
    }
    let id = p.current.id.clone();
    if args.schedule {
        return schedule(ctx, &rds, &p, production, &args.confirm).await;
    }
    let Some(to) = args.to.as_deref() else {
        return Err(UserError::usage("apply needs --to VERSION or --schedule").into());
    };
    let up = plan::check_apply(&p, to, args.allow_major)?;
    let what = format!(
        "upgrade `{id}` from {} {} to {to}{}",
        p.current.engine,
        p.current.engine_version,
        if up.major { " (major)" } else { "" }
    );
    printer.status(format!(
        "will {what}: ModifyDB{} EngineVersion={to} ApplyImmediately=true{}",
        if p.current.cluster {
            "Cluster"
        } else {
            "Instance"
        },
        if up.major {
            " AllowMajorVersionUpgrade=true"
        } else {
            ""
        }
    ));
    if !up.checked {
        printer.warn(format!(
            "{to} could not be checked against RDS's valid upgrade targets; RDS refuses it if it is not one"
        ));
    }
    let conn = probe_conn(
        ctx,
        args.probe.probe_url.as_deref(),
        args.probe.probe_target.as_deref(),
        args.confirm.yes,
    )
    .await?;
    if args.confirm.dry_run {
        if printer.is_json() {
            printer.json(&json!({"plan": plan_json(&p), "upgrade": up, "dry_run": true}))?;
        }
        printer.status("dry run: nothing was changed");
        return Ok(ExitStatus::Success);
    }
    let question = format!(
        "{}{what} now? The database restarts (downtime)",
        if production { "PRODUCTION: " } else { "" }
    );
    if production {
        crate::prompt::confirm_typed(printer, &question, &id, args.confirm.yes)?;
    } else {
        crate::prompt::confirm(printer, &question, args.confirm.yes)?;
    }
    let probe = conn.map(probe::Probe::start);
    if probe.is_some() {
        printer
            .status("probe: a fresh connection and SELECT 1 every 200 ms until the upgrade ends");
    }
    if let Err(e) = domain::start_upgrade(&rds, &p.current, &up).await {
        if let Some(pr) = probe {
            pr.stop().await;
        }
        return Err(e);
    }
    printer.success(format!("upgrade of `{id}` to {to} started"));
    let interval = args.poll_interval.unwrap_or(Duration::from_secs(15));
    let waited = domain::wait_upgraded(&rds, &p.current, to, interval, printer).await;
    let summary = match probe {
        Some(pr) => Some(pr.stop().await),
        None => None,
    };
    if let Some(s) = &summary {
        if !printer.is_json() {
            print_probe(ctx, s);
        }
    }
    match waited? {
        domain::Waited::Done(after) => {
            printer.success(format!(
                "`{id}` is available on {} {to} (after {})",
                p.current.engine,
                probe::show(after)
            ));
            if printer.is_json() {
                printer.json(&json!({"db": id, "from": p.current.engine_version, "to": to, "status": "available", "waited_seconds": after.as_secs_f64(), "probe": summary}))?;
            }
            Ok(ExitStatus::Success)
        }
        domain::Waited::Interrupted => {
            printer.warn(format!(
                "stopped waiting; the upgrade of `{id}` to {to} goes on in AWS"
            ));
            printer.hint(format!(
                "`dbtool upgrade {id} plan` shows its status and version"
            ));
            if printer.is_json() {
                printer.json(
                    &json!({"db": id, "to": to, "status": "interrupted", "probe": summary}),
                )?;
            }
            Ok(ExitStatus::Code(130))
        }
    }
}

/// `apply --schedule`: AutoMinorVersionUpgrade=true without ApplyImmediately.
async fn schedule(
    ctx: &Context,
    rds: &crate::aws::Rds,
    p: &plan::Plan,
    production: bool,
    confirm: &ConfirmArgs,
) -> anyhow::Result<ExitStatus> {
    let printer = &ctx.printer;
    let c = &p.current;
    let members: Vec<&str> = c.auto_minor.iter().map(|(i, _)| i.as_str()).collect();
    if members.is_empty() {
        return Err(UserError::runtime(format!(
            "Aurora cluster `{}` has no instances to set AutoMinorVersionUpgrade on",
            c.id
        ))
        .into());
    }
    let auto_target = p
        .targets
        .as_ref()
        .ok()
        .and_then(|t| t.iter().find(|t| t.auto_upgrade && !t.major))
        .map(|t| t.version.clone());
    let when = p
        .window
        .as_ref()
        .map(|w| {
            format!(
                "the maintenance window from {} UTC",
                w.next_start.format("%a %Y-%m-%d %H:%M")
            )
        })
        .unwrap_or_else(|| "the next maintenance window".into());
    printer.status(format!(
        "will set AutoMinorVersionUpgrade=true on {} (ModifyDBInstance, not applied immediately): {when} upgrades to {}",
        members.join(", "),
        auto_target.as_deref().unwrap_or("the version RDS marks for automatic upgrades")
    ));
    let back: Vec<String> = members
        .iter()
        .map(|i| format!("aws rds modify-db-instance --db-instance-identifier {i} --no-auto-minor-version-upgrade"))
        .collect();
    if confirm.dry_run {
        if printer.is_json() {
            printer.json(&json!({"plan": plan_json(p), "schedule": true, "instances": members, "set_back": back, "dry_run": true}))?;
        }
        printer.status("dry run: nothing was changed");
        return Ok(ExitStatus::Success);
    }
    let question = format!(
        "{}Let {when} upgrade `{}`?",
        if production { "PRODUCTION: " } else { "" },
        c.id
    );
    if production {
        crate::prompt::confirm_typed(printer, &question, &c.id, confirm.yes)?;
    } else {
        crate::prompt::confirm(printer, &question, confirm.yes)?;
    }
    domain::set_auto_minor(rds, c, true).await?;
    printer.success(format!(
        "AutoMinorVersionUpgrade is on for {}",
        members.join(", ")
    ));
    printer.hint("after the window, set it back with:");
    if printer.is_json() {
        printer
            .json(&json!({"db": c.id, "schedule": true, "instances": members, "set_back": back}))?;
    } else {
        for b in &back {
            printer.data(b);
        }
    }
    Ok(ExitStatus::Success)
}

async fn run_probe(ctx: &Context, args: &ProbeArgs) -> anyhow::Result<ExitStatus> {
    let Some(conn) = probe_conn(ctx, args.url.as_deref(), args.target.as_deref(), false).await?
    else {
        return Err(UserError::usage("`upgrade probe` needs --url or --target").into());
    };
    let printer = &ctx.printer;
    printer.status(format!(
        "probing {conn} for {}: a fresh connection and SELECT 1 every 200 ms",
        probe::show(args.duration)
    ));
    let pr = probe::Probe::start(conn);
    let interrupted = tokio::select! {
        _ = tokio::time::sleep(args.duration) => false,
        _ = tokio::signal::ctrl_c() => true,
    };
    let s = pr.stop().await;
    if printer.is_json() {
        printer.json(&s)?;
    } else {
        print_probe(ctx, &s);
    }
    Ok(if interrupted {
        ExitStatus::Code(130)
    } else {
        ExitStatus::Success
    })
}
