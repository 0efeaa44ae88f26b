//! Storage: the [`Store`] trait, its embedded SQLite implementation and its
//! PostgreSQL implementation for several writers at once.
//!
//! A store keeps documents, the per-article reports the extractor made, and
//! the fused record (events, agreements) rebuilt from those reports by
//! `entente-fuse`. It never parses articles or codes events.
//!
//! The trait is synchronous and object-safe so that the command line and the
//! server can hold a `Box<dyn Store>` whatever the backend. [`PgStore`]
//! drives an async client on a private runtime: call it from a blocking
//! thread, never from inside another tokio runtime.
#![forbid(unsafe_code)]

pub mod corrections;
pub mod export;
pub mod postgres;
mod refuse;
mod schema;
mod sqlite;

pub use postgres::PgStore;
pub use sqlite::SqliteStore;

use entente_model::{
    ActorId, ActorRecord, Agreement, AgreementStatus, Document, Event, EventType, Extraction,
    PartialDate,
};
use serde::Serialize;

/// Why a store call failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A query ran out of its [`Budget`] and was stopped.
    #[error("the query was stopped: it ran longer than allowed or its request was given up")]
    Interrupted,
    /// The database could not be opened or brought up to date.
    #[error("database {db}: {reason}")]
    Open { db: String, reason: String },
    /// A statement failed; `context` says what the store was doing.
    #[error("database error while {context}: {reason}")]
    Db { context: String, reason: String },
    /// A stored record could not be read back (damaged or hand-edited row).
    #[error("stored {what} could not be read back: {reason}")]
    Corrupt { what: String, reason: String },
    /// The reports fused into two records with the same identifier.
    #[error("fusion produced two {kind} records with id {id}; this is a bug in entente-fuse")]
    DuplicateId { kind: &'static str, id: String },
    /// A visitor given to [`Store::each_document`] failed to write.
    #[error("writing document {document}")]
    Output {
        document: String,
        source: std::io::Error,
    },
}

/// What happened to one article handed to the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutOutcome {
    /// New article, stored.
    Stored,
    /// Same normalised text already stored; nothing changed.
    Known,
    /// Already stored, but this copy carried metadata the stored one lacked
    /// (e.g. a publication date); the stored one was updated.
    Updated,
}

/// Filters of `entente events`. Every filter given must hold.
///
/// Dates compare at the precision of the coarser side: an event dated
/// `2024-11` matches `since 2024-11-20` (it may be in late November) and
/// `until 2024-11-01`. Events without a date never match a date filter.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// The actor takes part in any role: actor, recipient or person.
    pub actor: Option<ActorId>,
    pub event_type: Option<EventType>,
    pub since: Option<PartialDate>,
    pub until: Option<PartialDate>,
    /// Words that must occur in a document the event is evidenced by
    /// (full-text search; matched as a phrase).
    pub text: Option<String>,
    /// Also the events analysts rejected (hidden by default).
    pub rejected: bool,
    /// Only the events evidenced by this document (its id).
    pub document: Option<String>,
}

/// Filters of `entente agreements`. Every filter given must hold.
#[derive(Debug, Clone, Default)]
pub struct AgreementFilter {
    pub party: Option<ActorId>,
    pub status: Option<AgreementStatus>,
    /// Also the agreements analysts rejected (hidden by default).
    pub rejected: bool,
}

/// One document found by a full-text search ([`Store::search`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub document: String,
    pub source: String,
    pub title: String,
    pub lang: String,
    pub published: Option<PartialDate>,
    /// A short passage of the body around the match; each matched word is
    /// enclosed in [`SNIPPET_OPEN`] … [`SNIPPET_CLOSE`].
    pub snippet: String,
}

/// Marks the start of a matched word in [`SearchHit::snippet`] (U+0002).
pub const SNIPPET_OPEN: char = '\u{2}';
/// Marks the end of a matched word in [`SearchHit::snippet`] (U+0003).
pub const SNIPPET_CLOSE: char = '\u{3}';

/// A page of search hits and how many there are in all.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SearchPage {
    pub total: u64,
    pub hits: Vec<SearchHit>,
}

/// How much a store holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StoreCounts {
    pub documents: u64,
    pub event_reports: u64,
    pub agreement_reports: u64,
    pub events: u64,
    pub agreements: u64,
}

/// How long a query may run, and a flag that gives it up early: set on a
/// store with [`Store::set_budget`] by whoever runs queries on behalf of
/// others (the server), so that a query whose request was given up stops
/// instead of running on.
#[derive(Debug)]
pub struct Budget {
    deadline: std::time::Instant,
    cancelled: std::sync::atomic::AtomicBool,
}

impl Budget {
    /// A budget of `limit` from now.
    pub fn new(limit: std::time::Duration) -> std::sync::Arc<Budget> {
        std::sync::Arc::new(Budget {
            deadline: std::time::Instant::now() + limit,
            cancelled: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// Give the query up now (from any thread).
    pub fn cancel(&self) {
        self.cancelled
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// Whether the query must stop: cancelled, or past its deadline.
    pub fn spent(&self) -> bool {
        self.cancelled.load(std::sync::atomic::Ordering::Relaxed)
            || std::time::Instant::now() >= self.deadline
    }

    /// The time left, zero when spent.
    pub fn remaining(&self) -> std::time::Duration {
        if self.cancelled.load(std::sync::atomic::Ordering::Relaxed) {
            return std::time::Duration::ZERO;
        }
        self.deadline
            .saturating_duration_since(std::time::Instant::now())
    }
}

/// A place that keeps entente's record.
pub trait Store: Send {
    /// Bound the queries that follow by `budget` (none: unbounded). SQLite
    /// interrupts a statement as soon as the budget is spent; PostgreSQL
    /// gets the time left as its `statement_timeout`. A query stopped this
    /// way fails with [`StoreError::Interrupted`]. A store that cannot stop
    /// its queries keeps this default, which ignores the budget.
    fn set_budget(&self, budget: Option<std::sync::Arc<Budget>>) -> Result<(), StoreError> {
        let _ = budget;
        Ok(())
    }
    /// Store a batch of extractions in one transaction: either all of the
    /// batch is stored or none of it. One outcome per extraction, in order.
    fn put_batch(&mut self, batch: &[Extraction]) -> Result<Vec<PutOutcome>, StoreError>;
    /// Rebuild the fused events and agreements from all stored reports, in
    /// one transaction (an interrupted rebuild leaves the previous record).
    fn refuse(&mut self) -> Result<(), StoreError>;
    /// Every document, in the order first stored, handed one at a time to
    /// `visit` (memory stays bounded however large the store).
    fn each_document(
        &self,
        visit: &mut dyn FnMut(Document) -> std::io::Result<()>,
    ) -> Result<(), StoreError>;
    /// Every document, in the order first stored.
    fn documents(&self) -> Result<Vec<Document>, StoreError> {
        let mut all = Vec::new();
        self.each_document(&mut |d| {
            all.push(d);
            Ok(())
        })?;
        Ok(all)
    }
    /// Every actor, one record per identifier (the richest one: with role
    /// and affiliation where any document gave them), sorted by identifier.
    fn actors(&self) -> Result<Vec<ActorRecord>, StoreError>;
    /// Fused events matching `filter`, by date (undated last), then id.
    fn events(&self, filter: &EventFilter) -> Result<Vec<Event>, StoreError>;
    /// One page of the fused events `filter` selects (and, when given, of
    /// that status), in the order of [`Store::events`], with how many there
    /// are in all. The stores count and cut in the database, so a page costs
    /// the same however many events match.
    fn events_page(
        &self,
        filter: &EventFilter,
        status: Option<entente_model::EventStatus>,
        limit: usize,
        offset: usize,
    ) -> Result<(u64, Vec<Event>), StoreError> {
        let all: Vec<Event> = self
            .events(filter)?
            .into_iter()
            .filter(|e| status.is_none_or(|s| e.status == s))
            .collect();
        let total = all.len() as u64;
        Ok((total, all.into_iter().skip(offset).take(limit).collect()))
    }
    /// Fused agreements matching `filter`, by type, then status date, then id.
    fn agreements(&self, filter: &AgreementFilter) -> Result<Vec<Agreement>, StoreError>;
    /// How many rows of each kind the store holds.
    fn counts(&self) -> Result<StoreCounts, StoreError>;
    /// Append analyst corrections (see [`corrections`]); one already stored
    /// (same id) is skipped. Returns how many were new. They take effect at
    /// the next [`Store::refuse`].
    fn add_corrections(
        &mut self,
        corrections: &[corrections::Correction],
    ) -> Result<usize, StoreError> {
        let _ = corrections;
        Err(StoreError::Db {
            context: "storing corrections".into(),
            reason: "this store keeps no corrections".into(),
        })
    }
    /// Every stored correction, oldest first, with the record it found at
    /// the last rebuild.
    fn corrections(&self) -> Result<Vec<corrections::StoredCorrection>, StoreError> {
        Ok(Vec::new())
    }
    /// The marks of the corrected records of the fused record, by kind and
    /// id (rejected ones included).
    fn marks(
        &self,
    ) -> Result<Vec<(corrections::RecordKind, String, corrections::Mark)>, StoreError> {
        Ok(Vec::new())
    }
    /// The event or agreement with fused id `id` (hidden ones included)
    /// and its mark. The default walks every record; backends override it
    /// with a keyed read.
    fn record(&self, id: &str) -> Result<Option<corrections::Record>, StoreError> {
        corrections::scan_for_record(self, id)
    }
    /// One document by its id, with its text; `None` when there is none.
    /// The default walks every document; backends override it with a
    /// keyed read.
    fn document(&self, id: &str) -> Result<Option<Document>, StoreError> {
        let mut found = None;
        self.each_document(&mut |d| {
            if found.is_none() && d.id == id {
                found = Some(d);
            }
            Ok(())
        })?;
        Ok(found)
    }
    /// Documents whose title or body contain `words` as a phrase, best
    /// match first, `limit` hits from `offset`. The default is a
    /// case-insensitive substring scan; SQLite answers from its FTS5 index
    /// (diacritics folded, ranked by bm25).
    fn search(&self, words: &str, limit: usize, offset: usize) -> Result<SearchPage, StoreError> {
        let needle = words.trim().to_lowercase();
        let mut page = SearchPage::default();
        if needle.is_empty() {
            return Ok(page);
        }
        self.each_document(&mut |d| {
            let body = d.text.to_lowercase();
            let in_body = body.find(&needle);
            if in_body.is_none() && !d.title.to_lowercase().contains(&needle) {
                return Ok(());
            }
            page.total += 1;
            let index = usize::try_from(page.total - 1).unwrap_or(usize::MAX);
            if index >= offset && page.hits.len() < limit {
                page.hits.push(SearchHit {
                    snippet: in_body
                        .map(|at| substring_snippet(&body, at, needle.len()))
                        .unwrap_or_default(),
                    document: d.id,
                    source: d.source,
                    title: d.title,
                    lang: d.lang,
                    published: d.published,
                });
            }
            Ok(())
        })?;
        Ok(page)
    }
}

/// About sixty characters either side of a match at byte `at` (of `len`
/// bytes) in `text`, the match marked as in [`SearchHit::snippet`].
fn substring_snippet(text: &str, at: usize, len: usize) -> String {
    let floor = |mut i: usize| {
        while i > 0 && !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (start, end) = (floor(at), floor((at + len).min(text.len())));
    let before: Vec<char> = text[..start].chars().rev().take(60).collect();
    let before: String = before.into_iter().rev().collect();
    let after: String = text[end..].chars().take(60).collect();
    format!(
        "…{before}{SNIPPET_OPEN}{}{SNIPPET_CLOSE}{after}…",
        &text[start..end]
    )
}

/// Open the store a `--db` value names: a file path (SQLite, created if
/// missing) or a `postgres://` / `postgresql://` URL (the database must
/// exist; its schema is created or brought up to date).
pub fn open(db: &str) -> Result<Box<dyn Store>, StoreError> {
    if is_postgres_url(db) {
        return Ok(Box::new(PgStore::open(db.trim())?));
    }
    Ok(Box::new(SqliteStore::open(std::path::Path::new(db))?))
}

/// Open the store a `--db` value names for reading only: the database must
/// exist and be an entente database of this version's schema; nothing in it
/// is created or changed. What every command but `ingest` uses.
pub fn open_read_only(db: &str) -> Result<Box<dyn Store>, StoreError> {
    if is_postgres_url(db) {
        return Ok(Box::new(PgStore::open_read_only(db.trim())?));
    }
    Ok(Box::new(SqliteStore::open_read_only(
        std::path::Path::new(db),
    )?))
}

/// Why a database of schema `version` cannot be read by this entente, whose
/// schema is `known`: none (0: no entente tables), newer, or older. `db` is
/// how the `--db` value is written in the advice (`PATH`, `URL`).
pub(crate) fn unreadable_version(version: i64, known: i64, db: &str) -> Option<String> {
    if version == 0 {
        Some(format!(
            "not an entente database (it has no entente tables); create one with `entente ingest --db {db} FILES...`"
        ))
    } else if version > known {
        Some(format!(
            "written by a newer entente (schema {version}; this one reads up to {known}); use that version"
        ))
    } else if version < known {
        Some(format!(
            "written by an older entente (schema {version}, now {known}); bring it up to date by ingesting into it once (`entente ingest --db {db} FILES...`)"
        ))
    } else {
        None
    }
}

/// True when a `--db` value is a PostgreSQL URL rather than a file path.
pub fn is_postgres_url(db: &str) -> bool {
    let lower = db.trim().to_ascii_lowercase();
    lower.starts_with("postgres://") || lower.starts_with("postgresql://")
}

/// The first and last day a partial date can stand for, as `YYYY-MM-DD`
/// strings that sort in date order (`2024-02` → `2024-02-01`, `2024-02-31`;
/// the last day need not exist, it only bounds comparisons).
pub(crate) fn date_bounds(d: &PartialDate) -> (String, String) {
    let (m_lo, m_hi) = d.month.map_or((1, 12), |m| (m, m));
    let (d_lo, d_hi) = d.day.map_or((1, 31), |x| (x, x));
    (
        format!("{:04}-{m_lo:02}-{d_lo:02}", d.year),
        format!("{:04}-{m_hi:02}-{d_hi:02}", d.year),
    )
}

pub(crate) fn to_json<T: serde::Serialize>(what: &str, value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt {
        what: what.to_string(),
        reason: e.to_string(),
    })
}

pub(crate) fn from_json<T: serde::de::DeserializeOwned>(
    what: &str,
    json: &str,
) -> Result<T, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt {
        what: what.to_string(),
        reason: e.to_string(),
    })
}

pub(crate) fn opt_date(d: &Option<entente_model::PartialDate>) -> Option<String> {
    d.as_ref().map(ToString::to_string)
}

/// The stored copy updated with the metadata `new` has and it lacks, or
/// `None` when `new` brings nothing the stored copy does not have.
pub(crate) fn with_new_metadata(stored: &Document, new: &Document) -> Option<Document> {
    let lacks_lang = |l: &str| l.is_empty() || l == "und";
    let gains = (stored.published.is_none() && new.published.is_some())
        || (stored.url.is_none() && new.url.is_some())
        || (stored.title.trim().is_empty() && !new.title.trim().is_empty())
        || (stored.dateline.is_none() && new.dateline.is_some())
        || (lacks_lang(&stored.lang) && !lacks_lang(&new.lang));
    if !gains {
        return None;
    }
    let mut merged = new.clone();
    merged.source = stored.source.clone();
    if new.published.is_none() {
        merged.published = stored.published;
        merged.published_from = stored.published_from;
    }
    merged.url = new.url.clone().or_else(|| stored.url.clone());
    merged.dateline = new.dateline.clone().or_else(|| stored.dateline.clone());
    if merged.title.trim().is_empty() {
        merged.title = stored.title.clone();
    }
    if lacks_lang(&merged.lang) {
        merged.lang = stored.lang.clone();
    }
    Some(merged)
}

/// How much a record tells about its actor: role and affiliation count.
fn richness(r: &ActorRecord) -> u8 {
    u8::from(r.role.is_some()) + u8::from(r.affiliation.is_some())
}

/// One record per actor from records sorted by actor id (then by the
/// order first stored): the richest, the first of equally rich ones.
pub(crate) fn richest_per_actor(records: Vec<ActorRecord>) -> Vec<ActorRecord> {
    let mut out: Vec<ActorRecord> = Vec::new();
    for r in records {
        match out.last_mut() {
            Some(best) if best.id == r.id => {
                if richness(&r) > richness(best) {
                    *best = r;
                }
            }
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_urls_choose_postgres_and_name_the_server_when_it_is_down() {
        assert!(is_postgres_url(" PostgreSQL://x/y"));
        assert!(!is_postgres_url("postgres.db"));
        // Port 1 on loopback: nothing listens there.
        let err = open("postgres://someone:pw@127.0.0.1:1/entente")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.contains("postgres://someone@127.0.0.1:1/entente")
                && err.contains("cannot connect")
                && !err.contains("pw"),
            "{err}"
        );
    }

    #[test]
    fn date_bounds_cover_the_precision() {
        assert_eq!(
            date_bounds(&PartialDate::year(2024)),
            ("2024-01-01".into(), "2024-12-31".into())
        );
        assert_eq!(
            date_bounds(&PartialDate::month(2024, 2)),
            ("2024-02-01".into(), "2024-02-31".into())
        );
        assert_eq!(
            date_bounds(&PartialDate::day(2024, 2, 9)),
            ("2024-02-09".into(), "2024-02-09".into())
        );
    }
}
