//! `dbtool env`: print PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD (an IAM
//! token for RDS), PGSSLMODE, PGSSLROOTCERT and PGAPPNAME for `eval`, like the
//! old postgres.env.sh. Nothing else goes to stdout. Touches STS/RDS through
//! `crate::access` when the target needs it.

use crate::access::{AccessArgs, ConfirmArgs};
use crate::commands::connect::resolve_access;
use crate::context::Context;
use crate::error::ExitStatus;
use crate::shell::{render_env, EnvFormat};

#[derive(Debug, clap::Args)]
pub struct EnvArgs {
    #[command(flatten)]
    pub access: AccessArgs,

    #[command(flatten)]
    pub confirm: ConfirmArgs,

    /// Syntax of the output
    #[arg(long, default_value = "sh")]
    pub format: EnvFormat,
}

pub async fn run(ctx: &Context, args: &EnvArgs) -> anyhow::Result<ExitStatus> {
    let Some(r) = resolve_access(ctx, &args.access, &args.confirm).await? else {
        return Ok(ExitStatus::Success);
    };
    let format = if ctx.printer.is_json() {
        EnvFormat::Json
    } else {
        args.format
    };
    let vars = r.conn.pg_env();
    print!("{}", render_env(&vars, format));
    if let Some(t) = r.token_expires {
        ctx.printer.status(format!(
            "# {} as {} (role {}); the IAM token lets new connections in until {}",
            r.describe(),
            r.conn.shown_user(),
            r.role,
            t.format("%H:%M UTC")
        ));
    }
    Ok(ExitStatus::Success)
}
