//! Ledger extraction on real documents: the seed page, every document of the
//! corpus (all formats), and the bundled meeting minutes. The shared
//! documents are skipped with a notice where `../shared` is absent.

mod common;

use std::path::{Path, PathBuf};

use brief::briefing::ledger::{DueKind, LeadFrom};
use brief::briefing::{self, Briefing};

fn shared(sub: &str) -> Option<PathBuf> {
    common::shared(sub, "the ledger's real-document tests")
}

fn documents(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("readable folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.is_file()
                && p.extension().is_some_and(|e| {
                    ["txt", "ofd", "html", "md", "docx", "pdf"]
                        .contains(&e.to_string_lossy().as_ref())
                })
                && !p.ends_with("SOURCES.md")
        })
        .collect();
    v.sort();
    v
}

fn items(b: &Briefing) -> impl Iterator<Item = &briefing::Item> {
    b.sections.iter().flat_map(|s| s.items.iter())
}

/// Every item with its title and its text.
fn items_with_words(b: &Briefing) -> impl Iterator<Item = (&briefing::Item, &str, &str)> {
    b.sections.iter().flat_map(|s| {
        let paragraphs = &s.paragraphs;
        s.items
            .iter()
            .map(move |i| (i, i.title(paragraphs), i.text(paragraphs)))
    })
}

#[test]
fn the_seeds_two_targets() {
    let Some(dir) = shared("seed") else { return };
    let path = documents(&dir).into_iter().next().expect("a seed file");
    let b = briefing::load(&path).expect("the seed parses");
    let target = |clause: &str| {
        items(&b)
            .flat_map(|i| i.followup.targets().iter())
            .find(|t| t.text.contains(clause))
            .unwrap_or_else(|| panic!("no target in “{clause}”"))
            .clone()
    };
    let share = target("新能源装机占比达到50%以上");
    assert!((share.value - 50.0).abs() < f64::EPSILON);
    assert_eq!((&*share.unit, share.verb), ("%", "达到"));
    let investment = target("力争全年招商引资突破百亿元");
    assert!((investment.value - 100.0).abs() < f64::EPSILON);
    assert_eq!((&*investment.unit, investment.verb), ("亿元", "突破"));
    // The seed names no date of its own: 全年 takes the file's year, and says so.
    let whole_year = items(&b)
        .filter_map(|i| i.followup.due())
        .find(|d| d.text == "全年")
        .expect("a 全年 deadline");
    assert!(whole_year.assumed_year);
    assert_eq!(whole_year.kind, DueKind::By);
    // Speakers' statements: every item is led by its speaker's department.
    for (s, i) in b
        .sections
        .iter()
        .flat_map(|s| s.items.iter().map(move |i| (s, i)))
    {
        if i.followup.lead_from == Some(LeadFrom::Section) {
            assert_eq!(
                i.followup.lead.as_deref(),
                s.department(),
                "{}",
                i.title(&s.paragraphs)
            );
        }
    }
}

#[test]
fn the_whole_corpus_annotates_sensibly() {
    let Some(dir) = shared("corpus") else { return };
    let mut paths = documents(&dir);
    paths.extend(documents(&dir.join("formats")));
    if let Some(seed) = shared("seed") {
        paths.extend(documents(&seed));
    }
    let mut dated = 0;
    let mut explicit = 0;
    for path in &paths {
        let b = briefing::load(path).unwrap_or_else(|e| panic!("{e}"));
        for (item, title, text) in items_with_words(&b) {
            let f = &item.followup;
            if let Some(due) = f.due() {
                assert!(!due.text.is_empty(), "{}: {title}", b.path);
                assert!(
                    text.contains(&due.text)
                        || item.cells().iter().any(|c| c.value.contains(&due.text)),
                    "{}: “{}” is not in its item",
                    b.path,
                    due.text
                );
                if let Some(date) = due.date {
                    dated += 1;
                    assert!(
                        (1990..=2100).contains(&date.year()),
                        "{}: {} → {date}",
                        b.path,
                        due.text
                    );
                    assert_eq!(due.kind, DueKind::By, "{}: {}", b.path, due.text);
                }
            }
            match f.lead_from {
                Some(LeadFrom::Explicit) => {
                    explicit += 1;
                    let lead = f.lead.as_deref().expect("an explicit lead has a name");
                    assert!(!lead.is_empty());
                    assert!(
                        text.contains(lead),
                        "{}: lead “{lead}” is not in “{text}”",
                        b.path,
                    );
                }
                Some(LeadFrom::Section) => {
                    assert!(f.lead.is_some(), "{}: a section lead names one", b.path);
                }
                Some(LeadFrom::Table) | None => {}
            }
            for unit in f.support() {
                assert!(!unit.is_empty(), "{}", b.path);
            }
            for t in f.targets() {
                assert!(t.value.is_finite() && t.value >= 0.0, "{}: {t:?}", b.path);
                assert!(
                    !t.unit.is_empty() && !t.verb.is_empty(),
                    "{}: {t:?}",
                    b.path
                );
                assert!(text.contains(&*t.text), "{}: {t:?}", b.path);
                assert!(t.text.contains(t.verb), "{}: {t:?}", b.path);
            }
        }
    }
    // The 2026 work report's livelihood projects name their 牵头单位.
    assert!(
        explicit >= 10,
        "only {explicit} explicit leads in the corpus"
    );
    assert!(dated >= 10, "only {dated} dated deadlines in the corpus");
}

#[test]
fn the_bundled_minutes_have_overdue_and_near_items() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("briefings/04-临河市政府第四十二次常务会议纪要.txt");
    let b = briefing::load(&path).expect("parses");
    assert!(b.warnings.is_empty(), "{:?}", b.warnings);
    assert_eq!(b.date.as_deref(), Some("2026-10-20"));
    let today = jiff::civil::date(2026, 12, 1);
    let dates: Vec<_> = items(&b).filter_map(|i| i.followup.due()?.date).collect();
    let overdue = dates.iter().filter(|d| **d < today).count();
    let near = dates
        .iter()
        .filter(|d| (today..=today.saturating_add(jiff::Span::new().days(7))).contains(d))
        .count();
    assert!(overdue >= 3, "{overdue} overdue");
    assert!(near >= 2, "{near} due within a week");
    // Every item names its lead unit in words.
    for (item, title, _) in items_with_words(&b) {
        assert_eq!(item.followup.lead_from, Some(LeadFrom::Explicit), "{title}");
    }
    let (heating, _, _) = items_with_words(&b)
        .find(|&(_, title, _)| title == "完成供热管网改造")
        .expect("the heating item");
    assert_eq!(heating.followup.lead.as_deref(), Some("市住建局"));
    assert_eq!(*heating.followup.support(), ["市财政局", "各区"]);
    let due = heating.followup.due().expect("due");
    assert_eq!(due.text, "11月底前");
    assert_eq!(due.date, Some(jiff::civil::date(2026, 11, 30)));
}
