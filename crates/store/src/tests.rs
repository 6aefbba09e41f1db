//! Tests of the store, each on a fresh temporary data directory.

use super::*;
use parallax_core::BlockKind;
use tempfile::TempDir;

fn tempdir() -> TempDir {
    tempfile::tempdir().expect("temporary directory")
}

/// An article with every field set.
fn full_article() -> Article {
    Article {
        id: "svt-2024-0421".into(),
        url: Some("https://www.example.se/nyheter/bro?utm_source=rss".into()),
        canonical_url: Some("https://example.se/nyheter/bro".into()),
        title: Some("Bron öppnar igen".into()),
        authors: vec!["Anna Berg".into(), "Lars Öst".into()],
        published: Some("2024-04-21T10:00:00+02:00".into()),
        modified: Some("2024-04-21T12:30:00+02:00".into()),
        site: Some("Exempelposten".into()),
        language: Some("sv".into()),
        description: Some("Hamnbron öppnar för tung trafik i maj.".into()),
        image: Some("https://example.se/img/bro.jpg".into()),
        body: vec![
            Block::heading("Bakgrund"),
            Block::paragraph("Bron har varit stängd sedan i fjol."),
            Block {
                kind: BlockKind::Quote,
                text: "Det är en lättnad, säger en handlare.".into(),
            },
            Block {
                kind: BlockKind::ListItem,
                text: "Öppnar: 15 maj".into(),
            },
        ],
        asides: vec![Aside {
            label: Some("bakgrund".into()),
            subject: Some("Hamnbron".into()),
            source: Some("Wikipedia (sv)".into()),
            lang: Some("sv".into()),
            text: "Hamnbron byggdes 1931.".into(),
        }],
        credits: vec!["Foto: TT".into()],
        provenance: Provenance::record("dump.jsonl", 7, SourceKind::Jsonl),
    }
}

fn new_article(key: &str, article: Article) -> NewArticle {
    NewArticle {
        key: key.into(),
        url_norm: article.url.clone(),
        content_hash: key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        }),
        article,
        signature: None,
        band_keys: vec![],
        copy_of: None,
        copy_similarity: None,
    }
}

/// A small article for listing tests.
fn simple(
    key: &str,
    lang: Option<&str>,
    site: Option<&str>,
    url: Option<&str>,
    published: Option<&str>,
) -> NewArticle {
    new_article(
        key,
        Article {
            id: format!("id-{key}"),
            url: url.map(str::to_string),
            title: Some(format!("Title {key}")),
            site: site.map(str::to_string),
            language: lang.map(str::to_string),
            published: published.map(str::to_string),
            body: vec![Block::paragraph(format!("Body of {key}."))],
            provenance: Provenance::file(format!("{key}.html"), SourceKind::Html),
            ..Default::default()
        },
    )
}

fn keys(list: &[ArticleSummary]) -> Vec<&str> {
    list.iter().map(|s| s.key.as_str()).collect()
}

#[test]
fn round_trips_an_article_with_all_fields() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let mut new = new_article("k1", full_article());
    new.url_norm = Some("https://example.se/nyheter/bro".into());
    new.content_hash = u64::MAX - 5; // above i64::MAX: stored with the same bits
    new.signature = Some(vec![1, 2, 3, 4]);
    new.band_keys = vec![u64::MAX, 0, 17];
    store.insert_article(&new).unwrap();

    let got = store.article("k1").unwrap().expect("stored");
    assert_eq!(got.key, "k1");
    assert_eq!(got.article, full_article());
    assert_eq!(got.copy_of, None);
    assert_eq!(got.copy_similarity, None);
    // RFC 3339 UTC, such as 2024-04-21T10:00:00Z.
    assert_eq!(got.ingested_at.len(), 20, "{}", got.ingested_at);
    assert!(got.ingested_at.ends_with('Z'));

    // Found by input id, URL as fetched and normalised URL too.
    for lookup in [
        "svt-2024-0421",
        "https://www.example.se/nyheter/bro?utm_source=rss",
        "https://example.se/nyheter/bro",
    ] {
        assert_eq!(
            store.article(lookup).unwrap().map(|a| a.key).as_deref(),
            Some("k1")
        );
    }
    assert!(store.article("nothing").unwrap().is_none());

    assert_eq!(
        store.article_by_hash(u64::MAX - 5).unwrap().as_deref(),
        Some("k1")
    );
    assert_eq!(store.article_by_hash(1).unwrap(), None);
    assert_eq!(
        store
            .article_by_url("https://example.se/nyheter/bro")
            .unwrap()
            .as_deref(),
        Some("k1")
    );
    assert!(store.has_url("https://example.se/nyheter/bro").unwrap());
    assert!(!store.has_url("https://example.se/other").unwrap());
    assert_eq!(
        store.lsh_candidates(&[u64::MAX]).unwrap(),
        vec![("k1".to_string(), vec![1, 2, 3, 4])]
    );
}

#[test]
fn reinserting_a_key_changes_nothing() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let mut first = simple("k1", Some("en"), None, None, None);
    first.signature = Some(vec![9; 8]);
    first.band_keys = vec![1, 2];
    store.insert_article(&first).unwrap();

    let mut second = simple("k1", Some("de"), None, None, None);
    second.article.title = Some("Changed".into());
    second.signature = Some(vec![7; 8]);
    second.band_keys = vec![3];
    second.article.provenance = Provenance::file("other.html", SourceKind::Html);
    store.insert_article(&second).unwrap();
    store.insert_article(&first).unwrap();

    let got = store.article("k1").unwrap().unwrap();
    assert_eq!(got.article, first.article);
    assert_eq!(store.stats().unwrap().articles, 1);
    assert_eq!(store.lsh_candidates(&[3]).unwrap(), vec![]);
    assert_eq!(store.lsh_candidates(&[1, 2]).unwrap().len(), 1);
    // The ignored insert did not record its provenance either.
    assert!(!store.seen_provenance(&second.article.provenance).unwrap());
}

#[test]
fn seen_provenance_covers_articles_copies_and_duplicates() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let mut a = simple("a", None, None, None, None);
    a.article.provenance = Provenance::record("feed.xml", 1, SourceKind::Feed);
    store.insert_article(&a).unwrap();
    let mut c = simple("c", None, None, None, None);
    c.article.provenance = Provenance::record("feed.xml", 2, SourceKind::Feed);
    c.copy_of = Some("a".into());
    c.copy_similarity = Some(0.8);
    store.insert_article(&c).unwrap();
    let dup = Provenance::record("feed.xml", 3, SourceKind::Feed);
    store.insert_duplicate(&dup, "a", "url").unwrap();
    // Recording the same duplicate again is harmless.
    store.insert_duplicate(&dup, "a", "url").unwrap();
    let whole = Provenance::file("page.html", SourceKind::Html);
    store.insert_duplicate(&whole, "a", "content").unwrap();

    for n in 1..=3 {
        let p = Provenance::record("feed.xml", n, SourceKind::Feed);
        assert!(store.seen_provenance(&p).unwrap(), "record {n}");
    }
    assert!(store.seen_provenance(&whole).unwrap());
    assert!(
        !store
            .seen_provenance(&Provenance::record("feed.xml", 4, SourceKind::Feed))
            .unwrap()
    );
    assert!(
        !store
            .seen_provenance(&Provenance::file("feed.xml", SourceKind::Feed))
            .unwrap()
    );
    assert!(
        !store
            .seen_provenance(&Provenance::record("page.html", 0, SourceKind::Html))
            .unwrap()
    );
    // A failed record is not "seen": ingesting again retries it.
    let failed = Provenance::record("feed.xml", 9, SourceKind::Feed);
    store
        .insert_error(&RecordError::new(failed.clone(), "extract", "no body"))
        .unwrap();
    assert!(!store.seen_provenance(&failed).unwrap());

    let stats = store.stats().unwrap();
    assert_eq!(
        (stats.articles, stats.copies, stats.duplicates, stats.errors),
        (2, 1, 2, 1)
    );
}

#[test]
fn references_to_missing_articles_are_refused_atomically() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let mut c = simple("c", None, None, None, None);
    c.copy_of = Some("missing".into());
    c.band_keys = vec![5];
    c.signature = Some(vec![0; 4]);
    let err = store.insert_article(&c).unwrap_err();
    assert!(matches!(err, StoreError::UnknownArticle { ref key, .. } if key == "missing"));
    assert!(
        err.to_string().contains("insert that article first"),
        "{err}"
    );
    assert!(store.article("c").unwrap().is_none());
    assert!(!store.seen_provenance(&c.article.provenance).unwrap());
    assert!(store.lsh_candidates(&[5]).unwrap().is_empty());

    let p = Provenance::file("x.html", SourceKind::Html);
    let err = store.insert_duplicate(&p, "missing", "url").unwrap_err();
    assert!(matches!(err, StoreError::UnknownArticle { .. }), "{err}");
    assert!(err.to_string().contains("x.html"), "{err}");
    assert!(!store.seen_provenance(&p).unwrap());
}

#[test]
fn lists_with_filters() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    store.begin().unwrap();
    for a in [
        simple(
            "en1",
            Some("en"),
            Some("The Daily Example"),
            None,
            Some("2024-04-20T08:00:00Z"),
        ),
        simple(
            "en2",
            Some("en"),
            None,
            Some("https://news.example.com/a"),
            Some("2024-04-21T23:59:00Z"),
        ),
        simple(
            "sv1",
            Some("sv"),
            Some("Göteborgs-Posten"),
            None,
            Some("2024-04-22"),
        ),
        simple(
            "de1",
            Some("DE"),
            Some("Beispiel"),
            None,
            Some("2024-04-19T10:00:00+02:00"),
        ),
        simple("nodate", Some("en"), Some("Example Weekly"), None, None),
    ] {
        store.insert_article(&a).unwrap();
    }
    let mut copy = simple(
        "copy",
        Some("en"),
        Some("Reprints Inc"),
        None,
        Some("2024-04-21T12:00:00Z"),
    );
    copy.copy_of = Some("en2".into());
    copy.copy_similarity = Some(0.9);
    store.insert_article(&copy).unwrap();
    store.commit().unwrap();

    let list = |f: ArticleFilter| keys(&store.list(&f).unwrap()).join(" ");
    // Newest first, undated last, copies left out by default.
    assert_eq!(list(ArticleFilter::default()), "sv1 en2 en1 de1 nodate");
    assert_eq!(
        list(ArticleFilter {
            copies: true,
            ..Default::default()
        }),
        "sv1 en2 copy en1 de1 nodate"
    );
    // Language, case-insensitively on both sides.
    assert_eq!(
        list(ArticleFilter {
            language: Some("EN".into()),
            ..Default::default()
        }),
        "en2 en1 nodate"
    );
    assert_eq!(
        list(ArticleFilter {
            language: Some("de".into()),
            ..Default::default()
        }),
        "de1"
    );
    // Site: substring of the site name or URL host, case-insensitive, Unicode too.
    assert_eq!(
        list(ArticleFilter {
            site: Some("EXAMPLE".into()),
            ..Default::default()
        }),
        "en2 en1 nodate"
    );
    assert_eq!(
        list(ArticleFilter {
            site: Some("news.example".into()),
            ..Default::default()
        }),
        "en2"
    );
    assert_eq!(
        list(ArticleFilter {
            site: Some("GÖTEBORG".into()),
            ..Default::default()
        }),
        "sv1"
    );
    assert_eq!(
        list(ArticleFilter {
            site: Some("nowhere".into()),
            ..Default::default()
        }),
        ""
    );
    // Dates: a bare date bound includes its whole day; undated articles are left out.
    assert_eq!(
        list(ArticleFilter {
            since: Some("2024-04-21".into()),
            ..Default::default()
        }),
        "sv1 en2"
    );
    assert_eq!(
        list(ArticleFilter {
            until: Some("2024-04-21".into()),
            ..Default::default()
        }),
        "en2 en1 de1"
    );
    assert_eq!(
        list(ArticleFilter {
            since: Some("2024-04-20".into()),
            until: Some("2024-04-21".into()),
            copies: true,
            ..Default::default()
        }),
        "en2 copy en1"
    );
    assert_eq!(
        list(ArticleFilter {
            until: Some("2024-04-21T12:00".into()),
            ..Default::default()
        }),
        "en1 de1"
    );
    // Paging.
    assert_eq!(
        list(ArticleFilter {
            limit: 2,
            ..Default::default()
        }),
        "sv1 en2"
    );
    assert_eq!(
        list(ArticleFilter {
            limit: 2,
            offset: 2,
            ..Default::default()
        }),
        "en1 de1"
    );
    assert_eq!(
        list(ArticleFilter {
            offset: 10,
            ..Default::default()
        }),
        ""
    );

    let s = &store
        .list(&ArticleFilter {
            language: Some("sv".into()),
            ..Default::default()
        })
        .unwrap()[0];
    assert_eq!(
        s,
        &ArticleSummary {
            key: "sv1".into(),
            id: "id-sv1".into(),
            title: Some("Title sv1".into()),
            site: Some("Göteborgs-Posten".into()),
            language: Some("sv".into()),
            published: Some("2024-04-22".into()),
            url: None,
            copy_of: None,
        }
    );

    let stats = store.stats().unwrap();
    assert_eq!(stats.articles, 6);
    assert_eq!(stats.copies, 1);
    assert_eq!(
        stats.by_language,
        vec![
            (Some("en".into()), 4),
            (Some("DE".into()), 1),
            (Some("sv".into()), 1)
        ]
    );
}

#[test]
fn lists_copies_of_an_article() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    store
        .insert_article(&simple("orig", None, None, None, None))
        .unwrap();
    store
        .insert_article(&simple("other", None, None, None, None))
        .unwrap();
    for (key, sim) in [("c2", 0.7), ("c1", 0.95)] {
        let mut c = simple(key, None, None, None, None);
        c.copy_of = Some("orig".into());
        c.copy_similarity = Some(sim);
        store.insert_article(&c).unwrap();
    }
    assert_eq!(keys(&store.copies_of("orig").unwrap()), ["c2", "c1"]);
    assert!(store.copies_of("other").unwrap().is_empty());
    assert!(store.copies_of("missing").unwrap().is_empty());
    let c1 = store.article("c1").unwrap().unwrap();
    assert_eq!(c1.copy_of.as_deref(), Some("orig"));
    assert_eq!(c1.copy_similarity, Some(0.95));
}

#[test]
fn records_errors_once_latest_first() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let e1 = RecordError::new(
        Provenance::record("d.jsonl", 3, SourceKind::Jsonl),
        "read",
        "not JSON",
    );
    let e2 = RecordError::new(
        Provenance::file("p.html", SourceKind::Html),
        "extract",
        "no body",
    );
    let e3 = RecordError::new(
        Provenance::record("d.jsonl", 4, SourceKind::Jsonl),
        "read",
        "not JSON",
    );
    for e in [&e1, &e2, &e3, &e1] {
        store.insert_error(e).unwrap();
    }
    let errors = store.errors(0).unwrap();
    let got: Vec<&RecordError> = errors.iter().map(|(_, e)| e).collect();
    assert_eq!(got, [&e3, &e2, &e1]);
    assert!(
        errors
            .iter()
            .all(|(at, _)| at.ends_with('Z') && at.len() == 20)
    );
    assert_eq!(store.errors(1).unwrap().len(), 1);
    assert_eq!(store.stats().unwrap().errors, 3);
}

#[test]
fn saves_http_validators() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let url = "https://example.com/feed.xml";
    assert_eq!(store.validators(url).unwrap(), None);
    store
        .save_validators(url, Some("\"abc\""), Some("Sun, 21 Apr 2024 10:00:00 GMT"))
        .unwrap();
    assert_eq!(
        store.validators(url).unwrap(),
        Some((
            Some("\"abc\"".into()),
            Some("Sun, 21 Apr 2024 10:00:00 GMT".into())
        ))
    );
    store
        .save_validators(url, None, Some("Mon, 22 Apr 2024 10:00:00 GMT"))
        .unwrap();
    assert_eq!(
        store.validators(url).unwrap(),
        Some((None, Some("Mon, 22 Apr 2024 10:00:00 GMT".into())))
    );
    assert_eq!(store.validators("https://example.com/other").unwrap(), None);
}

#[test]
fn finds_lsh_candidates_once_each_in_insertion_order() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    for (key, bands, sig) in [
        ("a", vec![1, 2, 3], Some(vec![0xa])),
        ("b", vec![3, 4], Some(vec![0xb])),
        ("c", vec![5], Some(vec![0xc])),
        ("nosig", vec![1], None),
    ] {
        let mut n = simple(key, None, None, None, None);
        n.band_keys = bands;
        n.signature = sig;
        store.insert_article(&n).unwrap();
    }
    let found = |bands: &[u64]| -> Vec<String> {
        store
            .lsh_candidates(bands)
            .unwrap()
            .into_iter()
            .map(|(k, _)| k)
            .collect()
    };
    assert_eq!(found(&[3]), ["a", "b"]);
    assert_eq!(found(&[1, 2, 3, 4, 5]), ["a", "b", "c"]);
    assert_eq!(found(&[4, 1]), ["a", "b"]);
    assert!(found(&[]).is_empty());
    assert!(found(&[99]).is_empty());
    // More keys than one query takes.
    let many: Vec<u64> = [5].into_iter().chain(100..1000).chain([2]).collect();
    assert_eq!(found(&many), ["a", "c"]);
    assert_eq!(
        store.lsh_candidates(&[5]).unwrap(),
        vec![("c".to_string(), vec![0xc])]
    );
}

#[test]
fn keeps_committed_data_after_reopening() {
    let dir = tempdir();
    {
        let mut store = Store::open(dir.path()).unwrap();
        store.begin().unwrap();
        store
            .insert_article(&new_article("k1", full_article()))
            .unwrap();
        store
            .save_validators("https://example.com/", Some("e"), None)
            .unwrap();
        store.commit().unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(
        store.article("k1").unwrap().unwrap().article,
        full_article()
    );
    assert_eq!(
        store.validators("https://example.com/").unwrap(),
        Some((Some("e".into()), None))
    );
    let ro = Store::open_read_only(dir.path()).unwrap();
    assert_eq!(ro.stats().unwrap().articles, 1);
}

#[test]
fn dropping_an_uncommitted_transaction_leaves_the_store_consistent() {
    let dir = tempdir();
    {
        let mut store = Store::open(dir.path()).unwrap();
        store
            .insert_article(&simple("kept", None, None, None, None))
            .unwrap();
        store.begin().unwrap();
        assert!(store.in_transaction());
        let mut lost = simple("lost", None, None, None, None);
        lost.band_keys = vec![1, 2];
        lost.signature = Some(vec![1]);
        store.insert_article(&lost).unwrap();
        store
            .insert_duplicate(
                &Provenance::file("dup.html", SourceKind::Html),
                "kept",
                "url",
            )
            .unwrap();
        store
            .insert_error(&RecordError::new(
                Provenance::file("bad.html", SourceKind::Html),
                "read",
                "x",
            ))
            .unwrap();
        // Visible inside the transaction...
        assert!(store.article("lost").unwrap().is_some());
        // ...and gone when the store is dropped without commit.
    }
    let store = Store::open(dir.path()).unwrap();
    assert!(store.article("kept").unwrap().is_some());
    assert!(store.article("lost").unwrap().is_none());
    assert!(store.lsh_candidates(&[1, 2]).unwrap().is_empty());
    assert!(
        !store
            .seen_provenance(&Provenance::file("lost.html", SourceKind::Html))
            .unwrap()
    );
    assert!(
        !store
            .seen_provenance(&Provenance::file("dup.html", SourceKind::Html))
            .unwrap()
    );
    let stats = store.stats().unwrap();
    assert_eq!((stats.articles, stats.duplicates, stats.errors), (1, 0, 0));
    let check: String = store
        .conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let fk_violations: i64 = store
        .conn
        .query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(fk_violations, 0);
}

#[test]
fn rollback_discards_and_transactions_must_pair() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let err = store.commit().unwrap_err();
    assert!(matches!(err, StoreError::Transaction(_)), "{err}");
    store.begin().unwrap();
    let err = store.begin().unwrap_err();
    assert!(err.to_string().contains("commit it first"), "{err}");
    store
        .insert_article(&simple("x", None, None, None, None))
        .unwrap();
    store.rollback().unwrap();
    assert!(!store.in_transaction());
    assert!(store.article("x").unwrap().is_none());
    store.rollback().unwrap();
}

#[test]
fn open_on_a_file_says_what_to_do() {
    let dir = tempdir();
    let file = dir.path().join("data");
    std::fs::write(&file, "not a directory").unwrap();
    let err = Store::open(&file).unwrap_err();
    assert!(matches!(err, StoreError::NotADirectory { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains(&file.display().to_string()), "{msg}");
    assert!(
        msg.contains("--data DIR") && msg.contains("PARALLAX_DATA"),
        "{msg}"
    );

    // A file in the way of the directory's parent.
    let err = Store::open(&file.join("sub")).unwrap_err();
    assert!(matches!(err, StoreError::CreateDir { .. }), "{err:?}");
    assert!(err.to_string().contains("PARALLAX_DATA"), "{err}");
}

#[test]
fn open_creates_nested_directories() {
    let dir = tempdir();
    let nested = dir.path().join("a").join("b");
    let store = Store::open(&nested).unwrap();
    assert_eq!(store.dir(), nested);
    assert!(nested.join(DB_FILE).is_file());
    let mode: String = store
        .conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: bool = store
        .conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert!(fk);
    assert_eq!(store.schema_version().unwrap(), schema::CURRENT_VERSION);
}

#[test]
fn read_only_open_needs_a_store_and_refuses_writes() {
    let dir = tempdir();
    let err = Store::open_read_only(&dir.path().join("none")).unwrap_err();
    assert!(matches!(err, StoreError::Missing { .. }), "{err:?}");
    assert!(err.to_string().contains("parallax ingest"), "{err}");
    assert!(
        !dir.path().join("none").exists(),
        "read-only open created something"
    );

    drop(Store::open(dir.path()).unwrap());
    let mut ro = Store::open_read_only(dir.path()).unwrap();
    assert!(ro.list(&ArticleFilter::default()).unwrap().is_empty());
    let err = ro
        .insert_article(&simple("x", None, None, None, None))
        .unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err:?}");
}

#[test]
fn refuses_files_that_are_not_parallax_databases() {
    let dir = tempdir();
    std::fs::write(dir.path().join(DB_FILE), vec![b'x'; 4096]).unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::NotParallax { .. }), "{err:?}");
    let err = Store::open_read_only(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::NotParallax { .. }), "{err:?}");

    let other = tempdir();
    let conn = Connection::open(other.path().join(DB_FILE)).unwrap();
    conn.execute_batch("CREATE TABLE photos (id INTEGER)")
        .unwrap();
    drop(conn);
    let err = Store::open(other.path()).unwrap_err();
    assert!(err.to_string().contains("another program"), "{err}");
}

#[test]
fn refuses_a_schema_from_the_future() {
    let dir = tempdir();
    drop(Store::open(dir.path()).unwrap());
    let conn = Connection::open(dir.path().join(DB_FILE)).unwrap();
    conn.pragma_update(None, "user_version", schema::CURRENT_VERSION + 1)
        .unwrap();
    drop(conn);
    let err = Store::open(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::TooNew { .. }), "{err:?}");
    assert!(err.to_string().contains("upgrade Parallax"), "{err}");
    assert!(matches!(
        Store::open_read_only(dir.path()),
        Err(StoreError::TooNew { .. })
    ));
}

#[test]
fn a_second_writer_waits_then_reports_the_lock() {
    let dir = tempdir();
    let mut a = Store::open(dir.path()).unwrap();
    let mut b = Store::open(dir.path()).unwrap();
    b.conn.busy_timeout(Duration::from_millis(50)).unwrap();
    a.begin().unwrap();
    let err = b.begin().unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }), "{err:?}");
    // Readers are not blocked by the writer.
    assert!(b.list(&ArticleFilter::default()).unwrap().is_empty());
    a.commit().unwrap();
    b.begin().unwrap();
    b.commit().unwrap();
}

#[test]
fn site_fold_has_site_and_hosts() {
    let mut a = Article {
        site: Some("Göteborgs-Posten".into()),
        url: Some("https://User@WWW.GP.se:443/nyheter?x=1".into()),
        ..Default::default()
    };
    assert_eq!(site_fold(&a), "göteborgs-posten\nwww.gp.se");
    a.site = None;
    a.url = Some("http://[::1]:8080/x".into());
    assert_eq!(site_fold(&a), "\n[::1]");
    a.url = Some("not a url".into());
    assert_eq!(site_fold(&a), "");
    assert_eq!(url_host("https://example.com"), Some("example.com"));
    assert_eq!(url_host("https:///path"), None);
}

#[test]
fn record_numbers_map_to_sql_and_back() {
    for r in [None, Some(0), Some(1), Some(1 << 40)] {
        assert_eq!(record_from_sql(record_to_sql(r)), r);
    }
    assert_eq!(parse_kind("warc"), Some(SourceKind::Warc));
    assert_eq!(parse_kind("carrier pigeon"), None);
}

#[test]
fn lsh_keys_point_at_the_right_article_after_other_records() {
    // Duplicates, errors and ignored inserts between articles must not shift which article the
    // LSH rows name.
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    store
        .insert_article(&simple("first", None, None, None, None))
        .unwrap();
    for n in 0..3 {
        let p = Provenance::record("dups.jsonl", n, SourceKind::Jsonl);
        store.insert_duplicate(&p, "first", "content").unwrap();
    }
    let e = RecordError::new(Provenance::file("e", SourceKind::Html), "read", "x");
    store.insert_error(&e).unwrap();
    store
        .insert_article(&simple("first", None, None, None, None))
        .unwrap();
    let mut second = simple("second", None, None, None, None);
    second.band_keys = vec![42];
    second.signature = Some(vec![2]);
    store.insert_article(&second).unwrap();
    // Same provenance as an earlier record: no ingested row is added, the article is.
    let mut third = simple("third", None, None, None, None);
    third.article.provenance = Provenance::record("dups.jsonl", 0, SourceKind::Jsonl);
    third.band_keys = vec![43];
    third.signature = Some(vec![3]);
    store.insert_article(&third).unwrap();
    assert_eq!(
        store.lsh_candidates(&[42]).unwrap(),
        vec![("second".to_string(), vec![2])]
    );
    assert_eq!(
        store.lsh_candidates(&[43]).unwrap(),
        vec![("third".to_string(), vec![3])]
    );
}

#[test]
fn demote_to_copy_repoints_copies_and_leaves_the_index() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let mut old = simple("old", Some("en"), None, None, Some("2024-04-22"));
    old.band_keys = vec![11, 12];
    old.signature = Some(vec![9; 4]);
    store.insert_article(&old).unwrap();
    let mut copy = simple("copy", Some("en"), None, None, Some("2024-04-23"));
    copy.copy_of = Some("old".into());
    copy.copy_similarity = Some(0.8);
    store.insert_article(&copy).unwrap();
    let mut new = simple("new", Some("en"), None, None, Some("2024-04-21"));
    new.band_keys = vec![11, 13];
    new.signature = Some(vec![8; 4]);
    store.insert_article(&new).unwrap();

    store.demote_to_copy("old", "new", 0.9).unwrap();

    let old = store.article("old").unwrap().unwrap();
    assert_eq!(old.copy_of.as_deref(), Some("new"));
    assert_eq!(old.copy_similarity, Some(0.9));
    assert_eq!(
        store.article("copy").unwrap().unwrap().copy_of.as_deref(),
        Some("new")
    );
    let mut copies = keys(&store.copies_of("new").unwrap())
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
    copies.sort();
    assert_eq!(copies, ["copy", "old"]);
    // Only the new original answers near-duplicate lookups now.
    let found: Vec<String> = store
        .lsh_candidates(&[11, 12])
        .unwrap()
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert_eq!(found, ["new"]);
    assert_eq!(store.stats().unwrap().copies, 2);
    // An unknown original is refused and changes nothing.
    assert!(store.demote_to_copy("new", "nope", 0.9).is_err());
    assert!(store.article("new").unwrap().unwrap().copy_of.is_none());
}

#[test]
fn analyses_are_stored_per_article() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    store
        .insert_article(&simple("a", Some("en"), None, None, None))
        .unwrap();
    assert_eq!(store.analysis("a").unwrap(), None);
    store.insert_analysis("a", r#"{"entities":[]}"#).unwrap();
    store.insert_analysis("a", r#"{"entities":[1]}"#).unwrap();
    assert_eq!(
        store.analysis("a").unwrap().as_deref(),
        Some(r#"{"entities":[1]}"#)
    );
    assert!(matches!(
        store.insert_analysis("nope", "{}"),
        Err(StoreError::UnknownArticle { .. })
    ));
}

fn dated(id: &str, title: &str, lang: &str, published: &str) -> Article {
    Article {
        id: id.into(),
        title: Some(title.into()),
        language: Some(lang.into()),
        published: Some(published.into()),
        body: vec![Block::paragraph(format!("Body of {id}."))],
        provenance: Provenance::file(format!("{id}.html"), SourceKind::Html),
        ..Default::default()
    }
}

#[test]
fn stories_keep_assignments_counts_and_merges() {
    let dir = tempdir();
    let mut s = Store::open(dir.path()).unwrap();
    s.begin().unwrap();
    s.insert_article(&new_article(
        "a",
        dated("a", "Fire in the harbour", "en", "2024-04-21T10:00:00Z"),
    ))
    .unwrap();
    s.insert_article(&new_article(
        "b",
        dated("b", "Brand i hamnen", "sv", "2024-04-21T12:00:00Z"),
    ))
    .unwrap();
    let mut copy = new_article(
        "c",
        dated("c", "Fire in the harbour", "en", "2024-04-22T08:00:00Z"),
    );
    copy.copy_of = Some("a".into());
    s.insert_article(&copy).unwrap();
    s.insert_article(&new_article(
        "d",
        dated("d", "Budget passed", "en", "2024-04-23T08:00:00Z"),
    ))
    .unwrap();
    let pending: Vec<String> = s
        .articles_without_story(10)
        .unwrap()
        .into_iter()
        .map(|a| a.key)
        .collect();
    assert_eq!(
        pending,
        vec!["a", "b", "c", "d"],
        "earliest published first"
    );
    s.assign_story("a", 3).unwrap();
    s.assign_story("c", 3).unwrap();
    s.assign_story("b", 5).unwrap();
    s.assign_story("d", 9).unwrap();
    assert!(matches!(
        s.assign_story("missing", 3),
        Err(StoreError::UnknownArticle { .. })
    ));
    s.refresh_stories(&[3, 5, 9]).unwrap();
    s.commit().unwrap();
    assert!(s.articles_without_story(10).unwrap().is_empty());

    let st = s.story(3).unwrap().unwrap();
    assert_eq!(st.headline.as_deref(), Some("Fire in the harbour"));
    assert_eq!((st.articles, st.independent), (2, 1));
    assert_eq!(st.first_published.as_deref(), Some("2024-04-21T10:00:00Z"));
    assert_eq!(s.story_of("c").unwrap(), Some(3));
    assert_eq!(s.max_story_id().unwrap(), Some(9));

    // The Swedish story turns out to be the same: it merges, its id leads to story 3.
    s.begin().unwrap();
    s.merge_stories(5, 3).unwrap();
    s.refresh_stories(&[3]).unwrap();
    s.commit().unwrap();
    assert_eq!(s.resolve_story(5).unwrap(), Some(3));
    let merged = s.story(5).unwrap().unwrap();
    assert_eq!(merged.id, 3);
    assert_eq!((merged.articles, merged.independent), (3, 2));
    assert_eq!(merged.languages, vec!["en".to_string(), "sv".to_string()]);
    assert_eq!(s.story_members(5).unwrap(), vec!["a", "b", "c"]);
    assert_eq!(s.story_of("b").unwrap(), Some(3));
    assert_eq!(s.resolve_story(77).unwrap(), None);
    assert!(s.story(77).unwrap().is_none());

    // Listing: merged stories are gone, latest report first, filters apply.
    let all = s.stories(&StoryFilter::default()).unwrap();
    assert_eq!(all.iter().map(|x| x.id).collect::<Vec<_>>(), vec![9, 3]);
    let sv = s
        .stories(&StoryFilter {
            language: Some("SV".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(sv.iter().map(|x| x.id).collect::<Vec<_>>(), vec![3]);
    let two = s
        .stories(&StoryFilter {
            min_sources: 2,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(two.len(), 1);
    let until = s
        .stories(&StoryFilter {
            until: Some("2024-04-21".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(until.iter().map(|x| x.id).collect::<Vec<_>>(), vec![3]);

    // What the clusterer and the search index read back.
    let recent = s.recent_story_articles(10).unwrap();
    assert_eq!(
        recent
            .iter()
            .map(|(a, st)| (a.key.as_str(), *st))
            .collect::<Vec<_>>(),
        vec![("a", 3), ("b", 3), ("d", 9)]
    );
    let after = s.articles_after(2, 10).unwrap();
    assert_eq!(
        after
            .iter()
            .map(|(q, a)| (*q, a.key.as_str()))
            .collect::<Vec<_>>(),
        vec![(3, "c"), (4, "d")]
    );
}

#[test]
fn data_version_moves_only_with_other_connections_commits() {
    let dir = tempdir();
    let mut mine = Store::open(dir.path()).unwrap();
    let mut other = Store::open(dir.path()).unwrap();
    let start = mine.data_version().unwrap();
    mine.begin().unwrap();
    mine.insert_article(&simple("a", Some("en"), None, None, None))
        .unwrap();
    mine.commit().unwrap();
    assert_eq!(
        mine.data_version().unwrap(),
        start,
        "its own commits leave a connection's data version alone"
    );
    let seen_by_other = other.data_version().unwrap();
    other.begin().unwrap();
    other
        .insert_article(&simple("b", Some("en"), None, None, None))
        .unwrap();
    other.commit().unwrap();
    assert_eq!(other.data_version().unwrap(), seen_by_other);
    assert_ne!(
        mine.data_version().unwrap(),
        start,
        "another connection's commit changes it"
    );
}
