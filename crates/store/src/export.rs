//! Export of a store's record in the formats of `entente export`: JSON
//! Lines (SPEC section 5), one CSV table or one per kind, and GraphML; the
//! whole record, or the part a [`Selection`] keeps.
//!
//! Writers read through the [`Store`] trait only, so they work the same for
//! every backend; they stream documents and never load all texts at once.

use crate::corrections::{Mark, RecordKind};
use crate::{AgreementFilter, EventFilter, Store, StoreError, date_bounds};
use entente_model::{ActorId, ActorRecord, ActorType, Agreement, Event, ExportRecord, Location};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::Write;

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("writing the export")]
    Write(#[from] std::io::Error),
    #[error("writing the CSV export")]
    Csv(#[from] csv::Error),
}

/// How many records of each kind an export wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportCounts {
    pub documents: usize,
    pub actors: usize,
    pub events: usize,
    pub agreements: usize,
}

/// The part of the record an export writes: everything by default, or,
/// with the filters of `entente events`, the events they keep, the
/// agreements of the actor (`events.actor` as a party) with a step in the
/// date range, the documents those are evidenced by, and the actors those
/// documents mention. The event type and the text select events only.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub events: EventFilter,
}

impl Selection {
    fn is_everything(&self) -> bool {
        let f = &self.events;
        f.actor.is_none()
            && f.event_type.is_none()
            && f.since.is_none()
            && f.until.is_none()
            && f.text.is_none()
    }
}

/// What a selection keeps: the events and agreements, the ids of the
/// documents to write (`None`: all of them), and, gathered as those
/// documents are written (documents come first in every format), the
/// actors they mention.
struct Selected {
    events: Vec<Event>,
    agreements: Vec<Agreement>,
    documents: Option<HashSet<String>>,
    mentioned: HashSet<ActorId>,
}

fn select(store: &dyn Store, selection: &Selection) -> Result<Selected, StoreError> {
    let events = store.events(&selection.events)?;
    let mut agreements = store.agreements(&AgreementFilter {
        party: selection.events.actor.clone(),
        rejected: selection.events.rejected,
        ..AgreementFilter::default()
    })?;
    if selection.is_everything() {
        return Ok(Selected {
            events,
            agreements,
            documents: None,
            mentioned: HashSet::new(),
        });
    }
    let (since, until) = (selection.events.since, selection.events.until);
    if since.is_some() || until.is_some() {
        let within = |d: &Option<entente_model::PartialDate>| {
            d.as_ref().is_some_and(|d| {
                let (lo, hi) = date_bounds(d);
                since.is_none_or(|s| hi >= date_bounds(&s).0)
                    && until.is_none_or(|u| lo <= date_bounds(&u).1)
            })
        };
        agreements.retain(|a| a.history.iter().any(|h| within(&h.date)));
    }
    let mut documents: HashSet<String> = HashSet::new();
    for e in &events {
        documents.extend(
            evidence_documents(&e.evidence)
                .into_iter()
                .map(String::from),
        );
    }
    for a in &agreements {
        documents.extend(agreement_documents(a).into_iter().map(String::from));
    }
    Ok(Selected {
        events,
        agreements,
        documents: Some(documents),
        mentioned: HashSet::new(),
    })
}

impl Selected {
    /// Whether `doc` is written; a kept document's actors are kept too.
    fn keeps_document(&mut self, doc: &entente_model::Document) -> bool {
        let Some(ids) = &self.documents else {
            return true;
        };
        let keep = ids.contains(&doc.id);
        if keep {
            self.mentioned.extend(doc.actors.iter().cloned());
        }
        keep
    }
    /// Whether an actor is written (call after the documents).
    fn keeps_actor(&self, id: &ActorId) -> bool {
        self.documents.is_none() || self.mentioned.contains(id)
    }
}

/// Separator of several values in one CSV or table cell.
pub const LIST_SEPARATOR: &str = ";";

fn join_ids(ids: &[ActorId]) -> String {
    ids.iter()
        .map(ActorId::as_str)
        .collect::<Vec<_>>()
        .join(LIST_SEPARATOR)
}

fn location_text(loc: &Option<Location>) -> String {
    match loc {
        None => String::new(),
        Some(l) => {
            let country = l.country.as_ref().map(ActorId::as_str).unwrap_or("");
            match &l.place {
                Some(place) if country.is_empty() => place.clone(),
                Some(place) => format!("{place}, {country}"),
                None => country.to_string(),
            }
        }
    }
}

/// The distinct documents an event or agreement is evidenced by.
pub fn evidence_documents(evidence: &[entente_model::Evidence]) -> BTreeSet<&str> {
    evidence.iter().map(|e| e.document.as_str()).collect()
}

/// Columns of one event as a flat row (`entente events --format csv`).
pub const EVENT_COLUMNS: &[&str] = &[
    "id",
    "type",
    "mode",
    "context",
    "actor",
    "recipient",
    "actor_persons",
    "recipient_persons",
    "date",
    "date_precision",
    "location",
    "latitude",
    "longitude",
    "status",
    "confidence",
    "evidence_count",
    "documents",
    "first_evidence",
];

/// One event as the cells of [`EVENT_COLUMNS`].
pub fn event_cells(e: &Event) -> Vec<String> {
    // the map point of the location's state, or empty cells
    let (latitude, longitude) = entente_model::geo::location_point(e.location.as_ref())
        .map(|p| (format!("{:.2}", p.latitude), format!("{:.2}", p.longitude)))
        .unwrap_or_default();
    vec![
        e.id.clone(),
        e.event_type.as_str().to_string(),
        e.mode.join(LIST_SEPARATOR),
        e.context.join(LIST_SEPARATOR),
        join_ids(&e.actor),
        join_ids(&e.recipient),
        join_ids(&e.actor_persons),
        join_ids(&e.recipient_persons),
        e.date.map(|d| d.to_string()).unwrap_or_default(),
        e.date_precision.as_str().to_string(),
        location_text(&e.location),
        latitude,
        longitude,
        e.status.as_str().to_string(),
        format!("{:.2}", e.confidence),
        e.evidence.len().to_string(),
        evidence_documents(&e.evidence)
            .into_iter()
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR),
        e.evidence
            .first()
            .map(|ev| ev.text.clone())
            .unwrap_or_default(),
    ]
}

/// Columns of one agreement as a flat row (`entente agreements --format csv`).
pub const AGREEMENT_COLUMNS: &[&str] = &[
    "id",
    "agreement_type",
    "name",
    "parties",
    "status",
    "status_date",
    "history",
    "sources",
    "documents",
    "first_evidence",
];

/// One agreement as the cells of [`AGREEMENT_COLUMNS`]; `history` is
/// `status@date` steps joined by `;`, `sources` the number of distinct
/// evidence documents.
pub fn agreement_cells(a: &Agreement) -> Vec<String> {
    let history = a
        .history
        .iter()
        .map(|h| match &h.date {
            Some(d) => format!("{}@{d}", h.status.as_str()),
            None => h.status.as_str().to_string(),
        })
        .collect::<Vec<_>>()
        .join(LIST_SEPARATOR);
    let docs = agreement_documents(a);
    vec![
        a.id.clone(),
        a.agreement_type.as_str().to_string(),
        a.name.clone().unwrap_or_default(),
        join_ids(&a.parties),
        a.status.as_str().to_string(),
        a.status_date.map(|d| d.to_string()).unwrap_or_default(),
        history,
        docs.len().to_string(),
        docs.into_iter().collect::<Vec<_>>().join(LIST_SEPARATOR),
        a.evidence
            .first()
            .or_else(|| a.history.iter().find_map(|h| h.evidence.first()))
            .map(|ev| ev.text.clone())
            .unwrap_or_default(),
    ]
}

/// Distinct documents an agreement is evidenced by, in its record or its
/// history.
pub fn agreement_documents(a: &Agreement) -> BTreeSet<&str> {
    let mut docs = evidence_documents(&a.evidence);
    for h in &a.history {
        docs.extend(evidence_documents(&h.evidence));
    }
    docs
}

/// Columns of one actor as a flat row (`entente actors --format csv`).
pub const ACTOR_COLUMNS: &[&str] = &["id", "actor_type", "name", "affiliation", "role"];

/// One actor as the cells of [`ACTOR_COLUMNS`].
pub fn actor_cells(a: &ActorRecord) -> Vec<String> {
    vec![
        a.id.as_str().to_string(),
        a.actor_type.as_str().to_string(),
        a.name.clone(),
        a.affiliation
            .as_ref()
            .map(|x| x.as_str().to_string())
            .unwrap_or_default(),
        a.role.clone().unwrap_or_default(),
    ]
}

/// JSON Lines, SPEC section 5: every document, then the actors (one per
/// identifier), then the fused events, then the agreements; each line an
/// object with its `kind`.
pub fn write_jsonl(
    store: &dyn Store,
    selection: &Selection,
    out: &mut dyn Write,
) -> Result<ExportCounts, ExportError> {
    let mut counts = ExportCounts::default();
    let mut selected = select(store, selection)?;
    let mut marks: HashMap<(RecordKind, String), Mark> = store
        .marks()?
        .into_iter()
        .map(|(kind, id, mark)| ((kind, id), mark))
        .collect();
    store.each_document(&mut |doc| {
        if !selected.keeps_document(&doc) {
            return Ok(());
        }
        counts.documents += 1;
        write_json_line(out, &ExportRecord::Document(doc))
    })?;
    for a in store.actors()? {
        if !selected.keeps_actor(&a.id) {
            continue;
        }
        counts.actors += 1;
        write_json_line(out, &ExportRecord::Actor(a))?;
    }
    for e in selected.events {
        counts.events += 1;
        let mark = marks.remove(&(RecordKind::Event, e.id.clone()));
        write_marked_line(out, &ExportRecord::Event(e), mark)?;
    }
    for a in selected.agreements {
        counts.agreements += 1;
        let mark = marks.remove(&(RecordKind::Agreement, a.id.clone()));
        write_marked_line(out, &ExportRecord::Agreement(a), mark)?;
    }
    out.flush()?;
    Ok(counts)
}

/// A record's line with, when analysts corrected it, the optional
/// `correction` field: what they did ([`Mark`]). Readers that do not know
/// the field ignore it; [`MarkedRecord`] reads it back.
fn write_marked_line(
    out: &mut dyn Write,
    record: &ExportRecord,
    mark: Option<Mark>,
) -> std::io::Result<()> {
    let Some(mark) = mark else {
        return write_json_line(out, record);
    };
    // The record's own fields first, in their order (`kind` leading), then
    // the mark: the record's object with one more member.
    let mut line = serde_json::to_vec(record).map_err(std::io::Error::other)?;
    if line.last() != Some(&b'}') {
        return Err(std::io::Error::other(
            "an export record is not a JSON object",
        ));
    }
    line.pop();
    line.extend_from_slice(b",\"correction\":");
    serde_json::to_writer(&mut line, &mark).map_err(std::io::Error::other)?;
    line.extend_from_slice(b"}\n");
    out.write_all(&line)
}

/// An export line read back with its optional `correction` field (absent
/// in exports of uncorrected records and of older versions).
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct MarkedRecord {
    #[serde(flatten)]
    pub record: ExportRecord,
    #[serde(default)]
    pub correction: Option<Mark>,
}

/// `entente export --format corrections`: every stored correction, oldest
/// first, one JSON object per line (what `entente corrections import`
/// reads). Returns how many were written.
pub fn write_corrections(store: &dyn Store, out: &mut dyn Write) -> Result<usize, ExportError> {
    let all = store.corrections()?;
    for c in &all {
        let mut line = serde_json::to_vec(&c.correction).map_err(std::io::Error::other)?;
        line.push(b'\n');
        out.write_all(&line)?;
    }
    out.flush()?;
    Ok(all.len())
}

fn write_json_line(out: &mut dyn Write, record: &ExportRecord) -> std::io::Result<()> {
    // Serialise first, so a failed write keeps its io::ErrorKind.
    let mut line = serde_json::to_vec(record).map_err(std::io::Error::other)?;
    line.push(b'\n');
    out.write_all(&line)
}

/// `entente export --format gold -o FOLDER/`: each article analysts reviewed
/// (one of its records was corrected) as a gold file of the evaluation
/// sets (`eval/FORMAT.md`): its actors, and its events and agreements as
/// corrected — confirmed or edited records required, records nobody
/// reviewed optional (neither rewarded nor penalised), rejected and merged
/// ones left out. Returns how many files were written.
pub fn write_gold(store: &dyn Store, dir: &std::path::Path) -> Result<usize, ExportError> {
    let marks: HashMap<(RecordKind, String), Mark> = store
        .marks()?
        .into_iter()
        .map(|(kind, id, mark)| ((kind, id), mark))
        .collect();
    let all = EventFilter {
        rejected: true,
        ..EventFilter::default()
    };
    let events = store.events(&all)?;
    let agreements = store.agreements(&AgreementFilter {
        rejected: true,
        ..AgreementFilter::default()
    })?;
    let mut reviewed: BTreeSet<String> = BTreeSet::new();
    for e in &events {
        if marks.contains_key(&(RecordKind::Event, e.id.clone())) {
            reviewed.extend(
                evidence_documents(&e.evidence)
                    .into_iter()
                    .map(String::from),
            );
        }
    }
    for a in &agreements {
        if marks.contains_key(&(RecordKind::Agreement, a.id.clone())) {
            reviewed.extend(agreement_documents(a).into_iter().map(String::from));
        }
    }
    let names: HashMap<ActorId, String> = store
        .actors()?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    std::fs::create_dir_all(dir)?;
    let mut written = 0;
    for id in &reviewed {
        let Some(doc) = store.document(id)? else {
            continue;
        };
        let (persons, states): (Vec<&ActorId>, Vec<&ActorId>) = doc
            .actors
            .iter()
            .filter(|a| !a.as_str().starts_with("org:"))
            .partition(|a| a.as_str().starts_with("person:"));
        let mut gold_events = Vec::new();
        for e in events
            .iter()
            .filter(|e| e.evidence.iter().any(|x| x.document == doc.id))
        {
            let mark = marks.get(&(RecordKind::Event, e.id.clone()));
            if mark.is_some_and(Mark::hidden) {
                continue;
            }
            let mut g = serde_json::json!({
                "type": e.event_type.as_str(),
                "alt_types": [],
                "actor": e.actor,
                "recipient": e.recipient,
                "optional": mark.is_none(),
                "note": if mark.is_some() { "reviewed" } else { "not reviewed" },
            });
            if let Some(d) = e.date {
                g["date"] = serde_json::Value::String(d.to_string());
            }
            if let Some(c) = e.location.as_ref().and_then(|l| l.country.as_ref()) {
                g["location"] = serde_json::Value::String(c.as_str().into());
            }
            gold_events.push(g);
        }
        let mut gold_agreements = Vec::new();
        for a in agreements
            .iter()
            .filter(|a| agreement_documents(a).contains(doc.id.as_str()))
        {
            let mark = marks.get(&(RecordKind::Agreement, a.id.clone()));
            if mark.is_some_and(Mark::hidden) {
                continue;
            }
            gold_agreements.push(serde_json::json!({
                "agreement_type": a.agreement_type.as_str(),
                "alt_types": [],
                "parties": a.parties,
                "status": [a.status.as_str()],
                "optional": mark.is_none(),
            }));
        }
        let gold = serde_json::json!({
            "source": doc.source,
            "lang": doc.lang,
            "published": doc.published.map(|p| p.to_string()),
            "actors": {
                "states_igos": states,
                "persons": persons
                    .iter()
                    .map(|p| names.get(*p).cloned().unwrap_or_else(|| p.as_str().to_string()))
                    .collect::<Vec<_>>(),
                "optional": [],
            },
            "events": gold_events,
            "agreements": gold_agreements,
        });
        let file: String = doc
            .source
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let path = dir.join(format!("{file}.json"));
        let mut text = serde_json::to_vec_pretty(&gold).map_err(std::io::Error::other)?;
        text.push(b'\n');
        std::fs::write(path, text)?;
        written += 1;
    }
    Ok(written)
}

/// Columns of the single CSV table of `entente export --format csv`: one
/// row per record, its `kind` first; a column that does not apply to a kind
/// is empty. Lists are joined with `;`.
pub const EXPORT_CSV_COLUMNS: &[&str] = &[
    "kind",
    "id",
    "type",
    "name",
    "mode",
    "context",
    "actor",
    "recipient",
    "persons",
    "date",
    "date_precision",
    "location",
    "latitude",
    "longitude",
    "status",
    "affiliation",
    "role",
    "lang",
    "source",
    "confidence",
    "evidence_count",
    "documents",
    "first_evidence",
];

/// Columns of `documents.csv` in [`write_csv_tables`].
pub const DOCUMENT_COLUMNS: &[&str] = &[
    "id",
    "source",
    "url",
    "title",
    "lang",
    "published",
    "published_from",
    "actors",
    "flags",
];

/// Columns of `agreement_steps.csv` in [`write_csv_tables`]: one row per
/// step of an agreement's history.
pub const AGREEMENT_STEP_COLUMNS: &[&str] = &[
    "agreement_id",
    "step",
    "status",
    "date",
    "documents",
    "evidence",
];

/// The tables [`write_csv_tables`] writes, by file name.
pub const CSV_TABLES: &[&str] = &[
    "documents.csv",
    "actors.csv",
    "events.csv",
    "agreements.csv",
    "agreement_steps.csv",
];

/// One tidy CSV table per kind of record in the folder `dir` (created if
/// missing): `documents.csv`, `actors.csv`, `events.csv` and
/// `agreements.csv` with the columns of `entente actors|events|agreements
/// --format csv` (documents: [`DOCUMENT_COLUMNS`], no text), and
/// `agreement_steps.csv` with each agreement's history, one step a row.
/// Each table is written to a temporary file and renamed into place, so a
/// failed export leaves no half-written table.
pub fn write_csv_tables(
    store: &dyn Store,
    selection: &Selection,
    dir: &std::path::Path,
) -> Result<ExportCounts, ExportError> {
    std::fs::create_dir_all(dir)?;
    let mut counts = ExportCounts::default();
    let mut selected = select(store, selection)?;
    let table =
        |name: &str,
         header: &[&str],
         fill: &mut dyn FnMut(&mut csv::Writer<std::fs::File>) -> Result<(), ExportError>|
         -> Result<(), ExportError> {
            let tmp = dir.join(format!(".{name}.partial"));
            let mut w = csv::Writer::from_path(&tmp)?;
            w.write_record(header)?;
            fill(&mut w)?;
            w.flush()?;
            drop(w);
            std::fs::rename(&tmp, dir.join(name))?;
            Ok(())
        };
    table("documents.csv", DOCUMENT_COLUMNS, &mut |w| {
        let mut failed: Option<csv::Error> = None;
        store.each_document(&mut |d| {
            if !selected.keeps_document(&d) {
                return Ok(());
            }
            counts.documents += 1;
            let flags: Vec<&str> = d.flags.iter().map(|f| f.0.as_str()).collect();
            w.write_record([
                d.id.as_str(),
                d.source.as_str(),
                d.url.as_deref().unwrap_or(""),
                d.title.as_str(),
                d.lang.as_str(),
                &d.published.map(|p| p.to_string()).unwrap_or_default(),
                d.published_from.map_or("", |f| f.as_str()),
                &join_ids(&d.actors),
                &flags.join(LIST_SEPARATOR),
            ])
            .map_err(|e| {
                let io = std::io::Error::other(e.to_string());
                failed = Some(e);
                io
            })
        })?;
        failed.map_or(Ok(()), |e| Err(e.into()))
    })?;
    table("actors.csv", ACTOR_COLUMNS, &mut |w| {
        for a in store.actors()? {
            if !selected.keeps_actor(&a.id) {
                continue;
            }
            counts.actors += 1;
            w.write_record(actor_cells(&a))?;
        }
        Ok(())
    })?;
    table("events.csv", EVENT_COLUMNS, &mut |w| {
        for e in &selected.events {
            counts.events += 1;
            w.write_record(event_cells(e))?;
        }
        Ok(())
    })?;
    let agreements = &selected.agreements;
    table("agreements.csv", AGREEMENT_COLUMNS, &mut |w| {
        for a in agreements {
            counts.agreements += 1;
            w.write_record(agreement_cells(a))?;
        }
        Ok(())
    })?;
    table("agreement_steps.csv", AGREEMENT_STEP_COLUMNS, &mut |w| {
        for a in agreements {
            for (i, h) in a.history.iter().enumerate() {
                w.write_record([
                    a.id.as_str(),
                    &(i + 1).to_string(),
                    h.status.as_str(),
                    &h.date.map(|d| d.to_string()).unwrap_or_default(),
                    &evidence_documents(&h.evidence)
                        .into_iter()
                        .collect::<Vec<_>>()
                        .join(LIST_SEPARATOR),
                    h.evidence.first().map_or("", |ev| ev.text.as_str()),
                ])?;
            }
        }
        Ok(())
    })?;
    Ok(counts)
}

/// The single CSV table described by [`EXPORT_CSV_COLUMNS`]: documents
/// (title in `name`, publication date in `date`; no text), actors, events
/// (persons of both sides in `persons`), agreements (`type` is the
/// agreement type, `actor` the parties, `date` the status date).
pub fn write_csv(
    store: &dyn Store,
    selection: &Selection,
    out: &mut dyn Write,
) -> Result<ExportCounts, ExportError> {
    let mut counts = ExportCounts::default();
    let mut selected = select(store, selection)?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(EXPORT_CSV_COLUMNS)?;
    let mut row: BTreeMap<&str, String>;
    let emit = |w: &mut csv::Writer<&mut dyn Write>,
                row: &BTreeMap<&str, String>|
     -> Result<(), csv::Error> {
        w.write_record(
            EXPORT_CSV_COLUMNS
                .iter()
                .map(|c| row.get(c).map(String::as_str).unwrap_or("")),
        )
    };
    let mut csv_error: Option<csv::Error> = None;
    store.each_document(&mut |d| {
        if !selected.keeps_document(&d) {
            return Ok(());
        }
        counts.documents += 1;
        let row = BTreeMap::from([
            ("kind", "document".to_string()),
            ("id", d.id),
            ("name", d.title),
            (
                "date",
                d.published.map(|p| p.to_string()).unwrap_or_default(),
            ),
            (
                "date_precision",
                d.published
                    .map(|p| p.precision().as_str().to_string())
                    .unwrap_or_default(),
            ),
            ("actor", join_ids(&d.actors)),
            ("lang", d.lang),
            ("source", d.source),
        ]);
        emit(&mut w, &row).map_err(|e| {
            let io = std::io::Error::other(e.to_string());
            csv_error = Some(e);
            io
        })
    })?;
    if let Some(e) = csv_error {
        return Err(e.into());
    }
    for a in store.actors()? {
        if !selected.keeps_actor(&a.id) {
            continue;
        }
        counts.actors += 1;
        row = BTreeMap::from([
            ("kind", "actor".to_string()),
            ("id", a.id.0),
            ("type", a.actor_type.as_str().to_string()),
            ("name", a.name),
            (
                "affiliation",
                a.affiliation.map(|x| x.0).unwrap_or_default(),
            ),
            ("role", a.role.unwrap_or_default()),
        ]);
        emit(&mut w, &row)?;
    }
    for e in selected.events {
        counts.events += 1;
        let cells: BTreeMap<&str, String> =
            EVENT_COLUMNS.iter().copied().zip(event_cells(&e)).collect();
        row = cells
            .into_iter()
            .filter(|(k, _)| EXPORT_CSV_COLUMNS.contains(k))
            .collect();
        let persons: Vec<ActorId> = e
            .actor_persons
            .iter()
            .chain(&e.recipient_persons)
            .cloned()
            .collect();
        row.insert("kind", "event".into());
        row.insert("persons", join_ids(&persons));
        emit(&mut w, &row)?;
    }
    for a in selected.agreements {
        counts.agreements += 1;
        let docs = agreement_documents(&a);
        row = BTreeMap::from([
            ("kind", "agreement".to_string()),
            ("id", a.id.clone()),
            ("type", a.agreement_type.as_str().to_string()),
            ("name", a.name.clone().unwrap_or_default()),
            ("actor", join_ids(&a.parties)),
            (
                "date",
                a.status_date.map(|d| d.to_string()).unwrap_or_default(),
            ),
            (
                "date_precision",
                a.status_date
                    .map(|d| d.precision().as_str().to_string())
                    .unwrap_or_default(),
            ),
            ("status", a.status.as_str().to_string()),
            ("evidence_count", a.evidence.len().to_string()),
            (
                "documents",
                docs.into_iter().collect::<Vec<_>>().join(LIST_SEPARATOR),
            ),
            (
                "first_evidence",
                a.evidence
                    .first()
                    .map(|ev| ev.text.clone())
                    .unwrap_or_default(),
            ),
        ]);
        emit(&mut w, &row)?;
    }
    w.flush()?;
    Ok(counts)
}

/// Text safe inside an XML attribute or element: the five special
/// characters escaped, characters XML 1.0 forbids dropped.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The attribute keys of the GraphML export: (id, for, name, type).
const GRAPHML_KEYS: &[(&str, &str, &str, &str)] = &[
    ("n_type", "node", "actor_type", "string"),
    ("n_name", "node", "name", "string"),
    ("n_affiliation", "node", "affiliation", "string"),
    ("n_role", "node", "role", "string"),
    ("e_kind", "edge", "kind", "string"),
    ("e_record", "edge", "record", "string"),
    ("e_type", "edge", "type", "string"),
    ("e_quad", "edge", "quad", "string"),
    ("e_date", "edge", "date", "string"),
    ("e_status", "edge", "status", "string"),
    ("e_agreement_type", "edge", "agreement_type", "string"),
    ("e_mutual", "edge", "mutual", "boolean"),
];

/// GraphML: a directed graph with one node per actor (states, IGOs,
/// persons, organisations, with `actor_type` and `name`) and one edge per
/// event from each actor to each recipient. Relations without a direction
/// — co-actors of an event with no recipient, the parties of an agreement
/// — are one edge each, marked `mutual` (its direction means nothing).
/// One convention for every edge, so that networkx, igraph and Gephi all
/// read the file: GraphML readers refuse a graph that mixes directed and
/// undirected edges.
pub fn write_graphml(
    store: &dyn Store,
    selection: &Selection,
    out: &mut dyn Write,
) -> Result<ExportCounts, ExportError> {
    let mut counts = ExportCounts::default();
    let Selected {
        events, agreements, ..
    } = select(store, selection)?;
    // the nodes: the actors of the edges (all actors for the whole record)
    let mut actors = store.actors()?;
    if !selection.is_everything() {
        let joined: HashSet<&ActorId> = events
            .iter()
            .flat_map(|e| e.participants())
            .chain(agreements.iter().flat_map(|a| &a.parties))
            .collect();
        actors.retain(|a| joined.contains(&a.id));
    }

    let mut nodes: BTreeMap<ActorId, ActorRecord> =
        actors.into_iter().map(|a| (a.id.clone(), a)).collect();
    let mut ensure = |id: &ActorId| {
        nodes.entry(id.clone()).or_insert_with(|| ActorRecord {
            id: id.clone(),
            actor_type: guess_actor_type(id),
            name: id.as_str().to_string(),
            affiliation: None,
            role: None,
        });
    };
    for e in &events {
        e.participants().for_each(&mut ensure);
    }
    for a in &agreements {
        a.parties.iter().for_each(&mut ensure);
    }

    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, domain, name, kind) in GRAPHML_KEYS {
        writeln!(
            out,
            r#"  <key id="{id}" for="{domain}" attr.name="{name}" attr.type="{kind}"/>"#
        )?;
    }
    writeln!(out, r#"  <graph id="entente" edgedefault="directed">"#)?;
    for (id, a) in &nodes {
        counts.actors += 1;
        writeln!(out, r#"    <node id="{}">"#, xml_escape(id.as_str()))?;
        write_data(out, "n_type", a.actor_type.as_str())?;
        write_data(out, "n_name", &a.name)?;
        if let Some(aff) = &a.affiliation {
            write_data(out, "n_affiliation", aff.as_str())?;
        }
        if let Some(role) = &a.role {
            write_data(out, "n_role", role)?;
        }
        writeln!(out, "    </node>")?;
    }
    let mut edge_no = 0usize;
    for e in &events {
        counts.events += 1;
        let date = e.date.map(|d| d.to_string()).unwrap_or_default();
        let quad = e.event_type.quad().as_str();
        for (source, target, directed) in event_pairs(e) {
            edge_no += 1;
            write_edge_open(out, edge_no, source, target, !directed)?;
            write_data(out, "e_kind", "event")?;
            write_data(out, "e_record", &e.id)?;
            write_data(out, "e_type", e.event_type.as_str())?;
            write_data(out, "e_quad", quad)?;
            if !date.is_empty() {
                write_data(out, "e_date", &date)?;
            }
            write_data(out, "e_status", e.status.as_str())?;
            writeln!(out, "    </edge>")?;
        }
    }
    for a in &agreements {
        counts.agreements += 1;
        for (i, source) in a.parties.iter().enumerate() {
            for target in &a.parties[i + 1..] {
                edge_no += 1;
                write_edge_open(out, edge_no, source, target, true)?;
                write_data(out, "e_kind", "agreement")?;
                write_data(out, "e_record", &a.id)?;
                write_data(out, "e_agreement_type", a.agreement_type.as_str())?;
                write_data(out, "e_status", a.status.as_str())?;
                if let Some(d) = a.status_date {
                    write_data(out, "e_date", &d.to_string())?;
                }
                writeln!(out, "    </edge>")?;
            }
        }
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")?;
    out.flush()?;
    Ok(counts)
}

/// The edges an event draws: each actor to each recipient; with no
/// recipient, each pair of co-actors, undirected.
fn event_pairs(e: &Event) -> Vec<(&ActorId, &ActorId, bool)> {
    let mut pairs = Vec::new();
    if e.recipient.is_empty() {
        for (i, a) in e.actor.iter().enumerate() {
            for b in &e.actor[i + 1..] {
                pairs.push((a, b, false));
            }
        }
    } else {
        for a in &e.actor {
            for r in &e.recipient {
                if a != r {
                    pairs.push((a, r, true));
                }
            }
        }
    }
    pairs
}

fn write_edge_open(
    out: &mut dyn Write,
    n: usize,
    source: &ActorId,
    target: &ActorId,
    mutual: bool,
) -> std::io::Result<()> {
    writeln!(
        out,
        r#"    <edge id="e{n}" source="{}" target="{}">"#,
        xml_escape(source.as_str()),
        xml_escape(target.as_str())
    )?;
    write_data(out, "e_mutual", if mutual { "true" } else { "false" })
}

fn write_data(out: &mut dyn Write, key: &str, value: &str) -> std::io::Result<()> {
    writeln!(
        out,
        r#"      <data key="{key}">{}</data>"#,
        xml_escape(value)
    )
}

/// The type an identifier's form implies (SPEC section 2), for actors that
/// appear in a record but have no actor record of their own.
fn guess_actor_type(id: &ActorId) -> ActorType {
    let s = id.as_str();
    if s.starts_with("person:") {
        ActorType::Person
    } else if s.contains(':') {
        ActorType::Org
    } else if s.len() == 3 && s.chars().all(|c| c.is_ascii_uppercase()) {
        ActorType::State
    } else {
        ActorType::Igo
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escape_covers_specials_and_controls() {
        assert_eq!(
            xml_escape("a<b>&\"c'\u{1}d"),
            "a&lt;b&gt;&amp;&quot;c&apos;d"
        );
    }

    #[test]
    fn identifiers_imply_a_type() {
        assert_eq!(guess_actor_type(&ActorId::new("JPN")), ActorType::State);
        assert_eq!(guess_actor_type(&ActorId::new("NATO")), ActorType::Igo);
        assert_eq!(
            guess_actor_type(&ActorId::new("person:a-b")),
            ActorType::Person
        );
        assert_eq!(guess_actor_type(&ActorId::new("org:x")), ActorType::Org);
    }
}
