//! Author lines: `<organisation><position>[、<position>…]<sep><person>`.
//!
//! Splitting the organisation from its positions needs a vocabulary: the earliest
//! split after which the rest parses completely as positions joined by `、` wins, so
//! `…开发区党工委书记、管委会主任` gives the organisation `…开发区`.

use super::chars::{all_three_bytes, is_han, is_space};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    pub organisation: Option<String>,
    pub position: Option<String>,
    pub person: String,
}

/// Positions as they appear in author lines. A `副` or `常务副` prefix and a
/// `党组`/`党委` prefix are handled by [`is_position`], not listed here.
const POSITIONS: &[&str] = &[
    "书记",
    "党组书记",
    "党委书记",
    "党工委书记",
    "党组成员",
    "党委委员",
    "党组织书记",
    "总支书记",
    "支部书记",
    "局长",
    "主任",
    "管委会主任",
    "主任委员",
    "委员",
    "常委",
    "董事长",
    "总经理",
    "经理",
    "董事",
    "执行董事",
    "监事长",
    "总裁",
    "总工程师",
    "总会计师",
    "总经济师",
    "总理",
    "省长",
    "市长",
    "县长",
    "区长",
    "镇长",
    "乡长",
    "村长",
    "州长",
    "盟长",
    "旗长",
    "主席",
    "部长",
    "厅长",
    "处长",
    "科长",
    "司长",
    "署长",
    "院长",
    "校长",
    "所长",
    "站长",
    "馆长",
    "台长",
    "社长",
    "总编辑",
    "秘书长",
    "行长",
    "理事长",
    "会长",
    "团长",
    "队长",
    "组长",
    "负责人",
    "检察长",
    "庭长",
    "政委",
    "司令员",
    "主委",
    "巡视员",
    "一级巡视员",
    "二级巡视员",
    "调研员",
    "一级调研员",
    "二级调研员",
    "主任科员",
    "党支部书记",
    "工委书记",
    "纪委书记",
    "纪工委书记",
    "监察专员",
    "首席专家",
    "发言人",
    "新闻发言人",
    // Traditional forms, for documents from Taiwan and Hong Kong.
    "書記",
    "局長",
    "主任委員",
    "委員",
    "董事長",
    "總經理",
    "市長",
    "縣長",
    "區長",
    "主席",
    "部長",
    "處長",
    "院長",
    "校長",
    "秘書長",
    "理事長",
    "會長",
    "負責人",
];

/// The longest piece [`is_position`] can accept: the longest position with
/// the longest prefixes it strips (`常务副`, `党组`).
const LONGEST_POSITION: usize = LONGEST_LISTED + "常务副".len() + "党组".len();

fn is_position(piece: &str) -> bool {
    let core = piece
        .strip_prefix("常务副")
        .or_else(|| piece.strip_prefix("常務副"))
        .or_else(|| piece.strip_prefix("副"))
        .or_else(|| piece.strip_prefix("代"))
        .unwrap_or(piece);
    let core = core
        .strip_prefix("党组")
        .filter(|c| !c.is_empty())
        .unwrap_or(core);
    is_listed(piece) || is_listed(core)
}

/// The longest of [`POSITIONS`], in bytes: under sixteen, so that each is
/// one number to [`position_key`].
const LONGEST_LISTED: usize = {
    let mut longest = 0;
    let mut i = 0;
    while i < POSITIONS.len() {
        if POSITIONS[i].len() > longest {
            longest = POSITIONS[i].len();
        }
        i += 1;
    }
    assert!(longest < 16, "a position of sixteen bytes or more");
    longest
};

/// Words of up to [`LONGEST_LISTED`] bytes as one number: their bytes, and
/// their length in the top byte.
fn position_key(s: &str) -> Option<u128> {
    let bytes = s.as_bytes();
    if bytes.len() > LONGEST_LISTED {
        return None;
    }
    let mut key = [0u8; 16];
    key[..bytes.len()].copy_from_slice(bytes);
    key[15] = u8::try_from(bytes.len()).ok()?;
    Some(u128::from_le_bytes(key))
}

/// Is this one of [`POSITIONS`]? Looked up as a number in a sorted table:
/// every split of every author line's head asks, and a comparison of two
/// numbers costs less than one of two strings.
fn is_listed(s: &str) -> bool {
    static SORTED: std::sync::LazyLock<Vec<u128>> = std::sync::LazyLock::new(|| {
        let mut sorted: Vec<u128> = POSITIONS.iter().filter_map(|p| position_key(p)).collect();
        sorted.sort_unstable();
        sorted
    });
    position_key(s).is_some_and(|key| SORTED.binary_search(&key).is_ok())
}

/// Does the text after a split parse completely as positions joined by `、`?
fn is_position_list(s: &str) -> bool {
    !s.is_empty() && s.split('、').all(is_position)
}

/// Splits `<organisation><positions>` at the earliest point after which the rest
/// is a list of positions. With no such point the whole is the organisation.
pub fn split_organisation(s: &str) -> (Option<String>, Option<String>) {
    // A split can only be followed by a list whose first piece, up to the
    // next `、`, is short enough to be a position. The pieces after it are
    // the same for every split in the piece: asked about once.
    let mut piece_end = 0;
    let mut rest_listed = None;
    for (i, _) in s.char_indices() {
        if piece_end <= i {
            piece_end = s[i..].find('、').map_or(s.len(), |at| i + at);
            rest_listed = None;
        }
        if piece_end - i > LONGEST_POSITION || !is_position(&s[i..piece_end]) {
            continue;
        }
        let rest_listed = *rest_listed.get_or_insert_with(|| {
            s[piece_end..]
                .strip_prefix('、')
                .is_none_or(is_position_list)
        });
        if rest_listed {
            return split_at(s, Some(i));
        }
    }
    split_at(s, None)
}

/// An author line's head split at `at` into organisation and positions, or
/// left whole as the organisation.
fn split_at(s: &str, at: Option<usize>) -> (Option<String>, Option<String>) {
    let Some(i) = at else {
        return ((!s.is_empty()).then(|| s.to_owned()), None);
    };
    let org = s[..i].trim();
    (
        (!org.is_empty()).then(|| org.to_owned()),
        Some(s[i..].to_owned()),
    )
}

/// A person's name: 2–4 Han characters, or Han names joined by `·`.
pub fn is_person_name(s: &str) -> bool {
    let n = s.chars().count();
    if s.contains('·') || s.contains('•') {
        return (3..=12).contains(&n)
            && s.split(['·', '•'])
                .all(|p| !p.is_empty() && p.chars().all(is_han));
    }
    (2..=4).contains(&n) && s.chars().all(is_han)
}

/// Is one of the last thirteen characters of `line` a space? Most lines end
/// in thirteen characters of three bytes, told by their lead bytes (every
/// third byte from the 39th last on, each followed by its two continuation
/// bytes), of which only U+3000 is a space; other lines are read character
/// by character.
fn space_near_end(line: &str) -> bool {
    const CHARS: usize = 13;
    let bytes = line.as_bytes();
    if let Some(tail) = bytes.get(bytes.len().wrapping_sub(3 * CHARS)..)
        && all_three_bytes(tail)
    {
        return tail.chunks_exact(3).any(|c| c == "\u{3000}".as_bytes());
    }
    line.chars().rev().take(CHARS).any(is_space)
}

/// Parses a whole line as an author line, or returns `None`.
///
/// The line has no sentence punctuation, ends with a person's name after ASCII or
/// full-width space, and what precedes the name ends with a known position (a
/// bare name after an organisation is too weak a signal to open a section).
pub fn parse_author_line(line: &str) -> Option<Author> {
    let line = line.trim_matches(is_space);
    // The name after the last space has at most twelve characters: a line
    // with no space among its last thirteen is no author line, and running
    // text is ruled out here without reading it whole.
    if !space_near_end(line) {
        return None;
    }
    if line.chars().any(|c| {
        matches!(
            c,
            '。' | '，'
                | '；'
                | '：'
                | '！'
                | '？'
                | ':'
                | ';'
                | ','
                | '!'
                | '?'
                | '“'
                | '”'
                | '"'
                | '《'
                | '》'
        )
    }) {
        return None;
    }
    let sep = line.rfind(is_space)?;
    let person = line[sep..].trim_start_matches(is_space);
    let head = line[..sep].trim_end_matches(is_space);
    if !is_person_name(person) || head.is_empty() || head.contains(is_space) {
        return None;
    }
    if head.chars().count() > 40 {
        return None;
    }
    let (organisation, position) = split_organisation(head);
    position.as_ref()?;
    Some(Author {
        organisation,
        position,
        person: person.to_owned(),
    })
}

#[cfg(test)]
#[allow(clippy::unnecessary_wraps)]
mod tests {
    use super::*;

    fn parts(line: &str) -> Option<(Option<String>, Option<String>, String)> {
        parse_author_line(line).map(|a| (a.organisation, a.position, a.person))
    }

    fn some(
        org: &str,
        pos: &str,
        person: &str,
    ) -> Option<(Option<String>, Option<String>, String)> {
        Some((Some(org.into()), Some(pos.into()), person.into()))
    }

    /// The [`split_organisation`] that tried every split.
    fn split_organisation_at_every_char(s: &str) -> (Option<String>, Option<String>) {
        for (i, _) in s.char_indices() {
            if is_position_list(&s[i..]) {
                return split_at(s, Some(i));
            }
        }
        split_at(s, None)
    }

    /// The [`split_organisation`] that asked about a piece's followers for
    /// every split in it.
    fn split_organisation_asking_every_split(s: &str) -> (Option<String>, Option<String>) {
        let mut piece_end = 0;
        for (i, _) in s.char_indices() {
            if piece_end <= i {
                piece_end = s[i..].find('、').map_or(s.len(), |at| i + at);
            }
            if piece_end - i > LONGEST_POSITION {
                continue;
            }
            if is_position_list(&s[i..]) {
                return split_at(s, Some(i));
            }
        }
        split_at(s, None)
    }

    /// [`is_listed`] as first written: a search among the strings.
    fn is_listed_as_string(s: &str) -> bool {
        static SORTED: std::sync::LazyLock<Vec<&str>> = std::sync::LazyLock::new(|| {
            let mut sorted = POSITIONS.to_vec();
            sorted.sort_unstable();
            sorted
        });
        s.len() <= LONGEST_POSITION && SORTED.binary_search(&s).is_ok()
    }

    proptest::proptest! {
        #[test]
        fn positions_are_listed_as_numbers_as_strings(
            s in "(书记|党组|局长|主任|委员|總經理|副|长|長|记|\u{0}|a|甲){0,6}"
        ) {
            proptest::prop_assert_eq!(is_listed(&s), is_listed_as_string(&s));
        }
    }

    #[test]
    fn every_position_and_its_neighbours_are_listed_as_strings() {
        for p in POSITIONS {
            let mut near = vec![(*p).to_owned(), format!("{p}\u{0}"), format!("副{p}")];
            let mut cut = (*p).to_owned();
            cut.pop();
            near.push(cut);
            for s in near {
                assert_eq!(is_listed(&s), is_listed_as_string(&s), "{s:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn spaces_near_the_end_are_found_as_by_chars(
            s in "[甲乙\u{3000} a\u{a0}é𠀀\t\u{E000}\u{FFFF}]{0,30}"
        ) {
            proptest::prop_assert_eq!(space_near_end(&s), s.chars().rev().take(13).any(is_space));
        }
    }

    #[test]
    fn spaces_near_the_end_are_found_as_by_chars_for_every_character() {
        let han = "甲".repeat(13);
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            // The character last, thirteenth last and fourteenth last.
            for after in [0, 1, 11, 12, 13] {
                let s = format!("{han}{c}{}", &han[..3 * after]);
                assert_eq!(
                    space_near_end(&s),
                    s.chars().rev().take(13).any(is_space),
                    "{s:?}"
                );
            }
        }
    }

    /// The [`parse_author_line`] without the look at the line's end.
    fn parse_author_line_unfiltered(line: &str) -> Option<Author> {
        let line = line.trim_matches(is_space);
        if line
            .chars()
            .any(|c| "。，；：！？:;,!?“”\"《》".contains(c))
        {
            return None;
        }
        let sep = line.rfind(is_space)?;
        let person = line[sep..].trim_start_matches(is_space);
        let head = line[..sep].trim_end_matches(is_space);
        if !is_person_name(person) || head.is_empty() || head.contains(is_space) {
            return None;
        }
        if head.chars().count() > 40 {
            return None;
        }
        let (organisation, position) = split_organisation_at_every_char(head);
        position.as_ref()?;
        Some(Author {
            organisation,
            position,
            person: person.to_owned(),
        })
    }

    proptest::proptest! {
        #[test]
        fn organisations_split_as_when_every_split_was_tried(
            s in "(市局区|常务副|副|代|党组|党委|书记|主任|局长|总经理|管委会主任|委员|、|甲| ){0,12}"
        ) {
            proptest::prop_assert_eq!(split_organisation(&s), split_organisation_at_every_char(&s));
            proptest::prop_assert_eq!(split_organisation(&s), split_organisation_asking_every_split(&s));
        }

        #[test]
        fn author_lines_read_as_without_the_look_at_the_end(
            s in "(市局|党组书记|局长|、|赵|高|堂|·| |\u{3000}|，|甲乙丙丁戊己庚辛){0,16}"
        ) {
            proptest::prop_assert_eq!(parse_author_line(&s), parse_author_line_unfiltered(&s));
        }
    }

    #[test]
    fn organisation_and_positions_are_split_by_vocabulary() {
        let cases = [
            (
                "市城市管理局党组书记、局长 赵高堂",
                some("市城市管理局", "党组书记、局长", "赵高堂"),
            ),
            (
                "某某经济技术开发区党工委书记、管委会主任 郝冰",
                some("某某经济技术开发区", "党工委书记、管委会主任", "郝冰"),
            ),
            (
                "市交通运输局局长 王立新",
                some("市交通运输局", "局长", "王立新"),
            ),
            (
                "市发展和改革委员会党组书记、主任 刘晓",
                some("市发展和改革委员会", "党组书记、主任", "刘晓"),
            ),
            (
                "某某发展投资集团有限公司党委书记、董事长 卢晓波",
                some("某某发展投资集团有限公司", "党委书记、董事长", "卢晓波"),
            ),
            (
                "市商务局党组成员、副局长　欧阳明远",
                some("市商务局", "党组成员、副局长", "欧阳明远"),
            ),
            (
                "县人民政府常务副县长 周平",
                some("县人民政府", "常务副县长", "周平"),
            ),
            ("国务院总理 李克强", some("国务院", "总理", "李克强")),
            (
                "市民族宗教事务局局长 阿依古丽·买买提",
                some("市民族宗教事务局", "局长", "阿依古丽·买买提"),
            ),
        ];
        for (line, want) in cases {
            assert_eq!(parts(line), want, "{line}");
        }
    }

    #[test]
    fn a_position_alone_has_no_organisation() {
        assert_eq!(
            parts("主任 张三"),
            Some((None, Some("主任".into()), "张三".into()))
        );
    }

    #[test]
    fn lines_that_are_not_author_lines() {
        for line in [
            "珍惜发展机遇 推进城市建设",
            "三聚焦三发力 推动能源转型",
            "一是净化盐湖。依法依规 做好",
            "本报记者 韩卿立 摄",
            "市城市管理局党组书记、局长",
            "市城市管理局 赵高堂",
            "主席：林兼主任委员建元 彙整：黄若津",
            "局长 张三丰李四光王五",
        ] {
            assert_eq!(parts(line), None, "{line}");
        }
    }
}
