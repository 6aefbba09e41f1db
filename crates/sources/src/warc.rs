//! WARC archives (ISO 28500), as Common Crawl ships them.
//!
//! This is a small parser of its own rather than the `warc` crate: the reader must name each
//! record by its byte offset in the *compressed* file (where Common Crawl's indexes point), go on
//! after a damaged gzip member or a malformed record, and never hold more than one record (capped
//! at `max_record_bytes`) in memory. The format is simple — a version line, `Name: value` headers,
//! a blank line, `Content-Length` bytes of block, two line breaks — so owning the parser is
//! cheaper than working around a general one.
//!
//! Only `response` records whose HTTP status is 2xx and whose `Content-Type` is HTML or XHTML
//! (or missing) become documents; every other record is skipped silently.
//!
//! Offsets: for an uncompressed file, a record's provenance is the offset of its `WARC/` line.
//! For a gzip file whose records each start a gzip member (Common Crawl's layout), it is the
//! offset of that member in the *compressed* file, so `tail -c +$((N+1)) file | zcat` shows the
//! record. For a single-stream gzip file it is the offset in the *decompressed* stream. Which of
//! the two a gzip file uses is settled by the first record that does not start the file: if it
//! starts a gzip member, compressed offsets are used for the whole file (a record that, through
//! damage, does not start a member is then named by the member it starts in); otherwise
//! decompressed offsets are. Offsets never decrease within a file.

use crate::Ctx;
use crate::gzip::Members;
use crate::stream::{Line, Tracked, read_error_message};
use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};
use parallax_core::{Content, Provenance, RawDoc, SourceKind};
use std::cell::RefCell;
use std::io::{self, BufRead, Read};
use std::ops::ControlFlow;
use std::rc::Rc;

/// Longest header line accepted (WARC or HTTP).
const MAX_HEADER_LINE: usize = 64 * 1024;
/// Most header bytes one record may carry.
const MAX_HEADER_BYTES: usize = 512 * 1024;

/// Reads every record of a WARC stream.
pub(crate) fn read<R: BufRead>(
    ctx: &mut Ctx<'_>,
    origin: &str,
    reader: R,
    members: Option<Rc<RefCell<Members>>>,
) -> ControlFlow<()> {
    let mut p = Parser {
        t: Tracked::new(reader),
        members,
        origin,
        line: Vec::new(),
        garbage: None,
        compressed_offsets: None,
    };
    p.run(ctx)
}

struct Parser<'o, R> {
    t: Tracked<R>,
    members: Option<Rc<RefCell<Members>>>,
    origin: &'o str,
    line: Vec<u8>,
    /// Start and length of a run of bytes that were not a record, not reported yet.
    garbage: Option<(u64, u64)>,
    /// Whether records are named by compressed offsets; `None` until settled.
    compressed_offsets: Option<bool>,
}

/// Why a record could not be read.
enum Fault {
    /// Reported at the record; reading goes on with the next line.
    Record(String),
    /// The stream ended (or cannot go on): report and stop.
    Fatal(String),
}

impl<R: BufRead> Parser<'_, R> {
    fn prov(&self, offset: u64) -> Provenance {
        Provenance::record(self.origin, offset, SourceKind::Warc)
    }

    /// The offset that names a record starting at `pos` in the decompressed stream (see the
    /// module documentation). Must be asked for in increasing order of `pos`.
    fn offset(&mut self, pos: u64) -> u64 {
        let Some(members) = &self.members else {
            return pos;
        };
        let Some((compressed, starts_member)) = members.borrow_mut().locate(pos) else {
            return pos;
        };
        match self.compressed_offsets {
            // Both kinds of offset agree on the first byte.
            None if pos == 0 => 0,
            None => {
                self.compressed_offsets = Some(starts_member);
                if starts_member { compressed } else { pos }
            }
            Some(true) => compressed,
            Some(false) => pos,
        }
    }

    fn flush_garbage(&mut self, ctx: &mut Ctx<'_>) -> ControlFlow<()> {
        if let Some((start, len)) = self.garbage.take() {
            let offset = self.offset(start);
            ctx.fail(
                self.prov(offset),
                format!(
                    "{len} bytes that are not a WARC record were skipped (a record starts with a \
                     'WARC/1.0' line); the previous record's Content-Length may be wrong"
                ),
            )?;
        }
        ControlFlow::Continue(())
    }

    fn run(&mut self, ctx: &mut Ctx<'_>) -> ControlFlow<()> {
        loop {
            let start = self.t.pos();
            // Decode the next byte before naming it: only then is its gzip member known.
            let peeked = self.t.peek().map(|_| ());
            let kind = match peeked.and_then(|()| self.t.read_line(&mut self.line, MAX_HEADER_LINE))
            {
                Ok(k) => k,
                Err(e) => {
                    self.flush_garbage(ctx)?;
                    let offset = self.offset(start);
                    ctx.fail(self.prov(offset), read_error_message(&e))?;
                    if e.kind() == io::ErrorKind::UnexpectedEof {
                        return ControlFlow::Continue(());
                    }
                    continue;
                }
            };
            let len = self.t.pos() - start;
            if kind == Line::Eof && self.line.is_empty() {
                return self.flush_garbage(ctx);
            }
            if self.line.iter().all(u8::is_ascii_whitespace) && self.garbage.is_none() {
                continue;
            }
            if !self.line.starts_with(b"WARC/") {
                match &mut self.garbage {
                    Some((_, n)) => *n += len,
                    None => self.garbage = Some((start, len)),
                }
                if kind == Line::Eof {
                    return self.flush_garbage(ctx);
                }
                continue;
            }
            self.flush_garbage(ctx)?;
            let offset = self.offset(start);
            match self.record(ctx, offset) {
                Ok(flow) => flow?,
                Err(Fault::Record(msg)) => ctx.fail(self.prov(offset), msg)?,
                Err(Fault::Fatal(msg)) => return ctx.fail(self.prov(offset), msg),
            }
        }
    }

    /// Reads the rest of a record whose version line was just read.
    fn record(&mut self, ctx: &mut Ctx<'_>, offset: u64) -> Result<ControlFlow<()>, Fault> {
        let headers = self.headers()?;
        let length = header(&headers, "content-length")
            .and_then(|v| v.trim().parse::<u64>().ok())
            .ok_or_else(|| {
                Fault::Record("the record has no valid Content-Length header; skipped".into())
            })?;
        let is_response = header(&headers, "warc-type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("response"));
        let limit = ctx.opts.max_record_bytes;
        if !is_response || length > limit {
            let skipped = self.t.skip(length).map_err(io_fault)?;
            if skipped < length {
                return Err(truncated(length, skipped));
            }
            if is_response {
                return Err(Fault::Record(format!(
                    "the record is {length} bytes, above the limit of {limit} bytes; raise \
                     max_record_bytes to read it"
                )));
            }
            return Ok(ControlFlow::Continue(()));
        }
        let cap = usize::try_from(length.min(1 << 20)).unwrap_or(0);
        let mut block = Vec::with_capacity(cap);
        let got = self
            .t
            .read_exact_into(length, &mut block)
            .map_err(io_fault)?;
        if got < length {
            return Err(truncated(length, got));
        }
        let Some(body) = http_body(&block, limit).map_err(Fault::Record)? else {
            return Ok(ControlFlow::Continue(()));
        };
        if body.bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(Fault::Record(
                "the response has an empty body (a redirect or an error page?); skipped".into(),
            ));
        }
        let mut doc = RawDoc::new(Content::Html(body.bytes), self.prov(offset));
        doc.url = header(&headers, "warc-target-uri")
            .map(|u| {
                u.trim()
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .to_string()
            })
            .filter(|u| !u.is_empty());
        doc.id = header(&headers, "warc-record-id")
            .map(|u| {
                u.trim()
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .to_string()
            })
            .filter(|u| !u.is_empty());
        doc.fetched = header(&headers, "warc-date").and_then(|d| {
            chrono::DateTime::parse_from_rfc3339(d.trim())
                .ok()
                .map(|d| d.with_timezone(&chrono::Utc))
        });
        doc.charset = body.charset;
        Ok(ctx.emit_doc(doc))
    }

    /// Reads `Name: value` header lines up to the blank line.
    fn headers(&mut self) -> Result<Vec<(String, String)>, Fault> {
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut total = 0usize;
        loop {
            let kind = self
                .t
                .read_line(&mut self.line, MAX_HEADER_LINE)
                .map_err(io_fault)?;
            match kind {
                Line::Eof => {
                    return Err(Fault::Fatal(
                        "truncated record: the file ends inside the WARC headers".into(),
                    ));
                }
                Line::TooLong(n) => {
                    return Err(Fault::Record(format!(
                        "a WARC header line is {n} bytes long, which is not a valid record"
                    )));
                }
                Line::Full => {}
            }
            if self.line.is_empty() {
                return Ok(headers);
            }
            total += self.line.len();
            if total > MAX_HEADER_BYTES {
                return Err(Fault::Record(format!(
                    "the WARC headers are longer than {MAX_HEADER_BYTES} bytes, which is not a \
                     valid record"
                )));
            }
            push_header(&mut headers, &self.line);
        }
    }
}

fn io_fault(e: io::Error) -> Fault {
    let msg = read_error_message(&e);
    if e.kind() == io::ErrorKind::UnexpectedEof {
        Fault::Fatal(msg)
    } else {
        Fault::Record(msg)
    }
}

fn truncated(length: u64, got: u64) -> Fault {
    Fault::Fatal(format!(
        "truncated record: its Content-Length is {length} bytes but the file ends after {got}; \
         the file was probably cut off"
    ))
}

/// Adds one header line, folding continuation lines into the previous header.
fn push_header(headers: &mut Vec<(String, String)>, line: &[u8]) {
    let text = String::from_utf8_lossy(line);
    if line.first().is_some_and(|b| *b == b' ' || *b == b'\t') {
        if let Some(last) = headers.last_mut() {
            last.1.push(' ');
            last.1.push_str(text.trim());
        }
        return;
    }
    if let Some((name, value)) = text.split_once(':') {
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
}

fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// The HTML body of an HTTP response, with the charset its `Content-Type` names.
pub(crate) struct Body {
    pub(crate) bytes: Vec<u8>,
    pub(crate) charset: Option<String>,
}

/// Parses the HTTP response in a `response` record's block. `Ok(None)` for a response that is
/// not a 2xx HTML page (skipped silently).
fn http_body(block: &[u8], limit: u64) -> Result<Option<Body>, String> {
    if !block.starts_with(b"HTTP/") {
        return Err(
            "the response record does not hold an HTTP response (no 'HTTP/' status line)".into(),
        );
    }
    let mut headers = Vec::new();
    let mut rest = block;
    let mut status_line: Option<String> = None;
    loop {
        let Some(nl) = memchr::memchr(b'\n', rest) else {
            return Err("the HTTP headers in the response record never end".into());
        };
        let mut line = &rest[..nl];
        rest = &rest[nl + 1..];
        if line.last() == Some(&b'\r') {
            line = &line[..line.len() - 1];
        }
        if line.is_empty() {
            break;
        }
        if status_line.is_none() {
            status_line = Some(String::from_utf8_lossy(line).into_owned());
        } else {
            push_header(&mut headers, line);
        }
    }
    let status = status_line
        .as_deref()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or("the HTTP status line in the response record has no status code")?;
    if !(200..300).contains(&status) {
        return Ok(None);
    }
    let (mime, charset) = parse_content_type(header(&headers, "content-type"));
    if let Some(mime) = &mime
        && !is_html_mime(mime)
    {
        return Ok(None);
    }
    let chunked = header(&headers, "transfer-encoding")
        .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    let body = if chunked {
        // Crawlers often store the body already de-chunked but keep the header; then the
        // body is used as it is.
        dechunk(rest).unwrap_or_else(|| rest.to_vec())
    } else {
        rest.to_vec()
    };
    let body = match header(&headers, "content-encoding").map(|v| v.trim().to_ascii_lowercase()) {
        None => body,
        Some(enc) => decode_content(&enc, body, limit)?,
    };
    Ok(Some(Body {
        bytes: body,
        charset,
    }))
}

/// Splits a `Content-Type` value into its lowercase media type and its charset parameter.
pub(crate) fn parse_content_type(value: Option<&str>) -> (Option<String>, Option<String>) {
    let Some(value) = value else {
        return (None, None);
    };
    let mut parts = value.split(';');
    let mime = parts
        .next()
        .map(|m| m.trim().to_ascii_lowercase())
        .filter(|m| !m.is_empty());
    let charset = parts.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        if k.trim().eq_ignore_ascii_case("charset") {
            let v = v.trim().trim_matches(['"', '\'']).trim();
            (!v.is_empty()).then(|| v.to_string())
        } else {
            None
        }
    });
    (mime, charset)
}

/// Whether a media type is an HTML page.
pub(crate) fn is_html_mime(mime: &str) -> bool {
    mime == "text/html" || mime == "application/xhtml+xml"
}

/// Decodes a `Transfer-Encoding: chunked` body; `None` when it is not validly chunked.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let nl = memchr::memchr(b'\n', data)?;
        let line = std::str::from_utf8(&data[..nl]).ok()?;
        let size_text = line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        data = &data[nl + 1..];
        if size == 0 {
            return Some(out);
        }
        if size > data.len() {
            return None;
        }
        out.extend_from_slice(&data[..size]);
        data = &data[size..];
        data = data
            .strip_prefix(b"\r\n")
            .or_else(|| data.strip_prefix(b"\n"))?;
    }
}

/// Undoes a `Content-Encoding`, reading at most `limit` decoded bytes.
fn decode_content(encoding: &str, body: Vec<u8>, limit: u64) -> Result<Vec<u8>, String> {
    fn inflate<R: Read>(r: R, limit: u64) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        r.take(limit + 1).read_to_end(&mut out)?;
        Ok(out)
    }
    let decoded = match encoding {
        "" | "identity" | "none" => return Ok(body),
        "gzip" | "x-gzip" => {
            if !crate::gzip::is_gzip(&body) {
                // Already decoded by the crawler, which kept the header.
                return Ok(body);
            }
            inflate(MultiGzDecoder::new(&body[..]), limit)
        }
        "deflate" => inflate(ZlibDecoder::new(&body[..]), limit)
            .or_else(|_| inflate(DeflateDecoder::new(&body[..]), limit)),
        other => {
            return Err(format!(
                "the HTTP body is compressed with '{other}', which this reader cannot decode"
            ));
        }
    };
    match decoded {
        Ok(d) if d.len() as u64 > limit => Err(format!(
            "the HTTP body decompresses to more than {limit} bytes; raise max_record_bytes to \
             read it"
        )),
        Ok(d) => Ok(d),
        Err(e) => Err(format!(
            "could not decompress the {encoding} HTTP body: {e}"
        )),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::ReadOptions;
    use crate::tests::collect_bytes;
    use flate2::Compression;
    use flate2::write::GzEncoder;
    use std::io::Write;

    /// One WARC record with the given type, extra headers and block.
    pub(crate) fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
             WARC-Date: 2024-04-21T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{kind}-1>\r\n\
             Content-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    #[test]
    fn a_response_with_an_empty_body_is_an_error_not_a_document() {
        let mut warc = record(
            "response",
            "https://e.com/empty",
            b"HTTP/1.1 200 OK\r\n\r\n",
        );
        warc.extend(record(
            "response",
            "https://e.com/full",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>full</p>",
        ));
        let out = collect_bytes("c.warc", &warc, &ReadOptions::default());
        assert_eq!(out.len(), 2);
        assert!(out[0].as_ref().unwrap_err().message.contains("empty body"));
        assert_eq!(
            out[1].as_ref().unwrap().url.as_deref(),
            Some("https://e.com/full")
        );
    }

    pub(crate) fn http(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
        let mut b = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
        b.extend_from_slice(body);
        b
    }

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn html_response(uri: &str, body: &str) -> Vec<u8> {
        record(
            "response",
            uri,
            &http(
                "200 OK",
                "Content-Type: text/html; charset=ISO-8859-1\r\n",
                body.as_bytes(),
            ),
        )
    }

    #[test]
    fn reads_responses_from_per_record_gzip_members_with_compressed_offsets() {
        let warcinfo = gz(&record("warcinfo", "", b"software: test\r\n"));
        let one = gz(&html_response("https://e.com/1", "<p>one</p>"));
        let request = gz(&record(
            "request",
            "https://e.com/2",
            b"GET /2 HTTP/1.1\r\n\r\n",
        ));
        let two = gz(&html_response("<https://e.com/2>", "<p>two</p>"));
        let file = [warcinfo.clone(), one.clone(), request.clone(), two].concat();
        let out = collect_bytes("cc.warc.gz", &file, &ReadOptions::default());
        assert_eq!(out.len(), 2, "{out:#?}");
        let a = out[0].as_ref().unwrap();
        assert_eq!(a.url.as_deref(), Some("https://e.com/1"));
        assert_eq!(a.content, Content::Html(b"<p>one</p>".to_vec()));
        assert_eq!(a.charset.as_deref(), Some("ISO-8859-1"));
        assert_eq!(a.id.as_deref(), Some("urn:uuid:response-1"));
        assert_eq!(a.fetched.unwrap().to_rfc3339(), "2024-04-21T10:00:00+00:00");
        assert_eq!(
            a.provenance,
            Provenance::record("cc.warc.gz", warcinfo.len() as u64, SourceKind::Warc)
        );
        let b = out[1].as_ref().unwrap();
        assert_eq!(b.url.as_deref(), Some("https://e.com/2"));
        let offset = (warcinfo.len() + one.len() + request.len()) as u64;
        assert_eq!(b.provenance.record, Some(offset));
    }

    #[test]
    fn single_stream_gzip_and_plain_files_use_stream_offsets() {
        let first = html_response("https://e.com/1", "<p>one</p>");
        let plain = [
            first.clone(),
            html_response("https://e.com/2", "<p>two</p>"),
        ]
        .concat();
        for (name, data) in [("a.warc", plain.clone()), ("a.warc.gz", gz(&plain))] {
            let out = collect_bytes(name, &data, &ReadOptions::default());
            assert_eq!(out.len(), 2, "{name}: {out:#?}");
            assert_eq!(out[0].as_ref().unwrap().provenance.record, Some(0));
            assert_eq!(
                out[1].as_ref().unwrap().provenance.record,
                Some(first.len() as u64)
            );
        }
    }

    #[test]
    fn skips_non_html_and_non_2xx_responses_silently() {
        let file = [
            record(
                "response",
                "https://e.com/r",
                &http("301 Moved", "Location: /x\r\n", b""),
            ),
            record(
                "response",
                "https://e.com/i",
                &http("200 OK", "Content-Type: image/png\r\n", b"\x89PNG"),
            ),
            record(
                "response",
                "https://e.com/n",
                &http("404 Not Found", "Content-Type: text/html\r\n", b"<p>no</p>"),
            ),
            record("metadata", "https://e.com/m", b"fetchTimeMs: 5\r\n"),
            record(
                "response",
                "https://e.com/x",
                &http(
                    "200 OK",
                    "Content-Type: application/xhtml+xml\r\n",
                    b"<html/>",
                ),
            ),
            record(
                "response",
                "https://e.com/none",
                &http("200 OK", "Server: x\r\n", b"<p>untyped</p>"),
            ),
        ]
        .concat();
        let out = collect_bytes("a.warc", &file, &ReadOptions::default());
        let urls: Vec<_> = out
            .iter()
            .map(|r| r.as_ref().unwrap().url.clone().unwrap())
            .collect();
        assert_eq!(urls, ["https://e.com/x", "https://e.com/none"]);
    }

    #[test]
    fn decodes_chunked_and_compressed_bodies() {
        let chunked = http(
            "200 OK",
            "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
            b"4\r\n<p>h\r\n6;ext=1\r\nello!<\r\n3\r\n/p>\r\n0\r\n\r\n",
        );
        let gzipped = http(
            "200 OK",
            "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
            &gz(b"<p>zipped</p>"),
        );
        let mut deflater = flate2::write::ZlibEncoder::new(Vec::new(), Compression::fast());
        deflater.write_all(b"<p>deflated</p>").unwrap();
        let deflated = http(
            "200 OK",
            "Content-Type: text/html\r\nContent-Encoding: deflate\r\n",
            &deflater.finish().unwrap(),
        );
        let brotli = http(
            "200 OK",
            "Content-Type: text/html\r\nContent-Encoding: br\r\n",
            b"\x0b\x02",
        );
        let file = [
            record("response", "https://e.com/c", &chunked),
            record("response", "https://e.com/g", &gzipped),
            record("response", "https://e.com/d", &deflated),
            record("response", "https://e.com/b", &brotli),
        ]
        .concat();
        let out = collect_bytes("a.warc", &file, &ReadOptions::default());
        assert_eq!(out.len(), 4);
        assert_eq!(
            out[0].as_ref().unwrap().content,
            Content::Html(b"<p>hello!</p>".to_vec())
        );
        assert_eq!(
            out[1].as_ref().unwrap().content,
            Content::Html(b"<p>zipped</p>".to_vec())
        );
        assert_eq!(
            out[2].as_ref().unwrap().content,
            Content::Html(b"<p>deflated</p>".to_vec())
        );
        let e = out[3].as_ref().unwrap_err();
        assert!(e.message.contains("'br'"), "{}", e.message);
    }

    #[test]
    fn garbage_between_records_is_reported_once_and_reading_resyncs() {
        let one = html_response("https://e.com/1", "<p>one</p>");
        let file = [
            one.clone(),
            b"line noise\r\nmore noise\r\n".to_vec(),
            html_response("https://e.com/2", "<p>two</p>"),
        ]
        .concat();
        let out = collect_bytes("a.warc", &file, &ReadOptions::default());
        assert_eq!(out.len(), 3, "{out:#?}");
        let e = out[1].as_ref().unwrap_err();
        assert_eq!(e.provenance.record, Some(one.len() as u64));
        assert!(e.message.contains("not a WARC record"), "{}", e.message);
        assert_eq!(
            out[2].as_ref().unwrap().url.as_deref(),
            Some("https://e.com/2")
        );
    }

    #[test]
    fn bad_content_length_and_truncation_are_errors() {
        let no_length = b"WARC/1.0\r\nWARC-Type: response\r\n\r\n".to_vec();
        let mut cut = html_response("https://e.com/2", "<p>two</p>");
        cut.truncate(cut.len() - 10);
        let file = [
            no_length.clone(),
            html_response("https://e.com/1", "<p>one</p>"),
            cut,
        ]
        .concat();
        let out = collect_bytes("a.warc", &file, &ReadOptions::default());
        assert_eq!(out.len(), 3, "{out:#?}");
        assert!(
            out[0]
                .as_ref()
                .unwrap_err()
                .message
                .contains("Content-Length")
        );
        assert!(out[1].is_ok());
        let e = out[2].as_ref().unwrap_err();
        assert!(e.message.starts_with("truncated record"), "{}", e.message);
    }

    #[test]
    fn truncated_gzip_member_and_corrupt_member() {
        let one = gz(&html_response("https://e.com/1", "<p>one</p>"));
        let mut bad = gz(&html_response("https://e.com/bad", &"x".repeat(2000)));
        let n = bad.len();
        bad[n / 2] ^= 0x55;
        bad[n / 2 + 1] ^= 0x55;
        let three = gz(&html_response("https://e.com/3", "<p>three</p>"));
        let mut cut = gz(&html_response("https://e.com/4", "<p>four</p>"));
        cut.truncate(cut.len() - 12);
        let file = [one.clone(), bad, three, cut].concat();
        let out = collect_bytes("cc.warc.gz", &file, &ReadOptions::default());
        let urls: Vec<_> = out
            .iter()
            .filter_map(|r| r.as_ref().ok()?.url.clone())
            .collect();
        assert_eq!(urls.first().map(String::as_str), Some("https://e.com/1"));
        assert!(urls.contains(&"https://e.com/3".to_string()), "{out:#?}");
        let errors: Vec<_> = out.iter().filter_map(|r| r.as_ref().err()).collect();
        assert!(
            errors
                .iter()
                .any(|e| e.message.contains("corrupt gzip") || e.message.contains("checksum")),
            "{errors:#?}"
        );
        let last = out.last().unwrap().as_ref().unwrap_err();
        assert!(last.message.starts_with("truncated"), "{}", last.message);
    }

    #[test]
    fn oversized_response_is_an_error_and_reading_goes_on() {
        let big = html_response("https://e.com/big", &"y".repeat(5000));
        let file = [big, html_response("https://e.com/1", "<p>one</p>")].concat();
        let opts = ReadOptions {
            max_record_bytes: 1000,
            ..ReadOptions::default()
        };
        let out = collect_bytes("a.warc", &file, &opts);
        assert_eq!(out.len(), 2);
        assert!(
            out[0]
                .as_ref()
                .unwrap_err()
                .message
                .contains("above the limit")
        );
        assert!(out[1].is_ok());
    }

    #[test]
    fn content_types_are_split() {
        assert_eq!(
            parse_content_type(Some("Text/HTML; Charset=\"utf-8\"")),
            (Some("text/html".into()), Some("utf-8".into()))
        );
        assert_eq!(
            parse_content_type(Some("text/html")),
            (Some("text/html".into()), None)
        );
        assert_eq!(parse_content_type(None), (None, None));
    }
}
