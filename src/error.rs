//! Error values with a kind (exit code) and a hint, and their rendering as
//! `error:` / `Caused by:` / `hint:` on stderr. Touches no external system.

use std::fmt;

/// Process exit codes; documented in `docs/exit-codes.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: the command did what was asked.
    Success,
    /// 1: the command failed at run time, or found problems (drift, lint errors).
    Failure,
    /// 2: bad usage or configuration; nothing was done.
    Usage,
    /// A child process's own exit code, passed through (`connect`).
    Code(i32),
}

impl ExitStatus {
    pub fn code(self) -> i32 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Usage => 2,
            ExitStatus::Code(c) => c,
        }
    }
}

/// What kind of failure an error is: decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Bad flags, bad configuration, bad input files: exit 2.
    Usage,
    /// Anything that failed while doing the work: exit 1.
    Runtime,
}

/// An error a user reads: a one-line message, an optional hint saying what to
/// do, and an optional cause shown under `Caused by:`.
#[derive(Debug)]
pub struct UserError {
    pub message: String,
    pub hint: Option<String>,
    pub kind: ErrorKind,
    pub source: Option<anyhow::Error>,
}

impl UserError {
    pub fn usage(message: impl Into<String>) -> Self {
        UserError {
            message: message.into(),
            hint: None,
            kind: ErrorKind::Usage,
            source: None,
        }
    }

    pub fn runtime(message: impl Into<String>) -> Self {
        UserError {
            message: message.into(),
            hint: None,
            kind: ErrorKind::Runtime,
            source: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn source(mut self, source: impl Into<anyhow::Error>) -> Self {
        self.source = Some(source.into());
        self
    }
}

impl fmt::Display for UserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for UserError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_ref().map(|e| {
            let e: &(dyn std::error::Error + Send + Sync + 'static) = e.as_ref();
            e as &(dyn std::error::Error + 'static)
        })
    }
}

/// Shorthand: `bail_usage!("unknown environment `{}`", name)` with an optional `; hint = "..."`.
#[macro_export]
macro_rules! usage_err {
    ($($arg:tt)*) => { $crate::error::UserError::usage(format!($($arg)*)) };
}

/// Adds a hint (and optionally a kind) to any error on its way up.
pub trait ResultExt<T> {
    /// Wraps the error in a [`UserError`] with this message and hint; the
    /// original error becomes the `Caused by:` line.
    fn user_context(
        self,
        kind: ErrorKind,
        message: impl Into<String>,
        hint: Option<&str>,
    ) -> anyhow::Result<T>;
}

impl<T, E: Into<anyhow::Error>> ResultExt<T> for Result<T, E> {
    fn user_context(
        self,
        kind: ErrorKind,
        message: impl Into<String>,
        hint: Option<&str>,
    ) -> anyhow::Result<T> {
        self.map_err(|e| {
            let mut u = UserError {
                message: message.into(),
                hint: None,
                kind,
                source: Some(e.into()),
            };
            u.hint = hint.map(str::to_string);
            anyhow::Error::new(u)
        })
    }
}

/// The exit status an error maps to: the first [`UserError`] kind in its chain, else 1.
pub fn exit_status(err: &anyhow::Error) -> ExitStatus {
    for cause in err.chain() {
        if let Some(u) = cause.downcast_ref::<UserError>() {
            return match u.kind {
                ErrorKind::Usage => ExitStatus::Usage,
                ErrorKind::Runtime => ExitStatus::Failure,
            };
        }
    }
    ExitStatus::Failure
}

/// Renders an error chain as plain text lines (no colour):
/// `error: …`, then `Caused by:` entries, then `hint: …`.
pub fn render(err: &anyhow::Error) -> Vec<(LineKind, String)> {
    render_with(err, false)
}

/// [`render`], with `verbose` (`-v`) adding AWS request ids and the SDK's
/// own report. Library errors are shown by their mapping, never with Debug:
/// an AWS failure as `code: message` or "cannot reach …" with its hint
/// (`crate::aws::error`), a PostgreSQL failure with its SQLSTATE, DETAIL and
/// the server's HINT (`crate::pg::describe_error`). Their own source chains
/// are not walked further: the mapping already said what they hold.
pub fn render_with(err: &anyhow::Error, verbose: bool) -> Vec<(LineKind, String)> {
    let mut lines = Vec::new();
    let mut hints: Vec<String> = Vec::new();
    let mut messages: Vec<String> = Vec::new();
    for cause in err.chain() {
        if let Some(u) = cause.downcast_ref::<UserError>() {
            if let Some(h) = &u.hint {
                hints.push(h.clone());
            }
        }
        if let Some(aws) = cause.downcast_ref::<crate::aws::error::AwsError>() {
            push_unique(&mut messages, aws.to_string());
            if let Some(h) = aws.hint() {
                hints.push(h);
            }
            if verbose {
                if let Some(id) = aws.request_id() {
                    push_unique(&mut messages, format!("request id: {id}"));
                }
                let mut inner = std::error::Error::source(aws);
                let mut chain = Vec::new();
                while let Some(c) = inner {
                    let t = c.to_string();
                    if !chain.contains(&t) {
                        chain.push(t);
                    }
                    inner = c.source();
                }
                if !chain.is_empty() {
                    push_unique(&mut messages, format!("SDK report: {}", chain.join(": ")));
                }
            }
            break;
        }
        if let Some(pg) = cause.downcast_ref::<tokio_postgres::Error>() {
            push_unique(&mut messages, crate::pg::describe_error(pg));
            if let Some(h) = pg.as_db_error().and_then(|db| db.hint()) {
                hints.push(h.to_string());
            }
            break;
        }
        let text = cause.to_string();
        // anyhow contexts often repeat their cause's text; print each once.
        push_unique(&mut messages, text);
    }
    let mut it = messages.into_iter();
    if let Some(first) = it.next() {
        lines.push((LineKind::Error, first));
    }
    let rest: Vec<String> = it.collect();
    if !rest.is_empty() {
        lines.push((LineKind::CausedBy, String::new()));
        for r in rest {
            lines.push((LineKind::Cause, r));
        }
    }
    let mut seen: Vec<String> = Vec::new();
    for h in hints {
        if !seen.contains(&h) {
            seen.push(h.clone());
            lines.push((LineKind::Hint, h));
        }
    }
    lines
}

fn push_unique(v: &mut Vec<String>, s: String) {
    if !s.is_empty() && !v.iter().any(|x| x == &s) {
        v.push(s);
    }
}

/// The role of one rendered line, so the printer can colour it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Error,
    CausedBy,
    Cause,
    Hint,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_errors_exit_2_and_keep_hint_and_cause() {
        let inner = anyhow::anyhow!("file not found");
        let err: anyhow::Error = UserError::usage("cannot read dbtool.toml")
            .hint("create it")
            .source(inner)
            .into();
        assert_eq!(exit_status(&err), ExitStatus::Usage);
        let lines = render(&err);
        assert_eq!(
            lines[0],
            (LineKind::Error, "cannot read dbtool.toml".into())
        );
        assert_eq!(lines[1].0, LineKind::CausedBy);
        assert_eq!(lines[2], (LineKind::Cause, "file not found".into()));
        assert_eq!(lines[3], (LineKind::Hint, "create it".into()));
    }

    #[test]
    fn plain_errors_exit_1() {
        let err = anyhow::anyhow!("boom");
        assert_eq!(exit_status(&err), ExitStatus::Failure);
        assert_eq!(render(&err), vec![(LineKind::Error, "boom".to_string())]);
    }
}
