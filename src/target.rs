//! Target resolution: which database a command talks to. A TARGET (a
//! configured environment or database name, an RDS instance identifier, or a
//! host), `--url` (`DBTOOL_DATABASE_URL`, then `DATABASE_URL`), the selected
//! environment, or with none of these and no environment configured, the
//! local sandbox. Pure apart from reading configuration, the sandbox state and
//! environment variables; `crate::access` then does the AWS part.

use serde::Serialize;

use crate::aws::credentials::AwsSpec;
use crate::aws::rds;
use crate::config::{AuthMode, Config, Environment, SslMode};
use crate::error::UserError;
use crate::pg::ConnInfo;
use crate::sandbox::Sandbox;

/// The database to use; flattened into every database command.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct TargetArgs {
    /// Database: a configured environment or database name, an RDS instance id, `sandbox`, or a host
    #[arg(value_name = "TARGET")]
    pub target: Option<String>,

    /// Connection URL (postgresql://user@host:port/db) instead of TARGET
    #[arg(
        long,
        value_name = "URL",
        env = "DBTOOL_DATABASE_URL",
        hide_env_values = true
    )]
    pub url: Option<String>,
}

/// How the target was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Sandbox,
    Url,
    Environment,
    Host,
    Instance,
}

/// A resolved target: connection parameters plus where they came from.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub conn: ConnInfo,
    pub source: Source,
    /// The configured environment, when the target is one.
    pub environment: Option<String>,
    /// Whether that environment is marked `production = true`.
    pub production: bool,
    /// The role used (readonly, write, admin…).
    pub role: String,
    /// How the user authenticates: IAM token or password.
    pub auth: AuthMode,
    /// The AWS identity for IAM tokens and instance lookups.
    pub aws: AwsSpec,
    /// RDS instance to look up when `conn.host` is still empty.
    pub instance: Option<String>,
    /// The role's own `confirm` setting, if any.
    pub role_confirm: Option<bool>,
    /// The client `connect` runs by default (environment `client`).
    pub client: Option<String>,
    /// When the IAM token stops letting new connections in.
    pub token_expires: Option<chrono::DateTime<chrono::Utc>>,
}

impl Resolved {
    fn plain(conn: ConnInfo, source: Source, role: &str) -> Resolved {
        Resolved {
            conn,
            source,
            environment: None,
            production: false,
            role: role.to_string(),
            auth: AuthMode::Password,
            aws: AwsSpec::default(),
            instance: None,
            role_confirm: None,
            client: None,
            token_expires: None,
        }
    }

    /// A short description for banners: `production · notifydb@host`.
    pub fn describe(&self) -> String {
        let place = format!("{}@{}:{}", self.conn.dbname, self.conn.host, self.conn.port);
        match &self.environment {
            Some(e) => format!("{e} · {place}"),
            None => format!("{:?} · {place}", self.source).to_lowercase(),
        }
    }
}

/// What the resolution needs to know besides the arguments.
pub struct Inputs<'a> {
    pub config: Option<&'a Config>,
    /// `--env` / `DBTOOL_ENV`.
    pub env_flag: Option<&'a str>,
    pub sandbox: &'a Sandbox,
    pub role: &'a str,
    pub user_override: Option<&'a str>,
}

/// The configured environment selected by `--env` or `default_environment`.
pub fn selected_environment<'a>(
    config: Option<&'a Config>,
    env_flag: Option<&str>,
) -> Result<Option<(&'a str, &'a Environment)>, UserError> {
    let Some(config) = config else {
        return match env_flag {
            Some(name) => Err(UserError::usage(format!(
                "unknown environment `{name}`: no dbtool.toml found"
            ))
            .hint("create a dbtool.toml (see docs/configuration.md) or pass --config FILE")),
            None => Ok(None),
        };
    };
    let name = match env_flag.or(config.default_environment.as_deref()) {
        Some(n) => n,
        None => return Ok(None),
    };
    match config.environments.get_key_value(name) {
        Some((k, v)) => Ok(Some((k.as_str(), v))),
        None => Err(unknown_environment(config, name)),
    }
}

fn unknown_environment(config: &Config, name: &str) -> UserError {
    let names: Vec<&str> = config.environments.keys().map(String::as_str).collect();
    let err = UserError::usage(format!("unknown environment `{name}`"));
    match crate::config::nearest(name, &names) {
        Some(n) => err.hint(format!("did you mean `{n}`?")),
        None if names.is_empty() => err.hint("dbtool.toml defines no [environments.NAME]"),
        None => err.hint(format!("configured environments: {}", names.join(", "))),
    }
}

/// Resolves the target. Pure apart from reading the sandbox state and
/// `DATABASE_URL`/`PGPASSWORD`-style variables.
pub fn resolve(args: &TargetArgs, inputs: &Inputs<'_>) -> anyhow::Result<Resolved> {
    let r = resolve_unchecked(args, inputs)?;
    // Roles other than the built-in three exist only where configured.
    let configured = r
        .environment
        .as_deref()
        .and_then(|e| inputs.config?.environments.get(e))
        .is_some_and(|e| e.roles.contains_key(inputs.role));
    if !configured && !BUILTIN_ROLES.contains(&inputs.role) {
        let err = UserError::usage(format!("unknown role `{}`", inputs.role));
        return Err(match crate::config::nearest(inputs.role, &BUILTIN_ROLES) {
            Some(n) => err.hint(format!("did you mean `{n}`? (other roles must be configured in dbtool.toml)")),
            None => err.hint("use readonly, write or admin, or configure the role under [environments.NAME.roles]"),
        }
        .into());
    }
    Ok(r)
}

/// The roles every target knows without configuration.
pub const BUILTIN_ROLES: [&str; 3] = ["readonly", "write", "admin"];

fn resolve_unchecked(args: &TargetArgs, inputs: &Inputs<'_>) -> anyhow::Result<Resolved> {
    let role = inputs.role.to_string();
    if let Some(t) = args.target.as_deref() {
        if args.url.is_some() {
            return Err(UserError::usage("give either a TARGET or --url, not both")
                .hint("DBTOOL_DATABASE_URL in the environment counts as --url; unset it to use a TARGET")
                .into());
        }
        if let Some(config) = inputs.config {
            if let Some((name, env)) = find_environment(config, t, inputs.env_flag)? {
                return from_environment(name, env, config, inputs);
            }
        }
        if t == "sandbox" {
            return from_sandbox(inputs);
        }
        if t.contains('.') || t.contains(':') || t == "localhost" {
            return from_host(t, inputs);
        }
        if let Some(config) = inputs.config {
            let mut names: Vec<&str> = config.environments.keys().map(String::as_str).collect();
            names.extend(
                config
                    .environments
                    .values()
                    .filter_map(|e| e.database.as_deref()),
            );
            if let Some(n) = crate::config::nearest(t, &names) {
                return Err(UserError::usage(format!("unknown target `{t}`"))
                    .hint(format!("did you mean `{n}`?"))
                    .into());
            }
        }
        if is_instance_identifier(t) {
            return from_instance(t, inputs);
        }
        return Err(UserError::usage(format!("unknown target `{t}`"))
            .hint("a target is a configured environment or database, an RDS instance identifier, `sandbox`, or a host name")
            .into());
    }
    let url = args
        .url
        .clone()
        .filter(|u| !u.is_empty())
        .or_else(|| std::env::var("DATABASE_URL").ok().filter(|u| !u.is_empty()));
    if let Some(url) = url {
        let mut conn = ConnInfo::from_url(&url).map_err(|e| {
            UserError::usage(format!("bad database URL: {e}"))
                .hint("check --url, DBTOOL_DATABASE_URL or DATABASE_URL; e.g. postgresql://user@localhost:5432/db")
        })?;
        if let Some(u) = inputs.user_override {
            conn.user = u.to_string();
        }
        if conn.password.is_none() {
            conn.password = std::env::var("PGPASSWORD").ok();
        }
        return Ok(Resolved::plain(conn, Source::Url, &role));
    }
    if let Some(config) = inputs.config {
        if let Some((name, env)) = selected_environment(Some(config), inputs.env_flag)? {
            return from_environment(name, env, config, inputs);
        }
        if !config.environments.is_empty() {
            let names: Vec<&str> = config.environments.keys().map(String::as_str).collect();
            return Err(UserError::usage("no target given")
                .hint(format!(
                    "name one ({}), pass --env NAME, or set default_environment in dbtool.toml; `sandbox` is the local one",
                    names.join(", ")
                ))
                .into());
        }
    }
    from_sandbox(inputs)
}

fn find_environment<'a>(
    config: &'a Config,
    t: &str,
    env_flag: Option<&str>,
) -> Result<Option<(&'a str, &'a Environment)>, UserError> {
    if let Some((k, v)) = config.environments.get_key_value(t) {
        return Ok(Some((k.as_str(), v)));
    }
    let matches: Vec<(&str, &Environment)> = config
        .environments
        .iter()
        .filter(|(_, e)| e.database.as_deref() == Some(t) || e.instance.as_deref() == Some(t))
        .map(|(k, v)| (k.as_str(), v))
        .collect();
    match matches.len() {
        0 => Ok(None),
        1 => Ok(Some(matches[0])),
        _ => {
            if let Some(flag) = env_flag {
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

fn from_sandbox(inputs: &Inputs<'_>) -> anyhow::Result<Resolved> {
    let sandbox = inputs.sandbox;
    if !sandbox.is_initialized() || sandbox.running_pid().is_none() {
        return Err(UserError::runtime("the local sandbox is not running")
            .hint("start it with `dbtool sandbox up`, or name a target / pass --url")
            .into());
    }
    let mut conn = sandbox.conn_info()?;
    if let Some(u) = inputs.user_override {
        conn.user = u.to_string();
    }
    Ok(Resolved::plain(conn, Source::Sandbox, inputs.role))
}

/// RDS instance identifiers: a letter, then letters, digits and hyphens.
pub fn is_instance_identifier(t: &str) -> bool {
    t.len() <= 63
        && t.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !t.ends_with('-')
        && !t.contains("--")
}

fn from_instance(id: &str, inputs: &Inputs<'_>) -> anyhow::Result<Resolved> {
    let conn = ConnInfo {
        host: String::new(),
        port: 5432,
        user: inputs
            .user_override
            .map(str::to_string)
            .unwrap_or_else(|| inputs.role.to_string()),
        password: std::env::var("PGPASSWORD").ok(),
        dbname: std::env::var("PGDATABASE").unwrap_or_default(),
        sslmode: rds_sslmode(None, ca_bundle(inputs.config, None).is_some()),
        sslrootcert: ca_bundle(inputs.config, None),
        application_name: None,
    };
    let mut r = Resolved::plain(conn, Source::Instance, inputs.role);
    r.instance = Some(id.to_string());
    r.auth = if r.conn.password.is_some() {
        AuthMode::Password
    } else {
        AuthMode::Iam
    };
    r.aws.region = inputs.config.and_then(|c| c.region.clone());
    Ok(r)
}

fn ca_bundle(config: Option<&Config>, env: Option<&Environment>) -> Option<std::path::PathBuf> {
    env.and_then(|e| e.sslrootcert.clone())
        .or_else(|| config.and_then(|c| c.ca_bundle.clone()))
        .or_else(|| {
            std::env::var_os("PGSSLROOTCERT")
                .filter(|v| !v.is_empty())
                .map(Into::into)
        })
}

/// TLS for RDS: verify-full with a CA bundle, else require.
fn rds_sslmode(configured: Option<SslMode>, have_bundle: bool) -> SslMode {
    configured.unwrap_or(if have_bundle {
        SslMode::VerifyFull
    } else {
        SslMode::Require
    })
}

fn from_host(host: &str, inputs: &Inputs<'_>) -> anyhow::Result<Resolved> {
    let (h, port) = match host.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') => {
            let port = p
                .parse()
                .map_err(|_| UserError::usage(format!("bad port in target `{host}`")))?;
            (h.to_string(), port)
        }
        _ => (host.to_string(), 5432),
    };
    let rds_host = rds::is_rds_host(&h);
    let user = inputs
        .user_override
        .map(str::to_string)
        .unwrap_or_else(|| inputs.role.to_string());
    let conn = ConnInfo {
        host: h,
        port,
        dbname: std::env::var("PGDATABASE").unwrap_or_else(|_| "postgres".into()),
        user,
        password: std::env::var("PGPASSWORD").ok(),
        sslmode: SslMode::Prefer,
        sslrootcert: None,
        application_name: None,
    };
    let mut r = Resolved::plain(conn, Source::Host, inputs.role);
    if rds_host {
        // The old postgres.env.sh: an IAM token unless a password is given.
        let bundle = ca_bundle(inputs.config, None);
        r.conn.sslmode = rds_sslmode(None, bundle.is_some());
        r.conn.sslrootcert = bundle;
        r.auth = if r.conn.password.is_some() {
            AuthMode::Password
        } else {
            AuthMode::Iam
        };
        r.aws.region = rds::region_from_host(&r.conn.host);
    }
    Ok(r)
}

fn from_environment(
    name: &str,
    env: &Environment,
    config: &Config,
    inputs: &Inputs<'_>,
) -> anyhow::Result<Resolved> {
    let role_cfg = env.roles.get(inputs.role);
    if !env.roles.is_empty() && role_cfg.is_none() && inputs.user_override.is_none() && !env.sandbox
    {
        let names: Vec<&str> = env.roles.keys().map(String::as_str).collect();
        return Err(UserError::usage(format!(
            "environment `{name}` has no role `{}`",
            inputs.role
        ))
        .hint(format!(
            "configured roles: {} (choose with --role)",
            names.join(", ")
        ))
        .into());
    }
    let mut conn = if env.sandbox {
        let mut r = from_sandbox(inputs)?;
        if let Some(user) = role_cfg.and_then(|r| r.user.clone()) {
            r.conn.user = user;
            r.conn.password = None;
        }
        r.conn
    } else if let Some(url) = &env.url {
        ConnInfo::from_url(url)
            .map_err(|e| UserError::usage(format!("environment `{name}`: bad url: {e}")))?
    } else if env.host.is_some() || env.instance.is_some() {
        ConnInfo {
            host: env.host.clone().unwrap_or_default(),
            port: env.port.unwrap_or(5432),
            user: inputs.role.to_string(),
            password: None,
            dbname: env.database.clone().unwrap_or_else(|| "postgres".into()),
            sslmode: env.sslmode.unwrap_or(SslMode::Prefer),
            sslrootcert: ca_bundle(Some(config), Some(env)),
            application_name: None,
        }
    } else {
        return Err(UserError::usage(format!("environment `{name}` says neither where its database is nor how to reach it"))
            .hint("set `instance` or `host` (with `database`), `url`, or `sandbox = true` in its section (docs/configuration.md)")
            .into());
    };
    if !env.sandbox {
        if let Some(user) = role_cfg.and_then(|r| r.user.clone()) {
            if user != conn.user {
                // The URL's password belongs to the URL's user.
                conn.password = None;
            }
            conn.user = user;
        } else if env.url.is_none() {
            conn.user = inputs.role.to_string();
        }
        if let Some(db) = &env.database {
            conn.dbname = db.clone();
        }
        if let Some(mode) = env.sslmode {
            conn.sslmode = mode;
        }
    }
    if let Some(u) = inputs.user_override {
        conn.user = u.to_string();
    }
    let is_rds = env.instance.is_some() || env.host.as_deref().is_some_and(rds::is_rds_host);
    let auth = env.auth.unwrap_or(if is_rds {
        AuthMode::Iam
    } else {
        AuthMode::Password
    });
    if is_rds && !env.sandbox && env.url.is_none() {
        conn.sslmode = rds_sslmode(env.sslmode, conn.sslrootcert.is_some());
    }
    let aws = AwsSpec {
        region: env
            .region
            .clone()
            .or_else(|| config.region.clone())
            .or_else(|| env.host.as_deref().and_then(rds::region_from_host)),
        profile: role_cfg
            .and_then(|r| r.profile.clone())
            .or_else(|| env.profile.clone()),
        role_arn: role_cfg.and_then(|r| r.role_arn.clone()),
        source_profile: role_cfg.and_then(|r| r.source_profile.clone()),
        external_id: role_cfg.and_then(|r| r.external_id.clone()),
        duration: role_cfg.and_then(|r| r.duration),
        mfa_serial: role_cfg.and_then(|r| r.mfa_serial.clone()),
    };
    if auth == AuthMode::Password && conn.password.is_none() {
        let var = role_cfg.and_then(|r| r.password_env.clone());
        conn.password = match var {
            Some(v) => Some(std::env::var(&v).map_err(|_| {
                UserError::usage(format!(
                    "environment variable {v} (password of role `{}` in `{name}`) is not set",
                    inputs.role
                ))
                .hint(format!("export {v}=… before running dbtool"))
            })?),
            None => std::env::var("PGPASSWORD").ok(),
        };
    }
    if conn.password.is_none() && auth == AuthMode::Password {
        conn.password = crate::pg::pgpass_lookup(&conn);
    }
    Ok(Resolved {
        instance: if conn.host.is_empty() {
            env.instance.clone()
        } else {
            None
        },
        conn,
        source: Source::Environment,
        environment: Some(name.to_string()),
        production: env.production,
        role: inputs.role.to_string(),
        auth,
        aws,
        role_confirm: role_cfg.and_then(|r| r.confirm),
        client: env.client.clone(),
        token_expires: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(text: &str) -> Config {
        crate::config::parse(text, "t.toml").unwrap()
    }

    fn inputs<'a>(config: Option<&'a Config>, sandbox: &'a Sandbox) -> Inputs<'a> {
        Inputs {
            config,
            env_flag: None,
            sandbox,
            role: "readonly",
            user_override: None,
        }
    }

    #[test]
    fn target_names_environment_or_database() {
        let c = cfg("[environments.staging]\nhost = \"db.internal\"\ndatabase = \"notifydb\"\nauth = \"password\"\n[environments.staging.roles.readonly]\nuser = \"ro\"\n");
        let sb = Sandbox::new("/nonexistent");
        for t in ["staging", "notifydb"] {
            let r = resolve(
                &TargetArgs {
                    target: Some(t.into()),
                    url: None,
                },
                &inputs(Some(&c), &sb),
            )
            .unwrap();
            assert_eq!(r.environment.as_deref(), Some("staging"));
            assert_eq!(r.conn.host, "db.internal");
            assert_eq!(r.conn.user, "ro");
            assert_eq!(r.conn.dbname, "notifydb");
        }
    }

    #[test]
    fn unknown_target_suggests() {
        let c = cfg("[environments.staging]\nhost = \"db\"\n");
        let sb = Sandbox::new("/nonexistent");
        let err = resolve(
            &TargetArgs {
                target: Some("stagin".into()),
                url: None,
            },
            &inputs(Some(&c), &sb),
        )
        .unwrap_err();
        let u = err.downcast_ref::<UserError>().unwrap();
        assert_eq!(u.message, "unknown target `stagin`");
        assert_eq!(u.hint.as_deref(), Some("did you mean `staging`?"));
    }

    #[test]
    fn no_config_no_target_means_sandbox() {
        let sb = Sandbox::new("/nonexistent");
        let err = resolve(&TargetArgs::default(), &inputs(None, &sb)).unwrap_err();
        assert!(err.to_string().contains("sandbox is not running"), "{err}");
    }

    #[test]
    fn iam_environment_resolves_aws_identity_and_tls() {
        let c = cfg("region = \"eu-west-2\"\nca_bundle = \"/ca.pem\"\n[environments.prod]\ninstance = \"notifydb\"\ndatabase = \"notify\"\nauth = \"iam\"\nproduction = true\n\
                     [environments.prod.roles.write]\nuser = \"writer\"\nrole_arn = \"arn:aws:iam::1:role/w\"\nsource_profile = \"base\"\nmfa_serial = \"arn:aws:iam::1:mfa/me\"\n");
        let sb = Sandbox::new("/nonexistent");
        let mut i = inputs(Some(&c), &sb);
        i.role = "write";
        let r = resolve(
            &TargetArgs {
                target: Some("prod".into()),
                url: None,
            },
            &i,
        )
        .unwrap();
        assert_eq!(r.auth, AuthMode::Iam);
        assert_eq!(r.instance.as_deref(), Some("notifydb"));
        assert_eq!(r.conn.user, "writer");
        assert_eq!(r.conn.sslmode, SslMode::VerifyFull);
        assert_eq!(r.aws.region.as_deref(), Some("eu-west-2"));
        assert_eq!(r.aws.role_arn.as_deref(), Some("arn:aws:iam::1:role/w"));
        assert_eq!(r.aws.mfa_serial.as_deref(), Some("arn:aws:iam::1:mfa/me"));
        assert!(r.production);
        assert!(r.conn.password.is_none());
    }

    #[test]
    fn rds_host_and_instance_targets() {
        let sb = Sandbox::new("/nonexistent");
        let r = resolve(
            &TargetArgs {
                target: Some("db.uid.eu-west-2.rds.amazonaws.com".into()),
                url: None,
            },
            &inputs(None, &sb),
        )
        .unwrap();
        assert_eq!(r.aws.region.as_deref(), Some("eu-west-2"));
        assert_eq!(r.conn.user, "readonly");
        assert_eq!(r.conn.port, 5432);
        let r = resolve(
            &TargetArgs {
                target: Some("notifydb-restore".into()),
                url: None,
            },
            &inputs(None, &sb),
        )
        .unwrap();
        assert_eq!(r.source, Source::Instance);
        assert_eq!(r.instance.as_deref(), Some("notifydb-restore"));
        assert!(is_instance_identifier("a1-b2"));
        assert!(!is_instance_identifier("1abc"));
        assert!(!is_instance_identifier("a--b"));
    }

    #[test]
    fn a_role_user_does_not_inherit_the_url_password() {
        let c = cfg("[environments.ci]\nurl = \"postgresql://app:app-secret@h/db\"\n[environments.ci.roles.readonly]\nuser = \"ro\"\n[environments.ci.roles.write]\nuser = \"app\"\n");
        let sb = Sandbox::new("/nonexistent");
        let mut i = inputs(Some(&c), &sb);
        let r = resolve(
            &TargetArgs {
                target: Some("ci".into()),
                url: None,
            },
            &i,
        )
        .unwrap();
        assert_eq!(r.conn.user, "ro");
        assert_ne!(r.conn.password.as_deref(), Some("app-secret"));
        i.role = "write";
        let r = resolve(
            &TargetArgs {
                target: Some("ci".into()),
                url: None,
            },
            &i,
        )
        .unwrap();
        assert_eq!(
            r.conn.password.as_deref(),
            Some("app-secret"),
            "same user keeps the URL's password"
        );
    }

    #[test]
    fn unknown_roles_need_configuration() {
        let sb = Sandbox::new("/nonexistent");
        let mut i = inputs(None, &sb);
        i.role = "wirte";
        let args = TargetArgs {
            target: Some("db.example".into()),
            url: None,
        };
        let err = resolve(&args, &i).unwrap_err();
        let u = err.downcast_ref::<UserError>().unwrap();
        assert_eq!(u.message, "unknown role `wirte`");
        assert!(u
            .hint
            .as_deref()
            .unwrap()
            .starts_with("did you mean `write`?"));
        let c =
            cfg("[environments.a]\nhost = \"h\"\n[environments.a.roles.analyst]\nuser = \"an\"\n");
        let mut i = inputs(Some(&c), &sb);
        i.role = "analyst";
        let r = resolve(
            &TargetArgs {
                target: Some("a".into()),
                url: None,
            },
            &i,
        )
        .unwrap();
        assert_eq!(r.conn.user, "an");
    }

    #[test]
    fn url_and_target_conflict() {
        let sb = Sandbox::new("/nonexistent");
        let args = TargetArgs {
            target: Some("x.y".into()),
            url: Some("postgresql://h/d".into()),
        };
        assert!(resolve(&args, &inputs(None, &sb)).is_err());
    }

    #[test]
    fn several_environments_need_a_choice() {
        let c = cfg("[environments.a]\nhost=\"h\"\n[environments.b]\nhost=\"h\"\n");
        let sb = Sandbox::new("/nonexistent");
        let err = resolve(&TargetArgs::default(), &inputs(Some(&c), &sb)).unwrap_err();
        assert!(err
            .downcast_ref::<UserError>()
            .unwrap()
            .hint
            .as_deref()
            .unwrap()
            .contains("a, b"));
    }
}
