//! A publication's title as the CV prints it: as written (LaTeX turned into text), or in title
//! case when the profile asks (`publications.title_case`), for bibliographies that lowercase
//! titles (Google Scholar's `Light in ai: toward efficient …`). Pure.
//!
//! Title case follows the Chicago Manual of Style: every word capitalised except articles,
//! coordinating conjunctions and prepositions (`a`, `and`, `of`, `with`, …), which are capitalised
//! only as the first or last word or the first word of a subtitle (after `:`, `?`, `!`, `—`); each
//! part of a hyphenated compound is a word (`Energy-Efficient`, `State-of-the-Art`). Never
//! re-cased: what the bibliography protects with braces (`{APOLLO}`, `{iPhone}`), math, words
//! written with a capital after the first letter (acronyms and brands: `GPU`, `AdamW`, `iPhone`,
//! `RMSNorm`) and words with digits (`3D`, `x86`). A handful of acronyms that Google Scholar
//! lowercases and that are no English word (`ai`, `gpu`, `llm`) get their capitals back.

use biblatex::{Chunk, Spanned};

use super::fields::text_field;
use crate::bib::latex::{math_to_text, normal_to_text};
use crate::bib::{BibEntry, aliases};

/// The title of `entry` as text (macros and crossrefs resolved, LaTeX turned into text), in title
/// case when `title_case`; `None` without a title.
pub fn title(entry: &BibEntry, title_case: bool) -> Option<String> {
    if !title_case {
        return text_field(entry, "title");
    }
    let chunks = std::iter::once("title")
        .chain(aliases::of("title"))
        .find_map(|name| entry.typed.get(name).filter(|chunks| !chunks.is_empty()))?;
    Some(in_title_case(chunks)).filter(|t| !t.is_empty())
}

/// Articles, coordinating conjunctions and prepositions, lowercase inside a title (Chicago).
/// Prepositions that often act as adverbs (`up`, `out`, `over`, `down`: `Scaling Up`) are left
/// out: capitalising them is the smaller mistake.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "but", "or", "nor", "for", "as", "at", "by", "from", "in", "into", "of", "on", "onto",
    "per", "to", "upon", "via", "vs", "versus", "with", "within", "without", "than", "through", "toward", "towards",
    "between", "among", "across", "against", "under", "during", "like", "unlike", "amid", "despite", "until",
];

/// Acronyms that lowercased exports write in small letters and that are no English word (their
/// plurals too: `gpus` → `GPUs`).
const ACRONYMS: &[&str] = &[
    "ai", "gpu", "cpu", "tpu", "fpga", "llm", "nlp", "cnn", "dnn", "gnn", "rnn", "lstm", "iot", "ieee", "acm", "dna",
    "rna", "mri",
];

/// What joins the parts of a compound (`Energy-Efficient`, `Input/Output`).
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '‐' | '–' | '/')
}

/// What separates the words of a title, and the parts of a compound (`networks—a tutorial`).
fn is_separator(c: char) -> bool {
    c.is_whitespace() || c == '—' || is_joiner(c)
}

/// The display text of a title's chunks in title case; text in braces (a verbatim chunk) and math
/// keep their case. A brace group that is only an accented letter (`{\"u}`) is not protection.
fn in_title_case(chunks: &[Spanned<Chunk>]) -> String {
    // Each character with whether the bibliography protects its case.
    let mut chars: Vec<(char, bool)> = Vec::new();
    for chunk in chunks {
        let (text, protected) = match &chunk.v {
            Chunk::Normal(s) => (normal_to_text(s), false),
            Chunk::Verbatim(s) => {
                let text = normal_to_text(s);
                let mut letters = text.chars();
                let accent = matches!((letters.next(), letters.next()), (Some(c), None) if !c.is_ascii());
                (text, !accent)
            }
            Chunk::Math(s) => (math_to_text(s), true),
        };
        chars.extend(text.chars().map(|c| (c, protected)));
    }
    // A title in capitals says nothing about its acronyms: read it in small letters.
    let free = || chars.iter().filter(|(c, protected)| !protected && c.is_alphabetic());
    let words_in_capitals = chars
        .split(|(c, _)| c.is_whitespace())
        .filter(|w| w.iter().filter(|(c, protected)| !protected && c.is_alphabetic()).count() > 1)
        .count();
    if words_in_capitals >= 4 && !free().any(|(c, _)| c.is_lowercase()) {
        for (c, protected) in &mut chars {
            if !*protected && c.is_uppercase() {
                *c = c.to_lowercase().next().unwrap_or(*c);
            }
        }
    }

    // The parts (words, and the pieces of a compound), as ranges.
    let mut parts: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = None;
    for (i, (c, _)) in chars.iter().enumerate() {
        match (is_separator(*c), start) {
            (true, Some(s)) => {
                parts.push(s..i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        parts.push(s..chars.len());
    }
    let has_letter = |r: &std::ops::Range<usize>| chars[r.clone()].iter().any(|(c, _)| c.is_alphabetic());
    let first = parts.iter().position(has_letter);
    let last = parts.iter().rposition(has_letter);

    let mut out: Vec<char> = chars.iter().map(|(c, _)| *c).collect();
    for (index, part) in parts.iter().enumerate() {
        // `Pace: Pacing`, `networks—A tutorial`: a subtitle starts with a capital.
        let before = chars[..part.start].iter().rev().map(|(c, _)| *c).find(|c| !c.is_whitespace());
        let subtitle = matches!(before, Some(':' | '?' | '!' | '—'));
        // `In-Memory`, `State-of-the-Art`: the head of a compound is capitalised, small or not.
        let joined_before = part.start > 0 && is_joiner(chars[part.start - 1].0);
        let joined_after = chars.get(part.end).is_some_and(|(c, _)| is_joiner(*c));
        let head = joined_after && !joined_before;
        let capital = Some(index) == first || Some(index) == last || subtitle || head;
        recase(&chars[part.clone()], capital, &mut out[part.clone()]);
    }
    collapse_spaces(&out.into_iter().collect::<String>())
}

/// Re-cases one part of a title (`chars`, with their protection) into `out` (same length):
/// capitalised, or lowercase when a small word not forced to a `capital`; left alone when
/// protected, with digits, or with a capital after its first letter.
fn recase(chars: &[(char, bool)], capital: bool, out: &mut [char]) {
    // The word without the punctuation around it (`(SNAP)`, `Pace:`, `“Light`).
    let Some(begin) = chars.iter().position(|(c, _)| c.is_alphanumeric()) else { return };
    let end = chars.iter().rposition(|(c, _)| c.is_alphanumeric()).map_or(begin, |e| e + 1);
    let core = &chars[begin..end];
    let written_as_is = core.iter().any(|(c, protected)| *protected || c.is_numeric())
        || core.iter().skip(1).any(|(c, _)| c.is_uppercase());
    if written_as_is {
        return;
    }
    let lower: String = core.iter().flat_map(|(c, _)| c.to_lowercase()).collect();
    let stem = lower.strip_suffix('s').filter(|stem| ACRONYMS.contains(stem)).unwrap_or(&lower);
    if ACRONYMS.contains(&stem) && core.len() == lower.chars().count() {
        for (slot, c) in out[begin..].iter_mut().zip(stem.chars()) {
            *slot = c.to_ascii_uppercase();
        }
        return;
    }
    let first = &mut out[begin];
    if !capital && SMALL_WORDS.contains(&lower.as_str()) {
        *first = first.to_lowercase().next().unwrap_or(*first);
    } else if first.to_uppercase().count() == 1 {
        *first = first.to_uppercase().next().unwrap_or(*first);
    }
}

/// Runs of spaces as one, ends trimmed, as [`crate::bib::latex::chunks_to_text`] leaves a title.
fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = false;
    for c in s.trim().chars() {
        let space = matches!(c, ' ' | '\n' | '\t' | '\r');
        if !space {
            out.push(c);
        } else if !last_space {
            out.push(' ');
        }
        last_space = space;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bib::latex::chunks_to_text;

    fn chunks(title: &str) -> Vec<Spanned<Chunk>> {
        let src = format!("@misc{{k, title = {{{title}}}}}");
        let bib = biblatex::Bibliography::parse(&src).expect("test input parses");
        bib.get("k").expect("the entry").title().expect("a title").to_vec()
    }

    fn cased(title: &str) -> String {
        in_title_case(&chunks(title))
    }

    #[test]
    fn google_scholar_titles_get_their_capitals() {
        let cases = [
            (
                "Light in ai: toward efficient neurocomputing with optical neural networks---a tutorial",
                "Light in AI: Toward Efficient Neurocomputing with Optical Neural Networks—A Tutorial",
            ),
            (
                "Pace: Pacing operator learning to accurate optical field simulation for complicated photonic devices",
                "Pace: Pacing Operator Learning to Accurate Optical Field Simulation for Complicated Photonic Devices",
            ),
            (
                "Dota: A dynamically-operated photonic tensor core for energy-efficient transformer accelerator",
                "Dota: A Dynamically-Operated Photonic Tensor Core for Energy-Efficient Transformer Accelerator",
            ),
            (
                "Elight: toward efficient and aging-resilient photonic in-memory neurocomputing",
                "Elight: Toward Efficient and Aging-Resilient Photonic In-Memory Neurocomputing",
            ),
            (
                "Pre-RMSNorm and Pre-CRMSNorm transformers: equivalent and efficient Pre-LN transformers",
                "Pre-RMSNorm and Pre-CRMSNorm Transformers: Equivalent and Efficient Pre-LN Transformers",
            ),
            (
                "Fuse and mix: MACAM-enabled analog activation for energy-efficient neural acceleration",
                "Fuse and Mix: MACAM-Enabled Analog Activation for Energy-Efficient Neural Acceleration",
            ),
            ("APOLLO: SGD-like Memory, AdamW-level Performance", "APOLLO: SGD-like Memory, AdamW-Level Performance"),
            (
                "Can Test-Time Scaling Improve World Foundation Model?",
                "Can Test-Time Scaling Improve World Foundation Model?",
            ),
        ];
        for (written, expected) in cases {
            assert_eq!(cased(written), expected, "{written}");
        }
    }

    #[test]
    fn small_words_stay_small_inside_and_not_at_the_ends() {
        assert_eq!(cased("the state-of-the-art in learning to rank"), "The State-of-the-Art in Learning to Rank");
        assert_eq!(cased("what are transformers made of"), "What Are Transformers Made Of");
        assert_eq!(cased("a survey: on the use of GPUs"), "A Survey: On the Use of GPUs");
        assert_eq!(cased("learning (with labels) vs. without"), "Learning (with Labels) vs. Without");
        assert_eq!(cased("is it worth it? a study"), "Is It Worth It? A Study");
        assert_eq!(cased("input/output scheduling"), "Input/Output Scheduling");
    }

    #[test]
    fn braces_math_acronyms_and_brands_are_kept() {
        assert_eq!(cased("{APOLLO:} memory-efficient training"), "APOLLO: Memory-Efficient Training");
        assert_eq!(cased("a study of {iPhone} and iPad users"), "A Study of iPhone and iPad Users");
        assert_eq!(cased("{the} {ultimate} guide"), "the ultimate Guide");
        assert_eq!(
            cased("Lightening-{Transformer}: {A} {Dynamically}-{Operated} accelerator"),
            "Lightening-Transformer: A Dynamically-Operated Accelerator"
        );
        assert_eq!(cased("complexity $O(n^2)$ of sorting"), "Complexity O(n²) of Sorting");
        assert_eq!(cased("3d vision on x86 with 5g"), "3d Vision on x86 with 5g");
        assert_eq!(
            cased("training {GPT}-style models with adamw on gpus"),
            "Training GPT-Style Models with Adamw on GPUs"
        );
        assert_eq!(cased("ais and llms"), "AIs and LLMs");
        assert_eq!(cased("on {{double}} braces"), "On double Braces");
    }

    #[test]
    fn accents_are_no_protection_and_spaces_are_as_without_title_case() {
        assert_eq!(cased(r#"m{\"u}ller's {\"u}ber method"#), "Müller's Über Method");
        let written = "Light   in\n   ai: a tutorial";
        assert_eq!(cased(written), "Light in AI: A Tutorial");
        assert_eq!(chunks_to_text(&chunks(written)), "Light in ai: a tutorial");
    }

    #[test]
    fn titles_in_capitals_are_read_in_small_letters() {
        assert_eq!(cased("DEEP LEARNING FOR THE {IoT} EDGE"), "Deep Learning for the IoT Edge");
        assert_eq!(cased("ADEPT: automatic differentiable design"), "ADEPT: Automatic Differentiable Design");
    }

    #[test]
    fn the_title_function_reads_the_entry() {
        let src = "@article{k, title = {light in ai: a {TUTORIAL}}, author = {A, B}}";
        let (bib, problems) = crate::bib::parse(src, std::path::Path::new("refs.bib"));
        assert!(problems.is_empty(), "{problems:?}");
        let entry = &bib.entries[0];
        assert_eq!(title(entry, false).as_deref(), Some("light in ai: a TUTORIAL"));
        assert_eq!(title(entry, true).as_deref(), Some("Light in AI: A TUTORIAL"));
        let (bib, _) = crate::bib::parse("@misc{k, author = {A, B}}", std::path::Path::new("refs.bib"));
        assert_eq!(title(&bib.entries[0], true), None);
    }
}
