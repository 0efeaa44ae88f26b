//! `entente serve`: a read-only HTTP server over a store — a JSON API
//! (described by a hand-written OpenAPI document) and a web page showing
//! the alliance network, timelines and the evidence behind each fact.
//!
//! It never writes to the store and never parses articles; every query
//! runs through the [`entente_store::Store`] trait on a blocking thread.
#![forbid(unsafe_code)]

pub mod api;
pub mod network;
pub mod params;
mod pool;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use params::ApiError;
use pool::StorePool;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

/// The OpenAPI 3 description served at `/api/openapi.json`.
pub const OPENAPI: &str = include_str!("../assets/openapi.json");
const INDEX_HTML: &str = include_str!("../assets/index.html");
const APP_JS: &str = include_str!("../assets/app.js");
const APP_CSS: &str = include_str!("../assets/app.css");

/// Every API path and the parameters it takes.
pub const ENDPOINTS: &[(&str, &[&str])] = &[
    ("/healthz", &[]),
    ("/api/documents", api::DOCUMENTS_PARAMS),
    ("/api/documents/{id}", &[]),
    ("/api/actors", api::ACTORS_PARAMS),
    ("/api/events", api::EVENTS_PARAMS),
    ("/api/events/{id}", &[]),
    ("/api/agreements", api::AGREEMENTS_PARAMS),
    ("/api/agreements/{id}", &[]),
    ("/api/network", api::NETWORK_PARAMS),
    ("/api/timeline", api::TIMELINE_PARAMS),
    ("/api/search", api::SEARCH_PARAMS),
    ("/api/openapi.json", &[]),
];

/// How long one request may take before it is answered 503.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);
/// The largest request body accepted (every endpoint is a GET).
pub const MAX_BODY_BYTES: usize = 1024;
/// Queries running at once; more wait their turn.
const POOL_SIZE: usize = 4;

const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data:; \
     style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("--addr {addr:?} is not an address; write IP:PORT, e.g. 127.0.0.1:8080")]
    Addr { addr: String },
    #[error(
        "no database at {0}; create it first with `entente ingest --db {0} PATH…` or give another --db"
    )]
    NoDatabase(String),
    #[error(transparent)]
    Store(#[from] entente_store::StoreError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("the server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// What every handler shares: the pool of open stores.
#[derive(Clone)]
pub struct App {
    pool: Arc<StorePool>,
}

impl App {
    /// Open the database a `--db` value names. A file path must exist: a
    /// read-only server does not create an empty database.
    pub fn open(db: &str) -> Result<App, ServeError> {
        let lower = db.trim().to_ascii_lowercase();
        let is_url = lower.starts_with("postgres://") || lower.starts_with("postgresql://");
        if !is_url && !std::path::Path::new(db).exists() {
            return Err(ServeError::NoDatabase(db.to_string()));
        }
        Ok(App {
            pool: Arc::new(StorePool::open(db, POOL_SIZE)?),
        })
    }
}

/// The routes of the API and the page, with limits and headers.
pub fn router(app: App) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/app.js", get(app_js))
        .route("/app.css", get(app_css))
        .route("/healthz", get(api::healthz))
        .route("/api/documents", get(api::documents))
        .route("/api/documents/{id}", get(api::document))
        .route("/api/actors", get(api::actors))
        .route("/api/events", get(api::events))
        .route("/api/events/{id}", get(api::event))
        .route("/api/agreements", get(api::agreements))
        .route("/api/agreements/{id}", get(api::agreement))
        .route("/api/network", get(api::network))
        .route("/api/timeline", get(api::timeline))
        .route("/api/search", get(api::search))
        .route("/api/openapi.json", get(api::openapi))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .with_state(app)
}

async fn index() -> Html<&'static str> {
    Html(INDEX_HTML)
}

async fn app_js() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        APP_JS,
    )
}

async fn app_css() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], APP_CSS)
}

async fn not_found(uri: axum::http::Uri) -> ApiError {
    let path: String = uri.path().chars().take(100).collect();
    ApiError::not_found(format!(
        "no such endpoint: {path}; see /api/openapi.json for the API"
    ))
}

async fn method_not_allowed() -> ApiError {
    ApiError {
        status: StatusCode::METHOD_NOT_ALLOWED,
        message: "this server is read-only: use GET".into(),
    }
}

/// Serve `app` on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: App,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(app))
        .with_graceful_shutdown(shutdown)
        .await
}

/// `entente serve`: open `db`, listen on `addr`, serve until Ctrl-C.
pub fn run(db: &str, addr: &str) -> Result<(), ServeError> {
    let socket: SocketAddr = addr.trim().parse().map_err(|_| ServeError::Addr {
        addr: addr.to_string(),
    })?;
    let app = App::open(db)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(socket)
            .await
            .map_err(|source| ServeError::Bind {
                addr: socket,
                source,
            })?;
        let bound = listener.local_addr()?;
        if !bound.ip().is_loopback() {
            eprintln!(
                "entente: warning: listening on {bound}, reachable from other machines; the API has no authentication"
            );
        }
        eprintln!("entente: serving {db} on http://{bound}/ (Ctrl-C stops)");
        serve(listener, app, async {
            // If the signal cannot be installed, serve until killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
        .await?;
        Ok(())
    })
}
