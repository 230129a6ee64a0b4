//! `dbtool roles plan|apply|check`: database users, roles and grants from
//! `[roles.NAME]` in dbtool.toml, applied idempotently. A short script over
//! `crate::roles`; connects to PostgreSQL as the target's admin user.

use std::collections::BTreeSet;

use clap::Subcommand;
use serde_json::json;

use crate::access::{AccessArgs, ConfirmArgs, Intent, Resolved, Role};
use crate::context::Context;
use crate::error::{ExitStatus, UserError};
use crate::roles::sql::{self, Passwords};
use crate::roles::{self, catalog, execute, Change, Plan, PlanOptions};

#[derive(Debug, clap::Args)]
pub struct RolesArgs {
    #[command(subcommand)]
    pub action: RolesAction,
}

#[derive(Debug, Subcommand)]
pub enum RolesAction {
    /// Print the SQL that brings users, roles and grants to the declared state
    Plan(PlanArgs),
    /// Plan, confirm, then apply the changes in one transaction
    Apply(ApplyArgs),
    /// Exit 1 and list the differences when the database drifted from dbtool.toml
    Check(PlanArgs),
    /// Give a role a new generated password, kept in its Secrets Manager secret or SSM parameter
    Rotate(RotateArgs),
}

#[derive(Debug, clap::Args)]
pub struct RotateArgs {
    /// The role: `[roles.NAME]`, or `[environments.X.roles.NAME]`, whose `password` is an SSM or Secrets Manager source
    #[arg(value_name = "ROLE", id = "rotated_role")]
    pub rotated: String,

    /// The database, and as whom the password is changed (default role: admin)
    #[command(flatten)]
    pub access: AccessArgs,

    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    /// The database, and as whom (default role: admin)
    #[command(flatten)]
    pub access: AccessArgs,

    /// Also drop roles that have access here but are not declared
    #[arg(long)]
    pub prune: bool,
}

#[derive(Debug, clap::Args)]
pub struct ApplyArgs {
    /// The database, and as whom (default role: admin)
    #[command(flatten)]
    pub access: AccessArgs,

    /// Also drop roles that have access here but are not declared
    #[arg(long)]
    pub prune: bool,

    /// Set every declared password, even those that already match
    #[arg(long)]
    pub set_passwords: bool,

    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

pub async fn run(ctx: &Context, args: &RolesArgs) -> anyhow::Result<ExitStatus> {
    match &args.action {
        RolesAction::Plan(a) => {
            let opts = PlanOptions {
                prune: a.prune,
                set_passwords: false,
            };
            let planned = make_plan(ctx, &a.access, Intent::Read, opts).await?;
            show_plan(ctx, &planned.plan, &planned.target, a.prune)?;
            Ok(ExitStatus::Success)
        }
        RolesAction::Check(a) => {
            let opts = PlanOptions {
                prune: a.prune,
                set_passwords: false,
            };
            let planned = make_plan(ctx, &a.access, Intent::Read, opts).await?;
            check(ctx, &planned.plan, &planned.target)
        }
        RolesAction::Apply(a) => apply(ctx, a).await,
        RolesAction::Rotate(a) => rotate(ctx, a).await,
    }
}

/// A plan and what executing it needs.
struct Planned {
    plan: Plan,
    /// The target as shown to people (no password).
    target: String,
    client: tokio_postgres::Client,
    /// Passwords found in their environment variables, by role.
    known: Passwords,
    resolved: Resolved,
}

/// Connects as the admin, reads the catalog, checks passwords, plans.
async fn make_plan(
    ctx: &Context,
    access: &AccessArgs,
    intent: Intent,
    opts: PlanOptions,
) -> anyhow::Result<Planned> {
    let desired = ctx.config().map(|c| c.roles.clone()).unwrap_or_default();
    if desired.is_empty() {
        return Err(UserError::usage("dbtool.toml declares no roles")
            .hint("add [roles.NAME] sections (see docs/roles.md for a worked example)")
            .into());
    }
    roles::validate(&desired)?;
    let request = ctx.request(access, intent, Role::Admin);
    let resolved = ctx.resolve(&request, false).await?;
    let client = resolved.conn.connect().await?;
    let schemas: BTreeSet<String> = desired
        .values()
        .flat_map(|s| s.schemas.keys().cloned())
        .collect();
    let schemas: Vec<String> = schemas.into_iter().collect();
    let mut cat = catalog::load(&client, &schemas).await?;
    let sdk = if execute::needs_aws(&desired) {
        let mfa = crate::aws::credentials::MfaOptions {
            code: access.identity.mfa_code.clone(),
        };
        Some(crate::aws::credentials::load(&resolved.aws, &mfa, &ctx.printer).await?)
    } else {
        None
    };
    let known =
        execute::known_passwords(ctx.config(), &desired, &ctx.environ, sdk.as_ref()).await?;
    if !opts.set_passwords {
        for role in desired.keys() {
            let login_now = cat.roles.get(role).is_some_and(|r| r.login);
            if let (Some(pw), true) = (known.get(role), login_now) {
                let state = catalog::check_password(&resolved.conn, role, pw).await;
                cat.passwords.insert(role.clone(), state);
            }
        }
    }
    let plan = roles::plan(&desired, &cat, opts)?;
    Ok(Planned {
        plan,
        target: resolved.conn.to_string(),
        client,
        known,
        resolved,
    })
}

fn plan_json(plan: &Plan, target: &str) -> serde_json::Value {
    let changes: Vec<serde_json::Value> = plan
        .changes
        .iter()
        .map(|c| {
            let mut v = serde_json::to_value(c).unwrap_or_default();
            v["sql"] = json!(sql::render(c, None));
            v["description"] = json!(sql::describe(c));
            v
        })
        .collect();
    json!({
        "target": target,
        "in_sync": plan.in_sync(),
        "changes": changes,
        "undeclared_roles": plan.undeclared,
        "notes": plan.notes,
    })
}

fn report_side_notes(ctx: &Context, plan: &Plan, prune: bool) {
    let p = &ctx.printer;
    for n in &plan.notes {
        p.status(format!("note: {n}"));
    }
    for u in &plan.undeclared {
        let mut line = format!(
            "role `{}` is not declared in dbtool.toml ({})",
            u.role,
            u.reasons.join("; ")
        );
        if let Some(k) = &u.kept_because {
            if prune {
                line.push_str(&format!("; --prune keeps it: {k}"));
            }
        }
        p.warn(line);
    }
    if !plan.undeclared.is_empty() && !prune {
        p.hint(
            "declare these roles in dbtool.toml, or `--prune` revokes their access and drops them",
        );
    }
}

fn show_plan(ctx: &Context, plan: &Plan, target: &str, prune: bool) -> anyhow::Result<()> {
    let p = &ctx.printer;
    if p.is_json() {
        return p.json(&plan_json(plan, target));
    }
    report_side_notes(ctx, plan, prune);
    for c in &plan.changes {
        p.data(sql::render(c, None));
    }
    if plan.changes.is_empty() {
        p.success(format!("roles in sync on {target}: nothing to change"));
    } else {
        p.status(format!(
            "{} change(s) planned for {target}; `dbtool roles apply` runs them",
            plan.changes.len()
        ));
    }
    Ok(())
}

fn check(ctx: &Context, plan: &Plan, target: &str) -> anyhow::Result<ExitStatus> {
    let p = &ctx.printer;
    if p.is_json() {
        p.json(&plan_json(plan, target))?;
    } else {
        for n in &plan.notes {
            p.status(format!("note: {n}"));
        }
        for c in &plan.changes {
            p.data(format!(
                "{}  -- fix: {}",
                sql::describe(c),
                sql::render(c, None)
            ));
        }
        for u in &plan.undeclared {
            p.data(format!(
                "role `{}` is not declared ({})",
                u.role,
                u.reasons.join("; ")
            ));
        }
    }
    if plan.in_sync() {
        p.success(format!("roles in sync on {target}"));
        Ok(ExitStatus::Success)
    } else {
        let n = plan.changes.len() + plan.undeclared.len();
        p.status(format!("{n} difference(s) on {target}"));
        p.hint("`dbtool roles plan` shows the SQL and `dbtool roles apply` runs it; undeclared roles need a [roles.NAME] or --prune");
        Ok(ExitStatus::Failure)
    }
}

async fn apply(ctx: &Context, a: &ApplyArgs) -> anyhow::Result<ExitStatus> {
    let p = &ctx.printer;
    let opts = PlanOptions {
        prune: a.prune,
        set_passwords: a.set_passwords,
    };
    let Planned {
        plan,
        target,
        mut client,
        known,
        resolved,
    } = make_plan(ctx, &a.access, Intent::Change, opts).await?;
    let drops = plan
        .changes
        .iter()
        .filter(|c| matches!(c, Change::DropRole { .. }))
        .count();
    if p.is_json() && (plan.changes.is_empty() || a.confirm.dry_run) {
        p.json(&plan_json(&plan, &target))?;
    } else if !p.is_json() {
        report_side_notes(ctx, &plan, a.prune);
        for c in &plan.changes {
            p.data(sql::render(c, None));
        }
    }
    if plan.changes.is_empty() {
        p.success(format!("roles in sync on {target}: nothing to change"));
        return Ok(ExitStatus::Success);
    }
    if a.confirm.dry_run {
        p.status(format!(
            "dry run: {} change(s) not applied",
            plan.changes.len()
        ));
        return Ok(ExitStatus::Success);
    }
    if drops > 0 {
        let what = format!(
            "apply {} change(s), dropping {drops} role(s), to",
            plan.changes.len()
        );
        resolved.confirm_as(Intent::Destroy, p, &what, a.confirm.yes)?;
    } else {
        let what = format!("apply {} change(s) to", plan.changes.len());
        resolved.confirm(p, &what, a.confirm.yes)?;
    }
    let secrets = execute::complete_passwords(&plan.changes, &known)?;
    execute::run(&mut client, &plan.changes, &secrets).await?;
    if p.is_json() {
        let mut doc = plan_json(&plan, &target);
        doc["applied"] = json!(true);
        p.json(&doc)?;
    }
    p.success(format!(
        "applied {} change(s) to {target} in one transaction",
        plan.changes.len()
    ));
    Ok(ExitStatus::Success)
}

/// `roles rotate ROLE`: where the password lives, then the steps of
/// `crate::roles::rotate`, after the plan and the confirmation.
async fn rotate(ctx: &Context, a: &RotateArgs) -> anyhow::Result<ExitStatus> {
    let p = &ctx.printer;
    let request = ctx.request(&a.access, Intent::Change, Role::Admin);
    let planned = ctx.plan(&request)?;
    let rotation = rotation_for(ctx, &a.rotated, planned.environment.as_deref())?;
    roles::rotate::check(&rotation)?;
    let steps = roles::rotate::steps(&rotation);
    if a.confirm.dry_run {
        p.data(format!(
            "rotation of `{}` on {}:",
            rotation.role,
            planned.describe()
        ));
        for (i, s) in steps.iter().enumerate() {
            p.data(format!("  {}. {s}", i + 1));
        }
        p.status("dry run: nothing was read, written or changed");
        return Ok(ExitStatus::Success);
    }
    let resolved = ctx.resolve(&request, a.confirm.yes).await?;
    for (i, s) in steps.iter().enumerate() {
        p.status(format!("  {}. {s}", i + 1));
    }
    resolved.confirm(
        p,
        &format!("rotate the password of `{}` on", rotation.role),
        a.confirm.yes,
    )?;
    let mfa = crate::aws::credentials::MfaOptions {
        code: a.access.identity.mfa_code.clone(),
    };
    let sdk = crate::aws::credentials::load(&resolved.aws, &mfa, p).await?;
    let admin = resolved.conn.connect().await?;
    roles::rotate::run(&rotation, &admin, &resolved.conn, &ctx.environ, &sdk, p).await?;
    Ok(ExitStatus::Success)
}

/// The role's password source: `[roles.NAME] password`, else the target
/// environment's `[environments.X.roles.NAME] password` (its `user` is the role).
fn rotation_for(
    ctx: &Context,
    name: &str,
    environment: Option<&str>,
) -> Result<roles::rotate::Rotation, UserError> {
    let config = ctx.config();
    if let Some(spec) = config.and_then(|c| c.roles.get(name)) {
        return match (&spec.password, &spec.password_env) {
            (Some(src), _) => Ok(roles::rotate::Rotation {
                role: name.to_string(),
                source: src.get_ref().clone(),
                at: format!(
                    "{} (roles.{name}.password)",
                    config.map(|c| c.position(src.span())).unwrap_or_default()
                ),
            }),
            (None, Some(var)) => Err(UserError::usage(format!(
                "the password of `{name}` comes from ${var}, which dbtool cannot write"
            ))
            .hint("keep it in Secrets Manager or SSM (`password = { ssm = \"/path\" }`) to rotate it")),
            (None, None) => Err(UserError::usage(format!(
                "role `{name}` declares no password source"
            ))
            .hint("add `password = { secretsmanager = \"NAME\" }` or `{ ssm = \"/path\" }` to [roles.NAME]")),
        };
    }
    let env_role = environment.and_then(|e| {
        let rc = config?.environments.get(e)?.roles.get(name)?;
        Some((e, rc))
    });
    if let Some((e, rc)) = env_role {
        if let Some(src) = &rc.password {
            let role = match &rc.user {
                Some(crate::secrets::Text::Literal(u)) => u.clone(),
                Some(crate::secrets::Text::From(s)) => {
                    return Err(UserError::usage(format!(
                        "the user of role `{name}` in `{e}` comes from {}: rotate needs its name written in dbtool.toml",
                        s.describe()
                    ))
                    .hint("declare the user under [roles.NAME] with `password = …`, or write `user = \"NAME\"`"))
                }
                None => name.to_string(),
            };
            return Ok(roles::rotate::Rotation {
                role,
                source: src.get_ref().clone(),
                at: format!(
                    "{} (environments.{e}.roles.{name}.password)",
                    config.map(|c| c.position(src.span())).unwrap_or_default()
                ),
            });
        }
    }
    let names: Vec<&str> = config
        .map(|c| c.roles.keys().map(String::as_str).collect())
        .unwrap_or_default();
    let err = UserError::usage(format!("no role `{name}` with a password source"));
    Err(match crate::text::nearest(name, &names) {
        Some(n) => err.hint(format!("did you mean `{n}`?")),
        None => err.hint("declare it under [roles.NAME] with `password = { secretsmanager = … }` or `{ ssm = … }`"),
    })
}
