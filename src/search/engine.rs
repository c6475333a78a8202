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

    /// The most [`Engine::score`] can give a needle of `letters` lower-case
    /// ASCII letters in a folded haystack that holds them in order but not
    /// side by side (the needle is not a substring of it); `prefix` when
    /// the haystack begins with one of the needle's letters. `None` when
    /// the engine gives no such bound: then every such text is scored.
    fn scattered_bound(&self, letters: usize, prefix: bool) -> Option<u32> {
        let _ = (letters, prefix);
        None
    }
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

    /// frizbee 0.13's scoring (`frizbee::Scoring::default()`, both its
    /// Smith-Waterman and the greedy matcher it uses past 1,024 bytes) gives
    /// a matched char 12, 4 more when its case is the needle's (always, in
    /// folded text), and 4 more after an ASCII delimiter; the haystack's
    /// first byte 12 more; a gap in the haystack costs 5 for its first byte
    /// and 1 for each further one; the exact-match bonus is for a haystack
    /// that is the needle. After the first matched letter, a letter can
    /// follow a delimiter only across a gap (the letter before it is not a
    /// delimiter), which costs more than the bonus; a scattered match has
    /// at least one gap; and a needle letter left unmatched loses more than
    /// any bonus. So the best a scattered match of `letters` can score is 16
    /// a letter, 4 for the first's delimiter less 1 for a gap, and 12 for
    /// the prefix: ` g s` gives `gs` 35. `frizbee_bounds_scattered_matches`
    /// checks it against the crate.
    fn scattered_bound(&self, letters: usize, prefix: bool) -> Option<u32> {
        let letters = u32::try_from(letters).ok()?;
        Some(16 * letters + 3 + if prefix { 12 } else { 0 })
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

    const PIECES: [&str; 21] = [
        "c", "s", "g", "l", "j", "h", "y", "x", "a", " ", "-", ",", "中", "城", "1", "cs", "gl",
        " c", " s", " g", " l",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(4000))]
        /// The bound the search relies on to leave texts that hold a
        /// query's letters only scattered unscored: no haystack of letters,
        /// delimiters and Han, long (greedy) or short (Smith-Waterman),
        /// scores above it.
        #[test]
        fn frizbee_bounds_scattered_matches(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES.to_vec()), 1..80),
            needle in proptest::sample::select(vec!["c", "cs", "csg", "csgl", "csglj", "jhyh", "gs"]),
            long: bool,
        ) {
            // Past 1,024 bytes frizbee matches greedily: Han in the middle
            // makes a match across it that long.
            let pad = "中".repeat(if long { 400 } else { 0 });
            let (a, b) = pieces.split_at(pieces.len() / 2);
            let hay = format!("{}{pad}{}", a.concat(), b.concat());
            let mut e = Frizbee::new();
            if let (false, Some(score)) = (hay.contains(needle), e.score(needle, &hay)) {
                let prefix = needle.bytes().any(|b| hay.as_bytes()[0] == b);
                let bound = e.scattered_bound(needle.len(), prefix).unwrap_or(u32::MAX);
                proptest::prop_assert!(score <= bound, "{needle} in {hay:?}: {score} > {bound}");
            }
        }
    }

    /// And the bound is reached: no lower one would do.
    #[test]
    fn frizbee_reaches_its_scattered_bound() {
        let mut e = Frizbee::new();
        assert_eq!(e.score("gs", " g s"), e.scattered_bound(2, false));
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
