//! Password rotation for one role whose password lives in Secrets Manager or
//! SSM: generate a strong password, stage it (Secrets Manager AWSPENDING),
//! set it in PostgreSQL as a SCRAM verifier in one transaction, prove a login
//! with it, and only then make it current. On any failure the old password
//! keeps working (it is put back in PostgreSQL when it had been changed) and
//! the step that failed is named. Touches PostgreSQL, SSM and Secrets Manager.

use rand::distr::{Alphanumeric, SampleString};

use crate::access::Environ;
use crate::error::UserError;
use crate::pg::ConnInfo;
use crate::printer::Printer;
use crate::secrets::{self, store, Secret, Source};

/// What to rotate: the database role and where its password lives.
#[derive(Debug, Clone)]
pub struct Rotation {
    /// The database role (user) whose password changes.
    pub role: String,
    pub source: Source,
    /// The dbtool.toml key and line that names the source.
    pub at: String,
}

/// The steps, as `--dry-run` and the progress show them. Pure.
pub fn steps(r: &Rotation) -> Vec<String> {
    let src = r.source.describe();
    match &r.source {
        Source::SecretsManager { .. } => vec![
            format!("read the current password from {src} (to keep it working if a step fails)"),
            "generate a new 32-character password".into(),
            format!("write it to {src} as a new version staged AWSPENDING"),
            format!(
                "set it for role `{}` in PostgreSQL (SCRAM verifier, one transaction)",
                r.role
            ),
            format!("log in as `{}` with it", r.role),
            format!("move AWSCURRENT of {src} to the new version"),
        ],
        _ => vec![
            format!("read the current password from {src} (to keep it working if a step fails)"),
            "generate a new 32-character password".into(),
            format!(
                "set it for role `{}` in PostgreSQL (SCRAM verifier, one transaction)",
                r.role
            ),
            format!("log in as `{}` with it", r.role),
            format!("write it to {src} as a new version"),
        ],
    }
}

/// A new password: 32 letters and digits (about 190 bits).
pub fn generate() -> Secret {
    Secret::new(Alphanumeric.sample_string(&mut rand::rng(), 32))
}

/// Runs the rotation. `admin` changes the role; `target` is where the role
/// logs in (host, port, database of the admin connection).
pub async fn run(
    r: &Rotation,
    admin: &tokio_postgres::Client,
    target: &ConnInfo,
    environ: &Environ,
    sdk: &aws_config::SdkConfig,
    printer: &Printer,
) -> anyhow::Result<()> {
    let labels = steps(r);
    let step = |n: usize| printer.status(format!("{}/{} {}", n + 1, labels.len(), labels[n]));
    let fail = |n: usize, why: String, kept: &str| -> anyhow::Error {
        UserError::runtime(format!("step {} failed ({}): {why}", n + 1, labels[n]))
            .hint(kept.to_string())
            .into()
    };
    let source_err = |e: secrets::FetchError| format!("{} — {}", e.message, e.hint);

    step(0);
    let old = secrets::fetch(&r.source, environ, Some(sdk)).await.ok();
    // A JSON secret keeps its other keys: read the whole text too.
    let whole = match &r.source {
        Source::SecretsManager {
            secretsmanager,
            key: Some(_),
            version_stage,
        } => secrets::fetch(
            &Source::SecretsManager {
                secretsmanager: secretsmanager.clone(),
                key: None,
                version_stage: version_stage.clone(),
            },
            environ,
            Some(sdk),
        )
        .await
        .ok(),
        _ => None,
    };
    step(1);
    let new = generate();
    let staged = matches!(r.source, Source::SecretsManager { .. });
    let mut written = None;
    let mut n = 2;
    if staged {
        step(n);
        written = Some(
            store::write(&r.source, sdk, &new, whole.as_ref().map(Secret::expose))
                .await
                .map_err(|e| {
                    fail(
                        n,
                        source_err(e),
                        "nothing was changed: the old password keeps working",
                    )
                })?,
        );
        n += 1;
    }
    step(n);
    set_password(admin, &r.role, &new).await.map_err(|e| {
        fail(
            n,
            e.to_string(),
            "PostgreSQL rolled the change back: the old password keeps working; the staged AWSPENDING version is unused",
        )
    })?;
    n += 1;
    let put_back = |why: String, at: usize| async move {
        let restored = match &old {
            Some(old) => set_password(admin, &r.role, old).await.is_ok(),
            None => false,
        };
        let kept = if restored {
            "the old password was set again in PostgreSQL and keeps working; the source still holds it as current".to_string()
        } else {
            format!(
                "the old password could not be set again (it was not readable from {}): set the role's password by hand",
                r.source.describe()
            )
        };
        fail(at, why, &kept)
    };
    step(n);
    let login = ConnInfo {
        user: r.role.clone(),
        password: Some(new.expose().to_string()),
        application_name: Some("dbtool/rotate".into()),
        ..target.clone()
    };
    if let Err(e) = login.connect().await {
        return Err(put_back(first_line(&e), n).await);
    }
    n += 1;
    step(n);
    let made_current = match &written {
        Some(w) => store::promote(&r.source, sdk, w).await,
        None => store::write(&r.source, sdk, &new, None).await.map(|_| ()),
    };
    if let Err(e) = made_current {
        return Err(put_back(source_err(e), n).await);
    }
    printer.success(format!(
        "rotated the password of `{}`: {} holds the new one, and it logs in",
        r.role,
        r.source.describe()
    ));
    Ok(())
}

/// `ALTER ROLE … PASSWORD '<SCRAM verifier>'` in one transaction: the
/// password itself never reaches the server or its logs.
async fn set_password(
    admin: &tokio_postgres::Client,
    role: &str,
    pw: &Secret,
) -> anyhow::Result<()> {
    let verifier = postgres_protocol::password::scram_sha_256(pw.expose().as_bytes());
    let sql = format!(
        "BEGIN; ALTER ROLE {} PASSWORD {}; COMMIT;",
        super::sql::quote_role(role),
        super::sql::quote_literal(&verifier)
    );
    if let Err(e) = admin.batch_execute(&sql).await {
        let _ = admin.batch_execute("ROLLBACK").await;
        return Err(anyhow::anyhow!("{}", pg_message(&e)));
    }
    Ok(())
}

fn pg_message(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(d) => format!("{}: {}", d.code().code(), d.message()),
        None => e.to_string(),
    }
}

fn first_line(e: &anyhow::Error) -> String {
    let text = e
        .chain()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join(": ");
    text.lines().next().unwrap_or_default().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_and_passwords() {
        let r = Rotation {
            role: "api".into(),
            source: Source::SecretsManager {
                secretsmanager: "fam/api".into(),
                key: Some("password".into()),
                version_stage: None,
            },
            at: "x".into(),
        };
        let s = steps(&r);
        assert_eq!(s.len(), 6);
        assert!(s[2].contains("AWSPENDING"));
        assert!(s[5].contains("AWSCURRENT"));
        let a = generate();
        let b = generate();
        assert_eq!(a.expose().len(), 32);
        assert_ne!(a, b);
        assert!(a.expose().chars().all(|c| c.is_ascii_alphanumeric()));
    }
}
