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
    ActorId, Agreement, DatePrecision, Event, EventType, Evidence, PartialDate, StatusChange,
    stable_hash_hex,
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

/// Fuse event and agreement reports together: the events an agreement's
/// history points to are renamed to the fused events that absorbed them.
pub fn fuse(events: Vec<Event>, agreements: Vec<Agreement>) -> (Vec<Event>, Vec<Agreement>) {
    let (events, renamed) = fuse_events_with_map(events);
    let mut agreements = fuse_agreements(agreements);
    rename_history_events(&mut agreements, &renamed);
    (events, agreements)
}

/// Point agreement histories at fused events: each report id found in
/// `renamed` (from [`fuse_events_renamed`]) becomes its fused event's id.
pub fn rename_history_events(agreements: &mut [Agreement], renamed: &HashMap<String, String>) {
    for a in agreements {
        for step in &mut a.history {
            for id in &mut step.events {
                if let Some(new) = renamed.get(id) {
                    id.clone_from(new);
                }
            }
            step.events.sort();
            step.events.dedup();
        }
    }
}

/// Fuse event reports; also return each report id's fused event id.
///
/// Reports of different types never fuse, so the reports may be fused one
/// type at a time (the union of the results is what [`fuse`] gives for
/// all of them at once, up to order), which bounds a rebuild's memory by
/// the largest type rather than by the whole record.
pub fn fuse_events_renamed(reports: Vec<Event>) -> (Vec<Event>, HashMap<String, String>) {
    fuse_events_with_map(reports)
}

/// Fuse event reports into events.
pub fn fuse_events(reports: Vec<Event>) -> Vec<Event> {
    fuse_events_with_map(reports).0
}

/// Which clusters a report must be compared with.
///
/// `same_event` needs a shared participant and, across documents, dates on
/// both sides that are compatible (equal at the coarser precision or within
/// a day); an undated side only fuses within its own document. So a report
/// is compared only with the clusters of its type that share a participant
/// and lie in a month bucket its date can reach, and with the clusters
/// evidenced by its own documents: never with every cluster of a popular
/// actor, which made fusion quadratic in the corpus.
#[derive(Default)]
struct CandidateIndex {
    /// (type, participant, year, month) → clusters, in creation order
    /// (a date without a month is bucketed under `None`).
    dated: HashMap<(EventType, ActorId, i16, Option<u8>), Vec<usize>>,
    /// (type, document) → clusters evidenced by that document.
    documents: HashMap<(EventType, String), Vec<usize>>,
    /// Each cluster's indexed participants, to re-bucket it if its date changes.
    participants: HashMap<usize, Vec<ActorId>>,
}

impl CandidateIndex {
    fn push(list: &mut Vec<usize>, c: usize) {
        if list.last() != Some(&c) && !list.contains(&c) {
            list.push(c);
        }
    }

    /// Index cluster `c` (dated `date`) under the participants and the
    /// documents of report `r`, which it now includes.
    fn add(&mut self, c: usize, r: &Event, date: Option<PartialDate>) {
        let known = self.participants.entry(c).or_default();
        for p in r.participants() {
            if !known.contains(p) {
                known.push(p.clone());
            }
            if let Some(d) = date {
                let key = (r.event_type, p.clone(), d.year, d.month);
                Self::push(self.dated.entry(key).or_default(), c);
            }
        }
        for e in &r.evidence {
            let key = (r.event_type, e.document.clone());
            Self::push(self.documents.entry(key).or_default(), c);
        }
    }

    /// Cluster `c`'s date became `date`: bucket it there too (the old
    /// buckets stay; a stale candidate only costs one `same_event`).
    fn redate(&mut self, c: usize, t: EventType, date: Option<PartialDate>) {
        let Some(d) = date else { return };
        let Some(ps) = self.participants.get(&c) else {
            return;
        };
        for p in ps {
            Self::push(
                self.dated
                    .entry((t, p.clone(), d.year, d.month))
                    .or_default(),
                c,
            );
        }
    }

    /// The clusters `r` may fuse with, sorted and without repeats.
    fn candidates(&self, r: &Event) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        if let Some(d) = r.date {
            let buckets: Vec<(i16, Option<u8>)> = match (d.month, d.day) {
                (Some(m), Some(_)) => {
                    let prev = if m == 1 {
                        (d.year - 1, 12)
                    } else {
                        (d.year, m - 1)
                    };
                    let next = if m == 12 {
                        (d.year + 1, 1)
                    } else {
                        (d.year, m + 1)
                    };
                    vec![
                        (d.year, Some(m)),
                        (d.year, None),
                        (prev.0, Some(prev.1)),
                        (next.0, Some(next.1)),
                    ]
                }
                (Some(m), None) => vec![(d.year, Some(m)), (d.year, None)],
                (None, _) => std::iter::once(None)
                    .chain((1..=12).map(Some))
                    .map(|m| (d.year, m))
                    .collect(),
            };
            for p in r.participants() {
                for &(y, m) in &buckets {
                    if let Some(list) = self.dated.get(&(r.event_type, p.clone(), y, m)) {
                        out.extend_from_slice(list);
                    }
                }
            }
        }
        for e in &r.evidence {
            if let Some(list) = self.documents.get(&(r.event_type, e.document.clone())) {
                out.extend_from_slice(list);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Fuse event reports; also return each report id's fused event id.
fn fuse_events_with_map(mut reports: Vec<Event>) -> (Vec<Event>, HashMap<String, String>) {
    // most precise and most confident first, so each cluster starts from its best report
    reports.sort_by(|a, b| {
        b.date_precision
            .cmp(&a.date_precision)
            .then(b.confidence.total_cmp(&a.confidence))
            .then(a.id.cmp(&b.id))
    });
    let mut clusters: Vec<(Event, Vec<String>, Vec<f64>)> = Vec::new();
    let mut index = CandidateIndex::default();
    for r in reports {
        // Every cluster `same_event` could accept is a candidate; trying
        // them in creation order keeps the first match of a full scan.
        let candidates = index.candidates(&r);
        let hit = candidates
            .into_iter()
            .find(|&c| same_event(&clusters[c].0, &r));
        match hit {
            Some(c) => {
                let (ev, ids, confs) = &mut clusters[c];
                let before = ev.date;
                merge_event(ev, &r);
                ids.push(r.id.clone());
                confs.push(r.confidence);
                let after = ev.date;
                index.add(c, &r, after);
                if after != before {
                    index.redate(c, r.event_type, after);
                }
            }
            None => {
                let c = clusters.len();
                index.add(c, &r, r.date);
                let id = r.id.clone();
                let conf = r.confidence;
                clusters.push((r, vec![id], vec![conf]));
            }
        }
    }
    let mut renamed: HashMap<String, String> = HashMap::new();
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
                let miss: f64 = confs.iter().take(docs.max(1)).map(|c| 1.0 - c).product();
                ev.confidence = ((1.0 - miss).clamp(ev.confidence, 0.99) * 100.0).round() / 100.0;
                ev.id = format!("ev-{}", stable_hash_hex(&ids.iter().map(String::as_str).collect::<Vec<_>>()));
            }
            ev.evidence.sort_by(|a, b| a.document.cmp(&b.document).then(a.start.cmp(&b.start)));
            for id in ids {
                renamed.insert(id, ev.id.clone());
            }
            ev
        })
        .collect();
    out.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    (out, renamed)
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
    fn agreement_history_points_to_fused_events() {
        let step = StatusChange {
            status: AgreementStatus::Agreed,
            date: "2024-11-14".parse().ok(),
            why: vec![],
            evidence: vec![],
            events: vec!["b".into()],
        };
        let ag = Agreement {
            id: String::new(),
            agreement_type: AgreementType::Alliance,
            name: None,
            parties: vec![ActorId::new("JPN"), ActorId::new("USA")],
            status: AgreementStatus::Agreed,
            status_date: step.date,
            history: vec![step],
            evidence: vec![],
        };
        let (events, agreements) = fuse(
            vec![
                ev(
                    "a",
                    "d1",
                    EventType::Agree,
                    &["JPN", "USA"],
                    Some("2024-11-14"),
                ),
                ev(
                    "b",
                    "d2",
                    EventType::Agree,
                    &["JPN", "USA"],
                    Some("2024-11-14"),
                ),
            ],
            vec![ag],
        );
        assert_eq!(events.len(), 1);
        assert_eq!(agreements[0].history[0].events, vec![events[0].id.clone()]);
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
