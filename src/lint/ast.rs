//! Small readers over pg_query's protobuf AST: relation names, type names,
//! column definitions, constraints and the volatility of default
//! expressions. Pure; touches no external system.

use pg_query::protobuf::{self, ConstrType, Node};
use pg_query::NodeEnum;

use super::PgVersion;

/// The columns a CHECK expression proves NOT NULL: `col IS NOT NULL`, also
/// as a conjunct of an AND.
pub fn not_null_columns(expr: Option<&Node>) -> Vec<String> {
    let mut out = Vec::new();
    match expr.and_then(|e| e.node.as_ref()) {
        Some(NodeEnum::NullTest(t)) if t.nulltesttype() == protobuf::NullTestType::IsNotNull => {
            if let Some(NodeEnum::ColumnRef(c)) = t.arg.as_deref().and_then(|a| a.node.as_ref()) {
                if let [f] = c.fields.as_slice() {
                    if let Some(name) = sval(f) {
                        out.push(name.to_string());
                    }
                }
            }
        }
        Some(NodeEnum::BoolExpr(b)) if b.boolop() == protobuf::BoolExprType::AndExpr => {
            for a in &b.args {
                out.extend(not_null_columns(Some(a)));
            }
        }
        _ => {}
    }
    out
}

/// `schema.name` or `name`, as PostgreSQL folded it.
pub fn range_var_name(rv: &protobuf::RangeVar) -> String {
    if rv.schemaname.is_empty() {
        rv.relname.clone()
    } else {
        format!("{}.{}", rv.schemaname, rv.relname)
    }
}

pub fn rel_name(rv: Option<&protobuf::RangeVar>) -> String {
    rv.map(range_var_name).unwrap_or_default()
}

/// The unqualified name of a possibly qualified relation name.
pub fn bare(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name)
}

fn sval(n: &Node) -> Option<&str> {
    match n.node.as_ref() {
        Some(NodeEnum::String(s)) => Some(s.sval.as_str()),
        _ => None,
    }
}

/// A `List` of `String` nodes joined with dots (`schema.table`).
pub fn name_list(n: Option<&NodeEnum>) -> Option<String> {
    match n {
        Some(NodeEnum::List(l)) => {
            let parts: Vec<&str> = l.items.iter().filter_map(sval).collect();
            (!parts.is_empty()).then(|| parts.join("."))
        }
        Some(NodeEnum::RangeVar(rv)) => Some(range_var_name(rv)),
        Some(NodeEnum::String(s)) => Some(s.sval.clone()),
        _ => None,
    }
}

/// The names a DROP statement removes.
pub fn drop_object_names(d: &protobuf::DropStmt) -> Vec<String> {
    d.objects
        .iter()
        .filter_map(|o| name_list(o.node.as_ref()))
        .collect()
}

pub fn alter_cmds(a: &protobuf::AlterTableStmt) -> impl Iterator<Item = &protobuf::AlterTableCmd> {
    a.cmds.iter().filter_map(|c| match c.node.as_ref() {
        Some(NodeEnum::AlterTableCmd(cmd)) => Some(cmd.as_ref()),
        _ => None,
    })
}

pub fn constraints(nodes: &[Node]) -> impl Iterator<Item = &protobuf::Constraint> {
    nodes.iter().filter_map(|c| match c.node.as_ref() {
        Some(NodeEnum::Constraint(con)) => Some(con.as_ref()),
        _ => None,
    })
}

/// Whether a `DefElem` option list holds `name` (e.g. `CONCURRENTLY`, `FULL`)
/// not explicitly set to false.
pub fn has_option(options: &[Node], name: &str) -> bool {
    options.iter().any(|o| match o.node.as_ref() {
        Some(NodeEnum::DefElem(d)) if d.defname.eq_ignore_ascii_case(name) => {
            match d.arg.as_deref().and_then(|a| a.node.as_ref()) {
                Some(NodeEnum::Boolean(b)) => b.boolval,
                Some(NodeEnum::String(s)) => {
                    !matches!(s.sval.to_ascii_lowercase().as_str(), "false" | "off" | "0")
                }
                Some(NodeEnum::Integer(i)) => i.ival != 0,
                _ => true,
            }
        }
        _ => false,
    })
}

pub fn column_def(n: Option<&Node>) -> Option<&protobuf::ColumnDef> {
    match n?.node.as_ref()? {
        NodeEnum::ColumnDef(cd) => Some(cd),
        _ => None,
    }
}

pub fn constraint(n: Option<&Node>) -> Option<&protobuf::Constraint> {
    match n?.node.as_ref()? {
        NodeEnum::Constraint(c) => Some(c),
        _ => None,
    }
}

pub fn partition_cmd(n: Option<&Node>) -> Option<&protobuf::PartitionCmd> {
    match n?.node.as_ref()? {
        NodeEnum::PartitionCmd(p) => Some(p),
        _ => None,
    }
}

/// A column type as written, normalised: `name` is PostgreSQL's internal
/// name without `pg_catalog` (`int4`, `varchar`, `bpchar`, `timestamptz`…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeInfo {
    pub name: String,
    /// Integer type modifiers: `varchar(20)` → [20], `numeric(10,2)` → [10, 2].
    pub typmods: Vec<i64>,
    pub array: bool,
    /// Byte offset in the statement, when known.
    pub location: Option<usize>,
}

impl TypeInfo {
    pub fn of(t: &protobuf::TypeName) -> TypeInfo {
        let names: Vec<&str> = t.names.iter().filter_map(sval).collect();
        let name = names
            .iter()
            .rev()
            .find(|n| **n != "pg_catalog")
            .copied()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let typmods = t
            .typmods
            .iter()
            .filter_map(|m| match m.node.as_ref() {
                Some(NodeEnum::AConst(c)) => match c.val.as_ref() {
                    Some(protobuf::a_const::Val::Ival(i)) => Some(i.ival as i64),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        TypeInfo {
            name,
            typmods,
            array: !t.array_bounds.is_empty(),
            location: loc(t.location),
        }
    }

    pub fn is_serial(&self) -> bool {
        matches!(
            self.name.as_str(),
            "serial" | "serial4" | "bigserial" | "serial8" | "smallserial" | "serial2"
        )
    }

    /// Whether changing a column from `self` to `new` needs neither a rewrite
    /// nor a scan (binary-coercible, per the ALTER TABLE documentation).
    pub fn binary_coercible_to(&self, new: &TypeInfo) -> bool {
        if self.array != new.array {
            return false;
        }
        let text_like = |n: &str| matches!(n, "text" | "varchar");
        match (self.name.as_str(), new.name.as_str()) {
            (a, "text") if text_like(a) => true,
            ("text", "varchar") => new.typmods.is_empty(),
            ("varchar", "varchar") => match (self.typmods.first(), new.typmods.first()) {
                (_, None) => true,
                (Some(old), Some(n)) => n >= old,
                (None, Some(_)) => false,
            },
            ("numeric", "numeric") => match (self.typmods.as_slice(), new.typmods.as_slice()) {
                (_, []) => true,
                ([p, s], [np, ns]) => ns == s && np >= p,
                ([p], [np]) => np >= p,
                _ => false,
            },
            ("varbit", "varbit") | ("bit varying", "bit varying") => {
                match (self.typmods.first(), new.typmods.first()) {
                    (_, None) => true,
                    (Some(o), Some(n)) => n >= o,
                    _ => false,
                }
            }
            ("cidr", "inet") => true,
            (a, b) => a == b && self.typmods == new.typmods,
        }
    }
}

fn loc(l: i32) -> Option<usize> {
    (l >= 0).then_some(l as usize)
}

/// How volatile a column default is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Volatility {
    /// No default, or `DEFAULT NULL`.
    None,
    /// A constant (`0`, `'x'`, `'{}'::jsonb`).
    Constant,
    /// Stable within a statement (`now()`, `CURRENT_TIMESTAMP`): evaluated once.
    Stable,
    /// Volatile (`random()`, `gen_random_uuid()`, `nextval()`) or unknown:
    /// evaluated per row, so the table is rewritten.
    Volatile,
}

const STABLE_FUNCTIONS: &[&str] = &[
    "now",
    "transaction_timestamp",
    "statement_timestamp",
    "current_setting",
    "current_database",
    "current_schema",
    "current_user",
    "to_jsonb",
    "jsonb_build_object",
    "json_build_object",
    "jsonb_build_array",
    "array",
    "lower",
    "upper",
    "coalesce",
    "make_interval",
    "to_timestamp",
    "timezone",
    "date_trunc",
];

/// Functions of [`STABLE_FUNCTIONS`] that take no argument: called with
/// one (`now(123)`), they name a function PostgreSQL does not have.
const NO_ARGUMENT_FUNCTIONS: &[&str] = &[
    "now",
    "transaction_timestamp",
    "statement_timestamp",
    "current_database",
    "current_schema",
    "current_user",
];

/// The volatility of an expression (conservative: unknown functions count
/// as volatile).
pub fn volatility(n: Option<&Node>) -> Volatility {
    let Some(node) = n.and_then(|n| n.node.as_ref()) else {
        return Volatility::None;
    };
    match node {
        NodeEnum::AConst(c) => {
            if c.isnull {
                Volatility::None
            } else {
                Volatility::Constant
            }
        }
        NodeEnum::TypeCast(tc) => match volatility(tc.arg.as_deref()) {
            Volatility::None => Volatility::None,
            v => v.max(Volatility::Constant),
        },
        NodeEnum::SqlvalueFunction(_) => Volatility::Stable,
        NodeEnum::FuncCall(f) => {
            let name = f
                .funcname
                .iter()
                .filter_map(sval)
                .next_back()
                .unwrap_or_default()
                .to_ascii_lowercase();
            let unknown_overload =
                !f.args.is_empty() && NO_ARGUMENT_FUNCTIONS.contains(&name.as_str());
            if STABLE_FUNCTIONS.contains(&name.as_str()) && !unknown_overload {
                f.args
                    .iter()
                    .map(|a| volatility(Some(a)))
                    .fold(Volatility::Stable, Volatility::max)
            } else {
                Volatility::Volatile
            }
        }
        NodeEnum::AExpr(e) => volatility(e.lexpr.as_deref())
            .max(volatility(e.rexpr.as_deref()))
            .max(Volatility::Constant),
        NodeEnum::AArrayExpr(a) => a
            .elements
            .iter()
            .map(|x| volatility(Some(x)))
            .fold(Volatility::Constant, Volatility::max),
        NodeEnum::BoolExpr(b) => b
            .args
            .iter()
            .map(|x| volatility(Some(x)))
            .fold(Volatility::Constant, Volatility::max),
        NodeEnum::CoalesceExpr(c) => c
            .args
            .iter()
            .map(|x| volatility(Some(x)))
            .fold(Volatility::Constant, Volatility::max),
        _ => Volatility::Volatile,
    }
}

/// What a column definition (in CREATE TABLE or ADD COLUMN) asks for.
#[derive(Debug, Clone)]
pub struct ColumnInfo {
    pub name: String,
    pub type_info: Option<TypeInfo>,
    pub default: Volatility,
    /// Byte offset of the DEFAULT constraint in the statement.
    pub default_location: Option<usize>,
    pub not_null: bool,
    pub primary: bool,
    pub unique_or_pk: bool,
    pub check: bool,
    /// Referenced table of an inline `REFERENCES`.
    pub references: Option<String>,
    /// Whether the inline foreign key is NOT VALID (never, inline) — kept for clarity.
    pub identity: bool,
    pub generated_stored: bool,
    pub location: Option<usize>,
}

impl ColumnInfo {
    pub fn of(cd: &protobuf::ColumnDef) -> ColumnInfo {
        let mut c = ColumnInfo {
            name: cd.colname.clone(),
            type_info: cd.type_name.as_ref().map(TypeInfo::of),
            default: volatility(cd.raw_default.as_deref()),
            default_location: None,
            not_null: cd.is_not_null,
            primary: false,
            unique_or_pk: false,
            check: false,
            references: None,
            identity: !cd.identity.is_empty(),
            generated_stored: !cd.generated.is_empty(),
            location: loc(cd.location),
        };
        for con in constraints(&cd.constraints) {
            match con.contype() {
                ConstrType::ConstrNotnull => c.not_null = true,
                ConstrType::ConstrDefault => {
                    c.default = volatility(con.raw_expr.as_deref());
                    c.default_location = loc(con.location);
                }
                ConstrType::ConstrPrimary => {
                    c.primary = true;
                    c.unique_or_pk = true;
                    c.not_null = true;
                }
                ConstrType::ConstrUnique => c.unique_or_pk = true,
                ConstrType::ConstrCheck => c.check = true,
                ConstrType::ConstrForeign => c.references = Some(rel_name(con.pktable.as_ref())),
                ConstrType::ConstrIdentity => c.identity = true,
                ConstrType::ConstrGenerated => c.generated_stored = true,
                _ => {}
            }
        }
        c
    }

    pub fn is_serial(&self) -> bool {
        self.type_info.as_ref().is_some_and(TypeInfo::is_serial)
    }

    /// Whether adding this column to an existing table rewrites it: a
    /// volatile default (any non-null default before PostgreSQL 11), serial,
    /// identity, or a stored generated column.
    pub fn rewrites(&self, pg: PgVersion) -> bool {
        if self.is_serial() || self.identity || self.generated_stored {
            return true;
        }
        if pg.major < 11 {
            self.default > Volatility::None
        } else {
            self.default == Volatility::Volatile
        }
    }
}

/// Without the old type: a change to `text`, unbounded `varchar` or
/// unconstrained `numeric` is probably binary-coercible (from varchar/text/
/// numeric); everything else is assumed to rewrite.
pub fn type_change_is_binary_coercible_guess(cmd: &protobuf::AlterTableCmd) -> bool {
    let Some(cd) = column_def(cmd.def.as_deref()) else {
        return false;
    };
    if cd.raw_default.is_some() {
        // USING expression
        return false;
    }
    match cd.type_name.as_ref().map(TypeInfo::of) {
        Some(t) => {
            matches!(t.name.as_str(), "text")
                || (matches!(t.name.as_str(), "varchar" | "numeric") && t.typmods.is_empty())
        }
        None => false,
    }
}
