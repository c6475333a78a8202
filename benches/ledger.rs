//! The ledger over 10,000 items: what the ledger view does on each keystroke
//! of its filter (build the rows from the briefings and the marks, keep those
//! that match, in ledger order), and the exports' row building.
//!
//! The items are the bundled briefings' own, copied into as many briefings as
//! it takes, with lead units, deadlines (some passed) and statuses spread
//! over them by a fixed pseudo-random walk.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

use brief::briefing::Briefing;
use brief::briefing::ledger::{Due, DueKind, LeadFrom};
use brief::ledger::{Filter, entries, sort};
use brief::store::{Marks, Status};
use jiff::civil::{Date, date};

const ITEMS: usize = 10_000;
const LEADS: [&str; 8] = [
    "市住建局",
    "市财政局",
    "市城市管理局",
    "市自然资源和规划局",
    "市发展改革委",
    "市应急管理局",
    "市交通运输局",
    "市行政审批服务管理局",
];

fn today() -> Date {
    date(2026, 12, 1)
}

fn corpus() -> (Vec<Briefing>, Marks) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (sources, _) = brief::cli::load_all(&[root.join("briefings")]);
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let mut out = Vec::new();
    let mut marks = Marks::default();
    let mut count = 0;
    'fill: for copy in 0.. {
        for src in &sources {
            let mut b = src.clone();
            b.title = format!("{}（第{copy}期）", src.title);
            // The key a loaded briefing carries, for its new title.
            b.key = String::new();
            b.key = brief::store::briefing_key(&b).into_owned();
            b.path = format!("{}#{copy}", src.path);
            for s in &mut b.sections {
                for item in &mut s.items {
                    let lead = LEADS[usize::try_from(next(LEADS.len() as u64)).unwrap_or(0)];
                    item.followup.lead = Some(lead.into());
                    item.followup.lead_from = Some(LeadFrom::Explicit);
                    item.followup.set_support(["各区".to_owned()]);
                    // One in eight has no deadline; the rest fall within a
                    // year either side of today.
                    item.followup.set_due((next(8) != 0).then(|| {
                        let offset = i64::try_from(next(400)).unwrap_or(0) - 200;
                        Due {
                            text: "年底前".to_owned(),
                            date: today().checked_add(jiff::Span::new().days(offset)).ok(),
                            kind: DueKind::By,
                            assumed_year: false,
                            every: None,
                        }
                    }));
                }
            }
            for (s, section) in b.sections.iter().enumerate() {
                for item in &section.items {
                    let status = match next(10) {
                        0..=2 => Some(Status::InProgress),
                        3 => Some(Status::Done),
                        4 => Some(Status::Paused),
                        _ => None,
                    };
                    if let Some(status) = status {
                        marks.set_status(&b, s, item, status, "2026-11-20T02:00:00.000Z");
                    }
                }
                count += section.items.len();
            }
            out.push(b);
            if count >= ITEMS {
                break 'fill;
            }
        }
    }
    (out, marks)
}

fn ledger(c: &mut Criterion) {
    let (briefings, marks) = corpus();
    let total: usize = briefings
        .iter()
        .flat_map(|b| &b.sections)
        .map(|s| s.items.len())
        .sum();
    eprintln!("{} briefings, {total} items", briefings.len());
    let mut g = c.benchmark_group("ledger_10k");
    g.bench_function("entries", |b| {
        b.iter(|| entries(black_box(&briefings), &marks, today()));
    });
    // A keystroke in the view's filter: rows rebuilt, filtered and in order.
    for (name, filter) in [
        (
            "keystroke_lead",
            Filter {
                lead: Some("城市管理".into()),
                ..Filter::default()
            },
        ),
        (
            "keystroke_overdue_in_progress",
            Filter {
                status: Some(Status::InProgress),
                overdue_only: true,
                ..Filter::default()
            },
        ),
        (
            "keystroke_briefing",
            Filter {
                briefing: Some("第7期".into()),
                ..Filter::default()
            },
        ),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut rows = entries(black_box(&briefings), &marks, today());
                rows.retain(|e| filter.matches(e, &briefings));
                rows
            });
        });
    }
    let built = entries(&briefings, &marks, today());
    g.bench_function("sort_only", |b| {
        b.iter_batched(
            || {
                let mut v = built.clone();
                v.reverse();
                v
            },
            |mut v| {
                sort(&mut v);
                v
            },
            criterion::BatchSize::LargeInput,
        );
    });
    g.bench_function("export_rows", |b| {
        b.iter(|| brief::ledger_export::rows(black_box(&built), &briefings, &marks));
    });
    g.finish();
}

criterion_group!(benches, ledger);
criterion_main!(benches);
