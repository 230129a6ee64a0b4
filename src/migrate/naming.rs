//! Flyway file naming: `V<version>__<desc>.sql`, `U…`, `B…`, `R__<desc>.sql`
//! and SQL callbacks (`beforeMigrate.sql`, `afterEachMigrate__x.sql`, …).
//! Pure; touches no external system.

use super::version::Version;

/// What a migration file is, from its prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// `V`: applied once, in version order.
    Versioned,
    /// `U`: reverts the versioned migration of the same version (`undo`).
    Undo,
    /// `B`: baseline migration, applied instead of every lower version on an empty database.
    Baseline,
    /// `R`: applied again whenever its checksum changes, after versioned ones.
    Repeatable,
}

impl Kind {
    /// The category shown by `info`.
    pub fn category(self) -> &'static str {
        match self {
            Kind::Versioned | Kind::Baseline => "Versioned",
            Kind::Undo => "Undo",
            Kind::Repeatable => "Repeatable",
        }
    }

    /// The `type` written to the history table.
    pub fn history_type(self) -> &'static str {
        match self {
            Kind::Versioned | Kind::Repeatable => "SQL",
            Kind::Undo => "UNDO_SQL",
            Kind::Baseline => "SQL_BASELINE",
        }
    }
}

/// Every SQL callback event Flyway recognises (the file name before `.sql` or `__`).
pub const CALLBACK_EVENTS: &[&str] = &[
    "beforeMigrate",
    "beforeEachMigrate",
    "beforeEachMigrateStatement",
    "afterEachMigrateStatement",
    "afterEachMigrateStatementError",
    "afterEachMigrate",
    "afterEachMigrateError",
    "afterMigrate",
    "afterMigrateApplied",
    "afterVersioned",
    "afterMigrateError",
    "beforeUndo",
    "beforeEachUndo",
    "beforeEachUndoStatement",
    "afterEachUndoStatement",
    "afterEachUndoStatementError",
    "afterEachUndo",
    "afterEachUndoError",
    "afterUndo",
    "afterUndoError",
    "beforeClean",
    "afterClean",
    "afterCleanError",
    "beforeInfo",
    "afterInfo",
    "afterInfoError",
    "beforeValidate",
    "afterValidate",
    "afterValidateError",
    "beforeBaseline",
    "afterBaseline",
    "afterBaselineError",
    "beforeRepair",
    "afterRepair",
    "afterRepairError",
    "createSchema",
    "beforeConnect",
    "afterConnect",
];

/// What a file name means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    Migration {
        kind: Kind,
        version: Option<Version>,
        description: String,
    },
    Callback {
        event: &'static str,
        description: String,
    },
}

/// Why a `.sql` file name is not a migration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamingError {
    pub reason: String,
}

/// What a near-miss suffix (`V1__x.SQL`, `V1__x.sql `, `V1__x.sql~`) is told.
pub const SUFFIX_REASON: &str = "not a migration: suffix must be .sql";

/// Whether a name that does not end in `.sql` was meant to be a migration
/// or callback: `.sql` in another case or followed by something (other than
/// the `.sql.conf` of a script), or a migration-shaped name
/// (`V1__…`, `R__…`, `beforeMigrate…`) with another suffix.
fn near_miss(name: &str) -> bool {
    let lower = name.to_lowercase();
    if lower.ends_with(".sql.conf") {
        return false;
    }
    let mut from = 0;
    while let Some(i) = lower[from..].find(".sql") {
        let after = &lower[from + i + 4..];
        if after.is_empty()
            || after.starts_with(|c: char| c.is_whitespace() || c == '~' || c == '.')
        {
            return true;
        }
        from += i + 4;
    }
    migration_shaped(name)
}

/// `V<version>__…`, `U…`, `B…` (the version starting with a digit), `R__…`,
/// or a callback event name followed by nothing, `.` or `__`.
fn migration_shaped(name: &str) -> bool {
    let mut chars = name.chars();
    if let Some(c @ ('V' | 'U' | 'B' | 'R')) = chars.next() {
        let rest = chars.as_str();
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '_' || c == '.'))
            .unwrap_or(rest.len());
        return match rest[..end].find("__") {
            Some(sep) => {
                let version = &rest[..sep];
                if c == 'R' {
                    version.is_empty()
                } else {
                    version.starts_with(|c: char| c.is_ascii_digit())
                }
            }
            None => false,
        };
    }
    CALLBACK_EVENTS.iter().any(|e| {
        name.strip_prefix(e)
            .is_some_and(|r| r.is_empty() || r.starts_with('.') || r.starts_with("__"))
    })
}

/// Parses a file name (not a path). `Ok(None)` for files that are not SQL at
/// all (`README.md`, `*.sql.conf`); `Err` for `.sql` files that break the
/// rules, and for near misses of the suffix (see [`SUFFIX_REASON`]).
pub fn parse_file_name(name: &str) -> Result<Option<Parsed>, NamingError> {
    let Some(stem) = name.strip_suffix(".sql") else {
        if near_miss(name) {
            return Err(NamingError {
                reason: SUFFIX_REASON.into(),
            });
        }
        return Ok(None);
    };
    for event in CALLBACK_EVENTS {
        if let Some(rest) = stem.strip_prefix(event) {
            if rest.is_empty() {
                return Ok(Some(Parsed::Callback {
                    event,
                    description: String::new(),
                }));
            }
            if let Some(desc) = rest.strip_prefix("__") {
                return Ok(Some(Parsed::Callback {
                    event,
                    description: desc.replace('_', " "),
                }));
            }
        }
    }
    let (kind, rest) = match stem.chars().next() {
        Some('V') => (Kind::Versioned, &stem[1..]),
        Some('U') => (Kind::Undo, &stem[1..]),
        Some('B') => (Kind::Baseline, &stem[1..]),
        Some('R') => (Kind::Repeatable, &stem[1..]),
        _ => return Err(NamingError {
            reason:
                "the name must start with V, U, B or R (or be a callback such as beforeMigrate.sql)"
                    .into(),
        }),
    };
    let Some(sep) = rest.find("__") else {
        return Err(NamingError {
            reason: format!(
                "no `__` separator (expected e.g. {}1__description.sql)",
                &stem[..1]
            ),
        });
    };
    let (ver, desc) = (&rest[..sep], &rest[sep + 2..]);
    let description = desc.replace('_', " ");
    if kind == Kind::Repeatable {
        if !ver.is_empty() {
            return Err(NamingError {
                reason: "a repeatable migration has no version (R__description.sql)".into(),
            });
        }
        if description.trim().is_empty() {
            return Err(NamingError {
                reason: "a repeatable migration needs a description".into(),
            });
        }
        return Ok(Some(Parsed::Migration {
            kind,
            version: None,
            description,
        }));
    }
    let version = Version::parse(ver).map_err(|reason| NamingError { reason })?;
    Ok(Some(Parsed::Migration {
        kind,
        version: Some(version),
        description,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mig(name: &str) -> (Kind, Option<String>, String) {
        match parse_file_name(name).unwrap().unwrap() {
            Parsed::Migration {
                kind,
                version,
                description,
            } => (kind, version.map(|v| v.as_str().to_string()), description),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn prefixes_versions_and_descriptions() {
        assert_eq!(
            mig("V1_2__add_users.sql"),
            (Kind::Versioned, Some("1.2".into()), "add users".into())
        );
        assert_eq!(
            mig("V000001__init.sql"),
            (Kind::Versioned, Some("000001".into()), "init".into())
        );
        assert_eq!(
            mig("U3__drop.sql"),
            (Kind::Undo, Some("3".into()), "drop".into())
        );
        assert_eq!(
            mig("B5__base.sql"),
            (Kind::Baseline, Some("5".into()), "base".into())
        );
        assert_eq!(
            mig("R__views.sql"),
            (Kind::Repeatable, None, "views".into())
        );
        assert_eq!(
            mig("V202401011200001__big.sql").1,
            Some("202401011200001".into())
        );
    }

    #[test]
    fn spaces_and_double_suffix() {
        assert_eq!(mig("V2__add users table.sql").2, "add users table");
        assert_eq!(mig("V3__x.sql.sql").2, "x.sql");
        assert_eq!(mig("V4__.sql").2, "");
    }

    #[test]
    fn callbacks() {
        assert_eq!(
            parse_file_name("beforeMigrate.sql").unwrap(),
            Some(Parsed::Callback {
                event: "beforeMigrate",
                description: String::new()
            })
        );
        assert_eq!(
            parse_file_name("afterEachMigrate__log_it.sql").unwrap(),
            Some(Parsed::Callback {
                event: "afterEachMigrate",
                description: "log it".into()
            })
        );
        // The longest event wins: beforeEachMigrate is not beforeMigrate.
        assert!(matches!(
            parse_file_name("beforeEachMigrate.sql").unwrap(),
            Some(Parsed::Callback {
                event: "beforeEachMigrate",
                ..
            })
        ));
    }

    #[test]
    fn non_sql_files_are_not_migrations_and_bad_names_are_errors() {
        assert_eq!(parse_file_name("README.md").unwrap(), None);
        assert_eq!(parse_file_name("V1__a.sql.conf").unwrap(), None);
        assert!(parse_file_name("v1__lower.sql").is_err());
        assert!(parse_file_name("V1_no_separator.sql").is_err());
        assert!(parse_file_name("V1a__x.sql").is_err());
        assert!(parse_file_name("R1__x.sql").is_err());
        assert!(parse_file_name("init.sql").is_err());
    }

    #[test]
    fn near_miss_suffixes_are_errors_not_silence() {
        for name in [
            "V1__x.SQL",
            "V1__x.Sql",
            "R__views.SQL",
            "V1__x.sql ",
            "V1__x.sql~",
            "V1__x.sql.bak",
            "V2__add_users.txt",
            "V2_1__x",
            "R__views.psql",
            "beforeMigrate.SQL",
            "afterMigrate__x.sq",
            "init.SQL",
        ] {
            assert_eq!(
                parse_file_name(name),
                Err(NamingError {
                    reason: SUFFIX_REASON.into()
                }),
                "{name}"
            );
        }
        for name in [
            "README.md",
            "V1__a.sql.conf",
            "notes.txt",
            "data.sqlite",
            "Vendor.md",
            "R1__x.txt",
            "U__x.txt",
            ".gitkeep",
        ] {
            assert_eq!(parse_file_name(name), Ok(None), "{name}");
        }
    }

    /// Property tests of file-name parsing (default 256 cases; a longer run:
    /// `PROPTEST_CASES=100000 cargo test --lib migrate::naming::tests::prop`).
    mod prop {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn prop_parse_never_panics(name in "\\PC{0,40}") {
                let _ = parse_file_name(&name);
            }

            #[test]
            fn prop_parse_never_panics_on_name_like_noise(
                name in "[VURBvub]?[0-9_.]{0,6}_{0,3}[a-zA-Z _.~-]{0,10}(\\.sql|\\.SQL|\\.sql\\.conf|\\.sq|)",
            ) {
                match parse_file_name(&name) {
                    Ok(None) => prop_assert!(!name.ends_with(".sql")),
                    Ok(Some(_)) => prop_assert!(name.ends_with(".sql")),
                    Err(e) => prop_assert!(!e.reason.is_empty()),
                }
            }

            #[test]
            fn prop_valid_names_round_trip(
                prefix in proptest::sample::select(vec!['V', 'U', 'B', 'R']),
                parts in proptest::collection::vec("[0-9]{1,5}", 1..4),
                seps in proptest::collection::vec(proptest::sample::select(vec!['.', '_']), 3),
                desc in "[a-zA-Z0-9][a-zA-Z0-9 _]{0,15}",
            ) {
                let mut version = parts[0].clone();
                for (p, s) in parts[1..].iter().zip(&seps) {
                    version.push(*s);
                    version.push_str(p);
                }
                let name = if prefix == 'R' {
                    format!("R__{desc}.sql")
                } else {
                    format!("{prefix}{version}__{desc}.sql")
                };
                let parsed = parse_file_name(&name);
                let (kind, v, d) = match parsed {
                    Ok(Some(Parsed::Migration { kind, version, description })) => (kind, version, description),
                    other => return Err(TestCaseError::fail(format!("{name}: {other:?}"))),
                };
                let want_kind = match prefix {
                    'V' => Kind::Versioned,
                    'U' => Kind::Undo,
                    'B' => Kind::Baseline,
                    _ => Kind::Repeatable,
                };
                prop_assert_eq!(kind, want_kind);
                prop_assert_eq!(d, desc.replace('_', " "));
                if prefix == 'R' {
                    prop_assert!(v.is_none());
                } else {
                    let v = v.unwrap();
                    prop_assert_eq!(v.as_str(), version.replace('_', "."));
                    prop_assert_eq!(&v, &Version::parse(&parts.join(".")).unwrap());
                }
                // Near misses of the same name are reported, never taken or skipped.
                for bad in [name.replace(".sql", ".SQL"), format!("{name} "), format!("{name}~")] {
                    prop_assert_eq!(parse_file_name(&bad), Err(NamingError { reason: SUFFIX_REASON.into() }));
                }
            }
        }
    }
}
