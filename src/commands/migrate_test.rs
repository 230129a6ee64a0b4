//! `dbtool migrate test`: the `run-test.sh` replacement. On a private
//! throwaway PostgreSQL: apply every migration, validate, undo each
//! versioned migration that has a U file (newest first, while they have
//! one) and apply them again, apply each repeatable a second time; report
//! per migration; remove the cluster (also on failure and Ctrl-C) unless
//! `--keep`. Touches only that cluster (and `--junit FILE`).

use std::io::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use crate::context::Context;
use crate::error::{ExitStatus, UserError};
use crate::migrate::engine::{self, Engine, Plan};
use crate::migrate::rehearsal::{Case, Report, Throwaway};
use crate::migrate::settings::Settings;
use crate::migrate::state;
use crate::migrate::Kind;

#[derive(Debug, clap::Args)]
pub struct TestArgs {
    /// Leave the throwaway cluster running and print its URL
    #[arg(long)]
    pub keep: bool,

    /// Also write a JUnit XML report to FILE (for CI systems)
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
}

pub async fn run(
    ctx: &Context,
    args: &TestArgs,
    mut settings: Settings,
) -> anyhow::Result<ExitStatus> {
    if let Some(path) = &args.junit {
        if path.is_dir() {
            return Err(
                UserError::usage(format!("--junit {}: is a directory", path.display()))
                    .hint("name a file, e.g. --junit target/migrations.xml")
                    .into(),
            );
        }
    }
    // Placeholders from SSM / Secrets Manager, with the selected environment's AWS identity.
    if !settings.placeholder_sources.is_empty() {
        let sdk = if settings.placeholder_sources.values().any(|s| s.needs_aws()) {
            let env = ctx.environment()?.map(|(_, e)| e);
            let spec = crate::aws::credentials::AwsSpec::of_environment(ctx.config(), env);
            Some(
                crate::aws::credentials::load(
                    &spec,
                    &crate::aws::credentials::MfaOptions::default(),
                    &ctx.printer,
                )
                .await?,
            )
        } else {
            None
        };
        settings.read_sources(&ctx.environ, sdk.as_ref()).await?;
    }
    let p = &ctx.printer;
    let started = Instant::now();
    p.status("starting a throwaway PostgreSQL cluster (never your sandbox)");
    // Ctrl-C from here on (also while the cluster starts) removes it.
    let mut interrupt = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())?;
    let mut cluster = Throwaway::start()?;
    p.status(format!(
        "throwaway cluster on 127.0.0.1:{}",
        cluster.conn.port
    ));
    let outcome = tokio::select! {
        r = rehearse(ctx, &settings, &cluster) => r,
        _ = interrupt.recv() => {
            drop(cluster);
            p.warn("interrupted: the throwaway cluster was stopped and removed");
            return Ok(ExitStatus::Code(130));
        }
    };
    let mut report = outcome?;
    report.total_ms = started.elapsed().as_millis() as i64;
    if args.keep {
        cluster.keep();
        report.kept_url = Some(cluster.conn.url(true));
    }
    if let Some(path) = &args.junit {
        write_atomically(path, &report.junit())?;
    }
    print_report(ctx, &report)?;
    if let Some(url) = &report.kept_url {
        p.data(format!("url: {url}"));
        p.hint(format!(
            "the throwaway cluster in {} keeps running; the next `dbtool migrate test` stops and removes it",
            cluster.sandbox.dir.display()
        ));
    }
    Ok(if report.ok() {
        ExitStatus::Success
    } else {
        ExitStatus::Failure
    })
}

/// The rehearsal itself; migration failures are in the report, errors
/// before anything ran (files, the cluster) are errors.
async fn rehearse(
    ctx: &Context,
    settings: &Settings,
    cluster: &Throwaway,
) -> anyhow::Result<Report> {
    let conn = cluster.conn.clone();
    let now = chrono::Local::now().naive_local();
    let placeholders = settings.placeholders_for(&conn.user, &conn.dbname, now);
    let resolved = engine::load_files(settings, &placeholders)?;
    crate::commands::migrate::report_files(ctx, settings, &resolved)?;
    let mut engine = Engine::connect(&conn, settings, &ctx.printer).await?;
    engine.acquire_lock().await?;
    let result = steps(&mut engine, &resolved).await;
    engine.release_lock().await;
    result
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Versioned => "versioned",
        Kind::Repeatable => "repeatable",
        Kind::Baseline => "baseline",
        Kind::Undo => "undo",
    }
}

fn message(e: &anyhow::Error) -> String {
    match e.downcast_ref::<UserError>() {
        Some(u) => match &u.hint {
            Some(h) => format!("{}\n{h}", u.message),
            None => u.message.clone(),
        },
        None => format!("{e:#}"),
    }
}

async fn steps(engine: &mut Engine, resolved: &crate::migrate::Resolved) -> anyhow::Result<Report> {
    let mut report = Report::default();
    // 1. Everything, as `migrate` would.
    let plan = engine.plan(resolved, false).await?;
    report.cases = plan
        .steps
        .iter()
        .map(|(i, _)| {
            let m = &resolved.migrations[*i];
            Case {
                script: m.script.clone(),
                version: m.version.as_ref().map(|v| v.to_string()),
                kind: kind_name(m.kind).into(),
                applied_ms: None,
                undo: None,
                rerun: None,
                failure: None,
            }
        })
        .collect();
    let repeatables: Vec<_> = plan
        .steps
        .iter()
        .filter(|(i, _)| resolved.migrations[*i].kind == Kind::Repeatable)
        .cloned()
        .collect();
    match engine.apply(resolved, &plan).await {
        Ok(r) => {
            for a in r.applied {
                if let Some(c) = report.cases.iter_mut().find(|c| c.script == a.script) {
                    c.applied_ms = Some(a.execution_time_ms);
                }
            }
        }
        Err(e) => {
            // The first one without a time is the one that failed.
            let (applied, _, _) = engine.info(resolved).await?;
            let done: Vec<&str> = applied
                .iter()
                .filter(|a| a.success)
                .map(|a| a.script.as_str())
                .collect();
            for c in report.cases.iter_mut() {
                if done.contains(&c.script.as_str()) {
                    c.applied_ms.get_or_insert(0);
                }
            }
            match report.cases.iter_mut().find(|c| c.applied_ms.is_none()) {
                Some(c) => c.failure = Some(message(&e)),
                None => report.errors.push(message(&e)),
            }
            return Ok(report);
        }
    }
    // 2. Validate, as `migrate validate` would.
    let (applied, entries, _) = engine.info(resolved).await?;
    for e in state::validate(&entries, resolved, &applied, false) {
        report
            .errors
            .push(format!("{}: {} ({})", e.script, e.message, e.hint));
    }
    // 3. Undo from the newest while each has a U file, then apply them again.
    let mut undone: Vec<String> = Vec::new();
    loop {
        let (applied, entries, _) = engine.info(resolved).await?;
        let Ok(targets) = engine::plan_undo(resolved, &applied, &entries, 1, None) else {
            break;
        };
        let Some((a, u)) = targets.first().cloned() else {
            break;
        };
        if let Err(e) = engine.undo(resolved, &targets).await {
            if let Some(c) = report.cases.iter_mut().find(|c| c.script == a.script) {
                c.undo = Some(false);
                c.failure = Some(format!("its undo {} failed: {}", u.script, message(&e)));
            }
            return Ok(report);
        }
        undone.push(a.script.clone());
    }
    if !undone.is_empty() {
        let again = engine.plan(resolved, false).await?;
        let result = engine.apply(resolved, &again).await;
        for script in &undone {
            if let Some(c) = report.cases.iter_mut().find(|c| &c.script == script) {
                c.undo = Some(result.is_ok());
            }
        }
        if let Err(e) = result {
            // The oldest undone migration that is not applied again failed.
            let (_, entries, _) = engine.info(resolved).await?;
            let ok: Vec<&str> = entries
                .iter()
                .filter(|e| matches!(e.state, state::State::Success | state::State::OutOfOrder))
                .map(|e| e.script.as_str())
                .collect();
            let failed = undone
                .iter()
                .rev()
                .find(|s| !ok.contains(&s.as_str()))
                .cloned();
            for script in &undone {
                if let Some(c) = report.cases.iter_mut().find(|c| &c.script == script) {
                    c.undo =
                        Some(ok.contains(&script.as_str()) && failed.as_deref() != Some(script));
                }
            }
            let target = failed
                .as_deref()
                .and_then(|f| report.cases.iter_mut().find(|c| c.script == f));
            let text = format!(
                "applying it again after its undo failed (the undo did not undo it): {}",
                message(&e)
            );
            match target {
                Some(c) => c.failure = Some(text),
                None => report.errors.push(text),
            }
            return Ok(report);
        }
    }
    // 4. Each repeatable a second time: it must be re-runnable.
    if !repeatables.is_empty() {
        let next = engine.plan(resolved, false).await?;
        let rerun = Plan {
            setup: Vec::new(),
            steps: repeatables.clone(),
            current: next.current,
            next_rank: next.next_rank,
        };
        let result = engine.apply(resolved, &rerun).await;
        let failed_script = match &result {
            Ok(_) => None,
            Err(_) => {
                let (applied, _, _) = engine.info(resolved).await?;
                applied
                    .iter()
                    .rev()
                    .find(|a| !a.success)
                    .map(|a| a.script.clone())
            }
        };
        for (i, _) in &repeatables {
            let script = &resolved.migrations[*i].script;
            if let Some(c) = report.cases.iter_mut().find(|c| &c.script == script) {
                let failed = match &failed_script {
                    Some(f) => f == script,
                    None => result.is_err(),
                };
                c.rerun = Some(!failed);
                if failed {
                    if let Err(e) = &result {
                        c.failure =
                            Some(format!("applying it a second time failed: {}", message(e)));
                    }
                }
            }
        }
        if let (Err(e), true) = (&result, report.cases.iter().all(|c| c.failure.is_none())) {
            report.errors.push(message(e));
        }
    }
    Ok(report)
}

fn print_report(ctx: &Context, r: &Report) -> anyhow::Result<()> {
    let p = &ctx.printer;
    if p.is_json() {
        return p.json(r);
    }
    for c in &r.cases {
        let mut notes = Vec::new();
        if let Some(ms) = c.applied_ms {
            notes.push(format!("{ms} ms"));
        }
        match c.undo {
            Some(true) => notes.push("undo ✓".into()),
            Some(false) => notes.push("undo ✗".into()),
            None => {}
        }
        match c.rerun {
            Some(true) => notes.push("twice ✓".into()),
            Some(false) => notes.push("twice ✗".into()),
            None => {}
        }
        match &c.failure {
            None => p.data(format!("✓ {} ({})", c.script, notes.join(", "))),
            Some(f) => {
                p.data(format!("✗ {}", c.script));
                for line in f.lines() {
                    p.data(format!("    {line}"));
                }
            }
        }
    }
    for e in &r.errors {
        p.data(format!("✗ {e}"));
    }
    let failed = r.cases.iter().filter(|c| c.failure.is_some()).count() + r.errors.len();
    let secs = r.total_ms as f64 / 1000.0;
    if failed == 0 {
        p.success(format!(
            "rehearsed {} migration(s) on a throwaway cluster in {secs:.1} s: applied, validated{}{}",
            r.cases.len(),
            if r.cases.iter().any(|c| c.undo.is_some()) { ", undone and re-applied" } else { "" },
            if r.cases.iter().any(|c| c.rerun.is_some()) { ", repeatables applied twice" } else { "" },
        ));
    } else {
        p.warn(format!(
            "{failed} problem(s) in {} migration(s) ({secs:.1} s)",
            r.cases.len()
        ));
    }
    Ok(())
}

/// Writes `text` to `path` through a temporary file in the same directory.
fn write_atomically(path: &std::path::Path, text: &str) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| std::path::Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| {
        UserError::runtime(format!(
            "--junit {}: cannot write there: {e}",
            path.display()
        ))
    })?;
    tmp.write_all(text.as_bytes())?;
    tmp.persist(path)
        .map_err(|e| UserError::runtime(format!("--junit {}: {}", path.display(), e.error)))?;
    Ok(())
}
