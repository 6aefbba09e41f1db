//! The per-record work between a source and the store: extraction, language, fingerprints.
//!
//! Pure and thread-safe: ingest runs it on worker threads, `parallax extract` on the main one.

use parallax_core::{Article, RawDoc, RecordError, SourceKind};
use parallax_dedup::Signature;

/// An article ready to be deduplicated against the store and stored.
#[derive(Debug, Clone)]
pub struct Analyzed {
    /// The store key: stable for the same record of the same input.
    pub key: String,
    /// The clean article.
    pub article: Article,
    /// The normalised URL, for exact-duplicate detection.
    pub url_norm: Option<String>,
    /// Hash of the normalised body text.
    pub content_hash: u64,
    /// MinHash signature of the body, when it is long enough to compare.
    pub signature: Option<Signature>,
    /// Entities, quotes and figures of the body text (offsets are character offsets into
    /// [`parallax_core::Article::body_text`]), as JSON; `None` when the body is empty.
    pub analysis: Option<String>,
}

/// Extracts `doc` and computes what dedup and the store need; a page without body text is an
/// error. When `stored(url_norm, content_hash)` says that the store already holds
/// an article with the same URL or text, stops after extraction: the writer will record the
/// record as an exact duplicate, which needs neither language, fingerprint nor analysis. Ingest
/// workers ask the store's committed state, so the answer can only be "not yet" too often, never
/// wrong: what the store committed stays.
pub fn analyze_unless_stored(
    doc: &RawDoc,
    stored: &dyn Fn(Option<&str>, u64) -> bool,
) -> Result<Analyzed, RecordError> {
    analyze_with(doc, parallax_extract::extract, true, stored)
}

/// The article of `doc` with its language, as `parallax extract` prints it: a page without body
/// text comes back with its metadata and an empty body. No fingerprints or analysis (the output
/// shows neither).
pub fn extract_lenient(doc: &RawDoc) -> Result<Article, RecordError> {
    let mut article = parallax_extract::extract_lenient(doc)
        .map_err(|e| RecordError::new(doc.provenance.clone(), "extract", e.to_string()))?;
    let body = article.body_text();
    set_language(&mut article, doc, &body);
    Ok(article)
}

fn analyze_with(
    doc: &RawDoc,
    extract: fn(&RawDoc) -> Result<parallax_core::Article, parallax_extract::ExtractError>,
    with_analysis: bool,
    stored: &dyn Fn(Option<&str>, u64) -> bool,
) -> Result<Analyzed, RecordError> {
    let mut article = extract(doc)
        .map_err(|e| RecordError::new(doc.provenance.clone(), "extract", e.to_string()))?;
    let body = article.body_text();
    let url_norm = article
        .url
        .as_deref()
        .or(article.canonical_url.as_deref())
        .and_then(parallax_dedup::normalize_url);
    let content_hash = parallax_dedup::content_hash(&body);
    if !body.is_empty() && stored(url_norm.as_deref(), content_hash) {
        return Ok(Analyzed {
            key: record_key(doc),
            article,
            url_norm,
            content_hash,
            signature: None,
            analysis: None,
        });
    }
    set_language(&mut article, doc, &body);
    let signature = parallax_dedup::minhash(&body);
    let analysis = (with_analysis && !body.is_empty())
        .then(|| {
            serde_json::to_string(&parallax_analysis::analyze(
                &body,
                article.language.as_deref(),
            ))
            .ok()
        })
        .flatten();
    Ok(Analyzed {
        key: record_key(doc),
        article,
        url_norm,
        content_hash,
        signature,
        analysis,
    })
}

/// Sets the article's language: a language the input states wins; otherwise it is detected from
/// the title and the head of `body`, with the page's declaration as a fallback for text too short
/// to tell.
fn set_language(article: &mut Article, doc: &RawDoc, body: &str) {
    let given = doc.lang.as_deref().and_then(parallax_lang::normalize_tag);
    if given.is_some() {
        article.language = given.map(str::to_string);
        return;
    }
    let mut sample = String::new();
    if let Some(t) = &article.title {
        sample.push_str(t);
        sample.push_str(". ");
    }
    // The detector reads only its first SAMPLE_CHARS characters: copy no more of the body.
    let head = body
        .char_indices()
        .nth(parallax_lang::SAMPLE_CHARS)
        .map_or(body, |(i, _)| &body[..i]);
    sample.push_str(head);
    article.language =
        parallax_lang::detect(&sample, article.language.as_deref()).map(str::to_string);
}

/// A stable key for a record: the same input record always gets the same key, so re-ingesting it
/// finds it. Feed items are keyed by their article URL (a feed's item order changes over time).
pub fn record_key(doc: &RawDoc) -> String {
    let basis = match (doc.provenance.kind, &doc.url) {
        (SourceKind::Feed | SourceKind::Url, Some(url)) => {
            parallax_dedup::normalize_url(url).unwrap_or_else(|| url.clone())
        }
        _ => format!(
            "{}\u{0}{}",
            doc.provenance.origin,
            doc.provenance.record.map_or(-1, |r| r as i64)
        ),
    };
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(basis.as_bytes()))[..12].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use parallax_core::{Content, Provenance};

    #[test]
    fn keys_are_stable_and_distinct() {
        let a = RawDoc::new(
            Content::Text("x".into()),
            Provenance::record("d.jsonl", 1, SourceKind::Jsonl),
        );
        let b = RawDoc::new(
            Content::Text("x".into()),
            Provenance::record("d.jsonl", 2, SourceKind::Jsonl),
        );
        assert_eq!(record_key(&a), record_key(&a.clone()));
        assert_ne!(record_key(&a), record_key(&b));
        assert_eq!(record_key(&a).len(), 12);
    }

    #[test]
    fn analyze_fills_language_and_fingerprints() {
        let text = "Everything indicates that one of the factions managed to organize the attack in which over 130 people died. \
            The cells are resurgent in Afghanistan and are penetrating other Central Asian countries, including former Soviet republics. \
            Experts say that the attackers could have taken advantage of the inattention of the services.";
        let doc = RawDoc::new(
            Content::Text(text.into()),
            Provenance::file("a.txt", SourceKind::Text),
        );
        let a = analyze_unless_stored(&doc, &|_, _| false).expect("analyzed");
        assert_eq!(a.article.language.as_deref(), Some("en"));
        assert!(a.signature.is_some());
        assert_ne!(a.content_hash, 0);
        let analysis: serde_json::Value =
            serde_json::from_str(a.analysis.as_deref().unwrap()).unwrap();
        assert!(
            analysis["figures"]
                .as_array()
                .is_some_and(|f| !f.is_empty()),
            "{analysis}"
        );
        // A record whose text the store already holds stops after extraction, with the same
        // content hash (the writer finds the duplicate by it).
        let asked = std::cell::Cell::new(None);
        let d = analyze_unless_stored(&doc, &|_, h| {
            asked.set(Some(h));
            true
        })
        .expect("analyzed");
        assert_eq!(asked.get(), Some(a.content_hash));
        assert_eq!(d.content_hash, a.content_hash);
        assert!(d.analysis.is_none() && d.signature.is_none() && d.article.language.is_none());
    }
}
