//! A panic inside one fiche's normalisation costs that fiche, never the document.
//!
//! Normalisation is pure code over text from the file; a bug there (an index out of range
//! on some unforeseen cell) must not turn a whole contract into "internal error". The
//! fiche is dropped with an alert naming it, and the other fiches are kept.

use crate::fiche::{self, RawFiche};
use cls_model::{Action, Alerte, Periode};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// [`fiche::to_action`] behind `catch_unwind`: `None` (and an alert) when it panicked.
pub(crate) fn to_action(
    r: RawFiche,
    periode: Periode,
    alertes: &mut Vec<Alerte>,
) -> Option<Action> {
    let numero = r.numero.clone();
    // The fiche is consumed and nothing shared is mutated by `to_action`, so no broken
    // state can be observed after a panic.
    match catch_unwind(AssertUnwindSafe(|| fiche::to_action(r, periode))) {
        Ok(a) => Some(a),
        Err(_) => {
            let which = numero
                .as_deref()
                .map_or(String::new(), |n| format!(" n° {n}"));
            alertes.push(Alerte::new(
                "fiche_illisible",
                numero.as_deref(),
                format!("la fiche{which} n'a pas pu être lue (erreur interne) ; elle est omise"),
            ));
            None
        }
    }
}
