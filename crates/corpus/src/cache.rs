//! The result cache of a batch: `OUT/.cache/<sha256>.json`, one outcome per content.
//!
//! The key is the sha256 of the bytes the worker parsed (never a hash taken earlier by
//! the parent), and only `definitif` outcomes are stored, so an entry always describes
//! its key's bytes. Every entry is checked when loaded (its own sha256, tool, build and
//! file name, since a document's id falls back on the name); one that is unreadable or
//! does not match is removed, so a damaged cache heals itself.

use crate::write::write_atomic_in;
use cls_model::Outcome;
use std::path::{Path, PathBuf};

/// The cache of one run; `dir` is `None` when it cannot be written (resume is then off,
/// and the batch says so).
#[derive(Debug)]
pub struct Cache {
    dir: Option<PathBuf>,
    tmp: PathBuf,
    build: String,
}

impl Cache {
    /// Opens `out/.cache`, checking that an entry can be written; returns the warning to
    /// show when it cannot.
    pub fn open(out: &Path, tmp: &Path, build: String) -> (Cache, Option<String>) {
        let dir = out.join(".cache");
        let probe = dir.join(".essai");
        let ok = std::fs::create_dir_all(&dir)
            .and_then(|_| write_atomic_in(tmp, &probe, b"ok"))
            .and_then(|_| std::fs::remove_file(&probe));
        let warning = ok.as_ref().err().map(|e| {
            format!(
                "le cache {} n'est pas accessible en écriture ({}) : les résultats ne sont \
                 pas gardés, une reprise relira tout",
                dir.display(),
                crate::error::io_reason(e)
            )
        });
        (
            Cache {
                dir: ok.is_ok().then_some(dir),
                tmp: tmp.to_path_buf(),
                build,
            },
            warning,
        )
    }

    fn path(&self, sha: &str) -> Option<PathBuf> {
        // A sha256 in hex, nothing else, names an entry.
        let valid = sha.len() == 64 && sha.bytes().all(|b| b.is_ascii_hexdigit());
        Some(self.dir.as_ref()?.join(format!("{sha}.json"))).filter(|_| valid)
    }

    /// The cached outcome of these bytes read under the file name `name`, if it is sound.
    pub fn load(&self, sha: &str, name: &str) -> Option<Outcome> {
        let p = self.path(sha)?;
        let text = std::fs::read(&p).ok()?;
        let o = match serde_json::from_slice::<Outcome>(&text) {
            Ok(o) if o.sha256 == sha && o.definitif => o,
            _ => {
                // Corrupt, or not the entry of these bytes: never served, removed.
                let _ = std::fs::remove_file(&p);
                return None;
            }
        };
        if o.outil != crate::worker::tool_version() || o.build != self.build {
            let _ = std::fs::remove_file(&p);
            return None;
        }
        // Read under another name: the document's id may depend on the name, read again
        // (the new result replaces this one).
        if o.document
            .as_ref()
            .is_some_and(|d| d.source.fichier != name)
        {
            return None;
        }
        Some(o)
    }

    /// Stores a `definitif` outcome under its own sha256; returns whether it was stored.
    pub fn store(&self, o: &Outcome) -> bool {
        if !o.definitif {
            return false;
        }
        let Some(p) = self.path(&o.sha256) else {
            return false;
        };
        match serde_json::to_vec(o) {
            Ok(json) => write_atomic_in(&self.tmp, &p, &json).is_ok(),
            Err(_) => false,
        }
    }
}
