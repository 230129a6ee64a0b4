//! Running a `dbtool roles` plan: passwords from their environment variables
//! or value sources (SSM, Secrets Manager), or typed on a terminal without
//! echo, then every statement in one transaction. Reads environment
//! variables, SSM/Secrets Manager and the terminal; writes to PostgreSQL.

use std::collections::BTreeMap;

use super::plan::Change;
use super::sql::{self, Passwords};
use super::RoleSpec;
use crate::access::Environ;
use crate::config::Config;
use crate::error::UserError;

/// The passwords whose variables are set, by role (for checking and for plans).
pub fn passwords_from_env(desired: &BTreeMap<String, RoleSpec>, environ: &Environ) -> Passwords {
    desired
        .iter()
        .filter_map(|(role, spec)| {
            let var = spec.password_env.as_ref()?;
            let value = environ.get(var)?;
            Some((role.clone(), value.to_string()))
        })
        .collect()
}

/// Whether a declared password is read from AWS (the caller then loads credentials).
pub fn needs_aws(desired: &BTreeMap<String, RoleSpec>) -> bool {
    desired
        .values()
        .any(|s| s.password.as_ref().is_some_and(|p| p.get_ref().needs_aws()))
}

/// Every known password: the set variables, and every value source read now
/// (a source that cannot be read is an error naming the key and line).
pub async fn known_passwords(
    config: Option<&Config>,
    desired: &BTreeMap<String, RoleSpec>,
    environ: &Environ,
    sdk: Option<&aws_config::SdkConfig>,
) -> anyhow::Result<Passwords> {
    let mut out = passwords_from_env(desired, environ);
    for (role, spec) in desired {
        let Some(src) = &spec.password else { continue };
        let value = crate::secrets::fetch(src.get_ref(), environ, sdk)
            .await
            .map_err(|e| {
                UserError::runtime(format!(
                    "{} (roles.{role}.password): {}",
                    config.map(|c| c.position(src.span())).unwrap_or_default(),
                    e.message
                ))
                .hint(e.hint)
            })?;
        out.insert(role.clone(), value.expose().to_string());
    }
    Ok(out)
}

/// Makes sure every password the changes set is at hand: taken from
/// `known`, else asked on a terminal, else a usage error naming the variable.
pub fn complete_passwords(changes: &[Change], known: &Passwords) -> anyhow::Result<Passwords> {
    let mut out = known.clone();
    for c in changes {
        let (role, from) = match c {
            Change::CreateRole {
                role,
                password_from: Some(from),
                ..
            } => (role, from),
            Change::SetPassword {
                role,
                password_from,
            } => (role, password_from),
            _ => continue,
        };
        if out.contains_key(role) {
            continue;
        }
        // Sources were read (or failed) before planning; only variables are asked.
        let Some(var) = from.strip_prefix('$') else {
            return Err(UserError::runtime(format!(
                "the password of role `{role}` ({from}) was not read"
            ))
            .into());
        };
        if !crate::prompt::interactive() {
            return Err(UserError::usage(format!(
                "environment variable {var} (password of role `{role}`) is not set"
            ))
            .hint(format!(
                "export {var}=… before running dbtool, or run on a terminal to type it"
            ))
            .into());
        }
        let typed = read_password(&format!("Password for role `{role}` (${var} is not set): "))?;
        if typed.is_empty() {
            return Err(UserError::usage(format!("no password given for role `{role}`")).into());
        }
        out.insert(role.clone(), typed);
    }
    Ok(out)
}

/// Reads a password on the terminal without echo (dialoguer).
fn read_password(prompt: &str) -> anyhow::Result<String> {
    Ok(dialoguer::Password::new()
        .with_prompt(prompt.trim_end_matches([' ', ':']))
        .allow_empty_password(true)
        .interact()?)
}

/// Runs the changes in one transaction: all of them or none.
pub async fn run(
    client: &mut tokio_postgres::Client,
    changes: &[Change],
    secrets: &Passwords,
) -> anyhow::Result<()> {
    let tx = client.transaction().await?;
    for c in changes {
        let text = sql::render(c, Some(secrets));
        if let Err(e) = tx.batch_execute(&text).await {
            // The statement is shown as planned: never with the password.
            return Err(UserError::runtime(format!(
                "`{}` failed; nothing was changed",
                sql::render(c, None)
            ))
            .source(e)
            .into());
        }
    }
    tx.commit()
        .await
        .map_err(|e| UserError::runtime("commit failed; nothing was changed").source(e))?;
    Ok(())
}
