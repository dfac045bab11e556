//! The CV as Markdown for a Jekyll or Hugo site: by default the publications page (each list, its
//! groups, the legend of the marks and the citation line), with `all` the whole CV. A page opens
//! with YAML front matter holding its `title`, which both generators need to render it, and the
//! keys the profile gives under `export.markdown.front_matter` (a theme's `layout`, `permalink`,
//! `nav`), each value written as JSON, which is YAML to Jekyll and Hugo alike.
//!
//! The owner's name is strong (or emphasised, as `publications.highlight` says), marks follow the
//! names, a badge is a code span, awards are strong, links are Markdown links; rich text keeps its
//! looks and a citation prints its label. Every string is escaped so that it prints as written in
//! CommonMark (pulldown-cmark, Hugo's goldmark) and in kramdown (Jekyll): Markdown punctuation is
//! backslash-escaped, `&`, `<`, `>` and `~` become character references, and so do `{` and `}`,
//! so that no Liquid tag or Hugo shortcode can start (a backslash does not stop Liquid), a line never begins a heading, list or
//! quote, and a link's address is percent-encoded where it could end the link. A link that is not
//! a web, mail or phone address is written as its text. Pure.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::Exported;
use super::shared::{self, safe_url};
use crate::model::{Cv, EntryOut, Publication, PublicationList, Section, SectionBody, Span};
use crate::profile::Highlight;

/// The page.
pub fn export(cv: &Cv, all: bool, front_matter: &BTreeMap<String, serde_json::Value>) -> Exported {
    let lists: Vec<&Section> = cv.sections.iter().filter(|s| matches!(s.body, SectionBody::Publications(_))).collect();
    let title = if all {
        cv.meta.title.clone()
    } else {
        lists.first().map_or_else(|| "Publications".to_owned(), |s| s.title.clone())
    };
    let mut page = Page { out: String::new(), cv, first_list: true };
    page.out.push_str("---\n");
    if !front_matter.contains_key("title") {
        let _ = writeln!(page.out, "title: {}", yaml_string(&title));
    }
    for (key, value) in front_matter {
        let plain = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        let key = if plain { key.clone() } else { yaml_string(key) };
        let _ = writeln!(page.out, "{key}: {value}");
    }
    page.out.push_str("---\n");
    if all {
        page.header();
        for section in &cv.sections {
            page.section(section, 2);
        }
        page.paragraph(&format!("*{}*", escape(&format!("{} {}", cv.meta.words.updated, cv.meta.updated))));
    } else if let [only] = lists.as_slice() {
        if let SectionBody::Publications(list) = &only.body {
            page.publications(list, 2);
        }
    } else {
        for section in lists {
            page.section(section, 2);
        }
    }
    Exported { text: page.out, diagnostics: Vec::new(), publications: shared::listed(cv).len() }
}

/// A page being written.
struct Page<'a> {
    out: String,
    cv: &'a Cv,
    /// Whether no publication list has been written yet (the citation line goes under the first).
    first_list: bool,
}

impl Page<'_> {
    /// A block, after a blank line.
    fn paragraph(&mut self, markdown: &str) {
        self.out.push('\n');
        self.out.push_str(markdown);
        self.out.push('\n');
    }

    fn heading(&mut self, level: usize, text: &str) {
        let text = escape(text.trim());
        if !text.is_empty() {
            self.paragraph(&format!("{} {text}", "#".repeat(level.min(6))));
        }
    }

    fn header(&mut self) {
        let person = &self.cv.person;
        let name = match &person.native_name {
            Some(native) => format!("{} ({native})", person.name),
            None => person.name.clone(),
        };
        self.heading(1, &name);
        if let Some(spans) = &person.headline_spans {
            self.paragraph(&line_start(&rich(spans)));
        }
        let contacts: Vec<String> = person
            .contacts
            .iter()
            .map(|c| match c.url.as_deref().and_then(safe_url) {
                Some(url) => link(&escape(&c.label), &url),
                None => escape(&c.label),
            })
            .collect();
        if !contacts.is_empty() {
            self.paragraph(&line_start(&contacts.join(" · ")));
        }
    }

    fn section(&mut self, section: &Section, level: usize) {
        if let Some(group) = &section.group_title {
            self.heading(level, group);
        }
        let level = if section.subheading { level + 1 } else { level };
        self.heading(level, &section.title);
        if let Some(intro) = &section.intro_spans {
            self.paragraph(&line_start(&rich(intro)));
        }
        match &section.body {
            SectionBody::Text { text_spans, .. } => self.paragraph(&line_start(&rich(text_spans))),
            SectionBody::List { items_spans, .. } => {
                let items: Vec<String> = items_spans.iter().map(|s| rich(s)).collect();
                self.bullets(&items);
            }
            SectionBody::Entries { entries, .. } => {
                self.out.push('\n');
                for e in entries {
                    self.entry(e);
                }
            }
            SectionBody::Skills { rows } => {
                let items: Vec<String> = rows
                    .iter()
                    .map(|r| {
                        let items: Vec<String> = r.items.iter().map(|i| escape(i)).collect();
                        format!("**{}:** {}", escape(&r.label), items.join(", "))
                    })
                    .collect();
                self.bullets(&items);
            }
            SectionBody::Publications(list) => self.publications(list, level + 1),
        }
    }

    fn bullets(&mut self, items: &[String]) {
        self.out.push('\n');
        for item in items {
            let _ = writeln!(self.out, "- {}", line_start(item));
        }
    }

    /// An entry: one item with its title, organisation, place and date, then its description and
    /// details nested under it.
    fn entry(&mut self, e: &EntryOut) {
        let title = strong(&e.title_spans);
        let mut line = match e.url.as_deref().and_then(safe_url) {
            Some(url) if !e.title_spans.iter().any(|s| s.link.is_some()) => link(&title, &url),
            _ => title,
        };
        for cite in &e.papers {
            line.push(' ');
            line.push_str(&escape(&cite.text));
        }
        if let Some(subtitle) = &e.subtitle_spans {
            let _ = write!(line, ", {}", rich(subtitle));
        }
        if let Some(location) = &e.location {
            let _ = write!(line, ", {}", escape(location));
        }
        if let Some(date) = &e.date {
            let _ = write!(line, " ({})", escape(date));
        }
        let _ = writeln!(self.out, "- {}", line_start(&line));
        if let Some(description) = &e.description_spans {
            let _ = writeln!(self.out, "  - {}", line_start(&rich(description)));
        }
        for (i, detail) in e.details_spans.iter().enumerate() {
            let _ = writeln!(self.out, "  - {}", line_start(&rich(detail)));
            for sub in e.subdetails_spans.get(i).into_iter().flatten() {
                let _ = writeln!(self.out, "    - {}", line_start(&rich(sub)));
            }
        }
    }

    fn publications(&mut self, list: &PublicationList, level: usize) {
        if std::mem::take(&mut self.first_list)
            && let Some(summary) = &self.cv.citations
        {
            self.paragraph(&line_start(&format!("*{}*", escape(&summary.text))));
        }
        if !list.legend.is_empty() {
            let legend: Vec<String> =
                list.legend.iter().map(|l| escape(&format!("{} {}", l.symbol, l.meaning))).collect();
            self.paragraph(&line_start(&legend.join(" · ")));
        }
        for group in &list.groups {
            if !group.title.is_empty() {
                self.heading(level, &group.title);
            }
            self.out.push('\n');
            for p in &group.items {
                let item = self.publication(p);
                let _ = writeln!(self.out, "- {}", line_start(&item));
            }
        }
    }

    /// A paper on one line: label, title, authors, badge, venue and year, details, note, awards,
    /// links and its citation count.
    fn publication(&self, p: &Publication) -> String {
        let words = &self.cv.meta.words;
        let mut parts: Vec<String> = Vec::new();
        let mut head = String::new();
        if let Some(label) = &p.label {
            let _ = write!(head, "{} ", escape(&format!("[{label}]")));
        }
        head.push_str(&sentence(&escape(&p.title), &p.title));
        parts.push(head);
        if !p.authors.is_empty() || p.et_al {
            let names: Vec<String> = p
                .authors
                .iter()
                .map(|a| {
                    let name = escape(&a.name);
                    let shown = if a.owner { self.owner(&name) } else { name };
                    format!("{shown}{}", escape(&a.marks))
                })
                .collect();
            let line = shared::join_names(&names, p.et_al, words, &self.cv.meta.lang);
            let last = if p.et_al {
                words.et_al.clone()
            } else {
                p.authors.last().map(|a| a.marks.clone()).unwrap_or_default()
            };
            parts.push(sentence(&line, if last.is_empty() { "x" } else { &last }));
        }
        let place = shared::place(p, words, |venue| format!("*{}*", escape(venue)), escape);
        let mut where_ = place.join(", ");
        if let Some(badge) = &p.venue_short {
            where_ = format!("{} {where_}", code(badge));
        }
        if !where_.trim().is_empty() {
            parts.push(format!("{}.", where_.trim_end()));
        }
        if let Some(note) = &p.note {
            parts.push(sentence(&escape(note), note));
        }
        for award in &p.awards {
            let name = escape(&format!("{}: {}", words.award, award.name));
            let shown = match award.url.as_deref().and_then(safe_url) {
                Some(url) => link(&format!("**{name}**"), &url),
                None => format!("**{name}**"),
            };
            parts.push(format!("{shown}."));
        }
        let mut links: Vec<String> =
            p.links.iter().filter_map(|l| safe_url(&l.url).map(|url| link(&escape(&l.label), &url))).collect();
        if let Some(n) = p.cited_by {
            links.push(escape(&words.cited_by.replace("{n}", &n.to_string())));
        }
        if !links.is_empty() {
            parts.push(links.join(" · "));
        }
        parts.join(" ")
    }

    /// The owner's name with the look `publications.highlight` asks for (Markdown has no
    /// underline: it is strong).
    fn owner(&self, name: &str) -> String {
        match self.cv.design.highlight {
            Highlight::Italic => format!("*{name}*"),
            Highlight::Bold | Highlight::Underline | Highlight::BoldUnderline => format!("**{name}**"),
        }
    }
}

/// `text` (already escaped) ending in one full stop: none is added after `?`, `!`, `.` or `…`
/// at the end of `plain`.
fn sentence(text: &str, plain: &str) -> String {
    if plain.trim_end().ends_with(['.', '?', '!', '…']) { text.to_owned() } else { format!("{text}.") }
}

/// Rich text as Markdown: strong, emphasis, code spans and links as written, a citation as its
/// label. Spaces at the edges of a styled run go outside its markers, which would not close
/// otherwise.
pub fn rich(spans: &[Span]) -> String {
    let mut out = String::new();
    for span in spans {
        let trimmed = span.text.trim();
        if trimmed.is_empty() {
            out.push_str(&escape(&span.text));
            continue;
        }
        let lead = &span.text[..span.text.len() - span.text.trim_start().len()];
        let trail = &span.text[span.text.trim_end().len()..];
        let mut body = if span.code { code(trimmed) } else { escape(trimmed) };
        if span.emph {
            body = format!("*{body}*");
        }
        if span.sup {
            body = format!("<sup>{body}</sup>");
        }
        if span.strong {
            body = format!("**{body}**");
        }
        if let Some(url) = span.link.as_deref().and_then(safe_url) {
            body = link(&body, &url);
        }
        out.push_str(&escape(lead));
        out.push_str(&body);
        out.push_str(&escape(trail));
    }
    out
}

/// Rich text that is strong as a whole, unless some of it already is.
fn strong(spans: &[Span]) -> String {
    if spans.iter().any(|s| s.strong) || spans.iter().all(|s| s.text.trim().is_empty()) {
        return rich(spans);
    }
    let text = rich(spans);
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    format!("{lead}**{}**{trail}", text.trim())
}

/// `[text](url)`, the address percent-encoded where it could end the link or start a template
/// tag.
fn link(text: &str, url: &str) -> String {
    let mut encoded = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii_control() || c == ' ' || "()<>\\\"`{}|^[]".contains(c) {
            let _ = write!(encoded, "%{:02X}", c as u32);
        } else {
            encoded.push(c);
        }
    }
    format!("[{text}]({encoded})")
}

/// A code span that shows `text` as written: fenced with more backticks than it holds. Text
/// with a brace (a Liquid or Hugo tag is read inside code spans too) or a line end is escaped
/// text instead.
fn code(text: &str) -> String {
    if text.contains(['{', '}', '\n', '\r', '&', '<']) || text.trim().is_empty() {
        return escape(text);
    }
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Text that prints as written inside a line: Markdown punctuation backslash-escaped, `&`, `<`,
/// `>`, `~`, `{` and `}` as character references, line ends as spaces.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '$' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '~' => out.push_str("&#126;"),
            // A Liquid tag (`{%`, `{{`) or a Hugo shortcode starts at a brace whatever precedes it.
            '{' => out.push_str("&#123;"),
            '}' => out.push_str("&#125;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A line that never starts a block: a leading `-`, `+`, `=`, `:` or a number and `.` or `)`
/// (a list, a heading underline, a kramdown definition) is escaped; leading spaces (a code
/// block) are dropped.
fn line_start(markdown: &str) -> String {
    let line = markdown.trim_start();
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if line.starts_with(['-', '+', '=', ':']) {
        format!("\\{line}")
    } else if digits > 0 && line[digits..].starts_with(['.', ')']) {
        format!("{}\\{}", &line[..digits], &line[digits..])
    } else {
        line.to_owned()
    }
}

/// A YAML double-quoted scalar (a JSON string is one).
fn yaml_string(text: &str) -> String {
    serde_json::to_string(text).expect("a string is JSON")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markdown_html_and_template_tags() {
        assert_eq!(escape("a*b_c`d[e]|f"), r"a\*b\_c\`d\[e\]\|f");
        assert_eq!(escape("<script>&"), "&lt;script&gt;&amp;");
        assert_eq!(escape("{{ site.x }} {% raw %}"), "&#123;&#123; site.x &#125;&#125; &#123;% raw %&#125;");
        assert_eq!(escape("a\nb"), "a b");
        assert_eq!(line_start("1. x"), r"1\. x");
        assert_eq!(line_start("- x"), r"\- x");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("{x}"), "&#123;x&#125;");
        assert_eq!(link("t", "https://x.org/a (b)"), "[t](https://x.org/a%20%28b%29)");
    }
}
