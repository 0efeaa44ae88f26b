//! Scoring of person and place recognition against the KIND Italian
//! Wikinews test split (token <TAB> label, blank line between sentences).
//! Shared by the `wikinews` example and the `wikinews` test; reads nothing
//! but the file it is given and never panics on its content.

use entente_kb::Kb;
use entente_model::{ActorType, MentionForm};
use std::path::PathBuf;

/// A gold or predicted span, in characters of the document text.
pub type Span = (usize, usize);

/// One sentence: its text and its gold spans with their labels.
struct Sentence {
    text: String,
    gold: Vec<(usize, usize, String)>,
}

/// The default location of the data, relative to the crate.
pub fn default_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/kind-wikinews-it/wikinews_test.tsv")
}

/// Counts for one label.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub matched: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        self.matched as f64 / self.predicted.max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.matched as f64 / self.gold.max(1) as f64
    }
}

/// The scores, and (when asked) the misses and false alarms with context.
#[derive(Debug, Default)]
pub struct Report {
    pub person: Counts,
    pub place: Counts,
    pub documents: usize,
    pub notes: Vec<String>,
}

fn parse(data: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut gold = Vec::new();
    let mut cur: Option<(usize, usize, String)> = None;
    for line in data.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            gold.extend(cur.take());
            if !text.is_empty() {
                out.push(Sentence {
                    text: std::mem::take(&mut text),
                    gold: std::mem::take(&mut gold),
                });
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
            (_, "O") => gold.extend(cur.take()),
            (_, l) => {
                gold.extend(cur.take());
                cur = Some((start, end, l.to_string()));
            }
        }
    }
    out
}

/// A sentence that does not end like a sentence: an article title or a
/// section heading.
fn heading(s: &str) -> bool {
    !s.trim_end()
        .ends_with(['.', '!', '?', '"', '»', ':', ';', ')'])
}

/// A short line ending in a colon: a dateline ("Ischia :") before a title.
fn dateline(s: &str) -> bool {
    s.trim_end().ends_with(':') && s.split_whitespace().count() <= 4
}

/// Documents: the file has no article boundaries, so a new document starts
/// at a heading of four words or more (an article title; shorter headings,
/// "Inchiesta", "Notizie correlate", are taken as sections) that follows
/// body text, with the dateline before it. The rule is approximate both
/// ways: a long section heading splits an article, a short title joins two.
fn documents(sentences: Vec<Sentence>) -> Vec<Vec<Sentence>> {
    let mut docs: Vec<Vec<Sentence>> = Vec::new();
    let mut cur: Vec<Sentence> = Vec::new();
    for s in sentences {
        let after_body = cur
            .last()
            .is_some_and(|p| !heading(&p.text) && !dateline(&p.text));
        let title = heading(&s.text) && s.text.split_whitespace().count() >= 4;
        if title && after_body {
            // Keep a dateline with the title it announces.
            let carry = cur.pop_if(|p| dateline(&p.text));
            if !cur.is_empty() {
                docs.push(std::mem::take(&mut cur));
            }
            cur.extend(carry);
        }
        cur.push(s);
    }
    if !cur.is_empty() {
        docs.push(cur);
    }
    docs
}

/// Link every document of the file and score persons and places (a
/// predicted span counts when it overlaps a gold span of the same label;
/// matching is one to one). With `verbose`, `notes` lists every miss and
/// false alarm in its sentence.
pub fn evaluate(kb: &Kb, data: &str, verbose: bool) -> Report {
    let docs = documents(parse(data));
    let mut report = Report {
        documents: docs.len(),
        ..Report::default()
    };
    for doc in docs {
        let mut body = String::new();
        let mut gold = Vec::new();
        let mut bounds = Vec::new();
        for s in &doc {
            let off = body.chars().count();
            body.push_str(&s.text);
            body.push('\n');
            bounds.push((off, off + s.text.chars().count()));
            gold.extend(s.gold.iter().map(|(a, b, l)| (a + off, b + off, l.clone())));
        }
        let mentions = kb.link_text(&body, "it", None);
        let mut per: Vec<Span> = Vec::new();
        let mut loc: Vec<Span> = Vec::new();
        for m in &mentions {
            match m.actor_type {
                ActorType::Person if m.form != MentionForm::Role => per.push((m.start, m.end)),
                ActorType::State if matches!(m.form, MentionForm::Name | MentionForm::Capital) => {
                    loc.push((m.start, m.end))
                }
                _ => {}
            }
        }
        for p in kb.link_places(&body) {
            if !loc.contains(&(p.start, p.end)) {
                loc.push((p.start, p.end));
            }
        }
        loc.sort();
        let gold_per: Vec<Span> = gold
            .iter()
            .filter(|g| g.2 == "PER")
            .map(|g| (g.0, g.1))
            .collect();
        let gold_loc: Vec<Span> = gold
            .iter()
            .filter(|g| g.2 == "LOC")
            .map(|g| (g.0, g.1))
            .collect();
        let (pm, pf) = score(&per, &gold_per, &mut report.person);
        let (lm, lf) = score(&loc, &gold_loc, &mut report.place);
        if verbose {
            let chars: Vec<char> = body.chars().collect();
            let note = |kind: &str, (a, b): Span| {
                let (sa, sb) = bounds
                    .iter()
                    .copied()
                    .find(|&(sa, sb)| sa <= a && a <= sb)
                    .unwrap_or((a, b));
                let pre: String = chars[sa..a].iter().collect();
                let mid: String = chars[a..b.min(chars.len())].iter().collect();
                let post: String = chars[b.min(sb)..sb].iter().collect();
                format!("{kind} [{mid}]\t{pre}[{mid}]{post}")
            };
            for s in pm {
                report.notes.push(note("MISS-PER", s));
            }
            for s in pf {
                report.notes.push(note("FP-PER", s));
            }
            for s in lm {
                report.notes.push(note("MISS-LOC", s));
            }
            for s in lf {
                report.notes.push(note("FP-LOC", s));
            }
        }
    }
    report
}

/// Count matches; return the unmatched gold and predicted spans.
fn score(pred: &[Span], gold: &[Span], c: &mut Counts) -> (Vec<Span>, Vec<Span>) {
    let mut used = vec![false; gold.len()];
    let mut false_alarms = Vec::new();
    for &p in pred {
        match (0..gold.len()).find(|&i| !used[i] && gold[i].0 < p.1 && p.0 < gold[i].1) {
            Some(i) => {
                used[i] = true;
                c.matched += 1;
            }
            None => false_alarms.push(p),
        }
    }
    c.predicted += pred.len();
    c.gold += gold.len();
    let misses = gold
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(g, _)| *g)
        .collect();
    (misses, false_alarms)
}
