//! The SQLite store through its public API: round trips, idempotence,
//! metadata updates, the fused record and its filters, migrations.

mod common;

use common::{fresh, sample};
use entente_model::{ActorId, AgreementStatus, EventType, PartialDate};
use entente_store::{AgreementFilter, EventFilter, PutOutcome, SqliteStore, Store};

#[test]
fn documents_round_trip() {
    let (_dir, mut store) = fresh();
    let batch = sample();
    let outcomes = store.put_batch(&batch).expect("put");
    assert_eq!(outcomes, vec![PutOutcome::Stored, PutOutcome::Stored]);
    let docs = store.documents().expect("documents");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0], batch[0].document);
    assert_eq!(docs[1], batch[1].document);
}

#[test]
fn the_same_document_twice_is_known_and_changes_nothing() {
    let (_dir, mut store) = fresh();
    store.put_batch(&sample()).expect("put");
    let before = store.counts().expect("counts");
    let mut again = sample();
    again[0].document.source = "another-file.txt".into();
    let outcomes = store.put_batch(&again).expect("put again");
    assert_eq!(outcomes, vec![PutOutcome::Known, PutOutcome::Known]);
    assert_eq!(store.counts().expect("counts"), before);
    assert_eq!(store.documents().expect("docs")[0].source, "doc-a.txt");
}

#[test]
fn a_duplicate_within_one_batch_is_known() {
    let (_dir, mut store) = fresh();
    let one = sample().remove(0);
    let outcomes = store.put_batch(&[one.clone(), one]).expect("put");
    assert_eq!(outcomes, vec![PutOutcome::Stored, PutOutcome::Known]);
    assert_eq!(store.counts().expect("counts").documents, 1);
}

#[test]
fn a_copy_with_a_publication_date_updates_the_document_and_its_reports() {
    let (_dir, mut store) = fresh();
    store.put_batch(&sample()).expect("put");
    let mut dated = sample().remove(1);
    dated.document.published = Some(PartialDate::day(2023, 10, 20));
    dated.events.truncate(1);
    let outcomes = store.put_batch(&[dated]).expect("put dated");
    assert_eq!(outcomes, vec![PutOutcome::Updated]);
    let docs = store.documents().expect("docs");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[1].published, Some(PartialDate::day(2023, 10, 20)));
    assert_eq!(store.counts().expect("counts").event_reports, 2);
    // A later copy without the date is known and keeps the date.
    let outcomes = store.put_batch(&[sample().remove(1)]).expect("put undated");
    assert_eq!(outcomes, vec![PutOutcome::Known]);
    assert!(store.documents().expect("docs")[1].published.is_some());
}

#[test]
fn refuse_builds_the_record_and_is_idempotent() {
    let (_dir, mut store) = fresh();
    store.put_batch(&sample()).expect("put");
    assert_eq!(store.counts().expect("counts").events, 0);
    store.refuse().expect("refuse");
    let first = store.events(&EventFilter::default()).expect("events");
    let first_ag = store.agreements(&AgreementFilter::default()).expect("ags");
    store.refuse().expect("refuse again");
    assert_eq!(
        store.events(&EventFilter::default()).expect("events"),
        first
    );
    assert_eq!(
        store.agreements(&AgreementFilter::default()).expect("ags"),
        first_ag
    );
    assert_eq!(first.len(), 3);
    assert_eq!(first_ag.len(), 2);
    // Dated events first, by date; undated last.
    let order: Vec<&str> = first.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(order, ["ev-2", "ev-1", "ev-3"]);
}

fn event_ids(store: &SqliteStore, filter: EventFilter) -> Vec<String> {
    store
        .events(&filter)
        .expect("events")
        .into_iter()
        .map(|e| e.id)
        .collect()
}

#[test]
fn event_filters() {
    let (_dir, mut store) = fresh();
    store.put_batch(&sample()).expect("put");
    store.refuse().expect("refuse");
    let f =
        |actor: Option<&str>, t: Option<EventType>, since: Option<&str>, until: Option<&str>| {
            EventFilter {
                actor: actor.map(ActorId::new),
                event_type: t,
                since: since.map(|s| s.parse().expect("date")),
                until: until.map(|s| s.parse().expect("date")),
                text: None,
            }
        };
    assert_eq!(
        event_ids(&store, f(Some("PHL"), None, None, None)),
        ["ev-1"]
    );
    assert_eq!(
        event_ids(&store, f(Some("JPN"), None, None, None)),
        ["ev-2", "ev-1"]
    );
    assert_eq!(
        event_ids(&store, f(None, Some(EventType::Consult), None, None)),
        ["ev-2", "ev-3"]
    );
    assert_eq!(
        event_ids(&store, f(None, None, Some("2024"), None)),
        ["ev-1"]
    );
    assert_eq!(
        event_ids(&store, f(None, None, None, Some("2024-07-07"))),
        ["ev-2"]
    );
    // A month-dated event matches a day inside that month at either bound.
    assert_eq!(
        event_ids(
            &store,
            f(None, None, Some("2023-10-31"), Some("2023-10-31"))
        ),
        ["ev-2"]
    );
    assert_eq!(
        event_ids(&store, f(None, None, Some("2023-11"), Some("2024-07-08"))),
        ["ev-1"]
    );
    assert!(event_ids(&store, f(Some("JPN"), Some(EventType::Accuse), None, None)).is_empty());
    let text = |words: &str| EventFilter {
        text: Some(words.into()),
        ..Default::default()
    };
    assert_eq!(event_ids(&store, text("fighter")), ["ev-2", "ev-3"]);
    assert!(event_ids(&store, text("\" OR (")).is_empty());
}

#[test]
fn agreement_filters() {
    let (_dir, mut store) = fresh();
    store.put_batch(&sample()).expect("put");
    store.refuse().expect("refuse");
    let ids = |party: Option<&str>, status: Option<AgreementStatus>| -> Vec<String> {
        store
            .agreements(&AgreementFilter {
                party: party.map(ActorId::new),
                status,
            })
            .expect("agreements")
            .into_iter()
            .map(|a| {
                a.parties
                    .iter()
                    .map(ActorId::as_str)
                    .collect::<Vec<_>>()
                    .join("+")
            })
            .collect()
    };
    // fused agreements get ids of their own; they are told apart by parties
    assert_eq!(ids(Some("PHL"), None), ["JPN+PHL"]);
    assert_eq!(ids(Some("JPN"), None).len(), 2);
    assert_eq!(ids(None, Some(AgreementStatus::InForce)), ["GBR+JPN"]);
    assert!(ids(Some("PHL"), Some(AgreementStatus::InForce)).is_empty());
}

#[test]
fn actors_are_deduplicated_preferring_role_and_affiliation() {
    let (_dir, mut store) = fresh();
    store.put_batch(&sample()).expect("put");
    let actors = store.actors().expect("actors");
    assert_eq!(actors.len(), 2);
    let person = actors
        .iter()
        .find(|a| a.id.as_str() == "person:yoko-kamikawa")
        .expect("person");
    assert_eq!(person.role.as_deref(), Some("foreign minister"));
}

#[test]
fn data_survives_reopening_and_old_schemas_are_migrated() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("old.db");
    {
        // A version-1 database, written as version 1 wrote it (no index).
        drop(SqliteStore::open_at_version(&path, 1).expect("open at v1"));
        let conn = rusqlite::Connection::open(&path).expect("sqlite");
        for ex in sample() {
            let d = &ex.document;
            let mut bare = d.clone();
            bare.text.clear();
            conn.execute(
                "INSERT INTO documents (id, source, title, lang, text, flags, actors, full) \
                 VALUES (?1, ?2, ?3, ?4, ?5, '[]', '[]', ?6)",
                rusqlite::params![
                    d.id,
                    d.source,
                    d.title,
                    d.lang,
                    d.text,
                    serde_json::to_string(&bare).expect("json")
                ],
            )
            .expect("insert v1 document");
            for (seq, e) in ex.events.iter().enumerate() {
                conn.execute(
                    "INSERT INTO event_reports (document_id, seq, report_id, type, json) \
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    rusqlite::params![
                        d.id,
                        seq as i64,
                        e.id,
                        e.event_type.as_str(),
                        serde_json::to_string(e).expect("json")
                    ],
                )
                .expect("insert v1 report");
            }
        }
    }
    let mut store = SqliteStore::open(&path).expect("reopen and migrate");
    store.refuse().expect("refuse");
    assert_eq!(store.documents().expect("docs").len(), 2);
    // Migration 2 indexed the documents stored before it existed.
    let found = store
        .events(&EventFilter {
            text: Some("London".into()),
            ..Default::default()
        })
        .expect("events");
    assert_eq!(found.len(), 2);
    // And documents stored from now on are indexed as they come.
    let mut extra = sample().remove(0);
    extra.document.id = "doc-c".into();
    extra.document.text = "Canberra joined the talks.".into();
    extra.events[0].id = "ev-9".into();
    extra.events[0].evidence[0].document = "doc-c".into();
    extra.agreements.clear();
    store.put_batch(&[extra]).expect("put after migration");
    store.refuse().expect("refuse");
    let found = store
        .events(&EventFilter {
            text: Some("canberra".into()),
            ..Default::default()
        })
        .expect("events");
    assert_eq!(found.len(), 1);
    drop(store);
    let again = SqliteStore::open(&path).expect("reopen");
    assert_eq!(again.counts().expect("counts").documents, 3);
}

#[test]
fn a_newer_schema_or_a_non_database_is_refused_clearly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let newer = dir.path().join("newer.db");
    {
        let conn = rusqlite::Connection::open(&newer).expect("sqlite");
        conn.execute_batch("PRAGMA user_version = 999")
            .expect("pragma");
    }
    let err = SqliteStore::open(&newer).err().map(|e| e.to_string());
    assert!(
        err.as_deref().is_some_and(|e| e.contains("newer entente")),
        "{err:?}"
    );

    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, vec![0x42u8; 4096]).expect("write junk");
    let err = SqliteStore::open(&junk).err().map(|e| e.to_string());
    assert!(
        err.as_deref().is_some_and(|e| e.contains("junk.db")),
        "{err:?}"
    );

    let missing = dir.path().join("no/such/folder/x.db");
    assert!(SqliteStore::open(&missing).is_err());
    assert!(entente_store::open(dir.path().to_str().expect("utf-8 path")).is_err());
}
