//! SQL text for planned changes, with identifiers quoted by PostgreSQL's
//! `quote_ident` rules and passwords shown only as `<from $VAR>` unless the
//! executor supplies them. Also one-line descriptions of each change for
//! `roles check`. Pure; touches nothing.

use std::collections::BTreeMap;

use super::catalog::RelKind;
use super::plan::{Change, Object};

/// Keywords PostgreSQL's `quote_ident` quotes (every keyword that is not unreserved).
const KEYWORDS: &[&str] = &[
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "between",
    "bigint",
    "binary",
    "bit",
    "boolean",
    "both",
    "case",
    "cast",
    "char",
    "character",
    "check",
    "coalesce",
    "collate",
    "collation",
    "column",
    "concurrently",
    "constraint",
    "create",
    "cross",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "dec",
    "decimal",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "exists",
    "extract",
    "false",
    "fetch",
    "float",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "greatest",
    "group",
    "grouping",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "inout",
    "int",
    "integer",
    "intersect",
    "interval",
    "into",
    "is",
    "isnull",
    "join",
    "json",
    "json_array",
    "json_arrayagg",
    "json_exists",
    "json_object",
    "json_objectagg",
    "json_query",
    "json_scalar",
    "json_serialize",
    "json_table",
    "json_value",
    "lateral",
    "leading",
    "least",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "merge_action",
    "national",
    "natural",
    "nchar",
    "none",
    "normalize",
    "not",
    "notnull",
    "null",
    "nullif",
    "numeric",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "out",
    "outer",
    "overlaps",
    "overlay",
    "placing",
    "position",
    "precision",
    "primary",
    "real",
    "references",
    "returning",
    "right",
    "row",
    "select",
    "session_user",
    "setof",
    "similar",
    "smallint",
    "some",
    "substring",
    "symmetric",
    "system_user",
    "table",
    "tablesample",
    "then",
    "time",
    "timestamp",
    "to",
    "trailing",
    "treat",
    "trim",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "values",
    "varchar",
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
    "xmlattributes",
    "xmlconcat",
    "xmlelement",
    "xmlexists",
    "xmlforest",
    "xmlnamespaces",
    "xmlparse",
    "xmlpi",
    "xmlroot",
    "xmlserialize",
    "xmltable",
];

/// An identifier as PostgreSQL's `quote_ident` writes it: bare when it is
/// lower-case letters, digits and underscores not starting with a digit and
/// not a keyword; otherwise in double quotes with `"` doubled.
pub fn quote_ident(s: &str) -> String {
    let simple = s
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !KEYWORDS.contains(&s);
    if simple {
        s.to_string()
    } else {
        format!("\"{}\"", s.replace('"', "\"\""))
    }
}

/// A role name where a role specification is expected: also quotes `public`
/// and `none`, which would otherwise mean PUBLIC / no role.
pub fn quote_role(s: &str) -> String {
    if matches!(s, "public" | "none") {
        format!("\"{s}\"")
    } else {
        quote_ident(s)
    }
}

/// A string literal; backslashes make it an `E''` literal so the text is the
/// same whatever `standard_conforming_strings` says.
pub fn quote_literal(s: &str) -> String {
    let body = s.replace('\'', "''");
    if s.contains('\\') {
        format!("E'{}'", body.replace('\\', "\\\\"))
    } else {
        format!("'{body}'")
    }
}

/// Passwords by role name, supplied only when executing.
pub type Passwords = BTreeMap<String, String>;

/// The password as sent: a SCRAM-SHA-256 verifier computed here, so the
/// plaintext never reaches the server (nor its statement log).
fn password(role: &str, from: &str, secrets: Option<&Passwords>) -> String {
    match secrets.and_then(|s| s.get(role)) {
        Some(p) => quote_literal(&postgres_protocol::password::scram_sha_256(p.as_bytes())),
        None => format!("<from {from}>"),
    }
}

fn relation(schema: &str, name: &str) -> String {
    format!("{}.{}", quote_ident(schema), quote_ident(name))
}

fn object_sql(o: &Object) -> (String, String) {
    match o {
        Object::Schema { schema } => (String::new(), format!("SCHEMA {}", quote_ident(schema))),
        Object::Relation { schema, name, kind } => {
            let what = if kind.is_sequence() {
                "SEQUENCE"
            } else {
                "TABLE"
            };
            (String::new(), format!("{what} {}", relation(schema, name)))
        }
        Object::AllInSchema { schema, sequences } => {
            let what = if *sequences {
                "ALL SEQUENCES"
            } else {
                "ALL TABLES"
            };
            (
                String::new(),
                format!("{what} IN SCHEMA {}", quote_ident(schema)),
            )
        }
        Object::Default {
            for_role,
            schema,
            class,
        } => (
            format!(
                "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA {} ",
                quote_role(for_role),
                quote_ident(schema)
            ),
            class.keyword().to_string(),
        ),
    }
}

fn relkind_keyword(kind: RelKind) -> &'static str {
    match kind {
        RelKind::Table | RelKind::PartitionedTable => "TABLE",
        RelKind::View => "VIEW",
        RelKind::MaterializedView => "MATERIALIZED VIEW",
        RelKind::ForeignTable => "FOREIGN TABLE",
        RelKind::Sequence => "SEQUENCE",
    }
}

/// The SQL statement of one change. Without `secrets`, passwords read
/// `<from $VAR>` (what plans show); with them, the real literal (what runs).
pub fn render(change: &Change, secrets: Option<&Passwords>) -> String {
    match change {
        Change::CreateRole {
            role,
            login,
            connection_limit,
            password_from,
        } => {
            let mut s = format!(
                "CREATE ROLE {} {}",
                quote_role(role),
                if *login { "LOGIN" } else { "NOLOGIN" }
            );
            if *connection_limit != -1 {
                s.push_str(&format!(" CONNECTION LIMIT {connection_limit}"));
            }
            if let Some(from) = password_from {
                s.push_str(&format!(" PASSWORD {}", password(role, from, secrets)));
            }
            s.push(';');
            s
        }
        Change::SetLogin { role, login } => {
            format!(
                "ALTER ROLE {} {};",
                quote_role(role),
                if *login { "LOGIN" } else { "NOLOGIN" }
            )
        }
        Change::SetConnectionLimit { role, to, .. } => {
            format!("ALTER ROLE {} CONNECTION LIMIT {to};", quote_role(role))
        }
        Change::SetPassword {
            role,
            password_from,
        } => {
            format!(
                "ALTER ROLE {} PASSWORD {};",
                quote_role(role),
                password(role, password_from, secrets)
            )
        }
        Change::GrantMembership { group, member } => {
            format!("GRANT {} TO {};", quote_role(group), quote_role(member))
        }
        Change::RevokeMembership { group, member } => {
            format!("REVOKE {} FROM {};", quote_role(group), quote_role(member))
        }
        Change::AdminActsAs {
            role,
            admin,
            with_options,
        } => {
            let options = if *with_options {
                " WITH INHERIT TRUE, SET TRUE"
            } else {
                ""
            };
            format!(
                "GRANT {} TO {}{options};",
                quote_role(role),
                quote_role(admin)
            )
        }
        Change::SchemaOwner { schema, to, .. } => format!(
            "ALTER SCHEMA {} OWNER TO {};",
            quote_ident(schema),
            quote_role(to)
        ),
        Change::RelationOwner {
            schema,
            name,
            relkind,
            to,
            ..
        } => {
            format!(
                "ALTER {} {} OWNER TO {};",
                relkind_keyword(*relkind),
                relation(schema, name),
                quote_role(to)
            )
        }
        Change::Grant {
            object,
            privileges,
            grantee,
        } => {
            let (prefix, on) = object_sql(object);
            format!(
                "{prefix}GRANT {} ON {on} TO {};",
                privileges.join(", "),
                quote_role(grantee)
            )
        }
        Change::Revoke {
            object,
            privileges,
            grantee,
        } => {
            let (prefix, on) = object_sql(object);
            format!(
                "{prefix}REVOKE {} ON {on} FROM {};",
                privileges.join(", "),
                quote_role(grantee)
            )
        }
        Change::SetSetting {
            role, name, value, ..
        } => {
            format!(
                "ALTER ROLE {} SET {name} = {};",
                quote_role(role),
                quote_literal(value)
            )
        }
        Change::ResetSetting { role, name, .. } => {
            format!("ALTER ROLE {} RESET {name};", quote_role(role))
        }
        Change::DropRole { role } => format!("DROP ROLE {};", quote_role(role)),
    }
}

fn object_text(o: &Object) -> String {
    match o {
        Object::Schema { schema } => format!("schema `{schema}`"),
        Object::Relation { schema, name, .. } => format!("`{schema}.{name}`"),
        Object::AllInSchema { schema, sequences } => {
            format!(
                "every {} in schema `{schema}`",
                if *sequences { "sequence" } else { "table" }
            )
        }
        Object::Default {
            for_role,
            schema,
            class,
        } => {
            format!(
                "new {} of `{for_role}` in `{schema}` (default privileges)",
                class.keyword().to_lowercase()
            )
        }
    }
}

/// What differs, in words (for `roles check`).
pub fn describe(change: &Change) -> String {
    match change {
        Change::CreateRole { role, login, .. } => {
            format!(
                "role `{role}` does not exist ({})",
                if *login { "a login user" } else { "NOLOGIN" }
            )
        }
        Change::SetLogin { role, login } => {
            format!(
                "role `{role}` {}",
                if *login {
                    "cannot log in but should"
                } else {
                    "can log in but should not"
                }
            )
        }
        Change::SetConnectionLimit { role, from, to } => {
            format!("role `{role}` has connection limit {from}, not {to}")
        }
        Change::SetPassword {
            role,
            password_from,
        } => {
            format!("role `{role}` has a password other than {password_from}")
        }
        Change::GrantMembership { group, member } => {
            format!("`{member}` is not a member of `{group}`")
        }
        Change::AdminActsAs { role, admin, .. } => {
            format!(
                "dbtool's user `{admin}` cannot act as `{role}`, which it must to hand it objects"
            )
        }
        Change::RevokeMembership { group, member } => {
            format!("`{member}` is a member of `{group}`, not declared")
        }
        Change::SchemaOwner { schema, from, to } => {
            format!("schema `{schema}` is owned by `{from}`, not `{to}`")
        }
        Change::RelationOwner {
            schema,
            name,
            from,
            to,
            ..
        } => {
            format!("`{schema}.{name}` is owned by `{from}`, not `{to}`")
        }
        Change::Grant {
            object,
            privileges,
            grantee,
        } => {
            format!(
                "`{grantee}` lacks {} on {}",
                privileges.join(", "),
                object_text(object)
            )
        }
        Change::Revoke {
            object,
            privileges,
            grantee,
        } => {
            format!(
                "`{grantee}` has {} on {}, not declared",
                privileges.join(", "),
                object_text(object)
            )
        }
        Change::SetSetting {
            role,
            name,
            value,
            from,
        } => match from {
            Some(f) => format!("role `{role}` has {name} = {f}, not {value}"),
            None => format!("role `{role}` has no {name} (want {value})"),
        },
        Change::ResetSetting { role, name, from } => {
            format!("role `{role}` has {name} = {from}, not declared")
        }
        Change::DropRole { role } => format!("role `{role}` is not declared (--prune drops it)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_like_postgres() {
        assert_eq!(quote_ident("readonly"), "readonly");
        assert_eq!(quote_ident("app_2"), "app_2");
        assert_eq!(quote_ident("App"), "\"App\"");
        assert_eq!(quote_ident("user"), "\"user\"");
        assert_eq!(quote_ident("2x"), "\"2x\"");
        assert_eq!(
            quote_ident("a\"; DROP ROLE x; --"),
            "\"a\"\"; DROP ROLE x; --\""
        );
        assert_eq!(quote_ident(""), "\"\"");
        assert_eq!(quote_role("public"), "\"public\"");
        assert_eq!(quote_ident("public"), "public");
        assert_eq!(quote_literal("it's"), "'it''s'");
        assert_eq!(quote_literal("a\\b'"), "E'a\\\\b'''");
    }

    #[test]
    fn passwords_only_when_executing() {
        let c = Change::SetPassword {
            role: "app".into(),
            password_from: "$PW".into(),
        };
        assert_eq!(render(&c, None), "ALTER ROLE app PASSWORD <from $PW>;");
        let secrets = Passwords::from([("app".to_string(), "s3'cret".to_string())]);
        let sent = render(&c, Some(&secrets));
        assert!(
            sent.starts_with("ALTER ROLE app PASSWORD 'SCRAM-SHA-256$4096:"),
            "{sent}"
        );
        // (The whole plaintext: a random base64 verifier may well contain "s3".)
        assert!(
            !sent.contains("s3'cret") && !sent.contains("s3''cret"),
            "the plaintext never leaves dbtool: {sent}"
        );
        assert_eq!(describe(&c), "role `app` has a password other than $PW");
    }
}
