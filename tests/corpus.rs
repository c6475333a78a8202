//! The parser on real documents: the seed page and the corpus in `../shared`.
//! Skipped, with a notice, where that folder is not present.

mod common;

use std::path::{Path, PathBuf};

use brief::briefing::{self, Briefing, SectionKind, chars::ends_sentence};

fn shared(sub: &str) -> Option<PathBuf> {
    common::shared(sub, "the real-document tests")
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("readable folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

fn seed() -> Option<Briefing> {
    let dir = shared("seed")?;
    let path = files(&dir).into_iter().next().expect("a seed file");
    Some(briefing::load(&path).expect("the seed parses"))
}

fn check_invariants(b: &Briefing) {
    assert!(!b.title.trim().is_empty(), "{}: empty title", b.path);
    assert!(!b.sections.is_empty(), "{}: no sections", b.path);
    for (s, section) in b.sections.iter().enumerate() {
        for item in &section.items {
            let paragraphs = &section.paragraphs;
            let (marker, title, text) = (
                item.marker(paragraphs),
                item.title(paragraphs),
                item.text(paragraphs),
            );
            let para = paragraphs
                .get(item.paragraph())
                .unwrap_or_else(|| panic!("{}: section {s} item {title} has no paragraph", b.path));
            assert_eq!(
                para.get(item.span()),
                Some(text),
                "{}: item text lies outside its paragraph",
                b.path
            );
            assert!(text.starts_with(marker), "{}: {text}", b.path);
            assert!(!title.is_empty(), "{}: item with empty title", b.path);
            assert!(
                text.contains(title),
                "{}: title not in text: {title}",
                b.path
            );
        }
        for p in &section.paragraphs {
            assert!(
                !p.starts_with(['\u{3000}', ' ']),
                "{}: indentation kept: {p}",
                b.path
            );
        }
    }
}

#[test]
fn every_real_document_parses_with_sensible_structure() {
    let Some(corpus) = shared("corpus") else {
        return;
    };
    let Some(seed_dir) = shared("seed") else {
        return;
    };
    let mut all = files(&corpus);
    all.extend(files(&seed_dir));
    assert!(all.len() >= 6);
    for path in all {
        let b = briefing::load(&path).unwrap_or_else(|e| panic!("{e}"));
        check_invariants(&b);
        let items: usize = b.sections.iter().map(|s| s.items.len()).sum();
        assert!(items > 0, "{}: no enumerations found", b.path);
    }
}

#[test]
fn corpus_titles_encodings_and_structure() {
    let Some(dir) = shared("corpus") else { return };
    let load = |prefix: &str| {
        let path = files(&dir)
            .into_iter()
            .find(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
            })
            .expect("corpus file");
        briefing::load(&path).expect("parses")
    };
    let b = load("01_");
    assert_eq!(b.title, "政府工作报告");
    assert_eq!(b.encoding.expect("text").to_string(), "UTF-8 BOM");
    assert_eq!(b.date.as_deref(), Some("2018-03-05"));
    assert_eq!(b.kind, SectionKind::Chapters);
    assert_eq!(b.author.as_ref().map(|a| a.person.as_str()), Some("李克强"));

    let b = load("02_");
    assert_eq!(b.title, "政府工作报告（文字实录）");
    assert_eq!(b.encoding.expect("text").to_string(), "GB18030");
    let (section, item) = (&b.sections[1], &b.sections[1].items[0]);
    assert_eq!(item.marker(&section.paragraphs), "——");
    assert_eq!(item.title(&section.paragraphs), "经济运行总体平稳");

    let b = load("04_");
    assert_eq!(
        b.title,
        "决胜全面建成小康社会 夺取新时代中国特色社会主义伟大胜利"
    );
    assert_eq!(b.date.as_deref(), Some("2017-10-18"));
    assert!(b.sections.iter().filter(|s| s.headline().is_some()).count() >= 13);

    let b = load("06_");
    assert_eq!(b.title, "2026年内蒙古自治区政府工作报告");
    assert_eq!(b.source.as_deref(), Some("内蒙古日报"));
    assert_eq!(b.date.as_deref(), Some("2026-02-12"));
    let nested: Vec<&str> = b
        .sections
        .iter()
        .flat_map(|s| s.items.iter().map(|i| (i, &s.paragraphs)))
        .filter(|(i, ps)| i.level() == 1 && i.marker(ps) == "一要")
        .map(|(i, ps)| i.title(ps))
        .collect();
    assert!(nested.contains(&"加快传统产业提质升级"), "{nested:?}");
    let captions = b
        .sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .filter(|p| p.ends_with('摄'));
    assert_eq!(captions.count(), 0);

    let b = load("10_");
    assert!(b.title.starts_with("臺北市都市計畫委員會"));
    assert_eq!(b.date.as_deref(), Some("2009-09-29"));
    let markers: Vec<(&str, usize)> = b
        .sections
        .iter()
        .flat_map(|s| s.items.iter().map(|i| (i.marker(&s.paragraphs), i.level())))
        .collect();
    assert!(
        markers.contains(&("（一）", 1)) && markers.contains(&("（2）", 3)),
        "{markers:?}"
    );
    let text: String = b
        .sections
        .iter()
        .flat_map(|s| s.paragraphs.iter())
        .collect();
    assert!(!text.contains("-1-"), "page number kept");
}

#[test]
fn seed_sections_are_exactly_the_nine_speakers() {
    let Some(b) = seed() else { return };
    assert_eq!(b.title, "用好“他山之玉” 奋力赶超创新");
    assert_eq!(
        b.subtitle.as_deref(),
        Some("我市组团赴西安杨凌武汉学习考察大家谈(四)")
    );
    assert_eq!(b.kind, SectionKind::Departments);
    let got: Vec<(&str, &str, &str)> = b
        .sections
        .iter()
        .map(|s| {
            (
                s.department().unwrap_or(""),
                s.position().unwrap_or(""),
                s.person().unwrap_or(""),
            )
        })
        .collect();
    let want = vec![
        ("市城市管理局", "党组书记、局长", "赵高堂"),
        ("市水务局", "党组书记、局长", "孙耀民"),
        ("市能源局", "党组书记、局长", "马武康"),
        ("天津经济技术开发区", "党工委书记、管委会主任", "李民富"),
        ("稷山经济技术开发区", "党工委书记、管委会主任", "郝冰"),
        ("新绛经济技术开发区", "党工委书记、管委会主任", "杨虹"),
        ("闻喜经济技术开发区", "党工委书记、管委会主任", "薛耀东"),
        ("运城发展投资集团有限公司", "党委书记、董事长", "卢晓波"),
        ("运城关公文化旅游发展有限责任公司", "董事长", "董亚强"),
    ];
    assert_eq!(got, want);
    let headlines: Vec<&str> = b.sections.iter().filter_map(|s| s.headline()).collect();
    assert_eq!(headlines[2], "三聚焦三发力 推动能源转型");
    assert_eq!(headlines.len(), 9);
}

#[test]
fn seed_items_have_the_right_titles() {
    let Some(b) = seed() else { return };
    let got: Vec<Vec<(&str, &str, bool)>> = b
        .sections
        .iter()
        .map(|s| {
            s.items
                .iter()
                .map(|i| (i.marker(&s.paragraphs), i.title(&s.paragraphs), i.inferred))
                .collect()
        })
        .collect();
    let shi = |titles: &[&'static str]| -> Vec<(&'static str, &'static str, bool)> {
        const N: [&str; 6] = ["一是", "二是", "三是", "四是", "五是", "六是"];
        titles.iter().zip(N).map(|(t, m)| (m, *t, false)).collect()
    };
    let want = vec![
        shi(&[
            "净化盐湖",
            "洒扫门庭",
            "缤纷色彩",
            "温暖街头",
            "点亮夜空",
            "丰富烟火",
        ]),
        shi(&[
            "深学市委全会精神",
            "做好项目兴水",
            "强化部门对接",
            "加强人才培养",
        ]),
        shi(&[
            "聚焦能源革命，发力能源转型",
            "聚焦民生大众，发力惠民工程",
            "聚焦绿色发展，发力减煤降碳",
        ]),
        shi(&[
            "聚焦主导产业高起点布局规划",
            "聚焦项目建设高质量招商引资",
            "聚焦创新发展高效率推动改革",
        ]),
        vec![
            ("一要", "锚定工业转型，构建现代产业体系", false),
            ("二要", "狠抓招商引资，蓄积后续发展动能", false),
            ("三要", "深化晋陕合作，实现两地互利共赢", false),
            ("四要", "强化创新驱动，推动成果转化利用", false),
            ("五要", "全力优化营商环境，着力提升服务效能", false),
        ],
        vec![
            ("", "转型必须靠创新", true),
            ("", "创新必须靠项目", true),
            ("", "项目必须靠人才", true),
        ],
        shi(&[
            "绘制一幅蓝图",
            "组建一支队伍",
            "招引一批项目",
            "活用一套政策",
            "打造一流环境",
        ]),
        shi(&[
            "围绕核心业务，狠抓项目建设",
            "强化资本运作，提供金融支撑",
            "优化科创布局，聚力转型发展",
            "加强校企合作，壮大战新产业",
        ]),
        shi(&[
            "在解放思想上求突破",
            "在旅游配套上补短板",
            "在宣传引流上下功夫",
            "在联动发展上寻亮点",
        ]),
    ];
    assert_eq!(got, want);
    assert!(b.warnings.is_empty(), "{:?}", b.warnings);
}

#[test]
fn seed_page_breaks_are_joined_and_no_paragraph_ends_mid_sentence() {
    let Some(b) = seed() else { return };
    for s in &b.sections {
        for p in &s.paragraphs {
            assert!(ends_sentence(p), "ends mid-sentence: {p}");
        }
    }
    let all: String = b
        .sections
        .iter()
        .flat_map(|s| s.paragraphs.joined().chars().collect::<Vec<_>>())
        .collect();
    for joined in [
        "汾河防洪能力提升",
        "力争突破1000亿元",
        "实现两地互利共赢",
        "大力度招引项目",
        "“政府+链主企业+园区”",
        "AA+信用等级优势",
        "关公故里文化旅游景区",
    ] {
        assert!(all.contains(joined), "not joined: {joined}");
    }
}

#[test]
fn item_ids_are_stable_and_unique() {
    let Some(b) = seed() else { return };
    let mut ids: Vec<String> = b
        .sections
        .iter()
        .flat_map(|s| s.items.iter().map(|i| i.id.to_string()))
        .collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate ids");
    // Editing unrelated text keeps every id.
    let dir = shared("seed").expect("seed");
    let path = files(&dir).into_iter().next().expect("seed file");
    let text = std::fs::read_to_string(&path).expect("utf-8");
    let edited = text
        .replace("成效显著，收获颇丰", "成效很显著，收获颇丰")
        .replace("洒扫门庭。持续开展", "洒扫门庭。继续开展");
    let b2 = briefing::parse_text("edited.txt", &edited);
    let ids2: Vec<String> = b2
        .sections
        .iter()
        .flat_map(|s| s.items.iter().map(|i| i.id.to_string()))
        .collect();
    let ids1: Vec<String> = b
        .sections
        .iter()
        .flat_map(|s| s.items.iter().map(|i| i.id.to_string()))
        .collect();
    assert_eq!(ids1, ids2);
}

#[test]
fn the_seed_is_found_by_han_and_pinyin() {
    let Some(b) = seed() else { return };
    let index = brief::search::Index::build(&[std::sync::Arc::new(b.clone())]);
    let first = |q: &str| {
        let hits = index.search(q, 5);
        let e = index.entry(
            hits.first()
                .unwrap_or_else(|| panic!("nothing for {q}"))
                .entry,
        );
        (e.kind, e.text(&index).to_owned(), e.section)
    };
    assert_eq!(
        first("净化"),
        (brief::search::Kind::Item, "净化盐湖".to_owned(), 0)
    );
    assert_eq!(
        first("jhyh"),
        (brief::search::Kind::Item, "净化盐湖".to_owned(), 0)
    );
    let (kind, text, section) = first("csglj");
    assert_eq!(
        (kind, section),
        (brief::search::Kind::Department, 0),
        "{text}"
    );
    assert!(text.starts_with("市城市管理局"));
    // 運城 (traditional) and yuncheng find 运城.
    assert!(first("運城").1.contains("运城"));
    assert!(first("yuncheng").1.contains("运城"));
}

#[test]
fn real_documents_are_recognised_by_their_bytes() {
    use brief::briefing::sniff::{Format, sniff};
    let Some(dir) = shared("corpus/formats") else {
        return;
    };
    let mut ofd = 0;
    for entry in std::fs::read_dir(&dir)
        .expect("formats")
        .filter_map(Result::ok)
    {
        let path = entry.path();
        let bytes = std::fs::read(&path).expect("read");
        let want = match path.extension().and_then(|e| e.to_str()) {
            Some("ofd") => Format::Ofd,
            Some("html") => Format::Html,
            _ => Format::Text,
        };
        assert_eq!(sniff(&bytes), want, "{}", path.display());
        if want == Format::Ofd {
            ofd += 1;
        }
    }
    assert_eq!(ofd, 2);
}
