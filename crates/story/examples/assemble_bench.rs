//! Times story assembly on a synthetic story: 50 articles of about 5,000 characters each, with
//! analyses precomputed (as the store provides them) and without (analysed on the fly).
//!
//! Run with `cargo run --release -p parallax-story --example assemble_bench [ARTICLES]`.

use std::time::Instant;

use parallax_core::{Article, Block};
use parallax_story::{AssembleOptions, StoryArticle, assemble};

const NAMES: &[&str] = &[
    "Anna Berg",
    "Tomas Lind",
    "Maria Novak",
    "Omar Haddad",
    "Li Wei",
    "Sara Costa",
];
const PLACES: &[&str] = &["Moscow", "Kabul", "Berlin", "Paris", "Warsaw", "Oslo"];
const ORGS: &[&str] = &[
    "Red Cross",
    "United Nations",
    "Interior Ministry",
    "City Council",
];

/// A deterministic pseudo-random generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn sentence(r: &mut Rng) -> String {
    let n = NAMES[r.next(NAMES.len())];
    let p = PLACES[r.next(PLACES.len())];
    let o = ORGS[r.next(ORGS.len())];
    let k = 10 + r.next(200);
    match r.next(5) {
        0 => format!("At least {k} people were killed in the attack near {p}, the {o} said."),
        1 => format!("“We are still counting the victims,” said {n}, a spokesperson for the {o}."),
        2 => format!("Officials in {p} said more than {k} people were injured on Friday."),
        3 => format!("{n} of the {o} says the attackers had prepared the raid for months."),
        _ => format!("The {o} sent teams to {p} as the search went on through the night."),
    }
}

fn article(i: usize, r: &mut Rng) -> Article {
    let mut body = Vec::new();
    let mut len = 0;
    while len < 5_000 {
        let para: String = (0..3).map(|_| sentence(r)).collect::<Vec<_>>().join(" ");
        len += para.len() + 2;
        body.push(Block::paragraph(para));
    }
    Article {
        id: format!("a{i}"),
        title: Some(format!("Attack near Moscow: report {i}")),
        site: Some(format!("Outlet {}", i % 17)),
        language: Some("en".into()),
        published: Some(format!("2024-03-{:02}T{:02}:00:00Z", 22 + i % 3, i % 24)),
        body,
        ..Article::default()
    }
}

fn main() {
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(50);
    let mut r = Rng(0x9e37_79b9_7f4a_7c15);
    let raw: Vec<StoryArticle> = (0..count)
        .map(|i| StoryArticle {
            key: format!("k{i}"),
            article: article(i, &mut r),
            copy_of: (i % 10 == 9).then(|| format!("k{}", i - 1)),
            analysis: None,
        })
        .collect();
    let analysed: Vec<StoryArticle> = raw
        .iter()
        .map(|a| StoryArticle {
            analysis: Some(parallax_analysis::analyze(
                &a.article.body_text(),
                Some("en"),
            )),
            ..a.clone()
        })
        .collect();
    let opts = AssembleOptions::default();
    for (label, input) in [("with analyses", &analysed), ("analysing on the fly", &raw)] {
        let runs = 5;
        let start = Instant::now();
        let mut page = Default::default();
        for i in 0..runs {
            page = assemble(i, input, &[], &opts);
        }
        let per = start.elapsed() / runs as u32;
        println!(
            "{label}: {:.1} ms per story of {} articles ({} figure groups, {} perspectives, {} entities)",
            per.as_secs_f64() * 1e3,
            input.len(),
            page.figures.len(),
            page.perspectives.len(),
            page.entities.len()
        );
    }
}
