//! Progress of a running pg_dump, weighted by table size: parses pg_dump's
//! `--verbose` lines (`dumping contents of table "s.t"`, `finished item N
//! TABLE DATA t`) and takes `pg_stat_progress_copy` samples. Pure state; the
//! caller feeds it lines and samples and draws the bar.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// What one stderr line of pg_dump (or pg_restore) says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// A table's rows start being copied (`schema.table`).
    TableStarted(String),
    /// A parallel worker finished a table's data (bare table name).
    TableFinished(String),
    /// `pg_dump: error: …` (and `detail:`/`hint:` lines following it).
    Error(String),
    /// `pg_dump: warning: …`.
    Warning(String),
    /// Any other log line.
    Other,
}

/// Classifies a stderr line of `program` (`pg_dump`, `pg_restore`).
pub fn parse_line(program: &str, line: &str) -> Line {
    let Some(rest) = line
        .strip_prefix(program)
        .and_then(|r| r.strip_prefix(": "))
    else {
        return Line::Other;
    };
    if rest.starts_with("error:") || rest.starts_with("detail:") || rest.starts_with("hint:") {
        return Line::Error(line.to_string());
    }
    if rest.starts_with("warning:") {
        return Line::Warning(line.to_string());
    }
    if let Some(t) = rest
        .strip_prefix("dumping contents of table \"")
        .and_then(|t| t.strip_suffix('"'))
    {
        return Line::TableStarted(t.to_string());
    }
    if let Some(t) = rest.strip_prefix("finished item ") {
        // `finished item 3379 TABLE DATA big_log`
        let mut words = t.splitn(2, ' ');
        let _id = words.next();
        if let Some(name) = words.next().and_then(|w| w.strip_prefix("TABLE DATA ")) {
            return Line::TableFinished(name.to_string());
        }
    }
    Line::Other
}

/// Per-table figures for the summary.
#[derive(Debug, Clone)]
pub struct TableDone {
    pub table: String,
    pub elapsed: Duration,
    /// Rows copied, as last seen in `pg_stat_progress_copy`.
    pub rows_seen: Option<i64>,
}

struct InFlight {
    weight: u64,
    started: Instant,
    bytes: u64,
    rows: Option<i64>,
}

/// The weighted position of a dump.
pub struct Tracker {
    weights: BTreeMap<String, u64>,
    total: u64,
    done: u64,
    in_flight: BTreeMap<String, InFlight>,
    finished: Vec<TableDone>,
    /// Sequential dumps: a table is finished when the next starts.
    sequential: bool,
}

/// Tables weigh their size, at least one page, so empty ones still move the bar.
const MIN_WEIGHT: u64 = 8192;

impl Tracker {
    /// `tables`: (`schema.table`, size in bytes) of every table whose rows are dumped.
    pub fn new<'a>(tables: impl IntoIterator<Item = (&'a str, i64)>, sequential: bool) -> Tracker {
        let weights: BTreeMap<String, u64> = tables
            .into_iter()
            .map(|(t, s)| (t.to_string(), (s.max(0) as u64).max(MIN_WEIGHT)))
            .collect();
        let total = weights.values().sum();
        Tracker {
            weights,
            total,
            done: 0,
            in_flight: BTreeMap::new(),
            finished: Vec::new(),
            sequential,
        }
    }

    pub fn total(&self) -> u64 {
        self.total
    }

    /// The position: finished tables plus the copied part of running ones.
    pub fn position(&self) -> u64 {
        let partial: u64 = self.in_flight.values().map(|f| f.bytes.min(f.weight)).sum();
        (self.done + partial).min(self.total)
    }

    /// The tables being copied now.
    pub fn current(&self) -> Vec<&str> {
        self.in_flight.keys().map(String::as_str).collect()
    }

    pub fn start(&mut self, table: &str, now: Instant) {
        if self.sequential {
            self.finish_all(now);
        }
        let weight = self.weights.get(table).copied().unwrap_or(MIN_WEIGHT);
        self.in_flight.insert(
            table.to_string(),
            InFlight {
                weight,
                started: now,
                bytes: 0,
                rows: None,
            },
        );
    }

    /// A parallel worker's `finished item … TABLE DATA name` (no schema).
    pub fn finish_named(&mut self, name: &str, now: Instant) {
        let key = self
            .in_flight
            .keys()
            .find(|k| k.rsplit_once('.').map(|(_, n)| n) == Some(name) || k.as_str() == name)
            .cloned();
        if let Some(k) = key {
            self.finish(&k, now);
        }
    }

    fn finish(&mut self, key: &str, now: Instant) {
        if let Some(f) = self.in_flight.remove(key) {
            self.done += f.weight;
            self.finished.push(TableDone {
                table: key.to_string(),
                elapsed: now.duration_since(f.started),
                rows_seen: f.rows,
            });
        }
    }

    /// Ends every running table (the next started, or pg_dump exited).
    pub fn finish_all(&mut self, now: Instant) {
        let keys: Vec<String> = self.in_flight.keys().cloned().collect();
        for k in keys {
            self.finish(&k, now);
        }
    }

    /// A `pg_stat_progress_copy` sample for a running table.
    pub fn copy_sample(&mut self, table: &str, bytes: i64, rows: i64) {
        if let Some(f) = self.in_flight.get_mut(table) {
            f.bytes = f.bytes.max(bytes.max(0) as u64);
            f.rows = Some(f.rows.unwrap_or(0).max(rows));
        }
    }

    pub fn finished(&self) -> &[TableDone] {
        &self.finished
    }

    pub fn fraction(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.position() as f64 / self.total as f64
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_pg_dump_lines() {
        assert_eq!(
            parse_line(
                "pg_dump",
                "pg_dump: dumping contents of table \"public.orders\""
            ),
            Line::TableStarted("public.orders".into())
        );
        assert_eq!(
            parse_line("pg_dump", "pg_dump: finished item 3379 TABLE DATA big_log"),
            Line::TableFinished("big_log".into())
        );
        assert_eq!(
            parse_line("pg_dump", "pg_dump: finished item 3379 INDEX x"),
            Line::Other
        );
        assert!(matches!(
            parse_line(
                "pg_dump",
                "pg_dump: error: query failed: ERROR:  permission denied for table secrets"
            ),
            Line::Error(_)
        ));
        assert!(matches!(
            parse_line(
                "pg_dump",
                "pg_dump: warning: there are circular foreign-key constraints"
            ),
            Line::Warning(_)
        ));
        assert_eq!(
            parse_line("pg_dump", "pg_dump: reading schemas"),
            Line::Other
        );
        assert_eq!(parse_line("pg_dump", "random"), Line::Other);
    }

    #[test]
    fn sequential_progress_is_weighted_by_size() {
        let t0 = Instant::now();
        let mut t = Tracker::new([("public.big", 90_000), ("public.small", 10_000)], true);
        assert_eq!(t.total(), 100_000);
        t.start("public.big", t0);
        t.copy_sample("public.big", 45_000, 450);
        assert_eq!(t.position(), 45_000);
        t.copy_sample("public.big", 10_000_000, 900);
        assert_eq!(t.position(), 90_000);
        t.start("public.small", t0 + Duration::from_secs(2));
        assert_eq!(t.position(), 90_000);
        assert_eq!(t.finished()[0].elapsed, Duration::from_secs(2));
        assert_eq!(t.finished()[0].rows_seen, Some(900));
        t.finish_all(t0 + Duration::from_secs(3));
        assert_eq!(t.position(), 100_000);
        assert!((t.fraction() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn parallel_progress_uses_finished_items() {
        let t0 = Instant::now();
        let mut t = Tracker::new([("public.a", 50_000), ("s.b", 50_000)], false);
        t.start("public.a", t0);
        t.start("s.b", t0);
        assert_eq!(t.current(), vec!["public.a", "s.b"]);
        t.finish_named("b", t0);
        assert_eq!(t.position(), 50_000);
        assert_eq!(t.current(), vec!["public.a"]);
    }
}
