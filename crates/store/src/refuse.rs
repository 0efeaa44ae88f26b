//! The parts of a rebuild of the fused record that both backends share.
//!
//! A rebuild never holds the reports' evidence in memory all at once:
//! 1. agreement reports are read once for their group (type and parties)
//!    and the event ids their histories name ([`AgreementPlan`]);
//! 2. for each event type, its reports are read for their keys only
//!    ([`EventKeyTable`]: ids, dates, interned actors and documents…) and
//!    clustered by `entente_fuse::plan_events`, exactly as the in-memory
//!    fusion clusters them; then the reports are read again in plan order,
//!    one fused event at a time ([`EventAssembler`]), and each event is
//!    written as soon as it is complete;
//! 3. agreements are read again group by group, merged and written.
//!
//! What stays in memory grows with the number of reports of one type (a
//! few dozen bytes each) and of agreement groups, not with their evidence.

use crate::StoreError;
use entente_fuse::{
    AgreementMerge, EventKey, EventKeys, EventMerge, EventPlan, LocationKey, agreement_id,
};
use entente_model::{
    Agreement, AgreementType, DatePrecision, Event, EventStatus, EventType, PartialDate,
};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// Small numbers for repeated strings (actor ids, document ids).
#[derive(Default)]
struct Interner {
    numbers: HashMap<Box<str>, u32>,
}

impl Interner {
    fn number(&mut self, s: &str) -> u32 {
        if let Some(&n) = self.numbers.get(s) {
            return n;
        }
        let n = u32::try_from(self.numbers.len()).unwrap_or(u32::MAX);
        self.numbers.insert(s.into(), n);
        n
    }
}

/// The fields of a stored event report that fusion's clustering reads;
/// everything else in the JSON is skipped without being kept.
#[derive(Deserialize)]
struct EventKeyJson<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(rename = "type")]
    event_type: EventType,
    #[serde(borrow)]
    actor: Vec<Cow<'a, str>>,
    #[serde(borrow)]
    recipient: Vec<Cow<'a, str>>,
    date: Option<PartialDate>,
    date_precision: DatePrecision,
    #[serde(borrow)]
    location: Option<LocationJson<'a>>,
    status: EventStatus,
    confidence: f64,
    #[serde(borrow)]
    evidence: Vec<EvidenceJson<'a>>,
    #[serde(borrow, default)]
    mode: Vec<Cow<'a, str>>,
    #[serde(borrow, default)]
    actor_persons: Vec<Cow<'a, str>>,
    #[serde(borrow, default)]
    recipient_persons: Vec<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct LocationJson<'a> {
    #[serde(borrow)]
    country: Option<Cow<'a, str>>,
    place: Option<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
struct EvidenceJson<'a> {
    #[serde(borrow)]
    document: Cow<'a, str>,
}

/// Parse the few fields of a JSON text that a key reads, borrowing its
/// strings where they have no escapes.
fn borrowed_json<'a, T: Deserialize<'a>>(what: &str, json: &'a str) -> Result<T, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt {
        what: what.to_string(),
        reason: e.to_string(),
    })
}

/// One report's key, its lists kept in the table's shared arrays.
struct KeyRow {
    /// Where the backend finds the report again.
    handle: i64,
    event_type: EventType,
    status: EventStatus,
    precision: DatePrecision,
    date: Option<PartialDate>,
    confidence: f64,
    /// `None` without a location; else its country and whether it names a place.
    location: Option<(Option<u32>, bool)>,
    /// `parties[parties_at..]`: `actors` actors, then `recipients` recipients.
    parties_at: u32,
    actors: u32,
    recipients: u32,
    /// `documents[documents_at..documents_at + documents]`.
    documents_at: u32,
    documents: u32,
    /// `ids[id_at..id_at + id_len]`.
    id_at: u32,
    id_len: u32,
    /// `modes[modes_at..modes_at + modes]`, `persons[persons_at..persons_at + persons]`.
    modes_at: u32,
    modes: u32,
    persons_at: u32,
    persons: u32,
}

/// The keys of a set of event reports (one type's, in the order the
/// backend read them), compactly: ids in one string, actors and documents
/// interned as numbers in shared arrays.
#[derive(Default)]
pub(crate) struct EventKeyTable {
    rows: Vec<KeyRow>,
    ids: String,
    parties: Vec<u32>,
    documents: Vec<u32>,
    modes: Vec<(u32, u64)>,
    persons: Vec<(u32, u32)>,
    actor_numbers: Interner,
    document_numbers: Interner,
}

fn index(n: usize, what: &str) -> Result<u32, StoreError> {
    u32::try_from(n).map_err(|_| StoreError::Corrupt {
        what: what.to_string(),
        reason: "too many event reports of one type to rebuild at once".into(),
    })
}

impl EventKeyTable {
    /// Add the report whose JSON is `json`; the backend finds it again by
    /// `handle`.
    pub(crate) fn push(&mut self, handle: i64, json: &str) -> Result<(), StoreError> {
        let k: EventKeyJson<'_> = borrowed_json("event report", json)?;
        let parties_at = index(self.parties.len(), "event report")?;
        for a in k.actor.iter().chain(&k.recipient) {
            let n = self.actor_numbers.number(a);
            self.parties.push(n);
        }
        let documents_at = index(self.documents.len(), "event report")?;
        for e in &k.evidence {
            let n = self.document_numbers.number(&e.document);
            self.documents.push(n);
        }
        let docs: Vec<u32> = self.documents[documents_at as usize..].to_vec();
        let modes_at = index(self.modes.len(), "event report")?;
        let codes: Vec<u64> = k
            .mode
            .iter()
            .filter_map(|m| entente_fuse::mode_code(m))
            .collect();
        for &d in &docs {
            self.modes.extend(codes.iter().map(|&c| (d, c)));
        }
        let persons_at = index(self.persons.len(), "event report")?;
        let persons: Vec<u32> =
            entente_fuse::key_persons(k.event_type, &k.actor_persons, &k.recipient_persons)
                .map(|p| self.actor_numbers.number(p))
                .collect();
        for &d in &docs {
            self.persons.extend(persons.iter().map(|&p| (d, p)));
        }
        let id_at = index(self.ids.len(), "event report")?;
        self.ids.push_str(&k.id);
        let location = k.location.map(|l| {
            let country = l.country.map(|c| self.actor_numbers.number(&c));
            (country, l.place.is_some())
        });
        self.rows.push(KeyRow {
            handle,
            event_type: k.event_type,
            status: k.status,
            precision: k.date_precision,
            date: k.date,
            confidence: k.confidence,
            location,
            parties_at,
            actors: index(k.actor.len(), "event report")?,
            recipients: index(k.recipient.len(), "event report")?,
            documents_at,
            documents: index(k.evidence.len(), "event report")?,
            id_at,
            id_len: index(k.id.len(), "event report")?,
            modes_at,
            modes: index(self.modes.len() - modes_at as usize, "event report")?,
            persons_at,
            persons: index(self.persons.len() - persons_at as usize, "event report")?,
        });
        Ok(())
    }

    /// The backend's handle of report `i`.
    pub(crate) fn handle(&self, i: usize) -> i64 {
        self.rows[i].handle
    }
}

fn span(at: u32, len: u32) -> std::ops::Range<usize> {
    at as usize..at as usize + len as usize
}

impl EventKeys for EventKeyTable {
    type Actor = u32;
    type Doc = u32;

    fn len(&self) -> usize {
        self.rows.len()
    }

    fn id(&self, i: usize) -> &str {
        let r = &self.rows[i];
        &self.ids[span(r.id_at, r.id_len)]
    }

    fn rank(&self, i: usize) -> (DatePrecision, f64) {
        (self.rows[i].precision, self.rows[i].confidence)
    }

    fn key(&self, i: usize) -> EventKey<u32, u32> {
        let r = &self.rows[i];
        let parties = &self.parties[span(r.parties_at, r.actors + r.recipients)];
        let (actor, recipient) = parties.split_at(r.actors as usize);
        EventKey {
            event_type: r.event_type,
            status: r.status,
            actor: actor.to_vec(),
            recipient: recipient.to_vec(),
            date: r.date,
            location: r
                .location
                .map(|(country, has_place)| LocationKey { country, has_place }),
            confidence: r.confidence,
            documents: self.documents[span(r.documents_at, r.documents)].to_vec(),
            modes: self.modes[span(r.modes_at, r.modes)].to_vec(),
            persons: self.persons[span(r.persons_at, r.persons)].to_vec(),
        }
    }
}

/// Builds the fused events of a plan from its reports, read in plan order
/// (event by event, each one's reports in merge order).
pub(crate) struct EventAssembler<'a> {
    plan: &'a EventPlan,
    /// The event being built: its position in the plan and its merge.
    current: Option<(usize, EventMerge)>,
    next: usize,
    /// Report ids that agreement histories name; those renamed are recorded.
    referenced: &'a HashSet<String>,
    pending: Vec<String>,
}

impl<'a> EventAssembler<'a> {
    pub(crate) fn new(plan: &'a EventPlan, referenced: &'a HashSet<String>) -> Self {
        EventAssembler {
            plan,
            current: None,
            next: 0,
            referenced,
            pending: Vec::new(),
        }
    }

    /// The next report in plan order; the fused event when it completes one.
    /// Records in `renamed` the referenced report ids whose event got
    /// another id.
    pub(crate) fn push(
        &mut self,
        json: &str,
        renamed: &mut HashMap<String, String>,
    ) -> Result<Option<Event>, StoreError> {
        let report: Event = crate::from_json("event report", json)?;
        if self.referenced.contains(&report.id) {
            self.pending.push(report.id.clone());
        }
        let (at, merge) = match self.current.take() {
            Some((at, mut merge)) => {
                merge.add(report);
                (at, merge)
            }
            None => {
                let at = self.next;
                self.next += 1;
                (at, EventMerge::new(report))
            }
        };
        let planned = self
            .plan
            .events
            .get(at)
            .ok_or_else(|| changed("event", "more"))?;
        if merge.len() < planned.members.len() {
            self.current = Some((at, merge));
            return Ok(None);
        }
        let event = merge.finish();
        if event.id != planned.id {
            return Err(changed("event", "other"));
        }
        for id in self.pending.drain(..) {
            if id != event.id {
                renamed.insert(id, event.id.clone());
            }
        }
        Ok(Some(event))
    }

    /// Check that every planned event was built.
    pub(crate) fn finish(self) -> Result<(), StoreError> {
        if self.current.is_some() || self.next != self.plan.events.len() {
            return Err(changed("event", "fewer"));
        }
        Ok(())
    }
}

/// The reports read back differ from those planned: a bug, since both
/// reads see one snapshot.
fn changed(kind: &str, what: &str) -> StoreError {
    StoreError::Corrupt {
        what: format!("{kind} reports"),
        reason: format!(
            "the rebuild read back {what} reports than it planned from; this is a bug in the store"
        ),
    }
}

/// The fields of a stored agreement report that grouping reads.
#[derive(Deserialize)]
struct AgreementKeyJson<'a> {
    agreement_type: AgreementType,
    #[serde(borrow)]
    parties: Vec<Cow<'a, str>>,
    #[serde(borrow)]
    history: Vec<StepJson<'a>>,
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct StepJson<'a> {
    #[serde(borrow, default)]
    events: Vec<Cow<'a, str>>,
}

/// One fused agreement of a plan: its id and its reports' handles, in the
/// order read.
pub(crate) struct PlannedAgreement {
    pub id: String,
    pub members: Vec<i64>,
}

/// How agreement reports group into agreements, and which event report ids
/// their histories name.
#[derive(Default)]
pub(crate) struct AgreementPlan {
    groups: Vec<PlannedAgreement>,
    index: HashMap<(AgreementType, Vec<String>, bool), usize>,
    referenced: HashSet<String>,
}

impl AgreementPlan {
    /// Add the report whose JSON is `json` (reports in the order fusion
    /// takes them); the backend finds it again by `handle`.
    pub(crate) fn push(&mut self, handle: i64, json: &str) -> Result<(), StoreError> {
        let k: AgreementKeyJson<'_> = borrowed_json("agreement report", json)?;
        for step in &k.history {
            for e in &step.events {
                if !self.referenced.contains(e.as_ref()) {
                    self.referenced.insert(e.to_string());
                }
            }
        }
        let mut parties: Vec<&str> = k.parties.iter().map(AsRef::as_ref).collect();
        parties.sort_unstable();
        parties.dedup();
        // (as fuse_agreements: a proper name keeps a report apart from
        // the unnamed ones of the same type and parties)
        let named = k.name.is_some();
        let key = (
            k.agreement_type,
            parties.iter().map(|p| p.to_string()).collect(),
            named,
        );
        match self.index.get(&key) {
            Some(&g) => self.groups[g].members.push(handle),
            None => {
                self.index.insert(key, self.groups.len());
                self.groups.push(PlannedAgreement {
                    id: agreement_id(k.agreement_type, &parties, named),
                    members: vec![handle],
                });
            }
        }
        Ok(())
    }

    /// Event report ids that agreement histories name.
    pub(crate) fn referenced(&self) -> &HashSet<String> {
        &self.referenced
    }

    /// The agreements in output order (by id), each with its reports.
    pub(crate) fn into_groups(self) -> Vec<PlannedAgreement> {
        let mut groups = self.groups;
        // stable: the order of creation breaks ties, as in fuse_agreements
        groups.sort_by(|a, b| a.id.cmp(&b.id));
        groups
    }
}

/// Builds fused agreements from their reports, read group by group in
/// plan order.
pub(crate) struct AgreementAssembler<'a> {
    groups: &'a [PlannedAgreement],
    current: Option<(usize, AgreementMerge, usize)>,
    next: usize,
}

impl<'a> AgreementAssembler<'a> {
    pub(crate) fn new(groups: &'a [PlannedAgreement]) -> Self {
        AgreementAssembler {
            groups,
            current: None,
            next: 0,
        }
    }

    /// The next report in plan order; the fused agreement (its history
    /// pointing at fused events) when it completes one.
    pub(crate) fn push(
        &mut self,
        json: &str,
        renamed: &HashMap<String, String>,
    ) -> Result<Option<Agreement>, StoreError> {
        let report: Agreement = crate::from_json("agreement report", json)?;
        let (at, merge, count) = match self.current.take() {
            Some((at, mut merge, count)) => {
                merge.add(report);
                (at, merge, count + 1)
            }
            None => {
                let at = self.next;
                self.next += 1;
                (at, AgreementMerge::new(report), 1)
            }
        };
        let planned = self
            .groups
            .get(at)
            .ok_or_else(|| changed("agreement", "more"))?;
        if count < planned.members.len() {
            self.current = Some((at, merge, count));
            return Ok(None);
        }
        let mut agreement = merge.finish();
        if agreement.id != planned.id {
            return Err(changed("agreement", "other"));
        }
        entente_fuse::rename_history_events(std::slice::from_mut(&mut agreement), renamed);
        Ok(Some(agreement))
    }

    /// Check that every planned agreement was built.
    pub(crate) fn finish(self) -> Result<(), StoreError> {
        if self.current.is_some() || self.next != self.groups.len() {
            return Err(changed("agreement", "fewer"));
        }
        Ok(())
    }
}
