//! Rendering findings: human text with file:line:col, the source line and a
//! caret; gcc-style lines; GitHub Actions annotations; SARIF 2.1.0 for code
//! scanning; the `--explain` lock table. Pure: returns strings.

use serde_json::json;

use super::rules::RULES;
use super::{Finding, Severity, StatementInfo};

/// Human-readable findings, rustc style. `paint(severity, text)` colours.
pub fn text(findings: &[Finding], paint: &dyn Fn(Severity, &str) -> String) -> String {
    let mut out = String::new();
    for f in findings {
        let head = paint(f.severity, &format!("{}[{}]", f.severity, f.rule));
        out.push_str(&format!("{head}: {}\n", f.message));
        let gutter = f.line.to_string().len();
        let pad = " ".repeat(gutter);
        out.push_str(&format!("{pad}--> {}:{}:{}\n", f.file, f.line, f.column));
        if !f.source_line.is_empty() {
            out.push_str(&format!("{pad} |\n"));
            out.push_str(&format!("{} | {}\n", f.line, f.source_line.trim_end()));
            let caret_pad: String = f
                .source_line
                .chars()
                .take(f.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            out.push_str(&format!("{pad} | {caret_pad}{}\n", paint(f.severity, "^")));
        }
        if !f.why.is_empty() {
            out.push_str(&format!("{pad} = why: {}\n", f.why));
        }
        if !f.lock.is_empty() && f.lock != "—" {
            out.push_str(&format!("{pad} = lock: {}\n", f.lock));
        }
        if !f.help.is_empty() {
            let mut lines = f.help.lines();
            out.push_str(&format!(
                "{pad} = help: {}\n",
                lines.next().unwrap_or_default()
            ));
            for l in lines {
                out.push_str(&format!("{pad}         {l}\n"));
            }
        }
        out.push('\n');
    }
    out
}

/// Counts of findings by severity: what the summary line and the exit
/// status need, without keeping the findings.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

impl Tally {
    pub fn of(findings: &[Finding]) -> Tally {
        let mut t = Tally::default();
        t.add(findings);
        t
    }

    pub fn add(&mut self, findings: &[Finding]) {
        for f in findings {
            match f.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.notes += 1,
            }
        }
    }

    /// "2 errors, 1 warning, 0 notes in 3 files".
    pub fn summary(&self, files: usize) -> String {
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        format!(
            "{}, {}, {} in {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.notes, "note"),
            plural(files, "file")
        )
    }

    /// Whether the run fails: any error, or a warning with `deny_warnings`.
    pub fn fails(&self, deny_warnings: bool) -> bool {
        self.errors > 0 || (deny_warnings && self.warnings > 0)
    }
}

/// Findings written as they arrive: text chunks, or the items of one JSON
/// array, exactly as `serde_json::to_writer_pretty` writes the whole
/// `Vec<Finding>` (then a newline). The first write error is kept and
/// returned by [`Stream::finish`]; later writes are skipped.
pub struct Stream<W: std::io::Write> {
    out: W,
    items: usize,
    error: Option<std::io::Error>,
}

impl<W: std::io::Write> Stream<W> {
    pub fn new(out: W) -> Self {
        Stream {
            out,
            items: 0,
            error: None,
        }
    }

    fn write(&mut self, bytes: &[u8]) {
        if self.error.is_none() {
            if let Err(e) = self.out.write_all(bytes) {
                self.error = Some(e);
            }
        }
    }

    pub fn text(&mut self, s: &str) {
        self.write(s.as_bytes());
    }

    /// More items of the array.
    pub fn json_items(&mut self, findings: &[Finding]) {
        for f in findings {
            let item = match serde_json::to_string_pretty(f) {
                Ok(s) => s,
                Err(e) => {
                    self.error.get_or_insert(std::io::Error::other(e));
                    return;
                }
            };
            let mut chunk = String::with_capacity(item.len() + item.len() / 8 + 4);
            chunk.push_str(if self.items == 0 { "[\n" } else { ",\n" });
            // Pretty JSON strings hold no raw newline: each line is indented
            // one level, as inside the array.
            for (k, line) in item.lines().enumerate() {
                if k > 0 {
                    chunk.push('\n');
                }
                chunk.push_str("  ");
                chunk.push_str(line);
            }
            self.items += 1;
            self.write(chunk.as_bytes());
        }
    }

    /// Closes the array (`[]` when it had no item).
    pub fn json_end(&mut self) {
        let end: &[u8] = if self.items == 0 { b"[]\n" } else { b"\n]\n" };
        self.write(end);
    }

    pub fn finish(mut self) -> std::io::Result<()> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        self.out.flush()
    }
}

/// A one-line summary: "2 errors, 1 warning in 3 files".
pub fn summary(findings: &[Finding], files: usize) -> String {
    Tally::of(findings).summary(files)
}

/// `file:line:col: error: message [rule]`, one per line.
pub fn gcc(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            let sev = if f.severity == Severity::Info {
                "note"
            } else {
                f.severity.as_str()
            };
            format!(
                "{}:{}:{}: {sev}: {} [{}]\n",
                f.file, f.line, f.column, f.message, f.rule
            )
        })
        .collect()
}

fn gh_escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn gh_escape_prop(s: &str) -> String {
    gh_escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`.
pub fn github(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            let level = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let body = if f.help.is_empty() {
                f.message.clone()
            } else {
                format!("{}\n\nSafe alternative:\n{}", f.message, f.help)
            };
            format!(
                "::{level} file={},line={},col={},title={}::{}\n",
                gh_escape_prop(&f.file),
                f.line,
                f.column,
                gh_escape_prop(f.rule),
                gh_escape_data(&body)
            )
        })
        .collect()
}

/// A SARIF 2.1.0 log with one run, every rule described, one result per finding.
pub fn sarif(findings: &[Finding]) -> serde_json::Value {
    let mut rules: Vec<serde_json::Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.why },
                "help": { "text": r.safe, "markdown": format!("```sql\n{}\n```", r.safe) },
                "defaultConfiguration": { "level": level(r.severity) },
                "properties": { "lock": r.lock },
            })
        })
        .collect();
    rules.push(json!({
        "id": "unknown-rule",
        "shortDescription": { "text": "a dbtool:ignore comment naming a rule that does not exist" },
        "defaultConfiguration": { "level": "warning" },
    }));
    rules.push(json!({
        "id": "parse-error",
        "shortDescription": { "text": "a statement that does not parse" },
        "defaultConfiguration": { "level": "error" },
    }));
    let results: Vec<serde_json::Value> = findings
        .iter()
        .map(|f| {
            json!({
                "ruleId": f.rule,
                "level": level(f.severity),
                "message": { "text": f.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": f.file.replace('\\', "/") },
                        "region": { "startLine": f.line, "startColumn": f.column },
                    }
                }],
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "dbtool",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/dbtool/dbtool/blob/main/docs/lint.md",
                "rules": rules,
            }},
            "results": results,
        }]
    })
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The lock model per statement, as table rows (header first).
pub fn explain_rows(statements: &[StatementInfo]) -> Vec<Vec<String>> {
    let mut rows = vec![vec![
        "Location".to_string(),
        "Tx".to_string(),
        "Relation".to_string(),
        "Lock".to_string(),
        "Rewrite".to_string(),
        "Scan".to_string(),
        "Statement".to_string(),
    ]];
    for s in statements {
        let at = format!("{}:{}:{}", s.file, s.line, s.column);
        let tx = if s.in_transaction { "yes" } else { "no" }.to_string();
        let stmt = super::abbreviate(&s.statement, 60);
        if s.locks.is_empty() {
            rows.push(vec![
                at,
                tx,
                "-".into(),
                "-".into(),
                "".into(),
                "".into(),
                stmt,
            ]);
            continue;
        }
        for (i, l) in s.locks.iter().enumerate() {
            rows.push(vec![
                if i == 0 { at.clone() } else { String::new() },
                if i == 0 { tx.clone() } else { String::new() },
                l.relation.clone(),
                l.mode.as_str().to_string(),
                if l.rewrite {
                    "yes".into()
                } else {
                    String::new()
                },
                if l.scan { "yes".into() } else { String::new() },
                if i == 0 { stmt.clone() } else { String::new() },
            ]);
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(sev: Severity) -> Finding {
        Finding {
            rule: "ban-drop-column",
            severity: sev,
            file: "migrations/V2__x.sql".into(),
            line: 3,
            column: 13,
            message: "dropping `t.c`, now".into(),
            help: "ALTER TABLE t\nDROP COLUMN c;".into(),
            why: "why",
            lock: "ACCESS EXCLUSIVE",
            statement: "ALTER TABLE t DROP COLUMN c".into(),
            source_line: "ALTER TABLE t DROP COLUMN c;".into(),
        }
    }

    /// Streamed JSON is byte for byte what one `to_writer_pretty` of all
    /// the findings writes, however the findings arrive in chunks.
    #[test]
    fn streamed_json_is_the_whole_array() {
        let mut all = [f(Severity::Error), f(Severity::Warning), f(Severity::Info)];
        all[1].message = "line\nbreak \"quoted\" \u{e9}".into();
        for n in 0..=all.len() {
            let some = &all[..n];
            for cut in 0..=n {
                let mut buf = Vec::new();
                let mut s = Stream::new(&mut buf);
                s.json_items(&some[..cut]);
                s.json_items(&[]);
                s.json_items(&some[cut..]);
                s.json_end();
                s.finish().unwrap();
                let want = serde_json::to_string_pretty(&some.to_vec()).unwrap() + "\n";
                assert_eq!(
                    String::from_utf8(buf).unwrap(),
                    want,
                    "{n} findings cut at {cut}"
                );
            }
        }
    }

    #[test]
    fn tally_matches_the_findings() {
        let all = vec![
            f(Severity::Error),
            f(Severity::Warning),
            f(Severity::Warning),
        ];
        let mut t = Tally::default();
        t.add(&all[..1]);
        t.add(&all[1..]);
        assert_eq!(t.summary(2), summary(&all, 2));
        assert_eq!(t.fails(false), crate::lint::has_failures(&all, false));
        let warnings = &all[1..];
        let mut w = Tally::default();
        w.add(warnings);
        assert!(!w.fails(false) && w.fails(true));
        assert_eq!(w.fails(true), crate::lint::has_failures(warnings, true));
    }

    /// The first write error is returned; nothing more is written after it.
    #[test]
    fn stream_keeps_the_first_write_error() {
        struct Full(usize);
        impl std::io::Write for Full {
            fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
                if self.0 == 0 {
                    return Err(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
                }
                self.0 -= 1;
                Ok(b.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut s = Stream::new(Full(1));
        s.text("a");
        s.text("b");
        s.text("c");
        assert_eq!(
            s.finish().unwrap_err().kind(),
            std::io::ErrorKind::BrokenPipe
        );
    }

    #[test]
    fn text_has_location_excerpt_and_caret() {
        let out = text(&[f(Severity::Error)], &|_, s| s.to_string());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "error[ban-drop-column]: dropping `t.c`, now");
        assert_eq!(lines[1], " --> migrations/V2__x.sql:3:13");
        assert_eq!(lines[3], "3 | ALTER TABLE t DROP COLUMN c;");
        assert_eq!(lines[4], "  |             ^");
        assert!(
            out.contains(" = help: ALTER TABLE t\n          DROP COLUMN c;"),
            "{out}"
        );
    }

    #[test]
    fn gcc_github_and_sarif() {
        assert_eq!(
            gcc(&[f(Severity::Warning)]),
            "migrations/V2__x.sql:3:13: warning: dropping `t.c`, now [ban-drop-column]\n"
        );
        let gh = github(&[f(Severity::Error)]);
        assert!(gh.starts_with("::error file=migrations/V2__x.sql,line=3,col=13,title=ban-drop-column::dropping `t.c`, now%0A%0ASafe alternative:%0AALTER TABLE t%0ADROP COLUMN c;"), "{gh}");
        let s = sarif(&[f(Severity::Info)]);
        assert_eq!(s["version"], "2.1.0");
        assert_eq!(s["runs"][0]["results"][0]["level"], "note");
        assert_eq!(
            s["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"],
            13
        );
        assert!(
            s["runs"][0]["tool"]["driver"]["rules"]
                .as_array()
                .unwrap()
                .len()
                > 40
        );
        assert_eq!(
            summary(&[f(Severity::Error), f(Severity::Warning)], 1),
            "1 error, 1 warning, 0 notes in 1 file"
        );
    }
}

/// The rule reference in docs/lint.md (between the `rules:begin`/`rules:end`
/// markers), generated from [`RULES`] so the page cannot go stale.
pub fn rules_markdown() -> String {
    let mut out = String::new();
    for r in RULES {
        out.push_str(&format!("### `{}`\n\n", r.id));
        out.push_str(&format!(
            "**{}** · default severity **{}** · lock: {}{}\n\n",
            r.summary,
            r.severity,
            r.lock,
            if r.squawk {
                " · also in squawk"
            } else {
                " · dbtool only"
            }
        ));
        out.push_str(&format!(
            "{}\n\nSafe alternative:\n\n```sql\n{}\n```\n\n",
            r.why, r.safe
        ));
    }
    out
}

#[cfg(test)]
mod doc_tests {
    const BEGIN: &str = "<!-- rules:begin (generated from src/lint/rules.rs) -->\n";
    const END: &str = "<!-- rules:end -->";

    fn doc_path() -> std::path::PathBuf {
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/lint.md")
    }

    /// The rule reference in docs/lint.md is generated from the rules;
    /// `DBTOOL_BLESS=1 cargo test --lib lint::report` rewrites it.
    #[test]
    fn docs_rule_reference_is_current() {
        let doc = std::fs::read_to_string(doc_path()).unwrap();
        let start = doc.find(BEGIN).expect("rules:begin marker") + BEGIN.len();
        let end = doc.find(END).expect("rules:end marker");
        let fresh = super::rules_markdown();
        if doc[start..end] == fresh {
            return;
        }
        if std::env::var_os("DBTOOL_BLESS").is_some() {
            let new = format!("{}{}{}", &doc[..start], fresh, &doc[end..]);
            std::fs::write(doc_path(), new).unwrap();
            return;
        }
        panic!(
            "docs/lint.md is stale: run `DBTOOL_BLESS=1 cargo test --lib lint::report` and commit"
        );
    }
}
