//! Text helpers shared by configuration, migrations and lint: positions in
//! a text, typo suggestions and human durations. No dependencies on dbtool's
//! domain modules, so anything may use them.

use std::time::Duration;

/// The candidate closest to `word`, if close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

/// The line starts of a text, for many [`line_col`] look-ups in one text
/// (every statement and finding of a file): each is a binary search plus
/// a count within the line, instead of a count from the start.
#[derive(Debug, Clone, Default)]
pub struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Lines { starts }
    }

    /// Line `line` (1-based) of `text`, the text this index was made of,
    /// without its terminator (`\n` or `\r\n`); empty past the end.
    pub fn line<'a>(&self, text: &'a str, line: usize) -> &'a str {
        let Some(&start) = self.starts.get(line.max(1) - 1) else {
            return "";
        };
        let start = start.min(text.len());
        match self.starts.get(line.max(1)) {
            // Ended by `\n`: a `\r` before it is part of the terminator.
            Some(&next) => {
                let l = &text[start..(next - 1).max(start)];
                l.strip_suffix('\r').unwrap_or(l)
            }
            None => &text[start..],
        }
    }

    /// [`line_col`] of `offset` in `text`, the text this index was made of.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = text.floor_char_boundary(offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1].min(offset);
        (line, text[start..offset].chars().count() + 1)
    }
}

/// The longest duration any setting accepts. Far beyond every real use
/// (lock waits, poll intervals, session durations), and far from where
/// `Instant + Duration` or a conversion to milliseconds/i32 seconds overflows.
pub const MAX_DURATION: Duration = Duration::from_secs(365 * 86_400);

/// Parses "5s", "1h 30m", "250ms"; a bare "0" is zero. At most
/// [`MAX_DURATION`]; never panics.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    if s.trim() == "0" {
        return Ok(Duration::ZERO);
    }
    let d = humantime::parse_duration(s.trim()).map_err(|e| {
        format!("invalid duration `{s}`: {e} (examples: \"5s\", \"250ms\", \"1h\")")
    })?;
    if d > MAX_DURATION {
        return Err(format!(
            "invalid duration `{s}`: at most 365 days (examples: \"5s\", \"250ms\", \"1h\")"
        ));
    }
    Ok(d)
}

/// A polling interval: a [`parse_duration`] above zero (zero would poll AWS
/// in a tight loop).
pub fn parse_interval(s: &str) -> Result<Duration, String> {
    let d = parse_duration(s)?;
    if d.is_zero() {
        return Err(format!(
            "invalid interval `{s}`: must be more than 0 (e.g. \"5s\")"
        ));
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn lines_agree_with_line_col(text in "[a\r\n é\u{1F600}]{0,40}", offset in 0usize..60) {
            proptest::prop_assert_eq!(Lines::new(&text).line_col(&text, offset), line_col(&text, offset));
        }
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\ncé d", 7), (2, 4));
    }

    #[test]
    fn durations_beyond_a_year_and_zero_intervals_are_refused() {
        assert!(parse_duration("9999999999999999h")
            .unwrap_err()
            .contains("invalid duration"));
        assert!(parse_duration("366d")
            .unwrap_err()
            .contains("at most 365 days"));
        assert_eq!(parse_duration("365d"), Ok(MAX_DURATION));
        assert!(parse_interval("0s").unwrap_err().contains("more than 0"));
        assert_eq!(parse_interval("50ms"), Ok(Duration::from_millis(50)));
    }
    /// Property tests: bounded in the suite (256 cases); a longer run is
    /// `PROPTEST_CASES=100000 cargo test --lib text::`.
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

        proptest! {
            #![proptest_config(config())]

            /// No input panics, and nothing above the maximum is accepted.
            #[test]
            fn durations_never_panic_and_stay_bounded(
                input in prop_oneof![
                    ".{0,30}",
                    "[0-9]{1,30} ?(ns|us|ms|s|sec|m|min|h|hours|d|days|w|weeks|M|months|y|years)",
                    "([0-9]{1,12}(h|m|s|ms) ?){1,4}",
                ]
            ) {
                if let Ok(d) = parse_duration(&input) {
                    prop_assert!(d <= MAX_DURATION, "{input}: {d:?}");
                }
                if let Ok(d) = parse_interval(&input) {
                    prop_assert!(!d.is_zero());
                }
            }

            /// What dbtool writes back (humantime) reads as the same duration.
            #[test]
            fn durations_round_trip(secs in 0u64..=MAX_DURATION.as_secs(), nanos in 0u32..1_000_000_000) {
                let d = Duration::new(secs, nanos).min(MAX_DURATION);
                let text = humantime::format_duration(d).to_string();
                prop_assert_eq!(parse_duration(&text), Ok(d), "{}", text);
            }
        }
    }
}
