//! Decode + parse throughput on large generated briefings (GB18030 and UTF-8), at
//! two sizes to show that parsing stays linear in the input; and what the
//! ledger's extraction (lead, deadline, targets of every item) adds to a parse
//! of a 20 MB briefing, on the same page and on meeting minutes whose every
//! item carries 牵头/配合/时限 phrases.

use brief::briefing::Syntax;

/// The allocator the `brief` binary uses, so that the figures are the binary's.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::fmt::Write;
use std::hint::black_box;

/// A newspaper page of `sections` statements in the genre, with page-break splits.
fn generate(sections: usize) -> String {
    let mut s = String::from("用好外地经验 跑出发展加速度\n\n——学习考察大家谈(二)\n\n");
    for i in 0..sections {
        let _ = write!(
            s,
            "对标一流标准 打造服务高地{i}\n\n市第{i}局党组书记、局长 周文斌\n\n\
             \u{3000}\u{3000}这次学习考察，时间虽短，感触很深。两地把企业当“家人”、把服务当“产品”的理念，让我们看到了差距。\n\n\
             \u{3000}\u{3000}我们将把学习成果转化为具体行动。一是推行“一件事一次办”。年内推出主题套餐30个以上，实现一次告知、一表申请。\
             二是深化“帮办代办”。组建20人的专业代办队伍，为重点项目提供全流程免费代办服务，让企业办事审批时限压缩至\n\n\
             \u{3000}\u{3000}30个工作日以内。三是建设“智慧审批”平台。网上可办率提高到98.5%。\n\n\
             \u{3000}\u{3000}（一）开展走访活动。班子成员每人联系10家重点企业。（二）完善推进机制。每周调度，每月通报。\n\n"
        );
    }
    s
}

/// Meeting minutes of about `bytes` bytes: every item names a lead, helpers, a
/// deadline and a target, the worst case for extraction.
fn minutes(bytes: usize) -> String {
    let mut s = String::from("市政府常务会议纪要\n\n时间：2026年10月20日\n\n");
    let mut i = 0;
    while s.len() < bytes {
        i += 1;
        let _ = write!(
            s,
            "{}、关于第{i}项重点工作\n\n             \u{3000}\u{3000}（一）完成供热管网改造。抓紧完成老旧管网改造42公里，确保按期供暖。（牵头单位：市住建局；配合单位：市财政局、各县（市、区）；完成时限：11月底前）。\n\n             \u{3000}\u{3000}（二）储足供暖用煤。由市发改委牵头，市国资委配合，10个工作日内落实储备，储煤量不少于30万吨。\n\n             \u{3000}\u{3000}（三）抓好招商引资。市商务局负责，力争全年招商引资突破八十亿元，每月通报进展，常态化开展走访。\n\n             \u{3000}\u{3000}（四）谋划重大项目。“十五五”末城镇化率提高到70%，2027年6月底前建成一期，春节前完成演练。\n\n",
            ["一", "二", "三", "四", "五", "六", "七", "八", "九"][i % 9]
        );
    }
    s
}

/// Parse with and without the ledger's extraction, over about 20 MB.
fn ledger(c: &mut Criterion) {
    const SIZE: usize = 20 << 20;
    let mut group = c.benchmark_group("ledger");
    let page = generate(SIZE / 800);
    let mut workloads = vec![("page", page), ("minutes", minutes(SIZE))];
    // The judged workload: `../shared/bench/gen_corpus.py SOURCE 20 FILE …`
    // (real sentences), named by BRIEF_BENCH_BRIEFING when it is at hand.
    if let Some(text) =
        std::env::var_os("BRIEF_BENCH_BRIEFING").and_then(|p| std::fs::read_to_string(p).ok())
    {
        workloads.push(("gen_corpus", text));
    }
    for (name, text) in workloads {
        group.throughput(Throughput::Bytes(text.len() as u64));
        let mb = text.len() >> 20;
        group.bench_function(format!("{name}/{mb}MB/parse"), |b| {
            b.iter(|| {
                brief::briefing::parse_unannotated(
                    "bench.txt",
                    black_box(text.as_bytes()),
                    Syntax::Text,
                )
            });
        });
        group.bench_function(format!("{name}/{mb}MB/parse+annotate"), |b| {
            b.iter(|| {
                brief::briefing::parse_bytes_dated(
                    "bench.txt",
                    black_box(text.as_bytes()),
                    Syntax::Text,
                    Some(2026),
                )
            });
        });
    }
    group.finish();
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("decode+parse");
    for sections in [1_000, 8_000] {
        let text = generate(sections);
        let gbk = encoding_rs::GB18030.encode(&text).0.into_owned();
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("utf8/{}KB", text.len() / 1024), |b| {
            b.iter(|| {
                brief::briefing::parse_bytes("bench.txt", black_box(text.as_bytes()), Syntax::Text)
            });
        });
        group.throughput(Throughput::Bytes(gbk.len() as u64));
        group.bench_function(format!("gb18030/{}KB", gbk.len() / 1024), |b| {
            b.iter(|| brief::briefing::parse_bytes("bench.txt", black_box(&gbk), Syntax::Text));
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench, ledger
}
criterion_main!(benches);
