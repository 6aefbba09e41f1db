#!/usr/bin/env python3
"""Story-clustering benchmark: runs `parallax cluster` / `parallax similarity` on the dev sets and scores them.

    python3 scripts/bench_clustering.py [--bench ../shared/bench] [--bin target/release/parallax]
                                        [--sets ecbplus,gunviolence,og2021,meantime,semeval2022t8]
                                        [--out bench-out] [--runs 1] [--scale 10000,100000]

For each clustering set (`clustering/<set>/dev.jsonl.gz`) it runs `parallax cluster` on one core
(taskset, when present), writes `OUT/<set>.pred.jsonl`, scores it with the set's scorer
(`clustering/score.py`, never modified: B-cubed and pairwise P/R/F1) and prints one line per
set. The pair set (semeval2022t8) runs `parallax similarity` and is scored with
`score_pairs.py --similarity` (Pearson, Spearman). Articles/s is the wall time of the whole
command (gunzip, JSON parsing, features, clustering, output), best of `--runs` runs; "per CPU s"
is the same count over the child's user + system CPU time, which other load on the machine does
not inflate.

`--scale N,M,...` also builds synthetic streams of N, M, ... articles from the clustering dev
sets (cycled, with dates shifted by one year per cycle and ids made unique), runs `parallax
cluster` on each and prints the cost per article, to show it stays flat as the stream grows
(e.g. `--scale 10000,100000,1000000`; the streams are written under OUT and removed after).
A JSON summary follows the per-set lines.
"""
import datetime
import gzip
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from benchcommon import check_binary, parser

CLUSTER_SETS = ["ecbplus", "gunviolence", "og2021", "meantime"]
PAIR_SETS = ["semeval2022t8"]
# Primary metric per set, as in the benchmark README / issue targets.
PRIMARY = {"ecbplus": "b3_f1", "gunviolence": "f1", "og2021": "b3_f1", "meantime": "b3_f1"}


def run_timed(cmd, runs):
    """Runs cmd `runs` times; returns the last process, the best wall time and the best CPU time
    (user + system of the child: unlike wall time, not inflated by other work on the machine)."""
    best, best_cpu, proc = None, None, None
    for _ in range(max(1, runs)):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True)
        dt = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        best = dt if best is None else min(best, dt)
        best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
    return proc, best, best_cpu


def count_lines(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return sum(1 for line in f if line.strip())


def synthetic(sources, n, path):
    """Writes n articles cycled from the source sets; fields other than id/lang/date/title/text dropped."""
    base = []
    for src in sources:
        with gzip.open(src, "rt", encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    d = json.loads(line)
                    base.append({k: d.get(k) for k in ("id", "lang", "date", "title", "text")})
    start = datetime.datetime(2013, 1, 1)
    written = 0
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as out:
        cycle = 0
        while written < n:
            for i, d in enumerate(base):
                if written >= n:
                    break
                rec = dict(d)
                rec["id"] = f"c{cycle}-{d['id']}"
                if rec.get("date"):
                    try:
                        t = datetime.datetime.strptime(rec["date"], "%Y-%m-%d %H:%M:%S")
                        rec["date"] = (t + datetime.timedelta(days=365 * cycle)).strftime("%Y-%m-%d %H:%M:%S")
                    except ValueError:
                        pass
                else:
                    # Undated articles get a date spread over the cycle so the stream moves on.
                    t = start + datetime.timedelta(days=365 * cycle, seconds=i * 60)
                    rec["date"] = t.strftime("%Y-%m-%d %H:%M:%S")
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                written += 1
            cycle += 1


def main():
    ap = parser(__doc__)
    ap.add_argument("--sets", default=",".join(CLUSTER_SETS + PAIR_SETS))
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--scale", default="", help="comma-separated synthetic stream sizes, e.g. 10000,100000,1000000")
    args = ap.parse_args()
    cl = os.path.join(args.bench, "clustering")
    if not os.path.isdir(cl):
        sys.exit(f"no benchmark data in {cl}: pass --bench DIR (the folder holding clustering/)")
    check_binary(args)
    os.makedirs(args.out, exist_ok=True)
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    summary = {}
    for name in [s for s in args.sets.split(",") if s]:
        gold = os.path.join(cl, name, "dev.jsonl.gz")
        if not os.path.exists(gold):
            print(f"{name:14} missing: {gold}", flush=True)
            continue
        n = count_lines(gold)
        pred = os.path.join(args.out, f"{name}.pred.jsonl")
        sub = "similarity" if name in PAIR_SETS else "cluster"
        proc, secs, cpu = run_timed(pin + [args.bin, sub, gold], args.runs)
        if proc.returncode not in (0, 1):
            sys.exit(f"{name}: `parallax {sub}` failed ({proc.returncode}): {proc.stderr.decode('utf-8', 'replace')[-2000:]}")
        with open(pred, "wb") as f:
            f.write(proc.stdout)
        warnings = proc.stderr.decode("utf-8", "replace").count("\n")
        row = {"n": n, "seconds": round(secs, 3), "cpu_seconds": round(cpu, 3), "per_s": round(n / secs, 1),
               "per_cpu_s": round(n / max(cpu, 1e-9), 1), "stderr_lines": warnings}
        if name in PAIR_SETS:
            scorer = [sys.executable, os.path.join(cl, "score_pairs.py"), gold, pred, "--similarity"]
            score = json.loads(subprocess.run(scorer, capture_output=True, check=True, text=True).stdout)
            row.update({"pearson": score.get("pearson"), "spearman": score.get("spearman")})
            print(f"{name:14} {n:5} pairs {row['per_s']:9.1f} pairs/s wall {row['per_cpu_s']:9.1f} per CPU s  "
                  f"Pearson {row['pearson']:.4f}  Spearman {row['spearman']:.4f}", flush=True)
        else:
            scorer = [sys.executable, os.path.join(cl, "score.py"), gold, pred]
            score = json.loads(subprocess.run(scorer, capture_output=True, check=True, text=True).stdout)
            for k in ("p", "r", "f1", "b3_p", "b3_r", "b3_f1", "n_gold_clusters", "n_pred_clusters"):
                row[k] = score[k]
            row["primary"] = PRIMARY.get(name, "b3_f1")
            print(f"{name:14} {n:5} articles {row['per_s']:9.1f}/s wall {row['per_cpu_s']:9.1f} per CPU s  "
                  f"B3 F1 {row['b3_f1']:.4f} (P {row['b3_p']:.4f} R {row['b3_r']:.4f})  "
                  f"pairwise F1 {row['f1']:.4f} (P {row['p']:.4f} R {row['r']:.4f})  "
                  f"clusters {row['n_pred_clusters']}/{row['n_gold_clusters']}", flush=True)
        summary[name] = row
    if args.scale:
        sources = [os.path.join(cl, s, "dev.jsonl.gz") for s in CLUSTER_SETS
                   if os.path.exists(os.path.join(cl, s, "dev.jsonl.gz"))]
        scale = {}
        for size in [int(x) for x in args.scale.split(",") if x.strip()]:
            path = os.path.join(args.out, f"synthetic-{size}.jsonl.gz")
            synthetic(sources, size, path)
            proc, secs, cpu = run_timed(pin + [args.bin, "cluster", path], 1)
            os.remove(path)
            if proc.returncode not in (0, 1):
                sys.exit(f"synthetic {size}: `parallax cluster` failed: {proc.stderr.decode('utf-8', 'replace')[-2000:]}")
            scale[size] = {"seconds": round(secs, 2), "cpu_seconds": round(cpu, 2),
                           "per_s": round(size / secs, 1), "per_cpu_s": round(size / max(cpu, 1e-9), 1),
                           "cpu_us_per_article": round(1e6 * cpu / size, 1)}
            print(f"synthetic {size:>9} articles {scale[size]['per_s']:9.1f}/s wall "
                  f"{scale[size]['per_cpu_s']:9.1f} per CPU s  {scale[size]['cpu_us_per_article']:8.1f} CPU us/article",
                  flush=True)
        summary["synthetic"] = scale
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
