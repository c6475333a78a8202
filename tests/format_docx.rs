//! The .docx reader on committed fixtures (tests/fixtures/formats/README.md
//! says how each was made): parity with the plain-text briefings, automatic
//! numbering, task tables, text boxes, headers and footers, and bad files.

use std::path::{Path, PathBuf};
use std::process::Command;

use brief::briefing::{self, Briefing, DocFormat};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/formats").join(name)
}

fn load(path: &Path) -> Briefing {
    briefing::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn briefing_txt(prefix: &str) -> PathBuf {
    std::fs::read_dir(root().join("briefings"))
        .expect("briefings folder")
        .map(|e| e.expect("entry").path())
        .find(|p| {
            p.extension().is_some_and(|e| e == "txt")
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .expect("the briefing's .txt")
}

fn assert_parity(txt: &Path, docx: &Path) {
    let a = load(txt);
    let b = load(docx);
    assert_eq!(b.format, DocFormat::Docx);
    assert_eq!(a.title, b.title);
    assert_eq!(a.subtitle, b.subtitle);
    assert_eq!(a.date, b.date);
    assert_eq!(a.sections.len(), b.sections.len());
    for (x, y) in a.sections.iter().zip(&b.sections) {
        // Headline, department, position, person, paragraphs, items with
        // their ids: the whole section.
        assert_eq!(x, y);
    }
    assert!(
        b.sections.iter().map(|s| s.items.len()).sum::<usize>() > 0,
        "the briefing has items"
    );
}

#[test]
fn briefing_01_reads_alike_as_text_and_as_docx() {
    assert_parity(&briefing_txt("01-"), &fixture("briefing-01.docx"));
}

#[test]
fn briefing_01_reads_alike_as_text_and_as_pandoc_docx() {
    assert_parity(&briefing_txt("01-"), &fixture("briefing-01-pandoc.docx"));
}

#[test]
fn briefing_02_reads_alike_as_text_and_as_docx() {
    assert_parity(&briefing_txt("02-"), &fixture("briefing-02.docx"));
}

#[test]
fn word_numbering_gives_the_markers_and_the_items() {
    let b = load(&fixture("numbered.docx"));
    assert_eq!(b.title, "临河市2026年冬春安全生产工作方案");
    assert_eq!(b.pages, Some(2));
    let headlines: Vec<&str> = b.sections.iter().filter_map(|s| s.headline()).collect();
    assert_eq!(headlines, ["一、总体要求", "二、重点任务", "三、保障措施"]);
    let tasks = &b.sections[2];
    let items: Vec<(&str, &str, usize)> = tasks
        .items
        .iter()
        .map(|i| {
            let ps = &tasks.paragraphs;
            (i.marker(ps), i.title(ps), i.level())
        })
        .collect();
    assert_eq!(
        items,
        [
            ("（一）", "开展安全隐患大排查", 0),
            ("一是", "建立隐患清单", 1),
            ("二是", "实行闭环管理", 1),
            ("（二）", "抓好重点行业专项整治", 0),
            ("1.", "城镇燃气", 1),
            ("2.", "道路交通", 1),
            ("3.", "建筑施工", 1),
            ("（三）", "强化应急准备", 0),
            ("1.", "修订完善防汛、森林防火等专项应急预案", 1),
            ("2.", "11月中旬前组织一次综合应急演练", 1),
            ("①", "储备物资清单另行印发", 2),
        ]
    );
    assert_eq!(
        b.sections[3]
            .items
            .iter()
            .map(|i| i.marker(&b.sections[3].paragraphs))
            .collect::<Vec<_>>(),
        ["（一）", "（二）"]
    );
}

#[test]
fn a_task_table_gives_one_item_per_row_and_keeps_the_cells() {
    let path = fixture("tasks.docx");
    let b = load(&path);
    let items: Vec<(&str, &str)> = b.sections[0]
        .items
        .iter()
        .map(|i| {
            let ps = &b.sections[0].paragraphs;
            (i.marker(ps), i.title(ps))
        })
        .collect();
    assert_eq!(
        items,
        [
            ("1.", "全面推行“一件事一次办”，年内推出主题套餐30个以上"),
            ("2.", "盘活批而未供和闲置土地1200亩以上"),
            ("3.", "新增工业用地全部按“标准地”出让"),
            ("4.", "建成全市统一的公共数据共享交换平台"),
        ]
    );
    let bytes = std::fs::read(&path).expect("fixture");
    let extracted = briefing::formats::docx::read(&bytes).expect("reads");
    assert_eq!(extracted.tasks.len(), 4);
    let third = &extracted.tasks[2];
    assert_eq!(third.task, "新增工业用地全部按“标准地”出让。");
    let cell = |name: &str| {
        third
            .cells
            .iter()
            .find(|(h, _)| h == name)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(cell("序号"), Some("3"));
    // Merged with the cell above.
    assert_eq!(cell("牵头单位"), Some("市自然资源和规划局"));
    assert_eq!(cell("配合单位"), Some("市发展改革委　市工业和信息化局"));
    assert_eq!(cell("完成时限"), Some("长期坚持"));
    // The header row is not text.
    assert!(
        !extracted.text.contains("牵头单位\u{3000}"),
        "{}",
        extracted.text
    );
}

#[test]
fn a_red_header_in_a_text_box_is_read_once_and_headers_footers_not_at_all() {
    let bytes = std::fs::read(fixture("redhead.docx")).expect("fixture");
    let extracted = briefing::formats::docx::read(&bytes).expect("reads");
    let text = &extracted.text;
    assert_eq!(
        text.matches("临河市人民政府办公室文件").count(),
        1,
        "{text}"
    );
    assert!(
        text.starts_with("临河市人民政府办公室文件\n临政办发〔2026〕15号\n"),
        "{text}"
    );
    assert!(!text.contains("页眉"), "{text}");
    assert!(!text.contains('—'), "the footer's page number: {text}");
    assert!(text.contains("抄送：市委办公室"), "{text}");
    assert_eq!(extracted.pages, Some(1));
    let b = load(&fixture("redhead.docx"));
    let markers: Vec<&str> = b
        .sections
        .iter()
        .flat_map(|s| s.items.iter().map(|i| i.marker(&s.paragraphs)))
        .collect();
    assert_eq!(markers, ["一是", "二是", "三是"]);
}

fn brief(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .output()
        .expect("runs brief")
}

#[test]
fn parse_json_names_the_format_and_bad_files_say_what_is_wrong() {
    let out = brief(&[
        "parse",
        "--json",
        &fixture("numbered.docx").to_string_lossy(),
    ]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["format"], "docx");
    assert_eq!(json["pages"], 2);

    // A .docx whose document part is damaged inside (its zip directory
    // intact, so the bytes still say .docx).
    let dir = tempfile::tempdir().expect("tempdir");
    let mut damaged = std::fs::read(fixture("tasks.docx")).expect("fixture");
    let at = damaged
        .windows(17)
        .position(|w| w == b"word/document.xml")
        .expect("the document's local header")
        + 40;
    for b in &mut damaged[at..at + 200] {
        *b = !*b;
    }
    let bad = dir.path().join("坏了.docx");
    std::fs::write(&bad, &damaged).expect("write");
    let out = brief(&["parse", "--json", &bad.to_string_lossy()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "坏了.docx: it is a Word document (.docx), but cannot unpack word/document.xml"
        ),
        "{err}"
    );
}
