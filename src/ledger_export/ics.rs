//! The ledger as an iCalendar file (RFC 5545): one all-day to-do (VTODO) per
//! dated item, for a calendar or task app. Each to-do's UID comes from the
//! briefing's key and the item's id, so importing a newer export updates the
//! to-dos instead of adding them twice.

use std::fmt::Write as _;

use super::Row;
use crate::briefing::chars::stable_hash;
use crate::store::Status;

/// The calendar's text: CRLF line ends, long lines folded.
/// `stamp` is the time of the export (UTC, as [`crate::time::now`]).
pub fn calendar(rows: &[Row], stamp: &str) -> String {
    let stamp = utc_basic(stamp);
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//brief//督办台账//ZH",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:督办台账",
    ] {
        push(&mut out, line);
    }
    for r in rows {
        let Some(due) = r.due_date else { continue };
        push(&mut out, "BEGIN:VTODO");
        push(&mut out, &format!("UID:{}", uid(&r.key, &r.id.hex())));
        push(&mut out, &format!("DTSTAMP:{stamp}"));
        push(
            &mut out,
            &format!("DUE;VALUE=DATE:{}", due.strftime("%Y%m%d")),
        );
        push(&mut out, &format!("SUMMARY:{}", escape(&r.item())));
        push(
            &mut out,
            &format!("DESCRIPTION:{}", escape(&description(r))),
        );
        if let Some(lead) = r.lead {
            push(&mut out, &format!("CATEGORIES:{}", escape(lead)));
        }
        push(&mut out, &format!("STATUS:{}", status(&r.status)));
        if r.status == Status::Done {
            push(&mut out, "PERCENT-COMPLETE:100");
            if let Some(at) = r.done_at {
                push(&mut out, &format!("COMPLETED:{}", utc_basic(at)));
            }
        }
        push(&mut out, "END:VTODO");
    }
    push(&mut out, "END:VCALENDAR");
    out
}

/// A to-do's identity: the same item gives the same UID in every export.
pub fn uid(key: &str, id: &str) -> String {
    format!("{:016x}@brief.ledger", stable_hash(&[key, id]))
}

fn status(s: &Status) -> &'static str {
    match s {
        Status::InProgress => "IN-PROCESS",
        Status::Done => "COMPLETED",
        Status::NotStarted | Status::Paused | Status::Other(_) => "NEEDS-ACTION",
    }
}

fn description(r: &Row) -> String {
    let mut d = String::new();
    if let Some(lead) = r.lead {
        let _ = writeln!(d, "牵头单位：{lead}");
    }
    if !r.support.is_empty() {
        let _ = writeln!(d, "配合单位：{}", r.support_cell());
    }
    if !r.due_text().is_empty() {
        let _ = writeln!(d, "时限：{}", r.due_text());
    }
    let _ = writeln!(d, "状态：{}", r.status.name());
    if let Some(p) = r.latest() {
        let _ = writeln!(d, "最新进展：{} {}", p.date, p.text);
    }
    let _ = write!(d, "来源：{}", r.source());
    d
}

/// `2026-11-29T15:30:45.123Z` → `20261129T153045Z`.
fn utc_basic(stamp: &str) -> String {
    stamp.parse::<jiff::Timestamp>().map_or_else(
        |_| {
            // Hand-edited: keep what digits there are, as UTC midnight.
            let digits: String = stamp.chars().filter(char::is_ascii_digit).take(8).collect();
            format!("{digits:0<8}T000000Z")
        },
        |t| t.strftime("%Y%m%dT%H%M%SZ").to_string(),
    )
}

/// RFC 5545 TEXT: backslash, semicolon, comma and line breaks escaped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line, folded at 75 octets (never inside a character)
/// and ended with CRLF.
fn push(out: &mut String, line: &str) {
    const LIMIT: usize = 75;
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > LIMIT {
            out.push_str("\r\n ");
            // The leading space counts towards the next line's 75.
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_between_characters() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "推进城市更新".repeat(10));
        push(&mut out, &line);
        let lines: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.len() <= 75), "{lines:?}");
        assert!(lines[1..].iter().all(|l| l.starts_with(' ')));
        let unfolded: String = out.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end(), line);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\r\ne"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(escape("市住建局，各区"), "市住建局，各区");
    }

    #[test]
    fn stamps_are_utc_basic_form() {
        assert_eq!(utc_basic("2026-11-29T15:30:45.123Z"), "20261129T153045Z");
        assert_eq!(utc_basic("2026-11-29 by hand"), "20261129T000000Z");
        assert_eq!(uid("k", "i"), uid("k", "i"));
        assert_ne!(uid("k", "i"), uid("k", "j"));
    }
}
