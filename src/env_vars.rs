//! Every environment variable dbtool reads, as a documented constant. clap's
//! `env =` attributes, every read (through `access::Environ`) and the table in
//! docs/configuration.md come from here; a test keeps the docs in step.
//! Touches nothing.

/// One variable: its name, what it does, and where it is read.
pub struct EnvVar {
    pub name: &'static str,
    pub doc: &'static str,
}

macro_rules! env_vars {
    ($($(#[doc = $doc:literal])+ $id:ident = $name:literal;)+) => {
        $( $(#[doc = $doc])+ pub const $id: &str = $name; )+
        /// All of them, in documentation order.
        pub const ALL: &[EnvVar] = &[ $( EnvVar { name: $name, doc: concat!($($doc),+) } ),+ ];
    };
}

env_vars! {
    /// Configuration file to read instead of ./dbtool.toml (as `--config`).
    DBTOOL_CONFIG = "DBTOOL_CONFIG";
    /// Configured environment to use (as `--env`; the flag wins).
    DBTOOL_ENV = "DBTOOL_ENV";
    /// Connection URL of the target (as `--url`; the flag, a TARGET and `--env` win).
    DBTOOL_DATABASE_URL = "DBTOOL_DATABASE_URL";
    /// Connection URL of the target when nothing dbtool-specific names one.
    DATABASE_URL = "DATABASE_URL";
    /// Format of data on stdout: `text` or `json` (as `--output-format`).
    DBTOOL_OUTPUT_FORMAT = "DBTOOL_OUTPUT_FORMAT";
    /// MFA code for assuming a role (as `--mfa-code`).
    DBTOOL_MFA_CODE = "DBTOOL_MFA_CODE";
    /// Directory of the local sandbox cluster (before `[sandbox] dir`).
    DBTOOL_SANDBOX_DIR = "DBTOOL_SANDBOX_DIR";
    /// Directory holding PostgreSQL's programs (psql, pg_dump, initdb…), searched before PATH.
    DBTOOL_PG_BIN = "DBTOOL_PG_BIN";
    /// Path of psql instead of looking it up.
    DBTOOL_PSQL = "DBTOOL_PSQL";
    /// Path of pgcli instead of looking it up.
    DBTOOL_PGCLI = "DBTOOL_PGCLI";
    /// Path of pg_dump instead of looking it up.
    DBTOOL_PG_DUMP = "DBTOOL_PG_DUMP";
    /// Path of pg_restore instead of looking it up.
    DBTOOL_PG_RESTORE = "DBTOOL_PG_RESTORE";
    /// Path of initdb instead of looking it up.
    DBTOOL_INITDB = "DBTOOL_INITDB";
    /// Path of pg_ctl instead of looking it up.
    DBTOOL_PG_CTL = "DBTOOL_PG_CTL";
    /// Never prompt, as if there were no terminal (tests, scripts).
    DBTOOL_FORCE_NONINTERACTIVE = "DBTOOL_FORCE_NONINTERACTIVE";
    /// How often waits poll AWS (restore, cname, snapshot, `migrate --snapshot`), e.g. `15s` (as `--poll-interval`).
    DBTOOL_POLL_INTERVAL = "DBTOOL_POLL_INTERVAL";
    /// Tests only, read by debug builds alone: a file holding Unix seconds, the time IAM tokens are signed at (read for each token).
    DBTOOL_TEST_CLOCK_FILE = "DBTOOL_TEST_CLOCK_FILE";
    /// libpq: server host. Names the target when no TARGET, `--url`, `--env`, DBTOOL_* or DATABASE_URL does.
    PGHOST = "PGHOST";
    /// libpq: server port (with PGHOST; default 5432).
    PGPORT = "PGPORT";
    /// libpq: database user (with PGHOST).
    PGUSER = "PGUSER";
    /// libpq: database name (with PGHOST, or for a host or instance TARGET).
    PGDATABASE = "PGDATABASE";
    /// libpq: password (with PGHOST, a host/instance/URL TARGET, or `auth = "password"` environments).
    PGPASSWORD = "PGPASSWORD";
    /// libpq: TLS mode (with PGHOST).
    PGSSLMODE = "PGSSLMODE";
    /// libpq: CA bundle (verify-ca/verify-full), after `sslrootcert`/`ca_bundle` in dbtool.toml.
    PGSSLROOTCERT = "PGSSLROOTCERT";
    /// libpq: password file (default ~/.pgpass), for password targets.
    PGPASSFILE = "PGPASSFILE";
    /// libpq: service file read for `service:NAME` targets (default ~/.pg_service.conf).
    PGSERVICEFILE = "PGSERVICEFILE";
    /// libpq: directory of the system-wide pg_service.conf.
    PGSYSCONFDIR = "PGSYSCONFDIR";
    /// `1` (or `true`): mint an RDS IAM token for PGUSER instead of using PGPASSWORD (the migrations-image contract).
    USE_IAM_AUTH = "USE_IAM_AUTH";
    /// The local user name (audit log, application_name); else the password database, else the AWS identity.
    USER = "USER";
}

/// Whether a variable's value means "on" (`1`, `true`, `yes`, `on`).
pub fn truthy(v: &str) -> bool {
    matches!(
        v.trim().to_ascii_lowercase().as_str(),
        "1" | "true" | "yes" | "on"
    )
}

/// The docs/configuration.md table of the variables (between the
/// `env-vars:begin`/`end` markers).
pub fn markdown_table() -> String {
    let mut s = String::from("| variable | meaning |\n|---|---|\n");
    for v in ALL {
        s.push_str(&format!("| `{}` | {} |\n", v.name, v.doc.trim()));
    }
    s
}
