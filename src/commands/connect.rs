//! `dbtool connect` (alias `db-connect`): resolve the target and role, get the
//! IAM token, then run psql, pgcli or any program with the PG* variables in
//! its environment (never argv), forwarding signals and returning its exit
//! code. Appends one line per connect to the local audit log. Runs the client;
//! touches STS/RDS through `crate::access`.

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;
use std::time::Duration;

use chrono::Utc;
use serde::Serialize;

use crate::aws::credentials::MfaOptions;
use crate::context::Context;
use crate::error::{ExitStatus, UserError};
use crate::target::{Resolved, TargetArgs};
use crate::tools::{self, Tool};

/// Target, role and credentials options shared by `connect` and `env`.
#[derive(Debug, Clone, clap::Args)]
pub struct AccessArgs {
    #[command(flatten)]
    pub target: TargetArgs,

    /// Database role: readonly, write, admin, or one configured in dbtool.toml
    #[arg(long, short = 'r', default_value = "readonly", value_name = "ROLE")]
    pub role: String,

    /// Database user to connect as, instead of the role's configured user
    #[arg(long, value_name = "USER")]
    pub user: Option<String>,

    /// MFA code for assuming the role (else prompted on a terminal)
    #[arg(
        long,
        value_name = "CODE",
        env = "DBTOOL_MFA_CODE",
        hide_env_values = true
    )]
    pub mfa_code: Option<String>,

    /// Confirm admin (or production write) access without asking
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, clap::Args)]
pub struct ConnectArgs {
    #[command(flatten)]
    pub access: AccessArgs,

    /// Keep a fresh IAM token in a PGPASSFILE while the client runs (for reconnects after 15 minutes)
    #[arg(long)]
    pub refresh: bool,

    /// Client and its arguments (default: psql, or the environment's `client`)
    #[arg(last = true, value_name = "CLIENT")]
    pub client: Vec<String>,
}

/// Why a role needs an explicit yes, if it does. Pure.
pub fn confirmation_reason(
    role: &str,
    production: bool,
    role_confirm: Option<bool>,
) -> Option<String> {
    if role == "admin" {
        return Some("admin access is for emergencies only".into());
    }
    match role_confirm {
        Some(true) => Some(format!(
            "role `{role}` is configured to ask before connecting"
        )),
        Some(false) => None,
        None if role == "write" && production => {
            Some("write access to a production database".into())
        }
        None => None,
    }
}

/// Resolves the target for `connect`/`env`: plans, asks for confirmation when
/// the role needs it (before any MFA prompt), then gets credentials.
pub async fn resolve_access(ctx: &Context, args: &AccessArgs) -> anyhow::Result<Resolved> {
    let planned = ctx.plan_target(&args.target, &args.role, args.user.as_deref())?;
    if let Some(reason) = confirmation_reason(&args.role, planned.production, planned.role_confirm)
    {
        let p = &ctx.printer;
        if args.role == "admin" {
            p.warn(format!(
                "{} — connecting as `{}` to {}. Everything you run is logged server-side; prefer readonly.",
                p.paint(anstyle::AnsiColor::Red, "ADMIN ACCESS"),
                planned.conn.user,
                planned.describe()
            ));
        }
        crate::prompt::confirm(
            p,
            &format!(
                "{reason}: connect as `{}` to {}?",
                planned.conn.user,
                planned.describe()
            ),
            args.yes,
        )?;
    }
    let mfa = MfaOptions {
        code: args.mfa_code.clone().filter(|c| !c.is_empty()),
    };
    let mut r = crate::access::finish(planned, &mfa, &ctx.printer).await?;
    r.conn.application_name = Some(application_name(&r.role));
    Ok(r)
}

/// `dbtool/<role>/<local user>`, so server logs show who connected.
pub fn application_name(role: &str) -> String {
    let user = std::env::var("USER").unwrap_or_else(|_| "unknown".into());
    format!("dbtool/{role}/{user}")
}

/// The banner line printed on stderr before the client starts.
pub fn banner(r: &Resolved) -> String {
    let expiry = match r.token_expires {
        Some(t) => format!(
            " · IAM token valid for new connections until {}",
            t.format("%H:%M UTC")
        ),
        None => String::new(),
    };
    format!(
        "connecting to {} as {} (role {}){expiry}",
        r.describe(),
        r.conn.user,
        r.role
    )
}

pub async fn run(ctx: &Context, args: &ConnectArgs) -> anyhow::Result<ExitStatus> {
    let r = resolve_access(ctx, &args.access).await?;
    let (program_name, client_args) = match args.client.split_first() {
        Some((first, rest)) => (first.clone(), rest.to_vec()),
        None => (
            r.client.clone().unwrap_or_else(|| "psql".into()),
            Vec::new(),
        ),
    };
    let program = find_client(&program_name)?;
    ctx.printer.status(banner(&r));
    audit(ctx, &r, &program_name)?;

    let mut cmd = crate::process::command(&program);
    cmd.args(&client_args);
    let mut passfile: Option<PassFile> = None;
    for (k, v) in r.conn.pg_env() {
        if k == "PGPASSWORD" && args.refresh && r.token_expires.is_some() {
            let pf = PassFile::create(&r, &v)?;
            cmd.env("PGPASSFILE", &pf.path);
            passfile = Some(pf);
            continue;
        }
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().map_err(|e| {
        UserError::runtime(format!("cannot start {}", program.display()))
            .source(e)
            .hint("check the client is installed and executable")
    })?;
    let pid = child.id().map(|p| nix::unistd::Pid::from_raw(p as i32));

    let refresher = match (&passfile, args.refresh) {
        (Some(pf), true) => Some(tokio::spawn(refresh_loop(
            pf.path.clone(),
            ctx_snapshot(ctx, args),
        ))),
        _ => None,
    };

    use tokio::signal::unix::{signal, SignalKind};
    let mut sigint = signal(SignalKind::interrupt())?;
    let mut sigterm = signal(SignalKind::terminate())?;
    let mut sighup = signal(SignalKind::hangup())?;
    let status = loop {
        tokio::select! {
            s = child.wait() => break s?,
            // Ctrl-C reaches the client through the terminal's process group;
            // dbtool just keeps waiting for it.
            _ = sigint.recv() => {}
            _ = sigterm.recv() => forward(pid, nix::sys::signal::Signal::SIGTERM),
            _ = sighup.recv() => forward(pid, nix::sys::signal::Signal::SIGHUP),
        }
    };
    if let Some(h) = refresher {
        h.abort();
    }
    drop(passfile);
    use std::os::unix::process::ExitStatusExt;
    Ok(match (status.code(), status.signal()) {
        (Some(0), _) => ExitStatus::Success,
        (Some(c), _) => ExitStatus::Code(c),
        (None, Some(sig)) => ExitStatus::Code(128 + sig),
        _ => ExitStatus::Failure,
    })
}

fn forward(pid: Option<nix::unistd::Pid>, sig: nix::sys::signal::Signal) {
    if let Some(pid) = pid {
        let _ = nix::sys::signal::kill(pid, sig);
    }
}

fn find_client(name: &str) -> anyhow::Result<PathBuf> {
    match name {
        "psql" => Ok(tools::find(Tool::Psql)?),
        "pgcli" => Ok(tools::find(Tool::Pgcli)?),
        other => which::which(other).map_err(|_| {
            UserError::runtime(format!("client `{other}` not found on PATH"))
                .hint("install it, or give its full path after `--`")
                .into()
        }),
    }
}

/// One line of the audit log. Never holds a secret.
#[derive(Debug, Serialize)]
pub struct AuditEntry<'a> {
    pub time: String,
    pub user: String,
    pub environment: Option<&'a str>,
    pub target: String,
    pub database: &'a str,
    pub db_user: &'a str,
    pub role: &'a str,
    pub client: &'a str,
}

/// `$XDG_STATE_HOME/dbtool/audit.log`.
pub fn audit_log_path() -> PathBuf {
    crate::paths::state_home().join("dbtool").join("audit.log")
}

fn audit(ctx: &Context, r: &Resolved, client: &str) -> anyhow::Result<()> {
    let entry = AuditEntry {
        time: Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        user: std::env::var("USER").unwrap_or_default(),
        environment: r.environment.as_deref(),
        target: format!("{}:{}", r.conn.host, r.conn.port),
        database: &r.conn.dbname,
        db_user: &r.conn.user,
        role: &r.role,
        client,
    };
    let path = audit_log_path();
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(path.parent().unwrap())?;
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            .open(&path)?;
        writeln!(f, "{}", serde_json::to_string(&entry).unwrap_or_default())
    };
    if let Err(e) = write() {
        ctx.printer.warn(format!(
            "could not write the audit log {}: {e}",
            path.display()
        ));
    }
    Ok(())
}

/// A 0600 password file holding the current token; deleted on drop.
struct PassFile {
    path: PathBuf,
}

impl PassFile {
    fn create(r: &Resolved, token: &str) -> anyhow::Result<PassFile> {
        let dir = std::env::var_os("XDG_RUNTIME_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| crate::paths::cache_home().join("dbtool"))
            .join("dbtool-pgpass");
        std::fs::create_dir_all(&dir)?;
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))?;
        let path = dir.join(format!("{}.pgpass", std::process::id()));
        let pf = PassFile { path };
        write_passfile(&pf.path, &r.conn, token)?;
        Ok(pf)
    }
}

impl Drop for PassFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

fn write_passfile(
    path: &std::path::Path,
    conn: &crate::pg::ConnInfo,
    token: &str,
) -> anyhow::Result<()> {
    use crate::pg::pgpass_escape as e;
    let line = format!(
        "{}:{}:{}:{}:{}\n",
        e(&conn.host),
        conn.port,
        e(&conn.dbname),
        e(&conn.user),
        e(token)
    );
    let tmp = path.with_extension("tmp");
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .truncate(true)
        .write(true)
        .mode(0o600)
        .open(&tmp)?;
    f.write_all(line.as_bytes())?;
    drop(f);
    std::fs::rename(&tmp, path)?;
    Ok(())
}

/// What the refresher needs to mint new tokens without the Context.
struct Snapshot {
    resolved: Option<Resolved>,
}

fn ctx_snapshot(ctx: &Context, args: &ConnectArgs) -> Snapshot {
    Snapshot {
        resolved: ctx
            .plan_target(
                &args.access.target,
                &args.access.role,
                args.access.user.as_deref(),
            )
            .ok(),
    }
}

/// Rewrites the password file with a fresh token every 10 minutes. Uses
/// cached credentials (no new MFA prompt while the session is valid).
async fn refresh_loop(path: PathBuf, snap: Snapshot) {
    let Some(planned) = snap.resolved else { return };
    let quiet = crate::printer::Printer {
        quiet: true,
        ..crate::printer::Printer::plain()
    };
    loop {
        tokio::time::sleep(Duration::from_secs(600)).await;
        if let Ok(r) =
            crate::access::finish(planned.clone(), &crate::access::mfa_from_env(), &quiet).await
        {
            if let Some(token) = &r.conn.password {
                let _ = write_passfile(&path, &r.conn, token);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn who_must_confirm() {
        assert!(confirmation_reason("admin", false, None).is_some());
        assert!(
            confirmation_reason("admin", false, Some(false)).is_some(),
            "admin always asks"
        );
        assert!(confirmation_reason("write", true, None).is_some());
        assert!(
            confirmation_reason("write", true, Some(false)).is_none(),
            "configurable for write"
        );
        assert!(confirmation_reason("write", false, None).is_none());
        assert!(confirmation_reason("readonly", true, None).is_none());
        assert!(confirmation_reason("analyst", false, Some(true)).is_some());
    }
}
