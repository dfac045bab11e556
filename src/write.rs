//! Writing outputs atomically: a temporary file beside the target, then a rename.
//!
//! A failed or interrupted run never leaves a half-written file, and an existing output survives
//! any failure before the rename.

use std::io::Write;
use std::path::Path;

use crate::diag::Diagnostic;

/// Writes `bytes` to `path` atomically.
pub fn atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let fail = |error: std::io::Error| {
        Diagnostic::error(format!("cannot write `{}`: {error}", path.display()))
            .hint("check that the folder exists and is writable")
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut file = tempfile::Builder::new().prefix(".cvgen-").suffix(".tmp").tempfile_in(dir).map_err(fail)?;
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

#[cfg(unix)]
fn default_permissions() -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    std::fs::Permissions::from_mode(0o644)
}

#[cfg(not(unix))]
fn default_permissions() -> std::fs::Permissions {
    std::fs::metadata(".").map(|m| m.permissions()).unwrap_or_else(|_| unreachable!("the current folder exists"))
}
