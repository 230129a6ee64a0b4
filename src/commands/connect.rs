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

use crate::access::{AccessArgs, ConfirmArgs, Intent, Planned, Resolved, Role};
use crate::context::Context;
use crate::error::{ExitStatus, UserError};
use crate::tools::{self, Tool};

#[derive(Debug, clap::Args)]
pub struct ConnectArgs {
    #[command(flatten)]
    pub access: AccessArgs,

    #[command(flatten)]
    pub confirm: ConfirmArgs,

    /// Keep a fresh IAM token in a PGPASSFILE while the client runs (for reconnects after 15 minutes)
    #[arg(long)]
    pub refresh: bool,

    /// Client and its arguments (default: psql, or the environment's `client`)
    #[arg(last = true, value_name = "CLIENT")]
    pub client: Vec<String>,
}

/// Resolves the target for `connect`/`env` (a session: the policy may ask
/// first). With `--dry-run`, prints the plan and returns None.
pub async fn resolve_access(
    ctx: &Context,
    access: &AccessArgs,
    confirm: &ConfirmArgs,
) -> anyhow::Result<Option<Resolved>> {
    let request = ctx.request(access, Intent::Session, Role::Readonly);
    if confirm.dry_run {
        let planned = ctx.plan(&request)?;
        for w in &planned.warnings {
            ctx.printer.warn(w);
        }
        print_plan(ctx, &planned);
        return Ok(None);
    }
    Ok(Some(ctx.resolve(&request, confirm.yes).await?))
}

/// `--dry-run`: where the session would go, as whom, and how the password
/// would be obtained; nothing is looked up or minted.
fn print_plan(ctx: &Context, p: &Planned) {
    let pr = &ctx.printer;
    if pr.is_json() {
        let _ = pr.json(&serde_json::json!({
            "target": p.describe(),
            "kind": p.kind,
            "chosen_by": p.origin.describe(),
            "environment": p.environment,
            "instance": p.instance,
            "user": p.conn.user,
            "role": p.role,
            "password": p.password,
            "sslmode": p.conn.sslmode.as_str(),
            "confirmation": crate::access::policy::confirmation(p, Intent::Session),
        }));
        return;
    }
    pr.data(format!("target:   {}", p.describe()));
    pr.data(format!("chosen by: {}", p.origin.describe()));
    pr.data(format!("user:     {} (role {})", p.conn.user, p.role));
    pr.data(format!("password: {}", describe_password(&p.password)));
    pr.data(format!("sslmode:  {}", p.conn.sslmode.as_str()));
    if let Some(c) = crate::access::policy::confirmation(p, Intent::Session) {
        pr.data(format!("asks:     {}", c.reason));
    }
    pr.status("dry run: nothing was looked up, minted or started");
}

/// How the password is obtained, in words.
pub fn describe_password(p: &crate::access::PasswordSource) -> String {
    use crate::access::PasswordSource as P;
    match p {
        P::None => "none (trust or peer authentication)".into(),
        P::IamToken => "an RDS IAM token, minted for this connection".into(),
        P::Url => "from the URL".into(),
        P::Sandbox => "the sandbox's password file".into(),
        P::EnvVar(v) => format!("from ${v}"),
        P::PasswordFile(f) => format!("from the password file {f}"),
        P::ServiceFile(f) => format!("from the service file {f}"),
        P::ToolConfig(o) => format!("from {o}"),
        P::Stored(s) => format!("read from {s} when connecting"),
    }
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
        r.conn.shown_user(),
        r.role
    )
}

pub async fn run(ctx: &Context, args: &ConnectArgs) -> anyhow::Result<ExitStatus> {
    let Some(r) = resolve_access(ctx, &args.access, &args.confirm).await? else {
        return Ok(ExitStatus::Success);
    };
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
    // Clients that read DATABASE_URL (a Rails or Django console) go where psql goes.
    // (Without the token when --refresh keeps it in a password file instead.)
    let with_password = !(args.refresh && r.token_expires.is_some());
    cmd.env("DATABASE_URL", r.conn.url(with_password));
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
            r.planned.clone(),
            ctx.environ.clone(),
            args.access.identity.mfa_code.clone(),
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
        user: r.local_user.clone(),
        environment: r.environment.as_deref(),
        target: format!("{}:{}", r.conn.host, r.conn.port),
        database: &r.conn.dbname,
        db_user: r.conn.shown_user(),
        role: r.role.as_str(),
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
        // Password files of killed runs (their pid is gone) are removed.
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().to_string();
                let pid = name
                    .strip_suffix(".pgpass")
                    .or_else(|| name.strip_suffix(".tmp"))
                    .and_then(|p| p.parse::<i32>().ok());
                if let Some(pid) = pid.filter(|p| *p > 0) {
                    let alive =
                        nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), None).is_ok();
                    if !alive {
                        let _ = std::fs::remove_file(e.path());
                    }
                }
            }
        }
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

/// Rewrites the password file with a fresh token every 10 minutes. Uses
/// cached credentials (no new MFA prompt while the session is valid).
async fn refresh_loop(
    path: PathBuf,
    planned: Planned,
    environ: crate::access::Environ,
    mfa_code: Option<String>,
) {
    let quiet = crate::printer::Printer {
        quiet: true,
        ..crate::printer::Printer::plain()
    };
    let mfa = crate::aws::credentials::MfaOptions { code: mfa_code };
    loop {
        tokio::time::sleep(Duration::from_secs(600)).await;
        // Already confirmed at start: `yes` here never asks again.
        if let Ok(r) = crate::access::finish(planned.clone(), &environ, &mfa, true, &quiet).await {
            if let Some(token) = &r.conn.password {
                let _ = write_passfile(&path, &r.conn, token);
            }
        }
    }
}
