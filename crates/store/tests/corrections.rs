//! Analyst corrections through the store's public API, on both backends:
//! each kind of correction survives a re-ingest of the same articles, an
//! ingest of new ones and a full rebuild; a rejected event that gets new
//! evidence stays rejected and is flagged; a correction whose record is
//! gone is reported; corrections round-trip between two databases; the
//! accuracy figures of known corrections.
//!
//! The PostgreSQL half needs `ENTENTE_TEST_PG` (see `common::pg_server`).

mod common;

use common::{document, event, ids};
use entente_model::{
    AgreementStatus, AgreementType, EventType, Evidence, ExportRecord, Extraction, Location,
    PartialDate,
};
use entente_store::corrections::{
    self, Action, Correction, Edit, EvidenceKey, Record, RecordKey, RecordKind, StepEdit,
};
use entente_store::export::{self, MarkedRecord, Selection};
use entente_store::{AgreementFilter, EventFilter, PutOutcome, Store};

macro_rules! on_both_backends {
    ($($test:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $test() {
                    let (_dir, mut store) = crate::common::fresh();
                    let (_dir2, mut other) = crate::common::fresh();
                    super::$test(&mut store, &mut other);
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
                    let Some((_db2, mut other)) = crate::common::fresh_pg() else {
                        return;
                    };
                    super::$test(&mut store, &mut other);
                }
            )*
        }
    };
}

on_both_backends!(
    each_correction_survives_reingest_new_articles_and_rebuilds,
    a_rejected_event_with_new_evidence_stays_rejected_and_is_flagged,
    a_correction_that_finds_no_record_is_kept_and_reported,
    corrections_round_trip_between_two_databases,
    accuracy_of_known_corrections,
    a_conflicting_edit_of_the_same_field_is_reported_not_applied,
    merge_and_split_survive_rebuilds_and_are_reversed_by_a_later_correction,
    edits_of_sectors_place_agreement_type_parties_and_a_history_step_survive_rebuilds,
    merge_and_split_of_agreements_survive_rebuilds_and_are_reversed_by_a_later_correction,
    a_record_read_by_its_id_is_the_one_a_walk_over_every_record_finds,
    the_events_of_one_article_are_found_by_the_document_filter,
);

const AT: &str = "2026-12-06T01:02:03Z";
fn day() -> PartialDate {
    PartialDate::day(2024, 11, 14)
}

fn at(doc: &str, start: usize, end: usize) -> Evidence {
    Evidence {
        document: doc.into(),
        text: "a sentence".into(),
        start,
        end,
    }
}

/// doc-a: an accusation and a consultation from one sentence, a support
/// from another, and an access agreement.
fn article_a() -> Extraction {
    let mut accuse = event("ev-a1", "doc-a", EventType::Accuse, &["JPN"], Some(day()));
    accuse.recipient = ids(&["CHN"]);
    accuse.evidence = vec![at("doc-a", 0, 40)];
    let mut consult = event(
        "ev-a2",
        "doc-a",
        EventType::Consult,
        &["JPN", "USA"],
        Some(day()),
    );
    consult.evidence = vec![at("doc-a", 0, 40)];
    let mut support = event("ev-a3", "doc-a", EventType::Support, &["JPN"], Some(day()));
    support.recipient = ids(&["PHL"]);
    support.evidence = vec![at("doc-a", 41, 80)];
    let mut agreement = common::agreement(
        "ag-x",
        "doc-a",
        &["JPN", "PHL"],
        AgreementStatus::Negotiating,
    );
    agreement.evidence = vec![at("doc-a", 41, 80)];
    agreement.history[0].evidence = vec![at("doc-a", 41, 80)];
    Extraction {
        document: document("doc-a", &"a".repeat(80), Some(day())),
        actors: vec![],
        events: vec![accuse, consult, support],
        agreements: vec![agreement],
    }
}

/// doc-b: the same accusation, reported again.
fn article_b() -> Extraction {
    let mut accuse = event("ev-b1", "doc-b", EventType::Accuse, &["JPN"], Some(day()));
    accuse.recipient = ids(&["CHN"]);
    accuse.evidence = vec![at("doc-b", 0, 30)];
    Extraction {
        document: document("doc-b", &"b".repeat(30), Some(day())),
        actors: vec![],
        events: vec![accuse],
        agreements: vec![],
    }
}

/// doc-c: something else.
fn article_c() -> Extraction {
    let mut consult = event(
        "ev-c1",
        "doc-c",
        EventType::Consult,
        &["FRA", "DEU"],
        Some(day()),
    );
    consult.evidence = vec![at("doc-c", 0, 20)];
    Extraction {
        document: document("doc-c", &"c".repeat(20), Some(day())),
        actors: vec![],
        events: vec![consult],
        agreements: vec![],
    }
}

fn all_events(store: &dyn Store) -> Vec<entente_model::Event> {
    store
        .events(&EventFilter {
            rejected: true,
            ..EventFilter::default()
        })
        .expect("events")
}

fn event_of(store: &dyn Store, t: EventType) -> entente_model::Event {
    all_events(store)
        .into_iter()
        .find(|e| e.event_type == t)
        .unwrap_or_else(|| panic!("no {t:?} event"))
}

fn correct(store: &mut dyn Store, id: &str, action: Action, edit: Option<Edit>) -> Correction {
    let record = corrections::find_record(store, id)
        .expect("find")
        .unwrap_or_else(|| panic!("no record {id}"));
    let seen = edit.as_ref().map(|e| corrections::seen_values(&record, e));
    let mut c = Correction::new("ana", AT, Some("checked"), action, edit, record.key())
        .expect("valid correction");
    if let Some(seen) = seen {
        c = c.with_seen(seen).expect("valid correction");
    }
    assert_eq!(
        store
            .add_corrections(std::slice::from_ref(&c))
            .expect("add"),
        1
    );
    store.refuse().expect("refuse");
    c
}

/// Reject the accusation, edit the consultation (type, date) and the
/// agreement (status), confirm the support.
fn make_corrections(store: &mut dyn Store) {
    store.put_batch(&[article_a()]).expect("put");
    store.refuse().expect("refuse");
    let accuse = event_of(store, EventType::Accuse).id;
    let consult = event_of(store, EventType::Consult).id;
    let support = event_of(store, EventType::Support).id;
    let agreement = store
        .agreements(&AgreementFilter::default())
        .expect("agreements")[0]
        .id
        .clone();
    correct(store, &accuse, Action::Reject, None);
    correct(
        store,
        &consult,
        Action::Edit,
        Some(Edit {
            event_type: Some(EventType::Agree),
            date: Some("2024-11".into()),
            ..Edit::default()
        }),
    );
    correct(store, &support, Action::Confirm, None);
    correct(
        store,
        &agreement,
        Action::Edit,
        Some(Edit {
            status: Some("signed".into()),
            ..Edit::default()
        }),
    );
}

/// The record as the corrections of [`make_corrections`] leave it.
fn check_corrected(store: &dyn Store, when: &str) {
    let visible = store.events(&EventFilter::default()).expect("events");
    assert!(
        visible.iter().all(|e| e.event_type != EventType::Accuse),
        "{when}: the rejected accusation is listed"
    );
    let accuse = event_of(store, EventType::Accuse);
    assert!(
        accuse
            .why
            .iter()
            .any(|w| w == "rejected by ana 2026-12-06T01:02Z (checked)"),
        "{when}: {:?}",
        accuse.why
    );
    let agree = store
        .events(&EventFilter {
            event_type: Some(EventType::Agree),
            ..EventFilter::default()
        })
        .expect("events");
    assert_eq!(agree.len(), 1, "{when}: the edited type is not indexed");
    assert_eq!(agree[0].date, Some(PartialDate::month(2024, 11)), "{when}");
    assert_eq!(agree[0].actor, ids(&["JPN", "USA"]), "{when}");
    assert!(
        agree[0]
            .why
            .iter()
            .any(|w| w == "corrected by ana 2026-12-06T01:02Z: type CONSULT → AGREE"),
        "{when}: {:?}",
        agree[0].why
    );
    assert!(
        agree[0]
            .why
            .iter()
            .any(|w| w.contains("date 2024-11-14 (day) → 2024-11 (month)")),
        "{when}: {:?}",
        agree[0].why
    );
    let support = event_of(store, EventType::Support);
    assert!(
        support
            .why
            .iter()
            .any(|w| w.starts_with("confirmed by ana")),
        "{when}"
    );
    let agreements = store
        .agreements(&AgreementFilter::default())
        .expect("agreements");
    let access = agreements
        .iter()
        .find(|a| a.parties == ids(&["JPN", "PHL"]))
        .expect("agreement");
    assert_eq!(access.status, AgreementStatus::Signed, "{when}");
    let marks = store.marks().expect("marks");
    let mark_of = |id: &str| {
        marks
            .iter()
            .find(|(_, i, _)| i == id)
            .map(|(_, _, m)| m.clone())
            .unwrap_or_else(|| panic!("{when}: {id} has no mark"))
    };
    assert!(mark_of(&accuse.id).rejected, "{when}");
    assert_eq!(mark_of(&agree[0].id).edited, ["type", "date"], "{when}");
    assert!(mark_of(&support.id).confirmed, "{when}");
    assert_eq!(mark_of(&access.id).edited, ["status"], "{when}");
    for c in store.corrections().expect("corrections") {
        assert!(
            c.record.is_some(),
            "{when}: {} found no record",
            c.correction.id
        );
    }
}

pub fn each_correction_survives_reingest_new_articles_and_rebuilds(
    store: &mut dyn Store,
    _other: &mut dyn Store,
) {
    make_corrections(store);
    check_corrected(store, "after the corrections");
    assert_eq!(
        store.put_batch(&[article_a()]).expect("put"),
        [PutOutcome::Known]
    );
    store.refuse().expect("refuse");
    check_corrected(store, "after a re-ingest of the same article");
    store.put_batch(&[article_c()]).expect("put");
    store.refuse().expect("refuse");
    check_corrected(store, "after an ingest of a new article");
    assert_eq!(
        store.events(&EventFilter::default()).expect("events").len(),
        3
    );
    store.refuse().expect("refuse");
    store.refuse().expect("refuse");
    check_corrected(store, "after full rebuilds");
    assert_eq!(store.corrections().expect("corrections").len(), 4);
}

pub fn a_rejected_event_with_new_evidence_stays_rejected_and_is_flagged(
    store: &mut dyn Store,
    _other: &mut dyn Store,
) {
    make_corrections(store);
    let before = event_of(store, EventType::Accuse);
    store.put_batch(&[article_b()]).expect("put");
    store.refuse().expect("refuse");
    let after = event_of(store, EventType::Accuse);
    assert_ne!(before.id, after.id, "the fused id is renumbered");
    assert_eq!(after.evidence.len(), 2, "the new report fused into it");
    assert!(
        store
            .events(&EventFilter::default())
            .expect("events")
            .iter()
            .all(|e| e.event_type != EventType::Accuse),
        "still hidden"
    );
    assert!(
        after
            .why
            .iter()
            .any(|w| w.starts_with("new evidence since rejected")),
        "{:?}",
        after.why
    );
    let marks = store.marks().expect("marks");
    let mark = &marks
        .iter()
        .find(|(_, id, _)| *id == after.id)
        .expect("mark")
        .2;
    assert!(mark.rejected && mark.new_evidence);
    // the export shows it only when asked for, marked
    let mut out = Vec::new();
    export::write_jsonl(store, &Selection::default(), &mut out).expect("export");
    assert!(!String::from_utf8_lossy(&out).contains(&after.id));
    let mut out = Vec::new();
    let everything = Selection {
        events: EventFilter {
            rejected: true,
            ..EventFilter::default()
        },
    };
    export::write_jsonl(store, &everything, &mut out).expect("export");
    let text = String::from_utf8(out).expect("utf-8");
    let line = text
        .lines()
        .find(|l| l.contains(&after.id))
        .expect("exported");
    let read: MarkedRecord = serde_json::from_str(line).expect("marked record");
    let mark = read.correction.expect("correction field");
    assert!(mark.rejected && mark.new_evidence);
    // the line still reads as a plain export record
    let plain: ExportRecord = serde_json::from_str(line).expect("export record");
    assert!(matches!(plain, ExportRecord::Event(_)));
    // a confirmation lifts the rejection
    correct(store, &after.id, Action::Confirm, None);
    assert!(
        store
            .events(&EventFilter::default())
            .expect("events")
            .iter()
            .any(|e| e.event_type == EventType::Accuse)
    );
}

pub fn a_correction_that_finds_no_record_is_kept_and_reported(
    store: &mut dyn Store,
    _other: &mut dyn Store,
) {
    store.put_batch(&[article_a()]).expect("put");
    store.refuse().expect("refuse");
    let key = RecordKey {
        kind: RecordKind::Event,
        evidence: vec![EvidenceKey {
            document: "doc-gone".into(),
            start: 0,
            end: 10,
        }],
        coded_type: "ACCUSE".into(),
        actor: ids(&["JPN"]),
        recipient: vec![],
    };
    let orphan = Correction::new("bob", AT, None, Action::Reject, None, key).expect("valid");
    assert_eq!(
        store
            .add_corrections(std::slice::from_ref(&orphan))
            .expect("add"),
        1
    );
    assert_eq!(
        store
            .add_corrections(std::slice::from_ref(&orphan))
            .expect("add"),
        0
    );
    store.refuse().expect("refuse");
    let stored = store.corrections().expect("corrections");
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].correction, orphan);
    assert_eq!(stored[0].record, None);
    assert_eq!(
        store.events(&EventFilter::default()).expect("events").len(),
        3
    );
}

pub fn corrections_round_trip_between_two_databases(store: &mut dyn Store, other: &mut dyn Store) {
    make_corrections(store);
    let mut out = Vec::new();
    assert_eq!(
        export::write_corrections(store, &mut out).expect("export"),
        4
    );
    let read: Vec<Correction> = String::from_utf8(out)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("correction line"))
        .collect();
    other.put_batch(&[article_a()]).expect("put");
    other.refuse().expect("refuse");
    assert_eq!(other.add_corrections(&read).expect("import"), 4);
    assert_eq!(other.add_corrections(&read).expect("import again"), 0);
    other.refuse().expect("refuse");
    check_corrected(other, "in the other database");
    assert_eq!(all_events(store), all_events(other));
    assert_eq!(store.marks().expect("marks"), other.marks().expect("marks"));
}

pub fn accuracy_of_known_corrections(store: &mut dyn Store, _other: &mut dyn Store) {
    make_corrections(store);
    let rows = corrections::accuracy_of(store).expect("accuracy");
    let row = |rows: &[corrections::AccuracyRow], record: &str, by: &str, value: &str| {
        rows.iter()
            .find(|r| r.record == record && r.by == by && r.value == value)
            .map(|r| (r.reviewed, r.kept, r.rejected, r.edited, r.share))
            .unwrap_or_else(|| panic!("no row {record} {by}={value} in {rows:?}"))
    };
    // four records reviewed: of the three events one rejected, one edited,
    // one kept; the agreement edited
    assert_eq!(row(&rows, "all", "all", "all"), (4, 1, 1, 2, 0.25));
    assert_eq!(row(&rows, "event", "all", "all"), (3, 1, 1, 1, 0.333));
    assert_eq!(row(&rows, "event", "type", "ACCUSE"), (1, 0, 1, 0, 0.0));
    assert_eq!(row(&rows, "event", "type", "CONSULT"), (1, 0, 0, 1, 0.0));
    assert_eq!(row(&rows, "event", "type", "SUPPORT"), (1, 1, 0, 0, 1.0));
    assert_eq!(row(&rows, "event", "lang", "en"), (3, 1, 1, 1, 0.333));
    assert_eq!(row(&rows, "event", "month", "2024-11"), (3, 1, 1, 1, 0.333));
    assert_eq!(row(&rows, "agreement", "all", "all"), (1, 0, 0, 1, 0.0));
    assert_eq!(
        row(&rows, "agreement", "type", "reciprocal_access"),
        (1, 0, 0, 1, 0.0)
    );
    assert_eq!(row(&rows, "agreement", "lang", "en"), (1, 0, 0, 1, 0.0));
    assert_eq!(
        row(&rows, "agreement", "month", "2024-11"),
        (1, 0, 0, 1, 0.0)
    );
    assert_eq!(rows.len(), 11, "{rows:?}");
    // a later confirmation of the rejected event counts it kept; a second
    // article's agreement, confirmed, joins the figures
    let accuse = event_of(store, EventType::Accuse).id;
    correct(store, &accuse, Action::Confirm, None);
    let mut logistics_only = article_d();
    logistics_only.agreements.remove(0);
    store.put_batch(&[logistics_only]).expect("put");
    store.refuse().expect("refuse");
    let logistics = agreement_of(store, AgreementType::Logistics, "doc-d").key();
    let confirm =
        Correction::new("ana", AT, None, Action::Confirm, None, logistics).expect("valid");
    add(store, &confirm);
    let rows = corrections::accuracy_of(store).expect("accuracy");
    assert_eq!(row(&rows, "all", "all", "all"), (5, 3, 0, 2, 0.6));
    assert_eq!(row(&rows, "event", "all", "all"), (3, 2, 0, 1, 0.667));
    assert_eq!(row(&rows, "agreement", "all", "all"), (2, 1, 0, 1, 0.5));
    assert_eq!(
        row(&rows, "agreement", "type", "logistics"),
        (1, 1, 0, 0, 1.0)
    );
    assert_eq!(
        row(&rows, "agreement", "type", "reciprocal_access"),
        (1, 0, 0, 1, 0.0)
    );
}

#[test]
fn corrections_are_append_only_in_sqlite() {
    let (dir, mut store) = common::fresh();
    store.put_batch(&[article_a()]).expect("put");
    store.refuse().expect("refuse");
    let id = event_of(&store, EventType::Accuse).id;
    let Some(Record::Event(..)) = corrections::find_record(&store, &id).expect("find") else {
        panic!("an event")
    };
    correct(&mut store, &id, Action::Reject, None);
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join("t.db")).expect("open");
    let update = conn.execute("UPDATE corrections SET author = 'mallory'", []);
    assert!(update.is_err(), "an update went through");
    let delete = conn.execute("DELETE FROM corrections", []);
    assert!(delete.is_err(), "a delete went through");
}

pub fn a_conflicting_edit_of_the_same_field_is_reported_not_applied(
    store: &mut dyn Store,
    _other: &mut dyn Store,
) {
    store.put_batch(&[article_a()]).expect("put");
    store.refuse().expect("refuse");
    let id = event_of(store, EventType::Consult).id;
    let record = corrections::find_record(store, &id)
        .expect("find")
        .expect("record");
    // two analysts edit the type of the record as they both see it
    let edit = |author: &str, at: &str, t: EventType| {
        let e = Edit {
            event_type: Some(t),
            ..Edit::default()
        };
        Correction::new(
            author,
            at,
            None,
            Action::Edit,
            Some(e.clone()),
            record.key(),
        )
        .and_then(|c| c.with_seen(corrections::seen_values(&record, &e)))
        .expect("valid")
    };
    let ana = edit("ana", "2026-12-06T01:00:00Z", EventType::Agree);
    let bob = edit("bob", "2026-12-06T01:00:05Z", EventType::Cooperate);
    assert_eq!(store.add_corrections(&[ana, bob]).expect("add"), 2);
    store.refuse().expect("refuse");
    let now = event_of(store, EventType::Agree);
    assert!(
        now.why.iter().any(|w| w
            == "conflict: the edit by bob 2026-12-06T01:00Z of type was not applied: they saw CONSULT, it had become AGREE"),
        "{:?}",
        now.why
    );
    let marks = store.marks().expect("marks");
    let mark = &marks.iter().find(|(_, i, _)| *i == now.id).expect("mark").2;
    assert_eq!(mark.conflicts, ["type"]);
    // an edit made against the value now in place applies
    correct(
        store,
        &now.id,
        Action::Edit,
        Some(Edit {
            event_type: Some(EventType::Cooperate),
            ..Edit::default()
        }),
    );
    let _ = event_of(store, EventType::Cooperate);
}

fn add(store: &mut dyn Store, c: &Correction) {
    assert_eq!(
        store.add_corrections(std::slice::from_ref(c)).expect("add"),
        1
    );
    store.refuse().expect("refuse");
}

fn visible(store: &dyn Store) -> Vec<(EventType, usize)> {
    let mut v: Vec<(EventType, usize)> = store
        .events(&EventFilter::default())
        .expect("events")
        .iter()
        .map(|e| (e.event_type, e.evidence.len()))
        .collect();
    v.sort();
    v
}

pub fn merge_and_split_survive_rebuilds_and_are_reversed_by_a_later_correction(
    store: &mut dyn Store,
    _other: &mut dyn Store,
) {
    store.put_batch(&[article_a(), article_b()]).expect("put");
    store.refuse().expect("refuse");
    let coded = visible(store);
    assert_eq!(
        coded,
        [
            (EventType::Consult, 1),
            (EventType::Support, 1),
            (EventType::Accuse, 2)
        ]
        .into_iter()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect::<Vec<_>>()
    );
    let record = |store: &dyn Store, t: EventType| {
        let id = event_of(store, t).id;
        corrections::find_record(store, &id)
            .expect("find")
            .expect("record")
    };
    // the second article's sentence is another accusation
    let accuse = record(store, EventType::Accuse);
    let split = Correction::split(
        "ana",
        AT,
        Some("two accusations"),
        accuse.key(),
        vec![EvidenceKey {
            document: "doc-b".into(),
            start: 0,
            end: 30,
        }],
    )
    .expect("valid split");
    add(store, &split);
    // the consultation is the support's event
    let merge = Correction::merge(
        "bob",
        AT,
        None,
        record(store, EventType::Support).key(),
        record(store, EventType::Consult).key(),
    )
    .expect("valid merge");
    add(store, &merge);
    let corrected = vec![
        (EventType::Support, 2),
        (EventType::Accuse, 1),
        (EventType::Accuse, 1),
    ];
    let mut expected = corrected.clone();
    expected.sort();
    assert_eq!(visible(store), expected);
    let ids = |store: &dyn Store| {
        let mut v: Vec<String> = all_events(store).into_iter().map(|e| e.id).collect();
        v.sort();
        v
    };
    let before = ids(store);
    store.put_batch(&[article_c()]).expect("put");
    store.refuse().expect("refuse");
    store.refuse().expect("refuse");
    let mut with_c = expected.clone();
    with_c.push((EventType::Consult, 1));
    with_c.sort();
    assert_eq!(visible(store), with_c, "after new articles and rebuilds");
    assert!(
        before.iter().all(|id| ids(store).contains(id)),
        "the split-off event keeps its id"
    );
    let support = event_of(store, EventType::Support);
    assert!(
        support.why.iter().any(|w| w.starts_with("merged by bob")),
        "{:?}",
        support.why
    );
    let marks = store.marks().expect("marks");
    assert!(marks.iter().any(|(_, _, m)| m.merged_into.is_some()));
    assert!(marks.iter().any(|(_, _, m)| m.split_from.is_some()));
    // both undone by later corrections
    add(
        store,
        &Correction::revert("ana", AT, None, &merge).expect("revert"),
    );
    add(
        store,
        &Correction::revert("ana", AT, None, &split).expect("revert"),
    );
    let mut back = coded.clone();
    back.push((EventType::Consult, 1));
    back.sort();
    assert_eq!(visible(store), back, "after the reverts");
    for c in store.corrections().expect("corrections") {
        assert!(c.record.is_some(), "{} found no record", c.correction.id);
    }
}

/// The support event and the agreement as the edits of
/// [`edits_of_sectors_place_agreement_type_parties_and_a_history_step_survive_rebuilds`]
/// leave them.
fn check_edited_fields(store: &dyn Store, when: &str) {
    let support = event_of(store, EventType::Support);
    assert_eq!(support.actor_sectors, ["MIL"], "{when}");
    assert_eq!(support.recipient_sectors, ["GOV", "MIL"], "{when}");
    assert_eq!(
        support.location,
        Some(Location {
            country: Some(entente_model::ActorId::new("PHL")),
            place: Some("Subic Bay".into()),
        }),
        "{when}"
    );
    assert!(
        support
            .why
            .iter()
            .any(|w| w == "corrected by ana 2026-12-06T01:02Z: place (none) → Subic Bay"),
        "{when}: {:?}",
        support.why
    );
    let agreements = store
        .agreements(&AgreementFilter::default())
        .expect("agreements");
    assert_eq!(agreements.len(), 1, "{when}");
    let a = &agreements[0];
    assert_eq!(
        a.agreement_type,
        AgreementType::DefenceCooperation,
        "{when}"
    );
    assert_eq!(a.parties, ids(&["JPN", "PHL", "USA"]), "{when}");
    assert_eq!(a.history.len(), 1, "{when}");
    assert_eq!(a.history[0].status, AgreementStatus::Signed, "{when}");
    assert_eq!(
        a.history[0].date,
        Some(PartialDate::day(2024, 11, 20)),
        "{when}"
    );
    // the agreement's status follows its history
    assert_eq!(a.status, AgreementStatus::Signed, "{when}");
    assert_eq!(
        a.status_date,
        Some(PartialDate::day(2024, 11, 20)),
        "{when}"
    );
    let party = store
        .agreements(&AgreementFilter {
            party: Some(entente_model::ActorId::new("USA")),
            ..AgreementFilter::default()
        })
        .expect("agreements");
    assert_eq!(party.len(), 1, "{when}: the new party is not indexed");
    let marks = store.marks().expect("marks");
    let mark_of = |id: &str| {
        marks
            .iter()
            .find(|(_, i, _)| i == id)
            .map(|(_, _, m)| m.clone())
            .unwrap_or_else(|| panic!("{when}: {id} has no mark"))
    };
    assert_eq!(mark_of(&support.id).edited, ["sectors", "place"], "{when}");
    assert_eq!(
        mark_of(&a.id).edited,
        ["status", "parties", "type", "history"],
        "{when}"
    );
}

pub fn edits_of_sectors_place_agreement_type_parties_and_a_history_step_survive_rebuilds(
    store: &mut dyn Store,
    other: &mut dyn Store,
) {
    store.put_batch(&[article_a()]).expect("put");
    store.refuse().expect("refuse");
    let support = event_of(store, EventType::Support).id;
    correct(
        store,
        &support,
        Action::Edit,
        Some(Edit {
            actor_sectors: Some(vec!["MIL".into()]),
            recipient_sectors: Some(vec!["GOV".into(), "MIL".into()]),
            place: Some("Subic Bay".into()),
            place_country: Some("PHL".into()),
            ..Edit::default()
        }),
    );
    let agreement = store
        .agreements(&AgreementFilter::default())
        .expect("agreements")[0]
        .id
        .clone();
    correct(
        store,
        &agreement,
        Action::Edit,
        Some(Edit {
            agreement_type: Some(AgreementType::DefenceCooperation),
            parties: Some(ids(&["USA", "JPN", "PHL"])),
            ..Edit::default()
        }),
    );
    let agreement = store
        .agreements(&AgreementFilter::default())
        .expect("agreements")[0]
        .id
        .clone();
    correct(
        store,
        &agreement,
        Action::Edit,
        Some(Edit {
            step: Some(StepEdit {
                evidence: EvidenceKey {
                    document: "doc-a".into(),
                    start: 41,
                    end: 80,
                },
                status: Some("signed".into()),
                date: Some("2024-11-20".into()),
            }),
            ..Edit::default()
        }),
    );
    check_edited_fields(store, "after the edits");
    store.put_batch(&[article_a()]).expect("put");
    store.refuse().expect("refuse");
    check_edited_fields(store, "after a re-ingest of the same article");
    store.put_batch(&[article_c()]).expect("put");
    store.refuse().expect("refuse");
    store.refuse().expect("refuse");
    check_edited_fields(store, "after new articles and full rebuilds");
    // the same edits, exported and imported, give the same record elsewhere
    let mut out = Vec::new();
    export::write_corrections(store, &mut out).expect("export");
    let read: Vec<Correction> = String::from_utf8(out)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("correction line"))
        .collect();
    other.put_batch(&[article_a()]).expect("put");
    other.refuse().expect("refuse");
    assert_eq!(other.add_corrections(&read).expect("import"), 3);
    other.refuse().expect("refuse");
    check_edited_fields(other, "in the other database");
}

#[test]
fn edits_of_the_wrong_kind_of_record_are_refused() {
    let event_key = RecordKey {
        kind: RecordKind::Event,
        evidence: vec![EvidenceKey {
            document: "doc-a".into(),
            start: 0,
            end: 40,
        }],
        coded_type: "ACCUSE".into(),
        actor: ids(&["JPN"]),
        recipient: vec![],
    };
    let agreement_key = RecordKey {
        kind: RecordKind::Agreement,
        coded_type: "alliance".into(),
        ..event_key.clone()
    };
    let edit = |e: Edit, key: &RecordKey| {
        Correction::new("ana", AT, None, Action::Edit, Some(e), key.clone())
    };
    let step = StepEdit {
        evidence: event_key.evidence[0].clone(),
        status: Some("signed".into()),
        date: None,
    };
    for bad in [
        Edit {
            agreement_type: Some(AgreementType::Alliance),
            ..Edit::default()
        },
        Edit {
            step: Some(step.clone()),
            ..Edit::default()
        },
        Edit {
            actor_sectors: Some(vec!["military".into()]),
            ..Edit::default()
        },
    ] {
        assert!(edit(bad.clone(), &event_key).is_err(), "{bad:?}");
    }
    for bad in [
        Edit {
            place: Some("Manila".into()),
            ..Edit::default()
        },
        Edit {
            actor_sectors: Some(vec!["MIL".into()]),
            ..Edit::default()
        },
        Edit {
            step: Some(StepEdit {
                status: Some("married".into()),
                ..step.clone()
            }),
            ..Edit::default()
        },
        Edit {
            step: Some(StepEdit {
                status: None,
                ..step.clone()
            }),
            ..Edit::default()
        },
    ] {
        assert!(edit(bad.clone(), &agreement_key).is_err(), "{bad:?}");
    }
    assert!(
        edit(
            Edit {
                step: Some(step),
                agreement_type: Some(AgreementType::Logistics),
                ..Edit::default()
            },
            &agreement_key
        )
        .is_ok()
    );
}

/// doc-d: the access agreement of doc-a, now signed, and a logistics
/// agreement between the same states.
fn article_d() -> Extraction {
    let mut signed = common::agreement("ag-d1", "doc-d", &["JPN", "PHL"], AgreementStatus::Signed);
    signed.evidence = vec![at("doc-d", 0, 30)];
    signed.history[0].evidence = vec![at("doc-d", 0, 30)];
    signed.history[0].date = Some(day());
    let mut logistics =
        common::agreement("ag-d2", "doc-d", &["JPN", "PHL"], AgreementStatus::Agreed);
    logistics.agreement_type = AgreementType::Logistics;
    logistics.evidence = vec![at("doc-d", 31, 60)];
    logistics.history[0].evidence = vec![at("doc-d", 31, 60)];
    logistics.history[0].date = Some(PartialDate::day(2024, 11, 15));
    Extraction {
        document: document("doc-d", &"d".repeat(60), Some(day())),
        actors: vec![],
        events: vec![],
        agreements: vec![signed, logistics],
    }
}

/// The visible agreements: type, status and evidence sentences.
fn visible_agreements(store: &dyn Store) -> Vec<(AgreementType, AgreementStatus, usize)> {
    let mut v: Vec<_> = store
        .agreements(&AgreementFilter::default())
        .expect("agreements")
        .iter()
        .map(|a| (a.agreement_type, a.status, a.evidence.len()))
        .collect();
    v.sort();
    v
}

fn agreement_of(store: &dyn Store, t: AgreementType, evidence: &str) -> Record {
    let a = store
        .agreements(&AgreementFilter::default())
        .expect("agreements")
        .into_iter()
        .find(|a| a.agreement_type == t && a.evidence.iter().any(|e| e.document == evidence))
        .unwrap_or_else(|| panic!("no {t:?} agreement evidenced by {evidence}"));
    corrections::find_record(store, &a.id)
        .expect("find")
        .expect("record")
}

pub fn merge_and_split_of_agreements_survive_rebuilds_and_are_reversed_by_a_later_correction(
    store: &mut dyn Store,
    _other: &mut dyn Store,
) {
    use AgreementStatus::{Agreed, Negotiating, Signed};
    use AgreementType::{Logistics, ReciprocalAccess};
    store.put_batch(&[article_a(), article_d()]).expect("put");
    store.refuse().expect("refuse");
    let coded = visible_agreements(store);
    assert_eq!(
        coded,
        [(ReciprocalAccess, Signed, 2), (Logistics, Agreed, 1)]
    );
    // doc-d's signing is of another access agreement
    let access = agreement_of(store, ReciprocalAccess, "doc-a");
    let split = Correction::split(
        "ana",
        AT,
        Some("a second agreement"),
        access.key(),
        vec![EvidenceKey {
            document: "doc-d".into(),
            start: 0,
            end: 30,
        }],
    )
    .expect("valid split");
    add(store, &split);
    let after_split = vec![
        (ReciprocalAccess, Negotiating, 1),
        (ReciprocalAccess, Signed, 1),
        (Logistics, Agreed, 1),
    ];
    assert_eq!(visible_agreements(store), after_split);
    // the logistics agreement is the first access agreement
    let merge = Correction::merge(
        "bob",
        AT,
        None,
        agreement_of(store, ReciprocalAccess, "doc-a").key(),
        agreement_of(store, Logistics, "doc-d").key(),
    )
    .expect("valid merge");
    add(store, &merge);
    let corrected = vec![(ReciprocalAccess, Agreed, 2), (ReciprocalAccess, Signed, 1)];
    let check = |store: &dyn Store, when: &str| {
        assert_eq!(visible_agreements(store), corrected, "{when}");
        let merged = agreement_of(store, ReciprocalAccess, "doc-a");
        let Record::Agreement(a, Some(mark)) = &merged else {
            panic!("{when}: no marked agreement")
        };
        assert_eq!(mark.merged.len(), 1, "{when}");
        assert_eq!(mark.split_off.len(), 1, "{when}");
        assert!(
            mark.edited.is_empty(),
            "{when}: a merge and a split are no edits: {:?}",
            mark.edited
        );
        let split_off = agreement_of(store, ReciprocalAccess, "doc-d");
        let Record::Agreement(_, Some(split_mark)) = &split_off else {
            panic!("{when}: no marked split-off agreement")
        };
        assert!(split_mark.split_from.is_some(), "{when}");
        assert!(
            split_mark.edited.is_empty(),
            "{when}: {:?}",
            split_mark.edited
        );
        assert_eq!(a.history.len(), 2, "{when}: {:?}", a.history);
        let why: Vec<&String> = a.history.iter().flat_map(|s| &s.why).collect();
        assert!(
            why.iter().any(|w| w.starts_with("merged by bob")),
            "{when}: {why:?}"
        );
        assert!(
            why.iter().any(|w| w.starts_with("split by ana")),
            "{when}: {why:?}"
        );
        let all = store
            .agreements(&AgreementFilter {
                rejected: true,
                ..AgreementFilter::default()
            })
            .expect("agreements");
        assert_eq!(all.len(), 3, "{when}: the merged one is kept, hidden");
    };
    check(store, "after the corrections");
    store.put_batch(&[article_a()]).expect("put");
    store.refuse().expect("refuse");
    check(store, "after a re-ingest");
    store.put_batch(&[article_c()]).expect("put");
    store.refuse().expect("refuse");
    store.refuse().expect("refuse");
    check(store, "after new articles and full rebuilds");
    add(
        store,
        &Correction::revert("ana", AT, None, &merge).expect("revert"),
    );
    assert_eq!(
        visible_agreements(store),
        after_split,
        "after the first revert"
    );
    add(
        store,
        &Correction::revert("bob", AT, None, &split).expect("revert"),
    );
    assert_eq!(visible_agreements(store), coded, "after both reverts");
    for c in store.corrections().expect("corrections") {
        assert!(c.record.is_some(), "{} found no record", c.correction.id);
    }
}

pub fn a_record_read_by_its_id_is_the_one_a_walk_over_every_record_finds(
    store: &mut dyn Store,
    _other: &mut dyn Store,
) {
    make_corrections(store);
    let mut ids: Vec<String> = all_events(store).into_iter().map(|e| e.id).collect();
    ids.extend(
        store
            .agreements(&AgreementFilter {
                rejected: true,
                ..AgreementFilter::default()
            })
            .expect("agreements")
            .into_iter()
            .map(|a| a.id),
    );
    assert_eq!(ids.len(), 4);
    let mut marked = 0;
    for id in &ids {
        let keyed = corrections::find_record(store, id).expect("keyed read");
        let walked = corrections::scan_for_record(store, id).expect("walk");
        assert!(keyed.is_some(), "{id} not found by its id");
        assert_eq!(keyed, walked, "{id}");
        if let Some(Record::Event(_, Some(_)) | Record::Agreement(_, Some(_))) = keyed {
            marked += 1;
        }
    }
    assert_eq!(
        marked, 4,
        "every record of make_corrections carries its mark"
    );
    assert_eq!(
        corrections::find_record(store, "ev-none").expect("read"),
        None
    );
}

/// What `review list --document` asks the store for.
pub fn the_events_of_one_article_are_found_by_the_document_filter(
    store: &mut dyn Store,
    _other: &mut dyn Store,
) {
    store.put_batch(&[article_a(), article_b()]).expect("put");
    store.refuse().expect("refuse");
    let of = |store: &dyn Store, doc: &str, rejected: bool| {
        let mut v: Vec<EventType> = store
            .events(&EventFilter {
                document: Some(doc.into()),
                rejected,
                ..EventFilter::default()
            })
            .expect("events")
            .iter()
            .map(|e| e.event_type)
            .collect();
        v.sort();
        v
    };
    assert_eq!(of(store, "doc-b", false), [EventType::Accuse]);
    assert_eq!(
        of(store, "doc-a", false),
        [EventType::Consult, EventType::Support, EventType::Accuse]
            .into_iter()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
    );
    assert!(of(store, "doc-none", true).is_empty());
    // a rejected event only with `rejected`
    let accuse = event_of(store, EventType::Accuse).id;
    correct(store, &accuse, Action::Reject, None);
    assert!(of(store, "doc-b", false).is_empty());
    assert_eq!(of(store, "doc-b", true), [EventType::Accuse]);
}
