//! Writing a new value to a source, for password rotation: a Secrets Manager
//! version staged AWSPENDING and promoted to AWSCURRENT only when asked, or a
//! new SSM parameter version. A JSON secret keeps its other keys. Touches SSM
//! and Secrets Manager.

use super::fetch::{from_aws, FetchError};
use super::{Secret, Source};
use crate::aws::error::{Api, AwsResultExt, Service};

/// A value written and not yet current (Secrets Manager), or already
/// current (SSM has no staging).
#[derive(Debug, Clone)]
pub enum Written {
    /// Secrets Manager: the new version id, and the one that was current.
    Pending {
        version: String,
        previous: Option<String>,
    },
    /// SSM: the new version is live at once.
    Live,
}

fn sm_client(sdk: &aws_config::SdkConfig, source: &Source) -> aws_sdk_secretsmanager::Client {
    let mut conf = aws_sdk_secretsmanager::config::Builder::from(sdk);
    if let Some(r) = source.arn_region() {
        conf = conf.region(aws_sdk_secretsmanager::config::Region::new(r.to_string()));
    }
    aws_sdk_secretsmanager::Client::from_conf(conf.build())
}

fn ssm_client(sdk: &aws_config::SdkConfig, source: &Source) -> aws_sdk_ssm::Client {
    let mut conf = aws_sdk_ssm::config::Builder::from(sdk);
    if let Some(r) = source.arn_region() {
        conf = conf.region(aws_sdk_ssm::config::Region::new(r.to_string()));
    }
    aws_sdk_ssm::Client::from_conf(conf.build())
}

/// Writes `value` as a new version: staged AWSPENDING for Secrets Manager
/// (`current` is the secret's present text, whose other JSON keys are kept),
/// a new version for SSM.
pub async fn write(
    source: &Source,
    sdk: &aws_config::SdkConfig,
    value: &Secret,
    current: Option<&str>,
) -> Result<Written, FetchError> {
    match source {
        Source::Env { env } => Err(FetchError::new(
            format!("cannot store a new password in the environment variable {env}"),
            "rotation needs `{ secretsmanager = … }` or `{ ssm = … }` as the password's source",
        )),
        Source::Ssm { ssm } => {
            let what = format!("parameter `{ssm}`");
            let client = ssm_client(sdk, source);
            let api = Api::new(Service::Ssm, sdk, None);
            let kind = client
                .get_parameter()
                .name(ssm)
                .send()
                .await
                .aws(&api)
                .ok()
                .and_then(|o| o.parameter().and_then(|p| p.r#type().cloned()))
                .unwrap_or(aws_sdk_ssm::types::ParameterType::SecureString);
            client
                .put_parameter()
                .name(ssm)
                .value(value.expose())
                .r#type(kind)
                .overwrite(true)
                .send()
                .await
                .aws(&api)
                .map_err(|e| from_aws(e, "ssm:PutParameter", &what))?;
            Ok(Written::Live)
        }
        Source::SecretsManager {
            secretsmanager,
            key,
            ..
        } => {
            let what = format!("secret `{secretsmanager}`");
            let client = sm_client(sdk, source);
            let api = Api::new(Service::SecretsManager, sdk, None);
            let current_version = client
                .describe_secret()
                .secret_id(secretsmanager)
                .send()
                .await
                .aws(&api)
                .map_err(|e| from_aws(e, "secretsmanager:DescribeSecret", &what))?
                .version_ids_to_stages()
                .and_then(|m| {
                    m.iter()
                        .find(|(_, stages)| stages.iter().any(|s| s == "AWSCURRENT"))
                        .map(|(v, _)| v.clone())
                });
            let text = match key {
                None => value.expose().to_string(),
                Some(k) => {
                    let mut obj = match current.map(serde_json::from_str::<serde_json::Value>) {
                        Some(Ok(serde_json::Value::Object(o))) => o,
                        _ => serde_json::Map::new(),
                    };
                    obj.insert(
                        k.clone(),
                        serde_json::Value::String(value.expose().to_string()),
                    );
                    serde_json::Value::Object(obj).to_string()
                }
            };
            let token = format!("dbtool-{}", rand_token());
            client
                .put_secret_value()
                .secret_id(secretsmanager)
                .secret_string(text)
                .client_request_token(&token)
                .version_stages("AWSPENDING")
                .send()
                .await
                .aws(&api)
                .map_err(|e| from_aws(e, "secretsmanager:PutSecretValue", &what))?;
            Ok(Written::Pending {
                version: token,
                previous: current_version,
            })
        }
    }
}

/// Makes a pending Secrets Manager version current (AWSCURRENT moves from
/// the previous version, which becomes AWSPREVIOUS).
pub async fn promote(
    source: &Source,
    sdk: &aws_config::SdkConfig,
    written: &Written,
) -> Result<(), FetchError> {
    let (Source::SecretsManager { secretsmanager, .. }, Written::Pending { version, previous }) =
        (source, written)
    else {
        return Ok(());
    };
    let what = format!("secret `{secretsmanager}`");
    let client = sm_client(sdk, source);
    let api = Api::new(Service::SecretsManager, sdk, None);
    let mut req = client
        .update_secret_version_stage()
        .secret_id(secretsmanager)
        .version_stage("AWSCURRENT")
        .move_to_version_id(version);
    if let Some(p) = previous {
        req = req.remove_from_version_id(p);
    }
    req.send()
        .await
        .aws(&api)
        .map_err(|e| from_aws(e, "secretsmanager:UpdateSecretVersionStage", &what))?;
    Ok(())
}

fn rand_token() -> String {
    use rand::distr::{Alphanumeric, SampleString};
    Alphanumeric.sample_string(&mut rand::rng(), 32)
}

/// Where rotation parks a new SSM password until it is live:
/// `<name>.dbtool-pending` (SecureString).
pub fn ssm_pending_name(name: &str) -> String {
    format!("{name}.dbtool-pending")
}

/// Writes the new value to the pending parameter of an SSM source.
pub async fn write_ssm_pending(
    source: &Source,
    sdk: &aws_config::SdkConfig,
    value: &Secret,
) -> Result<String, FetchError> {
    let Source::Ssm { ssm } = source else {
        return Err(FetchError::new(
            "not an SSM source",
            "rotation parks values only for SSM",
        ));
    };
    let name = ssm_pending_name(ssm);
    let what = format!("parameter `{name}`");
    let client = ssm_client(sdk, source);
    let api = Api::new(Service::Ssm, sdk, None);
    client
        .put_parameter()
        .name(&name)
        .value(value.expose())
        .r#type(aws_sdk_ssm::types::ParameterType::SecureString)
        .overwrite(true)
        .send()
        .await
        .aws(&api)
        .map_err(|e| from_aws(e, "ssm:PutParameter", &what))?;
    Ok(name)
}

/// Deletes the pending parameter once the value is live.
pub async fn delete_ssm_pending(
    source: &Source,
    sdk: &aws_config::SdkConfig,
) -> Result<(), FetchError> {
    let Source::Ssm { ssm } = source else {
        return Ok(());
    };
    let name = ssm_pending_name(ssm);
    let what = format!("parameter `{name}`");
    let client = ssm_client(sdk, source);
    let api = Api::new(Service::Ssm, sdk, None);
    client
        .delete_parameter()
        .name(&name)
        .send()
        .await
        .aws(&api)
        .map_err(|e| from_aws(e, "ssm:DeleteParameter", &what))?;
    Ok(())
}
