//! Acceptance test on the two reference samples (an English copy of a TVN24 story and a Swedish
//! Omni summary with a Wikipedia background box): the story page must show what the story's
//! gold file requires.

use parallax_core::{Article, Content, Provenance, RawDoc, SourceKind};
use parallax_story::{
    AssembleOptions, BackgroundSource, ConflictKind, FigureStatus, Knowledge, StoryArticle,
    StoryPage, assemble, to_markdown,
};

const EN: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/tvn24-copy-isisk.en.txt"
));
const SV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/omni-isk-analyser.sv.txt"
));
const EN_KEY: &str = "tvn24-copy-isisk.en.txt";
const SV_KEY: &str = "omni-isk-analyser.sv.txt";

/// Extracts a sample the way ingest does: text cleaning, then language detection.
fn article(name: &str, text: &str) -> Article {
    let doc = RawDoc::new(
        Content::Text(text.to_string()),
        Provenance::file(name, SourceKind::Text),
    );
    let mut a = parallax_extract::extract(&doc)
        .unwrap_or_else(|e| panic!("{name}: extraction failed: {e}"));
    let body = a.body_text();
    a.language = parallax_lang::detect(&body, a.language.as_deref()).map(str::to_string);
    a
}

fn story_articles() -> Vec<StoryArticle> {
    [(EN_KEY, EN), (SV_KEY, SV)]
        .into_iter()
        .map(|(k, t)| StoryArticle {
            key: k.to_string(),
            article: article(k, t),
            copy_of: None,
            analysis: None,
        })
        .collect()
}

fn page(knowledge: Option<&Knowledge>) -> StoryPage {
    let opts = AssembleOptions {
        knowledge,
        ..AssembleOptions::default()
    };
    assemble(42, &story_articles(), &[], &opts)
}

fn fold(s: &str) -> String {
    s.to_lowercase().replace(['–', '—'], "-").replace('ł', "l")
}

/// The entity whose name or an alias is `name` (folded).
fn entity<'p>(page: &'p StoryPage, name: &str) -> &'p parallax_story::StoryEntity {
    let want = fold(name);
    page.entities
        .iter()
        .find(|e| fold(&e.name) == want || e.aliases.iter().any(|a| fold(a) == want))
        .unwrap_or_else(|| {
            let names: Vec<&str> = page.entities.iter().map(|e| e.name.as_str()).collect();
            panic!("no entity {name}; entities: {names:?}")
        })
}

#[test]
fn both_languages_and_sources() {
    let p = page(None);
    assert_eq!(p.languages, ["en", "sv"]);
    assert_eq!(p.independent_sources, 2);
    assert_eq!(p.copies, 0);
    assert_eq!(p.sources.len(), 2);
    assert!(!p.headline.text.is_empty());
    assert_eq!(p.timeline.len(), 2);
    assert_eq!(
        p.timeline[0].article, EN_KEY,
        "the dated article comes first"
    );
    let outlets: Vec<_> = p
        .summary
        .iter()
        .filter_map(|s| s.outlet.as_deref())
        .collect();
    assert!(
        outlets.contains(&"Omni") && outlets.contains(&"TVN24 BiS"),
        "{outlets:?}"
    );
}

#[test]
fn perspectives_of_every_person_with_affiliations_and_outlets() {
    let p = page(None);
    let find = |name: &str| {
        p.perspectives
            .iter()
            .find(|x| fold(&x.speaker) == fold(name))
            .unwrap_or_else(|| {
                let got: Vec<&str> = p.perspectives.iter().map(|x| x.speaker.as_str()).collect();
                panic!("no perspective for {name}: {got:?}")
            })
    };
    for name in [
        "Łukasz Fyderek",
        "Dan Byman",
        "Matthew Schmidt",
        "Michael Kurilla",
        "Alex Rossi",
        "Nick Paton Walsh",
    ] {
        assert!(!find(name).quotes.is_empty(), "{name} has no statements");
    }
    // Surname-only attributions are merged into the full name.
    assert_eq!(
        p.perspectives
            .iter()
            .filter(|x| x.speaker.contains("Fyderek"))
            .count(),
        1
    );
    assert!(find("Łukasz Fyderek").quotes.len() >= 3);
    assert!(
        find("Dan Byman")
            .affiliation
            .as_deref()
            .is_some_and(|a| a.contains("Center for Strategic"))
    );
    assert!(
        find("Matthew Schmidt")
            .affiliation
            .as_deref()
            .is_some_and(|a| a.contains("New Haven"))
    );
    let rossi = find("Alex Rossi");
    assert_eq!(rossi.outlets, ["Sky News"]);
    assert!(rossi.analysis);
    let walsh = find("Nick Paton Walsh");
    assert_eq!(walsh.outlets, ["CNN"]);
    assert!(walsh.analysis);
    assert!(!find("Dan Byman").analysis);
    // No pronoun or common-noun speakers.
    for x in &p.perspectives {
        assert!(
            x.speaker.chars().next().is_some_and(char::is_uppercase),
            "{}",
            x.speaker
        );
        assert!(!["Everything", "Experts", "CNN"].contains(&x.speaker.as_str()));
    }
}

#[test]
fn shared_entities_are_merged_across_the_two_articles() {
    let p = page(None);
    for name in [
        "ISIS-K",
        "Islamic State",
        "Russia",
        "Moscow",
        "Taliban",
        "Afghanistan",
        "Iran",
        "Syria",
        "Ukraine",
        "Kabul",
        "CNN",
    ] {
        let e = entity(&p, name);
        assert_eq!(
            e.articles, 2,
            "{name} ({}) should be in both articles",
            e.name
        );
    }
    // Swedish and English forms end up in one entity.
    assert!(entity(&p, "Ryssland").name == "Russia");
    assert!(entity(&p, "Moskva").name == "Moscow");
    assert_eq!(
        fold(&entity(&p, "IS-K").name),
        fold(&entity(&p, "ISIS-K").name)
    );
}

#[test]
fn killed_figures_conflict_between_the_body_and_the_background_box() {
    let p = page(None);
    let group = p
        .figures
        .iter()
        .find(|g| {
            g.measure == "killed"
                && g.claims.iter().any(|c| c.display == ">130")
                && g.claims.iter().any(|c| c.display == "115")
        })
        .unwrap_or_else(|| panic!("no killed group with >130 and 115: {:#?}", p.figures));
    assert_eq!(group.status, FigureStatus::Conflict);
    assert_eq!(group.conflict, Some(ConflictKind::Disagreement));
    let over = group.claims.iter().find(|c| c.display == ">130");
    assert!(over.is_some_and(|c| c.article == EN_KEY && c.text == "over 130 people died"));
    let box_claim = group.claims.iter().find(|c| c.display == "115");
    assert!(box_claim.is_some_and(|c| {
        c.article == SV_KEY
            && c.text == "killing 115"
            && c.location
                .as_deref()
                .is_some_and(|l| l.contains("background box") && l.contains("Wikipedia"))
    }));
    let note = group.note.as_deref().unwrap_or_default();
    assert!(
        note.contains("TVN24 BiS") && note.contains("Omni"),
        "{note}"
    );
    // Figures about other attacks (earlier years, other places) stay out of the group.
    for c in &group.claims {
        assert!(
            c.display == ">130" || c.display == "115",
            "stray claim {c:?}"
        );
    }
    // The other events' figures are kept in groups of their own.
    assert!(
        p.figures
            .iter()
            .any(|g| g.claims.iter().any(|c| c.display == "170"))
    );
}

#[test]
fn background_from_the_text_without_knowledge() {
    let p = page(None);
    let e = entity(&p, "ISIS-K");
    let b = e
        .background
        .as_ref()
        .expect("ISIS-K has a background from the box");
    assert!(
        b.text
            .starts_with("The Islamic State – Khorasan Province (ISIS–K or IS–KP)")
    );
    assert!(matches!(&b.source, BackgroundSource::Article { article } if article == SV_KEY));
}

#[test]
fn background_from_a_knowledge_file() {
    let file = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/knowledge.jsonl"
    ));
    let k = Knowledge::from_reader(file.as_bytes()).expect("test knowledge file reads");
    assert_eq!(k.len(), 3);
    assert_eq!(k.skipped(), 1);
    let p = page(Some(&k));
    let b = entity(&p, "Taliban")
        .background
        .as_ref()
        .expect("Taliban background");
    assert_eq!(b.text, "Islamist movement that governs Afghanistan");
    assert!(matches!(&b.source, BackgroundSource::Knowledge { title, .. } if title == "Taliban"));
    let b = entity(&p, "ISIS-K")
        .background
        .as_ref()
        .expect("ISIS-K background");
    assert!(
        b.text
            .starts_with("The Islamic State – Khorasan Province is the South")
    );
    // In Swedish for a Swedish reader when the file has it.
    let opts = AssembleOptions {
        knowledge: Some(&k),
        language: Some("sv"),
        ..AssembleOptions::default()
    };
    let p = assemble(1, &story_articles(), &[], &opts);
    let b = entity(&p, "Taliban")
        .background
        .as_ref()
        .expect("Taliban background");
    assert_eq!(b.text, "islamistisk rörelse som styr Afghanistan");
    assert_eq!(p.headline.language.as_deref(), Some("sv"));
    assert_eq!(
        p.summary.first().and_then(|s| s.language.as_deref()),
        Some("sv")
    );
}

#[test]
fn markdown_has_every_section() {
    let md = to_markdown(&page(None));
    for h in [
        "## Summary",
        "## Sources",
        "## Timeline",
        "## Perspectives",
        "## Figures",
        "## Entities",
    ] {
        assert!(md.contains(h), "missing {h}");
    }
    assert!(md.contains("conflict: disagreement"));
    assert!(md.contains("Sky News"));
}
