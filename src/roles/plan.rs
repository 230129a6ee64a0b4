//! The pure planner of `dbtool roles`: declared roles + the live catalog →
//! the ordered list of changes that reach the declared state (empty when in
//! sync), plus roles found with access that are not declared. No I/O.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::catalog::{Catalog, DefaultClass, PasswordCheck, RelKind};
use super::{Preset, RoleSpec, MANAGED_SETTINGS};
use crate::error::UserError;

/// What a privilege is granted on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Object {
    Schema {
        schema: String,
    },
    Relation {
        schema: String,
        name: String,
        kind: RelKind,
    },
    /// Every table (views and foreign tables included), or every sequence, of a schema.
    AllInSchema {
        schema: String,
        sequences: bool,
    },
    /// Default privileges: objects `for_role` creates later in `schema`.
    Default {
        for_role: String,
        schema: String,
        class: DefaultClass,
    },
}

/// One change, in the order it must run. Passwords appear only as the name
/// of the variable they come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Change {
    CreateRole {
        role: String,
        login: bool,
        connection_limit: i32,
        /// Where the password comes from (`$VAR`, `ssm:/x`), never the password.
        password_from: Option<String>,
    },
    SetLogin {
        role: String,
        login: bool,
    },
    SetConnectionLimit {
        role: String,
        from: i32,
        to: i32,
    },
    SetPassword {
        role: String,
        /// Where the password comes from (`$VAR`, `ssm:/x`), never the password.
        password_from: String,
    },
    GrantMembership {
        group: String,
        member: String,
    },
    RevokeMembership {
        group: String,
        member: String,
    },
    /// dbtool's own user joins `role` so it can hand it objects (not superuser, e.g. RDS).
    AdminActsAs {
        role: String,
        admin: String,
        /// PostgreSQL 16+: the grant needs `WITH INHERIT TRUE, SET TRUE`.
        with_options: bool,
    },
    SchemaOwner {
        schema: String,
        from: String,
        to: String,
    },
    RelationOwner {
        schema: String,
        name: String,
        relkind: RelKind,
        from: String,
        to: String,
    },
    Grant {
        object: Object,
        privileges: Vec<String>,
        grantee: String,
    },
    Revoke {
        object: Object,
        privileges: Vec<String>,
        grantee: String,
    },
    SetSetting {
        role: String,
        name: String,
        value: String,
        from: Option<String>,
    },
    ResetSetting {
        role: String,
        name: String,
        from: String,
    },
    DropRole {
        role: String,
    },
}

/// A role with access to the managed schemas that dbtool.toml does not declare.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Undeclared {
    pub role: String,
    /// Why it counts: "member of readonly", "SELECT on public.t"…
    pub reasons: Vec<String>,
    /// Why `--prune` leaves it alone, if it does.
    pub kept_because: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Plan {
    pub changes: Vec<Change>,
    pub undeclared: Vec<Undeclared>,
    /// Things worth knowing that are not changes (skipped rds_iam, unknown passwords…).
    pub notes: Vec<String>,
}

impl Plan {
    /// No change to make and nothing undeclared.
    pub fn in_sync(&self) -> bool {
        self.changes.is_empty() && self.undeclared.is_empty()
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct PlanOptions {
    /// Drop undeclared roles (after revoking what they hold here).
    pub prune: bool,
    /// Set every managed password, whatever the check said.
    pub set_passwords: bool,
}

fn privileges_for(preset: Option<Preset>, sequence: bool) -> BTreeSet<String> {
    let list: &[&str] = match (preset, sequence) {
        (Some(Preset::Readonly), false) => &["SELECT"],
        (Some(Preset::Readonly), true) => &["SELECT"],
        (Some(Preset::Readwrite), false) => &["SELECT", "INSERT", "UPDATE", "DELETE"],
        (Some(Preset::Readwrite), true) => &["SELECT", "USAGE"],
        _ => &[],
    };
    list.iter().map(|s| s.to_string()).collect()
}

fn default_privileges_for(preset: Option<Preset>, class: DefaultClass) -> BTreeSet<String> {
    match class {
        DefaultClass::Tables => privileges_for(preset, false),
        DefaultClass::Sequences => privileges_for(preset, true),
        _ => BTreeSet::new(),
    }
}

/// Roles PostgreSQL or RDS own: never reported, never pruned.
fn is_system_role(name: &str) -> bool {
    name.starts_with("pg_")
        || name.starts_with("rds_")
        || matches!(
            name,
            "rdsadmin" | "rdsrepladmin" | "rdstopmgr" | "rdsproxyadmin" | "PUBLIC"
        )
}

/// Computes the changes that bring `catalog` to the state `desired` declares.
pub fn plan(
    desired: &BTreeMap<String, RoleSpec>,
    catalog: &Catalog,
    opts: PlanOptions,
) -> Result<Plan, UserError> {
    let mut p = Plan::default();
    let exists = |r: &str| desired.contains_key(r) || catalog.roles.contains_key(r);

    // Referenced roles and schemas must exist.
    for (name, spec) in desired {
        for group in spec.memberships() {
            if !exists(&group) {
                return Err(UserError::usage(format!(
                    "[roles.{name}]: role `{group}` is neither declared in dbtool.toml nor present in the database"
                ))
                .hint(format!("declare it with a [roles.{group}] section, or fix the name")));
            }
        }
        for schema in spec.schemas.keys() {
            if !catalog.schemas.contains_key(schema) {
                return Err(UserError::usage(format!("[roles.{name}]: schema `{schema}` does not exist in this database"))
                    .hint("create it first (e.g. with a migration); dbtool roles manages privileges, not schemas"));
            }
        }
        if let Some(live) = catalog.roles.get(name) {
            if live.superuser {
                p.notes.push(format!("role `{name}` is a superuser: dbtool never changes SUPERUSER, so it keeps every privilege"));
            }
        }
    }

    // 1. Roles and their attributes.
    for (name, spec) in desired {
        let limit = spec.connection_limit.unwrap_or(-1);
        match catalog.roles.get(name) {
            None => p.changes.push(Change::CreateRole {
                role: name.clone(),
                login: spec.login,
                connection_limit: limit,
                password_from: spec.password_label(),
            }),
            Some(live) => {
                if live.login != spec.login {
                    p.changes.push(Change::SetLogin {
                        role: name.clone(),
                        login: spec.login,
                    });
                }
                if live.connection_limit != limit {
                    p.changes.push(Change::SetConnectionLimit {
                        role: name.clone(),
                        from: live.connection_limit,
                        to: limit,
                    });
                }
                if let Some(var) = &spec.password_label() {
                    let check = catalog.passwords.get(name);
                    let turning_login_on = !live.login && spec.login;
                    match check {
                        _ if opts.set_passwords => {
                            p.changes.push(Change::SetPassword { role: name.clone(), password_from: var.clone() })
                        }
                        Some(PasswordCheck::Differs) => {
                            p.changes.push(Change::SetPassword { role: name.clone(), password_from: var.clone() })
                        }
                        Some(PasswordCheck::Matches) => {}
                        _ if turning_login_on => {
                            p.changes.push(Change::SetPassword { role: name.clone(), password_from: var.clone() })
                        }
                        Some(PasswordCheck::Unknown(why)) => {
                            p.notes.push(format!("password of `{name}` not checked ({why}); `roles apply --set-passwords` sets it"))
                        }
                        None => p.notes.push(format!(
                            "password of `{name}` not checked (${var} is not set); `roles apply --set-passwords` sets it"
                        )),
                    }
                }
            }
        }
    }

    // 2. Memberships of declared roles.
    let rds_iam = catalog.roles.contains_key("rds_iam");
    for (name, spec) in desired {
        let mut want: BTreeSet<String> = spec.memberships().into_iter().collect();
        if spec.iam {
            if rds_iam {
                want.insert("rds_iam".into());
            } else {
                p.notes.push(format!("`{name}` has `iam = true`, but this server has no rds_iam role (not RDS): skipped"));
            }
        }
        let have: BTreeSet<String> = catalog
            .memberships
            .iter()
            .filter(|(_, m)| m == name)
            .map(|(g, _)| g.clone())
            .collect();
        for g in want.difference(&have) {
            p.changes.push(Change::GrantMembership {
                group: g.clone(),
                member: name.clone(),
            });
        }
        for g in have.difference(&want) {
            p.changes.push(Change::RevokeMembership {
                group: g.clone(),
                member: name.clone(),
            });
        }
    }

    // 3. Ownership of the managed schemas and everything in them.
    let mut schema_owner: BTreeMap<&str, &str> = BTreeMap::new();
    for (name, spec) in desired {
        for (schema, preset) in &spec.schemas {
            if *preset == Preset::Owner {
                schema_owner.insert(schema, name);
            }
        }
    }
    let preset_of = |role: &str, schema: &str| {
        desired
            .get(role)
            .and_then(|s| s.schemas.get(schema).copied())
    };
    // A non-superuser admin (RDS) must be a member of a role to hand it objects.
    if !catalog.is_superuser {
        let owners: BTreeSet<&str> = schema_owner.values().copied().collect();
        for o in owners {
            if !catalog.admin_acts_as.contains(o) && o != catalog.current_user {
                p.changes.push(Change::AdminActsAs {
                    role: o.to_string(),
                    admin: catalog.current_user.clone(),
                    with_options: catalog.server_version_num >= 160000,
                });
            }
        }
    }
    for (schema, owner) in &schema_owner {
        let live = &catalog.schemas[*schema];
        if live.owner != *owner {
            p.changes.push(Change::SchemaOwner {
                schema: schema.to_string(),
                from: live.owner.clone(),
                to: owner.to_string(),
            });
        }
        for rel in catalog.relations.iter().filter(|r| r.schema == *schema) {
            if rel.owner != *owner && !rel.linked && !rel.extension {
                p.changes.push(Change::RelationOwner {
                    schema: rel.schema.clone(),
                    name: rel.name.clone(),
                    relkind: rel.kind,
                    from: rel.owner.clone(),
                    to: owner.to_string(),
                });
            }
        }
    }

    // 4. Privileges of declared roles on the managed schemas and their relations.
    let mut grants: Vec<Change> = Vec::new();
    let mut diff =
        |object: Object, grantee: &str, want: &BTreeSet<String>, have: &BTreeSet<String>| {
            let add: Vec<String> = want.difference(have).cloned().collect();
            let del: Vec<String> = have.difference(want).cloned().collect();
            if !add.is_empty() {
                grants.push(Change::Grant {
                    object: object.clone(),
                    privileges: add,
                    grantee: grantee.to_string(),
                });
            }
            if !del.is_empty() {
                grants.push(Change::Revoke {
                    object,
                    privileges: del,
                    grantee: grantee.to_string(),
                });
            }
        };
    for (schema, live) in &catalog.schemas {
        let owner = schema_owner
            .get(schema.as_str())
            .copied()
            .unwrap_or(live.owner.as_str());
        for role in desired.keys() {
            if role == owner || *role == live.owner {
                continue;
            }
            let want: BTreeSet<String> = match preset_of(role, schema) {
                Some(Preset::Readonly | Preset::Readwrite) => ["USAGE".to_string()].into(),
                _ => BTreeSet::new(),
            };
            let have: BTreeSet<String> = live
                .acl
                .iter()
                .filter(|a| &a.grantee == role)
                .map(|a| a.privilege.clone())
                .collect();
            diff(
                Object::Schema {
                    schema: schema.clone(),
                },
                role,
                &want,
                &have,
            );
        }
        for rel in catalog.relations.iter().filter(|r| &r.schema == schema) {
            let rel_owner = if rel.linked || rel.extension {
                rel.owner.as_str()
            } else {
                owner
            };
            for role in desired.keys() {
                if role == rel_owner || *role == rel.owner {
                    continue;
                }
                let want = privileges_for(preset_of(role, schema), rel.kind.is_sequence());
                let have: BTreeSet<String> = rel
                    .acl
                    .iter()
                    .filter(|a| &a.grantee == role)
                    .map(|a| a.privilege.clone())
                    .collect();
                let object = Object::Relation {
                    schema: rel.schema.clone(),
                    name: rel.name.clone(),
                    kind: rel.kind,
                };
                diff(object, role, &want, &have);
            }
        }
        // Default privileges: for objects the schema's owner creates later.
        let creator = schema_owner
            .get(schema.as_str())
            .map(|s| s.to_string())
            .or_else(|| (!is_system_role(&live.owner)).then(|| live.owner.clone()));
        if creator.is_none() && desired.keys().any(|r| preset_of(r, schema).is_some()) {
            p.notes.push(format!(
                "schema `{schema}` has no owner to set default privileges for: tables created later get no \
                 privileges until the next `roles apply` (declare one with `schemas = {{ {schema} = \"owner\" }}`)"
            ));
        }
        if let Some(creator) = &creator {
            for class in [DefaultClass::Tables, DefaultClass::Sequences] {
                let entry = catalog
                    .default_acls
                    .iter()
                    .find(|d| &d.for_role == creator && &d.schema == schema && d.class == class);
                for role in desired.keys() {
                    if role == creator {
                        continue;
                    }
                    let want = default_privileges_for(preset_of(role, schema), class);
                    let have: BTreeSet<String> = entry
                        .map(|e| {
                            e.acl
                                .iter()
                                .filter(|a| &a.grantee == role)
                                .map(|a| a.privilege.clone())
                                .collect()
                        })
                        .unwrap_or_default();
                    let object = Object::Default {
                        for_role: creator.clone(),
                        schema: schema.clone(),
                        class,
                    };
                    diff(object, role, &want, &have);
                }
            }
        }
        // Any other default privileges granted to declared roles here are not ours.
        for d in catalog.default_acls.iter().filter(|d| &d.schema == schema) {
            let ours = Some(&d.for_role) == creator.as_ref()
                && matches!(d.class, DefaultClass::Tables | DefaultClass::Sequences);
            if ours {
                continue;
            }
            for role in desired.keys() {
                let have: BTreeSet<String> = d
                    .acl
                    .iter()
                    .filter(|a| &a.grantee == role)
                    .map(|a| a.privilege.clone())
                    .collect();
                let object = Object::Default {
                    for_role: d.for_role.clone(),
                    schema: schema.clone(),
                    class: d.class,
                };
                diff(object, role, &BTreeSet::new(), &have);
            }
        }
    }
    p.changes.extend(compact(grants, catalog));

    // 5. Settings (`ALTER ROLE … SET`).
    for (name, spec) in desired {
        let want = spec.settings();
        let live = catalog
            .roles
            .get(name)
            .map(|l| l.settings.clone())
            .unwrap_or_default();
        for key in MANAGED_SETTINGS {
            match (want.get(key), live.get(key)) {
                (Some(w), h) if Some(w) != h => p.changes.push(Change::SetSetting {
                    role: name.clone(),
                    name: key.to_string(),
                    value: w.clone(),
                    from: h.cloned(),
                }),
                (None, Some(h)) => p.changes.push(Change::ResetSetting {
                    role: name.clone(),
                    name: key.to_string(),
                    from: h.clone(),
                }),
                _ => {}
            }
        }
    }

    // 6. Roles with access here that are not declared.
    p.undeclared = undeclared(desired, catalog);
    if opts.prune {
        for u in p.undeclared.iter().filter(|u| u.kept_because.is_none()) {
            p.changes.extend(prune_changes(&u.role, desired, catalog));
        }
    }
    Ok(p)
}

/// From this many relations of a schema needing the same grant, one
/// `GRANT … ON ALL TABLES|SEQUENCES IN SCHEMA` replaces the per-relation ones.
pub const COMPACT_FROM: usize = 3;

/// Merges per-relation grants into schema-wide ones. Correct because presets
/// are uniform over a schema: a role that should have a privilege on one table
/// should have it on all of them (those it owns have it anyway). Revocations
/// are merged only when the role owns nothing there, so an owner never loses
/// privileges on its own tables.
fn compact(changes: Vec<Change>, catalog: &Catalog) -> Vec<Change> {
    type Key = (bool, String, String, bool, Vec<String>);
    let key = |c: &Change| -> Option<Key> {
        match c {
            Change::Grant {
                object: Object::Relation { schema, kind, .. },
                privileges,
                grantee,
            } => Some((
                true,
                grantee.clone(),
                schema.clone(),
                kind.is_sequence(),
                privileges.clone(),
            )),
            Change::Revoke {
                object: Object::Relation { schema, kind, .. },
                privileges,
                grantee,
            } if !catalog
                .relations
                .iter()
                .any(|r| &r.schema == schema && &r.owner == grantee) =>
            {
                Some((
                    false,
                    grantee.clone(),
                    schema.clone(),
                    kind.is_sequence(),
                    privileges.clone(),
                ))
            }
            _ => None,
        }
    };
    let mut counts: BTreeMap<Key, usize> = BTreeMap::new();
    for c in &changes {
        if let Some(k) = key(c) {
            *counts.entry(k).or_default() += 1;
        }
    }
    let mut done: BTreeSet<Key> = BTreeSet::new();
    let mut out = Vec::new();
    for c in changes {
        match key(&c) {
            Some(k) if counts[&k] >= COMPACT_FROM => {
                if done.insert(k.clone()) {
                    let (grant, grantee, schema, sequences, privileges) = k;
                    let object = Object::AllInSchema { schema, sequences };
                    out.push(if grant {
                        Change::Grant {
                            object,
                            privileges,
                            grantee,
                        }
                    } else {
                        Change::Revoke {
                            object,
                            privileges,
                            grantee,
                        }
                    });
                }
            }
            _ => out.push(c),
        }
    }
    out
}

fn undeclared(desired: &BTreeMap<String, RoleSpec>, catalog: &Catalog) -> Vec<Undeclared> {
    let mut found: BTreeMap<String, (Vec<String>, Option<String>)> = BTreeMap::new();
    let ignored = |r: &str| {
        desired.contains_key(r)
            || is_system_role(r)
            || r == catalog.current_user
            || catalog.roles.get(r).is_some_and(|l| l.superuser)
            || !catalog.roles.contains_key(r)
    };
    let mut note = |role: &str, why: String, owns: bool| {
        if ignored(role) {
            return;
        }
        let e = found.entry(role.to_string()).or_default();
        if !e.0.contains(&why) {
            e.0.push(why);
        }
        if owns && e.1.is_none() {
            e.1 = Some("it owns objects here; change their owner first".into());
        }
    };
    for (group, member) in &catalog.memberships {
        if desired.contains_key(group) {
            note(member, format!("member of `{group}`"), false);
        }
        if desired.contains_key(member) {
            note(group, format!("has member `{member}`"), false);
        }
    }
    for (schema, live) in &catalog.schemas {
        note(&live.owner, format!("owns schema `{schema}`"), true);
        for a in &live.acl {
            note(
                &a.grantee,
                format!("{} on schema `{schema}`", a.privilege),
                false,
            );
        }
    }
    for rel in &catalog.relations {
        note(
            &rel.owner,
            format!("owns `{}.{}`", rel.schema, rel.name),
            true,
        );
        for a in &rel.acl {
            note(
                &a.grantee,
                format!("{} on `{}.{}`", a.privilege, rel.schema, rel.name),
                false,
            );
        }
    }
    for d in &catalog.default_acls {
        note(
            &d.for_role,
            format!(
                "default privileges for its new {} in `{}`",
                d.class.keyword().to_lowercase(),
                d.schema
            ),
            false,
        );
        for a in &d.acl {
            note(
                &a.grantee,
                format!(
                    "default {} on new {} in `{}`",
                    a.privilege,
                    d.class.keyword().to_lowercase(),
                    d.schema
                ),
                false,
            );
        }
    }
    found
        .into_iter()
        .map(|(role, (reasons, kept_because))| Undeclared {
            role,
            reasons,
            kept_because,
        })
        .collect()
}

/// Revokes what `role` holds in the managed schemas, its memberships, then drops it.
fn prune_changes(
    role: &str,
    desired: &BTreeMap<String, RoleSpec>,
    catalog: &Catalog,
) -> Vec<Change> {
    let mut out = Vec::new();
    let privs = |acl: &[super::catalog::AclItem]| -> Vec<String> {
        acl.iter()
            .filter(|a| a.grantee == role)
            .map(|a| a.privilege.clone())
            .collect()
    };
    for (schema, live) in &catalog.schemas {
        let p = privs(&live.acl);
        if !p.is_empty() {
            out.push(Change::Revoke {
                object: Object::Schema {
                    schema: schema.clone(),
                },
                privileges: p,
                grantee: role.into(),
            });
        }
    }
    for rel in &catalog.relations {
        let p = privs(&rel.acl);
        if !p.is_empty() {
            let object = Object::Relation {
                schema: rel.schema.clone(),
                name: rel.name.clone(),
                kind: rel.kind,
            };
            out.push(Change::Revoke {
                object,
                privileges: p,
                grantee: role.into(),
            });
        }
    }
    for d in &catalog.default_acls {
        if d.for_role == role {
            for grantee in d
                .acl
                .iter()
                .map(|a| a.grantee.clone())
                .collect::<BTreeSet<_>>()
            {
                let p = privs_of(&d.acl, &grantee);
                let object = Object::Default {
                    for_role: role.into(),
                    schema: d.schema.clone(),
                    class: d.class,
                };
                out.push(Change::Revoke {
                    object,
                    privileges: p,
                    grantee,
                });
            }
            continue;
        }
        let p = privs(&d.acl);
        if !p.is_empty() {
            let object = Object::Default {
                for_role: d.for_role.clone(),
                schema: d.schema.clone(),
                class: d.class,
            };
            out.push(Change::Revoke {
                object,
                privileges: p,
                grantee: role.into(),
            });
        }
    }
    for (group, member) in &catalog.memberships {
        if member == role && desired.contains_key(group) {
            out.push(Change::RevokeMembership {
                group: group.clone(),
                member: role.into(),
            });
        }
    }
    out.push(Change::DropRole { role: role.into() });
    out
}

fn privs_of(acl: &[super::catalog::AclItem], grantee: &str) -> Vec<String> {
    acl.iter()
        .filter(|a| a.grantee == grantee)
        .map(|a| a.privilege.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::catalog::{AclItem, LiveDefaultAcl, LiveRelation, LiveRole, LiveSchema};
    use super::*;

    const EXAMPLE: &str = r#"
[roles.app_owner]
login = false
schemas = { public = "owner" }

[roles.readonly]
password_env = "PW_RO"
schemas = { public = "readonly" }
statement_timeout = "30s"

[roles.app]
password_env = "PW_APP"
assume = "app_owner"
schemas = { public = "readwrite" }
"#;

    fn desired(text: &str) -> BTreeMap<String, RoleSpec> {
        let r = crate::config::parse(text, "t.toml").unwrap().roles;
        super::super::validate(&r).unwrap();
        r
    }

    fn acl(items: &[(&str, &str)]) -> Vec<AclItem> {
        items
            .iter()
            .map(|(g, p)| AclItem {
                grantee: g.to_string(),
                privilege: p.to_string(),
            })
            .collect()
    }

    /// A fresh PostgreSQL 15 database: only `postgres`, `public` owned by pg_database_owner.
    fn empty() -> Catalog {
        let mut c = Catalog {
            current_user: "postgres".into(),
            is_superuser: true,
            ..Default::default()
        };
        c.roles.insert(
            "postgres".into(),
            LiveRole {
                login: true,
                superuser: true,
                connection_limit: -1,
                ..Default::default()
            },
        );
        c.roles.insert(
            "pg_database_owner".into(),
            LiveRole {
                connection_limit: -1,
                ..Default::default()
            },
        );
        c.schemas.insert(
            "public".into(),
            LiveSchema {
                owner: "pg_database_owner".into(),
                acl: acl(&[
                    ("pg_database_owner", "USAGE"),
                    ("pg_database_owner", "CREATE"),
                    ("PUBLIC", "USAGE"),
                ]),
            },
        );
        c
    }

    fn role(login: bool) -> LiveRole {
        LiveRole {
            login,
            connection_limit: -1,
            ..Default::default()
        }
    }

    /// The catalog after applying EXAMPLE to `empty()`, with one table `t` created by app_owner.
    fn applied() -> Catalog {
        let mut c = empty();
        c.roles.insert("app_owner".into(), role(false));
        let mut ro = role(true);
        ro.settings.insert("statement_timeout".into(), "30s".into());
        c.roles.insert("readonly".into(), ro);
        let mut app = role(true);
        app.settings.insert("role".into(), "app_owner".into());
        c.roles.insert("app".into(), app);
        c.memberships.insert(("app_owner".into(), "app".into()));
        let s = c.schemas.get_mut("public").unwrap();
        s.owner = "app_owner".into();
        s.acl = acl(&[
            ("app_owner", "USAGE"),
            ("app_owner", "CREATE"),
            ("PUBLIC", "USAGE"),
            ("readonly", "USAGE"),
            ("app", "USAGE"),
        ]);
        c.relations.push(LiveRelation {
            schema: "public".into(),
            name: "t".into(),
            kind: RelKind::Table,
            owner: "app_owner".into(),
            linked: false,
            extension: false,
            acl: acl(&[
                ("app_owner", "SELECT"),
                ("app_owner", "INSERT"),
                ("readonly", "SELECT"),
                ("app", "SELECT"),
                ("app", "INSERT"),
                ("app", "UPDATE"),
                ("app", "DELETE"),
            ]),
        });
        c.default_acls.push(LiveDefaultAcl {
            for_role: "app_owner".into(),
            schema: "public".into(),
            class: DefaultClass::Tables,
            acl: acl(&[
                ("readonly", "SELECT"),
                ("app", "SELECT"),
                ("app", "INSERT"),
                ("app", "UPDATE"),
                ("app", "DELETE"),
            ]),
        });
        c.default_acls.push(LiveDefaultAcl {
            for_role: "app_owner".into(),
            schema: "public".into(),
            class: DefaultClass::Sequences,
            acl: acl(&[("readonly", "SELECT"), ("app", "SELECT"), ("app", "USAGE")]),
        });
        for u in ["readonly", "app"] {
            c.passwords.insert(u.into(), PasswordCheck::Matches);
        }
        c
    }

    fn sql(p: &Plan) -> Vec<String> {
        p.changes
            .iter()
            .map(|c| super::super::sql::render(c, None))
            .collect()
    }

    #[test]
    fn empty_database_gets_everything_in_order() {
        let p = plan(&desired(EXAMPLE), &empty(), PlanOptions::default()).unwrap();
        let s = sql(&p);
        assert_eq!(
            s,
            vec![
                "CREATE ROLE app LOGIN PASSWORD <from $PW_APP>;",
                "CREATE ROLE app_owner NOLOGIN;",
                "CREATE ROLE readonly LOGIN PASSWORD <from $PW_RO>;",
                "GRANT app_owner TO app;",
                "ALTER SCHEMA public OWNER TO app_owner;",
                "GRANT USAGE ON SCHEMA public TO app;",
                "GRANT USAGE ON SCHEMA public TO readonly;",
                "ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA public GRANT DELETE, INSERT, SELECT, UPDATE ON TABLES TO app;",
                "ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA public GRANT SELECT ON TABLES TO readonly;",
                "ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA public GRANT SELECT, USAGE ON SEQUENCES TO app;",
                "ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA public GRANT SELECT ON SEQUENCES TO readonly;",
                "ALTER ROLE app SET role = 'app_owner';",
                "ALTER ROLE readonly SET statement_timeout = '30s';",
            ],
            "{s:#?}"
        );
        assert!(p.undeclared.is_empty());
    }

    #[test]
    fn applied_state_is_in_sync() {
        let p = plan(&desired(EXAMPLE), &applied(), PlanOptions::default()).unwrap();
        assert!(p.in_sync(), "{:#?}", p);
        assert!(p.notes.is_empty(), "{:?}", p.notes);
    }

    #[test]
    fn manual_grants_are_revoked_and_missing_ones_granted() {
        let mut c = applied();
        c.relations[0].acl.push(AclItem {
            grantee: "readonly".into(),
            privilege: "INSERT".into(),
        });
        c.relations[0]
            .acl
            .retain(|a| !(a.grantee == "app" && a.privilege == "DELETE"));
        c.schemas.get_mut("public").unwrap().acl.push(AclItem {
            grantee: "readonly".into(),
            privilege: "CREATE".into(),
        });
        let p = plan(&desired(EXAMPLE), &c, PlanOptions::default()).unwrap();
        assert_eq!(
            sql(&p),
            vec![
                "REVOKE CREATE ON SCHEMA public FROM readonly;",
                "GRANT DELETE ON TABLE public.t TO app;",
                "REVOKE INSERT ON TABLE public.t FROM readonly;",
            ]
        );
    }

    #[test]
    fn objects_of_other_owners_are_handed_to_the_owner_role() {
        let mut c = applied();
        c.relations.push(LiveRelation {
            schema: "public".into(),
            name: "old".into(),
            kind: RelKind::View,
            owner: "postgres".into(),
            linked: false,
            extension: false,
            acl: vec![],
        });
        c.relations.push(LiveRelation {
            schema: "public".into(),
            name: "old_id_seq".into(),
            kind: RelKind::Sequence,
            owner: "postgres".into(),
            linked: true,
            extension: false,
            acl: vec![],
        });
        let p = plan(&desired(EXAMPLE), &c, PlanOptions::default()).unwrap();
        assert_eq!(
            sql(&p),
            vec![
                "ALTER VIEW public.old OWNER TO app_owner;",
                "GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.old TO app;",
                "GRANT SELECT ON TABLE public.old TO readonly;",
                "GRANT SELECT, USAGE ON SEQUENCE public.old_id_seq TO app;",
                "GRANT SELECT ON SEQUENCE public.old_id_seq TO readonly;",
            ]
        );
    }

    #[test]
    fn attributes_settings_memberships_and_passwords() {
        let mut c = applied();
        let ro = c.roles.get_mut("readonly").unwrap();
        ro.connection_limit = 3;
        ro.settings.insert("lock_timeout".into(), "1s".into());
        ro.settings.insert("search_path".into(), "x".into());
        ro.settings.insert("statement_timeout".into(), "10s".into());
        c.memberships
            .insert(("pg_read_all_data".into(), "readonly".into()));
        c.roles.get_mut("app_owner").unwrap().login = true;
        c.passwords.insert("app".into(), PasswordCheck::Differs);
        c.passwords.insert(
            "readonly".into(),
            PasswordCheck::Unknown("no pg_hba entry".into()),
        );
        let p = plan(&desired(EXAMPLE), &c, PlanOptions::default()).unwrap();
        assert_eq!(
            sql(&p),
            vec![
                "ALTER ROLE app PASSWORD <from $PW_APP>;",
                "ALTER ROLE app_owner NOLOGIN;",
                "ALTER ROLE readonly CONNECTION LIMIT -1;",
                "REVOKE pg_read_all_data FROM readonly;",
                "ALTER ROLE readonly SET statement_timeout = '30s';",
                "ALTER ROLE readonly RESET lock_timeout;",
            ]
        );
        assert!(
            p.notes[0].contains("password of `readonly` not checked"),
            "{:?}",
            p.notes
        );
        let forced = plan(
            &desired(EXAMPLE),
            &applied(),
            PlanOptions {
                set_passwords: true,
                prune: false,
            },
        )
        .unwrap();
        assert_eq!(
            sql(&forced),
            vec![
                "ALTER ROLE app PASSWORD <from $PW_APP>;",
                "ALTER ROLE readonly PASSWORD <from $PW_RO>;"
            ]
        );
    }

    #[test]
    fn many_relations_get_one_schema_wide_grant() {
        let mut c = applied();
        for i in 0..COMPACT_FROM {
            c.relations.push(LiveRelation {
                schema: "public".into(),
                name: format!("n{i}"),
                kind: RelKind::Table,
                owner: "app_owner".into(),
                linked: false,
                extension: false,
                acl: acl(&[
                    ("app", "SELECT"),
                    ("app", "INSERT"),
                    ("app", "UPDATE"),
                    ("app", "DELETE"),
                    ("readonly", "INSERT"),
                ]),
            });
        }
        c.relations[1].acl.retain(|a| a.grantee != "app");
        let p = plan(&desired(EXAMPLE), &c, PlanOptions::default()).unwrap();
        assert_eq!(
            sql(&p),
            vec![
                "GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.n0 TO app;",
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO readonly;",
                "REVOKE INSERT ON ALL TABLES IN SCHEMA public FROM readonly;",
            ]
        );
    }

    #[test]
    fn iam_only_where_rds_iam_exists() {
        let d = desired("[roles.dev]\niam = true\n");
        let p = plan(&d, &empty(), PlanOptions::default()).unwrap();
        assert_eq!(sql(&p), vec!["CREATE ROLE dev LOGIN;"]);
        assert!(p.notes[0].contains("no rds_iam role"));
        let mut rds = empty();
        rds.is_superuser = false;
        rds.current_user = "master".into();
        rds.roles.insert("rds_iam".into(), role(false));
        let p = plan(&d, &rds, PlanOptions::default()).unwrap();
        assert_eq!(
            sql(&p),
            vec!["CREATE ROLE dev LOGIN;", "GRANT rds_iam TO dev;"]
        );
    }

    #[test]
    fn non_superuser_admin_joins_the_owner_role_and_never_touches_superuser() {
        let mut rds = empty();
        rds.is_superuser = false;
        rds.current_user = "master".into();
        let p = plan(&desired(EXAMPLE), &rds, PlanOptions::default()).unwrap();
        let s = sql(&p);
        assert!(
            s.contains(&"GRANT app_owner TO master;".to_string()),
            "{s:#?}"
        );
        rds.server_version_num = 160004;
        let s = sql(&plan(&desired(EXAMPLE), &rds, PlanOptions::default()).unwrap());
        assert!(
            s.contains(&"GRANT app_owner TO master WITH INHERIT TRUE, SET TRUE;".to_string()),
            "{s:#?}"
        );
        rds.admin_acts_as.insert("app_owner".into());
        let s = sql(&plan(&desired(EXAMPLE), &rds, PlanOptions::default()).unwrap());
        assert!(!s.iter().any(|l| l.contains("TO master")), "{s:#?}");
        assert!(s
            .iter()
            .all(|l| !l.contains("SUPERUSER") && !l.contains("BYPASSRLS")));
    }

    #[test]
    fn undeclared_roles_are_reported_and_pruned_only_on_request() {
        let mut c = applied();
        c.roles.insert("bob".into(), role(true));
        c.roles.insert("legacy".into(), role(false));
        c.roles.insert("elsewhere".into(), role(true));
        c.memberships.insert(("readonly".into(), "bob".into()));
        c.relations[0].acl.push(AclItem {
            grantee: "bob".into(),
            privilege: "UPDATE".into(),
        });
        c.relations.push(LiveRelation {
            schema: "public".into(),
            name: "legacy_t".into(),
            kind: RelKind::Table,
            owner: "legacy".into(),
            linked: false,
            extension: false,
            acl: vec![],
        });
        let d = desired(EXAMPLE);
        let p = plan(&d, &c, PlanOptions::default()).unwrap();
        let names: Vec<&str> = p.undeclared.iter().map(|u| u.role.as_str()).collect();
        assert_eq!(
            names,
            vec!["bob", "legacy"],
            "`elsewhere` has no access here"
        );
        assert!(!p.in_sync());
        assert!(p
            .changes
            .iter()
            .all(|c| !matches!(c, Change::DropRole { .. })));
        let p = plan(
            &d,
            &c,
            PlanOptions {
                prune: true,
                set_passwords: false,
            },
        )
        .unwrap();
        let s = sql(&p);
        assert!(
            s.contains(&"REVOKE UPDATE ON TABLE public.t FROM bob;".to_string()),
            "{s:#?}"
        );
        assert!(
            s.contains(&"REVOKE readonly FROM bob;".to_string()),
            "{s:#?}"
        );
        assert_eq!(s.last().unwrap(), "DROP ROLE bob;");
        assert!(
            !s.iter().any(|l| l.contains("DROP ROLE legacy")),
            "legacy owns a table: {s:#?}"
        );
        assert!(p.undeclared[1].kept_because.is_some());
    }

    #[test]
    fn missing_schema_or_role_is_an_error() {
        let err = plan(
            &desired("[roles.a]\nschemas = { nope = \"readonly\" }\n"),
            &empty(),
            PlanOptions::default(),
        )
        .unwrap_err();
        assert!(err.message.contains("schema `nope` does not exist"));
        let err = plan(
            &desired("[roles.a]\nmember_of = [\"ghost\"]\n"),
            &empty(),
            PlanOptions::default(),
        )
        .unwrap_err();
        assert!(err.message.contains("`ghost`"));
    }
}
