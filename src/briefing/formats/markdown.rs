//! Reading Markdown: web pages saved as Markdown (a reader service's
//! `Title:` / `URL Source:` header, front matter) and plain Markdown. Line by
//! line, so that each line of the page stays a line of the text: heading
//! marks, emphasis, code marks, links (their text kept), images, quote marks
//! and bullets are taken out; ordered-list numbers stay (they are item
//! markers); tables become metadata, task items or a line a row; the site's
//! furniture goes as for a saved .html page (`web`).

use super::Extracted;
use super::web::{self, Line};
use crate::briefing::chars::is_space;

/// The text of a Markdown page, its markup taken out.
pub fn read(text: &str) -> Extracted {
    let mut ex = Extracted::default();
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    let mut i = 0;
    let mut title = front_matter(&lines, &mut i, &mut ex);
    let mut out: Vec<Line> = Vec::new();
    let mut first_heading: Option<String> = None;
    let mut fence: Option<&str> = None;
    while i < lines.len() {
        let raw = lines[i];
        i += 1;
        let trimmed = raw.trim_start_matches(' ');
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            } else {
                out.push(Line::plain(raw));
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            continue;
        }
        // A table: this line and the following ones that hold cells.
        if is_table_row(trimmed) && lines.get(i).is_some_and(|l| is_separator(l)) {
            let mut grid = vec![cells(trimmed)];
            i += 1;
            while i < lines.len() && is_table_row(lines[i].trim()) {
                grid.push(cells(lines[i].trim()));
                i += 1;
            }
            out.extend(web::table_lines(&grid, &mut ex));
            continue;
        }
        if is_rule(trimmed) || is_reference_definition(trimmed) {
            continue;
        }
        // A setext underline makes the line above a heading: drop it.
        if !out.is_empty() && is_setext(trimmed) && !lines[i - 2].trim().is_empty() {
            continue;
        }
        let (block, heading) = strip_block(trimmed);
        let line = inline(block);
        if heading && first_heading.is_none() {
            let text = line.text.trim_matches(is_space);
            if !text.is_empty() && !web::is_furniture(text) && line.link_chars == 0 {
                first_heading = Some(text.to_owned());
            }
        }
        out.push(line);
    }
    if title.is_none() {
        title = first_heading;
    }
    web::finish(title.as_deref(), out, &mut ex);
    ex
}

/// A YAML front matter block (`---` … `---`) or a reader service's header
/// (`Title:`, `URL Source:`, `Published Time:`, `Markdown Content:`): the
/// title, and the rest as metadata. Moves `i` past it.
fn front_matter(lines: &[&str], i: &mut usize, ex: &mut Extracted) -> Option<String> {
    let mut title = None;
    let start = lines.iter().position(|l| !l.trim().is_empty())?;
    if lines[start].trim() == "---" {
        let end = lines[start + 1..].iter().position(|l| {
            let l = l.trim();
            l == "---" || l == "..."
        })?;
        for line in &lines[start + 1..start + 1 + end] {
            if let Some((k, v)) = line.split_once(':') {
                let v = v.trim().trim_matches(['"', '\'']);
                match k.trim() {
                    "title" => title = Some(v.to_owned()),
                    key => web::push_meta(ex, key.to_owned(), v),
                }
            }
        }
        *i = start + end + 2;
        return title;
    }
    let mut at = start;
    while at < lines.len() {
        let line = lines[at].trim();
        if line.is_empty() {
            at += 1;
            continue;
        }
        if line == "Markdown Content:" {
            *i = at + 1;
            return title;
        }
        let Some((k, v)) = line.split_once(": ") else {
            break;
        };
        match k {
            "Title" => title = Some(v.trim().to_owned()),
            "URL Source" | "Published Time" | "Description" => {
                web::push_meta(ex, k.to_owned(), v.trim());
            }
            _ => break,
        }
        at += 1;
    }
    if title.is_some() {
        *i = at;
    }
    title
}

fn is_rule(line: &str) -> bool {
    let squeezed: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    squeezed.len() >= 3
        && ["-", "*", "_", "="]
            .iter()
            .any(|m| squeezed.chars().all(|c| c.to_string() == *m))
}

fn is_setext(line: &str) -> bool {
    let l = line.trim();
    !l.is_empty() && (l.chars().all(|c| c == '=') || l.chars().all(|c| c == '-'))
}

/// `[ref]: http://…`
fn is_reference_definition(line: &str) -> bool {
    line.starts_with('[') && line.contains("]: ") && !line.starts_with("[!")
}

fn is_table_row(line: &str) -> bool {
    line.starts_with('|') || line.matches('|').count() >= 2 && !line.starts_with('>')
}

fn is_separator(line: &str) -> bool {
    let l = line.trim();
    l.contains('-')
        && l.contains('|')
        && l.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// A table row's cells, their inline markup taken out.
fn cells(line: &str) -> Vec<String> {
    let line = line.strip_prefix('|').unwrap_or(line);
    let line = line.strip_suffix('|').unwrap_or(line);
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '|' => out.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    out.push(cell);
    out.into_iter()
        .map(|c| {
            let c = c.replace("<br>", " ").replace("<br/>", " ");
            inline(c.trim()).text.trim().to_owned()
        })
        .collect()
}

/// The line without its block markup: quote marks, heading marks, bullets
/// (an ordered list's number is kept). Says whether it was a heading.
fn strip_block(line: &str) -> (&str, bool) {
    let mut line = line.trim_start_matches(' ');
    while let Some(rest) = line.strip_prefix('>') {
        line = rest.trim_start_matches(' ');
    }
    let hashes = line.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) {
        let rest = &line[hashes..];
        if rest.is_empty() || rest.starts_with([' ', '\t']) {
            let text = rest.trim().trim_end_matches('#').trim_end();
            return (text, true);
        }
    }
    for bullet in ["- ", "* ", "+ ", "-\t", "*\t", "+\t"] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return (rest.trim_start(), false);
        }
    }
    (line, false)
}

/// The line's text without inline markup: images dropped, links to their
/// text (counted as link text), emphasis and code marks taken out,
/// backslash escapes and a few entities resolved, HTML tags dropped.
fn inline(s: &str) -> Line {
    let mut out = String::new();
    let mut link_chars = 0;
    let mut link_depth = 0usize;
    // Open `[`s: whether each began an image.
    let mut brackets: Vec<(bool, usize)> = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        match c {
            '\\' if chars.get(k + 1).is_some_and(char::is_ascii_punctuation) => {
                push(&mut out, chars[k + 1], link_depth, &mut link_chars);
                k += 2;
                continue;
            }
            '!' if chars.get(k + 1) == Some(&'[') => {
                brackets.push((true, out.len()));
                link_depth += 1;
                k += 2;
                continue;
            }
            '[' => {
                brackets.push((false, out.len()));
                link_depth += 1;
            }
            ']' if !brackets.is_empty() => {
                let Some((image, start)) = brackets.pop() else {
                    break;
                };
                link_depth = link_depth.saturating_sub(1);
                // The destination: `(…)` (nested parentheses allowed) or `[ref]`.
                let mut j = k + 1;
                if chars.get(j) == Some(&'(') {
                    let mut depth = 0;
                    while j < chars.len() {
                        match chars[j] {
                            '(' => depth += 1,
                            ')' => {
                                depth -= 1;
                                if depth == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                        j += 1;
                    }
                    k = j + 1;
                } else if chars.get(j) == Some(&'[') {
                    while j < chars.len() && chars[j] != ']' {
                        j += 1;
                    }
                    k = j + 1;
                } else {
                    // Not a link after all: the brackets were text.
                    out.insert(start, '[');
                    push(&mut out, ']', link_depth, &mut link_chars);
                    k += 1;
                    continue;
                }
                if image {
                    let dropped: usize = out[start..].chars().filter(|&c| !is_space(c)).count();
                    link_chars = link_chars.saturating_sub(dropped);
                    out.truncate(start);
                }
                continue;
            }
            '`' => {
                k += 1;
                continue;
            }
            '*' | '_' => {
                // Emphasis marks: a run next to text. An `_` inside a word
                // (snake_case) and a lone `*` between spaces are text.
                let run_end = chars[k..].iter().take_while(|&&x| x == c).count() + k;
                let before = k.checked_sub(1).map(|b| chars[b]);
                let after = chars.get(run_end).copied();
                let intraword = c == '_'
                    && before.is_some_and(char::is_alphanumeric)
                    && after.is_some_and(char::is_alphanumeric);
                let spaced =
                    before.is_none_or(char::is_whitespace) && after.is_none_or(char::is_whitespace);
                if intraword || spaced {
                    for _ in k..run_end {
                        push(&mut out, c, link_depth, &mut link_chars);
                    }
                }
                k = run_end;
                continue;
            }
            '<' => {
                // An HTML tag or an autolink `<http://…>`.
                if let Some(len) = chars[k..].iter().position(|&x| x == '>') {
                    let inner: String = chars[k + 1..k + len].iter().collect();
                    let tagish = inner
                        .trim_start_matches('/')
                        .starts_with(|x: char| x.is_ascii_alphabetic());
                    if tagish && !inner.contains(char::is_whitespace) && inner.contains(':') {
                        for x in inner.chars() {
                            push(&mut out, x, link_depth + 1, &mut link_chars);
                        }
                        k += len + 1;
                        continue;
                    }
                    if tagish {
                        k += len + 1;
                        continue;
                    }
                }
            }
            '&' => {
                if let Some((text, len)) = entity(&chars[k..]) {
                    push(&mut out, text, link_depth, &mut link_chars);
                    k += len;
                    continue;
                }
            }
            _ => {}
        }
        if c != '[' {
            push(&mut out, c, link_depth, &mut link_chars);
        }
        k += 1;
    }
    // Unclosed `[`: they were text.
    for (image, start) in brackets.into_iter().rev() {
        out.insert_str(start, if image { "![" } else { "[" });
    }
    Line {
        text: out,
        link_chars,
        keep: false,
    }
}

fn push(out: &mut String, c: char, link_depth: usize, link_chars: &mut usize) {
    out.push(c);
    if link_depth > 0 && !is_space(c) {
        *link_chars += 1;
    }
}

/// A character reference at the start: `&nbsp;`, `&amp;`, `&#12288;`,
/// `&#x3000;` …, and its length in chars.
fn entity(chars: &[char]) -> Option<(char, usize)> {
    let end = chars.iter().take(12).position(|&c| c == ';')?;
    let name: String = chars[1..end].iter().collect();
    let c = match name.as_str() {
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "hellip" => '…',
        "middot" => '·',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markup_comes_out() {
        assert_eq!(
            inline("发表时间：**2025-03-28**信息来源：*区卫生健康局*").text,
            "发表时间：2025-03-28信息来源：区卫生健康局"
        );
        let l = inline("[**首页**_Home_](http://x/) 与 `代码` ![图](a.png)文字");
        assert_eq!(l.text, "首页Home 与 代码 文字");
        assert_eq!(l.link_chars, 6);
        assert_eq!(inline("a_b_c 2 * 3 \\*x\\*").text, "a_b_c 2 * 3 *x*");
        assert_eq!(inline("[未闭合 &nbsp;&#12288;x").text, "[未闭合  \u{3000}x");
        assert_eq!(inline("<span>文字</span><br>").text, "文字");
    }

    #[test]
    fn blocks_lose_their_marks_but_ordered_numbers_stay() {
        let ex = read(
            "# 某某会议纪要\n\n> 一是加强领导。\n\n- 二是压实责任。\n\n1. 建成平台。\n\n***\n",
        );
        assert_eq!(
            ex.text,
            "某某会议纪要\n一是加强领导。\n二是压实责任。\n1. 建成平台。\n"
        );
    }

    #[test]
    fn front_matter_gives_title_and_meta() {
        let ex = read("---\ntitle: \"某某简报\"\ndate: 2026-02-12\n---\n\n正文第一段。\n");
        assert_eq!(ex.text, "某某简报\n正文第一段。\n");
        assert_eq!(ex.meta, vec![("date".to_owned(), "2026-02-12".to_owned())]);
        let ex = read(
            "Title: 某某简报\n\nURL Source: http://x\n\nMarkdown Content:\n# 某某简报\n\n正文。\n",
        );
        assert_eq!(ex.text, "某某简报\n正文。\n");
        assert_eq!(ex.meta[0].0, "URL Source");
    }

    #[test]
    fn tables_become_meta_tasks_or_rows() {
        let ex = read(
            "某某方案\n\n| 索引号 | 001/2026 | 文号 | 某发〔2026〕1号 |\n|---|---|---|---|\n| 发布机构 | 某某局 | 成文日期 | 2026-01-05 |\n\n| 序号 | 工作任务 | 牵头单位 |\n| :-: | --- | --- |\n| 1 | 建成平台 | 市大数据局 |\n\n| 指标 | 数值 |\n|---|---|\n| 户数 | 120 |\n",
        );
        assert_eq!(
            ex.text,
            "某某方案\n1. 建成平台。\n指标\u{3000}数值\n户数\u{3000}120\n"
        );
        assert!(
            ex.meta
                .contains(&("文号".to_owned(), "某发〔2026〕1号".to_owned()))
        );
        assert_eq!(ex.tasks.len(), 1);
        assert_eq!(ex.tasks[0].cells[2].1, "市大数据局");
    }
}
