//! The alliance network as of a date, and the timeline of an actor or a
//! pair: pure functions over the fused record the store returns.
//!
//! No I/O and no HTTP here; the handlers in `api` fetch and page.

use crate::params::{date_bounds, on_or_before};
use entente_model::{
    ActorId, ActorRecord, ActorType, Agreement, AgreementStatus, AgreementType, Event, EventStatus,
    EventType, PartialDate, Quad,
};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Most edges one network answer carries (the heaviest are kept).
pub const MAX_EDGES: usize = 10_000;
/// Event ids listed on one event edge (the count covers them all).
pub const EDGE_EVENT_IDS: usize = 50;

/// States and IGOs, the links between them, and the dates the record spans.
#[derive(Debug, Serialize)]
pub struct Network {
    pub as_of: Option<PartialDate>,
    /// First and last day (`YYYY-MM-DD`) the dated record starts on.
    pub span: Span,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// True when edges beyond [`MAX_EDGES`] were left out.
    pub truncated: bool,
}

#[derive(Debug, Default, Serialize)]
pub struct Span {
    pub first: Option<String>,
    pub last: Option<String>,
}

/// A state or an IGO.
#[derive(Debug, Serialize)]
pub struct Node {
    pub id: ActorId,
    pub name: String,
    pub actor_type: ActorType,
    /// Events it takes part in (as of the date).
    pub events: usize,
    /// Agreements it is a party to (as of the date).
    pub agreements: usize,
}

/// A link between two nodes: events of one quad between a pair, or one
/// agreement between two of its parties.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Edge {
    Event {
        source: ActorId,
        target: ActorId,
        quad: Quad,
        count: usize,
        types: BTreeMap<EventType, usize>,
        events: Vec<String>,
    },
    Agreement {
        source: ActorId,
        target: ActorId,
        agreement: String,
        agreement_type: AgreementType,
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        status: AgreementStatus,
        status_date: Option<PartialDate>,
    },
}

impl Edge {
    fn weight(&self) -> usize {
        match self {
            Edge::Event { count, .. } => *count,
            Edge::Agreement { .. } => usize::MAX,
        }
    }
}

/// An agreement's status on a date: the last step of its history dated on
/// or before `as_of` (every step, undated ones too, when `as_of` is
/// `None`: then the current status).
pub fn status_as_of(
    a: &Agreement,
    as_of: Option<&PartialDate>,
) -> Option<(AgreementStatus, Option<PartialDate>)> {
    let Some(as_of) = as_of else {
        return Some((a.status, a.status_date));
    };
    let mut steps: Vec<(AgreementStatus, PartialDate)> = a
        .history
        .iter()
        .filter_map(|s| s.date.map(|d| (s.status, d)))
        .collect();
    if a.history.is_empty()
        && let Some(d) = a.status_date
    {
        steps.push((a.status, d));
    }
    steps
        .into_iter()
        .filter(|(_, d)| on_or_before(d, as_of))
        .max_by(|x, y| {
            date_bounds(&x.1)
                .cmp(&date_bounds(&y.1))
                .then(x.0.cmp(&y.0))
        })
        .map(|(s, d)| (s, Some(d)))
}

/// Whether an event belongs to the network as of `as_of` (undated events
/// only when no date is asked for).
pub fn event_as_of(e: &Event, as_of: Option<&PartialDate>) -> bool {
    match (as_of, &e.date) {
        (None, _) => true,
        (Some(as_of), Some(d)) => on_or_before(d, as_of),
        (Some(_), None) => false,
    }
}

/// The pairs of states / IGOs an event links: each actor with each
/// recipient, or the co-actors with each other when there is no recipient.
fn event_pairs(e: &Event) -> BTreeSet<(ActorId, ActorId)> {
    let keep = |ids: &[ActorId]| -> Vec<ActorId> {
        ids.iter()
            .filter(|a| a.is_state_or_igo())
            .cloned()
            .collect()
    };
    let (actors, recipients) = (keep(&e.actor), keep(&e.recipient));
    let mut pairs = BTreeSet::new();
    let mut add = |a: &ActorId, b: &ActorId| {
        if a != b {
            let (x, y) = if a < b { (a, b) } else { (b, a) };
            pairs.insert((x.clone(), y.clone()));
        }
    };
    if recipients.is_empty() {
        for (i, a) in actors.iter().enumerate() {
            for b in &actors[i + 1..] {
                add(a, b);
            }
        }
    } else {
        for a in &actors {
            for b in &recipients {
                add(a, b);
            }
        }
    }
    pairs
}

/// A node's type: the record's where known, else read off the identifier
/// (three upper-case letters are an ISO code).
fn node_type(id: &ActorId, records: &HashMap<&ActorId, &ActorRecord>) -> ActorType {
    if let Some(r) = records.get(id) {
        return r.actor_type;
    }
    let s = id.as_str();
    if s.len() == 3 && s.chars().all(|c| c.is_ascii_uppercase()) {
        ActorType::State
    } else {
        ActorType::Igo
    }
}

/// The events of one quad between one pair, counted.
struct EdgeTally {
    quad: Quad,
    count: usize,
    types: BTreeMap<EventType, usize>,
    events: Vec<String>,
}

/// Quads in PLOVER's order, for sorting edges.
fn quad_rank(q: Quad) -> u8 {
    match q {
        Quad::VerbalCooperation => 0,
        Quad::MaterialCooperation => 1,
        Quad::VerbalConflict => 2,
        Quad::MaterialConflict => 3,
    }
}

/// The network as of `as_of` (or of all time).
pub fn network(
    events: &[Event],
    agreements: &[Agreement],
    actors: &[ActorRecord],
    as_of: Option<PartialDate>,
) -> Network {
    let records: HashMap<&ActorId, &ActorRecord> = actors.iter().map(|r| (&r.id, r)).collect();
    let mut counts: BTreeMap<ActorId, (usize, usize)> = BTreeMap::new();
    let mut event_edges: BTreeMap<(ActorId, ActorId, u8), EdgeTally> = BTreeMap::new();
    for e in events.iter().filter(|e| event_as_of(e, as_of.as_ref())) {
        let members: BTreeSet<&ActorId> =
            e.participants().filter(|a| a.is_state_or_igo()).collect();
        for a in members {
            counts.entry(a.clone()).or_default().0 += 1;
        }
        let quad = e.event_type.quad();
        for (a, b) in event_pairs(e) {
            let tally = event_edges
                .entry((a, b, quad_rank(quad)))
                .or_insert_with(|| EdgeTally {
                    quad,
                    count: 0,
                    types: BTreeMap::new(),
                    events: Vec::new(),
                });
            tally.count += 1;
            *tally.types.entry(e.event_type).or_default() += 1;
            if tally.events.len() < EDGE_EVENT_IDS {
                tally.events.push(e.id.clone());
            }
        }
    }
    let mut edges: Vec<Edge> = event_edges
        .into_iter()
        .map(|((source, target, _), t)| Edge::Event {
            source,
            target,
            quad: t.quad,
            count: t.count,
            types: t.types,
            events: t.events,
        })
        .collect();
    for a in agreements {
        let Some((status, status_date)) = status_as_of(a, as_of.as_ref()) else {
            continue;
        };
        let parties: Vec<&ActorId> = a
            .parties
            .iter()
            .filter(|p| p.is_state_or_igo())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        for p in &parties {
            counts.entry((*p).clone()).or_default().1 += 1;
        }
        for (i, x) in parties.iter().enumerate() {
            for y in &parties[i + 1..] {
                edges.push(Edge::Agreement {
                    source: (*x).clone(),
                    target: (*y).clone(),
                    agreement: a.id.clone(),
                    agreement_type: a.agreement_type,
                    name: a.name.clone(),
                    status,
                    status_date,
                });
            }
        }
    }
    let truncated = edges.len() > MAX_EDGES;
    if truncated {
        edges.sort_by_key(|e| std::cmp::Reverse(e.weight()));
        edges.truncate(MAX_EDGES);
    }
    let nodes = counts
        .into_iter()
        .map(|(id, (events, agreements))| Node {
            name: records
                .get(&id)
                .map_or_else(|| id.as_str().to_string(), |r| r.name.clone()),
            actor_type: node_type(&id, &records),
            id,
            events,
            agreements,
        })
        .collect();
    Network {
        as_of,
        span: span(events, agreements),
        nodes,
        edges,
        truncated,
    }
}

/// The first and the last day any dated event or agreement step starts on.
fn span(events: &[Event], agreements: &[Agreement]) -> Span {
    let dates = events.iter().filter_map(|e| e.date).chain(
        agreements
            .iter()
            .flat_map(|a| a.history.iter().filter_map(|s| s.date).chain(a.status_date)),
    );
    let mut span = Span::default();
    for d in dates {
        let first = date_bounds(&d).0;
        if span.first.as_ref().is_none_or(|f| first < *f) {
            span.first = Some(first.clone());
        }
        if span.last.as_ref().is_none_or(|l| first > *l) {
            span.last = Some(first);
        }
    }
    span
}

/// One line of a timeline.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum TimelineItem {
    Event {
        id: String,
        date: Option<PartialDate>,
        #[serde(rename = "type")]
        event_type: EventType,
        quad: Quad,
        status: EventStatus,
        actor: Vec<ActorId>,
        recipient: Vec<ActorId>,
        actor_persons: Vec<ActorId>,
        recipient_persons: Vec<ActorId>,
        /// The first sentence of its evidence.
        sentence: Option<String>,
        evidence: usize,
    },
    Agreement {
        id: String,
        date: Option<PartialDate>,
        agreement_type: AgreementType,
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// The status this step reached.
        status: AgreementStatus,
        /// Which step of the agreement's history (0 = the first).
        step: usize,
        parties: Vec<ActorId>,
        sentence: Option<String>,
        evidence: usize,
    },
}

impl TimelineItem {
    fn sort_key(&self) -> (bool, String, String, u8, String, usize) {
        let (date, kind, id, step) = match self {
            TimelineItem::Event { date, id, .. } => (date, 0, id, 0),
            TimelineItem::Agreement { date, id, step, .. } => (date, 1, id, *step),
        };
        let (lo, hi) = date.as_ref().map(date_bounds).unwrap_or_default();
        (date.is_none(), lo, hi, kind, id.clone(), step)
    }
}

/// Events and agreement status changes involving `actor` (and `other`, when
/// given), in date order, undated last.
pub fn timeline(
    events: &[Event],
    agreements: &[Agreement],
    actor: &ActorId,
    other: Option<&ActorId>,
) -> Vec<TimelineItem> {
    let takes_part = |e: &Event, id: &ActorId| {
        e.participants()
            .chain(e.actor_persons.iter())
            .chain(e.recipient_persons.iter())
            .any(|a| a == id)
    };
    let mut items: Vec<TimelineItem> = events
        .iter()
        .filter(|e| takes_part(e, actor) && other.is_none_or(|o| takes_part(e, o)))
        .map(|e| TimelineItem::Event {
            id: e.id.clone(),
            date: e.date,
            event_type: e.event_type,
            quad: e.event_type.quad(),
            status: e.status,
            actor: e.actor.clone(),
            recipient: e.recipient.clone(),
            actor_persons: e.actor_persons.clone(),
            recipient_persons: e.recipient_persons.clone(),
            sentence: e.evidence.first().map(|v| v.text.clone()),
            evidence: e.evidence.len(),
        })
        .collect();
    for a in agreements
        .iter()
        .filter(|a| a.parties.contains(actor) && other.is_none_or(|o| a.parties.contains(o)))
    {
        for (step, change) in a.history.iter().enumerate() {
            items.push(TimelineItem::Agreement {
                id: a.id.clone(),
                date: change.date,
                agreement_type: a.agreement_type,
                name: a.name.clone(),
                status: change.status,
                step,
                parties: a.parties.clone(),
                sentence: change.evidence.first().map(|v| v.text.clone()),
                evidence: change.evidence.len(),
            });
        }
    }
    items.sort_by_cached_key(TimelineItem::sort_key);
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use entente_model::{DatePrecision, Evidence, StatusChange};

    fn ids(list: &[&str]) -> Vec<ActorId> {
        list.iter().map(|s| ActorId::new(*s)).collect()
    }

    fn event(id: &str, t: EventType, actor: &[&str], recipient: &[&str], date: &str) -> Event {
        let date: Option<PartialDate> = date.parse().ok();
        Event {
            id: id.into(),
            event_type: t,
            mode: vec![],
            context: vec![],
            actor: ids(actor),
            recipient: ids(recipient),
            actor_persons: vec![],
            recipient_persons: vec![],
            actor_sectors: vec![],
            recipient_sectors: vec![],
            date,
            date_precision: date.map_or(DatePrecision::Unknown, |d| d.precision()),
            location: None,
            status: EventStatus::Reported,
            confidence: 0.9,
            why: vec![],
            evidence: vec![Evidence {
                document: "d".into(),
                text: format!("sentence of {id}"),
                start: 0,
                end: 1,
            }],
            trigger: None,
        }
    }

    fn agreement(steps: &[(AgreementStatus, &str)]) -> Agreement {
        let history: Vec<StatusChange> = steps
            .iter()
            .map(|(s, d)| StatusChange {
                status: *s,
                date: d.parse().ok(),
                why: vec![],
                evidence: vec![],
                events: vec![],
            })
            .collect();
        let last = history.last().map(|s| (s.status, s.date));
        Agreement {
            id: "a1".into(),
            agreement_type: AgreementType::ReciprocalAccess,
            name: None,
            parties: ids(&["JPN", "PHL"]),
            status: last.map_or(AgreementStatus::Proposed, |l| l.0),
            status_date: last.and_then(|l| l.1),
            history,
            evidence: vec![],
        }
    }

    #[test]
    fn agreement_status_follows_its_history() {
        let a = agreement(&[
            (AgreementStatus::Negotiating, "2023-11-03"),
            (AgreementStatus::Signed, "2024-07-08"),
        ]);
        let at = |d: &str| status_as_of(&a, d.parse().ok().as_ref()).map(|s| s.0);
        assert_eq!(at("2023-01-01"), None);
        assert_eq!(at("2024-01-01"), Some(AgreementStatus::Negotiating));
        assert_eq!(at("2024-07-08"), Some(AgreementStatus::Signed));
        assert_eq!(
            status_as_of(&a, None).map(|s| s.0),
            Some(AgreementStatus::Signed)
        );
    }

    #[test]
    fn event_edges_aggregate_per_pair_and_quad() {
        let events = vec![
            event("e1", EventType::Consult, &["JPN", "USA"], &[], "2024-01-02"),
            event("e2", EventType::Agree, &["USA", "JPN"], &[], "2024-02"),
            event("e3", EventType::Accuse, &["USA"], &["CHN"], "2024-03-01"),
            event("e4", EventType::Mobilize, &["PRK"], &[], ""),
        ];
        let net = network(&events, &[], &[], None);
        let pairs: Vec<(String, String, usize)> = net
            .edges
            .iter()
            .filter_map(|e| match e {
                Edge::Event {
                    source,
                    target,
                    count,
                    ..
                } => Some((source.0.clone(), target.0.clone(), *count)),
                Edge::Agreement { .. } => None,
            })
            .collect();
        assert_eq!(
            pairs,
            vec![
                ("CHN".into(), "USA".into(), 1),
                ("JPN".into(), "USA".into(), 2)
            ]
        );
        let node_ids: Vec<&str> = net.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(node_ids, ["CHN", "JPN", "PRK", "USA"]);
        let dated = network(&events, &[], &[], "2024-02-15".parse().ok());
        let node_ids: Vec<&str> = dated.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(node_ids, ["JPN", "USA"]);
        assert_eq!(net.span.first.as_deref(), Some("2024-01-02"));
        assert_eq!(net.span.last.as_deref(), Some("2024-03-01"));
    }

    #[test]
    fn timeline_mixes_events_and_status_changes_in_date_order() {
        let events = vec![
            event("e2", EventType::Consult, &["JPN", "PHL"], &[], "2024-07-08"),
            event("e1", EventType::Agree, &["JPN", "USA"], &[], "2023"),
            event("e0", EventType::Consult, &["JPN"], &[], ""),
        ];
        let a = agreement(&[
            (AgreementStatus::Negotiating, "2023-11-03"),
            (AgreementStatus::Signed, "2024-07-08"),
        ]);
        let jpn = ActorId::new("JPN");
        let order: Vec<String> = timeline(&events, std::slice::from_ref(&a), &jpn, None)
            .iter()
            .map(|i| match i {
                TimelineItem::Event { id, .. } => id.clone(),
                TimelineItem::Agreement { status, .. } => status.as_str().to_string(),
            })
            .collect();
        assert_eq!(order, ["e1", "negotiating", "e2", "signed", "e0"]);
        let phl = ActorId::new("PHL");
        let pair = timeline(&events, &[a], &jpn, Some(&phl));
        assert_eq!(pair.len(), 3);
    }
}
