//! Log events (CloudWatch events or lines of a downloaded log file) turned
//! into log entries: one entry per PostgreSQL message, its continuation
//! lines (a multi-line statement) and its DETAIL/HINT/STATEMENT/CONTEXT
//! lines kept with it, in time order across streams. Pure; touches nothing.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::prefix::{Level, LinePrefix};

/// One event as read: a CloudWatch log event, or one line of a log file.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Milliseconds since the epoch (CloudWatch's event time); `None` for file lines.
    pub timestamp_ms: Option<i64>,
    /// The stream (or log file) it came from.
    pub stream: String,
    /// The text; may hold several lines.
    pub message: String,
}

/// A secondary line of an entry: DETAIL, HINT, STATEMENT, CONTEXT…
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Detail {
    pub level: Level,
    pub message: String,
}

/// One PostgreSQL log message with everything that belongs to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// When: the prefix's time, else the event's.
    pub time: Option<DateTime<Utc>>,
    /// The stream (or log file) of its first line.
    pub stream: String,
    pub client: Option<String>,
    pub user: Option<String>,
    pub database: Option<String>,
    pub pid: Option<u32>,
    pub level: Level,
    /// The message, continuation lines joined with `\n`.
    pub message: String,
    pub details: Vec<Detail>,
}

impl Entry {
    /// The message and every detail line, for `--grep`.
    pub fn contains(&self, needle: &str) -> bool {
        self.message.contains(needle)
            || self.details.iter().any(|d| d.message.contains(needle))
            || self.user.as_deref().is_some_and(|u| u.contains(needle))
            || self.database.as_deref().is_some_and(|d| d.contains(needle))
    }

    /// The text of its STATEMENT line, if it has one.
    pub fn statement(&self) -> Option<&str> {
        self.details
            .iter()
            .find(|d| d.level == Level::Statement)
            .map(|d| d.message.as_str())
    }

    fn append(&mut self, line: &str) {
        let target = match self.details.last_mut() {
            Some(d) => &mut d.message,
            None => &mut self.message,
        };
        target.push('\n');
        target.push_str(line);
    }
}

/// Builds entries from events fed in time order.
#[derive(Debug)]
pub struct Assembler<'p> {
    prefix: &'p LinePrefix,
    entries: Vec<Entry>,
    /// The last entry of each stream (continuation lines go there).
    last_of_stream: HashMap<String, usize>,
    /// The last entry of each backend (DETAIL/STATEMENT lines go there).
    last_of_pid: HashMap<u32, usize>,
    /// Lines read, and lines that matched the prefix.
    pub lines: usize,
    pub matched: usize,
}

impl<'p> Assembler<'p> {
    pub fn new(prefix: &'p LinePrefix) -> Self {
        Assembler {
            prefix,
            entries: Vec::new(),
            last_of_stream: HashMap::new(),
            last_of_pid: HashMap::new(),
            lines: 0,
            matched: 0,
        }
    }

    /// Adds one event (every line of it).
    pub fn push(&mut self, event: &Event) {
        let event_time = event.timestamp_ms.and_then(DateTime::from_timestamp_millis);
        let text = event.message.strip_suffix('\n').unwrap_or(&event.message);
        let text = text.strip_suffix('\r').unwrap_or(text);
        for raw in text.split('\n') {
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            self.lines += 1;
            self.line(line, &event.stream, event_time);
        }
    }

    fn line(&mut self, line: &str, stream: &str, event_time: Option<DateTime<Utc>>) {
        let Some(parsed) = self.prefix.parse_line(line) else {
            // A continuation: PostgreSQL writes a tab after each newline.
            let text = line.strip_prefix('\t').unwrap_or(line);
            if let Some(&i) = self.last_of_stream.get(stream) {
                self.entries[i].append(text);
            } else if !line.trim().is_empty() {
                self.add(Entry {
                    time: event_time,
                    stream: stream.to_string(),
                    client: None,
                    user: None,
                    database: None,
                    pid: None,
                    level: Level::Unparsed,
                    message: line.to_string(),
                    details: Vec::new(),
                });
            }
            return;
        };
        self.matched += 1;
        let level = parsed.level.unwrap_or(Level::Unparsed);
        if level.is_secondary() {
            let owner = match parsed.pid {
                Some(pid) => self.last_of_pid.get(&pid).copied(),
                None => self.last_of_stream.get(stream).copied(),
            };
            if let Some(i) = owner.filter(|&i| self.entries[i].pid == parsed.pid) {
                self.entries[i].details.push(Detail {
                    level,
                    message: parsed.message,
                });
                // Continuation lines of this detail come from this stream.
                self.last_of_stream.insert(stream.to_string(), i);
                return;
            }
        }
        self.add(Entry {
            time: parsed.time.or(event_time),
            stream: stream.to_string(),
            client: parsed.client,
            user: parsed.user,
            database: parsed.database,
            pid: parsed.pid,
            level,
            message: parsed.message,
            details: Vec::new(),
        });
    }

    fn add(&mut self, entry: Entry) {
        let i = self.entries.len();
        self.last_of_stream.insert(entry.stream.clone(), i);
        if let Some(pid) = entry.pid {
            self.last_of_pid.insert(pid, i);
        }
        self.entries.push(entry);
    }

    /// The entries so far, leaving the assembler empty (`--follow` prints
    /// each poll's entries).
    pub fn take(&mut self) -> Vec<Entry> {
        self.last_of_stream.clear();
        self.last_of_pid.clear();
        std::mem::take(&mut self.entries)
    }
}

/// Puts events in time order: by timestamp, then by stream, keeping the
/// order of events within a stream (CloudWatch returns each stream's events
/// in order; pages may interleave streams any way).
pub fn sort_events(events: &mut [Event]) {
    events.sort_by(|a, b| {
        a.timestamp_ms
            .cmp(&b.timestamp_ms)
            .then_with(|| a.stream.cmp(&b.stream))
    });
}

/// Entries of `events`, in time order.
pub fn assemble(prefix: &LinePrefix, events: &[Event]) -> (Vec<Entry>, usize, usize) {
    let mut a = Assembler::new(prefix);
    for e in events {
        a.push(e);
    }
    let (lines, matched) = (a.lines, a.matched);
    (a.take(), lines, matched)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(ms: i64, stream: &str, message: &str) -> Event {
        Event {
            timestamp_ms: Some(ms),
            stream: stream.into(),
            message: message.into(),
        }
    }

    #[test]
    fn multi_line_statements_and_details_stay_together() {
        let p = LinePrefix::rds_default();
        let mut events = vec![
            ev(2000, "b", "2023-10-02 10:00:02 UTC:10.0.0.2(1):app@db:[20]:ERROR:  relation \"nope\" does not exist at character 15"),
            ev(1000, "a", "2023-10-02 10:00:01 UTC:10.0.0.1(1):app@db:[10]:LOG:  duration: 900.1 ms  statement: SELECT *\n\tFROM orders\n\tWHERE id = 1"),
            ev(2001, "b", "2023-10-02 10:00:02 UTC:10.0.0.2(1):app@db:[20]:STATEMENT:  SELECT * FROM nope\n\tWHERE x"),
            ev(3000, "a", "2023-10-02 10:00:03 UTC::@:[5]:LOG:  checkpoint starting: time"),
        ];
        sort_events(&mut events);
        let (entries, lines, matched) = assemble(&p, &events);
        assert_eq!((lines, matched), (7, 4));
        assert_eq!(entries.len(), 3);
        assert_eq!(
            entries[0].message,
            "duration: 900.1 ms  statement: SELECT *\nFROM orders\nWHERE id = 1"
        );
        assert_eq!(entries[1].level, Level::Error);
        assert_eq!(entries[1].statement(), Some("SELECT * FROM nope\nWHERE x"));
        assert_eq!(entries[2].pid, Some(5));
    }

    #[test]
    fn continuation_events_and_details_from_other_streams() {
        let p = LinePrefix::rds_default();
        let events = vec![
            ev(1, "a", "2023-10-02 10:00:01 UTC:h(1):u@d:[10]:ERROR:  boom"),
            ev(1, "b", "2023-10-02 10:00:01 UTC:h(1):u@d:[11]:LOG:  other"),
            ev(2, "a", "\tsecond line of boom"),
            ev(
                3,
                "b",
                "2023-10-02 10:00:01 UTC:h(1):u@d:[10]:DETAIL:  detail of boom",
            ),
            ev(
                4,
                "c",
                "2023-10-02 10:00:01 UTC:h(1):u@d:[99]:HINT:  orphan",
            ),
        ];
        let (entries, _, _) = assemble(&p, &events);
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].message, "boom\nsecond line of boom");
        assert_eq!(entries[0].details[0].message, "detail of boom");
        assert_eq!(entries[2].level, Level::Hint);
    }

    #[test]
    fn lines_the_prefix_does_not_match_are_kept_as_they_are() {
        let p = LinePrefix::parse("%m [%p] ").unwrap();
        let (entries, lines, matched) = assemble(
            &p,
            &[ev(1, "a", "2023-10-02 10:00:01 UTC:h(1):u@d:[10]:LOG:  x")],
        );
        assert_eq!((lines, matched), (1, 0));
        assert_eq!(entries[0].level, Level::Unparsed);
        assert!(entries[0].message.starts_with("2023-10-02"));
        assert_eq!(entries[0].time, DateTime::from_timestamp_millis(1));
    }
}
