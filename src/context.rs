//! The per-invocation context every command receives: the printer, the
//! configuration (loaded once), the selected environment, and target
//! resolution. Settings are resolved here once: flag > env var > dbtool.toml > default.

use std::path::PathBuf;

use crate::config::{self, Config, Environment, LoadedConfig, MigrateConfig};
use crate::error::UserError;
use crate::printer::Printer;
use crate::sandbox::{self, Sandbox};
use crate::target::{self, Resolved, TargetArgs};

/// Shared state of one dbtool invocation.
pub struct Context {
    pub printer: Printer,
    /// The configuration file, if one was found.
    pub config: Option<LoadedConfig>,
    /// `--env` / `DBTOOL_ENV`.
    pub env_flag: Option<String>,
    pub cwd: PathBuf,
}

impl Context {
    /// Finds and parses the configuration (`--config`, ./dbtool.toml up to
    /// the repository root, then the user's config.toml).
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
            env_flag,
            cwd,
        };
        // An unknown --env is an error before anything runs.
        ctx.environment()?;
        Ok(ctx)
    }

    /// A context without configuration (tests, library callers).
    pub fn bare(printer: Printer) -> Context {
        Context {
            printer,
            config: None,
            env_flag: None,
            cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
        }
    }

    pub fn config(&self) -> Option<&Config> {
        self.config.as_ref().map(|c| &c.config)
    }

    /// The environment selected by `--env` or `default_environment`, if any.
    pub fn environment(&self) -> Result<Option<(&str, &Environment)>, UserError> {
        target::selected_environment(self.config(), self.env_flag.as_deref())
    }

    /// A configured environment by name.
    pub fn environment_named(&self, name: &str) -> Option<&Environment> {
        self.config().and_then(|c| c.environments.get(name))
    }

    /// `[migrate]` merged with the selected environment's `[environments.X.migrate]`.
    pub fn migrate_config(&self) -> MigrateConfig {
        let name = self
            .environment()
            .ok()
            .flatten()
            .map(|(n, _)| n.to_string());
        self.migrate_config_for(name.as_deref())
    }

    /// `[migrate]` merged with the named environment's overrides (for a
    /// target that resolved to that environment).
    pub fn migrate_config_for(&self, environment: Option<&str>) -> MigrateConfig {
        let Some(config) = self.config() else {
            return MigrateConfig::default();
        };
        match environment.and_then(|n| config.environments.get(n)) {
            Some(env) => config.migrate.merged_with(&env.migrate),
            None => config.migrate.clone(),
        }
    }

    /// The sandbox: `DBTOOL_SANDBOX_DIR`, then `[sandbox] dir`, then the default directory.
    pub fn sandbox(&self) -> Sandbox {
        if let Some(d) = std::env::var_os("DBTOOL_SANDBOX_DIR").filter(|d| !d.is_empty()) {
            return Sandbox::new(d);
        }
        match self.config().and_then(|c| c.sandbox.dir.clone()) {
            Some(d) => Sandbox::new(d),
            None => Sandbox::new(sandbox::default_dir()),
        }
    }

    /// Resolves the target with the `readonly` role unless `--role` says
    /// otherwise. Read-only commands (dump, info) use this.
    pub async fn resolve_target(&self, args: &TargetArgs) -> anyhow::Result<Resolved> {
        self.resolve_target_as(args, "readonly", None).await
    }

    /// Resolves the target as `role` (e.g. `write` for migrate, which changes
    /// the schema), with an optional database user override (`--user`). IAM
    /// targets get their token here (MFA code from `DBTOOL_MFA_CODE` or a prompt).
    pub async fn resolve_target_as(
        &self,
        args: &TargetArgs,
        role: &str,
        user: Option<&str>,
    ) -> anyhow::Result<Resolved> {
        self.resolve_target_with(args, role, user, &crate::access::mfa_from_env())
            .await
    }

    /// Like [`Context::resolve_target_as`], with explicit MFA options (`--mfa-code`).
    pub async fn resolve_target_with(
        &self,
        args: &TargetArgs,
        role: &str,
        user: Option<&str>,
        mfa: &crate::aws::credentials::MfaOptions,
    ) -> anyhow::Result<Resolved> {
        let planned = self.plan_target(args, role, user)?;
        crate::access::finish(planned, mfa, &self.printer).await
    }

    /// The pure part of target resolution (no AWS calls).
    pub fn plan_target(
        &self,
        args: &TargetArgs,
        role: &str,
        user: Option<&str>,
    ) -> anyhow::Result<Resolved> {
        let sandbox = self.sandbox();
        let inputs = target::Inputs {
            config: self.config(),
            env_flag: self.env_flag.as_deref(),
            sandbox: &sandbox,
            role,
            user_override: user,
        };
        target::resolve(args, &inputs)
    }
}
