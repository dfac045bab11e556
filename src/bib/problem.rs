//! A problem found while reading a bibliography (BibTeX or CSL-JSON), located by a byte span in
//! the file's text; [`super::parse`] turns each into a [`crate::diag::Diagnostic`]. One way to
//! make one: [`Problem::error`] or [`Problem::warning`], then hints.

use std::ops::Range;

/// A problem found while reading, located in the text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Problem {
    /// An error (the entry is left out) or a warning (it is read).
    pub error: bool,
    /// Where.
    pub span: Range<usize>,
    /// Lowercase message.
    pub message: String,
    /// A note under the caret.
    pub label: Option<String>,
    /// What to do.
    pub hints: Vec<String>,
}

/// The one way a problem is made: [`Problem::error`] or [`Problem::warning`], then hints.
impl Problem {
    /// An error at `span`: the entry is left out.
    pub(crate) fn error(span: Range<usize>, message: impl Into<String>) -> Self {
        Self { error: true, span, message: message.into(), label: None, hints: Vec::new() }
    }

    /// A warning at `span`: the entry is read.
    pub(crate) fn warning(span: Range<usize>, message: impl Into<String>) -> Self {
        Self { error: false, ..Self::error(span, message) }
    }

    /// Adds what to do.
    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// A note under the caret.
    pub(crate) fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }
}

impl Problem {
    /// The same problem with its span moved by `by` bytes (wrapping: moving back by the same
    /// amount restores it exactly).
    pub(crate) fn shifted(mut self, by: usize) -> Self {
        self.span = self.span.start.wrapping_add(by)..self.span.end.wrapping_add(by);
        self
    }
}
