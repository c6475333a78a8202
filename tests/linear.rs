//! Cost grows linearly with hostile input: parsing and laying out a briefing
//! twice as large may take at most three times as long. Ignored in the normal
//! run (timings in a debug build say little); `.ci/run` runs it in release mode:
//! `cargo test --release --test linear -- --ignored`.

use std::time::{Duration, Instant};

use brief::briefing::parse_text;
use brief::layout::Options;
use brief::show::{ShowOptions, write_briefing};

const HEAD: &str = "标题\n\n珍惜发展机遇 推进城市建设\n\n市城市管理局局长 赵高堂\n\n";

/// Makes a briefing of size `n` in one shape.
type Shape = fn(usize) -> String;

/// The shapes that were quadratic, each for a size `n`.
fn shapes() -> Vec<(&'static str, Shape)> {
    vec![
        ("one long line of items", |n| {
            format!(
                "{HEAD}{}\n",
                "一是推进工作。二是落实责任。三是强化督导。".repeat(n)
            )
        }),
        ("many items, a paragraph each", |n| {
            format!("{HEAD}{}\n", "一是推进工作。二是落实责任。\n\n".repeat(n))
        }),
        ("many short paragraphs", |n| {
            format!("{HEAD}{}\n", "推进工作，落实责任。\n\n".repeat(n))
        }),
        ("nested series", |n| {
            format!(
                "{HEAD}{}\n",
                "（一）推进工作。一是落实责任；二是强化督导。".repeat(n)
            )
        }),
        // The follow-up fields: one item of clauses with no punctuation, each
        // a target, a deadline, a label or a lead phrase.
        ("targets in one unpunctuated item", |n| {
            format!("{HEAD}一是{}。\n", "完成10个新增20个11月底前每月".repeat(n))
        }),
        ("deadline labels without an end", |n| {
            format!(
                "{HEAD}一是{}。\n",
                "完成时限：时限：11月底前春节前".repeat(n)
            )
        }),
        ("lead phrases in one item", |n| {
            format!(
                "{HEAD}一是{}。\n",
                "由市发改委牵头市住建局负责配合单位：市财政局、".repeat(n)
            )
        }),
        ("many sections", |n| {
            use std::fmt::Write;
            let mut text = String::new();
            for i in 0..n {
                let _ = write!(
                    text,
                    "推进第{i}项工作 打造服务高地\n\n市第{i}局局长 赵高堂\n\n一是推进工作。二是落实责任。\n\n"
                );
            }
            text
        }),
    ]
}

/// Parses and lays out the text at 80 columns, as `brief show` does.
fn run(text: &str) {
    let b = parse_text("big.txt", text);
    let opts = ShowOptions {
        layout: Options::new(80),
        color: true,
        section: None,
    };
    let mut sink = std::io::sink();
    write_briefing(&mut sink, &b, &opts).expect("writes");
}

/// The fastest of seven runs of each text, the two taken in turn, on one
/// thread: what the work costs, with the least of what else the machine was
/// doing (CI shares its cores, and waking a second thread varies more than
/// the work).
fn times(small: &str, large: &str) -> (Duration, Duration) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a thread pool");
    let once = |text: &str| {
        let start = Instant::now();
        pool.install(|| run(text));
        start.elapsed()
    };
    let (mut a, mut b) = (Duration::MAX, Duration::MAX);
    for _ in 0..7 {
        a = a.min(once(small));
        b = b.min(once(large));
    }
    (a, b)
}

#[test]
#[ignore = "timing: run in release mode by .ci/run"]
fn doubling_hostile_input_at_most_triples_the_time() {
    for (name, make) in shapes() {
        // Grow until a run takes long enough to time well, and its data has
        // long outgrown the caches (a smaller size that fits them makes a
        // linear cost look like more).
        let mut n = 500;
        while times(&make(n), "").0 < Duration::from_millis(100) && n < 1 << 20 {
            n *= 2;
        }
        let (small, large) = times(&make(n), &make(2 * n));
        let ratio = large.as_secs_f64() / small.as_secs_f64();
        println!("{name}: n={n} {small:?}, 2n {large:?}, ratio {ratio:.2}");
        assert!(
            ratio <= 3.0,
            "{name}: twice the input took {ratio:.2} times as long ({small:?} → {large:?})"
        );
    }
}
