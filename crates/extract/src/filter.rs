//! The learned event filter: a logistic model over the features the coder
//! records of each event it codes (`events::event_features`), which drops
//! the events it judges not to be reports of an act (a background mention,
//! a garbled caption, a role read wrong). The weights are data,
//! `data/model/event_filter.tsv`, trained by
//! `data/model/train_event_filter.py` on the team's own annotated articles
//! (`eval/train/`), never on an evaluation set. Without weights it keeps
//! every event.

use entente_model::Extraction;
use foldhash::{HashMap, HashMapExt};
use std::sync::LazyLock;

/// The weights, as trained.
const EMBEDDED: &str = include_str!("../../../data/model/event_filter.tsv");

static FILTER: LazyLock<EventFilter> = LazyLock::new(|| match EventFilter::parse(EMBEDDED) {
    Ok(f) => f,
    Err(e) => {
        // checked by this crate's tests; a broken file keeps every event
        eprintln!("entente: data/model/event_filter.tsv is broken ({e}); no event is filtered");
        EventFilter::default()
    }
});

/// A logistic model over feature names.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    bias: f64,
    threshold: f64,
    weights: HashMap<String, f64>,
}

impl EventFilter {
    /// The embedded model.
    pub fn embedded() -> &'static EventFilter {
        &FILTER
    }

    /// Parse `event_filter.tsv`: `bias<TAB>w`, `threshold<TAB>p`, then one
    /// `feature<TAB>weight` line each; `#` starts a comment.
    pub fn parse(text: &str) -> Result<EventFilter, String> {
        let mut f = EventFilter {
            bias: 0.0,
            threshold: 0.0,
            weights: HashMap::new(),
        };
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, value) = line
                .rsplit_once('\t')
                .ok_or_else(|| format!("line {}: expected NAME<TAB>NUMBER", n + 1))?;
            let value: f64 = value
                .trim()
                .parse()
                .map_err(|_| format!("line {}: {value:?} is not a number", n + 1))?;
            match name {
                "bias" => f.bias = value,
                "threshold" => f.threshold = value,
                _ => {
                    f.weights.insert(name.to_string(), value);
                }
            }
        }
        Ok(f)
    }

    /// True when there is no model (every event is kept).
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// The probability that an event with these features is a report of an act.
    pub fn score(&self, features: &[String]) -> f64 {
        let z: f64 = self.bias
            + features
                .iter()
                .filter_map(|f| self.weights.get(f.as_str()))
                .sum::<f64>();
        1.0 / (1.0 + (-z).exp())
    }

    /// Drop the events scored under the threshold (and their mentions in
    /// agreement histories); a kept event's confidence is its score.
    pub fn apply(&self, extraction: &mut Extraction, features: &[Vec<String>]) {
        if self.is_empty() || features.len() != extraction.events.len() {
            return;
        }
        let mut dropped: Vec<String> = Vec::new();
        let mut kept = Vec::with_capacity(extraction.events.len());
        for (mut e, f) in std::mem::take(&mut extraction.events)
            .into_iter()
            .zip(features)
        {
            let p = self.score(f);
            if p < self.threshold {
                dropped.push(e.id.clone());
                continue;
            }
            e.confidence = (p * 100.0).round() / 100.0;
            e.why.push(format!(
                "event filter: {p:.2} ≥ {:.2} (data/model/event_filter.tsv)",
                self.threshold
            ));
            kept.push(e);
        }
        extraction.events = kept;
        if !dropped.is_empty() {
            for a in &mut extraction.agreements {
                for h in &mut a.history {
                    h.events.retain(|id| !dropped.contains(id));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_parses() {
        EventFilter::parse(EMBEDDED).unwrap();
    }

    #[test]
    fn weights_add_up_through_the_logistic() {
        let f = EventFilter::parse("bias\t0\nthreshold\t0.5\ngood\t2\nbad\t-3\n").unwrap();
        let s = |xs: &[&str]| f.score(&xs.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert!((s(&[]) - 0.5).abs() < 1e-9);
        assert!(s(&["good"]) > 0.85);
        assert!(s(&["good", "bad"]) < 0.5);
        assert!(s(&["unknown"]) == 0.5);
        let err = EventFilter::parse("bias\tx\n").unwrap_err();
        assert!(err.contains("line 1"));
    }
}
