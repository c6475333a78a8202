//! Throughput of the web-page readers: a large generated government page
//! (metadata table, navigation, a long article with a task table, footer)
//! through `formats::html::read`, and the same article as Markdown through
//! `formats::markdown::read`.

use std::fmt::Write;
use std::hint::black_box;

use brief::briefing::formats;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn page(paragraphs: usize) -> String {
    let mut p = String::from(
        r#"<!doctype html><html><head><meta charset="utf-8"><title>某某市优化营商环境工作推进会发言摘编_某某市人民政府</title><script>var a = "<p>x</p>";</script></head><body>
<nav><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li></ul></nav>
<table class="xxgk"><tr><td>索引号：</td><td>000-2026-01</td><td>发布机构：</td><td>某某市人民政府办公室</td></tr></table>
<div id="zoom"><h1>某某市优化营商环境工作推进会发言摘编</h1>"#,
    );
    for i in 0..paragraphs {
        let _ = writeln!(
            p,
            "<p style=\"text-indent:2em\">&#12288;&#12288;第{i}段。一是推行<b>“一件事一次办”</b>，梳理高频事项&nbsp;30个以上。二是深化<a href=\"/x\">帮办代办</a>，为重点项目提供全流程服务。</p>"
        );
        if i % 50 == 0 {
            p.push_str("<table><tr><th>序号</th><th>工作任务</th><th>牵头单位</th></tr><tr><td>1</td><td>建成共享平台</td><td rowspan=2>市大数据中心</td></tr><tr><td>2</td><td>推动电子证照互认</td></tr></table>\n");
        }
    }
    p.push_str("</div><div class=\"footer\">版权所有 某ICP备000号</div></body></html>");
    p
}

fn markdown(paragraphs: usize) -> String {
    let mut p = String::from(
        "Title: 某某市优化营商环境工作推进会发言摘编\n\nMarkdown Content:\n[首页](/)>[动态](/d)\n\n# 某某市优化营商环境工作推进会发言摘编\n\n",
    );
    for i in 0..paragraphs {
        let _ = write!(
            p,
            "　　第{i}段。一是推行**“一件事一次办”**，梳理高频事项30个以上。二是深化[帮办代办](/x)，为重点项目提供全流程服务。\n\n"
        );
    }
    p
}

fn bench(c: &mut Criterion) {
    let html = page(20_000);
    let md = markdown(20_000);
    let mut g = c.benchmark_group("format_html");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(html.len() as u64));
    g.bench_function("html_read_large_page", |b| {
        b.iter(|| formats::html::read(black_box(html.as_bytes())).expect("reads"));
    });
    g.throughput(Throughput::Bytes(md.len() as u64));
    g.bench_function("markdown_read_large_page", |b| {
        b.iter(|| formats::markdown::read(black_box(&md)));
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
