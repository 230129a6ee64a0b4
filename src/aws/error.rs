//! The one mapping of AWS failures (RDS, Route53, STS, SSM, Secrets Manager
//! and CloudWatch Logs calls, credential
//! loading) into text a user reads: service errors as `code: message` with a
//! hint keyed by the code (request id at `-v`), network failures as "cannot
//! reach <service> at <endpoint>" with a network/region/AWS_ENDPOINT_URL
//! hint, missing credentials as "no AWS credentials" naming the profile. The
//! SDK's error stays the `source`; it is only ever displayed with `Display`
//! (never Debug, never `DisplayErrorContext`). Reads environment variables
//! to name the endpoint; touches no external system.

use std::error::Error as StdError;
use std::fmt;

use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_rds::error::ProvideErrorMetadata;
use aws_types::request_id::RequestId;

use crate::error::UserError;

type BoxError = Box<dyn StdError + Send + Sync + 'static>;

/// The AWS services dbtool calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    Rds,
    Route53,
    Sts,
    Ssm,
    SecretsManager,
    Logs,
}

impl Service {
    /// The name users know (also the IAM action prefix, lower-cased).
    pub fn name(self) -> &'static str {
        match self {
            Service::Rds => "RDS",
            Service::Route53 => "Route53",
            Service::Sts => "STS",
            Service::Ssm => "SSM",
            Service::SecretsManager => "Secrets Manager",
            Service::Logs => "CloudWatch Logs",
        }
    }

    fn iam_prefix(self) -> &'static str {
        match self {
            Service::Rds => "rds",
            Service::Route53 => "route53",
            Service::Sts => "sts",
            Service::Ssm => "ssm",
            Service::SecretsManager => "secretsmanager",
            Service::Logs => "logs",
        }
    }

    /// The SDK's service id, for `AWS_ENDPOINT_URL_<ID>` and profile `services`.
    fn sdk_id(self) -> &'static str {
        match self {
            Service::Rds => "RDS",
            Service::Route53 => "Route 53",
            Service::Sts => "STS",
            Service::Ssm => "SSM",
            Service::SecretsManager => "Secrets Manager",
            Service::Logs => "CloudWatch Logs",
        }
    }

    /// `AWS_ENDPOINT_URL_RDS`, `AWS_ENDPOINT_URL_ROUTE_53`, `AWS_ENDPOINT_URL_STS`.
    pub fn endpoint_env(self) -> &'static str {
        match self {
            Service::Rds => "AWS_ENDPOINT_URL_RDS",
            Service::Route53 => "AWS_ENDPOINT_URL_ROUTE_53",
            Service::Sts => "AWS_ENDPOINT_URL_STS",
            Service::Ssm => "AWS_ENDPOINT_URL_SSM",
            Service::SecretsManager => "AWS_ENDPOINT_URL_SECRETS_MANAGER",
            Service::Logs => "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS",
        }
    }

    fn default_endpoint(self, region: Option<&str>) -> String {
        let region = region.unwrap_or("<no region>");
        match self {
            Service::Rds => format!("https://rds.{region}.amazonaws.com"),
            Service::Route53 => "https://route53.amazonaws.com".to_string(),
            Service::Sts => format!("https://sts.{region}.amazonaws.com"),
            Service::Ssm => format!("https://ssm.{region}.amazonaws.com"),
            Service::SecretsManager => format!("https://secretsmanager.{region}.amazonaws.com"),
            Service::Logs => format!("https://logs.{region}.amazonaws.com"),
        }
    }
}

/// Where a client's requests go and as whom, for error messages: built once
/// per client from the SDK configuration it was made from.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    pub service: Service,
    pub endpoint: String,
    /// Where a non-default endpoint came from (`AWS_ENDPOINT_URL`…), if it is one.
    pub endpoint_origin: Option<String>,
    pub region: Option<String>,
    /// The AWS profile in use (the role's, else `AWS_PROFILE`), for hints.
    pub profile: Option<String>,
}

impl Api {
    /// The endpoint the SDK will use, with the SDK's own precedence: an
    /// endpoint set in code, then the per-service variable or profile
    /// setting, then `AWS_ENDPOINT_URL` / the profile's `endpoint_url`, then
    /// the service's public endpoint for the region.
    pub fn new(service: Service, sdk: &aws_config::SdkConfig, profile: Option<&str>) -> Api {
        let region = sdk.region().map(|r| r.to_string());
        let general = sdk.endpoint_url().map(str::to_string);
        let per_service = if sdk.get_origin("endpoint_url").is_client_config() {
            None
        } else {
            sdk.service_config().and_then(|c| {
                let key = aws_types::service_config::ServiceConfigKey::builder()
                    .service_id(service.sdk_id())
                    .env("AWS_ENDPOINT_URL")
                    .profile("endpoint_url")
                    .build()
                    .ok()?;
                c.load_config(key)
            })
        };
        let env_set = |v: &str| std::env::var(v).ok().filter(|s| !s.is_empty());
        let (endpoint, endpoint_origin) = match per_service.or(general) {
            Some(e) => {
                let origin = if env_set(service.endpoint_env()).as_deref() == Some(e.as_str()) {
                    service.endpoint_env().to_string()
                } else if env_set("AWS_ENDPOINT_URL").as_deref() == Some(e.as_str()) {
                    "AWS_ENDPOINT_URL".to_string()
                } else {
                    "`endpoint_url` in the AWS profile".to_string()
                };
                (e, Some(origin))
            }
            None => (service.default_endpoint(region.as_deref()), None),
        };
        let profile = profile
            .map(str::to_string)
            .or_else(|| env_set("AWS_PROFILE"));
        Api {
            service,
            endpoint,
            endpoint_origin,
            region,
            profile,
        }
    }

    fn profile_text(&self) -> String {
        match &self.profile {
            Some(p) => format!("profile `{p}`"),
            None => "the default credential chain".to_string(),
        }
    }

    fn login_command(&self) -> String {
        format!(
            "aws sso login --profile {}",
            self.profile.as_deref().unwrap_or("NAME")
        )
    }
}

/// What went wrong, as far as a user needs to know.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// AWS answered with an error: its code and message.
    Service {
        code: String,
        message: Option<String>,
        request_id: Option<String>,
        status: Option<u16>,
    },
    /// No answer: the connection failed (refused, DNS, TLS, connect timeout).
    Unreachable { reason: String },
    /// The request was sent but no answer came within the operation timeout.
    TimedOut,
    /// An answer came that could not be read.
    BadResponse { reason: String },
    /// No region configured, so there is no endpoint.
    NoRegion,
    /// Signing the request needed credentials there are none of.
    NoCredentials { reason: String },
    /// The request could not be built.
    Other { reason: String },
}

/// An AWS failure: which call, where, and what happened. The original SDK
/// error is its `source`. (Boxed: it travels in every `Result` of an AWS call.)
#[derive(Debug)]
pub struct AwsError(Box<AwsErrorInner>);

/// The parts of an [`AwsError`].
#[derive(Debug)]
pub struct AwsErrorInner {
    pub api: Api,
    /// The API operation, e.g. `DescribeDBInstances`.
    pub action: String,
    pub kind: Kind,
    source: Option<BoxError>,
}

impl std::ops::Deref for AwsError {
    type Target = AwsErrorInner;
    fn deref(&self) -> &AwsErrorInner {
        &self.0
    }
}

impl fmt::Display for AwsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let svc = self.api.service.name();
        match &self.kind {
            Kind::Service { code, message, .. } => match message {
                Some(m) if !m.is_empty() => write!(f, "{code}: {m}"),
                _ => write!(f, "{code} ({svc} {})", self.action),
            },
            Kind::Unreachable { reason } => {
                write!(f, "cannot reach {svc} at {}: {reason}", self.api.endpoint)
            }
            Kind::TimedOut => write!(
                f,
                "cannot reach {svc} at {}: no answer to {} in time",
                self.api.endpoint, self.action
            ),
            Kind::BadResponse { reason } => write!(
                f,
                "{svc} at {} sent an answer to {} that cannot be read: {reason}",
                self.api.endpoint, self.action
            ),
            Kind::NoRegion => write!(f, "no AWS region is configured, so {svc} has no endpoint"),
            Kind::NoCredentials { reason } => write!(
                f,
                "no AWS credentials ({}) to sign {svc} {}: {reason}",
                self.api.profile_text(),
                self.action
            ),
            Kind::Other { reason } => {
                write!(f, "cannot send {svc} {}: {reason}", self.action)
            }
        }
    }
}

impl StdError for AwsError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

impl AwsError {
    /// The service error code (`DBInstanceNotFound`, `AccessDenied`…), if AWS answered.
    pub fn code(&self) -> Option<&str> {
        match &self.kind {
            Kind::Service { code, .. } => Some(code),
            _ => None,
        }
    }

    /// Whether the code is `name`, ignoring a `Fault`/`Exception` suffix
    /// (`DBInstanceNotFound` matches `DBInstanceNotFoundFault`).
    pub fn is(&self, name: &str) -> bool {
        self.code().is_some_and(|c| base_code(c) == base_code(name))
    }

    pub fn request_id(&self) -> Option<&str> {
        match &self.kind {
            Kind::Service { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// The AWS error message, if any.
    pub fn message(&self) -> Option<&str> {
        match &self.kind {
            Kind::Service { message, .. } => message.as_deref(),
            _ => None,
        }
    }

    /// What to do about it: keyed by the service error code, or by the kind
    /// of failure.
    pub fn hint(&self) -> Option<String> {
        let api = &self.api;
        let svc = api.service.name();
        let region = api.region.as_deref().unwrap_or("none set");
        match &self.kind {
            Kind::Service { code, status, .. } => {
                hint_for_code(code, *status, api, &self.action, self.message())
            }
            Kind::Unreachable { .. } | Kind::TimedOut => Some(match &api.endpoint_origin {
                Some(origin) => format!(
                    "{origin} points dbtool at {}: is that server running and reachable? Unset it to talk to AWS itself",
                    api.endpoint
                ),
                None => format!(
                    "check this machine's network path to AWS (VPN, proxy, firewall) and the region ({region}; `region` in dbtool.toml or AWS_REGION); AWS_ENDPOINT_URL or {} point dbtool at another endpoint",
                    api.service.endpoint_env()
                ),
            }),
            Kind::BadResponse { .. } => Some(format!(
                "something between this machine and {svc} (a proxy, AWS_ENDPOINT_URL) answered instead of AWS; retry, or check the proxy settings"
            )),
            Kind::NoRegion => Some(
                "set `region` in dbtool.toml (top level or for the environment), AWS_REGION, or `region` in the AWS profile".to_string(),
            ),
            Kind::NoCredentials { .. } => Some(credentials_ways(api.profile.as_deref())),
            Kind::Other { .. } => None,
        }
    }

    /// The error as a user reads it: `headline`, this error as the cause,
    /// the hint from [`AwsError::hint`] (added when rendering).
    /// Whether retrying later may succeed: no answer, a timeout, throttling
    /// or an internal error of the service (not a refusal or a missing thing).
    pub fn is_transient(&self) -> bool {
        match &self.kind {
            Kind::Unreachable { .. } | Kind::TimedOut | Kind::BadResponse { .. } => true,
            Kind::Service { code, status, .. } => {
                status.is_some_and(|s| s >= 500)
                    || matches!(
                        base_code(code),
                        "Throttling"
                            | "ThrottlingException"
                            | "RequestLimitExceeded"
                            | "TooManyRequests"
                            | "ServiceUnavailable"
                            | "RequestThrottled"
                    )
            }
            _ => false,
        }
    }

    pub fn user(self, headline: impl Into<String>) -> UserError {
        UserError::runtime(headline).source(self)
    }
}

/// `DBInstanceNotFoundFault` → `DBInstanceNotFound`.
fn base_code(code: &str) -> &str {
    code.strip_suffix("Fault")
        .or_else(|| code.strip_suffix("Exception"))
        .unwrap_or(code)
}

/// The ways to provide credentials, for the profile in use or the default chain.
pub fn credentials_ways(profile: Option<&str>) -> String {
    match profile {
        Some(p) => format!(
            "for an SSO profile log in with `aws sso login --profile {p}`; otherwise give it keys (`aws configure --profile {p}`) or a role (`role_arn` + `source_profile` in ~/.aws/config)"
        ),
        None => "log in to a profile and name it: `aws sso login --profile NAME` then `export AWS_PROFILE=NAME` (or `profile = \"NAME\"` for the environment in dbtool.toml); or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY".to_string(),
    }
}

fn hint_for_code(
    code: &str,
    status: Option<u16>,
    api: &Api,
    action: &str,
    message: Option<&str>,
) -> Option<String> {
    let region = api.region.as_deref().unwrap_or("none set");
    let who = api.profile_text();
    let iam = format!("{}:{action}", api.service.iam_prefix());
    Some(match base_code(code) {
        "AccessDenied" | "UnauthorizedOperation" | "AuthorizationError" | "UnauthorizedAccess"
        | "NotAuthorized" => {
            if message.is_some_and(|m| m.contains("MultiFactorAuthentication")) {
                "the MFA code was wrong or expired: use the current code of the device in `mfa_serial`".to_string()
            } else if api.service == Service::Sts && action == "AssumeRole" {
                format!("the identity from {who} may not assume this role: check the role's trust policy (and `external_id`) and that the ARN is right")
            } else {
                format!("the identity from {who} is not allowed {iam}: add it to its IAM policy, or use another profile (`dbtool whoami` shows the identity in use)")
            }
        }
        "ExpiredToken" | "RequestExpired" | "TokenRefreshRequired" | "ExpiredTokenException" => {
            format!(
                "the AWS session has expired: log in again with `{}` (or export a fresh AWS_SESSION_TOKEN), then retry",
                api.login_command()
            )
        }
        "InvalidClientTokenId" | "UnrecognizedClient" | "InvalidAccessKeyId" => format!(
            "AWS does not know the access key from {who}: check AWS_ACCESS_KEY_ID or the profile's keys, or log in again (`{}`)",
            api.login_command()
        ),
        "SignatureDoesNotMatch" | "IncompleteSignature" => format!(
            "the secret key does not match the access key from {who}, or this machine's clock is wrong: check AWS_SECRET_ACCESS_KEY or the profile's keys, and the clock"
        ),
        "DBInstanceNotFound" => format!(
            "check the instance identifier and the region ({region}): `aws rds describe-db-instances --region {region} --query 'DBInstances[].DBInstanceIdentifier'` lists them"
        ),
        "DBClusterNotFound" => format!(
            "check the cluster identifier and the region ({region}): `aws rds describe-db-clusters --region {region} --query 'DBClusters[].DBClusterIdentifier'` lists them"
        ),
        "DBSnapshotNotFound" | "DBClusterSnapshotNotFound" => format!(
            "check the snapshot identifier and the region ({region})"
        ),
        "OptionGroupNotFound" => format!(
            "the option group named in the request does not exist in {region} for this engine version: create it, or for `dbtool restore` pass `--override option_group_name=NAME` with one that exists"
        ),
        "DBParameterGroupNotFound" => format!(
            "the parameter group named in the request does not exist in {region}: create it, or for `dbtool restore` pass `--override db_parameter_group_name=NAME` with one that exists"
        ),
        "DBSubnetGroupNotFound" => format!(
            "the subnet group named in the request does not exist in {region}: for `dbtool restore` pass `--override db_subnet_group_name=NAME`"
        ),
        "DBInstanceAlreadyExists" => {
            "an instance with that identifier already exists: choose another (--target) or delete it first".to_string()
        }
        "InvalidDBInstanceState" => format!(
            "the instance's current state does not allow {action}: check its status (`aws rds describe-db-instances --region {region}`) and retry when it is available (or stopped)"
        ),
        "InstanceQuotaExceeded" | "StorageQuotaExceeded" | "DBInstanceQuotaExceeded" => {
            "the account's RDS quota is reached: delete unused instances or ask AWS for a higher quota".to_string()
        }
        "NoSuchHostedZone" => {
            "check --zone (or `[environments.X.cname] zone`) and that the credentials are for the account that owns the zone (`dbtool whoami`)".to_string()
        }
        "NoSuchChange" => "the Route53 change id is unknown (a change older than 90 days is forgotten)".to_string(),
        "InvalidChangeBatch" => "Route53 refused the change as a whole: nothing was changed; see the message".to_string(),
        "Throttling" | "RequestLimitExceeded" | "TooManyRequests" | "PriorRequestNotComplete"
        | "SlowDown" | "RequestThrottled" => {
            "AWS is rate-limiting this account's API calls: wait a minute and retry".to_string()
        }
        "InternalFailure" | "InternalError" | "ServiceUnavailable" | "InternalServerError" => {
            format!("{} had an internal error: retry in a moment", api.service.name())
        }
        "InvalidParameterValue" | "InvalidParameterCombination" | "ValidationError"
        | "MissingParameter" | "InvalidInput" => {
            format!("{} refused a value in the request: see the message above", api.service.name())
        }
        _ if status.is_some_and(|s| s >= 500) => {
            format!("{} had an internal error: retry in a moment", api.service.name())
        }
        _ => return None,
    })
}

/// `DescribeDBInstancesError` (from the SDK's error type name) → `DescribeDBInstances`.
fn action_of<E>() -> String {
    let name = std::any::type_name::<E>();
    let last = name.rsplit("::").next().unwrap_or(name);
    last.strip_suffix("Error").unwrap_or(last).to_string()
}

/// The first error of type `T` in a source chain.
fn find_in_chain<'a, T: StdError + 'static>(
    mut e: Option<&'a (dyn StdError + 'static)>,
) -> Option<&'a T> {
    while let Some(cur) = e {
        if let Some(t) = cur.downcast_ref::<T>() {
            return Some(t);
        }
        e = cur.source();
    }
    None
}

/// The innermost (most specific) message of a chain, e.g. an io error's.
fn root_cause<'a>(e: &'a (dyn StdError + 'static)) -> &'a (dyn StdError + 'static) {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur
}

/// Why a connection failed: an io error's kind when it has a useful one,
/// else the innermost message.
fn network_reason(e: &(dyn StdError + 'static)) -> String {
    use std::io::ErrorKind as K;
    if let Some(io) = find_in_chain::<std::io::Error>(Some(e)) {
        let kind = io.kind();
        let named = matches!(
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
                | K::PermissionDenied
                | K::BrokenPipe
                | K::UnexpectedEof
        );
        return if named {
            kind.to_string()
        } else {
            root_cause(io).to_string()
        };
    }
    root_cause(e).to_string()
}

/// Maps an SDK result at an AWS call site: `.send().await.aws(&api)?`.
pub trait AwsResultExt<T> {
    fn aws(self, api: &Api) -> Result<T, AwsError>;
}

impl<T, E> AwsResultExt<T> for Result<T, aws_sdk_rds::error::SdkError<E>>
where
    E: ProvideErrorMetadata + StdError + Send + Sync + 'static,
{
    fn aws(self, api: &Api) -> Result<T, AwsError> {
        self.map_err(|e| classify(api, action_of::<E>(), e))
    }
}

/// Classifies one SDK error (pub for unit tests of every variant).
pub fn classify<E>(api: &Api, action: String, e: aws_sdk_rds::error::SdkError<E>) -> AwsError
where
    E: ProvideErrorMetadata + StdError + Send + Sync + 'static,
{
    use aws_sdk_rds::error::SdkError;
    let as_dyn: &(dyn StdError + 'static) = &e;
    let creds = find_in_chain::<CredentialsError>(as_dyn.source());
    let kind = if let Some(c) = creds {
        Kind::NoCredentials {
            reason: credentials_reason(c),
        }
    } else {
        match &e {
            SdkError::ServiceError(_) => Kind::Service {
                code: e.code().unwrap_or("UnknownError").to_string(),
                message: e.message().map(str::to_string),
                request_id: e.request_id().map(str::to_string),
                status: e.raw_response().map(|r| r.status().as_u16()),
            },
            SdkError::DispatchFailure(d) => {
                let reason = if d.is_timeout() {
                    "no connection within the connect timeout".to_string()
                } else {
                    as_dyn
                        .source()
                        .map(network_reason)
                        .unwrap_or_else(|| "the connection failed".into())
                };
                Kind::Unreachable { reason }
            }
            SdkError::TimeoutError(_) => Kind::TimedOut,
            SdkError::ResponseError(_) => Kind::BadResponse {
                reason: as_dyn
                    .source()
                    .map(|s| root_cause(s).to_string())
                    .unwrap_or_default(),
            },
            SdkError::ConstructionFailure(_) if api.region.is_none() => Kind::NoRegion,
            _ => Kind::Other {
                reason: as_dyn
                    .source()
                    .map(|s| root_cause(s).to_string())
                    .unwrap_or_else(|| e.to_string()),
            },
        }
    };
    AwsError(Box::new(AwsErrorInner {
        api: api.clone(),
        action,
        kind,
        source: Some(Box::new(e)),
    }))
}

/// One line on why credentials could not be loaded.
fn credentials_reason(e: &CredentialsError) -> String {
    match e {
        CredentialsError::CredentialsNotLoaded(_) => "none were found".to_string(),
        CredentialsError::ProviderTimedOut(_) => {
            "the credential provider did not answer in time".to_string()
        }
        _ => {
            let s: &(dyn StdError + 'static) = e;
            match s.source() {
                Some(inner) => root_cause(inner).to_string(),
                None => e.to_string(),
            }
        }
    }
}

/// The error for credentials that could not be loaded from `profile` (None:
/// the default chain): "no AWS credentials" with the ways to provide them;
/// the provider's own report is the source.
pub fn credentials_error(e: &CredentialsError, profile: Option<&str>) -> UserError {
    let who = match profile {
        Some(p) => format!("profile `{p}`"),
        None => "default credential chain".to_string(),
    };
    let (message, hint) = match e {
        CredentialsError::CredentialsNotLoaded(_) => (
            format!("no AWS credentials ({who})"),
            credentials_ways(profile),
        ),
        CredentialsError::ProviderTimedOut(_) => (
            format!("loading AWS credentials ({who}) timed out"),
            "the credential source (SSO, instance metadata, a credential_process) did not answer: check the network, or use another profile".to_string(),
        ),
        CredentialsError::InvalidConfiguration(_) => (
            format!("the AWS configuration for {who} is invalid"),
            "fix ~/.aws/config (see the cause above), or use another profile".to_string(),
        ),
        _ => (
            format!("no usable AWS credentials ({who})"),
            credentials_ways(profile),
        ),
    };
    UserError::runtime(message)
        .hint(hint)
        .source(ChainError::from_error(e))
}

/// An error's Display chain, kept as plain text (for errors that are not
/// `Sync`, or whose own chain would be shown with Debug elsewhere).
#[derive(Debug)]
pub struct ChainError {
    lines: Vec<String>,
}

impl ChainError {
    pub fn from_error(e: &(dyn StdError + 'static)) -> ChainError {
        let mut lines = vec![e.to_string()];
        let mut cur = e.source();
        while let Some(c) = cur {
            let t = c.to_string();
            if !lines.iter().any(|l| l.contains(&t)) {
                lines.push(t);
            }
            cur = c.source();
        }
        ChainError { lines }
    }
}

impl fmt::Display for ChainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lines.join(": "))
    }
}

impl StdError for ChainError {}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_rds::config::http::HttpResponse;
    use aws_sdk_rds::error::ConnectorError;
    use aws_sdk_rds::error::SdkError;
    use aws_sdk_rds::operation::describe_db_instances::DescribeDBInstancesError;
    use aws_sdk_rds::types::error::DbInstanceNotFoundFault;

    fn api(origin: Option<&str>) -> Api {
        Api {
            service: Service::Rds,
            endpoint: "http://127.0.0.1:1".into(),
            endpoint_origin: origin.map(str::to_string),
            region: Some("eu-west-2".into()),
            profile: Some("ops".into()),
        }
    }

    fn response(status: u16) -> HttpResponse {
        HttpResponse::new(status.try_into().unwrap(), "".into())
    }

    fn service_error(code: &str, message: &str) -> SdkError<DescribeDBInstancesError> {
        let meta = aws_sdk_rds::error::ErrorMetadata::builder()
            .code(code)
            .message(message)
            .build();
        let err = if code == "DBInstanceNotFound" {
            DescribeDBInstancesError::DbInstanceNotFoundFault(
                DbInstanceNotFoundFault::builder()
                    .message(message)
                    .meta(meta)
                    .build(),
            )
        } else {
            DescribeDBInstancesError::generic(meta)
        };
        SdkError::service_error(err, response(400))
    }

    #[test]
    fn action_names_come_from_the_error_type() {
        assert_eq!(
            action_of::<DescribeDBInstancesError>(),
            "DescribeDBInstances"
        );
    }

    #[test]
    fn service_errors_are_code_and_message_with_a_hint_by_code() {
        let e = classify(
            &api(None),
            "DescribeDBInstances".into(),
            service_error("DBInstanceNotFound", "DBInstance x not found."),
        );
        assert_eq!(e.to_string(), "DBInstanceNotFound: DBInstance x not found.");
        assert!(e.is("DBInstanceNotFoundFault") && e.is("DBInstanceNotFound"));
        assert!(e.hint().unwrap().contains("region (eu-west-2)"));

        let hint = |code: &str, msg: &str| {
            classify(
                &api(None),
                "DescribeDBInstances".into(),
                service_error(code, msg),
            )
            .hint()
            .unwrap_or_default()
        };
        assert!(hint("ExpiredToken", "expired").contains("aws sso login --profile ops"));
        assert!(hint("AccessDenied", "no").contains("rds:DescribeDBInstances"));
        assert!(hint("OptionGroupNotFoundFault", "x").contains("option_group_name"));
        assert!(hint("NoSuchHostedZone", "x").contains("--zone"));
        assert!(hint("Throttling", "x").contains("rate-limiting"));
        assert!(hint("DBClusterNotFoundFault", "x").contains("cluster"));
        assert!(hint("InvalidClientTokenId", "x").contains("access key"));
        assert_eq!(hint("SomethingNew", "x"), "");
    }

    #[test]
    fn transient_failures_are_the_ones_worth_retrying() {
        let svc = |code: &str| {
            classify(
                &api(None),
                "FilterLogEvents".into(),
                service_error(code, "m"),
            )
        };
        assert!(svc("ThrottlingException").is_transient());
        assert!(svc("Throttling").is_transient());
        assert!(!svc("AccessDeniedException").is_transient());
        assert!(!svc("ResourceNotFoundException").is_transient());
        let io = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        let e: SdkError<DescribeDBInstancesError> =
            SdkError::dispatch_failure(ConnectorError::io(Box::new(io)));
        assert!(classify(&api(None), "X".into(), e).is_transient());
    }

    #[test]
    fn network_failures_are_cannot_reach_and_never_blame_credentials() {
        let io = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        let e: SdkError<DescribeDBInstancesError> =
            SdkError::dispatch_failure(ConnectorError::io(Box::new(io)));
        let e = classify(
            &api(Some("AWS_ENDPOINT_URL")),
            "DescribeDBInstances".into(),
            e,
        );
        assert_eq!(
            e.to_string(),
            "cannot reach RDS at http://127.0.0.1:1: connection refused"
        );
        let hint = e.hint().unwrap();
        assert!(
            hint.starts_with("AWS_ENDPOINT_URL points dbtool at"),
            "{hint}"
        );
        assert!(!hint.contains("credentials"), "{hint}");

        let e: SdkError<DescribeDBInstancesError> = SdkError::dispatch_failure(
            ConnectorError::timeout(Box::new(std::io::Error::from(std::io::ErrorKind::TimedOut))),
        );
        let e = classify(&api(None), "DescribeDBInstances".into(), e);
        assert!(e.to_string().starts_with("cannot reach RDS at"), "{e}");
        assert!(e.hint().unwrap().contains("VPN"));

        let e: SdkError<DescribeDBInstancesError> = SdkError::timeout_error("slow");
        let e = classify(&api(None), "DescribeDBInstances".into(), e);
        assert_eq!(e.kind, Kind::TimedOut);
        assert!(e
            .to_string()
            .contains("no answer to DescribeDBInstances in time"));
    }

    #[test]
    fn missing_credentials_inside_a_call_say_no_aws_credentials() {
        let creds = CredentialsError::not_loaded("no credentials in the chain");
        let e: SdkError<DescribeDBInstancesError> =
            SdkError::dispatch_failure(ConnectorError::other(Box::new(creds), None));
        let e = classify(&api(None), "DescribeDBInstances".into(), e);
        assert!(matches!(e.kind, Kind::NoCredentials { .. }), "{:?}", e.kind);
        assert!(e
            .to_string()
            .starts_with("no AWS credentials (profile `ops`)"));
        assert!(e.hint().unwrap().contains("aws sso login --profile ops"));
    }

    #[test]
    fn credentials_errors_name_the_profile_and_the_ways() {
        let e = credentials_error(&CredentialsError::not_loaded("nothing"), None);
        assert_eq!(e.message, "no AWS credentials (default credential chain)");
        let h = e.hint.unwrap();
        assert!(
            h.contains("AWS_PROFILE") && h.contains("AWS_ACCESS_KEY_ID"),
            "{h}"
        );
        let e = credentials_error(&CredentialsError::not_loaded("nothing"), Some("ops"));
        assert_eq!(e.message, "no AWS credentials (profile `ops`)");
        assert!(e.hint.unwrap().contains("aws sso login --profile ops"));
    }
}
