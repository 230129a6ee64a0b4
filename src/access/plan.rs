//! Target planning, pure: the request, dbtool.toml, the captured environment
//! and the sandbox state in; a [`Planned`] target out. The first source that
//! names a target wins, in this order (flag > environment variable >
//! dbtool.toml > default):
//!
//! 1. TARGET, 2. `--url`, 3. `--env`, 4. DBTOOL_DATABASE_URL, 5. DBTOOL_ENV,
//! 6. a tool's URL (FLYWAY_URL, flyway.conf), 7. DATABASE_URL,
//! 8. the libpq variables (PGHOST with PGPORT, PGUSER, PGDATABASE, PGPASSWORD),
//! 9. `default_environment`, 10. the sandbox when no environment is configured.

use crate::aws::credentials::AwsSpec;
use crate::aws::rds;
use crate::config::{AuthMode, Config, Environment, RoleConfig};
use crate::env_vars as ev;
use crate::error::UserError;
use crate::pg::ConnInfo;
use crate::pg::SslMode;

use super::environ::{Environ, SandboxState};
use super::{
    service, Field, Intent, Kind, Origin, PasswordSource, Pending, Planned, Request, Role,
};
use crate::secrets::{Source, Text};

type Result<T> = std::result::Result<T, UserError>;

/// The configured environment selected by a name (`--env`, DBTOOL_ENV) or
/// `default_environment`.
pub fn selected_environment<'a>(
    config: Option<&'a Config>,
    name: Option<&str>,
) -> Result<Option<(&'a str, &'a Environment)>> {
    let Some(config) = config else {
        return match name {
            Some(name) => Err(UserError::usage(format!(
                "unknown environment `{name}`: no dbtool.toml found"
            ))
            .hint("create a dbtool.toml (see docs/configuration.md) or pass --config FILE")),
            None => Ok(None),
        };
    };
    let Some(name) = name.or(config.default_environment.as_deref()) else {
        return Ok(None);
    };
    match config.environments.get_key_value(name) {
        Some((k, v)) => Ok(Some((k.as_str(), v))),
        None => Err(unknown_environment(config, name)),
    }
}

fn unknown_environment(config: &Config, name: &str) -> UserError {
    let names: Vec<&str> = config.environments.keys().map(String::as_str).collect();
    let err = UserError::usage(format!("unknown environment `{name}`"));
    match crate::text::nearest(name, &names) {
        Some(n) => err.hint(format!("did you mean `{n}`?")),
        None if names.is_empty() => err.hint("dbtool.toml defines no [environments.NAME]"),
        None => err.hint(format!("configured environments: {}", names.join(", "))),
    }
}

/// RDS instance identifiers: a letter, then letters, digits and hyphens; no
/// double or trailing hyphen; at most 63 characters.
pub fn is_instance_identifier(t: &str) -> bool {
    t.len() <= 63
        && t.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !t.ends_with('-')
        && !t.contains("--")
}

/// Plans the target of `req`. Pure: reads nothing but its arguments.
pub fn plan(
    config: Option<&Config>,
    env: &Environ,
    sandbox: &SandboxState,
    req: &Request,
) -> std::result::Result<Planned, UserError> {
    let cx = Cx {
        config,
        env,
        sandbox,
        req,
        role: req.role(),
        probe: false,
    };
    let mut p = cx.choose()?;
    cx.check_role(&p)?;
    if req.force_writer {
        p.endpoint = None;
    }
    if p.endpoint == Some(rds::Endpoint::Reader)
        && !req.reader
        && matches!(req.intent, Intent::Change | Intent::Destroy)
    {
        return Err(UserError::usage(format!(
            "role `{}` connects to the reader endpoint (`endpoint = \"reader\"`), which is read-only, and this command writes",
            p.role
        ))
        .hint("use a role that connects to the writer (e.g. --role write), or remove `endpoint` from that role"));
    }
    if req.reader && matches!(req.intent, Intent::Change | Intent::Destroy) {
        return Err(UserError::usage(
            "--reader: a cluster's reader endpoint is read-only, and this command writes",
        )
        .hint("leave out --reader: changes go to the writer endpoint"));
    }
    if req.reader {
        let lookup = p.instance.is_some() && (p.cluster_first || p.kind == Kind::Instance);
        if !lookup {
            return Err(UserError::usage(format!(
                "--reader: {} is not an Aurora cluster",
                p.describe()
            ))
            .hint("--reader picks an Aurora cluster's reader endpoint: name the cluster (a TARGET, or `cluster = \"ID\"` in the environment)"));
        }
        p.endpoint = Some(rds::Endpoint::Reader);
    }
    caution_from_environment(config, &mut p);
    if let Some(u) = &req.user {
        if p.conn.user != *u || !p.pending.is_empty() {
            p.conn.user = u.clone();
            // The role's user and password from a value source belong to that user.
            p.pending.clear();
            p.conn.user_label = None;
            // A password belongs to its user; a token is minted for the new one.
            if !matches!(p.password, PasswordSource::IamToken) {
                p.conn.password = None;
                p.password = PasswordSource::None;
                cx.fill_password(&mut p);
            }
        }
    }
    if p.conn.dbname.is_empty() && p.instance.is_none() {
        p.conn.dbname = "postgres".into();
    }
    // An IAM token is a password: it never travels without TLS.
    if p.auth == AuthMode::Iam {
        match p.conn.sslmode {
            SslMode::Disable => {
                return Err(UserError::usage(
                    "sslmode `disable` with an IAM token: RDS IAM authentication needs TLS",
                )
                .hint(
                    "use sslmode require or verify-full (with `ca_bundle`), or a password target",
                ))
            }
            SslMode::Prefer => p.conn.sslmode = SslMode::Require,
            _ => {}
        }
    }
    let ignored = env.ignored_libpq();
    let redirecting: Vec<&str> = ignored
        .iter()
        .copied()
        .filter(|v| {
            matches!(
                *v,
                "PGSERVICE" | "PGHOSTADDR" | "PGOPTIONS" | "PGTARGETSESSIONATTRS"
            )
        })
        .collect();
    if !redirecting.is_empty() {
        p.warnings.push(format!(
            "ignoring {} from the environment: dbtool chooses the connection itself{}",
            redirecting.join(", "),
            if redirecting.contains(&"PGSERVICE") {
                " (name a service explicitly with TARGET `service:NAME` or --url service=NAME)"
            } else {
                ""
            }
        ));
    }
    Ok(p)
}

struct Cx<'a> {
    config: Option<&'a Config>,
    env: &'a Environ,
    sandbox: &'a SandboxState,
    req: &'a Request,
    role: Role,
    /// Only which environment the request selects matters: no role or
    /// password checks (see [`environment_of`]).
    probe: bool,
}

/// The configured environment the request leads to, if any, without
/// checking the role or reading passwords: a command whose default role
/// depends on the environment (migrate) asks this first.
pub fn environment_of(
    config: Option<&Config>,
    env: &Environ,
    sandbox: &SandboxState,
    req: &Request,
) -> std::result::Result<Option<String>, UserError> {
    let cx = Cx {
        config,
        env,
        sandbox,
        req,
        role: req.role(),
        probe: true,
    };
    Ok(cx.choose()?.environment)
}

/// Where the request leads, without checking the role or reading
/// passwords: for commands that need the place but never connect (logs).
pub fn locate(
    config: Option<&Config>,
    env: &Environ,
    sandbox: &SandboxState,
    req: &Request,
) -> std::result::Result<Planned, UserError> {
    let cx = Cx {
        config,
        env,
        sandbox,
        req,
        role: req.role(),
        probe: true,
    };
    cx.choose()
}

impl Cx<'_> {
    fn choose(&self) -> Result<Planned> {
        let req = self.req;
        if let Some(t) = req.target.as_deref() {
            if req.url.is_some() {
                return Err(UserError::usage("give either a TARGET or --url, not both")
                    .hint("both name the database; keep one"));
            }
            return self.target_arg(t);
        }
        if let Some(u) = req.url.as_deref() {
            if let Some(e) = req.env.as_deref() {
                return Err(both_named(e, "--url"));
            }
            return self.url_target(u, Origin::UrlFlag, None);
        }
        if let Some(e) = req.env.as_deref() {
            return self.named_environment(e, Origin::EnvFlag);
        }
        if let Some(u) = self.env.get(ev::DBTOOL_DATABASE_URL) {
            return self.url_target(u, Origin::DbtoolDatabaseUrl, None);
        }
        if let Some(e) = self.env.get(ev::DBTOOL_ENV) {
            return self.named_environment(e, Origin::DbtoolEnv);
        }
        if let Some(t) = &req.tool_url {
            return self.url_target(&t.url, Origin::ToolUrl(t.origin.clone()), Some(t));
        }
        if let Some(u) = self.env.get(ev::DATABASE_URL) {
            return self.url_target(u, Origin::DatabaseUrl, None);
        }
        if req.prefer_sandbox {
            return self.sandbox_target(Origin::CommandDefault);
        }
        if self.env.get(ev::PGHOST).is_some() {
            return self.libpq_target();
        }
        if let Some(config) = self.config {
            if let Some(name) = config.default_environment.as_deref() {
                return self.named_environment(name, Origin::DefaultEnvironment);
            }
            if !config.environments.is_empty() {
                let names: Vec<&str> = config.environments.keys().map(String::as_str).collect();
                return Err(UserError::usage("no target given").hint(format!(
                    "name one ({}), pass --env NAME, or set default_environment in dbtool.toml; `sandbox` is the local one",
                    names.join(", ")
                )));
            }
        }
        self.sandbox_target(Origin::Default)
    }

    /// The environment named by --env or DBTOOL_ENV, which disambiguates a
    /// database name shared by several environments and lends its identity.
    fn env_hint(&self) -> Option<&str> {
        self.req
            .env
            .as_deref()
            .or_else(|| self.env.get(ev::DBTOOL_ENV))
    }

    fn target_arg(&self, t: &str) -> Result<Planned> {
        if t.trim().is_empty() {
            return Err(UserError::usage("the TARGET is empty")
                .hint("name an environment, an RDS instance, `sandbox`, a host or a URL"));
        }
        if t == "sandbox" {
            return self.sandbox_target(Origin::Target);
        }
        if let Some(name) = t.strip_prefix("service:") {
            return self.service_target(name, Origin::Target, &Default::default());
        }
        if let Some(config) = self.config {
            if let Some((name, e)) = find_environment(config, t, self.env_hint())? {
                if let Some(flag) = self.req.env.as_deref() {
                    if flag != name {
                        return Err(UserError::usage(format!(
                            "TARGET `{t}` is environment `{name}`, but --env says `{flag}`"
                        ))
                        .hint("keep one of them"));
                    }
                }
                return self.environment_target(name, e, Origin::Target);
            }
        }
        if let Some(e) = self.req.env.as_deref() {
            // --env with a URL, a service or a host would be silently unused.
            let kind_of_target = t.contains("://")
                || service::is_conninfo(t)
                || t.contains('@')
                || t.contains('.')
                || t.contains(':')
                || t == "localhost"
                || t.starts_with('/');
            if kind_of_target {
                return Err(both_named(e, "the TARGET"));
            }
        }
        if t.contains("://") || service::is_conninfo(t) {
            return self.url_target(t, Origin::Target, None);
        }
        // `user:password@host/db` without its scheme: a URL, never a host
        // name (it would be printed, logged and sent to DNS).
        if t.contains('@') || (t.contains('/') && !t.starts_with('/')) {
            return Err(UserError::usage(
                "the TARGET looks like a connection URL without its scheme",
            )
            .hint("write it as postgresql://user@host:5432/db (quote it in the shell), or pass it with --url"));
        }
        if t.contains('.') || t.contains(':') || t == "localhost" || t.starts_with('/') {
            return self.host_target(t);
        }
        let suggestion = self.config.and_then(|c| {
            let mut names: Vec<&str> = c.environments.keys().map(String::as_str).collect();
            names.extend(
                c.environments
                    .values()
                    .filter_map(|e| e.database.as_deref()),
            );
            names.extend(
                c.environments
                    .values()
                    .filter_map(|e| e.instance.as_deref().or(e.cluster.as_deref())),
            );
            crate::text::nearest(t, &names).map(str::to_string)
        });
        if is_instance_identifier(t) {
            let mut p = self.instance_target(t)?;
            p.suggestion = suggestion;
            return Ok(p);
        }
        let err = UserError::usage(format!("unknown target `{t}`"));
        Err(match suggestion {
            Some(n) => err.hint(format!("did you mean `{n}`?")),
            None => err.hint("a target is a configured environment or database, an RDS instance identifier, `sandbox`, `service:NAME`, a host name or a URL"),
        })
    }

    fn base(&self, conn: ConnInfo, kind: Kind, origin: Origin) -> Planned {
        Planned {
            conn,
            kind,
            origin,
            environment: None,
            borrowed_from: None,
            production: false,
            env_confirm: None,
            role: self.role.clone(),
            role_confirm: None,
            auth: AuthMode::Password,
            aws: AwsSpec {
                region: self.config.and_then(|c| c.region.clone()),
                ..Default::default()
            },
            instance: None,
            cluster_first: false,
            endpoint: None,
            found: None,
            suggestion: None,
            client: None,
            password: PasswordSource::None,
            current_schema: None,
            warnings: Vec::new(),
            local: false,
            dbname_given: false,
            pending: Vec::new(),
            intent: self.req.intent,
            local_user: self.env.local_user.clone(),
        }
    }

    fn local_user(&self) -> String {
        self.env
            .local_user
            .clone()
            .unwrap_or_else(|| "postgres".into())
    }

    fn sandbox_target(&self, origin: Origin) -> Result<Planned> {
        let Some(conn) = self.sandbox.running.clone() else {
            return Err(UserError::runtime("the local sandbox is not running").hint(
                "start it with `dbtool sandbox up`, or name a target (TARGET, --url, --env)",
            ));
        };
        let mut p = self.base(conn, Kind::Sandbox, origin);
        p.password = PasswordSource::Sandbox;
        p.local = true;
        Ok(p)
    }

    fn named_environment(&self, name: &str, origin: Origin) -> Result<Planned> {
        match selected_environment(self.config, Some(name))? {
            Some((n, e)) => self.environment_target(n, e, origin),
            None => unreachable!("a name was given"),
        }
    }

    /// A URL or keyword/value string. `tool` carries a tool's user/password.
    fn url_target(
        &self,
        u: &str,
        origin: Origin,
        tool: Option<&super::ToolUrl>,
    ) -> Result<Planned> {
        let what = origin.describe();
        if service::is_conninfo(u) {
            let keys = service::parse_conninfo(u)
                .map_err(|e| UserError::usage(format!("bad connection string in {what}: {e}")))?;
            if let Some(name) = keys.get("service") {
                return self.service_target(name, origin, &keys);
            }
            return self.keyword_target(&keys, Kind::Url, origin, PasswordSource::Url, what);
        }
        let parsed = crate::pg::url::parse(u, &self.local_user()).map_err(|e| {
            UserError::usage(format!("bad database URL in {what}: {e}"))
                .hint("e.g. postgresql://user@localhost:5432/db or jdbc:postgresql://host:5432/db")
        })?;
        let mut p = self.base(parsed.conn.clone(), Kind::Url, origin);
        p.dbname_given = parsed.dbname_explicit;
        p.current_schema = parsed.current_schema.clone();
        p.warnings
            .extend(parsed.warnings.iter().map(|w| format!("{w} ({what})")));
        if let Some(t) = tool {
            if let Some(user) = &t.user {
                p.conn.user = user.clone();
            }
            if let Some(pw) = &t.password {
                p.conn.password = Some(pw.clone());
                p.password = PasswordSource::ToolConfig(t.origin.clone());
            }
        }
        if p.conn.password.is_some() && p.password == PasswordSource::None {
            p.password = PasswordSource::Url;
        }
        if !parsed.user_explicit
            && tool.is_none_or(|t| t.user.is_none())
            && rds::is_rds_host(&p.conn.host)
        {
            // No user in an RDS URL: the role's name, as for a bare RDS host.
            p.conn.user = self.role.as_str().to_string();
        }
        self.finish_remote(&mut p, parsed.sslmode_explicit);
        Ok(p)
    }

    /// libpq keywords (a connection string or a service's section).
    fn keyword_target(
        &self,
        keys: &std::collections::BTreeMap<String, String>,
        kind: Kind,
        origin: Origin,
        password_source: PasswordSource,
        what: String,
    ) -> Result<Planned> {
        let mut conn = ConnInfo {
            host: "localhost".into(),
            port: 5432,
            user: String::new(),
            password: None,
            dbname: String::new(),
            sslmode: SslMode::Prefer,
            sslrootcert: None,
            application_name: None,
            user_label: None,
        };
        let mut warnings = Vec::new();
        let mut sslmode_explicit = false;
        for (k, v) in keys {
            match k.as_str() {
                "host" => conn.host = v.clone(),
                "hostaddr" if !keys.contains_key("host") => conn.host = v.clone(),
                "port" => {
                    conn.port = v
                        .parse()
                        .map_err(|_| UserError::usage(format!("bad port `{v}` in {what}")))?
                }
                "user" => conn.user = v.clone(),
                "password" => conn.password = Some(v.clone()),
                "dbname" => conn.dbname = v.clone(),
                "sslmode" => {
                    conn.sslmode = SslMode::parse(v).ok_or_else(|| {
                        UserError::usage(format!("unknown sslmode `{v}` in {what}"))
                            .hint("use disable, allow, prefer, require, verify-ca or verify-full")
                    })?;
                    sslmode_explicit = true;
                }
                "sslrootcert" => conn.sslrootcert = Some(v.into()),
                "application_name" => conn.application_name = Some(v.clone()),
                "service" => {}
                other => warnings.push(format!(
                    "`{other}` in {what} is not used by dbtool and was ignored"
                )),
            }
        }
        let rds_host = rds::is_rds_host(&conn.host);
        let dbname_given = !conn.dbname.is_empty();
        if conn.user.is_empty() {
            conn.user = if rds_host {
                self.role.as_str().to_string()
            } else {
                self.local_user()
            };
        }
        if conn.dbname.is_empty() {
            conn.dbname = conn.user.clone();
        }
        let mut p = self.base(conn, kind, origin);
        p.dbname_given = dbname_given;
        p.warnings = warnings;
        if p.conn.password.is_some() {
            p.password = password_source;
        }
        self.finish_remote(&mut p, sslmode_explicit);
        Ok(p)
    }

    fn service_target(
        &self,
        name: &str,
        origin: Origin,
        extra: &std::collections::BTreeMap<String, String>,
    ) -> Result<Planned> {
        let files = &self.env.service_files;
        let found = service::lookup(files, name)
            .map_err(|e| UserError::usage(format!("cannot read pg_service.conf: {e}")))?;
        let Some((path, mut keys)) = found else {
            let names = service::names(files);
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            let err = UserError::usage(format!("unknown service `{name}`"));
            return Err(match crate::text::nearest(name, &refs) {
                Some(n) => err.hint(format!("did you mean `{n}`?")),
                None if files.is_empty() => err.hint(
                    "no pg_service.conf found (PGSERVICEFILE, ~/.pg_service.conf, PGSYSCONFDIR/pg_service.conf)",
                ),
                None => err.hint(format!(
                    "services defined: {}",
                    if names.is_empty() { "none".into() } else { names.join(", ") }
                )),
            });
        };
        // Keywords given beside service= win over the service's, as in libpq.
        for (k, v) in extra {
            if k != "service" {
                keys.insert(k.clone(), v.clone());
            }
        }
        let source = PasswordSource::ServiceFile(path.display().to_string());
        let what = format!("service `{name}` ({})", path.display());
        self.keyword_target(&keys, Kind::Service, origin, source, what)
    }

    /// PGHOST and friends, as psql reads them.
    fn libpq_target(&self) -> Result<Planned> {
        let env = self.env;
        let host = env.get(ev::PGHOST).unwrap_or_default().to_string();
        if host.contains(',') {
            return Err(
                UserError::usage(format!("PGHOST=`{host}` lists several hosts")).hint(
                    "dbtool connects to one server: set PGHOST to one host, or name a TARGET",
                ),
            );
        }
        let port = match env.get(ev::PGPORT) {
            Some(v) => v.parse().ok().filter(|p: &u16| *p > 0).ok_or_else(|| {
                UserError::usage(format!("PGPORT=`{v}` is not a port number"))
                    .hint("set PGPORT to a number from 1 to 65535, or unset it")
            })?,
            None => 5432,
        };
        let rds_host = rds::is_rds_host(&host);
        let user = env.get(ev::PGUSER).map(str::to_string).unwrap_or_else(|| {
            if rds_host {
                self.role.as_str().to_string()
            } else {
                self.local_user()
            }
        });
        let mut sslmode_explicit = false;
        let sslmode = match env.get(ev::PGSSLMODE) {
            Some(v) => {
                sslmode_explicit = true;
                SslMode::parse(v).ok_or_else(|| {
                    UserError::usage(format!("PGSSLMODE=`{v}` is not an sslmode"))
                        .hint("use disable, allow, prefer, require, verify-ca or verify-full")
                })?
            }
            None => SslMode::Prefer,
        };
        let conn = ConnInfo {
            host,
            port,
            dbname: env
                .get(ev::PGDATABASE)
                .map(str::to_string)
                .unwrap_or_else(|| user.clone()),
            user,
            password: None,
            sslmode,
            sslrootcert: env.get(ev::PGSSLROOTCERT).map(Into::into),
            application_name: None,
            user_label: None,
        };
        let mut p = self.base(conn, Kind::Libpq, Origin::Libpq);
        p.dbname_given = env.get(ev::PGDATABASE).is_some();
        self.finish_remote(&mut p, sslmode_explicit);
        Ok(p)
    }

    fn host_target(&self, target: &str) -> Result<Planned> {
        if let Some(rest) = target.strip_prefix('[') {
            // [IPv6]:port
            let (h, after) = rest.split_once(']').ok_or_else(|| {
                UserError::usage("an IPv6 TARGET is written [ADDRESS] or [ADDRESS]:PORT")
            })?;
            let port = match after.strip_prefix(':') {
                Some(p) => p.parse::<u16>().ok().filter(|p| *p > 0).ok_or_else(|| {
                    UserError::usage("bad port in the TARGET")
                        .hint("write [ADDRESS]:PORT with a port from 1 to 65535")
                })?,
                None if after.is_empty() => 5432,
                None => {
                    return Err(UserError::usage(
                        "an IPv6 TARGET is written [ADDRESS] or [ADDRESS]:PORT",
                    ))
                }
            };
            return self.host_with_port(h, port);
        }
        let (host, port) = match target.rsplit_once(':') {
            Some(("", _)) => {
                return Err(UserError::usage("the TARGET has no host before `:PORT`")
                    .hint("write HOST or HOST:PORT"))
            }
            Some((h, p)) if !h.contains(':') => {
                let port: u16 = p.parse().ok().filter(|p| *p > 0).ok_or_else(|| {
                    UserError::usage("bad port in the TARGET")
                        .hint("write HOST or HOST:PORT with a port from 1 to 65535")
                })?;
                (h.to_string(), port)
            }
            Some(_) => {
                return Err(
                    UserError::usage("the TARGET is not a host name or HOST:PORT")
                        .hint("write an IPv6 address as [ADDRESS]:PORT, or pass a URL with --url"),
                )
            }
            None => (target.to_string(), 5432),
        };
        self.host_with_port(&host, port)
    }

    fn host_with_port(&self, host: &str, port: u16) -> Result<Planned> {
        let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':' | '/');
        if host.is_empty() || !host.chars().all(ok) {
            // Never echo it: it may be something pasted by mistake.
            return Err(UserError::usage("the TARGET is not a valid host name")
                .hint("host names hold letters, digits, `.`, `-` and `_`; pass anything else as a URL with --url"));
        }
        let host = host.to_string();
        let conn = ConnInfo {
            host,
            port,
            dbname: self
                .env
                .get(ev::PGDATABASE)
                .unwrap_or("postgres")
                .to_string(),
            user: self.role.as_str().to_string(),
            password: None,
            sslmode: SslMode::Prefer,
            sslrootcert: None,
            application_name: None,
            user_label: None,
        };
        let mut p = self.base(conn, Kind::Host, Origin::Target);
        p.dbname_given = self.env.get(ev::PGDATABASE).is_some();
        self.finish_remote(&mut p, false);
        Ok(p)
    }

    /// Password and TLS for a URL, host, service or libpq target: an RDS
    /// endpoint without a password gets an IAM token and TLS (require, or
    /// verify-full with a CA bundle) unless the URL chose its sslmode;
    /// USE_IAM_AUTH=1 asks for a token whatever the host. Otherwise
    /// PGPASSWORD, then the password file.
    fn finish_remote(&self, p: &mut Planned, sslmode_explicit: bool) {
        let rds_host = rds::is_rds_host(&p.conn.host);
        let use_iam = self.env.flag(ev::USE_IAM_AUTH);
        // A password written in the URL or tool configuration is meant: keep it.
        if use_iam && p.conn.password.is_none() {
            p.auth = AuthMode::Iam;
            p.password = PasswordSource::IamToken;
        }
        if p.auth != AuthMode::Iam {
            self.fill_password(p);
            if p.conn.password.is_none() && rds_host {
                p.auth = AuthMode::Iam;
                p.password = PasswordSource::IamToken;
            }
        }
        if rds_host || p.auth == AuthMode::Iam {
            let bundle = p
                .conn
                .sslrootcert
                .clone()
                .or_else(|| ca_bundle(self.config, None, self.env));
            if !sslmode_explicit {
                p.conn.sslmode = if bundle.is_some() {
                    SslMode::VerifyFull
                } else {
                    SslMode::Require
                };
            }
            p.conn.sslrootcert = bundle;
            if p.aws.region.is_none() || rds_host {
                p.aws.region = rds::region_from_host(&p.conn.host).or_else(|| p.aws.region.clone());
            }
        }
    }

    /// PGPASSWORD, then the password file, for a target without a password.
    fn fill_password(&self, p: &mut Planned) {
        if p.conn.password.is_some() || p.auth == AuthMode::Iam || p.kind == Kind::Sandbox {
            return;
        }
        if let Some(pw) = self.env.get(ev::PGPASSWORD) {
            p.conn.password = Some(pw.to_string());
            p.password = PasswordSource::EnvVar(ev::PGPASSWORD.into());
            return;
        }
        if let Some((path, text)) = &self.env.pgpass {
            if let Some(pw) = crate::pg::pgpass_match(text, &p.conn) {
                p.conn.password = Some(pw);
                p.password = PasswordSource::PasswordFile(path.display().to_string());
            }
        }
    }

    /// An RDS instance not named in dbtool.toml: looked up by `finish`. It
    /// uses the AWS identity and roles of the lending environment (the
    /// request's, `--env`/DBTOOL_ENV, or default_environment) when that one
    /// is on AWS.
    fn instance_target(&self, id: &str) -> Result<Planned> {
        let lender_name = self
            .req
            .lend_env
            .as_deref()
            .or_else(|| self.env_hint())
            .or_else(|| self.config.and_then(|c| c.default_environment.as_deref()));
        let lender = match (self.config, lender_name) {
            (Some(c), Some(n)) => c.environments.get_key_value(n).filter(|(_, e)| {
                e.instance.is_some()
                    || e.cluster.is_some()
                    || e.host.as_deref().is_some_and(rds::is_rds_host)
            }),
            _ => None,
        };
        let role_cfg = lender.and_then(|(_, e)| e.roles.get(self.role.as_str()));
        let conn = ConnInfo {
            host: String::new(),
            port: 5432,
            user: self.role.as_str().to_string(),
            password: None,
            dbname: self
                .env
                .get(ev::PGDATABASE)
                .map(str::to_string)
                .or_else(|| lender.and_then(|(_, e)| e.database.clone()))
                .unwrap_or_default(),
            sslmode: SslMode::Require,
            sslrootcert: ca_bundle(self.config, lender.map(|(_, e)| e), self.env),
            application_name: None,
            user_label: None,
        };
        let mut p = self.base(conn, Kind::Instance, Origin::Target);
        if let (Some((name, _)), Some(rc)) = (lender, role_cfg) {
            self.role_user(&mut p, rc, name);
        }
        p.dbname_given = !p.conn.dbname.is_empty();
        p.instance = Some(id.to_string());
        if p.conn.sslrootcert.is_some() {
            p.conn.sslmode = SslMode::VerifyFull;
        }
        if let Some((name, e)) = lender {
            p.borrowed_from = Some(name.to_string());
            p.production = e.production;
            p.aws = aws_spec(self.config, e, role_cfg);
            p.role_confirm = role_cfg.and_then(|r| r.confirm);
            p.client = e.client.clone();
        }
        if self.env.flag(ev::USE_IAM_AUTH) {
            p.auth = AuthMode::Iam;
        } else if let Some(pw) = self.env.get(ev::PGPASSWORD) {
            p.conn.password = Some(pw.to_string());
            p.password = PasswordSource::EnvVar(ev::PGPASSWORD.into());
        } else {
            p.auth = AuthMode::Iam;
        }
        if p.auth == AuthMode::Iam {
            p.password = PasswordSource::IamToken;
        }
        Ok(p)
    }

    fn environment_target(&self, name: &str, env: &Environment, origin: Origin) -> Result<Planned> {
        let role = &self.role;
        let role_cfg = env.roles.get(role.as_str());
        if !self.probe
            && !env.roles.is_empty()
            && role_cfg.is_none()
            && self.req.user.is_none()
            && !env.sandbox
        {
            let names: Vec<&str> = env.roles.keys().map(String::as_str).collect();
            return Err(
                UserError::usage(format!("environment `{name}` has no role `{role}`")).hint(
                    format!(
                        "configured roles: {} (choose with --role)",
                        names.join(", ")
                    ),
                ),
            );
        }
        let mut p = if env.sandbox {
            let mut p = self.sandbox_target(origin.clone())?;
            if let Some(rc) = role_cfg.filter(|r| r.user.is_some()) {
                self.role_user(&mut p, rc, name);
                p.conn.password = None;
                p.password = PasswordSource::None;
            }
            p
        } else if let Some(url) = &env.url {
            let parsed = crate::pg::url::parse(url, &self.local_user())
                .map_err(|e| UserError::usage(format!("environment `{name}`: bad url: {e}")))?;
            let mut p = self.base(parsed.conn, Kind::Environment, origin.clone());
            p.dbname_given = parsed.dbname_explicit;
            p.current_schema = parsed.current_schema;
            p.warnings.extend(
                parsed
                    .warnings
                    .iter()
                    .map(|w| format!("{w} (url of environment `{name}`)")),
            );
            if p.conn.password.is_some() {
                p.password = PasswordSource::Url;
            }
            p
        } else if env.host.is_some() || env.instance.is_some() || env.cluster.is_some() {
            let conn = ConnInfo {
                host: env.host.clone().unwrap_or_default(),
                port: env.port.unwrap_or(5432),
                user: role.as_str().to_string(),
                password: None,
                dbname: env.database.clone().unwrap_or_else(|| "postgres".into()),
                sslmode: env.sslmode.unwrap_or(SslMode::Prefer),
                sslrootcert: ca_bundle(self.config, Some(env), self.env),
                application_name: None,
                user_label: None,
            };
            self.base(conn, Kind::Environment, origin.clone())
        } else {
            return Err(UserError::usage(format!(
                "environment `{name}` says neither where its database is nor how to reach it"
            ))
            .hint("set `instance`, `cluster` or `host` (with `database`), `url`, or `sandbox = true` in its section (docs/configuration.md)"));
        };
        p.environment = Some(name.to_string());
        p.production = env.production;
        p.env_confirm = env.confirm;
        p.role_confirm = role_cfg.and_then(|r| r.confirm);
        p.client = env.client.clone();
        if env.sandbox {
            p.kind = Kind::Sandbox;
            return Ok(p);
        }
        if let Some(rc) = role_cfg.filter(|r| r.user.is_some()) {
            let before = p.conn.user.clone();
            self.role_user(&mut p, rc, name);
            if p.conn.user != before {
                // The URL's password belongs to the URL's user.
                p.conn.password = None;
                p.password = PasswordSource::None;
            }
        } else if env.url.is_none() {
            p.conn.user = role.as_str().to_string();
        }
        if let Some(db) = &env.database {
            p.conn.dbname = db.clone();
            p.dbname_given = true;
        }
        if let Some(mode) = env.sslmode {
            p.conn.sslmode = mode;
        }
        // A `url` beside `instance`/`cluster` (a tunnel or proxy in front of
        // a private database) is reached as that URL says; the identifier is
        // for AWS operations (snapshots).
        let is_rds = match &env.url {
            Some(_) => rds::is_rds_host(&p.conn.host),
            None => {
                env.instance.is_some()
                    || env.cluster.is_some()
                    || env.host.as_deref().is_some_and(rds::is_rds_host)
            }
        };
        p.auth = env.auth.unwrap_or(if is_rds {
            AuthMode::Iam
        } else {
            AuthMode::Password
        });
        if is_rds && env.url.is_none() && env.sslmode.is_none() {
            p.conn.sslmode = if p.conn.sslrootcert.is_some() {
                SslMode::VerifyFull
            } else {
                SslMode::Require
            };
        }
        p.aws = aws_spec(self.config, env, role_cfg);
        if p.conn.host.is_empty() {
            p.instance = env.instance.clone().or_else(|| env.cluster.clone());
            p.cluster_first = env.cluster.is_some();
            if env.cluster.is_some() {
                p.endpoint = role_cfg
                    .and_then(|r| r.endpoint.as_deref())
                    .map(rds::Endpoint::parse);
            }
        }
        if p.auth == AuthMode::Iam {
            p.password = PasswordSource::IamToken;
            p.conn.password = None;
        } else if p.conn.password.is_none() {
            let role_source = role_cfg
                .and_then(|r| r.password.as_ref())
                .map(|s| (s, format!("environments.{name}.roles.{role}.password")));
            let env_source = env
                .password
                .as_ref()
                .map(|s| (s, format!("environments.{name}.password")));
            if self.probe {
                // Passwords do not decide the environment.
            } else if let Some((src, key)) = role_source {
                self.pending_password(&mut p, src, &key);
            } else if let Some(var) = role_cfg.and_then(|r| r.password_env.clone()) {
                let value = self.env.get(&var).ok_or_else(|| {
                    UserError::usage(format!(
                        "environment variable {var} (password of role `{role}` in `{name}`) is not set"
                    ))
                    .hint(format!("export {var}=… before running dbtool"))
                })?;
                p.conn.password = Some(value.to_string());
                p.password = PasswordSource::EnvVar(var);
            } else if let Some((src, key)) = env_source {
                self.pending_password(&mut p, src, &key);
            } else {
                self.fill_password(&mut p);
            }
        }
        Ok(p)
    }

    /// The role's configured user: a name, or a value read later (`finish`).
    fn role_user(&self, p: &mut Planned, rc: &RoleConfig, env_name: &str) {
        match &rc.user {
            Some(Text::Literal(u)) => p.conn.user = u.clone(),
            Some(Text::From(src)) => {
                p.conn.user = src.redacted();
                p.conn.user_label = Some(src.redacted());
                p.pending.push(Pending {
                    field: Field::User,
                    source: src.clone(),
                    at: format!("environments.{env_name}.roles.{}.user", self.role),
                });
            }
            None => {}
        }
    }

    /// A password read from its source by `finish`.
    fn pending_password(&self, p: &mut Planned, src: &toml::Spanned<Source>, key: &str) {
        let at = match self.config {
            Some(c) => format!("{} ({key})", c.position(src.span())),
            None => key.to_string(),
        };
        p.password = PasswordSource::Stored(src.get_ref().describe());
        p.pending.push(Pending {
            field: Field::Password,
            source: src.get_ref().clone(),
            at,
        });
    }

    /// Roles other than the built-in three exist only where configured.
    fn check_role(&self, p: &Planned) -> Result<()> {
        let role = &self.role;
        if role.is_builtin() {
            return Ok(());
        }
        let configured_in = p.environment.as_deref().or(p.borrowed_from.as_deref());
        let known = configured_in
            .and_then(|e| self.config?.environments.get(e))
            .is_some_and(|e| e.roles.contains_key(role.as_str()));
        if known {
            return Ok(());
        }
        let err = UserError::usage(format!("unknown role `{role}`"));
        Err(match crate::text::nearest(role.as_str(), &Role::BUILTIN) {
            Some(n) => err.hint(format!(
                "did you mean `{n}`? (other roles must be configured in dbtool.toml)"
            )),
            None => err.hint("use readonly, write or admin, or configure the role under [environments.NAME.roles]"),
        })
    }
}

fn both_named(env: &str, other: &str) -> UserError {
    UserError::usage(format!("--env `{env}` and {other} both name the database"))
        .hint("keep one: --env for a configured environment, --url or a TARGET for anything else (an unconfigured RDS instance TARGET may be combined with --env to use that environment's AWS identity)")
}

/// A URL, host or service target that is the host (and port) of a
/// configured environment takes that environment's caution.
fn caution_from_environment(config: Option<&Config>, p: &mut Planned) {
    let Some(config) = config else { return };
    if p.environment.is_some()
        || !matches!(p.kind, Kind::Url | Kind::Host | Kind::Libpq | Kind::Service)
    {
        return;
    }
    let same = config.environments.iter().find(|(_, e)| {
        e.host
            .as_deref()
            .is_some_and(|h| h.eq_ignore_ascii_case(&p.conn.host))
            && e.port.unwrap_or(5432) == p.conn.port
            || e.url
                .as_deref()
                .and_then(|u| crate::pg::url::parse(u, "").ok())
                .is_some_and(|u| {
                    u.conn.host.eq_ignore_ascii_case(&p.conn.host) && u.conn.port == p.conn.port
                })
    });
    if let Some((name, e)) = same {
        if e.production || e.confirm == Some(true) {
            p.production |= e.production;
            p.env_confirm = p.env_confirm.or(e.confirm);
            p.warnings.push(format!(
                "{}:{} is the server of environment `{name}`: its {} applies",
                p.conn.host,
                p.conn.port,
                if e.production {
                    "production caution"
                } else {
                    "confirmation"
                }
            ));
        }
    }
}

fn find_environment<'a>(
    config: &'a Config,
    t: &str,
    env_hint: Option<&str>,
) -> Result<Option<(&'a str, &'a Environment)>> {
    if let Some((k, v)) = config.environments.get_key_value(t) {
        return Ok(Some((k.as_str(), v)));
    }
    let matches: Vec<(&str, &Environment)> = config
        .environments
        .iter()
        .filter(|(_, e)| {
            e.database.as_deref() == Some(t)
                || e.instance.as_deref() == Some(t)
                || e.cluster.as_deref() == Some(t)
        })
        .map(|(k, v)| (k.as_str(), v))
        .collect();
    match matches.len() {
        0 => Ok(None),
        1 => Ok(Some(matches[0])),
        _ => {
            if let Some(flag) = env_hint {
                if let Some(m) = matches.iter().find(|(k, _)| *k == flag) {
                    return Ok(Some(*m));
                }
            }
            let names: Vec<&str> = matches.iter().map(|(k, _)| *k).collect();
            Err(UserError::usage(format!(
                "`{t}` is the database of several environments: {}",
                names.join(", ")
            ))
            .hint("choose one with --env NAME"))
        }
    }
}

fn aws_spec(config: Option<&Config>, env: &Environment, role_cfg: Option<&RoleConfig>) -> AwsSpec {
    AwsSpec {
        region: env
            .region
            .clone()
            .or_else(|| config.and_then(|c| c.region.clone()))
            .or_else(|| env.host.as_deref().and_then(rds::region_from_host)),
        profile: role_cfg
            .and_then(|r| r.profile.clone())
            .or_else(|| env.profile.clone()),
        role_arn: role_cfg.and_then(|r| r.role_arn.clone()),
        source_profile: role_cfg.and_then(|r| r.source_profile.clone()),
        external_id: role_cfg.and_then(|r| r.external_id.clone()),
        duration: role_cfg.and_then(|r| r.duration),
        mfa_serial: role_cfg.and_then(|r| r.mfa_serial.clone()),
    }
}

fn ca_bundle(
    config: Option<&Config>,
    env: Option<&Environment>,
    environ: &Environ,
) -> Option<std::path::PathBuf> {
    env.and_then(|e| e.sslrootcert.clone())
        .or_else(|| config.and_then(|c| c.ca_bundle.clone()))
        .or_else(|| environ.get(ev::PGSSLROOTCERT).map(Into::into))
}

#[cfg(test)]
mod tests;
