//! The .html and .md readers on committed fixtures and on the real pages in
//! `../shared` (skipped, with a notice, where that folder is not present).

mod common;

use std::path::{Path, PathBuf};

use brief::briefing::{self, Briefing, formats};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

fn shared(sub: &str) -> Option<PathBuf> {
    common::shared(sub, "the real-page tests")
}

fn load(path: &Path) -> Briefing {
    briefing::load(path).unwrap_or_else(|e| panic!("{e}"))
}

/// Everything the parity rule compares, as JSON.
fn shape(b: &Briefing) -> serde_json::Value {
    let sections: Vec<serde_json::Value> = b
        .sections
        .iter()
        .map(|s| {
            serde_json::json!({
                "headline": s.headline(),
                "department": s.department(),
                "position": s.position(),
                "person": s.person(),
                "paragraphs": s.paragraphs,
                "items": s.items.iter().map(|i| serde_json::json!({
                    "id": i.id, "title": i.title(&s.paragraphs),
                    "marker": i.marker(&s.paragraphs), "level": i.level(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::json!({ "title": b.title, "subtitle": b.subtitle, "sections": sections })
}

fn all_paragraphs(b: &Briefing) -> Vec<&str> {
    b.sections
        .iter()
        .flat_map(|s| s.paragraphs.iter())
        .collect()
}

const FURNITURE: &[&str] = &[
    "打印",
    "关闭",
    "扫一扫",
    "ICP",
    "公网安备",
    "网站标识码",
    "当前位置",
    "首页",
    "浏览",
    "字体",
    "字号",
    "分享",
    "主办",
    "版权所有",
    "相关链接",
];

fn assert_no_furniture(b: &Briefing) {
    for p in all_paragraphs(b) {
        for f in FURNITURE {
            assert!(!p.contains(f), "furniture {f:?} in paragraph {p:?}");
        }
    }
}

#[test]
fn pandoc_pages_parse_like_their_text() {
    for (txt, html) in [
        ("01-临河市优化营商环境大家谈.txt", "html-01-yingshang.html"),
        (
            "02-临河市安委会第三次全体会议纪要.txt",
            "html-02-anweihui.html",
        ),
    ] {
        let text = load(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("briefings")
                .join(txt),
        );
        let page = load(&fixture(html));
        assert_eq!(shape(&text), shape(&page), "{html} differs from {txt}");
        assert!(text.sections.iter().map(|s| s.items.len()).sum::<usize>() > 5);
    }
}

#[test]
fn a_gbk_page_with_a_metadata_table() {
    let bytes = std::fs::read(fixture("html-gbk-chungeng.html")).expect("fixture");
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture is GBK");
    let ex = formats::html::read(&bytes).expect("reads");
    assert!(
        ex.meta
            .contains(&("文号".into(), "清农发〔2026〕5号".into()))
    );
    assert!(
        ex.meta
            .contains(&("索引号".into(), "QQX-2026-00017".into()))
    );
    assert!(!ex.text.contains("索引号"), "{}", ex.text);
    assert!(!ex.text.contains("隐藏"), "hidden text: {}", ex.text);
    assert!(!ex.text.contains("不是正文"), "script text: {}", ex.text);
    let b = load(&fixture("html-gbk-chungeng.html"));
    assert_eq!(b.title, "清泉县春耕生产调度会发言摘编");
    let people: Vec<_> = b.sections.iter().filter_map(|s| s.person()).collect();
    assert_eq!(people, ["赵春林", "钱水生"]);
    let items: Vec<&str> = b.sections[1]
        .items
        .iter()
        .map(|i| i.title(&b.sections[1].paragraphs))
        .collect();
    assert_eq!(
        items,
        [
            "抓好种子调运，确保良种到户率达到98%以上",
            "抓好农资保供，组织化肥、农药等生产资料企业进村入户",
            "抓好技术服务，组织农技人员包村联户"
        ]
    );
    assert_no_furniture(&b);
}

#[test]
fn a_task_table_becomes_items_and_task_rows() {
    let bytes = std::fs::read(fixture("html-task-table.html")).expect("fixture");
    let ex = formats::html::read(&bytes).expect("reads");
    assert_eq!(ex.tasks.len(), 3);
    let row = &ex.tasks[1];
    assert_eq!(row.task, "组建专业代办队伍，为重点项目提供全流程代办服务。");
    assert!(
        row.cells
            .contains(&("牵头单位".into(), "市行政审批服务管理局".into())),
        "rowspan repeated: {row:?}"
    );
    assert!(row.cells.contains(&("完成时限".into(), "2026年6月".into())));
    assert!(
        ex.meta
            .contains(&("PubDate".into(), "2026-04-10 09:30".into()))
    );
    let b = load(&fixture("html-task-table.html"));
    assert_eq!(b.title, "临河市2026年优化营商环境重点任务清单");
    let items: Vec<&str> = b
        .sections
        .iter()
        .flat_map(|s| s.items.iter().map(|i| i.title(&s.paragraphs)))
        .collect();
    assert_eq!(
        items,
        [
            "推行“一件事一次办”，年内推出主题套餐30个以上",
            "组建专业代办队伍，为重点项目提供全流程代办服务",
            "处置低效用地1200亩以上"
        ]
    );
    assert_no_furniture(&b);
}

#[test]
fn a_markdown_page_of_our_own() {
    let text = std::fs::read_to_string(fixture("md-qiuliang.md")).expect("fixture");
    let ex = formats::markdown::read(&text);
    assert!(
        ex.meta
            .contains(&("文号".into(), "临粮发〔2026〕12号".into()))
    );
    assert_eq!(ex.tasks.len(), 2);
    let b = load(&fixture("md-qiuliang.md"));
    assert_eq!(b.title, "秋粮收购工作调度会发言摘编");
    let people: Vec<_> = b.sections.iter().filter_map(|s| s.person()).collect();
    assert_eq!(people, ["孙丰年", "李金穗"]);
    assert_eq!(
        b.sections[0].items.len(),
        3,
        "一是 二是 and 三是 from a quote"
    );
    assert!(
        all_paragraphs(&b)
            .iter()
            .all(|p| !p.contains('*') && !p.contains("]("))
    );
    assert_no_furniture(&b);
}

#[test]
fn the_guangzhou_disclosure_page() {
    let Some(path) = shared("corpus/formats/22_guangzhou_zhucan_banfa.html") else {
        return;
    };
    let ex = formats::html::read(&std::fs::read(&path).expect("page")).expect("reads");
    assert!(
        ex.meta
            .contains(&("索引号".into(), "11440106007508528C/2024-00031".into()))
    );
    assert!(
        ex.meta
            .iter()
            .any(|(k, v)| k == "发布机构" && v.starts_with("广州市天河区财政局"))
    );
    assert!(ex.meta.contains(&("成文日期".into(), "2024-03-14".into())));
    // The document number is in the body (the table's 文号 cell is empty).
    assert!(
        ex.text
            .lines()
            .nth(1)
            .is_some_and(|l| l.contains("穗民规字〔2024〕3号")),
        "{}",
        ex.text
    );
    let b = load(&path);
    assert_eq!(
        b.title,
        "广州市民政局 广州市财政局 广州市市场监督管理局关于印发广州市老年人助餐配餐服务管理办法的通知"
    );
    let chapters: Vec<_> = b.sections.iter().filter_map(|s| s.headline()).collect();
    assert_eq!(chapters.len(), 7, "{chapters:?}");
    assert_eq!(chapters[0], "第一章 总则");
    assert_eq!(chapters[6], "第七章 附则");
    assert_no_furniture(&b);
    assert!(
        all_paragraphs(&b)
            .iter()
            .any(|p| p.starts_with("第三十八条"))
    );
}

#[test]
fn the_tianhe_markdown_page() {
    let Some(path) = shared("corpus/formats/23_tianhe_tuijinhui.md") else {
        return;
    };
    let b = load(&path);
    assert_eq!(
        b.title,
        "天河区扎实推进家庭医生签约服务 助力“百千万工程”再升级"
    );
    assert_eq!(b.source.as_deref(), Some("区卫生健康局"));
    let items: Vec<&str> = b
        .sections
        .iter()
        .flat_map(|s| s.items.iter().map(|i| i.title(&s.paragraphs)))
        .collect();
    assert_eq!(
        items,
        [
            "提高政治站位，提前统筹谋划",
            "坚持系统观念，做好签约服务",
            "坚持问题导向，专项整改提升"
        ]
    );
    let paragraphs = all_paragraphs(&b);
    assert_eq!(paragraphs.len(), 3, "{paragraphs:?}");
    assert!(paragraphs[1].contains("天河区卫生健康局局长唐德成"));
    assert_no_furniture(&b);
    for p in paragraphs {
        for f in ["Image", "http", "手机版", "粤商通", "搜索热词"] {
            assert!(!p.contains(f), "{f} in {p}");
        }
    }
}

#[test]
fn bad_pages_give_clear_errors_or_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty.html");
    std::fs::write(&empty, "<!doctype html><html><head><title>首页</title><script>var x = '正文';</script></head><body><nav><a href='/'>首页</a></nav></body></html>").expect("write");
    let err = briefing::load(&empty).expect_err("no text").to_string();
    assert!(
        err.contains("it is a web page (.html), but it has no article text"),
        "{err}"
    );
    let soup = dir.path().join("soup.html");
    std::fs::write(&soup, "<html><head><title>会议纪要</title><body><div><p>一是加强领导。<p>二是压实<b>责任。<table><tr><td>散落的<td>单元格。</div></i></b><p>三是抓好落实。<div").expect("write");
    let b = load(&soup);
    let items: Vec<&str> = b
        .sections
        .iter()
        .flat_map(|s| s.items.iter().map(|i| i.title(&s.paragraphs)))
        .collect();
    assert_eq!(items, ["加强领导", "压实责任", "抓好落实"]);
}

#[test]
fn a_huge_page_of_nested_divs_is_read() {
    // 20 MB of unclosed, nested <div>s around one paragraph: bounded work
    // (no quadratic scans), no stack overflow.
    let mut page = String::from("<!doctype html><html><body>");
    let n = (20 << 20) / 26 + 1;
    for _ in 0..n {
        page.push_str("<div class=a>");
        page.push_str("<span>");
        page.push_str("<i>");
        page.push_str("</b>");
    }
    page.push_str("<p>深处的一段话。</p>");
    assert!(page.len() > 20 << 20);
    let ex = formats::html::read(page.as_bytes()).expect("reads");
    assert_eq!(ex.text, "深处的一段话。\n");
    assert!(
        ex.warnings.iter().any(|w| w.contains("elements")),
        "{:?}",
        ex.warnings
    );
}
