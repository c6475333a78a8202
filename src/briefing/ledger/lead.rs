//! Who answers for an item and who helps: `牵头单位：X`, `由X牵头`, `X牵头，`,
//! `X负责`, `配合单位：X、Y`, `X、Y配合`.

/// Labels whose value is the lead unit.
const LEAD_LABELS: &[&str] = &[
    "牵头单位",
    "牵头部门",
    "责任单位",
    "责任部门",
    "主责单位",
    "主办单位",
];

/// Labels whose value lists the supporting units.
const SUPPORT_LABELS: &[&str] = &["配合单位", "配合部门", "协办单位", "参与单位", "协同单位"];

/// How the names of units end.
const UNIT_ENDINGS: &[&str] = &[
    "局", "委", "办", "厅", "部", "院", "中心", "公司", "集团", "政府", "区", "县", "市", "镇",
    "乡", "街道", "队", "所", "站", "会", "组", "处", "科", "室", "馆", "社", "行", "校", "署",
    "园", "单位", "部门", "机关", "联", "团", "关", "台",
];

/// Words too general to name a unit (`政府负责` in a slogan).
const GENERIC: &[&str] = &[
    "政府",
    "党委",
    "企业",
    "部门",
    "单位",
    "社会",
    "全社会",
    "主体",
    "属地",
    "个人",
    "各方",
    "群众",
    "市场",
    "行业",
];

/// Lead-in words before a unit's name: `会议要求市住建局负责`.
const LEAD_INS: &[&str] = &[
    "会议要求",
    "会议明确",
    "会议决定",
    "会议同意",
    "会议责成",
    "会议指出",
    "责成",
    "要求",
    "明确",
    "同意",
    "请",
    "由",
    "并",
    "另",
    "其中",
    "同时",
    "具体由",
    "均由",
];

/// Adverbs between a unit's name and 负责/牵头/配合: `市住建局具体负责`.
const ADVERBS: &[&str] = &[
    "要", "具体", "统一", "全面", "切实", "共同", "分别", "各自", "主动", "积极", "全力", "做好",
    "负责", "继续", "抓好", "会同",
];

fn is_delimiter(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '；' | '：' | '！' | '？' | ',' | ';' | ':' | '!' | '?' | '\n' | '（' | '('
    )
}

/// A label's value: up to `；`, `。`, a line's end, or the `）` that closes
/// the bracket the label stands in, and with `commas` up to a comma too;
/// brackets inside (`各县（市、区）`) are kept.
fn label_value(text: &str, commas: bool) -> &str {
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => {
                depth -= 1;
                if depth < 0 {
                    return &text[..i];
                }
            }
            '；' | ';' | '。' | '\n' if depth == 0 => return &text[..i],
            '，' | ',' if depth == 0 && commas => return &text[..i],
            _ => {}
        }
    }
    text
}

fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| super::super::chars::is_space(c) || matches!(c, '、' | '，' | ','))
}

/// The value after `label：` in `text`, whose colons stand at the byte
/// offsets `colons`: the first label (in the order of `labels`) that stands
/// before a colon and has a value.
fn labelled<'a>(text: &'a str, colons: &[usize], labels: &[&str], commas: bool) -> Option<&'a str> {
    for label in labels {
        for &i in colons {
            if !text[..i].ends_with(label) {
                continue;
            }
            let rest = &text[i..];
            let Some(rest) = rest.strip_prefix('：').or_else(|| rest.strip_prefix(':')) else {
                continue;
            };
            let value = trim(label_value(rest, commas));
            if !value.is_empty() {
                return Some(value);
            }
        }
    }
    None
}

/// Splits a list of units on `、`, `，`, `,` and `；` outside brackets (not on
/// `和`: `市自然资源和规划局` is one unit).
pub fn split_units(list: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in list.char_indices() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth -= 1,
            '、' | '，' | ',' | '；' | ';' if depth <= 0 => {
                let part = trim(&list[start..i]);
                if !part.is_empty() {
                    out.push(part.to_owned());
                }
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    let part = trim(&list[start..]);
    if !part.is_empty() {
        out.push(part.to_owned());
    }
    out
}

/// Does `name` read as a unit's name (`市住建局`, `各县（市、区）`, `市发改委、市财政局`)?
fn is_unit(name: &str) -> bool {
    let n = name.chars().count();
    if !(2..=30).contains(&n) || GENERIC.contains(&name) {
        return false;
    }
    if n == 2 && !name.starts_with('各') {
        return false;
    }
    if name.contains([
        '的', '要', '将', '把', '对', '是', '了', '们', '在', '为', '以', '从',
    ]) {
        return false;
    }
    if !name
        .chars()
        .all(|c| super::super::chars::is_han(c) || matches!(c, '、' | '（' | '）' | '(' | ')'))
    {
        return false;
    }
    // `各县（市、区）`: the name before its bracket.
    let head = match name.strip_suffix(['）', ')']) {
        Some(inner) => inner.rsplit_once(['（', '(']).map_or(inner, |(h, _)| h),
        None => name,
    };
    // Each of a joint list's names (no brackets are left in `head`).
    head.split(['、', '，', ',', '；', ';'])
        .map(trim)
        .filter(|part| !part.is_empty())
        .all(|part| UNIT_ENDINGS.iter().any(|e| part.ends_with(e)))
}

/// The unit named just before byte `end` of `text`: back to the last
/// delimiter (a bracket that is part of a name is kept), lead-in words and
/// adverbs trimmed.
fn unit_before(text: &str, end: usize) -> Option<&str> {
    let before = &text[..end];
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in before.char_indices().rev() {
        match c {
            '）' | ')' => depth += 1,
            '（' | '(' if depth > 0 => depth -= 1,
            c if is_delimiter(c) && depth == 0 => {
                start = i + c.len_utf8();
                break;
            }
            _ => {}
        }
    }
    let mut name = trim(&before[start..]);
    loop {
        let was = name;
        for w in LEAD_INS {
            name = name.strip_prefix(w).unwrap_or(name);
        }
        for w in ADVERBS {
            name = name.strip_suffix(w).unwrap_or(name);
        }
        if name == was {
            break;
        }
    }
    is_unit(name).then_some(name)
}

/// `由X牵头` / `由X负责`: X, when 由 opens it in the same clause.
fn unit_after_you(text: &str, end: usize) -> Option<&str> {
    let before = &text[..end];
    let (i, _) = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| !matches!(c, '，' | '。' | '；' | '：' | '！' | '？' | '\n'))
        .find(|&(_, c)| c == '由')?;
    let mut name = trim(&before[i + '由'.len_utf8()..]);
    for w in ADVERBS {
        name = name.strip_suffix(w).unwrap_or(name);
    }
    is_unit(name).then_some(name)
}

/// 会同: `市财政局会同市发改委` leads with the first, helped by the second.
fn split_jointly(name: &str) -> (&str, Option<&str>) {
    match name.split_once("会同") {
        Some((lead, with)) if !lead.is_empty() && !with.is_empty() => (lead, Some(with)),
        _ => (name, None),
    }
}

/// The lead unit and the supporting units an item's text names.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Units {
    pub lead: Option<String>,
    pub support: Vec<String>,
}

/// Which key characters an item's text holds: the phrases that need one
/// are looked for only where it is.
#[derive(Debug, Default, Clone, Copy)]
#[allow(clippy::struct_excessive_bools)] // Four independent facts about a text.
pub struct Hints {
    /// 牵 (牵头).
    pub qian: bool,
    /// 负 (负责).
    pub fu: bool,
    /// 配 (配合).
    pub pei: bool,
    /// A colon: a label (`牵头单位：`).
    pub colon: bool,
}

impl Hints {
    pub fn any(self) -> bool {
        self.qian || self.fu || self.pei || self.colon
    }
}

/// Reads the units from an item's text, whose colons (`：`, `:`) stand at
/// the byte offsets `colons`.
pub fn units(text: &str, hints: Hints, colons: &[usize]) -> Units {
    let mut found = Units::default();
    if !hints.any() {
        return found;
    }
    let mut lead = if hints.colon {
        labelled(text, colons, LEAD_LABELS, true).map(str::to_owned)
    } else {
        None
    };
    if lead.is_none() && (hints.qian || hints.fu) {
        lead = phrase_lead(text);
    }
    if let Some(l) = lead.take() {
        let (l, with) = split_jointly(&l);
        if let Some(with) = with {
            found.support.extend(split_units(with));
        }
        lead = Some(l.to_owned());
    }
    found.lead = lead;
    let label = if hints.colon {
        labelled(text, colons, SUPPORT_LABELS, false)
    } else {
        None
    };
    if let Some(list) = label {
        // A list separated by commas runs on until what follows is no unit.
        let mut parts = split_units(list).into_iter();
        found.support.extend(parts.next());
        found.support.extend(parts.take_while(|p| is_unit(p)));
    } else if hints.pei {
        for i in memchr::memmem::find_iter(text.as_bytes(), "配合") {
            let after = &text[i + "配合".len()..];
            if after.starts_with(['单', '部']) {
                continue;
            }
            if let Some(list) = unit_before(text, i) {
                found.support.extend(split_units(list));
            }
        }
    }
    found.support.dedup();
    found
}

/// `由X牵头`, `X牵头，`, `由X负责`, `X负责`: the first that names a unit.
fn phrase_lead(text: &str) -> Option<String> {
    for i in memchr::memmem::find_iter(text.as_bytes(), "牵头") {
        let after = &text[i + "牵头".len()..];
        if let Some(u) = unit_after_you(text, i) {
            return Some(u.to_owned());
        }
        let closes = after.is_empty()
            || after.starts_with(is_delimiter)
            || after.starts_with(['、', '）', ')', '。'])
            || after.starts_with("负责")
            || after.starts_with("抓总")
            || after.starts_with("落实");
        if closes && let Some(u) = unit_before(text, i) {
            return Some(u.to_owned());
        }
    }
    for i in memchr::memmem::find_iter(text.as_bytes(), "负责") {
        let after = &text[i + "负责".len()..];
        // 负责人, 负责同志, 负责制, 负责任: not a unit answering for a task.
        if after.starts_with(['人', '同', '制', '任']) {
            continue;
        }
        if let Some(u) = unit_after_you(text, i).or_else(|| unit_before(text, i)) {
            return Some(u.to_owned());
        }
    }
    None
}
