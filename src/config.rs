//! `dbtool.toml`: discovery, parsing and validation. Unknown keys and bad
//! values are errors naming the file, line, column and key, with the nearest
//! valid key suggested. Reads files only.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Deserializer, Serialize};

use crate::error::UserError;
use crate::lint::LintMode;
use crate::pg::SslMode;
use crate::text::{line_col, nearest, parse_duration, parse_interval};

/// File name looked for in the working directory and its parents.
pub const CONFIG_FILE_NAME: &str = "dbtool.toml";

/// The whole configuration file.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Environment used when neither `--env` nor a TARGET names one.
    pub default_environment: Option<String>,
    /// Default AWS region for every environment.
    pub region: Option<String>,
    /// Path of the RDS CA bundle (for `sslmode = verify-full`).
    pub ca_bundle: Option<PathBuf>,
    /// Environments by name (preview, staging, production…).
    #[serde(default)]
    pub environments: BTreeMap<String, Environment>,
    /// Migration settings shared by every environment.
    #[serde(default)]
    pub migrate: MigrateConfig,
    /// Dump presets.
    #[serde(default)]
    pub dump: DumpConfig,
    /// Local sandbox settings.
    #[serde(default)]
    pub sandbox: SandboxConfig,
    /// `dbtool migrate lint` rules and severities.
    #[serde(default)]
    pub lint: crate::lint::LintConfig,
    /// Database users and roles as desired state (`dbtool roles`), shared by every environment.
    #[serde(default)]
    pub roles: std::collections::BTreeMap<String, crate::roles::RoleSpec>,
    /// The file's name and text, for positions in messages (not a key).
    #[serde(skip)]
    pub source_text: Option<(String, std::sync::Arc<str>)>,
}

impl Config {
    /// `dbtool.toml:12:8` for a byte span of the file (the file name alone
    /// when the text is unknown).
    pub fn position(&self, span: std::ops::Range<usize>) -> String {
        match &self.source_text {
            Some((origin, text)) => {
                let (l, c) = line_col(text, span.start);
                format!("{origin}:{l}:{c}")
            }
            None => CONFIG_FILE_NAME.to_string(),
        }
    }
}

/// One environment: where its database is and how to reach it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Environment {
    /// AWS region (overrides the top-level `region`).
    pub region: Option<String>,
    /// AWS profile used when a role has none of its own.
    pub profile: Option<String>,
    /// RDS instance identifier.
    pub instance: Option<String>,
    /// Aurora DB cluster identifier (instead of `instance`).
    pub cluster: Option<String>,
    /// Where the password of `auth = "password"` targets comes from (a value source).
    pub password: Option<toml::Spanned<crate::secrets::Source>>,
    /// Host name (an RDS endpoint, a CNAME, or any PostgreSQL host).
    pub host: Option<String>,
    /// Port (default 5432).
    pub port: Option<u16>,
    /// Database name.
    pub database: Option<String>,
    /// A full connection URL instead of host/port/database.
    pub url: Option<String>,
    /// Use the local dbtool sandbox as this environment's database.
    #[serde(default)]
    pub sandbox: bool,
    /// How database users authenticate: `iam` (RDS IAM token) or `password`.
    pub auth: Option<AuthMode>,
    /// TLS mode: disable, prefer, require, verify-ca, verify-full.
    pub sslmode: Option<SslMode>,
    /// CA bundle for verify-ca/verify-full (overrides the top-level `ca_bundle`).
    pub sslrootcert: Option<PathBuf>,
    /// Marks a production environment: changes ask for confirmation and `clean` is always refused.
    #[serde(default)]
    pub production: bool,
    /// Ask before `migrate` applies anything (defaults to `production`).
    pub confirm: Option<bool>,
    /// What `migrate` does with error-level lint findings: `warn` or `refuse`.
    pub lint: Option<LintMode>,
    /// `migrate` snapshots `instance`/`cluster` before applying anything pending.
    #[serde(default)]
    pub snapshot_before_migrate: bool,
    /// After a pre-migrate snapshot, keep this many of them (older ones are deleted).
    pub keep_snapshots: Option<u32>,
    /// Client `connect` runs when none is given after `--` (psql or pgcli).
    pub client: Option<String>,
    /// Database roles (readonly, write, admin, or your own names).
    #[serde(default)]
    pub roles: BTreeMap<String, RoleConfig>,
    /// The CNAME applications connect through.
    pub cname: Option<CnameConfig>,
    /// Point-in-time restore defaults.
    pub restore: Option<RestoreConfig>,
    /// How `dbtool logs` reads this environment's PostgreSQL log.
    pub logs: Option<LogsConfig>,
    /// Migration settings for this environment (override the top-level `[migrate]`).
    #[serde(default)]
    pub migrate: MigrateConfig,
}

/// How a database role connects.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RoleConfig {
    /// Database user name (default: the role's name), or a value source.
    pub user: Option<crate::secrets::Text>,
    /// Where the password comes from (a value source; `auth = "password"`).
    pub password: Option<toml::Spanned<crate::secrets::Source>>,
    /// AWS profile whose credentials sign the IAM token.
    pub profile: Option<String>,
    /// IAM role ARN to assume first.
    pub role_arn: Option<String>,
    /// Profile whose credentials assume `role_arn`.
    pub source_profile: Option<String>,
    /// External ID for AssumeRole.
    pub external_id: Option<String>,
    /// Session duration for AssumeRole, e.g. "1h".
    #[serde(
        default,
        deserialize_with = "de_duration_opt",
        serialize_with = "ser_duration_opt"
    )]
    pub duration: Option<Duration>,
    /// MFA device ARN: dbtool prompts for a code when assuming `role_arn`.
    pub mfa_serial: Option<String>,
    /// Ask before connecting with this role.
    pub confirm: Option<bool>,
    /// Environment variable holding the password (auth = "password").
    pub password_env: Option<String>,
    /// Aurora endpoint this role connects to: `writer` (default), `reader`,
    /// or the name of a custom endpoint of the cluster.
    pub endpoint: Option<String>,
    /// Local port `dbtool proxy` listens on for this environment and role
    /// (default: 20000 + CRC-32 of "ENV/ROLE" mod 10000).
    pub proxy_port: Option<u16>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum AuthMode {
    Iam,
    Password,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CnameConfig {
    /// Route53 hosted zone: an id (Z…) or a name.
    pub zone: String,
    /// The record name, e.g. db.example.internal.
    pub record: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RestoreConfig {
    /// Instance or Aurora cluster restored from (default: the environment's `instance` or `cluster`).
    pub source: Option<String>,
    /// Instance restored to (default: `<source>-restore`).
    pub target: Option<String>,
    /// Time zone for times given without an offset, e.g. "Europe/London".
    pub tz: Option<String>,
    /// How often to poll while waiting, e.g. "15s".
    #[serde(
        default,
        deserialize_with = "de_duration_opt",
        serialize_with = "ser_duration_opt"
    )]
    pub poll_interval: Option<Duration>,
}

/// `[environments.X.logs]`: how `dbtool logs` reads the PostgreSQL log.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LogsConfig {
    /// The server's `log_line_prefix` (default: RDS's `%t:%r:%u@%d:[%p]:`).
    pub log_line_prefix: Option<String>,
}

/// `[migrate]`: Flyway-compatible migration settings. Every key is optional;
/// an environment's `[environments.X.migrate]` overrides the top level.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MigrateConfig {
    /// Directories scanned recursively for migrations (default: ["migrations"]).
    pub locations: Option<Vec<String>>,
    /// Schemas managed; the first holds the history table (default: ["public"]).
    pub schemas: Option<Vec<String>>,
    /// Schema set as search_path while migrating (default: first of `schemas`).
    pub default_schema: Option<String>,
    /// History table name (default: flyway_schema_history).
    pub table: Option<String>,
    /// Placeholder values, `${name}` in SQL.
    #[serde(default)]
    pub placeholders: BTreeMap<String, crate::secrets::Text>,
    /// Placeholders whose values are secrets, shown as `<placeholder name>`
    /// (names containing password, secret, token or key always are).
    pub secret_placeholders: Option<Vec<String>>,
    /// Replace placeholders at all (default: true).
    pub placeholder_replacement: Option<bool>,
    /// Baseline a non-empty schema without history on the first migrate.
    pub baseline_on_migrate: Option<bool>,
    /// Version used by `baseline` (default: "1").
    pub baseline_version: Option<String>,
    /// Description used by `baseline` (default: "<< Flyway Baseline >>").
    pub baseline_description: Option<String>,
    /// Apply versions lower than the highest applied one.
    pub out_of_order: Option<bool>,
    /// Validate before migrating (default: true).
    pub validate_on_migrate: Option<bool>,
    /// Refuse `clean` (default: true).
    pub clean_disabled: Option<bool>,
    /// Migrate up to this version ("latest", "current" or a version).
    pub target: Option<String>,
    /// Allow transactional and non-transactional statements in one file.
    pub mixed: Option<bool>,
    /// Apply all pending migrations in one transaction.
    pub group: Option<bool>,
    /// Value of installed_by (default: the database user).
    pub installed_by: Option<String>,
    /// lock_timeout set for each migration, e.g. "5s"; "0s" turns it off.
    /// Between 1ms and PostgreSQL's maximum (2147483647ms, about 24.8 days).
    #[serde(
        default,
        deserialize_with = "de_lock_timeout_opt",
        serialize_with = "ser_duration_opt"
    )]
    pub lock_timeout: Option<Duration>,
    /// Retries of a transactional migration that failed on lock_timeout.
    pub lock_retries: Option<u32>,
    /// How long to wait for another runner's migration lock.
    #[serde(
        default,
        deserialize_with = "de_duration_opt",
        serialize_with = "ser_duration_opt"
    )]
    pub lock_wait: Option<Duration>,
    /// Treat files that do not match the naming rules as errors.
    pub validate_migration_naming: Option<bool>,
    /// Role of migrate, baseline, repair, clean and undo (default: write).
    pub role: Option<String>,
    /// Role of migrate info and validate (default: readonly).
    pub read_role: Option<String>,
    /// `[migrate.drift]`: what `migrate drift` leaves out.
    #[serde(default)]
    pub drift: DriftConfig,
}

/// `[migrate.drift]`: objects `migrate drift` does not compare.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DriftConfig {
    /// Objects left out, as `KIND:NAME` with `*` (`schema:pglogical`,
    /// `table:public.tmp_*`); an environment's list adds to the top level's.
    #[serde(default)]
    pub ignore: Vec<String>,
}

impl MigrateConfig {
    /// This config with every key set in `over` replacing ours.
    pub fn merged_with(&self, over: &MigrateConfig) -> MigrateConfig {
        macro_rules! pick {
            ($f:ident) => {
                over.$f.clone().or_else(|| self.$f.clone())
            };
        }
        let mut placeholders = self.placeholders.clone();
        placeholders.extend(over.placeholders.clone());
        // Secret at any level stays secret.
        let secret_placeholders = match (&self.secret_placeholders, &over.secret_placeholders) {
            (None, None) => None,
            (a, b) => {
                let mut all: Vec<String> = a.iter().chain(b.iter()).flatten().cloned().collect();
                all.sort();
                all.dedup();
                Some(all)
            }
        };
        MigrateConfig {
            locations: pick!(locations),
            schemas: pick!(schemas),
            default_schema: pick!(default_schema),
            table: pick!(table),
            placeholders,
            secret_placeholders,
            placeholder_replacement: pick!(placeholder_replacement),
            baseline_on_migrate: pick!(baseline_on_migrate),
            baseline_version: pick!(baseline_version),
            baseline_description: pick!(baseline_description),
            out_of_order: pick!(out_of_order),
            validate_on_migrate: pick!(validate_on_migrate),
            clean_disabled: pick!(clean_disabled),
            target: pick!(target),
            mixed: pick!(mixed),
            group: pick!(group),
            installed_by: pick!(installed_by),
            lock_timeout: pick!(lock_timeout),
            lock_retries: pick!(lock_retries),
            lock_wait: pick!(lock_wait),
            validate_migration_naming: pick!(validate_migration_naming),
            role: pick!(role),
            read_role: pick!(read_role),
            drift: DriftConfig {
                ignore: self.drift.ignore.iter().chain(&over.drift.ignore).fold(
                    Vec::new(),
                    |mut all, p| {
                        if !all.contains(p) {
                            all.push(p.clone());
                        }
                        all
                    },
                ),
            },
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DumpConfig {
    /// Named sets of exclusions for `dbtool dump --preset NAME`.
    #[serde(default)]
    pub presets: BTreeMap<String, DumpPreset>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DumpPreset {
    /// Schemas left out entirely (pg_dump --exclude-schema).
    #[serde(default)]
    pub exclude_schemas: Vec<String>,
    /// Tables left out entirely, definition included (pg_dump --exclude-table).
    #[serde(default)]
    pub exclude_tables: Vec<String>,
    /// Tables whose definition is kept but whose rows are not dumped.
    #[serde(default)]
    pub exclude_table_data: Vec<String>,
    /// Only these tables (pg_dump --table).
    #[serde(default)]
    pub include_tables: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SandboxConfig {
    /// Directory of the sandbox cluster (default: $XDG_DATA_HOME/dbtool/sandbox).
    pub dir: Option<PathBuf>,
    /// Port to prefer (default: a free one).
    pub port: Option<u16>,
}

/// A parsed configuration and the file it came from.
#[derive(Debug, Clone)]
pub struct LoadedConfig {
    pub path: PathBuf,
    pub config: Config,
}

fn de_duration_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Duration>, D::Error> {
    let s = Option::<String>::deserialize(d)?;
    match s {
        None => Ok(None),
        Some(s) => parse_duration(&s)
            .map(Some)
            .map_err(serde::de::Error::custom),
    }
}

fn de_lock_timeout_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Duration>, D::Error> {
    match de_duration_opt(d)? {
        None => Ok(None),
        Some(v) => crate::migrate::settings::check_lock_timeout("lock_timeout", v)
            .map(Some)
            .map_err(serde::de::Error::custom),
    }
}

fn ser_duration_opt<S: serde::Serializer>(v: &Option<Duration>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(d) => s.serialize_str(&humantime::format_duration(*d).to_string()),
        None => s.serialize_none(),
    }
}

/// Where the configuration is looked for, in order: `--config`/`DBTOOL_CONFIG`,
/// `./dbtool.toml` walking up to the repository root, then
/// `$XDG_CONFIG_HOME/dbtool/config.toml`.
pub fn discover(explicit: Option<&Path>, cwd: &Path) -> Result<Option<PathBuf>, UserError> {
    if let Some(p) = explicit {
        if !p.is_file() {
            return Err(
                UserError::usage(format!("config file {} does not exist", p.display()))
                    .hint("check the path given with --config or DBTOOL_CONFIG"),
            );
        }
        return Ok(Some(p.to_path_buf()));
    }
    let mut dir = Some(cwd);
    while let Some(d) = dir {
        let candidate = d.join(CONFIG_FILE_NAME);
        if candidate.is_file() {
            return Ok(Some(candidate));
        }
        // Stop at the repository root.
        if d.join(".git").exists() {
            break;
        }
        dir = d.parent();
    }
    let user = crate::paths::config_home()
        .join("dbtool")
        .join("config.toml");
    if user.is_file() {
        return Ok(Some(user));
    }
    Ok(None)
}

/// Reads and parses a configuration file.
pub fn load(path: &Path) -> Result<LoadedConfig, UserError> {
    let bytes = std::fs::read(path).map_err(|e| {
        UserError::usage(format!("cannot read config file {}", path.display()))
            .source(e)
            .hint("check the file exists and is readable")
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, col) = line_col(
            &String::from_utf8_lossy(e.as_bytes()),
            e.utf8_error().valid_up_to(),
        );
        UserError::usage(format!(
            "{}:{line}:{col}: config file is not valid UTF-8",
            display_path(path)
        ))
        .hint("save the file as UTF-8")
    })?;
    let config = parse(&text, &display_path(path))?;
    Ok(LoadedConfig {
        path: path.to_path_buf(),
        config,
    })
}

/// A path as errors show it: relative to the working directory when inside it.
pub fn display_path(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    path.strip_prefix(&cwd)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Parses configuration text; `origin` names it in errors.
pub fn parse(text: &str, origin: &str) -> Result<Config, UserError> {
    let mut config: Config = toml::from_str(text).map_err(|e| toml_error(text, origin, &e))?;
    validate(&config, text, origin)?;
    config.source_text = Some((origin.to_string(), std::sync::Arc::from(text)));
    Ok(config)
}

fn toml_error(text: &str, origin: &str, e: &toml::de::Error) -> UserError {
    let (line, col) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
    // Name the key, never the value: the value may be a secret written by mistake.
    let key = e
        .span()
        .and_then(|s| key_before(text, s.start))
        .unwrap_or_default();
    let msg = e.message().trim().to_string();
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let unknown = rest.split('`').next().unwrap_or_default();
        let expected: Vec<&str> = rest
            .split('`')
            .skip(1)
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, s)| s)
            .collect();
        let mut err = UserError::usage(format!("{origin}:{line}:{col}: unknown key `{unknown}`"));
        err = match nearest(unknown, &expected) {
            Some(best) => err.hint(format!(
                "did you mean `{best}`? (see docs/configuration.md)"
            )),
            None => err.hint(format!("valid keys here: {}", expected.join(", "))),
        };
        return err;
    }
    let what = if key.is_empty() || key.len() > 60 {
        String::new()
    } else {
        format!(" at `{key}`")
    };
    UserError::usage(format!(
        "{origin}:{line}:{col}: invalid configuration{what}: {msg}"
    ))
    .hint("see docs/configuration.md for every key and its type")
}

/// The key of the `key = value` whose value starts at `offset`.
fn key_before(text: &str, offset: usize) -> Option<String> {
    let before = text.get(..offset)?.trim_end();
    let before = before.strip_suffix('=')?.trim_end();
    let key: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '"'))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let key = key.trim_matches('"').to_string();
    (!key.is_empty()).then_some(key)
}

/// Keys whose values may be empty strings: placeholder values (a value,
/// not a name). Every other string in dbtool.toml names something (a schema,
/// table, location, pattern, zone, record, role, profile…) or is a setting,
/// and empty means nothing there.
fn empty_allowed(path: &[String]) -> bool {
    path.len() >= 2 && path[path.len() - 2] == "placeholders"
}

/// Lists that must name at least one thing when given.
const NON_EMPTY_LISTS: &[&str] = &["schemas", "locations"];

/// Empty names and values where emptiness is meaningless, and port 0, with
/// the file, line and column of the offending key or value.
fn validate_values(text: &str, origin: &str) -> Result<(), UserError> {
    // serde has already accepted the text, so it parses here too.
    let Ok(table) = toml::de::DeTable::parse(text) else {
        return Ok(());
    };
    let mut path = Vec::new();
    walk_table(table.get_ref(), &mut path, text, origin)
}

fn walk_table(
    table: &toml::de::DeTable<'_>,
    path: &mut Vec<String>,
    text: &str,
    origin: &str,
) -> Result<(), UserError> {
    let at = |span: std::ops::Range<usize>| {
        let (l, c) = line_col(text, span.start);
        format!("{origin}:{l}:{c}")
    };
    for (k, v) in table.iter() {
        let key: &str = k.get_ref();
        if key.trim().is_empty() {
            let table_name = if path.is_empty() {
                "the top level".to_string()
            } else {
                format!("`{}`", path.join("."))
            };
            return Err(UserError::usage(format!(
                "{}: {table_name} has an entry with an empty name",
                at(k.span())
            ))
            .hint("give it a name, or remove it"));
        }
        path.push(key.to_string());
        walk_value(v, path, text, origin)?;
        path.pop();
    }
    Ok(())
}

fn walk_value(
    v: &toml::Spanned<toml::de::DeValue<'_>>,
    path: &mut Vec<String>,
    text: &str,
    origin: &str,
) -> Result<(), UserError> {
    use toml::de::DeValue;
    let (l, c) = line_col(text, v.span().start);
    let at = format!("{origin}:{l}:{c}");
    let key = path.join(".");
    match v.get_ref() {
        DeValue::String(s) if s.trim().is_empty() && !empty_allowed(path) => Err(UserError::usage(
            format!("{at}: `{key}` is empty"),
        )
        .hint(
            "give it a value, or remove the line to use the default (see docs/configuration.md)",
        )),
        DeValue::String(s)
            if path.last().is_some_and(|k| k == "poll_interval") && parse_interval(s).is_err() =>
        {
            let e = parse_interval(s).unwrap_err();
            Err(UserError::usage(format!("{at}: `{key}`: {e}"))
                .hint("poll AWS every few seconds, e.g. \"15s\""))
        }
        DeValue::Integer(i)
            if path
                .last()
                .is_some_and(|k| k == "port" || k == "proxy_port")
                && i64::from_str_radix(
                    i.as_str().replace('_', "").trim_start_matches('+'),
                    i.radix(),
                ) == Ok(0) =>
        {
            Err(
                UserError::usage(format!("{at}: `{key}` = 0 is not a port")).hint(
                    "give a port from 1 to 65535 (the sandbox: 1024 or above), or remove the line",
                ),
            )
        }
        DeValue::Array(items) => {
            if items.is_empty()
                && path
                    .last()
                    .is_some_and(|k| NON_EMPTY_LISTS.contains(&k.as_str()))
            {
                return Err(UserError::usage(format!("{at}: `{key}` lists nothing"))
                    .hint("list at least one, or remove the line to use the default"));
            }
            for item in items.iter() {
                walk_value(item, path, text, origin)?;
            }
            Ok(())
        }
        DeValue::Table(t) => walk_table(t, path, text, origin),
        _ => Ok(()),
    }
}

fn validate(config: &Config, text: &str, origin: &str) -> Result<(), UserError> {
    validate_values(text, origin)?;
    config.lint.validate().map_err(|e| {
        UserError::usage(format!("{origin}: [lint]: {e}"))
            .hint("`dbtool migrate lint --list-rules` lists the rule ids")
    })?;
    let at = |needle: &str| -> String {
        match text.find(needle) {
            Some(off) => {
                let (l, c) = line_col(text, off);
                format!("{origin}:{l}:{c}")
            }
            None => origin.to_string(),
        }
    };
    if let Some(def) = &config.default_environment {
        if !config.environments.contains_key(def) {
            let names: Vec<&str> = config.environments.keys().map(String::as_str).collect();
            let mut err = UserError::usage(format!(
                "{}: default_environment `{def}` is not a configured environment",
                at("default_environment")
            ));
            if let Some(n) = nearest(def, &names) {
                err = err.hint(format!("did you mean `{n}`?"));
            } else {
                err = err.hint(format!("configured environments: {}", names.join(", ")));
            }
            return Err(err);
        }
    }
    let drift_lists = std::iter::once(("migrate.drift.ignore".to_string(), &config.migrate)).chain(
        config
            .environments
            .iter()
            .map(|(n, e)| (format!("environments.{n}.migrate.drift.ignore"), &e.migrate)),
    );
    for (key, m) in drift_lists {
        for p in &m.drift.ignore {
            if let Err(e) = crate::migrate::drift::check_pattern(p) {
                return Err(
                    UserError::usage(format!("{}: `{key}`: {e}", at(&format!("\"{p}\""))))
                        .hint(crate::migrate::drift::PATTERN_HINT.to_string()),
                );
            }
        }
    }
    for (name, env) in &config.environments {
        let header = format!("[environments.{name}]");
        if env.instance.is_some() && env.cluster.is_some() {
            return Err(UserError::usage(format!(
                "{}: environment `{name}` sets both `instance` and `cluster`",
                at(&header)
            ))
            .hint("an Aurora environment names its `cluster`; an RDS instance environment its `instance`"));
        }
        if env.cluster.is_none() {
            if let Some((role, rc)) = env.roles.iter().find(|(_, r)| r.endpoint.is_some()) {
                let shown = rc.endpoint.as_deref().unwrap_or_default();
                return Err(UserError::usage(format!(
                    "{}: role `{role}` of environment `{name}` sets `endpoint = \"{shown}\"`, which only an Aurora cluster has",
                    at(&format!("[environments.{name}.roles.{role}]"))
                ))
                .hint("set `cluster = \"ID\"` in the environment instead of `instance`/`host`, or remove `endpoint`"));
            }
        }
        let mut proxy_ports: BTreeMap<u16, &str> = BTreeMap::new();
        for (role, rc) in &env.roles {
            if let Some(port) = rc.proxy_port {
                if let Some(other) = proxy_ports.insert(port, role) {
                    return Err(UserError::usage(format!(
                        "{}: roles `{other}` and `{role}` of environment `{name}` both set `proxy_port = {port}`",
                        at(&format!("[environments.{name}.roles.{role}]"))
                    ))
                    .hint("give each role its own proxy_port: a GUI's saved connection names one role"));
                }
            }
            if let Some(e) = rc.endpoint.as_deref() {
                if !crate::access::is_instance_identifier(e) {
                    return Err(UserError::usage(format!(
                        "{}: role `{role}` of environment `{name}`: `endpoint = \"{e}\"` is neither `writer`, `reader` nor a custom endpoint name",
                        at(&format!("[environments.{name}.roles.{role}]"))
                    ))
                    .hint("custom endpoint names are letters, digits and hyphens, starting with a letter"));
                }
            }
        }
        let has_db = env.instance.is_some() || env.cluster.is_some();
        if env.sandbox && (env.host.is_some() || env.url.is_some() || has_db) {
            return Err(UserError::usage(format!(
                "{}: environment `{name}` sets `sandbox = true` and also a host, url or instance",
                at(&header)
            ))
            .hint("keep one way to reach the database"));
        }
        if env.url.is_some() && env.host.is_some() {
            return Err(UserError::usage(format!(
                "{}: environment `{name}` sets both `url` and `host`",
                at(&header)
            ))
            .hint("use either `url`, or `host` with `port`/`database` (`instance`/`cluster` may stand beside either: AWS operations use it, connections the url or host)"));
        }
        if let Some(url) = &env.url {
            if let Err(e) = crate::pg::ConnInfo::from_url(url) {
                return Err(UserError::usage(format!(
                    "{}: environment `{name}`: bad `url`: {e}",
                    at(url)
                ))
                .hint("write it as postgresql://user@host:5432/dbname"));
            }
        }
        if let Some(prefix) = env.logs.as_ref().and_then(|l| l.log_line_prefix.as_deref()) {
            if let Err(e) = crate::logs::LinePrefix::parse(prefix) {
                let header = format!("[environments.{name}.logs]");
                let place = text
                    .find(&header)
                    .and_then(|h| text[h..].find("log_line_prefix").map(|o| h + o))
                    .map(|off| {
                        let (l, c) = line_col(text, off);
                        format!("{origin}:{l}:{c}")
                    })
                    .unwrap_or_else(|| origin.to_string());
                return Err(UserError::usage(format!(
                    "{place}: environment `{name}`: bad `log_line_prefix`: {e}"
                ))
                .hint("write it as the server's log_line_prefix parameter shows it, e.g. \"%t:%r:%u@%d:[%p]:\" (docs/logs.md)"));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxy_ports_are_checked() {
        let ok = "[environments.prod]\nhost = \"h\"\n[environments.prod.roles.readonly]\nproxy_port = 6543\n";
        let c = parse(ok, "dbtool.toml").unwrap();
        assert_eq!(
            c.environments["prod"].roles["readonly"].proxy_port,
            Some(6543)
        );
        let zero = "[environments.prod]\nhost = \"h\"\n[environments.prod.roles.readonly]\nproxy_port = 0\n";
        let err = parse(zero, "dbtool.toml").unwrap_err();
        assert!(
            err.message
                .contains("`environments.prod.roles.readonly.proxy_port` = 0 is not a port"),
            "{}",
            err.message
        );
        let twice = "[environments.prod]\nhost = \"h\"\n[environments.prod.roles.readonly]\nproxy_port = 6543\n[environments.prod.roles.write]\nproxy_port = 6543\n";
        let err = parse(twice, "dbtool.toml").unwrap_err();
        assert!(
            err.message.contains(
                "roles `readonly` and `write` of environment `prod` both set `proxy_port = 6543`"
            ),
            "{}",
            err.message
        );
        let big = "[environments.prod]\nhost = \"h\"\n[environments.prod.roles.readonly]\nproxy_port = 70000\n";
        assert!(parse(big, "dbtool.toml").is_err());
    }

    #[test]
    fn unknown_key_names_line_and_suggests() {
        let text = "[environments.prod]\nregoin = \"eu-west-2\"\n";
        let err = parse(text, "dbtool.toml").unwrap_err();
        assert_eq!(err.message, "dbtool.toml:2:1: unknown key `regoin`");
        assert_eq!(
            err.hint.as_deref(),
            Some("did you mean `region`? (see docs/configuration.md)")
        );
    }

    #[test]
    fn bad_type_names_line_and_key() {
        let text = "[environments.prod]\nregion = \"eu-west-2\"\nport = \"five\"\n";
        let err = parse(text, "dbtool.toml").unwrap_err();
        assert!(
            err.message
                .starts_with("dbtool.toml:3:8: invalid configuration at `port`"),
            "{}",
            err.message
        );
        assert!(err.message.contains("expected u16"), "{}", err.message);
    }

    #[test]
    fn bad_duration_is_an_error() {
        let err = parse("[migrate]\nlock_timeout = \"5 parsecs\"\n", "x.toml").unwrap_err();
        assert!(err.message.starts_with("x.toml:2:16:"), "{}", err.message);
        assert!(err.message.contains("invalid duration"), "{}", err.message);
    }

    #[test]
    fn default_environment_must_exist() {
        let err = parse(
            "default_environment = \"prd\"\n[environments.prod]\n",
            "x.toml",
        )
        .unwrap_err();
        assert!(err
            .message
            .contains("`prd` is not a configured environment"));
        assert_eq!(err.hint.as_deref(), Some("did you mean `prod`?"));
    }

    #[test]
    fn migrate_overrides_merge() {
        let c = parse(
            "[migrate]\nlocations=[\"m\"]\nlock_timeout=\"5s\"\n[migrate.placeholders]\na=\"1\"\nb=\"2\"\n\
             [environments.p.migrate]\nlock_timeout=\"0\"\n[environments.p.migrate.placeholders]\nb=\"3\"\n",
            "x",
        )
        .unwrap();
        let m = c.migrate.merged_with(&c.environments["p"].migrate);
        assert_eq!(m.locations, Some(vec!["m".to_string()]));
        assert_eq!(m.lock_timeout, Some(Duration::ZERO));
        assert_eq!(
            m.placeholders["a"],
            crate::secrets::Text::Literal("1".into())
        );
        assert_eq!(
            m.placeholders["b"],
            crate::secrets::Text::Literal("3".into())
        );
    }
}
