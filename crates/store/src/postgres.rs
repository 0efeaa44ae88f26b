//! The PostgreSQL store: the same record as the SQLite store, shared by any
//! number of `entente` processes writing at once.
//!
//! [`PgStore`] drives an async `tokio-postgres` client from a private
//! current-thread tokio runtime, because the [`Store`] trait is
//! synchronous. **Never call it from inside another tokio runtime's async
//! context** (an async handler, `#[tokio::main]`): tokio forbids blocking
//! there, and every call then fails with an error saying so. Call it from
//! `tokio::task::spawn_blocking` or a plain thread instead; dropping it is
//! safe anywhere.
//!
//! Concurrency, in brief (docs/ARCHITECTURE.md has the full argument):
//! - a batch is one transaction; documents meet on their primary key
//!   (`INSERT … ON CONFLICT DO NOTHING`) and are written in id order, so two
//!   batches never wait on each other in a cycle;
//! - `refuse` takes a session-level advisory lock, then rebuilds the fused
//!   tables in one REPEATABLE READ transaction (its snapshot taken after the
//!   lock was granted) and releases the lock: rebuilds run one at a time,
//!   and each reads every report committed before it got the lock, in one
//!   snapshot however many times it reads them;
//! - a serialization failure or deadlock (SQLSTATE 40001 / 40P01) retries
//!   the whole transaction with bounded, jittered backoff.
//!
//! Every statement binds its values as parameters. TLS is not supported:
//! connect over loopback, a Unix socket or a tunnel.

mod schema;
#[doc(hidden)]
pub mod testing;

use crate::corrections::{self, Correction, Mark, RecordKind, StoredCorrection};
use crate::refuse::{AgreementAssembler, AgreementPlan, EventAssembler, EventKeyTable};
use crate::{
    AgreementFilter, EventFilter, PutOutcome, SNIPPET_CLOSE, SNIPPET_OPEN, SearchHit, SearchPage,
    Store, StoreCounts, StoreError, date_bounds, from_json, opt_date, richest_per_actor, to_json,
    with_new_metadata,
};
use entente_model::{ActorRecord, Agreement, Document, Event, EventStatus, Extraction};
use futures_util::future::try_join_all;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::time::Duration;
use tokio_postgres::error::SqlState;
use tokio_postgres::types::ToSql;
use tokio_postgres::{Client, IsolationLevel, NoTls, Statement, Transaction};

/// The advisory-lock key of `refuse` ("entente" + 2).
const REFUSE_LOCK: i64 = 0x656e_7465_6e74_6502;

/// Transactions retried at most this many times after a serialization
/// failure or a deadlock, waiting about 25 ms, 50 ms, … up to 2 s between.
const MAX_RETRIES: u32 = 10;

/// Documents read per round trip by [`Store::each_document`].
const DOCUMENT_PAGE: i64 = 256;

/// How long to wait for the server to answer a connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);

/// The PostgreSQL implementation of [`Store`].
pub struct PgStore {
    rt: OwnRuntime,
    client: Client,
    /// The URL without password or parameters, for messages.
    db: String,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").field("db", &self.db).finish()
    }
}

impl PgStore {
    /// Connect to the database a `postgres://` URL names and bring its
    /// schema up to date (the database itself must exist).
    pub fn open(url: &str) -> Result<PgStore, StoreError> {
        Self::open_at_version(url, schema::latest_version())
    }

    /// Open with the schema brought only up to migration `version`; for
    /// testing migrations of older databases.
    #[doc(hidden)]
    pub fn open_at_version(url: &str, version: i32) -> Result<PgStore, StoreError> {
        let (rt, mut client, db) = connect(url)?;
        let open_err = |reason: String| StoreError::Open {
            db: db.clone(),
            reason,
        };
        run(&rt, schema::migrate_to(&mut client, version))
            .map_err(open_err)?
            .map_err(|e| match e {
                schema::MigrateError::TooNew { .. } => open_err(e.to_string()),
                other => open_err(format!("{other}; is it an entente database?")),
            })?;
        Ok(PgStore { rt, client, db })
    }

    /// Connect for reading only: the database must hold entente's schema at
    /// this version; nothing is created or migrated, and the session's
    /// transactions are read-only.
    pub fn open_read_only(url: &str) -> Result<PgStore, StoreError> {
        let (rt, client, db) = connect(url)?;
        let open_err = |reason: String| StoreError::Open {
            db: db.clone(),
            reason,
        };
        let version = run(&rt, async {
            client
                .batch_execute("SET default_transaction_read_only = on")
                .await?;
            let exists: bool = client
                .query_one("SELECT to_regclass('schema_version') IS NOT NULL", &[])
                .await?
                .try_get(0)?;
            if !exists {
                return Ok(0);
            }
            client
                .query_one("SELECT coalesce(max(version), 0) FROM schema_version", &[])
                .await?
                .try_get::<_, i32>(0)
        })
        .map_err(open_err)?
        .map_err(|e| open_err(format!("cannot read the schema version ({})", describe(&e))))?;
        let known = schema::latest_version();
        if let Some(reason) = crate::unreadable_version(version.into(), known.into(), "URL") {
            return Err(open_err(reason));
        }
        Ok(PgStore { rt, client, db })
    }

    /// The database this store writes, without password.
    pub fn db(&self) -> &str {
        &self.db
    }

    /// Run one async call to completion on the private runtime.
    fn block<T>(
        &self,
        what: &str,
        f: impl std::future::Future<Output = Result<T, Failure>>,
    ) -> Result<T, StoreError> {
        run(&self.rt, f)
            .map_err(|reason| StoreError::Db {
                context: format!("{what} in {}", self.db),
                reason,
            })?
            .map_err(|f| f.into_store(&self.db))
    }
}

/// Connect to the database a URL names, on a private runtime.
fn connect(url: &str) -> Result<(OwnRuntime, tokio_postgres::Client, String), StoreError> {
    let db = redact(url);
    let open_err = |reason: String| StoreError::Open {
        db: db.clone(),
        reason,
    };
    let mut config: tokio_postgres::Config = url.parse().map_err(|e| {
            open_err(format!(
                "not a usable PostgreSQL URL ({e}); write it as postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE"
            ))
        })?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    if config.get_application_name().is_none() {
        config.application_name("entente");
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map(|rt| OwnRuntime(Some(rt)))
        .map_err(|e| open_err(format!("cannot start the client runtime ({e})")))?;
    let client = run(&rt, async {
                let (client, connection) = config.connect(NoTls).await?;
                // The connection runs whenever the runtime does, i.e. inside
                // every `block_on` of this store.
                tokio::spawn(async move {
                    let _ = connection.await;
                });
                Ok::<_, tokio_postgres::Error>(client)
            })
            .map_err(open_err)?
            .map_err(|e| {
                open_err(format!(
                    "cannot connect ({}); check that the server is running and that the URL's host, port, user and database are right (the database must exist: createdb NAME)",
                    describe(&e)
                ))
            })?;
    Ok((rt, client, db))
}

/// The store's private runtime. Dropping a runtime normally waits for its
/// blocking work, which tokio forbids inside another runtime's async
/// context; this one shuts down in the background instead, so a store (or a
/// failed open) may be dropped anywhere.
struct OwnRuntime(Option<tokio::runtime::Runtime>);

impl std::ops::Deref for OwnRuntime {
    type Target = tokio::runtime::Runtime;
    fn deref(&self) -> &Self::Target {
        // Some from construction until drop.
        match &self.0 {
            Some(rt) => rt,
            None => unreachable!("the runtime is only taken in drop"),
        }
    }
}

impl Drop for OwnRuntime {
    fn drop(&mut self) {
        if let Some(rt) = self.0.take() {
            rt.shutdown_background();
        }
    }
}

/// What tokio says when a runtime is started inside another's async context.
const NESTED_RUNTIME_PANIC: &str = "from within a runtime";

/// Run `f` to completion on the store's runtime. Called from inside another
/// runtime's async context (not from `spawn_blocking`, which is fine),
/// tokio panics before polling anything; that becomes this error instead.
/// Any other panic goes on unwinding.
fn run<F: std::future::Future>(rt: &tokio::runtime::Runtime, f: F) -> Result<F::Output, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| rt.block_on(f))).map_err(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        if message.contains(NESTED_RUNTIME_PANIC) {
            "the PostgreSQL store was called from inside an async runtime; \
             call it from tokio::task::spawn_blocking or a plain thread"
                .to_string()
        } else {
            std::panic::resume_unwind(panic)
        }
    })
}

/// `postgres://user:secret@host/db?x=y` → `postgres://user@host/db`.
pub(crate) fn redact(url: &str) -> String {
    let url = url.trim();
    let url = url.split_once('?').map_or(url, |(base, _)| base);
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let authority = match authority.rsplit_once('@') {
        Some((user, host)) => {
            let user = user.split_once(':').map_or(user, |(u, _)| u);
            format!("{user}@{host}")
        }
        None => authority.to_string(),
    };
    format!("{scheme}://{authority}{path}")
}

/// A PostgreSQL error with the server's message, detail, hint and code.
pub(crate) fn describe(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => {
            let mut s = format!("{}: {}", db.severity(), db.message());
            if let Some(d) = db.detail() {
                s.push_str(&format!(" ({d})"));
            }
            if let Some(h) = db.hint() {
                s.push_str(&format!("; hint: {h}"));
            }
            s.push_str(&format!(" [SQLSTATE {}]", db.code().code()));
            s
        }
        None => {
            let mut s = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(cause) = source {
                let c = cause.to_string();
                if !s.contains(&c) {
                    s.push_str(&format!(": {c}"));
                }
                source = cause.source();
            }
            s
        }
    }
}

/// Why one attempt at a transaction failed.
enum Failure {
    Pg {
        context: String,
        error: tokio_postgres::Error,
    },
    Store(StoreError),
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::Store(e)
    }
}

impl Failure {
    /// A serialization failure or a deadlock: the transaction was rolled
    /// back and may simply be tried again.
    fn retryable(&self) -> bool {
        match self {
            Failure::Pg { error, .. } => matches!(
                error.code(),
                Some(c) if *c == SqlState::T_R_SERIALIZATION_FAILURE
                    || *c == SqlState::T_R_DEADLOCK_DETECTED
            ),
            Failure::Store(_) => false,
        }
    }

    fn into_store(self, db: &str) -> StoreError {
        match self {
            Failure::Pg { error, .. } if error.code() == Some(&SqlState::QUERY_CANCELED) => {
                StoreError::Interrupted
            }
            Failure::Pg { context, error } => StoreError::Db {
                context: format!("{context} in {db}"),
                reason: describe(&error),
            },
            Failure::Store(e) => e,
        }
    }
}

/// Attach what the store was doing to a PostgreSQL error.
trait Context<T> {
    fn ctx(self, context: impl FnOnce() -> String) -> Result<T, Failure>;
}

impl<T> Context<T> for Result<T, tokio_postgres::Error> {
    fn ctx(self, context: impl FnOnce() -> String) -> Result<T, Failure> {
        self.map_err(|error| Failure::Pg {
            context: context(),
            error,
        })
    }
}

/// Run `attempt` until it succeeds, fails for good, or has been retried
/// [`MAX_RETRIES`] times after serialization failures or deadlocks.
fn retrying<T>(db: &str, mut attempt: impl FnMut() -> Result<T, Failure>) -> Result<T, StoreError> {
    let mut tries = 0;
    loop {
        match attempt() {
            Ok(v) => return Ok(v),
            Err(f) if f.retryable() && tries < MAX_RETRIES => {
                std::thread::sleep(backoff(tries));
                tries += 1;
            }
            Err(f) => return Err(f.into_store(db)),
        }
    }
}

/// 25 ms doubling up to 2 s, plus up to as much again of jitter so that
/// workers that collided do not collide again in step.
fn backoff(tries: u32) -> Duration {
    let base = 25u64.saturating_mul(1 << tries.min(7)).min(2000);
    let noise = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::from(d.subsec_nanos()))
        ^ u64::from(std::process::id()).wrapping_mul(0x9e37_79b9);
    Duration::from_millis(base + noise % (base + 1))
}

/// The JSON and scalar columns of one `documents` row.
struct DocumentRow {
    published: Option<String>,
    flags: String,
    actors: String,
    dateline: Option<String>,
    meta: String,
}

impl DocumentRow {
    fn new(doc: &Document) -> Result<Self, StoreError> {
        let mut bare = doc.clone();
        bare.text = String::new();
        Ok(DocumentRow {
            published: opt_date(&doc.published),
            flags: to_json("document flags", &doc.flags)?,
            actors: to_json("document actors", &doc.actors)?,
            dateline: doc
                .dateline
                .as_ref()
                .map(|d| to_json("document dateline", d))
                .transpose()?,
            meta: to_json("document", &bare)?,
        })
    }
}

const INSERT_DOCUMENT: &str = "INSERT INTO documents \
     (id, source, url, title, lang, published, text, flags, actors, dateline, meta, seq) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9::text::jsonb, $10::text::jsonb, $11::text::jsonb, $12) \
     ON CONFLICT (id) DO NOTHING RETURNING seq";

const UPDATE_DOCUMENT: &str = "UPDATE documents SET source = $2, url = $3, title = $4, lang = $5, \
     published = $6, text = $7, flags = $8::text::jsonb, actors = $9::text::jsonb, \
     dateline = $10::text::jsonb, meta = $11::text::jsonb WHERE id = $1";

/// Insert `doc` at position `seq` if no document has its id; true when it
/// was inserted.
async fn insert_document(
    tx: &Transaction<'_>,
    insert: &Statement,
    doc: &Document,
    seq: i64,
) -> Result<bool, Failure> {
    let r = DocumentRow::new(doc)?;
    let row = tx
        .query_opt(
            insert,
            &[
                &doc.id,
                &doc.source,
                &doc.url,
                &doc.title,
                &doc.lang,
                &r.published,
                &doc.text,
                &r.flags,
                &r.actors,
                &r.dateline,
                &r.meta,
                &seq,
            ],
        )
        .await
        .ctx(|| format!("storing document {} ({})", doc.id, doc.source))?;
    Ok(row.is_some())
}

/// Replace a stored document and drop its reports (new ones follow).
async fn replace_document(tx: &Transaction<'_>, doc: &Document) -> Result<(), Failure> {
    let ctx = || format!("updating document {} ({})", doc.id, doc.source);
    let r = DocumentRow::new(doc)?;
    tx.execute(
        UPDATE_DOCUMENT,
        &[
            &doc.id,
            &doc.source,
            &doc.url,
            &doc.title,
            &doc.lang,
            &r.published,
            &doc.text,
            &r.flags,
            &r.actors,
            &r.dateline,
            &r.meta,
        ],
    )
    .await
    .ctx(ctx)?;
    for table in ["event_reports", "agreement_reports", "actor_records"] {
        // The table name is one of three constants above, never input.
        tx.execute(
            &format!("DELETE FROM {table} WHERE document_id = $1"),
            &[&doc.id],
        )
        .await
        .ctx(ctx)?;
    }
    Ok(())
}

/// The stored copy of a document, locked until the transaction ends.
async fn stored_document(tx: &Transaction<'_>, id: &str) -> Result<Document, Failure> {
    let row = tx
        .query_opt(
            "SELECT meta::text, text FROM documents WHERE id = $1 FOR UPDATE",
            &[&id],
        )
        .await
        .ctx(|| format!("looking up document {id}"))?;
    let Some(row) = row else {
        return Err(Failure::Store(StoreError::Corrupt {
            what: format!("document {id}"),
            reason: "it conflicted on insert but cannot be read back".into(),
        }));
    };
    let meta: String = row.try_get(0).ctx(|| format!("reading document {id}"))?;
    let mut doc: Document = from_json(&format!("document {id}"), &meta)?;
    doc.text = row.try_get(1).ctx(|| format!("reading document {id}"))?;
    Ok(doc)
}

/// Insert the reports of the extractions that were stored or updated, one
/// statement per table for the whole batch.
async fn insert_reports(tx: &Transaction<'_>, exs: &[&Extraction]) -> Result<(), Failure> {
    let ctx = || format!("storing the reports of {} documents", exs.len());
    let (mut doc, mut seq, mut rid, mut kind, mut date, mut json) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for ex in exs {
        for (i, e) in ex.events.iter().enumerate() {
            doc.push(ex.document.id.as_str());
            seq.push(i32::try_from(i).unwrap_or(i32::MAX));
            rid.push(e.id.as_str());
            kind.push(e.event_type.as_str());
            date.push(opt_date(&e.date));
            json.push(to_json("event report", e)?);
        }
    }
    tx.execute(
        "INSERT INTO event_reports (document_id, seq, report_id, type, date, json) \
         SELECT d, s, r, t, dt, j::jsonb FROM \
         unnest($1::text[], $2::int4[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(d, s, r, t, dt, j)",
        &[&doc, &seq, &rid, &kind, &date, &json],
    )
    .await
    .ctx(ctx)?;

    let (mut doc, mut seq, mut rid, mut kind, mut status, mut json) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for ex in exs {
        for (i, a) in ex.agreements.iter().enumerate() {
            doc.push(ex.document.id.as_str());
            seq.push(i32::try_from(i).unwrap_or(i32::MAX));
            rid.push(a.id.as_str());
            kind.push(a.agreement_type.as_str());
            status.push(a.status.as_str());
            json.push(to_json("agreement report", a)?);
        }
    }
    tx.execute(
        "INSERT INTO agreement_reports (document_id, seq, report_id, agreement_type, status, json) \
         SELECT d, s, r, t, st, j::jsonb FROM \
         unnest($1::text[], $2::int4[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(d, s, r, t, st, j)",
        &[&doc, &seq, &rid, &kind, &status, &json],
    )
    .await
    .ctx(ctx)?;

    let (mut doc, mut seq, mut aid, mut kind, mut name, mut affil, mut role, mut json) = (
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
    );
    for ex in exs {
        for (i, r) in ex.actors.iter().enumerate() {
            doc.push(ex.document.id.as_str());
            seq.push(i32::try_from(i).unwrap_or(i32::MAX));
            aid.push(r.id.as_str());
            kind.push(r.actor_type.as_str());
            name.push(r.name.as_str());
            affil.push(r.affiliation.as_ref().map(|a| a.as_str()));
            role.push(r.role.as_deref());
            json.push(to_json("actor record", r)?);
        }
    }
    tx.execute(
        "INSERT INTO actor_records (document_id, seq, actor_id, actor_type, name, affiliation, role, json) \
         SELECT d, s, a, t, n, af, r, j::jsonb FROM \
         unnest($1::text[], $2::int4[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) \
         AS u(d, s, a, t, n, af, r, j)",
        &[&doc, &seq, &aid, &kind, &name, &affil, &role, &json],
    )
    .await
    .ctx(ctx)?;
    Ok(())
}

/// `ex` with every NUL character replaced by U+FFFD, which PostgreSQL's
/// `text` and `jsonb` cannot hold (SQLite can). One character for one, so
/// evidence offsets stay true. Borrowed unchanged when there is none.
fn without_nul(ex: &Extraction) -> Result<Cow<'_, Extraction>, StoreError> {
    fn strip(v: &mut serde_json::Value) -> bool {
        match v {
            serde_json::Value::String(s) if s.contains('\0') => {
                *s = s.replace('\0', "\u{FFFD}");
                true
            }
            serde_json::Value::Array(items) => items.iter_mut().fold(false, |c, x| strip(x) | c),
            serde_json::Value::Object(map) => map.values_mut().fold(false, |c, x| strip(x) | c),
            _ => false,
        }
    }
    let corrupt = |e: serde_json::Error| StoreError::Corrupt {
        what: format!("document {}", ex.document.id),
        reason: e.to_string(),
    };
    let mut value = serde_json::to_value(ex).map_err(corrupt)?;
    if !strip(&mut value) {
        return Ok(Cow::Borrowed(ex));
    }
    Ok(Cow::Owned(serde_json::from_value(value).map_err(corrupt)?))
}

/// One attempt at storing a batch, in one transaction.
async fn put_batch_once(
    client: &mut Client,
    batch: &[&Extraction],
) -> Result<Vec<PutOutcome>, Failure> {
    let tx = client
        .build_transaction()
        .isolation_level(IsolationLevel::ReadCommitted)
        .start()
        .await
        .ctx(|| "starting a batch".into())?;
    // Positions in the order first stored, one per extraction in batch
    // order, although the documents are written in id order (below).
    let n = i64::try_from(batch.len()).unwrap_or(i64::MAX);
    let mut seqs: Vec<i64> = Vec::with_capacity(batch.len());
    for row in tx
        .query(
            "SELECT nextval('document_order') FROM generate_series(1, $1::int8)",
            &[&n],
        )
        .await
        .ctx(|| "numbering a batch".into())?
    {
        seqs.push(row.try_get(0).ctx(|| "numbering a batch".into())?);
    }
    seqs.sort_unstable();
    // Documents are written in id order: two batches sharing documents lock
    // them in the same order, so neither can wait on the other in a cycle.
    let mut order: Vec<usize> = (0..batch.len()).collect();
    order.sort_by(|&a, &b| batch[a].document.id.cmp(&batch[b].document.id));
    let mut outcomes = vec![PutOutcome::Known; batch.len()];
    // Prepared once per batch (a query given as text is parsed by the
    // server on every call), and the inserts pipelined: sent one after the
    // other without waiting for each answer, run by the server in id order.
    let insert = tx
        .prepare(INSERT_DOCUMENT)
        .await
        .ctx(|| "preparing the insertion of documents".into())?;
    let inserted: Vec<bool> = try_join_all(order.iter().map(|&i| {
        let seq = seqs.get(i).copied().unwrap_or(i64::MAX);
        insert_document(&tx, &insert, &batch[i].document, seq)
    }))
    .await?;
    // The extraction whose reports each written document gets; a later copy
    // in the same batch that updates the document replaces the earlier one.
    let mut reports: BTreeMap<&str, &Extraction> = BTreeMap::new();
    for (&i, inserted) in order.iter().zip(inserted) {
        let ex = batch[i];
        let doc = &ex.document;
        if inserted {
            outcomes[i] = PutOutcome::Stored;
            reports.insert(doc.id.as_str(), ex);
            continue;
        }
        let stored = stored_document(&tx, &doc.id).await?;
        if let Some(merged) = with_new_metadata(&stored, doc) {
            replace_document(&tx, &merged).await?;
            outcomes[i] = PutOutcome::Updated;
            reports.insert(doc.id.as_str(), ex);
        }
    }
    let exs: Vec<&Extraction> = reports.into_values().collect();
    insert_reports(&tx, &exs).await?;
    tx.commit().await.ctx(|| "committing a batch".into())?;
    Ok(outcomes)
}

/// A record written in an earlier batch of the same rebuild had one of
/// these ids when fewer rows than `ids` came back from the insert.
fn check_all_inserted(
    kind: &'static str,
    ids: &[&str],
    inserted: &[tokio_postgres::Row],
) -> Result<(), Failure> {
    if inserted.len() == ids.len() {
        return Ok(());
    }
    let mut got = HashSet::new();
    for row in inserted {
        let id: &str = row.try_get(0).ctx(|| format!("storing fused {kind}s"))?;
        got.insert(id);
    }
    let id = ids.iter().find(|i| !got.contains(**i)).unwrap_or(&"");
    Err(Failure::Store(StoreError::DuplicateId {
        kind,
        id: id.to_string(),
    }))
}

/// Write a batch of fused events, one statement per table; an event whose
/// id an earlier batch wrote is an error.
async fn insert_events(tx: &Transaction<'_>, events: &[Event]) -> Result<(), Failure> {
    let ctx = || format!("storing {} fused events", events.len());
    let mut seen = HashSet::new();
    let (mut id, mut kind, mut status, mut date, mut lo, mut hi, mut conf, mut json) = (
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
    );
    let (mut a_event, mut a_actor, mut a_role) = (vec![], vec![], vec![]);
    let mut docs: BTreeSet<(&str, &str)> = BTreeSet::new();
    for e in events {
        if !seen.insert(e.id.as_str()) {
            return Err(Failure::Store(StoreError::DuplicateId {
                kind: "event",
                id: e.id.clone(),
            }));
        }
        let (l, h) = e.date.as_ref().map(date_bounds).unzip();
        id.push(e.id.as_str());
        kind.push(e.event_type.as_str());
        status.push(e.status.as_str());
        date.push(opt_date(&e.date));
        lo.push(l);
        hi.push(h);
        conf.push(e.confidence);
        json.push(to_json("event", e)?);
        let roles = [
            ("actor", &e.actor),
            ("recipient", &e.recipient),
            ("actor_person", &e.actor_persons),
            ("recipient_person", &e.recipient_persons),
        ];
        let mut pairs = BTreeSet::new();
        for (role, ids) in roles {
            for a in ids {
                if pairs.insert((a.as_str(), role)) {
                    a_event.push(e.id.as_str());
                    a_actor.push(a.as_str());
                    a_role.push(role);
                }
            }
        }
        for ev in &e.evidence {
            docs.insert((e.id.as_str(), ev.document.as_str()));
        }
    }
    let inserted = tx
        .query(
            "INSERT INTO events (id, type, status, date, date_lo, date_hi, confidence, json) \
             SELECT i, t, s, d, l, h, c, j::jsonb FROM \
             unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::text[]) \
             AS u(i, t, s, d, l, h, c, j) \
             ON CONFLICT (id) DO NOTHING RETURNING id",
            &[&id, &kind, &status, &date, &lo, &hi, &conf, &json],
        )
        .await
        .ctx(ctx)?;
    check_all_inserted("event", &id, &inserted)?;
    tx.execute(
        "INSERT INTO event_actors (event_id, actor_id, role) \
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[])",
        &[&a_event, &a_actor, &a_role],
    )
    .await
    .ctx(ctx)?;
    let (d_event, d_doc): (Vec<&str>, Vec<&str>) = docs.into_iter().unzip();
    tx.execute(
        "INSERT INTO event_documents (event_id, document_id) \
         SELECT * FROM unnest($1::text[], $2::text[])",
        &[&d_event, &d_doc],
    )
    .await
    .ctx(ctx)?;
    Ok(())
}

/// Write a batch of fused agreements, one statement per table; an
/// agreement whose id an earlier batch wrote is an error.
async fn insert_agreements(tx: &Transaction<'_>, agreements: &[Agreement]) -> Result<(), Failure> {
    let ctx = || format!("storing {} fused agreements", agreements.len());
    let mut seen = HashSet::new();
    let (mut id, mut kind, mut status, mut date, mut json) =
        (vec![], vec![], vec![], vec![], vec![]);
    let mut parties: BTreeSet<(&str, &str)> = BTreeSet::new();
    for a in agreements {
        if !seen.insert(a.id.as_str()) {
            return Err(Failure::Store(StoreError::DuplicateId {
                kind: "agreement",
                id: a.id.clone(),
            }));
        }
        id.push(a.id.as_str());
        kind.push(a.agreement_type.as_str());
        status.push(a.status.as_str());
        date.push(opt_date(&a.status_date));
        json.push(to_json("agreement", a)?);
        for p in &a.parties {
            parties.insert((a.id.as_str(), p.as_str()));
        }
    }
    let inserted = tx
        .query(
            "INSERT INTO agreements (id, agreement_type, status, status_date, json) \
             SELECT i, t, s, d, j::jsonb FROM \
             unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(i, t, s, d, j) \
             ON CONFLICT (id) DO NOTHING RETURNING id",
            &[&id, &kind, &status, &date, &json],
        )
        .await
        .ctx(ctx)?;
    check_all_inserted("agreement", &id, &inserted)?;
    let (p_ag, p_actor): (Vec<&str>, Vec<&str>) = parties.into_iter().unzip();
    tx.execute(
        "INSERT INTO agreement_parties (agreement_id, actor_id) \
         SELECT * FROM unnest($1::text[], $2::text[])",
        &[&p_ag, &p_actor],
    )
    .await
    .ctx(ctx)?;
    Ok(())
}

/// Report rows read per round trip while rebuilding.
const REBUILD_PAGE: i32 = 512;

/// Fused events or agreements written per statement while rebuilding.
const REBUILD_WRITES: usize = 128;

/// Plan rows written per statement while rebuilding.
const PLAN_ROWS: usize = 8192;

/// One attempt at rebuilding the fused record, in one transaction.
///
/// Rebuilds run one at a time under a session-level advisory lock taken
/// *before* the transaction starts: the transaction is REPEATABLE READ, so
/// that the two reads of the reports (keys to plan, then whole reports to
/// merge) see one snapshot, and that snapshot is taken by its first
/// statement, after the lock was granted, so it holds every batch committed
/// before this rebuild began waiting. The lock is released once the
/// transaction has ended, whichever way (and by the server if the session
/// dies).
async fn refuse_once(client: &mut Client) -> Result<(), Failure> {
    client
        .execute("SELECT pg_advisory_lock($1)", &[&REFUSE_LOCK])
        .await
        .ctx(|| "waiting for other rebuilds of the fused record".into())?;
    let rebuilt = rebuild(client).await;
    // after a failure the dropped transaction's ROLLBACK is already queued
    // ahead of this statement
    let unlocked = client
        .execute("SELECT pg_advisory_unlock($1)", &[&REFUSE_LOCK])
        .await
        .ctx(|| "releasing the lock of the rebuild".into());
    rebuilt?;
    unlocked?;
    Ok(())
}

/// Rebuild the fused record in one REPEATABLE READ transaction, in memory
/// that does not grow with the reports' evidence (see [`crate::refuse`]).
///
/// Reports go to fusion in (document id, position) order, so the record
/// depends only on which reports are stored, never on the order concurrent
/// workers stored them. Within one rebuild a report is found again by its
/// rank in that order (`n`), which the one snapshot keeps fixed.
async fn rebuild(client: &mut Client) -> Result<(), Failure> {
    let tx = client
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .start()
        .await
        .ctx(|| "starting the rebuild of the fused record".into())?;
    tx.batch_execute(
        "DELETE FROM event_actors; DELETE FROM event_documents; DELETE FROM events; \
         DELETE FROM agreement_parties; DELETE FROM agreements; \
         CREATE TEMP TABLE refuse_plan (pos int8 PRIMARY KEY, n int8 NOT NULL) ON COMMIT DROP;",
    )
    .await
    .ctx(|| "clearing the fused record".into())?;
    let mut agreements = AgreementPlan::default();
    let mut n = 0;
    each_json(
        &tx,
        "reading the agreement reports",
        "SELECT json::text FROM agreement_reports ORDER BY document_id COLLATE \"C\", seq",
        &[],
        |json| {
            agreements.push(n, json)?;
            n += 1;
            Ok(())
        },
    )
    .await?;
    let types: Vec<String> = tx
        .query(
            "SELECT t FROM (SELECT DISTINCT type AS t FROM event_reports) AS d \
             ORDER BY t COLLATE \"C\"",
            &[],
        )
        .await
        .and_then(|rows| rows.iter().map(|r| r.try_get(0)).collect())
        .ctx(|| "listing the event types of the reports".into())?;
    // Reports of different types never fuse: one type at a time.
    let mut renamed: HashMap<String, String> = HashMap::new();
    for t in &types {
        let mut keys = EventKeyTable::default();
        let mut n = 0;
        each_json(
            &tx,
            "reading the event reports' keys",
            "SELECT json::text FROM event_reports WHERE type = $1 \
             ORDER BY document_id COLLATE \"C\", seq",
            &[t],
            |json| {
                keys.push(n, json)?;
                n += 1;
                Ok(())
            },
        )
        .await?;
        let plan = entente_fuse::plan_events(&keys);
        let order: Vec<i64> = plan
            .events
            .iter()
            .flat_map(|e| e.members.iter().map(|&m| keys.handle(m)))
            .collect();
        drop(keys);
        write_plan(&tx, &order).await?;
        drop(order);
        let mut events = EventAssembler::new(&plan, agreements.referenced());
        assemble_json(
            &tx,
            "reading the event reports",
            "WITH numbered AS (SELECT row_number() OVER \
               (ORDER BY document_id COLLATE \"C\", seq) - 1 AS n, document_id, seq \
               FROM event_reports WHERE type = $1) \
             SELECT r.json::text FROM refuse_plan p JOIN numbered x ON x.n = p.n \
             JOIN event_reports r ON r.document_id = x.document_id AND r.seq = x.seq \
             ORDER BY p.pos",
            &[t],
            |json| Ok(events.push(json, &mut renamed)?),
            async |done: &[Event]| insert_events(&tx, done).await,
        )
        .await?;
        events.finish()?;
        tx.execute("TRUNCATE refuse_plan", &[])
            .await
            .ctx(|| "clearing the plan of the rebuild".into())?;
    }
    let groups = agreements.into_groups();
    let order: Vec<i64> = groups
        .iter()
        .flat_map(|g| g.members.iter().copied())
        .collect();
    write_plan(&tx, &order).await?;
    drop(order);
    let mut assembler = AgreementAssembler::new(&groups);
    assemble_json(
        &tx,
        "reading the agreement reports",
        "WITH numbered AS (SELECT row_number() OVER \
           (ORDER BY document_id COLLATE \"C\", seq) - 1 AS n, document_id, seq \
           FROM agreement_reports) \
         SELECT r.json::text FROM refuse_plan p JOIN numbered x ON x.n = p.n \
         JOIN agreement_reports r ON r.document_id = x.document_id AND r.seq = x.seq \
         ORDER BY p.pos",
        &[],
        |json| Ok(assembler.push(json, &renamed)?),
        async |done: &[Agreement]| insert_agreements(&tx, done).await,
    )
    .await?;
    assembler.finish()?;
    apply_corrections(&tx).await?;
    tx.commit()
        .await
        .ctx(|| "committing the rebuilt fused record".into())?;
    Ok(())
}

/// The JSON texts of the first column of a query's rows, parsed.
async fn tx_json_rows<T: serde::de::DeserializeOwned>(
    tx: &Transaction<'_>,
    what: &str,
    sql: &str,
    params: &[&(dyn ToSql + Sync)],
) -> Result<Vec<T>, Failure> {
    let rows = tx
        .query(sql, params)
        .await
        .ctx(|| format!("reading {what}s"))?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let json: &str = row.try_get(0).ctx(|| format!("reading {what}s"))?;
        out.push(from_json(what, json)?);
    }
    Ok(out)
}

/// Apply every stored correction to the fused record just rebuilt, and
/// record which record each one found (see [`crate::corrections`]).
async fn apply_corrections(tx: &Transaction<'_>) -> Result<(), Failure> {
    tx.execute("DELETE FROM correction_targets", &[])
        .await
        .ctx(|| "clearing the targets of the corrections".into())?;
    let stored: Vec<Correction> = tx_json_rows(
        tx,
        "correction",
        "SELECT json::text FROM corrections ORDER BY seq",
        &[],
    )
    .await?;
    if stored.is_empty() {
        return Ok(());
    }
    let docs = corrections::key_documents(&stored, RecordKind::Event);
    let events: Vec<Event> = tx_json_rows(
        tx,
        "event",
        "SELECT e.json::text FROM events e WHERE e.id IN (SELECT x.event_id FROM event_documents x \
         WHERE x.document_id = ANY($1::text[])) ORDER BY e.id COLLATE \"C\"",
        &[&docs],
    )
    .await?;
    let agreements: Vec<Agreement> = if stored.iter().any(|c| c.key.kind == RecordKind::Agreement) {
        tx_json_rows(
            tx,
            "agreement",
            "SELECT a.json::text FROM agreements a ORDER BY a.id COLLATE \"C\"",
            &[],
        )
        .await?
    } else {
        Vec::new()
    };
    let applied = corrections::apply(&stored, events, agreements);
    if !applied.events.is_empty() {
        let ids: Vec<&str> = applied
            .events
            .iter()
            .map(|c| c.record.id.as_str())
            .collect();
        tx.execute("DELETE FROM events WHERE id = ANY($1::text[])", &[&ids])
            .await
            .ctx(|| "replacing corrected events".into())?;
        let records: Vec<Event> = applied.events.iter().map(|c| c.record.clone()).collect();
        insert_events(tx, &records).await?;
        for c in &applied.events {
            tx.execute(
                "UPDATE events SET hidden = $2, correction = $3::text::jsonb WHERE id = $1",
                &[&c.record.id, &c.mark.hidden(), &to_json("mark", &c.mark)?],
            )
            .await
            .ctx(|| format!("marking event {}", c.record.id))?;
        }
    }
    if !applied.agreements.is_empty() {
        let ids: Vec<&str> = applied
            .agreements
            .iter()
            .map(|c| c.record.id.as_str())
            .collect();
        tx.execute("DELETE FROM agreements WHERE id = ANY($1::text[])", &[&ids])
            .await
            .ctx(|| "replacing corrected agreements".into())?;
        let records: Vec<Agreement> = applied
            .agreements
            .iter()
            .map(|c| c.record.clone())
            .collect();
        insert_agreements(tx, &records).await?;
        for c in &applied.agreements {
            tx.execute(
                "UPDATE agreements SET hidden = $2, correction = $3::text::jsonb WHERE id = $1",
                &[&c.record.id, &c.mark.hidden(), &to_json("mark", &c.mark)?],
            )
            .await
            .ctx(|| format!("marking agreement {}", c.record.id))?;
        }
    }
    let (ids, records): (Vec<&str>, Vec<Option<&str>>) = applied
        .targets
        .iter()
        .map(|(c, r)| (c.as_str(), r.as_deref()))
        .unzip();
    tx.execute(
        "INSERT INTO correction_targets (correction_id, record_id) \
         SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (correction_id) DO NOTHING",
        &[&ids, &records],
    )
    .await
    .ctx(|| "recording the targets of the corrections".into())?;
    Ok(())
}

/// Hand the JSON text of each row of a query to `visit`, one page of rows
/// at a time.
async fn each_json(
    tx: &Transaction<'_>,
    ctx: &str,
    sql: &str,
    params: &[&(dyn ToSql + Sync)],
    mut visit: impl FnMut(&str) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let portal = tx.bind(sql, params).await.ctx(|| ctx.to_string())?;
    loop {
        let rows = tx
            .query_portal(&portal, REBUILD_PAGE)
            .await
            .ctx(|| ctx.to_string())?;
        for row in &rows {
            visit(row.try_get(0).ctx(|| ctx.to_string())?)?;
        }
        if rows.len() < REBUILD_PAGE as usize {
            return Ok(());
        }
    }
}

/// Hand the JSON text of each row of a query to `push`, one page of rows at
/// a time, and `write` what it completes in batches of `REBUILD_WRITES`
/// (and the rest at the end). The portal is closed on return.
async fn assemble_json<T>(
    tx: &Transaction<'_>,
    ctx: &str,
    sql: &str,
    params: &[&(dyn ToSql + Sync)],
    mut push: impl FnMut(&str) -> Result<Option<T>, Failure>,
    write: impl AsyncFn(&[T]) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let portal = tx.bind(sql, params).await.ctx(|| ctx.to_string())?;
    let mut done: Vec<T> = Vec::new();
    loop {
        let rows = tx
            .query_portal(&portal, REBUILD_PAGE)
            .await
            .ctx(|| ctx.to_string())?;
        for row in &rows {
            if let Some(x) = push(row.try_get(0).ctx(|| ctx.to_string())?)? {
                done.push(x);
            }
        }
        let last = rows.len() < REBUILD_PAGE as usize;
        if done.len() >= REBUILD_WRITES || (last && !done.is_empty()) {
            write(&done).await?;
            done.clear();
        }
        if last {
            return Ok(());
        }
    }
}

/// Fill the rebuild's plan with report ranks, in the order to read them.
async fn write_plan(tx: &Transaction<'_>, order: &[i64]) -> Result<(), Failure> {
    for (i, chunk) in order.chunks(PLAN_ROWS).enumerate() {
        let first = (i * PLAN_ROWS) as i64;
        let pos: Vec<i64> = (first..first + chunk.len() as i64).collect();
        tx.execute(
            "INSERT INTO refuse_plan (pos, n) SELECT * FROM unnest($1::int8[], $2::int8[])",
            &[&pos, &chunk],
        )
        .await
        .ctx(|| "writing the plan of the rebuild".into())?;
    }
    Ok(())
}

/// Read the JSON text of the first column of every row a query returns.
/// The order events are listed in.
const EVENT_ORDER: &str = " ORDER BY e.date_lo IS NULL, e.date_lo COLLATE \"C\", e.date_hi COLLATE \"C\", e.id COLLATE \"C\"";

/// The `WHERE` clause (over `events e`) and parameters of `filter`.
fn event_where(filter: &EventFilter, status: Option<EventStatus>) -> (String, Vec<String>) {
    let mut sql = String::from(if filter.rejected {
        " WHERE true"
    } else {
        " WHERE NOT e.hidden"
    });
    let mut params: Vec<String> = Vec::new();
    if let Some(s) = status {
        params.push(s.as_str().into());
        sql.push_str(&format!(" AND e.status = ${}", params.len()));
    }
    if let Some(t) = filter.event_type {
        params.push(t.as_str().into());
        sql.push_str(&format!(" AND e.type = ${}", params.len()));
    }
    if let Some(a) = &filter.actor {
        params.push(a.as_str().into());
        sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND x.actor_id = ${})",
                params.len()
            ));
    }
    if let Some(since) = &filter.since {
        params.push(date_bounds(since).0);
        sql.push_str(&format!(
            " AND e.date_hi COLLATE \"C\" >= ${}",
            params.len()
        ));
    }
    if let Some(until) = &filter.until {
        params.push(date_bounds(until).1);
        sql.push_str(&format!(
            " AND e.date_lo COLLATE \"C\" <= ${}",
            params.len()
        ));
    }
    if let Some(doc) = &filter.document {
        params.push(doc.trim().into());
        sql.push_str(&format!(
            " AND e.id IN (SELECT x.event_id FROM event_documents x WHERE x.document_id = ${})",
            params.len()
        ));
    }
    if let Some(words) = filter.text.as_deref().filter(|w| !w.trim().is_empty()) {
        // phraseto_tsquery reads plain words: no query syntax leaks in.
        params.push(words.trim().into());
        sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM event_documents x JOIN documents d ON d.id = x.document_id \
                 WHERE x.event_id = e.id AND d.tsv @@ phraseto_tsquery('simple', entente_fold(${})))",
                params.len()
            ));
    }
    (sql, params)
}

async fn json_rows<T: serde::de::DeserializeOwned>(
    client: &Client,
    what: &str,
    sql: &str,
    params: &[String],
) -> Result<Vec<T>, Failure> {
    let params: Vec<&(dyn ToSql + Sync)> =
        params.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
    let rows = client
        .query(sql, &params)
        .await
        .ctx(|| format!("reading {what}s"))?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let json: &str = row.try_get(0).ctx(|| format!("reading {what}s"))?;
        out.push(from_json(what, json)?);
    }
    Ok(out)
}

impl Store for PgStore {
    fn put_batch(&mut self, batch: &[Extraction]) -> Result<Vec<PutOutcome>, StoreError> {
        let clean: Vec<Cow<'_, Extraction>> =
            batch.iter().map(without_nul).collect::<Result<_, _>>()?;
        let clean: Vec<&Extraction> = clean.iter().map(AsRef::as_ref).collect();
        let PgStore { rt, client, db } = self;
        retrying(db, || {
            run(rt, put_batch_once(client, &clean)).unwrap_or_else(|reason| {
                Err(Failure::Store(StoreError::Db {
                    context: "storing a batch".into(),
                    reason,
                }))
            })
        })
    }

    fn refuse(&mut self) -> Result<(), StoreError> {
        let PgStore { rt, client, db } = self;
        retrying(db, || {
            run(rt, refuse_once(client)).unwrap_or_else(|reason| {
                Err(Failure::Store(StoreError::Db {
                    context: "rebuilding the fused record".into(),
                    reason,
                }))
            })
        })
    }

    fn each_document(
        &self,
        visit: &mut dyn FnMut(Document) -> std::io::Result<()>,
    ) -> Result<(), StoreError> {
        // Keyset pages: bounded memory, no long-lived transaction.
        let mut after: i64 = 0;
        loop {
            let rows = self.block("reading documents", async {
                self.client
                    .query(
                        "SELECT seq, id, meta::text, text FROM documents WHERE seq > $1 \
                         ORDER BY seq LIMIT $2",
                        &[&after, &DOCUMENT_PAGE],
                    )
                    .await
                    .ctx(|| "reading documents".into())
            })?;
            if rows.is_empty() {
                return Ok(());
            }
            for row in rows {
                let read = |e: tokio_postgres::Error| StoreError::Db {
                    context: format!("reading documents in {}", self.db),
                    reason: describe(&e),
                };
                after = row.try_get(0).map_err(read)?;
                let id: String = row.try_get(1).map_err(read)?;
                let meta: &str = row.try_get(2).map_err(read)?;
                let mut doc: Document = from_json(&format!("document {id}"), meta)?;
                doc.text = row.try_get(3).map_err(read)?;
                visit(doc).map_err(|source| StoreError::Output {
                    document: id,
                    source,
                })?;
            }
        }
    }

    fn actors(&self) -> Result<Vec<ActorRecord>, StoreError> {
        let records: Vec<ActorRecord> = self.block(
            "reading actors",
            json_rows(
                &self.client,
                "actor record",
                "SELECT r.json::text FROM actor_records r JOIN documents d ON d.id = r.document_id \
                 ORDER BY r.actor_id COLLATE \"C\", d.seq, r.seq",
                &[],
            ),
        )?;
        Ok(richest_per_actor(records))
    }

    fn events(&self, filter: &EventFilter) -> Result<Vec<Event>, StoreError> {
        let (clause, params) = event_where(filter, None);
        let sql = format!("SELECT e.json::text FROM events e{clause}{EVENT_ORDER}");
        self.block(
            "reading events",
            json_rows(&self.client, "event", &sql, &params),
        )
    }

    fn events_page(
        &self,
        filter: &EventFilter,
        status: Option<EventStatus>,
        limit: usize,
        offset: usize,
    ) -> Result<(u64, Vec<Event>), StoreError> {
        let (clause, params) = event_where(filter, status);
        let count = format!("SELECT count(*) FROM events e{clause}");
        // Our own integers, written into the statement.
        let page = format!(
            "SELECT e.json::text FROM events e{clause}{EVENT_ORDER} LIMIT {} OFFSET {}",
            i64::try_from(limit).unwrap_or(i64::MAX),
            i64::try_from(offset).unwrap_or(i64::MAX)
        );
        self.block("reading a page of events", async {
            let refs: Vec<&(dyn ToSql + Sync)> =
                params.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
            let total: i64 = self
                .client
                .query_one(&count, &refs)
                .await
                .and_then(|r| r.try_get(0))
                .ctx(|| "counting events".into())?;
            let events = json_rows(&self.client, "event", &page, &params).await?;
            Ok((u64::try_from(total).unwrap_or(0), events))
        })
    }

    fn agreements(&self, filter: &AgreementFilter) -> Result<Vec<Agreement>, StoreError> {
        let mut sql = String::from(if filter.rejected {
            "SELECT a.json::text FROM agreements a WHERE true"
        } else {
            "SELECT a.json::text FROM agreements a WHERE NOT a.hidden"
        });
        let mut params: Vec<String> = Vec::new();
        if let Some(p) = &filter.party {
            params.push(p.as_str().into());
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM agreement_parties x WHERE x.agreement_id = a.id AND x.actor_id = ${})",
                params.len()
            ));
        }
        if let Some(s) = filter.status {
            params.push(s.as_str().into());
            sql.push_str(&format!(" AND a.status = ${}", params.len()));
        }
        // NULLS FIRST and byte order, as SQLite sorts.
        sql.push_str(
            " ORDER BY a.agreement_type COLLATE \"C\", a.status_date COLLATE \"C\" NULLS FIRST, a.id COLLATE \"C\"",
        );
        self.block(
            "reading agreements",
            json_rows(&self.client, "agreement", &sql, &params),
        )
    }

    fn record(&self, id: &str) -> Result<Option<corrections::Record>, StoreError> {
        let row = self.block("reading a record", async {
            self.client
                .query_opt(
                    "SELECT 'event', json::text, correction::text FROM events WHERE id = $1 \
                     UNION ALL SELECT 'agreement', json::text, correction::text FROM agreements \
                     WHERE id = $1 LIMIT 1",
                    &[&id],
                )
                .await
                .ctx(|| format!("reading record {id}"))
        })?;
        let Some(row) = row else { return Ok(None) };
        let read = |e: tokio_postgres::Error| StoreError::Db {
            context: format!("reading record {id} in {}", self.db),
            reason: describe(&e),
        };
        let kind: &str = row.try_get(0).map_err(read)?;
        let kind = RecordKind::named(kind);
        let json: &str = row.try_get(1).map_err(read)?;
        let mark: Option<&str> = row.try_get(2).map_err(read)?;
        corrections::record_from_json(kind, id, json, mark).map(Some)
    }

    fn document(&self, id: &str) -> Result<Option<Document>, StoreError> {
        let row = self.block("reading a document", async {
            self.client
                .query_opt(
                    "SELECT meta::text, text FROM documents WHERE id = $1",
                    &[&id],
                )
                .await
                .ctx(|| format!("reading document {id}"))
        })?;
        let Some(row) = row else { return Ok(None) };
        let read = |e: tokio_postgres::Error| StoreError::Db {
            context: format!("reading document {id} in {}", self.db),
            reason: describe(&e),
        };
        let meta: &str = row.try_get(0).map_err(read)?;
        let mut doc: Document = from_json(&format!("document {id}"), meta)?;
        doc.text = row.try_get(1).map_err(read)?;
        Ok(Some(doc))
    }

    fn search(&self, words: &str, limit: usize, offset: usize) -> Result<SearchPage, StoreError> {
        let words = words.trim();
        if words.is_empty() {
            return Ok(SearchPage::default());
        }
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let offset = i64::try_from(offset).unwrap_or(i64::MAX);
        // ts_headline marks matches with the snippet markers; the passage is
        // taken from the indexed part of the body.
        let marks = format!(
            "StartSel={SNIPPET_OPEN}, StopSel={SNIPPET_CLOSE}, MaxWords=24, MinWords=12, ShortWord=0"
        );
        let (total, rows) = self.block("searching", async {
            let ctx = || format!("searching for {words:?}");
            let total: i64 = self
                .client
                .query_one(
                    "SELECT count(*) FROM documents \
                     WHERE tsv @@ phraseto_tsquery('simple', entente_fold($1))",
                    &[&words],
                )
                .await
                .and_then(|r| r.try_get(0))
                .ctx(ctx)?;
            let rows = self
                .client
                .query(
                    "SELECT d.id, d.meta::text, \
                            '…' || ts_headline('simple', left(d.text, 200000), q, $2) || '…' \
                     FROM documents d, phraseto_tsquery('simple', entente_fold($1)) AS q \
                     WHERE d.tsv @@ q ORDER BY ts_rank(d.tsv, q) DESC, d.seq LIMIT $3 OFFSET $4",
                    &[&words, &marks, &limit, &offset],
                )
                .await
                .ctx(ctx)?;
            Ok((total, rows))
        })?;
        let mut hits = Vec::with_capacity(rows.len());
        for row in rows {
            let read = |e: tokio_postgres::Error| StoreError::Db {
                context: format!("searching for {words:?} in {}", self.db),
                reason: describe(&e),
            };
            let id: String = row.try_get(0).map_err(read)?;
            let meta: &str = row.try_get(1).map_err(read)?;
            let doc: Document = from_json(&format!("document {id}"), meta)?;
            hits.push(SearchHit {
                document: id,
                source: doc.source,
                title: doc.title,
                lang: doc.lang,
                published: doc.published,
                snippet: row.try_get(2).map_err(read)?,
            });
        }
        Ok(SearchPage {
            total: u64::try_from(total).unwrap_or(0),
            hits,
        })
    }

    fn set_budget(&self, budget: Option<std::sync::Arc<crate::Budget>>) -> Result<(), StoreError> {
        // PostgreSQL stops a statement itself once its timeout passes (0:
        // none); a budget already spent still allows a millisecond.
        let ms = budget.map_or(0, |b| b.remaining().as_millis().clamp(1, i32::MAX as u128));
        let sql = format!("SET statement_timeout = {ms}");
        self.block("setting the statement timeout", async {
            self.client
                .batch_execute(&sql)
                .await
                .ctx(|| "setting the statement timeout".into())
        })
    }

    fn add_corrections(&mut self, new: &[Correction]) -> Result<usize, StoreError> {
        for c in new {
            c.check().map_err(|e| StoreError::Corrupt {
                what: format!("correction {}", c.id),
                reason: e.to_string(),
            })?;
        }
        let mut rows: Vec<[String; 6]> = Vec::with_capacity(new.len());
        for c in new {
            rows.push([
                c.id.clone(),
                c.author.clone(),
                c.at.clone(),
                c.key.kind.as_str().into(),
                c.action.as_str().into(),
                to_json("correction", c)?,
            ]);
        }
        let PgStore { rt, client, db } = self;
        retrying(db, || {
            run(rt, async {
                let tx = client
                    .transaction()
                    .await
                    .ctx(|| "starting to store corrections".into())?;
                let mut added = 0;
                for r in &rows {
                    added += tx
                        .execute(
                            "INSERT INTO corrections (id, author, at, kind, action, json) \
                             VALUES ($1, $2, $3, $4, $5, $6::text::jsonb) \
                             ON CONFLICT (id) DO NOTHING",
                            &[&r[0], &r[1], &r[2], &r[3], &r[4], &r[5]],
                        )
                        .await
                        .ctx(|| format!("storing correction {}", r[0]))?;
                }
                tx.commit().await.ctx(|| "committing corrections".into())?;
                Ok(usize::try_from(added).unwrap_or(usize::MAX))
            })
            .unwrap_or_else(|reason| {
                Err(Failure::Store(StoreError::Db {
                    context: "storing corrections".into(),
                    reason,
                }))
            })
        })
    }

    fn corrections(&self) -> Result<Vec<StoredCorrection>, StoreError> {
        let rows = self.block("reading corrections", async {
            self.client
                .query(
                    "SELECT c.json::text, t.record_id FROM corrections c \
                     LEFT JOIN correction_targets t ON t.correction_id = c.id ORDER BY c.seq",
                    &[],
                )
                .await
                .ctx(|| "reading corrections".into())
        })?;
        let read = |e: tokio_postgres::Error| StoreError::Db {
            context: format!("reading corrections in {}", self.db),
            reason: describe(&e),
        };
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let json: &str = row.try_get(0).map_err(read)?;
            out.push(StoredCorrection {
                correction: from_json("correction", json)?,
                record: row.try_get(1).map_err(read)?,
            });
        }
        Ok(out)
    }

    fn marks(&self) -> Result<Vec<(RecordKind, String, Mark)>, StoreError> {
        let rows = self.block("reading the marks of corrected records", async {
            self.client
                .query(
                    "SELECT 'event', id, correction::text FROM events WHERE correction IS NOT NULL \
                     UNION ALL SELECT 'agreement', id, correction::text FROM agreements \
                     WHERE correction IS NOT NULL ORDER BY 1, 2",
                    &[],
                )
                .await
                .ctx(|| "reading the marks of corrected records".into())
        })?;
        let read = |e: tokio_postgres::Error| StoreError::Db {
            context: format!("reading the marks of corrected records in {}", self.db),
            reason: describe(&e),
        };
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let kind: &str = row.try_get(0).map_err(read)?;
            let kind = RecordKind::named(kind);
            let json: &str = row.try_get(2).map_err(read)?;
            out.push((
                kind,
                row.try_get(1).map_err(read)?,
                from_json("mark", json)?,
            ));
        }
        Ok(out)
    }

    fn counts(&self) -> Result<StoreCounts, StoreError> {
        let row = self.block("counting rows", async {
            self.client
                .query_one(
                    "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM event_reports), \
                     (SELECT count(*) FROM agreement_reports), (SELECT count(*) FROM events), \
                     (SELECT count(*) FROM agreements)",
                    &[],
                )
                .await
                .ctx(|| "counting rows".into())
        })?;
        let n = |i: usize| -> Result<u64, StoreError> {
            let v: i64 = row.try_get(i).map_err(|e| StoreError::Db {
                context: format!("counting rows in {}", self.db),
                reason: describe(&e),
            })?;
            Ok(u64::try_from(v).unwrap_or(0))
        };
        Ok(StoreCounts {
            documents: n(0)?,
            event_reports: n(1)?,
            agreement_reports: n(2)?,
            events: n(3)?,
            agreements: n(4)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_shown_without_password_or_parameters() {
        assert_eq!(
            redact("postgres://me:s3cret@db.example:5433/news?sslmode=disable&password=x"),
            "postgres://me@db.example:5433/news"
        );
        assert_eq!(
            redact("postgresql://localhost/news"),
            "postgresql://localhost/news"
        );
        assert_eq!(redact("postgres://a@b"), "postgres://a@b");
    }

    #[test]
    fn nul_characters_become_replacement_characters_one_for_one() {
        let mut ex = Extraction::default();
        ex.document.id = "d".into();
        ex.document.text = "a\0b".into();
        assert!(matches!(without_nul(&ex), Ok(Cow::Owned(_))));
        let clean = without_nul(&ex).map(Cow::into_owned).unwrap_or_default();
        assert_eq!(clean.document.text, "a\u{FFFD}b");
        assert_eq!(clean.document.text.chars().count(), 3);
        ex.document.text = "ab".into();
        assert!(matches!(without_nul(&ex), Ok(Cow::Borrowed(_))));
    }

    #[test]
    fn backoff_is_bounded() {
        for t in 0..20 {
            assert!(backoff(t) <= Duration::from_millis(4001), "{t}");
        }
        assert!(backoff(0) >= Duration::from_millis(25));
    }

    #[test]
    fn inside_a_runtime_the_store_refuses_instead_of_panicking() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        let err = rt.block_on(async { PgStore::open("postgres://127.0.0.1:1/x") });
        let msg = err.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(msg.contains("inside an async runtime"), "{msg}");
    }

    #[test]
    fn from_spawn_blocking_the_store_runs() {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("runtime");
        let msg = rt
            .block_on(async {
                tokio::task::spawn_blocking(|| PgStore::open("postgres://127.0.0.1:1/x")).await
            })
            .expect("join")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(msg.contains("cannot connect"), "{msg}");
    }
}
