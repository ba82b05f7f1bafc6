//! `cls worker`: the reader process of `cls batch` (one file, or framed requests on stdin
//! with `--serve`), and its test-only hooks.

use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;

/// `cls worker`: reads one file and writes its outcome as JSON, or serves requests.
pub fn worker(file: Option<&Path>, serve: bool, memoire_max: u64) -> Result<()> {
    cls_corpus::worker::limit_memory(memoire_max)
        .context("limite mémoire du lecteur impossible à poser")?;
    if serve {
        cls_corpus::worker::serve(&test_hooks)?;
    } else if let Some(f) = file {
        test_hooks(f);
        let outcome = cls_corpus::batch::read_one(f);
        let mut out = std::io::stdout().lock();
        writeln!(out, "{}", serde_json::to_string(&outcome)?)?;
        out.flush()?;
    }
    Ok(())
}

/// Test-only hooks of the worker, each given a part of a file name by an environment
/// variable: hang (`CLS_TEST_HANG_ON`, for timeouts), wait 1.5 s before reading
/// (`CLS_TEST_SLOW_ON`, to change or remove a file while it is being read), die
/// (`CLS_TEST_DIE_ON`, a killed worker) or allocate without end (`CLS_TEST_BOMB_ON`, the
/// memory limit). Unset in normal use.
fn test_hooks(file: &Path) {
    let on = |var: &str| {
        std::env::var(var)
            .ok()
            .is_some_and(|pat| !pat.is_empty() && file.to_string_lossy().contains(&pat))
    };
    if on("CLS_TEST_HANG_ON") {
        std::thread::sleep(std::time::Duration::from_secs(3600));
    }
    if on("CLS_TEST_SLOW_ON") {
        std::thread::sleep(std::time::Duration::from_millis(1500));
    }
    if on("CLS_TEST_DIE_ON") {
        std::process::abort();
    }
    if on("CLS_TEST_BOMB_ON") {
        // Grows by touched blocks until the allocator is refused: under --memoire-max the
        // process aborts like a real decompression bomb would make it.
        let mut blocks: Vec<Vec<u8>> = Vec::new();
        loop {
            blocks.push(vec![1u8; 64 << 20]);
            if blocks.len() > 1 << 12 {
                break;
            }
        }
        eprintln!("{}", blocks.len());
    }
}
