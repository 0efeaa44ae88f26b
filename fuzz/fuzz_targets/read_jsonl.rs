//! Fuzz the JSONL reader: any bytes, read as a file called `articles.jsonl`, give
//! articles or named skips, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = entente_ingest::read_bytes("articles.jsonl", data);
});
