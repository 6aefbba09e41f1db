//! The HTTP server: configuration, shared state (a small pool of read-only stores, the search
//! index, imported knowledge), the router with its JSON API and HTML pages, and the limits every
//! request runs under.

use crate::error::{ApiError, PageError, WebError};
use crate::load::{EntityInfo, SEARCH_DIR, load_article, load_entity, load_story_with};
use crate::pages::{self, HitView, SearchView};
use crate::params::{Params, story_id};
use axum::Json;
use axum::Router;
use axum::body::Body;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{MethodRouter, get};
use parallax_search::{SearchIndex, SearchQuery};
use parallax_store::{Stats, Store, StoryFilter, StorySummary};
use parallax_story::{AssembleOptions, Knowledge, StoryPage};
use serde::Serialize;
use std::future::Future;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tower::ServiceExt;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

/// The longest a request may take before it is answered with 503.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// The largest request body accepted (the API takes no bodies; this bounds what a client can
/// make the server read).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Requests handled at once; more wait.
const MAX_CONCURRENT_REQUESTS: usize = 64;

/// Connections open at once; more wait to be accepted.
const MAX_CONNECTIONS: usize = 256;

/// The longest a client may take to send the headers of a request.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// How long open requests may run on after shutdown.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Blocking worker threads (and so at most this many open stores).
const BLOCKING_THREADS: usize = 8;

/// Story pages kept assembled.
const STORY_CACHE_SIZE: usize = 64;

/// The longest an assembled story page is kept.
const STORY_CACHE_TTL: Duration = Duration::from_secs(60);

/// Default page size of lists.
const DEFAULT_LIMIT: usize = 50;

/// Largest page size of lists.
const MAX_LIMIT: usize = 200;

/// Deepest offset of lists.
const MAX_OFFSET: u64 = 100_000;

/// Longest entity name or article key accepted in a path.
const MAX_NAME_CHARS: usize = 300;

/// How often a missing search index is looked for again, and how often an open one is reloaded.
const INDEX_RECHECK: Duration = Duration::from_secs(5);
const INDEX_RELOAD: Duration = Duration::from_secs(2);

/// The OpenAPI description of the API, served at `/api/openapi.yaml`.
pub(crate) const OPENAPI: &str = include_str!("../openapi.yaml");

/// The security headers of every response: no external resources, no framing, no sniffing.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; \
                   connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; \
                   frame-ancestors 'none'";

/// How `parallax serve` runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeConfig {
    /// The data directory (holding `parallax.db` and the `search` index directory).
    pub data_dir: PathBuf,
    /// The address to listen on; [`ServeConfig::DEFAULT_ADDR`] by default (this machine only).
    pub addr: SocketAddr,
    /// A knowledge file (JSONL) with background for entities, if any.
    pub knowledge: Option<PathBuf>,
}

impl ServeConfig {
    /// `127.0.0.1:8080`: reachable from this machine only.
    pub const DEFAULT_ADDR: SocketAddr =
        SocketAddr::new(std::net::IpAddr::V4(Ipv4Addr::new(127, 0, 0, 1)), 8080);

    /// A configuration serving `data_dir` on [`ServeConfig::DEFAULT_ADDR`] without knowledge.
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        ServeConfig {
            data_dir: data_dir.into(),
            addr: Self::DEFAULT_ADDR,
            knowledge: None,
        }
    }
}

/// The search index as the server holds it: opened lazily (an ingest may create it after the
/// server starts) and reloaded now and then to see new commits.
struct IndexSlot {
    index: Option<Arc<SearchIndex>>,
    checked: Option<Instant>,
}

/// An assembled story page, kept while its story is unchanged in the store.
struct CachedStory {
    /// The story's `updated_at` when the page was assembled.
    updated_at: String,
    /// When the page was assembled (related stories change with other stories, so a page is
    /// also dropped after [`STORY_CACHE_TTL`]).
    at: Instant,
    page: Arc<StoryPage>,
}

/// Story pages kept: story id and reader language → page.
type StoryCache = std::collections::HashMap<(u64, Option<String>), CachedStory>;

/// What every request handler shares.
pub(crate) struct AppState {
    data_dir: PathBuf,
    pool: Mutex<Vec<Store>>,
    index: Mutex<IndexSlot>,
    knowledge: Option<Knowledge>,
    stories: Mutex<StoryCache>,
}

impl AppState {
    /// State for `data_dir`; fails when the store cannot be opened.
    pub(crate) fn new(data_dir: PathBuf, knowledge: Option<Knowledge>) -> Result<Self, WebError> {
        let first = Store::open_read_only(&data_dir)?;
        Ok(AppState {
            data_dir,
            pool: Mutex::new(vec![first]),
            index: Mutex::new(IndexSlot {
                index: None,
                checked: None,
            }),
            knowledge,
            stories: Mutex::new(StoryCache::new()),
        })
    }

    /// The page of story `id` in reader language `lang`, from the cache when the story has not
    /// changed since it was assembled; `None` for an unknown id. Blocking.
    fn story_page(
        &self,
        store: &Store,
        id: u64,
        lang: Option<String>,
    ) -> Result<Option<Arc<StoryPage>>, ApiError> {
        let Some(summary) = store.story(id)? else {
            return Ok(None);
        };
        let key = (summary.id, lang);
        if let Some(c) = lock(&self.stories).get(&key)
            && c.updated_at == summary.updated_at
            && c.at.elapsed() < STORY_CACHE_TTL
        {
            return Ok(Some(Arc::clone(&c.page)));
        }
        let index = self.index();
        let opts = AssembleOptions {
            language: key.1.as_deref(),
            knowledge: self.knowledge.as_ref(),
            ..AssembleOptions::default()
        };
        let Some(page) = load_story_with(store, index.as_deref(), summary.id, &opts)? else {
            return Ok(None);
        };
        let page = Arc::new(page);
        let mut cache = lock(&self.stories);
        if cache.len() >= STORY_CACHE_SIZE {
            let oldest = cache
                .iter()
                .min_by_key(|(_, c)| c.at)
                .map(|(k, _)| k.clone());
            if let Some(k) = oldest {
                cache.remove(&k);
            }
        }
        cache.insert(
            key,
            CachedStory {
                updated_at: summary.updated_at,
                at: Instant::now(),
                page: Arc::clone(&page),
            },
        );
        Ok(Some(page))
    }

    /// The search index, when there is one (blocking: may open or reload it).
    fn index(&self) -> Option<Arc<SearchIndex>> {
        let mut slot = lock(&self.index);
        let now = Instant::now();
        let due = |every: Duration| slot.checked.is_none_or(|t| now.duration_since(t) >= every);
        match slot.index.clone() {
            Some(ix) => {
                if due(INDEX_RELOAD) {
                    slot.checked = Some(now);
                    // A failed reload keeps serving the last good view.
                    let _ = ix.reload();
                }
                Some(ix)
            }
            None => {
                if due(INDEX_RECHECK) {
                    slot.checked = Some(now);
                    slot.index = SearchIndex::open_read_only(&self.data_dir.join(SEARCH_DIR))
                        .ok()
                        .map(Arc::new);
                }
                slot.index.clone()
            }
        }
    }

    /// Runs `f` with a read-only store on a blocking worker thread.
    async fn with_store<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store, &AppState) -> Result<T, ApiError> + Send + 'static,
    {
        let st = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let taken = lock(&st.pool).pop();
            let store = match taken {
                Some(s) => s,
                None => Store::open_read_only(&st.data_dir)?,
            };
            let out = f(&store, &st);
            let mut pool = lock(&st.pool);
            if pool.len() < BLOCKING_THREADS {
                pool.push(store);
            }
            out
        })
        .await
        .map_err(|e| ApiError::internal(format!("a worker thread failed: {e}")))?
    }
}

/// Locks `m`, also after a thread panicked while holding it (the data stays usable: every
/// critical section leaves it consistent).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    match m.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    }
}

/// Serves the JSON API and the web UI for the data directory of `cfg` until `shutdown`
/// completes. Builds its own tokio runtime; prints the URL it listens on to stderr.
///
/// Fails when the store cannot be opened (nothing ingested yet), the knowledge file cannot be
/// read, or the address cannot be bound.
pub fn serve(
    cfg: ServeConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), WebError> {
    let knowledge = match &cfg.knowledge {
        Some(path) => Some(read_knowledge(path)?),
        None => None,
    };
    let state = Arc::new(AppState::new(cfg.data_dir.clone(), knowledge)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(BLOCKING_THREADS)
        .thread_name("parallax-web")
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(cfg.addr)
            .await
            .map_err(|source| WebError::Bind {
                addr: cfg.addr,
                source,
            })?;
        let local = listener.local_addr()?;
        eprintln!(
            "parallax: serving {} at http://{local}/ (Ctrl-C stops)",
            cfg.data_dir.display()
        );
        accept_loop(listener, router(state), shutdown).await;
        Ok(())
    })
}

/// Serves connections from `listener` until `shutdown` completes, then lets open requests
/// finish (for at most [`SHUTDOWN_GRACE`]).
///
/// Each connection speaks HTTP/1.1 with a limit on how long a client may take to send request
/// headers ([`HEADER_READ_TIMEOUT`], so slow clients cannot hold connections forever), and at
/// most [`MAX_CONNECTIONS`] connections are open at once (more wait to be accepted).
async fn accept_loop(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            p = Arc::clone(&slots).acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (socket, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                // Out of file descriptors and the like: wait a moment rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = hyper_util::service::TowerToHyperService::new(
            app.clone()
                .map_request(|req: axum::http::Request<hyper::body::Incoming>| req.map(Body::new)),
        );
        let conn = hyper::server::conn::http1::Builder::new()
            .timer(hyper_util::rt::TokioTimer::new())
            .header_read_timeout(HEADER_READ_TIMEOUT)
            .serve_connection(hyper_util::rt::TokioIo::new(socket), service);
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            // A connection error (a client hanging up) concerns that connection only.
            let _ = conn.await;
            drop(permit);
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown()).await;
}

/// A shutdown future for [`serve`] that completes on Ctrl-C (SIGINT). When the signal cannot be
/// listened for, it never completes (and Ctrl-C ends the process as usual).
pub async fn ctrl_c() {
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
}

/// Reads a knowledge file.
fn read_knowledge(path: &std::path::Path) -> Result<Knowledge, WebError> {
    let fail = |detail: String| WebError::Knowledge {
        path: path.to_path_buf(),
        detail,
    };
    let file = std::fs::File::open(path).map_err(|e| fail(e.to_string()))?;
    Knowledge::from_reader(std::io::BufReader::new(file)).map_err(|e| fail(e.to_string()))
}

type Shared = Arc<AppState>;

/// Every route of the API: path and handler. The OpenAPI test reads this list.
pub(crate) fn api_routes() -> Vec<(&'static str, MethodRouter<Shared>)> {
    vec![
        ("/api/health", get(api_health)),
        ("/api/stats", get(api_stats)),
        ("/api/stories", get(api_stories)),
        ("/api/stories/{id}", get(api_story)),
        ("/api/articles/{key}", get(api_article)),
        ("/api/entities/{name}", get(api_entity)),
        ("/api/search", get(api_search)),
        ("/api/openapi.yaml", get(api_openapi)),
    ]
}

/// Every route of the web UI.
pub(crate) fn ui_routes() -> Vec<(&'static str, MethodRouter<Shared>)> {
    vec![
        ("/", get(page_stories)),
        ("/stories/{id}", get(page_story)),
        ("/articles/{key}", get(page_article)),
        ("/entities/{name}", get(page_entity)),
        ("/search", get(page_search)),
        (pages::LIVE_JS_PATH, get(live_js)),
    ]
}

/// The whole application: routes, fallback, error bodies and the limits.
pub(crate) fn router(state: Shared) -> Router {
    let mut app = Router::new();
    for (path, route) in api_routes().into_iter().chain(ui_routes()) {
        app = app.route(path, route);
    }
    let header = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    // Layers wrap from the inside out: the last one added sees the request first.
    app.fallback(fallback)
        .with_state(state)
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(middleware::from_fn(json_errors))
        .layer(header(header::CONTENT_SECURITY_POLICY, CSP))
        .layer(header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header(header::REFERRER_POLICY, "no-referrer"))
        .layer(header(header::X_FRAME_OPTIONS, "DENY"))
        .layer(tower::limit::GlobalConcurrencyLimitLayer::new(
            MAX_CONCURRENT_REQUESTS,
        ))
}

/// Makes every error answer under `/api` a JSON error body, including those axum or the limit
/// layers produce (405, 413, 503).
async fn json_errors(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/") || req.uri().path() == "/api";
    let res = next.run(req).await;
    let status = res.status();
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if api && (status.is_client_error() || status.is_server_error()) && !is_json {
        let message = match status {
            StatusCode::METHOD_NOT_ALLOWED => "this address only answers GET requests".to_string(),
            StatusCode::PAYLOAD_TOO_LARGE => {
                format!("the request body is larger than {MAX_BODY_BYTES} bytes")
            }
            StatusCode::SERVICE_UNAVAILABLE => format!(
                "the request took longer than {} seconds; narrow it down (a smaller limit, more filters)",
                REQUEST_TIMEOUT.as_secs()
            ),
            s => s
                .canonical_reason()
                .unwrap_or("the request failed")
                .to_string(),
        };
        return ApiError { status, message }.into_response();
    }
    res
}

/// Unknown addresses: JSON 404 under `/api`, an HTML page elsewhere.
async fn fallback(req: Request) -> Response {
    let path = req.uri().path();
    if path.starts_with("/api/") || path == "/api" {
        ApiError::not_found(format!(
            "no API address {path}: the API is described at /api/openapi.yaml"
        ))
        .into_response()
    } else {
        PageError(ApiError::not_found(format!("There is no page at {path}."))).into_response()
    }
}

// ---- shared loading ----

/// A page of stories and whether there are more.
#[derive(Debug, Serialize)]
struct StoriesView {
    stories: Vec<StorySummary>,
    offset: usize,
    limit: usize,
    more: bool,
}

const STORY_LIST_PARAMS: &[&str] = &["lang", "since", "until", "min_sources", "limit", "offset"];

async fn stories_data(st: &Shared, p: &Params) -> Result<StoriesView, ApiError> {
    let limit = p.limit(DEFAULT_LIMIT, MAX_LIMIT)?;
    let offset = p.number("offset", 0, MAX_OFFSET)? as usize;
    let filter = StoryFilter {
        language: p.lang("lang")?,
        since: p.date("since")?,
        until: p.date("until")?,
        min_sources: p.number("min_sources", 0, 1_000_000)?,
        // One more than asked, to tell whether there is a next page.
        limit: limit + 1,
        offset,
    };
    let mut stories = st
        .with_store(move |store, _| Ok(store.stories(&filter)?))
        .await?;
    let more = stories.len() > limit;
    stories.truncate(limit);
    Ok(StoriesView {
        stories,
        offset,
        limit,
        more,
    })
}

async fn story_data(
    st: &Shared,
    raw_id: &str,
    lang: Option<String>,
) -> Result<Arc<StoryPage>, ApiError> {
    let id = story_id(raw_id)?;
    st.with_store(move |store, st| {
        st.story_page(store, id, lang)?.ok_or_else(|| {
            ApiError::not_found(format!(
                "there is no story {id}: list the stories at /api/stories"
            ))
        })
    })
    .await
}

fn check_name(what: &str, name: &str) -> Result<(), ApiError> {
    if name.trim().is_empty() {
        return Err(ApiError::bad_request(format!("the {what} is empty")));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(ApiError::bad_request(format!(
            "the {what} is too long: at most {MAX_NAME_CHARS} characters"
        )));
    }
    Ok(())
}

async fn article_data(st: &Shared, key: String) -> Result<crate::load::ArticleInfo, ApiError> {
    check_name("article key", &key)?;
    st.with_store(move |store, _| {
        load_article(store, &key)?.ok_or_else(|| {
            ApiError::not_found(format!(
                "there is no article with key, id or URL {key:?}: find articles at /api/search"
            ))
        })
    })
    .await
}

async fn entity_data(st: &Shared, name: String) -> Result<EntityInfo, ApiError> {
    check_name("entity name", &name)?;
    let name = name.trim().to_string();
    st.with_store(move |store, st| {
        let index = st.index();
        let info = load_entity(store, index.as_deref(), &name)?;
        if info.articles == 0 {
            return Err(ApiError::not_found(format!(
                "no article names {name:?}{}",
                if info.searched == "search index" {
                    ""
                } else {
                    " among the most recent articles (there is no search index: run parallax reindex)"
                }
            )));
        }
        Ok(info)
    })
    .await
}

const SEARCH_PARAMS: &[&str] = &[
    "q", "lang", "site", "since", "until", "entity", "limit", "offset",
];

async fn search_data(st: &Shared, p: &Params) -> Result<SearchView, ApiError> {
    let limit = p.limit(20, MAX_LIMIT)?;
    let offset = p.number("offset", 0, parallax_search::MAX_OFFSET as u64)? as usize;
    let query = SearchQuery {
        text: p.text("q", 500)?.unwrap_or_default(),
        language: p.lang("lang")?,
        site: p.text("site", 200)?,
        since: p.date("since")?,
        until: p.date("until")?,
        entity: p.text("entity", 200)?,
        copies: false,
        limit,
        offset,
    };
    st.with_store(move |store, st| {
        let Some(index) = st.index() else {
            return Err(ApiError::unavailable(
                "there is no search index yet: run parallax reindex (or ingest something) to build it",
            ));
        };
        let results = index.search(&query).map_err(WebError::from)?;
        let mut hits = Vec::with_capacity(results.hits.len());
        for h in results.hits {
            let story = store.story_of(&h.key)?;
            hits.push(HitView { hit: h, story });
        }
        Ok(SearchView {
            total: results.total,
            offset,
            limit,
            hits,
        })
    })
    .await
}

// ---- JSON API ----

#[derive(Serialize)]
struct Health {
    status: &'static str,
    version: &'static str,
    search_index: bool,
}

async fn api_health(
    State(st): State<Shared>,
    RawQuery(q): RawQuery,
) -> Result<Json<Health>, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let search_index = st
        .with_store(|store, st| {
            // A cheap query proves the store answers.
            store.stats()?;
            Ok(st.index().is_some())
        })
        .await?;
    Ok(Json(Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
        search_index,
    }))
}

#[derive(Serialize)]
struct StatsView {
    #[serde(flatten)]
    stats: Stats,
    /// Documents in the search index, when there is one.
    indexed: Option<u64>,
}

async fn api_stats(
    State(st): State<Shared>,
    RawQuery(q): RawQuery,
) -> Result<Json<StatsView>, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let view = st
        .with_store(|store, st| {
            Ok(StatsView {
                stats: store.stats()?,
                indexed: st.index().map(|ix| ix.len()),
            })
        })
        .await?;
    Ok(Json(view))
}

async fn api_stories(
    State(st): State<Shared>,
    RawQuery(q): RawQuery,
) -> Result<Json<StoriesView>, ApiError> {
    let p = Params::parse(q.as_deref(), STORY_LIST_PARAMS)?;
    Ok(Json(stories_data(&st, &p).await?))
}

async fn api_story(
    State(st): State<Shared>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Json<StoryPage>, ApiError> {
    let p = Params::parse(q.as_deref(), &["lang"])?;
    let page = story_data(&st, &id, p.lang("lang")?).await?;
    Ok(Json(StoryPage::clone(&page)))
}

async fn api_article(
    State(st): State<Shared>,
    Path(key): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Json<crate::load::ArticleInfo>, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    Ok(Json(article_data(&st, key).await?))
}

async fn api_entity(
    State(st): State<Shared>,
    Path(name): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Json<EntityInfo>, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    Ok(Json(entity_data(&st, name).await?))
}

async fn api_search(
    State(st): State<Shared>,
    RawQuery(q): RawQuery,
) -> Result<Json<SearchView>, ApiError> {
    let p = Params::parse(q.as_deref(), SEARCH_PARAMS)?;
    Ok(Json(search_data(&st, &p).await?))
}

async fn api_openapi() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/yaml; charset=utf-8")],
        OPENAPI,
    )
}

// ---- HTML pages ----

async fn page_stories(
    State(st): State<Shared>,
    RawQuery(q): RawQuery,
) -> Result<Html<String>, PageError> {
    let p = Params::parse(q.as_deref(), STORY_LIST_PARAMS)?;
    let view = stories_data(&st, &p).await?;
    Ok(Html(
        pages::stories_page(&view.stories, &p, view.offset, view.limit, view.more).into_string(),
    ))
}

async fn page_story(
    State(st): State<Shared>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, PageError> {
    let p = Params::parse(q.as_deref(), &["lang"])?;
    let lang = p.lang("lang")?;
    let page = story_data(&st, &id, lang.clone()).await?;
    if page.id.to_string() != id {
        // An old id of a merged story: send the reader to the story's own address.
        let mut to = crate::html::story_href(page.id);
        if let Some(l) = lang {
            to.push_str("?lang=");
            to.push_str(&l);
        }
        return Ok(Redirect::permanent(&to).into_response());
    }
    let html = crate::story_html::story_document(&page, crate::html::Ctx::SERVER).into_string();
    Ok(Html(html).into_response())
}

async fn page_article(
    State(st): State<Shared>,
    Path(key): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Html<String>, PageError> {
    Params::parse(q.as_deref(), &[])?;
    let info = article_data(&st, key).await?;
    Ok(Html(pages::article_page(&info).into_string()))
}

async fn page_entity(
    State(st): State<Shared>,
    Path(name): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Html<String>, PageError> {
    Params::parse(q.as_deref(), &[])?;
    let info = entity_data(&st, name).await?;
    Ok(Html(pages::entity_page(&info).into_string()))
}

async fn page_search(State(st): State<Shared>, RawQuery(q): RawQuery) -> Response {
    let p = match Params::parse(q.as_deref(), SEARCH_PARAMS) {
        Ok(p) => p,
        Err(e) => {
            let page = pages::search_page(&Params::default(), None, Some(&e.message));
            return (e.status, Html(page.into_string())).into_response();
        }
    };
    let asked = SEARCH_PARAMS
        .iter()
        .any(|k| *k != "limit" && *k != "offset" && p.get(k).is_some());
    if !asked {
        return Html(pages::search_page(&p, None, None).into_string()).into_response();
    }
    match search_data(&st, &p).await {
        Ok(view) => Html(pages::search_page(&p, Some(&view), None).into_string()).into_response(),
        Err(e) => (
            e.status,
            Html(pages::search_page(&p, None, Some(&e.message)).into_string()),
        )
            .into_response(),
    }
}

async fn live_js() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=300"),
        ],
        Body::from(pages::LIVE_JS),
    )
}

/// Decodes a JSON error body (for tests).
#[cfg(test)]
pub(crate) fn decode_error(bytes: &[u8]) -> Option<crate::error::ErrorBody> {
    serde_json::from_slice(bytes).ok()
}
