//! Fusion: the reports of one real-world event (or agreement) from several
//! sentences and articles become one record with all the evidence.
//!
//! Pure functions over model types; never touches the database.
#![forbid(unsafe_code)]

use entente_model::{Agreement, Event};

/// Fuse event reports into events.
pub fn fuse_events(reports: Vec<Event>) -> Vec<Event> {
    reports
}

/// Fuse agreement reports into agreements, histories merged in date order.
pub fn fuse_agreements(reports: Vec<Agreement>) -> Vec<Agreement> {
    reports
}
