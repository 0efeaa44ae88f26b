//! Italian name recognition against the KIND Wikinews test split:
//! `cargo run -p entente-kb --example wikinews [-- PATH]` prints person and
//! place precision and recall (a predicted span counts when it overlaps a
//! gold span of the same kind; matching is one to one). With
//! `WIKINEWS_VERBOSE=1` it also lists every miss and false alarm in its
//! sentence.

mod eval;

use entente_kb::Kb;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(eval::default_path);
    let Ok(data) = std::fs::read_to_string(&path) else {
        eprintln!("skip: {} not found", path.display());
        return Ok(());
    };
    let kb = Kb::embedded()?;
    let verbose = std::env::var_os("WIKINEWS_VERBOSE").is_some();
    let report = eval::evaluate(&kb, &data, verbose);
    for n in &report.notes {
        println!("{n}");
    }
    println!("documents: {}", report.documents);
    for (name, c) in [("person", report.person), ("place", report.place)] {
        println!(
            "{name}: precision {:.3} recall {:.3} (matched {}, predicted {}, gold {})",
            c.precision(),
            c.recall(),
            c.matched,
            c.predicted,
            c.gold
        );
    }
    Ok(())
}
