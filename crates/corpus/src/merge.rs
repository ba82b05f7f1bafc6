//! `cls merge`: the corpus directories of a run's shards back into one corpus, equal to
//! what one machine would have written for the same files.
//!
//! The shards must fit together: all from one run (same `execution`), same shard count,
//! each index exactly once. Otherwise the merge refuses with the reason (a shard
//! cancelled before it started, a leftover folder of an earlier run, a shard given twice),
//! unless `allow_partial`, which merges what is there and returns the reasons as warnings.
//! Entries are put back in the one-machine order (path relative to the input root),
//! identical contents across shards become one document again, and ids are given anew
//! from each document's base id.

use crate::batch::{assign_ids, base_id, lighten, write_corpus, Entry, Report, RunInfo};
use crate::error::{json_reason, CorpusError};
use crate::lock::OutLock;
use cls_model::{Document, EtatLecture, Ignore, Manifest, ManifestEntry, Outcome};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

fn read_manifest(dir: &Path) -> Result<Manifest, CorpusError> {
    let p = dir.join("manifest.json");
    let text = std::fs::read(&p).map_err(|e| CorpusError::Read(p.display().to_string(), e))?;
    serde_json::from_slice(&text).map_err(|e| {
        CorpusError::Invalid(format!(
            "{} n'est pas un manifeste de corpus : {}",
            p.display(),
            json_reason(&e)
        ))
    })
}

/// Why these shards do not make one whole run (empty when they do, or when none of them
/// is a shard: merging whole corpora is a plain union).
pub fn check_shards(shards: &[(PathBuf, Manifest)]) -> Vec<String> {
    if shards.iter().all(|(_, m)| m.shard.is_none()) {
        return Vec::new();
    }
    let (tally, mut problems) = Tally::of(shards);
    problems.extend(tally.problems());
    problems
}

/// The shards given to a merge, folder names grouped by run, by shard count and by shard.
#[derive(Default)]
struct Tally {
    runs: BTreeMap<String, Vec<String>>,
    counts: BTreeMap<u32, Vec<String>>,
    seen: BTreeMap<(u32, u32), Vec<String>>,
}

impl Tally {
    /// The tally of the shards, and the folders that are no shard or a shard not read.
    fn of(shards: &[(PathBuf, Manifest)]) -> (Tally, Vec<String>) {
        let mut tally = Tally::default();
        let mut problems = Vec::new();
        for (dir, m) in shards {
            let dir = dir.display().to_string();
            let Some(label) = &m.shard else {
                problems.push(format!("{dir} n'est pas un shard"));
                continue;
            };
            let parsed = label
                .split_once('/')
                .and_then(|(i, n)| Some((i.parse::<u32>().ok()?, n.parse::<u32>().ok()?)));
            let Some((i, n)) = parsed else {
                problems.push(format!("{dir} : shard « {label} » illisible"));
                continue;
            };
            tally
                .runs
                .entry(m.execution.clone().unwrap_or_else(|| "?".into()))
                .or_default()
                .push(dir.clone());
            tally.counts.entry(n).or_default().push(dir.clone());
            tally.seen.entry((i, n)).or_default().push(dir);
        }
        (tally, problems)
    }

    /// Several runs, several shard counts, a shard given twice, a shard missing.
    fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.runs.len() > 1 {
            let list: Vec<String> = self
                .runs
                .iter()
                .map(|(run, dirs)| format!("{run} ({})", dirs.join(", ")))
                .collect();
            problems.push(format!(
                "les shards viennent de plusieurs exécutions : {}",
                list.join(" ; ")
            ));
        }
        if self.counts.len() > 1 {
            let list: Vec<String> = self
                .counts
                .iter()
                .map(|(n, dirs)| format!("{n} shards ({})", dirs.join(", ")))
                .collect();
            problems.push(format!(
                "les shards ne comptent pas le même nombre de parts : {}",
                list.join(" ; ")
            ));
        }
        for ((i, n), dirs) in &self.seen {
            if dirs.len() > 1 {
                problems.push(format!(
                    "le shard {i}/{n} est donné {} fois : {}",
                    dirs.len(),
                    dirs.join(", ")
                ));
            }
        }
        for &n in self.counts.keys() {
            let missing: Vec<String> = (0..n)
                .filter(|i| !self.seen.contains_key(&(*i, n)))
                .map(|i| format!("{i}/{n}"))
                .collect();
            if !missing.is_empty() {
                problems.push(format!("il manque le(s) shard(s) {}", missing.join(", ")));
            }
        }
        problems
    }
}

/// A document of a shard, kept light until it is written.
struct Source {
    file: PathBuf,
}

/// Merges shard outputs into `out`.
pub fn merge(shards: &[PathBuf], out: &Path, allow_partial: bool) -> Result<Report, CorpusError> {
    refuse_out_among_parts(shards, out)?;
    let mut manifests = Vec::new();
    for s in shards {
        manifests.push((s.clone(), read_manifest(s)?));
    }
    let problems = check_shards(&manifests);
    if !problems.is_empty() && !allow_partial {
        return Err(CorpusError::Merge(problems.join(" ; ")));
    }
    let lock = OutLock::take(out)?;
    let Gathered {
        entries,
        sources,
        racines,
        runs,
        ignores,
    } = Gathered::read(manifests)?;
    let merged = one_machine_entries(entries);
    let load = |o: &Outcome| full_document(&sources, o);
    let info = run_info(racines, runs, ignores);
    let manifest = write_corpus(out, lock.tmp(), &merged, &load, info)?;
    Ok(Report {
        manifest,
        warnings: problems,
    })
}

/// A merge written into one of its own parts would overwrite that part's documents before
/// reading them: refused, however the two paths are spelled.
fn refuse_out_among_parts(shards: &[PathBuf], out: &Path) -> Result<(), CorpusError> {
    let Ok(out_real) = std::fs::canonicalize(out) else {
        // A folder that does not exist yet is none of the parts.
        return Ok(());
    };
    for s in shards {
        if std::fs::canonicalize(s).is_ok_and(|p| p == out_real) {
            return Err(CorpusError::Merge(format!(
                "la sortie {} est l'un des corpus à fusionner ({}) : choisissez un autre dossier --out",
                out.display(),
                s.display()
            )));
        }
    }
    Ok(())
}

/// The key under which an entry finds its shard's document file again: the sha256 of its
/// bytes and the file the shard read them from.
fn source_key(sha256: &str, fichier: &str) -> String {
    format!("{sha256}\n{fichier}")
}

/// Everything the shards' manifests list: their entries (documents kept light), where
/// each document's file is, and the run's roots, run ids and ignored files.
#[derive(Default)]
struct Gathered {
    entries: Vec<Entry>,
    /// [`source_key`] → the shard's document file.
    sources: HashMap<String, Source>,
    racines: BTreeSet<String>,
    runs: BTreeSet<Option<String>>,
    ignores: Vec<Ignore>,
}

impl Gathered {
    /// Reads the entries of every shard, in the order given.
    fn read(manifests: Vec<(PathBuf, Manifest)>) -> Result<Gathered, CorpusError> {
        let mut g = Gathered::default();
        for (s, m) in manifests {
            g.racines.extend(m.racines.iter().cloned());
            g.runs.insert(m.execution.clone());
            g.ignores.extend(m.ignores.iter().cloned());
            for e in m.documents {
                let document = match &e.document_id {
                    Some(id) => Some(g.light_document(&s, id, &e)?),
                    None => None,
                };
                g.entries.push(entry(e, &m.outil, document));
            }
        }
        Ok(g)
    }

    /// The document `id` of shard `s`, read, given back its base id and kept light; its
    /// file is noted to be read again when the corpus is written.
    fn light_document(
        &mut self,
        s: &Path,
        id: &str,
        e: &ManifestEntry,
    ) -> Result<Document, CorpusError> {
        let p = s.join("documents").join(format!("{id}.json"));
        let t = std::fs::read(&p).map_err(|err| CorpusError::Read(p.display().to_string(), err))?;
        let mut d: Document = serde_json::from_slice(&t).map_err(|err| {
            CorpusError::Invalid(format!("{} : {}", p.display(), json_reason(&err)))
        })?;
        d.id = base_id(id, &e.sha256);
        lighten(&mut d);
        self.sources
            .insert(source_key(&e.sha256, &e.fichier), Source { file: p });
        Ok(d)
    }
}

/// A shard's manifest entry as a batch entry again.
fn entry(e: ManifestEntry, outil: &str, document: Option<Document>) -> Entry {
    let chemin = if e.chemin.is_empty() {
        // A manifest written before relative paths were recorded.
        Path::new(&e.fichier)
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| e.fichier.clone())
    } else {
        e.chemin.clone()
    };
    let chemins = if e.chemins.is_empty() {
        vec![e.fichier.clone()]
    } else {
        e.chemins.clone()
    };
    Entry {
        outcome: Outcome {
            fichier: e.fichier,
            sha256: e.sha256,
            outil: outil.to_string(),
            document,
            erreur: e.raison.filter(|_| e.statut == EtatLecture::Echec),
            duree_ms: e.duree_ms,
            build: String::new(),
            definitif: true,
        },
        chemin,
        chemins,
    }
}

/// The one-machine order, then one entry per content (identical files in different
/// shards) and per failed path, ids given anew.
fn one_machine_entries(mut entries: Vec<Entry>) -> Vec<Entry> {
    entries.sort_by(|a, b| (&a.chemin, &a.outcome.fichier).cmp(&(&b.chemin, &b.outcome.fichier)));
    let mut merged: Vec<Entry> = Vec::new();
    let mut by_sha: HashMap<String, usize> = HashMap::new();
    let mut failed: HashSet<String> = HashSet::new();
    for e in entries {
        if e.outcome.sha256.is_empty() {
            if failed.insert(e.outcome.fichier.clone()) {
                merged.push(e);
            }
            continue;
        }
        match by_sha.get(&e.outcome.sha256) {
            Some(&k) => {
                for c in e.chemins {
                    if !merged[k].chemins.contains(&c) {
                        merged[k].chemins.push(c);
                    }
                }
            }
            None => {
                by_sha.insert(e.outcome.sha256.clone(), merged.len());
                merged.push(e);
            }
        }
    }
    assign_ids(&mut merged);
    merged
}

/// The full document of a merged entry, read again from its shard, with its new id.
fn full_document(sources: &HashMap<String, Source>, o: &Outcome) -> Option<Document> {
    let light = o.document.as_ref()?;
    let src = sources.get(&source_key(&o.sha256, &o.fichier))?;
    let mut d: Document = serde_json::from_slice(&std::fs::read(&src.file).ok()?).ok()?;
    d.id = light.id.clone();
    d.source = light.source.clone();
    Some(d)
}

/// The merged manifest's description of the run: every root, each ignored file once,
/// and the run id when the shards share one.
fn run_info(
    racines: BTreeSet<String>,
    runs: BTreeSet<Option<String>>,
    mut ignores: Vec<Ignore>,
) -> RunInfo {
    let mut seen_ignored = HashSet::new();
    ignores.retain(|i| seen_ignored.insert(i.fichier.clone()));
    let execution = if runs.len() == 1 {
        runs.into_iter().next().flatten()
    } else {
        None
    };
    RunInfo {
        shard: None,
        racines: racines.into_iter().collect(),
        execution,
        ignores,
    }
}
