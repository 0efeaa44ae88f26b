//! The query flags of `entente events`, `agreements` and `actors` take
//! injection strings as data: each run succeeds with well-formed JSON or
//! fails with a one-line reason, and the database file is unchanged.

mod common;

use common::*;

const INJECTIONS: &[&str] = &[
    "' OR '1'='1",
    "JPN' OR 1=1 --",
    "\"; DROP TABLE documents; --",
    "x' UNION SELECT sql FROM sqlite_master --",
    "%",
    "NEAR(a b)",
    "\"unterminated",
    "2024' OR '1'='1",
    "1; ATTACH DATABASE 'x.db' AS x",
];

#[test]
fn query_flags_take_injection_strings_as_data() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("samples.db");
    run_ok(&["ingest", "--db", path_str(&db), path_str(&samples())]);
    let before = std::fs::read(&db).expect("read db");
    let flags: &[(&str, &[&str])] = &[
        (
            "events",
            &[
                "--actor", "--type", "--since", "--until", "--text", "--status",
            ],
        ),
        ("agreements", &["--party", "--status", "--type"]),
    ];
    for (command, names) in flags {
        for name in *names {
            for attack in INJECTIONS {
                let args = [
                    *command,
                    "--db",
                    path_str(&db),
                    name,
                    attack,
                    "--format",
                    "json",
                ];
                let out = run(&args);
                if out.status.success() {
                    let stdout = String::from_utf8_lossy(&out.stdout);
                    let v: serde_json::Value = serde_json::from_str(&stdout)
                        .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {stdout}"));
                    assert!(v.is_array(), "{args:?}");
                } else {
                    let stderr = String::from_utf8_lossy(&out.stderr);
                    assert!(
                        !stderr.trim().is_empty(),
                        "{args:?}: failed without a reason"
                    );
                    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
                }
            }
        }
    }
    assert!(
        std::fs::read(&db).expect("read db") == before,
        "the database changed"
    );
}
