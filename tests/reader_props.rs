//! Property tests of the reader as a whole: any sequence of keys, edits, clicks,
//! answers and save outcomes, at any terminal size, keeps the state sound.
//! Nothing panics; at most one overlay of each kind is open; the caret sits on
//! a character boundary; every frame draws, with the cursor inside it; and the
//! marks shown are the marks saved whenever a save has failed last.
#![cfg(feature = "tui")]

use std::sync::{Arc, OnceLock};

use brief::action::Action;
use brief::config::{Config, Language};
use brief::layout::Ambiguous;
use brief::messages::Problem;
use brief::reader::draw;
use brief::search::Index;
use brief::tui::field::Edit;
use brief::tui::initial_state;
use brief::tui::layers::Layer;
use brief::tui::state::State;
use brief::tui::update::{Answer, Effect, FinderInput, Msg, NoteInput, Scroll, update};
use brief::tui::view::View;
use brief::ui::Theme;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// One thing that can happen to the reader.
#[derive(Debug, Clone)]
enum Step {
    Msg(Msg),
    /// The terminal changes size.
    Resize(u16, u16),
    /// The save the last message asked for succeeds or fails.
    SaveOutcome(bool),
}

fn index() -> Arc<Index> {
    static INDEX: OnceLock<Arc<Index>> = OnceLock::new();
    Arc::clone(INDEX.get_or_init(|| {
        let (briefings, _) = brief::samples::load();
        Arc::new(Index::build(
            &briefings.into_iter().map(Arc::new).collect::<Vec<_>>(),
        ))
    }))
}

fn step() -> impl Strategy<Value = Step> {
    let action = prop::sample::select(Action::ALL.to_vec()).prop_map(|a| Step::Msg(Msg::Action(a)));
    let text = prop::sample::select(vec![
        "净",
        "化",
        "jh",
        "yh",
        " ",
        "\n",
        "👨\u{200d}👩\u{200d}👧",
        "e\u{301}",
        "“",
        "x",
    ]);
    let edit = prop_oneof![
        text.prop_map(|t| Edit::Insert(t.to_owned())),
        Just(Edit::Backspace),
        Just(Edit::Delete),
        Just(Edit::Left),
        Just(Edit::Right),
        Just(Edit::WordLeft),
        Just(Edit::WordRight),
        Just(Edit::Home),
        Just(Edit::End),
        Just(Edit::DeleteWord),
    ]
    .prop_map(|e| Step::Msg(Msg::Field(e)));
    let note = prop::sample::select(vec![
        NoteInput::Newline,
        NoteInput::Up,
        NoteInput::Down,
        NoteInput::Save,
        NoteInput::Cancel,
    ])
    .prop_map(|n| Step::Msg(Msg::Note(n)));
    let finder = prop::sample::select(vec![
        FinderInput::Up,
        FinderInput::Down,
        FinderInput::Jump,
        FinderInput::Close,
    ])
    .prop_map(|f| Step::Msg(Msg::Finder(f)));
    let answer =
        prop::sample::select(vec![Answer::Yes, Answer::No]).prop_map(|a| Step::Msg(Msg::Answer(a)));
    let mouse = (0u16..200, 0u16..60, 0u8..3).prop_map(|(column, row, kind)| {
        Step::Msg(match kind {
            0 => Msg::Click { column, row },
            1 => Msg::Wheel {
                column,
                row,
                direction: Scroll::Up,
            },
            _ => Msg::Wheel {
                column,
                row,
                direction: Scroll::Down,
            },
        })
    });
    let resize = (1u16..200, 1u16..60).prop_map(|(w, h)| Step::Resize(w, h));
    prop_oneof![
        4 => action,
        4 => edit,
        2 => note,
        2 => finder,
        2 => answer,
        1 => mouse,
        1 => resize,
        1 => any::<bool>().prop_map(Step::SaveOutcome),
        1 => Just(Step::Msg(Msg::IndexReady(index()))),
    ]
}

fn state(language: Language) -> State {
    let (briefings, _) = brief::samples::load();
    let mut config = Config::defaults();
    config.language = language;
    initial_state(briefings, config, Ambiguous::Narrow)
}

fn check(state: &State) {
    let count = |f: fn(&Layer) -> bool| state.layers.iter().filter(|l| f(l)).count();
    assert!(count(|l| matches!(l, Layer::Finder(_))) <= 1);
    assert!(count(|l| matches!(l, Layer::Editor(_))) <= 1);
    assert!(count(|l| matches!(l, Layer::Help(_))) <= 1);
    if let Some(ed) = state.layers.editor() {
        assert!(ed.text().is_char_boundary(ed.field.caret()));
    }
    if let Some(f) = state.layers.finder() {
        assert!(f.field.text().is_char_boundary(f.field.caret()));
        assert!(!f.field.text().contains('\n'), "a query is one line");
        assert!(f.hits.is_empty() || f.selected < f.hits.len());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_input_keeps_the_reader_sound(
        steps in prop::collection::vec(step(), 1..60),
        zh in any::<bool>(),
    ) {
        let mut s = state(if zh { Language::Zh } else { Language::En });
        let theme = Theme::new(brief::config::ThemeName::Dark, false);
        let (mut width, mut height) = (100u16, 30u16);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        let mut view = View::default();
        let mut pending_save = false;
        for step in steps {
            match step {
                Step::Msg(msg) => {
                    s.now = "2026-11-30T10:00:00.000Z".into();
                    if update(&mut s, &view, msg) == Some(Effect::Save) {
                        pending_save = true;
                    }
                }
                Step::Resize(w, h) => {
                    (width, height) = (w, h);
                    terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
                }
                Step::SaveOutcome(ok) if pending_save => {
                    pending_save = false;
                    let outcome = if ok {
                        Ok(s.marks.clone())
                    } else {
                        Err(Problem::Io {
                            path: "state.toml".into(),
                            kind: std::io::ErrorKind::StorageFull,
                            detail: "No space left on device".into(),
                        })
                    };
                    update(&mut s, &view, Msg::Saved(outcome));
                    if !ok {
                        prop_assert_eq!(&s.marks, &s.saved, "the screen shows what is saved");
                    }
                }
                Step::SaveOutcome(_) => {}
            }
            check(&s);
            draw(&mut terminal, &mut s, &mut view, &theme).expect("draws");
            let cursor = terminal.get_cursor_position().expect("cursor");
            prop_assert!(cursor.x <= width && cursor.y <= height);
        }
    }
}
