//! `cvgen bib`'s engine: read the profile (YAML or JSON Resume, for `publications.bib` and
//! `private_fields`) and the bibliography, then export it ([`crate::bib::write`]) and hand the
//! text back; the verb writes it.
//!
//! It does not build the CV model: owner matching and annotations have no bearing on the export.
//! Only `--with-profile` reads the entries as the CV does ([`crate::model::publications::read`]),
//! to write the profile's additions and the marks and names the CV prints (`additions`).
//! Nothing comes back when the bibliography has errors (unless `keep_going`) or a selected key is
//! unknown, so an existing output file survives a failed run.

use std::path::PathBuf;

use super::guard::OutputGuard;
use super::{Inputs, library, read_profile};
use crate::bib::Bibliography;
use crate::bib::write::alfolio::{self, Additions};
use crate::bib::write::{self as writer, Dialect, Private, Selection, WriteConfig};
use crate::diag::{Diagnostic, Severity};
use crate::model::Publication;
use crate::model::publications::papers;
use crate::profile::PublicationSettings;
use crate::timings::Timings;
use crate::{Failure, Report};

/// What to export.
#[derive(Debug, Clone)]
pub struct BibConfig {
    /// Where the inputs are.
    pub inputs: Inputs,
    /// Where the text will be written (`None`: standard output); never the bibliography itself.
    pub output: Option<PathBuf>,
    /// Which entries.
    pub selection: Selection,
    /// BibTeX or BibLaTeX.
    pub dialect: Dialect,
    /// Keep every field, private display fields too.
    pub keep_private: bool,
    /// Export the entries that could be read even if some are broken.
    pub keep_going: bool,
    /// Write the profile's `publications.papers` and `rename` in al-folio's field names
    /// (`--with-profile`); without it the entries are exported as they are.
    pub with_profile: bool,
}

/// The BibTeX a `cvgen bib` run made.
#[derive(Debug)]
pub struct BibText {
    /// The text to write.
    pub text: String,
    /// How many entries it holds, `crossref` parents included.
    pub entries: usize,
}

/// Exports the bibliography as `request` says: the BibTeX text, or the reason there is none (in
/// `report`).
pub fn write(request: &BibConfig, report: &mut Report) -> Result<BibText, Failure> {
    let mut timings = Timings::default();
    let inputs = &request.inputs;
    let profile = read_profile(inputs, report, &mut timings).ok_or(Failure::Content)?;
    let settings = profile.publications.as_ref();
    let sources = library::sources(inputs, Some(&profile));
    if let Some(d) = library::missing(inputs, &profile) {
        report.diagnostics.push(d);
        return Err(Failure::Content);
    }
    if sources.is_empty() {
        report.diagnostics.push(
            Diagnostic::error(format!(
                "no bibliography to export: `{}` has no `publications` section",
                inputs.profile().display()
            ))
            .hint("pass `--bib FILE`, or add `publications: {bib: refs.bib, owner: [\"Your Name\"]}` to the profile"),
        );
        return Err(Failure::Content);
    }
    if let Some(output) = &request.output {
        let mut guard = OutputGuard::for_inputs(inputs);
        guard.profile(inputs, &profile);
        if let Err(d) = guard.check(output) {
            report.diagnostics.push(d);
            return Err(Failure::Usage);
        }
    }

    let errors_before = report.diagnostics.iter().filter(|d| d.is_error()).count();
    let library = library::read(&sources, report, &mut timings);
    if library.unreadable() {
        return Err(Failure::Content);
    }
    let broken = report.diagnostics.iter().filter(|d| d.is_error()).count() > errors_before;
    let bib_path = library.label();

    let private = if request.keep_private {
        Private::Keep
    } else {
        match settings.and_then(|s| s.private_fields.clone()) {
            Some(list) => Private::Strip(list),
            None => Private::default_list(),
        }
    };
    let (private, additions) = if request.with_profile {
        let publications = crate::model::publications::read(settings, &library.bibliography);
        let problems = papers::check(&profile, &publications, !inputs.bibs.is_empty());
        let failed = problems.iter().any(Diagnostic::is_error);
        report.diagnostics.extend(problems);
        if failed {
            // What the profile adds cannot be written as it says: nothing is.
            let unchanged = request.output.as_ref().map(|o| format!(" (`{}` is unchanged)", o.display()));
            report.diagnostics.push(
                Diagnostic::error(format!(
                    "no BibTeX written: fix the profile's errors above{}",
                    unchanged.unwrap_or_default()
                ))
                .hint("or export without `--with-profile`"),
            );
            return Err(Failure::Content);
        }
        (alfolio::keep_alfolio_fields(private), Some(additions(settings, &library.bibliography, &publications)))
    } else {
        (private, None)
    };
    let config = WriteConfig { selection: request.selection.clone(), private, dialect: request.dialect, additions };
    let mut exported = writer::write(&library.bibliography, &bib_path, &config);
    let selection_failed = exported.diagnostics.iter().any(Diagnostic::is_error);
    if selection_failed && broken {
        for d in exported.diagnostics.iter_mut().filter(|d| d.is_error()) {
            d.hints.push(format!(
                "some entries of `{}` could not be read (see above); it may be one of them",
                bib_path.display()
            ));
        }
    }
    if broken && !request.keep_going {
        // Nothing will be written: warnings about the export's content would only be noise.
        exported.diagnostics.retain(Diagnostic::is_error);
    }
    report.diagnostics.append(&mut exported.diagnostics);

    let unchanged = match &request.output {
        Some(output) => format!(" (`{}` is unchanged)", output.display()),
        None => String::new(),
    };
    if selection_failed {
        if let Some(output) = &request.output {
            report
                .diagnostics
                .push(Diagnostic::error(format!("no BibTeX written (`{}` is unchanged)", output.display())));
        }
        return Err(Failure::Content);
    }
    if broken {
        if !request.keep_going {
            report.diagnostics.push(
                Diagnostic::error(format!("no BibTeX written: fix the errors above{unchanged}"))
                    .hint("`--keep-going` exports the entries that could be read"),
            );
            return Err(Failure::Content);
        }
        for d in &mut report.diagnostics {
            d.severity = Severity::Warning;
        }
    }
    Ok(BibText { text: exported.text, entries: exported.entries })
}

/// What the profile adds to each entry of `bib` (by index), in al-folio's field names: the values
/// `publications.papers` gives (`note`, `selected`, `abbr` for `short`, the venue field, `title`,
/// `year`/`month` for `date`, `category`, the links by their names) and, as the CV prints them,
/// the role marks (when `papers:` sets them) and the renamed co-authors. `publications` are the
/// entries as [`crate::model::publications::read`] gives them.
fn additions(
    settings: Option<&PublicationSettings>,
    bib: &Bibliography,
    publications: &[Publication],
) -> Vec<Option<Additions>> {
    let by_entry = papers::by_entry(settings, bib);
    bib.entries
        .iter()
        .zip(publications)
        .zip(by_entry)
        .map(|((entry, p), add)| {
            let mut out = Additions {
                names: p
                    .authors
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| a.renamed)
                    .map(|(i, a)| (i, a.name.clone()))
                    .collect(),
                ..Additions::default()
            };
            if let Some(add) = add {
                if add.selected == Some(false) {
                    out.remove.extend(["selected".to_owned(), "_selected".to_owned()]);
                }
                if add.date.is_some() {
                    // `date` would win over `year` and `month` in BibLaTeX; a month the date
                    // does not give goes.
                    out.remove.push("date".to_owned());
                    if p.month.is_none() {
                        out.remove.push("month".to_owned());
                    }
                }
                let mut set = |name: &str, value: String| out.set.push((name.to_owned(), value));
                if let Some(note) = &add.note {
                    set("note", note.clone());
                }
                if add.selected == Some(true) {
                    set("selected", "true".to_owned());
                }
                if let Some(short) = &add.short {
                    set("abbr", short.clone());
                }
                if let Some(venue) = &add.venue {
                    let field = ["booktitle", "journal", "journaltitle", "howpublished"]
                        .into_iter()
                        .find(|f| entry.field(f).is_some())
                        .unwrap_or(if entry.kind == "inproceedings" { "booktitle" } else { "journal" });
                    set(field, venue.clone());
                }
                if let Some(title) = &add.title {
                    set("title", title.clone());
                }
                if add.date.is_some() {
                    if let Some(year) = p.year {
                        set("year", year.to_string());
                    }
                    if let Some(month) = p.month {
                        set("month", month.to_string());
                    }
                }
                if let Some(category) = add.category {
                    set("category", category.name().to_owned());
                }
                for (name, url) in &add.links {
                    set(&name.trim().to_ascii_lowercase(), url.trim().to_owned());
                }
            }
            if add.is_some_and(|add| add.equal.is_some() || add.corresponding.is_some()) {
                out.marks = Some(p.authors.iter().map(|a| a.marks.clone()).collect());
            }
            (out != Additions::default()).then_some(out)
        })
        .collect()
}
