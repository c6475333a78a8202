//! `brief show` on the seed page, run as a user would, at several widths.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use brief::layout::{Ambiguous, RULES, str_width};
use unicode_segmentation::UnicodeSegmentation;

fn seed() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        common::skip(&format!(
            "{} not found; skipping the seed show tests",
            dir.display()
        ));
        return None;
    };
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "txt"))
}

fn show(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("show")
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("brief runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).expect("utf-8")
}

fn check_typeset(out: &str, width: usize, amb: Ambiguous) {
    let (no_start, no_end) = RULES;
    for line in out.lines() {
        assert!(
            str_width(line, amb) <= width,
            "wider than {width}: {line:?}"
        );
        assert!(!line.contains('\x1b'), "escape codes in piped output");
        let clusters: Vec<&str> = line.graphemes(true).collect();
        if clusters.len() > 1 {
            let first = line.chars().next().unwrap_or(' ');
            let last = line.chars().next_back().unwrap_or(' ');
            assert!(!no_start.contains(first), "starts with {first}: {line:?}");
            assert!(!no_end.contains(last), "ends with {last}: {line:?}");
        }
    }
}

#[test]
fn seed_reads_like_typeset_chinese_at_20_40_100() {
    let Some(seed) = seed() else { return };
    let path = seed.to_str().expect("utf-8 path");
    for width in [20, 40, 100] {
        let out = show(&["--width", &width.to_string(), "--ambiguous", "1", path]);
        check_typeset(&out, width, Ambiguous::Narrow);
        for unit in ["14.13亿元", "1000亿元", "AA+", "60亿元", "2023年"] {
            assert!(
                out.lines().any(|l| l.contains(unit)),
                "{unit} split at width {width}"
            );
        }
        // Full-width indentation on each paragraph's first line.
        let indented = out
            .lines()
            .filter(|l| l.starts_with("\u{3000}\u{3000}"))
            .count();
        assert_eq!(indented, 44, "paragraph starts at width {width}");
        assert!(out.starts_with("用好“他山之玉”"));
    }
    let wide = show(&["--width", "40", "--ambiguous", "2", path]);
    check_typeset(&wide, 40, Ambiguous::Wide);
}

#[test]
fn one_section_and_bad_section_numbers() {
    let Some(seed) = seed() else { return };
    let path = seed.to_str().expect("utf-8 path");
    let out = show(&["--width", "60", "--section", "3", path]);
    assert!(out.contains("三聚焦三发力 推动能源转型"));
    assert!(!out.contains("珍惜发展机遇"));
    let o = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["show", "--section", "10", path])
        .output()
        .expect("runs");
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("there is no section 10"));
}

#[test]
fn bundled_briefings_show_without_a_path() {
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["show", "--width", "30"])
        .current_dir(std::env::temp_dir())
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    check_typeset(&text, 30, Ambiguous::Narrow);
    assert!(text.contains("守住粮食安全底线"));
}

#[test]
fn every_real_and_bundled_document_lays_out_at_any_width() {
    use brief::show::{ShowOptions, write_briefing};
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings")];
    for sub in ["seed", "corpus"] {
        let d = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared")
            .join(sub);
        if d.is_dir() {
            dirs.push(d);
        } else {
            common::skip(&format!(
                "{} not found; laying out the bundled briefings only",
                d.display()
            ));
        }
    }
    let (briefings, errors) = brief::cli::load_all(&dirs);
    assert!(errors.is_empty(), "{errors:?}");
    for b in &briefings {
        for width in [1, 2, 3, 5, 8, 13, 21, 34, 55, 89] {
            for amb in [Ambiguous::Narrow, Ambiguous::Wide] {
                let opts = ShowOptions {
                    layout: brief::layout::Options {
                        ambiguous: amb,
                        ..brief::layout::Options::new(width)
                    },
                    color: false,
                    section: None,
                };
                let mut out = Vec::new();
                write_briefing(&mut out, b, &opts).expect("writes");
                let text = String::from_utf8(out).expect("utf-8");
                for line in text.lines() {
                    let lone = line.graphemes(true).count() == 1;
                    assert!(
                        str_width(line, amb) <= width || lone,
                        "{} at {width}: {line:?}",
                        b.path
                    );
                }
            }
        }
    }
}
