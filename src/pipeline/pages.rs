//! The page budget (`max_pages`, usually in a variant): a warning when the CV runs over it, named
//! by how far (`the CV runs to 3 pages, 1 over `max_pages: 2``) and located where the budget is
//! written (a variant, a later file, `--set`).
//!
//! `cvgen pdf` knows its page count; `cvgen check` does not typeset, so when (and only when) the
//! profile sets a budget, [`count`] lays the CV out as `cvgen pdf` would (the profile's template
//! and fonts, the last page refit) without writing a PDF. File access: the template's folder and
//! the fonts, through the render module's sandbox.

use std::path::Path;

use super::template::resolve_template;
use crate::Report;
use crate::date::Day;
use crate::diag::Diagnostic;
use crate::model::Cv;
use crate::profile::Profile;
use crate::render::{self, Budget, CvWorld, Fonts};

/// The warning for a CV of `pages` pages when the profile's budget is fewer.
pub fn over_budget(pages: usize, profile: &Profile) -> Option<Diagnostic> {
    let budget = profile.max_pages.as_ref()?;
    let max = budget.value as usize;
    if pages <= max {
        return None;
    }
    let what = match &profile.variant {
        Some(variant) => format!("the CV (variant `{variant}`)"),
        None => "the CV".to_owned(),
    };
    let d = Diagnostic::warning(format!("{what} runs to {pages} pages, {} over `max_pages: {max}`", pages - max)).hint(
        "leave out sections (`hide`), papers (`publications.lists`) or entries (`skip_tags`), or raise `max_pages`",
    );
    Some(profile.origin.point(d, crate::date::span_of(&budget.referenced)))
}

/// The pages `cv` typesets to with `profile`'s template (relative to `profile_path`) and `fonts`,
/// refit as `cvgen pdf` refits it; `None` when it cannot be typeset (the errors are in `report`).
pub fn count(
    cv: &mut Cv,
    profile: &Profile,
    profile_path: &Path,
    fonts: &Fonts,
    today: Day,
    report: &mut Report,
) -> Option<usize> {
    let template = match resolve_template(None, None, &profile.design, profile_path) {
        Ok(template) => template,
        Err(d) => {
            report.diagnostics.push(d);
            return None;
        }
    };
    let mut world = CvWorld::new(template, render::ModelFiles::new(cv), fonts, today);
    let budget = Budget::from_env();
    let compiled = render::compile(&mut world, &mut report.sources, &budget);
    report.diagnostics.extend(compiled.diagnostics);
    let mut document = compiled.document?;
    if profile.design.fit_last_page != Some(false) {
        document = render::fit::refit(&mut world, document, &budget);
    }
    Some(document.pages().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_warning_says_how_far_over() {
        let text = "name: Ada\nvariants: {short: {max_pages: 2}}\n";
        let layers = [crate::profile::overlay::Layer::new(Path::new("cv.yaml"), text)];
        let overrides = crate::profile::overlay::Overrides { variant: Some("short".into()), ..Default::default() };
        let (profile, _) = crate::profile::overlay::read(&layers, &overrides, None).unwrap();
        assert!(over_budget(2, &profile).is_none());
        let d = over_budget(3, &profile).unwrap();
        assert_eq!(d.message, "the CV (variant `short`) runs to 3 pages, 1 over `max_pages: 2`");
        let location = d.location.unwrap();
        assert_eq!(location.file, Path::new("cv.yaml"));
        assert_eq!(&text[location.span], "2");
    }
}
