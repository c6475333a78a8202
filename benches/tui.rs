//! The reader's responsiveness on `TestBackend`: start to the first complete frame
//! with the bundled briefings, and one frame at 200×60 after a key press.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use brief::action::Action;
use brief::config::{Config, ThemeName};
use brief::layout::Ambiguous;
use brief::reader::draw;
use brief::tui::initial_state;
use brief::tui::update::{Msg, update};
use brief::tui::view::View;
use brief::ui::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn bench(c: &mut Criterion) {
    let theme = Theme::new(ThemeName::Dark, true);
    c.bench_function("start to first frame (bundled, 160x45)", |b| {
        b.iter(|| {
            let (briefings, _) = brief::samples::load();
            let mut state = initial_state(briefings, Config::defaults(), Ambiguous::Narrow);
            let mut terminal = Terminal::new(TestBackend::new(160, 45)).expect("terminal");
            draw(&mut terminal, &mut state, &mut View::default(), &theme).expect("draws");
            black_box(terminal);
        });
    });

    let (briefings, _) = brief::samples::load();
    let mut state = initial_state(briefings, Config::defaults(), Ambiguous::Narrow);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    let mut view = View::default();
    draw(&mut terminal, &mut state, &mut view, &theme).expect("draws");
    let mut down = true;
    c.bench_function("key press + frame at 200x60", |b| {
        b.iter(|| {
            let action = if down { Action::Down } else { Action::Up };
            down = !down;
            update(&mut state, &view, Msg::Action(action));
            draw(&mut terminal, &mut state, &mut view, &theme).expect("draws");
        });
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
