//! The corpus: ingesting files, batches with isolation, the manifest, atomic writes,
//! exports and comparison reports.

pub mod batch;
pub mod cache;
pub mod compare;
pub mod error;
pub mod export;
pub mod folder;
pub mod ingest;
pub mod inputs;
pub mod lock;
pub mod merge;
pub mod protocol;
pub mod registry;
pub mod retenu;
pub mod shard;
pub mod worker;
pub mod write;
pub mod xlsx;

pub use error::CorpusError;
pub use ingest::{ingest_bytes, ingest_path, sha256_hex};
