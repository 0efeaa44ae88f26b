//! The review workflow end to end, through the built binary, on SQLite and
//! on PostgreSQL: `review list`, `confirm`, `reject`, `edit`; corrections
//! surviving a re-ingest of the same articles and an ingest of new ones;
//! `accuracy` on known corrections; `export --format corrections` and
//! `corrections import` between two databases; the errors that say what
//! to do.
//!
//! The PostgreSQL half needs `ENTENTE_TEST_PG` (each test makes its own
//! databases).

mod common;

use common::{path_str, run, run_ok, samples};
use serde_json::Value;
use std::path::Path;

const RAA: &str = "2024-07-08_japan-philippines-raa.txt";

/// The records `review list ARGS` shows, as JSON objects.
fn review_list(db: &str, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["review", "list", "--db", db, "--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&run_ok(&all)).expect("review list --format json")
}

/// The id of the one listed record of `kind` whose type starts with `t`.
fn id_of(db: &str, args: &[&str], kind: &str, t: &str) -> String {
    let found: Vec<Value> = review_list(db, args)
        .into_iter()
        .filter(|r| r["kind"] == kind && r["type"].as_str().is_some_and(|x| x.starts_with(t)))
        .collect();
    assert_eq!(found.len(), 1, "{kind} {t} in {args:?}: {found:?}");
    found[0]["id"].as_str().expect("id").to_string()
}

fn events_json(db: &str, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["events", "--db", db, "--format", "json"];
    args.extend_from_slice(extra);
    serde_json::from_str(&run_ok(&args)).expect("events --format json")
}

fn has_type(events: &[Value], t: &str, actor: &str) -> Option<Value> {
    events
        .iter()
        .find(|e| {
            e["type"] == t
                && e["actor"]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|x| x == actor))
        })
        .cloned()
}

/// What the corrections of [`workflow`] leave, checked after each step.
fn check(db: &str, when: &str) {
    let visible = events_json(db, &["--actor", "PHL"]);
    assert!(
        has_type(&visible, "ACCUSE", "PHL").is_none(),
        "{when}: the rejected accusation is listed"
    );
    let all = events_json(db, &["--actor", "PHL", "--rejected"]);
    let accuse = has_type(&all, "ACCUSE", "PHL").expect("listed with --rejected");
    assert!(
        accuse["why"]
            .as_array()
            .expect("why")
            .iter()
            .any(|w| w.as_str().is_some_and(
                |w| w.starts_with("rejected by ana ") && w.ends_with("(not an accusation)")
            )),
        "{when}: {accuse}"
    );
    let support = has_type(&visible, "SUPPORT", "PHL").expect("support");
    assert!(
        support["why"].as_array().expect("why").iter().any(|w| w
            .as_str()
            .is_some_and(|w| w.starts_with("confirmed by bob "))),
        "{when}: {support}"
    );
    let agreements: Vec<Value> = serde_json::from_str(&run_ok(&[
        "agreements",
        "--db",
        db,
        "--party",
        "PHL",
        "--format",
        "json",
    ]))
    .expect("agreements");
    assert!(
        agreements
            .iter()
            .any(|a| a["agreement_type"] == "reciprocal_access" && a["status"] == "in_force"),
        "{when}: {agreements:?}"
    );
}

/// The edit of the second ingest: the Korea–Japan AGREE made a CONSULT.
fn check_edit(db: &str, when: &str) {
    let kor = events_json(
        db,
        &[
            "--actor", "KOR", "--type", "CONSULT", "--since", "2023-03", "--until", "2023-03",
        ],
    );
    let edited = kor
        .iter()
        .find(|e| {
            e["why"].as_array().is_some_and(|w| {
                w.iter().any(|x| {
                    x.as_str()
                        .is_some_and(|x| x.contains(": type AGREE → CONSULT"))
                })
            })
        })
        .unwrap_or_else(|| panic!("{when}: no edited event in {kor:?}"));
    assert_eq!(edited["date"], "2023-03-16", "{when}");
    assert_eq!(edited["date_precision"], "day", "{when}");
}

fn workflow(db: &str, other: &str, tmp: &Path) {
    // a first article, then its records corrected
    let first = tmp.join("first");
    std::fs::create_dir_all(&first).expect("dir");
    std::fs::copy(samples().join(RAA), first.join(RAA)).expect("copy");
    run_ok(&["ingest", "--db", db, path_str(&first)]);
    let pair = ["--actor", "Japan", "--with", "PHL"];
    let accuse = id_of(db, &pair, "event", "ACCUSE");
    let support = id_of(db, &pair, "event", "SUPPORT");
    let raa = id_of(db, &pair, "agreement", "reciprocal_access");
    let out = run_ok(&[
        "review",
        "reject",
        "--db",
        db,
        &accuse,
        "--author",
        "ana",
        "--comment",
        "not an accusation",
    ]);
    assert!(out.contains("hidden from listings"), "{out}");
    run_ok(&["review", "confirm", "--db", db, &support, "--author", "bob"]);
    run_ok(&[
        "review", "edit", "--db", db, &raa, "--status", "in_force", "--author", "ana",
    ]);
    check(db, "after the corrections");
    let listed = review_list(db, &pair);
    assert!(
        listed
            .iter()
            .any(|r| r["id"] == accuse.as_str() && r["review"] == "rejected"),
        "{listed:?}"
    );

    // the same article again, then new articles
    run_ok(&["ingest", "--db", db, path_str(&first)]);
    check(db, "after a re-ingest of the same article");
    run_ok(&["ingest", "--db", db, path_str(&samples())]);
    check(db, "after an ingest of new articles");
    let agree = id_of(
        db,
        &[
            "--actor", "KOR", "--type", "AGREE", "--since", "2023-03", "--until", "2023-03",
        ],
        "event",
        "AGREE",
    );
    run_ok(&[
        "review",
        "edit",
        "--db",
        db,
        &agree,
        "--type",
        "consult",
        "--date",
        "2023-03-16",
        "--author",
        "ana",
    ]);
    check_edit(db, "after the edit");
    run_ok(&["ingest", "--db", db, path_str(&samples())]);
    check(db, "after a full rebuild");
    check_edit(db, "after a full rebuild");

    // accuracy of the three reviewed events: one kept
    let rows: Vec<Value> =
        serde_json::from_str(&run_ok(&["accuracy", "--db", db, "--format", "json"]))
            .expect("accuracy json");
    let row = |record: &str, by: &str, value: &str| {
        let r = rows
            .iter()
            .find(|r| r["record"] == record && r["by"] == by && r["value"] == value)
            .unwrap_or_else(|| panic!("no {record} {by}={value} in {rows:?}"));
        (
            r["reviewed"].as_u64().expect("n"),
            r["kept"].as_u64().expect("n"),
            r["share"].as_f64().expect("share"),
        )
    };
    // three events and one agreement reviewed
    assert_eq!(row("all", "all", "all"), (4, 1, 0.25));
    assert_eq!(row("event", "all", "all"), (3, 1, 0.333));
    assert_eq!(row("event", "type", "ACCUSE"), (1, 0, 0.0));
    assert_eq!(row("event", "type", "SUPPORT"), (1, 1, 1.0));
    assert_eq!(row("event", "type", "AGREE"), (1, 0, 0.0));
    assert_eq!(row("event", "lang", "en"), (3, 1, 0.333));
    assert_eq!(row("event", "month", "2024-07"), (2, 1, 0.5));
    assert_eq!(row("agreement", "all", "all"), (1, 0, 0.0));
    assert_eq!(row("agreement", "type", "reciprocal_access"), (1, 0, 0.0));
    assert_eq!(row("agreement", "month", "2024-07"), (1, 0, 0.0));
    let csv = run_ok(&["accuracy", "--db", db, "--format", "csv"]);
    assert!(
        csv.starts_with(
            "record,by,value,reviewed,kept,rejected,edited,share\nall,all,all,4,1,1,2,0.250\nevent,all,all,3,1,1,1,0.333\n"
        ),
        "{csv}"
    );

    // the export marks corrected records; rejected ones only when asked
    let export = run_ok(&["export", "--db", db, "--format", "jsonl"]);
    assert!(
        !export.contains("\"rejected\":true"),
        "a rejected record exported"
    );
    assert!(export.contains("\"confirmed\":true"));
    let export = run_ok(&["export", "--db", db, "--format", "jsonl", "--rejected"]);
    assert!(export.contains("\"rejected\":true"));

    // the reviewed articles as gold files: the rejected event left out,
    // the confirmed one required, the others optional
    let gold_dir = tmp.join("gold");
    run_ok(&[
        "export",
        "--db",
        db,
        "--format",
        "gold",
        "-o",
        path_str(&gold_dir),
    ]);
    let files: Vec<_> = std::fs::read_dir(&gold_dir)
        .expect("gold folder")
        .map(|f| f.expect("entry").path())
        .collect();
    assert_eq!(files.len(), 2, "{files:?}");
    let raa: Value = serde_json::from_str(
        &std::fs::read_to_string(gold_dir.join(format!("{RAA}.json"))).expect("gold file"),
    )
    .expect("gold JSON");
    assert_eq!(raa["source"], RAA);
    let gold_events = raa["events"].as_array().expect("events");
    assert!(gold_events.iter().all(|e| e["type"] != "ACCUSE"), "{raa}");
    assert!(
        gold_events
            .iter()
            .any(|e| e["type"] == "SUPPORT" && e["optional"] == false),
        "{raa}"
    );
    assert!(
        raa["agreements"]
            .as_array()
            .expect("agreements")
            .iter()
            .any(|a| a["agreement_type"] == "reciprocal_access" && a["status"][0] == "in_force"),
        "{raa}"
    );
    assert!(
        raa["actors"]["persons"]
            .as_array()
            .expect("persons")
            .iter()
            .any(|p| p == "Yoko Kamikawa"),
        "{raa}"
    );

    // corrections travel to another database, once
    let file = tmp.join("corrections.jsonl");
    run_ok(&[
        "export",
        "--db",
        db,
        "--format",
        "corrections",
        "-o",
        path_str(&file),
    ]);
    assert_eq!(
        std::fs::read_to_string(&file)
            .expect("read")
            .lines()
            .count(),
        4
    );
    run_ok(&["ingest", "--db", other, path_str(&samples())]);
    let out = run_ok(&["corrections", "import", "--db", other, path_str(&file)]);
    assert!(
        out.contains("imported 4 new corrections, 0 already stored"),
        "{out}"
    );
    assert!(!out.contains("no longer find"), "{out}");
    let out = run_ok(&["corrections", "import", "--db", other, path_str(&file)]);
    assert!(
        out.contains("imported 0 new corrections, 4 already stored"),
        "{out}"
    );
    check(other, "in the other database");
    check_edit(other, "in the other database");
    // the same records (documents are listed in the order first stored,
    // which differs)
    let records = |db: &str| {
        let mut lines: Vec<String> =
            run_ok(&["export", "--db", db, "--format", "jsonl", "--rejected"])
                .lines()
                .filter(|l| {
                    l.starts_with("{\"kind\":\"event\"") || l.starts_with("{\"kind\":\"agreement\"")
                })
                .map(String::from)
                .collect();
        lines.sort();
        lines
    };
    let mine = records(db);
    assert!(
        mine.iter()
            .filter(|l| l.contains("\"correction\":"))
            .count()
            == 4
    );
    assert_eq!(mine, records(other));

    // into a database without the article, they are reported, not lost
    let lonely = tmp.join("lonely");
    std::fs::create_dir_all(&lonely).expect("dir");
    std::fs::copy(samples().join("aukus.html"), lonely.join("aukus.html")).expect("copy");
    let third = tmp.join("third.db");
    run_ok(&["ingest", "--db", path_str(&third), path_str(&lonely)]);
    let out = run_ok(&[
        "corrections",
        "import",
        "--db",
        path_str(&third),
        path_str(&file),
    ]);
    assert!(out.contains("4 no longer find their record here"), "{out}");
    let listed = run_ok(&[
        "corrections",
        "list",
        "--db",
        path_str(&third),
        "--format",
        "csv",
    ]);
    assert_eq!(listed.matches(",not found,").count(), 4, "{listed}");
}

#[test]
fn review_workflow_on_sqlite() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    workflow(path_str(&a), path_str(&b), dir.path());
}

#[test]
#[cfg_attr(
    not(entente_pg),
    ignore = "needs PostgreSQL: build the tests with ENTENTE_TEST_PG set (.ci/run starts a server)"
)]
fn review_workflow_on_postgres() {
    let Some(a) = common::pg_database() else {
        return;
    };
    let Some(b) = common::pg_database() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    workflow(a.url(), b.url(), dir.path());
}

/// The edits of [`edits_of_every_field`], checked after each step.
fn check_field_edits(db: &str, when: &str) {
    let support = has_type(&events_json(db, &["--actor", "PHL"]), "SUPPORT", "PHL")
        .unwrap_or_else(|| panic!("{when}: no support event"));
    assert_eq!(
        support["actor_sectors"],
        serde_json::json!(["MIL"]),
        "{when}"
    );
    assert_eq!(
        support["location"]["place"], "Subic Bay",
        "{when}: {support}"
    );
    assert_eq!(support["location"]["country"], "PHL", "{when}: {support}");
    let agreements: Vec<Value> = serde_json::from_str(&run_ok(&[
        "agreements",
        "--db",
        db,
        "--party",
        "USA",
        "--format",
        "json",
    ]))
    .expect("agreements");
    let with_jpn: Vec<&Value> = agreements
        .iter()
        .filter(|a| {
            a["parties"]
                .as_array()
                .is_some_and(|p| p.iter().any(|x| x == "JPN"))
        })
        .collect();
    assert_eq!(with_jpn.len(), 1, "{when}: {agreements:?}");
    let a = with_jpn[0];
    assert_eq!(a["agreement_type"], "defence_cooperation", "{when}");
    assert_eq!(
        a["parties"],
        serde_json::json!(["JPN", "PHL", "USA"]),
        "{when}"
    );
    let first = &a["history"][0];
    assert_eq!(first["status"], "proposed", "{when}: {a}");
    assert_eq!(first["date"], "2024-06-01", "{when}: {a}");
}

fn edits_of_every_field(db: &str, tmp: &Path) {
    let first = tmp.join("first");
    std::fs::create_dir_all(&first).expect("dir");
    std::fs::copy(samples().join(RAA), first.join(RAA)).expect("copy");
    run_ok(&["ingest", "--db", db, path_str(&first)]);
    let pair = ["--actor", "Japan", "--with", "PHL"];
    let support = id_of(db, &pair, "event", "SUPPORT");
    let raa = id_of(db, &pair, "agreement", "reciprocal_access");
    let out = run_ok(&[
        "review",
        "edit",
        "--db",
        db,
        &support,
        "--actor-sectors",
        "mil",
        "--place",
        "Subic Bay",
        "--place-country",
        "PHL",
        "--author",
        "ana",
    ]);
    assert!(out.contains("edited"), "{out}");
    run_ok(&[
        "review",
        "edit",
        "--db",
        db,
        &raa,
        "--type",
        "defence_cooperation",
        "--parties",
        "JPN,PHL,USA",
        "--author",
        "ana",
    ]);
    let raa = id_of(db, &pair, "agreement", "defence_cooperation");
    run_ok(&[
        "review",
        "edit",
        "--db",
        db,
        &raa,
        "--step",
        "1",
        "--step-status",
        "proposed",
        "--step-date",
        "2024-06-01",
        "--author",
        "bob",
    ]);
    check_field_edits(db, "after the edits");
    run_ok(&["ingest", "--db", db, path_str(&first)]);
    check_field_edits(db, "after a re-ingest of the same article");
    run_ok(&["ingest", "--db", db, path_str(&samples())]);
    check_field_edits(db, "after an ingest of new articles (a full rebuild)");
    // a step that does not exist, a type of the wrong kind
    let out = run(&[
        "review",
        "edit",
        "--db",
        db,
        &raa,
        "--step",
        "9",
        "--step-status",
        "signed",
        "--author",
        "ana",
    ]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("numbered from 1"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&[
        "review", "edit", "--db", db, &raa, "--type", "ACCUSE", "--author", "ana",
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an agreement type"));
}

#[test]
fn review_edits_of_every_field_on_sqlite() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("f.db");
    edits_of_every_field(path_str(&db), dir.path());
}

#[test]
#[cfg_attr(
    not(entente_pg),
    ignore = "needs PostgreSQL: build the tests with ENTENTE_TEST_PG set (.ci/run starts a server)"
)]
fn review_edits_of_every_field_on_postgres() {
    let Some(db) = common::pg_database() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    edits_of_every_field(db.url(), dir.path());
}

#[test]
fn review_errors_say_what_to_do() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("e.db");
    let db = path_str(&db);
    run_ok(&["ingest", "--db", db, path_str(&samples().join(RAA))]);
    let id = id_of(db, &["--actor", "PHL"], "event", "SUPPORT");
    let out = common::entente()
        .env_remove("USER")
        .args(["review", "confirm", "--db", db, &id])
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("give --author NAME (or set $USER)"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["review", "reject", "--db", db, "ev-0000", "--author", "ana"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("entente review list"));
    let out = run(&["review", "edit", "--db", db, &id, "--author", "ana"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("say what to change"));
    let out = run(&[
        "review", "edit", "--db", db, &id, "--date", "2024-13", "--author", "ana",
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("YYYY-MM"));
    let out = run(&[
        "review",
        "edit",
        "--db",
        db,
        &id,
        "--parties",
        "JPN",
        "--author",
        "ana",
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not --parties"));
    // nothing was stored by the refused calls
    let listed = run_ok(&["corrections", "list", "--db", db, "--format", "csv"]);
    assert_eq!(listed.lines().count(), 1, "{listed}");
    let help = run_ok(&["review", "--help"]);
    assert!(help.contains("Examples:") && help.contains("entente review reject"));
}

#[test]
fn merge_split_and_revert_through_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("m.db");
    let db = path_str(&db);
    run_ok(&["ingest", "--db", db, path_str(&samples().join(RAA))]);
    let pair = ["--actor", "JPN", "--with", "PHL"];
    let support = id_of(db, &pair, "event", "SUPPORT");
    let accuse = id_of(db, &pair, "event", "ACCUSE");
    let visible = |db: &str| events_json(db, &["--actor", "PHL"]).len();
    let before = visible(db);
    // the support event has two sentences; the second becomes its own event
    let support_event = events_json(db, &["--actor", "PHL", "--type", "SUPPORT"]);
    let second = &support_event[0]["evidence"][1];
    let sentence = format!(
        "{}:{}-{}",
        second["document"].as_str().expect("doc"),
        second["start"],
        second["end"]
    );
    let out = run_ok(&[
        "review",
        "split",
        "--db",
        db,
        &support,
        "--evidence",
        &sentence,
        "--author",
        "ana",
    ]);
    assert!(out.starts_with(&format!("split {support}")), "{out}");
    assert_eq!(visible(db), before + 1);
    // the accusation is part of the support event
    let out = run_ok(&[
        "review", "merge", "--db", db, &support, &accuse, "--author", "ana",
    ]);
    assert!(
        out.starts_with(&format!("merged {accuse} into {support}")),
        "{out}"
    );
    assert_eq!(visible(db), before);
    let listed = review_list(db, &pair);
    assert!(
        listed.iter().any(|r| r["review"]
            .as_str()
            .is_some_and(|v| v.contains("merged into"))),
        "{listed:?}"
    );
    run_ok(&["ingest", "--db", db, path_str(&samples())]);
    assert_eq!(
        events_json(db, &["--actor", "PHL"])
            .iter()
            .filter(|e| e["type"] == "ACCUSE")
            .count(),
        0,
        "the merged event came back after an ingest"
    );
    // both undone, latest first
    let corrections: Vec<Value> = serde_json::from_str(&run_ok(&[
        "corrections",
        "list",
        "--db",
        db,
        "--format",
        "json",
    ]))
    .expect("json");
    assert_eq!(corrections.len(), 2);
    for c in corrections.iter().rev() {
        let id = c["id"].as_str().expect("id");
        run_ok(&["review", "revert", "--db", db, id, "--author", "bob"]);
    }
    let after: Vec<Value> = events_json(db, &["--actor", "PHL"]);
    assert!(
        after.iter().any(|e| e["type"] == "ACCUSE"),
        "the merge is undone"
    );
    let support_now = has_type(&after, "SUPPORT", "PHL").expect("support");
    assert_eq!(
        support_now["evidence"].as_array().map(Vec::len),
        Some(2),
        "the split is undone"
    );
    let out = run(&[
        "review",
        "split",
        "--db",
        db,
        &support,
        "--evidence",
        "nonsense",
        "--author",
        "ana",
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("DOCUMENT:START-END"));
}

#[test]
fn agreements_are_merged_and_reverted_through_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("g.db");
    let db = path_str(&db);
    run_ok(&["ingest", "--db", db, path_str(&samples())]);
    let agreements = |db: &str| -> Vec<Value> {
        serde_json::from_str(&run_ok(&["agreements", "--db", db, "--format", "json"]))
            .expect("agreements")
    };
    // the records of one article
    let events = events_json(db, &[]);
    let doc = events[0]["evidence"][0]["document"]
        .as_str()
        .expect("document")
        .to_string();
    let of_doc = events
        .iter()
        .filter(|e| {
            e["evidence"]
                .as_array()
                .is_some_and(|ev| ev.iter().any(|x| x["document"] == doc.as_str()))
        })
        .count();
    let listed: Vec<Value> = review_list(db, &["--document", &doc])
        .into_iter()
        .filter(|r| r["kind"] == "event")
        .collect();
    assert!(of_doc > 0);
    assert_eq!(listed.len(), of_doc, "{listed:?}");
    let before = agreements(db);
    assert!(before.len() >= 2, "{before:?}");
    let (into, from) = (
        before[0]["id"].as_str().expect("id").to_string(),
        before[1]["id"].as_str().expect("id").to_string(),
    );
    let out = run_ok(&[
        "review", "merge", "--db", db, &into, &from, "--author", "ana",
    ]);
    assert!(
        out.starts_with(&format!("merged {from} into {into}")),
        "{out}"
    );
    let after = agreements(db);
    assert_eq!(after.len(), before.len() - 1);
    let merged = after
        .iter()
        .find(|a| a["id"] == into.as_str())
        .expect("the agreement merged into keeps its id");
    // the merged record cites every sentence either cited, once
    let sentences = |a: &Value| -> std::collections::BTreeSet<String> {
        a["evidence"]
            .as_array()
            .map(|ev| {
                ev.iter()
                    .map(|x| format!("{}:{}", x["document"], x["start"]))
                    .collect()
            })
            .unwrap_or_default()
    };
    let union: std::collections::BTreeSet<String> = sentences(&before[0])
        .union(&sentences(&before[1]))
        .cloned()
        .collect();
    assert!(!union.is_empty());
    assert_eq!(sentences(merged), union);
    // an event and an agreement are not one record
    let event = events_json(db, &[])[0]["id"]
        .as_str()
        .expect("id")
        .to_string();
    let out = run(&[
        "review", "merge", "--db", db, &into, &event, "--author", "ana",
    ]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("merge two events or two agreements"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed: Vec<Value> = serde_json::from_str(&run_ok(&[
        "corrections",
        "list",
        "--db",
        db,
        "--format",
        "json",
    ]))
    .expect("json");
    let id = listed[0]["id"].as_str().expect("id");
    run_ok(&["review", "revert", "--db", db, id, "--author", "bob"]);
    assert_eq!(agreements(db).len(), before.len(), "the merge is undone");
}
