//! Decode + parse throughput on large generated briefings (GB18030 and UTF-8), at
//! two sizes to show that parsing stays linear in the input.

use brief::briefing::Syntax;
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
    targets = bench
}
criterion_main!(benches);
