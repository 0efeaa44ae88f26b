//! The embedded store: one SQLite file, WAL journal, one transaction per
//! batch and one per rebuild of the fused record.
//!
//! Every statement binds its values as parameters; no input is ever spliced
//! into SQL text.

use crate::corrections::{self, Correction, Mark, RecordKind, StoredCorrection};
use crate::refuse::{AgreementAssembler, AgreementPlan, EventAssembler, EventKeyTable};
use crate::schema::{self, MigrateError};
use crate::{
    AgreementFilter, Budget, EventFilter, PutOutcome, SNIPPET_CLOSE, SNIPPET_OPEN, SearchHit,
    SearchPage, Store, StoreCounts, StoreError, date_bounds, from_json, opt_date,
    richest_per_actor, to_json, unreadable_version, with_new_metadata,
};
use entente_model::{ActorRecord, Agreement, Document, Event, EventStatus, Extraction};
use rusqlite::types::Value;
use rusqlite::{
    Connection, OptionalExtension, Transaction, TransactionBehavior, params, params_from_iter,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long a writer waits for another process's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// The SQLite implementation of [`Store`].
pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
    /// The budget of the queries under way, read by the progress handler.
    budget: Arc<Mutex<Option<Arc<Budget>>>>,
}

/// Why a `--db` path that is a folder is refused.
const FOLDER_NOT_FILE: &str = "is a folder; give the path of a database file";

/// Virtual-machine steps between two looks at the budget.
const BUDGET_CHECK_STEPS: i32 = 1_000;

impl SqliteStore {
    /// The store over an open connection, with the progress handler that
    /// interrupts a statement whose budget is spent.
    fn over(mut conn: Connection, path: &Path) -> Result<SqliteStore, rusqlite::Error> {
        let budget: Arc<Mutex<Option<Arc<Budget>>>> = Arc::default();
        let seen = Arc::clone(&budget);
        conn.progress_handler(
            BUDGET_CHECK_STEPS,
            Some(move || {
                seen.lock()
                    .map(|b| b.as_ref().is_some_and(|b| b.spent()))
                    .unwrap_or(false)
            }),
        )?;
        Ok(SqliteStore {
            conn,
            path: path.to_path_buf(),
            budget,
        })
    }
}

impl SqliteStore {
    /// Open (creating if missing) the database file at `path` and bring its
    /// schema up to date.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        Self::open_at_version(path, schema::latest_version())
    }

    /// Open with the schema brought only up to migration `version`; for
    /// testing migrations of older databases.
    #[doc(hidden)]
    pub fn open_at_version(path: &Path, version: u32) -> Result<SqliteStore, StoreError> {
        let open_err = |reason: String| StoreError::Open {
            db: path.display().to_string(),
            reason,
        };
        if path.is_dir() {
            return Err(open_err(FOLDER_NOT_FILE.into()));
        }
        let mut conn = Connection::open(path).map_err(|e| {
            open_err(format!(
                "cannot open ({e}); check that its folder exists and is writable"
            ))
        })?;
        configure(&conn).map_err(|e| {
            open_err(format!(
                "not a usable SQLite database ({e}); give another --db path"
            ))
        })?;
        schema::migrate_to(&mut conn, version).map_err(|e| match e {
            MigrateError::TooNew { .. } => open_err(e.to_string()),
            other => open_err(format!("{other}; is it an entente database?")),
        })?;
        SqliteStore::over(conn, path).map_err(|e| open_err(format!("cannot open ({e})")))
    }

    /// Open an existing entente database for reading only: nothing is
    /// created, migrated or switched to WAL. A missing file, a file that is
    /// not SQLite, a SQLite file without entente's tables and a database of
    /// another schema version are refused, naming the file.
    pub fn open_read_only(path: &Path) -> Result<SqliteStore, StoreError> {
        let open_err = |reason: String| StoreError::Open {
            db: path.display().to_string(),
            reason,
        };
        if path.is_dir() {
            return Err(open_err(FOLDER_NOT_FILE.into()));
        }
        if !path.is_file() {
            return Err(open_err(
                "no such database; create it with `entente ingest --db PATH FILES...`".into(),
            ));
        }
        let flags =
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|e| open_err(format!("cannot open ({e})")))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| open_err(format!("cannot open ({e})")))?;
        let version: u32 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| open_err(format!("not a SQLite database ({e})")))?;
        let known = schema::latest_version();
        if let Some(reason) = unreadable_version(version.into(), known.into(), "PATH") {
            return Err(open_err(reason));
        }
        SqliteStore::over(conn, path).map_err(|e| open_err(format!("cannot open ({e})")))
    }

    /// The database file this store writes.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Reading the mode fails here already when the file is not a database.
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        // Switching to WAL needs the database to itself and does not wait on
        // the busy timeout: retry while another process holds it.
        let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
        loop {
            match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
                Ok(_) => break,
                Err(e) if is_busy(&e) && std::time::Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(e) => return Err(e),
            }
        }
    }
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// Wrap a rusqlite error with what the store was doing.
fn db_err(context: impl Into<String>) -> impl FnOnce(rusqlite::Error) -> StoreError {
    let context = context.into();
    move |e| {
        if e.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted) {
            return StoreError::Interrupted;
        }
        StoreError::Db {
            context,
            reason: e.to_string(),
        }
    }
}

/// Run one statement through the connection's statement cache: the ingest
/// runs the same few statements for every article, and preparing them anew
/// each time cost about a quarter of the time spent storing.
fn exec(tx: &Transaction, sql: &str, params: impl rusqlite::Params) -> rusqlite::Result<usize> {
    tx.prepare_cached(sql)?.execute(params)
}

fn write_document(tx: &Transaction, doc: &Document, replace: bool) -> Result<(), StoreError> {
    let ctx = || format!("storing document {} ({})", doc.id, doc.source);
    let mut bare = doc.clone();
    bare.text = String::new();
    let full = to_json("document", &bare)?;
    let flags = to_json("document flags", &doc.flags)?;
    let actors = to_json("document actors", &doc.actors)?;
    let dateline = doc
        .dateline
        .as_ref()
        .map(|d| to_json("document dateline", d))
        .transpose()?;
    let published = opt_date(&doc.published);
    if replace {
        exec(
            tx,
            "UPDATE documents SET source = ?2, url = ?3, title = ?4, lang = ?5, published = ?6, \
             text = ?7, flags = ?8, actors = ?9, dateline = ?10, full = ?11 WHERE id = ?1",
            params![
                doc.id, doc.source, doc.url, doc.title, doc.lang, published, doc.text, flags,
                actors, dateline, full
            ],
        )
        .map_err(db_err(ctx()))?;
        exec(tx, "DELETE FROM documents_fts WHERE doc_id = ?1", [&doc.id])
            .map_err(db_err(ctx()))?;
        for table in ["event_reports", "agreement_reports", "actor_records"] {
            // The table name is one of three constants above, never input.
            exec(
                tx,
                &format!("DELETE FROM {table} WHERE document_id = ?1"),
                [&doc.id],
            )
            .map_err(db_err(ctx()))?;
        }
    } else {
        exec(
            tx,
            "INSERT INTO documents (id, source, url, title, lang, published, text, flags, actors, \
             dateline, full) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                doc.id, doc.source, doc.url, doc.title, doc.lang, published, doc.text, flags,
                actors, dateline, full
            ],
        )
        .map_err(db_err(ctx()))?;
    }
    exec(
        tx,
        "INSERT INTO documents_fts (doc_id, title, text) VALUES (?1, ?2, ?3)",
        params![doc.id, doc.title, doc.text],
    )
    .map_err(db_err(ctx()))?;
    Ok(())
}

fn write_reports(tx: &Transaction, ex: &Extraction) -> Result<(), StoreError> {
    let id = &ex.document.id;
    let ctx = || format!("storing the reports of document {id}");
    for (seq, e) in ex.events.iter().enumerate() {
        exec(
            tx,
            "INSERT INTO event_reports (document_id, seq, report_id, type, date, json) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                id,
                seq as i64,
                e.id,
                e.event_type.as_str(),
                opt_date(&e.date),
                to_json("event report", e)?
            ],
        )
        .map_err(db_err(ctx()))?;
    }
    for (seq, a) in ex.agreements.iter().enumerate() {
        exec(
            tx,
            "INSERT INTO agreement_reports (document_id, seq, report_id, agreement_type, status, json) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                id,
                seq as i64,
                a.id,
                a.agreement_type.as_str(),
                a.status.as_str(),
                to_json("agreement report", a)?
            ],
        )
        .map_err(db_err(ctx()))?;
    }
    for (seq, r) in ex.actors.iter().enumerate() {
        exec(
            tx,
            "INSERT INTO actor_records (document_id, seq, actor_id, actor_type, name, affiliation, role, json) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                id,
                seq as i64,
                r.id.as_str(),
                r.actor_type.as_str(),
                r.name,
                r.affiliation.as_ref().map(|a| a.as_str()),
                r.role,
                to_json("actor record", r)?
            ],
        )
        .map_err(db_err(ctx()))?;
    }
    Ok(())
}

fn put_one(tx: &Transaction, ex: &Extraction) -> Result<PutOutcome, StoreError> {
    let doc = &ex.document;
    let stored: Option<(String, String)> = tx
        .prepare_cached("SELECT full, text FROM documents WHERE id = ?1")
        .and_then(|mut stmt| stmt.query_row([&doc.id], |r| Ok((r.get(0)?, r.get(1)?))))
        .optional()
        .map_err(db_err(format!("looking up document {}", doc.id)))?;
    let Some((full, text)) = stored else {
        write_document(tx, doc, false)?;
        write_reports(tx, ex)?;
        return Ok(PutOutcome::Stored);
    };
    let mut stored: Document = from_json(&format!("document {}", doc.id), &full)?;
    stored.text = text;
    match with_new_metadata(&stored, doc) {
        None => Ok(PutOutcome::Known),
        Some(merged) => {
            write_document(tx, &merged, true)?;
            write_reports(tx, ex)?;
            Ok(PutOutcome::Updated)
        }
    }
}

/// Read the JSON column of every row a query returns.
/// The order events are listed in.
const EVENT_ORDER: &str = " ORDER BY e.date_lo IS NULL, e.date_lo, e.date_hi, e.id";

/// The `WHERE` clause (over `events e`) and parameters of `filter`.
fn event_where(filter: &EventFilter, status: Option<EventStatus>) -> (String, Vec<Value>) {
    let mut sql = String::from(if filter.rejected {
        " WHERE 1 = 1"
    } else {
        " WHERE e.hidden = 0"
    });
    let mut params: Vec<Value> = Vec::new();
    if let Some(s) = status {
        params.push(Value::Text(s.as_str().into()));
        sql.push_str(&format!(" AND e.status = ?{}", params.len()));
    }
    if let Some(t) = filter.event_type {
        params.push(Value::Text(t.as_str().into()));
        sql.push_str(&format!(" AND e.type = ?{}", params.len()));
    }
    if let Some(a) = &filter.actor {
        params.push(Value::Text(a.as_str().into()));
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND x.actor_id = ?{})",
            params.len()
        ));
    }
    if let Some(since) = &filter.since {
        params.push(Value::Text(date_bounds(since).0));
        sql.push_str(&format!(" AND e.date_hi >= ?{}", params.len()));
    }
    if let Some(until) = &filter.until {
        params.push(Value::Text(date_bounds(until).1));
        sql.push_str(&format!(" AND e.date_lo <= ?{}", params.len()));
    }
    if let Some(doc) = &filter.document {
        params.push(Value::Text(doc.trim().into()));
        sql.push_str(&format!(
            " AND e.id IN (SELECT x.event_id FROM event_documents x WHERE x.document_id = ?{})",
            params.len()
        ));
    }
    if let Some(words) = filter.text.as_deref().filter(|w| !w.trim().is_empty()) {
        params.push(Value::Text(fts_phrase(words.trim())));
        // The matching documents' events, found once: as a correlated
        // EXISTS the full-text query ran again for every event (75 s
        // for "the" over 40,000 documents, 0.2 s this way).
        sql.push_str(&format!(
            " AND e.id IN (SELECT x.event_id FROM documents_fts f \
             JOIN event_documents x ON x.document_id = f.doc_id \
             WHERE documents_fts MATCH ?{})",
            params.len()
        ));
    }
    (sql, params)
}

fn json_rows<T: serde::de::DeserializeOwned>(
    conn: &Connection,
    what: &str,
    sql: &str,
    params: Vec<Value>,
) -> Result<Vec<T>, StoreError> {
    let ctx = format!("reading {what}s");
    let mut stmt = conn.prepare(sql).map_err(db_err(ctx.clone()))?;
    let rows = stmt
        .query_map(params_from_iter(params), |r| r.get::<_, String>(0))
        .map_err(db_err(ctx.clone()))?;
    let mut out = Vec::new();
    for row in rows {
        let json = row.map_err(db_err(ctx.clone()))?;
        out.push(from_json(what, &json)?);
    }
    Ok(out)
}

fn insert_event(tx: &Transaction, e: &Event) -> Result<(), StoreError> {
    let ctx = || format!("storing fused event {}", e.id);
    let (lo, hi) = match &e.date {
        Some(d) => {
            let (lo, hi) = date_bounds(d);
            (Some(lo), Some(hi))
        }
        None => (None, None),
    };
    let json = to_json("event", e)?;
    let inserted = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO events (id, type, status, date, date_lo, date_hi, confidence, json) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .and_then(|mut stmt| {
            stmt.execute(params![
                e.id,
                e.event_type.as_str(),
                e.status.as_str(),
                opt_date(&e.date),
                lo,
                hi,
                e.confidence,
                json
            ])
        })
        .map_err(db_err(ctx()))?;
    if inserted == 0 {
        return Err(StoreError::DuplicateId {
            kind: "event",
            id: e.id.clone(),
        });
    }
    let roles = [
        ("actor", &e.actor),
        ("recipient", &e.recipient),
        ("actor_person", &e.actor_persons),
        ("recipient_person", &e.recipient_persons),
    ];
    for (role, ids) in roles {
        for a in ids {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO event_actors (event_id, actor_id, role) VALUES (?1, ?2, ?3)",
            )
            .and_then(|mut stmt| stmt.execute(params![e.id, a.as_str(), role]))
            .map_err(db_err(ctx()))?;
        }
    }
    for ev in &e.evidence {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO event_documents (event_id, document_id) VALUES (?1, ?2)",
        )
        .and_then(|mut stmt| stmt.execute(params![e.id, ev.document]))
        .map_err(db_err(ctx()))?;
    }
    Ok(())
}

fn insert_agreement(tx: &Transaction, a: &Agreement) -> Result<(), StoreError> {
    let ctx = || format!("storing fused agreement {}", a.id);
    let inserted = tx
        .execute(
            "INSERT OR IGNORE INTO agreements (id, agreement_type, status, status_date, json) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                a.id,
                a.agreement_type.as_str(),
                a.status.as_str(),
                opt_date(&a.status_date),
                to_json("agreement", a)?
            ],
        )
        .map_err(db_err(ctx()))?;
    if inserted == 0 {
        return Err(StoreError::DuplicateId {
            kind: "agreement",
            id: a.id.clone(),
        });
    }
    for p in &a.parties {
        tx.execute(
            "INSERT OR IGNORE INTO agreement_parties (agreement_id, actor_id) VALUES (?1, ?2)",
            params![a.id, p.as_str()],
        )
        .map_err(db_err(ctx()))?;
    }
    Ok(())
}

/// Rebuild the fused record inside `tx`, in memory that does not grow with
/// the reports' evidence (see [`crate::refuse`]).
///
/// Reports go to fusion by document id, not by arrival: the record depends
/// only on which reports are stored, never on the order in which (possibly
/// concurrent) ingests stored them.
fn rebuild(tx: &Transaction) -> Result<(), StoreError> {
    tx.execute_batch(
        "DELETE FROM event_actors; DELETE FROM event_documents; DELETE FROM events; \
         DELETE FROM agreement_parties; DELETE FROM agreements; \
         DROP TABLE IF EXISTS temp.refuse_plan; \
         CREATE TEMP TABLE refuse_plan (pos INTEGER PRIMARY KEY, report INTEGER NOT NULL);",
    )
    .map_err(db_err("clearing the fused record"))?;
    let mut agreements = AgreementPlan::default();
    each_row(
        tx,
        "reading the agreement reports",
        "SELECT rowid, json FROM agreement_reports ORDER BY document_id, seq",
        [],
        |handle, json| agreements.push(handle, json),
    )?;
    // Reports of different types never fuse: one type at a time.
    let types: Vec<String> = {
        let ctx = "listing the event types of the reports";
        let mut stmt = tx
            .prepare("SELECT DISTINCT type FROM event_reports ORDER BY type")
            .map_err(db_err(ctx))?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(db_err(ctx))?;
        rows.collect::<Result<_, _>>().map_err(db_err(ctx))?
    };
    let mut renamed: HashMap<String, String> = HashMap::new();
    for t in types {
        let mut keys = EventKeyTable::default();
        each_row(
            tx,
            "reading the event reports' keys",
            "SELECT rowid, json FROM event_reports WHERE type = ?1 ORDER BY document_id, seq",
            [&t],
            |handle, json| keys.push(handle, json),
        )?;
        let plan = entente_fuse::plan_events(&keys);
        write_plan(
            tx,
            plan.events
                .iter()
                .flat_map(|e| e.members.iter().map(|&m| keys.handle(m))),
        )?;
        drop(keys);
        let mut events = EventAssembler::new(&plan, agreements.referenced());
        each_row(
            tx,
            "reading the event reports",
            "SELECT p.pos, r.json FROM refuse_plan p JOIN event_reports r ON r.rowid = p.report \
             ORDER BY p.pos",
            [],
            |_, json| match events.push(json, &mut renamed)? {
                Some(e) => insert_event(tx, &e),
                None => Ok(()),
            },
        )?;
        events.finish()?;
        tx.execute("DELETE FROM refuse_plan", [])
            .map_err(db_err("clearing the plan of the rebuild"))?;
    }
    let groups = agreements.into_groups();
    write_plan(tx, groups.iter().flat_map(|g| g.members.iter().copied()))?;
    let mut assembler = AgreementAssembler::new(&groups);
    each_row(
        tx,
        "reading the agreement reports",
        "SELECT p.pos, r.json FROM refuse_plan p JOIN agreement_reports r ON r.rowid = p.report \
         ORDER BY p.pos",
        [],
        |_, json| match assembler.push(json, &renamed)? {
            Some(a) => insert_agreement(tx, &a),
            None => Ok(()),
        },
    )?;
    assembler.finish()?;
    tx.execute_batch("DROP TABLE temp.refuse_plan")
        .map_err(db_err("dropping the plan of the rebuild"))?;
    apply_corrections(tx)
}

/// Apply every stored correction to the fused record just rebuilt, and
/// record which record each one found (see [`crate::corrections`]).
fn apply_corrections(tx: &Transaction) -> Result<(), StoreError> {
    tx.execute("DELETE FROM correction_targets", [])
        .map_err(db_err("clearing the targets of the corrections"))?;
    let stored: Vec<Correction> = json_rows(
        tx,
        "correction",
        "SELECT json FROM corrections ORDER BY seq",
        vec![],
    )?;
    if stored.is_empty() {
        return Ok(());
    }
    let docs = to_json(
        "documents",
        &corrections::key_documents(&stored, RecordKind::Event),
    )?;
    let events: Vec<Event> = json_rows(
        tx,
        "event",
        "SELECT e.json FROM events e WHERE e.id IN (SELECT x.event_id FROM event_documents x \
         WHERE x.document_id IN (SELECT value FROM json_each(?1))) ORDER BY e.id",
        vec![Value::Text(docs)],
    )?;
    let agreements: Vec<Agreement> = if stored.iter().any(|c| c.key.kind == RecordKind::Agreement) {
        json_rows(
            tx,
            "agreement",
            "SELECT a.json FROM agreements a ORDER BY a.id",
            vec![],
        )?
    } else {
        Vec::new()
    };
    let applied = corrections::apply(&stored, events, agreements);
    for c in &applied.events {
        let e = &c.record;
        tx.execute("DELETE FROM events WHERE id = ?1", [&e.id])
            .map_err(db_err(format!("correcting event {}", e.id)))?;
        insert_event(tx, e)?;
        tx.execute(
            "UPDATE events SET hidden = ?2, correction = ?3 WHERE id = ?1",
            params![e.id, c.mark.hidden(), to_json("mark", &c.mark)?],
        )
        .map_err(db_err(format!("marking event {}", e.id)))?;
    }
    for c in &applied.agreements {
        let a = &c.record;
        tx.execute("DELETE FROM agreements WHERE id = ?1", [&a.id])
            .map_err(db_err(format!("correcting agreement {}", a.id)))?;
        insert_agreement(tx, a)?;
        tx.execute(
            "UPDATE agreements SET hidden = ?2, correction = ?3 WHERE id = ?1",
            params![a.id, c.mark.hidden(), to_json("mark", &c.mark)?],
        )
        .map_err(db_err(format!("marking agreement {}", a.id)))?;
    }
    for (id, record) in &applied.targets {
        tx.execute(
            "INSERT OR REPLACE INTO correction_targets (correction_id, record_id) VALUES (?1, ?2)",
            params![id, record],
        )
        .map_err(db_err("recording the targets of the corrections"))?;
    }
    Ok(())
}

/// Hand each row (an integer and a JSON text) of a query to `visit`, one at
/// a time.
fn each_row<P: rusqlite::Params>(
    tx: &Transaction,
    ctx: &str,
    sql: &str,
    params: P,
    mut visit: impl FnMut(i64, &str) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let mut stmt = tx.prepare(sql).map_err(db_err(ctx))?;
    let mut rows = stmt.query(params).map_err(db_err(ctx))?;
    while let Some(row) = rows.next().map_err(db_err(ctx))? {
        let handle: i64 = row.get(0).map_err(db_err(ctx))?;
        let json = row.get_ref(1).and_then(|v| v.as_str().map_err(Into::into));
        visit(handle, json.map_err(db_err(ctx))?)?;
    }
    Ok(())
}

/// Fill the rebuild's plan with report row ids, in the order to read them.
fn write_plan(tx: &Transaction, reports: impl Iterator<Item = i64>) -> Result<(), StoreError> {
    let ctx = "writing the plan of the rebuild";
    let mut stmt = tx
        .prepare_cached("INSERT INTO refuse_plan (pos, report) VALUES (?1, ?2)")
        .map_err(db_err(ctx))?;
    for (pos, report) in reports.enumerate() {
        stmt.execute(params![pos as i64, report])
            .map_err(db_err(ctx))?;
    }
    Ok(())
}

/// Quote user words as one FTS5 phrase so no query syntax leaks through.
fn fts_phrase(words: &str) -> String {
    // FTS5 ends a query string at a NUL; control characters are spaces to
    // its tokenizer anyway.
    let words: String = words
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!("\"{}\"", words.replace('"', "\"\""))
}

impl Store for SqliteStore {
    fn put_batch(&mut self, batch: &[Extraction]) -> Result<Vec<PutOutcome>, StoreError> {
        // IMMEDIATE takes the write lock up front, so a concurrent writer
        // waits on the busy timeout instead of failing on lock upgrade.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(db_err("starting a batch"))?;
        let mut outcomes = Vec::with_capacity(batch.len());
        for ex in batch {
            outcomes.push(put_one(&tx, ex)?);
        }
        tx.commit().map_err(db_err("committing a batch"))?;
        Ok(outcomes)
    }

    fn set_budget(&self, budget: Option<Arc<Budget>>) -> Result<(), StoreError> {
        let mut slot = self
            .budget
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *slot = budget;
        Ok(())
    }

    fn refuse(&mut self) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(db_err("starting the rebuild of the fused record"))?;
        rebuild(&tx)?;
        tx.commit()
            .map_err(db_err("committing the rebuilt fused record"))?;
        Ok(())
    }

    fn each_document(
        &self,
        visit: &mut dyn FnMut(Document) -> std::io::Result<()>,
    ) -> Result<(), StoreError> {
        let ctx = "reading documents";
        let mut stmt = self
            .conn
            .prepare("SELECT id, full, text FROM documents ORDER BY rowid")
            .map_err(db_err(ctx))?;
        let mut rows = stmt.query([]).map_err(db_err(ctx))?;
        while let Some(row) = rows.next().map_err(db_err(ctx))? {
            let id: String = row.get(0).map_err(db_err(ctx))?;
            let full: String = row.get(1).map_err(db_err(ctx))?;
            let mut doc: Document = from_json(&format!("document {id}"), &full)?;
            doc.text = row.get(2).map_err(db_err(ctx))?;
            visit(doc).map_err(|source| StoreError::Output {
                document: id,
                source,
            })?;
        }
        Ok(())
    }

    fn actors(&self) -> Result<Vec<ActorRecord>, StoreError> {
        let records: Vec<ActorRecord> = json_rows(
            &self.conn,
            "actor record",
            "SELECT r.json FROM actor_records r JOIN documents d ON d.id = r.document_id \
             ORDER BY r.actor_id, d.rowid, r.seq",
            vec![],
        )?;
        Ok(richest_per_actor(records))
    }

    fn events(&self, filter: &EventFilter) -> Result<Vec<Event>, StoreError> {
        let (clause, params) = event_where(filter, None);
        let sql = format!("SELECT e.json FROM events e{clause}{EVENT_ORDER}");
        json_rows(&self.conn, "event", &sql, params)
    }

    fn events_page(
        &self,
        filter: &EventFilter,
        status: Option<EventStatus>,
        limit: usize,
        offset: usize,
    ) -> Result<(u64, Vec<Event>), StoreError> {
        let (clause, params) = event_where(filter, status);
        let total: i64 = self
            .conn
            .query_row(
                &format!("SELECT count(*) FROM events e{clause}"),
                params_from_iter(params.clone()),
                |r| r.get(0),
            )
            .map_err(db_err("counting events"))?;
        let sql = format!(
            "SELECT e.json FROM events e{clause}{EVENT_ORDER} LIMIT {} OFFSET {}",
            i64::try_from(limit).unwrap_or(i64::MAX),
            i64::try_from(offset).unwrap_or(i64::MAX)
        );
        let events = json_rows(&self.conn, "event", &sql, params)?;
        Ok((u64::try_from(total).unwrap_or(0), events))
    }

    fn agreements(&self, filter: &AgreementFilter) -> Result<Vec<Agreement>, StoreError> {
        let mut sql = String::from(if filter.rejected {
            "SELECT a.json FROM agreements a WHERE 1 = 1"
        } else {
            "SELECT a.json FROM agreements a WHERE a.hidden = 0"
        });
        let mut params: Vec<Value> = Vec::new();
        if let Some(p) = &filter.party {
            params.push(Value::Text(p.as_str().into()));
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM agreement_parties x WHERE x.agreement_id = a.id AND x.actor_id = ?{})",
                params.len()
            ));
        }
        if let Some(s) = filter.status {
            params.push(Value::Text(s.as_str().into()));
            sql.push_str(&format!(" AND a.status = ?{}", params.len()));
        }
        sql.push_str(" ORDER BY a.agreement_type, a.status_date, a.id");
        json_rows(&self.conn, "agreement", &sql, params)
    }

    fn record(&self, id: &str) -> Result<Option<corrections::Record>, StoreError> {
        let ctx = || format!("reading record {id}");
        let row: Option<(String, String, Option<String>)> = self
            .conn
            .query_row(
                "SELECT 'event', json, correction FROM events WHERE id = ?1 \
                 UNION ALL SELECT 'agreement', json, correction FROM agreements WHERE id = ?1 \
                 LIMIT 1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(db_err(ctx()))?;
        row.map(|(kind, json, mark)| {
            let kind = RecordKind::named(&kind);
            corrections::record_from_json(kind, id, &json, mark.as_deref())
        })
        .transpose()
    }

    fn document(&self, id: &str) -> Result<Option<Document>, StoreError> {
        let ctx = || format!("reading document {id}");
        let row: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT full, text FROM documents WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(db_err(ctx()))?;
        let Some((full, text)) = row else {
            return Ok(None);
        };
        let mut doc: Document = from_json(&format!("document {id}"), &full)?;
        doc.text = text;
        Ok(Some(doc))
    }

    fn search(&self, words: &str, limit: usize, offset: usize) -> Result<SearchPage, StoreError> {
        let words = words.trim();
        if words.is_empty() {
            return Ok(SearchPage::default());
        }
        let ctx = || format!("searching for {words:?}");
        let phrase = fts_phrase(words);
        let total: i64 = self
            .conn
            .query_row(
                "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?1",
                [&phrase],
                |r| r.get(0),
            )
            .map_err(db_err(ctx()))?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT f.doc_id, snippet(documents_fts, 2, ?2, ?3, '…', 24), d.full \
                 FROM documents_fts f JOIN documents d ON d.id = f.doc_id \
                 WHERE documents_fts MATCH ?1 ORDER BY bm25(documents_fts), d.rowid \
                 LIMIT ?4 OFFSET ?5",
            )
            .map_err(db_err(ctx()))?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let offset = i64::try_from(offset).unwrap_or(i64::MAX);
        let rows = stmt
            .query_map(
                params![
                    phrase,
                    SNIPPET_OPEN.to_string(),
                    SNIPPET_CLOSE.to_string(),
                    limit,
                    offset
                ],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                    ))
                },
            )
            .map_err(db_err(ctx()))?;
        let mut hits = Vec::new();
        for row in rows {
            let (id, snippet, full) = row.map_err(db_err(ctx()))?;
            let doc: Document = from_json(&format!("document {id}"), &full)?;
            hits.push(SearchHit {
                document: id,
                source: doc.source,
                title: doc.title,
                lang: doc.lang,
                published: doc.published,
                snippet,
            });
        }
        Ok(SearchPage {
            total: u64::try_from(total).unwrap_or(0),
            hits,
        })
    }

    fn add_corrections(&mut self, new: &[Correction]) -> Result<usize, StoreError> {
        for c in new {
            c.check().map_err(|e| StoreError::Corrupt {
                what: format!("correction {}", c.id),
                reason: e.to_string(),
            })?;
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(db_err("starting to store corrections"))?;
        let mut added = 0;
        for c in new {
            added += tx
                .execute(
                    "INSERT OR IGNORE INTO corrections (id, author, at, kind, action, json) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![
                        c.id,
                        c.author,
                        c.at,
                        c.key.kind.as_str(),
                        c.action.as_str(),
                        to_json("correction", c)?
                    ],
                )
                .map_err(db_err(format!("storing correction {}", c.id)))?;
        }
        tx.commit().map_err(db_err("committing corrections"))?;
        Ok(added)
    }

    fn corrections(&self) -> Result<Vec<StoredCorrection>, StoreError> {
        let ctx = "reading corrections";
        let mut stmt = self
            .conn
            .prepare(
                "SELECT c.json, t.record_id FROM corrections c \
                 LEFT JOIN correction_targets t ON t.correction_id = c.id ORDER BY c.seq",
            )
            .map_err(db_err(ctx))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
            })
            .map_err(db_err(ctx))?;
        let mut out = Vec::new();
        for row in rows {
            let (json, record) = row.map_err(db_err(ctx))?;
            out.push(StoredCorrection {
                correction: from_json("correction", &json)?,
                record,
            });
        }
        Ok(out)
    }

    fn marks(&self) -> Result<Vec<(RecordKind, String, Mark)>, StoreError> {
        let ctx = "reading the marks of corrected records";
        let mut stmt = self
            .conn
            .prepare(
                "SELECT 'event', id, correction FROM events WHERE correction IS NOT NULL \
                 UNION ALL SELECT 'agreement', id, correction FROM agreements \
                 WHERE correction IS NOT NULL ORDER BY 1, 2",
            )
            .map_err(db_err(ctx))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .map_err(db_err(ctx))?;
        let mut out = Vec::new();
        for row in rows {
            let (kind, id, json) = row.map_err(db_err(ctx))?;
            let kind = RecordKind::named(&kind);
            out.push((kind, id, from_json("mark", &json)?));
        }
        Ok(out)
    }

    fn counts(&self) -> Result<StoreCounts, StoreError> {
        let count = |table: &str| -> Result<u64, StoreError> {
            // `table` is one of the constants below, never input.
            let n: i64 = self
                .conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .map_err(db_err(format!("counting {table}")))?;
            Ok(u64::try_from(n).unwrap_or(0))
        };
        Ok(StoreCounts {
            documents: count("documents")?,
            event_reports: count("event_reports")?,
            agreement_reports: count("agreement_reports")?,
            events: count("events")?,
            agreements: count("agreements")?,
        })
    }
}
