//! Coverage by inventory: every place below the state and every capital the
//! knowledge base links has a map point in `data/kb/place_points.tsv`, in
//! the same state.

use entente_model::{ActorId, geo};

const PLACES: &str = include_str!("../../../data/kb/places.tsv");
const STATES: &str = include_str!("../../../data/kb/states.tsv");

/// (state, form) of every `place` row of places.tsv and `capital` row of
/// states.tsv, case marks dropped.
fn forms() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (table, kind) in [(PLACES, "place"), (STATES, "capital")] {
        for line in table.lines().filter(|l| !l.starts_with('#')) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 4 || cols[1] != kind || cols[0] == "-" {
                continue;
            }
            for f in cols[3].split('|') {
                let f = f.trim().trim_start_matches(['=', '^', '?']);
                if !f.is_empty() {
                    out.push((cols[0].to_string(), f.to_string()));
                }
            }
        }
    }
    out
}

#[test]
fn every_known_place_and_capital_has_a_map_point_in_its_state() {
    let forms = forms();
    assert!(forms.len() > 300, "{} forms", forms.len());
    let missing: Vec<String> = forms
        .iter()
        .filter(|(state, f)| {
            let state = ActorId::new(state.as_str());
            geo::place_point(f, Some(&state)).is_none()
        })
        .map(|(state, f)| format!("{state} {f}"))
        .collect();
    assert!(
        missing.is_empty(),
        "no point (or another state's): {missing:?}"
    );
}
