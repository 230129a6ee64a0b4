//! Target planning, with the environment passed in: these pass whatever the
//! developer's shell exports.

use super::*;
use crate::access::{Intent, ToolUrl};

fn cfg(text: &str) -> Config {
    crate::config::parse(text, "t.toml").unwrap()
}

fn req(target: Option<&str>) -> Request {
    let mut r = Request::new(Intent::Read, Role::Readonly);
    r.target = target.map(str::to_string);
    r
}

fn none() -> SandboxState {
    SandboxState::default()
}

fn running() -> SandboxState {
    SandboxState {
        running: Some(
            ConnInfo::from_url("postgresql://dbtool:sbpw@127.0.0.1:5999/postgres").unwrap(),
        ),
        ..Default::default()
    }
}

fn env(pairs: &[(&'static str, &'static str)]) -> Environ {
    Environ::from_pairs(pairs.iter().copied())
}

fn plan_ok(c: Option<&Config>, e: &Environ, sb: &SandboxState, r: &Request) -> Planned {
    match plan(c, e, sb, r) {
        Ok(p) => p,
        Err(err) => panic!("{} ({:?})", err.message, err.hint),
    }
}

fn plan_err(c: Option<&Config>, e: &Environ, sb: &SandboxState, r: &Request) -> UserError {
    plan(c, e, sb, r).expect_err("planning should fail")
}

#[test]
fn target_names_environment_or_database() {
    let c = cfg("[environments.staging]\nhost = \"db.internal\"\ndatabase = \"notifydb\"\nauth = \"password\"\n[environments.staging.roles.readonly]\nuser = \"ro\"\n");
    for t in ["staging", "notifydb"] {
        let p = plan_ok(Some(&c), &env(&[]), &none(), &req(Some(t)));
        assert_eq!(p.environment.as_deref(), Some("staging"));
        assert_eq!(p.conn.host, "db.internal");
        assert_eq!(p.conn.user, "ro");
        assert_eq!(p.conn.dbname, "notifydb");
        assert_eq!(p.origin, Origin::Target);
    }
}

#[test]
fn an_unconfigured_instance_is_looked_up_even_with_a_dbtool_toml() {
    // Behaviour 1: `notifydb-restore` is close to `notifydb`, but it is an
    // instance identifier: it goes to DescribeDBInstances, with the suggestion
    // kept for the error if the lookup fails.
    let c = cfg("region = \"eu-west-2\"\n[environments.production]\ninstance = \"notifydb\"\ndatabase = \"notify\"\nproduction = true\nprofile = \"prod\"\n\
                 [environments.production.roles.readonly]\nuser = \"ro_user\"\n");
    let p = plan_ok(Some(&c), &env(&[]), &none(), &req(Some("notifydb-restore")));
    assert_eq!(p.kind, Kind::Instance);
    assert_eq!(p.instance.as_deref(), Some("notifydb-restore"));
    assert_eq!(p.auth, AuthMode::Iam);
    assert_eq!(p.suggestion.as_deref(), Some("notifydb"));
    assert_eq!(p.aws.region.as_deref(), Some("eu-west-2"));
    assert!(
        p.borrowed_from.is_none(),
        "no environment selected: nothing borrowed"
    );
    // With --env, the instance uses that environment's identity and roles.
    let mut r = req(Some("notifydb-restore"));
    r.env = Some("production".into());
    let p = plan_ok(Some(&c), &env(&[]), &none(), &r);
    assert_eq!(p.borrowed_from.as_deref(), Some("production"));
    assert_eq!(p.aws.profile.as_deref(), Some("prod"));
    assert_eq!(p.conn.user, "ro_user");
    assert_eq!(p.conn.dbname, "notify");
    assert!(
        p.production,
        "a copy in production's account keeps production's caution"
    );
    assert!(p.environment.is_none());
    // A name that cannot be an instance gets did-you-mean at once.
    let e = plan_err(Some(&c), &env(&[]), &none(), &req(Some("notify_db")));
    assert_eq!(e.message, "unknown target `notify_db`");
}

#[test]
fn rds_urls_get_an_iam_token_and_tls() {
    // Behaviour 2.
    let e = env(&[]);
    let mut r = req(None);
    r.url = Some(
        "postgresql://app_user@notifydb-restore.abc.eu-west-2.rds.amazonaws.com/notify".into(),
    );
    let p = plan_ok(None, &e, &none(), &r);
    assert_eq!(p.auth, AuthMode::Iam);
    assert_eq!(p.password, PasswordSource::IamToken);
    assert_eq!(p.conn.sslmode, SslMode::Require);
    assert_eq!(p.conn.user, "app_user");
    assert_eq!(p.aws.region.as_deref(), Some("eu-west-2"));
    // A CA bundle makes it verify-full; an explicit sslmode stays.
    let c = cfg("ca_bundle = \"/ca.pem\"\n");
    let p = plan_ok(Some(&c), &e, &none(), &r);
    assert_eq!(p.conn.sslmode, SslMode::VerifyFull);
    r.url = Some("postgresql://u:pw@x.abc.eu-west-2.rds.amazonaws.com/d?sslmode=verify-ca".into());
    let p = plan_ok(Some(&c), &e, &none(), &r);
    assert_eq!(p.auth, AuthMode::Password, "a password in the URL is used");
    assert_eq!(p.conn.sslmode, SslMode::VerifyCa);
    // No user in an RDS URL: the role's name, as for a bare RDS host.
    r.url = Some("postgresql://x.abc.eu-west-2.rds.amazonaws.com/d".into());
    assert_eq!(plan_ok(None, &e, &none(), &r).conn.user, "readonly");
}

#[test]
fn libpq_variables_name_the_target_like_psql() {
    // Behaviour 3.
    let e = env(&[
        ("PGHOST", "db.internal"),
        ("PGPORT", "6432"),
        ("PGUSER", "app"),
        ("PGDATABASE", "orders"),
        ("PGPASSWORD", "pw"),
        ("USER", "alice"),
    ]);
    let c = cfg(
        "default_environment = \"staging\"\n[environments.staging]\nhost = \"staging.internal\"\n",
    );
    let p = plan_ok(Some(&c), &e, &running(), &req(None));
    assert_eq!(p.origin, Origin::Libpq);
    assert_eq!((p.conn.host.as_str(), p.conn.port), ("db.internal", 6432));
    assert_eq!(
        (p.conn.user.as_str(), p.conn.dbname.as_str()),
        ("app", "orders")
    );
    assert_eq!(p.conn.password.as_deref(), Some("pw"));
    assert_eq!(p.password, PasswordSource::EnvVar("PGPASSWORD".into()));
    // Anything dbtool-specific wins over them.
    let mut r = req(None);
    r.env = Some("staging".into());
    assert_eq!(
        plan_ok(Some(&c), &e, &none(), &r).conn.host,
        "staging.internal"
    );
    let e2 = env(&[
        ("PGHOST", "db.internal"),
        ("DATABASE_URL", "postgresql://u@elsewhere/x"),
    ]);
    assert_eq!(
        plan_ok(None, &e2, &none(), &req(None)).conn.host,
        "elsewhere"
    );
    // The migrations image: USE_IAM_AUTH=1 with an RDS PGHOST mints a token for PGUSER.
    let e3 = env(&[
        ("PGHOST", "notifydb.abc.eu-west-2.rds.amazonaws.com"),
        ("PGUSER", "migrator"),
        ("PGDATABASE", "notify"),
        ("PGPASSWORD", "stale"),
        ("USE_IAM_AUTH", "1"),
    ]);
    let p = plan_ok(None, &e3, &none(), &req(None));
    assert_eq!(p.auth, AuthMode::Iam);
    assert_eq!(p.conn.user, "migrator");
    assert!(p.conn.password.is_none(), "USE_IAM_AUTH ignores PGPASSWORD");
    assert_eq!(p.conn.sslmode, SslMode::Require);
    // Without USE_IAM_AUTH, PGPASSWORD is taken as given.
    let e4 = env(&[
        ("PGHOST", "notifydb.abc.eu-west-2.rds.amazonaws.com"),
        ("PGPASSWORD", "pw"),
    ]);
    assert_eq!(
        plan_ok(None, &e4, &none(), &req(None)).auth,
        AuthMode::Password
    );
    // Bad values name the variable.
    let bad = env(&[("PGHOST", "h"), ("PGPORT", "sixty")]);
    assert!(plan_err(None, &bad, &none(), &req(None))
        .message
        .contains("PGPORT"));
    let bad = env(&[("PGHOST", "h"), ("PGSSLMODE", "always")]);
    assert!(plan_err(None, &bad, &none(), &req(None))
        .message
        .contains("PGSSLMODE"));
}

#[test]
fn flags_beat_variables_beat_the_file() {
    let c = cfg("default_environment = \"a\"\n[environments.a]\nhost = \"a.internal\"\n[environments.b]\nhost = \"b.internal\"\n");
    let e = env(&[
        ("DBTOOL_DATABASE_URL", "postgresql://u@from-dbtool-url/x"),
        ("DBTOOL_ENV", "b"),
        ("DATABASE_URL", "postgresql://u@from-database-url/x"),
    ]);
    let host = |e: &Environ, r: &Request| plan_ok(Some(&c), e, &none(), r).conn.host;
    let mut r = req(None);
    r.env = Some("a".into());
    assert_eq!(
        host(&e, &r),
        "a.internal",
        "--env beats DBTOOL_DATABASE_URL"
    );
    let mut r = req(None);
    r.url = Some("postgresql://u@flag/x".into());
    assert_eq!(host(&e, &r), "flag");
    assert_eq!(host(&e, &req(None)), "from-dbtool-url");
    let e = env(&[
        ("DBTOOL_ENV", "b"),
        ("DATABASE_URL", "postgresql://u@from-database-url/x"),
    ]);
    assert_eq!(host(&e, &req(None)), "b.internal");
    let e = env(&[("DATABASE_URL", "postgresql://u@from-database-url/x")]);
    assert_eq!(host(&e, &req(None)), "from-database-url");
    // A tool's URL sits between DBTOOL_ENV and DATABASE_URL.
    let mut r = req(None);
    r.tool_url = Some(ToolUrl {
        url: "jdbc:postgresql://flyway-host/db".into(),
        user: Some("fw".into()),
        password: Some("fwpw".into()),
        origin: "FLYWAY_URL".into(),
    });
    let p = plan_ok(Some(&c), &e, &none(), &r);
    assert_eq!(
        (p.conn.host.as_str(), p.conn.user.as_str()),
        ("flyway-host", "fw")
    );
    assert_eq!(p.password, PasswordSource::ToolConfig("FLYWAY_URL".into()));
    assert_eq!(
        host(&env(&[]), &req(None)),
        "a.internal",
        "then default_environment"
    );
    // A TARGET beats everything, even DBTOOL_DATABASE_URL (no conflict error).
    let e = env(&[("DBTOOL_DATABASE_URL", "postgresql://u@x/y")]);
    assert_eq!(host(&e, &req(Some("b"))), "b.internal");
    // TARGET and --env naming different environments is a mistake.
    let mut r = req(Some("b"));
    r.env = Some("a".into());
    assert!(plan_err(Some(&c), &env(&[]), &none(), &r)
        .message
        .contains("--env says `a`"));
}

#[test]
fn dump_load_prefers_the_sandbox_over_default_environment() {
    // Behaviour 5.
    let c = cfg("default_environment = \"a\"\n[environments.a]\nhost = \"a.internal\"\n");
    let mut r = Request::new(Intent::Destroy, Role::Admin);
    r.prefer_sandbox = true;
    let p = plan_ok(Some(&c), &env(&[("PGHOST", "elsewhere")]), &running(), &r);
    assert_eq!(p.kind, Kind::Sandbox);
    assert_eq!(p.origin, Origin::CommandDefault);
    assert!(p.local);
    // A URL variable still names the target (the confirmation then asks).
    let p = plan_ok(
        Some(&c),
        &env(&[("DATABASE_URL", "postgresql://u@h/d")]),
        &running(),
        &r,
    );
    assert_eq!(p.kind, Kind::Url);
    assert!(!p.local);
}

#[test]
fn services_are_read_only_when_named() {
    // Behaviour 6: an inherited PGSERVICE is ignored (with a warning); a named one is read.
    let e = env(&[("PGSERVICE", "other"), ("USER", "me")])
        .with_service_file("/home/me/.pg_service.conf", "[prod]\nhost=prod.internal\nport=6000\ndbname=app\nuser=svc\npassword=svcpw\nconnect_timeout=5\n[other]\nhost=evil\n");
    let p = plan_ok(None, &e, &running(), &req(None));
    assert_eq!(p.kind, Kind::Sandbox);
    assert!(
        p.warnings.iter().any(|w| w.contains("PGSERVICE")),
        "{:?}",
        p.warnings
    );
    for p in [
        plan_ok(None, &e, &none(), &req(Some("service:prod"))),
        plan_ok(None, &e, &none(), &{
            let mut r = req(None);
            r.url = Some("service=prod".into());
            r
        }),
    ] {
        assert_eq!(p.kind, Kind::Service);
        assert_eq!((p.conn.host.as_str(), p.conn.port), ("prod.internal", 6000));
        assert_eq!(
            (p.conn.user.as_str(), p.conn.dbname.as_str()),
            ("svc", "app")
        );
        assert_eq!(
            p.password,
            PasswordSource::ServiceFile("/home/me/.pg_service.conf".into())
        );
        assert!(
            p.warnings.iter().any(|w| w.contains("connect_timeout")),
            "{:?}",
            p.warnings
        );
    }
    let err = plan_err(None, &e, &none(), &req(Some("service:prd")));
    assert_eq!(err.hint.as_deref(), Some("did you mean `prod`?"));
    // Keywords beside service= win, as in libpq.
    let mut r = req(None);
    r.url = Some("service=prod dbname=other".into());
    assert_eq!(plan_ok(None, &e, &none(), &r).conn.dbname, "other");
}

#[test]
fn jdbc_urls_keep_their_meaning() {
    // Behaviour 7.
    let mut r = req(None);
    r.url = Some("jdbc:postgresql://db.internal:5432/app?currentSchema=sales&ssl=true&user=fw&password=pw&socketTimeout=30".into());
    let p = plan_ok(None, &env(&[]), &none(), &r);
    assert_eq!(p.current_schema.as_deref(), Some("sales"));
    assert_eq!(p.conn.sslmode, SslMode::VerifyFull);
    assert_eq!(p.conn.user, "fw");
    assert_eq!(p.password, PasswordSource::Url);
    assert_eq!(p.warnings.len(), 1, "{:?}", p.warnings);
    assert!(
        p.warnings[0].contains("`socketTimeout`"),
        "{:?}",
        p.warnings
    );
}

#[test]
fn the_local_user_never_is_empty_and_env_does_not_leak() {
    // Behaviour 9: no USER → the planner says so (the password database or
    // the AWS identity fills it in later), never "".
    let p = plan_ok(None, &env(&[]), &running(), &req(None));
    assert!(p.local_user.is_none());
    let mut r = req(None);
    r.url = Some("postgresql://h/db".into());
    let p = plan_ok(None, &env(&[]), &none(), &r);
    assert!(!p.conn.user.is_empty());
    let p = plan_ok(None, &env(&[("USER", "bob")]), &none(), &r);
    assert_eq!(p.conn.user, "bob", "libpq's default user is the local one");
}

#[test]
fn unknown_target_suggests() {
    let c = cfg("[environments.staging]\nhost = \"db\"\n");
    let p = plan_ok(Some(&c), &env(&[]), &none(), &req(Some("stagin")));
    assert_eq!(
        p.kind,
        Kind::Instance,
        "could be an instance: finish decides"
    );
    assert_eq!(p.suggestion.as_deref(), Some("staging"));
    let e = plan_err(Some(&c), &env(&[]), &none(), &req(Some("stag_ing")));
    assert_eq!(e.hint.as_deref(), Some("did you mean `staging`?"));
    assert!(plan_err(Some(&c), &env(&[]), &none(), &req(Some(" ")))
        .message
        .contains("empty"));
}

#[test]
fn no_config_no_target_means_sandbox() {
    let err = plan_err(None, &env(&[]), &none(), &req(None));
    assert!(
        err.message.contains("sandbox is not running"),
        "{}",
        err.message
    );
    let p = plan_ok(None, &env(&[]), &running(), &req(None));
    assert_eq!(p.origin, Origin::Default);
    assert_eq!(p.password, PasswordSource::Sandbox);
}

#[test]
fn iam_environment_resolves_aws_identity_and_tls() {
    let c = cfg("region = \"eu-west-2\"\nca_bundle = \"/ca.pem\"\n[environments.prod]\ninstance = \"notifydb\"\ndatabase = \"notify\"\nauth = \"iam\"\nproduction = true\n\
                 [environments.prod.roles.write]\nuser = \"writer\"\nrole_arn = \"arn:aws:iam::1:role/w\"\nsource_profile = \"base\"\nmfa_serial = \"arn:aws:iam::1:mfa/me\"\n");
    let mut r = req(Some("prod"));
    r.role = Some(Role::Write);
    let p = plan_ok(Some(&c), &env(&[("PGPASSWORD", "ignored")]), &none(), &r);
    assert_eq!(p.auth, AuthMode::Iam);
    assert_eq!(p.instance.as_deref(), Some("notifydb"));
    assert_eq!(p.conn.user, "writer");
    assert_eq!(p.conn.sslmode, SslMode::VerifyFull);
    assert_eq!(p.aws.region.as_deref(), Some("eu-west-2"));
    assert_eq!(p.aws.role_arn.as_deref(), Some("arn:aws:iam::1:role/w"));
    assert_eq!(p.aws.mfa_serial.as_deref(), Some("arn:aws:iam::1:mfa/me"));
    assert!(p.production);
    assert!(p.conn.password.is_none());
}

#[test]
fn rds_host_targets() {
    let p = plan_ok(
        None,
        &env(&[]),
        &none(),
        &req(Some("db.uid.eu-west-2.rds.amazonaws.com")),
    );
    assert_eq!(p.aws.region.as_deref(), Some("eu-west-2"));
    assert_eq!(p.conn.user, "readonly");
    assert_eq!(p.conn.port, 5432);
    assert_eq!(p.auth, AuthMode::Iam);
    assert!(
        plan_err(None, &env(&[]), &none(), &req(Some("db.example:0")))
            .message
            .contains("bad port")
    );
    assert!(
        plan_err(None, &env(&[]), &none(), &req(Some("db.example:99999")))
            .message
            .contains("bad port")
    );
    assert!(is_instance_identifier("a1-b2"));
    assert!(!is_instance_identifier("1abc"));
    assert!(!is_instance_identifier("a--b"));
}

#[test]
fn a_role_user_does_not_inherit_the_url_password() {
    let c = cfg("[environments.ci]\nurl = \"postgresql://app:app-secret@h/db\"\n[environments.ci.roles.readonly]\nuser = \"ro\"\n[environments.ci.roles.write]\nuser = \"app\"\n");
    let p = plan_ok(Some(&c), &env(&[]), &none(), &req(Some("ci")));
    assert_eq!(p.conn.user, "ro");
    assert_ne!(p.conn.password.as_deref(), Some("app-secret"));
    let mut r = req(Some("ci"));
    r.role = Some(Role::Write);
    let p = plan_ok(Some(&c), &env(&[]), &none(), &r);
    assert_eq!(
        p.conn.password.as_deref(),
        Some("app-secret"),
        "same user keeps the URL's password"
    );
}

#[test]
fn passwords_come_from_pgpass_for_password_targets() {
    let c =
        cfg("[environments.ci]\nhost = \"db.example\"\ndatabase = \"app\"\nauth = \"password\"\n");
    let e = env(&[]).with_pgpass("db.example:5432:app:readonly:from-pgpass\n");
    let p = plan_ok(Some(&c), &e, &none(), &req(Some("ci")));
    assert_eq!(p.conn.password.as_deref(), Some("from-pgpass"));
    assert!(matches!(p.password, PasswordSource::PasswordFile(_)));
    // --user drops a password that belonged to the role's user.
    let mut r = req(Some("ci"));
    r.user = Some("other".into());
    let p = plan_ok(Some(&c), &e, &none(), &r);
    assert_eq!(p.conn.user, "other");
    assert!(p.conn.password.is_none());
}

#[test]
fn unknown_roles_need_configuration() {
    let mut r = req(Some("db.example"));
    r.role = Some(Role::parse("wirte").unwrap());
    let e = plan_err(None, &env(&[]), &none(), &r);
    assert_eq!(e.message, "unknown role `wirte`");
    assert!(e
        .hint
        .as_deref()
        .unwrap()
        .starts_with("did you mean `write`?"));
    let c = cfg("[environments.a]\nhost = \"h\"\n[environments.a.roles.analyst]\nuser = \"an\"\n");
    let mut r = req(Some("a"));
    r.role = Some(Role::parse("analyst").unwrap());
    assert_eq!(plan_ok(Some(&c), &env(&[]), &none(), &r).conn.user, "an");
}

#[test]
fn url_and_target_conflict() {
    let mut r = req(Some("x.y"));
    r.url = Some("postgresql://h/d".into());
    assert!(plan(None, &env(&[]), &none(), &r).is_err());
}

#[test]
fn several_environments_need_a_choice() {
    let c = cfg("[environments.a]\nhost=\"h\"\n[environments.b]\nhost=\"h\"\n");
    let err = plan_err(Some(&c), &env(&[]), &none(), &req(None));
    assert!(err.hint.as_deref().unwrap().contains("a, b"));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// Any TARGET, URL or variable value: an answer or a usage error, never a panic.
        #[test]
        fn planning_never_panics(target in "\\PC{0,40}", url in "\\PC{0,40}", port in "\\PC{0,8}") {
            let c = cfg("[environments.a]\nhost=\"h\"\n");
            let e = Environ::from_pairs([("PGHOST", "h"), ("PGPORT", port.as_str())]);
            let _ = plan(Some(&c), &e, &none(), &req(Some(&target)));
            let mut r = req(None);
            r.url = Some(url.clone());
            let _ = plan(Some(&c), &e, &none(), &r);
            let _ = plan(None, &e, &none(), &req(None));
        }
    }
}

#[test]
fn environment_of_ignores_roles_and_passwords() {
    // migrate asks which environment first: an environment without the
    // default role, or with an unset password variable, still answers.
    let c = cfg("[environments.ci]\nurl = \"postgresql://h/db\"\n[environments.ci.roles.app]\nuser = \"app\"\npassword_env = \"UNSET_PW\"\n");
    let r = req(Some("ci"));
    assert_eq!(
        environment_of(Some(&c), &env(&[]), &none(), &r)
            .unwrap()
            .as_deref(),
        Some("ci")
    );
    assert!(plan(Some(&c), &env(&[]), &none(), &r)
        .unwrap_err()
        .message
        .contains("has no role `readonly`"));
    let bad = env(&[("PGHOST", "h"), ("PGPORT", "0")]);
    assert!(plan_err(None, &bad, &none(), &req(None))
        .message
        .contains("PGPORT"));
    assert!(plan_err(None, &env(&[]), &none(), &req(Some(":5432")))
        .message
        .contains("no host"));
}

#[test]
fn user_flag_drops_the_roles_sourced_credentials() {
    let c = cfg("[environments.stage]\nhost = \"db.example\"\nauth = \"password\"\n[environments.stage.roles.readonly]\nuser = { env = \"RO_USER\" }\npassword = { env = \"RO_PW\" }\n");
    let e = env(&[("RO_USER", "svc"), ("RO_PW", "rolepw")]);
    let mut r = req(Some("stage"));
    r.user = Some("alice".into());
    let p = plan_ok(Some(&c), &e, &none(), &r);
    assert_eq!(p.conn.user, "alice");
    assert!(
        p.pending.is_empty(),
        "the role's sourced user and password are not used for alice"
    );
    assert_ne!(p.conn.password.as_deref(), Some("rolepw"));
    // Without --user, the sourced user is labelled, never shown.
    let p = plan_ok(Some(&c), &e, &none(), &req(Some("stage")));
    assert_eq!(p.conn.shown_user(), "<from env:RO_USER>");
}

#[test]
fn sessions_ask_on_confirm_environments_and_production_roles() {
    use crate::access::policy::confirmation;
    let c = cfg("[environments.stage]\nhost = \"s\"\nconfirm = true\n[environments.prod]\nhost = \"p\"\nproduction = true\n[environments.prod.roles.owner]\nuser = \"postgres\"\n");
    let mut r = Request::new(Intent::Session, Role::Write).with_target("stage");
    let p = plan_ok(Some(&c), &env(&[]), &none(), &r);
    assert!(confirmation(&p, Intent::Session).is_some());
    r = Request::new(Intent::Session, Role::Readonly).with_target("stage");
    let p = plan_ok(Some(&c), &env(&[]), &none(), &r);
    assert!(confirmation(&p, Intent::Session).is_none());
    let mut r = Request::new(Intent::Session, Role::Readonly).with_target("prod");
    r.role = Some(Role::parse("owner").unwrap());
    let p = plan_ok(Some(&c), &env(&[]), &none(), &r);
    assert!(confirmation(&p, Intent::Session).is_some());
    // IPv6 and bad host names.
    let p = plan_ok(None, &env(&[]), &none(), &req(Some("[::1]:5433")));
    assert_eq!((p.conn.host.as_str(), p.conn.port), ("::1", 5433));
    assert!(
        plan_err(None, &env(&[]), &none(), &req(Some("db exa mple.com")))
            .message
            .contains("not a valid host")
    );
}
