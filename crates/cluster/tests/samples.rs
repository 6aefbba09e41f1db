//! The two sample articles (English and Swedish, about the attack on a concert hall near Moscow)
//! form one story; an unrelated attack elsewhere does not join it.

use parallax_cluster::{DocInput, OnlineClusterer, Vectorizer, similarity};

const EN_TITLE: &str =
    "Why did ISIS-K attack Russia? “Russia supports the Taliban against whom ISIS-K is fighting”";
const EN_TEXT: &str = include_str!("data/tvn24-copy-isisk.en.txt");
const SV_TITLE: &str = "Analyser: Därför är det troligt att IS-K är bakom";
const SV_TEXT: &str = include_str!("data/omni-isk-analyser.sv.txt");

/// Written for this test: another attack, in another country, by other people.
const OTHER_TITLE: &str = "Truck bomb kills 14 at crowded market in Mogadishu";
const OTHER_TEXT: &str = "A truck packed with explosives blew up at a busy market in Mogadishu on \
Saturday morning, killing at least 14 people and wounding dozens, Somali police said. The \
al-Shabaab group said in a statement on its radio station that its fighters carried out the \
bombing. Witnesses described stalls set on fire and cars thrown across the road. The mayor of \
Mogadishu said rescue teams were still searching the rubble. The African Union mission condemned \
the attack, the third in the Somali capital this year.\n\nPresident Hassan Sheikh Mohamud called \
for calm and promised to rebuild the market within weeks.";

const DAY: i64 = 86_400;
const T0: i64 = 1_711_152_000; // 2024-03-23

fn en(time: Option<i64>) -> DocInput<'static> {
    DocInput {
        title: Some(EN_TITLE),
        text: Some(EN_TEXT),
        time,
    }
}
fn sv(time: Option<i64>) -> DocInput<'static> {
    DocInput {
        title: Some(SV_TITLE),
        text: Some(SV_TEXT),
        time,
    }
}
fn other(time: Option<i64>) -> DocInput<'static> {
    DocInput {
        title: Some(OTHER_TITLE),
        text: Some(OTHER_TEXT),
        time,
    }
}

#[test]
fn english_and_swedish_samples_are_one_story() {
    let mut c = OnlineClusterer::default();
    let a = c.add(&en(Some(T0 + DAY)));
    let b = c.add(&sv(Some(T0 + DAY + 3600)));
    let d = c.add(&other(Some(T0 + DAY + 7200)));
    assert!(a.new_story);
    assert_eq!(
        c.resolve(b.story),
        c.resolve(a.story),
        "Swedish sample joins: {b:?}"
    );
    assert!(
        d.new_story,
        "the unrelated attack opens its own story: {d:?}"
    );
    assert_ne!(c.resolve(d.story), c.resolve(a.story));
}

#[test]
fn order_does_not_matter_for_the_samples() {
    let mut c = OnlineClusterer::default();
    let o = c.add(&other(None));
    let b = c.add(&sv(None));
    let a = c.add(&en(None));
    assert_eq!(c.resolve(a.story), c.resolve(b.story));
    assert_ne!(c.resolve(o.story), c.resolve(a.story));
}

#[test]
fn similarity_ranks_the_samples_above_the_unrelated_attack() {
    let mut v = Vectorizer::new();
    let a = v.doc(&en(None));
    let b = v.doc(&sv(None));
    let d = v.doc(&other(None));
    let threshold = OnlineClusterer::default().config().threshold;
    let same = similarity(&a, &b);
    assert!(
        same >= threshold,
        "en-sv similarity {same} below the join threshold {threshold}"
    );
    assert!(
        similarity(&a, &d) < threshold / 2.0,
        "en-other {}",
        similarity(&a, &d)
    );
    assert!(
        similarity(&b, &d) < threshold / 2.0,
        "sv-other {}",
        similarity(&b, &d)
    );
}
