//! Errors: [`WebError`] for what the caller of this crate sees, and the per-request
//! [`ApiError`] that becomes a JSON error body or an HTML error page.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use parallax_store::StoreError;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Something the web interface could not do.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebError {
    /// The store could not be opened or read.
    #[error(transparent)]
    Store(#[from] StoreError),

    /// The search index exists but could not be opened or searched.
    #[error(transparent)]
    Search(#[from] parallax_search::SearchError),

    /// The knowledge file given with `--knowledge` could not be read.
    #[error(
        "cannot read the knowledge file {path}: {detail}: check the path, or start without \
         --knowledge"
    )]
    Knowledge {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        detail: String,
    },

    /// The server could not listen on the address.
    #[error(
        "cannot listen on {addr}: {source}: pass another address with --addr (or stop the \
         program that uses this port)"
    )]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        #[source]
        source: std::io::Error,
    },

    /// The server's runtime could not be started, or the server failed while running.
    #[error("the web server failed: {0}")]
    Io(#[from] std::io::Error),

    /// A worker thread of the server failed.
    #[error("a worker thread of the web server failed: {0}")]
    Worker(String),
}

/// An error answering one request: an HTTP status and a message for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// What went wrong and, where possible, what to do.
    pub message: String,
}

impl ApiError {
    /// A 400 Bad Request.
    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    /// A 404 Not Found.
    pub fn not_found(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }

    /// A 503 Service Unavailable.
    pub fn unavailable(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: message.into(),
        }
    }

    /// A 500 Internal Server Error.
    pub fn internal(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: message.into(),
        }
    }
}

impl From<WebError> for ApiError {
    fn from(e: WebError) -> Self {
        match e {
            WebError::Store(e) => e.into(),
            WebError::Search(parallax_search::SearchError::Query(_)) => {
                ApiError::bad_request(e.to_string())
            }
            other => ApiError::internal(other.to_string()),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Locked { .. } => {
                ApiError::unavailable(format!("{e} (the store is busy; try again in a moment)"))
            }
            StoreError::Missing { .. } => ApiError::unavailable(e.to_string()),
            other => ApiError::internal(other.to_string()),
        }
    }
}

/// The JSON body of every API error: `{"error": "...", "status": N}`.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct ErrorBody {
    /// What went wrong.
    pub error: String,
    /// The HTTP status code, repeated.
    pub status: u16,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: self.message,
            status: self.status.as_u16(),
        };
        (self.status, Json(body)).into_response()
    }
}

/// An [`ApiError`] shown as an HTML page (for the web UI routes).
#[derive(Debug)]
pub(crate) struct PageError(pub ApiError);

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> Self {
        PageError(e)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let page = crate::html::error_page(self.0.status.as_u16(), &self.0.message);
        (self.0.status, axum::response::Html(page.into_string())).into_response()
    }
}
