//! Storage: the [`Store`] trait and its embedded SQLite implementation.
//!
//! A store keeps documents, the per-article reports the extractor made, and
//! the fused record (events, agreements) rebuilt from those reports by
//! `entente-fuse`. It never parses articles or codes events.
#![forbid(unsafe_code)]

use entente_model::{
    ActorId, ActorRecord, Agreement, AgreementStatus, Document, Event, EventType, Extraction,
    PartialDate,
};

/// Why a store call failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database {db}: {reason}")]
    Open { db: String, reason: String },
    #[error("database error: {0}")]
    Db(String),
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

/// Filters of `entente events`.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    pub actor: Option<ActorId>,
    pub event_type: Option<EventType>,
    pub since: Option<PartialDate>,
    pub until: Option<PartialDate>,
    pub text: Option<String>,
}

/// Filters of `entente agreements`.
#[derive(Debug, Clone, Default)]
pub struct AgreementFilter {
    pub party: Option<ActorId>,
    pub status: Option<AgreementStatus>,
}

/// A place that keeps entente's record.
pub trait Store {
    /// Store a batch of extractions in one transaction.
    fn put_batch(&mut self, batch: &[Extraction]) -> Result<Vec<PutOutcome>, StoreError>;
    /// Rebuild the fused events and agreements from all stored reports.
    fn refuse(&mut self) -> Result<(), StoreError>;
    fn documents(&self) -> Result<Vec<Document>, StoreError>;
    fn actors(&self) -> Result<Vec<ActorRecord>, StoreError>;
    fn events(&self, filter: &EventFilter) -> Result<Vec<Event>, StoreError>;
    fn agreements(&self, filter: &AgreementFilter) -> Result<Vec<Agreement>, StoreError>;
}

/// Open the store a `--db` value names: a file path (SQLite) or a
/// `postgres://` URL.
pub fn open(db: &str) -> Result<Box<dyn Store>, StoreError> {
    Err(StoreError::Open {
        db: db.to_string(),
        reason: "not implemented yet".into(),
    })
}
