//! pg_dump/psql name patterns (`schema.table`, `*`, `?`, double quotes) turned
//! into anchored regular expressions, and exact names quoted back into
//! patterns pg_dump matches literally. Pure; touches no external system.

use regex::Regex;

/// One `-n`/`-t`-style pattern, parsed the way psql's `processSQLNamePattern` does.
#[derive(Debug, Clone)]
pub struct NamePattern {
    /// The text the user wrote.
    pub text: String,
    schema: Option<Regex>,
    name: Regex,
}

impl NamePattern {
    /// Parses a table pattern: an unquoted `.` separates the schema from the
    /// name; unquoted letters are folded to lower case; `*` and `?` are
    /// wildcards outside double quotes; `""` inside quotes is one quote.
    pub fn table(text: &str) -> Result<NamePattern, String> {
        let parts = split(text)?;
        let (schema, name) = match parts.as_slice() {
            [name] => (None, name.clone()),
            [schema, name] => (Some(schema.clone()), name.clone()),
            [_db, schema, name] => (Some(schema.clone()), name.clone()),
            _ => return Err(format!("`{text}`: too many dotted names")),
        };
        Ok(NamePattern {
            text: text.to_string(),
            schema: schema.map(|s| anchored(&s)).transpose()?,
            name: anchored(&name)?,
        })
    }

    /// Parses a schema pattern (one name, no dot).
    pub fn schema(text: &str) -> Result<NamePattern, String> {
        let parts = split(text)?;
        let name = match parts.as_slice() {
            [name] => name.clone(),
            [_db, name] => name.clone(),
            _ => return Err(format!("`{text}`: a schema pattern has no dot")),
        };
        Ok(NamePattern {
            text: text.to_string(),
            schema: None,
            name: anchored(&name)?,
        })
    }

    /// Whether the pattern names a schema explicitly.
    pub fn is_qualified(&self) -> bool {
        self.schema.is_some()
    }

    /// Whether a table matches. An unqualified pattern only matches tables in
    /// `visible` schemas (the search path), like psql and pg_dump.
    pub fn matches_table(&self, schema: &str, name: &str, visible: &[String]) -> bool {
        let schema_ok = match &self.schema {
            Some(re) => re.is_match(schema),
            None => visible.iter().any(|v| v == schema),
        };
        schema_ok && self.name.is_match(name)
    }

    /// Whether a schema name matches (for schema patterns).
    pub fn matches_schema(&self, schema: &str) -> bool {
        self.name.is_match(schema)
    }
}

/// Splits a pattern on unquoted dots into regex bodies (not yet anchored).
fn split(text: &str) -> Result<Vec<String>, String> {
    let mut parts = vec![String::new()];
    let mut in_quotes = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let cur = parts.last_mut().expect("one part at least");
        if c == '"' {
            if in_quotes && chars.peek() == Some(&'"') {
                chars.next();
                cur.push('"');
            } else {
                in_quotes = !in_quotes;
            }
        } else if in_quotes {
            cur.push_str(&regex::escape(&c.to_string()));
        } else if c == '.' {
            parts.push(String::new());
        } else if c == '*' {
            cur.push_str(".*");
        } else if c == '?' {
            cur.push('.');
        } else {
            cur.push_str(&regex::escape(&c.to_lowercase().to_string()));
        }
    }
    if in_quotes {
        return Err(format!("`{text}`: unterminated double quote"));
    }
    if parts.iter().any(String::is_empty) {
        return Err(format!("`{text}`: empty name"));
    }
    Ok(parts)
}

fn anchored(body: &str) -> Result<Regex, String> {
    Regex::new(&format!("^(?:{body})$")).map_err(|e| e.to_string())
}

/// A double-quoted identifier that pg_dump matches literally: `"Sales"`.
pub fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `"schema"."table"`, matching exactly that table.
pub fn quote_table(schema: &str, name: &str) -> String {
    format!("{}.{}", quote_ident(schema), quote_ident(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vis() -> Vec<String> {
        vec!["public".into()]
    }

    #[test]
    fn wildcards_case_and_schema() {
        let p = NamePattern::table("public.Big_*").unwrap();
        assert!(p.matches_table("public", "big_log", &vis()));
        assert!(!p.matches_table("public", "Big_log", &vis()));
        assert!(!p.matches_table("other", "big_log", &vis()));
        let p = NamePattern::table("*.log?").unwrap();
        assert!(p.matches_table("x", "log1", &vis()));
        assert!(!p.matches_table("x", "log12", &vis()));
    }

    #[test]
    fn unqualified_matches_search_path_only() {
        let p = NamePattern::table("orders").unwrap();
        assert!(!p.is_qualified());
        assert!(p.matches_table("public", "orders", &vis()));
        assert!(!p.matches_table("archive", "orders", &vis()));
    }

    #[test]
    fn quotes_are_literal() {
        let p = NamePattern::table("\"My.Schema\".\"a*\"\"b\"").unwrap();
        assert!(p.matches_table("My.Schema", "a*\"b", &vis()));
        assert!(!p.matches_table("My.Schema", "ab", &vis()));
        // Regex metacharacters are escaped.
        let p = NamePattern::table("a+b").unwrap();
        assert!(p.matches_table("public", "a+b", &vis()));
        assert!(!p.matches_table("public", "aab", &vis()));
    }

    #[test]
    fn quoting_round_trips() {
        let q = quote_table("Odd\"Schema", "t.1");
        let p = NamePattern::table(&q).unwrap();
        assert!(p.matches_table("Odd\"Schema", "t.1", &[]));
        assert!(!p.matches_table("Odd\"Schema", "tx1", &[]));
    }

    #[test]
    fn schema_patterns_and_errors() {
        let p = NamePattern::schema("pg*").unwrap();
        assert!(p.matches_schema("pglogical"));
        assert!(!p.matches_schema("hint_plan"));
        assert!(NamePattern::schema("a.b.c").is_err());
        assert!(NamePattern::table("\"open").is_err());
        assert!(NamePattern::table("a..b").is_err());
    }
}
