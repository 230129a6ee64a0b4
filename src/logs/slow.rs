//! Slow statements: reading `duration: 812.345 ms  statement: …` entries
//! (log_min_duration_statement, log_duration, auto_explain) and summing
//! them per normalised statement, grouped by pg_query's fingerprint (so
//! `WHERE id = 1` and `WHERE id = 2` are one statement). Pure; touches nothing.

use std::collections::HashMap;

use serde::Serialize;

use super::entry::Entry;

/// The duration (and statement, when the line has one) of a `duration:` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Timed {
    pub ms: f64,
    /// `statement`, `execute <unnamed>`, `parse S_1`, `bind S_1`, `plan`; None for a bare duration.
    pub kind: Option<String>,
    /// The SQL, when the line (or its STATEMENT detail) has it.
    pub statement: Option<String>,
}

/// `duration: 12.5 ms  statement: SELECT 1` → 12.5 ms and the statement.
pub fn timed(entry: &Entry) -> Option<Timed> {
    let rest = entry.message.strip_prefix("duration: ")?;
    let (number, rest) = rest.split_once(" ms")?;
    let ms: f64 = number.trim().parse().ok().filter(|v: &f64| v.is_finite())?;
    let rest = rest.trim_start();
    let (kind, statement) = match rest.split_once(':') {
        Some((kind, sql)) if !rest.is_empty() => {
            let kind = kind.trim().to_string();
            if kind == "plan" {
                // auto_explain: "Query Text: …" on the next line.
                let sql = sql
                    .lines()
                    .find_map(|l| l.trim().strip_prefix("Query Text:"))
                    .map(|s| s.trim().to_string());
                (Some(kind), sql)
            } else {
                (Some(kind), Some(sql.trim().to_string()))
            }
        }
        _ => (None, entry.statement().map(|s| s.trim().to_string())),
    };
    Some(Timed {
        ms,
        kind,
        statement: statement.filter(|s| !s.is_empty()),
    })
}

/// One normalised statement in the summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// pg_query's fingerprint (hex); the collapsed text when the SQL does not parse.
    pub fingerprint: String,
    /// The statement with constants replaced by `$1`, `$2`… (pg_query's normalize).
    pub statement: String,
    pub count: u64,
    pub total_ms: f64,
    pub max_ms: f64,
}

/// Slow statements summed per fingerprint.
#[derive(Debug, Default)]
pub struct Summary {
    groups: HashMap<String, Group>,
}

/// The text shown for timed lines without SQL (`log_duration = on`).
pub const NO_STATEMENT: &str = "(no statement text: log_duration without log_statement)";

impl Summary {
    pub fn add(&mut self, t: &Timed) {
        let (fingerprint, statement) = match &t.statement {
            Some(sql) => normalise(sql),
            None => (NO_STATEMENT.to_string(), NO_STATEMENT.to_string()),
        };
        let g = self.groups.entry(fingerprint.clone()).or_insert(Group {
            fingerprint,
            statement,
            count: 0,
            total_ms: 0.0,
            max_ms: 0.0,
        });
        g.count += 1;
        g.total_ms += t.ms;
        g.max_ms = g.max_ms.max(t.ms);
    }

    /// Every group, the most total time first.
    pub fn groups(&self) -> Vec<Group> {
        let mut v: Vec<Group> = self.groups.values().cloned().collect();
        v.sort_by(|a, b| {
            b.total_ms
                .total_cmp(&a.total_ms)
                .then_with(|| b.max_ms.total_cmp(&a.max_ms))
                .then_with(|| a.statement.cmp(&b.statement))
        });
        v
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

/// (fingerprint, normalised text) of one statement; SQL that pg_query cannot
/// parse (cut by the log, several statements) is grouped by its text with
/// whitespace collapsed.
pub fn normalise(sql: &str) -> (String, String) {
    let collapsed = sql.split_whitespace().collect::<Vec<_>>().join(" ");
    match (pg_query::fingerprint(sql), pg_query::normalize(sql)) {
        (Ok(f), Ok(n)) => (f.hex, n.split_whitespace().collect::<Vec<_>>().join(" ")),
        _ => (format!("text:{collapsed}"), collapsed),
    }
}

/// Milliseconds as people read them: `812.3 ms`, `4.21 s`, `3m 12s`.
pub fn format_ms(ms: f64) -> String {
    if ms < 1000.0 {
        format!("{ms:.1} ms")
    } else if ms < 60_000.0 {
        format!("{:.2} s", ms / 1000.0)
    } else {
        let secs = (ms / 1000.0).round() as u64;
        if secs < 3600 {
            format!("{}m {}s", secs / 60, secs % 60)
        } else {
            format!("{}h {}m", secs / 3600, (secs % 3600) / 60)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logs::entry::Detail;
    use crate::logs::prefix::Level;

    fn entry(message: &str) -> Entry {
        Entry {
            time: None,
            stream: "s".into(),
            client: None,
            user: None,
            database: None,
            pid: None,
            level: Level::Log,
            message: message.into(),
            details: Vec::new(),
        }
    }

    #[test]
    fn reads_every_kind_of_duration_line() {
        let t = timed(&entry(
            "duration: 812.345 ms  statement: SELECT * FROM t WHERE id = 4",
        ))
        .unwrap();
        assert_eq!(t.ms, 812.345);
        assert_eq!(t.kind.as_deref(), Some("statement"));
        assert_eq!(t.statement.as_deref(), Some("SELECT * FROM t WHERE id = 4"));
        let t = timed(&entry("duration: 3.1 ms  execute <unnamed>: SELECT $1")).unwrap();
        assert_eq!(t.kind.as_deref(), Some("execute <unnamed>"));
        let t = timed(&entry(
            "duration: 1500.000 ms  plan:\n\tQuery Text: SELECT pg_sleep(1.5)\n\tResult",
        ))
        .unwrap();
        assert_eq!(t.statement.as_deref(), Some("SELECT pg_sleep(1.5)"));
        let mut bare = entry("duration: 7.0 ms");
        assert_eq!(timed(&bare).unwrap().statement, None);
        bare.details.push(Detail {
            level: Level::Statement,
            message: "SELECT 2".into(),
        });
        assert_eq!(timed(&bare).unwrap().statement.as_deref(), Some("SELECT 2"));
        assert_eq!(timed(&entry("checkpoint complete")), None);
        assert_eq!(timed(&entry("duration: lots ms")), None);
    }

    #[test]
    fn statements_differing_in_constants_are_one_group() {
        let mut s = Summary::default();
        for (ms, sql) in [
            (100.0, "SELECT * FROM orders WHERE id = 1"),
            (300.0, "select *   from orders where id = 2"),
            (50.0, "UPDATE t SET a = 1"),
            (10.0, "SELECT * FROM orders WHERE id = ("),
        ] {
            s.add(&Timed {
                ms,
                kind: Some("statement".into()),
                statement: Some(sql.into()),
            });
        }
        let g = s.groups();
        assert_eq!(g.len(), 3);
        assert_eq!(g[0].count, 2);
        assert_eq!(g[0].total_ms, 400.0);
        assert_eq!(g[0].max_ms, 300.0);
        assert_eq!(g[0].statement, "SELECT * FROM orders WHERE id = $1");
        assert_eq!(g[2].statement, "SELECT * FROM orders WHERE id = (");
    }

    #[test]
    fn durations_read_well() {
        assert_eq!(format_ms(812.34), "812.3 ms");
        assert_eq!(format_ms(4210.0), "4.21 s");
        assert_eq!(format_ms(192_000.0), "3m 12s");
        assert_eq!(format_ms(7_260_000.0), "2h 1m");
    }
}
