//! `dbtool completions SHELL`: shell completion scripts generated from the
//! clap definition (also committed under completions/). Pure.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::context::Context;
use crate::error::ExitStatus;

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// Shell to generate completions for
    #[arg(value_name = "SHELL")]
    pub shell: Shell,
}

pub fn run(_ctx: &Context, args: &CompletionsArgs) -> anyhow::Result<ExitStatus> {
    print!("{}", completion_script(args.shell));
    Ok(ExitStatus::Success)
}

/// The completion script for a shell.
pub fn completion_script(shell: Shell) -> String {
    let mut cmd = crate::cli::Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "dbtool", &mut out);
    String::from_utf8(out).expect("completion scripts are UTF-8")
}

/// The man page (roff) of dbtool.
pub fn man_page() -> Vec<u8> {
    let cmd = crate::cli::Cli::command();
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd)
        .render(&mut out)
        .expect("writing to a Vec cannot fail");
    out
}

/// Files generated from the CLI definition, relative to the repository root:
/// what `tests/it/generated.rs` compares with the committed copies.
pub fn generated_files() -> Vec<(String, Vec<u8>)> {
    let mut files = vec![
        (
            "completions/dbtool.bash".to_string(),
            completion_script(Shell::Bash).into_bytes(),
        ),
        (
            "completions/_dbtool".to_string(),
            completion_script(Shell::Zsh).into_bytes(),
        ),
        (
            "completions/dbtool.fish".to_string(),
            completion_script(Shell::Fish).into_bytes(),
        ),
        (
            "completions/dbtool.elv".to_string(),
            completion_script(Shell::Elvish).into_bytes(),
        ),
        (
            "completions/_dbtool.ps1".to_string(),
            completion_script(Shell::PowerShell).into_bytes(),
        ),
    ];
    files.push(("docs/man/dbtool.1".to_string(), man_page()));
    files
}
