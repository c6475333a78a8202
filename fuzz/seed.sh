#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seeds (the corpus folder is not committed):
# the project's briefings, the shared seed page and test corpus, and a few
# hand-written TOML, state-file, layout and query snippets. Safe to re-run.
# SEED_DIR=<dir> seeds another folder instead (smoke.sh uses a temporary one).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$here/..
shared=${BRIEF_SHARED:-$root/../shared}
c=${SEED_DIR:-$here/corpus}
mkdir -p $c/decode_parse $c/toml_reader $c/state_file $c/layout $c/search_query

texts=()
for f in "$root"/briefings/* "$shared"/seed/* "$shared"/corpus/* "$shared"/corpus/formats/*; do
    [ -f "$f" ] && texts+=("$f")
done

# Whole files, any encoding, for the decoder and text parser.
for f in "${texts[@]}"; do
    cp "$f" "$c/decode_parse/$(basename "$f" | tr -c 'A-Za-z0-9._\n-' '_')"
done

# TOML briefings.
cp "$root"/briefings/*.toml $c/toml_reader/ 2>/dev/null || true
cp "$root"/briefings/*.toml $c/decode_parse/ 2>/dev/null || true
cat > $c/toml_reader/hand_minimal.toml <<'T'
title = "小标题"
[[section]]
text = "一是甲。二是乙。"
T
cat > $c/toml_reader/hand_items.toml <<'T'
title = "会议纪要"
subtitle = "第二次全体会议"
date = 2026-01-05
source = "市政府办公室"

[[section]]
headline = "压实责任"
department = "市应急管理局"
position = "局长"
person = "王某"
text = """
　　第一，排查隐患。第二，落实整改。

　　（一）强化监管。（二）严格执法。
"""
items = ["排查隐患", "不在正文中的事项", ""]

[[section]]
text = "三是无一是。1.甲 2.乙"
T
printf 'title = "x"\n[[section]]\nitems = ["a"]\n' > $c/toml_reader/hand_items_no_text.toml
cp $c/toml_reader/hand_*.toml $c/decode_parse/

# State files.
cat > $c/state_file/full.toml <<'T'
version = 1

[briefings.0123456789abcdef]
title = "用好外地经验"

[briefings.0123456789abcdef.items.fedcba9876543210]
title = "推行一件事一次办"
section = "市行政审批服务管理局 周文斌"
done = true
done_at = "2026-05-01T09:00:00+08:00"
done_changed = "2026-05-01T09:00:00+08:00"
note = "已对接，\n月底复查"
note_changed = "2026-05-02T10:00:00+08:00"

[briefings.0123456789abcdef.items."00"]
done = false

[briefings.0123456789abcdef.sections.k]
label = "市自然资源和规划局 陈立华"
note = "要素保障"
note_changed = "2026-05-03T08:00:00Z"
T
printf 'version = 1\n' > $c/state_file/empty.toml
printf '' > $c/state_file/blank.toml
printf 'version = 2\n' > $c/state_file/newer.toml
printf 'version = 1\n[briefings."x"]\nitems = 3\n' > $c/state_file/damaged.toml
printf 'version = 1\nbriefings = { a = { title = "t", items = { b = { done = true, note = "n" } } } }\n' > $c/state_file/inline.toml

# Layout: a width byte, an options byte, then one paragraph.
n=0
for f in "$root"/briefings/*.txt "$shared"/seed/* "$shared"/corpus/*.txt; do
    [ -f "$f" ] || continue
    awk -v dir=$c/layout -v base="$n" 'BEGIN { RS = "" }
        NR <= 40 && length($0) < 2000 {
            w = sprintf("%c", 10 + (NR * 7) % 90); o = sprintf("%c", (NR * 13) % 64 + 1)
            printf "%s%s%s", w, o, $0 > (dir "/p" base "_" NR); close(dir "/p" base "_" NR)
        }' "$f"
    n=$((n + 1))
done
printf '\x08\x02经审慎评，决定。' > $c/layout/hang
printf '\x0b\x00营业收入14.13亿元，同比增长12.5%%。' > $c/layout/units
printf '\x00\x01他说：“好的。”然后离开了。👨\u200d👩\u200d👧 e\u0301' > $c/layout/narrowest
printf '\x05\x10　　天天天天天天——地地地……￥100元-3.2℃\n\nhello brave new world' > $c/layout/mixed

# Queries.
for q in 赵高堂 城管 zgt csglj zhaogaotang "'清理" "^市" '河$' "!水务 街巷" "5g ai" "一是 二是" "強化" "ＡＩ" "jhyh" "q l z d j y" "96%"; do
    printf '%s' "$q" > "$c/search_query/q_$(printf '%s' "$q" | od -An -tx1 | tr -d ' \n' | cut -c1-24)"
done
echo "corpus seeded: $(for t in $c/*; do printf '%s=%s ' "${t##*/}" "$(ls "$t" | wc -l)"; done)"
