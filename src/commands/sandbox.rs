//! `dbtool sandbox up|down|status|env|reset`: the local PostgreSQL that dbtool
//! manages. A short script over `crate::sandbox`.

use std::path::PathBuf;

use clap::Subcommand;

use crate::context::Context;
use crate::error::ExitStatus;
use crate::sandbox::Sandbox;
use crate::shell::{render_env, EnvFormat};

#[derive(Debug, clap::Args)]
pub struct SandboxArgs {
    /// Sandbox directory (default: $XDG_DATA_HOME/dbtool/sandbox)
    #[arg(long, global = true, value_name = "DIR", env = "DBTOOL_SANDBOX_DIR")]
    pub dir: Option<PathBuf>,

    #[command(subcommand)]
    pub action: SandboxAction,
}

#[derive(Debug, Subcommand)]
pub enum SandboxAction {
    /// Create the sandbox if needed, start it, and print its URL
    Up {
        /// Listen on this port (default: the last one used, else a free one)
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
        port: Option<u16>,
    },
    /// Stop the sandbox server (its data is kept)
    Down,
    /// Show whether the sandbox exists and runs, and where
    Status,
    /// Print PG* variables for the sandbox, for `eval "$(dbtool sandbox env)"`
    Env {
        /// Shell syntax of the output
        #[arg(long, default_value = "sh")]
        format: EnvFormat,
    },
    /// Stop the sandbox and delete all its data
    Reset {
        /// Do not ask for confirmation
        #[arg(long, short = 'y')]
        yes: bool,
    },
}

pub async fn run(ctx: &Context, args: &SandboxArgs) -> anyhow::Result<ExitStatus> {
    let sandbox = match &args.dir {
        Some(d) => Sandbox::new(absolute(d, ctx)),
        None => ctx.sandbox(),
    };
    let p = &ctx.printer;
    match &args.action {
        SandboxAction::Up { port } => {
            let was_running = sandbox.running_pid().is_some();
            let sb = sandbox.clone();
            let port = port.or_else(|| ctx.config().and_then(|c| c.sandbox.port));
            let conn = tokio::task::spawn_blocking(move || sb.up(port)).await??;
            let status = sandbox.status()?;
            if p.is_json() {
                p.json(&serde_json::json!({
                    "url": conn.url(true),
                    "dir": status.dir,
                    "port": conn.port,
                    "version": status.version,
                    "already_running": was_running,
                }))?;
            } else {
                p.data(conn.url(true));
                let verb = if was_running {
                    "already running"
                } else {
                    "running"
                };
                p.success(format!(
                    "sandbox {verb}: PostgreSQL {} on 127.0.0.1:{} (data in {})",
                    status.version.as_deref().unwrap_or("?"),
                    conn.port,
                    sandbox.dir.display()
                ));
                p.hint("`dbtool migrate` applies ./migrations to it; `eval \"$(dbtool sandbox env)\"` then `psql` opens it");
            }
        }
        SandboxAction::Down => {
            let sb = sandbox.clone();
            let stopped = tokio::task::spawn_blocking(move || sb.down()).await??;
            if stopped {
                p.success("sandbox stopped (data kept; `dbtool sandbox up` starts it again)");
            } else {
                p.status("sandbox was not running");
            }
        }
        SandboxAction::Status => {
            let s = sandbox.status()?;
            if p.is_json() {
                p.json(&s)?;
            } else {
                let state = match (s.initialized, s.running) {
                    (false, _) => "absent",
                    (true, false) => "stopped",
                    (true, true) => "running",
                };
                p.data(format!("state: {state}"));
                p.data(format!("dir: {}", s.dir.display()));
                if let Some(v) = &s.version {
                    p.data(format!("version: {v}"));
                }
                if let Some(port) = s.port {
                    p.data(format!("port: {port}"));
                }
                if let Some(pid) = s.pid {
                    p.data(format!("pid: {pid}"));
                }
                if let Some(url) = &s.url {
                    p.data(format!("url: {url}"));
                }
            }
            // Scripts can test `dbtool sandbox status` like `pg_isready`.
            return Ok(if s.running {
                ExitStatus::Success
            } else {
                ExitStatus::Code(3)
            });
        }
        SandboxAction::Env { format } => {
            let format = if p.is_json() {
                EnvFormat::Json
            } else {
                *format
            };
            if sandbox.running_pid().is_none() {
                return Err(
                    crate::error::UserError::runtime("the sandbox is not running")
                        .hint("start it with `dbtool sandbox up`")
                        .into(),
                );
            }
            let conn = sandbox.conn_info()?;
            print!("{}", render_env(&conn.pg_env(), format));
        }
        SandboxAction::Reset { yes } => {
            if !sandbox.dir.exists() {
                p.status("no sandbox to reset");
                return Ok(ExitStatus::Success);
            }
            crate::prompt::confirm(
                p,
                &format!(
                    "Delete the sandbox in {} and all its data?",
                    sandbox.dir.display()
                ),
                *yes,
            )?;
            let sb = sandbox.clone();
            tokio::task::spawn_blocking(move || sb.reset()).await??;
            p.success(format!("sandbox deleted ({})", sandbox.dir.display()));
            p.hint("`dbtool sandbox up` creates a fresh one");
        }
    }
    Ok(ExitStatus::Success)
}

fn absolute(dir: &std::path::Path, ctx: &Context) -> PathBuf {
    if dir.is_absolute() {
        dir.to_path_buf()
    } else {
        ctx.cwd.join(dir)
    }
}
