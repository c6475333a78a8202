//! The OFD reader on a fixture written by `make_ofd.py` (our own briefing,
//! with a template watermark, a stamp annotation, an image and numbers split
//! over several text objects) and on the real OFD files in `../shared`.

mod common;

use brief::briefing::formats::ofd;
use brief::briefing::{self, Briefing};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

fn shared(name: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/formats")
        .join(name);
    if path.is_file() {
        Some(path)
    } else {
        common::skip(&format!("{} not found; skipping", path.display()));
        None
    }
}

fn load(path: &Path) -> Briefing {
    briefing::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn shape(b: &Briefing) -> serde_json::Value {
    let json = serde_json::to_value(b).expect("serialises");
    serde_json::json!({
        "title": json["title"],
        "subtitle": json["subtitle"],
        "sections": json["sections"],
    })
}

#[test]
fn an_ofd_parses_like_its_text() {
    let plain = load(&fixture("ofd-small.txt"));
    let doc = load(&fixture("ofd-small.ofd"));
    assert_eq!(shape(&doc), shape(&plain));
    let items: usize = plain.sections.iter().map(|s| s.items.len()).sum();
    assert_eq!(items, 5);
    assert_eq!(doc.pages, Some(2));
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn templates_stamps_and_split_numbers_are_handled() {
    let bytes = std::fs::read(fixture("ofd-small.ofd")).expect("fixture");
    let got = ofd::read(&bytes).expect("reads");
    assert!(
        !got.text.contains("内部资料"),
        "template watermark left out"
    );
    assert!(!got.text.contains("公章"), "stamp annotation left out");
    assert!(
        got.text.contains("2024年累计发放救助资金1.2亿元"),
        "{}",
        got.text
    );
    assert!(got.text.contains("新增学位4800个"));
    // The paragraph that crosses the page break is one line.
    assert!(
        got.text
            .lines()
            .any(|l| l.starts_with("一是提高救助标准") && l.ends_with("心理疏导。")),
        "{}",
        got.text
    );
}

#[test]
fn a_missing_page_is_named_and_the_rest_still_reads() {
    let doc = load(&fixture("ofd-missing-page.ofd"));
    assert_eq!(doc.pages, Some(3));
    assert_eq!(
        doc.warnings,
        ["page 3 is missing: Doc_0/Pages/Page_2/Content.xml"]
    );
    assert_eq!(doc.title, "扎实推进民生实事 持续增进群众福祉");
}

/// The zip without the parts whose names start with `drop`.
fn without(bytes: &[u8], drop: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = std::io::Cursor::new(Vec::new());
    let mut w = zip::ZipWriter::new(&mut out);
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("entry");
        let name = f.name().expect("utf-8 name").into_owned();
        if name.starts_with(drop) {
            continue;
        }
        let mut data = Vec::new();
        f.read_to_end(&mut data).expect("read");
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        w.write_all(&data).expect("write");
    }
    w.finish().expect("finish");
    out.into_inner()
}

#[test]
fn an_ofd_with_no_readable_page_or_no_root_is_an_error() {
    let bytes = std::fs::read(fixture("ofd-small.ofd")).expect("fixture");
    let err = ofd::read(&without(&bytes, "Doc_0/Pages/")).expect_err("no pages");
    assert_eq!(err, "page 1 is missing: Doc_0/Pages/Page_0/Content.xml");
    let err = ofd::read(&without(&bytes, "OFD.xml")).expect_err("no OFD.xml");
    assert_eq!(err, "a part is missing: OFD.xml");
    let err = ofd::read(&without(&bytes, "Doc_0/Document.xml")).expect_err("no document");
    assert_eq!(err, "a part is missing: Doc_0/Document.xml");
    let mut cut = bytes.clone();
    cut.truncate(bytes.len() / 2);
    let err = ofd::read(&cut).expect_err("cut");
    assert!(err.contains("damaged"), "{err}");
}

#[test]
fn the_real_text_ofd_reads_as_paragraphs() {
    let Some(path) = shared("20_nalaizhuyi.ofd") else {
        return;
    };
    let doc = load(&path);
    assert_eq!(doc.title, "拿来主义");
    assert_eq!(doc.pages, Some(2));
    let paragraphs: Vec<&str> = doc.sections.iter().flat_map(|s| &s.paragraphs).collect();
    assert_eq!(paragraphs.len(), 10, "{paragraphs:#?}");
    assert!(paragraphs[0].starts_with("中国一向是所谓“闭关主义”"));
    assert!(paragraphs[0].ends_with("也可以算得显出一点进步了。"));
    assert!(
        paragraphs.iter().all(|p| !p.contains(' ')),
        "no invented spaces"
    );
}

#[test]
fn the_real_form_ofd_reads_without_inventing_items() {
    let Some(path) = shared("21_lincang_form.ofd") else {
        return;
    };
    let doc = load(&path);
    assert_eq!(doc.pages, Some(1));
    assert!(doc.sections.iter().all(|s| s.items.is_empty()));
    let all: String = doc
        .sections
        .iter()
        .flat_map(|s| s.paragraphs.iter())
        .collect();
    assert!(all.contains("临翔发改复[2018]172号"), "{all}");
}
