//! The reader's ledger view on `TestBackend`: snapshots at 120×40 and 50×16
//! without colour (the rows marked by symbols), filtering, setting statuses,
//! adding progress, going to an item, and every small size.
//!
//! The items' lead units and due dates are set here by hand, as the
//! extraction will set them from the fixture's `（牵头单位：…；完成时限：…）`.
#![cfg(feature = "tui")]

use brief::action::Action;
use brief::briefing::ledger::{Due, DueKind, LeadFrom};
use brief::config::{Config, Language, ThemeName};
use brief::layout::Ambiguous;
use brief::reader::draw;
use brief::tui::field::Edit;
use brief::tui::initial_state;
use brief::tui::state::State;
use brief::tui::update::{LedgerInput, Msg, NoteInput, update};
use brief::tui::view::View;
use brief::ui::Theme;
use jiff::civil::{Date, date};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/ledger/tui纪要.txt"
);

/// A date as year, month and day.
type Ymd = (i16, i8, i8);

/// Lead units and deadlines of the fixture's six items, in reading order.
const FOLLOWUP: [(&str, &str, Option<Ymd>); 6] = [
    ("县住建局", "11月底前", Some((2026, 11, 30))),
    ("县城管局", "12月15日前", Some((2026, 12, 15))),
    ("县环卫中心", "2027年6月底前", Some((2027, 6, 30))),
    ("县妇联", "年底前", Some((2026, 12, 31))),
    ("县政府督查室", "10个工作日内", Some((2026, 11, 3))),
    ("县考核办", "长期坚持", None),
];

fn due(text: &str, at: Option<Date>) -> Due {
    Due {
        text: text.into(),
        date: at,
        kind: if at.is_some() {
            DueKind::By
        } else {
            DueKind::Ongoing
        },
        assumed_year: false,
        every: None,
    }
}

/// The fixture opened on 2026-12-01 (Beijing), lead units and deadlines set.
fn state() -> State {
    let mut b = brief::briefing::load(std::path::Path::new(FIXTURE)).expect("fixture");
    let items = b.sections.iter_mut().flat_map(|s| s.items.iter_mut());
    for (item, (lead, text, at)) in items.zip(FOLLOWUP) {
        item.followup.lead = Some(lead.into());
        item.followup.lead_from = Some(LeadFrom::Explicit);
        item.followup
            .set_due(Some(due(text, at.map(|(y, m, d)| date(y, m, d)))));
    }
    let mut config = Config::defaults();
    config.language = Language::Zh;
    let mut s = initial_state(vec![b], config, Ambiguous::Narrow);
    s.now = "2026-12-01T04:00:00.000Z".into();
    s
}

fn frame(s: &mut State, width: u16, height: u16) -> (Terminal<TestBackend>, View) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    let mut view = View::default();
    // NO_COLOR: the rows are told apart by their symbols alone.
    let theme = Theme::new(ThemeName::Dark, false);
    draw(&mut terminal, s, &mut view, &theme).expect("draws");
    (terminal, view)
}

fn screen(s: &mut State, width: u16, height: u16) -> String {
    frame(s, width, height).0.backend().to_string()
}

fn send(s: &mut State, msgs: impl IntoIterator<Item = Msg>) {
    let (_, view) = frame(s, 120, 40);
    for m in msgs {
        update(s, &view, m);
        frame(s, 120, 40);
    }
}

fn keys(s: &mut State, actions: &[Action]) {
    send(s, actions.iter().map(|a| Msg::Action(*a)));
}

fn typed(text: &str) -> Vec<Msg> {
    text.chars()
        .map(|c| Msg::Field(Edit::Insert(c.to_string())))
        .collect()
}

/// The screen's line that holds `text`.
fn line_with<'a>(out: &'a str, text: &str) -> &'a str {
    out.lines()
        .find(|l| l.contains(text))
        .unwrap_or_else(|| panic!("no line with {text:?}:\n{out}"))
}

fn widest(out: &str) -> usize {
    out.lines()
        .map(|l| {
            // TestBackend's Display quotes each line and may note hidden cells.
            let text = l
                .find("\" Hidden by")
                .map_or(l.trim_matches('"'), |end| &l[1..end]);
            brief::layout::str_width(text, Ambiguous::Narrow)
        })
        .max()
        .unwrap_or(0)
}

#[test]
fn the_ledger_at_120x40() {
    let mut s = state();
    keys(&mut s, &[Action::Ledger]);
    let out = screen(&mut s, 120, 40);
    for column in [
        "状态",
        "事项",
        "牵头单位",
        "时限",
        "剩余天数",
        "最新进展",
        "来源",
    ] {
        assert!(out.contains(column), "{column}:\n{out}");
    }
    // Overdue first, the longest overdue on top, marked with !.
    let lines: Vec<&str> = out.lines().collect();
    let first = lines
        .iter()
        .position(|l| l.contains("建立整治工作周报制度"));
    let second = lines
        .iter()
        .position(|l| l.contains("完成老城区背街小巷路面修补"));
    assert!(first < second, "{out}");
    let row = line_with(&out, "建立整治工作周报制度");
    assert!(row.contains("\"  !") || row.contains(" ! "), "{row}");
    assert!(row.contains("-28") && row.contains("2026-11-03"), "{row}");
    assert!(line_with(&out, "完成老城区背街小巷路面修补").contains("-1"));
    // Due within a week: none; within 14 days is not soon.
    assert!(!line_with(&out, "规范沿街店铺外摆").contains('·'));
    // Undated and ongoing last, with its words.
    assert!(line_with(&out, "将整治成效纳入年度考核").contains("长期坚持"));
    assert!(line_with(&out, "县环卫中心").contains("211"));
    assert!(out.contains("6/6 项 · 逾期 2"), "{out}");
    assert!(out.contains("今天 2026-12-01"), "{out}");
    // One briefing open: the source is the section.
    assert!(line_with(&out, "完成老城区背街小巷路面修补").contains("一、集中整治背街小巷"));
    assert!(widest(&out) <= 120);
    insta::assert_snapshot!(out);
}

#[test]
fn the_ledger_at_50x16_drops_progress_and_source() {
    let mut s = state();
    keys(&mut s, &[Action::Ledger]);
    let out = screen(&mut s, 50, 16);
    assert!(!out.contains("最新进展") && !out.contains("来源"), "{out}");
    assert!(out.contains("牵头单位") && out.contains("剩余"), "{out}");
    assert!(line_with(&out, "周报").contains('!'), "{out}");
    // Dates of this year in brief, of another year by the year.
    assert!(line_with(&out, "周报").contains("11-03"), "{out}");
    assert!(line_with(&out, "转运站").contains("2027"), "{out}");
    assert!(widest(&out) <= 50);
    insta::assert_snapshot!(out);
}

#[test]
fn the_filter_line_narrows_the_rows() {
    let mut s = state();
    keys(&mut s, &[Action::Ledger, Action::Find]);
    send(&mut s, typed("城管"));
    let out = screen(&mut s, 120, 40);
    assert!(out.contains("规范沿街店铺外摆"), "{out}");
    assert!(!out.contains("完成老城区背街小巷路面修补"), "{out}");
    assert!(out.contains("1/6 项"), "{out}");
    assert!(line_with(&out, "/ 城管").contains("城管"));
    // A status word, then overdue.
    send(&mut s, [Msg::Ledger(LedgerInput::Clear)]);
    keys(&mut s, &[Action::Find]);
    send(&mut s, typed("逾期"));
    let out = screen(&mut s, 120, 40);
    assert!(out.contains("2/6 项 · 逾期 2"), "{out}");
    send(&mut s, [Msg::Ledger(LedgerInput::Keep)]);
    let out = screen(&mut s, 120, 40);
    assert!(out.contains("/ 逾期"), "the filter stays shown:\n{out}");
    send(&mut s, [Msg::Ledger(LedgerInput::Clear)]);
    keys(&mut s, &[Action::Find]);
    send(&mut s, typed("没有这个单位"));
    let out = screen(&mut s, 120, 40);
    assert!(out.contains("没有符合筛选的事项"), "{out}");
}

#[test]
fn statuses_are_set_and_shown() {
    let mut s = state();
    keys(&mut s, &[Action::Ledger, Action::Top, Action::CycleStatus]);
    let out = screen(&mut s, 120, 40);
    assert!(
        line_with(&out, "建立整治工作周报制度").contains("推进中"),
        "{out}"
    );
    assert!(out.contains("「建立整治工作周报制度」：推进中"), "{out}");
    // Done: no longer overdue, dim and ticked, and further down.
    keys(&mut s, &[Action::StatusDone]);
    let out = screen(&mut s, 120, 40);
    let row = line_with(&out, "建立整治工作周报制度");
    assert!(row.contains("已完成") && row.contains('✓'), "{row}");
    assert!(!row.contains('!'), "{row}");
    assert!(out.contains("逾期 1"), "{out}");
    // Undo brings it back to 推进中 and overdue.
    keys(&mut s, &[Action::Undo]);
    let out = screen(&mut s, 120, 40);
    assert!(line_with(&out, "建立整治工作周报制度").contains("推进中"));
    assert!(out.contains("逾期 2"), "{out}");
    // The checklist ticks what the ledger marks done.
    keys(&mut s, &[Action::StatusDone, Action::Quit]);
    assert!(s.layers.is_empty());
    let b = &s.briefings[0];
    assert!(s.marks.is_done(b, &b.sections[3].items[0].id.hex()));
}

#[test]
fn a_progress_entry_is_written_in_the_editor() {
    let mut s = state();
    keys(
        &mut s,
        &[
            Action::Ledger,
            Action::Top,
            Action::Down,
            Action::AddProgress,
        ],
    );
    let out = screen(&mut s, 120, 40);
    assert!(
        out.contains("进展：一是 完成老城区背街小巷路面修补"),
        "{out}"
    );
    assert!(
        line_with(&out, "进展：").contains("═"),
        "drawn as a dialog:\n{out}"
    );
    send(&mut s, typed("已修补三条巷道"));
    send(&mut s, [Msg::Note(NoteInput::Save)]);
    let out = screen(&mut s, 120, 40);
    let row = line_with(&out, "完成老城区背街小巷路面修补");
    assert!(row.contains("已修补三条巷道"), "{row}");
    // A progress entry makes an untouched item 推进中.
    assert!(row.contains("推进中"), "{row}");
    insta::assert_snapshot!(out);
    keys(&mut s, &[Action::Undo]);
    let out = screen(&mut s, 120, 40);
    assert!(!out.contains("已修补三条巷道"), "{out}");
}

#[test]
fn enter_opens_the_item_in_the_article() {
    let mut s = state();
    keys(
        &mut s,
        &[Action::Ledger, Action::Bottom, Action::Up, Action::Select],
    );
    assert!(s.layers.is_empty());
    let out = screen(&mut s, 160, 45);
    // 开展垃圾分类入户宣传 is second to last (due at the end of the year is
    // before 2027; 长期坚持 has no date).
    assert_eq!(s.current, (0, 2));
    assert_eq!(
        s.selected_item()
            .map(|i| i.title(&s.section().expect("section").paragraphs)),
        Some("建成乡镇垃圾转运站三座")
    );
    assert!(out.contains("二、推进农村垃圾分类"), "{out}");
    // The checklist shows each item's due date and lead in brief.
    assert!(
        line_with(&out, "[ ] 一是 建成").contains("2027-06-30"),
        "{out}"
    );
    assert!(out.contains("12-31 · 县妇联"), "{out}");
}

#[test]
fn the_symbols_show_where_ambiguous_characters_are_wide() {
    let mut s = state();
    s.layout.ambiguous = Ambiguous::Wide;
    // 2026-12-10: 12-15 is five days away, so due soon.
    s.now = "2026-12-10T04:00:00.000Z".into();
    keys(&mut s, &[Action::Ledger]);
    let out = screen(&mut s, 120, 40);
    // Drawn two cells wide: the status follows in the cell after it.
    assert!(
        line_with(&out, "规范沿街店铺外摆").contains(" ·未启动"),
        "{out}"
    );
    assert!(
        line_with(&out, "建立整治工作周报制度").contains(" ! "),
        "{out}"
    );
    assert!(out.contains("今天 2026-12-10"), "{out}");
}

#[test]
fn english_labels_fit_their_columns() {
    let mut s = state();
    s.language = Language::En;
    keys(&mut s, &[Action::Ledger]);
    let out = screen(&mut s, 120, 40);
    let header = line_with(&out, "Status");
    for name in ["Item", "Lead", "Due", "Days", "Latest progress", "Source"] {
        assert!(header.contains(name), "{header}");
    }
    assert!(!header.contains('…'), "{header}");
    assert!(out.contains("6/6 items · 2 overdue"), "{out}");
    let out = screen(&mut s, 50, 16);
    assert!(line_with(&out, "Status").contains("Days"), "{out}");
}

#[test]
fn every_size_draws_the_ledger_without_panic() {
    let mut s = state();
    keys(&mut s, &[Action::Ledger]);
    for (w, h) in [
        (1, 1),
        (2, 2),
        (10, 3),
        (29, 5),
        (30, 5),
        (40, 6),
        (50, 16),
        (80, 24),
        (200, 60),
    ] {
        let out = screen(&mut s, w, h);
        assert!(widest(&out) <= usize::from(w), "{w}x{h}:\n{out}");
    }
    for amb in [Ambiguous::Narrow, Ambiguous::Wide] {
        s.layout.ambiguous = amb;
        for w in (1..=130).step_by(7) {
            for h in (1..=30).step_by(4) {
                screen(&mut s, w, h);
            }
        }
    }
}

/// The frame as drawn (the backend's copy only receives the cells the diff
/// sends, so a wide character's second cell keeps an old symbol there).
fn drawn(s: &mut State, theme: &Theme) -> ratatui::buffer::Buffer {
    let (_, view) = frame(s, 120, 40);
    let area = ratatui::layout::Rect::new(0, 0, 120, 40);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    brief::ui::render(s, &view, theme, area, &mut buf);
    buf
}

/// The colour of the status cell of the row that holds `text`.
fn row_colour(buf: &ratatui::buffer::Buffer, text: &str) -> ratatui::style::Color {
    let y = (0..40)
        .find(|&y| {
            let row: String = (0..120).map(|x| buf[(x, y)].symbol()).collect();
            row.contains(text)
        })
        .unwrap_or_else(|| panic!("no row {text}"));
    buf[(4, y)].fg
}

#[test]
fn overdue_soon_and_done_rows_are_coloured_in_every_theme() {
    use ratatui::style::Color;
    let mut s = state();
    // 2026-12-10: 12-15 is due soon; 周报 and 路面 are overdue. The last
    // row (考核, undated) is marked done, then the selection moves off it.
    s.now = "2026-12-10T04:00:00.000Z".into();
    keys(
        &mut s,
        &[
            Action::Ledger,
            Action::Bottom,
            Action::StatusDone,
            Action::Top,
        ],
    );
    for name in [ThemeName::Dark, ThemeName::Light, ThemeName::HighContrast] {
        let theme = Theme::new(name, true);
        let buf = drawn(&mut s, &theme);
        // The top row is selected: look at the second overdue one.
        let red = row_colour(&buf, "路面修补");
        assert!(matches!(red, Color::Red | Color::LightRed), "{name:?}");
        assert_eq!(Some(red), theme.overdue.fg, "{name:?}");
        let soon = row_colour(&buf, "外摆");
        assert!(
            matches!(soon, Color::Yellow | Color::LightYellow),
            "{name:?}"
        );
        assert_eq!(
            Some(row_colour(&buf, "纳入年度考核")),
            theme.done.fg,
            "{name:?}"
        );
        assert_eq!(
            row_colour(&buf, "宣传"),
            theme.base.fg.unwrap_or(Color::Reset)
        );
    }
}
