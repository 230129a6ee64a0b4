//! dbtool: a command-line toolkit for PostgreSQL on AWS RDS. The binary in
//! `main.rs` calls [`main_entry`]; everything else is here so tests can reach it.

pub mod access;
pub mod aws;
pub mod cli;
pub mod cname;
pub mod commands;
pub mod config;
pub mod context;
pub mod dump;
pub mod env_vars;
pub mod error;
pub mod lint;
pub mod logs;
pub mod migrate;
pub mod paths;
pub mod pg;
pub mod printer;
pub mod process;
pub mod prompt;
pub mod proxy;
pub mod restore;
pub mod roles;
pub mod sandbox;
pub mod secrets;
pub mod shell;
pub mod snapshot;
pub mod text;
pub mod tools;
pub mod upgrade;

use clap::Parser;

use crate::error::ExitStatus;
use crate::printer::Printer;

/// Parses arguments, runs the command, renders errors; returns the exit code.
pub fn main_entry() -> i32 {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    let g = &cli.global;
    let printer = Printer::new(g.quiet, g.verbose, g.color, g.output_format, g.no_progress);
    // `proxy` relays bytes between sockets: on one thread its wake-ups stay
    // on that thread (no cross-thread hand-offs per message); anything that
    // may block (an MFA prompt) runs on the blocking pool. An offline
    // `migrate lint` awaits nothing: no worker threads to start.
    let one_thread = match &cli.command {
        crate::cli::Command::Proxy(_) => true,
        crate::cli::Command::Migrate(m) => m.is_offline_lint(),
        _ => false,
    };
    let mut builder = if one_thread {
        tokio::runtime::Builder::new_current_thread()
    } else {
        let mut b = tokio::runtime::Builder::new_multi_thread();
        b.worker_threads(2);
        b
    };
    let runtime = builder.enable_all().build();
    let runtime = match runtime {
        Ok(rt) => rt,
        Err(e) => {
            printer.error(&anyhow::Error::new(e).context("cannot start the async runtime"));
            return 1;
        }
    };
    let result = runtime.block_on(async {
        let ctx = context::Context::load(printer.clone(), g.config.clone(), g.environment.clone())?;
        commands::dispatch(&ctx, &cli.command).await
    });
    match result {
        Ok(status) => status.code(),
        Err(err) => {
            printer.error(&err);
            error::exit_status(&err).code()
        }
    }
}

/// Exit status for a finished command (re-exported for tests).
pub fn exit_code(status: ExitStatus) -> i32 {
    status.code()
}
