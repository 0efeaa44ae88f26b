//! Several `entente ingest` processes feeding one PostgreSQL database at
//! once, over overlapping inputs: every article is stored once, and the
//! fused record is exactly the one a single ingest of the same articles
//! into a fresh SQLite database builds, even when an event's two reports
//! were handled by two different workers, and even when a worker was killed
//! midway and run again.
//!
//! Needs `ENTENTE_TEST_PG` (each test creates and drops its own database);
//! without it the tests print a SKIPPED notice and pass.

mod common;

use common::*;
use entente_model::{Agreement, Event};
use entente_store::{AgreementFilter, EventFilter};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

const WORKERS: usize = 4;
/// Distinct real-world events; each is reported by two articles.
const EVENTS: usize = 1600;

const COUNTRIES: [&str; 12] = [
    "Japan",
    "France",
    "Italy",
    "Germany",
    "Australia",
    "Canada",
    "Poland",
    "Spain",
    "India",
    "Brazil",
    "Norway",
    "Chile",
];
const WEEKDAYS: [&str; 5] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/// The articles, written as eight JSON Lines parts, and the folder of each
/// worker. Event `e` is reported by two articles worded differently: the
/// first in shared part `e % 4`, the second in part `4 + (e + 2) % 4`.
/// Worker `w` reads parts `w`, `(w + 1) % 4` (shared with worker `w + 1`:
/// the overlap) and `4 + w` (its own). So every shared part is read by two
/// workers, and the two reports of an event are always read by different
/// workers.
struct Corpus {
    all: PathBuf,
    workers: Vec<PathBuf>,
    articles: usize,
}

fn write_corpus(root: &Path) -> Corpus {
    let mut parts: Vec<Vec<String>> = vec![Vec::new(); 8];
    for e in 0..EVENTS {
        let a = COUNTRIES[e % 12];
        let b = COUNTRIES[(e + 1 + (e / 12) % 11) % 12];
        let day = WEEKDAYS[e % 5];
        let published = format!(
            "{}-{:02}-{:02}",
            2020 + e / (28 * 12),
            1 + (e / 28) % 12,
            1 + e % 28
        );
        let texts = [
            format!("{a} and {b} agreed on {day} to start talks on a reciprocal access agreement."),
            format!(
                "On {day}, {a} and {b} agreed to start talks on a reciprocal access agreement, officials said."
            ),
        ];
        for (v, text) in texts.iter().enumerate() {
            let record = serde_json::json!({
                "source": format!("gen-{e}-{v}"),
                "title": format!("Report {e}/{v}"),
                "published": published,
                "text": format!("{text}\n\nFiled as note {e}-{v}."),
            });
            let part = if v == 0 { e % 4 } else { 4 + (e + 2) % 4 };
            parts[part].push(record.to_string());
        }
    }
    let write_part = |dir: &Path, p: usize| {
        std::fs::create_dir_all(dir).expect("mkdir");
        let mut out = std::io::BufWriter::new(
            std::fs::File::create(dir.join(format!("part-{p}.jsonl"))).expect("create part"),
        );
        for line in &parts[p] {
            writeln!(out, "{line}").expect("write part");
        }
        out.flush().expect("flush part");
    };
    let all = root.join("all");
    for p in 0..8 {
        write_part(&all, p);
    }
    let workers = (0..WORKERS)
        .map(|w| {
            let dir = root.join(format!("worker-{w}"));
            for p in [w, (w + 1) % 4, 4 + w] {
                write_part(&dir, p);
            }
            dir
        })
        .collect();
    Corpus {
        all,
        workers,
        articles: 2 * EVENTS,
    }
}

/// The record a single ingest of every article builds in a fresh SQLite
/// database.
struct Reference {
    documents: usize,
    events: Vec<Event>,
    agreements: Vec<Agreement>,
}

fn reference(root: &Path, corpus: &Corpus) -> Reference {
    let db = root.join("reference.db");
    let out = run_ok(&["ingest", "--db", path_str(&db), path_str(&corpus.all)]);
    let [stored, known, _, skipped] = summary_counts(&out);
    assert_eq!((stored, known, skipped), (corpus.articles, 0, 0), "{out}");
    let store = entente_store::open(path_str(&db)).expect("open the reference");
    let events = store.events(&EventFilter::default()).expect("events");
    // The articles do what they are for: each event fused from two reports
    // read by different workers.
    let fused = events
        .iter()
        .filter(|e| {
            e.evidence
                .iter()
                .map(|x| x.document.as_str())
                .collect::<HashSet<_>>()
                .len()
                == 2
        })
        .count();
    assert!(
        events.len() > EVENTS * 9 / 10 && fused > EVENTS * 9 / 10,
        "{} events, {fused} from two articles: the generated articles no longer code as intended",
        events.len()
    );
    Reference {
        documents: store.counts().expect("counts").documents as usize,
        events,
        agreements: store
            .agreements(&AgreementFilter::default())
            .expect("agreements"),
    }
}

fn start_worker(url: &str, folder: &Path) -> Child {
    entente()
        .args(["ingest", "--db", url, path_str(folder)])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start entente ingest")
}

/// Wait for a worker and require success; returns its stdout.
fn finish(child: Child, w: usize) -> String {
    let out = child.wait_with_output().expect("wait for worker");
    assert!(
        out.status.success(),
        "worker {w} failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The database holds exactly the reference: each article once, each fused
/// event and agreement once, field for field.
fn assert_matches_reference(url: &str, reference: &Reference) {
    let store = entente_store::open(url).expect("open the shared database");
    let docs = store.documents().expect("documents");
    let ids: HashSet<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.len(), docs.len(), "a document is stored twice");
    assert_eq!(docs.len(), reference.documents, "documents stored");
    let events = store.events(&EventFilter::default()).expect("events");
    let event_ids: HashSet<&str> = events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(event_ids.len(), events.len(), "an event is stored twice");
    assert_eq!(events.len(), reference.events.len(), "fused events");
    assert!(
        events == reference.events,
        "the fused events differ from a single ingest's"
    );
    assert!(
        store
            .agreements(&AgreementFilter::default())
            .expect("agreements")
            == reference.agreements,
        "the fused agreements differ from a single ingest's"
    );
}

#[test]
#[cfg_attr(
    not(entente_pg),
    ignore = "needs PostgreSQL: build the tests with ENTENTE_TEST_PG set (.ci/run starts a server)"
)]
fn four_workers_over_overlapping_folders_store_each_article_and_event_once() {
    let Some(db) = pg_database() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = write_corpus(dir.path());
    let reference = reference(dir.path(), &corpus);

    let started = Instant::now();
    let children: Vec<Child> = corpus
        .workers
        .iter()
        .map(|f| start_worker(db.url(), f))
        .collect();
    let mut stored = 0;
    let mut seen = 0;
    for (w, child) in children.into_iter().enumerate() {
        let [s, k, u, skipped] = summary_counts(&finish(child, w));
        assert_eq!(skipped, 0);
        stored += s;
        seen += s + k + u;
    }
    eprintln!(
        "{WORKERS} workers ingested {seen} articles ({} distinct) in {:.1?}",
        corpus.articles,
        started.elapsed()
    );
    assert_eq!(stored, corpus.articles, "each article stored by one worker");
    assert_eq!(seen, corpus.articles * 3 / 2, "the overlap was read twice");
    assert_matches_reference(db.url(), &reference);
}

#[test]
#[cfg_attr(
    not(entente_pg),
    ignore = "needs PostgreSQL: build the tests with ENTENTE_TEST_PG set (.ci/run starts a server)"
)]
fn a_worker_killed_midway_is_repaired_by_running_it_again() {
    let Some(db) = pg_database() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = write_corpus(dir.path());
    let reference = reference(dir.path(), &corpus);
    let watch = entente_store::open(db.url()).expect("open the shared database");

    let mut children: Vec<Option<Child>> = corpus
        .workers
        .iter()
        .map(|f| Some(start_worker(db.url(), f)))
        .collect();
    // Kill worker 0 once a few batches are in (or at a deadline).
    let mut victim = children[0].take().expect("worker 0");
    let deadline = Instant::now() + Duration::from_secs(60);
    let killed_at = loop {
        if victim.try_wait().expect("poll worker 0").is_some() {
            break None;
        }
        let n = watch.counts().map(|c| c.documents).unwrap_or(0);
        if n >= 600 || Instant::now() > deadline {
            victim.kill().expect("SIGKILL worker 0");
            break Some(n);
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let _ = victim.wait();
    for (w, child) in children.into_iter().enumerate().skip(1) {
        if let Some(child) = child {
            finish(child, w);
        }
    }
    let before = watch.counts().expect("counts");
    match killed_at {
        Some(n) => eprintln!(
            "killed worker 0 with {n} documents committed; after the others: {} of {}",
            before.documents, reference.documents
        ),
        None => eprintln!("worker 0 finished before it could be killed"),
    }

    // Running the killed worker again completes the record.
    let out = finish(start_worker(db.url(), &corpus.workers[0]), 0);
    let [stored, known, updated, skipped] = summary_counts(&out);
    assert_eq!(skipped, 0, "{out}");
    assert_eq!(
        stored + known + updated,
        corpus.articles * 3 / 8,
        "worker 0 reads three of the eight parts: {out}"
    );
    assert_matches_reference(db.url(), &reference);
}
