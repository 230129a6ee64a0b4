//! The fallback when the log is not exported to CloudWatch Logs: the
//! instance's log files with RDS DescribeDBLogFiles, the ones covering the
//! asked time range, each read to its end with DownloadDBLogFilePortion
//! (see [`super::portions`]). Touches RDS.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};

use crate::aws::error::AwsResultExt;
use crate::aws::Rds;
use crate::error::UserError;

use super::portions::{Portion, PortionReader};
use super::query::Window;

/// One log file of an instance.
#[derive(Debug, Clone, PartialEq)]
pub struct LogFile {
    pub name: String,
    pub last_written_ms: Option<i64>,
    pub size: Option<i64>,
}

/// Every log file of the instance (DescribeDBLogFiles, all pages).
pub async fn list(rds: &Rds, instance: &str) -> anyhow::Result<Vec<LogFile>> {
    let mut out = Vec::new();
    let mut marker: Option<String> = None;
    loop {
        let page = rds
            .client
            .describe_db_log_files()
            .db_instance_identifier(instance)
            .set_marker(marker.clone())
            .send()
            .await
            .aws(&rds.api)
            .map_err(|e| e.user(format!("cannot list the log files of `{instance}`")))?;
        for f in page.describe_db_log_files() {
            out.push(LogFile {
                name: f.log_file_name().unwrap_or_default().to_string(),
                last_written_ms: f.last_written(),
                size: f.size(),
            });
        }
        match page.marker() {
            Some(m) if !m.is_empty() && marker.as_deref() != Some(m) => {
                marker = Some(m.to_string())
            }
            _ => return Ok(out),
        }
    }
}

/// When a PostgreSQL log file starts, from its name:
/// `error/postgresql.log.2023-10-02-10` or `…-1030` (UTC).
pub fn file_start(name: &str) -> Option<DateTime<Utc>> {
    let stamp = name.rsplit("postgresql.log.").next()?;
    let naive = match stamp.len() {
        13 => NaiveDateTime::parse_from_str(&format!("{stamp}00"), "%Y-%m-%d-%H%M").ok()?,
        15 => NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d-%H%M").ok()?,
        _ => return None,
    };
    Some(Utc.from_utc_datetime(&naive))
}

/// The PostgreSQL log files that can hold lines of `window`, oldest first: a
/// file runs from the time in its name to the next file's; files whose
/// names carry no time are kept when last written within the window.
pub fn select(files: &[LogFile], window: &Window) -> Vec<LogFile> {
    let mut timed: Vec<(DateTime<Utc>, &LogFile)> = files
        .iter()
        .filter_map(|f| file_start(&f.name).map(|t| (t, f)))
        .collect();
    timed.sort_by_key(|(t, _)| *t);
    let mut out = Vec::new();
    for (i, (start, f)) in timed.iter().enumerate() {
        let end = timed.get(i + 1).map(|(t, _)| *t);
        let before_end = window.until.is_none_or(|u| *start <= u);
        let after_start = end.is_none_or(|e| e > window.since);
        if before_end && after_start {
            out.push((*f).clone());
        }
    }
    for f in files.iter().filter(|f| file_start(&f.name).is_none()) {
        let since_ms = window.since.timestamp_millis();
        if f.name.contains("postgres") && f.last_written_ms.is_some_and(|w| w >= since_ms) {
            out.push(f.clone());
        }
    }
    out
}

/// The whole text of one log file, portion after portion from the start.
pub async fn download(
    rds: &Rds,
    instance: &str,
    file: &str,
    mut on_portion: impl FnMut(usize),
) -> anyhow::Result<String> {
    let mut reader = PortionReader::new(file);
    while let Some(marker) = reader.marker().map(str::to_string) {
        let out = rds
            .client
            .download_db_log_file_portion()
            .db_instance_identifier(instance)
            .log_file_name(file)
            .marker(marker)
            .send()
            .await
            .aws(&rds.api)
            .map_err(|e| {
                e.user(format!(
                    "cannot download the log file `{file}` of `{instance}` (DownloadDBLogFilePortion)"
                ))
            })?;
        reader
            .accept(Portion {
                data: out.log_file_data().map(str::to_string),
                marker: out.marker().map(str::to_string),
                pending: out.additional_data_pending().unwrap_or(false),
            })
            .map_err(|e| {
                UserError::runtime(format!("cannot read the log file `{file}` to its end"))
                    .source(anyhow::anyhow!(e))
            })?;
        on_portion(reader.portions());
    }
    Ok(reader.into_text())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(name: &str, last: i64) -> LogFile {
        LogFile {
            name: name.into(),
            last_written_ms: Some(last),
            size: Some(1),
        }
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn file_names_give_their_start() {
        assert_eq!(
            file_start("error/postgresql.log.2023-10-02-10"),
            Some(at("2023-10-02T10:00:00Z"))
        );
        assert_eq!(
            file_start("error/postgresql.log.2023-10-02-1030"),
            Some(at("2023-10-02T10:30:00Z"))
        );
        assert_eq!(file_start("error/postgres.log"), None);
    }

    #[test]
    fn only_files_overlapping_the_window_are_read() {
        let files = vec![
            f("error/postgresql.log.2023-10-02-11", 0),
            f("error/postgresql.log.2023-10-02-09", 0),
            f("error/postgresql.log.2023-10-02-10", 0),
            f("error/postgresql.log.2023-10-02-12", 0),
            f(
                "error/postgres.log",
                at("2023-10-02T10:45:00Z").timestamp_millis(),
            ),
            f(
                "error/postgres.log.old",
                at("2023-10-01T10:45:00Z").timestamp_millis(),
            ),
        ];
        let w = Window {
            since: at("2023-10-02T10:15:00Z"),
            until: Some(at("2023-10-02T11:10:00Z")),
        };
        let names: Vec<String> = select(&files, &w).into_iter().map(|f| f.name).collect();
        assert_eq!(
            names,
            [
                "error/postgresql.log.2023-10-02-10",
                "error/postgresql.log.2023-10-02-11",
                "error/postgres.log"
            ]
        );
        let open = Window {
            since: at("2023-10-02T12:30:00Z"),
            until: None,
        };
        let names: Vec<String> = select(&files, &open).into_iter().map(|f| f.name).collect();
        assert_eq!(names, ["error/postgresql.log.2023-10-02-12"]);
    }
}
