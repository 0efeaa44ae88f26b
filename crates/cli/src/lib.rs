//! The library half of the `entente` binary: the ingest driver, shared by
//! `entente ingest` and the end-to-end benchmark (`crates/bench`) so that
//! both run exactly the same read → pipeline → store loop.
//!
//! Argument parsing and printing stay in `main.rs`.
#![forbid(unsafe_code)]

pub mod ingest;
