#!/usr/bin/env python3
"""Extraction benchmark: runs `parallax extract` on the benchmark sets and scores the output.

    python3 scripts/bench_extraction.py [--bench ../shared/bench] [--bin target/release/parallax]
                                        [--sets scrapinghub,daniel,trafilatura-eval] [--out bench-out]

For each set it runs the binary on one core (taskset, when present) over the set's `html/`
directory, writes `OUT/<set>.pred.jsonl`, scores it with the set's own scorer (`score.py`, never
modified) and prints one line per set plus a JSON summary. Pages/s is the wall time of the whole
command (reading, gunzip, charset, parsing, extraction, language detection, JSON output), best of
`--runs` runs.
"""
import json
import os
import shutil
import subprocess
import sys
import time
from benchcommon import check_binary, parser

SETS = ["scrapinghub", "daniel", "trafilatura-eval"]


def main():
    ap = parser(__doc__)
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    ext = os.path.join(args.bench, "extraction")
    if not os.path.isdir(ext):
        sys.exit(f"no benchmark data in {ext}: pass --bench DIR (the folder holding extraction/)")
    check_binary(args)
    os.makedirs(args.out, exist_ok=True)
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    summary = {}
    for name in args.sets.split(","):
        html = os.path.join(ext, name, "html")
        pages = len([f for f in os.listdir(html) if not f.startswith(".")])
        pred_path = os.path.join(args.out, f"{name}.pred.jsonl")
        best = None
        for _ in range(max(1, args.runs)):
            t0 = time.perf_counter()
            proc = subprocess.run(pin + [args.bin, "extract", html], capture_output=True)
            dt = time.perf_counter() - t0
            best = dt if best is None else min(best, dt)
        failed = proc.stderr.decode("utf-8", "replace").count("\n")
        with open(pred_path, "w", encoding="utf-8") as out:
            for line in proc.stdout.decode("utf-8").splitlines():
                rec = json.loads(line)
                out.write(json.dumps({
                    "id": rec["id"], "body": rec["body"], "title": rec["title"],
                    "author": rec["author"], "date": rec["published"],
                }, ensure_ascii=False) + "\n")
        extra = ["--group-by", "lang"] if name == "daniel" else []
        scored = subprocess.run(
            [sys.executable, os.path.join(ext, "score.py"), os.path.join(ext, name, "gold.jsonl"), pred_path] + extra,
            capture_output=True, check=True, text=True)
        score = json.loads(scored.stdout)
        row = {"pages": pages, "failed_records": failed, "seconds": round(best, 3),
               "pages_per_s": round(pages / best, 1)}
        if score.get("n_body"):
            row.update({k: score[k] for k in ("f1", "precision", "recall", "accuracy")})
            if "groups" in score:
                row["f1_by_lang"] = {k: v["f1"] for k, v in score["groups"].items()}
        if "snippets" in score:
            row["snippet_f1"] = score["snippets"]["f1"]
        if "meta" in score:
            row["meta"] = {k: {"acc": v["acc"], "coverage": v["coverage"]} for k, v in score["meta"].items()}
        summary[name] = row
        line = f"{name:18} {pages:5} pages {row['pages_per_s']:8.1f} pages/s (1 core)"
        if "f1" in row:
            line += f"  body F1 {row['f1']:.4f} (P {row['precision']:.4f} R {row['recall']:.4f})"
        if "snippet_f1" in row:
            line += f"  snippet F1 {row['snippet_f1']:.4f}"
        if "meta" in row:
            line += "  " + " ".join(f"{k} {v['acc']:.3f}" for k, v in row["meta"].items())
        print(line, flush=True)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
