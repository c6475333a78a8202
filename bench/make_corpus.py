#!/usr/bin/env python3
"""Writes a large plain-text briefing (about 20 MB) and the same sentences one
per line, for comparing `brief search` with `fzf --filter` in one run.

The sentences come from the bundled briefings and, when ../shared is present,
from the seed page and the real documents beside it; they are recombined in a
fixed pseudo-random order into sections of five enumerated paragraphs."""
import pathlib
import random
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
out_dir = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else root / "target" / "bench-corpus"
target = int(sys.argv[2]) if len(sys.argv) > 2 else 20_000_000
out_dir.mkdir(parents=True, exist_ok=True)

sources = sorted((root / "briefings").glob("*.txt"))
for sub in ("../shared/seed", "../shared/corpus"):
    d = (root / sub).resolve()
    if d.is_dir():
        sources += sorted(d.glob("*.txt"))

pool = []
for path in sources:
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    for line in text.splitlines():
        line = line.strip().strip("\u3000")
        for s in re.findall(r"[^。！？；]+[。！？；]", line):
            if len(s) > 8:
                pool.append(s)

rng = random.Random(20261129)
sentences = []
parts = ["大型简报 检索基准\n\n——生成语料\n\n"]
size = 0
section = 0
while size < target:
    section += 1
    parts.append(f"推进重点工作第{section}项 狠抓落实见成效\n\n某某局第{section}分局党组书记、局长 张为民\n\n")
    for p, marker in enumerate(["一是", "二是", "三是", "四是", "五是"]):
        chosen = [rng.choice(pool) for _ in range(4)]
        para = marker + "".join(chosen)
        sentences.extend(chosen)
        parts.append(para + "\n\n")
        size += len(para.encode())

(out_dir / "big.txt").write_text("".join(parts), encoding="utf-8")
(out_dir / "sentences.txt").write_text("\n".join(sentences) + "\n", encoding="utf-8")
print(f"{out_dir}/big.txt: {size / 1e6:.1f} MB, {len(sentences)} sentences")
