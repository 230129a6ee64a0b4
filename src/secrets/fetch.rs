//! Reading a value from its source: an environment variable, SSM Parameter
//! Store (GetParameter with decryption) or Secrets Manager (GetSecretValue,
//! a JSON field when `key` is given). Errors say what was asked, which IAM
//! action is missing, and never contain a value. Touches SSM and Secrets Manager.

use crate::aws::error::{Api, AwsError, AwsResultExt, Kind, Service};

use super::{Secret, Source};
use crate::access::Environ;

/// Why a value could not be read; the caller adds where it was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchError {
    pub message: String,
    pub hint: String,
}

impl FetchError {
    pub fn new(message: impl Into<String>, hint: impl Into<String>) -> FetchError {
        FetchError {
            message: message.into(),
            hint: hint.into(),
        }
    }
}

/// Reads `source`. `sdk` is the AWS identity to read with (needed for SSM and
/// Secrets Manager); environment variables come from `environ`.
pub async fn fetch(
    source: &Source,
    environ: &Environ,
    sdk: Option<&aws_config::SdkConfig>,
) -> Result<Secret, FetchError> {
    match source {
        Source::Env { env } => environ.get(env).map(Secret::new).ok_or_else(|| {
            FetchError::new(
                format!("environment variable {env} is not set"),
                format!("export {env}=… before running dbtool"),
            )
        }),
        Source::Ssm { ssm } => {
            let sdk = sdk.ok_or_else(no_identity)?;
            let mut conf = aws_sdk_ssm::config::Builder::from(sdk);
            if let Some(r) = source.arn_region() {
                conf = conf.region(aws_sdk_ssm::config::Region::new(r.to_string()));
            }
            let api = Api::new(Service::Ssm, sdk, None);
            let client = aws_sdk_ssm::Client::from_conf(conf.build());
            let out = client
                .get_parameter()
                .name(ssm)
                .with_decryption(true)
                .send()
                .await
                .aws(&api)
                .map_err(|e| from_aws(e, "ssm:GetParameter", &format!("parameter `{ssm}`")))?;
            out.parameter()
                .and_then(|p| p.value())
                .map(Secret::new)
                .ok_or_else(|| {
                    FetchError::new(
                        format!("SSM parameter `{ssm}` has no value"),
                        "check the parameter in the console or with `aws ssm get-parameter`",
                    )
                })
        }
        Source::SecretsManager {
            secretsmanager,
            key,
            version_stage,
        } => {
            let sdk = sdk.ok_or_else(no_identity)?;
            let mut conf = aws_sdk_secretsmanager::config::Builder::from(sdk);
            if let Some(r) = source.arn_region() {
                conf = conf.region(aws_sdk_secretsmanager::config::Region::new(r.to_string()));
            }
            let client = aws_sdk_secretsmanager::Client::from_conf(conf.build());
            // AWSCURRENT is AWS's default; naming it keeps the meaning explicit
            // (and moto, which does not follow a moved AWSCURRENT by default, agrees).
            let req = client
                .get_secret_value()
                .secret_id(secretsmanager)
                .version_stage(version_stage.as_deref().unwrap_or("AWSCURRENT"));
            let api = Api::new(Service::SecretsManager, sdk, None);
            let out = req.send().await.aws(&api).map_err(|e| {
                from_aws(
                    e,
                    "secretsmanager:GetSecretValue",
                    &format!("secret `{secretsmanager}`"),
                )
            })?;
            let text = out.secret_string().ok_or_else(|| {
                FetchError::new(
                    format!("secret `{secretsmanager}` holds binary data, not a string"),
                    "store the value as a string (or a JSON object with `key`)",
                )
            })?;
            match key {
                None => Ok(Secret::new(text)),
                Some(k) => json_field(secretsmanager, text, k),
            }
        }
    }
}

fn json_field(id: &str, text: &str, key: &str) -> Result<Secret, FetchError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|_| {
        FetchError::new(
            format!("secret `{id}` is not a JSON object, so it has no key `{key}`"),
            "remove `key` to use the whole secret string, or store the secret as JSON",
        )
    })?;
    let obj = value.as_object().ok_or_else(|| {
        FetchError::new(
            format!("secret `{id}` is JSON but not an object, so it has no key `{key}`"),
            "remove `key` to use the whole secret string",
        )
    })?;
    match obj.get(key) {
        Some(serde_json::Value::String(s)) => Ok(Secret::new(s.clone())),
        Some(serde_json::Value::Number(n)) => Ok(Secret::new(n.to_string())),
        Some(serde_json::Value::Bool(b)) => Ok(Secret::new(b.to_string())),
        Some(_) => Err(FetchError::new(
            format!("key `{key}` of secret `{id}` is not a string"),
            "store it as a string",
        )),
        None => {
            let keys: Vec<&str> = obj.keys().map(String::as_str).collect();
            Err(FetchError::new(
                format!("secret `{id}` has no key `{key}`"),
                format!(
                    "its keys are: {}",
                    if keys.is_empty() {
                        "none".into()
                    } else {
                        keys.join(", ")
                    }
                ),
            ))
        }
    }
}

fn no_identity() -> FetchError {
    FetchError::new(
        "no AWS identity to read the value with",
        "give the role a `profile` or `role_arn`, or the environment a `profile`",
    )
}

/// An AWS failure reading or writing `what`: not found, denied (naming the
/// IAM action) and KMS failures in words; everything else as the AWS error
/// mapping says (unreachable endpoint, no credentials, other codes).
pub(super) fn from_aws(e: AwsError, action: &str, what: &str) -> FetchError {
    let service = e.api.service.name();
    if let Kind::Service { .. } = e.kind {
        if e.is("ParameterNotFound") || e.is("ResourceNotFound") || e.is("ParameterVersionNotFound")
        {
            return FetchError::new(
                format!("{what} not found in {service}"),
                "check the name and the region (an ARN's region is used when an ARN is given)",
            );
        }
        if e.is("AccessDenied") {
            return FetchError::new(
                format!("not allowed to read {what}: {action} was denied"),
                format!("grant {action} on it to the AWS identity dbtool uses (`dbtool whoami`); for a SecureString or an encrypted secret also kms:Decrypt on its key"),
            );
        }
        if e.is("InvalidKeyId") || e.is("DecryptionFailure") || e.is("KMSAccessDenied") {
            return FetchError::new(
                format!("{what} cannot be decrypted: {}", e.code().unwrap_or_default()),
                "the KMS key is missing, disabled or not usable by this identity: grant kms:Decrypt on it",
            );
        }
    }
    let hint = e
        .hint()
        .unwrap_or_else(|| "see the AWS error above".to_string());
    FetchError::new(format!("cannot use {what}: {e}"), hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_fields() {
        let t = r#"{"username":"api","password":"pw","port":5432}"#;
        assert_eq!(json_field("s", t, "password").unwrap().expose(), "pw");
        assert_eq!(json_field("s", t, "port").unwrap().expose(), "5432");
        let e = json_field("s", t, "pass").unwrap_err();
        assert_eq!(e.message, "secret `s` has no key `pass`");
        assert!(e.hint.contains("password, port, username"), "{}", e.hint);
        assert!(!e.hint.contains("pw"), "values never appear");
        assert!(json_field("s", "not json", "k")
            .unwrap_err()
            .message
            .contains("not a JSON object"));
    }
}
