//! The one error type of the corpus crate: why a file, a batch, a merge or a report failed.

use cls_extract::ExtractError;

/// Why the corpus crate could not do what it was asked. The first variants are the reasons
/// one file cannot be read at all (they become a manifest line in a batch); the others stop
/// a batch, a merge or a report as a whole.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// The input file could not be opened or read.
    #[error("ouverture impossible de {0} : {reason}", reason = io_reason(.1))]
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
    #[error("écriture impossible dans {0} : {reason}", reason = io_reason(.1))]
    Write(String, std::io::Error),
    /// A corpus file or an input folder could not be read.
    #[error("lecture impossible de {0} : {reason}", reason = io_reason(.1))]
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

/// Why a system call failed, in French: the operating system's own message is English
/// ("No such file or directory (os error 2)"), and every message of `cls` is French. A
/// kind without a French name keeps the system's code, so that it can still be looked up.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let known = match e.kind() {
        K::NotFound => "fichier ou dossier introuvable",
        K::PermissionDenied => "accès refusé (droits)",
        K::IsADirectory => "c'est un dossier, pas un fichier",
        K::NotADirectory => "un élément du chemin n'est pas un dossier",
        K::AlreadyExists => "existe déjà",
        K::DirectoryNotEmpty => "le dossier n'est pas vide",
        K::StorageFull => "plus de place sur le disque",
        K::QuotaExceeded => "quota de disque dépassé",
        K::ReadOnlyFilesystem => "système de fichiers en lecture seule",
        K::FileTooLarge => "fichier trop grand",
        K::InvalidFilename => "nom de fichier invalide",
        K::CrossesDevices => "déplacement impossible entre deux disques",
        K::ResourceBusy | K::ExecutableFileBusy => "ressource occupée",
        K::TooManyLinks => "trop de liens",
        K::BrokenPipe => "la sortie a été fermée",
        K::UnexpectedEof => "fin de fichier inattendue",
        K::InvalidData => "données invalides",
        K::TimedOut => "délai dépassé",
        K::Interrupted => "interrompu",
        K::OutOfMemory => "mémoire insuffisante",
        K::Unsupported => "opération non prise en charge",
        K::WouldBlock => "opération qui bloquerait",
        _ if e.raw_os_error() == Some(libc::ELOOP) => "boucle de liens symboliques",
        _ if e.raw_os_error() == Some(libc::EMFILE) => "trop de fichiers ouverts",
        _ => "",
    };
    match (known, e.raw_os_error()) {
        ("", Some(code)) => format!("erreur du système (code {code})"),
        ("", None) => format!("erreur d'entrée-sortie ({})", e.kind()),
        (k, _) => k.to_string(),
    }
}

/// Why a JSON file does not read as expected, in French, with where it stops: serde's
/// messages are English ("expected value at line 1 column 1").
pub fn json_reason(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match e.classify() {
        Category::Io => "lecture interrompue",
        Category::Syntax => "JSON mal formé",
        Category::Eof => "JSON tronqué",
        Category::Data => "contenu inattendu (clé manquante ou valeur d'un autre type)",
    };
    format!("{what}, ligne {}, colonne {}", e.line(), e.column())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_errors_read_in_french() {
        let e = std::io::Error::from_raw_os_error(libc::ENOENT);
        assert_eq!(io_reason(&e), "fichier ou dossier introuvable");
        let e = std::io::Error::from_raw_os_error(libc::EISDIR);
        assert_eq!(io_reason(&e), "c'est un dossier, pas un fichier");
        let e = std::io::Error::from_raw_os_error(libc::ELOOP);
        assert_eq!(io_reason(&e), "boucle de liens symboliques");
        let shown = CorpusError::Open("a.pdf".into(), std::io::Error::from_raw_os_error(2));
        assert_eq!(
            shown.to_string(),
            "ouverture impossible de a.pdf : fichier ou dossier introuvable"
        );
        let j = serde_json::from_str::<Vec<u32>>("[1,").unwrap_err();
        assert!(json_reason(&j).starts_with("JSON tronqué, ligne 1"));
    }
}
