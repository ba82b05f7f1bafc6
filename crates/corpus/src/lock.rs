//! The exclusive lock on an output directory, and its one folder of temporary files.
//!
//! Two runs writing into one `--out` would mix their documents and manifests, so a run
//! takes an exclusive `flock` on `OUT/.verrou` for its whole life and a second run refuses
//! at once with the first one's process id (waiting would hide a mistake: two different
//! inputs into one corpus). The kernel drops the lock when the process dies, kill -9
//! included, so a crashed run never leaves the directory locked. Once the lock is held,
//! the temporary files of earlier runs (killed during a write, or on a full disk) are
//! removed: they all live in `OUT/.tmp`, plus the `.NAME.tmp-PID` files that exports
//! write beside their target.

use crate::error::CorpusError;
use std::fs::File;
use std::io::{Read, Seek, Write};
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};

/// Held for as long as a run writes into its output directory.
#[derive(Debug)]
pub struct OutLock {
    _file: File,
    tmp: PathBuf,
}

impl OutLock {
    /// Takes the lock on `out` (created if needed) or says who holds it; then clears the
    /// temporary files left by earlier runs.
    pub fn take(out: &Path) -> Result<OutLock, CorpusError> {
        let write_err = |p: &Path, e| CorpusError::Write(p.display().to_string(), e);
        std::fs::create_dir_all(out).map_err(|e| write_err(out, e))?;
        let path = out.join(".verrou");
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| write_err(&path, e))?;
        // SAFETY: flock on a file descriptor we own; no memory is shared.
        let r = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
        if r != 0 {
            let e = std::io::Error::last_os_error();
            if e.raw_os_error() == Some(libc::EWOULDBLOCK) {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                return Err(CorpusError::Busy(
                    out.display().to_string(),
                    holder.trim().to_string(),
                ));
            }
            return Err(write_err(&path, e));
        }
        let _ = file.set_len(0);
        let _ = file.rewind();
        let _ = writeln!(file, "{}", std::process::id());
        let tmp = out.join(".tmp");
        clean_temporaries(out, &tmp);
        std::fs::create_dir_all(&tmp).map_err(|e| write_err(&tmp, e))?;
        Ok(OutLock { _file: file, tmp })
    }

    /// The run's folder of temporary files (same file system as the outputs).
    pub fn tmp(&self) -> &Path {
        &self.tmp
    }
}

impl Drop for OutLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.tmp);
    }
}

/// Removes `OUT/.tmp` and the `.NAME.tmp-PID` files of atomic writes under the output's
/// own folders (never anything else: a user's file cannot match that pattern by chance
/// and sit in these folders).
fn clean_temporaries(out: &Path, tmp: &Path) {
    let _ = std::fs::remove_dir_all(tmp);
    for dir in [
        out.to_path_buf(),
        out.join("documents"),
        out.join("schema"),
        out.join(".cache"),
    ] {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in rd.flatten() {
            let name = e.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') && name.contains(".tmp-") {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}
