//! Tests that need a service or a tool this machine may lack are compiled
//! as ignored, with the reason, when it is missing, instead of passing
//! unrun:
//! - PostgreSQL: run only when `ENTENTE_TEST_PG` names a server at build
//!   time (`.ci/run` starts one and sets it);
//! - networkx: the check that reads the GraphML export with a real GraphML
//!   reader runs only when `python3 -c "import networkx"` works at build
//!   time (`.ci/run` installs it).

fn main() {
    println!("cargo::rerun-if-env-changed=ENTENTE_TEST_PG");
    println!("cargo::rerun-if-env-changed=PATH");
    println!("cargo::rustc-check-cfg=cfg(entente_pg)");
    println!("cargo::rustc-check-cfg=cfg(entente_networkx)");
    if std::env::var("ENTENTE_TEST_PG").is_ok_and(|v| !v.trim().is_empty()) {
        println!("cargo::rustc-cfg=entente_pg");
    }
    let networkx = std::process::Command::new("python3")
        .args(["-c", "import networkx"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if networkx {
        println!("cargo::rustc-cfg=entente_networkx");
    }
}
