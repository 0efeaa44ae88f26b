//! Fuzz the whole per-article pipeline (clean → link → extract) on a raw
//! article built from the bytes; evidence must point inside the text.
#![no_main]

#[path = "common.rs"]
mod common;

use entente_pipeline::Pipeline;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static PIPELINE: LazyLock<Option<Pipeline>> =
    LazyLock::new(|| entente_kb::Kb::embedded().ok().map(Pipeline::new));

fuzz_target!(|data: &[u8]| {
    let Some(pipeline) = PIPELINE.as_ref() else {
        return;
    };
    let _ = pipeline.process(common::raw_article(data));
});
