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

/// The PostgreSQL server the tests may use (`ENTENTE_TEST_PG`, e.g.
/// `postgres://postgres@127.0.0.1:55432/entente_test`); `None`, after a loud
/// notice written past the harness's capture, when it is unset.
pub fn pg_server() -> Option<String> {
    match std::env::var("ENTENTE_TEST_PG") {
        Ok(url) if !url.trim().is_empty() => Some(url.trim().to_string()),
        _ => {
            use std::io::Write;
            static NOTICE: std::sync::Once = std::sync::Once::new();
            NOTICE.call_once(|| {
                let _ = writeln!(
                    std::io::stderr(),
                    "\n*** SKIPPED: PostgreSQL end-to-end tests, ENTENTE_TEST_PG is not set \
                     (e.g. postgres://postgres@127.0.0.1:55432/entente_test; .ci/run starts one) ***\n"
                );
            });
            None
        }
    }
}

/// A database of its own on the test server (dropped with the value), or
/// `None` when no server is configured; an unreachable one fails the test.
pub fn pg_database() -> Option<entente_store::postgres::testing::TempDatabase> {
    let server = pg_server()?;
    Some(
        entente_store::postgres::testing::TempDatabase::create(&server).unwrap_or_else(|e| {
            panic!("ENTENTE_TEST_PG is set but no test database could be created: {e}")
        }),
    )
}
