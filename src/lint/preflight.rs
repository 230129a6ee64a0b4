//! Pre-flight: before a migration runs against a live database, find the
//! sessions that would block it — sessions holding a lock that conflicts
//! with one the migration will take (from the lock model) and long-running
//! transactions — from `pg_locks` and `pg_stat_activity`. Queries PostgreSQL
//! (read-only); the filtering is pure.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::locks::{LockMode, RelationLock};

/// Why a session is in the way.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// It holds `held` on `relation`, which conflicts with the `wanted` lock.
    HoldsLock {
        relation: String,
        held: LockMode,
        wanted: LockMode,
    },
    /// Its transaction has been open for `seconds` (CONCURRENTLY waits for it,
    /// and any lock it takes later queues the migration).
    LongTransaction { seconds: f64 },
}

/// A session that would block the migration.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Blocker {
    pub pid: i32,
    pub application: String,
    pub user: String,
    pub state: String,
    pub query_start: Option<DateTime<Utc>>,
    pub xact_start: Option<DateTime<Utc>>,
    /// The session's current (or last) query, abbreviated.
    pub query: String,
    pub reasons: Vec<Reason>,
}

impl Blocker {
    /// `pid 4242 (app "worker", idle in transaction since 12:00:01Z): holds AccessShareLock on events`.
    pub fn describe(&self) -> String {
        let since = self
            .xact_start
            .or(self.query_start)
            .map(|t| format!(" since {}", t.format("%Y-%m-%d %H:%M:%SZ")))
            .unwrap_or_default();
        let reasons: Vec<String> = self
            .reasons
            .iter()
            .map(|r| match r {
                Reason::HoldsLock {
                    relation,
                    held,
                    wanted,
                } => {
                    format!(
                        "holds {} on {relation} (the migration needs {})",
                        held.as_str(),
                        wanted.as_str()
                    )
                }
                Reason::LongTransaction { seconds } => {
                    format!("transaction open for {}s", seconds.round())
                }
            })
            .collect();
        format!(
            "pid {} (application \"{}\", user {}, {}{since}): {}; query: {}",
            self.pid,
            self.application,
            self.user,
            if self.state.is_empty() {
                "unknown state"
            } else {
                &self.state
            },
            reasons.join(", "),
            self.query
        )
    }
}

/// What counts as a blocker.
#[derive(Debug, Clone)]
pub struct Options {
    /// Report transactions open longer than this (None: only lock holders).
    pub long_transaction: Option<Duration>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            long_transaction: Some(Duration::from_secs(60)),
        }
    }
}

/// A granted relation lock held by another session (one row of the query).
#[derive(Debug, Clone)]
pub struct HeldLock {
    pub relation: String,
    pub mode: LockMode,
}

/// Which of `held` conflict with what the migration `wanted`s. Pure.
pub fn conflicts(wanted: &[RelationLock], held: &[HeldLock]) -> Vec<Reason> {
    let mut out = Vec::new();
    for h in held {
        if let Some(w) = wanted.iter().find(|w| w.relation == h.relation) {
            if w.mode.conflicts_with(h.mode) {
                out.push(Reason::HoldsLock {
                    relation: h.relation.clone(),
                    held: h.mode,
                    wanted: w.mode,
                });
            }
        }
    }
    out
}

/// `schema.name` → `"schema"."name"` for `to_regclass`.
fn quoted(relation: &str) -> String {
    relation
        .split('.')
        .map(crate::migrate::history::quote_ident)
        .collect::<Vec<_>>()
        .join(".")
}

const LOCKS_SQL: &str = "\
SELECT a.pid, coalesce(a.application_name, ''), coalesce(a.usename::text, ''), coalesce(a.state, ''),
       a.query_start, a.xact_start, left(coalesce(a.query, ''), 300), l.mode, r.name
FROM unnest($1::text[], $2::text[]) AS r(name, quoted)
JOIN pg_locks l ON l.locktype = 'relation' AND l.granted AND l.relation = to_regclass(r.quoted)
     AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
JOIN pg_stat_activity a ON a.pid = l.pid
WHERE a.pid <> pg_backend_pid()
ORDER BY a.pid";

const LONG_TX_SQL: &str = "\
SELECT a.pid, coalesce(a.application_name, ''), coalesce(a.usename::text, ''), coalesce(a.state, ''),
       a.query_start, a.xact_start, left(coalesce(a.query, ''), 300),
       extract(epoch FROM now() - a.xact_start)::float8
FROM pg_stat_activity a
WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND a.xact_start IS NOT NULL
  AND a.backend_type = 'client backend' AND now() - a.xact_start > make_interval(secs => $1)
ORDER BY a.xact_start";

/// The sessions that would block a migration taking `wanted`.
pub async fn check(
    client: &tokio_postgres::Client,
    wanted: &[RelationLock],
    opts: &Options,
) -> anyhow::Result<Vec<Blocker>> {
    let mut blockers: Vec<Blocker> = Vec::new();
    let names: Vec<String> = wanted.iter().map(|w| w.relation.clone()).collect();
    let quoted_names: Vec<String> = names.iter().map(|n| quoted(n)).collect();
    if !names.is_empty() {
        let rows = client.query(LOCKS_SQL, &[&names, &quoted_names]).await?;
        for row in rows {
            let mode_name: String = row.get(7);
            let Some(mode) = LockMode::from_pg_locks_name(&mode_name) else {
                continue;
            };
            let relation: String = row.get(8);
            let reasons = conflicts(wanted, &[HeldLock { relation, mode }]);
            if reasons.is_empty() {
                continue;
            }
            merge(&mut blockers, blocker_from(&row), reasons);
        }
    }
    if let Some(limit) = opts.long_transaction {
        let rows = client.query(LONG_TX_SQL, &[&limit.as_secs_f64()]).await?;
        for row in rows {
            let seconds: f64 = row.get(7);
            merge(
                &mut blockers,
                blocker_from(&row),
                vec![Reason::LongTransaction { seconds }],
            );
        }
    }
    Ok(blockers)
}

/// Polls [`check`] until nothing blocks or `timeout` passes; returns the
/// blockers left (empty: clear to go).
pub async fn wait_until_clear(
    client: &tokio_postgres::Client,
    wanted: &[RelationLock],
    opts: &Options,
    timeout: Duration,
    poll: Duration,
) -> anyhow::Result<Vec<Blocker>> {
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let blockers = check(client, wanted, opts).await?;
        if blockers.is_empty() || tokio::time::Instant::now() >= deadline {
            return Ok(blockers);
        }
        tokio::time::sleep(
            poll.min(deadline.saturating_duration_since(tokio::time::Instant::now())),
        )
        .await;
    }
}

fn blocker_from(row: &tokio_postgres::Row) -> Blocker {
    Blocker {
        pid: row.get(0),
        application: row.get(1),
        user: row.get(2),
        state: row.get(3),
        query_start: row.get(4),
        xact_start: row.get(5),
        query: super::abbreviate(&row.get::<_, String>(6), 120),
        reasons: Vec::new(),
    }
}

fn merge(blockers: &mut Vec<Blocker>, b: Blocker, reasons: Vec<Reason>) {
    match blockers.iter_mut().find(|x| x.pid == b.pid) {
        Some(x) => {
            for r in reasons {
                if !x.reasons.contains(&r) {
                    x.reasons.push(r);
                }
            }
        }
        None => blockers.push(Blocker { reasons, ..b }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_conflicting_locks_block() {
        let wanted = vec![
            RelationLock {
                relation: "events".into(),
                mode: LockMode::ShareUpdateExclusive,
                rewrite: false,
                scan: true,
            },
            RelationLock {
                relation: "users".into(),
                mode: LockMode::AccessExclusive,
                rewrite: false,
                scan: false,
            },
        ];
        let held = vec![
            HeldLock {
                relation: "events".into(),
                mode: LockMode::RowExclusive,
            },
            HeldLock {
                relation: "events".into(),
                mode: LockMode::ShareUpdateExclusive,
            },
            HeldLock {
                relation: "users".into(),
                mode: LockMode::AccessShare,
            },
            HeldLock {
                relation: "other".into(),
                mode: LockMode::AccessExclusive,
            },
        ];
        let r = conflicts(&wanted, &held);
        assert_eq!(
            r,
            vec![
                Reason::HoldsLock {
                    relation: "events".into(),
                    held: LockMode::ShareUpdateExclusive,
                    wanted: LockMode::ShareUpdateExclusive
                },
                Reason::HoldsLock {
                    relation: "users".into(),
                    held: LockMode::AccessShare,
                    wanted: LockMode::AccessExclusive
                },
            ]
        );
        assert_eq!(quoted("public.Events"), "\"public\".\"Events\"");
    }
}
