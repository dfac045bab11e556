//! `--set key.path=value`: one-off overrides of a profile's values from the command line, applied
//! after the profile files and the variant.
//!
//! The path names keys of mappings and, in a list, an item by its number from 0
//! (`publications.lists.0.prefix=S`). The value is read as YAML where it is a scalar or a
//! bracketed list or mapping (`max_pages=2` is a number, `hide=[talks, service]` a list,
//! `design={theme: modern}` a mapping) and typed as the profile's schema says when the profile is
//! read: a text field takes it as written (`phone=0123`); anything else is text
//! (`design.accent=#8a1538`, which YAML would read as a comment; `headline=Analyst: first
//! programmer`). Like a later file, a mapping is merged into the one it replaces and anything else
//! replaces what is there; nothing after `=` (or `null`) removes a value.
//!
//! Errors are located on the command line (its positions, see [`super::origin`]): a wrong path
//! here, a wrong type or an unknown key when the profile is typed. Pure.

use std::ops::Range;

use super::tree::{self, Entry, Key, Node, Value};
use crate::diag::Diagnostic;

/// The most keys a path may have: a profile's own limit on nesting.
const MAX_KEYS: usize = 64;

/// The syntax of one `--set` argument, for the command-line parser: `KEY=VALUE` with a path of
/// non-empty keys. The value may be empty (it removes the key).
pub fn check_syntax(arg: &str) -> Result<String, String> {
    let Some((key, _)) = arg.split_once('=') else {
        return Err(format!("expected `KEY=VALUE` (e.g. `design.theme=modern`), found `{arg}`"));
    };
    if key.trim().is_empty() || key.split('.').any(|k| k.trim().is_empty()) {
        return Err(format!("`{key}` is not a key path: write keys separated by dots, like `design.theme`"));
    }
    Ok(arg.to_owned())
}

/// One `--set`: its path's keys and its value, located on the command line.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    /// The keys of the path, each at its place.
    pub path: Vec<Key>,
    /// The value.
    pub value: Node,
}

/// A problem with a `--set`: a message, where (a range of positions) and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The message.
    pub message: String,
    /// Where it points.
    pub span: Range<usize>,
    /// What to do.
    pub hint: String,
}

impl Problem {
    /// The problem as a diagnostic with its position range (to locate).
    pub fn into_parts(self) -> (Diagnostic, Range<usize>) {
        (Diagnostic::error(self.message).hint(self.hint), self.span)
    }
}

/// Parses `arg` (`key.path=value`) written at position `start`. A value that starts like a list
/// or a mapping and is not valid YAML is an error (serde-saphyr's, located in the value's text);
/// anything else YAML cannot read is text.
pub fn parse(arg: &str, start: usize) -> Result<Assignment, Result<Problem, serde_saphyr::Error>> {
    let Some((key, text)) = arg.split_once('=') else {
        return Err(Ok(Problem {
            message: format!("expected `KEY=VALUE`, found `{arg}`"),
            span: start..start + arg.len(),
            hint: "write the key path, `=` and the value: `--set design.theme=modern`".to_owned(),
        }));
    };
    if key.split('.').count() > MAX_KEYS {
        return Err(Ok(Problem {
            message: format!("the key path has more than {MAX_KEYS} keys"),
            span: start..start + key.len(),
            hint: "a profile is a few levels deep; name a key like `design.theme`".to_owned(),
        }));
    }
    let mut path = Vec::new();
    let mut at = start;
    for name in key.split('.') {
        if name.trim().is_empty() {
            return Err(Ok(Problem {
                message: format!("`{key}` has an empty key"),
                span: at..at + name.len().max(1),
                hint: "write keys separated by single dots, like `design.theme`".to_owned(),
            }));
        }
        path.push(Key { name: name.trim().to_owned(), span: at..at + name.len() });
        at += name.len() + 1;
    }
    let value = value(text, start + key.len() + 1).map_err(Err)?;
    Ok(Assignment { path, value })
}

/// The value of a `--set`, read as YAML where it can be: a scalar, or a list or mapping written
/// in brackets (`[a, b]`, `{k: v}`); anything else is the text as written.
fn value(text: &str, start: usize) -> Result<Node, serde_saphyr::Error> {
    let span = start..start + text.len();
    let trimmed = text.trim();
    let literal = || Node::new(Value::Str(text.to_owned()), span.clone());
    if trimmed.is_empty() {
        return Ok(Node::new(Value::Null, span));
    }
    let bracketed = trimmed.starts_with(['[', '{']);
    match tree::read(text, start, super::yaml::options()) {
        // YAML reads `#8a1538` as a comment: a value that is not `null` is not nothing.
        Ok(Node { value: Value::Null, .. }) if !["~", "null", "Null", "NULL"].contains(&trimmed) => Ok(literal()),
        // `Analyst: first programmer` is a block mapping to YAML, and text to the user.
        Ok(Node { value: Value::Map(_) | Value::Seq(_), .. }) if !bracketed => Ok(literal()),
        Ok(node) => Ok(node),
        Err(e) if bracketed => Err(e),
        Err(_) => Ok(literal()),
    }
}

/// Applies `assignment` to `root`: the value is merged in at its path (a mapping key by key,
/// anything else replacing what is there); missing mappings on the way are made.
pub fn apply(root: &mut Node, assignment: Assignment) -> Result<(), Problem> {
    let Assignment { path, value } = assignment;
    let mut node = root;
    for (i, key) in path.iter().enumerate() {
        let written: Vec<&str> = path[..i].iter().map(|k| k.name.as_str()).collect();
        let so_far = written.join(".");
        if !matches!(node.value, Value::Seq(_) | Value::Map(_)) {
            // Nothing there, asked for an item: an empty list, which has none. Anything else that
            // is not a mapping is replaced by one (the later value wins).
            let list = matches!(node.value, Value::Null) && key.name.parse::<usize>().is_ok();
            let empty = if list { Value::Seq(Vec::new()) } else { Value::Map(Vec::new()) };
            *node = Node::new(empty, key.span.clone());
        }
        node = match &mut node.value {
            Value::Seq(items) => {
                let Ok(index) = key.name.parse::<usize>() else {
                    return Err(Problem {
                        message: format!("`{so_far}` is a list, and `{}` is not an item number", key.name),
                        span: key.span.clone(),
                        hint: format!(
                            "name an item by its number from 0 (`{so_far}.0`), or set the whole list: `{so_far}=[…]`"
                        ),
                    });
                };
                let count = items.len();
                let Some(item) = items.get_mut(index) else {
                    let have = match count {
                        0 => "no items".to_owned(),
                        1 => "one item (number 0)".to_owned(),
                        n => format!("{n} items (numbers 0 to {})", n - 1),
                    };
                    return Err(Problem {
                        message: format!("`{so_far}` has {have}, so there is no item `{index}`"),
                        span: key.span.clone(),
                        hint: format!("items are numbered from 0; to add one, set the whole list: `{so_far}=[…]`"),
                    });
                };
                item
            }
            Value::Map(entries) => {
                let at = match entries.iter().position(|e| e.key.name == key.name) {
                    Some(at) => at,
                    None => {
                        entries.push(Entry { key: key.clone(), value: Node::new(Value::Null, key.span.clone()) });
                        entries.len() - 1
                    }
                };
                &mut entries[at].value
            }
            _ => unreachable!("a value that is not a list was made a mapping above"),
        };
    }
    tree::merge(node, value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> Node {
        super::tree::read(text, 0, serde_saphyr::Options::default()).unwrap()
    }

    fn set(root: &mut Node, arg: &str) -> Result<(), Problem> {
        apply(root, parse(arg, 100).map_err(|e| e.unwrap())?)
    }

    #[test]
    fn values_are_typed_by_yaml_and_located_on_the_command_line() {
        let mut root = tree("name: Ada\npublications: {lists: [{title: A}, {title: B}]}\n");
        set(&mut root, "design.theme=modern").unwrap();
        set(&mut root, "design.accent=#8a1538").unwrap();
        set(&mut root, "max_pages=2").unwrap();
        set(&mut root, "hide=[talks, service]").unwrap();
        set(&mut root, "publications.lists.1.prefix=S").unwrap();
        assert_eq!(root.at(&["design", "theme"]).unwrap().text(), Some("modern"));
        assert_eq!(root.at(&["design", "accent"]).unwrap().text(), Some("#8a1538"));
        assert!(matches!(root.get("max_pages").unwrap().value, Value::Uint(2, _)));
        assert_eq!(root.get("hide").unwrap().items().len(), 2);
        let prefix = root.at(&["publications", "lists", "1", "prefix"]).unwrap();
        assert_eq!(prefix.span, 128..129, "the value's place on the command line");
        assert_eq!(root.at(&["publications", "lists", "1", "title"]).unwrap().text(), Some("B"));
        let key = root.at(&["design"]).unwrap().entry("theme").unwrap();
        assert_eq!(key.key.span, 107..112);
    }

    #[test]
    fn wrong_paths_are_explained() {
        let mut root = tree("name: Ada\npublications: {lists: [{title: A}]}\n");
        let p = set(&mut root, "publications.lists.3.prefix=S").unwrap_err();
        assert_eq!(p.message, "`publications.lists` has one item (number 0), so there is no item `3`");
        assert_eq!(p.span, 119..120);
        let p = set(&mut root, "publications.lists.first.prefix=S").unwrap_err();
        assert_eq!(p.message, "`publications.lists` is a list, and `first` is not an item number");
        let p = set(&mut root, "design.fonts.0=x").unwrap_err();
        assert_eq!(p.message, "`design.fonts` has no items, so there is no item `0`");
        let p = set(&mut root, "publications.lists.first.prefix=S").unwrap_err();
        assert_eq!(p.message, "`publications.lists` is a list, and `first` is not an item number");
        assert!(parse("design..theme=x", 0).is_err());
        assert!(matches!(parse("hide=[talks", 0), Err(Err(_))));
        assert_eq!(
            check_syntax("design.theme").unwrap_err(),
            "expected `KEY=VALUE` (e.g. `design.theme=modern`), found `design.theme`"
        );
        assert!(check_syntax("phone=").is_ok());
        let deep = format!("{}=1", vec!["a"; 1_000_000].join("."));
        assert_eq!(parse(&deep, 0).unwrap_err().unwrap().message, "the key path has more than 64 keys");
    }

    #[test]
    fn null_removes_and_text_stays_text() {
        let mut root = tree("name: Ada\nphone: '1'\n");
        set(&mut root, "phone=").unwrap();
        assert_eq!(root.get("phone").unwrap().value, Value::Null);
        set(&mut root, "headline=Analyst: first programmer").unwrap();
        assert_eq!(root.get("headline").unwrap().text(), Some("Analyst: first programmer"));
    }
}
