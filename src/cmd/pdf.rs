//! `cvgen pdf`: profile + bibliography → model → Typst → PDF, written atomically.

use std::path::{Path, PathBuf};

use typst::foundations::Datetime;

use crate::cli::PdfArgs;
use crate::diag::Diagnostic;
use crate::render::{self, CvWorld, Fonts, TemplateSource};
use crate::{Failure, Report, date, write};

/// Validated settings of one `cvgen pdf` run.
struct PdfConfig {
    output: PathBuf,
    template: Option<PathBuf>,
}

impl PdfConfig {
    /// Checks the arguments before anything is read.
    fn from_args(args: &PdfArgs, report: &mut Report) -> Result<Self, Failure> {
        let output =
            args.output.clone().unwrap_or_else(|| super::relative_to(&args.input.profile, Path::new("cv.pdf")));
        let inputs = [Some(&args.input.profile), args.input.bib.as_ref(), args.template.as_ref()];
        for input in inputs.into_iter().flatten() {
            if write::same_file(input, &output) {
                report.diagnostics.push(
                    Diagnostic::error(format!("the output `{}` is also an input", output.display()))
                        .hint("choose another `--output`; cvgen never overwrites its inputs"),
                );
                return Err(Failure::Usage);
            }
        }
        Ok(Self { output, template: args.template.clone() })
    }
}

/// Runs `cvgen pdf`.
pub fn run(args: &PdfArgs, report: &mut Report) -> Result<(), Failure> {
    let config = PdfConfig::from_args(args, report)?;
    let loaded = super::load_and_build(&args.input, report).ok_or(Failure::Content)?;
    if loaded.bib_path.as_ref().is_some_and(|bib| write::same_file(bib, &config.output)) {
        report.diagnostics.push(
            Diagnostic::error(format!("the output `{}` is also an input", config.output.display()))
                .hint("choose another `--output`; cvgen never overwrites its inputs"),
        );
        return Err(Failure::Usage);
    }
    if report.has_errors() {
        if !args.keep_going {
            report.diagnostics.push(
                Diagnostic::error(format!(
                    "no PDF written: fix the errors above (`{}` is unchanged)",
                    config.output.display()
                ))
                .hint("`--keep-going` writes the PDF without the broken entries"),
            );
            return Err(Failure::Content);
        }
        for d in &mut report.diagnostics {
            d.severity = crate::diag::Severity::Warning;
        }
    }

    let template = template_source(config.template.as_deref(), loaded.profile.design.theme.as_deref(), report)?;
    let mut font_dirs = args.font_path.clone();
    let profile_fonts = super::relative_to(&loaded.profile_path, Path::new("fonts"));
    if profile_fonts.is_dir() {
        font_dirs.push(profile_fonts);
    }
    let owned_fonts;
    let fonts = if font_dirs.is_empty() {
        Fonts::embedded()
    } else {
        owned_fonts = Fonts::load(&font_dirs);
        &owned_fonts
    };

    let mut cv = loaded.cv;
    check_glyphs(&mut cv, fonts, report);
    let world = CvWorld::new(template, render::to_json(&cv), fonts, loaded.today);
    let compiled = render::compile(&world, &mut report.sources);
    report.diagnostics.extend(compiled.diagnostics);
    let Some(document) = compiled.document else {
        return Err(Failure::Content);
    };
    let (y, m, d) = date::civil_from_unix(super::now_unix());
    let seconds = super::now_unix().rem_euclid(86_400);
    let timestamp =
        Datetime::from_ymd_hms(y, m, d, (seconds / 3600) as u8, (seconds / 60 % 60) as u8, (seconds % 60) as u8)
            .unwrap_or_else(|| Datetime::from_ymd(y, m, d).expect("a civil date is valid"));
    let pdf = render::export_pdf(&document, timestamp).map_err(|diagnostics| {
        report.diagnostics.extend(diagnostics);
        Failure::Content
    })?;
    write::atomic(&config.output, &pdf).map_err(|d| {
        report.diagnostics.push(d);
        Failure::Content
    })?;
    Ok(())
}

/// Warns about characters no font can show (they would print as empty boxes). A native-script
/// name that cannot be shown is left out rather than printed as boxes.
fn check_glyphs(cv: &mut crate::model::Cv, fonts: &Fonts, report: &mut Report) {
    for (field, missing) in render::missing_glyphs(cv, fonts) {
        let shown: Vec<String> = missing.chars().map(|c| format!("`{c}` (U+{:04X})", c as u32)).collect();
        let dropped = field == "person.native_name";
        let mut d = Diagnostic::warning(format!("no loaded font has {} in `{field}`", shown.join(", ")))
            .hint("put a font that has them (e.g. Noto Sans CJK for Chinese, Japanese, Korean) in a `fonts/` folder next to the profile, or pass `--font-path DIR`");
        if dropped {
            d = d.hint("the native-script name is left out until then");
        }
        report.diagnostics.push(d);
        if dropped {
            cv.person.native_name = None;
        }
    }
}

/// The template to use: `--template`, else the theme's built-in one.
fn template_source(path: Option<&Path>, theme: Option<&str>, report: &mut Report) -> Result<TemplateSource, Failure> {
    if let Some(path) = path {
        let fail = |message: String| Diagnostic::error(message).hint("pass the path of a `.typ` file");
        let real = path.canonicalize().map_err(|e| {
            report.diagnostics.push(fail(format!("cannot read template `{}`: {e}", path.display())));
            Failure::Content
        })?;
        let (Some(root), Some(main)) = (real.parent(), real.file_name().and_then(|n| n.to_str())) else {
            report.diagnostics.push(fail(format!("`{}` is not a template file", path.display())));
            return Err(Failure::Content);
        };
        return Ok(TemplateSource::Folder { root: root.to_owned(), main: main.to_owned() });
    }
    let theme = theme.unwrap_or("classic");
    render::builtin(theme).ok_or_else(|| {
        let mut d = Diagnostic::error(format!("unknown theme `{theme}`"));
        d = match crate::diag::closest(theme, render::THEMES.iter().copied()) {
            Some(best) => d.hint(format!("did you mean `{best}`?")),
            None => d.hint(format!("built-in themes: {}", render::THEMES.join(", "))),
        };
        report.diagnostics.push(d);
        Failure::Content
    })
}
