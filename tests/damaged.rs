//! Damaged documents in a folder: each gives one line that names it and says
//! what is wrong, and the other files still open.

use std::path::Path;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .expect("fixture")
}

#[test]
fn each_damaged_file_is_named_and_the_rest_still_open() {
    let dir = std::env::temp_dir().join(format!("brief-damaged-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("11月")).expect("scratch");
    let half = |bytes: Vec<u8>| bytes[..bytes.len() / 2].to_vec();
    let cases: &[(&str, Vec<u8>, &str)] = &[
        (
            "cut.docx",
            half(fixture("frame/notice.docx")),
            "it is a Word document (.docx), but the zip inside is damaged",
        ),
        (
            "cut.pdf",
            half(fixture("frame/notice.pdf")),
            "it is a PDF document, but it is cut short",
        ),
        (
            "empty.html",
            b"<!doctype html><html><head><title>x</title></head><body><nav>\xe9\xa6\x96\xe9\xa1\xb5</nav></body></html>".to_vec(),
            "it is a web page (.html), but it holds no text beyond its title",
        ),
        (
            "old.doc",
            {
                let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
                doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
                doc
            },
            "save it as .docx (or PDF)",
        ),
    ];
    for (name, bytes, _) in cases {
        std::fs::write(dir.join("11月").join(name), bytes).expect("write");
    }
    std::fs::write(dir.join("notice.docx"), fixture("frame/notice.docx")).expect("write");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["parse", "--json"])
        .arg(&dir)
        .output()
        .expect("brief runs");
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    for (name, _, problem) in cases {
        let line = err
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} not reported:\n{err}"));
        assert!(line.contains(problem), "{line}");
    }
    assert_eq!(err.lines().count(), cases.len(), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let opened: Vec<&str> = match v.as_array() {
        Some(all) => all.iter().filter_map(|b| b["format"].as_str()).collect(),
        None => vec![v["format"].as_str().expect("format")],
    };
    assert_eq!(opened, ["docx"]);
    std::fs::remove_dir_all(&dir).ok();
}
