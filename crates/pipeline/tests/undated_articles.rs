//! An article without a publication date is dated by what it says of
//! itself: the latest full date of its head or of a photo caption stands in
//! for the publication day, each event so dated says so, and the document
//! stays undated.

use entente_model::{EventType, RawArticle};
use entente_pipeline::Pipeline;

fn run(text: &str) -> entente_model::Extraction {
    let pipeline =
        Pipeline::new(entente_kb::Kb::embedded().expect("the embedded knowledge base loads"));
    pipeline.process(RawArticle {
        source: "undated.txt".into(),
        lang: Some("en".into()),
        title: Some("Security talks".into()),
        text: text.into(),
        ..Default::default()
    })
}

#[test]
fn a_caption_date_anchors_the_weekday_and_the_document_stays_undated() {
    let ex = run(
        "Canada's foreign minister and Mexico's foreign minister in Mexico City, \
                  September 3, 2025. Photo: Reuters\n\n\
                  Canada and Mexico on Wednesday agreed to deepen security cooperation \
                  against cartels.",
    );
    assert_eq!(
        ex.document.published, None,
        "the record keeps the article undated"
    );
    let agree = ex
        .events
        .iter()
        .find(|e| e.event_type == EventType::Agree)
        .unwrap_or_else(|| panic!("no AGREE in {:#?}", ex.events));
    assert_eq!(
        agree.date.map(|d| d.to_string()).as_deref(),
        Some("2025-09-03")
    );
    assert!(
        agree
            .why
            .iter()
            .any(|w| w.contains("no publication date") && w.contains("2025-09-03")),
        "the why lines name the stand-in: {:#?}",
        agree.why
    );
}

#[test]
fn without_a_full_date_of_its_own_a_weekday_stays_undated() {
    let ex = run(
        "Canada and Mexico on Wednesday agreed to deepen security cooperation \
                  against cartels.",
    );
    let agree = ex
        .events
        .iter()
        .find(|e| e.event_type == EventType::Agree)
        .unwrap_or_else(|| panic!("no AGREE in {:#?}", ex.events));
    assert_eq!(agree.date, None);
}
