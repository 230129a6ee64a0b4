//! The availability probe: opens a fresh PostgreSQL connection and runs
//! `SELECT 1` every 200 ms, and sums the failures up into unavailability
//! windows. The window arithmetic (`summarize`) is pure; `run` touches the
//! PostgreSQL server it probes.

use std::time::{Duration, Instant};

use serde::Serialize;

use crate::pg::ConnInfo;

/// How often a probe starts.
pub const INTERVAL: Duration = Duration::from_millis(200);
/// How long one attempt (connect + SELECT 1) may take before it counts as failed.
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(2);

/// One attempt: when it started (since the probe began) and its error, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub at: Duration,
    pub error: Option<String>,
}

/// Consecutive failed attempts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outage {
    /// Start of the first failed attempt, since the probe began.
    #[serde(serialize_with = "secs")]
    pub first_failure: Duration,
    /// Start of the last failed attempt.
    #[serde(serialize_with = "secs")]
    pub last_failure: Duration,
    /// Start of the first successful attempt after it (`None`: not recovered
    /// when the probe ended).
    #[serde(serialize_with = "opt_secs")]
    pub recovered: Option<Duration>,
    pub failures: usize,
    /// The first error seen in it.
    pub error: String,
}

impl Outage {
    /// From the first failure to the recovery (or the last failure).
    pub fn length(&self) -> Duration {
        self.recovered
            .unwrap_or(self.last_failure)
            .saturating_sub(self.first_failure)
    }
}

/// What a probe saw.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub attempts: usize,
    pub failures: usize,
    pub windows: Vec<Outage>,
    /// The longest time between two successful attempts (or from the start
    /// or to the end of the probe), which bounds what a client noticed.
    #[serde(serialize_with = "secs")]
    pub longest_gap: Duration,
    #[serde(serialize_with = "secs")]
    pub duration: Duration,
}

fn secs<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((d.as_secs_f64() * 1000.0).round() / 1000.0)
}

fn opt_secs<S: serde::Serializer>(d: &Option<Duration>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => secs(d, s),
        None => s.serialize_none(),
    }
}

/// Sums samples (in time order) up into windows. `end` is when the probe
/// stopped. Pure.
pub fn summarize(samples: &[Sample], end: Duration) -> Summary {
    let mut windows: Vec<Outage> = Vec::new();
    let mut open: Option<Outage> = None;
    let mut last_ok: Option<Duration> = None;
    let mut longest_gap = Duration::ZERO;
    for s in samples {
        match &s.error {
            Some(e) => match &mut open {
                Some(w) => {
                    w.last_failure = s.at;
                    w.failures += 1;
                }
                None => {
                    open = Some(Outage {
                        first_failure: s.at,
                        last_failure: s.at,
                        recovered: None,
                        failures: 1,
                        error: e.clone(),
                    })
                }
            },
            None => {
                if let Some(mut w) = open.take() {
                    w.recovered = Some(s.at);
                    windows.push(w);
                }
                let since = last_ok.unwrap_or(Duration::ZERO);
                longest_gap = longest_gap.max(s.at.saturating_sub(since));
                last_ok = Some(s.at);
            }
        }
    }
    if let Some(w) = open.take() {
        windows.push(w);
    }
    longest_gap = longest_gap.max(end.saturating_sub(last_ok.unwrap_or(Duration::ZERO)));
    Summary {
        attempts: samples.len(),
        failures: samples.iter().filter(|s| s.error.is_some()).count(),
        windows,
        longest_gap,
        duration: end,
    }
}

/// One attempt: a fresh connection and `SELECT 1`.
async fn attempt(conn: &ConnInfo) -> Result<(), String> {
    let work = async {
        let client = conn.connect().await.map_err(|e| format!("{e:#}"))?;
        client
            .simple_query("SELECT 1")
            .await
            .map_err(|e| crate::pg::describe_error(&e))?;
        Ok::<(), String>(())
    };
    match tokio::time::timeout(ATTEMPT_TIMEOUT, work).await {
        Ok(r) => r,
        Err(_) => Err(format!("no answer within {} s", ATTEMPT_TIMEOUT.as_secs())),
    }
}

/// A running probe; `stop` ends it and returns what it saw.
pub struct Probe {
    stop: tokio::sync::watch::Sender<bool>,
    task: tokio::task::JoinHandle<Summary>,
}

impl Probe {
    /// Starts probing `conn` every [`INTERVAL`] on the tokio runtime.
    pub fn start(conn: ConnInfo) -> Probe {
        let (stop, mut stopped) = tokio::sync::watch::channel(false);
        let task = tokio::spawn(async move {
            let began = Instant::now();
            let mut samples = Vec::new();
            let mut tick = tokio::time::interval(INTERVAL);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tokio::select! {
                    _ = tick.tick() => {}
                    _ = stopped.changed() => break,
                }
                let at = began.elapsed();
                let error = tokio::select! {
                    r = attempt(&conn) => r.err(),
                    _ = stopped.changed() => break,
                };
                samples.push(Sample { at, error });
            }
            summarize(&samples, began.elapsed())
        });
        Probe { stop, task }
    }

    /// Stops probing and sums up.
    pub async fn stop(self) -> Summary {
        let _ = self.stop.send(true);
        match self.task.await {
            Ok(s) => s,
            Err(_) => summarize(&[], Duration::ZERO),
        }
    }
}

/// `1.2 s`, `250 ms`.
pub fn show(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{} ms", d.as_millis())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

/// The lines a user reads about a probe.
pub fn report(s: &Summary) -> Vec<String> {
    let mut out = vec![format!(
        "probe: {} attempts over {}, {} failed, {} unavailability window(s), longest gap between successes {}",
        s.attempts,
        show(s.duration),
        s.failures,
        s.windows.len(),
        show(s.longest_gap)
    )];
    for (i, w) in s.windows.iter().enumerate() {
        out.push(format!(
            "  window {}: first failure at +{}, last failure at +{}, {} ({} failed attempt(s)); {}",
            i + 1,
            show(w.first_failure),
            show(w.last_failure),
            match w.recovered {
                Some(r) => format!("back at +{}, unavailable for {}", show(r), show(w.length())),
                None => format!(
                    "not back when the probe ended ({} so far)",
                    show(w.length())
                ),
            },
            w.failures,
            w.error
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    fn samples(spec: &[(u64, bool)]) -> Vec<Sample> {
        spec.iter()
            .map(|&(at, ok)| Sample {
                at: ms(at),
                error: (!ok).then(|| format!("refused at {at}")),
            })
            .collect()
    }

    #[test]
    fn no_failure_no_window() {
        let s = summarize(&samples(&[(0, true), (200, true), (400, true)]), ms(500));
        assert_eq!((s.attempts, s.failures, s.windows.len()), (3, 0, 0));
        assert_eq!(s.longest_gap, ms(200));
    }

    #[test]
    fn one_window_from_first_failure_to_recovery() {
        let s = summarize(
            &samples(&[
                (0, true),
                (200, false),
                (400, false),
                (600, false),
                (800, true),
                (1000, true),
            ]),
            ms(1100),
        );
        assert_eq!(s.windows.len(), 1);
        let w = &s.windows[0];
        assert_eq!(
            (w.first_failure, w.last_failure, w.recovered),
            (ms(200), ms(600), Some(ms(800)))
        );
        assert_eq!(w.failures, 3);
        assert_eq!(w.length(), ms(600));
        assert_eq!(w.error, "refused at 200");
        assert_eq!(s.longest_gap, ms(800));
    }

    #[test]
    fn two_windows_and_one_still_open() {
        let s = summarize(
            &samples(&[
                (0, false),
                (200, true),
                (400, false),
                (600, true),
                (800, false),
                (1000, false),
            ]),
            ms(1200),
        );
        assert_eq!(s.windows.len(), 3);
        assert_eq!(s.windows[0].recovered, Some(ms(200)));
        assert_eq!(s.windows[2].recovered, None);
        assert_eq!(s.windows[2].length(), ms(200));
        assert_eq!(s.failures, 4);
        // From the last success (600) to the end (1200).
        assert_eq!(s.longest_gap, ms(600));
        let text = report(&s).join("\n");
        assert!(text.contains("3 unavailability window(s)"), "{text}");
        assert!(text.contains("not back when the probe ended"), "{text}");
    }

    #[test]
    fn nothing_sampled() {
        let s = summarize(&[], ms(300));
        assert_eq!(
            (s.attempts, s.windows.len(), s.longest_gap),
            (0, 0, ms(300))
        );
    }
}
