//! LaTeX in field values becomes plain display text: accents, dashes, `\&`, case-protecting
//! braces removed, math made readable (`$\mathcal{O}(n^2)$` → `O(n²)`).
//!
//! Two passes around the `biblatex` crate. Before it, [`prepare`] turns the special letters of
//! LaTeX's and BibTeX's tables (`\o`, `\aa`, `\ss`, `\i`, … with or without `{}` and spaces),
//! `\\`, `\textbackslash` and `\slash` into text, because the crate reads some of them wrongly
//! (`\o{}` as a combining stroke, `\\Second` as a command), and names every command that has no
//! rule. The crate then resolves accents and splits values into normal, verbatim and math chunks;
//! [`chunks_to_text`] finishes the job for display. A literal backslash, brace, tilde or `=` that
//! must survive both passes travels as a private-use character and comes back in
//! [`normal_to_text`]. Nothing here touches what is exported: `cvgen bib` writes the raw source
//! text. The expected outputs, as `bibtex` and LaTeX print them, are the table
//! `tests/fixtures/latex/table.tsv`.

use std::ops::Range;

use biblatex::{Chunk, Spanned};

/// A `\`, `{`, `}`, `~` or `=` that is text, on its way through the crate (private use area).
const LITERAL: [(char, char); 5] =
    [('\u{E05C}', '\\'), ('\u{E07B}', '{'), ('\u{E07D}', '}'), ('\u{E07E}', '~'), ('\u{E03D}', '=')];

/// The special letters of LaTeX's text encodings, each a command without argument.
const LETTERS: &[(&str, &str)] = &[
    ("o", "ø"),
    ("O", "Ø"),
    ("l", "ł"),
    ("L", "Ł"),
    ("aa", "å"),
    ("AA", "Å"),
    ("ae", "æ"),
    ("AE", "Æ"),
    ("oe", "œ"),
    ("OE", "Œ"),
    ("ss", "ß"),
    ("SS", "SS"),
    ("i", "ı"),
    ("j", "ȷ"),
    ("dh", "ð"),
    ("DH", "Ð"),
    ("dj", "đ"),
    ("DJ", "Đ"),
    ("ng", "ŋ"),
    ("NG", "Ŋ"),
    ("th", "þ"),
    ("TH", "Þ"),
    ("slash", "/"),
    // LaTeX's own name for its current version (biblatex-examples writes it in a title).
    ("LaTeXe", "LaTeX2ε"),
    ("textbackslash", "\u{E05C}"),
    ("textbraceleft", "\u{E07B}"),
    ("textbraceright", "\u{E07D}"),
    ("textasciitilde", "\u{E07E}"),
];

/// Commands with a rule further on: resolved by the crate (accents, quotes, symbols), by
/// [`command_text`], or formatting whose argument is the text (`\emph{…}`) or which sets no text
/// (`{\em …}`, `\relax`, `\protect`).
#[rustfmt::skip]
const KNOWN: &[&str] = &[
    // accents with a letter for a name (the crate combines them)
    "b", "c", "d", "H", "k", "r", "u", "v", "t",
    // the crate's symbols
    "LaTeX", "TeX", "textendash", "textemdash", "textquotesingle", "textquotedblleft",
    "textquotedblright", "textquoteleft", "textquoteright", "textquotestraightdblbase",
    "quotedblbase", "textquotestraightbase", "quotesinglbase", "textquotedbl", "textasciicircum",
    "textasciigrave", "textasteriskcentered", "textbar", "textbullet", "textdagger",
    "textdaggerdbl", "textdollar", "textless", "textgreater", "textexclamdown", "textquestiondown",
    "textordfeminine", "textordmasculine", "textperiodcentered", "textregistered", "texttrademark",
    "textsection", "textunderscore", "textvisiblespace", "guillemotleft", "guillemotright",
    "guilsinglleft", "guilsinglright", "P", "textparagraph", "S", "copyright", "ddag", "dots",
    "textellipsis", "pounds",
    // `command_text`'s
    "BibTeX", "dag", "dagger", "ddagger", "ldots",
    // formatting: the argument is the text
    "emph", "textit", "textbf", "textsc", "texttt", "textrm", "textsf", "textsl", "textup",
    "textmd", "textnormal", "textsuperscript", "textsubscript", "mbox", "hbox", "text", "url",
    "mkbibquote", "mkbibemph", "mkbibbold", "enquote", "NoCaseChange", "ensuremath",
    // declarations and no-ops: no text of their own
    "em", "it", "bf", "sc", "tt", "rm", "sf", "sl", "itshape", "bfseries", "scshape", "upshape",
    "normalfont", "relax", "protect", "nobreak", "allowbreak",
];

/// A command in a value that cvgen has no rule for: its name and where it is in the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCommand {
    /// The name, without the backslash.
    pub name: String,
    /// Byte range of `\name` in the text given to [`prepare`].
    pub span: Range<usize>,
}

/// A value made ready for the crate, and the commands in it that have no rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// The value with special letters, `\\`, `\textbackslash` and `\slash` as text.
    pub text: String,
    /// Commands kept as their argument (or, without one, as written), to be warned about.
    pub unknown: Vec<UnknownCommand>,
}

/// Turns what the crate would read wrongly into text, outside math: the special letters
/// (`\o`, `{\o}`, `\o{}`, `\o x`: LaTeX's control word swallows the spaces after it, and an empty
/// group after it is nothing), `\\` (a line break, a space in one line of text), `\{`, `\}`,
/// `\~{}`. `names` is for a list of names: a `=` inside braces is text, not the extended name
/// format's `family=`. Linear in the text.
pub fn prepare(text: &str, names: bool) -> Prepared {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte = |k: usize| chars.get(k).map_or(text.len(), |&(at, _)| at);
    let mut out = String::with_capacity(text.len());
    let mut unknown = Vec::new();
    let (mut depth, mut math, mut k) = (0usize, false, 0usize);
    while let Some(&(at, c)) = chars.get(k) {
        let next = chars.get(k + 1).map(|&(_, n)| n);
        k += 1;
        match c {
            '\\' if math => {
                out.push(c);
                if let Some(n) = next {
                    out.push(n);
                    k += 1;
                }
            }
            '\\' => match next {
                Some(n) if n.is_ascii_alphabetic() => {
                    let start = k;
                    while chars.get(k).is_some_and(|&(_, n)| n.is_ascii_alphabetic()) {
                        k += 1;
                    }
                    let name = &text[byte(start)..byte(k)];
                    if let Some((_, letter)) = LETTERS.iter().find(|(n, _)| *n == name) {
                        out.push_str(letter);
                        while chars.get(k).is_some_and(|&(_, n)| n == ' ' || n == '\t' || n == '\n') {
                            k += 1;
                        }
                        if chars.get(k).map(|p| p.1) == Some('{') && chars.get(k + 1).map(|p| p.1) == Some('}') {
                            k += 2;
                        }
                    } else if KNOWN.contains(&name) {
                        out.push_str(&text[at..byte(k)]);
                    } else {
                        unknown.push(UnknownCommand { name: name.to_owned(), span: at..byte(k) });
                        let mut after = k;
                        while chars.get(after).is_some_and(|&(_, n)| n == ' ') {
                            after += 1;
                        }
                        if chars.get(after).map(|p| p.1) == Some('{') {
                            // The crate keeps `\name{arg}`, `normal_to_text` the argument.
                            out.push_str(&text[at..byte(k)]);
                        } else {
                            out.push(LITERAL[0].0);
                            out.push_str(name);
                        }
                    }
                }
                Some('\\') => {
                    out.push(' ');
                    k += 1;
                }
                Some('{') | Some('}') => {
                    out.push(if next == Some('{') { LITERAL[1].0 } else { LITERAL[2].0 });
                    k += 1;
                }
                Some('~')
                    if chars.get(k + 1).map(|p| p.1) == Some('{') && chars.get(k + 2).map(|p| p.1) == Some('}') =>
                {
                    out.push(LITERAL[3].0);
                    k += 3;
                }
                Some(n) => {
                    out.push(c);
                    out.push(n);
                    k += 1;
                }
                None => out.push(c),
            },
            '$' => {
                math = !math;
                out.push(c);
            }
            '{' => {
                depth += 1;
                out.push(c);
            }
            '}' => {
                depth = depth.saturating_sub(1);
                out.push(c);
            }
            '=' if names && depth > 0 => out.push(LITERAL[4].0),
            _ => out.push(c),
        }
    }
    Prepared { text: out, unknown }
}

/// Display text of a parsed field value.
pub fn chunks_to_text(chunks: &[Spanned<Chunk>]) -> String {
    let mut out = String::new();
    for chunk in chunks {
        match &chunk.v {
            Chunk::Normal(s) => out.push_str(&normal_to_text(s)),
            Chunk::Verbatim(s) => out.push_str(&normal_to_text(s)),
            Chunk::Math(s) => out.push_str(&math_to_text(s)),
        }
    }
    collapse_spaces(&out)
}

/// Typographic clean-up of ordinary text: dashes, ties, leftover commands and braces.
pub fn normal_to_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '-' if chars.peek() == Some(&'-') => {
                chars.next();
                if chars.peek() == Some(&'-') {
                    chars.next();
                    out.push('—');
                } else {
                    out.push('–');
                }
            }
            '~' => out.push('\u{a0}'),
            '`' if chars.peek() == Some(&'`') => {
                chars.next();
                out.push('“');
            }
            '`' => out.push('‘'),
            '\'' if chars.peek() == Some(&'\'') => {
                chars.next();
                out.push('”');
            }
            '{' | '}' => {}
            _ if LITERAL.iter().any(|(p, _)| *p == c) => {
                out.push(LITERAL.iter().find(|(p, _)| *p == c).map_or(c, |(_, l)| *l));
            }
            '\\' => {
                let name = command_name(&mut chars);
                if name.is_empty() {
                    // An escaped symbol (`\&`, `\%`, `\$`, `\_`, `\#`) or a control space.
                    match chars.next() {
                        Some(' ') | None => out.push(' '),
                        Some(sym) => out.push(sym),
                    }
                } else {
                    out.push_str(command_text(&name));
                    // A command word swallows the space after it (`\ss x` → `ßx` is LaTeX's rule,
                    // but `\LaTeX\ is` is the usual intent); keep a single space only before text.
                    if chars.peek() == Some(&' ') && command_text(&name).is_empty() {
                        chars.next();
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Reads the letters of a command word after its backslash (empty for `\&` and the like).
fn command_name(chars: &mut std::iter::Peekable<std::str::Chars>) -> String {
    let mut name = String::new();
    while let Some(&n) = chars.peek().filter(|n| n.is_ascii_alphabetic()) {
        name.push(n);
        chars.next();
    }
    name
}

/// Text for a command word left in a value. Formatting commands vanish (their argument stays).
fn command_text(name: &str) -> &'static str {
    match name {
        "LaTeX" => "LaTeX",
        "TeX" => "TeX",
        "BibTeX" => "BibTeX",
        "ss" => "ß",
        "ae" => "æ",
        "AE" => "Æ",
        "oe" => "œ",
        "OE" => "Œ",
        "aa" => "å",
        "AA" => "Å",
        "o" => "ø",
        "O" => "Ø",
        "l" => "ł",
        "L" => "Ł",
        "i" => "ı",
        "dag" | "dagger" => "†",
        "ddag" | "ddagger" => "‡",
        "textendash" => "–",
        "textemdash" => "—",
        "textquoteright" => "’",
        "textquoteleft" => "‘",
        "S" => "§",
        "P" => "¶",
        "copyright" => "©",
        "textregistered" => "®",
        "texttrademark" => "™",
        "ldots" | "dots" | "textellipsis" => "…",
        _ => "",
    }
}

/// Readable plain text for a math chunk: Greek letters, common operators, super- and subscripts.
pub fn math_to_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let name = command_name(&mut chars);
                if name.is_empty() {
                    if let Some(sym) = chars.next()
                        && sym != ','
                        && sym != ';'
                        && sym != '!'
                    {
                        out.push(sym);
                    }
                } else {
                    out.push_str(math_symbol(&name).unwrap_or(""));
                }
            }
            '^' | '_' => {
                let arg = script_argument(&mut chars);
                let converted: Option<String> = arg.chars().map(|ch| script_char(ch, c == '^')).collect();
                match converted {
                    Some(text) => out.push_str(&text),
                    None => {
                        out.push(c);
                        out.push_str(&math_to_text(&arg));
                    }
                }
            }
            '{' | '}' => {}
            _ => out.push(c),
        }
    }
    out
}

fn script_argument(chars: &mut std::iter::Peekable<std::str::Chars>) -> String {
    match chars.next() {
        Some('{') => {
            let mut depth = 1;
            let mut arg = String::new();
            for ch in chars.by_ref() {
                match ch {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                arg.push(ch);
            }
            arg
        }
        Some(ch) => ch.to_string(),
        None => String::new(),
    }
}

fn script_char(c: char, sup: bool) -> Option<char> {
    const DIGITS_SUP: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    const DIGITS_SUB: [char; 10] = ['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'];
    if let Some(d) = c.to_digit(10) {
        return Some(if sup { DIGITS_SUP[d as usize] } else { DIGITS_SUB[d as usize] });
    }
    match (c, sup) {
        ('+', true) => Some('⁺'),
        ('-', true) => Some('⁻'),
        ('n', true) => Some('ⁿ'),
        ('i', true) => Some('ⁱ'),
        ('T', true) => Some('ᵀ'),
        ('+', false) => Some('₊'),
        ('-', false) => Some('₋'),
        _ => None,
    }
}

fn math_symbol(name: &str) -> Option<&'static str> {
    Some(match name {
        "alpha" => "α",
        "beta" => "β",
        "gamma" => "γ",
        "delta" => "δ",
        "epsilon" | "varepsilon" => "ε",
        "zeta" => "ζ",
        "eta" => "η",
        "theta" => "θ",
        "kappa" => "κ",
        "lambda" => "λ",
        "mu" => "μ",
        "nu" => "ν",
        "xi" => "ξ",
        "pi" => "π",
        "rho" => "ρ",
        "sigma" => "σ",
        "tau" => "τ",
        "phi" | "varphi" => "φ",
        "chi" => "χ",
        "psi" => "ψ",
        "omega" => "ω",
        "Gamma" => "Γ",
        "Delta" => "Δ",
        "Theta" => "Θ",
        "Lambda" => "Λ",
        "Pi" => "Π",
        "Sigma" => "Σ",
        "Phi" => "Φ",
        "Psi" => "Ψ",
        "Omega" => "Ω",
        "times" => "×",
        "cdot" => "·",
        "leq" | "le" => "≤",
        "geq" | "ge" => "≥",
        "neq" | "ne" => "≠",
        "approx" => "≈",
        "sim" => "∼",
        "infty" => "∞",
        "pm" => "±",
        "to" | "rightarrow" => "→",
        "leftarrow" => "←",
        "in" => "∈",
        "sum" => "∑",
        "prod" => "∏",
        "partial" => "∂",
        "nabla" => "∇",
        "log" => "log",
        "exp" => "exp",
        "dagger" | "dag" => "†",
        "ast" | "star" => "*",
        "ell" => "ℓ",
        "circ" => "∘",
        "prime" => "′",
        _ => return None,
    })
}

fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = false;
    for c in s.trim().chars() {
        let space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if space {
            if !last_space {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
        last_space = space;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(field: &str) -> String {
        let src = format!("@misc{{k, title = {{{field}}}}}");
        let bib = biblatex::Bibliography::parse(&src).expect("test input parses");
        chunks_to_text(bib.get("k").unwrap().title().unwrap())
    }

    /// Each value of the table, as a `note` read through the whole bibliography path.
    #[test]
    fn the_table_of_what_latex_prints() {
        let table = include_str!("../../tests/fixtures/latex/table.tsv");
        let rows: Vec<(&str, &str)> =
            table.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).filter_map(|l| l.split_once('\t')).collect();
        assert!(rows.len() > 30, "the table is read");
        let bib: String =
            rows.iter().enumerate().map(|(i, (input, _))| format!("@misc{{k{i}, note = {{{input}}}}}\n")).collect();
        let (parsed, diagnostics) = crate::bib::parse(&bib, std::path::Path::new("t.bib"));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let mut wrong = Vec::new();
        for (i, (input, expected)) in rows.iter().enumerate() {
            let entry = parsed.entries.iter().find(|e| e.key == format!("k{i}")).expect("every row is an entry");
            let got = entry.text("note").unwrap_or_default();
            let expected = expected.replace("Fig. 1", "Fig.\u{a0}1");
            if got != expected {
                wrong.push(format!("{input:?}: got {got:?}, expected {expected:?}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn unknown_commands_keep_their_argument_and_are_named() {
        let prepared = prepare(r"a \foo{kept} and \bar b \o{}", false);
        assert_eq!(prepared.unknown.iter().map(|u| u.name.as_str()).collect::<Vec<_>>(), ["foo", "bar"]);
        assert_eq!(prepared.unknown[0].span, 2..6);
        let bib = "@misc{k, note = {a \\foo{kept} and \\bar b}}";
        let (parsed, diagnostics) = crate::bib::parse(bib, std::path::Path::new("t.bib"));
        assert_eq!(parsed.entries[0].text("note").as_deref(), Some("a kept and \\bar b"));
        assert_eq!(diagnostics.len(), 2, "{diagnostics:?}");
        assert!(diagnostics[0].message.contains("unknown LaTeX command `\\foo` in `note` of `k`"), "{diagnostics:?}");
        assert_eq!(diagnostics[0].location.as_ref().map(|l| l.span.clone()), Some(19..23));
    }

    #[test]
    fn accents_and_symbols() {
        assert_eq!(text_of(r#"M{\"u}ller and Gr\'{e}goire \& Co"#), "Müller and Grégoire & Co");
        assert_eq!(text_of(r#"Erd\H{o}s and {\AA}ngstr{\"o}m"#), "Erdős and Ångström");
    }

    #[test]
    fn dashes_and_braces() {
        assert_eq!(text_of("{APOLLO}: {SGD}-like, pages 686--703---done"), "APOLLO: SGD-like, pages 686–703—done");
    }

    #[test]
    fn tex_quotes_curl() {
        assert_eq!(normal_to_text("``Atlas'' and `x'"), "“Atlas” and ‘x'");
    }

    #[test]
    fn math_is_readable() {
        assert_eq!(text_of(r"An $\mathcal{O}(n^2)$ method for $\alpha$-nets"), "An O(n²) method for α-nets");
        assert_eq!(math_to_text(r"x_{10}^{-1}"), "x₁₀⁻¹");
    }

    #[test]
    fn typst_markup_is_just_text() {
        assert_eq!(text_of(r#"#read("/etc/passwd") $x$ ] @key"#), r#"#read("/etc/passwd") x ] @key"#);
    }
}
