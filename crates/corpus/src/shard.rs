//! Shards: a stable subset of the inputs for one machine of a cluster, chosen by the
//! path relative to the input root, and read from the scheduler's environment.

use crate::error::CorpusError;

/// A stable subset of the inputs for one machine of a cluster: `index` of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl Shard {
    /// "2/8" → shard 2 of 8 (0-based index).
    pub fn parse(s: &str) -> Result<Shard, CorpusError> {
        let bad = |why: &str| CorpusError::Invalid(format!("--shard {s} : {why}"));
        let (i, n) = s
            .split_once('/')
            .ok_or_else(|| bad("attendu INDEX/NOMBRE, par exemple 0/4"))?;
        let index: u32 = i
            .trim()
            .parse()
            .map_err(|_| bad("l'index n'est pas un nombre"))?;
        let count: u32 = n
            .trim()
            .parse()
            .map_err(|_| bad("le nombre de shards n'est pas un nombre"))?;
        if count == 0 || index >= count {
            return Err(bad("l'index doit être inférieur au nombre de shards"));
        }
        Ok(Shard { index, count })
    }

    /// The shard given by a cluster scheduler: a Slurm job array (`SLURM_ARRAY_TASK_ID`,
    /// `_MIN`, `_STEP`, `_COUNT`: the shard is `(ID - MIN) / STEP`, so that
    /// `--array=0-6:2` gives shards 0 to 3 of 4) or a Kubernetes Indexed Job
    /// (`JOB_COMPLETION_INDEX`, with the count in `CLS_SHARDS`). A task whose id does not
    /// fall on the array's grid (an uneven list such as `--array=1,2,7`) is refused rather
    /// than left to read everything.
    pub fn from_env() -> Result<Option<Shard>, CorpusError> {
        Shard::from_vars(&|k| std::env::var(k).ok())
    }

    /// `from_env` over any variable source (tests give their own).
    pub fn from_vars(var: &dyn Fn(&str) -> Option<String>) -> Result<Option<Shard>, CorpusError> {
        let get =
            |k: &str| -> Result<Option<u32>, CorpusError> {
                match var(k) {
                    None => Ok(None),
                    Some(v) if v.trim().is_empty() => Ok(None),
                    Some(v) => v.trim().parse::<u32>().map(Some).map_err(|_| {
                        CorpusError::Invalid(format!("{k}={v} : ce n'est pas un nombre"))
                    }),
                }
            };
        if let Some(id) = get("SLURM_ARRAY_TASK_ID")? {
            let count = get("SLURM_ARRAY_TASK_COUNT")?.ok_or_else(|| {
                CorpusError::Invalid(
                    "SLURM_ARRAY_TASK_ID sans SLURM_ARRAY_TASK_COUNT : donnez --shard INDEX/NOMBRE"
                        .into(),
                )
            })?;
            let min = get("SLURM_ARRAY_TASK_MIN")?.unwrap_or(0);
            let step = get("SLURM_ARRAY_TASK_STEP")?.unwrap_or(1).max(1);
            let on_grid = id >= min && (id - min) % step == 0 && (id - min) / step < count;
            if !on_grid || count == 0 {
                return Err(CorpusError::Invalid(format!(
                    "tâche Slurm {id} hors de la grille du tableau (min {min}, pas {step}, \
                     {count} tâches) : utilisez un tableau régulier (--array=A-B ou A-B:PAS) \
                     ou donnez --shard INDEX/NOMBRE"
                )));
            }
            return Ok(Some(Shard {
                index: (id - min) / step,
                count,
            }));
        }
        if let Some(i) = get("JOB_COMPLETION_INDEX")? {
            let n = get("CLS_SHARDS")?.ok_or_else(|| {
                CorpusError::Invalid(
                    "JOB_COMPLETION_INDEX sans CLS_SHARDS (le nombre de shards)".into(),
                )
            })?;
            if n == 0 || i >= n {
                return Err(CorpusError::Invalid(format!(
                    "JOB_COMPLETION_INDEX={i} n'est pas inférieur à CLS_SHARDS={n}"
                )));
            }
            return Ok(Some(Shard { index: i, count: n }));
        }
        Ok(None)
    }

    /// Whether a file belongs to this shard, by a hash of its path relative to its input
    /// root: the split does not change when files are added elsewhere, nor with the
    /// spelling or mount point of the root.
    pub fn contains(&self, relative: &str) -> bool {
        (key_hash(relative) % u64::from(self.count)) as u32 == self.index
    }

    /// `"INDEX/COUNT"`, as written in the manifest.
    pub fn label(&self) -> String {
        format!("{}/{}", self.index, self.count)
    }
}

/// The first 8 bytes of the sha256 of the relative path: stable across machines and
/// versions, and even in its low bits (FNV-1a modulo a power of two depends only on the
/// low bits of each byte, which put every `copie-N.html` into one shard of two).
fn key_hash(relative: &str) -> u64 {
    use sha2::Digest;
    let d = sha2::Sha256::digest(relative.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&d[..8]);
    u64::from_be_bytes(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slurm(id: u32, min: u32, step: u32, count: u32) -> Result<Option<Shard>, CorpusError> {
        Shard::from_vars(&|k| match k {
            "SLURM_ARRAY_TASK_ID" => Some(id.to_string()),
            "SLURM_ARRAY_TASK_MIN" => Some(min.to_string()),
            "SLURM_ARRAY_TASK_STEP" => Some(step.to_string()),
            "SLURM_ARRAY_TASK_COUNT" => Some(count.to_string()),
            _ => None,
        })
    }

    #[test]
    fn a_stepped_slurm_array_gives_every_shard_once() {
        // --array=0-6:2 → tasks 0, 2, 4, 6, four tasks.
        let got: Vec<u32> = [0, 2, 4, 6]
            .iter()
            .map(|&id| slurm(id, 0, 2, 4).unwrap().unwrap().index)
            .collect();
        assert_eq!(got, vec![0, 1, 2, 3]);
        // --array=3-5 → tasks 3, 4, 5.
        assert_eq!(slurm(5, 3, 1, 3).unwrap().unwrap().index, 2);
    }

    #[test]
    fn a_task_off_the_grid_is_refused_not_read_in_full() {
        assert!(slurm(3, 0, 2, 4).is_err());
        assert!(slurm(8, 0, 2, 4).is_err());
        assert!(slurm(1, 2, 1, 4).is_err());
    }

    #[test]
    fn similar_names_spread_over_the_shards() {
        let two = Shard { index: 0, count: 2 };
        let n = (0..8)
            .filter(|k| two.contains(&format!("copie-{k}.html")))
            .count();
        assert!((1..8).contains(&n), "{n} of 8 in shard 0");
    }

    #[test]
    fn shard_labels_parse_back() {
        let s = Shard::parse("2/8").unwrap();
        assert_eq!(s.label(), "2/8");
        assert!(Shard::parse("8/8").is_err());
        assert!(Shard::parse("x").is_err());
    }
}
