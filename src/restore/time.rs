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
        let utc = now.checked_sub_signed(d).ok_or_else(|| too_far(input))?;
        return Ok(ParsedTime {
            utc,
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

/// How far back a relative time may go: far beyond any RDS backup retention
/// (35 days at most), and far from chrono's limits, so arithmetic on it
/// cannot overflow.
pub const MAX_RELATIVE_DAYS: i64 = 3650;

fn too_far(input: &str) -> UserError {
    UserError::usage(format!("`{}` is too far back", input.trim())).hint(format!(
        "a relative time goes back at most {MAX_RELATIVE_DAYS} days (RDS keeps at most 35 days of backups); give an absolute time such as 2023-10-02T10:00Z"
    ))
}

/// `-30m`, `30m ago`, `1h30m ago`, `90 minutes ago`: the duration back from
/// now; None when `s` is not a relative form. A total beyond
/// [`MAX_RELATIVE_DAYS`] is an error, never an overflow.
fn parse_relative(s: &str) -> Option<Result<chrono::TimeDelta, UserError>> {
    let body = if let Some(rest) = s.strip_prefix('-') {
        rest.trim()
    } else if let Some(rest) = s.strip_suffix("ago") {
        rest.trim()
    } else {
        return None;
    };
    let re = regex::Regex::new(r"(?i)(\d+)\s*(seconds|second|secs|sec|s|minutes|minute|mins|min|m|hours|hour|hrs|hr|h|days|day|d)\s*,?\s*").expect("valid regex");
    let max_secs = MAX_RELATIVE_DAYS * 86_400;
    let mut total_secs: i64 = 0;
    let mut consumed = 0;
    let mut too_big = false;
    for c in re.captures_iter(body) {
        let m = c.get(0).expect("whole match");
        if m.start() != consumed {
            return Some(Err(bad_time(s)));
        }
        consumed = m.end();
        let unit = c[2].to_ascii_lowercase();
        let per: i64 = match unit.chars().next() {
            Some('s') => 1,
            Some('m') => 60,
            Some('h') => 3600,
            _ => 86_400,
        };
        // Digits only, so a parse failure is a number too large for i64.
        let secs = c[1]
            .parse::<i64>()
            .ok()
            .and_then(|n| n.checked_mul(per))
            .and_then(|d| total_secs.checked_add(d));
        match secs {
            Some(t) if t <= max_secs => total_secs = t,
            _ => too_big = true,
        }
    }
    if consumed == 0 || consumed != body.len() {
        return Some(Err(bad_time(s)));
    }
    if too_big {
        return Some(Err(too_far(s)));
    }
    Some(Ok(chrono::TimeDelta::seconds(total_secs)))
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
    fn absurd_relative_times_are_too_far_back_not_panics() {
        for bad in [
            "1000000000 days ago",
            "9999999999999999 s ago",
            "-9999999999999999999999h",
            "9223372036854775807 seconds ago",
            "3651 days ago",
            "3650 days 1s ago",
        ] {
            let e = parse_time(bad, None, now()).unwrap_err();
            assert_eq!(e.kind, crate::error::ErrorKind::Usage, "{bad}");
            assert!(e.message.contains("too far back"), "{bad}: {}", e.message);
            assert!(e.hint.unwrap().contains("3650 days"), "{bad}");
        }
        let p = parse_time("3650 days ago", None, now()).unwrap();
        assert_eq!(p.utc, now() - chrono::TimeDelta::days(3650));
    }

    #[test]
    fn humanize_durations() {
        assert_eq!(humanize(chrono::TimeDelta::seconds(0)), "0s");
        assert_eq!(humanize(chrono::TimeDelta::seconds(5400)), "1h 30m");
        assert_eq!(humanize(chrono::TimeDelta::days(7)), "7d");
    }

    /// Property tests: bounded in the suite (256 cases); a longer run is
    /// `PROPTEST_CASES=100000 cargo test --lib restore::time`.
    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn config() -> ProptestConfig {
            let cases = std::env::var("PROPTEST_CASES")
                .ok()
                .and_then(|c| c.parse().ok())
                .unwrap_or(256);
            ProptestConfig::with_cases(cases)
        }

        fn relative() -> impl Strategy<Value = String> {
            (
                prop::option::of(Just("-")),
                prop::collection::vec(
                    (
                        "[0-9]{1,25}",
                        prop::sample::select(vec![
                            "s", "sec", "seconds", "m", "min", "minutes", "h", "hours", "d",
                            "days", "x",
                        ]),
                        prop::sample::select(vec!["", " ", ", "]),
                    ),
                    1..4,
                ),
            )
                .prop_map(|(minus, parts)| {
                    let body: String = parts
                        .into_iter()
                        .map(|(n, u, sep)| format!("{n}{u}{sep}"))
                        .collect();
                    match minus {
                        Some(m) => format!("{m}{body}"),
                        None => format!("{body} ago"),
                    }
                })
        }

        fn absolute() -> impl Strategy<Value = String> {
            (
                "[0-9]{4}-[0-9]{2}-[0-9]{2}",
                prop::sample::select(vec!["T", " ", "t"]),
                "[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,12})?)?",
                prop::sample::select(vec!["", "Z", " UTC", "+99:99", "-23:59", "+0530", "z"]),
            )
                .prop_map(|(d, sep, t, off)| format!("{d}{sep}{t}{off}"))
        }

        proptest! {
            #![proptest_config(config())]

            /// No input panics; every failure is a usage error with a hint.
            #[test]
            fn never_panics(
                input in prop_oneof![".{0,40}", relative(), absolute()],
                tz in prop::option::of(prop::sample::select(vec!["Europe/London", "UTC", "Mars/Olympus", "America/St_Johns"])),
                now_secs in -8_000_000_000i64..250_000_000_000i64,
            ) {
                let now = DateTime::<Utc>::from_timestamp(now_secs, 0).unwrap();
                match parse_time(&input, tz, now) {
                    Ok(p) => { let _ = format_utc(p.utc); }
                    Err(e) => {
                        prop_assert_eq!(e.kind, crate::error::ErrorKind::Usage);
                        prop_assert!(e.hint.is_some(), "{}", e.message);
                    }
                }
            }

            /// A UTC time written canonically reads back as itself.
            #[test]
            fn canonical_times_round_trip(secs in -62_135_596_800i64..253_402_300_799i64) {
                let t = DateTime::<Utc>::from_timestamp(secs, 0).unwrap();
                let p = parse_time(&format_utc(t), None, now()).unwrap();
                prop_assert_eq!(p.utc, t);
            }

            /// `N s ago` is exactly N seconds before now, up to the limit; past it, an error.
            #[test]
            fn relative_seconds_round_trip(n in 0i64..(MAX_RELATIVE_DAYS * 86_400 * 2)) {
                let r = parse_time(&format!("{n}s ago"), None, now());
                if n <= MAX_RELATIVE_DAYS * 86_400 {
                    prop_assert_eq!(r.unwrap().utc, now() - chrono::TimeDelta::seconds(n));
                } else {
                    prop_assert!(r.unwrap_err().message.contains("too far back"));
                }
            }

            /// What `humanize` prints reads back as the same duration.
            #[test]
            fn humanized_durations_read_back(n in 1i64..=(MAX_RELATIVE_DAYS * 86_400)) {
                let d = chrono::TimeDelta::seconds(n);
                let p = parse_time(&format!("{} ago", humanize(d)), None, now()).unwrap();
                prop_assert_eq!(p.utc, now() - d);
            }
        }
    }
}
