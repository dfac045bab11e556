//! `cvgen bib` end to end: the real binary on fixture folders (exit codes, exact stderr, the
//! exported text), the round-trip property on fixtures (export → parse gives the same fields and
//! values, minus the private ones), and a property test over generated bibliographies (the export
//! reads back to the same entries and exporting it again changes nothing).
//!
//! Snapshots live beside the fixtures (`expected-*.bib`); `CVGEN_BLESS=1 cargo test --test
//! bib_export` rewrites them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::{copy_dir, cvgen, stderr, stdout};
use biblatex::Chunk;
use cvgen::bib::write::{self, Dialect, Private, Selection, WriteConfig};
use cvgen::bib::{self, BibEntry, Bibliography, ValuePart};
use proptest::prelude::*;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bib");

/// A temp folder holding a copy of every fixture folder.
fn sandbox() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(Path::new(FIXTURES), dir.path(), &[]);
    dir
}

/// Runs `cvgen bib` in `case` and expects success.
fn export_ok(dir: &Path, case: &str, args: &[&str]) -> String {
    let mut all = vec!["bib"];
    all.extend_from_slice(args);
    let output = cvgen(&dir.join(case), &all);
    assert_eq!(output.status.code(), Some(0), "cvgen {all:?}\nstderr:\n{}", stderr(&output));
    stdout(&output)
}

fn parse_ok(text: &str) -> Bibliography {
    reads_back(text, &[])
}

/// The export read back: no error, and no warning the input did not have (a month cvgen cannot
/// read is kept as written, and so is its warning).
fn reads_back(text: &str, input: &[cvgen::diag::Diagnostic]) -> Bibliography {
    let (bib, diags) = bib::parse(text, Path::new("export.bib"));
    let new: Vec<_> = diags.iter().filter(|d| d.is_error() || !input.iter().any(|i| i.message == d.message)).collect();
    assert!(new.is_empty(), "the export does not read back cleanly: {new:?}\n{text}");
    bib
}

fn read_fixture(case: &str, file: &str) -> Bibliography {
    let text = std::fs::read_to_string(Path::new(FIXTURES).join(case).join(file)).unwrap();
    parse_ok(&text)
}

/// Compares with `tests/fixtures/bib/<case>/<file>`, or rewrites it under `CVGEN_BLESS=1`.
fn snapshot(case: &str, file: &str, actual: &str) {
    let path = PathBuf::from(FIXTURES).join(case).join(file);
    if std::env::var_os("CVGEN_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("missing snapshot {}", path.display()));
    assert_eq!(actual, expected, "snapshot {} differs (CVGEN_BLESS=1 rewrites it)", path.display());
}

/// Raw fields as compared by the property: name lowercased (ASCII only, as the export and the
/// typed layer do) and value parts.
fn raw_fields(entry: &BibEntry) -> Vec<(String, Vec<ValuePart>)> {
    entry.fields.iter().map(|f| (f.name.to_ascii_lowercase(), f.value.clone())).collect()
}

/// The typed fields without source positions.
fn typed_fields(entry: &BibEntry) -> BTreeMap<String, Vec<Chunk>> {
    entry
        .typed
        .fields
        .iter()
        .map(|(name, chunks)| (name.clone(), chunks.iter().map(|c| c.v.clone()).collect()))
        .collect()
}

/// Checks that every entry of `original` kept by the export is in `exported` with the same raw
/// fields (minus the `private` ones, and of a repeated field only the first, as BibTeX reads it)
/// and the same typed fields (a repeated one aside: the typed layer keeps the last). `converted`
/// lists the keys whose fields the format conversion changed on purpose; they are compared by
/// their date only.
fn assert_same_entries(original: &Bibliography, exported: &Bibliography, private: &Private, converted: &[&str]) {
    for entry in &original.entries {
        let Some(copy) = exported.entries.iter().find(|e| e.key == entry.key) else {
            panic!("entry `{}` is missing from the export", entry.key);
        };
        if converted.contains(&entry.key.as_str()) {
            let date = |e: &BibEntry| format!("{:?}", e.typed.date().ok());
            assert_eq!(date(entry), date(copy), "date of `{}`", entry.key);
            continue;
        }
        assert_eq!(entry.kind, copy.kind, "type of `{}`", entry.key);
        let mut expected = raw_fields(entry);
        expected.retain(|(name, _)| !private.removes(name));
        let mut repeated = Vec::new();
        let mut seen = Vec::new();
        expected.retain(|(name, _)| {
            let first = !seen.contains(name);
            if first {
                seen.push(name.clone());
            } else {
                repeated.push(name.clone());
            }
            first
        });
        assert_eq!(raw_fields(copy), expected, "raw fields of `{}`", entry.key);
        let mut typed = typed_fields(entry);
        typed.retain(|name, _| !private.removes(name) && !repeated.contains(name));
        let mut copy_typed = typed_fields(copy);
        copy_typed.retain(|name, _| !repeated.contains(name));
        assert_eq!(copy_typed, typed, "typed fields of `{}`", entry.key);
    }
    assert_eq!(exported.entries.len(), original.entries.len(), "the export has extra entries");
}

const MATH: &str = r"$\mathcal{O}(n^2)$";

#[test]
fn keep_private_export_is_lossless_and_a_fixpoint() {
    let dir = sandbox();
    let first = export_ok(dir.path(), "roundtrip", &["--keep-private"]);
    snapshot("roundtrip", "expected-keep-private.bib", &first);
    let original = read_fixture("roundtrip", "refs.bib");
    let exported = parse_ok(&first);
    // The one BibLaTeX `date` is downgraded to `year` + `month` in the default BibTeX format.
    assert_same_entries(&original, &exported, &Private::Keep, &["mueller2025date"]);
    let downgraded = exported.entries.iter().find(|e| e.key == "mueller2025date").unwrap();
    let names: Vec<_> = downgraded.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["author", "title", "year", "month", "eprint", "archiveprefix", "primaryclass", "abbr"]);
    assert_eq!(exported.preambles, original.preambles);

    std::fs::write(dir.path().join("roundtrip/first.bib"), &first).unwrap();
    let second = export_ok(dir.path(), "roundtrip", &["--keep-private", "--bib", "first.bib"]);
    assert_eq!(second, first, "exporting the export changed it");
    assert_eq!(first.matches(MATH).count(), 2, "{first}");
}

#[test]
fn biblatex_format_keeps_dates_and_round_trips() {
    let dir = sandbox();
    let first = export_ok(dir.path(), "roundtrip", &["--keep-private", "--format", "biblatex"]);
    snapshot("roundtrip", "expected-biblatex.bib", &first);
    let original = read_fixture("roundtrip", "refs.bib");
    let exported = parse_ok(&first);
    // These have (or inherit) `journal`, `address`, `archiveprefix` or `year` + `month`, renamed
    // on purpose.
    let converted = ["mueller2024accents", "zhu2023crossref", "mueller2022quoted", "mueller2025date", "dac2023"];
    assert_same_entries(&original, &exported, &Private::Keep, &converted);
    std::fs::write(dir.path().join("roundtrip/first.bib"), &first).unwrap();
    let second = export_ok(dir.path(), "roundtrip", &["--keep-private", "--format", "biblatex", "--bib", "first.bib"]);
    assert_eq!(second, first);
}

#[test]
fn default_export_drops_exactly_the_private_fields() {
    let dir = sandbox();
    let first = export_ok(dir.path(), "roundtrip", &[]);
    snapshot("roundtrip", "expected-default.bib", &first);
    let original = read_fixture("roundtrip", "refs.bib");
    let exported = parse_ok(&first);
    assert_same_entries(&original, &exported, &Private::default_list(), &["mueller2025date"]);
    for private in ["abbr", "selected", "award", "code", "pdf", "author+an"] {
        assert!(!first.contains(&format!("\n  {private} ")), "`{private}` leaked:\n{first}");
    }
    // A line of a value that looks like a private field is text, and stays (no line matching).
    assert!(first.contains("\n               abbr = {this line is text, not a field}},\n"), "{first}");
    // `@string`s that only private fields used are gone; used ones stay, before the entries.
    assert!(!first.contains("unused"), "{first}");
    assert!(first.starts_with("@preamble{\"\\providecommand{\\noopsort}[1]{}\"}\n\n@string{jmlr = {Journal of Machine Learning Research}}\n"), "{first}");
    assert!(first.ends_with("}\n") && !first.ends_with("\n\n"), "{first:?}");
}

#[test]
fn profile_private_fields_replace_the_default_list() {
    let dir = sandbox();
    let out = export_ok(dir.path(), "private", &[]);
    let exported = parse_ok(&out);
    let private = Private::Strip(vec!["note".into(), "doi".into(), "*-custom".into()]);
    let original = read_fixture("roundtrip", "refs.bib");
    assert_same_entries(&original, &exported, &private, &["mueller2025date"]);
    assert!(out.contains("abbr"), "{out}");
    assert!(!out.contains("doi"), "{out}");
}

#[test]
fn crossref_parent_comes_along_after_its_child() {
    let dir = sandbox();
    let out = export_ok(dir.path(), "roundtrip", &["--key", "zhu2023crossref"]);
    let keys: Vec<_> = parse_ok(&out).entries.into_iter().map(|e| e.key).collect();
    assert_eq!(keys, ["zhu2023crossref", "dac2023"]);
    // In the full export the parent also follows its child.
    let all = export_ok(dir.path(), "roundtrip", &[]);
    let keys: Vec<_> = parse_ok(&all).entries.into_iter().map(|e| e.key).collect();
    assert_eq!(keys, ["mueller2024accents", "zhu2023crossref", "mueller2025date", "mueller2022quoted", "dac2023"]);
}

#[test]
fn selection_flags() {
    let dir = sandbox();
    let keys = |args: &[&str]| -> Vec<String> {
        parse_ok(&export_ok(dir.path(), "roundtrip", args)).entries.into_iter().map(|e| e.key).collect()
    };
    assert_eq!(keys(&["--selected"]), ["mueller2024accents"]);
    assert_eq!(keys(&["--since", "2024"]), ["mueller2024accents", "mueller2025date"]);
    assert_eq!(keys(&["--since", "2023", "--until", "2023"]), ["zhu2023crossref", "dac2023"]);
    assert_eq!(
        keys(&["--type", "ARTICLE", "--type", "misc"]),
        ["mueller2024accents", "mueller2025date", "mueller2022quoted"]
    );
    assert_eq!(
        keys(&["--key", "mueller2022quoted", "--key", "mueller2025date"]),
        ["mueller2025date", "mueller2022quoted"]
    );
}

#[test]
fn empty_selection_warns_and_prints_nothing() {
    let dir = sandbox();
    let output = cvgen(&dir.path().join("roundtrip"), &["bib", "--since", "2030"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "");
    assert_eq!(
        stderr(&output),
        "warning: no entry matches `--since 2030`; the export is empty\n = hint: `refs.bib` has 5 entries; loosen the selection\n\n"
    );
}

#[test]
fn unknown_key_is_an_error_naming_the_closest() {
    let dir = sandbox();
    let output = cvgen(&dir.path().join("roundtrip"), &["bib", "--key", "zhu2023crosref", "-o", "out.bib"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    assert_eq!(
        stderr(&output),
        "error: unknown key `zhu2023crosref` in `refs.bib`\n = hint: did you mean `zhu2023crossref`?\n\n\
         error: no BibTeX written (`out.bib` is unchanged)\n\n"
    );
    assert!(!dir.path().join("roundtrip/out.bib").exists());
}

#[test]
fn output_that_is_the_input_is_refused() {
    let dir = sandbox();
    let case = dir.path().join("roundtrip");
    let before = std::fs::read(case.join("refs.bib")).unwrap();
    let expected = "error: the output `refs.bib` is also an input\n = hint: choose another `--output`; cvgen never overwrites its inputs\n\n";
    let output = cvgen(&case, &["bib", "-o", "refs.bib"]);
    assert_eq!((output.status.code(), stderr(&output).as_str()), (Some(2), expected));
    // Also when the bib comes from the profile and the output names it another way.
    let output = cvgen(&case, &["bib", "--output", "./refs.bib"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert_eq!(std::fs::read(case.join("refs.bib")).unwrap(), before);
}

#[test]
fn since_after_until_is_a_usage_error() {
    let dir = sandbox();
    let output = cvgen(&dir.path().join("roundtrip"), &["bib", "--since", "2024", "--until", "2020"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: `--since 2024` is after `--until 2020`, so nothing could match\n = hint: swap the two years\n\n"
    );
}

#[test]
fn broken_bib_writes_nothing_unless_keep_going() {
    let dir = sandbox();
    let case = dir.path().join("broken");
    std::fs::write(case.join("out.bib"), "old\n").unwrap();
    let output = cvgen(&case, &["bib", "-o", "out.bib"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.starts_with("error: unclosed `{`: this brace has no matching `}`\n"), "{err}");
    assert!(err.contains("refs.bib:9:"), "{err}");
    assert!(err.ends_with("error: no BibTeX written: fix the errors above (`out.bib` is unchanged)\n = hint: `--keep-going` exports the entries that could be read\n\n"), "{err}");
    assert_eq!(std::fs::read_to_string(case.join("out.bib")).unwrap(), "old\n");

    let output = cvgen(&case, &["bib", "-o", "out.bib", "--keep-going"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).starts_with("warning: unclosed `{`"), "{}", stderr(&output));
    let keys: Vec<_> =
        parse_ok(&std::fs::read_to_string(case.join("out.bib")).unwrap()).entries.into_iter().map(|e| e.key).collect();
    assert_eq!(keys, ["good2020", "alsogood2022"]);
}

#[test]
fn repeated_field_is_exported_once_with_a_located_warning() {
    let dir = sandbox();
    let case = dir.path().join("roundtrip");
    let source =
        "@online{web,\n  title = {Post},\n  date = {2024-02},\n  date = {2025},\n  url = {https://x.org/pos$},\n}\n";
    std::fs::write(case.join("repeats.bib"), source).unwrap();
    let output = cvgen(&case, &["bib", "--bib", "repeats.bib", "-o", "out.bib"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        "warning: entry `web` has the field `date` more than once
  \
         ┌─ repeats.bib:4:3\n  │\n3 │   date = {2024-02},\n4 │   date = {2025},\n  │   ^^^^\n\
         5 │   url = {https://x.org/pos$},\n  │\n  \
         = hint: BibTeX reads only the first `date`, and so does cvgen: delete the others\n\n\
         wrote out.bib (1 entry)\n"
    );
    // The first date is the one converted; the URL with `$` gets no `\url{…}` copy.
    let first = std::fs::read_to_string(case.join("out.bib")).unwrap();
    assert_eq!(
        first,
        "@misc{web,\n  title = {Post},\n  year  = {2024},\n  month = feb,\n  url   = {https://x.org/pos$},\n}\n"
    );
    let again = export_ok(dir.path(), "roundtrip", &["--bib", "out.bib"]);
    assert_eq!(again, first);
}

#[test]
fn bib_flag_works_without_a_publications_section() {
    let dir = sandbox();
    let out = export_ok(dir.path(), "roundtrip", &["--profile", "no-publications.yaml", "--bib", "refs.bib"]);
    assert_eq!(parse_ok(&out).entries.len(), 5);
    let output = cvgen(&dir.path().join("roundtrip"), &["bib", "--profile", "no-publications.yaml"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output)
            .starts_with("error: no bibliography to export: `no-publications.yaml` has no `publications` section\n"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn formats_downgrade_and_upgrade() {
    let dir = sandbox();
    let bibtex = export_ok(dir.path(), "formats", &[]);
    snapshot("formats", "expected-bibtex.bib", &bibtex);
    let biblatex = export_ok(dir.path(), "formats", &["--format", "biblatex"]);
    snapshot("formats", "expected-biblatex.bib", &biblatex);

    // Never a field twice, in either format.
    for text in [&bibtex, &biblatex] {
        for entry in parse_ok(text).entries {
            let mut names: Vec<_> = entry.fields.iter().map(|f| f.name.clone()).collect();
            names.sort();
            let count = names.len();
            names.dedup();
            assert_eq!(names.len(), count, "a field is written twice in `{}`", entry.key);
        }
    }
    // Dates mean the same after either conversion.
    let original = read_fixture("formats", "refs.bib");
    for converted in [parse_ok(&bibtex), parse_ok(&biblatex)] {
        for (a, b) in original.entries.iter().zip(&converted.entries) {
            assert_eq!(
                format!("{:?}", a.typed.date().ok()),
                format!("{:?}", b.typed.date().ok()),
                "date of `{}`",
                a.key
            );
        }
    }
    // Each conversion is stable.
    std::fs::write(dir.path().join("formats/b.bib"), &bibtex).unwrap();
    assert_eq!(export_ok(dir.path(), "formats", &["--bib", "b.bib"]), bibtex);
    std::fs::write(dir.path().join("formats/l.bib"), &biblatex).unwrap();
    assert_eq!(export_ok(dir.path(), "formats", &["--bib", "l.bib", "--format", "biblatex"]), biblatex);
}

// ---- property tests over generated bibliographies ----

/// Literal pieces a real bibliography has: words, accents, UTF-8, escapes, math, dashes.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ,.:;!?'()/+=*-]{0,10}",
        Just("Müller".to_owned()),
        Just("朱汉卿".to_owned()),
        Just("Łukasz Øster".to_owned()),
        Just(r#"{\"u}"#.to_owned()),
        Just(r"\'e".to_owned()),
        Just(r"\&".to_owned()),
        Just(r"\%".to_owned()),
        Just(r" $\mathcal{O}(n^2)$ ".to_owned()),
        Just(" $x_1 + y^{2}$ ".to_owned()),
        Just(r"\textbf{bold}".to_owned()),
        Just("--".to_owned()),
        Just("~".to_owned()),
    ]
}

/// Text with balanced braces (case protection nested a few levels).
fn balanced() -> impl Strategy<Value = String> {
    piece().prop_recursive(3, 24, 4, |inner| {
        prop::collection::vec(prop_oneof![inner.clone(), inner.prop_map(|s| format!("{{{s}}}"))], 1..4)
            .prop_map(|v| v.concat())
    })
}

const MACROS: [&str; 4] = ["jmlr", "ieee", "Conf_A", "pub.x"];

/// One value as written in the source: braces, quotes, a number, a defined macro or a month,
/// joined by `#`. `defined` is how many of [`MACROS`] may be used.
fn source_value(defined: usize) -> impl Strategy<Value = String> {
    let part = prop_oneof![
        balanced().prop_map(|s| format!("{{{s}}}")),
        balanced().prop_map(|s| format!("\"{s}\"")),
        (0u16..3000).prop_map(|n| n.to_string()),
        (0..defined.max(1)).prop_map(move |i| if defined == 0 { "{x}".to_owned() } else { MACROS[i].to_owned() }),
        prop::sample::select(vec!["jan", "May", "dec"]).prop_map(str::to_owned),
    ];
    prop::collection::vec(part, 1..4).prop_map(|parts| parts.join(" # "))
}

/// Field names: common ones, private ones, annotations, BibLaTeX ones and unknown ones.
const FIELDS: [&str; 21] = [
    "Ünote",
    "title",
    "author",
    "note",
    "journal",
    "booktitle",
    "year",
    "month",
    "url",
    "abbr",
    "selected",
    "author+an",
    "x-custom",
    "keywords",
    "address",
    "Publisher",
    "date",
    "journaltitle",
    "location",
    "eprinttype",
    "type",
];
/// The fields and types no conversion touches.
const PLAIN_FIELDS: usize = 16;
const TYPES: [&str; 10] =
    ["article", "Misc", "book", "inproceedings", "unpublished", "software", "online", "thesis", "report", "techreport"];
const PLAIN_TYPES: usize = 5;

/// A whole file: `@string`s (each may use the ones defined before it), maybe a preamble, and
/// entries with unique keys. `plain_only` keeps to the fields and types no conversion touches.
fn source(plain_only: bool) -> impl Strategy<Value = String> {
    let (n_fields, n_types) = if plain_only { (PLAIN_FIELDS, PLAIN_TYPES) } else { (FIELDS.len(), TYPES.len()) };
    (0..=MACROS.len())
        .prop_flat_map(move |defined| {
            let strings: Vec<_> = (0..defined).map(source_value).collect();
            // Each field at most once: a repeated field is a warning (the parser keeps the first).
            let fields = prop::collection::btree_map(0..n_fields, (any::<bool>(), source_value(defined)), 0..6);
            let entries = prop::collection::btree_map("[a-z][a-z0-9:_-]{0,8}", (0..n_types, fields), 0..5);
            (strings, entries, any::<bool>())
        })
        .prop_map(|(strings, entries, preamble)| {
            let mut text = String::new();
            for (name, value) in MACROS.iter().zip(&strings) {
                text.push_str(&format!("@string{{{name} = {value}}}\n"));
            }
            if preamble {
                text.push_str("@preamble{\"\\newcommand{\\noop}[1]{#1}\"}\n");
            }
            for (key, (kind, fields)) in &entries {
                text.push_str(&format!("@{}{{{key},\n", TYPES[*kind]));
                for (name, (upper, value)) in fields {
                    let name = if *upper { FIELDS[*name].to_uppercase() } else { FIELDS[*name].to_owned() };
                    text.push_str(&format!("  {name} = {value},\n"));
                }
                text.push_str("}\n\n");
            }
            text
        })
}

fn lossless() -> WriteConfig {
    WriteConfig { selection: Selection::default(), private: Private::Keep, dialect: Dialect::Bibtex, additions: None }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// With `--keep-private` and nothing to convert, the export reads back to exactly the same
    /// entries, fields and values.
    #[test]
    fn generated_export_reads_back_the_same(src in source(true)) {
        let (original, diags) = bib::parse(&src, Path::new("gen.bib"));
        prop_assert!(!diags.iter().any(|d| d.is_error()), "generator produced bad input: {:?}\n{}", diags, src);
        let out = write::write(&original, Path::new("gen.bib"), &lossless());
        let exported = reads_back(&out.text, &diags);
        assert_same_entries(&original, &exported, &Private::Keep, &[]);
        if !original.entries.is_empty() {
            prop_assert_eq!(&exported.preambles, &original.preambles);
        }
    }

    /// Whatever the format and private list, exporting the export changes nothing, and the
    /// export always reads back without a diagnostic the input did not have.
    #[test]
    fn generated_export_is_a_fixpoint(src in source(false), biblatex in any::<bool>(), keep in any::<bool>()) {
        let (original, diags) = bib::parse(&src, Path::new("gen.bib"));
        prop_assert!(!diags.iter().any(|d| d.is_error()), "generator produced bad input: {:?}\n{}", diags, src);
        let config = WriteConfig {
            selection: Selection::default(),
            private: if keep { Private::Keep } else { Private::default_list() },
            dialect: if biblatex { Dialect::Biblatex } else { Dialect::Bibtex },
            additions: None,
        };
        let first = write::write(&original, Path::new("gen.bib"), &config).text;
        let second = write::write(&reads_back(&first, &diags), Path::new("gen.bib"), &config).text;
        prop_assert_eq!(second, first);
    }
}

/// Real third-party files (from `../shared/corpus/fetch.sh DIR`), never needed by `cargo test`:
/// `CVGEN_CORPUS=DIR/files cargo test --test cli -- bib_export::corpus --nocapture`. Every entry that
/// reads must export, read back the same in both formats, and export again unchanged.
#[test]
fn corpus_round_trips() {
    let Some(dir) = std::env::var_os("CVGEN_CORPUS") else { return };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "bib"))
        .collect();
    files.sort();
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            println!("{}: not UTF-8 (the CLI reports it with its position)", path.display());
            continue;
        };
        let (original, diags) = bib::parse(&text, &path);
        for format in [Dialect::Bibtex, Dialect::Biblatex] {
            let config = WriteConfig {
                selection: Selection::default(),
                private: Private::Keep,
                dialect: format,
                additions: None,
            };
            let out = write::write(&original, &path, &config);
            let exported = parse_ok(&out.text);
            // Entries the conversion changed (a repeated field dropped included), or that
            // inherit from one, are compared by date.
            let converted: Vec<&str> = original
                .entries
                .iter()
                .filter(|e| {
                    let mut record = write::Record::from_entry(e);
                    let before = record.clone();
                    cvgen::bib::write::dialect::drop_repeats(&mut record);
                    match format {
                        Dialect::Bibtex => cvgen::bib::write::dialect::to_bibtex(&mut record, &original.strings),
                        Dialect::Biblatex => cvgen::bib::write::dialect::to_biblatex(&mut record, &original.strings),
                    }
                    record != before || e.field("crossref").is_some() || e.field("xdata").is_some()
                })
                .map(|e| e.key.as_str())
                .collect();
            assert_same_entries(&original, &exported, &Private::Keep, &converted);
            let again = write::write(&exported, &path, &config).text;
            assert_eq!(again, out.text, "{}: {format:?} export is not a fixpoint", path.display());
            println!(
                "{}: {} entries read ({} diagnostics), {format:?}: {} exported, {} converted, round-trips",
                path.display(),
                original.entries.len(),
                diags.len(),
                out.entries,
                converted.len()
            );
        }
    }
}

/// The fields BibTeX's standard styles (`plain.bst`, as `bibtex` 0.99d runs it) warn about when
/// empty, by entry type: `a|b` is either, as the style checks it. Any other type is read as
/// `@misc` with a warning (`entry type for "k" isn't style-file defined`).
const PLAIN_BST: &[(&str, &[&str])] = &[
    ("article", &["author", "title", "journal", "year"]),
    ("book", &["author|editor", "title", "publisher", "year"]),
    ("booklet", &["title"]),
    ("inbook", &["author|editor", "title", "chapter|pages", "publisher", "year"]),
    ("incollection", &["author", "title", "booktitle", "publisher", "year"]),
    ("inproceedings", &["author", "title", "booktitle", "year"]),
    ("conference", &["author", "title", "booktitle", "year"]),
    ("manual", &["title"]),
    ("mastersthesis", &["author", "title", "school", "year"]),
    ("misc", &[]),
    ("phdthesis", &["author", "title", "school", "year"]),
    ("proceedings", &["title", "year"]),
    ("techreport", &["author", "title", "institution", "year"]),
    ("unpublished", &["author", "title", "note"]),
];

/// Every BibLaTeX type with a BibTeX counterpart, written as biblatex-examples writes them, comes
/// out of `cvgen bib` as a type of the standard styles with the fields they ask for: a thesis's
/// `institution` becomes `school` (bibtex warned "empty school" on biblatex-examples), a
/// report keeps its `institution`.
#[test]
fn every_biblatex_type_becomes_what_bibtex_styles_read() {
    let dir = sandbox();
    let source = std::fs::read_to_string(Path::new(FIXTURES).join("dialect/biblatex-types.bib")).unwrap();
    let (input, _) = bib::parse(&source, Path::new("biblatex-types.bib"));
    let text = export_ok(dir.path(), "dialect", &["--bib", "biblatex-types.bib"]);
    let exported = parse_ok(&text);
    let keys = |b: &Bibliography| b.entries.iter().map(|e| e.key.clone()).collect::<Vec<_>>();
    assert_eq!(keys(&exported), keys(&input), "the same entries, in order");
    for entry in &exported.entries {
        let kind = entry.kind.to_ascii_lowercase();
        let Some((_, required)) = PLAIN_BST.iter().find(|(t, _)| *t == kind) else {
            panic!("`{}` is exported as `@{kind}`, which the standard styles do not define\n{text}", entry.key)
        };
        let has = |name: &str| entry.fields.iter().any(|f| f.name.eq_ignore_ascii_case(name));
        for field in *required {
            assert!(field.split('|').any(has), "`@{kind}{{{}`: BibTeX warns `empty {field}`\n{text}", entry.key);
        }
        if kind.ends_with("thesis") {
            assert!(!has("institution"), "`{}` keeps `institution` beside `school`", entry.key);
        }
    }
    let kind_of = |key: &str| exported.entries.iter().find(|e| e.key == key).map(|e| e.kind.to_ascii_lowercase());
    for (key, kind) in [
        ("phd", "phdthesis"),
        ("ma", "mastersthesis"),
        ("report", "techreport"),
        ("mvbook", "book"),
        ("collection", "book"),
        ("inbook", "incollection"),
        ("bookinbook", "incollection"),
        ("mvproceedings", "proceedings"),
        ("online", "misc"),
        ("patent", "misc"),
    ] {
        assert_eq!(kind_of(key).as_deref(), Some(kind), "{key}");
    }
    // Stable: the export exported again is itself.
    std::fs::write(dir.path().join("dialect/once.bib"), &text).unwrap();
    assert_eq!(export_ok(dir.path(), "dialect", &["--bib", "once.bib"]), text);
}
