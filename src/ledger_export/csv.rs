//! The ledger as CSV for Excel and scripts: UTF-8 with a byte-order mark (or
//! Excel reads it as the local code page and garbles the Chinese), CRLF line
//! ends and RFC 4180 quoting. Written by hand: quoting a field is a few lines,
//! and a crate would add nothing for one fixed table.

use std::io::{self, Write};

use super::Row;

pub const HEADERS: [&str; 11] = [
    "编号",
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
];

pub fn write(out: &mut impl Write, rows: &[Row]) -> io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    record(out, HEADERS.iter().copied())?;
    for r in rows {
        let cells = [
            r.id.to_string(),
            if r.overdue { "是" } else { "" }.to_owned(),
            r.status.name().to_owned(),
            r.item(),
            r.lead.unwrap_or_default().to_owned(),
            r.support_cell(),
            r.due_date.map(|d| d.to_string()).unwrap_or_default(),
            r.due_text().to_owned(),
            r.days_cell(),
            r.latest_cell(),
            r.source(),
        ];
        record(out, cells.iter().map(String::as_str))?;
    }
    Ok(())
}

fn record<'a>(out: &mut impl Write, fields: impl Iterator<Item = &'a str>) -> io::Result<()> {
    for (i, f) in fields.enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(field(f).as_bytes())?;
    }
    out.write_all(b"\r\n")
}

/// A field, quoted when it holds a comma, a quote or a line break (quotes
/// doubled inside).
fn field(f: &str) -> std::borrow::Cow<'_, str> {
    if f.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", f.replace('"', "\"\"")).into()
    } else {
        f.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_follows_rfc_4180() {
        assert_eq!(field("市住建局"), "市住建局");
        assert_eq!(
            field("各区，各县"),
            "各区，各县",
            "a full-width comma needs no quotes"
        );
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("推行“一件事”"), "推行“一件事”");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("两行\n文字"), "\"两行\n文字\"");
    }
}
