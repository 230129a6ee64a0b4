//! Connection URLs as libpq and pgjdbc read them: `postgresql://` /
//! `postgres://` (libpq) and `jdbc:postgresql://` (pgjdbc, Flyway's), with
//! every parameter either used with the meaning its driver gives it or
//! reported as a warning, never dropped silently. Pure.

use std::path::PathBuf;

use super::{ConnInfo, SslMode};

/// A parsed URL: the connection plus what dbtool needs to know about how it
/// was written.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedUrl {
    pub conn: ConnInfo,
    /// `sslmode`/`ssl` was given (else dbtool may choose one, e.g. for RDS).
    pub sslmode_explicit: bool,
    /// A user was given (else `default_user` was taken).
    pub user_explicit: bool,
    /// A database name was given (else it is the user's name, as in libpq).
    pub dbname_explicit: bool,
    /// pgjdbc's `currentSchema` (its first schema): Flyway's default schema.
    pub current_schema: Option<String>,
    /// Parameters dbtool does not use, each named.
    pub warnings: Vec<String>,
    pub jdbc: bool,
}

/// Parses a URL; `default_user` is used when it names none (libpq takes the
/// local user name).
pub fn parse(input: &str, default_user: &str) -> Result<ParsedUrl, String> {
    let s = input.trim();
    let (jdbc, s) = match s.strip_prefix("jdbc:") {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    // pgjdbc also accepts jdbc:postgresql:dbname and jdbc:postgresql:/ (local, default port).
    let owned;
    let s = if jdbc && s.starts_with("postgresql:") && !s.starts_with("postgresql://") {
        owned = format!(
            "postgresql://localhost/{}",
            s.trim_start_matches("postgresql:").trim_start_matches('/')
        );
        owned.as_str()
    } else {
        s
    };
    if !(s.starts_with("postgresql://") || s.starts_with("postgres://")) {
        return Err(
            "a database URL must start with postgresql:// (or postgres://, jdbc:postgresql://)"
                .into(),
        );
    }
    let url = url::Url::parse(s).map_err(|e| format!("not a valid URL: {e}"))?;
    let decode = |v: &str| {
        percent_encoding::percent_decode_str(v)
            .decode_utf8_lossy()
            .to_string()
    };
    let mut conn = ConnInfo {
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
    let mut out = ParsedUrl {
        conn: conn.clone(),
        sslmode_explicit: false,
        user_explicit: false,
        dbname_explicit: false,
        current_schema: None,
        warnings: Vec::new(),
        jdbc,
    };
    let mut ssl_flag: Option<bool> = None;
    let mut sslmode: Option<SslMode> = None;
    let mut non_validating = false;
    for (k, v) in url.query_pairs() {
        let (k, v) = (k.to_string(), v.to_string());
        match k.as_str() {
            "sslmode" => {
                sslmode = Some(SslMode::parse(&v).ok_or_else(|| {
                    format!("unknown sslmode `{v}` (use disable, allow, prefer, require, verify-ca or verify-full)")
                })?)
            }
            "ssl" if jdbc => {
                ssl_flag = Some(match v.to_ascii_lowercase().as_str() {
                    "" | "true" => true,
                    "false" => false,
                    _ => return Err(format!("ssl={v}: expected true or false")),
                })
            }
            "sslfactory" if jdbc => {
                if v.ends_with("NonValidatingFactory") {
                    non_validating = true;
                } else {
                    out.warnings.push(format!(
                        "URL parameter sslfactory={v} is a Java class dbtool cannot load; TLS follows sslmode"
                    ));
                }
            }
            "sslrootcert" => conn.sslrootcert = Some(PathBuf::from(v)),
            "application_name" | "ApplicationName" => conn.application_name = Some(v),
            "host" if !jdbc => conn.host = v,
            "port" => conn.port = v.parse().map_err(|_| format!("bad port `{v}`"))?,
            "user" => conn.user = v,
            "password" => conn.password = Some(v),
            "dbname" if !jdbc => conn.dbname = v,
            "currentSchema" | "currentschema" if jdbc => {
                let first = v.split(',').next().unwrap_or_default().trim().to_string();
                if !first.is_empty() {
                    out.current_schema = Some(first);
                }
            }
            other => out.warnings.push(format!(
                "URL parameter `{other}` is not used by dbtool and was ignored"
            )),
        }
    }
    if let Some(mode) = sslmode {
        conn.sslmode = mode;
        out.sslmode_explicit = true;
    } else if let Some(on) = ssl_flag {
        // pgjdbc: ssl=true without sslmode verifies the chain and the host name.
        conn.sslmode = if !on {
            SslMode::Prefer
        } else if non_validating {
            SslMode::Require
        } else {
            SslMode::VerifyFull
        };
        out.sslmode_explicit = true;
    } else if non_validating {
        conn.sslmode = SslMode::Require;
        out.sslmode_explicit = true;
    }
    if conn.host.is_empty() {
        conn.host = "localhost".into();
    }
    out.user_explicit = !conn.user.is_empty();
    out.dbname_explicit = !conn.dbname.is_empty();
    if conn.user.is_empty() {
        conn.user = default_user.to_string();
    }
    if conn.dbname.is_empty() {
        conn.dbname = conn.user.clone();
    }
    out.conn = conn;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn jdbc_parameters_keep_their_meaning() {
        let p = parse("jdbc:postgresql://db.example:5433/app?currentSchema=sales,public&ssl=true&user=flyway&password=s3cret", "me").unwrap();
        assert!(p.jdbc);
        assert_eq!(p.conn.host, "db.example");
        assert_eq!(p.conn.port, 5433);
        assert_eq!(p.conn.user, "flyway");
        assert_eq!(p.conn.password.as_deref(), Some("s3cret"));
        assert_eq!(
            p.conn.sslmode,
            SslMode::VerifyFull,
            "pgjdbc's ssl=true verifies"
        );
        assert_eq!(p.current_schema.as_deref(), Some("sales"));
        assert!(p.warnings.is_empty(), "{:?}", p.warnings);

        let p = parse(
            "jdbc:postgresql://h/db?ssl=true&sslfactory=org.postgresql.ssl.NonValidatingFactory",
            "me",
        )
        .unwrap();
        assert_eq!(p.conn.sslmode, SslMode::Require);
        let p = parse(
            "jdbc:postgresql://h/db?sslmode=require&sslrootcert=/ca.pem",
            "me",
        )
        .unwrap();
        assert_eq!(p.conn.sslmode, SslMode::Require);
        assert_eq!(p.conn.sslrootcert, Some(PathBuf::from("/ca.pem")));
        let p = parse(
            "jdbc:postgresql://h/db?loginTimeout=10&prepareThreshold=0",
            "me",
        )
        .unwrap();
        assert_eq!(p.warnings.len(), 2);
        assert!(p.warnings[0].contains("`loginTimeout`"), "{:?}", p.warnings);
        let p = parse("jdbc:postgresql:app", "me").unwrap();
        assert_eq!(
            (p.conn.host.as_str(), p.conn.dbname.as_str()),
            ("localhost", "app")
        );
    }

    #[test]
    fn libpq_urls() {
        let p = parse(
            "postgresql://h/db?options=-c%20x%3D1&target_session_attrs=read-write",
            "me",
        )
        .unwrap();
        assert_eq!(p.warnings.len(), 2, "{:?}", p.warnings);
        assert!(!p.sslmode_explicit);
        assert_eq!(p.conn.user, "me");
        assert!(!p.user_explicit);
        let p = parse("postgresql:///db?host=/var/run/postgresql&port=5433", "me").unwrap();
        assert_eq!(p.conn.host, "/var/run/postgresql");
        assert_eq!(p.conn.port, 5433);
        // `currentSchema` is pgjdbc's; in a libpq URL it is a warning.
        let p = parse("postgresql://h/db?currentSchema=x", "me").unwrap();
        assert_eq!(p.current_schema, None);
        assert_eq!(p.warnings.len(), 1);
        assert!(parse("postgresql://h/db?sslmode=sometimes", "me").is_err());
        assert!(parse("mysql://h/db", "me").is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn never_panics(s in "(jdbc:)?postgres(ql)?://\\PC{0,60}") {
            let _ = parse(&s, "me");
        }
    }
}
