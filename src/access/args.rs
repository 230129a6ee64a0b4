//! The option groups every database command flattens: where (`TargetArgs`),
//! as whom (`AccessArgs`), and whether to ask (`ConfirmArgs`). Defined once so
//! flags, help text and their environment variables are the same everywhere.

use super::{Intent, Request, Role};

/// Which database: flattened into every database command.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct TargetArgs {
    /// Database: an environment or database name from dbtool.toml, an RDS instance or Aurora cluster id, `sandbox`, `service:NAME`, a host or a URL
    #[arg(value_name = "TARGET")]
    pub target: Option<String>,

    /// Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
}

impl TargetArgs {
    /// These arguments, with `over`'s wherever `over` sets one (a subcommand's
    /// own TARGET over its parent's).
    pub fn merged(&self, over: &TargetArgs) -> TargetArgs {
        TargetArgs {
            target: over.target.clone().or_else(|| self.target.clone()),
            url: over.url.clone().or_else(|| self.url.clone()),
        }
    }
}

/// Which database, as which role and user: flattened into every database command.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct AccessArgs {
    #[command(flatten)]
    pub target: TargetArgs,

    #[command(flatten)]
    pub identity: IdentityArgs,
}

/// As which role and user (for commands whose target is not a TARGET argument).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct IdentityArgs {
    /// Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command's)
    #[arg(long, short = 'r', value_name = "ROLE", value_parser = Role::parse)]
    pub role: Option<Role>,

    /// Database user to connect as, instead of the role's configured user
    #[arg(long, value_name = "USER", value_parser = non_empty_user)]
    pub user: Option<String>,

    /// MFA code for assuming the role's AWS role (else prompted on a terminal)
    #[arg(long, value_name = "CODE", env = crate::env_vars::DBTOOL_MFA_CODE, hide_env_values = true)]
    pub mfa_code: Option<String>,

    /// Aurora: connect to the cluster's reader endpoint (the replicas) instead of the writer
    #[arg(long)]
    pub reader: bool,
}

impl AccessArgs {
    /// The pipeline request for these arguments.
    pub fn request(&self, intent: Intent, default_role: Role) -> Request {
        Request {
            target: self.target.target.clone(),
            url: self.target.url.clone(),
            ..self.identity.request(intent, default_role)
        }
    }

    /// These arguments with `over`'s wherever `over` sets one.
    pub fn merged(&self, over: &AccessArgs) -> AccessArgs {
        AccessArgs {
            target: self.target.merged(&over.target),
            identity: self.identity.merged(&over.identity),
        }
    }
}

impl IdentityArgs {
    /// A request with these identity settings and no target.
    pub fn request(&self, intent: Intent, default_role: Role) -> Request {
        Request {
            role: self.role.clone(),
            user: self.user.clone(),
            mfa_code: self.mfa_code.clone(),
            reader: self.reader,
            ..Request::new(intent, default_role)
        }
    }

    pub fn merged(&self, over: &IdentityArgs) -> IdentityArgs {
        IdentityArgs {
            role: over.role.clone().or_else(|| self.role.clone()),
            user: over.user.clone().or_else(|| self.user.clone()),
            mfa_code: over.mfa_code.clone().or_else(|| self.mfa_code.clone()),
            reader: over.reader || self.reader,
        }
    }
}

/// Whether to ask: flattened into every command that changes something.
#[derive(clap::Args, Debug, Clone, Copy, Default)]
pub struct ConfirmArgs {
    /// Answer yes to confirmation prompts (needed without a terminal)
    #[arg(long, short = 'y', global = true)]
    pub yes: bool,

    /// Show what would be done; change nothing
    #[arg(long, global = true)]
    pub dry_run: bool,
}

fn non_empty_user(s: &str) -> Result<String, String> {
    if s.trim().is_empty() {
        return Err("a database user name cannot be empty".into());
    }
    if s.len() > 63 {
        return Err("a database user name is at most 63 bytes".into());
    }
    if s.chars().any(|c| c.is_control()) {
        return Err("a database user name cannot hold control characters".into());
    }
    Ok(s.to_string())
}
