//! Pathological inputs: analysis time must stay linear in the text length. Each generator
//! repeats one unit that used to provoke long look-backs or look-aheads (a run-on sentence of
//! attributions, thousands of quotation marks, endless capitalised words, numbers, dashes).
//!
//! `one_megabyte_inputs_finish` runs the formerly quadratic generators at about 1 MB (the
//! others at 128 KB); the ignored
//! `scaling_report` prints timings at 100 KB, 1 MB and 4 MB (run it in release with
//! `--ignored --nocapture`).

use parallax_analysis::analyze;
use std::time::Instant;

/// (name, language, repeated unit, separator between units).
const GENERATORS: &[(&str, &str, &str)] = &[
    (
        "run-on said",
        "en",
        "Ann Lee said 12 were killed in Moscow in 2002, ",
    ),
    (
        "run-on said sv",
        "sv",
        "Anna Lind sa att 12 dog i Stockholm, skriver Per Olsson för DN, ",
    ),
    (
        "run-on according",
        "en",
        "according to Ann Lee, 3 people were injured, ",
    ),
    (
        "run-on de",
        "de",
        "sagte Merkel, die Lage sei ernst, nach Angaben der Polizei ",
    ),
    ("curly quotes", "en", "“We will win,” "),
    ("open quotes", "en", "“a "),
    ("straight quotes", "en", "\"x\" said Smith "),
    ("ptb quotes", "en", "``a '' "),
    ("guillemets", "fr", "« Nous » a déclaré Dupont, "),
    ("dash speech", "pl", "– Mówi Kowalski – "),
    ("dashes", "en", "- "),
    ("capitalised", "en", "Ann Lee Moscow University "),
    (
        "org connectors",
        "en",
        "Center for Studies and Research of the ",
    ),
    ("initials", "en", "U.S. A. B. "),
    ("hyphen names", "en", "ISIS-K IS–KP "),
    ("numbers", "en", "12 killed and 3 injured, "),
    ("number groups", "sv", "1 500 "),
    ("number words", "en", "twenty-one thousand and "),
    ("commas", "en", ", said Smith"),
    ("parentheses", "en", "( Ann Lee ) said "),
    ("colons", "en", "Lee: "),
    ("distinct names", "en", DISTINCT),
    (
        "surname quotes",
        "en",
        "“We won,” said Lee. “Yes,” Ann Lee said. ",
    ),
];

fn build(unit: &str, bytes: usize) -> String {
    if unit == DISTINCT {
        return distinct_names(bytes);
    }
    let n = bytes / unit.len().max(1) + 1;
    let mut s = unit.repeat(n);
    s.push('.');
    s
}

/// Marks the generator of many different person names in one run-on sentence.
const DISTINCT: &str = "<distinct names>";

/// "Abc Defg said 3 died, Abd Defh said …": every speaker a new person.
fn distinct_names(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 64);
    let mut i = 0u32;
    let name = |mut n: u32| {
        let mut w = String::new();
        for _ in 0..4 {
            w.push(char::from(b'a' + (n % 26) as u8));
            n /= 26;
        }
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect::<String>())
            .unwrap_or_default()
    };
    while s.len() < bytes {
        s.push_str(&format!("{} {} said 3 died, ", name(i), name(i / 7 + 5)));
        i += 1;
    }
    s.push('.');
    s
}

/// The generators that were quadratic before windows were capped: run at 1 MB.
const FORMERLY_QUADRATIC: &[&str] = &[
    "run-on said",
    "run-on said sv",
    "run-on de",
    "straight quotes",
    "guillemets",
    "commas",
    "distinct names",
];

#[test]
fn one_megabyte_inputs_finish() {
    for (name, lang, unit) in GENERATORS {
        // The others at 128 KB keep the debug-build test quick.
        let size = if FORMERLY_QUADRATIC.contains(name) {
            1 << 20
        } else {
            128 << 10
        };
        let text = build(unit, size);
        let a = analyze(&text, Some(lang));
        let chars = text.chars().count();
        for q in &a.quotes {
            for s in &q.content_segments {
                assert!(s[0] <= s[1] && s[1] <= chars, "{name}: bad span {s:?}");
            }
        }
        for f in &a.figures {
            assert!(f.span[0] <= f.span[1] && f.span[1] <= chars, "{name}");
        }
    }
}

#[test]
#[ignore = "timing report; run in release with --ignored --nocapture"]
fn scaling_report() {
    for (name, lang, unit) in GENERATORS {
        let mut line = format!("{name:20}");
        let mut per_mb = Vec::new();
        for size in [100 << 10, 1 << 20, 4 << 20] {
            if per_mb.last().is_some_and(|&t: &f64| t > 2.0) {
                line.push_str("  (skipped)");
                break;
            }
            let text = build(unit, size);
            let t = Instant::now();
            let a = analyze(&text, Some(lang));
            let dt = t.elapsed().as_secs_f64();
            std::hint::black_box(a);
            per_mb.push(dt / (size as f64 / f64::from(1 << 20)));
            line.push_str(&format!(" {:>8.3}s", dt));
        }
        line.push_str("   s/MB");
        for t in &per_mb {
            line.push_str(&format!(" {t:.3}"));
        }
        println!("{line}");
    }
}
