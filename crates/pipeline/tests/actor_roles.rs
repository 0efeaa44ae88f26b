//! An actor record carries the role held on the article's date, not the
//! latest one the knowledge base knows.

use entente_model::{ActorId, RawArticle};
use entente_pipeline::Pipeline;

fn role_of(published: &str, text: &str, id: &str) -> (Option<String>, Option<String>) {
    let kb = entente_kb::Kb::embedded().unwrap_or_else(|e| panic!("knowledge base: {e}"));
    let pipeline = Pipeline::new(kb);
    let ex = pipeline.process(RawArticle {
        source: "t".into(),
        lang: Some("en".into()),
        published: published.parse().ok(),
        title: Some("T".into()),
        text: text.into(),
        ..Default::default()
    });
    let rec = ex
        .actors
        .iter()
        .find(|a| a.id == ActorId::new(id))
        .unwrap_or_else(|| panic!("no actor {id} in {:?}", ex.actors));
    (
        rec.role.clone(),
        rec.affiliation.as_ref().map(|a| a.0.clone()),
    )
}

#[test]
fn rutte_is_nato_secretary_general_in_2025_and_dutch_prime_minister_in_2020() {
    let (role, aff) = role_of(
        "2025-04-09",
        "Mark Rutte met Japanese officials in Tokyo.",
        "person:mark-rutte",
    );
    assert_eq!(aff.as_deref(), Some("NATO"), "{role:?}");
    let (role, aff) = role_of(
        "2020-06-01",
        "Mark Rutte met German officials in Berlin.",
        "person:mark-rutte",
    );
    assert_eq!(aff.as_deref(), Some("NLD"), "{role:?}");
}
