//! Settings and the key map. Defaults are embedded (`config.default.toml`); the
//! user's file is layered over them. Errors name the file, the key and the line.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::action::Action;
use crate::layout::Ambiguous;

pub const DEFAULT_CONFIG: &str = include_str!("config.default.toml");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeName {
    Dark,
    Light,
    HighContrast,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Zh,
    En,
}

/// The `ambiguous_width` setting: ask the terminal, or a fixed width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmbiguousSetting {
    Auto,
    Fixed(Ambiguous),
}

impl AmbiguousSetting {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "auto" => Some(AmbiguousSetting::Auto),
            "1" => Some(AmbiguousSetting::Fixed(Ambiguous::Narrow)),
            "2" => Some(AmbiguousSetting::Fixed(Ambiguous::Wide)),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub theme: ThemeName,
    pub ambiguous: AmbiguousSetting,
    pub mouse: bool,
    pub language: Language,
    pub hanging: bool,
    /// The fuzzy matcher behind search.
    pub engine: crate::search::engine::EngineKind,
    pub keys: KeyMap,
}

#[derive(Debug, thiserror::Error)]
#[error("{path}:{line}: {message}")]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: usize,
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    theme: Option<String>,
    ambiguous_width: Option<toml::Value>,
    mouse: Option<bool>,
    language: Option<String>,
    hanging_punctuation: Option<bool>,
    search: Option<RawSearch>,
    keys: Option<BTreeMap<String, KeySpec>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSearch {
    engine: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum KeySpec {
    One(String),
    Many(Vec<String>),
}

impl KeySpec {
    fn keys(&self) -> Vec<&str> {
        match self {
            KeySpec::One(k) => vec![k.as_str()],
            KeySpec::Many(ks) => ks.iter().map(String::as_str).collect(),
        }
    }
}

/// Where to look for the user's file: `--config`, then `BRIEF_CONFIG`, then
/// the platform's config folder: `$XDG_CONFIG_HOME/brief/config.toml` (or
/// `~/.config/brief/config.toml`) on Linux, `~/Library/Application
/// Support/brief/config.toml` on macOS, `%APPDATA%\brief\config\config.toml`
/// on Windows.
pub fn config_path(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return Some(p.to_owned());
    }
    if let Some(p) = std::env::var_os("BRIEF_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    project_dirs().map(|d| d.config_dir().join("config.toml"))
}

/// The platform's folders for brief's settings and data.
pub fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "brief")
}

impl Config {
    /// The defaults alone.
    pub fn defaults() -> Config {
        let mut c = Config {
            theme: ThemeName::Dark,
            ambiguous: AmbiguousSetting::Auto,
            mouse: true,
            language: language_from_locale(),
            hanging: false,
            engine: crate::search::engine::EngineKind::default(),
            keys: KeyMap::default(),
        };
        // The embedded defaults are tested; they cannot fail.
        if let Err(e) = c.layer(Path::new("(defaults)"), DEFAULT_CONFIG) {
            unreachable!("embedded defaults are valid: {e}");
        }
        c
    }

    /// The defaults with the user's file over them. A missing file at the
    /// default location is fine; a named one that is missing is an error.
    pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        let mut c = Config::defaults();
        let named =
            explicit.is_some() || std::env::var_os("BRIEF_CONFIG").is_some_and(|p| !p.is_empty());
        let Some(path) = config_path(explicit) else {
            return Ok(c);
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => c.layer(&path, &text)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !named => {}
            Err(e) => {
                return Err(ConfigError {
                    path,
                    line: 0,
                    message: format!("cannot read: {e}"),
                });
            }
        }
        Ok(c)
    }

    /// Applies one file's settings over these.
    pub fn layer(&mut self, path: &Path, text: &str) -> Result<(), ConfigError> {
        let err = |line: usize, message: String| ConfigError {
            path: path.to_owned(),
            line,
            message,
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |s| {
                text[..s.start.min(text.len())].matches('\n').count() + 1
            });
            err(line, e.message().trim().to_owned())
        })?;
        if let Some(t) = raw.theme {
            self.theme = match t.as_str() {
                "dark" => ThemeName::Dark,
                "light" => ThemeName::Light,
                "high_contrast" => ThemeName::HighContrast,
                _ => {
                    return Err(err(
                        line_of(text, "theme"),
                        format!("theme: expected dark, light or high_contrast, not {t:?}"),
                    ));
                }
            };
        }
        if let Some(v) = raw.ambiguous_width {
            let s = match &v {
                toml::Value::String(s) => s.clone(),
                toml::Value::Integer(i) => i.to_string(),
                other => other.to_string(),
            };
            self.ambiguous = AmbiguousSetting::parse(&s).ok_or_else(|| {
                err(
                    line_of(text, "ambiguous_width"),
                    format!("ambiguous_width: expected \"auto\", 1 or 2, not {v}"),
                )
            })?;
        }
        if let Some(m) = raw.mouse {
            self.mouse = m;
        }
        if let Some(h) = raw.hanging_punctuation {
            self.hanging = h;
        }
        if let Some(l) = raw.language {
            self.language = match l.as_str() {
                "auto" => language_from_locale(),
                "zh" => Language::Zh,
                "en" => Language::En,
                _ => {
                    return Err(err(
                        line_of(text, "language"),
                        format!("language: expected auto, zh or en, not {l:?}"),
                    ));
                }
            };
        }
        if let Some(name) = raw.search.and_then(|s| s.engine) {
            self.engine = crate::search::engine::EngineKind::parse(&name).ok_or_else(|| {
                err(
                    line_of(text, "engine"),
                    format!(
                        "search.engine: expected \"frizbee\" or \"fuzzy-matcher\", not {name:?}"
                    ),
                )
            })?;
        }
        for (name, spec) in raw.keys.unwrap_or_default() {
            let line = line_of(text, &name);
            let action = Action::from_name(&name)
                .ok_or_else(|| err(line, format!("keys.{name}: no such action")))?;
            let mut keys = Vec::new();
            for k in spec.keys() {
                keys.push(
                    Key::parse(k).ok_or_else(|| {
                        err(line, format!("keys.{name}: cannot read the key {k:?}"))
                    })?,
                );
            }
            self.keys.bind(action, keys);
        }
        Ok(())
    }
}

/// The first line where `key =` is set (for errors from values serde accepted).
fn line_of(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            let l = l
                .strip_prefix('"')
                .and_then(|r| r.strip_prefix(key))
                .and_then(|r| r.strip_prefix('"'))
                .or_else(|| l.strip_prefix(key));
            l.is_some_and(|r| r.trim_start().starts_with('='))
        })
        .map_or(1, |i| i + 1)
}

fn language_from_locale() -> Language {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Some(v) = std::env::var_os(var).filter(|v| !v.is_empty()) {
            return if v.to_string_lossy().starts_with("zh") {
                Language::Zh
            } else {
                Language::En
            };
        }
    }
    Language::En
}

/// A key as the config names it, independent of the terminal library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    Backspace,
    Delete,
    Insert,
    F(u8),
}

impl Key {
    pub fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub fn parse(spec: &str) -> Option<Key> {
        let mut rest = spec;
        let (mut ctrl, mut alt, mut shift) = (false, false, false);
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1 && lower.starts_with("ctrl-") {
                ctrl = true;
                rest = &rest[5..];
            } else if rest.chars().count() > 1 && lower.starts_with("alt-") {
                alt = true;
                rest = &rest[4..];
            } else if rest.chars().count() > 1 && lower.starts_with("shift-") {
                shift = true;
                rest = &rest[6..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if shift => KeyCode::Char(c.to_uppercase().next().unwrap_or(c)),
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "space" => KeyCode::Char(' '),
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if shift => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pgup" | "pageup" => KeyCode::PageUp,
                "pgdn" | "pagedown" => KeyCode::PageDown,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" | "ins" => KeyCode::Insert,
                f => KeyCode::F(
                    f.strip_prefix('f')?
                        .parse()
                        .ok()
                        .filter(|n| (1..=24).contains(n))?,
                ),
            },
        };
        Some(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Insert => f.write_str("Ins"),
            KeyCode::F(n) => write!(f, "F{n}"),
        }
    }
}

/// Keys to actions. Binding an action replaces its keys (a key bound elsewhere
/// moves to it).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeyMap {
    map: BTreeMap<Key, Action>,
    /// Each action's keys in the order the config lists them (hints show the first).
    order: BTreeMap<Action, Vec<Key>>,
}

impl KeyMap {
    pub fn bind(&mut self, action: Action, keys: Vec<Key>) {
        self.map.retain(|_, a| *a != action);
        for k in &keys {
            if let Some(previous) = self.map.insert(*k, action)
                && let Some(list) = self.order.get_mut(&previous)
            {
                list.retain(|x| x != k);
            }
        }
        self.order.insert(action, keys);
    }

    pub fn action(&self, key: &Key) -> Option<Action> {
        self.map.get(key).copied()
    }

    /// The keys bound to an action, in a stable order.
    pub fn keys_for(&self, action: Action) -> Vec<Key> {
        self.order.get(&action).cloned().unwrap_or_default()
    }

    /// The first key of an action as shown in hints, or "".
    pub fn hint(&self, action: Action) -> String {
        self.keys_for(action)
            .first()
            .map(ToString::to_string)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse_and_bind_every_action() {
        let c = Config::defaults();
        for a in Action::ALL {
            assert!(!c.keys.keys_for(a).is_empty(), "{a:?} has no key");
        }
        assert_eq!(
            c.keys.action(&Key::plain(KeyCode::Char('？'))),
            Some(Action::Help)
        );
        assert_eq!(
            c.keys.action(&Key::parse("ctrl-d").expect("key")),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            c.keys.action(&Key::plain(KeyCode::Char('G'))),
            Some(Action::Bottom)
        );
        assert_eq!(c.keys.hint(Action::Quit), "q");
        // A key taken by another action leaves the first one's list.
        let mut k = c.keys.clone();
        k.bind(Action::Help, vec![Key::plain(KeyCode::Char('q'))]);
        assert_eq!(k.hint(Action::Quit), "Esc");
    }

    #[test]
    fn user_settings_layer_over_the_defaults() {
        let mut c = Config::defaults();
        c.layer(
            Path::new("u.toml"),
            "theme = \"light\"\nambiguous_width = 2\n[keys]\nquit = \"x\"\n",
        )
        .expect("valid");
        assert_eq!(c.theme, ThemeName::Light);
        assert_eq!(c.ambiguous, AmbiguousSetting::Fixed(Ambiguous::Wide));
        assert_eq!(
            c.keys.action(&Key::plain(KeyCode::Char('x'))),
            Some(Action::Quit)
        );
        assert_eq!(c.keys.action(&Key::plain(KeyCode::Char('q'))), None);
        assert!(c.mouse);
    }

    #[test]
    fn the_search_engine_is_a_setting() {
        use crate::search::engine::EngineKind;
        assert_eq!(Config::defaults().engine, EngineKind::Frizbee);
        let mut c = Config::defaults();
        c.layer(
            Path::new("c.toml"),
            "[search]\nengine = \"fuzzy-matcher\"\n",
        )
        .expect("reads");
        assert_eq!(c.engine, EngineKind::FuzzyMatcher);
        let e = c
            .layer(
                Path::new("c.toml"),
                "mouse = true\n[search]\nengine = \"nucleo\"\n",
            )
            .expect_err("refused");
        assert_eq!(e.line, 3);
        assert!(e.message.contains("search.engine"), "{e}");
        // Both engines find Chinese text, ranked by brief's own bonuses.
        let b = crate::briefing::parse_text(
            "t.txt",
            "标题\n\n珍惜发展机遇 推进城市建设\n\n市城市管理局局长 赵高堂\n\n导语。一是净化盐湖。二是洒扫门庭。\n",
        );
        for (_, kind) in EngineKind::NAMES {
            let index =
                crate::search::Index::build(&[std::sync::Arc::new(b.clone())]).with_engine(kind);
            let hits = index.search("净化", 5);
            assert_eq!(index.text(hits[0].entry), "净化盐湖", "{kind:?}");
        }
    }

    #[test]
    fn errors_name_file_key_and_line() {
        let cases = [
            (
                "mouse = true\ncolour = \"red\"\n",
                "u.toml:2: unknown field `colour`",
            ),
            (
                "mouse = true\n\ntheme = \"pink\"\n",
                "u.toml:3: theme: expected",
            ),
            (
                "ambiguous_width = 3\n",
                "u.toml:1: ambiguous_width: expected",
            ),
            (
                "[keys]\nquit = \"q\"\nfly = \"f\"\n",
                "u.toml:3: keys.fly: no such action",
            ),
            (
                "[keys]\nquit = \"ctrl-nope\"\n",
                "u.toml:2: keys.quit: cannot read the key",
            ),
            ("mouse = \"yes\"\n", "u.toml:1:"),
        ];
        for (text, want) in cases {
            let mut c = Config::defaults();
            let e = c
                .layer(Path::new("u.toml"), text)
                .expect_err(text)
                .to_string();
            assert!(e.starts_with(want), "{e}");
        }
    }

    #[test]
    fn key_specs() {
        assert_eq!(Key::parse("space"), Some(Key::plain(KeyCode::Char(' '))));
        assert_eq!(Key::parse("shift-tab"), Some(Key::plain(KeyCode::BackTab)));
        assert_eq!(Key::parse("shift-g"), Some(Key::plain(KeyCode::Char('G'))));
        assert_eq!(Key::parse("f5"), Some(Key::plain(KeyCode::F(5))));
        assert_eq!(Key::parse("-"), Some(Key::plain(KeyCode::Char('-'))));
        assert_eq!(Key::parse("、"), Some(Key::plain(KeyCode::Char('、'))));
        assert_eq!(Key::parse("banana"), None);
        assert_eq!(
            Key::parse("ctrl-u").map(|k| k.to_string()).as_deref(),
            Some("Ctrl-u")
        );
    }
}
