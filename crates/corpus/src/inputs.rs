//! The inputs of a batch: files given and files found under folders, each with its path
//! relative to its input root; only regular files are kept (FIFOs, devices, sockets and
//! dangling or looping symbolic links are listed with a reason), directory loops are
//! walked once, and one real file reached by several paths is one input.

use crate::error::{io_reason, CorpusError};
use cls_model::Ignore;
use std::collections::{HashMap, HashSet};
use std::fs::FileType;
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// Extensions of files that sit beside documents but are never documents (expected
/// outputs, notes, exports): skipped silently when walking a directory.
const NOT_DOCUMENTS: [&str; 7] = ["json", "jsonl", "csv", "md", "txt", "log", "tmp"];

/// One input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The path as given, or as found under a given folder.
    pub path: PathBuf,
    /// The path relative to its input root, `/`-separated (the file name for a file given
    /// alone): the shard key and the order of ids.
    pub key: String,
    /// Other paths to the same real file (hard or symbolic links), in path order.
    pub aliases: Vec<PathBuf>,
}

/// Everything found under the inputs.
#[derive(Debug, Default)]
pub struct Inputs {
    /// Regular files, one per real file, in (key, path) order.
    pub files: Vec<Input>,
    /// Inputs skipped without reading, with their reason.
    pub ignored: Vec<Ignore>,
    /// The input roots, absolute.
    pub roots: Vec<String>,
}

/// Why a file of this type is not read.
fn not_regular(ft: &FileType) -> String {
    let kind = if ft.is_fifo() {
        "tube nommé (FIFO)"
    } else if ft.is_char_device() {
        "périphérique (mode caractère)"
    } else if ft.is_block_device() {
        "périphérique (mode bloc)"
    } else if ft.is_socket() {
        "socket"
    } else {
        "type de fichier inconnu"
    };
    format!("{kind}, pas un fichier ordinaire")
}

/// Why a path that cannot be followed is skipped.
fn unreachable(e: &std::io::Error) -> String {
    if e.raw_os_error() == Some(libc::ELOOP) {
        "boucle de liens symboliques".to_string()
    } else if e.kind() == std::io::ErrorKind::NotFound {
        "lien symbolique sans cible".to_string()
    } else {
        format!("inaccessible ({})", io_reason(e))
    }
}

struct Found {
    path: PathBuf,
    key: String,
    id: (u64, u64),
}

/// Collects the inputs. A path given on the command line that does not exist stays an
/// input (it fails with its reason and is tried again next time); everything else that
/// cannot be read as a regular file is listed in `ignored`. The corpus folder `out_dir`,
/// when it lies under an input folder, is not walked: its own outputs (the workbook, a
/// report's pages) would otherwise come back as inputs of the next run.
pub fn collect_inputs(inputs: &[PathBuf], out_dir: Option<&Path>) -> Result<Inputs, CorpusError> {
    let mut found: Vec<Found> = Vec::new();
    let mut out = Inputs::default();
    let mut visited: HashSet<(u64, u64)> = HashSet::new();
    let out_id = out_dir
        .and_then(|d| std::fs::metadata(d).ok())
        .map(|m| (m.dev(), m.ino()));
    for i in inputs {
        let abs = std::fs::canonicalize(i).unwrap_or_else(|_| i.clone());
        out.roots.push(abs.display().to_string());
        match std::fs::metadata(i) {
            Ok(m) if m.is_dir() => {
                visited.insert((m.dev(), m.ino()));
                let mut w = Walk {
                    visited: &mut visited,
                    found: &mut found,
                    ignored: &mut out.ignored,
                    out_id,
                };
                w.walk(i, "")?;
            }
            Ok(m) if m.is_file() => found.push(Found {
                path: i.clone(),
                key: name_of(i),
                id: (m.dev(), m.ino()),
            }),
            Ok(m) => out.ignored.push(Ignore {
                fichier: i.display().to_string(),
                raison: not_regular(&m.file_type()),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => found.push(Found {
                path: i.clone(),
                key: name_of(i),
                // Distinct for each missing path: nothing to share with another input.
                id: (u64::MAX, found.len() as u64),
            }),
            Err(e) => out.ignored.push(Ignore {
                fichier: i.display().to_string(),
                raison: unreachable(&e),
            }),
        }
    }
    found.sort_by(|a, b| (&a.key, &a.path).cmp(&(&b.key, &b.path)));
    found.dedup_by(|a, b| a.path == b.path);
    let mut first: HashMap<(u64, u64), usize> = HashMap::new();
    for f in found {
        match first.get(&f.id) {
            Some(&k) => out.files[k].aliases.push(f.path),
            None => {
                first.insert(f.id, out.files.len());
                out.files.push(Input {
                    path: f.path,
                    key: f.key,
                    aliases: Vec::new(),
                });
            }
        }
    }
    Ok(out)
}

fn name_of(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| p.display().to_string())
}

/// A walk of input folders: what it has seen and found so far.
struct Walk<'a> {
    visited: &'a mut HashSet<(u64, u64)>,
    found: &'a mut Vec<Found>,
    ignored: &'a mut Vec<Ignore>,
    /// The corpus folder being written, never walked.
    out_id: Option<(u64, u64)>,
}

impl Walk<'_> {
    fn walk(&mut self, dir: &Path, prefix: &str) -> Result<(), CorpusError> {
        let rd =
            std::fs::read_dir(dir).map_err(|e| CorpusError::Read(dir.display().to_string(), e))?;
        let mut entries: Vec<_> = rd.flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let shown = e.file_name().to_string_lossy().to_string();
            if !shown.starts_with('.') {
                self.visit(e.path(), format!("{prefix}{shown}"))?;
            }
        }
        Ok(())
    }

    /// One entry of a folder, `key` its path relative to the input root.
    fn visit(&mut self, p: PathBuf, key: String) -> Result<(), CorpusError> {
        // Followed: a symbolic link counts as what it points to.
        let m = match std::fs::metadata(&p) {
            Ok(m) => m,
            Err(err) => {
                self.ignore(&p, unreachable(&err));
                return Ok(());
            }
        };
        let id = (m.dev(), m.ino());
        if m.is_dir() && self.out_id == Some(id) {
            self.ignore(
                &p,
                "dossier de sortie du corpus (--out), pas une entrée".into(),
            );
        } else if m.is_dir() {
            // A folder seen before (a link back to an ancestor, or a second path to a
            // folder already walked) is walked once.
            if self.visited.insert(id) {
                self.walk(&p, &format!("{key}/"))?;
            } else {
                self.ignore(
                    &p,
                    "dossier déjà parcouru par un autre chemin (boucle de liens ?)".into(),
                );
            }
        } else if m.is_file() {
            if may_be_document(&p) {
                self.found.push(Found { path: p, key, id });
            }
        } else {
            self.ignore(&p, not_regular(&m.file_type()));
        }
        Ok(())
    }

    fn ignore(&mut self, p: &Path, raison: String) {
        self.ignored.push(Ignore {
            fichier: p.display().to_string(),
            raison,
        });
    }
}

/// Whether a file found in a folder may be a document: not one of [`NOT_DOCUMENTS`].
fn may_be_document(p: &Path) -> bool {
    let ext = p
        .extension()
        .and_then(|x| x.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    !NOT_DOCUMENTS.contains(&ext.as_str())
}

/// Opens a file for reading only if it is a regular file: opened without blocking (a FIFO
/// put in its place would otherwise wait for a writer forever), then checked on the open
/// descriptor, so that what is read is what was checked.
pub fn open_regular(path: &Path) -> Result<std::fs::File, String> {
    let f = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| open_error(&e))?;
    let m = f.metadata().map_err(|e| open_error(&e))?;
    if !m.is_file() {
        return Err(not_regular(&m.file_type()));
    }
    Ok(f)
}

/// Reads a whole regular file.
pub fn read_regular(path: &Path) -> Result<Vec<u8>, String> {
    let mut f = open_regular(path)?;
    let mut bytes = Vec::new();
    f.read_to_end(&mut bytes)
        .map_err(|e| format!("lecture impossible : {}", io_reason(&e)))?;
    Ok(bytes)
}

/// The sha256 of a regular file, streamed (the parent never holds a file in memory).
pub fn hash_regular(path: &Path) -> Result<String, String> {
    use sha2::Digest;
    let mut f = open_regular(path)?;
    let mut h = sha2::Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        match f.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => h.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(format!("lecture impossible : {}", io_reason(&e))),
        }
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

fn open_error(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "fichier introuvable".to_string(),
        std::io::ErrorKind::PermissionDenied => "lecture interdite (droits)".to_string(),
        _ if e.raw_os_error() == Some(libc::ELOOP) => "boucle de liens symboliques".to_string(),
        _ => format!("ouverture impossible : {}", io_reason(e)),
    }
}
