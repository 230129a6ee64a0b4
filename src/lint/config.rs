//! `[lint]` in dbtool.toml: rules on/off and their severities, the target
//! PostgreSQL version, rule include/exclude lists and the tables treated as
//! hot. Parsing and validation only; touches no external system.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::rules::{expand_alias, ALIASES, RULES};
use super::Severity;

/// `[lint]`: every key is optional.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LintConfig {
    /// Target PostgreSQL version ("16", "14.2") when not connected and no `--pg-version`.
    pub pg_version: Option<String>,
    /// Per-rule setting: "off", "error", "warning" or "info".
    #[serde(default)]
    pub rules: BTreeMap<String, RuleSetting>,
    /// Rules turned off (same as setting them to "off").
    #[serde(default)]
    pub exclude: Vec<String>,
    /// When non-empty, only these rules run (parse errors are always reported).
    #[serde(default)]
    pub include: Vec<String>,
    /// Tables that `create-trigger-on-hot-table` watches (default: every existing table).
    #[serde(default)]
    pub hot_tables: Vec<String>,
    /// Treat warnings as errors for the exit status (like `--deny-warnings`).
    #[serde(default)]
    pub deny_warnings: bool,
}

/// A rule's configured state.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum RuleSetting {
    Off,
    Error,
    Warning,
    Info,
}

impl LintConfig {
    /// Checks that every rule id named in the configuration exists; the
    /// message names the key and suggests the nearest id.
    pub fn validate(&self) -> Result<(), String> {
        let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        let named = self
            .rules
            .keys()
            .map(|k| ("lint.rules", k.as_str()))
            .chain(self.exclude.iter().map(|k| ("lint.exclude", k.as_str())))
            .chain(self.include.iter().map(|k| ("lint.include", k.as_str())));
        for (key, id) in named {
            check_rule_id(id, &ids).map_err(|e| format!("{key}: {e}"))?;
        }
        if let Some(v) = &self.pg_version {
            super::PgVersion::parse(v).map_err(|e| format!("lint.pg_version: {e}"))?;
        }
        Ok(())
    }

    /// The effective severity of a rule, or `None` when it is off
    /// (configuration plus the command line's `include`/`exclude`).
    pub fn severity_of(
        &self,
        id: &str,
        default: Severity,
        include: &[String],
        exclude: &[String],
    ) -> Option<Severity> {
        // A squawk alias in a list stands for every rule it maps to.
        let listed = |l: &[String]| l.iter().any(|x| expand_alias(x).contains(&id));
        if listed(exclude) || listed(&self.exclude) {
            return None;
        }
        let includes = if include.is_empty() {
            &self.include[..]
        } else {
            include
        };
        if !includes.is_empty() && !listed(includes) {
            return None;
        }
        let opted_in = listed(includes) || setting_named(&self.rules, id);
        if super::rules::OPT_IN.contains(&id) && !opted_in {
            return None;
        }
        // The rule's own id wins over a squawk alias naming it.
        let setting = self.rules.get(id).or_else(|| {
            ALIASES
                .iter()
                .filter(|(_, ids)| ids.contains(&id))
                .find_map(|(alias, _)| self.rules.get(*alias))
        });
        match setting {
            Some(RuleSetting::Off) => None,
            Some(RuleSetting::Error) => Some(Severity::Error),
            Some(RuleSetting::Warning) => Some(Severity::Warning),
            Some(RuleSetting::Info) => Some(Severity::Info),
            None => Some(default),
        }
    }
}

fn setting_named(rules: &BTreeMap<String, RuleSetting>, id: &str) -> bool {
    rules.keys().any(|k| expand_alias(k).contains(&id))
}

/// `Ok` for a known rule id, a squawk alias (`prefer-repack`…) or `all`;
/// otherwise a message with a suggestion.
pub fn check_rule_id(id: &str, ids: &[&str]) -> Result<(), String> {
    if id == "all" || ids.contains(&id) || ALIASES.iter().any(|(a, _)| *a == id) {
        return Ok(());
    }
    let mut known: Vec<&str> = ids.to_vec();
    known.extend(ALIASES.iter().map(|(a, _)| *a));
    let hint = crate::text::nearest(id, &known)
        .map(|n| format!("; did you mean `{n}`?"))
        .unwrap_or_default();
    Err(format!(
        "unknown rule `{id}`{hint} (`dbtool migrate lint --list-rules` lists them)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_validates() {
        let c: LintConfig = toml::from_str(
            "pg_version = \"14.2\"\nexclude = [\"ban-drop-column\"]\nhot_tables = [\"events\"]\n[rules]\nprefer-text-field = \"off\"\nrenaming-table = \"warning\"\n",
        )
        .unwrap();
        c.validate().unwrap();
        assert_eq!(
            c.severity_of("prefer-text-field", Severity::Warning, &[], &[]),
            None
        );
        assert_eq!(
            c.severity_of("renaming-table", Severity::Error, &[], &[]),
            Some(Severity::Warning)
        );
        assert_eq!(
            c.severity_of("ban-drop-column", Severity::Error, &[], &[]),
            None
        );
        assert_eq!(
            c.severity_of("ban-drop-table", Severity::Error, &[], &[]),
            Some(Severity::Error)
        );
        assert_eq!(
            c.severity_of(
                "ban-drop-table",
                Severity::Error,
                &["renaming-table".into()],
                &[]
            ),
            None
        );
        assert_eq!(
            c.severity_of(
                "ban-drop-table",
                Severity::Error,
                &[],
                &["ban-drop-table".into()]
            ),
            None
        );
        let bad: LintConfig = toml::from_str("exclude = [\"ban-drop-colum\"]").unwrap();
        let err = bad.validate().unwrap_err();
        assert!(err.contains("did you mean `ban-drop-column`"), "{err}");
        assert!(toml::from_str::<LintConfig>("nope = 1").is_err());
        assert!(toml::from_str::<LintConfig>("[rules]\nx = \"loud\"").is_err());
    }
}
