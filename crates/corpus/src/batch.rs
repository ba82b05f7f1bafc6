//! Many files to a corpus directory, safely and again tomorrow.
//!
//! The run takes an exclusive lock on `--out` (see `lock`), lists the inputs (only
//! regular files, one per real file, see `inputs`), keeps its shard's files (by path
//! relative to the input root, see `shard`), and hashes each file (streamed) to find it in
//! the cache. Files whose bytes are identical are one document, read once. A file not in
//! the cache is read by a worker *process* (the `cls` binary in its hidden worker mode,
//! under a memory limit), `jobs` at a time on a rayon pool: the worker hashes exactly the
//! bytes it parses, and the result is cached under that hash, so a file rewritten during
//! the batch can never leave one content's result under another's key. A PDF that makes
//! the extractor loop is killed at the timeout, one that panics or exhausts memory costs
//! only itself, and neither is cached. The documents, registry, exports and manifest are
//! written at the end through temporary files and renames, with ids given in path order
//! (the spec's collision rule), so that a rerun gives byte-identical outputs.

use crate::cache::Cache;
use crate::error::CorpusError;
pub use crate::inputs::collect_inputs;
use crate::inputs::{hash_regular, Input, Inputs};
use crate::lock::OutLock;
pub use crate::shard::Shard;
use crate::worker::{failure, read_in_worker, WorkerSpec};
pub use crate::worker::{read_one, tool_version};
use crate::write::write_output_in;
pub use cls_model::Outcome;
use cls_model::{Document, EtatLecture, Ignore, Manifest, ManifestEntry, SCHEMA_VERSION};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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
    /// Each worker's address-space limit in MiB (0: none).
    pub memoire_max_mo: u64,
    /// The run id shared by the shards of one run; `None`: from the environment, else a
    /// fingerprint (see `execution_id`).
    pub execution: Option<String>,
}

/// Default memory limit of a worker: far above any real contract (the largest fixture
/// peaks near 60 MB), far below what a decompression bomb would take.
pub const DEFAULT_MEMOIRE_MAX_MO: u64 = 2048;

/// The number of workers when `--jobs` is not given: the CPUs Slurm gave the task
/// (`SLURM_CPUS_PER_TASK`), else the CPUs this process may run on (its affinity mask and
/// cgroup quota, as `available_parallelism` reads them).
pub fn default_jobs() -> usize {
    std::env::var("SLURM_CPUS_PER_TASK")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
        })
}

/// The run id: given (`--execution`), else `CLS_RUN_ID`, else Slurm's array job id, else a
/// fingerprint of the tool, the build, the shard count, the roots' names (not their full
/// paths, which differ between mounts) and every input before sharding (its path relative
/// to the root, size and modification time). Shards of one run over an unchanged archive
/// share it; a shard left over from a run over other files, or over the same names before
/// they changed, does not.
pub fn execution_id(
    given: Option<String>,
    shard: Option<Shard>,
    roots: &[String],
    files: &[Input],
) -> String {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    if let Some(id) = given.or_else(|| env("CLS_RUN_ID")) {
        return id;
    }
    if let Some(job) = env("SLURM_ARRAY_JOB_ID") {
        return format!("slurm-{job}");
    }
    let mut seed = format!(
        "{}\n{}\n{}\n",
        tool_version(),
        build_id(),
        shard.map(|s| s.count).unwrap_or(1)
    );
    for r in roots {
        seed.push_str(r.rsplit('/').next().unwrap_or(r));
        seed.push('\n');
    }
    for f in files {
        seed.push_str(&f.key);
        seed.push('\t');
        seed.push_str(&file_stamp(&f.path));
        seed.push('\n');
    }
    format!("auto-{}", &crate::ingest::sha256_hex(seed.as_bytes())[..12])
}

/// A file's size and modification time, as text (`absent` when it cannot be read).
fn file_stamp(p: &Path) -> String {
    use std::os::unix::fs::MetadataExt;
    match std::fs::metadata(p) {
        Ok(m) => format!("{} {}.{:09}", m.len(), m.mtime(), m.mtime_nsec()),
        Err(_) => "absent".to_string(),
    }
}

/// What a batch or a merge returns: the manifest written, and warnings for the user.
#[derive(Debug)]
pub struct Report {
    pub manifest: Manifest,
    pub warnings: Vec<String>,
}

/// One manifest line being built: an outcome, its relative path, and every path that had
/// its bytes.
#[derive(Debug, Clone)]
pub struct Entry {
    pub outcome: Outcome,
    pub chemin: String,
    pub chemins: Vec<String>,
}

/// The manifest's description of the run.
#[derive(Debug, Clone, Default)]
pub struct RunInfo {
    pub shard: Option<String>,
    pub racines: Vec<String>,
    pub execution: Option<String>,
    pub ignores: Vec<Ignore>,
}

/// A fingerprint of the running binary (sha256 of its bytes, computed once).
pub fn build_id() -> String {
    static B: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    B.get_or_init(|| {
        // Streamed: the binary is tens of megabytes and must not sit in memory.
        std::env::current_exe()
            .ok()
            .and_then(|p| hash_regular(&p).ok())
            .map(|h| h[..16].to_string())
            .unwrap_or_default()
    })
    .clone()
}

/// The file name the document's `source.fichier` takes.
fn name_of(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default()
}

/// Keeps only what ids and the manifest need; the full document is read back from the
/// cache when written, one at a time.
pub(crate) fn lighten(d: &mut Document) {
    d.actions.clear();
    d.axes.clear();
    d.signataires.clear();
    d.sigles.clear();
    d.territoire.communes.clear();
}

/// Files with the same bytes (by the parent's hash): one read, one document.
struct Group {
    members: Vec<usize>,
    sha: Result<String, String>,
}

fn group_by_content(hashes: Vec<Result<String, String>>) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_sha: HashMap<String, usize> = HashMap::new();
    for (i, h) in hashes.into_iter().enumerate() {
        if let Ok(sha) = &h {
            if let Some(&g) = by_sha.get(sha) {
                groups[g].members.push(i);
                continue;
            }
            by_sha.insert(sha.clone(), groups.len());
        }
        groups.push(Group {
            members: vec![i],
            sha: h,
        });
    }
    groups
}

/// Runs a batch and writes the corpus.
pub fn run_batch(
    inputs: &[PathBuf],
    out: &Path,
    opts: &Options,
    progress: &dyn Progress,
) -> Result<Report, CorpusError> {
    let lock = OutLock::take(out)?;
    let Inputs {
        files,
        ignored,
        roots,
    } = collect_inputs(inputs, Some(out))?;
    let execution = execution_id(opts.execution.clone(), opts.shard, &roots, &files);
    let files = in_shard(files, opts.shard);
    let build = build_id();
    let (cache, warning) = Cache::open(out, lock.tmp(), build.clone());
    let warnings: Vec<String> = warning.into_iter().collect();
    progress.start(files.len());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs.max(1))
        .build()
        .map_err(|e| {
            CorpusError::Invalid(format!("processus de lecture impossibles à lancer ({e})"))
        })?;
    let reader = Reader {
        cache: &cache,
        opts,
        spec: opts.worker.as_ref().map(|bin| WorkerSpec {
            bin: bin.clone(),
            memoire_max_mo: opts.memoire_max_mo,
        }),
        build,
    };
    let groups = pool.install(|| {
        let hashes: Vec<Result<String, String>> =
            files.par_iter().map(|f| hash_regular(&f.path)).collect();
        group_by_content(hashes)
    });
    let outcomes: Vec<(Vec<usize>, Outcome)> = pool.install(|| {
        groups
            .par_iter()
            .flat_map_iter(|g| reader.read_group(g, &files, progress))
            .collect()
    });
    let mut entries = regroup_by_read_bytes(&files, outcomes);
    assign_ids(&mut entries);
    let load = |o: &Outcome| full_document(&cache, o);
    let info = RunInfo {
        shard: opts.shard.map(|s| s.label()),
        execution: Some(execution),
        racines: roots,
        ignores: ignored,
    };
    let manifest = write_corpus(out, lock.tmp(), &entries, &load, info)?;
    Ok(Report { manifest, warnings })
}

/// The files of this run's shard (all of them without `--shard`).
fn in_shard(files: Vec<Input>, shard: Option<Shard>) -> Vec<Input> {
    files
        .into_iter()
        .filter(|f| shard.is_none_or(|s| s.contains(&f.key)))
        .collect()
}

/// How a batch reads a file: from the cache, else in a worker process (in this process
/// when no worker binary is given), the result then cached.
struct Reader<'a> {
    cache: &'a Cache,
    opts: &'a Options,
    spec: Option<WorkerSpec>,
    build: String,
}

impl Reader<'_> {
    /// The outcomes of one group of identical files, each with the members it stands for,
    /// counted once per file in the progress bar, and kept light when the cache holds the
    /// full result. One member's read stands for the whole group only when it found the
    /// bytes the parent hashed: a member rewritten or removed since then is no witness for
    /// the others, which are then read on their own.
    fn read_group(
        &self,
        g: &Group,
        files: &[Input],
        progress: &dyn Progress,
    ) -> Vec<(Vec<usize>, Outcome)> {
        let mut read = Vec::new();
        let mut rest: &[usize] = &g.members;
        while let Some((&first, others)) = rest.split_first() {
            let (o, in_cache) = self.read_member(&files[first].path, &g.sha);
            let witness = g.sha.as_ref().is_ok_and(|sha| *sha == o.sha256);
            let stands_for = if witness { rest } else { &rest[..1] };
            for _ in stands_for {
                progress.done(&o.fichier, o.document.is_none());
            }
            let mut o = o;
            if in_cache {
                if let Some(d) = &mut o.document {
                    lighten(d);
                }
            }
            read.push((stands_for.to_vec(), o));
            rest = if witness { &[] } else { others };
        }
        read
    }

    /// The outcome of one file of a group, and whether its full result sits in the cache.
    fn read_member(&self, path: &Path, sha: &Result<String, String>) -> (Outcome, bool) {
        match sha {
            Err(why) => (
                failure(
                    path.display().to_string(),
                    String::new(),
                    why.clone(),
                    Instant::now(),
                    false,
                ),
                false,
            ),
            Ok(sha) => self.read(path, sha),
        }
    }

    /// The outcome of a file the parent hashed to `sha`, and whether the full result sits
    /// in the cache, so that only a light copy needs to stay in memory until the corpus is
    /// written.
    fn read(&self, first: &Path, sha: &str) -> (Outcome, bool) {
        let cached = if self.opts.force {
            None
        } else {
            self.cache.load(sha, &name_of(first))
        };
        if let Some(mut c) = cached {
            c.fichier = first.display().to_string();
            return (c, true);
        }
        let mut o = match &self.spec {
            Some(spec) => read_in_worker(spec, first, self.opts.timeout),
            None => read_one(first),
        };
        o.build = self.build.clone();
        let stored = self.cache.store(&o);
        (o, stored)
    }
}

/// The manifest entries, regrouped by the sha256 the workers found: a file rewritten
/// since the parent hashed it may now have the bytes of another group. Entries come in
/// path order (the order ids are given in), by the first file each read stands for.
fn regroup_by_read_bytes(files: &[Input], mut outcomes: Vec<(Vec<usize>, Outcome)>) -> Vec<Entry> {
    outcomes.sort_by_key(|(members, _)| members[0]);
    let mut entries: Vec<Entry> = Vec::new();
    let mut by_sha: HashMap<String, usize> = HashMap::new();
    for (members, o) in outcomes {
        let paths = members
            .iter()
            .flat_map(|&i| std::iter::once(&files[i].path).chain(files[i].aliases.iter()));
        let paths: Vec<String> = paths.map(|p| p.display().to_string()).collect();
        if !o.sha256.is_empty() {
            if let Some(&k) = by_sha.get(&o.sha256) {
                entries[k].chemins.extend(paths);
                continue;
            }
            by_sha.insert(o.sha256.clone(), entries.len());
        }
        entries.push(Entry {
            outcome: o,
            chemin: files[members[0]].key.clone(),
            chemins: paths,
        });
    }
    entries
}

/// The full document of an entry, read back from the cache, with the id and source the
/// batch gave it (the light copy when the cache no longer has it).
fn full_document(cache: &Cache, o: &Outcome) -> Option<Document> {
    let light = o.document.as_ref()?;
    let full = cache
        .load(&o.sha256, &light.source.fichier)
        .and_then(|c| c.document);
    let Some(mut full) = full else {
        return Some(light.clone());
    };
    full.id = light.id.clone();
    full.source = light.source.clone();
    Some(full)
}

/// Gives every document a unique id in path order: a repeated id gets `-` and the first
/// eight hex digits of the file's sha256 (the spec's rule). Identical files are already
/// one entry, so a second suffix (`-2`) is only a safeguard.
pub fn assign_ids(entries: &mut [Entry]) {
    let mut used: HashSet<String> = HashSet::new();
    for e in entries.iter_mut() {
        let o = &mut e.outcome;
        if let Some(d) = &mut o.document {
            if !used.insert(d.id.clone()) {
                let base = format!("{}-{}", d.id, &o.sha256[..8.min(o.sha256.len())]);
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

/// The id a document had before `assign_ids` added a collision suffix for these bytes.
pub fn base_id(id: &str, sha256: &str) -> String {
    let Some(short) = sha256.get(..8) else {
        return id.to_string();
    };
    let marker = format!("-{short}");
    if let Some(pos) = id.rfind(&marker) {
        let rest = &id[pos + marker.len()..];
        let numbered = rest
            .strip_prefix('-')
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if rest.is_empty() || numbered {
            return id[..pos].to_string();
        }
    }
    id.to_string()
}

/// The manifest entry of an outcome.
pub fn manifest_entry(e: &Entry) -> ManifestEntry {
    let o = &e.outcome;
    let (statut, raison, document_id) = match (&o.document, &o.erreur) {
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
            (statut, raison, Some(d.id.clone()))
        }
        (None, e) => (
            EtatLecture::Echec,
            Some(
                e.clone()
                    .unwrap_or_else(|| "erreur inconnue".into())
                    .replace('\n', " "),
            ),
            None,
        ),
    };
    ManifestEntry {
        fichier: o.fichier.clone(),
        sha256: o.sha256.clone(),
        statut,
        raison,
        document_id,
        duree_ms: o.duree_ms,
        chemin: e.chemin.clone(),
        chemins: e.chemins.clone(),
    }
}

/// Progress events for the CLI's progress bar.
pub trait Progress: Sync {
    fn start(&self, _total: usize) {}
    fn done(&self, _fichier: &str, _failed: bool) {}
}

/// Writes documents, registry, exports and manifest of a set of entries (already in path
/// order, ids assigned), temporary files in `tmp`. Used by `batch` and `merge`.
pub fn write_corpus(
    out: &Path,
    tmp: &Path,
    entries: &[Entry],
    load: &dyn Fn(&Outcome) -> Option<Document>,
    info: RunInfo,
) -> Result<Manifest, CorpusError> {
    let w = |p: PathBuf, bytes: &[u8]| write_output_in(tmp, &p, bytes);
    let mut keep: HashSet<String> = HashSet::new();
    let mut registry = crate::registry::Builder::default();
    let mut exports = crate::export::Exports::default();
    // One document in memory at a time.
    for e in entries {
        let Some(d) = load(&e.outcome) else { continue };
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
    // The registry counts retained documents only: decide them first.
    let exports = exports.finish();
    let kept: HashSet<String> = exports
        .retained_ids()
        .into_iter()
        .map(str::to_string)
        .collect();
    let registry = registry.finish(&kept);
    w(
        out.join("organisations.json"),
        &serde_json::to_vec_pretty(&registry).expect("registry serialises"),
    )?;
    crate::export::write_exports(out, &exports, &registry)?;
    let manifest = Manifest {
        outil: tool_version(),
        schema_version: SCHEMA_VERSION.to_string(),
        documents: entries.iter().map(manifest_entry).collect(),
        shard: info.shard,
        racines: info.racines,
        execution: info.execution,
        ignores: info.ignores,
    };
    w(
        out.join("manifest.json"),
        &serde_json::to_vec_pretty(&manifest).expect("manifest serialises"),
    )?;
    Ok(manifest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_ids_drop_only_the_suffix_of_their_own_bytes() {
        let sha = "307c3c82aaaaaaaa";
        assert_eq!(
            base_id("chartres-2020-2025-307c3c82", sha),
            "chartres-2020-2025"
        );
        assert_eq!(
            base_id("chartres-2020-2025-307c3c82-2", sha),
            "chartres-2020-2025"
        );
        assert_eq!(base_id("chartres-2020-2025", sha), "chartres-2020-2025");
        assert_eq!(base_id("x-12345678", sha), "x-12345678");
    }
}
