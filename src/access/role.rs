//! Database roles: the three every target knows (readonly, write, admin) and
//! the ones an environment configures. Touches nothing.

use std::fmt;
use std::str::FromStr;

/// A database role as given with `--role` or chosen by a command.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Reads only; the default of connect, env, dump, info.
    Readonly,
    /// Reads and writes; the default of migrate.
    Write,
    /// The master user: emergencies, role management.
    Admin,
    /// A role configured under `[environments.NAME.roles.ROLE]`.
    Configured(String),
}

impl Role {
    /// The roles every target knows without configuration.
    pub const BUILTIN: [&'static str; 3] = ["readonly", "write", "admin"];

    pub fn as_str(&self) -> &str {
        match self {
            Role::Readonly => "readonly",
            Role::Write => "write",
            Role::Admin => "admin",
            Role::Configured(n) => n,
        }
    }

    pub fn is_builtin(&self) -> bool {
        !matches!(self, Role::Configured(_))
    }

    /// Parses a role name: the three built-in names, or any other name that a
    /// database role could have (letters, digits, `_`, `-`, `.`; at most 63
    /// bytes). Whether a configured name exists is checked against the target.
    pub fn parse(s: &str) -> Result<Role, String> {
        let s = s.trim();
        match s {
            "readonly" => return Ok(Role::Readonly),
            "write" => return Ok(Role::Write),
            "admin" => return Ok(Role::Admin),
            _ => {}
        }
        if s.is_empty() {
            return Err(
                "a role name cannot be empty (readonly, write, admin, or a configured role)".into(),
            );
        }
        if s.len() > 63 {
            return Err(format!(
                "role name `{}…` is longer than 63 bytes",
                s.chars().take(20).collect::<String>()
            ));
        }
        if !s
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        {
            return Err(format!(
                "role name `{s}` may only hold letters, digits, `_`, `-` and `.`"
            ));
        }
        Ok(Role::Configured(s.to_string()))
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Role, String> {
        Role::parse(s)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Role {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn builtin_and_configured() {
        assert_eq!(Role::parse("readonly"), Ok(Role::Readonly));
        assert_eq!(Role::parse("admin").unwrap().as_str(), "admin");
        assert_eq!(
            Role::parse("analyst"),
            Ok(Role::Configured("analyst".into()))
        );
        assert!(Role::parse("").is_err());
        assert!(Role::parse("a b").is_err());
        assert!(Role::parse("drop;table").is_err());
        assert!(Role::parse(&"x".repeat(64)).is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn parse_never_panics_and_round_trips(s in "\\PC{0,80}") {
            if let Ok(r) = Role::parse(&s) {
                prop_assert_eq!(Role::parse(r.as_str()), Ok(r.clone()));
            }
        }
    }
}
