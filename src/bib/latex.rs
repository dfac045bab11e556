//! LaTeX in field values becomes plain display text: accents, dashes, `\&`, case-protecting
//! braces removed, math made readable (`$\mathcal{O}(n^2)$` → `O(n²)`).
//!
//! The `biblatex` crate already resolves accent commands and splits values into normal, verbatim
//! and math chunks; this module finishes the job for display. It never touches what is exported:
//! `cvgen bib` writes the raw source text.

use biblatex::{Chunk, Spanned};

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
