#!/usr/bin/env python3
"""Analysis benchmark: runs `parallax analyze` on the figures and quotes sets and scores the output.

    python3 scripts/bench_analysis.py [--bench ../shared/bench] [--bin target/release/parallax]
                                      [--sets gvc,polnear,spkatt_news] [--out bench-out]

For each set it writes the set's texts as JSONL (`id`, `text`; for gvc the title is put before
the body, as an article has it), runs the binary on one core (taskset, when present), turns the
output into the scorer's prediction format (`casualties` lifted to the top level for the
figures scorer; quotes as they are) and scores it with the set's own `score.py` (never
modified). Prints one line per set and a JSON summary. Articles/s is the wall time of the whole
command (reading, language detection, the full analysis, JSON output), best of `--runs` runs.
"""
import gzip
import json
import os
import shutil
import subprocess
import sys
import time
from benchcommon import check_binary, parser

SETS = {
    "gvc": ("figures", "gvc/dev.jsonl.gz"),
    "polnear": ("quotes", "polnear/dev.jsonl.gz"),
    "spkatt_news": ("quotes", "spkatt_news/train_sample.jsonl.gz"),
}


def load_jsonl(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    ap = parser(__doc__)
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    check_binary(args)
    os.makedirs(args.out, exist_ok=True)
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    summary = {}
    for name in args.sets.split(","):
        if name not in SETS:
            sys.exit(f"unknown set {name!r}: choose from {', '.join(SETS)}")
        kind, rel = SETS[name]
        gold_path = os.path.join(args.bench, kind, rel)
        if not os.path.exists(gold_path):
            sys.exit(f"no benchmark data at {gold_path}: pass --bench DIR (the folder holding {kind}/)")
        gold = load_jsonl(gold_path)
        in_path = os.path.join(args.out, f"{name}.in.jsonl")
        chars = 0
        with open(in_path, "w", encoding="utf-8") as f:
            for r in gold:
                text = r["text"]
                if kind == "figures" and r.get("title"):
                    text = r["title"].strip() + "\n\n" + text
                chars += len(text)
                f.write(json.dumps({"id": r["id"], "text": text}, ensure_ascii=False) + "\n")
        best = None
        for _ in range(max(1, args.runs)):
            t0 = time.perf_counter()
            proc = subprocess.run(pin + [args.bin, "analyze", in_path], capture_output=True)
            dt = time.perf_counter() - t0
            best = dt if best is None else min(best, dt)
        if proc.returncode not in (0, 1):
            sys.exit(f"{name}: parallax analyze failed: {proc.stderr.decode('utf-8', 'replace')[:2000]}")
        pred_path = os.path.join(args.out, f"{name}.pred.jsonl")
        with open(pred_path, "w", encoding="utf-8") as out:
            for line in proc.stdout.decode("utf-8").splitlines():
                rec = json.loads(line)
                if kind == "figures":
                    row = {"id": rec["id"], **rec["casualties"]}
                else:
                    row = {"id": rec["id"], "quotes": rec["quotes"]}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        scored = subprocess.run(
            [sys.executable, os.path.join(args.bench, kind, "score.py"), gold_path, pred_path],
            capture_output=True, text=True)
        if scored.returncode != 0:
            sys.exit(f"{name}: scorer failed: {scored.stderr[:2000]}")
        res = json.loads(scored.stdout)
        speed = {"articles_per_s": round(len(gold) / best, 1), "chars_per_s": round(chars / best)}
        summary[name] = {"score": res, "speed": speed}
        if kind == "figures":
            d = res["doc"]
            line = (f"killed acc {d['killed']['acc']:.3f}  injured acc {d['injured']['acc']:.3f}  "
                    f"both {d['both_acc']:.3f}  incident both {res['incident']['both_acc']:.3f}")
        else:
            c = res["content"]
            line = (f"content exact F1 {c['exact']['f1']:.3f}  lenient50 F1 {c['lenient50']['f1']:.3f} "
                    f"(P {c['lenient50']['p']:.3f} R {c['lenient50']['r']:.3f})  "
                    f"speaker acc {res['speaker_acc'] or 0:.3f}  e2e F1 {res['e2e']['f1']:.3f}")
        print(f"{name:12} {line}  |  {speed['articles_per_s']} articles/s", flush=True)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
