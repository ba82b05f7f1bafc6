//! The workbook `corpus.xlsx`: one sheet per export table (Actions, Montants,
//! Organisations, Documents, Alertes), for analysts who open the corpus in Excel or
//! LibreOffice without an import dialog.
//!
//! Cells keep their types: amounts and counts are numbers, codes ("01", "2A", "1.1") are
//! text, signing dates are dates, `retenu` is a boolean. Each sheet has its header frozen,
//! an autofilter over the whole table, column widths fitted to their content and each
//! column's description as a note on its header.

use crate::export::{Cell, Kind, Table};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, IgnoreError, Note, Workbook, Worksheet,
    XlsxError,
};

/// Excel's limit on the characters of one cell.
const MAX_CELL: usize = 32_767;

/// Column widths, in characters: wide enough for codes, not wider than a title needs.
const MIN_WIDTH: f64 = 6.0;
const MAX_WIDTH: f64 = 60.0;

/// The workbook of the given tables, one sheet each, as bytes.
pub fn workbook(tables: &[Table]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    // The same corpus gives the same bytes (a resumed batch is compared byte for byte with
    // an uninterrupted one): the creation date is fixed instead of the clock's.
    let props = DocProperties::new()
        .set_title("Corpus des contrats locaux de santé (cls/1)")
        .set_comment("Écrit par cls ; colonnes décrites dans docs/FORMAT.md")
        .set_creation_datetime(&ExcelDateTime::from_ymd(2020, 1, 1)?);
    wb.set_properties(&props);
    let header = Format::new()
        .set_bold()
        .set_background_color("DCE3F5")
        .set_align(FormatAlign::Top)
        .set_text_wrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let euros = Format::new().set_num_format("#,##0.##");
    for t in tables {
        let ws = wb.add_worksheet();
        sheet(ws, t, &header, &date, &euros)?;
    }
    wb.save_to_buffer()
}

fn sheet(
    ws: &mut Worksheet,
    t: &Table,
    header: &Format,
    date: &Format,
    euros: &Format,
) -> Result<(), XlsxError> {
    ws.set_name(t.sheet)?;
    let mut widths: Vec<f64> = Vec::with_capacity(t.columns.len());
    for (c, column) in t.columns.iter().enumerate() {
        let c = col_num(c);
        ws.write_string_with_format(0, c, column.name, header)?;
        ws.insert_note(
            0,
            c,
            &Note::new(column.description).add_author_prefix(false),
        )?;
        widths.push(column.name.chars().count() as f64 + 2.0);
    }
    for (r, row) in t.rows.iter().enumerate() {
        let r = row_num(r + 1);
        for (c, cell) in row.iter().enumerate() {
            let width = write_cell(ws, r, col_num(c), cell, t.columns[c].kind, date, euros)?;
            if let Some(w) = widths.get_mut(c) {
                *w = w.max(width);
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(col_num(c), w.clamp(MIN_WIDTH, MAX_WIDTH))?;
    }
    let last_col = col_num(t.columns.len().saturating_sub(1));
    let last_row = row_num(t.rows.len());
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, last_row, last_col)?;
    // Codes are text on purpose ("01", "1.1"): no "number stored as text" warnings.
    if !t.rows.is_empty() {
        ws.ignore_error_range(1, 0, last_row, last_col, IgnoreError::NumberStoredAsText)?;
    }
    Ok(())
}

/// Writes one cell; returns the width its content asks for.
fn write_cell(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    cell: &Cell,
    kind: Kind,
    date: &Format,
    euros: &Format,
) -> Result<f64, XlsxError> {
    Ok(match cell {
        Cell::Empty => 0.0,
        Cell::Text(s) => {
            let s: String = s.chars().take(MAX_CELL).collect();
            ws.write_string(r, c, &s)?;
            s.chars().count() as f64 + 1.0
        }
        Cell::Int(n) => {
            ws.write_number(r, c, *n as f64)?;
            n.to_string().len() as f64 + 2.0
        }
        Cell::Num(x) => {
            if kind == Kind::Number {
                ws.write_number_with_format(r, c, *x, euros)?;
            } else {
                ws.write_number(r, c, *x)?;
            }
            crate::export::amount(*x).len() as f64 + 4.0
        }
        Cell::Bool(b) => {
            ws.write_boolean(r, c, *b)?;
            7.0
        }
        Cell::Date(s) => {
            // A date the document printed in full is a date; anything else stays text.
            match ExcelDateTime::parse_from_str(s) {
                Ok(d) => {
                    ws.write_datetime_with_format(r, c, &d, date)?;
                }
                Err(_) => {
                    ws.write_string(r, c, s)?;
                }
            }
            12.0
        }
    })
}

fn row_num(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

fn col_num(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::Column;
    use calamine::{Data, Reader, Xlsx};

    fn table() -> Table {
        Table {
            stem: "actions",
            sheet: "Actions",
            title: "Actions",
            columns: vec![
                Column {
                    name: "departements",
                    kind: Kind::Text,
                    description: "codes",
                },
                Column {
                    name: "titre",
                    kind: Kind::Text,
                    description: "titre",
                },
                Column {
                    name: "budget_total_eur",
                    kind: Kind::Number,
                    description: "budget",
                },
                Column {
                    name: "date_signature",
                    kind: Kind::Date,
                    description: "date",
                },
                Column {
                    name: "retenu",
                    kind: Kind::Boolean,
                    description: "retenu",
                },
            ],
            rows: vec![vec![
                Cell::Text("01".into()),
                Cell::Text("Accueil de répit à Évreux".into()),
                Cell::Num(16000.0),
                Cell::Date("2020-02-17".into()),
                Cell::Bool(true),
            ]],
        }
    }

    #[test]
    fn cells_read_back_typed_with_accents() {
        let bytes = workbook(&[table()]).unwrap();
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), vec!["Actions".to_string()]);
        let range = book.worksheet_range("Actions").unwrap();
        assert_eq!(range.get((1, 0)), Some(&Data::String("01".into())));
        assert_eq!(
            range.get((1, 1)),
            Some(&Data::String("Accueil de répit à Évreux".into()))
        );
        assert_eq!(range.get((1, 2)), Some(&Data::Float(16000.0)));
        match range.get((1, 3)) {
            // 43878 is 2020-02-17 in Excel's day count (1900 system).
            Some(Data::DateTime(d)) => assert_eq!(d.as_f64(), 43878.0),
            other => panic!("not a date: {other:?}"),
        }
        assert_eq!(range.get((1, 4)), Some(&Data::Bool(true)));
    }
}
