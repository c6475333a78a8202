//! PDF reading: MB/s on the committed fixtures (made by soffice), and the time to
//! open a 50-page briefing PDF (made here with soffice from the repo's
//! briefing text; skipped with a notice when soffice is absent). The 50-page
//! file is left in the temp folder so that pdftotext can be timed on it.

use brief::briefing::formats::pdf;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats")
}

/// A 50-page PDF: the first briefing's text repeated, converted by soffice.
fn fifty_pages() -> Option<Vec<u8>> {
    let dir = std::env::temp_dir().join("brief-bench-pdf");
    let pdf_path = dir.join("fifty.pdf");
    if let Ok(bytes) = std::fs::read(&pdf_path) {
        return Some(bytes);
    }
    std::fs::create_dir_all(&dir).ok()?;
    let source = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings"))
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("01-"))
        })?;
    let text = std::fs::read_to_string(source).ok()?;
    // The briefing is two pages; 25 copies make 50.
    std::fs::write(dir.join("fifty.txt"), text.repeat(25)).ok()?;
    let profile = format!("-env:UserInstallation=file://{}/lo-profile", dir.display());
    let status = Command::new("soffice")
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(&dir)
        .arg(dir.join("fifty.txt"))
        .output()
        .ok()?;
    if !status.status.success() {
        return None;
    }
    std::fs::read(&pdf_path).ok()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("pdf");
    for name in [
        "pdf-briefing-01.pdf",
        "pdf-briefing-02.pdf",
        "pdf-multipage.pdf",
        "pdf-two-columns.pdf",
    ] {
        let bytes = std::fs::read(fixtures().join(name)).expect("fixture");
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(name, |b| b.iter(|| pdf::read(black_box(&bytes))));
    }
    match fifty_pages() {
        Some(bytes) => {
            let pages = pdf::read(&bytes).expect("reads").pages;
            eprintln!(
                "50-page PDF: {} KB, {pages:?} pages, at {}",
                bytes.len() / 1024,
                std::env::temp_dir()
                    .join("brief-bench-pdf/fifty.pdf")
                    .display()
            );
            group.throughput(Throughput::Bytes(bytes.len() as u64));
            group.sample_size(20);
            group.bench_function("fifty-pages", |b| b.iter(|| pdf::read(black_box(&bytes))));
        }
        None => eprintln!("notice: soffice not found or failed: the 50-page PDF bench is skipped"),
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
