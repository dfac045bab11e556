//! The budgets of a compile: wall-clock time and the process's memory.
//!
//! A template is a program: a loop that never ends or a list that grows without bound would
//! otherwise hang cvgen or end it with an allocation failure (an abort, exit 134). Typst's
//! compile cannot be cancelled from outside (it runs on the caller's thread until it returns and
//! takes no interrupt), so a watchdog thread watches it ([`within`]): past the time budget or the
//! memory budget it prints the error on stderr and exits the process with code 1, or, in
//! `cvgen watch` ([`restart_past_budget`], Unix), starts the watch again in its place (`exec`,
//! with [`RESUMED`] set), which keeps the last PDF and waits for the next change: a watch
//! survives a template that never ends. This is the one place below `main` that ends the
//! process. The watchdog is stopped and joined when the compile returns, so it never fires later
//! (in `cvgen watch`, between builds).
//!
//! Time: 120 s by default, `CVGEN_COMPILE_TIMEOUT` (seconds) overrides it. Memory: the resident
//! set of the whole process, read from `/proc/self/status` every [`POLL`] (Linux only; elsewhere
//! only time is watched), 4096 MB by default, `CVGEN_MEMORY_LIMIT_MB` overrides it. The built-in
//! themes take about 5 s and 600 MB for 5,000 papers. The only file read is `/proc/self/status`.

use std::io::Write;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::diag::{self, Diagnostic};

/// The default time budget of a compile.
pub const DEFAULT_TIME: Duration = Duration::from_secs(120);

/// The default memory budget of the process during a compile, in MB (MiB).
pub const DEFAULT_MEMORY_MB: u64 = 4096;

/// How often the watchdog looks at the clock and the memory.
pub const POLL: Duration = Duration::from_millis(25);

/// Set in the environment of a watch started again after a build went past its budget.
pub const RESUMED: &str = "CVGEN_WATCH_RESUMED";

/// The command line to start again (in this process's place) when a compile goes past its
/// budget, instead of exiting; set once, by `cvgen watch`.
static RESTART: std::sync::OnceLock<Vec<std::ffi::OsString>> = std::sync::OnceLock::new();

/// From now on, a compile past its budget starts this process again with `args` (the whole
/// command line, program name first) and [`RESUMED`] set, instead of exiting (Unix; elsewhere it
/// still exits).
pub fn restart_past_budget(args: Vec<std::ffi::OsString>) {
    let _ = RESTART.set(args);
}

/// Replaces the process with a fresh run of `args`; returns only if that failed.
#[cfg(unix)]
fn restart(args: &[std::ffi::OsString]) -> std::io::Error {
    use std::os::unix::process::CommandExt;
    match std::env::current_exe() {
        Ok(exe) => std::process::Command::new(exe).args(args.iter().skip(1)).env(RESUMED, "1").exec(),
        Err(error) => error,
    }
}

/// What a compile may take.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Budget {
    /// Wall-clock time.
    pub time: Duration,
    /// Resident memory of the whole process, in MB (MiB).
    pub memory_mb: u64,
}

impl Default for Budget {
    fn default() -> Self {
        Self { time: DEFAULT_TIME, memory_mb: DEFAULT_MEMORY_MB }
    }
}

impl Budget {
    /// The defaults, overridden by `CVGEN_COMPILE_TIMEOUT` (seconds, may be fractional) and
    /// `CVGEN_MEMORY_LIMIT_MB`; a value that is not a positive number is ignored.
    pub fn from_env() -> Self {
        let var = |name: &str| std::env::var(name).ok().and_then(|v| v.trim().parse::<f64>().ok());
        let mut budget = Self::default();
        if let Some(seconds) = var("CVGEN_COMPILE_TIMEOUT").filter(|s| s.is_finite() && *s > 0.0) {
            budget.time = Duration::from_secs_f64(seconds.min(1e9));
        }
        if let Some(mb) = var("CVGEN_MEMORY_LIMIT_MB").filter(|mb| mb.is_finite() && *mb >= 1.0) {
            budget.memory_mb = mb.min(1e12) as u64;
        }
        budget
    }

    /// The error for a compile that went past this budget.
    fn exceeded(&self, by: Exceeded) -> Diagnostic {
        match by {
            Exceeded::Time => {
                Diagnostic::error(format!("the template ran longer than {} s", self.time.as_secs_f64()))
                    .hint("a loop that never ends in the template? the built-in themes take a few seconds even for 5,000 papers")
                    .hint("for a CV that really needs longer, set `CVGEN_COMPILE_TIMEOUT` (seconds)")
            }
            Exceeded::Memory => {
                Diagnostic::error(format!("the template used more than {} MB of memory", self.memory_mb))
                    .hint("a list that grows without end in the template? the built-in themes use about 600 MB for 5,000 papers")
                    .hint("for a CV that really needs more, set `CVGEN_MEMORY_LIMIT_MB`")
            }
        }
    }
}

/// Which budget a compile went past.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Exceeded {
    Time,
    Memory,
}

/// Runs `work` (a compile) under `budget`: if it goes past it, the process prints the error and
/// exits with code 1 before `work` returns.
pub fn within<T>(budget: &Budget, work: impl FnOnce() -> T) -> T {
    let watchdog = Watchdog::start(*budget);
    let out = work();
    drop(watchdog);
    out
}

/// A thread that ends the process when the compile it watches goes past its budget. Dropping it
/// stops and joins the thread; after that it can no longer fire.
struct Watchdog {
    /// Whether the compile is over, and the signal that wakes the thread when it is.
    done: Arc<(Mutex<bool>, Condvar)>,
    thread: Option<JoinHandle<()>>,
}

impl Watchdog {
    fn start(budget: Budget) -> Self {
        let done = Arc::new((Mutex::new(false), Condvar::new()));
        let shared = Arc::clone(&done);
        let started = Instant::now();
        let thread = std::thread::Builder::new().name("cvgen-watchdog".to_owned()).spawn(move || {
            let (lock, wake) = &*shared;
            let mut finished = lock.lock().unwrap_or_else(|poison| poison.into_inner());
            loop {
                if *finished {
                    return;
                }
                let exceeded = if started.elapsed() > budget.time {
                    Some(Exceeded::Time)
                } else if resident_mb().is_some_and(|mb| mb > budget.memory_mb) {
                    Some(Exceeded::Memory)
                } else {
                    None
                };
                if let Some(by) = exceeded {
                    // The lock is held: the compile's end cannot slip in between.
                    let text = diag::render(&[budget.exceeded(by)], &diag::Sources::default());
                    let _ = std::io::stderr().write_all(text.as_bytes());
                    #[cfg(unix)]
                    if let Some(args) = RESTART.get() {
                        let error = restart(args);
                        let _ = writeln!(std::io::stderr(), "error: cannot start the watch again: {error}");
                    }
                    std::process::exit(1);
                }
                finished = wake.wait_timeout(finished, POLL).unwrap_or_else(|poison| poison.into_inner()).0;
            }
        });
        // Without a thread (the system refused one) the compile runs unwatched, as before.
        Self { done, thread: thread.ok() }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        let (lock, wake) = &*self.done;
        *lock.lock().unwrap_or_else(|poison| poison.into_inner()) = true;
        wake.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The resident memory of this process in MB (Linux; `None` elsewhere or when unreadable).
fn resident_mb() -> Option<u64> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find_map(|line| line.strip_prefix("VmRSS:"))?;
    let kb: u64 = line.trim().strip_suffix("kB")?.trim().parse().ok()?;
    Some(kb / 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_compile_within_budget_returns_and_the_watchdog_stops() {
        let budget = Budget { time: Duration::from_millis(200), memory_mb: u64::MAX };
        assert_eq!(within(&budget, || 7), 7);
        // Past the budget, after the watchdog was dropped: nothing happens.
        std::thread::sleep(Duration::from_millis(300));
    }

    #[test]
    fn messages_name_the_budget() {
        let budget = Budget { time: Duration::from_secs(2), memory_mb: 300 };
        assert_eq!(budget.exceeded(Exceeded::Time).message, "the template ran longer than 2 s");
        assert_eq!(budget.exceeded(Exceeded::Memory).message, "the template used more than 300 MB of memory");
        assert_eq!(Budget::default().exceeded(Exceeded::Time).message, "the template ran longer than 120 s");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn resident_memory_is_read() {
        assert!(resident_mb().is_some_and(|mb| mb < 100_000));
    }
}
