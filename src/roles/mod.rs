//! Database users, roles and grants as desired state (`[roles.NAME]` in
//! dbtool.toml): the configuration types and their validation, and the
//! pipeline read catalog → pure plan → SQL → one transaction. The submodules
//! touch PostgreSQL only in `catalog` (reads) and `execute` (writes).

pub mod catalog;
pub mod execute;
pub mod plan;
pub mod rotate;
pub mod sql;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::UserError;

pub use catalog::Catalog;
pub use plan::{plan, Change, Plan, PlanOptions};

/// One `[roles.NAME]` section: a login user or a NOLOGIN role, what it is a
/// member of, and its privileges per schema. Passwords are only referenced.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RoleSpec {
    /// Whether the role can log in (a user); `false` makes a NOLOGIN role (default: true).
    #[serde(default = "default_true", skip_serializing_if = "is_true")]
    pub login: bool,
    /// Environment variable holding the password; asked on a terminal when unset.
    pub password_env: Option<String>,
    /// Where the password comes from instead: `{ ssm = "…" }`, `{ secretsmanager = "…", key = "…" }`.
    pub password: Option<toml::Spanned<crate::secrets::Source>>,
    /// Grant `rds_iam` (IAM authentication) where that role exists, i.e. on RDS.
    #[serde(default)]
    pub iam: bool,
    /// Roles this role is a member of (their privileges are inherited).
    #[serde(default)]
    pub member_of: Vec<String>,
    /// Role switched to on login (`ALTER ROLE … SET role`); membership is implied.
    pub assume: Option<String>,
    /// Privileges per schema: `readonly`, `readwrite` or `owner`.
    #[serde(default)]
    pub schemas: BTreeMap<String, Preset>,
    /// Maximum concurrent connections (default: no limit).
    pub connection_limit: Option<i32>,
    /// `statement_timeout` for every session of the role, e.g. "30s".
    pub statement_timeout: Option<String>,
    /// `lock_timeout` for every session of the role, e.g. "5s".
    pub lock_timeout: Option<String>,
    /// `idle_in_transaction_session_timeout` for every session of the role, e.g. "10min".
    pub idle_in_transaction_session_timeout: Option<String>,
}

impl RoleSpec {
    /// Whether a password is declared (by variable or by source).
    pub fn has_password(&self) -> bool {
        self.password_env.is_some() || self.password.is_some()
    }

    /// Where the password comes from, as plans show it: `$VAR` or `ssm:/x`.
    pub fn password_label(&self) -> Option<String> {
        match (&self.password_env, &self.password) {
            (Some(v), _) => Some(format!("${v}")),
            (None, Some(s)) => Some(s.get_ref().describe()),
            (None, None) => None,
        }
    }
}

fn default_true() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

/// A per-schema privilege preset.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Preset {
    /// USAGE on the schema, SELECT on every table and sequence, now and in future.
    Readonly,
    /// `readonly` plus INSERT/UPDATE/DELETE on tables and USAGE on sequences.
    Readwrite,
    /// Owns the schema and every table, view and sequence in it.
    Owner,
}

impl Preset {
    pub fn as_str(self) -> &'static str {
        match self {
            Preset::Readonly => "readonly",
            Preset::Readwrite => "readwrite",
            Preset::Owner => "owner",
        }
    }
}

/// The role settings dbtool manages (`ALTER ROLE … SET`); others are left alone.
pub const MANAGED_SETTINGS: [&str; 4] = [
    "role",
    "statement_timeout",
    "lock_timeout",
    "idle_in_transaction_session_timeout",
];

impl RoleSpec {
    /// The managed settings this role should have, by name.
    pub fn settings(&self) -> BTreeMap<&'static str, String> {
        let mut s = BTreeMap::new();
        if let Some(r) = &self.assume {
            s.insert("role", r.clone());
        }
        if let Some(v) = &self.statement_timeout {
            s.insert("statement_timeout", v.clone());
        }
        if let Some(v) = &self.lock_timeout {
            s.insert("lock_timeout", v.clone());
        }
        if let Some(v) = &self.idle_in_transaction_session_timeout {
            s.insert("idle_in_transaction_session_timeout", v.clone());
        }
        s
    }

    /// The roles this role should be a member of (`member_of` plus `assume`).
    pub fn memberships(&self) -> Vec<String> {
        let mut m = self.member_of.clone();
        if let Some(a) = &self.assume {
            if !m.contains(a) {
                m.push(a.clone());
            }
        }
        m
    }
}

/// Checks the declared roles make sense together, before touching a database.
pub fn validate(roles: &BTreeMap<String, RoleSpec>) -> Result<(), UserError> {
    let mut owners: BTreeMap<&str, &str> = BTreeMap::new();
    for (name, spec) in roles {
        let here = format!("[roles.{name}]");
        if name.is_empty() || name.len() > 63 {
            return Err(UserError::usage(format!(
                "{here}: a role name must be 1 to 63 bytes long"
            )));
        }
        if name.starts_with("pg_") {
            return Err(UserError::usage(format!(
                "{here}: names starting with `pg_` are reserved by PostgreSQL"
            )));
        }
        if spec.password_env.is_some() && spec.password.is_some() {
            return Err(UserError::usage(format!(
                "{here}: `password_env` and `password` both say where the password comes from"
            ))
            .hint(
                "keep one: `password = { env = \"VAR\" }` is the same as `password_env = \"VAR\"`",
            ));
        }
        if !spec.login && spec.has_password() {
            return Err(UserError::usage(format!(
                "{here}: `password_env` is set on a role with `login = false`"
            ))
            .hint("remove `password_env`, or remove `login = false` to make it a user"));
        }
        if spec.iam && spec.has_password() {
            return Err(UserError::usage(format!(
                "{here}: `iam = true` and `password_env` are exclusive"
            ))
            .hint("on RDS, members of rds_iam cannot log in with a password"));
        }
        for m in spec.memberships() {
            if &m == name {
                return Err(UserError::usage(format!(
                    "{here}: a role cannot be a member of itself"
                )));
            }
        }
        if let Some(a) = &spec.assume {
            if let Some(target) = roles.get(a) {
                if target.login {
                    return Err(UserError::usage(format!("{here}: `assume = \"{a}\"` names a login user"))
                        .hint(format!("the assumed role is usually a NOLOGIN owner: set `login = false` in [roles.{a}]")));
                }
            }
        }
        for (schema, preset) in &spec.schemas {
            if *preset == Preset::Owner {
                if let Some(other) = owners.insert(schema, name) {
                    return Err(UserError::usage(format!(
                        "{here}: schema `{schema}` has two owners, `{other}` and `{name}`"
                    ))
                    .hint("a schema has one owner; give the other role `readwrite` and `assume` the owner"));
                }
            }
        }
        for (key, value) in [
            ("statement_timeout", &spec.statement_timeout),
            ("lock_timeout", &spec.lock_timeout),
            (
                "idle_in_transaction_session_timeout",
                &spec.idle_in_transaction_session_timeout,
            ),
        ] {
            if let Some(v) = value {
                if !valid_pg_duration(v) {
                    return Err(UserError::usage(format!("{here}: `{key} = \"{v}\"` is not a PostgreSQL duration"))
                        .hint("write a number with one of the units us, ms, s, min, h, d, e.g. \"30s\" or \"5min\"; \"0\" turns it off"));
                }
            }
        }
        if let Some(limit) = spec.connection_limit {
            if limit < -1 {
                return Err(UserError::usage(format!(
                    "{here}: `connection_limit` must be -1 (no limit) or more"
                )));
            }
        }
    }
    Ok(())
}

/// A duration as PostgreSQL's GUCs accept it: digits and an optional unit.
fn valid_pg_duration(s: &str) -> bool {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return false;
    }
    let unit = s[digits..].trim_start();
    matches!(unit, "" | "us" | "ms" | "s" | "min" | "h" | "d")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(text: &str) -> BTreeMap<String, RoleSpec> {
        crate::config::parse(text, "t.toml").unwrap().roles
    }

    #[test]
    fn parses_and_defaults_to_login() {
        let r = roles(
            "[roles.app_owner]\nlogin = false\nschemas = { public = \"owner\" }\n\
             [roles.app]\npassword_env = \"P\"\nassume = \"app_owner\"\nstatement_timeout = \"30s\"\n",
        );
        assert!(!r["app_owner"].login);
        assert!(r["app"].login);
        assert_eq!(r["app_owner"].schemas["public"], Preset::Owner);
        assert_eq!(r["app"].memberships(), vec!["app_owner".to_string()]);
        assert_eq!(r["app"].settings()["role"], "app_owner");
        validate(&r).unwrap();
    }

    #[test]
    fn unknown_preset_and_key_are_config_errors() {
        let err = crate::config::parse("[roles.x]\nschemas = { public = \"reader\" }\n", "t.toml")
            .unwrap_err();
        assert!(err.message.contains("reader"), "{}", err.message);
        let err = crate::config::parse("[roles.x]\npasword_env = \"P\"\n", "t.toml").unwrap_err();
        assert_eq!(
            err.hint.as_deref(),
            Some("did you mean `password_env`? (see docs/configuration.md)")
        );
    }

    #[test]
    fn validation_rejects_inconsistent_roles() {
        let cases = [
            (
                "[roles.a]\nlogin = false\npassword_env = \"P\"\n",
                "login = false",
            ),
            ("[roles.a]\niam = true\npassword_env = \"P\"\n", "exclusive"),
            ("[roles.a]\nmember_of = [\"a\"]\n", "member of itself"),
            (
                "[roles.a]\nschemas = { s = \"owner\" }\n[roles.b]\nschemas = { s = \"owner\" }\n",
                "two owners",
            ),
            (
                "[roles.a]\nlock_timeout = \"5 parsecs\"\n",
                "not a PostgreSQL duration",
            ),
            (
                "[roles.a]\nlock_timeout = \"5m\"\n",
                "not a PostgreSQL duration",
            ),
            ("[roles.pg_x]\n", "reserved"),
            (
                "[roles.a]\nassume = \"b\"\n[roles.b]\n",
                "names a login user",
            ),
        ];
        for (text, want) in cases {
            let err = validate(&roles(text)).unwrap_err();
            assert!(err.message.contains(want), "{text}: {}", err.message);
        }
        validate(&roles(
            "[roles.a]\nlock_timeout = \"5min\"\nstatement_timeout = \"0\"\n",
        ))
        .unwrap();
    }

    /// Every key of `[roles.NAME]` is documented in backticks in docs/configuration.md.
    #[test]
    fn every_key_is_documented() {
        let doc = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/docs/configuration.md"
        ))
        .unwrap();
        let full = RoleSpec {
            login: false,
            password_env: Some("P".into()),
            password: Some(toml::Spanned::new(
                0..0,
                crate::secrets::Source::Env { env: "P".into() },
            )),
            iam: true,
            member_of: vec!["x".into()],
            assume: Some("x".into()),
            schemas: BTreeMap::from([("public".to_string(), Preset::Readonly)]),
            connection_limit: Some(1),
            statement_timeout: Some("1s".into()),
            lock_timeout: Some("1s".into()),
            idle_in_transaction_session_timeout: Some("1s".into()),
        };
        let toml::Value::Table(t) = toml::Value::try_from(&full).unwrap() else {
            panic!("not a table")
        };
        assert_eq!(
            t.len(),
            11,
            "a key was added: document it and update this test"
        );
        for k in t.keys() {
            assert!(
                doc.contains(&format!("`{k}`")),
                "docs/configuration.md does not document `{k}`"
            );
        }
        for p in ["readonly", "readwrite", "owner"] {
            assert!(doc.contains(&format!("`{p}`")), "preset `{p}` undocumented");
        }
    }
}
