//! The store through its public API, one suite run against both backends:
//! round trips, idempotence, metadata updates, the fused record and its
//! filters, concurrent writers; then what is particular to each backend
//! (migrations of older databases, refusing a newer one).
//!
//! The PostgreSQL half needs `ENTENTE_TEST_PG` (see `common::pg_server`);
//! without it those tests print a SKIPPED notice and pass.

mod common;

use common::{fresh, fresh_pg, generated, pg_database, sample};
use entente_model::{ActorId, AgreementStatus, EventType, Extraction, PartialDate};
use entente_store::{
    AgreementFilter, EventFilter, PgStore, PutOutcome, SqliteStore, Store, StoreError,
};

/// Each named suite function becomes a test in `sqlite::` and in `postgres::`.
macro_rules! on_both_backends {
    ($($test:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $test() {
                    let (_dir, mut store) = crate::common::fresh();
                    super::$test(&mut store);
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                #[cfg_attr(not(entente_pg), ignore = "needs PostgreSQL: build the tests with ENTENTE_TEST_PG set (.ci/run starts a server)")]
                fn $test() {
                    let Some((_db, mut store)) = crate::common::fresh_pg() else {
                        return;
                    };
                    super::$test(&mut store);
                }
            )*
        }
    };
}

on_both_backends!(
    documents_round_trip,
    the_same_document_twice_is_known_and_changes_nothing,
    a_duplicate_within_one_batch_is_known,
    a_copy_with_a_publication_date_updates_the_document_and_its_reports,
    refuse_builds_the_record_and_is_idempotent,
    event_filters,
    agreement_filters,
    actors_are_deduplicated_preferring_role_and_affiliation,
    text_search_folds_case_and_accents,
    documents_are_visited_in_the_order_first_stored,
    the_rebuild_is_the_in_memory_fusion,
);

// ---- The shared suite ---------------------------------------------------

pub fn documents_round_trip(store: &mut dyn Store) {
    let batch = sample();
    let outcomes = store.put_batch(&batch).expect("put");
    assert_eq!(outcomes, vec![PutOutcome::Stored, PutOutcome::Stored]);
    let docs = store.documents().expect("documents");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0], batch[0].document);
    assert_eq!(docs[1], batch[1].document);
}

pub fn the_same_document_twice_is_known_and_changes_nothing(store: &mut dyn Store) {
    store.put_batch(&sample()).expect("put");
    let before = store.counts().expect("counts");
    let mut again = sample();
    again[0].document.source = "another-file.txt".into();
    let outcomes = store.put_batch(&again).expect("put again");
    assert_eq!(outcomes, vec![PutOutcome::Known, PutOutcome::Known]);
    assert_eq!(store.counts().expect("counts"), before);
    assert_eq!(store.documents().expect("docs")[0].source, "doc-a.txt");
}

pub fn a_duplicate_within_one_batch_is_known(store: &mut dyn Store) {
    let one = sample().remove(0);
    let outcomes = store.put_batch(&[one.clone(), one]).expect("put");
    assert_eq!(outcomes, vec![PutOutcome::Stored, PutOutcome::Known]);
    assert_eq!(store.counts().expect("counts").documents, 1);
}

pub fn a_copy_with_a_publication_date_updates_the_document_and_its_reports(store: &mut dyn Store) {
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

pub fn refuse_builds_the_record_and_is_idempotent(store: &mut dyn Store) {
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

/// The store's rebuild (planned on keys, merged one event at a time) gives
/// exactly what `entente_fuse::fuse` gives for the same reports in memory.
pub fn the_rebuild_is_the_in_memory_fusion(store: &mut dyn Store) {
    let batch = generated(7, 400);
    for chunk in batch.chunks(64) {
        store.put_batch(chunk).expect("put");
    }
    // fusion takes the reports by document id, then position
    let mut by_document: Vec<&Extraction> = batch.iter().collect();
    by_document.sort_by(|a, b| a.document.id.cmp(&b.document.id));
    let events = by_document.iter().flat_map(|x| x.events.clone()).collect();
    let agreements = by_document
        .iter()
        .flat_map(|x| x.agreements.clone())
        .collect();
    let (mut events, mut agreements) = entente_fuse::fuse(events, agreements);
    store.refuse().expect("refuse");
    let mut stored = store.events(&EventFilter::default()).expect("events");
    let mut stored_ag = store
        .agreements(&AgreementFilter::default())
        .expect("agreements");
    // a test of the test: the fixture must fuse a lot, in every way
    let reports: usize = batch.iter().map(|x| x.events.len()).sum();
    assert!(events.len() * 2 < reports, "{} of {reports}", events.len());
    assert!(events.iter().any(|e| e.evidence.len() > 4));
    assert!(
        agreements
            .iter()
            .flat_map(|a| &a.history)
            .flat_map(|s| &s.events)
            .any(|id| !batch.iter().any(|x| x.events.iter().any(|e| &e.id == id))),
        "agreement histories name fused events"
    );
    events.sort_by(|a, b| a.id.cmp(&b.id));
    stored.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(stored.len(), events.len());
    for (s, e) in stored.iter().zip(&events) {
        assert_eq!(s, e);
    }
    agreements.sort_by(|a, b| a.id.cmp(&b.id));
    stored_ag.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(stored_ag, agreements);
}

fn event_ids(store: &dyn Store, filter: EventFilter) -> Vec<String> {
    store
        .events(&filter)
        .expect("events")
        .into_iter()
        .map(|e| e.id)
        .collect()
}

pub fn event_filters(store: &mut dyn Store) {
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
                rejected: false,
                document: None,
            }
        };
    assert_eq!(event_ids(store, f(Some("PHL"), None, None, None)), ["ev-1"]);
    assert_eq!(
        event_ids(store, f(Some("JPN"), None, None, None)),
        ["ev-2", "ev-1"]
    );
    assert_eq!(
        event_ids(store, f(None, Some(EventType::Consult), None, None)),
        ["ev-2", "ev-3"]
    );
    assert_eq!(
        event_ids(store, f(None, None, Some("2024"), None)),
        ["ev-1"]
    );
    assert_eq!(
        event_ids(store, f(None, None, None, Some("2024-07-07"))),
        ["ev-2"]
    );
    // A month-dated event matches a day inside that month at either bound.
    assert_eq!(
        event_ids(store, f(None, None, Some("2023-10-31"), Some("2023-10-31"))),
        ["ev-2"]
    );
    assert_eq!(
        event_ids(store, f(None, None, Some("2023-11"), Some("2024-07-08"))),
        ["ev-1"]
    );
    assert!(event_ids(store, f(Some("JPN"), Some(EventType::Accuse), None, None)).is_empty());
    let text = |words: &str| EventFilter {
        text: Some(words.into()),
        ..Default::default()
    };
    assert_eq!(event_ids(store, text("fighter")), ["ev-2", "ev-3"]);
    assert!(event_ids(store, text("\" OR (")).is_empty());
}

pub fn agreement_filters(store: &mut dyn Store) {
    store.put_batch(&sample()).expect("put");
    store.refuse().expect("refuse");
    // Fused agreements are named by a hash of type and parties: compare
    // the parties.
    let ids = |party: Option<&str>, status: Option<AgreementStatus>| -> Vec<String> {
        store
            .agreements(&AgreementFilter {
                party: party.map(ActorId::new),
                status,
                rejected: false,
            })
            .expect("agreements")
            .into_iter()
            .map(|a| {
                let parties: Vec<&str> = a.parties.iter().map(ActorId::as_str).collect();
                parties.join("+")
            })
            .collect()
    };
    assert_eq!(ids(Some("PHL"), None), ["JPN+PHL"]);
    assert_eq!(ids(Some("JPN"), None).len(), 2);
    assert_eq!(ids(None, Some(AgreementStatus::InForce)), ["GBR+JPN"]);
    assert!(ids(Some("PHL"), Some(AgreementStatus::InForce)).is_empty());
}

pub fn actors_are_deduplicated_preferring_role_and_affiliation(store: &mut dyn Store) {
    store.put_batch(&sample()).expect("put");
    let actors = store.actors().expect("actors");
    assert_eq!(actors.len(), 2);
    let person = actors
        .iter()
        .find(|a| a.id.as_str() == "person:yoko-kamikawa")
        .expect("person");
    assert_eq!(person.role.as_deref(), Some("foreign minister"));
}

pub fn text_search_folds_case_and_accents(store: &mut dyn Store) {
    let mut ex = sample().remove(0);
    ex.document.text = "La Sécurité du Pacifique: Tokyo e Manila firmano.".into();
    store.put_batch(&[ex]).expect("put");
    store.refuse().expect("refuse");
    let found = |words: &str| {
        store
            .events(&EventFilter {
                text: Some(words.into()),
                ..Default::default()
            })
            .expect("events")
            .len()
    };
    assert_eq!(found("securite du pacifique"), 1);
    assert_eq!(found("SÉCURITÉ"), 1);
    assert_eq!(found("pacifique securite"), 0, "words match as a phrase");
}

/// Many documents, so that PostgreSQL reads them in several pages.
pub fn documents_are_visited_in_the_order_first_stored(store: &mut dyn Store) {
    let template = sample().remove(0);
    let batch: Vec<Extraction> = (0..600)
        .map(|i| {
            let mut ex = template.clone();
            // Ids out of insertion order: the order is that of storing.
            ex.document.id = format!("doc-{:04}", (i * 7919) % 600);
            ex.events.clear();
            ex.agreements.clear();
            ex
        })
        .collect();
    store.put_batch(&batch[..300]).expect("put first half");
    store.put_batch(&batch[300..]).expect("put second half");
    let mut seen = Vec::new();
    store
        .each_document(&mut |d| {
            seen.push(d.id);
            Ok(())
        })
        .expect("each document");
    let expected: Vec<String> = batch.iter().map(|e| e.document.id.clone()).collect();
    assert_eq!(seen, expected);
    // A failing visitor stops the walk and names the document.
    let err = store
        .each_document(&mut |_| Err(std::io::Error::other("disk full")))
        .err();
    assert!(
        matches!(&err, Some(StoreError::Output { document, .. }) if document == "doc-0000"),
        "{err:?}"
    );
}

/// Four writers storing overlapping batches in opposite orders at once:
/// each document is stored exactly once, nobody deadlocks or fails.
fn concurrent_writers_store_each_document_once(open: &(dyn Fn() -> Box<dyn Store> + Sync)) {
    let template = sample().remove(1);
    let all: Vec<Extraction> = (0..200)
        .map(|i| {
            let mut ex = template.clone();
            ex.document.id = format!("doc-{i:03}");
            ex
        })
        .collect();
    let outcomes: Vec<Vec<PutOutcome>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..4)
            .map(|w| {
                let all = &all;
                s.spawn(move || {
                    let mut store = open();
                    // Worker w takes 3/4 of the documents, odd ones reversed.
                    let mut mine: Vec<Extraction> = all
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| i % 4 != w)
                        .map(|(_, e)| e.clone())
                        .collect();
                    if w % 2 == 1 {
                        mine.reverse();
                    }
                    let mut out = Vec::new();
                    for chunk in mine.chunks(25) {
                        out.extend(store.put_batch(chunk).expect("put batch"));
                    }
                    store.refuse().expect("refuse");
                    out
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("writer thread"))
            .collect()
    });
    let stored = outcomes
        .iter()
        .flatten()
        .filter(|o| **o == PutOutcome::Stored)
        .count();
    assert_eq!(
        stored,
        all.len(),
        "each document stored by exactly one writer"
    );
    let store = open();
    let counts = store.counts().expect("counts");
    assert_eq!(counts.documents, 200);
    assert_eq!(counts.event_reports, 400);
    // The fused record is that of all 200 documents, whoever refused last.
    let mut single = fresh().1;
    single.put_batch(&all).expect("reference put");
    single.refuse().expect("reference refuse");
    assert_eq!(
        store.events(&EventFilter::default()).expect("events"),
        single
            .events(&EventFilter::default())
            .expect("reference events")
    );
}

#[test]
fn sqlite_concurrent_writers_store_each_document_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("shared.db");
    concurrent_writers_store_each_document_once(&|| {
        Box::new(SqliteStore::open(&path).expect("open sqlite"))
    });
}

#[test]
#[cfg_attr(
    not(entente_pg),
    ignore = "needs PostgreSQL: build the tests with ENTENTE_TEST_PG set (.ci/run starts a server)"
)]
fn postgres_concurrent_writers_store_each_document_once() {
    let Some(db) = pg_database() else { return };
    concurrent_writers_store_each_document_once(&|| {
        Box::new(PgStore::open(db.url()).expect("open postgres"))
    });
}

/// The same batch gives the same record, field for field, in both stores.
#[test]
#[cfg_attr(
    not(entente_pg),
    ignore = "needs PostgreSQL: build the tests with ENTENTE_TEST_PG set (.ci/run starts a server)"
)]
fn postgres_and_sqlite_keep_the_same_record() {
    let Some((_db, mut pg)) = fresh_pg() else {
        return;
    };
    let (_dir, mut lite) = fresh();
    let mut batch = sample();
    batch[0].document.published = None;
    batch.push(sample().remove(1));
    batch[2].document.published = Some(PartialDate::day(2023, 10, 20));
    for store in [&mut pg as &mut dyn Store, &mut lite] {
        store.put_batch(&batch).expect("put");
        store.refuse().expect("refuse");
    }
    assert_eq!(
        pg.documents().expect("pg"),
        lite.documents().expect("sqlite")
    );
    assert_eq!(pg.actors().expect("pg"), lite.actors().expect("sqlite"));
    assert_eq!(
        pg.events(&EventFilter::default()).expect("pg"),
        lite.events(&EventFilter::default()).expect("sqlite")
    );
    assert_eq!(
        pg.agreements(&AgreementFilter::default()).expect("pg"),
        lite.agreements(&AgreementFilter::default())
            .expect("sqlite")
    );
    assert_eq!(pg.counts().expect("pg"), lite.counts().expect("sqlite"));
    let jsonl = |store: &dyn Store| {
        let mut out = Vec::new();
        entente_store::export::write_jsonl(
            store,
            &entente_store::export::Selection::default(),
            &mut out,
        )
        .expect("export");
        String::from_utf8(out).expect("utf-8")
    };
    assert_eq!(
        jsonl(&pg),
        jsonl(&lite),
        "the exports are byte for byte equal"
    );
}

// ---- PostgreSQL only ----------------------------------------------------

#[test]
#[cfg_attr(
    not(entente_pg),
    ignore = "needs PostgreSQL: build the tests with ENTENTE_TEST_PG set (.ci/run starts a server)"
)]
fn postgres_processes_opening_a_new_database_at_once_migrate_it_once() {
    let Some(db) = pg_database() else { return };
    std::thread::scope(|s| {
        let openers: Vec<_> = (0..6)
            .map(|_| s.spawn(|| PgStore::open(db.url()).map(|_| ())))
            .collect();
        for o in openers {
            o.join().expect("opener thread").expect("open");
        }
    });
    let mut store = PgStore::open(db.url()).expect("open");
    store.put_batch(&sample()).expect("put");
    assert_eq!(store.counts().expect("counts").documents, 2);
}

#[test]
#[cfg_attr(
    not(entente_pg),
    ignore = "needs PostgreSQL: build the tests with ENTENTE_TEST_PG set (.ci/run starts a server)"
)]
fn postgres_old_schemas_are_migrated_with_their_data() {
    let Some(db) = pg_database() else { return };
    {
        // Version 1 has no text index; documents stored then are indexed
        // by migration 2.
        let mut old = PgStore::open_at_version(db.url(), 1).expect("open at v1");
        old.put_batch(&sample()).expect("put at v1");
    }
    let mut store = PgStore::open(db.url()).expect("reopen and migrate");
    store.refuse().expect("refuse");
    let found = store
        .events(&EventFilter {
            text: Some("London".into()),
            ..Default::default()
        })
        .expect("events");
    assert_eq!(found.len(), 2);
    assert_eq!(store.counts().expect("counts").documents, 2);
}

#[test]
#[cfg_attr(
    not(entente_pg),
    ignore = "needs PostgreSQL: build the tests with ENTENTE_TEST_PG set (.ci/run starts a server)"
)]
fn postgres_refuses_a_newer_schema_and_names_the_database() {
    let Some(db) = pg_database() else { return };
    drop(PgStore::open(db.url()).expect("open"));
    db.execute("INSERT INTO schema_version (version, what) VALUES (999, 'from the future')")
        .expect("set up a newer schema");
    let err = PgStore::open(db.url()).err().map(|e| e.to_string());
    assert!(
        err.as_deref()
            .is_some_and(|e| e.contains("newer entente") && e.contains("entente_t_")),
        "{err:?}"
    );
}

#[test]
#[cfg_attr(
    not(entente_pg),
    ignore = "needs PostgreSQL: build the tests with ENTENTE_TEST_PG set (.ci/run starts a server)"
)]
fn postgres_a_missing_database_is_reported_with_what_to_do() {
    let Some(server) = common::pg_server() else {
        return;
    };
    let url = entente_store::postgres::testing::with_database(&server, "entente_no_such_db")
        .expect("url");
    let err = entente_store::open(&url).err().map(|e| e.to_string());
    assert!(
        err.as_deref()
            .is_some_and(|e| e.contains("entente_no_such_db") && e.contains("createdb")),
        "{err:?}"
    );
}

/// A role that may create tables but not extensions gets the fallback
/// `entente_fold` (lower case only): the migration still succeeds and
/// search still works.
#[test]
#[cfg_attr(
    not(entente_pg),
    ignore = "needs PostgreSQL: build the tests with ENTENTE_TEST_PG set (.ci/run starts a server)"
)]
fn postgres_without_the_unaccent_extension_search_still_works() {
    let Some(db) = pg_database() else { return };
    let name = db.url().rsplit('/').next().unwrap_or_default().to_string();
    let role = format!("{name}_r");
    db.execute(&format!(
        "CREATE ROLE {role} LOGIN; GRANT USAGE, CREATE ON SCHEMA public TO {role};"
    ))
    .expect("create a role without CREATE on the database");
    let (scheme, rest) = db.url().split_once("://").expect("url");
    let host = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
    let role_url = format!("{scheme}://{role}@{host}");
    {
        let mut store = PgStore::open(&role_url).expect("open without unaccent");
        let mut ex = sample().remove(1);
        ex.document.text = "Sécurité: Tokyo and London held talks.".into();
        store.put_batch(&[ex]).expect("put");
        store.refuse().expect("refuse");
        let found = |words: &str| {
            store
                .events(&EventFilter {
                    text: Some(words.into()),
                    ..Default::default()
                })
                .expect("events")
                .len()
        };
        assert_eq!(found("london HELD"), 2);
        assert_eq!(found("sécurité"), 2);
    }
    db.execute(
        "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'unaccent') \
         THEN RAISE EXCEPTION 'unaccent was installed after all'; END IF; END $$",
    )
    .expect("the fallback was taken");
    drop(db);
    // Roles belong to the server: drop it once its database is gone.
    if let Some(admin) = pg_database() {
        admin
            .execute(&format!("DROP ROLE IF EXISTS {role}"))
            .expect("drop the role");
    }
}

// ---- SQLite only --------------------------------------------------------

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

/// Finding 3 of the second hardening pass: reading commands created the
/// schema in any database they were pointed at. A read-only open refuses a
/// database without entente's schema, creates nothing, and cannot write.
#[test]
#[cfg_attr(
    not(entente_pg),
    ignore = "needs PostgreSQL: build the tests with ENTENTE_TEST_PG set (.ci/run starts a server)"
)]
fn postgres_read_only_open_refuses_a_foreign_database_and_cannot_write() {
    let Some(db) = pg_database() else { return };
    for _ in 0..2 {
        // Twice: the first refusal created nothing the second would find.
        let err = PgStore::open_read_only(db.url())
            .err()
            .map(|e| e.to_string());
        assert!(
            err.as_deref()
                .is_some_and(|e| e.contains("not an entente database") && e.contains("entente_t_")),
            "{err:?}"
        );
    }
    drop(PgStore::open(db.url()).expect("open"));
    let mut store = PgStore::open_read_only(db.url()).expect("read-only open");
    let err = store.put_batch(&sample()).err().map(|e| e.to_string());
    assert!(
        err.as_deref().is_some_and(|e| e.contains("read-only")),
        "{err:?}"
    );
}

#[test]
fn sqlite_read_only_open_refuses_what_is_not_an_entente_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("none.db");
    let err = SqliteStore::open_read_only(&missing)
        .err()
        .map(|e| e.to_string());
    assert!(
        err.as_deref()
            .is_some_and(|e| e.contains("no such database")),
        "{err:?}"
    );
    assert!(!missing.exists());
    let path = dir.path().join("t.db");
    drop(SqliteStore::open(&path).expect("open"));
    let mut store = SqliteStore::open_read_only(&path).expect("read-only open");
    let err = store.put_batch(&sample()).err().map(|e| e.to_string());
    assert!(
        err.as_deref().is_some_and(|e| e.contains("readonly")),
        "{err:?}"
    );
}

/// Finding 2 of the second hardening pass: a query kept running after its
/// request was answered 503. A store's budget now stops it: SQLite at the
/// next look of its progress handler, PostgreSQL by `statement_timeout`.
#[test]
fn a_spent_budget_stops_the_query_and_lifting_it_lets_queries_run() {
    let check = |store: &mut dyn Store| {
        store.put_batch(&generated(11, 400)).expect("store");
        store.refuse().expect("rebuild");
        let budget = entente_store::Budget::new(std::time::Duration::from_secs(60));
        budget.cancel();
        store.set_budget(Some(budget)).expect("set the budget");
        let stopped = store.events(&EventFilter::default());
        assert!(
            matches!(stopped, Err(StoreError::Interrupted)),
            "{:?}",
            stopped.map(|e| e.len())
        );
        store.set_budget(None).expect("lift the budget");
        assert!(
            !store
                .events(&EventFilter::default())
                .expect("events")
                .is_empty()
        );
    };
    let (_dir, mut sqlite) = fresh();
    check(&mut sqlite);
    if let Some((_db, mut pg)) = fresh_pg() {
        // A cancelled budget leaves PostgreSQL a millisecond.
        check(&mut pg);
    }
}

/// A page of events from the database is the same slice of the same list,
/// with the same total, as cutting the whole list, for every filter.
#[test]
fn a_page_of_events_is_the_slice_of_the_whole_list_on_both_stores() {
    use entente_model::EventStatus;
    let check = |store: &mut dyn Store| {
        store.put_batch(&generated(5, 120)).expect("store");
        store.refuse().expect("rebuild");
        let filters = [
            EventFilter::default(),
            EventFilter {
                actor: Some(ActorId::new("JPN")),
                ..EventFilter::default()
            },
            EventFilter {
                text: Some("signed".into()),
                ..EventFilter::default()
            },
        ];
        for filter in &filters {
            for status in [None, Some(EventStatus::Reported)] {
                let all: Vec<_> = store
                    .events(filter)
                    .expect("events")
                    .into_iter()
                    .filter(|e| status.is_none_or(|s| e.status == s))
                    .collect();
                assert!(!all.is_empty() || filter.text.is_some());
                for (limit, offset) in [(10, 0), (7, 5), (1000, 0), (3, all.len()), (5, 10_000)] {
                    let (total, page) = store
                        .events_page(filter, status, limit, offset)
                        .expect("a page");
                    assert_eq!(total, all.len() as u64, "{filter:?} {status:?}");
                    let want: Vec<_> = all.iter().skip(offset).take(limit).collect();
                    let got: Vec<_> = page.iter().collect();
                    assert_eq!(got, want, "{filter:?} {status:?} {limit} {offset}");
                }
            }
        }
    };
    let (_dir, mut sqlite) = fresh();
    check(&mut sqlite);
    if let Some((_db, mut pg)) = fresh_pg() {
        check(&mut pg);
    }
}
