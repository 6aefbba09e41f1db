//! Acceptance test of text cleaning on the two reference samples: every field of their gold
//! files (title, author, outlet, page date, where the body starts and ends, subheadings, lines
//! that are not body, the background box) must come out exactly.

use std::path::PathBuf;

use parallax_core::BlockKind;
use parallax_extract::text::{CleanText, clean_text};
use serde_json::Value;

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/text")
}

/// Reads a sample and its gold file, and cleans the sample.
fn run(sample: &str, gold: &str, hint: Option<&str>) -> (CleanText, Value) {
    let dir = data_dir();
    let text = std::fs::read_to_string(dir.join(sample))
        .unwrap_or_else(|e| panic!("cannot read sample {sample}: {e}"));
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join(gold))
            .unwrap_or_else(|e| panic!("cannot read gold {gold}: {e}")),
    )
    .unwrap_or_else(|e| panic!("gold {gold} is not JSON: {e}"));
    (clean_text(&text, hint), gold)
}

fn gold_str<'a>(gold: &'a Value, key: &str) -> Option<&'a str> {
    gold.get(key).and_then(Value::as_str)
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks every gold field the cleaner is responsible for.
fn check(clean: &CleanText, gold: &Value) {
    let file = gold_str(gold, "file").unwrap_or("?");
    assert!(!clean.body.is_empty(), "{file}: empty body");

    assert_eq!(
        clean.title.as_deref(),
        gold_str(gold, "title"),
        "{file}: title"
    );

    match gold_str(gold, "author") {
        Some(a) => assert_eq!(clean.authors, vec![a.to_string()], "{file}: authors"),
        None => assert!(
            clean.authors.is_empty(),
            "{file}: unexpected authors {:?}",
            clean.authors
        ),
    }
    assert_eq!(
        clean.site.as_deref(),
        gold_str(gold, "outlet"),
        "{file}: outlet"
    );
    assert_eq!(
        clean.published.as_deref(),
        gold_str(gold, "page_date"),
        "{file}: page date"
    );

    let paragraphs: Vec<&str> = clean
        .body
        .iter()
        .filter(|b| b.kind != BlockKind::Heading)
        .map(|b| b.text.as_str())
        .collect();
    if let Some(start) = gold_str(gold, "body_starts") {
        let first = clean.body.first().map_or("", |b| b.text.as_str());
        assert!(
            first.starts_with(start),
            "{file}: body starts with {first:?}"
        );
    }
    if let Some(end) = gold_str(gold, "body_ends") {
        let last = clean.body.last().map_or("", |b| b.text.as_str());
        assert!(last.ends_with(end), "{file}: body ends with {last:?}");
    }
    assert!(
        paragraphs.len() >= 3,
        "{file}: too few paragraphs: {paragraphs:?}"
    );

    let headings: Vec<&str> = clean
        .body
        .iter()
        .filter(|b| b.kind == BlockKind::Heading)
        .map(|b| b.text.as_str())
        .collect();
    let gold_headings: Vec<&str> = gold
        .get("subheadings")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    assert_eq!(headings, gold_headings, "{file}: subheadings");

    let body_text = clean
        .body
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    for line in gold
        .get("not_body")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        let line = squash(line);
        assert!(
            clean.body.iter().all(|b| b.text != line),
            "{file}: not-body line kept as a block: {line:?}"
        );
        if line.split_whitespace().count() >= 3 {
            assert!(
                !body_text.contains(&line),
                "{file}: not-body line inside the body: {line:?}"
            );
        }
    }

    match gold.get("background") {
        Some(bg) => {
            assert_eq!(clean.asides.len(), 1, "{file}: asides {:?}", clean.asides);
            let aside = &clean.asides[0];
            assert_eq!(
                aside.source.as_deref(),
                gold_str(bg, "source"),
                "{file}: aside source"
            );
            assert_eq!(
                aside.lang.as_deref(),
                gold_str(bg, "lang"),
                "{file}: aside lang"
            );
            let starts = gold_str(bg, "starts").unwrap_or("");
            assert!(
                aside.text.starts_with(starts),
                "{file}: aside text {:?}",
                aside.text
            );
            assert!(
                !body_text.contains(starts),
                "{file}: background text inside the body"
            );
            assert!(aside.subject.is_some(), "{file}: aside without subject");
        }
        None => assert!(clean.asides.is_empty(), "{file}: unexpected asides"),
    }
}

#[test]
fn tvn24_copy_site_sample() {
    let (clean, gold) = run(
        "tvn24-copy-isisk.en.txt",
        "tvn24-copy-isisk.gold.json",
        None,
    );
    check(&clean, &gold);
    assert_eq!(
        clean.credits,
        vec![
            "acts about the world TVN24 BiS".to_string(),
            "Main photo source: PAP/EPA/Maksym Shipenkov".to_string()
        ]
    );
}

#[test]
fn omni_sample() {
    let (clean, gold) = run(
        "omni-isk-analyser.sv.txt",
        "omni-isk-analyser.gold.json",
        None,
    );
    check(&clean, &gold);
    let aside = &clean.asides[0];
    assert_eq!(aside.label.as_deref(), Some("bakgrund"));
    assert_eq!(aside.subject.as_deref(), Some("IS-Khorasan"));
}

#[test]
fn samples_with_title_hint() {
    for (sample, gold_file) in [
        ("tvn24-copy-isisk.en.txt", "tvn24-copy-isisk.gold.json"),
        ("omni-isk-analyser.sv.txt", "omni-isk-analyser.gold.json"),
    ] {
        let (_, gold) = run(sample, gold_file, None);
        let title = gold_str(&gold, "title").map(str::to_string);
        let (clean, _) = run(sample, gold_file, title.as_deref());
        check(&clean, &gold);
    }
}
