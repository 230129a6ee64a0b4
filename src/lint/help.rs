//! The `help` of a finding: the rule's safe alternative written with the
//! statement's own names (table, column, index, constraint), built by
//! changing a copy of the parse tree (CONCURRENTLY, IF NOT EXISTS, NOT
//! VALID…) and printing it back with PostgreSQL's deparser. `None` where a
//! rule's alternative has no SQL of the statement (then the rule's canned
//! text, which `--list-rules` and the docs show, is used). Pure.

use pg_query::protobuf::{self, AlterTableType as T, ConstrType, DropBehavior, ObjectType};
use pg_query::NodeEnum;

use super::ast;

/// The help for `rule` on `node`; `at` is the hit's byte offset in the
/// statement (to find the column of a type finding), `column_type` the
/// known type of a column (for renames), by (bare table, column).
pub fn for_hit(
    rule: &str,
    node: &NodeEnum,
    at: Option<usize>,
    column_type: &dyn Fn(&str, &str) -> Option<String>,
) -> Option<String> {
    match node {
        NodeEnum::IndexStmt(i) => index_help(rule, i),
        NodeEnum::DropStmt(d) => drop_help(rule, d),
        NodeEnum::AlterTableStmt(a) => alter_help(rule, a, at, column_type),
        NodeEnum::CreateStmt(c) => create_help(rule, c, at),
        NodeEnum::RenameStmt(r) => rename_help(rule, r, column_type),
        NodeEnum::ReindexStmt(r) if rule == "require-concurrent-reindex" => {
            let mut r = r.clone();
            r.params
                .push(node_of(NodeEnum::DefElem(Box::new(protobuf::DefElem {
                    defname: "concurrently".into(),
                    defaction: protobuf::DefElemAction::DefelemUnspec as i32,
                    location: -1,
                    ..Default::default()
                }))));
            Some(format!(
                "-- PostgreSQL 12+, in a migration of its own:\n{};",
                sql(NodeEnum::ReindexStmt(r))?
            ))
        }
        NodeEnum::RefreshMatViewStmt(r) if rule == "require-concurrent-refresh" => {
            let mut r = r.clone();
            r.concurrent = true;
            Some(format!(
                "-- needs a unique index on the view:\n{};",
                sql(NodeEnum::RefreshMatViewStmt(r))?
            ))
        }
        NodeEnum::TruncateStmt(t) if rule == "ban-truncate-cascade" => {
            let mut t = t.clone();
            t.behavior = DropBehavior::DropRestrict as i32;
            Some(format!(
                "{}; -- name each table, without CASCADE",
                sql(NodeEnum::TruncateStmt(t))?
            ))
        }
        NodeEnum::VacuumStmt(v) if rule == "ban-vacuum-full" => {
            let tables: Vec<String> = v
                .rels
                .iter()
                .filter_map(|r| match r.node.as_ref() {
                    Some(NodeEnum::VacuumRelation(vr)) => {
                        vr.relation.as_ref().map(ast::range_var_name)
                    }
                    _ => None,
                })
                .collect();
            Some(format!(
                "-- plain VACUUM (SHARE UPDATE EXCLUSIVE), or pg_repack outside migrations:\nVACUUM (ANALYZE){}{};",
                if tables.is_empty() { "" } else { " " },
                tables.join(", ")
            ))
        }
        NodeEnum::AlterEnumStmt(e) => {
            let mut e = e.clone();
            e.skip_if_new_val_exists = true;
            match rule {
                "alter-enum-add-value-in-transaction" => Some(format!(
                    "-- its own migration file:\n{};",
                    sql(NodeEnum::AlterEnumStmt(e))?
                )),
                "require-enum-value-ordering" => Some(format!(
                    "{} AFTER 'existing_value'; -- the value it sorts after (or BEFORE …)",
                    sql(NodeEnum::AlterEnumStmt(e))?
                )),
                _ => None,
            }
        }
        NodeEnum::CreateDomainStmt(d) if rule == "ban-create-domain-with-constraint" => {
            let mut d = d.clone();
            d.constraints
                .retain(|c| !matches!(ast::constraint(Some(c)), Some(c) if c.contype() == ConstrType::ConstrCheck));
            Some(format!(
                "{};\n-- put the CHECK on the columns instead",
                sql(NodeEnum::CreateDomainStmt(d))?
            ))
        }
        NodeEnum::AlterDomainStmt(d) if rule == "ban-alter-domain-with-add-constraint" => {
            let mut d = d.clone();
            let name = match d.def.as_deref_mut().and_then(|n| n.node.as_mut()) {
                Some(NodeEnum::Constraint(c)) => {
                    c.skip_validation = true;
                    c.initially_valid = false;
                    c.conname.clone()
                }
                _ => return None,
            };
            let domain = names_of(&d.type_name);
            let add = sql(NodeEnum::AlterDomainStmt(d))?;
            if name.is_empty() {
                return Some(format!("{add};"));
            }
            Some(format!(
                "{add};\nALTER DOMAIN {domain} VALIDATE CONSTRAINT {};",
                ident(&name)
            ))
        }
        NodeEnum::UpdateStmt(u) => match rule {
            "ban-duplicate-column-assignments" => {
                let mut u = u.clone();
                u.target_list = last_assignments(&u.target_list);
                Some(format!(
                    "{}; -- each column once (the last assignment kept)",
                    sql(NodeEnum::UpdateStmt(u))?
                ))
            }
            _ => dml_help(rule, node),
        },
        NodeEnum::DeleteStmt(_) | NodeEnum::InsertStmt(_) => dml_help(rule, node),
        NodeEnum::CreateTrigStmt(_) if rule == "create-trigger-on-hot-table" => {
            Some(format!("SET lock_timeout = '2s';\n{};", sql(node.clone())?))
        }
        NodeEnum::GrantStmt(_)
        | NodeEnum::AlterDefaultPrivilegesStmt(_)
        | NodeEnum::DropOwnedStmt(_)
        | NodeEnum::DropRoleStmt(_)
            if rule == "ban-revoke" =>
        {
            Some(format!(
                "-- release 1: deploy the code that no longer needs the privilege; release 2:\n{};",
                sql(node.clone())?
            ))
        }
        _ => timeout_help(rule, node),
    }
}

/// `SET lock_timeout` / `SET statement_timeout` before the statement.
fn timeout_help(rule: &str, node: &NodeEnum) -> Option<String> {
    let set = match rule {
        "require-lock-timeout" => "SET lock_timeout = '5s';",
        "require-statement-timeout" => "SET statement_timeout = '5min';",
        _ => return None,
    };
    Some(format!("{set}\n{};", sql(node.clone())?))
}

fn dml_help(rule: &str, node: &NodeEnum) -> Option<String> {
    let stmt = sql(node.clone())?;
    match rule {
        "ban-unbounded-update-delete" => Some(format!(
            "-- batch it by key, outside the DDL migration (then the next range):\n{stmt} WHERE id BETWEEN 1 AND 10000;"
        )),
        "backfill-in-ddl-transaction" => Some(format!(
            "-- a migration of its own after the DDL's, in batches:\n{stmt};"
        )),
        _ => timeout_help(rule, node),
    }
}

fn index_help(rule: &str, orig: &protobuf::IndexStmt) -> Option<String> {
    let mut i = orig.clone();
    if i.idxname.is_empty() {
        let cols: Vec<&str> = i
            .index_params
            .iter()
            .filter_map(|p| match p.node.as_ref() {
                Some(NodeEnum::IndexElem(e)) if !e.name.is_empty() => Some(e.name.as_str()),
                _ => None,
            })
            .collect();
        let table = i
            .relation
            .as_ref()
            .map(|r| r.relname.as_str())
            .unwrap_or("t");
        let cols = if cols.is_empty() {
            "expr".to_string()
        } else {
            cols.join("_")
        };
        i.idxname = format!("{table}_{cols}_idx");
    }
    i.concurrent = true;
    i.if_not_exists = true;
    let stmt = sql(NodeEnum::IndexStmt(Box::new(i)))?;
    match rule {
        "require-concurrent-index-creation" => Some(format!(
            "-- in a migration of its own (dbtool runs it outside a transaction):\n{stmt};"
        )),
        "ban-concurrent-index-creation-in-transaction" => Some(format!(
            "-- put the statement alone in its own migration file:\n{stmt};"
        )),
        "prefer-robust-stmts" => Some(format!("{stmt};")),
        _ => timeout_help(rule, &NodeEnum::IndexStmt(Box::new(orig.clone()))),
    }
}

fn drop_help(rule: &str, d: &protobuf::DropStmt) -> Option<String> {
    let one = |obj: &protobuf::Node, concurrent: bool| {
        let mut d = d.clone();
        d.objects = vec![obj.clone()];
        d.missing_ok = true;
        d.concurrent = concurrent;
        sql(NodeEnum::DropStmt(d)).map(|s| format!("{s};"))
    };
    let all = |concurrent: bool| -> Option<String> {
        let list: Option<Vec<String>> = d.objects.iter().map(|o| one(o, concurrent)).collect();
        list.map(|l| l.join("\n"))
    };
    match rule {
        "require-concurrent-index-deletion" => {
            Some(format!("-- in a migration of its own:\n{}", all(true)?))
        }
        "ban-concurrent-index-creation-in-transaction" => Some(format!(
            "-- put the statement alone in its own migration file:\n{}",
            all(d.concurrent)?
        )),
        "prefer-robust-stmts" => all(d.concurrent),
        "ban-drop-table" => Some(format!(
            "-- release 1: stop using the table; release 2, after a backup:\n{}",
            all(false)?
        )),
        "ban-drop-view" => Some(format!(
            "-- release 1: stop using the view; release 2:\n{}",
            all(false)?
        )),
        "ban-drop-function" => Some(format!(
            "-- release 1: stop calling it; release 2:\n{}",
            all(false)?
        )),
        "ban-drop-schema" => {
            let mut d = d.clone();
            d.missing_ok = true;
            d.behavior = DropBehavior::DropRestrict as i32;
            Some(format!(
                "-- release 1: stop using its objects, move or drop them one by one; release 2:\n{};",
                sql(NodeEnum::DropStmt(d))?
            ))
        }
        "ban-drop-type" => Some(format!(
            "-- release 1: stop using it; release 2:\n{}",
            all(false)?
        )),
        "require-table-schema" if d.remove_type() == ObjectType::ObjectTable => {
            let mut d = d.clone();
            for o in &mut d.objects {
                if let Some(NodeEnum::List(l)) = o.node.as_mut() {
                    if l.items.len() == 1 {
                        l.items.insert(0, string_node("public"));
                    }
                }
            }
            Some(format!(
                "{}; -- the schema you mean",
                sql(NodeEnum::DropStmt(d))?
            ))
        }
        _ => None,
    }
}

fn create_help(rule: &str, c: &protobuf::CreateStmt, at: Option<usize>) -> Option<String> {
    let table = ast::rel_name(c.relation.as_ref());
    match rule {
        "prefer-robust-stmts" => {
            let mut c = c.clone();
            c.if_not_exists = true;
            Some(format!("{};", sql(NodeEnum::CreateStmt(c))?))
        }
        "require-table-schema" => {
            let mut c = c.clone();
            if let Some(r) = c.relation.as_mut() {
                r.schemaname = "public".into();
            }
            Some(format!(
                "{}; -- the schema you mean",
                sql(NodeEnum::CreateStmt(c))?
            ))
        }
        _ => {
            let cd = column_at(&c.table_elts, at)?;
            let ty = better_type(rule, &table, &cd.colname, cd.type_name.as_ref())?;
            Some(format!(
                "CREATE TABLE {table} (\n    …\n    {} {ty},\n    …\n);",
                ident(&cd.colname)
            ))
        }
    }
}

/// The column definition a type finding points at (by the type's or the
/// column's location), else the first.
fn column_at(elts: &[protobuf::Node], at: Option<usize>) -> Option<&protobuf::ColumnDef> {
    let cols: Vec<&protobuf::ColumnDef> = elts
        .iter()
        .filter_map(|e| match e.node.as_ref() {
            Some(NodeEnum::ColumnDef(cd)) => Some(cd.as_ref()),
            _ => None,
        })
        .collect();
    let hit = at.and_then(|at| {
        cols.iter().copied().find(|cd| {
            cd.type_name
                .as_ref()
                .is_some_and(|t| t.location as usize == at)
                || cd.location as usize == at
        })
    });
    hit.or_else(|| cols.first().copied())
}

/// The type a style rule suggests, with the column's name in a CHECK.
fn better_type(
    rule: &str,
    table: &str,
    col: &str,
    t: Option<&protobuf::TypeName>,
) -> Option<String> {
    let info = t.map(ast::TypeInfo::of);
    let n = info
        .as_ref()
        .and_then(|i| i.typmods.first().copied())
        .unwrap_or(100);
    let bare = ast::bare(table);
    let q = ident(col);
    Some(match rule {
        "prefer-bigint-over-int" | "prefer-bigint-over-smallint" => {
            if info.as_ref().is_some_and(|i| i.is_serial()) {
                "bigint GENERATED ALWAYS AS IDENTITY".into()
            } else {
                "bigint".into()
            }
        }
        "prefer-identity" => "bigint GENERATED ALWAYS AS IDENTITY".into(),
        "prefer-text-field" => {
            format!("text CONSTRAINT {bare}_{col}_len CHECK (char_length({q}) <= {n})")
        }
        "ban-char-field" => {
            format!("text CONSTRAINT {bare}_{col}_len CHECK (char_length({q}) = {n})")
        }
        "prefer-timestamp-tz" => "timestamptz".into(),
        "prefer-jsonb" => "jsonb".into(),
        _ => return None,
    })
}

fn rename_help(
    rule: &str,
    r: &protobuf::RenameStmt,
    column_type: &dyn Fn(&str, &str) -> Option<String>,
) -> Option<String> {
    let table = ast::rel_name(r.relation.as_ref());
    match rule {
        "renaming-column" => {
            let (old, new) = (ident(&r.subname), ident(&r.newname));
            let add = match column_type(ast::bare(&table), &r.subname) {
                Some(t) => format!("ALTER TABLE {table} ADD COLUMN {new} {t};"),
                None => format!("-- ALTER TABLE {table} ADD COLUMN {new} <the type of {old}>;"),
            };
            Some(format!("{add}\n-- write both columns from the application, backfill, switch reads,\n-- then drop {old} in a later release"))
        }
        "renaming-table" => {
            let schema = r
                .relation
                .as_ref()
                .map(|x| x.schemaname.as_str())
                .filter(|s| !s.is_empty());
            let new = match schema {
                Some(s) => format!("{s}.{}", ident(&r.newname)),
                None => ident(&r.newname),
            };
            Some(format!("ALTER TABLE {table} RENAME TO {};\nCREATE VIEW {table} AS SELECT * FROM {new}; -- simple views are updatable\n-- drop the view once no code uses the old name", ident(&r.newname)))
        }
        _ => None,
    }
}

fn alter_help(
    rule: &str,
    a: &protobuf::AlterTableStmt,
    at: Option<usize>,
    column_type: &dyn Fn(&str, &str) -> Option<String>,
) -> Option<String> {
    let table = ast::rel_name(a.relation.as_ref());
    let bare = ast::bare(&table).to_string();
    let cmds: Vec<&protobuf::AlterTableCmd> = ast::alter_cmds(a).collect();
    let find = |types: &[T]| cmds.iter().copied().find(|c| types.contains(&c.subtype()));
    // The statement with only this subcommand (changed by `edit`).
    let only = |cmd: &protobuf::AlterTableCmd, edit: &dyn Fn(&mut protobuf::AlterTableCmd)| {
        let mut a = a.clone();
        let mut cmd = cmd.clone();
        edit(&mut cmd);
        a.cmds = vec![node_of(NodeEnum::AlterTableCmd(Box::new(cmd)))];
        sql(NodeEnum::AlterTableStmt(a))
    };
    let add_column = || find(&[T::AtAddColumn]);
    let col_name = |cmd: &protobuf::AlterTableCmd| {
        ast::column_def(cmd.def.as_deref())
            .map(|cd| cd.colname.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| cmd.name.clone())
    };
    match rule {
        "adding-field-with-default" | "adding-serial-column" => {
            let cmd = add_column()?;
            let col = col_name(cmd);
            let q = ident(&col);
            let cd = ast::column_def(cmd.def.as_deref())?;
            let default = cd
                .constraints
                .iter()
                .find_map(|c| match ast::constraint(Some(c)) {
                    Some(c) if c.contype() == ConstrType::ConstrDefault => c.raw_expr.clone(),
                    _ => None,
                });
            let plain = only(cmd, &|c| strip_column(c))?;
            if rule == "adding-serial-column" || ast::ColumnInfo::of(cd).is_serial() {
                let seq = format!("{bare}_{col}_seq");
                return Some(format!("ALTER TABLE {table} ADD COLUMN {q} bigint;\nCREATE SEQUENCE {seq} OWNED BY {table}.{q};\nALTER TABLE {table} ALTER COLUMN {q} SET DEFAULT nextval('{seq}');\n-- backfill existing rows in batches"));
            }
            let Some(default) = default else {
                return Some(format!(
                    "{plain}; -- instant\n-- then fill it in batches, outside the DDL transaction"
                ));
            };
            let set = only(cmd, &|c| {
                c.subtype = T::AtColumnDefault as i32;
                c.name = col.clone();
                c.def = Some(default.clone());
            })?;
            let expr = set.split(" SET DEFAULT ").nth(1).unwrap_or("…").to_string();
            Some(format!("{plain}; -- instant\n{set}; -- new rows only\n-- backfill in batches, outside the DDL transaction:\nUPDATE {table} SET {q} = {expr} WHERE id BETWEEN 1 AND 10000 AND {q} IS NULL;"))
        }
        "adding-required-field" => {
            let cmd = add_column()?;
            let plain = only(cmd, &|c| strip_column(c))?;
            let cd = ast::column_def(cmd.def.as_deref())?;
            let guess = match type_word(cd).as_str() {
                "text" | "varchar" | "bpchar" => "''",
                "bool" => "false",
                "timestamptz" | "timestamp" | "date" => "now()",
                "jsonb" | "json" => "'{}'",
                "int2" | "int4" | "int8" | "numeric" | "float4" | "float8" => "0",
                _ => "…",
            };
            Some(format!("{plain} NOT NULL DEFAULT {guess};\n-- or: add it nullable, backfill, then add NOT NULL safely (see adding-not-nullable-field)"))
        }
        "adding-not-nullable-field" => {
            let cmd = find(&[T::AtSetNotNull])?;
            let col = &cmd.name;
            let q = ident(col);
            let c = format!("{bare}_{col}_not_null");
            Some(format!("ALTER TABLE {table} ADD CONSTRAINT {c} CHECK ({q} IS NOT NULL) NOT VALID;\n-- next migration:\nALTER TABLE {table} VALIDATE CONSTRAINT {c};\n-- PostgreSQL 12+ then skips the scan:\nALTER TABLE {table} ALTER COLUMN {q} SET NOT NULL;\nALTER TABLE {table} DROP CONSTRAINT {c};"))
        }
        "ban-drop-not-null" => {
            let cmd = find(&[T::AtDropNotNull])?;
            Some(format!(
                "-- make sure every reader handles NULL first, then:\n{};",
                only(cmd, &|_| {})?
            ))
        }
        "ban-drop-column" => {
            let cmd = find(&[T::AtDropColumn])?;
            Some(format!(
                "-- release 1: stop reading and writing {table}.{} in the application\n-- release 2:\n{};",
                ident(&cmd.name),
                only(cmd, &|c| c.missing_ok = true)?
            ))
        }
        "changing-column-type" => {
            let cmd = find(&[T::AtAlterColumnType])?;
            let col = cmd.name.clone();
            let new = format!("{col}_new");
            let add = only(cmd, &|c| {
                c.subtype = T::AtAddColumn as i32;
                c.name = String::new();
                if let Some(NodeEnum::ColumnDef(cd)) =
                    c.def.as_deref_mut().and_then(|n| n.node.as_mut())
                {
                    cd.colname = new.clone();
                    cd.raw_default = None;
                }
            })?;
            Some(format!("{add};\n-- keep both in sync (trigger or application), backfill in batches:\nUPDATE {table} SET {} = {} WHERE id BETWEEN 1 AND 10000;\n-- then switch readers, and drop {} in a later release", ident(&new), ident(&col), ident(&col)))
        }
        "constraint-missing-not-valid" | "adding-foreign-key-constraint" => {
            if let Some(cmd) = find(&[T::AtAddConstraint]) {
                let con = ast::constraint(cmd.def.as_deref())?;
                let name = if con.conname.is_empty() {
                    generated_name(&bare, con)
                } else {
                    con.conname.clone()
                };
                let add = only(cmd, &|c| {
                    if let Some(NodeEnum::Constraint(k)) =
                        c.def.as_deref_mut().and_then(|n| n.node.as_mut())
                    {
                        k.conname = name.clone();
                        k.skip_validation = true;
                        k.initially_valid = false;
                    }
                })?;
                return Some(validate_later(&table, &add, &name));
            }
            // A column added with REFERENCES or CHECK: add it bare, then the
            // constraint NOT VALID.
            let cmd = add_column()?;
            let cd = ast::column_def(cmd.def.as_deref())?;
            let want = if rule == "adding-foreign-key-constraint" {
                ConstrType::ConstrForeign
            } else {
                ConstrType::ConstrCheck
            };
            let con = ast::constraints(&cd.constraints).find(|c| c.contype() == want)?;
            let mut con = con.clone();
            if con.contype() == ConstrType::ConstrForeign && con.fk_attrs.is_empty() {
                con.fk_attrs = vec![string_node(&cd.colname)];
            }
            if con.conname.is_empty() {
                con.conname = generated_name(&bare, &con);
            }
            con.skip_validation = true;
            con.initially_valid = false;
            let name = con.conname.clone();
            let plain = only(cmd, &|c| strip_column(c))?;
            let add = only(cmd, &|c| {
                c.subtype = T::AtAddConstraint as i32;
                c.def = Some(Box::new(node_of(NodeEnum::Constraint(Box::new(
                    con.clone(),
                )))));
            })?;
            Some(format!("{plain};\n{}", validate_later(&table, &add, &name)))
        }
        "adding-serial-primary-key-field" | "disallowed-unique-constraint" => {
            let primary = rule == "adding-serial-primary-key-field";
            let (cols, conname, first) = if let Some(cmd) = find(&[T::AtAddConstraint]) {
                let con = ast::constraint(cmd.def.as_deref())?;
                (names_list(&con.keys), con.conname.clone(), None)
            } else {
                let cmd = add_column()?;
                let plain = only(cmd, &|c| strip_column(c))?;
                (vec![col_name(cmd)], String::new(), Some(plain))
            };
            let joined = cols.join("_");
            let index = if primary {
                format!("{bare}_pkey_idx")
            } else {
                format!("{bare}_{joined}_idx")
            };
            let conname = if !conname.is_empty() {
                conname
            } else if primary {
                format!("{bare}_pkey")
            } else {
                format!("{bare}_{joined}_key")
            };
            let list = cols.iter().map(|c| ident(c)).collect::<Vec<_>>().join(", ");
            let kind = if primary { "PRIMARY KEY" } else { "UNIQUE" };
            let first = first.map(|p| format!("{p};\n")).unwrap_or_default();
            Some(format!("{first}CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS {index} ON {table} ({list});\n-- next migration:\nALTER TABLE {table} ADD CONSTRAINT {} {kind} USING INDEX {index};", ident(&conname)))
        }
        "prefer-robust-stmts" => {
            let cmd = find(&[
                T::AtAddColumn,
                T::AtDropColumn,
                T::AtDropConstraint,
                T::AtAddConstraint,
            ])?;
            if cmd.subtype() == T::AtAddConstraint {
                let con = ast::constraint(cmd.def.as_deref())?;
                let name = if con.conname.is_empty() {
                    generated_name(&bare, con)
                } else {
                    con.conname.clone()
                };
                let add = only(cmd, &|c| {
                    if let Some(NodeEnum::Constraint(k)) =
                        c.def.as_deref_mut().and_then(|n| n.node.as_mut())
                    {
                        k.conname = name.clone();
                    }
                })?;
                return Some(format!(
                    "ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {};\n{add};",
                    ident(&name)
                ));
            }
            Some(format!("{};", only(cmd, &|c| c.missing_ok = true)?))
        }
        "validate-in-same-transaction" => {
            let cmd = find(&[T::AtValidateConstraint])?;
            Some(format!(
                "-- in the next migration (SHARE UPDATE EXCLUSIVE: reads and writes continue):\n{};",
                only(cmd, &|_| {})?
            ))
        }
        "dropping-foreign-key" => {
            let cmd = find(&[T::AtDropConstraint])?;
            Some(format!(
                "SET lock_timeout = '2s';\n{};",
                only(cmd, &|c| c.missing_ok = true)?
            ))
        }
        "require-concurrent-detach-partition" => {
            let cmd = find(&[T::AtDetachPartition])?;
            let detach = only(cmd, &|c| {
                if let Some(NodeEnum::PartitionCmd(p)) =
                    c.def.as_deref_mut().and_then(|n| n.node.as_mut())
                {
                    p.concurrent = true;
                }
            })?;
            Some(format!("-- PostgreSQL 14+, in a migration of its own (cannot run in a transaction):\n{detach};"))
        }
        "attach-partition-without-check" => {
            let cmd = find(&[T::AtAttachPartition])?;
            let part =
                ast::partition_cmd(cmd.def.as_deref()).map(|p| ast::rel_name(p.name.as_ref()))?;
            let c = format!("{}_bound", ast::bare(&part));
            Some(format!("ALTER TABLE {part} ADD CONSTRAINT {c} CHECK (…the partition bound…) NOT VALID;\nALTER TABLE {part} VALIDATE CONSTRAINT {c};\n{};\nALTER TABLE {part} DROP CONSTRAINT {c};", only(cmd, &|_| {})?))
        }
        "require-table-schema" => {
            let mut a = a.clone();
            if let Some(r) = a.relation.as_mut() {
                r.schemaname = "public".into();
            }
            Some(format!(
                "{}; -- the schema you mean",
                sql(NodeEnum::AlterTableStmt(a))?
            ))
        }
        _ => {
            // Type findings on ADD COLUMN / ALTER COLUMN TYPE.
            let cmd = find(&[T::AtAddColumn, T::AtAlterColumnType])?;
            let cd = ast::column_def(cmd.def.as_deref())?;
            let col = col_name(cmd);
            let _ = at;
            let ty = better_type(rule, &table, &col, cd.type_name.as_ref());
            match ty {
                Some(ty) if cmd.subtype() == T::AtAddColumn => Some(format!(
                    "ALTER TABLE {table} ADD COLUMN {} {ty};",
                    ident(&col)
                )),
                Some(ty) => Some(format!(
                    "ALTER TABLE {table} ALTER COLUMN {} TYPE {ty};",
                    ident(&col)
                )),
                None => {
                    let _ = column_type;
                    timeout_help(rule, &NodeEnum::AlterTableStmt(a.clone()))
                }
            }
        }
    }
}

/// `ADD CONSTRAINT … NOT VALID`, then VALIDATE in a later migration.
fn validate_later(table: &str, add: &str, name: &str) -> String {
    format!(
        "{add};\n-- in a later migration (SHARE UPDATE EXCLUSIVE: reads and writes continue):\nALTER TABLE {table} VALIDATE CONSTRAINT {};",
        ident(name)
    )
}

/// PostgreSQL's generated name for an unnamed constraint, roughly:
/// `<table>_<column>_fkey` / `_check` / `_key`.
fn generated_name(table: &str, con: &protobuf::Constraint) -> String {
    let cols = match con.contype() {
        ConstrType::ConstrForeign => names_list(&con.fk_attrs),
        ConstrType::ConstrCheck => ast::not_null_columns(con.raw_expr.as_deref()),
        _ => names_list(&con.keys),
    };
    let suffix = match con.contype() {
        ConstrType::ConstrForeign => "fkey",
        ConstrType::ConstrCheck => "check",
        ConstrType::ConstrPrimary => "pkey",
        _ => "key",
    };
    match cols.first() {
        Some(c) if suffix != "pkey" => format!("{table}_{c}_{suffix}"),
        _ => format!("{table}_{suffix}"),
    }
}

/// A column definition without its default and constraints (serial types
/// as their integers), so ADD COLUMN is catalog-only.
fn strip_column(c: &mut protobuf::AlterTableCmd) {
    if let Some(NodeEnum::ColumnDef(cd)) = c.def.as_deref_mut().and_then(|n| n.node.as_mut()) {
        cd.raw_default = None;
        cd.constraints.clear();
        if let Some(t) = cd.type_name.as_mut() {
            if let Some(NodeEnum::String(s)) = t.names.last_mut().and_then(|n| n.node.as_mut()) {
                s.sval = match s.sval.as_str() {
                    "serial" | "serial4" => "int4".into(),
                    "bigserial" | "serial8" => "int8".into(),
                    "smallserial" | "serial2" => "int2".into(),
                    other => other.to_string(),
                };
            }
        }
    }
}

/// The base type name of a column definition (`int4`, `text`…).
fn type_word(cd: &protobuf::ColumnDef) -> String {
    cd.type_name
        .as_ref()
        .map(|t| ast::TypeInfo::of(t).name)
        .unwrap_or_default()
}

/// Keeps the last assignment of each column of a SET list.
fn last_assignments(targets: &[protobuf::Node]) -> Vec<protobuf::Node> {
    let name = |n: &protobuf::Node| match n.node.as_ref() {
        Some(NodeEnum::ResTarget(r)) if r.indirection.is_empty() => Some(r.name.clone()),
        _ => None,
    };
    targets
        .iter()
        .enumerate()
        .filter(|(i, t)| match name(t) {
            Some(n) => !targets[i + 1..]
                .iter()
                .any(|u| name(u).as_deref() == Some(&n)),
            None => true,
        })
        .map(|(_, t)| t.clone())
        .collect()
}

fn names_list(nodes: &[protobuf::Node]) -> Vec<String> {
    nodes
        .iter()
        .filter_map(|n| match n.node.as_ref() {
            Some(NodeEnum::String(s)) => Some(s.sval.clone()),
            _ => None,
        })
        .collect()
}

fn names_of(nodes: &[protobuf::Node]) -> String {
    names_list(nodes)
        .iter()
        .map(|n| ident(n))
        .collect::<Vec<_>>()
        .join(".")
}

fn string_node(s: &str) -> protobuf::Node {
    node_of(NodeEnum::String(protobuf::String { sval: s.into() }))
}

fn node_of(n: NodeEnum) -> protobuf::Node {
    protobuf::Node { node: Some(n) }
}

/// The statement as SQL (PostgreSQL's deparser).
fn sql(n: NodeEnum) -> Option<String> {
    n.deparse().ok()
}

/// An identifier as it must be written: quoted unless lower-case simple.
pub fn ident(name: &str) -> String {
    let simple = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '$');
    if simple {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('"', "\"\""))
    }
}
