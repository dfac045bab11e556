//! Writing outputs: a regular file atomically (a temporary file beside the target, then a
//! rename; an output that is a symlink is followed, [`target`]); a device or a named pipe
//! (`/dev/null`, `/dev/stdout`, a FIFO, or a symlink to one) in place, since renaming over it
//! would replace the device with a regular file; standard output ([`stdout`]), which fails when
//! it is closed or cannot be written.
//!
//! A failed or interrupted run never leaves a half-written regular file, and an existing output
//! survives any failure before the rename. The temporary file is named `.cvgen-<pid>-<random>.tmp`
//! so that the next write in the folder can tell a killed run's leftovers from a live run's file
//! and remove them ([`remove_stale_temps`]). Which path means standard output (`-`) is the
//! pipeline's rule ([`crate::pipeline::is_stdout`]); the verbs choose between [`output`] and
//! [`stdout`].

use std::fs::{DirEntry, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::diag::Diagnostic;

/// Start and end of the name of a temporary file.
const TEMP_PREFIX: &str = ".cvgen-";
const TEMP_SUFFIX: &str = ".tmp";

/// Age past which a temporary file whose writer cannot be checked is taken as left over.
const STALE_AFTER: Duration = Duration::from_secs(3600);

/// Writes `bytes` to `path`: in place for a device or a named pipe ([`is_stream`]), atomically
/// for anything else.
pub fn output(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    if is_stream(path) { in_place(path, bytes) } else { atomic(path, bytes) }
}

/// Whether `path` (or what a symlink there leads to) exists and is neither a regular file nor a
/// folder: a device, a named pipe or a socket, which is written to, never replaced.
pub fn is_stream(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|meta| !meta.is_file() && !meta.is_dir())
}

/// Whether `path` (or what a symlink there leads to) is a folder.
pub fn is_folder(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|meta| meta.is_dir())
}

/// Writes `bytes` to standard output. A reader that closes the pipe early (`cvgen bib | head`)
/// is its choice; any other failure (a full disk, `> /dev/full`) is an error, and so is a closed
/// standard output (`cvgen data >&-`), which Rust's own `stdout` would take for a sink.
pub fn stdout(bytes: &[u8]) -> Result<(), Diagnostic> {
    if !stdout_is_open() {
        return Err(Diagnostic::error("cannot write to standard output: it is closed")
            .hint("run with standard output open (a terminal, a pipe or `> FILE`), or pass `-o FILE`"));
    }
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Diagnostic::error(format!("cannot write to standard output: {e}"))),
    }
}

/// Whether standard output was open when first asked (the binary asks first thing, before any
/// file it opens could take the closed descriptor's number). Rust's runtime opens `/dev/null`
/// read-write on a standard descriptor that is closed at startup; a shell's `> /dev/null` opens
/// it write-only. So on Linux, descriptor 1 being `/dev/null` opened read-write means it was
/// closed (read from `/proc/self/fd` and `/proc/self/fdinfo`; `1<>/dev/null` reads the same).
pub fn stdout_is_open() -> bool {
    static OPEN: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *OPEN.get_or_init(|| {
        #[cfg(target_os = "linux")]
        {
            let null = std::fs::read_link("/proc/self/fd/1").is_ok_and(|p| p == Path::new("/dev/null"));
            let flags = std::fs::read_to_string("/proc/self/fdinfo/1").ok().and_then(|info| {
                info.lines().find_map(|l| l.strip_prefix("flags:")).and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
            });
            // O_ACCMODE is 3, O_RDWR 2.
            if null && flags.is_some_and(|f| f & 3 == 2) {
                return false;
            }
        }
        #[cfg(unix)]
        {
            use std::os::fd::AsFd;
            // A duplicate of a closed descriptor fails (`EBADF`); the duplicate is closed again.
            std::io::stdout().as_fd().try_clone_to_owned().is_ok()
        }
        #[cfg(not(unix))]
        {
            true
        }
    })
}

/// Writes `bytes` to an existing device or pipe: opened for writing, never created, truncated
/// or renamed over.
fn in_place(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let fail = |error: std::io::Error| {
        Diagnostic::error(format!("cannot write `{}`: {error}", path.display()))
            .hint("`--output` names a device or a pipe, which cvgen writes to in place; choose a regular file")
    };
    let mut file = OpenOptions::new().write(true).open(path).map_err(fail)?;
    file.write_all(bytes).and_then(|()| file.flush()).map_err(fail)
}

/// Where writing `path` lands: `path` itself, or, for a symlink, the file it points to (followed
/// through every link; a link to a file not yet there lands where it points). [`atomic`]
/// replaces it, keeping the link; the output guard (`pipeline::guard`) checks the same file.
pub fn target(path: &Path) -> PathBuf {
    let mut path = path.to_owned();
    // A bounded walk: a loop of links ends here and fails at the write with the system's error.
    for _ in 0..40 {
        let Ok(link) = std::fs::read_link(&path) else { break };
        path = match path.parent() {
            Some(dir) if link.is_relative() => dir.join(link),
            _ => link,
        };
    }
    path
}

/// Writes `bytes` to `path` atomically, after removing the temporary files that killed runs
/// left in its folder. A symlink is followed: the file it points to is replaced, the link stays.
pub fn atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let followed = target(path);
    let path = followed.as_path();
    let fail = |error: std::io::Error| {
        Diagnostic::error(format!("cannot write `{}`: {error}", path.display()))
            .hint("check that the folder exists and is writable")
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    remove_stale_temps(dir);
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    let mut file = tempfile::Builder::new().prefix(&prefix).suffix(TEMP_SUFFIX).tempfile_in(dir).map_err(fail)?;
    file.write_all(bytes).map_err(fail)?;
    // Temporary files are private (0600); the output gets the target's permissions, or the
    // usual 0644 for a new file.
    let permissions = match std::fs::metadata(path) {
        Ok(meta) => meta.permissions(),
        Err(_) => default_permissions(),
    };
    file.as_file().set_permissions(permissions).map_err(fail)?;
    // No fsync: the rename already guarantees that readers see the old file or the whole new
    // one, and every output can be made again, while an fsync costs 5 to 50 ms on an ordinary
    // disk: more than cvgen's own work on a whole CV, on every save in `cvgen watch`.
    file.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// Removes the temporary files of runs that were killed while writing into `dir`: a
/// `.cvgen-<pid>-<random>.tmp` whose process is gone (Linux: no `/proc/<pid>`), or, where that
/// cannot be checked (another system, or a name without a process id), one older than an hour.
/// A live run's file is never removed. Failures are ignored: the leftovers cost only space.
pub fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        if is_stale(&entry) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn is_stale(entry: &DirEntry) -> bool {
    let name = entry.file_name();
    let Some(middle) = name.to_str().and_then(|n| n.strip_prefix(TEMP_PREFIX)?.strip_suffix(TEMP_SUFFIX)) else {
        return false;
    };
    // Only regular files: never a symlink or a folder someone named like ours.
    let Ok(meta) = entry.metadata() else { return false };
    if !meta.file_type().is_file() {
        return false;
    }
    let pid = middle.split_once('-').and_then(|(pid, _)| pid.parse::<u32>().ok());
    match pid.and_then(is_running) {
        Some(running) => !running,
        None => meta.modified().is_ok_and(|at| SystemTime::now().duration_since(at).is_ok_and(|age| age > STALE_AFTER)),
    }
}

/// Whether process `pid` is running, where the system can tell (`None` elsewhere).
fn is_running(pid: u32) -> Option<bool> {
    // Without a mounted `/proc` (some containers) every process would look gone.
    if cfg!(target_os = "linux") && Path::new("/proc/self").exists() {
        Some(Path::new("/proc").join(pid.to_string()).exists())
    } else {
        None
    }
}

#[cfg(unix)]
fn default_permissions() -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    std::fs::Permissions::from_mode(0o644)
}

#[cfg(not(unix))]
fn default_permissions() -> std::fs::Permissions {
    std::fs::metadata(".").map(|m| m.permissions()).unwrap_or_else(|_| unreachable!("the current folder exists"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dead_writers_temp_file_goes_and_a_live_ones_stays() {
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let dead_file = dir.path().join(format!(".cvgen-{dead}-abc123.tmp"));
        let live_file = dir.path().join(format!(".cvgen-{}-abc123.tmp", std::process::id()));
        let other = dir.path().join(".cvgen-notes.txt");
        for path in [&dead_file, &live_file, &other] {
            std::fs::write(path, b"x").unwrap();
        }
        atomic(&dir.path().join("cv.pdf"), b"%PDF").unwrap();
        if cfg!(target_os = "linux") {
            assert!(!dead_file.exists());
        }
        assert!(live_file.exists() && other.exists());
        // The write left no temporary file of its own.
        let names: Vec<String> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
        assert_eq!(names.iter().filter(|n| n.ends_with(".tmp")).count(), 1, "{names:?}");
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_written_in_place() {
        output(Path::new("/dev/null"), b"bytes").unwrap();
        assert!(is_stream(Path::new("/dev/null")));
        let d = output(Path::new("/dev/full"), b"bytes").unwrap_err();
        assert!(d.message.starts_with("cannot write `/dev/full`: "), "{}", d.message);
    }
}
