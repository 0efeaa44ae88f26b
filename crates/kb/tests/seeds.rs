//! Actor recall and precision on the seed articles against their gold
//! annotations (`shared/eval/seeds/gold`), when the shared folder is present.

use entente_kb::Kb;
use entente_model::{ActorType, PartialDate, slug};
use std::collections::BTreeSet;
use std::path::PathBuf;

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    p.join("eval/seeds/gold").is_dir().then_some(p)
}

#[test]
fn seed_actor_lists() {
    let Some(shared) = shared() else {
        eprintln!("skip: shared evaluation folder not found");
        return;
    };
    let kb = Kb::embedded().expect("embedded knowledge base");
    let mut files: Vec<_> = std::fs::read_dir(shared.join("eval/seeds/gold"))
        .expect("gold dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let (mut tp, mut fp, mut fnn) = (0usize, 0usize, 0usize);
    for gold_path in files {
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&gold_path).expect("gold"))
                .expect("json");
        let source = gold["source"].as_str().unwrap_or_default();
        let text = std::fs::read_to_string(shared.join("corpus/seeds").join(source)).expect("seed");
        let lang = gold["lang"].as_str().unwrap_or("en");
        let date: Option<PartialDate> = gold["published"].as_str().and_then(|s| s.parse().ok());
        let mentions = kb.link_text(&text, lang, date);
        let optional: BTreeSet<String> = gold["actors"]["optional"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str())
            .flat_map(|s| [s.to_string(), format!("person:{}", slug(s))])
            .collect();
        let mut want: Vec<Vec<String>> = Vec::new();
        for v in gold["actors"]["states_igos"]
            .as_array()
            .into_iter()
            .flatten()
        {
            want.push(vec![v.as_str().unwrap_or_default().to_string()]);
        }
        for v in gold["actors"]["persons"].as_array().into_iter().flatten() {
            let alts = v.as_str().unwrap_or_default().split('|');
            want.push(alts.map(|a| format!("person:{}", slug(a))).collect());
        }
        let got: BTreeSet<String> = mentions
            .iter()
            .filter(|m| m.actor_type != ActorType::Org)
            .map(|m| m.actor.to_string())
            .filter(|a| !optional.contains(a))
            .collect();
        let mut matched = BTreeSet::new();
        let mut missed = Vec::new();
        for alts in &want {
            if let Some(a) = alts.iter().find(|a| got.contains(*a)) {
                matched.insert(a.clone());
            } else {
                missed.push(alts.join("|"));
            }
        }
        let extra: Vec<&String> = got.iter().filter(|g| !matched.contains(*g)).collect();
        tp += matched.len();
        fp += extra.len();
        fnn += missed.len();
        eprintln!("{source}: missed {missed:?} extra {extra:?}");
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fnn).max(1) as f64;
    let f1 = 2.0 * p * r / (p + r).max(1e-9);
    eprintln!("seed actors: precision {p:.3} recall {r:.3} F1 {f1:.3} (tp {tp} fp {fp} fn {fnn})");
    assert!(f1 >= 0.85, "seed actor F1 fell to {f1:.3}");
}
