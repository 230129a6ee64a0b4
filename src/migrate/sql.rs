//! Splitting SQL scripts into statements with PostgreSQL's own lexer
//! (libpg_query's scanner via `pg_query::scan`), plus a pre-pass for psql-only
//! syntax (backslash meta-commands, `COPY … FROM stdin` data ending at `\.`),
//! and Flyway's detection of statements that cannot run in a transaction.
//! Every statement keeps its byte range, line and column so server error
//! positions map back to the file. Pure; touches no external system.

use std::ops::Range;

use pg_query::protobuf::Token;

/// What a piece of a script is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatementKind {
    /// An SQL statement sent to the server as is.
    Sql,
    /// `COPY … FROM stdin`; `data` is the byte range of the rows that follow
    /// (without the closing `\.` line).
    CopyFromStdin { data: Range<usize> },
    /// A psql backslash meta-command (`\set`, `\connect`…), one line.
    MetaCommand,
}

/// One statement of a script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub kind: StatementKind,
    /// Byte range of the statement text in the script: from its first token to
    /// its last one, the terminating `;` excluded.
    pub range: Range<usize>,
    /// 1-based line and column (in characters) of the first token.
    pub line: usize,
    pub column: usize,
    /// Lower-cased leading words (keywords and identifiers, at most 16),
    /// comments and punctuation skipped: `["create", "index", "concurrently", …]`.
    pub words: Vec<String>,
    /// Whether the statement mentions `CONCURRENTLY` anywhere.
    pub concurrently: bool,
    /// Whether a `;` ended it (false for a last statement without one).
    pub terminated: bool,
}

impl Statement {
    /// The statement's text in `script`.
    pub fn text<'a>(&self, script: &'a str) -> &'a str {
        &script[self.range.clone()]
    }

    /// Whether Flyway would run this statement outside a transaction:
    /// `CREATE/DROP INDEX CONCURRENTLY`, `CREATE/DROP DATABASE`, `VACUUM`,
    /// `ALTER SYSTEM`, `REINDEX … CONCURRENTLY`, and `ALTER TYPE … ADD VALUE`
    /// before PostgreSQL 12 (`server_version_num` < 120000).
    pub fn is_non_transactional(&self, server_version_num: i32) -> bool {
        if self.kind == StatementKind::MetaCommand {
            return false;
        }
        let w: Vec<&str> = self.words.iter().map(String::as_str).collect();
        match w.as_slice() {
            ["create", "index", "concurrently", ..]
            | ["create", "unique", "index", "concurrently", ..] => true,
            ["drop", "index", "concurrently", ..] => true,
            ["create", "database", ..] | ["drop", "database", ..] => true,
            ["vacuum", ..] => true,
            ["alter", "system", ..] => true,
            ["reindex", ..] => self.concurrently,
            ["alter", "type", rest @ ..] => {
                server_version_num < 120000 && rest.windows(2).any(|p| p == ["add", "value"])
            }
            _ => false,
        }
    }
}

/// A statement that starts, ends or prepares a transaction (savepoints are
/// not: they never end the transaction a migration runs in).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TxControl {
    /// `BEGIN`, `START TRANSACTION` (with or without modes).
    Begin,
    /// `COMMIT`, `END` (not `COMMIT AND CHAIN`, not `COMMIT PREPARED`).
    Commit,
    /// Anything else that ends the transaction: `ROLLBACK`, `ABORT`,
    /// `COMMIT AND CHAIN`, `PREPARE TRANSACTION`, `COMMIT/ROLLBACK PREPARED`.
    Other,
}

impl Statement {
    /// Whether this statement is transaction control, and which kind. Pure:
    /// reads the leading words (a `BEGIN` inside a function body or a `DO`
    /// block is inside a string, never a leading word).
    pub fn transaction_control(&self) -> Option<TxControl> {
        if self.kind != StatementKind::Sql {
            return None;
        }
        let w: Vec<&str> = self.words.iter().map(String::as_str).collect();
        let chain = w.windows(2).any(|p| p == ["and", "chain"]) && !w.contains(&"no");
        match w.as_slice() {
            ["begin", ..] | ["start", "transaction", ..] => Some(TxControl::Begin),
            ["commit", "prepared", ..] | ["rollback", "prepared", ..] => Some(TxControl::Other),
            ["commit", ..] | ["end", ..] if !chain => Some(TxControl::Commit),
            ["commit", ..] | ["end", ..] => Some(TxControl::Other),
            // ROLLBACK TO [SAVEPOINT] x keeps the transaction open.
            ["rollback", "to", ..]
            | ["rollback", "work", "to", ..]
            | ["rollback", "transaction", "to", ..] => None,
            ["rollback", ..] | ["abort", ..] => Some(TxControl::Other),
            ["prepare", "transaction", ..] => Some(TxControl::Other),
            _ => None,
        }
    }
}

/// Whether the only transaction control of `statements` is a BEGIN first
/// and a COMMIT last: the wrapper `dbtool migrate` turns into the
/// migration's own transaction.
pub fn is_transaction_wrapper(statements: &[&Statement]) -> bool {
    let ctl: Vec<(usize, TxControl)> = statements
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.transaction_control().map(|c| (i, c)))
        .collect();
    statements.len() >= 2
        && ctl.len() == 2
        && ctl[0] == (0, TxControl::Begin)
        && ctl[1] == (statements.len() - 1, TxControl::Commit)
}

/// A script the lexer cannot split (an unterminated quote, comment or
/// dollar quote), with the 1-based position where the problem starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

impl std::fmt::Display for SplitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(script: &str, offset: usize) -> (usize, usize) {
    crate::text::line_col(script, offset)
}

/// Byte offset of a 1-based character position (PostgreSQL's error
/// `position`) counted from the start of `text`.
pub fn char_position_to_offset(text: &str, position: usize) -> usize {
    text.char_indices()
        .nth(position.saturating_sub(1))
        .map(|(i, _)| i)
        .unwrap_or(text.len())
}

/// Splits a script into statements.
pub fn split(script: &str) -> Result<Vec<Statement>, SplitError> {
    let mut out = Vec::new();
    let mut pos = 0;
    let bytes = script.as_bytes();
    while pos < script.len() {
        pos = skip_blank(script, pos);
        if pos >= script.len() {
            break;
        }
        if bytes[pos] == b'\\' {
            let end = line_end(script, pos);
            let text_end = script[pos..end].trim_end().len() + pos;
            out.push(simple(
                StatementKind::MetaCommand,
                pos..text_end,
                true,
                Vec::new(),
            ));
            pos = end;
            continue;
        }
        if memchr::memchr(0, &bytes[pos..]).is_some() {
            let off = pos + script[pos..].find('\0').unwrap_or(0);
            let (line, column) = line_col(script, off);
            return Err(SplitError {
                message: "the script contains a NUL byte".into(),
                line,
                column,
            });
        }
        let chunk = &script[pos..];
        let (tokens, whole) = match pg_query::scan(chunk) {
            Ok(r) => (r.tokens, true),
            Err(e) => (first_statement_tokens(script, pos, &e.to_string())?, false),
        };
        let mut walker = Walker {
            script,
            base: pos,
            tokens: &tokens,
            i: 0,
        };
        let mut next_pos = if whole { script.len() } else { 0 };
        let mut restart = false;
        while let Some(stmt) = walker.next_statement() {
            match stmt {
                Walked::Meta(at) => {
                    next_pos = at;
                    restart = true;
                    break;
                }
                Walked::Stmt(s) => {
                    let copy_end = if is_copy_from_stdin(&s.stmt.words) && s.stmt.terminated {
                        Some(s.end_of_terminator)
                    } else {
                        None
                    };
                    match copy_end {
                        Some(semi_end) => {
                            let data_start = line_end(script, semi_end);
                            let (data, after) = copy_data(script, data_start);
                            let mut st = s.stmt;
                            st.kind = StatementKind::CopyFromStdin { data };
                            out.push(st);
                            next_pos = after;
                            restart = true;
                            break;
                        }
                        None => {
                            next_pos = next_pos.max(s.end_of_terminator);
                            out.push(s.stmt);
                        }
                    }
                    if !whole {
                        break;
                    }
                }
            }
        }
        if !whole && !restart && next_pos <= pos {
            // The scanner found nothing usable: stop rather than loop.
            break;
        }
        pos = if whole && !restart {
            script.len()
        } else {
            next_pos
        };
    }
    // Positions last, from one index: counting lines from the start for
    // each statement is quadratic in the file's size.
    let lines = crate::text::Lines::new(script);
    for s in &mut out {
        (s.line, s.column) = lines.line_col(script, s.range.start);
    }
    Ok(out)
}

fn simple(
    kind: StatementKind,
    range: Range<usize>,
    terminated: bool,
    words: Vec<String>,
) -> Statement {
    // Set by `split` once all statements are known.
    let (line, column) = (0, 0);
    Statement {
        kind,
        range,
        line,
        column,
        words,
        concurrently: false,
        terminated,
    }
}

fn is_copy_from_stdin(words: &[String]) -> bool {
    words.first().is_some_and(|w| w == "copy")
        && words.windows(2).any(|p| p[0] == "from" && p[1] == "stdin")
}

/// The end of the line containing `pos` (just after its `\n`), or the end.
fn line_end(script: &str, pos: usize) -> usize {
    match script[pos..].find('\n') {
        Some(i) => pos + i + 1,
        None => script.len(),
    }
}

/// COPY data from `start` to a line holding only `\.`; returns the data range
/// and where the script continues.
fn copy_data(script: &str, start: usize) -> (Range<usize>, usize) {
    let mut p = start;
    while p < script.len() {
        let end = line_end(script, p);
        let line = script[p..end].trim_end_matches(['\n', '\r']);
        if line == "\\." {
            return (start..p, end);
        }
        p = end;
    }
    (start..script.len(), script.len())
}

/// Skips whitespace, `--` comments and (nested) `/* */` comments.
fn skip_blank(script: &str, mut pos: usize) -> usize {
    let b = script.as_bytes();
    loop {
        while pos < b.len() && (b[pos].is_ascii_whitespace()) {
            pos += 1;
        }
        if b[pos..].starts_with(b"--") {
            pos = line_end(script, pos);
            continue;
        }
        if b[pos..].starts_with(b"/*") {
            let mut depth = 0usize;
            let mut p = pos;
            while p < b.len() {
                if b[p..].starts_with(b"/*") {
                    depth += 1;
                    p += 2;
                } else if b[p..].starts_with(b"*/") {
                    depth -= 1;
                    p += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    p += 1;
                }
            }
            if depth > 0 {
                // Unterminated: leave it to the scanner to report.
                return pos;
            }
            pos = p;
            continue;
        }
        return pos;
    }
}

/// When the rest of the script does not scan (COPY data further down, or a
/// real error), finds the first statement by scanning growing line prefixes.
fn first_statement_tokens(
    script: &str,
    pos: usize,
    scan_error: &str,
) -> Result<Vec<pg_query::protobuf::ScanToken>, SplitError> {
    let mut end = line_end(script, pos);
    loop {
        if let Ok(r) = pg_query::scan(&script[pos..end]) {
            let mut w = Walker {
                script,
                base: pos,
                tokens: &r.tokens,
                i: 0,
            };
            match w.next_statement() {
                Some(Walked::Stmt(s)) if s.stmt.terminated => return Ok(r.tokens),
                Some(Walked::Meta(_)) => return Ok(r.tokens),
                _ => {}
            }
        }
        if end >= script.len() {
            break;
        }
        end = line_end(script, end);
    }
    // Point at the text the scanner complained about, if it can be found.
    let near = scan_error
        .split("at or near \"")
        .nth(1)
        .map(|s| s.trim_end_matches('"'));
    let off = near
        .and_then(|n| {
            let n: String = n.chars().take(20).collect();
            script[pos..].find(&n).map(|i| pos + i)
        })
        .unwrap_or(pos);
    let (line, column) = line_col(script, off);
    let message = scan_error
        .trim_start_matches("Error scanning: ")
        .split(" at or near")
        .next()
        .unwrap_or(scan_error)
        .to_string();
    Err(SplitError {
        message,
        line,
        column,
    })
}

struct Walker<'a> {
    script: &'a str,
    base: usize,
    tokens: &'a [pg_query::protobuf::ScanToken],
    i: usize,
}

struct WalkedStmt {
    stmt: Statement,
    /// Absolute offset just after the `;` (or after the last token).
    end_of_terminator: usize,
}

enum Walked {
    Stmt(WalkedStmt),
    /// A backslash at the start of a statement: a meta-command at this offset.
    Meta(usize),
}

const SEMI: i32 = Token::Ascii59 as i32;
const BACKSLASH: i32 = Token::Ascii92 as i32;
const SQL_COMMENT: i32 = Token::SqlComment as i32;
const C_COMMENT: i32 = Token::CComment as i32;
const OPEN_PAREN: i32 = Token::Ascii40 as i32;
const CLOSE_PAREN: i32 = Token::Ascii41 as i32;
const BEGIN: i32 = Token::BeginP as i32;
const CASE: i32 = Token::Case as i32;
const END: i32 = Token::EndP as i32;

impl Walker<'_> {
    fn next_statement(&mut self) -> Option<Walked> {
        // Skip comments and empty statements.
        while self.i < self.tokens.len() {
            let t = self.tokens[self.i].token;
            if t == SQL_COMMENT || t == C_COMMENT || t == SEMI {
                self.i += 1;
            } else {
                break;
            }
        }
        if self.i >= self.tokens.len() {
            return None;
        }
        let first = &self.tokens[self.i];
        if first.token == BACKSLASH {
            return Some(Walked::Meta(self.base + first.start as usize));
        }
        let start = self.base + first.start as usize;
        let mut last_end = start;
        let mut words: Vec<String> = Vec::new();
        let mut concurrently = false;
        let mut depth = 0i32;
        // psql does not end a statement at a `;` inside parentheses
        // (`CREATE RULE … DO ALSO (INSERT …; INSERT …)`).
        let mut parens = 0i32;
        let mut routine = false;
        let mut terminated = false;
        let mut end_of_terminator = start;
        while self.i < self.tokens.len() {
            let t = &self.tokens[self.i];
            self.i += 1;
            let abs = self.base + t.start as usize..self.base + t.end as usize;
            if t.token == SQL_COMMENT || t.token == C_COMMENT {
                continue;
            }
            if t.token == SEMI && depth == 0 && parens == 0 {
                terminated = true;
                end_of_terminator = abs.end;
                break;
            }
            last_end = abs.end;
            end_of_terminator = abs.end;
            if t.token == OPEN_PAREN {
                parens += 1;
            } else if t.token == CLOSE_PAREN && parens > 0 {
                parens -= 1;
            }
            let text = &self.script[abs];
            let is_word = t.keyword_kind != 0 || t.token == Token::Ident as i32;
            if is_word {
                // No allocation past the leading words: this runs for
                // every word of every statement.
                if text.eq_ignore_ascii_case("concurrently") {
                    concurrently = true;
                }
                if words.len() < 16 {
                    words.push(text.to_ascii_lowercase());
                    if words.len() <= 4 {
                        routine = is_routine(&words);
                    }
                }
            }
            // psql's rule for SQL-standard bodies (BEGIN ATOMIC … END) in
            // CREATE FUNCTION/PROCEDURE: BEGIN and CASE open, END closes.
            if routine {
                if t.token == BEGIN || t.token == CASE {
                    depth += 1;
                } else if t.token == END && depth > 0 {
                    depth -= 1;
                }
            }
        }
        let stmt = simple(StatementKind::Sql, start..last_end, terminated, words);
        Some(Walked::Stmt(WalkedStmt {
            stmt: Statement {
                concurrently,
                ..stmt
            },
            end_of_terminator,
        }))
    }
}

fn is_routine(words: &[String]) -> bool {
    let w: Vec<&str> = words.iter().map(String::as_str).collect();
    matches!(
        w.as_slice(),
        ["create", "function", ..]
            | ["create", "procedure", ..]
            | ["create", "or", "replace", "function", ..]
            | ["create", "or", "replace", "procedure", ..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(script: &str) -> Vec<String> {
        split(script)
            .unwrap()
            .iter()
            .map(|s| s.text(script).to_string())
            .collect()
    }

    #[test]
    fn splits_on_top_level_semicolons() {
        let s = "select 1; DO $$ begin perform 1; end $$; select ';' ; select E'\\';'";
        assert_eq!(
            texts(s),
            vec![
                "select 1",
                "DO $$ begin perform 1; end $$",
                "select ';'",
                "select E'\\';'"
            ]
        );
    }

    #[test]
    fn comments_and_empty_statements() {
        let s = "-- head; comment\n/* a; /* nested; */ b */ create table a (x int);;\n-- tail\n";
        let st = split(s).unwrap();
        assert_eq!(st.len(), 1);
        assert_eq!(st[0].text(s), "create table a (x int)");
        assert_eq!((st[0].line, st[0].column), (2, 26));
        assert_eq!(
            st[0].words[..2],
            ["create".to_string(), "table".to_string()]
        );
    }

    #[test]
    fn begin_atomic_bodies_stay_whole() {
        let s = "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END;\nselect 3;\nbegin; commit;";
        assert_eq!(
            texts(s),
            vec![
                "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END",
                "select 3",
                "begin",
                "commit"
            ]
        );
    }

    #[test]
    fn copy_from_stdin_data_and_meta_commands() {
        let s = "create table t (a int, b text);\nCOPY t (a, b) FROM stdin;\n1\tit's \"odd\n2\t;\n\\.\n\\set x 1\nselect 2;\n";
        let st = split(s).unwrap();
        assert_eq!(st.len(), 4, "{st:?}");
        assert_eq!(st[1].text(s), "COPY t (a, b) FROM stdin");
        match &st[1].kind {
            StatementKind::CopyFromStdin { data } => {
                assert_eq!(&s[data.clone()], "1\tit's \"odd\n2\t;\n")
            }
            k => panic!("{k:?}"),
        }
        assert_eq!(st[2].kind, StatementKind::MetaCommand);
        assert_eq!(st[2].text(s), "\\set x 1");
        assert_eq!(st[3].text(s), "select 2");
        assert_eq!(st[3].line, 7);
    }

    #[test]
    fn unterminated_last_statement_and_errors() {
        let st = split("select 1;\nselect 2").unwrap();
        assert!(!st[1].terminated);
        let err = split("select 1;\nselect 'oops").unwrap_err();
        assert_eq!((err.line, err.column), (2, 8), "{err:?}");
        assert!(
            err.message.contains("unterminated quoted string"),
            "{err:?}"
        );
    }

    #[test]
    fn non_transactional_detection() {
        let nt = |s: &str, v: i32| split(s).unwrap()[0].is_non_transactional(v);
        assert!(nt("CREATE INDEX CONCURRENTLY i ON t (a)", 150000));
        assert!(nt("create unique index concurrently i on t (a)", 150000));
        assert!(nt("DROP INDEX CONCURRENTLY i", 150000));
        assert!(nt("create database x", 150000));
        assert!(nt("drop database x", 150000));
        assert!(nt("VACUUM ANALYZE t", 150000));
        assert!(nt("alter system set work_mem = '8MB'", 150000));
        assert!(nt("REINDEX (VERBOSE) TABLE CONCURRENTLY t", 150000));
        assert!(!nt("REINDEX TABLE t", 150000));
        assert!(nt("ALTER TYPE public.mood ADD VALUE 'meh'", 110000));
        assert!(!nt("ALTER TYPE public.mood ADD VALUE 'meh'", 120000));
        assert!(!nt("create index i on t (a)", 150000));
        assert!(!nt("refresh materialized view concurrently v", 150000));
        assert!(!nt("select 'create index concurrently'", 150000));
    }

    #[test]
    fn semicolons_inside_parentheses_do_not_split() {
        // psql keeps `CREATE RULE … DO ALSO (a; b)` whole; so must dbtool,
        // or the server would run a different number of statements.
        let s = "create rule r as on insert to t do also (insert into a values (1); insert into b values (2));\nselect 1;";
        assert_eq!(
            texts(s),
            vec![
                "create rule r as on insert to t do also (insert into a values (1); insert into b values (2))",
                "select 1"
            ]
        );
    }

    #[test]
    fn transaction_control_is_recognised_by_its_leading_words() {
        let ctl = |s: &str| split(s).unwrap()[0].transaction_control();
        assert_eq!(ctl("BEGIN"), Some(TxControl::Begin));
        assert_eq!(
            ctl("begin isolation level serializable"),
            Some(TxControl::Begin)
        );
        assert_eq!(ctl("START TRANSACTION READ ONLY"), Some(TxControl::Begin));
        assert_eq!(ctl("COMMIT"), Some(TxControl::Commit));
        assert_eq!(ctl("end transaction"), Some(TxControl::Commit));
        assert_eq!(ctl("commit and no chain"), Some(TxControl::Commit));
        assert_eq!(ctl("commit and chain"), Some(TxControl::Other));
        assert_eq!(ctl("rollback"), Some(TxControl::Other));
        assert_eq!(ctl("abort"), Some(TxControl::Other));
        assert_eq!(ctl("prepare transaction 'x'"), Some(TxControl::Other));
        assert_eq!(ctl("commit prepared 'x'"), Some(TxControl::Other));
        assert_eq!(ctl("rollback to savepoint s"), None);
        assert_eq!(ctl("rollback work to s"), None);
        assert_eq!(ctl("savepoint s"), None);
        assert_eq!(ctl("release savepoint s"), None);
        assert_eq!(ctl("do $$ begin commit; end $$"), None);
        assert_eq!(ctl("select 'commit'"), None);
    }

    #[test]
    fn error_positions_map_to_offsets() {
        assert_eq!(char_position_to_offset("sélect x", 3), 3);
        assert_eq!(char_position_to_offset("abc", 10), 3);
    }

    /// Property tests of the splitter. The suite runs proptest's default
    /// number of cases (256); a longer run:
    /// `PROPTEST_CASES=100000 cargo test --lib migrate::sql::tests::prop`.
    mod prop {
        use super::*;
        use proptest::prelude::*;

        /// One statement of a shape that tests the splitter: strings,
        /// dollar quotes, quoted identifiers and parentheses holding `;`,
        /// SQL-standard function bodies, escape strings.
        fn statement() -> impl Strategy<Value = String> {
            let word = "[a-z][a-z0-9_]{0,6}";
            let text = "[a-z0-9 ;,()*/-]{0,12}";
            prop_oneof![
                (0u32..100000).prop_map(|n| format!("select {n}")),
                text.prop_map(|t| format!("select '{}'", t.replace('\'', "''"))),
                ("[a-z]{0,3}", "[a-z0-9 ;'\n]{0,16}").prop_map(|(tag, body)| format!(
                    "do ${tag}$ begin perform '{}'; end ${tag}$",
                    body.replace('\'', "''")
                )),
                ("[a-z]{0,3}", "[a-z0-9 ;'\n]{0,16}")
                    .prop_map(|(tag, body)| format!("select ${tag}${body}${tag}$")),
                "[a-z0-9 ;,()\"]{1,12}".prop_map(|t| format!("select 1 as \"{}\"", t.replace('"', "\"\""))),
                (word, word).prop_map(|(a, b)| format!(
                    "create rule r as on insert to {a} do also (insert into {b} values (1); insert into {b} values (2))"
                )),
                word.prop_map(|f| format!(
                    "create function {f}() returns int language sql begin atomic select 1; select case when true then 2 end; end"
                )),
                "[a-z;]{0,8}".prop_map(|t| format!("select E'{t}\\' \\\\;'")),
                (word, 0i64..1000, text).prop_map(|(t, n, s)| format!(
                    "insert into {t} values ({n}, '{}')",
                    s.replace('\'', "''")
                )),
                word.prop_map(|w| format!("create table {w} (id bigint, note text default ';')")),
            ]
        }

        /// What may come between two statements after the `;`.
        fn gap() -> impl Strategy<Value = String> {
            prop_oneof![
                Just("\n".to_string()),
                Just(" ".to_string()),
                Just("\r\n\n".to_string()),
                "[a-z ;']{0,10}".prop_map(|c| format!("\n-- {c}\n")),
                "[a-z ;']{0,10}".prop_map(|c| format!(" /* {c} /* nested; */ */\n")),
                Just(";\n".to_string()),
            ]
        }

        proptest! {
            #[test]
            fn prop_splitting_joined_statements_gives_them_back(
                stmts in proptest::collection::vec((statement(), gap()), 1..8),
                head in gap(),
                last_terminated in any::<bool>(),
            ) {
                let mut script = head.trim_start_matches(';').to_string();
                for (i, (st, g)) in stmts.iter().enumerate() {
                    script.push_str(st);
                    if i + 1 < stmts.len() || last_terminated {
                        script.push(';');
                        script.push_str(g);
                    }
                }
                let got = split(&script).unwrap();
                let texts: Vec<&str> = got.iter().map(|s| s.text(&script)).collect();
                let want: Vec<&str> = stmts.iter().map(|(s, _)| s.as_str()).collect();
                prop_assert_eq!(texts, want);
                for s in &got {
                    prop_assert_eq!((s.line, s.column), line_col(&script, s.range.start));
                    prop_assert_eq!(s.kind.clone(), StatementKind::Sql);
                }
                prop_assert_eq!(got.last().unwrap().terminated, last_terminated);
            }

            #[test]
            fn prop_split_never_panics_and_ranges_are_sane(script in "\\PC{0,80}") {
                if let Ok(st) = split(&script) {
                    let mut prev_end = 0;
                    for s in &st {
                        prop_assert!(s.range.start >= prev_end && s.range.end <= script.len());
                        prop_assert!(script.is_char_boundary(s.range.start) && script.is_char_boundary(s.range.end));
                        prev_end = s.range.end;
                        let _ = s.transaction_control();
                        let _ = s.is_non_transactional(110000);
                    }
                }
            }

            #[test]
            fn prop_split_never_panics_on_sql_like_noise(
                script in "[a-zA-Z0-9 ;'\"$()\\\\/*\n\r\t.-]{0,120}",
            ) {
                let _ = split(&script);
            }
        }
    }
}
