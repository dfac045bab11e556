//! A run's profile from several sources, merged in order:
//!
//! ```text
//! profile files (--profile cv.yaml --profile private.yaml)  <  the variant (--variant short)  <  --set key=value
//! ```
//!
//! Each source wins over the ones before it: a mapping is merged key by key, anything else (a
//! list, a value, `null`) replaces what was there. The variant comes after the files because it
//! chooses what one document shows, whatever file holds the facts (an untracked `private.yaml`
//! adds a phone number to every variant); `--set` comes last, as the one-off choice of one run.
//!
//! Every value keeps the place it was written ([`super::origin`]): the files are read into
//! located trees ([`super::yaml`]), merged ([`super::tree::merge`]), changed by the variant and
//! `--set` ([`super::set`]), typed ([`super::typed`]) and validated ([`super::validate`]), and a
//! problem anywhere is reported in the file, line and column it comes from, or on the command
//! line. A relative path written in a later file (`publications.bib`, `design.template`) resolves
//! from that file's folder: it is rewritten relative to the main profile, from which every path
//! of the profile is read ([`Layer::base`]).
//!
//! A JSON Resume is read as it is: another tool's vocabulary, with no `variants`, so it takes no
//! later file, variant or `--set`. This module parses text it is given; it never reads files.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::origin::{COMMAND_LINE, Origin};
use super::tree::{self, Node, Value};
use super::{Profile, jsonresume, set, typed, validate, variant, yaml};
use crate::diag::Diagnostic;

/// One profile file of a run, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layer<'a> {
    /// Where it is (named in messages).
    pub path: &'a Path,
    /// Its text.
    pub text: &'a str,
    /// The folder its relative paths resolve from, relative to the main profile's folder (or
    /// absolute): empty for the main profile and for a file in the same folder.
    pub base: PathBuf,
}

impl<'a> Layer<'a> {
    /// A file whose relative paths resolve as the main profile's do.
    pub fn new(path: &'a Path, text: &'a str) -> Self {
        Self { path, text, base: PathBuf::new() }
    }
}

/// What a run asks of its profile besides its files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// The variant to merge over the files (`--variant short`).
    pub variant: Option<String>,
    /// One-off overrides, in order (`--set design.theme=modern`).
    pub sets: Vec<String>,
    /// The folder relative paths given with `--set` resolve from (the current folder), relative
    /// to the main profile's folder (or absolute); empty when it is the same folder.
    pub set_base: PathBuf,
}

impl Overrides {
    /// Whether the run asks for nothing besides the files.
    pub fn is_empty(&self) -> bool {
        self.variant.is_none() && self.sets.is_empty()
    }
}

/// The command line's profile options as a source of their own, one per line (`--profile` when
/// there are several, `--variant`, `--set`), so a problem with them is shown where it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommandLine {
    /// The text, registered under [`COMMAND_LINE`] for snippets (empty when there is nothing).
    pub text: String,
    /// Where each later `--profile`'s path is (none for the first).
    overlays: Vec<Range<usize>>,
    /// Where the variant's name is.
    variant: Option<Range<usize>>,
    /// Where each `--set`'s `key=value` is.
    sets: Vec<Range<usize>>,
}

impl CommandLine {
    /// The lines for `profiles` and `overrides`.
    pub fn new(profiles: &[&Path], overrides: &Overrides) -> Self {
        let mut line = CommandLine::default();
        let push = |text: &mut String, flag: &str, value: &str| {
            text.push_str(flag);
            text.push(' ');
            let start = text.len();
            text.push_str(value);
            text.push('\n');
            start..start + value.len()
        };
        let mut text = String::new();
        if profiles.len() > 1 {
            for (i, profile) in profiles.iter().enumerate() {
                let at = push(&mut text, "--profile", &profile.display().to_string());
                if i > 0 {
                    line.overlays.push(at);
                }
            }
        }
        if let Some(variant) = &overrides.variant {
            line.variant = Some(push(&mut text, "--variant", variant));
        }
        for arg in &overrides.sets {
            line.sets.push(push(&mut text, "--set", arg));
        }
        line.text = text;
        line
    }
}

/// Reads a run's profile: the files of `layers` (the main profile first) merged in order, the
/// variant and the `--set`s of `overrides` over them; a JSON Resume main profile is read alone,
/// `bib` (from `--bib`) becoming its publication list. With the profile come its warnings; the
/// errors come alone.
pub fn read(
    layers: &[Layer],
    overrides: &Overrides,
    bib: Option<&Path>,
) -> Result<(Profile, Vec<Diagnostic>), Vec<Diagnostic>> {
    let Some(main) = layers.first() else { return Err(Vec::new()) };
    let paths: Vec<&Path> = layers.iter().map(|l| l.path).collect();
    let command = CommandLine::new(&paths, overrides);
    let origin = Origin::new(layers.iter().map(|l| (l.path, l.text.len())), command.text.len());
    let mut texts: Vec<&str> = layers.iter().map(|l| l.text).collect();
    texts.push(&command.text);
    let run = Run { origin, texts, command: &command };
    if jsonresume::is_json_resume(main.path) {
        return match run.json_resume_alone(layers.len()) {
            Some(refused) => Err(vec![refused]),
            None => jsonresume::parse(main.text, main.path, bib).map(|(mut profile, warnings)| {
                profile.origin = Origin::single(main.path, main.text.len());
                (profile, warnings)
            }),
        };
    }
    run.read(layers, overrides)
}

/// One reading: where the sources are and their texts.
struct Run<'a> {
    origin: Origin,
    /// The texts of the sources, as `origin` numbers them (the command line last).
    texts: Vec<&'a str>,
    command: &'a CommandLine,
}

impl Run<'_> {
    /// `d` located at the position range `span`.
    fn point(&self, d: Diagnostic, span: Range<usize>) -> Diagnostic {
        self.origin.point(d, span)
    }

    fn points(&self, problems: Vec<variant::Located>) -> Vec<Diagnostic> {
        problems.into_iter().map(|(d, at)| self.point(d, at)).collect()
    }

    /// A range of the command line's text as positions.
    fn on_command_line(&self, range: &Range<usize>) -> Range<usize> {
        let start = self.origin.command_line_start().unwrap_or(0);
        start + range.start..start + range.end
    }

    /// The diagnostic of an error of typing the merged tree.
    fn typed(&self, error: &typed::Error) -> Diagnostic {
        let span = error.span.clone().unwrap_or(0..0);
        match self.origin.locate_source(span) {
            Some((index, path, range)) => {
                yaml::typed_error(error, path, range, self.texts.get(index).copied().unwrap_or_default())
            }
            None => yaml::typed_error(error, Path::new(COMMAND_LINE), 0..0, ""),
        }
    }

    /// The error for a JSON Resume given later files, a variant or `--set`, if that is asked.
    fn json_resume_alone(&self, files: usize) -> Option<Diagnostic> {
        let (what, at) = if files > 1 {
            ("a later profile file", self.command.overlays.first()?)
        } else if let Some(at) = &self.command.variant {
            ("`--variant`", at)
        } else {
            ("`--set`", self.command.sets.first()?)
        };
        let d = Diagnostic::error(format!("a JSON Resume is read as it is, without {what}"))
            .hint("later profile files, `--variant` and `--set` change a profile.yaml; `cvgen init` starts one")
            .hint("or give the JSON Resume `--theme` and `--bib` alone");
        Some(self.point(d, self.on_command_line(at)))
    }

    fn read(self, layers: &[Layer], overrides: &Overrides) -> Result<(Profile, Vec<Diagnostic>), Vec<Diagnostic>> {
        // Each file, every one's syntax errors reported.
        let mut errors = Vec::new();
        let mut trees = Vec::new();
        for (i, layer) in layers.iter().enumerate() {
            match yaml::read_file(layer.text, layer.path, self.origin.start(i), i == 0) {
                Ok(mut tree) => {
                    if !layer.base.as_os_str().is_empty() {
                        rebase(&mut tree, &[], &layer.base);
                    }
                    trees.push(tree);
                }
                Err(diagnostics) => errors.extend(diagnostics),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut trees = trees.into_iter();
        let Some(mut tree) = trees.next() else { return Err(errors) };
        for over in trees {
            tree::merge(&mut tree, over);
        }

        // The variants, checked whether chosen or not; the chosen one merged.
        let bodies: Vec<(String, Node)> = match variant::bodies(&tree) {
            Ok(bodies) => bodies.into_iter().map(|e| (e.key.name.clone(), e.value.clone())).collect(),
            Err(problems) => return Err(self.points(problems)),
        };
        let check_base = variant::check_base(&tree);
        let mut known_tags = variant::known_tags(&tree);
        if let (Some(name), Some(at)) = (&overrides.variant, &self.command.variant) {
            variant::apply(&mut tree, name, self.on_command_line(at)).map_err(|problems| self.points(problems))?;
        }

        // The `--set`s, in order.
        for (arg, at) in overrides.sets.iter().zip(&self.command.sets) {
            let start = self.on_command_line(at).start;
            self.set(&mut tree, arg, start, &overrides.set_base).map_err(|d| vec![d])?;
        }
        // Tags the profile chooses by and no entry has: in the merged profile and in the
        // variants not chosen.
        known_tags.extend(variant::known_tags(&tree));
        let unchosen = bodies.iter().filter(|(name, _)| overrides.variant.as_ref() != Some(name)).map(|(_, b)| b);
        let mut warnings = self.points(variant::unknown_tags(&known_tags, std::iter::once(&tree).chain(unchosen)));

        // Typed and validated; the variants that are not chosen checked too.
        let tags = variant::take_tags(&mut tree).map_err(|problems| self.points(problems))?;
        let mut profile: Profile = typed::from_node(&tree).map_err(|e| vec![self.typed(&e)])?;
        profile.key_order = tree.entries().iter().map(|e| e.key.name.clone()).collect();
        let mut origin = self.origin.clone();
        origin.set_tree(tree);
        let mut diagnostics = validate::validate(&profile, &origin);
        if !diagnostics.iter().any(Diagnostic::is_error) {
            for (name, body) in &bodies {
                if overrides.variant.as_ref() != Some(name) {
                    for d in self.check_variant(&check_base, body) {
                        if !diagnostics.contains(&d) {
                            diagnostics.push(d);
                        }
                    }
                }
            }
        }
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Err(diagnostics);
        }
        let mut tree = origin.take_tree();
        variant::filter(&mut profile, &mut tree, &tags);
        origin.set_tree(tree);
        profile.origin = origin;
        profile.variant = overrides.variant.clone();
        warnings.extend(diagnostics);
        Ok((profile, warnings))
    }

    /// Applies one `--set` (written at position `start`) to `tree`.
    fn set(&self, tree: &mut Node, arg: &str, start: usize, base: &Path) -> Result<(), Diagnostic> {
        let mut assignment = match set::parse(arg, start) {
            Ok(assignment) => assignment,
            Err(Ok(problem)) => {
                let (d, at) = problem.into_parts();
                return Err(self.point(d, at));
            }
            Err(Err(error)) => {
                // Located in the value's own text: moved to its place on the command line.
                let value_start = arg.find('=').map_or(0, |i| i + 1);
                let mut d = yaml::yaml_error(&error, &arg[value_start..], Path::new(COMMAND_LINE));
                if let Some(location) = d.location.take() {
                    let shift = start + value_start;
                    d = self.point(d, shift + location.span.start..shift + location.span.end);
                }
                return Err(d);
            }
        };
        if let Some(first) = assignment.path.first().filter(|k| k.name == "variants") {
            let d = Diagnostic::error("`--set` cannot change `variants`: the variant is chosen before `--set` applies")
                .hint("set the value itself (`--set max_pages=3`), which wins over the variant's");
            return Err(self.point(d, first.span.clone()));
        }
        if !base.as_os_str().is_empty() {
            let keys: Vec<String> = assignment.path.iter().map(|k| k.name.clone()).collect();
            let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
            rebase(&mut assignment.value, &keys, base);
        }
        set::apply(tree, assignment).map_err(|problem| {
            let (d, at) = problem.into_parts();
            self.point(d, at)
        })
    }

    /// The errors of a variant that is not chosen: its body merged over `base`
    /// ([`variant::check_base`]), typed and validated.
    fn check_variant(&self, base: &Node, body: &Node) -> Vec<Diagnostic> {
        let mut tree = base.clone();
        tree::merge(&mut tree, body.clone());
        if let Err(problems) = variant::take_tags(&mut tree) {
            return self.points(problems);
        }
        match typed::from_node::<Profile>(&tree) {
            Ok(profile) => {
                let mut origin = self.origin.clone();
                origin.set_tree(tree);
                validate::validate(&profile, &origin)
            }
            Err(e) => vec![self.typed(&e)],
        }
    }
}

/// Rewrites the relative paths of `node` (written at `at`: the profile's root is `[]`) so they
/// resolve from `base` (relative to the main profile's folder): `publications.bib` (each file,
/// or its `path`), `publications.citations`, `design.template`, and the same keys of every
/// variant.
fn rebase(node: &mut Node, at: &[&str], base: &Path) {
    let each = |node: &mut Node, key: &str, at: &[&str]| {
        if let Some(child) = node.get_mut(key) {
            let mut path = at.to_vec();
            path.push(key);
            rebase(child, &path, base);
        }
    };
    match at {
        [] => {
            each(node, "design", at);
            each(node, "publications", at);
            if let Some(Node { value: Value::Map(entries), .. }) = node.get_mut("variants") {
                for entry in entries {
                    rebase(&mut entry.value, &[], base);
                }
            }
        }
        ["design"] => each(node, "template", at),
        ["publications"] => {
            each(node, "bib", at);
            each(node, "citations", at);
        }
        ["publications", "bib"] => match &mut node.value {
            Value::Seq(items) => items.iter_mut().for_each(|item| rebase(item, &["publications", "bib", "0"], base)),
            _ => rebase_text(node, base),
        },
        ["publications", "bib", _] => {
            if matches!(node.value, Value::Map(_)) {
                each(node, "path", at);
            } else {
                rebase_text(node, base);
            }
        }
        ["design", "template"] | ["publications", "citations"] | ["publications", "bib", _, "path"] => {
            rebase_text(node, base);
        }
        _ => {}
    }
}

/// A relative path written as text, made relative to `base`.
fn rebase_text(node: &mut Node, base: &Path) {
    if let Some(text) = node.text().map(str::trim).filter(|t| !t.is_empty() && !Path::new(t).is_absolute()) {
        node.value = Value::Str(base.join(text).to_string_lossy().into_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(files: &[(&str, &str)], overrides: &Overrides) -> Result<(Profile, Vec<Diagnostic>), Vec<Diagnostic>> {
        let layers: Vec<Layer> = files.iter().map(|(p, t)| Layer::new(Path::new(p), t)).collect();
        read(&layers, overrides, None)
    }

    #[test]
    fn later_files_win_and_errors_name_their_file() {
        let cv = "name: Ada\nemail: ada@example.org\ndesign: {theme: classic, font_size: 10}\n";
        let private = "phone: '+44 20 7946 0000'\ndesign: {theme: modern}\n";
        let (profile, _) = read_all(&[("cv.yaml", cv), ("private.yaml", private)], &Overrides::default()).unwrap();
        assert_eq!(profile.phone.as_deref(), Some("+44 20 7946 0000"));
        assert_eq!(profile.design.theme.as_deref(), Some("modern"));
        assert_eq!(profile.design.font_size, Some(10.0));
        assert_eq!(profile.key_order, ["name", "email", "design", "phone"]);

        let bad = "honors:\n  - title: Fellow\n    date: 1843-13\n";
        let errors = read_all(&[("cv.yaml", cv), ("private.yaml", bad)], &Overrides::default()).unwrap_err();
        let location = errors[0].location.as_ref().unwrap();
        assert_eq!(location.file, Path::new("private.yaml"));
        assert_eq!(&bad[location.span.clone()], "1843-13");
        let typo = "phnoe: 1\n";
        let errors = read_all(&[("cv.yaml", cv), ("private.yaml", typo)], &Overrides::default()).unwrap_err();
        assert_eq!(errors[0].message, "unknown field `phnoe`");
        assert_eq!(errors[0].location.as_ref().unwrap().file, Path::new("private.yaml"));
        assert_eq!(errors[0].hints, ["did you mean `phone`?"]);
    }

    #[test]
    fn variant_then_set() {
        let cv = "name: Ada\nhide: [talks]\nvariants:\n  short: {max_pages: 2, hide: [talks, service], design: {theme: compact}}\n";
        let overrides = Overrides {
            variant: Some("short".into()),
            sets: vec!["design.theme=modern".into()],
            set_base: PathBuf::new(),
        };
        let (profile, _) = read_all(&[("cv.yaml", cv)], &overrides).unwrap();
        assert_eq!(profile.hide, ["talks", "service"]);
        assert_eq!(profile.max_pages.as_ref().map(|m| m.value), Some(2));
        assert_eq!(profile.design.theme.as_deref(), Some("modern"));
        assert_eq!(profile.variant.as_deref(), Some("short"));

        let wrong = Overrides { sets: vec!["design.them=modern".into()], ..Overrides::default() };
        let errors = read_all(&[("cv.yaml", cv)], &wrong).unwrap_err();
        assert_eq!(errors[0].message, "unknown field `them`");
        let location = errors[0].location.as_ref().unwrap();
        assert_eq!(location.file, Path::new(COMMAND_LINE));
        assert_eq!(location.span, 13..17, "`--set design.them=modern`: at `them`");
    }

    #[test]
    fn a_variant_that_is_not_chosen_is_checked() {
        let cv = "name: Ada\nvariants:\n  short:\n    desing: {theme: compact}\n";
        let errors = read_all(&[("cv.yaml", cv)], &Overrides::default()).unwrap_err();
        assert_eq!(errors[0].message, "unknown field `desing`");
        assert_eq!(&cv[errors[0].location.as_ref().unwrap().span.clone()], "desing");
    }

    #[test]
    fn paths_resolve_from_the_file_that_writes_them() {
        let cv = "name: Ada\n";
        let private = "publications: {bib: [mine.bib, {path: old.bib}], owner: Ada}\ndesign: {template: t/cv.typ}\n";
        let layers = [
            Layer::new(Path::new("cv/profile.yaml"), cv),
            Layer { path: Path::new("cv/extra/private.yaml"), text: private, base: PathBuf::from("extra") },
        ];
        let (profile, _) = read(&layers, &Overrides::default(), None).unwrap();
        let bib: Vec<&Path> = profile.publications.as_ref().unwrap().bib.iter().map(|b| b.path.as_path()).collect();
        assert_eq!(bib, [Path::new("extra/mine.bib"), Path::new("extra/old.bib")]);
        assert_eq!(profile.design.template.as_deref(), Some(Path::new("extra/t/cv.typ")));
    }

    #[test]
    fn tags_choose_entries_of_the_variant() {
        let cv = "name: Ada\nhonors:\n  - {title: A, tags: [industry]}\n  - {title: B}\n  - {title: C, tags: [academic]}\nvariants:\n  academic: {skip_tags: [industry]}\n";
        let overrides = Overrides { variant: Some("academic".into()), ..Overrides::default() };
        let (profile, _) = read_all(&[("cv.yaml", cv)], &overrides).unwrap();
        let titles: Vec<&str> = profile.honors.iter().map(|h| h.title.as_str()).collect();
        assert_eq!(titles, ["B", "C"]);
        assert_eq!(profile.origin.node(&["honors", "1", "title"]).and_then(Node::text), Some("C"));
        let (all, _) = read_all(&[("cv.yaml", cv)], &Overrides::default()).unwrap();
        assert_eq!(all.honors.len(), 3);
    }
}
