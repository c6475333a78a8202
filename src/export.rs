//! Writing marks and notes out for handing on: plain text (laid out by the CJK
//! layout engine), Markdown task lists, and JSON for scripts. Shared by the
//! reader's export key and `brief export`.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

use crate::briefing::ledger::{Due, LeadFrom};
use crate::briefing::{Briefing, Item, Paragraphs, Section};
use crate::layout::{self, Ambiguous, Options, str_width};
use crate::store::{Marks, Progress, Status};
use crate::time::local_date;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Json => "json",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub format: Format,
    /// Columns for the text format; 0 leaves lines unwrapped.
    pub width: usize,
    pub ambiguous: Ambiguous,
    /// The export date, `YYYY-MM-DD`.
    pub date: String,
}

pub fn export(
    out: &mut impl Write,
    briefings: &[Briefing],
    marks: &Marks,
    opts: &ExportOptions,
) -> io::Result<()> {
    match opts.format {
        Format::Text => {
            for (i, b) in briefings.iter().enumerate() {
                if i > 0 {
                    writeln!(out, "\n")?;
                }
                text(out, b, marks, opts)?;
            }
            Ok(())
        }
        Format::Markdown => {
            for (i, b) in briefings.iter().enumerate() {
                if i > 0 {
                    writeln!(out, "\n---\n")?;
                }
                markdown(out, b, marks, opts)?;
            }
            Ok(())
        }
        Format::Json => {
            let doc = json(briefings, marks, opts);
            serde_json::to_writer_pretty(&mut *out, &doc)?;
            writeln!(out)
        }
    }
}

/// Done and total items of a section.
fn progress(b: &Briefing, s: &Section, marks: &Marks) -> (usize, usize) {
    (
        s.items
            .iter()
            .filter(|i| marks.is_done(b, &i.id.hex()))
            .count(),
        s.items.len(),
    )
}

fn percent(done: usize, total: usize) -> usize {
    (done * 100).checked_div(total).unwrap_or(0)
}

/// `市某局 党组书记、局长 张三`, or the headline for chapters.
fn who(s: &Section) -> String {
    let parts: Vec<&str> = [s.department(), s.position(), s.person()]
        .into_iter()
        .flatten()
        .collect();
    if parts.is_empty() {
        s.headline().unwrap_or_default().to_owned()
    } else {
        parts.join(" ")
    }
}

fn chinese_ordinal(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n].into(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[n % 10]),
        20..=99 => format!("{}十{}", D[n / 10], D[n % 10]),
        _ => n.to_string(),
    }
}

/// Writes `text` after `first` (on the first line) and `rest` (on the others),
/// wrapped to the width by the layout engine; unwrapped when the width is 0.
fn wrapped(
    out: &mut impl Write,
    first: &str,
    rest: &str,
    text: &str,
    opts: &ExportOptions,
) -> io::Result<()> {
    for (n, para) in text.split('\n').enumerate() {
        let lead = if n == 0 { first } else { rest };
        if opts.width == 0 {
            writeln!(out, "{lead}{para}")?;
            continue;
        }
        let indent = str_width(rest, opts.ambiguous).max(str_width(lead, opts.ambiguous));
        let lo = Options {
            ambiguous: opts.ambiguous,
            ..Options::new(opts.width.saturating_sub(indent).max(8))
        };
        for (i, l) in layout::layout(para, &lo).iter().enumerate() {
            writeln!(
                out,
                "{}{}",
                if i == 0 { lead } else { rest },
                &para[l.range.clone()]
            )?;
        }
    }
    Ok(())
}

/// A formal document's number and issuer, for the export's head.
fn frame_lines(b: &Briefing) -> Vec<String> {
    [("文号", &b.frame.doc_number), ("发文机关", &b.frame.issuer)]
        .into_iter()
        .filter_map(|(label, value)| value.as_ref().map(|v| format!("{label}：{v}")))
        .collect()
}

/// An item's line: its mark, marker and title, then what the ledger adds.
/// `paragraphs` are its section's.
fn item_line(b: &Briefing, paragraphs: &Paragraphs, item: &Item, marks: &Marks) -> String {
    let mark = marks.item(b, &item.id.hex());
    let done = mark.is_some_and(|m| m.done);
    let marker = match item.marker(paragraphs) {
        "" => String::new(),
        marker => format!("{marker} "),
    };
    let when = match mark.and_then(|m| m.done_at.as_deref()).filter(|_| done) {
        Some(at) => format!("（{} 完成）", local_date(at)),
        None => String::new(),
    };
    // A task table's owners and deadline, as the row gave them.
    let mut parts: Vec<String> = item
        .cells()
        .iter()
        .filter(|c| !c.value.is_empty() && !item.text(paragraphs).contains(&c.value))
        .map(|c| format!("{}：{}", c.header, c.value))
        .collect();
    parts.extend(followup_parts(item, &marks.status(b, &item.id.hex())));
    let parts = if parts.is_empty() {
        String::new()
    } else {
        format!("（{}）", parts.join("；"))
    };
    format!(
        "[{}] {marker}{}{parts}{when}",
        if done { 'x' } else { ' ' },
        item.title(paragraphs)
    )
}

/// The ledger's facts about an item that the line does not show already:
/// its lead unit (unless it is the section's own department, named in the
/// heading), its deadline, and a status other than 未启动 (done shows as
/// `[x]`).
fn followup_parts(item: &Item, status: &Status) -> Vec<String> {
    let f = &item.followup;
    let shown = |text: &str| item.cells().iter().any(|c| c.value.contains(text));
    let mut parts = Vec::new();
    if let Some(lead) = &f.lead
        && f.lead_from != Some(LeadFrom::Section)
        && !shown(lead)
    {
        parts.push(format!("牵头单位：{lead}"));
    }
    if let Some(due) = f.due()
        && !shown(&due.text)
    {
        parts.push(format!("时限：{}", due_words(due)));
    }
    if !matches!(status, Status::NotStarted | Status::Done) {
        parts.push(format!("状态：{status}"));
    }
    parts
}

/// `11月底前，2026-11-30`, or the words alone when no date fixes them.
fn due_words(due: &Due) -> String {
    match due.date {
        Some(d) if d.to_string() != due.text => format!("{}，{d}", due.text),
        _ => due.text.clone(),
    }
}

/// The newest progress entry, as a line under the item.
fn latest_progress<'a>(b: &Briefing, item: &Item, marks: &'a Marks) -> Option<&'a Progress> {
    marks.item(b, &item.id.hex())?.latest_progress()
}

fn text(out: &mut impl Write, b: &Briefing, marks: &Marks, opts: &ExportOptions) -> io::Result<()> {
    wrapped(out, "", "", &b.title, opts)?;
    if let Some(sub) = &b.subtitle {
        wrapped(out, "", "", &format!("——{sub}"), opts)?;
    }
    for line in frame_lines(b) {
        writeln!(out, "{line}")?;
    }
    writeln!(out, "导出日期：{}", opts.date)?;
    let mut totals = Vec::new();
    for (s, section) in b.sections.iter().enumerate() {
        let note = marks.section_note(b, s);
        if section.items.is_empty() && note.is_empty() {
            continue;
        }
        writeln!(out)?;
        wrapped(
            out,
            &format!("{}、", chinese_ordinal(s + 1)),
            "    ",
            &who(section),
            opts,
        )?;
        if section.department().is_some()
            && let Some(h) = section.headline()
        {
            wrapped(out, "    ", "    ", &format!("〔{h}〕"), opts)?;
        }
        for item in &section.items {
            let pad = "  ".repeat(item.level());
            wrapped(
                out,
                &format!("    {pad}"),
                &format!("    {pad}    "),
                &item_line(b, &section.paragraphs, item, marks),
                opts,
            )?;
            if let Some(p) = latest_progress(b, item, marks) {
                wrapped(
                    out,
                    &format!("        {pad}进展：{} ", p.date),
                    &format!("        {pad}      "),
                    &p.text,
                    opts,
                )?;
            }
            let n = marks.note(b, &item.id.hex());
            if !n.is_empty() {
                wrapped(
                    out,
                    &format!("        {pad}备注："),
                    &format!("        {pad}      "),
                    n,
                    opts,
                )?;
            }
        }
        if !note.is_empty() {
            wrapped(out, "    部门备注：", "              ", note, opts)?;
        }
        let (done, total) = progress(b, section, marks);
        writeln!(out, "    小计：完成 {done}/{total}")?;
        totals.push((section, done, total));
    }
    let orphans = marks.orphans(b);
    if !orphans.is_empty() {
        writeln!(out)?;
        writeln!(out, "已不在简报中的事项（原文已修改，标记与备注保留）：")?;
        for (_, m) in orphans {
            let line = format!(
                "[{}] {}（{}）",
                if m.done { 'x' } else { ' ' },
                m.title,
                m.section
            );
            wrapped(out, "    ", "        ", &line, opts)?;
            if !m.note.is_empty() {
                wrapped(out, "        备注：", "              ", &m.note, opts)?;
            }
        }
    }
    let done: usize = totals.iter().map(|t| t.1).sum();
    let total: usize = totals.iter().map(|t| t.2).sum();
    writeln!(out)?;
    writeln!(
        out,
        "总计：完成 {done}/{total}（{}%）",
        percent(done, total)
    )?;
    for (section, d, t) in totals {
        wrapped(
            out,
            "    ",
            "      ",
            &format!("{}：{d}/{t}", section.label()),
            opts,
        )?;
    }
    Ok(())
}

fn markdown(
    out: &mut impl Write,
    b: &Briefing,
    marks: &Marks,
    opts: &ExportOptions,
) -> io::Result<()> {
    let esc = |s: &str| s.replace('\n', " ");
    writeln!(out, "# {}", esc(&b.title))?;
    if let Some(sub) = &b.subtitle {
        writeln!(out, "\n*——{}*", esc(sub))?;
    }
    for line in frame_lines(b) {
        writeln!(out, "\n{}", esc(&line))?;
    }
    writeln!(out, "\n导出日期：{}", opts.date)?;
    let mut all = (0, 0);
    for (s, section) in b.sections.iter().enumerate() {
        let note = marks.section_note(b, s);
        if section.items.is_empty() && note.is_empty() {
            continue;
        }
        writeln!(out, "\n## {}", esc(&who(section)))?;
        if section.department().is_some()
            && let Some(h) = section.headline()
        {
            writeln!(out, "\n**{}**", esc(h))?;
        }
        writeln!(out)?;
        for item in &section.items {
            let pad = "  ".repeat(item.level());
            writeln!(
                out,
                "{pad}- {}",
                item_line(b, &section.paragraphs, item, marks)
            )?;
            if let Some(p) = latest_progress(b, item, marks) {
                writeln!(out, "{pad}  > 进展：{} {}", p.date, esc(&p.text))?;
            }
            let n = marks.note(b, &item.id.hex());
            for line in n.lines() {
                writeln!(out, "{pad}  > {line}")?;
            }
        }
        if !note.is_empty() {
            writeln!(out, "\n部门备注：")?;
            for line in note.lines() {
                writeln!(out, "> {line}")?;
            }
        }
        let (done, total) = progress(b, section, marks);
        writeln!(out, "\n小计：完成 {done}/{total}")?;
        all = (all.0 + done, all.1 + total);
    }
    let orphans = marks.orphans(b);
    if !orphans.is_empty() {
        writeln!(out, "\n## 已不在简报中的事项\n")?;
        for (_, m) in orphans {
            writeln!(
                out,
                "- [{}] {}（{}）",
                if m.done { 'x' } else { ' ' },
                esc(&m.title),
                esc(&m.section)
            )?;
            for line in m.note.lines() {
                writeln!(out, "  > {line}")?;
            }
        }
    }
    writeln!(
        out,
        "\n## 总计\n\n完成 {}/{}（{}%）",
        all.0,
        all.1,
        percent(all.0, all.1)
    )
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    exported: &'a str,
    done: usize,
    total: usize,
    briefings: Vec<JsonBriefing<'a>>,
}

#[derive(Serialize)]
struct JsonBriefing<'a> {
    path: &'a str,
    title: &'a str,
    subtitle: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    doc_number: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issuer: Option<&'a str>,
    done: usize,
    total: usize,
    sections: Vec<JsonSection<'a>>,
    orphans: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct JsonSection<'a> {
    headline: Option<&'a str>,
    department: Option<&'a str>,
    position: Option<&'a str>,
    person: Option<&'a str>,
    note: &'a str,
    done: usize,
    total: usize,
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: Cow<'a, str>,
    marker: Option<&'a str>,
    title: &'a str,
    level: Option<usize>,
    section: Option<&'a str>,
    done: bool,
    done_at: Option<&'a str>,
    note: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    cells: &'a [crate::briefing::Cell],
    lead: Option<&'a str>,
    due: Option<&'a Due>,
    status: String,
    /// The progress log without withdrawn entries, oldest first.
    progress: Vec<JsonProgress<'a>>,
}

#[derive(Serialize)]
struct JsonProgress<'a> {
    date: &'a str,
    text: &'a str,
}

fn json_progress(mark: Option<&crate::store::ItemMark>) -> Vec<JsonProgress<'_>> {
    mark.map(|m| {
        m.progress()
            .map(|p| JsonProgress {
                date: &p.date,
                text: &p.text,
            })
            .collect()
    })
    .unwrap_or_default()
}

fn json<'a>(briefings: &'a [Briefing], marks: &'a Marks, opts: &'a ExportOptions) -> JsonDoc<'a> {
    let mut doc = JsonDoc {
        exported: &opts.date,
        done: 0,
        total: 0,
        briefings: Vec::new(),
    };
    for b in briefings {
        let mut jb = JsonBriefing {
            path: &b.path,
            title: &b.title,
            subtitle: b.subtitle.as_deref(),
            doc_number: b.frame.doc_number.as_deref(),
            issuer: b.frame.issuer.as_deref(),
            done: 0,
            total: 0,
            sections: Vec::new(),
            orphans: Vec::new(),
        };
        for (s, section) in b.sections.iter().enumerate() {
            let (done, total) = progress(b, section, marks);
            jb.done += done;
            jb.total += total;
            let items = section
                .items
                .iter()
                .map(|i| {
                    let m = marks.item(b, &i.id.hex());
                    let done = m.is_some_and(|m| m.done);
                    JsonItem {
                        id: Cow::Owned(i.id.to_string()),
                        marker: Some(i.marker(&section.paragraphs)),
                        title: i.title(&section.paragraphs),
                        level: Some(i.level()),
                        section: None,
                        done,
                        done_at: m.and_then(|m| m.done_at.as_deref()).filter(|_| done),
                        note: m.map_or("", |m| m.note.as_str()),
                        cells: i.cells(),
                        lead: i.followup.lead.as_deref(),
                        due: i.followup.due(),
                        status: marks.status(b, &i.id.hex()).name().to_owned(),
                        progress: json_progress(m),
                    }
                })
                .collect();
            jb.sections.push(JsonSection {
                headline: section.headline(),
                department: section.department(),
                position: section.position(),
                person: section.person(),
                note: marks.section_note(b, s),
                done,
                total,
                items,
            });
        }
        jb.orphans = marks
            .orphans(b)
            .into_iter()
            .map(|(id, m)| JsonItem {
                id: Cow::Borrowed(id),
                marker: None,
                title: &m.title,
                level: None,
                section: Some(&m.section),
                done: m.done,
                done_at: m.done_at.as_deref().filter(|_| m.done),
                note: &m.note,
                cells: &[],
                lead: None,
                due: None,
                status: m.status().name().to_owned(),
                progress: json_progress(Some(m)),
            })
            .collect();
        doc.done += jb.done;
        doc.total += jb.total;
        doc.briefings.push(jb);
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::ledger::DueKind;
    use crate::briefing::{Cell, parse_text};

    fn item() -> (Briefing, Item) {
        let b = parse_text(
            "t.txt",
            "标题\n\n推进城市更新\n\n市住建局局长 赵高堂\n\n导语。一是加快收尾。二是做好拨付。\n",
        );
        let item = b.sections[0].items[0].clone();
        (b, item)
    }

    #[test]
    fn the_line_names_an_explicit_lead_the_deadline_and_a_status() {
        let (b, mut item) = item();
        item.followup.lead = Some("市财政局".into());
        item.followup.lead_from = Some(LeadFrom::Explicit);
        item.followup.set_due(Some(Due {
            text: "11月底前".into(),
            date: Some(jiff::civil::date(2026, 11, 30)),
            kind: DueKind::By,
            assumed_year: false,
            every: None,
        }));
        let mut marks = Marks::default();
        marks.set_status(&b, 0, &item, Status::Paused, "2026-11-01T00:00:00.000Z");
        assert_eq!(
            item_line(&b, &b.sections[0].paragraphs, &item, &marks),
            "[ ] 一是 加快收尾（牵头单位：市财政局；时限：11月底前，2026-11-30；状态：暂缓）"
        );
        // A task table's cells already say it: not twice.
        item.set_cells([Cell {
            header: "牵头单位".into(),
            value: "市财政局".into(),
        }]);
        assert_eq!(
            item_line(&b, &b.sections[0].paragraphs, &item, &marks),
            "[ ] 一是 加快收尾（牵头单位：市财政局；时限：11月底前，2026-11-30；状态：暂缓）"
        );
    }

    #[test]
    fn the_sections_own_department_is_not_repeated() {
        let (b, item) = item();
        assert_eq!(item.followup.lead_from, Some(LeadFrom::Section));
        assert_eq!(
            item_line(&b, &b.sections[0].paragraphs, &item, &Marks::default()),
            "[ ] 一是 加快收尾"
        );
    }
}
