//! Fusion: the reports of one real-world event (or agreement) from several
//! sentences and articles become one record with all the evidence.
//!
//! Two event reports are the same event when they have the same type,
//! overlapping participants, compatible dates (within a day, or equal at
//! the coarser precision), no conflicting places and the same status.
//! Agreements are the same when type and parties are. Pure functions over
//! model types; this crate never touches the database.
#![forbid(unsafe_code)]

use entente_model::{
    ActorId, Agreement, DatePrecision, Event, Evidence, PartialDate, StatusChange, stable_hash_hex,
};
use std::collections::{BTreeSet, HashMap};

/// True when two reports can describe the same real-world event.
pub fn same_event(a: &Event, b: &Event) -> bool {
    if a.event_type != b.event_type || a.status != b.status {
        return false;
    }
    let pa: BTreeSet<&ActorId> = a.participants().collect();
    let pb: BTreeSet<&ActorId> = b.participants().collect();
    let inter = pa.intersection(&pb).count();
    if inter == 0 {
        return false;
    }
    let union = pa.union(&pb).count();
    let nested = inter == pa.len().min(pb.len());
    if !(nested || inter * 2 >= union) {
        return false;
    }
    // a directed event keeps its direction
    if !a.event_type.is_symmetric() {
        let ra: BTreeSet<&ActorId> = a.recipient.iter().collect();
        let rb: BTreeSet<&ActorId> = b.recipient.iter().collect();
        let aa: BTreeSet<&ActorId> = a.actor.iter().collect();
        let ab: BTreeSet<&ActorId> = b.actor.iter().collect();
        // the same actors towards overlapping targets: a statement by one
        // side and a joint statement are different acts
        if aa != ab || (!ra.is_empty() && !rb.is_empty() && ra.is_disjoint(&rb)) {
            return false;
        }
    }
    if !dates_compatible(a.date, b.date) {
        return false;
    }
    // across articles, an undated report is too vague to fuse, and a
    // directed event needs the same targets
    let same_document = documents(&a.evidence)
        .intersection(&documents(&b.evidence))
        .next()
        .is_some();
    if !same_document {
        if a.date.is_none() || b.date.is_none() {
            return false;
        }
        if !a.event_type.is_symmetric() && a.recipient.is_empty() != b.recipient.is_empty() {
            return false;
        }
    }
    let ca = a.location.as_ref().and_then(|l| l.country.as_ref());
    let cb = b.location.as_ref().and_then(|l| l.country.as_ref());
    !matches!((ca, cb), (Some(x), Some(y)) if x != y)
}

fn dates_compatible(a: Option<PartialDate>, b: Option<PartialDate>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => match (x.day_number(), y.day_number()) {
            (Some(dx), Some(dy)) => (dx - dy).abs() <= 1,
            _ => x.compatible(&y),
        },
        _ => true,
    }
}

fn more_precise(a: Option<PartialDate>, b: Option<PartialDate>) -> Option<PartialDate> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if y.precision() > x.precision() { y } else { x }),
        (x, y) => x.or(y),
    }
}

fn push_unique<T: PartialEq + Clone>(v: &mut Vec<T>, items: &[T]) {
    for i in items {
        if !v.contains(i) {
            v.push(i.clone());
        }
    }
}

fn merge_event(into: &mut Event, r: &Event) {
    let symmetric = into.event_type.is_symmetric();
    if symmetric {
        push_unique(&mut into.actor, &r.actor);
        push_unique(&mut into.actor, &r.recipient);
        into.actor.sort();
    } else if r.confidence > into.confidence {
        into.actor = r.actor.clone();
        into.recipient = r.recipient.clone();
    }
    let actors = into.actor.clone();
    into.recipient.retain(|x| !actors.contains(x));
    push_unique(&mut into.actor_persons, &r.actor_persons);
    push_unique(&mut into.recipient_persons, &r.recipient_persons);
    push_unique(&mut into.actor_sectors, &r.actor_sectors);
    push_unique(&mut into.recipient_sectors, &r.recipient_sectors);
    push_unique(&mut into.mode, &r.mode);
    push_unique(&mut into.context, &r.context);
    let date = more_precise(into.date, r.date);
    into.date = date;
    into.date_precision = date
        .map(|d| d.precision())
        .unwrap_or(DatePrecision::Unknown);
    let better_place =
        |l: &Option<entente_model::Location>| l.as_ref().is_some_and(|l| l.place.is_some());
    if (into.location.is_none() || (!better_place(&into.location) && better_place(&r.location)))
        && r.location.is_some()
    {
        into.location = r.location.clone();
    }
    for e in &r.evidence {
        if !into
            .evidence
            .iter()
            .any(|x| x.document == e.document && x.start == e.start)
        {
            into.evidence.push(e.clone());
        }
    }
    push_unique(&mut into.why, &r.why);
    into.confidence = into.confidence.max(r.confidence);
}

fn documents(evidence: &[Evidence]) -> BTreeSet<&str> {
    evidence.iter().map(|e| e.document.as_str()).collect()
}

/// Fuse event reports into events.
pub fn fuse_events(mut reports: Vec<Event>) -> Vec<Event> {
    // most precise and most confident first, so each cluster starts from its best report
    reports.sort_by(|a, b| {
        b.date_precision
            .cmp(&a.date_precision)
            .then(b.confidence.total_cmp(&a.confidence))
            .then(a.id.cmp(&b.id))
    });
    let mut clusters: Vec<(Event, Vec<String>, Vec<f32>)> = Vec::new();
    let mut index: HashMap<(entente_model::EventType, ActorId), Vec<usize>> = HashMap::new();
    for r in reports {
        let mut candidates: Vec<usize> = r
            .participants()
            .flat_map(|p| {
                index
                    .get(&(r.event_type, p.clone()))
                    .cloned()
                    .unwrap_or_default()
            })
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let hit = candidates
            .into_iter()
            .find(|&c| same_event(&clusters[c].0, &r));
        match hit {
            Some(c) => {
                let (ev, ids, confs) = &mut clusters[c];
                merge_event(ev, &r);
                ids.push(r.id.clone());
                confs.push(r.confidence);
                for p in r.participants() {
                    index.entry((r.event_type, p.clone())).or_default().push(c);
                }
            }
            None => {
                let c = clusters.len();
                for p in r.participants() {
                    index.entry((r.event_type, p.clone())).or_default().push(c);
                }
                let id = r.id.clone();
                let conf = r.confidence;
                clusters.push((r, vec![id], vec![conf]));
            }
        }
    }
    let mut out: Vec<Event> = clusters
        .into_iter()
        .map(|(mut ev, mut ids, confs)| {
            ids.sort();
            if ids.len() > 1 {
                let docs = documents(&ev.evidence).len();
                ev.why.push(format!(
                    "fused {} reports from {} document{}: same type, overlapping participants, compatible dates and places",
                    ids.len(),
                    docs,
                    if docs == 1 { "" } else { "s" }
                ));
                // independent sources raise confidence
                let miss: f32 = confs.iter().take(docs.max(1)).map(|c| 1.0 - c).product();
                ev.confidence = (1.0 - miss).clamp(ev.confidence, 0.99);
                ev.id = format!("ev-{}", stable_hash_hex(&ids.iter().map(String::as_str).collect::<Vec<_>>()));
            }
            ev.evidence.sort_by(|a, b| a.document.cmp(&b.document).then(a.start.cmp(&b.start)));
            ev
        })
        .collect();
    out.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    out
}

/// Fuse agreement reports into agreements, histories merged in date order.
pub fn fuse_agreements(reports: Vec<Agreement>) -> Vec<Agreement> {
    let mut groups: Vec<Agreement> = Vec::new();
    let mut index: HashMap<(entente_model::AgreementType, Vec<ActorId>), usize> = HashMap::new();
    for mut r in reports {
        r.parties.sort();
        r.parties.dedup();
        let key = (r.agreement_type, r.parties.clone());
        match index.get(&key) {
            Some(&g) => {
                let a = &mut groups[g];
                if a.name.is_none() {
                    a.name = r.name.clone();
                }
                a.history.extend(r.history);
                for e in r.evidence {
                    if !a
                        .evidence
                        .iter()
                        .any(|x| x.document == e.document && x.start == e.start)
                    {
                        a.evidence.push(e);
                    }
                }
            }
            None => {
                index.insert(key, groups.len());
                groups.push(r);
            }
        }
    }
    for a in &mut groups {
        a.history = merge_history(std::mem::take(&mut a.history));
        if let Some(last) = a.history.last() {
            a.status = last.status;
            a.status_date = last.date;
        }
        a.id = format!(
            "ag-{}",
            stable_hash_hex(&[
                a.agreement_type.as_str(),
                &a.parties
                    .iter()
                    .map(ActorId::as_str)
                    .collect::<Vec<_>>()
                    .join("+"),
            ])
        );
        a.evidence
            .sort_by(|x, y| x.document.cmp(&y.document).then(x.start.cmp(&y.start)));
    }
    groups.sort_by(|a, b| a.id.cmp(&b.id));
    groups
}

/// One entry per status, at its earliest date, in life-cycle order: dated
/// steps by date (ties by the life cycle), undated steps placed by the life
/// cycle among them.
fn merge_history(steps: Vec<StatusChange>) -> Vec<StatusChange> {
    let mut by_status: Vec<StatusChange> = Vec::new();
    for s in steps {
        match by_status.iter_mut().find(|x| x.status == s.status) {
            Some(x) => {
                let earlier = match (x.date, s.date) {
                    (Some(a), Some(b)) => {
                        b < a && !b.compatible(&a)
                            || (b.compatible(&a) && b.precision() > a.precision())
                    }
                    (None, Some(_)) => true,
                    _ => false,
                };
                if earlier {
                    x.date = s.date;
                }
                for e in s.evidence {
                    if !x.evidence.contains(&e) {
                        x.evidence.push(e);
                    }
                }
                push_unique(&mut x.why, &s.why);
                push_unique(&mut x.events, &s.events);
            }
            None => by_status.push(s),
        }
    }
    by_status.sort_by(|a, b| match (a.date, b.date) {
        (Some(x), Some(y)) if !x.compatible(&y) => x.cmp(&y),
        _ => a.status.cmp(&b.status),
    });
    by_status
}

#[cfg(test)]
mod tests {
    use super::*;
    use entente_model::{AgreementStatus, AgreementType, EventStatus, EventType};

    fn ev(id: &str, doc: &str, t: EventType, actors: &[&str], date: Option<&str>) -> Event {
        let date: Option<PartialDate> = date.and_then(|d| d.parse().ok());
        Event {
            id: id.into(),
            event_type: t,
            mode: vec![],
            context: vec![],
            actor: actors.iter().map(|a| ActorId::new(*a)).collect(),
            recipient: vec![],
            actor_persons: vec![],
            recipient_persons: vec![],
            actor_sectors: vec![],
            recipient_sectors: vec![],
            date,
            date_precision: date
                .map(|d| d.precision())
                .unwrap_or(DatePrecision::Unknown),
            location: None,
            status: EventStatus::Reported,
            confidence: 0.7,
            why: vec![],
            evidence: vec![Evidence {
                document: doc.into(),
                text: "…".into(),
                start: 0,
                end: 1,
            }],
            trigger: None,
        }
    }

    #[test]
    fn the_same_meeting_in_two_articles_is_one_event() {
        let out = fuse_events(vec![
            ev(
                "a",
                "d1",
                EventType::Consult,
                &["JPN", "USA"],
                Some("2024-11-14"),
            ),
            ev(
                "b",
                "d2",
                EventType::Consult,
                &["USA", "JPN"],
                Some("2024-11"),
            ),
        ]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].evidence.len(), 2);
        assert_eq!(
            out[0].date.map(|d| d.to_string()).as_deref(),
            Some("2024-11-14")
        );
        assert!(out[0].confidence > 0.7);
        assert!(
            out[0]
                .why
                .iter()
                .any(|w| w.starts_with("fused 2 reports from 2 documents"))
        );
    }

    #[test]
    fn separate_meetings_on_the_same_day_stay_separate() {
        let out = fuse_events(vec![
            ev(
                "a",
                "d1",
                EventType::Consult,
                &["JPN", "USA"],
                Some("2024-11-14"),
            ),
            ev(
                "b",
                "d1",
                EventType::Consult,
                &["JPN", "KOR"],
                Some("2024-11-14"),
            ),
            ev(
                "c",
                "d1",
                EventType::Consult,
                &["JPN", "USA"],
                Some("2024-10-02"),
            ),
        ]);
        assert_eq!(out.len(), 3);
    }

    #[test]
    fn agreement_history_is_merged_in_date_order() {
        let step = |s: AgreementStatus, d: &str| StatusChange {
            status: s,
            date: d.parse().ok(),
            why: vec![],
            evidence: vec![],
            events: vec![],
        };
        let ag = |steps: Vec<StatusChange>| Agreement {
            id: String::new(),
            agreement_type: AgreementType::ReciprocalAccess,
            name: None,
            parties: vec![ActorId::new("PHL"), ActorId::new("JPN")],
            status: steps[0].status,
            status_date: steps[0].date,
            history: steps,
            evidence: vec![],
        };
        let out = fuse_agreements(vec![
            ag(vec![step(AgreementStatus::InForce, "2025-09-11")]),
            ag(vec![step(AgreementStatus::Negotiating, "2023-11")]),
            ag(vec![step(AgreementStatus::Signed, "2024-07-08")]),
        ]);
        assert_eq!(out.len(), 1);
        let statuses: Vec<_> = out[0].history.iter().map(|h| h.status).collect();
        assert_eq!(
            statuses,
            vec![
                AgreementStatus::Negotiating,
                AgreementStatus::Signed,
                AgreementStatus::InForce
            ]
        );
        assert_eq!(out[0].status, AgreementStatus::InForce);
        assert_eq!(
            out[0].parties,
            vec![ActorId::new("JPN"), ActorId::new("PHL")]
        );
    }
}
