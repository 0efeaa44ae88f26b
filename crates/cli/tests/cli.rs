//! The command line's contract: help for every call, one-line errors with
//! a non-zero exit, the default database.

mod common;

use common::*;

const SUBCOMMANDS: &[&str] = &[
    "ingest",
    "export",
    "events",
    "trends",
    "agreements",
    "actors",
    "serve",
];

#[test]
fn help_explains_every_call() {
    let top = run_ok(&["--help"]);
    for sub in SUBCOMMANDS {
        assert!(top.contains(sub), "top-level help lacks {sub}");
        let help = run_ok(&[sub, "--help"]);
        assert!(help.contains("--db"), "{sub} --help lacks --db");
        assert!(help.contains("Example"), "{sub} --help has no example");
    }
}

fn assert_one_line_failure(args: &[&str], needle: &str) {
    let out = run(args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{args:?} should fail");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
    assert!(stderr.contains(needle), "{args:?}: {stderr}");
}

/// Finding 3 of the second hardening pass: read commands created entente's
/// schema in whatever file they were given and switched it to WAL. They now
/// refuse a file that is not an entente database, naming it, and leave it
/// byte for byte as it was.
#[test]
fn read_commands_refuse_a_file_that_is_not_an_entente_database_and_leave_it_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").expect("write");
    // A SQLite database of someone else's, in rollback-journal mode.
    let other = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&other).expect("open");
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');")
            .expect("create");
    }
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, b"not a database at all\n").expect("write");
    for file in [&empty, &other, &text] {
        let before = std::fs::read(file).expect("read");
        for command in [
            &["events"][..],
            &["agreements"],
            &["actors"],
            &["export", "--format", "jsonl"],
        ] {
            let out = run(&[command, &["--db", path_str(file)]].concat());
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(!out.status.success(), "{command:?} on {file:?}");
            assert!(stderr.contains(path_str(file)), "{stderr}");
            assert!(
                stderr.contains("not an entente database") || stderr.contains("not a SQLite"),
                "{stderr}"
            );
        }
        assert_eq!(
            std::fs::read(file).expect("read"),
            before,
            "{file:?} changed"
        );
    }
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(
        files.len(),
        3,
        "no journal or WAL files were made: {files:?}"
    );
}

#[test]
fn bad_values_fail_with_one_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("e.db");
    let db = path_str(&db);
    assert_one_line_failure(&["events", "--db", db, "--type", "hug"], "CONSULT");
    assert_one_line_failure(&["events", "--db", db, "--since", "11/2024"], "YYYY-MM");
    // A day the month does not have (an issue-17 defect: it was accepted).
    assert_one_line_failure(&["events", "--db", db, "--since", "2024-02-30"], "calendar");
    assert_one_line_failure(&["events", "--db", db, "--until", "2023-02-29"], "calendar");
    assert_one_line_failure(&["agreements", "--db", db, "--status", "done"], "in_force");
    let none = dir.path().join("none.db");
    assert_one_line_failure(&["serve", "--db", path_str(&none)], "no database");
    assert!(!none.exists(), "serve creates no database");
    assert_one_line_failure(&["events", "--db", db, "--status", "rumoured"], "reported");
    assert_one_line_failure(&["agreements", "--db", db, "--type", "pact"], "alliance");
    assert_one_line_failure(&["actors", "--db", db], "no such database");
    assert!(
        !std::path::Path::new(db).exists(),
        "a read command creates no database"
    );
    assert_one_line_failure(&["serve", "--db", db, "--addr", "nowhere"], "--addr");
    // Nothing listens on port 1: the reason names the server and what to check.
    assert_one_line_failure(
        &["actors", "--db", "postgres://nobody@127.0.0.1:1/x"],
        "postgres://nobody@127.0.0.1:1/x: cannot connect",
    );
    assert_one_line_failure(
        &["ingest", "--db", db, "--published", "2024-13", "x.txt"],
        "--published",
    );
    let missing = dir.path().join("no-such-input");
    assert_one_line_failure(&["ingest", "--db", db, path_str(&missing)], "no-such-input");
    let no_folder = dir.path().join("no/such/folder/e.db");
    assert_one_line_failure(&["actors", "--db", path_str(&no_folder)], "e.db");
}

#[test]
fn types_and_dates_are_accepted_in_every_form() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("e.db");
    let db = path_str(&db);
    run_ok(&["ingest", "--db", db, path_str(&samples())]);
    for args in [
        vec!["--type", "consult"],
        vec!["--type", "Mobilize"],
        vec!["--since", "2024"],
        vec!["--since", "2024-11", "--until", "2024-11-30"],
        vec!["--actor", "JPN", "--format", "json"],
        vec!["--format", "csv"],
        vec!["--text", "reciprocal access", "--status", "reported"],
        vec!["--status", "historical", "--format", "json"],
    ] {
        let mut full = vec!["events", "--db", db];
        full.extend(args);
        run_ok(&full);
    }
    run_ok(&[
        "agreements",
        "--db",
        db,
        "--status",
        "in_force",
        "--party",
        "JPN",
        "--type",
        "reciprocal-access",
    ]);
    // An entente database with nothing in it lists nothing, as JSON too.
    let nothing = dir.path().join("nothing");
    std::fs::create_dir(&nothing).expect("mkdir");
    let empty = dir.path().join("empty.db");
    run_ok(&["ingest", "--db", path_str(&empty), path_str(&nothing)]);
    assert_eq!(
        run_ok(&["actors", "--db", path_str(&empty), "--format", "json"]).trim(),
        "[]"
    );
}

#[test]
fn the_default_database_comes_from_the_environment_or_the_working_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let status = entente()
        .current_dir(dir.path())
        .args(["ingest", path_str(&samples())])
        .output()
        .expect("run entente");
    assert!(status.status.success());
    assert!(dir.path().join("entente.db").is_file());

    let env_db = dir.path().join("from-env.db");
    for args in [&["ingest", path_str(&samples())][..], &["agreements"]] {
        let out = entente()
            .current_dir(dir.path())
            .env("ENTENTE_DB", &env_db)
            .args(args)
            .output()
            .expect("run entente");
        assert!(out.status.success(), "{args:?}");
        assert!(env_db.is_file());
    }
}

/// One GET on a fresh connection: status code and body.
fn http_get(addr: &str, path: &str) -> std::io::Result<(u16, String)> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(std::time::Duration::from_secs(20)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )?;
    let mut raw = String::new();
    stream.read_to_string(&mut raw)?;
    let status = raw
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = raw.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    Ok((status, body.to_string()))
}

/// `entente serve` listens, answers the API over HTTP, and stops when killed.
#[test]
fn serve_answers_over_http() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("e.db");
    run_ok(&["ingest", "--db", path_str(&db), path_str(&samples())]);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let addr = format!("127.0.0.1:{port}");
    let mut child = entente()
        .args(["serve", "--db", path_str(&db), "--addr", &addr])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start entente serve");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let health = loop {
        match http_get(&addr, "/healthz") {
            Ok(answer) => break Some(answer),
            Err(_) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            Err(_) => break None,
        }
    };
    let bad = http_get(&addr, "/api/events?type=hug");
    let api_trends = http_get(&addr, "/api/trends?actor=JPN&by=quad");
    let api_pair = http_get(&addr, "/api/trends?actor=Japan&other=Filippine&every=week");
    let api_events = http_get(&addr, "/api/events?actor=JPN&limit=1000");
    let _ = child.kill();
    let _ = child.wait();
    let (status, body) = health.expect("entente serve answers /healthz");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"documents\":7"), "{body}");
    let (status, body) = bad.expect("a second request");
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("'type'"), "{body}");

    // `entente trends` and /api/trends agree (an issue-17 acceptance)
    let json = |s: &str| serde_json::from_str::<serde_json::Value>(s).expect("JSON");
    let (status, body) = api_trends.expect("/api/trends answers");
    assert_eq!(status, 200, "{body}");
    let cli = run_ok(&[
        "trends",
        "--db",
        path_str(&db),
        "--actor",
        "JPN",
        "--by",
        "quad",
        "--format",
        "json",
    ]);
    assert_eq!(json(&cli), json(&body));
    let rows = json(&body)["rows"].as_array().cloned().unwrap_or_default();
    assert!(!rows.is_empty(), "{body}");
    let csv = run_ok(&[
        "trends",
        "--db",
        path_str(&db),
        "--actor",
        "JPN",
        "--by",
        "quad",
        "--format",
        "csv",
    ]);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("period,quad,count"));
    for (line, row) in lines.zip(&rows) {
        assert_eq!(
            line,
            format!(
                "{},{},{}",
                row["period"].as_str().unwrap(),
                row["key"].as_str().unwrap(),
                row["count"]
            ),
        );
    }
    // and `events --format json` has the API's fields, quad included (an
    // issue-17 gap)
    let listed = json(&run_ok(&[
        "events",
        "--db",
        path_str(&db),
        "--actor",
        "JPN",
        "--format",
        "json",
    ]));
    let (status, body) = api_events.expect("/api/events answers");
    assert_eq!(status, 200, "{body}");
    assert_eq!(listed, json(&body)["items"]);
    assert!(listed[0]["quad"].is_string(), "{listed}");
    let (status, body) = api_pair.expect("/api/trends for a pair answers");
    assert_eq!(status, 200, "{body}");
    let cli = run_ok(&[
        "trends",
        "--db",
        path_str(&db),
        "--actor",
        "JPN",
        "--other",
        "PHL",
        "--every",
        "week",
        "--format",
        "json",
    ]);
    assert_eq!(json(&cli), json(&body));
    assert!(body.contains("-W"), "weekly periods: {body}");
}

/// Finding 9 of the second hardening pass: file names and JSONL `source`
/// values were printed raw in skip lines, so a crafted name with a newline
/// forged a report line and an ANSI escape restyled the terminal. Both are
/// now written as escapes, on standard error and in the summary.
#[test]
fn crafted_names_and_sources_cannot_forge_report_lines() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in");
    std::fs::create_dir(&input).expect("mkdir");
    let forged = "x.txt\nstored 999, already known 0, updated 0, skipped 0\u{1b}[31m";
    std::fs::write(input.join(forged), b"").expect("write a file with a crafted name");
    let record = serde_json::json!({
        "source": "feed\nskipped nothing: all good\u{1b}]0;owned\u{7}",
        "text": "   ",
    });
    std::fs::write(input.join("records.jsonl"), format!("{record}\n")).expect("write");
    let db = dir.path().join("e.db");
    let out = run(&["ingest", "--db", path_str(&db), path_str(&input)]);
    assert!(out.status.success());
    for stream in [&out.stdout, &out.stderr] {
        let text = String::from_utf8_lossy(stream);
        assert!(
            !text.contains('\u{1b}'),
            "an escape reached the terminal: {text:?}"
        );
        assert!(!text.contains('\u{7}'), "{text:?}");
        for line in text.lines() {
            assert!(
                !line.starts_with("stored 999") && !line.starts_with("skipped nothing"),
                "a forged line: {text}"
            );
        }
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("x.txt\\nstored 999"), "{stderr}");
    assert!(stderr.contains("\\u{1b}[31m"), "{stderr}");
    assert!(stderr.contains("feed\\nskipped nothing"), "{stderr}");
}

/// Finding 9 of the second hardening pass, in the error line: a file name
/// given on the command line comes back in the one-line error, and was
/// printed raw there (a newline forged a second line, an escape restyled
/// the terminal). It is written as escapes like the skip lines.
#[test]
fn a_crafted_name_in_an_error_stays_one_plain_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("e.db");
    let missing = dir
        .path()
        .join("gone\u{1b}[31m\nstored 999, already known 0, updated 0, skipped 0\u{7}");
    let ingest = ["ingest", "--db", path_str(&db), path_str(&missing)];
    let missing_db = dir.path().join("nothing\u{1b}]0;owned\u{7}.db");
    let events = ["events", "--db", path_str(&missing_db)];
    for args in [&ingest[..], &events[..]] {
        let out = run(args);
        assert!(!out.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr:?}");
        assert!(!stderr.contains(['\u{1b}', '\u{7}']), "{stderr:?}");
        assert!(stderr.contains("\\u{1b}"), "{stderr:?}");
    }
}

/// The events table once read its cells by position, and a column added to
/// the export (the map point's latitude and longitude) shifted it: STATUS
/// showed the latitude and EVIDENCE the number of reports. Each row now
/// shows its event's own status and evidence.
#[test]
fn the_events_table_shows_each_events_status_and_evidence() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("e.db");
    let db = path_str(&db);
    run_ok(&["ingest", "--db", db, path_str(&samples())]);
    let json: serde_json::Value =
        serde_json::from_str(&run_ok(&["events", "--db", db, "--format", "json"])).expect("JSON");
    let events = json.as_array().expect("an array");
    assert!(events.len() > 3, "{json}");
    let out = entente()
        .args(["events", "--db", db])
        .env("COLUMNS", "2000")
        .output()
        .expect("run entente");
    assert!(out.status.success());
    let table = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<&str> = table.lines().skip(1).collect();
    assert_eq!(rows.len(), events.len(), "{table}");
    for (row, event) in rows.iter().zip(events) {
        let status = event["status"].as_str().expect("a status");
        let evidence = event["evidence"][0]["text"].as_str().expect("evidence");
        let cells: Vec<&str> = row.split("  ").map(str::trim).collect();
        assert!(cells.contains(&status), "{status}: {row}");
        assert!(
            row.trim_end().ends_with(evidence.trim_end()),
            "{evidence}: {row}"
        );
    }
}

/// Finding 9 of the second hardening pass, in the listings: an article's
/// own text reaches the tables of `events`, `agreements` and `actors` (the
/// evidence, a name), so an ANSI escape, a bell or a bidirectional override
/// written in it must be printed as an escape there too, not obeyed by the
/// terminal. The lines `review` prints about the record it changed quote
/// the evidence too.
#[test]
fn article_text_cannot_restyle_the_terminal_through_the_tables() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in");
    std::fs::create_dir(&input).expect("mkdir");
    std::fs::write(
        input.join("2024-07-08_pact.txt"),
        "Pact signed\n\nJapan and Italy signed a defence agreement in Rome on Monday \
         \u{1b}[2J\u{1b}]0;owned\u{7}, the \u{202e}two ministers said.\n",
    )
    .expect("write");
    let db = dir.path().join("e.db");
    run_ok(&["ingest", "--db", path_str(&db), path_str(&input)]);
    let events = run_ok(&["events", "--db", path_str(&db), "--format", "json"]);
    assert!(
        events.contains("[2J"),
        "the test needs an event quoting the escape: {events}"
    );
    for command in ["events", "agreements", "actors"] {
        let out = entente()
            .args([command, "--db", path_str(&db)])
            .env("COLUMNS", "1000")
            .output()
            .expect("run entente");
        assert!(out.status.success(), "{command}");
        let table = String::from_utf8_lossy(&out.stdout);
        assert!(
            !table.contains(['\u{1b}', '\u{7}', '\u{202e}']),
            "{command}: a control character reached the terminal: {table:?}"
        );
        if command == "events" {
            assert!(table.contains("\\u{1b}[2J"), "{table}");
        }
    }
    // `review` prints the record it changed, evidence included
    let json: serde_json::Value = serde_json::from_str(&events).expect("JSON");
    let id = json[0]["id"].as_str().expect("an event id");
    let out = run_ok(&[
        "review",
        "confirm",
        "--db",
        path_str(&db),
        id,
        "--author",
        "ana",
    ]);
    assert!(out.contains("[2J"), "the line shows the evidence: {out}");
    assert!(
        !out.contains(['\u{1b}', '\u{7}', '\u{202e}']),
        "review: a control character reached the terminal: {out:?}"
    );
}

/// Finding 8 of the second hardening pass: a megabyte of random high bytes
/// became a document with 55 invented people, and a record of invisible
/// characters only was stored. Both are skipped as not articles, named,
/// and the good article beside them is stored.
#[test]
fn junk_that_is_not_language_is_skipped_and_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in");
    std::fs::create_dir(&input).expect("mkdir");
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let junk: Vec<u8> = (0..1_000_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            0x80 | (state as u8)
        })
        .collect();
    std::fs::write(input.join("a-random.txt"), &junk).expect("write");
    // the same bytes moved into the range where GBK reads them as Chinese
    let hanzi: Vec<u8> = junk[..100_000].iter().map(|b| 0xa1 + b % 94).collect();
    std::fs::write(input.join("a-random-gbk.txt"), &hanzi).expect("write");
    let invisible = serde_json::json!({
        "source": "invisible",
        "text": "\u{200b}\u{2060}\u{feff}\u{ad}\u{200b}\u{200d}",
    });
    let good = serde_json::json!({
        "source": "good",
        "text": "Japan and the Philippines signed a reciprocal access agreement in Manila on Monday.",
    });
    std::fs::write(
        input.join("b-records.jsonl"),
        format!("{invisible}\n{good}\n"),
    )
    .expect("write");
    let db = dir.path().join("e.db");
    let out = run(&["ingest", "--db", path_str(&db), path_str(&input)]);
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("stored 1,"), "{stdout}");
    // each skipped input is reported once, on standard error (an issue-17
    // defect: every skip line was printed twice, there and in the summary)
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    for reason in [
        "a-random.txt: too few letters",
        "a-random-gbk.txt: too few letters",
        "invisible: no letters",
    ] {
        assert_eq!(stderr.matches(reason).count(), 1, "{stderr}");
    }
}

/// An issue-17 defect: `--actor jpn`, `--actor Japan`, `--actor Giappone`
/// or `--actor Kishida` found nothing, with no hint. Identifiers in any
/// case, names and aliases in any language of the knowledge base, and names
/// in the database now resolve; a near miss is answered with a suggestion.
#[test]
fn actors_are_found_by_identifier_or_name_in_any_language() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("e.db");
    let db = path_str(&db);
    run_ok(&["ingest", "--db", db, path_str(&samples())]);
    let by_id = run_ok(&["events", "--db", db, "--actor", "JPN", "--format", "json"]);
    assert!(by_id.contains("JPN"), "{by_id}");
    for name in ["jpn", "Japan", "Giappone", "Japon", "Japón"] {
        let found = run_ok(&["events", "--db", db, "--actor", name, "--format", "json"]);
        assert_eq!(found, by_id, "--actor {name}");
    }
    let parties = run_ok(&[
        "agreements",
        "--db",
        db,
        "--party",
        "JPN",
        "--format",
        "json",
    ]);
    assert_eq!(
        run_ok(&[
            "agreements",
            "--db",
            db,
            "--party",
            "japan",
            "--format",
            "json"
        ]),
        parties
    );
    assert_one_line_failure(
        &["events", "--db", db, "--actor", "Kishida"],
        "did you mean person:fumio-kishida",
    );
    assert_one_line_failure(
        &["events", "--db", db, "--actor", "Atlantis"],
        "entente actors",
    );
}

/// An issue-17 gap: plain-text articles had no date. A date in the file
/// name dates one; `--published` dates the rest of the batch; the export
/// says where each date came from.
#[test]
fn text_files_are_dated_by_their_names_or_by_the_batch_date() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in");
    std::fs::create_dir(&input).expect("mkdir");
    let text =
        "Japan and the Philippines signed a reciprocal access agreement in Manila on Monday.\n";
    std::fs::write(input.join("2024-07-08_raa.txt"), text).expect("write");
    std::fs::write(input.join("notes.txt"), text.replace("Manila", "Tokyo")).expect("write");
    let db = dir.path().join("e.db");
    let out = run(&[
        "ingest",
        "--db",
        path_str(&db),
        "--published",
        "2024-07-10",
        path_str(&input),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let export = run_ok(&["export", "--db", path_str(&db), "--format", "jsonl"]);
    let mut dated: Vec<(String, String, String)> = export
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON"))
        .filter(|r| r["kind"] == "document")
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap_or_default().to_string();
            (s("source"), s("published"), s("published_from"))
        })
        .collect();
    dated.sort();
    assert_eq!(
        dated,
        [
            (
                "2024-07-08_raa.txt".into(),
                "2024-07-08".into(),
                "file-name".into()
            ),
            ("notes.txt".into(), "2024-07-10".into(), "flag".into()),
        ]
    );
    // `on Monday` counts back from each article's own date
    let events = run_ok(&["events", "--db", path_str(&db), "--format", "json"]);
    assert!(events.contains("2024-07-08"), "{events}");
}
