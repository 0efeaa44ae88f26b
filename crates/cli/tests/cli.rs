//! The command line's contract: help for every call, one-line errors with
//! a non-zero exit, the default database.

mod common;

use common::*;

const SUBCOMMANDS: &[&str] = &[
    "ingest",
    "export",
    "events",
    "agreements",
    "actors",
    "serve",
];

#[test]
fn help_explains_every_call() {
    let top = run_ok(&["--help"]);
    for sub in SUBCOMMANDS {
        assert!(top.contains(sub), "top-level help lacks {sub}");
        let help = run_ok(&[sub, "--help"]);
        assert!(help.contains("--db"), "{sub} --help lacks --db");
        assert!(help.contains("Example"), "{sub} --help has no example");
    }
}

fn assert_one_line_failure(args: &[&str], needle: &str) {
    let out = run(args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{args:?} should fail");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
    assert!(stderr.contains(needle), "{args:?}: {stderr}");
}

#[test]
fn bad_values_fail_with_one_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("e.db");
    let db = path_str(&db);
    assert_one_line_failure(&["events", "--db", db, "--type", "hug"], "CONSULT");
    assert_one_line_failure(&["events", "--db", db, "--since", "11/2024"], "YYYY-MM");
    assert_one_line_failure(&["agreements", "--db", db, "--status", "done"], "in_force");
    assert_one_line_failure(&["serve", "--db", db], "issue 6");
    // Nothing listens on port 1: the reason names the server and what to check.
    assert_one_line_failure(
        &["actors", "--db", "postgres://nobody@127.0.0.1:1/x"],
        "postgres://nobody@127.0.0.1:1/x: cannot connect",
    );
    let missing = dir.path().join("no-such-input");
    assert_one_line_failure(&["ingest", "--db", db, path_str(&missing)], "no-such-input");
    let no_folder = dir.path().join("no/such/folder/e.db");
    assert_one_line_failure(&["actors", "--db", path_str(&no_folder)], "e.db");
}

#[test]
fn types_and_dates_are_accepted_in_every_form() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("e.db");
    let db = path_str(&db);
    for args in [
        vec!["--type", "consult"],
        vec!["--type", "Mobilize"],
        vec!["--since", "2024"],
        vec!["--since", "2024-11", "--until", "2024-11-30"],
        vec!["--actor", "JPN", "--format", "json"],
        vec!["--format", "csv"],
    ] {
        let mut full = vec!["events", "--db", db];
        full.extend(args);
        run_ok(&full);
    }
    run_ok(&[
        "agreements",
        "--db",
        db,
        "--status",
        "in_force",
        "--party",
        "JPN",
    ]);
    assert_eq!(
        run_ok(&["actors", "--db", db, "--format", "json"]).trim(),
        "[]"
    );
}

#[test]
fn the_default_database_comes_from_the_environment_or_the_working_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let status = entente()
        .current_dir(dir.path())
        .args(["ingest", path_str(&samples())])
        .output()
        .expect("run entente");
    assert!(status.status.success());
    assert!(dir.path().join("entente.db").is_file());

    let env_db = dir.path().join("from-env.db");
    let out = entente()
        .current_dir(dir.path())
        .env("ENTENTE_DB", &env_db)
        .args(["agreements"])
        .output()
        .expect("run entente");
    assert!(out.status.success());
    assert!(env_db.is_file());
}
