//! Fuzz the cleaner: any raw article gives an article whose offset map
//! points inside the raw text.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let raw = common::raw_article(data);
    let raw_chars = raw.text.chars().count();
    let article = entente_ingest::clean(raw);
    let body_chars = article.text.chars().count();
    for c in [0, body_chars / 2, body_chars.saturating_sub(1)] {
        if let Some(o) = entente_ingest::original_offset(&article.offset_map, c) {
            assert!(o <= raw_chars, "offset {o} beyond the raw text ({raw_chars})");
        }
    }
});
