//! Unit tests of the .docx reader: documents built part by part in memory.

use super::numbering::format_number;
use super::*;
use crate::briefing::formats::tests::zip_of;
use std::fmt::Write as _;

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape""#;

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}</w:body></w:document>"#
    )
}

/// A .docx of that body and those other parts.
fn docx(body: &str, parts: &[(&str, &str)]) -> Vec<u8> {
    let doc = document(body);
    let mut all: Vec<(&str, &[u8])> = vec![("word/document.xml", doc.as_bytes())];
    all.extend(parts.iter().map(|(n, t)| (*n, t.as_bytes())));
    zip_of(&all)
}

fn read_body(body: &str, parts: &[(&str, &str)]) -> Extracted {
    read(&docx(body, parts)).expect("reads")
}

fn text(body: &str) -> String {
    read_body(body, &[]).text
}

fn p(t: &str) -> String {
    format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>")
}

/// A paragraph in list `num` at level `lvl`.
fn np(num: u32, lvl: u32, t: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"#
    )
}

/// `word/numbering.xml` with one definition (id 1) of those levels
/// (format, text) and the instances given as (numId, abstractNumId, extra).
fn numbering(levels: &[(&str, &str)], nums: &[(u32, u32, &str)]) -> String {
    let mut x = format!(r#"<w:numbering {NS}><w:abstractNum w:abstractNumId="1">"#);
    for (i, (fmt, text)) in levels.iter().enumerate() {
        let _ = write!(
            x,
            r#"<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>"#
        );
    }
    x.push_str("</w:abstractNum>");
    for (num, abs, extra) in nums {
        let _ = write!(
            x,
            r#"<w:num w:numId="{num}"><w:abstractNumId w:val="{abs}"/>{extra}</w:num>"#
        );
    }
    x.push_str("</w:numbering>");
    x
}

const OUTLINE: &[(&str, &str)] = &[
    ("chineseCounting", "%1、"),
    ("chineseCounting", "（%2）"),
    ("decimal", "%3."),
];

fn lines(t: &str) -> Vec<&str> {
    t.lines().collect()
}

// ---- number formats ----

#[test]
fn chinese_counting_reads_as_word_shows_it() {
    let f = |n| format_number(n, "chineseCounting");
    assert_eq!(
        (1..=12).map(f).collect::<Vec<_>>(),
        [
            "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"
        ]
    );
    assert_eq!(f(19), "十九");
    assert_eq!(f(20), "二十");
    assert_eq!(f(21), "二十一");
    assert_eq!(f(99), "九十九");
    assert_eq!(f(100), "一〇〇");
    assert_eq!(f(105), "一〇五");
}

#[test]
fn chinese_counting_thousand_reads_in_full() {
    let f = |n| format_number(n, "chineseCountingThousand");
    assert_eq!(f(1), "一");
    assert_eq!(f(10), "十");
    assert_eq!(f(15), "十五");
    assert_eq!(f(40), "四十");
    assert_eq!(f(100), "一百");
    assert_eq!(f(101), "一百零一");
    assert_eq!(f(110), "一百一十");
    assert_eq!(f(999), "九百九十九");
    assert_eq!(f(1001), "一千零一");
    assert_eq!(f(1010), "一千零一十");
    assert_eq!(f(1100), "一千一百");
    assert_eq!(f(10_000), "10000");
}

#[test]
fn other_number_formats() {
    assert_eq!(format_number(10, "chineseLegalSimplified"), "壹拾");
    assert_eq!(format_number(23, "chineseLegalSimplified"), "贰拾叁");
    assert_eq!(format_number(10, "ideographDigital"), "一〇");
    assert_eq!(format_number(1, "ideographTraditional"), "甲");
    assert_eq!(format_number(10, "ideographTraditional"), "癸");
    assert_eq!(format_number(11, "ideographTraditional"), "11");
    assert_eq!(format_number(12, "ideographZodiac"), "亥");
    assert_eq!(format_number(1, "decimalEnclosedCircle"), "①");
    assert_eq!(format_number(20, "decimalEnclosedCircleChinese"), "⑳");
    assert_eq!(format_number(21, "decimalEnclosedCircle"), "21");
    assert_eq!(format_number(3, "decimalEnclosedParen"), "⑶");
    assert_eq!(format_number(3, "decimalEnclosedFullstop"), "⒊");
    assert_eq!(format_number(12, "decimalFullWidth"), "１２");
    assert_eq!(format_number(7, "decimalZero"), "07");
    assert_eq!(format_number(7, "decimal"), "7");
    assert_eq!(format_number(1, "lowerLetter"), "a");
    assert_eq!(format_number(26, "upperLetter"), "Z");
    assert_eq!(format_number(28, "lowerLetter"), "bb");
    assert_eq!(format_number(4, "upperRoman"), "IV");
    assert_eq!(format_number(1994, "upperRoman"), "MCMXCIV");
    assert_eq!(format_number(14, "lowerRoman"), "xiv");
    assert_eq!(format_number(3, "none"), "");
    assert_eq!(format_number(3, "somethingNew"), "3");
}

// ---- counters ----

#[test]
fn levels_count_and_a_higher_level_restarts_the_lower() {
    let body = [
        np(1, 0, "总体要求"),
        np(1, 1, "指导思想"),
        np(1, 1, "基本原则"),
        np(1, 2, "坚持问题导向。"),
        np(1, 2, "坚持系统观念。"),
        np(1, 0, "重点任务"),
        np(1, 1, "开展大排查"),
        np(1, 2, "排查燃气。"),
    ]
    .concat();
    let num = numbering(OUTLINE, &[(1, 1, "")]);
    let out = read_body(&body, &[("word/numbering.xml", &num)]);
    assert_eq!(
        lines(&out.text),
        [
            "一、总体要求",
            "（一）指导思想",
            "（二）基本原则",
            "1. 坚持问题导向。",
            "2. 坚持系统观念。",
            "二、重点任务",
            "（一）开展大排查",
            "1. 排查燃气。",
        ]
    );
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
}

#[test]
fn instances_of_one_definition_share_counters_unless_a_start_override_restarts() {
    let levels = &[("decimal", "%1.")];
    let over = r#"<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>"#;
    let num = numbering(levels, &[(1, 1, ""), (2, 1, ""), (3, 1, over)]);
    let body = [
        np(1, 0, "甲。"),
        np(1, 0, "乙。"),
        p("中间一段。"),
        np(2, 0, "丙。"),
        np(3, 0, "丁。"),
        np(3, 0, "戊。"),
    ]
    .concat();
    let out = read_body(&body, &[("word/numbering.xml", &num)]);
    assert_eq!(
        lines(&out.text),
        [
            "1. 甲。",
            "2. 乙。",
            "中间一段。",
            "3. 丙。",
            "1. 丁。",
            "2. 戊。"
        ]
    );
}

#[test]
fn lvl_restart_zero_keeps_counting_across_higher_levels() {
    let num = format!(
        r#"<w:numbering {NS}><w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2．"/><w:lvlRestart w:val="0"/><w:suff w:val="nothing"/></w:lvl>
        </w:abstractNum><w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#
    );
    let body = [
        np(4, 0, "甲"),
        np(4, 1, "子。"),
        np(4, 0, "乙"),
        np(4, 1, "丑。"),
    ]
    .concat();
    let out = read_body(&body, &[("word/numbering.xml", &num)]);
    assert_eq!(lines(&out.text), ["一、甲", "1．子。", "二、乙", "2．丑。"]);
}

#[test]
fn multi_level_text_legal_numbers_start_values_and_suffixes() {
    let num = format!(
        r#"<w:numbering {NS}><w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1章"/><w:suff w:val="space"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:isLgl/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3"/></w:lvl>
        </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#
    );
    let body = [np(1, 0, "总则"), np(1, 1, "目的"), np(1, 2, "范围")].concat();
    let out = read_body(&body, &[("word/numbering.xml", &num)]);
    // %1 in the level-2 text is shown in level 0's format; isLgl makes all decimal.
    assert_eq!(lines(&out.text), ["第三章 总则", "三.1 目的", "3.1.1 范围"]);
}

#[test]
fn bullets_show_no_marker_and_num_id_zero_removes_numbering() {
    let num = numbering(&[("bullet", "\u{F0B7}")], &[(1, 1, "")]);
    let body = [np(1, 0, "要点一。"), np(0, 0, "不编号。")].concat();
    let out = read_body(&body, &[("word/numbering.xml", &num)]);
    assert_eq!(lines(&out.text), ["要点一。", "不编号。"]);
}

#[test]
fn numbering_comes_from_the_paragraph_style_and_its_level_style() {
    let styles = format!(
        r#"<w:styles {NS}>
        <w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="H2"><w:name w:val="heading 2"/><w:basedOn w:val="H1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
        </w:styles>"#
    );
    let num = format!(
        r#"<w:numbering {NS}><w:abstractNum w:abstractNumId="2">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:pStyle w:val="H1"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
        </w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="2"/></w:num></w:numbering>"#
    );
    let h = |style: &str, t: &str| {
        format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"#)
    };
    let body = [
        h("H1", "形势"),
        h("H2", "成效"),
        h("H2", "问题"),
        h("H1", "任务"),
    ]
    .concat();
    let out = read_body(
        &body,
        &[("word/styles.xml", &styles), ("word/numbering.xml", &num)],
    );
    assert_eq!(
        lines(&out.text),
        ["一、形势", "（一）成效", "（二）问题", "二、任务"]
    );
}

// ---- text ----

#[test]
fn runs_tabs_symbols_and_entities() {
    let body = r#"<w:p><w:r><w:t xml:space="preserve">　　市场&amp;监管</w:t></w:r><w:r><w:tab/><w:t>局</w:t><w:sym w:font="Symbol" w:char="F0B7"/><w:sym w:font="SimSun" w:char="2605"/><w:t>&#x4E00;</w:t></w:r></w:p>"#;
    assert_eq!(text(body), "　　市场&监管\t局★一\n");
}

#[test]
fn a_line_break_separates_units_and_joins_a_wrapped_sentence() {
    let body = concat!(
        // Ends a sentence: two paragraphs.
        r#"<w:p><w:r><w:t>第一句话。</w:t><w:br/><w:t>第二句话。</w:t></w:r></w:p>"#,
        // Wrapped inside a sentence: joined.
        r#"<w:p><w:r><w:t>推动数据</w:t><w:br/><w:t>共享。</w:t></w:r></w:p>"#,
        // The next part opens an item.
        r#"<w:p><w:r><w:t>主要做法如下</w:t><w:br/><w:t>一是加强领导。</w:t></w:r></w:p>"#,
        // Headline and author line in one paragraph.
        r#"<w:p><w:r><w:t>对标一流标准 打造服务高地</w:t><w:br/><w:t>市行政审批服务管理局局长 周文斌</w:t></w:r></w:p>"#,
        // A page break is not a paragraph break.
        r#"<w:p><w:r><w:t>提升防洪能</w:t><w:br w:type="page"/><w:t>力。</w:t></w:r></w:p>"#,
        // Latin words keep a space.
        r#"<w:p><w:r><w:t>GDP</w:t><w:br/><w:t>growth</w:t></w:r></w:p>"#,
    );
    assert_eq!(
        lines(&text(body)),
        [
            "第一句话。",
            "第二句话。",
            "推动数据共享。",
            "主要做法如下",
            "一是加强领导。",
            "对标一流标准 打造服务高地",
            "市行政审批服务管理局局长 周文斌",
            "提升防洪能力。",
            "GDP growth",
        ]
    );
}

#[test]
fn a_heading_broken_over_two_lines_is_one_line() {
    let styles = format!(
        r#"<w:styles {NS}><w:style w:type="paragraph" w:styleId="T"><w:name w:val="标题 1"/></w:style></w:styles>"#
    );
    let body = r#"<w:p><w:pPr><w:pStyle w:val="T"/></w:pPr><w:r><w:t>关于做好秋粮收购工作的通知。</w:t><w:br/><w:t>（征求意见稿）</w:t></w:r></w:p>"#;
    let out = read_body(body, &[("word/styles.xml", &styles)]);
    assert_eq!(out.text, "关于做好秋粮收购工作的通知。（征求意见稿）\n");
}

#[test]
fn tracked_changes_fields_and_hidden_text() {
    let body = concat!(
        r#"<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删掉</w:delText></w:r></w:del>"#,
        r#"<w:ins><w:r><w:t>插入</w:t></w:r></w:ins><w:moveFrom><w:r><w:t>移走</w:t></w:r></w:moveFrom>"#,
        r#"<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:t>。</w:t></w:r></w:p>"#,
        // A complex field: instruction dropped, result kept.
        r#"<w:p><w:r><w:t>见第</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>"#,
        r#"<w:r><w:instrText> PAGEREF _Toc1 \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>"#,
        r#"<w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>页。</w:t></w:r></w:p>"#,
        // A simple field shows its result.
        r#"<w:p><w:fldSimple w:instr=" DATE "><w:r><w:t>2026年9月18日</w:t></w:r></w:fldSimple></w:p>"#,
    );
    assert_eq!(
        lines(&text(body)),
        ["保留插入。", "见第3页。", "2026年9月18日"]
    );
}

#[test]
fn a_text_box_is_read_once_before_its_paragraph() {
    let boxed =
        |t: &str| format!("<w:txbxContent><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:txbxContent>");
    let body = format!(
        r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>{}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>临政办发〔2026〕12号</w:t></w:r></w:p>"#,
        boxed("临河市人民政府办公室文件"),
        boxed("临河市人民政府办公室文件"),
    );
    assert_eq!(
        lines(&text(&body)),
        ["临河市人民政府办公室文件", "临政办发〔2026〕12号"]
    );
    let vml = r#"<w:p><w:r><w:pict><v:shape><v:textpath string="某某局文件"/></v:shape></w:pict></w:r></w:p>"#;
    assert_eq!(text(vml), "某某局文件\n");
}

fn cell(t: &str, props: &str) -> String {
    let paras: String = t.split('|').map(p).collect();
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{paras}</w:tc>")
}

fn row(cells: &[&str]) -> String {
    let cs: String = cells.iter().map(|c| cell(c, "")).collect();
    format!("<w:tr>{cs}</w:tr>")
}

#[test]
fn a_plain_table_reads_row_by_row() {
    let body = format!(
        "<w:tbl>{}{}<w:tr>{}</w:tr></w:tbl>{}",
        row(&["时间", "地点"]),
        row(&["9月18日", "一楼会议室"]),
        cell("第一段。|第二段。", ""),
        p("表后。")
    );
    assert_eq!(
        lines(&text(&body)),
        [
            "时间　地点",
            "9月18日　一楼会议室",
            "第一段。",
            "第二段。",
            "表后。"
        ]
    );
}

#[test]
fn a_task_table_gives_one_item_per_row_with_its_cells() {
    let merged = cell("市住建局", r#"<w:vMerge w:val="restart"/>"#);
    // A row naming a group of tasks, spanning the table.
    let group_row = format!(
        "<w:tr>{}</w:tr>",
        cell("二、保障措施", r#"<w:gridSpan w:val="5"/>"#)
    );
    let body = format!(
        "{}<w:tbl>{}{}<w:tr>{}{}{}{}{}</w:tr><w:tr>{}{}{}{}{}</w:tr>{}</w:tbl>",
        p("附件：重点任务分工"),
        row(&["序 号", "工作任务", "牵头单位", "配合单位", "完成时限"]),
        row(&["1", "开展燃气安全排查", "市住建局", "各区政府", "10月底前"]),
        cell("2", ""),
        cell("整治高层建筑消防隐患。", ""),
        merged,
        cell("市消防救援支队|各街道", ""),
        cell("11月中旬", ""),
        cell("3", ""),
        cell("完善应急预案", ""),
        cell("", "<w:vMerge/>"),
        cell("市应急局", ""),
        cell("长期坚持", ""),
        group_row,
    );
    let out = read_body(&body, &[]);
    assert_eq!(
        lines(&out.text),
        [
            "附件：重点任务分工",
            "1. 开展燃气安全排查。",
            "2. 整治高层建筑消防隐患。",
            "3. 完善应急预案。",
            "二、保障措施",
        ]
    );
    assert_eq!(out.tasks.len(), 3);
    let third = &out.tasks[2];
    assert_eq!(third.task, "完善应急预案。");
    assert_eq!(
        third.cells,
        [
            ("序号".to_owned(), "3".to_owned()),
            ("工作任务".to_owned(), "完善应急预案".to_owned()),
            ("牵头单位".to_owned(), "市住建局".to_owned()),
            ("配合单位".to_owned(), "市应急局".to_owned()),
            ("完成时限".to_owned(), "长期坚持".to_owned()),
        ]
    );
    assert_eq!(out.tasks[1].cells[3].1, "市消防救援支队　各街道");
}

#[test]
fn a_task_table_without_numbers_counts_its_rows() {
    let body = format!(
        "<w:tbl>{}{}{}{}</w:tbl>",
        row(&["2026年重点工作安排表"]),
        row(&["重点任务", "责任单位"]),
        row(&["盘活存量土地", "市自然资源局"]),
        row(&["推行标准地出让；", "市自然资源局"]),
    );
    let out = read_body(&body, &[]);
    assert_eq!(
        lines(&out.text),
        [
            "2026年重点工作安排表",
            "1. 盘活存量土地。",
            "2. 推行标准地出让；"
        ]
    );
    assert_eq!(
        out.tasks[1].cells[1],
        ("责任单位".into(), "市自然资源局".into())
    );
}

#[test]
fn footnotes_are_left_out_with_a_warning_and_pages_come_from_app_xml() {
    let body =
        r#"<w:p><w:r><w:t>正文。</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>"#;
    let app = "<Properties><Pages>3</Pages></Properties>";
    let out = read_body(body, &[("docProps/app.xml", app)]);
    assert_eq!(out.text, "正文。\n");
    assert_eq!(out.pages, Some(3));
    assert!(out.warnings[0].contains("footnote"), "{:?}", out.warnings);
    assert_eq!(read_body(body, &[]).pages, None);
}

// ---- bad input ----

#[test]
fn a_damaged_or_truncated_zip_is_refused() {
    let mut z = docx(&p("正文。"), &[]);
    z.truncate(z.len() * 2 / 3);
    let err = read(&z).expect_err("truncated");
    assert!(err.contains("damaged"), "{err}");
    let err = read(b"PK\x03\x04 not a zip at all").expect_err("garbage");
    assert!(err.contains("damaged"), "{err}");
}

#[test]
fn a_zip_bomb_is_refused() {
    let mut huge = document("");
    huge.push_str(
        &" ".repeat(usize::try_from(crate::briefing::formats::MAX_PART_BYTES).expect("fits") + 1),
    );
    let z = zip_of(&[("word/document.xml", huge.as_bytes())]);
    assert!(z.len() < 1 << 20);
    let err = read(&z).expect_err("bomb");
    assert!(err.contains("zip bomb"), "{err}");
}

#[test]
fn a_missing_document_part_is_named() {
    let z = zip_of(&[("word/styles.xml", b"<w:styles/>")]);
    assert_eq!(
        read(&z).expect_err("missing"),
        "a part is missing: word/document.xml"
    );
}

#[test]
fn broken_numbering_or_styles_only_warn() {
    let body = [np(1, 0, "总体要求"), p("正文。")].concat();
    let out = read_body(
        &body,
        &[
            (
                "word/numbering.xml",
                "<w:numbering><w:abstractNum></w:numbering>",
            ),
            ("word/styles.xml", "\u{FEFF}<w:styles><w:style></w:styles>"),
        ],
    );
    assert_eq!(lines(&out.text), ["总体要求", "正文。"]);
    assert_eq!(out.warnings.len(), 3, "{:?}", out.warnings);
    assert!(out.warnings[0].starts_with("word/styles.xml is not well-formed XML at byte"));
    assert!(out.warnings[1].starts_with("word/numbering.xml is not well-formed XML at byte"));
    assert!(out.warnings[1].contains("numbering"));
    assert!(
        out.warnings[2].starts_with("1 numbered paragraph has no list definition"),
        "{:?}",
        out.warnings
    );
    // A missing numbering.xml says so too, and the text is read.
    let out = read_body(&np(3, 0, "总体要求"), &[]);
    assert_eq!(out.text, "总体要求\n");
    assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
}

#[test]
fn malformed_document_xml_names_the_part_and_the_place() {
    let bad = "<w:document>\n<w:body><w:p><w:r><w:t>正文</w:r></w:p></w:body></w:document>";
    let z = zip_of(&[("word/document.xml", bad.as_bytes())]);
    let err = read(&z).expect_err("malformed");
    assert!(
        err.starts_with("word/document.xml is not well-formed XML at byte"),
        "{err}"
    );
    assert!(err.contains("line 2"), "{err}");
}

#[test]
fn a_doctype_with_entities_is_refused_without_expanding() {
    let mut lol = String::from("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for i in 1..10 {
        let previous = if i == 1 {
            String::new()
        } else {
            (i - 1).to_string()
        };
        let refs = format!("&lol{previous};").repeat(10);
        let _ = write!(lol, "<!ENTITY lol{i} \"{refs}\">");
    }
    lol.push_str(
        "]><w:document><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>",
    );
    let z = zip_of(&[("word/document.xml", lol.as_bytes())]);
    let err = read(&z).expect_err("doctype");
    assert!(err.contains("DOCTYPE"), "{err}");
    // Without the DOCTYPE, the entity is simply undefined.
    let undefined = docx(&p("&lol9;"), &[]);
    let err = read(&undefined).expect_err("undefined entity");
    assert!(err.contains("undefined entity &lol9;"), "{err}");
}

#[test]
fn deeply_nested_tables_do_not_overflow_the_stack() {
    let depth = 50_000;
    let mut body = String::new();
    for _ in 0..depth {
        body.push_str("<w:tbl><w:tr><w:tc>");
    }
    body.push_str(&p("最里面。"));
    for _ in 0..depth {
        body.push_str("</w:tc></w:tr></w:tbl>");
    }
    let out = read_body(&body, &[]);
    assert_eq!(out.text, "最里面。\n");
    assert!(out.warnings.iter().any(|w| w.contains("nested")));
}
