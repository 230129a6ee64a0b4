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
