//! Checks the **Architecture Invariant:** lines of ARCHITECTURE.md against the source tree.
//!
//! Each test names the invariant it checks. They read files as text (as rust-analyzer's
//! own tidy tests do), so they run in milliseconds and need no build of the crates.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file of the project (crates, root tests, tools, benches), vendored code aside.
fn rust_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for top in ["crates", "src", "tests", "bench", "tools"] {
        walk(&root().join(top), &mut out);
    }
    out.retain(|p| p.extension().is_some_and(|e| e == "rs"));
    out.sort();
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        let name = e.file_name();
        if name == "target" || name == "vendor" {
            continue;
        }
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn rel(p: &Path) -> String {
    p.strip_prefix(root()).unwrap_or(p).display().to_string()
}

/// The lines of a library source file that are code: comments and the `#[cfg(test)]`
/// module at the end are left out.
fn code_lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]") {
            break;
        }
        if t.starts_with("//") {
            continue;
        }
        out.push((i + 1, line));
    }
    out
}

/// The library crates (everything but the CLI), with their source files.
fn library_sources() -> Vec<(String, PathBuf)> {
    rust_files()
        .into_iter()
        .filter_map(|p| {
            let r = rel(&p);
            let mut parts = r.split('/');
            let (Some("crates"), Some(krate), Some("src")) =
                (parts.next(), parts.next(), parts.next())
            else {
                return None;
            };
            (krate != "cli").then(|| (krate.to_string(), p.clone()))
        })
        .collect()
}

#[test]
fn every_rust_file_starts_with_a_module_doc_line() {
    // Architecture Invariant: every `.rs` file starts with a `//!` line saying what it is for.
    let bad: Vec<String> = rust_files()
        .into_iter()
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            !text.starts_with("//!")
        })
        .map(|p| rel(&p))
        .collect();
    assert!(bad.is_empty(), "files without a leading //! line: {bad:#?}");
}

#[test]
fn only_the_cli_prints_or_exits() {
    // Architecture Invariant: no crate but `cli` prints or exits.
    let needles = [
        "println!",
        "eprintln!",
        "print!(",
        "eprint!(",
        "process::exit",
        "dbg!(",
    ];
    let mut bad = Vec::new();
    for (_, p) in library_sources() {
        let text = std::fs::read_to_string(&p).unwrap_or_default();
        for (n, line) in code_lines(&text) {
            if needles.iter().any(|w| line.contains(w)) {
                bad.push(format!("{}:{n}: {}", rel(&p), line.trim()));
            }
        }
    }
    assert!(bad.is_empty(), "printing outside the CLI: {bad:#?}");
}

#[test]
fn only_the_model_spells_json_keys() {
    // Architecture Invariant: no crate but `model` knows a JSON key (no serde derive or
    // attribute elsewhere).
    let needles = [
        "#[serde(",
        "derive(Serialize",
        "derive(Deserialize",
        ", Serialize",
        ", Deserialize",
    ];
    let mut bad = Vec::new();
    for (krate, p) in library_sources() {
        if krate == "model" {
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap_or_default();
        for (n, line) in code_lines(&text) {
            if line.trim_start().starts_with("#[") && needles.iter().any(|w| line.contains(w)) {
                bad.push(format!("{}:{n}: {}", rel(&p), line.trim()));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "serde keys outside the model crate: {bad:#?}"
    );
}

/// Place names of the shipped fixtures: a rule that names one of them was written for one
/// file. The list is the fixtures' territories and their communes named in rules so far.
const FIXTURE_PLACES: &[&str] = &[
    "chartres",
    "lucé",
    "mainvilliers",
    "vierzon",
    "chaumont",
    "joinville",
    "challans",
    "agglopolys",
    "blois",
    "blaisois",
    "vitré",
    "val de sarthe",
    "val-de-sarthe",
];

#[test]
fn no_fixture_place_names_in_library_code() {
    // Architecture Invariant: no rule names a fixture's place; crate sources (comments and
    // tests aside) never contain a fixture place name.
    let mut bad = Vec::new();
    for (_, p) in library_sources() {
        let text = std::fs::read_to_string(&p).unwrap_or_default();
        for (n, line) in code_lines(&text) {
            let low = line.to_lowercase();
            if let Some(w) = FIXTURE_PLACES.iter().find(|w| low.contains(*w)) {
                bad.push(format!("{}:{n}: `{w}` in {}", rel(&p), line.trim()));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "fixture place names in library code: {bad:#?}"
    );
}

#[test]
fn structure_readers_write_no_pattern_of_their_own() {
    // Architecture Invariant: the structure readers write no regular expression: every
    // pattern is a named, documented field of `vocab.rs` (fiches) or `patterns.rs` (facts).
    let dir = root().join("crates/structure/src");
    let mut bad = Vec::new();
    let mut files = Vec::new();
    walk(&dir, &mut files);
    for p in files {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if matches!(name, "vocab.rs" | "patterns.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap_or_default();
        for (n, line) in code_lines(&text) {
            if line.contains("Regex::new") || line.contains("OnceLock<Regex>") {
                bad.push(format!("{}:{n}: {}", rel(&p), line.trim()));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "patterns outside vocab.rs/patterns.rs: {bad:#?}"
    );
}

#[test]
fn built_in_patterns_use_cheap_classes() {
    // Architecture Invariant: built-in patterns read digits as `[0-9]` and letters as
    // `\p{Latin}`, never `\d` or `\p{L}`: Unicode's classes made start-up compile 40 ms
    // of automata (`[\p{L}]{1,40}` alone 12 ms), and Rust's number parsing reads only
    // ASCII digits anyway.
    let mut bad = Vec::new();
    for (_, p) in library_sources() {
        let text = std::fs::read_to_string(&p).unwrap_or_default();
        for (n, line) in code_lines(&text) {
            let in_pattern = line.contains("r\"") || line.contains("r#\"");
            if in_pattern && (line.contains(r"\d") || line.contains(r"\p{L}")) {
                bad.push(format!("{}:{n}: {}", rel(&p), line.trim()));
            }
        }
    }
    assert!(bad.is_empty(), "Unicode digit or letter classes: {bad:#?}");
}

/// The crate names a manifest depends on (normal and dev dependencies), as written.
fn dependencies(manifest: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut section = "";
    for line in manifest.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            section = t;
            continue;
        }
        let dev = section == "[dev-dependencies]";
        if section != "[dependencies]" && !dev {
            continue;
        }
        if let Some((name, _)) = t.split_once(['.', '=', ' ']) {
            if !name.is_empty() && !name.starts_with('#') {
                out.push((name.trim().to_string(), dev));
            }
        }
    }
    out
}

#[test]
fn every_declared_dependency_is_used() {
    // Architecture Invariant: a crate declares only the dependencies its code uses (the
    // job of cargo-machete, done here so that `make lint` needs nothing installed).
    let mut bad = Vec::new();
    let mut manifests = vec![root().join("Cargo.toml")];
    manifests.extend(
        std::fs::read_dir(root().join("crates"))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path().join("Cargo.toml")),
    );
    for m in manifests {
        let Ok(text) = std::fs::read_to_string(&m) else {
            continue;
        };
        let dir = m.parent().unwrap_or(Path::new(".")).to_path_buf();
        let mut files = Vec::new();
        for sub in ["src", "tests", "examples", "benches"] {
            walk(&dir.join(sub), &mut files);
        }
        if dir == root() {
            files.retain(|p| {
                let r = rel(p);
                r.starts_with("tests/") || r.starts_with("src/")
            });
        }
        let sources: String = files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "rs"))
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect();
        for (dep, dev) in dependencies(&text) {
            let ident = dep.replace('-', "_");
            if !sources.contains(&format!("{ident}::"))
                && !sources.contains(&format!("use {ident}"))
            {
                bad.push(format!(
                    "{}: {}{dep}",
                    rel(&m),
                    if dev { "dev " } else { "" }
                ));
            }
        }
    }
    assert!(bad.is_empty(), "declared but unused dependencies: {bad:#?}");
}

#[test]
fn architecture_lists_every_invariant_this_file_checks() {
    // Architecture Invariant: every invariant line of ARCHITECTURE.md is checked here; the
    // two lists agree.
    let arch = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap_or_default();
    let claimed = arch.matches("**Architecture Invariant:**").count();
    let me = std::fs::read_to_string(root().join("tests/tidy.rs")).unwrap_or_default();
    let checked = me
        .matches(concat!("// Architecture", " Invariant:"))
        .count();
    let elsewhere = arch.matches("(checked by `").count();
    assert_eq!(
        claimed,
        checked + elsewhere,
        "ARCHITECTURE.md claims {claimed} invariants; tests/tidy.rs checks {checked} and {elsewhere} name another test"
    );
}
