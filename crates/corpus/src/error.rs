//! The one error type of the corpus crate: why a file, a batch, a merge or a report failed.

use cls_extract::ExtractError;

/// Why the corpus crate could not do what it was asked. The first variants are the reasons
/// one file cannot be read at all (they become a manifest line in a batch); the others stop
/// a batch, a merge or a report as a whole.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// The input file could not be opened or read.
    #[error("ouverture impossible de {0} : {1}")]
    Open(String, std::io::Error),
    #[error(transparent)]
    Extract(#[from] ExtractError),
    #[error("ni un PDF ni une page HTML")]
    UnknownFormat,
    #[error("le fichier est vide")]
    Empty,
    #[error("la page web n'a aucun contenu lisible")]
    EmptyPage,
    /// The file starts like a web page but is mostly binary data.
    #[error("page HTML refusée : {0}")]
    Garbage(String),
    /// An output file or folder could not be written.
    #[error("écriture impossible dans {0} : {1}")]
    Write(String, std::io::Error),
    /// A corpus file or an input folder could not be read.
    #[error("lecture impossible de {0} : {1}")]
    Read(String, std::io::Error),
    /// A file or an option does not say what it should (the message says why).
    #[error("{0}")]
    Invalid(String),
    /// Another run holds the output folder's lock.
    #[error(
        "le dossier de sortie {0} est déjà utilisé par un autre cls en cours (processus {1}) : \
         attendez qu'il finisse, ou choisissez un autre --out"
    )]
    Busy(String, String),
    /// The shards given to `merge` do not make one run.
    #[error("fusion refusée : {0} ; relancez ce qui manque, ou passez --allow-partial")]
    Merge(String),
    /// A template of the HTML report does not parse or render.
    #[error("gabarit du rapport {0} : {1}")]
    Template(String, minijinja::Error),
}
