//! Migration settings resolved once from every source, highest first: flags,
//! FLYWAY_* environment variables, dbtool.toml `[migrate]`, Flyway's own
//! `flyway.conf` / `flyway.toml`, defaults. Reads configuration files; the
//! environment is passed in so resolution stays testable.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::config::MigrateConfig;

use super::placeholders::{is_secret_name, PlaceholderValue, Placeholders};
use super::resolve::location_path;
use super::version::{Target, Version};
use crate::secrets::{Source, Text};

/// Default `lock_timeout` per migration.
pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(5);
/// Default retries of a migration that failed on lock_timeout.
pub const DEFAULT_LOCK_RETRIES: u32 = 3;
/// Default wait for another runner's migration lock.
pub const DEFAULT_LOCK_WAIT: Duration = Duration::from_secs(600);

/// One source of settings: the `[migrate]` keys plus Flyway's connection keys.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layer {
    pub migrate: MigrateConfig,
    pub url: Option<String>,
    pub user: Option<String>,
    pub password: Option<String>,
}

impl Layer {
    /// `over` wins key by key.
    pub fn merged_with(&self, over: &Layer) -> Layer {
        Layer {
            migrate: self.migrate.merged_with(&over.migrate),
            url: over.url.clone().or_else(|| self.url.clone()),
            user: over.user.clone().or_else(|| self.user.clone()),
            password: over.password.clone().or_else(|| self.password.clone()),
        }
    }
}

/// The final settings.
#[derive(Debug, Clone)]
pub struct Settings {
    pub locations: Vec<PathBuf>,
    pub schemas: Vec<String>,
    pub default_schema: String,
    pub table: String,
    /// User placeholders (lower-cased names), each marked secret or not;
    /// built-ins are added per connection.
    pub placeholders: BTreeMap<String, PlaceholderValue>,
    /// Placeholders whose value comes from a value source (SSM, Secrets
    /// Manager, a variable); [`Settings::read_sources`] moves them into
    /// `placeholders`, as secrets. Until then they are undefined.
    pub placeholder_sources: BTreeMap<String, Source>,
    pub placeholder_replacement: bool,
    pub baseline_on_migrate: bool,
    pub baseline_version: Version,
    pub baseline_description: String,
    pub out_of_order: bool,
    pub validate_on_migrate: bool,
    pub clean_disabled: bool,
    pub target: Target,
    pub mixed: bool,
    pub group: bool,
    pub installed_by: Option<String>,
    /// Zero turns it off.
    pub lock_timeout: Duration,
    pub lock_retries: u32,
    pub lock_wait: Duration,
    pub validate_migration_naming: bool,
    /// FLYWAY_URL / flyway.url, used when no TARGET or --url is given.
    pub url: Option<String>,
    pub user: Option<String>,
    pub password: Option<String>,
}

impl Settings {
    /// Resolves a merged layer (lowest to highest already applied) into settings.
    pub fn from_layer(layer: &Layer, cwd: &Path) -> Result<Settings, String> {
        let m = &layer.migrate;
        let locations = m
            .locations
            .clone()
            .unwrap_or_else(|| vec!["migrations".into()])
            .iter()
            .map(|l| location_path(l).map(|p| if p.is_absolute() { p } else { cwd.join(p) }))
            .collect::<Result<Vec<_>, _>>()?;
        let schemas: Vec<String> = m
            .schemas
            .clone()
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| vec!["public".into()]);
        let default_schema = m
            .default_schema
            .clone()
            .unwrap_or_else(|| schemas[0].clone());
        let baseline_version = Version::parse(m.baseline_version.as_deref().unwrap_or("1"))
            .map_err(|e| format!("baseline_version: {e}"))?;
        let target = Target::parse(m.target.as_deref().unwrap_or("latest"))
            .map_err(|e| format!("target: {e}"))?;
        Ok(Settings {
            locations,
            schemas,
            default_schema,
            table: m
                .table
                .clone()
                .unwrap_or_else(|| "flyway_schema_history".into()),
            placeholders: {
                let marked: Vec<String> = m
                    .secret_placeholders
                    .iter()
                    .flatten()
                    .map(|n| n.to_lowercase())
                    .collect();
                m.placeholders
                    .iter()
                    .filter_map(|(k, v)| Some((k, v.literal()?)))
                    .map(|(k, v)| {
                        let k = k.to_lowercase();
                        let secret = is_secret_name(&k) || marked.contains(&k);
                        (
                            k,
                            PlaceholderValue {
                                value: v.to_string(),
                                secret,
                            },
                        )
                    })
                    .collect()
            },
            placeholder_replacement: m.placeholder_replacement.unwrap_or(true),
            baseline_on_migrate: m.baseline_on_migrate.unwrap_or(false),
            baseline_version,
            baseline_description: m
                .baseline_description
                .clone()
                .unwrap_or_else(|| super::history::BASELINE_DESCRIPTION.into()),
            out_of_order: m.out_of_order.unwrap_or(false),
            validate_on_migrate: m.validate_on_migrate.unwrap_or(true),
            clean_disabled: m.clean_disabled.unwrap_or(true),
            target,
            mixed: m.mixed.unwrap_or(false),
            group: m.group.unwrap_or(false),
            installed_by: m.installed_by.clone().filter(|s| !s.is_empty()),
            lock_timeout: check_lock_timeout(
                "lock_timeout",
                m.lock_timeout.unwrap_or(DEFAULT_LOCK_TIMEOUT),
            )?,
            lock_retries: m.lock_retries.unwrap_or(DEFAULT_LOCK_RETRIES),
            lock_wait: m.lock_wait.unwrap_or(DEFAULT_LOCK_WAIT),
            validate_migration_naming: m.validate_migration_naming.unwrap_or(false),
            placeholder_sources: m
                .placeholders
                .iter()
                .filter_map(|(k, v)| match v {
                    Text::From(src) => Some((k.to_lowercase(), src.clone())),
                    Text::Literal(_) => None,
                })
                .collect(),
            url: layer.url.clone(),
            user: layer.user.clone(),
            password: layer.password.clone(),
        })
    }

    /// Reads the placeholders that come from value sources (with `sdk`, the
    /// target's AWS identity) and makes them secret placeholders. Errors
    /// name the dbtool.toml key.
    pub async fn read_sources(
        &mut self,
        environ: &crate::access::Environ,
        sdk: Option<&aws_config::SdkConfig>,
    ) -> Result<(), crate::error::UserError> {
        for (name, src) in std::mem::take(&mut self.placeholder_sources) {
            let value = crate::secrets::fetch(&src, environ, sdk)
                .await
                .map_err(|e| {
                    crate::error::UserError::runtime(format!(
                        "dbtool.toml (migrate.placeholders.{name}): {}",
                        e.message
                    ))
                    .hint(e.hint)
                })?;
            self.placeholders.insert(
                name,
                PlaceholderValue {
                    value: value.expose().to_string(),
                    secret: true,
                },
            );
        }
        Ok(())
    }

    /// The placeholders for one connection: user values plus Flyway's built-ins.
    pub fn placeholders_for(
        &self,
        user: &str,
        database: &str,
        now: chrono::NaiveDateTime,
    ) -> Placeholders {
        let mut p = Placeholders::new();
        p.insert("flyway:defaultSchema", self.default_schema.clone());
        p.insert("flyway:user", user);
        p.insert("flyway:database", database);
        p.insert(
            "flyway:timestamp",
            now.format("%Y-%m-%d %H:%M:%S").to_string(),
        );
        p.insert("flyway:table", self.table.clone());
        for (k, v) in &self.placeholders {
            p.insert_value(k, v.value.clone(), v.secret);
        }
        p
    }
}

fn parse_bool(key: &str, v: &str) -> Result<bool, String> {
    match v.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Ok(true),
        "false" | "0" | "no" | "off" => Ok(false),
        _ => Err(format!("{key}: expected true or false, got `{v}`")),
    }
}

fn parse_dur(key: &str, v: &str) -> Result<Duration, String> {
    crate::text::parse_duration(v).map_err(|e| format!("{key}: {e}"))
}

fn list(v: &str) -> Vec<String> {
    v.split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Applies one Flyway key (camelCase, without `flyway.`) to a layer.
fn apply_flyway_key(layer: &mut Layer, key: &str, value: &str, origin: &str) -> Result<(), String> {
    let m = &mut layer.migrate;
    let k = format!("{origin}: {key}");
    if let Some(name) = key.strip_prefix("placeholders.") {
        m.placeholders
            .insert(name.to_lowercase(), Text::Literal(value.to_string()));
        return Ok(());
    }
    match key {
        "url" => layer.url = Some(value.into()),
        "user" => layer.user = Some(value.into()),
        "password" => layer.password = Some(value.into()),
        "locations" => m.locations = Some(list(value)),
        "schemas" => m.schemas = Some(list(value)),
        "defaultSchema" => m.default_schema = Some(value.into()),
        "table" => m.table = Some(value.into()),
        "placeholderReplacement" => m.placeholder_replacement = Some(parse_bool(&k, value)?),
        "baselineOnMigrate" => m.baseline_on_migrate = Some(parse_bool(&k, value)?),
        "baselineVersion" => m.baseline_version = Some(value.into()),
        "baselineDescription" => m.baseline_description = Some(value.into()),
        "outOfOrder" => m.out_of_order = Some(parse_bool(&k, value)?),
        "validateOnMigrate" => m.validate_on_migrate = Some(parse_bool(&k, value)?),
        "cleanDisabled" => m.clean_disabled = Some(parse_bool(&k, value)?),
        "target" => m.target = Some(value.into()),
        "mixed" => m.mixed = Some(parse_bool(&k, value)?),
        "group" => m.group = Some(parse_bool(&k, value)?),
        "installedBy" => m.installed_by = Some(value.into()),
        "validateMigrationNaming" => m.validate_migration_naming = Some(parse_bool(&k, value)?),
        "lockRetryCount" => {
            m.lock_retries = Some(
                value
                    .trim()
                    .parse()
                    .map_err(|_| format!("{k}: not a number"))?,
            )
        }
        // Java-only or irrelevant settings are accepted and ignored.
        _ => {}
    }
    Ok(())
}

/// Parses a `flyway.conf` (Java properties: `flyway.key=value`).
pub fn parse_flyway_conf(text: &str, origin: &str) -> Result<Layer, String> {
    let mut layer = Layer::default();
    let mut pending = String::new();
    for line in text.lines() {
        let line = line.trim_start();
        if pending.is_empty() && (line.is_empty() || line.starts_with('#') || line.starts_with('!'))
        {
            continue;
        }
        // Properties continue a line ending with a backslash.
        if let Some(cont) = line.strip_suffix('\\') {
            pending.push_str(cont);
            continue;
        }
        pending.push_str(line);
        let full = std::mem::take(&mut pending);
        let Some(idx) = full.find(['=', ':']) else {
            continue;
        };
        let (key, value) = (full[..idx].trim(), full[idx + 1..].trim());
        if let Some(k) = key.strip_prefix("flyway.") {
            apply_flyway_key(&mut layer, k, value, origin)?;
        }
    }
    Ok(layer)
}

fn toml_scalar(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => s.clone(),
        toml::Value::Array(a) => a.iter().map(toml_scalar).collect::<Vec<_>>().join(","),
        other => other.to_string(),
    }
}

/// Parses a Flyway 10 `flyway.toml`: `[flyway]` keys and `[flyway.placeholders]`,
/// plus url/user/password/schemas of `[environments.<flyway.environment or default>]`.
pub fn parse_flyway_toml(text: &str, origin: &str) -> Result<Layer, String> {
    let doc: toml::Table =
        toml::from_str(text).map_err(|e| format!("{origin}: {}", e.message()))?;
    let mut layer = Layer::default();
    let flyway = doc.get("flyway").and_then(|v| v.as_table());
    let env_name = flyway
        .and_then(|f| f.get("environment"))
        .and_then(|v| v.as_str())
        .unwrap_or("default")
        .to_string();
    if let Some(env) = doc
        .get("environments")
        .and_then(|e| e.get(&env_name))
        .and_then(|v| v.as_table())
    {
        for (k, v) in env {
            if matches!(k.as_str(), "url" | "user" | "password" | "schemas") {
                apply_flyway_key(&mut layer, k, &toml_scalar(v), origin)?;
            }
        }
    }
    if let Some(f) = flyway {
        for (k, v) in f {
            if k == "placeholders" {
                if let Some(t) = v.as_table() {
                    for (pk, pv) in t {
                        layer
                            .migrate
                            .placeholders
                            .insert(pk.to_lowercase(), Text::Literal(toml_scalar(pv)));
                    }
                }
                continue;
            }
            apply_flyway_key(&mut layer, k, &toml_scalar(v), origin)?;
        }
    }
    Ok(layer)
}

/// Reads a Flyway configuration file (`.toml` or properties).
pub fn load_flyway_config(path: &Path) -> Result<Layer, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let origin = path.display().to_string();
    if path.extension().is_some_and(|e| e == "toml") {
        parse_flyway_toml(&text, &origin)
    } else {
        parse_flyway_conf(&text, &origin)
    }
}

/// The Flyway config file to read: `--flyway-config`, else `flyway.conf` or
/// `flyway.toml` in the working directory.
pub fn flyway_config_path(explicit: Option<&Path>, cwd: &Path) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return Some(p.to_path_buf());
    }
    ["flyway.toml", "flyway.conf"]
        .iter()
        .map(|n| cwd.join(n))
        .find(|p| p.is_file())
}

/// Flyway's environment variables dbtool reads, with the Flyway key each sets.
/// `FLYWAY_PLACEHOLDERS_<NAME>` sets the placeholder `<name>` (lower-cased).
pub const FLYWAY_ENV_VARS: &[(&str, &str)] = &[
    ("FLYWAY_URL", "url"),
    ("FLYWAY_USER", "user"),
    ("FLYWAY_PASSWORD", "password"),
    ("FLYWAY_LOCATIONS", "locations"),
    ("FLYWAY_SCHEMAS", "schemas"),
    ("FLYWAY_DEFAULT_SCHEMA", "defaultSchema"),
    ("FLYWAY_TABLE", "table"),
    ("FLYWAY_PLACEHOLDER_REPLACEMENT", "placeholderReplacement"),
    ("FLYWAY_BASELINE_ON_MIGRATE", "baselineOnMigrate"),
    ("FLYWAY_BASELINE_VERSION", "baselineVersion"),
    ("FLYWAY_BASELINE_DESCRIPTION", "baselineDescription"),
    ("FLYWAY_OUT_OF_ORDER", "outOfOrder"),
    ("FLYWAY_VALIDATE_ON_MIGRATE", "validateOnMigrate"),
    ("FLYWAY_CLEAN_DISABLED", "cleanDisabled"),
    ("FLYWAY_TARGET", "target"),
    ("FLYWAY_MIXED", "mixed"),
    ("FLYWAY_GROUP", "group"),
    ("FLYWAY_INSTALLED_BY", "installedBy"),
    (
        "FLYWAY_VALIDATE_MIGRATION_NAMING",
        "validateMigrationNaming",
    ),
    ("FLYWAY_LOCK_RETRY_COUNT", "lockRetryCount"),
];

/// Prefix of the variables that set placeholders.
pub const FLYWAY_PLACEHOLDERS_PREFIX: &str = "FLYWAY_PLACEHOLDERS_";

/// The layer from `FLYWAY_*` environment variables (name, value pairs).
pub fn env_layer(vars: &[(String, String)]) -> Result<Layer, String> {
    let mut layer = Layer::default();
    for (name, value) in vars {
        if let Some(p) = name.strip_prefix(FLYWAY_PLACEHOLDERS_PREFIX) {
            layer
                .migrate
                .placeholders
                .insert(p.to_lowercase(), Text::Literal(value.clone()));
            continue;
        }
        let Some(key) = FLYWAY_ENV_VARS
            .iter()
            .find(|(var, _)| var == name)
            .map(|(_, key)| *key)
        else {
            continue;
        };
        apply_flyway_key(
            &mut layer,
            key,
            value,
            &format!("environment variable {name}"),
        )?;
    }
    Ok(layer)
}

/// Parses `--lock-timeout` style values.
pub fn duration_arg(key: &str, v: &str) -> Result<Duration, String> {
    parse_dur(key, v)
}

/// PostgreSQL's largest `lock_timeout`: INT_MAX milliseconds (about 24.8 days).
pub const MAX_LOCK_TIMEOUT: Duration = Duration::from_millis(i32::MAX as u64);

/// A `lock_timeout` PostgreSQL accepts as given: 0 (off), or from 1ms to
/// [`MAX_LOCK_TIMEOUT`]. Anything else would fail at the first migration,
/// or round down to `0ms` and silently turn the timeout off.
pub fn check_lock_timeout(key: &str, d: Duration) -> Result<Duration, String> {
    if d.is_zero() || (d >= Duration::from_millis(1) && d <= MAX_LOCK_TIMEOUT) {
        return Ok(d);
    }
    let key = if key.is_empty() {
        String::new()
    } else {
        format!("{key}: ")
    };
    Err(format!(
        "{key}{} is out of range: use 0 (off) or a duration from 1ms to {} (PostgreSQL's maximum, 2147483647ms)",
        humantime::format_duration(d),
        humantime::format_duration(MAX_LOCK_TIMEOUT)
    ))
}

/// The clap parser of `--lock-timeout`: a duration in PostgreSQL's range.
pub fn parse_lock_timeout(v: &str) -> Result<Duration, String> {
    let d = crate::text::parse_duration(v)?;
    check_lock_timeout("", d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_flag_env_toml_flyway_default() {
        let flyway = parse_flyway_conf(
            "# c\nflyway.url=jdbc:postgresql://h/db\nflyway.locations=filesystem:sql,filesystem:more\nflyway.table=fly\nflyway.outOfOrder=true\nflyway.placeholders.Owner=conf\n",
            "flyway.conf",
        )
        .unwrap();
        let toml = Layer {
            migrate: MigrateConfig {
                table: Some("toml_table".into()),
                ..Default::default()
            },
            ..Default::default()
        };
        let env = env_layer(&[
            ("FLYWAY_PLACEHOLDERS_OWNER".into(), "env".into()),
            ("FLYWAY_LOCK_RETRY_COUNT".into(), "7".into()),
            ("HOME".into(), "/x".into()),
        ])
        .unwrap();
        let flags = Layer {
            migrate: MigrateConfig {
                out_of_order: Some(false),
                ..Default::default()
            },
            ..Default::default()
        };
        let merged = flyway
            .merged_with(&toml)
            .merged_with(&env)
            .merged_with(&flags);
        let s = Settings::from_layer(&merged, Path::new("/w")).unwrap();
        assert_eq!(
            s.locations,
            vec![PathBuf::from("/w/sql"), PathBuf::from("/w/more")]
        );
        assert_eq!(s.table, "toml_table");
        assert!(!s.out_of_order);
        assert_eq!(s.placeholders["owner"].value, "env");
        assert_eq!(s.lock_retries, 7);
        assert_eq!(s.url.as_deref(), Some("jdbc:postgresql://h/db"));
        assert_eq!(s.default_schema, "public");
        assert_eq!(s.lock_timeout, DEFAULT_LOCK_TIMEOUT);
    }

    #[test]
    fn flyway_toml() {
        let l = parse_flyway_toml(
            "[environments.default]\nurl = \"jdbc:postgresql://h:5432/db\"\nuser = \"u\"\nschemas = [\"app\", \"audit\"]\n[flyway]\nlocations = [\"filesystem:sql\"]\nbaselineOnMigrate = true\n[flyway.placeholders]\nOwner = \"x\"\n",
            "flyway.toml",
        )
        .unwrap();
        let s = Settings::from_layer(&l, Path::new("/w")).unwrap();
        assert_eq!(s.schemas, vec!["app", "audit"]);
        assert_eq!(s.default_schema, "app");
        assert!(s.baseline_on_migrate);
        assert_eq!(s.user.as_deref(), Some("u"));
        assert_eq!(s.placeholders["owner"].value, "x");
    }

    #[test]
    fn bad_values_name_their_source() {
        let err = env_layer(&[("FLYWAY_OUT_OF_ORDER".into(), "maybe".into())]).unwrap_err();
        assert!(err.contains("FLYWAY_OUT_OF_ORDER"), "{err}");
        assert!(Settings::from_layer(
            &Layer {
                migrate: MigrateConfig {
                    locations: Some(vec!["classpath:db".into()]),
                    ..Default::default()
                },
                ..Default::default()
            },
            Path::new("/")
        )
        .is_err());
    }

    #[test]
    fn lock_timeout_range_and_secret_placeholders() {
        assert!(check_lock_timeout("k", Duration::ZERO).is_ok());
        assert!(check_lock_timeout("k", Duration::from_millis(1)).is_ok());
        assert!(check_lock_timeout("k", MAX_LOCK_TIMEOUT).is_ok());
        let err = check_lock_timeout("k", MAX_LOCK_TIMEOUT + Duration::from_millis(1)).unwrap_err();
        assert!(err.contains("1ms") && err.contains("24days"), "{err}");
        assert!(check_lock_timeout("k", Duration::from_micros(999)).is_err());
        assert!(parse_lock_timeout("25d")
            .unwrap_err()
            .starts_with("25days is out of range"));
        let layer = Layer {
            migrate: MigrateConfig {
                lock_timeout: Some(Duration::from_micros(10)),
                ..Default::default()
            },
            ..Default::default()
        };
        assert!(Settings::from_layer(&layer, Path::new("/")).is_err());
        let mut layer = env_layer(&[
            ("FLYWAY_PLACEHOLDERS_DB_PASSWORD".into(), "p".into()),
            ("FLYWAY_PLACEHOLDERS_APP".into(), "a".into()),
            ("FLYWAY_PLACEHOLDERS_MARKED".into(), "m".into()),
        ])
        .unwrap();
        layer.migrate.secret_placeholders = Some(vec!["Marked".into()]);
        let s = Settings::from_layer(&layer, Path::new("/")).unwrap();
        assert!(s.placeholders["db_password"].secret);
        assert!(!s.placeholders["app"].secret);
        assert!(s.placeholders["marked"].secret);
        assert!(!format!("{s:?}").contains("\"p\""), "{s:?}");
    }

    #[test]
    fn builtin_placeholders() {
        let s = Settings::from_layer(&Layer::default(), Path::new("/")).unwrap();
        let now = chrono::NaiveDate::from_ymd_opt(2024, 5, 6)
            .unwrap()
            .and_hms_opt(7, 8, 9)
            .unwrap();
        let p = s.placeholders_for("app", "shop", now);
        assert_eq!(p.replace("${flyway:user}@${flyway:database}/${FLYWAY:DEFAULTSCHEMA}.${flyway:table} ${flyway:timestamp}").unwrap().expose(),
            "app@shop/public.flyway_schema_history 2024-05-06 07:08:09");
    }
}
