//! The HTTP API against a real server on a loopback port: every endpoint
//! and filter on a hand-built record, malformed parameters, an empty
//! database, and the repository's samples through the real pipeline.

mod common;

use common::{TestServer, enc, fixture, store_with};
use serde_json::Value;
use std::collections::BTreeSet;

fn fixture_server() -> (tempfile::TempDir, TestServer) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = store_with(dir.path(), &fixture());
    let server = TestServer::start(&db);
    (dir, server)
}

/// `GET path`, requiring 200, as JSON.
fn ok(server: &TestServer, path: &str) -> Value {
    let r = server.get(path);
    assert_eq!(r.status, 200, "{path}: {}", r.body);
    r.json()
}

fn items(v: &Value) -> &Vec<Value> {
    v["items"].as_array().expect("items array")
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn types_of(list: &Value) -> BTreeSet<String> {
    items(list)
        .iter()
        .filter_map(|e| e["type"].as_str().map(String::from))
        .collect()
}

/// A 4xx whose message names `needle`.
fn refused(server: &TestServer, path: &str, status: u16, needle: &str) {
    let r = server.get(path);
    assert_eq!(r.status, status, "{path}: {}", r.body);
    assert_eq!(
        r.header("content-type"),
        Some("application/json"),
        "{path}: errors are JSON"
    );
    let message = r.error();
    assert!(
        message.contains(needle),
        "{path}: message {message:?} should name {needle:?}"
    );
}

#[test]
fn healthz_reports_the_store() {
    let (_dir, server) = fixture_server();
    let h = ok(&server, "/healthz");
    assert_eq!(h["status"], "ok");
    assert_eq!(h["documents"], 4);
    assert_eq!(h["events"], 7);
    assert_eq!(h["agreements"], 2);
}

#[test]
fn documents_list_without_text_and_filter() {
    let (_dir, server) = fixture_server();
    let all = ok(&server, "/api/documents");
    assert_eq!(all["total"], 4);
    assert_eq!(all["limit"], 100);
    for d in items(&all) {
        assert!(d.get("text").is_none(), "lists carry no text: {d}");
        assert!(d["chars"].as_u64().is_some_and(|n| n > 0));
    }
    let prk = ok(&server, "/api/documents?actor=PRK");
    assert_eq!(prk["total"], 1);
    assert_eq!(items(&prk)[0]["id"], "doc-prk");
    let elided = ok(&server, "/api/documents?flag=elided-name");
    assert_eq!(elided["total"], 1);
    assert_eq!(
        strings(&items(&elided)[0]["flags"]),
        ["elided-name", "mt-artefact"]
    );
    let page = ok(&server, "/api/documents?limit=1&offset=1");
    assert_eq!(page["total"], 4);
    assert_eq!(items(&page).len(), 1);
    assert_eq!(items(&page)[0]["id"], items(&all)[1]["id"]);
    let beyond = ok(&server, "/api/documents?offset=50");
    assert_eq!(items(&beyond).len(), 0);
}

#[test]
fn one_document_with_text_and_flags() {
    let (_dir, server) = fixture_server();
    let d = ok(&server, "/api/documents/doc-raa");
    assert_eq!(d["text"], common::DOC_RAA);
    assert_eq!(d["published"], "2024-07-08");
    assert_eq!(d["chars"], common::DOC_RAA.chars().count());
    let prk = ok(&server, "/api/documents/doc-prk");
    assert_eq!(strings(&prk["flags"]), ["elided-name", "mt-artefact"]);
    refused(&server, "/api/documents/doc-nope", 404, "doc-nope");
    let long = "x".repeat(300);
    refused(&server, &format!("/api/documents/{long}"), 400, "id");
    refused(&server, "/api/documents/doc-raa?full=1", 400, "'full'");
}

#[test]
fn actors_list_and_type_filter() {
    let (_dir, server) = fixture_server();
    let all = ok(&server, "/api/actors");
    let ids: Vec<String> = items(&all)
        .iter()
        .filter_map(|a| a["id"].as_str().map(String::from))
        .collect();
    assert!(ids.contains(&"NATO".to_string()) && ids.contains(&"JPN".to_string()));
    assert_eq!(all["total"], ids.len());
    let persons = ok(&server, "/api/actors?type=person");
    assert_eq!(persons["total"], 2);
    let blinken = items(&persons)
        .iter()
        .find(|a| a["id"] == "person:antony-blinken")
        .expect("Blinken");
    assert_eq!(blinken["affiliation"], "USA");
    assert_eq!(blinken["role"], "secretary of state");
    let igos = ok(&server, "/api/actors?type=IGO");
    assert_eq!(
        strings(&Value::Array(
            items(&igos).iter().map(|a| a["id"].clone()).collect()
        )),
        ["NATO"]
    );
    refused(&server, "/api/actors?type=planet", 400, "'type'");
}

#[test]
fn events_filters() {
    let (_dir, server) = fixture_server();
    let all = ok(&server, "/api/events");
    assert_eq!(all["total"], 7);
    // Date order, undated last; each with its quad.
    let dates: Vec<Option<&str>> = items(&all).iter().map(|e| e["date"].as_str()).collect();
    assert_eq!(dates.last(), Some(&None));
    assert_eq!(dates.first(), Some(&Some("2023-06")));
    for e in items(&all) {
        assert!(e["quad"].is_string(), "{e}");
        assert!(!e["evidence"].as_array().is_some_and(Vec::is_empty));
    }

    let jpn = ok(&server, "/api/events?actor=JPN");
    assert_eq!(
        types_of(&jpn),
        ["CONSULT", "COOPERATE", "SUPPORT"].map(String::from).into()
    );
    let blinken = ok(&server, "/api/events?actor=person:antony-blinken");
    assert_eq!(types_of(&blinken), ["ACCUSE"].map(String::from).into());
    let mobilize = ok(&server, "/api/events?type=mobilize");
    assert_eq!(mobilize["total"], 1);
    assert_eq!(items(&mobilize)[0]["quad"], "material-conflict");
    let y2024 = ok(&server, "/api/events?since=2024");
    assert_eq!(y2024["total"], 4);
    let window = ok(&server, "/api/events?since=2024-01-11&until=2024-06");
    assert_eq!(types_of(&window), ["ACCUSE"].map(String::from).into());
    // A month-precision event matches a day inside that month.
    let june = ok(&server, "/api/events?since=2023-06-20&until=2023-06-20");
    assert_eq!(types_of(&june), ["COOPERATE"].map(String::from).into());
    let text = ok(
        &server,
        &format!("/api/events?text={}", enc("XNUMX missili")),
    );
    assert_eq!(text["total"], 2, "both events of the Korean article");
    let historical = ok(&server, "/api/events?status=historical");
    assert_eq!(historical["total"], 1);
    assert_eq!(strings(&items(&historical)[0]["actor"]), ["FIN", "NATO"]);
    let combined = ok(&server, "/api/events?actor=KOR&type=ACCUSE&status=reported");
    assert_eq!(combined["total"], 1);
    let paged = ok(&server, "/api/events?limit=2&offset=2");
    assert_eq!(paged["total"], 7);
    assert_eq!(items(&paged)[0]["id"], items(&all)[2]["id"]);
    assert_eq!(items(&paged).len(), 2);
    let nobody = ok(&server, "/api/events?actor=ATL");
    assert_eq!(nobody["total"], 0);
}

#[test]
fn events_refuse_malformed_parameters_by_name() {
    let (_dir, server) = fixture_server();
    refused(&server, "/api/events?since=2024-13", 400, "'since'");
    refused(&server, "/api/events?until=yesterday", 400, "'until'");
    refused(&server, "/api/events?since=2023-02-29", 400, "'since'");
    refused(
        &server,
        "/api/events?since=2024-05&until=2024-01",
        400,
        "'since'",
    );
    refused(&server, "/api/events?type=DANCE", 400, "'type'");
    refused(&server, "/api/events?status=rumoured", 400, "'status'");
    refused(&server, "/api/events?limit=0", 400, "'limit'");
    refused(&server, "/api/events?limit=1001", 400, "'limit'");
    refused(&server, "/api/events?limit=ten", 400, "'limit'");
    refused(&server, "/api/events?offset=-1", 400, "'offset'");
    refused(&server, "/api/events?colour=red", 400, "'colour'");
    refused(&server, "/api/events?actor=JPN&actor=USA", 400, "'actor'");
    refused(&server, "/api/events?actor=", 400, "'actor'");
    refused(
        &server,
        &format!("/api/events?actor={}", enc("J P N")),
        400,
        "'actor'",
    );
    let long = "a".repeat(201);
    refused(&server, &format!("/api/events?text={long}"), 400, "'text'");
    let huge = "a".repeat(5000);
    refused(
        &server,
        &format!("/api/events?text={huge}"),
        400,
        "query string",
    );
    // FTS5 syntax in the words is taken literally, never as a query.
    let tricky = ok(
        &server,
        &format!("/api/events?text={}", enc("\"NEAR( OR *")),
    );
    assert_eq!(tricky["total"], 0);
    // The largest limit is allowed.
    ok(&server, "/api/events?limit=1000");
}

#[test]
fn one_event_by_id() {
    let (_dir, server) = fixture_server();
    let all = ok(&server, "/api/events?type=ACCUSE&actor=USA");
    let id = items(&all)[0]["id"].as_str().expect("id").to_string();
    let e = ok(&server, &format!("/api/events/{id}"));
    assert_eq!(e["id"], id.as_str());
    assert_eq!(e["quad"], "verbal-conflict");
    assert_eq!(strings(&e["recipient"]), ["CHN"]);
    let ev = &e["evidence"][0];
    assert_eq!(ev["document"], "doc-drill");
    // Offsets are characters into the document's text.
    let doc = ok(&server, "/api/documents/doc-drill");
    let text: Vec<char> = doc["text"].as_str().expect("text").chars().collect();
    let (start, end) = (
        ev["start"].as_u64().expect("start") as usize,
        ev["end"].as_u64().expect("end") as usize,
    );
    let slice: String = text[start..end].iter().collect();
    assert_eq!(slice, ev["text"].as_str().expect("sentence"));
    refused(&server, "/api/events/ev-0000", 404, "ev-0000");
    refused(&server, "/api/events/%FF%FE", 400, "event id");
}

/// An issue-17 gap: people's roles were resolved once, not at the event's
/// date. One event names a person in office then (its role at that date),
/// the same person years later in another office.
#[test]
fn an_event_names_its_people_with_their_role_at_its_date() {
    let mut batch = fixture();
    let base = batch
        .iter()
        .find(|x| !x.events.is_empty())
        .expect("a fixture document with events")
        .clone();
    for (n, date) in ["2020-05-01", "2025-04-09"].into_iter().enumerate() {
        let mut x = base.clone();
        x.document.id = format!("doc-rutte-{n}");
        x.agreements.clear();
        x.events.truncate(1);
        let e = &mut x.events[0];
        e.id = format!("ev-rutte-{n}");
        e.event_type = entente_model::EventType::Consult;
        e.actor = vec![entente_model::ActorId::new("NLD")];
        e.recipient = vec![entente_model::ActorId::new("POL")];
        e.actor_persons = vec![entente_model::ActorId::new("person:mark-rutte")];
        e.date = date.parse().ok();
        for ev in &mut e.evidence {
            ev.document = x.document.id.clone();
        }
        batch.push(x);
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let server = TestServer::start(&store_with(dir.path(), &batch));
    let listed = ok(&server, "/api/events?actor=NLD");
    let mut roles = Vec::new();
    for e in items(&listed) {
        let id = e["id"].as_str().expect("id");
        let one = ok(&server, &format!("/api/events/{}", enc(id)));
        let p = &one["persons"][0];
        assert_eq!(p["name"], "Mark Rutte", "{one}");
        roles.push((
            one["date"].as_str().unwrap_or("").to_string(),
            p["role"].as_str().unwrap_or("").to_string(),
            p["affiliation"].as_str().unwrap_or("").to_string(),
        ));
    }
    roles.sort();
    assert_eq!(roles.len(), 2, "{roles:?}");
    assert_eq!(roles[0].0, "2020-05-01");
    assert_eq!(
        (roles[0].1.as_str(), roles[0].2.as_str()),
        ("prime minister", "NLD")
    );
    assert_eq!(roles[1].0, "2025-04-09");
    assert_eq!(roles[1].2, "NATO", "{roles:?}");
}

#[test]
fn agreements_filters_and_one_by_id() {
    let (_dir, server) = fixture_server();
    let all = ok(&server, "/api/agreements");
    assert_eq!(all["total"], 2);
    let phl = ok(&server, "/api/agreements?party=PHL");
    assert_eq!(phl["total"], 1);
    assert_eq!(items(&phl)[0]["name"], "RAA");
    assert_eq!(ok(&server, "/api/agreements?status=signed")["total"], 1);
    assert_eq!(ok(&server, "/api/agreements?status=in-force")["total"], 1);
    assert_eq!(ok(&server, "/api/agreements?status=terminated")["total"], 0);
    let alliance = ok(&server, "/api/agreements?type=alliance");
    assert_eq!(alliance["total"], 1);
    assert_eq!(
        ok(
            &server,
            "/api/agreements?party=JPN&type=reciprocal_access&status=signed"
        )["total"],
        1
    );
    assert_eq!(
        ok(&server, "/api/agreements?limit=1&offset=1")["items"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    refused(&server, "/api/agreements?status=maybe", 400, "'status'");
    refused(&server, "/api/agreements?type=friendship", 400, "'type'");
    refused(&server, "/api/agreements?since=2024", 400, "'since'");

    let id = items(&phl)[0]["id"].as_str().expect("id").to_string();
    let a = ok(&server, &format!("/api/agreements/{id}"));
    let steps: Vec<&str> = a["history"]
        .as_array()
        .expect("history")
        .iter()
        .filter_map(|s| s["status"].as_str())
        .collect();
    assert_eq!(steps, ["negotiating", "signed"]);
    refused(&server, "/api/agreements/ag-none", 404, "ag-none");
}

/// Node ids and (pair, kind, quad or status) of a network answer.
fn network_shape(net: &Value) -> (Vec<String>, BTreeSet<String>) {
    let nodes = net["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter_map(|n| n["id"].as_str().map(String::from))
        .collect();
    let edges = net["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| {
            let what = if e["kind"] == "agreement" {
                format!("agreement {}", e["status"].as_str().unwrap_or("?"))
            } else {
                format!("{} x{}", e["quad"].as_str().unwrap_or("?"), e["count"])
            };
            format!(
                "{}-{} {what}",
                e["source"].as_str().unwrap_or("?"),
                e["target"].as_str().unwrap_or("?")
            )
        })
        .collect();
    (nodes, edges)
}

#[test]
fn network_as_of_a_date() {
    let (_dir, server) = fixture_server();
    let all = ok(&server, "/api/network");
    let (nodes, edges) = network_shape(&all);
    assert_eq!(
        nodes,
        ["CHN", "FIN", "JPN", "KOR", "NATO", "PHL", "PRK", "USA"]
    );
    let expected: BTreeSet<String> = [
        "CHN-USA verbal-conflict x1",
        "FIN-NATO verbal-cooperation x1",
        "JPN-PHL verbal-cooperation x2",
        "JPN-USA material-cooperation x1",
        "KOR-PRK material-conflict x1",
        "KOR-PRK verbal-conflict x1",
        "JPN-PHL agreement signed",
        "JPN-USA agreement in_force",
    ]
    .map(String::from)
    .into();
    assert_eq!(edges, expected);
    assert_eq!(all["span"]["first"], "1960-01-01");
    assert_eq!(all["span"]["last"], "2024-07-08");
    let nato = all["nodes"]
        .as_array()
        .and_then(|n| n.iter().find(|n| n["id"] == "NATO"))
        .expect("NATO node");
    assert_eq!(nato["actor_type"], "igo");
    let jpn = all["nodes"]
        .as_array()
        .and_then(|n| n.iter().find(|n| n["id"] == "JPN"))
        .expect("JPN node");
    assert_eq!(
        (jpn["events"].as_u64(), jpn["agreements"].as_u64()),
        (Some(3), Some(2))
    );
    assert_eq!(jpn["name"], "Japan");

    // End of 2023: the access agreement is being negotiated; no Korean
    // events yet; the undated Finnish event is left out of dated views.
    let end_2023 = ok(&server, "/api/network?as_of=2023-12-31");
    let (nodes, edges) = network_shape(&end_2023);
    assert_eq!(nodes, ["CHN", "JPN", "PHL", "USA"]);
    assert!(edges.contains("JPN-PHL agreement negotiating"), "{edges:?}");
    assert!(!edges.iter().any(|e| e.starts_with("JPN-PHL verbal")));
    assert_eq!(end_2023["as_of"], "2023-12-31");
    let signed = ok(&server, "/api/network?as_of=2024-07-08");
    assert!(
        network_shape(&signed)
            .1
            .contains("JPN-PHL agreement signed")
    );
    let before = ok(&server, "/api/network?as_of=1950");
    assert_eq!(network_shape(&before).0.len(), 0);
    let alliance_only = ok(&server, "/api/network?as_of=1999");
    assert_eq!(network_shape(&alliance_only).0, ["JPN", "USA"]);
    refused(&server, "/api/network?as_of=2024-02-30", 400, "'as_of'");
    refused(&server, "/api/network?date=2024", 400, "'date'");
}

#[test]
fn timeline_of_an_actor_and_a_pair() {
    let (_dir, server) = fixture_server();
    let jpn = ok(&server, "/api/timeline?actor=JPN");
    let line: Vec<String> = items(&jpn)
        .iter()
        .map(|i| {
            format!(
                "{} {} {}",
                i["date"].as_str().unwrap_or("-"),
                i["kind"].as_str().unwrap_or("?"),
                i["type"].as_str().or(i["status"].as_str()).unwrap_or("?")
            )
        })
        .collect();
    assert_eq!(
        line[..3],
        [
            "1960 agreement in_force",
            "2023-06 event COOPERATE",
            "2023-11 agreement negotiating",
        ]
    );
    let same_day: BTreeSet<&str> = line[3..5].iter().map(String::as_str).collect();
    assert_eq!(
        same_day,
        ["2024-07-08 event CONSULT", "2024-07-08 event SUPPORT"].into()
    );
    assert_eq!(line[5..], ["2024-07-08 agreement signed"]);
    let pair = ok(&server, "/api/timeline?actor=JPN&other=PHL");
    assert_eq!(pair["total"], 4);
    let person = ok(&server, "/api/timeline?actor=person:yoko-kamikawa");
    assert_eq!(person["total"], 1);
    let paged = ok(&server, "/api/timeline?actor=JPN&limit=2&offset=4");
    assert_eq!(items(&paged).len(), 2);
    assert_eq!(ok(&server, "/api/timeline?actor=ATL")["total"], 0);
    refused(&server, "/api/timeline", 400, "'actor'");
    refused(&server, "/api/timeline?other=JPN", 400, "'actor'");
    refused(
        &server,
        "/api/timeline?actor=JPN&limit=5000",
        400,
        "'limit'",
    );
}

#[test]
fn search_over_article_bodies() {
    let (_dir, server) = fixture_server();
    let manila = ok(&server, "/api/search?q=Manila");
    assert_eq!(manila["total"], 1);
    let hit = &items(&manila)[0];
    assert_eq!(hit["document"], "doc-raa");
    assert_eq!(hit["published"], "2024-07-08");
    let snippet = hit["snippet"].as_str().expect("snippet");
    assert!(
        snippet.contains("\u{2}Manila\u{3}") || snippet.contains("\u{2}MANILA\u{3}"),
        "{snippet}"
    );
    // Diacritics and case are folded.
    assert_eq!(ok(&server, "/api/search?q=MERCOLEDI")["total"], 1);
    assert_eq!(
        ok(&server, &format!("/api/search?q={}", enc("joint naval")))["total"],
        1
    );
    assert_eq!(
        ok(&server, &format!("/api/search?q={}", enc("naval joint")))["total"],
        0
    );
    let some = ok(&server, "/api/search?q=the&limit=1");
    assert!(some["total"].as_u64().is_some_and(|n| n >= 2));
    assert_eq!(items(&some).len(), 1);
    assert_eq!(
        ok(&server, &format!("/api/search?q={}", enc("\") OR (\"")))["total"],
        0
    );
    // An issue-17 gap: search was single-language. Words that name an
    // actor also find the articles that mention it under another name,
    // after those containing the words.
    let filippine = ok(&server, "/api/search?q=Filippine");
    assert_eq!(filippine["actor"], "PHL", "{filippine}");
    assert_eq!(filippine["total"], 1, "{filippine}");
    assert_eq!(items(&filippine)[0]["document"], "doc-raa");
    assert_eq!(items(&filippine)[0]["mentions"], "PHL");
    let north_korea = ok(&server, &format!("/api/search?q={}", enc("North Korea")));
    assert_eq!(north_korea["actor"], "PRK", "{north_korea}");
    assert!(
        items(&north_korea)
            .iter()
            .any(|h| h["document"] == "doc-prk"),
        "the Italian article about la Corea del Nord: {north_korea}"
    );
    // a common word is no actor
    assert_eq!(ok(&server, "/api/search?q=can")["actor"], Value::Null);
    refused(&server, "/api/search", 400, "'q'");
    refused(&server, "/api/search?q=%20%20", 400, "'q'");
    refused(&server, "/api/search?q=x&limit=-3", 400, "'limit'");
}

#[test]
fn openapi_describes_every_endpoint_and_parameter() {
    let (_dir, server) = fixture_server();
    let doc = ok(&server, "/api/openapi.json");
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
    let resolve = |p: &Value| -> Value {
        match p["$ref"].as_str() {
            Some(r) => {
                let name = r.rsplit('/').next().unwrap_or("");
                doc["components"]["parameters"][name].clone()
            }
            None => p.clone(),
        }
    };
    for (path, params) in entente_server::ENDPOINTS {
        let op = &doc["paths"][*path]["get"];
        assert!(op.is_object(), "{path} missing from openapi.json");
        let described: BTreeSet<String> = op["parameters"]
            .as_array()
            .map(|ps| {
                ps.iter()
                    .map(resolve)
                    .filter(|p| p["in"] == "query")
                    .filter_map(|p| p["name"].as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        let accepted: BTreeSet<String> = params.iter().map(|p| p.to_string()).collect();
        assert_eq!(described, accepted, "{path}: parameters");
        // And the server really answers there (a required parameter
        // missing is a 400, an unknown id a 404 naming it).
        let probe = path.replace("{id}", "no-such-id");
        let r = server.get(&probe);
        assert!(r.status < 500, "{probe}: {}", r.status);
        assert!(
            r.status != 404 || r.body.contains("no-such-id"),
            "{probe}: {}",
            r.body
        );
    }
    for path in entente_server::WRITE_ENDPOINTS {
        assert!(
            doc["paths"][*path]["post"].is_object(),
            "{path} missing from openapi.json"
        );
    }
    let paths = doc["paths"].as_object().map(|p| p.len());
    assert_eq!(
        paths,
        Some(entente_server::ENDPOINTS.len() + entente_server::WRITE_ENDPOINTS.len())
    );
}

#[test]
fn page_assets_and_headers() {
    let (_dir, server) = fixture_server();
    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert!(
        page.header("content-type")
            .is_some_and(|c| c.starts_with("text/html"))
    );
    assert!(page.body.contains("id=\"network\""));
    assert!(
        page.header("content-security-policy")
            .is_some_and(|c| c.contains("default-src 'self'"))
    );
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    let js = server.get("/app.js");
    assert_eq!(js.status, 200);
    assert!(
        js.header("content-type")
            .is_some_and(|c| c.starts_with("text/javascript"))
    );
    let css = server.get("/app.css");
    assert!(
        css.header("content-type")
            .is_some_and(|c| c.starts_with("text/css"))
    );
    refused(&server, "/nowhere", 404, "/nowhere");
}

#[test]
fn read_only_and_bounded_requests() {
    let (_dir, server) = fixture_server();
    let post = server.request("POST", "/api/events", "{}");
    assert_eq!(post.status, 405, "{}", post.body);
    assert!(post.error().contains("read-only"));
    let delete = server.request("DELETE", "/api/documents/doc-raa", "");
    assert_eq!(delete.status, 405);
    let big = "x".repeat(10_000);
    let r = server.request("GET", "/api/events", &big);
    assert!(
        r.status == 413 || r.status == 400,
        "{}: {}",
        r.status,
        r.body
    );
    // The record is unchanged.
    assert_eq!(ok(&server, "/healthz")["documents"], 4);
}

#[test]
fn empty_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = store_with(dir.path(), &[]);
    let server = TestServer::start(&db);
    let h = ok(&server, "/healthz");
    assert_eq!(
        (h["documents"].as_u64(), h["events"].as_u64()),
        (Some(0), Some(0))
    );
    for path in [
        "/api/documents",
        "/api/actors",
        "/api/events",
        "/api/events?actor=JPN&since=2024",
        "/api/agreements",
        "/api/timeline?actor=JPN",
        "/api/search?q=anything",
    ] {
        let v = ok(&server, path);
        assert_eq!(v["total"], 0, "{path}");
        assert_eq!(items(&v).len(), 0, "{path}");
    }
    let net = ok(&server, "/api/network?as_of=2024-01-01");
    assert_eq!(network_shape(&net).0.len(), 0);
    assert!(net["span"]["first"].is_null());
    refused(&server, "/api/events/anything", 404, "anything");
    refused(&server, "/api/documents/anything", 404, "anything");
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn a_missing_database_is_refused_at_start() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("none.db");
    let err = entente_server::App::open(missing.to_str().expect("UTF-8"))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains("no database") && err.contains("entente ingest"),
        "{err}"
    );
    assert!(!missing.exists(), "a read-only server creates no database");
    // Finding 3 of the second hardening pass: an empty file was given
    // entente's schema and switched to WAL. It is refused and left alone.
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").expect("write");
    let err = entente_server::App::open(empty.to_str().expect("UTF-8"))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("not an entente database"), "{err}");
    assert_eq!(std::fs::metadata(&empty).expect("stat").len(), 0);
    assert!(!dir.path().join("empty.db-wal").exists());
}

/// The repository's samples through the real pipeline: every document is
/// listed and searchable, and every piece of evidence the API gives points
/// at its sentence inside the document text.
#[test]
fn samples_through_the_real_pipeline() {
    use entente_ingest::{ReadItem, read_path};
    let kb = entente_kb::Kb::embedded().expect("embedded knowledge base");
    let pipeline = entente_pipeline::Pipeline::new(kb);
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let batch: Vec<_> = read_path(&samples)
        .map(|item| match item {
            ReadItem::Article(raw) => pipeline.process(raw),
            ReadItem::Skipped(s) => panic!("sample skipped: {}: {}", s.source, s.reason),
        })
        .collect();
    assert!(batch.len() >= 5, "samples: {}", batch.len());
    let dir = tempfile::tempdir().expect("temp dir");
    let db = store_with(dir.path(), &batch);
    let server = TestServer::start(&db);

    let docs = ok(&server, "/api/documents?limit=1000");
    assert_eq!(docs["total"], batch.len());
    let hits = ok(&server, "/api/search?q=Manila");
    assert!(hits["total"].as_u64().is_some_and(|n| n >= 1), "{hits}");
    ok(&server, "/api/network");
    ok(&server, "/api/actors?type=state");

    let events = ok(&server, "/api/events?limit=1000");
    let agreements = ok(&server, "/api/agreements?limit=1000");
    let mut texts = std::collections::HashMap::new();
    let evidence = items(&events)
        .iter()
        .chain(items(&agreements).iter())
        .flat_map(|r| r["evidence"].as_array().cloned().unwrap_or_default());
    for ev in evidence {
        let doc = ev["document"].as_str().expect("document id").to_string();
        let text: &Vec<char> = texts.entry(doc.clone()).or_insert_with(|| {
            ok(&server, &format!("/api/documents/{doc}"))["text"]
                .as_str()
                .expect("text")
                .chars()
                .collect()
        });
        let (start, end) = (
            ev["start"].as_u64().expect("start") as usize,
            ev["end"].as_u64().expect("end") as usize,
        );
        assert!(start < end && end <= text.len(), "{doc}: {start}..{end}");
        let slice: String = text[start..end].iter().collect();
        assert_eq!(slice, ev["text"].as_str().expect("text"), "{doc}");
    }
}

/// An issue-17 gap: the API took actors by exact identifier only
/// (`actor=Giappone` or `actor=jpn` found nothing, with no hint). Names and
/// aliases in any language the knowledge base knows, identifiers in any
/// case, and the names of the database's people now resolve; a name that
/// resolves to nobody is refused with suggestions.
#[test]
fn actors_are_found_by_name_in_any_language() {
    let (_dir, server) = fixture_server();
    let by_id = ok(&server, "/api/events?actor=JPN");
    assert!(by_id["total"].as_u64().unwrap() > 0);
    for name in ["jpn", "Japan", "Giappone", "Japon", "Japón"] {
        let path = format!("/api/events?actor={}", enc(name));
        assert_eq!(ok(&server, &path)["total"], by_id["total"], "{name}");
    }
    let agreements = ok(&server, "/api/agreements?party=PHL");
    let path = format!("/api/agreements?party={}", enc("Filippine"));
    assert_eq!(ok(&server, &path)["total"], agreements["total"]);
    let person = ok(&server, "/api/timeline?actor=person:yoko-kamikawa");
    let path = format!("/api/timeline?actor={}", enc("Yoko Kamikawa"));
    assert_eq!(ok(&server, &path)["total"], person["total"]);
    let path = format!(
        "/api/timeline?actor={}&other={}",
        enc("Japan"),
        enc("Filipinas")
    );
    assert_eq!(
        ok(&server, &path)["total"],
        ok(&server, "/api/timeline?actor=JPN&other=PHL")["total"]
    );
    refused(
        &server,
        &format!("/api/events?actor={}", enc("Kamikawa Yoko-san")),
        400,
        "did you mean",
    );
}
