//! Data-driven tests of the whole per-article pipeline: each case is a
//! `tests/cases/<name>.jsonl` (articles of our own writing, about real
//! public events) and a `<name>.expect` listing what the record must hold.
//! Adding a case is adding two files.
//!
//! Expectation lines (`#` starts a comment):
//!   event TYPE A,B -> C,D [date=YYYY-MM-DD] [status=planned] [evidence=N] [docs=N] [roles=exact] [place=NAME|-]
//!   no-event TYPE A,B
//!   agreement TYPE A,B STATUS [history=s1,s2,…] [sources=N]
//!   no-agreement TYPE A,B
//! For CONSULT, AGREE and COOPERATE the two sides may be written either
//! way (PLOVER codes their participants together), unless `roles=exact`
//! asks for the sides as written (a visit: the guest acts, the host receives).
//! `place=` names the place of the event's location (`-`: none named).

use entente_model::{ActorId, Agreement, Event, ExportRecord};
use entente_pipeline::Pipeline;
use std::path::{Path, PathBuf};

fn ids(v: &[ActorId]) -> Vec<String> {
    let mut v: Vec<String> = v.iter().map(|a| a.0.clone()).collect();
    v.sort();
    v
}

fn list(s: &str) -> Vec<String> {
    let mut v: Vec<String> = s
        .split(',')
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect();
    v.sort();
    v
}

fn opts(parts: &[&str]) -> std::collections::HashMap<String, String> {
    parts
        .iter()
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn event_matches(
    e: &Event,
    ty: &str,
    actor: &[String],
    recipient: &[String],
    o: &std::collections::HashMap<String, String>,
) -> bool {
    if e.event_type.as_str() != ty {
        return false;
    }
    let (ea, er) = (ids(&e.actor), ids(&e.recipient));
    let roles_ok = if e.event_type.is_symmetric() && o.get("roles").is_none_or(|r| r != "exact") {
        let mut all: Vec<String> = ea.iter().chain(er.iter()).cloned().collect();
        all.sort();
        let mut want: Vec<String> = actor.iter().chain(recipient.iter()).cloned().collect();
        want.sort();
        all == want
    } else {
        ea == actor && er == recipient
    };
    roles_ok
        && o.get("date")
            .is_none_or(|d| e.date.map(|x| x.to_string()).as_deref() == Some(d.as_str()))
        && o.get("status").is_none_or(|s| e.status.as_str() == s)
        && o.get("place").is_none_or(|p| {
            let named = e.location.as_ref().and_then(|l| l.place.as_deref());
            named == (p != "-").then_some(p.as_str())
        })
        && o.get("evidence")
            .is_none_or(|n| e.evidence.len().to_string() == *n)
        && o.get("docs").is_none_or(|n| {
            let mut d: Vec<&str> = e.evidence.iter().map(|x| x.document.as_str()).collect();
            d.sort();
            d.dedup();
            d.len().to_string() == *n
        })
}

fn agreement_matches(
    a: &Agreement,
    ty: &str,
    parties: &[String],
    status: Option<&str>,
    o: &std::collections::HashMap<String, String>,
) -> bool {
    a.agreement_type.as_str() == ty
        && ids(&a.parties) == parties
        && status.is_none_or(|s| a.status.as_str() == s)
        && o.get("history").is_none_or(|h| {
            a.history
                .iter()
                .map(|x| x.status.as_str())
                .collect::<Vec<_>>()
                .join(",")
                == *h
        })
        && o.get("sources").is_none_or(|n| {
            let mut d: Vec<&str> = a.evidence.iter().map(|x| x.document.as_str()).collect();
            d.sort();
            d.dedup();
            d.len().to_string() == *n
        })
}

fn run_case(pipeline: &Pipeline, articles: &Path, expect: &Path) -> Vec<String> {
    let mut events = Vec::new();
    let mut agreements = Vec::new();
    for item in entente_ingest::read_path(articles) {
        match item {
            entente_ingest::ReadItem::Article(raw) => {
                let ex = pipeline.process(raw);
                events.extend(ex.events);
                agreements.extend(ex.agreements);
            }
            entente_ingest::ReadItem::Skipped(s) => {
                return vec![format!("skipped {}: {}", s.source, s.reason)];
            }
        }
    }
    let (events, agreements) = entente_fuse::fuse(events, agreements);
    // every event an agreement's history names is in the record
    for a in &agreements {
        for step in &a.history {
            for id in &step.events {
                if !events.iter().any(|e| &e.id == id) {
                    return vec![format!(
                        "{}: agreement step names a missing event {id}",
                        expect.display()
                    )];
                }
            }
        }
    }
    let text = std::fs::read_to_string(expect).unwrap_or_default();
    let mut failures = Vec::new();
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let parts: Vec<&str> = line.split_whitespace().collect();
        let ok = match parts.as_slice() {
            ["event", ty, a, "->", r, rest @ ..] => {
                let o = opts(rest);
                events
                    .iter()
                    .any(|e| event_matches(e, ty, &list(a), &list(r), &o))
            }
            ["event", ty, a, rest @ ..] => {
                let o = opts(rest);
                events
                    .iter()
                    .any(|e| event_matches(e, ty, &list(a), &[], &o))
            }
            ["no-event", ty, a] => !events.iter().any(|e| {
                e.event_type.as_str() == *ty && {
                    let mut all: Vec<String> =
                        ids(&e.actor).into_iter().chain(ids(&e.recipient)).collect();
                    all.sort();
                    all == list(a)
                }
            }),
            ["agreement", ty, p, st, rest @ ..] => {
                let o = opts(rest);
                agreements
                    .iter()
                    .any(|x| agreement_matches(x, ty, &list(p), Some(st), &o))
            }
            ["no-agreement", ty, p] => !agreements
                .iter()
                .any(|x| agreement_matches(x, ty, &list(p), None, &Default::default())),
            _ => {
                failures.push(format!(
                    "{}: cannot read expectation {line:?}",
                    expect.display()
                ));
                continue;
            }
        };
        if !ok {
            failures.push(format!("{}: not satisfied: {line}", expect.display()));
        }
    }
    if !failures.is_empty() {
        failures.push("  events found:".into());
        for e in &events {
            failures.push(format!(
                "    {} {} -> {} {} {} ({} evidence)",
                e.event_type,
                ids(&e.actor).join(","),
                ids(&e.recipient).join(","),
                e.date.map(|d| d.to_string()).unwrap_or_default(),
                e.status.as_str(),
                e.evidence.len()
            ));
        }
        failures.push("  agreements found:".into());
        for a in &agreements {
            let h: Vec<&str> = a.history.iter().map(|x| x.status.as_str()).collect();
            failures.push(format!(
                "    {} {} {} [{}]",
                a.agreement_type.as_str(),
                ids(&a.parties).join(","),
                a.status.as_str(),
                h.join(",")
            ));
        }
        // keep the export form in view too, for the why lines
        for e in &events {
            if let Ok(j) = serde_json::to_string(&ExportRecord::Event(e.clone())) {
                failures.push(format!("    {j}"));
            }
        }
    }
    failures
}

#[test]
fn every_case_holds() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let kb = match entente_kb::Kb::embedded() {
        Ok(kb) => kb,
        Err(e) => panic!("knowledge base: {e}"),
    };
    let pipeline = Pipeline::new(kb);
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    cases.retain(|p| p.extension().is_some_and(|x| x == "jsonl"));
    cases.sort();
    assert!(
        cases.len() >= 10,
        "expected the case files in {}",
        dir.display()
    );
    let mut failures = Vec::new();
    for case in &cases {
        let expect = case.with_extension("expect");
        failures.extend(run_case(&pipeline, case, &expect));
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
