//! `migrate test`'s throwaway cluster and its report: a private PostgreSQL
//! (the sandbox code, in a directory of its own on a free port, never the
//! user's sandbox) removed afterwards, and the per-migration results as
//! text, JSON or JUnit XML. The report rendering is pure.

use std::path::PathBuf;

use serde::Serialize;

use crate::migrate::engine::{self, Engine};
use crate::migrate::settings::Settings;
use crate::migrate::{Target, Version};
use crate::pg::ConnInfo;
use crate::printer::Printer;
use crate::sandbox::Sandbox;

/// A throwaway cluster, stopped and deleted on drop unless kept.
pub struct Throwaway {
    pub sandbox: Sandbox,
    pub conn: ConnInfo,
    keep: bool,
}

/// Where throwaway clusters live: `$XDG_DATA_HOME/dbtool/rehearsal/<pid>`.
fn base_dir() -> PathBuf {
    crate::paths::data_home().join("dbtool").join("rehearsal")
}

impl Throwaway {
    /// Removes clusters of runs that died (kill -9), then starts a new one.
    pub fn start() -> anyhow::Result<Throwaway> {
        let base = base_dir();
        std::fs::create_dir_all(&base)?;
        if let Ok(entries) = std::fs::read_dir(&base) {
            for e in entries.flatten() {
                let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
                    continue;
                };
                let alive = nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), None).is_ok();
                if !alive || pid as u32 == std::process::id() {
                    remove(&Sandbox::new(e.path()));
                }
            }
        }
        let sandbox = Sandbox::new(base.join(std::process::id().to_string()));
        let conn = match sandbox.up(None) {
            Ok(c) => c,
            Err(e) => {
                remove(&sandbox);
                return Err(e.context("cannot start the throwaway PostgreSQL cluster"));
            }
        };
        Ok(Throwaway {
            sandbox,
            conn,
            keep: false,
        })
    }

    /// Leaves the cluster running (`--keep`).
    pub fn keep(&mut self) {
        self.keep = true;
    }
}

/// The highest version the target's history says was applied (success,
/// out of order or baseline). Pure.
pub fn latest_applied(entries: &[crate::migrate::state::InfoEntry]) -> Option<Version> {
    use crate::migrate::State;
    entries
        .iter()
        .filter(|e| {
            matches!(
                e.state,
                State::Success | State::OutOfOrder | State::Baseline
            )
        })
        .filter_map(|e| e.version.as_deref())
        .filter_map(|v| Version::parse(v).ok())
        .max()
}

/// Applies the migrations up to `latest` (none: nothing but the history
/// table) on the throwaway cluster `cluster`, with the placeholders a run
/// on the target (`user`, `dbname`) gets: the schema the target's history
/// says it has (`migrate drift`'s expected schema, `lint --trace TARGET`'s
/// starting point).
pub async fn apply_up_to(
    cluster: &ConnInfo,
    settings: &Settings,
    latest: Option<&Version>,
    user: &str,
    dbname: &str,
    printer: &Printer,
) -> anyhow::Result<()> {
    let mut s = settings.clone();
    s.target = match latest {
        Some(v) => Target::Version(v.clone()),
        None => Target::Current,
    };
    s.baseline_on_migrate = false;
    let now = chrono::Local::now().naive_local();
    let placeholders = s.placeholders_for(user, dbname, now);
    let files = engine::load_files(&s, &placeholders)?;
    let mut e = Engine::connect(cluster, &s, printer).await?;
    e.acquire_lock().await?;
    let r = async {
        let plan = e.plan(&files, false).await?;
        e.apply(&files, &plan).await
    }
    .await;
    e.release_lock().await;
    r?;
    Ok(())
}

/// Stops and deletes a throwaway cluster; a directory left empty by a start
/// that failed before initdb (reset cannot take it) is removed too.
fn remove(sandbox: &Sandbox) {
    if sandbox.reset().is_err() {
        let _ = std::fs::remove_dir(&sandbox.dir);
    }
}

impl Drop for Throwaway {
    fn drop(&mut self) {
        if !self.keep {
            remove(&self.sandbox);
        }
    }
}

/// What happened to one migration.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Case {
    pub script: String,
    pub version: Option<String>,
    /// `versioned`, `repeatable`, `baseline`.
    pub kind: String,
    pub applied_ms: Option<i64>,
    /// Undone with its U file and applied again: Some(true); no U file: None.
    pub undo: Option<bool>,
    /// A repeatable applied a second time.
    pub rerun: Option<bool>,
    /// What failed, with file and line when the engine named them.
    pub failure: Option<String>,
}

/// The whole rehearsal.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Report {
    pub cases: Vec<Case>,
    /// Failures not tied to one migration (validate, the cluster).
    pub errors: Vec<String>,
    pub total_ms: i64,
    pub kept_url: Option<String>,
}

impl Report {
    pub fn ok(&self) -> bool {
        self.errors.is_empty() && self.cases.iter().all(|c| c.failure.is_none())
    }

    /// JUnit XML: one testsuite, one testcase per migration (and one for
    /// validate), failures with their message. Pure.
    pub fn junit(&self) -> String {
        let esc = |s: &str| {
            s.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
        };
        let failures =
            self.cases.iter().filter(|c| c.failure.is_some()).count() + self.errors.len();
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str(&format!(
            "<testsuite name=\"dbtool migrate test\" tests=\"{}\" failures=\"{failures}\" time=\"{:.3}\">\n",
            self.cases.len() + 1,
            self.total_ms as f64 / 1000.0
        ));
        for c in &self.cases {
            let time = c.applied_ms.unwrap_or(0) as f64 / 1000.0;
            out.push_str(&format!(
                "  <testcase classname=\"migrations\" name=\"{}\" time=\"{time:.3}\"",
                esc(&c.script)
            ));
            match &c.failure {
                Some(f) => out.push_str(&format!(
                    ">\n    <failure message=\"{}\">{}</failure>\n  </testcase>\n",
                    esc(f.lines().next().unwrap_or_default()),
                    esc(f)
                )),
                None => out.push_str("/>\n"),
            }
        }
        out.push_str("  <testcase classname=\"migrations\" name=\"validate\"");
        if self.errors.is_empty() {
            out.push_str("/>\n");
        } else {
            let all = self.errors.join("\n");
            out.push_str(&format!(
                ">\n    <failure message=\"{}\">{}</failure>\n  </testcase>\n",
                esc(self.errors[0].lines().next().unwrap_or_default()),
                esc(&all)
            ));
        }
        out.push_str("</testsuite>\n");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn junit_escapes_and_counts_failures() {
        let r = Report {
            cases: vec![
                Case {
                    script: "V1__a.sql".into(),
                    version: Some("1".into()),
                    kind: "versioned".into(),
                    applied_ms: Some(12),
                    undo: Some(true),
                    rerun: None,
                    failure: None,
                },
                Case {
                    script: "V2__<b>.sql".into(),
                    version: Some("2".into()),
                    kind: "versioned".into(),
                    applied_ms: None,
                    undo: None,
                    rerun: None,
                    failure: Some("line 3: syntax error at \"&\"".into()),
                },
            ],
            errors: vec![],
            total_ms: 1500,
            kept_url: None,
        };
        assert!(!r.ok());
        let x = r.junit();
        assert!(
            x.contains("tests=\"3\" failures=\"1\" time=\"1.500\""),
            "{x}"
        );
        assert!(x.contains("name=\"V2__&lt;b&gt;.sql\""), "{x}");
        assert!(x.contains("syntax error at &quot;&amp;&quot;"), "{x}");
        assert!(
            x.contains("<testcase classname=\"migrations\" name=\"validate\"/>"),
            "{x}"
        );
    }
}
