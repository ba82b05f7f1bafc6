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
use crate::error::CorpusError;
use crate::lock::OutLock;
use cls_model::{Document, EtatLecture, Ignore, Manifest, Outcome};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

fn read_manifest(dir: &Path) -> Result<Manifest, CorpusError> {
    let p = dir.join("manifest.json");
    let text = std::fs::read(&p).map_err(|e| CorpusError::Read(p.display().to_string(), e))?;
    serde_json::from_slice(&text).map_err(|e| {
        CorpusError::Invalid(format!(
            "{} n'est pas un manifeste de corpus : {e}",
            p.display()
        ))
    })
}

/// Why these shards do not make one whole run (empty when they do, or when none of them
/// is a shard: merging whole corpora is a plain union).
pub fn check_shards(shards: &[(PathBuf, Manifest)]) -> Vec<String> {
    let mut problems = Vec::new();
    if shards.iter().all(|(_, m)| m.shard.is_none()) {
        return problems;
    }
    let show = |p: &Path| p.display().to_string();
    let mut runs: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut counts: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    let mut seen: BTreeMap<(u32, u32), Vec<String>> = BTreeMap::new();
    for (dir, m) in shards {
        let Some(label) = &m.shard else {
            problems.push(format!("{} n'est pas un shard", show(dir)));
            continue;
        };
        let parsed = label
            .split_once('/')
            .and_then(|(i, n)| Some((i.parse::<u32>().ok()?, n.parse::<u32>().ok()?)));
        let Some((i, n)) = parsed else {
            problems.push(format!("{} : shard « {label} » illisible", show(dir)));
            continue;
        };
        runs.entry(m.execution.clone().unwrap_or_else(|| "?".into()))
            .or_default()
            .push(show(dir));
        counts.entry(n).or_default().push(show(dir));
        seen.entry((i, n)).or_default().push(show(dir));
    }
    if runs.len() > 1 {
        let list: Vec<String> = runs
            .iter()
            .map(|(run, dirs)| format!("{run} ({})", dirs.join(", ")))
            .collect();
        problems.push(format!(
            "les shards viennent de plusieurs exécutions : {}",
            list.join(" ; ")
        ));
    }
    if counts.len() > 1 {
        let list: Vec<String> = counts
            .iter()
            .map(|(n, dirs)| format!("{n} shards ({})", dirs.join(", ")))
            .collect();
        problems.push(format!(
            "les shards ne comptent pas le même nombre de parts : {}",
            list.join(" ; ")
        ));
    }
    for ((i, n), dirs) in &seen {
        if dirs.len() > 1 {
            problems.push(format!(
                "le shard {i}/{n} est donné {} fois : {}",
                dirs.len(),
                dirs.join(", ")
            ));
        }
    }
    for &n in counts.keys() {
        let missing: Vec<String> = (0..n)
            .filter(|i| !seen.contains_key(&(*i, n)))
            .map(|i| format!("{i}/{n}"))
            .collect();
        if !missing.is_empty() {
            problems.push(format!("il manque le(s) shard(s) {}", missing.join(", ")));
        }
    }
    problems
}

/// A document of a shard, kept light until it is written.
struct Source {
    file: PathBuf,
}

/// Merges shard outputs into `out`.
pub fn merge(shards: &[PathBuf], out: &Path, allow_partial: bool) -> Result<Report, CorpusError> {
    let mut manifests = Vec::new();
    for s in shards {
        manifests.push((s.clone(), read_manifest(s)?));
    }
    let problems = check_shards(&manifests);
    if !problems.is_empty() && !allow_partial {
        return Err(CorpusError::Merge(problems.join(" ; ")));
    }
    let lock = OutLock::take(out)?;
    let mut entries: Vec<Entry> = Vec::new();
    let mut sources: HashMap<String, Source> = HashMap::new();
    let mut racines: BTreeSet<String> = BTreeSet::new();
    let mut runs: BTreeSet<Option<String>> = BTreeSet::new();
    let mut ignores: Vec<Ignore> = Vec::new();
    for (s, m) in manifests {
        racines.extend(m.racines.iter().cloned());
        runs.insert(m.execution.clone());
        ignores.extend(m.ignores.iter().cloned());
        for e in m.documents {
            let document = match &e.document_id {
                Some(id) => {
                    let p = s.join("documents").join(format!("{id}.json"));
                    let t = std::fs::read(&p)
                        .map_err(|err| CorpusError::Read(p.display().to_string(), err))?;
                    let mut d: Document = serde_json::from_slice(&t)
                        .map_err(|err| CorpusError::Invalid(format!("{} : {err}", p.display())))?;
                    d.id = base_id(id, &e.sha256);
                    lighten(&mut d);
                    sources.insert(format!("{}\n{}", e.sha256, e.fichier), Source { file: p });
                    Some(d)
                }
                None => None,
            };
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
            entries.push(Entry {
                outcome: Outcome {
                    fichier: e.fichier,
                    sha256: e.sha256,
                    outil: m.outil.clone(),
                    document,
                    erreur: e.raison.filter(|_| e.statut == EtatLecture::Echec),
                    duree_ms: e.duree_ms,
                    build: String::new(),
                    definitif: true,
                },
                chemin,
                chemins,
            });
        }
    }
    // The one-machine order, then one entry per content (identical files in different
    // shards) and per failed path.
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
    let load = |o: &Outcome| -> Option<Document> {
        let light = o.document.as_ref()?;
        let src = sources.get(&format!("{}\n{}", o.sha256, o.fichier))?;
        let mut d: Document = serde_json::from_slice(&std::fs::read(&src.file).ok()?).ok()?;
        d.id = light.id.clone();
        d.source = light.source.clone();
        Some(d)
    };
    let mut seen_ignored = HashSet::new();
    ignores.retain(|i| seen_ignored.insert(i.fichier.clone()));
    let execution = if runs.len() == 1 {
        runs.into_iter().next().flatten()
    } else {
        None
    };
    let info = RunInfo {
        shard: None,
        racines: racines.into_iter().collect(),
        execution,
        ignores,
    };
    let manifest = write_corpus(out, lock.tmp(), &merged, &load, info)?;
    Ok(Report {
        manifest,
        warnings: problems,
    })
}
