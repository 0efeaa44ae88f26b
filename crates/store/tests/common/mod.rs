//! Fixtures shared by the store tests: two documents with event,
//! agreement and actor reports; a fresh store of either backend.
#![allow(dead_code)]

use entente_model::{
    ActorId, ActorRecord, ActorType, Agreement, AgreementStatus, AgreementType, DatePrecision,
    Document, Event, EventStatus, EventType, Evidence, Extraction, PartialDate, StatusChange,
};
use entente_store::postgres::testing::{self, TempDatabase};
use entente_store::{PgStore, SqliteStore};

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
        published_from: None,
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

/// The PostgreSQL server the tests may use, or `None` (skipped) when
/// `ENTENTE_TEST_PG` is unset (see `entente_store::postgres::testing`).
pub fn pg_server() -> Option<String> {
    testing::server_from_env("PostgreSQL store tests")
}

/// A database of its own on the test server, or `None` (skipped).
pub fn pg_database() -> Option<TempDatabase> {
    testing::database_from_env("PostgreSQL store tests")
}

/// A fresh PostgreSQL store in a database of its own.
pub fn fresh_pg() -> Option<(TempDatabase, PgStore)> {
    let db = pg_database()?;
    let store = PgStore::open(db.url()).unwrap_or_else(|e| panic!("open {}: {e}", db.url()));
    Some((db, store))
}

/// A small deterministic generator (xorshift), for generated fixtures.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// `documents` generated articles' reports, made to fuse a lot: a few
/// actors, dates within a few months at every precision, repeated
/// confidences, places that agree or conflict, several reports of one
/// event in one article, undated ones, persons, and agreement reports whose
/// histories name event reports.
pub fn generated(seed: u64, documents: usize) -> Vec<Extraction> {
    use entente_model::Location;
    let mut rng = Rng::new(seed);
    let states = ["JPN", "USA", "PHL", "GBR"];
    let persons = ["person:a-b", "person:c-d", "person:e-f"];
    let types = [
        EventType::Consult,
        EventType::Agree,
        EventType::Support,
        EventType::Accuse,
        EventType::Cooperate,
    ];
    let confidences = [0.5, 0.6, 0.65, 0.75, 0.8, 0.85];
    let statuses = [EventStatus::Reported, EventStatus::Planned];
    let mut out = Vec::new();
    for d in 0..documents {
        let doc_id = format!("doc-{:04}", (d * 7919) % 10_000);
        let mut ex = Extraction {
            document: document(&doc_id, &format!("Article {d}."), None),
            ..Extraction::default()
        };
        for n in 0..1 + rng.below(6) {
            let t = rng.pick(&types);
            let mut actors: Vec<&str> = vec![rng.pick(&states)];
            if rng.chance(50) {
                actors.push(rng.pick(&states));
            }
            let date = match rng.below(6) {
                0 => None,
                1 => Some(PartialDate::year(2024)),
                2 => Some(PartialDate::month(2024, 1 + rng.below(3) as u8)),
                _ => {
                    let month = 1 + rng.below(3) as u8;
                    let day = rng.pick(&[1u8, 2, 14, 15, 28, 31]);
                    Some(PartialDate::day(2024, month, day.min(29)))
                }
            };
            let mut e = event(&format!("ev-{d}-{n}"), &doc_id, t, &actors, date);
            if !t.is_symmetric() && rng.chance(70) {
                e.recipient = ids(&[rng.pick(&states)]);
            }
            if rng.chance(20) {
                e.actor_persons = ids(&[rng.pick(&persons)]);
            }
            if rng.chance(10) {
                e.status = rng.pick(&statuses);
            }
            e.confidence = rng.pick(&confidences);
            e.date_precision = match (date, rng.chance(10)) {
                (Some(d), false) => d.precision(),
                _ => DatePrecision::Unknown,
            };
            e.location = match rng.below(8) {
                0 => Some(Location {
                    country: None,
                    place: Some("Somewhere".into()),
                }),
                1 => Some(Location {
                    country: Some(ActorId::new(rng.pick(&states))),
                    place: None,
                }),
                2 => Some(Location {
                    country: Some(ActorId::new(rng.pick(&states))),
                    place: Some("Manila".into()),
                }),
                _ => None,
            };
            e.why = vec![format!("trigger {}", rng.below(3))];
            e.mode = vec![["", "visit", "call"][rng.below(3)].to_string()];
            let start = rng.below(5) * 10;
            e.evidence = vec![Evidence {
                document: doc_id.clone(),
                text: format!("sentence {start}"),
                start,
                end: start + 9,
            }];
            if rng.chance(15) {
                e.evidence.push(Evidence {
                    document: doc_id.clone(),
                    text: "another sentence".into(),
                    start: start + 100,
                    end: start + 116,
                });
            }
            ex.events.push(e);
        }
        for n in 0..rng.below(3) {
            let status = rng.pick(&[
                AgreementStatus::Negotiating,
                AgreementStatus::Signed,
                AgreementStatus::InForce,
            ]);
            let parties = [rng.pick(&states), rng.pick(&states)];
            let mut a = agreement(&format!("ag-{d}-{n}"), &doc_id, &parties, status);
            if rng.chance(50) {
                a.agreement_type = AgreementType::Alliance;
            }
            if rng.chance(30) {
                a.name = Some(format!("Pact {}", rng.below(3)));
            }
            let step = &mut a.history[0];
            step.date = Some(PartialDate::day(2024, 1 + rng.below(3) as u8, 5));
            for e in &ex.events {
                if rng.chance(40) {
                    step.events.push(e.id.clone());
                }
            }
            ex.agreements.push(a);
        }
        out.push(ex);
    }
    out
}
