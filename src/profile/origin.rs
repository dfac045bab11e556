//! Where a profile's values were written, when it is read from several files (`--profile cv.yaml
//! --profile private.yaml`), a variant and the command line (`--set`).
//!
//! The sources are laid end to end in one range of positions, each from its own start, with a
//! gap of one between them (so an empty span at the end of one is not the start of the next): the
//! main profile first (from 0, so with one file a position is an offset in it), then the later
//! files, then the command line. Every value of the tree the profile was typed from
//! ([`super::tree::Node`]), and every `Spanned` value of the profile (its dates, its accent, its
//! page budget), carries such a position; [`Origin::locate`] turns it back into a file and a byte
//! range in it, and [`Origin::node`] finds the value written at a path. Pure.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::tree::Node;
use crate::diag::Diagnostic;

/// The name under which the command line's overrides are shown in messages, as if it were a file
/// holding one `--variant` or `--set` per line.
pub const COMMAND_LINE: &str = "<command line>";

/// Where a profile's values were written: its sources and the located tree it was typed from.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    sources: Vec<Source>,
    tree: Node,
}

/// One source of a profile and its place among the positions.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Source {
    path: PathBuf,
    start: usize,
    len: usize,
}

impl Origin {
    /// The sources `files` (path and length of text, the main profile first) and, when not
    /// empty, the command line (`command` bytes), laid end to end.
    pub fn new<'a>(files: impl IntoIterator<Item = (&'a Path, usize)>, command: usize) -> Self {
        let mut sources: Vec<Source> = Vec::new();
        let mut start = 0;
        let command = (command > 0).then_some((Path::new(COMMAND_LINE), command));
        for (path, len) in files.into_iter().chain(command) {
            sources.push(Source { path: path.to_owned(), start, len });
            start += len + 1;
        }
        Self { sources, tree: Node::default() }
    }

    /// A profile read from one file of `len` bytes (a JSON Resume).
    pub fn single(path: &Path, len: usize) -> Self {
        Self::new([(path, len)], 0)
    }

    /// Where the `i`-th source starts (the command line is the last).
    pub fn start(&self, i: usize) -> usize {
        self.sources.get(i).map_or(0, |s| s.start)
    }

    /// Where the command line starts, if it is a source.
    pub fn command_line_start(&self) -> Option<usize> {
        self.sources.last().filter(|s| s.path == Path::new(COMMAND_LINE)).map(|s| s.start)
    }

    /// The profile files, in the order they were merged (without the command line).
    pub fn files(&self) -> impl Iterator<Item = &Path> {
        self.sources.iter().map(|s| s.path.as_path()).filter(|p| *p != Path::new(COMMAND_LINE))
    }

    /// The source holding the position range `span` and the byte range in it.
    pub fn locate(&self, span: Range<usize>) -> Option<(&Path, Range<usize>)> {
        self.locate_source(span).map(|(_, path, range)| (path, range))
    }

    /// The number of the source holding the position range `span` (in the order given to
    /// [`Origin::new`], the command line last), its path and the byte range in it.
    pub fn locate_source(&self, span: Range<usize>) -> Option<(usize, &Path, Range<usize>)> {
        let i = self.sources.partition_point(|s| s.start <= span.start).checked_sub(1)?;
        let source = &self.sources[i];
        let start = span.start - source.start;
        if start > source.len {
            return None;
        }
        let end = span.end.saturating_sub(source.start).clamp(start, source.len);
        Some((i, source.path.as_path(), start..end))
    }

    /// `d` pointed at the position range `span`, in the source that holds it (at `span` in the
    /// main profile when no source does: a profile made without positions).
    pub fn point(&self, d: Diagnostic, span: Range<usize>) -> Diagnostic {
        match self.locate(span.clone()) {
            Some((path, range)) => d.at(path, range),
            None => match self.sources.first() {
                Some(main) => d.at(main.path.clone(), span),
                None => d,
            },
        }
    }

    /// The located tree the profile was typed from (`null` for a JSON Resume).
    pub fn tree(&self) -> &Node {
        &self.tree
    }

    /// Takes the located tree out (leaving `null`), to change it.
    pub fn take_tree(&mut self) -> Node {
        std::mem::take(&mut self.tree)
    }

    /// Keeps `tree` as the profile's located values.
    pub fn set_tree(&mut self, tree: Node) {
        self.tree = tree;
    }

    /// The value written at `path` (`["honors", "2", "url"]`), if the tree has it.
    pub fn node(&self, path: &[&str]) -> Option<&Node> {
        self.tree.at(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_map_back_to_their_file() {
        let origin = Origin::new([(Path::new("cv.yaml"), 10), (Path::new("private.yaml"), 5)], 8);
        assert_eq!(origin.start(1), 11);
        assert_eq!(origin.command_line_start(), Some(17));
        assert_eq!(origin.locate(3..6), Some((Path::new("cv.yaml"), 3..6)));
        assert_eq!(origin.locate(10..10), Some((Path::new("cv.yaml"), 10..10)), "the end of the first file");
        assert_eq!(origin.locate(12..14), Some((Path::new("private.yaml"), 1..3)));
        assert_eq!(origin.locate(18..20), Some((Path::new(COMMAND_LINE), 1..3)));
        assert_eq!(origin.locate(40..41), None);
        let files: Vec<&Path> = origin.files().collect();
        assert_eq!(files, [Path::new("cv.yaml"), Path::new("private.yaml")]);
    }
}
