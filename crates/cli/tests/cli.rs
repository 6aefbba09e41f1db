//! End-to-end tests of the `parallax` binary.
//!
//! Every test runs the real binary on real inputs (the bundled `examples/` folder, the files
//! under `tests/data/`, or files generated in a temporary directory) with its own temporary store
//! passed through `--data`, and checks what a user would see: exit codes, the ingest summary on
//! stderr, and the JSON that `articles`, `show` and `extract` print.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// What one run of the binary produced.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn from_output(args: &[&str], out: Output) -> Run {
        let run = Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        // Printed only when a test fails, which makes failures readable.
        eprintln!(
            "$ parallax {}\n  exit: {:?}\n  stderr:\n{}",
            args.join(" "),
            run.code,
            indent(&run.stderr)
        );
        run
    }

    /// Panics with the whole output unless the run exited with 0.
    fn ok(self) -> Run {
        assert_eq!(
            self.code,
            Some(0),
            "expected success; stderr:\n{}",
            self.stderr
        );
        self
    }

    /// The stdout lines parsed as JSON objects.
    fn json_lines(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}"))
            })
            .collect()
    }
}

fn indent(s: &str) -> String {
    s.lines().map(|l| format!("    {l}\n")).collect()
}

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_parallax"));
    cmd.env_remove("PARALLAX_DATA").stdin(Stdio::null());
    cmd
}

/// Runs `parallax --data DATA ARGS...`.
fn parallax(data: &Path, args: &[&str]) -> Run {
    let out = bin()
        .arg("--data")
        .arg(data)
        .args(args)
        .output()
        .expect("the parallax binary runs");
    Run::from_output(args, out)
}

/// Runs `parallax ARGS...` without a store (for `extract` and `--help`).
fn parallax_no_store(args: &[&str]) -> Run {
    let out = bin().args(args).output().expect("the parallax binary runs");
    Run::from_output(args, out)
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn examples() -> PathBuf {
    repo_root().join("examples")
}

fn test_data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("test paths are UTF-8")
}

/// A fresh store directory for one test.
fn store() -> TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

/// The counts of the ingest summary line:
/// `read N records in Xs (R/s): N new, N duplicates, N copies, N already stored, N failed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Summary {
    read: u64,
    new: u64,
    duplicates: u64,
    copies: u64,
    already: u64,
    failed: u64,
}

fn summary(stderr: &str) -> Summary {
    let line = stderr
        .lines()
        .find(|l| l.starts_with("read ") && l.contains(" records in "))
        .unwrap_or_else(|| panic!("no summary line in stderr:\n{stderr}"));
    let number = |s: &str| -> u64 {
        s.trim()
            .parse()
            .unwrap_or_else(|_| panic!("bad number {s:?} in summary line {line:?}"))
    };
    let mut s = Summary {
        read: number(line["read ".len()..].split(' ').next().unwrap_or("")),
        ..Summary::default()
    };
    let (_, counts) = line
        .split_once("): ")
        .unwrap_or_else(|| panic!("unexpected summary line {line:?}"));
    for part in counts.split(", ") {
        let (n, label) = part
            .split_once(' ')
            .unwrap_or_else(|| panic!("unexpected summary part {part:?} in {line:?}"));
        let n = number(n);
        match label.trim() {
            "new" => s.new = n,
            "duplicates" => s.duplicates = n,
            "copies" => s.copies = n,
            "already stored" => s.already = n,
            "failed" => s.failed = n,
            other => panic!("unknown summary label {other:?} in {line:?}"),
        }
    }
    s
}

/// The numbers of `parallax stats`, by label (`articles`, `originals`, `copies`, `duplicates`,
/// `errors`).
fn stats(data: &Path) -> BTreeMap<String, u64> {
    let run = parallax(data, &["stats"]).ok();
    parse_stats(&run.stdout)
}

/// `stats` while another process may still be creating the store: `None` when it fails.
fn try_stats(data: &Path) -> Option<BTreeMap<String, u64>> {
    let run = parallax(data, &["stats"]);
    (run.code == Some(0)).then(|| parse_stats(&run.stdout))
}

fn parse_stats(stdout: &str) -> BTreeMap<String, u64> {
    stdout
        .lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            let label = words.next()?;
            let n = words.next()?.parse().ok()?;
            Some((label.to_string(), n))
        })
        .collect()
}

/// Every stored article, copies included, as `articles --json` prints them, by input id.
fn listed(data: &Path) -> BTreeMap<String, Value> {
    let run = parallax(
        data,
        &["articles", "--json", "--copies", "--limit", "100000"],
    )
    .ok();
    let mut by_id = BTreeMap::new();
    for a in run.json_lines() {
        let id = a["id"]
            .as_str()
            .expect("every listed article has an id")
            .to_string();
        assert!(
            by_id.insert(id.clone(), a).is_none(),
            "article id {id} is listed twice"
        );
    }
    by_id
}

fn str_field<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// The body of `show KEY --json` as plain text, blocks joined by blank lines.
fn shown_body(shown: &Value) -> String {
    shown["article"]["body"]
        .as_array()
        .expect("the article has a body array")
        .iter()
        .map(|b| b["text"].as_str().expect("a block has text"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn assert_absent(body: &str, what: &str, chrome: &[&str]) {
    for c in chrome {
        assert!(
            !body.contains(c),
            "{what}: body holds site chrome {c:?}:\n{body}"
        );
    }
}

/// A small deterministic generator, so that generated inputs are the same on every run.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

// ---------------------------------------------------------------------------------------------
// The bundled examples
// ---------------------------------------------------------------------------------------------

/// Ingests `examples/` into a fresh store and checks the summary.
fn ingest_examples(extra: &[&str]) -> (TempDir, Summary) {
    let data = store();
    let ex = examples();
    let mut args = vec!["ingest"];
    args.extend_from_slice(extra);
    args.push(path_str(&ex));
    let run = parallax(data.path(), &args).ok();
    let s = summary(&run.stderr);
    assert!(
        run.stderr.contains("dump.jsonl line 3: read failed"),
        "the bad JSONL line is reported with its file and line:\n{}",
        run.stderr
    );
    (data, s)
}

#[test]
fn examples_ingest_into_clean_articles_in_three_languages() {
    let (data, s) = ingest_examples(&[]);
    // 2 JSONL lines + 1 bad line, 4 pages, 2 text samples.
    assert_eq!(s.read, 9, "{s:?}");
    assert_eq!(s.failed, 1, "only the non-JSON line fails: {s:?}");
    assert!(
        s.copies >= 1,
        "the syndicated reprint is stored as a copy: {s:?}"
    );
    assert_eq!(s.duplicates, 0, "{s:?}");
    assert_eq!(s.new + s.copies, 8, "{s:?}");

    let all = listed(data.path());
    let ids: BTreeSet<&str> = all.keys().map(String::as_str).collect();
    let expected: BTreeSet<&str> = [
        "brand-i-hamnen",
        "harbour-fire",
        "harbour-fire-reprint",
        "pozar-w-porcie",
        "kalmsund-ferry-reopens",
        "kalmsund-police-questions",
        "tvn24-copy-isisk.en",
        "omni-isk-analyser.sv",
    ]
    .into_iter()
    .collect();
    assert_eq!(ids, expected);

    let lang = |id: &str| str_field(&all[id], "language").map(str::to_string);
    assert_eq!(lang("harbour-fire").as_deref(), Some("en"));
    assert_eq!(lang("pozar-w-porcie").as_deref(), Some("pl"));
    assert_eq!(lang("brand-i-hamnen").as_deref(), Some("sv"));
    assert_eq!(lang("omni-isk-analyser.sv").as_deref(), Some("sv"));
    assert_eq!(lang("tvn24-copy-isisk.en").as_deref(), Some("en"));
    let langs: BTreeSet<String> = all
        .values()
        .filter_map(|a| str_field(a, "language"))
        .map(str::to_string)
        .collect();
    for l in ["en", "pl", "sv"] {
        assert!(langs.contains(l), "no {l} article among {langs:?}");
    }

    // The original and its syndicated reprint: exactly one of them is a copy of the other,
    // whichever the workers finished first (see `reprint_is_the_copy_not_the_original` for
    // which one it should be).
    let key = |id: &str| str_field(&all[id], "key").expect("a key").to_string();
    let copy_of = |id: &str| str_field(&all[id], "copy_of").map(str::to_string);
    let (orig, reprint) = (key("harbour-fire"), key("harbour-fire-reprint"));
    match (copy_of("harbour-fire"), copy_of("harbour-fire-reprint")) {
        (None, Some(of)) => assert_eq!(of, orig),
        (Some(of), None) => assert_eq!(of, reprint),
        other => panic!("expected one of the pair to be a copy of the other, got {other:?}"),
    }
    for id in [
        "brand-i-hamnen",
        "pozar-w-porcie",
        "kalmsund-ferry-reopens",
        "tvn24-copy-isisk.en",
    ] {
        assert_eq!(copy_of(id), None, "{id} is an original story, not a copy");
    }
    // Copies are hidden from the default listing.
    let default_list = parallax(data.path(), &["articles", "--json"])
        .ok()
        .json_lines();
    assert_eq!(default_list.len() as u64, 8 - s.copies);
    assert!(default_list.iter().all(|a| a["copy_of"].is_null()));

    // The English page: clean body, metadata from JSON-LD and meta tags.
    let shown = parallax(data.path(), &["show", &orig, "--json"]).ok();
    let shown: Value = serde_json::from_str(&shown.stdout).expect("show --json prints JSON");
    assert_eq!(shown["key"], Value::String(orig.clone()));
    let article = &shown["article"];
    assert_eq!(
        article["title"],
        "Two dead as fire tears through Kalmsund harbour warehouse"
    );
    assert_eq!(article["authors"], serde_json::json!(["Eleanor Marsh"]));
    assert_eq!(article["site"], "The Northern Ledger");
    assert_eq!(article["published"], "2024-04-21T07:30:00+02:00");
    assert_eq!(article["language"], "en");
    let body = shown_body(&shown);
    assert!(body.contains("Two people were killed and fourteen injured when a fire swept through"));
    assert!(body.contains("“When the first crews arrived, the eastern end of the building was already fully alight,” said Jonas Ekberg"));
    assert!(
        body.contains("Ferry services suspended"),
        "the subheading is kept"
    );
    assert!(
        body.ends_with("which will stay open until Monday evening."),
        "{body}"
    );
    assert_absent(
        &body,
        "harbour-fire.html",
        &[
            "cookies",
            "Accept all",
            "Skip to main content",
            "subscribe from £1",
            "Search the Ledger",
            "Copy link",
            "LinkedIn",
            "Smoke rises over the East Quay",
            "Photograph: Lena Ostrowska",
            "Advertisement",
            "More on this story",
            "Baltic ferry freight hits record",
            "Most read",
            "Tell our corrections team",
            "Morning Ledger newsletter",
            "All rights reserved",
        ],
    );

    // The Polish page: windows-1250 without any charset declaration.
    let pl = &all["pozar-w-porcie"];
    let shown = parallax(
        data.path(),
        &["show", str_field(pl, "key").expect("a key"), "--json"],
    )
    .ok();
    let shown: Value = serde_json::from_str(&shown.stdout).expect("show --json prints JSON");
    assert_eq!(
        shown["article"]["title"],
        "Pożar w porcie w Kalmsund. Wśród rannych czterech polskich kierowców"
    );
    assert_eq!(shown["article"]["site"], "Wiadomości Zatoki");
    assert!(
        str_field(&shown["article"], "published").is_some_and(|d| d.starts_with("2024-04-21")),
        "{}",
        shown["article"]["published"]
    );
    let body = shown_body(&shown);
    assert!(
        !shown.to_string().contains('\u{fffd}'),
        "U+FFFD in the Polish article: {shown}"
    );
    for c in ['ą', 'ł', 'ę', 'ż', 'ś', 'ć', 'ń', 'Ł'] {
        assert!(
            body.contains(c),
            "{c:?} missing from the Polish body:\n{body}"
        );
    }
    assert!(body.contains("Spałem w kabinie, obudził mnie kolega"));
    assert_absent(
        &body,
        "pozar-w-porcie.html",
        &[
            "plików cookies",
            "Strona główna",
            "Imieniny",
            "Udostępnij",
            "Fot. Lena Ostrowska",
            "Czytaj także",
            "Najczęściej czytane",
            "Komentarze",
            "REKLAMA",
            "Wszelkie prawa zastrzeżone",
        ],
    );

    // The Swedish page.
    let sv = &all["brand-i-hamnen"];
    assert_eq!(
        str_field(sv, "title"),
        Some("Två döda i storbrand i hamnen – färjeterminalen stängd")
    );
    let shown = parallax(
        data.path(),
        &["show", str_field(sv, "key").expect("a key"), "--json"],
    )
    .ok();
    let shown: Value = serde_json::from_str(&shown.stdout).expect("show --json prints JSON");
    assert_eq!(
        shown["article"]["authors"],
        serde_json::json!(["Erik Lindqvist", "Maja Holm"])
    );
    let body = shown_body(&shown);
    assert!(body.contains("säger räddningsledaren Jonas Ekberg"));
    assert_absent(
        &body,
        "brand-i-hamnen.html",
        &[
            "kakor",
            "Godkänn alla",
            "Bli prenumerant",
            "Foto: Maja Holm",
            "Räddningstjänsten på plats vid Östra kajen strax efter midnatt",
            "Läs också",
            "Mer om branden i hamnen",
            "Kopiera länk",
            "Ansvarig utgivare",
        ],
    );

    // The JSONL lines: fields given by the input win.
    let wire = &all["kalmsund-police-questions"];
    assert_eq!(
        str_field(wire, "title"),
        Some("Police question warehouse staff after Kalmsund fire")
    );
    assert_eq!(str_field(wire, "site"), Some("Nordic Wire"));
    assert_eq!(str_field(wire, "published"), Some("2024-04-22"));
    let html_line = &all["kalmsund-ferry-reopens"];
    assert_eq!(str_field(html_line, "site"), Some("Baltic Freight News"));
    assert_eq!(
        str_field(html_line, "url"),
        Some("https://balticfreight.example/ports/kalmsund-ferry-link-to-reopen")
    );

    // Filters and the text views work on the same store.
    let pl_only = parallax(data.path(), &["articles", "--json", "--lang", "pl"])
        .ok()
        .json_lines();
    assert_eq!(pl_only.len(), 1);
    assert_eq!(pl_only[0]["id"], "pozar-w-porcie");
    let table = parallax(data.path(), &["articles"]).ok();
    assert!(
        table
            .stdout
            .lines()
            .any(|l| l.contains("  2024-04-21  pl    Wiadomości Zatoki")),
        "the table shows the date part of the timestamp:\n{}",
        table.stdout
    );
    let text = parallax(data.path(), &["show", "pozar-w-porcie"]).ok();
    assert!(
        text.stdout.starts_with("Pożar w porcie w Kalmsund."),
        "{}",
        text.stdout
    );
    let errors = parallax(data.path(), &["errors"]).ok();
    assert!(
        errors
            .stdout
            .contains("dump.jsonl line 3: read failed: not valid JSON"),
        "{}",
        errors.stdout
    );
}

/// The syndicated reprint (published hours later, with a "first appeared on" line) must be the
/// copy, whatever the order in which the files are read. `-j 1` makes the order deterministic:
/// the reprint's file name sorts first, so this test fails as long as the copy direction follows
/// the reading order rather than the publication dates.
#[test]
fn reprint_is_the_copy_not_the_original() {
    let (data, s) = ingest_examples(&["-j", "1"]);
    assert_eq!(s.copies, 1, "{s:?}");
    let all = listed(data.path());
    let original = str_field(&all["harbour-fire"], "key").expect("a key");
    assert_eq!(
        str_field(&all["harbour-fire-reprint"], "copy_of"),
        Some(original),
        "the reprint on Coastline Today should be the copy of The Northern Ledger's original; \
         listed: {:#?} / {:#?}",
        all["harbour-fire"],
        all["harbour-fire-reprint"]
    );
    assert_eq!(str_field(&all["harbour-fire"], "copy_of"), None);
    let shown = parallax(data.path(), &["show", original, "--json"]).ok();
    let shown: Value = serde_json::from_str(&shown.stdout).expect("show --json prints JSON");
    let copies = shown["copies"].as_array().expect("a copies array");
    assert_eq!(copies.len(), 1, "{shown}");
    assert_eq!(copies[0]["id"], "harbour-fire-reprint");
}

#[test]
fn reingest_changes_nothing() {
    let (data, first) = ingest_examples(&[]);
    let before = stats(data.path());
    let listed_before = listed(data.path());
    let ex = examples();
    let again = parallax(data.path(), &["ingest", path_str(&ex)]).ok();
    let second = summary(&again.stderr);
    assert_eq!(
        second,
        Summary {
            read: first.read,
            new: 0,
            duplicates: 0,
            copies: 0,
            already: first.read - first.failed,
            failed: first.failed,
        },
        "everything that was stored is recognised as already stored"
    );
    assert_eq!(stats(data.path()), before, "stats changed on re-ingest");
    assert_eq!(
        listed(data.path()),
        listed_before,
        "the listing changed on re-ingest"
    );
}

/// The stories listed as JSON, by id.
fn stories(data: &Path) -> BTreeMap<u64, Value> {
    parallax(data, &["stories", "--json", "--limit", "0"])
        .ok()
        .json_lines()
        .into_iter()
        .map(|v| (v["id"].as_u64().expect("a story id"), v))
        .collect()
}

#[test]
fn ingest_groups_articles_into_stories_and_copies_join_their_original() {
    let (data, _) = ingest_examples(&["-j", "1"]);
    let all = listed(data.path());
    let listing = stories(data.path());
    assert!(!listing.is_empty());
    // Every article is in exactly one listed story: the article counts add up.
    let total: u64 = listing
        .values()
        .map(|s| s["articles"].as_u64().unwrap_or(0))
        .sum();
    let stored = stats(data.path());
    assert_eq!(total, stored["articles"], "{listing:#?}");
    // The reprint sits in its original's story and is not counted as an independent source.
    let text = |id: u64| {
        parallax(data.path(), &["story", &id.to_string()])
            .ok()
            .stdout
    };
    let original = str_field(&all["harbour-fire"], "key").expect("a key");
    let (id, fire) = listing
        .iter()
        .find(|(id, _)| text(**id).contains(original))
        .expect("a story holds the harbour fire report");
    let shown = text(*id);
    assert!(shown.contains("[copy of"), "{shown}");
    assert!(
        fire["articles"].as_u64() > fire["independent"].as_u64(),
        "{fire}"
    );
    assert!(
        shown.contains("[en]"),
        "articles grouped by language:\n{shown}"
    );
    // The table view lists the same stories; an unknown id says how to find one.
    let table = parallax(data.path(), &["stories"]).ok().stdout;
    assert!(table.starts_with(" STORY"), "{table}");
    let unknown = parallax(data.path(), &["story", "999999"]);
    assert_eq!(unknown.code, Some(1));
    assert!(
        unknown.stderr.contains("parallax stories"),
        "{}",
        unknown.stderr
    );
    // Re-ingesting keeps every story as it was (ids are stable).
    let ex = examples();
    parallax(data.path(), &["ingest", path_str(&ex)]).ok();
    let again = stories(data.path());
    let strip = |m: &BTreeMap<u64, Value>| -> Vec<(u64, Value, Value)> {
        m.iter()
            .map(|(k, v)| (*k, v["articles"].clone(), v["headline"].clone()))
            .collect()
    };
    assert_eq!(strip(&again), strip(&listing));
}

#[test]
fn ingest_makes_articles_searchable_across_languages() {
    let (data, _) = ingest_examples(&[]);
    let keys = |args: &[&str]| -> BTreeSet<String> {
        let mut all = vec!["search", "--json"];
        all.extend_from_slice(args);
        parallax(data.path(), &all)
            .ok()
            .json_lines()
            .iter()
            .map(|v| {
                assert!(v["story"].is_u64(), "each hit names its story: {v}");
                str_field(v, "key").expect("a key").to_string()
            })
            .collect()
    };
    // Full text, in Polish.
    assert_eq!(keys(&["pożar"]).len(), 1);
    // An entity under its English name finds the Swedish page that says "Ryssland".
    let russia_sv = keys(&["--entity", "Russia", "--lang", "sv"]);
    assert_eq!(russia_sv.len(), 1, "{russia_sv:?}");
    // Filters narrow; copies only on request.
    let fire = keys(&["Kalmsund", "--lang", "en"]);
    let with_copies = keys(&["Kalmsund", "--lang", "en", "--copies"]);
    assert!(
        !fire.is_empty() && with_copies.len() == fire.len() + 1,
        "{fire:?} {with_copies:?}"
    );
    assert!(keys(&["Kalmsund", "--until", "2020-01-01"]).is_empty());
    // A malformed query is a usage error with the parser's reason.
    let bad = parallax(data.path(), &["search", "\"unbalanced"]);
    assert_eq!(bad.code, Some(2));
    assert!(
        bad.stderr.contains("cannot read the query"),
        "{}",
        bad.stderr
    );
    // A deleted index is rebuilt by reindex.
    std::fs::remove_dir_all(data.path().join("search")).expect("remove the index");
    let gone = parallax(data.path(), &["search", "pożar"]);
    assert_ne!(gone.code, Some(0));
    assert!(gone.stderr.contains("parallax reindex"), "{}", gone.stderr);
    parallax(data.path(), &["reindex"]).ok();
    assert_eq!(keys(&["pożar"]).len(), 1);
}

/// The id of the listed story whose text view names article `key`.
fn story_holding(data: &Path, key: &str) -> u64 {
    stories(data)
        .keys()
        .copied()
        .find(|id| {
            parallax(data, &["story", &id.to_string()])
                .ok()
                .stdout
                .contains(key)
        })
        .unwrap_or_else(|| panic!("no story holds {key}"))
}

#[test]
fn story_pages_export_as_json_markdown_and_html_with_imported_knowledge() {
    let (data, _) = ingest_examples(&[]);
    let all = listed(data.path());
    let key = str_field(&all["harbour-fire"], "key")
        .expect("a key")
        .to_string();
    let id = story_holding(data.path(), &key).to_string();

    // Knowledge: bad lines are skipped and counted; the entries give entities a background.
    let k = test_data("knowledge.jsonl");
    let run = parallax(data.path(), &["knowledge", "import", path_str(&k)]).ok();
    assert!(
        run.stderr
            .contains("imported 2 entries (1 records skipped)"),
        "{}",
        run.stderr
    );

    let page: Value = serde_json::from_str(
        &parallax(data.path(), &["story", &id, "--format", "json"])
            .ok()
            .stdout,
    )
    .expect("story --format json prints JSON");
    for field in [
        "id",
        "headline",
        "languages",
        "summary",
        "sources",
        "independent_sources",
        "copies",
        "timeline",
        "perspectives",
        "figures",
        "entities",
        "related",
    ] {
        assert!(
            page.get(field).is_some(),
            "story JSON lacks {field}: {page:#}"
        );
    }
    let sources = page["sources"].as_array().expect("sources");
    assert!(
        sources.iter().any(|s| s["article"] == key.as_str()),
        "{page:#}"
    );
    assert!(
        page["copies"].as_u64() >= Some(1),
        "the reprint is counted as a copy: {page:#}"
    );
    let summary = page["summary"].as_array().expect("summary");
    assert!(!summary.is_empty() && summary.iter().all(|s| s["article"].is_string()));
    let kalmsund = page["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .find(|e| e["name"] == "Kalmsund")
        .unwrap_or_else(|| panic!("Kalmsund is an entity of the story: {page:#}"));
    assert_eq!(
        kalmsund["background"]["source"]["from"], "knowledge",
        "{kalmsund:#}"
    );

    let md = parallax(data.path(), &["story", &id, "--format", "md"])
        .ok()
        .stdout;
    assert!(md.starts_with("# "), "{md}");
    assert!(
        md.contains("## Sources") && md.contains("## Timeline"),
        "{md}"
    );
    let html = parallax(data.path(), &["story", &id, "--format", "html"])
        .ok()
        .stdout;
    assert!(
        html.to_lowercase().starts_with("<!doctype html>"),
        "{}",
        &html[..200.min(html.len())]
    );
    assert!(
        html.len() < 100_000,
        "a story page under 100 KB: {}",
        html.len()
    );

    let unknown = parallax(data.path(), &["story", "424242", "--format", "json"]);
    assert_eq!(unknown.code, Some(1));
}

#[test]
fn the_two_samples_form_one_story_whose_page_matches_the_story_gold() {
    let data = store();
    let ex = examples();
    let en = ex.join("tvn24-copy-isisk.en.txt");
    let sv = ex.join("omni-isk-analyser.sv.txt");
    parallax(data.path(), &["ingest", path_str(&en), path_str(&sv)]).ok();
    let listing = stories(data.path());
    assert_eq!(listing.len(), 1, "one story for both samples: {listing:#?}");
    let id = listing.keys().next().expect("a story").to_string();
    let page: Value = serde_json::from_str(
        &parallax(data.path(), &["story", &id, "--format", "json"])
            .ok()
            .stdout,
    )
    .expect("JSON");
    let langs: BTreeSet<&str> = page["languages"]
        .as_array()
        .expect("languages")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(langs, BTreeSet::from(["en", "sv"]));
    assert_eq!(page["independent_sources"], 2);
    let perspectives = page["perspectives"].as_array().expect("perspectives");
    let speaker = |name: &str| {
        perspectives
            .iter()
            .find(|p| p["speaker"].as_str().is_some_and(|s| s.contains(name)))
            .unwrap_or_else(|| panic!("no perspective of {name}: {perspectives:#?}"))
    };
    for name in [
        "Łukasz Fyderek",
        "Dan Byman",
        "Matthew Schmidt",
        "Michael Kurilla",
    ] {
        speaker(name);
    }
    for (name, outlet) in [("Alex Rossi", "Sky News"), ("Nick Paton Walsh", "CNN")] {
        let p = speaker(name);
        assert!(
            p["outlets"]
                .as_array()
                .is_some_and(|o| o.iter().any(|x| x == outlet)),
            "{p:#}"
        );
    }
    let killed = page["figures"]
        .as_array()
        .expect("figures")
        .iter()
        .find(|g| {
            g["status"] == "conflict"
                && g["claims"].as_array().is_some_and(|c| {
                    c.iter().any(|x| x["display"] == ">130")
                        && c.iter().any(|x| x["display"] == "115")
                })
        })
        .unwrap_or_else(|| panic!("no death-toll conflict >130 vs 115: {:#}", page["figures"]));
    let outlets: BTreeSet<&str> = killed["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .filter_map(|c| c["outlet"].as_str())
        .collect();
    assert!(
        outlets.contains("TVN24 BiS") && outlets.contains("Omni"),
        "{killed:#}"
    );
    let entities: BTreeSet<String> = page["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter(|e| e["articles"] == 2)
        .filter_map(|e| e["name"].as_str().map(str::to_lowercase))
        .collect();
    for shared in [
        "russia",
        "moscow",
        "taliban",
        "afghanistan",
        "iran",
        "syria",
        "kabul",
    ] {
        assert!(
            entities.contains(shared),
            "{shared} not shared by both: {entities:?}"
        );
    }
}

/// A `parallax serve` on a free loopback port, killed when dropped (also when a test fails).
struct Server {
    child: std::process::Child,
    addr: String,
}

impl Server {
    /// Starts `parallax --data DATA serve --addr ADDR EXTRA...`.
    fn start(data: &Path, extra: &[&str]) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let addr = format!("127.0.0.1:{port}");
        let mut args = vec!["--data", path_str(data), "serve", "--addr", &addr];
        args.extend_from_slice(extra);
        let child = bin()
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start parallax serve");
        Server { child, addr }
    }

    /// The raw HTTP response to `GET path`, or `None` when the server does not answer.
    fn get(&self, path: &str) -> Option<String> {
        use std::io::{Read, Write};
        let addr = &self.addr;
        let mut s = std::net::TcpStream::connect(addr).ok()?;
        s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        )
        .ok()?;
        let mut out = String::new();
        s.read_to_string(&mut out).ok()?;
        Some(out)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn serve_polls_feeds_and_its_stories_appear() {
    let data = store();
    let feed = data.path().join("feed.xml");
    let para = "The harbour council of Eastbay voted on Thursday to build a new quay for the \
                fishing fleet, after a debate that lasted most of the afternoon and drew a crowd.";
    std::fs::write(
        &feed,
        format!(
            r#"<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Eastbay Courier</title><link>https://courier.example/</link>
<item><title>Eastbay council votes for a new quay</title><link>https://courier.example/quay</link>
<pubDate>Thu, 02 May 2024 09:00:00 GMT</pubDate><description>{para} {para} {para} {para}</description></item>
</channel></rss>"#
        ),
    )
    .expect("write the feed");
    let list = data.path().join("feeds.txt");
    std::fs::write(&list, format!("# local feed\n{}\n", feed.display())).expect("feed list");
    let server = Server::start(data.path(), &["--feeds", path_str(&list), "--no-fetch"]);
    let started = Instant::now();
    let mut seen = false;
    while started.elapsed() < Duration::from_secs(30) && !seen {
        seen = server
            .get("/api/stories")
            .is_some_and(|r| r.contains("Eastbay council votes"));
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(
        seen,
        "the polled feed's article never appeared in /api/stories"
    );
}

#[test]
fn serve_answers_json_and_html_on_loopback() {
    let (data, _) = ingest_examples(&[]);
    let server = Server::start(data.path(), &[]);
    let get = |path: &str| server.get(path);
    let started = Instant::now();
    let mut health = None;
    while started.elapsed() < Duration::from_secs(20) {
        health = get("/api/health");
        if health.is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let health = health.expect("the server answers /api/health");
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    let list = get("/api/stories").expect("an answer");
    assert!(
        list.starts_with("HTTP/1.1 200") && list.contains("\"stories\""),
        "{list}"
    );
    let missing = get("/api/stories/999999").expect("an answer");
    assert!(missing.starts_with("HTTP/1.1 404"), "{missing}");
    assert!(missing.contains("\"error\""), "{missing}");
    let bad = get("/api/stories?limit=lots").expect("an answer");
    assert!(bad.starts_with("HTTP/1.1 400"), "{bad}");
    let page = get("/").expect("an answer");
    assert!(
        page.starts_with("HTTP/1.1 200") && page.contains("href=\"/stories/"),
        "{page}"
    );
    let spec = get("/api/openapi.yaml").expect("an answer");
    assert!(spec.contains("openapi:"), "{spec}");
}

// ---------------------------------------------------------------------------------------------
// The two samples against their gold annotations
// ---------------------------------------------------------------------------------------------

#[test]
fn samples_match_their_gold_metadata_and_body() {
    let ex = examples();
    let files = ["tvn24-copy-isisk.en.txt", "omni-isk-analyser.sv.txt"];
    let golds = ["tvn24-copy-isisk.gold.json", "omni-isk-analyser.gold.json"];
    let paths: Vec<PathBuf> = files.iter().map(|f| ex.join(f)).collect();
    let run = parallax_no_store(&["extract", path_str(&paths[0]), path_str(&paths[1])]).ok();
    let out = run.json_lines();
    assert_eq!(out.len(), 2, "one JSON object per input:\n{}", run.stdout);
    for ((got, gold_file), file) in out.iter().zip(golds).zip(files) {
        let gold_text =
            std::fs::read_to_string(test_data(gold_file)).expect("the gold file is readable");
        let gold: Value = serde_json::from_str(&gold_text).expect("the gold file is JSON");
        assert_eq!(gold["file"], file);
        // A field the gold annotation does not give is one the sample does not state.
        assert_eq!(got["title"], gold["title"], "{file}: title");
        assert_eq!(
            got["author"],
            gold.get("author").cloned().unwrap_or(Value::Null),
            "{file}: author"
        );
        assert_eq!(got["site"], gold["outlet"], "{file}: site");
        assert_eq!(
            got["published"],
            gold.get("page_date").cloned().unwrap_or(Value::Null),
            "{file}: published"
        );
        assert_eq!(got["language"], gold["lang"], "{file}: language");
        let body = got["body"].as_str().expect("a body string");
        let starts = gold["body_starts"].as_str().expect("body_starts");
        let ends = gold["body_ends"].as_str().expect("body_ends");
        assert!(
            body.starts_with(starts),
            "{file}: body should start with {starts:?}:\n{body}"
        );
        assert!(
            body.ends_with(ends),
            "{file}: body should end with {ends:?}:\n{body}"
        );
        for not in gold["not_body"].as_array().expect("not_body") {
            let not = not.as_str().expect("a string");
            assert!(!body.contains(not), "{file}: body holds {not:?}:\n{body}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// `extract`
// ---------------------------------------------------------------------------------------------

#[test]
fn extract_prints_exactly_the_documented_keys_and_ids_from_file_names() {
    let dir = store();
    let page = "<html><head><title>Harbour notice</title></head><body><article><h1>Harbour notice</h1>\
        <p>The harbour master said on Monday that the new breakwater had survived its first winter \
        storm without damage, and that fishing boats could again use the northern entrance.</p>\
        <p>Repairs to the old pier will start in May and should take about six weeks.</p></article></body></html>";
    std::fs::write(dir.path().join("notice.htm"), page).expect("write");
    std::fs::write(
        dir.path().join("notice-two.HTML"),
        page.replace("Monday", "Tuesday"),
    )
    .expect("write");
    let text = "Harbour notice\n\nThe harbour master said on Wednesday that the new breakwater had \
        survived its first winter storm without damage, and that fishing boats could again use the \
        northern entrance. Repairs to the old pier will start in May.\n";
    std::fs::write(dir.path().join("notice.v2.txt"), text).expect("write");
    let reprint = examples().join("html/harbour-fire-reprint.html.gz");
    let htm = dir.path().join("notice.htm");
    let upper = dir.path().join("notice-two.HTML");
    let txt = dir.path().join("notice.v2.txt");
    let run = parallax_no_store(&[
        "extract",
        path_str(&htm),
        path_str(&reprint),
        path_str(&txt),
        path_str(&upper),
    ])
    .ok();
    let out = run.json_lines();
    let ids: Vec<&str> = out
        .iter()
        .map(|o| o["id"].as_str().expect("an id"))
        .collect();
    assert_eq!(
        ids,
        ["notice", "harbour-fire-reprint", "notice.v2", "notice-two"]
    );
    let keys: BTreeSet<&str> = [
        "id",
        "url",
        "title",
        "body",
        "author",
        "published",
        "language",
        "site",
    ]
    .into_iter()
    .collect();
    for o in &out {
        let obj = o.as_object().expect("an object");
        let got: BTreeSet<&str> = obj.keys().map(String::as_str).collect();
        assert_eq!(got, keys, "{o}");
    }
    assert_eq!(out[0]["title"], "Harbour notice");
    assert_eq!(out[0]["url"], Value::Null);
    assert_eq!(out[1]["site"], "Coastline Today");
    assert!(
        out[1]["body"]
            .as_str()
            .is_some_and(|b| b.ends_with("under a content-sharing agreement."))
    );
    assert_eq!(out[2]["language"], "en");
}

#[test]
fn extract_snapshot_of_the_english_page() {
    let page = examples().join("html/harbour-fire.html");
    let out = parallax_no_store(&["extract", path_str(&page)])
        .ok()
        .json_lines();
    assert_eq!(out.len(), 1);
    // No field of `extract` depends on the time or the machine, so nothing is redacted.
    insta::assert_json_snapshot!("extract_harbour_fire", out[0]);
}

#[test]
fn extract_snapshot_of_the_polish_windows_1250_page() {
    let page = examples().join("html/pozar-w-porcie.html");
    let out = parallax_no_store(&["extract", path_str(&page)])
        .ok()
        .json_lines();
    assert_eq!(out.len(), 1);
    insta::assert_json_snapshot!("extract_pozar_w_porcie", out[0]);
}

#[test]
fn show_json_snapshot_without_volatile_fields() {
    let data = store();
    let page = examples().join("html/harbour-fire.html");
    parallax(data.path(), &["ingest", path_str(&page)]).ok();
    let run = parallax(data.path(), &["show", "harbour-fire", "--json"]).ok();
    let mut shown: Value = serde_json::from_str(&run.stdout).expect("show --json prints JSON");
    let obj = shown.as_object_mut().expect("an object");
    // The ingest time changes on every run, and the key and provenance derive from the path of
    // the checkout. Check their shape, then drop them.
    let ingested = obj.remove("ingested_at").expect("ingested_at");
    assert!(
        ingested
            .as_str()
            .is_some_and(|t| t.len() >= 20 && t.ends_with('Z')),
        "{ingested}"
    );
    let key = obj.remove("key").expect("key");
    assert!(
        key.as_str()
            .is_some_and(|k| k.len() == 12 && k.chars().all(|c| c.is_ascii_hexdigit())),
        "{key}"
    );
    // The analysis has its own tests in parallax-analysis; here it must be stored and shown,
    // with the casualties the article states (two dead, fourteen injured).
    let analysis = obj.remove("analysis").expect("analysis");
    assert_eq!(analysis["casualties"]["killed"], 2, "{analysis}");
    assert_eq!(analysis["casualties"]["injured"], 14, "{analysis}");
    assert!(
        analysis["quotes"].as_array().is_some_and(|q| !q.is_empty()),
        "{analysis}"
    );
    let article = obj
        .get_mut("article")
        .and_then(Value::as_object_mut)
        .expect("article");
    let prov = article.remove("provenance").expect("provenance");
    assert!(
        prov["origin"]
            .as_str()
            .is_some_and(|o| o.ends_with("harbour-fire.html")),
        "{prov}"
    );
    assert_eq!(prov["kind"], "html");
    assert_eq!(prov["record"], Value::Null);
    insta::assert_json_snapshot!("show_harbour_fire", shown);
}

// ---------------------------------------------------------------------------------------------
// Bad input
// ---------------------------------------------------------------------------------------------

const GOOD_PAGE: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
    <title>Breakwater survives first storm | Quayside Gazette</title></head><body>\
    <nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><article><h1>Breakwater survives first storm</h1>\
    <p>The harbour master said on Monday that the new breakwater had survived its first winter \
    storm without damage, and that fishing boats could again use the northern entrance.</p>\
    <p>Repairs to the old pier will start in May and should take about six weeks, weather \
    permitting.</p></article><footer>Quayside Gazette</footer></body></html>";

/// Writes one file of every kind of damage, plus one good page, into `dir`.
fn write_bad_inputs(dir: &Path) {
    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(dir.join(name), bytes).expect("write a test input")
    };
    write("good.html", GOOD_PAGE.as_bytes());
    write("empty.html", b"");
    // A crawler saved an image under an HTML name.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    png.extend((0..4096).map(|_| rng.next() as u8));
    write("photo.html", &png);
    // A gzip page cut off half-way through the download.
    let gz = std::fs::read(examples().join("html/harbour-fire-reprint.html.gz"))
        .expect("read the example");
    write("cut.html.gz", &gz[..gz.len() / 2]);
    // A page nested 10,000 levels deep.
    let mut deep = String::from("<html><body>");
    deep.push_str(&"<div>".repeat(10_000));
    deep.push_str(
        "<p>Text at the bottom of a very deep page, where no reader would ever look for it.</p>",
    );
    deep.push_str(&"</div>".repeat(10_000));
    deep.push_str("</body></html>");
    write("deep.html", deep.as_bytes());
    // Text with bytes that are not UTF-8.
    write(
        "latin.txt",
        b"Caf\xe9 owners in the old town say \xff\xfe trade fell by a third after the bridge \
          closed in March. \xc3\x28 The council has promised a decision on reopening it by June.\n",
    );
    // A JSONL dump with a good line, a line that is not JSON and one without `html`/`text`.
    write(
        "dump.jsonl",
        concat!(
            "{\"id\": \"choir\", \"text\": \"The town choir won the national choir prize for the third year running on Saturday, beating forty other choirs from across the country.\"}\n",
            "this is not JSON\n",
            "{\"id\": \"no-body\", \"title\": \"A line without html or text\"}\n",
        )
        .as_bytes(),
    );
    // A CC-NEWS style WARC (one gzip member per record) cut off inside its last record.
    let warc = std::fs::read(test_data("crawl.warc.gz")).expect("read the WARC fixture");
    write("cut.warc.gz", &warc[..warc.len() - 200]);
}

#[test]
fn bad_input_never_stops_a_batch() {
    let inputs = store();
    write_bad_inputs(inputs.path());
    let data = store();
    let run = parallax(data.path(), &["ingest", path_str(inputs.path())]).ok();
    let s = summary(&run.stderr);
    assert!(s.failed >= 6, "{s:?}");

    // Each damaged record is reported on stderr, naming its file and, inside a multi-record
    // file, its line or byte offset; `parallax errors` keeps the same list.
    let errors = parallax(data.path(), &["errors"]).ok().stdout;
    let expected = [
        "empty.html: read failed",
        "photo.html: read failed",
        "cut.html.gz: read failed: truncated gzip",
        "dump.jsonl line 2: read failed: not valid JSON",
        "dump.jsonl line 3: read failed: the object has no \"html\" or \"text\"",
        "cut.warc.gz record at byte ",
    ];
    for e in expected {
        assert!(
            run.stderr.contains(e),
            "stderr does not report {e:?}:\n{}",
            run.stderr
        );
        assert!(
            errors.contains(e),
            "`parallax errors` does not list {e:?}:\n{errors}"
        );
    }

    // Everything readable was stored.
    let all = listed(data.path());
    assert_eq!(
        str_field(&all["good"], "title"),
        Some("Breakwater survives first storm")
    );
    assert!(
        all.contains_key("choir"),
        "the good JSONL line is stored: {:?}",
        all.keys()
    );
    assert!(
        all.values()
            .any(|a| str_field(a, "title")
                == Some("Riverton library reopens after two-year renovation")),
        "the complete WARC record before the cut is stored: {:?}",
        all.keys()
    );
    // The deep page and the text that is not UTF-8 are either stored or reported, never fatal.
    for (id, file) in [("deep", "deep.html"), ("latin", "latin.txt")] {
        assert!(
            all.contains_key(id) || errors.contains(&format!("{file}: ")),
            "{file} is neither stored nor reported"
        );
    }
    if let Some(latin) = all.get("latin") {
        let shown = parallax(
            data.path(),
            &["show", str_field(latin, "key").expect("a key"), "--json"],
        )
        .ok();
        assert!(
            shown.stdout.contains("owners in the old town say"),
            "{}",
            shown.stdout
        );
    }
    let shown = parallax(data.path(), &["show", "good"]).ok();
    assert!(
        shown.stdout.contains("survived its first winter storm"),
        "{}",
        shown.stdout
    );

    // The store stays usable: a later ingest adds to it.
    let more = store();
    let later = more.path().join("later.html");
    std::fs::write(
        &later,
        GOOD_PAGE
            .replace("Monday", "Friday")
            .replace("six weeks", "two months"),
    )
    .expect("write");
    let again = parallax(data.path(), &["ingest", path_str(&later)]).ok();
    let s2 = summary(&again.stderr);
    assert_eq!((s2.read, s2.failed), (1, 0), "{s2:?}");
    assert_eq!(s2.new + s2.copies, 1, "{s2:?}");
    assert_eq!(stats(data.path())["articles"], all.len() as u64 + 1);
}

#[test]
fn extract_reports_bad_files_and_goes_on() {
    let inputs = store();
    write_bad_inputs(inputs.path());
    let run = parallax_no_store(&["extract", path_str(inputs.path())]).ok();
    let out = run.json_lines();
    assert!(out.iter().any(|o| o["id"] == "good"), "{}", run.stdout);
    assert!(out.iter().any(|o| o["id"] == "choir"), "{}", run.stdout);
    for e in [
        "empty.html: read failed",
        "photo.html: read failed",
        "dump.jsonl line 2: read failed",
    ] {
        assert!(
            run.stderr.contains(e),
            "stderr does not report {e:?}:\n{}",
            run.stderr
        );
    }
    // A batch of nothing but bad files is a failure.
    let only_bad = inputs.path().join("empty.html");
    let run = parallax_no_store(&["extract", path_str(&only_bad)]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

#[test]
fn warc_records_are_named_by_their_offset() {
    let data = store();
    let warc = test_data("crawl.warc.gz");
    let run = parallax(data.path(), &["ingest", path_str(&warc)]).ok();
    let s = summary(&run.stderr);
    assert_eq!((s.read, s.new, s.failed), (2, 2, 0), "{s:?}");
    let all = parallax(data.path(), &["articles", "--json"])
        .ok()
        .json_lines();
    let urls: BTreeSet<&str> = all.iter().filter_map(|a| str_field(a, "url")).collect();
    assert_eq!(
        urls,
        [
            "https://rivertonherald.example/local/library-reopens",
            "https://rivertonherald.example/local/tram-extension-approved",
        ]
        .into_iter()
        .collect()
    );
    let shown = parallax(
        data.path(),
        &[
            "show",
            "https://rivertonherald.example/local/library-reopens",
        ],
    )
    .ok();
    assert!(
        shown.stdout.contains("crawl.warc.gz record at byte "),
        "{}",
        shown.stdout
    );
    assert!(shown.stdout.contains("Riverton Herald"), "{}", shown.stdout);
}

// ---------------------------------------------------------------------------------------------
// Crash safety
// ---------------------------------------------------------------------------------------------

const PAGES: usize = 3000;

/// Writes `PAGES` small, distinct news pages.
fn write_pages(dir: &Path) -> BTreeSet<String> {
    const WHO: &[&str] = &[
        "The council",
        "The harbour authority",
        "The school board",
        "The water company",
        "Local police",
        "The regional hospital",
        "The transport office",
        "The town planners",
    ];
    const WHAT: &[&str] = &[
        "will close the road past the old market for repairs",
        "has approved a new cycle lane along the river",
        "is looking for volunteers to clean the beach",
        "plans to rebuild the footbridge over the railway",
        "has opened a consultation on parking charges",
        "will replace the street lights with low-energy lamps",
        "is moving its offices to the former post office",
        "has warned of delays while the water mains are replaced",
    ];
    const WHEN: &[&str] = &[
        "next Monday",
        "at the end of the month",
        "after the summer holidays",
        "before Christmas",
        "in early spring",
        "from the first of June",
        "within two weeks",
        "later this year",
    ];
    const WHY: &[&str] = &[
        "after complaints from residents about noise and dust",
        "because the old one was found to be unsafe in an inspection",
        "to make room for the new housing estate on the hill",
        "following a vote that was closer than anyone had expected",
        "as part of a plan to cut traffic in the town centre",
        "after a storm damaged part of the structure in February",
    ];
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    let mut ids = BTreeSet::new();
    for i in 0..PAGES {
        let id = format!("notice-{i:04}");
        let title = format!("{} {} (notice {i})", rng.pick(WHO), rng.pick(WHAT));
        let p1 = format!(
            "{} said on {} that it {} {}, {}. The work has reference number {} and affects about {} households in district {}.",
            rng.pick(WHO),
            rng.pick(&["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
            rng.pick(WHAT),
            rng.pick(WHEN),
            rng.pick(WHY),
            rng.next() % 1_000_000,
            rng.next() % 900 + 100,
            i,
        );
        let p2 = format!(
            "{} {} {}, {}. Residents can ask questions at the library on {}.",
            rng.pick(WHO),
            rng.pick(WHAT),
            rng.pick(WHEN),
            rng.pick(WHY),
            rng.pick(WHEN),
        );
        let html = format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
             <body><article><h1>{title}</h1><p>{p1}</p><p>{p2}</p></article></body></html>"
        );
        std::fs::write(dir.join(format!("{id}.html")), html).expect("write a page");
        ids.insert(id);
    }
    ids
}

#[test]
fn kill_during_ingest_then_resume_stores_every_page_once() {
    let pages = store();
    let ids = write_pages(pages.path());
    let data = store();

    let mut child = bin()
        .arg("--data")
        .arg(data.path())
        .args(["ingest", path_str(pages.path())])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start ingest");
    // Kill after at least half a second, and once the first batch is committed (so the second
    // run must resume from a partly filled store), unless the run finishes first.
    std::thread::sleep(Duration::from_millis(500));
    let started = Instant::now();
    let mut finished_first = false;
    while started.elapsed() < Duration::from_secs(20) {
        if child.try_wait().expect("poll the child").is_some() {
            finished_first = true;
            break;
        }
        let committed = try_stats(data.path()).and_then(|s| s.get("articles").copied());
        if committed.is_some_and(|n| n > 0) {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    child.kill().expect("SIGKILL the ingest");
    child.wait().expect("reap the child");
    let stored_before = if data.path().join("parallax.db").exists() {
        stats(data.path())["articles"]
    } else {
        0
    };
    eprintln!(
        "killed after {stored_before} of {PAGES} pages were committed (finished first: {finished_first})"
    );
    if !finished_first {
        assert!(
            stored_before < PAGES as u64,
            "the kill came after the end of the ingest"
        );
    }

    let run = parallax(data.path(), &["ingest", path_str(pages.path())]).ok();
    let s = summary(&run.stderr);
    assert_eq!(s.read, PAGES as u64, "{s:?}");
    assert_eq!(s.failed, 0, "{s:?}");
    assert_eq!(s.duplicates, 0, "{s:?}");
    assert_eq!(
        s.already, stored_before,
        "the second run skips exactly what the first committed: {s:?}"
    );
    assert_eq!(s.new + s.copies + s.already, PAGES as u64, "{s:?}");

    let st = stats(data.path());
    assert_eq!(st["articles"], PAGES as u64, "{st:?}");
    assert_eq!(st["duplicates"], 0, "{st:?}");
    assert_eq!(st["errors"], 0, "{st:?}");
    let listed_ids: BTreeSet<String> = listed(data.path()).into_keys().collect();
    assert_eq!(listed_ids, ids, "every page is stored exactly once");
}

// ---------------------------------------------------------------------------------------------
// Help and friendly failures
// ---------------------------------------------------------------------------------------------

#[test]
fn help_works_for_every_subcommand() {
    let top = parallax_no_store(&["--help"]).ok();
    for sub in [
        "ingest",
        "articles",
        "show",
        "extract",
        "errors",
        "stats",
        "stories",
        "story",
        "search",
        "reindex",
        "serve",
        "knowledge",
    ] {
        assert!(
            top.stdout.contains(sub),
            "top-level help does not list {sub}:\n{}",
            top.stdout
        );
        let run = parallax_no_store(&[sub, "--help"]).ok();
        assert!(
            run.stdout.contains("Usage:") && run.stdout.contains(sub),
            "`{sub} --help`:\n{}",
            run.stdout
        );
        let run = parallax_no_store(&["help", sub]).ok();
        assert!(
            run.stdout.contains("Usage:"),
            "`help {sub}`:\n{}",
            run.stdout
        );
    }
    let version = parallax_no_store(&["--version"]).ok();
    assert!(
        version.stdout.starts_with("parallax "),
        "{}",
        version.stdout
    );
    // A wrong invocation is a usage error, not a crash.
    let run = parallax_no_store(&["ingest"]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("Usage:"), "{}", run.stderr);
}

#[test]
fn show_of_an_unknown_id_fails_with_a_hint() {
    let data = store();
    let page = examples().join("html/harbour-fire.html");
    parallax(data.path(), &["ingest", path_str(&page)]).ok();
    let run = parallax(data.path(), &["show", "no-such-article"]);
    assert_ne!(run.code, Some(0));
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.contains("no-such-article"), "{}", run.stderr);
    assert!(
        run.stderr.contains("parallax articles"),
        "the message points to the listing: {}",
        run.stderr
    );
    // The article is found by its input id and by its URL as well as by its key.
    parallax(data.path(), &["show", "harbour-fire"]).ok();
    parallax(
        data.path(),
        &[
            "show",
            "https://www.northernledger.example/world/2024/apr/21/kalmsund-harbour-fire-two-dead",
        ],
    )
    .ok();
}

#[test]
fn reading_commands_without_a_store_say_ingest_something_first() {
    let empty = store();
    let missing = empty.path().join("never-created");
    for dir in [empty.path(), missing.as_path()] {
        for args in [&["articles"][..], &["stats"], &["errors"], &["show", "x"]] {
            let run = parallax(dir, args);
            assert_ne!(run.code, Some(0), "{args:?} on {}", dir.display());
            assert!(
                run.stderr.contains("ingest something first"),
                "{args:?} on {}: {}",
                dir.display(),
                run.stderr
            );
        }
    }
    assert!(
        !missing.exists(),
        "a reading command must not create the store"
    );
}

#[test]
fn articles_on_a_store_without_articles_says_so() {
    let data = store();
    let inputs = tempfile::tempdir().expect("temp dir");
    std::fs::write(inputs.path().join("empty.txt"), "\n").expect("write");
    // The only record fails, but the store is created and keeps the error.
    parallax(data.path(), &["ingest", path_str(inputs.path())]);
    let run = parallax(data.path(), &["articles"]).ok();
    assert!(
        run.stdout.contains("holds no articles yet"),
        "{}",
        run.stdout
    );
    let run = parallax(data.path(), &["articles", "--json"]).ok();
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

// ---------------------------------------------------------------------------------------------
// Optional word vectors (--embeddings)
// ---------------------------------------------------------------------------------------------

/// An English and a Swedish report of one earthquake that share no name, number or cognate,
/// and an unrelated English report, as `(id, lang, title, text)`.
const VECTOR_ARTICLES: [(&str, &str, &str, &str); 3] = [
    (
        "quake-en",
        "en",
        "Earthquake: rescuers search the rubble",
        "The rescuers searched the rubble for survivors through the night and they found \
         several of them alive under the collapsed houses.",
    ),
    (
        "quake-sv",
        "sv",
        "Jordskalv: räddningsarbetare letar i rasmassorna",
        "Räddningsarbetarna letade i rasmassorna efter överlevande under natten och de \
         hittade flera av dem vid liv under de raserade husen.",
    ),
    (
        "budget-en",
        "en",
        "Parliament passes the budget",
        "The parliament passed next year's budget after a long debate on taxes and spending \
         in the chamber.",
    ),
];

/// Writes tiny aligned word vectors (dimension 4, one file per language) into `dir`: the words
/// of the two earthquake reports near one direction, those of the budget report near another.
fn write_vectors(dir: &Path) {
    let quake = [
        "earthquake",
        "rescuers",
        "searched",
        "rubble",
        "survivors",
        "alive",
        "collapsed",
        "houses",
    ];
    let quake_sv = [
        "jordskalv",
        "räddningsarbetare",
        "räddningsarbetarna",
        "letar",
        "letade",
        "rasmassorna",
        "överlevande",
        "raserade",
        "husen",
    ];
    let budget = [
        "parliament",
        "passes",
        "passed",
        "budget",
        "debate",
        "taxes",
        "spending",
        "chamber",
    ];
    let line = |word: &str, i: usize, v: [f32; 4]| {
        let wobble = (i % 3) as f32 * 0.05;
        format!(
            "{word} {} {} {} {}\n",
            v[0] - wobble,
            v[1] + wobble,
            v[2],
            v[3]
        )
    };
    let mut en = format!("{} 4\n", quake.len() + budget.len());
    for (i, w) in quake.iter().enumerate() {
        en.push_str(&line(w, i, [0.9, 0.3, 0.1, 0.0]));
    }
    for (i, w) in budget.iter().enumerate() {
        en.push_str(&line(w, i, [0.0, 0.1, 0.2, 0.95]));
    }
    let mut sv = String::new();
    for (i, w) in quake_sv.iter().enumerate() {
        sv.push_str(&line(w, i + 1, [0.85, 0.35, 0.1, 0.05]));
    }
    std::fs::write(dir.join("wiki.multi.en.vec"), en).expect("write en.vec");
    std::fs::write(dir.join("wiki.multi.sv.vec"), sv).expect("write sv.vec");
}

/// A temporary directory holding the word vectors of [`write_vectors`] in `vectors/`.
fn vectors_dir() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let vectors = dir.path().join("vectors");
    std::fs::create_dir(&vectors).expect("mkdir");
    write_vectors(&vectors);
    (dir, vectors)
}

/// Writes [`VECTOR_ARTICLES`] to `path` as JSONL, the `i`-th dated `date(i)` in `date_field`.
fn write_vector_articles(path: &Path, date_field: &str, date: impl Fn(usize) -> String) {
    let lines: Vec<String> = VECTOR_ARTICLES
        .iter()
        .enumerate()
        .map(|(i, (id, lang, title, text))| {
            let mut v = serde_json::json!({"id": id, "lang": lang, "title": title, "text": text});
            v[date_field] = Value::String(date(i));
            v.to_string()
        })
        .collect();
    std::fs::write(path, lines.join("\n") + "\n").expect("write input");
}

/// The story of each article id in `parallax cluster` output.
fn stories_by_id(run: &Run) -> BTreeMap<String, String> {
    run.json_lines()
        .into_iter()
        .map(|v| {
            (
                str_field(&v, "id").expect("an id").to_string(),
                str_field(&v, "story").expect("a story").to_string(),
            )
        })
        .collect()
}

#[test]
fn cluster_with_embeddings_joins_reports_that_share_no_name() {
    let (dir, vectors) = vectors_dir();
    let input = dir.path().join("articles.jsonl");
    write_vector_articles(&input, "date", |i| format!("2024-05-01 0{i}:00:00"));

    let plain = stories_by_id(&parallax_no_store(&["cluster", path_str(&input)]).ok());
    assert_eq!(plain.len(), 3);
    assert_ne!(
        plain["quake-en"], plain["quake-sv"],
        "no shared term, no story"
    );

    let run = parallax_no_store(&[
        "cluster",
        "--stats",
        "--embeddings",
        path_str(&vectors),
        path_str(&input),
    ])
    .ok();
    let with = stories_by_id(&run);
    assert_eq!(with["quake-en"], with["quake-sv"], "{with:?}");
    assert_ne!(with["quake-en"], with["budget-en"], "{with:?}");
    assert!(run.stderr.contains("3 with a vector"), "{}", run.stderr);

    // The same through the environment variable.
    let out = bin()
        .env("PARALLAX_EMBEDDINGS", &vectors)
        .args(["cluster", path_str(&input)])
        .output()
        .expect("the parallax binary runs");
    let env_run = Run::from_output(&["cluster"], out).ok();
    assert_eq!(stories_by_id(&env_run), with);

    // Pairs: the cross-lingual pair scores higher with the vectors.
    let pairs = dir.path().join("pairs.jsonl");
    let (a, b) = (&VECTOR_ARTICLES[0], &VECTOR_ARTICLES[1]);
    let pair = serde_json::json!({
        "id": "p", "title1": a.2, "text1": a.3, "lang1": a.1,
        "title2": b.2, "text2": b.3, "lang2": b.1,
    });
    std::fs::write(&pairs, format!("{pair}\n")).expect("write pairs");
    let value = |args: &[&str]| {
        parallax_no_store(args).ok().json_lines()[0]["value"]
            .as_f64()
            .expect("a value")
    };
    let without = value(&["similarity", path_str(&pairs)]);
    let with_vectors = value(&[
        "--embeddings",
        path_str(&vectors),
        "similarity",
        path_str(&pairs),
    ]);
    assert!(with_vectors > without + 0.2, "{without} {with_vectors}");
}

#[test]
fn a_bad_vector_file_is_a_clear_error() {
    let (dir, vectors) = vectors_dir();
    std::fs::write(vectors.join("de.vec"), "erdbeben 1 0 0 0\nretter 0.5 0.5\n").expect("write");
    let input = dir.path().join("articles.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"a\", \"title\": \"Earthquake: rescuers search the rubble\"}\n",
    )
    .expect("write input");
    let run = parallax_no_store(&[
        "cluster",
        "--embeddings",
        path_str(&vectors),
        path_str(&input),
    ]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stdout.is_empty(),
        "nothing is clustered: {}",
        run.stdout
    );
    for part in [
        "de.vec line 2",
        "2 values, expected 4",
        "--embeddings",
        "correct or remove",
    ] {
        assert!(run.stderr.contains(part), "{part}: {}", run.stderr);
    }
    // A directory without vector files says what it must hold; ingest checks before reading.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).expect("mkdir");
    let data = store();
    let run = parallax(
        data.path(),
        &["--embeddings", path_str(&empty), "ingest", path_str(&input)],
    );
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("holds no word-vector file"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(".vec"), "{}", run.stderr);
}

#[test]
fn ingest_with_embeddings_puts_reports_sharing_no_name_in_one_story() {
    let (dir, vectors) = vectors_dir();
    let input = dir.path().join("articles.jsonl");
    write_vector_articles(&input, "published", |i| format!("2024-05-01T0{i}:00:00Z"));
    let count = |args: &[&str]| {
        let data = store();
        parallax(
            data.path(),
            args.iter()
                .copied()
                .chain(["ingest", path_str(&input)])
                .collect::<Vec<_>>()
                .as_slice(),
        )
        .ok();
        let listing = stories(data.path());
        let articles: Vec<u64> = listing
            .values()
            .map(|s| s["articles"].as_u64().unwrap_or(0))
            .collect();
        (listing.len(), articles.iter().sum::<u64>())
    };
    assert_eq!(count(&[]), (3, 3), "without vectors three stories");
    assert_eq!(
        count(&["--embeddings", path_str(&vectors)]),
        (2, 3),
        "with vectors the two earthquake reports are one story"
    );
}

#[test]
fn help_says_what_the_embeddings_directory_holds() {
    let run = parallax_no_store(&["--help"]).ok();
    for part in [
        "--embeddings",
        "PARALLAX_EMBEDDINGS",
        ".vec",
        "one file per",
        "language",
    ] {
        assert!(run.stdout.contains(part), "{part}: {}", run.stdout);
    }
}
