//! Development harness: run the pipeline over paths and print the JSONL
//! export to stdout, without a database (`cargo run -p entente-pipeline
//! --example export -- PATH...`).

use entente_model::ExportRecord;

fn main() {
    let kb = match entente_kb::Kb::embedded() {
        Ok(kb) => kb,
        Err(e) => {
            eprintln!("knowledge base: {e}");
            std::process::exit(1);
        }
    };
    let pipeline = entente_pipeline::Pipeline::new(kb);
    let mut seen = std::collections::HashSet::new();
    let mut events = Vec::new();
    let mut agreements = Vec::new();
    let mut actors = Vec::new();
    for path in std::env::args().skip(1) {
        for item in entente_ingest::read_path(std::path::Path::new(&path)) {
            match item {
                entente_ingest::ReadItem::Article(raw) => {
                    let ex = pipeline.process(raw);
                    if !seen.insert(ex.document.id.clone()) {
                        continue;
                    }
                    println!(
                        "{}",
                        serde_json::to_string(&ExportRecord::Document(ex.document))
                            .unwrap_or_default()
                    );
                    actors.extend(ex.actors);
                    events.extend(ex.events);
                    agreements.extend(ex.agreements);
                }
                entente_ingest::ReadItem::Skipped(s) => {
                    eprintln!("skipped {}: {}", s.source, s.reason)
                }
            }
        }
    }
    let mut ids = std::collections::HashSet::new();
    for a in actors {
        if ids.insert(a.id.clone()) {
            println!(
                "{}",
                serde_json::to_string(&ExportRecord::Actor(a)).unwrap_or_default()
            );
        }
    }
    let (events, agreements) = entente_fuse::fuse(events, agreements);
    for e in events {
        println!(
            "{}",
            serde_json::to_string(&ExportRecord::Event(e)).unwrap_or_default()
        );
    }
    for a in agreements {
        println!(
            "{}",
            serde_json::to_string(&ExportRecord::Agreement(a)).unwrap_or_default()
        );
    }
}
