//! Rich text in profile fields: a small inline Markdown subset, parsed with `pulldown-cmark` into
//! spans the templates place as text, never as markup.
//!
//! | written | shown |
//! | --- | --- |
//! | `**bold**` | bold |
//! | `*italic*` or `_italic_` | italic |
//! | `` `code` `` | monospace |
//! | `[text](https://…)` | a link |
//! | `[@zhu2025apollo]` | the paper's label (`[I11]`), linked to it in the PDF |
//! | `[@a; @b; @c]` | one bracket of labels, ordered and compressed (`[C1–C3]`, [`super::cite`]) |
//! | `2^nd^` | superscript (`2nd` with `nd` raised) |
//! | `\*`, `\[`, `\_`, `` \` ``, `\^`, `\\` | the character itself (CommonMark's backslash escapes) |
//!
//! Only inline Markdown: a field is one paragraph, so a line starting with `#`, `-`, `>`, `1.` or
//! four spaces is text, not a heading, list, quote or code block; HTML tags print as written.
//! Pure.

use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use serde::Serialize;

/// A run of text with one look.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Span {
    /// The text, to be placed as text.
    pub text: String,
    /// Bold.
    #[serde(skip_serializing_if = "is_false")]
    pub strong: bool,
    /// Italic.
    #[serde(skip_serializing_if = "is_false")]
    pub emph: bool,
    /// Monospace (`` `code` ``).
    #[serde(skip_serializing_if = "is_false")]
    pub code: bool,
    /// Superscript (`2^nd^`).
    #[serde(skip_serializing_if = "is_false")]
    pub sup: bool,
    /// A web address the text links to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// The key of the paper a citation names (`[@key]`); its `text` is the paper's label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cite: Option<String>,
    /// The label of the paper's entry in the document, to link to (absent when no list shows it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// What a theme that does not show the paper prints in place of its label: its short title
    /// and year (`APOLLO, 2025`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fallback: Option<String>,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// Parses a field's Markdown into spans; a citation comes back as one span with `cite` set to
/// what its brackets hold (`@a; @b`) and `text` to the citation as written (`[@a; @b]`), for
/// [`super::cite`] to label. Brackets count as a citation when a word in them starts with `@`
/// (`[see @a, p. 3]` too, which [`cite_keys`] then refuses); `[a@b.org]` is text.
pub fn parse(text: &str) -> Vec<Span> {
    let source = mark_superscripts(&inline_only(text));
    // A citation is a link to nowhere of an `…Unknown` type (only this callback makes those),
    // its key the link's `id`. The destination is empty: the parser budgets the bytes that
    // callbacks return (at most the text's length) and would stop resolving citations after
    // 4,678 of them on one 140 KB line, printing the rest as text without a word.
    let mut callback = |link: BrokenLink<'_>| {
        citation_like(link.reference.trim()).then_some((CowStr::Borrowed(""), CowStr::Borrowed("")))
    };
    let parser = Parser::new_with_broken_link_callback(&source, Options::empty(), Some(&mut callback));
    let mut spans: Vec<Span> = Vec::new();
    let (mut strong, mut emph, mut sup) = (0usize, 0usize, 0usize);
    let mut links: Vec<Option<String>> = Vec::new();
    let mut cite: Option<(String, String)> = None;
    let push = |spans: &mut Vec<Span>, text: &str, code: bool, looks: [usize; 3], link: Option<String>| {
        if text.is_empty() {
            return;
        }
        let [strong, emph, sup] = looks;
        let span = Span {
            text: text.to_owned(),
            strong: strong > 0,
            emph: emph > 0,
            sup: sup > 0,
            code,
            link,
            ..Span::default()
        };
        match spans.last_mut() {
            Some(last)
                if last.cite.is_none()
                    && Span { text: String::new(), ..last.clone() } == Span { text: String::new(), ..span.clone() } =>
            {
                last.text.push_str(&span.text)
            }
            _ => spans.push(span),
        }
    };
    for event in parser {
        let link = links.iter().rev().find_map(Clone::clone);
        let looks = [strong, emph, sup];
        match event {
            Event::Start(Tag::Strong) => strong += 1,
            Event::End(TagEnd::Strong) => strong = strong.saturating_sub(1),
            Event::Start(Tag::Emphasis) => emph += 1,
            Event::End(TagEnd::Emphasis) => emph = emph.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, link_type, id, .. }) => {
                if matches!(
                    link_type,
                    LinkType::ShortcutUnknown | LinkType::CollapsedUnknown | LinkType::ReferenceUnknown
                ) {
                    cite = Some((id.trim().to_owned(), String::new()));
                    links.push(None);
                } else {
                    let url = match link_type {
                        LinkType::Email => format!("mailto:{dest_url}"),
                        _ => dest_url.to_string(),
                    };
                    links.push(Some(url));
                }
            }
            Event::End(TagEnd::Link) => {
                links.pop();
                if let Some((inner, _)) = cite.take() {
                    spans.push(Span { text: format!("[{inner}]"), cite: Some(inner), ..Span::default() });
                }
            }
            Event::Text(text) if cite.is_some() => {
                if let Some((_, written)) = &mut cite {
                    written.push_str(&text);
                }
            }
            Event::Text(text) => {
                // A superscript's marks split the text; each part has its own look.
                let mut rest: &str = &text;
                while let Some(at) = rest.find([SUP_START, SUP_END]) {
                    push(&mut spans, &rest[..at], false, [strong, emph, sup], link.clone());
                    let mark = rest[at..].chars().next().unwrap_or(SUP_END);
                    sup = if mark == SUP_START { sup + 1 } else { sup.saturating_sub(1) };
                    rest = &rest[at + mark.len_utf8()..];
                }
                push(&mut spans, rest, false, [strong, emph, sup], link);
            }
            Event::InlineHtml(text) | Event::Html(text) => push(&mut spans, &text, false, looks, link),
            Event::Code(text) => push(&mut spans, &text, true, looks, link),
            Event::SoftBreak | Event::HardBreak => push(&mut spans, " ", false, looks, link),
            _ => {}
        }
    }
    // A trailing space from a line break adds nothing.
    if let Some(last) = spans.last_mut()
        && last.cite.is_none()
    {
        let trimmed = last.text.trim_end().len();
        last.text.truncate(trimmed);
    }
    spans.retain(|s| !s.text.is_empty() || s.cite.is_some());
    spans
}

/// Private-use characters that stand for a superscript's `^…^` while CommonMark parses the
/// text (CommonMark has no superscript; pulldown-cmark's opens only between words, not in
/// `2^nd^`).
const SUP_START: char = '\u{E000}';
const SUP_END: char = '\u{E001}';

/// `text` with each superscript `^…^` (no space or `^` inside, on one line) marked by
/// [`SUP_START`] and [`SUP_END`]; an escaped `\^` and a caret in a code span stay as written.
fn mark_superscripts(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut code: Option<usize> = None;
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        match c {
            '\\' if code.is_none() => {
                out.push(c);
                i += 1;
                if let Some(next) = text[i..].chars().next() {
                    out.push(next);
                    i += next.len_utf8();
                }
                continue;
            }
            '`' => {
                let run = text[i..].bytes().take_while(|b| *b == b'`').count();
                code = match code {
                    None => Some(run),
                    Some(open) if open == run => None,
                    still => still,
                };
                out.push_str(&text[i..i + run]);
                i += run;
                continue;
            }
            '^' if code.is_none() => {
                let rest = &text[i + 1..];
                let end = rest.find(|c: char| c == '^' || c.is_whitespace()).filter(|&e| e > 0);
                if let Some(end) = end.filter(|&e| rest[e..].starts_with('^') && !rest[..e].ends_with('\\')) {
                    out.push(SUP_START);
                    out.push_str(&rest[..end]);
                    out.push(SUP_END);
                    i += end + 2;
                    continue;
                }
                out.push(c);
            }
            c => out.push(c),
        }
        i += c.len_utf8();
    }
    out
}

/// Whether bracketed text is meant as a citation: a word in it starts with `@` and a letter,
/// digit or `_`.
fn citation_like(inner: &str) -> bool {
    let bytes = inner.as_bytes();
    inner.match_indices('@').any(|(at, _)| {
        let starts_word = at == 0 || matches!(bytes[at - 1], b' ' | b'\t' | b'\n' | b';' | b',' | b'(');
        starts_word && bytes.get(at + 1).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
    })
}

/// The keys of a citation's brackets (`@a; @b; @c`, as [`parse`] leaves them in `cite`), or
/// `None` when they hold anything else (a prefix `see`, a locator `p. 3`, a key without `@`).
pub fn cite_keys(inner: &str) -> Option<Vec<String>> {
    inner
        .split(';')
        .map(|part| {
            let key = part.trim().strip_prefix('@')?;
            let ok =
                !key.is_empty() && !key.contains(|c: char| c.is_whitespace() || matches!(c, '@' | ',' | '[' | ']'));
            ok.then(|| key.to_owned())
        })
        .collect()
}

/// `text` with every line made a line of paragraph text: leading spaces removed (no code
/// block), a character that would start a heading, list, quote, rule or fence escaped, and the
/// colon of a line shaped like a link reference definition (`[draft]: https://…`, which
/// CommonMark would swallow) escaped, so the line prints as written.
fn inline_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = line.trim_start();
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        let block = line.starts_with(['#', '>', '-', '+', '=', '|', '~'])
            || line.starts_with("* ")
            || line == "*"
            || line.starts_with("```")
            || line.starts_with("***")
            || (digits > 0 && line[digits..].starts_with(['.', ')']));
        if block && digits > 0 {
            out.push_str(&line[..digits]);
            out.push('\\');
            out.push_str(&line[digits..]);
        } else if block {
            out.push('\\');
            out.push_str(line);
        } else if let Some(colon) = definition_colon(line) {
            out.push_str(&line[..colon]);
            out.push('\\');
            out.push_str(&line[colon..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Where the colon is in a line that opens like a link reference definition (`[label]:`).
fn definition_colon(line: &str) -> Option<usize> {
    let rest = line.strip_prefix('[')?;
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' => return None,
            ']' => return rest[i + 1..].starts_with(':').then_some(i + 2),
            _ => {}
        }
    }
    None
}

/// The text of spans without their looks (citations as their printed text).
pub fn plain(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

/// What the brackets of each citation of spans hold (`@a; @b`), in order.
pub fn cites(spans: &[Span]) -> impl Iterator<Item = &str> {
    spans.iter().filter_map(|s| s.cite.as_deref())
}

/// The web links of spans, in order.
pub fn links(spans: &[Span]) -> impl Iterator<Item = &str> {
    spans.iter().filter_map(|s| s.link.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<(String, &'static str)> {
        parse(text)
            .into_iter()
            .map(|s| {
                let look = match (s.strong, s.emph, s.code, s.link.is_some(), s.cite.is_some()) {
                    (_, _, _, _, true) => "cite",
                    (_, _, _, true, _) => "link",
                    (true, true, _, _, _) => "strong emph",
                    (true, _, _, _, _) => "strong",
                    (_, true, _, _, _) => "emph",
                    (_, _, true, _, _) => "code",
                    _ => "",
                };
                (s.text, look)
            })
            .collect()
    }

    #[test]
    fn the_subset_reads_as_documented() {
        assert_eq!(
            shown("Led **APOLLO** (*MLSys*) with `torch` [code](https://github.com/x) [@zhu2025apollo]."),
            [
                ("Led ".to_owned(), ""),
                ("APOLLO".to_owned(), "strong"),
                (" (".to_owned(), ""),
                ("MLSys".to_owned(), "emph"),
                (") with ".to_owned(), ""),
                ("torch".to_owned(), "code"),
                (" ".to_owned(), ""),
                ("code".to_owned(), "link"),
                (" ".to_owned(), ""),
                ("[@zhu2025apollo]".to_owned(), "cite"),
                (".".to_owned(), ""),
            ]
        );
        assert_eq!(cites(&parse("see [@a] and [@b-2]")).collect::<Vec<_>>(), ["@a", "@b-2"]);
    }

    #[test]
    fn superscripts_are_raised_and_an_escaped_caret_is_text() {
        let spans = parse("ranked 2^nd^/57, x\\^2, a^b");
        let raised: Vec<&str> = spans.iter().filter(|s| s.sup).map(|s| s.text.as_str()).collect();
        assert_eq!(raised, ["nd"]);
        assert_eq!(plain(&spans), "ranked 2nd/57, x^2, a^b");
        // A caret in code or in a phrase with a space is text.
        let spans = parse("`a^b^` and 1^st place^");
        assert!(spans.iter().all(|s| !s.sup), "{spans:?}");
        assert_eq!(plain(&spans), "a^b^ and 1^st place^");
        let spans = parse("**10^9^** ops");
        assert_eq!(spans.iter().filter(|s| s.sup && s.strong).map(|s| s.text.as_str()).collect::<Vec<_>>(), ["9"]);
    }

    #[test]
    fn backslash_escapes_and_block_syntax_are_text() {
        assert_eq!(plain(&parse(r"A\* search, \[not a link\](x), C\\D")), r"A* search, [not a link](x), C\D");
        for text in
            ["# not a heading", "- not a list", "> not a quote", "1. not a list", "    not code", "---", "* star"]
        {
            assert_eq!(plain(&parse(text)), text.trim_start(), "{text:?}");
        }
    }

    #[test]
    fn lines_shaped_like_reference_definitions_print_as_written() {
        for text in ["[draft]: https://example.org/notes", "Intro\n[x]: y", "[a\\]b]: c"] {
            assert_eq!(plain(&parse(text)), text.replace('\n', " ").replace("\\]", "]"), "{text:?}");
        }
        let spans = parse("[@zhu2025apollo]: the paper");
        assert_eq!(cites(&spans).collect::<Vec<_>>(), ["@zhu2025apollo"]);
        assert_eq!(plain(&spans), "[@zhu2025apollo]: the paper");
    }

    #[test]
    fn typst_and_html_syntax_print_as_written() {
        for text in
            [r#"#read("/etc/passwd")"#, "$x^2$", "@label", "a ] b", "<script>alert(1)</script>", "<b>not bold</b>"]
        {
            let spans = parse(text);
            assert_eq!(plain(&spans), text, "{text:?}");
            assert!(spans.iter().all(|s| !s.strong && s.link.is_none()), "{text:?}: {spans:?}");
        }
    }

    #[test]
    fn citation_brackets_hold_keys_or_are_refused() {
        assert_eq!(cites(&parse("[@a; @b-2;@c]")).collect::<Vec<_>>(), ["@a; @b-2;@c"]);
        assert_eq!(cite_keys("@a; @b-2;@c"), Some(vec!["a".to_owned(), "b-2".to_owned(), "c".to_owned()]));
        for refused in ["see @a", "@a, p. 3", "@a; b", "@a;", "@a @b"] {
            assert_eq!(cite_keys(refused), None, "{refused}");
        }
        assert_eq!(cites(&parse("[see @a, p. 3]")).collect::<Vec<_>>(), ["see @a, p. 3"]);
        // Not citations: an address, a lone `@`, a link.
        for text in ["[mail a@b.org]", "[@ home]", "[@a](https://x.org)"] {
            assert_eq!(cites(&parse(text)).count(), 0, "{text}");
        }
    }
}
