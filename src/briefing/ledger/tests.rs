//! Table tests: every deadline form of LEDGER.md against a briefing dated
//! 2026-10-20 (a Tuesday), the responsibility phrases, targets.

use jiff::civil::{Date, date};

use super::*;
use crate::briefing::{Cell, Words};

const WRITTEN: Date = date(2026, 10, 20);

fn dated() -> Base {
    Base::new(Some(WRITTEN), Some(2025))
}

fn item(text: &str) -> Item {
    let title: String = text.chars().take(10).collect();
    Item::new(
        0,
        0,
        Words::Own("".into()),
        Words::Own(title.into()),
        Words::Own(text.into()),
        false,
    )
}

fn due_of(text: &str, base: Base) -> (Option<Due>, Vec<Problem>) {
    let mut problems = Vec::new();
    let f = followup(
        &item(text),
        &Paragraphs::new(),
        Some("市政府办公室"),
        base,
        &mut problems,
    );
    (f.due().cloned(), problems)
}

#[allow(clippy::unnecessary_wraps)] // Reads as the expected `due.date`.
fn by(y: i16, m: i8, d: i8) -> Option<Date> {
    Some(date(y, m, d))
}

#[test]
fn every_deadline_form_of_the_table() {
    let cases: &[(&str, &str, Option<Date>, DueKind)] = &[
        (
            "11月底前完成改造。",
            "11月底前",
            by(2026, 11, 30),
            DueKind::By,
        ),
        (
            "力争11月底全部到位。",
            "11月底",
            by(2026, 11, 30),
            DueKind::By,
        ),
        (
            "12月15日前报送方案。",
            "12月15日前",
            by(2026, 12, 15),
            DueKind::By,
        ),
        (
            "2027年6月底前建成投用。",
            "2027年6月底前",
            by(2027, 6, 30),
            DueKind::By,
        ),
        ("年底前全面完成。", "年底前", by(2026, 12, 31), DueKind::By),
        ("年内推出套餐30个。", "年内", by(2026, 12, 31), DueKind::By),
        (
            "确保全年完成投资325.6亿元。",
            "全年",
            by(2026, 12, 31),
            DueKind::By,
        ),
        ("今年要见到实效。", "今年", by(2026, 12, 31), DueKind::By),
        ("下半年启动试点。", "下半年", by(2026, 12, 31), DueKind::By),
        ("四季度完成验收。", "四季度", by(2026, 12, 31), DueKind::By),
        (
            "第四季度末前完成。",
            "第四季度末前",
            by(2026, 12, 31),
            DueKind::By,
        ),
        // Before the briefing's month: next year's (see below).
        ("上半年完成招标。", "上半年", by(2027, 6, 30), DueKind::By),
        ("一季度开工建设。", "一季度", by(2027, 3, 31), DueKind::By),
        (
            "第三季度完成评估。",
            "第三季度",
            by(2027, 9, 30),
            DueKind::By,
        ),
        (
            "三季度末完成评估。",
            "三季度末",
            by(2027, 9, 30),
            DueKind::By,
        ),
        (
            "10个工作日内报送。",
            "10个工作日内",
            by(2026, 11, 3),
            DueKind::By,
        ),
        (
            "十个工作日内报送。",
            "十个工作日内",
            by(2026, 11, 3),
            DueKind::By,
        ),
        (
            "5个工作日以内反馈。",
            "5个工作日以内",
            by(2026, 10, 27),
            DueKind::By,
        ),
        (
            "一个月内拿出方案。",
            "一个月内",
            by(2026, 11, 20),
            DueKind::By,
        ),
        (
            "两个月内完成整改。",
            "两个月内",
            by(2026, 12, 20),
            DueKind::By,
        ),
        ("30天内办结。", "30天内", by(2026, 11, 19), DueKind::By),
        ("15日内书面反馈。", "15日内", by(2026, 11, 4), DueKind::By),
        ("半个月内完成。", "半个月内", by(2026, 11, 4), DueKind::By),
        ("两周内反馈意见。", "两周内", by(2026, 11, 3), DueKind::By),
        ("本年度内完成。", "本年度内", by(2026, 12, 31), DueKind::By),
        ("三年内全部完成。", "三年内", by(2029, 10, 20), DueKind::By),
        (
            "“十四五”末基本建成。",
            "“十四五”末",
            by(2025, 12, 31),
            DueKind::By,
        ),
        (
            "\"十四五\"期间累计完成。",
            "\"十四五\"期间",
            by(2025, 12, 31),
            DueKind::By,
        ),
        (
            "「十四五」期间逐步推开。",
            "「十四五」期间",
            by(2025, 12, 31),
            DueKind::By,
        ),
        (
            "十四五末实现全覆盖。",
            "十四五末",
            by(2025, 12, 31),
            DueKind::By,
        ),
        (
            "“十五五”末全面建成。",
            "“十五五”末",
            by(2030, 12, 31),
            DueKind::By,
        ),
        (
            "到2025年实现全覆盖。",
            "到2025年",
            by(2025, 12, 31),
            DueKind::By,
        ),
        (
            "2025年底前完成。",
            "2025年底前",
            by(2025, 12, 31),
            DueKind::By,
        ),
        (
            "力争2028年建成。",
            "力争2028年",
            by(2028, 12, 31),
            DueKind::By,
        ),
        (
            "2030年前实现碳达峰。",
            "2030年前",
            by(2030, 12, 31),
            DueKind::By,
        ),
        (
            "明年3月底前完成。",
            "明年3月底前",
            by(2027, 3, 31),
            DueKind::By,
        ),
        (
            "今年上半年完成。",
            "今年上半年",
            by(2026, 6, 30),
            DueKind::By,
        ),
        ("明年底前完成。", "明年底前", by(2027, 12, 31), DueKind::By),
        (
            "11月中旬前组织演练。",
            "11月中旬前",
            by(2026, 11, 20),
            DueKind::By,
        ),
        ("11月上旬完成。", "11月上旬", by(2026, 11, 10), DueKind::By),
        (
            "12月下旬前完成。",
            "12月下旬前",
            by(2026, 12, 31),
            DueKind::By,
        ),
        (
            "十一月底前完成。",
            "十一月底前",
            by(2026, 11, 30),
            DueKind::By,
        ),
        ("12月前完成。", "12月前", by(2026, 11, 30), DueKind::By),
        ("每月通报进展。", "每月", None, DueKind::Recurring),
        ("每季度召开一次。", "每季度", None, DueKind::Recurring),
        ("每年开展评估。", "每年", None, DueKind::Recurring),
        ("每周调度一次。", "每周", None, DueKind::Recurring),
        ("按月报送数据。", "按月", None, DueKind::Recurring),
        ("长期坚持下去。", "长期坚持", None, DueKind::Ongoing),
        ("持续推进专项整治。", "持续推进", None, DueKind::Ongoing),
        ("常态化开展督查。", "常态化", None, DueKind::Ongoing),
        ("春节前发放到位。", "春节前", None, DueKind::Unresolved),
        ("汛期前完成清淤。", "汛期前", None, DueKind::Unresolved),
        ("国庆前完成布置。", "国庆前", None, DueKind::Unresolved),
        ("入冬之前完成。", "入冬之前", None, DueKind::Unresolved),
    ];
    for &(text, words, date, kind) in cases {
        let (due, problems) = due_of(text, dated());
        let due = due.unwrap_or_else(|| panic!("{text}: no deadline found"));
        assert_eq!(due.text, words, "{text}");
        assert_eq!(due.date, date, "{text}");
        assert_eq!(due.kind, kind, "{text}");
        assert!(!due.assumed_year, "{text}");
        assert!(problems.is_empty(), "{text}: {problems:?}");
    }
}

#[test]
fn texts_without_a_deadline() {
    for text in [
        "9月18日，市安委会召开全体会议。",
        "前三季度全市事故起数同比下降12.4%。",
        "2026年第三次全体会议。",
        "今年以来，全市上下共同努力。",
        "去年底完成的项目要尽快投用。",
        "把审批时限压缩至30个工作日以内。",
        "加强组织领导，压实工作责任。",
        "每个人都要提高认识。",
        "十四五规划纲要提出目标。",
        "近3年内没有重大违法记录。",
    ] {
        let (due, problems) = due_of(text, dated());
        assert_eq!(due, None, "{text}");
        assert!(problems.is_empty(), "{text}");
    }
}

#[test]
fn without_a_date_the_files_year_is_assumed_and_said() {
    let base = Base::new(None, Some(2027));
    let (due, _) = due_of("11月底前完成。", base);
    let due = due.expect("a deadline");
    assert_eq!(due.date, by(2027, 11, 30));
    assert!(due.assumed_year);
    // Nothing to tell a month already past from one to come.
    let (due, _) = due_of("3月底前完成。", base);
    assert_eq!(due.expect("due").date, by(2027, 3, 31));
    // A year written out is not assumed.
    let (due, _) = due_of("2028年6月底前完成。", base);
    let due = due.expect("due");
    assert_eq!(due.date, by(2028, 6, 30));
    assert!(!due.assumed_year);
    // Counting days needs a day to count from.
    let (due, _) = due_of("10个工作日内报送。", base);
    let due = due.expect("due");
    assert_eq!((due.date, due.kind), (None, DueKind::Unresolved));
    // No year at all: the phrase is kept, without a date.
    let (due, _) = due_of("年底前完成。", Base::new(None, None));
    assert_eq!(due.expect("due").date, None);
}

#[test]
fn a_month_already_past_is_next_years() {
    let december = Base::new(Some(date(2026, 12, 10)), None);
    let (due, _) = due_of("3月底前完成。", december);
    assert_eq!(due.expect("due").date, by(2027, 3, 31));
    // The briefing's own month is this year's, even a day already past.
    let (due, _) = due_of("12月5日前完成。", december);
    assert_eq!(due.expect("due").date, by(2026, 12, 5));
    let (due, _) = due_of("12月底前完成。", december);
    assert_eq!(due.expect("due").date, by(2026, 12, 31));
    // A year written out is kept as written.
    let (due, _) = due_of("2026年3月底前完成。", december);
    assert_eq!(due.expect("due").date, by(2026, 3, 31));
}

#[test]
fn working_days_skip_the_weekend() {
    // Friday 2026-10-23: one working day later is Monday.
    let friday = Base::new(Some(date(2026, 10, 23)), None);
    let (due, _) = due_of("1个工作日内答复。", friday);
    assert_eq!(due.expect("due").date, by(2026, 10, 26));
    let (due, _) = due_of("5个工作日内答复。", friday);
    assert_eq!(due.expect("due").date, by(2026, 10, 30));
    // From a Saturday, the first working day is Monday.
    assert_eq!(
        add_working_days(date(2026, 10, 24), 1),
        Some(date(2026, 10, 26))
    );
    assert_eq!(
        add_working_days(date(2026, 12, 31), 3),
        Some(date(2027, 1, 5))
    );
}

#[test]
fn impossible_and_far_off_dates_are_reported_not_resolved() {
    for (text, words) in [
        ("2月30日前报送。", "2月30日前"),
        ("13月底前完成。", "13月底前"),
        ("2027年2月29日前完成。", "2027年2月29日前"),
        ("0月底前完成。", "0月底前"),
    ] {
        let (due, problems) = due_of(text, dated());
        let due = due.unwrap_or_else(|| panic!("{text}: no deadline"));
        assert_eq!(due.text, words);
        assert_eq!((due.date, due.kind), (None, DueKind::Unresolved), "{text}");
        assert_eq!(problems, [Problem::NotADate(words.to_owned())], "{text}");
    }
    for (text, year) in [("到1985年底前完成。", 1985), ("2150年底前完成。", 2150)] {
        let (due, problems) = due_of(text, dated());
        assert_eq!(due.expect("due").date, None, "{text}");
        assert!(
            matches!(&problems[..], [Problem::OutOfRange(_, y)] if *y == year),
            "{text}: {problems:?}"
        );
    }
    // A leap day is a date in a leap year.
    let (due, problems) = due_of("2028年2月29日前完成。", dated());
    assert_eq!(due.expect("due").date, by(2028, 2, 29));
    assert!(problems.is_empty());
}

#[test]
fn the_warning_names_the_section_and_the_words() {
    let mut b = crate::briefing::parse_text(
        "t.txt",
        "会议纪要\n\n时间：2026年10月20日\n\n一、关于整改\n\n（一）完成隐患整改。2月30日前报送清单。\n",
    );
    annotate(&mut b, Some(2026));
    let warning = b
        .warnings
        .iter()
        .find(|w| w.contains("2月30日前"))
        .expect("a warning");
    assert!(warning.starts_with("section 1"), "{warning}");
    assert!(warning.contains("not a calendar date"), "{warning}");
}

#[test]
fn which_phrase_is_the_deadline() {
    // A label wins.
    let (due, _) = due_of(
        "每月通报进展，（牵头单位：市住建局；完成时限：2026年12月15日）",
        dated(),
    );
    assert_eq!(due.expect("due").date, by(2026, 12, 15));
    // Milestones first, completion last: the last 前/内/底 phrase.
    let (due, _) = due_of("11月底前完成摸底，明年3月底前全部整改到位。", dated());
    assert_eq!(due.expect("due").text, "明年3月底前");
    // A deadline beats a bare period, a recurring and an ongoing phrase.
    let (due, _) = due_of("全年每月调度，常态化推进，11月底前完成。", dated());
    assert_eq!(due.expect("due").text, "11月底前");
    let (due, _) = due_of("每月调度，常态化推进。", dated());
    assert_eq!(due.expect("due").kind, DueKind::Recurring);
}

#[test]
fn a_task_tables_deadline_column() {
    let mut it = item("建成智慧审批平台。");
    it.set_cells([
        Cell {
            header: "牵头单位".into(),
            value: "市审批局".into(),
        },
        Cell {
            header: "配合单位".into(),
            value: "市大数据中心、各区".into(),
        },
        Cell {
            header: "完成时限".into(),
            value: "2026年11月".into(),
        },
    ]);
    let f = followup(
        &it,
        &Paragraphs::new(),
        Some("市政府"),
        dated(),
        &mut Vec::new(),
    );
    assert_eq!(f.lead.as_deref(), Some("市审批局"));
    assert_eq!(f.lead_from, Some(LeadFrom::Table));
    assert_eq!(*f.support(), ["市大数据中心", "各区"]);
    assert_eq!(f.due().expect("due").date, by(2026, 11, 30));
}

#[test]
fn recurring_deadlines_come_round() {
    // 2026-12-01 is a Tuesday.
    let today = date(2026, 12, 1);
    assert_eq!(next_occurrence(Period::Week, today), by(2026, 12, 4));
    assert_eq!(
        next_occurrence(Period::Week, date(2026, 12, 5)),
        by(2026, 12, 11)
    );
    assert_eq!(
        next_occurrence(Period::Week, date(2026, 12, 4)),
        by(2026, 12, 4)
    );
    assert_eq!(next_occurrence(Period::Month, today), by(2026, 12, 31));
    assert_eq!(
        next_occurrence(Period::Month, date(2026, 2, 28)),
        by(2026, 2, 28)
    );
    assert_eq!(
        next_occurrence(Period::Quarter, date(2026, 4, 1)),
        by(2026, 6, 30)
    );
    assert_eq!(next_occurrence(Period::Year, today), by(2026, 12, 31));
    let mut b = crate::briefing::parse_text(
        "t.txt",
        "纪要\n\n时间：2026年10月20日\n\n一、要求\n\n（一）加强调度。每月通报一次。\n",
    );
    resolve_recurring(&mut b, today);
    let due = b.sections[0].items[0].followup.due().cloned().expect("due");
    assert_eq!((due.kind, due.date), (DueKind::Recurring, by(2026, 12, 31)));
}

fn units(text: &str) -> (Option<String>, Option<LeadFrom>, Vec<String>) {
    let f = followup(
        &item(text),
        &Paragraphs::new(),
        Some("市政府办公室"),
        dated(),
        &mut Vec::new(),
    );
    (
        f.lead.as_deref().map(String::from),
        f.lead_from,
        f.support().to_vec(),
    )
}

#[test]
fn responsibility_phrases() {
    let explicit = Some(LeadFrom::Explicit);
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "完成老旧管网改造。（牵头单位：市住建局；配合单位：各区）",
            "市住建局",
            &["各区"],
        ),
        (
            "开展排查（牵头单位：市应急局；配合单位：各县（市、区）、市消防救援支队；完成时限：11月底前）",
            "市应急局",
            &["各县（市、区）", "市消防救援支队"],
        ),
        (
            "牵头单位:市发改委，配合单位:市财政局,市统计局。",
            "市发改委",
            &["市财政局", "市统计局"],
        ),
        ("由市交通运输局牵头，制定整治方案。", "市交通运输局", &[]),
        (
            "由市商务局牵头制定方案，市财政局、市税务局配合。",
            "市商务局",
            &["市财政局", "市税务局"],
        ),
        (
            "市公安局牵头，各区配合，开展专项行动。",
            "市公安局",
            &["各区"],
        ),
        (
            "市住建局牵头负责，各县（市、区）积极配合。",
            "市住建局",
            &["各县（市、区）"],
        ),
        ("具体工作由市大数据中心负责。", "市大数据中心", &[]),
        ("市水务局负责，汛期前完成清淤。", "市水务局", &[]),
        ("会议要求市市场监管局具体负责。", "市市场监管局", &[]),
        (
            "市财政局会同市发改委负责资金保障。",
            "市财政局",
            &["市发改委"],
        ),
        ("责任单位：市教育局。", "市教育局", &[]),
        (
            "提高养老金标准（牵头单位：农牧厅、林草局、人社厅）",
            "农牧厅、林草局、人社厅",
            &[],
        ),
    ];
    for &(text, lead, support) in cases {
        let (l, from, s) = units(text);
        assert_eq!(l.as_deref(), Some(lead), "{text}");
        assert_eq!(from, explicit, "{text}");
        assert_eq!(s, support, "{text}");
    }
}

#[test]
fn words_that_only_look_like_responsibility() {
    for text in [
        "督促企业主要负责人履行第一责任人职责。",
        "市安委会成员单位负责同志参加会议。",
        "压实“菜篮子”市长负责制。",
        "坚持党委领导、政府负责、社会协同。",
        "以对人民高度负责的精神做好工作。",
        "各部门要密切配合、相互支持。",
        "鼓励企业牵头组建创新联合体。",
        "中国作为负责任大国。",
    ] {
        let (lead, from, support) = units(text);
        assert_eq!(lead.as_deref(), Some("市政府办公室"), "{text}");
        assert_eq!(from, Some(LeadFrom::Section), "{text}");
        assert!(support.is_empty(), "{text}: {support:?}");
    }
    // No department, no phrase: no lead.
    let f = followup(
        &item("抓好落实。"),
        &Paragraphs::new(),
        None,
        dated(),
        &mut Vec::new(),
    );
    assert_eq!((f.lead, f.lead_from), (None, None));
}

/// A target's value, unit and verb.
type Commitment = (f64, String, String);

fn targets(text: &str) -> Vec<Commitment> {
    target::targets(text)
        .into_iter()
        .map(|t| (t.value, t.unit.into(), t.verb.to_owned()))
        .collect()
}

#[test]
fn numeric_targets() {
    let t = |v: f64, u: &str, verb: &str| (v, u.to_owned(), verb.to_owned());
    let cases: &[(&str, Vec<Commitment>)] = &[
        (
            "力争全年招商引资突破百亿元。",
            vec![t(100.0, "亿元", "突破")],
        ),
        (
            "力争2023年新能源装机占比达到50%以上。",
            vec![t(50.0, "%", "达到")],
        ),
        ("新建充电桩不少于60个。", vec![t(60.0, "个", "不少于")]),
        (
            "企业开办时间压减至1个工作日。",
            vec![t(1.0, "个工作日", "压减至")],
        ),
        ("本地转化率提高三成。", vec![t(30.0, "%", "提高")]),
        (
            "确保全年完成投资325.6亿元。",
            vec![t(325.6, "亿元", "完成")],
        ),
        ("地区生产总值增长8%左右。", vec![t(8.0, "%", "增长")]),
        ("新增就业一百二十人。", vec![t(120.0, "人", "新增")]),
        ("培训人员两千人次。", vec![t(2000.0, "人次", "培训")]),
        ("建成十二个示范点。", vec![t(12.0, "个", "建成")]),
        ("处置低效用地1200亩以上。", vec![t(1200.0, "亩", "处置")]),
        ("年度投资突破5千万元。", vec![t(5.0, "千万元", "突破")]),
        (
            "审批时限压缩至30个工作日以内。",
            vec![t(30.0, "个工作日", "压缩至")],
        ),
        ("网上可办率提高到98.5％。", vec![t(98.5, "%", "提高到")]),
        ("控制在3个百分点以内。", vec![t(3.0, "个百分点", "控制在")]),
    ];
    for (text, want) in cases {
        assert_eq!(&targets(text), want, "{text}");
    }
    let clause = target::targets("尤其要持续用力，力争全年招商引资突破百亿元。");
    assert_eq!(&*clause[0].text, "力争全年招商引资突破百亿元");
}

#[test]
fn numbers_that_are_not_targets() {
    for text in [
        "前三季度事故起数同比下降12.4%。",
        "实现一次告知、一表申请。",
        "建成一批重点项目。",
        "力争2023年完成。",
        "10月底前完成。",
        "加强组织领导。",
    ] {
        assert!(targets(text).is_empty(), "{text}: {:?}", targets(text));
    }
}

#[test]
fn chinese_numerals() {
    let v = |s: &str| numbers::chinese_value(&s.chars().collect::<Vec<_>>());
    assert_eq!(v("十二"), Some(12));
    assert_eq!(v("一百二十"), Some(120));
    assert_eq!(v("百"), Some(100));
    assert_eq!(v("两千"), Some(2000));
    assert_eq!(v("一百零五"), Some(105));
    assert_eq!(v("二〇二五"), Some(2025));
    assert_eq!(v("三十一"), Some(31));
    assert_eq!(v("十百"), None);
    assert_eq!(v("二三十"), None);
}

#[test]
fn the_briefings_own_date() {
    let parse = |text: &str| crate::briefing::parse_text("t.txt", text);
    // A date line.
    let b = parse("纪要\n\n时间：2026年10月20日\n\n（一）抓落实。\n");
    assert_eq!(briefing_date(&b), Some(WRITTEN));
    // In the subtitle.
    let b = parse("会议纪要\n\n——市政府常务会议（2026年10月20日）\n\n（一）抓落实。\n");
    assert_eq!(briefing_date(&b), Some(WRITTEN));
    // In the first paragraph.
    let b = parse("会议纪要\n\n2026年10月20日，市政府召开常务会议。\n\n（一）抓落实。\n");
    assert_eq!(briefing_date(&b), Some(WRITTEN));
    let b = parse("会议纪要\n\n二〇二六年十月二十日，市政府召开常务会议。\n\n（一）抓落实。\n");
    assert_eq!(briefing_date(&b), Some(WRITTEN));
    // A month and day are not enough.
    let b = parse("会议纪要\n\n10月20日，市政府召开常务会议。\n\n（一）抓落实。\n");
    assert_eq!(briefing_date(&b), None);
    // The 成文日期 under the signature.
    let b = parse(
        "关于做好冬季安全工作的通知\n\n各区人民政府：\n\n现就有关事项通知如下。\n\n（一）抓落实。\n\n临河市人民政府\n\n2026年10月20日\n",
    );
    assert_eq!(briefing_date(&b), Some(WRITTEN));
}

#[test]
fn followup_as_json() {
    let f = followup(
        &item("（牵头单位：市住建局；配合单位：各区；完成时限：11月底前）"),
        &Paragraphs::new(),
        None,
        dated(),
        &mut Vec::new(),
    );
    let json = serde_json::to_value(&f).expect("serialises");
    assert_eq!(json["lead"], "市住建局");
    assert_eq!(json["lead_from"], "explicit");
    assert_eq!(json["support"][0], "各区");
    assert_eq!(json["due"]["date"], "2026-11-30");
    assert_eq!(json["due"]["kind"], "by");
    assert_eq!(json["due"]["assumed_year"], false);
    assert!(json["due"].get("every").is_none());
}

#[test]
fn the_cue_lists_meet_only_at_five() {
    let others = |c: char| due::ANCHORS.contains(&c) || UNIT_KEYS.contains(&c);
    for c in target::VERB_STARTS {
        assert!(!target::NUMERALS.contains(&c) && !others(c), "{c}");
    }
    for c in target::NUMERALS {
        assert!(c == '五' || !others(c), "{c}");
    }
    assert!(due::ANCHORS.contains(&'五'));
}

/// [`Cues::read`] as first written: one character at a time.
fn read_by_char(text: &str, scan: &mut Scan) -> Cues {
    let mut units = scan.start(text);
    let chars = text.chars().count();
    let mut keys = Vec::new();
    let mut rest = text.as_bytes();
    for (k, slot) in scan.cs.iter_mut().take(chars).enumerate() {
        let c = if let [b0 @ 0xE0..=0xEF, b1, b2, tail @ ..] = rest {
            rest = tail;
            let word = (u32::from(b0 & 0x0F) << 6) | u32::from(b1 & 0x3F);
            let bit = u32::from(b2 & 0x3F);
            char::from_u32((word << 6) | bit).unwrap_or('\0')
        } else {
            let c = first_char(rest).unwrap_or('\0');
            rest = rest.get(c.len_utf8()..).unwrap_or_default();
            c
        };
        *slot = c;
        if KEYS.has(c) {
            keys.push(k);
        }
    }
    for k in keys {
        scan.note(k, &mut units);
    }
    scan.finish(text, chars, units)
}

/// The character valid UTF-8 `bytes` starts with.
fn first_char(bytes: &[u8]) -> Option<char> {
    let width = match *bytes.first()? {
        0..0x80 => 1,
        0xE0..0xF0 => 3,
        0xF0.. => 4,
        _ => 2,
    };
    std::str::from_utf8(bytes.get(..width)?)
        .ok()?
        .chars()
        .next()
}

/// What a read leaves: the cues and every list of the scan.
fn read_with(
    read: fn(&str, &mut Scan) -> Cues,
    text: &str,
) -> (String, Vec<char>, [Vec<usize>; 4]) {
    let mut scan = Scan::default();
    let cues = read(text, &mut scan);
    (
        format!("{cues:?}"),
        scan.chars().to_vec(),
        [scan.anchors, scan.numerals, scan.verbs, scan.colons],
    )
}

proptest::proptest! {
    #[test]
    fn cues_are_read_by_groups_as_by_char(
        s in "[月年五一十2０：:牵负配不完甲乙，。é\u{7FF}\u{800}\u{FFFF}𠀀a\n]{0,60}"
    ) {
        proptest::prop_assert_eq!(read_with(Cues::read, &s), read_with(read_by_char, &s));
    }
}

proptest::proptest! {
    /// The room a longer text left behind changes nothing of what a shorter
    /// one after it reads.
    #[test]
    fn a_scan_reused_reads_as_a_new_one(
        first in "[月年五一十2：牵甲，é𠀀a]{0,60}",
        second in "[月年五一十2：牵甲，é𠀀a]{0,60}",
    ) {
        let mut scan = Scan::default();
        Cues::read(&first, &mut scan);
        let cues = Cues::read(&second, &mut scan);
        let reused = (
            format!("{cues:?}"),
            scan.chars().to_vec(),
            [scan.anchors, scan.numerals, scan.verbs, scan.colons],
        );
        proptest::prop_assert_eq!(reused, read_with(read_by_char, &second));
    }
}

#[test]
fn cues_are_read_by_groups_as_by_char_for_every_character() {
    let every: String = (0..=0x10_FFFF).filter_map(char::from_u32).collect();
    // Each character at each place of a group.
    for shift in ["", "a", "é", "甲", "𠀀", "甲甲甲"] {
        let s = format!("{shift}{every}");
        assert!(
            read_with(Cues::read, &s) == read_with(read_by_char, &s),
            "{shift:?}"
        );
    }
}
