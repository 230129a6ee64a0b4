//! PostgreSQL's parser (libpg_query, linked by the `pg_query` crate), reduced
//! to what dbtool uses: the statements' parse trees.
//!
//! `pg_query::parse` also walks every tree it returns to collect the tables,
//! functions, aliases and filter columns a statement mentions (its
//! `ParseResult`), in hash sets of owned strings that dbtool never reads:
//! a second pass over every node of every statement lint parses. This
//! module calls the same C entry point and decodes the same protobuf
//! message without that pass. Everything else (grammar, error messages,
//! node types) is `pg_query`'s; a unit test checks both give the same trees
//! and messages.

use std::ffi::{c_char, CStr, CString};

use pg_query::NodeEnum;
use prost::Message;

/// The layout of libpg_query's `PgQueryProtobuf` (pg_query.h).
#[repr(C)]
struct Protobuf {
    len: usize,
    data: *mut c_char,
}

/// The leading fields of libpg_query's `PgQueryError` (pg_query.h).
#[repr(C)]
struct QueryError {
    message: *mut c_char,
}

/// The layout of libpg_query's `PgQueryProtobufParseResult` (pg_query.h).
#[repr(C)]
struct ProtobufParseResult {
    parse_tree: Protobuf,
    stderr_buffer: *mut c_char,
    error: *mut QueryError,
}

extern "C" {
    // Both are defined in the libpg_query the `pg_query` crate links
    // statically (pg_query::parse calls the same two).
    fn pg_query_parse_protobuf(input: *const c_char) -> ProtobufParseResult;
    fn pg_query_free_protobuf_parse_result(result: ProtobufParseResult);
}

/// Parses SQL (one statement or several) into the statements' trees, in
/// order, or returns the parser's message (as `pg_query::parse` words it,
/// without its "Invalid statement: " prefix).
pub fn parse(sql: &str) -> Result<Vec<NodeEnum>, String> {
    Ok(parse_raw(sql)?
        .stmts
        .into_iter()
        .filter_map(|raw| raw.stmt.and_then(|n| n.node))
        .collect())
}

/// [`parse`] keeping each statement's location (`RawStmt`).
pub fn parse_raw(sql: &str) -> Result<pg_query::protobuf::ParseResult, String> {
    let input = CString::new(sql).map_err(|e| e.to_string())?;
    // SAFETY: `input` is a valid NUL-terminated string that outlives the
    // call; the result is freed exactly once below, after its buffers
    // (valid for `len` bytes, or NUL-terminated) have been copied out.
    unsafe {
        let result = pg_query_parse_protobuf(input.as_ptr());
        let out = if !result.error.is_null() {
            Err(CStr::from_ptr((*result.error).message)
                .to_string_lossy()
                .into_owned())
        } else {
            let data = if result.parse_tree.data.is_null() {
                &[][..]
            } else {
                std::slice::from_raw_parts(
                    result.parse_tree.data as *const u8,
                    result.parse_tree.len,
                )
            };
            pg_query::protobuf::ParseResult::decode(data)
                .map_err(|e| format!("cannot decode the parse tree: {e}"))
        };
        pg_query_free_protobuf_parse_result(result);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_trees_and_messages_as_pg_query() {
        for sql in [
            "SELECT 1",
            "CREATE TABLE t (id bigint PRIMARY KEY, n text DEFAULT 'x'); CREATE INDEX ON t (n)",
            "ALTER TABLE t ADD COLUMN c int NOT NULL DEFAULT 0",
            "",
            "-- only a comment",
            "SELEC 1",
            "CREATE TABLE (",
            "SELECT 'é' || E'\\n'",
        ] {
            let ours = parse(sql);
            let theirs = pg_query::parse(sql)
                .map(|r| {
                    r.protobuf
                        .stmts
                        .into_iter()
                        .filter_map(|raw| raw.stmt.and_then(|n| n.node))
                        .collect::<Vec<_>>()
                })
                .map_err(|e| {
                    e.to_string()
                        .trim_start_matches("Invalid statement: ")
                        .to_string()
                });
            assert_eq!(ours, theirs, "{sql}");
        }
    }

    #[test]
    fn a_nul_byte_is_an_error_not_a_truncation() {
        assert!(parse("SELECT 1\0; DROP TABLE t").is_err());
    }
}
