//! Analyst corrections, kept as data and applied after fusion at every
//! rebuild of the fused record.
//!
//! A correction never names a fused id (the next rebuild renumbers an event
//! whose reports change): it is keyed to what survives a rebuild, the
//! record's evidence (document id and sentence offsets) together with the
//! type and participants the coder gave it. At each rebuild, the store
//! reads every correction in the order they were made, finds the record
//! each one is about ([`apply`]) and writes the corrected record, with a
//! [`Mark`] and `why` lines saying who changed what and when. A correction
//! that finds no record is kept and reported (its target is `None`).

use entente_model::{
    ActorId, Agreement, AgreementStatus, AgreementType, DatePrecision, Event, EventStatus,
    EventType, Evidence, Location, PartialDate,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// What kind of record a correction is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RecordKind {
    Event,
    Agreement,
}

impl RecordKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Event => "event",
            RecordKind::Agreement => "agreement",
        }
    }

    /// The kind a store's query names with [`RecordKind::as_str`]: `event`,
    /// anything else an agreement.
    pub(crate) fn named(kind: &str) -> RecordKind {
        if kind == RecordKind::Event.as_str() {
            RecordKind::Event
        } else {
            RecordKind::Agreement
        }
    }
}

/// One evidence sentence: document id and character offsets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EvidenceKey {
    pub document: String,
    pub start: usize,
    pub end: usize,
}

impl From<&Evidence> for EvidenceKey {
    fn from(e: &Evidence) -> Self {
        EvidenceKey {
            document: e.document.clone(),
            start: e.start,
            end: e.end,
        }
    }
}

/// What a correction is about, in terms that survive a rebuild: the
/// record's evidence when the correction was made, and the type and
/// participants the coder gave it (before any correction), which tell
/// apart records coded from the same sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordKey {
    pub kind: RecordKind,
    pub evidence: Vec<EvidenceKey>,
    /// The coder's event type (`ACCUSE`) or agreement type (`alliance`).
    pub coded_type: String,
    /// The coder's actors (events) or parties (agreements).
    #[serde(default)]
    pub actor: Vec<ActorId>,
    /// The coder's recipients (events).
    #[serde(default)]
    pub recipient: Vec<ActorId>,
}

/// What a correction does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// The record is right as it stands.
    Confirm,
    /// Not an event / agreement, or not this one: hidden from listings.
    Reject,
    /// Some fields get new values ([`Edit`]).
    Edit,
    /// Another event ([`Correction::other`]) is the same event: its
    /// evidence joins this one, and it is hidden.
    Merge,
    /// Some of the event's evidence sentences ([`Correction::split`]) are
    /// another event: they become an event of their own.
    Split,
    /// An earlier correction ([`Correction::reverts`]) is undone.
    Revert,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Confirm => "confirm",
            Action::Reject => "reject",
            Action::Edit => "edit",
            Action::Merge => "merge",
            Action::Split => "split",
            Action::Revert => "revert",
        }
    }
}

/// The new values of an edit; fields left `None` are unchanged.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Edit {
    /// Event type (events).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none", default)]
    pub event_type: Option<EventType>,
    /// Modes (events).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub mode: Option<Vec<String>>,
    /// Actors (events).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub actor: Option<Vec<ActorId>>,
    /// Recipients (events).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub recipient: Option<Vec<ActorId>>,
    /// The date, `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (its precision is the
    /// record's `date_precision`), or `unknown` for no date (events).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub date: Option<String>,
    /// An event status (`reported`, `planned`, `historical`) or an
    /// agreement status (`signed`, …).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub status: Option<String>,
    /// Parties (agreements).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub parties: Option<Vec<ActorId>>,
    /// The actors' sectors, `MIL`, `GOV`, … (events; empty for none).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub actor_sectors: Option<Vec<String>>,
    /// The recipients' sectors (events; empty for none).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub recipient_sectors: Option<Vec<String>>,
    /// The name of the place (events; empty for none).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub place: Option<String>,
    /// The country the place is in, an actor id (events; empty for none).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub place_country: Option<String>,
    /// Agreement type (agreements).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub agreement_type: Option<AgreementType>,
    /// One step of an agreement's history: its status and date.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub step: Option<StepEdit>,
}

/// An edit of one step of an agreement's history. The step is named by one
/// of its evidence sentences, which survives a rebuild (its place in the
/// history may not).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepEdit {
    pub evidence: EvidenceKey,
    /// An agreement status (`signed`, …).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub status: Option<String>,
    /// `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or `unknown` for none.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub date: Option<String>,
}

/// A sector code as events carry them: 1 to 16 capital letters or digits.
pub fn check_sector(s: &str) -> Result<(), String> {
    if s.is_empty()
        || s.len() > 16
        || !s
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return Err(format!(
            "sector {s:?} is not a sector code (capital letters, like MIL or GOV)"
        ));
    }
    Ok(())
}

impl Edit {
    pub fn is_empty(&self) -> bool {
        *self == Edit::default()
    }
}

/// One analyst correction, as stored (append-only) and exported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    /// `cr-` and a hash of everything below: the same correction imported
    /// twice is stored once.
    pub id: String,
    pub author: String,
    /// When it was made: RFC 3339 in UTC (`2026-12-06T01:02:03Z`).
    pub at: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub comment: Option<String>,
    pub action: Action,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub edit: Option<Edit>,
    /// For an edit: the values of the edited fields as the analyst saw
    /// them. A field changed by someone else since is a conflict: reported
    /// on the record, not overwritten.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub seen: Option<Edit>,
    /// For a merge: the event merged into the keyed one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub other: Option<RecordKey>,
    /// For a split: the evidence sentences that become an event of their own.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub split: Vec<EvidenceKey>,
    /// For a revert: the id of the correction undone.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub reverts: Option<String>,
    pub key: RecordKey,
}

/// Why a correction cannot be stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InvalidCorrection(pub String);

impl Correction {
    /// A correction of the record `key` by `author` at `at`, its id
    /// computed; checked with [`Correction::check`].
    pub fn new(
        author: &str,
        at: &str,
        comment: Option<&str>,
        action: Action,
        edit: Option<Edit>,
        key: RecordKey,
    ) -> Result<Correction, InvalidCorrection> {
        let mut c = Correction {
            id: String::new(),
            author: author.trim().to_string(),
            at: at.to_string(),
            comment: comment
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(String::from),
            action,
            edit,
            seen: None,
            other: None,
            split: Vec::new(),
            reverts: None,
            key,
        };
        c.id = c.computed_id();
        if !matches!(action, Action::Merge | Action::Split | Action::Revert) {
            c.check()?;
        }
        Ok(c)
    }

    /// A merge of the event `other` into the event `key`.
    pub fn merge(
        author: &str,
        at: &str,
        comment: Option<&str>,
        key: RecordKey,
        other: RecordKey,
    ) -> Result<Correction, InvalidCorrection> {
        let mut c = Correction::new(author, at, comment, Action::Merge, None, key)?;
        c.other = Some(other);
        c.id = c.computed_id();
        c.check()?;
        Ok(c)
    }

    /// A split of the evidence sentences `split` out of the event `key`.
    pub fn split(
        author: &str,
        at: &str,
        comment: Option<&str>,
        key: RecordKey,
        split: Vec<EvidenceKey>,
    ) -> Result<Correction, InvalidCorrection> {
        let mut c = Correction::new(author, at, comment, Action::Split, None, key)?;
        c.split = split;
        c.id = c.computed_id();
        c.check()?;
        Ok(c)
    }

    /// The undoing of correction `undone`.
    pub fn revert(
        author: &str,
        at: &str,
        comment: Option<&str>,
        undone: &Correction,
    ) -> Result<Correction, InvalidCorrection> {
        let mut c = Correction::new(
            author,
            at,
            comment,
            Action::Revert,
            None,
            undone.key.clone(),
        )?;
        c.reverts = Some(undone.id.clone());
        c.id = c.computed_id();
        c.check()?;
        Ok(c)
    }

    /// The same correction made against the values `seen` (see
    /// [`Correction::seen`] and [`seen_values`]), its id recomputed.
    pub fn with_seen(mut self, seen: Edit) -> Result<Correction, InvalidCorrection> {
        self.seen = Some(seen);
        self.id = self.computed_id();
        self.check()?;
        Ok(self)
    }

    /// The id its content gives.
    pub fn computed_id(&self) -> String {
        let mut bare = self.clone();
        bare.id = String::new();
        let json = serde_json::to_string(&bare).unwrap_or_default();
        format!("cr-{}", entente_model::stable_hash_hex(&[&json]))
    }

    /// Whether the correction can be stored: an author without control
    /// characters, a UTC time, an edit exactly when the action is `edit`,
    /// with values of the record's kind, and evidence to find the record by.
    pub fn check(&self) -> Result<(), InvalidCorrection> {
        let bad = |m: String| Err(InvalidCorrection(m));
        if self.author.is_empty() || self.author.chars().any(char::is_control) {
            return bad("the author must be a name without control characters".into());
        }
        if self.comment.as_deref().is_some_and(|c| c.contains('\0')) {
            return bad("the comment must not contain NUL characters".into());
        }
        if parse_utc(&self.at).is_none() {
            return bad(format!(
                "time {:?} is not UTC in the form 2026-12-06T01:02:03Z",
                self.at
            ));
        }
        if self.key.evidence.is_empty() {
            return bad("the record key names no evidence".into());
        }
        match (self.action, &self.edit) {
            (Action::Edit, None) => return bad("an edit must change at least one field".into()),
            (Action::Edit, Some(e)) if e.is_empty() => {
                return bad("an edit must change at least one field".into());
            }
            (
                Action::Confirm | Action::Reject | Action::Merge | Action::Split | Action::Revert,
                Some(_),
            ) => {
                return bad(format!(
                    "a {} carries no field values",
                    self.action.as_str()
                ));
            }
            _ => {}
        }
        let merge = self.action == Action::Merge;
        if merge != self.other.is_some() {
            return bad("a merge, and only a merge, names the other event".into());
        }
        if let Some(o) = &self.other
            && (o.kind != self.key.kind || o.evidence.is_empty())
        {
            return bad(
                "an event is merged with an event, an agreement with an agreement, each named by its evidence"
                    .into(),
            );
        }
        let split = self.action == Action::Split;
        if split == self.split.is_empty() {
            return bad(
                "a split, and only a split, names the sentences that become an event".into(),
            );
        }
        if split
            && (self.split.len() >= self.key.evidence.len()
                || !self.split.iter().all(|e| self.key.evidence.contains(e)))
        {
            return bad(
                "a split moves some, not all, of the record's own evidence sentences to a new record"
                    .into(),
            );
        }
        if (self.action == Action::Revert) != self.reverts.is_some() {
            return bad("a revert, and only a revert, names the correction it undoes".into());
        }
        if let Some(e) = &self.edit {
            match self.key.kind {
                RecordKind::Event => {
                    if e.parties.is_some() {
                        return bad("an event has actors and recipients, not parties".into());
                    }
                    if e.agreement_type.is_some() || e.step.is_some() {
                        return bad(
                            "an agreement type and history steps belong to agreements".into()
                        );
                    }
                    for sector in e
                        .actor_sectors
                        .iter()
                        .chain(e.recipient_sectors.iter())
                        .flatten()
                    {
                        check_sector(sector).map_err(InvalidCorrection)?;
                    }
                    if e.place
                        .iter()
                        .chain(e.place_country.iter())
                        .any(|p| p.chars().any(char::is_control) || p.chars().count() > 200)
                    {
                        return bad(
                            "a place is a name of at most 200 characters without control characters"
                                .into(),
                        );
                    }
                    if let Some(d) = &e.date {
                        parse_date_edit(d).map_err(InvalidCorrection)?;
                    }
                    if let Some(s) = &e.status {
                        parse_event_status(s).map_err(InvalidCorrection)?;
                    }
                }
                RecordKind::Agreement => {
                    if e.event_type.is_some()
                        || e.mode.is_some()
                        || e.actor.is_some()
                        || e.recipient.is_some()
                        || e.date.is_some()
                        || e.actor_sectors.is_some()
                        || e.recipient_sectors.is_some()
                        || e.place.is_some()
                        || e.place_country.is_some()
                    {
                        return bad(
                            "an agreement's edit may change its type, status, parties and history steps"
                                .into(),
                        );
                    }
                    if let Some(s) = &e.status {
                        parse_agreement_status(s).map_err(InvalidCorrection)?;
                    }
                    if let Some(step) = &e.step {
                        if step.status.is_none() && step.date.is_none() {
                            return bad("a history step's edit changes its status or date".into());
                        }
                        if let Some(s) = &step.status {
                            parse_agreement_status(s).map_err(InvalidCorrection)?;
                        }
                        if let Some(d) = &step.date {
                            parse_date_edit(d).map_err(InvalidCorrection)?;
                        }
                    }
                }
            }
        }
        if self.id != self.computed_id() {
            return bad(format!(
                "correction {} does not match its content (expected {})",
                self.id,
                self.computed_id()
            ));
        }
        Ok(())
    }
}

/// An edit's date: a partial date, or `None` for `unknown`.
pub fn parse_date_edit(s: &str) -> Result<Option<PartialDate>, String> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("unknown") || s.is_empty() {
        return Ok(None);
    }
    s.parse::<PartialDate>().map(Some).map_err(|_| {
        format!("date {s:?} is not YYYY, YYYY-MM or YYYY-MM-DD (or `unknown` for no date)")
    })
}

pub fn parse_event_status(s: &str) -> Result<EventStatus, String> {
    [
        EventStatus::Reported,
        EventStatus::Planned,
        EventStatus::Historical,
    ]
    .into_iter()
    .find(|v| v.as_str().eq_ignore_ascii_case(s.trim()))
    .ok_or_else(|| format!("status {s:?} is not an event status (reported, planned, historical)"))
}

pub fn parse_agreement_status(s: &str) -> Result<AgreementStatus, String> {
    let normalised = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
    AgreementStatus::parse(&normalised).ok_or_else(|| {
        let valid: Vec<&str> = AgreementStatus::ALL.iter().map(|t| t.as_str()).collect();
        format!(
            "status {s:?} is not an agreement status ({})",
            valid.join(", ")
        )
    })
}

/// Seconds since 1970 of an RFC 3339 UTC time `YYYY-MM-DDTHH:MM:SSZ`.
pub fn parse_utc(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[19] != b'Z' {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, mo, d) = (n(0..4)?, n(5..7)?, n(8..10)?);
    let (h, mi, se) = (n(11..13)?, n(14..16)?, n(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    Some(days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + se)
}

/// The UTC time `secs` after 1970 as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn format_utc(secs: i64) -> String {
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// Now, as [`format_utc`] writes it.
pub fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
    format_utc(secs)
}

// Howard Hinnant's civil calendar algorithms.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// What the corrections did to one record, stored beside it and written
/// as the optional `correction` field of its export line.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Mark {
    /// The last decision on the record was a confirmation.
    #[serde(default)]
    pub confirmed: bool,
    /// Rejected (and not confirmed since): hidden by default.
    #[serde(default)]
    pub rejected: bool,
    /// The fields whose value differs from the coder's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edited: Vec<String>,
    /// Rejected, and evidence arrived that the rejection did not see.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub new_evidence: bool,
    /// Fields an edit left alone because someone else had changed them
    /// since its author saw them (see [`Correction::seen`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<String>,
    /// Merged into this event: the event it is now part of (hidden).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<String>,
    /// Events merged into this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<String>,
    /// Split off from this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split_from: Option<String>,
    /// Events split off from this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub split_off: Vec<String>,
    /// The corrections applied, oldest first.
    #[serde(default)]
    pub corrections: Vec<String>,
    /// The coder's type of the record, before any correction.
    #[serde(default)]
    pub coded_type: String,
    /// The coder's actors (or parties) and recipients.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coded_actor: Vec<ActorId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coded_recipient: Vec<ActorId>,
}

impl Mark {
    /// Whether analysts kept the coder's record as it was: reviewed,
    /// neither rejected nor changed.
    pub fn kept(&self) -> bool {
        !self.rejected
            && self.edited.is_empty()
            && self.merged_into.is_none()
            && self.merged.is_empty()
            && self.split_from.is_none()
            && self.split_off.is_empty()
    }

    /// Hidden from listings: rejected, or merged into another event.
    pub fn hidden(&self) -> bool {
        self.rejected || self.merged_into.is_some()
    }
}

/// A corrected record, as written back.
#[derive(Debug, Clone, PartialEq)]
pub struct Corrected<T> {
    pub record: T,
    pub mark: Mark,
}

/// The outcome of applying every correction to the fused record.
#[derive(Debug, Default)]
pub struct Applied {
    pub events: Vec<Corrected<Event>>,
    pub agreements: Vec<Corrected<Agreement>>,
    /// Each correction's record id, `None` when it found none.
    pub targets: Vec<(String, Option<String>)>,
}

/// The record a correction is about, found again after a rebuild.
struct State<T> {
    coded: T,
    current: T,
    mark: Option<Mark>,
    rejected_saw: BTreeSet<EvidenceKey>,
}

trait Keyed {
    fn evidence(&self) -> &[Evidence];
    fn coded_type(&self) -> String;
    fn participants(&self) -> (Vec<ActorId>, Vec<ActorId>);
}

impl Keyed for Event {
    fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }
    fn coded_type(&self) -> String {
        self.event_type.as_str().to_string()
    }
    fn participants(&self) -> (Vec<ActorId>, Vec<ActorId>) {
        (self.actor.clone(), self.recipient.clone())
    }
}

impl Keyed for Agreement {
    fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }
    fn coded_type(&self) -> String {
        self.agreement_type.as_str().to_string()
    }
    fn participants(&self) -> (Vec<ActorId>, Vec<ActorId>) {
        (self.parties.clone(), Vec::new())
    }
}

fn sorted(ids: &[ActorId]) -> Vec<ActorId> {
    let mut v = ids.to_vec();
    v.sort();
    v.dedup();
    v
}

/// The state whose coder's record `key` is about: same kind and coded
/// type, sharing evidence; among several, the one with the same
/// participants, then the most shared evidence, then the first.
fn find<T: Keyed>(states: &[State<T>], key: &RecordKey) -> Option<usize> {
    let wanted: HashSet<&EvidenceKey> = key.evidence.iter().collect();
    let (ka, kr) = (sorted(&key.actor), sorted(&key.recipient));
    let mut best: Option<(usize, (bool, usize))> = None;
    for (i, s) in states.iter().enumerate() {
        if s.coded.coded_type() != key.coded_type {
            continue;
        }
        let shared = s
            .current
            .evidence()
            .iter()
            .filter(|e| wanted.contains(&EvidenceKey::from(*e)))
            .count();
        if shared == 0 {
            continue;
        }
        let (a, r) = s.coded.participants();
        let score = (sorted(&a) == ka && sorted(&r) == kr, shared);
        if best.is_none_or(|(_, b)| score > b) {
            best = Some((i, score));
        }
    }
    best.map(|(i, _)| i)
}

/// `2026-12-06T01:02:03Z` → `2026-12-06T01:02Z`.
fn short_time(at: &str) -> String {
    match at.get(..16) {
        Some(head) => format!("{head}Z"),
        None => at.to_string(),
    }
}

fn list(ids: &[ActorId]) -> String {
    if ids.is_empty() {
        return "(none)".into();
    }
    ids.iter()
        .map(ActorId::as_str)
        .collect::<Vec<_>>()
        .join(";")
}

fn date_text(d: &Option<PartialDate>) -> String {
    d.map_or("unknown".into(), |d| d.to_string())
}

/// The who-and-when head of a correction's why line, and its comment.
fn by(c: &Correction, verb: &str) -> String {
    format!("{verb} by {} {}", c.author, short_time(&c.at))
}

fn with_comment(line: String, c: &Correction) -> String {
    match &c.comment {
        Some(comment) => format!("{line} ({comment})"),
        None => line,
    }
}

/// What an edit did: why lines, and the fields it left alone because
/// someone changed them since the analyst saw them.
#[derive(Default)]
struct Edited {
    lines: Vec<String>,
    conflicts: Vec<String>,
}

impl Edited {
    /// Whether `field` changed since the analyst saw it: then the edit of
    /// it is reported and skipped.
    fn stale(&mut self, c: &Correction, field: &str, saw: Option<String>, now: String) -> bool {
        let Some(saw) = saw else { return false };
        if saw == now {
            return false;
        }
        self.lines.push(format!(
            "conflict: the edit by {} {} of {field} was not applied: they saw {saw}, it had become {now}",
            c.author,
            short_time(&c.at)
        ));
        self.conflicts.push(field.to_string());
        true
    }
}

/// Apply `edit` to an event; one why line per changed field.
fn edit_event(e: &mut Event, edit: &Edit, c: &Correction) -> Edited {
    let mut out = Edited::default();
    let seen = c.seen.clone().unwrap_or_default();
    let head = by(c, "corrected");
    if let Some(t) = edit.event_type
        && !out.stale(
            c,
            "type",
            seen.event_type.map(|t| t.as_str().into()),
            e.event_type.as_str().into(),
        )
        && t != e.event_type
    {
        out.lines.push(format!(
            "{head}: type {} → {}",
            e.event_type.as_str(),
            t.as_str()
        ));
        e.event_type = t;
    }
    if let Some(m) = &edit.mode
        && !out.stale(
            c,
            "mode",
            seen.mode.as_ref().map(|m| m.join(";")),
            e.mode.join(";"),
        )
        && *m != e.mode
    {
        out.lines.push(format!(
            "{head}: mode {} → {}",
            e.mode.join(";"),
            m.join(";")
        ));
        e.mode = m.clone();
    }
    if let Some(a) = &edit.actor
        && !out.stale(c, "actor", seen.actor.as_deref().map(list), list(&e.actor))
        && *a != e.actor
    {
        out.lines
            .push(format!("{head}: actor {} → {}", list(&e.actor), list(a)));
        e.actor = a.clone();
        e.actor_sectors.clear();
    }
    if let Some(r) = &edit.recipient
        && !out.stale(
            c,
            "recipient",
            seen.recipient.as_deref().map(list),
            list(&e.recipient),
        )
        && *r != e.recipient
    {
        out.lines.push(format!(
            "{head}: recipient {} → {}",
            list(&e.recipient),
            list(r)
        ));
        e.recipient = r.clone();
        e.recipient_sectors.clear();
    }
    if let Some(d) = &edit.date
        && let Ok(d) = parse_date_edit(d)
        && !out.stale(
            c,
            "date",
            seen.date
                .as_deref()
                .map(|x| date_text(&parse_date_edit(x).ok().flatten())),
            date_text(&e.date),
        )
        && d != e.date
    {
        let precision = d.map_or(DatePrecision::Unknown, |d| d.precision());
        out.lines.push(format!(
            "{head}: date {} ({}) → {} ({})",
            date_text(&e.date),
            e.date_precision.as_str(),
            date_text(&d),
            precision.as_str()
        ));
        e.date = d;
        e.date_precision = precision;
    }
    if let Some(st) = &edit.status
        && let Ok(st) = parse_event_status(st)
        && !out.stale(
            c,
            "status",
            seen.status
                .as_deref()
                .map(|x| x.trim().to_ascii_lowercase()),
            e.status.as_str().into(),
        )
        && st != e.status
    {
        out.lines.push(format!(
            "{head}: status {} → {}",
            e.status.as_str(),
            st.as_str()
        ));
        e.status = st;
    }
    for (field, new, now) in [
        ("actor sectors", &edit.actor_sectors, &mut e.actor_sectors),
        (
            "recipient sectors",
            &edit.recipient_sectors,
            &mut e.recipient_sectors,
        ),
    ] {
        if let Some(new) = new
            && !out.stale(c, field, seen_list(&seen, field), words(now))
            && new != now
        {
            out.lines
                .push(format!("{head}: {field} {} → {}", words(now), words(new)));
            *now = new.clone();
        }
    }
    let (mut place, mut country) = place_parts(&e.location);
    for (field, new, now) in [
        ("place", &edit.place, &mut place),
        ("place country", &edit.place_country, &mut country),
    ] {
        if let Some(new) = new.as_deref().map(str::trim)
            && !out.stale(c, field, seen_text(&seen, field), text_or_none(now))
            && new != now.as_str()
        {
            out.lines.push(format!(
                "{head}: {field} {} → {}",
                text_or_none(now),
                text_or_none(new)
            ));
            *now = new.to_string();
        }
    }
    let location = (!place.is_empty() || !country.is_empty()).then(|| Location {
        country: (!country.is_empty()).then(|| ActorId::new(country)),
        place: (!place.is_empty()).then_some(place),
    });
    if location != e.location {
        e.location = location;
    }
    out
}

/// A list of words as a why line shows it.
fn words(v: &[String]) -> String {
    if v.is_empty() {
        "(none)".into()
    } else {
        v.join(";")
    }
}

fn text_or_none(s: &str) -> String {
    if s.is_empty() {
        "(none)".into()
    } else {
        s.to_string()
    }
}

/// A location's place name and country, empty where it has none.
fn place_parts(l: &Option<Location>) -> (String, String) {
    l.as_ref().map_or((String::new(), String::new()), |l| {
        (
            l.place.clone().unwrap_or_default(),
            l.country
                .as_ref()
                .map(|c| c.as_str().to_string())
                .unwrap_or_default(),
        )
    })
}

/// The value of a list field the analyst saw, as [`words`] shows it.
fn seen_list(seen: &Edit, field: &str) -> Option<String> {
    match field {
        "actor sectors" => seen.actor_sectors.as_deref().map(words),
        "recipient sectors" => seen.recipient_sectors.as_deref().map(words),
        _ => None,
    }
}

/// The value of a text field the analyst saw, as [`text_or_none`] shows it.
fn seen_text(seen: &Edit, field: &str) -> Option<String> {
    match field {
        "place" => seen.place.as_deref().map(|p| text_or_none(p.trim())),
        "place country" => seen
            .place_country
            .as_deref()
            .map(|p| text_or_none(p.trim())),
        _ => None,
    }
}

fn edit_agreement(a: &mut Agreement, edit: &Edit, c: &Correction) -> Edited {
    let mut out = Edited::default();
    let seen = c.seen.clone().unwrap_or_default();
    let head = by(c, "corrected");
    if let Some(st) = &edit.status
        && let Ok(st) = parse_agreement_status(st)
        && !out.stale(
            c,
            "status",
            seen.status
                .as_deref()
                .and_then(|x| parse_agreement_status(x).ok())
                .map(|x| x.as_str().into()),
            a.status.as_str().into(),
        )
        && st != a.status
    {
        out.lines.push(format!(
            "{head}: status {} → {}",
            a.status.as_str(),
            st.as_str()
        ));
        a.status = st;
    }
    if let Some(p) = &edit.parties
        && !out.stale(
            c,
            "parties",
            seen.parties.as_deref().map(|p| list(&sorted(p))),
            list(&a.parties),
        )
    {
        let p = sorted(p);
        if p != a.parties {
            out.lines.push(format!(
                "{head}: parties {} → {}",
                list(&a.parties),
                list(&p)
            ));
            a.parties = p;
        }
    }
    if let Some(t) = edit.agreement_type
        && !out.stale(
            c,
            "type",
            seen.agreement_type.map(|t| t.as_str().into()),
            a.agreement_type.as_str().into(),
        )
        && t != a.agreement_type
    {
        out.lines.push(format!(
            "{head}: type {} → {}",
            a.agreement_type.as_str(),
            t.as_str()
        ));
        a.agreement_type = t;
    }
    if let Some(step) = &edit.step {
        edit_step(a, step, seen.step.as_ref(), c, &mut out);
    }
    out
}

/// Apply the edit of one history step; the agreement's status then follows
/// its history, as fusion makes it.
fn edit_step(
    a: &mut Agreement,
    edit: &StepEdit,
    seen: Option<&StepEdit>,
    c: &Correction,
    out: &mut Edited,
) {
    let head = by(c, "corrected");
    let named = |s: &entente_model::StatusChange| {
        s.evidence
            .iter()
            .any(|e| EvidenceKey::from(e) == edit.evidence)
    };
    let Some(i) = a.history.iter().position(named) else {
        out.lines.push(format!(
            "{head}: no history step has the sentence {}:{}-{} any more; the edit of it was not applied",
            edit.evidence.document, edit.evidence.start, edit.evidence.end
        ));
        return;
    };
    let mut changed = false;
    if let Some(st) = edit
        .status
        .as_deref()
        .and_then(|s| parse_agreement_status(s).ok())
    {
        let now = a.history[i].status;
        let saw = seen
            .and_then(|s| s.status.as_deref())
            .and_then(|s| parse_agreement_status(s).ok())
            .map(|s| s.as_str().to_string());
        if !out.stale(c, "step status", saw, now.as_str().into()) && st != now {
            out.lines.push(format!(
                "{head}: history step {} → {}",
                now.as_str(),
                st.as_str()
            ));
            a.history[i].status = st;
            changed = true;
        }
    }
    if let Some(d) = edit.date.as_deref().and_then(|d| parse_date_edit(d).ok()) {
        let now = a.history[i].date;
        let saw = seen
            .and_then(|s| s.date.as_deref())
            .map(|x| date_text(&parse_date_edit(x).ok().flatten()));
        if !out.stale(c, "step date", saw, date_text(&now)) && d != now {
            out.lines.push(format!(
                "{head}: date of the {} step {} → {}",
                a.history[i].status.as_str(),
                date_text(&now),
                date_text(&d)
            ));
            a.history[i].date = d;
            changed = true;
        }
    }
    if changed {
        let id = a.id.clone();
        let mut fused = entente_fuse::AgreementMerge::new(a.clone()).finish();
        fused.id = id;
        *a = fused;
    }
}

/// The current values of the fields `edit` changes, as [`Correction::seen`]
/// records them.
pub fn seen_values(record: &Record, edit: &Edit) -> Edit {
    match record {
        Record::Event(e, _) => Edit {
            event_type: edit.event_type.map(|_| e.event_type),
            mode: edit.mode.as_ref().map(|_| e.mode.clone()),
            actor: edit.actor.as_ref().map(|_| e.actor.clone()),
            recipient: edit.recipient.as_ref().map(|_| e.recipient.clone()),
            date: edit.date.as_ref().map(|_| date_text(&e.date)),
            status: edit.status.as_ref().map(|_| e.status.as_str().into()),
            actor_sectors: edit.actor_sectors.as_ref().map(|_| e.actor_sectors.clone()),
            recipient_sectors: edit
                .recipient_sectors
                .as_ref()
                .map(|_| e.recipient_sectors.clone()),
            place: edit.place.as_ref().map(|_| place_parts(&e.location).0),
            place_country: edit
                .place_country
                .as_ref()
                .map(|_| place_parts(&e.location).1),
            ..Edit::default()
        },
        Record::Agreement(a, _) => Edit {
            status: edit.status.as_ref().map(|_| a.status.as_str().into()),
            parties: edit.parties.as_ref().map(|_| a.parties.clone()),
            agreement_type: edit.agreement_type.map(|_| a.agreement_type),
            step: edit.step.as_ref().and_then(|want| {
                let step = a.history.iter().find(|s| {
                    s.evidence
                        .iter()
                        .any(|e| EvidenceKey::from(e) == want.evidence)
                })?;
                Some(StepEdit {
                    evidence: want.evidence.clone(),
                    status: want.status.as_ref().map(|_| step.status.as_str().into()),
                    date: want.date.as_ref().map(|_| date_text(&step.date)),
                })
            }),
            ..Edit::default()
        },
    }
}

/// The fields of an event whose value differs from the coder's.
fn event_changes(coded: &Event, now: &Event) -> Vec<String> {
    let mut out = Vec::new();
    let mut differs = |name: &str, d: bool| {
        if d {
            out.push(name.to_string());
        }
    };
    differs("type", coded.event_type != now.event_type);
    differs("mode", coded.mode != now.mode);
    differs("actor", coded.actor != now.actor);
    differs("recipient", coded.recipient != now.recipient);
    differs("date", coded.date != now.date);
    differs("status", coded.status != now.status);
    differs(
        "sectors",
        coded.actor_sectors != now.actor_sectors
            || coded.recipient_sectors != now.recipient_sectors,
    );
    differs("place", coded.location != now.location);
    out
}

fn agreement_changes(coded: &Agreement, now: &Agreement) -> Vec<String> {
    let mut out = Vec::new();
    if coded.status != now.status {
        out.push("status".into());
    }
    if coded.parties != now.parties {
        out.push("parties".into());
    }
    if coded.agreement_type != now.agreement_type {
        out.push("type".into());
    }
    let steps =
        |a: &Agreement| -> Vec<_> { a.history.iter().map(|s| (s.status, s.date)).collect() };
    if steps(coded) != steps(now) {
        out.push("history".into());
    }
    out
}

/// Apply `corrections` (oldest first) to the fused records they may be
/// about: `events` and `agreements` need only hold the records sharing
/// evidence with some correction. Returns the records corrections found,
/// corrected and marked, and each correction's record.
pub fn apply(
    corrections: &[Correction],
    events: Vec<Event>,
    agreements: Vec<Agreement>,
) -> Applied {
    let state = |r: Event| State {
        coded: r.clone(),
        current: r,
        mark: None,
        rejected_saw: BTreeSet::new(),
    };
    let mut ev: Vec<State<Event>> = events.into_iter().map(state).collect();
    let mut ag: Vec<State<Agreement>> = agreements
        .into_iter()
        .map(|r| State {
            coded: r.clone(),
            current: r,
            mark: None,
            rejected_saw: BTreeSet::new(),
        })
        .collect();
    let mut applied = Applied::default();
    // a correction undone by a revert that is itself in force is skipped
    let mut undone: HashSet<&str> = HashSet::new();
    for c in corrections.iter().rev() {
        if !undone.contains(c.id.as_str())
            && let Some(target) = &c.reverts
        {
            undone.insert(target.as_str());
        }
    }
    for c in corrections {
        if undone.contains(c.id.as_str()) || c.action == Action::Revert {
            let found = match c.key.kind {
                RecordKind::Event => find(&ev, &c.key).map(|i| ev[i].current.id.clone()),
                RecordKind::Agreement => find(&ag, &c.key).map(|i| ag[i].current.id.clone()),
            };
            if c.action == Action::Revert
                && let Some(target) = &c.reverts
            {
                let line = with_comment(format!("{}: {target} undone", by(c, "reverted")), c);
                match c.key.kind {
                    RecordKind::Event => {
                        if let Some(i) = find(&ev, &c.key) {
                            ev[i].current.why.push(line);
                        }
                    }
                    RecordKind::Agreement => {
                        if let Some(step) =
                            find(&ag, &c.key).and_then(|i| ag[i].current.history.last_mut())
                        {
                            step.why.push(line);
                        }
                    }
                }
            }
            applied.targets.push((c.id.clone(), found));
            continue;
        }
        if c.action == Action::Merge {
            let found = match c.key.kind {
                RecordKind::Event => merge(&mut ev, c),
                RecordKind::Agreement => merge_agreements(&mut ag, c),
            };
            applied.targets.push((c.id.clone(), found));
            continue;
        }
        if c.action == Action::Split {
            let found = match c.key.kind {
                RecordKind::Event => split(&mut ev, c),
                RecordKind::Agreement => split_agreement(&mut ag, c),
            };
            applied.targets.push((c.id.clone(), found));
            continue;
        }
        let found = match c.key.kind {
            RecordKind::Event => find(&ev, &c.key).map(|i| {
                let s = &mut ev[i];
                let lines = decide(s, c, |e, edit| edit_event(e, edit, c));
                s.current.why.extend(lines);
                s.current.id.clone()
            }),
            RecordKind::Agreement => find(&ag, &c.key).map(|i| {
                let s = &mut ag[i];
                let lines = decide(s, c, |a, edit| edit_agreement(a, edit, c));
                if let Some(step) = s.current.history.last_mut() {
                    step.why.extend(lines);
                }
                s.current.id.clone()
            }),
        };
        applied.targets.push((c.id.clone(), found));
    }
    for mut s in ev {
        let Some(mut mark) = s.mark.take() else {
            continue;
        };
        mark.edited = event_changes(&s.coded, &s.current);
        if let Some(line) = new_evidence(&mut mark, &s.rejected_saw, &s.current.evidence) {
            s.current.why.push(line);
        }
        applied.events.push(Corrected {
            record: s.current,
            mark,
        });
    }
    for mut s in ag {
        let Some(mut mark) = s.mark.take() else {
            continue;
        };
        mark.edited = agreement_changes(&s.coded, &s.current);
        if let Some(line) = new_evidence(&mut mark, &s.rejected_saw, &s.current.evidence)
            && let Some(step) = s.current.history.last_mut()
        {
            step.why.push(line);
        }
        applied.agreements.push(Corrected {
            record: s.current,
            mark,
        });
    }
    applied
}

/// Flag a rejected record whose evidence the rejections did not all see.
fn new_evidence(
    mark: &mut Mark,
    saw: &BTreeSet<EvidenceKey>,
    evidence: &[Evidence],
) -> Option<String> {
    if !mark.rejected {
        return None;
    }
    let unseen = evidence
        .iter()
        .filter(|e| !saw.contains(&EvidenceKey::from(*e)))
        .count();
    if unseen == 0 {
        return None;
    }
    mark.new_evidence = true;
    Some(format!(
        "new evidence since rejected: {unseen} sentence{} the rejection did not see",
        if unseen == 1 { "" } else { "s" }
    ))
}

/// Apply one correction's decision to a found record; the why lines to add.
/// The mark of a state, made when first needed.
fn mark_of<T: Keyed>(s: &mut State<T>) -> &mut Mark {
    s.mark.get_or_insert_with(|| {
        let (a, r) = s.coded.participants();
        Mark {
            coded_type: s.coded.coded_type(),
            coded_actor: a,
            coded_recipient: r,
            ..Mark::default()
        }
    })
}

/// Merge the event `c.other` names into the event `c.key` names; the
/// event merged into, when both are found and differ.
fn merge(ev: &mut [State<Event>], c: &Correction) -> Option<String> {
    let into = find(ev, &c.key)?;
    let from = find(ev, c.other.as_ref()?)?;
    if into == from {
        return None;
    }
    let (into_id, from_id) = (ev[into].current.id.clone(), ev[from].current.id.clone());
    let moved = ev[from].current.evidence.clone();
    let n = moved.len();
    {
        let target = &mut ev[into].current;
        for e in moved {
            if !target.evidence.contains(&e) {
                target.evidence.push(e);
            }
        }
        target
            .evidence
            .sort_by(|a, b| a.document.cmp(&b.document).then(a.start.cmp(&b.start)));
        let line = format!(
            "{}: {from_id} ({n} sentence{}) is this event",
            by(c, "merged"),
            if n == 1 { "" } else { "s" }
        );
        target.why.push(with_comment(line, c));
    }
    {
        let m = mark_of(&mut ev[into]);
        m.corrections.push(c.id.clone());
        m.merged.push(from_id);
    }
    let line = format!("{}: into {into_id}", by(c, "merged"));
    ev[from].current.why.push(with_comment(line, c));
    let m = mark_of(&mut ev[from]);
    m.corrections.push(c.id.clone());
    m.merged_into = Some(into_id.clone());
    Some(into_id)
}

/// Move the sentences `c.split` names out of the event `c.key` names into
/// an event of their own (its id made from the correction's, so the same
/// at every rebuild); the event split.
fn split(ev: &mut Vec<State<Event>>, c: &Correction) -> Option<String> {
    let i = find(ev, &c.key)?;
    let wanted: HashSet<&EvidenceKey> = c.split.iter().collect();
    let (moved, kept): (Vec<Evidence>, Vec<Evidence>) = ev[i]
        .current
        .evidence
        .iter()
        .cloned()
        .partition(|e| wanted.contains(&EvidenceKey::from(e)));
    if moved.is_empty() || kept.is_empty() {
        return None;
    }
    let from_id = ev[i].current.id.clone();
    let mut new = ev[i].current.clone();
    new.id = format!("ev-{}", entente_model::stable_hash_hex(&["split", &c.id]));
    new.evidence = moved;
    let line = format!("{}: from {from_id}", by(c, "split off"));
    new.why.push(with_comment(line, c));
    let n = new.evidence.len();
    ev[i].current.evidence = kept;
    let line = format!(
        "{}: {n} sentence{} became {}",
        by(c, "split"),
        if n == 1 { "" } else { "s" },
        new.id
    );
    ev[i].current.why.push(with_comment(line, c));
    let new_id = new.id.clone();
    {
        let m = mark_of(&mut ev[i]);
        m.corrections.push(c.id.clone());
        m.split_off.push(new_id.clone());
    }
    let mut coded = ev[i].coded.clone();
    coded.evidence = new.evidence.clone();
    coded.id = new.id.clone();
    let mut mark = ev[i].mark.clone().unwrap_or_default();
    mark.corrections = vec![c.id.clone()];
    mark.split_off.clear();
    mark.merged.clear();
    mark.split_from = Some(from_id.clone());
    ev.push(State {
        coded,
        current: new,
        mark: Some(mark),
        rejected_saw: BTreeSet::new(),
    });
    Some(from_id)
}

/// An agreement's history, status and evidence made again as fusion makes
/// them, its id kept.
fn refused(a: Agreement) -> Agreement {
    let id = a.id.clone();
    let mut out = entente_fuse::AgreementMerge::new(a).finish();
    out.id = id;
    out
}

/// Push a why line on an agreement's last history step.
fn agreement_why(a: &mut Agreement, line: String) {
    if let Some(step) = a.history.last_mut() {
        step.why.push(line);
    }
}

/// Merge the agreement `c.other` names into the one `c.key` names: its
/// evidence and history steps join, and it is hidden. The agreement merged
/// into, when both are found and differ.
fn merge_agreements(ag: &mut [State<Agreement>], c: &Correction) -> Option<String> {
    let into = find(ag, &c.key)?;
    let from = find(ag, c.other.as_ref()?)?;
    if into == from {
        return None;
    }
    let (into_id, from_id) = (ag[into].current.id.clone(), ag[from].current.id.clone());
    let moved = ag[from].current.clone();
    let n = moved.evidence.len();
    let mut merged = entente_fuse::AgreementMerge::new(ag[into].current.clone());
    merged.add(moved);
    let mut target = refused(merged.finish());
    // the coder's records merged the same way, so that only edits count
    // as changes
    let mut coded = entente_fuse::AgreementMerge::new(ag[into].coded.clone());
    coded.add(ag[from].coded.clone());
    ag[into].coded = refused(coded.finish());
    let line = format!(
        "{}: {from_id} ({n} sentence{}) is this agreement",
        by(c, "merged"),
        if n == 1 { "" } else { "s" }
    );
    agreement_why(&mut target, with_comment(line, c));
    ag[into].current = target;
    {
        let m = mark_of(&mut ag[into]);
        m.corrections.push(c.id.clone());
        m.merged.push(from_id);
    }
    let line = format!("{}: into {into_id}", by(c, "merged"));
    agreement_why(&mut ag[from].current, with_comment(line, c));
    let m = mark_of(&mut ag[from]);
    m.corrections.push(c.id.clone());
    m.merged_into = Some(into_id.clone());
    Some(into_id)
}

/// An agreement divided by its sentences: those `is_moved` keeps go, with
/// the history steps they evidence, to the second (a step evidenced on
/// both sides is on both, each with its own sentences), the rest stay in
/// the first; each with its history and status made as fusion makes them.
/// `None` when either side would have no sentence.
fn divide(a: &Agreement, is_moved: &dyn Fn(&Evidence) -> bool) -> Option<(Agreement, Agreement)> {
    let (moved, kept): (Vec<Evidence>, Vec<Evidence>) =
        a.evidence.iter().cloned().partition(|e| is_moved(e));
    if moved.is_empty() || kept.is_empty() {
        return None;
    }
    let mut new_steps = Vec::new();
    let mut old_steps = Vec::new();
    for step in &a.history {
        let (m, k): (Vec<Evidence>, Vec<Evidence>) =
            step.evidence.iter().cloned().partition(|e| is_moved(e));
        if !m.is_empty() {
            let mut s = step.clone();
            s.evidence = m;
            new_steps.push(s);
        }
        if !k.is_empty() || step.evidence.is_empty() {
            let mut s = step.clone();
            s.evidence = k;
            old_steps.push(s);
        }
    }
    if new_steps.is_empty()
        && let Some(last) = a.history.last()
    {
        let mut s = last.clone();
        s.evidence = moved.clone();
        new_steps.push(s);
    }
    if old_steps.is_empty() {
        old_steps = a.history.clone();
    }
    let mut new = a.clone();
    new.evidence = moved;
    new.history = new_steps;
    let mut old = a.clone();
    old.evidence = kept;
    old.history = old_steps;
    Some((refused(old), refused(new)))
}

/// Move the sentences `c.split` names out of the agreement `c.key` names
/// into an agreement of their own, with the history steps they evidence
/// (its id made from the correction's); the agreement split. The coder's
/// record is divided the same way, so that only edits count as changes.
fn split_agreement(ag: &mut Vec<State<Agreement>>, c: &Correction) -> Option<String> {
    let i = find(ag, &c.key)?;
    let wanted: HashSet<&EvidenceKey> = c.split.iter().collect();
    let is_moved = |e: &Evidence| wanted.contains(&EvidenceKey::from(e));
    let (mut old, mut new) = divide(&ag[i].current, &is_moved)?;
    let (coded_old, mut coded_new) = divide(&ag[i].coded, &is_moved).unwrap_or_else(|| {
        let mut moved = ag[i].coded.clone();
        moved.evidence = new.evidence.clone();
        (ag[i].coded.clone(), moved)
    });
    let from_id = old.id.clone();
    new.id = format!("ag-{}", entente_model::stable_hash_hex(&["split", &c.id]));
    coded_new.id = new.id.clone();
    let line = format!("{}: from {from_id}", by(c, "split off"));
    agreement_why(&mut new, with_comment(line, c));
    let n = new.evidence.len();
    let line = format!(
        "{}: {n} sentence{} became {}",
        by(c, "split"),
        if n == 1 { "" } else { "s" },
        new.id
    );
    agreement_why(&mut old, with_comment(line, c));
    ag[i].current = old;
    let new_id = new.id.clone();
    {
        let m = mark_of(&mut ag[i]);
        m.corrections.push(c.id.clone());
        m.split_off.push(new_id.clone());
    }
    ag[i].coded = coded_old;
    let mut mark = ag[i].mark.clone().unwrap_or_default();
    mark.corrections = vec![c.id.clone()];
    mark.split_off.clear();
    mark.merged.clear();
    mark.split_from = Some(from_id.clone());
    ag.push(State {
        coded: coded_new,
        current: new,
        mark: Some(mark),
        rejected_saw: BTreeSet::new(),
    });
    Some(from_id)
}

fn decide<T: Keyed>(
    s: &mut State<T>,
    c: &Correction,
    edit: impl FnOnce(&mut T, &Edit) -> Edited,
) -> Vec<String> {
    let mark = s.mark.get_or_insert_with(|| {
        let (a, r) = s.coded.participants();
        Mark {
            coded_type: s.coded.coded_type(),
            coded_actor: a,
            coded_recipient: r,
            ..Mark::default()
        }
    });
    mark.corrections.push(c.id.clone());
    match c.action {
        Action::Confirm => {
            mark.confirmed = true;
            mark.rejected = false;
            vec![with_comment(by(c, "confirmed"), c)]
        }
        Action::Reject => {
            mark.rejected = true;
            mark.confirmed = false;
            s.rejected_saw.extend(c.key.evidence.iter().cloned());
            vec![with_comment(by(c, "rejected"), c)]
        }
        Action::Merge | Action::Split | Action::Revert => Vec::new(),
        Action::Edit => {
            let done = match &c.edit {
                Some(e) => edit(&mut s.current, e),
                None => Edited::default(),
            };
            for f in done.conflicts {
                if !mark.conflicts.contains(&f) {
                    mark.conflicts.push(f);
                }
            }
            let mut lines = done.lines;
            if lines.is_empty() {
                lines.push(by(c, "edited (no change)"));
            }
            if let (Some(comment), Some(last)) = (&c.comment, lines.last_mut()) {
                last.push_str(&format!(" ({comment})"));
            }
            lines
        }
    }
}

/// The key a new correction of an event takes: its evidence now, and the
/// coder's type and participants (from its mark when already corrected).
pub fn event_key(e: &Event, mark: Option<&Mark>) -> RecordKey {
    let (coded_type, actor, recipient) = match mark {
        Some(m) => (
            m.coded_type.clone(),
            m.coded_actor.clone(),
            m.coded_recipient.clone(),
        ),
        None => (
            e.event_type.as_str().to_string(),
            e.actor.clone(),
            e.recipient.clone(),
        ),
    };
    RecordKey {
        kind: RecordKind::Event,
        evidence: e.evidence.iter().map(EvidenceKey::from).collect(),
        coded_type,
        actor,
        recipient,
    }
}

/// The key a new correction of an agreement takes.
pub fn agreement_key(a: &Agreement, mark: Option<&Mark>) -> RecordKey {
    let (coded_type, actor) = match mark {
        Some(m) => (m.coded_type.clone(), m.coded_actor.clone()),
        None => (a.agreement_type.as_str().to_string(), a.parties.clone()),
    };
    RecordKey {
        kind: RecordKind::Agreement,
        evidence: a.evidence.iter().map(EvidenceKey::from).collect(),
        coded_type,
        actor,
        recipient: Vec::new(),
    }
}

/// The documents a correction's record may be evidenced by.
pub fn key_documents(corrections: &[Correction], kind: RecordKind) -> Vec<String> {
    let set: BTreeSet<&str> = corrections
        .iter()
        .filter(|c| c.key.kind == kind)
        .flat_map(|c| {
            c.key
                .evidence
                .iter()
                .chain(c.other.iter().flat_map(|o| o.evidence.iter()))
                .map(|e| e.document.as_str())
        })
        .collect();
    set.into_iter().map(String::from).collect()
}

/// A stored correction and the record it found at the last rebuild.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredCorrection {
    pub correction: Correction,
    /// The fused record's id; `None` when it found no record.
    pub record: Option<String>,
}

/// One row of `entente accuracy`: of the records analysts reviewed in a
/// group, how many they kept as the coder made them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccuracyRow {
    /// `event`, `agreement`, or `all` for both.
    pub record: String,
    /// `type`, `lang` or `month`; `all` for the total of `record`.
    pub by: String,
    pub value: String,
    pub reviewed: u64,
    pub kept: u64,
    pub rejected: u64,
    pub edited: u64,
    /// kept / reviewed.
    pub share: f64,
}

/// One reviewed record as [`accuracy`] counts it.
#[derive(Debug, Clone)]
pub struct Reviewed {
    pub kind: RecordKind,
    /// The record's first evidence document, which places it by language
    /// and month.
    pub document: Option<String>,
    pub mark: Mark,
}

/// The accuracy of the coder's records on the reviewed ones: over all of
/// them, then for events and for agreements, each in total and by coded
/// type, language and month (of the first evidence document's
/// publication; `unknown` without one). `lang_month` gives a document's
/// language and publication month.
pub fn accuracy(
    reviewed: &[Reviewed],
    mut lang_month: impl FnMut(&str) -> (String, String),
) -> Vec<AccuracyRow> {
    #[derive(Default, Clone, Copy)]
    struct Tally {
        reviewed: u64,
        kept: u64,
        rejected: u64,
        edited: u64,
    }
    let mut groups: BTreeMap<(u8, u8, String, String), Tally> = BTreeMap::new();
    for r in reviewed {
        let m = &r.mark;
        let (lang, month) = r
            .document
            .as_deref()
            .map_or(("unknown".into(), "unknown".into()), &mut lang_month);
        let kind = match r.kind {
            RecordKind::Event => 1,
            RecordKind::Agreement => 2,
        };
        for (record, rank, by, value) in [
            (0, 0, "all", "all".to_string()),
            (kind, 0, "all", "all".to_string()),
            (kind, 1, "type", m.coded_type.clone()),
            (kind, 2, "lang", lang),
            (kind, 3, "month", month),
        ] {
            let t = groups.entry((record, rank, by.into(), value)).or_default();
            t.reviewed += 1;
            t.kept += u64::from(m.kept());
            t.rejected += u64::from(m.rejected);
            t.edited += u64::from(!m.rejected && !m.edited.is_empty());
        }
    }
    groups
        .into_iter()
        .map(|((record, _, by, value), t)| AccuracyRow {
            record: ["all", "event", "agreement"][usize::from(record)].into(),
            by,
            value,
            reviewed: t.reviewed,
            kept: t.kept,
            rejected: t.rejected,
            edited: t.edited,
            share: if t.reviewed == 0 {
                0.0
            } else {
                (t.kept as f64 / t.reviewed as f64 * 1000.0).round() / 1000.0
            },
        })
        .collect()
}

/// A record of the fused record (rejected ones included), found by id.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Event(Box<Event>, Option<Mark>),
    Agreement(Box<Agreement>, Option<Mark>),
}

impl Record {
    /// The key a new correction of this record takes.
    pub fn key(&self) -> RecordKey {
        match self {
            Record::Event(e, m) => event_key(e, m.as_ref()),
            Record::Agreement(a, m) => agreement_key(a, m.as_ref()),
        }
    }
    pub fn kind(&self) -> RecordKind {
        match self {
            Record::Event(..) => RecordKind::Event,
            Record::Agreement(..) => RecordKind::Agreement,
        }
    }
}

/// The event or agreement with fused id `id`, rejected ones included.
pub fn find_record(
    store: &dyn crate::Store,
    id: &str,
) -> Result<Option<Record>, crate::StoreError> {
    store.record(id.trim())
}

/// The record with fused id `id` found by walking every event and
/// agreement: what a store without a keyed read does.
pub fn scan_for_record<S: crate::Store + ?Sized>(
    store: &S,
    id: &str,
) -> Result<Option<Record>, crate::StoreError> {
    let id = id.trim();
    let mut marks: std::collections::HashMap<(RecordKind, String), Mark> = store
        .marks()?
        .into_iter()
        .map(|(k, i, m)| ((k, i), m))
        .collect();
    let all_events = crate::EventFilter {
        rejected: true,
        ..crate::EventFilter::default()
    };
    if let Some(e) = store.events(&all_events)?.into_iter().find(|e| e.id == id) {
        let mark = marks.remove(&(RecordKind::Event, e.id.clone()));
        return Ok(Some(Record::Event(Box::new(e), mark)));
    }
    let all_agreements = crate::AgreementFilter {
        rejected: true,
        ..crate::AgreementFilter::default()
    };
    if let Some(a) = store
        .agreements(&all_agreements)?
        .into_iter()
        .find(|a| a.id == id)
    {
        let mark = marks.remove(&(RecordKind::Agreement, a.id.clone()));
        return Ok(Some(Record::Agreement(Box::new(a), mark)));
    }
    Ok(None)
}

/// A record from its stored JSON and that of its mark, as the backends'
/// keyed reads give them.
pub(crate) fn record_from_json(
    kind: RecordKind,
    id: &str,
    json: &str,
    mark: Option<&str>,
) -> Result<Record, crate::StoreError> {
    let mark: Option<Mark> = mark
        .map(|m| crate::from_json(&format!("mark of {id}"), m))
        .transpose()?;
    Ok(match kind {
        RecordKind::Event => Record::Event(
            Box::new(crate::from_json(&format!("event {id}"), json)?),
            mark,
        ),
        RecordKind::Agreement => Record::Agreement(
            Box::new(crate::from_json(&format!("agreement {id}"), json)?),
            mark,
        ),
    })
}

/// [`accuracy`] over a store: its corrected events and agreements, each
/// placed by the language and publication month of its first evidence
/// document.
pub fn accuracy_of(store: &dyn crate::Store) -> Result<Vec<AccuracyRow>, crate::StoreError> {
    let marks: std::collections::HashMap<(RecordKind, String), Mark> = store
        .marks()?
        .into_iter()
        .map(|(k, id, m)| ((k, id), m))
        .collect();
    if marks.is_empty() {
        return Ok(Vec::new());
    }
    let mut reviewed: Vec<Reviewed> = Vec::new();
    let mut take = |kind: RecordKind, id: &str, evidence: &[Evidence]| {
        if let Some(m) = marks.get(&(kind, id.to_string())) {
            reviewed.push(Reviewed {
                kind,
                document: evidence.first().map(|e| e.document.clone()),
                mark: m.clone(),
            });
        }
    };
    if marks.keys().any(|(k, _)| *k == RecordKind::Event) {
        let all = crate::EventFilter {
            rejected: true,
            ..crate::EventFilter::default()
        };
        for e in store.events(&all)? {
            take(RecordKind::Event, &e.id, &e.evidence);
        }
    }
    if marks.keys().any(|(k, _)| *k == RecordKind::Agreement) {
        let all = crate::AgreementFilter {
            rejected: true,
            ..crate::AgreementFilter::default()
        };
        for a in store.agreements(&all)? {
            take(RecordKind::Agreement, &a.id, &a.evidence);
        }
    }
    let mut places: std::collections::HashMap<String, (String, String)> =
        std::collections::HashMap::new();
    for doc in reviewed.iter().filter_map(|r| r.document.as_deref()) {
        if places.contains_key(doc) {
            continue;
        }
        let place = match store.document(doc)? {
            Some(d) => (
                if d.lang.is_empty() {
                    "unknown".into()
                } else {
                    d.lang
                },
                d.published
                    .and_then(|p| p.month.map(|m| format!("{:04}-{m:02}", p.year)))
                    .unwrap_or_else(|| "unknown".into()),
            ),
            None => ("unknown".into(), "unknown".into()),
        };
        places.insert(doc.to_string(), place);
    }
    Ok(accuracy(&reviewed, |doc| {
        places
            .get(doc)
            .cloned()
            .unwrap_or_else(|| ("unknown".into(), "unknown".into()))
    }))
}

/// Store one correction, rebuild the fused record so that it applies, and
/// return the id of the record it now finds (`None` when it finds none):
/// what `entente review` and `POST /api/corrections` both do.
pub fn add_and_apply(
    store: &mut dyn crate::Store,
    correction: &Correction,
) -> Result<Option<String>, crate::StoreError> {
    store.add_corrections(std::slice::from_ref(correction))?;
    store.refuse()?;
    Ok(store
        .corrections()?
        .into_iter()
        .find(|s| s.correction.id == correction.id)
        .and_then(|s| s.record))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_times_round_trip() {
        for s in [
            "1970-01-01T00:00:00Z",
            "2026-12-06T01:02:03Z",
            "2024-02-29T23:59:59Z",
        ] {
            assert_eq!(format_utc(parse_utc(s).unwrap()), s);
        }
        assert_eq!(parse_utc("2026-12-06T01:02:03+01:00"), None);
        assert_eq!(parse_utc("2026-13-06T01:02:03Z"), None);
    }

    #[test]
    fn a_correction_must_say_who_and_what() {
        let key = RecordKey {
            kind: RecordKind::Event,
            evidence: vec![EvidenceKey {
                document: "doc-1".into(),
                start: 0,
                end: 10,
            }],
            coded_type: "ACCUSE".into(),
            actor: vec![],
            recipient: vec![],
        };
        let at = "2026-12-06T01:02:03Z";
        assert!(Correction::new("ana", at, None, Action::Confirm, None, key.clone()).is_ok());
        assert!(Correction::new("", at, None, Action::Confirm, None, key.clone()).is_err());
        assert!(
            Correction::new("ana", "yesterday", None, Action::Reject, None, key.clone()).is_err()
        );
        assert!(Correction::new("ana", at, None, Action::Edit, None, key.clone()).is_err());
        let bad_date = Edit {
            date: Some("2024-13".into()),
            ..Edit::default()
        };
        assert!(
            Correction::new("ana", at, None, Action::Edit, Some(bad_date), key.clone()).is_err()
        );
        let mut tampered = Correction::new("ana", at, None, Action::Confirm, None, key).unwrap();
        tampered.author = "bob".into();
        assert!(tampered.check().is_err());
    }
}
