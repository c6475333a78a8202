//! Rendered screens of the reader: snapshots of the bundled briefings at three
//! sizes and of the help overlay, key sequences, and every small size.
#![cfg(feature = "tui")]

use brief::action::Action;
use brief::config::{Config, Language, ThemeName};
use brief::layout::Ambiguous;
use brief::tui::state::State;
use brief::tui::update::{Msg, update};
use brief::tui::{draw, initial_state};
use brief::ui::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn state(language: Language, ambiguous: Ambiguous) -> State {
    let (briefings, errors) = brief::samples::load();
    assert!(errors.is_empty());
    let mut config = Config::defaults();
    config.language = language;
    initial_state(briefings, config, ambiguous)
}

fn screen(state: &mut State, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    draw(&mut terminal, state, &Theme::new(ThemeName::Dark, false)).expect("draws");
    terminal.backend().to_string()
}

fn press(state: &mut State, actions: &[Action]) {
    for a in actions {
        update(state, Msg::Action(*a));
    }
}

#[test]
fn wide_160x45() {
    let mut s = state(Language::Zh, Ambiguous::Narrow);
    let out = screen(&mut s, 160, 45);
    assert!(out.contains("市大数据中心 刘志刚"));
    assert!(out.contains("一是 推行“一件事一次办”"));
    insta::assert_snapshot!(out);
}

#[test]
fn stacked_100x30_after_moving() {
    let mut s = state(Language::Zh, Ambiguous::Narrow);
    screen(&mut s, 100, 30);
    press(
        &mut s,
        &[
            Action::Down,
            Action::Down,
            Action::FocusPrev,
            Action::Down,
            Action::Select,
        ],
    );
    let out = screen(&mut s, 100, 30);
    assert!(out.contains("第二，拓展应用场景"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn single_pane_50x20() {
    let mut s = state(Language::En, Ambiguous::Narrow);
    let out = screen(&mut s, 50, 20);
    assert!(out.contains("Departments ‹1/3›"));
    insta::assert_snapshot!("single_departments", out);
    press(&mut s, &[Action::FocusNext]);
    let out = screen(&mut s, 50, 20);
    assert!(out.contains("Article ‹2/3›"));
    insta::assert_snapshot!("single_article", out);
}

#[test]
fn help_overlay() {
    let mut s = state(Language::Zh, Ambiguous::Narrow);
    press(&mut s, &[Action::Help]);
    let out = screen(&mut s, 100, 30);
    assert!(out.contains("帮助"));
    insta::assert_snapshot!(out);
}

#[test]
fn ambiguous_wide_mode_keeps_the_grid() {
    use ratatui::buffer::CellDiffOption;
    let mut s = state(Language::Zh, Ambiguous::Wide);
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).expect("terminal");
    draw(&mut terminal, &mut s, &Theme::new(ThemeName::Dark, false)).expect("draws");
    // The frame as drawn (the backend's copy only receives the cells the diff sends).
    let area = ratatui::layout::Rect::new(0, 0, 120, 30);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    brief::ui::render(&s, &Theme::new(ThemeName::Dark, false), area, &mut buf);
    let mut quotes = 0;
    for y in 0..30 {
        for x in 0..119 {
            let cell = &buf[(x, y)];
            if matches!(cell.symbol(), "“" | "”") {
                quotes += 1;
                // Drawn two columns wide: ratatui's diff must skip the next cell too.
                assert_eq!(
                    cell.diff_option,
                    CellDiffOption::ForcedWidth(std::num::NonZeroU16::new(2).expect("2")),
                    "at {x},{y}"
                );
                assert_eq!(buf[(x + 1, y)].symbol(), "", "at {x},{y}");
            }
        }
    }
    assert!(quotes > 4);
    insta::assert_snapshot!(terminal.backend().to_string());
}

#[test]
fn every_size_draws_without_panic() {
    let mut s = state(Language::Zh, Ambiguous::Narrow);
    for w in (1..=130).step_by(3) {
        for h in (1..=40).step_by(2) {
            screen(&mut s, w, h);
        }
    }
    press(&mut s, &[Action::Help]);
    for (w, h) in [
        (1, 1),
        (2, 3),
        (23, 5),
        (24, 6),
        (30, 8),
        (72, 12),
        (120, 10),
    ] {
        screen(&mut s, w, h);
    }
    let out = screen(&mut state(Language::Zh, Ambiguous::Narrow), 20, 4);
    assert!(out.contains("终端太小"), "{out}");
}

#[test]
fn a_long_query_never_covers_the_hit_count() {
    use brief::tui::update::FinderInput;
    let mut s = state(Language::Zh, Ambiguous::Narrow);
    let index = std::sync::Arc::new(brief::search::Index::build(&s.briefings));
    update(&mut s, Msg::IndexReady(index));
    press(&mut s, &[Action::Find]);
    for c in "净化盐湖推进城市建设优化营商环境打造一流服务高地".chars() {
        update(&mut s, Msg::Finder(FinderInput::Insert(c.to_string())));
    }
    for width in [40, 60, 100] {
        let out = screen(&mut s, width, 20);
        let query_row = out
            .lines()
            .find(|l| l.contains("/ "))
            .expect("the query line");
        assert!(query_row.contains(" 条"), "{width}: {query_row}");
        // The end of the query (where the caret is) stays in view.
        assert!(query_row.contains("高地"), "{width}: {query_row}");
    }
}
