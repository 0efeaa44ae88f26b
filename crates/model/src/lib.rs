//! The data model of entente: the types that cross every stage boundary.
//!
//! `RawArticle` (from the readers) → `Article` (cleaned) → `Mention`s (actor
//! linking) → `Extraction` (one article's event and agreement reports) →
//! fused `Event`s and `Agreement`s (the record). The export format of SPEC
//! section 5 is the serde form of `Document`, `ActorRecord`, `Event` and
//! `Agreement`, each tagged with its `kind`.
//!
//! This crate does no I/O and knows no language; it embeds one table, the
//! map point of each state ([`geo`]).
#![forbid(unsafe_code)]

mod date;
pub mod geo;
mod ids;

pub use date::{DatePrecision, PartialDate, days_in_month};
pub use ids::{document_id, fold, fold_latin_char, slug, stable_hash_hex};

use serde::{Deserialize, Serialize};
use std::fmt;

/// An identifier of an actor, as SPEC section 2 defines it: `JPN`, `NATO`,
/// `person:takeshi-iwaya`, `org:reuters`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ActorId(pub String);

impl ActorId {
    pub fn new(s: impl Into<String>) -> Self {
        ActorId(s.into())
    }
    pub fn person(full_name: &str) -> Self {
        ActorId(format!("person:{}", slug(full_name)))
    }
    pub fn org(name: &str) -> Self {
        ActorId(format!("org:{}", slug(name)))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// States and IGOs have no prefix; persons and other organisations do.
    pub fn is_state_or_igo(&self) -> bool {
        !self.0.contains(':')
    }
    pub fn is_person(&self) -> bool {
        self.0.starts_with("person:")
    }
}

impl fmt::Display for ActorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The kind of an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorType {
    State,
    Igo,
    Person,
    Org,
}

impl ActorType {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorType::State => "state",
            ActorType::Igo => "igo",
            ActorType::Person => "person",
            ActorType::Org => "org",
        }
    }
}

/// One article as a reader found it, before cleaning.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawArticle {
    /// File name, or the JSONL record's `source`, or `file#n` for the n-th
    /// item of a feed / WARC / JSONL file without its own source.
    pub source: String,
    pub url: Option<String>,
    pub title: Option<String>,
    /// Publication date as the input gave it (already parsed).
    pub published: Option<PartialDate>,
    pub lang: Option<String>,
    /// The body as plain text. For plain-text input the title is the first
    /// non-empty line of this text (the cleaner takes it off).
    pub text: String,
    /// True when `text` still carries its title as the first non-empty line
    /// (plain text files and JSONL `text` records without `title`).
    pub title_in_text: bool,
}

/// Something the cleaner noticed about a document and could not repair.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Flag(pub String);

impl Flag {
    pub const ELIDED_NAME: &'static str = "elided-name";
    pub const MT_ARTEFACT: &'static str = "mt-artefact";
    pub const DEBRIS_REMOVED: &'static str = "debris-removed";
    pub const MIXED_LANGUAGE: &'static str = "mixed-language";
    pub const ENCODING_REPAIRED: &'static str = "encoding-repaired";
}

/// A cleaned article: the body without site debris, with the map back to
/// the offsets of the text the reader delivered.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub source: String,
    pub url: Option<String>,
    pub title: String,
    pub lang: String,
    pub published: Option<PartialDate>,
    /// Where `published` was read.
    pub published_from: Option<DateSource>,
    /// Place line and agency of a dateline (`TOKYO / WASHINGTON, Jan 7 (Reuters) –`).
    pub dateline: Option<Dateline>,
    /// The cleaned body (evidence offsets point into it, in characters).
    pub text: String,
    /// Sorted pairs (offset in `text`, offset in the reader's text), one per
    /// kept span: a character at clean offset `c` in the span starting at
    /// `(c0, o0)` was at original offset `o0 + (c - c0)`.
    pub offset_map: Vec<(usize, usize)>,
    pub flags: Vec<Flag>,
    /// Spans of `text` (character offsets) where a flag applies, e.g. the
    /// place where a name was elided.
    pub flag_spans: Vec<FlagSpan>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagSpan {
    pub flag: Flag,
    pub start: usize,
    pub end: usize,
}

/// Where a document's publication date was read, from the most to the
/// least direct source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    /// The input's own metadata: a JSONL `published` field, a page's meta
    /// tags, a feed entry's date, a WARC record's date.
    Metadata,
    /// A date line or date marker at the head of the text (`Published 12
    /// March 2024`, `date 2024-04`).
    DateLine,
    /// A date in the article's address (`…/2023/10/15/…`).
    Url,
    /// A date in the file name (`2024-07-08_summit.txt`).
    FileName,
    /// `ingest --published`, for a batch whose articles carry none.
    Flag,
}

impl DateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Metadata => "metadata",
            DateSource::DateLine => "date-line",
            DateSource::Url => "url",
            DateSource::FileName => "file-name",
            DateSource::Flag => "flag",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    /// Character offset, in the cleaned text, of the paragraph it opens
    /// (the first paragraph, or a later one after a title and a byline).
    #[serde(default)]
    pub start: usize,
    pub places: Vec<String>,
    pub agency: Option<String>,
    /// The date as written in the dateline (`Jan 7`).
    pub date_text: Option<String>,
}

/// An actor mention in an article's cleaned text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Character offsets into `Article::text`.
    pub start: usize,
    pub end: usize,
    pub surface: String,
    pub actor: ActorId,
    pub actor_type: ActorType,
    /// For a person or a body below the state: the state / IGO it acts for.
    pub affiliation: Option<ActorId>,
    /// Role at the article's date (`foreign minister`).
    pub role: Option<String>,
    /// Sector of a body below the state (`MIL`, `GOV`, `COP`, …).
    pub sector: Option<String>,
    /// What the surface is: a proper name, a demonym/adjective
    /// (`giapponese`), a capital standing for its government, a role cue, a
    /// pronoun-like reference resolved within the article.
    pub form: MentionForm,
    /// How it was resolved, one short line (goes into `why`).
    pub how: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MentionForm {
    Name,
    Adjective,
    Capital,
    Role,
    Reference,
}

/// The `document` record of the export.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub title: String,
    pub lang: String,
    pub published: Option<PartialDate>,
    /// Where `published` was read (absent in databases written before it
    /// was recorded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_from: Option<DateSource>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dateline: Option<Dateline>,
    pub text: String,
    pub actors: Vec<ActorId>,
    pub flags: Vec<Flag>,
}

/// The `actor` record of the export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRecord {
    pub id: ActorId,
    pub actor_type: ActorType,
    pub name: String,
    pub affiliation: Option<ActorId>,
    pub role: Option<String>,
}

/// PLOVER's sixteen event types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EventType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

impl EventType {
    pub const ALL: [EventType; 16] = [
        EventType::Agree,
        EventType::Consult,
        EventType::Support,
        EventType::Concede,
        EventType::Cooperate,
        EventType::Aid,
        EventType::Retreat,
        EventType::Request,
        EventType::Accuse,
        EventType::Reject,
        EventType::Threaten,
        EventType::Protest,
        EventType::Sanction,
        EventType::Mobilize,
        EventType::Coerce,
        EventType::Assault,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Agree => "AGREE",
            EventType::Consult => "CONSULT",
            EventType::Support => "SUPPORT",
            EventType::Concede => "CONCEDE",
            EventType::Cooperate => "COOPERATE",
            EventType::Aid => "AID",
            EventType::Retreat => "RETREAT",
            EventType::Request => "REQUEST",
            EventType::Accuse => "ACCUSE",
            EventType::Reject => "REJECT",
            EventType::Threaten => "THREATEN",
            EventType::Protest => "PROTEST",
            EventType::Sanction => "SANCTION",
            EventType::Mobilize => "MOBILIZE",
            EventType::Coerce => "COERCE",
            EventType::Assault => "ASSAULT",
        }
    }

    pub fn parse(s: &str) -> Option<EventType> {
        EventType::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// Types whose participants act together: no host, no target.
    pub fn is_symmetric(self) -> bool {
        matches!(
            self,
            EventType::Consult | EventType::Agree | EventType::Cooperate
        )
    }

    /// PLOVER's quad: (material?, conflict?).
    pub fn quad(self) -> Quad {
        use EventType::*;
        match self {
            Agree | Consult | Support | Concede => Quad::VerbalCooperation,
            Cooperate | Aid | Retreat => Quad::MaterialCooperation,
            Request | Accuse | Reject | Threaten => Quad::VerbalConflict,
            Protest | Sanction | Mobilize | Coerce | Assault => Quad::MaterialConflict,
        }
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Quad {
    VerbalCooperation,
    MaterialCooperation,
    VerbalConflict,
    MaterialConflict,
}

impl Quad {
    /// The serialised name (`verbal-cooperation`).
    pub fn as_str(self) -> &'static str {
        match self {
            Quad::VerbalCooperation => "verbal-cooperation",
            Quad::MaterialCooperation => "material-cooperation",
            Quad::VerbalConflict => "verbal-conflict",
            Quad::MaterialConflict => "material-conflict",
        }
    }
}

/// Whether an event happened, is announced, or is background.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum EventStatus {
    #[default]
    Reported,
    Planned,
    Historical,
}

impl EventStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Reported => "reported",
            EventStatus::Planned => "planned",
            EventStatus::Historical => "historical",
        }
    }
}

/// One supporting sentence.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Evidence {
    pub document: String,
    pub text: String,
    /// Character offsets into the document's cleaned body.
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub country: Option<ActorId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

/// An event record (SPEC section 3). Before fusion, an event carries the
/// evidence of one article; after, of all the reports fused into it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    #[serde(rename = "type")]
    pub event_type: EventType,
    pub mode: Vec<String>,
    pub context: Vec<String>,
    pub actor: Vec<ActorId>,
    pub recipient: Vec<ActorId>,
    pub actor_persons: Vec<ActorId>,
    pub recipient_persons: Vec<ActorId>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub actor_sectors: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub recipient_sectors: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    pub date_precision: DatePrecision,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    pub status: EventStatus,
    pub confidence: f64,
    pub why: Vec<String>,
    pub evidence: Vec<Evidence>,
    /// The trigger's surface form (for explanation and fusion).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub trigger: Option<String>,
}

impl Event {
    /// All participants, actors then recipients.
    pub fn participants(&self) -> impl Iterator<Item = &ActorId> {
        self.actor.iter().chain(self.recipient.iter())
    }
}

/// SPEC section 4's agreement types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgreementType {
    Alliance,
    ReciprocalAccess,
    Logistics,
    InformationSecurity,
    EquipmentTransfer,
    JointDevelopment,
    DefenceCooperation,
    Other,
}

impl AgreementType {
    pub const ALL: [AgreementType; 8] = [
        AgreementType::Alliance,
        AgreementType::ReciprocalAccess,
        AgreementType::Logistics,
        AgreementType::InformationSecurity,
        AgreementType::EquipmentTransfer,
        AgreementType::JointDevelopment,
        AgreementType::DefenceCooperation,
        AgreementType::Other,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            AgreementType::Alliance => "alliance",
            AgreementType::ReciprocalAccess => "reciprocal_access",
            AgreementType::Logistics => "logistics",
            AgreementType::InformationSecurity => "information_security",
            AgreementType::EquipmentTransfer => "equipment_transfer",
            AgreementType::JointDevelopment => "joint_development",
            AgreementType::DefenceCooperation => "defence_cooperation",
            AgreementType::Other => "other",
        }
    }
    pub fn parse(s: &str) -> Option<AgreementType> {
        AgreementType::ALL
            .into_iter()
            .find(|t| t.as_str() == s.trim())
    }
    /// Bilateral kinds: an enumeration of partners gives one agreement each.
    pub fn is_bilateral(self) -> bool {
        matches!(
            self,
            AgreementType::ReciprocalAccess
                | AgreementType::Logistics
                | AgreementType::InformationSecurity
        )
    }
}

/// SPEC section 4's lifecycle. The order of the variants is the order of
/// the life cycle (used to break ties between reports of the same date).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgreementStatus {
    Proposed,
    Negotiating,
    Agreed,
    Signed,
    InForce,
    Suspended,
    Terminated,
}

impl AgreementStatus {
    pub const ALL: [AgreementStatus; 7] = [
        AgreementStatus::Proposed,
        AgreementStatus::Negotiating,
        AgreementStatus::Agreed,
        AgreementStatus::Signed,
        AgreementStatus::InForce,
        AgreementStatus::Suspended,
        AgreementStatus::Terminated,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            AgreementStatus::Proposed => "proposed",
            AgreementStatus::Negotiating => "negotiating",
            AgreementStatus::Agreed => "agreed",
            AgreementStatus::Signed => "signed",
            AgreementStatus::InForce => "in_force",
            AgreementStatus::Suspended => "suspended",
            AgreementStatus::Terminated => "terminated",
        }
    }
    pub fn parse(s: &str) -> Option<AgreementStatus> {
        AgreementStatus::ALL
            .into_iter()
            .find(|t| t.as_str() == s.trim())
    }
}

/// One step of an agreement's life.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusChange {
    pub status: AgreementStatus,
    pub date: Option<PartialDate>,
    pub why: Vec<String>,
    pub evidence: Vec<Evidence>,
    /// Ids of events that moved the agreement (AGREE / SUPPORT / CONSULT,
    /// and the SANCTION / REJECT / COERCE whose words suspend or end it).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub events: Vec<String>,
}

/// An agreement record (SPEC section 4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    pub id: String,
    pub agreement_type: AgreementType,
    /// A proper name where the text gives one (`AUKUS`, `GCAP`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub name: Option<String>,
    pub parties: Vec<ActorId>,
    pub status: AgreementStatus,
    pub status_date: Option<PartialDate>,
    pub history: Vec<StatusChange>,
    pub evidence: Vec<Evidence>,
}

/// What the extractor found in one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    pub document: Document,
    pub actors: Vec<ActorRecord>,
    pub events: Vec<Event>,
    pub agreements: Vec<Agreement>,
}

/// A record of the JSONL export, tagged with its `kind`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ExportRecord {
    Document(Document),
    Actor(ActorRecord),
    Event(Event),
    Agreement(Agreement),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_their_serialised_forms() {
        for t in EventType::ALL {
            let q = t.quad();
            assert_eq!(serde_json::to_value(q).unwrap(), q.as_str());
        }
        for d in [
            DateSource::Metadata,
            DateSource::DateLine,
            DateSource::Url,
            DateSource::FileName,
            DateSource::Flag,
        ] {
            assert_eq!(serde_json::to_value(d).unwrap(), d.as_str());
        }
    }

    #[test]
    fn export_record_is_tagged_with_kind() {
        let rec = ExportRecord::Actor(ActorRecord {
            id: ActorId::person("Takeshi Iwaya"),
            actor_type: ActorType::Person,
            name: "Takeshi Iwaya".into(),
            affiliation: Some(ActorId::new("JPN")),
            role: Some("foreign minister".into()),
        });
        let json = serde_json::to_string(&rec).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"actor","id":"person:takeshi-iwaya","actor_type":"person","name":"Takeshi Iwaya","affiliation":"JPN","role":"foreign minister"}"#
        );
    }

    #[test]
    fn event_type_round_trips() {
        for t in EventType::ALL {
            assert_eq!(EventType::parse(t.as_str()), Some(t));
            let j = serde_json::to_string(&t).unwrap();
            assert_eq!(j, format!("\"{}\"", t.as_str()));
        }
    }

    #[test]
    fn agreement_status_serialises_snake_case() {
        assert_eq!(
            serde_json::to_string(&AgreementStatus::InForce).unwrap(),
            "\"in_force\""
        );
        assert_eq!(
            serde_json::to_string(&AgreementType::ReciprocalAccess).unwrap(),
            "\"reciprocal_access\""
        );
    }
}
