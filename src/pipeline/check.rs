//! `cvgen check`'s engine: every problem of the profile and the bibliography plus the lints, in
//! one pass, without typesetting unless the profile sets a page budget.
//!
//! It builds the model as `cvgen pdf` would (citations, characters no font can show) but never
//! typesets, except to count the pages when the profile (or its variant) sets `max_pages`
//! ([`super::pages`]). Unlike a build, a broken profile does not stop the check: the bibliography
//! (from `--bib`) is still read, and linted without an owner. Every entry is read once
//! ([`crate::model::publications::read`]) and the lints judge that reading, so no problem is
//! found twice and nothing needs de-duplicating.

use std::path::{Path, PathBuf};

use super::{Inputs, library, read_profile};
use crate::Report;
use crate::date::Day;
use crate::lint;
use crate::model::publications;
use crate::timings::Timings;

/// What a check looked at.
#[derive(Debug, Default)]
pub struct Checked {
    /// The files checked, in order (the profile, then the bibliography).
    pub files: Vec<PathBuf>,
    /// How many entries the bibliography has, when one was read.
    pub entries: Option<usize>,
    /// Every publication with the category it is listed under and why.
    pub categories: Vec<Explained>,
}

/// Why a publication sits in its list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    /// `refs.bib:12`.
    pub place: String,
    /// The entry's key.
    pub key: String,
    /// Its category.
    pub category: crate::category::Category,
    /// The rule that decided it.
    pub rule: String,
    /// The entry the CV shows instead, if this one is left out.
    pub left_out_for: Option<String>,
    /// The values `publications.papers` in the profile gives it (`note`, `date`, …).
    pub from_profile: Vec<String>,
}

/// Checks the inputs; every problem goes into `report.diagnostics`, in file order.
pub fn check(inputs: &Inputs, today: Day, report: &mut Report) -> Checked {
    let mut timings = Timings::default();
    let profile_path = inputs.profile().to_owned();
    let files = inputs.profile_files().into_iter().map(Path::to_owned).collect();
    let mut checked = Checked { files, ..Checked::default() };
    let profile = read_profile(inputs, report, &mut timings);
    if let Some(profile) = &profile {
        let text = report.sources.get(&profile_path).unwrap_or_default();
        let found = lint::profile(profile, text, &profile_path, today);
        report.diagnostics.extend(found);
        report.diagnostics.extend(lint::themes::omissions(profile));
    }
    let settings = profile.as_ref().and_then(|p| p.publications.as_ref());
    report.diagnostics.extend(profile.as_ref().and_then(|p| library::missing(inputs, p)));
    let sources = library::sources(inputs, profile.as_ref());
    checked.files.extend(sources.iter().map(|s| s.path.clone()));
    let library = library::read(&sources, report, &mut timings);
    let bib_read = library.files.iter().any(|f| !f.unreadable);
    // The lints come before the citation file's problems in the report, as the files are
    // listed; the citation file is read first because the model needs it.
    let lints_at = report.diagnostics.len();
    let counts = profile.as_ref().and_then(|p| super::citations::read(inputs, p, report, &mut timings));
    if let Some(file) = &counts {
        checked.files.push(file.path.clone());
    }
    let built = profile.as_ref().map(|profile| {
        let sources = crate::model::Sources {
            profile,
            bibliography: &library.bibliography,
            citations: counts.as_ref().filter(|_| bib_read),
            today,
            bib_given: !inputs.bibs.is_empty(),
            bib_readable: !library.unreadable(),
        };
        crate::model::build(&sources)
    });
    if bib_read {
        checked.entries = Some(library.bibliography.entries.len());
        let read = match &built {
            Some(built) => built.publications.clone(),
            None => publications::read(settings, &library.bibliography),
        };
        checked.categories = library
            .bibliography
            .entries
            .iter()
            .zip(&read)
            .map(|(entry, p)| Explained {
                place: format!("{}:{}", entry.file.display(), entry.line),
                key: entry.key.clone(),
                category: p.category,
                rule: p.category_rule.clone(),
                left_out_for: p.left_out_for.clone(),
                from_profile: p.from_profile.clone(),
            })
            .collect();
        let mut lints = lint::bibliography(settings, &read, &library.bibliography, today);
        lints.extend(lint::fields::unknown_display_fields(&library.bibliography));
        report.diagnostics.splice(lints_at..lints_at, lints);
    }
    // The model is built, not typeset: the citations and links of the profile as the CV would
    // print them, and the characters no font of the build (the embedded fonts and `fonts/` next
    // to the profile) can show. The entries' own problems are the lints' (above).
    if let (Some(profile), Some(built)) = (&profile, built) {
        report.diagnostics.extend(built.diagnostics);
        report.diagnostics.extend(lint::themes::paper_omissions(profile, &built.publications));
        let found = super::texts::diagnostics_in(&built.findings, &super::profile_texts(profile, report));
        report.diagnostics.extend(found);
        let mut cv = built.cv;
        let dirs: Vec<PathBuf> = inputs.font_folders().into_iter().filter(|folder| folder.is_dir()).collect();
        let fonts = crate::render::FontSet::load(&dirs, false);
        let files: Vec<&Path> = profile.origin.files().collect();
        report
            .diagnostics
            .extend(super::glyphs::fit(&mut cv, &library.bibliography, &fonts, &files, &report.sources).0);
        // A page budget is checked by typesetting, as `cvgen pdf` would (without writing the
        // PDF); without one, `check` never typesets.
        if profile.max_pages.is_some()
            && !report.has_errors()
            && let Some(pages) = super::pages::count(&mut cv, profile, &profile_path, &fonts, today, report)
        {
            report.diagnostics.extend(super::pages::over_budget(pages, profile));
        }
    }
    checked
}
