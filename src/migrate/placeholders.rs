//! Flyway placeholder replacement: `${name}` (case-insensitive) replaced
//! textually everywhere in a script, comments and dollar quotes included; an
//! undefined name is an error naming the line. Pure; touches no external system.

use std::collections::BTreeMap;

/// Placeholder values keyed by lower-cased name (`flyway:table`, `app_user`…).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Placeholders {
    values: BTreeMap<String, String>,
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

    /// Sets a value; names are case-insensitive.
    pub fn insert(&mut self, name: &str, value: impl Into<String>) {
        self.values.insert(name.to_lowercase(), value.into());
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(&name.to_lowercase()).map(String::as_str)
    }

    /// The user-defined and built-in names, lower-cased.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.values.keys().map(String::as_str)
    }

    /// A copy with the per-script built-in `flyway:filename` set.
    pub fn for_file(&self, filename: &str) -> Placeholders {
        let mut p = self.clone();
        p.insert("flyway:filename", filename);
        p
    }

    /// Replaces every `${name}`; the first undefined one is an error.
    pub fn replace(&self, text: &str) -> Result<String, Undefined> {
        let mut out = String::with_capacity(text.len());
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
                            out.push_str(v);
                        }
                        None => {
                            let (line, column) = crate::config::line_col(text, consumed + start);
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
        Ok(out)
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
            out,
            "-- owner app\ncreate function f() returns text as $$ select 'app' $$ language sql;\nalter table t owner to app; -- public"
        );
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
        assert_eq!(ph().replace("select '${'").unwrap(), "select '${'");
        // Like Flyway, anything between `${` and `}` on one line is a name.
        assert_eq!(
            ph().replace("select '${' || '}'").unwrap_err().name,
            "' || '"
        );
        assert_eq!(ph().replace("a ${} b ${x\n}").unwrap(), "a ${} b ${x\n}");
    }

    #[test]
    fn per_file_builtin() {
        let p = ph().for_file("V1__a.sql");
        assert_eq!(p.replace("${flyway:filename}").unwrap(), "V1__a.sql");
    }
}
