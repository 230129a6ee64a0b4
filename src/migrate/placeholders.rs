//! Flyway placeholder replacement: `${name}` (case-insensitive) replaced
//! textually everywhere in a script, comments and dollar quotes included; an
//! undefined name is an error naming the line. Secret values (a name with
//! password, secret, token or key in it, or marked secret) never leave this
//! module in clear except through [`SqlText::expose`], the text sent to the
//! server: everything shown (statements, dry runs, errors) is rendered from
//! the redacted text, `<placeholder name>`. Pure; touches no external system.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

/// Words that make a placeholder name secret (case-insensitive substring).
pub const SECRET_WORDS: &[&str] = &["password", "secret", "token", "key"];

/// Whether a placeholder of this name is a secret by its name alone.
pub fn is_secret_name(name: &str) -> bool {
    let n = name.to_lowercase();
    SECRET_WORDS.iter().any(|w| n.contains(w))
}

/// How a secret value is shown: `<placeholder api_db_password>`.
pub fn shown_as(name: &str) -> String {
    format!("<placeholder {}>", name.to_lowercase())
}

/// One placeholder value. `secret` values are redacted everywhere they
/// could be shown; values read from a secret store should set it.
#[derive(Clone, PartialEq, Eq)]
pub struct PlaceholderValue {
    pub value: String,
    pub secret: bool,
}

impl fmt::Debug for PlaceholderValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.secret {
            f.write_str("<secret>")
        } else {
            write!(f, "{:?}", self.value)
        }
    }
}

/// Placeholder values keyed by lower-cased name (`flyway:table`, `app_user`…).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Placeholders {
    values: BTreeMap<String, PlaceholderValue>,
}

/// An undefined placeholder: its name as written and 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undefined {
    pub name: String,
    pub line: usize,
    pub column: usize,
}

impl Placeholders {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets a value; names are case-insensitive. Secret when the name says so.
    pub fn insert(&mut self, name: &str, value: impl Into<String>) {
        let secret = is_secret_name(name);
        self.insert_value(name, value, secret);
    }

    /// Sets a value, secret if `secret` or if the name says so.
    pub fn insert_value(&mut self, name: &str, value: impl Into<String>, secret: bool) {
        let secret = secret || is_secret_name(name);
        self.values.insert(
            name.to_lowercase(),
            PlaceholderValue {
                value: value.into(),
                secret,
            },
        );
    }

    pub fn get(&self, name: &str) -> Option<&PlaceholderValue> {
        self.values.get(&name.to_lowercase())
    }

    /// The user-defined and built-in names, lower-cased.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.values.keys().map(String::as_str)
    }

    /// A copy with the per-script built-in `flyway:filename` set.
    pub fn for_file(&self, filename: &str) -> Placeholders {
        let mut p = self.clone();
        p.insert_value("flyway:filename", filename, false);
        p
    }

    /// What hides the secret values in free text (server messages).
    pub fn redactor(&self) -> Redactor {
        Redactor::new(
            self.values
                .iter()
                .filter(|(_, v)| v.secret)
                .map(|(k, v)| (k.clone(), v.value.clone())),
        )
    }

    /// Replaces every `${name}`; the first undefined one is an error.
    pub fn replace(&self, text: &str) -> Result<SqlText, Undefined> {
        let mut out = String::with_capacity(text.len());
        let mut subs = Vec::new();
        let mut rest = text;
        let mut consumed = 0usize;
        while let Some(start) = rest.find("${") {
            let after = &rest[start + 2..];
            let end = after.find(['}', '\n', '\r']);
            match end {
                Some(e) if e > 0 && after.as_bytes()[e] == b'}' => {
                    let name = &after[..e];
                    match self.get(name) {
                        Some(v) => {
                            out.push_str(&rest[..start]);
                            let real_start = out.len();
                            out.push_str(&v.value);
                            let skip = start + 2 + e + 1;
                            subs.push(Substitution {
                                real: real_start..out.len(),
                                raw: consumed + start..consumed + skip,
                                name: name.to_lowercase(),
                                secret: v.secret,
                            });
                        }
                        None => {
                            let (line, column) = crate::text::line_col(text, consumed + start);
                            return Err(Undefined {
                                name: name.to_string(),
                                line,
                                column,
                            });
                        }
                    }
                    let skip = start + 2 + e + 1;
                    consumed += skip;
                    rest = &rest[skip..];
                }
                _ => {
                    out.push_str(&rest[..start + 2]);
                    consumed += start + 2;
                    rest = &rest[start + 2..];
                }
            }
        }
        out.push_str(rest);
        Ok(SqlText {
            raw: text.to_string(),
            real: out,
            subs,
        })
    }
}

/// One `${name}` replaced in a script.
#[derive(Clone, PartialEq, Eq)]
struct Substitution {
    /// Where the value is in the replaced text.
    real: Range<usize>,
    /// Where `${name}` is in the file's text.
    raw: Range<usize>,
    name: String,
    secret: bool,
}

/// A script after placeholder replacement. The replaced text goes to the
/// server only ([`SqlText::expose`]); every displayed form (`Display`,
/// [`SqlText::shown`], `Debug`) has secret values as `<placeholder name>`,
/// and positions map back to the file as written ([`SqlText::file_offset`]).
#[derive(Clone, PartialEq, Eq)]
pub struct SqlText {
    raw: String,
    real: String,
    subs: Vec<Substitution>,
}

impl SqlText {
    /// A script without placeholder replacement.
    pub fn plain(text: impl Into<String>) -> SqlText {
        let text = text.into();
        SqlText {
            raw: text.clone(),
            real: text,
            subs: Vec::new(),
        }
    }

    /// The text to send to PostgreSQL, secrets in clear. Never print it:
    /// show [`SqlText::shown`] instead.
    pub fn expose(&self) -> &str {
        &self.real
    }

    /// The file as written (placeholders not replaced).
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// Whether any secret value was put in.
    pub fn has_secrets(&self) -> bool {
        self.subs.iter().any(|s| s.secret)
    }

    /// A range of the replaced text as it may be shown: secret values (or
    /// the part of one inside the range) as `<placeholder name>`.
    pub fn shown(&self, range: Range<usize>) -> String {
        let range = range.start.min(self.real.len())..range.end.min(self.real.len());
        let mut out = String::with_capacity(range.len());
        let mut at = range.start;
        for s in self.subs.iter().filter(|s| s.secret) {
            if s.real.end <= range.start || s.real.start >= range.end {
                continue;
            }
            if s.real.start > at {
                out.push_str(&self.real[at..s.real.start]);
            }
            out.push_str(&shown_as(&s.name));
            at = s.real.end.min(range.end).max(at);
        }
        if at < range.end {
            out.push_str(&self.real[at..range.end]);
        }
        out
    }

    /// The whole replaced text as it may be shown.
    pub fn shown_all(&self) -> String {
        self.shown(0..self.real.len())
    }

    /// The text for linting: replaced, except secret values, which stay
    /// `${name}` (lint reads placeholders as identifiers).
    pub fn lint_text(&self) -> String {
        let mut out = String::with_capacity(self.real.len());
        let mut at = 0;
        for s in self.subs.iter().filter(|s| s.secret) {
            out.push_str(&self.real[at..s.real.start]);
            out.push_str(&self.raw[s.raw.clone()]);
            at = s.real.end;
        }
        out.push_str(&self.real[at..]);
        out
    }

    /// The offset in the file as written of an offset in the replaced text
    /// (a position inside a value maps to its `${`).
    pub fn file_offset(&self, real: usize) -> usize {
        let mut delta: isize = 0;
        for s in &self.subs {
            if real < s.real.start {
                break;
            }
            if real < s.real.end {
                return s.raw.start;
            }
            delta += s.raw.len() as isize - s.real.len() as isize;
        }
        (real as isize + delta).max(0) as usize
    }

    /// 1-based line and column in the file as written of an offset in the
    /// replaced text.
    pub fn line_col(&self, real: usize) -> (usize, usize) {
        crate::text::line_col(&self.raw, self.file_offset(real).min(self.raw.len()))
    }
}

impl fmt::Display for SqlText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown_all())
    }
}

impl fmt::Debug for SqlText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SqlText({:?})", self.shown_all())
    }
}

/// Hides secret placeholder values in free text, such as a server error
/// message that quotes a value (`invalid input syntax for type integer: "…"`).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Redactor {
    /// (name, value), longest value first so a value containing another is
    /// replaced whole.
    secrets: Vec<(String, String)>,
}

impl fmt::Debug for Redactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.secrets.iter().map(|(n, _)| n.as_str()).collect();
        write!(f, "Redactor({names:?})")
    }
}

impl Redactor {
    pub fn new(secrets: impl IntoIterator<Item = (String, String)>) -> Redactor {
        let mut secrets: Vec<(String, String)> =
            secrets.into_iter().filter(|(_, v)| !v.is_empty()).collect();
        secrets.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
        Redactor { secrets }
    }

    /// `text` with every secret value replaced by `<placeholder name>`.
    pub fn redact(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (name, value) in &self.secrets {
            if out.contains(value.as_str()) {
                out = out.replace(value.as_str(), &shown_as(name));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ph() -> Placeholders {
        let mut p = Placeholders::new();
        p.insert("Owner", "app");
        p.insert("flyway:defaultSchema", "public");
        p
    }

    #[test]
    fn replaces_case_insensitively_everywhere() {
        let sql = "-- owner ${OWNER}\ncreate function f() returns text as $$ select '${owner}' $$ language sql;\nalter table t owner to ${Owner}; -- ${flyway:defaultschema}";
        let out = ph().replace(sql).unwrap();
        assert_eq!(
            out.expose(),
            "-- owner app\ncreate function f() returns text as $$ select 'app' $$ language sql;\nalter table t owner to app; -- public"
        );
        assert_eq!(out.shown_all(), out.expose(), "nothing secret");
        assert_eq!(out.raw(), sql);
    }

    #[test]
    fn undefined_names_line_and_column() {
        let err = ph().replace("select 1;\nselect '${nope}';").unwrap_err();
        assert_eq!(
            err,
            Undefined {
                name: "nope".into(),
                line: 2,
                column: 9
            }
        );
    }

    #[test]
    fn unterminated_or_empty_is_left_alone() {
        assert_eq!(ph().replace("select '${'").unwrap().expose(), "select '${'");
        // Like Flyway, anything between `${` and `}` on one line is a name.
        assert_eq!(
            ph().replace("select '${' || '}'").unwrap_err().name,
            "' || '"
        );
        assert_eq!(
            ph().replace("a ${} b ${x\n}").unwrap().expose(),
            "a ${} b ${x\n}"
        );
    }

    #[test]
    fn per_file_builtin() {
        let p = ph().for_file("V1__a.sql");
        assert_eq!(
            p.replace("${flyway:filename}").unwrap().expose(),
            "V1__a.sql"
        );
    }

    #[test]
    fn secrets_by_name_or_flag_are_redacted_in_every_shown_form() {
        let mut p = ph();
        p.insert("API_DB_Password", "hunter2");
        p.insert("stripe_key", "sk_live_1");
        p.insert_value("plain_but_secret", "xyz", true);
        assert!(p.get("api_db_password").unwrap().secret);
        assert!(!p.get("owner").unwrap().secret);
        assert!(is_secret_name("GITHUB_TOKEN") && is_secret_name("MySecret"));
        let sql = "alter role ${owner} password '${api_db_password}';\nselect '${stripe_key}', '${plain_but_secret}';";
        let t = p.replace(sql).unwrap();
        assert_eq!(
            t.expose(),
            "alter role app password 'hunter2';\nselect 'sk_live_1', 'xyz';"
        );
        let shown = t.shown_all();
        assert_eq!(
            shown,
            "alter role app password '<placeholder api_db_password>';\nselect '<placeholder stripe_key>', '<placeholder plain_but_secret>';"
        );
        assert_eq!(t.to_string(), shown);
        assert!(!format!("{t:?}").contains("hunter2"));
        assert!(!format!("{p:?}").contains("hunter2"), "{p:?}");
        // A range cutting through a value never shows part of it.
        let at = t.expose().find("hunter2").unwrap();
        assert_eq!(t.shown(at + 2..at + 4), "<placeholder api_db_password>");
        assert_eq!(
            t.shown(0..at + 3),
            "alter role app password '<placeholder api_db_password>"
        );
        // Lint text keeps `${name}` for secrets only.
        assert_eq!(
            t.lint_text(),
            "alter role app password '${api_db_password}';\nselect '${stripe_key}', '${plain_but_secret}';"
        );
        // Free text.
        let r = p.redactor();
        assert_eq!(
            r.redact("invalid input syntax for type integer: \"hunter2\""),
            "invalid input syntax for type integer: \"<placeholder api_db_password>\""
        );
        assert_eq!(r.redact("nothing here"), "nothing here");
    }

    #[test]
    fn positions_map_back_to_the_file() {
        let mut p = Placeholders::new();
        p.insert("s", "a_much_longer_schema");
        p.insert("nl", "x\ny\nz");
        let raw = "select 1 from ${s}.t;\nselect ${nl}, nope;";
        let t = p.replace(raw).unwrap();
        let real = t.expose();
        let nope = real.find("nope").unwrap();
        assert_eq!(t.line_col(nope), (2, 15));
        assert_eq!(
            t.file_offset(real.find(".t").unwrap()),
            raw.find(".t").unwrap()
        );
        // Inside a value: the placeholder's own position.
        assert_eq!(
            t.file_offset(real.find("much").unwrap()),
            raw.find("${s}").unwrap()
        );
        assert_eq!(SqlText::plain("abc").line_col(2), (1, 3));
    }
}
