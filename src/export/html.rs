//! The CV as one self-contained, accessible HTML5 page: the same sections, entries and
//! publications as the PDF, with the owner emphasised as `publications.highlight` says, the marks
//! as superscripts with their legend, badges, awards, links and citation counts, and the rich
//! text of the profile (a citation links to the paper's entry, `#pub-KEY`).
//!
//! Semantic elements (`header`, `main`, `section` labelled by its `h2`, `article` per entry,
//! lists, `cite`, `time`), the page's `lang`, and a stylesheet in the page with a print version;
//! no script, no font or image from elsewhere. Every text and attribute is escaped (`&`, `<`,
//! `>`, `"`, `'`), and a link is written only to a web, mail or phone address. Pure.

use std::collections::HashSet;
use std::fmt::Write;

use super::Exported;
use super::shared::{self, safe_url};
use crate::model::{Cv, EntryOut, Publication, PublicationList, Section, SectionBody, Span};
use crate::profile::Highlight;

/// The stylesheet; `ACCENT` is replaced by the CV's accent colour and `FONT` by its font list.
const STYLE: &str = r#"
:root { --accent: ACCENT; --muted: #555; }
body { font-family: FONT; max-width: 52rem; margin: 2rem auto; padding: 0 1.2rem; line-height: 1.45; color: #111; }
header { text-align: center; margin-bottom: 1.5rem; }
h1 { margin: 0; font-size: 2rem; }
h1 .native { font-weight: normal; color: var(--muted); margin-left: 0.4em; }
.headline { margin: 0.3rem 0; font-style: italic; }
.contacts { list-style: none; padding: 0; margin: 0.3rem 0; }
.contacts li { display: inline; }
.contacts li + li::before { content: " · "; color: var(--muted); }
h2 { color: var(--accent); border-bottom: 1px solid var(--accent); font-size: 1.15rem; font-variant: small-caps; letter-spacing: 0.04em; margin: 1.6rem 0 0.6rem; }
h3 { font-size: 1rem; margin: 0.9rem 0 0.2rem; }
article.entry h3 { margin-bottom: 0; }
.meta, .legend, .citations, .cited, .date, .label { color: var(--muted); }
.meta { margin: 0; }
article.entry { margin-bottom: 0.8rem; }
article.entry ul, article.entry p { margin: 0.2rem 0; }
ul.compact { list-style: none; padding: 0; }
ul.compact .date { float: right; }
dl.skills { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem; }
dl.skills dt { font-weight: bold; }
dl.skills dd { margin: 0; }
ul.publications { list-style: none; padding: 0; }
ul.publications li { margin-bottom: 0.7rem; }
ul.publications cite { font-style: normal; font-weight: bold; }
.owner.u { text-decoration: underline; }
.badge { font-size: 0.8em; font-weight: 600; color: var(--accent); border: 1px solid var(--accent); border-radius: 3px; padding: 0 0.3em; }
.award { color: #8a5a00; font-weight: 600; }
.links { font-size: 0.9em; }
a { color: var(--accent); }
footer { margin-top: 2rem; font-size: 0.85em; color: var(--muted); }
@media print {
  @page { margin: 1.6cm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; color: #000; }
  a { color: inherit; text-decoration: none; }
  h2, h3 { break-after: avoid; }
  li, article.entry { break-inside: avoid; }
}
"#;

/// The page.
pub fn export(cv: &Cv) -> Exported {
    let mut page = Page { out: String::with_capacity(64 * 1024), cv, ids: HashSet::new(), first_list: true };
    page.document();
    Exported { text: page.out, diagnostics: Vec::new(), publications: shared::listed(cv).len() }
}

struct Page<'a> {
    out: String,
    cv: &'a Cv,
    /// Element ids given so far: each is given once.
    ids: HashSet<String>,
    /// Whether no publication list has been written yet (the citation line goes under the first).
    first_list: bool,
}

impl Page<'_> {
    fn document(&mut self) {
        let cv = self.cv;
        let accent = cv.design.accent.as_deref().filter(|a| is_colour(a)).unwrap_or("#1f3a5f");
        let font = match cv.design.font.as_deref().filter(|f| is_font_name(f)) {
            Some(font) => format!("\"{font}\", Georgia, serif"),
            None => "Georgia, \"Times New Roman\", serif".to_owned(),
        };
        let _ = write!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"author\" content=\"{}\">\n<meta name=\"keywords\" content=\"{}\">\n\
             <meta name=\"generator\" content=\"{}\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
            esc(&cv.meta.lang),
            esc(&cv.meta.author),
            esc(&cv.meta.keywords.join(", ")),
            esc(&cv.meta.generator),
            esc(&cv.meta.title),
            STYLE.replace("ACCENT", accent).replace("FONT", &font),
        );
        self.header();
        self.out.push_str("<main>\n");
        for section in &cv.sections {
            self.section(section);
        }
        self.out.push_str("</main>\n");
        let _ = write!(
            self.out,
            "<footer><p>{} <time datetime=\"{}\">{}</time></p></footer>\n</body>\n</html>\n",
            esc(&cv.meta.words.updated),
            esc(&cv.meta.updated_iso),
            esc(&cv.meta.updated)
        );
    }

    fn header(&mut self) {
        let person = &self.cv.person;
        self.out.push_str("<header>\n<h1>");
        self.out.push_str(&esc(&person.name));
        if let Some(native) = &person.native_name {
            let _ = write!(self.out, "<span class=\"native\">{}</span>", esc(native));
        }
        self.out.push_str("</h1>\n");
        if let Some(spans) = &person.headline_spans {
            let _ = writeln!(self.out, "<p class=\"headline\">{}</p>", rich(spans));
        }
        if !person.contacts.is_empty() {
            self.out.push_str("<ul class=\"contacts\">");
            for c in &person.contacts {
                let label = esc(&c.label);
                let item = match c.url.as_deref().and_then(safe_url) {
                    Some(url) => anchor(&url, &label),
                    None => label,
                };
                let _ = write!(self.out, "<li>{item}</li>");
            }
            self.out.push_str("</ul>\n");
        }
        self.out.push_str("</header>\n");
    }

    /// An id not given before, from `wanted`.
    fn id(&mut self, wanted: &str) -> String {
        let base: String =
            wanted.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
        let base = if base.is_empty() { "section".to_owned() } else { base };
        let mut id = base.clone();
        let mut n = 1;
        while !self.ids.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        id
    }

    fn section(&mut self, section: &Section) {
        let id = self.id(&format!("section-{}", section.id));
        let heading = self.id(&format!("heading-{}", section.id));
        if let Some(group) = &section.group_title {
            let _ = writeln!(self.out, "<h2>{}</h2>", esc(group));
        }
        let tag = if section.subheading { "h3" } else { "h2" };
        let _ = write!(
            self.out,
            "<section id=\"{}\" aria-labelledby=\"{}\">\n<{tag} id=\"{}\">{}</{tag}>\n",
            esc(&id),
            esc(&heading),
            esc(&heading),
            esc(&section.title)
        );
        if let Some(intro) = &section.intro_spans {
            let _ = writeln!(self.out, "<p>{}</p>", rich(intro));
        }
        match &section.body {
            SectionBody::Text { text_spans, .. } => {
                let _ = writeln!(self.out, "<p>{}</p>", rich(text_spans));
            }
            SectionBody::List { items_spans, .. } => {
                self.out.push_str("<ul>\n");
                for item in items_spans {
                    let _ = writeln!(self.out, "<li>{}</li>", rich(item));
                }
                self.out.push_str("</ul>\n");
            }
            SectionBody::Entries { compact: true, entries } => {
                self.out.push_str("<ul class=\"compact\">\n");
                for e in entries {
                    let _ = writeln!(self.out, "<li>{}</li>", compact(e));
                }
                self.out.push_str("</ul>\n");
            }
            SectionBody::Entries { compact: false, entries } => {
                for e in entries {
                    self.entry(e);
                }
            }
            SectionBody::Skills { rows } => {
                self.out.push_str("<dl class=\"skills\">\n");
                for r in rows {
                    let items: Vec<String> = r.items.iter().map(|i| esc(i)).collect();
                    let _ = writeln!(self.out, "<dt>{}</dt><dd>{}</dd>", esc(&r.label), items.join(", "));
                }
                self.out.push_str("</dl>\n");
            }
            SectionBody::Publications(list) => self.publications(list),
        }
        self.out.push_str("</section>\n");
    }

    fn entry(&mut self, e: &EntryOut) {
        let mut title = rich(&e.title_spans);
        if let Some(url) = e.url.as_deref().and_then(safe_url)
            && !e.title_spans.iter().any(|s| s.link.is_some() || s.target.is_some())
        {
            title = anchor(&url, &title);
        }
        let _ = write!(self.out, "<article class=\"entry\">\n<h3>{title}{}</h3>\n", papers(e));
        let meta = meta(e);
        if !meta.is_empty() {
            let _ = writeln!(self.out, "<p class=\"meta\">{meta}</p>");
        }
        if let Some(description) = &e.description_spans {
            let _ = writeln!(self.out, "<p>{}</p>", rich(description));
        }
        if !e.details_spans.is_empty() {
            self.out.push_str("<ul>\n");
            for (i, detail) in e.details_spans.iter().enumerate() {
                let sub = e.subdetails_spans.get(i).filter(|sub| !sub.is_empty());
                match sub {
                    None => {
                        let _ = writeln!(self.out, "<li>{}</li>", rich(detail));
                    }
                    Some(sub) => {
                        let items: String = sub.iter().map(|s| format!("<li>{}</li>", rich(s))).collect();
                        let _ = writeln!(self.out, "<li>{}<ul>{items}</ul></li>", rich(detail));
                    }
                }
            }
            self.out.push_str("</ul>\n");
        }
        self.out.push_str("</article>\n");
    }

    fn publications(&mut self, list: &PublicationList) {
        if std::mem::take(&mut self.first_list)
            && let Some(summary) = &self.cv.citations
        {
            let _ = writeln!(self.out, "<p class=\"citations\">{}</p>", esc(&summary.text));
        }
        if !list.legend.is_empty() {
            let legend: Vec<String> =
                list.legend.iter().map(|l| format!("<sup>{}</sup> {}", esc(&l.symbol), esc(&l.meaning))).collect();
            let _ = writeln!(self.out, "<p class=\"legend\">{}</p>", legend.join(" · "));
        }
        for group in &list.groups {
            if !group.title.is_empty() {
                let _ = writeln!(self.out, "<h3>{}</h3>", esc(&group.title));
            }
            self.out.push_str("<ul class=\"publications\">\n");
            for p in &group.items {
                let id = match &p.anchor {
                    Some(anchor) if self.ids.insert(anchor.clone()) => format!(" id=\"{}\"", esc(anchor)),
                    _ => String::new(),
                };
                let _ = writeln!(self.out, "<li{id}>{}</li>", self.publication(p));
            }
            self.out.push_str("</ul>\n");
        }
    }

    fn publication(&self, p: &Publication) -> String {
        let words = &self.cv.meta.words;
        let mut out = String::new();
        if let Some(label) = &p.label {
            let _ = write!(out, "<span class=\"label\">[{}]</span> ", esc(label));
        }
        let _ = write!(out, "<cite>{}</cite>", esc(&p.title));
        if !p.authors.is_empty() || p.et_al {
            let names: Vec<String> = p
                .authors
                .iter()
                .map(|a| {
                    let name = esc(&a.name);
                    let shown = if a.owner { self.owner(&name) } else { name };
                    if a.marks.is_empty() { shown } else { format!("{shown}<sup>{}</sup>", esc(&a.marks)) }
                })
                .collect();
            let line = shared::join_names(&names, p.et_al, words, &self.cv.meta.lang);
            let _ = write!(out, "<br>\n<span class=\"authors\">{line}</span>");
        }
        let place = shared::place(p, words, |venue| format!("<em>{}</em>", esc(venue)), esc);
        if p.venue_short.is_some() || !place.is_empty() {
            out.push_str("<br>\n");
            if let Some(badge) = &p.venue_short {
                let _ = write!(out, "<span class=\"badge\">{}</span> ", esc(badge));
            }
            if !place.is_empty() {
                let _ = write!(out, "{}.", place.join(", "));
            }
        }
        if let Some(note) = &p.note {
            let _ = write!(out, " <span class=\"note\">{}</span>", esc(note));
        }
        for award in &p.awards {
            let name = esc(&award.name);
            let name = match award.url.as_deref().and_then(safe_url) {
                Some(url) => anchor(&url, &name),
                None => name,
            };
            let _ = write!(out, "<br>\n<span class=\"award\">{}: {name}</span>", esc(&words.award));
        }
        let links: Vec<String> =
            p.links.iter().filter_map(|l| safe_url(&l.url).map(|url| anchor(&url, &esc(&l.label)))).collect();
        let cited = p.cited_by.map(|n| esc(&words.cited_by.replace("{n}", &n.to_string())));
        if !links.is_empty() || cited.is_some() {
            out.push_str("<br>\n");
            if !links.is_empty() {
                let _ = write!(out, "<span class=\"links\">{}</span>", links.join(" · "));
            }
            if let Some(cited) = cited {
                let _ =
                    write!(out, "{}<span class=\"cited\">{cited}</span>", if links.is_empty() { "" } else { " · " });
            }
        }
        out
    }

    /// The owner's name (already escaped) with the look `publications.highlight` asks for.
    fn owner(&self, name: &str) -> String {
        match self.cv.design.highlight {
            Highlight::Bold => format!("<strong class=\"owner\">{name}</strong>"),
            Highlight::BoldUnderline => format!("<strong class=\"owner u\">{name}</strong>"),
            Highlight::Underline => format!("<span class=\"owner u\">{name}</span>"),
            Highlight::Italic => format!("<em class=\"owner\">{name}</em>"),
        }
    }
}

/// The organisation, place and date of an entry, on one line.
fn meta(e: &EntryOut) -> String {
    let mut parts = Vec::new();
    if let Some(subtitle) = &e.subtitle_spans {
        parts.push(rich(subtitle));
    }
    if let Some(location) = &e.location {
        parts.push(esc(location));
    }
    if let Some(date) = &e.date {
        parts.push(format!("<span class=\"date\">{}</span>", esc(date)));
    }
    parts.join(" · ")
}

/// An entry on one line (honors, talks, service).
fn compact(e: &EntryOut) -> String {
    let mut out = String::new();
    if let Some(date) = &e.date {
        let _ = write!(out, "<span class=\"date\">{}</span> ", esc(date));
    }
    let title = rich(&e.title_spans);
    match e.url.as_deref().and_then(safe_url) {
        Some(url) if !e.title_spans.iter().any(|s| s.link.is_some() || s.target.is_some()) => {
            out.push_str(&anchor(&url, &title))
        }
        _ => out.push_str(&title),
    }
    out.push_str(&papers(e));
    if let Some(subtitle) = &e.subtitle_spans {
        let _ = write!(out, ", {}", rich(subtitle));
    }
    if let Some(description) = &e.description_spans {
        let _ = write!(out, " ({})", rich(description));
    }
    out
}

/// The citations of the papers an entry names, each linked to the paper.
fn papers(e: &EntryOut) -> String {
    e.papers.iter().map(|span| format!(" {}", rich(std::slice::from_ref(span)))).collect()
}

/// Rich text as HTML: `strong`, `em`, `code`, links, and citations linked to their paper.
pub fn rich(spans: &[Span]) -> String {
    let mut out = String::new();
    for span in spans {
        let mut body = esc(&span.text);
        if span.code {
            body = format!("<code>{body}</code>");
        }
        if span.emph {
            body = format!("<em>{body}</em>");
        }
        if span.sup {
            body = format!("<sup>{body}</sup>");
        }
        if span.strong {
            body = format!("<strong>{body}</strong>");
        }
        if let Some(url) = span.link.as_deref().and_then(safe_url) {
            body = anchor(&url, &body);
        } else if let Some(target) = &span.target {
            body = format!("<a href=\"#{}\">{body}</a>", fragment(target));
        }
        out.push_str(&body);
    }
    out
}

/// `<a href="url">html</a>`, the address escaped.
fn anchor(url: &str, html: &str) -> String {
    format!("<a href=\"{}\">{html}</a>", esc(url))
}

/// An id as a URL fragment: characters other than letters, digits, `-`, `_`, `.`, `:` are
/// percent-encoded.
fn fragment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.:".contains(&byte) {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// Text or an attribute value that prints as written.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in HTML text (tab and line ends are).
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// `#rrggbb`.
fn is_colour(text: &str) -> bool {
    text.len() == 7 && text.starts_with('#') && text[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// A font family name that can stand in a CSS string as it is.
fn is_font_name(text: &str) -> bool {
    !text.trim().is_empty() && text.chars().all(|c| c.is_alphanumeric() || c == ' ' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        assert_eq!(
            esc(r#"<script>"x" & 'y'</script>"#),
            "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;"
        );
        assert_eq!(fragment("pub-a b\"c"), "pub-a%20b%22c");
        assert!(is_colour("#1f3a5f") && !is_colour("red;}") && !is_colour("#12345g"));
        assert!(is_font_name("Libertinus Serif") && !is_font_name("x\"; } body { color: red"));
    }
}
