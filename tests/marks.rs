//! Marks and notes kept safely: golden exports, two processes saving in turn, a
//! process killed while saving, damaged state files, edited briefings.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use brief::briefing::{self, Briefing};
use brief::export::{ExportOptions, Format, export};
use brief::layout::Ambiguous;
use brief::store::{Marks, Status, Store};

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/briefings/01-临河市优化营商环境大家谈.txt"
);

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("brief-marks-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    dir
}

fn brief(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .output()
        .expect("brief runs")
}

fn sample() -> Briefing {
    // The page has no date: its deadlines take a year, fixed here so that the
    // golden files do not change with the checkout's file times.
    let bytes = std::fs::read(SAMPLE).expect("sample reads");
    let mut b = briefing::parse_bytes_dated(
        SAMPLE,
        &bytes,
        briefing::Syntax::of(Path::new(SAMPLE)),
        Some(2026),
    )
    .expect("sample parses");
    // Golden files must not depend on where the checkout is.
    "briefings/01-临河市优化营商环境大家谈.txt".clone_into(&mut b.path);
    b
}

/// Marks and notes on the sample, at fixed times.
fn fixture() -> (Briefing, Marks) {
    let mut b = sample();
    // A deadline given by hand, so that the golden files do not follow the
    // extraction's progress.
    b.sections[0].items[0]
        .followup
        .set_due(Some(brief::briefing::ledger::Due {
            text: "年内".into(),
            date: Some(jiff::civil::date(2026, 12, 31)),
            kind: brief::briefing::ledger::DueKind::By,
            assumed_year: true,
            every: None,
        }));
    let mut m = Marks::default();
    let s0 = &b.sections[0];
    m.set_done(&b, 0, &s0.items[0], true, "2026-11-20T09:00:00.000Z");
    m.set_note(
        &b,
        0,
        &s0.items[0],
        "已梳理高频事项42个，首批套餐11月底上线。",
        "2026-11-20T09:05:00.000Z",
    );
    m.set_done(&b, 0, &s0.items[2], true, "2026-11-25T14:00:00.000Z");
    m.set_status(
        &b,
        0,
        &s0.items[1],
        Status::InProgress,
        "2026-11-22T02:00:00.000Z",
    );
    m.add_progress(
        &b,
        0,
        &s0.items[1],
        "代办队伍已组建，首批15名代办员上岗。",
        "2026-11-22T02:00:00.000Z",
    )
    .expect("progress");
    // The local date of the entry is the writer's: fix it for the golden files.
    for bm in m.briefings.values_mut() {
        for p in bm.items.values_mut().flat_map(|i| i.progress.iter_mut()) {
            "2026-11-22".clone_into(&mut p.date);
        }
    }
    m.set_note(
        &b,
        0,
        &s0.items[3],
        "差评整改情况每月5日前公开。\n由办公室负责汇总。",
        "2026-11-21T10:00:00.000Z",
    );
    m.set_section_note(
        &b,
        0,
        "周局长要求12月中旬再听一次汇报。",
        "2026-11-26T08:00:00.000Z",
    );
    let s3 = &b.sections[3];
    m.set_done(&b, 3, &s3.items[1], true, "2026-11-28T16:30:00.000Z");
    (b, m)
}

fn exported(format: Format, width: usize) -> String {
    let (b, m) = fixture();
    let opts = ExportOptions {
        format,
        width,
        ambiguous: Ambiguous::Narrow,
        date: "2026-11-29".into(),
    };
    let mut out = Vec::new();
    export(&mut out, std::slice::from_ref(&b), &m, &opts).expect("exports");
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn golden_text_export() {
    let text = exported(Format::Text, 80);
    assert!(
        text.lines()
            .all(|l| brief::layout::str_width(l, Ambiguous::Narrow) <= 80)
    );
    insta::assert_snapshot!("export_text", text);
    let narrow = exported(Format::Text, 40);
    assert!(
        narrow
            .lines()
            .all(|l| brief::layout::str_width(l, Ambiguous::Narrow) <= 40),
        "{narrow}"
    );
    let unwrapped = exported(Format::Text, 0);
    assert!(
        unwrapped.contains(
            "    [x] 一是 推行“一件事一次办”（时限：年内，2026-12-31）（2026-11-20 完成）"
        )
    );
    assert!(unwrapped.contains(
        "    [ ] 二是 深化“帮办代办”（状态：推进中）\n        进展：2026-11-22 代办队伍已组建"
    ));
}

#[test]
fn golden_markdown_export() {
    insta::assert_snapshot!("export_markdown", exported(Format::Markdown, 80));
}

#[test]
fn golden_json_export() {
    let json = exported(Format::Json, 80);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["done"], 3);
    assert_eq!(
        v["briefings"][0]["sections"][0]["items"][0]["done_at"],
        "2026-11-20T09:00:00.000Z"
    );
    insta::assert_snapshot!("export_json", json);
}

#[test]
fn two_processes_saving_in_turn_keep_both_sides_marks() {
    let dir = scratch("two");
    let state = dir.join("state.toml");
    let b = sample();
    let titles: Vec<String> = b
        .sections
        .iter()
        .flat_map(|s| s.items.iter().map(|i| i.title(&s.paragraphs).to_owned()))
        .collect();
    let (left, right): (Vec<_>, Vec<_>) = titles.iter().enumerate().partition(|(i, _)| i % 2 == 0);
    let state_arg = state.to_str().expect("utf-8").to_owned();
    for round in 0..left.len().max(right.len()) {
        let mut children = Vec::new();
        for side in [&left, &right] {
            if let Some((_, title)) = side.get(round) {
                children.push(
                    Command::new(env!("CARGO_BIN_EXE_brief"))
                        .args(["--state", &state_arg, "mark", SAMPLE, title.as_str()])
                        .stdout(Stdio::null())
                        .spawn()
                        .expect("spawns"),
                );
            }
        }
        for mut c in children {
            assert!(c.wait().expect("waits").success());
        }
    }
    let (store, marks) = Store::open(&state);
    assert!(store.read_only().is_none());
    for s in &b.sections {
        for i in &s.items {
            assert!(
                marks.is_done(&b, &i.id.hex()),
                "lost the mark on {}",
                i.title(&s.paragraphs)
            );
        }
    }
}

#[test]
fn a_process_killed_while_saving_leaves_a_readable_file() {
    let dir = scratch("kill");
    let state = dir.join("state.toml");
    let state_arg = state.to_str().expect("utf-8").to_owned();
    // Long notes make every save write a couple of megabytes.
    let long = "督办事项进展说明。".repeat(4_000);
    let b = sample();
    for s in &b.sections {
        for i in &s.items {
            let o = brief(&[
                "--state",
                &state_arg,
                "mark",
                SAMPLE,
                &i.id.hex(),
                "--note",
                &long,
            ]);
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        }
    }
    assert!(std::fs::metadata(&state).expect("state").len() > 1_500_000);
    let titles = [
        "推行“一件事一次办”",
        "盘活存量土地",
        "拓展应用场景",
        "完善项目推进机制",
    ];
    for round in 0..24u64 {
        let title = titles[usize::try_from(round).unwrap_or(0) % titles.len()];
        let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
            .args(["--state", &state_arg, "mark", SAMPLE, title])
            .args(if round % 2 == 0 {
                vec![]
            } else {
                vec!["--undone"]
            })
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawns");
        std::thread::sleep(Duration::from_millis(5 + (round * 7) % 40));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let (store, marks) = Store::open(&state);
        assert!(
            store.read_only().is_none(),
            "round {round}: {:?}",
            store.read_only()
        );
        for s in &b.sections {
            for i in &s.items {
                assert_eq!(
                    marks.note(&b, &i.id.hex()).len(),
                    long.len(),
                    "round {round}: a note was lost"
                );
            }
        }
    }
    // No temporary files are left to pile up beside it.
    let leftovers = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .count();
    assert!(leftovers <= 1, "{leftovers} temporary files left");
}

#[test]
fn damaged_and_future_state_files_are_reported_and_left_untouched() {
    for (name, text) in [
        ("damaged", "version = 1\n[briefings.\"x\"\nitems = 3\n"),
        ("future", "version = 7\n"),
    ] {
        let dir = scratch(name);
        let state = dir.join("state.toml");
        std::fs::write(&state, text).expect("write");
        let state_arg = state.to_str().expect("utf-8").to_owned();
        let o = brief(&["--state", &state_arg, "mark", SAMPLE, "盘活存量土地"]);
        assert!(!o.status.success());
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("read-only") && err.contains("state.toml"),
            "{err}"
        );
        assert!(err.contains("a copy was kept at"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&state).expect("read"),
            text,
            "{name} was overwritten"
        );
        let copies = std::fs::read_dir(&dir)
            .expect("dir")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains(".unreadable-"))
            .count();
        assert_eq!(copies, 1);
        // Nothing claims to be marked when nothing was saved.
        assert!(
            !String::from_utf8_lossy(&o.stdout).contains("marked"),
            "{err}"
        );
        // A second run finds the same damage: no second copy.
        let again = brief(&["--state", &state_arg, "mark", SAMPLE, "盘活存量土地"]);
        assert!(!again.status.success());
        let copies = std::fs::read_dir(&dir)
            .expect("dir")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains(".unreadable-"))
            .count();
        assert_eq!(copies, 1, "one copy per distinct content");
        // An export without the marks would hand on a false picture: refused.
        let o = brief(&["--state", &state_arg, "export", SAMPLE]);
        assert_eq!(o.status.code(), Some(1));
        assert!(o.stdout.is_empty());
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("state.toml") && err.contains("nothing was exported"),
            "{err}"
        );
    }
}

#[test]
fn marks_follow_their_items_when_the_briefing_is_edited() {
    let dir = scratch("edit");
    let state = dir.join("state.toml");
    let state_arg = state.to_str().expect("utf-8").to_owned();
    let copy = dir.join("page.txt");
    std::fs::copy(SAMPLE, &copy).expect("copy");
    let copy_arg = copy.to_str().expect("utf-8").to_owned();
    assert!(
        brief(&["--state", &state_arg, "mark", &copy_arg, "优化规划服务"])
            .status
            .success()
    );
    assert!(
        brief(&[
            "--state",
            &state_arg,
            "mark",
            &copy_arg,
            "守牢安全底线",
            "--note",
            "网信办配合"
        ])
        .status
        .success()
    );
    // Edit text around the items, fix a typo elsewhere, and rename an item.
    let text = std::fs::read_to_string(&copy).expect("read");
    let edited = text
        .replace("时间虽短，感触很深", "时间虽然很短，但是感触很深")
        .replace("第三，守牢安全底线", "第三，筑牢安全防线");
    std::fs::write(&copy, edited).expect("write");
    // Moving the file does not orphan its marks either.
    let moved = dir.join("moved.txt");
    std::fs::rename(&copy, &moved).expect("move");
    let out = brief(&[
        "--state",
        &state_arg,
        "export",
        moved.to_str().expect("utf-8"),
    ]);
    let out = String::from_utf8_lossy(&out.stdout);
    assert!(out.contains("[x] 三要 优化规划服务"), "{out}");
    assert!(out.contains("已不在简报中的事项"), "{out}");
    assert!(
        out.contains("[ ] 守牢安全底线（市大数据中心 刘志刚）"),
        "{out}"
    );
    assert!(out.contains("网信办配合"), "{out}");
}

#[test]
fn export_writes_a_file_and_refuses_bad_formats() {
    let dir = scratch("file");
    let file = dir.join("out.md");
    let o = brief(&[
        "--state",
        dir.join("s.toml").to_str().expect("utf-8"),
        "export",
        SAMPLE,
        "--format",
        "md",
        "-o",
        file.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success());
    assert!(
        std::fs::read_to_string(&file)
            .expect("written")
            .starts_with("# 用好“外地经验”")
    );
    let o = brief(&["export", SAMPLE, "--format", "pdf"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("expected txt, md or json"));
}
