//! `dbtool snapshot create|list|delete|prune`: manual snapshots of RDS
//! instances and Aurora clusters, tagged so that dbtool only ever prunes its
//! own. Touches RDS and STS (the caller identity for the `created-by` tag).

use std::time::Duration;

use chrono::Utc;
use serde_json::json;

use crate::access::ConfirmArgs;
use crate::aws::credentials::{self, MfaOptions};
use crate::context::Context;
use crate::error::{ExitStatus, UserError};
use crate::snapshot::{self as domain, target, Db, Snapshot};

#[derive(Debug, clap::Args)]
pub struct SnapshotArgs {
    #[command(subcommand)]
    pub command: SnapshotCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum SnapshotCommand {
    /// Take a manual snapshot (CreateDBSnapshot, or CreateDBClusterSnapshot for Aurora)
    Create(CreateArgs),
    /// List manual and automated snapshots, newest first
    List(ListArgs),
    /// Delete snapshots by id (asks for any dbtool did not take, and on production)
    Delete(DeleteArgs),
    /// Delete dbtool's own manual snapshots beyond the newest N
    Prune(PruneArgs),
}

#[derive(Debug, clap::Args)]
pub struct CreateArgs {
    /// An environment of dbtool.toml (its `instance` or `cluster`), or an RDS instance or Aurora cluster id
    #[arg(value_name = "TARGET")]
    pub target: Option<String>,

    /// Snapshot identifier (default: `<db>-<yyyymmddthhmmss>`, UTC)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// Why it is taken, recorded in the `dbtool:reason` tag (default: manual)
    #[arg(long, value_name = "TEXT", default_value = "manual")]
    pub reason: String,

    /// Wait until the snapshot is available (the default on a terminal)
    #[arg(long, conflicts_with = "no_wait")]
    pub wait: bool,

    /// Return once the snapshot has started (the default without a terminal)
    #[arg(long)]
    pub no_wait: bool,

    #[command(flatten)]
    pub confirm: ConfirmArgs,

    /// How often to poll while waiting, e.g. 10s
    #[arg(long, value_name = "DURATION", env = crate::env_vars::DBTOOL_POLL_INTERVAL, value_parser = crate::text::parse_interval)]
    pub poll_interval: Option<Duration>,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// An environment of dbtool.toml, or an RDS instance or Aurora cluster id
    #[arg(value_name = "TARGET")]
    pub target: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct DeleteArgs {
    /// Snapshot identifiers
    #[arg(value_name = "ID", required = true)]
    pub ids: Vec<String>,

    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

#[derive(Debug, clap::Args)]
pub struct PruneArgs {
    /// An environment of dbtool.toml, or an RDS instance or Aurora cluster id
    #[arg(value_name = "TARGET")]
    pub target: Option<String>,

    /// How many of dbtool's snapshots to keep, newest first
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=1000))]
    pub keep: u32,

    /// Only snapshots with this `dbtool:reason` (e.g. pre-migrate)
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,

    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

pub async fn run(ctx: &Context, args: &SnapshotArgs) -> anyhow::Result<ExitStatus> {
    match &args.command {
        SnapshotCommand::Create(a) => create(ctx, a).await,
        SnapshotCommand::List(a) => list(ctx, a).await,
        SnapshotCommand::Delete(a) => delete(ctx, a).await,
        SnapshotCommand::Prune(a) => prune(ctx, a).await,
    }
}

/// The RDS client and database of TARGET.
async fn open(
    ctx: &Context,
    t: &target::DbTarget,
) -> anyhow::Result<(aws_config::SdkConfig, crate::aws::Rds, Db)> {
    let sdk = credentials::load(&t.aws, &MfaOptions::default(), &ctx.printer).await?;
    let rds = crate::aws::Rds::new(&sdk, t.aws.profile.as_deref());
    let db = target::find(&sdk, t).await?;
    Ok((sdk, rds, db))
}

/// The tags of a snapshot dbtool takes.
pub async fn tags(
    sdk: &aws_config::SdkConfig,
    reason: &str,
    schema_version: Option<&str>,
) -> Vec<(String, String)> {
    let who = crate::aws::caller_identity(sdk)
        .await
        .map(|id| id.arn)
        .unwrap_or_else(|_| "unknown".into());
    let mut tags = vec![
        (domain::TAG_CREATED_BY.to_string(), who),
        (domain::TAG_REASON.to_string(), reason.to_string()),
    ];
    if let Some(v) = schema_version {
        tags.push((domain::TAG_SCHEMA_VERSION.to_string(), v.to_string()));
    }
    tags
}

async fn create(ctx: &Context, args: &CreateArgs) -> anyhow::Result<ExitStatus> {
    if let Some(n) = &args.name {
        domain::validate_id(n, "--name")?;
    }
    if args.reason.trim().is_empty() || args.reason.len() > 256 {
        return Err(UserError::usage("--reason: 1 to 256 characters").into());
    }
    let t = target::plan(ctx.config(), ctx.env_name(), args.target.as_deref())?;
    let (sdk, rds, db) = open(ctx, &t).await?;
    let name = args
        .name
        .clone()
        .unwrap_or_else(|| domain::default_name(&db.id, Utc::now()));
    let tags = tags(&sdk, &args.reason, None).await;
    let p = &ctx.printer;
    if !p.is_json() {
        p.data(format!("snapshot: {name}"));
        p.data(format!("of:       {}", db.describe()));
        let shown: Vec<String> = tags.iter().map(|(k, v)| format!("{k}={v}")).collect();
        p.data(format!("tags:     {}", shown.join(", ")));
    }
    if args.confirm.dry_run {
        if p.is_json() {
            p.json(
                &json!({"snapshot": name, "db": db, "tags": tags_json(&tags), "dry_run": true}),
            )?;
        }
        p.status("dry run: nothing was created");
        return Ok(ExitStatus::Success);
    }
    domain::create(&rds, &db, &name, &tags).await?;
    p.success(format!("snapshot `{name}` of {} started", db.describe()));
    let wait = args.wait || (!args.no_wait && crate::prompt::interactive());
    let mut status = "creating";
    if wait {
        let interval = args.poll_interval.unwrap_or(Duration::from_secs(10));
        match domain::wait(&rds, &name, interval, p).await? {
            domain::Waited::Available => {
                status = "available";
                p.success(format!("snapshot `{name}` is available"));
            }
            domain::Waited::Interrupted => {
                p.warn(format!("stopped waiting; snapshot `{name}` goes on in AWS"));
                p.hint("`dbtool snapshot list` shows its progress");
                return Ok(ExitStatus::Code(130));
            }
        }
    } else {
        p.hint(format!(
            "`dbtool snapshot list {}` shows its progress",
            db.id
        ));
    }
    if p.is_json() {
        p.json(&json!({"snapshot": name, "db": db, "tags": tags_json(&tags), "status": status}))?;
    }
    p.hint(format!(
        "restore a copy from it: `dbtool restore --from-snapshot {name}`"
    ));
    Ok(ExitStatus::Success)
}

fn tags_json(tags: &[(String, String)]) -> serde_json::Value {
    json!(tags
        .iter()
        .map(|(k, v)| json!({"key": k, "value": v}))
        .collect::<Vec<_>>())
}

async fn list(ctx: &Context, args: &ListArgs) -> anyhow::Result<ExitStatus> {
    let t = target::plan(ctx.config(), ctx.env_name(), args.target.as_deref())?;
    let (_, rds, db) = open(ctx, &t).await?;
    let snaps = domain::list(&rds, &db).await?;
    let p = &ctx.printer;
    if p.is_json() {
        p.json(&json!({"db": db, "snapshots": snaps}))?;
        return Ok(ExitStatus::Success);
    }
    if snaps.is_empty() {
        p.status(format!("no snapshots of {}", db.describe()));
        return Ok(ExitStatus::Success);
    }
    let mut rows = vec![vec![
        "ID".to_string(),
        "TYPE".into(),
        "CREATED (UTC)".into(),
        "SIZE".into(),
        "STATUS".into(),
        "DBTOOL".into(),
    ]];
    for s in &snaps {
        rows.push(row(s));
    }
    p.table(&rows);
    Ok(ExitStatus::Success)
}

fn row(s: &Snapshot) -> Vec<String> {
    let dbtool: Vec<String> = s
        .tags
        .iter()
        .filter(|(k, _)| k.starts_with("dbtool:") && k.as_str() != domain::TAG_CREATED_BY)
        .map(|(k, v)| format!("{}={v}", k.trim_start_matches("dbtool:")))
        .collect();
    let status = match (s.status.as_str(), s.percent) {
        ("creating", Some(p)) => format!("creating {p}%"),
        (st, _) => st.to_string(),
    };
    vec![
        s.id.clone(),
        s.kind.clone(),
        s.created
            .map(|c| c.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_else(|| "-".into()),
        s.size_gib
            .map(|g| format!("{g} GiB"))
            .unwrap_or_else(|| "-".into()),
        status,
        if s.by_dbtool() {
            dbtool.join(" ")
        } else {
            "-".into()
        },
    ]
}

/// Whether snapshots of `db_id` belong to a production environment.
fn production_db(ctx: &Context, db_id: &str) -> bool {
    ctx.config().is_some_and(|c| {
        c.environments.values().any(|e| {
            e.production
                && (e.instance.as_deref() == Some(db_id) || e.cluster.as_deref() == Some(db_id))
        })
    })
}

async fn delete(ctx: &Context, args: &DeleteArgs) -> anyhow::Result<ExitStatus> {
    for id in &args.ids {
        domain::validate_id(id, "ID")?;
    }
    let t = target::plan(ctx.config(), ctx.env_name(), None).unwrap_or(target::DbTarget {
        id: String::new(),
        cluster_hint: false,
        aws: crate::aws::credentials::AwsSpec {
            region: ctx.config().and_then(|c| c.region.clone()),
            ..Default::default()
        },
        environment: None,
        production: false,
    });
    let sdk = credentials::load(&t.aws, &MfaOptions::default(), &ctx.printer).await?;
    let rds = crate::aws::Rds::new(&sdk, t.aws.profile.as_deref());
    // Everything is looked up before anything is deleted.
    let mut found = Vec::new();
    for id in &args.ids {
        let s = domain::find(&rds, id).await?.ok_or_else(|| {
            UserError::usage(format!("snapshot `{id}` not found; nothing was deleted"))
                .hint("`dbtool snapshot list TARGET` lists the snapshots of a database")
        })?;
        if s.kind != "manual" {
            return Err(UserError::usage(format!(
                "`{id}` is an {} snapshot: RDS deletes those itself; nothing was deleted",
                s.kind
            ))
            .into());
        }
        found.push(s);
    }
    let p = &ctx.printer;
    for s in &found {
        p.data(format!(
            "delete: {}  ({} of {}, {}{})",
            s.id,
            s.kind,
            s.db,
            s.created
                .map(|c| c.format("%Y-%m-%d %H:%M UTC").to_string())
                .unwrap_or_default(),
            if s.by_dbtool() {
                ""
            } else {
                ", not taken by dbtool"
            }
        ));
    }
    if args.confirm.dry_run {
        p.status("dry run: nothing was deleted");
        return Ok(ExitStatus::Success);
    }
    for s in &found {
        if !s.by_dbtool() || production_db(ctx, &s.db) {
            let why = if s.by_dbtool() {
                "a production database's snapshot"
            } else {
                "a snapshot dbtool did not take"
            };
            crate::prompt::confirm_typed(
                p,
                &format!("Delete `{}`, {why}?", s.id),
                &s.id,
                args.confirm.yes,
            )?;
        }
    }
    for s in &found {
        domain::delete(&rds, s).await?;
        p.success(format!("deleted snapshot `{}`", s.id));
    }
    Ok(ExitStatus::Success)
}

async fn prune(ctx: &Context, args: &PruneArgs) -> anyhow::Result<ExitStatus> {
    let t = target::plan(ctx.config(), ctx.env_name(), args.target.as_deref())?;
    let (_, rds, db) = open(ctx, &t).await?;
    let snaps = domain::list(&rds, &db).await?;
    let plan = domain::prune_plan(&snaps, args.keep as usize, args.reason.as_deref());
    run_prune(
        ctx,
        &rds,
        &db,
        &plan,
        t.production || production_db(ctx, &db.id),
        &args.confirm,
    )
    .await
}

/// Shows a prune plan, asks on production, deletes.
pub async fn run_prune(
    ctx: &Context,
    rds: &crate::aws::Rds,
    db: &Db,
    plan: &domain::PrunePlan,
    production: bool,
    confirm: &ConfirmArgs,
) -> anyhow::Result<ExitStatus> {
    let p = &ctx.printer;
    if p.is_json() {
        p.json(&json!({"db": db, "delete": plan.delete, "keep": plan.keep.iter().map(|(id, why)| json!({"id": id, "why": why})).collect::<Vec<_>>(), "dry_run": confirm.dry_run}))?;
    } else {
        for (id, why) in &plan.keep {
            p.status(format!("  keep    {id}  ({why})"));
        }
        for s in &plan.delete {
            p.data(format!("delete  {}", s.id));
        }
    }
    if plan.delete.is_empty() {
        p.status(format!("nothing to prune for {}", db.describe()));
        return Ok(ExitStatus::Success);
    }
    if confirm.dry_run {
        p.status(format!(
            "dry run: {} snapshot(s) would be deleted; nothing was deleted",
            plan.delete.len()
        ));
        return Ok(ExitStatus::Success);
    }
    if production {
        crate::prompt::confirm(
            p,
            &format!(
                "Delete {} snapshot(s) of production {}?",
                plan.delete.len(),
                db.describe()
            ),
            confirm.yes,
        )?;
    }
    for s in &plan.delete {
        domain::delete(rds, s).await?;
        p.success(format!("deleted snapshot `{}`", s.id));
    }
    Ok(ExitStatus::Success)
}
