//! `dbtool doctor`: one line per check (✓/!/✗ and a hint) of the programs,
//! configuration, sandbox and AWS credentials dbtool relies on. Runs the
//! programs' `--version`; calls STS GetCallerIdentity unless `--offline`.

use serde::Serialize;

use crate::context::Context;
use crate::error::ExitStatus;
use crate::tools::{self, Tool};

#[derive(Debug, clap::Args)]
pub struct DoctorArgs {
    /// Skip checks that need the network (AWS credentials)
    #[arg(long)]
    pub offline: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Ok,
    Warn,
    Fail,
}

#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub check: String,
    pub status: Level,
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Check {
    fn new(check: &str, status: Level, detail: impl Into<String>, hint: Option<String>) -> Self {
        Check {
            check: check.to_string(),
            status,
            detail: detail.into(),
            hint,
        }
    }
}

pub async fn run(ctx: &Context, args: &DoctorArgs) -> anyhow::Result<ExitStatus> {
    let mut checks = Vec::new();
    for tool in Tool::ALL {
        checks.push(tool_check(tool));
    }
    checks.push(match &ctx.config {
        Some(c) => {
            let envs = c.config.environments.len();
            Check::new(
                "config",
                Level::Ok,
                format!("{} ({envs} environment(s))", c.path.display()),
                None,
            )
        }
        None => Check::new(
            "config",
            Level::Ok,
            "no dbtool.toml: database commands target the local sandbox",
            Some("see docs/configuration.md to add environments".into()),
        ),
    });
    if let Some(config) = ctx.config() {
        let mut bundles: Vec<_> = config.ca_bundle.iter().cloned().collect();
        bundles.extend(
            config
                .environments
                .values()
                .filter_map(|e| e.sslrootcert.clone()),
        );
        for b in bundles {
            checks.push(if b.is_file() {
                Check::new("ca bundle", Level::Ok, b.display().to_string(), None)
            } else {
                Check::new(
                    "ca bundle",
                    Level::Fail,
                    format!("{} does not exist", b.display()),
                    Some("download the RDS global bundle: https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem".into()),
                )
            });
        }
    }
    let sandbox = ctx.sandbox();
    let status = sandbox.status()?;
    checks.push(match (status.initialized, status.running) {
        (true, true) => Check::new(
            "sandbox",
            Level::Ok,
            format!(
                "running on 127.0.0.1:{} ({})",
                status.port.unwrap_or(0),
                sandbox.dir.display()
            ),
            None,
        ),
        (true, false) => Check::new(
            "sandbox",
            Level::Warn,
            format!("stopped ({})", sandbox.dir.display()),
            Some("`dbtool sandbox up` starts it".into()),
        ),
        (false, _) => Check::new(
            "sandbox",
            Level::Warn,
            "not created",
            Some("`dbtool sandbox up` creates and starts it".into()),
        ),
    });
    checks.push(target_check(ctx));
    if args.offline {
        checks.push(Check::new(
            "aws credentials",
            Level::Ok,
            "skipped (--offline)",
            None,
        ));
    } else {
        let (region, profile) = match ctx.environment()? {
            Some((_, env)) => (
                env.region
                    .clone()
                    .or_else(|| ctx.config().and_then(|c| c.region.clone())),
                env.profile.clone(),
            ),
            None => (ctx.config().and_then(|c| c.region.clone()), None),
        };
        let sdk =
            crate::aws::sdk_config(region.as_deref().or(Some("us-east-1")), profile.as_deref())
                .await;
        checks.push(match crate::aws::caller_identity(&sdk).await {
            Ok(id) => Check::new("aws credentials", Level::Ok, format!("{} (account {})", id.arn, id.account), None),
            Err(e) => Check::new(
                "aws credentials",
                Level::Warn,
                format!("not usable: {}", first_line(&e.to_string())),
                Some("log in (e.g. `aws sso login --profile NAME`) or export AWS_PROFILE; only needed for RDS targets".into()),
            ),
        });
    }

    let failed = checks.iter().any(|c| c.status == Level::Fail);
    let p = &ctx.printer;
    if p.is_json() {
        p.json(&checks)?;
    } else {
        for c in &checks {
            let mark = match c.status {
                Level::Ok => p.paint(anstyle::AnsiColor::Green, "✓"),
                Level::Warn => p.paint(anstyle::AnsiColor::Yellow, "!"),
                Level::Fail => p.paint(anstyle::AnsiColor::Red, "✗"),
            };
            p.data(format!("{mark} {:<16} {}", c.check, c.detail));
            if let (Some(h), false) = (&c.hint, c.status == Level::Ok) {
                p.data(format!("  {:<16} hint: {h}", ""));
            }
        }
    }
    Ok(if failed {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// Where a database command without TARGET goes, and which input chose it
/// (flag > environment variable > dbtool.toml > default). No AWS call.
fn target_check(ctx: &Context) -> Check {
    use crate::access::{Intent, Request, Role};
    let mut request = Request::new(Intent::Read, Role::Readonly);
    request.env = ctx.env_flag.clone();
    match ctx.plan(&request) {
        Ok(p) => {
            let mut detail = format!("{} (chosen by {})", p.describe(), p.origin.describe());
            if let (Some(id), true) = (&p.instance, p.conn.host.is_empty()) {
                let endpoint = p
                    .endpoint
                    .as_ref()
                    .map(|e| e.describe())
                    .unwrap_or_else(|| "writer endpoint".into());
                detail.push_str(&if p.cluster_first {
                    format!("; Aurora cluster `{id}`: its {endpoint} is looked up when connecting")
                } else if p.environment.is_some() {
                    format!("; RDS instance `{id}`: its endpoint is looked up when connecting")
                } else {
                    format!("; `{id}` is looked up as an RDS instance, then as an Aurora cluster")
                });
            }
            if !p.warnings.is_empty() {
                detail.push_str(&format!("; {}", p.warnings.join("; ")));
            }
            Check::new(
                "default target",
                if p.warnings.is_empty() {
                    Level::Ok
                } else {
                    Level::Warn
                },
                detail,
                None,
            )
        }
        Err(e) => {
            let (msg, hint) = match e.downcast_ref::<crate::error::UserError>() {
                Some(u) => (u.message.clone(), u.hint.clone()),
                None => (e.to_string(), None),
            };
            Check::new("default target", Level::Warn, msg, hint)
        }
    }
}

fn tool_check(tool: Tool) -> Check {
    // psql is required; the others are needed only by some commands.
    let missing = if tool == Tool::Psql {
        Level::Fail
    } else {
        Level::Warn
    };
    match tools::find(tool) {
        Ok(path) => match tools::version(&path) {
            Some((_, v)) => Check::new(
                tool.name(),
                Level::Ok,
                format!("{v} ({})", path.display()),
                None,
            ),
            None => Check::new(
                tool.name(),
                Level::Warn,
                format!("{} (version unknown)", path.display()),
                None,
            ),
        },
        Err(_) => Check::new(
            tool.name(),
            missing,
            "not found",
            Some(tool.install_hint().to_string()),
        ),
    }
}

fn first_line(s: &str) -> String {
    s.lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(160)
        .collect()
}
