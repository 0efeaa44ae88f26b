//! Benchmarking support for entente: a deterministic corpus generator
//! ([`corpus`]), a seeded random number generator ([`rng`]) and the
//! process's memory figures ([`memory`]).
//!
//! The `entente-bench` binary writes corpora and measures end-to-end
//! ingest; `benches/stages.rs` (`cargo bench -p entente-bench`) times each
//! pipeline stage. Nothing here runs under `cargo test` except the
//! generator's own correctness tests, which assert no timings.
#![forbid(unsafe_code)]

pub mod corpus;
pub mod memory;
pub mod rng;

pub use corpus::{Corpus, GeneratedArticle};
