//! Plain-text articles are dated from their file names: a JSON Lines
//! collection saved as one `YYYY-MM-DD_<name>.txt` file per article (its
//! publication date in the name) leaves no event undated, or dated
//! otherwise, that the JSON Lines records date.

use entente_ingest::{ReadItem, read_path};
use entente_model::{DateSource, Event};
use entente_pipeline::Pipeline;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn pipeline() -> Pipeline {
    Pipeline::new(entente_kb::Kb::embedded().expect("the embedded knowledge base loads"))
}

/// An event as both runs can name it: type, actors, recipients, sentence.
type Key = (String, Vec<String>, Vec<String>, String);

fn key(e: &Event) -> Key {
    let ids = |v: &[entente_model::ActorId]| v.iter().map(|a| a.as_str().to_string()).collect();
    (
        e.event_type.to_string(),
        ids(&e.actor),
        ids(&e.recipient),
        e.evidence
            .first()
            .map(|ev| ev.text.clone())
            .unwrap_or_default(),
    )
}

/// An article as coded: its source, publication date and where that came
/// from, and its events' dates by key.
type Coded = (
    String,
    Option<String>,
    Option<DateSource>,
    BTreeMap<Key, Option<String>>,
);

/// Every article of `path` through the pipeline.
fn run(path: &Path) -> Vec<Coded> {
    let pipeline = pipeline();
    read_path(path)
        .map(|item| match item {
            ReadItem::Article(raw) => pipeline.process(raw),
            ReadItem::Skipped(s) => panic!("skipped: {s}"),
        })
        .map(|x| {
            let events = x
                .events
                .iter()
                .map(|e| (key(e), e.date.map(|d| d.to_string())))
                .collect();
            (
                x.document.source,
                x.document.published.map(|d| d.to_string()),
                x.document.published_from,
                events,
            )
        })
        .collect()
}

/// Writes each record of `jsonl` as `<published>_<stem>.txt` (title line,
/// blank line, text; `<stem>.txt` when it has no date) into `dir`; returns
/// how many.
fn save_as_dated_text(jsonl: &Path, dir: &Path) -> usize {
    let text = std::fs::read_to_string(jsonl).expect("the collection reads");
    let mut n = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let rec: serde_json::Value = serde_json::from_str(line).expect("a JSON record");
        let field = |k: &str| rec[k].as_str().unwrap_or_default().to_string();
        let stem = Path::new(&field("source"))
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| format!("article-{n}"));
        let name = match field("published") {
            p if p.is_empty() => format!("{stem}.txt"),
            p => format!("{p}_{stem}.txt"),
        };
        let body = format!("{}\n\n{}\n", field("title"), field("text"));
        std::fs::write(dir.join(name), body).expect("the text file writes");
        n += 1;
    }
    n
}

fn check_dated_like_the_collection(jsonl: &Path) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let saved = save_as_dated_text(jsonl, dir.path());
    let from_jsonl = run(jsonl);
    let from_files = run(dir.path());
    assert_eq!(from_files.len(), saved);
    let mut compared = 0;
    for (source, published, jsonl_from, events) in &from_jsonl {
        let stem = Path::new(source).file_stem().unwrap().to_string_lossy();
        let (file, file_published, from, file_events) = from_files
            .iter()
            .find(|(s, ..)| s.ends_with(&format!("{stem}.txt")))
            .unwrap_or_else(|| panic!("no text file for {source}"));
        assert_eq!(file_published, published, "{file}");
        // the record's own date is now in the file name; a date the text
        // gives is read from the text in both forms
        if *jsonl_from == Some(DateSource::Metadata) {
            assert_eq!(*from, Some(DateSource::FileName), "{file}");
        } else {
            assert_eq!(from, jsonl_from, "{file}");
        }
        for (k, date) in events.iter().filter(|(_, d)| d.is_some()) {
            if let Some(file_date) = file_events.get(k) {
                assert_eq!(file_date, date, "{file}: {k:?}");
                compared += 1;
            }
        }
    }
    assert!(compared > 0, "no event coded in both forms");
}

#[test]
fn the_sample_briefs_saved_as_dated_text_files_are_dated_as_in_their_collection() {
    let briefs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples/briefs.jsonl");
    check_dated_like_the_collection(&briefs);
}

#[test]
#[cfg_attr(
    not(entente_shared),
    ignore = "needs the shared seed articles (shared/eval/seeds) beside the repository"
)]
fn the_seed_articles_saved_as_dated_text_files_are_dated_as_in_their_collection() {
    let seeds =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/seeds/corpus.jsonl");
    check_dated_like_the_collection(&seeds);
}

#[test]
fn a_batch_date_dates_only_the_articles_without_their_own() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let text = "Talks in Manila\n\nJapan and the Philippines signed a defence pact on Monday.\n";
    std::fs::write(dir.path().join("undated.txt"), text).unwrap();
    std::fs::write(
        dir.path().join("2024-07-08_dated.txt"),
        text.replace("Monday", "Tuesday"),
    )
    .unwrap();
    let pipeline = pipeline().with_published(Some("2024-07-10".parse().unwrap()));
    let mut dates: Vec<(String, Option<String>, Option<DateSource>)> = read_path(dir.path())
        .map(|item| match item {
            ReadItem::Article(raw) => pipeline.process(raw).document,
            ReadItem::Skipped(s) => panic!("skipped: {s}"),
        })
        .map(|d| {
            (
                d.source,
                d.published.map(|p| p.to_string()),
                d.published_from,
            )
        })
        .collect();
    dates.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        dates,
        [
            (
                "2024-07-08_dated.txt".to_string(),
                Some("2024-07-08".to_string()),
                Some(DateSource::FileName)
            ),
            (
                "undated.txt".to_string(),
                Some("2024-07-10".to_string()),
                Some(DateSource::Flag)
            ),
        ]
    );
}
