//! Test harness of the integration tests (kept out of the shipped crate).
//! Starts, once per test process, (a) an ephemeral PostgreSQL with the same
//! code as `dbtool sandbox` (or uses `DBTOOL_TEST_DATABASE_URL`) and hands out
//! a fresh database per test, and (b) a `moto` server on a free 127.0.0.1
//! port, reset for each test that takes it. Both are stopped when the test
//! process exits; clusters left by killed test processes are removed at the
//! next start. Runs initdb/pg_ctl and moto_server; talks to both.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};

use dbtool::pg::ConnInfo;
use dbtool::sandbox::Sandbox;

/// Where test clusters and the moto venv live: `target/` of this crate.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// Scratch space for test clusters and test homes. As root the server runs
/// as `postgres`, which must be able to enter every parent directory: the
/// checkout may live under /root, so root uses the system temp directory.
pub fn scratch_dir() -> PathBuf {
    let dir = if nix::unistd::geteuid().is_root() {
        std::env::temp_dir().join("dbtool-tests")
    } else {
        target_dir().join("tmp")
    };
    if std::fs::create_dir_all(&dir).is_ok() && nix::unistd::geteuid().is_root() {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o711));
    }
    dir
}

struct TestServer {
    admin: ConnInfo,
    sandbox: Option<Sandbox>,
}

static SERVER: OnceLock<Result<TestServer, String>> = OnceLock::new();
static DB_COUNTER: AtomicU32 = AtomicU32::new(0);

extern "C" fn cleanup_at_exit() {
    if let Some(Ok(server)) = SERVER.get() {
        if let Some(sb) = &server.sandbox {
            let _ = sb.reset();
        }
    }
    if let Some(Ok(m)) = MOTO.get() {
        if let Ok(mut child) = m.child.lock() {
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = std::fs::remove_file(&m.recording);
    }
}

fn register_cleanup() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| unsafe {
        libc::atexit(cleanup_at_exit);
    });
}

fn start_server() -> anyhow::Result<TestServer> {
    if let Ok(url) = std::env::var("DBTOOL_TEST_DATABASE_URL") {
        if !url.is_empty() {
            let admin = ConnInfo::from_url(&url)
                .map_err(|e| anyhow::anyhow!("DBTOOL_TEST_DATABASE_URL: {e}"))?;
            return Ok(TestServer {
                admin,
                sandbox: None,
            });
        }
    }
    let base = scratch_dir().join("pg");
    std::fs::create_dir_all(&base)?;
    remove_stale_clusters(&base);
    let sandbox = Sandbox::new(base.join(std::process::id().to_string()));
    register_cleanup();
    let admin = sandbox
        .up(None)
        .context("starting the test PostgreSQL cluster")?;
    Ok(TestServer {
        admin,
        sandbox: Some(sandbox),
    })
}

/// Clusters whose test process is gone (killed) are stopped and deleted.
fn remove_stale_clusters(base: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(base) else {
        return;
    };
    for e in entries.flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        let alive = nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), None).is_ok();
        if !alive {
            let _ = Sandbox::new(e.path()).reset();
        }
    }
}

fn server() -> anyhow::Result<&'static TestServer> {
    match SERVER.get_or_init(|| start_server().map_err(|e| format!("{e:#}"))) {
        Ok(s) => Ok(s),
        Err(e) => bail!("test PostgreSQL unavailable: {e}"),
    }
}

/// The superuser connection of the test server (database `postgres`).
pub fn admin() -> anyhow::Result<ConnInfo> {
    Ok(server()?.admin.clone())
}

/// A new, empty database on the test server, owned by its superuser.
pub async fn fresh_database() -> anyhow::Result<ConnInfo> {
    let server = tokio::task::spawn_blocking(|| server().map(|s| s.admin.clone())).await??;
    let n = DB_COUNTER.fetch_add(1, Ordering::SeqCst);
    let name = format!(
        "dbtool_t{}_{}_{}",
        std::process::id(),
        n,
        rand::random::<u16>()
    );
    let client = server.connect().await?;
    client
        .batch_execute(&format!("CREATE DATABASE \"{name}\" TEMPLATE template0"))
        .await?;
    Ok(server.with_dbname(&name))
}

/// A running moto server (the local AWS).
pub struct Moto {
    pub endpoint: String,
    port: u16,
    child: Mutex<Child>,
    recording: PathBuf,
    lock: Mutex<()>,
}

static MOTO: OnceLock<Result<Moto, String>> = OnceLock::new();

/// The moto_server program: `DBTOOL_MOTO_SERVER`, else the venv that
/// `scripts/test-setup` makes under target/.
pub fn moto_server_path() -> PathBuf {
    std::env::var_os("DBTOOL_MOTO_SERVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            target_dir()
                .join("moto-venv")
                .join("bin")
                .join("moto_server")
        })
}

fn start_moto() -> anyhow::Result<Moto> {
    let program = moto_server_path();
    if !program.is_file() {
        bail!(
            "{} not found: run `scripts/test-setup` (or `scripts/test`) to install moto",
            program.display()
        );
    }
    let port = dbtool::sandbox::free_port()?;
    let recording = target_dir()
        .join("tmp")
        .join(format!("moto-recording-{}-{port}", std::process::id()));
    std::fs::create_dir_all(recording.parent().unwrap())?;
    register_cleanup();
    let child = Command::new(&program)
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .env("MOTO_RECORDER_FILEPATH", &recording)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .with_context(|| format!("cannot start {}", program.display()))?;
    let moto = Moto {
        endpoint: format!("http://127.0.0.1:{port}"),
        port,
        child: Mutex::new(child),
        recording,
        lock: Mutex::new(()),
    };
    let start = Instant::now();
    loop {
        if let Ok((200, _)) = moto.http("GET", "/moto-api/", "") {
            return Ok(moto);
        }
        if start.elapsed() > Duration::from_secs(30) {
            bail!("moto server did not answer on port {port} within 30 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Exclusive use of the moto server for one test: reset on entry, so tests
/// taking it one after another never see each other's resources.
pub struct MotoGuard {
    pub moto: &'static Moto,
    _guard: MutexGuard<'static, ()>,
}

/// Takes the moto server (starting it on first use) and resets it.
pub fn moto() -> anyhow::Result<MotoGuard> {
    let moto = match MOTO.get_or_init(|| start_moto().map_err(|e| format!("{e:#}"))) {
        Ok(m) => m,
        Err(e) => bail!("moto unavailable: {e}"),
    };
    let guard = moto.lock.lock().unwrap_or_else(|p| p.into_inner());
    moto.http("POST", "/moto-api/reset", "")?;
    moto.http("POST", "/moto-api/recorder/reset-recording", "")?;
    Ok(MotoGuard {
        moto,
        _guard: guard,
    })
}

impl MotoGuard {
    /// Environment for a dbtool process or SDK client talking to moto.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("AWS_ENDPOINT_URL", self.moto.endpoint.clone()),
            ("AWS_ACCESS_KEY_ID", "testing".into()),
            ("AWS_SECRET_ACCESS_KEY", "testing".into()),
            ("AWS_REGION", "eu-west-2".into()),
            ("AWS_EC2_METADATA_DISABLED", "true".into()),
        ]
    }

    /// SDK configuration pointing at this moto server (dummy keys, eu-west-2),
    /// for tests that create resources with the real AWS SDK.
    pub async fn sdk_config(&self) -> aws_config::SdkConfig {
        aws_config::defaults(aws_config::BehaviorVersion::latest())
            .region(aws_config::Region::new("eu-west-2"))
            .endpoint_url(&self.moto.endpoint)
            .credentials_provider(aws_credential_types::Credentials::new(
                "testing", "testing", None, None, "test",
            ))
            .load()
            .await
    }

    pub fn start_recording(&self) -> anyhow::Result<()> {
        self.moto
            .http("POST", "/moto-api/recorder/reset-recording", "")?;
        self.moto
            .http("POST", "/moto-api/recorder/start-recording", "")?;
        Ok(())
    }

    /// Stops recording and returns the requests sent meanwhile, each as
    /// (method, url, decoded body).
    pub fn recorded(&self) -> anyhow::Result<Vec<Recorded>> {
        self.moto
            .http("POST", "/moto-api/recorder/stop-recording", "")?;
        let (_, body) = self
            .moto
            .http("GET", "/moto-api/recorder/download-recording", "")?;
        let mut out = Vec::new();
        for line in body.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line)?;
            let mut body = v["body"].as_str().unwrap_or_default().to_string();
            // `body_encoded: true` means `body` is base64.
            if v["body_encoded"].as_bool() == Some(true) {
                use base64::Engine as _;
                let decoded = base64::engine::general_purpose::STANDARD.decode(body.trim())?;
                body = String::from_utf8_lossy(&decoded).to_string();
            }
            out.push(Recorded {
                method: v["method"].as_str().unwrap_or_default().to_string(),
                url: v["url"].as_str().unwrap_or_default().to_string(),
                body,
            });
        }
        Ok(out)
    }
}

/// One request moto's recorder saw.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub url: String,
    pub body: String,
}

impl Recorded {
    /// The AWS query-protocol action (`Action=…`) of the request, if any.
    pub fn action(&self) -> Option<String> {
        url::form_urlencoded::parse(self.body.as_bytes())
            .find(|(k, _)| k == "Action")
            .map(|(_, v)| v.to_string())
    }

    /// A form parameter of a query-protocol request.
    pub fn param(&self, name: &str) -> Option<String> {
        url::form_urlencoded::parse(self.body.as_bytes())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.to_string())
    }
}

impl Moto {
    /// A minimal HTTP/1.0 request to moto's control API; returns (status, body).
    fn http(&self, method: &str, path: &str, body: &str) -> anyhow::Result<(u16, String)> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port))?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        write!(
            stream,
            "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1:{}\r\nContent-Length: {}\r\n\r\n{body}",
            self.port,
            body.len()
        )?;
        let mut resp = Vec::new();
        stream.read_to_end(&mut resp)?;
        let text = String::from_utf8_lossy(&resp).to_string();
        let status = text
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = text
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        Ok((status, body))
    }
}
