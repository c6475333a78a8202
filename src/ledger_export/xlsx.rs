//! The ledger as an Excel workbook, the form offices hand on: a 督办台账
//! sheet (frozen header, autofilter, columns sized for Chinese text, wrapped
//! cells, real dates, overdue rows filled red) and a 汇总 sheet per lead unit.

use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::{Row, totals_by_lead};
use crate::layout::{Ambiguous, str_width};

pub const LEDGER_SHEET: &str = "督办台账";
pub const SUMMARY_SHEET: &str = "汇总";

pub const HEADERS: [&str; 12] = [
    "序号",
    "逾期",
    "状态",
    "事项",
    "牵头单位",
    "配合单位",
    "时限",
    "时限原文",
    "剩余天数",
    "最新进展",
    "来源",
    "编号",
];

pub const SUMMARY_HEADERS: [&str; 5] = ["牵头单位", "事项数", "已完成", "推进中", "逾期"];

/// The widest a wrapped column gets, in Excel's units (about one Latin
/// character; a Chinese one takes two).
const MAX_WIDTH: usize = 60;

/// A cell's value.
enum Cell {
    Text(String),
    Number(f64),
    Date(jiff::civil::Date),
}

/// The formats of a ledger cell: plain or overdue (filled red).
struct Styles {
    text: Format,
    number: Format,
    date: Format,
}

impl Styles {
    fn new(overdue: bool) -> Styles {
        let base = Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin);
        let base = if overdue {
            // Excel's own "bad" style: light red fill, dark red text.
            base.set_background_color(Color::RGB(0x00FF_C7CE))
                .set_font_color(Color::RGB(0x009C_0006))
        } else {
            base
        };
        Styles {
            number: base.clone().set_num_format("0"),
            date: base.clone().set_num_format("yyyy-mm-dd"),
            text: base,
        }
    }
}

fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0x00DD_EBF7))
}

fn cells(n: usize, r: &Row) -> [Cell; 12] {
    let text = |s: String| Cell::Text(s);
    [
        Cell::Number(count(n)),
        text(if r.overdue { "是" } else { "" }.to_owned()),
        text(r.status.name().to_owned()),
        text(r.item()),
        text(r.lead.unwrap_or_default().to_owned()),
        text(r.support_cell()),
        r.due_date.map_or_else(|| text(String::new()), Cell::Date),
        text(r.due_text().to_owned()),
        r.days_left
            .map_or_else(|| text(String::new()), |d| Cell::Number(f64::from(d))),
        text(r.latest_cell()),
        text(r.source()),
        text(r.id.to_string()),
    ]
}

/// The workbook's bytes.
pub fn workbook(rows: &[Row]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(LEDGER_SHEET)?;
    ledger_sheet(sheet, rows)?;
    let summary = book.add_worksheet();
    summary.set_name(SUMMARY_SHEET)?;
    summary_sheet(summary, rows)?;
    book.save_to_buffer()
}

fn ledger_sheet(sheet: &mut Worksheet, rows: &[Row]) -> Result<(), XlsxError> {
    let head = header_format();
    let mut widths = HEADERS.map(|h| str_width(h, Ambiguous::Wide));
    for (c, h) in (0u16..).zip(HEADERS) {
        sheet.write_string_with_format(0, c, h, &head)?;
    }
    let plain = Styles::new(false);
    let red = Styles::new(true);
    // Dates are written as 2026-11-30: ten columns.
    widths[6] = widths[6].max(10);
    for (n, (row, r)) in (1u32..).zip(rows.iter().enumerate()) {
        let style = if r.overdue { &red } else { &plain };
        for (c, cell) in (0u16..).zip(cells(row + 1, r)) {
            match cell {
                Cell::Text(s) => {
                    let s = fit_cell(s);
                    let w = &mut widths[usize::from(c)];
                    *w = (*w).max(str_width(&s, Ambiguous::Wide));
                    if s.is_empty() {
                        sheet.write_blank(n, c, &style.text)?;
                    } else {
                        sheet.write_string_with_format(n, c, s, &style.text)?;
                    }
                }
                Cell::Number(v) => {
                    sheet.write_number_with_format(n, c, v, &style.number)?;
                }
                // Excel has no dates before 1900: such a deadline stays text.
                Cell::Date(d) => match excel_date(d) {
                    Some(date) => {
                        sheet.write_date_with_format(n, c, &date, &style.date)?;
                    }
                    None => {
                        sheet.write_string_with_format(n, c, d.to_string(), &style.text)?;
                    }
                },
            }
        }
    }
    for (c, w) in (0u16..).zip(widths) {
        sheet.set_column_width(c, width_units(w))?;
    }
    sheet.set_freeze_panes(1, 0)?;
    // Printed, as ledgers are: landscape, one page wide, the header on each page.
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    let last_row = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    sheet.autofilter(0, 0, last_row, 11)?;
    Ok(())
}

fn summary_sheet(sheet: &mut Worksheet, rows: &[Row]) -> Result<(), XlsxError> {
    let head = header_format();
    let text = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let number = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0");
    let bold = text.clone().set_bold();
    let bold_number = number.clone().set_bold();
    for (c, h) in (0u16..).zip(SUMMARY_HEADERS) {
        sheet.write_string_with_format(0, c, h, &head)?;
    }
    let totals = totals_by_lead(rows);
    let mut width = str_width(SUMMARY_HEADERS[0], Ambiguous::Wide);
    let mut all = [0usize; 4];
    let mut n = 1u32;
    for t in &totals {
        width = width.max(str_width(&t.lead, Ambiguous::Wide));
        sheet.write_string_with_format(n, 0, &t.lead, &text)?;
        let counts = [t.total, t.done, t.in_progress, t.overdue];
        for (c, v) in (1u16..).zip(counts) {
            sheet.write_number_with_format(n, c, count(v), &number)?;
        }
        for (a, v) in all.iter_mut().zip(counts) {
            *a += v;
        }
        n += 1;
    }
    sheet.write_string_with_format(n, 0, "合计", &bold)?;
    for (c, v) in (1u16..).zip(all) {
        sheet.write_number_with_format(n, c, count(v), &bold_number)?;
    }
    sheet.set_column_width(0, width_units(width))?;
    for c in 1..5u16 {
        sheet.set_column_width(c, 9)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Excel holds at most 32,767 characters in a cell; a longer text (a
/// runaway item title) is cut rather than failing the whole workbook.
fn fit_cell(s: String) -> String {
    const MAX: usize = 32_767;
    match s.char_indices().nth(MAX - 1) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s,
    }
}

fn count(v: usize) -> f64 {
    u32::try_from(v).map_or(f64::from(u32::MAX), f64::from)
}

/// Excel's width for text `w` display columns wide (Chinese counted two),
/// with a little room, capped so that long cells wrap instead.
fn width_units(w: usize) -> f64 {
    let capped = u32::try_from(w.min(MAX_WIDTH)).unwrap_or(0);
    f64::from(capped) + 2.0
}

fn excel_date(d: jiff::civil::Date) -> Option<ExcelDateTime> {
    let year = u16::try_from(d.year()).ok()?;
    let month = u8::try_from(d.month()).ok()?;
    let day = u8::try_from(d.day()).ok()?;
    ExcelDateTime::from_ymd(year, month, day).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_fit_excels_limit() {
        assert_eq!(fit_cell("短".into()), "短");
        let long = fit_cell("长".repeat(40_000));
        assert_eq!(long.chars().count(), 32_767);
        assert!(long.ends_with('…'));
    }
}
