//! The command-line interface: global flags and the command enum (clap
//! derive). Each command's own arguments live beside it in `src/commands/`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::commands;
use crate::printer::{ColorChoice, OutputFormat};

/// dbtool: PostgreSQL on AWS RDS without the shell scripts
///
/// Connect as readonly, write or admin with IAM tokens, run Flyway-compatible
/// migrations, and manage a local sandbox PostgreSQL. With no configuration,
/// every database command targets the local sandbox (`dbtool sandbox up`).
#[derive(Debug, Parser)]
#[command(
    name = "dbtool",
    version,
    propagate_version = true,
    max_term_width = 100
)]
#[command(after_help = "Documentation: docs/ in the dbtool repository (one page per command).")]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

const GLOBAL: &str = "Global options";

/// Flags every command accepts.
#[derive(Debug, Args, Clone)]
pub struct GlobalArgs {
    /// Read configuration from FILE instead of ./dbtool.toml
    #[arg(long, global = true, value_name = "FILE", env = crate::env_vars::DBTOOL_CONFIG, help_heading = GLOBAL)]
    pub config: Option<PathBuf>,

    /// Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]
    #[arg(long = "env", global = true, value_name = "NAME", help_heading = GLOBAL)]
    pub environment: Option<String>,

    /// Print less: only data, warnings and errors
    #[arg(short, long, global = true, conflicts_with = "verbose", help_heading = GLOBAL)]
    pub quiet: bool,

    /// Print more detail (repeat for even more)
    #[arg(short, long, global = true, action = clap::ArgAction::Count, help_heading = GLOBAL)]
    pub verbose: u8,

    /// When to use colours on stderr (NO_COLOR is honoured with auto)
    #[arg(long, global = true, value_name = "WHEN", default_value = "auto", help_heading = GLOBAL)]
    pub color: ColorChoice,

    /// Format of data printed on stdout
    #[arg(long, global = true, value_name = "FORMAT", default_value = "text", env = crate::env_vars::DBTOOL_OUTPUT_FORMAT, help_heading = GLOBAL)]
    pub output_format: OutputFormat,

    /// Never draw progress bars or spinners
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub no_progress: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a local PostgreSQL that dbtool manages (the default target)
    Sandbox(commands::sandbox::SandboxArgs),
    /// Open psql, pgcli or any client as readonly, write or admin (IAM token, assumed role)
    #[command(visible_alias = "db-connect")]
    Connect(commands::connect::ConnectArgs),
    /// Serve a local PostgreSQL endpoint that signs in upstream with a fresh credential per connection
    ///
    /// For GUI clients, pools and tools that reconnect: every client connection to 127.0.0.1:PORT
    /// opens its own upstream connection with an IAM token minted at that moment (or the password
    /// re-read from its source). Local clients authenticate with a random per-run password (or
    /// --trust-local). Exit codes: 0 after Ctrl-C, 1 on failures, 2 on bad flags. See docs/proxy.md.
    Proxy(commands::proxy::ProxyArgs),
    /// Print PG* variables (with an IAM token) for `eval "$(dbtool env TARGET)"`
    Env(commands::env::EnvArgs),
    /// Show the AWS identity dbtool uses and the cached role sessions
    Whoami(commands::whoami::WhoamiArgs),
    /// Delete cached AWS role sessions
    Logout(commands::whoami::LogoutArgs),
    /// Apply Flyway-compatible migrations (and info, validate, baseline, repair, clean, undo, new)
    Migrate(commands::migrate::MigrateArgs),
    /// Dump a database with pg_dump (filtered, with progress) and load dumps locally
    Dump(commands::dump::DumpArgs),
    /// Manage database users, roles and grants as desired state
    Roles(commands::roles::RolesArgs),
    /// Restore an RDS instance or Aurora cluster to a point in time, as a faithful copy of the source
    Restore(commands::restore::RestoreArgs),
    /// Show or switch the database CNAME (Route53) to a restored instance
    Cname(commands::cname::CnameArgs),
    /// Take, list, delete and prune RDS and Aurora snapshots
    Snapshot(commands::snapshot::SnapshotArgs),
    /// Read an RDS instance's PostgreSQL log: every stream in time order, filtered, slow statements summed
    ///
    /// TARGET leads to an RDS instance (its id, an environment with `instance`, its endpoint or a
    /// CNAME of it) or an Aurora cluster endpoint. The log group /aws/rds/instance/<id>/postgresql
    /// (an Aurora member's streams of /aws/rds/cluster/<cluster>/postgresql) is read from CloudWatch
    /// Logs to the end; without it, the instance's log files are. Exit codes: 0, 1 on AWS failures,
    /// 2 on bad flags, 130 when Ctrl-C ends --follow. See docs/logs.md.
    Logs(commands::logs::LogsArgs),
    /// Plan and apply engine version upgrades of an RDS instance or Aurora cluster, measuring the downtime
    ///
    /// `plan` shows the engine version, the valid upgrade targets, pending maintenance actions,
    /// AutoMinorVersionUpgrade and the maintenance window (UTC and local). `apply --to VERSION`
    /// upgrades now (ModifyDBInstance, or ModifyDBCluster for Aurora) after a confirmation and waits
    /// until the database is available on the new version; with --probe/--probe-target it measures
    /// the unavailability windows. `apply --schedule` turns AutoMinorVersionUpgrade on for the next
    /// maintenance window instead. Exit codes: 0, 1 on failures, 2 on bad flags or a refused
    /// version, 130 when Ctrl-C stops waiting (the upgrade goes on). See docs/upgrade.md.
    Upgrade(commands::upgrade::UpgradeArgs),
    /// Check that everything dbtool needs is installed and configured
    Doctor(commands::doctor::DoctorArgs),
    /// Print shell completions (bash, zsh, fish, elvish, powershell)
    Completions(commands::completions::CompletionsArgs),
}
