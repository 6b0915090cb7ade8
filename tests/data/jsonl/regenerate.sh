#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerates dev.jsonl: each gold file of the dev set (tests/data/eval, a copy of the shared
# dev gold) as one line, keys in the gold file's order, compact, UTF-8 unescaped: JSON Lines as
# common JSON writers put them (Python's json.dumps with ensure_ascii off). tst_formats_jsonl
# imports it and checks that the export gives back the same bytes.
#   tests/data/jsonl/regenerate.sh
set -e
here=$(dirname "$0")
python3 - "$here/../eval" > "$here/dev.jsonl" <<'PYTHON'
import glob, json, os, sys
for name in sorted(glob.glob(os.path.join(sys.argv[1], "*.gold.json"))):
    with open(name, encoding="utf-8") as gold:
        print(json.dumps(json.load(gold), ensure_ascii=False, separators=(",", ":")))
PYTHON
