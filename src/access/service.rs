//! libpq's other ways of naming a server: keyword/value connection strings
//! (`host=db port=5432 dbname=app`, `service=NAME`) and pg_service.conf
//! sections, parsed as libpq does. Pure: the file texts come from `Environ`.

use std::collections::BTreeMap;
use std::path::Path;

/// Parses a libpq keyword/value string: `key = value` pairs separated by
/// whitespace; a value may be single-quoted, with `\'` and `\\` escapes.
pub fn parse_conninfo(s: &str) -> Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    let mut chars = s.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            break;
        }
        let mut key = String::new();
        while let Some(&c) = chars.peek() {
            if c == '=' || c.is_whitespace() {
                break;
            }
            key.push(c);
            chars.next();
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.next() != Some('=') {
            return Err(format!("missing `=` after `{key}` in connection string"));
        }
        if key.is_empty() {
            return Err("a connection string entry has no keyword before `=`".into());
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let mut value = String::new();
        if chars.peek() == Some(&'\'') {
            chars.next();
            let mut closed = false;
            while let Some(c) = chars.next() {
                match c {
                    '\\' => match chars.next() {
                        Some(n) => value.push(n),
                        None => break,
                    },
                    '\'' => {
                        closed = true;
                        break;
                    }
                    c => value.push(c),
                }
            }
            if !closed {
                return Err(format!(
                    "unterminated quoted value for `{key}` in connection string"
                ));
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                chars.next();
                if c == '\\' {
                    if let Some(n) = chars.next() {
                        value.push(n);
                    }
                } else {
                    value.push(c);
                }
            }
        }
        out.insert(key.to_ascii_lowercase(), value);
    }
    Ok(out)
}

/// Whether `s` looks like a keyword/value connection string rather than a URL.
pub fn is_conninfo(s: &str) -> bool {
    let t = s.trim_start();
    !t.contains("://")
        && t.split_once('=').is_some_and(|(k, _)| {
            !k.trim().is_empty()
                && k.trim()
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

/// libpq keywords and their values.
pub type Keywords = BTreeMap<String, String>;

/// A service's keywords: the first file (in libpq's order) with a section
/// `[name]` wins as a whole.
pub fn lookup<'a>(
    files: &'a [(std::path::PathBuf, String)],
    name: &str,
) -> Result<Option<(&'a Path, Keywords)>, String> {
    for (path, text) in files {
        if let Some(section) =
            section(text, name).map_err(|e| format!("{}: {e}", path.display()))?
        {
            return Ok(Some((path.as_path(), section)));
        }
    }
    Ok(None)
}

/// The service names defined in the files (for "did you mean").
pub fn names(files: &[(std::path::PathBuf, String)]) -> Vec<String> {
    let mut out = Vec::new();
    for (_, text) in files {
        for line in text.lines() {
            let l = line.trim();
            if let Some(n) = l.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
                out.push(n.trim().to_string());
            }
        }
    }
    out
}

fn section(text: &str, name: &str) -> Result<Option<BTreeMap<String, String>>, String> {
    let mut current: Option<&str> = None;
    let mut found: Option<BTreeMap<String, String>> = None;
    for (i, line) in text.lines().enumerate() {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        if let Some(n) = l.strip_prefix('[') {
            let n = n
                .strip_suffix(']')
                .ok_or_else(|| format!("line {}: a section header must end with `]`", i + 1))?;
            if found.is_some() {
                break;
            }
            current = Some(n.trim());
            if current == Some(name) {
                found = Some(BTreeMap::new());
            }
            continue;
        }
        if current == Some(name) {
            let (k, v) = l
                .split_once('=')
                .ok_or_else(|| format!("line {}: expected `keyword=value`", i + 1))?;
            if let Some(map) = found.as_mut() {
                map.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn conninfo_like_libpq() {
        let m =
            parse_conninfo("host=db.example port = 6432 dbname='my db' password='it\\'s' user=app")
                .unwrap();
        assert_eq!(m["host"], "db.example");
        assert_eq!(m["port"], "6432");
        assert_eq!(m["dbname"], "my db");
        assert_eq!(m["password"], "it's");
        assert_eq!(m["user"], "app");
        assert!(parse_conninfo("host").is_err());
        assert!(parse_conninfo("host='x").is_err());
        assert!(parse_conninfo("=x").is_err());
        assert!(is_conninfo("service=prod"));
        assert!(is_conninfo("host=a dbname=b"));
        assert!(!is_conninfo("postgresql://u@h/d?sslmode=require"));
        assert!(!is_conninfo("db.example.com"));
    }

    #[test]
    fn service_sections_user_file_first() {
        let files = vec![
            (
                "/home/u/.pg_service.conf".into(),
                "# mine\n[prod]\nhost=prod.internal\ndbname=app\n[other]\nhost=o\n".to_string(),
            ),
            (
                "/etc/pg_service.conf".into(),
                "[prod]\nhost=system\nport=1\n[sys]\nhost=s\n".to_string(),
            ),
        ];
        let (path, m) = lookup(&files, "prod").unwrap().unwrap();
        assert_eq!(path, Path::new("/home/u/.pg_service.conf"));
        assert_eq!(m["host"], "prod.internal");
        assert!(
            !m.contains_key("port"),
            "the user file's section wins as a whole"
        );
        assert_eq!(lookup(&files, "sys").unwrap().unwrap().1["host"], "s");
        assert!(lookup(&files, "nope").unwrap().is_none());
        assert_eq!(names(&files), ["prod", "other", "prod", "sys"]);
        let bad = vec![("/x".into(), "[a\nhost=1\n".to_string())];
        assert!(lookup(&bad, "a").unwrap_err().contains("line 1"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn conninfo_never_panics(s in "\\PC{0,60}") {
            let _ = parse_conninfo(&s);
            let _ = is_conninfo(&s);
        }

        #[test]
        fn quoted_values_round_trip(k in "[a-z_]{1,12}", v in "\\PC{0,30}") {
            let quoted = format!("{k}='{}'", v.replace('\\', "\\\\").replace('\'', "\\'"));
            let m = parse_conninfo(&quoted).unwrap();
            prop_assert_eq!(&m[&k], &v);
        }
    }
}
