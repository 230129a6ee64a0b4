//! Reading a log group with CloudWatch Logs FilterLogEvents over every
//! stream, page after page to the last one, and the state of `--follow`
//! (which events a poll has already shown). Touches CloudWatch Logs.

use std::collections::{BTreeSet, HashMap};

use crate::aws::error::{AwsError, AwsResultExt};
use crate::aws::Logs;

use super::entry::Event;

/// Everything a read returned.
#[derive(Debug, Default)]
pub struct Fetched {
    /// In the order the pages gave them (see [`super::entry::sort_events`]).
    pub events: Vec<(Option<String>, Event)>,
    pub pages: usize,
    /// Streams that had at least one event.
    pub streams: BTreeSet<String>,
}

/// What a read asks for.
#[derive(Debug, Clone)]
pub struct Read<'a> {
    pub group: &'a str,
    pub stream_prefix: Option<&'a str>,
    pub start_ms: i64,
    pub end_ms: Option<i64>,
}

/// FilterLogEvents until there is no next token. `Ok(None)` when the log
/// group does not exist (ResourceNotFoundException).
pub async fn read_all(
    logs: &Logs,
    read: &Read<'_>,
    mut on_page: impl FnMut(usize, usize),
) -> Result<Option<Fetched>, AwsError> {
    let mut out = Fetched::default();
    let mut token: Option<String> = None;
    loop {
        let page = match logs
            .client
            .filter_log_events()
            .log_group_name(read.group)
            .set_log_stream_name_prefix(read.stream_prefix.map(str::to_string))
            .start_time(read.start_ms)
            .set_end_time(read.end_ms)
            .set_next_token(token.clone())
            .send()
            .await
            .aws(&logs.api)
        {
            Ok(p) => p,
            Err(e) if e.is("ResourceNotFound") && out.pages == 0 => return Ok(None),
            Err(e) => return Err(e),
        };
        out.pages += 1;
        for e in page.events() {
            let stream = e.log_stream_name().unwrap_or_default().to_string();
            if let Some(p) = read.stream_prefix {
                if !belongs(&stream, p) {
                    continue;
                }
            }
            out.streams.insert(stream.clone());
            out.events.push((
                e.event_id().map(str::to_string),
                Event {
                    timestamp_ms: e.timestamp(),
                    stream,
                    message: e.message().unwrap_or_default().to_string(),
                },
            ));
        }
        on_page(out.pages, out.events.len());
        match page.next_token() {
            // A token equal to the one sent would never end.
            Some(t) if !t.is_empty() && token.as_deref() != Some(t) => token = Some(t.to_string()),
            _ => return Ok(Some(out)),
        }
    }
}

/// Whether `stream` is one of instance `id`'s streams in its cluster's group:
/// `id` itself or `id` followed by a separator (`id.1`, `id/…`), never another
/// instance whose name starts the same (`aur-10` is not `aur-1`'s).
/// (logStreamNamePrefix alone would take both.)
pub fn belongs(stream: &str, id: &str) -> bool {
    match stream.strip_prefix(id) {
        Some(rest) => !rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-'),
        None => false,
    }
}

/// How far back each `--follow` poll reads again: events of parallel
/// streams reach CloudWatch out of order, up to some seconds late.
pub const FOLLOW_OVERLAP_MS: i64 = 15_000;

/// Which events `--follow` has shown: each poll reads from a little before
/// the newest event seen and shows only events not seen yet. Pure.
#[derive(Debug, Clone)]
pub struct Follow {
    newest_ms: i64,
    /// Event ids seen within the overlap, with their timestamps.
    seen: HashMap<String, i64>,
}

impl Follow {
    /// Following from `start_ms` on.
    pub fn new(start_ms: i64) -> Self {
        Follow {
            newest_ms: start_ms,
            seen: HashMap::new(),
        }
    }

    /// Where the next poll starts.
    pub fn start_ms(&self) -> i64 {
        self.newest_ms.saturating_sub(FOLLOW_OVERLAP_MS)
    }

    /// The events of a poll not shown before, remembering them.
    pub fn fresh(&mut self, events: Vec<(Option<String>, Event)>) -> Vec<Event> {
        let mut out = Vec::new();
        for (id, e) in events {
            let ts = e.timestamp_ms.unwrap_or(self.newest_ms);
            let key = id.unwrap_or_else(|| format!("{}/{ts}/{}", e.stream, e.message));
            if self.seen.contains_key(&key) {
                continue;
            }
            self.seen.insert(key, ts);
            self.newest_ms = self.newest_ms.max(ts);
            out.push(e);
        }
        let floor = self.start_ms();
        self.seen.retain(|_, ts| *ts >= floor);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(id: &str, ms: i64, stream: &str) -> (Option<String>, Event) {
        (
            Some(id.into()),
            Event {
                timestamp_ms: Some(ms),
                stream: stream.into(),
                message: format!("m{id}"),
            },
        )
    }

    #[test]
    fn member_streams_are_the_members_own() {
        assert!(belongs("aur-1", "aur-1"));
        assert!(belongs("aur-1.0", "aur-1"));
        assert!(!belongs("aur-10", "aur-1"));
        assert!(!belongs("aur-1-b", "aur-1"));
        assert!(!belongs("other", "aur-1"));
    }

    #[test]
    fn follow_shows_each_event_once_and_late_ones_too() {
        let mut f = Follow::new(100_000);
        assert_eq!(f.start_ms(), 85_000);
        let got = f.fresh(vec![ev("1", 100_500, "a"), ev("2", 101_000, "b")]);
        assert_eq!(got.len(), 2);
        assert_eq!(f.start_ms(), 101_000 - FOLLOW_OVERLAP_MS);
        // The next poll overlaps: 1 and 2 again, plus a late event of stream a
        // older than the newest one, plus a new one of a rotated stream.
        let got = f.fresh(vec![
            ev("1", 100_500, "a"),
            ev("3", 100_700, "a"),
            ev("2", 101_000, "b"),
            ev("4", 102_000, "a.1"),
        ]);
        let ids: Vec<&str> = got.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(ids, ["m3", "m4"]);
        // Ids older than the overlap are forgotten.
        f.fresh(vec![ev("5", 200_000, "a")]);
        assert_eq!(f.seen.len(), 1);
    }
}
