//! Parsing the `--to` time of a point-in-time restore: RFC 3339 (with or
//! without seconds), `YYYY-MM-DD HH:MM[:SS]` in a named zone or UTC, and
//! relative forms (`-30m`, `1h ago`, `90 minutes ago`). Pure; touches nothing.

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};

use crate::error::UserError;

/// A parsed restore time, always in UTC, with how it was interpreted.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedTime {
    pub utc: DateTime<Utc>,
    /// How the input was read, e.g. "local time in Europe/London" or a warning
    /// that a time without an offset was taken as UTC.
    pub interpretation: String,
}

/// Parses `input` relative to `now`; `tz` (an IANA name) applies to times
/// written without an offset.
pub fn parse_time(
    input: &str,
    tz: Option<&str>,
    now: DateTime<Utc>,
) -> Result<ParsedTime, UserError> {
    let s = input.trim();
    if let Some(d) = parse_relative(s) {
        let d = d?;
        return Ok(ParsedTime {
            utc: now - d,
            interpretation: format!("{} before now", humanize(d)),
        });
    }
    let re = regex::Regex::new(
        r"^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|z|UTC|[+-]\d{2}:?\d{2})?$",
    )
    .expect("valid regex");
    let Some(c) = re.captures(s) else {
        return Err(bad_time(input));
    };
    let date = NaiveDate::parse_from_str(&c[1], "%Y-%m-%d").map_err(|_| bad_time(input))?;
    let h: u32 = c[2].parse().map_err(|_| bad_time(input))?;
    let m: u32 = c[3].parse().map_err(|_| bad_time(input))?;
    let sec: u32 = c
        .get(4)
        .map_or(Ok(0), |x| x.as_str().parse())
        .map_err(|_| bad_time(input))?;
    let nanos: u32 = match c.get(5) {
        Some(f) => {
            let digits = &f.as_str()[1..];
            let padded = format!("{digits:0<9}");
            padded[..9].parse().map_err(|_| bad_time(input))?
        }
        None => 0,
    };
    let naive: NaiveDateTime = date
        .and_hms_nano_opt(h, m, sec, nanos)
        .ok_or_else(|| bad_time(input))?;
    match c.get(6).map(|m| m.as_str()) {
        Some("Z" | "z" | "UTC") => Ok(ParsedTime {
            utc: Utc.from_utc_datetime(&naive),
            interpretation: "UTC".into(),
        }),
        Some(off) => {
            let off = off.replace(':', "");
            let sign = if off.starts_with('-') { -1 } else { 1 };
            let hh: i32 = off[1..3].parse().map_err(|_| bad_time(input))?;
            let mm: i32 = off[3..5].parse().map_err(|_| bad_time(input))?;
            let fixed = FixedOffset::east_opt(sign * (hh * 3600 + mm * 60))
                .ok_or_else(|| bad_time(input))?;
            let t = fixed
                .from_local_datetime(&naive)
                .single()
                .ok_or_else(|| bad_time(input))?;
            Ok(ParsedTime {
                utc: t.with_timezone(&Utc),
                interpretation: format!("offset {fixed}"),
            })
        }
        None => match tz {
            Some(name) => {
                let zone: chrono_tz::Tz = name.parse().map_err(|_| {
                    UserError::usage(format!("unknown time zone `{name}`"))
                        .hint("use an IANA name such as Europe/London, America/New_York or UTC")
                })?;
                match zone.from_local_datetime(&naive) {
                    LocalResult::Single(t) => Ok(ParsedTime {
                        utc: t.with_timezone(&Utc),
                        interpretation: format!("local time in {name}"),
                    }),
                    LocalResult::Ambiguous(a, b) => Err(UserError::usage(format!(
                        "`{input}` happens twice in {name} (clocks went back): {} or {}",
                        a.with_timezone(&Utc).format("%Y-%m-%dT%H:%M:%SZ"),
                        b.with_timezone(&Utc).format("%Y-%m-%dT%H:%M:%SZ")
                    ))
                    .hint("give the time with an explicit offset or in UTC (…Z)")),
                    LocalResult::None => Err(UserError::usage(format!(
                        "`{input}` does not exist in {name} (clocks went forward)"
                    ))
                    .hint("give the time with an explicit offset or in UTC (…Z)")),
                }
            }
            None => Ok(ParsedTime {
                utc: Utc.from_utc_datetime(&naive),
                interpretation: "UTC (no offset given and no time zone configured; use --tz ZONE for local time)".into(),
            }),
        },
    }
}

fn bad_time(input: &str) -> UserError {
    UserError::usage(format!("cannot read `{input}` as a time"))
        .hint("use 2023-10-02T10:00Z, an RFC 3339 time with an offset, `2023-10-02 10:00` with --tz ZONE, or a relative time such as -30m or `1h ago`")
}

/// `-30m`, `30m ago`, `1h30m ago`, `90 minutes ago`: the duration back from
/// now; None when `s` is not a relative form.
fn parse_relative(s: &str) -> Option<Result<chrono::TimeDelta, UserError>> {
    let body = if let Some(rest) = s.strip_prefix('-') {
        rest.trim()
    } else if let Some(rest) = s.strip_suffix("ago") {
        rest.trim()
    } else {
        return None;
    };
    let re = regex::Regex::new(r"(?i)(\d+)\s*(seconds|second|secs|sec|s|minutes|minute|mins|min|m|hours|hour|hrs|hr|h|days|day|d)\s*,?\s*").expect("valid regex");
    let mut total = chrono::TimeDelta::zero();
    let mut consumed = 0;
    for c in re.captures_iter(body) {
        let m = c.get(0).expect("whole match");
        if m.start() != consumed {
            return Some(Err(bad_time(s)));
        }
        consumed = m.end();
        let n: i64 = match c[1].parse() {
            Ok(n) => n,
            Err(_) => return Some(Err(bad_time(s))),
        };
        let unit = c[2].to_ascii_lowercase();
        let d = match unit.chars().next() {
            Some('s') => chrono::TimeDelta::seconds(n),
            Some('m') => chrono::TimeDelta::minutes(n),
            Some('h') => chrono::TimeDelta::hours(n),
            _ => chrono::TimeDelta::days(n),
        };
        total += d;
    }
    if consumed == 0 || consumed != body.len() {
        return Some(Err(bad_time(s)));
    }
    Some(Ok(total))
}

/// `1h 30m`-style text for a duration.
pub fn humanize(d: chrono::TimeDelta) -> String {
    let secs = d.num_seconds().max(0);
    let (days, h, m, s) = (
        secs / 86400,
        (secs % 86400) / 3600,
        (secs % 3600) / 60,
        secs % 60,
    );
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(format!("{days}d"));
    }
    if h > 0 {
        parts.push(format!("{h}h"));
    }
    if m > 0 {
        parts.push(format!("{m}m"));
    }
    if s > 0 || parts.is_empty() {
        parts.push(format!("{s}s"));
    }
    parts.join(" ")
}

/// The canonical text of a UTC time: `2023-10-02T10:00:00Z`.
pub fn format_utc(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2023, 10, 2, 12, 0, 0).unwrap()
    }

    fn utc(s: &str) -> String {
        format_utc(parse_time(s, None, now()).unwrap().utc)
    }

    #[test]
    fn rfc3339_forms() {
        assert_eq!(utc("2023-10-02T10:00Z"), "2023-10-02T10:00:00Z");
        assert_eq!(utc("2023-10-02T10:00:30Z"), "2023-10-02T10:00:30Z");
        assert_eq!(utc("2023-10-02T10:00:30.5Z"), "2023-10-02T10:00:30Z");
        assert_eq!(utc("2023-10-02T12:00+02:00"), "2023-10-02T10:00:00Z");
        assert_eq!(utc("2023-10-02T05:30:00-0430"), "2023-10-02T10:00:00Z");
        assert_eq!(utc("2023-10-02 10:00 UTC"), "2023-10-02T10:00:00Z");
    }

    #[test]
    fn local_times_use_the_zone_or_say_utc() {
        let p = parse_time("2023-10-02 11:00", Some("Europe/London"), now()).unwrap();
        assert_eq!(format_utc(p.utc), "2023-10-02T10:00:00Z");
        assert!(p.interpretation.contains("Europe/London"));
        let p = parse_time("2023-10-02 10:00:15", None, now()).unwrap();
        assert_eq!(format_utc(p.utc), "2023-10-02T10:00:15Z");
        assert!(p.interpretation.contains("UTC"), "{}", p.interpretation);
        let e = parse_time("2023-10-02 10:00", Some("Mars/Olympus"), now()).unwrap_err();
        assert!(e.message.contains("unknown time zone"));
    }

    #[test]
    fn dst_gaps_and_overlaps_are_errors() {
        let e = parse_time("2023-03-26 01:30", Some("Europe/London"), now()).unwrap_err();
        assert!(e.message.contains("does not exist"), "{}", e.message);
        let e = parse_time("2023-10-29 01:30", Some("Europe/London"), now()).unwrap_err();
        assert!(e.message.contains("happens twice"), "{}", e.message);
    }

    #[test]
    fn relative_forms() {
        assert_eq!(utc("-30m"), "2023-10-02T11:30:00Z");
        assert_eq!(utc("1h ago"), "2023-10-02T11:00:00Z");
        assert_eq!(utc("90 minutes ago"), "2023-10-02T10:30:00Z");
        assert_eq!(utc("1h30m ago"), "2023-10-02T10:30:00Z");
        assert_eq!(utc("- 2 hours"), "2023-10-02T10:00:00Z");
        assert_eq!(utc("1 day ago"), "2023-10-01T12:00:00Z");
    }

    #[test]
    fn garbage_is_a_usage_error_with_examples() {
        for bad in [
            "yesterday",
            "10:00",
            "2023-13-02T10:00Z",
            "-30x",
            "ago",
            "3 fortnights ago",
        ] {
            let e = parse_time(bad, None, now()).unwrap_err();
            assert!(e.hint.as_deref().unwrap().contains("-30m"), "{bad}");
        }
    }

    #[test]
    fn humanize_durations() {
        assert_eq!(humanize(chrono::TimeDelta::seconds(0)), "0s");
        assert_eq!(humanize(chrono::TimeDelta::seconds(5400)), "1h 30m");
        assert_eq!(humanize(chrono::TimeDelta::days(7)), "7d");
    }
}
