//! The SQLite schema as numbered migrations, applied in order on open.
//!
//! The database's `PRAGMA user_version` is the number of the last migration
//! applied. A migration is never edited once released: a change of schema is
//! a new migration at the end of [`MIGRATIONS`].

use rusqlite::Connection;

/// One step of the schema, with the number it brings the database to.
pub(crate) struct Migration {
    pub version: u32,
    pub what: &'static str,
    pub sql: &'static str,
}

/// Every migration, oldest first. Versions are 1, 2, 3… without gaps.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        what: "documents, per-document reports, fused events and agreements",
        sql: r#"
-- One row per distinct article; `id` is the hash of the cleaned text.
-- `full` is the whole Document as JSON without its text (kept in `text`).
CREATE TABLE documents (
    id        TEXT PRIMARY KEY,
    source    TEXT NOT NULL,
    url       TEXT,
    title     TEXT NOT NULL,
    lang      TEXT NOT NULL,
    published TEXT,
    text      TEXT NOT NULL,
    flags     TEXT NOT NULL,
    actors    TEXT NOT NULL,
    dateline  TEXT,
    full      TEXT NOT NULL
);
CREATE INDEX documents_published ON documents(published);

-- What the extractor reported for each document, before fusion.
CREATE TABLE event_reports (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    report_id   TEXT NOT NULL,
    type        TEXT NOT NULL,
    date        TEXT,
    json        TEXT NOT NULL,
    PRIMARY KEY (document_id, seq)
);
CREATE INDEX event_reports_type ON event_reports(type);

CREATE TABLE agreement_reports (
    document_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,
    report_id      TEXT NOT NULL,
    agreement_type TEXT NOT NULL,
    status         TEXT NOT NULL,
    json           TEXT NOT NULL,
    PRIMARY KEY (document_id, seq)
);

CREATE TABLE actor_records (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    actor_id    TEXT NOT NULL,
    actor_type  TEXT NOT NULL,
    name        TEXT NOT NULL,
    affiliation TEXT,
    role        TEXT,
    json        TEXT NOT NULL,
    PRIMARY KEY (document_id, seq)
);
CREATE INDEX actor_records_actor ON actor_records(actor_id);

-- The fused record, rebuilt from all reports by `refuse`.
-- `date_lo` / `date_hi` are the first and last day a partial date can be
-- (`2024-11` -> 2024-11-01 .. 2024-11-31), for range filters.
CREATE TABLE events (
    id         TEXT PRIMARY KEY,
    type       TEXT NOT NULL,
    status     TEXT NOT NULL,
    date       TEXT,
    date_lo    TEXT,
    date_hi    TEXT,
    confidence REAL NOT NULL,
    json       TEXT NOT NULL
);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_date ON events(date_lo, date_hi);

-- role: actor, recipient, actor_person, recipient_person
CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL,
    role     TEXT NOT NULL,
    PRIMARY KEY (event_id, actor_id, role)
);
CREATE INDEX event_actors_actor ON event_actors(actor_id);

CREATE TABLE event_documents (
    event_id    TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    document_id TEXT NOT NULL,
    PRIMARY KEY (event_id, document_id)
);
CREATE INDEX event_documents_document ON event_documents(document_id);

CREATE TABLE agreements (
    id             TEXT PRIMARY KEY,
    agreement_type TEXT NOT NULL,
    status         TEXT NOT NULL,
    status_date    TEXT,
    json           TEXT NOT NULL
);
CREATE INDEX agreements_status ON agreements(status);

CREATE TABLE agreement_parties (
    agreement_id TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
    actor_id     TEXT NOT NULL,
    PRIMARY KEY (agreement_id, actor_id)
);
CREATE INDEX agreement_parties_actor ON agreement_parties(actor_id);
"#,
    },
    Migration {
        version: 2,
        what: "full-text index over document titles and texts",
        sql: r#"
CREATE VIRTUAL TABLE documents_fts USING fts5(
    doc_id UNINDEXED,
    title,
    text,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO documents_fts(doc_id, title, text) SELECT id, title, text FROM documents;
"#,
    },
    Migration {
        version: 3,
        what: "analyst corrections, applied to the fused record at every rebuild",
        sql: r#"
-- Append-only: a correction is never changed or removed; a later one
-- overrides it. `id` is a hash of the content (idempotent import); `json`
-- is the whole correction, keyed to the record's evidence, never its id.
CREATE TABLE corrections (
    seq    INTEGER PRIMARY KEY AUTOINCREMENT,
    id     TEXT NOT NULL UNIQUE,
    author TEXT NOT NULL,
    at     TEXT NOT NULL,
    kind   TEXT NOT NULL,
    action TEXT NOT NULL,
    json   TEXT NOT NULL
);
CREATE TRIGGER corrections_no_update BEFORE UPDATE ON corrections
BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END;
CREATE TRIGGER corrections_no_delete BEFORE DELETE ON corrections
BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END;

-- Rewritten by every rebuild: the fused record each correction found
-- (NULL: none, reported to the user).
CREATE TABLE correction_targets (
    correction_id TEXT PRIMARY KEY,
    record_id     TEXT
);

-- A corrected record's mark (JSON), and whether it is hidden (rejected).
ALTER TABLE events ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN correction TEXT;
ALTER TABLE agreements ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
ALTER TABLE agreements ADD COLUMN correction TEXT;
"#,
    },
];

/// The schema version this build writes.
pub(crate) fn latest_version() -> u32 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// Why the schema could not be brought up to date.
#[derive(Debug)]
pub(crate) enum MigrateError {
    /// The database is newer than this program.
    TooNew {
        found: u32,
        known: u32,
    },
    Sql {
        version: u32,
        what: &'static str,
        source: rusqlite::Error,
    },
    Read(rusqlite::Error),
}

impl std::fmt::Display for MigrateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MigrateError::TooNew { found, known } => write!(
                f,
                "schema version {found} was written by a newer entente (this one knows up to {known}); upgrade entente"
            ),
            MigrateError::Sql {
                version,
                what,
                source,
            } => write!(f, "migration {version} ({what}) failed: {source}"),
            MigrateError::Read(e) => write!(f, "cannot read the schema version: {e}"),
        }
    }
}

/// Apply every migration above the database's version, up to `target`,
/// each in its own transaction together with its version bump.
pub(crate) fn migrate_to(conn: &mut Connection, target: u32) -> Result<u32, MigrateError> {
    let current: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(MigrateError::Read)?;
    let known = latest_version();
    if current > known {
        return Err(MigrateError::TooNew {
            found: current,
            known,
        });
    }
    for m in MIGRATIONS
        .iter()
        .filter(|m| m.version > current && m.version <= target)
    {
        let sql_err = |source| MigrateError::Sql {
            version: m.version,
            what: m.what,
            source,
        };
        // IMMEDIATE: one process migrates while others wait, then see the
        // new version and skip the step.
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(sql_err)?;
        let now: u32 = tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(sql_err)?;
        if now >= m.version {
            continue;
        }
        tx.execute_batch(m.sql).map_err(sql_err)?;
        // PRAGMA takes no bound parameters; the version is our own integer.
        tx.execute_batch(&format!("PRAGMA user_version = {}", m.version))
            .map_err(sql_err)?;
        tx.commit().map_err(sql_err)?;
    }
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(MigrateError::Read)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_consecutive_from_one() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version as usize, i + 1, "migration {}", m.what);
        }
    }
}
