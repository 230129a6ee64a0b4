//! `dbtool migrate lint --trace --target[=TARGET]` and `--trace --on TARGET`:
//! trace a target's pending migrations. `--target` reads the target's
//! history (read-only), prepares a throwaway PostgreSQL with exactly the
//! versions applied there (`migrate drift`'s code) and traces the pending
//! ones on it; `--on` traces them on the target itself (only the sandbox or a
//! non-production environment) inside one transaction that is rolled back.
//! Touches the target (reads; `--on`: statements rolled back) and the
//! throwaway cluster.

use crate::access::{Kind, Planned};
use crate::commands::lint::report_traced;
use crate::config::Config;
use crate::context::Context;
use crate::error::{ExitStatus, UserError};
use crate::lint::{self, PgVersion};
use crate::migrate::engine::Engine;
use crate::migrate::rehearsal::{self, Throwaway};
use crate::migrate::settings::Settings;
use crate::migrate::trace::{self, TraceFile};
use crate::migrate::{Resolved, State};
use crate::pg::ConnInfo;

/// Where `--on` may run, and why (`the sandbox`, `environment `copy``), or
/// the refusal: a production environment (or its server), or a database that
/// is neither the sandbox nor a configured environment. Pure.
pub fn on_allowed(
    p: &Planned,
    config: Option<&Config>,
    sandbox: Option<&ConnInfo>,
) -> Result<String, UserError> {
    let shown = p.describe();
    let hint = "--on runs only on the sandbox or a configured environment with production = false (e.g. a restored copy); `--trace --target` traces on a throwaway cluster instead";
    if p.production {
        return Err(
            UserError::usage(format!("--on refuses {shown}: it is a production database"))
                .hint(hint),
        );
    }
    if let Some(e) = &p.environment {
        return Ok(format!("environment `{e}`, not production"));
    }
    if p.local || p.kind == Kind::Sandbox {
        return Ok("the sandbox".into());
    }
    let same = |host: &str, port: u16, db: Option<&str>| {
        host.eq_ignore_ascii_case(&p.conn.host)
            && port == p.conn.port
            && db.is_none_or(|d| d == p.conn.dbname)
    };
    if sandbox.is_some_and(|s| same(&s.host, s.port, Some(&s.dbname))) {
        return Ok("the sandbox".into());
    }
    if let Some(c) = config {
        for (name, e) in &c.environments {
            let by_host = e
                .host
                .as_deref()
                .is_some_and(|h| same(h, e.port.unwrap_or(5432), e.database.as_deref()));
            let by_url = e
                .url
                .as_deref()
                .and_then(|u| crate::pg::url::parse(u, "").ok())
                .is_some_and(|u| same(&u.conn.host, u.conn.port, Some(&u.conn.dbname)));
            if by_host || by_url {
                if e.production {
                    return Err(UserError::usage(format!(
                        "--on refuses {shown}: it is environment `{name}`, a production database"
                    ))
                    .hint(hint));
                }
                return Ok(format!("environment `{name}`, not production"));
            }
        }
    }
    Err(UserError::usage(format!(
        "--on refuses {shown}: it is neither the sandbox nor a configured non-production environment"
    ))
    .hint("add it to dbtool.toml as [environments.NAME] (host, port, database or url; production = false) and pass --on NAME"))
}

/// The running sandbox's connection, if it runs.
pub fn running_sandbox(ctx: &Context) -> Option<ConnInfo> {
    let sb = ctx.sandbox();
    sb.running_pid()?;
    sb.conn_info().ok()
}

/// The pending migrations `migrate` would apply, in its order (versioned by
/// version, then repeatables), as trace files.
fn pending_files(
    ctx: &Context,
    resolved: &Resolved,
    entries: &[crate::migrate::InfoEntry],
) -> anyhow::Result<(Vec<TraceFile>, Vec<String>)> {
    let mut chosen: Vec<usize> = Vec::new();
    for repeatable in [false, true] {
        for e in entries {
            let pending =
                matches!(e.state, State::Pending) || (repeatable && e.state == State::Outdated);
            if pending && (e.category == "Repeatable") == repeatable {
                if let Some(i) = e.resolved {
                    if !chosen.contains(&i) {
                        chosen.push(i);
                    }
                }
            }
        }
    }
    let mut files = Vec::new();
    let mut names = Vec::new();
    for i in chosen {
        let m = &resolved.migrations[i];
        if let Some(err) = &m.placeholder_error {
            return Err(UserError::usage(err.clone())
                .hint("set the placeholder in [migrate.placeholders] or the target's environment")
                .into());
        }
        names.push(match &m.version {
            Some(v) => format!("v{v}"),
            None => m.script.clone(),
        });
        let text = m.sql.clone();
        let shown = m.sql.clone();
        files.push(TraceFile {
            file: lint::files::display_path(&m.path, &ctx.cwd),
            sql: m.sql.expose().to_string(),
            traced: true,
            line_of: Box::new(move |off| text.line_col(off).0),
            shown: Box::new(move |r| shown.shown(r)),
        });
    }
    Ok((files, names))
}

/// `--trace --target[=TARGET]` (`on` false) or `--trace --on TARGET` (`on`
/// true; the caller checked [`on_allowed`] before connecting).
#[allow(clippy::too_many_arguments)]
pub async fn run(
    ctx: &Context,
    engine: &Engine,
    resolved: &Resolved,
    settings: &Settings,
    conn: &ConnInfo,
    described: &str,
    on: Option<&str>,
) -> anyhow::Result<ExitStatus> {
    let p = &ctx.printer;
    let (_, entries, _) = engine.info(resolved).await?;
    let prepared: Vec<String> = entries
        .iter()
        .filter(|e| {
            matches!(
                e.state,
                State::Success | State::OutOfOrder | State::Baseline
            )
        })
        .filter_map(|e| e.version.as_ref().map(|v| format!("v{v}")))
        .collect();
    let latest = rehearsal::latest_applied(&entries);
    let (files, pending) = pending_files(ctx, resolved, &entries)?;
    let mut header = serde_json::Map::new();
    header.insert("target".into(), described.into());
    header.insert(
        "mode".into(),
        if on.is_some() { "on" } else { "throwaway" }.into(),
    );
    header.insert("prepared".into(), serde_json::json!(prepared));
    header.insert("traced".into(), serde_json::json!(pending));
    if files.is_empty() {
        if p.is_json() {
            header.insert("statements".into(), serde_json::json!([]));
            p.json(&header)?;
        }
        p.success(format!(
            "trace: nothing pending on {described} (applied: {})",
            list(&prepared)
        ));
        return Ok(ExitStatus::Success);
    }
    let mut interrupt = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())?;
    if let Some(why) = on {
        let pg = server_version(conn).await?;
        p.status(format!(
            "tracing {} on {described} ({why}) in one transaction that is rolled back; applied there: {}",
            list(&pending),
            list(&prepared)
        ));
        let outcome = tokio::select! {
            r = trace::trace_on(conn, &files, pg) => r,
            _ = interrupt.recv() => {
                p.warn(format!("interrupted: the connection was closed, so its transaction was rolled back; nothing was changed on {described}"));
                return Ok(ExitStatus::Code(130));
            }
        };
        return match outcome {
            Ok(t) => {
                p.status(format!("rolled back: {described} is as it was"));
                report_traced(ctx, &t, pg, Some(header))
            }
            Err(e) => {
                p.error(&e.context("the trace stopped; its transaction was rolled back"));
                Ok(ExitStatus::Failure)
            }
        };
    }
    p.status(format!(
        "preparing a throwaway PostgreSQL with {}'s applied migrations ({}), then tracing {}",
        described,
        list(&prepared),
        list(&pending)
    ));
    let cluster = Throwaway::start()?;
    let work = async {
        rehearsal::apply_up_to(
            &cluster.conn,
            settings,
            latest.as_ref(),
            &conn.user,
            &conn.dbname,
            p,
        )
        .await
        .map_err(|e| {
            e.context("cannot prepare the throwaway cluster with the applied migrations")
        })?;
        let pg = server_version(&cluster.conn).await?;
        let t = trace::trace_files(&cluster.conn, &files, pg).await?;
        anyhow::Ok((t, pg))
    };
    let outcome = tokio::select! {
        r = work => r,
        _ = interrupt.recv() => {
            drop(cluster);
            p.warn("interrupted: the throwaway cluster was stopped and removed");
            return Ok(ExitStatus::Code(130));
        }
    };
    drop(cluster);
    match outcome {
        Ok((t, pg)) => report_traced(ctx, &t, pg, Some(header)),
        Err(e) => {
            p.error(&e);
            p.hint("fix the migration (`dbtool migrate test` applies them all), then trace again");
            Ok(ExitStatus::Failure)
        }
    }
}

async fn server_version(conn: &ConnInfo) -> anyhow::Result<PgVersion> {
    let c = conn.connect().await?;
    let n: i32 = c
        .query_one("SELECT current_setting('server_version_num')::int", &[])
        .await?
        .get(0);
    Ok(PgVersion::from_num(n))
}

fn list(v: &[String]) -> String {
    if v.is_empty() {
        "none".into()
    } else {
        v.join(", ")
    }
}
