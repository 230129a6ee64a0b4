//! PostgreSQL's `log_line_prefix` as a parser: a prefix such as RDS's
//! default `%t:%r:%u@%d:[%p]:` is compiled once into a regular expression
//! that splits a server log line into time, client, user, database, pid,
//! level and message. Pure; touches nothing.

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};
use regex::Regex;
use serde::Serialize;

/// The prefix RDS and Aurora PostgreSQL write (not changeable there).
pub const RDS_DEFAULT_PREFIX: &str = "%t:%r:%u@%d:[%p]:";

/// A severity or a secondary line of a log entry, as PostgreSQL writes it
/// after the prefix (`LOG:`, `ERROR:`, `DETAIL:`…).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Level {
    Debug,
    Info,
    Notice,
    Warning,
    Error,
    Log,
    Fatal,
    Panic,
    Detail,
    Hint,
    Query,
    Context,
    Location,
    Statement,
    /// A line the prefix did not match (shown as it is).
    #[serde(rename = "UNPARSED")]
    Unparsed,
}

impl Level {
    fn from_tag(tag: &str) -> Option<Level> {
        Some(match tag {
            "DEBUG" | "DEBUG1" | "DEBUG2" | "DEBUG3" | "DEBUG4" | "DEBUG5" => Level::Debug,
            "INFO" => Level::Info,
            "NOTICE" => Level::Notice,
            "WARNING" => Level::Warning,
            "ERROR" => Level::Error,
            "LOG" => Level::Log,
            "FATAL" => Level::Fatal,
            "PANIC" => Level::Panic,
            "DETAIL" => Level::Detail,
            "HINT" => Level::Hint,
            "QUERY" => Level::Query,
            "CONTEXT" => Level::Context,
            "LOCATION" => Level::Location,
            "STATEMENT" => Level::Statement,
            _ => return None,
        })
    }

    /// The tag as PostgreSQL writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Debug => "DEBUG",
            Level::Info => "INFO",
            Level::Notice => "NOTICE",
            Level::Warning => "WARNING",
            Level::Error => "ERROR",
            Level::Log => "LOG",
            Level::Fatal => "FATAL",
            Level::Panic => "PANIC",
            Level::Detail => "DETAIL",
            Level::Hint => "HINT",
            Level::Query => "QUERY",
            Level::Context => "CONTEXT",
            Level::Location => "LOCATION",
            Level::Statement => "STATEMENT",
            Level::Unparsed => "-",
        }
    }

    /// DETAIL, HINT, QUERY, CONTEXT, LOCATION, STATEMENT: lines that belong
    /// to the entry before them.
    pub fn is_secondary(self) -> bool {
        matches!(
            self,
            Level::Detail
                | Level::Hint
                | Level::Query
                | Level::Context
                | Level::Location
                | Level::Statement
        )
    }

    /// How severe, for `--level`: debug 0; log, info, notice (and lines that
    /// were not parsed) 1; warning 2; error 3; fatal 4; panic 5.
    pub fn severity(self) -> u8 {
        match self {
            Level::Debug => 0,
            Level::Warning => 2,
            Level::Error => 3,
            Level::Fatal => 4,
            Level::Panic => 5,
            _ => 1,
        }
    }
}

/// What one `%` escape of the prefix stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    /// `%t`, `%s`: `2023-10-02 10:00:00 UTC`.
    Time,
    /// `%m`: `2023-10-02 10:00:00.123 UTC`.
    TimeMs,
    /// `%n`: `1696240800.123`.
    Epoch,
    /// `%r`: `10.0.0.1(54321)`, `[local]`, or empty.
    Remote,
    /// `%h`: `10.0.0.1`, `[local]`, or empty.
    Host,
    /// `%u`.
    User,
    /// `%d`.
    Database,
    /// `%a`.
    App,
    /// `%p`.
    Pid,
    /// Anything else dbtool does not keep (`%b`, `%c`, `%l`, `%v`, `%x`…).
    Other,
}

/// A compiled `log_line_prefix`.
#[derive(Debug, Clone)]
pub struct LinePrefix {
    text: String,
    regex: Regex,
    /// Capture group `f{i}` holds `fields[i]`.
    fields: Vec<Field>,
}

/// One line split by the prefix.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    /// The prefix's time (`%t`, `%m`, `%n`), when it has one and it reads.
    pub time: Option<DateTime<Utc>>,
    /// `%r` (or `%h`): the client address.
    pub client: Option<String>,
    pub user: Option<String>,
    pub database: Option<String>,
    pub application: Option<String>,
    pub pid: Option<u32>,
    pub level: Option<Level>,
    /// The text after `LEVEL:  `.
    pub message: String,
}

impl LinePrefix {
    /// Compiles a prefix; an unknown escape or a lone `%` at the end is an
    /// error naming it.
    pub fn parse(prefix: &str) -> Result<LinePrefix, String> {
        let mut pattern = String::from("^");
        let mut fields = Vec::new();
        let mut optional_tail = false;
        let mut chars = prefix.chars().peekable();
        let mut literal = String::new();
        while let Some(c) = chars.next() {
            if c != '%' {
                literal.push(c);
                continue;
            }
            // Padding: `%-10u`, `%10u`.
            let mut padding = String::new();
            while let Some(&d) = chars.peek() {
                if d == '-' && padding.is_empty() || d.is_ascii_digit() {
                    padding.push(d);
                    chars.next();
                } else {
                    break;
                }
            }
            let Some(esc) = chars.next() else {
                return Err(format!("log_line_prefix `{prefix}` ends with a lone `%`"));
            };
            if esc == '%' {
                literal.push('%');
                continue;
            }
            pattern.push_str(&regex::escape(&literal));
            literal.clear();
            if esc == 'q' {
                // Non-session processes stop the prefix here.
                if !optional_tail {
                    pattern.push_str("(?:");
                    optional_tail = true;
                }
                continue;
            }
            let (field, re) = match esc {
                't' | 's' => (Field::Time, TIME),
                'm' => (Field::TimeMs, TIME_MS),
                'n' => (Field::Epoch, r"\d+(?:\.\d+)?"),
                'r' => (Field::Remote, r"(?:\[local\]|[^\s()]*\(\d+\))?"),
                'h' => (Field::Host, r"[^\s]*?"),
                'u' => (Field::User, r"[^\n]*?"),
                'd' => (Field::Database, r"[^\n]*?"),
                'a' => (Field::App, r"[^\n]*?"),
                'p' => (Field::Pid, r"\d*"),
                'P' | 'l' | 'x' => (Field::Other, r"\d*"),
                'Q' => (Field::Other, r"-?\d*"),
                'e' => (Field::Other, r"[0-9A-Z]{5}"),
                'b' | 'i' => (Field::Other, r"[^\n]*?"),
                'c' | 'v' | 'L' => (Field::Other, r"[^\s]*?"),
                other => {
                    return Err(format!(
                        "log_line_prefix `{prefix}` has an unknown escape `%{other}` (PostgreSQL's are %a %u %d %r %h %L %b %p %P %t %m %n %i %e %c %l %s %v %x %q %Q %%)"
                    ))
                }
            };
            let pad = if padding.is_empty() { "" } else { " *" };
            pattern.push_str(&format!("{pad}(?P<f{}>{re}){pad}", fields.len()));
            fields.push(field);
        }
        pattern.push_str(&regex::escape(&literal));
        if optional_tail {
            pattern.push_str(")?");
        }
        pattern.push_str(
            r"(?P<level>DEBUG[1-5]?|INFO|NOTICE|WARNING|ERROR|LOG|FATAL|PANIC|DETAIL|HINT|QUERY|CONTEXT|LOCATION|STATEMENT): ?\s?(?P<msg>.*)$",
        );
        let regex = Regex::new(&pattern)
            .map_err(|e| format!("log_line_prefix `{prefix}` cannot be compiled: {e}"))?;
        Ok(LinePrefix {
            text: prefix.to_string(),
            regex,
            fields,
        })
    }

    /// The RDS default.
    pub fn rds_default() -> LinePrefix {
        LinePrefix::parse(RDS_DEFAULT_PREFIX).expect("the RDS default prefix compiles")
    }

    /// The prefix as configured.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Splits one line (without its newline); `None` when the line does not
    /// start with this prefix and a level (a continuation line).
    pub fn parse_line(&self, line: &str) -> Option<Line> {
        let c = self.regex.captures(line)?;
        let mut out = Line {
            level: c.name("level").and_then(|m| Level::from_tag(m.as_str())),
            message: c.name("msg").map_or("", |m| m.as_str()).to_string(),
            ..Line::default()
        };
        for (i, field) in self.fields.iter().enumerate() {
            let Some(m) = c.name(&format!("f{i}")) else {
                continue;
            };
            let v = m.as_str().trim();
            let non_empty = || (!v.is_empty()).then(|| v.to_string());
            match field {
                Field::Time | Field::TimeMs => out.time = out.time.or_else(|| parse_pg_time(v)),
                Field::Epoch => {
                    out.time = out.time.or_else(|| {
                        let secs: f64 = v.parse().ok()?;
                        DateTime::from_timestamp_millis((secs * 1000.0).round() as i64)
                    })
                }
                Field::Remote | Field::Host => out.client = out.client.take().or_else(non_empty),
                Field::User => out.user = non_empty(),
                Field::Database => out.database = non_empty(),
                Field::App => out.application = non_empty(),
                Field::Pid => out.pid = v.parse().ok(),
                Field::Other => {}
            }
        }
        Some(out)
    }
}

const TIME: &str =
    r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?: ?[+-]\d{2}(?::?\d{2})?| [A-Za-z][A-Za-z0-9+-]*)?";
const TIME_MS: &str =
    r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d+(?: ?[+-]\d{2}(?::?\d{2})?| [A-Za-z][A-Za-z0-9+-]*)?";

/// `2023-10-02 10:00:00[.123] UTC` (or `+02`, `+0530`, no zone) as UTC;
/// `None` for a zone abbreviation other than UTC/GMT (ambiguous).
pub fn parse_pg_time(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    let split = s
        .char_indices()
        .skip(19)
        .find(|(_, c)| *c == ' ' || *c == '+' || *c == '-')
        .map_or(s.len(), |(i, _)| i);
    let (stamp, zone) = s.split_at(split);
    let naive = NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d %H:%M:%S%.f").ok()?;
    let zone = zone.trim();
    match zone {
        "" | "UTC" | "GMT" | "Z" => Some(Utc.from_utc_datetime(&naive)),
        z if z.starts_with('+') || z.starts_with('-') => {
            let digits: String = z[1..].chars().filter(|c| c.is_ascii_digit()).collect();
            let (h, m) = match digits.len() {
                2 => (digits.parse::<i32>().ok()?, 0),
                4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
                _ => return None,
            };
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let off = FixedOffset::east_opt(sign * (h * 3600 + m * 60))?;
            off.from_local_datetime(&naive)
                .single()
                .map(|t| t.with_timezone(&Utc))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_rds_default_splits_every_field() {
        let p = LinePrefix::rds_default();
        let l = p
            .parse_line("2023-10-02 10:00:00 UTC:10.0.1.23(54321):app@notify:[4242]:LOG:  duration: 1.5 ms  statement: SELECT 1")
            .unwrap();
        assert_eq!(l.time, Some(t("2023-10-02T10:00:00Z")));
        assert_eq!(l.client.as_deref(), Some("10.0.1.23(54321)"));
        assert_eq!(l.user.as_deref(), Some("app"));
        assert_eq!(l.database.as_deref(), Some("notify"));
        assert_eq!(l.pid, Some(4242));
        assert_eq!(l.level, Some(Level::Log));
        assert_eq!(l.message, "duration: 1.5 ms  statement: SELECT 1");
    }

    #[test]
    fn background_processes_have_empty_fields() {
        let p = LinePrefix::rds_default();
        let l = p
            .parse_line("2023-10-02 10:00:00 UTC::@:[570]:LOG:  checkpoint starting: time")
            .unwrap();
        assert_eq!((l.client, l.user, l.database), (None, None, None));
        assert_eq!(l.pid, Some(570));
        assert_eq!(l.message, "checkpoint starting: time");
    }

    #[test]
    fn local_clients_ipv6_and_colons_in_names() {
        let p = LinePrefix::rds_default();
        let l = p
            .parse_line("2023-10-02 10:00:00 UTC:[local]:postgres@db:x:[7]:ERROR:  boom: at 1:2")
            .unwrap();
        assert_eq!(l.client.as_deref(), Some("[local]"));
        assert_eq!(l.database.as_deref(), Some("db:x"));
        assert_eq!(l.level, Some(Level::Error));
        assert_eq!(l.message, "boom: at 1:2");
        let l = p
            .parse_line(
                "2023-10-02 10:00:00 UTC:2001:db8::1(5432):rdsadmin@rdsadmin:[9]:FATAL:  no",
            )
            .unwrap();
        assert_eq!(l.client.as_deref(), Some("2001:db8::1(5432)"));
        assert_eq!(l.level, Some(Level::Fatal));
    }

    #[test]
    fn continuation_lines_do_not_match() {
        let p = LinePrefix::rds_default();
        assert_eq!(p.parse_line("\tFROM orders WHERE id = 1"), None);
        assert_eq!(p.parse_line(""), None);
        assert_eq!(p.parse_line("LOG:  no prefix"), None);
    }

    #[test]
    fn other_prefixes_padding_and_q() {
        let p = LinePrefix::parse("%m [%p] %q%u@%d ").unwrap();
        let l = p
            .parse_line("2023-10-02 10:00:00.123 UTC [12] app@shop ERROR:  bad")
            .unwrap();
        assert_eq!(l.time, Some(t("2023-10-02T10:00:00.123Z")));
        assert_eq!(l.user.as_deref(), Some("app"));
        let l = p
            .parse_line("2023-10-02 10:00:00.123 UTC [12] LOG:  checkpoint complete")
            .unwrap();
        assert_eq!(l.user, None);
        assert_eq!(l.level, Some(Level::Log));
        let p = LinePrefix::parse("%-8p|%10u|%%|").unwrap();
        let l = p.parse_line("42      |       bob|%|WARNING:  w").unwrap();
        assert_eq!(l.pid, Some(42));
        assert_eq!(l.user.as_deref(), Some("bob"));
        assert_eq!(l.level, Some(Level::Warning));
        let l = LinePrefix::parse("%n ")
            .unwrap()
            .parse_line("1696240800.500 LOG:  x")
            .unwrap();
        assert_eq!(l.time, Some(t("2023-10-02T10:00:00.5Z")));
    }

    #[test]
    fn bad_prefixes_are_errors_naming_the_escape() {
        let e = LinePrefix::parse("%t %z").unwrap_err();
        assert!(e.contains("`%z`"), "{e}");
        let e = LinePrefix::parse("%t %").unwrap_err();
        assert!(e.contains("lone `%`"), "{e}");
    }

    #[test]
    fn times_with_offsets_and_unknown_zones() {
        assert_eq!(
            parse_pg_time("2023-10-02 12:00:00 +02"),
            Some(t("2023-10-02T10:00:00Z"))
        );
        assert_eq!(
            parse_pg_time("2023-10-02 15:30:00+0530"),
            Some(t("2023-10-02T10:00:00Z"))
        );
        assert_eq!(parse_pg_time("2023-10-02 12:00:00 CEST"), None);
        assert_eq!(parse_pg_time("nonsense"), None);
    }

    fn name() -> impl Strategy<Value = String> {
        "[a-z_][a-z0-9_:@.-]{0,12}"
    }

    proptest! {
        /// Any line written with the default prefix reads back field by field.
        #[test]
        fn default_prefix_round_trips(
            secs in 0i64..4_000_000_000,
            ip in "(\\d{1,3}\\.){3}\\d{1,3}",
            port in 1u16..,
            user in name(),
            db in name(),
            pid in 1u32..,
            level in prop::sample::select(vec!["LOG", "ERROR", "WARNING", "FATAL", "DETAIL", "STATEMENT", "HINT"]),
            message in "[^\n]{0,80}",
        ) {
            let time = DateTime::from_timestamp(secs, 0).unwrap();
            let line = format!(
                "{} UTC:{ip}({port}):{user}@{db}:[{pid}]:{level}:  {message}",
                time.format("%Y-%m-%d %H:%M:%S")
            );
            let l = LinePrefix::rds_default().parse_line(&line).unwrap();
            prop_assert_eq!(l.time, Some(time));
            prop_assert_eq!(l.client, Some(format!("{ip}({port})")));
            prop_assert_eq!(l.pid, Some(pid));
            prop_assert_eq!(l.level.map(Level::as_str), Some(level));
            // `@` in a user name is ambiguous; the pair always reads back.
            prop_assert_eq!(
                format!("{}@{}", l.user.unwrap_or_default(), l.database.unwrap_or_default()),
                format!("{user}@{db}")
            );
            prop_assert_eq!(l.message.trim_start(), message.trim_start());
        }

        /// The parser never panics, whatever the prefix and the line.
        #[test]
        fn never_panics(prefix in "[%a-zA-Z:@\\[\\] -]{0,20}", line in "\\PC{0,120}") {
            if let Ok(p) = LinePrefix::parse(&prefix) {
                let _ = p.parse_line(&line);
            }
        }
    }
}
