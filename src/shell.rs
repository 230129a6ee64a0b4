//! Printing environment variables for `eval` in a shell (sh, fish), as a
//! dotenv file, or as JSON. Pure string formatting.

use serde::Serialize;

/// `--format` of commands that print variables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EnvFormat {
    /// `export NAME='value'` lines for sh, bash and zsh
    #[default]
    Sh,
    /// `set -gx NAME 'value'` lines for fish
    Fish,
    /// `NAME=value` lines for .env files and docker --env-file
    Dotenv,
    /// One JSON object
    Json,
}

/// Quotes a value for POSIX sh: single quotes, with `'` written as `'\''`.
pub fn sh_quote(v: &str) -> String {
    if !v.is_empty()
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:@%+=,".contains(c))
    {
        return v.to_string();
    }
    format!("'{}'", v.replace('\'', r"'\''"))
}

/// Quotes a value for fish: single quotes, with `\` and `'` escaped.
pub fn fish_quote(v: &str) -> String {
    format!("'{}'", v.replace('\\', r"\\").replace('\'', r"\'"))
}

/// Renders variables in the given format (one string, ending in a newline).
pub fn render_env(vars: &[(&str, String)], format: EnvFormat) -> String {
    let mut out = String::new();
    match format {
        EnvFormat::Sh => {
            for (k, v) in vars {
                out.push_str(&format!("export {k}={}\n", sh_quote(v)));
            }
        }
        EnvFormat::Fish => {
            for (k, v) in vars {
                out.push_str(&format!("set -gx {k} {}\n", fish_quote(v)));
            }
        }
        EnvFormat::Dotenv => {
            for (k, v) in vars {
                let needs = v
                    .chars()
                    .any(|c| c.is_whitespace() || "\"'#$\\".contains(c));
                if needs {
                    out.push_str(&format!(
                        "{k}=\"{}\"\n",
                        v.replace('\\', r"\\")
                            .replace('"', "\\\"")
                            .replace('$', "\\$")
                    ));
                } else {
                    out.push_str(&format!("{k}={v}\n"));
                }
            }
        }
        EnvFormat::Json => {
            let map: serde_json::Map<String, serde_json::Value> = vars
                .iter()
                .map(|(k, v)| (k.to_string(), serde_json::Value::String(v.clone())))
                .collect();
            out.push_str(&serde_json::to_string_pretty(&map).unwrap_or_default());
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_safely() {
        assert_eq!(sh_quote("abc"), "abc");
        assert_eq!(sh_quote("a b'c"), r"'a b'\''c'");
        assert_eq!(sh_quote(""), "''");
        assert_eq!(fish_quote(r"a\'b"), r"'a\\\'b'");
        let vars = [("PGPASSWORD", "x$y z".to_string())];
        assert_eq!(
            render_env(&vars, EnvFormat::Sh),
            "export PGPASSWORD='x$y z'\n"
        );
        assert_eq!(
            render_env(&vars, EnvFormat::Dotenv),
            "PGPASSWORD=\"x\\$y z\"\n"
        );
        assert_eq!(
            render_env(&vars, EnvFormat::Fish),
            "set -gx PGPASSWORD 'x$y z'\n"
        );
    }

    #[test]
    fn sh_output_round_trips_through_a_real_shell() {
        let value = "it's a \"test\" $HOME `x` \\ ü";
        let script = render_env(&[("DBTOOL_X", value.to_string())], EnvFormat::Sh)
            + "printf %s \"$DBTOOL_X\"";
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(script)
            .output()
            .unwrap();
        assert_eq!(String::from_utf8(out.stdout).unwrap(), value);
    }
}
