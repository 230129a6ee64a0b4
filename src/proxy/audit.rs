//! The proxy's audit lines, appended as JSON to the same 0600 audit log as
//! `dbtool connect` (`$XDG_STATE_HOME/dbtool/audit.log`): one line per client
//! connection, and with `--audit-statements` one per Query/Parse statement
//! (text only: bind parameters are never read, password literals are
//! redacted). Touches the local file system.

use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use chrono::Utc;
use serde::Serialize;

/// Who and where, the same for every connection of one proxy run.
#[derive(Debug, Clone, Serialize)]
pub struct Identity {
    /// The local (operating system) user running the proxy.
    pub user: String,
    /// The AWS identity signing tokens or reading secrets (role ARN or profile).
    pub aws_identity: Option<String>,
    pub environment: Option<String>,
    pub role: String,
    /// The upstream `host:port`.
    pub target: String,
    pub db_user: String,
}

/// One client connection, written when it ends.
#[derive(Debug, Serialize)]
pub struct Session<'a> {
    pub time: String,
    pub event: &'static str,
    #[serde(flatten)]
    pub identity: &'a Identity,
    pub database: &'a str,
    pub client_addr: String,
    pub application_name: &'a str,
    pub upstream_pid: Option<i32>,
    pub duration_ms: u64,
    pub bytes_from_client: u64,
    pub bytes_to_client: u64,
    /// `ok`, or why the connection was refused.
    pub result: String,
}

/// One statement of a client connection (`--audit-statements`).
#[derive(Debug, Serialize)]
struct Statement<'a> {
    time: String,
    event: &'static str,
    user: &'a str,
    environment: Option<&'a str>,
    role: &'a str,
    client_addr: &'a str,
    upstream_pid: i32,
    kind: &'static str,
    text: &'a str,
}

pub struct Audit {
    path: PathBuf,
    file: Mutex<Option<std::fs::File>>,
    pub identity: Identity,
    warned: OnceLock<()>,
}

impl Audit {
    /// Opens (creates) the log, 0600 even when it existed with a wider mode.
    pub fn open(path: &Path, identity: Identity) -> std::io::Result<Audit> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            .open(path)?;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
        Ok(Audit {
            path: path.to_path_buf(),
            file: Mutex::new(Some(file)),
            identity,
            warned: OnceLock::new(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn append(&self, line: String) {
        let mut guard = self.file.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(f) = guard.as_mut() {
            if writeln!(f, "{line}").is_err() && self.warned.set(()).is_ok() {
                eprintln!(
                    "warning: could not append to the audit log {}",
                    self.path.display()
                );
            }
        }
    }

    pub fn session(&self, s: &Session<'_>) {
        self.append(serde_json::to_string(s).unwrap_or_default());
    }

    pub fn statement(&self, client_addr: &str, upstream_pid: i32, tag: u8, text: &str) {
        let text = redact(text);
        let s = Statement {
            time: now(),
            event: "proxy_statement",
            user: &self.identity.user,
            environment: self.identity.environment.as_deref(),
            role: &self.identity.role,
            client_addr,
            upstream_pid,
            kind: if tag == b'Q' { "query" } else { "parse" },
            text: &text,
        };
        self.append(serde_json::to_string(&s).unwrap_or_default());
    }
}

pub fn now() -> String {
    Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// String literals after PASSWORD (`CREATE ROLE … PASSWORD '…'`, `ALTER
/// USER … WITH ENCRYPTED PASSWORD '…'`) are replaced by `'<redacted>'`.
pub fn redact(text: &str) -> String {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"(?i)(\bpassword\s+)(E?'(?:[^']|'')*')").expect("valid regex")
    });
    re.replace_all(text, "$1'<redacted>'").into_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn password_literals_are_redacted() {
        assert_eq!(
            super::redact("ALTER ROLE app WITH PASSWORD 'it''s secret' VALID UNTIL 'x'"),
            "ALTER ROLE app WITH PASSWORD '<redacted>' VALID UNTIL 'x'"
        );
        assert_eq!(
            super::redact("create user a encrypted password E'x'"),
            "create user a encrypted password '<redacted>'"
        );
        assert_eq!(super::redact("select 'password'"), "select 'password'");
    }
}
