//! The lock model: for one parsed statement, which table-level lock it takes
//! on which relations and whether it rewrites or scans them, following the
//! PostgreSQL documentation ("Explicit Locking" and the ALTER TABLE page).
//! Pure; touches no external system.

use pg_query::protobuf::{self, AlterTableType, ConstrType, ObjectType};
use pg_query::NodeEnum;
use serde::Serialize;

use super::ast;
use super::PgVersion;

/// PostgreSQL's table-level lock modes, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum LockMode {
    AccessShare,
    RowShare,
    RowExclusive,
    ShareUpdateExclusive,
    Share,
    ShareRowExclusive,
    Exclusive,
    AccessExclusive,
}

impl LockMode {
    pub const ALL: [LockMode; 8] = [
        LockMode::AccessShare,
        LockMode::RowShare,
        LockMode::RowExclusive,
        LockMode::ShareUpdateExclusive,
        LockMode::Share,
        LockMode::ShareRowExclusive,
        LockMode::Exclusive,
        LockMode::AccessExclusive,
    ];

    /// The name used in the documentation: `ACCESS EXCLUSIVE`.
    pub fn as_str(self) -> &'static str {
        match self {
            LockMode::AccessShare => "ACCESS SHARE",
            LockMode::RowShare => "ROW SHARE",
            LockMode::RowExclusive => "ROW EXCLUSIVE",
            LockMode::ShareUpdateExclusive => "SHARE UPDATE EXCLUSIVE",
            LockMode::Share => "SHARE",
            LockMode::ShareRowExclusive => "SHARE ROW EXCLUSIVE",
            LockMode::Exclusive => "EXCLUSIVE",
            LockMode::AccessExclusive => "ACCESS EXCLUSIVE",
        }
    }

    /// The name in `pg_locks.mode`: `AccessExclusiveLock`.
    pub fn pg_locks_name(self) -> &'static str {
        match self {
            LockMode::AccessShare => "AccessShareLock",
            LockMode::RowShare => "RowShareLock",
            LockMode::RowExclusive => "RowExclusiveLock",
            LockMode::ShareUpdateExclusive => "ShareUpdateExclusiveLock",
            LockMode::Share => "ShareLock",
            LockMode::ShareRowExclusive => "ShareRowExclusiveLock",
            LockMode::Exclusive => "ExclusiveLock",
            LockMode::AccessExclusive => "AccessExclusiveLock",
        }
    }

    /// Parses a `pg_locks.mode` value.
    pub fn from_pg_locks_name(s: &str) -> Option<LockMode> {
        LockMode::ALL.into_iter().find(|m| m.pg_locks_name() == s)
    }

    /// Whether a session holding `self` makes a request for `other` wait
    /// (the conflict table of the "Explicit Locking" chapter; symmetric).
    pub fn conflicts_with(self, other: LockMode) -> bool {
        use LockMode::*;
        let (a, b) = if self <= other {
            (self, other)
        } else {
            (other, self)
        };
        match a {
            AccessShare => b == AccessExclusive,
            RowShare => b >= Exclusive,
            RowExclusive => b >= Share,
            ShareUpdateExclusive => b >= ShareUpdateExclusive,
            Share => b >= ShareRowExclusive,
            ShareRowExclusive | Exclusive | AccessExclusive => true,
        }
    }

    /// Whether plain `SELECT`s wait while this lock is held.
    pub fn blocks_reads(self) -> bool {
        self == LockMode::AccessExclusive
    }

    /// Whether `INSERT`/`UPDATE`/`DELETE` wait while this lock is held.
    pub fn blocks_writes(self) -> bool {
        self.conflicts_with(LockMode::RowExclusive)
    }

    /// "blocks reads and writes", "blocks writes", …: what the lock does to traffic.
    pub fn blocks(self) -> &'static str {
        if self.blocks_reads() {
            "blocks reads and writes"
        } else if self.blocks_writes() {
            "blocks writes (reads continue)"
        } else if self >= LockMode::ShareUpdateExclusive {
            "blocks other schema changes and VACUUM, not reads or writes"
        } else {
            "blocks only ACCESS EXCLUSIVE requests"
        }
    }
}

impl std::fmt::Display for LockMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One relation a statement locks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RelationLock {
    /// The relation as written (`schema.name` or `name`), lower-cased
    /// unless quoted.
    pub relation: String,
    pub mode: LockMode,
    /// The table is rewritten (every row copied) while the lock is held.
    pub rewrite: bool,
    /// The table is read in full (validation, index build) while the lock is held.
    pub scan: bool,
}

/// The locks of one statement; `None` for statements that take no table lock
/// worth modelling (SELECT, SET, GRANT, CREATE FUNCTION…).
pub fn statement_locks(node: &NodeEnum, pg: PgVersion) -> Vec<RelationLock> {
    let mut out: Vec<RelationLock> = Vec::new();
    let mut push = |relation: String, mode: LockMode, rewrite: bool, scan: bool| {
        if relation.is_empty() {
            return;
        }
        if let Some(l) = out.iter_mut().find(|l| l.relation == relation) {
            l.mode = l.mode.max(mode);
            l.rewrite |= rewrite;
            l.scan |= scan;
        } else {
            out.push(RelationLock {
                relation,
                mode,
                rewrite,
                scan,
            });
        }
    };
    use LockMode::*;
    match node {
        NodeEnum::CreateStmt(c) => {
            let rel = ast::rel_name(c.relation.as_ref());
            push(rel.clone(), AccessExclusive, false, false);
            for parent in &c.inh_relations {
                if let Some(NodeEnum::RangeVar(rv)) = parent.node.as_ref() {
                    // PARTITION OF / INHERITS lock the parent.
                    push(ast::range_var_name(rv), AccessExclusive, false, false);
                }
            }
            for elt in &c.table_elts {
                match elt.node.as_ref() {
                    Some(NodeEnum::ColumnDef(cd)) => {
                        for con in ast::constraints(&cd.constraints) {
                            if con.contype() == ConstrType::ConstrForeign {
                                push(
                                    ast::rel_name(con.pktable.as_ref()),
                                    ShareRowExclusive,
                                    false,
                                    false,
                                );
                            }
                        }
                    }
                    Some(NodeEnum::Constraint(con))
                        if con.contype() == ConstrType::ConstrForeign =>
                    {
                        push(
                            ast::rel_name(con.pktable.as_ref()),
                            ShareRowExclusive,
                            false,
                            false,
                        );
                    }
                    _ => {}
                }
            }
        }
        NodeEnum::IndexStmt(i) => {
            let rel = ast::rel_name(i.relation.as_ref());
            if i.concurrent {
                push(rel, ShareUpdateExclusive, false, true);
            } else {
                push(rel, Share, false, true);
            }
        }
        NodeEnum::DropStmt(d) => {
            let mode = if d.concurrent {
                ShareUpdateExclusive
            } else {
                AccessExclusive
            };
            match d.remove_type() {
                ObjectType::ObjectTable
                | ObjectType::ObjectIndex
                | ObjectType::ObjectMatview
                | ObjectType::ObjectView
                | ObjectType::ObjectSequence
                | ObjectType::ObjectForeignTable => {
                    for name in ast::drop_object_names(d) {
                        push(name, mode, false, false);
                    }
                }
                ObjectType::ObjectTrigger | ObjectType::ObjectRule | ObjectType::ObjectPolicy => {
                    // DROP TRIGGER t ON tbl: objects = [tbl…, t]
                    for name in ast::drop_object_names(d) {
                        if let Some((table, _)) = name.rsplit_once('.') {
                            push(table.to_string(), AccessExclusive, false, false);
                        }
                    }
                }
                _ => {}
            }
        }
        NodeEnum::TruncateStmt(t) => {
            for r in &t.relations {
                if let Some(NodeEnum::RangeVar(rv)) = r.node.as_ref() {
                    push(ast::range_var_name(rv), AccessExclusive, false, false);
                }
            }
        }
        NodeEnum::RenameStmt(r) => {
            let rel = ast::rel_name(r.relation.as_ref());
            let mode = match r.rename_type() {
                ObjectType::ObjectTabconstraint | ObjectType::ObjectIndex => ShareUpdateExclusive,
                _ => AccessExclusive,
            };
            push(rel, mode, false, false);
        }
        NodeEnum::AlterTableStmt(a) => {
            let rel = ast::rel_name(a.relation.as_ref());
            for cmd in ast::alter_cmds(a) {
                for (relation, mode, rewrite, scan) in alter_cmd_locks(&rel, cmd, pg) {
                    push(relation, mode, rewrite, scan);
                }
            }
        }
        NodeEnum::ReindexStmt(r) => {
            let concurrent = ast::has_option(&r.params, "concurrently");
            let name = if r.relation.is_some() {
                ast::rel_name(r.relation.as_ref())
            } else {
                r.name.clone()
            };
            push(
                name,
                if concurrent {
                    ShareUpdateExclusive
                } else {
                    Share
                },
                false,
                true,
            );
        }
        NodeEnum::RefreshMatViewStmt(r) => {
            // CONCURRENTLY applies the differences to the existing file
            // (measured: the filenode stays); without it a new file is built.
            let mode = if r.concurrent {
                Exclusive
            } else {
                AccessExclusive
            };
            push(
                ast::rel_name(r.relation.as_ref()),
                mode,
                !r.concurrent,
                true,
            );
        }
        NodeEnum::VacuumStmt(v) => {
            let full = ast::has_option(&v.options, "full");
            for r in &v.rels {
                if let Some(NodeEnum::VacuumRelation(vr)) = r.node.as_ref() {
                    let name = ast::rel_name(vr.relation.as_ref());
                    if full && v.is_vacuumcmd {
                        push(name, AccessExclusive, true, true);
                    } else {
                        push(name, ShareUpdateExclusive, false, true);
                    }
                }
            }
        }
        NodeEnum::ClusterStmt(c) => {
            push(
                ast::rel_name(c.relation.as_ref()),
                AccessExclusive,
                true,
                true,
            );
        }
        NodeEnum::CreateTrigStmt(t) => {
            push(
                ast::rel_name(t.relation.as_ref()),
                ShareRowExclusive,
                false,
                false,
            );
        }
        NodeEnum::UpdateStmt(u) => {
            push(
                ast::rel_name(u.relation.as_ref()),
                RowExclusive,
                false,
                u.where_clause.is_none(),
            );
        }
        NodeEnum::DeleteStmt(d) => {
            push(
                ast::rel_name(d.relation.as_ref()),
                RowExclusive,
                false,
                d.where_clause.is_none(),
            );
        }
        NodeEnum::InsertStmt(i) => {
            push(
                ast::rel_name(i.relation.as_ref()),
                RowExclusive,
                false,
                false,
            );
        }
        NodeEnum::LockStmt(l) => {
            let mode = LockMode::ALL
                .get((l.mode as usize).saturating_sub(1))
                .copied()
                .unwrap_or(AccessExclusive);
            for r in &l.relations {
                if let Some(NodeEnum::RangeVar(rv)) = r.node.as_ref() {
                    push(ast::range_var_name(rv), mode, false, false);
                }
            }
        }
        NodeEnum::CommentStmt(c) => {
            if matches!(
                c.objtype(),
                ObjectType::ObjectTable | ObjectType::ObjectColumn
            ) {
                if let Some(name) = c
                    .object
                    .as_ref()
                    .and_then(|o| ast::name_list(o.node.as_ref()))
                {
                    let name = if c.objtype() == ObjectType::ObjectColumn {
                        name.rsplit_once('.')
                            .map(|(t, _)| t.to_string())
                            .unwrap_or(name)
                    } else {
                        name
                    };
                    push(name, ShareUpdateExclusive, false, false);
                }
            }
        }
        NodeEnum::CreateTableAsStmt(c) => {
            if let Some(into) = c.into.as_ref() {
                push(
                    ast::rel_name(into.rel.as_ref()),
                    AccessExclusive,
                    false,
                    false,
                );
            }
        }
        NodeEnum::ViewStmt(v) => {
            push(
                ast::rel_name(v.view.as_ref()),
                AccessExclusive,
                false,
                false,
            );
        }
        NodeEnum::CreatePolicyStmt(p) => {
            push(
                ast::rel_name(p.table.as_ref()),
                AccessExclusive,
                false,
                false,
            );
        }
        NodeEnum::AlterPolicyStmt(p) => {
            push(
                ast::rel_name(p.table.as_ref()),
                AccessExclusive,
                false,
                false,
            );
        }
        NodeEnum::CreateStatsStmt(_) => {}
        _ => {}
    }
    out
}

/// The locks one ALTER TABLE subcommand takes (relation, mode, rewrite, scan).
fn alter_cmd_locks(
    rel: &str,
    cmd: &protobuf::AlterTableCmd,
    pg: PgVersion,
) -> Vec<(String, LockMode, bool, bool)> {
    use AlterTableType as T;
    use LockMode::*;
    let me =
        |mode: LockMode, rewrite: bool, scan: bool| vec![(rel.to_string(), mode, rewrite, scan)];
    match cmd.subtype() {
        T::AtAddColumn => {
            let Some(cd) = ast::column_def(cmd.def.as_deref()) else {
                return me(AccessExclusive, false, false);
            };
            let info = ast::ColumnInfo::of(cd);
            let rewrite = info.rewrites(pg);
            let mut v = me(
                AccessExclusive,
                rewrite,
                info.not_null && !rewrite || info.check || info.unique_or_pk,
            );
            if let Some(r) = &info.references {
                v.push((r.clone(), ShareRowExclusive, false, false));
            }
            v
        }
        T::AtColumnDefault | T::AtCookedColumnDefault | T::AtDropNotNull => {
            me(AccessExclusive, false, false)
        }
        T::AtSetNotNull => me(AccessExclusive, false, true),
        T::AtSetExpression => me(AccessExclusive, true, true),
        T::AtDropExpression => me(AccessExclusive, false, false),
        T::AtSetStatistics | T::AtSetOptions | T::AtResetOptions => {
            me(ShareUpdateExclusive, false, false)
        }
        T::AtSetStorage | T::AtSetCompression => me(AccessExclusive, false, false),
        T::AtDropColumn => me(AccessExclusive, false, false),
        T::AtAddIndex | T::AtAddIndexConstraint => me(AccessExclusive, false, false),
        T::AtAddConstraint => {
            let Some(con) = ast::constraint(cmd.def.as_deref()) else {
                return me(AccessExclusive, false, false);
            };
            let validate = !con.skip_validation;
            match con.contype() {
                ConstrType::ConstrForeign => {
                    let mut v = me(ShareRowExclusive, false, validate);
                    v.push((
                        ast::rel_name(con.pktable.as_ref()),
                        ShareRowExclusive,
                        false,
                        false,
                    ));
                    v
                }
                ConstrType::ConstrCheck => me(AccessExclusive, false, validate),
                ConstrType::ConstrPrimary | ConstrType::ConstrUnique => {
                    me(AccessExclusive, false, con.indexname.is_empty())
                }
                ConstrType::ConstrExclusion => me(AccessExclusive, false, true),
                _ => me(AccessExclusive, false, false),
            }
        }
        T::AtValidateConstraint => me(ShareUpdateExclusive, false, true),
        T::AtAlterConstraint => me(AccessExclusive, false, false),
        T::AtDropConstraint => me(AccessExclusive, false, false),
        T::AtAlterColumnType => {
            let rewrite = !ast::type_change_is_binary_coercible_guess(cmd);
            me(AccessExclusive, rewrite, rewrite)
        }
        T::AtEnableTrig
        | T::AtEnableAlwaysTrig
        | T::AtEnableReplicaTrig
        | T::AtDisableTrig
        | T::AtEnableTrigAll
        | T::AtDisableTrigAll
        | T::AtEnableTrigUser
        | T::AtDisableTrigUser => me(ShareRowExclusive, false, false),
        T::AtClusterOn | T::AtDropCluster => me(ShareUpdateExclusive, false, false),
        T::AtSetLogged | T::AtSetUnLogged => me(AccessExclusive, true, true),
        T::AtSetTableSpace => me(AccessExclusive, true, true),
        T::AtSetAccessMethod => me(AccessExclusive, true, true),
        T::AtSetRelOptions | T::AtResetRelOptions | T::AtReplaceRelOptions => {
            me(ShareUpdateExclusive, false, false)
        }
        T::AtAttachPartition => {
            // The parent: SHARE UPDATE EXCLUSIVE (PG 12+); the partition:
            // ACCESS EXCLUSIVE and a scan unless a CHECK proves the bound.
            let part = ast::partition_cmd(cmd.def.as_deref())
                .map(|p| ast::rel_name(p.name.as_ref()))
                .unwrap_or_default();
            let parent_mode = if pg.major >= 12 {
                ShareUpdateExclusive
            } else {
                AccessExclusive
            };
            vec![
                (rel.to_string(), parent_mode, false, false),
                (part, AccessExclusive, false, true),
            ]
        }
        T::AtDetachPartition => {
            let p = ast::partition_cmd(cmd.def.as_deref());
            let part = p
                .map(|p| ast::rel_name(p.name.as_ref()))
                .unwrap_or_default();
            let concurrent = p.is_some_and(|p| p.concurrent);
            let mode = if concurrent {
                ShareUpdateExclusive
            } else {
                AccessExclusive
            };
            vec![
                (rel.to_string(), mode, false, false),
                (part, AccessExclusive, false, false),
            ]
        }
        T::AtDetachPartitionFinalize => me(ShareUpdateExclusive, false, false),
        _ => me(AccessExclusive, false, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locks(sql: &str) -> Vec<RelationLock> {
        locks_v(sql, PgVersion::new(17, 0))
    }

    fn locks_v(sql: &str, pg: PgVersion) -> Vec<RelationLock> {
        let parsed = pg_query::parse(sql).unwrap();
        let node = parsed.protobuf.stmts[0]
            .stmt
            .as_ref()
            .unwrap()
            .node
            .as_ref()
            .unwrap()
            .clone();
        statement_locks(&node, pg)
    }

    fn one(sql: &str) -> (LockMode, bool, bool) {
        let l = locks(sql);
        (l[0].mode, l[0].rewrite, l[0].scan)
    }

    #[test]
    fn conflict_table_matches_the_documentation() {
        use LockMode::*;
        // Rows of table 13.2: the modes each mode conflicts with.
        let expected: [(LockMode, &[LockMode]); 8] = [
            (AccessShare, &[AccessExclusive]),
            (RowShare, &[Exclusive, AccessExclusive]),
            (
                RowExclusive,
                &[Share, ShareRowExclusive, Exclusive, AccessExclusive],
            ),
            (
                ShareUpdateExclusive,
                &[
                    ShareUpdateExclusive,
                    Share,
                    ShareRowExclusive,
                    Exclusive,
                    AccessExclusive,
                ],
            ),
            (
                Share,
                &[
                    RowExclusive,
                    ShareUpdateExclusive,
                    ShareRowExclusive,
                    Exclusive,
                    AccessExclusive,
                ],
            ),
            (
                ShareRowExclusive,
                &[
                    RowExclusive,
                    ShareUpdateExclusive,
                    Share,
                    ShareRowExclusive,
                    Exclusive,
                    AccessExclusive,
                ],
            ),
            (
                Exclusive,
                &[
                    RowShare,
                    RowExclusive,
                    ShareUpdateExclusive,
                    Share,
                    ShareRowExclusive,
                    Exclusive,
                    AccessExclusive,
                ],
            ),
            (AccessExclusive, &LockMode::ALL),
        ];
        for (mode, conflicts) in expected {
            for other in LockMode::ALL {
                assert_eq!(
                    mode.conflicts_with(other),
                    conflicts.contains(&other),
                    "{mode} vs {other}"
                );
            }
        }
        assert!(AccessExclusive.blocks_reads() && !Share.blocks_reads());
        assert!(Share.blocks_writes() && !ShareUpdateExclusive.blocks_writes());
        assert_eq!(LockMode::from_pg_locks_name("ShareLock"), Some(Share));
    }

    #[test]
    fn indexes() {
        use LockMode::*;
        assert_eq!(one("create index i on t (a)"), (Share, false, true));
        assert_eq!(
            one("create index concurrently i on t (a)"),
            (ShareUpdateExclusive, false, true)
        );
        assert_eq!(one("drop index i"), (AccessExclusive, false, false));
        assert_eq!(
            one("drop index concurrently i"),
            (ShareUpdateExclusive, false, false)
        );
        assert_eq!(one("reindex table t"), (Share, false, true));
        assert_eq!(
            one("reindex (concurrently) table t"),
            (ShareUpdateExclusive, false, true)
        );
        assert_eq!(
            one("reindex table concurrently t"),
            (ShareUpdateExclusive, false, true)
        );
    }

    #[test]
    fn alter_table_subcommands_differ() {
        use LockMode::*;
        assert_eq!(
            one("alter table t add column c int"),
            (AccessExclusive, false, false)
        );
        assert_eq!(
            one("alter table t add column c int default 0"),
            (AccessExclusive, false, false)
        );
        assert_eq!(
            one("alter table t add column c uuid default gen_random_uuid()"),
            (AccessExclusive, true, false)
        );
        assert_eq!(
            one("alter table t add column c bigserial"),
            (AccessExclusive, true, false)
        );
        assert!(
            locks_v(
                "alter table t add column c int default 0",
                PgVersion::new(10, 0)
            )[0]
            .rewrite
        );
        assert_eq!(
            one("alter table t alter column c set not null"),
            (AccessExclusive, false, true)
        );
        assert_eq!(
            one("alter table t alter column c type bigint"),
            (AccessExclusive, true, true)
        );
        assert_eq!(
            one("alter table t alter column c set statistics 100"),
            (ShareUpdateExclusive, false, false)
        );
        assert_eq!(
            one("alter table t add constraint c check (a > 0)"),
            (AccessExclusive, false, true)
        );
        assert_eq!(
            one("alter table t add constraint c check (a > 0) not valid"),
            (AccessExclusive, false, false)
        );
        assert_eq!(
            one("alter table t validate constraint c"),
            (ShareUpdateExclusive, false, true)
        );
        assert_eq!(
            one("alter table t set logged"),
            (AccessExclusive, true, true)
        );
        assert_eq!(
            one("alter table t set tablespace x"),
            (AccessExclusive, true, true)
        );
        assert_eq!(
            one("alter table t disable trigger all"),
            (ShareRowExclusive, false, false)
        );
        assert_eq!(
            one("alter table t set (fillfactor = 70)"),
            (ShareUpdateExclusive, false, false)
        );
        assert_eq!(
            one("alter table t add constraint u unique using index u_idx"),
            (AccessExclusive, false, false)
        );
        assert_eq!(
            one("alter table t add constraint u unique (a)"),
            (AccessExclusive, false, true)
        );
        // Strongest of several subcommands wins.
        assert_eq!(
            one("alter table t alter column b set statistics 10, alter column a set statistics 5, add column z int"),
            (AccessExclusive, false, false)
        );
    }

    #[test]
    fn foreign_keys_lock_both_tables() {
        use LockMode::*;
        let l = locks("alter table orders add constraint fk foreign key (cid) references public.customers (id)");
        assert_eq!(l.len(), 2);
        assert_eq!(
            (l[0].relation.as_str(), l[0].mode, l[0].scan),
            ("orders", ShareRowExclusive, true)
        );
        assert_eq!(
            (l[1].relation.as_str(), l[1].mode),
            ("public.customers", ShareRowExclusive)
        );
        let l = locks("alter table orders add constraint fk foreign key (cid) references customers (id) not valid");
        assert!(!l[0].scan);
        let l = locks("alter table orders add column cid bigint references customers (id)");
        assert_eq!(l[1].relation, "customers");
    }

    #[test]
    fn partitions_and_maintenance() {
        use LockMode::*;
        let l = locks("alter table parent attach partition p1 for values in (1)");
        assert_eq!(
            (l[0].mode, l[1].relation.as_str(), l[1].mode, l[1].scan),
            (ShareUpdateExclusive, "p1", AccessExclusive, true)
        );
        let l = locks("alter table parent detach partition p1");
        assert_eq!(l[0].mode, AccessExclusive);
        let l = locks("alter table parent detach partition p1 concurrently");
        assert_eq!(l[0].mode, ShareUpdateExclusive);
        assert_eq!(one("vacuum full t"), (AccessExclusive, true, true));
        assert_eq!(one("vacuum t"), (ShareUpdateExclusive, false, true));
        assert_eq!(one("cluster t using i"), (AccessExclusive, true, true));
        assert_eq!(one("refresh materialized view v").0, AccessExclusive);
        assert_eq!(
            one("refresh materialized view v"),
            (AccessExclusive, true, true)
        );
        assert_eq!(
            one("refresh materialized view concurrently v"),
            (Exclusive, false, true)
        );
        assert_eq!(
            one("create trigger x before insert on t for each row execute function f()").0,
            ShareRowExclusive
        );
        assert_eq!(one("update t set a = 1").0, RowExclusive);
        assert_eq!(one("lock table t in share mode").0, Share);
        assert_eq!(one("truncate t").0, AccessExclusive);
        assert_eq!(one("alter table t rename column a to b").0, AccessExclusive);
        assert_eq!(one("comment on table t is 'x'").0, ShareUpdateExclusive);
        assert!(locks("select 1").is_empty());
        assert!(locks("grant select on t to r").is_empty());
    }
}
