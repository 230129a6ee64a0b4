//! The per-invocation context every command receives: the printer, the
//! configuration (loaded once), `--env`, the captured environment, and the
//! entry into the access pipeline (`crate::access`). Reads dbtool.toml and
//! the environment once, in `load`.

use std::path::PathBuf;

use crate::access::{self, AccessArgs, Environ, Intent, Planned, Request, Resolved, Role};
use crate::config::{self, Config, Environment, LoadedConfig, MigrateConfig};
use crate::env_vars as ev;
use crate::error::UserError;
use crate::printer::Printer;
use crate::sandbox::{self, Sandbox};

/// Shared state of one dbtool invocation.
pub struct Context {
    pub printer: Printer,
    /// The configuration file, if one was found.
    pub config: Option<LoadedConfig>,
    /// `--env` as given on the command line (DBTOOL_ENV is in `environ`).
    pub env_flag: Option<String>,
    /// The process environment and libpq's files, read once.
    pub environ: Environ,
    pub cwd: PathBuf,
}

impl Context {
    /// Finds and parses the configuration (`--config`, ./dbtool.toml up to
    /// the repository root, then the user's config.toml) and captures the
    /// environment. An unknown `--env` / DBTOOL_ENV is an error here, before
    /// anything runs.
    pub fn load(
        printer: Printer,
        config_flag: Option<PathBuf>,
        env_flag: Option<String>,
    ) -> anyhow::Result<Context> {
        let cwd = std::env::current_dir()
            .map_err(|e| UserError::runtime("cannot read the working directory").source(e))?;
        let path = config::discover(config_flag.as_deref(), &cwd)?;
        let config = match path {
            Some(p) => Some(config::load(&p)?),
            None => None,
        };
        let ctx = Context {
            printer,
            config,
            env_flag: env_flag.filter(|e| !e.is_empty()),
            environ: Environ::capture(),
            cwd,
        };
        ctx.environment()?;
        Ok(ctx)
    }

    /// A context without configuration or environment (unit tests).
    #[cfg(test)]
    pub fn bare(printer: Printer) -> Context {
        Context {
            printer,
            config: None,
            env_flag: None,
            environ: Environ::default(),
            cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
        }
    }

    pub fn config(&self) -> Option<&Config> {
        self.config.as_ref().map(|c| &c.config)
    }

    /// `--env`, else DBTOOL_ENV.
    pub fn env_name(&self) -> Option<&str> {
        self.env_flag
            .as_deref()
            .or_else(|| self.environ.get(ev::DBTOOL_ENV))
    }

    /// The environment selected by `--env`, DBTOOL_ENV or
    /// `default_environment`, for commands that have no target (migrate new,
    /// lint). Commands with a target use the one `Resolved` names.
    pub fn environment(&self) -> Result<Option<(&str, &Environment)>, UserError> {
        access::selected_environment(self.config(), self.env_name())
    }

    /// A configured environment by name.
    pub fn environment_named(&self, name: &str) -> Option<&Environment> {
        self.config().and_then(|c| c.environments.get(name))
    }

    /// `[migrate]` merged with the selected environment's overrides (no target).
    pub fn migrate_config(&self) -> MigrateConfig {
        let name = self
            .environment()
            .ok()
            .flatten()
            .map(|(n, _)| n.to_string());
        self.migrate_config_for(name.as_deref())
    }

    /// `[migrate]` merged with the named environment's `[environments.X.migrate]`.
    pub fn migrate_config_for(&self, environment: Option<&str>) -> MigrateConfig {
        let Some(config) = self.config() else {
            return MigrateConfig::default();
        };
        match environment.and_then(|n| config.environments.get(n)) {
            Some(env) => config.migrate.merged_with(&env.migrate),
            None => config.migrate.clone(),
        }
    }

    /// The sandbox: DBTOOL_SANDBOX_DIR, then `[sandbox] dir`, then the default directory.
    pub fn sandbox(&self) -> Sandbox {
        if let Some(d) = self.environ.get(ev::DBTOOL_SANDBOX_DIR) {
            return Sandbox::new(d);
        }
        match self.config().and_then(|c| c.sandbox.dir.clone()) {
            Some(d) => Sandbox::new(d),
            None => Sandbox::new(sandbox::default_dir()),
        }
    }

    /// A pipeline request from the access flags, with `--env` filled in.
    pub fn request(&self, args: &AccessArgs, intent: Intent, default_role: Role) -> Request {
        let mut r = args.request(intent, default_role);
        r.env = self.env_flag.clone();
        r
    }

    /// A request from identity flags only (commands whose target is not TARGET).
    pub fn request_identity(
        &self,
        args: &crate::access::IdentityArgs,
        intent: Intent,
        default_role: Role,
    ) -> Request {
        let mut r = args.request(intent, default_role);
        r.env = self.env_flag.clone();
        r
    }

    /// A request naming only TARGET (internal checks: cname's connection test…).
    pub fn request_for(&self, target: &str, intent: Intent, role: Role) -> Request {
        let mut r = Request::new(intent, role).with_target(target);
        r.env = self.env_flag.clone();
        r
    }

    /// The pure half of the pipeline: where the request leads, without any
    /// AWS call (doctor, whoami, dry runs).
    pub fn plan(&self, request: &Request) -> anyhow::Result<Planned> {
        let sandbox = access::SandboxState::capture(&self.sandbox());
        Ok(access::plan(
            self.config(),
            &self.environ,
            &sandbox,
            request,
        )?)
    }

    /// Where the request leads, without role or password checks and without
    /// any AWS call (commands that never connect: logs).
    pub fn locate(&self, request: &Request) -> anyhow::Result<Planned> {
        let sandbox = access::SandboxState::capture(&self.sandbox());
        Ok(access::locate(
            self.config(),
            &self.environ,
            &sandbox,
            request,
        )?)
    }

    /// Which configured environment the request leads to (no role checks).
    pub fn environment_of(&self, request: &Request) -> anyhow::Result<Option<String>> {
        let sandbox = access::SandboxState::capture(&self.sandbox());
        Ok(access::environment_of(
            self.config(),
            &self.environ,
            &sandbox,
            request,
        )?)
    }

    /// The whole pipeline: plan, then effects; see [`access::resolve`].
    pub async fn resolve(&self, request: &Request, yes: bool) -> anyhow::Result<Resolved> {
        let sandbox = access::SandboxState::capture(&self.sandbox());
        access::resolve(
            self.config(),
            &self.environ,
            &sandbox,
            request,
            yes,
            &self.printer,
        )
        .await
    }
}
