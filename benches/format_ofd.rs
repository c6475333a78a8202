//! OFD reading: MB/s on the committed fixture and on the real OFD files in
//! `../shared` (skipped with a notice where that folder is absent), and on a
//! long OFD made here by repeating the fixture's pages.

use brief::briefing::formats::ofd;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::fmt::Write as _;
use std::hint::black_box;
use std::io::{Read, Write};
use std::path::Path;

/// The fixture with its pages repeated `times` times (a long document).
fn repeated(bytes: &[u8], times: usize) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("entry");
        let name = f.name().expect("name").into_owned();
        let mut data = Vec::new();
        f.read_to_end(&mut data).expect("read");
        parts.push((name, data));
    }
    let pages: Vec<(String, Vec<u8>)> = parts
        .iter()
        .filter(|(n, _)| n.starts_with("Doc_0/Pages/"))
        .cloned()
        .collect();
    let mut out = std::io::Cursor::new(Vec::new());
    let mut w = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default();
    let mut list = String::new();
    let mut n = 0;
    for _ in 0..times {
        for (_, data) in &pages {
            w.start_file(format!("Doc_0/Pages/Page_{n}/Content.xml"), opts)
                .expect("start");
            w.write_all(data).expect("write");
            let _ = write!(
                list,
                "<ofd:Page ID=\"{}\" BaseLoc=\"Pages/Page_{n}/Content.xml\"/>",
                100 + n
            );
            n += 1;
        }
    }
    for (name, data) in &parts {
        if name.starts_with("Doc_0/Pages/") {
            continue;
        }
        w.start_file(name.clone(), opts).expect("start");
        if name == "Doc_0/Document.xml" {
            let text = String::from_utf8(data.clone()).expect("utf-8");
            let start = text.find("<ofd:Pages>").expect("pages") + "<ofd:Pages>".len();
            let end = text.find("</ofd:Pages>").expect("pages end");
            let doc = format!("{}{list}{}", &text[..start], &text[end..]);
            w.write_all(doc.as_bytes()).expect("write");
        } else {
            w.write_all(data).expect("write");
        }
    }
    w.finish().expect("finish");
    out.into_inner()
}

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![(
        "ofd-small.ofd".to_owned(),
        std::fs::read(root.join("tests/fixtures/formats/ofd-small.ofd")).expect("fixture"),
    )];
    let long = repeated(&files[0].1, 25);
    files.push(("ofd-small-x25 (50 pages)".to_owned(), long));
    for name in ["20_nalaizhuyi.ofd", "21_lincang_form.ofd"] {
        match std::fs::read(root.join("../shared/corpus/formats").join(name)) {
            Ok(bytes) => files.push((name.to_owned(), bytes)),
            Err(_) => eprintln!("notice: ../shared/corpus/formats/{name} not found: skipped"),
        }
    }
    let mut group = c.benchmark_group("ofd");
    for (name, bytes) in &files {
        assert!(ofd::read(bytes).is_ok(), "{name} reads");
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(name.as_str(), |b| b.iter(|| ofd::read(black_box(bytes))));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
