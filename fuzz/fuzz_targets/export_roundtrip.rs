//! Fuzz target: the `cvgen bib` round trip. Whatever reads from the input must export, the
//! export must read back without a diagnostic the input did not have, entries the conversion leaves alone must come back
//! with the same fields (under their id: a repeated key is exported as `key-2`), and exporting the export must change
//! nothing.
#![no_main]

use std::path::Path;

use cvgen::bib::write::{self, Dialect, WriteConfig, Private, Record, Selection, dialect};
use cvgen::bib::{self, BibEntry};
use libfuzzer_sys::fuzz_target;

fn raw(entry: &BibEntry) -> Vec<(String, Vec<bib::ValuePart>)> {
    entry.fields.iter().map(|f| (f.name.to_lowercase(), f.value.clone())).collect()
}

/// A warning about a field's text without the field's name (`unknown LaTeX command `\\x` in
/// `journal` of `k``): the dialect may rename the field (`journal` → `journaltitle`) and the same
/// warning then comes back under the new name.
fn without_field(message: &str) -> String {
    if let Some(start) = message.find(" in `")
        && let Some(len) = message[start + 5..].find("` of `")
    {
        return format!("{}{}", &message[..start], &message[start + 5 + len + 1..]);
    }
    message.to_owned()
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let path = Path::new("refs.bib");
    let (original, diagnostics) = bib::parse(text, path);
    // A warning about a value that is kept (a key biber refuses) comes back with it.
    let warnings: Vec<String> = diagnostics.iter().filter(|d| !d.is_error()).map(|d| without_field(&d.message)).collect();
    for format in [Dialect::Bibtex, Dialect::Biblatex] {
        let config = WriteConfig { selection: Selection::default(), private: Private::Keep, dialect: format, additions: None };
        let first = write::write(&original, path, &config);
        if first.diagnostics.iter().any(|d| d.is_error()) {
            // Only an unwritable value (unbalanced braces plus a quote) may stop an export.
            assert!(
                first.diagnostics.iter().all(|d| !d.is_error() || d.message.starts_with("cannot write field")),
                "{:?}",
                first.diagnostics
            );
            continue;
        }
        let (exported, diags) = bib::parse(&first.text, path);
        // A repeated key is exported under its id (`key-2`): its warnings come back under that name.
        let as_read = |message: &str| {
            original.entries.iter().filter(|e| e.id != e.key).fold(message.to_owned(), |m, e| {
                m.replace(&format!("`{}`", e.id), &format!("`{}`", e.key))
            })
        };
        // A repeated key's entry is a new entry under its id, which the others' `crossref` and
        // `xdata` do not name: a loop through it may read differently (a warning, not a loss).
        let renamed = |message: &str| {
            original.entries.iter().any(|e| e.id != e.key && message.contains(&format!("`{}`", e.id)))
        };
        let diags: Vec<_> = diags
            .iter()
            .filter(|d| d.is_error() || !(warnings.contains(&without_field(&as_read(&d.message))) || renamed(&d.message)))
            .collect();
        assert!(
            diags.is_empty(),
            "the export does not read back: {diags:?}\n--- input\n{text}\n--- export\n{}",
            first.text
        );
        for entry in &original.entries {
            let mut record = Record::from_entry(entry);
            let before = record.clone();
            // A repeated field is exported once (the first, as BibTeX reads it): a change too.
            dialect::drop_repeats(&mut record);
            match format {
                Dialect::Bibtex => dialect::to_bibtex(&mut record, &original.strings),
                Dialect::Biblatex => dialect::to_biblatex(&mut record, &original.strings),
            }
            if record != before || entry.field("crossref").is_some() || entry.field("xdata").is_some() {
                continue;
            }
            // An entry whose key an earlier entry has is exported under its id (`key-2`).
            let copy = exported.entries.iter().find(|e| e.key == entry.id).expect("every entry is exported");
            assert_eq!(entry.kind, copy.kind);
            assert_eq!(raw(entry), raw(copy), "fields of `{}` changed\n--- export\n{}", entry.key, first.text);
        }
        let second = write::write(&exported, path, &config);
        assert_eq!(second.text, first.text, "the export is not a fixpoint");
    }
});
