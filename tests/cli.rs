//! The real binary from the command line: `brief parse`, `brief check`, bad files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn brief(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("brief runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("brief-cli-{}-{name}", std::process::id()));
    // A folder left by an earlier run under the same process id goes first.
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

const SAMPLE: &str = "briefings/01-临河市优化营商环境大家谈.txt";

#[test]
fn parse_json_follows_the_contract() {
    let o = brief(&["parse", "--json", SAMPLE]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let keys = |v: &serde_json::Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(
        keys(&v),
        [
            "attachments",
            "cc",
            "classification",
            "date",
            "doc_number",
            "encoding",
            "format",
            "issuer",
            "pages",
            "path",
            "recipients",
            "sections",
            "source",
            "subtitle",
            "title",
            "warnings"
        ]
    );
    assert_eq!(v["encoding"], "UTF-8");
    assert_eq!(v["format"], "text");
    assert_eq!(v["doc_number"], serde_json::Value::Null);
    assert_eq!(v["recipients"], serde_json::json!([]));
    assert_eq!(v["pages"], serde_json::Value::Null);
    assert_eq!(v["date"], serde_json::Value::Null);
    let section = &v["sections"][0];
    assert_eq!(
        keys(section),
        [
            "department",
            "headline",
            "items",
            "paragraphs",
            "person",
            "position"
        ]
    );
    assert_eq!(section["department"], "市行政审批服务管理局");
    assert_eq!(section["position"], "党组书记、局长");
    assert_eq!(section["person"], "周文斌");
    let item = &section["items"][0];
    assert_eq!(
        keys(item),
        [
            "due",
            "id",
            "inferred",
            "lead",
            "lead_from",
            "level",
            "marker",
            "paragraph",
            "support",
            "targets",
            "text",
            "title"
        ]
    );
    // LEDGER.md: with no phrase of its own, the speaker's unit leads.
    assert_eq!(item["lead"], "市行政审批服务管理局");
    assert_eq!(item["lead_from"], "section");
    assert_eq!(item["marker"], "一是");
    assert_eq!(item["title"], "推行“一件事一次办”");
    assert_eq!(item["paragraph"], 1);
    assert_eq!(item["level"], 0);
    assert_eq!(item["inferred"], false);
    let paragraph = section["paragraphs"][1].as_str().expect("string");
    assert!(paragraph.contains(item["text"].as_str().expect("text")));
    assert!(!paragraph.starts_with('\u{3000}'));
}

#[test]
fn several_files_give_an_array_and_folders_expand_sorted() {
    let o = brief(&["parse", "--json", "briefings"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let paths: Vec<&str> = v
        .as_array()
        .expect("array")
        .iter()
        .map(|b| b["path"].as_str().expect("path"))
        .collect();
    assert_eq!(paths.len(), 4);
    assert!(paths.windows(2).all(|w| w[0] < w[1]), "{paths:?}");
    assert_eq!(v[1]["encoding"], "GB18030");
    assert_eq!(v[2]["date"], "2026-10-12");
    assert_eq!(v[3]["date"], "2026-10-20");
}

#[test]
fn parse_outline_lists_sections_and_items() {
    let o = brief(&["parse", SAMPLE]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(
        out.contains("市自然资源和规划局 | 党组书记、局长 | 陈立华"),
        "{out}"
    );
    assert!(out.contains("一要 盘活存量土地"), "{out}");
    assert!(out.contains("第二 拓展应用场景"), "{out}");
}

#[test]
fn bad_files_get_one_line_errors_and_the_rest_still_load() {
    let dir = scratch("bad");
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).expect("write");
        p
    };
    let empty = write("empty.txt", b"");
    let binary = write("binary.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let latin = write("latin.txt", &[0x41, 0x81, 0x20, 0xff, 0xfe, 0x41]);
    let toml = write(
        "broken.toml",
        "title = \"会议\"\n[[section]]\nheadline = \n".as_bytes(),
    );
    let missing = dir.join("missing.txt");
    let cases: [(&Path, &str); 5] = [
        (&empty, "the file is empty"),
        (&binary, "binary"),
        (&latin, "neither UTF-8 (line 1, column 2, byte 1"),
        (&toml, "broken.toml:3:"),
        (&missing, "cannot read"),
    ];
    for (path, message) in cases {
        let p = path.to_str().expect("utf-8 path");
        let o = brief(&["parse", p, SAMPLE]);
        assert_eq!(o.status.code(), Some(1), "{p}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(p) && err.contains(message), "{err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(stdout(&o).contains("周文斌"), "the good file still loads");
    }
}

#[test]
fn check_reports_warnings_and_exit_status() {
    let dir = scratch("check");
    let p = dir.join("warn.txt");
    std::fs::write(
        &p,
        "简报\n\n甲乙丙丁 戊己庚辛\n\n市某局局长 张三\n\n一是甲。三是丙。\n\n推进创新发展 加快转型升级\n\n正文写了逗号，却没有写完\n",
    )
    .expect("write");
    let o = brief(&["check", p.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("series 一是…三是 skips 二是"), "{out}");
    assert!(out.contains("section 2 has no author line"), "{out}");
    assert!(
        out.contains("paragraph 1 ends without punctuation"),
        "{out}"
    );
    let o = brief(&["check", "no/such/file.txt"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn help_and_version() {
    let o = brief(&["--help"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("parse"));
    let o = brief(&["--version"]);
    assert!(stdout(&o).starts_with("brief "));
}

#[test]
fn the_reader_reports_a_bad_config_and_needs_a_terminal() {
    let dir = scratch("config");
    let bad = dir.join("config.toml");
    std::fs::write(&bad, "mouse = true\ntheme = \"pink\"\n").expect("write");
    let o = brief(&["--config", bad.to_str().expect("utf-8"), SAMPLE]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("config.toml:2: theme: expected dark, light or high_contrast"),
        "{err}"
    );
    // Without a terminal the reader says what to use instead.
    let o = brief(&[SAMPLE]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("needs a terminal"), "{}", stderr(&o));
}

#[test]
fn search_finds_han_pinyin_and_folded_forms() {
    let o = brief(&["search", "盘活", "briefings", "--json", "--limit", "3"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let first = &v[0];
    assert_eq!(first["kind"], "item");
    assert_eq!(first["text"], "盘活存量土地");
    assert_eq!(first["section"], 1);
    assert_eq!(first["item"], 0);
    assert_eq!(first["paragraph"], 1);
    assert_eq!(first["indices"], serde_json::json!([0, 1]));
    assert!(
        first["briefing"]
            .as_str()
            .is_some_and(|p| p.ends_with("01-临河市优化营商环境大家谈.txt"))
    );
    for (query, want) in [
        ("phcltd", "盘活存量土地"),
        ("zrzyhghj", "市自然资源和规划局"),
        ("盤活", "盘活存量土地"),
        ("ｐｈｃｌ", "盘活存量土地"),
        // The three: the item and the department come first.
        ("净化", "净化沿河环境"),
        ("jhyh", "净化沿河环境"),
        ("csglj", "市城市管理局"),
    ] {
        let o = brief(&["search", query, "briefings", "--json", "-n", "1"]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        assert!(
            v[0]["text"].as_str().is_some_and(|t| t.contains(want)),
            "{query}: {v}"
        );
    }
    let o = brief(&["search", "没有这样的内容", "briefings"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
}

#[test]
fn state_and_config_live_in_the_platform_folders() {
    let home = scratch("home");
    let o = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["mark", SAMPLE, "盘活存量土地"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("HOME", &home)
        .env_remove("XDG_DATA_HOME")
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("BRIEF_STATE")
        .env_remove("BRIEF_CONFIG")
        .output()
        .expect("brief runs");
    assert!(o.status.success(), "{}", stderr(&o));
    let state = home.join(".local/share/brief/state.toml");
    assert!(std::fs::read_to_string(&state).is_ok_and(|t| t.contains("盘活存量土地")));
    // A bad config in the config folder is found and named.
    let config = home.join(".config/brief/config.toml");
    std::fs::create_dir_all(config.parent().expect("parent")).expect("dir");
    std::fs::write(&config, "[search]\nengine = \"grep\"\n").expect("write");
    let o = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["search", "净化", SAMPLE])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("HOME", &home)
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("BRIEF_CONFIG")
        .output()
        .expect("brief runs");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("config.toml:2"), "{}", stderr(&o));
}

#[test]
fn office_files_are_named_by_their_bytes_and_folders_are_walked() {
    let dir = scratch("formats");
    let month = dir.join("2026-11");
    std::fs::create_dir_all(month.join(".hidden")).expect("dirs");
    std::fs::copy(SAMPLE, month.join("page.txt")).expect("copy");
    std::fs::copy(SAMPLE, month.join(".hidden").join("page.txt")).expect("copy");
    std::fs::copy(SAMPLE, dir.join(".draft.txt")).expect("copy");
    // A Word file saved with the wrong name, and a binary .doc.
    let mut docx = b"PK\x03\x04".to_vec();
    docx.resize(30, 0);
    let mut entry = b"PK\x01\x02".to_vec();
    entry.resize(46, 0);
    entry[28] = 17;
    entry.extend_from_slice(b"word/document.xml");
    docx.extend_from_slice(&entry);
    std::fs::write(month.join("notice.txt"), &docx).expect("write");
    let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(dir.join("minutes.txt"), &doc).expect("write");
    // A link back up the tree is followed once and reported, not looped.
    std::os::unix::fs::symlink(&dir, month.join("loop")).expect("link");
    let o = brief(&["parse", dir.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("notice.txt: it is a Word document (.docx), but"),
        "{err}"
    );
    assert!(
        err.contains("minutes.txt: it is a binary Word or WPS document"),
        "{err}"
    );
    assert!(!err.contains("binary (it contains NUL"), "{err}");
    assert!(
        err.contains("loop: leads back to a folder already read"),
        "{err}"
    );
    // The month folder's page is found; hidden files and folders are not.
    let out = stdout(&o);
    assert_eq!(out.matches("周文斌").count(), 1, "{out}");
}

#[test]
fn a_file_of_nothing_but_page_markers_is_reported_not_shown() {
    let dir = scratch("pages");
    let file = dir.join("pages.txt");
    std::fs::write(&file, "===PAGE 1===\n\n===PAGE 2===\n").expect("write");
    let o = brief(&["parse", file.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("pages.txt: holds nothing but page markers"),
        "{}",
        stderr(&o)
    );
}
