//! Many files to a corpus directory, safely and again tomorrow.
//!
//! Each file is read by a worker *process* (the `cls` binary re-executed in its hidden
//! worker mode), `jobs` at a time on a rayon pool: a PDF that makes the extractor loop is
//! killed at the timeout, one that panics costs only itself. Every result is cached as it
//! finishes (`.cache/<sha256>.json`, written atomically), so a batch killed at any moment
//! and run again redoes only what was not finished; a file whose sha256 and tool version
//! match the manifest is not read again (`--force` redoes all). The documents, registry,
//! exports and manifest are written at the end, each through a temporary file and a
//! rename, with ids given in path order (the spec's collision rule), so that a rerun gives
//! byte-identical outputs.

use crate::ingest::sha256_hex;
use crate::write::write_atomic;
pub use cls_model::Outcome;
use cls_model::{Document, EtatLecture, Manifest, ManifestEntry, SCHEMA_VERSION};
use rayon::prelude::*;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The tool name and version written in manifests and cache entries.
pub fn tool_version() -> String {
    format!("cls {}", env!("CARGO_PKG_VERSION"))
}

/// Errors that stop a batch as a whole (the output directory cannot be written).
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error("cannot write {0}: {1}")]
    Write(String, std::io::Error),
    #[error("cannot read {0}: {1}")]
    Read(String, std::io::Error),
    #[error("{0}")]
    Invalid(String),
}

/// Extensions of files that sit beside documents but are never documents (expected
/// outputs, notes, exports): skipped silently when walking a directory.
const NOT_DOCUMENTS: [&str; 7] = ["json", "jsonl", "csv", "md", "txt", "log", "tmp"];

/// The input files: every file given, and every file under every directory given (hidden
/// files and obvious non-documents skipped), in path order.
pub fn collect_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, BatchError> {
    let mut out = Vec::new();
    for i in inputs {
        if i.is_dir() {
            walk(i, &mut out)?;
        } else {
            out.push(i.clone());
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), BatchError> {
    let rd = std::fs::read_dir(dir).map_err(|e| BatchError::Read(dir.display().to_string(), e))?;
    for e in rd.flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().to_string();
        if name.starts_with('.') {
            continue;
        }
        if p.is_dir() {
            walk(&p, out)?;
        } else {
            let ext = p
                .extension()
                .and_then(|x| x.to_str())
                .unwrap_or("")
                .to_ascii_lowercase();
            if !NOT_DOCUMENTS.contains(&ext.as_str()) {
                out.push(p);
            }
        }
    }
    Ok(())
}

/// A stable subset of the inputs for one machine of a cluster: `index` of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl Shard {
    /// "2/8" → shard 2 of 8 (0-based index).
    pub fn parse(s: &str) -> Result<Shard, BatchError> {
        let (i, n) = s.split_once('/').ok_or_else(|| {
            BatchError::Invalid(format!("--shard {s}: expected INDEX/COUNT, e.g. 0/4"))
        })?;
        let index: u32 = i
            .trim()
            .parse()
            .map_err(|_| BatchError::Invalid(format!("--shard {s}: index is not a number")))?;
        let count: u32 = n
            .trim()
            .parse()
            .map_err(|_| BatchError::Invalid(format!("--shard {s}: count is not a number")))?;
        if count == 0 || index >= count {
            return Err(BatchError::Invalid(format!(
                "--shard {s}: index must be below count"
            )));
        }
        Ok(Shard { index, count })
    }

    /// The shard given by a cluster scheduler: Slurm job arrays (`SLURM_ARRAY_TASK_ID`,
    /// `SLURM_ARRAY_TASK_COUNT`) or a Kubernetes Indexed Job (`JOB_COMPLETION_INDEX`, with
    /// the count in `CLS_SHARDS`).
    pub fn from_env() -> Option<Shard> {
        let get = |k: &str| {
            std::env::var(k)
                .ok()
                .and_then(|v| v.trim().parse::<u32>().ok())
        };
        if let (Some(i), Some(n)) = (get("SLURM_ARRAY_TASK_ID"), get("SLURM_ARRAY_TASK_COUNT")) {
            let min = get("SLURM_ARRAY_TASK_MIN").unwrap_or(0);
            return (n > 0 && i >= min && i - min < n).then_some(Shard {
                index: i - min,
                count: n,
            });
        }
        if let (Some(i), Some(n)) = (get("JOB_COMPLETION_INDEX"), get("CLS_SHARDS")) {
            return (n > 0 && i < n).then_some(Shard { index: i, count: n });
        }
        None
    }

    /// Whether a file belongs to this shard: a hash of its path, so that the split does not
    /// change when files are added elsewhere.
    pub fn contains(&self, path: &Path) -> bool {
        let mut h: u64 = 0xcbf29ce484222325;
        for b in path.to_string_lossy().bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100000001b3);
        }
        (h % u64::from(self.count)) as u32 == self.index
    }
}

/// Options of a batch.
#[derive(Debug, Clone)]
pub struct Options {
    pub jobs: usize,
    pub timeout: Duration,
    pub force: bool,
    pub shard: Option<Shard>,
    /// The `cls` binary to re-execute in worker mode; `None` reads in this process (tests,
    /// library use).
    pub worker: Option<PathBuf>,
}

/// A fingerprint of the running binary (sha256 of its bytes, computed once).
pub fn build_id() -> String {
    static B: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    B.get_or_init(|| {
        // Streamed: the binary is tens of megabytes and must not sit in memory.
        use sha2::Digest;
        let Some(mut f) = std::env::current_exe()
            .ok()
            .and_then(|p| std::fs::File::open(p).ok())
        else {
            return String::new();
        };
        let mut h = sha2::Sha256::new();
        let mut buf = vec![0u8; 1 << 16];
        loop {
            match std::io::Read::read(&mut f, &mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => h.update(&buf[..n]),
            }
        }
        h.finalize()
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect()
    })
    .clone()
}

/// Reads one file in this process (the worker's job), turning a panic into a reason.
pub fn read_one(path: &Path) -> Outcome {
    let start = Instant::now();
    let fichier = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return Outcome {
                fichier,
                sha256: String::new(),
                outil: tool_version(),
                document: None,
                erreur: Some(format!("cannot open: {e}")),
                duree_ms: 0,
                build: String::new(),
            }
        }
    };
    let sha256 = sha256_hex(&bytes);
    let r = std::panic::catch_unwind(|| crate::ingest::ingest_bytes(&fichier, &bytes));
    let (document, erreur) = match r {
        Ok(Ok(d)) => (Some(d), None),
        Ok(Err(e)) => (None, Some(e.to_string())),
        Err(_) => (
            None,
            Some("internal error while reading the file".to_string()),
        ),
    };
    Outcome {
        fichier,
        sha256,
        outil: tool_version(),
        document,
        erreur,
        duree_ms: start.elapsed().as_millis() as u64,
        build: String::new(),
    }
}

/// A persistent worker process (`cls worker --serve`): file paths in on stdin, one JSON
/// outcome per line out on stdout, read by a thread so that the wait can time out.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    rx: mpsc::Receiver<String>,
    /// Files read so far: a worker is replaced after `WORKER_FILES`, so that memory kept by
    /// its allocator after the largest PDF it has seen is given back.
    served: usize,
}

const WORKER_FILES: usize = 25;

impl Worker {
    fn spawn(bin: &Path) -> std::io::Result<Worker> {
        // One core per worker: the pool gives the parallelism, and a worker's own page
        // threads would only oversubscribe the machine.
        let mut child = Command::new(bin)
            .arg("worker")
            .arg("--serve")
            .env("RAYON_NUM_THREADS", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let stdin = child
            .stdin
            .take()
            .ok_or_else(|| std::io::Error::other("no stdin"))?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| std::io::Error::other("no stdout"))?;
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                match line {
                    Ok(l) => {
                        if tx.send(l).is_err() {
                            break;
                        }
                    }
                    Err(_) => break,
                }
            }
        });
        Ok(Worker {
            child,
            stdin,
            rx,
            served: 0,
        })
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

thread_local! {
    static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
}

/// Reads one file in this thread's worker process; a worker that runs past `timeout` is
/// killed (and replaced for the next file), one that dies costs only its file.
fn read_in_worker(bin: &Path, path: &Path, sha256: &str, timeout: Duration) -> Outcome {
    let start = Instant::now();
    let fichier = path.display().to_string();
    let fail = |why: String| Outcome {
        fichier: fichier.clone(),
        sha256: sha256.to_string(),
        outil: tool_version(),
        document: None,
        erreur: Some(why),
        duree_ms: start.elapsed().as_millis() as u64,
        build: String::new(),
    };
    WORKER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            match Worker::spawn(bin) {
                Ok(w) => *slot = Some(w),
                Err(e) => return fail(format!("cannot start a worker: {e}")),
            }
        }
        let Some(w) = slot.as_mut() else {
            return fail("cannot start a worker".into());
        };
        let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if writeln!(w.stdin, "{}", abs.display())
            .and_then(|_| w.stdin.flush())
            .is_err()
        {
            *slot = None;
            return fail("the reader stopped abnormally on this file".into());
        }
        w.served += 1;
        match w.rx.recv_timeout(timeout) {
            Ok(line) => {
                if w.served >= WORKER_FILES {
                    *slot = None;
                }
                match serde_json::from_str::<Outcome>(&line) {
                    Ok(mut o) => {
                        o.fichier = fichier.clone();
                        o
                    }
                    Err(_) => fail("the reader returned an unreadable result".into()),
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                *slot = None;
                fail(format!(
                    "timeout: still reading after {} s, stopped",
                    timeout.as_secs()
                ))
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                *slot = None;
                fail("the reader stopped abnormally on this file".into())
            }
        }
    })
}

fn cache_path(out: &Path, sha: &str) -> PathBuf {
    out.join(".cache").join(format!("{sha}.json"))
}

fn load_cache(out: &Path, sha: &str) -> Option<Outcome> {
    let text = std::fs::read_to_string(cache_path(out, sha)).ok()?;
    let o: Outcome = serde_json::from_str(&text).ok()?;
    (o.outil == tool_version() && o.build == build_id()).then_some(o)
}

/// Gives every document a unique id in path order: a repeated id gets `-` and the first
/// eight hex digits of the file's sha256 (the spec's rule).
pub fn assign_ids(outcomes: &mut [Outcome]) {
    let mut used: HashSet<String> = HashSet::new();
    for o in outcomes.iter_mut() {
        if let Some(d) = &mut o.document {
            if !used.insert(d.id.clone()) {
                let base = format!("{}-{}", d.id, &o.sha256[..8.min(o.sha256.len())]);
                // Identical copies share their sha256 too: number them.
                let mut id = base.clone();
                let mut k = 2;
                while used.contains(&id) {
                    id = format!("{base}-{k}");
                    k += 1;
                }
                used.insert(id.clone());
                d.id = id;
            }
            d.source.sha256 = o.sha256.clone();
        }
    }
}

/// The manifest entry of an outcome.
pub fn manifest_entry(o: &Outcome) -> ManifestEntry {
    match (&o.document, &o.erreur) {
        (Some(d), _) => {
            let statut = if d.alertes.is_empty() {
                EtatLecture::Ok
            } else {
                EtatLecture::Partiel
            };
            let raison = (!d.alertes.is_empty()).then(|| {
                format!(
                    "{} alerte(s), dont : {}",
                    d.alertes.len(),
                    d.alertes[0].message
                )
            });
            ManifestEntry {
                fichier: o.fichier.clone(),
                sha256: o.sha256.clone(),
                statut,
                raison,
                document_id: Some(d.id.clone()),
                duree_ms: o.duree_ms,
            }
        }
        (None, e) => ManifestEntry {
            fichier: o.fichier.clone(),
            sha256: o.sha256.clone(),
            statut: EtatLecture::Echec,
            raison: Some(
                e.clone()
                    .unwrap_or_else(|| "unknown error".into())
                    .replace('\n', " "),
            ),
            document_id: None,
            duree_ms: o.duree_ms,
        },
    }
}

/// Progress events for the CLI's progress bar.
pub trait Progress: Sync {
    fn start(&self, _total: usize) {}
    fn done(&self, _fichier: &str, _failed: bool) {}
}

/// No progress display.
pub struct Silent;
impl Progress for Silent {}

/// Runs a batch and writes the corpus. Returns the manifest.
pub fn run_batch(
    inputs: &[PathBuf],
    out: &Path,
    opts: &Options,
    progress: &dyn Progress,
) -> Result<Manifest, BatchError> {
    let mut files = collect_inputs(inputs)?;
    if let Some(s) = opts.shard {
        files.retain(|f| s.contains(f));
    }
    std::fs::create_dir_all(out.join(".cache"))
        .map_err(|e| BatchError::Write(out.display().to_string(), e))?;
    progress.start(files.len());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs.max(1))
        .build()
        .map_err(|e| BatchError::Invalid(e.to_string()))?;
    let mut outcomes: Vec<Outcome> = pool.install(|| {
        files
            .par_iter()
            .map(|f| {
                let sha = std::fs::read(f).map(|b| sha256_hex(&b)).unwrap_or_default();
                let cached = if opts.force || sha.is_empty() {
                    None
                } else {
                    load_cache(out, &sha)
                };
                let o = match cached {
                    Some(mut c) => {
                        // The same bytes may sit under another name: the source is this file.
                        c.fichier = f.display().to_string();
                        if let Some(d) = &mut c.document {
                            d.source.fichier = f
                                .file_name()
                                .map(|n| n.to_string_lossy().to_string())
                                .unwrap_or_default();
                        }
                        c
                    }
                    None => {
                        let o = match &opts.worker {
                            Some(w) => read_in_worker(w, f, &sha, opts.timeout),
                            None => read_one(f),
                        };
                        // A timeout is not cached: the file may be read another day.
                        let timed_out = o
                            .erreur
                            .as_deref()
                            .is_some_and(|e| e.starts_with("timeout"));
                        let mut o = o;
                        o.build = build_id();
                        if !sha.is_empty() && !timed_out {
                            if let Ok(json) = serde_json::to_vec(&o) {
                                let _ = write_atomic(&cache_path(out, &sha), &json);
                            }
                        }
                        o
                    }
                };
                progress.done(&o.fichier, o.document.is_none());
                // Keep only what ids and the manifest need; the full document is read back
                // from the cache when written, one at a time.
                let mut o = o;
                if let Some(d) = &mut o.document {
                    if cache_path(out, &o.sha256).exists() {
                        d.actions.clear();
                        d.axes.clear();
                        d.signataires.clear();
                        d.sigles.clear();
                        d.territoire.communes.clear();
                    }
                }
                o
            })
            .collect()
    });
    assign_ids(&mut outcomes);
    let load = |o: &Outcome| -> Option<Document> {
        let light = o.document.as_ref()?;
        let mut full = load_cache(out, &o.sha256)
            .and_then(|c| c.document)
            .unwrap_or_else(|| light.clone());
        full.id = light.id.clone();
        full.source = light.source.clone();
        Some(full)
    };
    write_corpus(out, &outcomes, &load)
}

/// Writes documents, registry, exports and manifest of a set of outcomes (already in path
/// order, ids assigned). Used by `batch` and `merge`.
pub fn write_corpus(
    out: &Path,
    outcomes: &[Outcome],
    load: &dyn Fn(&Outcome) -> Option<Document>,
) -> Result<Manifest, BatchError> {
    let w = |p: PathBuf, bytes: &[u8]| {
        write_atomic(&p, bytes).map_err(|e| BatchError::Write(p.display().to_string(), e))
    };
    let mut keep: HashSet<String> = HashSet::new();
    let mut registry = crate::registry::Builder::default();
    let mut exports = crate::export::Exports::default();
    // One document in memory at a time.
    for o in outcomes {
        let Some(d) = load(o) else { continue };
        w(
            out.join("documents").join(format!("{}.json", d.id)),
            &serde_json::to_vec_pretty(&d).expect("a document serialises"),
        )?;
        keep.insert(format!("{}.json", d.id));
        registry.add(&d);
        exports.add(&d);
    }
    // Documents of files no longer in the input are stale: remove them.
    if let Ok(rd) = std::fs::read_dir(out.join("documents")) {
        for e in rd.flatten() {
            let n = e.file_name().to_string_lossy().to_string();
            if n.ends_with(".json") && !keep.contains(&n) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    let registry = registry.finish();
    w(
        out.join("organisations.json"),
        &serde_json::to_vec_pretty(&registry).expect("registry serialises"),
    )?;
    crate::export::write_exports(out, exports, &registry)?;
    let manifest = Manifest {
        outil: tool_version(),
        schema_version: SCHEMA_VERSION.to_string(),
        documents: outcomes.iter().map(manifest_entry).collect(),
    };
    w(
        out.join("manifest.json"),
        &serde_json::to_vec_pretty(&manifest).expect("manifest serialises"),
    )?;
    Ok(manifest)
}

/// Merges shard outputs: documents are taken back in path order, ids given again by the
/// collision rule, and the registry, exports and manifest rebuilt.
pub fn merge(shards: &[PathBuf], out: &Path) -> Result<Manifest, BatchError> {
    let mut outcomes: Vec<Outcome> = Vec::new();
    for s in shards {
        let text = std::fs::read_to_string(s.join("manifest.json"))
            .map_err(|e| BatchError::Read(s.join("manifest.json").display().to_string(), e))?;
        let m: Manifest = serde_json::from_str(&text).map_err(|e| {
            BatchError::Invalid(format!("{}: {e}", s.join("manifest.json").display()))
        })?;
        for e in m.documents {
            let document = match &e.document_id {
                Some(id) => {
                    let p = s.join("documents").join(format!("{id}.json"));
                    let t = std::fs::read_to_string(&p)
                        .map_err(|err| BatchError::Read(p.display().to_string(), err))?;
                    let mut d: Document = serde_json::from_str(&t)
                        .map_err(|err| BatchError::Invalid(format!("{}: {err}", p.display())))?;
                    // The base id, before any collision suffix of the shard.
                    if id.len() > 9
                        && id.as_bytes()[id.len() - 9] == b'-'
                        && e.sha256.starts_with(&id[id.len() - 8..])
                    {
                        d.id = id[..id.len() - 9].to_string();
                    }
                    Some(d)
                }
                None => None,
            };
            outcomes.push(Outcome {
                fichier: e.fichier,
                sha256: e.sha256,
                outil: m.outil.clone(),
                document,
                erreur: e.raison.filter(|_| e.statut == EtatLecture::Echec),
                duree_ms: e.duree_ms,
                build: String::new(),
            });
        }
    }
    outcomes.sort_by(|a, b| a.fichier.cmp(&b.fichier));
    let mut seen = HashMap::new();
    outcomes.retain(|o| seen.insert(o.fichier.clone(), ()).is_none());
    assign_ids(&mut outcomes);
    write_corpus(out, &outcomes, &|o: &Outcome| o.document.clone())
}
