//! Killing an ingest at any moment leaves a consistent database, and
//! running it again completes the work with every article stored once.

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

    let out = run_ok(&["ingest", "--db", path_str(&db), path_str(&input)]);
    let [stored, known, updated, skipped] = summary_counts(&out);
    assert_eq!(stored + known + updated, total, "{out}");
    assert_eq!(skipped, 0, "{out}");

    let conn = rusqlite::Connection::open(&db).expect("open db");
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity check");
    assert_eq!(integrity, "ok");
    let (docs, distinct): (i64, i64) = conn
        .query_row(
            "SELECT count(*), count(DISTINCT text) FROM documents",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("count documents");
    assert_eq!(docs as usize, total);
    assert_eq!(distinct as usize, total);
    let indexed: i64 = conn
        .query_row("SELECT count(*) FROM documents_fts", [], |r| r.get(0))
        .expect("count index");
    assert_eq!(
        indexed as usize, total,
        "the text index matches the documents"
    );
}
