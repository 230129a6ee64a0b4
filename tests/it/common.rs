//! The test context: a clean environment (no inherited PG*/AWS*/DBTOOL*
//! variables), a temporary HOME with XDG directories, and a sandbox directory
//! the `postgres` user can reach when tests run as root.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub struct TestEnv {
    pub root: tempfile::TempDir,
    pub home: PathBuf,
    /// Working directory for dbtool (holds dbtool.toml when a test writes one).
    pub work: PathBuf,
    extra: Vec<(String, String)>,
}

impl TestEnv {
    pub fn new() -> TestEnv {
        let base = crate::testkit::scratch_dir().join("it");
        std::fs::create_dir_all(&base).unwrap();
        let root = tempfile::Builder::new()
            .prefix("env-")
            .tempdir_in(&base)
            .unwrap();
        // 0711: as root, the sandbox server runs as `postgres` and must pass through.
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(root.path(), std::fs::Permissions::from_mode(0o711)).unwrap();
        let home = root.path().join("home");
        let work = root.path().join("work");
        std::fs::create_dir_all(&home).unwrap();
        std::fs::create_dir_all(&work).unwrap();
        // A repository root, so config discovery stops here.
        std::fs::create_dir_all(work.join(".git")).unwrap();
        std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o711)).unwrap();
        TestEnv {
            root,
            home,
            work,
            extra: Vec::new(),
        }
    }

    /// A test environment whose commands talk to this moto server.
    pub fn with_moto(moto: &crate::testkit::MotoGuard) -> TestEnv {
        let mut env = TestEnv::new();
        for (k, v) in moto.env() {
            env = env.env(k, v);
        }
        env
    }

    /// Adds an environment variable to every command of this env.
    pub fn env(mut self, k: &str, v: impl Into<String>) -> Self {
        self.extra.push((k.to_string(), v.into()));
        self
    }

    pub fn sandbox_dir(&self) -> PathBuf {
        self.root.path().join("sandbox")
    }

    pub fn write(&self, rel: &str, content: &str) -> PathBuf {
        let p = self.work.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, content).unwrap();
        p
    }

    /// `dbtool` with a clean environment, in the work directory.
    pub fn cmd(&self) -> Command {
        Command::from_std(self.std_cmd())
    }

    /// The same as a `std::process::Command` (for spawning several at once).
    pub fn std_cmd(&self) -> std::process::Command {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("dbtool"));
        c.env_clear()
            .current_dir(&self.work)
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env("XDG_DATA_HOME", self.home.join(".local/share"))
            .env("XDG_CACHE_HOME", self.home.join(".cache"))
            .env("XDG_STATE_HOME", self.home.join(".local/state"))
            .env("DBTOOL_SANDBOX_DIR", self.sandbox_dir())
            .env("LANG", "C.UTF-8")
            .env("NO_COLOR", "1");
        for (k, v) in &self.extra {
            c.env(k, v);
        }
        c
    }

    pub fn path(&self) -> &Path {
        self.root.path()
    }
}

impl Drop for TestEnv {
    fn drop(&mut self) {
        // Never leave a sandbox server behind.
        let sb = dbtool::sandbox::Sandbox::new(self.sandbox_dir());
        if sb.dir.exists() {
            let _ = sb.reset();
        }
    }
}

/// stdout of a finished command as a String.
pub fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// stderr of a finished command as a String.
pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}
