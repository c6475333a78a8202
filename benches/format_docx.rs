//! .docx reading throughput: the numbered fixture's body (Word numbering,
//! styles, headings, items) repeated until `word/document.xml` is about
//! 5 MB, read by the docx reader alone and then parsed as a briefing.
//! Throughput is counted in bytes of unpacked `word/document.xml`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::io::{Read, Write};

const TARGET: usize = 5 << 20;

/// The fixture with its body repeated: every other part kept as it is.
fn large_docx() -> (Vec<u8>, usize) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/formats/numbered.docx"
    );
    let bytes = std::fs::read(path).expect("the numbered fixture");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("entry");
        let mut data = Vec::new();
        f.read_to_end(&mut data).expect("unpacks");
        let name = f.name().expect("an entry name").into_owned();
        parts.push((name, data));
    }
    let mut doc_len = 0;
    for (name, data) in &mut parts {
        if name != "word/document.xml" {
            continue;
        }
        let xml = String::from_utf8(std::mem::take(data)).expect("utf-8");
        let start = xml.find("<w:body>").expect("body") + "<w:body>".len();
        let end = xml.find("<w:sectPr>").expect("section properties");
        let (head, body, tail) = (&xml[..start], &xml[start..end], &xml[end..]);
        let mut out = String::with_capacity(TARGET + xml.len());
        out.push_str(head);
        while out.len() < TARGET {
            out.push_str(body);
        }
        out.push_str(tail);
        doc_len = out.len();
        *data = out.into_bytes();
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut w = zip::ZipWriter::new(&mut buf);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in &parts {
        w.start_file(name.as_str(), opts).expect("start");
        w.write_all(data).expect("write");
    }
    w.finish().expect("finish");
    (buf.into_inner(), doc_len)
}

fn bench(c: &mut Criterion) {
    let (docx, doc_len) = large_docx();
    let mut group = c.benchmark_group("docx");
    group.throughput(Throughput::Bytes(doc_len as u64));
    group.bench_function(format!("read/{}KB", doc_len / 1024), |b| {
        b.iter(|| brief::briefing::formats::docx::read(black_box(&docx)).expect("reads"));
    });
    group.bench_function(format!("read+parse/{}KB", doc_len / 1024), |b| {
        b.iter(|| {
            brief::briefing::parse_bytes(
                "bench.docx",
                black_box(&docx),
                brief::briefing::Syntax::Text,
            )
            .expect("parses")
        });
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
