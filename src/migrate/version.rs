//! Flyway migration versions: parsing (`_` → `.`), numeric part-by-part
//! ordering with trailing zero parts ignored, and the original text kept for
//! the history table. Pure; touches no external system.

use std::cmp::Ordering;
use std::fmt;

/// A migration version such as `1.2.10` or `000001`. Two versions are equal
/// when their numeric parts are equal after dropping trailing zero parts, so
/// `1.0` == `1`; the text written by the user (leading zeros included) is kept.
#[derive(Debug, Clone)]
pub struct Version {
    text: String,
    /// Parts without leading zeros, trailing zero parts removed.
    parts: Vec<String>,
}

impl Version {
    /// Parses a version as written in a file name (`1_2`) or a setting (`1.2`).
    pub fn parse(input: &str) -> Result<Version, String> {
        let text = input.replace('_', ".");
        if text.is_empty() {
            return Err("a version cannot be empty".into());
        }
        let mut parts = Vec::new();
        for part in text.split('.') {
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!(
                    "invalid version `{input}`: only digits separated by `.` or `_` are allowed"
                ));
            }
            let trimmed = part.trim_start_matches('0');
            parts.push(if trimmed.is_empty() {
                "0".to_string()
            } else {
                trimmed.to_string()
            });
        }
        while parts.len() > 1 && parts.last().is_some_and(|p| p == "0") {
            parts.pop();
        }
        Ok(Version { text, parts })
    }

    /// The version as written (with `.` separators), e.g. `000001` or `1.2`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The first numeric part as an integer, if it fits.
    pub fn major(&self) -> Option<u128> {
        self.parts.first().and_then(|p| p.parse().ok())
    }
}

fn cmp_numeric(a: &str, b: &str) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        let n = self.parts.len().max(other.parts.len());
        for i in 0..n {
            let a = self.parts.get(i).map(String::as_str).unwrap_or("0");
            let b = other.parts.get(i).map(String::as_str).unwrap_or("0");
            match cmp_numeric(a, b) {
                Ordering::Equal => continue,
                o => return o,
            }
        }
        Ordering::Equal
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Version {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Version {}

impl std::hash::Hash for Version {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.parts.hash(state);
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// `target`: how far `migrate` goes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Target {
    /// Every pending migration (default).
    #[default]
    Latest,
    /// Nothing beyond the current version.
    Current,
    /// Up to and including this version.
    Version(Version),
}

impl Target {
    pub fn parse(s: &str) -> Result<Target, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "" | "latest" => Ok(Target::Latest),
            "current" => Ok(Target::Current),
            _ => Version::parse(s.trim()).map(Target::Version),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap()
    }

    #[test]
    fn underscores_become_dots_and_text_keeps_leading_zeros() {
        assert_eq!(v("1_2_3").as_str(), "1.2.3");
        assert_eq!(v("000001").as_str(), "000001");
        assert_eq!(v("000001"), v("1"));
    }

    #[test]
    fn numeric_ordering_part_by_part() {
        assert!(v("1.10") > v("1.9"));
        assert!(v("2") > v("1.999"));
        assert!(v("1.0.1") > v("1"));
        assert!(v("10") > v("9"));
        assert_eq!(v("1.0"), v("1"));
        assert_eq!(v("1.0.0"), v("1"));
        assert!(v("0") < v("0.1"));
    }

    #[test]
    fn fifteen_digit_versions_and_beyond() {
        assert!(v("202401011200001") > v("202401011200000"));
        assert!(v("99999999999999999999999") > v("202401011200001"));
        assert_eq!(v("202401011200001").as_str(), "202401011200001");
    }

    #[test]
    fn rejects_non_numeric() {
        assert!(Version::parse("1a").is_err());
        assert!(Version::parse("").is_err());
        assert!(Version::parse("1..2").is_err());
    }

    #[test]
    fn targets() {
        assert_eq!(Target::parse("latest").unwrap(), Target::Latest);
        assert_eq!(Target::parse("CURRENT").unwrap(), Target::Current);
        assert_eq!(Target::parse("3.1").unwrap(), Target::Version(v("3.1")));
    }
}
