//! The official-document frame (GB/T 9704-2012, DOCUMENTS.md): the lines
//! around a 公文's body that say who sent it, to whom, under which number —
//! 份号, 密级, 紧急程度, the issuer's red header, 发文字号, 签发人, 主送机关,
//! 附件说明, the signature and date, 附注, 抄送 and 印发 — and the label lines
//! of a metadata table copied from a government web page (`索 引 号：` with its
//! value on the next line). They are kept as the briefing's metadata and taken
//! out of the text, so that they never become paragraphs or items.
//!
//! Only the head and the tail of a document are looked at: the work does not
//! grow with the body.

use super::chars::{chinese_number, is_sentence_punct, is_space};
use super::text::parse_date;
use super::{Briefing, Frame};

/// What the frame said: its fields, and what the text parser takes from it.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Found {
    pub fields: Frame,
    /// 成文日期, from the date under the signature.
    pub date: Option<String>,
    /// A title the document wrote over two or three lines, joined.
    pub title: Option<String>,
    /// Label and value pairs of a web page's metadata, as copied text holds them.
    pub meta: Vec<(String, String)>,
}

impl Found {
    /// Fills what the text left empty: the body wins over the frame, and the
    /// frame over a web page's metadata table.
    pub(super) fn apply(self, b: &mut Briefing) {
        let (have, found) = (&mut b.frame, self.fields);
        fill(&mut have.doc_number, found.doc_number);
        fill(&mut have.issuer, found.issuer);
        fill(&mut have.classification, found.classification);
        for (list, found) in [
            (&mut have.recipients, found.recipients),
            (&mut have.cc, found.cc),
            (&mut have.attachments, found.attachments),
        ] {
            if list.is_empty() {
                *list = found;
            }
        }
        fill(&mut b.date, self.date);
        apply_meta(b, &self.meta);
    }
}

fn fill(slot: &mut Option<String>, value: Option<String>) {
    if slot.is_none() {
        *slot = value;
    }
}

/// Uses a web page's metadata (`发文机关`, `文号`, `成文日期`, `标题` …) for what
/// the document itself did not say.
pub(super) fn apply_meta(b: &mut Briefing, meta: &[(String, String)]) {
    // The first label that has a value, in the order given.
    let get = |labels: &[&str]| {
        labels.iter().find_map(|label| {
            meta.iter()
                .find(|(l, v)| l == label && !v.trim_matches(is_space).is_empty())
                .map(|(_, v)| v.trim_matches(is_space).to_owned())
        })
    };
    fill(
        &mut b.frame.issuer,
        get(&["发文机关", "发文单位", "发布机构", "发布单位"]),
    );
    fill(
        &mut b.frame.doc_number,
        get(&["发文字号", "文号", "文件编号"]),
    );
    // 本网 / 本站: "this site", which names no source.
    let source = get(&["信息来源", "来源", "ContentSource"])
        .filter(|s| !matches!(s.as_str(), "本网" | "本站"));
    fill(&mut b.source, source);
    if b.date.is_none() {
        b.date = get(&[
            "成文日期",
            "发文日期",
            "发布日期",
            "发布时间",
            "发表时间",
            "PubDate",
        ])
        .and_then(|d| parse_date(&d));
    }
    if let Some(title) = get(&["标题", "ArticleTitle"]) {
        let stem = std::path::Path::new(&b.path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned());
        if b.title.is_empty() || stem.as_deref() == Some(b.title.as_str()) {
            b.title = title;
        }
    }
}

/// Labels of the metadata table on government web pages.
const WEB_LABELS: &[&str] = &[
    "索引号",
    "主题分类",
    "体裁分类",
    "组配分类",
    "服务对象分类",
    "发文机关",
    "发布机构",
    "发文单位",
    "发布单位",
    "成文日期",
    "发文日期",
    "标题",
    "发文字号",
    "文号",
    "文件编号",
    "发布日期",
    "主题词",
    "有效性",
    "效力状态",
    "公开方式",
    "公开范围",
    "公文种类",
    "信息名称",
];

/// The words a 公文's title ends with: its kind.
const GENRES: &[&str] = &[
    "通知", "通报", "批复", "函", "意见", "决定", "报告", "请示", "纪要", "办法", "方案", "规定",
    "规划", "公告", "通告", "细则", "议案", "决议", "命令", "公报", "要点", "规则", "条例", "指引",
    "清单", "计划",
];

/// How many lines at the head of a document the frame may take.
const HEAD: usize = 16;
/// How many lines at the tail.
const TAIL: usize = 24;
/// How far down a copied web page's metadata table may sit.
const WEB_HEAD: usize = 120;

/// Takes the frame out of `lines` (trimmed, non-empty), returning what it said.
pub(super) fn take(lines: &mut Vec<&str>) -> Found {
    let mut frame = Found::default();
    take_web_labels(lines, &mut frame);
    take_head(lines, &mut frame);
    take_tail(lines, &mut frame);
    frame
}

/// A `label：value` line of a metadata table: the label with its spaces
/// taken out, and the value (maybe empty: it is on the next line).
fn web_label(line: &str) -> Option<(String, &str)> {
    // Most lines are ruled out by their first character, which starts no label.
    let first = line.trim_start_matches(is_space).chars().next()?;
    if !matches!(
        first,
        '索' | '主' | '体' | '组' | '服' | '发' | '成' | '标' | '文' | '有' | '效' | '公' | '信'
    ) {
        return None;
    }
    let (at, colon) = line
        .char_indices()
        .take(12)
        .find(|&(_, c)| c == '：' || c == ':')?;
    let label: String = line[..at].chars().filter(|&c| !is_space(c)).collect();
    WEB_LABELS
        .contains(&label.as_str())
        .then(|| (label, line[at + colon.len_utf8()..].trim_matches(is_space)))
}

/// Several `label：value` pairs copied from one table row, split apart.
fn split_pairs(label: String, value: &str, out: &mut Vec<(String, String)>) {
    let mut label = label;
    let mut rest = value;
    loop {
        // The next label starts after a run of spaces.
        let next = rest
            .match_indices(['\t', '\u{3000}', ' '])
            .map(|(i, s)| i + s.len())
            .find_map(|i| web_label(rest[i..].trim_start_matches(is_space)).map(|p| (i, p)));
        let Some((i, (next_label, next_value))) = next else {
            out.push((label, rest.trim_matches(is_space).to_owned()));
            return;
        };
        out.push((label, rest[..i].trim_matches(is_space).to_owned()));
        label = next_label;
        rest = next_value;
    }
}

fn take_web_labels(lines: &mut Vec<&str>, frame: &mut Found) {
    let head = lines.len().min(WEB_HEAD);
    let mut taken = vec![false; head];
    let mut meta = Vec::new();
    let mut i = 0;
    while i < head {
        if let Some((label, value)) = web_label(lines[i]) {
            taken[i] = true;
            if value.is_empty() && i + 1 < head && web_label(lines[i + 1]).is_none() {
                // The value is on the next line, as copied from a table.
                meta.push((label, lines[i + 1].to_owned()));
                taken[i + 1] = true;
                i += 1;
            } else {
                split_pairs(label, value, &mut meta);
            }
        }
        i += 1;
    }
    let distinct = {
        let mut labels: Vec<&str> = meta.iter().map(|(l, _)| l.as_str()).collect();
        labels.sort_unstable();
        labels.dedup();
        labels.len()
    };
    // One label alone (a body's `标题：`) is no table.
    if distinct < 2 {
        return;
    }
    let mut index = 0;
    lines.retain(|_| {
        let keep = index >= head || !taken[index];
        index += 1;
        keep
    });
    frame.meta = meta;
}

/// `国办函〔2004〕71号`, `路卫发〔2011〕76号`, `XX[2018]5号`, `XX（2018）5号`.
pub(super) fn is_doc_number(s: &str) -> bool {
    // At most 16 characters, a year, a number and brackets: never long.
    if s.len() > 120 {
        return false;
    }
    let Some(open) = s.find(['〔', '[', '［', '（', '(', '【']) else {
        return false;
    };
    let (prefix, rest) = s.split_at(open);
    let prefix_ok = (1..=16).contains(&prefix.chars().count())
        && prefix.chars().all(|c| is_han(c) || c.is_ascii_alphabetic());
    let mut chars = rest.chars();
    chars.next();
    let rest = chars.as_str();
    let year: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let Some(after_year) = rest[year.len()..].strip_prefix(['〕', ']', '］', '）', ')', '】'])
    else {
        return false;
    };
    let number = after_year.strip_suffix('号').unwrap_or("");
    prefix_ok
        && year.len() == 4
        && !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit() || c == '-')
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// A line holding a document number, perhaps with `签发人：…` beside it.
fn doc_number_in(line: &str) -> Option<&str> {
    // A number of at most 120 bytes, then nothing or 签发人 and a name: a long
    // line is running text, and splitting it would read it whole.
    if line.len() > 240 {
        return None;
    }
    let number = line
        .split(is_space)
        .find(|w| !w.is_empty())?
        .trim_matches(is_space);
    if !is_doc_number(number) {
        return None;
    }
    // `number` is a piece of `line`: what follows it starts where it ends.
    let end = number.as_ptr() as usize - line.as_ptr() as usize + number.len();
    let rest = line[end..].trim_matches(is_space);
    (rest.is_empty() || rest.starts_with("签发人")).then_some(number)
}

/// `机密★1年`, `秘密`, `特急`, `加急`: a classification or urgency mark.
fn is_classification(line: &str) -> bool {
    // A few short marks: never a long line.
    if line.len() > 80 {
        return false;
    }
    line.split(is_space).filter(|w| !w.is_empty()).all(|w| {
        ["绝密", "机密", "秘密"].iter().any(|m| {
            w.strip_prefix(m)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('★'))
        }) || matches!(w, "特急" | "加急" | "特提" | "平急")
    })
}

/// `000123`: the copy number.
fn is_copy_number(line: &str) -> bool {
    let digits = line.strip_prefix("份号").map_or(line, |r| {
        r.trim_start_matches(['：', ':']).trim_matches(is_space)
    });
    (6..=7).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit())
}

/// A short line with no punctuation that names an organisation.
fn is_organisation(line: &str) -> bool {
    const ENDS: &[&str] = &[
        "局",
        "委",
        "办",
        "办公室",
        "办公厅",
        "政府",
        "厅",
        "部",
        "委员会",
        "院",
        "会",
        "中心",
        "公司",
        "组",
        "处",
        "所",
        "站",
        "队",
        "署",
        "党委",
        "党组",
        "支部",
        "协会",
        "联合会",
    ];
    let n = line.chars().count();
    (2..=30).contains(&n)
        && !line
            .chars()
            .any(|c| is_sentence_punct(c) || c == '：' || c == ':')
        && ENDS.iter().any(|e| line.ends_with(e))
}

/// `XX市人民政府文件`: the red header, which names the issuer.
fn header_issuer(line: &str) -> Option<&str> {
    let issuer = line.strip_suffix("文件")?.trim_matches(is_space);
    (line.chars().count() <= 30
        && !issuer.is_empty()
        && !line.chars().any(|c| is_sentence_punct(c) || c == '：'))
    .then_some(issuer)
}

/// Does the text read as a 公文's title (`关于……的通知`)?
fn is_formal_title(s: &str) -> bool {
    s.chars().count() <= 120
        && !s.chars().any(is_sentence_punct)
        && GENRES.iter().any(|g| s.ends_with(g))
        && (s.contains("关于") || s.contains("关於"))
}

/// A title put above the frame (a web page's `<title>`) and written again
/// under it, on one line or over several: said once, where the document has it.
fn drop_title_above_frame(lines: &mut Vec<&str>) {
    let head = lines.len().min(HEAD);
    if head < 2 {
        return;
    }
    // The frame is looked for first: most texts have none, and then the
    // title need not be compared.
    let framed = lines[1..head]
        .iter()
        .any(|l| is_classification(l) || header_issuer(l).is_some() || doc_number_in(l).is_some());
    if !framed {
        return;
    }
    let squeeze = |s: &str| -> String { s.chars().filter(|&c| !is_space(c)).collect() };
    let first = squeeze(lines[0]);
    let repeated = (1..head).any(|k| {
        let mut joined = String::new();
        lines[k..head.min(k + 3)].iter().any(|l| {
            if joined.len() >= first.len() {
                return false;
            }
            joined.push_str(&squeeze(l));
            joined == first
        })
    });
    if repeated {
        lines.remove(0);
    }
}

fn take_head(lines: &mut Vec<&str>, frame: &mut Found) {
    drop_title_above_frame(lines);
    let mut marks = Vec::new();
    let mut i = 0;
    // The lines above the title: 份号, 密级, 紧急程度, the red header, the number.
    while i < lines.len().min(HEAD) {
        let line = lines[i];
        if is_copy_number(line) {
            // The copy number says nothing about the document.
        } else if is_classification(line) {
            marks.push(
                line.split(is_space)
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        } else if let Some(issuer) = header_issuer(line) {
            frame.fields.issuer.get_or_insert_with(|| issuer.to_owned());
        } else if let Some(number) = doc_number_in(line) {
            frame
                .fields
                .doc_number
                .get_or_insert_with(|| number.to_owned());
        } else if line.starts_with("签发人") {
            // Who signed it off is not kept.
        } else if frame.fields.issuer.is_none()
            && is_organisation(line)
            && lines
                .get(i + 1)
                .is_some_and(|next| doc_number_in(next).is_some())
        {
            // An issuer's header without the word 文件 (`XX局办公室`).
            frame.fields.issuer = Some(line.to_owned());
        } else {
            break;
        }
        i += 1;
    }
    lines.drain(..i);
    if !marks.is_empty() {
        frame.fields.classification = Some(marks.join(" "));
    }
    // A title written over two or three lines.
    let joined = (2..=3).find_map(|n| {
        let parts = lines.get(..n)?;
        let whole: String = parts.concat();
        let short = parts.iter().all(|l| l.chars().count() <= 40);
        (short && is_formal_title(&whole) && !is_formal_title(parts[0])).then_some((n, whole))
    });
    let formal = if let Some((n, whole)) = joined {
        lines.drain(1..n);
        frame.title = Some(whole);
        true
    } else {
        lines.first().is_some_and(|l| is_formal_title(l))
    };
    // The number under the title (minutes, web copies), and the recipients.
    let mut j = 1;
    while j < lines.len().min(4) {
        let line = lines[j];
        if let Some(number) = doc_number_in(line) {
            frame
                .fields
                .doc_number
                .get_or_insert_with(|| number.to_owned());
            lines.remove(j);
            continue;
        }
        if (formal || frame.fields.doc_number.is_some() || frame.fields.issuer.is_some())
            && let Some(recipients) = recipients(line)
        {
            frame.fields.recipients = recipients;
            lines.remove(j);
            break;
        }
        j += 1;
    }
}

/// `各区人民政府，市政府各部门，各直属机构：`: the bodies a document is sent to.
fn recipients(line: &str) -> Option<Vec<String>> {
    let list = line.strip_suffix(['：', ':'])?;
    let addressed_to_people = ["各位", "同志", "代表", "委员们", "朋友"]
        .iter()
        .any(|w| list.contains(w));
    if addressed_to_people
        || list.chars().count() > 300
        || list.contains(['。', '；', '：'])
        || list.is_empty()
    {
        return None;
    }
    Some(split_list(list))
}

fn split_list(list: &str) -> Vec<String> {
    list.split(['，', '、', ',', '；', ';'])
        .map(|s| s.trim_matches(is_space).trim_end_matches(['。', '.']))
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `2011年3月10日`, `二〇一一年三月十日`: a line that is only a date.
fn date_line(line: &str) -> Option<String> {
    let compact: String = line.chars().filter(|&c| !is_space(c)).collect();
    if compact.chars().count() > 16 || !compact.ends_with('日') || !compact.contains('年') {
        return None;
    }
    let digits = compact
        .chars()
        .all(|c| c.is_ascii_digit() || "年月日".contains(c));
    if digits {
        return parse_date(&compact);
    }
    // Chinese numerals: 二〇一一年三月十日.
    let (year, rest) = compact.split_once('年')?;
    let (month, day) = rest.split_once('月')?;
    let day = day.strip_suffix('日')?;
    let year: String = year
        .chars()
        .map(|c| {
            let d = "〇一二三四五六七八九"
                .chars()
                .position(|x| x == c || (c == '零' && x == '〇'))?;
            char::from_digit(u32::try_from(d).ok()?, 10)
        })
        .collect::<Option<String>>()?;
    let (month, day) = (chinese_number(month)?, chinese_number(day)?);
    parse_date(&format!("{year}年{month}月{day}日"))
}

/// `（此件公开发布）`, `公开方式：主动公开`, `（联系人：…）`: notes that are dropped.
fn is_note(line: &str) -> bool {
    let inner = line
        .strip_prefix(['（', '('])
        .and_then(|l| l.strip_suffix(['）', ')']))
        .unwrap_or("");
    inner.starts_with("此件")
        || inner.starts_with("联系人")
        || inner.starts_with("联系电话")
        || line.starts_with("公开方式")
        || line.starts_with("公开属性")
}

/// `XX办公室 2021年4月16日印发`.
fn is_printed_line(line: &str) -> bool {
    line.strip_suffix("印发").is_some_and(|rest| {
        rest.contains('年') && parse_date(rest).is_some() || rest.ends_with('日')
    })
}

/// `1. 某某实施方案` under `附件：`.
fn numbered(line: &str) -> Option<&str> {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return None;
    }
    let rest = line[digits..].strip_prefix(['.', '．', '、'])?;
    let rest = rest.trim_matches(is_space);
    (!rest.is_empty() && rest.chars().count() <= 80 && !rest.contains('。')).then_some(rest)
}

fn take_tail(lines: &mut Vec<&str>, frame: &mut Found) {
    let floor = lines.len().saturating_sub(TAIL).max(1);
    let mut end = lines.len();
    let mut cc = Vec::new();
    while end > floor {
        let line = lines[end - 1];
        if is_printed_line(line) || is_note(line) {
            end -= 1;
        } else if let Some(list) = line
            .strip_prefix("抄送")
            .map(|r| r.trim_start_matches(is_space))
            .and_then(|r| r.strip_prefix(['：', ':']))
        {
            cc.splice(0..0, split_list(list));
            end -= 1;
        } else if let Some(date) = date_line(line) {
            frame.date.get_or_insert(date);
            end -= 1;
            // The signature above the date (one line an issuer).
            let mut signers = Vec::new();
            while end > floor && is_organisation(lines[end - 1]) {
                signers.insert(0, lines[end - 1]);
                end -= 1;
            }
            if let Some(first) = signers.first() {
                frame
                    .fields
                    .issuer
                    .get_or_insert_with(|| (*first).to_owned());
            }
        } else if numbered(line).is_some() || line.starts_with("附件") {
            // 附件说明: `附件：1. …` and the numbered lines under it.
            let Some(start) = (floor.saturating_sub(1)..end)
                .rev()
                .find(|&k| lines[k].starts_with("附件：") || lines[k].starts_with("附件:"))
            else {
                break;
            };
            let names: Option<Vec<&str>> = std::iter::once(attachment_head(lines[start]))
                .chain(lines[start + 1..end].iter().map(|l| numbered(l)))
                .collect();
            let Some(names) = names else { break };
            frame.fields.attachments = names
                .into_iter()
                .filter(|n| !n.is_empty())
                .map(str::to_owned)
                .collect();
            end = start;
        } else {
            break;
        }
    }
    lines.truncate(end);
    frame.fields.cc = cc;
}

/// The first attachment on the `附件：` line, without its number.
fn attachment_head(line: &str) -> Option<&str> {
    let rest = line[line.find(['：', ':'])?..]
        .trim_start_matches(['：', ':'])
        .trim_matches(is_space);
    Some(numbered(rest).unwrap_or(rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_web_label_passes_the_first_look() {
        for label in WEB_LABELS {
            assert!(web_label(&format!(" {label}：值")).is_some(), "{label}");
        }
    }

    fn run(text: &str) -> (Found, Vec<String>) {
        let mut lines: Vec<&str> = text
            .lines()
            .map(|l| l.trim_matches(is_space))
            .filter(|l| !l.is_empty())
            .collect();
        let frame = take(&mut lines);
        (frame, lines.into_iter().map(str::to_owned).collect())
    }

    const NOTICE: &str = "000123
机密★1年
特急
临河市人民政府办公室文件
临政办发〔2026〕17号
关于做好今冬明春安全生产
工作的通知
各县（区）人民政府，市政府各部门、各直属机构：
　　为切实做好今冬明春安全生产工作，现就有关事项通知如下。
　　一、压实安全责任。各地要严格落实属地责任。
　　二、强化隐患排查。各部门要开展拉网式排查。
附件：1. 安全生产检查重点事项清单
　　　2. 值班值守安排表
临河市人民政府办公室
2026年11月20日
（此件公开发布）
抄送：市委办公室，市人大常委会办公室，市政协办公室。
临河市人民政府办公室　　　　　　2026年11月21日印发
";

    #[test]
    fn a_notice_gives_its_frame_and_keeps_its_body() {
        let (frame, lines) = run(NOTICE);
        assert_eq!(
            frame.fields.doc_number.as_deref(),
            Some("临政办发〔2026〕17号")
        );
        assert_eq!(frame.fields.issuer.as_deref(), Some("临河市人民政府办公室"));
        assert_eq!(
            frame.fields.classification.as_deref(),
            Some("机密★1年 特急")
        );
        assert_eq!(
            frame.title.as_deref(),
            Some("关于做好今冬明春安全生产工作的通知")
        );
        assert_eq!(
            frame.fields.recipients,
            ["各县（区）人民政府", "市政府各部门", "各直属机构"]
        );
        assert_eq!(
            frame.fields.attachments,
            ["安全生产检查重点事项清单", "值班值守安排表"]
        );
        assert_eq!(frame.date.as_deref(), Some("2026-11-20"));
        assert_eq!(
            frame.fields.cc,
            ["市委办公室", "市人大常委会办公室", "市政协办公室"]
        );
        // The title stays as the first line; only the body follows it.
        assert_eq!(lines.len(), 4, "{lines:?}");
        assert!(lines[1].starts_with("为切实"), "{lines:?}");
        assert!(lines[3].starts_with("二、"), "{lines:?}");
    }

    #[test]
    fn copied_web_labels_with_values_on_the_next_line_are_metadata() {
        let page = "索 引 号：\n11440100/2026-01234\n主题分类：\n安全生产\n发文机关：\n临河市应急管理局\n成文日期：\n2026年03月02日\n标　　题：\n临河市应急管理局关于开展春季安全检查的通知\n发文字号：\n临应急〔2026〕8号\n发布日期：\n2026年03月05日\n临河市应急管理局关于开展春季安全检查的通知\n各乡镇：\n　　现将有关事项通知如下。\n";
        let (frame, lines) = run(page);
        assert_eq!(lines[0], "临河市应急管理局关于开展春季安全检查的通知");
        assert_eq!(frame.fields.recipients, ["各乡镇"]);
        let get = |l: &str| {
            frame
                .meta
                .iter()
                .find(|(k, _)| k == l)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(get("索引号"), Some("11440100/2026-01234"));
        assert_eq!(get("发文字号"), Some("临应急〔2026〕8号"));
        assert_eq!(
            get("标题"),
            Some("临河市应急管理局关于开展春季安全检查的通知")
        );
        assert_eq!(lines.len(), 2, "{lines:?}");
    }

    #[test]
    fn labels_side_by_side_on_one_line_are_split() {
        let (frame, _) = run(
            "索 引 号：A-1\t主题分类：综合政务\n发文机关：某局　　成文日期：2026-01-02\n正文。\n",
        );
        assert_eq!(
            frame.meta,
            [
                ("索引号".to_owned(), "A-1".to_owned()),
                ("主题分类".to_owned(), "综合政务".to_owned()),
                ("发文机关".to_owned(), "某局".to_owned()),
                ("成文日期".to_owned(), "2026-01-02".to_owned()),
            ]
        );
    }

    #[test]
    fn a_speech_is_not_a_frame() {
        let speech = "政府工作报告\n各位代表：\n　　现在，我代表市人民政府向大会报告工作。\n　　一是稳增长。\n";
        let (frame, lines) = run(speech);
        assert_eq!(frame, Found::default());
        assert_eq!(lines.len(), 4);
    }

    #[test]
    fn document_numbers() {
        for n in [
            "国办函〔2004〕71号",
            "路卫发〔2011〕76号",
            "京政发[2018]5号",
            "粤府（2018）12号",
            "穗民规字〔2024〕3号",
        ] {
            assert!(is_doc_number(n), "{n}");
        }
        for n in [
            "〔2004〕71号",
            "关于2004年的报告",
            "国办函〔04〕71号",
            "国办函〔2004〕号",
        ] {
            assert!(!is_doc_number(n), "{n}");
        }
    }

    #[test]
    fn dates_in_chinese_numerals() {
        assert_eq!(
            date_line("二〇一一年三月十日").as_deref(),
            Some("2011-03-10")
        );
        assert_eq!(date_line("2026年11月20日").as_deref(), Some("2026-11-20"));
        assert_eq!(date_line("会议于2026年11月20日召开"), None);
    }
}
