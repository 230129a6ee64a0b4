//! `dbtool dump` (plan, then pg_dump with progress), `dbtool dump load`
//! (pg_restore into the sandbox or another local database) and `dbtool dump
//! list` (a dump's contents). A short script over `crate::dump`; talks to
//! PostgreSQL and runs pg_dump/pg_restore.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use serde_json::json;

use crate::access::{AccessArgs, IdentityArgs, Intent, Kind, Role};
use crate::context::Context;
use crate::dump::plan::{human_bytes, PlannedRelation, RelKind, Status};
use crate::dump::{self, catalog, execute, load, toc, DumpPlan, Filters, Format};
use crate::error::{ExitStatus, UserError};
use crate::printer::Printer;
use crate::tools::{self, Tool};

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct DumpArgs {
    #[command(subcommand)]
    pub action: Option<DumpAction>,

    /// The database to dump, and as whom (default role: readonly)
    #[command(flatten)]
    pub access: AccessArgs,

    /// Start from the exclusions of [dump.presets.NAME] in dbtool.toml
    #[arg(long, value_name = "NAME")]
    pub preset: Option<String>,

    /// Leave out schemas matching PATTERN entirely
    #[arg(long, value_name = "PATTERN")]
    pub exclude_schema: Vec<String>,

    /// Leave out tables matching PATTERN and their definitions (views and foreign keys on them break)
    #[arg(long, value_name = "PATTERN")]
    pub exclude_table: Vec<String>,

    /// Keep the definition of tables matching PATTERN but skip their rows
    #[arg(long, value_name = "PATTERN")]
    pub exclude_table_data: Vec<String>,

    /// Dump only tables matching PATTERN (and their partitions)
    #[arg(long, value_name = "PATTERN")]
    pub include_table: Vec<String>,

    /// Write the dump to FILE (default: DATABASE-DATE.dump in the current directory)
    #[arg(short = 'f', long, value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// Archive format
    #[arg(long, value_name = "FORMAT", default_value = "custom")]
    pub format: Format,

    /// Dump N tables at once (directory format; one consistent snapshot)
    #[arg(short = 'j', long, value_name = "N", default_value_t = 1)]
    pub jobs: u32,

    /// Show the plan (what is dumped and skipped, sizes, warnings) and stop
    #[arg(long)]
    pub dry_run: bool,

    /// Dump even when foreign keys of dumped rows reference rows left out
    #[arg(long)]
    pub no_fk_check: bool,
}

#[derive(Debug, Subcommand)]
pub enum DumpAction {
    /// Load a dump into the sandbox (or --url/--into) with pg_restore
    Load(LoadArgs),
    /// Summarise a dump's contents: schemas, tables with data or without
    List(ListArgs),
}

#[derive(Debug, clap::Args)]
pub struct LoadArgs {
    /// The dump: a custom-format file or a directory-format directory
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Load into database DBNAME on the target server
    #[arg(long, value_name = "DBNAME")]
    pub into: Option<String>,

    /// Server to load into (postgresql://user@host:port/db) instead of the sandbox [env: DBTOOL_DATABASE_URL, DATABASE_URL]
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// Role and user to load as, with --env or --url (default role: admin)
    #[command(flatten)]
    pub identity: IdentityArgs,

    /// Create the database first (named by --into, else the one in --url, else after FILE)
    #[arg(long)]
    pub create: bool,

    /// Name of the variable in the `export` line printed at the end (e.g. SQLALCHEMY_DATABASE_URI)
    #[arg(long = "var", value_name = "NAME", default_value = "DATABASE_URL", value_parser = shell_var_name)]
    pub var: String,

    /// Restore N items at once
    #[arg(short = 'j', long, value_name = "N", default_value_t = 1)]
    pub jobs: u32,

    /// Drop the objects of the dump before recreating them
    #[arg(long)]
    pub clean: bool,

    /// Fail on any restore error, also objects the local server lacks (extensions…)
    #[arg(long)]
    pub strict: bool,

    /// Confirm loading into anything but the sandbox (on a terminal the database name is typed too)
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// The dump: a custom-format file or a directory-format directory
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

pub async fn run(ctx: &Context, args: &DumpArgs) -> anyhow::Result<ExitStatus> {
    match &args.action {
        Some(DumpAction::Load(a)) => run_load(ctx, a).await,
        Some(DumpAction::List(a)) => run_list(ctx, a).await,
        None => run_dump(ctx, args).await,
    }
}

/// The preset (if any) followed by the flags.
fn filters(ctx: &Context, args: &DumpArgs) -> anyhow::Result<Filters> {
    let mut f = Filters::default();
    if let Some(name) = &args.preset {
        let presets = ctx.config().map(|c| &c.dump.presets);
        let Some(p) = presets.and_then(|p| p.get(name)) else {
            let names: Vec<&str> = presets
                .map(|p| p.keys().map(String::as_str).collect())
                .unwrap_or_default();
            let err = UserError::usage(format!("unknown dump preset `{name}`"));
            return Err(match crate::text::nearest(name, &names) {
                Some(n) => err.hint(format!("did you mean `{n}`?")),
                None if names.is_empty() => {
                    err.hint("define [dump.presets.NAME] in dbtool.toml (docs/dump.md)")
                }
                None => err.hint(format!("configured presets: {}", names.join(", "))),
            }
            .into());
        };
        f = Filters {
            exclude_schemas: p.exclude_schemas.clone(),
            exclude_tables: p.exclude_tables.clone(),
            exclude_table_data: p.exclude_table_data.clone(),
            include_tables: p.include_tables.clone(),
        };
    }
    f.extend(&Filters {
        exclude_schemas: args.exclude_schema.clone(),
        exclude_tables: args.exclude_table.clone(),
        exclude_table_data: args.exclude_table_data.clone(),
        include_tables: args.include_table.clone(),
    });
    Ok(f)
}

async fn run_dump(ctx: &Context, args: &DumpArgs) -> anyhow::Result<ExitStatus> {
    let p = &ctx.printer;
    let filters = filters(ctx, args)?;
    let request = ctx.request(&args.access, Intent::Read, Role::Readonly);
    let resolved = ctx.resolve(&request, false).await?;
    let client = resolved.conn.connect().await?;
    let cat = catalog::load(&client).await?;
    drop(client);
    let pg_dump = tools::find(Tool::PgDump)?;
    let version = {
        let path = pg_dump.clone();
        tokio::task::spawn_blocking(move || tools::version(&path)).await?
    };
    let version_text = version.as_ref().map(|v| v.1.clone()).unwrap_or_default();
    let pg_dump_major = execute::check_version(&pg_dump, version, cat.server_major)?;
    let plan = dump::plan(
        &cat,
        &filters,
        &dump::Options {
            format: args.format,
            jobs: args.jobs,
            pg_dump_major,
        },
    )?;
    let output = match &args.file {
        Some(f) => f.clone(),
        None => PathBuf::from(format!(
            "{}-{}.{}",
            resolved.conn.dbname,
            chrono::Local::now().format("%Y%m%d-%H%M%S"),
            args.format.extension()
        )),
    };
    // Before anything is dumped: never a directory dbtool did not make.
    let out = crate::dump::output::check(&output, args.format)?;
    let source = resolved.describe();
    if cat.sizes_estimated {
        p.warn("a table is locked by another session (e.g. ALTER TABLE): sizes are estimates from the last VACUUM/ANALYZE, and pg_dump will wait for the lock");
    }
    if !p.is_json() {
        show_plan(
            p,
            &plan,
            &source,
            &version_text,
            &output,
            cat.server_major,
            args.dry_run,
        );
    }
    for w in &plan.warnings {
        p.warn(&w.message);
        for o in &w.objects {
            if w.kind != crate::dump::plan::WarningKind::ForeignKeyData {
                p.status(format!("  - {o}"));
            }
        }
        if let Some(h) = &w.hint {
            p.hint(h);
        }
    }
    let fk_problems = plan.fk_data_warnings().count();
    if args.dry_run {
        if p.is_json() {
            p.json(&json!({ "source": source, "file": output, "plan": plan }))?;
        }
        return Ok(ExitStatus::Success);
    }
    if let Some(w) = plan.unreadable() {
        return Err(UserError::runtime(format!(
            "the dump user `{}` cannot read {}; nothing was dumped",
            resolved.conn.shown_user(),
            w.objects.join(", ")
        ))
        .hint("pg_dump locks every table it dumps, which needs SELECT: see the hint above")
        .into());
    }
    if fk_problems > 0 && !args.no_fk_check {
        return Err(UserError::usage(format!(
            "{fk_problems} foreign key(s) of dumped rows reference rows that are not dumped; nothing was dumped"
        ))
        .hint("add --exclude-table-data for the referencing tables named above, or pass --no-fk-check to dump anyway (pg_restore will report the constraints it cannot add)")
        .into());
    }
    let summary = execute::run(p, &resolved.conn, &pg_dump, &plan, &out, cat.server_major).await?;
    if p.is_json() {
        p.json(&json!({ "source": source, "plan": plan, "summary": summary }))?;
    } else {
        p.data("");
        p.table(&execute::summary_rows(&summary, 20));
        for w in &summary.warnings {
            p.warn(w);
        }
        p.success(format!(
            "wrote {} ({}, {} on disk) in {:.1}s",
            summary.file.display(),
            summary.format.as_str(),
            human_bytes(summary.output_bytes as i64),
            summary.seconds
        ));
        p.hint(format!(
            "load it locally with `dbtool dump load {} --create`",
            summary.file.display()
        ));
    }
    Ok(ExitStatus::Success)
}

/// One line of the plan table.
struct PlanRow {
    name: String,
    size: i64,
    rows: Option<i64>,
    partitions: usize,
    status: Status,
    reason: Option<String>,
    kind: RelKind,
}

/// Rows of the plan table: partitions with their parent's status are folded
/// into the parent; views are counted, not listed.
fn plan_rows(plan: &DumpPlan) -> Vec<Vec<String>> {
    let find = |q: &str| plan.relations.iter().find(|x| x.qualified() == q);
    let root_of = |r: &PlannedRelation| -> Option<String> {
        let mut cur = r.partition_of.clone()?;
        while let Some(up) = find(&cur).and_then(|x| x.partition_of.clone()) {
            cur = up;
        }
        Some(cur)
    };
    let mut folded: Vec<PlanRow> = Vec::new();
    for r in plan
        .relations
        .iter()
        .filter(|r| r.kind != RelKind::View && r.status != Status::SchemaExcluded)
    {
        let root = root_of(r).filter(|q| find(q).is_some_and(|x| x.status == r.status));
        let key = root.clone().unwrap_or_else(|| r.qualified());
        let row = match folded.iter().position(|f| f.name == key) {
            Some(i) => &mut folded[i],
            None => {
                folded.push(PlanRow {
                    name: key,
                    size: 0,
                    rows: None,
                    partitions: 0,
                    status: r.status,
                    reason: None,
                    kind: RelKind::Partitioned,
                });
                folded.last_mut().expect("just pushed")
            }
        };
        row.size += r.size;
        if let Some(n) = r.rows {
            row.rows = Some(row.rows.unwrap_or(0) + n);
        }
        if root.is_some() {
            row.partitions += 1;
        } else {
            row.kind = r.kind;
            row.reason = r.reason.clone();
        }
    }
    folded.sort_by(|a, b| b.size.cmp(&a.size).then(a.name.cmp(&b.name)));
    let mut rows = vec![vec![
        "table".to_string(),
        "size".to_string(),
        "rows".to_string(),
        "action".to_string(),
    ]];
    for f in folded {
        let mut label = f.name;
        if f.partitions > 0 {
            label.push_str(&format!(" (+{} partitions)", f.partitions));
        } else if f.kind == RelKind::MaterializedView {
            label.push_str(" (materialized view)");
        }
        let action = match f.reason {
            Some(r) if f.status != Status::Dumped => format!("{} ({r})", f.status.label()),
            _ => f.status.label().to_string(),
        };
        rows.push(vec![
            label,
            human_bytes(f.size),
            f.rows
                .map(|n| format!("~{n}"))
                .unwrap_or_else(|| "?".into()),
            action,
        ]);
    }
    rows
}

fn show_plan(
    p: &Printer,
    plan: &DumpPlan,
    source: &str,
    pg_dump_version: &str,
    output: &Path,
    server_major: u32,
    dry_run: bool,
) {
    // The plan is the answer of --dry-run (stdout); before a dump it is
    // status (stderr), so stdout holds only the summary.
    let out = |line: String| {
        if dry_run {
            p.data(line)
        } else {
            p.status(line)
        }
    };
    p.status(format!(
        "Dump of {source} (PostgreSQL {server_major}) with pg_dump {pg_dump_version} into {} ({}{})",
        output.display(),
        plan.format.as_str(),
        if plan.jobs > 1 { format!(", {} jobs", plan.jobs) } else { String::new() }
    ));
    for line in crate::printer::format_table(&plan_rows(plan)) {
        out(line);
    }
    for s in &plan.excluded_schemas {
        let (n, size) = plan
            .relations
            .iter()
            .filter(|r| &r.schema == s && r.kind.has_data())
            .fold((0, 0), |(n, b), r| (n + 1, b + r.size));
        out(format!(
            "schema {s} left out: {n} tables, {}",
            human_bytes(size)
        ));
    }
    let dumped = plan.data_relations().count();
    let skipped = plan
        .relations
        .iter()
        .filter(|r| r.kind.has_data() && !r.data_dumped())
        .count();
    out(format!(
        "rows dumped: {} in {dumped} tables; skipped: {} in {skipped} tables; estimated dump size ≈ {}{}",
        human_bytes(plan.data_bytes),
        human_bytes(plan.skipped_bytes),
        human_bytes(plan.estimated_bytes),
        if plan.format == Format::Plain { "" } else { " (compressed)" }
    ));
    p.verbose(format!("pg_dump {}", plan.args.join(" ")));
}

/// `--var`: a shell variable name.
fn shell_var_name(s: &str) -> Result<String, String> {
    let ok = s
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if ok {
        Ok(s.to_string())
    } else {
        Err(format!(
            "`{s}` is not a shell variable name (letters, digits and _, not starting with a digit)"
        ))
    }
}

/// A database name from a dump file name: `staging-20250101.dump` → `staging_20250101`.
fn name_from_file(file: &Path) -> String {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "dump".into());
    let mut name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "dump_");
    }
    name.truncate(63);
    name
}

async fn run_load(ctx: &Context, args: &LoadArgs) -> anyhow::Result<ExitStatus> {
    let p = &ctx.printer;
    if !args.file.exists() {
        return Err(UserError::usage(format!("{} does not exist", args.file.display())).into());
    }
    if toc::archive_kind(&args.file)? == toc::ArchiveKind::Plain {
        return Err(UserError::usage(format!(
            "{} is a plain SQL dump; pg_restore loads custom and directory archives",
            args.file.display()
        ))
        .hint("load it with `psql -f FILE` (e.g. `dbtool connect -- -f FILE`), or dump again with --format custom")
        .into());
    }
    if args.jobs == 0 {
        return Err(UserError::usage("--jobs must be at least 1").into());
    }
    let pg_restore = tools::find(Tool::PgRestore)?;
    let contents = toc::read(&pg_restore, &args.file).await?;
    let mut request = ctx.request_identity(&args.identity, Intent::Destroy, Role::Admin);
    request.url = args.url.clone();
    // The sandbox unless --url, --env or a URL variable says otherwise.
    request.prefer_sandbox = true;
    // Without a terminal and without --yes, refuse before any AWS call.
    let planned = ctx.plan(&request)?;
    let needs_yes = crate::access::policy::confirmation(&planned, Intent::Destroy).is_some();
    if needs_yes && !args.yes && !crate::prompt::interactive() {
        return Err(UserError::usage(format!(
            "refusing to load into {} ({}), which is not the local sandbox",
            planned.describe(),
            planned.origin.describe()
        ))
        .hint("pass --yes to confirm (on a terminal you type the database name); without --url or --env, `dbtool dump load` loads into the sandbox")
        .into());
    }
    let resolved = ctx.resolve(&request, args.yes).await?;
    let dbname = match (&args.into, args.create) {
        (Some(n), _) => n.clone(),
        (None, true) if resolved.kind == Kind::Sandbox || !resolved.dbname_given => {
            name_from_file(&args.file)
        }
        (None, _) => resolved.conn.dbname.clone(),
    };
    if let Some(c) = &resolved.confirmation {
        let place = match &resolved.environment {
            Some(e) => format!("`{dbname}` of environment `{e}` ({})", resolved.conn.host),
            None => format!(
                "`{dbname}` on {}:{}",
                resolved.conn.host, resolved.conn.port
            ),
        };
        c.ask(
            p,
            &format!("load {} into", args.file.display()),
            &place,
            &dbname,
            args.yes,
        )?;
    }
    let conn = resolved.conn.with_dbname(&dbname);
    if args.create {
        load::create_database(&resolved.conn, &dbname).await?;
        p.success(format!("created database {dbname}"));
    }
    p.status(format!(
        "Loading {} ({} entries) into {}",
        args.file.display(),
        contents.entries,
        conn
    ));
    let outcome = load::run(
        p,
        &conn,
        &pg_restore,
        &args.file,
        contents.entries,
        args.jobs,
        args.clean,
    )
    .await?;
    // The sandbox's password is local and in a 0600 file already: print a URL that connects.
    let url = if resolved.kind == Kind::Sandbox {
        conn.url(true)
    } else {
        conn.url(false)
    };
    let (skipped, failed): (Vec<_>, Vec<_>) =
        outcome.errors.iter().partition(|e| e.environment_only);
    let again = format!(
        "load again with --clean, or drop it (`DROP DATABASE \"{dbname}\"`) and use --create"
    );
    if outcome.interrupted {
        return Err(UserError::runtime(format!(
            "interrupted: database `{dbname}` is partly loaded"
        ))
        .hint(again)
        .into());
    }
    if let Some(sig) = outcome.killed_by {
        return Err(UserError::runtime(format!(
            "pg_restore was killed (signal {sig}) before it finished: database `{dbname}` is partly loaded"
        ))
        .hint(again)
        .into());
    }
    // What the archive promised against what exists.
    let missing = load::missing_tables(&conn, &contents.tables).await?;
    let incomplete = outcome.incomplete_tables();
    if !missing.is_empty() || !incomplete.is_empty() {
        for e in &failed {
            p.warn(format!("pg_restore error:\n  {}", e.lines.join("\n  ")));
        }
        let mut what = Vec::new();
        if !incomplete.is_empty() {
            what.push(format!("rows of {} did not load", incomplete.join(", ")));
        }
        if !missing.is_empty() {
            what.push(format!("{} do not exist", missing.join(", ")));
        }
        return Err(UserError::runtime(format!(
            "database `{dbname}` is partly loaded: {}",
            what.join("; ")
        ))
        .hint(format!("see pg_restore's errors above; then {again}"))
        .into());
    }
    for e in &skipped {
        p.warn(format!(
            "skipped an object the local server cannot create:\n  {}",
            e.lines.join("\n  ")
        ));
    }
    for e in &failed {
        p.warn(format!("pg_restore error:\n  {}", e.lines.join("\n  ")));
    }
    if !failed.is_empty() || (args.strict && !skipped.is_empty()) {
        let n = failed.len() + if args.strict { skipped.len() } else { 0 };
        return Err(UserError::runtime(format!(
            "{n} error(s) while loading into `{dbname}`; the database is incomplete"
        ))
        .hint(if failed.is_empty() {
            "without --strict, objects the local server lacks are skipped with a warning"
        } else {
            "see pg_restore's errors above; foreign-key errors mean rows were left out of the dump (--exclude-table-data): dump with the referencing table's data excluded too"
        })
        .into());
    }
    if p.is_json() {
        p.json(&json!({
            "database": dbname,
            "url": url,
            "seconds": outcome.seconds,
            "skipped": skipped,
        }))?;
    } else {
        p.success(format!(
            "loaded {} into {dbname} in {:.1}s{}",
            args.file.display(),
            outcome.seconds,
            if skipped.is_empty() {
                String::new()
            } else {
                format!(
                    " ({} objects skipped; --strict makes that an error)",
                    skipped.len()
                )
            }
        ));
        p.data(format!(
            "export {}={}",
            args.var,
            crate::shell::sh_quote(&url)
        ));
    }
    Ok(ExitStatus::Success)
}

async fn run_list(ctx: &Context, args: &ListArgs) -> anyhow::Result<ExitStatus> {
    let p = &ctx.printer;
    if !args.file.exists() {
        return Err(UserError::usage(format!("{} does not exist", args.file.display())).into());
    }
    let pg_restore = tools::find(Tool::PgRestore)?;
    let toc = toc::read(&pg_restore, &args.file).await?;
    if p.is_json() {
        p.json(&toc)?;
        return Ok(ExitStatus::Success);
    }
    let h = |k: &str| toc.header.get(k).cloned().unwrap_or_else(|| "?".into());
    p.data(format!(
        "{}: {} archive of database {}, PostgreSQL {}, {} entries",
        args.file.display(),
        h("Format").to_lowercase(),
        h("dbname"),
        h("Dumped from database version"),
        toc.entries
    ));
    p.data("");
    let mut rows = vec![vec![
        "schema".to_string(),
        "tables".to_string(),
        "with data".to_string(),
        "without data".to_string(),
    ]];
    for (name, s) in &toc.schemas {
        rows.push(vec![
            name.clone(),
            s.tables.to_string(),
            s.with_data.to_string(),
            s.without_data.to_string(),
        ]);
    }
    p.table(&rows);
    p.data("");
    let mut rows = vec![vec!["table".to_string(), "data".to_string()]];
    for t in &toc.tables {
        rows.push(vec![
            format!(
                "{}.{}{}",
                t.schema,
                t.name,
                if t.partition { " (partition)" } else { "" }
            ),
            if t.data { "yes" } else { "no" }.to_string(),
        ]);
    }
    p.table(&rows);
    if !toc.objects.is_empty() {
        p.data("");
        let other: Vec<String> = toc
            .objects
            .iter()
            .map(|(k, n)| format!("{n} {k}"))
            .collect();
        p.data(format!("other objects: {}", other.join(", ")));
    }
    Ok(ExitStatus::Success)
}
