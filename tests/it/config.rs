//! Configuration discovery and errors through the binary, and the example in
//! docs/configuration.md parsed as a whole.

use crate::common::{stderr, stdout, TestEnv};

#[test]
fn unknown_key_names_file_line_and_nearest_key() {
    let env = TestEnv::new();
    env.write("dbtool.toml", "region = \"eu-west-2\"\n\n[environments.prod]\ninstance = \"notifydb\"\nprodution = true\n");
    let out = env.cmd().args(["doctor", "--offline"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("dbtool.toml:5:1: unknown key `prodution`"),
        "{err}"
    );
    assert!(err.contains("hint: did you mean `production`?"), "{err}");
    assert_eq!(stdout(&out), "", "nothing on stdout on error");
}

#[test]
fn bad_type_names_line() {
    let env = TestEnv::new();
    env.write("dbtool.toml", "[environments.prod]\nport = 99999\n");
    let out = env.cmd().args(["doctor", "--offline"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("dbtool.toml:2:8: invalid configuration at `port`"),
        "{err}"
    );
}

#[test]
fn invalid_toml_and_invalid_utf8_are_usage_errors() {
    let env = TestEnv::new();
    env.write("dbtool.toml", "[environments.prod\n");
    let out = env.cmd().args(["doctor", "--offline"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("dbtool.toml:1:"), "{}", stderr(&out));

    std::fs::write(env.work.join("dbtool.toml"), b"region = \"eu\xff\"\n").unwrap();
    let out = env.cmd().args(["doctor", "--offline"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("dbtool.toml:1:13: config file is not valid UTF-8"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn explicit_config_must_exist_and_is_found_from_subdirectories() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["--config", "missing.toml", "doctor", "--offline"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("config file missing.toml does not exist"));

    env.write(
        "dbtool.toml",
        "[environments.staging]\nhost = \"db.internal\"\n",
    );
    std::fs::create_dir_all(env.work.join("a/b")).unwrap();
    let out = env
        .cmd()
        .current_dir(env.work.join("a/b"))
        .args(["doctor", "--offline"])
        .output()
        .unwrap();
    assert!(
        stdout(&out).contains(&format!("{}", env.work.join("dbtool.toml").display())),
        "{}",
        stdout(&out)
    );
}

#[test]
fn user_config_is_the_last_resort() {
    let env = TestEnv::new();
    let user = env.home.join(".config/dbtool/config.toml");
    std::fs::create_dir_all(user.parent().unwrap()).unwrap();
    std::fs::write(&user, "[environments.x]\nhost = \"h\"\n").unwrap();
    let out = env.cmd().args(["doctor", "--offline"]).output().unwrap();
    assert!(
        stdout(&out).contains("config.toml (1 environment(s))"),
        "{}",
        stdout(&out)
    );
}

/// Every ```toml block in docs/configuration.md parses as a whole dbtool.toml.
#[test]
fn documented_examples_parse() {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/configuration.md"
    ))
    .unwrap();
    let mut blocks = 0;
    let mut in_block = false;
    let mut current = String::new();
    for line in doc.lines() {
        if line.trim() == "```toml" {
            in_block = true;
            current.clear();
        } else if in_block && line.trim() == "```" {
            in_block = false;
            blocks += 1;
            if let Err(e) = dbtool::config::parse(&current, "docs/configuration.md") {
                panic!(
                    "example {blocks} does not parse: {} ({:?})\n{current}",
                    e.message, e.hint
                );
            }
        } else if in_block {
            current.push_str(line);
            current.push('\n');
        }
    }
    assert!(blocks >= 1, "no toml examples found");
}

/// Every key of every config section appears in docs/configuration.md.
#[test]
fn every_key_is_documented() {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/configuration.md"
    ))
    .unwrap();
    let full = dbtool::config::Config {
        default_environment: Some("x".into()),
        region: Some("r".into()),
        ca_bundle: Some("c".into()),
        ..Default::default()
    };
    let mut keys: Vec<String> = Vec::new();
    let collect = |v: &toml::Value, keys: &mut Vec<String>| {
        if let toml::Value::Table(t) = v {
            keys.extend(t.keys().cloned());
        }
    };
    collect(&toml::Value::try_from(&full).unwrap(), &mut keys);
    let env = dbtool::config::Environment {
        port: Some(1),
        ..Default::default()
    };
    collect(&toml::Value::try_from(&env).unwrap(), &mut keys);
    collect(
        &toml::Value::try_from(dbtool::config::RoleConfig::default()).unwrap(),
        &mut keys,
    );
    collect(
        &toml::Value::try_from(dbtool::config::MigrateConfig::default()).unwrap(),
        &mut keys,
    );
    collect(
        &toml::Value::try_from(dbtool::config::DumpPreset::default()).unwrap(),
        &mut keys,
    );
    collect(
        &toml::Value::try_from(dbtool::config::RestoreConfig::default()).unwrap(),
        &mut keys,
    );
    collect(
        &toml::Value::try_from(dbtool::config::CnameConfig::default()).unwrap(),
        &mut keys,
    );
    collect(
        &toml::Value::try_from(dbtool::config::SandboxConfig::default()).unwrap(),
        &mut keys,
    );
    // Option fields that are None are skipped by the serializer: list them by name.
    for k in [
        "instance",
        "host",
        "database",
        "url",
        "auth",
        "sslmode",
        "sslrootcert",
        "confirm",
        "lint",
        "client",
        "cname",
        "restore",
        "user",
        "profile",
        "role_arn",
        "source_profile",
        "external_id",
        "duration",
        "mfa_serial",
        "password_env",
        "locations",
        "schemas",
        "default_schema",
        "table",
        "placeholder_replacement",
        "baseline_on_migrate",
        "baseline_version",
        "baseline_description",
        "out_of_order",
        "validate_on_migrate",
        "clean_disabled",
        "target",
        "mixed",
        "group",
        "installed_by",
        "lock_timeout",
        "secret_placeholders",
        "lock_retries",
        "lock_wait",
        "validate_migration_naming",
        "source",
        "tz",
        "poll_interval",
        "dir",
        "port",
    ] {
        keys.push(k.to_string());
    }
    for k in keys {
        assert!(
            doc.contains(&format!("`{k}`")),
            "docs/configuration.md does not document `{k}`"
        );
    }
}

/// Empty strings where emptiness means nothing (schema and table names,
/// locations, placeholder names, preset patterns, zone and record, role and
/// environment names…) are configuration errors at load, naming the file,
/// line, column and key; nothing runs.
#[test]
fn empty_values_are_errors_naming_key_and_line() {
    let env = TestEnv::new();
    for (text, at, key) in [
        (
            "[migrate]\nschemas = [\"\"]\n",
            "dbtool.toml:2:12",
            "migrate.schemas",
        ),
        (
            "[migrate]\nschemas = []\n",
            "dbtool.toml:2:11",
            "migrate.schemas",
        ),
        (
            "[migrate]\ntable = \"\"\n",
            "dbtool.toml:2:9",
            "migrate.table",
        ),
        (
            "[migrate]\nlocations = [\"m\", \" \"]\n",
            "dbtool.toml:2:19",
            "migrate.locations",
        ),
        (
            "[migrate.placeholders]\n\"\" = \"x\"\n",
            "dbtool.toml:2:1",
            "migrate.placeholders",
        ),
        (
            "[environments.prod.migrate]\ndefault_schema = \"\"\n",
            "dbtool.toml:2:18",
            "environments.prod.migrate.default_schema",
        ),
        (
            "[environments.prod.cname]\nzone = \"example.internal\"\nrecord = \"\"\n",
            "dbtool.toml:3:10",
            "environments.prod.cname.record",
        ),
        (
            "[environments.prod.roles.\"\"]\nuser = \"app\"\n",
            "dbtool.toml:1:26",
            "environments.prod.roles",
        ),
        (
            "[environments.prod.roles.readonly]\nuser = \"\"\n",
            "dbtool.toml:2:8",
            "environments.prod.roles.readonly.user",
        ),
        (
            "[dump.presets.small]\nexclude_table_data = [\"audit.*\", \"\"]\n",
            "dbtool.toml:2:34",
            "dump.presets.small.exclude_table_data",
        ),
        ("region = \"\"\n", "dbtool.toml:1:10", "region"),
        (
            "[environments.\"\"]\nhost = \"h\"\n",
            "dbtool.toml:1:15",
            "environments",
        ),
        ("[sandbox]\nport = 0\n", "dbtool.toml:2:8", "sandbox.port"),
        (
            "[environments.prod.restore]\npoll_interval = \"0s\"\n",
            "dbtool.toml:2:17",
            "environments.prod.restore.poll_interval",
        ),
    ] {
        env.write("dbtool.toml", text);
        let out = env.cmd().args(["doctor", "--offline"]).output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{text}: {err}");
        assert!(err.contains(&format!("error: {at}: ")), "{text}: {err}");
        assert!(err.contains(&format!("`{key}`")), "{text}: {err}");
        assert!(err.contains("hint: "), "{text}: {err}");
        assert_eq!(stdout(&out), "", "{text}");
    }
    // Placeholder values may be empty: that is a value, not a name.
    env.write("dbtool.toml", "[migrate.placeholders]\nsuffix = \"\"\n");
    let out = env.cmd().args(["doctor", "--offline"]).output().unwrap();
    assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
}
