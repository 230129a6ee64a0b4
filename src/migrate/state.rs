//! The state of every migration (what `info` shows), `validate`, and the
//! migrate plan, computed from the migrations on disk and the history rows.
//! Pure; touches no external system.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::history::AppliedMigration;
use super::naming::Kind;
use super::resolve::{Resolved, ResolvedMigration};
use super::version::{Target, Version};

/// Flyway's migration states, with its display names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    Pending,
    AboveTarget,
    BelowBaseline,
    Baseline,
    Ignored,
    Missing,
    FailedMissing,
    Success,
    Undone,
    Available,
    Failed,
    OutOfOrder,
    Future,
    FailedFuture,
    Outdated,
    Superseded,
    Deleted,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Pending => "Pending",
            State::AboveTarget => "Above Target",
            State::BelowBaseline => "Below Baseline",
            State::Baseline => "Baseline",
            State::Ignored => "Ignored",
            State::Missing => "Missing",
            State::FailedMissing => "Failed (Missing)",
            State::Success => "Success",
            State::Undone => "Undone",
            State::Available => "Available",
            State::Failed => "Failed",
            State::OutOfOrder => "Out of Order",
            State::Future => "Future",
            State::FailedFuture => "Failed (Future)",
            State::Outdated => "Outdated",
            State::Superseded => "Superseded",
            State::Deleted => "Deleted",
        }
    }

    pub fn is_failed(self) -> bool {
        matches!(
            self,
            State::Failed | State::FailedMissing | State::FailedFuture
        )
    }
}

impl Serialize for State {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One line of `info`.
#[derive(Debug, Clone, Serialize)]
pub struct InfoEntry {
    pub category: String,
    pub version: Option<String>,
    pub description: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub script: String,
    pub checksum: Option<i32>,
    pub installed_rank: Option<i32>,
    pub installed_on: Option<String>,
    pub state: State,
    pub execution_time: Option<i32>,
    /// Index into `Resolved::migrations` (or `undo` for Undo entries).
    #[serde(skip)]
    pub resolved: Option<usize>,
    /// Index into the applied rows.
    #[serde(skip)]
    pub applied: Option<usize>,
}

/// Settings that change states.
#[derive(Debug, Clone, Default)]
pub struct InfoOptions {
    pub target: Target,
    pub out_of_order: bool,
}

fn is_undo_type(t: &str) -> bool {
    t.starts_with("UNDO_")
}

fn is_baseline_type(t: &str) -> bool {
    t == "BASELINE" || t.ends_with("_BASELINE")
}

/// Per applied row: undone or deleted by a later row.
#[derive(Debug, Default, Clone, Copy)]
struct RowFate {
    undone: bool,
    deleted: bool,
}

/// A summary of the history used by every computation.
#[derive(Debug, Default)]
pub struct HistorySummary {
    /// Highest live successful applied version.
    pub current: Option<Version>,
    /// Version of the latest live baseline row (BASELINE or SQL_BASELINE).
    pub baseline: Option<Version>,
    /// Whether any live versioned row exists (SQL, BASELINE…).
    pub has_versioned: bool,
}

fn fates(applied: &[AppliedMigration]) -> Vec<RowFate> {
    let mut fate = vec![RowFate::default(); applied.len()];
    let mut live_v: HashMap<Version, usize> = HashMap::new();
    let mut live_r: HashMap<String, usize> = HashMap::new();
    let mut order: Vec<usize> = (0..applied.len()).collect();
    order.sort_by_key(|&i| applied[i].installed_rank);
    for i in order {
        let a = &applied[i];
        match (a.kind.as_str(), &a.version) {
            ("SCHEMA", _) => {}
            ("DELETE", Some(v)) => {
                if let Some(j) = live_v.remove(v) {
                    fate[j].deleted = true;
                }
            }
            ("DELETE", None) => {
                if let Some(j) = live_r.remove(&a.description) {
                    fate[j].deleted = true;
                }
            }
            (t, Some(v)) if is_undo_type(t) => {
                if a.success {
                    if let Some(j) = live_v.remove(v) {
                        fate[j].undone = true;
                    }
                }
            }
            (_, Some(v)) => {
                live_v.insert(v.clone(), i);
            }
            (_, None) => {
                live_r.insert(a.description.clone(), i);
            }
        }
    }
    fate
}

/// Computes every entry `info` shows, applied rows first (by rank), then
/// migrations not applied (versioned by version, then repeatables, then undo).
pub fn info(
    resolved: &Resolved,
    applied: &[AppliedMigration],
    opts: &InfoOptions,
) -> (Vec<InfoEntry>, HistorySummary) {
    let fate = fates(applied);
    let mut order: Vec<usize> = (0..applied.len()).collect();
    order.sort_by_key(|&i| applied[i].installed_rank);

    // Live applied versions and repeatables.
    let mut summary = HistorySummary::default();
    let mut live_versions: HashMap<Version, usize> = HashMap::new();
    let mut latest_repeatable: HashMap<&str, usize> = HashMap::new();
    for &i in &order {
        let a = &applied[i];
        let t = a.kind.as_str();
        if t == "SCHEMA" || t == "DELETE" || is_undo_type(t) || fate[i].deleted || fate[i].undone {
            continue;
        }
        match &a.version {
            Some(v) => {
                summary.has_versioned = true;
                live_versions.insert(v.clone(), i);
                if a.success && summary.current.as_ref().is_none_or(|c| v > c) {
                    summary.current = Some(v.clone());
                }
                if is_baseline_type(t) && a.success {
                    summary.baseline = Some(v.clone());
                }
            }
            None => {
                latest_repeatable.insert(a.description.as_str(), i);
            }
        }
    }

    let resolved_by_version: BTreeMap<&Version, usize> = resolved
        .migrations
        .iter()
        .enumerate()
        .filter(|(_, m)| m.kind == Kind::Versioned)
        .filter_map(|(i, m)| m.version.as_ref().map(|v| (v, i)))
        .collect();
    let baselines_by_version: BTreeMap<&Version, usize> = resolved
        .migrations
        .iter()
        .enumerate()
        .filter(|(_, m)| m.kind == Kind::Baseline)
        .filter_map(|(i, m)| m.version.as_ref().map(|v| (v, i)))
        .collect();
    let resolved_repeatable: HashMap<&str, usize> = resolved
        .migrations
        .iter()
        .enumerate()
        .filter(|(_, m)| m.kind == Kind::Repeatable)
        .map(|(i, m)| (m.description.as_str(), i))
        .collect();
    let max_resolved = resolved
        .versioned()
        .filter_map(|m| m.version.as_ref())
        .max();
    let skipped = |v: &Version| {
        resolved
            .skipped
            .iter()
            .any(|s| Version::parse(s).is_ok_and(|x| &x == v))
    };

    let mut entries = Vec::new();
    let mut highest_so_far: Option<&Version> = None;
    for &i in &order {
        let a = &applied[i];
        let t = a.kind.as_str();
        if t == "DELETE" {
            continue;
        }
        let mut e = InfoEntry {
            category: String::new(),
            version: a.version_text.clone(),
            description: a.description.clone(),
            kind: a.kind.clone(),
            script: a.script.clone(),
            checksum: a.checksum,
            installed_rank: Some(a.installed_rank),
            installed_on: Some(a.installed_on.format("%Y-%m-%d %H:%M:%S").to_string()),
            state: State::Success,
            execution_time: Some(a.execution_time),
            resolved: None,
            applied: Some(i),
        };
        if t == "SCHEMA" {
            entries.push(e);
            continue;
        }
        if is_undo_type(t) {
            e.category = "Undo".into();
            e.state = if a.success {
                State::Success
            } else {
                State::Failed
            };
            e.resolved = a.version.as_ref().and_then(|v| {
                resolved
                    .undo
                    .iter()
                    .position(|u| u.version.as_ref() == Some(v))
            });
            entries.push(e);
            continue;
        }
        match &a.version {
            Some(v) => {
                e.category = "Versioned".into();
                let res = if is_baseline_type(t) && t != "BASELINE" {
                    baselines_by_version.get(v).copied()
                } else {
                    resolved_by_version.get(v).copied()
                };
                e.resolved = res;
                let out_of_order = highest_so_far.is_some_and(|h| v < h);
                if a.success
                    && !fate[i].undone
                    && !fate[i].deleted
                    && highest_so_far.is_none_or(|h| v > h)
                {
                    highest_so_far = Some(v);
                }
                let future = max_resolved.is_none_or(|m| v > m);
                e.state = if fate[i].deleted {
                    State::Deleted
                } else if !a.success {
                    if res.is_some() {
                        State::Failed
                    } else if future {
                        State::FailedFuture
                    } else {
                        State::FailedMissing
                    }
                } else if fate[i].undone {
                    State::Undone
                } else if is_baseline_type(t) {
                    State::Baseline
                } else if res.is_none() && !skipped(v) {
                    if future {
                        State::Future
                    } else {
                        State::Missing
                    }
                } else if out_of_order {
                    State::OutOfOrder
                } else {
                    State::Success
                };
            }
            None => {
                e.category = "Repeatable".into();
                let res = resolved_repeatable.get(a.description.as_str()).copied();
                e.resolved = res;
                let latest = latest_repeatable.get(a.description.as_str()) == Some(&i);
                e.state = if fate[i].deleted {
                    State::Deleted
                } else if !a.success {
                    if res.is_some() {
                        State::Failed
                    } else {
                        State::FailedMissing
                    }
                } else if !latest {
                    State::Superseded
                } else {
                    match res {
                        None => State::Missing,
                        Some(r) => {
                            let m = &resolved.migrations[r];
                            // Without placeholder values the checksum cannot
                            // be compared: taken as current (see `checksum_known`).
                            if !m.checksum_known
                                || Some(m.checksum) == a.checksum
                                || Some(m.raw_checksum) == a.checksum
                            {
                                State::Success
                            } else {
                                State::Outdated
                            }
                        }
                    }
                };
            }
        }
        entries.push(e);
    }

    // A baseline migration (B file) is used only on a database without history.
    let chosen_baseline: Option<usize> = if summary.has_versioned {
        None
    } else {
        baselines_by_version
            .iter()
            .filter(|(v, _)| match &opts.target {
                Target::Version(t) => **v <= t,
                Target::Current => false,
                Target::Latest => true,
            })
            .map(|(_, i)| *i)
            .next_back()
    };
    let effective_baseline = summary
        .baseline
        .clone()
        .or_else(|| chosen_baseline.and_then(|i| resolved.migrations[i].version.clone()));

    let mut pending = Vec::new();
    for (i, m) in resolved.migrations.iter().enumerate() {
        let state = match m.kind {
            Kind::Baseline => {
                if chosen_baseline == Some(i) {
                    State::Pending
                } else {
                    continue;
                }
            }
            Kind::Versioned => {
                let v = m
                    .version
                    .as_ref()
                    .expect("versioned migrations have versions");
                if live_versions
                    .get(v)
                    .is_some_and(|&a| applied[a].success || !fate[a].undone)
                {
                    continue;
                }
                let above = match &opts.target {
                    Target::Version(t) => v > t,
                    Target::Current => summary.current.as_ref().is_none_or(|c| v > c),
                    Target::Latest => false,
                };
                if above {
                    State::AboveTarget
                } else if effective_baseline.as_ref().is_some_and(|b| v <= b) {
                    State::BelowBaseline
                } else if summary.current.as_ref().is_some_and(|c| v < c) && !opts.out_of_order {
                    State::Ignored
                } else {
                    State::Pending
                }
            }
            Kind::Repeatable => match latest_repeatable.get(m.description.as_str()) {
                Some(&a)
                    if applied[a].success
                        && (!m.checksum_known
                            || applied[a].checksum == Some(m.checksum)
                            || applied[a].checksum == Some(m.raw_checksum)) =>
                {
                    continue
                }
                Some(&a) if !applied[a].success => continue,
                _ => State::Pending,
            },
            Kind::Undo => continue,
        };
        pending.push(entry_for(m, state, Some(i)));
    }
    for (i, u) in resolved.undo.iter().enumerate() {
        let Some(v) = &u.version else { continue };
        if live_versions.get(v).is_some_and(|&a| applied[a].success) {
            pending.push(entry_for(u, State::Available, Some(i)));
        }
    }
    entries.extend(pending);
    (entries, summary)
}

fn entry_for(m: &ResolvedMigration, state: State, resolved: Option<usize>) -> InfoEntry {
    InfoEntry {
        category: m.kind.category().into(),
        version: m.version.as_ref().map(|v| v.as_str().to_string()),
        description: m.description.clone(),
        kind: m.kind.history_type().into(),
        script: m.script.clone(),
        checksum: Some(m.checksum),
        installed_rank: None,
        installed_on: None,
        state,
        execution_time: None,
        resolved,
        applied: None,
    }
}

/// One reason validation fails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidationError {
    pub version: Option<String>,
    pub script: String,
    pub message: String,
    pub hint: String,
}

/// Validates the history against the files, as Flyway does: failed rows,
/// checksum/description/type mismatches, applied migrations missing locally
/// (future ones are allowed), resolved ones not applied (`pending_ok` allows
/// pending ones, as `migrate` does).
pub fn validate(
    entries: &[InfoEntry],
    resolved: &Resolved,
    applied: &[AppliedMigration],
    pending_ok: bool,
) -> Vec<ValidationError> {
    let mut errors = Vec::new();
    let label = |e: &InfoEntry| match &e.version {
        Some(v) => format!("version {v}"),
        None => format!("repeatable `{}`", e.description),
    };
    for e in entries {
        let err = |message: String, hint: &str| ValidationError {
            version: e.version.clone(),
            script: e.script.clone(),
            message,
            hint: hint.to_string(),
        };
        match e.state {
            s if s.is_failed() => errors.push(err(
                format!("detected failed migration to {} ({}): {}", label(e), e.description, e.script),
                "remove any half-completed changes, then run `dbtool migrate repair`",
            )),
            State::Missing => errors.push(err(
                format!("detected applied migration not resolved locally: {} ({})", label(e), e.script),
                "restore the file, or run `dbtool migrate repair` to mark it deleted",
            )),
            State::Ignored => errors.push(err(
                format!("detected resolved migration not applied to database: {} ({})", label(e), e.script),
                "its version is lower than the current one: rename it to a higher version or set out_of_order = true",
            )),
            State::Pending if !pending_ok => errors.push(err(
                format!("detected resolved migration not applied to database: {} ({})", label(e), e.script),
                "run `dbtool migrate` to apply it",
            )),
            State::Success | State::OutOfOrder if e.category == "Versioned" => {
                let (Some(a), Some(r)) = (e.applied, e.resolved) else { continue };
                let (a, r) = (&applied[a], &resolved.migrations[r]);
                if a.checksum != Some(r.checksum) {
                    errors.push(err(
                        format!(
                            "migration checksum mismatch for {} ({}): applied to database {}, resolved locally {}",
                            label(e),
                            r.script,
                            a.checksum.map(|c| c.to_string()).unwrap_or_else(|| "null".into()),
                            r.checksum
                        ),
                        "revert the changes to the file, or run `dbtool migrate repair` to accept them",
                    ));
                } else if a.description != r.description {
                    errors.push(err(
                        format!(
                            "migration description mismatch for {}: applied to database `{}`, resolved locally `{}`",
                            label(e),
                            a.description,
                            r.description
                        ),
                        "rename the file back, or run `dbtool migrate repair` to accept the new description",
                    ));
                } else if a.kind != r.kind.history_type() && !(a.kind == "SQL" || a.kind == "SQL_BASELINE") {
                    errors.push(err(
                        format!(
                            "migration type mismatch for {}: applied to database {}, resolved locally {}",
                            label(e),
                            a.kind,
                            r.kind.history_type()
                        ),
                        "run `dbtool migrate repair` to accept the local type",
                    ));
                }
            }
            _ => {}
        }
    }
    errors
}

/// What `migrate` will apply, in order: the baseline migration if one is
/// chosen, pending versioned migrations by version, then pending repeatables.
/// Failed rows make it an error (run repair first).
pub fn plan_migrate(entries: &[InfoEntry]) -> Result<Vec<usize>, String> {
    if let Some(f) = entries.iter().find(|e| e.state.is_failed()) {
        return Err(format!(
            "the history holds a failed migration: {} ({}); migrate refuses to continue until it is repaired",
            f.version.clone().unwrap_or_else(|| f.description.clone()),
            f.script
        ));
    }
    let mut versioned: Vec<&InfoEntry> = entries
        .iter()
        .filter(|e| e.state == State::Pending && e.applied.is_none() && e.category == "Versioned")
        .collect();
    // Baseline migrations first, then by version (resolved order already is).
    versioned.sort_by_key(|e| e.kind != "SQL_BASELINE");
    let repeatable = entries
        .iter()
        .filter(|e| e.state == State::Pending && e.category == "Repeatable");
    Ok(versioned
        .into_iter()
        .chain(repeatable)
        .filter_map(|e| e.resolved)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::migrate::resolve::ScriptConfig;
    use chrono::NaiveDate;

    fn res(kind: Kind, version: Option<&str>, desc: &str, checksum: i32) -> ResolvedMigration {
        let prefix = match kind {
            Kind::Versioned => "V",
            Kind::Undo => "U",
            Kind::Baseline => "B",
            Kind::Repeatable => "R",
        };
        ResolvedMigration {
            kind,
            version: version.map(|v| Version::parse(v).unwrap()),
            description: desc.into(),
            script: format!(
                "{prefix}{}__{}.sql",
                version.unwrap_or(""),
                desc.replace(' ', "_")
            ),
            path: Default::default(),
            checksum,
            raw_checksum: checksum,
            checksum_known: true,
            sql: crate::migrate::placeholders::SqlText::plain(""),
            placeholder_error: None,
            config: ScriptConfig::default(),
        }
    }

    fn row(
        rank: i32,
        version: Option<&str>,
        desc: &str,
        kind: &str,
        checksum: Option<i32>,
        success: bool,
    ) -> AppliedMigration {
        AppliedMigration {
            installed_rank: rank,
            version: version.map(|v| Version::parse(v).unwrap()),
            version_text: version.map(str::to_string),
            description: desc.into(),
            kind: kind.into(),
            script: format!("V{}__{}.sql", version.unwrap_or(""), desc),
            checksum,
            installed_by: "postgres".into(),
            installed_on: NaiveDate::from_ymd_opt(2024, 1, 1)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap(),
            execution_time: 5,
            success,
        }
    }

    fn resolved(ms: Vec<ResolvedMigration>) -> Resolved {
        let (undo, migrations): (Vec<_>, Vec<_>) =
            ms.into_iter().partition(|m| m.kind == Kind::Undo);
        Resolved {
            migrations,
            undo,
            ..Default::default()
        }
    }

    fn states(entries: &[InfoEntry]) -> Vec<(Option<String>, &'static str)> {
        entries
            .iter()
            .map(|e| (e.version.clone(), e.state.as_str()))
            .collect()
    }

    fn s(v: &str, st: &'static str) -> (Option<String>, &'static str) {
        (Some(v.to_string()), st)
    }

    #[test]
    fn pending_success_future_missing_failed() {
        let r = resolved(vec![
            res(Kind::Versioned, Some("1"), "a", 1),
            res(Kind::Versioned, Some("2"), "b", 2),
            res(Kind::Versioned, Some("4"), "d", 4),
        ]);
        let applied = vec![
            row(1, Some("1"), "a", "SQL", Some(1), true),
            row(2, Some("3"), "c", "SQL", Some(3), true),
            row(3, Some("9"), "z", "SQL", Some(9), true),
        ];
        let (e, sum) = info(&r, &applied, &InfoOptions::default());
        assert_eq!(
            states(&e),
            vec![
                s("1", "Success"),
                s("3", "Missing"),
                s("9", "Future"),
                s("2", "Ignored"),
                s("4", "Ignored")
            ]
        );
        assert_eq!(sum.current, Some(Version::parse("9").unwrap()));
        let (e, _) = info(
            &r,
            &applied,
            &InfoOptions {
                out_of_order: true,
                ..Default::default()
            },
        );
        assert_eq!(states(&e)[3..], [s("2", "Pending"), s("4", "Pending")]);

        let applied = vec![
            row(1, Some("1"), "a", "SQL", Some(1), true),
            row(2, Some("2"), "b", "SQL", Some(2), false),
        ];
        let (e, _) = info(&r, &applied, &InfoOptions::default());
        assert_eq!(
            states(&e),
            vec![s("1", "Success"), s("2", "Failed"), s("4", "Pending")]
        );
        assert!(plan_migrate(&e).is_err());
        let errs = validate(&e, &r, &applied, true);
        assert_eq!(errs.len(), 1);
        assert!(errs[0].message.contains("failed migration to version 2"));
        let applied = vec![row(1, Some("7"), "x", "SQL", None, false)];
        assert_eq!(
            states(&info(&r, &applied, &InfoOptions::default()).0)[0],
            s("7", "Failed (Future)")
        );
        let applied = vec![row(1, Some("3"), "x", "SQL", None, false)];
        assert_eq!(
            states(&info(&r, &applied, &InfoOptions::default()).0)[0],
            s("3", "Failed (Missing)")
        );
    }

    #[test]
    fn target_baseline_and_below_baseline() {
        let r = resolved(vec![
            res(Kind::Versioned, Some("1"), "a", 1),
            res(Kind::Versioned, Some("2"), "b", 2),
            res(Kind::Versioned, Some("3"), "c", 3),
        ]);
        let applied = vec![row(
            1,
            Some("2"),
            "<< Flyway Baseline >>",
            "BASELINE",
            None,
            true,
        )];
        let opts = InfoOptions {
            target: Target::parse("2.5").unwrap(),
            out_of_order: false,
        };
        let (e, _) = info(&r, &applied, &opts);
        assert_eq!(
            states(&e),
            vec![
                s("2", "Baseline"),
                s("1", "Below Baseline"),
                s("3", "Above Target")
            ]
        );
        assert!(plan_migrate(&e).unwrap().is_empty());
        let (e, _) = info(&r, &applied, &InfoOptions::default());
        assert_eq!(plan_migrate(&e).unwrap(), vec![2]);
    }

    #[test]
    fn baseline_migration_on_fresh_database() {
        let r = resolved(vec![
            res(Kind::Versioned, Some("1"), "a", 1),
            res(Kind::Baseline, Some("2"), "base", 20),
            res(Kind::Versioned, Some("2"), "b", 2),
            res(Kind::Versioned, Some("3"), "c", 3),
        ]);
        let (e, _) = info(&r, &[], &InfoOptions::default());
        assert_eq!(
            states(&e),
            vec![
                s("1", "Below Baseline"),
                s("2", "Pending"),
                s("2", "Below Baseline"),
                s("3", "Pending")
            ]
        );
        let plan = plan_migrate(&e).unwrap();
        assert_eq!(
            plan.iter()
                .map(|&i| r.migrations[i].script.as_str())
                .collect::<Vec<_>>(),
            vec!["B2__base.sql", "V3__c.sql"]
        );
        let applied = vec![row(1, Some("2"), "base", "SQL_BASELINE", Some(20), true)];
        let (e, _) = info(&r, &applied, &InfoOptions::default());
        assert_eq!(
            states(&e),
            vec![
                s("2", "Baseline"),
                s("1", "Below Baseline"),
                s("3", "Pending")
            ]
        );
    }

    #[test]
    fn repeatables_outdated_superseded_and_out_of_order() {
        let r = resolved(vec![
            res(Kind::Versioned, Some("1"), "a", 1),
            res(Kind::Versioned, Some("2"), "b", 2),
            res(Kind::Repeatable, None, "views", 77),
        ]);
        let applied = vec![
            row(1, Some("2"), "b", "SQL", Some(2), true),
            row(2, None, "views", "SQL", Some(70), true),
            row(3, Some("1"), "a", "SQL", Some(1), true),
            row(4, None, "views", "SQL", Some(71), true),
        ];
        let (e, _) = info(&r, &applied, &InfoOptions::default());
        let got: Vec<(&str, &str)> = e
            .iter()
            .map(|e| (e.category.as_str(), e.state.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Versioned", "Success"),
                ("Repeatable", "Superseded"),
                ("Versioned", "Out of Order"),
                ("Repeatable", "Outdated"),
                ("Repeatable", "Pending")
            ]
        );
        assert_eq!(plan_migrate(&e).unwrap(), vec![2]);
        assert!(validate(&e, &r, &applied, true).is_empty());
    }

    #[test]
    fn undo_delete_schema_and_available() {
        let r = resolved(vec![
            res(Kind::Versioned, Some("1"), "a", 1),
            res(Kind::Versioned, Some("2"), "b", 2),
            res(Kind::Undo, Some("1"), "a", 11),
            res(Kind::Undo, Some("2"), "b", 12),
        ]);
        let applied = vec![
            row(
                0,
                None,
                "<< Flyway Schema Creation >>",
                "SCHEMA",
                None,
                true,
            ),
            row(1, Some("1"), "a", "SQL", Some(1), true),
            row(2, Some("2"), "b", "SQL", Some(2), true),
            row(3, Some("2"), "b", "UNDO_SQL", Some(12), true),
            row(4, Some("5"), "gone", "SQL", Some(5), true),
            row(5, Some("5"), "gone", "DELETE", Some(5), true),
        ];
        let (e, _) = info(&r, &applied, &InfoOptions::default());
        let got: Vec<(&str, Option<String>, &str)> = e
            .iter()
            .map(|e| (e.category.as_str(), e.version.clone(), e.state.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("", None, "Success"),
                ("Versioned", Some("1".into()), "Success"),
                ("Versioned", Some("2".into()), "Undone"),
                ("Undo", Some("2".into()), "Success"),
                ("Versioned", Some("5".into()), "Deleted"),
                ("Versioned", Some("2".into()), "Pending"),
                ("Undo", Some("1".into()), "Available"),
            ]
        );
        assert!(validate(&e, &r, &applied, true).is_empty());
        assert_eq!(validate(&e, &r, &applied, false).len(), 1);
    }

    #[test]
    fn checksum_and_description_mismatch() {
        let r = resolved(vec![
            res(Kind::Versioned, Some("1"), "a", 1),
            res(Kind::Versioned, Some("2"), "new name", 2),
        ]);
        let applied = vec![
            row(1, Some("1"), "a", "SQL", Some(100), true),
            row(2, Some("2"), "old name", "SQL", Some(2), true),
        ];
        let (e, _) = info(&r, &applied, &InfoOptions::default());
        let errs = validate(&e, &r, &applied, true);
        assert_eq!(errs.len(), 2);
        assert!(
            errs[0].message.contains("checksum mismatch for version 1"),
            "{errs:?}"
        );
        assert!(errs[0]
            .message
            .contains("applied to database 100, resolved locally 1"));
        assert!(errs[1]
            .message
            .contains("description mismatch for version 2"));
    }

    #[test]
    fn target_current_and_flyway_types() {
        let r = resolved(vec![
            res(Kind::Versioned, Some("1"), "a", 1),
            res(Kind::Versioned, Some("2"), "b", 2),
        ]);
        let applied = vec![row(1, Some("1"), "a", "JDBC", None, true)];
        let (e, _) = info(
            &r,
            &applied,
            &InfoOptions {
                target: Target::Current,
                out_of_order: false,
            },
        );
        assert_eq!(states(&e), vec![s("1", "Success"), s("2", "Above Target")]);
        assert!(validate(&e, &r, &applied, true).len() <= 1);
    }
}
