//! A small pool of open stores, used from blocking threads so that the
//! synchronous [`Store`] never blocks the async runtime.
//!
//! At most `size` queries run at once, counted until each has really ended
//! (not only until its request was answered); an idle store is reused, and
//! a new one is opened only when every open one is busy. Every query runs
//! on a [`Budget`]: it is stopped when [`QUERY_BUDGET`] is spent or when
//! its request is given up (the request timed out, the client went away).

use crate::params::ApiError;
use entente_store::{Budget, Store, StoreError};
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::Semaphore;

/// Open stores of one database, shared by every request.
pub struct StorePool {
    db: String,
    idle: Mutex<Vec<Box<dyn Store>>>,
    permits: Arc<Semaphore>,
}

/// How long one query may run: a little less than the request timeout, so
/// that a query stops by itself before its request is answered 503.
pub const QUERY_BUDGET: std::time::Duration = std::time::Duration::from_secs(18);

/// Cancels a query's budget when the request waiting for it is dropped.
struct CancelOnDrop(Arc<Budget>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

impl StorePool {
    /// Open the database once (so a bad `--db` fails at start, not at the
    /// first request) and allow `size` concurrent queries.
    pub fn open(db: &str, size: usize) -> Result<StorePool, StoreError> {
        let first = entente_store::open_read_only(db)?;
        Ok(StorePool {
            db: db.to_string(),
            idle: Mutex::new(vec![first]),
            permits: Arc::new(Semaphore::new(size.max(1))),
        })
    }

    /// Run `query` on a store on a blocking thread and return its answer.
    pub async fn run<T, F>(self: &Arc<Self>, query: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn Store) -> Result<T, ApiError> + Send + 'static,
    {
        let permit = Arc::clone(&self.permits)
            .acquire_owned()
            .await
            .map_err(|_| ApiError::unavailable("the server is shutting down"))?;
        let budget = Budget::new(QUERY_BUDGET);
        // Dropped with this future: on the request's timeout or when the
        // client goes away, the query is stopped instead of running on.
        let _cancel = CancelOnDrop(Arc::clone(&budget));
        let pool = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            // Held until the query has ended, however its request ended.
            let _permit = permit;
            let store = pool.take()?;
            let answer = store
                .set_budget(Some(budget))
                .map_err(ApiError::from)
                .and_then(|()| query(store.as_ref()));
            // A store whose budget cannot be lifted is not reused.
            if store.set_budget(None).is_ok() {
                pool.give_back(store);
            }
            answer
        })
        .await
        .map_err(|_| ApiError::internal("the query stopped unexpectedly"))?
    }

    fn take(&self) -> Result<Box<dyn Store>, ApiError> {
        let idle = self
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        match idle {
            Some(store) => Ok(store),
            None => entente_store::open_read_only(&self.db)
                .map_err(|e| ApiError::unavailable(e.to_string())),
        }
    }

    fn give_back(&self, store: Box<dyn Store>) {
        self.idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(store);
    }
}
