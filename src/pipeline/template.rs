//! Which template a build typesets with, by the rule every verb shares: `--template`, else
//! `--theme`, else the profile's `design.template` (relative to the profile), else its
//! `design.theme`, else `classic`; a `templates/` folder next to the profile overrides a built-in
//! theme's files. It looks at the file system (does the file exist, where is the folder) but
//! reads no template text: the sandboxed world does that.

use std::path::Path;

use crate::diag::Diagnostic;
use crate::render::{THEMES, TemplateSource, builtin};

/// The template to typeset with: `--template`, else `--theme`, else the profile's
/// `design.template` (relative to the profile), else its `design.theme`, else `classic`.
/// A built-in theme's files are replaced by same-named files in a `templates/` folder next to
/// the profile (what `cvgen init --eject` writes).
pub fn resolve_template(
    template: Option<&Path>,
    theme: Option<&str>,
    design: &crate::profile::Design,
    profile_path: &Path,
) -> Result<TemplateSource, Diagnostic> {
    let folder = |path: &Path, from: &str, relative_to: &str, choose: &str| -> Result<TemplateSource, Diagnostic> {
        let themes = THEMES.join(", ");
        let fail = |message: String| {
            let path_hint = format!("give the path of a `.typ` file, relative to {relative_to}");
            let theme_hint = format!(
                "or use a built-in theme with {choose} ({themes}); to edit one, `cvgen init --eject THEME` \
                 copies it into a `templates/` folder next to the profile"
            );
            Diagnostic::error(message).hint(path_hint).hint(theme_hint)
        };
        let real = path.canonicalize().map_err(|e| {
            fail(format!("cannot read template `{}` ({from}): {}", path.display(), super::load::reason(&e)))
        })?;
        match (real.parent(), real.file_name().and_then(|n| n.to_str())) {
            (Some(root), Some(main)) if real.is_file() => {
                Ok(TemplateSource::Folder { root: root.to_owned(), main: main.to_owned() })
            }
            _ => Err(fail(format!("`{}` is not a template file ({from})", path.display()))),
        }
    };
    if let Some(path) = template {
        return folder(path, "`--template`", "the current folder", "`--theme THEME`");
    }
    let theme = match (theme, &design.template) {
        (Some(theme), _) => theme,
        (None, Some(path)) => {
            let path = super::relative_to(profile_path, path);
            return folder(&path, "`design.template`", "the profile's folder", "`design: {theme: THEME}`");
        }
        (None, None) => design.theme.as_deref().unwrap_or(THEMES[0]),
    };
    if let Some(d) = crate::profile::unknown_theme(theme) {
        return Err(d);
    }
    let Some(TemplateSource::Embedded { main, files, .. }) = builtin(theme) else {
        unreachable!("every name of `THEMES` is a built-in template (render::builtin)");
    };
    let templates = super::relative_to(profile_path, Path::new("templates"));
    let overrides = templates.is_dir().then(|| templates.canonicalize().ok()).flatten();
    Ok(TemplateSource::Embedded { main, files, overrides })
}
