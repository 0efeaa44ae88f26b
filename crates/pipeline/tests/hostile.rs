//! Hostile articles through the whole per-article pipeline: every Unicode
//! normalisation form of the same names links and dates the same, and
//! pathological sizes and characters are processed without a panic. The
//! bounds are structural (sizes of the input), never timings.

use entente_model::{Extraction, PartialDate, RawArticle};
use entente_pipeline::Pipeline;
use std::collections::BTreeSet;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(|| {
    Pipeline::new(entente_kb::Kb::embedded().expect("the embedded knowledge base loads"))
});

fn process(text: &str, lang: Option<&str>) -> Extraction {
    PIPELINE.process(RawArticle {
        source: "hostile".into(),
        title: Some("Hostile".into()),
        published: Some(PartialDate::day(2025, 3, 14)),
        lang: lang.map(str::to_string),
        text: text.to_string(),
        ..Default::default()
    })
}

fn actors(x: &Extraction) -> BTreeSet<String> {
    x.actors.iter().map(|a| a.id.to_string()).collect()
}

/// (type, date) of each event: what must not depend on the form.
fn events(x: &Extraction) -> Vec<String> {
    let mut v: Vec<String> = x
        .events
        .iter()
        .map(|e| {
            format!(
                "{:?} {:?} {:?} {:?}",
                e.event_type, e.actor, e.recipient, e.date
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn every_normalisation_form_links_and_dates_the_same() {
    let cases = [
        (
            "it",
            "Giovedì il primo ministro giapponese Shigeru Ishiba ha incontrato ad Ankara il presidente della Türkiye. \
             La Türkiye e il Giappone hanno firmato un accordo di cooperazione nella difesa.",
        ),
        (
            "en",
            "Shigeru Ishiba met the president of Türkiye in Ankara on Thursday. \
             Türkiye and Japan signed a defence cooperation agreement.",
        ),
    ];
    for (lang, text) in cases {
        let forms: [(&str, String); 4] = [
            ("NFC", text.nfc().collect()),
            ("NFD", text.nfd().collect()),
            ("NFKC", text.nfkc().collect()),
            ("NFKD", text.nfkd().collect()),
        ];
        let reference = process(&forms[0].1, Some(lang));
        let want = actors(&reference);
        assert!(
            want.contains("TUR") && want.contains("JPN"),
            "{lang}: {want:?}"
        );
        assert!(!reference.events.is_empty(), "{lang}: no events");
        for (form, variant) in &forms[1..] {
            let got = process(variant, Some(lang));
            assert_eq!(actors(&got), want, "{lang} {form}: actors differ");
            assert_eq!(
                events(&got),
                events(&reference),
                "{lang} {form}: events differ"
            );
            assert_eq!(
                got.document.id, reference.document.id,
                "{lang} {form}: one document id"
            );
        }
    }
}

#[test]
fn nul_bytes_and_bidi_controls_do_not_hide_actors() {
    for text in [
        "Japan\u{0} and Italy held defence talks in Rome on Thursday.",
        "\u{202E}Japan and Italy held defence talks\u{202C} in Rome on Thursday.",
        "Japan and \u{2067}Italy\u{2069} held defence talks in Rome on Thursday.",
    ] {
        let x = process(text, Some("en"));
        let got = actors(&x);
        assert!(
            got.contains("JPN") && got.contains("ITA"),
            "{text:?}: {got:?}"
        );
    }
}

#[test]
fn an_article_of_a_hundred_thousand_sentences_is_stored_whole_and_coded_in_part() {
    let sentence = "Japan and Italy held talks in Rome. ";
    let text = sentence.repeat(100_000);
    let x = process(&text, Some("en"));
    let chars = x.document.text.chars().count();
    assert!(chars >= text.trim().chars().count() - 10, "stored whole");
    assert!(
        x.document
            .flags
            .iter()
            .any(|f| f.0 == entente_pipeline::EXTRACTION_TRUNCATED),
        "{:?}",
        x.document.flags
    );
    assert!(!x.events.is_empty());
    for e in &x.events {
        for ev in &e.evidence {
            assert!(
                ev.end <= entente_pipeline::MAX_EXTRACT_CHARS,
                "evidence beyond the coded head"
            );
        }
    }
    // A short article is not flagged.
    let short = process(&sentence.repeat(10), Some("en"));
    assert!(
        short
            .document
            .flags
            .iter()
            .all(|f| f.0 != entente_pipeline::EXTRACTION_TRUNCATED)
    );
}

#[test]
fn ten_megabytes_of_one_word_is_processed() {
    let text = format!(
        "Japan and Italy met. {}",
        "defence".repeat(10 * 1024 * 1024 / 7)
    );
    let x = process(&text, Some("en"));
    assert!(actors(&x).contains("JPN"));
    assert!(x.document.text.len() > 10_000_000);
}
