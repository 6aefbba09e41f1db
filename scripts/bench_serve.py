#!/usr/bin/env python3
"""Serving benchmark: builds a store of N articles, starts `parallax serve` and measures story
JSON and search latency under load, and the size of story pages (HTML).

    python3 scripts/bench_serve.py [--bench ../shared/bench] [--bin target/release/parallax]
                                   [--articles 100000] [--store DIR] [--work DIR] [--keep]
                                   [--jobs 2] [--duration 20] [--connections 8]

Targets: with 100,000 articles stored, story JSON (`/api/stories/{id}`) p99 under 50 ms,
search (`/api/search`) p99 under 100 ms, a story page (`/stories/{id}`) under 100 KB.

The store: unless `--store DIR` already holds at least N articles, a JSONL dump is written
under the work directory (`--work`, default a temporary one) and ingested with `parallax ingest
-j JOBS`, timed; records skipped as exact duplicates or failing extraction are made up for by
further dumps until the store holds N articles. The dumps cycle through the full-text articles
of the clustering dev sets (`clustering/*/dev.jsonl.gz`: text and title); every cycle after the
first shifts the dates by `--shift-days`, gives new ids and URLs (on a few hundred made-up hosts)
and perturbs words (a word replaced by another word of the same text, or swapped with its
neighbour): most repeats at rate `--perturb` (different enough to be stored as new originals and
clustered into stories of their own), a share `--copy-share` at a low rate, so they are stored
as near-duplicate copies, as wire reprints are. A dump is deleted once ingested; the store is
deleted at the end unless `--work` or `--keep` is given.

The load: `parallax serve` on a free loopback port. Story ids are sampled from `/api/stories`
(pages spread over the list, plus `min_sources` pages for the biggest stories): the biggest,
middle and smallest stories seen. Search queries are words of the data (frequent, middling and
rare words, pairs, OR, a phrase, `title:`, with and without the `lang`, `since` and `site`
filters); each is first timed alone and the slowest are printed. Each URL set is then loaded for
`--duration` seconds with `--connections` connections by wrk (`--latency`, a Lua script cycling
through the URLs); without wrk, a Python thread pool does the same and the output says so. wrk
measures latency from request sent to response read on a closed loop, so under overload the
numbers are optimistic (coordinated omission); the req/s column shows the load reached, and the
load average before each run shows whether other work competed for the CPUs.

Prints the articles stored, the ingest time, p50/p90/p99 and req/s per route, the largest and
median story page size (KB = 1000 bytes), whether each target is met, and a JSON summary last.
"""
import concurrent.futures
import datetime
import gzip
import http.client
import json
import os
import random
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from benchcommon import check_binary, parser

SETS = ["gunviolence", "ecbplus", "meantime", "semeval2022t8", "og2021"]
STORY_P99_MS = 50.0
SEARCH_P99_MS = 100.0
PAGE_KB = 100.0
HOSTS = 300
# Words too common to say anything about search speed beyond "matches everything"; the frequent
# queries are taken just below them.
STOPWORDS = set("""
the and for that with was were are has have had this from his her its their they them there
said says will would could should been being than then when what which who whom whose where
about after before into over under also not but all any one two three more most some such only
other out our you your she him he it is be by on in at of to as or an a we i me my us do did
does just very can may might must shall while because through during against between these those
el la los las de del que en y por con para una uno es se su al lo le les des du et est dans pour
der die das und ist mit von den dem ein eine zu im auf nicht sich het een van en dat il di che
""".split())


# ---------------------------------------------------------------------------------------------
# The generated dump


def base_docs(bench):
    """The full-text articles of the clustering dev sets: (key, title, text, date or None)."""
    out, seen, texts = [], set(), set()
    for name in SETS:
        path = os.path.join(bench, "clustering", name, "dev.jsonl.gz")
        if not os.path.exists(path):
            continue
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                if "text1" in r:  # the pair set: two articles per line
                    items = [(r.get("id1"), r.get("title1"), r.get("text1")),
                             (r.get("id2"), r.get("title2"), r.get("text2"))]
                    date = None
                else:
                    items = [(r.get("id"), r.get("title"), r.get("text"))]
                    date = r.get("date")
                for rid, title, text in items:
                    key = f"{name}/{rid}"
                    # Title-only records (og2021) are no articles to serve.
                    if not text or len(text.split()) < 40 or key in seen:
                        continue
                    # Identical texts would only be skipped as exact duplicates.
                    norm = zlib.crc32(" ".join(re.findall(r"\w+", text.lower())).encode())
                    if norm in texts:
                        continue
                    seen.add(key)
                    texts.add(norm)
                    out.append((key, title, text, date))
    if not out:
        sys.exit(f"no clustering dev data under {os.path.join(bench, 'clustering')}: "
                 "pass --bench DIR (the shared benchmark directory)")
    return out


def parse_date(s, i):
    """The record's date, else a made-up one spread over 2020 (stable per record)."""
    if s:
        for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%d"):
            try:
                return datetime.datetime.strptime(s, fmt)
            except ValueError:
                pass
    return datetime.datetime(2020, 1, 1) + datetime.timedelta(hours=(i * 7919) % (366 * 24))


WORD = re.compile(r"\S+")


def perturb(text, rate, rng):
    """Changes about `rate` of the words: replaced by another word of the same text (so the
    language stays the same) or swapped with the next word. Line breaks are kept."""
    if rate <= 0:
        return text
    lines = text.split("\n")
    vocab = WORD.findall(text)
    out = []
    for line in lines:
        words = line.split(" ")
        for j in range(len(words)):
            if not words[j] or rng.random() >= rate:
                continue
            if rng.random() < 0.5 and j + 1 < len(words):
                words[j], words[j + 1] = words[j + 1], words[j]
            else:
                words[j] = rng.choice(vocab)
        out.append(" ".join(words))
    return "\n".join(out)


def write_dump(path, docs, start, count, args):
    """Writes records start..start+count of the endless cycle through docs as JSONL; returns
    (repeats written as rewrites, repeats written as near-copies)."""
    near = rewrites = 0
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as out:
        for i in range(start, start + count):
            b = i % len(docs)
            cycle = i // len(docs)
            key, title, text, date = docs[b]
            rng = random.Random(zlib.crc32(f"{cycle}/{key}".encode()))
            if cycle:
                rate = args.perturb
                if rng.random() < args.copy_share:
                    rate, near = args.copy_perturb, near + 1
                else:
                    rewrites += 1
                text = perturb(text, rate, rng)
                if title:
                    title = perturb(title, rate / 2, rng)
            when = parse_date(date, b) + datetime.timedelta(days=cycle * args.shift_days)
            host = zlib.crc32(f"{cycle}/{key}/host".encode()) % HOSTS
            slug = re.sub(r"[^a-z0-9]+", "-", (title or text[:60]).lower())[:60].strip("-")
            rec = {
                "id": f"bench-{cycle}-{key}",
                "url": f"https://news{host}.example/{when:%Y/%m}/{slug or 'article'}-{i}",
                "source": f"News {host}",
                "published": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "title": title,
                "text": text,
            }
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return rewrites, near


# ---------------------------------------------------------------------------------------------
# The server


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(base, path, timeout=30):
    """GET base+path: (status, body bytes)."""
    try:
        with urllib.request.urlopen(base + path, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def get_json(base, path):
    status, body = get(base, path)
    if status != 200:
        raise RuntimeError(f"GET {path} answered {status}: {body[:300]!r}")
    return json.loads(body)


class Server:
    """`parallax serve` on a free loopback port, stopped on exit."""

    def __init__(self, binary, store, log_path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(log_path, "wb")
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(
            [binary, "--data", store, "serve", "--addr", f"127.0.0.1:{self.port}"],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 300
        while True:
            if self.proc.poll() is not None:
                self.log.flush()
                with open(log_path, "rb") as fh:
                    tail = fh.read()[-2000:].decode("utf-8", "replace")
                sys.exit(f"parallax serve exited with {self.proc.returncode}:\n{tail}")
            try:
                status, body = get(self.base, "/api/health", timeout=5)
                if status == 200:
                    self.health = json.loads(body)
                    break
            except (OSError, ValueError):
                pass
            if time.time() > deadline:
                self.stop()
                sys.exit(f"parallax serve did not answer /api/health within 300 s (log: {log_path})")
            time.sleep(0.2)
        self.startup_s = time.perf_counter() - t0

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


# ---------------------------------------------------------------------------------------------
# What to request


def sample_stories(base, want):
    """Story summaries from pages spread over the list: the biggest, middle and smallest."""
    first = get_json(base, "/api/stories?limit=200")
    seen = {s["id"]: s for s in first["stories"]}
    offset = 200
    # Walk the list with growing steps, so a big store is sampled from start to end quickly.
    step = 200
    while first.get("more") and len(seen) < 5000 and offset <= 100000:
        page = get_json(base, f"/api/stories?limit=200&offset={offset}")
        for s in page["stories"]:
            seen[s["id"]] = s
        if not page.get("more"):
            break
        step = min(step * 2, 6400)
        offset += step
    # The list is newest first: the biggest stories are found by their number of sources.
    for min_sources in (50, 20, 10, 5):
        page = get_json(base, f"/api/stories?limit=200&min_sources={min_sources}")
        for s in page["stories"]:
            seen[s["id"]] = s
    ranked = sorted(seen.values(), key=lambda s: (-s["articles"], s["id"]))
    if len(ranked) <= want:
        return ranked, len(seen)
    third = want // 3
    # The biggest: half by articles, half by independent sources (a page lists every source).
    big = {s["id"]: s for s in ranked[:third - third // 2]}
    for s in sorted(ranked, key=lambda s: (-s["independent"], s["id"])):
        if len(big) >= third:
            break
        big.setdefault(s["id"], s)
    rest = [s for s in ranked if s["id"] not in big]
    mid = len(rest) // 2
    picked = (list(big.values()) + rest[mid - third // 2: mid - third // 2 + third]
              + rest[-(want - 2 * third):])
    return picked, len(seen)


def query_words(docs):
    """Frequent, middling and rare words of the data (letters only, 4+ characters)."""
    freq = {}
    for _, title, text, _ in docs:
        for w in re.findall(r"[^\W\d_]{4,}", f"{title or ''} {text}".lower()):
            freq[w] = freq.get(w, 0) + 1
    ranked = [w for w, _ in sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))
              if w not in STOPWORDS]
    frequent = ranked[:12]
    middle = ranked[len(ranked) // 20: len(ranked) // 20 + 12]
    rare = [w for w in ranked if freq[w] == 2][:12]
    return frequent, middle, rare


def search_urls(docs, sample_date):
    frequent, middle, rare = query_words(docs)
    qs = []
    for group in (frequent, middle, rare):
        qs += [{"q": w} for w in group[:8]]
    qs += [{"q": f"{a} {b}"} for a, b in zip(frequent[:4], middle[:4])]
    qs += [{"q": f"{a} OR {b}"} for a, b in zip(middle[4:7], rare[4:7])]
    qs += [{"q": f"\"{frequent[0]} {frequent[1]}\""}, {"q": f"title:{middle[0]}"}]
    qs += [{"q": w, "lang": "en"} for w in frequent[4:8] + middle[4:8]]
    qs += [{"q": w, "lang": "es"} for w in frequent[8:10]]
    qs += [{"q": w, "since": sample_date} for w in frequent[:4]]
    qs += [{"q": w, "site": "news1"} for w in middle[8:11]]
    qs += [{"q": "", "lang": "en", "since": sample_date}]
    return ["/api/search?" + urllib.parse.urlencode(q) for q in qs]


def check(base, paths, what):
    """GETs each path once; returns the ones answering 200 and (path, status) of the others."""
    ok, bad = [], []
    for p in paths:
        status, _ = get(base, p)
        (ok if status == 200 else bad).append(p if status == 200 else (p, status))
    if bad:
        print(f"  {what}: {len(bad)} of {len(paths)} URLs do not answer 200, left out: {bad[:5]}",
              flush=True)
    return ok, bad


# ---------------------------------------------------------------------------------------------
# Load


WRK_LUA = """
local paths = {%s}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end
function init(args)
  i = (id or 1) * 7
end
function request()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH_JSON {\\"p50\\":%%d,\\"p90\\":%%d,\\"p99\\":%%d,\\"max\\":%%d,\\"requests\\":%%d," ..
    "\\"duration_us\\":%%d,\\"errors\\":%%d,\\"non2xx\\":%%d}\\n",
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status))
end
"""


def run_wrk(wrk, base, paths, args, work):
    script = os.path.join(work, "paths.lua")
    with open(script, "w", encoding="utf-8") as fh:
        fh.write(WRK_LUA % ",".join(json.dumps(p) for p in paths))
    threads = max(1, min(args.threads, args.connections))
    proc = subprocess.run(
        [wrk, "-t", str(threads), "-c", str(args.connections), "-d", f"{args.duration}s",
         "--timeout", "10s", "--latency", "-s", script, base],
        capture_output=True, text=True)
    line = [l for l in proc.stdout.splitlines() if l.startswith("BENCH_JSON ")]
    if proc.returncode != 0 or not line:
        sys.exit(f"wrk failed ({proc.returncode}):\n{proc.stdout[-1500:]}\n{proc.stderr[-1500:]}")
    r = json.loads(line[-1][len("BENCH_JSON "):])
    return {
        "p50_ms": r["p50"] / 1000, "p90_ms": r["p90"] / 1000, "p99_ms": r["p99"] / 1000,
        "max_ms": r["max"] / 1000, "requests": r["requests"],
        "req_per_s": r["requests"] / (r["duration_us"] / 1e6),
        "errors": r["errors"], "non_2xx": r["non2xx"],
    }


def run_python(base, paths, args):
    """The fallback load client: one persistent HTTP/1.1 connection per thread."""
    port = int(base.rsplit(":", 1)[1])
    stop_at = time.perf_counter() + args.duration
    lat, lock = [], threading.Lock()
    counts = {"errors": 0, "non_2xx": 0}

    def worker(k):
        mine, errors, non2xx = [], 0, 0
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        i = k * 7
        while time.perf_counter() < stop_at:
            i += 1
            t0 = time.perf_counter()
            try:
                conn.request("GET", paths[i % len(paths)])
                resp = conn.getresponse()
                resp.read()
                mine.append(time.perf_counter() - t0)
                non2xx += resp.status >= 400
            except (OSError, http.client.HTTPException):
                errors += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.close()
        with lock:
            lat.extend(mine)
            counts["errors"] += errors
            counts["non_2xx"] += non2xx

    t0 = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(args.connections) as pool:
        list(pool.map(worker, range(args.connections)))
    dt = time.perf_counter() - t0
    lat.sort()
    if not lat:
        sys.exit("the Python load client got no answer at all")

    def pct(p):
        return lat[min(len(lat) - 1, int(p / 100 * len(lat)))] * 1000

    return {"p50_ms": pct(50), "p90_ms": pct(90), "p99_ms": pct(99), "max_ms": lat[-1] * 1000,
            "requests": len(lat), "req_per_s": len(lat) / dt, **counts}


# ---------------------------------------------------------------------------------------------


def ingest(args, store, dump):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    proc = subprocess.run([args.bin, "--data", store, "ingest", "-j", str(args.jobs), dump],
                          capture_output=True, text=True)
    dt = time.perf_counter() - t0
    rss = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
    if proc.returncode != 0:
        print(proc.stderr[-2000:], file=sys.stderr)
        sys.exit(f"parallax ingest failed with {proc.returncode}")
    summary = [l for l in proc.stderr.splitlines() if l.startswith("read ")]
    return dt, rss / 1024, summary[-1] if summary else None


def stored_articles(args, store, work):
    if not os.path.isdir(store) or not os.listdir(store):
        return 0
    with Server(args.bin, store, os.path.join(work, "serve-check.log")) as s:
        return get_json(s.base, "/api/stats")["articles"]


def main():
    ap = parser(__doc__, out=False)
    ap.add_argument("--articles", type=int, default=100000, help="articles to generate and ingest")
    ap.add_argument("--store", help="store to use; built (or topped up) unless it holds N articles")
    ap.add_argument("--work", help="directory for the dump, logs and the store (default: temporary)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary work directory")
    ap.add_argument("--jobs", type=int, default=2, help="ingest analysis threads")
    ap.add_argument("--perturb", type=float, default=0.1, help="word change rate of rewrites")
    ap.add_argument("--copy-share", type=float, default=0.2, help="share of repeats that are copies")
    ap.add_argument("--copy-perturb", type=float, default=0.02, help="word change rate of copies")
    ap.add_argument("--shift-days", type=int, default=150, help="date shift per cycle")
    ap.add_argument("--duration", type=int, default=20, help="seconds of load per route")
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--threads", type=int, default=2, help="wrk threads")
    ap.add_argument("--stories", type=int, default=60, help="story ids to sample")
    ap.add_argument("--no-wrk", action="store_true", help="use the Python load client")
    args = ap.parse_args()
    check_binary(args)
    temp = args.work is None
    work = tempfile.mkdtemp(prefix="parallax-serve-bench-") if temp else args.work
    os.makedirs(work, exist_ok=True)
    store = args.store or os.path.join(work, "store")
    try:
        run(args, work, store)
    finally:
        if temp and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"work directory kept: {work}")


def run(args, work, store):
    n = args.articles
    docs = base_docs(args.bench)
    result = {"articles_requested": n, "base_articles": len(docs)}
    have = stored_articles(args, store, work) if args.store else 0
    if have >= n:
        print(f"store {store} already holds {have} articles: not ingesting", flush=True)
        result["ingest_s"] = None
    else:
        # Some records are skipped (exact duplicates) or fail (no article text found), so the
        # dump is topped up with further records until the store holds N articles.
        written, total_s, rounds, peak = 0, 0.0, [], 0.0
        count = n
        for _ in range(4):
            dump = os.path.join(work, f"serve-{n}-{written}.jsonl.gz")
            t0 = time.perf_counter()
            rewrites, near = write_dump(dump, docs, written, count, args)
            print(f"dump: records {written}..{written + count} from {len(docs)} dev articles "
                  f"({rewrites} rewritten repeats, {near} near-copies) in "
                  f"{time.perf_counter() - t0:.1f} s", flush=True)
            dt, rss, summary = ingest(args, store, dump)
            os.remove(dump)
            written += count
            total_s += dt
            peak = max(peak, rss)
            rounds.append(summary)
            print(f"ingest: {dt:.1f} s ({count / dt:.1f} records/s, peak RSS {rss:.0f} MiB) | "
                  f"{summary}", flush=True)
            have = stored_articles(args, store, work)
            if have >= n:
                break
            count = (n - have) + (n - have) // 20 + 10
        result.update(ingest_s=round(total_s, 1), ingest_records=written,
                      ingest_records_per_s=round(written / total_s, 1),
                      ingest_peak_rss_mib=round(peak, 1), ingest_summaries=rounds)
        print(f"ingest total: {written} records in {total_s:.1f} s "
              f"({written / total_s:.1f} records/s), {have} articles stored", flush=True)

    wrk = None if args.no_wrk else shutil.which("wrk")
    with Server(args.bin, store, os.path.join(work, "serve.log")) as srv:
        stats = get_json(srv.base, "/api/stats")
        result.update(articles_stored=stats["articles"], copies=stats.get("copies"),
                      duplicates=stats.get("duplicates"), errors=stats.get("errors"),
                      indexed=stats.get("indexed"), server_startup_s=round(srv.startup_s, 2))
        print(f"store: {stats['articles']} articles ({stats.get('copies')} copies), "
              f"{stats.get('duplicates')} exact duplicates skipped, {stats.get('errors')} errors, "
              f"{stats.get('indexed')} indexed; server ready in {srv.startup_s:.1f} s", flush=True)
        if not srv.health.get("search_index"):
            print("  warning: the store has no search index; search will fail", flush=True)

        picked, listed = sample_stories(srv.base, args.stories)
        if not picked:
            sys.exit("the store lists no story: nothing to load")
        sizes = sorted(s["articles"] for s in picked)
        print(f"stories: sampled {len(picked)} of {listed} seen in the list (articles per story: "
              f"min {sizes[0]}, median {sizes[len(sizes) // 2]}, max {sizes[-1]})", flush=True)
        result["stories_listed"] = listed
        story_paths, bad_stories = check(srv.base, [f"/api/stories/{s['id']}" for s in picked],
                                         "story JSON")
        dates = sorted(s["first_published"] for s in picked if s.get("first_published"))
        sample_date = dates[len(dates) // 2][:10] if dates else "2015-01-01"
        search_paths, bad_search = check(srv.base, search_urls(docs, sample_date), "search")
        # Each query alone (median of 3, one connection), to name the slow ones.
        alone = []
        for p in search_paths:
            times = []
            for _ in range(3):
                t0 = time.perf_counter()
                _, body = get(srv.base, p)
                times.append((time.perf_counter() - t0) * 1000)
            alone.append((statistics.median(times), json.loads(body).get("total", 0), p))
        hits = sorted(a[1] for a in alone)
        if alone:
            print(f"search: {len(search_paths)} queries, hits per query: min {hits[0]}, "
                  f"median {hits[len(hits) // 2]}, max {hits[-1]}; slowest alone:", flush=True)
            for ms, total, p in sorted(alone, reverse=True)[:5]:
                print(f"  {ms:7.1f} ms  {total:6} hits  {urllib.parse.unquote_plus(p)}", flush=True)
            result["search_alone_ms_max"] = round(max(a[0] for a in alone), 1)

        pages = []
        for s in picked:
            status, body = get(srv.base, f"/stories/{s['id']}")
            if status == 200:
                pages.append((len(body) / 1000, s["id"], s["articles"], len(body)))
        pages.sort()
        if pages:
            big = pages[-1]
            result.update(page_kb_max=round(big[0], 1),
                          page_kb_median=round(statistics.median(p[0] for p in pages), 1))
            print(f"story pages (HTML): {len(pages)} fetched, largest {big[0]:.1f} KB "
                  f"({big[3]} bytes; story {big[1]}, {big[2]} articles), median {result['page_kb_median']} KB",
                  flush=True)

        client = "wrk" if wrk else "python (wrk not found: install it with `apt-get install -y wrk`)"
        if args.no_wrk:
            client = "python (--no-wrk)"
        print(f"load: {client}, {args.connections} connections, {args.duration} s per route",
              flush=True)
        result["load_client"] = "wrk" if wrk else "python"
        routes = [("story_json", story_paths), ("search", search_paths),
                  ("story_html", [f"/stories/{s['id']}" for s in picked])]
        for name, paths in routes:
            if not paths:
                continue
            load = os.getloadavg()[0]
            r = run_wrk(wrk, srv.base, paths, args, work) if wrk else run_python(srv.base, paths, args)
            r["loadavg_before"] = load
            result[name] = {k: round(v, 2) if isinstance(v, float) else v for k, v in r.items()}
            print(f"{name:11} p50 {r['p50_ms']:8.2f} ms  p90 {r['p90_ms']:8.2f} ms  "
                  f"p99 {r['p99_ms']:8.2f} ms  max {r['max_ms']:8.1f} ms  {r['req_per_s']:8.1f} req/s"
                  f"  ({r['requests']} requests, {r['errors']} errors, {r['non_2xx']} non-2xx;"
                  f" load average before {load:.1f} on {os.cpu_count()} CPUs)",
                  flush=True)

    met = {}
    if "story_json" in result:
        met["story_json_p99_under_50ms"] = result["story_json"]["p99_ms"] < STORY_P99_MS
    if "search" in result:
        met["search_p99_under_100ms"] = result["search"]["p99_ms"] < SEARCH_P99_MS
    if "page_kb_max" in result:
        met["story_page_under_100kb"] = result["page_kb_max"] < PAGE_KB
    at_scale = result["articles_stored"] >= 100000
    for k, v in met.items():
        print(f"target {k:28} {'MET' if v else 'NOT MET'}"
              + ("" if at_scale else f"  (at {result['articles_stored']} articles, not 100,000)"))
    result["targets_met"] = met
    print(json.dumps(result))


if __name__ == "__main__":
    main()
