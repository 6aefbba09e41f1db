//! Router tests against a small store built in a temporary directory: status codes and JSON
//! error bodies, escaping of article text, merged story ids, the OpenAPI document's coverage and
//! the size of a story page.

use crate::server::{AppState, api_routes, decode_error, router, ui_routes};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use parallax_core::{Article, Block, Provenance, SourceKind};
use parallax_search::{IndexDoc, SearchIndex};
use parallax_store::{NewArticle, Store};
use std::path::Path;
use std::sync::Arc;
use tower::ServiceExt;

const EVIL: &str = "<script>alert(1)</script>";

fn article(
    key: &str,
    title: &str,
    site: &str,
    lang: &str,
    published: &str,
    body: &[&str],
) -> Article {
    Article {
        id: key.into(),
        url: Some(format!(
            "https://{}.example/{key}",
            site.to_lowercase().replace(' ', "-")
        )),
        title: Some(title.into()),
        site: Some(site.into()),
        language: Some(lang.into()),
        published: Some(published.into()),
        body: body.iter().map(|p| Block::paragraph(*p)).collect(),
        provenance: Provenance::file(format!("{key}.html"), SourceKind::Html),
        ..Default::default()
    }
}

/// A store with three stories: story 1 (two articles, en + sv, with hostile text), story 2 (one
/// article) and story 3, merged into story 1. Plus a search index over the articles.
fn fixture(dir: &Path) {
    let mut store = Store::open(dir).unwrap();
    let arts = [
        (
            "a1",
            1,
            article(
                "a1",
                &format!("Harbour bridge closes {EVIL}"),
                "Harbour Times",
                "en",
                "2024-05-01T08:00:00Z",
                &[
                    "The harbour bridge in Portville closed on Monday after inspectors found worn cables.",
                    &format!(
                        "“The cables are worn through {EVIL},” said Erik Berg, a bridge engineer at the Harbour Authority."
                    ),
                    "More than 40 cars were stranded on the bridge.",
                ],
            ),
        ),
        (
            "b1",
            1,
            article(
                "b1",
                "Bron i Portville stängs",
                "Hamnbladet",
                "sv",
                "2024-05-01T12:00:00Z",
                &[
                    "Bron i Portville stängdes i måndags efter att inspektörer hittat slitna kablar.",
                    "– Kablarna är helt utslitna, säger Erik Berg, ingenjör vid Hamnmyndigheten.",
                    "55 bilar blev stående på bron.",
                ],
            ),
        ),
        (
            "c1",
            2,
            article(
                "c1",
                "Ferry workers strike in Portville",
                "Harbour Times",
                "en",
                "2024-04-20T08:00:00Z",
                &[
                    "Ferry workers in Portville went on strike, the Harbour Authority said on Friday.",
                ],
            ),
        ),
        (
            "d1",
            3,
            article(
                "d1",
                "Bridge traffic diverted",
                "City Wire",
                "en",
                "2024-05-01T15:00:00Z",
                &["Traffic from the Portville bridge was diverted through the old town on Monday."],
            ),
        ),
    ];
    let mut index = SearchIndex::open(&dir.join(crate::SEARCH_DIR)).unwrap();
    store.begin().unwrap();
    for (seq, (key, story, a)) in arts.iter().enumerate() {
        store
            .insert_article(&NewArticle {
                key: key.to_string(),
                article: a.clone(),
                url_norm: None,
                content_hash: seq as u64 + 1,
                signature: None,
                band_keys: vec![],
                copy_of: None,
                copy_similarity: None,
            })
            .unwrap();
        let body = a.body_text();
        let analysis = parallax_analysis::analyze(&body, a.language.as_deref());
        store
            .insert_analysis(key, &serde_json::to_string(&analysis).unwrap())
            .unwrap();
        store.assign_story(key, *story).unwrap();
        let mut entities = Vec::new();
        for e in &analysis.entities {
            entities.push(e.name.clone());
            entities.extend(e.aliases.iter().cloned());
        }
        index
            .add(&IndexDoc {
                key: key.to_string(),
                seq: seq as i64 + 1,
                title: a.title.clone(),
                body,
                language: a.language.clone(),
                site: a.site.clone(),
                url: a.url.clone(),
                published: a.published.clone(),
                is_copy: false,
                entities,
            })
            .unwrap();
    }
    store.merge_stories(3, 1).unwrap();
    store.refresh_stories(&[1, 2, 3]).unwrap();
    store.commit().unwrap();
    index.commit().unwrap();
}

struct App {
    _dir: tempfile::TempDir,
    router: axum::Router,
}

fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let state = Arc::new(AppState::new(dir.path().to_path_buf(), None).unwrap());
    App {
        router: router(state),
        _dir: dir,
    }
}

/// Sends a request; returns status, content type and body.
async fn send(app: &App, method: Method, uri: &str, body: Body) -> (StatusCode, String, String) {
    let req = Request::builder()
        .method(method)
        .uri(uri)
        .body(body)
        .unwrap();
    let res = app.router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let ctype = res
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (status, ctype, String::from_utf8(bytes.to_vec()).unwrap())
}

async fn get(app: &App, uri: &str) -> (StatusCode, String, String) {
    send(app, Method::GET, uri, Body::empty()).await
}

/// Asserts a JSON error answer with this status.
async fn assert_json_error(app: &App, uri: &str, status: u16) -> String {
    let (s, ctype, body) = get(app, uri).await;
    assert_eq!(s.as_u16(), status, "{uri}: {body}");
    assert!(ctype.starts_with("application/json"), "{uri}: {ctype}");
    let e =
        decode_error(body.as_bytes()).unwrap_or_else(|| panic!("{uri}: not an error body: {body}"));
    assert_eq!(e.status, status);
    assert!(!e.error.is_empty());
    e.error
}

#[tokio::test]
async fn lists_stories_newest_first() {
    let app = app();
    let (s, ctype, body) = get(&app, "/api/stories").await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert!(ctype.starts_with("application/json"));
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    let ids: Vec<u64> = v["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_u64().unwrap())
        .collect();
    assert_eq!(
        ids,
        vec![1, 2],
        "merged story 3 is not listed; newest first"
    );
    assert_eq!(
        v["stories"][0]["languages"],
        serde_json::json!(["en", "sv"])
    );
    let (_, _, body) = get(&app, "/api/stories?lang=sv").await;
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["stories"].as_array().unwrap().len(), 1);
    let (_, _, body) = get(&app, "/api/stories?limit=1").await;
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["more"], true);
}

#[tokio::test]
async fn unknown_ids_are_json_404s() {
    let app = app();
    let msg = assert_json_error(&app, "/api/stories/999", 404).await;
    assert!(msg.contains("999"), "{msg}");
    assert_json_error(&app, "/api/articles/nope", 404).await;
    assert_json_error(&app, "/api/entities/Nobody%20Atall", 404).await;
    assert_json_error(&app, "/api/no-such-route", 404).await;
    let (s, ctype, body) = get(&app, "/stories/999").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(ctype.starts_with("text/html"));
    assert!(body.contains("no story 999"));
    let (s, ctype, _) = get(&app, "/no/such/page").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(ctype.starts_with("text/html"));
}

#[tokio::test]
async fn bad_parameters_are_json_400s() {
    let app = app();
    for uri in [
        "/api/stories/abc",
        "/api/stories?limit=0",
        "/api/stories?limit=many",
        "/api/stories?since=yesterday",
        "/api/stories?lang=english",
        "/api/stories?colour=red",
        "/api/stories/1?lang=xx1",
        "/api/search?q=%22unbalanced",
        "/api/search?q=bridge&offset=-1",
        "/api/stats?x=1",
    ] {
        assert_json_error(&app, uri, 400).await;
    }
    // Errors made by the layers are JSON too.
    let (s, ctype, _) = send(&app, Method::POST, "/api/stats", Body::empty()).await;
    assert_eq!(s, StatusCode::METHOD_NOT_ALLOWED);
    assert!(ctype.starts_with("application/json"));
    let big = Request::builder()
        .method(Method::GET)
        .uri("/api/stats")
        .header(header::CONTENT_LENGTH, 100_000)
        .body(Body::from(vec![b'x'; 100_000]))
        .unwrap();
    let res = app.router.clone().oneshot(big).await.unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(decode_error(&bytes).unwrap().status, 413);
}

#[tokio::test]
async fn story_json_and_merged_ids() {
    let app = app();
    let (s, _, body) = get(&app, "/api/stories/1").await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let page: parallax_story::StoryPage = serde_json::from_str(&body).unwrap();
    assert_eq!(page.id, 1);
    assert_eq!(page.sources.len(), 3);
    // The old id of a merged story gives the merged story, with its real id.
    let (s, _, body) = get(&app, "/api/stories/3").await;
    assert_eq!(s, StatusCode::OK);
    let merged: parallax_story::StoryPage = serde_json::from_str(&body).unwrap();
    assert_eq!(merged.id, 1);
    // The HTML page redirects to the real address.
    let res = app
        .router
        .clone()
        .oneshot(Request::get("/stories/3").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(res.headers()[header::LOCATION], "/stories/1");
}

#[tokio::test]
async fn story_page_escapes_article_text_and_stays_small() {
    let app = app();
    let (s, ctype, html) = get(&app, "/stories/1").await;
    assert_eq!(s, StatusCode::OK, "{html}");
    assert!(ctype.starts_with("text/html"));
    assert!(
        !html.contains(EVIL),
        "article text reached the page unescaped"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("Hamnbladet") && html.contains("Harbour Times"));
    assert!(html.contains("lang=\"sv\""));
    assert!(html.len() < 100_000, "{} bytes", html.len());
    for page in [
        "/",
        "/articles/a1",
        "/search?q=bridge",
        "/entities/Erik%20Berg",
    ] {
        let (s, _, html) = get(&app, page).await;
        assert_eq!(s, StatusCode::OK, "{page}: {html}");
        assert!(!html.contains(EVIL), "{page}: unescaped article text");
    }
}

#[tokio::test]
async fn articles_entities_and_search() {
    let app = app();
    let (s, _, body) = get(&app, "/api/articles/b1").await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["story"], 1);
    assert_eq!(v["article"]["article"]["language"], "sv");
    assert!(v["analysis"]["entities"].is_array());

    let (s, _, body) = get(&app, "/api/search?q=bridge").await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(v["total"].as_u64().unwrap() >= 1);
    assert!(
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["story"].is_u64())
    );

    let (s, _, body) = get(&app, "/api/entities/Erik%20Berg").await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["stories"][0]["id"], 1);

    let (s, _, body) = get(&app, "/api/health").await;
    assert_eq!(s, StatusCode::OK);
    assert!(body.contains("\"search_index\":true"));
    let (s, _, body) = get(&app, "/api/stats").await;
    assert_eq!(s, StatusCode::OK);
    assert!(body.contains("\"articles\":4"), "{body}");
}

#[tokio::test]
async fn openapi_documents_every_route() {
    let app = app();
    let (s, ctype, yaml) = get(&app, "/api/openapi.yaml").await;
    assert_eq!(s, StatusCode::OK);
    assert!(ctype.starts_with("application/yaml"));
    assert!(yaml.starts_with("openapi: 3.1"));
    for (path, _) in api_routes().into_iter().chain(ui_routes()) {
        assert!(
            yaml.contains(&format!("\n  {path}:\n")),
            "route {path} is missing from openapi.yaml"
        );
    }
}

#[tokio::test]
async fn responses_carry_security_headers() {
    let app = app();
    let res = app
        .router
        .clone()
        .oneshot(Request::get("/").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let csp = res.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(csp.contains("default-src 'none'"));
    assert_eq!(res.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
}

#[test]
fn load_story_assembles_and_follows_merges() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let store = Store::open_read_only(dir.path()).unwrap();
    let opts = parallax_story::AssembleOptions::default();
    let page = crate::load_story(&store, 3, &opts).unwrap().unwrap();
    assert_eq!(page.id, 1, "a merged id gives the surviving story");
    assert_eq!(page.languages.len(), 2);
    assert!(crate::load_story(&store, 42, &opts).unwrap().is_none());
    // Story 2 shares the Harbour Authority and Portville with story 1.
    let html = crate::render_story_page(&page);
    assert!(html.contains("Hamnbladet"));
    assert!(!html.contains(EVIL));
}

#[test]
fn serve_says_what_is_missing() {
    let empty = tempfile::tempdir().unwrap();
    let err = crate::serve(crate::ServeConfig::new(empty.path()), async {}).unwrap_err();
    assert!(err.to_string().contains("ingest"), "{err}");

    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let mut cfg = crate::ServeConfig::new(dir.path());
    cfg.knowledge = Some(dir.path().join("no-such-knowledge.jsonl"));
    let err = crate::serve(cfg, async {}).unwrap_err();
    assert!(err.to_string().contains("knowledge file"), "{err}");

    // A server whose shutdown future is ready stops at once.
    let mut cfg = crate::ServeConfig::new(dir.path());
    cfg.addr = "127.0.0.1:0".parse().unwrap();
    crate::serve(cfg, async {}).unwrap();
}

/// Measures a story of [`crate::MAX_STORY_ARTICLES`] articles end to end through the router
/// (run with `--ignored --nocapture`; the time is printed).
#[tokio::test]
#[ignore = "measurement"]
async fn big_story_page_time() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        store.begin().unwrap();
        for i in 0..crate::MAX_STORY_ARTICLES {
            let key = format!("k{i}");
            let a = article(
                &key,
                &format!("Bridge report {i}"),
                &format!("Outlet {}", i % 37),
                if i % 3 == 0 { "sv" } else { "en" },
                &format!("2024-05-{:02}T{:02}:00:00Z", 1 + i % 28, i % 24),
                &[
                    &format!(
                        "The harbour bridge in Portville closed after inspectors found {i} worn cables."
                    ),
                    &format!(
                        "“The cables are worn,” said Erik Berg{}, a bridge engineer at the Harbour Authority.",
                        i % 50
                    ),
                    &format!(
                        "More than {} cars were stranded on the bridge, police said.",
                        40 + i % 7
                    ),
                    &"Traffic was diverted through the old town while engineers worked. "
                        .repeat(20),
                ],
            );
            store
                .insert_article(&NewArticle {
                    key: key.clone(),
                    article: a.clone(),
                    url_norm: None,
                    content_hash: i as u64,
                    signature: None,
                    band_keys: vec![],
                    copy_of: None,
                    copy_similarity: None,
                })
                .unwrap();
            let analysis = parallax_analysis::analyze(&a.body_text(), a.language.as_deref());
            store
                .insert_analysis(&key, &serde_json::to_string(&analysis).unwrap())
                .unwrap();
            store.assign_story(&key, 1).unwrap();
        }
        store.refresh_stories(&[1]).unwrap();
        store.commit().unwrap();
    }
    let state = Arc::new(AppState::new(dir.path().to_path_buf(), None).unwrap());
    let app = App {
        router: router(state),
        _dir: dir,
    };
    for round in ["first", "cached"] {
        let t = std::time::Instant::now();
        let (s, _, html) = get(&app, "/stories/1").await;
        assert_eq!(s, StatusCode::OK);
        eprintln!(
            "{round}: {} articles, {:?}, {} bytes",
            crate::MAX_STORY_ARTICLES,
            t.elapsed(),
            html.len()
        );
        assert!(html.len() < 100_000, "{} bytes", html.len());
    }
}
