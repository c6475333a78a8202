#!/usr/bin/env python3
"""Prints the sentences of every briefing under a folder, one per line, in
UTF-8: what `fzf --filter` searches when it is compared with `brief search`
on the same library. Files are read as UTF-8 (a BOM allowed), else GB18030;
lines end at 。！？； and at line ends."""
import os
import re
import sys

SPLIT = re.compile(r"(?<=[。！？；])|\r?\n")

out = sys.stdout
for root, dirs, files in os.walk(sys.argv[1]):
    dirs.sort()
    for name in sorted(files):
        raw = open(os.path.join(root, name), "rb").read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("gb18030", errors="replace")
        for sentence in SPLIT.split(text):
            sentence = sentence.strip()
            if sentence:
                out.write(sentence + "\n")
