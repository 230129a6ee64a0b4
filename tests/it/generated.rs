//! Completions and the man page are generated from the CLI definition and
//! committed; this test fails when they are stale. Regenerate with
//! `DBTOOL_BLESS=1 cargo test --test it generated`.

#[test]
fn completions_and_man_page_are_fresh() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let bless = std::env::var_os("DBTOOL_BLESS").is_some();
    let mut stale = Vec::new();
    for (rel, content) in dbtool::commands::completions::generated_files() {
        let path = root.join(&rel);
        let current = std::fs::read(&path).unwrap_or_default();
        if current != content {
            if bless {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &content).unwrap();
            } else {
                stale.push(rel);
            }
        }
    }
    assert!(stale.is_empty(), "stale generated files {stale:?}: run `DBTOOL_BLESS=1 cargo test --test it generated` and commit");
}

/// The environment-variable table of docs/configuration.md comes from
/// `dbtool::env_vars`; regenerate with `DBTOOL_BLESS=1`.
#[test]
fn environment_variable_docs_are_fresh() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/configuration.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let (begin, end) = ("<!-- env-vars:begin -->\n", "<!-- env-vars:end -->");
    let i = doc.find(begin).expect("env-vars:begin marker") + begin.len();
    let j = doc.find(end).expect("env-vars:end marker");
    let want = dbtool::env_vars::markdown_table();
    if doc[i..j] != want {
        if std::env::var_os("DBTOOL_BLESS").is_some() {
            std::fs::write(&path, format!("{}{want}{}", &doc[..i], &doc[j..])).unwrap();
        } else {
            panic!("docs/configuration.md's variable table is stale: run `DBTOOL_BLESS=1 cargo test --test it generated` and commit");
        }
    }
    for v in dbtool::env_vars::ALL {
        assert!(!v.doc.trim().is_empty(), "{} has no documentation", v.name);
    }
}
