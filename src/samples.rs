//! The sample briefings built into the binary, so that `brief` opens something
//! useful anywhere. They are the files of `briefings/`, embedded at build time.

use crate::briefing::{self, Briefing, LoadError};

/// Name and bytes of each bundled briefing.
pub const SAMPLES: &[(&str, &[u8])] = &[
    (
        "01-临河市优化营商环境大家谈.txt",
        include_bytes!("../briefings/01-临河市优化营商环境大家谈.txt"),
    ),
    (
        "02-临河市安委会第三次全体会议纪要.txt",
        include_bytes!("../briefings/02-临河市安委会第三次全体会议纪要.txt"),
    ),
    (
        "03-秋粮收购工作调度会发言摘编.toml",
        include_bytes!("../briefings/03-秋粮收购工作调度会发言摘编.toml"),
    ),
    (
        "04-临河市政府第四十二次常务会议纪要.txt",
        include_bytes!("../briefings/04-临河市政府第四十二次常务会议纪要.txt"),
    ),
];

/// Parses the bundled briefings.
pub fn load() -> (Vec<Briefing>, Vec<LoadError>) {
    let mut loaded = Vec::new();
    let mut errors = Vec::new();
    for (name, bytes) in SAMPLES {
        let syntax = briefing::Syntax::of(std::path::Path::new(name));
        match briefing::parse_bytes(&format!("(bundled) {name}"), bytes, syntax) {
            Ok(b) => loaded.push(b),
            Err(e) => errors.push(e),
        }
    }
    (loaded, errors)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_bundled_briefing_parses_cleanly() {
        let (loaded, errors) = super::load();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(loaded.len(), super::SAMPLES.len());
        for b in &loaded {
            assert!(b.warnings.is_empty(), "{}: {:?}", b.path, b.warnings);
            assert!(
                b.sections.iter().map(|s| s.items.len()).sum::<usize>() >= 5,
                "{}",
                b.path
            );
        }
        assert_eq!(loaded[1].encoding, Some(crate::briefing::Encoding::Gb18030));
    }
}
