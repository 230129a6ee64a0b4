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
    let role = &r.role;
    match &r.source {
        Source::SecretsManager { .. } => vec![
            format!("read the current password from {src} (to keep it working if a step fails)"),
            "generate a new 32-character password".into(),
            format!("write it to {src} as a new version staged AWSPENDING"),
            format!("set it for role `{role}` in PostgreSQL (SCRAM verifier, one transaction)"),
            format!("log in as `{role}` with it"),
            format!("move AWSCURRENT of {src} to the new version"),
        ],
        Source::Ssm { ssm } => vec![
            format!("read the current password from {src} (to keep it working if a step fails)"),
            "generate a new 32-character password".into(),
            format!(
                "park it in ssm:{} until it is live",
                store::ssm_pending_name(ssm)
            ),
            format!("set it for role `{role}` in PostgreSQL (SCRAM verifier, one transaction)"),
            format!("log in as `{role}` with it"),
            format!("write it to {src} as a new version, then delete the parked copy"),
        ],
        Source::Env { .. } => Vec::new(),
    }
}

/// Refuses what rotation cannot do right, before anything is read. Pure.
pub fn check(r: &Rotation) -> Result<(), UserError> {
    match &r.source {
        Source::SecretsManager {
            version_stage: Some(stage),
            ..
        } if stage != "AWSCURRENT" => Err(UserError::usage(format!(
            "{}: the password is read from version stage {stage}; rotation writes AWSCURRENT",
            r.at
        ))
        .hint("remove `version_stage` (or set it to AWSCURRENT) to rotate this password")),
        Source::Env { env } => Err(UserError::usage(format!(
            "{}: the password comes from ${env}, which dbtool cannot write",
            r.at
        ))
        .hint("keep it in Secrets Manager or SSM to rotate it")),
        _ => Ok(()),
    }
}

/// A new password: 32 letters and digits (about 190 bits).
pub fn generate() -> Secret {
    Secret::new(Alphanumeric.sample_string(&mut rand::rng(), 32))
}

/// Runs the rotation. `admin` changes the role; `target` is where the role
/// logs in (host, port, database of the admin connection). Ctrl-C and
/// SIGTERM do not cut it short: once the database may change, the run goes
/// to its end (or puts the old password back) and then says it was asked to stop.
pub async fn run(
    r: &Rotation,
    admin: &tokio_postgres::Client,
    target: &ConnInfo,
    environ: &Environ,
    sdk: &aws_config::SdkConfig,
    printer: &Printer,
) -> anyhow::Result<()> {
    use futures_util::FutureExt;
    use tokio::signal::unix::{signal, SignalKind};
    check(r)?;
    // Registering the handlers replaces the default action: a signal is only
    // noted, and reported when the steps are done.
    let mut sigint = signal(SignalKind::interrupt())?;
    let mut sigterm = signal(SignalKind::terminate())?;
    let result = steps_run(r, admin, target, environ, sdk, printer).await;
    let interrupted =
        sigint.recv().now_or_never().is_some() || sigterm.recv().now_or_never().is_some();
    if interrupted {
        printer.warn(
            "asked to stop during the rotation: it was finished (or undone) first, as reported",
        );
    }
    result
}

async fn steps_run(
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
    let nothing = "nothing was changed: the old password keeps working";

    step(0);
    let old = secrets::fetch(&r.source, environ, Some(sdk))
        .await
        .map_err(|e| fail(0, source_err(e), nothing))?;
    // A JSON secret keeps its other keys: read the whole current text.
    let whole = match &r.source {
        Source::SecretsManager {
            secretsmanager,
            key: Some(k),
            ..
        } => {
            let text = secrets::fetch(
                &Source::SecretsManager {
                    secretsmanager: secretsmanager.clone(),
                    key: None,
                    version_stage: None,
                },
                environ,
                Some(sdk),
            )
            .await
            .map_err(|e| fail(0, source_err(e), nothing))?;
            if !matches!(
                serde_json::from_str::<serde_json::Value>(text.expose()),
                Ok(serde_json::Value::Object(_))
            ) {
                return Err(fail(
                    0,
                    format!("the secret is not a JSON object, so key `{k}` cannot be replaced"),
                    nothing,
                ));
            }
            Some(text)
        }
        _ => None,
    };
    step(1);
    let new = generate();
    step(2);
    let written = match &r.source {
        Source::SecretsManager { secretsmanager, .. } => {
            let w = store::write(&r.source, sdk, &new, whole.as_ref().map(Secret::expose))
                .await
                .map_err(|e| fail(2, source_err(e), nothing))?;
            if let store::Written::Pending { version, previous } = &w {
                printer.status(format!(
                    "  if dbtool is killed from here on: the new password is version {version} of {secretsmanager} (AWSPENDING); \
                     make it current with `aws secretsmanager update-secret-version-stage --secret-id {secretsmanager} --version-stage AWSCURRENT --move-to-version-id {version}{}`, or rerun `dbtool roles rotate`",
                    previous.as_ref().map(|p| format!(" --remove-from-version-id {p}")).unwrap_or_default()
                ));
            }
            Some(w)
        }
        _ => {
            let parked = store::write_ssm_pending(&r.source, sdk, &new)
                .await
                .map_err(|e| fail(2, source_err(e), nothing))?;
            printer.status(format!(
                "  if dbtool is killed from here on: the new password is parked in ssm:{parked}; copy it to {} or rerun `dbtool roles rotate`",
                r.source.describe()
            ));
            None
        }
    };
    step(3);
    set_password(admin, &r.role, &new).await.map_err(|e| {
        fail(
            3,
            e.to_string(),
            "PostgreSQL rolled the change back: the old password keeps working; the new value written in step 3 is unused",
        )
    })?;
    let put_back = |why: String, at: usize| async move {
        let kept = match set_password(admin, &r.role, &old).await {
            Ok(()) => "the old password was set again in PostgreSQL and keeps working; the source still holds it as current".to_string(),
            Err(e) => format!(
                "setting the old password again failed too ({e}): set the role's password by hand from {}",
                r.source.describe()
            ),
        };
        fail(at, why, &kept)
    };
    step(4);
    let login = ConnInfo {
        user: r.role.clone(),
        password: Some(new.expose().to_string()),
        application_name: Some("dbtool/rotate".into()),
        ..target.clone()
    };
    if let Err(e) = login.connect().await {
        return Err(put_back(first_line(&e), 4).await);
    }
    step(5);
    let made_current = match &written {
        Some(w) => store::promote(&r.source, sdk, w).await,
        None => store::write(&r.source, sdk, &new, None).await.map(|_| ()),
    };
    if let Err(e) = made_current {
        return Err(put_back(source_err(e), 5).await);
    }
    if written.is_none() {
        if let Err(e) = store::delete_ssm_pending(&r.source, sdk).await {
            printer.warn(format!(
                "the parked copy was not deleted: {} ({})",
                e.message, e.hint
            ));
        }
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
        assert!(check(&r).is_ok());
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
