//! The follow-up ledger from the command line (`brief ledger`, `brief mark
//! --status/--progress`) and its files read back by other programs' parsers:
//! the workbook by calamine, the calendar by a strict iCalendar parser, the
//! CSV as UTF-8 records.
//!
//! Tests that need deadlines either give the fixture's items their deadlines
//! by hand (in-process), or run the binary on `tests/fixtures/ledger/纪要.txt`
//! and rely on the extraction of deadlines from its text: those are marked
//! `#[ignore]` until that extraction lands.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use brief::briefing::ledger::{Due, DueKind, LeadFrom};
use brief::briefing::{self, Briefing};
use brief::ledger::{Filter, entries};
use brief::ledger_export::{self, Row, csv, ics, xlsx};
use brief::store::{Marks, Status};
use calamine::{Data, Reader};
use jiff::civil::{Date, date};

const MINUTES: &str = "tests/fixtures/ledger/纪要.txt";
const SAMPLE: &str = "briefings/01-临河市优化营商环境大家谈.txt";
const TODAY: &str = "2026-12-01";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("brief-ledger-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Runs `brief --state STATE ARGS…` in the checkout.
fn brief(state: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("--state")
        .arg(state)
        .args(args)
        .current_dir(root())
        .env_remove("COLUMNS")
        .output()
        .expect("brief runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> Vec<serde_json::Value> {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).expect("json array")
}

fn titles(rows: &[serde_json::Value]) -> Vec<&str> {
    rows.iter()
        .map(|r| r["title"].as_str().expect("title"))
        .collect()
}

// ---------------------------------------------------------------------------
// In process, with deadlines given by hand.

fn by(text: &str, d: Date) -> Due {
    Due {
        text: text.into(),
        date: Some(d),
        kind: DueKind::By,
        assumed_year: false,
        every: None,
    }
}

/// The minutes, with each item's lead and deadline set as its text says
/// (what the extraction will find), and some statuses and progress.
fn hand_dated() -> (Vec<Briefing>, Marks) {
    let mut b = briefing::load(&root().join(MINUTES)).expect("minutes parse");
    let facts: [(&str, &str, &[&str], Option<Due>); 7] = [
        (
            "加快在建项目收尾",
            "市住建局",
            &["各区"],
            Some(by("11月底前", date(2026, 11, 30))),
        ),
        (
            "做好资金拨付",
            "市财政局",
            &["市住建局"],
            Some(by("12月15日前", date(2026, 12, 15))),
        ),
        (
            "建立长效管理机制",
            "市住建局",
            &["各区", "市城市管理局"],
            Some(Due {
                text: "长期坚持".into(),
                date: None,
                kind: DueKind::Ongoing,
                assumed_year: false,
                every: None,
            }),
        ),
        (
            "开展集中整治行动",
            "市城市管理局",
            &["各区"],
            Some(by("10个工作日内", date(2026, 11, 3))),
        ),
        (
            "编制三年提升计划",
            "市自然资源和规划局",
            &[],
            Some(by("2027年6月底前", date(2027, 6, 30))),
        ),
        (
            "挖掘停车资源",
            "市城市管理局",
            &["市自然资源和规划局"],
            Some(by("年底前", date(2026, 12, 31))),
        ),
        ("按月调度进展", "市城市管理局", &[], None),
    ];
    for s in &mut b.sections {
        for item in &mut s.items {
            let title = item.title(&s.paragraphs);
            let (_, lead, support, due) = facts
                .iter()
                .find(|f| f.0 == title)
                .unwrap_or_else(|| panic!("unexpected item {title}"));
            item.followup.lead = Some((*lead).into());
            item.followup.lead_from = Some(LeadFrom::Explicit);
            item.followup
                .set_support(support.iter().map(|s| (*s).to_owned()));
            item.followup.set_due(due.clone());
        }
    }
    let mut marks = Marks::default();
    let (s, item) = find(&b, "开展集中整治行动");
    marks.set_status(&b, s, item, Status::Done, "2026-11-02T03:00:00.000Z");
    let (s, item) = find(&b, "做好资金拨付");
    marks.set_status(&b, s, item, Status::InProgress, "2026-11-20T03:00:00.000Z");
    marks
        .add_progress(
            &b,
            s,
            item,
            "已拨付第一批资金1.2亿元, 余款\"待审\"",
            "2026-11-20T03:00:00.000Z",
        )
        .expect("progress");
    (vec![b], marks)
}

fn find<'a>(b: &'a Briefing, title: &str) -> (usize, &'a brief::briefing::Item) {
    b.sections
        .iter()
        .enumerate()
        .find_map(|(s, sec)| {
            sec.items
                .iter()
                .find(|i| i.title(&sec.paragraphs) == title)
                .map(|i| (s, i))
        })
        .expect("item")
}

fn hand_rows(briefings: &[Briefing], marks: &Marks) -> Vec<(usize, bool, Option<i32>)> {
    entries(briefings, marks, date(2026, 12, 1))
        .iter()
        .map(|e| (e.s * 10 + e.i, e.overdue, e.days_left))
        .collect()
}

#[test]
fn hand_dated_rows_sort_overdue_first() {
    let (bs, marks) = hand_dated();
    let rows = hand_rows(&bs, &marks);
    // 收尾 (11-30) is overdue; 整治 (11-03) is done, so not overdue.
    assert_eq!(rows[0], (10, true, Some(-1)));
    assert_eq!(rows[1], (20, false, Some(-28)));
    let filter = Filter {
        due_before: Some(date(2026, 12, 31)),
        ..Filter::default()
    };
    let es = entries(&bs, &marks, date(2026, 12, 1));
    let kept: Vec<_> = es.iter().filter(|e| filter.matches(e, &bs)).collect();
    assert_eq!(kept.len(), 3, "11-30, 11-03 and 12-15; not 12-31 itself");
}

fn workbook_of(rows: &[Row]) -> calamine::Sheets<std::io::Cursor<Vec<u8>>> {
    let bytes = xlsx::workbook(rows).expect("workbook");
    calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).expect("calamine opens it")
}

fn text(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// Excel's serial number of a date (days since 1899-12-30).
fn serial(d: Date) -> f64 {
    f64::from(date(1899, 12, 30).until(d).expect("span").get_days())
}

#[test]
fn the_workbook_reads_back_with_dates_and_both_sheets() {
    let (bs, marks) = hand_dated();
    let es = entries(&bs, &marks, date(2026, 12, 1));
    let rows = ledger_export::rows(&es, &bs, &marks);
    let mut book = workbook_of(&rows);
    assert_eq!(
        book.sheet_names(),
        [xlsx::LEDGER_SHEET, xlsx::SUMMARY_SHEET]
    );
    let sheet = book
        .worksheet_range(xlsx::LEDGER_SHEET)
        .expect("ledger sheet");
    assert_eq!(sheet.height(), 1 + 7);
    let header: Vec<String> = (0..12).map(|c| text(&sheet, 0, c)).collect();
    assert_eq!(header, xlsx::HEADERS);
    // Row 1 is the overdue item, with a real date cell for 11月底前.
    assert_eq!(text(&sheet, 1, 1), "是");
    assert_eq!(text(&sheet, 1, 3), "（一） 加快在建项目收尾");
    assert_eq!(text(&sheet, 1, 4), "市住建局");
    assert_eq!(text(&sheet, 1, 5), "各区");
    match sheet.get_value((1, 6)) {
        Some(Data::DateTime(d)) => {
            assert!(d.is_datetime());
            assert!((d.as_f64() - serial(date(2026, 11, 30))).abs() < f64::EPSILON);
        }
        other => panic!("the deadline is not a date cell: {other:?}"),
    }
    assert_eq!(text(&sheet, 1, 7), "11月底前");
    assert_eq!(sheet.get_value((1, 8)), Some(&Data::Float(-1.0)));
    // The item in progress carries its latest entry.
    let funds = (1..8)
        .find(|&r| text(&sheet, r, 3).contains("做好资金拨付"))
        .expect("资金拨付 row");
    assert_eq!(text(&sheet, funds, 2), "推进中");
    assert!(text(&sheet, funds, 9).contains("已拨付第一批资金"));
    // The ongoing item has no date but keeps its words.
    let ongoing = (1..8)
        .find(|&r| text(&sheet, r, 3).contains("长效管理"))
        .expect("长效管理 row");
    assert_eq!(text(&sheet, ongoing, 6), "");
    assert_eq!(text(&sheet, ongoing, 7), "长期坚持");

    let summary = book.worksheet_range(xlsx::SUMMARY_SHEET).expect("summary");
    let header: Vec<String> = (0..5).map(|c| text(&summary, 0, c)).collect();
    assert_eq!(header, xlsx::SUMMARY_HEADERS);
    // 市城市管理局 leads three items, one done; 市住建局 two, one overdue.
    assert_eq!(text(&summary, 1, 0), "市城市管理局");
    assert_eq!(summary.get_value((1, 1)), Some(&Data::Float(3.0)));
    assert_eq!(summary.get_value((1, 2)), Some(&Data::Float(1.0)));
    let housing = (1..6)
        .find(|&r| text(&summary, r, 0) == "市住建局")
        .expect("市住建局 row");
    assert_eq!(summary.get_value((housing, 1)), Some(&Data::Float(2.0)));
    assert_eq!(summary.get_value((housing, 4)), Some(&Data::Float(1.0)));
    let last = summary.height() - 1;
    let last = u32::try_from(last).expect("rows");
    assert_eq!(text(&summary, last, 0), "合计");
    assert_eq!(summary.get_value((last, 1)), Some(&Data::Float(7.0)));
}

fn todos(calendar: &str) -> Vec<ical::parser::ical::component::IcalTodo> {
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(calendar.as_bytes()));
    let cal = parser.next().expect("a calendar").expect("parses strictly");
    assert!(parser.next().is_none(), "one calendar");
    cal.todos
}

fn prop<'a>(todo: &'a ical::parser::ical::component::IcalTodo, name: &str) -> Option<&'a str> {
    todo.properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.as_deref())
}

#[test]
fn the_calendar_parses_with_stable_uids() {
    let (bs, marks) = hand_dated();
    let es = entries(&bs, &marks, date(2026, 12, 1));
    let rows = ledger_export::rows(&es, &bs, &marks);
    let first = ics::calendar(&rows, "2026-12-01T01:00:00.000Z");
    let again = ics::calendar(&rows, "2026-12-02T01:00:00.000Z");
    assert!(first.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(first.ends_with("END:VCALENDAR\r\n"));
    assert!(
        !first.replace("\r\n", "").contains('\n'),
        "only CRLF line ends"
    );
    assert!(first.split("\r\n").all(|l| l.len() <= 75));
    let a = todos(&first);
    let b = todos(&again);
    // Five of the seven have a date; 长期坚持 and the undated one do not.
    assert_eq!(a.len(), 5);
    let uids = |t: &[ical::parser::ical::component::IcalTodo]| -> Vec<String> {
        t.iter()
            .map(|t| prop(t, "UID").expect("uid").to_owned())
            .collect()
    };
    assert_eq!(uids(&a), uids(&b));
    let mut unique = uids(&a);
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 5);
    let overdue = &a[0];
    assert_eq!(prop(overdue, "DUE"), Some("20261130"));
    let due = overdue
        .properties
        .iter()
        .find(|p| p.name == "DUE")
        .expect("due");
    assert!(
        due.params
            .as_ref()
            .is_some_and(|ps| ps.iter().any(|(k, v)| k == "VALUE" && v == &["DATE"]))
    );
    assert_eq!(prop(overdue, "SUMMARY"), Some("（一） 加快在建项目收尾"));
    assert_eq!(prop(overdue, "STATUS"), Some("NEEDS-ACTION"));
    assert_eq!(prop(overdue, "DTSTAMP"), Some("20261201T010000Z"));
    let funds = a
        .iter()
        .find(|t| prop(t, "SUMMARY").is_some_and(|s| s.contains("资金拨付")))
        .expect("funds");
    assert_eq!(prop(funds, "STATUS"), Some("IN-PROCESS"));
    // Escaped text: the comma and the line breaks come back as written.
    let desc = prop(funds, "DESCRIPTION").expect("description");
    assert!(desc.contains("牵头单位：市财政局"), "{desc}");
    assert!(desc.contains("1.2亿元\\, 余款"), "{desc}");
    let done = a
        .iter()
        .find(|t| prop(t, "SUMMARY").is_some_and(|s| s.contains("集中整治")))
        .expect("done item");
    assert_eq!(prop(done, "STATUS"), Some("COMPLETED"));
    assert_eq!(prop(done, "COMPLETED"), Some("20261102T030000Z"));
}

/// RFC 4180 records (quoted fields may hold commas, quotes and line breaks).
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (_, c) => field.push(c),
        }
    }
    assert!(!quoted, "an unterminated quote");
    assert!(
        field.is_empty() && record.is_empty(),
        "no CRLF after the last record"
    );
    records
}

#[test]
fn the_csv_has_a_bom_and_quotes_what_needs_it() {
    let (bs, marks) = hand_dated();
    let es = entries(&bs, &marks, date(2026, 12, 1));
    let rows = ledger_export::rows(&es, &bs, &marks);
    let mut out = Vec::new();
    csv::write(&mut out, &rows).expect("csv");
    assert!(out.starts_with("\u{feff}".as_bytes()));
    let text = String::from_utf8(out).expect("utf-8");
    let records = csv_records(text.trim_start_matches('\u{feff}'));
    assert_eq!(records.len(), 8);
    assert_eq!(records[0], csv::HEADERS);
    assert!(records.iter().all(|r| r.len() == csv::HEADERS.len()));
    assert_eq!(records[1][1], "是");
    assert_eq!(records[1][6], "2026-11-30");
    assert_eq!(records[1][7], "11月底前");
    assert_eq!(records[1][8], "-1");
    let funds = records
        .iter()
        .find(|r| r[3].contains("资金拨付"))
        .expect("funds");
    assert_eq!(funds[9], "2026-11-20 已拨付第一批资金1.2亿元, 余款\"待审\"");
}

// ---------------------------------------------------------------------------
// The binary.

#[test]
fn json_rows_carry_exactly_the_contract_fields() {
    let dir = scratch("fields");
    let rows = json(&brief(
        &dir.join("state.toml"),
        &["ledger", MINUTES, "--today", TODAY, "--json"],
    ));
    assert_eq!(rows.len(), 7);
    let mut keys: Vec<&str> = rows[0]
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    let mut want = [
        "id",
        "briefing",
        "section",
        "marker",
        "title",
        "lead",
        "lead_from",
        "support",
        "due",
        "targets",
        "status",
        "progress",
        "overdue",
        "days_left",
    ];
    want.sort_unstable();
    assert_eq!(keys, want);
    for r in &rows {
        assert_eq!(r["briefing"], "临河市城市更新工作推进会议纪要");
        assert_eq!(r["status"], "未启动");
        assert_eq!(r["progress"], serde_json::json!([]));
    }
    assert!(rows.iter().any(|r| r["section"] == "一、关于老旧小区改造"));
}

#[test]
fn status_and_progress_set_by_mark_show_in_the_ledger() {
    let dir = scratch("mark");
    let state = dir.join("state.toml");
    let o = brief(
        &state,
        &[
            "mark",
            MINUTES,
            "做好资金拨付",
            "--status",
            "in-progress",
            "--progress",
            "已拨付第一批资金",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = brief(
        &state,
        &["mark", MINUTES, "开展集中整治行动", "--status", "已完成"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = json(&brief(
        &state,
        &["ledger", MINUTES, "--today", TODAY, "--json"],
    ));
    let funds = rows
        .iter()
        .find(|r| r["title"] == "做好资金拨付")
        .expect("funds");
    assert_eq!(funds["status"], "推进中");
    assert_eq!(funds["progress"][0]["text"], "已拨付第一批资金");
    assert!(
        funds["progress"][0]["date"]
            .as_str()
            .is_some_and(|d| d.len() == 10)
    );
    for wanted in ["推进中", "in-progress"] {
        let only = json(&brief(
            &state,
            &["ledger", MINUTES, "--status", wanted, "--json"],
        ));
        assert_eq!(titles(&only), ["做好资金拨付"]);
    }
    let done = json(&brief(
        &state,
        &["ledger", MINUTES, "--status", "done", "--json"],
    ));
    assert_eq!(titles(&done), ["开展集中整治行动"]);
    // 已完成 is the same thing as done: `brief export` says [x].
    let o = brief(&state, &["export", MINUTES, "--width", "0"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("[x] （一） 开展集中整治行动"), "{text}");
    assert!(text.contains("进展："), "{text}");
    // A bad status is refused by the argument parser.
    let o = brief(
        &state,
        &["mark", MINUTES, "做好资金拨付", "--status", "soon"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("推进中"), "{}", stderr(&o));
}

#[test]
fn a_huge_progress_text_is_refused_and_nothing_is_lost() {
    let dir = scratch("huge");
    let state = dir.join("state.toml");
    let o = brief(
        &state,
        &["mark", MINUTES, "做好资金拨付", "--note", "先记一笔"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let before = std::fs::read(&state).expect("state");
    let huge = "进".repeat(100 * 1024 / 3);
    let o = brief(
        &state,
        &["mark", MINUTES, "做好资金拨付", "--progress", &huge],
    );
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("at most 2000 characters"), "{err}");
    assert!(err.contains("纪要.txt"), "names the file: {err}");
    assert!(err.contains("nothing was marked"), "{err}");
    assert_eq!(std::fs::read(&state).expect("state"), before);
}

#[test]
fn the_lead_filter_keeps_that_units_items() {
    let dir = scratch("lead");
    let state = dir.join("state.toml");
    let all = json(&brief(
        &state,
        &["ledger", SAMPLE, "--today", TODAY, "--json"],
    ));
    let only = json(&brief(
        &state,
        &["ledger", SAMPLE, "--lead", "大数据", "--json"],
    ));
    assert!(!only.is_empty() && only.len() < all.len());
    assert!(only.iter().all(|r| r["lead"] == "市大数据中心"));
    let none = json(&brief(
        &state,
        &["ledger", SAMPLE, "--lead", "不存在的单位", "--json"],
    ));
    assert!(none.is_empty());
}

#[test]
fn a_bad_today_is_a_usage_error() {
    let dir = scratch("today");
    for bad in ["tomorrow", "2026-02-30", "2026-13-01"] {
        let o = brief(
            &dir.join("state.toml"),
            &["ledger", MINUTES, "--today", bad],
        );
        assert_eq!(o.status.code(), Some(2), "{bad}");
        let err = stderr(&o);
        assert!(
            err.contains("--today") && err.contains("is not a date"),
            "{err}"
        );
    }
    let o = brief(
        &dir.join("state.toml"),
        &["ledger", MINUTES, "--due-before", "next week"],
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_table_aligns_and_fits_without_colour_when_piped() {
    let dir = scratch("table");
    let o = Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("--state")
        .arg(dir.join("state.toml"))
        .args(["ledger", SAMPLE, "--today", TODAY])
        .current_dir(root())
        .env("COLUMNS", "90")
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout.clone()).expect("utf-8");
    assert!(!text.contains('\x1b'), "no colour when piped");
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("状态") && lines[0].contains("牵头单位"));
    let width = |s: &str| brief::layout::str_width(s, brief::layout::Ambiguous::Narrow);
    assert!(lines.iter().all(|l| width(l) <= 90), "{text}");
    assert!(text.contains('…'), "long cells are cut: {text}");
    // Each row's lead unit starts in the header's column.
    let column = |l: &str, needle: &str| l.find(needle).map(|at| width(&l[..at]));
    let lead_col = column(lines[0], "牵头单位").expect("header");
    let row = lines
        .iter()
        .find(|l| l.contains("市大数"))
        .expect("a 大数据中心 row");
    assert_eq!(column(row, "市大数"), Some(lead_col));
    assert!(stderr(&o).contains("item(s)"));
}

#[test]
fn the_csv_from_the_binary_starts_with_a_bom() {
    let dir = scratch("csv");
    let o = brief(&dir.join("state.toml"), &["ledger", SAMPLE, "--csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.starts_with(b"\xef\xbb\xbf"));
    let text = String::from_utf8(o.stdout).expect("utf-8");
    let records = csv_records(text.trim_start_matches('\u{feff}'));
    assert_eq!(records[0], csv::HEADERS);
    assert!(records.len() > 10);
}

#[test]
fn the_workbook_from_the_binary_opens_with_both_sheets() {
    let dir = scratch("xlsx");
    let file = dir.join("台账.xlsx");
    let o = brief(
        &dir.join("state.toml"),
        &[
            "ledger",
            SAMPLE,
            "--today",
            TODAY,
            "--xlsx",
            file.to_str().expect("utf-8"),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("wrote"));
    let mut book = calamine::open_workbook_auto(&file).expect("opens");
    assert_eq!(
        book.sheet_names(),
        [xlsx::LEDGER_SHEET, xlsx::SUMMARY_SHEET]
    );
    let sheet = book.worksheet_range(xlsx::LEDGER_SHEET).expect("sheet");
    assert_eq!(text(&sheet, 0, 3), "事项");
    // The sheet's first row is the ledger's first row.
    let rows = json(&brief(
        &dir.join("state.toml"),
        &["ledger", SAMPLE, "--today", TODAY, "--json"],
    ));
    let first = &rows[0];
    assert_eq!(
        text(&sheet, 1, 3),
        format!(
            "{} {}",
            first["marker"].as_str().expect("marker"),
            first["title"].as_str().expect("title")
        )
    );
    assert_eq!(text(&sheet, 1, 4), first["lead"].as_str().expect("lead"));
    let no_stray_files = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(Result::ok)
        .all(|e| !e.file_name().to_string_lossy().ends_with(".tmp"));
    assert!(no_stray_files);
}

#[test]
fn an_xlsx_or_ics_target_that_is_a_folder_is_refused() {
    let dir = scratch("folder");
    let target = dir.join("out");
    std::fs::create_dir_all(&target).expect("dir");
    for flag in ["--xlsx", "--ics"] {
        let o = brief(
            &dir.join("state.toml"),
            &["ledger", SAMPLE, flag, target.to_str().expect("utf-8")],
        );
        assert!(!o.status.success());
        let err = stderr(&o);
        assert!(err.contains(&target.display().to_string()), "{err}");
        assert!(err.contains("is a folder"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn an_unwritable_target_is_refused_and_leaves_no_half_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("readonly");
    let locked = dir.join("locked");
    std::fs::create_dir_all(&locked).expect("dir");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    // Root writes into read-only folders: then use a path whose folder is a
    // file, which no one can write into.
    let probe = locked.join("probe");
    let target = if std::fs::write(&probe, b"x").is_ok() {
        let _ = std::fs::remove_file(&probe);
        eprintln!("notice: running as root; using a folder that is a file instead");
        let file = dir.join("plain-file");
        std::fs::write(&file, b"x").expect("file");
        file.join("台账.xlsx")
    } else {
        locked.join("台账.xlsx")
    };
    let o = brief(
        &dir.join("state.toml"),
        &["ledger", SAMPLE, "--xlsx", target.to_str().expect("utf-8")],
    );
    let _ = std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755));
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains(&target.display().to_string()), "{err}");
    assert!(err.contains("cannot write"), "{err}");
    assert!(!target.exists());
}

#[test]
fn the_seed_and_corpus_give_a_ledger() {
    let shared = root().join("../shared");
    if !shared.is_dir() {
        common::skip(&format!("{} not found; skipping", shared.display()));
        return;
    }
    let dir = scratch("seed");
    for sub in ["seed", "corpus"] {
        let path = shared.join(sub);
        let o = brief(
            &dir.join("state.toml"),
            &["ledger", path.to_str().expect("utf-8"), "--json"],
        );
        let rows: Vec<serde_json::Value> =
            serde_json::from_slice(&o.stdout).expect("json even when some files fail");
        assert!(!rows.is_empty(), "{sub}: no items");
        assert!(rows.iter().all(|r| r["status"] == "未启动"));
        let file = dir.join(format!("{sub}.xlsx"));
        let o = brief(
            &dir.join("state.toml"),
            &[
                "ledger",
                path.to_str().expect("utf-8"),
                "--xlsx",
                file.to_str().expect("utf-8"),
            ],
        );
        assert!(file.is_file(), "{sub}: {}", stderr(&o));
        let mut book = calamine::open_workbook_auto(&file).expect("opens");
        let sheet = book.worksheet_range(xlsx::LEDGER_SHEET).expect("sheet");
        assert_eq!(sheet.height(), rows.len() + 1);
    }
}

// ---------------------------------------------------------------------------
// Once deadlines are read from the text (h-extract): the minutes' own words.

#[test]
fn the_minutes_deadlines_flag_the_overdue_item() {
    let dir = scratch("overdue");
    let state = dir.join("state.toml");
    let rows = json(&brief(
        &state,
        &["ledger", MINUTES, "--today", TODAY, "--json"],
    ));
    // The longest overdue comes first; this one is the other overdue item.
    let first = rows
        .iter()
        .find(|r| r["title"] == "加快在建项目收尾")
        .expect("the item");
    assert_eq!(rows[1]["title"], "加快在建项目收尾");
    assert_eq!(first["lead"], "市住建局");
    assert_eq!(first["lead_from"], "explicit");
    assert_eq!(first["support"], serde_json::json!(["各区"]));
    assert_eq!(first["due"]["text"], "11月底前");
    assert_eq!(first["due"]["date"], "2026-11-30");
    assert_eq!(first["overdue"], true);
    assert_eq!(first["days_left"], -1);
    let overdue = json(&brief(
        &state,
        &["ledger", MINUTES, "--today", TODAY, "--overdue", "--json"],
    ));
    // 11月底前 and 10个工作日内 (2026-11-03) have both passed.
    assert_eq!(titles(&overdue), ["开展集中整治行动", "加快在建项目收尾"]);
    let before = json(&brief(
        &state,
        &[
            "ledger",
            MINUTES,
            "--today",
            TODAY,
            "--due-before",
            "2026-12-16",
            "--json",
        ],
    ));
    assert_eq!(
        titles(&before),
        ["开展集中整治行动", "加快在建项目收尾", "做好资金拨付"]
    );
}

#[test]
fn the_binarys_workbook_and_calendar_carry_the_minutes_dates() {
    let dir = scratch("dated");
    let state = dir.join("state.toml");
    let file = dir.join("台账.xlsx");
    let o = brief(
        &state,
        &[
            "ledger",
            MINUTES,
            "--today",
            TODAY,
            "--xlsx",
            file.to_str().expect("utf-8"),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mut book = calamine::open_workbook_auto(&file).expect("opens");
    let sheet = book.worksheet_range(xlsx::LEDGER_SHEET).expect("sheet");
    let dates = (1..8)
        .filter(|&r| matches!(sheet.get_value((r, 6)), Some(Data::DateTime(_))))
        .count();
    assert!(dates >= 5, "{dates} date cells");
    let mut uids = Vec::new();
    for name in ["a.ics", "b.ics"] {
        let file = dir.join(name);
        let o = brief(
            &state,
            &[
                "ledger",
                MINUTES,
                "--today",
                TODAY,
                "--ics",
                file.to_str().expect("utf-8"),
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        let text = std::fs::read_to_string(&file).expect("utf-8");
        let t = todos(&text);
        assert!(t.len() >= 5);
        uids.push(
            t.iter()
                .map(|t| prop(t, "UID").expect("uid").to_owned())
                .collect::<Vec<_>>(),
        );
    }
    assert_eq!(uids[0], uids[1]);
}
