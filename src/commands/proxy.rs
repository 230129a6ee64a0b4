//! `dbtool proxy`: resolve the target and role once (endpoint, TLS, the
//! session confirmation), then serve a local PostgreSQL endpoint whose every
//! client connection gets an upstream connection with a credential obtained
//! at that moment (`crate::proxy`). Touches STS/RDS/SSM/Secrets Manager
//! through `crate::access`, the local listener and the audit log.

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;
use std::sync::Arc;

use crate::access::{AccessArgs, ConfirmArgs, Intent, Planned, Resolved, Role};
use crate::context::Context;
use crate::error::{ExitStatus, UserError};
use crate::proxy::{self, audit, LocalAuth, Settings};

#[derive(Debug, clap::Args)]
pub struct ProxyArgs {
    #[command(flatten)]
    pub access: AccessArgs,

    #[command(flatten)]
    pub confirm: ConfirmArgs,

    /// Local port (default: the role's `proxy_port`, else 20000 + CRC-32 of "ENV/ROLE" mod 10000)
    #[arg(long, value_name = "PORT", value_parser = clap::value_parser!(u16).range(1..))]
    pub port: Option<u16>,

    /// Listen on ADDR instead of 127.0.0.1 (other machines may then reach the proxy)
    #[arg(long, value_name = "ADDR")]
    pub bind: Option<IpAddr>,

    /// Let loopback clients in without a password (anyone on this machine can then connect)
    #[arg(long)]
    pub trust_local: bool,

    /// Write this run's password as a 0600 .pgpass line (in $XDG_RUNTIME_DIR, else the cache directory)
    #[arg(long, conflicts_with = "trust_local")]
    pub passfile: bool,

    /// Start every upstream session with default_transaction_read_only=on
    #[arg(long)]
    pub read_only: bool,

    /// Also write each statement's text (Query and Parse messages, never parameters) to the audit log
    #[arg(long)]
    pub audit_statements: bool,

    /// Close client connections idle (no bytes either way) for this long, e.g. 30m (default: never)
    #[arg(long, value_name = "DURATION", value_parser = crate::text::parse_duration)]
    pub idle_timeout: Option<std::time::Duration>,

    /// Refuse new clients while N connections are open
    #[arg(long, value_name = "N", default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub max_connections: u32,
}

pub async fn run(ctx: &Context, args: &ProxyArgs) -> anyhow::Result<ExitStatus> {
    let request = ctx.request(&args.access, Intent::Session, Role::Readonly);
    // Resolve once: the endpoint, TLS and the confirmation (as `connect` asks it).
    let Some(r) =
        crate::commands::connect::resolve_access(ctx, &args.access, &args.confirm).await?
    else {
        return Ok(ExitStatus::Success);
    };
    let per_connection = per_connection_plan(ctx.plan(&request)?, &r);

    let place = r
        .environment
        .clone()
        .or_else(|| r.borrowed_from.clone())
        .unwrap_or_else(|| match r.kind {
            crate::access::Kind::Sandbox => "sandbox".into(),
            _ => format!("{}:{}", r.conn.host, r.conn.port),
        });
    let port = match args.port {
        Some(p) => p,
        None => {
            configured_port(ctx, &r).unwrap_or_else(|| proxy::default_port(&place, r.role.as_str()))
        }
    };
    let ip = args.bind.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    if !ip.is_loopback() {
        ctx.printer.warn(format!(
            "listening on {ip}: other machines can reach this proxy{}",
            if args.trust_local {
                " (--trust-local still admits loopback clients only)"
            } else {
                "; they need this run's password"
            }
        ));
    }
    if args.trust_local {
        ctx.printer.warn(
            "--trust-local: every local user and program can connect through this proxy without a password",
        );
    }
    let listener = proxy::bind(SocketAddr::new(ip, port)).await?;

    // The user local clients name: the role's database user, or the role's
    // name when that user is itself a secret.
    let user = match &r.conn.user_label {
        Some(_) => r.role.as_str().to_string(),
        None => r.conn.user.clone(),
    };
    let password: String = {
        use rand::Rng;
        rand::rng()
            .sample_iter(rand::distr::Alphanumeric)
            .take(24)
            .map(char::from)
            .collect()
    };
    let passfile = if args.passfile {
        Some(PassFile::create(port, &user, &password)?)
    } else {
        None
    };
    let shown_host = match ip {
        IpAddr::V6(v6) if v6.is_unspecified() || ip.is_loopback() => "[::1]".to_string(),
        IpAddr::V4(v4) if v4.is_unspecified() => "127.0.0.1".to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
        IpAddr::V4(v4) => v4.to_string(),
    };
    const PART: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    let url = format!(
        "postgresql://{}@{shown_host}:{port}/{}",
        percent_encoding::utf8_percent_encode(&user, PART),
        percent_encoding::utf8_percent_encode(&r.conn.dbname, PART)
    );
    let auth = if args.trust_local {
        LocalAuth::Trust
    } else {
        LocalAuth::Password(password.clone())
    };

    let identity = audit::Identity {
        user: r.local_user.clone(),
        aws_identity: per_connection
            .needs_aws()
            .then(|| r.aws.role_arn.clone().or(r.aws.profile.clone()))
            .flatten()
            .or_else(|| {
                per_connection
                    .needs_aws()
                    .then(|| "the default AWS credentials".into())
            }),
        environment: r.environment.clone(),
        role: r.role.as_str().to_string(),
        target: format!("{}:{}", r.conn.host, r.conn.port),
        db_user: r.conn.shown_user().to_string(),
    };
    let audit_path = crate::commands::connect::audit_log_path();
    let audit = match audit::Audit::open(&audit_path, identity) {
        Ok(a) => Some(a),
        Err(e) => {
            ctx.printer.warn(format!(
                "could not open the audit log {}: {e}; connections are not audited",
                audit_path.display()
            ));
            None
        }
    };

    let tls = if r.conn.sslmode == crate::pg::SslMode::Disable {
        None
    } else {
        Some(
            crate::pg::make_connector(r.conn.sslmode, r.conn.sslrootcert.as_deref()).map_err(
                |e| {
                    UserError::runtime("cannot set up TLS for the upstream connections")
                        .source(e)
                        .hint("check `ca_bundle` in dbtool.toml")
                },
            )?,
        )
    };

    let source = credential_source(ctx, per_connection, &args.access);
    let settings = Settings {
        user: user.clone(),
        auth,
        read_only: args.read_only,
        max_connections: args.max_connections as usize,
        idle_timeout: args.idle_timeout.filter(|d| !d.is_zero()),
        audit_statements: args.audit_statements,
        dbname: r.conn.dbname.clone(),
        application_name: r.application_name(),
    };

    print_ready(
        ctx,
        &r,
        &url,
        port,
        &shown_host,
        &user,
        args,
        &password,
        passfile.as_ref(),
        audit.as_ref().map(|a| a.path().to_path_buf()),
        ip,
    );

    let shutdown = async {
        use tokio::signal::unix::{signal, SignalKind};
        let (Ok(mut int), Ok(mut term)) = (
            signal(SignalKind::interrupt()),
            signal(SignalKind::terminate()),
        ) else {
            return std::future::pending().await;
        };
        tokio::select! {
            _ = int.recv() => {}
            _ = term.recv() => {}
        }
    };
    let summary = proxy::serve(
        listener,
        settings,
        source,
        tls,
        audit,
        ctx.printer.clone(),
        shutdown,
    )
    .await;
    drop(passfile);
    ctx.printer.status(format!(
        "proxy stopped: {} connection(s) served; {} session(s) ended during the {} s wait, {} closed by the proxy",
        summary.connections,
        summary.ended_in_grace,
        proxy::SHUTDOWN_GRACE.as_secs(),
        summary.closed
    ));
    Ok(ExitStatus::Success)
}

/// The plan each new connection finishes again: the endpoint found at start
/// (no lookup per connection), the values still to read from their sources
/// (a rotated password is picked up), the token still to mint.
fn per_connection_plan(mut p: Planned, r: &Resolved) -> Planned {
    // An RDS-managed master secret replaced the IAM plan: read it again each time.
    if p.auth != r.planned.auth {
        return p;
    }
    p.conn.host = r.conn.host.clone();
    p.conn.port = r.conn.port;
    p.conn.dbname = r.conn.dbname.clone();
    p.instance = None;
    p.found = r.found.clone();
    p.local_user = Some(r.local_user.clone());
    p
}

/// `[environments.E.roles.R] proxy_port`.
fn configured_port(ctx: &Context, r: &Resolved) -> Option<u16> {
    let env = r.environment.as_deref().or(r.borrowed_from.as_deref())?;
    ctx.environment_named(env)?
        .roles
        .get(r.role.as_str())?
        .proxy_port
}

/// Finishes the per-connection plan for every new client: credentials from
/// the cache (re-assumed when within 5 minutes of expiry, MFA asked on this
/// terminal), the password read from its source, an IAM token signed now.
fn credential_source(
    ctx: &Context,
    planned: Planned,
    access: &AccessArgs,
) -> proxy::CredentialSource {
    let environ = ctx.environ.clone();
    let mfa = crate::aws::credentials::MfaOptions {
        code: access.identity.mfa_code.clone().filter(|c| !c.is_empty()),
    };
    let printer = crate::printer::Printer {
        quiet: true,
        ..crate::printer::Printer::plain()
    };
    Arc::new(move || {
        let planned = planned.clone();
        let environ = environ.clone();
        let mfa = mfa.clone();
        let printer = printer.clone();
        Box::pin(async move {
            // Confirmed at start: `yes` never asks again.
            let finish = async move {
                let r = crate::access::finish(planned, &environ, &mfa, true, &printer).await?;
                Ok::<_, anyhow::Error>(r.conn)
            };
            // On the blocking pool: an MFA prompt waits there for the user,
            // while the runtime's thread keeps relaying the open sessions
            // (and drives this future's sockets and timers).
            let runtime = tokio::runtime::Handle::current();
            tokio::task::spawn_blocking(move || runtime.block_on(finish))
                .await
                .map_err(|e| anyhow::anyhow!("the credential task failed: {e}"))?
        })
    })
}

#[allow(clippy::too_many_arguments)]
fn print_ready(
    ctx: &Context,
    r: &Resolved,
    url: &str,
    port: u16,
    host: &str,
    user: &str,
    args: &ProxyArgs,
    password: &str,
    passfile: Option<&PassFile>,
    audit: Option<PathBuf>,
    bind: IpAddr,
) {
    let pr = &ctx.printer;
    let credential = match &r.password {
        crate::access::PasswordSource::IamToken => {
            "an IAM token minted for each connection".to_string()
        }
        crate::access::PasswordSource::Stored(src) => {
            format!("the password read from {src} for each connection")
        }
        other => crate::commands::connect::describe_password(other) + ", read for each connection",
    };
    if pr.is_json() {
        let _ = pr.json(&serde_json::json!({
            "url": url,
            "host": host.trim_start_matches('[').trim_end_matches(']'),
            "port": port,
            "user": user,
            "database": r.conn.dbname,
            "auth": if args.trust_local { "trust" } else { "password" },
            "password": (!args.trust_local && passfile.is_none()).then_some(password),
            "passfile": passfile.map(|p| p.path.display().to_string()),
            "upstream": r.describe(),
            "role": r.role,
            "read_only": args.read_only,
            "audit_log": audit.map(|p| p.display().to_string()),
        }));
    }
    pr.status(format!(
        "proxy for {} as {} (role {}): {credential}",
        r.describe(),
        r.conn.shown_user(),
        r.role
    ));
    pr.status(format!(
        "listening on {}: connect to {url}",
        SocketAddr::new(bind, port)
    ));
    if args.trust_local {
        pr.status("local clients need no password (--trust-local)");
    } else if let Some(pf) = passfile {
        pr.status(format!(
            "password for this run written to {} (PGPASSFILE={})",
            pf.path.display(),
            pf.path.display()
        ));
    } else if !pr.is_json() {
        pr.status(format!("password for this run (shown once): {password}"));
    }
    if args.read_only {
        pr.status("upstream sessions start read-only (default_transaction_read_only=on)");
    }
    pr.status("Ctrl-C stops the proxy");
}

/// A 0600 `.pgpass` file for this run's password; deleted on drop.
struct PassFile {
    path: PathBuf,
}

impl PassFile {
    fn create(port: u16, user: &str, password: &str) -> anyhow::Result<PassFile> {
        let dir = std::env::var_os("XDG_RUNTIME_DIR")
            .map(PathBuf::from)
            .filter(|d| d.is_absolute())
            .unwrap_or_else(|| crate::paths::cache_home().join("dbtool"))
            .join("dbtool-proxy");
        let fail = |e: std::io::Error| {
            UserError::runtime(format!(
                "cannot write the password file in {}",
                dir.display()
            ))
            .source(e)
            .hint("check that directory is writable, or leave out --passfile")
        };
        std::fs::create_dir_all(&dir).map_err(fail)?;
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).map_err(fail)?;
        let path = dir.join(format!("{port}.pgpass"));
        use crate::pg::pgpass_escape as e;
        let mut text = String::new();
        for host in ["127.0.0.1", "localhost", "::1"] {
            text.push_str(&format!(
                "{}:{port}:*:{}:{}\n",
                e(host),
                e(user),
                e(password)
            ));
        }
        let _ = std::fs::remove_file(&path);
        let mut f = std::fs::OpenOptions::new()
            .create_new(true)
            .write(true)
            .mode(0o600)
            .open(&path)
            .map_err(fail)?;
        f.write_all(text.as_bytes()).map_err(fail)?;
        Ok(PassFile { path })
    }
}

impl Drop for PassFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
