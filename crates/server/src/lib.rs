//! `entente serve`: a read-only HTTP server over a store — a JSON API
//! (described by a hand-written OpenAPI document) and a web page showing
//! the alliance network, timelines and the evidence behind each fact.
//!
//! It never writes to the store and never parses articles; every query
//! runs through the [`entente_store::Store`] trait on a blocking thread.
#![forbid(unsafe_code)]

pub mod api;
pub mod editors;
pub mod lookup;
pub mod network;
pub mod params;
pub mod places;
mod pool;
mod refusals;
pub mod trends;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse};
use axum::routing::{get, post};
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
const COUNTRIES: &str = include_str!("../assets/countries-110m.geojson");

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
    ("/api/trends", api::TRENDS_PARAMS),
    ("/api/places", api::PLACES_PARAMS),
    ("/api/search", api::SEARCH_PARAMS),
    ("/api/openapi.json", &[]),
];

/// The endpoints that write (POST), accepted only from an analyst's token
/// on a server started with `--editors FILE`; described in the OpenAPI
/// document beside [`ENDPOINTS`].
pub const WRITE_ENDPOINTS: &[&str] = &["/api/corrections"];

/// How long one request may take before it is answered 503.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);
/// How long a client may take to send a request's line and headers before
/// its connection is closed (a slow-header client otherwise holds a socket
/// for as long as it likes).
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// The longest request target (path and query) accepted: 414 beyond.
pub const MAX_URI_BYTES: usize = 8 * 1024;
/// The most headers, and header bytes, a request may have: 431 beyond.
pub const MAX_HEADERS: usize = 64;
pub const MAX_HEADER_BYTES: usize = 16 * 1024;
/// What the HTTP parser buffers: beyond it a request is refused before it
/// reaches the limits above (431 or 414 from the parser, given its JSON
/// body on the way out by [`refusals`]).
const PARSER_BUFFER_BYTES: usize = 64 * 1024;
/// The largest request body accepted by the reading endpoints (GETs).
pub const MAX_BODY_BYTES: usize = 1024;
/// The largest body `POST /api/corrections` accepts: room for an edit of
/// every field and a long comment, 413 beyond.
pub const MAX_CORRECTION_BYTES: usize = 16 * 1024;
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
    #[error("loading the knowledge base: {0}")]
    Kb(#[from] entente_kb::KbError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("the server failed: {0}")]
    Io(#[from] std::io::Error),
    #[error("--editors {0}")]
    Editors(String),
}

/// What a server that accepts corrections needs: the database to write and
/// who may write. Writes run one at a time.
pub(crate) struct Writer {
    pub(crate) db: String,
    pub(crate) editors: editors::Editors,
    pub(crate) one_at_a_time: tokio::sync::Mutex<()>,
}

/// What every handler shares: the pool of open stores, and the knowledge
/// base that resolves actors named in a query (`actor=Giappone`).
#[derive(Clone)]
pub struct App {
    pool: Arc<StorePool>,
    kb: Arc<entente_kb::Kb>,
    /// Set only with `--editors`: the server then accepts corrections.
    writer: Option<Arc<Writer>>,
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
            kb: Arc::new(entente_kb::Kb::embedded()?),
            writer: None,
        })
    }

    /// Accept corrections (`POST /api/corrections`) from these analysts,
    /// written to `db`. Without this the server is read-only.
    pub fn with_editors(mut self, db: &str, editors: editors::Editors) -> App {
        self.writer = Some(Arc::new(Writer {
            db: db.to_string(),
            editors,
            one_at_a_time: tokio::sync::Mutex::new(()),
        }));
        self
    }
}

/// The routes of the API and the page, with limits and headers.
pub fn router(app: App) -> Router {
    // the one writing endpoint takes a larger body than the GETs
    let writes = Router::new()
        .route("/api/corrections", post(api::correct))
        .layer(DefaultBodyLimit::max(MAX_CORRECTION_BYTES))
        .layer(RequestBodyLimitLayer::new(MAX_CORRECTION_BYTES))
        .layer(axum::middleware::map_response(
            |r: axum::response::Response| too_large_as_json(r, MAX_CORRECTION_BYTES),
        ));
    let reads = Router::new()
        .route("/", get(index))
        .route("/app.js", get(app_js))
        .route("/app.css", get(app_css))
        .route("/countries.geojson", get(countries))
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
        .route("/api/trends", get(api::trends))
        .route("/api/places", get(api::places))
        .route("/api/search", get(api::search))
        .route("/api/openapi.json", get(api::openapi))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(axum::middleware::map_response(
            |r: axum::response::Response| too_large_as_json(r, MAX_BODY_BYTES),
        ));
    reads
        .merge(writes)
        .layer(axum::middleware::from_fn(request_size))
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
        .layer(axum::middleware::map_response(json_errors))
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

/// The country outlines the map view draws (Natural Earth, public domain).
async fn countries() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "application/geo+json"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        COUNTRIES,
    )
}

async fn not_found(uri: axum::http::Uri) -> ApiError {
    let path: String = uri.path().chars().take(100).collect();
    ApiError::not_found(format!(
        "no such endpoint: {path}; see /api/openapi.json for the API"
    ))
}

/// Refuse a request whose target or headers are beyond the limits, with
/// the JSON error every other refusal has.
async fn request_size(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let target = request
        .uri()
        .path_and_query()
        .map_or(0, |pq| pq.as_str().len());
    if target > MAX_URI_BYTES {
        return ApiError {
            status: StatusCode::URI_TOO_LONG,
            message: format!(
                "the request target is {target} bytes; at most {MAX_URI_BYTES} are accepted"
            ),
        }
        .into_response();
    }
    let headers = request.headers();
    let bytes: usize = headers
        .iter()
        .map(|(k, v)| k.as_str().len() + v.len() + 4)
        .sum();
    if headers.len() > MAX_HEADERS || bytes > MAX_HEADER_BYTES {
        return ApiError {
            status: StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            message: format!(
                "{} headers of {bytes} bytes; at most {MAX_HEADERS} headers and {MAX_HEADER_BYTES} bytes are accepted",
                headers.len()
            ),
        }
        .into_response();
    }
    next.run(request).await
}

/// A 413 that is not JSON yet (from a body limit) as the JSON error that
/// says how much the endpoint accepts.
async fn too_large_as_json(
    response: axum::response::Response,
    limit: usize,
) -> axum::response::Response {
    if response.status() != StatusCode::PAYLOAD_TOO_LARGE
        || response
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"application/json"))
    {
        return response;
    }
    ApiError {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        message: format!(
            "the request body is too large; this endpoint accepts at most {limit} bytes"
        ),
    }
    .into_response()
}

/// Give an error response that is not JSON yet (from the body limit, the
/// timeout) the JSON body `{"error": …}` of every other error.
async fn json_errors(response: axum::response::Response) -> axum::response::Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let message = match status {
        StatusCode::PAYLOAD_TOO_LARGE => {
            format!("the request body is too large; at most {MAX_BODY_BYTES} bytes are accepted")
        }
        StatusCode::SERVICE_UNAVAILABLE => format!(
            "the request took longer than {} s and was given up; narrow the query",
            REQUEST_TIMEOUT.as_secs()
        ),
        other => other
            .canonical_reason()
            .unwrap_or("the request failed")
            .to_string(),
    };
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    let body = ApiError { status, message }.into_response();
    let (fresh, body) = body.into_parts();
    parts.headers.insert(
        header::CONTENT_TYPE,
        fresh
            .headers
            .get(header::CONTENT_TYPE)
            .cloned()
            .unwrap_or(HeaderValue::from_static("application/json")),
    );
    axum::response::Response::from_parts(parts, body)
}

async fn method_not_allowed() -> ApiError {
    ApiError {
        status: StatusCode::METHOD_NOT_ALLOWED,
        message: "this server is read-only: use GET".into(),
    }
}

/// Serve `app` on `listener` until `shutdown` completes, then wait for
/// the requests under way. Each connection is HTTP/1.1 with a
/// [`HEADER_READ_TIMEOUT`] for its request line and headers.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: App,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let service = hyper_util::service::TowerToHyperService::new(router(app));
    let (closing, closed) = tokio::sync::watch::channel(false);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors, a connection reset before it was
                // accepted: wait a moment and go on serving.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = service.clone();
        let mut closed = closed.clone();
        tokio::spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT)
                .max_buf_size(PARSER_BUFFER_BYTES)
                .max_headers(4 * MAX_HEADERS);
            let io = hyper_util::rt::TokioIo::new(refusals::JsonRefusals::new(stream));
            let mut connection = std::pin::pin!(builder.serve_connection(io, service));
            tokio::select! {
                _ = connection.as_mut() => {}
                _ = closed.changed() => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
        });
    }
    drop(closed);
    let _ = closing.send(true);
    closing.closed().await;
    Ok(())
}

/// `entente serve`: open `db`, listen on `addr`, serve until Ctrl-C.
pub fn run(db: &str, addr: &str) -> Result<(), ServeError> {
    run_with_editors(db, addr, None)
}

/// `entente serve --editors FILE`: as [`run`], accepting corrections from
/// the analysts the file names (read-only without it).
pub fn run_with_editors(
    db: &str,
    addr: &str,
    editors: Option<&std::path::Path>,
) -> Result<(), ServeError> {
    let socket: SocketAddr = addr.trim().parse().map_err(|_| ServeError::Addr {
        addr: addr.to_string(),
    })?;
    let mut app = App::open(db)?;
    if let Some(path) = editors {
        app = app.with_editors(
            db,
            editors::Editors::load(path).map_err(ServeError::Editors)?,
        );
    }
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
                "entente: warning: listening on {bound}, reachable from other machines; reading the API needs no authentication{}",
                if editors.is_some() {
                    ", and editor tokens travel unencrypted (HTTP): put a TLS proxy in front"
                } else {
                    ""
                }
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
