//! Loading AWS SDK configuration with aws-config: the standard credential
//! chain, `AWS_PROFILE`, `AWS_REGION` and `AWS_ENDPOINT_URL` (how tests point
//! the SDK at a local moto server), and the service clients dbtool uses,
//! each with the [`error::Api`] its failures are described with. Touches
//! AWS (STS) only when asked.

pub mod credentials;
pub mod error;
pub mod iam;
pub mod rds;

use std::time::Duration;

use aws_config::timeout::TimeoutConfig;
use aws_config::BehaviorVersion;

use error::{Api, AwsResultExt, Service};

macro_rules! client {
    ($name:ident, $client:ty, $service:expr, $doc:literal) => {
        #[doc = $doc]
        #[derive(Debug, Clone)]
        pub struct $name {
            pub client: $client,
            /// Where requests go and as whom, for error messages.
            pub api: Api,
        }

        impl $name {
            /// A client for `sdk`; `profile` is the AWS profile in use (for hints).
            pub fn new(sdk: &aws_config::SdkConfig, profile: Option<&str>) -> Self {
                $name {
                    client: <$client>::new(sdk),
                    api: Api::new($service, sdk, profile),
                }
            }
        }
    };
}

client!(
    Rds,
    aws_sdk_rds::Client,
    Service::Rds,
    "An RDS client with the endpoint its errors name."
);
client!(
    Route53,
    aws_sdk_route53::Client,
    Service::Route53,
    "A Route53 client with the endpoint its errors name."
);
client!(
    Logs,
    aws_sdk_cloudwatchlogs::Client,
    Service::Logs,
    "A CloudWatch Logs client with the endpoint its errors name."
);
client!(
    Sts,
    aws_sdk_sts::Client,
    Service::Sts,
    "An STS client with the endpoint its errors name."
);

/// SDK configuration for a region and profile (both optional: the standard
/// chain decides), with bounded timeouts so a missing network fails fast.
pub async fn sdk_config(region: Option<&str>, profile: Option<&str>) -> aws_config::SdkConfig {
    let mut loader = aws_config::defaults(BehaviorVersion::latest()).timeout_config(
        TimeoutConfig::builder()
            .connect_timeout(Duration::from_secs(5))
            .operation_timeout(Duration::from_secs(30))
            .build(),
    );
    if let Some(r) = region {
        loader = loader.region(aws_config::Region::new(r.to_string()));
    }
    if let Some(p) = profile {
        loader = loader.profile_name(p);
    }
    loader.load().await
}

/// The caller identity (account, ARN) as STS GetCallerIdentity reports it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CallerIdentity {
    pub account: String,
    pub arn: String,
    pub user_id: String,
}

pub async fn caller_identity(config: &aws_config::SdkConfig) -> anyhow::Result<CallerIdentity> {
    let sts = Sts::new(config, None);
    let out = sts
        .client
        .get_caller_identity()
        .send()
        .await
        .aws(&sts.api)?;
    Ok(CallerIdentity {
        account: out.account().unwrap_or_default().to_string(),
        arn: out.arn().unwrap_or_default().to_string(),
        user_id: out.user_id().unwrap_or_default().to_string(),
    })
}
