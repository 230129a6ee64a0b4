//! The live state `dbtool roles` compares with the configuration: roles,
//! memberships and settings (cluster-wide), and the owners, ACLs and default
//! ACLs of the managed schemas (this database). Reads PostgreSQL's catalogs
//! (`pg_roles`, `pg_auth_members`, `pg_db_role_setting`, `pg_namespace`,
//! `pg_class`, `pg_default_acl` through `aclexplode`); the only other contact
//! is a login attempt per password-managed user, to tell whether its password
//! is already the configured one.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::pg::ConnInfo;

/// Everything the planner needs to know about the database, read once.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Catalog {
    /// The user dbtool runs as (the admin).
    pub current_user: String,
    /// Whether that user is a superuser (false on RDS).
    pub is_superuser: bool,
    /// `server_version_num`, e.g. 150004.
    pub server_version_num: i32,
    /// Roles whose privileges the admin has and can `SET ROLE` to (needed to
    /// hand them objects and to set their default privileges).
    pub admin_acts_as: BTreeSet<String>,
    /// Every role of the cluster, by name.
    pub roles: BTreeMap<String, LiveRole>,
    /// (group, member) pairs: `member` is a member of `group`.
    pub memberships: BTreeSet<(String, String)>,
    /// The managed schemas that exist, by name.
    pub schemas: BTreeMap<String, LiveSchema>,
    /// Tables, views, sequences… of the managed schemas.
    pub relations: Vec<LiveRelation>,
    /// Default privileges set in the managed schemas.
    pub default_acls: Vec<LiveDefaultAcl>,
    /// Whether each password-managed user's password is already the configured one.
    pub passwords: BTreeMap<String, PasswordCheck>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LiveRole {
    pub login: bool,
    pub superuser: bool,
    /// -1 means no limit.
    pub connection_limit: i32,
    /// Role-wide settings (`ALTER ROLE … SET`), name → value.
    pub settings: BTreeMap<String, String>,
}

/// One privilege of one grantee (`PUBLIC` for everyone) from an ACL.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct AclItem {
    pub grantee: String,
    pub privilege: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LiveSchema {
    pub owner: String,
    pub acl: Vec<AclItem>,
}

/// The kind of a relation (`pg_class.relkind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RelKind {
    Table,
    PartitionedTable,
    View,
    MaterializedView,
    ForeignTable,
    Sequence,
}

impl RelKind {
    pub fn from_relkind(c: &str) -> Option<RelKind> {
        Some(match c {
            "r" => RelKind::Table,
            "p" => RelKind::PartitionedTable,
            "v" => RelKind::View,
            "m" => RelKind::MaterializedView,
            "f" => RelKind::ForeignTable,
            "S" => RelKind::Sequence,
            _ => return None,
        })
    }

    pub fn is_sequence(self) -> bool {
        self == RelKind::Sequence
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LiveRelation {
    pub schema: String,
    pub name: String,
    pub kind: RelKind,
    pub owner: String,
    /// A sequence owned by a table column (serial/identity): its owner follows the table's.
    pub linked: bool,
    /// Part of an extension: its owner is the extension's business.
    pub extension: bool,
    pub acl: Vec<AclItem>,
}

/// The kind of object a default ACL applies to (`pg_default_acl.defaclobjtype`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DefaultClass {
    Tables,
    Sequences,
    Functions,
    Types,
}

impl DefaultClass {
    pub fn from_objtype(c: &str) -> Option<DefaultClass> {
        Some(match c {
            "r" => DefaultClass::Tables,
            "S" => DefaultClass::Sequences,
            "f" => DefaultClass::Functions,
            "T" => DefaultClass::Types,
            _ => return None,
        })
    }

    pub fn keyword(self) -> &'static str {
        match self {
            DefaultClass::Tables => "TABLES",
            DefaultClass::Sequences => "SEQUENCES",
            DefaultClass::Functions => "FUNCTIONS",
            DefaultClass::Types => "TYPES",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LiveDefaultAcl {
    /// The role whose new objects get these privileges (`FOR ROLE`).
    pub for_role: String,
    pub schema: String,
    pub class: DefaultClass,
    pub acl: Vec<AclItem>,
}

/// What a login attempt with the configured password said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "state", content = "reason")]
pub enum PasswordCheck {
    /// The server accepted it (or does not ask for passwords).
    Matches,
    /// The server rejected it: the password differs.
    Differs,
    /// Could not tell (no password at hand, pg_hba rejects, login disabled…).
    Unknown(String),
}

const ACL_GRANTEE: &str =
    "CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee)::text END";

/// Reads the catalog of the database `client` is connected to, for the
/// managed `schemas`.
pub async fn load(client: &tokio_postgres::Client, schemas: &[String]) -> anyhow::Result<Catalog> {
    let mut cat = Catalog::default();
    let row = client.query_one("SELECT current_user::text, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)", &[]).await?;
    cat.current_user = row.get(0);
    cat.is_superuser = row.get::<_, Option<bool>>(1).unwrap_or(false);
    let version: String = client
        .query_one("SELECT current_setting('server_version_num')", &[])
        .await?
        .get(0);
    cat.server_version_num = version.parse().unwrap_or(0);
    // From PostgreSQL 16 a membership may carry neither INHERIT nor SET
    // (e.g. the one CREATEROLE users get on roles they create).
    let q = if cat.server_version_num >= 160000 {
        "SELECT rolname::text FROM pg_roles WHERE pg_has_role(current_user, oid, 'USAGE') AND pg_has_role(current_user, oid, 'SET')"
    } else {
        "SELECT rolname::text FROM pg_roles WHERE pg_has_role(current_user, oid, 'USAGE')"
    };
    for r in client.query(q, &[]).await? {
        cat.admin_acts_as.insert(r.get(0));
    }

    for r in client
        .query(
            "SELECT rolname::text, rolcanlogin, rolsuper, rolconnlimit FROM pg_roles",
            &[],
        )
        .await?
    {
        cat.roles.insert(
            r.get(0),
            LiveRole {
                login: r.get(1),
                superuser: r.get(2),
                connection_limit: r.get(3),
                settings: BTreeMap::new(),
            },
        );
    }
    let settings = client
        .query(
            "SELECT r.rolname::text, c FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole, \
             unnest(s.setconfig) AS c WHERE s.setdatabase = 0",
            &[],
        )
        .await?;
    for r in settings {
        let role: String = r.get(0);
        let kv: String = r.get(1);
        if let (Some(live), Some((k, v))) = (cat.roles.get_mut(&role), kv.split_once('=')) {
            live.settings.insert(k.to_string(), v.to_string());
        }
    }
    for r in client
        .query(
            "SELECT DISTINCT g.rolname::text, m.rolname::text FROM pg_auth_members a \
             JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member",
            &[],
        )
        .await?
    {
        cat.memberships.insert((r.get(0), r.get(1)));
    }

    for r in client
        .query("SELECT nspname::text, pg_get_userbyid(nspowner)::text FROM pg_namespace WHERE nspname = ANY($1)", &[&schemas])
        .await?
    {
        cat.schemas.insert(r.get(0), LiveSchema { owner: r.get(1), acl: Vec::new() });
    }
    let q = format!(
        "SELECT n.nspname::text, {ACL_GRANTEE}, a.privilege_type FROM pg_namespace n, aclexplode(n.nspacl) a \
         WHERE n.nspname = ANY($1) ORDER BY 1, 2, 3"
    );
    for r in client.query(&q, &[&schemas]).await? {
        let name: String = r.get(0);
        if let Some(s) = cat.schemas.get_mut(&name) {
            s.acl.push(AclItem {
                grantee: r.get(1),
                privilege: r.get(2),
            });
        }
    }

    let rels = client
        .query(
            "SELECT c.oid, n.nspname::text, c.relname::text, c.relkind::text, pg_get_userbyid(c.relowner)::text, \
               EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid \
                       AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')), \
               EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid \
                       AND d.deptype = 'e') \
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') ORDER BY 2, 3",
            &[&schemas],
        )
        .await?;
    let mut by_oid: BTreeMap<u32, usize> = BTreeMap::new();
    for r in rels {
        let Some(kind) = RelKind::from_relkind(r.get::<_, String>(3).as_str()) else {
            continue;
        };
        by_oid.insert(r.get(0), cat.relations.len());
        cat.relations.push(LiveRelation {
            schema: r.get(1),
            name: r.get(2),
            kind,
            owner: r.get(4),
            linked: r.get(5),
            extension: r.get(6),
            acl: Vec::new(),
        });
    }
    let q = format!(
        "SELECT c.oid, {ACL_GRANTEE}, a.privilege_type FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, \
         aclexplode(c.relacl) a WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') ORDER BY 1, 2, 3"
    );
    for r in client.query(&q, &[&schemas]).await? {
        if let Some(&i) = by_oid.get(&r.get::<_, u32>(0)) {
            cat.relations[i].acl.push(AclItem {
                grantee: r.get(1),
                privilege: r.get(2),
            });
        }
    }

    let q = format!(
        "SELECT d.oid, pg_get_userbyid(d.defaclrole)::text, n.nspname::text, d.defaclobjtype::text, {ACL_GRANTEE}, a.privilege_type \
         FROM pg_default_acl d JOIN pg_namespace n ON n.oid = d.defaclnamespace, aclexplode(d.defaclacl) a \
         WHERE n.nspname = ANY($1) ORDER BY 1, 5, 6"
    );
    let mut by_acl: BTreeMap<u32, usize> = BTreeMap::new();
    for r in client.query(&q, &[&schemas]).await? {
        let Some(class) = DefaultClass::from_objtype(r.get::<_, String>(3).as_str()) else {
            continue;
        };
        let i = *by_acl.entry(r.get(0)).or_insert_with(|| {
            cat.default_acls.push(LiveDefaultAcl {
                for_role: r.get(1),
                schema: r.get(2),
                class,
                acl: Vec::new(),
            });
            cat.default_acls.len() - 1
        });
        cat.default_acls[i].acl.push(AclItem {
            grantee: r.get(4),
            privilege: r.get(5),
        });
    }
    Ok(cat)
}

/// Tries to log in as `user` with `password` on the server `conn` points at:
/// the only way to compare passwords that also works where the catalog hides
/// them (RDS). The password travels only in the authentication exchange.
pub async fn check_password(conn: &ConnInfo, user: &str, password: &str) -> PasswordCheck {
    let probe = ConnInfo {
        user: user.to_string(),
        password: Some(password.to_string()),
        application_name: Some("dbtool roles (password check)".into()),
        ..conn.clone()
    };
    match probe.connect().await {
        Ok(_) => PasswordCheck::Matches,
        Err(e) => {
            let state = e
                .chain()
                .find_map(|c| c.downcast_ref::<tokio_postgres::Error>())
                .and_then(|pg| pg.code().cloned());
            match state {
                Some(s) if s == tokio_postgres::error::SqlState::INVALID_PASSWORD => {
                    PasswordCheck::Differs
                }
                Some(s) => PasswordCheck::Unknown(format!(
                    "login as `{user}` failed with SQLSTATE {}",
                    s.code()
                )),
                None => PasswordCheck::Unknown(format!("login as `{user}` failed")),
            }
        }
    }
}
