//! Gzip decoding that survives damage and knows where every member starts.
//!
//! Common Crawl's WARC files compress each record as its own gzip member, so that a reader can
//! seek straight to a record. [`MemberReader`] decodes such a stream member by member and records,
//! for every member, the offset of its first byte in the *compressed* file next to the offset of
//! its first decompressed byte. A reader of the decompressed stream (the WARC parser) can then
//! name a record by the compressed offset at which `tail -c +N file | zcat` would find it.
//!
//! `flate2`'s own `MultiGzDecoder` stops at the first damaged member and its header parser
//! buffers file names of any length, so this module parses the small gzip header itself (with
//! bounds), lets `flate2` inflate the body, and checks the CRC-32 and length trailer itself.
//! After a damaged member it reports one error and skips to the next gzip magic number; a file
//! that ends inside a member gives one "truncated gzip" error and then a clean end of stream.

use flate2::Crc;
use flate2::bufread::DeflateDecoder;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{self, BufRead, Read};
use std::rc::Rc;

/// The three bytes that open every gzip member that uses deflate (the only method there is).
const MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

/// Longest file name or comment a gzip header may carry before it counts as damaged.
const MAX_HEADER_FIELD: usize = 64 * 1024;

/// Decompresses a whole gzip file that is exactly one intact member, in one call to libdeflate
/// (about twice as fast as streaming inflate), into a buffer of the size its trailer states.
///
/// Returns `None` when the data is anything else (several members, damage, a truncated file, a
/// trailer that does not state the true size, more than `max` bytes): the caller then reads the
/// file with [`MemberReader`], which reports those cases precisely.
pub(crate) fn decompress_single_member(data: &[u8], max: usize) -> Option<Vec<u8>> {
    if !is_gzip(data) || data.len() < 18 {
        return None;
    }
    let stated = u32::from_le_bytes(data[data.len() - 4..].try_into().ok()?) as usize;
    if stated > max {
        return None;
    }
    let mut out = vec![0u8; stated];
    let mut decompressor = libdeflater::Decompressor::new();
    match decompressor.gzip_decompress(data, &mut out) {
        Ok(n) if n == stated => Some(out),
        _ => None,
    }
}

/// Whether `head` starts like a gzip stream.
pub(crate) fn is_gzip(head: &[u8]) -> bool {
    head.starts_with(&MAGIC)
}

/// Where the members of a gzip stream start, in decompressed and compressed bytes.
///
/// Only members whose start has not been looked up yet are kept, and a run of empty members
/// keeps only its last one, so the table stays as small as the read-ahead of the consumer.
#[derive(Debug, Default)]
pub(crate) struct Members {
    starts: VecDeque<(u64, u64)>,
}

impl Members {
    /// The table of a stream that is one member starting at byte 0.
    pub(crate) fn single() -> Members {
        let mut m = Members::default();
        m.push(0, 0);
        m
    }

    fn push(&mut self, decompressed: u64, compressed: u64) {
        if let Some(last) = self.starts.back_mut()
            && last.0 == decompressed
        {
            last.1 = compressed;
            return;
        }
        self.starts.push_back((decompressed, compressed));
    }

    /// Finds the member that holds decompressed byte `decompressed`: returns its compressed
    /// offset and whether the member starts exactly at that byte. Forgets the members before
    /// it, so positions must be asked for in increasing order.
    pub(crate) fn locate(&mut self, decompressed: u64) -> Option<(u64, bool)> {
        while self.starts.get(1).is_some_and(|&(d, _)| d <= decompressed) {
            self.starts.pop_front();
        }
        match self.starts.front() {
            Some(&(d, c)) if d <= decompressed => Some((c, d == decompressed)),
            _ => None,
        }
    }
}

/// A [`BufRead`] that counts the bytes consumed from it.
#[derive(Debug)]
pub(crate) struct Counting<R> {
    inner: R,
    pos: u64,
}

impl<R: BufRead> Counting<R> {
    pub(crate) fn new(inner: R) -> Self {
        Counting { inner, pos: 0 }
    }
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.pos += amt as u64;
        self.inner.consume(amt);
    }
}

enum State<R> {
    /// Between two members (or before the first one).
    Between(Counting<R>),
    /// Just past the magic number of the member that starts at the given offset.
    Header(Counting<R>, u64),
    /// Inflating the body of the member that started at `start`.
    Body {
        dec: Box<DeflateDecoder<Counting<R>>>,
        crc: Crc,
        start: u64,
    },
    /// The stream ended or cannot go on.
    Done,
}

/// Decodes a stream of gzip members, one after the other, recording where each starts.
///
/// Errors are returned once, where they happen; the next read goes on with the next member
/// (or ends the stream when the file ended). Reads never panic on bad input.
pub(crate) struct MemberReader<R> {
    state: State<R>,
    members: Rc<RefCell<Members>>,
    out_pos: u64,
}

impl<R: BufRead> MemberReader<R> {
    /// A decoder for `inner`, which must be positioned at byte 0 of the compressed file.
    pub(crate) fn new(inner: R) -> Self {
        MemberReader {
            state: State::Between(Counting::new(inner)),
            members: Rc::new(RefCell::new(Members::default())),
            out_pos: 0,
        }
    }

    /// The table of member starts, shared with whoever reads the decompressed bytes.
    pub(crate) fn members(&self) -> Rc<RefCell<Members>> {
        Rc::clone(&self.members)
    }
}

fn bad_data(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg)
}

fn truncated(start: u64, what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::UnexpectedEof,
        format!(
            "truncated gzip: the file ends inside the {what} of the compressed member that starts \
             at byte {start}; the file was probably cut off while downloading or copying"
        ),
    )
}

impl<R: BufRead> Read for MemberReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return Ok(0),
                State::Between(mut r) => {
                    let at = r.pos;
                    let (skipped, junk, found) = skip_to_magic(&mut r)?;
                    if found {
                        let start = r.pos - MAGIC.len() as u64;
                        self.state = State::Header(r, start);
                    }
                    if junk {
                        return Err(bad_data(format!(
                            "{skipped} bytes at byte {at} are not gzip data and were skipped"
                        )));
                    }
                }
                State::Header(mut r, start) => match parse_header(&mut r) {
                    Ok(()) => {
                        self.members.borrow_mut().push(self.out_pos, start);
                        self.state = State::Body {
                            dec: Box::new(DeflateDecoder::new(r)),
                            crc: Crc::new(),
                            start,
                        };
                    }
                    Err(HeaderError::Eof) => return Err(truncated(start, "header")),
                    Err(HeaderError::Io(e)) => return Err(e),
                    Err(HeaderError::Bad(msg)) => {
                        self.state = State::Between(r);
                        return Err(bad_data(format!(
                            "corrupt gzip member at byte {start}: {msg}; skipped to the next member"
                        )));
                    }
                },
                State::Body {
                    mut dec,
                    mut crc,
                    start,
                } => match dec.read(buf) {
                    Ok(0) => {
                        let mut r = dec.into_inner();
                        let mut trailer = [0u8; 8];
                        match read_full(&mut r, &mut trailer) {
                            Ok(true) => {}
                            Ok(false) => return Err(truncated(start, "trailer")),
                            Err(e) => return Err(e),
                        }
                        let sum =
                            u32::from_le_bytes([trailer[0], trailer[1], trailer[2], trailer[3]]);
                        let len =
                            u32::from_le_bytes([trailer[4], trailer[5], trailer[6], trailer[7]]);
                        self.state = State::Between(r);
                        if sum != crc.sum() || len != crc.amount() {
                            return Err(bad_data(format!(
                                "corrupt gzip member at byte {start}: its checksum does not match \
                                 its data"
                            )));
                        }
                    }
                    Ok(n) => {
                        crc.update(&buf[..n]);
                        self.out_pos += n as u64;
                        self.state = State::Body { dec, crc, start };
                        return Ok(n);
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                        self.state = State::Body { dec, crc, start };
                    }
                    Err(e) => {
                        let mut r = dec.into_inner();
                        let at_eof = r.fill_buf().map(|b| b.is_empty()).unwrap_or(true);
                        if at_eof {
                            return Err(truncated(start, "data"));
                        }
                        self.state = State::Between(r);
                        return Err(bad_data(format!(
                            "corrupt gzip member at byte {start}: {e}; skipped to the next member"
                        )));
                    }
                },
            }
        }
    }
}

/// Reads exactly `buf.len()` bytes; `Ok(false)` when the stream ends first.
fn read_full<R: Read>(r: &mut R, buf: &mut [u8]) -> io::Result<bool> {
    let mut got = 0;
    while got < buf.len() {
        match r.read(&mut buf[got..]) {
            Ok(0) => return Ok(false),
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(true)
}

/// Skips to the next gzip magic number and consumes it. Returns how many bytes were skipped
/// before it, whether any of them was something other than NUL padding or whitespace, and whether
/// a magic number was found (false at the end of the stream).
fn skip_to_magic<R: BufRead>(r: &mut R) -> io::Result<(u64, bool, bool)> {
    let mut skipped = 0u64;
    let mut junk = false;
    // How many bytes of the magic number the last bytes consumed match.
    let mut matched = 0usize;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            // A partial magic number at the very end is junk too.
            junk |= matched > 0;
            return Ok((skipped + matched as u64, junk, false));
        }
        let mut used = 0;
        let mut found = false;
        for &b in buf {
            used += 1;
            if b == MAGIC[matched] {
                matched += 1;
                if matched == MAGIC.len() {
                    found = true;
                    break;
                }
            } else {
                // The bytes matched so far were not a magic number after all.
                skipped += matched as u64;
                junk |= matched > 0;
                matched = usize::from(b == MAGIC[0]);
                if matched == 0 {
                    skipped += 1;
                    junk |= b != 0 && !b.is_ascii_whitespace();
                }
            }
        }
        r.consume(used);
        if found {
            return Ok((skipped, junk, true));
        }
    }
}

enum HeaderError {
    Eof,
    Bad(String),
    Io(io::Error),
}

impl From<io::Error> for HeaderError {
    fn from(e: io::Error) -> Self {
        HeaderError::Io(e)
    }
}

fn header_bytes<R: BufRead>(r: &mut R, buf: &mut [u8]) -> Result<(), HeaderError> {
    if read_full(r, buf)? {
        Ok(())
    } else {
        Err(HeaderError::Eof)
    }
}

/// Skips a zero-terminated header field, refusing one longer than [`MAX_HEADER_FIELD`].
fn skip_zero_terminated<R: BufRead>(r: &mut R, what: &str) -> Result<(), HeaderError> {
    let mut seen = 0usize;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Err(HeaderError::Eof);
        }
        if let Some(i) = buf.iter().position(|&b| b == 0) {
            r.consume(i + 1);
            return Ok(());
        }
        let n = buf.len();
        seen += n;
        r.consume(n);
        if seen > MAX_HEADER_FIELD {
            return Err(HeaderError::Bad(format!(
                "its {what} is longer than {MAX_HEADER_FIELD} bytes"
            )));
        }
    }
}

/// Parses (and discards) the rest of one gzip member header after its magic number (RFC 1952, section 2.3).
fn parse_header<R: BufRead>(r: &mut R) -> Result<(), HeaderError> {
    // The magic number is already consumed: flags, mtime (4), extra flags, OS.
    let mut fixed = [0u8; 7];
    header_bytes(r, &mut fixed)?;
    let flags = fixed[0];
    if flags & 0xe0 != 0 {
        return Err(HeaderError::Bad("its header sets reserved flags".into()));
    }
    if flags & 0x04 != 0 {
        let mut len = [0u8; 2];
        header_bytes(r, &mut len)?;
        let mut left = u16::from_le_bytes(len) as usize;
        let mut scratch = [0u8; 512];
        while left > 0 {
            let n = left.min(scratch.len());
            header_bytes(r, &mut scratch[..n])?;
            left -= n;
        }
    }
    if flags & 0x08 != 0 {
        skip_zero_terminated(r, "file name")?;
    }
    if flags & 0x10 != 0 {
        skip_zero_terminated(r, "comment")?;
    }
    if flags & 0x02 != 0 {
        let mut crc16 = [0u8; 2];
        header_bytes(r, &mut crc16)?;
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use flate2::Compression;
    use flate2::write::GzEncoder;
    use std::io::Write;

    pub(crate) fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn single_member_is_inflated_whole_and_anything_else_is_refused() {
        let page = b"<html><body><p>One member, inflated in one call.</p></body></html>".repeat(50);
        let one = gz(&page);
        assert_eq!(
            decompress_single_member(&one, 1 << 20).as_deref(),
            Some(&page[..])
        );
        // Two members, a cut file, a damaged body, a lying trailer, a size above the cap, plain
        // data: the streaming reader must handle them.
        let two = [gz(b"first"), gz(b"second")].concat();
        assert_eq!(decompress_single_member(&two, 1 << 20), None);
        assert_eq!(
            decompress_single_member(&one[..one.len() - 9], 1 << 20),
            None
        );
        let mut damaged = one.clone();
        damaged[20] ^= 0xff;
        assert_eq!(decompress_single_member(&damaged, 1 << 20), None);
        let mut lying = one.clone();
        let n = lying.len();
        lying[n - 4..].copy_from_slice(&7u32.to_le_bytes());
        assert_eq!(decompress_single_member(&lying, 1 << 20), None);
        assert_eq!(decompress_single_member(&one, page.len() - 1), None);
        assert_eq!(decompress_single_member(&page, 1 << 20), None);
    }

    /// Reads everything, collecting the data and the error messages in order.
    fn drain<R: Read>(mut r: R) -> (Vec<u8>, Vec<String>) {
        let mut out = Vec::new();
        let mut errors = Vec::new();
        let mut buf = [0u8; 7];
        for _ in 0..10_000 {
            match r.read(&mut buf) {
                Ok(0) => return (out, errors),
                Ok(n) => out.extend_from_slice(&buf[..n]),
                Err(e) => errors.push(e.to_string()),
            }
        }
        panic!("reader did not end");
    }

    #[test]
    fn decodes_members_and_records_their_offsets() {
        let a = gz(b"first member\n");
        let b = gz(b"second\n");
        let mut file = a.clone();
        file.extend_from_slice(&b);
        let reader = MemberReader::new(&file[..]);
        let members = reader.members();
        let (out, errors) = drain(reader);
        assert_eq!(out, b"first member\nsecond\n");
        assert!(errors.is_empty(), "{errors:?}");
        let mut m = members.borrow_mut();
        assert_eq!(m.locate(0), Some((0, true)));
        assert_eq!(m.locate(5), Some((0, false)));
        assert_eq!(m.locate(13), Some((a.len() as u64, true)));
        assert_eq!(m.locate(15), Some((a.len() as u64, false)));
    }

    #[test]
    fn truncated_stream_gives_data_then_one_error() {
        let data: Vec<u8> = (0..20_000u32).flat_map(|i| i.to_le_bytes()).collect();
        let mut file = gz(&data);
        file.truncate(file.len() / 2);
        let (out, errors) = drain(MemberReader::new(&file[..]));
        assert!(!out.is_empty());
        assert!(data.starts_with(&out));
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].starts_with("truncated gzip"), "{}", errors[0]);
    }

    #[test]
    fn truncated_trailer_is_reported() {
        let mut file = gz(b"hello");
        file.truncate(file.len() - 3);
        let (out, errors) = drain(MemberReader::new(&file[..]));
        assert_eq!(out, b"hello");
        assert_eq!(errors.len(), 1);
        assert!(errors[0].contains("trailer"), "{}", errors[0]);
    }

    #[test]
    fn corrupt_member_is_skipped() {
        let a = gz(b"one\n");
        let mut bad = gz(&[b'x'; 300]);
        let n = bad.len();
        bad[n - 8] ^= 0xff; // break the checksum
        let c = gz(b"three\n");
        let file = [a, bad, c].concat();
        let (out, errors) = drain(MemberReader::new(&file[..]));
        assert!(out.starts_with(b"one\n"));
        assert!(out.ends_with(b"three\n"));
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("checksum"), "{}", errors[0]);
    }

    #[test]
    fn garbage_between_members_is_reported_and_padding_is_not() {
        let file = [gz(b"a"), b"junk!".to_vec(), gz(b"b"), vec![0; 10]].concat();
        let (out, errors) = drain(MemberReader::new(&file[..]));
        assert_eq!(out, b"ab");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("not gzip"));
    }

    #[test]
    fn huge_file_name_is_refused_without_buffering_it() {
        let mut file = vec![0x1f, 0x8b, 0x08, 0x08, 0, 0, 0, 0, 0, 0xff];
        file.extend(std::iter::repeat_n(b'n', MAX_HEADER_FIELD + 10));
        let (_, errors) = drain(MemberReader::new(&file[..]));
        assert!(!errors.is_empty());
        assert!(errors[0].contains("file name"), "{}", errors[0]);
    }

    #[test]
    fn random_bytes_after_magic_do_not_panic() {
        let mut seed = 7u64;
        for _ in 0..200 {
            let mut file = MAGIC.to_vec();
            for _ in 0..64 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                file.push((seed >> 56) as u8);
            }
            let _ = drain(MemberReader::new(&file[..]));
        }
    }
}
