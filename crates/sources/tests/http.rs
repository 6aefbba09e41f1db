//! Fetching over HTTP against a tiny canned server on 127.0.0.1.

use flate2::Compression;
use flate2::write::GzEncoder;
use parallax_core::{Content, RawDoc, RecordError, SourceKind};
use parallax_sources::{FetchState, Input, NoState, ReadOptions, Validators, read};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::ops::ControlFlow;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One canned answer: status line, headers, body.
#[derive(Clone)]
struct Answer {
    status: &'static str,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

fn answer(status: &'static str, content_type: &str, body: impl Into<Vec<u8>>) -> Answer {
    Answer {
        status,
        headers: vec![("Content-Type".into(), content_type.into())],
        body: body.into(),
    }
}

/// A server answering each path with a canned answer (or a handler), one request per
/// connection. It records every request line with its headers.
struct Server {
    port: u16,
    requests: Arc<Mutex<Vec<String>>>,
}

type Handler = dyn Fn(&str) -> Answer + Send + Sync;

impl Server {
    fn start(routes: HashMap<String, Answer>) -> Server {
        Server::start_with(Arc::new(move |req: &str| {
            let path = req.split_whitespace().nth(1).unwrap_or("/").to_string();
            routes
                .get(&path)
                .cloned()
                .unwrap_or_else(|| answer("404 Not Found", "text/plain", "no such page"))
        }))
    }

    fn start_with(handler: Arc<Handler>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&requests);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let handler = Arc::clone(&handler);
                let log = Arc::clone(&log);
                std::thread::spawn(move || serve(stream, &*handler, &log));
            }
        });
        Server { port, requests }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

fn serve(mut stream: TcpStream, handler: &Handler, log: &Mutex<Vec<String>>) {
    let mut req = Vec::new();
    let mut buf = [0u8; 1024];
    while !req.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => req.extend_from_slice(&buf[..n]),
        }
    }
    let req = String::from_utf8_lossy(&req).into_owned();
    log.lock().unwrap().push(req.clone());
    let a = handler(&req);
    let mut out = format!(
        "HTTP/1.1 {}\r\nConnection: close\r\nContent-Length: {}\r\n",
        a.status,
        a.body.len()
    );
    for (k, v) in &a.headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    let _ = stream.write_all(out.as_bytes());
    let _ = stream.write_all(&a.body);
}

fn fast() -> ReadOptions {
    ReadOptions {
        host_interval: Duration::ZERO,
        timeout: Duration::from_secs(10),
        ..ReadOptions::default()
    }
}

fn collect(
    input: &Input,
    opts: &ReadOptions,
    state: &mut dyn FetchState,
) -> Vec<Result<RawDoc, RecordError>> {
    let mut out = Vec::new();
    read(input, opts, state, &mut |r| {
        out.push(r);
        ControlFlow::Continue(())
    });
    out
}

#[derive(Default)]
struct MemState {
    have: Vec<String>,
    validators: HashMap<String, Validators>,
}

impl FetchState for MemState {
    fn validators(&self, url: &str) -> Option<Validators> {
        self.validators.get(url).cloned()
    }
    fn save_validators(&mut self, url: &str, v: &Validators) {
        self.validators.insert(url.to_string(), v.clone());
    }
    fn already_have(&self, url: &str) -> bool {
        self.have.iter().any(|h| h == url)
    }
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn rss(items: &[(&str, &str, &str)]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\
         <channel><title>Local News</title><link>http://127.0.0.1/</link>",
    );
    for (title, link, content) in items {
        s.push_str(&format!(
            "<item><title>{title}</title><link>{link}</link><pubDate>Mon, 22 Apr 2024 06:30:00 GMT</pubDate>\
             <content:encoded><![CDATA[{content}]]></content:encoded></item>"
        ));
    }
    s.push_str("</channel></rss>");
    s
}

#[test]
fn feed_from_url_fetches_items_and_falls_back_to_item_content() {
    let long = format!(
        "<p>{}</p>",
        "A long paragraph of item text that stands in for the page. ".repeat(10)
    );
    let server_port = Arc::new(Mutex::new(0u16));
    let port_for_handler = Arc::clone(&server_port);
    let feed_body = Arc::new(Mutex::new(String::new()));
    let feed_for_handler = Arc::clone(&feed_body);
    let server = Server::start_with(Arc::new(move |req: &str| {
        let path = req.split_whitespace().nth(1).unwrap_or("/");
        let port = *port_for_handler.lock().unwrap();
        match path {
            "/feed" => answer(
                "200 OK",
                "application/rss+xml",
                feed_body_clone(&feed_for_handler),
            ),
            "/a1" => Answer {
                status: "301 Moved Permanently",
                headers: vec![(
                    "Location".into(),
                    format!("http://127.0.0.1:{port}/a1-final"),
                )],
                body: Vec::new(),
            },
            "/a1-final" => Answer {
                status: "200 OK",
                headers: vec![
                    (
                        "Content-Type".into(),
                        "text/html; charset=windows-1252".into(),
                    ),
                    ("Content-Encoding".into(), "gzip".into()),
                ],
                body: gzip(b"<html><p>Article one</p></html>"),
            },
            "/pdf" => answer("200 OK", "application/pdf", "%PDF-1.4"),
            _ => answer("404 Not Found", "text/html", "<p>gone</p>"),
        }
    }));
    *server_port.lock().unwrap() = server.port;
    *feed_body.lock().unwrap() = rss(&[
        ("One", &server.url("/a1"), "<p>short</p>"),
        ("Two", &server.url("/a2"), &long),
        ("Three", &server.url("/a3"), "<p>short</p>"),
        ("Known", &server.url("/known"), "<p>short</p>"),
        ("Pdf", &server.url("/pdf"), "<p>short</p>"),
    ]);
    let mut state = MemState::default();
    state.have.push(server.url("/known"));
    let feed_url = server.url("/feed");
    let out = collect(&Input::Url(feed_url.clone()), &fast(), &mut state);
    assert_eq!(out.len(), 4, "{out:#?}");

    let one = out[0].as_ref().unwrap();
    assert_eq!(
        one.content,
        Content::Html(b"<html><p>Article one</p></html>".to_vec())
    );
    assert_eq!(one.url.as_deref(), Some(server.url("/a1-final").as_str()));
    assert_eq!(one.charset.as_deref(), Some("windows-1252"));
    assert_eq!(one.title.as_deref(), Some("One"));
    assert_eq!(one.source.as_deref(), Some("Local News"));
    assert_eq!(one.published.as_deref(), Some("2024-04-22T06:30:00+00:00"));
    assert!(one.fetched.is_some());
    assert_eq!(one.provenance.origin, feed_url);
    assert_eq!(one.provenance.record, Some(1));
    assert_eq!(one.provenance.kind, SourceKind::Feed);

    let two = out[1].as_ref().unwrap();
    assert_eq!(two.content, Content::Html(long.clone().into_bytes()));
    assert_eq!(two.url.as_deref(), Some(server.url("/a2").as_str()));
    assert_eq!(two.provenance.record, Some(2));

    let three = out[2].as_ref().unwrap_err();
    assert_eq!(three.provenance.record, Some(3));
    assert!(
        three.message.contains(&server.url("/a3")),
        "{}",
        three.message
    );
    assert!(three.message.contains("404"), "{}", three.message);

    let pdf = out[3].as_ref().unwrap_err();
    assert_eq!(pdf.provenance.record, Some(5));
    assert!(pdf.message.contains("application/pdf"), "{}", pdf.message);

    let requests = server.requests();
    assert!(
        !requests.iter().any(|r| r.starts_with("GET /known ")),
        "fetched a known item"
    );
    let ua = requests[0]
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("user-agent:"))
        .unwrap();
    assert!(ua.contains("parallax/"), "{ua}");
    // An item failed, so the feed's validators are not saved.
    assert!(state.validators.is_empty());
}

fn feed_body_clone(m: &Mutex<String>) -> Vec<u8> {
    m.lock().unwrap().clone().into_bytes()
}

#[test]
fn conditional_get_sends_validators_and_304_emits_nothing() {
    let page = "<html><p>Conditional page</p></html>";
    let server = Server::start_with(Arc::new(move |req: &str| {
        if req.to_ascii_lowercase().contains("if-none-match: \"v1\"") {
            return Answer {
                status: "304 Not Modified",
                headers: vec![],
                body: Vec::new(),
            };
        }
        Answer {
            status: "200 OK",
            headers: vec![
                ("Content-Type".into(), "text/html".into()),
                ("ETag".into(), "\"v1\"".into()),
                (
                    "Last-Modified".into(),
                    "Mon, 22 Apr 2024 06:30:00 GMT".into(),
                ),
            ],
            body: page.as_bytes().to_vec(),
        }
    }));
    let url = server.url("/page");
    let mut state = MemState::default();
    let first = collect(&Input::Url(url.clone()), &fast(), &mut state);
    assert_eq!(first.len(), 1);
    let doc = first[0].as_ref().unwrap();
    assert_eq!(doc.provenance.kind, SourceKind::Url);
    assert_eq!(doc.url.as_deref(), Some(url.as_str()));
    assert_eq!(
        state.validators.get(&url),
        Some(&Validators {
            etag: Some("\"v1\"".into()),
            last_modified: Some("Mon, 22 Apr 2024 06:30:00 GMT".into()),
        })
    );
    let second = collect(&Input::Url(url.clone()), &fast(), &mut state);
    assert!(second.is_empty(), "{second:#?}");
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let lower = requests[1].to_ascii_lowercase();
    assert!(lower.contains("if-none-match: \"v1\""), "{lower}");
    assert!(
        lower.contains("if-modified-since: mon, 22 apr 2024 06:30:00 gmt"),
        "{lower}"
    );
}

#[test]
fn unreachable_url_is_one_error_naming_it() {
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}/feed.xml");
    let out = collect(&Input::Url(url.clone()), &fast(), &mut NoState);
    assert_eq!(out.len(), 1);
    let e = out[0].as_ref().unwrap_err();
    assert_eq!(e.provenance.origin, url);
    assert_eq!(e.provenance.kind, SourceKind::Url);
    assert!(e.message.contains(&url), "{}", e.message);
    assert!(e.message.contains("could not fetch"), "{}", e.message);
}

#[test]
fn feed_url_that_returns_html_is_read_as_a_page() {
    let mut routes = HashMap::new();
    routes.insert(
        "/rss".to_string(),
        answer(
            "200 OK",
            "text/html; charset=utf-8",
            "<!doctype html><title>Not a feed</title><p>Page</p>",
        ),
    );
    let server = Server::start(routes);
    let out = collect(&Input::Url(server.url("/rss")), &fast(), &mut NoState);
    assert_eq!(out.len(), 1);
    let doc = out[0].as_ref().unwrap();
    assert!(matches!(&doc.content, Content::Html(b) if b.starts_with(b"<!doctype html>")));
    assert_eq!(doc.charset.as_deref(), Some("utf-8"));
    assert_eq!(doc.provenance.kind, SourceKind::Url);
}

#[test]
fn http_errors_and_oversized_bodies_are_record_errors() {
    let mut routes = HashMap::new();
    routes.insert(
        "/big".to_string(),
        answer("200 OK", "text/html", vec![b'x'; 5000]),
    );
    let server = Server::start(routes);
    let opts = ReadOptions {
        max_record_bytes: 1000,
        ..fast()
    };
    let out = collect(&Input::Url(server.url("/big")), &opts, &mut NoState);
    assert_eq!(out.len(), 1);
    assert!(
        out[0]
            .as_ref()
            .unwrap_err()
            .message
            .contains("larger than the limit of 1000 bytes")
    );
    let out = collect(&Input::Url(server.url("/missing")), &opts, &mut NoState);
    let e = out[0].as_ref().unwrap_err();
    assert!(e.message.contains("HTTP 404 Not Found"), "{}", e.message);
}

#[test]
fn requests_to_one_host_are_spaced() {
    let mut routes = HashMap::new();
    let server_probe = Server::start(HashMap::new());
    let item = |p: &str| server_probe.url(p);
    let feed = rss(&[("A", &item("/a"), ""), ("B", &item("/b"), "")]);
    routes.insert(
        "/feed".to_string(),
        answer("200 OK", "application/rss+xml", feed),
    );
    // The items point at the probe server, which answers 404 to everything: both fail.
    let server = Server::start(routes);
    let opts = ReadOptions {
        host_interval: Duration::from_millis(250),
        ..fast()
    };
    let t0 = Instant::now();
    let out = collect(&Input::Url(server.url("/feed")), &opts, &mut NoState);
    let elapsed = t0.elapsed();
    assert_eq!(out.len(), 2);
    assert_eq!(server_probe.requests().len(), 2);
    assert!(elapsed >= Duration::from_millis(250), "{elapsed:?}");
}
