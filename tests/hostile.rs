//! Hostile input and faults from the command line: special files, damaged
//! encodings, a full disk, a state file that is a link. Each names the problem
//! and loses nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_brief");
const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/briefings/01-临河市优化营商环境大家谈.txt"
);

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("brief-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Runs a shell command line; fails the test if it has not ended in a minute
/// (these cases used to hang or grow without end).
fn sh(script: &str) -> Output {
    let mut child = Command::new("sh")
        .args(["-c", script])
        .env("BRIEF_BIN", BIN)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sh runs");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("{script}: still running after a minute");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn an_endless_device_or_pipe_is_refused_after_the_limit() {
    for script in [
        r#""$BRIEF_BIN" parse /dev/urandom"#,
        r#"yes 一是净化盐湖。 | "$BRIEF_BIN" parse /dev/stdin"#,
    ] {
        let o = sh(script);
        assert_eq!(o.status.code(), Some(1), "{script}");
        assert!(err(&o).contains("without ending"), "{script}: {}", err(&o));
    }
}

#[test]
fn a_fifo_without_a_writer_does_not_block() {
    let dir = scratch("fifo");
    let fifo = dir.join("pipe.txt");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo")
            .success()
    );
    let o = sh(&format!(r#""$BRIEF_BIN" parse '{}'"#, fifo.display()));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("pipe.txt") && err(&o).contains("empty"),
        "{}",
        err(&o)
    );
    // With a writer, a pipe is read like a file.
    let o = sh(&format!(
        r#"cat '{SAMPLE}' > '{0}' & "$BRIEF_BIN" parse '{0}'"#,
        fifo.display()
    ));
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("周文斌"));
}

#[test]
fn one_bad_byte_opens_the_file_with_a_warning_that_places_it() {
    let dir = scratch("bad-byte");
    let mut bytes = std::fs::read(SAMPLE).expect("sample");
    // Damage the first character of the fifth line.
    let at = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(3)
        .map(|(i, _)| i + 1)
        .expect("five lines");
    bytes[at] = 0xFF;
    let file = dir.join("damaged.txt");
    std::fs::write(&file, &bytes).expect("write");
    let o = sh(&format!(
        r#""$BRIEF_BIN" parse --json '{}'"#,
        file.display()
    ));
    assert!(o.status.success(), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["encoding"], "UTF-8");
    let warning = v["warnings"][0].as_str().expect("a warning");
    assert!(
        warning.contains("line 5, column 1") && warning.contains(&format!("byte {at}")),
        "{warning}"
    );
    assert!(out(&o).contains('\u{fffd}'));
}

#[test]
fn utf16_without_a_byte_order_mark_opens() {
    let dir = scratch("utf16");
    let text = std::fs::read_to_string(SAMPLE).expect("sample");
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let file = dir.join("utf16.txt");
    std::fs::write(&file, bytes).expect("write");
    let o = sh(&format!(
        r#""$BRIEF_BIN" parse --json '{}'"#,
        file.display()
    ));
    assert!(o.status.success(), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["encoding"], "UTF-16LE");
    assert_eq!(v["sections"][0]["person"], "周文斌");
}

/// Runs `brief` with files limited to `blocks` of 512 bytes: writing past
/// that fails with EFBIG, as a full disk fails a write.
fn with_full_disk(blocks: u32, args: &str) -> Output {
    sh(&format!(
        r#"trap '' XFSZ; ulimit -f {blocks}; exec "$BRIEF_BIN" {args}"#
    ))
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn an_export_that_cannot_be_written_leaves_the_previous_one_whole() {
    let dir = scratch("export-full");
    let file = dir.join("记录.txt");
    let previous = "上一次导出的完整记录\n";
    std::fs::write(&file, previous).expect("write");
    let o = with_full_disk(
        1,
        &format!(
            "--state '{0}/state.toml' export -o '{1}' '{SAMPLE}'",
            dir.display(),
            file.display()
        ),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("记录.txt") && err(&o).contains("unchanged"),
        "{}",
        err(&o)
    );
    assert_eq!(std::fs::read_to_string(&file).expect("read"), previous);
    assert_eq!(listing(&dir), ["记录.txt"], "no partial file is left");
}

#[test]
fn a_mark_that_cannot_be_saved_is_not_reported_as_made() {
    let dir = scratch("mark-full");
    let o = with_full_disk(
        0,
        &format!(
            "--state '{}/state.toml' mark '{SAMPLE}' 盘活存量土地",
            dir.display()
        ),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).is_empty(), "{}", out(&o));
    assert!(
        err(&o).contains("state.toml") && err(&o).contains("nothing was marked"),
        "{}",
        err(&o)
    );
}

#[test]
fn a_state_file_that_is_a_link_stays_a_link() {
    let dir = scratch("link");
    let synced = dir.join("同步盘");
    std::fs::create_dir_all(&synced).expect("dir");
    std::fs::write(synced.join("state.toml"), "version = 1\n").expect("write");
    let link = dir.join("state.toml");
    std::os::unix::fs::symlink(synced.join("state.toml"), &link).expect("link");
    let o = sh(&format!(
        r#""$BRIEF_BIN" --state '{}' mark '{SAMPLE}' 盘活存量土地"#,
        link.display()
    ));
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("marked done"));
    let meta = std::fs::symlink_metadata(&link).expect("meta");
    assert!(meta.file_type().is_symlink(), "the link was replaced");
    let saved = std::fs::read_to_string(synced.join("state.toml")).expect("read");
    assert!(saved.contains("盘活存量土地"), "{saved}");
}
