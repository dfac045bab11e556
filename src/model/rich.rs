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
//! | `\*`, `\[`, `\_`, `` \` ``, `\\` | the character itself (CommonMark's backslash escapes) |
//!
//! Only inline Markdown: a field is one paragraph, so a line starting with `#`, `-`, `>`, `1.` or
//! four spaces is text, not a heading, list, quote or code block; HTML tags print as written.
//! Pure.

use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use serde::Serialize;

/// The link target a citation `[@key]` becomes while parsing.
const CITE: &str = "cite:";

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
    /// A web address the text links to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// The key of the paper a citation names (`[@key]`); its `text` is the paper's label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cite: Option<String>,
    /// The label of the paper's entry in the document, to link to (absent when no list shows it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// Parses a field's Markdown into spans; citations come back as spans with `cite` set and
/// the citation as written in `text` (`[@key]`), for [`resolve`] to label.
pub fn parse(text: &str) -> Vec<Span> {
    let source = inline_only(text);
    let mut callback = |link: BrokenLink<'_>| {
        let reference = link.reference.trim();
        let key = reference.strip_prefix('@')?;
        (!key.is_empty() && !key.contains(char::is_whitespace))
            .then(|| (CowStr::from(format!("{CITE}{key}")), CowStr::from(String::new())))
    };
    let parser = Parser::new_with_broken_link_callback(&source, Options::empty(), Some(&mut callback));
    let mut spans: Vec<Span> = Vec::new();
    let (mut strong, mut emph) = (0usize, 0usize);
    let mut links: Vec<Option<String>> = Vec::new();
    let mut cite: Option<(String, String)> = None;
    let push = |spans: &mut Vec<Span>, text: &str, code: bool, strong: usize, emph: usize, link: Option<String>| {
        if text.is_empty() {
            return;
        }
        let span = Span { text: text.to_owned(), strong: strong > 0, emph: emph > 0, code, link, ..Span::default() };
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
        match event {
            Event::Start(Tag::Strong) => strong += 1,
            Event::End(TagEnd::Strong) => strong = strong.saturating_sub(1),
            Event::Start(Tag::Emphasis) => emph += 1,
            Event::End(TagEnd::Emphasis) => emph = emph.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, link_type, .. }) => {
                if let Some(key) = dest_url.strip_prefix(CITE) {
                    cite = Some((key.to_owned(), String::new()));
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
                if let Some((key, _)) = cite.take() {
                    spans.push(Span { text: format!("[@{key}]"), cite: Some(key), ..Span::default() });
                }
            }
            Event::Text(text) if cite.is_some() => {
                if let Some((_, written)) = &mut cite {
                    written.push_str(&text);
                }
            }
            Event::Text(text) | Event::InlineHtml(text) | Event::Html(text) => {
                push(&mut spans, &text, false, strong, emph, link)
            }
            Event::Code(text) => push(&mut spans, &text, true, strong, emph, link),
            Event::SoftBreak | Event::HardBreak => push(&mut spans, " ", false, strong, emph, link),
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

/// The citation keys of spans, in order.
pub fn cites(spans: &[Span]) -> impl Iterator<Item = &str> {
    spans.iter().filter_map(|s| s.cite.as_deref())
}

/// The web links of spans, in order.
pub fn links(spans: &[Span]) -> impl Iterator<Item = &str> {
    spans.iter().filter_map(|s| s.link.as_deref())
}

/// How a citation prints: its text and the document label it links to, if any.
pub type Resolved = (String, Option<String>);

/// Gives every citation its printed text and link target from `resolve` (a key it does not
/// know keeps its `[@key]` text).
pub fn resolve(spans: &mut [Span], resolve: &dyn Fn(&str) -> Option<Resolved>) {
    for span in spans.iter_mut() {
        if let Some(key) = &span.cite
            && let Some((text, target)) = resolve(key)
        {
            span.text = text;
            span.target = target;
        }
    }
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
        assert_eq!(cites(&parse("see [@a] and [@b-2]")).collect::<Vec<_>>(), ["a", "b-2"]);
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
        assert_eq!(cites(&spans).collect::<Vec<_>>(), ["zhu2025apollo"]);
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
    fn citations_resolve_to_labels_and_unknown_keys_stay_written() {
        let mut spans = parse("Best Paper [@apollo], [@gone]");
        resolve(&mut spans, &|key| (key == "apollo").then(|| ("[I11]".to_owned(), Some("pub-apollo".to_owned()))));
        assert_eq!(plain(&spans), "Best Paper [I11], [@gone]");
        assert_eq!(spans[1].target.as_deref(), Some("pub-apollo"));
    }
}
