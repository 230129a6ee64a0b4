//! What `dbtool logs` was asked for, checked before anything is read:
//! `--since`/`--until` (a duration back from now or a time), `--slow`,
//! `--grep`, `--user`, and the filter every entry passes through. Pure;
//! touches nothing.

use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};

use super::entry::Entry;
use super::prefix::Level;
use super::slow::{self, Timed};
use crate::error::UserError;

/// How far back `--since` reads when not given.
pub const DEFAULT_SINCE: TimeDelta = TimeDelta::hours(1);

/// How far back `--follow` starts when `--since` is not given (like `aws logs tail`).
pub const DEFAULT_FOLLOW_SINCE: TimeDelta = TimeDelta::minutes(10);

/// The longest `--slow` threshold.
pub const MAX_SLOW: Duration = Duration::from_secs(7 * 86_400);

/// `--level`: the least severe level shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MinLevel {
    /// LOG, INFO, NOTICE and everything more severe (all but DEBUG)
    Log,
    /// WARNING, ERROR, FATAL, PANIC
    Warning,
    /// ERROR, FATAL, PANIC
    Error,
    /// FATAL, PANIC
    Fatal,
}

impl MinLevel {
    fn severity(self) -> u8 {
        match self {
            MinLevel::Log => 1,
            MinLevel::Warning => 2,
            MinLevel::Error => 3,
            MinLevel::Fatal => 4,
        }
    }
}

/// Reads `--since`/`--until`: `1h`, `30m`, `2d` (back from now), `-1h`,
/// `1h ago`, or a time (`2023-10-02T10:00Z`, RFC 3339, `2023-10-02 10:00`
/// in UTC). `flag` names the flag in errors.
pub fn parse_time(flag: &str, text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, UserError> {
    let s = text.trim();
    if s.is_empty() {
        return Err(UserError::usage(format!("{flag} is empty"))
            .hint("give a duration back from now (1h, 30m, 2d) or a time (2023-10-02T10:00Z)"));
    }
    let named = |e: UserError| {
        let mut u = UserError::usage(format!("{flag}: {}", e.message));
        u.hint = Some(
            "give a duration back from now (1h, 30m, 2d, `90 minutes ago`) or a time (2023-10-02T10:00Z, RFC 3339, `2023-10-02 10:00` in UTC)".into(),
        );
        if e.message.contains("too far back") {
            u.hint = e.hint;
        }
        u
    };
    let bare = s.starts_with(|c: char| c.is_ascii_digit())
        && !s.contains(['-', ':', 'T'])
        && !s.ends_with("ago");
    let t = if bare {
        // A bare duration: that long ago.
        crate::restore::time::parse_time(&format!("{s} ago"), None, now).map_err(named)?
    } else {
        crate::restore::time::parse_time(s, None, now).map_err(named)?
    };
    if t.utc > now + TimeDelta::minutes(1) {
        return Err(UserError::usage(format!(
            "{flag} {} is in the future",
            crate::restore::time::format_utc(t.utc)
        ))
        .hint("give a time in the past, or a duration back from now such as 1h"));
    }
    Ok(t.utc)
}

/// A clap value parser for `--since`/`--until` (checked again, with one
/// `now`, by [`window`]).
pub fn time_value(s: &str) -> Result<String, String> {
    parse_time("the time", s, Utc::now())
        .map(|_| s.to_string())
        .map_err(|e| match e.hint {
            Some(h) => format!("{} ({h})", e.message.trim_start_matches("the time: ")),
            None => e.message.trim_start_matches("the time: ").to_string(),
        })
}

/// The `--slow` threshold: a duration from 0 to 7 days.
pub fn slow_value(s: &str) -> Result<Duration, String> {
    let t = s.trim();
    if t.starts_with('-') {
        return Err(format!(
            "`{s}` is negative: give the shortest statement duration to keep, e.g. 500ms or 2s"
        ));
    }
    if t.is_empty() {
        return Err("give the shortest statement duration to keep, e.g. 500ms or 2s".into());
    }
    if t == "0" {
        return Ok(Duration::ZERO);
    }
    let d = humantime::parse_duration(t)
        .map_err(|e| format!("cannot read `{s}` as a duration: {e} (e.g. 500ms, 2s, 1m)"))?;
    if d > MAX_SLOW {
        return Err(format!(
            "`{s}` is more than 7 days: no statement logged runs that long"
        ));
    }
    Ok(d)
}

/// `--grep` and `--user`: text that must not be empty.
pub fn non_empty(s: &str) -> Result<String, String> {
    if s.is_empty() {
        return Err("it is empty, and would match every line: leave the flag out instead".into());
    }
    if s.contains('\n') {
        return Err(
            "it holds a newline: log lines are matched one entry at a time, give one line of text"
                .into(),
        );
    }
    Ok(s.to_string())
}

/// The time range read, in UTC.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    pub since: DateTime<Utc>,
    pub until: Option<DateTime<Utc>>,
}

/// `--since` (default: `default_since` before `--until`, or before now) and
/// `--until`; `--until` before `--since` is an error naming both.
pub fn window(
    since: Option<&str>,
    until: Option<&str>,
    default_since: TimeDelta,
    now: DateTime<Utc>,
) -> Result<Window, UserError> {
    let until = until.map(|u| parse_time("--until", u, now)).transpose()?;
    let since = match since {
        Some(s) => parse_time("--since", s, now)?,
        None => until.unwrap_or(now) - default_since,
    };
    if let Some(u) = until {
        if u <= since {
            return Err(UserError::usage(format!(
                "--until {} is not after --since {}",
                crate::restore::time::format_utc(u),
                crate::restore::time::format_utc(since)
            ))
            .hint("--since is where reading starts and --until where it stops: swap them, or widen the range"));
        }
    }
    Ok(Window { since, until })
}

/// Which entries are shown.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub level: Option<MinLevel>,
    pub grep: Option<String>,
    pub user: Option<String>,
    /// `--slow`: only `duration:` entries at least this long.
    pub slow: Option<Duration>,
    pub window: Option<Window>,
}

impl Filter {
    /// Whether `entry` is shown; for `--slow`, with its duration.
    pub fn check(&self, entry: &Entry) -> Option<Option<Timed>> {
        if let Some(min) = self.level {
            if entry.level.severity() < min.severity() {
                return None;
            }
        }
        if let Some(u) = &self.user {
            if entry.user.as_deref() != Some(u.as_str()) {
                return None;
            }
        }
        if let (Some(w), Some(t)) = (&self.window, entry.time) {
            // Files hold whole hours: keep the asked range only.
            if t < w.since.with_timezone(&Utc) - TimeDelta::seconds(1)
                || w.until.is_some_and(|u| t > u)
            {
                return None;
            }
        }
        if let Some(g) = &self.grep {
            if !entry.contains(g) {
                return None;
            }
        }
        match self.slow {
            None => Some(None),
            Some(min) => {
                let t = slow::timed(entry)?;
                (t.ms >= min.as_secs_f64() * 1000.0).then_some(Some(t))
            }
        }
    }
}

/// Severity `level` passes `--level`? (for callers outside the filter).
pub fn passes(level: Level, min: MinLevel) -> bool {
    level.severity() >= min.severity()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2023-10-02T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn since_reads_durations_and_times() {
        let t = |s: &str| parse_time("--since", s, now()).map(crate::restore::time::format_utc);
        assert_eq!(t("1h").unwrap(), "2023-10-02T11:00:00Z");
        assert_eq!(t("90m").unwrap(), "2023-10-02T10:30:00Z");
        assert_eq!(t("2d").unwrap(), "2023-09-30T12:00:00Z");
        assert_eq!(t("-30m").unwrap(), "2023-10-02T11:30:00Z");
        assert_eq!(t("1h ago").unwrap(), "2023-10-02T11:00:00Z");
        assert_eq!(t("2023-10-02T10:00Z").unwrap(), "2023-10-02T10:00:00Z");
        assert_eq!(t("2023-10-02 10:00").unwrap(), "2023-10-02T10:00:00Z");
    }

    #[test]
    fn bad_times_name_the_flag() {
        let e = parse_time("--since", "yesterday-ish", now()).unwrap_err();
        assert!(
            e.message.starts_with("--since: cannot read"),
            "{}",
            e.message
        );
        assert!(e.hint.unwrap().contains("1h"));
        let e = parse_time("--since", "99999d", now()).unwrap_err();
        assert!(e.message.contains("too far back"), "{}", e.message);
        let e = parse_time("--until", "2999-01-01T00:00Z", now()).unwrap_err();
        assert!(e
            .message
            .contains("--until 2999-01-01T00:00:00Z is in the future"));
        let e = parse_time("--since", "  ", now()).unwrap_err();
        assert_eq!(e.message, "--since is empty");
    }

    #[test]
    fn until_before_since_is_refused() {
        let e = window(Some("1h"), Some("2h"), DEFAULT_SINCE, now()).unwrap_err();
        assert!(
            e.message
                .contains("--until 2023-10-02T10:00:00Z is not after --since 2023-10-02T11:00:00Z"),
            "{}",
            e.message
        );
        let w = window(None, Some("2023-10-02T08:00Z"), DEFAULT_SINCE, now()).unwrap();
        assert_eq!(
            crate::restore::time::format_utc(w.since),
            "2023-10-02T07:00:00Z"
        );
        let w = window(None, None, DEFAULT_FOLLOW_SINCE, now()).unwrap();
        assert_eq!((w.since, w.until), (now() - DEFAULT_FOLLOW_SINCE, None));
    }

    #[test]
    fn slow_thresholds() {
        assert_eq!(slow_value("500ms").unwrap(), Duration::from_millis(500));
        assert_eq!(slow_value("0").unwrap(), Duration::ZERO);
        assert!(slow_value("-5ms").unwrap_err().contains("negative"));
        assert!(slow_value("8d").unwrap_err().contains("more than 7 days"));
        assert!(slow_value("99999999999999999999h")
            .unwrap_err()
            .contains("cannot read"));
        assert!(slow_value("fast").unwrap_err().contains("cannot read"));
        assert!(non_empty("").is_err());
        assert!(non_empty("a\nb").is_err());
    }
}
