//! The access pipeline: how every database command gets from TARGET /
//! `--url` / `--env` / `--role` to a working connection, the same way each
//! time and once per run.
//!
//! ```text
//! AccessArgs (clap) ─▶ Request ─plan()─▶ Planned ─finish()─▶ Resolved
//!                         │      pure: dbtool.toml, Environ        │ effects: DescribeDBInstances,
//!                         │      (env vars, ~/.pgpass, services),  │ CNAME lookup, credentials (MFA),
//!                         │      SandboxState                      │ the session prompt, IAM token
//! ```
//!
//! [`resolve`] is the one function where a target becomes a [`Resolved`].
//! Confirmation is decided by [`policy::confirmation`] for every command
//! alike. Touches AWS (STS, RDS) and DNS in `finish` only.

pub mod args;
pub mod environ;
mod finish;
mod plan;
pub mod policy;
pub mod role;
pub mod service;

use std::ops::Deref;

use serde::Serialize;

pub use args::{AccessArgs, ConfirmArgs, IdentityArgs, TargetArgs};
pub use environ::{Environ, SandboxState};
pub use finish::finish;
pub use plan::{environment_of, is_instance_identifier, locate, plan, selected_environment};
pub use policy::{Confirmation, Intent};
pub use role::Role;

use crate::aws::credentials::{AwsSpec, MfaOptions};
use crate::config::AuthMode;
use crate::pg::ConnInfo;

/// What a command asks of the pipeline.
#[derive(Debug, Clone)]
pub struct Request {
    /// TARGET: an environment, a database name, an RDS instance id, `sandbox`,
    /// `service:NAME`, a host or a URL.
    pub target: Option<String>,
    /// `--url` as given on the command line.
    pub url: Option<String>,
    /// `--env` as given on the command line.
    pub env: Option<String>,
    /// `--role`; `None` takes `default_role`.
    pub role: Option<Role>,
    /// The command's role when `--role` is absent.
    pub default_role: Role,
    /// `--user`: the database user instead of the role's.
    pub user: Option<String>,
    /// `--mfa-code` / DBTOOL_MFA_CODE.
    pub mfa_code: Option<String>,
    pub intent: Intent,
    /// A URL from a tool's own configuration (FLYWAY_URL, flyway.url), below
    /// dbtool's own variables and above DATABASE_URL.
    pub tool_url: Option<ToolUrl>,
    /// Without TARGET, `--url`, `--env` or a URL variable, use the sandbox
    /// even where dbtool.toml names a default environment (`dump load`).
    pub prefer_sandbox: bool,
    /// The environment whose AWS identity and roles an unconfigured RDS
    /// instance uses (e.g. the one whose CNAME is being switched).
    pub lend_env: Option<String>,
    /// `--reader`: an Aurora cluster's reader endpoint.
    pub reader: bool,
    /// The writer endpoint whatever the role says (checks that must see
    /// the primary: cname's SELECT 1 and open-connection report).
    pub force_writer: bool,
}

impl Request {
    /// A request with nothing chosen: the defaults decide.
    pub fn new(intent: Intent, default_role: Role) -> Request {
        Request {
            target: None,
            url: None,
            env: None,
            role: None,
            default_role,
            user: None,
            mfa_code: None,
            intent,
            tool_url: None,
            prefer_sandbox: false,
            lend_env: None,
            reader: false,
            force_writer: false,
        }
    }

    /// The same request naming TARGET.
    pub fn with_target(mut self, target: impl Into<String>) -> Request {
        self.target = Some(target.into());
        self
    }

    pub fn role(&self) -> Role {
        self.role
            .clone()
            .unwrap_or_else(|| self.default_role.clone())
    }
}

/// A connection URL from another tool's configuration, with the user and
/// password that configuration gives beside it.
#[derive(Debug, Clone)]
pub struct ToolUrl {
    pub url: String,
    pub user: Option<String>,
    pub password: Option<String>,
    /// Where it came from, for messages: `FLYWAY_URL`, `flyway.conf`…
    pub origin: String,
}

/// What kind of place the target is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The local dbtool sandbox (also a `sandbox = true` environment).
    Sandbox,
    /// A configured environment.
    Environment,
    /// A connection URL or keyword/value string.
    Url,
    /// A host name (RDS endpoint or any server).
    Host,
    /// An RDS instance or Aurora cluster looked up with DescribeDBInstances
    /// / DescribeDBClusters.
    Instance,
    /// A pg_service.conf service.
    Service,
    /// The libpq variables PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD.
    Libpq,
}

/// Which input chose the target (flag > environment variable > dbtool.toml > default).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// The TARGET argument.
    Target,
    /// `--url`.
    UrlFlag,
    /// `--env`.
    EnvFlag,
    /// DBTOOL_DATABASE_URL.
    DbtoolDatabaseUrl,
    /// DBTOOL_ENV.
    DbtoolEnv,
    /// A tool's configuration (FLYWAY_URL, flyway.conf).
    ToolUrl(String),
    /// DATABASE_URL.
    DatabaseUrl,
    /// PGHOST and friends.
    Libpq,
    /// `default_environment` in dbtool.toml.
    DefaultEnvironment,
    /// Nothing named a target and no environment is configured: the sandbox.
    Default,
    /// The command's own default (dump load: the sandbox).
    CommandDefault,
}

impl Origin {
    /// How people read it: "the TARGET argument", "DATABASE_URL"…
    pub fn describe(&self) -> String {
        match self {
            Origin::Target => "the TARGET argument".into(),
            Origin::UrlFlag => "--url".into(),
            Origin::EnvFlag => "--env".into(),
            Origin::DbtoolDatabaseUrl => "DBTOOL_DATABASE_URL".into(),
            Origin::DbtoolEnv => "DBTOOL_ENV".into(),
            Origin::ToolUrl(o) => o.clone(),
            Origin::DatabaseUrl => "DATABASE_URL".into(),
            Origin::Libpq => "the libpq variables (PGHOST…)".into(),
            Origin::DefaultEnvironment => "default_environment in dbtool.toml".into(),
            Origin::Default => "the default (no environments configured): the sandbox".into(),
            Origin::CommandDefault => "this command's default: the sandbox".into(),
        }
    }
}

/// Where the password comes from (never the password itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "from", content = "name")]
pub enum PasswordSource {
    /// No password: trust/peer authentication, or the server will refuse.
    None,
    /// An RDS IAM token minted for this connection.
    IamToken,
    /// Written in the URL or connection string.
    Url,
    /// The sandbox's own password file.
    Sandbox,
    /// An environment variable (PGPASSWORD, or a role's `password_env`).
    EnvVar(String),
    /// The password file (~/.pgpass or PGPASSFILE).
    PasswordFile(String),
    /// A pg_service.conf entry.
    ServiceFile(String),
    /// A tool's configuration (flyway.password, FLYWAY_PASSWORD).
    ToolConfig(String),
    /// A value source of dbtool.toml (`ssm:/app/api/password`…), read in `finish`.
    Stored(String),
}

/// A value dbtool.toml names by its source, read by `finish` (never before
/// anything is planned, never written anywhere).
#[derive(Debug, Clone)]
pub struct Pending {
    pub field: Field,
    pub source: crate::secrets::Source,
    /// Where it was asked for: `dbtool.toml:12:8 (environments.prod.roles.api.password)`.
    pub at: String,
}

/// What a pending value fills in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    User,
    Password,
}

/// The pure result of planning: where to go, as whom, and what the effects
/// still have to find out (an instance's endpoint, the IAM token).
#[derive(Debug, Clone)]
pub struct Planned {
    /// The connection; `host` is empty while an instance is still to be looked up.
    pub conn: ConnInfo,
    pub kind: Kind,
    pub origin: Origin,
    /// The configured environment the target is.
    pub environment: Option<String>,
    /// The environment whose AWS identity and roles an unconfigured instance uses.
    pub borrowed_from: Option<String>,
    /// `production = true` on that environment.
    pub production: bool,
    /// The environment's `confirm` setting.
    pub env_confirm: Option<bool>,
    pub role: Role,
    /// The role's own `confirm` setting.
    pub role_confirm: Option<bool>,
    pub auth: AuthMode,
    pub aws: AwsSpec,
    /// RDS instance or Aurora cluster to look up (DescribeDBInstances, then
    /// DescribeDBClusters).
    pub instance: Option<String>,
    /// The identifier is configured as an Aurora `cluster`: look it up as one.
    pub cluster_first: bool,
    /// The Aurora endpoint asked for (`--reader`, a role's `endpoint`);
    /// `None`: the writer.
    pub endpoint: Option<crate::aws::rds::Endpoint>,
    /// What the lookup found, once `finish` has run.
    pub found: Option<Found>,
    /// The nearest configured name, for "did you mean" if the instance lookup fails.
    pub suggestion: Option<String>,
    /// The client `connect` runs by default (environment `client`).
    pub client: Option<String>,
    pub password: PasswordSource,
    /// pgjdbc's `currentSchema` from a JDBC URL (Flyway's default schema).
    pub current_schema: Option<String>,
    /// Things the user should know (ignored URL parameters, inherited variables…).
    pub warnings: Vec<String>,
    /// The local sandbox (or a `sandbox = true` environment).
    pub local: bool,
    /// The database name was given (URL path, `database`, PGDATABASE…), not defaulted.
    pub dbname_given: bool,
    /// User or password still to be read from SSM, Secrets Manager or a variable.
    pub pending: Vec<Pending>,
    pub intent: Intent,
    /// The local user (audit log, application_name); `None` when neither
    /// `$USER` nor the password database knows (the AWS identity is asked then).
    pub local_user: Option<String>,
}

/// The RDS resource a looked-up target turned out to be.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Found {
    /// An RDS instance (a member of `cluster` when it is an Aurora instance).
    Instance { id: String, cluster: Option<String> },
    /// An Aurora cluster, reached through `endpoint`.
    Cluster {
        id: String,
        endpoint: crate::aws::rds::Endpoint,
    },
}

impl Found {
    /// "RDS instance `x`", "Aurora cluster `c` (reader endpoint)"…
    pub fn describe(&self) -> String {
        match self {
            Found::Instance { id, cluster: None } => format!("RDS instance `{id}`"),
            Found::Instance {
                id,
                cluster: Some(c),
            } => format!("instance `{id}` of Aurora cluster `{c}`"),
            Found::Cluster { id, endpoint } => {
                format!("Aurora cluster `{id}` ({})", endpoint.describe())
            }
        }
    }
}

impl Planned {
    /// A short description for banners and prompts: `production · notifydb@host:5432`.
    pub fn describe(&self) -> String {
        let host = if self.conn.host.is_empty() {
            self.instance.clone().unwrap_or_default()
        } else {
            self.conn.host.clone()
        };
        let mut place = format!("{}@{}:{}", self.conn.dbname, host, self.conn.port);
        if let Some(
            f @ (Found::Cluster { .. }
            | Found::Instance {
                cluster: Some(_), ..
            }),
        ) = &self.found
        {
            place = format!("{place} ({})", f.describe());
        }
        match (&self.environment, self.kind) {
            (Some(e), _) => format!("{e} · {place}"),
            (None, Kind::Sandbox) => format!("sandbox · {place}"),
            (None, _) => place,
        }
    }

    /// Whether the effects stage has AWS work to do.
    pub fn needs_aws(&self) -> bool {
        self.instance.is_some()
            || self.auth == AuthMode::Iam
            || self.pending.iter().any(|p| p.source.needs_aws())
    }
}

/// A target ready to connect to: the plan, the final connection (endpoint
/// found, token minted), and the confirmation the command must obtain
/// before it changes anything.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub planned: Planned,
    /// The final connection (shadows `planned.conn`).
    pub conn: ConnInfo,
    /// When the IAM token stops letting new connections in.
    pub token_expires: Option<chrono::DateTime<chrono::Utc>>,
    /// What [`policy::confirmation`] asks for this intent, if anything.
    pub confirmation: Option<Confirmation>,
    /// The local user, never empty.
    pub local_user: String,
}

impl Deref for Resolved {
    type Target = Planned;
    fn deref(&self) -> &Planned {
        &self.planned
    }
}

impl Resolved {
    /// Like [`Planned::describe`], with the endpoint found.
    pub fn describe(&self) -> String {
        let mut p = self.planned.clone();
        p.conn = self.conn.clone();
        p.describe()
    }

    /// `dbtool/<role>/<local user>`, so server logs show who connected.
    pub fn application_name(&self) -> String {
        format!("dbtool/{}/{}", self.role, self.local_user)
    }

    /// Like [`Resolved::confirm`] for another intent than the request's
    /// (roles apply that turns out to drop roles is a Destroy).
    pub fn confirm_as(
        &self,
        intent: Intent,
        printer: &crate::printer::Printer,
        what: &str,
        yes: bool,
    ) -> anyhow::Result<()> {
        match policy::confirmation(&self.planned, intent) {
            Some(c) => c.ask(printer, what, &self.describe(), &self.conn.dbname, yes),
            None => Ok(()),
        }
    }

    /// Asks the confirmation the policy requires for `what` ("apply 3
    /// migration(s) to"), unless `yes`. Nothing is asked when the policy
    /// requires nothing.
    pub fn confirm(
        &self,
        printer: &crate::printer::Printer,
        what: &str,
        yes: bool,
    ) -> anyhow::Result<()> {
        match &self.confirmation {
            Some(c) => c.ask(printer, what, &self.describe(), &self.conn.dbname, yes),
            None => Ok(()),
        }
    }
}

/// The whole pipeline for one command: plan (pure), then the effects. The
/// session prompt (connect, env) is asked inside, before any MFA prompt when
/// the host is already known; other intents leave it to the command
/// ([`Resolved::confirm`]), which knows what it is about to change.
pub async fn resolve(
    config: Option<&crate::config::Config>,
    environ: &Environ,
    sandbox: &SandboxState,
    request: &Request,
    yes: bool,
    printer: &crate::printer::Printer,
) -> anyhow::Result<Resolved> {
    let planned = plan(config, environ, sandbox, request)?;
    for w in &planned.warnings {
        printer.warn(w);
    }
    let mfa = MfaOptions {
        code: request.mfa_code.clone().filter(|c| !c.is_empty()),
    };
    finish(planned, environ, &mfa, yes, printer).await
}
