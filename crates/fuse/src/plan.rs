//! Which reports make one event: the clustering of event fusion, over the
//! few fields of a report that decide it ([`EventKey`]), so that a store
//! can plan a rebuild without holding the reports' evidence in memory and
//! then merge one event at a time ([`crate::EventMerge`]).
//!
//! Actors and documents are any comparable handles: the in-memory fusion
//! borrows them from the reports, a store may intern them as numbers. Only
//! equality of handles matters, never their order, so both give the same
//! clusters.

use crate::{merge_parties, more_precise, replaces_location};
use entente_model::{ActorId, DatePrecision, Event, EventStatus, EventType, PartialDate};
use entente_model::{Location, stable_hash_hex};
use std::collections::HashMap;
use std::hash::Hash;

/// Where a report places its event, as far as fusion reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct LocationKey<A> {
    pub country: Option<A>,
    /// The location names a place, not only a country.
    pub has_place: bool,
}

/// What clustering reads of one report, and of a cluster once reports
/// merged into it: everything [`crate::same_event`] compares and
/// [`crate::EventMerge`] changes that a later comparison reads.
#[derive(Debug, Clone, PartialEq)]
pub struct EventKey<A, D> {
    pub event_type: EventType,
    pub status: EventStatus,
    pub actor: Vec<A>,
    pub recipient: Vec<A>,
    pub date: Option<PartialDate>,
    pub location: Option<LocationKey<A>>,
    pub confidence: f64,
    /// The documents of the evidence (any order; repeats allowed).
    pub documents: Vec<D>,
    /// The PLOVER modes, each as [`mode_code`], with the document that
    /// reports them (any order).
    pub modes: Vec<(D, u64)>,
    /// The persons who acted, with the document that names them (any order).
    pub persons: Vec<(D, A)>,
}

/// A mode as a number for [`EventKey::modes`] (FNV-1a of its text: the
/// same everywhere, so a store and the in-memory fusion agree); None for
/// the modes that describe the setting rather than the act (`multilateral`,
/// `third-party`: one report of a meeting may know its place, another not).
pub fn mode_code(mode: &str) -> Option<u64> {
    if matches!(mode, "multilateral" | "third-party") {
        return None;
    }
    Some(mode.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    }))
}

impl<'a> EventKey<&'a ActorId, &'a str> {
    /// The key of a report, borrowing its actors and documents.
    pub fn of(e: &'a Event) -> Self {
        EventKey {
            event_type: e.event_type,
            status: e.status,
            actor: e.actor.iter().collect(),
            recipient: e.recipient.iter().collect(),
            date: e.date,
            location: e.location.as_ref().map(|l: &'a Location| LocationKey {
                country: l.country.as_ref(),
                has_place: l.place.is_some(),
            }),
            confidence: e.confidence,
            documents: e.evidence.iter().map(|x| x.document.as_str()).collect(),
            modes: e
                .evidence
                .iter()
                .flat_map(|x| {
                    e.mode
                        .iter()
                        .filter_map(|m| mode_code(m))
                        .map(move |c| (x.document.as_str(), c))
                })
                .collect(),
            persons: e
                .evidence
                .iter()
                .flat_map(|x| {
                    key_persons(e.event_type, &e.actor_persons, &e.recipient_persons)
                        .map(move |p| (x.document.as_str(), p))
                })
                .collect(),
        }
    }
}

/// The persons a report's key holds: who acted, and for a meeting, an
/// agreement or a cooperation (whose sides PLOVER codes together) everyone
/// who took part, so that two meetings of the same states with other people
/// stay apart.
pub fn key_persons<'a, P>(
    event_type: EventType,
    actor_persons: &'a [P],
    recipient_persons: &'a [P],
) -> impl Iterator<Item = &'a P> {
    let others = if event_type.is_symmetric() {
        recipient_persons
    } else {
        &[]
    };
    actor_persons.iter().chain(others)
}

impl<A: Ord, D: Ord> EventKey<A, D> {
    /// Documents sorted and without repeats, as clustering keeps them.
    pub(crate) fn normalised(mut self) -> Self {
        self.documents.sort();
        self.documents.dedup();
        self.modes.sort();
        self.modes.dedup();
        self.persons.sort();
        self.persons.dedup();
        self
    }
}

/// The reports to cluster, each by its position `0..len()`. Reports are
/// taken in the order clustering needs, so they may be read lazily.
pub trait EventKeys {
    type Actor: Clone + Ord + Hash;
    type Doc: Clone + Ord + Hash;
    /// How many reports.
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The report's id.
    fn id(&self, i: usize) -> &str;
    /// The report's `date_precision` and `confidence`, which order the
    /// clustering (most precise first, then most confident, then by id).
    fn rank(&self, i: usize) -> (DatePrecision, f64);
    /// The report's key.
    fn key(&self, i: usize) -> EventKey<Self::Actor, Self::Doc>;
}

/// Reports held in memory.
pub(crate) struct EventSlice<'a>(pub &'a [Event]);

impl<'a> EventKeys for EventSlice<'a> {
    type Actor = &'a ActorId;
    type Doc = &'a str;
    fn len(&self) -> usize {
        self.0.len()
    }
    fn id(&self, i: usize) -> &str {
        &self.0[i].id
    }
    fn rank(&self, i: usize) -> (DatePrecision, f64) {
        (self.0[i].date_precision, self.0[i].confidence)
    }
    fn key(&self, i: usize) -> EventKey<&'a ActorId, &'a str> {
        EventKey::of(&self.0[i])
    }
}

/// One fused event of a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedEvent {
    /// The fused event's id: its one report's, or `ev-` and the hash of
    /// its reports' sorted ids.
    pub id: String,
    /// The fused event's date (the most precise of its reports').
    pub date: Option<PartialDate>,
    /// Its reports (positions), in the order they merge: the first is the
    /// one the cluster started from.
    pub members: Vec<usize>,
    /// Its rank in the order clusters were created.
    pub created: usize,
}

/// How reports fuse: the fused events in output order (by date, undated
/// first, then id), each with its reports in merge order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EventPlan {
    pub events: Vec<PlannedEvent>,
}

/// True when a report (`b`) can join a cluster or another report (`a`).
pub(crate) fn same_key<A: Ord, D: Ord>(a: &EventKey<A, D>, b: &EventKey<A, D>) -> bool {
    if a.event_type != b.event_type || a.status != b.status {
        return false;
    }
    let pa = set(a.actor.iter().chain(&a.recipient));
    let pb = set(b.actor.iter().chain(&b.recipient));
    let inter = common(&pa, &pb);
    if inter == 0 {
        return false;
    }
    let union = pa.len() + pb.len() - inter;
    let nested = inter == pa.len().min(pb.len());
    if !(nested || inter * 2 >= union) {
        return false;
    }
    // a directed event keeps its direction
    if !a.event_type.is_symmetric() {
        let ra = set(a.recipient.iter());
        let rb = set(b.recipient.iter());
        // the same actors towards overlapping targets: a statement by one
        // side and a joint statement are different acts
        // (within one article, a report that names only some of the
        // actors and no target is a partial report of the same act:
        // `Argentina signed …` beside `Argentina and Denmark signed …`)
        let aa = set(a.actor.iter());
        let ab = set(b.actor.iter());
        let partial = share_any(&a.documents, &b.documents)
            && a.date.is_some()
            && a.date == b.date
            && ((ra.is_empty() && common(&aa, &ab) == aa.len())
                || (rb.is_empty() && common(&aa, &ab) == ab.len()));
        if (aa != ab && !partial) || (!ra.is_empty() && !rb.is_empty() && common(&ra, &rb) == 0) {
            return false;
        }
    }
    if !dates_compatible(a.date, b.date) {
        return false;
    }
    // across articles, an undated report is too vague to fuse, and a
    // directed event needs the same targets
    if !share_any(&a.documents, &b.documents) {
        if a.date.is_none() || b.date.is_none() {
            return false;
        }
        if !a.event_type.is_symmetric() && a.recipient.is_empty() != b.recipient.is_empty() {
            return false;
        }
    }
    // two different acts of one kind between the same sides, told apart in
    // one article: each names a mode there and they share none (an
    // expulsion and a recalled ambassador), or, for a directed act, each
    // names who acted there and they share nobody (the president's statement
    // and the interior minister's). Across articles the same act is often
    // told in other words and put in other mouths. A meeting is told
    // apart by its people: one person who meets someone else in the same
    // article (the visitor received by the prime minister, then by the
    // president of the senate) is at another meeting.
    if apart_in_a_shared_article(&a.documents, &b.documents, &a.modes, &b.modes)
        || apart_in_a_shared_article(&a.documents, &b.documents, &a.persons, &b.persons)
        || (a.event_type.is_symmetric()
            && other_company_in_a_shared_article(
                &a.documents,
                &b.documents,
                &a.persons,
                &b.persons,
            ))
    {
        return false;
    }
    let ca = a.location.as_ref().and_then(|l| l.country.as_ref());
    let cb = b.location.as_ref().and_then(|l| l.country.as_ref());
    !matches!((ca, cb), (Some(x), Some(y)) if x != y)
}

/// True when, in some article both sides cite, each side has items and they
/// share none (`items` are (document, item) pairs, sorted).
fn apart_in_a_shared_article<D: Ord, T: Ord>(
    da: &[D],
    db: &[D],
    a: &[(D, T)],
    b: &[(D, T)],
) -> bool {
    in_a_shared_article(da, db, a, b, |ia, ib| {
        !ia.is_empty() && !ib.is_empty() && !ia.iter().any(|t| ib.contains(t))
    })
}

/// True when, in some article both sides cite, `test` holds of the items
/// each side has there.
fn in_a_shared_article<D: Ord, T: Ord>(
    da: &[D],
    db: &[D],
    a: &[(D, T)],
    b: &[(D, T)],
    test: impl Fn(&[&T], &[&T]) -> bool,
) -> bool {
    da.iter().filter(|d| db.binary_search(d).is_ok()).any(|d| {
        let ia: Vec<&T> = a.iter().filter(|(x, _)| x == d).map(|(_, t)| t).collect();
        let ib: Vec<&T> = b.iter().filter(|(x, _)| x == d).map(|(_, t)| t).collect();
        test(&ia, &ib)
    })
}

/// True when, in some article both sides cite, the two sides share an item
/// and each has one the other lacks (`items` are (document, item) pairs).
fn other_company_in_a_shared_article<D: Ord, T: Ord>(
    da: &[D],
    db: &[D],
    a: &[(D, T)],
    b: &[(D, T)],
) -> bool {
    in_a_shared_article(da, db, a, b, |ia, ib| {
        ia.iter().any(|t| ib.contains(t))
            && ia.iter().any(|t| !ib.contains(t))
            && ib.iter().any(|t| !ia.contains(t))
    })
}

/// The distinct items, sorted (participant lists are short: a sorted
/// vector is cheaper than a tree).
fn set<'a, A: Ord>(items: impl Iterator<Item = &'a A>) -> Vec<&'a A> {
    let mut v: Vec<&A> = items.collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// How many items two sorted lists without repeats have in common.
fn common<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// True when two sorted lists without repeats have an element in common.
fn share_any<D: Ord>(a: &[D], b: &[D]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
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

/// What [`crate::EventMerge::add`] does to the fields of a cluster's key.
fn merge_key<A: Ord + Clone, D: Ord + Clone>(into: &mut EventKey<A, D>, r: &EventKey<A, D>) {
    merge_parties(
        into.event_type.is_symmetric(),
        &mut into.actor,
        &mut into.recipient,
        into.confidence,
        &r.actor,
        &r.recipient,
        r.confidence,
    );
    into.date = more_precise(into.date, r.date);
    let has_place = |l: &Option<LocationKey<A>>| l.as_ref().map(|l| l.has_place);
    if replaces_location(has_place(&into.location), has_place(&r.location)) {
        into.location = r.location.clone();
    }
    for d in &r.documents {
        if let Err(at) = into.documents.binary_search(d) {
            into.documents.insert(at, d.clone());
        }
    }
    for m in &r.modes {
        if let Err(at) = into.modes.binary_search(m) {
            into.modes.insert(at, m.clone());
        }
    }
    for p in &r.persons {
        if let Err(at) = into.persons.binary_search(p) {
            into.persons.insert(at, p.clone());
        }
    }
    into.confidence = into.confidence.max(r.confidence);
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
struct CandidateIndex<A, D> {
    /// (type, participant, year, month) → clusters, in creation order
    /// (a date without a month is bucketed under `None`).
    dated: HashMap<(EventType, A, i16, Option<u8>), Vec<usize>>,
    /// (type, document) → clusters evidenced by that document.
    documents: HashMap<(EventType, D), Vec<usize>>,
    /// Each cluster's indexed participants, to re-bucket it if its date changes.
    participants: HashMap<usize, Vec<A>>,
}

impl<A: Clone + Eq + Hash, D: Clone + Eq + Hash> CandidateIndex<A, D> {
    fn new() -> Self {
        CandidateIndex {
            dated: HashMap::new(),
            documents: HashMap::new(),
            participants: HashMap::new(),
        }
    }

    fn push(list: &mut Vec<usize>, c: usize) {
        if list.last() != Some(&c) && !list.contains(&c) {
            list.push(c);
        }
    }

    /// Index cluster `c` (dated `date`) under the participants and the
    /// documents of report `r`, which it now includes.
    fn add(&mut self, c: usize, r: &EventKey<A, D>, date: Option<PartialDate>) {
        let known = self.participants.entry(c).or_default();
        for p in r.actor.iter().chain(&r.recipient) {
            if !known.contains(p) {
                known.push(p.clone());
            }
            if let Some(d) = date {
                let key = (r.event_type, p.clone(), d.year, d.month);
                Self::push(self.dated.entry(key).or_default(), c);
            }
        }
        for doc in &r.documents {
            let key = (r.event_type, doc.clone());
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
    fn candidates(&self, r: &EventKey<A, D>) -> Vec<usize> {
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
            for p in r.actor.iter().chain(&r.recipient) {
                for &(y, m) in &buckets {
                    if let Some(list) = self.dated.get(&(r.event_type, p.clone(), y, m)) {
                        out.extend_from_slice(list);
                    }
                }
            }
        }
        for doc in &r.documents {
            if let Some(list) = self.documents.get(&(r.event_type, doc.clone())) {
                out.extend_from_slice(list);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Cluster reports into events.
///
/// Most precise and most confident reports first (then by id, then in the
/// given order), so each cluster starts from its best report; each report
/// joins the first cluster, in creation order, that it can be the same
/// event as, or starts a new one. Only clusters that `same_event` could
/// accept are compared ([`CandidateIndex`]), which keeps the first match of
/// a full scan.
pub fn plan_events<K: EventKeys + ?Sized>(reports: &K) -> EventPlan {
    let mut order: Vec<usize> = (0..reports.len()).collect();
    // stable: reports that tie keep the order given
    order.sort_by(|&a, &b| {
        let (pa, ca) = reports.rank(a);
        let (pb, cb) = reports.rank(b);
        pb.cmp(&pa)
            .then(cb.total_cmp(&ca))
            .then_with(|| reports.id(a).cmp(reports.id(b)))
    });
    /// A cluster's merged key and its reports in merge order.
    type Cluster<A, D> = (EventKey<A, D>, Vec<usize>);
    let mut clusters: Vec<Cluster<K::Actor, K::Doc>> = Vec::new();
    let mut index = CandidateIndex::new();
    for i in order {
        let r = reports.key(i).normalised();
        // Every cluster `same_event` could accept is a candidate; trying
        // them in creation order keeps the first match of a full scan.
        let hit = index
            .candidates(&r)
            .into_iter()
            .find(|&c| same_key(&clusters[c].0, &r));
        match hit {
            Some(c) => {
                let (key, members) = &mut clusters[c];
                let before = key.date;
                merge_key(key, &r);
                members.push(i);
                let after = key.date;
                index.add(c, &r, after);
                if after != before {
                    index.redate(c, r.event_type, after);
                }
            }
            None => {
                let c = clusters.len();
                index.add(c, &r, r.date);
                clusters.push((r, vec![i]));
            }
        }
    }
    drop(index);
    let mut events: Vec<PlannedEvent> = clusters
        .into_iter()
        .enumerate()
        .map(|(created, (key, members))| PlannedEvent {
            id: fused_id(members.iter().map(|&m| reports.id(m)).collect()),
            date: key.date,
            members,
            created,
        })
        .collect();
    // stable: the order of creation breaks ties
    events.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    EventPlan { events }
}

/// The id of the event fused from reports with these ids: the one
/// report's id, or `ev-` and the hash of the sorted ids.
pub fn fused_id(mut ids: Vec<&str>) -> String {
    if ids.len() == 1 {
        return ids[0].to_string();
    }
    ids.sort_unstable();
    format!("ev-{}", stable_hash_hex(&ids))
}
