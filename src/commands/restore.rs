//! `dbtool restore`: point-in-time restore of an RDS instance to a new
//! instance carrying the source's settings: resolve the time, check it against
//! the restore window, print the plan, confirm, restore, wait, apply the
//! settings that only ModifyDBInstance can set. An Aurora cluster is restored
//! as a new cluster plus one instance per source member. Touches RDS
//! (through `crate::restore`) and `$XDG_STATE_HOME/dbtool/restores.jsonl`.

use std::time::Duration;

use chrono::Utc;
use serde_json::json;

use crate::aws::credentials::{self, AwsSpec, MfaOptions};
use crate::config::RestoreConfig;
use crate::context::Context;
use crate::error::{ExitStatus, UserError};
use crate::restore::cluster::{self, ClusterPlan};
use crate::restore::plan::{self, Phase, RestorePlan};
use crate::restore::{self as domain, time, window, WaitOutcome, Waited};

/// Poll interval used when neither flag, env var nor config sets one.
pub const DEFAULT_POLL_INTERVAL: Duration = Duration::from_secs(15);

#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// RDS instance or Aurora cluster to restore from (default: `[restore] source`, else the environment's `instance` or `cluster`)
    #[arg(long, value_name = "ID")]
    pub source: Option<String>,

    /// Identifier of the new instance or cluster (default: `[restore] target`, else `<source>-restore`)
    #[arg(long, value_name = "ID")]
    pub target: Option<String>,

    /// Time to restore to: 2023-10-02T10:00Z, RFC 3339, `2023-10-02 10:00` (see --tz), -30m, `1h ago`
    #[arg(
        long,
        value_name = "TIME",
        allow_hyphen_values = true,
        conflicts_with = "latest"
    )]
    pub to: Option<String>,

    /// Restore to the latest restorable time (about 5 minutes ago)
    #[arg(long)]
    pub latest: bool,

    /// Restore from a snapshot instead of a point in time: an id, `latest` (the source's newest), or `before:VERSION` (dbtool's newest pre-migrate snapshot below that schema version)
    #[arg(long, value_name = "SNAPSHOT", conflicts_with_all = ["to", "latest", "clone"])]
    pub from_snapshot: Option<String>,

    /// Aurora: a copy-on-write clone at the latest restorable time (minutes instead of hours; storage is shared with the source until pages change)
    #[arg(long, conflicts_with = "to")]
    pub clone: bool,

    /// Time zone of --to times written without an offset, e.g. Europe/London (default: `[restore] tz`, else UTC)
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,

    /// Print the plan and change nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Confirm without asking
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// Start the restore and return without waiting for it
    #[arg(long, conflicts_with = "wait_only")]
    pub no_wait: bool,

    /// Only wait for an earlier restore of --target, then apply its remaining settings
    #[arg(long, conflicts_with_all = ["to", "latest", "source"])]
    pub wait_only: bool,

    /// Give the restored instance KEY=VALUE instead of the source's value (repeatable; e.g. multi_az=false)
    #[arg(long = "override", value_name = "KEY=VALUE")]
    pub overrides: Vec<String>,

    /// How often to poll AWS while waiting, e.g. 15s (default: `[restore] poll_interval`, else 15s)
    #[arg(long, value_name = "DURATION", env = crate::env_vars::DBTOOL_POLL_INTERVAL, value_parser = crate::text::parse_interval)]
    pub poll_interval: Option<Duration>,
}

/// What the environment contributes: AWS identity and restore defaults.
struct Settings {
    aws: AwsSpec,
    restore: RestoreConfig,
    instance: Option<String>,
    cluster: Option<String>,
}

fn settings(ctx: &Context) -> Result<Settings, UserError> {
    let env = ctx.environment()?.map(|(_, e)| e);
    let aws = AwsSpec::of_environment(ctx.config(), env);
    Ok(match env {
        Some(env) => Settings {
            aws,
            restore: env.restore.clone().unwrap_or_default(),
            instance: env.instance.clone(),
            cluster: env.cluster.clone(),
        },
        None => Settings {
            aws,
            restore: RestoreConfig::default(),
            instance: None,
            cluster: None,
        },
    })
}

pub async fn run(ctx: &Context, args: &RestoreArgs) -> anyhow::Result<ExitStatus> {
    let s = settings(ctx)?;
    let interval = args
        .poll_interval
        .or(s.restore.poll_interval)
        .unwrap_or(DEFAULT_POLL_INTERVAL);
    if args.wait_only {
        return wait_only(ctx, args, &s, interval).await;
    }
    if args.to.is_none() && !args.latest && !args.clone && args.from_snapshot.is_none() {
        return Err(
            UserError::usage("say when to restore to: --to TIME, --latest or --from-snapshot ID")
                .hint("e.g. --to 2023-10-02T10:00Z, --to '-30m', --to '1h ago', --latest, --clone (Aurora), --from-snapshot latest")
                .into(),
        );
    }
    let spec = args
        .from_snapshot
        .as_deref()
        .map(SnapshotSpec::parse)
        .transpose()?;
    let configured = args
        .source
        .clone()
        .or(s.restore.source.clone())
        .or(s.instance.clone())
        .or(s.cluster.clone());
    let needs_source = !matches!(spec, Some(SnapshotSpec::Id(_)));
    if needs_source && configured.is_none() {
        return Err(UserError::usage("no source instance or cluster: pass --source ID")
            .hint("or set `instance`, `cluster` (or `[environments.X.restore] source`) in dbtool.toml")
            .into());
    }
    let now = Utc::now();
    let parsed = match &args.to {
        Some(text) => {
            let tz = args.tz.as_deref().or(s.restore.tz.as_deref());
            let p = time::parse_time(text, tz, now)?;
            ctx.printer.status(format!(
                "restore time: {} ({})",
                time::format_utc(p.utc),
                p.interpretation
            ));
            Some(p)
        }
        None if spec.is_none() => {
            ctx.printer
                .status("restore time: the latest restorable time");
            None
        }
        None => None,
    };
    let restore_time = parsed.as_ref().map(|p| p.utc);

    let sdk = credentials::load(&s.aws, &MfaOptions::default(), &ctx.printer).await?;
    let rds = crate::aws::Rds::new(&sdk, s.aws.profile.as_deref());
    let snapshot = match &spec {
        Some(spec) => {
            Some(find_snapshot(&rds, spec, configured.as_deref(), s.cluster.is_some()).await?)
        }
        None => None,
    };
    let source = match (&snapshot, &configured) {
        (Some(snap), Some(c)) if args.source.is_some() && *c != snap.db => {
            return Err(UserError::usage(format!(
                "snapshot `{}` is of `{}`, not of --source `{c}`",
                snap.id, snap.db
            ))
            .hint("leave out --source: a snapshot names its database")
            .into())
        }
        (Some(snap), _) => snap.db.clone(),
        (None, Some(c)) => c.clone(),
        (None, None) => {
            return Err(UserError::usage("no source instance or cluster: pass --source ID").into())
        }
    };
    if let Some(snap) = &snapshot {
        ctx.printer.status(format!(
            "snapshot: {} ({} of {}, {})",
            snap.id,
            snap.kind,
            snap.db,
            snap.created
                .map(|c| c.format("%Y-%m-%d %H:%M UTC").to_string())
                .unwrap_or_default()
        ));
    }
    let target = args
        .target
        .clone()
        .or(s.restore.target.clone())
        .unwrap_or_else(|| format!("{source}-restore"));
    if target == source {
        return Err(UserError::usage("the target must differ from the source").into());
    }
    // An Aurora cluster restores as a whole; an instance as itself.
    let cluster_first = s.cluster.as_deref() == Some(source.as_str())
        || snapshot.as_ref().is_some_and(|s| s.cluster);
    let mut src_instance = None;
    if !cluster_first {
        src_instance = domain::find_instance(&rds, &source).await?;
        // The writer instance named like its cluster: the name means the cluster.
        if src_instance
            .as_ref()
            .is_some_and(|i| i.db_cluster_identifier() == Some(source.as_str()))
        {
            src_instance = None;
        }
    }
    let mut settings_from = None;
    let src = match src_instance {
        Some(i) => i,
        None => match cluster::find(&rds, &source).await? {
            Some(c) => {
                let job = ClusterJob {
                    rds: &rds,
                    source,
                    target,
                    restore_time,
                    interpretation: parsed.as_ref().map(|p| p.interpretation.clone()),
                    interval,
                    now,
                    snapshot,
                };
                return restore_cluster(ctx, args, job, c).await;
            }
            None if snapshot.as_ref().is_some_and(|s| s.cluster) => {
                return Err(UserError::runtime(format!(
                    "source cluster `{source}` of the snapshot no longer exists: dbtool copies the new cluster's settings and instances from it"
                ))
                .hint(format!(
                    "restore with `aws rds restore-db-cluster-from-snapshot --snapshot-identifier {} --db-cluster-identifier {target} --engine aurora-postgresql`, then add instances with `aws rds create-db-instance --db-cluster-identifier {target}`",
                    snapshot.as_ref().map(|s| s.id.as_str()).unwrap_or_default()
                ))
                .into())
            }
            None if cluster_first => {
                return Err(UserError::runtime(format!(
                    "Aurora cluster `{source}` not found"
                ))
                .hint("check `cluster` in dbtool.toml and the region (`region` or AWS_REGION)")
                .into())
            }
            // The source instance is gone: what the snapshot knows.
            None if snapshot.is_some() => {
                let snap = snapshot.as_ref().map(|s| s.id.as_str()).unwrap_or_default();
                settings_from = Some(format!(
                    "snapshot `{snap}`'s own metadata: the source instance `{source}` no longer exists, so its class, subnet group, security groups and parameter group are AWS's defaults unless given with --override"
                ));
                domain::instance_from_snapshot(&rds, snap).await?
            }
            None => domain::instance(&rds, &source).await?,
        },
    };
    if let Some(c) = src.db_cluster_identifier() {
        return Err(UserError::usage(format!(
            "`{source}` is an instance of Aurora cluster `{c}`: Aurora restores whole clusters, not member instances"
        ))
        .hint(format!(
            "restore the cluster: `dbtool restore --source {c} {}` (it recreates every member)",
            restore_flags(args)
        ))
        .into());
    }
    if args.clone {
        return Err(UserError::usage(format!(
            "--clone: `{source}` is an RDS instance; copy-on-write clones are an Aurora cluster feature"
        ))
        .hint("restore the instance with --latest instead")
        .into());
    }
    let mut p = plan::plan(&source, &target, restore_time, &src, &args.overrides)?;
    if let Some(snap) = &snapshot {
        p = p.from_snapshot(&snap.id, settings_from.clone());
        match &settings_from {
            Some(from) => ctx.printer.warn(format!("settings from {from}")),
            None => ctx
                .printer
                .status(format!("settings from the live source instance `{source}`")),
        }
    }

    // An existing target: resume only when it is this very restore.
    let mut resume = false;
    if let Some(existing) = domain::find_instance(&rds, &target).await? {
        let tags = domain::tags_of(&existing);
        let finished = existing.db_instance_status() == Some("available");
        if plan::same_restore(&tags, &source, &p.time_tag()) && p.time_tag() == "latest" && finished
        {
            return Err(UserError::usage(format!(
                "RDS instance `{target}` already exists: an earlier restore of `{source}` to the latest time, finished; nothing was changed"
            ))
            .hint(format!(
                "a new --latest restore needs another --target (or delete `{target}` first); `dbtool restore --wait-only --target {target}` applies any setting the earlier run did not"
            ))
            .into());
        }
        if plan::same_restore(&tags, &source, &p.time_tag()) {
            resume = true;
            ctx.printer.status(format!(
                "`{target}` already exists as a restore of `{source}` to {}: resuming the wait",
                p.time_tag()
            ));
        } else {
            let from = tags
                .iter()
                .find(|(k, _)| k == plan::TAG_RESTORED_FROM)
                .map(|(_, v)| format!(" (a restore of `{v}`)"))
                .unwrap_or_default();
            return Err(UserError::usage(format!(
                "RDS instance `{target}` already exists{from}; nothing was changed"
            ))
            .hint(format!(
                "pass another --target, delete `{target}` first, or `dbtool restore --wait-only --target {target}` to wait for an earlier restore"
            ))
            .into());
        }
    }

    // A snapshot restore has no window; a point in time must be inside it.
    let win = match &snapshot {
        Some(_) => None,
        None => Some(window::window(
            &source,
            &domain::window_inputs(&rds, &src).await?,
            now,
        )?),
    };
    if let (Some(win), false) = (&win, resume) {
        if let Some(note) = &win.note {
            ctx.printer.warn(note);
        }
        ctx.printer
            .status(format!("restore window: {}", win.describe()));
        if let Some(t) = restore_time {
            window::check(t, win, now)?;
        }
    }

    if !ctx.printer.is_json() {
        print_plan(ctx, &p);
    }
    let json_doc = |result: serde_json::Value| {
        json!({
            "source": p.source,
            "target": p.target,
            "restore_time": p.time_tag(),
            "from_snapshot": p.from_snapshot,
            "settings_from": p.settings_from,
            "time_interpretation": parsed.as_ref().map(|p| p.interpretation.clone()),
            "window": win,
            "settings": p.settings,
            "tags": p.tags.iter().map(|(k, v)| json!({"key": k, "value": v})).collect::<Vec<_>>(),
            "dry_run": args.dry_run,
            "resumed": resume,
            "result": result,
        })
    };

    if args.dry_run {
        if ctx.printer.is_json() {
            ctx.printer.json(&json_doc(serde_json::Value::Null))?;
        }
        ctx.printer.status(if resume {
            "dry run: would resume waiting for the existing restore; nothing was changed"
        } else {
            "dry run: nothing was changed"
        });
        return Ok(ExitStatus::Success);
    }

    if !resume {
        let when = match &p.from_snapshot {
            Some(id) => format!("from snapshot `{id}`"),
            None => format!("to {}", p.time_tag()),
        };
        crate::prompt::confirm(
            &ctx.printer,
            &format!("Restore `{source}` {when} as new instance `{target}`?"),
            args.yes,
        )?;
        match &p.from_snapshot {
            Some(id) => domain::start_restore_from_snapshot(&rds, &p, id).await?,
            None => domain::start_restore(&rds, &p).await?,
        }
        ctx.printer.success(format!(
            "restore started: `{source}` → `{target}` at {}",
            p.time_tag()
        ));
        record_started(ctx, &source, &target, p.time_tag());
    }
    if args.no_wait {
        if ctx.printer.is_json() {
            ctx.printer.json(&json_doc(json!({"status": "started"})))?;
        }
        ctx.printer.hint(format!(
            "`dbtool restore --wait-only --target {target}` waits for it and applies the settings that can only be set afterwards"
        ));
        return Ok(ExitStatus::Success);
    }
    finish(ctx, &rds, &p, interval, json_doc).await
}

/// Waits for `p.target`, applies the after-restore settings, prints the endpoint and next steps.
async fn finish(
    ctx: &Context,
    rds: &crate::aws::Rds,
    p: &RestorePlan,
    interval: Duration,
    json_doc: impl Fn(serde_json::Value) -> serde_json::Value,
) -> anyhow::Result<ExitStatus> {
    let target = &p.target;
    ctx.printer.status(format!(
        "waiting for `{target}` to become available (polling every {}; Ctrl-C stops waiting, not the restore)",
        humantime::format_duration(interval)
    ));
    let inst = match domain::wait_available(rds, target, interval, &ctx.printer).await? {
        WaitOutcome::Available(inst) => inst,
        WaitOutcome::Interrupted => {
            ctx.printer.warn(format!(
                "stopped waiting; the restore of `{target}` continues in AWS"
            ));
            ctx.printer.hint(format!(
                "resume with `dbtool restore --wait-only --target {target}` (it also applies the remaining settings)"
            ));
            return Ok(ExitStatus::Code(130));
        }
    };
    if domain::apply_after_restore(rds, p).await? {
        let keys: Vec<&str> = p.phase(Phase::AfterRestore).map(|s| s.key).collect();
        ctx.printer.success(format!(
            "applied with ModifyDBInstance: {}",
            keys.join(", ")
        ));
    }
    let address = inst
        .endpoint()
        .and_then(|e| e.address())
        .unwrap_or("(no endpoint yet)")
        .to_string();
    let port = inst.endpoint().and_then(|e| e.port()).unwrap_or(5432);
    if ctx.printer.is_json() {
        ctx.printer.json(&json_doc(json!({
            "status": "available",
            "endpoint": address,
            "port": port,
        })))?;
    } else {
        ctx.printer.data(format!("endpoint: {address}:{port}"));
    }
    ctx.printer.success(format!("`{target}` is available"));
    ctx.printer.status("next steps:");
    ctx.printer.status(format!(
        "  look at the data, read-only:   dbtool connect --role readonly {target}"
    ));
    ctx.printer.status(format!(
        "  copy the lost rows back:       dbtool dump --url postgresql://USER@{address}:{port}/DB --include-table TABLE, then dbtool dump load"
    ));
    ctx.printer.status(format!(
        "  or move the applications:      dbtool cname switch --to {target}"
    ));
    Ok(ExitStatus::Success)
}

/// `--wait-only`: wait for an earlier restore and apply its remaining settings;
/// the source is read from the target's `dbtool:restored-from` tag.
async fn wait_only(
    ctx: &Context,
    args: &RestoreArgs,
    s: &Settings,
    interval: Duration,
) -> anyhow::Result<ExitStatus> {
    let target = args
        .target
        .clone()
        .or(s.restore.target.clone())
        .or_else(|| {
            s.restore
                .source
                .clone()
                .or(s.instance.clone())
                .map(|src| format!("{src}-restore"))
        })
        .ok_or_else(|| UserError::usage("--wait-only needs --target ID"))?;
    let sdk = credentials::load(&s.aws, &MfaOptions::default(), &ctx.printer).await?;
    let rds = crate::aws::Rds::new(&sdk, s.aws.profile.as_deref());
    let existing = match domain::find_instance(&rds, &target).await? {
        Some(i) => i,
        None => match cluster::find(&rds, &target).await? {
            Some(c) => return wait_only_cluster(ctx, args, &rds, c, interval).await,
            None => domain::instance(&rds, &target).await?,
        },
    };
    let tags = domain::tags_of(&existing);
    let tag = |k: &str| tags.iter().find(|(tk, _)| tk == k).map(|(_, v)| v.clone());
    let source = tag(plan::TAG_RESTORED_FROM).ok_or_else(|| {
        UserError::usage(format!(
            "`{target}` has no `{}` tag: it was not started by dbtool restore",
            plan::TAG_RESTORED_FROM
        ))
    })?;
    let restore_time = tag(plan::TAG_RESTORE_TIME)
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| t.with_timezone(&Utc));
    let src = domain::instance(&rds, &source).await?;
    let p = plan::plan(&source, &target, restore_time, &src, &args.overrides)?;
    if args.dry_run {
        if !ctx.printer.is_json() {
            print_plan(ctx, &p);
        }
        ctx.printer.status(
            "dry run: would wait and apply the after-restore settings; nothing was changed",
        );
        return Ok(ExitStatus::Success);
    }
    let doc = |result: serde_json::Value| {
        json!({
            "source": p.source,
            "target": p.target,
            "restore_time": p.time_tag(),
            "settings": p.settings,
            "resumed": true,
            "result": result,
        })
    };
    finish(ctx, &rds, &p, interval, doc).await
}

/// The plan as text on stdout: source, target, time, then every setting.
fn print_plan(ctx: &Context, p: &RestorePlan) {
    let pr = &ctx.printer;
    pr.data(format!("source:       {}", p.source));
    pr.data(format!("target:       {}", p.target));
    match &p.from_snapshot {
        Some(id) => pr.data(format!("from:         snapshot {id}")),
        None => pr.data(format!("restore time: {}", p.time_tag())),
    }
    let mut rows = vec![vec![
        "SETTING".to_string(),
        "VALUE".to_string(),
        "APPLIED".to_string(),
    ]];
    for s in &p.settings {
        let when = match s.phase {
            Phase::Restore => "at restore",
            Phase::AfterRestore => "after restore (ModifyDBInstance)",
            Phase::LeftToAws => "not sent: AWS uses the engine version's default",
        };
        let value = if s.overridden {
            format!("{} (override)", s.value)
        } else if s.phase == Phase::LeftToAws {
            format!("{} (engine default)", s.value)
        } else {
            s.value.to_string()
        };
        rows.push(vec![s.key.to_string(), value, when.to_string()]);
    }
    let tags: Vec<String> = p.tags.iter().map(|(k, v)| format!("{k}={v}")).collect();
    rows.push(vec!["tags".into(), tags.join(", "), "at restore".into()]);
    pr.table(&rows);
}

/// Appends a started restore to `restores.jsonl` (what `cname switch`
/// defaults to); a failure only warns: the restore itself has started.
fn record_started(ctx: &Context, source: &str, target: &str, restore_time: String) {
    let record = domain::RestoreRecord {
        started: Utc::now(),
        source: source.to_string(),
        target: target.to_string(),
        restore_time,
    };
    if let Err(e) = domain::log_restore(&record) {
        ctx.printer.warn(format!(
            "could not record the restore in {}: {e}",
            domain::log_path().display()
        ));
    }
}

/// The time flags of this run, for a hint that repeats them.
fn restore_flags(args: &RestoreArgs) -> String {
    match (&args.to, args.latest) {
        (Some(t), _) => format!("--to {}", crate::shell::sh_quote(t)),
        (None, true) => "--latest".into(),
        (None, false) => "--clone".into(),
    }
}

/// What an Aurora cluster restore works with.
struct ClusterJob<'a> {
    rds: &'a crate::aws::Rds,
    source: String,
    target: String,
    restore_time: Option<chrono::DateTime<Utc>>,
    interpretation: Option<String>,
    interval: Duration,
    now: chrono::DateTime<Utc>,
    /// A restore from this cluster snapshot instead of a point in time.
    snapshot: Option<crate::snapshot::Snapshot>,
}

/// An Aurora cluster: RestoreDBClusterToPointInTime to a new cluster, then
/// CreateDBInstance for each source member; resumes an earlier run of the
/// same restore.
async fn restore_cluster(
    ctx: &Context,
    args: &RestoreArgs,
    job: ClusterJob<'_>,
    src: aws_sdk_rds::types::DbCluster,
) -> anyhow::Result<ExitStatus> {
    let rds = job.rds;
    let (source, target) = (&job.source, &job.target);
    if args.clone && args.to.is_some() {
        return Err(UserError::usage(
            "--clone makes a clone of the latest restorable time; it takes no --to",
        )
        .into());
    }
    if let Some(e) = cluster::refuse(&src) {
        return Err(e.into());
    }
    let members = cluster::members(rds, &src).await?;
    let mut p = cluster::plan(
        &src,
        &members,
        target,
        job.restore_time,
        args.clone,
        &args.overrides,
    )?;
    if let Some(snap) = &job.snapshot {
        p = p.from_snapshot(&snap.id, snap.engine_version.clone());
    }

    let mut resume = false;
    if let Some(existing) = cluster::find(rds, target).await? {
        let tags: Vec<(String, String)> = existing
            .tag_list()
            .iter()
            .filter_map(|t| {
                Some((
                    t.key()?.to_string(),
                    t.value().unwrap_or_default().to_string(),
                ))
            })
            .collect();
        let tag = |k: &str| tags.iter().find(|(tk, _)| tk == k).map(|(_, v)| v.as_str());
        let same_type = tag(cluster::TAG_RESTORE_TYPE).unwrap_or("full-copy") == p.restore_type;
        let mut finished = existing.status() == Some("available");
        for m in &p.members {
            finished &= domain::find_instance(rds, &m.target)
                .await?
                .is_some_and(|i| i.db_instance_status() == Some("available"));
        }
        let same = plan::same_restore(&tags, source, &p.time_tag()) && same_type;
        if same && p.time_tag() == "latest" && finished {
            return Err(UserError::usage(format!(
                "Aurora cluster `{target}` already exists: an earlier {} of `{source}` at the latest time, finished; nothing was changed",
                if p.restore_type == "copy-on-write" { "clone" } else { "restore" }
            ))
            .hint(format!("a new one needs another --target (or delete `{target}` and its instances first)"))
            .into());
        }
        if same {
            resume = true;
            ctx.printer.status(format!(
                "`{target}` already exists as a restore of `{source}` to {}: resuming (missing instances are created, then waited for)",
                p.time_tag()
            ));
        } else {
            let what = match (tag(plan::TAG_RESTORED_FROM), same_type) {
                (Some(f), false) => format!(
                    " (a {} of `{f}`)",
                    tag(cluster::TAG_RESTORE_TYPE)
                        .map(|_| "clone")
                        .unwrap_or("full-copy restore")
                ),
                (Some(f), true) => format!(
                    " (a restore of `{f}` to {})",
                    tag(plan::TAG_RESTORE_TIME).unwrap_or("?")
                ),
                (None, _) => String::new(),
            };
            return Err(UserError::usage(format!(
                "Aurora cluster `{target}` already exists{what}; nothing was changed"
            ))
            .hint(format!(
                "pass another --target, delete `{target}` first, or `dbtool restore --wait-only --target {target}` to wait for an earlier restore"
            ))
            .into());
        }
    }
    if !resume {
        for m in &p.members {
            if domain::find_instance(rds, &m.target).await?.is_some() {
                return Err(UserError::usage(format!(
                    "RDS instance `{}` already exists (the restored copy of member `{}`); nothing was changed",
                    m.target, m.source
                ))
                .hint("pass another --target, or delete that instance first")
                .into());
            }
        }
    }

    let win = match &job.snapshot {
        Some(_) => None,
        None => Some(window::window(
            source,
            &cluster::window_inputs(&src),
            job.now,
        )?),
    };
    if let (Some(win), false) = (&win, resume) {
        if let Some(note) = &win.note {
            ctx.printer.warn(note);
        }
        ctx.printer
            .status(format!("restore window: {}", win.describe()));
        if let Some(t) = job.restore_time {
            window::check(t, win, job.now)?;
        }
    }
    if !ctx.printer.is_json() {
        print_cluster_plan(ctx, &p, resume);
        for n in cluster::not_copied(&src) {
            ctx.printer.warn(format!("not copied by a restore: {n}"));
        }
    }
    let json_doc = |result: serde_json::Value| {
        json!({
            "source": p.source,
            "target": p.target,
            "kind": "aurora-cluster",
            "restore_time": p.time_tag(),
            "restore_type": p.restore_type,
            "time_interpretation": job.interpretation,
            "window": win,
            "engine": p.engine,
            "engine_version": p.engine_version,
            "settings": p.settings,
            "instances": p.members,
            "tags": p.tags.iter().map(|(k, v)| json!({"key": k, "value": v})).collect::<Vec<_>>(),
            "dry_run": args.dry_run,
            "resumed": resume,
            "result": result,
        })
    };
    if args.dry_run {
        if ctx.printer.is_json() {
            ctx.printer.json(&json_doc(serde_json::Value::Null))?;
        }
        ctx.printer.status(if resume {
            "dry run: would create any missing instances and wait; nothing was changed"
        } else {
            "dry run: nothing was changed"
        });
        return Ok(ExitStatus::Success);
    }
    if !resume {
        let what = if args.clone { "Clone" } else { "Restore" };
        crate::prompt::confirm(
            &ctx.printer,
            &format!(
                "{what} Aurora cluster `{source}` at {} as new cluster `{target}` with {} instance(s)?",
                p.time_tag(),
                p.members.len()
            ),
            args.yes,
        )?;
        cluster::start_restore(rds, &p).await?;
        ctx.printer.success(format!(
            "cluster restore started: `{source}` → `{target}` at {} ({})",
            p.time_tag(),
            p.restore_type
        ));
        record_started(ctx, source, target, p.time_tag());
    }
    if args.no_wait {
        if ctx.printer.is_json() {
            ctx.printer.json(&json_doc(json!({"status": "started"})))?;
        }
        ctx.printer.hint(format!(
            "the instances can only be added once the cluster is available: `dbtool restore --wait-only --target {target}` waits for it, creates them and waits for them"
        ));
        return Ok(ExitStatus::Success);
    }
    finish_cluster(ctx, rds, &p, job.interval, json_doc).await
}

/// CreateDBInstance for each planned member that does not exist yet.
async fn create_missing_members(
    ctx: &Context,
    rds: &crate::aws::Rds,
    p: &ClusterPlan,
) -> anyhow::Result<()> {
    for m in &p.members {
        if let Some(i) = domain::find_instance(rds, &m.target).await? {
            if i.db_cluster_identifier() != Some(p.target.as_str()) {
                return Err(UserError::usage(format!(
                    "RDS instance `{}` exists but is not a member of `{}`; nothing more was created",
                    m.target, p.target
                ))
                .hint("delete or rename that instance, then `dbtool restore --wait-only --target TARGET` again")
                .into());
            }
            continue;
        }
        cluster::create_member(rds, p, m).await?;
        ctx.printer.success(format!(
            "instance `{}` created in `{}` (copy of {} `{}`)",
            m.target,
            p.target,
            if m.writer { "writer" } else { "reader" },
            m.source
        ));
    }
    Ok(())
}

/// Waits for the restored cluster and each of its instances, then prints
/// the endpoints and next steps.
async fn finish_cluster(
    ctx: &Context,
    rds: &crate::aws::Rds,
    p: &ClusterPlan,
    interval: Duration,
    json_doc: impl Fn(serde_json::Value) -> serde_json::Value,
) -> anyhow::Result<ExitStatus> {
    let target = &p.target;
    ctx.printer.status(format!(
        "waiting for cluster `{target}` and {} instance(s) (polling every {}; Ctrl-C stops waiting, not the restore)",
        p.members.len(),
        humantime::format_duration(interval)
    ));
    let interrupted = || {
        ctx.printer.warn(format!(
            "stopped waiting; the restore of `{target}` continues in AWS"
        ));
        ctx.printer.hint(format!(
            "resume with `dbtool restore --wait-only --target {target}` (it also creates any instance not created yet)"
        ));
        Ok(ExitStatus::Code(130))
    };
    if let Waited::Interrupted =
        domain::wait_cluster_available(rds, target, interval, &ctx.printer).await?
    {
        return interrupted();
    }
    // AWS adds instances to a cluster once it is available.
    create_missing_members(ctx, rds, p).await?;
    for m in &p.members {
        if let Waited::Interrupted =
            domain::wait_available(rds, &m.target, interval, &ctx.printer).await?
        {
            return interrupted();
        }
    }
    let c = cluster::find(rds, target).await?.ok_or_else(|| {
        UserError::runtime(format!(
            "Aurora cluster `{target}` disappeared while waiting"
        ))
    })?;
    let writer = c.endpoint().unwrap_or("(no endpoint yet)").to_string();
    let reader = c
        .reader_endpoint()
        .unwrap_or("(no endpoint yet)")
        .to_string();
    let port = c.port().unwrap_or(5432);
    if ctx.printer.is_json() {
        ctx.printer.json(&json_doc(json!({
            "status": "available",
            "endpoint": writer,
            "reader_endpoint": reader,
            "port": port,
        })))?;
    } else {
        ctx.printer
            .data(format!("writer endpoint: {writer}:{port}"));
        ctx.printer
            .data(format!("reader endpoint: {reader}:{port}"));
    }
    ctx.printer.success(format!(
        "Aurora cluster `{target}` and its {} instance(s) are available",
        p.members.len()
    ));
    ctx.printer.status("next steps:");
    ctx.printer.status(format!(
        "  look at the data, read-only:   dbtool connect --role readonly {target} --reader"
    ));
    ctx.printer.status(format!(
        "  copy the lost rows back:       dbtool dump --url postgresql://USER@{writer}:{port}/DB --include-table TABLE, then dbtool dump load"
    ));
    ctx.printer.status(format!(
        "  or move the applications:      dbtool cname switch --to {target}"
    ));
    Ok(ExitStatus::Success)
}

/// `--wait-only` for a restored Aurora cluster: create any member not
/// created yet, then wait.
async fn wait_only_cluster(
    ctx: &Context,
    args: &RestoreArgs,
    rds: &crate::aws::Rds,
    existing: aws_sdk_rds::types::DbCluster,
    interval: Duration,
) -> anyhow::Result<ExitStatus> {
    let target = existing
        .db_cluster_identifier()
        .unwrap_or_default()
        .to_string();
    let tag = |k: &str| {
        existing
            .tag_list()
            .iter()
            .find(|t| t.key() == Some(k))
            .and_then(|t| t.value().map(str::to_string))
    };
    let source = tag(plan::TAG_RESTORED_FROM).ok_or_else(|| {
        UserError::usage(format!(
            "`{target}` has no `{}` tag: it was not started by dbtool restore",
            plan::TAG_RESTORED_FROM
        ))
    })?;
    let restore_time = tag(plan::TAG_RESTORE_TIME)
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| t.with_timezone(&Utc));
    let src = cluster::find(rds, &source).await?.ok_or_else(|| {
        UserError::runtime(format!(
            "source cluster `{source}` of `{target}` not found: cannot tell which instances `{target}` should have"
        ))
    })?;
    let members = cluster::members(rds, &src).await?;
    let clone = tag(cluster::TAG_RESTORE_TYPE).as_deref() == Some("copy-on-write");
    let p = cluster::plan(
        &src,
        &members,
        &target,
        restore_time,
        clone,
        &args.overrides,
    )?;
    if args.dry_run {
        if ctx.printer.is_json() {
            ctx.printer.json(&json!({
                "source": p.source,
                "target": p.target,
                "kind": "aurora-cluster",
                "restore_time": p.time_tag(),
                "restore_type": p.restore_type,
                "instances": p.members,
                "dry_run": true,
                "resumed": true,
            }))?;
        } else {
            print_cluster_plan(ctx, &p, true);
        }
        ctx.printer
            .status("dry run: would create any missing instances and wait; nothing was changed");
        return Ok(ExitStatus::Success);
    }
    let doc = |result: serde_json::Value| {
        json!({
            "source": p.source,
            "target": p.target,
            "kind": "aurora-cluster",
            "restore_time": p.time_tag(),
            "instances": p.members,
            "resumed": true,
            "result": result,
        })
    };
    finish_cluster(ctx, rds, &p, interval, doc).await
}

/// The cluster plan as text on stdout: source, target, time, the cluster's
/// settings, then one row per instance.
fn print_cluster_plan(ctx: &Context, p: &ClusterPlan, resume: bool) {
    let pr = &ctx.printer;
    pr.data(format!("source:       Aurora cluster {}", p.source));
    pr.data(format!(
        "target:       Aurora cluster {}{}",
        p.target,
        if resume {
            " (exists: resuming)"
        } else {
            " (new)"
        }
    ));
    match &p.from_snapshot {
        Some(id) => pr.data(format!("from:         snapshot {id}")),
        None => pr.data(format!("restore time: {}", p.time_tag())),
    }
    pr.data(format!(
        "restore type: {}{}",
        p.restore_type,
        if p.restore_type == "copy-on-write" {
            " (fast clone: shares storage with the source until pages change)"
        } else {
            ""
        }
    ));
    pr.data(format!(
        "engine:       {} {} (a restore keeps the source's version)",
        p.engine,
        p.engine_version.as_deref().unwrap_or("")
    ));
    let mut rows = vec![vec![
        "CLUSTER SETTING".to_string(),
        "VALUE".to_string(),
        "APPLIED".to_string(),
    ]];
    for s in &p.settings {
        let (value, when) = match s.phase {
            Phase::LeftToAws => (
                format!("{} (engine default)", s.value),
                "not sent: AWS uses the engine version's default",
            ),
            _ if s.overridden => (format!("{} (override)", s.value), "at restore"),
            _ => (s.value.to_string(), "at restore"),
        };
        rows.push(vec![s.key.to_string(), value, when.to_string()]);
    }
    let tags: Vec<String> = p.tags.iter().map(|(k, v)| format!("{k}={v}")).collect();
    rows.push(vec!["tags".into(), tags.join(", "), "at restore".into()]);
    pr.table(&rows);
    let mut rows = vec![vec![
        "INSTANCE".to_string(),
        "COPY OF".to_string(),
        "SETTINGS (CreateDBInstance)".to_string(),
    ]];
    for m in &p.members {
        let settings: Vec<String> = m.settings.iter().map(|(k, v)| format!("{k}={v}")).collect();
        rows.push(vec![
            m.target.clone(),
            format!(
                "{} ({})",
                m.source,
                if m.writer { "writer" } else { "reader" }
            ),
            settings.join(", "),
        ]);
    }
    pr.table(&rows);
}

/// What `--from-snapshot` names.
#[derive(Debug, Clone, PartialEq)]
enum SnapshotSpec {
    Id(String),
    Latest,
    /// dbtool's newest pre-migrate snapshot whose schema version is below this.
    Before(crate::migrate::version::Version),
}

impl SnapshotSpec {
    fn parse(text: &str) -> Result<SnapshotSpec, UserError> {
        if text == "latest" {
            return Ok(SnapshotSpec::Latest);
        }
        if let Some(v) = text.strip_prefix("before:") {
            return crate::migrate::version::Version::parse(v)
                .map(SnapshotSpec::Before)
                .map_err(|e| {
                    UserError::usage(format!("--from-snapshot {text}: `{v}` is not a version: {e}"))
                        .hint("e.g. --from-snapshot before:42 (the schema version the migration would bring)")
                });
        }
        crate::snapshot::validate_id(text, "--from-snapshot")?;
        Ok(SnapshotSpec::Id(text.to_string()))
    }
}

/// The snapshot `spec` names, available. `latest` and `before:` look at the
/// snapshots of `source` (instance snapshots, else cluster snapshots).
async fn find_snapshot(
    rds: &crate::aws::Rds,
    spec: &SnapshotSpec,
    source: Option<&str>,
    cluster_hint: bool,
) -> anyhow::Result<crate::snapshot::Snapshot> {
    use crate::snapshot::{self as snap, Db};
    let found = match spec {
        SnapshotSpec::Id(id) => snap::find(rds, id).await?.ok_or_else(|| {
            UserError::usage(format!("snapshot `{id}` not found; nothing was changed"))
                .hint("`dbtool snapshot list TARGET` lists a database's snapshots")
        })?,
        SnapshotSpec::Latest | SnapshotSpec::Before(_) => {
            let source = source.unwrap_or_default();
            let mut all = Vec::new();
            for cluster in [cluster_hint, !cluster_hint] {
                all = snap::list(
                    rds,
                    &Db {
                        id: source.to_string(),
                        cluster,
                    },
                )
                .await?;
                if !all.is_empty() {
                    break;
                }
            }
            let chosen = match spec {
                SnapshotSpec::Before(v) => all.into_iter().find(|s| {
                    s.status == "available"
                        && s.by_dbtool()
                        && s.tags.get(snap::TAG_REASON).map(String::as_str)
                            == Some(snap::REASON_PRE_MIGRATE)
                        && match s.tags.get(snap::TAG_SCHEMA_VERSION).map(String::as_str) {
                            Some("none") => true,
                            Some(t) => {
                                crate::migrate::version::Version::parse(t).is_ok_and(|t| t < *v)
                            }
                            None => false,
                        }
                }),
                _ => all.into_iter().find(|s| s.status == "available"),
            };
            chosen.ok_or_else(|| {
                UserError::usage(match spec {
                    SnapshotSpec::Before(v) => format!(
                        "no pre-migrate snapshot of `{source}` below schema version {v}; nothing was changed"
                    ),
                    _ => format!("no available snapshot of `{source}`; nothing was changed"),
                })
                .hint(format!("`dbtool snapshot list {source}` lists its snapshots"))
            })?
        }
    };
    if found.status != "available" {
        return Err(UserError::runtime(format!(
            "snapshot `{}` is `{}`, not available; nothing was changed",
            found.id, found.status
        ))
        .hint("wait for it (`dbtool snapshot list`) and retry")
        .into());
    }
    Ok(found)
}
