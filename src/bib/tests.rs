//! Unit tests of the bibliography reader as a whole ([`super::parse`]): keys, inheritance, files.

use super::*;

#[test]
fn latex_the_crate_cannot_read_is_named_without_byte_offsets() {
    // The crate's own message ended in offsets (`…: 326-327`) that changed when the same
    // value moved in the file (found by the export_roundtrip fuzz target).
    let (_, diagnostics) = parse_str("@article{k, author = {Garc\\'{\\{B}i}a, Jos{\\'e}}}\n");
    assert_eq!(messages(&diagnostics), ["cannot read the LaTeX in `author` of `k` (unexpected closing brace)"]);
}

#[test]
fn a_diamond_of_xdata_is_walked_once_per_ancestor() {
    // 2^40 ways from `a0` to `a40`: following each took 2 s at 22 levels, 4x per 2 more.
    let mut text = String::new();
    for i in 0..40 {
        text.push_str(&format!("@xdata{{a{i}, xdata = {{a{n}, b{n}}}, note{i} = {{x}}}}\n", n = i + 1));
        text.push_str(&format!("@xdata{{b{i}, xdata = {{a{n}, b{n}}}}}\n", n = i + 1));
    }
    text.push_str("@xdata{a40, year = 2020}\n@xdata{b40, year = 2020}\n@article{top, title = {T}, xdata = {a35}}\n");
    let (bib, diagnostics) = parse_str(&text);
    // `a0` … `a31` and `b0` … `b31` are more than eight levels from the end: each says so, once.
    assert_eq!(diagnostics.len(), 64, "{diagnostics:?}");
    assert_eq!(diagnostics[0].message, "entry `a0` inherits through more than 8 levels (a0 → a1 → a2 → …)");
    let top = bib.entries.iter().find(|e| e.key == "top").unwrap();
    assert_eq!(top.field_or_inherited("year").map(|f| f.text.as_str()), Some("2020"));
    assert_eq!(top.field_or_inherited("note39").map(|f| f.text.as_str()), Some("x"));
    let a0 = bib.entries.iter().find(|e| e.key == "a0").unwrap();
    assert_eq!(a0.field_or_inherited("note8").map(|f| f.text.as_str()), Some("x"));
    assert_eq!(a0.field_or_inherited("note9"), None);
}

fn parse_str(text: &str) -> (Bibliography, Vec<Diagnostic>) {
    parse(text, Path::new("refs.bib"))
}

fn keys(bib: &Bibliography) -> Vec<&str> {
    bib.entries.iter().map(|e| e.key.as_str()).collect()
}

fn messages(diagnostics: &[Diagnostic]) -> Vec<&str> {
    diagnostics.iter().map(|d| d.message.as_str()).collect()
}

fn at<'t>(text: &'t str, d: &Diagnostic) -> &'t str {
    &text[d.location.as_ref().unwrap().span.clone()]
}

fn title(entry: &BibEntry) -> String {
    entry.text("title").unwrap_or_default()
}

#[test]
fn reads_fields_in_source_order() {
    let (bib, diags) = parse_str("@article{k, title = {T}, author = {A and B}, year = 2020}");
    assert!(diags.is_empty(), "{diags:?}");
    let names: Vec<_> = bib.entries[0].fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["title", "author", "year"]);
}

#[test]
fn all_broken_entries_are_reported_and_good_ones_kept() {
    let text =
        "@article{a, title = {Open, year = 2020}\n@article{b, title = {B} year = 2020}\n@article{c, title = {C}}\n";
    let (bib, diags) = parse_str(text);
    assert_eq!(keys(&bib), ["c"]);
    assert_eq!(messages(&diags), ["unclosed `{`: this brace has no matching `}`", "expected `,`"]);
    assert_eq!(at(text, &diags[0]), "{");
    assert_eq!(diags[0].location.as_ref().unwrap().span.start, text.find("{Open").unwrap());
    assert_eq!(at(text, &diags[1]), "y");
}

#[test]
fn text_between_entries_is_a_comment() {
    // Fuzzing found `@x"` between entries read by the crate as an entry whose key swallowed
    // the next entry's head. BibTeX reads it as text, and so does cvgen.
    let text = "@book{a, title = {A}}\n@inboo1--322\"\n}\n\n% e-mail me@example.org\n@book{b,\n  title = {B},\n}\n";
    let (bib, diags) = parse_str(text);
    assert_eq!(keys(&bib), ["a", "b"]);
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn comment_ends_at_its_name_as_in_bibtex() {
    // `bibtex` reads the entry inside, and an unbalanced `@comment{` costs nothing.
    let (bib, diags) =
        parse_str("@comment{ @misc{x, title = {X}} }\n@comment{ unbalanced {\n@misc{ok, title = {OK}}\n");
    assert_eq!(keys(&bib), ["x", "ok"]);
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn keys_bibtex_reads_are_read() {
    // `bibtex` reads `yearwe{yearword` as a key; biber refuses it, hence the warning.
    let text = "@article{yearwe{yearword, title = {T}, year = 1843}\n@misc{DBLP:conf/nips/Zhu0ZP24, title = {T}}\n";
    let (bib, diags) = parse_str(text);
    assert_eq!(keys(&bib), ["yearwe{yearword", "DBLP:conf/nips/Zhu0ZP24"]);
    assert_eq!(messages(&diags), ["the key `yearwe{yearword` has a character biber refuses"]);
    assert!(!diags[0].is_error());
}

#[test]
fn quotes_inside_braces_inside_quotes_are_text() {
    let (bib, diags) = parse_str("@misc{k, title = \"{A \"quoted\" word}\", note = \"x {\"} y\"}");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(title(&bib.entries[0]), "A \"quoted\" word");
    assert_eq!(bib.entries[0].fields[1].text, "x {\"} y");
}

#[test]
fn a_backslash_escapes_no_brace_as_in_bibtex() {
    // `bibtex`: "I was expecting a `,' or a `}'---line 1", at the ` b}` after `{a \}`.
    let text = "@misc{k, note = {a \\} b}, title = {T}}\n@misc{ok, title = {OK}}\n";
    let (bib, diags) = parse_str(text);
    assert_eq!(keys(&bib), ["ok"]);
    assert_eq!(messages(&diags), ["expected `,`"]);
    assert_eq!(diags[0].location.as_ref().unwrap().span.start, text.find(" b}").unwrap() + 1);
    // Escaped braces that pair up are fine, and print as braces.
    let (bib, diags) = parse_str("@misc{k, title = {Sets \\{x\\} and $\\{y\\}$}}");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(bib.entries[0].fields[0].text, "Sets \\{x\\} and $\\{y\\}$");
}

#[test]
fn an_unpaired_dollar_is_a_dollar_sign() {
    let (bib, diags) = parse_str("@misc{k, title = {Cost in $ per unit}}");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(title(&bib.entries[0]), "Cost in $ per unit");
}

#[test]
fn the_noopsort_trick_reads_as_bibtex_prints_it() {
    // From BibTeX's own `xampl.bib`.
    let text = "@preamble{ \"\\newcommand{\\noopsort}[1]{} \" # \"\\newcommand{\\singleletter}[1]{#1} \" }\n\
                @book{whole-set, title = {The Art}, year = \"{\\noopsort{1973a}}1972\", publisher = {A}}\n\
                @book{part, crossref = {WHOLE-SET}, title = {Volume One}}\n";
    let (bib, diags) = parse_str(text);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(bib.preambles[0].len(), 2);
    assert_eq!(bib.entries.iter().map(|e| e.year).collect::<Vec<_>>(), [Some(1972), Some(1972)]);
    assert_eq!(bib.entries[1].text("publisher").as_deref(), Some("A"), "inherited through `crossref`");
    assert_eq!(title(&bib.entries[1]), "Volume One");
}

#[test]
fn months_bibtex_accepts_never_panic() {
    for month in ["{June 1998}", "{Spring 2020}", "{Fall 2019}", "{1 2020}", "jun # { 1998}", "{٣}", "{½}"] {
        let (bib, diags) = parse_str(&format!("@misc{{k, year = 2020, month = {month}, date = {{2020-01-٣}}}}"));
        assert!(messages(&diags).contains(&"the `date` of `k` is not a date cvgen can read: `2020-01-٣`"), "{month}");
        assert!(diags.iter().all(|d| !d.is_error()));
        assert_eq!(bib.entries[0].year, Some(2020), "{month}");
    }
    let (bib, diags) = parse_str("@misc{k, year = {- 2020}, month = {Spring 2020}}");
    assert_eq!(bib.entries[0].year, Some(2020));
    assert_eq!(messages(&diags), ["the `month` of `k` is not a month: `Spring 2020`"]);
    let (bib, diags) = parse_str("@misc{k, year = 2020, month = {June 1998}}");
    assert_eq!((bib.entries[0].month, diags.len()), (Some(6), 0));
}

#[test]
fn a_month_under_an_inherited_date_is_still_checked() {
    // The `date` of the parent wins, but the child's unreadable month is said: exported as
    // BibTeX (no `date`), it would be the one read (found by the export_roundtrip fuzz target).
    let (bib, diags) = parse_str(
        "@inproceedings{c, title = {C}, month = {Fall eedings}, crossref = {p}}\n\
         @proceedings{p, title = {P}, date = {1843-05}}\n",
    );
    assert_eq!((bib.entries[0].year, bib.entries[0].month), (Some(1843), Some(5)));
    assert_eq!(messages(&diags), ["the `month` of `c` is not a month: `Fall eedings`"]);
    assert_eq!(
        diags[0].hints,
        ["write `month = may` (or `{May}`, `{5}`), or remove it: the `date` gives the month for now"]
    );
}

#[test]
fn a_field_after_the_entry_is_skipped_with_a_warning() {
    // An extra `}` closed the entry early: BibTeX silently skips the rest, biber warns.
    let text = "@article{a,\n  title = {T}},\n  year = {2020},\n}\n@misc{b, title = {B}}\n";
    let (bib, diags) = parse_str(text);
    assert_eq!(keys(&bib), ["a", "b"]);
    assert_eq!(messages(&diags), ["field `year` is outside any entry"]);
    assert!(!diags[0].is_error());
    assert_eq!(at(text, &diags[0]), "year");
}

#[test]
fn a_percent_line_inside_an_entry_is_skipped_with_a_warning() {
    let text = "@misc{k, title = {T},\n  % note = {x},\n  year = 2020}\n";
    let (bib, diags) = parse_str(text);
    assert_eq!(bib.entries[0].fields.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["title", "year"]);
    assert_eq!(messages(&diags), ["a `%` line inside an entry"]);
    assert_eq!(at(text, &diags[0]), "% note = {x},");
}

#[test]
fn a_brace_open_in_quotes_is_an_error() {
    let text = "@booklet{b,\n  howpublished = \"Published, {2020 by Foo\"\n}\n\n},\n}\n@misc{ok, title = {T}}\n";
    let (bib, diags) = parse_str(text);
    assert_eq!(keys(&bib), ["ok"]);
    assert!(diags[0].is_error(), "{diags:?}");
}

#[test]
fn a_repeated_field_keeps_the_first_as_bibtex_does() {
    let text = "@misc{k,\n  date = {2020},\n  title = {T},\n  Date = {2021-05},\n  title = {U}\n}\n";
    let (bib, diags) = parse_str(text);
    assert_eq!(
        messages(&diags),
        ["entry `k` has the field `date` more than once", "entry `k` has the field `title` more than once"]
    );
    assert!(diags.iter().all(|d| !d.is_error()));
    assert_eq!(at(text, &diags[0]), "Date");
    let entry = &bib.entries[0];
    assert_eq!(title(entry), "T");
    assert_eq!(entry.fields.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["date", "title"]);
    assert_eq!(entry.year, Some(2020));
}

#[test]
fn repeated_keys_are_warnings_and_both_entries_stay() {
    let text = "@misc{a, title={1}}\n@misc{a, title={2}}\n@misc{Zhu2024, title={3}}\n@misc{zhu2024, title={4}}\n";
    let (bib, diags) = parse_str(text);
    assert_eq!(keys(&bib), ["a", "a", "Zhu2024", "zhu2024"]);
    assert_eq!(messages(&diags), ["duplicate key `a`", "the key `zhu2024` differs from `Zhu2024` only in letter case"]);
    assert!(diags.iter().all(|d| !d.is_error()));
    assert_eq!(diags[0].location.as_ref().unwrap().span.start, 26);
    assert!(diags[0].hints[0].starts_with("the first `a` is on line 1"), "{:?}", diags[0].hints);
}

#[test]
fn macros_are_expanded_where_they_are_defined() {
    // As in BibTeX: a macro used before its definition is undefined (so it cannot refer to
    // itself), names compare without letter case, and an undefined one reads as empty.
    let text = "@string{a = a # {x}}\n@string{JMLR = {JMLR}}\n@article{k, journal = jmlr, note = jmrl # {!}}\n";
    let (bib, diags) = parse_str(text);
    assert_eq!(messages(&diags), ["undefined macro `a`", "undefined macro `jmrl`"]);
    assert!(diags.iter().all(|d| !d.is_error()));
    assert_eq!(diags[1].hints[0], "did you mean `JMLR`?");
    assert_eq!(at(text, &diags[1]), "jmrl");
    assert_eq!(bib.strings[0].text, "x");
    assert_eq!(bib.entries[0].fields[0].text, "JMLR");
    assert_eq!(bib.entries[0].fields[1].text, "!");
}

#[test]
fn crossref_loops_and_missing_parents_are_warnings() {
    let (bib, diags) =
        parse_str("@misc{x, crossref = {y}}\n@misc{y, crossref = {x}, note = {N}}\n@misc{z, crossref = {gone}}\n");
    assert_eq!(keys(&bib), ["x", "y", "z"]);
    assert_eq!(
        messages(&diags),
        [
            "entry `x` inherits from itself (x → y → x)",
            "entry `y` inherits from itself (y → x → y)",
            "entry `z` refers to `gone`, which is not in this file"
        ]
    );
    assert_eq!(bib.entries[0].text("note").as_deref(), Some("N"));
}

#[test]
fn entries_without_a_comma_or_fields_are_read() {
    let (bib, diags) = parse_str("@misc{k}\n@misc{l,}\n@article(m, title = \"x\")\n@article\n  {n, title = {y}}\n");
    assert_eq!(keys(&bib), ["k", "l", "m", "n"]);
    assert_eq!(messages(&diags), ["entry `k` has no comma after its key"]);
}

#[test]
fn csl_json_is_a_bibliography() {
    let text = "[{\"id\": \"zhu2024\", \"type\": \"article-journal\", \"title\": \"T\", \"container-title\": \"J\",\n  \"issued\": {\"date-parts\": [[2024]]}}]";
    let (bib, diags) = parse_str(text);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!((bib.entries[0].kind.as_str(), bib.entries[0].year), ("article", Some(2024)));
    assert_eq!(bib.entries[0].text("journal").as_deref(), Some("J"));
}

#[test]
fn a_file_without_entries_says_what_it_looks_like() {
    let (_, diags) = parse_str("% only a comment\n\n");
    assert!(diags.is_empty(), "an empty bibliography is no mistake: {diags:?}");
    let hayagriva = "zhu2024apollo:\n  type: article\n  title: APOLLO\n";
    assert_eq!(
        messages(&parse_str(hayagriva).1),
        ["no BibTeX entry in `refs.bib`: it looks like YAML (a Hayagriva bibliography?)"]
    );
    assert_eq!(
        messages(&parse_str("{\"basics\": {}}").1),
        ["no BibTeX entry in `refs.bib`: it looks like JSON, but not CSL-JSON (an array of items)"]
    );
    let (_, diags) = parse_str("Zhu, H. (2024). APOLLO. MLSys.\n");
    assert_eq!(messages(&diags), ["no BibTeX entry in `refs.bib`"]);
    assert!(diags[0].is_error());
}

#[test]
fn reading_is_linear_in_pathological_inputs() {
    // Each of these took 20 s or more with the old reader; here they must read at all.
    let at_signs = format!("% {}\n@misc{{k, title = {{T}}}}\n", "@".repeat(1_500_000));
    let (bib, _) = parse_str(&at_signs);
    assert_eq!(keys(&bib), ["k"]);
    let blank_lines = format!("@misc{{k, title = {{T{}}}}}\n", "\n".repeat(200_000));
    let (bib, diags) = parse_str(&blank_lines);
    assert_eq!(keys(&bib), ["k"], "{diags:?}");
    let duplicates: String = (0..4000).map(|i| format!("@misc{{k, title = {{{i}}}}}\n")).collect();
    let (bib, diags) = parse_str(&duplicates);
    assert_eq!((bib.entries.len(), diags.len()), (4000, 3999));
}
