//! The local sandbox: a PostgreSQL cluster dbtool initialises and runs itself
//! (initdb, pg_ctl) on 127.0.0.1 and a free port, with a generated password
//! stored 0600. As root, the server runs as the `postgres` system user. Used
//! by `dbtool sandbox` and by the test harness. Runs initdb/pg_ctl; touches
//! the file system under the sandbox directory.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::net::TcpListener;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use fs2::FileExt;
use rand::distr::{Alphanumeric, SampleString};
use serde::{Deserialize, Serialize};

use crate::error::UserError;
use crate::pg::ConnInfo;
use crate::pg::SslMode;
use crate::process::Lifetime;
use crate::tools::{self, Tool};

/// The superuser of the sandbox cluster.
pub const SUPERUSER: &str = "postgres";
const STATE_FILE: &str = "sandbox.json";
const PASSWORD_FILE: &str = "password";
const LOCK_FILE: &str = ".lock";
const LOG_FILE: &str = "server.log";

/// What `sandbox.json` remembers between runs.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct State {
    pub port: u16,
    pub bin_dir: PathBuf,
    pub version: String,
}

/// A sandbox directory and what is known about it.
#[derive(Debug, Clone)]
pub struct Sandbox {
    pub dir: PathBuf,
}

/// The sandbox's status, as `dbtool sandbox status` reports it.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    pub dir: PathBuf,
    pub initialized: bool,
    pub running: bool,
    pub port: Option<u16>,
    pub version: Option<String>,
    pub pid: Option<u32>,
    pub url: Option<String>,
}

/// The default sandbox directory: `$XDG_DATA_HOME/dbtool/sandbox`; as root
/// without XDG_DATA_HOME, `/var/lib/dbtool/sandbox` (the `postgres` user
/// cannot enter /root).
pub fn default_dir() -> PathBuf {
    if is_root() && std::env::var_os("XDG_DATA_HOME").is_none() {
        return PathBuf::from("/var/lib/dbtool/sandbox");
    }
    crate::paths::data_home().join("dbtool").join("sandbox")
}

fn is_root() -> bool {
    nix::unistd::geteuid().is_root()
}

/// The unprivileged user the server runs as when dbtool runs as root.
fn server_user() -> Result<Option<nix::unistd::User>, UserError> {
    if !is_root() {
        return Ok(None);
    }
    match nix::unistd::User::from_name("postgres") {
        Ok(Some(u)) => Ok(Some(u)),
        _ => Err(UserError::runtime("running as root, but there is no `postgres` system user to run the server as")
            .hint("PostgreSQL refuses to run as root: create the user (`useradd --system postgres`) or run dbtool as a normal user")),
    }
}

impl Sandbox {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Sandbox { dir: dir.into() }
    }

    fn data_dir(&self) -> PathBuf {
        self.dir.join("data")
    }

    pub fn log_file(&self) -> PathBuf {
        self.dir.join(LOG_FILE)
    }

    pub fn is_initialized(&self) -> bool {
        self.data_dir().join("PG_VERSION").is_file() && self.dir.join(STATE_FILE).is_file()
    }

    pub fn state(&self) -> anyhow::Result<Option<State>> {
        let path = self.dir.join(STATE_FILE);
        if !path.is_file() {
            return Ok(None);
        }
        let text =
            fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
        let state = serde_json::from_str(&text).map_err(|e| {
            UserError::runtime(format!("{} is damaged", path.display()))
                .source(e)
                .hint("run `dbtool sandbox reset` to start over")
        })?;
        Ok(Some(state))
    }

    fn password(&self) -> anyhow::Result<String> {
        let path = self.dir.join(PASSWORD_FILE);
        let pw = fs::read_to_string(&path).map_err(|e| {
            UserError::runtime(format!(
                "cannot read the sandbox password at {}",
                path.display()
            ))
            .source(e)
            .hint("run `dbtool sandbox reset` to start over")
        })?;
        Ok(pw.trim().to_string())
    }

    /// Connection parameters of the (initialised) sandbox.
    pub fn conn_info(&self) -> anyhow::Result<ConnInfo> {
        let state = self.state()?.ok_or_else(|| {
            UserError::runtime(format!("no sandbox in {}", self.dir.display()))
                .hint("run `dbtool sandbox up` first")
        })?;
        Ok(ConnInfo {
            host: "127.0.0.1".into(),
            port: state.port,
            user: SUPERUSER.into(),
            password: Some(self.password()?),
            dbname: "postgres".into(),
            sslmode: SslMode::Disable,
            sslrootcert: None,
            application_name: None,
            user_label: None,
        })
    }

    /// Whether the server is running: postmaster.pid names a live process.
    pub fn running_pid(&self) -> Option<u32> {
        let text = fs::read_to_string(self.data_dir().join("postmaster.pid")).ok()?;
        let pid: i32 = text.lines().next()?.trim().parse().ok()?;
        match nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), None) {
            Ok(()) | Err(nix::errno::Errno::EPERM) => Some(pid as u32),
            Err(_) => None,
        }
    }

    pub fn status(&self) -> anyhow::Result<Status> {
        let state = self.state().ok().flatten();
        let pid = self.running_pid();
        let url = if state.is_some() {
            self.conn_info().ok().map(|c| c.url(false))
        } else {
            None
        };
        Ok(Status {
            dir: self.dir.clone(),
            initialized: self.is_initialized(),
            running: pid.is_some(),
            port: state.as_ref().map(|s| s.port),
            version: state.as_ref().map(|s| s.version.clone()),
            pid,
            url,
        })
    }

    /// Takes the sandbox's lock, waiting up to `wait` for another dbtool.
    fn lock(&self, wait: Duration) -> anyhow::Result<File> {
        self.prepare_dir()?;
        let path = self.dir.join(LOCK_FILE);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(0o600)
            .open(&path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        let start = Instant::now();
        loop {
            match file.try_lock_exclusive() {
                Ok(()) => return Ok(file),
                Err(_) if start.elapsed() < wait => std::thread::sleep(Duration::from_millis(100)),
                Err(_) => {
                    return Err(UserError::runtime(format!(
                        "another dbtool is working on the sandbox in {}",
                        self.dir.display()
                    ))
                    .hint("wait for it to finish, then try again")
                    .into())
                }
            }
        }
    }

    /// Creates the sandbox directory (0700, or 0711 as root so the server
    /// user can reach its data directory) and checks it is ours.
    fn prepare_dir(&self) -> anyhow::Result<()> {
        if !self.dir.exists() {
            fs::create_dir_all(&self.dir).map_err(|e| {
                UserError::runtime(format!(
                    "cannot create the sandbox directory {}",
                    self.dir.display()
                ))
                .source(e)
                .hint("choose another place with --dir")
            })?;
            let mode = if is_root() { 0o711 } else { 0o700 };
            fs::set_permissions(&self.dir, fs::Permissions::from_mode(mode))?;
        }
        let meta = fs::metadata(&self.dir)?;
        let me = nix::unistd::geteuid().as_raw();
        if meta.uid() != me {
            return Err(UserError::runtime(format!(
                "the sandbox directory {} belongs to another user (uid {})",
                self.dir.display(),
                meta.uid()
            ))
            .hint("use your own directory with --dir, or run dbtool as that user")
            .into());
        }
        if let Some(user) = server_user()? {
            check_reachable(&self.dir, &user)?;
        }
        Ok(())
    }

    /// Initialises (if needed) and starts the sandbox; idempotent. `port`
    /// asks for a specific port. Returns the connection parameters.
    ///
    /// A port is remembered only once the server has started on it: a
    /// failed start leaves the sandbox as it was (data and port).
    pub fn up(&self, port: Option<u16>) -> anyhow::Result<ConnInfo> {
        if let Some(p) = port {
            check_port(p)?;
        }
        let _lock = self.lock(Duration::from_secs(120))?;
        if !self.is_initialized() {
            self.init()?;
        }
        let mut state = self.state()?.expect("initialised above");
        if self.running_pid().is_some() {
            if let Some(p) = port {
                if p != state.port {
                    return Err(UserError::usage(format!(
                        "the sandbox is already running on port {}, not {p}",
                        state.port
                    ))
                    .hint("run `dbtool sandbox down` first to move it to another port")
                    .into());
                }
            }
            return self.conn_info();
        }
        let wanted = port.unwrap_or(state.port);
        if !port_free(wanted) {
            if port.is_some() {
                let other = free_port()
                    .map(|p| format!(" (e.g. `dbtool sandbox up --port {p}`)"))
                    .unwrap_or_default();
                return Err(
                    UserError::runtime(format!("port {wanted} on 127.0.0.1 is in use"))
                        .hint(format!(
                            "choose another with --port{other}, or leave it out to use a free one"
                        ))
                        .into(),
                );
            }
            state.port = free_port()?;
        } else {
            state.port = wanted;
        }
        self.start(&state)?;
        self.write_state(&state)?;
        self.conn_info()
    }

    fn init(&self) -> anyhow::Result<()> {
        let initdb = tools::find(Tool::Initdb)?;
        let bin_dir = initdb.parent().map(Path::to_path_buf).unwrap_or_default();
        let pg_ctl = bin_dir.join("pg_ctl");
        if !pg_ctl.is_file() {
            tools::find(Tool::PgCtl)?;
        }
        let version = tools::version(&initdb)
            .map(|(_, v)| v)
            .unwrap_or_else(|| "unknown".into());
        let server_user = server_user()?;

        // Start from a clean slate: a half-made data directory from an
        // interrupted init is removed first.
        let data = self.data_dir();
        let tmp = self.dir.join("data.initdb");
        let _ = fs::remove_dir_all(&tmp);
        if data.exists() {
            fs::remove_dir_all(&data)?;
        }
        // initdb fills an empty directory we create (the sandbox directory
        // itself stays ours, so the server user could not create it).
        fs::create_dir(&tmp)?;
        fs::set_permissions(&tmp, fs::Permissions::from_mode(0o700))?;
        if let Some(u) = &server_user {
            nix::unistd::chown(&tmp, Some(u.uid), Some(u.gid))?;
        }
        let password = Alphanumeric.sample_string(&mut rand::rng(), 32);
        let pwfile = self.dir.join("pwfile.initdb");
        write_private(&pwfile, &password)?;
        if let Some(u) = &server_user {
            nix::unistd::chown(&pwfile, Some(u.uid), Some(u.gid))?;
        }
        let mut cmd = crate::process::std_command(&initdb, Lifetime::Bound);
        cmd.arg("-D")
            .arg(&tmp)
            .arg("-U")
            .arg(SUPERUSER)
            .arg("--auth=scram-sha-256")
            .arg(format!("--pwfile={}", pwfile.display()))
            .arg("--encoding=UTF8")
            .arg("--locale=C")
            .arg("--no-sync");
        let out = run_as(&mut cmd, server_user.as_ref(), &self.dir);
        let _ = fs::remove_file(&pwfile);
        let out = out?;
        if !out.status.success() {
            let _ = fs::remove_dir_all(&tmp);
            return Err(UserError::runtime("initdb failed")
                .source(anyhow::anyhow!(
                    "{}",
                    String::from_utf8_lossy(&out.stderr).trim()
                ))
                .hint("see the error above; `dbtool sandbox reset` starts over")
                .into());
        }
        // Local-only, throwaway settings.
        let mut conf = OpenOptions::new()
            .append(true)
            .open(tmp.join("postgresql.conf"))?;
        writeln!(
            conf,
            "\n# dbtool sandbox\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n\
             fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 200\n"
        )?;
        fs::rename(&tmp, &data)?;
        write_private(&self.dir.join(PASSWORD_FILE), &password)?;
        self.write_state(&State {
            port: free_port()?,
            bin_dir,
            version,
        })?;
        Ok(())
    }

    fn write_state(&self, state: &State) -> anyhow::Result<()> {
        let tmp = self.dir.join(format!("{STATE_FILE}.tmp"));
        write_private(&tmp, &serde_json::to_string_pretty(state)?)?;
        fs::rename(&tmp, self.dir.join(STATE_FILE))?;
        Ok(())
    }

    fn pg_ctl(&self, state: &State) -> PathBuf {
        let p = state.bin_dir.join("pg_ctl");
        if p.is_file() {
            p
        } else {
            tools::find(Tool::PgCtl).unwrap_or(p)
        }
    }

    fn start(&self, state: &State) -> anyhow::Result<()> {
        let server_user = server_user()?;
        let log = self.log_file();
        if !log.exists() {
            File::create(&log)?;
        }
        if let Some(u) = &server_user {
            nix::unistd::chown(&log, Some(u.uid), Some(u.gid))?;
        }
        // The server keeps running after dbtool exits: that is the point of `up`.
        let mut cmd = crate::process::std_command(self.pg_ctl(state), Lifetime::Detached);
        cmd.arg("-D")
            .arg(self.data_dir())
            .arg("-l")
            .arg(&log)
            .arg("-o")
            .arg(format!("-p {}", state.port))
            .arg("-w")
            .arg("-t")
            .arg("60")
            .arg("start");
        let out = run_as(&mut cmd, server_user.as_ref(), &self.dir)?;
        if !out.status.success() {
            let tail = tail_lines(&log, 5);
            return Err(UserError::runtime(format!(
                "the sandbox server did not start (port {})",
                state.port
            ))
            .source(anyhow::anyhow!(
                "{}\n{}",
                String::from_utf8_lossy(&out.stderr).trim(),
                tail
            ))
            .hint(format!(
                "see {} (its last lines are above); the data is kept{}",
                log.display(),
                free_port()
                    .map(|p| format!(
                        "; if the port is the problem, `dbtool sandbox up --port {p}` starts it on a free one"
                    ))
                    .unwrap_or_default()
            ))
            .into());
        }
        Ok(())
    }

    /// Stops the server if it runs; returns whether it was running.
    pub fn down(&self) -> anyhow::Result<bool> {
        if !self.dir.exists() {
            return Ok(false);
        }
        let _lock = self.lock(Duration::from_secs(120))?;
        self.stop_locked()
    }

    fn stop_locked(&self) -> anyhow::Result<bool> {
        if self.running_pid().is_none() {
            return Ok(false);
        }
        let state = self
            .state()?
            .ok_or_else(|| anyhow::anyhow!("sandbox state missing"))?;
        let mut cmd = crate::process::std_command(self.pg_ctl(&state), Lifetime::Bound);
        cmd.arg("-D")
            .arg(self.data_dir())
            .arg("-m")
            .arg("fast")
            .arg("-w")
            .arg("-t")
            .arg("60")
            .arg("stop");
        let out = run_as(&mut cmd, server_user()?.as_ref(), &self.dir)?;
        if !out.status.success() {
            return Err(UserError::runtime("the sandbox server did not stop")
                .source(anyhow::anyhow!(
                    "{}",
                    String::from_utf8_lossy(&out.stderr).trim()
                ))
                .into());
        }
        Ok(true)
    }

    /// Stops the server and deletes the whole sandbox directory.
    pub fn reset(&self) -> anyhow::Result<()> {
        if !self.dir.exists() {
            return Ok(());
        }
        let lock = self.lock(Duration::from_secs(120))?;
        self.stop_locked()?;
        fs::remove_dir_all(&self.dir)
            .with_context(|| format!("cannot remove {}", self.dir.display()))?;
        drop(lock);
        Ok(())
    }
}

/// Runs a program, as the server user when we are root.
fn run_as(
    cmd: &mut Command,
    user: Option<&nix::unistd::User>,
    cwd: &Path,
) -> anyhow::Result<std::process::Output> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .current_dir(cwd);
    if let Some(u) = user {
        cmd.uid(u.uid.as_raw()).gid(u.gid.as_raw());
        cmd.env("HOME", &u.dir).env("USER", &u.name);
        // std drops root's supplementary groups itself when switching uid.
    }
    let name = cmd.get_program().to_string_lossy().to_string();
    cmd.output().with_context(|| format!("cannot run {name}"))
}

/// As root, the server user must be able to enter every directory above the sandbox.
fn check_reachable(dir: &Path, user: &nix::unistd::User) -> anyhow::Result<()> {
    let mut cur = Some(dir);
    while let Some(d) = cur {
        if let Ok(meta) = fs::metadata(d) {
            let mode = meta.mode();
            let ok = mode & 0o001 != 0
                || (meta.uid() == user.uid.as_raw() && mode & 0o100 != 0)
                || (meta.gid() == user.gid.as_raw() && mode & 0o010 != 0);
            if !ok {
                return Err(UserError::runtime(format!(
                    "the server runs as the `postgres` user, which cannot enter {}",
                    d.display()
                ))
                .hint("choose a sandbox directory it can reach with --dir (e.g. /var/lib/dbtool/sandbox)")
                .into());
            }
        }
        cur = d.parent();
    }
    Ok(())
}

fn write_private(path: &Path, content: &str) -> anyhow::Result<()> {
    let mut f = OpenOptions::new()
        .create(true)
        .truncate(true)
        .write(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    fs::set_permissions(path, fs::Permissions::from_mode(0o600))?;
    f.write_all(content.as_bytes())?;
    Ok(())
}

/// The lowest port an unprivileged process may listen on
/// (`net.ipv4.ip_unprivileged_port_start`, 1024 by default).
fn unprivileged_port_start() -> u16 {
    std::fs::read_to_string("/proc/sys/net/ipv4/ip_unprivileged_port_start")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(1024)
}

/// A port the sandbox server can listen on: not 0, and not privileged (the
/// server never runs as root, so it could not bind one).
pub fn check_port(port: u16) -> Result<(), UserError> {
    if port == 0 {
        return Err(
            UserError::usage("--port 0 is not a port the sandbox can listen on")
                .hint("give a port from 1024 to 65535, or leave --port out to use a free one"),
        );
    }
    let start = unprivileged_port_start();
    if port < start {
        return Err(UserError::usage(format!(
            "port {port} is privileged: the sandbox server never runs as root and cannot listen below {start}"
        ))
        .hint(format!(
            "give a port from {start} to 65535, or leave --port out to use a free one"
        )));
    }
    Ok(())
}

fn port_free(port: u16) -> bool {
    TcpListener::bind(("127.0.0.1", port)).is_ok()
}

/// A port on 127.0.0.1 nobody listens on right now.
pub fn free_port() -> anyhow::Result<u16> {
    let l = TcpListener::bind(("127.0.0.1", 0)).context("cannot find a free port on 127.0.0.1")?;
    Ok(l.local_addr()?.port())
}

fn tail_lines(path: &Path, n: usize) -> String {
    let text = fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}
