//! Atomic file writes: every output goes to a temporary file in the same directory, is
//! flushed, then renamed over the target, so a killed run never leaves half a file.

use crate::error::CorpusError;
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Writes `bytes` to `path` atomically (temporary file + fsync + rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    write_then_rename(&tmp, path, bytes)
}

/// Writes `bytes` to `path` atomically through a temporary file in `tmp_dir` (which must
/// be on the same file system): a batch keeps all its temporary files in one folder, so
/// that what a killed run left behind is found and removed at the next start.
pub fn write_atomic_in(tmp_dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    static SEQ: AtomicU64 = AtomicU64::new(0);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::create_dir_all(tmp_dir)?;
    let n = SEQ.fetch_add(1, Ordering::Relaxed);
    let tmp = tmp_dir.join(format!("{}-{n}.tmp", std::process::id()));
    write_then_rename(&tmp, path, bytes)
}

/// [`write_atomic`], a failure named by the path written: how every output file of a
/// corpus or a report is written.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<(), CorpusError> {
    write_atomic(path, bytes).map_err(|e| CorpusError::Write(path.display().to_string(), e))
}

/// [`write_atomic_in`], a failure named by the path written.
pub fn write_output_in(tmp_dir: &Path, path: &Path, bytes: &[u8]) -> Result<(), CorpusError> {
    write_atomic_in(tmp_dir, path, bytes)
        .map_err(|e| CorpusError::Write(path.display().to_string(), e))
}

/// The temporary file is removed on every failure (a full disk included), not only when
/// the rename fails: otherwise each rerun on a full disk would add more of them.
fn write_then_rename(tmp: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let written = (|| {
        let mut f = std::fs::File::create(tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(tmp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_leaves_no_temporary_file() {
        let dir = std::env::temp_dir().join(format!("cls-write-{}", std::process::id()));
        let p = dir.join("a.json");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect();
        assert_eq!(names, vec!["a.json".to_string()]);
        std::fs::remove_dir_all(&dir).ok();
    }
}
