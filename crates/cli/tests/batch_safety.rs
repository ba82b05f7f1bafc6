//! `cls batch` never gives one file another file's result: files rewritten or removed
//! while read, odd file names, concurrent runs into one `--out`, failures that must not
//! be cached, non-regular files, symbolic-link loops, leftovers of killed runs, a damaged
//! cache and a memory bomb. Each test is one scenario of issue 14, on small web pages.

mod common;

use common::{batch, cls, entries, manifest, os, root, tmp};
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// The web page fixtures, by a short name.
fn page(short: &str) -> PathBuf {
    let f = match short {
        "agglopolys" => "agglopolys-web.html",
        "sarthe" => "cc-val-de-sarthe-dsfr.html",
        "challans" => "challans-web.html",
        "chartres" => "chartres-web.html",
        "chaumont" => "chaumont-web.html",
        "vitre" => "pays-de-vitre-div.html",
        _ => panic!("no fixture {short}"),
    };
    root().join("fixtures/html").join(f)
}

/// The `contrat_id` the fixture's expected document has: what a file with its bytes must
/// get, whatever its name.
fn contrat_of(short: &str) -> String {
    let p = format!("{}.expected.json", page(short).display());
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(p).expect("expected")).expect("json");
    v["contrat_id"].as_str().expect("contrat_id").to_string()
}

fn put(dir: &Path, name: impl AsRef<OsStr>, short: &str) -> PathBuf {
    std::fs::create_dir_all(dir).expect("dir");
    let p = dir.join(name.as_ref());
    std::fs::copy(page(short), &p).expect("copy");
    p
}

fn sha_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The manifest entry whose relative path is `chemin`.
fn entry(out: &Path, chemin: &str) -> serde_json::Value {
    entries(out)
        .into_iter()
        .find(|e| e["chemin"] == chemin)
        .unwrap_or_else(|| panic!("no entry {chemin:?}"))
}

/// The document of an entry.
fn document(out: &Path, e: &serde_json::Value) -> serde_json::Value {
    let id = e["document_id"].as_str().expect("document id");
    serde_json::from_slice(
        &std::fs::read(out.join("documents").join(format!("{id}.json"))).expect("document"),
    )
    .expect("json")
}

/// The entry of `chemin` is a document of the fixture `short`, with that fixture's bytes.
fn assert_has(out: &Path, chemin: &str, short: &str) {
    let e = entry(out, chemin);
    let d = document(out, &e);
    assert_eq!(
        d["contrat_id"],
        contrat_of(short).as_str(),
        "{chemin:?} got another file's document"
    );
    let sha = sha_hex(&std::fs::read(page(short)).expect("fixture"));
    assert_eq!(e["sha256"], sha.as_str(), "{chemin:?}");
    assert_eq!(d["source"]["sha256"], sha.as_str(), "{chemin:?}");
}

/// Every cache entry is stored under the sha256 of the bytes it describes.
fn assert_cache_sound(out: &Path) {
    for e in std::fs::read_dir(out.join(".cache"))
        .expect("cache")
        .flatten()
    {
        let name = e.file_name().to_string_lossy().to_string();
        let Some(stem) = name.strip_suffix(".json") else {
            continue;
        };
        let o: serde_json::Value =
            serde_json::from_slice(&std::fs::read(e.path()).expect("read")).expect("json");
        assert_eq!(o["sha256"], stem, "cache entry {name} holds other bytes");
        assert_eq!(
            o["definitif"], true,
            "cache entry {name} is a passing failure"
        );
        if let Some(sha) = o["document"]["source"]["sha256"].as_str() {
            assert_eq!(sha, stem);
        }
    }
}

#[test]
fn a_file_rewritten_while_it_is_read_gets_its_new_bytes_and_the_cache_stays_true() {
    let a = tmp("rewritten");
    let input = a.join("archive");
    let x = put(&input, "x.html", "agglopolys");
    put(&input, "y.html", "chaumont");
    let out = a.join("out");
    let mut child = cls()
        .args(["batch", "-q", "--jobs", "2", "--out"])
        .arg(&out)
        .arg(&input)
        .env("CLS_TEST_SLOW_ON", "x.html")
        .spawn()
        .expect("spawn");
    // The parent has hashed x.html; its worker waits 1.5 s before reading it.
    std::thread::sleep(Duration::from_millis(500));
    std::fs::copy(page("chartres"), &x).expect("rewrite");
    assert!(child.wait().expect("wait").success());
    assert_has(&out, "x.html", "chartres");
    assert_has(&out, "y.html", "chaumont");
    assert_cache_sound(&out);
    // Restored: a plain rerun serves nothing stale.
    std::fs::copy(page("agglopolys"), &x).expect("restore");
    let o = batch(
        &[os("-q"), os("--out"), out.as_os_str(), input.as_os_str()],
        &[],
    );
    assert!(o.status.success());
    assert_has(&out, "x.html", "agglopolys");
    assert_cache_sound(&out);
}

#[test]
fn a_rewritten_file_among_identical_ones_is_no_witness_for_the_others() {
    // x.html and x2.html have the same bytes, so the parent makes them one group; x.html
    // is rewritten after the parent hashed it, and x2.html must keep its own document.
    let a = tmp("rewritten-twin");
    let input = a.join("archive");
    let x = put(&input, "x.html", "agglopolys");
    put(&input, "x2.html", "agglopolys");
    put(&input, "y.html", "chaumont");
    let out = a.join("out");
    let mut child = cls()
        .args(["batch", "-q", "--jobs", "2", "--out"])
        .arg(&out)
        .arg(&input)
        .env("CLS_TEST_SLOW_ON", "x.html")
        .spawn()
        .expect("spawn");
    std::thread::sleep(Duration::from_millis(500));
    std::fs::copy(page("chartres"), &x).expect("rewrite");
    assert!(child.wait().expect("wait").success());
    assert_has(&out, "x.html", "chartres");
    assert_has(&out, "x2.html", "agglopolys");
    assert_has(&out, "y.html", "chaumont");
    assert_cache_sound(&out);
}

#[test]
fn a_corpus_folder_inside_the_inputs_is_not_read_back() {
    let a = tmp("out-inside");
    let input = a.join("archive");
    put(&input, "x.html", "agglopolys");
    let out = input.join("corpus");
    for _ in 0..2 {
        let o = batch(
            &[os("-q"), os("--out"), out.as_os_str(), input.as_os_str()],
            &[],
        );
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let m = manifest(&out);
    let read: Vec<&str> = m["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .filter_map(|e| e["chemin"].as_str())
        .collect();
    assert_eq!(read, ["x.html"]);
    let ignored = m["ignores"].to_string();
    assert!(ignored.contains("dossier de sortie"), "{ignored}");
}

#[test]
fn a_newline_in_a_file_name_does_not_shift_the_results_of_later_files() {
    let a = tmp("newline");
    let input = a.join("archive");
    put(&input, "m\nn.html", "chartres");
    put(&input, "y-after.html", "chaumont");
    put(&input, "z-after.html", "vitre");
    let out = a.join("out");
    // One worker serves every file in turn.
    let o = batch(
        &[
            os("-q"),
            os("--jobs"),
            os("1"),
            os("--out"),
            out.as_os_str(),
            input.as_os_str(),
        ],
        &[],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(entries(&out).len(), 3);
    assert_has(&out, "m\nn.html", "chartres");
    assert_has(&out, "y-after.html", "chaumont");
    assert_has(&out, "z-after.html", "vitre");
    assert_cache_sound(&out);
}

#[test]
fn non_utf8_bytes_and_trailing_spaces_in_names_are_read() {
    let a = tmp("names");
    let input = a.join("archive");
    put(&input, OsStr::from_bytes(b"c\xff.html"), "chartres");
    put(&input, "d .html", "chaumont");
    put(&input, " e.html ", "vitre");
    let out = a.join("out");
    let o = batch(
        &[os("-q"), os("--out"), out.as_os_str(), input.as_os_str()],
        &[],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_has(&out, "c\u{fffd}.html", "chartres");
    assert_has(&out, "d .html", "chaumont");
    assert_has(&out, " e.html ", "vitre");
}

#[test]
fn a_second_batch_into_the_same_out_refuses_while_the_first_runs() {
    let a = tmp("concurrent");
    let (one, two) = (a.join("one"), a.join("two"));
    put(&one, "slow.html", "agglopolys");
    put(&one, "b.html", "chaumont");
    put(&two, "c.html", "vitre");
    let out = a.join("out");
    let mut first = cls()
        .args(["batch", "-q", "--out"])
        .arg(&out)
        .arg(&one)
        .env("CLS_TEST_SLOW_ON", "slow.html")
        .spawn()
        .expect("spawn");
    std::thread::sleep(Duration::from_millis(400));
    let second = batch(
        &[os("-q"), os("--out"), out.as_os_str(), two.as_os_str()],
        &[],
    );
    let err = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(1), "{err}");
    assert!(err.contains("déjà utilisé"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one clear line: {err}");
    assert!(first.wait().expect("wait").success());
    assert_eq!(entries(&out).len(), 2);
    assert_has(&out, "slow.html", "agglopolys");
    assert_has(&out, "b.html", "chaumont");
}

#[test]
fn a_killed_worker_and_a_vanished_file_fail_now_and_are_read_next_time() {
    let a = tmp("not-cached");
    let input = a.join("archive");
    put(&input, "dies.html", "agglopolys");
    let gone = put(&input, "gone.html", "chaumont");
    put(&input, "fine.html", "vitre");
    let out = a.join("out");
    let mut child = cls()
        .args(["batch", "-q", "--jobs", "2", "--out"])
        .arg(&out)
        .arg(&input)
        .env("CLS_TEST_DIE_ON", "dies.html")
        .env("CLS_TEST_SLOW_ON", "gone.html")
        .spawn()
        .expect("spawn");
    std::thread::sleep(Duration::from_millis(500));
    std::fs::remove_file(&gone).expect("remove");
    assert_eq!(child.wait().expect("wait").code(), Some(2));
    let dies = entry(&out, "dies.html");
    assert_eq!(dies["statut"], "echec");
    assert!(
        dies["raison"].as_str().unwrap_or("").contains("lecteur"),
        "{dies}"
    );
    let g = entry(&out, "gone.html");
    assert_eq!(g["statut"], "echec");
    assert!(
        g["raison"].as_str().unwrap_or("").contains("introuvable"),
        "{g}"
    );
    assert_has(&out, "fine.html", "vitre");
    assert_cache_sound(&out);
    std::fs::copy(page("chaumont"), &gone).expect("back");
    let o = batch(
        &[os("-q"), os("--out"), out.as_os_str(), input.as_os_str()],
        &[],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_has(&out, "dies.html", "agglopolys");
    assert_has(&out, "gone.html", "chaumont");
}

#[test]
fn a_cache_that_cannot_be_written_is_said_not_silent() {
    let a = tmp("cache-ro");
    let input = a.join("archive");
    put(&input, "x.html", "chaumont");
    let out = a.join("out");
    std::fs::create_dir_all(&out).expect("out");
    // A plain file where the cache folder should be (chmod does not stop root).
    std::fs::write(out.join(".cache"), b"not a folder").expect("write");
    let o = batch(
        &[os("-q"), os("--out"), out.as_os_str(), input.as_os_str()],
        &[],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("cache") && err.contains("écriture"), "{err}");
    assert_has(&out, "x.html", "chaumont");
}

#[test]
fn a_corrupt_or_misplaced_cache_entry_is_discarded_and_read_again() {
    let a = tmp("cache-bad");
    let input = a.join("archive");
    put(&input, "x.html", "agglopolys");
    put(&input, "y.html", "chaumont");
    let out = a.join("out");
    let args = [os("-q"), os("--out"), out.as_os_str(), input.as_os_str()];
    assert!(batch(&args, &[]).status.success());
    let sha = |s: &str| sha_hex(&std::fs::read(page(s)).expect("fixture"));
    let cache = out.join(".cache");
    let (x, y) = (
        cache.join(format!("{}.json", sha("agglopolys"))),
        cache.join(format!("{}.json", sha("chaumont"))),
    );
    // y's key now holds a sound entry of x's bytes, and x's entry is cut in half.
    std::fs::write(&y, std::fs::read(&x).expect("x entry")).expect("misplace");
    std::fs::write(&x, b"{\"fichier\": \"x.ht").expect("corrupt");
    assert!(batch(&args, &[]).status.success());
    assert_has(&out, "x.html", "agglopolys");
    assert_has(&out, "y.html", "chaumont");
    assert_cache_sound(&out);
}

#[test]
fn fifos_devices_and_symlink_loops_are_skipped_with_a_reason() {
    let a = tmp("special");
    let input = a.join("archive");
    put(&input, "x.html", "agglopolys");
    put(&input.join("sub"), "y.html", "chaumont");
    let fifo = input.join("pipe.html");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo")
        .success());
    std::os::unix::fs::symlink("..", input.join("sub/up")).expect("loop");
    std::os::unix::fs::symlink("self.html", input.join("self.html")).expect("self");
    std::os::unix::fs::symlink("x.html", input.join("alias.html")).expect("alias");
    let out = a.join("out");
    let started = Instant::now();
    let o = batch(
        &[
            os("-q"),
            os("--timeout"),
            os("5"),
            os("--out"),
            out.as_os_str(),
            input.as_os_str(),
            os("/dev/zero"),
        ],
        &[],
    );
    assert!(started.elapsed() < Duration::from_secs(5), "nothing waits");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let m = manifest(&out);
    // Two real files: x.html (also reached as alias.html) and sub/y.html.
    assert_eq!(entries(&out).len(), 2, "{m}");
    assert_has(&out, "alias.html", "agglopolys");
    assert_has(&out, "sub/y.html", "chaumont");
    let x = entry(&out, "alias.html");
    assert_eq!(x["chemins"].as_array().map(Vec::len), Some(2), "{x}");
    let reason = |suffix: &str| {
        m["ignores"]
            .as_array()
            .expect("ignores")
            .iter()
            .find(|i| i["fichier"].as_str().unwrap_or("").ends_with(suffix))
            .and_then(|i| i["raison"].as_str().map(String::from))
            .unwrap_or_else(|| panic!("{suffix} not listed: {m}"))
    };
    assert!(reason("pipe.html").contains("FIFO"));
    assert!(reason("/dev/zero").contains("périphérique"));
    assert!(reason("self.html").contains("boucle"));
    assert!(reason("sub/up").contains("déjà parcouru"));
}

#[test]
fn temporary_files_left_by_a_killed_run_are_removed_at_the_next_start() {
    let a = tmp("leftovers");
    let input = a.join("archive");
    put(&input, "x.html", "chaumont");
    let out = a.join("out");
    let args = [os("-q"), os("--out"), out.as_os_str(), input.as_os_str()];
    assert!(batch(&args, &[]).status.success());
    let planted = [
        out.join("documents/.pays-de-chaumont.json.tmp-999999"),
        out.join(".cache/.abc.json.tmp-1234"),
        out.join(".manifest.json.tmp-77"),
        out.join(".tmp/999999-3.tmp"),
    ];
    for p in &planted {
        std::fs::create_dir_all(p.parent().expect("parent")).expect("dir");
        std::fs::write(p, b"half").expect("plant");
    }
    assert!(batch(&args, &[]).status.success());
    for p in &planted {
        assert!(!p.exists(), "{} is left behind", p.display());
    }
    assert!(
        !out.join(".tmp").exists(),
        "the run's own temporary folder is gone"
    );
}

/// Every file under `dir`, hidden ones included (the cache and temporary files).
fn all_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn a_batch_killed_at_any_moment_leaves_whole_files_and_the_next_run_completes_it() {
    let a = tmp("kill-anytime");
    let input = a.join("archive");
    for (k, short) in [
        "agglopolys",
        "sarthe",
        "challans",
        "chartres",
        "chaumont",
        "vitre",
    ]
    .iter()
    .enumerate()
    {
        put(&input, format!("p{k}.html"), short);
        put(&input.join("sub"), format!("q{k}.html"), short);
    }
    let reference = a.join("reference");
    let args = |out: &Path| {
        vec![
            os("-q").to_os_string(),
            os("--force").to_os_string(),
            os("--out").to_os_string(),
            out.as_os_str().to_os_string(),
            input.as_os_str().to_os_string(),
        ]
    };
    let refs: Vec<std::ffi::OsString> = args(&reference);
    let refs: Vec<&OsStr> = refs.iter().map(|s| s.as_os_str()).collect();
    assert!(batch(&refs, &[]).status.success());
    let out = a.join("out");
    // Killed (SIGKILL, nothing to clean up) after more and more time: while listing,
    // reading, and writing the corpus.
    for delay_ms in [20u64, 60, 120, 200, 320, 500] {
        let mut child = cls().arg("batch").args(args(&out)).spawn().expect("spawn");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        // Whatever is there is whole: every document and manifest parses.
        for p in all_files(&out) {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            if name.ends_with(".json") && !name.starts_with('.') {
                let bytes = std::fs::read(&p).expect("read");
                assert!(
                    serde_json::from_slice::<serde_json::Value>(&bytes).is_ok(),
                    "{} is half-written after a kill at {delay_ms} ms",
                    p.display()
                );
            }
        }
    }
    let plain: Vec<&OsStr> = vec![os("-q"), os("--out"), out.as_os_str(), input.as_os_str()];
    assert!(batch(&plain, &[]).status.success());
    common::assert_same_files(
        &common::snapshot(&reference),
        &common::snapshot(&out),
        "after six killed runs and a plain rerun",
    );
    let left: Vec<PathBuf> = all_files(&out)
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(".tmp"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    assert_cache_sound(&out);
}

/// The process ids of the children of `pid` (Linux).
fn children_of(pid: u32) -> Vec<u32> {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for t in tasks.flatten() {
        let list = std::fs::read_to_string(t.path().join("children")).unwrap_or_default();
        out.extend(
            list.split_whitespace()
                .filter_map(|c| c.parse::<u32>().ok()),
        );
    }
    out
}

#[test]
fn a_worker_killed_by_a_signal_costs_its_file_now_and_nothing_next_time() {
    let a = tmp("kill-worker");
    let input = a.join("archive");
    put(&input, "slow.html", "agglopolys");
    put(&input, "b.html", "chaumont");
    let out = a.join("out");
    let mut child = cls()
        .args(["batch", "-q", "--jobs", "1", "--out"])
        .arg(&out)
        .arg(&input)
        .env("CLS_TEST_SLOW_ON", "slow.html")
        .spawn()
        .expect("spawn");
    // The worker waits 1.5 s before reading slow.html: find it and kill it for real.
    let start = Instant::now();
    let mut killed = false;
    while !killed && start.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(100));
        for w in children_of(child.id()) {
            killed |= Command::new("kill")
                .args(["-9", &w.to_string()])
                .status()
                .is_ok_and(|s| s.success());
        }
    }
    assert!(killed, "no worker found to kill");
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(2), "one file failed, the batch went on");
    let e = entry(&out, "slow.html");
    assert_eq!(e["statut"], "echec", "{e}");
    assert_has(&out, "b.html", "chaumont");
    assert_cache_sound(&out);
    let o = batch(
        &[os("-q"), os("--out"), out.as_os_str(), input.as_os_str()],
        &[],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_has(&out, "slow.html", "agglopolys");
}

#[test]
fn a_memory_bomb_costs_its_file_only_and_is_not_cached() {
    let a = tmp("bomb");
    let input = a.join("archive");
    put(&input, "bomb.html", "agglopolys");
    put(&input, "fine.html", "chaumont");
    let out = a.join("out");
    let o = batch(
        &[
            os("-q"),
            os("--memoire-max"),
            os("256"),
            os("--out"),
            out.as_os_str(),
            input.as_os_str(),
        ],
        &[("CLS_TEST_BOMB_ON", "bomb.html")],
    );
    assert_eq!(o.status.code(), Some(2));
    let b = entry(&out, "bomb.html");
    assert_eq!(b["statut"], "echec");
    assert!(
        b["raison"].as_str().unwrap_or("").contains("mémoire"),
        "{b}"
    );
    assert_has(&out, "fine.html", "chaumont");
    let o = batch(
        &[os("-q"), os("--out"), out.as_os_str(), input.as_os_str()],
        &[],
    );
    assert!(o.status.success());
    assert_has(&out, "bomb.html", "agglopolys");
}

#[test]
fn workers_follow_slurm_cpus_per_task() {
    let a = tmp("cpus");
    let input = a.join("archive");
    put(&input, "x.html", "chaumont");
    for n in ["1", "3"] {
        let out = a.join(format!("out-{n}"));
        let o = batch(
            &[os("--out"), out.as_os_str(), input.as_os_str()],
            &[("SLURM_CPUS_PER_TASK", n)],
        );
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains(&format!(", {n} processus de lecture")),
            "{err}"
        );
    }
}

#[test]
fn a_full_disk_stops_with_one_line_and_leaves_no_temporary_file() {
    // A small tmpfs is the full disk. Mounting needs root, which CI and the project's
    // machines have; elsewhere the scenario cannot be set up and the test stops there.
    let a = tmp("full-disk");
    let input = a.join("archive");
    for (i, short) in [
        "agglopolys",
        "sarthe",
        "challans",
        "chartres",
        "chaumont",
        "vitre",
    ]
    .iter()
    .enumerate()
    {
        put(&input, format!("p{i}.html"), short);
    }
    let out = a.join("out");
    std::fs::create_dir_all(&out).expect("out dir");
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&out)
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        let uid = Command::new("id")
            .arg("-u")
            .output()
            .map(|o| o.stdout)
            .unwrap_or_default();
        assert_ne!(
            uid.trim_ascii(),
            b"0",
            "root could not mount a tmpfs for the full disk"
        );
        return;
    }
    let args = [os("-q"), os("--out"), out.as_os_str(), input.as_os_str()];
    let runs: Vec<Output> = (0..2).map(|_| batch(&args, &[])).collect();
    let leftovers: Vec<PathBuf> = walk(&out)
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(".tmp"))
        .collect();
    let _ = Command::new("umount").arg(&out).status();
    for r in &runs {
        assert!(!r.status.success(), "a full disk is a failure");
        let err = String::from_utf8_lossy(&r.stderr);
        assert!(
            err.lines().all(|l| l.starts_with("cls"))
                && err.contains("plus de place sur le disque"),
            "one line per failure, naming the cause: {err}"
        );
    }
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

/// Every file below `dir`.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p.clone());
            }
            out.push(p);
        }
    }
    out
}
