//! The plain-text parser (FORMAT.md §1): front matter, sections, page-break joins
//! and items. One pass over the lines to classify them, one to build sections.

use super::author::{Author, is_person_name, parse_author_line};
use super::chars::{ends_sentence, is_sentence_punct, is_space};
use super::decode::Encoding;
use super::frame;
use super::items::{self, Style};
use super::paragraphs::{self, Paragraphs};
use super::{Briefing, Section, SectionKind, assign_ids};
use rayon::prelude::*;

pub fn parse(name: &str, text: &str, encoding: Option<Encoding>) -> Briefing {
    let mut lines: Vec<&str> = lines(text)
        .map(|l| l.trim_matches(is_space))
        .filter(|l| !l.is_empty() && !is_page_number(l) && !is_clutter(l))
        .collect();
    // The official-document frame is metadata, never paragraphs or items.
    let mut frame = frame::take(&mut lines);
    let title = frame.title.take();
    if let (Some(title), Some(first)) = (&title, lines.first_mut()) {
        *first = title;
    }

    let mut b = Briefing::empty(name, encoding);

    let body_start = front_matter(&lines, &mut b, name);
    let mut body: Vec<&str> = Vec::with_capacity(lines.len() - body_start);
    for &line in &lines[body_start..] {
        let parenthesised_metadata = parenthesised(line).is_some_and(|m| take_metadata(m, &mut b));
        if is_clutter(line) || parenthesised_metadata || take_metadata(line, &mut b) {
            continue;
        }
        body.push(line);
    }

    let mut authors: Vec<Option<Author>> = body
        .par_iter()
        .with_min_len(1024)
        .map(|l| parse_author_line(l))
        .collect();
    let raw = if authors.iter().any(Option::is_some) {
        b.kind = SectionKind::Departments;
        by_departments(&body, &mut authors, &mut b.warnings)
    } else if let Some(style) = top_level_style(&body) {
        b.kind = SectionKind::Chapters;
        by_headings(&body, style)
    } else {
        vec![RawSection {
            paragraphs: body.clone(),
            ..RawSection::default()
        }]
    };

    // Sections are independent once found: build them on every core.
    let built: Vec<(Section, Vec<String>)> = raw
        .into_par_iter()
        .enumerate()
        .with_min_len(16)
        .map(|(index, r)| {
            let mut warnings = Vec::new();
            let section = build_section(r, index, &mut warnings);
            (section, warnings)
        })
        .collect();
    for (section, warnings) in built {
        b.sections.push(section);
        b.warnings.extend(warnings);
    }
    if b.sections.is_empty() {
        b.sections.push(Section::default());
    }
    frame.apply(&mut b);
    assign_ids(&mut b);
    b
}

/// The lines of `text` as [`str::lines`] gives them, each line feed found by
/// a vectorised search rather than the standard library's word-at-a-time one.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text).filter(|t| !t.is_empty());
    std::iter::from_fn(move || {
        let here = rest?;
        let Some(end) = memchr::memchr(b'\n', here.as_bytes()) else {
            rest = None;
            return Some(here);
        };
        rest = Some(&here[end + 1..]).filter(|r| !r.is_empty());
        let line = &here[..end];
        Some(line.strip_suffix('\r').unwrap_or(line))
    })
}

/// Reads clutter, title, subtitle and the lines after them that describe the
/// document (source, date, author, notes). Returns the index of the first body line.
fn front_matter(lines: &[&str], b: &mut Briefing, name: &str) -> usize {
    let mut i = 0;
    while i < lines.len() && (is_clutter(lines[i]) || take_metadata(lines[i], b)) {
        i += 1;
    }
    let Some(&first) = lines.get(i) else {
        b.title = file_stem(name);
        return i;
    };
    // A file that opens straight into running text has no title line.
    if first.chars().count() > 60 || (ends_sentence(first) && first.chars().count() > 30) {
        b.title = file_stem(name);
        return i;
    }
    first.clone_into(&mut b.title);
    i += 1;
    let mut subtitle_date = None;
    // A header glued on one line: title——subtitle, and perhaps the speaker
    // at its end (政府工作报告——2024年3月5日在…会议上国务院总理 李强).
    if let Some((title, rest)) = first.split_once("——")
        && !title.trim_matches(is_space).is_empty()
    {
        let rest = rest.trim_start_matches('—').trim_matches(is_space);
        let (sub, author) = split_speaker(rest);
        title.trim_matches(is_space).clone_into(&mut b.title);
        if !sub.is_empty() {
            b.subtitle = Some(sub.to_owned());
            if sub.starts_with(|c: char| c.is_ascii_digit()) {
                subtitle_date = parse_date(sub);
            }
        }
        b.author = author;
    }
    // A title over two lines, with the subtitle under the second.
    if let (Some(&second), Some(&third)) = (lines.get(i), lines.get(i + 1))
        && third.starts_with("——")
        && !second.starts_with("——")
        && is_heading_like(second)
        && parse_author_line(second).is_none()
    {
        b.title.push(' ');
        b.title.push_str(second);
        i += 1;
    }
    if let Some(sub) = lines.get(i).and_then(|l| l.strip_prefix("——")) {
        let sub = sub.trim_start_matches('—').trim_matches(is_space);
        if !sub.is_empty() {
            b.subtitle = Some(sub.to_owned());
            if sub.starts_with(|c: char| c.is_ascii_digit()) {
                subtitle_date = parse_date(sub);
            }
        }
        i += 1;
    }
    while let Some(&line) = lines.get(i) {
        if is_clutter(line) || take_metadata(line, b) {
        } else if let Some(inner) = parenthesised(line) {
            // A date line （2017年10月18日） or a note such as （根据直播整理）.
            if b.date.is_none() {
                b.date = parse_date(inner);
            }
        } else if b.author.is_none()
            && let Some(author) = parse_author_line(line)
            && lines
                .get(i + 1)
                .is_none_or(|next| parse_author_line(next).is_none())
        {
            b.author = Some(author);
        } else if b.author.is_none() && is_person_name(line) {
            b.author = Some(Author {
                organisation: None,
                position: None,
                person: line.to_owned(),
            });
        } else {
            break;
        }
        i += 1;
    }
    // A dated subtitle (——2018年3月5日在…会议上) dates the document when no
    // metadata line did.
    if b.date.is_none() {
        b.date = subtitle_date;
    }
    i
}

/// Splits a speaker off the end of a subtitle (`…会议上国务院总理 李强`): the
/// longest tail after `上` (or `时`) that reads as an author line.
fn split_speaker(rest: &str) -> (&str, Option<Author>) {
    for (k, c) in rest.char_indices() {
        if matches!(c, '上' | '时') {
            let cut = k + c.len_utf8();
            if let Some(author) = parse_author_line(rest[cut..].trim_matches(is_space)) {
                return (&rest[..cut], Some(author));
            }
        }
    }
    (rest, None)
}

fn file_stem(name: &str) -> String {
    std::path::Path::new(name)
        .file_stem()
        .map_or_else(|| name.to_owned(), |s| s.to_string_lossy().into_owned())
}

fn parenthesised(line: &str) -> Option<&str> {
    let inner = line.strip_prefix(['（', '('])?.strip_suffix(['）', ')'])?;
    (!inner.contains(['（', '(', '）', ')'])).then_some(inner)
}

/// Web-page furniture saved with the text: one-word buttons, the font-size bar,
/// photo captions, "related reports".
fn is_clutter(line: &str) -> bool {
    const WORDS: &[&str] = &[
        "下载",
        "打印",
        "全屏",
        "收藏",
        "分享",
        "关闭",
        "关闭窗口",
        "返回",
        "返回顶部",
        "加大",
        "还原",
        "减小",
        "放大",
        "缩小",
        "默认",
        "大",
        "中",
        "小",
        "】",
        "字号",
        "【打印】",
        "【关闭】",
        "【收藏】",
        "打印本页",
        "关闭本页",
        "相关报道：",
        "相关链接：",
        "相关新闻：",
        "相关阅读：",
        "扫一扫",
        "下載",
        "列印",
        "關閉",
        "分享到：",
    ];
    // A line of running text is ruled out by its length, its first and its
    // last character: longer than every word, not opening with a prefix
    // below (【分扫责責), not ending a caption (摄攝).
    const LONGEST: usize = {
        let mut longest = 0;
        let mut i = 0;
        while i < WORDS.len() {
            if WORDS[i].len() > longest {
                longest = WORDS[i].len();
            }
            i += 1;
        }
        longest
    };
    if line.len() > LONGEST
        && !line.starts_with(['【', '分', '扫', '责', '責'])
        && !line.ends_with(['摄', '攝'])
    {
        return false;
    }
    WORDS.contains(&line)
        || line.starts_with("【字号")
        || line.starts_with("【字體")
        || line.starts_with("【字体")
        || line.starts_with("分享到")
        || (line.starts_with("扫一扫") && line.chars().count() <= 20)
        || line.starts_with("责任编辑：")
        || line.starts_with("責任編輯：")
        || is_photo_caption(line)
}

/// `…。本报记者 某某 摄` under a photo.
fn is_photo_caption(line: &str) -> bool {
    line.strip_suffix('摄')
        .or_else(|| line.strip_suffix('攝'))
        .is_some_and(|rest| {
            rest.ends_with(is_space) && (rest.contains("记者") || rest.contains("記者"))
        })
}

/// `来源：…`, `时间：…`: recorded on the briefing and dropped from the text.
fn take_metadata(line: &str, b: &mut Briefing) -> bool {
    // Every key below starts with one of these: most lines are ruled out by
    // their first character.
    let first = line.trim_start_matches(is_space).chars().next();
    if !matches!(
        first,
        Some('来' | '來' | '稿' | '信' | '文' | '时' | '時' | '日' | '发' | '發' | '成')
    ) {
        return false;
    }
    // Keys are a few characters: only the start of a line can hold one.
    let Some((at, colon)) = line
        .char_indices()
        .take(12)
        .find(|&(_, c)| c == '：' || c == ':')
    else {
        return false;
    };
    let (key, value) = (&line[..at], &line[at + colon.len_utf8()..]);
    let value = value.trim_matches(is_space);
    match key.trim_matches(is_space) {
        "来源" | "來源" | "稿件来源" | "信息来源" | "文章来源" => {
            if b.source.is_none() && !value.is_empty() {
                b.source = Some(value.to_owned());
            }
            true
        }
        "时间" | "時間" | "日期" | "发布日期" | "发布时间" | "發布日期" | "發布時間"
        | "发文日期" | "成文日期" | "发表时间" => {
            let date = parse_date(value);
            // A meeting's time line without a date is part of the minutes.
            if date.is_none() {
                return false;
            }
            if b.date.is_none() {
                b.date = date;
            }
            true
        }
        _ => false,
    }
}

/// A date in a metadata value, as ISO `YYYY-MM-DD`: `2026-02-12`, `2026年2月12日`,
/// `2026/2/12`, or a Minguo date `中華民國 98 年 9 月 29 日`.
pub fn parse_date(s: &str) -> Option<String> {
    let minguo = s.contains("民國") || s.contains("民国");
    let mut groups = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .map(|g| g.parse::<u32>().ok());
    let mut year = groups.next()??;
    if minguo {
        year += 1911;
    } else if !(1900..=2199).contains(&year) {
        return None;
    }
    let month = groups.next()??;
    let day = groups.next()??;
    ((1..=12).contains(&month) && (1..=31).contains(&day))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// `-1-`, `— 3 —`, `第 3 页`, `第3页 共10页`, or a line that is only a short number.
pub(super) fn is_page_number(line: &str) -> bool {
    // The longest form, `第 123 页 共 456 页` with spacing, is a short line.
    if line.len() > 64 {
        return false;
    }
    // Page numbers and page markers hold nothing but ASCII, spaces, dashes
    // and 第页頁共: a heading or a name is ruled out by its first character.
    let page_char = |c: char| {
        c.is_ascii()
            || is_space(c)
            || matches!(c, '—' | '–' | '－' | '−' | '～' | '第' | '页' | '頁' | '共')
    };
    if !line.chars().all(page_char) {
        return false;
    }
    if is_page_marker(line) {
        return true;
    }
    let is_dash = |c: char| matches!(c, '-' | '—' | '–' | '－' | '−' | '~' | '～') || is_space(c);
    let inner = line.trim_matches(is_dash);
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    if digits(inner) && (inner.len() <= 3 || inner.len() < line.len()) {
        return true;
    }
    let compact: String = line.chars().filter(|c| !is_space(*c)).collect();
    let page = |s: &str| {
        s.strip_prefix('第')
            .and_then(|r| r.strip_suffix(['页', '頁']))
            .is_some_and(digits)
    };
    match compact.split_once('共') {
        Some((a, b)) => page(a) && b.strip_suffix(['页', '頁']).is_some_and(digits),
        None => page(&compact),
    }
}

/// A page marker that converters put between pages: `===PAGE 1===`,
/// `--- Page 2 ---`, `[PAGE 3]`, `=== 第4页 ===`.
fn is_page_marker(line: &str) -> bool {
    let inner =
        line.trim_matches(|c: char| matches!(c, '=' | '-' | '[' | ']' | '#' | '*') || is_space(c));
    if inner.len() == line.len() {
        return false;
    }
    let word = inner
        .strip_prefix("PAGE")
        .or_else(|| inner.strip_prefix("Page"))
        .or_else(|| inner.strip_prefix("page"));
    let number = |s: &str| {
        let s = s.trim_matches(is_space);
        !s.is_empty() && s.len() <= 5 && s.chars().all(|c| c.is_ascii_digit())
    };
    match word {
        Some(rest) => number(rest),
        None => inner
            .strip_prefix('第')
            .and_then(|r| r.strip_suffix(['页', '頁']))
            .is_some_and(number),
    }
}

/// A short line with no sentence punctuation: a heading, a name, a caption. Such
/// a line ends its paragraph even without a full stop.
fn is_heading_like(line: &str) -> bool {
    line.chars().count() <= 30
        && !line.chars().any(is_sentence_punct)
        && balanced(line)
        && !line.ends_with(['、', '及', '和', '与', '與', '或', '的', '并', '並'])
}

/// Are the quotes and brackets of the line closed? A line cut inside a quotation
/// is a fragment, not a heading.
fn balanced(line: &str) -> bool {
    let count = |c: char| line.chars().filter(|&x| x == c).count();
    [
        ('“', '”'),
        ('（', '）'),
        ('(', ')'),
        ('《', '》'),
        ('「', '」'),
        ('【', '】'),
    ]
    .iter()
    .all(|&(open, close)| count(open) == count(close))
}

/// A headline: short, no sentence punctuation (quotes are fine).
fn is_headline_shape(line: &str) -> bool {
    // Every line is asked: one of more than 160 bytes has more than 40
    // characters, and is ruled out without counting them.
    line.len() <= 40 * 4
        && line.chars().count() <= 40
        && !line.chars().any(|c| is_sentence_punct(c) || c == '：')
}

/// Two phrases separated by a space, as headlines are written: the shape that
/// opens a section even when its author line is missing.
fn is_two_phrase_headline(line: &str) -> bool {
    if !is_headline_shape(line) {
        return false;
    }
    let phrases: Vec<&str> = line.split(is_space).filter(|p| !p.is_empty()).collect();
    phrases.len() == 2
        && phrases
            .iter()
            .all(|p| (3..=14).contains(&p.chars().count()))
}

#[derive(Default)]
struct RawSection<'a> {
    headline: Option<&'a str>,
    author: Option<Author>,
    paragraphs: Vec<&'a str>,
    warning: Option<&'static str>,
}

impl RawSection<'_> {
    fn is_empty(&self) -> bool {
        self.headline.is_none() && self.author.is_none() && self.paragraphs.is_empty()
    }
}

fn by_departments<'a>(
    body: &[&'a str],
    authors: &mut [Option<Author>],
    _warnings: &mut [String],
) -> Vec<RawSection<'a>> {
    let mut sections: Vec<RawSection<'a>> = vec![RawSection::default()];
    let mut i = 0;
    while i < body.len() {
        let line = body[i];
        let next_is_author = authors.get(i + 1).is_some_and(Option::is_some);
        // Each author line is taken by the one section it opens.
        if let Some(author) = authors[i].take() {
            sections.push(RawSection {
                author: Some(author),
                warning: Some("has no headline"),
                ..RawSection::default()
            });
        } else if next_is_author && is_headline_shape(line) {
            sections.push(RawSection {
                headline: Some(line),
                author: authors[i + 1].take(),
                ..RawSection::default()
            });
            i += 1;
        } else if is_two_phrase_headline(line)
            && !sections
                .last()
                .is_some_and(|s| s.paragraphs.is_empty() && !s.is_empty())
        {
            sections.push(RawSection {
                headline: Some(line),
                warning: Some("has no author line"),
                ..RawSection::default()
            });
        } else if let Some(current) = sections.last_mut() {
            current.paragraphs.push(line);
        }
        i += 1;
    }
    if sections.first().is_some_and(RawSection::is_empty) {
        sections.remove(0);
    }
    sections
}

/// The style of the document's top-level headings: the highest-ranked of 第一章,
/// 壹、 and 一、 that opens a line with its first ordinal.
fn top_level_style(body: &[&str]) -> Option<Style> {
    [Style::Chapter, Style::Formal, Style::HanComma]
        .into_iter()
        .find(|&style| body.iter().any(|l| heading_marker(l, style) == Some(1)))
}

/// The ordinal of a top-level heading of `style` at the start of the line.
fn heading_marker(line: &str, style: Style) -> Option<u32> {
    let m = items::marker_at(line, true)?;
    if m.style != style {
        return None;
    }
    // 一、 also numbers ordinary paragraphs; as a heading it is a short line.
    if style == Style::HanComma && (line.contains('。') || line.chars().count() > 60) {
        return None;
    }
    Some(m.ordinal)
}

fn by_headings<'a>(body: &[&'a str], style: Style) -> Vec<RawSection<'a>> {
    let mut sections: Vec<RawSection<'a>> = vec![RawSection::default()];
    let mut expected = 1;
    for &line in body {
        if heading_marker(line, style) == Some(expected) {
            expected += 1;
            sections.push(RawSection {
                headline: Some(line),
                ..RawSection::default()
            });
        } else if let Some(current) = sections.last_mut() {
            current.paragraphs.push(line);
        }
    }
    if sections.first().is_some_and(RawSection::is_empty) {
        sections.remove(0);
    }
    sections
}

/// Joins page-break splits: a paragraph that does not end a sentence and is not a
/// heading-like line continues in the next one, with nothing in between. The
/// section's `labels` are kept after the paragraphs.
fn join_paragraphs(lines: &[&str], labels: [Option<&str>; 4]) -> Paragraphs {
    let bytes = lines
        .iter()
        .chain(labels.iter().flatten())
        .map(|l| l.len())
        .sum();
    let mut out = paragraphs::Builder::with_capacity(lines.len(), bytes);
    let mut open = false;
    for &line in lines {
        // A line that opens with an enumeration marker starts a paragraph of its own.
        let marker = items::marker_at(line, true);
        let starts_item = marker.is_some();
        let heading = marker.is_some_and(|m| m.style.is_heading()) && is_item_heading(line);
        if open && !starts_item {
            out.extend_last(line);
        } else {
            out.push(line);
        }
        let last = out.last().unwrap_or("");
        open = !ends_sentence(last) && !is_heading_like(last) && !heading;
    }
    out.finish_with_labels(labels)
}

/// A line that opens with a heading's marker (`一、`, `（一）`, `1.`) and states it as a heading, its
/// body on the next line (`（一）加快构建现代化产业体系，推动制造业高质量发展`):
/// no full stop or semicolon in it, not cut after a joining word, its
/// brackets closed. It ends its paragraph, so the item's title ends with it.
fn is_item_heading(line: &str) -> bool {
    line.chars().count() <= 60
        && !line.contains(['。', '；', '！', '？', ';', '!', '?', '：', ':'])
        && balanced(line)
        && !line.ends_with([
            '，', ',', '、', '及', '和', '与', '與', '或', '的', '并', '並',
        ])
}

fn build_section(raw: RawSection<'_>, index: usize, warnings: &mut Vec<String>) -> Section {
    let n = index + 1;
    if let Some(w) = raw.warning {
        warnings.push(format!("section {n} {w}"));
    }
    let (department, position, person) = match raw.author {
        Some(a) => (a.organisation, a.position, Some(a.person)),
        None => (None, None, None),
    };
    let labels = [
        raw.headline,
        department.as_deref(),
        position.as_deref(),
        person.as_deref(),
    ];
    let paragraphs = join_paragraphs(&raw.paragraphs, labels);
    if paragraphs.is_empty() {
        warnings.push(format!("section {n} has no text"));
    }
    for (p, para) in paragraphs.iter().enumerate() {
        let item_heading = items::marker_at(para, true).is_some_and(|m| m.style.is_heading())
            && is_item_heading(para);
        if !ends_sentence(para) && !is_heading_like(para) && !item_heading {
            warnings.push(format!(
                "section {n}, paragraph {} ends without punctuation",
                p + 1
            ));
        }
    }
    let (items, item_warnings) = items::section_items(&paragraphs, n);
    warnings.extend(item_warnings);
    Section::new(paragraphs, items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_metadata_key_passes_the_first_look() {
        for key in [
            "来源",
            "來源",
            "稿件来源",
            "信息来源",
            "文章来源",
            "时间",
            "時間",
            "日期",
            "发布日期",
            "发布时间",
            "發布日期",
            "發布時間",
            "发文日期",
            "成文日期",
            "发表时间",
        ] {
            let mut b = Briefing::empty("t", None);
            assert!(
                take_metadata(&format!(" {key}：2026年2月12日"), &mut b),
                "{key}"
            );
        }
    }

    /// [`is_headline_shape`] as first written, counting every line.
    fn is_headline_shape_counted(line: &str) -> bool {
        line.chars().count() <= 40 && !line.chars().any(|c| is_sentence_punct(c) || c == '：')
    }

    proptest::proptest! {
        #[test]
        fn headline_shape_is_bounded_as_counted(
            s in "[甲乙𠀀a 。：，\u{3000}]{0,60}|[甲a𠀀]{38,45}"
        ) {
            proptest::prop_assert_eq!(is_headline_shape(&s), is_headline_shape_counted(&s));
        }
    }

    proptest::proptest! {
        #[test]
        fn lines_are_split_as_by_the_standard_library(s in "[甲a\r\n ]{0,24}") {
            let ours: Vec<&str> = lines(&s).collect();
            let std: Vec<&str> = s.lines().collect();
            proptest::prop_assert_eq!(ours, std);
        }
    }

    fn parse_str(s: &str) -> Briefing {
        parse("test.txt", s, Some(Encoding::Utf8))
    }

    #[test]
    fn title_subtitle_and_sections_from_author_lines() {
        let b = parse_str(
            "\n\n用好经验 奋力赶超\n\n——我市学习考察大家谈(一)\n\n珍惜发展机遇 推进城市建设\n\n市城市管理局党组书记、局长 赵高堂\n\n　　导语。一是净化盐湖。二是洒扫门庭。\n\n做好项目兴水 加强人才培养\n\n市水务局局长　孙耀民\n\n一是深学精神。\n",
        );
        assert_eq!(b.title, "用好经验 奋力赶超");
        assert_eq!(b.subtitle.as_deref(), Some("我市学习考察大家谈(一)"));
        assert_eq!(b.kind, SectionKind::Departments);
        assert_eq!(b.sections.len(), 2);
        let s = &b.sections[0];
        assert_eq!(s.headline(), Some("珍惜发展机遇 推进城市建设"));
        assert_eq!(s.department(), Some("市城市管理局"));
        assert_eq!(s.position(), Some("党组书记、局长"));
        assert_eq!(s.person(), Some("赵高堂"));
        assert_eq!(s.paragraphs, vec!["导语。一是净化盐湖。二是洒扫门庭。"]);
        assert_eq!(b.sections[1].person(), Some("孙耀民"));
        assert!(b.warnings.is_empty(), "{:?}", b.warnings);
    }

    #[test]
    fn page_break_splits_are_joined() {
        let cases = [
            (
                "甲。高标准抓好汾河防洪能\n\n力提升、地下水治理。",
                "甲。高标准抓好汾河防洪能力提升、地下水治理。",
            ),
            (
                "坚持“政府+链主\n\n企业+园区”招商模式。",
                "坚持“政府+链主企业+园区”招商模式。",
            ),
            (
                "三要深化合作，实现两地互利\n\n　　共赢。加强合作。",
                "三要深化合作，实现两地互利共赢。加强合作。",
            ),
            (
                "到末，工业总产值力争\n\n- 3 -\n\n突破1000亿元。",
                "到末，工业总产值力争突破1000亿元。",
            ),
        ];
        for (input, want) in cases {
            let b = parse_str(&format!("标题\n\n{input}\n"));
            assert_eq!(b.sections[0].paragraphs, vec![want], "{input}");
        }
    }

    #[test]
    fn page_number_lines() {
        for line in [
            "-1-",
            "- 12 -",
            "— 3 —",
            "第 3 页",
            "第3页 共10页",
            "第 2 頁",
            "7",
            "===PAGE 1===",
            "=== Page 12 ===",
            "[PAGE 3]",
            "--- 第4页 ---",
        ] {
            assert!(is_page_number(line), "{line}");
        }
        for line in [
            "2026年",
            "-1-2",
            "第三页",
            "12345",
            "===PAGE===",
            "== 目标 ==",
        ] {
            assert!(!is_page_number(line), "{line}");
        }
    }

    #[test]
    fn page_markers_between_pages_are_dropped_and_the_paragraph_joined() {
        let b = parse_str(
            "标题\n\n珍惜发展机遇 推进城市建设\n\n市城市管理局局长 赵高堂\n\n===PAGE 1===\n一是净化盐湖，推进\n===PAGE 2===\n城市建设。\n",
        );
        assert_eq!(b.sections[0].paragraphs, ["一是净化盐湖，推进城市建设。"]);
    }

    #[test]
    fn a_header_glued_on_one_line_is_title_subtitle_and_speaker() {
        let b = parse_str(
            "政府工作报告——2024年3月5日在第十四届全国人民代表大会第二次会议上国务院总理 李强\n\n各位代表：\n\n一是稳增长。二是促改革。\n",
        );
        assert_eq!(b.title, "政府工作报告");
        assert_eq!(
            b.subtitle.as_deref(),
            Some("2024年3月5日在第十四届全国人民代表大会第二次会议上")
        );
        assert_eq!(b.date.as_deref(), Some("2024-03-05"));
        let author = b.author.expect("speaker");
        assert_eq!(
            (
                author.organisation.as_deref(),
                author.position.as_deref(),
                author.person.as_str()
            ),
            (Some("国务院"), Some("总理"), "李强")
        );
        // Without a speaker the rest is the subtitle.
        let b = parse_str("工作报告——在全市大会上\n\n一是稳增长。\n");
        assert_eq!(
            (b.title.as_str(), b.subtitle.as_deref()),
            ("工作报告", Some("在全市大会上"))
        );
    }

    #[test]
    fn clutter_and_metadata_before_the_title() {
        let b = parse_str(
            "下载\n打印\n收藏\n【字号：\n加大\n】\n某市政府工作报告\n——2026年2月4日在大会上\n来源：某某日报\n时间：2026-02-12\n市人民政府市长 王某某\n市长王某某作报告。本报记者 张三 摄\n各位代表：\n现在，我报告工作。\n",
        );
        assert_eq!(b.title, "某市政府工作报告");
        assert_eq!(b.subtitle.as_deref(), Some("2026年2月4日在大会上"));
        assert_eq!(b.source.as_deref(), Some("某某日报"));
        assert_eq!(b.date.as_deref(), Some("2026-02-12"));
        assert_eq!(b.author.as_ref().map(|a| a.person.as_str()), Some("王某某"));
        assert_eq!(b.kind, SectionKind::Whole);
        assert_eq!(
            b.sections[0].paragraphs,
            vec!["各位代表：", "现在，我报告工作。"]
        );
    }

    #[test]
    fn chapters_from_top_level_headings() {
        let b = parse_str(
            "工作报告\n\n各位代表：\n\n一、过去一年工作回顾\n\n去年工作很多。（一）稳增长。（二）促改革。\n\n二、今年工作安排\n\n——坚持稳中求进。\n\n——坚持改革创新。\n",
        );
        assert_eq!(b.kind, SectionKind::Chapters);
        let heads: Vec<Option<&str>> = b.sections.iter().map(|s| s.headline()).collect();
        assert_eq!(
            heads,
            vec![None, Some("一、过去一年工作回顾"), Some("二、今年工作安排")]
        );
        assert_eq!(b.sections[1].items.len(), 2);
        assert_eq!(b.sections[2].items.len(), 2);
    }

    #[test]
    fn formal_numerals_outrank_plain_ones() {
        let b = parse_str(
            "會議紀錄\n\n壹、宣讀上次紀錄，予以確定。\n\n貳、討論事項\n\n一、本案位於東側。\n\n二、計畫緣起：\n\n（一）使用分區\n",
        );
        let heads: Vec<Option<&str>> = b.sections.iter().map(|s| s.headline()).collect();
        assert_eq!(
            heads,
            vec![Some("壹、宣讀上次紀錄，予以確定。"), Some("貳、討論事項")]
        );
        let items: Vec<(&str, usize)> = b.sections[1]
            .items
            .iter()
            .map(|i| (i.title(&b.sections[1].paragraphs), i.level()))
            .collect();
        assert_eq!(
            items,
            vec![("本案位於東側", 0), ("計畫緣起", 0), ("使用分區", 1)]
        );
    }

    #[test]
    fn two_line_title_and_dates() {
        let b = parse_str(
            "决胜全面建成小康社会\n\n夺取伟大胜利\n\n——在大会上的报告\n\n（2017年10月18日）\n\n习近平\n\n同志们：\n",
        );
        assert_eq!(b.title, "决胜全面建成小康社会 夺取伟大胜利");
        assert_eq!(b.date.as_deref(), Some("2017-10-18"));
        assert_eq!(b.author.as_ref().map(|a| a.person.as_str()), Some("习近平"));
        assert_eq!(
            parse_date("中華民國 98 年 9 月 29 日（星期二）").as_deref(),
            Some("2009-09-29")
        );
        assert_eq!(parse_date("2026/2/4").as_deref(), Some("2026-02-04"));
        assert_eq!(parse_date("下午 2 時"), None);
    }

    #[test]
    fn missing_author_line_and_unfinished_paragraph_are_warned() {
        let b = parse_str(
            "标题\n\n珍惜发展机遇 推进城市建设\n\n市城市管理局局长 赵高堂\n\n一是甲。\n\n做好项目兴水 加强人才培养\n\n一是乙。二是丙\n",
        );
        assert_eq!(b.sections.len(), 2);
        assert_eq!(b.sections[1].headline(), Some("做好项目兴水 加强人才培养"));
        assert!(
            b.warnings
                .contains(&"section 2 has no author line".to_owned()),
            "{:?}",
            b.warnings
        );
        assert!(
            b.warnings
                .contains(&"section 2, paragraph 1 ends without punctuation".to_owned()),
            "{:?}",
            b.warnings
        );
    }

    #[test]
    fn a_file_without_title_line_is_named_after_the_file() {
        let long = "这是一个很长的段落，它没有标题行，直接就是正文内容，一直写到句号才结束，而且超过了三十个字。";
        let b = parse("dir/会议纪要.txt", long, Some(Encoding::Utf8));
        assert_eq!(b.title, "会议纪要");
        assert_eq!(b.sections[0].paragraphs, vec![long]);
    }
}
