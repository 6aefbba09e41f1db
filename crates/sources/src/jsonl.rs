//! JSON Lines dumps: one document per line.
//!
//! Each line is a JSON object with `html` or `text` and optionally `id`, `url`, `title`,
//! `published` (or `date`), `source` and `lang` (or `language`). Lines are read with a hard
//! limit: a line longer than `max_record_bytes` is reported and skipped without being held in
//! memory.

use crate::Ctx;
use crate::stream::{Line, Tracked, read_error_message};
use parallax_core::{Content, Provenance, RawDoc, SourceKind};
use serde_json::{Map, Value};
use std::io::BufRead;
use std::ops::ControlFlow;

/// Reads every line of a JSONL stream.
pub(crate) fn read<R: BufRead>(ctx: &mut Ctx<'_>, origin: &str, reader: R) -> ControlFlow<()> {
    let limit = usize::try_from(ctx.opts.max_record_bytes).unwrap_or(usize::MAX);
    let mut t = Tracked::new(reader);
    let mut line = Vec::new();
    let mut number: u64 = 0;
    loop {
        number += 1;
        let prov = || Provenance::record(origin, number, SourceKind::Jsonl);
        let kind = match t.read_line(&mut line, limit) {
            Ok(kind) => kind,
            Err(e) => {
                ctx.fail(prov(), read_error_message(&e))?;
                // A damaged gzip member is skipped; a truncated file ends here.
                if e.kind() == std::io::ErrorKind::UnexpectedEof {
                    return ControlFlow::Continue(());
                }
                continue;
            }
        };
        match kind {
            Line::TooLong(len) => {
                ctx.fail(
                    prov(),
                    format!(
                        "line is {len} bytes long, above the limit of {limit} bytes; raise \
                         max_record_bytes to read it"
                    ),
                )?;
                continue;
            }
            Line::Eof if line.iter().all(u8::is_ascii_whitespace) => {
                return ControlFlow::Continue(());
            }
            Line::Full | Line::Eof => {}
        }
        if number == 1 && line.starts_with(b"\xef\xbb\xbf") {
            line.drain(..3);
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let result = parse_line(&line, prov());
        ctx.emit_result(result)?;
        if kind == Line::Eof {
            return ControlFlow::Continue(());
        }
    }
}

/// Turns one JSONL line into a document.
pub(crate) fn parse_line(
    line: &[u8],
    prov: Provenance,
) -> Result<RawDoc, parallax_core::RecordError> {
    let fail = |msg: String| Err(parallax_core::RecordError::new(prov.clone(), "read", msg));
    let value: Value = match serde_json::from_slice(line) {
        Ok(v) => v,
        Err(e) => {
            return fail(format!(
                "not valid JSON ({e}); each line must be one JSON object"
            ));
        }
    };
    let Value::Object(obj) = value else {
        return fail(format!(
            "the line is a JSON {}, not an object with an \"html\" or \"text\" field",
            json_type(&value)
        ));
    };
    let content = if let Some(html) = string_field(&obj, &["html"]) {
        Content::Html(html.into_bytes())
    } else if let Some(text) = string_field(&obj, &["text"]) {
        Content::Text(text)
    } else {
        return fail(
            "the object has no \"html\" or \"text\" string field, so there is nothing to read"
                .to_string(),
        );
    };
    let mut doc = RawDoc::new(content, prov);
    doc.id = string_field(&obj, &["id"]);
    doc.url = string_field(&obj, &["url"]);
    doc.title = string_field(&obj, &["title"]);
    doc.published = string_field(&obj, &["published", "date"]);
    doc.source = string_field(&obj, &["source"]);
    doc.lang = string_field(&obj, &["lang", "language"]);
    Ok(doc)
}

/// The first of `keys` that holds a non-empty string (or a number, written out).
fn string_field(obj: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match obj.get(*k) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ReadOptions;
    use crate::tests::collect_bytes;

    #[test]
    fn good_bad_and_blank_lines() {
        let data = concat!(
            "{\"id\": \"a\", \"url\": \"https://e.com/a\", \"html\": \"<p>A</p>\", \"title\": \"T\", \"date\": \"2024-04-21\", \"language\": \"sv\"}\n",
            "\n",
            "   \r\n",
            "not json\n",
            "{\"title\": \"no body\"}\n",
            "[1, 2]\n",
            "{\"id\": 7, \"text\": \"B text\", \"source\": \"Omni\", \"published\": \"2024-01-01\"}\r\n",
            "{\"text\": \"last line without newline\"}"
        );
        let out = collect_bytes("dump.jsonl", data.as_bytes(), &ReadOptions::default());
        assert_eq!(out.len(), 6, "{out:#?}");
        let a = out[0].as_ref().unwrap();
        assert_eq!(a.id.as_deref(), Some("a"));
        assert_eq!(a.content, Content::Html(b"<p>A</p>".to_vec()));
        assert_eq!(a.published.as_deref(), Some("2024-04-21"));
        assert_eq!(a.lang.as_deref(), Some("sv"));
        assert_eq!(
            a.provenance,
            Provenance::record("dump.jsonl", 1, SourceKind::Jsonl)
        );
        let e = out[1].as_ref().unwrap_err();
        assert_eq!(e.provenance.record, Some(4));
        assert!(e.message.contains("not valid JSON"), "{}", e.message);
        assert_eq!(e.to_string().split(':').next(), Some("dump.jsonl line 4"));
        let e = out[2].as_ref().unwrap_err();
        assert_eq!(e.provenance.record, Some(5));
        assert!(e.message.contains("no \"html\" or \"text\""));
        let e = out[3].as_ref().unwrap_err();
        assert!(e.message.contains("JSON array"), "{}", e.message);
        let b = out[4].as_ref().unwrap();
        assert_eq!(b.id.as_deref(), Some("7"));
        assert_eq!(b.content, Content::Text("B text".into()));
        assert_eq!(b.source.as_deref(), Some("Omni"));
        assert_eq!(b.provenance.record, Some(7));
        let c = out[5].as_ref().unwrap();
        assert_eq!(c.provenance.record, Some(8));
    }

    #[test]
    fn overlong_line_is_an_error_and_reading_goes_on() {
        let mut data = b"{\"text\": \"".to_vec();
        data.extend(std::iter::repeat_n(b'x', 5000));
        data.extend_from_slice(b"\"}\n{\"text\": \"short\"}\n");
        let opts = ReadOptions {
            max_record_bytes: 1000,
            ..ReadOptions::default()
        };
        let out = collect_bytes("big.jsonl", &data, &opts);
        assert_eq!(out.len(), 2);
        let e = out[0].as_ref().unwrap_err();
        assert!(
            e.message.contains("above the limit of 1000 bytes"),
            "{}",
            e.message
        );
        assert_eq!(
            out[1].as_ref().unwrap().content,
            Content::Text("short".into())
        );
    }

    #[test]
    fn truncated_gzip_jsonl_keeps_the_lines_before_the_damage() {
        let mut data = Vec::new();
        for i in 0..2000 {
            data.extend_from_slice(
                format!("{{\"id\": \"{i}\", \"text\": \"line {i} {}\"}}\n", i * 7919).as_bytes(),
            );
        }
        let mut gz = crate::gzip::tests::gz(&data);
        gz.truncate(gz.len() * 2 / 3);
        let out = collect_bytes("dump.jsonl.gz", &gz, &ReadOptions::default());
        let docs = out.iter().filter(|r| r.is_ok()).count();
        assert!(docs > 100, "{docs}");
        let last = out.last().unwrap().as_ref().unwrap_err();
        assert!(
            last.message.starts_with("truncated gzip"),
            "{}",
            last.message
        );
        // Any error before the last one is the half line cut by the truncation.
        assert!(out.iter().filter(|r| r.is_err()).count() <= 2);
    }
}
