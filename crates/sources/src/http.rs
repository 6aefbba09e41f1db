//! Fetching over HTTP with `ureq`: timeouts, a user agent, gzip, conditional GET, a size cap,
//! and politeness (a minimum delay between two requests to one host).

use crate::{ReadOptions, Validators};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};
use ureq::ResponseExt;

/// A page or feed that was fetched.
#[derive(Debug)]
pub(crate) struct Page {
    /// The URL after redirects.
    pub(crate) final_url: String,
    /// The lowercase media type of the `Content-Type` header.
    pub(crate) mime: Option<String>,
    /// The charset of the `Content-Type` header.
    pub(crate) charset: Option<String>,
    /// Validators to send next time.
    pub(crate) validators: Validators,
    /// The body, decompressed, at most `max_record_bytes` long.
    pub(crate) body: Vec<u8>,
}

/// The outcome of a GET.
#[derive(Debug)]
pub(crate) enum Fetched {
    /// 2xx: the body.
    Page(Page),
    /// 304: nothing changed since the validators were saved.
    NotModified,
}

/// An HTTP client configured from [`ReadOptions`].
pub(crate) struct Client {
    agent: ureq::Agent,
    host_interval: Duration,
    timeout: Duration,
    limit: u64,
}

/// When each host (`host:port`) was last sent a request, shared by every read in the process so
/// that politeness holds across inputs.
fn last_requests() -> &'static Mutex<HashMap<String, Instant>> {
    static LAST: OnceLock<Mutex<HashMap<String, Instant>>> = OnceLock::new();
    LAST.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Sleeps until a request to the host of `url` is at least `interval` after the previous one,
/// and records this request.
fn wait_for_host(url: &str, interval: Duration) {
    let Some(key) = url::Url::parse(url).ok().and_then(|u| {
        let host = u.host_str()?.to_ascii_lowercase();
        Some(format!("{host}:{}", u.port_or_known_default().unwrap_or(0)))
    }) else {
        return;
    };
    let map = last_requests();
    loop {
        let wait = {
            let mut last = map.lock().unwrap_or_else(|p| p.into_inner());
            let now = Instant::now();
            match last.get(&key) {
                Some(&t) if now.duration_since(t) < interval => interval - now.duration_since(t),
                _ => {
                    if last.len() > 4096 {
                        last.retain(|_, t| now.duration_since(*t) < interval);
                    }
                    last.insert(key, now);
                    return;
                }
            }
        };
        std::thread::sleep(wait);
    }
}

impl Client {
    pub(crate) fn new(opts: &ReadOptions) -> Client {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(opts.timeout))
            .user_agent(opts.user_agent.as_str())
            .build();
        Client {
            agent: ureq::Agent::new_with_config(config),
            host_interval: opts.host_interval,
            timeout: opts.timeout,
            limit: opts.max_record_bytes,
        }
    }

    /// GETs `url`, sending `validators` as `If-None-Match` / `If-Modified-Since`.
    ///
    /// Errors are messages that name the reason (the caller names the URL).
    pub(crate) fn get(
        &self,
        url: &str,
        validators: Option<&Validators>,
    ) -> Result<Fetched, String> {
        wait_for_host(url, self.host_interval);
        let mut req = self.agent.get(url);
        if let Some(v) = validators {
            if let Some(etag) = &v.etag {
                req = req.header("If-None-Match", etag.as_str());
            }
            if let Some(lm) = &v.last_modified {
                req = req.header("If-Modified-Since", lm.as_str());
            }
        }
        let mut resp = req.call().map_err(|e| self.describe(&e))?;
        let status = resp.status();
        if status.as_u16() == 304 {
            return Ok(Fetched::NotModified);
        }
        if !status.is_success() {
            return Err(format!(
                "the server answered HTTP {}{}",
                status.as_u16(),
                status
                    .canonical_reason()
                    .map(|r| format!(" {r}"))
                    .unwrap_or_default()
            ));
        }
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let validators = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let (mime, charset) = crate::warc::parse_content_type(header("content-type").as_deref());
        let final_url = resp.get_uri().to_string();
        let body = resp
            .body_mut()
            .with_config()
            .limit(self.limit)
            .read_to_vec()
            .map_err(|e| self.describe(&e))?;
        Ok(Fetched::Page(Page {
            final_url,
            mime,
            charset,
            validators,
            body,
        }))
    }

    fn describe(&self, e: &ureq::Error) -> String {
        match e {
            ureq::Error::Timeout(_) => format!(
                "no complete answer within {} s; the server is slow or down (try again later or \
                 raise the timeout)",
                self.timeout.as_secs_f32()
            ),
            ureq::Error::HostNotFound => {
                "the host name could not be resolved; check the URL and the network".into()
            }
            ureq::Error::BodyExceedsLimit(_) => format!(
                "the response is larger than the limit of {} bytes; raise max_record_bytes to \
                 read it",
                self.limit
            ),
            ureq::Error::Io(io) => format!("could not connect or read: {io}"),
            ureq::Error::ConnectionFailed => "the connection failed".into(),
            ureq::Error::BadUri(u) => format!("the URL is not valid: {u}"),
            ureq::Error::TooManyRedirects => "too many redirects".into(),
            other => other.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn politeness_spaces_requests_to_one_host() {
        let interval = Duration::from_millis(150);
        let t0 = Instant::now();
        wait_for_host("http://polite.invalid:1/a", interval);
        wait_for_host("http://polite.invalid:1/b", interval);
        wait_for_host("http://other.invalid:1/", interval);
        wait_for_host("http://polite.invalid:1/c", interval);
        let elapsed = t0.elapsed();
        assert!(elapsed >= interval * 2, "{elapsed:?}");
        assert!(elapsed < interval * 6, "{elapsed:?}");
    }
}
