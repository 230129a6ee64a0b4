//! AWS credentials for a database role: the standard chain (profiles, SSO
//! cache, env, web identity) through aws-config, plus what aws-config does not
//! do: assuming a role with MFA (prompt, `--mfa-code` or `DBTOOL_MFA_CODE`;
//! STS AssumeRole with SerialNumber/TokenCode directly) and caching assumed
//! sessions on disk (0600) until 5 minutes before they expire. Touches STS
//! and `$XDG_CACHE_HOME/dbtool/aws/`.

use std::fs;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::PathBuf;
use std::time::Duration;

use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use aws_credential_types::Credentials;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::error::AwsResultExt;
use crate::error::UserError;
use crate::printer::Printer;

/// Which AWS identity a role uses (from dbtool.toml).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AwsSpec {
    pub region: Option<String>,
    pub profile: Option<String>,
    pub role_arn: Option<String>,
    pub source_profile: Option<String>,
    pub external_id: Option<String>,
    pub duration: Option<Duration>,
    pub mfa_serial: Option<String>,
}

impl AwsSpec {
    /// The identity of an environment's operator actions (restore, cname,
    /// snapshots, logs…): its `profile`, its `region` else the top-level
    /// one; without an environment, the top-level region and the AWS chain.
    pub fn of_environment(
        config: Option<&crate::config::Config>,
        env: Option<&crate::config::Environment>,
    ) -> AwsSpec {
        AwsSpec {
            region: env
                .and_then(|e| e.region.clone())
                .or_else(|| config.and_then(|c| c.region.clone())),
            profile: env.and_then(|e| e.profile.clone()),
            ..Default::default()
        }
    }
}

/// How to get an MFA code when one is needed.
#[derive(Debug, Clone, Default)]
pub struct MfaOptions {
    /// `--mfa-code` or `DBTOOL_MFA_CODE`.
    pub code: Option<String>,
}

/// Refreshing assumed credentials this long before expiry.
pub const REFRESH_MARGIN: chrono::TimeDelta = chrono::TimeDelta::minutes(5);

/// An assumed-role session as cached on disk.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CachedSession {
    pub role_arn: String,
    /// Access key id of the credentials that assumed the role (the source identity).
    pub source_access_key_id: String,
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: String,
    pub expiration: DateTime<Utc>,
}

impl CachedSession {
    pub fn is_fresh(&self, now: DateTime<Utc>) -> bool {
        self.expiration - REFRESH_MARGIN > now
    }
}

/// Directory of cached sessions.
pub fn cache_dir() -> PathBuf {
    crate::paths::cache_home().join("dbtool").join("aws")
}

/// File name of a cached session: role and source identity, readable by humans.
pub fn cache_file(role_arn: &str, source_access_key_id: &str) -> PathBuf {
    let clean = |s: &str| {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect::<String>()
    };
    cache_dir().join(format!(
        "{}__{}.json",
        clean(role_arn.trim_start_matches("arn:aws:iam::")),
        clean(source_access_key_id)
    ))
}

/// All cached sessions (for `whoami`), fresh or not.
pub fn cached_sessions() -> Vec<(PathBuf, CachedSession)> {
    let mut out = Vec::new();
    if let Ok(entries) = fs::read_dir(cache_dir()) {
        for e in entries.flatten() {
            if let Ok(text) = fs::read_to_string(e.path()) {
                if let Ok(s) = serde_json::from_str::<CachedSession>(&text) {
                    out.push((e.path(), s));
                }
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Deletes every cached session; returns how many there were.
pub fn clear_cache() -> anyhow::Result<usize> {
    let sessions = cached_sessions();
    for (path, _) in &sessions {
        fs::remove_file(path)?;
    }
    Ok(sessions.len())
}

fn read_cache(path: &PathBuf) -> Option<CachedSession> {
    let text = fs::read_to_string(path).ok()?;
    serde_json::from_str(&text).ok()
}

fn write_cache(path: &PathBuf, session: &CachedSession) -> anyhow::Result<()> {
    let dir = path.parent().expect("cache file has a parent");
    fs::create_dir_all(dir)?;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let mut f = fs::OpenOptions::new()
        .create(true)
        .truncate(true)
        .write(true)
        .mode(0o600)
        .open(&tmp)?;
    f.write_all(serde_json::to_string_pretty(session)?.as_bytes())?;
    drop(f);
    fs::rename(&tmp, path)?;
    Ok(())
}

/// SDK configuration carrying the credentials of `spec`: the chain for a
/// plain profile, or an assumed (possibly MFA) session, cached on disk.
pub async fn load(
    spec: &AwsSpec,
    mfa: &MfaOptions,
    printer: &Printer,
) -> anyhow::Result<aws_config::SdkConfig> {
    let derived = mfa_profile(spec).await;
    let spec = derived.as_ref().unwrap_or(spec);
    let base_profile = spec.source_profile.as_deref().or(spec.profile.as_deref());
    let base = super::sdk_config(spec.region.as_deref(), base_profile).await;
    let Some(role_arn) = spec.role_arn.as_deref() else {
        // Resolve now, so a missing login is reported here with a hint.
        base_credentials(&base, base_profile).await?;
        return Ok(base);
    };
    let source = base_credentials(&base, base_profile).await?;
    let path = cache_file(role_arn, source.access_key_id());
    let now = Utc::now();
    if let Some(cached) = read_cache(&path).filter(|c| c.role_arn == role_arn && c.is_fresh(now)) {
        printer.verbose(format!(
            "using cached session for {role_arn} (expires {})",
            cached.expiration.format("%H:%M UTC")
        ));
        return Ok(with_credentials(&base, &cached));
    }
    let session = assume(&base, spec, role_arn, &source, mfa, printer).await?;
    if let Err(e) = write_cache(&path, &session) {
        printer.warn(format!(
            "could not cache the session in {}: {e}",
            path.display()
        ));
    }
    Ok(with_credentials(&base, &session))
}

/// A profile in ~/.aws/config that assumes a role with MFA (`role_arn`,
/// `source_profile` and `mfa_serial`): aws-config would call AssumeRole
/// without the code and fail, so dbtool assumes the role itself, as if the
/// role were declared in dbtool.toml. The profile is the role's `profile`,
/// else `AWS_PROFILE`.
async fn mfa_profile(spec: &AwsSpec) -> Option<AwsSpec> {
    use aws_types::os_shim_internal::{Env, Fs};
    if spec.role_arn.is_some() {
        return None;
    }
    let name = spec
        .profile
        .clone()
        .or_else(|| std::env::var("AWS_PROFILE").ok())
        .filter(|p| !p.is_empty())?;
    let files = aws_runtime::env_config::file::EnvConfigFiles::default();
    let set =
        aws_config::profile::load(&Fs::real(), &Env::real(), &files, Some(name.clone().into()))
            .await
            .ok()?;
    let profile = set.get_profile(&name)?;
    let get = |k: &str| profile.get(k).map(str::to_string);
    Some(AwsSpec {
        region: spec.region.clone().or_else(|| get("region")),
        profile: None,
        role_arn: Some(get("role_arn")?),
        // `credential_source` profiles are left to aws-config.
        source_profile: Some(get("source_profile")?),
        external_id: get("external_id"),
        duration: get("duration_seconds")
            .and_then(|d| d.parse().ok())
            .map(Duration::from_secs),
        mfa_serial: Some(get("mfa_serial")?),
    })
}

/// Signing-only configuration for the common scripted case: keys in the
/// environment, no profile, no role to assume. It builds no HTTP client (which
/// would load every system root certificate), so `dbtool env` stays fast; it
/// cannot call AWS APIs, so `crate::access` only uses it to sign tokens.
pub fn env_only(spec: &AwsSpec) -> Option<aws_config::SdkConfig> {
    let set = |v: &str| std::env::var_os(v).is_some_and(|x| !x.is_empty());
    let profile = spec.source_profile.is_some() || spec.profile.is_some() || set("AWS_PROFILE");
    if spec.role_arn.is_some()
        || profile
        || !set("AWS_ACCESS_KEY_ID")
        || !set("AWS_SECRET_ACCESS_KEY")
    {
        return None;
    }
    let region = spec
        .region
        .clone()
        .or_else(|| std::env::var("AWS_REGION").ok())
        .or_else(|| std::env::var("AWS_DEFAULT_REGION").ok())?;
    let creds = Credentials::new(
        std::env::var("AWS_ACCESS_KEY_ID").ok()?,
        std::env::var("AWS_SECRET_ACCESS_KEY").ok()?,
        std::env::var("AWS_SESSION_TOKEN")
            .ok()
            .filter(|t| !t.is_empty()),
        None,
        "environment",
    );
    Some(
        aws_config::SdkConfig::builder()
            .credentials_provider(SharedCredentialsProvider::new(creds))
            .region(aws_config::Region::new(region))
            .time_source(aws_smithy_async::time::SystemTimeSource::new())
            .build(),
    )
}

fn with_credentials(base: &aws_config::SdkConfig, s: &CachedSession) -> aws_config::SdkConfig {
    let expiry = std::time::SystemTime::from(s.expiration);
    let creds = Credentials::new(
        &s.access_key_id,
        &s.secret_access_key,
        Some(s.session_token.clone()),
        Some(expiry),
        "dbtool",
    );
    base.to_builder()
        .credentials_provider(SharedCredentialsProvider::new(creds))
        .build()
}

async fn base_credentials(
    config: &aws_config::SdkConfig,
    profile: Option<&str>,
) -> anyhow::Result<Credentials> {
    let provider = config.credentials_provider().ok_or_else(|| {
        UserError::runtime("no AWS credentials: no credential provider is configured")
            .hint(super::error::credentials_ways(profile))
    })?;
    match provider.provide_credentials().await {
        Ok(c) => Ok(c),
        Err(e) => {
            // The profile aws-config used: the role's, else AWS_PROFILE.
            let named = profile
                .map(str::to_string)
                .or_else(|| std::env::var("AWS_PROFILE").ok().filter(|p| !p.is_empty()));
            if let Some(p) = &named {
                if !profile_defined(p).await {
                    return Err(UserError::runtime(format!(
                        "no AWS credentials: profile `{p}` is not defined in ~/.aws/config or ~/.aws/credentials"
                    ))
                    .hint(format!(
                        "create it (`aws configure sso --profile {p}` or `aws configure --profile {p}`), or fix the name (AWS_PROFILE, or `profile` in dbtool.toml)"
                    ))
                    .source(super::error::ChainError::from_error(&e))
                    .into());
                }
            }
            Err(super::error::credentials_error(&e, named.as_deref()).into())
        }
    }
}

/// Whether the AWS config or credentials file defines profile `name`.
async fn profile_defined(name: &str) -> bool {
    use aws_types::os_shim_internal::{Env, Fs};
    let files = aws_runtime::env_config::file::EnvConfigFiles::default();
    match aws_config::profile::load(
        &Fs::real(),
        &Env::real(),
        &files,
        Some(name.to_string().into()),
    )
    .await
    {
        Ok(set) => set.get_profile(name).is_some(),
        Err(_) => false,
    }
}

/// Role session name: `dbtool-<local user>`, restricted to what STS accepts.
pub fn session_name() -> String {
    // $USER, else the password database's name (containers and CI often have no $USER).
    let user = std::env::var("USER")
        .ok()
        .filter(|u| !u.is_empty())
        .or_else(|| {
            nix::unistd::User::from_uid(nix::unistd::getuid())
                .ok()
                .flatten()
                .map(|u| u.name)
        })
        .unwrap_or_else(|| format!("uid{}", nix::unistd::getuid()));
    let clean: String = user
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "+=,.@-_".contains(*c))
        .collect();
    let mut name = format!("dbtool-{clean}");
    name.truncate(64);
    name
}

async fn assume(
    base: &aws_config::SdkConfig,
    spec: &AwsSpec,
    role_arn: &str,
    source: &Credentials,
    mfa: &MfaOptions,
    printer: &Printer,
) -> anyhow::Result<CachedSession> {
    let sts = super::Sts::new(
        base,
        spec.source_profile.as_deref().or(spec.profile.as_deref()),
    );
    let api = sts.api.clone();
    let sts = sts.client;
    let mut attempts = 0;
    loop {
        attempts += 1;
        let code = match &spec.mfa_serial {
            Some(serial) => Some(mfa_code(serial, mfa, attempts)?),
            None => None,
        };
        let result = sts
            .assume_role()
            .role_arn(role_arn)
            .role_session_name(session_name())
            .set_duration_seconds(spec.duration.map(|d| d.as_secs() as i32))
            .set_external_id(spec.external_id.clone())
            .set_serial_number(spec.mfa_serial.clone())
            .set_token_code(code)
            .send()
            .await
            .aws(&api);
        match result {
            Ok(out) => {
                let c = out
                    .credentials()
                    .ok_or_else(|| UserError::runtime("STS AssumeRole returned no credentials"))?;
                let expiration = DateTime::<Utc>::from_timestamp(c.expiration().secs(), 0)
                    .unwrap_or_else(Utc::now);
                return Ok(CachedSession {
                    role_arn: role_arn.to_string(),
                    source_access_key_id: source.access_key_id().to_string(),
                    access_key_id: c.access_key_id().to_string(),
                    secret_access_key: c.secret_access_key().to_string(),
                    session_token: c.session_token().to_string(),
                    expiration,
                });
            }
            Err(err) => {
                let mfa_failed = spec.mfa_serial.is_some()
                    && err.is("AccessDenied")
                    && err.message().is_some_and(|m| {
                        m.contains("MultiFactorAuthentication") || m.contains("MFA")
                    });
                if mfa_failed && mfa.code.is_none() && attempts < 3 && crate::prompt::interactive()
                {
                    printer.warn("the MFA code was not accepted; try again");
                    continue;
                }
                return Err(err.user(format!("cannot assume role {role_arn}")).into());
            }
        }
    }
}

fn mfa_code(serial: &str, mfa: &MfaOptions, attempt: u32) -> anyhow::Result<String> {
    if let Some(code) = &mfa.code {
        return validate_code(code);
    }
    if !crate::prompt::interactive() {
        return Err(
            UserError::usage(format!("an MFA code is needed for {serial}"))
                .hint("pass --mfa-code CODE or set DBTOOL_MFA_CODE when there is no terminal")
                .into(),
        );
    }
    let prompt = if attempt == 1 {
        format!("MFA code for {serial}")
    } else {
        format!("MFA code for {serial} (attempt {attempt} of 3)")
    };
    let code: String = dialoguer::Input::new()
        .with_prompt(prompt)
        .interact_text()?;
    validate_code(&code)
}

fn validate_code(code: &str) -> anyhow::Result<String> {
    let code = code.trim();
    if code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()) {
        Ok(code.to_string())
    } else {
        Err(UserError::usage("an MFA code is 6 digits")
            .hint("use the code your MFA device shows now")
            .into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn freshness_keeps_a_margin() {
        let now = Utc::now();
        let mut s = CachedSession {
            role_arn: "r".into(),
            source_access_key_id: "a".into(),
            access_key_id: "b".into(),
            secret_access_key: "c".into(),
            session_token: "d".into(),
            expiration: now + chrono::TimeDelta::minutes(6),
        };
        assert!(s.is_fresh(now));
        s.expiration = now + chrono::TimeDelta::minutes(4);
        assert!(!s.is_fresh(now));
    }

    #[test]
    fn mfa_codes_are_six_digits() {
        assert_eq!(validate_code(" 123456 ").unwrap(), "123456");
        assert!(validate_code("12345").is_err());
        assert!(validate_code("abcdef").is_err());
    }

    #[test]
    fn cache_file_names_role_and_source() {
        let p = cache_file("arn:aws:iam::123456789012:role/db-write", "AKIAEXAMPLE");
        assert!(
            p.ends_with("123456789012_role_db-write__AKIAEXAMPLE.json"),
            "{}",
            p.display()
        );
    }
}
