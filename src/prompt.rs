//! Confirmation prompts (dialoguer, on stderr). Without a terminal, a prompt
//! is refused with a hint to pass `--yes`, so scripts never hang.

use std::io::IsTerminal;

use crate::error::UserError;
use crate::printer::Printer;

/// Whether both stdin and stderr are terminals, i.e. someone can answer.
pub fn interactive() -> bool {
    std::env::var_os(crate::env_vars::DBTOOL_FORCE_NONINTERACTIVE).is_none()
        && std::io::stdin().is_terminal()
        && std::io::stderr().is_terminal()
}

/// Asks a yes/no question; `Ok(())` when the user agreed or `yes` is set.
/// Declining is an error (exit 1, "nothing was changed"); no terminal and no
/// `--yes` is a usage error (exit 2).
pub fn confirm(printer: &Printer, question: &str, yes: bool) -> anyhow::Result<()> {
    if yes {
        return Ok(());
    }
    if !interactive() {
        return Err(UserError::usage(format!("confirmation needed: {question}"))
            .hint("no terminal to ask on; pass --yes to confirm non-interactively")
            .into());
    }
    let _ = printer;
    let answer = dialoguer::Confirm::new()
        .with_prompt(question)
        .default(false)
        .interact()?;
    if answer {
        Ok(())
    } else {
        Err(UserError::runtime("aborted: nothing was changed").into())
    }
}

/// Asks the user to type `expected` exactly (for the most dangerous actions).
pub fn confirm_typed(
    printer: &Printer,
    question: &str,
    expected: &str,
    yes: bool,
) -> anyhow::Result<()> {
    if yes && !interactive() {
        return Ok(());
    }
    if !interactive() {
        return Err(UserError::usage(format!("confirmation needed: {question}"))
            .hint("no terminal to ask on; pass --yes to confirm non-interactively")
            .into());
    }
    let _ = printer;
    let typed: String = dialoguer::Input::new()
        .with_prompt(format!("{question} Type `{expected}` to confirm"))
        .allow_empty(true)
        .interact_text()?;
    if typed.trim() == expected {
        Ok(())
    } else {
        Err(
            UserError::runtime("aborted: the confirmation did not match; nothing was changed")
                .into(),
        )
    }
}
