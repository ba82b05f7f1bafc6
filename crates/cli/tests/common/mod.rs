//! Helpers shared by the end-to-end tests of `cls`: the repository root, the binary run
//! with no scheduler variable of the machine, temporary folders, and reading a corpus
//! back (its manifest, its files as bytes).
//!
//! Each test file includes this module (`mod common;`) and uses only some of it, hence
//! the `dead_code` allowance.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (fixtures, tests/data, docs).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The `cls` binary, without the scheduler variables of the machine running the tests:
/// they must not choose shards, run ids or worker counts.
pub fn cls() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cls"));
    for v in [
        "SLURM_ARRAY_TASK_ID",
        "SLURM_ARRAY_TASK_MIN",
        "SLURM_ARRAY_TASK_MAX",
        "SLURM_ARRAY_TASK_STEP",
        "SLURM_ARRAY_TASK_COUNT",
        "SLURM_ARRAY_JOB_ID",
        "SLURM_CPUS_PER_TASK",
        "JOB_COMPLETION_INDEX",
        "CLS_SHARDS",
        "CLS_RUN_ID",
    ] {
        c.env_remove(v);
    }
    c
}

/// An empty temporary folder for one test, named after the test file, the process and
/// `name`.
pub fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "cls-{}-{}-{name}",
        env!("CARGO_CRATE_NAME"),
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

pub fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

/// Runs `cls` in `cwd` with `args` and the extra environment `envs`, and waits for it.
pub fn run(cwd: &Path, args: &[&OsStr], envs: &[(&str, &str)]) -> Output {
    let mut c = cls();
    c.current_dir(cwd);
    output(c, args, envs)
}

/// Runs `cls batch` with `args` and the extra environment `envs`, and waits for it.
pub fn batch(args: &[&OsStr], envs: &[(&str, &str)]) -> Output {
    let mut c = cls();
    c.arg("batch");
    output(c, args, envs)
}

fn output(mut c: Command, args: &[&OsStr], envs: &[(&str, &str)]) -> Output {
    c.args(args);
    for (k, v) in envs {
        c.env(k, v);
    }
    c.output().expect("run cls")
}

/// The manifest of the corpus `out`.
pub fn manifest(out: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).expect("manifest"))
        .expect("json")
}

/// The manifest's entries, one per document or failed file.
pub fn entries(out: &Path) -> Vec<serde_json::Value> {
    manifest(out)["documents"]
        .as_array()
        .expect("entries")
        .clone()
}

/// Every output file of a corpus but hidden ones (cache, lock, temporary files), as
/// relative path and bytes, in path order. The manifest's durations, which differ from
/// run to run, are set to 0.
pub fn snapshot(out: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![out.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            let name = e.file_name().to_string_lossy().to_string();
            if name.starts_with('.') {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                let mut bytes = std::fs::read(&p).expect("read");
                if name == "manifest.json" {
                    let mut m: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
                    for e in m["documents"].as_array_mut().expect("entries") {
                        e["duree_ms"] = 0.into();
                    }
                    bytes = serde_json::to_vec(&m).expect("json");
                }
                files.push((
                    p.strip_prefix(out).expect("inside").display().to_string(),
                    bytes,
                ));
            }
        }
    }
    files.sort();
    files
}

/// The two snapshots list the same files with the same bytes; `how` says what `other`
/// went through ("after a resumed batch").
pub fn assert_same_files(reference: &[(String, Vec<u8>)], other: &[(String, Vec<u8>)], how: &str) {
    assert_eq!(
        reference.iter().map(|f| &f.0).collect::<Vec<_>>(),
        other.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for (f, g) in reference.iter().zip(other.iter()) {
        assert!(f.1 == g.1, "{} differs {how}", f.0);
    }
}
