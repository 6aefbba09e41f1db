//! Telling the format of an input from its name and its first bytes.

use crate::text::looks_binary;

/// The formats this crate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// One HTML page.
    Html,
    /// One plain-text document.
    Text,
    /// JSON Lines: one document per line.
    Jsonl,
    /// A WARC archive.
    Warc,
    /// An RSS, Atom, RDF or JSON feed.
    Feed,
}

impl Format {
    /// The format a file name's extension names, ignoring a trailing `.gz`; `None` when the
    /// extension says nothing (the content is sniffed then).
    pub fn from_name(name: &str) -> Option<Format> {
        let lower = name.to_ascii_lowercase();
        let base = lower.strip_suffix(".gz").unwrap_or(&lower);
        let ext = base.rsplit_once('.').map(|(_, e)| e)?;
        Some(match ext {
            "html" | "htm" | "xhtml" | "shtml" => Format::Html,
            "txt" | "text" => Format::Text,
            "jsonl" | "ndjson" | "json" => Format::Jsonl,
            "warc" | "arc" => Format::Warc,
            "rss" | "atom" | "xml" | "rdf" => Format::Feed,
            _ => return None,
        })
    }

    /// Tells the format from the first bytes of a (decompressed) stream. `None` means binary
    /// data that is none of these formats. `complete` says whether `head` is the whole input.
    pub fn sniff(head: &[u8], complete: bool) -> Option<Format> {
        let body = skip_bom_and_space(head);
        if body.starts_with(b"WARC/") {
            return Some(Format::Warc);
        }
        if body.starts_with(b"<") {
            return Some(if markup_root_is_feed(body) {
                Format::Feed
            } else {
                Format::Html
            });
        }
        if body.starts_with(b"{") {
            if is_json_feed(body) {
                return Some(Format::Feed);
            }
            if first_line_is_json_object(body, complete) {
                return Some(Format::Jsonl);
            }
        }
        if looks_binary(head) {
            return None;
        }
        Some(Format::Text)
    }

    /// The lowercase name of the format, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Html => "HTML",
            Format::Text => "text",
            Format::Jsonl => "JSONL",
            Format::Warc => "WARC",
            Format::Feed => "feed",
        }
    }
}

/// Resolves the format of an input from its name (if any) and its first bytes.
///
/// The extension wins, with two exceptions that guard against misnamed files: a `.json` file
/// holding a JSON Feed is a feed, and an `.xml`-ish file whose root is not a feed element is
/// sniffed like an unnamed file.
pub(crate) fn resolve(name: Option<&str>, head: &[u8], complete: bool) -> Option<Format> {
    let sniffed = Format::sniff(head, complete);
    match name.and_then(Format::from_name) {
        Some(Format::Jsonl) if sniffed == Some(Format::Feed) => Some(Format::Feed),
        Some(Format::Feed) if sniffed == Some(Format::Html) => Some(Format::Feed),
        Some(Format::Feed) if sniffed != Some(Format::Feed) => sniffed,
        Some(Format::Html) if sniffed.is_none() => None,
        Some(Format::Text) if sniffed.is_none() => None,
        Some(f) => Some(f),
        None => sniffed,
    }
}

fn skip_bom_and_space(head: &[u8]) -> &[u8] {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    &head[start..]
}

/// Whether the first element of an XML/HTML document is a feed root (`<rss>`, `<feed>`, `<rdf:RDF>`),
/// skipping the XML declaration, processing instructions, comments and a doctype.
fn markup_root_is_feed(mut s: &[u8]) -> bool {
    // At most a few dozen prolog items are looked at: `s` is a bounded sniff buffer anyway.
    for _ in 0..64 {
        s = skip_bom_and_space(s);
        if s.starts_with(b"<?") {
            match find(s, b"?>") {
                Some(i) => s = &s[i + 2..],
                None => return false,
            }
        } else if s.starts_with(b"<!--") {
            match find(&s[4..], b"-->") {
                Some(i) => s = &s[4 + i + 3..],
                None => return false,
            }
        } else if s.starts_with(b"<!") {
            match s.iter().position(|&b| b == b'>') {
                Some(i) => s = &s[i + 1..],
                None => return false,
            }
        } else if let Some(rest) = s.strip_prefix(b"<") {
            let end = rest
                .iter()
                .position(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/')
                .unwrap_or(rest.len());
            let name = &rest[..end];
            let local = match name.iter().rposition(|&b| b == b':') {
                Some(i) => &name[i + 1..],
                None => name,
            };
            return local.eq_ignore_ascii_case(b"rss")
                || local == b"feed"
                || local == b"RDF"
                || (local == b"rdf" && name.len() > local.len());
        } else {
            return false;
        }
    }
    false
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

fn is_json_feed(s: &[u8]) -> bool {
    find(s, b"jsonfeed.org/version").is_some()
}

/// Whether a `.json` file holds JSON Lines: its first non-blank line is a JSON object on its
/// own. Otherwise it is read as one JSON document.
pub(crate) fn json_file_is_lines(head: &[u8], complete: bool) -> bool {
    first_line_is_json_object(skip_bom_and_space(head), complete)
}

/// Whether the name ends in `.json` (or `.json.gz`), which may hold JSON Lines or one document.
pub(crate) fn is_plain_json_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower
        .strip_suffix(".gz")
        .unwrap_or(&lower)
        .ends_with(".json")
}

fn first_line_is_json_object(s: &[u8], complete: bool) -> bool {
    match memchr::memchr(b'\n', s) {
        Some(i) => serde_json::from_slice::<serde::de::IgnoredAny>(&s[..i]).is_ok(),
        // The first line is longer than the sniff buffer: trust its start.
        None if !complete => s.starts_with(b"{\""),
        None => serde_json::from_slice::<serde::de::IgnoredAny>(s).is_ok(),
    }
}

/// The document id for a file: its name less `.gz` and then less one of the extensions that
/// only say "this is a page" (`a.html.gz` → `a`, `story.txt` → `story`).
pub(crate) fn id_from_file_name(name: &str) -> String {
    let base = strip_suffix_ci(name, ".gz").unwrap_or(name);
    for ext in [".html", ".htm", ".xhtml", ".shtml", ".txt", ".text"] {
        if let Some(stem) = strip_suffix_ci(base, ext)
            && !stem.is_empty()
        {
            return stem.to_string();
        }
    }
    base.to_string()
}

fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(suffix.len())?;
    if s.is_char_boundary(cut) && s[cut..].eq_ignore_ascii_case(suffix) {
        Some(&s[..cut])
    } else {
        None
    }
}

/// Extensions of files that are certainly not news text; a directory walk skips them.
///
/// Besides media, documents and archives this lists the assets a browser saves next to a page
/// (`.css`, `.js`, fonts): they are text, but never an article.
const SKIPPED_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "avif", "bmp", "ico", "tif", "tiff", "svg", "heic", "psd",
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "epub", "zip", "tar",
    "tgz", "bz2", "xz", "zst", "7z", "rar", "mp3", "mp4", "m4a", "m4v", "wav", "ogg", "oga", "ogv",
    "flac", "webm", "mov", "avi", "mkv", "woff", "woff2", "ttf", "otf", "eot", "exe", "dll", "so",
    "dylib", "o", "a", "class", "jar", "pyc", "wasm", "bin", "iso", "dmg", "db", "sqlite",
    "sqlite3", "css", "js", "mjs", "map", "lock", "swp",
];

/// Whether a directory walk should skip the file with this name.
pub(crate) fn skip_in_walk(name: &str) -> bool {
    if name.starts_with('.') {
        return true;
    }
    let lower = name.to_ascii_lowercase();
    match lower.rsplit_once('.') {
        Some((_, ext)) => SKIPPED_EXTENSIONS.contains(&ext),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_give_formats() {
        assert_eq!(Format::from_name("a.HTML"), Some(Format::Html));
        assert_eq!(Format::from_name("a.html.gz"), Some(Format::Html));
        assert_eq!(Format::from_name("cc.warc.gz"), Some(Format::Warc));
        assert_eq!(Format::from_name("dump.ndjson"), Some(Format::Jsonl));
        assert_eq!(Format::from_name("feed.atom"), Some(Format::Feed));
        assert_eq!(Format::from_name("notes"), None);
        assert_eq!(Format::from_name("x.gz"), None);
    }

    #[test]
    fn sniffing_tells_formats_apart() {
        assert_eq!(Format::sniff(b"WARC/1.0\r\n", true), Some(Format::Warc));
        assert_eq!(
            Format::sniff(b"\xef\xbb\xbf  <!doctype html><p>x", true),
            Some(Format::Html)
        );
        assert_eq!(
            Format::sniff(
                b"<?xml version=\"1.0\"?>\n<!-- c --><rss version=\"2.0\">",
                true
            ),
            Some(Format::Feed)
        );
        assert_eq!(
            Format::sniff(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">", true),
            Some(Format::Feed)
        );
        assert_eq!(
            Format::sniff(b"<rdf:RDF xmlns:rdf=\"x\">", true),
            Some(Format::Feed)
        );
        assert_eq!(
            Format::sniff(b"<?xml version=\"1.0\"?><!DOCTYPE html><html>", true),
            Some(Format::Html)
        );
        assert_eq!(
            Format::sniff(b"{\"text\": \"a\"}\n{\"text\": \"b\"}\n", true),
            Some(Format::Jsonl)
        );
        assert_eq!(
            Format::sniff(b"{\"text\": \"a\", \"more", false),
            Some(Format::Jsonl)
        );
        assert_eq!(
            Format::sniff(b"{not json}\nline two", true),
            Some(Format::Text)
        );
        assert_eq!(
            Format::sniff(b"{\"version\": \"https://jsonfeed.org/version/1.1\"}", true),
            Some(Format::Feed)
        );
        assert_eq!(
            Format::sniff(b"Just some words.\n", true),
            Some(Format::Text)
        );
        assert_eq!(Format::sniff(b"\0\0\0\x01\x02binary", true), None);
    }

    #[test]
    fn names_and_content_are_combined() {
        assert_eq!(
            resolve(Some("a.xml"), b"<rss version=\"2.0\">", true),
            Some(Format::Feed)
        );
        assert_eq!(
            resolve(Some("sitemap.xml"), b"plain words", true),
            Some(Format::Text)
        );
        assert_eq!(
            resolve(
                Some("a.json"),
                b"{\"version\": \"https://jsonfeed.org/version/1\"}",
                true
            ),
            Some(Format::Feed)
        );
        assert_eq!(
            resolve(Some("a.txt"), b"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", true),
            None
        );
        assert_eq!(
            resolve(Some("a.txt"), b"<p>looks like html</p>", true),
            Some(Format::Text)
        );
        assert_eq!(
            resolve(Some("a.warc"), b"garbage", true),
            Some(Format::Warc)
        );
        assert_eq!(resolve(None, b"<html>", true), Some(Format::Html));
    }

    #[test]
    fn ids_drop_page_extensions() {
        assert_eq!(id_from_file_name("a.html.gz"), "a");
        assert_eq!(id_from_file_name("story.TXT"), "story");
        assert_eq!(id_from_file_name("omni.sv.txt"), "omni.sv");
        assert_eq!(id_from_file_name("notes"), "notes");
        assert_eq!(id_from_file_name(".html"), ".html");
        assert_eq!(id_from_file_name("ö.htm"), "ö");
    }

    #[test]
    fn walks_skip_hidden_and_binary_names() {
        assert!(skip_in_walk(".DS_Store"));
        assert!(skip_in_walk("photo.JPG"));
        assert!(skip_in_walk("report.pdf"));
        assert!(!skip_in_walk("a.html"));
        assert!(!skip_in_walk("README"));
    }
}
