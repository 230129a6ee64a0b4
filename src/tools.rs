//! Discovery of external PostgreSQL programs (psql, pgcli, pg_dump,
//! pg_restore, initdb, pg_ctl) with `which`, overridable per program by an
//! environment variable, and their versions. Runs those programs with `--version`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::env_vars as ev;
use crate::error::UserError;

/// An external program dbtool runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    Psql,
    Pgcli,
    PgDump,
    PgRestore,
    Initdb,
    PgCtl,
}

impl Tool {
    pub const ALL: [Tool; 6] = [
        Tool::Psql,
        Tool::Pgcli,
        Tool::PgDump,
        Tool::PgRestore,
        Tool::Initdb,
        Tool::PgCtl,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Tool::Psql => "psql",
            Tool::Pgcli => "pgcli",
            Tool::PgDump => "pg_dump",
            Tool::PgRestore => "pg_restore",
            Tool::Initdb => "initdb",
            Tool::PgCtl => "pg_ctl",
        }
    }

    /// The environment variable that overrides where the program is.
    pub fn env_var(self) -> &'static str {
        match self {
            Tool::Psql => ev::DBTOOL_PSQL,
            Tool::Pgcli => ev::DBTOOL_PGCLI,
            Tool::PgDump => ev::DBTOOL_PG_DUMP,
            Tool::PgRestore => ev::DBTOOL_PG_RESTORE,
            Tool::Initdb => ev::DBTOOL_INITDB,
            Tool::PgCtl => ev::DBTOOL_PG_CTL,
        }
    }

    /// Server programs are often outside PATH (Debian keeps them in
    /// /usr/lib/postgresql/N/bin).
    fn is_server_tool(self) -> bool {
        matches!(self, Tool::Initdb | Tool::PgCtl)
    }

    /// What to install when the program is missing.
    pub fn install_hint(self) -> &'static str {
        match self {
            Tool::Pgcli => "install pgcli: `apt-get install pgcli`, `brew install pgcli` or `pipx install pgcli`",
            Tool::Initdb | Tool::PgCtl => {
                "install the PostgreSQL server: `apt-get install postgresql` or `brew install postgresql@17` (or set DBTOOL_PG_BIN to its bin directory)"
            }
            _ => "install the PostgreSQL client: `apt-get install postgresql-client` or `brew install libpq`",
        }
    }
}

/// Finds a program: its override variable, then `DBTOOL_PG_BIN`, then PATH,
/// then (server programs) the newest /usr/lib/postgresql/*/bin and Homebrew's.
pub fn find(tool: Tool) -> Result<PathBuf, UserError> {
    if let Some(p) = std::env::var_os(tool.env_var()).filter(|v| !v.is_empty()) {
        let p = PathBuf::from(p);
        return which::which(&p).map_err(|_| {
            UserError::usage(format!(
                "{} is set to {}, which is not an executable",
                tool.env_var(),
                p.display()
            ))
            .hint(format!("fix or unset {}", tool.env_var()))
        });
    }
    if let Some(dir) = std::env::var_os(ev::DBTOOL_PG_BIN).filter(|v| !v.is_empty()) {
        let p = Path::new(&dir).join(tool.name());
        if p.is_file() {
            return Ok(p);
        }
    }
    if tool.is_server_tool() {
        if let Some(p) = server_bin_dirs()
            .into_iter()
            .map(|d| d.join(tool.name()))
            .find(|p| p.is_file())
        {
            return Ok(p);
        }
    }
    which::which(tool.name()).map_err(|_| {
        UserError::runtime(format!("{} not found", tool.name())).hint(format!(
            "{}; or point {} at it",
            tool.install_hint(),
            tool.env_var()
        ))
    })
}

/// Candidate PostgreSQL server bin directories, newest major version first.
fn server_bin_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<(u32, PathBuf)> = Vec::new();
    for root in [
        "/usr/lib/postgresql",
        "/usr/local/lib/postgresql",
        "/usr/pgsql",
    ] {
        if let Ok(entries) = std::fs::read_dir(root) {
            for e in entries.flatten() {
                if let Ok(v) = e.file_name().to_string_lossy().parse::<u32>() {
                    dirs.push((v, e.path().join("bin")));
                }
            }
        }
    }
    for prefix in ["/opt/homebrew/opt", "/usr/local/opt"] {
        if let Ok(entries) = std::fs::read_dir(prefix) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().to_string();
                if let Some(v) = name
                    .strip_prefix("postgresql@")
                    .and_then(|v| v.parse::<u32>().ok())
                {
                    dirs.push((v, e.path().join("bin")));
                }
            }
        }
    }
    dirs.sort_by_key(|d| std::cmp::Reverse(d.0));
    dirs.into_iter().map(|(_, d)| d).collect()
}

/// A program's version as printed by `--version`, e.g. (15, "15.20").
pub fn version(path: &Path) -> Option<(u32, String)> {
    let out = Command::new(path).arg("--version").output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    parse_version(&text)
}

/// Parses `pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)` → (15, "15.20");
/// also `Version: 4.1.0` (pgcli) → (4, "4.1.0").
pub fn parse_version(text: &str) -> Option<(u32, String)> {
    let word = text.split_whitespace().find(|w| {
        w.chars().next().is_some_and(|c| c.is_ascii_digit())
            && w.contains(|c: char| c.is_ascii_digit())
    })?;
    let word = word.trim_end_matches(|c: char| !c.is_ascii_digit());
    let major = word.split(['.', 'b', 'r', 'd']).next()?.parse().ok()?;
    Some((major, word.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_versions() {
        assert_eq!(
            parse_version("pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)\n"),
            Some((15, "15.20".into()))
        );
        assert_eq!(
            parse_version("psql (PostgreSQL) 17beta1"),
            Some((17, "17beta1".into()))
        );
        assert_eq!(parse_version("Version: 4.1.0"), Some((4, "4.1.0".into())));
        assert_eq!(parse_version("nothing here"), None);
    }

    #[test]
    fn finds_initdb_or_says_what_to_install() {
        match find(Tool::Initdb) {
            Ok(p) => assert!(p.ends_with("initdb")),
            Err(e) => assert!(e.hint.unwrap().contains("apt-get install postgresql")),
        }
    }
}
