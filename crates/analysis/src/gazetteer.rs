//! A small built-in multilingual gazetteer: countries, capitals, a few world-known
//! organisations and heads of state under their names in the supported languages (Russia = Ryssland = Rosja =
//! Russland = Russie = Rusia = Russia = Россия), with the inflected forms news use most.
//!
//! Every country and territory CLDR names is added in all supported languages and scripts (see
//! `parallax_places`), under the hand-kept entry when one of its names is already listed.
//!
//! Lookup also tries generic inflection stripping (see [`lookup`]), so "Rysslands", "USA:s",
//! "Moskwy" and "Россией" find their entries without listing every case.

use crate::EntityKind;
use foldhash::{HashMap, HashMapExt};
use std::sync::LazyLock;

/// `canonical|kind|alias|alias…` (kind: p = place, o = organisation, h = person).
const ENTRIES: &[&str] = &[
    "Russia|p|Ryssland|Rosja|Russland|Russie|Rusia|Россия|Rosji|Rosję|Rosją|Russian Federation|Kremlin|Kreml|Kremla|Кремль",
    "Moscow|p|Moskva|Moskwa|Moskau|Moscou|Moscú|Mosca|Москва|Moskwy|Moskwie|Москвы|Москве",
    "Ukraine|p|Ukraina|Ukrainę|Ukrainy|Ucraina|Ucrania|Украина|Украины",
    "Kyiv|p|Kiev|Kijów|Kijowie|Kiew|Киев",
    "United States|p|USA|US|U.S.|U.S.A.|United States of America|America|Förenta staterna|Stany Zjednoczone|Vereinigte Staaten|États-Unis|Estados Unidos|Stati Uniti|США|Amerika",
    "Washington|p",
    "Afghanistan|p|Afganistan|Afghanistans|Afganistanu|Afghanistán|Afganistan|Афганистан",
    "Kabul|p|Kabulu|Kaboul|Кабул",
    "Iran|p|Iranu|Irán|Иран",
    "Tehran|p|Teheran|Téhéran|Тегеран",
    "Iraq|p|Irak|Iraku|Ирак",
    "Baghdad|p|Bagdad|Bagdadzie|Багдад",
    "Syria|p|Syrien|Syrii|Syrie|Siria|Сирия",
    "Damascus|p|Damaskus|Damaszek|Damas|Damasco|Дамаск",
    "Pakistan|p|Pakistanu|Pakistán|Пакистан",
    "Islamabad|p",
    "Chechnya|p|Tjetjenien|Czeczenia|Czeczenii|Tschetschenien|Tchétchénie|Chechenia|Cecenia|Чечня",
    "Tajikistan|p|Tadzjikistan|Tadżykistan|Tadschikistan|Tadjikistan|Tayikistán|Tagikistan|Таджикистан",
    "Uzbekistan|p|Uzbekistan|Usbekistan|Ouzbékistan|Uzbekistán|Узбекистан",
    "Turkmenistan|p|Turkmenistán|Туркменистан",
    "Poland|p|Polen|Polska|Polski|Polsce|Pologne|Polonia|Польша",
    "Warsaw|p|Warszawa|Warszawie|Warschau|Varsovie|Varsovia|Varsavia|Варшава",
    "Sweden|p|Sverige|Szwecja|Schweden|Suède|Suecia|Svezia|Швеция",
    "Stockholm|p|Sztokholm|Estocolmo|Stoccolma|Стокгольм",
    "Germany|p|Tyskland|Niemcy|Deutschland|Allemagne|Alemania|Germania|Германия",
    "Berlin|p|Berlino|Берлин",
    "France|p|Frankrike|Francja|Frankreich|Francia|Франция",
    "Paris|p|Paryż|Parigi|París|Париж",
    "Spain|p|Spanien|Hiszpania|Espagne|España|Spagna|Испания",
    "Madrid|p",
    "Italy|p|Italien|Włochy|Italie|Italia|Италия",
    "Rome|p|Rom|Rzym|Roma|Рим",
    "United Kingdom|p|UK|Britain|Great Britain|Storbritannien|Wielka Brytania|Großbritannien|Royaume-Uni|Reino Unido|Regno Unito|Великобритания",
    "London|p|Londyn|Londres|Londra|Лондон",
    "China|p|Kina|Chiny|Chine|Cina|Китай",
    "Beijing|p|Peking|Pekin|Pékin|Pechino|Пекин",
    "Israel|p|Izrael|Israël|Israele|Израиль",
    "Gaza|p|Gazy|Gazastreifen|Gaza Strip",
    "Turkey|p|Turkiet|Turcja|Türkei|Turquie|Turquía|Turchia|Турция",
    "Ankara|p",
    "Belarus|p|Vitryssland|Białoruś|Weißrussland|Biélorussie|Bielorrusia|Bielorussia|Беларусь",
    "Georgia|p|Georgien|Gruzja|Géorgie|Грузия",
    "Kazakhstan|p|Kazakstan|Kazachstan|Kasachstan|Казахстан",
    "India|p|Indien|Indie|Inde|Индия",
    "Saudi Arabia|p|Saudiarabien|Arabia Saudyjska|Saudi-Arabien|Arabie saoudite|Arabia Saudita|Саудовская Аравия",
    "Egypt|p|Egypten|Egipt|Ägypten|Égypte|Egipto|Egitto|Египет",
    "Lebanon|p|Libanon|Liban|Líbano|Libano|Ливан",
    "Europe|p|Europa|Европа",
    "Asia|p|Asien|Azja|Asie|Азия",
    "Central Asia|p|Centralasien|Azja Środkowa|Zentralasien|Asie centrale",
    "Khar|p",
    "Kerman|p",
    "Krasnogorsk|p|Krasnogorsku|Красногорск",
    "Islamic State|o|IS|ISIS|ISIL|ISIS-Central|IS-Central|ISIS–Central|Daesh|Daesz|Islamiska staten|Państwo Islamskie|Państwa Islamskiego|Islamischer Staat|Islamischen Staat|Islamischen Staates|État islamique|Estado Islámico|Stato Islamico|Исламское государство|ИГИЛ|ИГ",
    "Taliban|o|Talibanerna|Talibowie|Talibów|Talibami|Taliban|Taliban-Regierung|Talibans|Talibanes|Талибан",
    "al-Qaeda|o|al-Qaida|Al-Kaida|Al-Kaidy|Al-Qaïda|Аль-Каида",
    "NATO|o|Nato|OTAN|НАТО",
    "European Union|o|EU|UE|Europeiska unionen|Unia Europejska|Europäische Union|Union européenne|Unión Europea|Unione europea|ЕС|Евросоюз",
    "United Nations|o|UN|FN|ONZ|ONU|Vereinte Nationen|Nations unies|Naciones Unidas|Nazioni Unite|ООН",
    "United States Congress|o|Congress|kongressen|Kongres|Kongress",
    "Hamas|o|Hamasu|ХАМАС",
    "Hezbollah|o|Hizbollah|Hisbollah|Hezbolla|Хезболла",
    "Vladimir Putin|h|Putin|Putins|Putina|Putinem|Putinowi|Poutine|Путин|Путина",
    "Volodymyr Zelensky|h|Zelensky|Zelenskyy|Zełenski|Selenskyj|Zelensky|Зеленский",
    "Joe Biden|h|Biden|Bidens|Bidena",
    "Xi Jinping|h|Xi",
    "Recep Tayyip Erdoğan|h|Erdoğan|Erdogan",
    "Benjamin Netanyahu|h|Netanyahu|Netanjahu|Netanyahou",
    "Alexander Lukashenko|h|Lukashenko|Lukasjenko|Łukaszenka|Lukaschenko|Loukachenko|Лукашенко",
    "CNN|o",
    "Sky News|o",
    "BBC|o",
    "Reuters|o",
];

/// One gazetteer entry.
#[derive(Debug, Clone, Copy)]
pub struct GazEntry {
    /// The English name.
    pub canonical: &'static str,
    /// Place or organisation.
    pub kind: EntityKind,
}

/// The index: lowercase names (as bytes) to entries, with a quick-miss filter.
struct Index {
    map: HashMap<Box<[u8]>, GazEntry>,
    /// The longest key, in bytes.
    max_key_len: usize,
    /// Bit `prefix_bit(k)` is set for every key `k`: a name whose prefix bits are all clear
    /// can match no key, not even after stripping an inflection (which keeps at least two
    /// characters, so at least the first two bytes).
    prefixes: Vec<u64>,
}

/// Bits in [`Index::prefixes`].
const PREFIX_BITS: usize = 1 << 16;

/// The prefix filter bit of a lowercase name: its first three bytes, or its first two when
/// `two` (or when it has only two).
fn prefix_bit(name: &[u8], two: bool) -> usize {
    let b = |i: usize| name.get(i).copied().map_or(0, usize::from);
    let third = if two { 0 } else { b(2) };
    (b(0) * 7919 + b(1) * 131 + third) % PREFIX_BITS
}

impl Index {
    fn may_hold(&self, bit: usize) -> bool {
        self.prefixes
            .get(bit / 64)
            .is_some_and(|w| w & (1 << (bit % 64)) != 0)
    }
}

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let mut map: HashMap<Box<[u8]>, GazEntry> = HashMap::new();
    for line in ENTRIES {
        let mut parts = line.split('|');
        let Some(canonical) = parts.next() else {
            continue;
        };
        let kind = match parts.next() {
            Some("o") => EntityKind::Org,
            Some("h") => EntityKind::Person,
            _ => EntityKind::Place,
        };
        let e = GazEntry { canonical, kind };
        map.insert(canonical.to_lowercase().into_bytes().into(), e);
        for a in parts {
            map.entry(a.to_lowercase().into_bytes().into()).or_insert(e);
        }
    }
    // Territory names from CLDR: a territory one of whose names is already an entry joins that
    // entry (the hand-kept canonical name and kind win); the others become places.
    for region in parallax_places::regions() {
        let lower: Vec<String> = region.names.iter().map(|n| n.to_lowercase()).collect();
        let e = lower
            .iter()
            .find_map(|n| map.get(n.as_bytes()).copied())
            .unwrap_or(GazEntry {
                canonical: region.english.as_str(),
                kind: EntityKind::Place,
            });
        for n in lower {
            map.entry(n.into_bytes().into()).or_insert(e);
        }
    }
    let max_key_len = map.keys().map(|k| k.len()).max().unwrap_or(0);
    let mut prefixes = vec![0u64; PREFIX_BITS / 64];
    for k in map.keys() {
        let bit = prefix_bit(k, k.len() <= 2);
        if let Some(w) = prefixes.get_mut(bit / 64) {
            *w |= 1 << (bit % 64);
        }
    }
    Index {
        map,
        max_key_len,
        prefixes,
    }
});

/// Calls `f` with the bytes of `s` lowercased exactly as [`str::to_lowercase`] does, without
/// allocating for short or already lowercase ASCII strings (most words and names).
pub(crate) fn with_lowercase<R>(s: &str, f: impl FnOnce(&[u8]) -> R) -> R {
    if s.is_ascii() {
        if !s.bytes().any(|b| b.is_ascii_uppercase()) {
            return f(s.as_bytes());
        }
        let mut buf = [0u8; 64];
        if let Some(b) = buf.get_mut(..s.len()) {
            b.copy_from_slice(s.as_bytes());
            b.make_ascii_lowercase();
            return f(b);
        }
    }
    f(s.to_lowercase().as_bytes())
}

/// Looks a name up, trying inflected forms: possessive "USA:s" / "Clinton's" / "Rysslands",
/// and common Slavic case endings ("Moskwy" → "Moskwa", "Россией" → "Россия").
pub fn lookup(name: &str) -> Option<GazEntry> {
    let index = &*INDEX;
    with_lowercase(name, |lower| {
        // Every candidate is at most as long as the name and at most 4 bytes shorter, and
        // keeps its first two bytes.
        if lower.len() > index.max_key_len + 4
            || !(index.may_hold(prefix_bit(lower, false))
                || index.may_hold(prefix_bit(lower, true)))
        {
            return None;
        }
        if let Some(e) = index.map.get(lower) {
            return Some(*e);
        }
        let mut hit = None;
        for_each_candidate(lower, |cand| {
            hit = index.map.get(cand).copied();
            hit.is_some()
        });
        hit
    })
}

/// Inflection suffixes whose removal gives the base form (at least 2 characters left).
const POSSESSIVE: &[&str] = &[":s", "'s", "’s", "s", "es", "'", "’"];

/// Slavic case endings and their replacement in the base form (at least 3 characters left).
const SLAVIC: &[(&str, &str)] = &[
    ("y", "a"),
    ("i", "a"),
    ("ie", "a"),
    ("ę", "a"),
    ("ą", "a"),
    ("u", ""),
    ("em", ""),
    ("om", ""),
    ("ie", ""),
    ("ы", "а"),
    ("и", "я"),
    ("е", "а"),
    ("е", "я"),
    ("ой", "а"),
    ("ей", "я"),
    ("у", "а"),
    ("ю", "я"),
    ("а", ""),
    ("е", ""),
    ("ом", ""),
    ("ии", "ия"),
];

/// Characters in a UTF-8 byte string (bytes that do not continue a character).
fn char_count(b: &[u8]) -> usize {
    b.iter().filter(|&&x| (x & 0xC0) != 0x80).count()
}

/// Calls `f` with each base-form candidate of an inflected lowercase name (UTF-8 bytes), in
/// the order of [`inflection_candidates`], until `f` returns true. Builds no strings for most
/// candidates.
fn for_each_candidate(lower: &[u8], mut f: impl FnMut(&[u8]) -> bool) {
    for suf in POSSESSIVE {
        if let Some(b) = lower.strip_suffix(suf.as_bytes())
            && char_count(b) >= 2
            && f(b)
        {
            return;
        }
    }
    let mut owned = Vec::new();
    for (suf, rep) in SLAVIC {
        let Some(b) = lower.strip_suffix(suf.as_bytes()) else {
            continue;
        };
        if char_count(b) < 3 {
            continue;
        }
        let found = if rep.is_empty() {
            f(b)
        } else {
            owned.clear();
            owned.extend_from_slice(b);
            owned.extend_from_slice(rep.as_bytes());
            f(&owned)
        };
        if found {
            return;
        }
    }
}

/// Base-form candidates for an inflected lowercase name.
pub fn inflection_candidates(lower: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_candidate(lower.as_bytes(), |c| {
        out.push(String::from_utf8_lossy(c).into_owned());
        false
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn territories_from_cldr_join_the_hand_kept_entries_or_stand_alone() {
        // Not in the hand-kept table: CLDR gives the names in every language and script.
        for n in ["Samoa", "Słowenia", "Slovenija", "Словения", "斯洛文尼亚"] {
            let e = lookup(n).unwrap_or_else(|| panic!("{n} not found"));
            assert!(matches!(e.kind, EntityKind::Place), "{n}");
        }
        assert_eq!(lookup("Słowenii").map(|e| e.canonical), Some("Slovenia"));
        // CLDR's English "Türkiye" and Czech "Turecko" join the hand-kept "Turkey".
        for n in ["Türkiye", "Turecko", "Tyrkia"] {
            assert_eq!(lookup(n).map(|e| e.canonical), Some("Turkey"), "{n}");
        }
        // Everyday words that are territory names elsewhere are no places.
        assert!(lookup("island").is_none());
    }

    #[test]
    fn names_across_languages_and_cases() {
        for n in [
            "Ryssland",
            "Rysslands",
            "Rosja",
            "Россия",
            "Russia",
            "Kremlin",
        ] {
            assert_eq!(lookup(n).map(|e| e.canonical), Some("Russia"), "{n}");
        }
        assert_eq!(lookup("USA:s").map(|e| e.canonical), Some("United States"));
        assert_eq!(lookup("Moskwy").map(|e| e.canonical), Some("Moscow"));
        assert_eq!(lookup("Syrien").map(|e| e.canonical), Some("Syria"));
        assert!(lookup("Fyderek").is_none());
        let putin = lookup("Putina");
        assert_eq!(
            putin.map(|e| (e.canonical, e.kind)),
            Some(("Vladimir Putin", EntityKind::Person))
        );
    }

    #[test]
    fn lowercasing_matches_the_standard_library() {
        for s in [
            "Ryssland",
            "already lower",
            "ΣΟΦΙΑΣ",
            "İstanbul",
            "ǅemal",
            "STRASSE",
            &"LONG".repeat(40),
        ] {
            let ours = with_lowercase(s, |l| String::from_utf8_lossy(l).into_owned());
            assert_eq!(ours, s.to_lowercase(), "{s}");
        }
    }

    #[test]
    fn inflection_candidates_in_order() {
        assert_eq!(inflection_candidates("usa:s"), ["usa", "usa:"]);
        assert_eq!(inflection_candidates("moskwy"), ["moskwa"]);
        assert_eq!(inflection_candidates("rysslands"), ["ryssland"]);
        assert!(inflection_candidates("ab").is_empty());
        // Every candidate of a long name is at most 4 bytes shorter (the quick miss in
        // `lookup` relies on it).
        for c in inflection_candidates("россией") {
            assert!(c.len() + 4 >= "россией".len(), "{c}");
        }
    }
}
