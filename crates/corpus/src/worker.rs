//! Worker processes of a batch: the parent's side (start, ask, time out, kill) and the
//! worker's side (`cls worker --serve`: read a file, hash exactly the bytes it parses,
//! answer), both speaking the framed protocol of `protocol`.

use crate::inputs::read_regular;
use crate::protocol::{path_bytes, path_from_bytes, read_frame, write_frame};
use cls_model::Outcome;
use std::cell::RefCell;
use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The tool name and version written in manifests and cache entries.
pub fn tool_version() -> String {
    format!("cls {}", env!("CARGO_PKG_VERSION"))
}

/// Reads one file in this process (the worker's job): the bytes read are the bytes hashed
/// and parsed; a panic becomes a reason. I/O failures are not `definitif` (the file may
/// be back tomorrow), refusals of the content are.
pub fn read_one(path: &Path) -> Outcome {
    let start = Instant::now();
    let fichier = path.display().to_string();
    let bytes = match read_regular(path) {
        Ok(b) => b,
        Err(why) => return failure(fichier, String::new(), why, start, false),
    };
    let sha256 = crate::ingest::sha256_hex(&bytes);
    let r = std::panic::catch_unwind(|| crate::ingest::ingest_bytes(&fichier, &bytes));
    let (document, erreur) = match r {
        Ok(Ok(d)) => (Some(d), None),
        Ok(Err(e)) => (None, Some(e.to_string())),
        Err(_) => (
            None,
            Some("erreur interne pendant la lecture du fichier".to_string()),
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
        definitif: true,
    }
}

/// An outcome without document.
pub fn failure(
    fichier: String,
    sha256: String,
    why: String,
    start: Instant,
    definitif: bool,
) -> Outcome {
    Outcome {
        fichier,
        sha256,
        outil: tool_version(),
        document: None,
        erreur: Some(why),
        duree_ms: start.elapsed().as_millis() as u64,
        build: String::new(),
        definitif,
    }
}

/// Limits this process's address space to `mebibytes` (0: no limit), so that a file that
/// makes the reader allocate without end costs that file only: the allocation fails, the
/// worker aborts, and the parent records the file as failed.
pub fn limit_memory(mebibytes: u64) -> std::io::Result<()> {
    if mebibytes == 0 {
        return Ok(());
    }
    let bytes = mebibytes.saturating_mul(1 << 20) as libc::rlim_t;
    let lim = libc::rlimit {
        rlim_cur: bytes,
        rlim_max: bytes,
    };
    // SAFETY: setrlimit reads the struct we pass; it changes only this process's limits.
    if unsafe { libc::setrlimit(libc::RLIMIT_AS, &lim) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

/// The worker's loop: one request frame (a path's bytes) in, one response frame (the
/// outcome as JSON, with the request's id) out, until stdin ends. `before` runs before
/// each file (the CLI's test hooks).
pub fn serve(before: &dyn Fn(&Path)) -> std::io::Result<()> {
    let mut input = std::io::stdin().lock();
    let mut output = std::io::stdout().lock();
    while let Some((id, bytes)) = read_frame(&mut input)? {
        let path = path_from_bytes(bytes);
        before(&path);
        let outcome = read_one(&path);
        let json = serde_json::to_vec(&outcome).map_err(std::io::Error::other)?;
        write_frame(&mut output, id, &json)?;
    }
    Ok(())
}

/// How the parent starts a worker.
#[derive(Debug, Clone)]
pub struct WorkerSpec {
    /// The `cls` binary, run as `cls worker --serve`.
    pub bin: PathBuf,
    /// The worker's memory limit in MiB (0: none).
    pub memoire_max_mo: u64,
}

/// A persistent worker process, its replies read by a thread so that the wait can time out.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    rx: mpsc::Receiver<std::io::Result<(u64, Vec<u8>)>>,
    /// Files read so far: a worker is replaced after `WORKER_FILES`, so that memory kept by
    /// its allocator after the largest PDF it has seen is given back.
    served: usize,
}

const WORKER_FILES: usize = 25;

impl Worker {
    fn spawn(spec: &WorkerSpec) -> std::io::Result<Worker> {
        // One core per worker: the pool gives the parallelism, and a worker's own page
        // threads would only oversubscribe the machine.
        let mut child = Command::new(&spec.bin)
            .arg("worker")
            .arg("--serve")
            .arg("--memoire-max")
            .arg(spec.memoire_max_mo.to_string())
            .env("RAYON_NUM_THREADS", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let stdin = child
            .stdin
            .take()
            .ok_or_else(|| std::io::Error::other("no stdin"))?;
        let mut stdout = child
            .stdout
            .take()
            .ok_or_else(|| std::io::Error::other("no stdout"))?;
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || loop {
            match read_frame(&mut stdout) {
                Ok(Some(frame)) => {
                    if tx.send(Ok(frame)).is_err() {
                        break;
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    let _ = tx.send(Err(e));
                    break;
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

    /// Why the worker stopped: its signal or exit code, waited for a moment.
    fn death(&mut self) -> String {
        let deadline = Instant::now() + Duration::from_millis(500);
        let status = loop {
            match self.child.try_wait() {
                Ok(Some(s)) => break Some(s),
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10))
                }
                _ => break None,
            }
        };
        match status.and_then(|s| s.signal()) {
            Some(libc::SIGABRT) => {
                "le lecteur s'est arrêté (abandon : mémoire au-delà de --memoire-max ou pile épuisée)"
                    .to_string()
            }
            Some(libc::SIGKILL) => "le lecteur a été tué (signal 9)".to_string(),
            Some(s) => format!("le lecteur s'est arrêté sur le signal {s}"),
            None => "le lecteur s'est arrêté anormalement sur ce fichier".to_string(),
        }
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

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// This thread's worker, started first if there is none.
fn ready_worker<'a>(
    slot: &'a mut Option<Worker>,
    spec: &WorkerSpec,
) -> Result<&'a mut Worker, String> {
    if slot.is_none() {
        match Worker::spawn(spec) {
            Ok(w) => *slot = Some(w),
            Err(e) => {
                return Err(format!(
                    "impossible de lancer un lecteur : {}",
                    crate::error::io_reason(&e)
                ))
            }
        }
    }
    slot.as_mut()
        .ok_or_else(|| "impossible de lancer un lecteur".to_string())
}

/// Reads one file in this thread's worker process. A worker that runs past `timeout` is
/// killed (and replaced for the next file), one that dies costs only its file; neither is
/// `definitif`. A reply is accepted only with the id of its request.
pub fn read_in_worker(spec: &WorkerSpec, path: &Path, timeout: Duration) -> Outcome {
    let start = Instant::now();
    let fichier = path.display().to_string();
    let fail = |why: String| failure(fichier.clone(), String::new(), why, start, false);
    WORKER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let w = match ready_worker(&mut slot, spec) {
            Ok(w) => w,
            Err(why) => return fail(why),
        };
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        if write_frame(&mut w.stdin, id, path_bytes(path))
            .and_then(|_| w.stdin.flush())
            .is_err()
        {
            let why = w.death();
            *slot = None;
            return fail(why);
        }
        w.served += 1;
        match w.rx.recv_timeout(timeout) {
            Ok(Ok((got, json))) if got == id => {
                if w.served >= WORKER_FILES {
                    *slot = None;
                }
                match serde_json::from_slice::<Outcome>(&json) {
                    Ok(mut o) => {
                        o.fichier = fichier.clone();
                        o
                    }
                    Err(_) => {
                        *slot = None;
                        fail("le lecteur a renvoyé un résultat illisible".into())
                    }
                }
            }
            Ok(Ok(_)) => {
                // Never give a file another request's result: this worker is out of step.
                *slot = None;
                fail("le lecteur a répondu à une autre demande ; arrêté".into())
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                *slot = None;
                fail(format!(
                    "délai dépassé (timeout) : toujours en lecture après {} s, arrêté",
                    timeout.as_secs()
                ))
            }
            Ok(Err(_)) | Err(mpsc::RecvTimeoutError::Disconnected) => {
                let why = w.death();
                *slot = None;
                fail(why)
            }
        }
    })
}
