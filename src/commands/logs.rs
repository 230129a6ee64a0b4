//! `dbtool logs`: the PostgreSQL log of an RDS instance (or Aurora cluster)
//! from CloudWatch Logs, every stream merged in time order and read to the
//! end, parsed by `log_line_prefix`, filtered (`--since`, `--until`,
//! `--grep`, `--level`, `--user`, `--slow` with a summary), or followed;
//! when the log is not exported, the instance's log files read with
//! DescribeDBLogFiles + DownloadDBLogFilePortion. Touches CloudWatch Logs,
//! RDS and DNS (a CNAME target).

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::time::Duration;

use chrono::Utc;
use serde_json::json;

use crate::access::{Intent, Kind, Planned, Request, Role, TargetArgs};
use crate::aws::credentials::{self, AwsSpec, MfaOptions};
use crate::aws::{rds, Logs, Rds};
use crate::context::Context;
use crate::error::{ExitStatus, UserError};
use crate::logs::cloudwatch::{self, Follow, Read};
use crate::logs::entry::{self, Assembler, Entry, Event};
use crate::logs::query::{self, Filter, MinLevel, Window};
use crate::logs::slow::{self, Summary};
use crate::logs::{files, render, Columns, JsonEntry, LinePrefix, Place};

/// How often `--follow` polls when `--poll-interval` is not given.
pub const DEFAULT_FOLLOW_INTERVAL: Duration = Duration::from_secs(2);

/// How many statements the `--slow` summary table shows (JSON has all).
pub const SUMMARY_ROWS: usize = 20;

#[derive(Debug, clap::Args)]
pub struct LogsArgs {
    #[command(flatten)]
    pub target: TargetArgs,

    /// Start at TIME: a duration back from now (1h, 30m, 2d) or a time (2023-10-02T10:00Z) [default: 1h before --until or now; 10m with --follow]
    #[arg(long, value_name = "TIME", allow_hyphen_values = true, value_parser = query::time_value)]
    pub since: Option<String>,

    /// Stop at TIME (same forms as --since) [default: now]
    #[arg(long, value_name = "TIME", allow_hyphen_values = true, value_parser = query::time_value, conflicts_with = "follow")]
    pub until: Option<String>,

    /// Keep only entries whose message, detail lines, user or database contain TEXT (case-sensitive)
    #[arg(long, value_name = "TEXT", value_parser = query::non_empty)]
    pub grep: Option<String>,

    /// Keep only entries at least this severe
    #[arg(long, value_name = "LEVEL")]
    pub level: Option<MinLevel>,

    /// Keep only entries of database user USER
    #[arg(long, value_name = "USER", value_parser = query::non_empty)]
    pub user: Option<String>,

    /// Keep only `duration:` entries of at least DURATION (e.g. 500ms) and end with a summary of the slowest statements
    #[arg(long, value_name = "DURATION", allow_hyphen_values = true, value_parser = query::slow_value)]
    pub slow: Option<Duration>,

    /// Keep reading new entries as they arrive, until Ctrl-C (CloudWatch Logs only)
    #[arg(long, short = 'f')]
    pub follow: bool,

    /// How often --follow polls CloudWatch Logs, e.g. 5s
    #[arg(long, value_name = "DURATION", default_value = "2s", value_parser = crate::text::parse_interval, requires = "follow")]
    pub poll_interval: Duration,
}

/// What the log is of: an instance or an Aurora cluster endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Source {
    Instance(String),
    Cluster(String),
}

pub async fn run(ctx: &Context, args: &LogsArgs) -> anyhow::Result<ExitStatus> {
    let default_since = if args.follow {
        query::DEFAULT_FOLLOW_SINCE
    } else {
        query::DEFAULT_SINCE
    };
    let window = query::window(
        args.since.as_deref(),
        args.until.as_deref(),
        default_since,
        Utc::now(),
    )?;
    let mut request = Request::new(Intent::Read, Role::Readonly);
    request.target = args.target.target.clone();
    request.url = args.target.url.clone();
    request.env = ctx.env_flag.clone();
    let planned = match ctx.locate(&request) {
        Ok(p) => p,
        // The sandbox's planning fails when it is not running; its hint
        // (start it) is not what `logs` needs.
        Err(_) if request.target.as_deref() == Some("sandbox") => return Err(not_rds_sandbox().into()),
        Err(_)
            if request.target.is_none()
                && request.url.is_none()
                && ctx.env_name().is_none()
                && ctx.config().and_then(|c| c.default_environment.as_ref()).is_none() =>
        {
            return Err(UserError::usage("name the RDS instance whose log to read")
                .hint("dbtool logs INSTANCE-ID, or an environment of dbtool.toml that sets `instance` (--env NAME)")
                .into())
        }
        Err(e) => return Err(e),
    };
    let env_name = planned
        .environment
        .clone()
        .or_else(|| planned.borrowed_from.clone());
    let source = source_of(ctx, &planned, env_name.as_deref())?;
    let prefix = line_prefix(ctx, env_name.as_deref())?;
    let spec = aws_spec(ctx, &planned, env_name.as_deref());
    let sdk = credentials::load(&spec, &MfaOptions::default(), &ctx.printer).await?;
    let profile = spec.profile.as_deref();
    let place = match &source {
        Source::Instance(id) => {
            let inst = rds::find(&sdk, id, profile).await?.ok_or_else(|| {
                UserError::runtime(format!("RDS instance `{id}` not found")).hint(
                    "check the identifier and the region (`region` in dbtool.toml or AWS_REGION)",
                )
            })?;
            let place = match &inst.cluster {
                Some(c) => Place::cluster_member(c, id),
                None => Place::instance(id),
            };
            (place, Some(inst))
        }
        Source::Cluster(id) => (Place::cluster(id), None),
    };
    let (place, instance) = place;
    let filter = Filter {
        level: args.level,
        grep: args.grep.clone(),
        user: args.user.clone(),
        slow: args.slow,
        window: Some(window),
    };
    let out = Output::new(ctx, args.slow.is_some());
    let logs = Logs::new(&sdk, profile);
    if args.follow {
        return follow(
            ctx,
            &logs,
            &place,
            &prefix,
            &filter,
            window,
            args.poll_interval,
            out,
        )
        .await;
    }
    let read = Read {
        group: &place.group,
        stream_prefix: place.stream_prefix.as_deref(),
        start_ms: window.since.timestamp_millis(),
        end_ms: window.until.map(|u| u.timestamp_millis()),
    };
    let spinner = ctx.printer.spinner(format!("reading {}", place.group));
    let fetched = cloudwatch::read_all(&logs, &read, |pages, events| {
        spinner.set_message(format!(
            "reading {}: page {pages}, {events} events",
            place.group
        ))
    })
    .await;
    spinner.finish_and_clear();
    let fetched =
        fetched.map_err(|e| e.user(format!("cannot read the log group {}", place.group)))?;
    match fetched {
        Some(f) => {
            let mut events: Vec<Event> = f.events.into_iter().map(|(_, e)| e).collect();
            entry::sort_events(&mut events);
            let read_events = events.len();
            let mut out = out;
            out.show(ctx, &prefix, &events, &filter, env_name.as_deref());
            out.finish(
                ctx,
                json!({"log_group": place.group, "stream_prefix": place.stream_prefix, "fallback": false}),
                &window,
            )?;
            ctx.printer.status(format!(
                "read {read_events} event(s) from {} stream(s) of {} in {} page(s), {}: {} entr{} shown",
                f.streams.len(),
                place.group,
                f.pages,
                describe_window(&window),
                out.shown,
                if out.shown == 1 { "y" } else { "ies" }
            ));
            Ok(ExitStatus::Success)
        }
        None => {
            missing_group(ctx, &place, &source, instance.as_ref());
            let Some(id) = &place.instance else {
                return Err(UserError::runtime(format!(
                    "log group {} does not exist, and a cluster has no log files of its own",
                    place.group
                ))
                .hint("name one of the cluster's instances to read its log files: dbtool logs INSTANCE")
                .into());
            };
            fallback(
                ctx,
                &sdk,
                profile,
                id,
                &prefix,
                &filter,
                window,
                out,
                env_name.as_deref(),
            )
            .await
        }
    }
}

/// Says the log group is missing, and how to make RDS export the log.
fn missing_group(ctx: &Context, place: &Place, source: &Source, inst: Option<&rds::Instance>) {
    let exporting = inst.is_some_and(|i| i.log_exports.iter().any(|t| t == "postgresql"));
    if exporting {
        ctx.printer.warn(format!(
            "log group {} does not exist although the instance exports its PostgreSQL log: nothing was logged yet, or the log is in another account or region",
            place.group
        ));
        return;
    }
    ctx.printer.warn(format!(
        "log group {} does not exist: the PostgreSQL log is not exported to CloudWatch Logs",
        place.group
    ));
    let cluster = match source {
        Source::Cluster(c) => Some(c.as_str()),
        Source::Instance(_) => inst.and_then(|i| i.cluster.as_deref()),
    };
    let command = match (cluster, source) {
        (Some(c), _) => format!(
            "aws rds modify-db-cluster --db-cluster-identifier {c} --cloudwatch-logs-export-configuration '{{\"EnableLogTypes\":[\"postgresql\"]}}' --apply-immediately"
        ),
        (None, Source::Instance(id) | Source::Cluster(id)) => crate::logs::enable_command(id),
    };
    ctx.printer.hint(format!(
        "export it (EnableCloudwatchLogsExports=postgresql) with `{command}`; meanwhile dbtool reads the instance's log files"
    ));
}

/// The instance's log files, each read to its end.
#[allow(clippy::too_many_arguments)]
async fn fallback(
    ctx: &Context,
    sdk: &aws_config::SdkConfig,
    profile: Option<&str>,
    instance: &str,
    prefix: &LinePrefix,
    filter: &Filter,
    window: Window,
    mut out: Output,
    env_name: Option<&str>,
) -> anyhow::Result<ExitStatus> {
    let rds = Rds::new(sdk, profile);
    let all = files::list(&rds, instance).await?;
    let chosen = files::select(&all, &window);
    ctx.printer.status(format!(
        "reading {} of the {} log file(s) of `{instance}` ({})",
        chosen.len(),
        all.len(),
        describe_window(&window)
    ));
    let mut events = Vec::new();
    let mut portions = 0;
    for f in &chosen {
        let spinner = ctx.printer.spinner(format!("downloading {}", f.name));
        let text = files::download(&rds, instance, &f.name, |n| {
            spinner.set_message(format!("downloading {}: portion {n}", f.name))
        })
        .await;
        spinner.finish_and_clear();
        let text = text?;
        portions += 1;
        // Lines of a file are in order: one event per line keeps them so.
        events.extend(text.lines().map(|l| Event {
            timestamp_ms: None,
            stream: f.name.clone(),
            message: l.to_string(),
        }));
    }
    let lines = events.len();
    out.show(ctx, prefix, &events, filter, env_name);
    out.finish(
        ctx,
        json!({"instance": instance, "log_files": chosen.iter().map(|f| &f.name).collect::<Vec<_>>(), "fallback": true}),
        &window,
    )?;
    ctx.printer.status(format!(
        "read {lines} line(s) from {} log file(s) of `{instance}` to their end ({portions} file(s) downloaded), {}: {} entr{} shown",
        chosen.len(),
        describe_window(&window),
        out.shown,
        if out.shown == 1 { "y" } else { "ies" }
    ));
    Ok(ExitStatus::Success)
}

/// `--follow`: poll until Ctrl-C (exit 130, docs/exit-codes.md).
#[allow(clippy::too_many_arguments)]
async fn follow(
    ctx: &Context,
    logs: &Logs,
    place: &Place,
    prefix: &LinePrefix,
    filter: &Filter,
    window: Window,
    interval: Duration,
    mut out: Output,
) -> anyhow::Result<ExitStatus> {
    out.streaming = true;
    let mut state = Follow::new(window.since.timestamp_millis());
    let mut first = Some(window.since.timestamp_millis());
    let mut streams = BTreeSet::new();
    let mut read_events = 0usize;
    let mut polls = 0usize;
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    ctx.printer.status(format!(
        "following {} (polling every {}; Ctrl-C stops)",
        place.group,
        humantime::format_duration(interval)
    ));
    loop {
        let start_ms = first.take().unwrap_or_else(|| state.start_ms());
        let read = Read {
            group: &place.group,
            stream_prefix: place.stream_prefix.as_deref(),
            start_ms,
            end_ms: None,
        };
        let fetched = tokio::select! {
            r = cloudwatch::read_all(logs, &read, |_, _| {}) => r,
            _ = &mut ctrl_c => break,
        };
        let fetched = match fetched {
            // A long follow outlives a network blip or throttling: say so, poll again.
            Err(e) if polls > 0 && e.is_transient() => {
                ctx.printer.warn(format!(
                    "reading {} failed ({e}); polling again in {}",
                    place.group,
                    humantime::format_duration(interval)
                ));
                first = Some(start_ms);
                tokio::select! {
                    _ = tokio::time::sleep(interval) => {}
                    _ = &mut ctrl_c => break,
                }
                continue;
            }
            other => other,
        };
        polls += 1;
        let fetched = fetched
            .map_err(|e| e.user(format!("cannot read the log group {}", place.group)))?
            .ok_or_else(|| {
                UserError::runtime(format!(
                    "log group {} does not exist: --follow reads CloudWatch Logs only",
                    place.group
                ))
                .hint(match &place.instance {
                    Some(id) => format!(
                        "export the log with `{}`, or leave out --follow to read the instance's log files",
                        crate::logs::enable_command(id)
                    ),
                    None => "export the cluster's PostgreSQL log to CloudWatch Logs (EnableCloudwatchLogsExports=postgresql)".to_string(),
                })
            })?;
        streams.extend(fetched.streams.iter().cloned());
        let mut events = state.fresh(fetched.events);
        read_events += events.len();
        entry::sort_events(&mut events);
        out.show(ctx, prefix, &events, filter, None);
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = &mut ctrl_c => break,
        }
    }
    out.finish(ctx, json!({"log_group": place.group}), &window)?;
    ctx.printer.status(format!(
        "stopped following {}: read {read_events} event(s) from {} stream(s), {} entr{} shown",
        place.group,
        streams.len(),
        out.shown,
        if out.shown == 1 { "y" } else { "ies" }
    ));
    Ok(ExitStatus::Code(130))
}

/// Where entries go: text lines or JSON on stdout, and the `--slow` summary.
struct Output {
    json: bool,
    colour: bool,
    /// `--follow`: print as entries come (JSON Lines), no closing document.
    streaming: bool,
    slow: Option<Summary>,
    entries: Vec<serde_json::Value>,
    shown: usize,
    lines: usize,
    matched: usize,
}

impl Output {
    fn new(ctx: &Context, slow: bool) -> Output {
        Output {
            json: ctx.printer.is_json(),
            colour: ctx.printer.color && std::io::stdout().is_terminal(),
            streaming: false,
            slow: slow.then(Summary::default),
            entries: Vec::new(),
            shown: 0,
            lines: 0,
            matched: 0,
        }
    }

    /// Assembles `events` (in time order), filters and prints the entries.
    fn show(
        &mut self,
        ctx: &Context,
        prefix: &LinePrefix,
        events: &[Event],
        filter: &Filter,
        env_name: Option<&str>,
    ) {
        let mut a = Assembler::new(prefix);
        for e in events {
            a.push(e);
        }
        let (lines, matched) = (a.lines, a.matched);
        if lines > 0 && matched == 0 && self.matched == 0 && self.lines == 0 {
            ctx.printer.warn(format!(
                "no line matched the log_line_prefix `{}`: entries are shown as they are",
                prefix.as_str()
            ));
            ctx.printer.hint(format!(
                "set `log_line_prefix` in [environments.{}.logs] of dbtool.toml to the instance's parameter (docs/logs.md)",
                env_name.unwrap_or("NAME")
            ));
        }
        self.lines += lines;
        self.matched += matched;
        let entries = a.take();
        let kept: Vec<(&Entry, Option<slow::Timed>)> = entries
            .iter()
            .filter_map(|e| filter.check(e).map(|t| (e, t)))
            .collect();
        let refs: Vec<&Entry> = kept.iter().map(|(e, _)| *e).collect();
        let cols = Columns::fit(&refs);
        for (e, timed) in &kept {
            self.shown += 1;
            if let (Some(s), Some(t)) = (self.slow.as_mut(), timed) {
                s.add(t);
            }
            if self.json {
                let doc = JsonEntry {
                    entry: e,
                    duration_ms: timed.as_ref().map(|t| t.ms),
                };
                let value = serde_json::to_value(&doc).unwrap_or_default();
                if self.streaming {
                    ctx.printer.data(value);
                } else {
                    self.entries.push(value);
                }
            } else {
                for l in render(e, cols, self.colour) {
                    ctx.printer.data(l);
                }
            }
        }
    }

    /// The summary table (text) or the closing JSON document.
    fn finish(
        &mut self,
        ctx: &Context,
        source: serde_json::Value,
        window: &Window,
    ) -> anyhow::Result<()> {
        let groups = self.slow.as_ref().map(Summary::groups);
        if self.json {
            if self.streaming {
                if let Some(g) = groups {
                    ctx.printer.data(json!({ "slow_summary": g }));
                }
                return Ok(());
            }
            let mut doc = json!({
                "source": source,
                "since": crate::restore::time::format_utc(window.since),
                "until": window.until.map(crate::restore::time::format_utc),
                "entries": std::mem::take(&mut self.entries),
            });
            if let Some(g) = groups {
                doc["slow_summary"] = serde_json::to_value(g)?;
            }
            return ctx.printer.json(&doc);
        }
        let Some(groups) = groups else {
            return Ok(());
        };
        if groups.is_empty() {
            ctx.printer.status("no statement over the --slow threshold");
            return Ok(());
        }
        ctx.printer.data("");
        let mut rows = vec![vec![
            "COUNT".to_string(),
            "TOTAL".to_string(),
            "MAX".to_string(),
            "MEAN".to_string(),
            "STATEMENT (normalised)".to_string(),
        ]];
        for g in groups.iter().take(SUMMARY_ROWS) {
            let mut text: String = g.statement.chars().take(100).collect();
            if g.statement.chars().count() > 100 {
                text.push('…');
            }
            rows.push(vec![
                g.count.to_string(),
                slow::format_ms(g.total_ms),
                slow::format_ms(g.max_ms),
                slow::format_ms(g.total_ms / g.count as f64),
                text,
            ]);
        }
        ctx.printer.table(&rows);
        ctx.printer.status(format!(
            "slowest statements by total time: {} of {} shown (--output-format json lists all)",
            groups.len().min(SUMMARY_ROWS),
            groups.len()
        ));
        Ok(())
    }
}

fn describe_window(w: &Window) -> String {
    format!(
        "{} to {}",
        crate::restore::time::format_utc(w.since),
        w.until
            .map(crate::restore::time::format_utc)
            .unwrap_or_else(|| "now".to_string())
    )
}

/// The instance (or cluster) whose log the target is.
fn source_of(ctx: &Context, p: &Planned, env_name: Option<&str>) -> Result<Source, UserError> {
    if p.local || p.kind == Kind::Sandbox {
        return Err(not_rds_sandbox());
    }
    if let Some(id) = &p.instance {
        return Ok(Source::Instance(id.clone()));
    }
    if let Some(id) = env_name
        .and_then(|n| ctx.environment_named(n))
        .and_then(|e| e.instance.clone())
    {
        return Ok(Source::Instance(id));
    }
    let host = p.conn.host.trim_end_matches('.');
    let rds_host = if rds::is_rds_host(host) {
        Some(host.to_string())
    } else if !host.is_empty() && !host.starts_with('/') {
        rds::canonical_name(host).filter(|c| rds::is_rds_host(c))
    } else {
        None
    };
    if let Some(h) = rds_host {
        let labels: Vec<&str> = h.split('.').collect();
        if labels.len() > 1 && labels[1].starts_with("cluster-") {
            return Ok(Source::Cluster(labels[0].to_string()));
        }
        if let Some(id) = rds::instance_from_host(&h) {
            return Ok(Source::Instance(id));
        }
    }
    Err(UserError::usage(format!(
        "`{}` is not an RDS instance, so it has no RDS log",
        p.describe()
    ))
    .hint(match env_name {
        Some(n) => format!("set `instance` in [environments.{n}] of dbtool.toml, or name the instance: dbtool logs INSTANCE-ID"),
        None => "name the RDS instance: dbtool logs INSTANCE-ID (or an environment that sets `instance`)".to_string(),
    }))
}

fn not_rds_sandbox() -> UserError {
    UserError::usage("the target is the local sandbox: `dbtool logs` reads the PostgreSQL log of an RDS instance")
        .hint("name an RDS instance or an environment with `instance` (the sandbox's log is in its directory)")
}

/// `[environments.X.logs] log_line_prefix`, else the RDS default.
fn line_prefix(ctx: &Context, env_name: Option<&str>) -> Result<LinePrefix, UserError> {
    match env_name
        .and_then(|n| ctx.environment_named(n))
        .and_then(|e| e.logs.as_ref())
        .and_then(|l| l.log_line_prefix.as_deref())
    {
        Some(p) => LinePrefix::parse(p).map_err(|e| {
            UserError::usage(e).hint("fix `log_line_prefix` in dbtool.toml (docs/logs.md)")
        }),
        None => Ok(LinePrefix::rds_default()),
    }
}

/// The environment's AWS identity (its `profile` and region), as restore and
/// cname use: reading logs is an operator's action, not a database role's.
fn aws_spec(ctx: &Context, p: &Planned, env_name: Option<&str>) -> AwsSpec {
    let top = ctx.config().and_then(|c| c.region.clone());
    let host_region = rds::region_from_host(&p.conn.host);
    match env_name.and_then(|n| ctx.environment_named(n)) {
        Some(env) => AwsSpec {
            region: env
                .region
                .clone()
                .or(top)
                .or_else(|| env.host.as_deref().and_then(rds::region_from_host))
                .or(host_region),
            profile: env.profile.clone(),
            ..Default::default()
        },
        None => AwsSpec {
            region: p.aws.region.clone().or(top).or(host_region),
            profile: p.aws.profile.clone(),
            ..Default::default()
        },
    }
}
