//! A small pool of open stores, used from blocking threads so that the
//! synchronous [`Store`] never blocks the async runtime.
//!
//! At most `size` queries run at once; an idle store is reused, and a new
//! one is opened only when every open one is busy.

use crate::params::ApiError;
use entente_store::{Store, StoreError};
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::Semaphore;

/// Open stores of one database, shared by every request.
pub struct StorePool {
    db: String,
    idle: Mutex<Vec<Box<dyn Store>>>,
    permits: Semaphore,
}

impl StorePool {
    /// Open the database once (so a bad `--db` fails at start, not at the
    /// first request) and allow `size` concurrent queries.
    pub fn open(db: &str, size: usize) -> Result<StorePool, StoreError> {
        let first = entente_store::open_read_only(db)?;
        Ok(StorePool {
            db: db.to_string(),
            idle: Mutex::new(vec![first]),
            permits: Semaphore::new(size.max(1)),
        })
    }

    /// Run `query` on a store on a blocking thread and return its answer.
    pub async fn run<T, F>(self: &Arc<Self>, query: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn Store) -> Result<T, ApiError> + Send + 'static,
    {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| ApiError::unavailable("the server is shutting down"))?;
        let pool = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let store = pool.take()?;
            let answer = query(store.as_ref());
            pool.give_back(store);
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
