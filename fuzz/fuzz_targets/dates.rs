//! Fuzz the date parsers and the date resolver: metadata date text, and
//! date expressions in a sentence resolved against any publication date
//! (valid or not, any year).
#![no_main]

#[path = "common.rs"]
mod common;

use entente_pipeline::Pipeline;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static PIPELINE: LazyLock<Option<Pipeline>> =
    LazyLock::new(|| entente_kb::Kb::embedded().ok().map(Pipeline::new));

/// Words the resolver reacts to, so the fuzzer reaches it quickly.
const WORDS: &[&str] = &[
    "Japan and Italy met ", "on Thursday", " giovedì", " last month", " il mese scorso",
    " next year", " in December", " a dicembre", " on 12 March 2024", " 31/02/2024",
    " the next day", " since 2022", " by 2030", " entro il 2030", " yesterday", " ieri",
    " le 3 mars", " am 5. Mai", " 2024-02-30", " the following week", ".",
];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = entente_ingest::parse_date(&text);
    let Some(pipeline) = PIPELINE.as_ref() else {
        return;
    };
    let mut raw = common::raw_article(data);
    // Rebuild the text from the word table, driven by the fuzz bytes.
    raw.text = data
        .iter()
        .skip(5)
        .map(|b| WORDS[usize::from(*b) % WORDS.len()])
        .collect();
    raw.title_in_text = false;
    let _ = pipeline.process(raw);
});
