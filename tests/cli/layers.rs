//! The house's shape, checked on the source text (STYLE.md, "Layers"): every file opens with a
//! `//!` header and stays under 600 lines; a module imports only from the layers below it
//!
//! ```text
//! main -> cmd (+ cli) -> pipeline (+ write) -> render | lint | bib::write | export -> model
//!      -> profile | bib -> locale -> date | category | weblink -> diag | timings | memo
//! ```
//!
//! and sibling files of one folder never import each other in a loop (a parent `mod.rs` may use
//! its children and a child its parent: that is the module tree itself).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layer of a module: a file may import from a module only of a lower layer (or its own).
fn layer(module: &str) -> Option<u8> {
    Some(match module {
        "diag" | "timings" | "memo" => 0,
        "date" | "category" | "weblink" => 1,
        "locale" => 2,
        "profile" | "bib" => 3,
        "model" => 4,
        "render" | "lint" | "bib::write" | "export" => 5,
        "pipeline" | "write" | "preview" => 6,
        "cli" => 7,
        "cmd" => 8,
        "main" | "lib" => 9,
        _ => return None,
    })
}

/// The module a file belongs to, for layering: its top folder, or `bib::write`.
fn module_of(file: &Path) -> String {
    let parts: Vec<String> = file.iter().map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned()).collect();
    match parts.as_slice() {
        [bib, write, ..] if bib == "bib" && write == "write" => "bib::write".to_owned(),
        [first, ..] => first.clone(),
        [] => String::new(),
    }
}

/// The module a `crate::…` path names, for layering.
fn module_of_path(path: &str) -> String {
    let mut parts = path.split("::");
    let first = parts.next().unwrap_or_default();
    if first == "bib" && parts.next() == Some("write") { "bib::write".to_owned() } else { first.to_owned() }
}

fn sources() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<(PathBuf, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path.strip_prefix(root).unwrap().to_owned(), text));
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    walk(&root, &root, &mut out);
    out.sort();
    out
}

/// Code without comments (`//` to the end of a line), so prose that names a module is no import.
fn code(text: &str) -> String {
    text.lines().map(|l| l.split("//").next().unwrap_or_default()).collect::<Vec<_>>().join("\n")
}

/// Every `crate::a::b` path in `code`, as `a::b` (`use crate::{a, b}` gives `a` and `b`).
fn crate_paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            out.extend(group[..end].split(',').map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()));
        } else {
            let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(rest.len());
            out.push(rest[..end].trim_end_matches(':').to_owned());
        }
    }
    out
}

#[test]
fn every_file_has_a_header_and_one_job() {
    for (file, text) in sources() {
        assert!(text.starts_with("//!"), "{} does not open with a `//!` header", file.display());
        let lines = text.lines().count();
        assert!(lines <= 600, "{} has {lines} lines: more than one job?", file.display());
    }
}

#[test]
fn modules_import_only_from_lower_layers() {
    let mut violations = Vec::new();
    for (file, text) in sources() {
        let module = module_of(&file);
        let Some(own) = layer(&module) else { panic!("{} belongs to no layer; add `{module}` here", file.display()) };
        for path in crate_paths(&code(&text)) {
            let target = module_of_path(&path);
            let Some(theirs) = layer(&target) else { continue };
            if target != module && theirs >= own {
                violations.push(format!("{} ({module}) imports crate::{path} ({target})", file.display()));
            }
        }
    }
    assert!(violations.is_empty(), "imports that reach up or sideways:\n{}", violations.join("\n"));
}

#[test]
fn the_command_line_types_import_only_what_they_show() {
    // cli.rs holds clap types: the value lists they show and the syntax check of `--set`, nothing
    // that builds, reads or renders.
    const ALLOWED: &[&str] = &["profile::THEMES", "profile::set::check_syntax"];
    let (_, text) = sources().into_iter().find(|(f, _)| f == Path::new("cli.rs")).expect("src/cli.rs exists");
    let imports: Vec<String> =
        crate_paths(&code(&text)).into_iter().filter(|p| !ALLOWED.contains(&p.as_str())).collect();
    assert!(imports.is_empty(), "cli.rs imports {imports:?}: turn arguments into a config in `cmd/` instead");
}

#[test]
fn sibling_files_do_not_import_each_other_in_a_loop() {
    // Edges between files of one folder: `super::name` from a child names a sibling `name.rs`
    // (or its folder); `crate::folder::name` from anywhere in that folder does too.
    let files = sources();
    let mut edges: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    let known: BTreeSet<PathBuf> = files.iter().map(|(f, _)| f.clone()).collect();
    for (file, text) in &files {
        let Some(folder) = file.parent() else { continue };
        let code = code(text);
        let mut names: Vec<String> = Vec::new();
        if file.file_name().is_some_and(|n| n != "mod.rs") {
            for (at, _) in code.match_indices("super::") {
                let rest = &code[at + "super::".len()..];
                if let Some(group) = rest.strip_prefix('{') {
                    let end = group.find('}').unwrap_or(group.len());
                    names.extend(group[..end].split(',').map(|p| p.trim().split("::").next().unwrap().to_owned()));
                } else {
                    names.push(rest.split(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap().to_owned());
                }
            }
        }
        let prefix: String = folder.iter().map(|p| format!("{}::", p.to_string_lossy())).collect();
        for path in crate_paths(&code) {
            if let Some(rest) = path.strip_prefix(&prefix) {
                names.push(rest.split("::").next().unwrap().to_owned());
            }
        }
        for name in names {
            for candidate in [folder.join(format!("{name}.rs")), folder.join(&name).join("mod.rs")] {
                if known.contains(&candidate) && &candidate != file {
                    edges.entry(file.clone()).or_default().insert(candidate);
                }
            }
        }
    }
    // Depth-first search for a cycle.
    fn visit(
        node: &PathBuf,
        edges: &BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        stack: &mut Vec<PathBuf>,
        done: &mut BTreeSet<PathBuf>,
    ) -> Option<Vec<PathBuf>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            return Some(stack[at..].to_vec());
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.clone());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.clone());
        None
    }
    let mut done = BTreeSet::new();
    for node in edges.keys() {
        let cycle = visit(node, &edges, &mut Vec::new(), &mut done);
        assert!(cycle.is_none(), "files that import each other: {cycle:?}");
    }
}
