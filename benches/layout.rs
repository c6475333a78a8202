//! Layout throughput: a 1 MB article at width 80, and re-laying out one 3 KB
//! section as on a terminal resize.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

use brief::article::Article;
use brief::briefing::parse_text;
use brief::layout::{Options, layout};

const PARAGRAPH: &str = "市行政审批服务管理局将把学习成果转化为推动审批服务提质增效的具体行动。一是推行“一件事一次办”。梳理企业开办、项目建设、不动产登记等高频事项，年内推出“一件事”主题套餐30个以上，实现一次告知、一表申请、一窗受理。二是深化“帮办代办”。组建20人的专业代办队伍，为重点项目提供从签约到投产的全流程免费代办服务，网上可办率提高到98.5%，总投资14.13亿元，AA+信用等级。";

fn bench(c: &mut Criterion) {
    let mut article = String::new();
    while article.len() < 1 << 20 {
        article.push_str(PARAGRAPH);
    }
    let mut group = c.benchmark_group("layout");
    group.throughput(Throughput::Bytes(article.len() as u64));
    group.bench_function("1MB article at width 80", |b| {
        b.iter(|| layout(black_box(&article), &Options::new(80)));
    });
    group.finish();

    let mut text = String::from(
        "标题\n\n对标一流标准 打造服务高地\n\n市行政审批服务管理局党组书记、局长 周文斌\n\n",
    );
    while text.len() < 3 * 1024 {
        text.push_str(PARAGRAPH);
        text.push_str("\n\n");
    }
    let b = parse_text("bench.txt", &text);
    let section = &b.sections[0];
    let mut width = 60;
    c.bench_function("relayout 3KB section on resize", |bench| {
        bench.iter(|| {
            width = if width == 60 { 61 } else { 60 };
            Article::new(black_box(section), &Options::new(width))
        });
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
