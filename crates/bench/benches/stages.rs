//! Per-stage benchmarks of the pipeline on a generated corpus (divan):
//! cleaning, language identification, actor linking, event coding, fusion
//! and storage. Run with `cargo bench -p entente-bench`; each figure is
//! the time for the whole sample, with its throughput in bytes of text.

use divan::Bencher;
use divan::counter::BytesCount;
use entente_bench::Corpus;
use entente_kb::Kb;
use entente_model::{Article, Extraction, Mention, RawArticle};
use entente_store::{SqliteStore, Store};
use std::sync::LazyLock;

/// Articles in each stage's sample.
const SAMPLE: usize = 200;

struct Fixture {
    kb: Kb,
    raw: Vec<RawArticle>,
    articles: Vec<Article>,
    mentions: Vec<Vec<Mention>>,
    extractions: Vec<Extraction>,
    bytes: usize,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let kb = match Kb::embedded() {
        Ok(kb) => kb,
        Err(e) => panic!("the embedded knowledge base does not load: {e}"),
    };
    let corpus = Corpus::new(7, 10_000);
    let raw: Vec<RawArticle> = corpus.articles(SAMPLE).map(|a| a.into_raw()).collect();
    let bytes = raw.iter().map(|r| r.text.len()).sum();
    let articles: Vec<Article> = raw.iter().cloned().map(entente_ingest::clean).collect();
    let mentions: Vec<Vec<Mention>> = articles.iter().map(|a| kb.link(a)).collect();
    let extractions = articles
        .iter()
        .zip(&mentions)
        .map(|(a, m)| entente_extract::extract(a, m, &kb))
        .collect();
    Fixture {
        kb,
        raw,
        articles,
        mentions,
        extractions,
        bytes,
    }
});

fn main() {
    LazyLock::force(&FIXTURE);
    divan::main();
}

#[divan::bench(sample_count = 10)]
fn clean(b: Bencher) {
    let f = &*FIXTURE;
    b.counter(BytesCount::new(f.bytes))
        .with_inputs(|| f.raw.clone())
        .bench_local_values(|raw| {
            raw.into_iter()
                .map(entente_ingest::clean)
                .map(|a| a.text.len())
                .sum::<usize>()
        });
}

#[divan::bench(sample_count = 10)]
fn language_id(b: Bencher) {
    let f = &*FIXTURE;
    b.counter(BytesCount::new(f.bytes)).bench_local(|| {
        f.articles
            .iter()
            .map(|a| entente_ingest::identify_language(&a.text).len())
            .sum::<usize>()
    });
}

#[divan::bench(sample_count = 10)]
fn link_actors(b: Bencher) {
    let f = &*FIXTURE;
    b.counter(BytesCount::new(f.bytes))
        .bench_local(|| f.articles.iter().map(|a| f.kb.link(a).len()).sum::<usize>());
}

#[divan::bench(sample_count = 10)]
fn extract_events(b: Bencher) {
    let f = &*FIXTURE;
    b.counter(BytesCount::new(f.bytes)).bench_local(|| {
        f.articles
            .iter()
            .zip(&f.mentions)
            .map(|(a, m)| entente_extract::extract(a, m, &f.kb).events.len())
            .sum::<usize>()
    });
}

#[divan::bench(sample_count = 10)]
fn fuse(b: Bencher) {
    let f = &*FIXTURE;
    let events: Vec<_> = f
        .extractions
        .iter()
        .flat_map(|e| e.events.clone())
        .collect();
    let agreements: Vec<_> = f
        .extractions
        .iter()
        .flat_map(|e| e.agreements.clone())
        .collect();
    b.counter(BytesCount::new(f.bytes))
        .with_inputs(|| (events.clone(), agreements.clone()))
        .bench_local_values(|(e, a)| entente_fuse::fuse(e, a).0.len());
}

#[divan::bench(sample_count = 5)]
fn store_put_batch_and_refuse(b: Bencher) {
    let f = &*FIXTURE;
    b.counter(BytesCount::new(f.bytes))
        .with_inputs(|| {
            let dir = match tempfile::tempdir() {
                Ok(d) => d,
                Err(e) => panic!("no temporary folder: {e}"),
            };
            let store = match SqliteStore::open(&dir.path().join("bench.db")) {
                Ok(s) => s,
                Err(e) => panic!("cannot open a temporary store: {e}"),
            };
            (dir, store)
        })
        .bench_local_values(|(dir, mut store)| {
            for chunk in f.extractions.chunks(100) {
                if let Err(e) = store.put_batch(chunk) {
                    panic!("put_batch failed: {e}");
                }
            }
            if let Err(e) = store.refuse() {
                panic!("refuse failed: {e}");
            }
            drop(store);
            drop(dir);
        });
}
