//! Flyway-compatible migrations for PostgreSQL: finding and naming files,
//! checksums, placeholders, statement splitting, the schema history table,
//! migration states, validation and the engine that applies them. Submodules
//! say which of them touch the filesystem or PostgreSQL.
//!
//! Reusable pieces: [`sql::split`] (statements with positions, psql syntax
//! handled) and [`sql::Statement::is_non_transactional`] for linting;
//! [`resolve::resolve`] to load a migrations directory; [`state::info`] and
//! [`state::validate`] as pure functions over files and history rows.

pub mod checksum;
pub mod drift;
pub mod engine;
pub mod history;
pub mod indexes;
pub mod naming;
pub mod placeholders;
pub mod rehearsal;
pub mod resolve;
pub mod settings;
pub mod sql;
pub mod state;
pub mod trace;
pub mod version;

pub use history::{AppliedMigration, HistoryTable};
pub use naming::Kind;
pub use resolve::{resolve, Resolved, ResolvedMigration};
pub use settings::Settings;
pub use state::{InfoEntry, State};
pub use version::{Target, Version};
