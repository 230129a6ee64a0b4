//! The PostgreSQL log of an RDS instance or Aurora cluster: where it lives
//! (the CloudWatch Logs group RDS exports to, else the instance's log
//! files), how its lines are parsed (`log_line_prefix`), assembled into
//! entries, filtered, summed up (`--slow`) and shown. Pure except
//! `cloudwatch` (CloudWatch Logs) and `files` (RDS).

pub mod cloudwatch;
pub mod entry;
pub mod files;
pub mod portions;
pub mod prefix;
pub mod query;
pub mod slow;

use anstyle::AnsiColor;

pub use entry::{Entry, Event};
pub use prefix::{Level, LinePrefix};

/// The command that makes an instance export its PostgreSQL log.
pub fn enable_command(instance: &str) -> String {
    format!(
        "aws rds modify-db-instance --db-instance-identifier {instance} --cloudwatch-logs-export-configuration '{{\"EnableLogTypes\":[\"postgresql\"]}}' --apply-immediately"
    )
}

/// Where an instance's or cluster's log is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// `/aws/rds/instance/<id>/postgresql` or `/aws/rds/cluster/<id>/postgresql`.
    pub group: String,
    /// An Aurora member's streams in its cluster's group (named after it).
    pub stream_prefix: Option<String>,
    /// The instance, for the log-file fallback (none for a cluster endpoint).
    pub instance: Option<String>,
}

impl Place {
    /// A stand-alone instance.
    pub fn instance(id: &str) -> Place {
        Place {
            group: format!("/aws/rds/instance/{id}/postgresql"),
            stream_prefix: None,
            instance: Some(id.to_string()),
        }
    }

    /// An Aurora cluster as a whole (its cluster endpoint).
    pub fn cluster(id: &str) -> Place {
        Place {
            group: format!("/aws/rds/cluster/{id}/postgresql"),
            stream_prefix: None,
            instance: None,
        }
    }

    /// One member of an Aurora cluster: its streams of the cluster's group.
    pub fn cluster_member(cluster: &str, instance: &str) -> Place {
        Place {
            group: format!("/aws/rds/cluster/{cluster}/postgresql"),
            stream_prefix: Some(instance.to_string()),
            instance: Some(instance.to_string()),
        }
    }
}

/// The JSON form of one entry (`--output-format json`).
#[derive(Debug, serde::Serialize)]
pub struct JsonEntry<'a> {
    #[serde(flatten)]
    pub entry: &'a Entry,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<f64>,
}

/// Widths of the aligned columns of text output.
#[derive(Debug, Clone, Copy, Default)]
pub struct Columns {
    pub who: usize,
}

impl Columns {
    /// Widths that fit every entry of `entries`.
    pub fn fit(entries: &[&Entry]) -> Columns {
        Columns {
            who: entries
                .iter()
                .map(|e| who(e).chars().count())
                .max()
                .unwrap_or(0),
        }
    }
}

/// `user@database[pid]`, or `[pid]` for background processes.
fn who(e: &Entry) -> String {
    let pid = e.pid.map(|p| format!("[{p}]")).unwrap_or_default();
    match (&e.user, &e.database) {
        (None, None) => pid,
        (u, d) => format!(
            "{}@{}{pid}",
            u.as_deref().unwrap_or(""),
            d.as_deref().unwrap_or("")
        ),
    }
}

fn level_colour(level: Level) -> Option<AnsiColor> {
    match level {
        Level::Warning => Some(AnsiColor::Yellow),
        Level::Error | Level::Fatal | Level::Panic => Some(AnsiColor::Red),
        Level::Debug => Some(AnsiColor::BrightBlack),
        _ => None,
    }
}

/// One entry as text lines: `TIME  LEVEL    user@db[pid]  message`, the
/// message's further lines and its DETAIL/STATEMENT lines indented under
/// it; the level coloured when `colour`.
pub fn render(e: &Entry, cols: Columns, colour: bool) -> Vec<String> {
    let time = e
        .time
        .map(|t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string())
        .unwrap_or_else(|| " ".repeat(23));
    let level = format!("{:<9}", e.level.as_str());
    let level = match level_colour(e.level).filter(|_| colour) {
        Some(c) => {
            let style = anstyle::Style::new().fg_color(Some(c.into())).bold();
            format!("{style}{level}{style:#}")
        }
        None => level,
    };
    let who = format!("{:<width$}", who(e), width = cols.who);
    let indent = " ".repeat(23 + 2 + 9 + cols.who + 2);
    let mut lines = Vec::new();
    let mut message = e.message.lines();
    let first = message.next().unwrap_or_default();
    lines.push(
        format!("{time}  {level}{who}  {first}")
            .trim_end()
            .to_string(),
    );
    for l in message {
        lines.push(format!("{indent}{l}").trim_end().to_string());
    }
    for d in &e.details {
        let mut dl = d.message.lines();
        lines.push(
            format!(
                "{indent}{}: {}",
                d.level.as_str(),
                dl.next().unwrap_or_default()
            )
            .trim_end()
            .to_string(),
        );
        for l in dl {
            lines.push(format!("{indent}  {l}").trim_end().to_string());
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_render_aligned_with_details_indented() {
        let p = LinePrefix::rds_default();
        let (entries, _, _) = entry::assemble(
            &p,
            &[
                Event {
                    timestamp_ms: Some(1),
                    stream: "a".into(),
                    message: "2023-10-02 10:00:00 UTC:10.0.0.1(5):app@notify:[42]:ERROR:  relation \"x\" does not exist\n2023-10-02 10:00:00 UTC:10.0.0.1(5):app@notify:[42]:STATEMENT:  SELECT *\n\tFROM x".into(),
                },
                Event {
                    timestamp_ms: Some(2),
                    stream: "a".into(),
                    message: "2023-10-02 10:00:01 UTC::@:[7]:LOG:  checkpoint starting: time".into(),
                },
            ],
        );
        let refs: Vec<&Entry> = entries.iter().collect();
        let cols = Columns::fit(&refs);
        let mut out = Vec::new();
        for e in &entries {
            out.extend(render(e, cols, false));
        }
        assert_eq!(
            out,
            [
                "2023-10-02 10:00:00 UTC  ERROR    app@notify[42]  relation \"x\" does not exist",
                "                                                  STATEMENT: SELECT *",
                "                                                    FROM x",
                "2023-10-02 10:00:01 UTC  LOG      [7]             checkpoint starting: time",
            ]
        );
        let coloured = render(&entries[0], cols, true).remove(0);
        assert!(coloured.contains("\u{1b}["), "{coloured}");
    }

    #[test]
    fn places() {
        assert_eq!(
            Place::instance("notifydb").group,
            "/aws/rds/instance/notifydb/postgresql"
        );
        let m = Place::cluster_member("aur", "aur-1");
        assert_eq!(m.group, "/aws/rds/cluster/aur/postgresql");
        assert_eq!(m.stream_prefix.as_deref(), Some("aur-1"));
        assert!(enable_command("x").contains(r#"'{"EnableLogTypes":["postgresql"]}'"#));
    }
}
