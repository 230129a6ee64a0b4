//! Where a dump is written, without ever losing a file or a directory that
//! dbtool did not make: the output is checked before anything runs (a
//! directory is never the target of a file archive; a directory archive
//! replaces only an empty or dbtool-made directory), pg_dump writes to a
//! partial path beside it that carries dbtool's pid, and the finished
//! archive replaces the output by rename. Partial paths of killed runs are
//! found by that name and removed on the next run. Touches the file system.

use std::path::{Path, PathBuf};

use crate::dump::Format;
use crate::error::UserError;

/// File dbtool puts in a directory archive it wrote, so a later dump may replace it.
pub const MARKER: &str = ".dbtool-dump";

/// A checked output and the partial path pg_dump writes to.
#[derive(Debug, Clone)]
pub struct Output {
    pub path: PathBuf,
    pub partial: PathBuf,
    pub format: Format,
    /// What is at `path` now and will be replaced on success.
    pub replaces: Existing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    Nothing,
    File,
    EmptyDir,
    DbtoolDump,
}

fn usage(msg: String, hint: &str) -> UserError {
    UserError::usage(msg).hint(hint.to_string())
}

/// Checks `path` for `format` and chooses the partial path. Pure apart
/// from reading metadata.
pub fn check(path: &Path, format: Format) -> Result<Output, UserError> {
    let shown = path.display();
    let name = match path.file_name() {
        Some(n) if n != "." && n != ".." => n.to_owned(),
        _ => {
            return Err(usage(
                format!("-f {shown}: name a file (or, with --format directory, a new directory), not `.`, `..` or `/`"),
                "e.g. -f staging.dump",
            ))
        }
    };
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !parent.is_dir() {
        return Err(usage(
            format!(
                "-f {shown}: the directory {} does not exist",
                parent.display()
            ),
            "create it first, or write the dump elsewhere",
        ));
    }
    // symlink_metadata: a symlink is judged by what it points to only for
    // the directory test, never followed into for removal.
    let replaces = match std::fs::symlink_metadata(path) {
        Err(_) => Existing::Nothing,
        Ok(_) => {
            let is_dir = path.is_dir();
            match (format, is_dir) {
                (Format::Directory, false) => {
                    return Err(usage(
                        format!("-f {shown} is a file; a directory archive is a directory"),
                        "choose a new name, or remove the file yourself",
                    ))
                }
                (Format::Directory, true) => {
                    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
                        return Err(usage(
                            format!("-f {shown} is a symbolic link to a directory; dbtool does not replace it"),
                            "name the directory itself, or a new one",
                        ));
                    }
                    let mut entries = std::fs::read_dir(path)
                        .map_err(|e| UserError::runtime(format!("cannot read {shown}")).source(e))?;
                    if entries.next().is_none() {
                        Existing::EmptyDir
                    } else if path.join(MARKER).is_file() {
                        Existing::DbtoolDump
                    } else {
                        return Err(usage(
                            format!("-f {shown} is a directory with files that dbtool did not write; it is left alone"),
                            "choose a new or empty directory (dbtool replaces only directory archives it wrote itself)",
                        ));
                    }
                }
                (_, true) => {
                    return Err(usage(
                        format!("-f {shown} is a directory; a {} archive is a file", format.as_str()),
                        "name a file inside it (e.g. -f DIR/name.dump), or use --format directory with a new directory",
                    ))
                }
                (_, false) => Existing::File,
            }
        }
    };
    let mut partial_name = std::ffi::OsString::from(".");
    partial_name.push(&name);
    partial_name.push(format!(".dbtool-{}.partial", std::process::id()));
    Ok(Output {
        path: path.to_path_buf(),
        partial: parent.join(partial_name),
        format,
        replaces,
    })
}

/// The partial paths of earlier runs for the same output whose process is
/// gone: `.NAME.dbtool-PID.partial` with a dead PID. Removes them and
/// returns what was removed.
pub fn remove_stale(out: &Output) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    let (Some(parent), Some(name)) = (out.partial.parent(), out.path.file_name()) else {
        return removed;
    };
    let prefix = format!(".{}.dbtool-", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(parent) else {
        return removed;
    };
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().to_string();
        let Some(pid) = file
            .strip_prefix(&prefix)
            .and_then(|r| {
                r.strip_suffix(".partial")
                    .or_else(|| r.strip_suffix(".old"))
            })
            .and_then(|p| p.parse::<i32>().ok())
        else {
            continue;
        };
        if pid as u32 == std::process::id() || alive(pid) {
            continue;
        }
        let p = e.path();
        if remove_ours(&p).is_ok() {
            removed.push(p);
        }
    }
    removed
}

fn alive(pid: i32) -> bool {
    pid > 0 && nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), None).is_ok()
}

/// Removes a path dbtool made (a partial file or directory archive).
pub fn remove_ours(p: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(p) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(p),
        Ok(_) => std::fs::remove_file(p),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Puts the finished partial in place. A file replaces the old one by one
/// atomic rename; a directory archive replaces an empty directory by rename,
/// and a dbtool-made one by moving it aside first (`.NAME.dbtool-PID.old`,
/// removed afterwards).
pub fn commit(out: &Output) -> Result<(), UserError> {
    let fail = |e: std::io::Error| {
        UserError::runtime(format!(
            "cannot move the finished dump {} to {}",
            out.partial.display(),
            out.path.display()
        ))
        .source(e)
        .hint("the complete dump is in the partial path named above; move it yourself")
    };
    if out.format == Format::Directory {
        let _ = std::fs::write(out.partial.join(MARKER), "written by dbtool dump\n");
    }
    // Re-check: what is there now must still be what was checked.
    let now = check(&out.path, out.format)?;
    match now.replaces {
        Existing::DbtoolDump => {
            let mut aside = out.partial.clone().into_os_string();
            let s = aside.to_string_lossy().replace(".partial", ".old");
            aside = s.into();
            let aside = PathBuf::from(aside);
            std::fs::rename(&out.path, &aside).map_err(fail)?;
            std::fs::rename(&out.partial, &out.path).map_err(fail)?;
            let _ = remove_ours(&aside);
        }
        Existing::EmptyDir => {
            std::fs::remove_dir(&out.path).map_err(fail)?;
            std::fs::rename(&out.partial, &out.path).map_err(fail)?;
        }
        Existing::File | Existing::Nothing => {
            std::fs::rename(&out.partial, &out.path).map_err(fail)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_it_did_not_make() {
        let d = tempfile::tempdir().unwrap();
        let important = d.path().join("important");
        std::fs::create_dir(&important).unwrap();
        std::fs::write(important.join("keep.txt"), "x").unwrap();
        let e = check(&important, Format::Custom).unwrap_err();
        assert!(
            e.message
                .contains("is a directory; a custom archive is a file"),
            "{}",
            e.message
        );
        let e = check(&important, Format::Directory).unwrap_err();
        assert!(e.message.contains("did not write"), "{}", e.message);
        for p in [".", "..", "/", "x/.."] {
            assert!(check(Path::new(p), Format::Custom).is_err(), "{p}");
            assert!(check(Path::new(p), Format::Directory).is_err(), "{p}");
        }
        let missing = d.path().join("nope/x.dump");
        assert!(check(&missing, Format::Custom)
            .unwrap_err()
            .message
            .contains("does not exist"));
        let file = d.path().join("a.dump");
        std::fs::write(&file, "old").unwrap();
        assert_eq!(
            check(&file, Format::Custom).unwrap().replaces,
            Existing::File
        );
        assert!(check(&file, Format::Directory)
            .unwrap_err()
            .message
            .contains("is a file"));
        let empty = d.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        assert_eq!(
            check(&empty, Format::Directory).unwrap().replaces,
            Existing::EmptyDir
        );
        std::fs::write(empty.join(MARKER), "").unwrap();
        std::fs::write(empty.join("toc.dat"), "").unwrap();
        assert_eq!(
            check(&empty, Format::Directory).unwrap().replaces,
            Existing::DbtoolDump
        );
        let link = d.path().join("link");
        std::os::unix::fs::symlink(&important, &link).unwrap();
        assert!(check(&link, Format::Custom).is_err());
        assert!(check(&link, Format::Directory).is_err());
        assert!(important.join("keep.txt").is_file());
    }

    #[test]
    fn stale_partials_of_dead_runs_only() {
        let d = tempfile::tempdir().unwrap();
        let out = check(&d.path().join("x.dump"), Format::Custom).unwrap();
        let dead = d.path().join(".x.dump.dbtool-999999999.partial");
        let mine = out.partial.clone();
        let users = d.path().join("x.dump.partial");
        for p in [&dead, &mine, &users] {
            std::fs::write(p, "").unwrap();
        }
        assert_eq!(remove_stale(&out), vec![dead.clone()]);
        assert!(!dead.exists() && mine.exists() && users.exists());
    }
}
