//! Which files `dbtool migrate lint` reads: paths given (files or
//! directories scanned recursively for `.sql`), in migration order, each
//! with its `<script>.sql.conf`; and `--changed-since REF` through git.
//! Reads the filesystem and runs `git`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::migrate::naming::{parse_file_name, Kind, Parsed};
use crate::migrate::resolve::ScriptConfig;

use super::Source;

/// The `.sql` files under `paths` in migration order: versioned (and
/// baseline/undo) by version, then repeatables by description, then
/// anything else by path.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for p in paths {
        if p.is_file() {
            if seen.insert(p.clone()) {
                out.push(p.clone());
            }
            continue;
        }
        if !p.is_dir() {
            return Err(format!("{}: no such file or directory", p.display()));
        }
        let files: Vec<PathBuf> = walkdir::WalkDir::new(p)
            .follow_links(true)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "sql"))
            .map(|e| e.into_path())
            .collect();
        for f in files {
            if seen.insert(f.clone()) {
                out.push(f);
            }
        }
    }
    // One migration order across every location and explicit file, as
    // Flyway applies them (rules carry context from file to file).
    out.sort_by_cached_key(|f| order_key(f));
    Ok(out)
}

fn order_key(path: &Path) -> (u8, Option<crate::migrate::Version>, String) {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string();
    match parse_file_name(&name) {
        Ok(Some(Parsed::Migration {
            kind: Kind::Repeatable,
            description,
            ..
        })) => (1, None, description),
        Ok(Some(Parsed::Migration {
            version: Some(v), ..
        })) => (0, Some(v), name),
        _ => (2, None, path.display().to_string()),
    }
}

/// Reads a file (with its `.sql.conf` encoding and `executeInTransaction`).
pub fn load(path: &Path, display: &str) -> Result<Source, String> {
    let config = ScriptConfig::for_script(path)?;
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let text = crate::migrate::checksum::decode(&bytes, config.encoding.as_deref())
        .map_err(|e| format!("{display}: {e}"))?;
    Ok(Source {
        file: display.to_string(),
        text,
        execute_in_transaction: config.execute_in_transaction,
    })
}

/// How a path is shown in findings: relative to `cwd` when under it.
pub fn display_path(path: &Path, cwd: &Path) -> String {
    path.strip_prefix(cwd).unwrap_or(path).display().to_string()
}

/// Files changed since `git_ref` (committed, staged, unstaged and untracked),
/// as canonical paths, from the repository containing `cwd`.
pub fn changed_since(git_ref: &str, cwd: &Path) -> Result<HashSet<PathBuf>, String> {
    let git = |args: &[&str]| -> Result<String, String> {
        let out = Command::new("git")
            .args(args)
            .current_dir(cwd)
            .output()
            .map_err(|e| format!("cannot run git: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "git {}: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok(String::from_utf8_lossy(&out.stdout).to_string())
    };
    let root = PathBuf::from(git(&["rev-parse", "--show-toplevel"])?.trim());
    let mut names = git(&[
        "diff",
        "--name-only",
        "-z",
        "--diff-filter=ACMR",
        git_ref,
        "--",
    ])?;
    names.push_str(&git(&["ls-files", "--others", "--exclude-standard", "-z"])?);
    let others_base = PathBuf::from(git(&["rev-parse", "--show-prefix"])?.trim());
    let mut out = HashSet::new();
    for chunk in names.split('\0').filter(|s| !s.is_empty()) {
        // diff names are relative to the root; ls-files names to cwd.
        for candidate in [root.join(chunk), root.join(&others_base).join(chunk)] {
            if let Ok(c) = candidate.canonicalize() {
                out.insert(c);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migration_order_across_paths() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("a/sub")).unwrap();
        for f in [
            "a/V10__x.sql",
            "a/sub/V2__y.sql",
            "a/R__view.sql",
            "a/notes.txt",
            "b.sql",
            "V1_1__z.sql",
        ] {
            std::fs::write(d.join(f), "select 1;").unwrap();
        }
        let files = collect(&[d.join("a"), d.join("b.sql"), d.join("V1_1__z.sql")]).unwrap();
        let names: Vec<String> = files.iter().map(|f| display_path(f, d)).collect();
        assert_eq!(
            names,
            vec![
                "V1_1__z.sql",
                "a/sub/V2__y.sql",
                "a/V10__x.sql",
                "a/R__view.sql",
                "b.sql"
            ]
        );
        assert!(collect(&[d.join("missing")])
            .unwrap_err()
            .contains("no such file or directory"));
    }

    #[test]
    fn script_conf_sets_the_transaction_mode() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("V1__x.sql");
        std::fs::write(&f, "create index concurrently i on t (a);").unwrap();
        std::fs::write(
            dir.path().join("V1__x.sql.conf"),
            "executeInTransaction=true\n",
        )
        .unwrap();
        assert_eq!(
            load(&f, "V1__x.sql").unwrap().execute_in_transaction,
            Some(true)
        );
    }
}
