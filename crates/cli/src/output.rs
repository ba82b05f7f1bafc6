//! A command's output delivered on standard output: written whole, flushed, and a write
//! error reported as a failure, so that `cls orgs corpus > /dev/full` does not exit 0.

use anyhow::{Context, Result};
use std::io::Write;
use std::process::ExitCode;

/// Writes `bytes` to stdout and flushes. A full disk or a closed file is an error naming
/// `what`; a closed pipe (`| head`, the reader has all it wanted) ends the command with a
/// failure code but without a message.
pub fn to_stdout(bytes: &[u8], what: &str) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::FAILURE),
        Err(e) => {
            Err(e).with_context(|| format!("écriture {what} sur la sortie standard impossible"))
        }
    }
}
