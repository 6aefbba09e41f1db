//! Imported background knowledge: short texts about entities, from a JSONL file of Wikipedia
//! abstracts or a Wikidata JSON subset.
//!
//! Accepted records (detected one by one, so a file may mix them):
//!
//! * a Wikipedia abstract: `{"title", "abstract", "url"?, "aliases"?: [..], "lang"?}`;
//! * a Wikidata entity: `{"id", "labels": {lang: {"value"}}, "aliases": {lang: [{"value"}]},
//!   "descriptions": {lang: {"value"}}}`.
//!
//! The input may be JSONL (one record a line), a JSON array of records (one line or a dump
//! with one record a line), or a pretty-printed array. Bad records are skipped and counted.

use std::collections::HashMap;
use std::io::{BufRead, Write};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::page::{Background, BackgroundSource};
use crate::text::{norm_name, shorten};

/// Longest record spread over several lines, in bytes; a longer one is skipped as bad.
const MAX_RECORD_BYTES: usize = 16 << 20;
/// Longest background text kept, in characters.
const MAX_TEXT: usize = 600;

/// Why a knowledge file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum KnowledgeError {
    /// Reading the input failed.
    #[error("cannot read the knowledge file: {0}")]
    Io(#[from] std::io::Error),
    /// Nothing in the input is a usable record.
    #[error(
        "no usable record in the knowledge file ({skipped} bad records): expected JSONL of \
         Wikipedia abstracts ({{\"title\", \"abstract\"}}) or Wikidata entities ({{\"id\", \
         \"labels\", \"descriptions\"}}), or a JSON array of them"
    )]
    NoRecords {
        /// How many records were skipped as bad.
        skipped: usize,
    },
}

/// One entry: a title, its names and texts by language.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct Entry {
    title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<String>,
    /// `(language, text)`, language `""` when unknown.
    texts: Vec<(String, String)>,
    /// Whether the texts are full abstracts (preferred) rather than one-line descriptions.
    abstract_text: bool,
}

/// The normalised JSONL line [`Knowledge::to_jsonl`] writes (a Wikipedia-abstract record with
/// extra languages).
#[derive(Serialize)]
struct OutRecord<'a> {
    title: &'a str,
    #[serde(rename = "abstract")]
    abstract_: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    aliases: &'a [String],
    #[serde(skip_serializing_if = "HashMap::is_empty")]
    texts: HashMap<&'a str, &'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    description: bool,
}

/// Background knowledge about entities, looked up by any label or alias (case- and
/// diacritics-insensitive).
#[derive(Debug, Clone, Default)]
pub struct Knowledge {
    entries: Vec<Entry>,
    /// Folded name → entries, title matches first.
    index: HashMap<String, Vec<(u32, bool)>>,
    skipped: usize,
}

impl Knowledge {
    /// Reads a knowledge file. Bad records are skipped and counted ([`Knowledge::skipped`]); an
    /// error only when nothing could be read. Streams: memory holds the entries and at most one
    /// record of the input.
    pub fn from_reader(mut r: impl BufRead) -> Result<Knowledge, KnowledgeError> {
        let mut k = Knowledge::default();
        // Lines of a record spread over several lines (a pretty-printed array), and the depth of
        // braces open in it.
        let mut pending = String::new();
        let mut depth: i64 = 0;
        let mut buf = Vec::new();
        loop {
            buf.clear();
            if r.read_until(b'\n', &mut buf)? == 0 {
                break;
            }
            let line = String::from_utf8_lossy(&buf);
            let t = line.trim();
            let standalone = || {
                let core = t.trim_end_matches(',').trim();
                serde_json::from_str::<Value>(core)
                    .ok()
                    .filter(Value::is_object)
            };
            if pending.is_empty() {
                let bare = t.trim_matches(|c: char| c == '[' || c == ']' || c == ',');
                if bare.trim().is_empty() {
                    continue;
                }
                if let Some(v) = standalone() {
                    k.add(&v);
                    continue;
                }
            } else if line.starts_with('{')
                && let Some(v) = standalone()
            {
                // A whole record at the start of a line while another is open: the open one
                // was broken.
                k.skipped += 1;
                pending.clear();
                depth = 0;
                k.add(&v);
                continue;
            }
            depth += brace_delta(&line);
            pending.push_str(&line);
            if depth <= 0 {
                k.read_chunk(&pending);
                pending.clear();
                depth = 0;
            } else if pending.len() > MAX_RECORD_BYTES {
                k.skipped += 1;
                pending.clear();
                depth = 0;
            }
        }
        if !pending.trim().is_empty() {
            k.read_chunk(&pending);
        }
        if k.entries.is_empty() {
            return Err(KnowledgeError::NoRecords { skipped: k.skipped });
        }
        Ok(k)
    }

    /// Adds one parsed record, or counts it as skipped.
    fn add(&mut self, v: &Value) {
        match parse_record(v) {
            Some(e) => self.push(e),
            None => self.skipped += 1,
        }
    }

    /// Reads every record of a chunk of text: one or more JSON values, separated by
    /// whitespace or commas, possibly inside array brackets.
    fn read_chunk(&mut self, chunk: &str) {
        let mut rest = chunk;
        let mut failing = false;
        loop {
            rest = rest.trim_start_matches(|c: char| {
                c.is_whitespace() || c == ',' || c == '[' || c == ']'
            });
            if rest.is_empty() {
                break;
            }
            let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
            match stream.next() {
                Some(Ok(v)) => {
                    let used = stream.byte_offset();
                    rest = rest.get(used..).unwrap_or("");
                    failing = false;
                    self.add(&v);
                }
                _ => {
                    // Skip to the next line; a run of failing lines counts as one bad record.
                    if !failing {
                        self.skipped += 1;
                    }
                    failing = true;
                    rest = rest.split_once('\n').map_or("", |(_, r)| r);
                }
            }
        }
    }

    fn push(&mut self, e: Entry) {
        let id = self.entries.len() as u32;
        let mut names: Vec<(String, bool)> = vec![(norm_name(&e.title), true)];
        names.extend(e.aliases.iter().map(|a| (norm_name(a), false)));
        names.sort();
        names.dedup_by(|a, b| a.0 == b.0);
        for (n, is_title) in names {
            if n.is_empty() {
                continue;
            }
            let slot = self.index.entry(n).or_default();
            if slot.len() < 16 {
                slot.push((id, is_title));
            }
        }
        self.entries.push(e);
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there is no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Number of records skipped as bad while reading.
    pub fn skipped(&self) -> usize {
        self.skipped
    }

    /// The background of the first of `names` (canonical name first, then aliases) that has an
    /// entry, in `lang` when the entry has a text in it, else English, else any. A title match
    /// beats an alias match, a full abstract beats a one-line description.
    pub fn lookup(&self, names: &[&str], lang: Option<&str>) -> Option<Background> {
        for name in names {
            let Some(hits) = self.index.get(&norm_name(name)) else {
                continue;
            };
            let best = hits.iter().max_by_key(|(id, is_title)| {
                let e = &self.entries[*id as usize];
                (*is_title, e.abstract_text, std::cmp::Reverse(*id))
            })?;
            let e = &self.entries[best.0 as usize];
            let text = pick_text(&e.texts, lang)?;
            return Some(Background {
                text: shorten(&first_sentences(text, 3), MAX_TEXT),
                source: BackgroundSource::Knowledge {
                    title: e.title.clone(),
                    url: e.url.clone(),
                },
            });
        }
        None
    }

    /// Writes a normalised copy, one JSON record a line, that [`Knowledge::from_reader`] reads
    /// back.
    pub fn to_jsonl(&self, mut w: impl Write) -> std::io::Result<()> {
        for e in &self.entries {
            let Some((lang, text)) = e.texts.first() else {
                continue;
            };
            let rec = OutRecord {
                title: &e.title,
                abstract_: text,
                lang: (!lang.is_empty()).then_some(lang.as_str()),
                url: e.url.as_deref(),
                aliases: &e.aliases,
                texts: e
                    .texts
                    .iter()
                    .skip(1)
                    .filter(|(l, _)| !l.is_empty())
                    .map(|(l, t)| (l.as_str(), t.as_str()))
                    .collect(),
                description: !e.abstract_text,
            };
            serde_json::to_writer(&mut w, &rec)?;
            w.write_all(b"\n")?;
        }
        Ok(())
    }
}

/// How many more `{` than `}` a line opens, outside strings.
fn brace_delta(line: &str) -> i64 {
    let (mut d, mut in_str, mut esc) = (0i64, false, false);
    for c in line.chars() {
        if in_str {
            if esc {
                esc = false;
            } else if c == '\\' {
                esc = true;
            } else if c == '"' {
                in_str = false;
            }
        } else {
            match c {
                '"' => in_str = true,
                '{' => d += 1,
                '}' => d -= 1,
                _ => {}
            }
        }
    }
    d
}

fn pick_text<'a>(texts: &'a [(String, String)], lang: Option<&str>) -> Option<&'a str> {
    let find = |l: &str| {
        texts
            .iter()
            .find(|(tl, _)| tl == l)
            .map(|(_, t)| t.as_str())
    };
    lang.and_then(find)
        .or_else(|| find("en"))
        .or_else(|| texts.first().map(|(_, t)| t.as_str()))
}

/// The first `n` sentences of a text.
fn first_sentences(text: &str, n: usize) -> String {
    let sents = crate::text::sentences(text);
    match sents.get(n.saturating_sub(1)) {
        Some(last) if sents.len() > n => {
            let ct = crate::text::CharText::new(text);
            ct.slice(0, last.end).trim().to_string()
        }
        _ => text.trim().to_string(),
    }
}

fn str_of(v: &Value) -> Option<String> {
    v.as_str()
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
}

/// One record to an entry; `None` when it is neither form or has no title or text.
fn parse_record(v: &Value) -> Option<Entry> {
    let obj = v.as_object()?;
    if obj.contains_key("labels") || obj.contains_key("descriptions") {
        return parse_wikidata(v);
    }
    let title = obj.get("title").and_then(str_of)?;
    let text = ["abstract", "text", "extract", "description"]
        .iter()
        .find_map(|k| obj.get(*k).and_then(str_of))?;
    let lang = obj.get("lang").and_then(str_of).unwrap_or_default();
    let mut texts = vec![(lang.to_lowercase(), text)];
    if let Some(more) = obj.get("texts").and_then(Value::as_object) {
        for (l, t) in more {
            if let Some(t) = str_of(t) {
                texts.push((l.to_lowercase(), t));
            }
        }
    }
    let aliases = match obj.get("aliases") {
        Some(Value::Array(a)) => a.iter().filter_map(str_of).collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    Some(Entry {
        title,
        url: obj.get("url").and_then(str_of),
        aliases,
        texts,
        abstract_text: obj.get("description").and_then(Value::as_bool) != Some(true),
    })
}

fn parse_wikidata(v: &Value) -> Option<Entry> {
    let value_of = |x: &Value| x.get("value").and_then(str_of).or_else(|| str_of(x));
    let labels: Vec<(String, String)> = v
        .get("labels")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(l, x)| value_of(x).map(|s| (l.clone(), s)))
                .collect()
        })
        .unwrap_or_default();
    let title = labels
        .iter()
        .find(|(l, _)| l == "en")
        .or_else(|| labels.first())
        .map(|(_, s)| s.clone())?;
    let mut texts: Vec<(String, String)> = v
        .get("descriptions")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(l, x)| value_of(x).map(|s| (l.clone(), s)))
                .collect()
        })
        .unwrap_or_default();
    if texts.is_empty() {
        return None;
    }
    // English first, so the saved copy's main text is English.
    texts.sort_by_key(|(l, _)| l != "en");
    let mut aliases: Vec<String> = labels
        .into_iter()
        .map(|(_, s)| s)
        .filter(|s| *s != title)
        .collect();
    if let Some(m) = v.get("aliases").and_then(Value::as_object) {
        for list in m.values() {
            match list {
                Value::Array(a) => aliases.extend(a.iter().filter_map(value_of)),
                other => aliases.extend(value_of(other)),
            }
        }
    }
    aliases.sort();
    aliases.dedup();
    let url = v
        .get("id")
        .and_then(Value::as_str)
        .filter(|id| id.starts_with('Q') || id.starts_with('P'))
        .map(|id| format!("https://www.wikidata.org/wiki/{id}"));
    Some(Entry {
        title,
        url,
        aliases,
        texts,
        abstract_text: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIKIDATA: &str = r#"{"id":"Q1","labels":{"en":{"value":"Testland"},"sv":{"value":"Testlandet"}},"aliases":{"en":[{"value":"Republic of Test"}]},"descriptions":{"en":{"value":"made-up country"},"sv":{"value":"påhittat land"}}}"#;

    #[test]
    fn reads_abstracts_and_wikidata_and_skips_bad_lines() {
        let input = format!(
            "{}\nnot json\n{}\n{{\"title\":\"No text\"}}\n",
            r#"{"title":"Åre Group","abstract":"A made-up club. It plays chess.","aliases":["AG"],"url":"https://example.org/ag"}"#,
            WIKIDATA
        );
        let k = Knowledge::from_reader(input.as_bytes()).expect("readable");
        assert_eq!(k.len(), 2);
        assert_eq!(k.skipped(), 2);
        let b = k
            .lookup(&["are group"], None)
            .expect("found by folded title");
        assert_eq!(b.text, "A made-up club. It plays chess.");
        let b = k.lookup(&["nothing", "ag"], None).expect("found by alias");
        assert!(
            matches!(b.source, BackgroundSource::Knowledge { ref title, .. } if title == "Åre Group")
        );
        let b = k
            .lookup(&["Testlandet"], Some("sv"))
            .expect("label in another language");
        assert_eq!(b.text, "påhittat land");
        let b = k.lookup(&["republic of test"], Some("de")).expect("alias");
        assert_eq!(b.text, "made-up country");
    }

    #[test]
    fn reads_json_arrays_in_dump_and_pretty_form() {
        let one_line = format!("[{WIKIDATA},{WIKIDATA},{WIKIDATA}]");
        assert_eq!(
            Knowledge::from_reader(one_line.as_bytes())
                .map(|k| k.len())
                .ok(),
            Some(3)
        );
        let dump = format!("[\n{WIKIDATA},\n{WIKIDATA}\n]\n");
        assert_eq!(
            Knowledge::from_reader(dump.as_bytes())
                .map(|k| k.len())
                .ok(),
            Some(2)
        );
        let v: Value = serde_json::from_str(WIKIDATA).unwrap_or(Value::Null);
        let pretty = serde_json::to_string_pretty(&vec![v]).unwrap_or_default();
        assert_eq!(
            Knowledge::from_reader(pretty.as_bytes())
                .map(|k| k.len())
                .ok(),
            Some(1)
        );
    }

    #[test]
    fn a_broken_multi_line_record_does_not_swallow_the_next_ones() {
        let input =
            format!("{{\"title\": \"Broken\", \"abstract\": \"x\"\n{WIKIDATA}\n{WIKIDATA}\n");
        let k = Knowledge::from_reader(input.as_bytes()).expect("readable");
        assert_eq!(k.len(), 2);
        assert_eq!(k.skipped(), 1);
        assert_eq!(brace_delta(r#"{"a": "}{", "b": {"#), 2);
    }

    #[test]
    fn nothing_readable_is_a_clear_error() {
        let e = Knowledge::from_reader("garbage\n{}\n".as_bytes()).err();
        assert!(matches!(e, Some(KnowledgeError::NoRecords { skipped: 2 })));
        assert!(Knowledge::from_reader("".as_bytes()).is_err());
    }

    #[test]
    fn saved_copy_reads_back_the_same() {
        let k = Knowledge::from_reader(WIKIDATA.as_bytes()).expect("readable");
        let mut out = Vec::new();
        k.to_jsonl(&mut out).expect("written");
        let k2 = Knowledge::from_reader(out.as_slice()).expect("read back");
        assert_eq!(k.entries, k2.entries);
        assert_eq!(
            k2.lookup(&["Testlandet"], Some("sv")).map(|b| b.text),
            Some("påhittat land".to_string())
        );
    }
}
