//! Fixtures shared by the store tests: two documents with event,
//! agreement and actor reports; a fresh store of either backend.
#![allow(dead_code)]

use entente_model::{
    ActorId, ActorRecord, ActorType, Agreement, AgreementStatus, AgreementType, DatePrecision,
    Document, Event, EventStatus, EventType, Evidence, Extraction, PartialDate, StatusChange,
};
use entente_store::postgres::testing::TempDatabase;
use entente_store::{PgStore, SqliteStore};
use std::io::Write;

pub fn ids(list: &[&str]) -> Vec<ActorId> {
    list.iter().map(|s| ActorId::new(*s)).collect()
}

pub fn document(id: &str, text: &str, published: Option<PartialDate>) -> Document {
    Document {
        id: id.into(),
        source: format!("{id}.txt"),
        url: None,
        title: format!("Title of {id}"),
        lang: "en".into(),
        published,
        dateline: None,
        text: text.into(),
        actors: ids(&["JPN", "PHL"]),
        flags: vec![],
    }
}

pub fn evidence(doc: &str) -> Evidence {
    Evidence {
        document: doc.into(),
        text: "Japan and the Philippines signed.".into(),
        start: 0,
        end: 33,
    }
}

pub fn event(
    id: &str,
    doc: &str,
    t: EventType,
    actors: &[&str],
    date: Option<PartialDate>,
) -> Event {
    Event {
        id: id.into(),
        event_type: t,
        mode: vec![],
        context: vec!["military".into()],
        actor: ids(actors),
        recipient: vec![],
        actor_persons: vec![],
        recipient_persons: vec![],
        actor_sectors: vec![],
        recipient_sectors: vec![],
        date,
        date_precision: date.map_or(DatePrecision::Unknown, |d| d.precision()),
        location: None,
        status: EventStatus::Reported,
        confidence: 0.8,
        why: vec!["test".into()],
        evidence: vec![evidence(doc)],
        trigger: None,
    }
}

pub fn agreement(id: &str, doc: &str, parties: &[&str], status: AgreementStatus) -> Agreement {
    Agreement {
        id: id.into(),
        agreement_type: AgreementType::ReciprocalAccess,
        name: None,
        parties: ids(parties),
        status,
        status_date: Some(PartialDate::day(2024, 7, 8)),
        history: vec![StatusChange {
            status,
            date: Some(PartialDate::day(2024, 7, 8)),
            why: vec![],
            evidence: vec![evidence(doc)],
            events: vec![],
        }],
        evidence: vec![evidence(doc)],
    }
}

pub fn actor(id: &str, role: Option<&str>) -> ActorRecord {
    ActorRecord {
        id: ActorId::new(id),
        actor_type: if id.starts_with("person:") {
            ActorType::Person
        } else {
            ActorType::State
        },
        name: id.into(),
        affiliation: role.map(|_| ActorId::new("JPN")),
        role: role.map(str::to_string),
    }
}

/// Two documents: an RAA signing (day-dated) and a month-dated consultation.
pub fn sample() -> Vec<Extraction> {
    vec![
        Extraction {
            document: document(
                "doc-a",
                "Japan and the Philippines signed.",
                Some(PartialDate::day(2024, 7, 8)),
            ),
            actors: vec![actor("JPN", None), actor("person:yoko-kamikawa", None)],
            events: vec![event(
                "ev-1",
                "doc-a",
                EventType::Support,
                &["JPN", "PHL"],
                Some(PartialDate::day(2024, 7, 8)),
            )],
            agreements: vec![agreement(
                "ag-1",
                "doc-a",
                &["JPN", "PHL"],
                AgreementStatus::Signed,
            )],
        },
        Extraction {
            document: document("doc-b", "Tokyo and London held talks on the fighter.", None),
            actors: vec![actor("person:yoko-kamikawa", Some("foreign minister"))],
            events: vec![
                event(
                    "ev-2",
                    "doc-b",
                    EventType::Consult,
                    &["JPN", "GBR"],
                    Some(PartialDate::month(2023, 10)),
                ),
                event("ev-3", "doc-b", EventType::Consult, &["ITA"], None),
            ],
            agreements: vec![agreement(
                "ag-2",
                "doc-b",
                &["GBR", "JPN"],
                AgreementStatus::InForce,
            )],
        },
    ]
}

pub fn fresh() -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(&dir.path().join("t.db")).expect("open store");
    (dir, store)
}

/// The PostgreSQL server the tests may use: `ENTENTE_TEST_PG`, e.g.
/// `postgres://postgres@127.0.0.1:55432/entente_test`. When it is unset the
/// PostgreSQL tests pass without running, after a loud notice on stderr
/// (written past the test harness's capture, once per test binary).
pub fn pg_server() -> Option<String> {
    match std::env::var("ENTENTE_TEST_PG") {
        Ok(url) if !url.trim().is_empty() => Some(url.trim().to_string()),
        _ => {
            static NOTICE: std::sync::Once = std::sync::Once::new();
            NOTICE.call_once(|| {
                let _ = writeln!(
                    std::io::stderr(),
                    "\n*** SKIPPED: PostgreSQL store tests, ENTENTE_TEST_PG is not set \
                     (e.g. postgres://postgres@127.0.0.1:55432/entente_test; .ci/run starts one) ***\n"
                );
            });
            None
        }
    }
}

/// A database of its own on the test server, or `None` (skipped) when no
/// server is configured. A configured but unreachable server fails the test.
pub fn pg_database() -> Option<TempDatabase> {
    let server = pg_server()?;
    Some(TempDatabase::create(&server).unwrap_or_else(|e| {
        panic!("ENTENTE_TEST_PG is set but no test database could be created: {e}")
    }))
}

/// A fresh PostgreSQL store in a database of its own.
pub fn fresh_pg() -> Option<(TempDatabase, PgStore)> {
    let db = pg_database()?;
    let store = PgStore::open(db.url()).unwrap_or_else(|e| panic!("open {}: {e}", db.url()));
    Some((db, store))
}
