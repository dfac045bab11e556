//! The BibTeX reader: one pass over the text, in the grammar `bibtex` itself reads, producing each
//! entry's fields as written and every problem at its place.
//!
//! What `bibtex` does, and so this reader: text outside an entry is a comment (no `%` needed);
//! `@comment` ends at its own name (what follows is more text outside entries); an entry is
//! `@type{key, name = value, …}` or with parentheses; a value is `{…}` (braces counted, a
//! backslash escapes nothing), `"…"` (ends at a `"` outside braces), a number or a macro name,
//! joined by `#`; macro names and entry types are case-insensitive; an `@string` is expanded
//! where it is defined (a macro used before its definition is undefined).
//!
//! Where `bibtex` and biber disagree, cvgen reads what either reads and warns, naming the tool
//! that would refuse it (a `%` line inside an entry, a repeated key, a `{` in a key). What both
//! refuse is an error here, and the entry is left out; the reader then goes on after the entry,
//! so every broken entry is reported in one run. Two guesses make the messages point at the real
//! mistake: a line starting with `@type{` while a value is still open ends that value (a
//! forgotten `}`), and a line inside braces that looks like `name = ` marks the brace left open.
//!
//! Linear in the input: every byte is looked at a bounded number of times. Pure: text in.

use std::collections::HashMap;
use std::ops::Range;

use super::{RawField, ValuePart, dates};

pub use super::problem::Problem;

/// An entry as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawEntry {
    /// The type, lowercased (`article`).
    pub kind: String,
    /// The key as written.
    pub key: String,
    /// Where the key is.
    pub key_span: Range<usize>,
    /// From `@` to the closing delimiter.
    pub span: Range<usize>,
    /// The fields in source order (a repeated field only once: the first, as `bibtex` reads it).
    pub fields: Vec<RawField>,
}

/// What a file holds, as read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Read {
    /// The entries that could be read, in source order.
    pub entries: Vec<RawEntry>,
    /// `@string` definitions in source order.
    pub strings: Vec<RawField>,
    /// `@preamble` values in source order.
    pub preambles: Vec<Vec<ValuePart>>,
    /// Every problem, in source order.
    pub problems: Vec<Problem>,
}

/// Reads `text`.
pub fn read(text: &str) -> Read {
    let mut reader =
        Reader { text, bytes: text.as_bytes(), pos: 0, out: Read::default(), macros: HashMap::new(), suspect: None };
    reader.run();
    reader.out
}

/// Whether `b` may be part of a BibTeX identifier (a type, a field or macro name): anything but
/// white space and `"#%'(),={}` (and `@`, which starts the next item).
fn is_id_byte(b: u8) -> bool {
    !(b.is_ascii_whitespace() || b.is_ascii_control() || b"\"#%'(),={}@".contains(&b))
}

struct Reader<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
    out: Read,
    /// `@string` macros defined so far: lowercase name → expanded text.
    macros: HashMap<String, String>,
    /// A brace in the entry being read that looked left open (a line like `name =` inside it):
    /// if the entry then never closes, this is the brace to blame.
    suspect: Option<usize>,
}

/// Why an entry could not be read: the problem, and where reading resumes.
struct Broken {
    problem: Problem,
    resume: usize,
}

impl<'t> Reader<'t> {
    fn run(&mut self) {
        let mut gap_start = 0;
        while let Some(at) = self.next_at(self.pos) {
            let Some((kind, open)) = self.head(at) else {
                self.pos = at + 1;
                continue;
            };
            self.stray_fields(gap_start, at);
            if kind == "comment" {
                // `bibtex` skips the word only; what follows is text outside entries.
                self.pos = at + 1 + "comment".len();
                gap_start = self.pos;
                continue;
            }
            match self.item(at, &kind, open) {
                Ok(end) => {
                    self.pos = end;
                    gap_start = end;
                }
                Err(Broken { problem, resume }) => {
                    self.out.problems.push(problem);
                    self.pos = resume.max(at + 1);
                    gap_start = self.pos;
                }
            }
        }
        self.stray_fields(gap_start, self.bytes.len());
    }

    /// Text outside entries that looks like a field (`name = {…}`): an extra `}` closed the entry
    /// above early, and what follows it is skipped (BibTeX skips it silently; biber warns).
    fn stray_fields(&mut self, from: usize, to: usize) {
        let mut offset = from;
        for line in self.text[from..to].split_inclusive('\n') {
            let trimmed = line.trim();
            if !trimmed.starts_with('%')
                && let Some(eq) = trimmed.find('=')
            {
                let name = trimmed[..eq].trim();
                let value = trimmed[eq + 1..].trim_start();
                let looks_like_field = !name.is_empty()
                    && name.bytes().all(|c| c.is_ascii_alphanumeric() || b"_-+:.".contains(&c))
                    && value.starts_with(|c: char| c == '{' || c == '"' || c.is_ascii_digit());
                if looks_like_field {
                    let start = offset + (line.len() - line.trim_start().len());
                    self.out.problems.push(
                        Problem::warning(start..start + name.len(), format!("field `{name}` is outside any entry"))
                            .hint("an extra `}` probably closed the entry above early: remove it; until then BibTeX skips this text, and so does cvgen"),
                    );
                    return;
                }
            }
            offset += line.len();
        }
    }

    /// The next `@` at or after `from`.
    fn next_at(&self, from: usize) -> Option<usize> {
        self.bytes.get(from..)?.iter().position(|&b| b == b'@').map(|i| from + i)
    }

    /// `@type{` or `@type(` at `at`: the lowercased type and the delimiter's offset.
    fn head(&self, at: usize) -> Option<(String, usize)> {
        let mut i = self.skip_space(at + 1);
        let start = i;
        while i < self.bytes.len() && is_id_byte(self.bytes[i]) {
            i += 1;
        }
        if i == start || self.bytes[start].is_ascii_digit() {
            return None;
        }
        let name = &self.text[start..i];
        let open = self.skip_space(i);
        if name.eq_ignore_ascii_case("comment") {
            return Some(("comment".to_owned(), open));
        }
        matches!(self.bytes.get(open), Some(b'{' | b'(')).then(|| (name.to_ascii_lowercase(), open))
    }

    fn skip_space(&self, mut i: usize) -> usize {
        while i < self.bytes.len() && self.bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    }

    /// Skips white space and, with a warning, `%` lines (a comment to biber, an error to
    /// `bibtex`), where a field name is expected.
    fn skip_space_and_comments(&mut self, mut i: usize) -> usize {
        loop {
            i = self.skip_space(i);
            if self.bytes.get(i) != Some(&b'%') {
                return i;
            }
            let end = self.line_end(i);
            self.out.problems.push(
                Problem::warning(i..end, "a `%` line inside an entry")
                    .hint("biber skips it as a comment, and so does cvgen, but `bibtex` stops reading the entry here: delete the line"),
            );
            i = end;
        }
    }

    fn line_end(&self, i: usize) -> usize {
        self.bytes[i..].iter().position(|&b| b == b'\n' || b == b'\r').map_or(self.bytes.len(), |n| i + n)
    }

    /// Reads the item whose `@` is at `at` and whose delimiter is at `open`; returns where it
    /// ends.
    fn item(&mut self, at: usize, kind: &str, open: usize) -> Result<usize, Broken> {
        self.suspect = None;
        let close = if self.bytes[open] == b'(' { b')' } else { b'}' };
        match kind {
            "preamble" => {
                let start = self.skip_space(open + 1);
                let (value, _, end, _) = self.value(start, close)?;
                let end = self.expect_close(at, kind, end, close)?;
                self.out.preambles.push(value);
                Ok(end)
            }
            "string" => {
                let start = self.skip_space(open + 1);
                let (name, name_span) = self.identifier(start).ok_or_else(|| {
                    self.broken(
                        at,
                        Problem::error(start..start + 1, "expected a macro name after `@string{`")
                            .hint("write `@string{name = {text}}`"),
                    )
                })?;
                let eq = self.skip_space(name_span.end);
                if self.bytes.get(eq) != Some(&b'=') {
                    return Err(self.broken(
                        at,
                        Problem::error(eq..eq + 1, "expected `=`").hint("write `@string{name = {text}}`"),
                    ));
                }
                let start = self.skip_space(eq + 1);
                let (value, value_span, end, expanded) = self.value(start, close)?;
                let end = self.expect_close(at, kind, end, close)?;
                self.macros.insert(name.to_ascii_lowercase(), expanded.clone());
                self.out.strings.push(RawField { name, name_span, value_span, value, text: expanded });
                Ok(end)
            }
            _ => self.entry(at, kind, open, close),
        }
    }

    fn entry(&mut self, at: usize, kind: &str, open: usize, close: u8) -> Result<usize, Broken> {
        let key_start = self.skip_space(open + 1);
        let mut i = key_start;
        while i < self.bytes.len() {
            let b = self.bytes[i];
            if b.is_ascii_whitespace() || b == b',' || (close == b'}' && b == b'}') {
                break;
            }
            i += 1;
        }
        let key_span = key_start..i;
        let key = self.text[key_span.clone()].to_owned();
        let after_key = self.skip_space(i);
        match self.bytes.get(after_key) {
            Some(b'=') => {
                let problem = Problem::error(key_span.clone(), format!("`@{kind}` entry has no key"))
                    .label("a field, where the citation key should be")
                    .hint(format!("write the key first: `@{kind}{{lovelace1843, {key} = …`"));
                return Err(self.broken(at, problem));
            }
            Some(&b) if b == b',' || b == close => {}
            None => return Err(self.never_closed(at, kind, open, close)),
            Some(_) => {
                let problem = Problem::error(after_key..after_key + 1, "expected `,` after the key")
                    .hint("a key has no spaces; a comma follows it");
                return Err(self.broken(at, problem));
            }
        }
        if key.is_empty() {
            let problem = Problem::error(open..open + 1, format!("`@{kind}` entry has no key"))
                .hint(format!("write the key first: `@{kind}{{lovelace1843, title = …`"));
            return Err(self.broken(at, problem));
        }
        if key.contains(['{', '"', '#', '%', '\'', '(', ')', '=']) {
            self.out
                .problems
                .push(Problem::warning(key_span.clone(), format!("the key `{key}` has a character biber refuses")).hint(
                "`bibtex` reads it, and so does cvgen; biber stops at it: keep keys to letters, digits and `:-_./+`",
            ));
        }
        if self.bytes[after_key] == close {
            self.out.problems.push(
                Problem::warning(key_span.clone(), format!("entry `{key}` has no comma after its key"))
                    .hint(format!("biber refuses `@{kind}{{{key}}}`; write `@{kind}{{{key},}}`")),
            );
            self.out.entries.push(RawEntry {
                kind: kind.to_owned(),
                key,
                key_span,
                span: at..after_key + 1,
                fields: Vec::new(),
            });
            return Ok(after_key + 1);
        }

        let mut fields: Vec<RawField> = Vec::new();
        let mut i = after_key + 1;
        loop {
            i = self.skip_space_and_comments(i);
            match self.bytes.get(i) {
                None => return Err(self.never_closed(at, kind, open, close)),
                Some(&b) if b == close => {
                    self.out.entries.push(RawEntry { kind: kind.to_owned(), key, key_span, span: at..i + 1, fields });
                    return Ok(i + 1);
                }
                _ => {}
            }
            let Some((name, name_span)) = self.identifier(i) else {
                let problem = if self.bytes[i] == b'@' {
                    self.never_closed(at, kind, open, close).problem
                } else {
                    Problem::error(i..i + 1, "expected a field name")
                        .hint("fields are `name = {value}`, separated by commas")
                };
                return Err(self.broken(at, problem));
            };
            let eq = self.skip_space(name_span.end);
            if self.bytes.get(eq) != Some(&b'=') {
                let problem = Problem::error(eq..eq + 1, "expected `=`").hint("write fields as `name = {value}`");
                return Err(self.broken(at, problem));
            }
            let start = self.skip_space(eq + 1);
            let (value, value_span, end, text) = self.value(start, close)?;
            match fields.iter().find(|f| f.name.eq_ignore_ascii_case(&name)) {
                Some(first) => {
                    let first = first.name.to_ascii_lowercase();
                    self.out.problems.push(
                        Problem::warning(
                            name_span.clone(),
                            format!("entry `{key}` has the field `{first}` more than once"),
                        )
                        .hint(format!("BibTeX reads only the first `{first}`, and so does cvgen: delete the others")),
                    );
                }
                None => fields.push(RawField { name, name_span, value_span, value, text }),
            }
            let after = self.skip_space(end);
            match self.bytes.get(after) {
                Some(b',') => i = after + 1,
                Some(&b) if b == close => i = after,
                None => return Err(self.never_closed(at, kind, open, close)),
                Some(b'@') if self.head(after).is_some() => return Err(self.never_closed(at, kind, open, close)),
                Some(_) => {
                    let problem = Problem::error(after..after + 1, "expected `,`")
                        .hint("a comma separates fields: add it at the end of the previous field");
                    return Err(self.broken(at, problem));
                }
            }
        }
    }

    /// A field or macro name at `i` (not starting with a digit).
    fn identifier(&self, i: usize) -> Option<(String, Range<usize>)> {
        let mut end = i;
        while end < self.bytes.len() && is_id_byte(self.bytes[end]) {
            end += 1;
        }
        (end > i && !self.bytes[i].is_ascii_digit()).then(|| (self.text[i..end].to_owned(), i..end))
    }

    /// A value at `start`: tokens joined by `#`. Returns the parts, the span from the first token
    /// to the last, and where the last token ends; macros are expanded as they are read (their
    /// definitions are those above this place in the file).
    fn value(&mut self, start: usize, close: u8) -> Result<(Vec<ValuePart>, Range<usize>, usize, String), Broken> {
        let mut parts = Vec::new();
        let mut expanded = String::new();
        let mut i = start;
        loop {
            let token_start = i;
            match self.bytes.get(i) {
                Some(b'{') => {
                    let end = self.braced(i)?;
                    expanded.push_str(&self.text[i + 1..end]);
                    parts.push(ValuePart::Text(self.text[i + 1..end].to_owned()));
                    i = end + 1;
                }
                Some(b'"') => {
                    let end = self.quoted(i)?;
                    expanded.push_str(&self.text[i + 1..end]);
                    parts.push(ValuePart::Text(self.text[i + 1..end].to_owned()));
                    i = end + 1;
                }
                Some(b) if b.is_ascii_digit() => {
                    let mut end = i;
                    while end < self.bytes.len() && self.bytes[end].is_ascii_digit() {
                        end += 1;
                    }
                    expanded.push_str(&self.text[i..end]);
                    parts.push(ValuePart::Text(self.text[i..end].to_owned()));
                    i = end;
                }
                _ => match self.identifier(i) {
                    Some((name, span)) => {
                        self.expand_macro(&name, span.clone(), &mut expanded);
                        parts.push(ValuePart::Macro(name));
                        i = span.end;
                    }
                    None => {
                        let item = self.item_start(token_start);
                        let problem = if self.bytes.get(i) == Some(&close) || self.bytes.get(i) == Some(&b',') {
                            Problem::error(i..i + 1, "expected a value")
                                .hint("write the value in braces: `name = {value}`")
                        } else {
                            Problem::error(i..i + 1, "expected a value in braces or quotes")
                                .hint("write the value in braces: `name = {value}`")
                        };
                        return Err(self.broken(item, problem));
                    }
                },
            }
            let after = self.skip_space(i);
            if self.bytes.get(after) == Some(&b'#') {
                i = self.skip_space(after + 1);
                continue;
            }
            return Ok((parts, start..i, i, expanded));
        }
    }

    /// The `@` of the item being read that contains `i`: the last `@` before it that starts an
    /// item (for recovery only; an error is rare, so the backward search costs nothing overall).
    fn item_start(&self, i: usize) -> usize {
        let mut at = i;
        while let Some(found) = self.bytes[..at].iter().rposition(|&b| b == b'@') {
            if self.head(found).is_some() {
                return found;
            }
            at = found;
        }
        0
    }

    /// The `}` that closes the `{` at `open` (braces counted, nothing escaped).
    fn braced(&mut self, open: usize) -> Result<usize, Broken> {
        self.balanced(open + 1, open, None)
    }

    /// The `"` that ends the quoted value opening at `open` (a `"` inside braces is text).
    fn quoted(&mut self, open: usize) -> Result<usize, Broken> {
        self.balanced(open + 1, open, Some(b'"'))
    }

    /// Scans balanced braces from `from`: without `quote`, to the `}` that closes an already open
    /// brace; with it, to that byte outside braces. A line that starts an item while still open
    /// ends the scan with an error at the brace (or quote) most likely left open.
    fn balanced(&mut self, from: usize, open: usize, quote: Option<u8>) -> Result<usize, Broken> {
        let mut stack: Vec<usize> = if quote.is_none() { vec![open] } else { Vec::new() };
        let mut suspect: Option<usize> = None;
        let mut i = from;
        while i < self.bytes.len() {
            match self.bytes[i] {
                b'{' => stack.push(i),
                b'}' => {
                    if stack.pop().is_none() {
                        // `"…}…"`: a `}` closing nothing inside a quoted value.
                        let item = self.item_start(open);
                        let problem = Problem::error(i..i + 1, "this `}` closes no `{` in a quoted value")
                            .hint("braces inside a value must balance; remove it or add its `{`");
                        return Err(self.broken(item, problem));
                    }
                    if quote.is_none() && stack.is_empty() {
                        self.suspect = self.suspect.or(suspect);
                        return Ok(i);
                    }
                }
                b'"' if quote == Some(b'"') && stack.is_empty() => {
                    self.suspect = self.suspect.or(suspect);
                    return Ok(i);
                }
                b',' if suspect.is_none() && !stack.is_empty() && self.looks_like_field(i + 1) => {
                    suspect = stack.last().copied();
                }
                b'\n' | b'\r' => {
                    let line = self.skip_blank(i + 1);
                    if suspect.is_none() && !stack.is_empty() && self.looks_like_field(line) {
                        suspect = stack.last().copied();
                    }
                    if self.bytes.get(line) == Some(&b'@') && self.head(line).is_some() {
                        let innermost = suspect.or(stack.last().copied()).unwrap_or(open);
                        return Err(Broken { problem: self.unclosed(innermost), resume: line });
                    }
                }
                _ => {}
            }
            i += 1;
        }
        let innermost = suspect.or(stack.last().copied()).unwrap_or(open);
        Err(Broken { problem: self.unclosed(innermost), resume: self.bytes.len() })
    }

    /// Spaces and tabs from `i` (not newlines: a run of blank lines is scanned once).
    fn skip_blank(&self, mut i: usize) -> usize {
        while i < self.bytes.len() && matches!(self.bytes[i], b' ' | b'\t') {
            i += 1;
        }
        i
    }

    /// Whether the text at `i` (after blanks) reads `name =`.
    fn looks_like_field(&self, i: usize) -> bool {
        let i = self.skip_blank(i);
        let mut end = i;
        while end < self.bytes.len() && (self.bytes[end].is_ascii_alphanumeric() || b"_-+:.".contains(&self.bytes[end]))
        {
            end += 1;
        }
        end > i && self.bytes.get(self.skip_blank(end)) == Some(&b'=')
    }

    fn unclosed(&self, brace: usize) -> Problem {
        if self.bytes[brace] == b'"' {
            return Problem::error(brace..brace + 1, "this `\"` is never closed")
                .hint("add the closing `\"`; this entry was skipped, the others were read");
        }
        Problem::error(brace..brace + 1, "unclosed `{`: this brace has no matching `}`")
            .hint("add the missing `}`; this entry was skipped, the others were read")
    }

    /// The entry opened at `open` reaches the end of the file or the next item: its own brace
    /// is never closed, or a brace inside it that looked left open took its `}`.
    fn never_closed(&self, at: usize, kind: &str, open: usize, close: u8) -> Broken {
        let resume = self.next_item_line(open + 1).unwrap_or(self.bytes.len());
        if let Some(brace) = self.suspect {
            return Broken { problem: self.unclosed(brace), resume };
        }
        Broken {
            problem: Problem::error(at..open + 1, format!("`@{kind}` block is never closed"))
                .hint(format!("add the closing `{}` at the end of the entry", close as char)),
            resume,
        }
    }

    /// Recovery after an error in the item at `at`: go on at the next item (an `@type{` that
    /// starts a line, else any later `@type{`).
    fn broken(&self, at: usize, problem: Problem) -> Broken {
        let from = problem.span.end.max(at + 1);
        let resume = self.next_item_line(from).or_else(|| self.next_head(from)).unwrap_or(self.bytes.len());
        Broken { problem, resume }
    }

    fn next_item_line(&self, from: usize) -> Option<usize> {
        let mut i = from;
        while let Some(nl) = self.bytes.get(i..)?.iter().position(|&b| b == b'\n' || b == b'\r') {
            let line = self.skip_blank(i + nl + 1);
            if self.bytes.get(line) == Some(&b'@') && self.head(line).is_some() {
                return Some(line);
            }
            i = i + nl + 1;
        }
        None
    }

    fn next_head(&self, from: usize) -> Option<usize> {
        let mut i = from;
        while let Some(at) = self.next_at(i) {
            if self.head(at).is_some() {
                return Some(at);
            }
            i = at + 1;
        }
        None
    }

    fn expect_close(&self, at: usize, kind: &str, end: usize, close: u8) -> Result<usize, Broken> {
        let i = self.skip_space(end);
        match self.bytes.get(i) {
            Some(&b) if b == close => Ok(i + 1),
            None => Err(self.never_closed(at, kind, at + 1 + kind.len(), close)),
            Some(_) => Err(self.broken(
                at,
                Problem::error(i..i + 1, format!("expected `{}` to end the `@{kind}`", close as char))
                    .hint(format!("an `@{kind}` holds one value; join texts with `#`")),
            )),
        }
    }

    /// Appends what the macro `name` (written at `span`) stands for, as `bibtex` expands it: a
    /// macro defined earlier in the file, else a month name for `jan` … `dec`, else nothing
    /// (with a warning: `bibtex` warns and reads it as empty too).
    fn expand_macro(&mut self, name: &str, span: Range<usize>, out: &mut String) {
        if let Some(text) = self.macros.get(&name.to_ascii_lowercase()) {
            out.push_str(text);
            return;
        }
        if let Some(m) = dates::month_of_macro(name) {
            out.push_str(dates::month_name(m));
            return;
        }
        let known = self.out.strings.iter().map(|s| s.name.as_str());
        let problem = Problem::warning(span, format!("undefined macro `{name}`"));
        let problem = match crate::diag::closest(name, known) {
            Some(best) => problem.hint(format!("did you mean `{best}`?")),
            None => problem.hint(format!(
                "define it above its first use with `@string{{{name} = {{…}}}}`, or put the value in braces"
            )),
        };
        self.out.problems.push(problem.hint("BibTeX reads it as empty, and so does cvgen"));
    }
}
