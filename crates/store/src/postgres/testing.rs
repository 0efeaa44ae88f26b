//! Throwaway PostgreSQL databases for tests: each test gets a database of
//! its own on the server a test URL names, dropped when the test ends, so
//! tests running in parallel never see each other's rows.
//!
//! Not part of entente's API; public only so that the store's and the
//! command line's tests can share it.

use super::{describe, redact};
use crate::StoreError;
use std::sync::atomic::{AtomicU32, Ordering};
use tokio_postgres::NoTls;

static NEXT: AtomicU32 = AtomicU32::new(0);

/// A database created for one test and dropped (with its connections) when
/// this value is dropped.
#[derive(Debug)]
pub struct TempDatabase {
    server_url: String,
    name: String,
    url: String,
}

impl TempDatabase {
    /// Create `entente_t_<pid>_<n>_<nanos>` on the server `server_url`
    /// names, connecting to that URL's own database to do so.
    pub fn create(server_url: &str) -> Result<TempDatabase, StoreError> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!(
            "entente_t_{}_{}_{nanos}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let url = with_database(server_url, &name).ok_or_else(|| StoreError::Open {
            db: redact(server_url),
            reason: "not a postgres:// URL naming a database".into(),
        })?;
        // The name is ours (letters, digits, underscores), never input; a
        // database name cannot be a bound parameter.
        execute(server_url, &format!("CREATE DATABASE {name}"))?;
        Ok(TempDatabase {
            server_url: server_url.to_string(),
            name,
            url,
        })
    }

    /// The URL of the new database.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Run SQL statements in the new database (test set-up only).
    pub fn execute(&self, sql: &str) -> Result<(), StoreError> {
        execute(&self.url, sql)
    }
}

impl Drop for TempDatabase {
    fn drop(&mut self) {
        let _ = execute(
            &self.server_url,
            &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
        );
    }
}

/// `url` with its database replaced by `name`.
pub fn with_database(url: &str, name: &str) -> Option<String> {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let (scheme, rest) = base.split_once("://")?;
    let authority = rest.split('/').next().unwrap_or(rest);
    let mut out = format!("{scheme}://{authority}/{name}");
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    Some(out)
}

/// Connect to `url` and run `sql` as one batch.
fn execute(url: &str, sql: &str) -> Result<(), StoreError> {
    let err = |reason: String| StoreError::Open {
        db: redact(url),
        reason,
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| err(e.to_string()))?;
    rt.block_on(async {
        let (client, connection) = tokio_postgres::connect(url, NoTls).await?;
        tokio::spawn(async move {
            let _ = connection.await;
        });
        client.batch_execute(sql).await
    })
    .map_err(|e| err(describe(&e)))
}

/// The PostgreSQL server tests may use: `ENTENTE_TEST_PG`, e.g.
/// `postgres://postgres@127.0.0.1:55432/entente_test`. When it is unset the
/// `suite`'s PostgreSQL tests pass without running, after a loud notice on
/// stderr (written past the test harness's capture, once per test binary).
pub fn server_from_env(suite: &str) -> Option<String> {
    match std::env::var("ENTENTE_TEST_PG") {
        Ok(url) if !url.trim().is_empty() => Some(url.trim().to_string()),
        _ => {
            use std::io::Write;
            static NOTICE: std::sync::Once = std::sync::Once::new();
            NOTICE.call_once(|| {
                let _ = writeln!(
                    std::io::stderr(),
                    "\n*** SKIPPED: {suite}, ENTENTE_TEST_PG is not set \
                     (e.g. postgres://postgres@127.0.0.1:55432/entente_test; .ci/run starts one) ***\n"
                );
            });
            None
        }
    }
}

/// A database of its own on the test server (dropped with the value), or
/// `None` (skipped) when no server is configured; a configured but
/// unreachable server fails the test.
pub fn database_from_env(suite: &str) -> Option<TempDatabase> {
    let server = server_from_env(suite)?;
    Some(TempDatabase::create(&server).unwrap_or_else(|e| {
        panic!("ENTENTE_TEST_PG is set but no test database could be created: {e}")
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_of_a_url_is_replaced() {
        assert_eq!(
            with_database("postgres://u@h:5/a?x=1", "b").as_deref(),
            Some("postgres://u@h:5/b?x=1")
        );
        assert_eq!(
            with_database("postgres://u@h", "b").as_deref(),
            Some("postgres://u@h/b")
        );
        assert_eq!(with_database("nonsense", "b"), None);
    }
}
