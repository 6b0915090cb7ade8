#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes paragraphs.json, the material of `byline bench corpus`, from the dev sets' gold files.

Run by hand when the dev sets change (not at build time):
    python3 resources/corpus/make-paragraphs.py tests/data/eval tests/data/dev2 > resources/corpus/paragraphs.json

Each paragraph of a dev article keeps the gold annotations that lie wholly inside it, with
offsets in code points relative to the paragraph; "lengths" lists the articles' lengths in
words, so that generated articles follow the dev set's length distribution.
"""
import json
import pathlib
import sys


def inside(span, start, end):
    return span is not None and start <= span["start"] and span["end"] <= end


def paragraphs_of(gold):
    text = gold["text"]
    start = 0
    while start < len(text):
        end = text.find("\n\n", start)
        end = len(text) if end < 0 else end
        body = text[start:end].strip("\n")
        lead = text.find(body, start) if body else start
        if len(body.split()) >= 8:
            yield lead, lead + len(body)
        start = end + 2


def main(folders):
    paragraphs, lengths, titles = [], [], []
    for folder in folders:
        for path in sorted(pathlib.Path(folder).glob("*.gold.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            text = gold["text"]
            lengths.append(len(text.split()))
            titles.append(gold["title"])
            names = {entity["id"]: entity for entity in gold["entities"]}
            for start, end in paragraphs_of(gold):
                rel = lambda span: [span["start"] - start, span["end"] - start]
                mentions = [[*rel(m), entity["type"], entity["name"]]
                            for entity in gold["entities"] for m in entity["mentions"] if inside(m, start, end)]
                quotes = []
                for quote in gold["quotes"]:
                    if not all(inside(part, start, end) for part in quote["content"]):
                        continue
                    cue = rel(quote["cue"]) if inside(quote.get("cue"), start, end) else None
                    source = rel(quote["source"]) if inside(quote.get("source"), start, end) else None
                    speaker = names.get(quote.get("speaker"))
                    quotes.append([quote["kind"], [rel(part) for part in quote["content"]], cue, source,
                                   [speaker["name"], speaker["type"]] if speaker and source else None])
                figures = [[f["kind"], rel(f["span"]), rel(f["number"]), f.get("value"), f.get("unit") or ""]
                           for f in gold["figures"] if inside(f["span"], start, end) and inside(f["number"], start, end)]
                paragraphs.append({"text": text[start:end], "mentions": mentions, "quotes": quotes, "figures": figures})
    json.dump({"lengths": lengths, "titles": titles, "paragraphs": paragraphs}, sys.stdout, ensure_ascii=False,
              separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
