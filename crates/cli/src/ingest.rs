//! `entente ingest`: read paths → pipeline (in parallel, a bounded chunk at
//! a time) → store (one transaction per chunk) → rebuild the fused record.

use anyhow::{Context, Result};
use entente_ingest::{ReadItem, Skipped, read_path_counting};
use entente_kb::Kb;
use entente_model::{Extraction, PartialDate, RawArticle};
use entente_pipeline::Pipeline;
use entente_store::{PutOutcome, Store};
pub use indicatif::ProgressBar;
use indicatif::{ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Articles processed in parallel and stored in one transaction. Bounds the
/// memory an ingest holds, and the work lost if it is interrupted.
const CHUNK: usize = 256;
/// Text a chunk may hold: a chunk ends at [`CHUNK`] articles or at this many
/// bytes of article text, whichever comes first, so that a run of articles
/// near the size limit does not hold hundreds of megabytes at once.
const CHUNK_BYTES: usize = 8 * 1024 * 1024;

/// What an ingest did.
#[derive(Debug, Default)]
pub struct IngestSummary {
    pub stored: usize,
    pub known: usize,
    pub updated: usize,
    pub skipped_count: usize,
}

impl IngestSummary {
    /// Reports a skipped input, once, on standard error as it happens (the
    /// summary only counts it).
    fn skip(&mut self, bar: &ProgressBar, s: Skipped) {
        bar.suspend(|| eprintln!("skipped {s}"));
        self.skipped_count += 1;
    }

    /// `stored N, already known K, updated U, skipped S`.
    pub fn print(&self, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(
            out,
            "stored {}, already known {}, updated {}, skipped {}",
            self.stored, self.known, self.updated, self.skipped_count
        )
    }
}

/// The progress display on standard error (indicatif draws nothing when
/// stderr is not a terminal): with the input's size known, a bar of the
/// bytes read, with the time left; else a spinner. The message counts the
/// articles stored.
fn progress_bar(total_bytes: u64) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
    let template = if total_bytes > 0 {
        "{bar:30} {bytes}/{total_bytes} read, {eta} left [{elapsed}] {msg}"
    } else {
        "{spinner} {msg} [{elapsed}]"
    };
    let style =
        ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_spinner());
    bar.set_style(style);
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// Ingest every path into `store` and rebuild the fused record; an
/// article that carries no publication date of its own is given
/// `published`.
pub fn run(
    store: &mut dyn Store,
    paths: &[PathBuf],
    published: Option<PartialDate>,
) -> Result<IngestSummary> {
    let pipeline = Pipeline::new(Kb::embedded().context("loading the embedded knowledge base")?)
        .with_published(published);
    let total: u64 = paths.iter().map(|p| entente_ingest::input_bytes(p)).sum();
    let bar = progress_bar(total);
    let read = Arc::new(AtomicU64::new(0));
    let items = paths
        .iter()
        .flat_map(|path| read_path_counting(path, Arc::clone(&read)))
        .inspect(|_| bar.set_position(read.load(Ordering::Relaxed)));
    let summary = ingest_items(store, &pipeline, items, &bar)?;
    bar.set_position(total);
    bar.set_message("rebuilding the fused record");
    store
        .refuse()
        .context("rebuilding the fused events and agreements")?;
    bar.finish_and_clear();
    Ok(summary)
}

/// Run `items` through `pipeline` in parallel (on the current rayon pool),
/// a chunk at a time, and store each chunk in one batch. Does not rebuild
/// the fused record: call [`Store::refuse`] after the last batch.
///
/// Storing runs on its own thread, one chunk behind the pipeline (a channel
/// of one chunk: memory stays bounded), so the pool never waits for the
/// database. Each chunk is still one transaction, stored in input order.
///
/// Pass [`ProgressBar::hidden`] for no progress display.
pub fn ingest_items(
    store: &mut dyn Store,
    pipeline: &Pipeline,
    items: impl IntoIterator<Item = ReadItem>,
    bar: &ProgressBar,
) -> Result<IngestSummary> {
    let mut summary = IngestSummary::default();
    let stored = std::thread::scope(|scope| -> Result<Stored> {
        let (batches, inbox) = std::sync::mpsc::sync_channel::<Vec<Extraction>>(1);
        let writer = scope.spawn(move || write_batches(store, inbox, bar));
        let mut chunk = Chunk::default();
        let send = |chunk: &mut Vec<RawArticle>, summary: &mut IngestSummary| {
            let batch = process_chunk(pipeline, chunk, summary, bar);
            // A closed channel means the writer stopped on an error; joining
            // it below reports that error.
            batch.is_empty() || batches.send(batch).is_ok()
        };
        let mut open = true;
        for item in items {
            match item {
                ReadItem::Article(raw) => {
                    if chunk.push(raw) && !send(&mut chunk.take(), &mut summary) {
                        open = false;
                        break;
                    }
                }
                ReadItem::Skipped(s) => {
                    summary.skip(bar, s);
                }
            }
        }
        if open {
            send(&mut chunk.take(), &mut summary);
        }
        drop(batches);
        match writer.join() {
            Ok(result) => result,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })?;
    summary.stored = stored.stored;
    summary.known = stored.known;
    summary.updated = stored.updated;
    Ok(summary)
}

/// The articles of the chunk being gathered, and the bytes of their text.
#[derive(Debug, Default)]
struct Chunk {
    articles: Vec<RawArticle>,
    bytes: usize,
}

impl Chunk {
    /// Add an article; true when the chunk is now full ([`CHUNK`] articles
    /// or [`CHUNK_BYTES`] of text), so that it holds at most one article's
    /// text beyond the byte bound, whatever the articles' sizes.
    fn push(&mut self, raw: RawArticle) -> bool {
        self.bytes += raw.text.len();
        self.articles.push(raw);
        self.articles.len() >= CHUNK || self.bytes >= CHUNK_BYTES
    }

    /// The articles gathered so far, leaving the chunk empty.
    fn take(&mut self) -> Vec<RawArticle> {
        self.bytes = 0;
        std::mem::take(&mut self.articles)
    }
}

/// Outcomes counted by the writer thread.
#[derive(Debug, Default)]
struct Stored {
    stored: usize,
    known: usize,
    updated: usize,
}

/// The writer thread: store each batch in one transaction, in order, until
/// the channel closes or a batch fails.
fn write_batches(
    store: &mut dyn Store,
    inbox: std::sync::mpsc::Receiver<Vec<Extraction>>,
    bar: &ProgressBar,
) -> Result<Stored> {
    let mut counts = Stored::default();
    for batch in inbox {
        let outcomes = store.put_batch(&batch).with_context(|| {
            let first = batch.first().map_or("", |e| e.document.source.as_str());
            format!(
                "storing a batch of {} articles starting at {first}",
                batch.len()
            )
        })?;
        for o in outcomes {
            match o {
                PutOutcome::Stored => counts.stored += 1,
                PutOutcome::Known => counts.known += 1,
                PutOutcome::Updated => counts.updated += 1,
            }
        }
        bar.set_message(format!(
            "{} stored, {} known, {} updated",
            counts.stored, counts.known, counts.updated
        ));
    }
    Ok(counts)
}

/// Run the pipeline over a chunk in parallel; the articles to store, with
/// the ones that failed or had no text recorded as skipped.
fn process_chunk(
    pipeline: &Pipeline,
    chunk: &mut Vec<RawArticle>,
    summary: &mut IngestSummary,
    bar: &ProgressBar,
) -> Vec<Extraction> {
    if chunk.is_empty() {
        return Vec::new();
    }
    let results: Vec<Result<Extraction, Skipped>> = chunk
        .par_drain(..)
        .map(|raw| process_guarded(pipeline, raw))
        .collect();
    let mut batch = Vec::with_capacity(results.len());
    for r in results {
        match r {
            // All empty articles would share one id; none is worth a record.
            Ok(ex) if ex.document.text.trim().is_empty() => {
                let s = Skipped {
                    source: ex.document.source,
                    reason: "no article text found in it".into(),
                };
                summary.skip(bar, s);
            }
            Ok(ex)
                if let Some(reason) =
                    entente_ingest::not_language(&ex.document.text, &ex.document.lang) =>
            {
                let s = Skipped {
                    source: ex.document.source,
                    reason: reason.into(),
                };
                summary.skip(bar, s);
            }
            Ok(ex) => batch.push(ex),
            Err(s) => {
                summary.skip(bar, s);
            }
        }
    }
    batch
}

/// One article through the pipeline; a panic inside a stage skips the
/// article (named) instead of ending the whole ingest.
fn process_guarded(pipeline: &Pipeline, raw: RawArticle) -> Result<Extraction, Skipped> {
    let source = raw.source.clone();
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pipeline.process(raw))).map_err(
        |panic| {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Skipped {
                source,
                reason: format!("the pipeline failed on it ({what}); please report this bug"),
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 18, finding 7: a batch of large articles was held whole (one
    /// chunk per 256 articles, whatever their size: 48 articles near the
    /// 20 MB limit took 3.1 GB). A chunk now closes at its byte bound.
    #[test]
    fn a_chunk_of_large_articles_closes_at_its_byte_bound() {
        let article = |mb: usize| RawArticle {
            source: "big.txt".into(),
            text: "a".repeat(mb * 1024 * 1024),
            ..RawArticle::default()
        };
        let mut chunk = Chunk::default();
        let mut sizes = Vec::new();
        for _ in 0..20 {
            if chunk.push(article(3)) {
                let full = chunk.take();
                sizes.push(full.iter().map(|a| a.text.len()).sum::<usize>());
            }
        }
        // 3 MB articles: full after three (9 MB ≥ 8 MB), six chunks of 20
        assert_eq!(sizes.len(), 6, "{sizes:?}");
        for bytes in sizes {
            assert!(bytes < CHUNK_BYTES + 3 * 1024 * 1024, "{bytes}");
        }
        assert_eq!(chunk.take().len(), 2);
        // small articles: the article count bounds the chunk
        let mut small = Chunk::default();
        let full_at = (1..=CHUNK).find(|_| small.push(article(0)));
        assert_eq!(full_at, Some(CHUNK));
    }
}
