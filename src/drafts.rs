//! Notes being written, kept on disk as they are typed: when the terminal dies
//! or a signal ends the reader in the middle of a note, the text is offered
//! back the next time that note is opened. A draft goes once the note is saved
//! or the editing is given up.
//!
//! The drafts sit in their own file beside the state file (`state.toml.drafts`),
//! so that the marks file is only ever written with what the user saved.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::atomic::{self, Durability};

/// One unsaved note.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The briefing's title and what the note is on, for the user.
    pub briefing: String,
    pub target: String,
    pub text: String,
    /// When it was last typed.
    pub changed: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct FileFormat {
    #[serde(default)]
    drafts: BTreeMap<String, Draft>,
}

/// The drafts file for a state file.
pub fn path_for(state: &Path) -> PathBuf {
    atomic::sibling(state, ".drafts")
}

/// A draft's key: the briefing's store key and the item id (or `§` and the
/// section key for a section's note).
pub fn key(briefing_key: &str, target: &str) -> String {
    format!("{briefing_key}/{target}")
}

/// Reads the drafts. A missing file has none; an unreadable one is reported
/// and left as it is (it is never written over: see [`put`]).
pub fn load(path: &Path) -> Result<BTreeMap<String, Draft>, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => toml::from_str::<FileFormat>(&text)
            .map(|f| f.drafts)
            .map_err(|e| format!("{}: unreadable drafts ({})", path.display(), e.message())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(BTreeMap::new()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// Keeps `draft` under `key` (or drops the key when `draft` is `None`). The
/// file is read again first, so that two readers keep each other's drafts.
pub fn put(path: &Path, key: &str, draft: Option<&Draft>) -> io::Result<()> {
    let mut drafts = load(path).map_err(io::Error::other)?;
    match draft {
        Some(d) => {
            drafts.insert(key.to_owned(), d.clone());
        }
        None => {
            if drafts.remove(key).is_none() {
                return Ok(());
            }
        }
    }
    if drafts.is_empty() {
        return match std::fs::remove_file(path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        };
    }
    let text = toml::to_string_pretty(&FileFormat { drafts }).map_err(io::Error::other)?;
    atomic::write(path, text.as_bytes(), Durability::Buffered)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_are_kept_dropped_and_never_written_over_when_unreadable() {
        let dir = std::env::temp_dir().join(format!("brief-drafts-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        let path = path_for(&dir.join("state.toml"));
        assert_eq!(path.file_name().expect("name"), "state.toml.drafts");
        let d = Draft {
            briefing: "简报".into(),
            target: "一是 净化盐湖".into(),
            text: "张科长牵头，\n月底前".into(),
            changed: "2026-11-30T10:00:00.000Z".into(),
        };
        put(&path, "k/1", Some(&d)).expect("put");
        put(&path, "k/2", Some(&d)).expect("put");
        assert_eq!(load(&path).expect("load").len(), 2);
        put(&path, "k/1", None).expect("drop");
        assert_eq!(load(&path).expect("load")["k/2"], d);
        put(&path, "k/2", None).expect("drop");
        assert!(!path.exists(), "no drafts, no file");
        std::fs::write(&path, "[drafts\n").expect("damage");
        assert!(load(&path).is_err());
        assert!(put(&path, "k/3", Some(&d)).is_err());
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "[drafts\n");
    }
}
