//! `dbtool migrate drift [TARGET]`: is the live schema what the migrations
//! say it should be? Builds the expected schema on a throwaway PostgreSQL by
//! applying exactly the versions the target's history says were applied,
//! then compares both catalogs object by object. Read-only on the target
//! (`default_transaction_read_only`). Touches the target (reads), the
//! throwaway cluster.

use crate::access::{AccessArgs, Intent, Role};
use crate::context::Context;
use crate::error::{ExitStatus, UserError};
use crate::migrate::drift::{self, Drift};
use crate::migrate::engine::Engine;
use crate::migrate::rehearsal::Throwaway;
use crate::migrate::settings::Settings;
use crate::migrate::{state, Resolved};
use crate::pg::ConnInfo;

#[derive(Debug, clap::Args)]
pub struct DriftArgs {
    #[command(flatten)]
    pub access: AccessArgs,

    /// Leave out objects, as KIND:NAME with `*` (e.g. table:public.tmp_*, schema:pglogical, extension:rds_*); repeatable
    #[arg(long = "ignore", value_name = "KIND:NAME")]
    pub ignore: Vec<String>,

    /// Compare ownership and privileges too (tables, views, sequences, schemas, functions)
    #[arg(long)]
    pub grants: bool,
}

/// `--ignore` patterns, checked before anything connects. Pure.
pub fn check_ignores(patterns: &[String]) -> Result<(), UserError> {
    for p in patterns {
        drift::check_pattern(p).map_err(|e| {
            UserError::usage(format!("--ignore {e}")).hint(drift::PATTERN_HINT.to_string())
        })?;
    }
    Ok(())
}

/// `[migrate.drift] ignore` of dbtool.toml (the top level and the target's
/// environment, checked when the file was loaded) and then `--ignore`.
fn ignore_patterns(ctx: &Context, args: &DriftArgs) -> Vec<String> {
    let request = ctx.request(&args.access, Intent::Read, Role::Readonly);
    let environment = ctx.environment_of(&request).ok().flatten();
    let mut all = ctx.migrate_config_for(environment.as_deref()).drift.ignore;
    for p in &args.ignore {
        if !all.contains(p) {
            all.push(p.clone());
        }
    }
    all
}

pub async fn run(
    ctx: &Context,
    args: &DriftArgs,
    engine: &Engine,
    resolved: &Resolved,
    settings: &Settings,
    conn: &ConnInfo,
    described: &str,
) -> anyhow::Result<ExitStatus> {
    let p = &ctx.printer;
    // The history first: a checksum that no longer matches a file.
    let (applied, entries, _) = engine.info(resolved).await?;
    let history_errors: Vec<String> = state::validate(&entries, resolved, &applied, true)
        .into_iter()
        .map(|e| format!("{}: {}", e.script, e.message))
        .collect();
    let latest = crate::migrate::rehearsal::latest_applied(&entries);
    // The live catalog, read-only.
    let live = conn.connect().await?;
    live.simple_query("SET default_transaction_read_only = on")
        .await?;
    let target_catalog = drift::read(&live, &settings.table, args.grants).await?;
    drop(live);

    // The expected catalog: the same versions on a throwaway cluster.
    p.status(format!(
        "building the expected schema on a throwaway PostgreSQL (up to version {})",
        latest
            .as_ref()
            .map(|v| v.to_string())
            .unwrap_or_else(|| "none".into())
    ));
    let expected = async {
        let cluster = Throwaway::start()?;
        crate::migrate::rehearsal::apply_up_to(
            &cluster.conn,
            settings,
            latest.as_ref(),
            &conn.user,
            &conn.dbname,
            p,
        )
        .await?;
        let client = cluster.conn.connect().await?;
        drift::read(&client, &settings.table, args.grants).await
    }
    .await;
    let expected = match expected {
        Ok(c) => c,
        Err(e) => {
            p.error(&e.context("cannot build the expected schema from the migrations"));
            p.hint("fix the migrations (`dbtool migrate test` shows which one fails), then compare again");
            return Ok(ExitStatus::Usage);
        }
    };
    let ignore = ignore_patterns(ctx, args);
    let d = drift::compare(&target_catalog, &expected, &ignore);
    print(ctx, &d, &history_errors, described)?;
    Ok(if d.is_empty() && history_errors.is_empty() {
        ExitStatus::Success
    } else {
        ExitStatus::Failure
    })
}

fn print(ctx: &Context, d: &Drift, history: &[String], described: &str) -> anyhow::Result<()> {
    let p = &ctx.printer;
    if p.is_json() {
        return p.json(&serde_json::json!({
            "target": described,
            "history": history,
            "target_only": d.target_only,
            "migrations_only": d.migrations_only,
            "different": d.different.iter().map(|(o, t, m)| serde_json::json!({"object": o, "target": t, "migrations": m})).collect::<Vec<_>>(),
            "drift": !d.is_empty(),
        }));
    }
    if !history.is_empty() {
        p.data("history does not match the files:");
        for h in history {
            p.data(format!("  {h}"));
        }
    }
    if !d.target_only.is_empty() {
        p.data("in TARGET only:");
        for o in &d.target_only {
            p.data(format!("  + {o}"));
        }
    }
    if !d.migrations_only.is_empty() {
        p.data("in migrations only:");
        for o in &d.migrations_only {
            p.data(format!("  - {o}"));
        }
    }
    if !d.different.is_empty() {
        p.data("different:");
        for (o, t, m) in &d.different {
            p.data(format!(
                "  ~ {o}: TARGET has `{t}`, the migrations give `{m}`"
            ));
        }
    }
    let n = d.target_only.len() + d.migrations_only.len() + d.different.len();
    if n == 0 && history.is_empty() {
        p.success(format!(
            "no drift: {described} is what its applied migrations build"
        ));
    } else {
        p.warn(format!(
            "{n} difference(s) between {described} and its applied migrations{}",
            if history.is_empty() {
                String::new()
            } else {
                format!(", {} history problem(s)", history.len())
            }
        ));
    }
    Ok(())
}
