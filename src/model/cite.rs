//! How a citation of the owner's papers prints: `[@a]` as the paper's label (`[C7]`), and
//! `[@a; @b; @c]` (Pandoc's syntax) as one bracket whose labels come in the order of the
//! publication lists, then by number, with runs of three or more compressed (`[P4, C1–C3, C7,
//! J2]`). Each label is a span of its own, linked to its paper's entry, so every theme and
//! export links each one. A paper without a label (no list shows it, or its list is not
//! numbered) prints its short title and year (`APOLLO, 2025`), after the labels. Pure.

use super::publications::lists::Cited;
use super::rich::Span;

/// One paper a citation names: its id and what the lists say about it (`None`: no entry has
/// the key, printed as written).
pub type Named<'a> = (&'a str, Option<&'a Cited>);

/// The spans of a citation of `named` papers (in the order written).
pub fn spans(named: &[Named]) -> Vec<Span> {
    let label_span = |key: &str, cited: &Cited, text: String| Span {
        text,
        cite: Some(key.to_owned()),
        target: cited.target.clone(),
        fallback: cited.label.as_ref().map(|_| cited.fallback.clone()),
        ..Span::default()
    };
    if let [(key, Some(cited))] = named {
        return vec![label_span(key, cited, cited.text.clone())];
    }
    // Labelled papers in the lists' order, each once; then the others as written.
    let mut labelled: Vec<(&str, &Cited)> = Vec::new();
    let mut others: Vec<Span> = Vec::new();
    for (key, cited) in named {
        match cited {
            Some(c) if c.label.is_some() && c.target.is_some() => {
                if !labelled.iter().any(|(_, seen)| seen.target == c.target) {
                    labelled.push((key, c));
                }
            }
            Some(c) => others.push(label_span(key, c, c.text.clone())),
            None => others.push(Span { text: format!("@{key}"), ..Span::default() }),
        }
    }
    labelled.sort_by_key(|(_, c)| c.order);
    let plain = |text: &str| Span { text: text.to_owned(), ..Span::default() };
    let mut out = vec![plain("[")];
    let mut i = 0;
    while i < labelled.len() {
        // The run from `i`: the same list and prefix, each number one more than the last.
        let mut end = i;
        while end + 1 < labelled.len() && follows(labelled[end].1, labelled[end + 1].1) {
            end += 1;
        }
        if out.len() > 1 {
            out.push(plain(", "));
        }
        let (key, cited) = labelled[i];
        out.push(label_span(key, cited, cited.label.clone().unwrap_or_default()));
        if end >= i + 2 {
            out.push(plain("–"));
        } else if end == i + 1 {
            out.push(plain(", "));
        }
        if end > i {
            let (key, cited) = labelled[end];
            out.push(label_span(key, cited, cited.label.clone().unwrap_or_default()));
        }
        i = end + 1;
    }
    for other in others {
        if out.len() > 1 {
            out.push(plain(", "));
        }
        out.push(other);
    }
    out.push(plain("]"));
    out
}

/// Whether `b`'s label is the next number after `a`'s in the same list and prefix.
fn follows(a: &Cited, b: &Cited) -> bool {
    let ((list_a, rank_a, n_a), (list_b, rank_b, n_b)) = (a.order, b.order);
    list_a == list_b && rank_a == rank_b && a.prefix == b.prefix && n_a != u64::MAX && n_b == n_a + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cited(list: usize, rank: usize, prefix: &str, n: u64) -> Cited {
        Cited {
            text: format!("[{prefix}{n}]"),
            target: Some(format!("pub-{prefix}{n}")),
            label: Some(format!("{prefix}{n}")),
            fallback: format!("Paper {prefix}{n}, 2024"),
            order: (list, rank, n),
            prefix: prefix.to_owned(),
        }
    }

    fn printed(spans: &[Span]) -> String {
        spans.iter().map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn labels_are_ordered_and_runs_compressed() {
        let (p4, c1, c2, c3, c7, j2) = (
            cited(0, 0, "P", 4),
            cited(0, 1, "C", 1),
            cited(0, 1, "C", 2),
            cited(0, 1, "C", 3),
            cited(0, 1, "C", 7),
            cited(0, 2, "J", 2),
        );
        let named: Vec<Named> = vec![
            ("j2", Some(&j2)),
            ("c3", Some(&c3)),
            ("c7", Some(&c7)),
            ("c1", Some(&c1)),
            ("p4", Some(&p4)),
            ("c2", Some(&c2)),
        ];
        let out = spans(&named);
        assert_eq!(printed(&out), "[P4, C1–C3, C7, J2]");
        let linked: Vec<&str> = out.iter().filter_map(|s| s.target.as_deref()).collect();
        assert_eq!(linked, ["pub-P4", "pub-C1", "pub-C3", "pub-C7", "pub-J2"]);
        assert!(out.iter().filter(|s| s.target.is_some()).all(|s| s.fallback.is_some()));
        // Two in a row are not a run; a paper cited twice prints once.
        let named: Vec<Named> = vec![("c2", Some(&c2)), ("c1", Some(&c1)), ("c1", Some(&c1))];
        assert_eq!(printed(&spans(&named)), "[C1, C2]");
    }

    #[test]
    fn a_single_citation_is_one_span_and_unlabelled_papers_come_last() {
        let c7 = cited(0, 1, "C", 7);
        assert_eq!(printed(&spans(&[("c7", Some(&c7))])), "[C7]");
        let unlisted = Cited {
            text: "APOLLO, 2025".to_owned(),
            target: None,
            label: None,
            fallback: "APOLLO, 2025".to_owned(),
            order: (usize::MAX, usize::MAX, u64::MAX),
            prefix: String::new(),
        };
        let named: Vec<Named> = vec![("a", Some(&unlisted)), ("c7", Some(&c7)), ("gone", None)];
        assert_eq!(printed(&spans(&named)), "[C7, APOLLO, 2025, @gone]");
    }
}
