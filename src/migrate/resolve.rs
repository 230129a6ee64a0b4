//! Finding migrations on disk: recursive scan of the locations, file naming,
//! per-script `<script>.sql.conf`, decoding, checksums and placeholder
//! replacement. Reads the filesystem only.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::checksum::{checksum, decode};
use super::naming::{parse_file_name, Kind, Parsed};
use super::placeholders::{Placeholders, SqlText};
use super::version::Version;

/// `<script>.sql.conf`: per-script settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScriptConfig {
    pub execute_in_transaction: Option<bool>,
    pub placeholder_replacement: Option<bool>,
    pub encoding: Option<String>,
    pub should_execute: Option<String>,
}

impl ScriptConfig {
    /// The settings of `<script>.sql.conf` beside a script (defaults when absent).
    pub fn for_script(path: &Path) -> Result<ScriptConfig, String> {
        let conf_path = PathBuf::from(format!("{}.conf", path.display()));
        if !conf_path.is_file() {
            return Ok(ScriptConfig::default());
        }
        let text = std::fs::read_to_string(&conf_path)
            .map_err(|e| format!("cannot read {}: {e}", conf_path.display()))?;
        ScriptConfig::parse(&text, &conf_path.display().to_string())
    }

    /// Parses `key=value` lines (`#` comments), with Flyway's key names.
    pub fn parse(text: &str, origin: &str) -> Result<ScriptConfig, String> {
        let mut c = ScriptConfig::default();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((k, v)) = line.split_once('=') else {
                return Err(format!("{origin}:{}: expected key=value", n + 1));
            };
            let (k, v) = (k.trim(), v.trim());
            let bool_of = |v: &str| match v.to_ascii_lowercase().as_str() {
                "true" => Ok(true),
                "false" => Ok(false),
                _ => Err(format!(
                    "{origin}:{}: `{k}` must be true or false, not `{v}`",
                    n + 1
                )),
            };
            match k {
                "executeInTransaction" => c.execute_in_transaction = Some(bool_of(v)?),
                "placeholderReplacement" => c.placeholder_replacement = Some(bool_of(v)?),
                "encoding" => c.encoding = Some(v.to_string()),
                "shouldExecute" => c.should_execute = Some(v.to_string()),
                _ => {
                    return Err(format!(
                        "{origin}:{}: unknown key `{k}` (known: executeInTransaction, placeholderReplacement, encoding, shouldExecute)",
                        n + 1
                    ))
                }
            }
        }
        Ok(c)
    }
}

/// A migration found on disk, ready to run.
#[derive(Debug, Clone)]
pub struct ResolvedMigration {
    pub kind: Kind,
    pub version: Option<Version>,
    pub description: String,
    /// Path relative to its location, with `/` separators (the history `script`).
    pub script: String,
    pub path: PathBuf,
    /// The checksum Flyway stores: versioned before placeholder replacement,
    /// repeatable after.
    pub checksum: i32,
    /// The checksum of the file as written (before placeholders).
    pub raw_checksum: i32,
    /// Whether `checksum` is Flyway's: false for a repeatable whose
    /// placeholders have no value here (then it is the raw checksum, and
    /// whether the migration is outdated cannot be told).
    pub checksum_known: bool,
    /// The SQL to run, placeholders replaced (unless turned off); the file as
    /// written when a placeholder has no value (see `placeholder_error`).
    pub sql: SqlText,
    /// Why the SQL could not be prepared (an undefined placeholder), with
    /// file, line and column. Only commands that run the file fail on it.
    pub placeholder_error: Option<String>,
    pub config: ScriptConfig,
}

impl ResolvedMigration {
    /// The SQL to run, or the placeholder error (a usage error: nothing ran).
    pub fn runnable(&self) -> Result<&SqlText, String> {
        match &self.placeholder_error {
            Some(e) => Err(e.clone()),
            None => Ok(&self.sql),
        }
    }
}

/// A callback script (`beforeMigrate.sql`, `afterEachMigrate__x.sql`…).
#[derive(Debug, Clone)]
pub struct Callback {
    pub event: &'static str,
    pub description: String,
    pub script: String,
    pub path: PathBuf,
    pub sql: SqlText,
    /// An undefined placeholder in the callback (an error when it runs).
    pub placeholder_error: Option<String>,
    pub config: ScriptConfig,
}

impl Callback {
    /// The SQL to run, or the placeholder error.
    pub fn runnable(&self) -> Result<&SqlText, String> {
        match &self.placeholder_error {
            Some(e) => Err(e.clone()),
            None => Ok(&self.sql),
        }
    }
}

/// Everything found in the locations.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    /// Versioned, baseline and repeatable migrations: versioned ones by
    /// version, then repeatables by description.
    pub migrations: Vec<ResolvedMigration>,
    /// `U` files by version.
    pub undo: Vec<ResolvedMigration>,
    /// Callbacks by event, then script name.
    pub callbacks: Vec<Callback>,
    /// `.sql` files whose names break the rules, with the reason.
    pub unrecognised: Vec<(String, String)>,
    /// Versions of scripts skipped because `shouldExecute` is false.
    pub skipped: Vec<String>,
    /// Locations that do not exist.
    pub missing_locations: Vec<PathBuf>,
}

impl Resolved {
    pub fn versioned(&self) -> impl Iterator<Item = &ResolvedMigration> {
        self.migrations.iter().filter(|m| m.version.is_some())
    }

    pub fn callbacks_for<'a>(&'a self, event: &'a str) -> impl Iterator<Item = &'a Callback> + 'a {
        self.callbacks.iter().filter(move |c| c.event == event)
    }

    pub fn undo_for(&self, version: &Version) -> Option<&ResolvedMigration> {
        self.undo
            .iter()
            .find(|u| u.version.as_ref() == Some(version))
    }
}

/// Strips `filesystem:` from a location; `classpath:` is refused.
pub fn location_path(location: &str) -> Result<PathBuf, String> {
    if let Some(rest) = location.strip_prefix("filesystem:") {
        return Ok(PathBuf::from(rest));
    }
    if location.starts_with("classpath:") {
        return Err(format!(
            "location `{location}`: classpath locations are Java-only; point at the directory with `filesystem:<dir>`"
        ));
    }
    Ok(PathBuf::from(location))
}

/// Scans `locations` recursively and loads every migration and callback.
/// `placeholders` is `None` when replacement is off. An undefined
/// placeholder is not an error here: it is kept on the file
/// (`placeholder_error`) for the commands that run it.
pub fn resolve(
    locations: &[PathBuf],
    placeholders: Option<&Placeholders>,
) -> Result<Resolved, String> {
    let mut r = Resolved::default();
    let mut versions: BTreeMap<Version, Vec<String>> = BTreeMap::new();
    let mut repeatables: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut undos: BTreeMap<Version, Vec<String>> = BTreeMap::new();
    let mut baselines: BTreeMap<Version, Vec<String>> = BTreeMap::new();
    for loc in locations {
        if !loc.is_dir() {
            r.missing_locations.push(loc.clone());
            continue;
        }
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(loc)
            .follow_links(true)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .collect();
        files.sort();
        for path in files {
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let script = relative_script(loc, &path);
            let parsed = match parse_file_name(name) {
                Ok(Some(p)) => p,
                Ok(None) => continue,
                Err(e) => {
                    r.unrecognised.push((script, e.reason));
                    continue;
                }
            };
            let config = ScriptConfig::for_script(&path)?;
            let conf_path = PathBuf::from(format!("{}.conf", path.display()));
            let bytes =
                std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let text = decode(&bytes, config.encoding.as_deref())
                .map_err(|e| format!("{}: {e}", crate::config::display_path(&path)))?;
            let raw_checksum = checksum(&text);
            // Like Flyway, a byte-order mark is not part of the SQL.
            let text = text
                .strip_prefix('\u{feff}')
                .map(str::to_string)
                .unwrap_or(text);
            let replace = placeholders.filter(|_| config.placeholder_replacement != Some(false));
            let (sql, placeholder_error) = match replace {
                Some(p) => match p.for_file(name).replace(&text) {
                    Ok(sql) => (sql, None),
                    Err(u) => (
                        SqlText::plain(text.clone()),
                        Some(format!(
                            "{}:{}:{}: no value for placeholder `${{{}}}`; define it in [migrate.placeholders], with --placeholder {}=VALUE or FLYWAY_PLACEHOLDERS_{}",
                            crate::config::display_path(&path),
                            u.line,
                            u.column,
                            u.name,
                            u.name,
                            u.name.to_uppercase().replace(':', "_")
                        )),
                    ),
                },
                None => (SqlText::plain(text.clone()), None),
            };
            if let Some(cond) = &config.should_execute {
                let cond = match replace {
                    Some(p) => p
                        .replace(cond)
                        .map_err(|u| {
                            format!(
                                "{}: shouldExecute: no value for `${{{}}}`",
                                conf_path.display(),
                                u.name
                            )
                        })?
                        .expose()
                        .to_string(),
                    None => cond.clone(),
                };
                if !should_execute(&cond).map_err(|e| format!("{}: {e}", conf_path.display()))? {
                    if let Parsed::Migration {
                        version: Some(v), ..
                    } = &parsed
                    {
                        r.skipped.push(v.as_str().to_string());
                    }
                    continue;
                }
            }
            match parsed {
                Parsed::Callback { event, description } => {
                    r.callbacks.push(Callback {
                        event,
                        description,
                        script,
                        path,
                        sql,
                        placeholder_error,
                        config,
                    });
                }
                Parsed::Migration {
                    kind,
                    version,
                    description,
                } => {
                    let checksum_known = kind != Kind::Repeatable || placeholder_error.is_none();
                    let checksum = if kind == Kind::Repeatable && checksum_known {
                        checksum(sql.expose())
                    } else {
                        raw_checksum
                    };
                    let m = ResolvedMigration {
                        kind,
                        version: version.clone(),
                        description: description.clone(),
                        script: script.clone(),
                        path,
                        checksum,
                        raw_checksum,
                        checksum_known,
                        sql,
                        placeholder_error,
                        config,
                    };
                    match (kind, version) {
                        (Kind::Undo, Some(v)) => {
                            undos.entry(v).or_default().push(script);
                            r.undo.push(m);
                        }
                        (Kind::Repeatable, _) => {
                            repeatables.entry(description).or_default().push(script);
                            r.migrations.push(m);
                        }
                        (Kind::Baseline, Some(v)) => {
                            baselines.entry(v).or_default().push(script);
                            r.migrations.push(m);
                        }
                        (_, Some(v)) => {
                            versions.entry(v).or_default().push(script);
                            r.migrations.push(m);
                        }
                        (_, None) => r.migrations.push(m),
                    }
                }
            }
        }
    }
    for (what, dups) in [
        (
            "version",
            versions
                .iter()
                .map(|(v, s)| (v.to_string(), s))
                .collect::<Vec<_>>(),
        ),
        (
            "undo version",
            undos.iter().map(|(v, s)| (v.to_string(), s)).collect(),
        ),
        (
            "baseline version",
            baselines.iter().map(|(v, s)| (v.to_string(), s)).collect(),
        ),
        (
            "repeatable description",
            repeatables.iter().map(|(d, s)| (d.clone(), s)).collect(),
        ),
    ] {
        if let Some((key, scripts)) = dups.into_iter().find(|(_, s)| s.len() > 1) {
            return Err(format!(
                "found more than one migration with {what} {key}: {} (versions compare numerically: 1.0 equals 1); rename one of them",
                scripts.join(", ")
            ));
        }
    }
    r.migrations.sort_by(|a, b| match (&a.version, &b.version) {
        (Some(x), Some(y)) => x.cmp(y).then(a.kind.cmp(&b.kind)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.description.cmp(&b.description),
    });
    r.undo.sort_by(|a, b| a.version.cmp(&b.version));
    r.callbacks
        .sort_by(|a, b| a.event.cmp(b.event).then(a.script.cmp(&b.script)));
    Ok(r)
}

/// The history `script` of a file: its path under the location, `/`-separated.
fn relative_script(location: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(location).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Evaluates `shouldExecute`: `true`, `false`, `a==b`, `a!=b`, joined by `&&`/`||`.
pub fn should_execute(expr: &str) -> Result<bool, String> {
    let expr = expr.trim();
    if let Some((a, b)) = expr.split_once("||") {
        return Ok(should_execute(a)? || should_execute(b)?);
    }
    if let Some((a, b)) = expr.split_once("&&") {
        return Ok(should_execute(a)? && should_execute(b)?);
    }
    if let Some((a, b)) = expr.split_once("!=") {
        return Ok(a.trim() != b.trim());
    }
    if let Some((a, b)) = expr.split_once("==") {
        return Ok(a.trim() == b.trim());
    }
    match expr.to_ascii_lowercase().as_str() {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(format!(
            "shouldExecute `{expr}` is not true, false, a==b or a!=b"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, body: &[u8]) {
        let p = dir.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, body).unwrap();
    }

    #[test]
    fn scans_recursively_with_relative_scripts() {
        let d = tempfile::tempdir().unwrap();
        write(d.path(), "V1__init.sql", b"CREATE TABLE t (id int);\r\n");
        write(d.path(), "sub/dir/V1_1__more stuff.sql", b"select 1;");
        write(d.path(), "R__views.sql", b"select '${flyway:table}';");
        write(d.path(), "U1__undo.sql", b"drop table t;");
        write(d.path(), "beforeMigrate.sql", b"select 0;");
        write(d.path(), "README.md", b"hi");
        write(d.path(), "init.sql", b"select 1;");
        let mut p = Placeholders::new();
        p.insert("flyway:table", "flyway_schema_history");
        let r = resolve(&[d.path().to_path_buf()], Some(&p)).unwrap();
        let scripts: Vec<&str> = r.migrations.iter().map(|m| m.script.as_str()).collect();
        assert_eq!(
            scripts,
            vec![
                "V1__init.sql",
                "sub/dir/V1_1__more stuff.sql",
                "R__views.sql"
            ]
        );
        assert_eq!(r.migrations[0].checksum, 92137680);
        assert_eq!(r.migrations[1].description, "more stuff");
        assert_eq!(
            r.migrations[2].sql.expose(),
            "select 'flyway_schema_history';"
        );
        assert_ne!(r.migrations[2].checksum, r.migrations[2].raw_checksum);
        assert_eq!(r.undo.len(), 1);
        assert_eq!(r.callbacks[0].event, "beforeMigrate");
        assert_eq!(r.unrecognised.len(), 1);
        assert_eq!(r.unrecognised[0].0, "init.sql");
    }

    #[test]
    fn duplicate_versions_name_both_files() {
        let d = tempfile::tempdir().unwrap();
        write(d.path(), "V1__a.sql", b"select 1;");
        write(d.path(), "x/V1.0__b.sql", b"select 1;");
        let err = resolve(&[d.path().to_path_buf()], None).unwrap_err();
        assert!(
            err.contains("V1__a.sql") && err.contains("x/V1.0__b.sql"),
            "{err}"
        );
    }

    #[test]
    fn undefined_placeholder_names_file_line_and_name() {
        let d = tempfile::tempdir().unwrap();
        write(d.path(), "V1__a.sql", b"select 1;\n-- ${missing}\n");
        let r = resolve(&[d.path().to_path_buf()], Some(&Placeholders::new())).unwrap();
        let err = r.migrations[0].runnable().unwrap_err();
        assert!(
            err.contains("V1__a.sql:2:4: no value for placeholder `${missing}`"),
            "{err}"
        );
        // The checksum of a versioned file needs no values.
        assert!(r.migrations[0].checksum_known);
        assert_eq!(r.migrations[0].checksum, r.migrations[0].raw_checksum);
        write(d.path(), "R__b.sql", b"select '${missing}';\n");
        let r = resolve(&[d.path().to_path_buf()], Some(&Placeholders::new())).unwrap();
        assert!(!r.migrations[1].checksum_known, "a repeatable's does");
        std::fs::remove_file(d.path().join("R__b.sql")).unwrap();
        // Turned off per script: no error, text left alone.
        write(
            d.path(),
            "V1__a.sql.conf",
            b"placeholderReplacement=false\nexecuteInTransaction=false\n",
        );
        let r = resolve(&[d.path().to_path_buf()], Some(&Placeholders::new())).unwrap();
        assert!(r.migrations[0].sql.expose().contains("${missing}"));
        assert!(r.migrations[0].runnable().is_ok());
        assert_eq!(r.migrations[0].config.execute_in_transaction, Some(false));
    }

    #[test]
    fn invalid_utf8_names_the_file() {
        let d = tempfile::tempdir().unwrap();
        write(d.path(), "V1__a.sql", b"select '\xff';");
        let err = resolve(&[d.path().to_path_buf()], None).unwrap_err();
        assert!(
            err.contains("V1__a.sql: invalid UTF-8 at line 1, column 9"),
            "{err}"
        );
        write(d.path(), "V1__a.sql.conf", b"encoding=ISO-8859-1\n");
        assert!(resolve(&[d.path().to_path_buf()], None).is_ok());
    }

    #[test]
    fn should_execute_expressions() {
        assert!(should_execute("true").unwrap());
        assert!(!should_execute("prod==dev").unwrap());
        assert!(should_execute("prod!=dev && true").unwrap());
        assert!(should_execute("x").is_err());
        let d = tempfile::tempdir().unwrap();
        write(d.path(), "V1__a.sql", b"select 1;");
        write(d.path(), "V1__a.sql.conf", b"shouldExecute=${env}==prod\n");
        let mut p = Placeholders::new();
        p.insert("env", "dev");
        let r = resolve(&[d.path().to_path_buf()], Some(&p)).unwrap();
        assert!(r.migrations.is_empty());
        assert_eq!(r.skipped, vec!["1"]);
    }
}
