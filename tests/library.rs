//! A library in the reader: more than twenty briefings are listed by month,
//! newest first, folded to their titles; months fold; the pane can show only
//! what is not done or overdue; briefings read again or removed keep every
//! other place in the list.
#![cfg(feature = "tui")]

use brief::action::Action;
use brief::briefing::{Briefing, Label, parse_text};
use brief::config::Config;
use brief::layout::Ambiguous;
use brief::library::{Month, Show};
use brief::tui::history::Line;
use brief::tui::initial_state;
use brief::tui::layers::Layer;
use brief::tui::state::{Row, State};
use brief::tui::update::{Msg, update};
use brief::tui::view::View;

/// A briefing of two speakers, filed under `folder`, dated by its text when
/// `date` is given; the first speaker's first task is due `due`.
fn briefing(folder: &str, n: usize, date: Option<&str>, due: &str) -> Briefing {
    let date_line = date.map_or(String::new(), |d| format!("时间：{d}\n\n"));
    let text = format!(
        "第{n}期工作交流发言摘编\n\n{date_line}抓好项目建设 推动高质量发展\n\n市水务局局长 孙耀民\n\n\
         \u{3000}\u{3000}我们将重点抓好三项工作。一是推进水网建设，{due}完成主干管网改造。二是加强河湖管护。\n\n\
         优化营商环境 服务市场主体\n\n市商务局局长 周文斌\n\n\
         \u{3000}\u{3000}一是深化帮办代办。二是开展走访活动，班子成员每人联系10家重点企业。\n"
    );
    parse_text(&format!("library/{folder}/{n:04}.txt"), &text)
}

/// 24 briefings over three months (January, March and one dated in its
/// text), opened on 2026-12-01.
fn library() -> State {
    let mut bs = Vec::new();
    for n in 0..10 {
        bs.push(briefing("2026-01", n, None, "2026年6月底前"));
    }
    for n in 10..23 {
        bs.push(briefing("2026-03", n, None, "2027年6月底前"));
    }
    // Filed in March, dated in May by its text: May wins.
    bs.push(briefing("2026-03", 23, Some("2026-05-08"), "2027年6月底前"));
    let mut s = initial_state(bs, Config::defaults(), Ambiguous::Narrow);
    s.now = "2026-12-01T04:00:00.000Z".into();
    s.rebuild_rows();
    s
}

#[allow(clippy::unnecessary_wraps)] // rows hold an optional month
fn month(year: i16, month: i8) -> Option<Month> {
    Some(Month { year, month })
}

fn keys(s: &mut State, actions: &[Action]) {
    for a in actions {
        update(s, &View::default(), Msg::Action(*a));
    }
}

fn months(s: &State) -> Vec<Option<Month>> {
    s.rows
        .iter()
        .filter_map(|r| match r {
            Row::Month(m) => Some(*m),
            _ => None,
        })
        .collect()
}

fn titles(s: &State) -> Vec<String> {
    s.rows
        .iter()
        .filter_map(|r| match r {
            Row::Briefing(b) => Some(s.briefings[*b].title.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_library_is_listed_by_month_newest_first_and_folded() {
    let s = library();
    assert_eq!(
        months(&s),
        vec![month(2026, 5), month(2026, 3), month(2026, 1)]
    );
    // Every briefing folded to its title: months and titles only.
    assert_eq!(s.rows.len(), 3 + 24);
    assert!(s.rows.iter().all(|r| !matches!(r, Row::Section(..))));
    let t = titles(&s);
    assert_eq!(t[0], "第23期工作交流发言摘编");
    // Within a month, by path.
    assert_eq!(t[1], "第10期工作交流发言摘编");
    assert_eq!(t[23], "第9期工作交流发言摘编");
    // A month's progress counts its briefings' items.
    assert_eq!(s.month_progress(month(2026, 1)), (0, 10 * 4));
}

#[test]
fn months_fold_and_unfold() {
    let mut s = library();
    s.row = s
        .rows
        .iter()
        .position(|r| *r == Row::Month(month(2026, 3)))
        .expect("March");
    keys(&mut s, &[Action::Select]);
    assert_eq!(s.rows.len(), 3 + 1 + 10, "March's 13 briefings are hidden");
    assert_eq!(s.rows[s.row], Row::Month(month(2026, 3)));
    keys(&mut s, &[Action::ToggleCollapse]);
    assert_eq!(s.rows.len(), 3 + 24);
    // Unfolding a briefing shows its speakers under it.
    keys(&mut s, &[Action::Down, Action::Select]);
    assert!(matches!(s.rows[s.row + 1], Row::Section(_, 0)));
}

#[test]
fn the_pane_shows_only_what_is_open_or_overdue() {
    let mut s = library();
    // Every item of the May briefing done.
    let may = s.rows[1];
    let Row::Briefing(b) = may else {
        panic!("the May briefing follows its month: {may:?}");
    };
    s.row = 1;
    keys(&mut s, &[Action::Select, Action::Down]);
    for _ in 0..2 {
        keys(&mut s, &[Action::MarkSection]);
        update(
            &mut s,
            &View::default(),
            Msg::Answer(brief::tui::update::Answer::Yes),
        );
        keys(&mut s, &[Action::NextSection]);
    }
    assert_eq!(s.briefing_progress(b), (4, 4));
    keys(&mut s, &[Action::CycleShow]);
    assert_eq!(s.show, Show::Open);
    assert!(
        !s.rows.contains(&Row::Briefing(b)),
        "a finished briefing goes"
    );
    assert_eq!(months(&s), vec![month(2026, 3), month(2026, 1)]);
    // Overdue: January's tasks were due by the end of June 2026.
    keys(&mut s, &[Action::CycleShow]);
    assert_eq!(s.show, Show::Overdue);
    assert_eq!(months(&s), vec![month(2026, 1)]);
    assert_eq!(titles(&s).len(), 10);
    keys(&mut s, &[Action::CycleShow]);
    assert_eq!(s.show, Show::All);
    assert_eq!(months(&s).len(), 3);
    assert_eq!(titles(&s).len(), 24);
}

#[test]
fn a_briefing_read_again_or_removed_keeps_the_others_in_place() {
    let mut s = library();
    let n = s.briefings.len();
    let path = s.briefings[5].path.clone();
    let other = s.briefings[6].path.clone();
    // Read again with one speaker fewer.
    let mut changed = briefing("2026-01", 5, None, "2026年6月底前");
    changed.sections.truncate(1);
    s.put(changed, 5);
    s.rebuild_rows();
    assert_eq!(s.briefings.len(), n);
    assert_eq!(s.briefings[5].path, path);
    assert_eq!(s.briefings[5].sections.len(), 1);
    assert_eq!(s.briefings[6].path, other);
    // Removed: its row goes, its place stays empty.
    assert_eq!(s.remove_under("library/2026-01"), 10);
    s.rebuild_rows();
    assert_eq!(s.briefings.len(), n);
    assert_eq!(months(&s), vec![month(2026, 5), month(2026, 3)]);
    assert_eq!(s.open_count(), 14);
    // Back again, in the same place.
    s.put(briefing("2026-01", 5, None, "2026年6月底前"), 5);
    s.rebuild_rows();
    assert_eq!(s.briefings.len(), n);
    assert_eq!(s.open_count(), 15);
}

#[test]
fn a_few_briefings_keep_the_order_given() {
    let bs = vec![
        briefing("2026-03", 2, None, "6月底前"),
        briefing("2026-01", 1, None, "6月底前"),
    ];
    let s = initial_state(bs, Config::defaults(), Ambiguous::Narrow);
    assert!(months(&s).is_empty());
    assert_eq!(
        titles(&s),
        vec!["第2期工作交流发言摘编", "第1期工作交流发言摘编"]
    );
}

#[test]
fn one_department_across_the_library_newest_first() {
    let mut s = library();
    // The water bureau is named three ways across the library.
    for (b, name) in [(3, "临河市水务局"), (4, "水务局")] {
        std::sync::Arc::make_mut(&mut s.briefings[b]).sections[0]
            .set_label(Label::Department, Some(name));
    }
    std::sync::Arc::make_mut(&mut s.briefings[7]).sections[0]
        .set_label(Label::Department, Some("平陆县水务局"));
    // Open the first briefing (May's) and its water bureau.
    s.row = 1;
    keys(&mut s, &[Action::Select, Action::Down, Action::Department]);
    let h = match s.layers.top() {
        Some(Layer::History(h)) => h.clone(),
        other => panic!("the history is open: {other:?}"),
    };
    assert_eq!(h.name, "市水务局");
    // Every briefing's water bureau but the county's, each with two items.
    assert_eq!(h.statements, 23);
    assert_eq!(h.lines.len(), 23 * 3);
    let first = h.lines[0].section();
    assert_eq!(s.briefings[first.0].title, "第23期工作交流发言摘编");
    let briefings: Vec<usize> = h
        .lines
        .iter()
        .filter_map(|l| match l {
            Line::Statement(b, _) => Some(*b),
            Line::Item(..) => None,
        })
        .collect();
    assert!(briefings.contains(&3) && briefings.contains(&4));
    assert!(!briefings.contains(&7));
    // The last statement is January's; Enter on its second item goes there.
    keys(&mut s, &[Action::Bottom, Action::Select]);
    assert!(s.layers.top().is_none());
    let last = *briefings.last().expect("statements");
    assert_eq!(s.current, (last, 0));
    assert_eq!(s.selected_item_index(), 1);
    assert_eq!(s.focus, brief::tui::state::Pane::Checklist);
    assert_eq!(s.shelves[last].month, month(2026, 1));
}
