//! The dbtool binary: everything lives in the library crate.

fn main() {
    // Restore default SIGPIPE behaviour so `dbtool … | head` ends quietly.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    std::process::exit(dbtool::main_entry());
}
