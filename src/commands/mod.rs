//! One module per command; `dispatch` routes a parsed command to its `run`.

pub mod cname;
pub mod completions;
pub mod connect;
pub mod doctor;
pub mod dump;
pub mod env;
pub mod lint;
pub mod lint_trace;
pub mod logs;
pub mod migrate;
pub mod migrate_drift;
pub mod migrate_test;
pub mod proxy;
pub mod restore;
pub mod roles;
pub mod sandbox;
pub mod snapshot;
pub mod upgrade;
pub mod whoami;

use crate::cli::Command;
use crate::context::Context;
use crate::error::ExitStatus;

pub async fn dispatch(ctx: &Context, command: &Command) -> anyhow::Result<ExitStatus> {
    match command {
        Command::Sandbox(args) => sandbox::run(ctx, args).await,
        Command::Connect(args) => connect::run(ctx, args).await,
        Command::Proxy(args) => proxy::run(ctx, args).await,
        Command::Env(args) => env::run(ctx, args).await,
        Command::Whoami(args) => whoami::run(ctx, args).await,
        Command::Logout(args) => whoami::logout(ctx, args).await,
        Command::Migrate(args) => migrate::run(ctx, args).await,
        Command::Dump(args) => dump::run(ctx, args).await,
        Command::Roles(args) => roles::run(ctx, args).await,
        Command::Restore(args) => restore::run(ctx, args).await,
        Command::Cname(args) => cname::run(ctx, args).await,
        Command::Snapshot(args) => snapshot::run(ctx, args).await,
        Command::Logs(args) => logs::run(ctx, args).await,
        Command::Upgrade(args) => upgrade::run(ctx, args).await,
        Command::Doctor(args) => doctor::run(ctx, args).await,
        Command::Completions(args) => completions::run(ctx, args),
    }
}
