//! End to end: the real binary in tmux, driven by keys, read off the screen as a
//! user would see it. Skipped with a notice where tmux cannot be had.
#![cfg(feature = "tui")]

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
    dir: PathBuf,
}

impl Tmux {
    fn start(name: &str, width: u16, height: u16, args: &str) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            common::skip(&format!(
                "tmux is not installed; skipping the end-to-end test {name}"
            ));
            return None;
        }
        let dir = Tmux::folder(name);
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(
            dir.join("config.toml"),
            "language = \"zh\"\nambiguous_width = 1\n",
        )
        .expect("config");
        let t = Tmux {
            socket: format!("brief-test-{}-{name}", std::process::id()),
            dir,
        };
        let command = format!(
            "cd {} && HOME={} {} --config {} --state {} {args}; echo EXIT=$?; sleep 60",
            t.dir.display(),
            t.dir.display(),
            env!("CARGO_BIN_EXE_brief"),
            t.dir.join("config.toml").display(),
            t.dir.join("state.toml").display(),
        );
        let ok = t
            .tmux(&[
                "new-session",
                "-d",
                "-s",
                "t",
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
                &command,
            ])
            .status
            .success();
        assert!(ok, "tmux session starts");
        Some(t)
    }

    /// The folder the test `name` runs in (brief's working folder).
    fn folder(name: &str) -> PathBuf {
        std::env::temp_dir().join(format!("brief-tmux-{}-{name}", std::process::id()))
    }

    fn tmux(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("tmux runs")
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", "-t", "t", k]);
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    /// Waits until the screen shows `text`, and returns it.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "waited for {text:?}; the screen shows:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the screen no longer shows `text`.
    fn wait_gone(&self, text: &str) {
        let start = Instant::now();
        while self.screen().contains(text) {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{text:?} is still on the screen"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends brief SIGTERM, as a system shutting down or `kill` does.
    fn terminate(&self) {
        let pid = self.brief_pid();
        let killed = Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill runs");
        assert!(killed.success());
    }

    /// The pid of brief: the pane runs a shell, brief is its child.
    fn brief_pid(&self) -> String {
        let shell = String::from_utf8_lossy(
            &self
                .tmux(&["display", "-p", "-t", "t", "#{pane_pid}"])
                .stdout,
        )
        .trim()
        .to_owned();
        let child = Command::new("pgrep")
            .args(["-P", &shell])
            .output()
            .expect("pgrep runs");
        let pid = String::from_utf8_lossy(&child.stdout)
            .lines()
            .next()
            .unwrap_or_default()
            .trim()
            .to_owned();
        assert!(!pid.is_empty(), "brief is running");
        pid
    }

    fn resize(&self, width: u16, height: u16) {
        self.tmux(&[
            "resize-window",
            "-t",
            "t",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
        ]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn widest_line(screen: &str) -> usize {
    screen
        .lines()
        .map(|l| brief::layout::str_width(l, brief::layout::Ambiguous::Narrow))
        .max()
        .unwrap_or(0)
}

#[test]
fn a_user_reads_the_bundled_briefings() {
    let Some(t) = Tmux::start("read", 160, 45, "") else {
        return;
    };
    t.wait_for("清单 0/4");
    // The departments, the article and the checklist, side by side.
    t.wait_for("部门");
    t.wait_for("正文");
    t.wait_for("市大数据中心 刘志刚");
    t.wait_for("对标一流标准 打造服务高地");
    t.wait_for("[ ] 一是 推行“一件事一次办”");

    // Next department: its statement and items replace the first.
    t.keys(&["j"]);
    t.wait_for("抓实要素保障 护航项目建设");
    t.wait_for("[ ] 一要 盘活存量土地");

    // The help overlay, reached with ？ as a Chinese input method sends it.
    t.keys(&["？"]);
    t.wait_for("帮助 · 按键");
    t.wait_for("下一个窗格");
    t.keys(&["Escape"]);
    t.wait_for("抓实要素保障");
    t.wait_gone("帮助 · 按键");

    // Narrow: one pane at a time, nothing past the edge; Tab switches.
    t.resize(40, 20);
    let s = t.wait_for("‹1/3›");
    assert!(widest_line(&s) <= 40, "{s}");
    t.keys(&["Tab"]);
    t.wait_for("‹2/3›");
    t.wait_for("抓实要素保障");

    // Wide again: three panes.
    t.resize(160, 45);
    t.wait_for("清单 0/3");
    t.wait_for("部门");
    t.wait_for("正文");

    t.keys(&["q"]);
    t.wait_for("EXIT=0");
    t.wait_gone("清单");
}

#[test]
fn a_tiny_terminal_gets_a_notice_and_sigterm_restores_the_screen() {
    let Some(t) = Tmux::start("tiny", 20, 5, "") else {
        return;
    };
    t.wait_for("终端太小");
    t.resize(80, 24);
    t.wait_for("清单");
    t.terminate();
    // A stopped reader says so in its exit status, as a killed process would.
    t.wait_for("EXIT=143");
    t.wait_gone("清单");
}

/// Where a test's brief keeps its marks.
fn state_file(t: &Tmux) -> String {
    std::fs::read_to_string(t.dir.join("state.toml")).unwrap_or_default()
}

#[test]
fn a_long_burst_of_typed_text_is_read_whole() {
    // 1,400 Chinese characters sent as keys, not as a bracketed paste: what a
    // terminal or multiplexer without bracketed paste sends for a paste.
    let Some(t) = Tmux::start("burst", 120, 40, "") else {
        return;
    };
    t.wait_for("清单");
    t.keys(&["Tab", "Tab", "a"]);
    t.wait_for("备注：");
    let text: String = "净化盐湖推进城市建设优化营商环境"
        .chars()
        .cycle()
        .take(1400)
        .collect();
    t.tmux(&["send-keys", "-t", "t", "-l", &text]);
    // Ctrl-S right behind the burst must be seen, and the whole text saved.
    t.tmux(&["send-keys", "-t", "t", "C-s"]);
    t.wait_gone("备注：");
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
    let state = state_file(&t);
    assert!(state.contains(&text), "the note lost text:\n{state}");
}

#[test]
fn a_note_being_written_when_sigterm_arrives_is_offered_back() {
    let Some(t) = Tmux::start("draft", 120, 40, "") else {
        return;
    };
    t.wait_for("清单");
    t.keys(&["Tab", "Tab", "a"]);
    t.wait_for("备注：");
    t.keys(&["张科长牵头", "Enter", "月底前完成"]);
    t.wait_for("月底前完成");
    t.terminate();
    t.wait_for("EXIT=143");
    assert!(
        !state_file(&t).contains("张科长"),
        "a draft is not a saved note"
    );
    // The next run says a draft is waiting, and the editor opens with it.
    let again = format!(
        "cd {0} && clear; HOME={0} {1} --config {0}/config.toml --state {0}/state.toml; echo AGAIN=$?; sleep 60",
        t.dir.display(),
        env!("CARGO_BIN_EXE_brief"),
    );
    t.tmux(&["respawn-pane", "-k", "-t", "t", &again]);
    t.wait_for("未保存的备注草稿");
    t.keys(&["Tab", "Tab", "a"]);
    t.wait_for("月底前完成");
    t.keys(&["C-s"]);
    t.wait_gone("备注：");
    t.keys(&["q"]);
    t.wait_for("AGAIN=0");
    assert!(state_file(&t).contains("张科长牵头\n月底前完成"));
    assert!(
        !t.dir.join("state.toml.drafts").exists(),
        "the draft goes once the note is saved"
    );
}

#[test]
fn marks_and_notes_survive_a_restart_and_are_exported() {
    let briefings = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/briefings/01-临河市优化营商环境大家谈.txt"
    );
    let Some(t) = Tmux::start("marks", 140, 40, briefings) else {
        return;
    };
    t.wait_for("清单 0/4");
    // To the checklist; mark the first item; write a note on the second.
    t.keys(&["Tab", "Tab", "Space", "j", "a"]);
    t.wait_for("备注：二是 深化“帮办代办”");
    t.keys(&["张科长牵头", "Enter", "月底前完成"]);
    t.wait_for("月底前完成");
    t.keys(&["C-s"]);
    t.wait_for("清单 1/4");
    t.wait_for("[x] 一是 推行“一件事一次办”");
    t.wait_for("✎");
    t.keys(&["q"]);
    t.wait_for("EXIT=0");

    // Open again in the same pane: everything is as it was left.
    let again = format!(
        "cd {0} && clear; HOME={0} {1} --config {0}/config.toml --state {0}/state.toml {briefings}; echo AGAIN=$?; sleep 60",
        t.dir.display(),
        env!("CARGO_BIN_EXE_brief")
    );
    t.tmux(&["respawn-pane", "-k", "-t", "t", &again]);
    t.wait_for("清单 1/4");
    t.wait_for("[x] 一是 推行“一件事一次办”");
    // The note shows under its item in the article.
    t.wait_for("张科长牵头");

    // Export from the reader, then check the file it names.
    t.keys(&["e"]);
    let s = t.wait_for("已导出到");
    let path = s
        .lines()
        .find_map(|l| l.split("已导出到 ").nth(1))
        .map(|p| p.trim().to_owned())
        .expect("a path");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert!(
        path.starts_with(&t.dir.display().to_string()),
        "written in the working folder: {path}"
    );
    assert!(text.contains("[x] 一是 推行“一件事一次办”"), "{text}");
    assert!(text.contains("备注：张科长牵头"), "{text}");
    assert!(text.contains("总计：完成 1/20"), "{text}");
    t.keys(&["q"]);
    t.wait_for("AGAIN=0");
}

#[test]
fn a_user_finds_an_item_by_pinyin_and_jumps_to_it() {
    let briefings = concat!(env!("CARGO_MANIFEST_DIR"), "/briefings");
    let Some(t) = Tmux::start("find", 140, 40, briefings) else {
        return;
    };
    t.wait_for("清单 0/4");
    // 、 is what a Chinese input method sends for /.
    t.keys(&["、"]);
    t.wait_for("搜索 · 汉字或拼音");
    t.keys(&["phcltd"]);
    t.wait_for("盘活存量土地");
    t.wait_for("/ phcltd");
    t.keys(&["Enter"]);
    t.wait_for("清单 0/3");
    t.wait_gone("搜索 · 汉字或拼音");
    t.wait_for("抓实要素保障 护航项目建设");
    t.wait_for("[ ] 一要 盘活存量土地");
}

#[test]
fn closing_the_terminal_ends_brief() {
    // A killed pane or a dropped ssh session: the tty goes away under the
    // reader. It must end, not spin on a dead tty (crossterm-rs/crossterm#793).
    let Some(t) = Tmux::start("hangup", 100, 30, "") else {
        return;
    };
    t.wait_for("清单 0/4");
    t.keys(&["、", "jh"]);
    t.wait_for("jh");
    let pid = t.brief_pid();
    t.tmux(&["kill-server"]);
    let proc = PathBuf::from(format!("/proc/{pid}"));
    let start = Instant::now();
    while proc.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "brief ({pid}) still runs after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_help_overlay_keeps_its_borders_over_chinese_text() {
    for (width, height) in [(120, 40), (100, 30)] {
        let Some(t) = Tmux::start(&format!("help{width}"), width, height, "") else {
            return;
        };
        t.wait_for("清单");
        t.keys(&["?"]);
        let screen = t.wait_for("╚");
        let rows: Vec<&str> = screen.lines().collect();
        let top = rows.iter().position(|r| r.contains('╔')).expect("top");
        let bottom = rows.iter().position(|r| r.contains('╚')).expect("bottom");
        for row in &rows[top + 1..bottom] {
            assert_eq!(
                row.matches('║').count(),
                2,
                "{width}x{height}: a border is missing:\n{screen}"
            );
        }
        t.keys(&["Escape", "q"]);
        t.wait_for("EXIT=0");
    }
}

const LEDGER_FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/ledger/tui纪要.txt"
);

/// Picks a ledger row by filtering on `words` (Esc on the filter line first
/// clears the last filter).
fn pick_in_ledger(t: &Tmux, words: &str) {
    t.keys(&["/", "Escape"]);
    t.wait_for("6/6 项");
    t.keys(&["/"]);
    t.wait_for("保留筛选");
    t.keys(&[words]);
    t.wait_for(&format!("/ {words}"));
    t.wait_for("1/6 项");
    t.keys(&["Enter"]);
    t.wait_gone("保留筛选");
}

/// In the reader on the fixture: 路面修补 set to 推进中 (s), 外摆 to 已完成
/// (3), a progress entry typed in Chinese on 转运站; then quit. Rows are
/// picked through the filter, so the order the deadlines give does not matter.
fn a_ledger_session(t: &Tmux) {
    t.wait_for("清单");
    t.keys(&["t"]);
    t.wait_for("督办台账");
    t.wait_for("6/6 项");
    pick_in_ledger(t, "路面");
    t.keys(&["s"]);
    t.wait_for("「完成老城区背街小巷路面修补」：推进中");
    pick_in_ledger(t, "外摆");
    t.keys(&["3"]);
    t.wait_for("「规范沿街店铺外摆」：已完成");
    pick_in_ledger(t, "转运站");
    t.keys(&["p"]);
    t.wait_for("进展：一是 建成乡镇垃圾转运站三座");
    t.keys(&["选址报告已报县政府审定"]);
    t.wait_for("选址报告已报县政府审定");
    t.keys(&["C-s"]);
    t.wait_gone("进展：");
    // Back on the rows, the entry shows as the latest progress (cut to
    // its column).
    t.wait_for("选址报告已报县政府");
    t.keys(&["Escape"]);
    t.wait_gone("督办台账");
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
}

/// The item of the fixture with this title.
fn fixture_item(title: &str) -> (brief::briefing::Briefing, brief::briefing::Item) {
    let b = brief::briefing::load(std::path::Path::new(LEDGER_FIXTURE)).expect("fixture");
    let (item, _) = b
        .sections
        .iter()
        .flat_map(|s| s.items.iter().map(move |i| (i, &s.paragraphs)))
        .find(|(i, ps)| i.title(ps) == title)
        .unwrap_or_else(|| panic!("no item {title}"));
    let item = item.clone();
    (b, item)
}

#[test]
fn ledger_statuses_and_progress_survive_a_restart() {
    let Some(t) = Tmux::start("ledger", 120, 40, LEDGER_FIXTURE) else {
        return;
    };
    a_ledger_session(&t);

    // The state file holds them.
    let marks = brief::store::parse_state(&state_file(&t)).expect("a state file");
    let status = |title: &str| {
        let (b, item) = fixture_item(title);
        marks.status(&b, &item.id.hex())
    };
    assert_eq!(
        status("完成老城区背街小巷路面修补"),
        brief::store::Status::InProgress
    );
    assert_eq!(status("规范沿街店铺外摆"), brief::store::Status::Done);
    assert_eq!(
        status("建成乡镇垃圾转运站三座"),
        brief::store::Status::InProgress
    );
    assert_eq!(
        status("开展垃圾分类入户宣传"),
        brief::store::Status::NotStarted
    );
    let (b, item) = fixture_item("建成乡镇垃圾转运站三座");
    let latest = marks
        .item(&b, &item.id.hex())
        .and_then(|m| m.latest_progress());
    assert_eq!(
        latest.map(|p| p.text.as_str()),
        Some("选址报告已报县政府审定")
    );
    assert_eq!(
        latest.map(|p| p.date.clone()),
        Some(brief::time::today().to_string())
    );

    // Opened again: the ledger shows them.
    let again = format!(
        "cd {0} && clear; HOME={0} {1} --config {0}/config.toml --state {0}/state.toml {LEDGER_FIXTURE}; echo AGAIN=$?; sleep 60",
        t.dir.display(),
        env!("CARGO_BIN_EXE_brief"),
    );
    t.tmux(&["respawn-pane", "-k", "-t", "t", &again]);
    t.wait_for("清单");
    t.keys(&["t"]);
    let screen = t.wait_for("选址报告已报县政府");
    let row = |title: &str| {
        screen
            .lines()
            .find(|l| l.contains(title))
            .unwrap_or_else(|| panic!("no row {title}:\n{screen}"))
            .to_owned()
    };
    assert!(
        row("完成老城区背街小巷路面修补").contains("推进中"),
        "{screen}"
    );
    let done = row("规范沿街店铺外摆");
    assert!(done.contains("已完成") && done.contains('✓'), "{screen}");
    assert!(row("建成乡镇垃圾转运站三座").contains("推进中"), "{screen}");
    // Undo in the new run takes nothing back from the last one.
    t.keys(&["u"]);
    t.wait_for("没有可撤销的操作");
    t.keys(&["Escape", "q"]);
    t.wait_for("AGAIN=0");

    // The export carries the done mark 已完成 made.
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["--state"])
        .arg(t.dir.join("state.toml"))
        .args(["export", "--format", "json", LEDGER_FIXTURE])
        .output()
        .expect("brief export runs");
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["done"], 1, "{json}");
}

/// An item's title, lead, due date, status, overdue and days left.
type Expected = (
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    bool,
    Option<i64>,
);

/// Every item of `brief ledger --json`, by title.
fn ledger_json(state: &std::path::Path) -> Vec<serde_json::Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("--state")
        .arg(state)
        .args(["ledger", "--json", "--today", "2026-12-01", LEDGER_FIXTURE])
        .output()
        .expect("brief ledger runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    // An array, or one object a line.
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(serde_json::Value::Array(items)) => items,
        _ => text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).expect("a JSON object a line"))
            .collect(),
    }
}

#[test]
fn the_ledger_set_in_the_reader_is_what_brief_ledger_prints() {
    let Some(t) = Tmux::start("ledgercli", 120, 40, LEDGER_FIXTURE) else {
        return;
    };
    a_ledger_session(&t);
    let items = ledger_json(&t.dir.join("state.toml"));
    assert_eq!(items.len(), 6);
    let by = |title: &str| {
        items
            .iter()
            .find(|i| i["title"] == title)
            .unwrap_or_else(|| panic!("no item {title}"))
            .clone()
    };
    // title, lead, due date, status, overdue, days left (today 2026-12-01;
    // the briefing is dated 2026-10-20, a Tuesday).
    let want: [Expected; 6] = [
        (
            "完成老城区背街小巷路面修补",
            "县住建局",
            Some("2026-11-30"),
            "推进中",
            true,
            Some(-1),
        ),
        (
            "规范沿街店铺外摆",
            "县城管局",
            Some("2026-12-15"),
            "已完成",
            false,
            Some(14),
        ),
        (
            "建成乡镇垃圾转运站三座",
            "县环卫中心",
            Some("2027-06-30"),
            "推进中",
            false,
            Some(211),
        ),
        (
            "开展垃圾分类入户宣传",
            "县妇联",
            Some("2026-12-31"),
            "未启动",
            false,
            Some(30),
        ),
        // Ten working days after Tuesday 20 October: Tuesday 3 November.
        (
            "建立整治工作周报制度",
            "县政府督查室",
            Some("2026-11-03"),
            "未启动",
            true,
            Some(-28),
        ),
        (
            "将整治成效纳入年度考核",
            "县考核办",
            None,
            "未启动",
            false,
            None,
        ),
    ];
    for (title, lead, date, status, overdue, days) in want {
        let i = by(title);
        assert_eq!(i["lead"], lead, "{i}");
        assert_eq!(i["lead_from"], "explicit", "{i}");
        assert_eq!(i["due"]["date"].as_str(), date, "{i}");
        assert_eq!(i["status"], status, "{i}");
        assert_eq!(i["overdue"], overdue, "{i}");
        assert_eq!(i["days_left"].as_i64(), days, "{i}");
    }
    assert_eq!(by("将整治成效纳入年度考核")["due"]["kind"], "ongoing");
    let progress = &by("建成乡镇垃圾转运站三座")["progress"];
    assert_eq!(progress.as_array().map(Vec::len), Some(1), "{progress}");
    assert_eq!(progress[0]["text"], "选址报告已报县政府审定");
}

/// A briefing of one speaker, for the live folder.
fn live_briefing(title: &str, speaker: &str) -> String {
    format!(
        "{title}\n\n抓好项目建设 推动高质量发展\n\n市水务局局长 {speaker}\n\n\
         \u{3000}\u{3000}一是推进水网建设。二是加强河湖管护。\n"
    )
}

#[test]
fn a_live_folder_shows_files_added_changed_removed_and_half_written() {
    let lib = Tmux::folder("live").join("lib");
    let month = lib.join("2026-11");
    std::fs::create_dir_all(&month).expect("month folder");
    std::fs::write(month.join("a.txt"), live_briefing("甲期发言摘编", "孙耀民")).expect("a");
    std::fs::write(month.join("b.txt"), live_briefing("乙期发言摘编", "周文斌")).expect("b");
    let Some(t) = Tmux::start("live", 120, 40, "lib") else {
        return;
    };
    t.wait_for("甲期发言摘编");
    t.wait_for("乙期发言摘编");

    // Added: it appears.
    std::fs::write(month.join("c.txt"), live_briefing("丙期发言摘编", "赵明远")).expect("c");
    t.wait_for("丙期发言摘编");
    t.wait_for("新文件");

    // Changed: the new text replaces the old.
    std::fs::write(month.join("a.txt"), live_briefing("甲期发言摘编", "钱学斌")).expect("a again");
    t.wait_for("钱学斌");
    t.wait_gone("孙耀民");

    // Removed: it goes.
    std::fs::remove_file(month.join("b.txt")).expect("remove b");
    t.wait_gone("乙期发言摘编");

    // Half written: a Word file arrives in two parts. The first half is not
    // a document; it is tried again, not reported, and the whole one shows.
    let docx = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/formats/briefing-02.docx"
    ))
    .expect("fixture");
    let half = docx.len() / 2;
    {
        use std::io::Write;
        let mut f = std::fs::File::create(month.join("d.docx")).expect("d");
        f.write_all(&docx[..half]).expect("first half");
        f.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(400));
        let s = t.screen();
        assert!(
            !s.contains("d.docx:"),
            "a file being written is not reported:\n{s}"
        );
        f.write_all(&docx[half..]).expect("second half");
    }
    let s = t.wait_for("临河市安全生产委");
    assert!(!s.contains("d.docx:"), "{s}");
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
}
