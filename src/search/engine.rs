//! The seam between `brief`'s search and a fuzzy-matching crate. frizbee (the
//! default) and fuzzy-matcher ship, chosen by the `[search] engine` setting;
//! nucleo-matcher is built only with the `nucleo` feature, for the bench
//! (`benches/search.rs`) that compares them on our own corpus (see README,
//! "Search").

#[cfg(feature = "nucleo")]
use nucleo_matcher::{Config as NucleoConfig, Matcher as NucleoMatcher, Utf32Str};

/// Scores a needle against a haystack, both already folded (see
/// `search::fold`). Higher is better; `None` is no match. Indices are char
/// positions in the haystack.
pub trait Engine: Send {
    fn name(&self) -> &'static str;
    fn score(&mut self, needle: &str, haystack: &str) -> Option<u32>;
    fn indices(&mut self, needle: &str, haystack: &str) -> Option<(u32, Vec<usize>)>;
}

/// The engines a user can choose (`[search] engine` in the config).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EngineKind {
    /// frizbee: the fastest on Chinese text (see README, "Performance").
    #[default]
    Frizbee,
    /// fuzzy-matcher's Skim V2, the matcher the product was first specified with.
    FuzzyMatcher,
}

impl EngineKind {
    /// The names the config file uses.
    pub const NAMES: [(&'static str, EngineKind); 2] = [
        ("frizbee", EngineKind::Frizbee),
        ("fuzzy-matcher", EngineKind::FuzzyMatcher),
    ];

    pub fn parse(name: &str) -> Option<EngineKind> {
        Self::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, kind)| *kind)
    }

    pub fn make(self) -> Box<dyn Engine> {
        match self {
            EngineKind::Frizbee => Box::new(Frizbee::new()),
            EngineKind::FuzzyMatcher => Box::new(Skim::new()),
        }
    }
}

/// The engine `brief` ships by default.
pub fn default_engine() -> Box<dyn Engine> {
    EngineKind::default().make()
}

/// Every engine built, for the bench and the ranking tests.
pub fn all_engines() -> Vec<Box<dyn Engine>> {
    vec![
        #[cfg(feature = "nucleo")]
        Box::new(Nucleo::new()),
        Box::new(Skim::new()),
        Box::new(Frizbee::new()),
    ]
}

/// nucleo-matcher (helix): fzf's scoring, Unicode-aware, with a prefix bonus.
#[cfg(feature = "nucleo")]
pub struct Nucleo {
    matcher: NucleoMatcher,
    hay: Vec<char>,
    needle: Vec<char>,
    idx: Vec<u32>,
}

#[cfg(feature = "nucleo")]
impl Nucleo {
    pub fn new() -> Nucleo {
        let mut config = NucleoConfig::DEFAULT;
        config.prefer_prefix = true;
        Nucleo {
            matcher: NucleoMatcher::new(config),
            hay: Vec::new(),
            needle: Vec::new(),
            idx: Vec::new(),
        }
    }
}

#[cfg(feature = "nucleo")]
impl Default for Nucleo {
    fn default() -> Self {
        Nucleo::new()
    }
}

#[cfg(feature = "nucleo")]
impl Engine for Nucleo {
    fn name(&self) -> &'static str {
        "nucleo-matcher"
    }

    fn score(&mut self, needle: &str, haystack: &str) -> Option<u32> {
        let h = Utf32Str::new(haystack, &mut self.hay);
        let n = Utf32Str::new(needle, &mut self.needle);
        self.matcher.fuzzy_match(h, n).map(u32::from)
    }

    fn indices(&mut self, needle: &str, haystack: &str) -> Option<(u32, Vec<usize>)> {
        let h = Utf32Str::new(haystack, &mut self.hay);
        let n = Utf32Str::new(needle, &mut self.needle);
        self.idx.clear();
        let score = self.matcher.fuzzy_indices(h, n, &mut self.idx)?;
        let mut v: Vec<usize> = self.idx.iter().map(|&i| i as usize).collect();
        v.sort_unstable();
        v.dedup();
        Some((u32::from(score), v))
    }
}

/// fuzzy-matcher's Skim V2 algorithm (archived since 2020).
pub struct Skim {
    matcher: fuzzy_matcher::skim::SkimMatcherV2,
}

impl Skim {
    pub fn new() -> Skim {
        Skim {
            matcher: fuzzy_matcher::skim::SkimMatcherV2::default(),
        }
    }
}

impl Default for Skim {
    fn default() -> Self {
        Skim::new()
    }
}

impl Engine for Skim {
    fn name(&self) -> &'static str {
        "fuzzy-matcher"
    }

    fn score(&mut self, needle: &str, haystack: &str) -> Option<u32> {
        use fuzzy_matcher::FuzzyMatcher;
        self.matcher
            .fuzzy_match(haystack, needle)
            .map(|s| u32::try_from(s.max(0)).unwrap_or(0))
    }

    fn indices(&mut self, needle: &str, haystack: &str) -> Option<(u32, Vec<usize>)> {
        use fuzzy_matcher::FuzzyMatcher;
        self.matcher
            .fuzzy_indices(haystack, needle)
            .map(|(s, i)| (u32::try_from(s.max(0)).unwrap_or(0), i))
    }
}

/// frizbee: SIMD Smith-Waterman. It compiles a matcher per needle; the last one
/// is kept.
pub struct Frizbee {
    needle: String,
    matcher: Option<frizbee::Matcher>,
}

impl Frizbee {
    pub fn new() -> Frizbee {
        Frizbee {
            needle: String::new(),
            matcher: None,
        }
    }

    fn matcher(&mut self, needle: &str) -> &mut frizbee::Matcher {
        if self.matcher.is_none() || self.needle != needle {
            needle.clone_into(&mut self.needle);
            let config = frizbee::Config::default().max_typos(Some(0));
            self.matcher = Some(frizbee::Matcher::new(needle, &config));
        }
        self.matcher
            .get_or_insert_with(|| frizbee::Matcher::new(needle, &frizbee::Config::default()))
    }
}

impl Default for Frizbee {
    fn default() -> Self {
        Frizbee::new()
    }
}

impl Engine for Frizbee {
    fn name(&self) -> &'static str {
        "frizbee"
    }

    fn score(&mut self, needle: &str, haystack: &str) -> Option<u32> {
        self.matcher(needle)
            .match_one(haystack, 0)
            .map(|m| u32::from(m.score))
    }

    fn indices(&mut self, needle: &str, haystack: &str) -> Option<(u32, Vec<usize>)> {
        let m = self.matcher(needle).match_one_indices(haystack, 0)?;
        // frizbee reports byte offsets, last first; the seam speaks chars.
        let mut bytes: Vec<usize> = m.indices.iter().map(|&i| i as usize).collect();
        bytes.sort_unstable();
        let chars = bytes
            .iter()
            .filter(|&&b| haystack.is_char_boundary(b))
            .map(|&b| haystack[..b].chars().count())
            .collect();
        Some((u32::from(m.score), chars))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_engine_finds_han_and_reports_char_indices() {
        for mut e in all_engines() {
            let hay = "依法依规做好盐湖周边环境治理工作";
            let (score, idx) = e
                .indices("盐湖", hay)
                .unwrap_or_else(|| panic!("{} finds it", e.name()));
            assert!(score > 0, "{}", e.name());
            let picked: String = idx.iter().filter_map(|&i| hay.chars().nth(i)).collect();
            assert_eq!(picked, "盐湖", "{}", e.name());
            assert!(e.score("盐湖", "完全不相关").is_none(), "{}", e.name());
            // A prefix match beats the same match further in.
            let prefix = e.score("净化", "净化盐湖").unwrap_or(0);
            let inner = e.score("净化", "一是净化盐湖").unwrap_or(0);
            assert!(prefix > inner, "{}", e.name());
        }
    }

    /// What the search layer corrects: every engine ranks a scattered match that
    /// starts the text above a contiguous one in the middle, because their
    /// word-boundary bonuses know nothing of Chinese. `Index` adds its own
    /// contiguity bonus (see `search::match_atom`).
    #[test]
    fn engines_alone_rank_scattered_prefixes_over_contiguous_han() {
        for mut e in all_engines() {
            let contiguous = e.score("净化", "一是净化盐湖").unwrap_or(0);
            let scattered = e.score("净化", "净水厂的绿化工程").unwrap_or(0);
            assert!(
                scattered >= contiguous,
                "{} now ranks Han well: revisit the bonus",
                e.name()
            );
        }
    }
}
