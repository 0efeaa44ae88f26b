//! `POST /api/corrections`: refused with 401 and nothing changed on a
//! read-only server, without a token and with a wrong one; accepted from
//! an editor's token and recorded as that analyst's.

mod common;

use common::{TestServer, fixture, http_with, store_with};
use entente_server::App;
use entente_server::editors::Editors;
use entente_store::{SqliteStore, Store};
use serde_json::{Value, json};
use std::path::Path;

const ANA: &str = "ana-0123456789abcdef";
const BOB: &str = "bob-fedcba9876543210";

fn editors() -> Editors {
    Editors::parse(&format!("# the team\nana {ANA}\nbob {BOB}\n")).expect("editors")
}

fn start(db: &Path, with_editors: bool) -> TestServer {
    let path = db.to_str().expect("UTF-8");
    let app = App::open(path).expect("open");
    TestServer::start_app(if with_editors {
        app.with_editors(path, editors())
    } else {
        app
    })
}

fn post(server: &TestServer, token: Option<&str>, body: &str) -> common::Response {
    let auth = token.map(|t| format!("Authorization: Bearer {t}"));
    let mut headers = vec!["Content-Type: application/json"];
    if let Some(a) = &auth {
        headers.push(a);
    }
    http_with(server.addr, "POST", "/api/corrections", &headers, body)
}

/// The corrections stored and the ids of the events listed.
fn state(db: &Path) -> (usize, Vec<String>) {
    let store = SqliteStore::open_read_only(db).expect("open");
    let corrections = store.corrections().expect("corrections").len();
    let events = store
        .events(&entente_store::EventFilter::default())
        .expect("events")
        .into_iter()
        .map(|e| e.id)
        .collect();
    (corrections, events)
}

fn first_event(server: &TestServer) -> String {
    server.get("/api/events").json()["items"][0]["id"]
        .as_str()
        .expect("an event")
        .to_string()
}

#[test]
fn writes_without_a_valid_token_or_on_a_read_only_server_change_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = store_with(dir.path(), &fixture());
    let before = state(&db);
    {
        let server = start(&db, false);
        let id = first_event(&server);
        let body = format!(r#"{{"record":"{id}","action":"reject"}}"#);
        let r = post(&server, Some(ANA), &body);
        assert_eq!(r.status, 401, "{}", r.body);
        assert!(r.error().contains("--editors"), "{}", r.body);
    }
    let server = start(&db, true);
    let id = first_event(&server);
    let body = format!(r#"{{"record":"{id}","action":"reject"}}"#);
    for token in [
        None,
        Some(""),
        Some("ana-0123456789abcdeX"),
        Some("ana-0123456789abcde"),
        Some("ana-0123456789abcdef0"),
        Some("ana"),
    ] {
        let r = post(&server, token, &body);
        assert_eq!(r.status, 401, "{token:?}: {}", r.body);
        assert!(r.error().contains("Bearer"), "{}", r.body);
    }
    // a token in another scheme is no bearer token
    let r = http_with(
        server.addr,
        "POST",
        "/api/corrections",
        &[&format!("Authorization: Basic {ANA}")],
        &body,
    );
    assert_eq!(r.status, 401);
    drop(server);
    assert_eq!(state(&db), before, "a refused write changed the database");
}

#[test]
fn an_editor_s_write_is_applied_and_attributed_to_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = store_with(dir.path(), &fixture());
    let (_, events_before) = state(&db);
    let server = start(&db, true);
    let id = first_event(&server);

    let r = post(&server, Some(ANA), "not json");
    assert_eq!(r.status, 400, "{}", r.body);
    let r = post(
        &server,
        Some(ANA),
        r#"{"record":"ev-none","action":"reject"}"#,
    );
    assert_eq!(r.status, 404, "{}", r.body);
    let r = post(
        &server,
        Some(ANA),
        &format!(r#"{{"record":"{id}","action":"edit","edit":{{"date":"2024-13"}}}}"#),
    );
    assert_eq!(r.status, 400, "{}", r.body);
    assert_eq!(state(&db).0, 0, "a refused write stored a correction");

    let r = post(
        &server,
        Some(ANA),
        &format!(r#"{{"record":"{id}","action":"reject","comment":"not an event"}}"#),
    );
    assert_eq!(r.status, 201, "{}", r.body);
    let answer: Value = r.json();
    assert_eq!(answer["correction"]["author"], "ana");
    assert_eq!(answer["correction"]["action"], "reject");
    assert_eq!(answer["record"], id.as_str());
    let listed: Vec<String> = server.get("/api/events").json()["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|e| e["id"].as_str().map(String::from))
        .collect();
    assert!(!listed.contains(&id), "the rejected event is still listed");
    assert_eq!(listed.len(), events_before.len() - 1);

    let r = post(
        &server,
        Some(BOB),
        &format!(r#"{{"record":"{id}","action":"confirm"}}"#),
    );
    assert_eq!(r.status, 201, "{}", r.body);
    drop(server);
    let store = SqliteStore::open_read_only(&db).expect("open");
    let authors: Vec<String> = store
        .corrections()
        .expect("corrections")
        .into_iter()
        .map(|c| c.correction.author)
        .collect();
    assert_eq!(authors, ["ana", "bob"]);
    assert_eq!(
        state(&db).1,
        events_before,
        "bob's confirmation lifts the rejection"
    );
}

#[test]
fn a_long_comment_is_accepted_and_a_body_beyond_the_write_limit_is_a_json_413() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = store_with(dir.path(), &fixture());
    let server = start(&db, true);
    let id = first_event(&server);
    // a comment of several kilobytes: far more than a GET's body limit
    let comment = "the sentence reports a plan, not an act; ".repeat(150);
    assert!(comment.len() > 4 * entente_server::MAX_BODY_BYTES);
    let body = serde_json::json!({"record": id, "action": "confirm", "comment": comment});
    let r = post(&server, Some(ANA), &body.to_string());
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(
        r.json()["correction"]["comment"].as_str(),
        Some(comment.trim())
    );
    // beyond the write limit: refused with a JSON error naming the limit
    let huge = "x".repeat(entente_server::MAX_CORRECTION_BYTES + 1);
    let body = serde_json::json!({"record": id, "action": "confirm", "comment": huge});
    let r = post(&server, Some(ANA), &body.to_string());
    assert_eq!(r.status, 413, "{}", r.body);
    assert!(
        r.error()
            .contains(&entente_server::MAX_CORRECTION_BYTES.to_string()),
        "{}",
        r.body
    );
    // the reading endpoints keep their small limit
    let r = server.request("GET", "/api/events", &"x".repeat(4096));
    assert_eq!(r.status, 413, "{}", r.body);
    assert!(
        r.error()
            .contains(&entente_server::MAX_BODY_BYTES.to_string()),
        "{}",
        r.body
    );
    drop(server);
    assert_eq!(
        state(&db).0,
        1,
        "only the long comment's correction is stored"
    );
}

#[test]
fn edits_of_sectors_place_agreement_type_and_a_history_step_through_the_api() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = store_with(dir.path(), &fixture());
    let server = start(&db, true);
    let id = first_event(&server);
    let body = serde_json::json!({
        "record": id,
        "action": "edit",
        "edit": {"actor_sectors": ["MIL"], "place": "Subic Bay", "place_country": "PHL"},
        "comment": "the exercise was at the bay",
    });
    let r = post(&server, Some(ANA), &body.to_string());
    assert_eq!(r.status, 201, "{}", r.body);
    let now = r.json()["record"].as_str().expect("record").to_string();
    let e = server.get(&format!("/api/events/{now}")).json();
    assert_eq!(e["actor_sectors"], serde_json::json!(["MIL"]), "{e}");
    assert_eq!(e["location"]["place"], "Subic Bay", "{e}");
    assert_eq!(e["location"]["country"], "PHL", "{e}");

    let a = server.get("/api/agreements").json()["items"][0].clone();
    let agreement = a["id"].as_str().expect("id").to_string();
    let first_step = a["history"][0]["evidence"][0].clone();
    let body = serde_json::json!({
        "record": agreement,
        "action": "edit",
        "edit": {
            "agreement_type": "defence_cooperation",
            "step": {
                "evidence": {
                    "document": first_step["document"],
                    "start": first_step["start"],
                    "end": first_step["end"],
                },
                "status": "proposed",
                "date": "2023-10",
            },
        },
    });
    let r = post(&server, Some(BOB), &body.to_string());
    assert_eq!(r.status, 201, "{}", r.body);
    let now = r.json()["record"].as_str().expect("record").to_string();
    let a = server.get(&format!("/api/agreements/{now}")).json();
    assert_eq!(a["agreement_type"], "defence_cooperation", "{a}");
    assert_eq!(a["history"][0]["status"], "proposed", "{a}");
    assert_eq!(a["history"][0]["date"], "2023-10", "{a}");
    assert!(
        a["history"]
            .as_array()
            .expect("history")
            .iter()
            .flat_map(|s| s["why"].as_array().into_iter().flatten())
            .any(|w| w
                .as_str()
                .is_some_and(|w| w.starts_with("corrected by bob ")
                    && w.contains("history step ")
                    && w.ends_with("→ proposed"))),
        "{a}"
    );
    // a field of the other kind of record is refused, nothing stored
    let body = serde_json::json!({
        "record": agreement, "action": "edit", "edit": {"place": "Manila"},
    });
    let r = post(&server, Some(BOB), &body.to_string());
    assert_eq!(r.status, 400, "{}", r.body);
    drop(server);
    assert_eq!(state(&db).0, 2);
}

#[test]
fn records_are_merged_and_split_through_the_api() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = store_with(dir.path(), &fixture());
    let (_, before) = state(&db);
    let server = start(&db, true);
    let items = server.get("/api/events").json()["items"].clone();
    let (a, b) = (
        items[0]["id"].as_str().expect("id").to_string(),
        items[1]["id"].as_str().expect("id").to_string(),
    );
    // a merge needs the other record, a split the sentences
    for bad in [
        json!({"record": a, "action": "merge"}),
        json!({"record": a, "action": "split"}),
        json!({"record": a, "action": "confirm", "other": b}),
        json!({"record": a, "action": "merge", "other": b, "edit": {"date": "2024"}}),
        json!({"record": a, "action": "revert"}),
    ] {
        let r = post(&server, Some(ANA), &bad.to_string());
        assert_eq!(r.status, 400, "{bad}: {}", r.body);
    }
    let r = post(
        &server,
        Some(ANA),
        &json!({"record": a, "action": "merge", "other": b, "comment": "one meeting"}).to_string(),
    );
    assert_eq!(r.status, 201, "{}", r.body);
    let merged = r.json()["record"].as_str().expect("record").to_string();
    let e = server.get(&format!("/api/events/{merged}")).json();
    let sentences = e["evidence"].as_array().expect("evidence").clone();
    assert_eq!(sentences.len(), 2, "{e}");
    assert_eq!(state(&db).1.len(), before.len() - 1);
    // the second sentence split off again
    let moved = &sentences[1];
    let r = post(
        &server,
        Some(BOB),
        &json!({
            "record": merged,
            "action": "split",
            "evidence": [{"document": moved["document"], "start": moved["start"], "end": moved["end"]}],
        })
        .to_string(),
    );
    assert_eq!(r.status, 201, "{}", r.body);
    let answer = r.json();
    let new = answer["split_off"].as_str().expect("split_off").to_string();
    let e = server.get(&format!("/api/events/{new}")).json();
    assert_eq!(e["evidence"][0]["start"], moved["start"], "{e}");
    assert_eq!(state(&db).1.len(), before.len());
    drop(server);
    let store = SqliteStore::open_read_only(&db).expect("open");
    let actions: Vec<(String, &str)> = store
        .corrections()
        .expect("corrections")
        .into_iter()
        .map(|c| (c.correction.author, c.correction.action.as_str()))
        .collect();
    assert_eq!(
        actions,
        [("ana".to_string(), "merge"), ("bob".to_string(), "split")]
    );
}
