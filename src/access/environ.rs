//! What target planning needs from outside the arguments and dbtool.toml,
//! read once per run and passed in: the process environment (PG* variables,
//! DATABASE_URL, DBTOOL_*, USE_IAM_AUTH, USER), the local user from the
//! password database, `~/.pgpass`, pg_service.conf, and the sandbox's state.
//! Only [`Environ::capture`] and [`SandboxState::capture`] read anything
//! (environment, files); tests build both from literals.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::env_vars as ev;
use crate::pg::ConnInfo;
use crate::sandbox::Sandbox;

/// A snapshot of the process environment and the files libpq would read.
#[derive(Debug, Clone, Default)]
pub struct Environ {
    vars: BTreeMap<String, String>,
    /// The local user: `$USER`, else the password database's name for our uid.
    pub local_user: Option<String>,
    /// `~/.pgpass` (or PGPASSFILE): its path and text, when it exists and is
    /// private (libpq ignores a file readable by group or others).
    pub pgpass: Option<(PathBuf, String)>,
    /// Whether the password file exists but was ignored for its permissions.
    pub pgpass_ignored: Option<PathBuf>,
    /// pg_service.conf files in libpq's order (user file first), with their text.
    pub service_files: Vec<(PathBuf, String)>,
}

impl Environ {
    /// Reads the environment and the files, once.
    pub fn capture() -> Environ {
        let vars: BTreeMap<String, String> = std::env::vars_os()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
            .collect();
        let mut env = Environ {
            vars,
            ..Default::default()
        };
        env.local_user = env
            .get(ev::USER)
            .map(str::to_string)
            .or_else(password_database_user);
        env.read_pgpass();
        env.read_service_files();
        env
    }

    /// An environment from literal pairs (tests, library callers); no files.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Environ {
        let vars: BTreeMap<String, String> = pairs
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let local_user = vars.get(ev::USER).cloned();
        Environ {
            vars,
            local_user,
            ..Default::default()
        }
    }

    /// A variable's value; unset and empty are the same.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// Whether a variable is set to a true value (`1`, `true`, `yes`, `on`).
    pub fn flag(&self, name: &str) -> bool {
        self.get(name).is_some_and(ev::truthy)
    }

    /// Inherited libpq variables that dbtool does not use to choose a target
    /// (they are removed from children too), for a warning.
    pub fn ignored_libpq(&self) -> Vec<&str> {
        self.vars
            .keys()
            .map(String::as_str)
            .filter(|k| {
                k.starts_with("PG")
                    && crate::process::is_redirecting(std::ffi::OsStr::new(k))
                    && !LIBPQ_TARGET.contains(k)
            })
            .filter(|k| self.get(k).is_some())
            .collect()
    }

    fn read_pgpass(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        let path = self
            .get(ev::PGPASSFILE)
            .map(PathBuf::from)
            .unwrap_or_else(|| crate::paths::home().join(".pgpass"));
        let Ok(meta) = std::fs::metadata(&path) else {
            return;
        };
        if meta.permissions().mode() & 0o077 != 0 {
            self.pgpass_ignored = Some(path);
            return;
        }
        if let Ok(text) = std::fs::read_to_string(&path) {
            self.pgpass = Some((path, text));
        }
    }

    fn read_service_files(&mut self) {
        let user = self
            .get(ev::PGSERVICEFILE)
            .map(PathBuf::from)
            .unwrap_or_else(|| crate::paths::home().join(".pg_service.conf"));
        let mut paths = vec![user];
        match self.get(ev::PGSYSCONFDIR) {
            Some(d) => paths.push(PathBuf::from(d).join("pg_service.conf")),
            None => {
                paths.push(PathBuf::from("/etc/postgresql-common/pg_service.conf"));
                paths.push(PathBuf::from("/etc/pg_service.conf"));
            }
        }
        for p in paths {
            if let Ok(text) = std::fs::read_to_string(&p) {
                self.service_files.push((p, text));
            }
        }
    }

    /// Adds a pg_service.conf (tests).
    pub fn with_service_file(mut self, path: &str, text: &str) -> Environ {
        self.service_files
            .push((PathBuf::from(path), text.to_string()));
        self
    }

    /// Adds a password file (tests).
    pub fn with_pgpass(mut self, text: &str) -> Environ {
        self.pgpass = Some((PathBuf::from("~/.pgpass"), text.to_string()));
        self
    }
}

/// The libpq variables that name a target (psql's habit), see `plan`.
pub const LIBPQ_TARGET: &[&str] = &[
    ev::PGHOST,
    ev::PGPORT,
    ev::PGUSER,
    ev::PGDATABASE,
    ev::PGPASSWORD,
    ev::PGSSLMODE,
    ev::PGSSLROOTCERT,
    ev::PGPASSFILE,
    ev::PGSERVICEFILE,
    ev::PGSYSCONFDIR,
];

fn password_database_user() -> Option<String> {
    nix::unistd::User::from_uid(nix::unistd::getuid())
        .ok()
        .flatten()
        .map(|u| u.name)
        .filter(|n| !n.is_empty())
}

/// The local sandbox as target planning sees it.
#[derive(Debug, Clone, Default)]
pub struct SandboxState {
    pub dir: PathBuf,
    /// Its connection, when it is initialised and running.
    pub running: Option<ConnInfo>,
}

impl SandboxState {
    pub fn capture(sandbox: &Sandbox) -> SandboxState {
        let running = (sandbox.is_initialized() && sandbox.running_pid().is_some())
            .then(|| sandbox.conn_info().ok())
            .flatten();
        SandboxState {
            dir: sandbox.dir.clone(),
            running,
        }
    }
}
