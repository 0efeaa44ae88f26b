//! Training data for the learned event filter: every event the grammar
//! codes, before the filter, with the features the filter reads, one JSON
//! line each (`cargo run --release -p entente-pipeline --example candidates
//! -- eval/train/*/corpus.jsonl > candidates.jsonl`; then
//! `data/model/train_event_filter.py`).

use entente_ingest::ReadItem;

fn main() {
    let kb = match entente_kb::Kb::embedded() {
        Ok(kb) => kb,
        Err(e) => {
            eprintln!("knowledge base: {e}");
            std::process::exit(1);
        }
    };
    for path in std::env::args().skip(1) {
        for item in entente_ingest::read_path(std::path::Path::new(&path)) {
            match item {
                ReadItem::Article(raw) => {
                    let article = entente_ingest::clean(raw);
                    let mentions = kb.link(&article);
                    for (e, features) in entente_extract::candidates(&article, &mentions, &kb) {
                        let line = serde_json::json!({
                            "source": article.source,
                            "type": e.event_type.as_str(),
                            "actor": e.actor,
                            "recipient": e.recipient,
                            "date": e.date.map(|d| d.to_string()),
                            "features": features,
                        });
                        println!("{line}");
                    }
                }
                ReadItem::Skipped(s) => eprintln!("skipped {}: {}", s.source, s.reason),
            }
        }
    }
}
