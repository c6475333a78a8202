//! What a saved web page looks like whatever it was saved as (.html or
//! Markdown): the metadata labels of a government page, its furniture
//! (navigation, buttons, share bars, footers), task tables, and how the lines
//! the readers found become [`Extracted::text`].

use super::{Extracted, TaskRow};
use crate::briefing::chars::{ends_sentence, is_space};

/// Labels of a government page's metadata table (DOCUMENTS.md), as written
/// once spaces and the closing colon are taken out.
const META_LABELS: &[&str] = &[
    "索引号",
    "主题分类",
    "分类",
    "组配分类",
    "体裁分类",
    "服务对象",
    "发文机关",
    "发布机构",
    "发布机关",
    "发文单位",
    "成文日期",
    "发文日期",
    "标题",
    "名称",
    "发文字号",
    "文号",
    "发布日期",
    "发布时间",
    "主题词",
    "关键词",
    "有效性",
    "时效性",
    "文件状态",
    "生效日期",
    "失效日期",
    "废止日期",
    "公开方式",
    "公开范围",
    "统一编号",
    "信息来源",
    "来源",
    "发表时间",
    "作者",
];

/// Labels whose lines the plain-text parser reads itself (`来源：…`,
/// `发布日期：…`): such pairs stay in the text.
const TEXT_LABELS: &[&str] = &[
    "来源",
    "信息来源",
    "文章来源",
    "稿件来源",
    "时间",
    "日期",
    "发布日期",
    "发布时间",
];

/// Counters and buttons that come as `label：value` on a page's info line.
const COUNTER_LABELS: &[&str] = &[
    "浏览次数",
    "浏览量",
    "访问量",
    "阅读量",
    "点击数",
    "点击量",
    "字号",
    "字体",
    "分享到",
];

/// A metadata label: the text with spaces and a closing colon taken out,
/// when it is one of [`META_LABELS`].
pub fn meta_label(cell: &str) -> Option<String> {
    let key: String = cell
        .chars()
        .filter(|&c| !is_space(c))
        .collect::<String>()
        .trim_end_matches(['：', ':'])
        .to_owned();
    META_LABELS.contains(&key.as_str()).then_some(key)
}

/// `label：value` pairs that make up a whole line (`发布日期：2024-10-15
/// 浏览次数：-`, `发表时间：…信息来源：…`), each label a known one; `None`
/// when the line is anything else.
pub fn label_pairs(line: &str) -> Option<Vec<(String, String)>> {
    let known = |k: &str| META_LABELS.contains(&k) || COUNTER_LABELS.contains(&k);
    // Every place where a known label followed by a colon starts.
    let mut starts: Vec<(usize, usize, String)> = Vec::new();
    for (at, _) in line.char_indices() {
        if starts.last().is_some_and(|&(_, end, _)| at < end) {
            continue;
        }
        let rest = &line[at..];
        let Some((colon, c)) = rest
            .char_indices()
            .take(8)
            .find(|&(_, c)| c == '：' || c == ':')
        else {
            continue;
        };
        let key: String = rest[..colon].chars().filter(|&c| !is_space(c)).collect();
        if known(&key) {
            starts.push((at, at + colon + c.len_utf8(), key));
        }
    }
    let first = starts.first()?;
    if !line[..first.0].trim_matches(is_space).is_empty() {
        return None;
    }
    let mut pairs = Vec::new();
    for (i, (_, end, key)) in starts.iter().enumerate() {
        let stop = starts.get(i + 1).map_or(line.len(), |next| next.0);
        let value = line[*end..stop].trim_matches(is_space).to_owned();
        pairs.push((key.clone(), value));
    }
    Some(pairs)
}

/// Words of buttons and bars (`打印`, `【字号：大 中 小】`, `分享到`) : a line
/// made of nothing else is furniture.
const BUTTON_WORDS: &[&str] = &[
    "打印本页",
    "打印",
    "收藏本页",
    "收藏",
    "关闭窗口",
    "关闭本页",
    "关闭",
    "返回顶部",
    "返回",
    "分享到",
    "分享",
    "字号",
    "字体",
    "默认",
    "加大",
    "减小",
    "放大",
    "缩小",
    "还原",
    "大",
    "中",
    "小",
    "A+",
    "A-",
    "微信",
    "微博",
    "QQ空间",
    "QQ",
    "下载文字版",
    "下载图片版",
    "下载",
    "无障碍阅读",
    "无障碍",
    "长者助手",
    "长者模式",
    "繁体版",
    "简体版",
    "英文版",
    "繁體",
    "简体",
    "EN",
    "登录",
    "注册",
    "网站支持IPV6",
    "网站支持IPv6",
    "手机版",
    "手机打开",
    "浏览次数",
    "浏览量",
    "次",
    "【",
    "】",
    "[",
    "]",
    "|",
    "｜",
    "：",
    ":",
    "-",
    "/",
];

/// Lines that say where the page sits on the site, or what to do with it.
const FURNITURE_STARTS: &[&str] = &[
    "当前位置",
    "您当前所在的位置",
    "您当前的位置",
    "您现在的位置",
    "您的位置",
    "当前所在位置",
    "所在位置",
    "首页>",
    "首页 >",
    "首页 ›",
    "首页»",
    "搜索热词",
    "热门搜索",
    "扫一扫",
    "分享到",
    "【字号",
    "【字体",
    "字号：",
    "字体：",
    "您是第",
    "用手机扫描",
    "手机扫描",
    "打印本页",
];

const FURNITURE_CONTAINS: &[&str] = &[
    "扫一扫在手机打开当前页",
    "在手机打开当前页",
    "分享到：",
    "建议使用IE",
    "分辨率",
];

/// Headings of link lists beside an article.
const RELATED_HEADINGS: &[&str] = &[
    "相关报道",
    "相关链接",
    "相关新闻",
    "相关阅读",
    "相关文章",
    "相关文件",
    "相关稿件",
    "延伸阅读",
    "政策解读",
    "相关解读",
    "猜你喜欢",
    "热点推荐",
];

/// A site's footer: everything from such a line on is the footer.
const FOOTER_MARKS: &[&str] = &[
    "ICP备",
    "ICP证",
    "公网安备",
    "网站标识码",
    "版权所有",
    "Copyright",
    "COPYRIGHT",
    "copyright",
    "©",
    "网站地图",
];

/// Footer lines that may stand before the ICP line.
const FOOTER_STARTS: &[&str] = &[
    "主办单位",
    "主办：",
    "承办单位",
    "承办：",
    "技术支持",
    "联系我们",
    "网站声明",
    "隐私声明",
    "备案序号",
    "友情链接",
];

/// A line of site furniture: navigation, breadcrumbs, buttons, share bars.
pub fn is_furniture(line: &str) -> bool {
    let line = line.trim_matches(is_space);
    if line.is_empty() {
        return true;
    }
    if FURNITURE_STARTS.iter().any(|s| line.starts_with(s))
        || FURNITURE_CONTAINS.iter().any(|s| line.contains(s))
        || FOOTER_STARTS.iter().any(|s| line.starts_with(s))
        || is_related_heading(line)
    {
        return true;
    }
    // Nothing but button words (and spaces, digits of a counter).
    let mut rest = line;
    'outer: loop {
        rest = rest.trim_start_matches(|c: char| is_space(c) || c.is_ascii_digit());
        if rest.is_empty() {
            return true;
        }
        for w in BUTTON_WORDS {
            if let Some(r) = rest.strip_prefix(w) {
                rest = r;
                continue 'outer;
            }
        }
        return false;
    }
}

/// `相关链接`, `【相关报道】`, `政策解读：`: the heading of a link list.
pub fn is_related_heading(line: &str) -> bool {
    let core = line
        .trim_matches(|c: char| is_space(c) || matches!(c, '【' | '】' | '[' | ']' | '：' | ':'));
    RELATED_HEADINGS.contains(&core)
}

/// The line where a site's footer begins (`粤ICP备…`, `网站标识码`, `版权所有`).
pub fn is_footer(line: &str) -> bool {
    FOOTER_MARKS.iter().any(|m| line.contains(m))
}

/// A line a reader found, with how much of it was link text.
#[derive(Debug, Clone, Default)]
pub struct Line {
    pub text: String,
    /// Characters (spaces not counted) inside links.
    pub link_chars: usize,
    /// A line the reader made itself (a task row): kept as it is.
    pub keep: bool,
}

impl Line {
    pub fn plain(text: impl Into<String>) -> Line {
        Line {
            text: text.into(),
            ..Line::default()
        }
    }
}

/// A line mostly made of link text that does not end a sentence: a menu, a
/// list of related pages.
fn is_link_list(line: &Line) -> bool {
    let total = line.text.chars().filter(|&c| !is_space(c)).count();
    line.link_chars > 0 && line.link_chars * 2 >= total && !ends_sentence(&line.text)
}

/// A line's text, trimmed at both ends except for a full-width indent.
pub fn trim_line(s: &str) -> &str {
    let s = s.trim_end_matches(is_space);
    let s = s.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '\u{a0}');
    // An indent is only full-width spaces: ASCII spaces after it go.
    let indent = s.len() - s.trim_start_matches('\u{3000}').len();
    if s[indent..].starts_with(|c: char| c.is_ascii_whitespace() || c == '\u{a0}') {
        s.trim_start_matches(is_space)
    } else {
        s
    }
}

/// Turns the lines a reader found into [`Extracted::text`]: furniture, link
/// lists and the footer left out, `label：value` lines of the page taken into
/// `meta` (those the text parser reads itself kept), and the title first.
pub fn finish(title: Option<&str>, lines: Vec<Line>, ex: &mut Extracted) {
    let mut body: Vec<String> = Vec::new();
    for line in lines {
        let text = trim_line(&line.text);
        if text.is_empty() {
            continue;
        }
        if line.keep {
            body.push(text.to_owned());
            continue;
        }
        if is_footer(text) {
            if body.is_empty() {
                continue;
            }
            break;
        }
        if is_furniture(text) || is_link_list(&line) {
            continue;
        }
        if let Some(pairs) = label_pairs(text) {
            for (key, value) in pairs {
                if COUNTER_LABELS.contains(&key.as_str()) || value.is_empty() || value == "-" {
                    continue;
                }
                if TEXT_LABELS.contains(&key.as_str()) {
                    body.push(format!("{key}：{value}"));
                } else {
                    push_meta(ex, key, &value);
                }
            }
            continue;
        }
        body.push(text.to_owned());
    }
    let title = title
        .map(|t| t.trim_matches(is_space))
        .filter(|t| !t.is_empty());
    let mut out = String::new();
    if let Some(title) = title {
        // The body's own first line may be the title already.
        let first = body
            .iter()
            .position(|l| label_pairs(l).is_none())
            .unwrap_or(body.len());
        if body
            .get(first)
            .is_some_and(|l| squeeze(l) == squeeze(title))
        {
            let line = body.remove(first);
            body.insert(0, line);
        } else {
            body.insert(0, title.to_owned());
        }
    }
    for line in body {
        out.push_str(&line);
        out.push('\n');
    }
    ex.text = out;
}

/// The text without any spaces, for comparing titles.
fn squeeze(s: &str) -> String {
    s.chars().filter(|&c| !is_space(c)).collect()
}

/// Adds a metadata pair, once for each label.
pub fn push_meta(ex: &mut Extracted, key: String, value: &str) {
    let value = value.trim_matches(is_space).to_owned();
    if value.is_empty() || ex.meta.iter().any(|(k, _)| *k == key) {
        return;
    }
    ex.meta.push((key, value));
}

/// A page title without the site's name (`…_广州市人民政府`, `… - 中国政府网`).
pub fn strip_site_suffix(title: &str) -> &str {
    let title = title.trim_matches(is_space);
    for sep in ["_", " - ", " – ", " — ", "－", " | ", "|", "--"] {
        if let Some(at) = title.rfind(sep) {
            let (head, tail) = (&title[..at], &title[at + sep.len()..]);
            if !head.trim().is_empty() && tail.chars().count() <= 20 {
                return strip_site_suffix(head);
            }
        }
    }
    title
}

/// What a table holds, told by its cells.
pub enum TableKind {
    /// Label and value cells: the page's metadata.
    Meta(Vec<(String, String)>),
    /// A header row naming tasks and owners; the index of the header row and
    /// of the task column.
    Tasks { header: usize, task: usize },
    /// Anything else.
    Other,
}

const TASK_HEADERS: &[&str] = &[
    "工作任务",
    "重点任务",
    "主要任务",
    "任务",
    "任务内容",
    "具体任务",
    "工作内容",
    "事项",
    "工作事项",
    "重点事项",
    "任务事项",
];
const OWNER_HEADERS: &[&str] = &[
    "牵头单位",
    "责任单位",
    "牵头部门",
    "责任部门",
    "主责单位",
    "牵头领导",
    "责任领导",
];

/// Tells what a table is from its cells (rows of cell texts, spans repeated).
pub fn classify(grid: &[Vec<String>]) -> TableKind {
    let norm = |s: &str| s.chars().filter(|&c| !is_space(c)).collect::<String>();
    for (r, row) in grid.iter().enumerate().take(3) {
        let cells: Vec<String> = row.iter().map(|c| norm(c)).collect();
        let task = cells
            .iter()
            .position(|c| TASK_HEADERS.contains(&c.as_str()));
        let owner = cells.iter().any(|c| OWNER_HEADERS.contains(&c.as_str()));
        if let (Some(task), true) = (task, owner) {
            return TableKind::Tasks { header: r, task };
        }
    }
    // Metadata: label cells each followed by a value (or `label：value` in one).
    let mut pairs = Vec::new();
    let mut cells = 0;
    for row in grid {
        let mut c = 0;
        while c < row.len() {
            cells += 1;
            if let Some(label) = meta_label(&row[c]) {
                let value = row.get(c + 1).map(|v| v.trim_matches(is_space).to_owned());
                pairs.push((label, value.unwrap_or_default()));
                c += 2;
                cells += 1;
                continue;
            }
            if let Some(p) = label_pairs(&row[c]) {
                pairs.extend(p);
            }
            c += 1;
        }
    }
    if pairs.len() >= 2 && pairs.len() * 2 + 2 >= cells / 2 {
        TableKind::Meta(pairs)
    } else {
        TableKind::Other
    }
}

/// The lines of a table: metadata into `meta` (no lines), task rows as
/// numbered items with their [`TaskRow`], other rows a line each with the
/// cells separated by a full-width space.
pub fn table_lines(grid: &[Vec<String>], ex: &mut Extracted) -> Vec<Line> {
    let mut out = Vec::new();
    match classify(grid) {
        TableKind::Meta(pairs) => {
            for (k, v) in pairs {
                push_meta(ex, k, &v);
            }
        }
        TableKind::Tasks { header, task } => {
            let heads: Vec<String> = grid[header]
                .iter()
                .map(|h| h.chars().filter(|&c| !is_space(c)).collect())
                .collect();
            let mut n = 0;
            for row in &grid[header + 1..] {
                let distinct = {
                    let mut d: Vec<&String> = row.iter().filter(|c| !c.trim().is_empty()).collect();
                    d.dedup();
                    d
                };
                // A row spanning the table is a heading between task groups.
                if distinct.len() <= 1 {
                    // Items count from 1 again under each group heading.
                    n = 0;
                    if let Some(text) = distinct.first() {
                        out.push(Line::plain(text.trim_matches(is_space)));
                    }
                    continue;
                }
                let text = row.get(task).map_or("", |t| t.trim_matches(is_space));
                if text.is_empty() {
                    continue;
                }
                n += 1;
                let mut line = format!("{n}. {text}");
                if !ends_sentence(text) {
                    line.push('。');
                }
                out.push(Line {
                    text: line,
                    link_chars: 0,
                    keep: true,
                });
                let cells = heads
                    .iter()
                    .zip(row)
                    .map(|(h, c)| (h.clone(), c.trim_matches(is_space).to_owned()))
                    .collect();
                ex.tasks.push(TaskRow {
                    task: text.to_owned(),
                    cells,
                });
            }
        }
        TableKind::Other => {
            for row in grid {
                let cells: Vec<&str> = row
                    .iter()
                    .map(|c| c.trim_matches(is_space))
                    .filter(|c| !c.is_empty())
                    .collect();
                if !cells.is_empty() {
                    out.push(Line::plain(cells.join("\u{3000}")));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
            .collect()
    }

    #[test]
    fn labels_lose_spaces_and_colons() {
        assert_eq!(meta_label("索 引 号："), Some("索引号".into()));
        assert_eq!(meta_label(" 发文字号: "), Some("发文字号".into()));
        assert_eq!(meta_label("第一条"), None);
    }

    #[test]
    fn info_lines_split_into_pairs() {
        let pairs = label_pairs("发表时间：2025-03-28 16:55:56信息来源：区卫生健康局浏览量：-")
            .expect("pairs");
        assert_eq!(
            pairs,
            vec![
                ("发表时间".into(), "2025-03-28 16:55:56".into()),
                ("信息来源".into(), "区卫生健康局".into()),
                ("浏览量".into(), "-".into()),
            ]
        );
        assert!(label_pairs("会上，来源：某某").is_none());
        assert!(label_pairs("一是加强领导。").is_none());
    }

    #[test]
    fn furniture_is_told_from_text() {
        for f in [
            "【打印】 【字体：大 中 小】",
            "A+大A+中A+小",
            "扫一扫在手机打开当前页",
            "您当前所在的位置：首页>天河动态",
            "打印 关闭",
            "相关链接",
            "【政策解读】",
        ] {
            assert!(is_furniture(f), "{f}");
        }
        for t in [
            "大力推进改革。",
            "中小企业",
            "第一章 总则",
            "政策解读会在京召开。",
        ] {
            assert!(!is_furniture(t), "{t}");
        }
        assert!(is_footer("粤ICP备15016469号-2 网站标识码：4401060050"));
    }

    #[test]
    fn site_names_come_off_titles() {
        assert_eq!(
            strip_site_suffix("关于印发某某办法的通知_广州市人民政府"),
            "关于印发某某办法的通知"
        );
        assert_eq!(strip_site_suffix("某某意见 - 中国政府网"), "某某意见");
        assert_eq!(strip_site_suffix("没有后缀的标题"), "没有后缀的标题");
    }

    #[test]
    fn task_tables_become_items_and_rows() {
        let mut ex = Extracted::default();
        let g = grid(&[
            &["序号", "工作任务", "牵头单位", "完成时限"],
            &[
                "一、审批提速",
                "一、审批提速",
                "一、审批提速",
                "一、审批提速",
            ],
            &["1", "推行一件事一次办", "市审批局", "2026年6月"],
            &["2", "深化帮办代办。", "市审批局", "2026年9月"],
            &[
                "二、要素保障",
                "二、要素保障",
                "二、要素保障",
                "二、要素保障",
            ],
            &["3", "盘活存量土地", "市自然资源局", "2026年11月"],
        ]);
        let lines = table_lines(&g, &mut ex);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "一、审批提速",
                "1. 推行一件事一次办。",
                "2. 深化帮办代办。",
                "二、要素保障",
                "1. 盘活存量土地。"
            ]
        );
        assert_eq!(ex.tasks.len(), 3);
        assert_eq!(ex.tasks[0].task, "推行一件事一次办");
        assert_eq!(
            ex.tasks[0].cells[2],
            ("牵头单位".to_owned(), "市审批局".to_owned())
        );
    }

    #[test]
    fn metadata_tables_go_to_meta() {
        let mut ex = Extracted::default();
        let g = grid(&[
            &["索 引 号：", "11440106/2024-00031", "分类：", ""],
            &["发布机构：", "某某局", "成文日期：", "2024-03-14"],
        ]);
        assert!(table_lines(&g, &mut ex).is_empty());
        assert_eq!(
            ex.meta,
            vec![
                ("索引号".into(), "11440106/2024-00031".into()),
                ("发布机构".into(), "某某局".into()),
                ("成文日期".into(), "2024-03-14".into()),
            ]
        );
    }

    #[test]
    fn finish_drops_furniture_and_puts_the_title_first() {
        let mut ex = Extracted::default();
        let lines = vec![
            Line {
                text: "首页 政务公开".into(),
                link_chars: 6,
                keep: false,
            },
            Line::plain("发布日期：2024-10-15 浏览次数：-"),
            Line::plain("某某通知"),
            Line::plain("　　一是加强领导。"),
            Line::plain("扫一扫在手机打开当前页"),
            Line::plain("粤ICP备15016469号"),
            Line::plain("手机版"),
            Line::plain("后面的文字。"),
        ];
        finish(Some("某某通知"), lines, &mut ex);
        assert_eq!(
            ex.text,
            "某某通知\n发布日期：2024-10-15\n　　一是加强领导。\n"
        );
    }
}
