//! The checks on the shared seed articles run only when the shared folder
//! (`shared/eval/seeds`, beside the repository) is there at build time;
//! otherwise they are compiled as ignored, with that reason, instead of
//! passing unrun. A folder put there later is found after `cargo clean -p
//! entente-pipeline`.

fn main() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/eval/seeds/corpus.jsonl");
    println!("cargo::rustc-check-cfg=cfg(entente_shared)");
    if seeds.is_file() {
        println!("cargo::rerun-if-changed={}", seeds.display());
        println!("cargo::rustc-cfg=entente_shared");
    } else {
        // (a missing file would rerun this script, and rebuild the crate,
        // on every build: the folder is looked for again after `cargo clean
        // -p entente-pipeline`)
        println!("cargo::rerun-if-changed=build.rs");
    }
}
