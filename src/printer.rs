//! Where output goes: data on stdout, status, warnings, progress and errors on
//! stderr. Progress bars are hidden when stderr is not a terminal, with `-q`
//! or with `--no-progress`. Touches only the process's stdout and stderr.

use std::fmt::Display;
use std::io::{IsTerminal, Write};
use std::time::Duration;

use anstyle::{AnsiColor, Style};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::error::LineKind;

/// `--output-format`: how data on stdout is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    /// Human-readable text
    #[default]
    Text,
    /// JSON, one document on stdout
    Json,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when stderr is a terminal and NO_COLOR is unset
    #[default]
    Auto,
    Always,
    Never,
}

/// Decides what is shown where. Cheap to clone; pass it by value or reference.
#[derive(Debug, Clone)]
pub struct Printer {
    pub quiet: bool,
    pub verbose: u8,
    pub color: bool,
    pub format: OutputFormat,
    pub progress: bool,
}

impl Printer {
    pub fn new(
        quiet: bool,
        verbose: u8,
        color: ColorChoice,
        format: OutputFormat,
        no_progress: bool,
    ) -> Self {
        let stderr_tty = std::io::stderr().is_terminal();
        let color = match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                stderr_tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        Printer {
            quiet,
            verbose,
            color,
            format,
            progress: stderr_tty && !quiet && !no_progress,
        }
    }

    /// A printer for tests and library callers: no colour, no progress.
    pub fn plain() -> Self {
        Printer {
            quiet: false,
            verbose: 0,
            color: false,
            format: OutputFormat::Text,
            progress: false,
        }
    }

    pub fn is_json(&self) -> bool {
        self.format == OutputFormat::Json
    }

    /// One line of data on stdout.
    pub fn data(&self, line: impl Display) {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{line}");
    }

    /// A JSON document on stdout (pretty-printed).
    pub fn json<T: Serialize + ?Sized>(&self, value: &T) -> anyhow::Result<()> {
        let mut out = std::io::stdout().lock();
        serde_json::to_writer_pretty(&mut out, value)?;
        writeln!(out)?;
        Ok(())
    }

    /// A status line on stderr; silenced by `-q`.
    pub fn status(&self, line: impl Display) {
        if !self.quiet {
            eprintln!("{line}");
        }
    }

    /// A detail line on stderr shown only with `-v`.
    pub fn verbose(&self, line: impl Display) {
        if self.verbose > 0 && !self.quiet {
            eprintln!("{}", self.dim(line));
        }
    }

    /// A success line (`✓ …`) on stderr; silenced by `-q`.
    pub fn success(&self, line: impl Display) {
        if !self.quiet {
            eprintln!("{} {line}", self.paint(AnsiColor::Green, "✓"));
        }
    }

    /// A warning on stderr; shown even with `-q`.
    pub fn warn(&self, line: impl Display) {
        eprintln!("{} {line}", self.paint(AnsiColor::Yellow, "warning:"));
    }

    /// A hint on stderr (what to do next); silenced by `-q`.
    pub fn hint(&self, line: impl Display) {
        if !self.quiet {
            eprintln!("{} {line}", self.paint(AnsiColor::Cyan, "hint:"));
        }
    }

    /// Prints a rendered error chain on stderr.
    pub fn error(&self, err: &anyhow::Error) {
        let mut stderr = std::io::stderr().lock();
        for (kind, text) in crate::error::render_with(err, self.verbose > 0) {
            let _ = match kind {
                LineKind::Error => {
                    writeln!(stderr, "{} {text}", self.paint(AnsiColor::Red, "error:"))
                }
                LineKind::CausedBy => {
                    writeln!(stderr, "{}", self.paint(AnsiColor::Red, "Caused by:"))
                }
                LineKind::Cause => {
                    let mut lines = text.lines();
                    let first = lines.next().unwrap_or_default();
                    let _ = writeln!(stderr, "  {first}");
                    for l in lines {
                        let _ = writeln!(stderr, "  {l}");
                    }
                    Ok(())
                }
                LineKind::Hint => {
                    writeln!(stderr, "{} {text}", self.paint(AnsiColor::Cyan, "hint:"))
                }
            };
        }
    }

    pub fn bold(&self, s: impl Display) -> String {
        self.styled(Style::new().bold(), s)
    }

    pub fn dim(&self, s: impl Display) -> String {
        self.styled(Style::new().dimmed(), s)
    }

    pub fn paint(&self, color: AnsiColor, s: impl Display) -> String {
        self.styled(Style::new().fg_color(Some(color.into())).bold(), s)
    }

    fn styled(&self, style: Style, s: impl Display) -> String {
        if self.color {
            format!("{style}{s}{style:#}")
        } else {
            s.to_string()
        }
    }

    /// A progress bar of `len` units on stderr, hidden when progress is off.
    pub fn progress_bar(&self, len: u64, template: &str) -> ProgressBar {
        let pb = ProgressBar::with_draw_target(Some(len), self.draw_target());
        if let Ok(style) = ProgressStyle::with_template(template) {
            pb.set_style(style.progress_chars("=> "));
        }
        pb
    }

    /// A spinner with a message, ticking on its own, hidden when progress is off.
    pub fn spinner(&self, message: impl Into<String>) -> ProgressBar {
        let pb = ProgressBar::with_draw_target(None, self.draw_target());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} [{elapsed}]") {
            pb.set_style(style);
        }
        pb.set_message(message.into());
        pb.enable_steady_tick(Duration::from_millis(120));
        pb
    }

    fn draw_target(&self) -> ProgressDrawTarget {
        if self.progress {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        }
    }

    /// Prints rows as an aligned table (first row is the header) on stdout.
    pub fn table(&self, rows: &[Vec<String>]) {
        for line in format_table(rows) {
            self.data(line);
        }
    }
}

/// Aligns rows into columns separated by two spaces; the first row is a header
/// underlined with dashes. Width counts characters, not bytes.
pub fn format_table(rows: &[Vec<String>]) -> Vec<String> {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; cols];
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let render = |row: &Vec<String>| {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i + 1 == row.len() {
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&" ".repeat(widths[i] - cell.chars().count() + 2));
            }
        }
        line.trim_end().to_string()
    };
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        out.push(render(row));
        if i == 0 {
            let dashes: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
            out.push(render(&dashes));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn table_aligns_by_characters() {
        let rows = vec![
            vec!["Version".to_string(), "State".to_string()],
            vec!["1".to_string(), "Succès".to_string()],
            vec!["10.2".to_string(), "Pending".to_string()],
        ];
        assert_eq!(
            super::format_table(&rows),
            vec![
                "Version  State",
                "-------  -------",
                "1        Succès",
                "10.2     Pending"
            ]
        );
    }
}
