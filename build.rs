//! Link settings for the dbtool executable only (the library and the tests
//! are untouched).
//!
//! On Linux the executable is linked with packed relative relocations
//! (`-z pack-relative-relocs`, DT_RELR) when the toolchain and the C library
//! support them (binutils 2.38+, glibc 2.36+), probed here by linking an
//! empty C program with the flag. The AWS SDKs' static tables leave about
//! 270,000 relative relocations in a position-independent executable; as
//! RELA entries the dynamic loader reads 6 MB of them at every start, which
//! was most of a one-file `migrate lint` (docs/benchmarks.md, "lint: many
//! small files"). RELR keeps the executable position-independent (ASLR), as
//! `-no-pie` would not. `DBTOOL_LINK=pie` turns it off.
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=DBTOOL_LINK");
    println!("cargo:rerun-if-env-changed=CC");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("linux")
        || std::env::var("DBTOOL_LINK").as_deref() == Ok("pie")
    {
        return;
    }
    let flag = "-Wl,-z,pack-relative-relocs";
    if links_with(flag) {
        println!("cargo:rustc-link-arg-bins={flag}");
    }
}

/// Whether the C compiler links an empty program with `flag` without a
/// warning (an unknown `-z` option is only a warning for GNU ld).
fn links_with(flag: &str) -> bool {
    let Some(out) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        return false;
    };
    let src = out.join("relr-probe.c");
    if std::fs::write(&src, "int main(void) { return 0; }\n").is_err() {
        return false;
    }
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    Command::new(cc)
        .arg(&src)
        .arg("-o")
        .arg(out.join("relr-probe"))
        .arg("-pie")
        .arg("-fPIE")
        .arg(flag)
        .arg("-Wl,--fatal-warnings")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}
