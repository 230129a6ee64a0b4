//! Pure planning of an engine version upgrade: the current state, the valid
//! targets (DescribeDBEngineVersions `ValidUpgradeTarget`), pending
//! maintenance actions (DescribePendingMaintenanceActions) and the weekly
//! maintenance window, plus the checks `apply` makes on `--to`. No I/O.

use chrono::{DateTime, Datelike, Duration as TimeDelta, TimeZone, Utc, Weekday};
use serde::Serialize;

use crate::error::UserError;

/// What RDS says about the database now (DescribeDBInstances/DescribeDBClusters).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Current {
    pub id: String,
    pub cluster: bool,
    pub arn: Option<String>,
    pub engine: String,
    pub engine_version: String,
    pub status: String,
    /// `AutoMinorVersionUpgrade`; for Aurora, per member instance.
    pub auto_minor: Vec<(String, Option<bool>)>,
    /// `PreferredMaintenanceWindow`, e.g. `sun:05:00-sun:05:30` (UTC).
    pub maintenance_window: Option<String>,
}

/// One version the database can move to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    pub version: String,
    pub major: bool,
    /// The version automatic minor upgrades go to (`AutoUpgrade`).
    pub auto_upgrade: bool,
}

/// A pending maintenance action on the resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pending {
    pub action: String,
    pub description: Option<String>,
    pub auto_applied_after: Option<DateTime<Utc>>,
    pub forced_apply: Option<DateTime<Utc>>,
    pub current_apply: Option<DateTime<Utc>>,
    pub opt_in_status: Option<String>,
}

/// The maintenance window: as RDS stores it and its next start.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Window {
    pub raw: String,
    pub next_start: DateTime<Utc>,
    pub next_end: DateTime<Utc>,
}

/// Everything `plan` shows. A part RDS would not give is `Err(reason)`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub current: Current,
    pub targets: Result<Vec<Target>, String>,
    pub pending: Result<Vec<Pending>, String>,
    pub window: Option<Window>,
}

/// Valid upgrade targets from a DescribeDBEngineVersions answer for the
/// current engine and version, minors first, each list in version order.
pub fn targets(current: &Current, versions: &[aws_sdk_rds::types::DbEngineVersion]) -> Vec<Target> {
    let mut out: Vec<Target> = versions
        .iter()
        .filter(|v| {
            v.engine().is_none_or(|e| e == current.engine)
                && v.engine_version()
                    .is_none_or(|ev| ev == current.engine_version)
        })
        .flat_map(|v| v.valid_upgrade_target())
        .filter(|t| t.engine().is_none_or(|e| e == current.engine))
        .filter_map(|t| {
            Some(Target {
                version: t.engine_version()?.to_string(),
                major: t.is_major_version_upgrade().unwrap_or(false),
                auto_upgrade: t.auto_upgrade().unwrap_or(false),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        a.major
            .cmp(&b.major)
            .then_with(|| version_key(&a.version).cmp(&version_key(&b.version)))
    });
    out.dedup_by(|a, b| a.version == b.version);
    out
}

/// `15.10` → [15, 10]; non-numeric parts sort as 0 (`11.22-rds.20240418`).
fn version_key(v: &str) -> Vec<u64> {
    v.split(['.', '-'])
        .map(|p| p.parse().unwrap_or(0))
        .collect()
}

fn to_chrono(t: &aws_sdk_rds::primitives::DateTime) -> Option<DateTime<Utc>> {
    DateTime::<Utc>::from_timestamp(t.secs(), t.subsec_nanos())
}

/// The actions of a DescribePendingMaintenanceActions answer that concern `arn`.
pub fn pending(
    arn: Option<&str>,
    resources: &[aws_sdk_rds::types::ResourcePendingMaintenanceActions],
) -> Vec<Pending> {
    resources
        .iter()
        .filter(|r| arn.is_none() || r.resource_identifier() == arn)
        .flat_map(|r| r.pending_maintenance_action_details())
        .map(|a| Pending {
            action: a.action().unwrap_or("unknown").to_string(),
            description: a.description().map(str::to_string),
            auto_applied_after: a.auto_applied_after_date().and_then(to_chrono),
            forced_apply: a.forced_apply_date().and_then(to_chrono),
            current_apply: a.current_apply_date().and_then(to_chrono),
            opt_in_status: a.opt_in_status().map(str::to_string),
        })
        .collect()
}

fn weekday(s: &str) -> Option<Weekday> {
    Some(match s.to_ascii_lowercase().as_str() {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// Minutes since Monday 00:00 of `ddd:hh24:mi`.
fn week_minute(s: &str) -> Option<i64> {
    let mut parts = s.split(':');
    let day = weekday(parts.next()?)?;
    let h: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || !(0..24).contains(&h) || !(0..60).contains(&m) {
        return None;
    }
    Some(day.num_days_from_monday() as i64 * 1440 + h * 60 + m)
}

/// The next (or current) occurrence of a weekly window `ddd:hh24:mi-ddd:hh24:mi`
/// (UTC) at or after `now`; `None` when it cannot be read.
pub fn window(raw: &str, now: DateTime<Utc>) -> Option<Window> {
    let (a, b) = raw.trim().split_once('-')?;
    let start = week_minute(a)?;
    let end = week_minute(b)?;
    let len = (end - start).rem_euclid(7 * 1440);
    let monday = now.date_naive() - TimeDelta::days(now.weekday().num_days_from_monday() as i64);
    let week_start = Utc.from_utc_datetime(&monday.and_hms_opt(0, 0, 0)?);
    let mut s = week_start + TimeDelta::minutes(start);
    // A window in progress is the next one; otherwise the first start after now.
    while s + TimeDelta::minutes(len) <= now {
        s += TimeDelta::days(7);
    }
    if s - TimeDelta::days(7) + TimeDelta::minutes(len) > now {
        s -= TimeDelta::days(7);
    }
    Some(Window {
        raw: raw.to_string(),
        next_start: s,
        next_end: s + TimeDelta::minutes(len),
    })
}

/// Assembles the plan from what could be read.
pub fn plan(
    current: Current,
    versions: Result<&[aws_sdk_rds::types::DbEngineVersion], String>,
    resources: Result<&[aws_sdk_rds::types::ResourcePendingMaintenanceActions], String>,
    now: DateTime<Utc>,
) -> Plan {
    let targets = versions.map(|v| targets(&current, v));
    let pending = resources.map(|r| pending(current.arn.as_deref(), r));
    let window = current
        .maintenance_window
        .as_deref()
        .and_then(|w| window(w, now));
    Plan {
        current,
        targets,
        pending,
        window,
    }
}

/// What `apply --to` would do.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Upgrade {
    pub to: String,
    pub major: bool,
    /// Whether the target was checked against the valid targets.
    pub checked: bool,
}

/// Checks `--to` against the plan: a version not among the valid targets
/// (when they could be read) is refused, a major one needs `allow_major`.
pub fn check_apply(plan: &Plan, to: &str, allow_major: bool) -> Result<Upgrade, UserError> {
    let cur = &plan.current;
    if to == cur.engine_version {
        return Err(UserError::usage(format!(
            "`{}` already runs {} {to}: nothing to upgrade",
            cur.id, cur.engine
        )));
    }
    let (major, checked) = match &plan.targets {
        Ok(targets) => match targets.iter().find(|t| t.version == to) {
            Some(t) => (t.major, true),
            None => {
                let valid: Vec<&str> = targets.iter().map(|t| t.version.as_str()).collect();
                return Err(UserError::usage(format!(
                    "{} {to} is not a valid upgrade target of `{}` ({} {}); nothing was changed",
                    cur.engine, cur.id, cur.engine, cur.engine_version
                ))
                .hint(if valid.is_empty() {
                    "RDS lists no upgrade targets for this version".to_string()
                } else {
                    format!("valid targets: {}", valid.join(", "))
                }));
            }
        },
        // Unknown targets: decide major/minor from the version numbers.
        Err(_) => (major_of(&cur.engine_version) != major_of(to), false),
    };
    if major && !allow_major {
        return Err(UserError::usage(format!(
            "{} {} → {to} is a major version upgrade; nothing was changed",
            cur.engine, cur.engine_version
        ))
        .hint("a major upgrade can break extensions and query plans and cannot be undone: test it on a restored copy, then pass --allow-major"));
    }
    Ok(Upgrade {
        to: to.to_string(),
        major,
        checked,
    })
}

/// The PostgreSQL major version: `15.4` → `15`, `9.6.22` → `9.6`.
fn major_of(v: &str) -> String {
    let parts: Vec<&str> = v.split('.').collect();
    match parts.first() {
        Some(&"9") if parts.len() > 1 => format!("9.{}", parts[1]),
        Some(p) => p.to_string(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_rds::types::{
        DbEngineVersion, PendingMaintenanceAction, ResourcePendingMaintenanceActions, UpgradeTarget,
    };

    fn current() -> Current {
        Current {
            id: "notifydb".into(),
            cluster: false,
            arn: Some("arn:aws:rds:eu-west-2:123456789012:db:notifydb".into()),
            engine: "postgres".into(),
            engine_version: "15.4".into(),
            status: "available".into(),
            auto_minor: vec![("notifydb".into(), Some(false))],
            maintenance_window: Some("sun:05:00-sun:05:30".into()),
        }
    }

    fn target(v: &str, major: bool, auto: bool) -> UpgradeTarget {
        UpgradeTarget::builder()
            .engine("postgres")
            .engine_version(v)
            .description(format!("PostgreSQL {v}"))
            .auto_upgrade(auto)
            .is_major_version_upgrade(major)
            .build()
    }

    /// The shape of `aws rds describe-db-engine-versions --engine postgres --engine-version 15.4`.
    fn versions() -> Vec<DbEngineVersion> {
        vec![DbEngineVersion::builder()
            .engine("postgres")
            .engine_version("15.4")
            .db_parameter_group_family("postgres15")
            .valid_upgrade_target(target("16.1", true, false))
            .valid_upgrade_target(target("15.10", false, false))
            .valid_upgrade_target(target("15.5", false, true))
            .valid_upgrade_target(target("15.10", false, false))
            .build()]
    }

    fn pending_actions() -> Vec<ResourcePendingMaintenanceActions> {
        let when = aws_sdk_rds::primitives::DateTime::from_secs(1_767_225_600); // 2026-01-01
        vec![
            ResourcePendingMaintenanceActions::builder()
                .resource_identifier("arn:aws:rds:eu-west-2:123456789012:db:notifydb")
                .pending_maintenance_action_details(
                    PendingMaintenanceAction::builder()
                        .action("system-update")
                        .description("New Operating System update is available")
                        .auto_applied_after_date(when)
                        .opt_in_status("pending")
                        .build(),
                )
                .build(),
            ResourcePendingMaintenanceActions::builder()
                .resource_identifier("arn:aws:rds:eu-west-2:123456789012:db:other")
                .pending_maintenance_action_details(
                    PendingMaintenanceAction::builder()
                        .action("db-upgrade")
                        .build(),
                )
                .build(),
        ]
    }

    fn now() -> DateTime<Utc> {
        // Thursday 2026-12-03 10:00 UTC.
        Utc.with_ymd_and_hms(2026, 12, 3, 10, 0, 0).unwrap()
    }

    #[test]
    fn targets_minor_first_in_version_order_major_flagged() {
        let t = targets(&current(), &versions());
        let shown: Vec<(&str, bool, bool)> = t
            .iter()
            .map(|t| (t.version.as_str(), t.major, t.auto_upgrade))
            .collect();
        assert_eq!(
            shown,
            [
                ("15.5", false, true),
                ("15.10", false, false),
                ("16.1", true, false)
            ]
        );
        // Another version's entry is not ours.
        let mut other = current();
        other.engine_version = "14.9".into();
        assert!(targets(&other, &versions()).is_empty());
    }

    #[test]
    fn pending_actions_of_this_resource_only() {
        let p = pending(current().arn.as_deref(), &pending_actions());
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].action, "system-update");
        assert_eq!(
            p[0].auto_applied_after.unwrap().to_rfc3339(),
            "2026-01-01T00:00:00+00:00"
        );
        assert_eq!(p[0].opt_in_status.as_deref(), Some("pending"));
    }

    #[test]
    fn maintenance_window_next_occurrence() {
        let w = window("sun:05:00-sun:05:30", now()).unwrap();
        assert_eq!(w.next_start.to_rfc3339(), "2026-12-06T05:00:00+00:00");
        assert_eq!(w.next_end.to_rfc3339(), "2026-12-06T05:30:00+00:00");
        // In progress: this one.
        let w = window("thu:09:45-thu:10:15", now()).unwrap();
        assert_eq!(w.next_start.to_rfc3339(), "2026-12-03T09:45:00+00:00");
        // Just over: next week.
        let w = window("thu:09:00-thu:09:30", now()).unwrap();
        assert_eq!(w.next_start.to_rfc3339(), "2026-12-10T09:00:00+00:00");
        // Across midnight Sunday→Monday.
        let w = window("sun:23:30-mon:00:15", now()).unwrap();
        assert_eq!(w.next_end - w.next_start, TimeDelta::minutes(45));
        assert!(window("someday:05:00-sun:05:30", now()).is_none());
        assert!(window("sun:25:00-sun:05:30", now()).is_none());
    }

    #[test]
    fn apply_checks_the_target() {
        let v = versions();
        let p = pending_actions();
        let plan = plan(current(), Ok(&v), Ok(&p), now());
        let u = check_apply(&plan, "15.10", false).unwrap();
        assert!(!u.major && u.checked);
        let e = check_apply(&plan, "16.1", false).unwrap_err();
        assert!(e.message.contains("major version upgrade"), "{}", e.message);
        assert!(check_apply(&plan, "16.1", true).unwrap().major);
        let e = check_apply(&plan, "15.7", true).unwrap_err();
        assert!(
            e.message.contains("not a valid upgrade target"),
            "{}",
            e.message
        );
        assert!(e.hint.unwrap().contains("15.5, 15.10, 16.1"));
        let e = check_apply(&plan, "15.4", false).unwrap_err();
        assert!(e.message.contains("nothing to upgrade"));
        // Targets unknown: minor accepted unchecked, major still refused.
        let plan = super::plan(current(), Err("no".into()), Err("no".into()), now());
        let u = check_apply(&plan, "15.7", false).unwrap();
        assert!(!u.checked && !u.major);
        assert!(check_apply(&plan, "16.1", false).is_err());
        assert_eq!(major_of("9.6.22"), "9.6");
    }
}
