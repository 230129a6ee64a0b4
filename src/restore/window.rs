//! The restore window of an RDS instance (from automated backups'
//! `RestoreWindow`, else `BackupRetentionPeriod` and `LatestRestorableTime`)
//! and checking a requested time against it. Pure; touches nothing.

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

use crate::error::UserError;
use crate::restore::time::format_utc;

/// How far back and how recent a restore may be.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Window {
    pub earliest: DateTime<Utc>,
    pub latest: DateTime<Utc>,
    /// Where the bounds came from (shown with the window).
    pub basis: String,
    /// Anything the user should know about an estimated bound.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Window {
    pub fn describe(&self) -> String {
        format!(
            "{} … {} ({})",
            format_utc(self.earliest),
            format_utc(self.latest),
            self.basis
        )
    }
}

/// A RestoreWindow's (EarliestTime, LatestTime), either possibly absent.
pub type Bounds = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

/// Inputs read from AWS: the automated backups' window, when present, and the
/// instance's retention and latest restorable time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WindowInputs {
    pub restore_window: Option<Bounds>,
    pub retention_days: Option<i32>,
    pub latest_restorable: Option<DateTime<Utc>>,
    /// What the restore window's bounds are, for the message (default: the
    /// automated backups' RestoreWindow).
    pub basis: Option<String>,
}

/// The restore window of `source`; an error when backups are off.
pub fn window(
    source: &str,
    inputs: &WindowInputs,
    now: DateTime<Utc>,
) -> Result<Window, UserError> {
    if let Some((Some(earliest), Some(latest))) = inputs.restore_window {
        return Ok(Window {
            earliest,
            latest,
            basis: inputs
                .basis
                .clone()
                .unwrap_or_else(|| "automated backups' RestoreWindow".into()),
            note: None,
        });
    }
    let retention = inputs.retention_days.unwrap_or(0);
    if retention <= 0 {
        return Err(UserError::runtime(format!(
            "automated backups are off on `{source}` (BackupRetentionPeriod = 0): it cannot be restored to a point in time"
        ))
        .hint("restore from a snapshot instead, or enable backups (they only cover time from now on)"));
    }
    let (latest, note) = match inputs.latest_restorable {
        Some(t) => (t, None),
        None => (
            now - TimeDelta::minutes(5),
            Some("AWS reported no LatestRestorableTime; assuming 5 minutes ago".to_string()),
        ),
    };
    Ok(Window {
        earliest: latest - TimeDelta::days(retention as i64),
        latest,
        basis: format!("BackupRetentionPeriod {retention} days and LatestRestorableTime"),
        note,
    })
}

/// Refuses a time before the window, after the latest restorable time, or in
/// the future, printing the window.
pub fn check(t: DateTime<Utc>, w: &Window, now: DateTime<Utc>) -> Result<(), UserError> {
    let hint = format!("the restore window is {}", w.describe());
    if t > now {
        return Err(UserError::usage(format!(
            "restore time {} is in the future (now is {})",
            format_utc(t),
            format_utc(now)
        ))
        .hint(hint));
    }
    if t < w.earliest {
        return Err(UserError::usage(format!(
            "restore time {} is before the earliest restorable time {}",
            format_utc(t),
            format_utc(w.earliest)
        ))
        .hint(hint));
    }
    if t > w.latest {
        return Err(UserError::usage(format!(
            "restore time {} is after the latest restorable time {}",
            format_utc(t),
            format_utc(w.latest)
        ))
        .hint(format!("{hint}; use --latest for the most recent point")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2023, 10, 2, h, m, 0).unwrap()
    }

    #[test]
    fn restore_window_wins() {
        let inputs = WindowInputs {
            restore_window: Some((Some(t(1, 0)), Some(t(11, 55)))),
            retention_days: Some(7),
            latest_restorable: Some(t(11, 50)),
            basis: None,
        };
        let w = window("db", &inputs, t(12, 0)).unwrap();
        assert_eq!((w.earliest, w.latest), (t(1, 0), t(11, 55)));
    }

    #[test]
    fn retention_and_latest_restorable_time() {
        let inputs = WindowInputs {
            restore_window: Some((None, None)),
            retention_days: Some(7),
            latest_restorable: Some(t(11, 55)),
            basis: None,
        };
        let w = window("db", &inputs, t(12, 0)).unwrap();
        assert_eq!(w.latest, t(11, 55));
        assert_eq!(w.earliest, t(11, 55) - TimeDelta::days(7));
        assert!(w.note.is_none());
    }

    #[test]
    fn missing_latest_restorable_time_is_estimated_and_said() {
        let inputs = WindowInputs {
            retention_days: Some(1),
            ..Default::default()
        };
        let w = window("db", &inputs, t(12, 0)).unwrap();
        assert_eq!(w.latest, t(11, 55));
        assert!(w.note.unwrap().contains("5 minutes"));
    }

    #[test]
    fn backups_off_is_an_error() {
        let inputs = WindowInputs {
            retention_days: Some(0),
            ..Default::default()
        };
        assert!(window("db", &inputs, t(12, 0))
            .unwrap_err()
            .message
            .contains("automated backups are off"));
    }

    #[test]
    fn check_bounds() {
        let w = Window {
            earliest: t(1, 0),
            latest: t(11, 55),
            basis: "test".into(),
            note: None,
        };
        assert!(check(t(10, 0), &w, t(12, 0)).is_ok());
        assert!(check(t(1, 0), &w, t(12, 0)).is_ok());
        let e = check(t(0, 59), &w, t(12, 0)).unwrap_err();
        assert!(e.message.contains("before the earliest"));
        assert!(e
            .hint
            .unwrap()
            .contains("2023-10-02T01:00:00Z … 2023-10-02T11:55:00Z"));
        let e = check(t(11, 58), &w, t(12, 0)).unwrap_err();
        assert!(e.message.contains("after the latest"));
        let e = check(t(12, 30), &w, t(12, 0)).unwrap_err();
        assert!(e.message.contains("in the future"));
    }
}
