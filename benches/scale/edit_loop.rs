//! The edit loop as a writer meets it (`--only edit`): a real `cvgen watch` process, driven from
//! outside as an editor and a browser drive it.
//!
//! - **save → preview**: `cvgen watch --preview` runs on a free loopback port; this benchmark
//!   reads its event stream (`/events`) as the preview page does, saves a one-entry change to the
//!   bibliography (the title of the middle entry, written in place as most editors do), and times
//!   the save to the event that carries the new pages, then to the first changed page's SVG
//!   fetched (the page the writer is looking at).
//! - **save → PDF**: `cvgen watch` without the preview; the same save, timed to the status line
//!   that follows the PDF's atomic write.
//!
//! Each save waits for the previous one's work (the preview's PDF after its pause included) to
//! end, so the figures are one save each, not a queue.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use super::{EPOCH, median};

/// The medians of one input's edit loop.
pub struct EditLoop {
    pub label: String,
    /// Save → the preview's event with the new pages.
    pub event: Duration,
    /// Save → the first changed page's SVG received.
    pub page: Duration,
    /// Save → the PDF written by `cvgen watch`.
    pub pdf: Duration,
}

/// How long to wait for anything before the benchmark gives up.
const PATIENCE: Duration = Duration::from_secs(120);

/// Times `runs` saves of the bibliography in `dir` under `cvgen watch --preview` and under
/// `cvgen watch`.
pub fn measure(label: &str, dir: &Path, cvgen: &Path, runs: usize) -> EditLoop {
    eprint!("edit loop {label}: ");
    let bib = dir.join("refs.bib");
    let original = std::fs::read_to_string(&bib).expect("the bibliography");
    let edit = |i: usize| retitle_middle_entry(&original, &format!("Revised ({i}) "));

    // save → preview
    let port = free_port();
    let mut watch = spawn(cvgen, dir, &["watch", "--preview", "--port", &port.to_string(), "-o", "preview.pdf"]);
    let _status = status_lines(&mut watch);
    let events = subscribe(port);
    let mut last = next_event(&events, |_| true);
    let (mut event_times, mut page_times) = (Vec::new(), Vec::new());
    for i in 0..runs {
        settle();
        let saved = Instant::now();
        std::fs::write(&bib, edit(i)).expect("save the bibliography");
        let event = next_event(&events, |e| e.error.is_none());
        event_times.push(event.at - saved);
        let changed = event.pages.iter().position(|hash| !last.pages.contains(hash)).expect("a page changed");
        get(port, &format!("/pages/{}.svg", changed + 1));
        page_times.push(saved.elapsed());
        last = event;
    }
    stop(&mut watch);

    // save → PDF
    std::fs::write(&bib, &original).expect("restore the bibliography");
    let mut watch = spawn(cvgen, dir, &["watch", "-o", "watch.pdf"]);
    let statuses = status_lines(&mut watch);
    wait_for(&statuses, "compiled");
    let mut pdf_times = Vec::new();
    for i in 0..runs {
        settle();
        let saved = Instant::now();
        std::fs::write(&bib, edit(i)).expect("save the bibliography");
        let (at, _) = wait_for(&statuses, "compiled");
        pdf_times.push(at - saved);
    }
    stop(&mut watch);
    std::fs::write(&bib, &original).expect("restore the bibliography");
    eprintln!("done");
    EditLoop { label: label.to_owned(), event: median(event_times), page: median(page_times), pdf: median(pdf_times) }
}

/// The bibliography with `prefix` put before the title of its middle entry.
fn retitle_middle_entry(bib: &str, prefix: &str) -> String {
    let titles: Vec<usize> = bib.match_indices("\n  title = {").map(|(at, _)| at + "\n  title = {".len()).collect();
    let at = titles[titles.len() / 2];
    format!("{}{prefix}{}", &bib[..at], &bib[at..])
}

/// Lets the previous save's work end (the preview writes its PDF 400 ms after the last save).
fn settle() {
    std::thread::sleep(Duration::from_millis(900));
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port()
}

fn spawn(cvgen: &Path, dir: &Path, args: &[&str]) -> Child {
    Command::new(cvgen)
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start cvgen watch")
}

fn stop(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// One event of the preview's stream, as the page reads it.
struct Event {
    at: Instant,
    pages: Vec<String>,
    error: Option<String>,
}

/// Opens `/events` (retrying while the server starts) and hands each event to the receiver.
fn subscribe(port: u16) -> Receiver<Event> {
    let started = Instant::now();
    let stream = loop {
        match TcpStream::connect(("127.0.0.1", port)) {
            Ok(stream) => break stream,
            Err(_) if started.elapsed() < PATIENCE => std::thread::sleep(Duration::from_millis(10)),
            Err(error) => panic!("the preview never listened: {error}"),
        }
    };
    let mut writer = stream.try_clone().expect("the event stream");
    write!(writer, "GET /events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n")
        .expect("ask for events");
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { return };
            let Some(json) = line.strip_prefix("data: ") else { continue };
            let at = Instant::now();
            let value: serde_json::Value = serde_json::from_str(json).expect("an event is JSON");
            let pages = value["pages"].as_array().map_or_else(Vec::new, |pages| {
                pages.iter().map(|p| p["hash"].as_str().unwrap_or_default().to_owned()).collect()
            });
            let error = value["error"].as_str().map(str::to_owned);
            if send.send(Event { at, pages, error }).is_err() {
                return;
            }
        }
    });
    receive
}

fn next_event(events: &Receiver<Event>, wanted: impl Fn(&Event) -> bool) -> Event {
    loop {
        let event = events.recv_timeout(PATIENCE).expect("an event from the preview");
        if let Some(error) = &event.error {
            eprintln!("the preview reported: {error}");
        }
        if wanted(&event) {
            return event;
        }
    }
}

/// Fetches `path` from the preview as a browser would (a new connection, the whole body).
fn get(port: u16, path: &str) -> Vec<u8> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to the preview");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n").expect("ask");
    let mut body = Vec::new();
    stream.read_to_end(&mut body).expect("the page");
    assert!(body.starts_with(b"HTTP/1.1 200"), "{path}: {}", String::from_utf8_lossy(&body[..body.len().min(80)]));
    body
}

/// The lines `cvgen watch` prints on stderr, each with the moment it arrived.
fn status_lines(child: &mut Child) -> Receiver<(Instant, String)> {
    let stderr = child.stderr.take().expect("a piped stderr");
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { return };
            if send.send((Instant::now(), line)).is_err() {
                return;
            }
        }
    });
    receive
}

fn wait_for(lines: &Receiver<(Instant, String)>, word: &str) -> (Instant, String) {
    loop {
        let (at, line) = lines.recv_timeout(PATIENCE).expect("a status line from cvgen watch");
        if line.contains(word) {
            return (at, line);
        }
        if line.contains("not compiled") || line.contains("error") {
            panic!("cvgen watch failed: {line}");
        }
    }
}
