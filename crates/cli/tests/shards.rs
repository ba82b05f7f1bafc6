//! Shards and `cls merge`: the split is the same however the input root is spelled, a
//! merge refuses shards that do not make one whole run, identical files in different
//! shards merge to exactly the one-machine corpus, and Slurm arrays with a step work.

mod common;

use common::{assert_same_files, entries, manifest, os, root, run, snapshot, tmp};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// An archive of the six web pages, plus `copies` copies of one of them under other names
/// (in a sub-folder too), so that identical files fall into different shards.
fn archive(name: &str, copies: usize) -> PathBuf {
    let a = tmp(name);
    let input = a.join("archive");
    std::fs::create_dir_all(input.join("sub")).expect("dir");
    let dir = root().join("fixtures/html");
    for e in std::fs::read_dir(&dir).expect("fixtures").flatten() {
        let n = e.file_name().to_string_lossy().to_string();
        if n.ends_with(".html") {
            std::fs::copy(e.path(), input.join(&n)).expect("copy");
        }
    }
    for k in 0..copies {
        let to = if k % 2 == 0 {
            input.join(format!("copie-{k}.html"))
        } else {
            input.join("sub").join(format!("copie-{k}.html"))
        };
        std::fs::copy(dir.join("chaumont-web.html"), to).expect("copy");
    }
    a
}

fn chemins(out: &Path) -> Vec<String> {
    entries(out)
        .iter()
        .flat_map(|e| e["chemins"].as_array().cloned().unwrap_or_default())
        .map(|c| {
            c.as_str()
                .unwrap_or("")
                .rsplit("archive/")
                .next()
                .unwrap_or("")
                .to_string()
        })
        .collect()
}

fn document_ids(out: &Path) -> Vec<String> {
    entries(out)
        .iter()
        .map(|e| e["document_id"].as_str().unwrap_or("").to_string())
        .collect()
}

/// Every output file but the manifest (which names its shards), as bytes.
fn outputs(out: &Path) -> Vec<(String, Vec<u8>)> {
    snapshot(out)
        .into_iter()
        .filter(|(name, _)| name != "manifest.json")
        .collect()
}

fn assert_same_corpus(reference: &Path, merged: &Path) {
    assert_eq!(document_ids(reference), document_ids(merged));
    assert_same_files(
        &outputs(reference),
        &outputs(merged),
        "from the one-machine run",
    );
}

#[test]
fn the_split_is_the_same_however_the_root_is_spelled() {
    let a = archive("spelling", 4);
    let abs = a.join("archive");
    let spellings = [os("archive"), os("./archive"), abs.as_os_str()];
    for i in 0..2 {
        let mut seen: Vec<Vec<String>> = Vec::new();
        for (k, s) in spellings.iter().enumerate() {
            let out = a.join(format!("s{i}-{k}"));
            let o = run(
                &a,
                &[
                    os("batch"),
                    os("-q"),
                    os("--shard"),
                    os(&format!("{i}/2")),
                    os("--out"),
                    out.as_os_str(),
                    s,
                ],
                &[],
            );
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            seen.push(chemins(&out));
        }
        assert!(!seen[0].is_empty());
        assert_eq!(seen[0], seen[1], "archive vs ./archive, shard {i}");
        assert_eq!(seen[0], seen[2], "archive vs absolute, shard {i}");
    }
}

#[test]
fn identical_files_in_different_shards_merge_to_the_one_machine_corpus() {
    let a = archive("identical", 6);
    let reference = a.join("reference");
    let o = run(
        &a,
        &[
            os("batch"),
            os("-q"),
            os("--out"),
            reference.as_os_str(),
            os("archive"),
        ],
        &[],
    );
    assert!(o.status.success());
    // The six copies are one document listing seven paths.
    let m = manifest(&reference);
    let chaumont = m["documents"]
        .as_array()
        .expect("entries")
        .iter()
        .find(|e| e["chemins"].as_array().map(Vec::len) == Some(7))
        .cloned()
        .unwrap_or_else(|| panic!("no entry with the seven copies: {m}"));
    assert_eq!(chaumont["document_id"], "pays-de-chaumont");
    let mut shards = Vec::new();
    for i in 0..2 {
        let out = a.join(format!("shard-{i}"));
        // Spelled differently on each machine.
        let root = if i == 0 {
            os("archive")
        } else {
            os("./archive")
        };
        let o = run(
            &a,
            &[
                os("batch"),
                os("-q"),
                os("--shard"),
                os(&format!("{i}/2")),
                os("--out"),
                out.as_os_str(),
                root,
            ],
            &[],
        );
        assert!(o.status.success());
        shards.push(out);
    }
    let has_copy = |d: &Path| entries(d).iter().any(|e| e["sha256"] == chaumont["sha256"]);
    assert!(
        has_copy(&shards[0]) && has_copy(&shards[1]),
        "the copies fall into both shards"
    );
    let merged = a.join("merged");
    let o = run(
        &a,
        &[
            os("merge"),
            shards[0].as_os_str(),
            shards[1].as_os_str(),
            os("--out"),
            merged.as_os_str(),
        ],
        &[],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_same_corpus(&reference, &merged);
}

#[test]
fn a_merge_refuses_missing_repeated_and_foreign_shards() {
    let a = archive("refuse", 2);
    let shard = |name: &str, label: &str, extra: &[&OsStr]| {
        let out = a.join(name);
        let mut args = vec![
            os("batch"),
            os("-q"),
            os("--shard"),
            os(label),
            os("--out"),
            out.as_os_str(),
        ];
        args.extend_from_slice(extra);
        args.push(os("archive"));
        let o = run(&a, &args, &[]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        out
    };
    let s0 = shard("s0", "0/3", &[]);
    let s1 = shard("s1", "1/3", &[]);
    let merge = |dirs: &[&Path], partial: bool| {
        let out = a.join("merged");
        let mut args: Vec<&OsStr> = vec![os("merge")];
        args.extend(dirs.iter().map(|d| d.as_os_str()));
        args.extend([os("--out"), out.as_os_str()]);
        if partial {
            args.push(os("--allow-partial"));
        }
        let o = run(&a, &args, &[]);
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stderr).to_string(),
        )
    };
    // Shard 2/3 was cancelled before it started.
    let (code, err) = merge(&[&s0, &s1], false);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("il manque") && err.contains("2/3"), "{err}");
    let (code, err) = merge(&[&s0, &s1], true);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("attention"), "{err}");
    // Given twice.
    let s2 = shard("s2", "2/3", &[]);
    let (code, err) = merge(&[&s0, &s1, &s2, &s1], false);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("1/3 est donné 2 fois"), "{err}");
    // A leftover folder of another run.
    let old = shard("old", "2/3", &[os("--execution"), os("hier")]);
    let (code, err) = merge(&[&s0, &s1, &old], false);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("plusieurs exécutions"), "{err}");
    let other = shard("other", "3/4", &[]);
    let (code, err) = merge(&[&s0, &s1, &s2, &other], false);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("même nombre"), "{err}");
    let (code, err) = merge(&[&s0, &s1, &s2], false);
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn a_leftover_shard_of_a_run_over_other_files_is_refused_without_a_run_id() {
    // No --execution, no CLS_RUN_ID, no Slurm: the run id is a fingerprint, and a shard
    // written before the archive changed does not share it.
    let a = archive("leftover", 2);
    let shard = |label: &str| {
        let out = a.join(format!("shard-{}", label.replace('/', "-")));
        let o = run(
            &a,
            &[
                os("batch"),
                os("-q"),
                os("--shard"),
                os(label),
                os("--out"),
                out.as_os_str(),
                os("archive"),
            ],
            &[],
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        out
    };
    let s0 = shard("0/3");
    let s1 = shard("1/3");
    let s2 = shard("2/3");
    std::fs::remove_file(a.join("archive/sub/copie-1.html")).expect("remove");
    let t0 = shard("0/3");
    let t2 = shard("2/3");
    assert_eq!(t0, s0);
    assert_eq!(t2, s2);
    let out = a.join("merged");
    let o = run(
        &a,
        &[
            os("merge"),
            t0.as_os_str(),
            s1.as_os_str(),
            t2.as_os_str(),
            os("--out"),
            out.as_os_str(),
        ],
        &[],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("plusieurs exécutions"), "{err}");
}

#[test]
fn a_merge_into_one_of_its_own_parts_is_refused() {
    let a = archive("merge-into-part", 0);
    let whole = |name: &str| {
        let out = a.join(name);
        let o = run(
            &a,
            &[
                os("batch"),
                os("-q"),
                os("--out"),
                out.as_os_str(),
                os("archive"),
            ],
            &[],
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        out
    };
    let c1 = whole("c1");
    let c2 = whole("c2");
    let before = snapshot(&c1);
    let spelled = a.join("c1/../c1");
    let o = run(
        &a,
        &[
            os("merge"),
            c1.as_os_str(),
            c2.as_os_str(),
            os("--out"),
            spelled.as_os_str(),
        ],
        &[],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("l'un des corpus à fusionner"), "{err}");
    assert_same_files(&before, &snapshot(&c1), "after a refused merge");
}

#[test]
fn a_slurm_array_with_a_step_gives_each_file_to_one_task() {
    let a = archive("slurm-step", 3);
    let reference = a.join("reference");
    assert!(run(
        &a,
        &[
            os("batch"),
            os("-q"),
            os("--out"),
            reference.as_os_str(),
            os("archive")
        ],
        &[]
    )
    .status
    .success());
    // sbatch --array=0-6:2 → tasks 0, 2, 4, 6.
    let mut dirs = Vec::new();
    for id in ["0", "2", "4", "6"] {
        let out = a.join(format!("task-{id}"));
        let o = run(
            &a,
            &[
                os("batch"),
                os("-q"),
                os("--out"),
                out.as_os_str(),
                os("archive"),
            ],
            &[
                ("SLURM_ARRAY_JOB_ID", "4242"),
                ("SLURM_ARRAY_TASK_ID", id),
                ("SLURM_ARRAY_TASK_MIN", "0"),
                ("SLURM_ARRAY_TASK_MAX", "6"),
                ("SLURM_ARRAY_TASK_STEP", "2"),
                ("SLURM_ARRAY_TASK_COUNT", "4"),
            ],
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let m = manifest(&out);
        assert_eq!(m["execution"], "slurm-4242");
        dirs.push((out, m["shard"].as_str().unwrap_or("").to_string()));
    }
    let labels: Vec<&str> = dirs.iter().map(|d| d.1.as_str()).collect();
    assert_eq!(labels, vec!["0/4", "1/4", "2/4", "3/4"]);
    let total: usize = dirs.iter().map(|d| chemins(&d.0).len()).sum();
    assert_eq!(
        total,
        chemins(&reference).len(),
        "each file in exactly one task"
    );
    let merged = a.join("merged");
    let mut args = vec![os("merge")];
    args.extend(dirs.iter().map(|d| d.0.as_os_str()));
    args.extend([os("--out"), merged.as_os_str()]);
    let o = run(&a, &args, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_same_corpus(&reference, &merged);
    // A task off the array's grid is refused rather than reading everything.
    let out = a.join("task-3");
    let o = run(
        &a,
        &[
            os("batch"),
            os("-q"),
            os("--out"),
            out.as_os_str(),
            os("archive"),
        ],
        &[
            ("SLURM_ARRAY_TASK_ID", "3"),
            ("SLURM_ARRAY_TASK_MIN", "0"),
            ("SLURM_ARRAY_TASK_STEP", "2"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("grille"));
}
