//! Fuzz the WARC reader: any bytes, read as `crawl.warc` (and, when they
//! are gzip, as `crawl.warc.gz`), give articles or named skips.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let name = if data.starts_with(&[0x1f, 0x8b]) {
        "crawl.warc.gz"
    } else {
        "crawl.warc"
    };
    let _ = entente_ingest::read_bytes(name, data);
});
