//! `dbtool dump`: filtered pg_dump runs that keep table definitions, with a
//! plan (sizes, warnings) before dumping, progress while dumping, and local
//! loading with pg_restore. Planning (`plan`, `pattern`, `progress`, `toc`
//! parsing) is pure; `catalog`, `execute` and `load` talk to PostgreSQL and
//! run pg_dump/pg_restore.

pub mod catalog;
pub mod execute;
pub mod load;
pub mod output;
pub mod pattern;
pub mod plan;
pub mod progress;
pub mod toc;

pub use plan::{plan, Catalog, DumpPlan, Filters, Format, Options};
