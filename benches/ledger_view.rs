//! The reader's ledger view over 10,000 items: opening it, one keystroke in
//! the filter line (the rows narrowed again), the rows rebuilt and sorted
//! (after a status change), and a keystroke with the frame drawn at 200×60.

use criterion::{Criterion, criterion_group, criterion_main};
use std::fmt::Write;
use std::hint::black_box;

use brief::action::Action;
use brief::briefing::Briefing;
use brief::briefing::ledger::{Due, DueKind, LeadFrom};
use brief::config::{Config, ThemeName};
use brief::layout::Ambiguous;
use brief::reader::draw;
use brief::tui::field::Edit;
use brief::tui::initial_state;
use brief::tui::ledger::Ledger;
use brief::tui::update::{Msg, update};
use brief::tui::view::View;
use brief::ui::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const UNITS: [&str; 8] = [
    "县住建局",
    "县城管局",
    "县环卫中心",
    "县妇联",
    "县政府督查室",
    "县考核办",
    "县交通运输局",
    "县市场监管局",
];

/// `briefings` briefings of 100 sections of ten items each, with lead units
/// and due dates spread over two years.
fn corpus(briefings: usize) -> Vec<Briefing> {
    let mut n = 0usize;
    (0..briefings)
        .map(|k| {
            let mut text = format!("第{k}期督办简报\n\n");
            for s in 0..100 {
                let _ = write!(
                    text,
                    "推进第{s}项重点工作 狠抓落实\n\n县第{s}工作组组长 王{s}\n\n"
                );
                for (i, numeral) in NUMERALS.iter().enumerate() {
                    let _ = write!(
                        text,
                        "{numeral}是完成第{s}组第{i}项整治任务。逐条建档，按期销号。"
                    );
                }
                text.push_str("\n\n");
            }
            let mut b = brief::briefing::parse_text(&format!("简报{k}.txt"), &text);
            for item in b.sections.iter_mut().flat_map(|s| s.items.iter_mut()) {
                n += 1;
                let day = i32::try_from(n % 700).unwrap_or(0);
                let date = jiff::civil::date(2026, 1, 1)
                    .checked_add(jiff::Span::new().days(day))
                    .ok();
                item.followup.lead = Some(UNITS[n % UNITS.len()].into());
                item.followup.lead_from = Some(LeadFrom::Explicit);
                item.followup.set_due(Some(Due {
                    text: "月底前".into(),
                    date,
                    kind: DueKind::By,
                    assumed_year: false,
                    every: None,
                }));
            }
            b
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let briefings: Vec<std::sync::Arc<_>> =
        corpus(10).into_iter().map(std::sync::Arc::new).collect();
    let items: usize = briefings
        .iter()
        .flat_map(|b| &b.sections)
        .map(|s| s.items.len())
        .sum();
    assert_eq!(items, 10_000, "the corpus has 10,000 items");
    let marks = brief::store::Marks::default();
    let today = jiff::civil::date(2026, 12, 1);

    c.bench_function("ledger 10k: opening the view", |b| {
        b.iter(|| black_box(Ledger::new(&briefings, &marks, today, 0).shown.len()));
    });
    let mut ledger = Ledger::new(&briefings, &marks, today, 0);
    // Typing 督查 then taking it back: each keystroke narrows the rows again.
    let steps = [
        Edit::Insert("督".into()),
        Edit::Insert("查".into()),
        Edit::Backspace,
        Edit::Backspace,
    ];
    let mut step = 0;
    c.bench_function("ledger 10k: one filter keystroke", |b| {
        b.iter(|| {
            ledger.filter.apply(&steps[step % steps.len()]);
            step += 1;
            ledger.apply_filter(&briefings);
            black_box(ledger.shown.len());
        });
    });
    c.bench_function("ledger 10k: rows rebuilt and sorted", |b| {
        let mut generation = 0;
        b.iter(|| {
            generation += 1;
            ledger.refresh(&briefings, &marks, today, generation);
            black_box(ledger.rows.len());
        });
    });

    // In the reader: a keystroke in the filter line and the frame drawn.
    let theme = Theme::new(ThemeName::Dark, true);
    let briefings: Vec<_> = briefings.iter().map(|b| b.as_ref().clone()).collect();
    let mut state = initial_state(briefings, Config::defaults(), Ambiguous::Narrow);
    state.now = "2026-12-01T04:00:00.000Z".into();
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    let mut view = View::default();
    draw(&mut terminal, &mut state, &mut view, &theme).expect("draws");
    update(&mut state, &view, Msg::Action(Action::Ledger));
    update(&mut state, &view, Msg::Action(Action::Find));
    draw(&mut terminal, &mut state, &mut view, &theme).expect("draws");
    let mut step = 0;
    c.bench_function("ledger 10k: keystroke + frame at 200x60", |b| {
        b.iter(|| {
            update(
                &mut state,
                &view,
                Msg::Field(steps[step % steps.len()].clone()),
            );
            step += 1;
            draw(&mut terminal, &mut state, &mut view, &theme).expect("draws");
        });
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
