//! RDS IAM authentication tokens, presigned locally with aws-sdk-rds's
//! `auth_token` module (no network call), valid 15 minutes. The token is a
//! password: it only ever goes into a child's environment or a 0600 file.

use aws_sdk_rds::auth_token::{AuthTokenGenerator, Config};

use aws_credential_types::provider::error::CredentialsError;

use crate::error::UserError;

/// How long a token lets new connections in.
pub const TOKEN_LIFETIME: chrono::TimeDelta = chrono::TimeDelta::minutes(15);

/// A token for `user` at `host:port`, signed with the credentials and time of `sdk`.
pub async fn token(
    sdk: &aws_config::SdkConfig,
    host: &str,
    port: u16,
    user: &str,
    region: &str,
) -> anyhow::Result<String> {
    let config = Config::builder()
        .hostname(host)
        .port(port as u64)
        .username(user)
        .region(aws_config::Region::new(region.to_string()))
        .expires_in(900)
        .build()
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let clocked;
    let sdk = match test_clock() {
        Some(at) => {
            clocked = sdk
                .to_builder()
                .time_source(aws_smithy_async::time::StaticTimeSource::new(at))
                .build();
            &clocked
        }
        None => sdk,
    };
    let token = AuthTokenGenerator::new(config)
        .auth_token(sdk)
        .await
        .map_err(|e| {
            let e: &(dyn std::error::Error + 'static) = &*e;
            let mut cur = Some(e);
            while let Some(c) = cur {
                if let Some(creds) = c.downcast_ref::<CredentialsError>() {
                    let profile = std::env::var("AWS_PROFILE").ok().filter(|p| !p.is_empty());
                    return super::error::credentials_error(creds, profile.as_deref());
                }
                cur = c.source();
            }
            UserError::runtime("cannot generate the IAM auth token")
                .source(super::error::ChainError::from_error(e))
                .hint("check your AWS credentials (`dbtool whoami`)")
        })?;
    Ok(signature_last(token.as_str()))
}

/// The signing time `DBTOOL_TEST_CLOCK_FILE` names, in debug builds only (a
/// release build never reads it): lets a test sign tokens "a minute apart"
/// without waiting, and compare them with botocore's for the same time.
fn test_clock() -> Option<std::time::SystemTime> {
    if !cfg!(debug_assertions) {
        return None;
    }
    let path = std::env::var_os(crate::env_vars::DBTOOL_TEST_CLOCK_FILE)?;
    let secs: u64 = std::fs::read_to_string(path).ok()?.trim().parse().ok()?;
    Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs))
}

/// aws-sdk-rds appends `X-Amz-Security-Token` after `X-Amz-Signature`;
/// botocore (the AWS CLI) puts the signature last. Query order is not part of
/// the signature, so this changes nothing for RDS, but makes dbtool's tokens
/// byte-for-byte those of `aws rds generate-db-auth-token`.
fn signature_last(token: &str) -> String {
    let Some((base, query)) = token.split_once('?') else {
        return token.to_string();
    };
    let (sig, rest): (Vec<&str>, Vec<&str>) = query
        .split('&')
        .partition(|p| p.starts_with("X-Amz-Signature="));
    let mut parts = rest;
    parts.extend(sig);
    format!("{base}?{}", parts.join("&"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn moves_the_signature_last() {
        assert_eq!(
            super::signature_last("h:1/?A=1&X-Amz-Signature=s&X-Amz-Security-Token=t"),
            "h:1/?A=1&X-Amz-Security-Token=t&X-Amz-Signature=s"
        );
        assert_eq!(
            super::signature_last("h:1/?A=1&X-Amz-Signature=s"),
            "h:1/?A=1&X-Amz-Signature=s"
        );
    }
}
