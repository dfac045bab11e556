//! Typographic polish of display text: straight quotes become curly ones (`"Atlas"` → “Atlas”,
//! `don't` → don’t), as a typesetter would print them. URLs and labels are never touched.

use super::rich::Span;

/// Curly quotes for straight ones, only where the text reads as prose: a `"…"` pair opening
/// after a space (or the start) and closing before a space, punctuation (or the end), and an
/// apostrophe between two letters. Anything else (code such as `read("/x")`) stays as written.
pub fn smart_quotes(text: &str) -> String {
    if !text.contains(['"', '\'']) {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = chars.clone();
    let opens_at = |i: usize| {
        i == 0
            || chars[i - 1].is_whitespace()
            || "(\u{2014}\u{2013}".contains(chars[i - 1]) && i >= 2 && chars[i - 2].is_whitespace()
    };
    let closes_at = |i: usize| i + 1 == chars.len() || chars[i + 1].is_whitespace() || ".,;:!?)".contains(chars[i + 1]);
    let mut open: Option<usize> = None;
    for i in 0..chars.len() {
        match chars[i] {
            '"' if open.is_none() && opens_at(i) && i + 1 < chars.len() && !chars[i + 1].is_whitespace() => {
                open = Some(i)
            }
            '"' if open.is_some() && closes_at(i) => {
                if let Some(start) = open.take() {
                    out[start] = '\u{201C}';
                    out[i] = '\u{201D}';
                }
            }
            '"' => open = None,
            '\'' if i > 0 && i + 1 < chars.len() && chars[i - 1].is_alphabetic() && chars[i + 1].is_alphabetic() => {
                out[i] = '\u{2019}';
            }
            _ => {}
        }
    }
    out.into_iter().collect()
}

/// Applies [`smart_quotes`] to rich text, as one text (a quote opened before a bold run closes
/// after it); code is left as written.
pub fn polish_spans(spans: &mut [Span]) {
    let whole: String = spans.iter().map(|s| s.text.as_str()).collect();
    if !whole.contains(['"', '\'']) {
        return;
    }
    let mut curled = smart_quotes(&whole).chars().collect::<Vec<_>>().into_iter();
    for span in spans.iter_mut() {
        let n = span.text.chars().count();
        let part: String = curled.by_ref().take(n).collect();
        if !span.code {
            span.text = part;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::smart_quotes;

    #[test]
    fn quotes_curl_the_right_way() {
        assert_eq!(smart_quotes(r#"Prof. Zhangyang "Atlas" Wang"#), "Prof. Zhangyang “Atlas” Wang");
        assert_eq!(smart_quotes("don't say \"x\", say \"y\"."), "don’t say “x”, say “y”.");
        assert_eq!(
            smart_quotes(r#"code #read("/etc/passwd") and 'single'"#),
            r#"code #read("/etc/passwd") and 'single'"#
        );
        assert_eq!(smart_quotes("plain"), "plain");
    }
}
