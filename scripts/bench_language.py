#!/usr/bin/env python3
"""Language identification benchmark: accuracy of `parallax extract` on texts whose language the
clustering benchmark sets state.

    python3 scripts/bench_language.py [--bench ../shared/bench] [--bin target/release/parallax]
                                      [--out bench-out]

Every article of the clustering sets' dev parts that names its language (`lang`, or `lang1` /
`lang2` for the pairs of semeval2022t8) becomes one JSONL record of its title and text; the
binary detects the language of each (the stated language is not passed) and the script prints
the accuracy per set and overall, with the most frequent confusions. Titles-only sets (og2021)
show how the detector does on short text.
"""
import collections
import gzip
import json
import os
import subprocess
import sys
from benchcommon import check_binary, parser

SETS = ["semeval2022t8", "og2021", "meantime", "ecbplus", "gunviolence"]
# ISO 639-3 codes some sets use, as the ISO 639-1 codes the detector answers.
CODES = {"eng": "en", "spa": "es", "por": "pt", "fra": "fr", "rus": "ru", "deu": "de", "ara": "ar",
         "slv": "sl", "ita": "it", "nld": "nl", "zho": "zh", "pol": "pl", "tur": "tr"}


def records(bench):
    for name in SETS:
        path = os.path.join(bench, "clustering", name, "dev.jsonl.gz")
        if not os.path.exists(path):
            continue
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for n, line in enumerate(f):
                r = json.loads(line)
                sides = [("1", "2")] if "lang1" in r else [("",)]
                for suffix in sides[0]:
                    lang = r.get("lang" + suffix)
                    if not lang:
                        continue
                    text = (r.get("title" + suffix) or "") + "\n\n" + (r.get("text" + suffix) or "")
                    yield name, f"{name}-{n}-{suffix}", CODES.get(lang, lang), text


def main():
    args = parser(__doc__).parse_args()
    check_binary(args)
    os.makedirs(args.out, exist_ok=True)
    gold = {}
    src = os.path.join(args.out, "language.in.jsonl")
    with open(src, "w", encoding="utf-8") as out:
        for name, rid, lang, text in records(args.bench):
            gold[rid] = (name, lang)
            out.write(json.dumps({"id": rid, "text": text}, ensure_ascii=False) + "\n")
    if not gold:
        sys.exit(f"no clustering sets under {args.bench}: pass --bench DIR")
    proc = subprocess.run([args.bin, "extract", src], capture_output=True, check=True)
    right = collections.Counter()
    total = collections.Counter()
    wrong = collections.Counter()
    for line in proc.stdout.decode("utf-8").splitlines():
        rec = json.loads(line)
        name, lang = gold[rec["id"]]
        total[name] += 1
        if rec["language"] == lang:
            right[name] += 1
        else:
            wrong[(lang, rec["language"])] += 1
    for name in total:
        print(f"{name:16} {total[name]:6} texts  accuracy {right[name] / total[name]:.4f}")
    n = sum(total.values())
    print(f"{'all':16} {n:6} texts  accuracy {sum(right.values()) / n:.4f}")
    print("most frequent confusions (stated -> detected):",
          ", ".join(f"{g}->{p} {c}" for (g, p), c in wrong.most_common(8)))


if __name__ == "__main__":
    main()
