//! Values that dbtool.toml names but never holds: where a credential or a
//! placeholder comes from (`{ env = "VAR" }`, `{ ssm = "/app/api/password" }`,
//! `{ secretsmanager = "NAME-OR-ARN", key = "password" }`), how it is shown
//! (`<from ssm:/app/api/password>`), and a `Secret` type whose Debug and
//! Display never show the value. Parsing is pure; `fetch` reads SSM
//! Parameter Store and Secrets Manager.

mod fetch;
pub mod store;

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

pub use fetch::{fetch, FetchError};

/// Where a value comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Source {
    /// An environment variable of the dbtool process.
    Env { env: String },
    /// An SSM parameter (String or SecureString, decrypted), by name or ARN.
    Ssm { ssm: String },
    /// A Secrets Manager secret, by name or ARN; `key` picks a field of a JSON
    /// secret (absent: the whole string); `version_stage` defaults to AWSCURRENT.
    SecretsManager {
        secretsmanager: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        key: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        version_stage: Option<String>,
    },
}

impl Source {
    /// `env:VAR`, `ssm:/app/api/password`, `secretsmanager:NAME#key`.
    pub fn describe(&self) -> String {
        match self {
            Source::Env { env } => format!("env:{env}"),
            Source::Ssm { ssm } => format!("ssm:{ssm}"),
            Source::SecretsManager {
                secretsmanager,
                key,
                version_stage,
            } => {
                let mut s = format!("secretsmanager:{secretsmanager}");
                if let Some(k) = key {
                    s.push('#');
                    s.push_str(k);
                }
                if let Some(v) = version_stage {
                    s.push_str(&format!(" ({v})"));
                }
                s
            }
        }
    }

    /// How the value is shown anywhere dbtool prints: `<from ssm:/x>`.
    pub fn redacted(&self) -> String {
        format!("<from {}>", self.describe())
    }

    /// Whether reading it needs AWS credentials.
    pub fn needs_aws(&self) -> bool {
        !matches!(self, Source::Env { .. })
    }

    /// The region in an ARN (`arn:aws:ssm:eu-west-1:…`), which wins over the
    /// environment's region.
    pub fn arn_region(&self) -> Option<&str> {
        let id = match self {
            Source::Env { .. } => return None,
            Source::Ssm { ssm } => ssm,
            Source::SecretsManager { secretsmanager, .. } => secretsmanager,
        };
        let mut parts = id.strip_prefix("arn:")?.split(':');
        let _partition = parts.next()?;
        let _service = parts.next()?;
        parts.next().filter(|r| !r.is_empty())
    }
}

/// The table as written, checked key by key.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    env: Option<String>,
    ssm: Option<String>,
    secretsmanager: Option<String>,
    key: Option<String>,
    version_stage: Option<String>,
}

const FORMS: &str =
    "write { env = \"VAR\" }, { ssm = \"/path/name\" } or { secretsmanager = \"NAME-OR-ARN\", key = \"field\" }";

impl RawSource {
    fn into_source(self) -> Result<Source, String> {
        let given = [&self.env, &self.ssm, &self.secretsmanager]
            .iter()
            .filter(|v| v.is_some())
            .count();
        if given != 1 {
            return Err(format!(
                "a value source names exactly one of `env`, `ssm`, `secretsmanager`: {FORMS}"
            ));
        }
        let non_empty = |what: &str, v: String| {
            if v.trim().is_empty() {
                Err(format!("`{what}` cannot be empty"))
            } else {
                Ok(v)
            }
        };
        if self.secretsmanager.is_none() && (self.key.is_some() || self.version_stage.is_some()) {
            return Err("`key` and `version_stage` belong to a `secretsmanager` source".into());
        }
        Ok(match (self.env, self.ssm, self.secretsmanager) {
            (Some(env), _, _) => Source::Env {
                env: non_empty("env", env)?,
            },
            (_, Some(ssm), _) => Source::Ssm {
                ssm: non_empty("ssm", ssm)?,
            },
            (_, _, Some(id)) => Source::SecretsManager {
                secretsmanager: non_empty("secretsmanager", id)?,
                key: self.key.map(|k| non_empty("key", k)).transpose()?,
                version_stage: self
                    .version_stage
                    .map(|v| non_empty("version_stage", v))
                    .transpose()?,
            },
            _ => unreachable!("exactly one is set"),
        })
    }
}

impl<'de> Deserialize<'de> for Source {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Source, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Source;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "a value source: {FORMS}")
            }
            fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Source, E> {
                Err(E::custom(format!(
                    "secrets are never written in dbtool.toml: {FORMS}"
                )))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Source, A::Error> {
                let raw =
                    RawSource::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                raw.into_source().map_err(serde::de::Error::custom)
            }
        }
        d.deserialize_any(V)
    }
}

/// A setting that may be written literally (it is not secret, e.g. a user
/// name) or come from a source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Text {
    Literal(String),
    From(Source),
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "a string, or a value source: {FORMS}")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::Literal(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Text, A::Error> {
                let raw =
                    RawSource::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                raw.into_source()
                    .map(Text::From)
                    .map_err(serde::de::Error::custom)
            }
        }
        d.deserialize_any(V)
    }
}

impl Text {
    pub fn literal(&self) -> Option<&str> {
        match self {
            Text::Literal(s) => Some(s),
            Text::From(_) => None,
        }
    }
}

/// A secret value: Debug and Display show `<secret>`, never the value.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(v: impl Into<String>) -> Secret {
        Secret(v.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<secret>")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<secret>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug)]
    struct T {
        p: Option<toml::Spanned<Source>>,
        u: Option<Text>,
    }

    fn parse(s: &str) -> Result<T, String> {
        toml::from_str::<T>(s).map_err(|e| e.message().to_string())
    }

    #[test]
    fn the_three_forms_and_their_errors() {
        let t = parse("p = { ssm = \"/tm-apps-db/api/password\" }\nu = \"api\"\n").unwrap();
        let p = t.p.unwrap();
        assert_eq!(p.get_ref().describe(), "ssm:/tm-apps-db/api/password");
        assert_eq!(
            p.get_ref().redacted(),
            "<from ssm:/tm-apps-db/api/password>"
        );
        assert_eq!(t.u, Some(Text::Literal("api".into())));
        let t = parse("p = { secretsmanager = \"arn:aws:secretsmanager:eu-west-1:1:secret:x\", key = \"password\", version_stage = \"AWSPENDING\" }\nu = { env = \"U\" }").unwrap();
        let s = t.p.unwrap().into_inner();
        assert_eq!(s.arn_region(), Some("eu-west-1"));
        assert!(
            s.describe().ends_with("#password (AWSPENDING)"),
            "{}",
            s.describe()
        );
        assert_eq!(t.u, Some(Text::From(Source::Env { env: "U".into() })));
        assert!(parse("p = \"hunter2\"")
            .unwrap_err()
            .contains("never written in dbtool.toml"));
        assert!(parse("p = { ssm = \"a\", env = \"b\" }")
            .unwrap_err()
            .contains("exactly one"));
        assert!(parse("p = { ssm = \"\" }")
            .unwrap_err()
            .contains("cannot be empty"));
        assert!(parse("p = { ssm = \"a\", key = \"k\" }")
            .unwrap_err()
            .contains("belong to a `secretsmanager`"));
        assert!(parse("p = { sm = \"a\" }")
            .unwrap_err()
            .contains("unknown field"));
        assert_eq!(
            format!("{:?} {}", Secret::new("pw"), Secret::new("pw")),
            "<secret> <secret>"
        );
    }
}
