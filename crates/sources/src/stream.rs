//! Small streaming helpers: sniffing the head of a stream without losing it, and reading lines
//! and blocks with hard size limits while counting the byte offset.

use std::io::{self, BufRead, Read};

/// How many bytes of a stream are looked at to tell its format.
pub(crate) const SNIFF_LEN: usize = 8 * 1024;

/// A reader that first returns a head that was already read, then an error that happened while
/// reading it (once), then the rest of the stream.
pub(crate) struct Prefixed<R> {
    head: Vec<u8>,
    at: usize,
    pending: Option<io::Error>,
    rest: R,
}

impl<R: Read> Prefixed<R> {
    /// Reads up to `len` bytes from `rest` for sniffing. Returns the head (also available through
    /// [`Prefixed::head`]) and a reader that replays everything.
    pub(crate) fn sniff(mut rest: R, len: usize) -> Self {
        let mut head = vec![0u8; len];
        let mut got = 0;
        let mut pending = None;
        while got < len {
            match rest.read(&mut head[got..]) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    pending = Some(e);
                    break;
                }
            }
        }
        head.truncate(got);
        Prefixed {
            head,
            at: 0,
            pending,
            rest,
        }
    }

    /// The bytes read for sniffing.
    pub(crate) fn head(&self) -> &[u8] {
        &self.head
    }

    /// The error that stopped reading the head, if one did (it is still replayed by `read`).
    pub(crate) fn pending_error(&self) -> Option<&io::Error> {
        self.pending.as_ref()
    }

    /// Whether reading the head already hit the end of the stream (or an error).
    pub(crate) fn head_is_all(&self, len: usize) -> bool {
        self.head.len() < len
    }
}

impl<R: Read> Read for Prefixed<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.at < self.head.len() {
            let n = buf.len().min(self.head.len() - self.at);
            buf[..n].copy_from_slice(&self.head[self.at..self.at + n]);
            self.at += n;
            if self.at == self.head.len() {
                self.head = Vec::new();
                self.at = 0;
            }
            return Ok(n);
        }
        if let Some(e) = self.pending.take() {
            return Err(e);
        }
        self.rest.read(buf)
    }
}

/// What [`Tracked::read_line`] found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Line {
    /// A whole line (without its line ending) is in the buffer.
    Full,
    /// The stream ended; the buffer holds the last, unterminated line (possibly empty).
    Eof,
    /// The line was longer than the limit: its first `limit` bytes are in the buffer and the
    /// rest was read and dropped. The field is the full length of the line.
    TooLong(u64),
}

/// A [`BufRead`] wrapper that knows the offset of the next byte.
pub(crate) struct Tracked<R> {
    inner: R,
    pos: u64,
}

impl<R: BufRead> Tracked<R> {
    pub(crate) fn new(inner: R) -> Self {
        Tracked { inner, pos: 0 }
    }

    /// Offset of the next byte to read.
    pub(crate) fn pos(&self) -> u64 {
        self.pos
    }

    /// The bytes available without blocking (empty at the end of the stream).
    pub(crate) fn peek(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    /// Consumes `n` bytes that [`Tracked::peek`] returned.
    pub(crate) fn consume(&mut self, n: usize) {
        self.pos += n as u64;
        self.inner.consume(n);
    }

    /// Reads one line into `out` (cleared first), keeping at most `limit` bytes of it; a line
    /// ending of `\n` or `\r\n` is consumed but not stored.
    pub(crate) fn read_line(&mut self, out: &mut Vec<u8>, limit: usize) -> io::Result<Line> {
        out.clear();
        let mut total: u64 = 0;
        loop {
            let buf = match self.inner.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                strip_cr(out);
                if total > limit as u64 {
                    return Ok(Line::TooLong(total));
                }
                return Ok(Line::Eof);
            }
            let (take, done) = match memchr::memchr(b'\n', buf) {
                Some(i) => (i, true),
                None => (buf.len(), false),
            };
            let room = (limit as u64).saturating_sub(out.len() as u64) as usize;
            out.extend_from_slice(&buf[..take.min(room)]);
            total += take as u64;
            let used = if done { take + 1 } else { take };
            self.consume(used);
            if done {
                if total > limit as u64 {
                    return Ok(Line::TooLong(total));
                }
                strip_cr(out);
                return Ok(Line::Full);
            }
        }
    }

    /// Appends exactly `n` bytes to `out`. Returns how many bytes were read: fewer than `n`
    /// only when the stream ended first.
    pub(crate) fn read_exact_into(&mut self, n: u64, out: &mut Vec<u8>) -> io::Result<u64> {
        let mut left = n;
        while left > 0 {
            let buf = match self.inner.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                break;
            }
            let take = (buf.len() as u64).min(left) as usize;
            out.extend_from_slice(&buf[..take]);
            self.consume(take);
            left -= take as u64;
        }
        Ok(n - left)
    }

    /// Reads and drops `n` bytes. Returns how many were skipped: fewer than `n` only when the
    /// stream ended first.
    pub(crate) fn skip(&mut self, n: u64) -> io::Result<u64> {
        let mut left = n;
        while left > 0 {
            let buf = match self.inner.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                break;
            }
            let take = (buf.len() as u64).min(left) as usize;
            self.consume(take);
            left -= take as u64;
        }
        Ok(n - left)
    }
}

fn strip_cr(line: &mut Vec<u8>) {
    if line.last() == Some(&b'\r') {
        line.pop();
    }
}

/// Reads a whole stream into memory, stopping after `limit + 1` bytes.
///
/// Returns the bytes read and the error that stopped the read, if any (the bytes read before an
/// error are kept, so a truncated gzip file still yields what could be decoded).
pub(crate) fn read_bounded<R: Read>(
    r: R,
    limit: u64,
    capacity: usize,
) -> (Vec<u8>, Option<io::Error>) {
    // Reading straight into the output (no bounce buffer) with the expected size reserved up
    // front copies each byte once; `read_to_end` retries interrupted reads and keeps the bytes
    // read before an error.
    let mut out = Vec::with_capacity(capacity);
    match r.take(limit.saturating_add(1)).read_to_end(&mut out) {
        Ok(_) => (out, None),
        Err(e) => (out, Some(e)),
    }
}

/// The message for an I/O error met while reading a stream.
pub(crate) fn read_error_message(e: &std::io::Error) -> String {
    let msg = e.to_string();
    if msg.starts_with("truncated gzip")
        || msg.starts_with("corrupt gzip")
        || msg.contains("not gzip")
    {
        msg
    } else {
        format!("could not read the input: {msg}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixed_replays_head_then_error_then_rest() {
        struct Failing(u8);
        impl Read for Failing {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                self.0 += 1;
                match self.0 {
                    1 => {
                        buf[..3].copy_from_slice(b"abc");
                        Ok(3)
                    }
                    2 => Err(io::Error::other("boom")),
                    3 => {
                        buf[..2].copy_from_slice(b"de");
                        Ok(2)
                    }
                    _ => Ok(0),
                }
            }
        }
        let mut p = Prefixed::sniff(Failing(0), 10);
        assert_eq!(p.head(), b"abc");
        assert!(p.head_is_all(10));
        let mut buf = [0u8; 10];
        assert_eq!(p.read(&mut buf).unwrap(), 3);
        assert_eq!(p.read(&mut buf).unwrap_err().to_string(), "boom");
        assert_eq!(p.read(&mut buf).unwrap(), 2);
        assert_eq!(&buf[..2], b"de");
        assert_eq!(p.read(&mut buf).unwrap(), 0);
    }

    #[test]
    fn lines_are_bounded_and_offsets_counted() {
        let data = b"short\r\nthis line is long\nlast";
        let mut t = Tracked::new(io::BufReader::with_capacity(4, &data[..]));
        let mut line = Vec::new();
        assert_eq!(t.read_line(&mut line, 8).unwrap(), Line::Full);
        assert_eq!(line, b"short");
        assert_eq!(t.pos(), 7);
        assert_eq!(t.read_line(&mut line, 8).unwrap(), Line::TooLong(17));
        assert_eq!(line, b"this lin");
        assert_eq!(t.read_line(&mut line, 8).unwrap(), Line::Eof);
        assert_eq!(line, b"last");
        assert_eq!(t.pos(), data.len() as u64);
    }

    #[test]
    fn exact_reads_and_skips_stop_at_the_end() {
        let mut t = Tracked::new(&b"0123456789"[..]);
        let mut out = Vec::new();
        assert_eq!(t.read_exact_into(4, &mut out).unwrap(), 4);
        assert_eq!(out, b"0123");
        assert_eq!(t.skip(3).unwrap(), 3);
        assert_eq!(t.skip(10).unwrap(), 3);
        assert_eq!(t.pos(), 10);
    }

    #[test]
    fn bounded_read_stops_one_past_the_limit() {
        let data = vec![7u8; 1000];
        let (out, err) = read_bounded(&data[..], 100, 0);
        assert_eq!(out.len(), 101);
        assert!(err.is_none());
        let (out, _) = read_bounded(&data[..], 5000, 64);
        assert_eq!(out.len(), 1000);
        // An exact capacity is filled without growing; a wrong one is only a hint.
        let (out, _) = read_bounded(&data[..], 5000, 1000);
        assert_eq!((out.len(), out.capacity()), (1000, 1000));
        let (out, _) = read_bounded(&data[..], 5000, 10);
        assert_eq!(out, data);
    }
}
