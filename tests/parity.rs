//! The parity rule (DOCUMENTS.md): the same document saved as .txt, .docx,
//! .pdf and .html gives the same title, frame, sections, paragraphs and items,
//! ids included, so marks follow a document from its draft to its final PDF.
//! The fixtures were made from the .txt by `soffice` and `pandoc` (see the
//! READMEs beside them).

use std::path::{Path, PathBuf};

use brief::briefing::{self, Briefing};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A bundled briefing by its number.
fn bundled(prefix: &str) -> PathBuf {
    std::fs::read_dir(root().join("briefings"))
        .expect("briefings folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .expect("the bundled briefing")
}

fn formats(name: &str) -> PathBuf {
    root().join("tests/fixtures/formats").join(name)
}

fn frame(name: &str) -> PathBuf {
    root().join("tests/fixtures/frame").join(name)
}

fn load(path: &Path) -> Briefing {
    briefing::load(path).unwrap_or_else(|e| panic!("{e}"))
}

/// Everything a reader of the text sees, beside the path and the format.
fn assert_same(text: &Briefing, other: &Briefing) {
    let what = &other.path;
    assert_eq!(text.title, other.title, "{what}");
    assert_eq!(text.subtitle, other.subtitle, "{what}");
    assert_eq!(text.date, other.date, "{what}");
    assert_eq!(text.frame.doc_number, other.frame.doc_number, "{what}");
    assert_eq!(text.frame.issuer, other.frame.issuer, "{what}");
    assert_eq!(text.frame.recipients, other.frame.recipients, "{what}");
    assert_eq!(text.frame.cc, other.frame.cc, "{what}");
    assert_eq!(
        text.frame.classification, other.frame.classification,
        "{what}"
    );
    assert_eq!(text.frame.attachments, other.frame.attachments, "{what}");
    assert_eq!(text.key, other.key, "{what}");
    assert_eq!(text.sections.len(), other.sections.len(), "{what}");
    for (a, b) in text.sections.iter().zip(&other.sections) {
        // Headline, speaker, paragraphs, items with their ids.
        assert_eq!(a, b, "{what}");
    }
}

fn check(text: &Path, others: &[PathBuf]) {
    let reference = load(text);
    let items: usize = reference.sections.iter().map(|s| s.items.len()).sum();
    assert!(items > 0, "{} has items", text.display());
    for other in others {
        assert_same(&reference, &load(other));
    }
}

#[test]
fn the_first_briefing_reads_alike_in_every_format() {
    check(
        &bundled("01-"),
        &[
            formats("briefing-01.docx"),
            formats("pdf-briefing-01.pdf"),
            formats("html-01-yingshang.html"),
        ],
    );
}

#[test]
fn the_second_briefing_reads_alike_in_every_format() {
    check(
        &bundled("02-"),
        &[
            formats("briefing-02.docx"),
            formats("pdf-briefing-02.pdf"),
            formats("html-02-anweihui.html"),
        ],
    );
}

#[test]
fn a_formal_notice_and_its_frame_read_alike_in_every_format() {
    check(
        &frame("notice.txt"),
        &[
            frame("notice.docx"),
            frame("notice.pdf"),
            frame("notice.html"),
        ],
    );
    let pdf = load(&frame("notice.pdf"));
    assert_eq!(
        pdf.frame.doc_number.as_deref(),
        Some("临政办发〔2026〕31号")
    );
    assert!(pdf.pages.is_some_and(|p| p >= 1));
}

fn brief(state: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("--state")
        .arg(state)
        .args(args)
        .current_dir(root())
        .output()
        .expect("brief runs")
}

#[test]
fn a_mark_made_on_the_draft_docx_shows_on_the_final_pdf() {
    let dir = std::env::temp_dir().join(format!("brief-parity-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch");
    let state = dir.join("state.toml");
    let docx = frame("notice.docx");
    let pdf = frame("notice.pdf");
    let o = brief(
        &state,
        &["mark", docx.to_str().expect("utf-8"), "落实属地管理责任"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = brief(&state, &["export", pdf.to_str().expect("utf-8")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("[x] （一） 落实属地管理责任"), "{out}");
    assert!(out.contains("[ ] （二） 落实部门监管责任"), "{out}");
    std::fs::remove_dir_all(&dir).ok();
}
