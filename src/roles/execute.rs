//! Running a `dbtool roles` plan: passwords from their environment variables
//! (or typed on a terminal, without echo), then every statement in one
//! transaction. Reads environment variables and the terminal; writes to PostgreSQL.

use std::collections::BTreeMap;

use super::plan::Change;
use super::sql::{self, Passwords};
use super::RoleSpec;
use crate::error::UserError;

/// The passwords whose variables are set, by role (for checking and for plans).
pub fn passwords_from_env(desired: &BTreeMap<String, RoleSpec>) -> Passwords {
    desired
        .iter()
        .filter_map(|(role, spec)| {
            let var = spec.password_env.as_ref()?;
            let value = std::env::var(var).ok().filter(|v| !v.is_empty())?;
            Some((role.clone(), value))
        })
        .collect()
}

/// Makes sure every password the changes set is at hand: taken from
/// `known`, else asked on a terminal, else a usage error naming the variable.
pub fn complete_passwords(changes: &[Change], known: &Passwords) -> anyhow::Result<Passwords> {
    let mut out = known.clone();
    for c in changes {
        let (role, var) = match c {
            Change::CreateRole {
                role,
                password_env: Some(var),
                ..
            } => (role, var),
            Change::SetPassword { role, password_env } => (role, password_env),
            _ => continue,
        };
        if out.contains_key(role) {
            continue;
        }
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
