//! Located YAML values: a profile file read into a tree of [`Node`]s, each knowing where it was
//! written, so that several files can be merged ([`merge`]) and changed by path (`--set`) before
//! the result is typed ([`super::typed`]) and every error still points at its own file.
//!
//! A position is a byte offset in the run's *profile sources*: the profile files one after the
//! other, then the command line, each starting at its own base ([`super::origin::Origin`] turns a
//! position back into a file and an offset in it). The main profile starts at 0, so with one file
//! a position is simply an offset in it.
//!
//! Reading goes through serde-saphyr with the reader's limits ([`super::yaml`]): the same YAML
//! 1.1 scalar rules, aliases and merge keys as before. A plain scalar that YAML reads as a number
//! or a boolean keeps its text too (`0123` is the text `0123` for a phone number and 123 for a
//! number). Merging is linear in the sizes of the two trees. Pure: text in, values out.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};

/// A value and where it was written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where it was written: a range of positions (see the module doc). A block mapping's is
    /// empty, at its first key.
    pub span: Range<usize>,
    /// One-based line in its own file (0 when it was not written in a file).
    pub line: u32,
    /// One-based column in its own file (0 when it was not written in a file).
    pub column: u32,
}

/// A YAML value.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Value {
    /// `~`, `null` or nothing.
    #[default]
    Null,
    /// A scalar YAML reads as a boolean (`true`, `yes`), with its text.
    Bool(bool, Box<str>),
    /// A scalar YAML reads as a negative integer, with its text.
    Int(i64, Box<str>),
    /// A scalar YAML reads as a non-negative integer, with its text.
    Uint(u64, Box<str>),
    /// A scalar YAML reads as a floating-point number, with its text.
    Float(f64, Box<str>),
    /// Text (plain or quoted).
    Str(String),
    /// A list.
    Seq(Vec<Node>),
    /// A mapping, its keys in the order written.
    Map(Vec<Entry>),
}

/// One `key: value` of a mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key.
    pub key: Key,
    /// The value.
    pub value: Node,
}

/// A mapping's key and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    /// The key's text.
    pub name: String,
    /// Where it was written (a range of positions).
    pub span: Range<usize>,
}

impl Node {
    /// A node of `value` written at `span` (line and column unknown).
    pub fn new(value: Value, span: Range<usize>) -> Self {
        Self { value, span, line: 0, column: 0 }
    }

    /// A node with this one's place and no value.
    pub fn clone_empty(&self) -> Node {
        Node { value: Value::Null, span: self.span.clone(), line: self.line, column: self.column }
    }

    /// Where errors about the node point: its span, or for a block mapping (whose span is empty)
    /// its first key.
    pub fn place(&self) -> Range<usize> {
        match &self.value {
            Value::Map(entries) if self.span.is_empty() => {
                entries.first().map_or(self.span.clone(), |e| e.key.span.clone())
            }
            _ => self.span.clone(),
        }
    }

    /// The value at `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    /// The entry of `key` of a mapping, with its key.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|e| e.key.name == key),
            _ => None,
        }
    }

    /// The value at `key` of a mapping, to change.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Node> {
        match &mut self.value {
            Value::Map(entries) => entries.iter_mut().find(|e| e.key.name == key).map(|e| &mut e.value),
            _ => None,
        }
    }

    /// Removes `key` from a mapping; its entry, if it was there.
    pub fn remove(&mut self, key: &str) -> Option<Entry> {
        match &mut self.value {
            Value::Map(entries) => entries.iter().position(|e| e.key.name == key).map(|i| entries.remove(i)),
            _ => None,
        }
    }

    /// The node at `path`: keys of mappings, and item numbers (from 0) of lists
    /// (`["honors", "2", "url"]`).
    pub fn at(&self, path: &[&str]) -> Option<&Node> {
        let mut node = self;
        for segment in path {
            node = match &node.value {
                Value::Map(_) => node.get(segment)?,
                Value::Seq(items) => items.get(segment.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// The items of a list (none for anything else).
    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Seq(items) => items,
            _ => &[],
        }
    }

    /// The entries of a mapping (none for anything else).
    pub fn entries(&self) -> &[Entry] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    /// A scalar's text as a text field reads it: text as written, a number or a boolean as its
    /// plain text; `None` for null, lists and mappings.
    pub fn text(&self) -> Option<&str> {
        match &self.value {
            Value::Str(text) => Some(text),
            Value::Bool(_, raw) | Value::Int(_, raw) | Value::Uint(_, raw) | Value::Float(_, raw) => Some(raw),
            _ => None,
        }
    }

    /// What the node is, in the words of messages (`text`, `a list`).
    pub fn kind(&self) -> &'static str {
        match &self.value {
            Value::Null => "nothing",
            Value::Bool(..) => "a boolean",
            Value::Int(..) | Value::Uint(..) | Value::Float(..) => "a number",
            Value::Str(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// Merges `over` into `base`, as a later profile file is merged into the ones before it: two
/// mappings are merged key by key (a key of `over` that `base` has is merged in turn, a new one is
/// added after `base`'s keys); anything else in `over` (a list, a scalar, `null`) replaces what
/// `base` has. Linear: each mapping of `base` that `over` reaches is indexed once.
pub fn merge(base: &mut Node, over: Node) {
    match (&mut base.value, over.value) {
        (Value::Map(entries), Value::Map(overs)) => {
            let mut index: HashMap<String, usize> =
                entries.iter().enumerate().map(|(i, e)| (e.key.name.clone(), i)).collect();
            for entry in overs {
                match index.get(&entry.key.name) {
                    Some(&i) => merge(&mut entries[i].value, entry.value),
                    None => {
                        index.insert(entry.key.name.clone(), entries.len());
                        entries.push(entry);
                    }
                }
            }
        }
        (_, value) => *base = Node { value, span: over.span, line: over.line, column: over.column },
    }
}

/// Reads YAML text into a tree whose positions start at `base`. Errors are serde-saphyr's,
/// located in `text` (not shifted by `base`).
pub fn read(text: &str, base: usize, options: serde_saphyr::Options) -> Result<Node, serde_saphyr::Error> {
    let raw: Spanned<Raw> = serde_saphyr::from_str_with_options(text, options)?;
    Ok(convert(raw, text, base))
}

/// The tree serde-saphyr gives, before positions are shifted and texts attached.
enum Raw {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<String>, Spanned<Raw>)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RawVisitor;
        impl<'de> Visitor<'de> for RawVisitor {
            type Value = Raw;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a YAML value")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Raw, E> {
                Ok(Raw::Bool(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Raw, E> {
                Ok(if v >= 0 { Raw::Uint(v as u64) } else { Raw::Int(v) })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Raw, E> {
                Ok(Raw::Uint(v))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Raw, E> {
                // Beyond 64 bits: no profile value is a number that large; keep it as text.
                Ok(Raw::Str(v.to_string()))
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Raw, E> {
                Ok(Raw::Str(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Raw, E> {
                Ok(Raw::Float(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Raw, E> {
                Ok(Raw::Str(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Raw, E> {
                Ok(Raw::Str(v))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Raw, E> {
                Ok(Raw::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Raw, E> {
                Ok(Raw::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Raw, D::Error> {
                Raw::deserialize(deserializer)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Raw::Seq(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Raw::Map(entries))
            }
        }
        deserializer.deserialize_any(RawVisitor)
    }
}

/// The byte range of a serde-saphyr location in `text`, clamped to it. (Its offsets are bytes
/// for text input, whatever its docs say: see `yaml`'s test of spans after non-ASCII text.)
fn range(location: &Location, text: &str) -> Range<usize> {
    let span = location.span();
    let start = span.offset().min(text.len());
    start..(span.offset() + span.len()).min(text.len()).max(start)
}

fn convert(raw: Spanned<Raw>, text: &str, base: usize) -> Node {
    let at = range(&raw.referenced, text);
    // A scalar's text is where it is defined (an alias's value is at its anchor).
    let written = || -> Box<str> { text.get(range(&raw.defined, text)).unwrap_or_default().trim().into() };
    let value = match raw.value {
        Raw::Null => Value::Null,
        Raw::Bool(b) => Value::Bool(b, written()),
        Raw::Int(i) => Value::Int(i, written()),
        Raw::Uint(u) => Value::Uint(u, written()),
        Raw::Float(f) => Value::Float(f, written()),
        Raw::Str(s) => Value::Str(s),
        Raw::Seq(items) => Value::Seq(items.into_iter().map(|item| convert(item, text, base)).collect()),
        Raw::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(key, value)| {
                    let span = range(&key.referenced, text);
                    Entry {
                        key: Key { name: key.value, span: base + span.start..base + span.end },
                        value: convert(value, text, base),
                    }
                })
                .collect(),
        ),
    };
    Node {
        value,
        span: base + at.start..base + at.end,
        line: raw.referenced.line() as u32,
        column: raw.referenced.column() as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str, base: usize) -> Node {
        read(text, base, serde_saphyr::Options::default()).expect("YAML")
    }

    #[test]
    fn positions_start_at_the_base_and_scalars_keep_their_text() {
        let text = "phone: 0123\nname: Ada\nlist: [1, yes]\n";
        let node = tree(text, 100);
        let phone = node.get("phone").unwrap();
        assert_eq!(phone.text(), Some("0123"));
        assert_eq!(phone.span, 107..111);
        assert_eq!(node.entry("name").unwrap().key.span, 112..116);
        assert_eq!(node.at(&["list", "1"]).unwrap().value, Value::Bool(true, "yes".into()));
        assert_eq!((phone.line, phone.column), (1, 8));
    }

    #[test]
    fn an_alias_keeps_the_text_of_its_anchor() {
        let node = tree("a: &x 007\nb: *x\n", 0);
        assert_eq!(node.get("b").unwrap().text(), Some("007"));
    }

    #[test]
    fn maps_merge_key_by_key_and_lists_are_replaced() {
        let mut base = tree("name: A\ndesign: {theme: classic, font_size: 10}\nhide: [talks]\n", 0);
        let over = tree("design: {theme: modern}\nhide: [service]\nphone: '1'\n", 50);
        merge(&mut base, over);
        let keys: Vec<&str> = base.entries().iter().map(|e| e.key.name.as_str()).collect();
        assert_eq!(keys, ["name", "design", "hide", "phone"]);
        assert_eq!(base.at(&["design", "theme"]).unwrap().text(), Some("modern"));
        assert_eq!(base.at(&["design", "font_size"]).unwrap().text(), Some("10"));
        let hide: Vec<_> = base.get("hide").unwrap().items().iter().filter_map(Node::text).collect();
        assert_eq!(hide, ["service"]);
        assert!(base.get("phone").unwrap().span.start >= 50, "the phone is located in the second file");
    }

    #[test]
    fn merging_many_keys_is_linear() {
        // 20,000 keys on each side: an index per mapping, not a search per key.
        let base: String = (0..20_000).map(|i| format!("k{i}: {i}\n")).collect();
        let over: String = (0..20_000).map(|i| format!("k{}: x\n", i * 2)).collect();
        let options = || serde_saphyr::Options {
            budget: Some(serde_saphyr::Budget { max_events: 1_000_000, max_nodes: 1_000_000, ..Default::default() }),
            ..serde_saphyr::Options::default()
        };
        let mut base_tree = read(&base, 0, options()).unwrap();
        let over_tree = read(&over, base.len() + 1, options()).unwrap();
        let started = std::time::Instant::now();
        merge(&mut base_tree, over_tree);
        assert_eq!(base_tree.entries().len(), 30_000);
        assert!(started.elapsed() < std::time::Duration::from_secs(2), "{:?}", started.elapsed());
    }
}
