//! The PostgreSQL schema as numbered migrations, recorded in a
//! `schema_version` table and applied under an advisory lock.
//!
//! The tables mirror the SQLite schema (`crate::schema`) concept for
//! concept; JSON columns are `jsonb`, full text is a generated `tsvector`
//! with a GIN index. A migration is never edited once released: a change of
//! schema is a new migration at the end of [`MIGRATIONS`].

use tokio_postgres::Client;

/// One step of the schema, with the number it brings the database to.
pub(crate) struct Migration {
    pub version: i32,
    pub what: &'static str,
    pub sql: &'static str,
}

/// The advisory-lock key every migrating process takes ("entente" + 1), so
/// that processes opening a new database at once do not race: one migrates,
/// the others wait, then find the migrations recorded and skip them.
pub(crate) const MIGRATE_LOCK: i64 = 0x656e_7465_6e74_6501;

/// Every migration, oldest first. Versions are 1, 2, 3… without gaps.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        what: "documents, per-document reports, fused events and agreements",
        sql: r#"
-- One row per distinct article; `id` is the hash of the cleaned text, so
-- concurrent workers storing the same article meet on the primary key.
-- `seq` is the order first stored (drawn from `document_order` by the
-- batch, in batch order); `meta` the whole Document as JSON without its
-- text (kept in `text`).
CREATE SEQUENCE document_order;
CREATE TABLE documents (
    seq       bigint NOT NULL UNIQUE DEFAULT nextval('document_order'),
    id        text PRIMARY KEY,
    source    text NOT NULL,
    url       text,
    title     text NOT NULL,
    lang      text NOT NULL,
    published text,
    text      text NOT NULL,
    flags     jsonb NOT NULL,
    actors    jsonb NOT NULL,
    dateline  jsonb,
    meta      jsonb NOT NULL
);
CREATE INDEX documents_published ON documents (published);

-- What the extractor reported for each document, before fusion.
CREATE TABLE event_reports (
    document_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq         integer NOT NULL,
    report_id   text NOT NULL,
    type        text NOT NULL,
    date        text,
    json        jsonb NOT NULL,
    PRIMARY KEY (document_id, seq)
);
CREATE INDEX event_reports_type ON event_reports (type);

CREATE TABLE agreement_reports (
    document_id    text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq            integer NOT NULL,
    report_id      text NOT NULL,
    agreement_type text NOT NULL,
    status         text NOT NULL,
    json           jsonb NOT NULL,
    PRIMARY KEY (document_id, seq)
);

CREATE TABLE actor_records (
    document_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq         integer NOT NULL,
    actor_id    text NOT NULL,
    actor_type  text NOT NULL,
    name        text NOT NULL,
    affiliation text,
    role        text,
    json        jsonb NOT NULL,
    PRIMARY KEY (document_id, seq)
);
CREATE INDEX actor_records_actor ON actor_records (actor_id);

-- The fused record, rebuilt from all reports by `refuse`.
-- `date_lo` / `date_hi` are the first and last day a partial date can be
-- (`2024-11` -> 2024-11-01 .. 2024-11-31): text, since the last day need not
-- exist; compared with COLLATE "C".
CREATE TABLE events (
    id         text PRIMARY KEY,
    type       text NOT NULL,
    status     text NOT NULL,
    date       text,
    date_lo    text,
    date_hi    text,
    confidence double precision NOT NULL,
    json       jsonb NOT NULL
);
CREATE INDEX events_type ON events (type);
CREATE INDEX events_date ON events (date_lo, date_hi);

-- role: actor, recipient, actor_person, recipient_person
CREATE TABLE event_actors (
    event_id text NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    actor_id text NOT NULL,
    role     text NOT NULL,
    PRIMARY KEY (event_id, actor_id, role)
);
CREATE INDEX event_actors_actor ON event_actors (actor_id);

CREATE TABLE event_documents (
    event_id    text NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    document_id text NOT NULL,
    PRIMARY KEY (event_id, document_id)
);
CREATE INDEX event_documents_document ON event_documents (document_id);

CREATE TABLE agreements (
    id             text PRIMARY KEY,
    agreement_type text NOT NULL,
    status         text NOT NULL,
    status_date    text,
    json           jsonb NOT NULL
);
CREATE INDEX agreements_status ON agreements (status);

CREATE TABLE agreement_parties (
    agreement_id text NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    actor_id     text NOT NULL,
    PRIMARY KEY (agreement_id, actor_id)
);
CREATE INDEX agreement_parties_actor ON agreement_parties (actor_id);
"#,
    },
    Migration {
        version: 2,
        what: "full-text index over document titles and texts",
        sql: r#"
-- `entente_fold` lower-cases and, when the `unaccent` extension can be
-- installed (postgresql-contrib), strips diacritics, as SQLite's
-- `remove_diacritics` does. Without it, search still works, accents and all.
-- The exception block is a savepoint: a missing or forbidden extension
-- does not abort the migration.
DO $fold$
DECLARE
    ns text;
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS unaccent;
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'entente: extension unaccent unavailable (%); full-text search will not fold accents', SQLERRM;
    END;
    SELECT quote_ident(n.nspname) INTO ns
      FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname = 'unaccent';
    IF ns IS NOT NULL THEN
        EXECUTE format(
            'CREATE FUNCTION entente_fold(t text) RETURNS text '
            'LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS %L',
            format('SELECT lower(%s.unaccent(%L::regdictionary, t))', ns, ns || '.unaccent'));
    ELSE
        CREATE FUNCTION entente_fold(t text) RETURNS text
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT lower(t)';
    END IF;
END
$fold$;

-- Only the first 200 000 characters are indexed: a tsvector holds at most
-- 1 MB, and a longer body must not make its whole batch fail.
ALTER TABLE documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
    to_tsvector('simple'::regconfig, entente_fold(left(title || ' ' || text, 200000)))
) STORED;
CREATE INDEX documents_tsv ON documents USING gin (tsv);
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
    seq    bigserial PRIMARY KEY,
    id     text NOT NULL UNIQUE,
    author text NOT NULL,
    at     text NOT NULL,
    kind   text NOT NULL,
    action text NOT NULL,
    json   jsonb NOT NULL
);
CREATE FUNCTION entente_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    RAISE EXCEPTION 'corrections are append-only';
END
$f$;
CREATE TRIGGER corrections_append_only BEFORE UPDATE OR DELETE ON corrections
    FOR EACH ROW EXECUTE FUNCTION entente_append_only();

-- Rewritten by every rebuild: the fused record each correction found
-- (NULL: none, reported to the user).
CREATE TABLE correction_targets (
    correction_id text PRIMARY KEY,
    record_id     text
);

-- A corrected record's mark (JSON), and whether it is hidden (rejected).
ALTER TABLE events ADD COLUMN hidden boolean NOT NULL DEFAULT false;
ALTER TABLE events ADD COLUMN correction jsonb;
ALTER TABLE agreements ADD COLUMN hidden boolean NOT NULL DEFAULT false;
ALTER TABLE agreements ADD COLUMN correction jsonb;
"#,
    },
];

/// The schema version this build writes.
pub(crate) fn latest_version() -> i32 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// Why the schema could not be brought up to date.
#[derive(Debug)]
pub(crate) enum MigrateError {
    /// The database is newer than this program.
    TooNew {
        found: i32,
        known: i32,
    },
    Sql {
        version: i32,
        what: &'static str,
        reason: String,
    },
    Other(String),
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
                reason,
            } => write!(f, "migration {version} ({what}) failed: {reason}"),
            MigrateError::Other(reason) => {
                write!(f, "cannot bring the schema up to date: {reason}")
            }
        }
    }
}

/// Apply every migration above the database's version, up to `target`, in
/// one transaction holding [`MIGRATE_LOCK`]; returns the version reached.
pub(crate) async fn migrate_to(client: &mut Client, target: i32) -> Result<i32, MigrateError> {
    let other = |e: tokio_postgres::Error| MigrateError::Other(super::describe(&e));
    let tx = client.transaction().await.map_err(other)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATE_LOCK])
        .await
        .map_err(other)?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_version (
             version    integer PRIMARY KEY,
             what       text NOT NULL,
             applied_at timestamptz NOT NULL DEFAULT now()
         )",
    )
    .await
    .map_err(other)?;
    let current: i32 = tx
        .query_one("SELECT coalesce(max(version), 0) FROM schema_version", &[])
        .await
        .and_then(|r| r.try_get(0))
        .map_err(other)?;
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
        let sql_err = |e: tokio_postgres::Error| MigrateError::Sql {
            version: m.version,
            what: m.what,
            reason: super::describe(&e),
        };
        tx.batch_execute(m.sql).await.map_err(sql_err)?;
        tx.execute(
            "INSERT INTO schema_version (version, what) VALUES ($1, $2)",
            &[&m.version, &m.what],
        )
        .await
        .map_err(sql_err)?;
    }
    tx.commit().await.map_err(other)?;
    Ok(current.max(target.min(known)))
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

    #[test]
    fn both_backends_know_the_same_number_of_migrations() {
        assert_eq!(
            latest_version() as u32,
            crate::schema::latest_version(),
            "a schema change lands in both backends"
        );
    }
}
