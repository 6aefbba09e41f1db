//! Optional document vectors for story clustering, from a model the user keeps in a local
//! directory.
//!
//! Parallax clusters across languages without any model (shared names, places, numbers and
//! cognates). Where a user has multilingual word vectors aligned into one space — the fastText
//! `.vec` text format, one file per language, as the MUSE aligned vectors are published — an
//! [`Embedder`] turns each document into one vector in that shared space, so that two reports of
//! one event in different languages are close even when they share no name at all. Nothing is
//! downloaded: [`StaticEmbedder::load_dir`] reads what the user points it at.
//!
//! A document vector is the weighted mean of its words' vectors: words are weighted by smooth
//! inverse frequency (`a / (a + p(w))`, with `p(w)` estimated from the word's rank in the
//! frequency-sorted vector file by Zipf's law), so that function words count little; title words
//! count twice; the result has unit length, so the dot product of two vectors is their cosine.
//!
//! Directory layout: one file per language named `<anything>.<code>.vec` or `<code>.vec`
//! (`wiki.multi.en.vec`, `sv.vec`; `.vec.gz` is read too), where `<code>` is an ISO 639-1
//! code; a file whose name carries no language code (`vectors.vec`) serves every language.

#![warn(missing_docs)]

use flate2::read::MultiGzDecoder;
use rustc_hash::FxHashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Turns a document into a unit-length vector, or `None` when too few of its words are known.
pub trait Embedder: Send + Sync {
    /// The number of dimensions of every vector this embedder returns.
    fn dim(&self) -> usize;
    /// The vector of a document in language `lang` (ISO 639-1; `None` when unknown) from its
    /// title and text.
    fn embed(
        &self,
        lang: Option<&str>,
        title: Option<&str>,
        text: Option<&str>,
    ) -> Option<Vec<f32>>;
}

/// What can go wrong when loading vectors.
#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    /// A file or the directory could not be read.
    #[error("cannot read {path}: {detail}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The operating system's message.
        detail: String,
    },
    /// A line of a vector file is not `word v1 v2 ... vN`.
    #[error(
        "{path} line {line}: {detail}; expected the fastText .vec text format (`word v1 ... vN` per line, an optional `count dim` header)"
    )]
    Format {
        /// The file.
        path: PathBuf,
        /// The 1-based line number.
        line: usize,
        /// What was wrong.
        detail: String,
    },
    /// The directory holds no vector file.
    #[error(
        "{dir} holds no word-vector file: put one fastText .vec file per language there, named like `wiki.multi.en.vec` or `en.vec`"
    )]
    Empty {
        /// The directory.
        dir: PathBuf,
    },
}

/// How much of each vector file to load.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Read at most this many words per file (vector files are sorted by frequency, so these
    /// are the most frequent words). Memory is about `max_words × dim × 4` bytes per language.
    pub max_words: usize,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions { max_words: 100_000 }
    }
}

/// The vectors of one file: a word index into one flat array.
struct Table {
    words: FxHashMap<String, u32>,
    vectors: Vec<f32>,
}

impl Table {
    fn len(&self) -> usize {
        self.words.len()
    }
}

/// Words with their vectors, most frequent first.
pub type WordList = Vec<(String, Vec<f32>)>;

/// The largest vector dimension read (real word vectors have 50 to 1,024).
pub const MAX_DIM: usize = 4096;

/// Smooth-inverse-frequency constant (Arora et al., 2017).
const SIF_A: f32 = 1e-3;

/// Words of a text that are embedded at most (the opening of a long article says what it is
/// about, and the cost stays bounded).
const MAX_TEXT_WORDS: usize = 1_000;

/// Fewer known words than this give no vector: a mean of one or two words says little.
const MIN_KNOWN_WORDS: usize = 3;

/// An [`Embedder`] over static word vectors (see the [crate docs](crate)).
pub struct StaticEmbedder {
    dim: usize,
    /// Language code → table; `""` is the table for every language.
    tables: FxHashMap<String, Table>,
}

impl std::fmt::Debug for StaticEmbedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut langs: Vec<(&str, usize)> = self
            .tables
            .iter()
            .map(|(l, t)| (l.as_str(), t.len()))
            .collect();
        langs.sort_unstable();
        f.debug_struct("StaticEmbedder")
            .field("dim", &self.dim)
            .field("languages", &langs)
            .finish()
    }
}

impl StaticEmbedder {
    /// Loads every vector file in `dir` (see the [crate docs](crate) for the layout). All files
    /// must have the same dimension.
    pub fn load_dir(dir: &Path, opts: &LoadOptions) -> Result<StaticEmbedder, EmbedError> {
        let io = |path: &Path, e: std::io::Error| EmbedError::Io {
            path: path.to_path_buf(),
            detail: e.to_string(),
        };
        let mut files: Vec<(String, PathBuf)> = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(|e| io(dir, e))? {
            let path = entry.map_err(|e| io(dir, e))?.path();
            if let Some(lang) = path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(language_of_file)
            {
                files.push((lang, path));
            }
        }
        if files.is_empty() {
            return Err(EmbedError::Empty {
                dir: dir.to_path_buf(),
            });
        }
        files.sort();
        let mut embedder = StaticEmbedder {
            dim: 0,
            tables: FxHashMap::default(),
        };
        for (lang, path) in files {
            let file = std::fs::File::open(&path).map_err(|e| io(&path, e))?;
            let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
                Box::new(MultiGzDecoder::new(file))
            } else {
                Box::new(file)
            };
            let (dim, table) = read_table(BufReader::new(reader), &path, opts, embedder.dim)?;
            embedder.dim = dim;
            embedder.tables.insert(lang, table);
        }
        Ok(embedder)
    }

    /// Reads one vector file's content (as [`StaticEmbedder::load_dir`] reads each file) into an
    /// embedder that serves every language; `name` names the input in errors.
    pub fn from_reader(
        reader: impl BufRead,
        name: &Path,
        opts: &LoadOptions,
    ) -> Result<StaticEmbedder, EmbedError> {
        let (dim, table) = read_table(reader, name, opts, 0)?;
        let mut tables = FxHashMap::default();
        tables.insert(String::new(), table);
        Ok(StaticEmbedder { dim, tables })
    }

    /// Builds an embedder from in-memory vectors: per language code (`""` for all languages),
    /// its words with their vectors in frequency order. Vectors without `dim` values are skipped.
    pub fn from_words(dim: usize, languages: Vec<(String, WordList)>) -> Self {
        let mut tables = FxHashMap::default();
        for (lang, words) in languages {
            let mut table = Table {
                words: FxHashMap::default(),
                vectors: Vec::new(),
            };
            for (word, v) in words {
                if v.len() == dim && !table.words.contains_key(&word) {
                    table.words.insert(word, table.words.len() as u32);
                    table.vectors.extend(v);
                }
            }
            tables.insert(lang, table);
        }
        StaticEmbedder { dim, tables }
    }

    /// The languages with their own table (ISO 639-1 codes, sorted); `""` stands for a table
    /// that serves every language.
    pub fn languages(&self) -> Vec<&str> {
        let mut l: Vec<&str> = self.tables.keys().map(String::as_str).collect();
        l.sort_unstable();
        l
    }

    fn table(&self, lang: Option<&str>) -> Option<&Table> {
        lang.and_then(|l| self.tables.get(l))
            .or_else(|| self.tables.get(""))
    }
}

impl Embedder for StaticEmbedder {
    fn dim(&self) -> usize {
        self.dim
    }

    fn embed(
        &self,
        lang: Option<&str>,
        title: Option<&str>,
        text: Option<&str>,
    ) -> Option<Vec<f32>> {
        let table = self.table(lang)?;
        let n = table.len().max(1) as f32;
        // Zipf: p(rank r) ≈ 1 / ((r + 1) · H_n), H_n ≈ ln n + γ.
        let harmonic = n.ln() + 0.5772;
        let mut sum = vec![0f32; self.dim];
        let mut known = 0usize;
        let mut add = |word: &str, times: f32| {
            let lower = word.to_lowercase();
            let Some(&row) = table.words.get(&lower) else {
                return;
            };
            let p = 1.0 / ((row as f32 + 1.0) * harmonic);
            let w = times * SIF_A / (SIF_A + p);
            let start = row as usize * self.dim;
            if let Some(v) = table.vectors.get(start..start + self.dim) {
                for (s, x) in sum.iter_mut().zip(v) {
                    *s += w * x;
                }
                known += 1;
            }
        };
        for w in words(title.unwrap_or("")) {
            add(w, 2.0);
        }
        for w in words(text.unwrap_or("")).take(MAX_TEXT_WORDS) {
            add(w, 1.0);
        }
        if known < MIN_KNOWN_WORDS {
            return None;
        }
        let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm <= f32::EPSILON || !norm.is_finite() {
            return None;
        }
        for x in &mut sum {
            *x /= norm;
        }
        Some(sum)
    }
}

/// The dot product of two vectors (their cosine when both have unit length); 0 when the
/// dimensions differ.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    if a.len() != b.len() {
        return 0.0;
    }
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Runs of letters, digits and inner apostrophes/hyphens.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .map(|w| w.trim_matches(|c| c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
}

/// The language a vector file serves: `Some("en")` for `wiki.multi.en.vec` or `en.vec`,
/// `Some("")` for a file without a language code, `None` for files that hold no vectors.
fn language_of_file(name: &str) -> Option<String> {
    let stem = name
        .strip_suffix(".vec.gz")
        .or_else(|| name.strip_suffix(".vec"))?;
    let last = stem.rsplit('.').next().unwrap_or(stem);
    let is_code = last.len() == 2 && last.bytes().all(|b| b.is_ascii_lowercase());
    Some(if is_code {
        last.to_string()
    } else {
        String::new()
    })
}

fn read_table(
    reader: impl BufRead,
    path: &Path,
    opts: &LoadOptions,
    expected_dim: usize,
) -> Result<(usize, Table), EmbedError> {
    let mut dim = expected_dim;
    let mut table = Table {
        words: FxHashMap::default(),
        vectors: Vec::new(),
    };
    let format = |line: usize, detail: String| EmbedError::Format {
        path: path.to_path_buf(),
        line,
        detail,
    };
    for (i, line) in reader.split(b'\n').enumerate() {
        if table.len() >= opts.max_words {
            break;
        }
        let line = line.map_err(|e| EmbedError::Io {
            path: path.to_path_buf(),
            detail: e.to_string(),
        })?;
        let line = String::from_utf8_lossy(&line);
        let mut parts = line.split_ascii_whitespace();
        let Some(word) = parts.next() else {
            continue;
        };
        let values: Vec<&str> = parts.collect();
        if i == 0 && values.len() == 1 && word.parse::<u64>().is_ok() {
            // The `count dim` header.
            let d: usize = values[0]
                .parse()
                .map_err(|_| format(1, format!("bad dimension {:?}", values[0])))?;
            if d == 0 || d > MAX_DIM {
                return Err(format(
                    1,
                    format!("dimension {d} is not between 1 and {MAX_DIM}"),
                ));
            }
            if dim != 0 && d != dim {
                return Err(format(1, format!("dimension {d}, other files have {dim}")));
            }
            dim = d;
            continue;
        }
        if dim == 0 {
            if values.len() > MAX_DIM {
                return Err(format(
                    i + 1,
                    format!("{} values; at most {MAX_DIM} are supported", values.len()),
                ));
            }
            dim = values.len();
        }
        if values.len() != dim {
            return Err(format(
                i + 1,
                format!("{} values, expected {dim}", values.len()),
            ));
        }
        let lower = word.to_lowercase();
        if table.words.contains_key(&lower) {
            continue;
        }
        for v in values {
            let x: f32 = v
                .parse()
                .map_err(|_| format(i + 1, format!("{v:?} is not a number")))?;
            table.vectors.push(if x.is_finite() { x } else { 0.0 });
        }
        table.words.insert(lower, table.words.len() as u32);
    }
    if dim == 0 {
        return Err(format(1, "no vectors".to_string()));
    }
    Ok((dim, table))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// Two "languages" whose words for the same things share vectors, as aligned vectors do.
    fn aligned() -> StaticEmbedder {
        let v = |x: [f32; 4]| x.to_vec();
        let en = vec![
            ("the".into(), v([0.1, 0.1, 0.1, 0.1])),
            ("earthquake".into(), v([1.0, 0.0, 0.0, 0.0])),
            ("rescuers".into(), v([0.8, 0.2, 0.0, 0.0])),
            ("election".into(), v([0.0, 0.0, 1.0, 0.0])),
            ("votes".into(), v([0.0, 0.1, 0.9, 0.0])),
            ("city".into(), v([0.0, 0.5, 0.0, 0.5])),
        ];
        let sv = vec![
            ("jordbävning".into(), v([0.95, 0.05, 0.0, 0.0])),
            ("räddningsarbetare".into(), v([0.8, 0.25, 0.0, 0.0])),
            ("staden".into(), v([0.0, 0.5, 0.0, 0.5])),
            ("val".into(), v([0.0, 0.0, 1.0, 0.0])),
        ];
        StaticEmbedder::from_words(4, vec![("en".into(), en), ("sv".into(), sv)])
    }

    #[test]
    fn reports_of_one_event_in_two_languages_are_close() {
        let e = aligned();
        let a = e
            .embed(Some("en"), Some("Earthquake: rescuers in the city"), None)
            .expect("vector");
        let b = e
            .embed(
                Some("sv"),
                Some("Jordbävning: räddningsarbetare i staden"),
                None,
            )
            .expect("vector");
        let c = e
            .embed(Some("en"), Some("Election: the city votes"), None)
            .expect("vector");
        assert!((cosine(&a, &a) - 1.0).abs() < 1e-4);
        assert!(cosine(&a, &b) > 0.95, "{}", cosine(&a, &b));
        assert!(cosine(&a, &c) < cosine(&a, &b) - 0.3);
    }

    #[test]
    fn too_few_known_words_or_an_unknown_language_give_no_vector() {
        let e = aligned();
        assert!(e.embed(Some("en"), Some("Earthquake"), None).is_none());
        assert!(
            e.embed(Some("fi"), Some("Maanjäristys kaupungissa tänään"), None)
                .is_none()
        );
        assert!(e.embed(Some("en"), None, None).is_none());
    }

    #[test]
    fn loads_a_directory_and_names_bad_lines() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut f = std::fs::File::create(dir.path().join("wiki.multi.en.vec")).expect("create");
        writeln!(f, "3 2\nthe 0.1 0.1\nfire 1 0\nsmoke 0.9 0.1").expect("write");
        let mut g = std::fs::File::create(dir.path().join("sv.vec")).expect("create");
        writeln!(g, "brand 1 0\nrök 0.9 0.1\noch 0.1 0.1").expect("write");
        std::fs::write(dir.path().join("README.txt"), "not vectors").expect("write");
        let e = StaticEmbedder::load_dir(dir.path(), &LoadOptions::default()).expect("load");
        assert_eq!(e.dim(), 2);
        assert_eq!(e.languages(), vec!["en", "sv"]);
        let a = e.embed(Some("en"), Some("Fire and smoke, the fire"), None);
        let b = e.embed(Some("sv"), Some("Brand och rök, brand"), None);
        assert!(cosine(&a.expect("en"), &b.expect("sv")) > 0.95);

        std::fs::write(dir.path().join("de.vec"), "feuer 1 0\nrauch 0.5\n").expect("write");
        let err =
            StaticEmbedder::load_dir(dir.path(), &LoadOptions::default()).expect_err("bad line");
        let msg = err.to_string();
        assert!(
            msg.contains("de.vec line 2") && msg.contains("1 values, expected 2"),
            "{msg}"
        );

        let empty = tempfile::tempdir().expect("tempdir");
        let err =
            StaticEmbedder::load_dir(empty.path(), &LoadOptions::default()).expect_err("empty");
        assert!(err.to_string().contains("no word-vector file"));
    }

    #[test]
    fn absurd_dimensions_are_errors_not_allocations() {
        let name = Path::new("bad.vec");
        let opts = LoadOptions::default();
        let err = StaticEmbedder::from_reader("1 999999999999\n".as_bytes(), name, &opts)
            .expect_err("dimension");
        assert!(err.to_string().contains("bad.vec line 1"), "{err}");
        let ok = StaticEmbedder::from_reader("a 1 0\nb 0 1\n".as_bytes(), name, &opts)
            .expect("two words");
        assert_eq!(ok.dim(), 2);
        assert!(StaticEmbedder::from_reader("".as_bytes(), name, &opts).is_err());
    }

    #[test]
    fn max_words_bounds_what_is_loaded() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("vectors.vec"), "a 1 0\nb 0 1\nc 1 1\n").expect("write");
        let e = StaticEmbedder::load_dir(dir.path(), &LoadOptions { max_words: 2 }).expect("load");
        assert_eq!(e.languages(), vec![""]);
        assert_eq!(e.tables.get("").map(Table::len), Some(2));
    }

    #[test]
    fn file_names_give_languages() {
        assert_eq!(language_of_file("wiki.multi.en.vec").as_deref(), Some("en"));
        assert_eq!(language_of_file("sv.vec.gz").as_deref(), Some("sv"));
        assert_eq!(language_of_file("vectors.vec").as_deref(), Some(""));
        assert_eq!(language_of_file("notes.txt"), None);
    }
}
