//! Typographic polish of display text: straight quotes become curly ones (`"Atlas"` → “Atlas”,
//! `don't` → don’t, `students' work` → students’ work, `'90s` → ’90s), as a typesetter would
//! print them. URLs and labels are never touched.

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
            '\'' if is_apostrophe(&chars, i) => out[i] = '\u{2019}',
            _ => {}
        }
    }
    out.into_iter().collect()
}

/// Words that begin with an elided letter or more (`'n'` in rock 'n' roll, `'em`, `'tis`): their
/// leading tick is an apostrophe, not an opening quote.
const ELIDED: [&str; 7] = ["n", "em", "tis", "twas", "til", "cause", "round"];

/// Whether the straight `'` at `i` is an apostrophe (U+2019), by the typesetter's rules:
/// - inside a word, between two letters: `don't`, `O'Brien`;
/// - an elision at the start of a word: a decade or year (`'90s`, `'24`) or a known elided word
///   (`'n'`, `'em`, `'tis`), see [`ELIDED`];
/// - after the `s` of a plural possessive, before a space, punctuation or the end
///   (`undergraduates' capstone`), unless a single quote opened earlier in the text is still
///   open (`'glass'` stays as written: single quotes as such are not curled);
/// - the closing tick of an elided word (`'n'`).
///
/// Anything else (a `'` in code, a quote of single ticks) stays as written.
fn is_apostrophe(chars: &[char], i: usize) -> bool {
    let letter = |j: usize| chars.get(j).is_some_and(|c| c.is_alphabetic());
    let starts_word = i == 0 || chars[i - 1].is_whitespace() || "(\u{2014}\u{2013}".contains(chars[i - 1]);
    let ends_word = |j: usize| chars.get(j).is_none_or(|c| c.is_whitespace() || ".,;:!?)\u{2014}\u{2013}".contains(*c));
    if i > 0 && letter(i - 1) && letter(i + 1) {
        return true;
    }
    if starts_word {
        if chars.get(i + 1).is_some_and(|c| c.is_ascii_digit()) {
            return true;
        }
        return elided_word_at(chars, i + 1).is_some();
    }
    if i > 0 && ends_word(i + 1) {
        // The closing tick of `'n'`.
        if let Some(start) = (0..i).rev().find(|&j| chars[j] == '\'')
            && elided_word_at(chars, start + 1).is_some_and(|end| end == i)
        {
            return true;
        }
        return chars[i - 1] == 's' && !single_quote_open_before(chars, i);
    }
    false
}

/// The end of a word from [`ELIDED`] starting at `from` (case-insensitive), if one is there and
/// ends before a non-letter.
fn elided_word_at(chars: &[char], from: usize) -> Option<usize> {
    ELIDED.iter().find_map(|word| {
        let end = from + word.chars().count();
        let matches = chars.get(from..end).is_some_and(|w| w.iter().map(|c| c.to_ascii_lowercase()).eq(word.chars()));
        (matches && chars.get(end).is_none_or(|c| !c.is_alphabetic())).then_some(end)
    })
}

/// Whether a `'` opening a quotation (at the start of a word, before a letter, not an elision)
/// comes before `i` and is not closed by then.
fn single_quote_open_before(chars: &[char], i: usize) -> bool {
    let mut open = false;
    for j in 0..i {
        if chars[j] != '\'' {
            continue;
        }
        let starts_word = j == 0 || chars[j - 1].is_whitespace() || chars[j - 1] == '(';
        if starts_word && chars.get(j + 1).is_some_and(|c| c.is_alphabetic()) && elided_word_at(chars, j + 1).is_none()
        {
            open = true;
        } else if j > 0 && chars[j - 1].is_alphabetic() && chars.get(j + 1).is_none_or(|c| !c.is_alphabetic()) {
            open = false;
        }
    }
    open
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

    #[test]
    fn apostrophes_of_possessives_and_elisions() {
        assert_eq!(smart_quotes("the undergraduates' capstone"), "the undergraduates’ capstone");
        assert_eq!(smart_quotes("for the students'."), "for the students’.");
        assert_eq!(smart_quotes("music of the '90s and '24"), "music of the ’90s and ’24");
        assert_eq!(smart_quotes("rock 'n' roll"), "rock ’n’ roll");
        assert_eq!(smart_quotes("Let 'em in"), "Let ’em in");
        assert_eq!(smart_quotes("Siobhán O'Brien's thesis"), "Siobhán O’Brien’s thesis");
        // A quotation in single ticks stays as written, its closing `s'` too.
        assert_eq!(smart_quotes("the 'glass' and 'physics'"), "the 'glass' and 'physics'");
        // Code keeps its ticks.
        assert_eq!(smart_quotes("read('x') and f('is')"), "read('x') and f('is')");
    }
}
