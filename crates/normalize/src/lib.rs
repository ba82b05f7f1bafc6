//! Pure functions that turn the free text of fiche cells into comparable values: budgets,
//! calendars, lists, organisations, themes. Each has its own table-driven tests.

pub mod budget;
pub mod calendar;
pub mod communes;
pub mod geo;
pub mod lists;
pub mod mentions;
pub mod orgs;
pub mod population;
pub mod text;
pub mod themes;
