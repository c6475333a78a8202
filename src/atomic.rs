//! Writing a file so that a reader sees either the old file or the whole new
//! one, never a part: a temporary file in the same folder (an unpredictable
//! name, created exclusively), synced, then renamed over the target. A full
//! disk or a crash leaves the previous file as it was.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Follows symbolic links to the file they name, so that replacing it keeps
/// the link (a state file linked into a synced folder stays linked). A link to
/// nothing yet gives the path it names.
pub fn resolve_links(path: &Path) -> PathBuf {
    let mut current = path.to_owned();
    // As the kernel does, give up after 40 links.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => match std::fs::read_link(&current) {
                Ok(target) if target.is_absolute() => current = target,
                Ok(target) => {
                    current = current
                        .parent()
                        .map_or_else(|| target.clone(), |dir| dir.join(&target));
                }
                Err(_) => break,
            },
            _ => break,
        }
    }
    current
}

/// The folder a file is in (`.` for a bare name).
pub fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The file beside `path` whose name is `path`'s with `suffix` added
/// (`state.toml` → `state.toml.lock`).
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}

/// How much care a write takes to reach the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// Sync the file and the folder: marks, notes and exports.
    Synced,
    /// Leave it to the system: drafts, rewritten on every change.
    Buffered,
}

/// Replaces `path` (after following links) with `bytes`, atomically. The
/// previous file keeps its permissions for the new one.
pub fn write(path: &Path, bytes: &[u8], durability: Durability) -> io::Result<()> {
    let target = resolve_links(path);
    let dir = folder_of(&target);
    let mut tmp = tempfile::Builder::new()
        .prefix(".brief-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.flush()?;
    if let Ok(meta) = std::fs::metadata(&target) {
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
    }
    if durability == Durability::Synced {
        tmp.as_file().sync_all()?;
    }
    tmp.persist(&target).map_err(|e| e.error)?;
    if durability == Durability::Synced {
        // The rename itself must reach the disk.
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}

/// Writes a new file at `path`, never replacing one that exists: when the name
/// is taken, `-2`, `-3`, … go before the extension. Returns the path written.
pub fn create_new(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let dir = folder_of(path);
    let mut candidate = path.to_owned();
    for n in 2..10_000 {
        // Written under a temporary name and linked into place: the name
        // appears only with the whole text behind it.
        let mut tmp = tempfile::Builder::new()
            .prefix(".brief-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        tmp.write_all(bytes)?;
        tmp.as_file().sync_all()?;
        match tmp.persist_noclobber(&candidate) {
            Ok(_) => return Ok(candidate),
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => {
                candidate = dir.join(format!("{stem}-{n}{ext}"));
            }
            Err(e) => return Err(e.error),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("{}: every numbered name is taken", path.display()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("brief-atomic-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        dir
    }

    #[test]
    fn a_link_is_kept_and_its_target_replaced() {
        let dir = scratch("link");
        let real = dir.join("synced").join("state.toml");
        std::fs::create_dir_all(real.parent().expect("parent")).expect("dir");
        std::fs::write(&real, "old").expect("write");
        let link = dir.join("state.toml");
        std::os::unix::fs::symlink("synced/state.toml", &link).expect("link");
        write(&link, b"new", Durability::Synced).expect("writes");
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).expect("read"), "new");
        // No temporary file is left behind.
        let left: Vec<_> = std::fs::read_dir(real.parent().expect("parent"))
            .expect("list")
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left.len(), 1, "{left:?}");
    }

    #[test]
    fn create_new_never_replaces() {
        let dir = scratch("new");
        let path = dir.join("记录.txt");
        assert_eq!(create_new(&path, b"one").expect("first"), path);
        let second = create_new(&path, b"two").expect("second");
        assert_eq!(second, dir.join("记录-2.txt"));
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "one");
        assert_eq!(std::fs::read_to_string(&second).expect("read"), "two");
    }
}
