//! The plain data of a story page: what [`crate::assemble`] produces and every interface (CLI
//! export, HTTP JSON API, web UI) shows. All of it serialises to JSON with serde; the JSON form is
//! the public `parallax story ID --format json` and `GET /api/stories/{id}` format.

use parallax_analysis::{EntityKind, QuoteKind, Value};
use serde::{Deserialize, Serialize};

/// One story page: everything Parallax knows about one story.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct StoryPage {
    /// The story id (stable: a merged story's old id resolves to the surviving one).
    pub id: u64,
    /// The headline, in the reader's language when a source has one in it.
    pub headline: Headline,
    /// Languages of the story's articles (ISO 639-1), most articles first.
    pub languages: Vec<String>,
    /// Publication time of the first report (RFC 3339), when known.
    pub first_published: Option<String>,
    /// Publication time of the latest report (RFC 3339), when known.
    pub last_published: Option<String>,
    /// A short extractive summary drawn from several sources without repetition.
    pub summary: Vec<SummarySentence>,
    /// Every article of the story, originals first, each with its copies.
    pub sources: Vec<Source>,
    /// Number of independent sources (originals, not copies or reprints).
    pub independent_sources: usize,
    /// Number of copies and reprints.
    pub copies: usize,
    /// First report and updates, in time order.
    pub timeline: Vec<TimelineEntry>,
    /// Quotes and analyses grouped by speaker.
    pub perspectives: Vec<Perspective>,
    /// Figures grouped by what they measure about which event, with agreement and conflict.
    pub figures: Vec<FigureGroup>,
    /// Entities of the story, most mentioned first, with background when known.
    pub entities: Vec<StoryEntity>,
    /// Other stories sharing entities with this one, closest first.
    pub related: Vec<RelatedStory>,
}

/// A story's headline and where it comes from.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Headline {
    /// The headline text.
    pub text: String,
    /// Its language (ISO 639-1), when known.
    pub language: Option<String>,
    /// Store key of the article it is taken from.
    pub article: Option<String>,
}

/// One sentence of the extractive summary, linked to its source.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct SummarySentence {
    /// The sentence as written in the article.
    pub text: String,
    /// Store key of the article it comes from.
    pub article: String,
    /// The outlet (site name or host) of that article.
    pub outlet: Option<String>,
    /// The sentence's language.
    pub language: Option<String>,
}

/// One article of the story.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Source {
    /// Store key of the article.
    pub article: String,
    /// The article's title.
    pub title: Option<String>,
    /// The outlet: site name, else the URL's host.
    pub outlet: Option<String>,
    /// The article's URL.
    pub url: Option<String>,
    /// The article's language.
    pub language: Option<String>,
    /// Publication time (RFC 3339 or the date as found), when known.
    pub published: Option<String>,
    /// Authors, as found.
    pub authors: Vec<String>,
    /// Whether this is an independent source (not a copy or reprint of another article).
    pub independent: bool,
    /// For a copy: the store key of its original.
    pub copy_of: Option<String>,
    /// For an original: the store keys of its copies in this story.
    pub copies: Vec<String>,
}

/// What a timeline entry marks.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum TimelineKind {
    /// The first report of the story.
    #[default]
    First,
    /// A later independent report.
    Update,
    /// A copy or reprint of an earlier report.
    Copy,
}

/// One entry of the story's timeline.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct TimelineEntry {
    /// Publication time (RFC 3339 or the date as found); `None` sorts last.
    pub time: Option<String>,
    /// First report, update or copy.
    pub kind: TimelineKind,
    /// Store key of the article.
    pub article: String,
    /// Its outlet.
    pub outlet: Option<String>,
    /// Its language.
    pub language: Option<String>,
    /// Its title.
    pub title: Option<String>,
    /// What the entry adds, when it can be told (a new figure: "killed: 115 → 137").
    pub note: Option<String>,
}

/// One speaker's quotes and analyses across the story.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Perspective {
    /// The speaker's full name (or the source as written when no name resolves).
    pub speaker: String,
    /// The speaker's role ("a national security expert"), when stated.
    pub role: Option<String>,
    /// The speaker's affiliation ("the Center for Strategic and International Studies").
    pub affiliation: Option<String>,
    /// Outlets the speaker writes or speaks for ("Sky News"), when stated.
    pub outlets: Vec<String>,
    /// Whether this is an analysis written for an outlet ("X writes for Sky News") rather than
    /// quotes reported by others.
    pub analysis: bool,
    /// The speaker's statements.
    pub quotes: Vec<PerspectiveQuote>,
}

/// One statement of a speaker.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PerspectiveQuote {
    /// The quoted or reported content (segments joined with " … ").
    pub text: String,
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// Store key of the article it is reported in.
    pub article: String,
    /// The outlet of that article.
    pub reported_by: Option<String>,
    /// The article's language.
    pub language: Option<String>,
}

/// How the claims of a figure group relate.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum FigureStatus {
    /// Only one source states the figure.
    #[default]
    Single,
    /// The sources agree (same value, or compatible qualifiers: "over 130" and "137").
    Agreement,
    /// The sources disagree; see [`ConflictKind`].
    Conflict,
}

/// Why two reports of a figure differ.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ConflictKind {
    /// A later report gives a higher (or revised) toll: the count moved on.
    Update,
    /// Reports of about the same time give different values.
    Disagreement,
    /// The reports count different things (another place, period or group).
    Scope,
}

/// One report of a figure by one source.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FigureClaim {
    /// The number or vague quantity.
    pub value: Value,
    /// "more than", "at least", "about", …, or none.
    pub qualifier: Option<String>,
    /// The value in a short comparable form: "115", ">130", "≥169", "~50", "several thousand".
    pub display: String,
    /// The figure phrase as written ("over 130 people died").
    pub text: String,
    /// Store key of the article.
    pub article: String,
    /// The article's outlet.
    pub outlet: Option<String>,
    /// The article's publication time.
    pub published: Option<String>,
    /// Where in the article, when not the body: the label of the aside ("background box
    /// (Wikipedia)").
    pub location: Option<String>,
}

/// Reports of one measure about one event, compared.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct FigureGroup {
    /// What is counted ("killed", "injured", "hostages", "fighters", …).
    pub measure: String,
    /// What the figure is about: the event or place phrase ("the concert hall attack near
    /// Moscow"), when it can be told.
    pub about: Option<String>,
    /// Single, agreement or conflict.
    pub status: FigureStatus,
    /// For a conflict: update, disagreement or scope.
    pub conflict: Option<ConflictKind>,
    /// A one-line explanation for readers ("Sky News: over 130; Wikipedia box: 115").
    pub note: Option<String>,
    /// Every report, earliest first.
    pub claims: Vec<FigureClaim>,
}

/// Where an entity's background comes from.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "from", rename_all = "lowercase")]
pub enum BackgroundSource {
    /// A knowledge file the user imported (Wikipedia abstracts, Wikidata subset).
    Knowledge {
        /// The entry's title in the knowledge file.
        title: String,
        /// The entry's URL, when the file gives one.
        url: Option<String>,
    },
    /// A definition found in an article of the story ("Khorasan province, or ISIS-K for
    /// short").
    Article {
        /// Store key of the article.
        article: String,
    },
}

/// A short background text about an entity.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Background {
    /// The text (one to three sentences).
    pub text: String,
    /// Where it comes from.
    pub source: BackgroundSource,
}

/// One entity of the story, merged across its articles and languages.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StoryEntity {
    /// Canonical name.
    pub name: String,
    /// Person, organisation, place or other.
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// Every other surface form seen in the story's articles, in any language.
    pub aliases: Vec<String>,
    /// Mentions across the story.
    pub mentions: usize,
    /// Articles mentioning it.
    pub articles: usize,
    /// Background, when known.
    pub background: Option<Background>,
}

/// Another story related to this one.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct RelatedStory {
    /// Its id.
    pub id: u64,
    /// Its headline.
    pub headline: String,
    /// Entities the two stories share.
    pub shared_entities: Vec<String>,
    /// Relatedness in [0, 1].
    pub score: f64,
}
