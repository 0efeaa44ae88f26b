//! Tests that need PostgreSQL run only when `ENTENTE_TEST_PG` names a server
//! at build time (`.ci/run` starts one and sets it); otherwise they are
//! compiled as ignored, with that reason, instead of passing unrun.

fn main() {
    println!("cargo::rerun-if-env-changed=ENTENTE_TEST_PG");
    println!("cargo::rustc-check-cfg=cfg(entente_pg)");
    if std::env::var("ENTENTE_TEST_PG").is_ok_and(|v| !v.trim().is_empty()) {
        println!("cargo::rustc-cfg=entente_pg");
    }
}
