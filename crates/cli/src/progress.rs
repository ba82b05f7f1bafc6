//! The progress bar of `cls batch`: files done / total, rate, ETA, failures so far;
//! silent when stderr is not a terminal or with `-q`.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct Bar {
    bar: Option<ProgressBar>,
    failed: AtomicUsize,
}

impl Bar {
    pub fn new(quiet: bool) -> Bar {
        let show = !quiet && std::io::stderr().is_terminal();
        let bar = show.then(|| {
            let b = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template(
                "{bar:30} {pos}/{len} fichiers  {per_sec}  reste {eta}  {msg}",
            ) {
                b.set_style(style);
            }
            b
        });
        Bar {
            bar,
            failed: AtomicUsize::new(0),
        }
    }
    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

impl cls_corpus::batch::Progress for Bar {
    fn start(&self, total: usize) {
        if let Some(b) = &self.bar {
            b.set_length(total as u64);
        }
    }
    fn done(&self, _fichier: &str, failed: bool) {
        if failed {
            self.failed.fetch_add(1, Ordering::Relaxed);
        }
        if let Some(b) = &self.bar {
            b.inc(1);
            let f = self.failed.load(Ordering::Relaxed);
            if f > 0 {
                b.set_message(format!("{f} échec(s)"));
            }
        }
    }
}
