//! The read-side calls the server uses: one document by id, and full-text
//! search, from SQLite, from PostgreSQL (when `ENTENTE_TEST_PG` is set) and
//! from the trait's default bodies (which any other backend inherits until
//! it overrides them).

mod common;

use common::{document, fresh, fresh_pg};
use entente_model::{ActorRecord, Agreement, Document, Event, Extraction};
use entente_store::{
    AgreementFilter, EventFilter, PutOutcome, SNIPPET_CLOSE, SNIPPET_OPEN, SqliteStore, Store,
    StoreCounts, StoreError,
};

fn articles() -> Vec<Extraction> {
    let texts = [
        ("d1", "Il ministro giapponese è arrivato a Manila giovedì."),
        (
            "d2",
            "Japan and the Philippines signed a reciprocal access agreement.",
        ),
        (
            "d3",
            "The reciprocal access agreement enters into force in September.",
        ),
    ];
    texts
        .iter()
        .map(|(id, text)| Extraction {
            document: document(id, text, None),
            ..Extraction::default()
        })
        .collect()
}

fn stored() -> (tempfile::TempDir, SqliteStore) {
    let (dir, mut store) = fresh();
    store.put_batch(&articles()).expect("put");
    (dir, store)
}

/// A store that only forwards the required calls, so the trait's default
/// `document` and `search` are the ones running.
struct Plain(SqliteStore);

impl Store for Plain {
    fn put_batch(&mut self, batch: &[Extraction]) -> Result<Vec<PutOutcome>, StoreError> {
        self.0.put_batch(batch)
    }
    fn refuse(&mut self) -> Result<(), StoreError> {
        self.0.refuse()
    }
    fn each_document(
        &self,
        visit: &mut dyn FnMut(Document) -> std::io::Result<()>,
    ) -> Result<(), StoreError> {
        self.0.each_document(visit)
    }
    fn actors(&self) -> Result<Vec<ActorRecord>, StoreError> {
        self.0.actors()
    }
    fn events(&self, filter: &EventFilter) -> Result<Vec<Event>, StoreError> {
        self.0.events(filter)
    }
    fn agreements(&self, filter: &AgreementFilter) -> Result<Vec<Agreement>, StoreError> {
        self.0.agreements(filter)
    }
    fn counts(&self) -> Result<StoreCounts, StoreError> {
        self.0.counts()
    }
}

fn check_document(store: &dyn Store) {
    let d = store.document("d2").expect("read").expect("present");
    assert_eq!(d.id, "d2");
    assert!(d.text.starts_with("Japan and the Philippines"));
    assert_eq!(store.document("nope").expect("read"), None);
}

fn check_search(store: &dyn Store) {
    let page = store.search("reciprocal access", 10, 0).expect("search");
    assert_eq!(page.total, 2);
    let mut found: Vec<&str> = page.hits.iter().map(|h| h.document.as_str()).collect();
    found.sort_unstable();
    assert_eq!(found, ["d2", "d3"]);
    for hit in &page.hits {
        assert!(
            hit.snippet.contains(SNIPPET_OPEN) && hit.snippet.contains(SNIPPET_CLOSE),
            "{:?}",
            hit.snippet
        );
    }
    let second = store.search("reciprocal access", 1, 1).expect("search");
    assert_eq!((second.total, second.hits.len()), (2, 1));
    assert_eq!(
        store
            .search("access reciprocal", 10, 0)
            .expect("search")
            .total,
        0
    );
    assert_eq!(store.search("   ", 10, 0).expect("search").total, 0);
    assert_eq!(store.search("\" OR *", 10, 0).expect("search").total, 0);
}

#[test]
fn sqlite_reads_one_document_and_searches_its_index() {
    let (_dir, store) = stored();
    check_document(&store);
    check_search(&store);
    // FTS5 folds accents: "e" finds "è", "giovedi" finds "giovedì".
    assert_eq!(store.search("giovedi", 10, 0).expect("search").total, 1);
}

#[test]
fn default_bodies_give_the_same_answers() {
    let (_dir, store) = stored();
    let plain = Plain(store);
    check_document(&plain);
    check_search(&plain);
}

#[test]
#[cfg_attr(
    not(entente_pg),
    ignore = "needs PostgreSQL: build the tests with ENTENTE_TEST_PG set (.ci/run starts a server)"
)]
fn postgres_reads_one_document_and_searches_its_index() {
    let Some((_db, mut store)) = fresh_pg() else {
        return;
    };
    store.put_batch(&articles()).expect("put");
    check_document(&store);
    check_search(&store);
    // With unaccent, "giovedi" finds "giovedì" as in SQLite.
    assert_eq!(store.search("giovedi", 10, 0).expect("search").total, 1);
}
