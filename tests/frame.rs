//! The official-document frame (GB/T 9704) and copied web-page labels, read
//! from plain text: metadata, never paragraphs or items.

use std::path::Path;

use brief::briefing::{self, Briefing};

fn load(name: &str) -> Briefing {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/frame")
        .join(name);
    briefing::load(&path).expect("the fixture parses")
}

fn all_text(b: &Briefing) -> String {
    b.sections
        .iter()
        .flat_map(|s| {
            let paragraphs = s.paragraphs.iter();
            paragraphs.chain(s.headline())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_notice_keeps_its_frame_as_metadata() {
    let b = load("notice.txt");
    assert_eq!(
        b.title,
        "临河市人民政府办公室关于切实做好今冬明春安全生产工作的通知"
    );
    assert_eq!(b.frame.doc_number.as_deref(), Some("临政办发〔2026〕31号"));
    assert_eq!(b.frame.issuer.as_deref(), Some("临河市人民政府办公室"));
    assert_eq!(b.frame.classification.as_deref(), Some("特急"));
    assert_eq!(
        b.frame.recipients,
        ["各县（区）人民政府", "市政府各部门", "各直属机构"]
    );
    assert_eq!(b.frame.cc.len(), 5);
    assert_eq!(
        b.frame.attachments,
        ["今冬明春安全生产重点检查事项清单", "市级包联检查组名单"]
    );
    assert_eq!(b.date.as_deref(), Some("2026-11-20"));
    let text = all_text(&b);
    for frame_part in [
        "000086",
        "特急",
        "〔2026〕31号",
        "各直属机构：",
        "附件",
        "抄送",
        "印发",
        "此件公开发布",
        "2026年11月20日",
    ] {
        assert!(
            !text.contains(frame_part),
            "{frame_part} left in the text:\n{text}"
        );
    }
    // The body's chapters and their headed items are all there.
    let headlines: Vec<&str> = b.sections.iter().filter_map(|s| s.headline()).collect();
    assert_eq!(
        headlines,
        [
            "一、压紧压实安全责任",
            "二、深入开展隐患排查整治",
            "三、加强应急值守和信息报送"
        ]
    );
    let titles: Vec<&str> = b.sections[1]
        .items
        .iter()
        .map(|i| i.title(&b.sections[1].paragraphs))
        .collect();
    // A heading line without a full stop ends its item's title.
    assert_eq!(titles, ["落实属地管理责任", "落实部门监管责任"]);
}

#[test]
fn text_copied_from_a_government_page_uses_its_labels() {
    let b = load("web-copy.txt");
    assert_eq!(b.title, "临河市应急管理局关于开展春季安全生产大检查的通知");
    assert_eq!(b.frame.doc_number.as_deref(), Some("临应急发〔2026〕8号"));
    assert_eq!(b.frame.issuer.as_deref(), Some("临河市应急管理局"));
    assert_eq!(b.date.as_deref(), Some("2026-03-02"));
    let text = all_text(&b);
    for furniture in ["索 引 号", "11152800/2026-00417", "主题分类", "扫一扫"] {
        assert!(!text.contains(furniture), "{furniture} left in:\n{text}");
    }
    let items: Vec<&str> = b
        .sections
        .iter()
        .flat_map(|s| s.items.iter().map(|i| i.title(&s.paragraphs)))
        .collect();
    assert_eq!(items, ["危险化学品企业", "建筑施工工地", "人员密集场所"]);
}

#[test]
fn parse_json_carries_the_frame() {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["parse", "--json", "tests/fixtures/frame/notice.txt"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["format"], "text");
    assert_eq!(v["doc_number"], "临政办发〔2026〕31号");
    assert_eq!(v["recipients"][2], "各直属机构");
    assert_eq!(v["cc"][0], "市委办公室");
    assert_eq!(v["attachments"][1], "市级包联检查组名单");
    assert_eq!(v["pages"], serde_json::Value::Null);
}
