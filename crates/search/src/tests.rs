//! Tests of the search index with small inline documents.

use super::*;

fn doc(key: &str, seq: i64, title: &str, body: &str) -> IndexDoc {
    IndexDoc {
        key: key.to_string(),
        seq,
        title: Some(title.to_string()),
        body: body.to_string(),
        ..IndexDoc::default()
    }
}

fn query(text: &str) -> SearchQuery {
    SearchQuery {
        text: text.to_string(),
        ..SearchQuery::default()
    }
}

fn keys(r: &SearchResults) -> Vec<&str> {
    r.hits.iter().map(|h| h.key.as_str()).collect()
}

fn sorted_keys(r: &SearchResults) -> Vec<&str> {
    let mut k = keys(r);
    k.sort_unstable();
    k
}

/// A small corpus in several languages, committed.
fn corpus(dir: &Path) -> SearchIndex {
    let mut index = SearchIndex::open(dir).unwrap();
    let docs = [
        IndexDoc {
            language: Some("sv".into()),
            site: Some("SVT Nyheter".into()),
            url: Some("https://www.svt.se/nyheter/1".into()),
            published: Some("2024-03-01T08:00:00Z".into()),
            entities: vec!["Russia".into(), "Ryssland".into()],
            ..doc(
                "sv1",
                1,
                "Nya sanktioner mot Ryssland",
                "Regeringen föreslår nya sanktioner mot Rysslands banker.",
            )
        },
        IndexDoc {
            language: Some("en".into()),
            site: Some("BBC News".into()),
            url: Some("https://www.bbc.co.uk/news/2".into()),
            published: Some("2024-03-02".into()),
            entities: vec!["Russia".into()],
            ..doc(
                "en1",
                2,
                "New sanctions on Russia",
                "The government proposed new sanctions against Russia's banks.",
            )
        },
        IndexDoc {
            language: Some("pl".into()),
            site: Some("tvn24.pl".into()),
            published: Some("2024-03-03T10:00:00".into()),
            entities: vec!["Rosja".into()],
            ..doc(
                "pl1",
                3,
                "Sankcje wobec Rosji",
                "Rząd zaproponował nowe sankcje wobec banków.",
            )
        },
        IndexDoc {
            language: Some("zh".into()),
            site: Some("example.cn".into()),
            published: Some("2024-03-04".into()),
            ..doc(
                "zh1",
                4,
                "北京市天气",
                "北京市今天下雪。中国气象局发布预警。",
            )
        },
        IndexDoc {
            language: Some("en".into()),
            site: Some("Copycat Daily".into()),
            published: Some("2024-03-02T12:00:00Z".into()),
            is_copy: true,
            entities: vec!["Russia".into()],
            ..doc(
                "copy1",
                5,
                "New sanctions on Russia",
                "The government proposed new sanctions against Russia's banks.",
            )
        },
        IndexDoc {
            language: Some("ru".into()),
            published: Some("not a date".into()),
            ..doc("ru1", 6, "Новости МОСКВЫ", "В Москве прошёл снег.")
        },
    ];
    for d in &docs {
        index.add(d).unwrap();
    }
    index.commit().unwrap();
    index
}

#[test]
fn text_search_finds_and_ranks() {
    let dir = tempfile::tempdir().unwrap();
    let index = corpus(dir.path());
    assert_eq!(index.len(), 6);
    let r = index.search(&query("sanctions banks")).unwrap();
    assert_eq!(keys(&r), ["en1"], "copies are excluded by default");
    assert_eq!(r.total, 1);
    let hit = &r.hits[0];
    assert_eq!(hit.title.as_deref(), Some("New sanctions on Russia"));
    assert_eq!(hit.site.as_deref(), Some("BBC News"));
    assert_eq!(hit.language.as_deref(), Some("en"));
    assert_eq!(hit.published.as_deref(), Some("2024-03-02"));
    assert_eq!(hit.url.as_deref(), Some("https://www.bbc.co.uk/news/2"));
    assert!(hit.score > 0.0);
    assert!(hit.snippet.contains("sanctions"), "{}", hit.snippet);
}

#[test]
fn copies_are_included_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let index = corpus(dir.path());
    let r = index
        .search(&SearchQuery {
            copies: true,
            ..query("sanctions banks")
        })
        .unwrap();
    assert_eq!(sorted_keys(&r), ["copy1", "en1"]);
    assert_eq!(r.total, 2);
}

#[test]
fn language_filter() {
    let dir = tempfile::tempdir().unwrap();
    let index = corpus(dir.path());
    let r = index
        .search(&SearchQuery {
            language: Some("SV".into()),
            ..query("sanktioner")
        })
        .unwrap();
    assert_eq!(keys(&r), ["sv1"]);
    let r = index
        .search(&SearchQuery {
            language: Some("en".into()),
            ..SearchQuery::default()
        })
        .unwrap();
    assert_eq!(keys(&r), ["en1"]);
    let r = index
        .search(&SearchQuery {
            language: Some("de".into()),
            ..SearchQuery::default()
        })
        .unwrap();
    assert_eq!(r.total, 0);
}

#[test]
fn site_filter_matches_names_and_hosts_ignoring_case() {
    let dir = tempfile::tempdir().unwrap();
    let index = corpus(dir.path());
    for site in ["bbc", "BBC News", "bbc.co.uk", "www.bbc.co.uk"] {
        let r = index
            .search(&SearchQuery {
                site: Some(site.into()),
                ..SearchQuery::default()
            })
            .unwrap();
        assert_eq!(keys(&r), ["en1"], "{site}");
    }
    let r = index
        .search(&SearchQuery {
            site: Some("svt.se".into()),
            ..query("sanktioner")
        })
        .unwrap();
    assert_eq!(keys(&r), ["sv1"]);
    let r = index
        .search(&SearchQuery {
            site: Some("a.*(".into()),
            ..SearchQuery::default()
        })
        .unwrap();
    assert_eq!(r.total, 0, "regex characters are literal");
}

#[test]
fn date_range_is_inclusive_and_sorted_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let index = corpus(dir.path());
    let r = index
        .search(&SearchQuery {
            since: Some("2024-03-02".into()),
            until: Some("2024-03-03".into()),
            ..SearchQuery::default()
        })
        .unwrap();
    // pl1 (2024-03-03T10:00) is inside because a date `until` covers its whole day.
    assert_eq!(keys(&r), ["pl1", "en1"]);
    assert_eq!(r.hits[0].score, 0.0);

    let r = index
        .search(&SearchQuery {
            until: Some("2024-03-01T08:00:00Z".into()),
            ..SearchQuery::default()
        })
        .unwrap();
    assert_eq!(keys(&r), ["sv1"]);

    let r = index
        .search(&SearchQuery {
            since: Some("2024-03-05".into()),
            until: Some("2024-03-01".into()),
            ..SearchQuery::default()
        })
        .unwrap();
    assert_eq!(r.total, 0);

    let err = index
        .search(&SearchQuery {
            since: Some("last tuesday".into()),
            ..SearchQuery::default()
        })
        .unwrap_err();
    assert!(matches!(err, SearchError::Query(_)), "{err}");
}

#[test]
fn empty_query_matches_all_newest_first_with_total_and_paging() {
    let dir = tempfile::tempdir().unwrap();
    let index = corpus(dir.path());
    let r = index.search(&SearchQuery::default()).unwrap();
    assert_eq!(r.total, 5, "all but the copy");
    assert_eq!(&keys(&r)[..4], ["zh1", "pl1", "en1", "sv1"]);
    let page = index
        .search(&SearchQuery {
            limit: 2,
            offset: 1,
            ..SearchQuery::default()
        })
        .unwrap();
    assert_eq!(keys(&page), ["pl1", "en1"]);
    assert_eq!(page.total, 5);
    let none = index
        .search(&SearchQuery {
            limit: 0,
            ..SearchQuery::default()
        })
        .unwrap();
    assert!(none.hits.is_empty());
    assert_eq!(none.total, 5);
    assert!(
        none.hits.is_empty()
            && index
                .search(&SearchQuery {
                    offset: MAX_OFFSET + 1,
                    ..SearchQuery::default()
                })
                .is_err()
    );
}

#[test]
fn entity_search_crosses_languages() {
    let dir = tempfile::tempdir().unwrap();
    let index = corpus(dir.path());
    for name in ["Russia", "Ryssland", "Россия", "rosja"] {
        let r = index
            .search(&SearchQuery {
                entity: Some(name.into()),
                ..SearchQuery::default()
            })
            .unwrap();
        assert_eq!(sorted_keys(&r), ["en1", "pl1", "sv1"], "entity {name}");
    }
    // A text query in English finds the Swedish article, and one in Swedish the English one.
    let r = index.search(&query("Russia")).unwrap();
    assert_eq!(sorted_keys(&r), ["en1", "pl1", "sv1"]);
    let r = index.search(&query("Ryssland")).unwrap();
    assert_eq!(keys(&r)[0], "sv1", "the literal match ranks first");
    assert!(keys(&r).contains(&"en1"));
    // Unknown entities match their literal name only.
    let r = index
        .search(&SearchQuery {
            entity: Some("Atlantis".into()),
            ..SearchQuery::default()
        })
        .unwrap();
    assert_eq!(r.total, 0);
}

#[test]
fn inflected_forms_match_through_prefixes() {
    let dir = tempfile::tempdir().unwrap();
    let index = corpus(dir.path());
    // "Rysslands" only occurs inflected in the body; "banker" vs "banks" share no prefix.
    let r = index
        .search(&SearchQuery {
            language: Some("sv".into()),
            ..query("regeringens")
        })
        .unwrap();
    assert_eq!(keys(&r), ["sv1"]);
    assert!(
        r.hits[0].snippet.contains("Regeringen"),
        "{}",
        r.hits[0].snippet
    );
}

#[test]
fn cjk_and_cyrillic_are_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let index = corpus(dir.path());
    let r = index.search(&query("北京")).unwrap();
    assert_eq!(keys(&r), ["zh1"]);
    let r = index.search(&query("气象局")).unwrap();
    assert_eq!(keys(&r), ["zh1"]);
    assert!(
        r.hits[0].snippet.contains("气象局"),
        "{}",
        r.hits[0].snippet
    );
    let r = index.search(&query("москвы")).unwrap();
    assert_eq!(keys(&r), ["ru1"]);
    let r = index.search(&query("上海")).unwrap();
    assert_eq!(r.total, 0);
}

#[test]
fn unparsable_dates_are_kept_for_display_only() {
    let dir = tempfile::tempdir().unwrap();
    let index = corpus(dir.path());
    let r = index.search(&query("снег")).unwrap();
    assert_eq!(r.hits[0].published.as_deref(), Some("not a date"));
    let r = index
        .search(&SearchQuery {
            since: Some("1900-01-01".into()),
            ..query("снег")
        })
        .unwrap();
    assert_eq!(r.total, 0);
}

#[test]
fn malformed_query_is_a_query_error() {
    let dir = tempfile::tempdir().unwrap();
    let index = corpus(dir.path());
    let deep = format!("{}x{}", "(".repeat(10_000), ")".repeat(10_000));
    let long = "word ".repeat(1_000);
    for bad in [
        "nosuchfield:x",
        "title:",
        "(sanctions",
        "-sanctions",
        deep.as_str(),
        long.as_str(),
    ] {
        match index.search(&query(bad)) {
            Err(SearchError::Query(msg)) => assert!(!msg.is_empty()),
            other => panic!("{bad:?} gave {other:?}"),
        }
    }
}

#[test]
fn query_syntax_works() {
    let dir = tempfile::tempdir().unwrap();
    let index = corpus(dir.path());
    let r = index.search(&query("sanktioner OR sankcje")).unwrap();
    assert_eq!(sorted_keys(&r), ["pl1", "sv1"]);
    let r = index.search(&query("sanctions -banks")).unwrap();
    assert_eq!(r.total, 0);
    let r = index.search(&query("\"new sanctions\"")).unwrap();
    assert_eq!(keys(&r), ["en1"]);
    let r = index.search(&query("title:ryssland")).unwrap();
    assert_eq!(keys(&r), ["sv1"]);
}

#[test]
fn add_replaces_a_document_with_the_same_key() {
    let dir = tempfile::tempdir().unwrap();
    let mut index = SearchIndex::open(dir.path()).unwrap();
    index.add(&doc("k", 1, "First version", "alpha")).unwrap();
    index.commit().unwrap();
    index.add(&doc("k", 2, "Second version", "beta")).unwrap();
    index.commit().unwrap();
    assert_eq!(index.len(), 1);
    assert_eq!(index.search(&query("alpha")).unwrap().total, 0);
    let r = index.search(&query("beta")).unwrap();
    assert_eq!(r.hits[0].title.as_deref(), Some("Second version"));
}

#[test]
fn reopen_after_commit_keeps_last_seq() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut index = SearchIndex::open(dir.path()).unwrap();
        assert_eq!(index.last_seq(), 0);
        assert!(index.is_empty());
        index.add(&doc("a", 7, "A", "one")).unwrap();
        index.add(&doc("b", 42, "B", "two")).unwrap();
        index.add(&doc("c", 9, "C", "three")).unwrap();
        assert_eq!(index.last_seq(), 0, "nothing committed yet");
        index.commit().unwrap();
        assert_eq!(index.last_seq(), 42);
        // Uncommitted work is lost on drop and does not move last_seq.
        index.add(&doc("d", 50, "D", "four")).unwrap();
    }
    let index = SearchIndex::open(dir.path()).unwrap();
    assert_eq!(index.last_seq(), 42);
    assert_eq!(index.len(), 3);
}

#[test]
fn read_only_open_works_beside_a_writer() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nothing-here");
    let err = SearchIndex::open_read_only(&missing).unwrap_err();
    assert!(matches!(err, SearchError::Missing { .. }));
    assert!(err.to_string().contains("parallax reindex"), "{err}");

    let mut writer = corpus(dir.path());
    let mut reader = SearchIndex::open_read_only(dir.path()).unwrap();
    assert_eq!(reader.len(), 6);
    assert_eq!(reader.last_seq(), 6);
    assert!(matches!(
        reader.add(&doc("x", 1, "x", "x")),
        Err(SearchError::ReadOnly { .. })
    ));

    writer.add(&doc("new", 99, "Fresh news", "zebra")).unwrap();
    writer.commit().unwrap();
    reader.reload().unwrap();
    assert_eq!(reader.last_seq(), 99);
    assert_eq!(keys(&reader.search(&query("zebra")).unwrap()), ["new"]);

    // A second writer is refused with a clear message.
    let err = SearchIndex::open(dir.path()).unwrap_err();
    assert!(matches!(err, SearchError::Locked { .. }), "{err}");
    assert!(
        err.to_string().contains("another parallax process"),
        "{err}"
    );
}

#[test]
fn damaged_index_says_to_reindex() {
    let dir = tempfile::tempdir().unwrap();
    drop(corpus(dir.path()));
    std::fs::write(dir.path().join("meta.json"), b"{ not json").unwrap();
    let err = SearchIndex::open_read_only(dir.path()).unwrap_err();
    assert!(err.to_string().contains("parallax reindex"), "{err}");
    let err = SearchIndex::open(dir.path()).unwrap_err();
    assert!(err.to_string().contains("parallax reindex"), "{err}");
}

#[test]
fn snippets_are_plain_text_near_the_match() {
    let dir = tempfile::tempdir().unwrap();
    let mut index = SearchIndex::open(dir.path()).unwrap();
    let filler = "Lorem ipsum dolor sit amet. ".repeat(40);
    let body = format!("{filler}\n\nThe <b>volcano</b> erupted overnight.\n\n{filler}");
    index.add(&doc("v", 1, "Eruption", &body)).unwrap();
    index
        .add(&doc("w", 2, "Volcano watch", "Nothing else here."))
        .unwrap();
    index.commit().unwrap();
    let r = index.search(&query("volcano")).unwrap();
    let v = r.hits.iter().find(|h| h.key == "v").unwrap();
    assert!(v.snippet.contains("volcano</b> erupted"), "{}", v.snippet);
    assert!(v.snippet.chars().count() <= 220, "{}", v.snippet);
    assert!(!v.snippet.contains('\n'));
    // A title-only match falls back to the start of the body.
    let w = r.hits.iter().find(|h| h.key == "w").unwrap();
    assert_eq!(w.snippet, "Nothing else here.");
}

#[test]
fn empty_and_odd_documents_are_fine() {
    let dir = tempfile::tempdir().unwrap();
    let mut index = SearchIndex::open(dir.path()).unwrap();
    index.add(&IndexDoc::default()).unwrap();
    index
        .add(&IndexDoc {
            key: "odd".into(),
            title: Some("  ".into()),
            body: "\u{0}\u{FFFF} ".repeat(1000),
            url: Some("not a url".into()),
            published: Some("9999-99-99".into()),
            entities: vec![String::new(), "  ".into()],
            ..IndexDoc::default()
        })
        .unwrap();
    index.commit().unwrap();
    assert_eq!(index.len(), 2);
    assert_eq!(index.search(&SearchQuery::default()).unwrap().total, 2);
}

/// Environment variable that turns [`child_process_writer`] on.
const CHILD_DIR_VAR: &str = "PARALLAX_SEARCH_TEST_CHILD_DIR";

/// The writer half of [`read_only_open_works_beside_a_writer_process`], run in a child process.
#[test]
#[ignore = "run by read_only_open_works_beside_a_writer_process in a child process"]
fn child_process_writer() {
    let Some(dir) = std::env::var_os(CHILD_DIR_VAR) else {
        return;
    };
    let mut index = SearchIndex::open(Path::new(&dir)).unwrap();
    index
        .add(&doc("child", 5, "Written by another process", "quokka"))
        .unwrap();
    index.commit().unwrap();
    println!("ready");
    // Keep the writer open until the parent closes our stdin.
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
    index
        .add(&doc("child2", 6, "Second commit", "wombat"))
        .unwrap();
    index.commit().unwrap();
}

#[test]
fn read_only_open_works_beside_a_writer_process() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};

    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            "tests::child_process_writer",
            "--nocapture",
        ])
        .env(CHILD_DIR_VAR, dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    while out.read_line(&mut line).unwrap() > 0 && !line.contains("ready") {
        line.clear();
    }
    assert!(line.contains("ready"), "the writer process did not start");

    let reader = SearchIndex::open_read_only(dir.path()).unwrap();
    assert_eq!(keys(&reader.search(&query("quokka")).unwrap()), ["child"]);
    assert_eq!(reader.last_seq(), 5);
    let err = SearchIndex::open(dir.path()).unwrap_err();
    assert!(matches!(err, SearchError::Locked { .. }), "{err}");

    // Let the writer commit again and exit, then see its new commit.
    writeln!(child.stdin.take().unwrap()).unwrap();
    assert!(child.wait().unwrap().success());
    reader.reload().unwrap();
    assert_eq!(reader.last_seq(), 6);
    assert_eq!(keys(&reader.search(&query("wombat")).unwrap()), ["child2"]);
}

#[test]
fn oversized_filters_are_refused_and_types_serialize() {
    let dir = tempfile::tempdir().unwrap();
    let index = corpus(dir.path());
    let err = index
        .search(&SearchQuery {
            site: Some("x".repeat(10_000)),
            ..SearchQuery::default()
        })
        .unwrap_err();
    assert!(matches!(err, SearchError::Query(_)), "{err}");

    let q: SearchQuery = serde_json::from_str(r#"{"text": "sanctions", "copies": true}"#).unwrap();
    assert_eq!(q.limit, 20);
    let r = index.search(&q).unwrap();
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["total"], 2);
    assert!(json["hits"][0]["snippet"].is_string());
}
