//! Replays inputs that once broke a reader, or that the fuzzers should
//! start from: every file under `tests/regressions/<form>/` is read as that
//! form and must give articles or named skips, never a panic. A crash found
//! by `cargo fuzz` (see SECURITY.md) is fixed and its input added here.

use entente_ingest::{ReadItem, read_bytes};
use std::path::Path;

/// The file name each folder's inputs are read under.
const FORMS: &[(&str, &str)] = &[
    ("html", "page.html"),
    ("feed", "feed.xml"),
    ("jsonl", "articles.jsonl"),
    ("warc", "crawl.warc"),
];

#[test]
fn every_stored_regression_input_is_read_without_a_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut replayed = 0;
    for (folder, name) in FORMS {
        let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
            continue;
        };
        for entry in entries.flatten() {
            let bytes = std::fs::read(entry.path()).expect("read a regression input");
            let file = entry.file_name().to_string_lossy().into_owned();
            // A gzip input keeps its own name, so it is read as `.warc.gz`.
            let name = if file.ends_with(".gz") {
                file.as_str()
            } else {
                name
            };
            for item in read_bytes(name, &bytes) {
                if let ReadItem::Skipped(s) = item {
                    assert!(!s.reason.is_empty(), "{file}: a skip without a reason");
                }
            }
            replayed += 1;
        }
    }
    assert!(replayed >= 4, "{replayed} inputs replayed");
}
