//! Indexes N synthetic articles and measures indexing rate and query latency.
//!
//! ```text
//! cargo run --release -p parallax-search --example bench_search -- 100000
//! ```
//!
//! Articles are made of generated words in five scripts (Latin, Cyrillic, Greek, Arabic and
//! Chinese) with a Zipf-like word distribution, plus gazetteer entity names, sites, dates and a
//! few copies. The index is built in a temporary directory that is removed afterwards.

use std::time::{Duration, Instant};

use parallax_search::{IndexDoc, SearchIndex, SearchQuery};

/// A small xorshift generator: reproducible and dependency-free.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// Zipf-like: small indexes are much more likely.
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }
}

struct Lang {
    code: &'static str,
    words: Vec<String>,
    cjk: bool,
}

fn vocabulary(rng: &mut Rng, syllables: &[&str], size: usize) -> Vec<String> {
    (0..size)
        .map(|_| {
            let n = 1 + rng.below(3);
            (0..n)
                .map(|_| syllables[rng.below(syllables.len())])
                .collect()
        })
        .collect()
}

fn languages(rng: &mut Rng) -> Vec<Lang> {
    let latin = [
        "ka", "ra", "to", "me", "li", "sa", "no", "ve", "di", "an", "er", "st", "go", "ri", "ul",
        "ma", "be", "tr", "ös", "ña", "ße", "ką", "że",
    ];
    let cyr = [
        "ра", "то", "ми", "ко", "ст", "ли", "на", "во", "де", "пр", "ов", "ий",
    ];
    let greek = ["κα", "το", "με", "λι", "σα", "νο", "ρι", "ης", "ού", "ερ"];
    let arabic = ["ال", "مر", "كت", "سل", "ين", "ون", "قا", "حد", "بر"];
    let han: Vec<String> = "中国北京上海经济政府发展市场国际会议记者报道城市天气安全问题"
        .chars()
        .map(String::from)
        .collect();
    let han: Vec<&str> = han.iter().map(String::as_str).collect();
    vec![
        Lang {
            code: "en",
            words: vocabulary(rng, &latin, 20_000),
            cjk: false,
        },
        Lang {
            code: "sv",
            words: vocabulary(rng, &latin, 20_000),
            cjk: false,
        },
        Lang {
            code: "pl",
            words: vocabulary(rng, &latin, 20_000),
            cjk: false,
        },
        Lang {
            code: "ru",
            words: vocabulary(rng, &cyr, 20_000),
            cjk: false,
        },
        Lang {
            code: "el",
            words: vocabulary(rng, &greek, 10_000),
            cjk: false,
        },
        Lang {
            code: "ar",
            words: vocabulary(rng, &arabic, 10_000),
            cjk: false,
        },
        Lang {
            code: "zh",
            words: vocabulary(rng, &han, 5_000),
            cjk: true,
        },
    ]
}

const ENTITIES: &[&str] = &[
    "Russia",
    "Ryssland",
    "Ukraine",
    "Kyiv",
    "United States",
    "Germany",
    "Tyskland",
    "China",
    "Poland",
    "Polska",
    "NATO",
    "European Union",
    "Vladimir Putin",
    "Joe Biden",
    "Iran",
    "Israel",
    "Gaza",
    "Hamas",
    "London",
    "Paris",
];

fn text(rng: &mut Rng, lang: &Lang, words: usize) -> String {
    let mut out = String::new();
    for i in 0..words {
        if !lang.cjk && i > 0 {
            out.push(if rng.below(12) == 0 { '.' } else { ' ' });
            if out.ends_with('.') {
                out.push(' ');
            }
        }
        out.push_str(&lang.words[rng.zipf(lang.words.len())]);
    }
    out
}

fn article(rng: &mut Rng, langs: &[Lang], seq: i64) -> IndexDoc {
    let lang = &langs[rng.below(langs.len())];
    let body_words = 150 + rng.below(500);
    let mut entities = Vec::new();
    for _ in 0..rng.below(5) {
        entities.push(ENTITIES[rng.zipf(ENTITIES.len())].to_string());
    }
    let mut body = text(rng, lang, body_words);
    for e in &entities {
        body.push(' ');
        body.push_str(e);
    }
    let title_words = 6 + rng.below(8);
    let day = rng.below(730);
    let site = rng.below(200);
    IndexDoc {
        key: format!("article-{seq}"),
        seq,
        title: Some(text(rng, lang, title_words)),
        body,
        language: Some(lang.code.to_string()),
        site: Some(format!("Site {site}")),
        url: Some(format!("https://news{site}.example.com/a/{seq}")),
        published: Some(format!(
            "{:04}-{:02}-{:02}T{:02}:00:00Z",
            2023 + day / 365,
            1 + (day % 365) / 31,
            1 + (day % 31).min(27),
            rng.below(24)
        )),
        is_copy: rng.below(20) == 0,
        entities,
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: i64 = std::env::args()
        .nth(1)
        .map(|s| s.parse())
        .transpose()
        .map_err(|e| format!("the argument must be a number of articles: {e}"))?
        .unwrap_or(10_000);
    let dir = tempfile::tempdir()?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let langs = languages(&mut rng);

    let mut index = SearchIndex::open(dir.path())?;
    let start = Instant::now();
    let mut bytes = 0usize;
    for seq in 1..=n {
        let doc = article(&mut rng, &langs, seq);
        bytes += doc.body.len();
        index.add(&doc)?;
        if seq % 20_000 == 0 {
            index.commit()?;
        }
    }
    index.commit()?;
    let took = start.elapsed();
    println!(
        "indexed {n} articles ({:.0} MB of body text) in {:.1} s: {:.0} articles/s, last_seq {}",
        bytes as f64 / 1e6,
        took.as_secs_f64(),
        n as f64 / took.as_secs_f64(),
        index.last_seq()
    );
    let size: u64 = std::fs::read_dir(dir.path())?
        .filter_map(|e| e.ok()?.metadata().ok())
        .map(|m| m.len())
        .sum();
    println!("index size: {:.0} MB", size as f64 / 1e6);

    // Reopen read-only, as the server does.
    drop(index);
    let reader = SearchIndex::open_read_only(dir.path())?;
    let word = |rng: &mut Rng, l: usize, rank: usize| {
        let lang = &langs[l];
        lang.words[rng.below(rank.min(lang.words.len()))].clone()
    };
    type Make<'a> = Box<dyn Fn(&mut Rng) -> SearchQuery + 'a>;
    let word = &word;
    let kinds: Vec<(&str, Make)> = vec![
        (
            "common word",
            Box::new(move |r: &mut Rng| q(&word(r, 0, 20))),
        ),
        (
            "rare word",
            Box::new(move |r: &mut Rng| q(&word(r, 1, 20_000))),
        ),
        (
            "two words",
            Box::new(move |r: &mut Rng| q(&format!("{} {}", word(r, 3, 200), word(r, 3, 200)))),
        ),
        (
            "phrase",
            Box::new(move |r: &mut Rng| q(&format!("\"{} {}\"", word(r, 0, 50), word(r, 0, 50)))),
        ),
        (
            "OR query",
            Box::new(move |r: &mut Rng| q(&format!("{} OR {}", word(r, 4, 500), word(r, 5, 500)))),
        ),
        ("CJK", Box::new(move |r: &mut Rng| q(&word(r, 6, 300)))),
        ("gazetteer word", Box::new(move |_: &mut Rng| q("Ryssland"))),
        (
            "entity filter + word",
            Box::new(move |r: &mut Rng| SearchQuery {
                entity: Some("Russia".into()),
                ..q(&word(r, 2, 100))
            }),
        ),
        (
            "empty text + filters (by date)",
            Box::new(move |r: &mut Rng| SearchQuery {
                language: Some(langs_code(r.below(7)).into()),
                since: Some("2023-06-01".into()),
                until: Some("2024-06-30".into()),
                ..SearchQuery::default()
            }),
        ),
        (
            "site filter + word",
            Box::new(move |r: &mut Rng| SearchQuery {
                site: Some(format!("news{}.example", r.below(200))),
                ..q(&word(r, 0, 1000))
            }),
        ),
    ];
    // Warm up, then measure.
    for (_, make) in &kinds {
        reader.search(&make(&mut rng))?;
    }
    let rounds = 200;
    let mut all = Vec::new();
    println!(
        "{:<32} {:>9} {:>9} {:>9}",
        "query kind", "p50 ms", "p99 ms", "avg hits"
    );
    for (name, make) in &kinds {
        let mut times = Vec::with_capacity(rounds);
        let mut totals = 0usize;
        for _ in 0..rounds {
            let query = make(&mut rng);
            let t = Instant::now();
            let r = reader.search(&query)?;
            times.push(t.elapsed());
            totals += r.total;
        }
        times.sort_unstable();
        println!(
            "{name:<32} {:>9.2} {:>9.2} {:>9}",
            percentile(&times, 0.5).as_secs_f64() * 1e3,
            percentile(&times, 0.99).as_secs_f64() * 1e3,
            totals / rounds
        );
        all.extend(times);
    }
    all.sort_unstable();
    println!(
        "{:<32} {:>9.2} {:>9.2}",
        "ALL",
        percentile(&all, 0.5).as_secs_f64() * 1e3,
        percentile(&all, 0.99).as_secs_f64() * 1e3
    );
    Ok(())
}

fn q(text: &str) -> SearchQuery {
    SearchQuery {
        text: text.to_string(),
        ..SearchQuery::default()
    }
}

fn langs_code(i: usize) -> &'static str {
    ["en", "sv", "pl", "ru", "el", "ar", "zh"][i % 7]
}
