//! `cvgen bib`'s export: select → (with `--with-profile`, the profile's additions) → strip
//! private fields → convert the dialect → write, as pure functions of a parsed bibliography. One
//! file per job: [`select`] (which entries), [`alfolio`] (the profile's additions in al-folio's
//! field names), [`private`] (which fields go), [`dialect`] (BibTeX ⇄ BibLaTeX), [`writer`] (the
//! text).
//!
//! The verb (`cmd::bib`) reads the inputs and writes the result; nothing here does I/O.

pub mod alfolio;
pub mod dialect;
pub mod private;
pub mod select;
pub mod writer;

use std::path::Path;

pub use private::Private;
pub use select::Selection;
pub use writer::{Document, Field, Record, Unwritable};

use super::Bibliography;
use crate::diag::Diagnostic;
use writer::used_strings;

/// The dialect of the output (`--format`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Dialect {
    /// Classic BibTeX: BibLaTeX-only fields and types downgraded ([`dialect::to_bibtex`]).
    #[default]
    Bibtex,
    /// BibLaTeX: classic fields and types upgraded ([`dialect::to_biblatex`]).
    Biblatex,
}

/// What to export and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteConfig {
    /// Which entries.
    pub selection: Selection,
    /// Which fields to remove.
    pub private: Private,
    /// The dialect.
    pub dialect: Dialect,
    /// The profile's additions by entry index (`cvgen bib --with-profile`, [`alfolio`]); `None`
    /// exports the entries as they are.
    pub additions: Option<Vec<Option<alfolio::Additions>>>,
}

impl Default for WriteConfig {
    fn default() -> Self {
        Self {
            selection: Selection::default(),
            private: Private::default_list(),
            dialect: Dialect::Bibtex,
            additions: None,
        }
    }
}

/// The result of an export.
#[derive(Debug, Clone, Default)]
pub struct Written {
    /// The BibTeX text (empty when nothing is exported, else ending in one newline).
    pub text: String,
    /// How many entries were written, `crossref` parents included.
    pub entries: usize,
    /// Problems with the selection: unknown keys (errors), empty results and missing parents
    /// (warnings).
    pub diagnostics: Vec<Diagnostic>,
}

/// Exports `bib` (read from `path`, named in messages) as `config` says.
pub fn write(bib: &Bibliography, path: &Path, config: &WriteConfig) -> Written {
    let (order, mut diagnostics) = select::select(bib, &config.selection, path);
    let mut records: Vec<Record> = order.iter().map(|&i| Record::from_entry(&bib.entries[i])).collect();
    rename_repeated_keys(&mut records, &order, bib, &mut diagnostics);
    if let Some(additions) = &config.additions {
        for (record, &i) in records.iter_mut().zip(&order) {
            alfolio::canonical_names(record);
            if let Some(add) = additions.get(i).and_then(Option::as_ref) {
                alfolio::apply(record, add);
            }
        }
    }
    for record in &mut records {
        private::strip_private(record, &config.private);
        // `bib::parse` already left out (and warned about) a field written twice; this keeps
        // the writer's output readable back the same for any bibliography.
        dialect::drop_repeats(record);
        match config.dialect {
            Dialect::Bibtex => dialect::to_bibtex(record, &bib.strings),
            Dialect::Biblatex => dialect::to_biblatex(record, &bib.strings),
        }
    }

    let selection_failed = diagnostics.iter().any(Diagnostic::is_error);
    if records.is_empty() && !selection_failed {
        let d = if bib.entries.is_empty() {
            Diagnostic::warning(format!("nothing to export from `{}`: it has no readable entries", path.display()))
        } else {
            Diagnostic::warning(format!("no entry matches `{}`; the export is empty", config.selection.describe()))
                .hint(format!(
                    "`{}` has {} {}; loosen the selection",
                    path.display(),
                    bib.entries.len(),
                    if bib.entries.len() == 1 { "entry" } else { "entries" }
                ))
        };
        diagnostics.push(d);
    }
    if records.is_empty() || selection_failed {
        return Written { text: String::new(), entries: 0, diagnostics };
    }

    let document =
        Document { preambles: bib.preambles.clone(), strings: used_strings(&records, &bib.strings), records };
    match writer::write(&document) {
        Ok(text) => Written { text, entries: document.records.len(), diagnostics },
        Err(Unwritable { key, field }) => {
            diagnostics.push(
                Diagnostic::error(format!("cannot write field `{field}` of `{key}`: its braces do not balance"))
                    .hint("balance the `{` and `}` in this value"),
            );
            Written { text: String::new(), entries: 0, diagnostics }
        }
    }
}

/// An entry whose key an earlier entry has is written under its id ([`BibEntry::id`]: `key-2`,
/// the next free number), with a warning: the file then reads in BibTeX and biber, and both
/// entries stay, as the CV shows them (and as the profile cites them).
///
/// [`BibEntry::id`]: crate::bib::BibEntry::id
fn rename_repeated_keys(
    records: &mut [Record],
    order: &[usize],
    bib: &Bibliography,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (record, &i) in records.iter_mut().zip(order) {
        let entry = &bib.entries[i];
        if entry.id == entry.key {
            continue;
        }
        diagnostics.push(
            Diagnostic::warning(format!(
                "entry `{}` is exported as `{}`: an earlier entry has its key",
                record.key, entry.id
            ))
            .at(entry.file.to_path_buf(), entry.key_span.clone())
            .hint("BibTeX reads one entry per key; rename it in the file to choose the name yourself"),
        );
        record.key = entry.id.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bib::parse;

    fn parse_ok(text: &str) -> Bibliography {
        let (bib, diags) = parse(text, Path::new("refs.bib"));
        assert!(diags.is_empty(), "{diags:?}\n{text}");
        bib
    }

    fn lossless() -> WriteConfig {
        WriteConfig { private: Private::Keep, ..WriteConfig::default() }
    }

    #[test]
    fn layout_aligns_fields_and_separates_entries() {
        let bib = parse_ok("@Article{k1, Title = {T}, journal = {J}}\n@misc{k2, note = {N}}");
        let out = write(&bib, Path::new("refs.bib"), &lossless());
        assert_eq!(out.text, "@article{k1,\n  title   = {T},\n  journal = {J},\n}\n\n@misc{k2,\n  note = {N},\n}\n");
        assert_eq!(out.entries, 2);
    }

    #[test]
    fn values_are_written_back_verbatim() {
        let source = r#"@article{k, title = "The {\"u}ber {GPU} $\mathcal{O}(n^2)$", note = {a \{b\} c}, year = 2020}"#;
        let bib = parse_ok(source);
        let out = write(&bib, Path::new("refs.bib"), &lossless()).text;
        assert!(out.contains(r#"title = {The {\"u}ber {GPU} $\mathcal{O}(n^2)$},"#), "{out}");
        assert!(out.contains(r"note  = {a \{b\} c},"), "{out}");
        assert!(out.contains("year  = {2020},"), "{out}");
        let again = write(&parse_ok(&out), Path::new("refs.bib"), &lossless()).text;
        assert_eq!(again, out);
    }

    #[test]
    fn used_strings_only_and_their_dependencies() {
        let bib = parse_ok(
            "@string{base = {Journal of }}\n@string{jmlr = base # {ML}}\n@string{unused = {U}}\n\
             @article{k, journal = jmlr, month = jan, abbr = unused}",
        );
        let out = write(&bib, Path::new("refs.bib"), &WriteConfig::default()).text;
        assert_eq!(
            out,
            "@string{base = {Journal of }}\n@string{jmlr = base # {ML}}\n\n\
             @article{k,\n  journal = jmlr,\n  month   = jan,\n}\n"
        );
    }

    #[test]
    fn a_key_with_a_closing_brace_is_written_in_parentheses() {
        // BibTeX reads `@article(k}x, …)` (its key is `k}x`); in braces the export ended the
        // entry at the key (found by the export_roundtrip fuzz target).
        let bib = parse_ok("@article(k}x, title = {T (with) {parens}}, year = 2020)\n");
        let out = write(&bib, Path::new("refs.bib"), &lossless()).text;
        assert_eq!(out, "@article(k}x,\n  title = {T (with) {parens}},\n  year  = {2020},\n)\n");
        let back = parse_ok(&out);
        assert_eq!(back.entries[0].key, "k}x");
        assert_eq!(write(&back, Path::new("refs.bib"), &lossless()).text, out);
    }

    #[test]
    fn a_string_used_in_another_case_is_exported() {
        // BibTeX's macro names ignore case; `jN` uses `jn` (found by the export_roundtrip fuzz
        // target: the definition was left out and the export read `jN` as undefined).
        let bib = parse_ok("@string{base = {Journal of }}\n@string{jn = BASE # {ML}}\n@article{k, journal = jN}\n");
        let out = write(&bib, Path::new("refs.bib"), &lossless()).text;
        assert!(out.starts_with("@string{base = {Journal of }}\n@string{jn = BASE # {ML}}\n\n"), "{out}");
    }

    #[test]
    fn preambles_keep_their_concatenations() {
        // xampl.bib's preamble joins strings with `#`; it was dropped from the export.
        let bib = parse_ok(
            "@preamble{\"\\newcommand{\\x}{X}\" # \"% two\"}\n@preamble{{\\def\\y{Y}}}\n@misc{k, note = {n}}\n",
        );
        let out = write(&bib, Path::new("refs.bib"), &lossless()).text;
        assert!(
            out.starts_with("@preamble{\"\\newcommand{\\x}{X}\" # \"% two\"}\n@preamble{\"\\def\\y{Y}\"}\n\n@misc{k,"),
            "{out}"
        );
        assert_eq!(parse_ok(&out).preambles, bib.preambles);
    }

    #[test]
    fn empty_selection_warns_and_writes_nothing() {
        let bib = parse_ok("@misc{k, note = {n}}");
        let config = WriteConfig {
            selection: Selection { selected_only: true, ..Selection::default() },
            ..WriteConfig::default()
        };
        let out = write(&bib, Path::new("refs.bib"), &config);
        assert_eq!(out.text, "");
        assert_eq!(out.diagnostics[0].message, "no entry matches `--selected`; the export is empty");
    }

    #[test]
    fn repeated_fields_are_exported_once_and_the_export_is_a_fixpoint() {
        // Found by fuzzing: the first `date` became `year`, the second stayed, and the next
        // export turned that one into a `month`. The parser now reads only the first of each
        // (and warns); the export never sees the repeats.
        let source = "@misc{k,\n  date = {2020},\n  title = {T},\n  Date = {2021-05},\n  title = {U},\n}\n";
        let (bib, warnings) = parse(source, Path::new("refs.bib"));
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        for (format, expected) in [
            (Dialect::Bibtex, "@misc{k,\n  year  = {2020},\n  title = {T},\n}\n"),
            (Dialect::Biblatex, "@misc{k,\n  date  = {2020},\n  title = {T},\n}\n"),
        ] {
            let config = WriteConfig { dialect: format, ..lossless() };
            let first = write(&bib, Path::new("refs.bib"), &config);
            assert_eq!(first.text, expected);
            assert!(first.diagnostics.is_empty(), "{:?}", first.diagnostics);
            let second = write(&parse_ok(&first.text), Path::new("refs.bib"), &config);
            assert_eq!(second.text, first.text);
            assert!(second.diagnostics.is_empty(), "{:?}", second.diagnostics);
        }
    }

    #[test]
    fn a_repeated_key_is_exported_under_a_new_one() {
        let text = "@inproceedings{zhu2022elight, title = {Conf}}\n@article{zhu2022elight, title = {Journal}}\n@misc{zhu2022elight-2, title = {Other}}\n";
        let (bib, _) = parse(text, Path::new("refs.bib"));
        let out = write(&bib, Path::new("refs.bib"), &lossless());
        let keys: Vec<String> = parse_ok(&out.text).entries.iter().map(|e| e.key.clone()).collect();
        assert_eq!(keys, ["zhu2022elight", "zhu2022elight-3", "zhu2022elight-2"]);
        assert_eq!(
            out.diagnostics[0].message,
            "entry `zhu2022elight` is exported as `zhu2022elight-3`: an earlier entry has its key"
        );
    }

    #[test]
    fn entry_without_fields_reads_back() {
        let bib = parse_ok("@misc{k,}");
        let out = write(&bib, Path::new("refs.bib"), &lossless()).text;
        assert_eq!(out, "@misc{k,\n}\n");
        assert_eq!(parse_ok(&out).entries[0].key, "k");
    }
}
