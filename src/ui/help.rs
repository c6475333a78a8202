//! The help overlay: every action and the keys bound to it.

use crate::messages::Text;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Theme, put_truncated};
use crate::action::Action;
use crate::layout::str_width;
use crate::tui::layers::Help;
use crate::tui::state::State;

pub fn render(state: &State, help: Help, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let amb = state.layout.ambiguous;
    let rows: Vec<(String, std::borrow::Cow<str>)> = Action::ALL
        .iter()
        .map(|&a| {
            let keys: Vec<String> = state
                .config
                .keys
                .keys_for(a)
                .iter()
                .map(ToString::to_string)
                .collect();
            (keys.join(" "), state.text(&Text::ActionHelp(a)))
        })
        .collect();
    let key_w = rows
        .iter()
        .map(|(k, _)| str_width(k, amb))
        .max()
        .unwrap_or(0);
    let text_w = rows
        .iter()
        .map(|(_, t)| str_width(t, amb))
        .max()
        .unwrap_or(0);
    let want_w = u16::try_from(key_w + text_w + 7).unwrap_or(u16::MAX);
    let want_h = u16::try_from(rows.len() + 4).unwrap_or(u16::MAX);
    let popup = super::dialog::popup(area, want_w, want_h);
    let title = state.text(&Text::HelpTitle);
    let inner = super::dialog::frame(theme, popup, &title, amb, buf);
    let visible = usize::from(inner.height.saturating_sub(1));
    let scroll = help.scroll.min(rows.len().saturating_sub(visible));
    for (i, (keys, what)) in rows.iter().enumerate().skip(scroll).take(visible) {
        let y = inner.y + u16::try_from(i - scroll).unwrap_or(0);
        let kw = u16::try_from(key_w).unwrap_or(0).min(inner.width / 2);
        put_truncated(buf, inner.x + 1, y, kw, keys, theme.key, amb);
        put_truncated(
            buf,
            inner.x + 3 + kw,
            y,
            inner.width.saturating_sub(kw + 3),
            what,
            theme.base,
            amb,
        );
    }
    super::dialog::foot(state, inner, &state.text(&Text::HelpClose), theme, buf);
}
