//! PostgreSQL connections: connection parameters (`ConnInfo`) parsed from URLs
//! and built from configuration, and connecting with tokio-postgres over TLS
//! (rustls) with libpq's `sslmode` semantics. Touches PostgreSQL servers.

pub mod parse;
mod tls;
pub mod url;

/// The rustls connector for an sslmode (also the proxy's upstream TLS).
pub use tls::make_connector;

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use tokio_postgres::config::SslMode as PgSslMode;

use crate::error::UserError;

/// libpq's `sslmode` (`allow` reads as `prefer`).
#[derive(
    Debug,
    Clone,
    Copy,
    serde::Deserialize,
    serde::Serialize,
    PartialEq,
    Eq,
    Default,
    clap::ValueEnum,
)]
#[serde(rename_all = "kebab-case")]
pub enum SslMode {
    Disable,
    #[default]
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

impl SslMode {
    pub fn as_str(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Prefer => "prefer",
            SslMode::Require => "require",
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "disable" => SslMode::Disable,
            "allow" | "prefer" => SslMode::Prefer,
            "require" => SslMode::Require,
            "verify-ca" => SslMode::VerifyCa,
            "verify-full" => SslMode::VerifyFull,
            _ => return None,
        })
    }
}

/// Everything needed to open a connection. The password never appears in
/// `Debug`/`Display` output.
#[derive(Clone, PartialEq, Eq)]
pub struct ConnInfo {
    /// A host name, an IP address, or a Unix socket directory (starts with `/`).
    pub host: String,
    pub port: u16,
    pub user: String,
    pub password: Option<String>,
    pub dbname: String,
    pub sslmode: SslMode,
    pub sslrootcert: Option<PathBuf>,
    pub application_name: Option<String>,
    /// Shown instead of `user` wherever the connection is displayed, when the
    /// user name itself is a secret (read from SSM or Secrets Manager).
    pub user_label: Option<String>,
}

impl fmt::Debug for ConnInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConnInfo")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("user", &self.shown_user())
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("dbname", &self.dbname)
            .field("sslmode", &self.sslmode)
            .field("sslrootcert", &self.sslrootcert)
            .finish()
    }
}

impl fmt::Display for ConnInfo {
    /// The URL without the password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.url(false))
    }
}

const USERINFO: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

impl ConnInfo {
    /// Parses `postgresql://user:pass@host:port/db?sslmode=…` (also `postgres://`
    /// and Flyway's `jdbc:postgresql://`). Missing parts default like libpq:
    /// port 5432, user from `$USER`, database = user.
    pub fn from_url(input: &str) -> Result<ConnInfo, String> {
        let s = input.trim();
        let s = s.strip_prefix("jdbc:").unwrap_or(s);
        if !(s.starts_with("postgresql://") || s.starts_with("postgres://")) {
            return Err(
                "a database URL must start with postgresql:// (or postgres://, jdbc:postgresql://)"
                    .into(),
            );
        }
        let url = ::url::Url::parse(s).map_err(|e| format!("not a valid URL: {e}"))?;
        let decode = |v: &str| {
            percent_encoding::percent_decode_str(v)
                .decode_utf8_lossy()
                .to_string()
        };
        let mut info = ConnInfo {
            host: url
                .host_str()
                .map(|h| h.trim_start_matches('[').trim_end_matches(']').to_string())
                .unwrap_or_default(),
            port: url.port().unwrap_or(5432),
            user: decode(url.username()),
            password: url.password().map(decode),
            dbname: decode(url.path().trim_start_matches('/')),
            sslmode: SslMode::Prefer,
            sslrootcert: None,
            application_name: None,
            user_label: None,
        };
        for (k, v) in url.query_pairs() {
            match k.as_ref() {
                "sslmode" => {
                    info.sslmode = SslMode::parse(&v).ok_or_else(|| {
                        format!("unknown sslmode `{v}` (use disable, prefer, require, verify-ca or verify-full)")
                    })?
                }
                "sslrootcert" => info.sslrootcert = Some(PathBuf::from(v.as_ref())),
                "application_name" | "ApplicationName" => info.application_name = Some(v.to_string()),
                "host" => info.host = v.to_string(),
                "port" => info.port = v.parse().map_err(|_| format!("bad port `{v}`"))?,
                "user" => info.user = v.to_string(),
                "password" => info.password = Some(v.to_string()),
                "dbname" => info.dbname = v.to_string(),
                // JDBC/libpq options dbtool does not need are accepted and ignored.
                _ => {}
            }
        }
        if info.host.is_empty() {
            info.host = "localhost".into();
        }
        if info.user.is_empty() {
            info.user = std::env::var("USER").unwrap_or_else(|_| "postgres".into());
        }
        if info.dbname.is_empty() {
            info.dbname = info.user.clone();
        }
        Ok(info)
    }

    /// The connection URL; with `with_password` false the password is left out.
    /// The user as messages show it: the label of a secret user name.
    pub fn shown_user(&self) -> &str {
        self.user_label.as_deref().unwrap_or(&self.user)
    }

    pub fn url(&self, with_password: bool) -> String {
        let enc = |v: &str| percent_encoding::utf8_percent_encode(v, USERINFO).to_string();
        let mut s = String::from("postgresql://");
        // A URL that connects (with the password) has the real user; a
        // displayed one shows a secret user name's label.
        if with_password {
            s.push_str(&enc(&self.user));
        } else {
            s.push_str(&enc(self.shown_user()));
        }
        if with_password {
            if let Some(p) = &self.password {
                s.push(':');
                s.push_str(&enc(p));
            }
        }
        s.push('@');
        let socket = self.host.starts_with('/');
        if socket {
            s.push_str(&format!(
                "/{}?host={}&port={}",
                enc(&self.dbname),
                enc(&self.host),
                self.port
            ));
            return s;
        }
        if self.host.contains(':') {
            s.push_str(&format!("[{}]", self.host));
        } else {
            s.push_str(&self.host);
        }
        s.push_str(&format!(":{}/{}", self.port, enc(&self.dbname)));
        if self.sslmode != SslMode::Prefer {
            s.push_str(&format!("?sslmode={}", self.sslmode.as_str()));
        }
        s
    }

    /// The same server, another database.
    pub fn with_dbname(&self, dbname: &str) -> ConnInfo {
        ConnInfo {
            dbname: dbname.to_string(),
            ..self.clone()
        }
    }

    /// libpq environment variables for child processes (psql, pg_dump…).
    /// The password travels only this way, never in argv.
    pub fn pg_env(&self) -> Vec<(&'static str, String)> {
        let mut env = vec![
            ("PGHOST", self.host.clone()),
            ("PGPORT", self.port.to_string()),
            ("PGUSER", self.user.clone()),
            ("PGDATABASE", self.dbname.clone()),
            ("PGSSLMODE", self.sslmode.as_str().to_string()),
        ];
        if let Some(p) = &self.password {
            env.push(("PGPASSWORD", p.clone()));
        }
        if let Some(c) = &self.sslrootcert {
            env.push(("PGSSLROOTCERT", c.display().to_string()));
        }
        if let Some(a) = &self.application_name {
            env.push(("PGAPPNAME", a.clone()));
        }
        env
    }

    fn pg_config(&self) -> tokio_postgres::Config {
        let mut cfg = tokio_postgres::Config::new();
        if self.host.starts_with('/') {
            cfg.host_path(&self.host);
        } else {
            cfg.host(&self.host);
        }
        cfg.port(self.port)
            .user(&self.user)
            .dbname(&self.dbname)
            .connect_timeout(Duration::from_secs(10))
            .application_name(self.application_name.as_deref().unwrap_or("dbtool"));
        if let Some(p) = &self.password {
            cfg.password(p);
        }
        cfg.ssl_mode(match self.sslmode {
            SslMode::Disable => PgSslMode::Disable,
            SslMode::Prefer => PgSslMode::Prefer,
            _ => PgSslMode::Require,
        });
        cfg
    }

    /// Opens a connection; the connection task runs on the tokio runtime and
    /// ends when the returned client is dropped.
    pub async fn connect(&self) -> anyhow::Result<tokio_postgres::Client> {
        let cfg = self.pg_config();
        let result = if self.sslmode == SslMode::Disable || self.host.starts_with('/') {
            match cfg.connect(tokio_postgres::NoTls).await {
                Ok((client, conn)) => {
                    tokio::spawn(async move {
                        let _ = conn.await;
                    });
                    Ok(client)
                }
                Err(e) => Err(e),
            }
        } else {
            let tls = tls::make_connector(self.sslmode, self.sslrootcert.as_deref())
                .with_context(|| format!("cannot set up TLS for {self}"))?;
            match cfg.connect(tls).await {
                Ok((client, conn)) => {
                    tokio::spawn(async move {
                        let _ = conn.await;
                    });
                    Ok(client)
                }
                Err(e) => Err(e),
            }
        };
        result.map_err(|e| connect_error(self, e).into())
    }
}

/// The password for `conn` in a password file's text (libpq's matching rules).
pub fn pgpass_match(text: &str, conn: &ConnInfo) -> Option<String> {
    let port = conn.port.to_string();
    let wanted = [
        conn.host.as_str(),
        port.as_str(),
        conn.dbname.as_str(),
        conn.user.as_str(),
    ];
    for line in text.lines() {
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields = split_pgpass(line);
        if fields.len() < 5 {
            continue;
        }
        let host_ok =
            |f: &str| f == "*" || f == wanted[0] || (f == "localhost" && wanted[0] == "127.0.0.1");
        if host_ok(&fields[0]) && (1..4).all(|i| fields[i] == "*" || fields[i] == wanted[i]) {
            return Some(fields[4..].join(":"));
        }
    }
    None
}

fn split_pgpass(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    fields.last_mut().unwrap().push(n);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            _ => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

/// Escapes a field for a password file.
pub fn pgpass_escape(v: &str) -> String {
    v.replace('\\', "\\\\").replace(':', "\\:")
}

/// A PostgreSQL error as a user reads it, never Debug text: a server error
/// as `SEVERITY: message (SQLSTATE code)` plus its DETAIL; a network failure
/// as what tokio-postgres was doing and the io error's kind (`error
/// connecting to server: connection refused`); anything else by its Display
/// chain.
pub fn describe_error(e: &tokio_postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        let mut m = format!(
            "{}: {} (SQLSTATE {})",
            db.severity(),
            db.message(),
            db.code().code()
        );
        if let Some(d) = db.detail() {
            m.push_str(&format!("\nDETAIL: {d}"));
        }
        return m;
    }
    let what = e.to_string();
    let Some(cause) = std::error::Error::source(e) else {
        return what;
    };
    let reason = match io_error(e) {
        Some(io) if io_kind_is_named(io.kind()) => io.kind().to_string(),
        _ => innermost(cause).to_string(),
    };
    if what.contains(&reason) {
        what
    } else {
        format!("{what}: {reason}")
    }
}

/// The io error in a tokio-postgres error's chain, if any.
fn io_error(e: &tokio_postgres::Error) -> Option<&std::io::Error> {
    let mut cur = std::error::Error::source(e);
    while let Some(c) = cur {
        if let Some(io) = c.downcast_ref::<std::io::Error>() {
            return Some(io);
        }
        cur = c.source();
    }
    None
}

fn innermost<'a>(
    e: &'a (dyn std::error::Error + 'static),
) -> &'a (dyn std::error::Error + 'static) {
    let mut cur = e;
    while let Some(n) = cur.source() {
        cur = n;
    }
    cur
}

fn io_kind_is_named(kind: std::io::ErrorKind) -> bool {
    use std::io::ErrorKind as K;
    matches!(
        kind,
        K::ConnectionRefused
            | K::ConnectionReset
            | K::ConnectionAborted
            | K::NotConnected
            | K::AddrNotAvailable
            | K::TimedOut
            | K::HostUnreachable
            | K::NetworkUnreachable
            | K::NetworkDown
            | K::BrokenPipe
            | K::UnexpectedEof
            | K::PermissionDenied
            | K::NotFound
    )
}

/// Whether a TLS failure (rustls) is behind the error.
fn is_tls_error(e: &tokio_postgres::Error) -> bool {
    let mut cur = std::error::Error::source(e);
    while let Some(c) = cur {
        if c.downcast_ref::<rustls::Error>().is_some() {
            return true;
        }
        if let Some(io) = c.downcast_ref::<std::io::Error>() {
            if io
                .get_ref()
                .is_some_and(|inner| inner.downcast_ref::<rustls::Error>().is_some())
            {
                return true;
            }
        }
        cur = c.source();
    }
    false
}

/// Whether `host` is a name (not an address or socket directory) that the
/// system resolver cannot resolve.
fn unresolvable(host: &str, port: u16) -> bool {
    use std::net::ToSocketAddrs;
    if host.starts_with('/') || host.parse::<std::net::IpAddr>().is_ok() {
        return false;
    }
    (host, port).to_socket_addrs().is_err()
}

fn connect_error(info: &ConnInfo, e: tokio_postgres::Error) -> UserError {
    use tokio_postgres::error::SqlState;
    let server_hint = "is the server running and listening on that host and port? for the local sandbox run `dbtool sandbox up`";
    if let Some(db) = e.as_db_error() {
        let code = db.code().clone();
        let hint = if code == SqlState::INVALID_PASSWORD {
            Some(
                "the user or password is wrong; for IAM targets check the role has rds-db:connect"
                    .to_string(),
            )
        } else if code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION {
            Some(format!(
                "the server refused user `{}` (the role does not exist, or no pg_hba.conf entry allows it): check the user name",
                info.shown_user()
            ))
        } else if code == SqlState::INVALID_CATALOG_NAME {
            Some(format!(
                "database `{}` does not exist on that server: check the database name",
                info.dbname
            ))
        } else if code == SqlState::TOO_MANY_CONNECTIONS {
            Some("the server has no free connection slots: close idle sessions, or raise max_connections".to_string())
        } else if code == SqlState::CANNOT_CONNECT_NOW {
            Some("the server is starting up or shutting down: retry in a moment".to_string())
        } else {
            None
        };
        let err = UserError::runtime(format!("cannot connect to {info}")).source(e);
        return match hint {
            Some(h) => err.hint(h),
            None => err,
        };
    }
    if is_tls_error(&e) {
        return UserError::runtime(format!(
            "cannot connect to {info}: the TLS handshake failed"
        ))
        .source(e)
        .hint("check sslmode and that sslrootcert points at the server's CA bundle");
    }
    if let Some(kind) = io_error(&e).map(|io| io.kind()) {
        use std::io::ErrorKind as K;
        let hint = match kind {
            K::ConnectionRefused | K::NotFound => Some(server_hint.to_string()),
            K::TimedOut | K::HostUnreachable | K::NetworkUnreachable => Some(format!(
                "no answer from {}:{}: check the host and port, the security groups or firewall, and the VPN",
                info.host, info.port
            )),
            K::ConnectionReset | K::UnexpectedEof | K::ConnectionAborted => Some(
                "the server closed the connection: check sslmode (and that it is a PostgreSQL server on that port)".to_string(),
            ),
            _ => None,
        };
        if hint.is_none() && unresolvable(&info.host, info.port) {
            return UserError::runtime(format!(
                "cannot connect to {info}: cannot resolve host name `{}`",
                info.host
            ))
            .source(e)
            .hint("check the host name (for private names: the VPN and DNS settings)");
        }
        let err = UserError::runtime(format!("cannot connect to {info}")).source(e);
        return match hint {
            Some(h) => err.hint(h),
            None => err,
        };
    }
    UserError::runtime(format!("cannot connect to {info}")).source(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_urls_like_libpq() {
        let c = ConnInfo::from_url("jdbc:postgresql://app:s%40cret@db.example:6432/notify?sslmode=verify-full&sslrootcert=/ca.pem").unwrap();
        assert_eq!(c.host, "db.example");
        assert_eq!(c.port, 6432);
        assert_eq!(c.user, "app");
        assert_eq!(c.password.as_deref(), Some("s@cret"));
        assert_eq!(c.dbname, "notify");
        assert_eq!(c.sslmode, SslMode::VerifyFull);
        assert_eq!(c.sslrootcert, Some(PathBuf::from("/ca.pem")));
        assert_eq!(
            c.to_string(),
            "postgresql://app@db.example:6432/notify?sslmode=verify-full"
        );
        assert!(!format!("{c:?}").contains("s@cret"));
        assert_eq!(
            c.url(true),
            "postgresql://app:s%40cret@db.example:6432/notify?sslmode=verify-full"
        );
    }

    #[test]
    fn rejects_other_schemes_and_bad_sslmode() {
        assert!(ConnInfo::from_url("mysql://x").is_err());
        assert!(ConnInfo::from_url("postgresql://h/db?sslmode=sometimes")
            .unwrap_err()
            .contains("sometimes"));
    }

    #[test]
    fn pgpass_matches_like_libpq() {
        let c = ConnInfo::from_url("postgresql://app@db.example:5432/notify").unwrap();
        let text =
            "# comment\nother:5432:*:app:nope\ndb.example:*:notify:app:pa\\:ss\n*:*:*:*:fallback\n";
        assert_eq!(pgpass_match(text, &c).as_deref(), Some("pa:ss"));
        let d = c.with_dbname("x");
        assert_eq!(pgpass_match(text, &d).as_deref(), Some("fallback"));
        assert_eq!(pgpass_escape("a:b\\c"), "a\\:b\\\\c");
    }

    #[test]
    fn env_carries_password_only_in_pgpassword() {
        let c = ConnInfo::from_url("postgresql://u:pw@h:1/d").unwrap();
        let env = c.pg_env();
        assert!(env.contains(&("PGPASSWORD", "pw".to_string())));
        assert!(env.contains(&("PGPORT", "1".to_string())));
    }
}
