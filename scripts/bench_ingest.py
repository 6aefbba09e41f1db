#!/usr/bin/env python3
"""Whole-ingest benchmark: builds a CC-NEWS-style WARC.gz from the extraction benchmark pages and
times `parallax ingest` on it (extraction, language, dedup, store), with peak memory.

    python3 scripts/bench_ingest.py [--bench ../shared/bench] [--bin target/release/parallax]
                                    [--sizes 2000,10000] [--jobs 2] [--out bench-out]

Each size N makes a WARC of N response records (one gzip member each, as CC-NEWS ships them),
cycling through the benchmark pages; a page used again gets a new URL and its first paragraph
names its copy number, so it is stored as a near-duplicate (a copy) rather than skipped as an
exact duplicate. Runs on a fresh store each time and prints articles/s and peak RSS per size:
flat memory shows as a flat RSS column.
"""
import gzip
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from benchcommon import check_binary, parser


def pages(bench):
    ext = os.path.join(bench, "extraction")
    out = []
    for name in ("scrapinghub", "daniel", "trafilatura-eval"):
        d = os.path.join(ext, name, "html")
        for f in sorted(os.listdir(d)):
            with gzip.open(os.path.join(d, f), "rb") as fh:
                out.append((f.split(".html")[0], fh.read()))
    return out


def write_warc(path, src, n):
    with open(path, "wb") as out:
        for i in range(n):
            pid, body = src[i % len(src)]
            copy = i // len(src)
            if copy:
                # Change the first paragraph's text, so the page is a near-duplicate (stored as a
                # copy after an LSH lookup), not an exact duplicate skipped by its hash.
                marker = f"Copy {copy} of this page. ".encode()
                at = body.find(b"<p>")
                body = body[:at + 3] + marker + body[at + 3:] if at >= 0 else body + marker
            http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: "
                    + str(len(body)).encode() + b"\r\n\r\n" + body)
            head = (
                "WARC/1.0\r\nWARC-Type: response\r\n"
                f"WARC-Target-URI: https://bench.example/{pid}/{copy}\r\n"
                "WARC-Date: 2024-04-22T10:00:00Z\r\n"
                f"WARC-Record-ID: <urn:uuid:{uuid.UUID(int=i)}>\r\n"
                "Content-Type: application/http; msgtype=response\r\n"
                f"Content-Length: {len(http)}\r\n\r\n"
            ).encode()
            out.write(gzip.compress(head + http + b"\r\n\r\n", compresslevel=1))


def main():
    ap = parser(__doc__)
    ap.add_argument("--sizes", default="2000,10000")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    check_binary(args)
    os.makedirs(args.out, exist_ok=True)
    src = pages(args.bench)
    results = []
    for n in (int(x) for x in args.sizes.split(",")):
        warc = os.path.join(args.out, f"ingest-{n}.warc.gz")
        if not os.path.exists(warc):
            write_warc(warc, src, n)
        store = tempfile.mkdtemp(prefix="parallax-bench-")
        try:
            t0 = time.perf_counter()
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            proc = subprocess.run([args.bin, "--data", store, "ingest", "-j", str(args.jobs), warc],
                                  capture_output=True, text=True)
            dt = time.perf_counter() - t0
            rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            if proc.returncode not in (0,):
                print(proc.stderr[-2000:], file=sys.stderr)
            summary = [l for l in proc.stderr.splitlines() if l.startswith("read ")]
            row = {"records": n, "seconds": round(dt, 2), "records_per_s": round(n / dt, 1),
                   "peak_rss_mib": round(max(rss, before) / 1024, 1), "summary": summary[-1] if summary else None}
            results.append(row)
            print(f"{n:8} records  {row['records_per_s']:8.1f} records/s  peak RSS {row['peak_rss_mib']:7.1f} MiB  | {row['summary']}", flush=True)
        finally:
            shutil.rmtree(store, ignore_errors=True)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
