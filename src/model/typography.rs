//! Typographic polish of display text: straight quotes become curly ones (`"Atlas"` → “Atlas”,
//! `don't` → don’t), as a typesetter would print them. URLs and labels are never touched.

use super::{Cv, EntryOut, SectionBody};

/// Curly quotes for straight ones: an opening quote follows a space, an opening bracket or the
/// start; anything else closes (which is also the apostrophe).
pub fn smart_quotes(text: &str) -> String {
    if !text.contains(['"', '\'']) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 4);
    let mut previous: Option<char> = None;
    for c in text.chars() {
        let opens = previous.is_none_or(|p| p.is_whitespace() || "([{‘“—–-/".contains(p));
        out.push(match (c, opens) {
            ('"', true) => '“',
            ('"', false) => '”',
            ('\'', true) => '‘',
            ('\'', false) => '’',
            _ => c,
        });
        previous = Some(c);
    }
    out
}

fn polish(text: &mut String) {
    *text = smart_quotes(text);
}

fn polish_entry(entry: &mut EntryOut) {
    polish(&mut entry.title);
    for field in [&mut entry.subtitle, &mut entry.description, &mut entry.location].into_iter().flatten() {
        polish(field);
    }
    entry.details.iter_mut().for_each(polish);
}

/// Applies [`smart_quotes`] to every prose string of the CV.
pub fn polish_cv(cv: &mut Cv) {
    if let Some(headline) = &mut cv.person.headline {
        polish(headline);
    }
    for section in &mut cv.sections {
        match &mut section.body {
            SectionBody::Text { text } => polish(text),
            SectionBody::List { items } => items.iter_mut().for_each(polish),
            SectionBody::Entries { entries, .. } => entries.iter_mut().for_each(polish_entry),
            SectionBody::Skills { .. } | SectionBody::Publications(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::smart_quotes;

    #[test]
    fn quotes_curl_the_right_way() {
        assert_eq!(smart_quotes(r#"Prof. Zhangyang "Atlas" Wang"#), "Prof. Zhangyang “Atlas” Wang");
        assert_eq!(smart_quotes("don't 'quote' (\"x\")"), "don’t ‘quote’ (“x”)");
        assert_eq!(smart_quotes("plain"), "plain");
    }
}
