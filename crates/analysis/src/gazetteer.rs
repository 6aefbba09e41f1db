//! A small built-in multilingual gazetteer: countries, capitals, a few world-known
//! organisations and heads of state under their names in the supported languages (Russia = Ryssland = Rosja =
//! Russland = Russie = Rusia = Russia = Россия), with the inflected forms news use most.
//!
//! Lookup also tries generic inflection stripping (see [`lookup`]), so "Rysslands", "USA:s",
//! "Moskwy" and "Россией" find their entries without listing every case.

use crate::EntityKind;
use std::collections::HashMap;
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

static INDEX: LazyLock<HashMap<String, GazEntry>> = LazyLock::new(|| {
    let mut m = HashMap::new();
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
        m.insert(canonical.to_lowercase(), e);
        for a in parts {
            m.entry(a.to_lowercase()).or_insert(e);
        }
    }
    m
});

/// Looks a name up, trying inflected forms: possessive "USA:s" / "Clinton's" / "Rysslands",
/// and common Slavic case endings ("Moskwy" → "Moskwa", "Россией" → "Россия").
pub fn lookup(name: &str) -> Option<GazEntry> {
    let lower = name.to_lowercase();
    if let Some(e) = INDEX.get(&lower) {
        return Some(*e);
    }
    for cand in inflection_candidates(&lower) {
        if let Some(e) = INDEX.get(&cand) {
            return Some(*e);
        }
    }
    None
}

/// Base-form candidates for an inflected lowercase name.
pub fn inflection_candidates(lower: &str) -> Vec<String> {
    let mut out = Vec::new();
    for suf in [":s", "'s", "’s", "s", "es", "'", "’"] {
        if let Some(b) = lower.strip_suffix(suf)
            && b.chars().count() >= 2
        {
            out.push(b.to_string());
        }
    }
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
    for (suf, rep) in SLAVIC {
        if let Some(b) = lower.strip_suffix(suf)
            && b.chars().count() >= 3
        {
            out.push(format!("{b}{rep}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
