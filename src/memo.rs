//! Whether this process keeps what it parsed and modelled for the next build: only `cvgen watch`
//! does (it calls [`keep`] once). Every other verb builds once, and a memo would only hold a copy
//! of each entry until the process ends, which a 100,000-entry `check` would feel.
//!
//! The memo itself is Typst's (`comemo`), used by the bibliography's typed view
//! (`bib::typed::typed_at`) and each entry's publication (`model::publications::memo`); the watch
//! loop's `comemo::evict` bounds it.

use std::sync::atomic::{AtomicBool, Ordering};

static KEEP: AtomicBool = AtomicBool::new(false);

/// From now on, builds memoize each entry's parsed and modelled form.
pub fn keep() {
    KEEP.store(true, Ordering::Relaxed);
}

/// Whether builds memoize (see [`keep`]).
pub fn kept() -> bool {
    KEEP.load(Ordering::Relaxed)
}
