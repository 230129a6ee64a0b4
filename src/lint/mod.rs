//! `dbtool migrate lint`: zero-downtime safety checks for PostgreSQL
//! migrations. A file is split with the migrate engine's splitter
//! ([`crate::migrate::sql`]), each statement parsed with PostgreSQL's own
//! grammar (pg_query), given a lock model ([`locks`]) and checked by the
//! rules ([`rules`]) with the context of its file. [`preflight`] checks a
//! live database for sessions that would block a migration. Everything here
//! is pure except `files` (reads files, runs git) and `preflight` (queries
//! PostgreSQL).

pub mod ast;
pub mod config;
pub mod deploy;
pub mod files;
pub mod help;
pub mod locks;
pub mod preflight;
pub mod report;
pub mod rules;

use serde::{Deserialize, Serialize};

pub use config::LintConfig;

/// What `migrate` does with error-level lint findings: warn or refuse.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LintMode {
    Warn,
    Refuse,
}
pub use locks::{LockMode, RelationLock};
pub use rules::{Rule, Schema, RULES};

use crate::migrate::sql::{self, StatementKind};

/// How serious a finding is. Errors fail `dbtool migrate lint` (exit 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    /// The colour findings of this severity are painted in.
    pub fn color(self) -> anstyle::AnsiColor {
        match self {
            Severity::Error => anstyle::AnsiColor::Red,
            Severity::Warning => anstyle::AnsiColor::Yellow,
            Severity::Info => anstyle::AnsiColor::Cyan,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A target PostgreSQL version: a major and, when known, a minor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PgVersion {
    pub major: u32,
    pub minor: Option<u32>,
}

impl PgVersion {
    /// The newest major version the rules know about; the default target.
    pub const LATEST: PgVersion = PgVersion {
        major: 17,
        minor: None,
    };

    pub fn new(major: u32, minor: u32) -> PgVersion {
        PgVersion {
            major,
            minor: Some(minor),
        }
    }

    /// Parses `16`, `14.2`, `9.6`, or a `server_version_num` such as `140002`.
    pub fn parse(s: &str) -> Result<PgVersion, String> {
        let s = s.trim();
        let bad = || format!("`{s}` is not a PostgreSQL version (expected e.g. 16 or 14.2)");
        if s.len() >= 5 && s.chars().all(|c| c.is_ascii_digit()) {
            let n: u32 = s.parse().map_err(|_| bad())?;
            return Ok(PgVersion::from_num(n as i32));
        }
        let mut parts = s.split('.');
        let major: u32 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let minor: Option<u32> = match parts.next() {
            Some(p) => Some(p.parse().map_err(|_| bad())?),
            None => None,
        };
        if !(9..=99).contains(&major) {
            return Err(bad());
        }
        if major == 9 {
            // 9.x: x is part of the major version; the rules only compare majors ≥ 10.
            return Ok(PgVersion { major: 9, minor });
        }
        Ok(PgVersion { major, minor })
    }

    /// From `server_version_num` (`140002` → 14.2, `90624` → 9.6.24).
    pub fn from_num(n: i32) -> PgVersion {
        let n = n.max(0) as u32;
        if n >= 100000 {
            PgVersion {
                major: n / 10000,
                minor: Some(n % 10000),
            }
        } else {
            PgVersion {
                major: n / 10000,
                minor: Some(n / 100 % 100),
            }
        }
    }

    /// As `server_version_num` (minor 0 when unknown; 9.x counts as 9.x.0).
    pub fn num(self) -> i32 {
        let minor = self.minor.unwrap_or(0);
        if self.major >= 10 {
            (self.major * 10000 + minor) as i32
        } else {
            (self.major * 10000 + minor * 100) as i32
        }
    }
}

impl std::fmt::Display for PgVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let major = self.major;
        match self.minor {
            Some(m) => write!(f, "{major}.{m}"),
            None => write!(f, "{major}"),
        }
    }
}

/// One problem found in a migration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub file: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub message: String,
    /// The safe alternative, as SQL (with the statement's own names where
    /// the rule can fill them in).
    pub help: std::borrow::Cow<'static, str>,
    /// Why it is unsafe: the lock taken and what it blocks.
    pub why: &'static str,
    /// The lock level the rule is about.
    pub lock: &'static str,
    /// The statement, abbreviated.
    pub statement: String,
    /// The line of the file the finding points at (for the caret display).
    #[serde(skip)]
    pub source_line: String,
}

/// One statement and its locks (`--explain`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatementInfo {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub statement: String,
    /// Whether the migrate engine runs it inside a transaction.
    pub in_transaction: bool,
    pub locks: Vec<RelationLock>,
}

/// Everything the rules need besides the SQL.
#[derive(Debug, Clone)]
pub struct LintOptions {
    pub pg_version: PgVersion,
    pub config: LintConfig,
    /// `--include`: only these rules (empty: all).
    pub include: Vec<String>,
    /// `--exclude`: not these rules.
    pub exclude: Vec<String>,
    /// The migrate engine sets `lock_timeout` itself (dbtool's default).
    pub engine_lock_timeout: bool,
    /// Keep each statement's lock model in [`FileReport::statements`] (`--explain`).
    pub explain: bool,
}

impl Default for LintOptions {
    fn default() -> Self {
        LintOptions {
            pg_version: PgVersion::LATEST,
            config: LintConfig::default(),
            include: Vec::new(),
            exclude: Vec::new(),
            engine_lock_timeout: true,
            explain: false,
        }
    }
}

/// A migration to lint.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name findings carry (a path as the user gave it).
    pub file: String,
    pub text: String,
    /// `executeInTransaction` from `<script>.sql.conf`, if set.
    pub execute_in_transaction: Option<bool>,
}

/// The result of linting one file.
#[derive(Debug, Clone, Default)]
pub struct FileReport {
    pub file: String,
    pub findings: Vec<Finding>,
    pub statements: Vec<StatementInfo>,
    /// Whether the migrate engine runs the file in one transaction.
    pub transactional: bool,
    /// The relations the file locks that it did not create, with the
    /// strongest mode on each (the pre-flight gate's question), from the
    /// same parse as the findings.
    pub locked: Vec<RelationLock>,
}

/// A file split into statements and parsed: the expensive part of linting,
/// independent of other files (so it can run on several threads).
#[derive(Debug)]
pub struct Prepared {
    pub source: Source,
    /// The text with placeholders neutralised (same byte positions).
    text: String,
    /// SQL statements (meta-commands dropped), or why the file cannot be split.
    statements: Result<Vec<sql::Statement>, sql::SplitError>,
    /// Per statement: its parse trees, or the parser's message.
    parsed: Vec<Result<Vec<pg_query::NodeEnum>, String>>,
    /// Line starts of `text`, for the findings' positions.
    lines: crate::text::Lines,
}

/// Splits and parses a file.
pub fn prepare(source: Source) -> Prepared {
    let text = neutralize_placeholders(&source.text).into_owned();
    let statements = sql::split(&text).map(|all| {
        all.into_iter()
            .filter(|s| s.kind != StatementKind::MetaCommand)
            .collect::<Vec<_>>()
    });
    let parsed = match &statements {
        Ok(list) => list
            .iter()
            .map(|stmt| crate::pg::parse::parse(stmt.text(&text)))
            .collect(),
        Err(_) => Vec::new(),
    };
    Prepared {
        lines: crate::text::Lines::new(&text),
        source,
        text,
        statements,
        parsed,
    }
}

/// Lints one file. `schema` carries what earlier files of the same run
/// created (column types, foreign keys), so pass files in migration order.
pub fn lint_source(src: &Source, opts: &LintOptions, schema: &mut Schema) -> FileReport {
    check_prepared(&prepare(src.clone()), opts, schema)
}

/// The files of one run (the pending migrations at deploy time, the files
/// reported by `migrate lint`), in order: the tables created by earlier
/// files of the run are new and empty when later ones lock them, so the
/// lock rules say nothing about them.
#[derive(Debug, Default)]
pub struct Run {
    new_tables: std::collections::HashSet<String>,
}

/// How many threads split and parse files: the cores, at most 4.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

/// Lints `count` files in migration order. Loading, splitting and parsing
/// run on up to `threads` threads; the rules run on the calling thread in
/// order (they carry schema knowledge from file to file), and `each`
/// receives every report in order. Stops at the first `load` error.
pub fn lint_in_order<E: Send>(
    count: usize,
    load: impl Fn(usize) -> Result<Source, E> + Sync,
    opts: &LintOptions,
    threads: usize,
    each: impl FnMut(usize, FileReport),
) -> Result<(), E> {
    lint_run_in_order(count, load, opts, threads, |_| false, each)
}

/// [`lint_in_order`] where `in_run(i)` says whether file `i` is part of
/// the run (see [`Run`]); the others are context.
pub fn lint_run_in_order<E: Send>(
    count: usize,
    load: impl Fn(usize) -> Result<Source, E> + Sync,
    opts: &LintOptions,
    threads: usize,
    in_run: impl Fn(usize) -> bool,
    mut each: impl FnMut(usize, FileReport),
) -> Result<(), E> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::{Condvar, Mutex};
    let mut schema = Schema::default();
    let mut run = Run::default();
    let mut check = |i: usize, p: &Prepared| {
        let r = if in_run(i) { Some(&mut run) } else { None };
        check_in_run(p, opts, &mut schema, r)
    };
    let threads = threads.clamp(1, count.max(1));
    if threads == 1 {
        for i in 0..count {
            let p = prepare(load(i)?);
            each(i, check(i, &p));
        }
        return Ok(());
    }
    // Workers stay at most `window` files ahead of the rules, which bounds memory.
    let window = threads + 1;
    let next = AtomicUsize::new(0);
    // How many files the rules have finished, and a wake-up for workers
    // waiting to get back inside the window (a sleep-and-poll loop here
    // capped many small files at a few per millisecond).
    let done = Mutex::new(0usize);
    let moved = Condvar::new();
    let abort = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Result<Prepared, E>)>(window);
        // The calling thread is one of the `threads`: it runs the rules and,
        // whenever the next file in order is not ready, prepares one itself
        // (one thread and one allocator arena fewer than a separate pool).
        for _ in 1..threads {
            let tx = tx.clone();
            let (next, done, moved, abort, load) = (&next, &done, &moved, &abort, &load);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= count {
                    break;
                }
                {
                    let mut d = done.lock().unwrap_or_else(|e| e.into_inner());
                    while i >= *d + window && !abort.load(Ordering::SeqCst) {
                        d = moved.wait(d).unwrap_or_else(|e| e.into_inner());
                    }
                }
                if abort.load(Ordering::SeqCst) || tx.send((i, load(i).map(prepare))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut pending = std::collections::BTreeMap::new();
        let mut want = 0;
        while want < count {
            let Some(r) = pending.remove(&want) else {
                // A file a worker sent, else one to prepare here, else wait.
                if let Ok((i, r)) = rx.try_recv() {
                    pending.insert(i, r);
                    continue;
                }
                // Within the window, as the workers: while a worker holds
                // `want`, this thread must not run ahead without bound.
                if next.load(Ordering::SeqCst) < (want + window).min(count) {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i < count {
                        pending.insert(i, load(i).map(prepare));
                        continue;
                    }
                }
                match rx.recv() {
                    Ok((i, r)) => {
                        pending.insert(i, r);
                        continue;
                    }
                    // Every worker is gone and `want` never came (a worker
                    // died): prepare it here rather than skip a file.
                    Err(_) => {
                        pending.insert(want, load(want).map(prepare));
                        continue;
                    }
                }
            };
            match r {
                Ok(p) => each(want, check(want, &p)),
                Err(e) => {
                    abort.store(true, Ordering::SeqCst);
                    // Under the lock, so no worker misses the wake-up.
                    drop(done.lock().unwrap_or_else(|e| e.into_inner()));
                    moved.notify_all();
                    return Err(e);
                }
            }
            want += 1;
            *done.lock().unwrap_or_else(|e| e.into_inner()) = want;
            moved.notify_all();
        }
        Ok(())
    })
}

/// Applies the rules to a prepared file (in migration order: see [`lint_source`]).
pub fn check_prepared(prepared: &Prepared, opts: &LintOptions, schema: &mut Schema) -> FileReport {
    check_in_run(prepared, opts, schema, None)
}

/// [`check_prepared`] for a file of a [`Run`]: tables created earlier in
/// the run count as created in this file, and the ones it creates are
/// added to the run.
pub fn check_in_run(
    prepared: &Prepared,
    opts: &LintOptions,
    schema: &mut Schema,
    mut run: Option<&mut Run>,
) -> FileReport {
    let src = &prepared.source;
    let text = prepared.text.as_str();
    let mut report = FileReport {
        file: src.file.clone(),
        ..FileReport::default()
    };
    let pg = opts.pg_version;
    let statements = match &prepared.statements {
        Ok(s) => s,
        Err(e) => {
            let f = finding_raw(
                prepared,
                "parse-error",
                Severity::Error,
                e.line,
                e.column,
                format!("cannot split the file into statements: {}", e.message),
                String::new(),
            );
            report.findings.push(f);
            return report;
        }
    };
    let statements: Vec<&sql::Statement> = statements.iter().collect();
    let transactional = match src.execute_in_transaction {
        Some(b) => b,
        None => !statements.iter().any(|s| s.is_non_transactional(pg.num())),
    };
    report.transactional = transactional;
    // A transactional file wrapped in BEGIN; … COMMIT; runs as the migration's
    // own transaction: `dbtool migrate` drops the wrapper, and so does lint.
    let wrapper = transactional && sql::is_transaction_wrapper(&statements);
    let mut st = rules::FileState::new(
        pg,
        transactional,
        opts.engine_lock_timeout,
        statements.len(),
    );
    st.hot_tables = opts.config.hot_tables.clone();
    if let Some(run) = &mut run {
        // Moved in and back out (below): the run's tables grow with the
        // corpus, a copy per file would be quadratic.
        st.created.extend(std::mem::take(&mut run.new_tables));
    }
    st.prescan(prepared.parsed.iter().flatten().flatten());
    let ignores = Ignores::parse(text, &statements);
    for (off, id) in &ignores.unknown {
        let (line, column) = prepared.lines.line_col(text, *off);
        let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        let message = match config::check_rule_id(id, &ids) {
            Err(e) => format!("an ignore comment names an {e}"),
            Ok(()) => continue,
        };
        let mut f = finding_raw(
            prepared,
            "unknown-rule",
            Severity::Warning,
            line,
            column,
            message,
            String::new(),
        );
        f.help = "use a rule id from `dbtool migrate lint --list-rules`, or `all`".into();
        report.findings.push(f);
    }
    for (idx, stmt) in statements.iter().enumerate() {
        if wrapper && (idx == 0 || idx + 1 == statements.len()) {
            continue;
        }
        let stmt_text = stmt.text(text);
        let excerpt = std::cell::OnceCell::new();
        let excerpt = || excerpt.get_or_init(|| abbreviate(stmt_text, 160)).clone();
        let nodes = match &prepared.parsed[idx] {
            Ok(nodes) => nodes,
            Err(message) => {
                let offset = near_offset(stmt_text, message).unwrap_or(0);
                let (line, column) = prepared.lines.line_col(text, stmt.range.start + offset);
                if ignores.allows(idx, "parse-error") {
                    let mut f = finding_raw(
                        prepared,
                        "parse-error",
                        Severity::Error,
                        line,
                        column,
                        message.clone(),
                        excerpt(),
                    );
                    f.help = "fix the SQL: the statement does not parse with PostgreSQL's grammar (placeholders `${…}` are read as identifiers)".into();
                    report.findings.push(f);
                }
                continue;
            }
        };
        for hit in rules::long_identifiers(stmt_text) {
            if let Some(f) = make_finding(prepared, stmt, &hit, opts, &ignores, idx, &excerpt()) {
                report.findings.push(f);
            }
        }
        for node in nodes {
            let locks = locks::statement_locks(node, pg);
            for l in &locks {
                if !st.created.contains(ast::bare(&l.relation)) {
                    add_lock(&mut report.locked, l);
                }
            }
            let in_tx = st.in_tx();
            let hits = rules::check(node, &locks, &mut st, schema);
            if opts.explain {
                report.statements.push(StatementInfo {
                    file: src.file.clone(),
                    line: stmt.line,
                    column: stmt.column,
                    statement: excerpt(),
                    in_transaction: in_tx,
                    locks,
                });
            }
            for hit in hits {
                if let Some(f) = make_finding(prepared, stmt, &hit, opts, &ignores, idx, &excerpt())
                {
                    report.findings.push(f);
                }
            }
        }
    }
    // A BEGIN that no COMMIT/ROLLBACK follows (squawk's
    // ban-uncommitted-transaction): reported at the BEGIN.
    let mut open_begin = None;
    for (idx, stmt) in statements.iter().enumerate() {
        match stmt.transaction_control() {
            Some(sql::TxControl::Begin) => open_begin = Some(idx),
            Some(_) => open_begin = None,
            None => {}
        }
    }
    if let Some(idx) = open_begin {
        let stmt = statements[idx];
        let hit = rules::Hit {
            rule: "ban-uncommitted-transaction",
            message: "BEGIN without a COMMIT or ROLLBACK after it: the transaction is left open at the end of the file".into(),
            location: None,
            severity: None,
            help: None,
        };
        let excerpt = abbreviate(stmt.text(text), 160);
        if let Some(f) = make_finding(prepared, stmt, &hit, opts, &ignores, idx, &excerpt) {
            report.findings.push(f);
        }
    }
    if let Some(run) = run {
        run.new_tables.extend(st.created);
    }
    report
}

/// Adds a lock to a per-relation union, keeping the strongest mode.
pub fn add_lock(out: &mut Vec<RelationLock>, l: &RelationLock) {
    match out.iter_mut().find(|o| o.relation == l.relation) {
        Some(o) => {
            o.mode = o.mode.max(l.mode);
            o.rewrite |= l.rewrite;
            o.scan |= l.scan;
        }
        None => out.push(l.clone()),
    }
}

fn make_finding(
    prepared: &Prepared,
    stmt: &sql::Statement,
    hit: &rules::Hit,
    opts: &LintOptions,
    ignores: &Ignores,
    idx: usize,
    excerpt: &str,
) -> Option<Finding> {
    let rule = rules::rule(hit.rule)?;
    let severity = opts.config.severity_of(
        rule.id,
        hit.severity.unwrap_or(rule.severity),
        &opts.include,
        &opts.exclude,
    )?;
    if !ignores.allows(idx, rule.id) {
        return None;
    }
    let offset = hit
        .location
        .filter(|l| *l < stmt.range.len())
        .map(|l| stmt.range.start + l)
        .unwrap_or(stmt.range.start);
    let (line, column) = prepared.lines.line_col(&prepared.text, offset);
    let mut f = finding_raw(
        prepared,
        rule.id,
        severity,
        line,
        column,
        hit.message.clone(),
        excerpt.to_string(),
    );
    f.help = match &hit.help {
        Some(h) => h.clone().into(),
        None => rule.safe.into(),
    };
    f.why = rule.why;
    f.lock = rule.lock;
    Some(f)
}

fn finding_raw(
    prepared: &Prepared,
    rule: &'static str,
    severity: Severity,
    line: usize,
    column: usize,
    message: String,
    statement: String,
) -> Finding {
    // The original text: same line breaks as the neutralised one the index was made of.
    let src = &prepared.source;
    let source_line = prepared.lines.line(&src.text, line).to_string();
    Finding {
        rule,
        severity,
        file: src.file.clone(),
        line,
        column,
        message,
        help: "".into(),
        why: "",
        lock: "",
        statement,
        source_line,
    }
}

/// Where `at or near "X"` in a parser message points inside the statement.
fn near_offset(stmt: &str, message: &str) -> Option<usize> {
    let near = message.split("at or near \"").nth(1)?;
    let near = &near[..near.rfind('"')?];
    if near.is_empty() {
        return None;
    }
    // Prefer a whole-token match.
    let lower = stmt.to_ascii_lowercase();
    let needle = near.to_ascii_lowercase();
    lower.match_indices(&needle).map(|(i, _)| i).find(|&i| {
        let before = lower[..i].chars().next_back();
        before.is_none_or(|c| !c.is_alphanumeric() && c != '_')
    })
}

/// One line, at most `max` characters.
pub fn abbreviate(s: &str, max: usize) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= max {
        one
    } else {
        let mut out: String = one.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// Replaces Flyway placeholders `${name}` with identifiers of the same byte
/// length (`${reader_role}` → `_reader_role__`), so the SQL parses and every
/// position stays where it was.
pub fn neutralize_placeholders(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("${") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("${") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        match after.find('}') {
            Some(j) if !after[..j].contains('\n') && !after[..j].is_empty() => {
                out.push('_');
                for c in after[..j].chars() {
                    if c.is_ascii_alphanumeric() || c == '_' {
                        out.push(c.to_ascii_lowercase());
                    } else {
                        out.push_str(&"_".repeat(c.len_utf8()));
                    }
                }
                out.push_str("__");
                rest = &after[j + 1..];
            }
            _ => {
                out.push_str("${");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// `-- dbtool:ignore <rule>[,<rule>…] [reason]` on a statement (the comment
/// before it, inside it, or at the end of its last line) and
/// `-- dbtool:ignore-file <rule>… [reason]` anywhere for the whole file.
/// `all` matches every rule; squawk's ids (`prefer-repack`…) match the rules
/// they map to. squawk's own comments are read the same way, as a migration
/// aid: `-- squawk-ignore rule[, rule…]` and `-- squawk-ignore-file [rule…]`
/// (no rule: every rule), with the rules up to the end of the comment.
#[derive(Debug, Default)]
pub struct Ignores {
    file: Vec<String>,
    /// (statement index, rule)
    statement: Vec<(usize, String)>,
    /// Unknown rule ids named in ignore comments, with their byte offset.
    pub unknown: Vec<(usize, String)>,
}

/// The marker that starts an inline ignore.
pub const IGNORE_MARKER: &str = "dbtool:ignore";
/// squawk's marker, read as a migration aid.
pub const SQUAWK_IGNORE_MARKER: &str = "squawk-ignore";

impl Ignores {
    pub fn parse(text: &str, statements: &[&sql::Statement]) -> Ignores {
        let mut ig = Ignores::default();
        let mut marks: Vec<(usize, bool)> = text
            .match_indices(IGNORE_MARKER)
            .map(|(o, _)| (o, false))
            .chain(
                text.match_indices(SQUAWK_IGNORE_MARKER)
                    .map(|(o, _)| (o, true)),
            )
            .collect();
        marks.sort();
        for (off, squawk) in marks {
            let line_start = text[..off].rfind('\n').map(|i| i + 1).unwrap_or(0);
            let before = &text[line_start..off];
            if !(before.contains("--") || before.contains("/*")) {
                continue;
            }
            let marker_len = if squawk {
                SQUAWK_IGNORE_MARKER.len()
            } else {
                IGNORE_MARKER.len()
            };
            let rest = &text[off + marker_len..];
            let rest = rest.lines().next().unwrap_or_default();
            let rest = match rest.find("*/") {
                Some(i) => &rest[..i],
                None => rest,
            };
            let (whole_file, rest) = match rest.strip_prefix("-file") {
                Some(r) => (true, r),
                None => (false, rest),
            };
            let rules: Vec<String> = if squawk {
                if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
                    continue;
                }
                // Everything up to a trailing `--` comment, comma-separated.
                let list = rest.split("--").next().unwrap_or_default();
                let names: Vec<String> = list
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect();
                if names.is_empty() {
                    vec!["all".to_string()]
                } else {
                    names
                }
            } else {
                if !rest.starts_with(char::is_whitespace) {
                    continue;
                }
                rest.split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            };
            for r in &rules {
                let known = r == "all" || r == "parse-error" || expand_alias_known(r);
                if !known {
                    ig.unknown.push((off, r.clone()));
                }
            }
            if whole_file {
                ig.file.extend(rules);
                continue;
            }
            let line_of = |o: usize| text[..o].matches('\n').count();
            let comment_line = line_of(off);
            let target = statements
                .iter()
                .rposition(|s| s.range.end <= off && line_of(s.range.end) == comment_line)
                .or_else(|| statements.iter().position(|s| s.range.end > off));
            if let Some(idx) = target {
                ig.statement.extend(rules.into_iter().map(|r| (idx, r)));
            }
        }
        ig
    }

    /// Whether findings of `rule` on statement `idx` are reported.
    pub fn allows(&self, idx: usize, rule: &str) -> bool {
        let hit = |r: &String| r == "all" || rules::expand_alias(r).contains(&rule);
        !(self.file.iter().any(hit) || self.statement.iter().any(|(i, r)| *i == idx && hit(r)))
    }
}

/// Whether `id` is a rule id or a squawk alias of one.
fn expand_alias_known(id: &str) -> bool {
    rules::expand_alias(id)
        .iter()
        .all(|r| rules::rule(r).is_some())
}

/// Exit status for a set of findings: failure when any is an error (or a
/// warning with `deny_warnings`).
pub fn has_failures(findings: &[Finding], deny_warnings: bool) -> bool {
    report::Tally::of(findings).fails(deny_warnings)
}

/// The relations a migration will lock and the strongest mode on each, from
/// the lock model (for the pre-flight check). Unparsable statements are skipped.
pub fn relations_locked(text: &str, pg: PgVersion) -> Vec<RelationLock> {
    let text = neutralize_placeholders(text);
    let mut out: Vec<RelationLock> = Vec::new();
    let Ok(statements) = sql::split(&text) else {
        return out;
    };
    let mut created: std::collections::HashSet<String> = std::collections::HashSet::new();
    for stmt in statements
        .iter()
        .filter(|s| s.kind != StatementKind::MetaCommand)
    {
        let Ok(parsed) = crate::pg::parse::parse(stmt.text(&text)) else {
            continue;
        };
        for node in &parsed {
            let locks = locks::statement_locks(node, pg);
            if let pg_query::NodeEnum::CreateStmt(c) = node {
                created.insert(ast::rel_name(c.relation.as_ref()));
            }
            for l in locks.iter().filter(|l| !created.contains(&l.relation)) {
                add_lock(&mut out, l);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod line_tests {
    use proptest::prelude::*;

    proptest! {
        /// The same line as `str::lines` gives (which also drops a `\r`).
        #[test]
        fn line_is_the_line_str_lines_gives(text in "[a\r\n é]{0,40}", line in 0usize..12) {
            let want = text.lines().nth(line.max(1) - 1).unwrap_or_default();
            let lines = crate::text::Lines::new(&text);
            prop_assert_eq!(lines.line(&text, line), want);
        }
    }
}
