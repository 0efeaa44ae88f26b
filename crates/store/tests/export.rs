//! The export writers over a store with events and agreements.

mod common;

use common::{fresh, sample};
use entente_store::Store;
use entente_store::export::{self, EXPORT_CSV_COLUMNS};

fn filled() -> (tempfile::TempDir, entente_store::SqliteStore) {
    let (dir, mut store) = fresh();
    let mut batch = sample();
    // Characters GraphML and CSV must escape.
    batch[0].document.title = "Tokyo & Manila <sign> \"RAA\", at last".into();
    batch[0].actors[0].name = "Japan & <friends>".into();
    store.put_batch(&batch).expect("put");
    store.refuse().expect("refuse");
    (dir, store)
}

#[test]
fn jsonl_lists_every_kind_in_order() {
    let (_dir, store) = filled();
    let mut out = Vec::new();
    let counts =
        export::write_jsonl(&store, &export::Selection::default(), &mut out).expect("export");
    assert_eq!(
        (
            counts.documents,
            counts.actors,
            counts.events,
            counts.agreements
        ),
        (2, 2, 3, 2)
    );
    let kinds: Vec<String> = String::from_utf8(out)
        .expect("utf-8")
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json line");
            v["kind"].as_str().expect("kind").to_string()
        })
        .collect();
    let expected = [
        "document",
        "document",
        "actor",
        "actor",
        "event",
        "event",
        "event",
        "agreement",
        "agreement",
    ];
    assert_eq!(kinds, expected);
}

#[test]
fn csv_has_one_row_per_record_at_the_header_width() {
    let (_dir, store) = filled();
    let mut out = Vec::new();
    export::write_csv(&store, &export::Selection::default(), &mut out).expect("export");
    let mut reader = csv::Reader::from_reader(out.as_slice());
    assert_eq!(
        reader.headers().expect("header").len(),
        EXPORT_CSV_COLUMNS.len()
    );
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("rows parse");
    assert_eq!(rows.len(), 9);
    assert_eq!(&rows[0][3], "Tokyo & Manila <sign> \"RAA\", at last");
    let event = rows.iter().find(|r| &r[0] == "event").expect("event row");
    assert_eq!(&event[2], "CONSULT");
}

#[test]
fn graphml_escapes_and_joins_edges_to_nodes() {
    let (_dir, store) = filled();
    let mut out = Vec::new();
    let counts =
        export::write_graphml(&store, &export::Selection::default(), &mut out).expect("export");
    let xml = String::from_utf8(out).expect("utf-8");
    assert!(xml.contains("Japan &amp; &lt;friends&gt;"), "{xml}");
    assert!(!xml.contains("<friends>"));
    // Nodes: the two actor records plus every participant without one.
    for id in ["JPN", "PHL", "GBR", "person:yoko-kamikawa"] {
        assert!(xml.contains(&format!("<node id=\"{id}\">")), "node {id}");
    }
    assert_eq!(counts.events, 3);
    // ev-1 (JPN, PHL), ev-2 (JPN, GBR): one edge each; ev-3 has one actor.
    assert_eq!(xml.matches("<data key=\"e_kind\">event</data>").count(), 2);
    assert_eq!(
        xml.matches("<data key=\"e_kind\">agreement</data>").count(),
        2
    );
    assert_eq!(
        xml.matches("<edge ").count(),
        xml.matches("</edge>").count()
    );
    assert_eq!(
        xml.matches("<node ").count(),
        xml.matches("</node>").count()
    );
}
