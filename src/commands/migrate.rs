//! `dbtool migrate`: Flyway-compatible migrations (up, info, validate,
//! baseline, repair, clean, undo, new). A short script over `crate::migrate`;
//! touches the migration files and PostgreSQL through it.

use std::path::{Path, PathBuf};

use crate::access::{AccessArgs, ConfirmArgs, Intent, Resolved as Target, Role, ToolUrl};
use crate::aws::credentials::{self, MfaOptions};
use crate::config::MigrateConfig;
use crate::context::Context;
use crate::error::{ExitStatus, UserError};
use crate::migrate::engine::{self, Engine};
use crate::migrate::settings::{self, Layer, Settings};
use crate::migrate::state::{self, State};
use crate::migrate::{Resolved, Version};

const MIGRATE: &str = "Migration options";

/// Apply Flyway-compatible migrations; `dbtool migrate` alone is `migrate up`
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Settings come from flags, then FLYWAY_* variables, then [migrate] in dbtool.toml, then flyway.conf / flyway.toml. See docs/migrate.md."
)]
pub struct MigrateArgs {
    #[command(subcommand)]
    pub command: Option<MigrateCommand>,

    #[command(flatten)]
    pub access: AccessArgs,

    #[command(flatten)]
    pub opts: Box<MigrateOpts>,
}

impl MigrateArgs {
    /// `migrate lint` without `--trace`: files only, no connection, nothing
    /// concurrent on the async runtime (the files are parsed on threads of
    /// its own), so it needs no runtime worker threads.
    pub fn is_offline_lint(&self) -> bool {
        matches!(&self.command, Some(MigrateCommand::Lint(l)) if !l.trace)
    }
}

#[derive(Debug, clap::Subcommand)]
pub enum MigrateCommand {
    /// Apply pending migrations (the default)
    Up(TargetOnly),
    /// Show every migration with its state
    Info(TargetOnly),
    /// Check the applied migrations against the files
    Validate(ValidateArgs),
    /// Start the history of an existing database at the baseline version
    Baseline(TargetOnly),
    /// Remove failed rows, realign checksums, mark missing migrations deleted
    Repair(TargetOnly),
    /// Drop every object in the managed schemas
    Clean(CleanArgs),
    /// Revert the latest applied migrations with their U files
    Undo(UndoArgs),
    /// Create the next versioned migration file
    New(NewArgs),
    /// Check migrations for operations that lock or rewrite busy tables
    Lint(crate::commands::lint::LintArgs),
    /// Rehearse on a throwaway PostgreSQL: apply all, validate, undo and re-apply, repeatables twice (never your sandbox)
    Test(crate::commands::migrate_test::TestArgs),
    /// Compare the live schema with what its applied migrations build (read-only on the target)
    Drift(crate::commands::migrate_drift::DriftArgs),
}

#[derive(Debug, clap::Args)]
pub struct TargetOnly {
    #[command(flatten)]
    pub access: AccessArgs,
}

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub access: AccessArgs,
    /// Accept migrations not applied yet (Flyway counts them as errors)
    #[arg(long)]
    pub allow_pending: bool,
}

#[derive(Debug, clap::Args)]
pub struct CleanArgs {
    #[command(flatten)]
    pub access: AccessArgs,
    /// Allow clean even though clean_disabled is true (never on production)
    #[arg(long)]
    pub allow_clean: bool,
}

#[derive(Debug, clap::Args)]
pub struct UndoArgs {
    #[command(flatten)]
    pub access: AccessArgs,
    /// Number of migrations to undo, newest first
    #[arg(long, default_value_t = 1, conflicts_with = "to")]
    pub count: usize,
    /// Undo every applied migration above VERSION
    #[arg(long, value_name = "VERSION")]
    pub to: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// What the migration does (words are joined with underscores)
    #[arg(required = true, value_name = "DESCRIPTION")]
    pub description: Vec<String>,
    /// Create a repeatable migration (R__…) instead of a versioned one
    #[arg(long)]
    pub repeatable: bool,
}

/// Options shared by every migrate subcommand.
#[derive(Debug, clap::Args, Default)]
pub struct MigrateOpts {
    #[command(flatten)]
    pub deploy: crate::lint::deploy::DeployLintArgs,

    /// Read Flyway settings from FILE (default: ./flyway.toml or ./flyway.conf)
    #[arg(long, global = true, value_name = "FILE", help_heading = MIGRATE)]
    pub flyway_config: Option<PathBuf>,

    /// Directories holding migrations, comma-separated (`filesystem:` accepted) [env: FLYWAY_LOCATIONS]
    #[arg(long, global = true, value_name = "DIR", value_delimiter = ',', help_heading = MIGRATE)]
    pub locations: Vec<String>,

    /// Schemas to manage; the first holds the history table [env: FLYWAY_SCHEMAS]
    #[arg(long, global = true, value_name = "SCHEMA", value_delimiter = ',', help_heading = MIGRATE)]
    pub schemas: Vec<String>,

    /// Schema put first on search_path while migrating [env: FLYWAY_DEFAULT_SCHEMA]
    #[arg(long, global = true, value_name = "SCHEMA", help_heading = MIGRATE)]
    pub default_schema: Option<String>,

    /// Name of the history table (default flyway_schema_history) [env: FLYWAY_TABLE]
    #[arg(long, global = true, value_name = "NAME", help_heading = MIGRATE)]
    pub table: Option<String>,

    /// Set a placeholder, `${KEY}` in SQL (repeatable) [env: FLYWAY_PLACEHOLDERS_<KEY>]
    #[arg(long = "placeholder", global = true, value_name = "KEY=VALUE", help_heading = MIGRATE)]
    pub placeholders: Vec<String>,

    /// Leave `${…}` in SQL untouched
    #[arg(long, global = true, help_heading = MIGRATE)]
    pub no_placeholder_replacement: bool,

    /// Baseline a non-empty database without history on the first migrate [env: FLYWAY_BASELINE_ON_MIGRATE]
    #[arg(long, global = true, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", help_heading = MIGRATE)]
    pub baseline_on_migrate: Option<bool>,

    /// Version `baseline` records (default 1) [env: FLYWAY_BASELINE_VERSION]
    #[arg(long, global = true, value_name = "VERSION", help_heading = MIGRATE)]
    pub baseline_version: Option<String>,

    /// Description `baseline` records [env: FLYWAY_BASELINE_DESCRIPTION]
    #[arg(long, global = true, value_name = "TEXT", help_heading = MIGRATE)]
    pub baseline_description: Option<String>,

    /// Apply migrations older than the current version [env: FLYWAY_OUT_OF_ORDER]
    #[arg(long, global = true, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", help_heading = MIGRATE)]
    pub out_of_order: Option<bool>,

    /// Validate before migrating (default true) [env: FLYWAY_VALIDATE_ON_MIGRATE]
    #[arg(long, global = true, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", help_heading = MIGRATE)]
    pub validate_on_migrate: Option<bool>,

    /// Migrate up to VERSION (`latest`, `current` or a version) [env: FLYWAY_TARGET]
    #[arg(long, global = true, value_name = "VERSION", help_heading = MIGRATE)]
    pub target_version: Option<String>,

    /// Allow transactional and non-transactional statements in one file [env: FLYWAY_MIXED]
    #[arg(long, global = true, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", help_heading = MIGRATE)]
    pub mixed: Option<bool>,

    /// Apply all pending migrations in one transaction [env: FLYWAY_GROUP]
    #[arg(long, global = true, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", help_heading = MIGRATE)]
    pub group: Option<bool>,

    /// Value recorded in installed_by (default: the database user) [env: FLYWAY_INSTALLED_BY]
    #[arg(long, global = true, value_name = "NAME", help_heading = MIGRATE)]
    pub installed_by: Option<String>,

    /// lock_timeout for each migration, e.g. 5s (1ms to 24d); 0 turns it off
    #[arg(long, global = true, value_name = "DURATION", value_parser = settings::parse_lock_timeout, help_heading = MIGRATE)]
    pub lock_timeout: Option<std::time::Duration>,

    /// Retries of a migration that hit lock_timeout (default 3)
    #[arg(long, global = true, value_name = "N", help_heading = MIGRATE)]
    pub lock_retries: Option<u32>,

    /// How long to wait for another runner's migration lock (default 10m)
    #[arg(long, global = true, value_name = "DURATION", help_heading = MIGRATE)]
    pub lock_wait: Option<String>,

    /// Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]
    #[arg(long, global = true, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", help_heading = MIGRATE)]
    pub validate_migration_naming: Option<bool>,

    /// Snapshot the environment's RDS instance or Aurora cluster before applying anything, when something is pending (default: `snapshot_before_migrate`)
    #[arg(long, global = true, help_heading = MIGRATE)]
    pub snapshot: bool,

    /// After a --snapshot run, keep this many of dbtool's pre-migrate snapshots and delete older ones (default: `keep_snapshots`)
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1000), help_heading = MIGRATE)]
    pub keep_snapshots: Option<u32>,

    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

fn usage(e: String) -> anyhow::Error {
    UserError::usage(e).into()
}

/// The flags as a settings layer.
fn flags_layer(o: &MigrateOpts) -> anyhow::Result<Layer> {
    let mut m = MigrateConfig {
        locations: (!o.locations.is_empty()).then(|| o.locations.clone()),
        schemas: (!o.schemas.is_empty()).then(|| o.schemas.clone()),
        default_schema: o.default_schema.clone(),
        table: o.table.clone(),
        placeholder_replacement: o.no_placeholder_replacement.then_some(false),
        baseline_on_migrate: o.baseline_on_migrate,
        baseline_version: o.baseline_version.clone(),
        baseline_description: o.baseline_description.clone(),
        out_of_order: o.out_of_order,
        validate_on_migrate: o.validate_on_migrate,
        target: o.target_version.clone(),
        mixed: o.mixed,
        group: o.group,
        installed_by: o.installed_by.clone(),
        lock_retries: o.lock_retries,
        lock_timeout: o.lock_timeout,
        validate_migration_naming: o.validate_migration_naming,
        ..Default::default()
    };
    for p in &o.placeholders {
        let (k, v) = p
            .split_once('=')
            .ok_or_else(|| usage(format!("--placeholder `{p}`: expected KEY=VALUE")))?;
        m.placeholders.insert(
            k.trim().to_lowercase(),
            crate::secrets::Text::Literal(v.to_string()),
        );
    }
    if let Some(t) = &o.lock_wait {
        m.lock_wait = Some(settings::duration_arg("--lock-wait", t).map_err(usage)?);
    }
    Ok(Layer {
        migrate: m,
        ..Default::default()
    })
}

/// Resolves settings for an environment: flags > FLYWAY_* > dbtool.toml >
/// Flyway config > the JDBC URL's currentSchema > defaults.
fn resolve_settings(
    ctx: &Context,
    o: &MigrateOpts,
    environment: Option<&str>,
    current_schema: Option<&str>,
) -> anyhow::Result<Settings> {
    let flyway = match settings::flyway_config_path(o.flyway_config.as_deref(), &ctx.cwd) {
        Some(p) => settings::load_flyway_config(&p).map_err(|e| {
            UserError::usage(e).hint(
                "check --flyway-config, or the flyway.conf / flyway.toml in the working directory",
            )
        })?,
        None => Layer::default(),
    };
    let mut toml = ctx.migrate_config_for(environment);
    // Locations in dbtool.toml are relative to the file.
    if let (Some(locs), Some(loaded)) = (&mut toml.locations, &ctx.config) {
        let base = loaded.path.parent().unwrap_or(Path::new("."));
        for l in locs.iter_mut() {
            let p = l.strip_prefix("filesystem:").unwrap_or(l);
            if !p.starts_with("classpath:") && Path::new(p).is_relative() {
                *l = base.join(p).display().to_string();
            }
        }
    }
    let vars: Vec<(String, String)> = std::env::vars()
        .filter(|(k, _)| k.starts_with("FLYWAY_"))
        .collect();
    let env = settings::env_layer(&vars).map_err(usage)?;
    let mut merged = flyway
        .merged_with(&Layer {
            migrate: toml,
            ..Default::default()
        })
        .merged_with(&env)
        .merged_with(&flags_layer(o)?);
    // Flyway: without schemas or defaultSchema, the connection's schema (currentSchema=…).
    if let Some(cs) = current_schema {
        if merged.migrate.schemas.is_none() && merged.migrate.default_schema.is_none() {
            merged.migrate.schemas = Some(vec![cs.to_string()]);
        }
    }
    Settings::from_layer(&merged, &ctx.cwd).map_err(usage)
}

/// The role a migrate subcommand uses when `--role` is not given:
/// `[environments.X.migrate] role` / `read_role`, else write / readonly.
fn default_role(
    ctx: &Context,
    environment: Option<&str>,
    read_only: bool,
) -> Result<Role, UserError> {
    let m = ctx.migrate_config_for(environment);
    let (key, configured) = if read_only {
        ("read_role", m.read_role)
    } else {
        ("role", m.role)
    };
    match configured {
        Some(r) => Role::parse(&r).map_err(|e| {
            UserError::usage(format!("dbtool.toml: migrate `{key}`: {e}"))
                .hint("name a role: readonly, write, admin, or one under [environments.NAME.roles]")
        }),
        None if read_only => Ok(Role::Readonly),
        None => Ok(Role::Write),
    }
}

/// The target through the access pipeline. FLYWAY_URL / flyway.url (with
/// flyway.user/password) is a source below DBTOOL_* and above DATABASE_URL.
/// The role is the environment's migrate role unless `--role` says otherwise.
async fn target(
    ctx: &Context,
    access: &AccessArgs,
    s: &Settings,
    intent: Intent,
    yes: bool,
) -> anyhow::Result<Target> {
    let read_only = intent == Intent::Read;
    let mut request = ctx.request(access, intent, Role::Write);
    request.tool_url = s.url.as_ref().map(|url| ToolUrl {
        url: url.clone(),
        user: s.user.clone(),
        password: s.password.clone(),
        origin: "FLYWAY_URL / flyway.url".into(),
    });
    // The environment decides the default role (`[environments.X.migrate] role`).
    let environment = ctx.environment_of(&request)?;
    request.default_role = default_role(ctx, environment.as_deref(), read_only)?;
    ctx.resolve(&request, yes).await
}

pub async fn run(ctx: &Context, args: &MigrateArgs) -> anyhow::Result<ExitStatus> {
    let sub_access = match &args.command {
        Some(
            MigrateCommand::Up(t)
            | MigrateCommand::Info(t)
            | MigrateCommand::Baseline(t)
            | MigrateCommand::Repair(t),
        ) => Some(&t.access),
        Some(MigrateCommand::Validate(v)) => Some(&v.access),
        Some(MigrateCommand::Clean(c)) => Some(&c.access),
        Some(MigrateCommand::Undo(u)) => Some(&u.access),
        Some(MigrateCommand::Drift(d)) => Some(&d.access),
        Some(MigrateCommand::New(_) | MigrateCommand::Lint(_) | MigrateCommand::Test(_)) | None => {
            None
        }
    };
    // `lint --trace --target[=TARGET]` / `--on TARGET`: a database command.
    let lint_trace = match &args.command {
        Some(MigrateCommand::Lint(l)) if l.traces_a_target() => Some(l),
        _ => None,
    };
    let trace_access = lint_trace.map(|l| AccessArgs {
        target: crate::access::TargetArgs {
            target: l.on.clone().or_else(|| l.trace_target.clone().flatten()),
            url: None,
        },
        identity: Default::default(),
    });
    let access = match (sub_access, &trace_access) {
        (Some(sub), _) => args.access.merged(sub),
        (None, Some(t)) => args.access.merged(t),
        (None, None) => args.access.clone(),
    };
    let selected = ctx.environment()?.map(|(n, _)| n.to_string());
    let mut settings = resolve_settings(ctx, &args.opts, selected.as_deref(), None)?;

    if let Some(MigrateCommand::New(n)) = &args.command {
        return new_migration(ctx, &settings, n);
    }
    if let Some(MigrateCommand::Test(t)) = &args.command {
        return crate::commands::migrate_test::run(ctx, t, settings).await;
    }
    if let (Some(MigrateCommand::Lint(lint)), None) = (&args.command, lint_trace) {
        // Locations and lock_timeout as migrate resolves them (flags,
        // FLYWAY_* variables, dbtool.toml, flyway.conf).
        let defaults = crate::commands::lint::Defaults {
            locations: settings.locations.clone(),
            engine_lock_timeout: !settings.lock_timeout.is_zero(),
            server_version: None,
        };
        return crate::commands::lint::run_with(ctx, lint, &defaults).await;
    }
    let intent = match &args.command {
        Some(MigrateCommand::Info(_) | MigrateCommand::Validate(_) | MigrateCommand::Drift(_)) => {
            Intent::Read
        }
        // --target reads the history only; --on runs statements (rolled back).
        Some(MigrateCommand::Lint(l)) if l.on.is_none() => Intent::Read,
        Some(MigrateCommand::Clean(_)) => Intent::Destroy,
        _ => Intent::Change,
    };
    // --on: refused before anything connects unless the sandbox or a
    // non-production environment.
    let on_why = match lint_trace.and_then(|l| l.on.as_ref()) {
        Some(_) => {
            let planned = ctx.plan(&ctx.request(&access, intent, Role::Write))?;
            let sandbox = crate::commands::lint_trace::running_sandbox(ctx);
            Some(crate::commands::lint_trace::on_allowed(
                &planned,
                ctx.config(),
                sandbox.as_ref(),
            )?)
        }
        None => None,
    };
    let target = target(ctx, &access, &settings, intent, args.opts.confirm.yes).await?;
    let environment = target.environment.clone();
    if environment != selected || target.current_schema.is_some() {
        settings = resolve_settings(
            ctx,
            &args.opts,
            environment.as_deref(),
            target.current_schema.as_deref(),
        )?;
    }
    let mut conn = target.conn.clone();
    conn.application_name = Some(format!(
        "dbtool/migrate/{}/{}",
        target.role, target.local_user
    ));
    let production = target.production;

    // Placeholders from SSM / Secrets Manager, for commands that run SQL
    // (info and validate need no values), with the target's AWS identity.
    let builds = matches!(args.command, Some(MigrateCommand::Drift(_))) || lint_trace.is_some();
    if (intent != Intent::Read || builds) && !settings.placeholder_sources.is_empty() {
        let sdk = if settings.placeholder_sources.values().any(|s| s.needs_aws()) {
            let mfa = crate::aws::credentials::MfaOptions {
                code: access.identity.mfa_code.clone(),
            };
            Some(crate::aws::credentials::load(&target.aws, &mfa, &ctx.printer).await?)
        } else {
            None
        };
        settings.read_sources(&ctx.environ, sdk.as_ref()).await?;
    }
    // Files first: a bad name or an undefined placeholder stops everything before any SQL runs.
    let now = chrono::Local::now().naive_local();
    let placeholders = settings.placeholders_for(&conn.user, &conn.dbname, now);
    let resolved = engine::load_files(&settings, &placeholders)?;
    report_files(ctx, &settings, &resolved)?;

    let p = &ctx.printer;
    if let Some(MigrateCommand::Drift(d)) = &args.command {
        crate::commands::migrate_drift::check_ignores(&d.ignore)?;
    }
    let mut engine = Engine::connect(&conn, &settings, p).await?;
    match &args.command {
        None | Some(MigrateCommand::Up(_)) => {
            migrate_up(ctx, &mut engine, &resolved, &args.opts, &target).await
        }
        Some(MigrateCommand::Info(_)) => {
            note_read_only(ctx, &engine, &resolved).await;
            let (_, entries, summary) = engine.info(&resolved).await?;
            if p.is_json() {
                p.json(&entries)?;
            } else {
                let mut rows = vec![[
                    "Category",
                    "Version",
                    "Description",
                    "Type",
                    "Installed On",
                    "State",
                ]
                .map(String::from)
                .to_vec()];
                for e in &entries {
                    rows.push(vec![
                        e.category.clone(),
                        e.version.clone().unwrap_or_default(),
                        e.description.clone(),
                        e.kind.clone(),
                        e.installed_on.clone().unwrap_or_default(),
                        e.state.as_str().to_string(),
                    ]);
                }
                p.table(&rows);
                p.status(format!(
                    "Schema version: {} ({} pending)",
                    summary
                        .current
                        .map(|v| v.to_string())
                        .unwrap_or_else(|| "<< Empty Schema >>".into()),
                    entries.iter().filter(|e| e.state == State::Pending).count()
                ));
            }
            Ok(ExitStatus::Success)
        }
        Some(MigrateCommand::Validate(v)) => {
            note_read_only(ctx, &engine, &resolved).await;
            let (applied, entries, _) = engine.info(&resolved).await?;
            let errors = state::validate(&entries, &resolved, &applied, v.allow_pending);
            if p.is_json() {
                p.json(&serde_json::json!({"valid": errors.is_empty(), "migrations": entries.len(), "errors": errors}))?;
                return Ok(if errors.is_empty() {
                    ExitStatus::Success
                } else {
                    ExitStatus::Failure
                });
            }
            if errors.is_empty() {
                p.success(format!("validated {} migrations", entries.len()));
                Ok(ExitStatus::Success)
            } else {
                Err(engine::validation_failed(&errors))
            }
        }
        Some(MigrateCommand::Baseline(_)) if args.opts.confirm.dry_run => {
            engine.acquire_lock().await?;
            let r = engine.baseline_dry_run().await;
            engine.release_lock().await;
            p.data(r?);
            p.status("dry run: nothing was changed");
            Ok(ExitStatus::Success)
        }
        Some(MigrateCommand::Baseline(_)) => {
            target.confirm(p, "baseline", args.opts.confirm.yes)?;
            engine.acquire_lock().await?;
            let r = engine.baseline().await;
            engine.release_lock().await;
            p.success(r?);
            Ok(ExitStatus::Success)
        }
        Some(MigrateCommand::Repair(_)) if args.opts.confirm.dry_run => {
            engine.acquire_lock().await?;
            let r = engine.repair_dry_run(&resolved).await;
            engine.release_lock().await;
            let done = r?;
            if done.is_empty() {
                p.data("nothing to repair");
            }
            for d in done {
                p.data(format!("{d} (dry run: rolled back)"));
            }
            p.status("dry run: the repair ran in a transaction that was rolled back; nothing was changed");
            Ok(ExitStatus::Success)
        }
        Some(MigrateCommand::Repair(_)) => {
            target.confirm(p, "repair the history of", args.opts.confirm.yes)?;
            engine.acquire_lock().await?;
            let r = engine.repair(&resolved).await;
            engine.release_lock().await;
            let done = r?;
            if done.is_empty() {
                p.success("nothing to repair");
            }
            for d in done {
                p.success(d);
            }
            Ok(ExitStatus::Success)
        }
        Some(MigrateCommand::Clean(c)) => {
            if production {
                return Err(UserError::usage(format!(
                    "clean is refused on {}: it is a production database",
                    target.describe()
                ))
                .hint("clean drops every object; it never runs on production")
                .into());
            }
            if settings.clean_disabled && !c.allow_clean {
                return Err(UserError::usage("clean is disabled")
                    .hint("it drops every object in the schemas; pass --allow-clean or set clean_disabled = false (FLYWAY_CLEAN_DISABLED=false)")
                    .into());
            }
            if args.opts.confirm.dry_run {
                // The drops run in a transaction that is rolled back; callbacks do not run.
                engine.acquire_lock().await?;
                let r = engine.clean_dry_run().await;
                engine.release_lock().await;
                for d in r? {
                    p.data(d);
                }
                p.status("dry run: nothing was dropped");
                return Ok(ExitStatus::Success);
            }
            target.confirm(p, "drop every object in", args.opts.confirm.yes)?;
            engine.acquire_lock().await?;
            engine.run_callbacks(&resolved, "beforeClean").await?;
            let r = engine.clean().await;
            if r.is_ok() {
                engine.run_callbacks(&resolved, "afterClean").await.ok();
            }
            engine.release_lock().await;
            for d in r? {
                p.success(d);
            }
            Ok(ExitStatus::Success)
        }
        Some(MigrateCommand::Undo(u)) => {
            let to =
                u.to.as_deref()
                    .map(Version::parse)
                    .transpose()
                    .map_err(usage)?;
            // The lock before reading the history, dry run included.
            engine.acquire_lock().await?;
            let planned = async {
                let (applied, entries, _) = engine.info(&resolved).await?;
                engine::plan_undo(&resolved, &applied, &entries, u.count, to.as_ref())
                    .map_err(|e| anyhow::Error::new(UserError::runtime(e)))
            }
            .await;
            if planned.is_err() || args.opts.confirm.dry_run {
                engine.release_lock().await;
            }
            let targets = planned?;
            for (a, f) in &targets {
                p.status(format!(
                    "→ undo v{} with {}",
                    a.version_text.clone().unwrap_or_default(),
                    f.script
                ));
            }
            if args.opts.confirm.dry_run {
                for (_, f) in &targets {
                    p.data(format!(
                        "-- {}\nBEGIN;\n{}\nCOMMIT;\n",
                        f.script,
                        f.sql.shown_all().trim_end()
                    ));
                }
                return Ok(ExitStatus::Success);
            }
            target.confirm(
                p,
                &format!("undo {} migration(s) on", targets.len()),
                args.opts.confirm.yes,
            )?;
            let r = engine.undo(&resolved, &targets).await;
            engine.release_lock().await;
            let done = r?;
            if p.is_json() {
                p.json(&done)?;
            }
            Ok(ExitStatus::Success)
        }
        Some(MigrateCommand::Drift(d)) => {
            crate::commands::migrate_drift::run(
                ctx,
                d,
                &engine,
                &resolved,
                &settings,
                &conn,
                &target.describe(),
            )
            .await
        }
        Some(MigrateCommand::Lint(_)) if lint_trace.is_some() => {
            crate::commands::lint_trace::run(
                ctx,
                &engine,
                &resolved,
                &settings,
                &conn,
                &target.describe(),
                on_why.as_deref(),
            )
            .await
        }
        Some(MigrateCommand::New(_) | MigrateCommand::Lint(_) | MigrateCommand::Test(_)) => Err(
            anyhow::anyhow!("internal error: migrate new/lint/test reached the database dispatch"),
        ),
    }
}

/// What `info` and `validate` cannot see: a migration running now (they
/// read no lock, so its row may be a moment of it), and repeatables whose
/// placeholders have no value here (whether they changed is unknown).
async fn note_read_only(ctx: &Context, engine: &Engine, resolved: &Resolved) {
    if let Some(h) = engine.lock_holder().await {
        ctx.printer.warn(format!(
            "a migration run holds the lock now ({h}): a Failed row may be a non-transactional migration still running"
        ));
    }
    let unknown: Vec<&str> = resolved
        .migrations
        .iter()
        .filter(|m| !m.checksum_known)
        .map(|m| m.script.as_str())
        .collect();
    if !unknown.is_empty() {
        ctx.printer.warn(format!(
            "placeholder values are missing for {}: whether they changed cannot be told, so they are shown as applied",
            unknown.join(", ")
        ));
    }
}

pub(crate) fn report_files(ctx: &Context, s: &Settings, r: &Resolved) -> anyhow::Result<()> {
    for l in &r.missing_locations {
        ctx.printer
            .warn(format!("location {} does not exist", l.display()));
    }
    if !r.unrecognised.is_empty() {
        let list: Vec<String> = r
            .unrecognised
            .iter()
            .map(|(f, why)| format!("{f} ({why})"))
            .collect();
        if s.validate_migration_naming {
            return Err(UserError::usage(format!("files whose names are not migrations: {}", list.join(", ")))
                .hint("rename them (V<version>__<description>.sql, R__<description>.sql…) or move them out of the locations")
                .into());
        }
        ctx.printer.warn(format!(
            "skipped {} file(s) whose names are not migrations: {}",
            list.len(),
            list.join(", ")
        ));
    }
    // Flyway's per-statement callbacks: recognised, but dbtool does not run them.
    let statement_level: Vec<&str> = r
        .callbacks
        .iter()
        .filter(|c| c.event.contains("Statement"))
        .map(|c| c.script.as_str())
        .collect();
    if !statement_level.is_empty() {
        ctx.printer.warn(format!(
            "statement-level callbacks are not run by dbtool: {} (migration-level callbacks such as beforeEachMigrate.sql are)",
            statement_level.join(", ")
        ));
    }
    Ok(())
}

async fn migrate_up(
    ctx: &Context,
    engine: &mut Engine,
    resolved: &Resolved,
    o: &MigrateOpts,
    target: &Target,
) -> anyhow::Result<ExitStatus> {
    let environment = target.environment.as_deref();
    let p = &ctx.printer;
    // Which database a pre-migrate snapshot is of, decided (and refused)
    // before anything else happens.
    let snapshot = pre_migrate_target(ctx, target, o)?;
    // The lock comes before anything reads the history: a plan made while
    // another runner migrates would see its work half-done.
    engine.acquire_lock().await?;
    let preview = engine.plan(resolved, true).await;
    let preview = match preview {
        Ok(plan) => plan,
        Err(e) => {
            engine.release_lock().await;
            return Err(e);
        }
    };
    let locked = match lint_before_applying(ctx, engine, resolved, &preview, &o.deploy, environment)
    {
        Ok(locked) => locked,
        Err(e) => {
            engine.release_lock().await;
            return Err(e);
        }
    };
    engine.preflight = Some(engine::Preflight {
        mode: o.deploy.preflight,
        timeout: o.deploy.preflight_timeout,
        locked,
    });
    if o.confirm.dry_run {
        engine.release_lock().await;
        let plan = preview;
        let sql = engine.dry_run_sql(resolved, &plan);
        if p.is_json() {
            p.json(&serde_json::json!({
                "dry_run": true,
                "schema_version": plan.current,
                "pending": plan.steps.iter().map(|(i, _)| &resolved.migrations[*i].script).collect::<Vec<_>>(),
                "sql": sql,
            }))?;
        } else if plan.steps.is_empty() && plan.setup.is_empty() {
            p.status("Nothing to migrate: the schema is up to date (dry run)");
        } else {
            p.data(sql.trim_end());
            if let Some((t, keep)) = &snapshot {
                p.status(format!(
                    "dry run: would first snapshot `{}` and wait for it{}",
                    t.id,
                    keep.map(|k| format!(
                        ", and afterwards keep the newest {k} pre-migrate snapshots"
                    ))
                    .unwrap_or_default()
                ));
            }
            p.status(format!(
                "dry run: {} migration(s) would be applied; nothing was changed",
                plan.steps.len()
            ));
        }
        return Ok(ExitStatus::Success);
    }
    let confirm_needed = target.confirmation.is_some();
    let confirmed: Option<Vec<usize>> = if confirm_needed && !preview.steps.is_empty() {
        // Ask before anything changes, without holding the lock while a
        // person reads the plan; what was confirmed is checked again below.
        engine.release_lock().await;
        print_plan(ctx, resolved, &preview);
        target.confirm(
            p,
            &format!("apply {} migration(s) to", preview.steps.len()),
            o.confirm.yes,
        )?;
        engine.acquire_lock().await?;
        Some(preview.steps.iter().map(|(i, _)| *i).collect())
    } else {
        None
    };
    let result = async {
        let plan = engine.plan(resolved, false).await?;
        if let Some(confirmed) = &confirmed {
            let now: Vec<usize> = plan.steps.iter().map(|(i, _)| *i).collect();
            check_confirmed(resolved, confirmed, &now)?;
            if now.len() < confirmed.len() {
                ctx.printer.status(format!(
                    "{} of the confirmed migration(s) were applied meanwhile by another runner; applying the other {}",
                    confirmed.len() - now.len(),
                    now.len()
                ));
            }
        }
        if plan.steps.is_empty() {
            let report = engine::MigrateReport {
                schema_version_before: plan.current.clone(),
                schema_version_after: plan.current.clone(),
                ..Default::default()
            };
            return Ok((report, None));
        }
        // The snapshot is available before the first statement runs, and
        // taken while holding the lock: no other runner slips in between.
        let taken = match &snapshot {
            Some((t, _)) => Some(take_pre_migrate_snapshot(ctx, t, plan.current.as_deref()).await?),
            None => None,
        };
        match engine.apply(resolved, &plan).await {
            Ok(r) => Ok((r, taken)),
            Err(e) => {
                if let Some(t) = &taken {
                    ctx.printer.warn(format!(
                        "snapshot `{}` of {} was taken before this run, at schema version {}: `dbtool restore --from-snapshot {}` restores a copy",
                        t.name,
                        t.db.describe(),
                        plan.current.as_deref().unwrap_or("none"),
                        t.name
                    ));
                }
                Err(e)
            }
        }
    }
    .await;
    engine.release_lock().await;
    let (report, taken) = match result {
        Ok((report, taken)) => (report, taken),
        Err(e) => return Err(e),
    };
    if p.is_json() {
        p.json(&report)?;
    } else if report.applied.is_empty() {
        p.success(format!(
            "schema {} is up to date (version {}); no migration necessary",
            crate::migrate::history::quote_ident(&engine.settings.schemas[0]),
            report
                .schema_version_after
                .clone()
                .unwrap_or_else(|| "none".into())
        ));
    } else {
        p.success(format!(
            "applied {} migration(s) in {} ms; schema version {}",
            report.applied.len(),
            report.total_time_ms,
            report
                .schema_version_after
                .clone()
                .unwrap_or_else(|| "none".into())
        ));
    }
    if let (Some(t), Some((db_target, keep))) = (&taken, &snapshot) {
        p.status(format!(
            "snapshot before this run: `{}` of {} (schema version {})",
            t.name,
            t.db.describe(),
            report.schema_version_before.as_deref().unwrap_or("none")
        ));
        p.hint(format!(
            "to go back to it: `dbtool restore --from-snapshot {}` (a new copy beside `{}`), then `dbtool cname switch`",
            t.name, t.db.id
        ));
        if let Some(keep) = keep {
            prune_pre_migrate(ctx, db_target, t, *keep, &o.confirm).await;
        }
    }
    Ok(ExitStatus::Success)
}

/// The database `--snapshot` (or `snapshot_before_migrate`) snapshots, and
/// how many pre-migrate snapshots to keep; `None` when no snapshot is asked
/// for. A target that is not on RDS is a usage error, before anything runs.
fn pre_migrate_target(
    ctx: &Context,
    target: &Target,
    o: &MigrateOpts,
) -> anyhow::Result<Option<(crate::snapshot::target::DbTarget, Option<u32>)>> {
    let env = target
        .environment
        .as_deref()
        .and_then(|n| ctx.environment_named(n));
    let wanted = o.snapshot || env.is_some_and(|e| e.snapshot_before_migrate);
    if !wanted {
        return Ok(None);
    }
    let keep = o.keep_snapshots.or(env.and_then(|e| e.keep_snapshots));
    let db = match (&target.environment, &target.found) {
        (Some(name), _) => crate::snapshot::target::plan(ctx.config(), None, Some(name))?,
        (None, Some(crate::access::Found::Cluster { id, .. }))
        | (None, Some(crate::access::Found::Instance { id, cluster: None })) => {
            crate::snapshot::target::DbTarget {
                id: id.clone(),
                cluster_hint: matches!(target.found, Some(crate::access::Found::Cluster { .. })),
                aws: target.aws.clone(),
                environment: target.borrowed_from.clone(),
                production: target.production,
            }
        }
        (None, Some(crate::access::Found::Instance { id, cluster: Some(c) })) => {
            return Err(UserError::usage(format!(
                "--snapshot: `{id}` is an instance of Aurora cluster `{c}`; Aurora snapshots are of the cluster"
            ))
            .hint(format!("migrate through the cluster: `dbtool migrate {c} --snapshot`"))
            .into())
        }
        (None, None) => {
            return Err(UserError::usage(format!(
                "--snapshot: {} is not an RDS database dbtool knows the identifier of",
                target.describe()
            ))
            .hint("migrate an environment with `instance` or `cluster` in dbtool.toml (it may keep a `url` for the connection), or an RDS instance/cluster TARGET")
            .into())
        }
    };
    // The migrate role's AWS identity takes the snapshot when it has one.
    let mut db = db;
    if target.aws.profile.is_some() || target.aws.role_arn.is_some() {
        let region = db.aws.region.clone();
        db.aws = target.aws.clone();
        db.aws.region = db.aws.region.clone().or(region);
    }
    Ok(Some((db, keep)))
}

/// A snapshot taken before migrating.
struct Taken {
    name: String,
    db: crate::snapshot::Db,
    /// The client that took it: pruning reuses its credentials.
    rds: crate::aws::Rds,
}

/// Takes the pre-migrate snapshot and waits until it is available; any
/// failure (or Ctrl-C) stops the run before any SQL.
async fn take_pre_migrate_snapshot(
    ctx: &Context,
    t: &crate::snapshot::target::DbTarget,
    schema_version: Option<&str>,
) -> anyhow::Result<Taken> {
    use crate::snapshot as snap;
    let p = &ctx.printer;
    let stop = |e: anyhow::Error| -> anyhow::Error {
        UserError::runtime("the pre-migrate snapshot failed; nothing was applied")
            .source(e)
            .hint("fix the cause and rerun, or run without --snapshot (and without `snapshot_before_migrate`) to migrate without one")
            .into()
    };
    let sdk = credentials::load(&t.aws, &MfaOptions::default(), p)
        .await
        .map_err(stop)?;
    let rds = crate::aws::Rds::new(&sdk, t.aws.profile.as_deref());
    let db = snap::target::find(&sdk, t).await.map_err(stop)?;
    let name = snap::default_name(&db.id, chrono::Utc::now());
    let tags = crate::commands::snapshot::tags(
        &sdk,
        snap::REASON_PRE_MIGRATE,
        Some(schema_version.unwrap_or("none")),
    )
    .await;
    p.status(format!(
        "taking snapshot `{name}` of {} before applying anything",
        db.describe()
    ));
    snap::create(&rds, &db, &name, &tags).await.map_err(stop)?;
    let interval = ctx
        .environ
        .get(crate::env_vars::DBTOOL_POLL_INTERVAL)
        .and_then(|v| crate::text::parse_interval(v).ok())
        .unwrap_or(std::time::Duration::from_secs(10));
    match snap::wait(&rds, &name, interval, p).await.map_err(stop)? {
        snap::Waited::Available => {
            p.success(format!("snapshot `{name}` is available"));
            Ok(Taken { name, db, rds })
        }
        snap::Waited::Interrupted => Err(UserError::runtime(format!(
            "interrupted while waiting for snapshot `{name}`; nothing was applied (the snapshot goes on in AWS)"
        ))
        .into()),
    }
}

/// Deletes dbtool's pre-migrate snapshots beyond the newest `keep`; a
/// failure only warns (the migrations are applied).
async fn prune_pre_migrate(
    ctx: &Context,
    t: &crate::snapshot::target::DbTarget,
    taken: &Taken,
    keep: u32,
    confirm: &ConfirmArgs,
) {
    use crate::snapshot as snap;
    let (rds, db) = (&taken.rds, &taken.db);
    let result: anyhow::Result<()> = async {
        let all = snap::list(rds, db).await?;
        let plan = snap::prune_plan(&all, keep as usize, Some(snap::REASON_PRE_MIGRATE));
        if plan.delete.is_empty() {
            return Ok(());
        }
        ctx.printer.status(format!(
            "keeping the newest {keep} pre-migrate snapshot(s) of {}",
            db.describe()
        ));
        crate::commands::snapshot::run_prune(ctx, rds, db, &plan, t.production, confirm).await?;
        Ok(())
    }
    .await;
    if let Err(e) = result {
        ctx.printer.warn(format!(
            "pruning the old pre-migrate snapshots failed: {e:#}"
        ));
        ctx.printer.hint(format!(
            "`dbtool snapshot prune {} --keep {keep} --reason pre-migrate` retries",
            db.id
        ));
    }
}

/// After the lock is taken again: the plan must be what was confirmed, in
/// the same order, or part of it (another runner applied the rest
/// meanwhile). Returns the steps that were not confirmed, if any (then
/// nothing may run). Pure.
fn unconfirmed(confirmed: &[usize], now: &[usize]) -> Option<Vec<usize>> {
    let extra: Vec<usize> = now
        .iter()
        .copied()
        .filter(|i| !confirmed.contains(i))
        .collect();
    let pos = |i: &usize| confirmed.iter().position(|c| c == i);
    let in_order = now.windows(2).all(|w| pos(&w[0]) < pos(&w[1]));
    (!extra.is_empty() || !in_order).then_some(extra)
}

fn check_confirmed(resolved: &Resolved, confirmed: &[usize], now: &[usize]) -> anyhow::Result<()> {
    let Some(extra) = unconfirmed(confirmed, now) else {
        return Ok(());
    };
    let names: Vec<&str> = extra
        .iter()
        .map(|i| resolved.migrations[*i].script.as_str())
        .collect();
    Err(UserError::runtime(format!(
        "the pending migrations changed while waiting for confirmation{}; nothing was applied",
        if names.is_empty() {
            String::new()
        } else {
            format!(" (not confirmed: {})", names.join(", "))
        }
    ))
    .hint("another runner changed the history meanwhile: check `dbtool migrate info`, then rerun to review the new plan")
    .into())
}

/// Lints the pending migrations before anything is applied (the applied
/// ones give context; the pending ones are one run, so tables created in
/// it are new). What matters for this deploy goes to stderr (authoring
/// rules are for `dbtool migrate lint`); error-level findings stop the run
/// where the environment says `lint = "refuse"` or with `--deny-unsafe`,
/// unless `--allow-unsafe`. By default the run goes on, as with Flyway.
/// Returns the relations each pending migration locks, for the pre-flight.
fn lint_before_applying(
    ctx: &Context,
    engine: &Engine,
    resolved: &Resolved,
    plan: &engine::Plan,
    deploy: &crate::lint::deploy::DeployLintArgs,
    environment: Option<&str>,
) -> anyhow::Result<Vec<Option<Vec<crate::lint::RelationLock>>>> {
    use crate::lint::{deploy, LintOptions, PgVersion, Source};
    if plan.steps.is_empty() {
        return Ok(Vec::new());
    }
    let sources: Vec<Source> = resolved
        .migrations
        .iter()
        .map(|m| Source {
            file: display_script(&m.path),
            // Secret placeholder values stay `${name}`: findings quote the text.
            text: m.sql.lint_text(),
            execute_in_transaction: m.config.execute_in_transaction,
        })
        .collect();
    let mut pending = vec![false; sources.len()];
    for (i, _) in &plan.steps {
        pending[*i] = true;
    }
    let opts = LintOptions {
        pg_version: PgVersion::from_num(engine.server_version),
        config: crate::commands::lint::lint_config(ctx)?,
        engine_lock_timeout: !engine.settings.lock_timeout.is_zero(),
        ..Default::default()
    };
    let deploy::DeployLint { findings, locked } = deploy::lint_pending(&sources, &pending, &opts);
    let mode = environment
        .and_then(|e| ctx.environment_named(e))
        .and_then(|e| e.lint);
    let refused = deploy::refuses(&findings, mode, deploy.deny_unsafe, deploy.allow_unsafe);
    // A refusal lists the errors itself, one line each; a few findings are
    // shown in full before it (why, lock, the safe alternative).
    if !findings.is_empty() && (!refused || findings.len() <= deploy::FULL_FINDINGS) {
        let p = &ctx.printer;
        let paint = |s: crate::lint::Severity, t: &str| p.paint(s.color(), t);
        eprint!("{}", deploy::text(&findings, &paint));
        p.status(format!(
            "lint: {}",
            crate::lint::report::summary(&findings, plan.steps.len())
        ));
    }
    if refused {
        return Err(deploy::refusal(&findings).into());
    }
    Ok(locked)
}

/// A migration's path as lint findings show it: relative to the working directory.
fn display_script(path: &std::path::Path) -> String {
    crate::config::display_path(path)
}

/// One line per pending migration, before asking to apply them (without
/// a question, the applied lines say it all).
fn print_plan(ctx: &Context, resolved: &Resolved, plan: &engine::Plan) {
    for (i, prep) in &plan.steps {
        let m = &resolved.migrations[*i];
        ctx.printer.status(format!(
            "→ {} {}{}",
            m.version
                .as_ref()
                .map(|v| format!("v{v}"))
                .unwrap_or_else(|| "repeatable".into()),
            m.script,
            if prep.transactional {
                ""
            } else {
                " (outside a transaction)"
            }
        ));
    }
}

/// `new`: the next version after the highest on disk, keeping its style
/// (zero padding, dotted parts, timestamps).
pub fn next_version(existing: &[&Version], now: chrono::NaiveDateTime) -> String {
    let Some(max) = existing.iter().max() else {
        return "1".into();
    };
    let text = max.as_str();
    let parts: Vec<&str> = text.split('.').collect();
    let last = parts[parts.len() - 1];
    if parts.len() == 1 && last.len() >= 12 {
        let ts = now.format("%Y%m%d%H%M%S").to_string();
        if Version::parse(&ts).is_ok_and(|v| &v > *max) {
            return ts;
        }
    }
    let n: u128 = last.parse().unwrap_or(0) + 1;
    let bumped = format!("{n:0width$}", width = last.len());
    let mut out: Vec<String> = parts[..parts.len() - 1]
        .iter()
        .map(|s| s.to_string())
        .collect();
    out.push(bumped);
    out.join("_")
}

fn new_migration(ctx: &Context, s: &Settings, n: &NewArgs) -> anyhow::Result<ExitStatus> {
    let dir = s
        .locations
        .first()
        .cloned()
        .unwrap_or_else(|| ctx.cwd.join("migrations"));
    let resolved = crate::migrate::resolve(&s.locations, None).map_err(usage)?;
    let desc = n.description.join(" ").trim().replace([' ', '-'], "_");
    if desc.is_empty() {
        return Err(usage("a description is needed".into()));
    }
    let name = if n.repeatable {
        format!("R__{desc}.sql")
    } else {
        let versions: Vec<&Version> = resolved
            .versioned()
            .filter_map(|m| m.version.as_ref())
            .collect();
        format!(
            "V{}__{desc}.sql",
            next_version(&versions, chrono::Utc::now().naive_utc())
        )
    };
    std::fs::create_dir_all(&dir)
        .map_err(|e| UserError::runtime(format!("cannot create {}", dir.display())).source(e))?;
    let path = dir.join(&name);
    if path.exists() {
        return Err(usage(format!("{} already exists", path.display())));
    }
    std::fs::write(&path, format!("-- {}\n", n.description.join(" ")))
        .map_err(|e| UserError::runtime(format!("cannot write {}", path.display())).source(e))?;
    ctx.printer.data(path.display());
    ctx.printer.success(format!("created {name}"));
    Ok(ExitStatus::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap()
    }

    #[test]
    fn only_what_was_confirmed_is_applied() {
        assert_eq!(unconfirmed(&[1, 2, 3], &[1, 2, 3]), None);
        assert_eq!(unconfirmed(&[1, 2, 3], &[2, 3]), None, "others applied 1");
        assert_eq!(unconfirmed(&[1, 2, 3], &[]), None);
        assert_eq!(unconfirmed(&[1, 2], &[1, 2, 4]), Some(vec![4]));
        assert_eq!(unconfirmed(&[1, 2], &[0, 2]), Some(vec![0]));
        assert_eq!(unconfirmed(&[1, 2], &[2, 1]), Some(vec![]), "order changed");
    }

    #[test]
    fn next_versions_keep_the_style() {
        let now = chrono::NaiveDate::from_ymd_opt(2025, 1, 2)
            .unwrap()
            .and_hms_opt(3, 4, 5)
            .unwrap();
        assert_eq!(next_version(&[], now), "1");
        assert_eq!(next_version(&[&v("1"), &v("12")], now), "13");
        assert_eq!(next_version(&[&v("000041")], now), "000042");
        assert_eq!(next_version(&[&v("1.9")], now), "1_10");
        assert_eq!(next_version(&[&v("20240101120000")], now), "20250102030405");
    }
}
