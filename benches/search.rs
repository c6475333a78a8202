//! Search on a generated corpus of about 100k sentences (≈20 MB): building the
//! index, the three fuzzy engines side by side on Han queries, and each keystroke
//! of typing a Han query and pinyin initials in the finder.
//!
//! The corpus recombines the sentences of the bundled briefings and, when
//! `../shared` is present, of the seed page and the real documents beside it.

use std::fmt::Write;
use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

use brief::briefing::{self, Briefing};
use brief::search::engine::all_engines;
use brief::search::{Index, Session, fold, sentences};

const TARGET_SENTENCES: usize = 100_000;

fn source_sentences() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("briefings")];
    for sub in ["../shared/seed", "../shared/corpus"] {
        if root.join(sub).is_dir() {
            dirs.push(root.join(sub));
        }
    }
    let (briefings, _) = brief::cli::load_all(&dirs);
    let mut out = Vec::new();
    for b in &briefings {
        for s in &b.sections {
            for p in &s.paragraphs {
                out.extend(sentences(p).into_iter().map(|r| p[r].to_owned()));
            }
        }
    }
    out
}

/// A plain-text newspaper page of ~100k sentences: sections of five
/// paragraphs, sentences drawn from the sources by a fixed pseudo-random walk.
fn corpus() -> Briefing {
    let pool = source_sentences();
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        usize::try_from(seed % (n as u64)).unwrap_or(0)
    };
    let mut text = String::from("大型简报 生成语料\n\n——检索基准\n\n");
    let mut count = 0;
    let mut section = 0;
    while count < TARGET_SENTENCES {
        section += 1;
        let _ = write!(
            text,
            "推进重点工作第{section}项 狠抓落实见成效\n\n某某局第{section}分局党组书记、局长 张为民\n\n"
        );
        for p in 0..5 {
            let marker = ["一是", "二是", "三是", "四是", "五是"][p];
            text.push_str(marker);
            for _ in 0..4 {
                text.push_str(&pool[next(pool.len())]);
                count += 1;
            }
            text.push_str("\n\n");
        }
    }
    // The same text for instruction counts outside criterion
    // (`examples/keystroke_cost.rs` reads it as a briefing).
    if let Some(path) = std::env::var_os("BRIEF_BENCH_CORPUS") {
        std::fs::write(&path, &text).expect("writing the corpus");
    }
    briefing::parse_text("corpus.txt", &text)
}

fn bench(c: &mut Criterion) {
    let corpus = vec![std::sync::Arc::new(corpus())];
    let bytes: usize = corpus[0]
        .sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .map(str::len)
        .sum();
    eprintln!(
        "corpus: {} sections, {} MB of paragraphs",
        corpus[0].sections.len(),
        bytes / 1_000_000
    );

    let mut group = c.benchmark_group("search");
    group.sample_size(10);
    group.bench_function("build index (100k sentences)", |b| {
        b.iter(|| Index::build(black_box(&corpus)));
    });
    let index = Index::build(&corpus);
    eprintln!("index: {} entries", index.len());

    // The engines alone over every sentence, for the choice behind the seam.
    let folded: Vec<String> = (0..index.len()).map(|id| fold(index.text(id))).collect();
    for engine in all_engines() {
        let name = engine.name();
        let mut engine = engine;
        group.bench_function(format!("engine {name}: 净化 over all sentences"), |b| {
            b.iter(|| {
                folded
                    .iter()
                    .filter(|h| engine.score("净化", h).is_some())
                    .count()
            });
        });
    }

    // Each keystroke as typed: the session holds the previous keystroke's matches.
    for (name, query) in [
        ("han", "净化盐湖"),
        ("pinyin initials", "jhyh"),
        ("pinyin csglj", "csglj"),
    ] {
        let chars: Vec<char> = query.chars().collect();
        for k in 1..=chars.len() {
            let mut before = Session::default();
            let typed: String = chars[..k - 1].iter().collect();
            if !typed.is_empty() {
                index.search_in(&typed, 200, &mut before);
            }
            let now: String = chars[..k].iter().collect();
            group.bench_function(format!("keystroke {name} [{now}]"), |b| {
                b.iter(|| {
                    let mut session = before.clone();
                    index.search_in(black_box(&now), 200, &mut session)
                });
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
