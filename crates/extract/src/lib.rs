//! Extraction: from a cleaned article and its actor mentions to event and
//! agreement reports (one article's view; fusion comes later).
//!
//! Sentences, dates, places, event coding and agreements, one module each.
//! Language knowledge lives in `data/lang/<code>/`; this crate never touches
//! the database.
#![forbid(unsafe_code)]

use entente_kb::Kb;
use entente_model::{ActorRecord, Article, Document, Extraction, Mention};

/// Code the events and agreements of one article.
pub fn extract(article: &Article, mentions: &[Mention], kb: &Kb) -> Extraction {
    let mut actors: Vec<ActorRecord> = Vec::new();
    let mut ids = Vec::new();
    for m in mentions {
        if !ids.contains(&m.actor) {
            ids.push(m.actor.clone());
            actors.push(kb.record(&m.actor).unwrap_or(ActorRecord {
                id: m.actor.clone(),
                actor_type: m.actor_type,
                name: m.surface.clone(),
                affiliation: m.affiliation.clone(),
                role: m.role.clone(),
            }));
        }
    }
    Extraction {
        document: Document {
            id: article.id.clone(),
            source: article.source.clone(),
            url: article.url.clone(),
            title: article.title.clone(),
            lang: article.lang.clone(),
            published: article.published,
            dateline: article.dateline.clone(),
            text: article.text.clone(),
            actors: ids,
            flags: article.flags.clone(),
        },
        actors,
        events: vec![],
        agreements: vec![],
    }
}
