//! Readers that turn news inputs into [`RawDoc`]s.
//!
//! This is the first stage of the Parallax pipeline. [`read`] takes one [`Input`] — a file, a
//! directory, standard input or a URL — and calls a callback once per record, in input order,
//! with either a [`RawDoc`] or a [`RecordError`]. A bad record never stops the batch: it becomes
//! an error that names the input and the record, and reading goes on.
//!
//! Formats are told by file extension first, then by the first bytes; gzip is recognised by its
//! magic number whatever the name:
//!
//! | format | one record is | provenance record |
//! |---|---|---|
//! | HTML (`.html`, `.htm`, or markup) | the file | — |
//! | text (`.txt`, or any other text) | the file, decoded to UTF-8 | — |
//! | JSONL (`.jsonl`, `.ndjson`, `.json`) | a line with `html` or `text` | line number (from 1) |
//! | WARC (`.warc`, `.warc.gz`, or `WARC/…`) | a 2xx HTML `response` record | byte offset |
//! | feed (`.rss`, `.atom`, `.xml`, or a feed root) | an item (its page fetched) | item number (from 1) |
//!
//! Everything streams: a WARC or JSONL file of any size is read with memory bounded by
//! [`ReadOptions::max_record_bytes`] per record.
//!
//! ```no_run
//! use parallax_sources::{read, Input, NoState, ReadOptions};
//! use std::ops::ControlFlow;
//!
//! let mut docs = 0;
//! read(&Input::parse("news/"), &ReadOptions::default(), &mut NoState, &mut |record| {
//!     match record {
//!         Ok(_doc) => docs += 1,
//!         Err(e) => eprintln!("{e}"),
//!     }
//!     ControlFlow::Continue(())
//! });
//! ```

#![warn(missing_docs)]

mod detect;
mod feed;
mod gzip;
mod http;
mod jsonl;
mod stream;
mod text;
mod warc;

pub use detect::Format;
pub use feed::SUBSTANTIAL_ITEM_CHARS;

use crate::detect::{
    id_from_file_name, is_plain_json_name, json_file_is_lines, resolve, skip_in_walk,
};
use crate::gzip::{MemberReader, Members, is_gzip};
use crate::stream::{Prefixed, SNIFF_LEN, read_bounded, read_error_message};
use crate::text::{decode_text, looks_binary};
use parallax_core::{Content, Provenance, RawDoc, RecordError, SourceKind};
use std::cell::RefCell;
use std::fmt;
use std::io::{BufReader, Read};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::Duration;

/// One input named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file or a directory (walked recursively, in sorted order).
    Path(PathBuf),
    /// Standard input.
    Stdin,
    /// An `http://` or `https://` URL: a page or a feed.
    Url(String),
}

impl Input {
    /// Parses a command-line argument: `-` is standard input, an `http://` or `https://` URL is
    /// a URL, anything else is a path.
    pub fn parse(arg: &str) -> Input {
        let lower = arg.get(..8).unwrap_or(arg).to_ascii_lowercase();
        if arg == "-" {
            Input::Stdin
        } else if lower.starts_with("http://") || lower.starts_with("https://") {
            Input::Url(arg.to_string())
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Input::Path(p) => write!(f, "{}", p.display()),
            Input::Stdin => write!(f, "-"),
            Input::Url(u) => write!(f, "{u}"),
        }
    }
}

/// Validators for conditional GET.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    /// The `ETag` the server sent, sent back as `If-None-Match`.
    pub etag: Option<String>,
    /// The `Last-Modified` date the server sent, sent back as `If-Modified-Since`.
    pub last_modified: Option<String>,
}

/// What the fetcher remembers between runs (the CLI backs this with the store).
pub trait FetchState {
    /// The validators saved for `url` by an earlier run, if any.
    fn validators(&self, url: &str) -> Option<Validators>;
    /// Saves the validators a server sent for `url`.
    fn save_validators(&mut self, url: &str, v: &Validators);
    /// True when an article with this URL is already stored, so a feed does not fetch it again.
    fn already_have(&self, url: &str) -> bool;
}

/// A [`FetchState`] that remembers nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoState;

impl FetchState for NoState {
    fn validators(&self, _url: &str) -> Option<Validators> {
        None
    }

    fn save_validators(&mut self, _url: &str, _v: &Validators) {}

    fn already_have(&self, _url: &str) -> bool {
        false
    }
}

/// How inputs are read and fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// The `User-Agent` sent with every request.
    pub user_agent: String,
    /// Time allowed for one whole request (connect, headers and body).
    pub timeout: Duration,
    /// Minimum delay between two requests to one host (`host:port`), across all reads of the
    /// process.
    pub host_interval: Duration,
    /// Largest page or record read; a bigger one is a [`RecordError`] (and is never held in
    /// memory whole).
    pub max_record_bytes: u64,
    /// Whether a feed's item links are fetched over HTTP. When off, items are read from the
    /// text the feed itself carries.
    pub fetch_feed_articles: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            user_agent: format!(
                "parallax/{} (+https://github.com/parallax-news/parallax)",
                env!("CARGO_PKG_VERSION")
            ),
            timeout: Duration::from_secs(20),
            host_interval: Duration::from_secs(1),
            max_record_bytes: 64 * 1024 * 1024,
            fetch_feed_articles: true,
        }
    }
}

/// Reads one input, calling `emit` for every record in input order.
///
/// `emit` returns [`ControlFlow::Break`] to stop early (on Ctrl-C, say); reading then stops
/// before the next record. Directories are walked recursively in sorted path order, skipping
/// hidden entries and files whose extension says they cannot be news (images, PDFs, archives,
/// page assets). Problems with the input itself (a missing file, an unreachable URL) are
/// reported through `emit` as a [`RecordError`] too; this function never panics on bad input.
///
/// For a URL, the body decides what it is: a feed root element makes it a feed, HTML makes it
/// one article page — so a URL that was meant to be a feed but returns an HTML page is read as
/// a page. A `304 Not Modified` answer to the saved validators emits nothing. New validators are
/// saved only when the whole input was read without an error and without being stopped, so
/// that feed items which failed are tried again on the next run.
pub fn read(
    input: &Input,
    opts: &ReadOptions,
    state: &mut dyn FetchState,
    emit: &mut dyn FnMut(Result<RawDoc, RecordError>) -> ControlFlow<()>,
) {
    let mut ctx = Ctx::new(opts, state, emit);
    let _ = match input {
        Input::Path(path) => read_path(&mut ctx, path),
        Input::Stdin => {
            let src = Source::new("-", None).single_kind(SourceKind::Stdin);
            read_stream(&mut ctx, &src, std::io::stdin().lock())
        }
        Input::Url(url) => read_url(&mut ctx, url),
    };
}

/// Reads an input that is already in memory, as if it were a file named `origin`.
///
/// The extension of `origin` is a format hint exactly as for a file (`x.warc`, `x.jsonl`,
/// `x.rss`, `x.txt`); without one the format is sniffed. Feed items are fetched over HTTP only
/// if `opts.fetch_feed_articles` is set. Meant for tests, fuzzing and embedding.
pub fn read_bytes(
    origin: &str,
    bytes: &[u8],
    opts: &ReadOptions,
    state: &mut dyn FetchState,
    emit: &mut dyn FnMut(Result<RawDoc, RecordError>) -> ControlFlow<()>,
) {
    let mut ctx = Ctx::new(opts, state, emit);
    let name = Path::new(origin)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    let src = Source::new(origin, name.as_deref());
    let _ = read_stream(&mut ctx, &src, bytes);
}

/// What every reader needs: the options, the fetch state, the callback and an HTTP client.
pub(crate) struct Ctx<'a> {
    pub(crate) opts: &'a ReadOptions,
    pub(crate) state: &'a mut dyn FetchState,
    emit: &'a mut dyn FnMut(Result<RawDoc, RecordError>) -> ControlFlow<()>,
    http: Option<http::Client>,
    /// How many errors were emitted so far.
    errors: u64,
}

impl<'a> Ctx<'a> {
    fn new(
        opts: &'a ReadOptions,
        state: &'a mut dyn FetchState,
        emit: &'a mut dyn FnMut(Result<RawDoc, RecordError>) -> ControlFlow<()>,
    ) -> Self {
        Ctx {
            opts,
            state,
            emit,
            http: None,
            errors: 0,
        }
    }

    /// Emits a document.
    pub(crate) fn emit_doc(&mut self, doc: RawDoc) -> ControlFlow<()> {
        (self.emit)(Ok(doc))
    }

    /// Emits a read error for `prov`.
    pub(crate) fn fail(&mut self, prov: Provenance, message: impl Into<String>) -> ControlFlow<()> {
        self.errors += 1;
        (self.emit)(Err(RecordError::new(prov, "read", message)))
    }

    /// Emits a document or an error.
    pub(crate) fn emit_result(&mut self, r: Result<RawDoc, RecordError>) -> ControlFlow<()> {
        if r.is_err() {
            self.errors += 1;
        }
        (self.emit)(r)
    }

    /// The HTTP client, built on first use.
    pub(crate) fn http(&mut self) -> &http::Client {
        self.http
            .get_or_insert_with(|| http::Client::new(self.opts))
    }
}

/// Where a stream comes from, and what is already known about its single document.
struct Source<'s> {
    origin: &'s str,
    /// The file name, for the format hint of its extension and the document id.
    name: Option<&'s str>,
    /// Overrides the kind of a single HTML or text document (`Stdin`, `Url`).
    kind: Option<SourceKind>,
    url: Option<&'s str>,
    charset: Option<&'s str>,
    fetched: Option<chrono::DateTime<chrono::Utc>>,
    /// What a file's size says about the decoded length, to size the read buffer once.
    size: SizeHint,
}

/// The length of a file on disk and, when the file starts like gzip, its last four bytes read as
/// a gzip `ISIZE` trailer (the uncompressed length modulo 2³²); zero otherwise.
#[derive(Debug, Clone, Copy, Default)]
struct SizeHint {
    disk: u64,
    gzip_trailer: u64,
}

impl SizeHint {
    /// The capacity to reserve for the decoded bytes, never more than `limit + 1` and never more
    /// than deflate could expand the file to (a forged trailer cannot make it allocate more).
    fn capacity(self, gzip: bool, limit: u64) -> usize {
        /// Deflate's best ratio is a little over 1032:1.
        const MAX_RATIO: u64 = 1032;
        let want = if gzip {
            self.gzip_trailer.min(self.disk.saturating_mul(MAX_RATIO))
        } else {
            self.disk
        };
        usize::try_from(want.min(limit.saturating_add(1))).unwrap_or(0)
    }
}

impl<'s> Source<'s> {
    fn new(origin: &'s str, name: Option<&'s str>) -> Self {
        Source {
            origin,
            name,
            kind: None,
            url: None,
            charset: None,
            fetched: None,
            size: SizeHint::default(),
        }
    }

    fn single_kind(mut self, kind: SourceKind) -> Self {
        self.kind = Some(kind);
        self
    }

    /// The kind to name in an error about the whole input.
    fn input_kind(&self) -> SourceKind {
        self.kind.unwrap_or_else(|| kind_for_name(self.name))
    }
}

fn kind_for_name(name: Option<&str>) -> SourceKind {
    match name.and_then(Format::from_name) {
        Some(Format::Html) => SourceKind::Html,
        Some(Format::Jsonl) => SourceKind::Jsonl,
        Some(Format::Warc) => SourceKind::Warc,
        Some(Format::Feed) => SourceKind::Feed,
        Some(Format::Text) | None => SourceKind::Text,
    }
}

fn read_path(ctx: &mut Ctx<'_>, path: &Path) -> ControlFlow<()> {
    let origin = path.display().to_string();
    match std::fs::metadata(path) {
        Err(e) => {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let kind = kind_for_name(name.as_deref());
            ctx.fail(Provenance::file(origin, kind), open_error_message(&e))
        }
        Ok(meta) if meta.is_dir() => walk(ctx, path),
        Ok(_) => read_file(ctx, path),
    }
}

fn open_error_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory; check the path".into(),
        std::io::ErrorKind::PermissionDenied => {
            "permission denied; check the file's permissions".into()
        }
        _ => format!("could not open it: {e}"),
    }
}

fn walk(ctx: &mut Ctx<'_>, root: &Path) -> ControlFlow<()> {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Err(e) => {
                let path = e.path().unwrap_or(root).display().to_string();
                let reason = match e.io_error() {
                    Some(io) => open_error_message(io),
                    None => e.to_string(),
                };
                ctx.fail(
                    Provenance::file(path, SourceKind::Text),
                    format!("could not read this directory entry: {reason}"),
                )?;
            }
            Ok(entry) => {
                if entry.file_type().is_dir() {
                    continue;
                }
                if entry.depth() > 0 && skip_in_walk(&entry.file_name().to_string_lossy()) {
                    continue;
                }
                read_file(ctx, entry.path())?;
            }
        }
    }
    ControlFlow::Continue(())
}

fn read_file(ctx: &mut Ctx<'_>, path: &Path) -> ControlFlow<()> {
    let origin = path.display().to_string();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let mut src = Source::new(&origin, name.as_deref());
    match std::fs::File::open(path) {
        Ok(file) => {
            src.size = size_hint(&file);
            if src.size.gzip_trailer > 0 && src.size.disk <= WHOLE_GZIP_MAX_DISK {
                return read_small_gzip(ctx, &src, file);
            }
            read_stream(ctx, &src, file)
        }
        Err(e) => ctx.fail(
            Provenance::file(&origin, src.input_kind()),
            open_error_message(&e),
        ),
    }
}

fn read_url(ctx: &mut Ctx<'_>, url: &str) -> ControlFlow<()> {
    let validators = ctx.state.validators(url);
    let page = match ctx.http().get(url, validators.as_ref()) {
        Err(reason) => {
            return ctx.fail(
                Provenance::file(url, SourceKind::Url),
                format!("could not fetch {url}: {reason}"),
            );
        }
        Ok(http::Fetched::NotModified) => return ControlFlow::Continue(()),
        Ok(http::Fetched::Page(page)) => page,
    };
    let errors_before = ctx.errors;
    let mut src = Source::new(url, None).single_kind(SourceKind::Url);
    src.url = Some(&page.final_url);
    src.charset = page.charset.as_deref();
    src.fetched = Some(chrono::Utc::now());
    read_stream(ctx, &src, &page.body[..])?;
    let v = &page.validators;
    if ctx.errors == errors_before && (v.etag.is_some() || v.last_modified.is_some()) {
        ctx.state.save_validators(url, v);
    }
    ControlFlow::Continue(())
}

/// Compressed files up to this size are read whole, so that a single-member gzip file (a saved
/// page, a small dump) is inflated in one call; larger ones (crawl archives) are streamed.
const WHOLE_GZIP_MAX_DISK: u64 = 16 * 1024 * 1024;

/// Reads a small file that may be gzip: one intact member is inflated in one call, anything else
/// (plain data, several members, damage) goes through the streaming reader, which reports it.
fn read_small_gzip(
    ctx: &mut Ctx<'_>,
    src: &Source<'_>,
    mut file: std::fs::File,
) -> ControlFlow<()> {
    let mut data = Vec::with_capacity(usize::try_from(src.size.disk).unwrap_or(0));
    if let Err(e) = file.read_to_end(&mut data) {
        return ctx.fail(
            Provenance::file(src.origin, src.input_kind()),
            read_error_message(&e),
        );
    }
    let limit = ctx.opts.max_record_bytes;
    let max = src.size.capacity(true, limit);
    match gzip::decompress_single_member(&data, max) {
        Some(out) => {
            // A page or a text file (the common case) is handed on as the buffer it was inflated
            // into; anything else is read through the dispatcher like any stream.
            let head = &out[..out.len().min(SNIFF_LEN)];
            if !head.is_empty()
                && let Some(format @ (Format::Html | Format::Text)) =
                    resolve(src.name, head, out.len() < SNIFF_LEN)
            {
                return emit_single(ctx, src, format, out, None);
            }
            let members = Rc::new(RefCell::new(Members::single()));
            let capacity = out.len();
            dispatch(
                ctx,
                src,
                Prefixed::sniff(&out[..], SNIFF_LEN),
                Some(members),
                capacity,
            )
        }
        None => read_stream(ctx, src, &data[..]),
    }
}

/// The size of an open file and its gzip trailer; zeros when they cannot be read (a pipe, a
/// special file), which only costs a few buffer regrowths.
fn size_hint(file: &std::fs::File) -> SizeHint {
    let disk = file
        .metadata()
        .map_or(0, |m| if m.is_file() { m.len() } else { 0 });
    let mut trailer = [0u8; 4];
    let mut magic = [0u8; 3];
    let gzip_trailer = if disk >= 18
        && read_exact_at(file, &mut magic, 0)
        && is_gzip(&magic)
        && read_exact_at(file, &mut trailer, disk - 4)
    {
        u64::from(u32::from_le_bytes(trailer))
    } else {
        0
    };
    SizeHint { disk, gzip_trailer }
}

#[cfg(unix)]
fn read_exact_at(file: &std::fs::File, buf: &mut [u8], offset: u64) -> bool {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset).is_ok()
}

#[cfg(not(unix))]
fn read_exact_at(_file: &std::fs::File, _buf: &mut [u8], _offset: u64) -> bool {
    false
}

/// Reads a stream of any format: undoes gzip, tells the format and hands it to its reader.
fn read_stream<R: Read>(ctx: &mut Ctx<'_>, src: &Source<'_>, reader: R) -> ControlFlow<()> {
    let raw = Prefixed::sniff(reader, SNIFF_LEN);
    let limit = ctx.opts.max_record_bytes;
    if is_gzip(raw.head()) {
        let decoder = MemberReader::new(BufReader::new(raw));
        let members = decoder.members();
        let capacity = src.size.capacity(true, limit);
        dispatch(
            ctx,
            src,
            Prefixed::sniff(decoder, SNIFF_LEN),
            Some(members),
            capacity,
        )
    } else {
        let capacity = src.size.capacity(false, limit);
        dispatch(ctx, src, raw, None, capacity)
    }
}

fn dispatch<R: Read>(
    ctx: &mut Ctx<'_>,
    src: &Source<'_>,
    input: Prefixed<R>,
    members: Option<Rc<RefCell<Members>>>,
    capacity: usize,
) -> ControlFlow<()> {
    let input_prov = |kind| Provenance::file(src.origin, kind);
    if input.head().is_empty() {
        let msg = match (input.pending_error(), &members) {
            (Some(e), _) => read_error_message(e),
            (None, Some(_)) => "empty file: its gzip data decompresses to nothing".to_string(),
            (None, None) => "empty file".to_string(),
        };
        return ctx.fail(input_prov(src.input_kind()), msg);
    }
    let complete = input.head_is_all(SNIFF_LEN);
    let limit = ctx.opts.max_record_bytes;
    match resolve(src.name, input.head(), complete) {
        None => ctx.fail(
            input_prov(src.input_kind()),
            "binary file, not HTML/text/JSONL/WARC/feed",
        ),
        Some(Format::Jsonl)
            if src.name.is_some_and(is_plain_json_name)
                && !json_file_is_lines(input.head(), complete) =>
        {
            json_document(ctx, src, input)
        }
        Some(Format::Jsonl) => {
            jsonl::read(ctx, src.origin, BufReader::with_capacity(64 * 1024, input))
        }
        Some(Format::Warc) => warc::read(
            ctx,
            src.origin,
            BufReader::with_capacity(64 * 1024, input),
            members,
        ),
        Some(Format::Feed) => {
            let (bytes, err) = read_bounded(input, limit, capacity);
            if bytes.len() as u64 > limit {
                return ctx.fail(input_prov(SourceKind::Feed), too_big(limit));
            }
            feed::read(ctx, src.origin, &bytes, src.url)?;
            match err {
                Some(e) => ctx.fail(input_prov(SourceKind::Feed), read_error_message(&e)),
                None => ControlFlow::Continue(()),
            }
        }
        Some(format @ (Format::Html | Format::Text)) => single(ctx, src, format, input, capacity),
    }
}

fn too_big(limit: u64) -> String {
    format!(
        "the input is larger than the limit of {limit} bytes (max_record_bytes); raise the limit \
         or split the input"
    )
}

/// Reads a `.json` file that is not JSON Lines (a pretty-printed object, say) as one record with
/// the same fields as a JSONL line, so that it gives one document or one error rather than an
/// error per line.
fn json_document<R: Read>(
    ctx: &mut Ctx<'_>,
    src: &Source<'_>,
    input: Prefixed<R>,
) -> ControlFlow<()> {
    let limit = ctx.opts.max_record_bytes;
    let prov = Provenance::file(src.origin, SourceKind::Jsonl);
    let (bytes, err) = read_bounded(input, limit, 0);
    if bytes.len() as u64 > limit {
        return ctx.fail(prov, too_big(limit));
    }
    if let Some(e) = err {
        return ctx.fail(prov, read_error_message(&e));
    }
    ctx.emit_result(jsonl::parse_line(&bytes, prov))
}

/// Reads a whole input as one HTML or text document.
fn single<R: Read>(
    ctx: &mut Ctx<'_>,
    src: &Source<'_>,
    format: Format,
    input: Prefixed<R>,
    capacity: usize,
) -> ControlFlow<()> {
    let (bytes, err) = read_bounded(input, ctx.opts.max_record_bytes, capacity);
    emit_single(ctx, src, format, bytes, err)
}

/// Emits the one record of an HTML or text input read whole into `bytes`; `err` is the error
/// that cut the read short, if any (reported after the record, which keeps what was read).
fn emit_single(
    ctx: &mut Ctx<'_>,
    src: &Source<'_>,
    format: Format,
    bytes: Vec<u8>,
    err: Option<std::io::Error>,
) -> ControlFlow<()> {
    let limit = ctx.opts.max_record_bytes;
    let kind = src.kind.unwrap_or(if format == Format::Html {
        SourceKind::Html
    } else {
        SourceKind::Text
    });
    let prov = Provenance::file(src.origin, kind);
    if bytes.len() as u64 > limit {
        return ctx.fail(prov, too_big(limit));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        if err.is_none() {
            ctx.fail(prov.clone(), "empty file: it holds only whitespace")?;
        }
    } else {
        let content = match format {
            Format::Html => Content::Html(bytes),
            _ if looks_binary(&bytes) => {
                return ctx.fail(prov, "binary file, not HTML/text/JSONL/WARC/feed");
            }
            _ => Content::Text(decode_text(&bytes)),
        };
        // A byte-order mark alone, or whitespace in UTF-16, decodes to nothing.
        if matches!(&content, Content::Text(t) if t.trim().is_empty()) {
            return ctx.fail(prov, "empty file: it holds no text");
        }
        let mut doc = RawDoc::new(content, prov.clone());
        doc.id = src.name.map(id_from_file_name);
        doc.url = src.url.map(str::to_string);
        doc.charset = src.charset.map(str::to_string);
        doc.fetched = src.fetched;
        ctx.emit_doc(doc)?;
    }
    match err {
        Some(e) => ctx.fail(prov, read_error_message(&e)),
        None => ControlFlow::Continue(()),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A fetch state that remembers in memory, for tests.
    #[derive(Debug, Default)]
    pub(crate) struct RecordingState {
        pub(crate) have: Vec<String>,
        pub(crate) saved: Vec<(String, Validators)>,
    }

    impl FetchState for RecordingState {
        fn validators(&self, url: &str) -> Option<Validators> {
            self.saved
                .iter()
                .rev()
                .find(|(u, _)| u == url)
                .map(|(_, v)| v.clone())
        }

        fn save_validators(&mut self, url: &str, v: &Validators) {
            self.saved.push((url.to_string(), v.clone()));
        }

        fn already_have(&self, url: &str) -> bool {
            self.have.iter().any(|h| h == url)
        }
    }

    pub(crate) fn collect_bytes_with(
        origin: &str,
        bytes: &[u8],
        opts: &ReadOptions,
        state: &mut dyn FetchState,
    ) -> Vec<Result<RawDoc, RecordError>> {
        let mut out = Vec::new();
        read_bytes(origin, bytes, opts, state, &mut |r| {
            out.push(r);
            ControlFlow::Continue(())
        });
        out
    }

    pub(crate) fn collect_bytes(
        origin: &str,
        bytes: &[u8],
        opts: &ReadOptions,
    ) -> Vec<Result<RawDoc, RecordError>> {
        collect_bytes_with(origin, bytes, opts, &mut NoState)
    }

    pub(crate) fn collect(
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

    #[test]
    fn inputs_are_parsed() {
        assert_eq!(Input::parse("-"), Input::Stdin);
        assert_eq!(
            Input::parse("https://e.com/feed"),
            Input::Url("https://e.com/feed".into())
        );
        assert_eq!(
            Input::parse("HTTP://E.COM/"),
            Input::Url("HTTP://E.COM/".into())
        );
        assert_eq!(
            Input::parse("news/a.html"),
            Input::Path("news/a.html".into())
        );
        assert_eq!(Input::parse("http"), Input::Path("http".into()));
        assert_eq!(Input::parse("ftp://x").to_string(), "ftp://x");
    }

    #[test]
    fn default_options() {
        let o = ReadOptions::default();
        assert!(o.user_agent.starts_with("parallax/0."));
        assert!(
            o.user_agent
                .ends_with("(+https://github.com/parallax-news/parallax)")
        );
        assert_eq!(o.timeout, Duration::from_secs(20));
        assert_eq!(o.host_interval, Duration::from_secs(1));
        assert_eq!(o.max_record_bytes, 64 << 20);
        assert!(o.fetch_feed_articles);
    }

    #[test]
    fn html_file_gets_id_and_bytes() {
        let html = b"<!doctype html><title>T</title><p>Body</p>";
        let out = collect_bytes(
            "dir/a.html.gz",
            &crate::gzip::tests::gz(html),
            &ReadOptions::default(),
        );
        assert_eq!(out.len(), 1);
        let doc = out[0].as_ref().unwrap();
        assert_eq!(doc.id.as_deref(), Some("a"));
        assert_eq!(doc.content, Content::Html(html.to_vec()));
        assert_eq!(
            doc.provenance,
            Provenance::file("dir/a.html.gz", SourceKind::Html)
        );
    }

    #[test]
    fn sniffed_html_without_extension() {
        let out = collect_bytes(
            "page",
            b"\xef\xbb\xbf<html><p>x</p></html>",
            &ReadOptions::default(),
        );
        let doc = out[0].as_ref().unwrap();
        assert!(matches!(doc.content, Content::Html(_)));
        assert_eq!(doc.id.as_deref(), Some("page"));
    }

    #[test]
    fn text_file_is_decoded() {
        let out = collect_bytes(
            "story.sv.txt",
            b"Rubrik\n\nBr\xf6dtext h\xe4r, med \xe5 och \xf6.\n",
            &ReadOptions::default(),
        );
        let doc = out[0].as_ref().unwrap();
        assert_eq!(doc.id.as_deref(), Some("story.sv"));
        assert_eq!(
            doc.content,
            Content::Text("Rubrik\n\nBrödtext här, med å och ö.\n".into())
        );
        assert_eq!(doc.provenance.kind, SourceKind::Text);
    }

    #[test]
    fn a_byte_order_mark_alone_is_an_empty_file() {
        // Found by the `feed` fuzz target: UTF-16 BOM and nothing else.
        for bytes in [
            &b"\xff\xfe"[..],
            b"\xfe\xff",
            b"\xef\xbb\xbf",
            b"\xff\xfe \x00\n\x00",
        ] {
            let out = collect_bytes("bom.xml", bytes, &ReadOptions::default());
            assert_eq!(out.len(), 1, "{bytes:?}");
            assert!(
                out[0]
                    .as_ref()
                    .unwrap_err()
                    .message
                    .starts_with("empty file"),
                "{bytes:?}"
            );
        }
    }

    #[test]
    fn empty_and_binary_files_are_errors() {
        let out = collect_bytes("e.txt", b"", &ReadOptions::default());
        assert_eq!(out[0].as_ref().unwrap_err().message, "empty file");
        let out = collect_bytes("blank.html", b"  \n\t\n", &ReadOptions::default());
        assert!(
            out[0]
                .as_ref()
                .unwrap_err()
                .message
                .starts_with("empty file")
        );
        let out = collect_bytes(
            "e.gz",
            &crate::gzip::tests::gz(b""),
            &ReadOptions::default(),
        );
        assert!(
            out[0]
                .as_ref()
                .unwrap_err()
                .message
                .contains("decompresses to nothing")
        );
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend_from_slice(&[0u8; 200]);
        let out = collect_bytes("image.txt", &png, &ReadOptions::default());
        assert_eq!(out.len(), 1);
        assert_eq!(
            out[0].as_ref().unwrap_err().message,
            "binary file, not HTML/text/JSONL/WARC/feed"
        );
        let out = collect_bytes("noext", &png, &ReadOptions::default());
        assert!(out[0].is_err());
    }

    #[test]
    fn truncated_gzip_html_gives_partial_doc_then_error() {
        let mut html = b"<html><body>".to_vec();
        for i in 0..3000 {
            html.extend_from_slice(format!("<p>Paragraph {i} of a long page.</p>").as_bytes());
        }
        let mut gz = crate::gzip::tests::gz(&html);
        gz.truncate(gz.len() / 2);
        let out = collect_bytes("cut.html.gz", &gz, &ReadOptions::default());
        assert_eq!(out.len(), 2, "{out:?}");
        match &out[0].as_ref().unwrap().content {
            Content::Html(b) => assert!(html.starts_with(b) && b.len() > 1000),
            other => panic!("{other:?}"),
        }
        let e = out[1].as_ref().unwrap_err();
        assert_eq!(e.provenance.origin, "cut.html.gz");
        assert!(e.message.starts_with("truncated gzip"), "{}", e.message);
    }

    #[test]
    fn size_hint_is_bounded_by_the_limit_and_the_deflate_ratio() {
        let h = SizeHint {
            disk: 1000,
            gzip_trailer: 5000,
        };
        assert_eq!(h.capacity(false, 1 << 20), 1000);
        assert_eq!(h.capacity(true, 1 << 20), 5000);
        assert_eq!(h.capacity(true, 100), 101);
        // A forged trailer cannot make a small file reserve gigabytes.
        let forged = SizeHint {
            disk: 20,
            gzip_trailer: u64::from(u32::MAX),
        };
        assert_eq!(forged.capacity(true, u64::MAX), 20 * 1032);
        assert_eq!(SizeHint::default().capacity(true, 1 << 20), 0);
    }

    #[test]
    fn gzip_files_whole_and_truncated_read_as_from_a_stream() {
        let dir = tempfile::tempdir().unwrap();
        let mut html = b"<html><body>".to_vec();
        for i in 0..3000 {
            html.extend_from_slice(format!("<p>Paragraph {i} of a long page.</p>").as_bytes());
        }
        let gz = crate::gzip::tests::gz(&html);
        let whole = dir.path().join("whole.html.gz");
        std::fs::write(&whole, &gz).unwrap();
        let file = std::fs::File::open(&whole).unwrap();
        assert_eq!(size_hint(&file).gzip_trailer, html.len() as u64);
        let out = collect(&Input::Path(whole), &ReadOptions::default(), &mut NoState);
        assert_eq!(out.len(), 1, "{out:?}");
        match &out[0].as_ref().unwrap().content {
            Content::Html(b) => assert_eq!(b, &html),
            other => panic!("{other:?}"),
        }
        // Cut in half, the trailer is garbage: the read gives the same partial page and error.
        let cut = dir.path().join("cut.html.gz");
        std::fs::write(&cut, &gz[..gz.len() / 2]).unwrap();
        let from_file = collect(&Input::Path(cut), &ReadOptions::default(), &mut NoState);
        let from_stream = collect_bytes("cut", &gz[..gz.len() / 2], &ReadOptions::default());
        assert_eq!(from_file.len(), 2, "{from_file:?}");
        assert_eq!(
            from_file[0].as_ref().unwrap().content,
            from_stream[0].as_ref().unwrap().content
        );
        let e = from_file[1].as_ref().unwrap_err();
        assert_eq!(e.message, from_stream[1].as_ref().unwrap_err().message);
        assert!(e.message.starts_with("truncated gzip"), "{}", e.message);
    }

    #[test]
    fn oversized_single_document_is_an_error() {
        let opts = ReadOptions {
            max_record_bytes: 100,
            ..ReadOptions::default()
        };
        let out = collect_bytes("big.html", &[b'<'; 500], &opts);
        assert_eq!(out.len(), 1);
        assert!(
            out[0]
                .as_ref()
                .unwrap_err()
                .message
                .contains("larger than the limit of 100 bytes")
        );
    }

    #[test]
    fn break_stops_reading() {
        let data = "{\"text\": \"a\"}\n".repeat(10);
        let mut seen = 0;
        read_bytes(
            "x.jsonl",
            data.as_bytes(),
            &ReadOptions::default(),
            &mut NoState,
            &mut |_| {
                seen += 1;
                if seen == 3 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            },
        );
        assert_eq!(seen, 3);
    }

    #[test]
    fn gzip_files_read_whole_or_streamed_give_the_same_records() {
        let dir = tempfile::tempdir().unwrap();
        let mut html = b"<html><body>".to_vec();
        for i in 0..3000 {
            html.extend_from_slice(format!("<p>Paragraph {i} of a long page.</p>").as_bytes());
        }
        let one = crate::gzip::tests::gz(&html);
        let cases = [
            ("one.html.gz", one.clone()),
            (
                "two.html.gz",
                [one.clone(), crate::gzip::tests::gz(b"<p>tail</p>")].concat(),
            ),
            ("cut.html.gz", one[..one.len() / 2].to_vec()),
        ];
        for (name, data) in cases {
            let path = dir.path().join(name);
            std::fs::write(&path, &data).unwrap();
            let from_file = collect(
                &Input::Path(path.clone()),
                &ReadOptions::default(),
                &mut NoState,
            );
            let origin = path.display().to_string();
            let from_stream = collect_bytes(&origin, &data, &ReadOptions::default());
            let show = |v: &[Result<RawDoc, RecordError>]| {
                v.iter()
                    .map(|r| match r {
                        Ok(d) => format!("doc {:?} {:?}", d.provenance, d.content),
                        Err(e) => format!("error {:?} {}", e.provenance, e.message),
                    })
                    .collect::<Vec<_>>()
            };
            assert_eq!(show(&from_file), show(&from_stream), "{name}");
        }
    }

    #[test]
    fn directory_tree_is_walked_in_sorted_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/sub")).unwrap();
        std::fs::create_dir_all(root.join(".hidden")).unwrap();
        std::fs::write(root.join("b/sub/z.html"), "<p>z</p>").unwrap();
        std::fs::write(root.join("b/a.txt"), "text a").unwrap();
        std::fs::write(root.join("a.jsonl"), "{\"text\": \"j1\"}\nbad\n").unwrap();
        std::fs::write(root.join("c.html.gz"), crate::gzip::tests::gz(b"<p>c</p>")).unwrap();
        std::fs::write(root.join("photo.jpg"), [0xffu8, 0xd8, 0, 0]).unwrap();
        std::fs::write(root.join(".hidden/x.html"), "<p>x</p>").unwrap();
        std::fs::write(root.join(".dot.html"), "<p>x</p>").unwrap();
        std::fs::write(root.join("empty.txt"), "").unwrap();
        let out = collect(
            &Input::Path(root.to_path_buf()),
            &ReadOptions::default(),
            &mut NoState,
        );
        let names: Vec<String> = out
            .iter()
            .map(|r| {
                let p = match r {
                    Ok(d) => &d.provenance,
                    Err(e) => &e.provenance,
                };
                let rel = Path::new(&p.origin)
                    .strip_prefix(root)
                    .unwrap()
                    .display()
                    .to_string();
                format!(
                    "{rel}{}{}",
                    p.record.map(|n| format!("#{n}")).unwrap_or_default(),
                    if r.is_ok() { "" } else { " err" }
                )
            })
            .collect();
        assert_eq!(
            names,
            [
                "a.jsonl#1",
                "a.jsonl#2 err",
                "b/a.txt",
                "b/sub/z.html",
                "c.html.gz",
                "empty.txt err"
            ]
        );
    }

    #[test]
    fn pretty_printed_json_file_is_one_record() {
        let pretty = b"{\n  \"title\": \"T\",\n  \"text\": \"Body\"\n}\n";
        let out = collect_bytes("doc.json", pretty, &ReadOptions::default());
        assert_eq!(out.len(), 1);
        let doc = out[0].as_ref().unwrap();
        assert_eq!(doc.title.as_deref(), Some("T"));
        assert_eq!(
            doc.provenance,
            Provenance::file("doc.json", SourceKind::Jsonl)
        );
        let out = collect_bytes(
            "gold.json",
            b"{\n  \"body\": [\n    \"x\"\n  ]\n}\n",
            &ReadOptions::default(),
        );
        assert_eq!(out.len(), 1);
        assert!(
            out[0]
                .as_ref()
                .unwrap_err()
                .message
                .contains("no \"html\" or \"text\"")
        );
        // One object per line stays JSON Lines.
        let out = collect_bytes(
            "lines.json",
            b"{\"text\": \"a\"}\n{\"text\": \"b\"}\n",
            &ReadOptions::default(),
        );
        assert_eq!(out.len(), 2);
        assert_eq!(out[1].as_ref().unwrap().provenance.record, Some(2));
    }

    #[test]
    fn stdin_documents_have_the_stdin_kind() {
        for (data, want_text) in [(&b"<p>x</p>"[..], false), (&b"plain words"[..], true)] {
            let mut out = Vec::new();
            let mut emit = |r| {
                out.push(r);
                ControlFlow::Continue(())
            };
            let mut state = NoState;
            let opts = ReadOptions::default();
            let mut ctx = Ctx::new(&opts, &mut state, &mut emit);
            let src = Source::new("-", None).single_kind(SourceKind::Stdin);
            let _ = read_stream(&mut ctx, &src, data);
            let doc = out[0].as_ref().unwrap();
            assert_eq!(doc.provenance, Provenance::file("-", SourceKind::Stdin));
            assert_eq!(matches!(doc.content, Content::Text(_)), want_text);
            assert_eq!(doc.id, None);
        }
    }

    #[test]
    fn missing_path_is_one_error() {
        let out = collect(
            &Input::Path("/definitely/not/here.html".into()),
            &ReadOptions::default(),
            &mut NoState,
        );
        assert_eq!(out.len(), 1);
        let e = out[0].as_ref().unwrap_err();
        assert_eq!(
            e.provenance,
            Provenance::file("/definitely/not/here.html", SourceKind::Html)
        );
        assert!(e.message.contains("no such file"), "{}", e.message);
    }
}
