//! Embeds every language pack found under `data/lang/<code>/`: adding a
//! language is adding a folder of data files, not code.

use std::fmt::Write as _;
use std::path::Path;

const FILES: [&str; 6] = [
    "morphology.tsv",
    "abbreviations.txt",
    "cues.tsv",
    "dates.tsv",
    "triggers.tsv",
    "agreements.tsv",
];

fn main() {
    // Read at run time: `env!` would bake in the path the build script was
    // compiled at, and a target folder shared between checkouts would then
    // embed another checkout's packs (or none once it is removed).
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest).join("../../data/lang");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut codes: Vec<String> = std::fs::read_dir(&root)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    codes.sort();
    assert!(
        !codes.is_empty(),
        "no language packs under {}: the coder would find no events",
        root.display()
    );
    let mut out = String::from(
        "/// (language code, [(file name, contents)]) for every embedded pack.\npub static EMBEDDED: &[(&str, &[(&str, &str)])] = &[\n",
    );
    for code in &codes {
        let _ = writeln!(out, "    ({code:?}, &[");
        for f in FILES {
            let p = root.join(code).join(f);
            println!("cargo:rerun-if-changed={}", p.display());
            if p.exists() {
                let abs = p.canonicalize().unwrap_or(p.clone());
                let _ = writeln!(
                    out,
                    "        ({f:?}, include_str!({:?})),",
                    abs.display().to_string()
                );
            }
        }
        out.push_str("    ]),\n");
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("langs.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        panic!("cannot write {}: {e}", dest.display());
    }
}
