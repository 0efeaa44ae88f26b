//! The browser test of the web page runs only when chromedriver and
//! Chromium are found at build time (`ENTENTE_CHROMEDRIVER` /
//! `ENTENTE_CHROMIUM`, else on `PATH`; `.ci/run` installs them first);
//! otherwise it is compiled as ignored, with that reason, instead of passing
//! unrun. Installed later, they are found after `cargo clean -p
//! entente-server` or a change of `PATH`.

use std::path::PathBuf;

fn find(var: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(var).map(PathBuf::from) {
        return p.is_file().then_some(p);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

fn main() {
    for var in ["PATH", "ENTENTE_CHROMEDRIVER", "ENTENTE_CHROMIUM"] {
        println!("cargo::rerun-if-env-changed={var}");
    }
    println!("cargo::rustc-check-cfg=cfg(entente_browser)");
    let driver = find("ENTENTE_CHROMEDRIVER", &["chromedriver"]);
    let chromium = find(
        "ENTENTE_CHROMIUM",
        &["chromium", "chromium-browser", "google-chrome"],
    );
    if let (Some(driver), Some(chromium)) = (driver, chromium) {
        println!("cargo::rustc-cfg=entente_browser");
        // the test starts the programs found here
        println!(
            "cargo::rustc-env=ENTENTE_FOUND_CHROMEDRIVER={}",
            driver.display()
        );
        println!(
            "cargo::rustc-env=ENTENTE_FOUND_CHROMIUM={}",
            chromium.display()
        );
    }
}
