//! Killing an ingest at any moment leaves a consistent database, and
//! running it again completes the work with every article stored once:
//! one kill as soon as a batch is committed, then a run killed again and
//! again at pseudo-random moments (a fixed seed), checked after each kill.

mod common;

use common::*;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

const FILES: usize = 6;
const PER_FILE: usize = 500;

/// Small distinct articles, JSON Lines, `FILES` files of `PER_FILE` each.
fn write_articles(dir: &Path) -> usize {
    let countries = ["Japan", "Italy", "France", "Australia", "Canada", "Poland"];
    for f in 0..FILES {
        let path = dir.join(format!("batch-{f}.jsonl"));
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
        for i in 0..PER_FILE {
            let n = f * PER_FILE + i;
            let a = countries[n % countries.len()];
            let b = countries[(n / countries.len() + 1) % countries.len()];
            let record = serde_json::json!({
                "source": format!("gen-{n}"),
                "title": format!("Talks number {n}"),
                "published": "2024-05-02",
                "text": format!(
                    "{a} and {b} held defence talks, round {n}.\n\nThe ministers agreed to meet again after round {n}."
                ),
            });
            writeln!(out, "{record}").expect("write");
        }
        out.flush().expect("flush");
    }
    FILES * PER_FILE
}

/// Documents committed so far, or `None` while the database is not ready.
fn committed(db: &Path) -> Option<i64> {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)
            .ok()?;
    conn.busy_timeout(Duration::from_secs(2)).ok()?;
    conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .ok()
}

/// Integrity, and (documents, distinct texts, indexed texts) of `db`.
fn check_consistent(db: &Path, when: &str) -> (i64, i64, i64) {
    let conn = rusqlite::Connection::open(db).expect("open db");
    conn.busy_timeout(Duration::from_secs(5))
        .expect("busy timeout");
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity check");
    assert_eq!(integrity, "ok", "{when}");
    let counts: (i64, i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(DISTINCT text) FROM documents), \
             (SELECT count(*) FROM documents_fts)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("count documents");
    assert_eq!(counts.0, counts.1, "{when}: a document stored twice");
    assert_eq!(
        counts.0, counts.2,
        "{when}: the text index differs from the documents"
    );
    counts
}

/// The fused record's sizes, for comparing a resumed ingest with a clean one.
fn record_counts(db: &Path) -> (i64, i64, i64) {
    let conn = rusqlite::Connection::open(db).expect("open db");
    conn.query_row(
        "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM agreements), \
         (SELECT count(*) FROM event_reports)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .expect("count the record")
}

/// The final rerun stores the rest, and the database holds each article once.
fn complete_and_check(db: &Path, input: &Path, total: usize) {
    let out = run_ok(&["ingest", "--db", path_str(db), path_str(input)]);
    let [stored, known, updated, skipped] = summary_counts(&out);
    assert_eq!(stored + known + updated, total, "{out}");
    assert_eq!(skipped, 0, "{out}");
    let (docs, _, _) = check_consistent(db, "after the final rerun");
    assert_eq!(docs as usize, total, "an article was lost");
}

#[test]
fn an_ingest_killed_midway_completes_on_rerun_without_duplicates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("articles");
    std::fs::create_dir(&input).expect("mkdir");
    let total = write_articles(&input);
    let db = dir.path().join("crash.db");

    let mut child = entente()
        .args(["ingest", "--db", path_str(&db), path_str(&input)])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start entente ingest");
    // Kill as soon as some batch is committed (or after a deadline); if the
    // ingest finishes first, the checks below still hold.
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut killed_at = None;
    loop {
        if child.try_wait().expect("poll child").is_some() {
            break;
        }
        let n = committed(&db).unwrap_or(0);
        if n > 0 || Instant::now() > deadline {
            child.kill().expect("kill entente");
            killed_at = Some(n);
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = child.wait();
    match killed_at {
        Some(n) => eprintln!("killed the ingest with {n} of {total} documents committed"),
        None => eprintln!("the ingest finished before it could be killed"),
    }
    complete_and_check(&db, &input, total);
}

/// A small deterministic generator (xorshift), so a failure replays.
struct Delays(u64);

impl Delays {
    /// The next delay, uniform in `0..max_ms` milliseconds.
    fn next(&mut self, max_ms: u64) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        Duration::from_millis(self.0 % max_ms)
    }
}

const KILLS: usize = 10;

#[test]
fn an_ingest_killed_again_and_again_loses_and_doubles_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("articles");
    std::fs::create_dir(&input).expect("mkdir");
    let total = write_articles(&input);

    // How long one whole ingest takes here: the range of the kill delays.
    let clean_db = dir.path().join("clean.db");
    let started = Instant::now();
    run_ok(&["ingest", "--db", path_str(&clean_db), path_str(&input)]);
    let whole = started.elapsed().as_millis().max(50) as u64;

    let db = dir.path().join("killed.db");
    let mut delays = Delays(0x9e37_79b9_7f4a_7c15);
    let mut finished = 0;
    for kill in 1..=KILLS {
        let mut child = entente()
            .args(["ingest", "--db", path_str(&db), path_str(&input)])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start entente ingest");
        // Reruns skip what is stored, so they are shorter than a whole ingest.
        std::thread::sleep(delays.next(whole * 2 / 3));
        if child.try_wait().expect("poll child").is_some() {
            finished += 1;
        } else {
            child.kill().expect("kill entente");
        }
        let _ = child.wait();
        if db.exists() {
            let (docs, _, _) = check_consistent(&db, &format!("after kill {kill}"));
            assert!(
                docs as usize <= total,
                "after kill {kill}: {docs} documents"
            );
        }
    }
    eprintln!("{KILLS} runs killed at random moments ({finished} finished first)");
    complete_and_check(&db, &input, total);
    assert_eq!(
        record_counts(&db),
        record_counts(&clean_db),
        "the fused record equals that of an uninterrupted ingest"
    );
}
