//! Budget cells to amounts in euros, funders, total and shares.

use cls_model::Budget;

pub fn budget(texte: Option<String>) -> Budget {
    Budget { texte, ..Default::default() }
}
