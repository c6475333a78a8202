//! The PDF reader on committed fixtures (made with `soffice` from the
//! repo's briefings, see tests/fixtures/formats/README.md) and on PDFs
//! written here by hand: parity with the .txt, and clear refusals.

use brief::briefing::formats::pdf;
use brief::briefing::{self, Briefing};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

fn load(path: &Path) -> Briefing {
    briefing::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The parts of a briefing that must not depend on its format.
fn shape(b: &Briefing) -> serde_json::Value {
    let json = serde_json::to_value(b).expect("serialises");
    serde_json::json!({
        "title": json["title"],
        "subtitle": json["subtitle"],
        "sections": json["sections"],
    })
}

fn assert_parity(source: &Path, pdf_file: &str) {
    let plain = load(source);
    let pdf = load(&fixture(pdf_file));
    assert_eq!(
        shape(&pdf),
        shape(&plain),
        "{pdf_file} differs from {}",
        source.display()
    );
    let items: usize = plain.sections.iter().map(|s| s.items.len()).sum();
    assert!(items > 0, "the comparison covers items");
    assert!(pdf.warnings.is_empty(), "{:?}", pdf.warnings);
}

fn briefing_txt(prefix: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
    std::fs::read_dir(&dir)
        .expect("briefings/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.extension().is_some_and(|e| e == "txt")
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .expect("the briefing is there")
}

#[test]
fn libreoffice_pdfs_of_the_briefings_parse_like_their_text() {
    assert_parity(&briefing_txt("01-"), "pdf-briefing-01.pdf");
    assert_parity(&briefing_txt("02-"), "pdf-briefing-02.pdf");
}

#[test]
fn a_multipage_pdf_with_header_footer_and_page_numbers_parses_like_its_text() {
    let txt = fixture("pdf-multipage.txt");
    assert_parity(&txt, "pdf-multipage.pdf");
    let pdf = load(&fixture("pdf-multipage.pdf"));
    assert_eq!(pdf.pages, Some(3));
    let all: String = pdf
        .sections
        .iter()
        .flat_map(|s| s.paragraphs.iter())
        .collect();
    assert!(
        !all.contains("编印") && !all.contains('—'),
        "furniture dropped"
    );
}

#[test]
fn a_two_column_pdf_is_read_column_by_column() {
    assert_parity(&fixture("pdf-multipage.txt"), "pdf-two-columns.pdf");
}

#[test]
fn the_reader_reports_pages() {
    let bytes = std::fs::read(fixture("pdf-briefing-01.pdf")).expect("fixture");
    let got = pdf::read(&bytes).expect("reads");
    assert_eq!(got.pages, Some(2));
    assert!(got.text.lines().count() > 20);
}

#[test]
fn an_encrypted_pdf_is_refused_and_one_without_a_user_password_is_read() {
    let bytes = std::fs::read(fixture("pdf-encrypted.pdf")).expect("fixture");
    let err = pdf::read(&bytes).expect_err("needs a password");
    assert!(err.contains("encrypted (password-protected)"), "{err}");

    let open = load(&fixture("pdf-encrypted-no-user-password.pdf"));
    assert_eq!(open.title, "关于做好文件加密管理的通知");
    let items: Vec<&str> = open.sections[0]
        .items
        .iter()
        .map(|i| i.title(&open.sections[0].paragraphs))
        .collect();
    assert_eq!(items, ["严格登记", "定期清查"]);
}

#[test]
fn the_error_names_the_file_and_the_problem() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scan.pdf");
    std::fs::write(&path, scanned_pdf()).expect("write");
    let err = briefing::load(&path).expect_err("no text").to_string();
    assert!(
        err.contains(
            "it is a PDF document, but it has no text layer (a scanned document): it needs OCR"
        ),
        "{err}"
    );
}

/// Writes a PDF from its objects (numbered from 1; the first is the
/// catalog), with a correct cross-reference table.
fn pdf_of(objects: &[String]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    let size = objects.len() + 1;
    out.extend_from_slice(format!("xref\n0 {size}\n0000000000 65535 f \n").as_bytes());
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}

fn stream(content: &str) -> String {
    format!(
        "<< /Length {} >>\nstream\n{content}\nendstream",
        content.len()
    )
}

/// A PDF of `pages` pages, each drawing `text(n)` in Helvetica (Latin text)
/// in the middle of the page; `media_box(n)` false leaves a page's
/// `MediaBox` out.
fn text_pdf(
    pages: usize,
    text: impl Fn(usize) -> String,
    media_box: impl Fn(usize) -> bool,
) -> Vec<u8> {
    // 1 catalog, 2 page tree, 3 font, then a page and its content each.
    let kids: Vec<String> = (0..pages).map(|n| format!("{} 0 R", 4 + 2 * n)).collect();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            kids.join(" ")
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    for n in 0..pages {
        let mb = if media_box(n) {
            "/MediaBox [0 0 595 842]"
        } else {
            ""
        };
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R {mb} /Contents {} 0 R /Resources << /Font << /F1 3 0 R >> >> >>",
            5 + 2 * n
        ));
        objects.push(stream(&format!(
            "BT /F1 12 Tf 72 400 Td ({}) Tj ET",
            text(n)
        )));
    }
    pdf_of(&objects)
}

/// One page that only shows an image: what a scanner makes.
fn scanned_pdf() -> Vec<u8> {
    pdf_of(&[
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>".to_owned(),
        stream("q 500 0 0 700 50 70 cm /Im1 Do Q"),
        "<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\u{7f}\u{7f}\u{7f}\u{7f}\nendstream".to_owned(),
    ])
}

#[test]
fn a_scanned_pdf_says_it_needs_ocr() {
    let err = pdf::read(&scanned_pdf()).expect_err("no text");
    assert_eq!(
        err,
        "it has no text layer (a scanned document): it needs OCR before brief can read it"
    );
}

#[test]
fn a_hand_written_pdf_is_read() {
    let got = pdf::read(&text_pdf(1, |_| "Hello briefing".into(), |_| true)).expect("reads");
    assert_eq!(got.text, "Hello briefing\n");
}

#[test]
fn a_500_page_pdf_is_read_in_full() {
    let bytes = text_pdf(
        500,
        |n| format!("Paragraph {} of the long report.", n + 1),
        |_| true,
    );
    let got = pdf::read(&bytes).expect("reads");
    assert_eq!(got.pages, Some(500));
    assert!(
        got.text.contains("Paragraph 1 of the long report."),
        "{}",
        &got.text[..200]
    );
    assert!(got.text.contains("Paragraph 500 of the long report."));
    assert_eq!(got.text.matches("of the long report.").count(), 500);
}

#[test]
fn a_crate_panic_is_an_error_or_a_page_left_out_not_a_crash() {
    // pdf-extract panics on a page without a MediaBox.
    let all_bad = text_pdf(1, |_| "Lost".into(), |_| false);
    let err = pdf::read(&all_bad).expect_err("nothing readable");
    assert!(err.contains("could not be read"), "{err}");

    let one_bad = text_pdf(2, |n| format!("Page {}", n + 1), |n| n == 0);
    let got = pdf::read(&one_bad).expect("the first page reads");
    assert_eq!(got.text, "Page 1\n");
    assert_eq!(got.warnings, ["page 2 could not be read and is left out"]);
}

#[test]
fn a_truncated_pdf_is_refused_clearly() {
    let bytes = std::fs::read(fixture("pdf-briefing-02.pdf")).expect("fixture");
    let err = pdf::read(&bytes[..bytes.len() / 2]).expect_err("cut");
    assert!(err.starts_with("it is cut short"), "{err}");
}

#[test]
fn a_broken_cross_reference_table_is_rebuilt() {
    let mut bytes = std::fs::read(fixture("pdf-briefing-02.pdf")).expect("fixture");
    let at = bytes
        .windows(10)
        .rposition(|w| w == b"startxref\n")
        .expect("startxref")
        + 10;
    // Point startxref into the middle of the file.
    bytes.splice(at..at + 6, *b"000100");
    let got = pdf::read(&bytes).expect("repaired");
    assert_eq!(
        got.warnings,
        ["its cross-reference table is damaged: brief rebuilt it"]
    );
    let good =
        pdf::read(&std::fs::read(fixture("pdf-briefing-02.pdf")).expect("fixture")).expect("reads");
    assert_eq!(got.text, good.text);
}

#[test]
fn garbage_after_the_pdf_marker_is_an_error() {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend((0..5000u32).map(|i| u8::try_from(i * 7919 % 251).expect("byte")));
    let err = pdf::read(&bytes).expect_err("garbage");
    assert!(err.starts_with("it is"), "{err}");
}
