//! Splits a BibTeX file into its items (`@type{…}` blocks) by brace matching, before any parsing.
//!
//! The `biblatex` crate stops at the first error and reports it where it noticed, often at the
//! start of the *next* entry. Splitting first lets cvgen parse each item on its own: an unclosed
//! brace on line 9 is reported on line 9, and every other entry still loads. This module only
//! finds boundaries and structural faults; it does not interpret fields.

use std::ops::Range;

/// One `@…` block of a BibTeX file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The type as written after `@`, lowercased (`article`, `string`, `comment`).
    pub kind: String,
    /// Byte range of the whole block, from `@` to the closing delimiter.
    pub span: Range<usize>,
}

/// A structural fault: where, what, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// Where the fault is.
    pub span: Range<usize>,
    /// Byte range of the item that had to be skipped because of it.
    pub item: Range<usize>,
    /// Lowercase message.
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

/// Splits `text` into items and structural faults.
pub fn split(text: &str) -> (Vec<Item>, Vec<Fault>) {
    let bytes = text.as_bytes();
    let mut items = Vec::new();
    let mut faults = Vec::new();
    let mut pos = 0;
    let mut previous_end: Option<usize> = None;
    while let Some(at) = next_item_start(text, pos) {
        if let Some(end) = previous_end
            && let Some(fault) = stray_field(text, end, at)
        {
            faults.push(fault);
        }
        let (kind, open) = match item_head(text, at) {
            Some(head) => head,
            None => {
                pos = at + 1;
                continue;
            }
        };
        let close_byte = if bytes[open] == b'(' { b')' } else { b'}' };
        match find_close(text, open, close_byte) {
            Ok(close) => {
                items.push(Item { kind, span: at..close + 1 });
                pos = close + 1;
                previous_end = Some(pos);
            }
            Err(Unclosed { innermost, resume }) => {
                let item = at..resume;
                let (span, message, hint) = if innermost == open {
                    (
                        at..open + 1,
                        format!("`@{kind}` block is never closed"),
                        format!("add the closing `{}` at the end of the entry", close_byte as char),
                    )
                } else {
                    (
                        innermost..innermost + 1,
                        "unclosed `{`: this brace has no matching `}`".to_owned(),
                        "add the missing `}`; this entry was skipped, the others were read".to_owned(),
                    )
                };
                faults.push(Fault { span, item, message, hint });
                pos = resume;
                previous_end = None;
            }
        }
    }
    if let Some(end) = previous_end
        && let Some(fault) = stray_field(text, end, text.len())
    {
        faults.push(fault);
    }
    (items, faults)
}

/// The next `@` that starts an item: `@` followed by letters and `{` or `(`, not inside a `%`
/// comment line and not in the middle of a word (an e-mail address in free text).
fn next_item_start(text: &str, from: usize) -> Option<usize> {
    let mut search = from;
    while let Some(rel) = text[search..].find('@') {
        let at = search + rel;
        search = at + 1;
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        if text[line_start..at].contains('%') {
            continue;
        }
        let prev = text[..at].chars().next_back();
        if prev.is_some_and(|c| c.is_alphanumeric()) {
            continue;
        }
        if item_head(text, at).is_some() {
            return Some(at);
        }
    }
    None
}

/// Reads `@type` and whitespace up to the opening delimiter; returns the type and its offset.
fn item_head(text: &str, at: usize) -> Option<(String, usize)> {
    let rest = &text[at + 1..];
    let name_len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).unwrap_or(rest.len());
    if name_len == 0 {
        return None;
    }
    let after = &rest[name_len..];
    let ws = after.len() - after.trim_start().len();
    let open = at + 1 + name_len + ws;
    match text.as_bytes().get(open) {
        Some(b'{') | Some(b'(') => Some((rest[..name_len].to_ascii_lowercase(), open)),
        _ => None,
    }
}

struct Unclosed {
    /// The innermost brace still open when the block was given up.
    innermost: usize,
    /// Where scanning resumes (the next line that starts an item, or the end).
    resume: usize,
}

/// Finds the delimiter closing the block opened at `open`. Gives up at a line that starts a new
/// item while braces are still open, the usual shape of a forgotten `}`.
fn find_close(text: &str, open: usize, close_byte: u8) -> Result<usize, Unclosed> {
    let bytes = text.as_bytes();
    let mut stack = vec![open];
    // The innermost brace open when a line that looks like a new field began: the usual place
    // of a forgotten `}` (`title = {Open,` followed by `year = …`).
    let mut suspect: Option<usize> = None;
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => {
                i += 2;
                continue;
            }
            b'{' => stack.push(i),
            // `{Open, author = …` on one line: a field inside a value means its brace was left
            // open (a comma and `name =` rarely occur inside a title).
            b',' if suspect.is_none() && stack.len() > 1 && starts_like_field(text[i + 1..].trim_start()) => {
                suspect = stack.last().copied();
            }
            b'}' if close_byte == b'}' || stack.len() > 1 => {
                stack.pop();
                if stack.is_empty() {
                    return Ok(i);
                }
            }
            b')' if close_byte == b')' && stack.len() == 1 => return Ok(i),
            b'\n' => {
                let line = &text[i + 1..];
                let trimmed = line.trim_start();
                if suspect.is_none() && stack.len() > 1 && starts_like_field(trimmed) {
                    suspect = stack.last().copied();
                }
                if trimmed.starts_with('@') {
                    let at = i + 1 + (line.len() - trimmed.len());
                    if item_head(text, at).is_some() {
                        let innermost = suspect.or(stack.last().copied()).unwrap_or(open);
                        return Err(Unclosed { innermost, resume: at });
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    Err(Unclosed { innermost: suspect.or(stack.last().copied()).unwrap_or(open), resume: text.len() })
}

/// Whether a line starts like `name = `.
fn starts_like_field(line: &str) -> bool {
    let name_len = line.find(|c: char| !(c.is_ascii_alphanumeric() || "_-+:.".contains(c))).unwrap_or(0);
    name_len > 0 && line[name_len..].trim_start().starts_with('=')
}

/// Text between two items that looks like a field (`name = {…}`): an extra `}` closed the
/// previous entry early, and BibTeX would silently drop what follows.
fn stray_field(text: &str, from: usize, to: usize) -> Option<Fault> {
    let gap = &text[from..to];
    let mut offset = from;
    for line in gap.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.starts_with('%')
            && let Some(eq) = trimmed.find('=')
        {
            let name = trimmed[..eq].trim();
            let value = trimmed[eq + 1..].trim_start();
            let looks_like_field = !name.is_empty()
                && name.chars().all(|c| c.is_ascii_alphanumeric() || "_-+:.".contains(c))
                && (value.starts_with('{')
                    || value.starts_with('"')
                    || value.starts_with(|c: char| c.is_ascii_digit()));
            if looks_like_field {
                let start = offset + (line.len() - line.trim_start().len());
                return Some(Fault {
                    span: start..start + name.len(),
                    item: start..start,
                    message: format!("field `{name}` is outside any entry"),
                    hint: "an extra `}` probably closed the entry above early; remove it".to_owned(),
                });
            }
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_entries_and_strings() {
        let text = "% c\n@string{x = {y}}\n@article{a, title={T{e}st}}\n\n@book(b, title={B})\n";
        let (items, faults) = split(text);
        assert!(faults.is_empty(), "{faults:?}");
        let kinds: Vec<_> = items.iter().map(|i| i.kind.as_str()).collect();
        assert_eq!(kinds, ["string", "article", "book"]);
        assert_eq!(&text[items[1].span.clone()], "@article{a, title={T{e}st}}");
    }

    #[test]
    fn unclosed_brace_is_reported_where_it_is_and_later_entries_survive() {
        let text = "@article{a,\n  title = {Open,\n  year = 2020\n}\n@article{b, title={ok}}\n";
        let (items, faults) = split(text);
        assert_eq!(items.len(), 1);
        assert_eq!(&text[items[0].span.clone()], "@article{b, title={ok}}");
        assert_eq!(faults.len(), 1);
        assert_eq!(faults[0].span.start, text.find("{Open").unwrap());
    }

    #[test]
    fn unclosed_brace_on_one_line_is_found() {
        let text = "@article{a, title = {Open, author = {A}, year = 2020}\n\n@article{b, title={ok}}\n";
        let (items, faults) = split(text);
        assert_eq!(items.len(), 1);
        assert_eq!(faults[0].span.start, text.find("{Open").unwrap());
        assert_eq!(faults[0].message, "unclosed `{`: this brace has no matching `}`");
    }

    #[test]
    fn email_in_free_text_is_not_an_entry() {
        let (items, _) = split("write to me@example.org{x}\n@misc{k, note={n}}");
        assert_eq!(items.len(), 1);
    }

    #[test]
    fn extra_closing_brace_is_caught() {
        let text = "@article{a,\n  title = {T}},\n  year = {2020},\n}\n";
        let (_, faults) = split(text);
        assert_eq!(faults.len(), 1);
        assert_eq!(faults[0].message, "field `year` is outside any entry");
    }
}
