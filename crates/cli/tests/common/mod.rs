//! Helpers shared by the end-to-end tests: running the built `entente`
//! binary, finding the repository's samples and the shared folder beside it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The built binary, with no inherited database setting and no stdin.
pub fn entente() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_entente"));
    cmd.env_remove("ENTENTE_DB").stdin(Stdio::null());
    cmd
}

/// Run `entente ARGS…` to completion.
pub fn run(args: &[&str]) -> Output {
    entente()
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run entente {args:?}: {e}"))
}

/// Run and require success, returning stdout.
pub fn run_ok(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "entente {args:?} failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn samples() -> PathBuf {
    repo_root().join("samples")
}

/// The team's shared folder (`../shared` beside the repository), if present.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = repo_root().join("../shared");
    dir.join("eval/seeds/corpus.jsonl").is_file().then_some(dir)
}

pub fn path_str(p: &Path) -> &str {
    p.to_str().expect("test paths are UTF-8")
}

/// `entente export --format jsonl`, each line parsed.
pub fn export_jsonl(db: &Path) -> Vec<serde_json::Value> {
    let out = run_ok(&["export", "--db", path_str(db), "--format", "jsonl"]);
    out.lines()
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("line {}: {e}: {l}", i + 1))
        })
        .collect()
}

pub fn of_kind<'a>(records: &'a [serde_json::Value], kind: &str) -> Vec<&'a serde_json::Value> {
    records.iter().filter(|r| r["kind"] == kind).collect()
}

/// The numbers of `stored N, already known K, updated U, skipped S`.
pub fn summary_counts(stdout: &str) -> [usize; 4] {
    let line = stdout
        .lines()
        .find(|l| l.starts_with("stored "))
        .unwrap_or_else(|| panic!("no summary line in {stdout:?}"));
    let nums: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().expect("number"))
        .collect();
    assert_eq!(nums.len(), 4, "summary line {line:?}");
    [nums[0], nums[1], nums[2], nums[3]]
}

/// A database of its own on the test server, or `None` when
/// `ENTENTE_TEST_PG` is unset (see `entente_store::postgres::testing`).
pub fn pg_database() -> Option<entente_store::postgres::testing::TempDatabase> {
    entente_store::postgres::testing::database_from_env("PostgreSQL end-to-end tests")
}
