//! Italian name recognition on the KIND Wikinews test split, when the
//! shared folder is present: person recall must stay at or above 0.85 (the
//! bar of issue 3), and precision must not collapse to buy it.

#[path = "../examples/wikinews/eval.rs"]
mod eval;

use entente_kb::Kb;

#[test]
fn wikinews_person_recall() {
    let path = eval::default_path();
    let Ok(data) = std::fs::read_to_string(&path) else {
        eprintln!("skip: {} not found", path.display());
        return;
    };
    let kb = Kb::embedded().expect("embedded knowledge base");
    let r = eval::evaluate(&kb, &data, false);
    eprintln!(
        "wikinews ({} documents, {} notes): persons P {:.3} R {:.3}; places P {:.3} R {:.3}",
        r.documents,
        r.notes.len(),
        r.person.precision(),
        r.person.recall(),
        r.place.precision(),
        r.place.recall()
    );
    assert!(
        r.person.recall() >= 0.85,
        "person recall fell to {:.3}",
        r.person.recall()
    );
    assert!(
        r.person.precision() >= 0.75,
        "person precision fell to {:.3}",
        r.person.precision()
    );
}
