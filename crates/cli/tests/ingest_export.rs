//! End to end: ingest the sample articles, export them in every format,
//! ingest again without duplicates; the shared seeds; malformed inputs.

mod common;

use common::*;
use std::collections::HashSet;
use std::path::Path;

#[test]
fn samples_ingest_export_and_reingest() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("samples.db");
    let db = path_str(&db);
    let first = run_ok(&["ingest", "--db", db, path_str(&samples())]);
    let [stored, known, updated, _] = summary_counts(&first);
    assert!(stored >= 6, "{first}");
    assert_eq!((known, updated), (0, 0), "{first}");

    let records = export_jsonl(std::path::Path::new(db));
    for r in &records {
        let kind = r["kind"].as_str().expect("every line has a kind");
        assert!(
            ["document", "actor", "event", "agreement"].contains(&kind),
            "{r}"
        );
    }
    let docs = of_kind(&records, "document");
    assert_eq!(docs.len(), stored);
    for d in &docs {
        for field in ["id", "source", "title", "lang", "text"] {
            assert!(d[field].is_string(), "document lacks {field}: {d}");
        }
        assert!(
            d.get("published").is_some(),
            "document lacks published: {d}"
        );
        assert!(d["actors"].is_array() && d["flags"].is_array(), "{d}");
    }
    let ids: HashSet<&str> = docs.iter().filter_map(|d| d["id"].as_str()).collect();
    assert_eq!(ids.len(), docs.len(), "document ids are unique");
    // Evidence points at stored documents.
    for r in of_kind(&records, "event")
        .into_iter()
        .chain(of_kind(&records, "agreement"))
    {
        for ev in r["evidence"].as_array().expect("evidence array") {
            let doc = ev["document"].as_str().expect("evidence document");
            assert!(ids.contains(doc), "evidence names unknown document {doc}");
        }
    }

    let again = run_ok(&["ingest", "--db", db, path_str(&samples())]);
    let [stored2, known2, updated2, _] = summary_counts(&again);
    assert_eq!((stored2, known2, updated2), (0, stored, 0), "{again}");
    assert!(again.starts_with("stored 0,"), "{again}");
    assert_eq!(export_jsonl(std::path::Path::new(db)), records);
}

#[test]
fn csv_and_graphml_exports_parse() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("x.db");
    let db = path_str(&db);
    run_ok(&["ingest", "--db", db, path_str(&samples())]);

    let csv_path = dir.path().join("out.csv");
    run_ok(&[
        "export",
        "--db",
        db,
        "--format",
        "csv",
        "-o",
        path_str(&csv_path),
    ]);
    let mut reader = csv::Reader::from_path(&csv_path).expect("open csv");
    let header = reader.headers().expect("header").clone();
    assert_eq!(&header[0], "kind");
    let mut documents = 0;
    for row in reader.records() {
        let row = row.expect("every CSV row parses with the header's width");
        if &row[0] == "document" {
            documents += 1;
        }
    }
    assert!(documents >= 6);

    let graph = run_ok(&["export", "--db", db, "--format", "graphml"]);
    check_graphml(&graph);
}

/// Well-formed enough: tags balance, and every edge joins declared nodes.
fn check_graphml(xml: &str) {
    assert!(xml.starts_with("<?xml"), "XML declaration first");
    let mut stack: Vec<String> = Vec::new();
    let mut nodes = HashSet::new();
    let mut rest = xml;
    while let Some(open) = rest.find('<') {
        let close = rest[open..].find('>').expect("unclosed tag") + open;
        let tag = &rest[open + 1..close];
        rest = &rest[close + 1..];
        if tag.starts_with('?') || tag.starts_with('!') {
            continue;
        }
        let attr = |name: &str| {
            let key = format!(" {name}=\"");
            tag.find(&key).map(|i| {
                let v = &tag[i + key.len()..];
                v[..v.find('"').expect("closing quote")].to_string()
            })
        };
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
            continue;
        }
        let name = tag
            .split_whitespace()
            .next()
            .expect("tag name")
            .trim_end_matches('/')
            .to_string();
        if name == "node" {
            nodes.insert(attr("id").expect("node id"));
        }
        if name == "edge" {
            for end in ["source", "target"] {
                let id = attr(end).expect("edge end");
                assert!(nodes.contains(&id), "edge {end} {id} is not a node");
            }
        }
        if !tag.ends_with('/') {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
}

#[test]
fn shared_seeds_are_five_documents_whichever_copy_comes_first() {
    let Some(shared) = shared_dir() else {
        eprintln!("skipping: no ../shared beside the repository");
        return;
    };
    let corpus = shared.join("eval/seeds/corpus.jsonl");
    let seeds = shared.join("corpus/seeds");
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, order) in [
        ("jsonl-first", [&corpus, &seeds]),
        ("txt-first", [&seeds, &corpus]),
    ] {
        let db = dir.path().join(format!("{name}.db"));
        let out = run_ok(&[
            "ingest",
            "--db",
            path_str(&db),
            path_str(order[0]),
            path_str(order[1]),
        ]);
        let records = export_jsonl(&db);
        let docs = of_kind(&records, "document");
        // The .txt seeds and the JSONL records carry the same articles; the
        // cleaner must bring both copies to the same normalised text.
        assert_eq!(docs.len(), 5, "{name}: {out}");
        // The JSONL's publication dates survive whichever copy came first.
        let dated = docs.iter().filter(|d| d["published"].is_string()).count();
        assert!(dated >= 4, "{name}: only {dated} documents dated");
    }
}

#[test]
fn malformed_files_are_reported_and_skipped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in");
    std::fs::create_dir_all(input.join("nested")).expect("mkdir");
    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(input.join(name), bytes).expect("write input");
    };
    write(
        "good.txt",
        "Good article\n\nJapan and Australia held defence talks in Tokyo.\n".as_bytes(),
    );
    write(
        "nested/good.jsonl",
        concat!(
            r#"{"source":"line-one","title":"One","text":"Italy and Japan signed a defence equipment agreement."}"#,
            "\n",
            "{this is not json\n",
            r#"{"source":"line-three","title":"Three","text":"France and Japan agreed to open negotiations."}"#,
            "\n"
        )
        .as_bytes(),
    );
    write(
        "picture.png",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00",
    );
    write("empty.txt", b"");
    write("latin1.txt", b"Titolo\n\nPerch\xe9 la difesa \xe8 comune\n");

    let db = dir.path().join("m.db");
    let out = run(&["ingest", "--db", path_str(&db), path_str(&input)]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {}: {stderr}", out.status);
    for bad in ["picture.png", "empty.txt", "good.jsonl:2"] {
        assert_eq!(
            stderr
                .lines()
                .filter(|l| l.starts_with("skipped ") && l.contains(bad))
                .count(),
            1,
            "{bad} not reported once on stderr: {stderr}"
        );
        assert!(
            !stdout.contains(bad),
            "{bad} repeated in the summary: {stdout}"
        );
    }
    let [stored, _, _, skipped] = summary_counts(&stdout);
    // A file in another encoding may be skipped (reported by name) or,
    // once the reader repairs encodings, stored; either is correct.
    let latin1_skipped = stderr.contains("latin1.txt");
    assert_eq!(stored, 3 + usize::from(!latin1_skipped), "{stdout}");
    assert_eq!(skipped, 3 + usize::from(latin1_skipped), "{stdout}");
    let docs = export_jsonl(&db);
    assert_eq!(of_kind(&docs, "document").len(), stored);
}

#[test]
fn parallel_ingests_into_a_new_database_store_each_article_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("shared.db");
    let children: Vec<_> = (0..3)
        .map(|_| {
            entente()
                .args(["ingest", "--db", path_str(&db), path_str(&samples())])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("start entente")
        })
        .collect();
    let mut stored_total = 0;
    for child in children {
        let out = child.wait_with_output().expect("wait for entente");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        stored_total += summary_counts(&stdout)[0];
    }
    let docs = of_kind(&export_jsonl(&db), "document").len();
    assert_eq!(stored_total, docs);
}

/// An issue-17 defect: networkx refused the GraphML export ("directed=false
/// edge found in directed graph"): the file declared directed edges and
/// held undirected ones. Read now with networkx itself, and the CSV table
/// and the tidy CSV tables with Python's `csv` module, as an analyst would
/// load them.
#[test]
#[cfg_attr(
    not(entente_networkx),
    ignore = "needs python3 with networkx (pip install networkx), present when the tests are built"
)]
fn networkx_reads_the_graphml_export_and_python_the_csv() {
    let dir = tempfile::tempdir().expect("temp dir");
    // the sample articles, and a generated corpus of a few hundred
    read_exports_with_python(&samples(), &dir.path().join("samples"));
    let corpus = dir.path().join("generated.jsonl");
    std::fs::write(&corpus, generated_corpus(400)).expect("write the corpus");
    read_exports_with_python(&corpus, &dir.path().join("generated"));
}

/// `n` short English and Italian news items between states drawn from a
/// list, each with a date, most with an event, every fifth with an
/// agreement: deterministic.
fn generated_corpus(n: usize) -> String {
    const STATES: &[(&str, &str)] = &[
        ("Japan", "Il Giappone"),
        ("the Philippines", "Le Filippine"),
        ("Australia", "L'Australia"),
        ("France", "La Francia"),
        ("Germany", "La Germania"),
        ("Italy", "L'Italia"),
        ("Poland", "La Polonia"),
        ("South Korea", "La Corea del Sud"),
        ("India", "L'India"),
        ("Canada", "Il Canada"),
        ("Spain", "La Spagna"),
        ("Turkey", "La Turchia"),
    ];
    let mut out = String::new();
    let mut r: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |m: usize| {
        r = r
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((r >> 33) as usize) % m
    };
    for i in 0..n {
        let a = next(STATES.len());
        let b = (a + 1 + next(STATES.len() - 1)) % STATES.len();
        let (year, month, day) = (2018 + next(7), 1 + next(12), 1 + next(28));
        let italian = i % 3 == 0;
        let text = match (next(3), italian) {
            (0, false) => format!(
                "{} and {} signed a defence cooperation agreement on Monday.",
                STATES[a].0, STATES[b].0
            ),
            (1, false) => format!(
                "{} accused {} of spying on Tuesday.",
                STATES[a].0, STATES[b].0
            ),
            (_, false) => format!(
                "The foreign ministers of {} and {} met on Wednesday to discuss security.",
                STATES[a].0, STATES[b].0
            ),
            (0, true) => format!(
                "{} e {} hanno firmato lunedì un accordo di cooperazione nella difesa.",
                STATES[a].1, STATES[b].1
            ),
            (1, true) => format!(
                "{} ha accusato martedì {} di spionaggio.",
                STATES[a].1,
                STATES[b].1.to_lowercase()
            ),
            (_, true) => format!(
                "I ministri degli Esteri hanno discusso di sicurezza mercoledì: {} ha incontrato {}.",
                STATES[a].1,
                STATES[b].1.to_lowercase()
            ),
        };
        let record = serde_json::json!({
            "source": format!("generated-{i:04}.txt"),
            "lang": if italian { "it" } else { "en" },
            "published": format!("{year}-{month:02}-{day:02}"),
            "title": format!("Item {i}"),
            "text": text,
        });
        out.push_str(&record.to_string());
        out.push('\n');
    }
    out
}

fn read_exports_with_python(input: &Path, dir: &Path) {
    std::fs::create_dir_all(dir).expect("mkdir");
    let db = dir.join("x.db");
    let db = path_str(&db);
    run_ok(&["ingest", "--db", db, path_str(input)]);
    let graphml = dir.join("out.graphml");
    let csv = dir.join("out.csv");
    run_ok(&[
        "export",
        "--db",
        db,
        "--format",
        "graphml",
        "-o",
        path_str(&graphml),
    ]);
    run_ok(&[
        "export",
        "--db",
        db,
        "--format",
        "csv",
        "-o",
        path_str(&csv),
    ]);
    let tables = dir.join("tables");
    std::fs::create_dir(&tables).expect("mkdir");
    run_ok(&[
        "export",
        "--db",
        db,
        "--format",
        "csv",
        "-o",
        path_str(&tables),
    ]);
    let xml = std::fs::read_to_string(&graphml).expect("the export reads");
    let script = r#"
import csv, sys
import networkx as nx
g = nx.read_graphml(sys.argv[1], force_multigraph=True)
assert g.is_directed(), "a directed graph"
kinds = {d["kind"] for _, _, d in g.edges(data=True)}
assert kinds == {"event", "agreement"}, kinds
for u, v, d in g.edges(data=True):
    assert isinstance(d["mutual"], bool), d
    if d["kind"] == "agreement":
        assert d["mutual"], d
for n, d in g.nodes(data=True):
    assert d["actor_type"] and d["name"], (n, d)
with open(sys.argv[2], newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
assert rows[0][0] == "kind", rows[0]
assert all(len(r) == len(rows[0]) for r in rows), "ragged CSV"
tables = {}
for name in ["documents", "actors", "events", "agreements", "agreement_steps"]:
    with open(f"{sys.argv[3]}/{name}.csv", newline="", encoding="utf-8") as f:
        tables[name] = list(csv.DictReader(f))
ids = {r["id"] for r in tables["agreements"]}
assert tables["agreement_steps"] and all(r["agreement_id"] in ids for r in tables["agreement_steps"])
assert all(r["published_from"] in ("", "metadata", "date-line", "url", "file-name", "flag") for r in tables["documents"])
kinds = {r[0] for r in rows[1:]}
for kind, name in [("document", "documents"), ("actor", "actors"), ("event", "events"), ("agreement", "agreements")]:
    assert sum(1 for r in rows[1:] if r[0] == kind) == len(tables[name]), name
print(g.number_of_nodes(), g.number_of_edges(), len(rows) - 1)
"#;
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            script,
            path_str(&graphml),
            path_str(&csv),
            path_str(&tables),
        ])
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8_lossy(&out.stdout);
    let counts: Vec<usize> = printed
        .split_whitespace()
        .map(|n| n.parse().expect("a count"))
        .collect();
    assert_eq!(counts[0], xml.matches("<node ").count(), "every node read");
    assert_eq!(counts[1], xml.matches("<edge ").count(), "every edge read");
    assert!(counts[1] > 0 && counts[2] > 0, "{printed}");
}

/// An issue-17 gap: the CSV export mixed every kind in one sparse table
/// whose columns differed from `events --format csv`. Into a folder it now
/// writes one table per kind, with the columns of the list commands.
#[test]
fn csv_tables_have_the_columns_of_the_list_commands() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("x.db");
    let db = path_str(&db);
    run_ok(&["ingest", "--db", db, path_str(&samples())]);
    let tables = dir.path().join("tables");
    // a path ending in a separator is a folder, created if missing
    let out = format!("{}/", path_str(&tables));
    run_ok(&["export", "--db", db, "--format", "csv", "-o", &out]);
    let read = |name: &str| std::fs::read_to_string(tables.join(name)).expect("a table");
    for (table, list) in [
        ("events.csv", "events"),
        ("agreements.csv", "agreements"),
        ("actors.csv", "actors"),
    ] {
        assert_eq!(
            read(table),
            run_ok(&[list, "--db", db, "--format", "csv"]),
            "{table}"
        );
    }
    // every located event has its state's map point; others have none
    let events_csv = read("events.csv");
    let mut reader = csv::Reader::from_reader(events_csv.as_bytes());
    let headers = reader.headers().expect("a header").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (loc, lat, lon) = (col("location"), col("latitude"), col("longitude"));
    let mut located = 0;
    for row in reader.records() {
        let row = row.expect("a row");
        if row[loc].is_empty() {
            assert!(row[lat].is_empty() && row[lon].is_empty(), "{row:?}");
            continue;
        }
        located += 1;
        let (lat, lon): (f64, f64) = (
            row[lat].parse().expect("lat"),
            row[lon].parse().expect("lon"),
        );
        assert!(
            (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon),
            "{row:?}"
        );
        if row[loc].ends_with("JPN") {
            assert!(
                (30.0..46.0).contains(&lat) && (128.0..146.0).contains(&lon),
                "{row:?}"
            );
        }
    }
    assert!(located > 0, "the samples name places");
    let steps = read("agreement_steps.csv");
    assert!(steps.starts_with("agreement_id,step,status,date,documents,evidence\n"));
    assert!(steps.lines().count() > 1, "{steps}");
    let documents = read("documents.csv");
    assert_eq!(documents.lines().count(), 1 + 7, "{documents}");
    assert!(documents.contains(",file-name,"), "{documents}");
    assert!(
        std::fs::read_dir(&tables).expect("the folder").all(|e| !e
            .expect("an entry")
            .file_name()
            .to_string_lossy()
            .ends_with(".partial")),
        "no partial table left"
    );
}

/// An issue-17 gap: exports could not be filtered. The filters of `events`
/// now narrow every format to the events they keep, the actor's agreements
/// in the range, the documents behind them and the actors those mention.
#[test]
fn exports_take_the_filters_of_events() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("x.db");
    let db = path_str(&db);
    run_ok(&["ingest", "--db", db, path_str(&samples())]);
    let parse = |text: &str| -> Vec<serde_json::Value> {
        text.lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect()
    };
    let whole = parse(&run_ok(&["export", "--db", db, "--format", "jsonl"]));
    let part = parse(&run_ok(&[
        "export",
        "--db",
        db,
        "--format",
        "jsonl",
        "--actor",
        "Filipinas",
        "--since",
        "2024",
    ]));
    let ids = |records: &[serde_json::Value], kind: &str| -> Vec<String> {
        records
            .iter()
            .filter(|r| r["kind"] == kind)
            .map(|r| r["id"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let listed: Vec<serde_json::Value> = serde_json::from_str(&run_ok(&[
        "events", "--db", db, "--actor", "PHL", "--since", "2024", "--format", "json",
    ]))
    .expect("JSON");
    let mut listed_ids: Vec<String> = listed
        .iter()
        .map(|e| e["id"].as_str().unwrap_or_default().to_string())
        .collect();
    let mut part_events = ids(&part, "event");
    listed_ids.sort();
    part_events.sort();
    assert_eq!(part_events, listed_ids);
    assert!(!part_events.is_empty());
    for kind in ["document", "actor", "event", "agreement"] {
        assert!(ids(&part, kind).len() <= ids(&whole, kind).len(), "{kind}");
    }
    assert!(ids(&part, "document").len() < ids(&whole, "document").len());
    for a in part.iter().filter(|r| r["kind"] == "agreement") {
        assert!(
            a["parties"].as_array().unwrap().iter().any(|p| p == "PHL"),
            "{a}"
        );
    }
    // every event's evidence is among the documents written
    let docs = ids(&part, "document");
    for e in part.iter().filter(|r| r["kind"] == "event") {
        for ev in e["evidence"].as_array().unwrap() {
            assert!(docs.iter().any(|d| ev["document"] == d.as_str()), "{e}");
        }
    }
    let graph = run_ok(&[
        "export", "--db", db, "--format", "graphml", "--actor", "PHL",
    ]);
    check_graphml(&graph);
    assert!(graph.matches("<node ").count() < 16, "{graph}");
    assert_one_line_failure_contains(
        &[
            "export", "--db", db, "--format", "jsonl", "--since", "2024-13",
        ],
        "--since",
    );
}

fn assert_one_line_failure_contains(args: &[&str], needle: &str) {
    let out = run(args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{args:?} should fail");
    assert!(stderr.contains(needle), "{args:?}: {stderr}");
}
