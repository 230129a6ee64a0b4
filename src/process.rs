//! Child processes (psql, pgcli, pg_dump, pg_restore, initdb, pg_ctl, any
//! client after `--`): every program dbtool starts is built here, so that
//! (1) it gets its connection only from dbtool: inherited libpq variables that
//! could send it elsewhere (`PGSERVICE`, `PGHOSTADDR`, `PGHOST`, `PGPASSFILE`,
//! `PGSSL*`, `PGOPTIONS`…, every `PG*` name but a few formatting ones) are
//! removed before dbtool sets its own, and (2) it dies with dbtool: on Linux
//! the kernel sends it SIGTERM when dbtool dies, even by SIGKILL
//! (`PR_SET_PDEATHSIG`). Touches the process table only.

use std::ffi::OsStr;
use std::process::Command;

use crate::pg::ConnInfo;

/// `PG*` variables a child may keep: they change formatting or timeouts, never
/// which server, database, user, credential or TLS setting is used.
pub const LIBPQ_KEPT: &[&str] = &[
    "PGCLIENTENCODING",
    "PGDATESTYLE",
    "PGTZ",
    "PGGEQO",
    "PGCONNECT_TIMEOUT",
    "PGLOCALEDIR",
];

/// Variables other tools read to find a database, which would point a child
/// (a Rails console, Flyway, another dbtool) elsewhere than dbtool's target.
pub const URL_VARIABLES: &[&str] = &[
    "DATABASE_URL",
    "DBTOOL_DATABASE_URL",
    "DBTOOL_ENV",
    "FLYWAY_URL",
    "FLYWAY_USER",
    "FLYWAY_PASSWORD",
];

/// Whether an inherited variable is removed from every child's environment.
pub fn is_redirecting(name: &OsStr) -> bool {
    let Some(name) = name.to_str() else {
        return false;
    };
    (name.starts_with("PG") && !LIBPQ_KEPT.contains(&name)) || URL_VARIABLES.contains(&name)
}

/// The inherited variables that [`command`] removes, as they are set now.
pub fn inherited_libpq() -> Vec<String> {
    std::env::vars_os()
        .filter(|(k, _)| is_redirecting(k))
        .filter_map(|(k, _)| k.into_string().ok())
        .collect()
}

/// How a child relates to dbtool's lifetime.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifetime {
    /// Dies with dbtool (everything but the sandbox server).
    Bound,
    /// Outlives dbtool on purpose (pg_ctl start: the server is meant to keep running).
    Detached,
}

/// A `std::process::Command` with the inherited libpq environment removed
/// and, for [`Lifetime::Bound`], a parent-death signal.
pub fn std_command(program: impl AsRef<OsStr>, lifetime: Lifetime) -> Command {
    let mut cmd = Command::new(program);
    for (k, _) in std::env::vars_os() {
        if is_redirecting(&k) {
            cmd.env_remove(&k);
        }
    }
    if lifetime == Lifetime::Bound {
        die_with_parent(&mut cmd);
    }
    cmd
}

/// The same for async code.
pub fn command(program: impl AsRef<OsStr>) -> tokio::process::Command {
    tokio::process::Command::from(std_command(program, Lifetime::Bound))
}

/// Sets the connection variables of `conn` (the password only through the
/// environment, never argv).
pub fn set_conn(cmd: &mut Command, conn: &ConnInfo) {
    for (k, v) in conn.pg_env() {
        cmd.env(k, v);
    }
}

/// The same for a tokio command.
pub fn set_conn_async(cmd: &mut tokio::process::Command, conn: &ConnInfo) {
    for (k, v) in conn.pg_env() {
        cmd.env(k, v);
    }
}

#[cfg(target_os = "linux")]
fn die_with_parent(cmd: &mut Command) {
    use std::os::unix::process::CommandExt;
    // The pid that forks; if it is gone by the time the child runs prctl, the
    // signal would never come, so the child checks and exits itself.
    let parent = std::process::id() as libc::pid_t;
    // SAFETY: only async-signal-safe calls (prctl, getppid, _exit) between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            if libc::getppid() != parent {
                libc::_exit(1);
            }
            Ok(())
        });
    }
}

#[cfg(not(target_os = "linux"))]
fn die_with_parent(_cmd: &mut Command) {
    // No parent-death signal outside Linux: children get kill_on_drop and
    // dbtool's own exit paths; a SIGKILLed dbtool can leave them running.
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pg_variable_but_formatting_ones_is_removed() {
        for v in [
            "PGSERVICE",
            "PGSERVICEFILE",
            "PGHOSTADDR",
            "PGHOST",
            "PGPORT",
            "PGDATABASE",
            "PGUSER",
            "PGPASSWORD",
            "PGPASSFILE",
            "PGSSLMODE",
            "PGSSLROOTCERT",
            "PGSSLCERT",
            "PGOPTIONS",
            "PGTARGETSESSIONATTRS",
            "PGSYSCONFDIR",
            "PGDATA",
            "PGAPPNAME",
            "PGREQUIREAUTH",
            "PGLOADBALANCEHOSTS",
        ] {
            assert!(is_redirecting(OsStr::new(v)), "{v}");
        }
        for v in [
            "PGTZ",
            "PGCLIENTENCODING",
            "PATH",
            "PSQLRC",
            "PAGER",
            "HOME",
        ] {
            assert!(!is_redirecting(OsStr::new(v)), "{v}");
        }
    }
}
