//! `cvgen watch --preview`: a live preview of the CV's pages in the browser.
//!
//! A small HTTP server on the loopback address only (127.0.0.1), serving three routes:
//! - `/`: the preview page (`assets/preview.html`), which shows the pages as SVG images;
//! - `/events`: server-sent events, one JSON message per build with every page's key, size and
//!   text, the build's number and its diagnostics (or `null`); the page swaps only the images
//!   whose key changed, so the scroll position stays, and shows the diagnostics over the last
//!   good pages until a build succeeds again;
//! - `/pages/N.svg`: page N of the last good build, drawn when first asked for (in the
//!   request's thread): the event goes out as soon as the pages are laid out, and a page the
//!   browser never shows is never drawn.
//!
//! Every request must name this server in its `Host` header (`127.0.0.1:PORT`, `localhost:PORT`
//! or `[::1]:PORT`): a page on another site cannot read a private CV through DNS rebinding.
//! Why not typst-kit's `HttpServer`: it checks no `Host` header and can only tell the browser to
//! reload the whole page (which loses the scroll position and re-sends every page).
//!
//! This module owns the network; it knows nothing of Typst or the model: the watch loop hands it
//! the bytes and text of each page ([`Preview::publish`]) or the diagnostics of a failed build
//! ([`Preview::fail`]).

use std::io::{self, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use serde::Serialize;
use tiny_http::{Header, Request, Response, StatusCode};

use crate::diag::Diagnostic;

/// The preview page, with its script and style.
const PAGE: &str = include_str!("../../assets/preview.html");

/// How often an idle event stream sends a comment line, so a closed tab ends its thread.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// The port `--preview` serves on unless `--port` says otherwise.
pub const DEFAULT_PORT: u16 = 3000;

/// Draws one page as SVG when first called (and keeps it): called from the request's thread.
pub type DrawSvg = Arc<dyn Fn() -> Arc<Vec<u8>> + Send + Sync>;

/// One page as the watch loop hands it over: its key, size and text (the image's `alt`, for
/// screen readers and for tests), and how to draw it.
#[derive(Clone)]
pub struct PageImage {
    /// Equal keys mean identical pages: the browser keeps an image whose key is unchanged.
    pub key: String,
    /// Width and height in points (the image's box before it loads).
    pub size: (f64, f64),
    /// The page's text, in reading order.
    pub text: Arc<str>,
    /// The page as SVG, drawn on request.
    pub svg: DrawSvg,
}

/// A running preview server; it stops with the process.
pub struct Preview {
    address: SocketAddr,
    shared: Arc<Shared>,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

/// What the browser is shown.
#[derive(Default)]
struct State {
    /// Counts the builds published: an event stream sends each once.
    version: u64,
    /// The pages of the last good build.
    pages: Vec<PageImage>,
    /// The diagnostics of the last build, when it failed.
    error: Option<String>,
}

/// One event's data.
#[derive(Serialize)]
struct Event<'a> {
    version: u64,
    pages: Vec<EventPage<'a>>,
    error: Option<&'a str>,
}

#[derive(Serialize)]
struct EventPage<'a> {
    hash: &'a str,
    width: f64,
    height: f64,
    text: &'a str,
}

impl Preview {
    /// Serves on 127.0.0.1:`port` (`0`: a free port the system picks).
    pub fn start(port: u16) -> Result<Self, Diagnostic> {
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let listener = TcpListener::bind(address).map_err(|error| {
            let d = match error.kind() {
                io::ErrorKind::AddrInUse => Diagnostic::error(format!("port {port} is already in use")),
                _ => Diagnostic::error(format!("cannot serve the preview on {address}: {error}")),
            };
            d.hint("choose another port with `--port`, e.g. `cvgen watch --preview --port 3001`")
        })?;
        let address = listener.local_addr().unwrap_or(address);
        let server = tiny_http::Server::from_listener(listener, None)
            .map_err(|error| Diagnostic::error(format!("cannot serve the preview on {address}: {error}")))?;
        let shared = Arc::new(Shared::default());
        let serving = Arc::clone(&shared);
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let shared = Arc::clone(&serving);
                // Event streams stay open: each request gets a thread of its own.
                std::thread::spawn(move || {
                    let _ = handle(request, address.port(), &shared);
                });
            }
        });
        Ok(Self { address, shared })
    }

    /// The address a browser opens.
    pub fn url(&self) -> String {
        format!("http://{}/", self.address)
    }

    /// Shows the pages of a good build (and clears the diagnostics of a failed one).
    pub fn publish(&self, pages: Vec<PageImage>) {
        let mut state = lock(&self.shared.state);
        state.pages = pages;
        state.error = None;
        state.version += 1;
        self.shared.changed.notify_all();
    }

    /// Shows `diagnostics` (already rendered as text) over the last good pages.
    pub fn fail(&self, diagnostics: String) {
        let mut state = lock(&self.shared.state);
        state.error = Some(diagnostics);
        state.version += 1;
        self.shared.changed.notify_all();
    }
}

/// The state, even if a thread panicked while holding it (it holds only plain data).
fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Whether a request's `Host` header names this server: the loopback address or `localhost`,
/// with this port. Anything else (another name that resolves here, no header) is refused.
pub fn host_allowed(host: Option<&str>, port: u16) -> bool {
    let Some(host) = host else { return false };
    let host = host.trim().to_ascii_lowercase();
    ["127.0.0.1", "localhost", "[::1]"].iter().any(|name| host == format!("{name}:{port}"))
}

fn handle(request: Request, port: u16, shared: &Shared) -> io::Result<()> {
    let host = request.headers().iter().find(|h| h.field.equiv("Host")).map(|h| h.value.as_str().to_owned());
    if !host_allowed(host.as_deref(), port) {
        return request
            .respond(Response::from_string("forbidden: this preview answers only to 127.0.0.1").with_status_code(403));
    }
    let path = request.url().split('?').next().unwrap_or_default().to_owned();
    match path.as_str() {
        "/" => {
            request.respond(Response::from_string(PAGE).with_header(header("Content-Type", "text/html; charset=utf-8")))
        }
        "/events" => stream_events(request, shared),
        _ => {
            let page = path
                .strip_prefix("/pages/")
                .and_then(|rest| rest.strip_suffix(".svg"))
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|n| lock(&shared.state).pages.get(n.wrapping_sub(1)).map(|p| Arc::clone(&p.svg)));
            // Drawn outside the lock: builds and other requests go on meanwhile.
            match page.map(|draw| draw()) {
                Some(svg) => request.respond(
                    Response::from_data(svg.as_slice())
                        .with_header(header("Content-Type", "image/svg+xml"))
                        .with_header(header("Cache-Control", "no-store")),
                ),
                None => request.respond(Response::empty(StatusCode(404))),
            }
        }
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name, value).expect("a fixed ASCII header is valid")
}

/// Sends the state now, then again after every build, until the browser goes away.
fn stream_events(request: Request, shared: &Shared) -> io::Result<()> {
    let mut writer = request.into_writer();
    // Written by hand: tiny_http would send a chunked body, which browsers refuse for events.
    write!(writer, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\r\n")?;
    writer.flush()?;
    let mut sent = 0;
    loop {
        let message = {
            let mut state = lock(&shared.state);
            while state.version == sent {
                let (next, timeout) =
                    shared.changed.wait_timeout(state, KEEPALIVE).unwrap_or_else(std::sync::PoisonError::into_inner);
                state = next;
                if timeout.timed_out() && state.version == sent {
                    break;
                }
            }
            if state.version == sent {
                None
            } else {
                sent = state.version;
                Some(event_json(&state))
            }
        };
        match message {
            Some(json) => write!(writer, "data: {json}\n\n")?,
            None => write!(writer, ": still here\n\n")?,
        }
        writer.flush()?;
    }
}

fn event_json(state: &State) -> String {
    let event = Event {
        version: state.version,
        pages: state
            .pages
            .iter()
            .map(|p| EventPage { hash: &p.key, width: p.size.0, height: p.size.1, text: &p.text })
            .collect(),
        error: state.error.as_deref(),
    };
    serde_json::to_string(&event).expect("strings and numbers serialise")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader, Read};
    use std::net::TcpStream;

    #[test]
    fn only_this_servers_own_names_are_answered() {
        assert!(host_allowed(Some("127.0.0.1:3000"), 3000));
        assert!(host_allowed(Some("localhost:3000"), 3000));
        assert!(host_allowed(Some("LOCALHOST:3000"), 3000));
        assert!(host_allowed(Some("[::1]:3000"), 3000));
        assert!(!host_allowed(Some("127.0.0.1:3001"), 3000));
        assert!(!host_allowed(Some("evil.example:3000"), 3000));
        assert!(!host_allowed(Some("localhost"), 3000));
        assert!(!host_allowed(None, 3000));
    }

    fn get(preview: &Preview, path: &str, host: &str) -> String {
        let mut stream = TcpStream::connect(preview.address).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
        let mut out = String::new();
        stream.read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn pages_events_and_refusals() {
        let preview = Preview::start(0).unwrap();
        let host = preview.address.to_string();
        assert!(get(&preview, "/", &host).contains("EventSource"));
        assert!(get(&preview, "/", "rebound.example").starts_with("HTTP/1.1 403"));
        assert!(get(&preview, "/pages/1.svg", &host).starts_with("HTTP/1.1 404"));
        preview.publish(vec![PageImage {
            key: "1".into(),
            size: (595.0, 842.0),
            text: "Ada Lovelace".into(),
            svg: Arc::new(|| Arc::new(b"<svg>one</svg>".to_vec())),
        }]);
        let page = get(&preview, "/pages/1.svg", &host);
        assert!(page.starts_with("HTTP/1.1 200") && page.ends_with("<svg>one</svg>"), "{page}");

        let mut stream = TcpStream::connect(preview.address).unwrap();
        write!(stream, "GET /events HTTP/1.1\r\nHost: {host}\r\n\r\n").unwrap();
        let mut lines = BufReader::new(stream).lines().map(Result::unwrap);
        let mut next_data = || lines.by_ref().find(|l| l.starts_with("data: ")).unwrap();
        let first: serde_json::Value = serde_json::from_str(&next_data()["data: ".len()..]).unwrap();
        assert_eq!(first["pages"][0]["text"], "Ada Lovelace");
        assert!(first["error"].is_null());
        preview.fail("error: unknown field `jounral`".into());
        let failed: serde_json::Value = serde_json::from_str(&next_data()["data: ".len()..]).unwrap();
        assert_eq!(failed["error"], "error: unknown field `jounral`");
        // The last good pages stay.
        assert_eq!(failed["pages"][0]["hash"], first["pages"][0]["hash"]);
    }

    #[test]
    fn a_taken_port_is_named() {
        let first = Preview::start(0).unwrap();
        let taken = first.address.port();
        let error = Preview::start(taken).err().expect("the port is taken");
        assert_eq!(error.message, format!("port {taken} is already in use"));
    }
}
