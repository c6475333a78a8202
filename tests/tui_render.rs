//! Rendered screens of the reader: snapshots of the bundled briefings at three
//! sizes and of the help overlay, key sequences, and every small size.
#![cfg(feature = "tui")]

use brief::action::Action;
use brief::config::{Config, Language, ThemeName};
use brief::layout::Ambiguous;
use brief::reader::draw;
use brief::tui::initial_state;
use brief::tui::state::State;
use brief::tui::update::{Msg, update};
use brief::tui::view::View;
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

/// Draws one frame of `width`×`height`: the terminal and the frame's view model.
fn frame(state: &mut State, width: u16, height: u16) -> (Terminal<TestBackend>, View) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    let mut view = View::default();
    let theme = Theme::new(ThemeName::Dark, false);
    draw(&mut terminal, state, &mut view, &theme).expect("draws");
    (terminal, view)
}

fn screen(state: &mut State, width: u16, height: u16) -> String {
    frame(state, width, height).0.backend().to_string()
}

/// Keys pressed on a 100×30 screen.
fn press(state: &mut State, actions: &[Action]) {
    let (mut terminal, mut view) = frame(state, 100, 30);
    let theme = Theme::new(ThemeName::Dark, false);
    for a in actions {
        update(state, &view, Msg::Action(*a));
        draw(&mut terminal, state, &mut view, &theme).expect("draws");
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
    let (terminal, view) = frame(&mut s, 120, 30);
    // The frame as drawn (the backend's copy only receives the cells the diff sends).
    let area = ratatui::layout::Rect::new(0, 0, 120, 30);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    brief::ui::render(
        &s,
        &view,
        &Theme::new(ThemeName::Dark, false),
        area,
        &mut buf,
    );
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
    use brief::tui::field::Edit;
    let mut s = state(Language::Zh, Ambiguous::Narrow);
    let index = std::sync::Arc::new(brief::search::Index::build(&s.briefings));
    update(&mut s, &View::default(), Msg::IndexReady(index));
    press(&mut s, &[Action::Find]);
    for c in "净化盐湖推进城市建设优化营商环境打造一流服务高地".chars() {
        update(
            &mut s,
            &View::default(),
            Msg::Field(Edit::Insert(c.to_string())),
        );
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

/// The cells of the buffer as a grid of symbols, with the widths the terminal
/// will give them: a wide symbol hides the cell after it.
fn visible_rows(buf: &ratatui::buffer::Buffer) -> Vec<Vec<String>> {
    use unicode_width::UnicodeWidthStr;
    let area = buf.area;
    (area.top()..area.bottom())
        .map(|y| {
            let mut row = Vec::new();
            let mut hidden = 0;
            for x in area.left()..area.right() {
                let cell = &buf[(x, y)];
                if hidden > 0 {
                    hidden -= 1;
                    row.push(String::from("\u{0}"));
                    continue;
                }
                let width = match cell.diff_option {
                    ratatui::buffer::CellDiffOption::ForcedWidth(w) => usize::from(w.get()),
                    _ => cell.symbol().width(),
                };
                hidden = width.saturating_sub(1);
                row.push(cell.symbol().to_owned());
            }
            row
        })
        .collect()
}

/// Every cell of an overlay's double border is drawn and visible: none is
/// hidden under the right half of a wide character, and none is left beside
/// half a character.
fn assert_border_whole(buf: &ratatui::buffer::Buffer, what: &str) {
    let rows = visible_rows(buf);
    let corners: Vec<(usize, usize)> = rows
        .iter()
        .enumerate()
        .flat_map(|(y, r)| {
            r.iter()
                .enumerate()
                .filter(|(_, s)| s.as_str() == "╔")
                .map(move |(x, _)| (x, y))
        })
        .collect();
    assert!(!corners.is_empty(), "{what}: no overlay drawn");
    for (x0, y0) in corners {
        let x1 = (x0..rows[y0].len())
            .find(|&x| rows[y0][x] == "╗")
            .unwrap_or_else(|| panic!("{what}: the top right corner is hidden"));
        let y1 = (y0..rows.len())
            .find(|&y| rows[y][x0] == "╚")
            .unwrap_or_else(|| panic!("{what}: the left border is broken at column {x0}"));
        for (y, row) in rows.iter().enumerate().take(y1).skip(y0 + 1) {
            assert_eq!(row[x0], "║", "{what}: left border, row {y}");
            assert_eq!(row[x1], "║", "{what}: right border, row {y}");
            // No half of a wide character right outside the border.
            if let Some(after) = row.get(x1 + 1) {
                assert_ne!(after, "", "{what}: half a character right of row {y}");
            }
        }
        assert_eq!(rows[y1][x1], "╝", "{what}: bottom right corner");
    }
}

#[test]
fn overlays_keep_every_border_over_chinese_text() {
    use brief::tui::field::Edit;
    let sizes = (20..=160)
        .step_by(7)
        .flat_map(|w| [(w, 30), (w, 41), (w + 3, 24)]);
    let modes = [Ambiguous::Narrow, Ambiguous::Wide];
    for ((width, height), amb) in sizes.flat_map(|size| modes.map(|m| (size, m))) {
        for overlay in ["help", "finder", "note", "confirm"] {
            let mut s = state(Language::Zh, amb);
            let index = std::sync::Arc::new(brief::search::Index::build(&s.briefings));
            update(&mut s, &View::default(), Msg::IndexReady(index));
            match overlay {
                "help" => press(&mut s, &[Action::Help]),
                "finder" => {
                    press(&mut s, &[Action::Find]);
                    for c in "营商".chars() {
                        update(
                            &mut s,
                            &View::default(),
                            Msg::Field(Edit::Insert(c.to_string())),
                        );
                    }
                }
                "note" => press(
                    &mut s,
                    &[Action::FocusNext, Action::FocusNext, Action::EditNote],
                ),
                _ => press(&mut s, &[Action::MarkSection]),
            }
            let (terminal, _) = frame(&mut s, width, height);
            if width < 30 {
                continue;
            }
            assert_border_whole(
                terminal.backend().buffer(),
                &format!("{overlay} at {width}x{height}, ambiguous {amb:?}"),
            );
        }
    }
}

#[test]
fn pane_borders_and_truncated_names_stay_whole_at_every_size() {
    let borders = "│┃╭╮╰╯┏┓┗┛─━";
    for width in (24..=170).step_by(5) {
        for height in [8, 17, 30] {
            for amb in [Ambiguous::Narrow, Ambiguous::Wide] {
                let mut s = state(Language::Zh, amb);
                let (_, view) = frame(&mut s, width, height);
                let theme = Theme::new(ThemeName::Dark, false);
                let area = ratatui::layout::Rect::new(0, 0, width, height);
                let mut buf = ratatui::buffer::Buffer::empty(area);
                brief::ui::render(&s, &view, &theme, area, &mut buf);
                let rows = visible_rows(&buf);
                let panes = [view.departments, view.article, view.checklist];
                for pane in panes.into_iter().flatten() {
                    let (x0, x1) = (usize::from(pane.x), usize::from(pane.x + pane.width - 1));
                    for y in pane.y..pane.y + pane.height {
                        let row = &rows[usize::from(y)];
                        for x in [x0, x1] {
                            assert!(
                                borders.contains(row[x].as_str()),
                                "{width}x{height} {amb:?}: border cell ({x}, {y}) shows {:?}",
                                row[x]
                            );
                        }
                    }
                }
            }
        }
    }
}
