//! Italian name recognition against the KIND Wikinews test split:
//! `cargo run -p entente-kb --example wikinews [-- PATH]` prints person and
//! place precision and recall (a predicted span counts when it overlaps a
//! gold span of the same kind; matching is one to one).

use entente_kb::Kb;
use entente_model::{ActorType, MentionForm};
use std::path::PathBuf;

/// A gold entity: character span and label.
type Span = (usize, usize, String);

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/data/kind-wikinews-it/wikinews_test.tsv")
        });
    let Ok(data) = std::fs::read_to_string(&path) else {
        eprintln!("skip: {} not found", path.display());
        return Ok(());
    };
    let kb = Kb::embedded()?;
    // Sentences as (text, gold spans by label).
    let mut sentences: Vec<(String, Vec<Span>)> = Vec::new();
    let mut text = String::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut cur: Option<Span> = None;
    for line in data.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if let Some(c) = cur.take() {
                spans.push(c);
            }
            if !text.is_empty() {
                sentences.push((std::mem::take(&mut text), std::mem::take(&mut spans)));
            }
            continue;
        }
        let mut cols = line.split('\t');
        let (tok, label) = (cols.next().unwrap_or(""), cols.next().unwrap_or("O").trim());
        if !text.is_empty() && !text.ends_with('\'') {
            text.push(' ');
        }
        let start = text.chars().count();
        text.push_str(tok);
        let end = text.chars().count();
        match (&mut cur, label) {
            (Some(c), l) if c.2 == l => c.1 = end,
            (_, "O") => {
                if let Some(c) = cur.take() {
                    spans.push(c);
                }
            }
            (_, l) => {
                if let Some(c) = cur.take() {
                    spans.push(c);
                }
                cur = Some((start, end, l.to_string()));
            }
        }
    }
    // Link in groups of sentences (the file has no article boundaries).
    let (mut per, mut loc) = ([0usize; 3], [0usize; 3]); // tp, predicted, gold
    for chunk in sentences.chunks(40) {
        let mut body = String::new();
        let mut gold = Vec::new();
        for (t, s) in chunk {
            let off = body.chars().count();
            body.push_str(t);
            body.push('\n');
            gold.extend(s.iter().map(|(a, b, l)| (a + off, b + off, l.clone())));
        }
        let mentions = kb.link_text(&body, "it", None);
        let mut pred_per: Vec<(usize, usize)> = Vec::new();
        let mut pred_loc: Vec<(usize, usize)> = Vec::new();
        for m in &mentions {
            match m.actor_type {
                ActorType::Person if m.form != MentionForm::Role => pred_per.push((m.start, m.end)),
                ActorType::State if matches!(m.form, MentionForm::Name | MentionForm::Capital) => {
                    pred_loc.push((m.start, m.end))
                }
                _ => {}
            }
        }
        for p in kb.link_places(&body) {
            if !pred_loc.contains(&(p.start, p.end)) {
                pred_loc.push((p.start, p.end));
            }
        }
        if std::env::var_os("WIKINEWS_VERBOSE").is_some() {
            let chars: Vec<char> = body.chars().collect();
            let show = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
            for g in gold.iter().filter(|g| g.2 == "PER") {
                if !pred_per.iter().any(|p| g.0 < p.1 && p.0 < g.1) {
                    println!("MISS {}", show(g.0, g.1));
                }
            }
            for p in &pred_per {
                if !gold.iter().any(|g| g.2 == "PER" && g.0 < p.1 && p.0 < g.1) {
                    println!("FP {}", show(p.0, p.1));
                }
            }
        }
        score(&pred_per, &gold, "PER", &mut per);
        score(&pred_loc, &gold, "LOC", &mut loc);
    }
    for (name, c) in [("person", per), ("place", loc)] {
        let p = c[0] as f64 / c[1].max(1) as f64;
        let r = c[0] as f64 / c[2].max(1) as f64;
        println!(
            "{name}: precision {p:.3} recall {r:.3} (matched {}, predicted {}, gold {})",
            c[0], c[1], c[2]
        );
    }
    Ok(())
}

fn score(
    pred: &[(usize, usize)],
    gold: &[(usize, usize, String)],
    label: &str,
    c: &mut [usize; 3],
) {
    let gold: Vec<(usize, usize)> = gold
        .iter()
        .filter(|g| g.2 == label)
        .map(|g| (g.0, g.1))
        .collect();
    let mut used = vec![false; gold.len()];
    for p in pred {
        if let Some(i) = (0..gold.len()).find(|&i| !used[i] && gold[i].0 < p.1 && p.0 < gold[i].1) {
            used[i] = true;
            c[0] += 1;
        }
    }
    c[1] += pred.len();
    c[2] += gold.len();
}
