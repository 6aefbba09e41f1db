//! Country and territory names across languages and scripts, from the Unicode CLDR.
//!
//! Stories and entities need "Ryssland", "Rosja", "Россия" and "روسيا" to be one place. Writing
//! those names by hand covers a few dozen countries in a few languages; CLDR, the Unicode
//! Consortium's locale data, names every territory in every language, and ICU4X ships that data
//! compiled into the binary, so no file is read at run time. [`regions`] reads the display names
//! of every ISO 3166 territory in each of [`LANGUAGES`] once, on first use (well under a
//! millisecond), and cleans them into names as news text writes them:
//!
//! * CLDR's qualifiers become separate names: "Myanmar (Burma)" gives "Myanmar" and "Burma";
//!   "Hong Kong SAR China" also gives "Hong Kong";
//! * "&" is also spelled out ("Bosnia & Herzegovina" gives "Bosnia and Herzegovina");
//! * names that name two territories ("Congo - Kinshasa" and "Congo - Brazzaville" both shorten
//!   to "Congo") keep only their full form;
//! * a name that is also an everyday word in another supported language is left out
//!   ([`FALSE_FRIENDS`]: Swedish and German "Island" is Iceland, but "island" is an English
//!   word), since gazetteers match words case-insensitively across languages.
//!
//! Hand-kept tables (adjectives, cities, inflected forms, organisations) stay with their users
//! (the clusterer and the entity finder); this crate only adds the territory names they lack.

#![warn(missing_docs)]

use icu_experimental::displaynames::{DisplayNamesOptions, RegionDisplayNames, Style};
use icu_locale_core::Locale;
use icu_locale_core::subtags::Region as RegionCode;
use std::collections::HashMap;
use std::sync::LazyLock;

/// The languages whose names are read (ISO 639-1 codes; "nb" for Norwegian Bokmål).
pub const LANGUAGES: &[&str] = &[
    "en", "sv", "nb", "da", "fi", "pl", "de", "nl", "fr", "es", "it", "pt", "ru", "uk", "cs", "sk",
    "sl", "hr", "tr", "ar", "fa", "zh", "ja", "ko", "el", "hu", "ro",
];

/// Territory codes that name no place news would mean: unknown, pseudo-locales, and groupings
/// ("Outlying Oceania", "Eurozone").
const SKIPPED_CODES: &[&str] = &["ZZ", "XA", "XB", "QO", "EZ"];

/// Lowercase names left out because they are everyday words (or common first names) in a
/// supported language, which a gazetteer matching words case-insensitively across languages would
/// turn into places.
pub const FALSE_FRIENDS: &[&str] = &[
    "island",   // Iceland in sv/da/nb/de; "island" in English
    "chile",    // "chile" (chili pepper) in Spanish
    "chili",    // Chile in French; the pepper in English
    "réunion",  // "réunion" (meeting) in French
    "reunion",  // the same without its accent
    "turkey",   // the bird in English
    "jersey",   // the garment
    "guernsey", // the garment and the breed
    "jordan",   // a first name
    "chad",     // a first name
    "georgia",  // a first name and a US state
    "guinea",   // "guinea pig", "guinea fowl"
    "mali",     // "small" in Slovene and Croatian
    "malte",    // Malta in French; a first name
    "oman",     // "delusion" in Czech and Slovak
    "peru",     // "turkey" (the bird) in Portuguese
    "monaco",   // "monk" in Italian
    "malta",    // "mortar" in Italian and Portuguese
    "kuba",     // Cuba in several languages; a Polish first name
    "czad",     // Chad in Polish; "smoke" in Polish
    "čad",      // Chad in Slovene and Croatian; "soot"
    "maurice",  // Mauritius in French; a first name
    "gana",     // Ghana in Portuguese; "desire" in Spanish
    "inde",     // India in French; "inside" in Danish and Norwegian
    "tunis",    // Tunisia in Swedish, but first the capital city
    "hellas",   // Greece in Norwegian; also a sports club name
];

/// Names in a cased alphabet shorter than this many letters are left out (abbreviations such as
/// "VS", "SAD" or "RU" collide with words and codes), except English ones ("UK"). Names with a
/// dot ("É.-U.") are abbreviations too.
const MIN_LETTERS: usize = 4;

/// One territory and its names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// The ISO 3166 code ("RU").
    pub code: String,
    /// The English name, without CLDR's qualifiers ("Russia"; "Myanmar" for "Myanmar (Burma)",
    /// "Hong Kong" for "Hong Kong SAR China").
    pub english: String,
    /// Every cleaned name in every language of [`LANGUAGES`], each once, in reading order (the
    /// English names first).
    pub names: Vec<String>,
}

/// Every territory CLDR names in English, with its names in [`LANGUAGES`]. Built on first use.
pub fn regions() -> &'static [Region] {
    &REGIONS
}

/// The territory with this ISO 3166 code ("RU", case-insensitive).
pub fn region(code: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.code.eq_ignore_ascii_case(code))
}

static REGIONS: LazyLock<Vec<Region>> = LazyLock::new(build);

fn display_names(lang: &str, style: Option<Style>) -> Option<RegionDisplayNames> {
    let locale: Locale = lang.parse().ok()?;
    let mut options = DisplayNamesOptions::default();
    options.style = style;
    RegionDisplayNames::try_new(locale.into(), options).ok()
}

/// A territory as read from CLDR, before names shared with other territories are dropped:
/// (code, English name, [(name, whether it is a whole long-form name)]).
type Found = (String, String, Vec<(String, bool)>);

fn build() -> Vec<Region> {
    let tables: Vec<(RegionDisplayNames, Option<RegionDisplayNames>)> = LANGUAGES
        .iter()
        .filter_map(|lang| {
            let long = display_names(lang, None)?;
            Some((long, display_names(lang, Some(Style::Short))))
        })
        .collect();
    let Some((english, _)) = tables.first() else {
        return Vec::new();
    };
    // Every region with its candidate names: (name, primary) where a primary name is a whole
    // long-form display name, not a part or a short form.
    let mut found: Vec<Found> = Vec::new();
    for a in b'A'..=b'Z' {
        for b in b'A'..=b'Z' {
            let bytes = [a, b];
            let Ok(code) = RegionCode::try_from_utf8(&bytes) else {
                continue;
            };
            if SKIPPED_CODES.contains(&code.as_str()) {
                continue;
            }
            let Some(english_name) = english.of(code) else {
                continue;
            };
            let mut names: Vec<(String, bool)> = Vec::new();
            // Lowercase name → its index in `names`.
            let mut seen: HashMap<String, usize> = HashMap::new();
            for (i, (long, short)) in tables.iter().enumerate() {
                let whole = [
                    (long.of(code), true),
                    (short.as_ref().and_then(|s| s.of(code)), false),
                ];
                for (raw, is_long) in whole {
                    let Some(raw) = raw else { continue };
                    for (j, name) in clean(raw).into_iter().enumerate() {
                        let lower = name.to_lowercase();
                        let primary = is_long && j == 0;
                        if let Some(&k) = seen.get(&lower) {
                            if let Some((_, p)) = names.get_mut(k) {
                                *p |= primary;
                            }
                            continue;
                        }
                        if !acceptable(&name, &lower, i == 0) {
                            continue;
                        }
                        seen.insert(lower, names.len());
                        names.push((name, primary));
                    }
                }
            }
            found.push((code.as_str().to_string(), plain_name(english_name), names));
        }
    }
    // A name given to several territories ("Kongo" for both Congos, "China" as the qualifier of
    // "Hong Kong SAR China") stays only with the one whose whole name it is, if exactly one.
    let mut owners: HashMap<String, (usize, usize)> = HashMap::new();
    for (_, _, names) in &found {
        for (n, primary) in names {
            let e = owners.entry(n.to_lowercase()).or_default();
            e.0 += 1;
            e.1 += usize::from(*primary);
        }
    }
    found
        .into_iter()
        .map(|(code, english, names)| Region {
            code,
            english,
            names: names
                .into_iter()
                .filter(|(n, primary)| match owners.get(&n.to_lowercase()) {
                    Some(&(regions, primaries)) => regions == 1 || (primaries == 1 && *primary),
                    None => true,
                })
                .map(|(n, _)| n)
                .collect(),
        })
        .filter(|r| !r.names.is_empty())
        .collect()
}

/// Whether a cleaned name is kept: not a false friend, not an abbreviation (see
/// [`MIN_LETTERS`]) unless an English one.
fn acceptable(name: &str, lower: &str, english: bool) -> bool {
    if FALSE_FRIENDS.contains(&lower) || name.contains('.') {
        return false;
    }
    // Short names are abbreviations only in cased alphabets: "中国" and "مصر" are whole names.
    let letters = name.chars().filter(|c| c.is_alphabetic());
    let cased = letters
        .clone()
        .all(|c| c.is_uppercase() || c.is_lowercase());
    if !cased || letters.count() >= MIN_LETTERS {
        return true;
    }
    english && name.chars().all(|c| c.is_ascii_uppercase())
}

/// A display name without its qualifiers: "Myanmar (Burma)" → "Myanmar", "Hong Kong SAR China"
/// → "Hong Kong".
fn plain_name(raw: &str) -> String {
    let base = raw.split_once('(').map_or(raw, |(b, _)| b);
    let base = base.split_once(" SAR").map_or(base, |(b, _)| b);
    base.trim().to_string()
}

/// The names news text uses for one CLDR display name (see the [crate docs](crate)).
fn clean(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    let raw = raw.trim().replace(['’', 'ʼ'], "'");
    if raw.is_empty() {
        return out;
    }
    // "Congo - Kinshasa": the part before the dash names two countries; keep the whole only.
    if raw.contains(" - ") || raw.contains(" – ") {
        out.push(raw.clone());
        return out;
    }
    let (base, qualifier) = match raw.split_once('(') {
        Some((base, rest)) => (base.trim(), Some(rest.trim_end_matches(')').trim())),
        None => (raw.as_str(), None),
    };
    let mut push = |s: &str| {
        let s = s.trim();
        if s.chars().count() >= 2 && !out.iter().any(|o: &String| o == s) {
            out.push(s.to_string());
        }
    };
    push(&raw);
    push(base);
    if let Some(q) = qualifier {
        push(q);
    }
    if base.contains('&') {
        push(&base.replace('&', "and"));
    }
    // "Hong Kong SAR China", "Macao SAR China": the place itself.
    if let Some((place, _)) = base.split_once(" SAR") {
        push(place);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(code: &str) -> Vec<String> {
        region(code).map(|r| r.names.clone()).unwrap_or_default()
    }

    #[test]
    fn russia_in_many_languages_and_scripts() {
        let ru = names("RU");
        for n in [
            "Russia",
            "Ryssland",
            "Rosja",
            "Russland",
            "Russie",
            "Rusia",
            "Россия",
            "روسيا",
            "俄罗斯",
        ] {
            assert!(ru.iter().any(|x| x == n), "{n} missing from {ru:?}");
        }
        assert_eq!(region("ru").map(|r| r.english.as_str()), Some("Russia"));
    }

    #[test]
    fn qualifiers_become_names_and_ambiguous_short_forms_do_not() {
        let mm = names("MM");
        assert!(mm.iter().any(|x| x == "Myanmar"), "{mm:?}");
        assert!(mm.iter().any(|x| x == "Burma"), "{mm:?}");
        let hk = names("HK");
        assert!(hk.iter().any(|x| x == "Hong Kong"), "{hk:?}");
        let ba = names("BA");
        assert!(ba.iter().any(|x| x == "Bosnia and Herzegovina"), "{ba:?}");
        // Finnish shortens both Congos to "Kongo": neither keeps it.
        for code in ["CD", "CG"] {
            assert!(
                !names(code).iter().any(|x| x == "Kongo"),
                "{code}: {:?}",
                names(code)
            );
        }
        // "China" as the qualifier of Hong Kong stays with China only.
        assert!(names("CN").iter().any(|x| x == "China"));
        assert!(!hk.iter().any(|x| x == "China"), "{hk:?}");
    }

    #[test]
    fn false_friends_and_placeholders_are_left_out() {
        assert!(!names("IS").iter().any(|x| x.eq_ignore_ascii_case("island")));
        assert!(names("IS").iter().any(|x| x == "Iceland"));
        assert!(region("ZZ").is_none());
        for r in regions() {
            assert!(!r.names.is_empty(), "{} has no names", r.code);
            for n in &r.names {
                assert!(!FALSE_FRIENDS.contains(&n.to_lowercase().as_str()), "{n}");
            }
        }
    }

    #[test]
    fn covers_the_world() {
        // CLDR names about 250 territories; allow for data updates.
        assert!(regions().len() > 230, "{}", regions().len());
    }

    #[test]
    fn english_names_lose_their_qualifiers() {
        assert_eq!(region("MM").map(|r| r.english.as_str()), Some("Myanmar"));
        assert_eq!(region("HK").map(|r| r.english.as_str()), Some("Hong Kong"));
        assert_eq!(plain_name("Sweden"), "Sweden");
    }

    #[test]
    fn clean_keeps_plain_names_whole() {
        assert_eq!(clean("Sweden"), vec!["Sweden".to_string()]);
        assert_eq!(clean("  "), Vec::<String>::new());
        assert_eq!(
            clean("Congo - Kinshasa"),
            vec!["Congo - Kinshasa".to_string()]
        );
    }
}
