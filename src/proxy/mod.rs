//! `dbtool proxy`'s server: a local PostgreSQL endpoint that authenticates
//! its clients itself (a per-run password, or loopback trust), then opens one
//! upstream connection per client with a credential obtained at that moment
//! (the command passes a [`CredentialSource`]: an IAM token minted now, or a
//! password re-read from its source), swaps the server's BackendKeyData for
//! its own (CancelRequest is mapped back), and relays bytes both ways.
//! Touches the local listener, the PostgreSQL server and the audit log.

pub mod audit;
pub mod upstream;
pub mod wire;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::BytesMut;
use futures_util::future::BoxFuture;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::pg::ConnInfo;

/// How long Ctrl-C waits for open sessions before closing them.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// The longest statement text an audit line keeps.
const AUDIT_TEXT_MAX: usize = 64 * 1024;

/// The connection (host, port, TLS, user, password) for one new upstream
/// connection, obtained when it is called.
pub type CredentialSource =
    Arc<dyn Fn() -> BoxFuture<'static, anyhow::Result<ConnInfo>> + Send + Sync>;

/// How local clients prove who they are.
#[derive(Clone)]
pub enum LocalAuth {
    /// This run's random password (md5 challenge; cleartext when the client sends no user).
    Password(String),
    /// `--trust-local`: any loopback client.
    Trust,
}

/// Everything fixed for one proxy run.
pub struct Settings {
    /// The database user clients must name (or leave empty).
    pub user: String,
    pub auth: LocalAuth,
    pub read_only: bool,
    pub max_connections: usize,
    /// Close sessions without a byte either way for this long.
    pub idle_timeout: Option<Duration>,
    pub audit_statements: bool,
    /// The database when the client names none.
    pub dbname: String,
    /// application_name upstream when the client sends none.
    pub application_name: String,
}

/// Where a proxy-issued cancel key leads.
#[derive(Clone)]
struct CancelTarget {
    host: String,
    port: u16,
    pid: i32,
    key: i32,
}

struct Shared {
    settings: Settings,
    source: CredentialSource,
    tls: Option<tokio_postgres_rustls::MakeRustlsConnect>,
    audit: Option<audit::Audit>,
    permits: Arc<tokio::sync::Semaphore>,
    /// One credential at a time: a prompt (MFA) is asked once, new clients wait.
    credential: tokio::sync::Mutex<()>,
    cancel: Mutex<HashMap<(i32, i32), CancelTarget>>,
    active: AtomicUsize,
    printer: crate::printer::Printer,
}

/// What happened during a run, for the closing message.
#[derive(Debug, Default, Clone, Copy, serde::Serialize)]
pub struct Summary {
    /// Client connections accepted (authenticated or not).
    pub connections: u64,
    /// Sessions still open at Ctrl-C that ended within the grace period.
    pub ended_in_grace: usize,
    /// Sessions the proxy closed (and cancelled upstream) after the grace period.
    pub closed: usize,
}

/// Binds `addr`; a port in use names the flag and, when visible, the process.
pub async fn bind(addr: SocketAddr) -> Result<TcpListener, crate::error::UserError> {
    use crate::error::UserError;
    TcpListener::bind(addr).await.map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            let who = listener_process(addr.port())
                .map(|p| format!(" (by {p})"))
                .unwrap_or_default();
            UserError::runtime(format!("port {} on {} is already in use{who}", addr.port(), addr.ip()))
                .hint("choose another port with --port P (or set `proxy_port` in the role's dbtool.toml table); is another `dbtool proxy` running?")
        } else if e.kind() == std::io::ErrorKind::PermissionDenied {
            UserError::runtime(format!("cannot listen on {addr}: permission denied"))
                .hint("ports below 1024 need privileges: choose another with --port P")
        } else {
            UserError::runtime(format!("cannot listen on {addr}"))
                .source(e)
                .hint("check --bind names an address of this machine, or choose another --port")
        }
    })
}

/// `pid NAME` of the process listening on `port`, read from /proc (Linux;
/// only processes of the same user are visible).
fn listener_process(port: u16) -> Option<String> {
    let mut inodes = Vec::new();
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let Ok(text) = std::fs::read_to_string(table) else {
            continue;
        };
        for line in text.lines().skip(1) {
            let f: Vec<&str> = line.split_whitespace().collect();
            // local_address is HEX_IP:HEX_PORT; state 0A is LISTEN.
            if f.len() > 9
                && f[3] == "0A"
                && f[1]
                    .rsplit(':')
                    .next()
                    .and_then(|p| u16::from_str_radix(p, 16).ok())
                    == Some(port)
            {
                inodes.push(format!("socket:[{}]", f[9]));
            }
        }
    }
    if inodes.is_empty() {
        return None;
    }
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let pid = entry.file_name().to_string_lossy().to_string();
        if !pid.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let Ok(fds) = std::fs::read_dir(entry.path().join("fd")) else {
            continue;
        };
        for fd in fds.flatten() {
            if let Ok(link) = std::fs::read_link(fd.path()) {
                if inodes.iter().any(|i| link.as_os_str() == i.as_str()) {
                    let name = std::fs::read_to_string(entry.path().join("comm"))
                        .map(|s| s.trim().to_string())
                        .unwrap_or_default();
                    return Some(format!("pid {pid} {name}"));
                }
            }
        }
    }
    None
}

/// Serves clients until `shutdown` resolves, then waits up to
/// [`SHUTDOWN_GRACE`] for open sessions and closes the rest.
pub async fn serve(
    listener: TcpListener,
    settings: Settings,
    source: CredentialSource,
    tls: Option<tokio_postgres_rustls::MakeRustlsConnect>,
    audit: Option<audit::Audit>,
    printer: crate::printer::Printer,
    shutdown: impl std::future::Future<Output = ()>,
) -> Summary {
    let shared = Arc::new(Shared {
        permits: Arc::new(tokio::sync::Semaphore::new(settings.max_connections.max(1))),
        settings,
        source,
        tls,
        audit,
        credential: tokio::sync::Mutex::new(()),
        cancel: Mutex::new(HashMap::new()),
        active: AtomicUsize::new(0),
        printer,
    });
    let mut sessions = tokio::task::JoinSet::new();
    let mut summary = Summary::default();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => {
                match accepted {
                    Ok((sock, peer)) => {
                        summary.connections += 1;
                        let shared = shared.clone();
                        sessions.spawn(async move { client(sock, peer, shared).await });
                    }
                    // Out of file descriptors and the like: wait a little, keep serving.
                    Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
                }
            }
            Some(_) = sessions.join_next(), if !sessions.is_empty() => {}
        }
    }
    drop(listener);
    let open = shared.active.load(Ordering::SeqCst);
    if open > 0 {
        shared.printer.status(format!(
            "stopped accepting; waiting up to {} s for {open} open session(s)",
            SHUTDOWN_GRACE.as_secs()
        ));
    }
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, async {
        while shared.active.load(Ordering::SeqCst) > 0 {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await;
    let still = shared.active.load(Ordering::SeqCst);
    summary.ended_in_grace = open.saturating_sub(still);
    summary.closed = still;
    // Sessions still open: their queries are cancelled upstream, then the
    // sockets are closed, so no backend outlives the proxy.
    let targets: Vec<CancelTarget> = shared
        .cancel
        .lock()
        .map(|m| m.values().cloned().collect())
        .unwrap_or_default();
    for t in targets {
        let _ = send_cancel(&t).await;
    }
    sessions.abort_all();
    while sessions.join_next().await.is_some() {}
    summary
}

async fn write_error<W: AsyncWrite + Unpin>(w: &mut W, e: &wire::Error) {
    let mut out = BytesMut::new();
    e.write(&mut out);
    let _ = w.write_all(&out).await;
    let _ = w.flush().await;
}

/// Reads one length-prefixed startup packet body.
async fn read_startup_packet<R: AsyncRead + Unpin>(r: &mut R) -> std::io::Result<Vec<u8>> {
    let len = r.read_i32().await?;
    if !(8..=wire::MAX_STARTUP as i32).contains(&len) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "bad startup packet length",
        ));
    }
    let mut body = vec![0; len as usize - 4];
    r.read_exact(&mut body).await?;
    Ok(body)
}

/// Reads one tagged message (the password message), at most 10 000 bytes.
async fn read_message<R: AsyncRead + Unpin>(r: &mut R) -> std::io::Result<(u8, Vec<u8>)> {
    let tag = r.read_u8().await?;
    let len = r.read_i32().await?;
    if !(4..=10_000).contains(&len) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "bad message length",
        ));
    }
    let mut body = vec![0; len as usize - 4];
    r.read_exact(&mut body).await?;
    Ok((tag, body))
}

fn equal_constant_time(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// One client connection, from its first byte to its audit line.
async fn client(mut sock: TcpStream, peer: SocketAddr, shared: Arc<Shared>) {
    let _ = sock.set_nodelay(true);
    let started = Instant::now();
    // The startup packet: SSL/GSS encryption is declined (loopback), a cancel
    // request is mapped, anything else must be protocol 3.0.
    let mut params = None;
    for _ in 0..3 {
        let body =
            match tokio::time::timeout(Duration::from_secs(30), read_startup_packet(&mut sock))
                .await
            {
                Ok(Ok(b)) => b,
                _ => return,
            };
        match wire::parse_startup(&body) {
            Ok(wire::Startup::Ssl | wire::Startup::GssEnc) => {
                if sock.write_all(b"N").await.is_err() {
                    return;
                }
            }
            Ok(wire::Startup::Cancel { pid, key }) => {
                let target = shared
                    .cancel
                    .lock()
                    .ok()
                    .and_then(|m| m.get(&(pid, key)).cloned());
                if let Some(t) = target {
                    let _ = send_cancel(&t).await;
                }
                return;
            }
            Ok(wire::Startup::Params(p)) => {
                params = Some(p);
                break;
            }
            Ok(wire::Startup::Unsupported(code)) => {
                let e = wire::Error::fatal(
                    "0A000",
                    format!(
                        "dbtool proxy: unsupported frontend protocol {}.{}",
                        code >> 16,
                        code & 0xffff
                    ),
                );
                write_error(&mut sock, &e).await;
                return;
            }
            Err(m) => {
                write_error(
                    &mut sock,
                    &wire::Error::fatal("08P01", format!("dbtool proxy: {m}")),
                )
                .await;
                return;
            }
        }
    }
    let Some(params) = params else { return };
    let s = &shared.settings;
    let user = params.get("user").cloned().unwrap_or_default();
    let database = params
        .get("database")
        .filter(|d| !d.is_empty())
        .cloned()
        .unwrap_or_else(|| s.dbname.clone());
    let application_name = params
        .get("application_name")
        .filter(|a| !a.is_empty())
        .cloned()
        .unwrap_or_else(|| s.application_name.clone());
    let refuse = |e: &wire::Error| -> String { format!("refused: {} ({})", e.message, e.code) };
    let session_line = |result: String, pid: Option<i32>, up: u64, down: u64| {
        if let Some(a) = &shared.audit {
            a.session(&audit::Session {
                time: audit::now(),
                event: "proxy_session",
                identity: &a.identity,
                database: &database,
                client_addr: peer.to_string(),
                application_name: &application_name,
                upstream_pid: pid,
                duration_ms: started.elapsed().as_millis() as u64,
                bytes_from_client: up,
                bytes_to_client: down,
                result,
            });
        }
    };

    let Ok(_permit) = shared.permits.clone().try_acquire_owned() else {
        let e = wire::Error::fatal(
            "53300",
            format!(
                "dbtool proxy: sorry, too many clients already ({} open; --max-connections)",
                s.max_connections
            ),
        )
        .hint("close idle connections, or restart the proxy with a higher --max-connections");
        write_error(&mut sock, &e).await;
        session_line(refuse(&e), None, 0, 0);
        return;
    };
    if !user.is_empty() && user != s.user {
        let e = wire::Error::fatal(
            "28000",
            format!("dbtool proxy: user \"{user}\" cannot connect through this proxy"),
        )
        .hint(format!(
            "connect as \"{}\" (the role's database user), or leave the user empty",
            s.user
        ));
        write_error(&mut sock, &e).await;
        session_line(refuse(&e), None, 0, 0);
        return;
    }
    match &s.auth {
        LocalAuth::Trust => {
            if !peer.ip().is_loopback() {
                let e = wire::Error::fatal(
                    "28000",
                    format!(
                        "dbtool proxy: --trust-local accepts loopback clients only, not {}",
                        peer.ip()
                    ),
                );
                write_error(&mut sock, &e).await;
                session_line(refuse(&e), None, 0, 0);
                return;
            }
        }
        LocalAuth::Password(password) => {
            let mut out = BytesMut::new();
            let salt: [u8; 4] = rand::random();
            let expected = if user.is_empty() {
                wire::auth_cleartext(&mut out);
                password.clone()
            } else {
                wire::auth_md5(salt, &mut out);
                postgres_protocol::authentication::md5_hash(
                    user.as_bytes(),
                    password.as_bytes(),
                    salt,
                )
            };
            if sock.write_all(&out).await.is_err() {
                return;
            }
            let answer = match tokio::time::timeout(
                Duration::from_secs(60),
                read_message(&mut sock),
            )
            .await
            {
                Ok(Ok((b'p', body))) => body,
                // The client hung up to ask the user for the password (psql does).
                _ => return,
            };
            let given = answer.strip_suffix(&[0]).unwrap_or(&answer);
            if !equal_constant_time(given, expected.as_bytes()) {
                let shown = if user.is_empty() { &s.user } else { &user };
                let e = wire::Error::fatal(
                    "28P01",
                    format!("password authentication failed for user \"{shown}\""),
                )
                .detail("dbtool proxy checks this password itself; nothing was sent upstream")
                .hint(
                    "use the password `dbtool proxy` printed when it started (or its --passfile)",
                );
                write_error(&mut sock, &e).await;
                session_line(refuse(&e), None, 0, 0);
                return;
            }
        }
    }

    // Upstream, with a credential obtained now.
    let conn = {
        let _one = shared.credential.lock().await;
        (shared.source)().await
    };
    let conn = match conn {
        Ok(c) => c,
        Err(err) => {
            let mut e = wire::Error::fatal(
                "08006",
                format!("dbtool proxy: cannot obtain a credential for the upstream: {err:#}"),
            );
            if let Some(u) = err.downcast_ref::<crate::error::UserError>() {
                e.hint = u.hint.clone();
            }
            write_error(&mut sock, &e).await;
            session_line(refuse(&e), None, 0, 0);
            return;
        }
    };
    let mut up_params: Vec<(String, String)> = vec![
        ("database".into(), database.clone()),
        ("application_name".into(), application_name.clone()),
    ];
    for (k, v) in &params {
        // The proxy decides who and where; replication is not relayed.
        if !matches!(
            k.as_str(),
            "user" | "database" | "application_name" | "replication"
        ) {
            up_params.push((k.clone(), v.clone()));
        }
    }
    if s.read_only {
        up_params.push(("default_transaction_read_only".into(), "on".into()));
    }
    let tls = shared.tls.as_ref();
    let upstream = match upstream::connect(&conn, tls, &up_params).await {
        Ok(u) => u,
        Err(e) => {
            write_error(&mut sock, &e).await;
            session_line(refuse(&e), None, 0, 0);
            return;
        }
    };
    let target = CancelTarget {
        host: conn.host.clone(),
        port: conn.port,
        pid: upstream.pid,
        key: upstream.key,
    };
    let (local_pid, local_key) = {
        let mut map = shared.cancel.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            let k: (i32, i32) = (rand::random::<i32>() & 0x7fff_ffff, rand::random());
            if let std::collections::hash_map::Entry::Vacant(e) = map.entry(k) {
                e.insert(target.clone());
                break k;
            }
        }
    };
    shared.active.fetch_add(1, Ordering::SeqCst);
    let mut greeting = upstream.greeting;
    // ReadyForQuery ('Z', length 5, status) ends the greeting: the proxy's
    // BackendKeyData goes before it.
    let ready = greeting.split_off(greeting.len().saturating_sub(6));
    wire::backend_key_data(local_pid, local_key, &mut greeting);
    greeting.extend_from_slice(&ready);
    let up = AtomicU64::new(0);
    let down = AtomicU64::new(0);
    if sock.write_all(&greeting).await.is_ok() {
        let statements = |tag: u8, text: &str| {
            if let Some(a) = &shared.audit {
                a.statement(&peer.to_string(), upstream.pid, tag, text);
            }
        };
        relay(
            sock,
            upstream.stream,
            &target,
            s.audit_statements
                .then_some(&statements as &(dyn Fn(u8, &str) + Sync)),
            &up,
            &down,
            s.idle_timeout,
        )
        .await;
    }
    if let Ok(mut m) = shared.cancel.lock() {
        m.remove(&(local_pid, local_key));
    }
    shared.active.fetch_sub(1, Ordering::SeqCst);
    session_line(
        "ok".into(),
        Some(upstream.pid),
        up.load(Ordering::SeqCst),
        down.load(Ordering::SeqCst),
    );
}

/// Where `--audit-statements` sends each statement's text.
type StatementSink<'a> = dyn Fn(u8, &str) + Sync + 'a;

/// A CancelRequest to the server (a connection of its own, as libpq sends it).
async fn send_cancel(t: &CancelTarget) -> std::io::Result<()> {
    let mut s = tokio::time::timeout(
        Duration::from_secs(5),
        TcpStream::connect((t.host.as_str(), t.port)),
    )
    .await
    .map_err(|_| std::io::Error::from(std::io::ErrorKind::TimedOut))??;
    let mut buf = BytesMut::new();
    postgres_protocol::message::frontend::cancel_request(t.pid, t.key, &mut buf);
    s.write_all(&buf).await?;
    // The server closes the connection once it has read the request.
    let mut sink = [0u8; 1];
    let _ = tokio::time::timeout(Duration::from_secs(2), s.read(&mut sink)).await;
    Ok(())
}

/// Relays until either side ends. A client that goes away without
/// Terminate has its query cancelled upstream; the upstream connection is
/// closed either way, so no backend is left behind.
async fn relay(
    client: TcpStream,
    upstream: upstream::Stream,
    target: &CancelTarget,
    statements: Option<&StatementSink<'_>>,
    up: &AtomicU64,
    down: &AtomicU64,
    idle_timeout: Option<Duration>,
) {
    match upstream {
        // Plain TCP: owned halves, no lock per read or write.
        upstream::Stream::Plain(s) => {
            let (ur, uw) = s.into_split();
            relay_halves(client, ur, uw, target, statements, up, down, idle_timeout).await
        }
        upstream::Stream::Tls(s) => {
            let (ur, uw) = tokio::io::split(s);
            relay_halves(client, ur, uw, target, statements, up, down, idle_timeout).await
        }
    }
}

/// How much one read may relay.
const RELAY_BUF: usize = 64 * 1024;

#[allow(clippy::too_many_arguments)]
async fn relay_halves<R: AsyncRead + Unpin, W: AsyncWrite + Unpin>(
    client: TcpStream,
    mut ur: R,
    mut uw: W,
    target: &CancelTarget,
    statements: Option<&StatementSink<'_>>,
    up: &AtomicU64,
    down: &AtomicU64,
    idle_timeout: Option<Duration>,
) {
    let (mut cr, mut cw) = client.into_split();
    let c2u = async {
        let mut scan = Scan::default();
        let mut buf = vec![0u8; RELAY_BUF];
        loop {
            let n = match cr.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            up.fetch_add(n as u64, Ordering::Relaxed);
            let ok = scan.feed(&buf[..n], statements.is_some(), &mut |tag, body| {
                if let (Some(f), Some(text)) =
                    (statements, wire::statement_text(tag, body, AUDIT_TEXT_MAX))
                {
                    f(tag, &text);
                }
            });
            if !ok || uw.write_all(&buf[..n]).await.is_err() || scan.terminated {
                break;
            }
        }
        if !scan.terminated {
            // The client vanished (killed, network gone), maybe mid-query:
            // cancel what runs, then close, so the backend ends now.
            let _ = send_cancel(target).await;
        }
        let _ = uw.shutdown().await;
    };
    let u2c = async {
        let mut buf = vec![0u8; RELAY_BUF];
        loop {
            let n = match ur.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => n,
            };
            if cw.write_all(&buf[..n]).await.is_err() {
                return;
            }
            down.fetch_add(n as u64, Ordering::Relaxed);
        }
    };
    // Idle: the byte counters stood still for the whole timeout.
    let idle = async {
        let Some(limit) = idle_timeout else {
            return std::future::pending::<()>().await;
        };
        let tick = (limit / 10).clamp(Duration::from_millis(100), Duration::from_secs(5));
        let mut last = (0, 0);
        let mut since = Instant::now();
        loop {
            tokio::time::sleep(tick).await;
            let now = (up.load(Ordering::Relaxed), down.load(Ordering::Relaxed));
            if now != last {
                last = now;
                since = Instant::now();
            } else if since.elapsed() >= limit {
                return;
            }
        }
    };
    let timed_out = {
        tokio::pin!(c2u);
        tokio::pin!(u2c);
        tokio::pin!(idle);
        tokio::select! {
            _ = &mut c2u => {
                // Let the server's last messages (an error, its goodbye) drain.
                let _ = tokio::time::timeout(Duration::from_secs(2), &mut u2c).await;
                false
            }
            _ = &mut u2c => false,
            _ = &mut idle => true,
        }
    };
    if let (true, Some(limit)) = (timed_out, idle_timeout) {
        // Nothing is in flight: a FATAL error at a message boundary, as
        // PostgreSQL's own idle_session_timeout does; the upstream
        // connection closes with this function.
        let e = wire::Error::fatal(
            "57P05",
            format!(
                "dbtool proxy: terminating connection idle for {} (--idle-timeout)",
                humantime::format_duration(limit)
            ),
        );
        write_error(&mut cw, &e).await;
    }
}

/// Frame boundaries of the client's stream (tag byte, 4-byte length), to
/// see Terminate and, for the audit, Query and Parse texts; everything else
/// passes through unread.
#[derive(Default)]
struct Scan {
    header: [u8; 5],
    have: usize,
    remaining: usize,
    capture: Option<Vec<u8>>,
    terminated: bool,
}

impl Scan {
    /// Feeds bytes; `on_frame(tag, body)` for each complete Query/Parse when
    /// `audit`. False on a malformed frame length.
    fn feed(&mut self, mut data: &[u8], audit: bool, on_frame: &mut dyn FnMut(u8, &[u8])) -> bool {
        while !data.is_empty() {
            if self.remaining == 0 && self.have < 5 {
                let n = (5 - self.have).min(data.len());
                self.header[self.have..self.have + n].copy_from_slice(&data[..n]);
                self.have += n;
                data = &data[n..];
                if self.have < 5 {
                    break;
                }
                let tag = self.header[0];
                let len = i32::from_be_bytes([
                    self.header[1],
                    self.header[2],
                    self.header[3],
                    self.header[4],
                ]);
                if len < 4 {
                    return false;
                }
                self.remaining = len as usize - 4;
                if tag == b'X' {
                    self.terminated = true;
                }
                self.capture = (audit && matches!(tag, b'Q' | b'P')).then(Vec::new);
                if self.remaining == 0 {
                    self.finish(on_frame);
                }
                continue;
            }
            let n = self.remaining.min(data.len());
            if let Some(c) = self.capture.as_mut() {
                let room = (AUDIT_TEXT_MAX + 4).saturating_sub(c.len());
                c.extend_from_slice(&data[..n.min(room)]);
            }
            self.remaining -= n;
            data = &data[n..];
            if self.remaining == 0 {
                self.finish(on_frame);
            }
        }
        true
    }

    fn finish(&mut self, on_frame: &mut dyn FnMut(u8, &[u8])) {
        if let Some(body) = self.capture.take() {
            on_frame(self.header[0], &body);
        }
        self.have = 0;
    }
}

/// The default port of an environment and role: 20000 + CRC-32 of
/// `"ENV/ROLE"` modulo 10000 (20000–29999, below the ephemeral range).
pub fn default_port(environment: &str, role: &str) -> u16 {
    let crc = crc32fast::hash(format!("{environment}/{role}").as_bytes());
    20_000 + (crc % 10_000) as u16
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn frames() -> Vec<u8> {
        let mut b = BytesMut::new();
        postgres_protocol::message::frontend::query("select 1", &mut b).unwrap();
        postgres_protocol::message::frontend::parse("s", "select $1", [], &mut b).unwrap();
        postgres_protocol::message::frontend::sync(&mut b);
        postgres_protocol::message::frontend::query("select 'é'", &mut b).unwrap();
        postgres_protocol::message::frontend::terminate(&mut b);
        b.to_vec()
    }

    fn scan_in_chunks(data: &[u8], cuts: &[usize]) -> (Vec<String>, bool) {
        let mut scan = Scan::default();
        let mut seen = Vec::new();
        let mut at = 0;
        for c in cuts.iter().chain(std::iter::once(&data.len())) {
            let end = (*c).clamp(at, data.len());
            assert!(scan.feed(&data[at..end], true, &mut |t, body| {
                seen.push(wire::statement_text(t, body, 100).unwrap());
            }));
            at = end;
        }
        (seen, scan.terminated)
    }

    #[test]
    fn sees_statements_and_terminate() {
        let (seen, terminated) = scan_in_chunks(&frames(), &[]);
        assert_eq!(seen, ["select 1", "select $1", "select 'é'"]);
        assert!(terminated);
    }

    #[test]
    fn default_ports_are_stable_and_in_range() {
        assert_eq!(
            default_port("prod", "readonly"),
            default_port("prod", "readonly")
        );
        assert_ne!(
            default_port("prod", "readonly"),
            default_port("prod", "write")
        );
        for (e, r) in [("a", "b"), ("staging", "admin"), ("", "")] {
            assert!((20_000..30_000).contains(&default_port(e, r)));
        }
    }

    proptest! {
        #[test]
        fn any_chunking_sees_the_same(cuts in proptest::collection::vec(0usize..80, 0..10)) {
            let mut cuts = cuts;
            cuts.sort();
            let (seen, terminated) = scan_in_chunks(&frames(), &cuts);
            prop_assert_eq!(seen, vec!["select 1".to_string(), "select $1".into(), "select 'é'".into()]);
            prop_assert!(terminated);
        }

        #[test]
        fn garbage_never_panics(data in proptest::collection::vec(any::<u8>(), 0..300)) {
            let mut scan = Scan::default();
            let _ = scan.feed(&data, true, &mut |_, _| {});
        }
    }
}
