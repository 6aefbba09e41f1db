//! Dates in many formats and languages.
//!
//! Three kinds of input are handled:
//!
//! * **visible dates**, as a reader sees them on a page ("Sunday, April 21, 2024",
//!   "21. April 2024", "21 kwietnia 2024 r.", "21.04.2024", "2024年4月21日", "2024년 4월 21일",
//!   "2024. április 21."): [`parse_date_text`] and [`parse_date_text_with`];
//! * **machine dates**, as found in metadata (ISO 8601, RFC 3339, RFC 2822, Unix timestamps):
//!   [`parse_machine_date`], which normalises them to an ISO 8601 string;
//! * **dates in URL paths** (`/2024/04/21/`, `/20240421/`, `/2024-04-21-slug`,
//!   `/21-04-2024-slug`): [`date_from_url`].
//!
//! Month names are recognised in English, German, French, Spanish, Catalan, Italian, Portuguese,
//! Dutch, Polish, Czech, Slovak, Russian, Ukrainian, Swedish, Danish, Norwegian, Finnish, Turkish,
//! Hungarian, Romanian, Greek, Indonesian, Estonian, Latvian and Lithuanian, in full and
//! abbreviated forms, in the nominative and in the genitive used in dates ("kwietnia", "апреля",
//! "Απριλίου"). Croatian is left out: its "listopad" is October, the Polish and Czech one is
//! November.
//!
//! Everything here is syntactic: whether a date is *plausible* for a page (not in the future,
//! not before the web) is decided by the caller. Only years in 1900..=2100 are returned.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use foldhash::{HashMap, HashMapExt};
use regex::Regex;
use std::sync::LazyLock;

/// Smallest year any parser here returns.
const MIN_YEAR: i32 = 1900;
/// Largest year any parser here returns.
const MAX_YEAR: i32 = 2100;

/// How much of its input [`parse_date_text`] looks at, in bytes; dates are short and callers scanning
/// long texts should cut them first.
const MAX_TEXT_BYTES: usize = 64 * 1024;

/// Whether `s` starts with a slashed date whose first two numbers could each be the month
/// (`05/04/2024`), so that its reading depends on [`NumericOrder`].
pub fn is_ambiguous_slashed(s: &str) -> bool {
    AMBIGUOUS_SLASHED.captures(s.trim()).is_some_and(|c| {
        let a = c.get(1).and_then(|m| m.as_str().parse::<u32>().ok());
        let b = c.get(2).and_then(|m| m.as_str().parse::<u32>().ok());
        matches!((a, b), (Some(a), Some(b)) if (1..=12).contains(&a) && (1..=12).contains(&b) && a != b)
    })
}

static AMBIGUOUS_SLASHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{1,2})/([0-9]{1,2})/[0-9]{2,4}(?:$|[^0-9])")
        .expect("static pattern is valid")
});

/// Which number comes first in an ambiguous numeric date such as `05/04/2024`.
///
/// Only slashed dates whose first two numbers are both 12 or less are ambiguous: `21.04.2024`
/// and `04/21/2024` are read the same way whatever the order, and dotted or dashed dates are
/// always day-first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumericOrder {
    /// `05/04/2024` is the 5th of April (most of the world).
    #[default]
    DayFirst,
    /// `05/04/2024` is May 4th (United States).
    MonthFirst,
}

/// Parses the first date written in `s`, in any supported language or numeric format, with or
/// without a time. Ambiguous slashed dates are read day-first; see [`parse_date_text_with`].
///
/// ```
/// use chrono::NaiveDate;
/// use parallax_extract::date::parse_date_text;
/// let d = NaiveDate::from_ymd_opt(2024, 4, 21);
/// assert_eq!(parse_date_text("Sunday, April 21, 2024"), d);
/// assert_eq!(parse_date_text("21 kwietnia 2024"), d);
/// assert_eq!(parse_date_text("am 21. April 2024 um 10:00 Uhr"), d);
/// assert_eq!(parse_date_text("2024年4月21日"), d);
/// assert_eq!(parse_date_text("no date here"), None);
/// ```
pub fn parse_date_text(s: &str) -> Option<NaiveDate> {
    parse_date_text_with(s, NumericOrder::DayFirst)
}

/// Like [`parse_date_text`], with the reading of ambiguous slashed dates (`05/04/2024`) chosen
/// by `order` (for instance [`NumericOrder::MonthFirst`] on a page in US English).
pub fn parse_date_text_with(s: &str, order: NumericOrder) -> Option<NaiveDate> {
    let s = cut(s, MAX_TEXT_BYTES);
    // Cheap exit: every supported format contains at least two digits.
    if s.bytes().filter(u8::is_ascii_digit).take(2).count() < 2 {
        return None;
    }
    // Each pattern yields its first valid match; the earliest in the text wins, so that
    // "21 April 2024, updated 22.04.2024" gives the 21st.
    let mut best: Option<(usize, NaiveDate)> = None;
    for pattern in PATTERNS.iter() {
        let limit = best.map_or(s.len(), |(pos, _)| pos);
        if let Some((pos, date)) = first_match(pattern, s, limit, order)
            && best.is_none_or(|(p, _)| pos < p)
        {
            best = Some((pos, date));
        }
    }
    best.map(|(_, d)| d)
}

/// Parses a machine-readable date (ISO 8601, RFC 3339, RFC 2822, `YYYYMMDD`, a Unix timestamp
/// in seconds or milliseconds) and returns it as ISO 8601: `"2024-04-21"` when `s` has no time,
/// `"2024-04-21T10:00:00+02:00"` when it has a time and a zone, `"2024-04-21T10:00:00"` when it
/// has a time without a zone. Falls back to [`parse_date_text`] for human formats, which gives a
/// date without time; ambiguous slashed dates (`11/01/2023`) are read month-first there, as
/// software that writes them mostly uses US conventions (see [`parse_machine_date_with`]).
///
/// ```
/// use parallax_extract::date::parse_machine_date;
/// assert_eq!(parse_machine_date("2024-04-21T10:00:00+02:00").as_deref(), Some("2024-04-21T10:00:00+02:00"));
/// assert_eq!(parse_machine_date("2024-04-21T08:00:00.000Z").as_deref(), Some("2024-04-21T08:00:00+00:00"));
/// assert_eq!(parse_machine_date("Sun, 21 Apr 2024 10:00:00 +0200").as_deref(), Some("2024-04-21T10:00:00+02:00"));
/// assert_eq!(parse_machine_date("2024-04-21").as_deref(), Some("2024-04-21"));
/// assert_eq!(parse_machine_date("yesterday"), None);
/// ```
pub fn parse_machine_date(s: &str) -> Option<String> {
    parse_machine_date_with(s, NumericOrder::MonthFirst)
}

/// Like [`parse_machine_date`], with the reading of ambiguous slashed dates (`05/04/2024`)
/// chosen by `order`.
pub fn parse_machine_date_with(s: &str, order: NumericOrder) -> Option<String> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    if let Some(out) = parse_iso(s) {
        return Some(out);
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return in_range(dt.year()).then(|| format_offset(&dt));
    }
    if let Some(out) = parse_timestamp(s) {
        return Some(out);
    }
    parse_date_text_with(s, order).map(|d| d.format("%Y-%m-%d").to_string())
}

/// Finds a publication date in the path of `url`: `/2024/04/21/`, `/2024/4/21/slug`,
/// `/20240421/`, `/2024-04-21-slug`, `/news_2024_04_21.html`, `/21-04-2024-slug`. Query strings and fragments are
/// ignored, and so is a year/month path without a day.
///
/// ```
/// use chrono::NaiveDate;
/// use parallax_extract::date::date_from_url;
/// let d = NaiveDate::from_ymd_opt(2024, 4, 21);
/// assert_eq!(date_from_url("https://example.com/2024/04/21/some-story/"), d);
/// assert_eq!(date_from_url("https://example.com/news/2024-04-21-some-story"), d);
/// assert_eq!(date_from_url("https://example.com/2024/04/some-story"), None);
/// ```
pub fn date_from_url(url: &str) -> Option<NaiveDate> {
    // Path only: drop scheme and host, query and fragment.
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = match rest.find('/') {
        Some(i) => &rest[i..],
        None => return None,
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let path = cut(path, 2048);
    // Every pattern below holds a year, `19` or `20` and two more digits: a path without one
    // has no date, and the patterns need not run (nor be built).
    if !has_century_year(path) {
        return None;
    }
    for re in [&*URL_YMD_SLASHED, &*URL_YMD_JOINED, &*URL_YMD_DASHED] {
        for caps in re.captures_iter(path) {
            let num = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
            let (Some(y), Some(m), Some(d)) = (num(1), num(2), num(3)) else {
                continue;
            };
            if let Some(date) = ymd(y as i32, m, d) {
                return Some(date);
            }
        }
    }
    // Day-first dashed dates ("/meldungen/29-10-2021", "/21-04-2024-slug"), month-first only
    // when the second number cannot be a month ("/04-21-2024-slug").
    for caps in URL_DMY_DASHED.captures_iter(path) {
        let num = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let (Some(a), Some(b), Some(y)) = (num(1), num(2), num(3)) else {
            continue;
        };
        let (d, m) = if b > 12 { (b, a) } else { (a, b) };
        if let Some(date) = ymd(y as i32, m, d) {
            return Some(date);
        }
    }
    None
}

/// Whether `s` holds four ASCII digits in a row starting with `19` or `20`.
fn has_century_year(s: &str) -> bool {
    s.as_bytes()
        .windows(4)
        .any(|w| matches!(w, [b'1', b'9', c, d] | [b'2', b'0', c, d] if c.is_ascii_digit() && d.is_ascii_digit()))
}

/// The month number of a month name or abbreviation in any supported language (case-insensitive,
/// a trailing dot allowed): `"April"`, `"avr."`, `"kwietnia"`, `"апреля"` all give 4.
pub fn month_from_name(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    if word.is_empty() || word.len() > 40 {
        return None;
    }
    if let Some(&m) = MONTHS.get(word) {
        return Some(m);
    }
    MONTHS.get(word.to_lowercase().as_str()).copied()
}

// ---------------------------------------------------------------------------------------------
// Text patterns
// ---------------------------------------------------------------------------------------------

/// How the captures of a pattern are read.
#[derive(Clone, Copy)]
enum Shape {
    /// year, month number, day (`2024-04-21`, `2024年4月21日`, `2024. 4. 21.`).
    YearMonthDay,
    /// day, month number, year; two-digit years allowed (`21.04.2024`, `05/04/24`).
    DayMonthYear,
    /// day, month name, year (`21. April 2024`, `21 de abril de 2024`).
    DayNameYear,
    /// month name, day, year (`April 21, 2024`).
    NameDayYear,
    /// year, month name, day (`2024. április 21.`).
    YearNameDay,
}

/// Ordinal suffixes after a day number, in the languages supported.
const ORDINAL: &str = r"(?:st|nd|rd|th|er|e|º|ª|\.)?";

static PATTERNS: LazyLock<Vec<(Regex, Shape)>> = LazyLock::new(|| {
    let p = |re: &str, shape| (Regex::new(re).expect("static date pattern is valid"), shape);
    vec![
        p(
            r"(?-u:\b)([0-9]{4})\s*(?:[-/.]\s*|[年년]\s*)([0-9]{1,2})\s*(?:[-/.]\s*|[月월]\s*)([0-9]{1,2})(?:\s*[日일])?(?:$|[^0-9])",
            Shape::YearMonthDay,
        ),
        p(
            r"(?-u:\b)([0-9]{1,2})([./-])\s?([0-9]{1,2})([./-])\s?([0-9]{4}|[0-9]{2})(?:$|[^0-9])",
            Shape::DayMonthYear,
        ),
        p(
            &format!(
                r"(?-u:\b)([0-9]{{1,2}}){ORDINAL}\s*(?:de\s+|d['’]\s*|of\s+)?(\p{{L}}+)\.?,?\s*(?:de\s+|del\s+|di\s+)?([0-9]{{4}})(?-u:\b)"
            ),
            Shape::DayNameYear,
        ),
        p(
            &format!(
                r"(?:^|[^\p{{L}}])(\p{{L}}+)\.?\s+([0-9]{{1,2}}){ORDINAL},?\s+(?:de\s+)?(?:[0-9]{{1,2}}:[0-9]{{2}}(?::[0-9]{{2}})?\s+)?([0-9]{{4}})(?-u:\b)"
            ),
            Shape::NameDayYear,
        ),
        p(
            r"(?-u:\b)([0-9]{4})\.?\s*(\p{L}+)\.?\s+([0-9]{1,2})(?:$|[^0-9])",
            Shape::YearNameDay,
        ),
    ]
});

/// The first match of `pattern` in `s` that starts before `limit` and is a valid date, with its
/// start position.
fn first_match(
    (re, shape): &(Regex, Shape),
    s: &str,
    limit: usize,
    order: NumericOrder,
) -> Option<(usize, NaiveDate)> {
    let mut from = 0;
    while from < limit {
        // Find the match with the fast engine, then resolve its groups on that span only.
        let found = re.find_at(s, from)?;
        if found.start() >= limit {
            return None;
        }
        let caps = re.captures_at(&s[..found.end()], found.start())?;
        let whole = caps.get(0)?;
        if let Some(date) = read(&caps, *shape, order) {
            return Some((whole.start(), date));
        }
        // Retry just after the start of this match: a failed candidate ("Seite 3 April 21, 2024")
        // may overlap a good one.
        from = next_boundary(s, whole.start());
    }
    None
}

/// Reads the captures of one match of a pattern of shape `shape`.
fn read(caps: &regex::Captures<'_>, shape: Shape, order: NumericOrder) -> Option<NaiveDate> {
    let text = |i: usize| caps.get(i).map_or("", |m| m.as_str());
    let num = |i: usize| text(i).parse::<u32>().ok();
    match shape {
        Shape::YearMonthDay => ymd(num(1)? as i32, num(2)?, num(3)?),
        Shape::DayMonthYear => {
            // Mixed separators ("12.04/2024") are not dates.
            if text(2) != text(4) {
                return None;
            }
            let (a, b) = (num(1)?, num(3)?);
            let year = full_year(text(5))?;
            let slash = text(2) == "/";
            let month_first = slash && a <= 12 && (b > 12 || order == NumericOrder::MonthFirst);
            let (day, month) = if month_first { (b, a) } else { (a, b) };
            ymd(year, month, day)
        }
        Shape::DayNameYear => ymd(num(3)? as i32, month_from_name(text(2))?, num(1)?),
        Shape::NameDayYear => ymd(num(3)? as i32, month_from_name(text(1))?, num(2)?),
        Shape::YearNameDay => ymd(num(1)? as i32, month_from_name(text(2))?, num(3)?),
    }
}

/// A four-digit year, or a two-digit one read as the closest year not far in the future.
fn full_year(s: &str) -> Option<i32> {
    let y: i32 = s.parse().ok()?;
    match s.len() {
        4 => Some(y),
        2 => {
            let this = chrono::Utc::now().year() % 100;
            Some(if y <= this + 1 { 2000 + y } else { 1900 + y })
        }
        _ => None,
    }
}

/// A valid date with a year in the supported range.
fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    if !in_range(y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

fn in_range(year: i32) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&year)
}

/// `s` cut to at most `max` bytes, on a character boundary.
fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The byte index of the character after the one at `i`.
fn next_boundary(s: &str, i: usize) -> usize {
    s[i..].chars().next().map_or(s.len(), |c| i + c.len_utf8())
}

// ---------------------------------------------------------------------------------------------
// Machine dates
// ---------------------------------------------------------------------------------------------

// The machine-date patterns spell digits `[0-9]`: their captures are parsed as numbers, which
// only ASCII digits are, and the ASCII class compiles far faster than Unicode's `\d`.
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^
        ([0-9]{4})-?([0-9]{2})-?([0-9]{2})              # date, with or without dashes
        (?:
            [T\s]+
            ([0-9]{1,2}):?([0-9]{2})(?::?([0-9]{2}))?   # time
            (?:[.,][0-9]+)?                             # fraction
            \s*
            (Z|z|UTC|GMT|[+-][0-9]{2}(?::?[0-9]{2})?)?  # zone
        )?
        \s*$",
    )
    .expect("static ISO pattern is valid")
});

/// ISO 8601 / RFC 3339 in their common variants.
fn parse_iso(s: &str) -> Option<String> {
    let caps = ISO.captures(s)?;
    let num = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let date = ymd(num(1)? as i32, num(2)?, num(3)?)?;
    let Some(hour) = num(4) else {
        return Some(date.format("%Y-%m-%d").to_string());
    };
    let time = NaiveTime::from_hms_opt(hour, num(5)?, num(6).unwrap_or(0).min(59))?;
    let naive = NaiveDateTime::new(date, time);
    let Some(zone) = caps.get(7).map(|m| m.as_str()) else {
        return Some(naive.format("%Y-%m-%dT%H:%M:%S").to_string());
    };
    let offset = match zone {
        "Z" | "z" | "UTC" | "GMT" => FixedOffset::east_opt(0)?,
        z => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let digits: String = z[1..].chars().filter(char::is_ascii_digit).collect();
            let h: i32 = digits.get(..2)?.parse().ok()?;
            let m: i32 = digits.get(2..4).map_or(Some(0), |m| m.parse().ok())?;
            if h > 18 || m > 59 {
                return None;
            }
            FixedOffset::east_opt(sign * (h * 3600 + m * 60))?
        }
    };
    let dt = naive.and_local_timezone(offset).single()?;
    Some(format_offset(&dt))
}

/// A Unix timestamp in seconds (10 digits) or milliseconds (13 digits), as UTC.
fn parse_timestamp(s: &str) -> Option<String> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = s.parse().ok()?;
    let secs = match s.len() {
        9 | 10 => n,
        12 | 13 => n / 1000,
        _ => return None,
    };
    let dt = DateTime::from_timestamp(secs, 0)?;
    in_range(dt.year()).then(|| format_offset(&dt.fixed_offset()))
}

fn format_offset(dt: &DateTime<FixedOffset>) -> String {
    let dt = dt.with_nanosecond(0).unwrap_or(*dt);
    dt.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

// ---------------------------------------------------------------------------------------------
// URLs
// ---------------------------------------------------------------------------------------------

static URL_YMD_SLASHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)[0-9]{2})/([0-9]{1,2})/([0-9]{1,2})(?:/|$|[-_.,][^/]*$|[-_][^/]*/)")
        .expect("static URL pattern is valid")
});
static URL_YMD_JOINED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[/_-]((?:19|20)[0-9]{2})([0-9]{2})([0-9]{2})(?:/|$|[-_.])")
        .expect("static URL pattern is valid")
});
static URL_DMY_DASHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[/_.-]([0-9]{2})[-_.]([0-9]{2})[-_.]((?:19|20)[0-9]{2})(?:/|$|[-_.])")
        .expect("static URL pattern is valid")
});
static URL_YMD_DASHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[/_.-]((?:19|20)[0-9]{2})[-_]([0-9]{2})[-_]([0-9]{2})(?:/|$|[-_.])")
        .expect("static URL pattern is valid")
});

// ---------------------------------------------------------------------------------------------
// Month names
// ---------------------------------------------------------------------------------------------

/// Month names per month, all lower-case; abbreviations are listed without their dot.
const MONTH_NAMES: [&[&str]; 12] = [
    &[
        "january",
        "jan",
        "januar",
        "jänner",
        "jän",
        "janvier",
        "janv",
        "enero",
        "ene",
        "gener",
        "gen",
        "gennaio",
        "janeiro",
        "januari",
        "styczeń",
        "stycznia",
        "sty",
        "leden",
        "ledna",
        "január",
        "januára",
        "январь",
        "января",
        "янв",
        "січень",
        "січня",
        "januar",
        "tammikuu",
        "tammikuuta",
        "ocak",
        "ianuarie",
        "ιανουάριος",
        "ιανουαρίου",
        "ιαν",
        "jaanuar",
        "sausis",
        "sausio",
        "janvāris",
        "janvārī",
    ],
    &[
        "february",
        "feb",
        "februar",
        "feber",
        "février",
        "fevrier",
        "févr",
        "fevr",
        "fév",
        "fev",
        "febrero",
        "febrer",
        "febbraio",
        "fevereiro",
        "februari",
        "luty",
        "lutego",
        "lut",
        "únor",
        "února",
        "február",
        "februára",
        "февраль",
        "февраля",
        "фев",
        "февр",
        "лютий",
        "лютого",
        "helmikuu",
        "helmikuuta",
        "şubat",
        "subat",
        "februarie",
        "φεβρουάριος",
        "φεβρουαρίου",
        "φεβ",
        "veebruar",
        "vasaris",
        "vasario",
        "februāris",
        "februārī",
    ],
    &[
        "march",
        "mar",
        "märz",
        "maerz",
        "mär",
        "mrz",
        "mars",
        "marzo",
        "març",
        "marco",
        "março",
        "maart",
        "mrt",
        "marzec",
        "marca",
        "mar",
        "březen",
        "března",
        "marec",
        "március",
        "март",
        "марта",
        "мар",
        "березень",
        "березня",
        "maaliskuu",
        "maaliskuuta",
        "mart",
        "martie",
        "μάρτιος",
        "μαρτίου",
        "μάρ",
        "maret",
        "märts",
        "kovas",
        "kovo",
        "marts",
        "martā",
    ],
    &[
        "april",
        "apr",
        "avril",
        "avr",
        "abril",
        "abr",
        "aprile",
        "kwiecień",
        "kwietnia",
        "kwi",
        "duben",
        "dubna",
        "apríl",
        "apríla",
        "április",
        "апрель",
        "апреля",
        "апр",
        "квітень",
        "квітня",
        "huhtikuu",
        "huhtikuuta",
        "nisan",
        "aprilie",
        "απρίλιος",
        "απριλίου",
        "απρ",
        "aprill",
        "balandis",
        "balandžio",
        "aprīlis",
        "aprīlī",
    ],
    &[
        "may",
        "mai",
        "mayo",
        "maig",
        "maggio",
        "mag",
        "maio",
        "mei",
        "maj",
        "maja",
        "květen",
        "května",
        "máj",
        "mája",
        "május",
        "май",
        "мая",
        "травень",
        "травня",
        "toukokuu",
        "toukokuuta",
        "mayıs",
        "mayis",
        "μάιος",
        "μαΐου",
        "μαίου",
        "mai",
        "gegužė",
        "gegužės",
        "maijs",
        "maijā",
    ],
    &[
        "june",
        "jun",
        "juni",
        "juin",
        "junio",
        "juny",
        "giugno",
        "giu",
        "junho",
        "czerwiec",
        "czerwca",
        "cze",
        "červen",
        "června",
        "jún",
        "júna",
        "június",
        "июнь",
        "июня",
        "июн",
        "червень",
        "червня",
        "kesäkuu",
        "kesäkuuta",
        "haziran",
        "iunie",
        "ιούνιος",
        "ιουνίου",
        "juuni",
        "birželis",
        "birželio",
        "jūnijs",
        "jūnijā",
    ],
    &[
        "july",
        "jul",
        "juli",
        "juillet",
        "juil",
        "julio",
        "juliol",
        "luglio",
        "lug",
        "julho",
        "lipiec",
        "lipca",
        "lip",
        "červenec",
        "července",
        "júl",
        "júla",
        "július",
        "июль",
        "июля",
        "июл",
        "липень",
        "липня",
        "heinäkuu",
        "heinäkuuta",
        "temmuz",
        "iulie",
        "ιούλιος",
        "ιουλίου",
        "juuli",
        "liepa",
        "liepos",
        "jūlijs",
        "jūlijā",
    ],
    &[
        "august",
        "aug",
        "août",
        "aout",
        "agosto",
        "ago",
        "agost",
        "augustus",
        "sierpień",
        "sierpnia",
        "sie",
        "srpen",
        "srpna",
        "augusta",
        "augusztus",
        "август",
        "августа",
        "авг",
        "серпень",
        "серпня",
        "elokuu",
        "elokuuta",
        "ağustos",
        "agustos",
        "αύγουστος",
        "αυγούστου",
        "αύγ",
        "agustus",
        "rugpjūtis",
        "rugpjūčio",
        "augusts",
        "augustā",
    ],
    &[
        "september",
        "sep",
        "sept",
        "septembre",
        "septiembre",
        "setiembre",
        "set",
        "setembre",
        "settembre",
        "setembro",
        "wrzesień",
        "września",
        "wrz",
        "září",
        "septembra",
        "szeptember",
        "сентябрь",
        "сентября",
        "сен",
        "сент",
        "вересень",
        "вересня",
        "syyskuu",
        "syyskuuta",
        "eylül",
        "eylul",
        "septembrie",
        "σεπτέμβριος",
        "σεπτεμβρίου",
        "σεπ",
        "rugsėjis",
        "rugsėjo",
        "septembris",
        "septembrī",
    ],
    &[
        "october",
        "oct",
        "oktober",
        "okt",
        "octobre",
        "octubre",
        "ottobre",
        "ott",
        "outubro",
        "out",
        "październik",
        "października",
        "paź",
        "říjen",
        "října",
        "október",
        "októbra",
        "октябрь",
        "октября",
        "окт",
        "жовтень",
        "жовтня",
        "lokakuu",
        "lokakuuta",
        "ekim",
        "octombrie",
        "οκτώβριος",
        "οκτωβρίου",
        "οκτ",
        "spalis",
        "spalio",
        "oktobris",
        "oktobrī",
    ],
    &[
        "november",
        "nov",
        "novembre",
        "noviembre",
        "novembro",
        "listopad",
        "listopada",
        "lis",
        "listopadu",
        "novembra",
        "ноябрь",
        "ноября",
        "ноя",
        "нояб",
        "листопад",
        "листопада",
        "marraskuu",
        "marraskuuta",
        "kasım",
        "kasim",
        "noiembrie",
        "νοέμβριος",
        "νοεμβρίου",
        "νοε",
        "lapkritis",
        "lapkričio",
        "novembris",
        "novembrī",
    ],
    &[
        "december",
        "dec",
        "dezember",
        "dez",
        "décembre",
        "decembre",
        "déc",
        "diciembre",
        "dic",
        "desembre",
        "dicembre",
        "dezembro",
        "grudzień",
        "grudnia",
        "gru",
        "prosinec",
        "prosince",
        "decembra",
        "декабрь",
        "декабря",
        "дек",
        "грудень",
        "грудня",
        "joulukuu",
        "joulukuuta",
        "aralık",
        "aralik",
        "decembrie",
        "δεκέμβριος",
        "δεκεμβρίου",
        "δεκ",
        "desember",
        "detsember",
        "gruodis",
        "gruodžio",
        "decembris",
        "decembrī",
    ],
];

static MONTHS: LazyLock<HashMap<&'static str, u32>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for (i, names) in MONTH_NAMES.iter().enumerate() {
        for name in names.iter() {
            map.entry(*name).or_insert(i as u32 + 1);
        }
    }
    map
});

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn text_dates_in_many_languages() {
        let want = d(2024, 4, 21);
        for s in [
            "Sunday, April 21, 2024",
            "April 21st, 2024 at 10:00 am",
            "Sun Apr 21 10:00:00 2024",
            "Sun Apr 21 2024 10:00:00 GMT+0200 (Central European Summer Time)",
            "Apr. 21 2024",
            "21st April 2024",
            "21 kwietnia 2024",
            "21 kwietnia 2024 r., 10:15",
            "21 april 2024",
            "21. April 2024",
            "Veröffentlicht am 21. April 2024 um 10:00 Uhr",
            "21 avril 2024",
            "dimanche 21 avr. 2024",
            "21 de abril de 2024",
            "21 d'abril de 2024",
            "21 апреля 2024",
            "21 апреля 2024 г. в 10:00",
            "21 квітня 2024",
            "21. dubna 2024",
            "21 aprile 2024",
            "21 de abril, 2024",
            "21 april 2024 kl. 10.00",
            "21 Απριλίου 2024",
            "21. huhtikuuta 2024",
            "21 Nisan 2024",
            "2024. április 21.",
            "2024-04-21",
            "2024-04-21 10:00",
            "2024/04/21",
            "21.04.2024",
            "21.04.2024, 10:00 Uhr",
            "21. 4. 2024",
            "21-04-2024",
            "04/21/2024",
            "21/04/2024",
            "2024年4月21日",
            "2024年04月21日 10:00",
            "2024년 4월 21일",
            "2024. 4. 21.",
        ] {
            assert_eq!(parse_date_text(s), want, "{s:?}");
        }
    }

    #[test]
    fn ambiguous_slashes_follow_the_order() {
        assert_eq!(parse_date_text("05/04/2024"), d(2024, 4, 5));
        assert_eq!(
            parse_date_text_with("05/04/2024", NumericOrder::MonthFirst),
            d(2024, 5, 4)
        );
        // Unambiguous dates are read the same way whatever the order.
        assert_eq!(
            parse_date_text_with("21/04/2024", NumericOrder::MonthFirst),
            d(2024, 4, 21)
        );
        // Dots are always day-first.
        assert_eq!(
            parse_date_text_with("05.04.2024", NumericOrder::MonthFirst),
            d(2024, 4, 5)
        );
    }

    #[test]
    fn ambiguous_slashed_dates_are_recognised() {
        assert!(is_ambiguous_slashed("05/04/2024 10:00"));
        assert!(!is_ambiguous_slashed("21/04/2024"));
        assert!(!is_ambiguous_slashed("04/04/2024"));
        assert!(!is_ambiguous_slashed("2024/04/05"));
        assert_eq!(
            parse_machine_date_with("10/05/2022 05:22 pm", NumericOrder::DayFirst).as_deref(),
            Some("2022-05-10")
        );
    }

    #[test]
    fn two_digit_years() {
        assert_eq!(parse_date_text("21.04.24"), d(2024, 4, 21));
        assert_eq!(parse_date_text("21.04.98"), d(1998, 4, 21));
    }

    #[test]
    fn earliest_date_wins() {
        assert_eq!(
            parse_date_text("21 April 2024, updated 22.04.2024"),
            d(2024, 4, 21)
        );
        assert_eq!(
            parse_date_text("Updated 2024-04-22 (first published April 21, 2024)"),
            d(2024, 4, 22)
        );
    }

    #[test]
    fn non_dates_are_rejected() {
        for s in [
            "",
            "no date",
            "2024",
            "Chapter 21, 2024 edition",
            "31.02.2024",
            "13/13/2024",
            "version 1.2.3",
            "12.04/2024",
            "21 Foo 2024",
            "Tel. 0171 2345678",
            "21 April 3024",
        ] {
            assert_eq!(parse_date_text(s), None, "{s:?}");
        }
    }

    #[test]
    fn a_failed_candidate_does_not_hide_a_later_date() {
        assert_eq!(parse_date_text("Seite 3 April 21, 2024"), d(2024, 4, 21));
        assert_eq!(
            parse_date_text("Folge 12 von 2023: 3. Mai 2023"),
            d(2023, 5, 3)
        );
    }

    #[test]
    fn no_month_name_means_two_months() {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, names) in MONTH_NAMES.iter().enumerate() {
            for name in names.iter() {
                if let Some(&j) = seen.get(name) {
                    assert_eq!(i, j, "{name:?} names months {} and {}", j + 1, i + 1);
                }
                seen.insert(name, i);
                assert_eq!(*name, name.to_lowercase(), "month names are lower-case");
            }
        }
    }

    #[test]
    fn month_names() {
        assert_eq!(month_from_name("Mär."), Some(3));
        assert_eq!(month_from_name("PAŹDZIERNIKA"), Some(10));
        assert_eq!(month_from_name("Février"), Some(2));
        assert_eq!(month_from_name("Listopad"), Some(11));
        assert_eq!(month_from_name("Sunday"), None);
        assert_eq!(month_from_name(""), None);
    }

    #[test]
    fn machine_dates() {
        let cases = [
            ("2024-04-21", "2024-04-21"),
            ("20240421", "2024-04-21"),
            ("2024-04-21T10:00:00+02:00", "2024-04-21T10:00:00+02:00"),
            ("2024-04-21T10:00:00+0200", "2024-04-21T10:00:00+02:00"),
            ("2024-04-21T10:00+02", "2024-04-21T10:00:00+02:00"),
            ("2024-04-21T10:00:00.123Z", "2024-04-21T10:00:00+00:00"),
            ("2024-04-21 10:00:00", "2024-04-21T10:00:00"),
            ("2024-04-21T10:00:00-05:00", "2024-04-21T10:00:00-05:00"),
            (
                "Sun, 21 Apr 2024 10:00:00 +0200",
                "2024-04-21T10:00:00+02:00",
            ),
            ("Sun, 21 Apr 2024 08:00:00 GMT", "2024-04-21T08:00:00+00:00"),
            ("1713686400", "2024-04-21T08:00:00+00:00"),
            ("1713686400000", "2024-04-21T08:00:00+00:00"),
            ("April 21, 2024", "2024-04-21"),
            ("04/21/2024 10:00:00", "2024-04-21"),
            ("11/01/2023 12:43:42", "2023-11-01"),
            ("  2024-04-21  ", "2024-04-21"),
            // An impossible time still leaves a good date.
            ("2024-04-21T25:00:00Z", "2024-04-21"),
        ];
        for (input, want) in cases {
            assert_eq!(
                parse_machine_date(input).as_deref(),
                Some(want),
                "{input:?}"
            );
        }
        for bad in ["", "soon", "2024-13-01", "0000-00-00", "12345"] {
            assert_eq!(parse_machine_date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn century_year_prefilter_is_exact() {
        // Whenever a URL pattern matches, the prefilter lets the path through.
        let pieces = [
            "/", "2024", "19", "20", "04", "21", "-", "_", ".", "a", "1", "0",
        ];
        let mut matched = 0;
        crate::testutil::for_each_string(&pieces, 5, |s| {
            let any = [
                &*URL_YMD_SLASHED,
                &*URL_YMD_JOINED,
                &*URL_YMD_DASHED,
                &*URL_DMY_DASHED,
            ]
            .iter()
            .any(|re| re.is_match(s));
            if any {
                matched += 1;
                assert!(has_century_year(s), "{s:?}");
            }
        });
        assert!(matched > 1000);
        assert!(!has_century_year("/news/2x24/04/21/"));
        assert!(has_century_year("/1999"));
    }

    #[test]
    fn url_dates() {
        let want = d(2024, 4, 21);
        for url in [
            "https://example.com/2024/04/21/story-title/",
            "https://example.com/news/2024/4/21/story-title",
            "https://example.com/2024/04/21",
            "https://example.com/a/20240421/story",
            "https://example.com/a/story-20240421.html",
            "https://example.com/news/2024-04-21-story-title",
            "https://example.com/news/story_2024_04_21.html",
            "https://example.com/meldungen/21-04-2024",
            "https://example.com/newsroom/21-04-2024-some-story/17.html",
            "https://example.com/news/04-21-2024-some-story",
            "example.com/2024/04/21/x?utm=1",
        ] {
            assert_eq!(date_from_url(url), want, "{url}");
        }
        for url in [
            "https://example.com/2024/04/story-title",
            "https://example.com/story?date=2024-04-21",
            "https://example.com/article/123456789",
            "https://example.com/2024/13/45/x",
            "https://20240421.example.com/x",
            "no url",
        ] {
            assert_eq!(date_from_url(url), None, "{url}");
        }
    }

    #[test]
    fn huge_inputs_are_bounded() {
        let long = "x ".repeat(1_000_000) + "21.04.2024";
        assert_eq!(parse_date_text(&long), None);
        let many = "1 Foo 2024 ".repeat(10_000);
        assert_eq!(parse_date_text(&many), None);
        assert_eq!(parse_machine_date(&"1".repeat(10_000)), None);
        assert_eq!(date_from_url(&"/2024".repeat(10_000)), None);
    }
}
