//! The text a snippet shows: the lines around a diagnostic's place, each cut to a window of
//! [`WINDOW`] bytes around the column (`…` where it is cut), as a codespan-reporting file that
//! reports the real line and column. Building one costs the size of the window, not of the line,
//! so many problems on one long line print in time proportional to what is printed. Pure.

use std::ops::Range;

use codespan_reporting::files::{Error as FilesError, Files};

use super::{SourceFile, WINDOW, floor_char_boundary};

/// The lines a snippet shows (the problem's lines and one on each side), each cut to a window,
/// with the label moved into it.
pub(super) struct Excerpt<'a> {
    source: Option<&'a SourceFile>,
    name: String,
    text: String,
    /// Per excerpt line: its start in `text`, the real line's index, where the window starts in
    /// the real text, and the bytes of `…` put before it.
    lines: Vec<(usize, usize, usize, usize)>,
}

impl<'a> Excerpt<'a> {
    /// No text: for a diagnostic without a place.
    pub(super) fn empty() -> Self {
        Self { source: None, name: String::new(), text: String::new(), lines: Vec::new() }
    }

    /// The excerpt for `span` of `source`, and the span moved into it.
    pub(super) fn new(source: &'a SourceFile, span: Range<usize>) -> (Self, Range<usize>) {
        let first = source.line_index(span.start);
        let last = source.line_index(span.end);
        let lines = first.saturating_sub(1)..=(last + 1).min(source.line_starts.len() - 1);
        let mut excerpt = Self {
            source: Some(source),
            name: source.path.display().to_string(),
            text: String::new(),
            lines: Vec::new(),
        };
        let mut moved = 0..0;
        for line in lines {
            let range = source.line_range(line);
            // The window holds the label's start on its first line, its end on its last.
            let anchor = if line == first {
                span.start
            } else if line == last {
                span.end
            } else {
                range.start
            };
            let (from, to) = window(&source.text, range.clone(), anchor);
            let start = excerpt.text.len();
            let mut prefix = 0;
            if from > range.start {
                excerpt.text.push('…');
                prefix = '…'.len_utf8();
            }
            excerpt.text.push_str(&source.text[from..to]);
            if to < range.end {
                excerpt.text.push('…');
            }
            excerpt.text.push('\n');
            let inside = |at: usize| start + prefix + at.clamp(from, to) - from;
            if line == first {
                moved.start = inside(span.start);
            }
            if line == last {
                moved.end = inside(span.end).max(moved.start);
            }
            excerpt.lines.push((start, line, from, prefix));
        }
        (excerpt, moved)
    }
}

/// The bytes `from..to` of the line `range` a snippet shows: all of a short line, else
/// [`WINDOW`] bytes around `anchor` (a third before it), on character boundaries.
fn window(text: &str, range: Range<usize>, anchor: usize) -> (usize, usize) {
    if range.len() <= WINDOW {
        return (range.start, range.end);
    }
    let anchor = anchor.clamp(range.start, range.end);
    let from = anchor.saturating_sub(WINDOW / 3).max(range.start);
    let to = (from + WINDOW).min(range.end);
    let from = to.saturating_sub(WINDOW).max(range.start);
    let mut ceil = from;
    while !text.is_char_boundary(ceil) {
        ceil += 1;
    }
    (ceil, floor_char_boundary(text, to).max(ceil))
}

impl<'a> Files<'a> for Excerpt<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.lines.partition_point(|l| l.0 <= byte_index).saturating_sub(1))
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, FilesError> {
        Ok(self.lines.get(line_index).map_or(line_index, |l| l.1) + 1)
    }

    fn column_number(&'a self, (): (), line_index: usize, byte_index: usize) -> Result<usize, FilesError> {
        let (Some(&(start, line, from, prefix)), Some(source)) = (self.lines.get(line_index), self.source) else {
            return Ok(1);
        };
        let real = from + byte_index.saturating_sub(start + prefix);
        Ok(source.chars_before(real) - source.chars_before(source.line_starts[line]) + 1)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, FilesError> {
        let start = self.lines.get(line_index).map_or(self.text.len(), |l| l.0);
        let end = self.lines.get(line_index + 1).map_or(self.text.len(), |l| l.0);
        Ok(start..end)
    }
}
