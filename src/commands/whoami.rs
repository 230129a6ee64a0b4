//! `dbtool whoami` and `dbtool logout`: the AWS identity dbtool uses (STS
//! GetCallerIdentity) and the assumed-role sessions cached on disk; logout
//! deletes the cache. Touches STS and `$XDG_CACHE_HOME/dbtool/aws/`.

use chrono::Utc;
use serde::Serialize;

use crate::access::{AccessArgs, Intent, Role};
use crate::aws::credentials;
use crate::context::Context;
use crate::error::ExitStatus;

#[derive(Debug, clap::Args)]
pub struct WhoamiArgs {
    /// The target and role whose AWS identity to show (default: readonly)
    #[command(flatten)]
    pub access: AccessArgs,
}

#[derive(Debug, clap::Args)]
pub struct LogoutArgs {}

#[derive(Serialize)]
struct Session {
    role_arn: String,
    expires: String,
    fresh: bool,
    file: String,
}

pub async fn run(ctx: &Context, args: &WhoamiArgs) -> anyhow::Result<ExitStatus> {
    let request = ctx.request(&args.access, Intent::Read, Role::Readonly);
    let named = request.target.is_some() || request.url.is_some() || request.role.is_some();
    let spec = match ctx.plan(&request) {
        Ok(p) => p.aws,
        // Without a target, the default AWS chain is the answer.
        Err(_) if !named => Default::default(),
        Err(e) => return Err(e),
    };
    let mfa = credentials::MfaOptions {
        code: args.access.identity.mfa_code.clone(),
    };
    let sdk = credentials::load(&spec, &mfa, &ctx.printer).await?;
    // The AWS error mapping gives the headline's cause and its hint (log in,
    // unreachable endpoint, no credentials…).
    let id = crate::aws::caller_identity(&sdk)
        .await
        .map_err(|e| crate::error::UserError::runtime("cannot ask STS who you are").source(e))?;
    let now = Utc::now();
    let sessions: Vec<Session> = credentials::cached_sessions()
        .into_iter()
        .map(|(path, s)| Session {
            fresh: s.is_fresh(now),
            expires: s.expiration.to_rfc3339(),
            role_arn: s.role_arn,
            file: path.display().to_string(),
        })
        .collect();
    let p = &ctx.printer;
    if p.is_json() {
        p.json(&serde_json::json!({ "identity": id, "cached_sessions": sessions }))?;
        return Ok(ExitStatus::Success);
    }
    p.data(format!("account: {}", id.account));
    p.data(format!("arn: {}", id.arn));
    p.data(format!("user_id: {}", id.user_id));
    if sessions.is_empty() {
        p.data("cached sessions: none");
    } else {
        p.data("cached sessions:");
        for s in &sessions {
            let state = if s.fresh { "valid" } else { "expired" };
            p.data(format!("  {}  {state} until {}", s.role_arn, s.expires));
        }
    }
    Ok(ExitStatus::Success)
}

pub async fn logout(ctx: &Context, _args: &LogoutArgs) -> anyhow::Result<ExitStatus> {
    let n = credentials::clear_cache()?;
    ctx.printer.success(format!(
        "removed {n} cached AWS session(s) from {}",
        credentials::cache_dir().display()
    ));
    Ok(ExitStatus::Success)
}
